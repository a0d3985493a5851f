//! What a publisher adding a plan meets: messages in the rule file's
//! words that say what is near (ids, passages, field names), every problem
//! of a file at once, warnings where a page would silently lack its
//! calculator, the `anchors` and `test` commands, and the front matter's
//! kinds of published text, unknown numbers and yearly targets.

mod common;
use common::{build, edit, site};
use std::path::Path;
use std::process::Command;

/// The check's problems, one per line, with the folder's path cut.
fn problems(dir: &Path) -> Vec<String> {
    let Err(err) = site_gen::build::check(&dir.join("content")) else {
        panic!("the content is broken")
    };
    let prefix = format!("{}/", dir.join("content").display());
    err.0
        .iter()
        .map(|p| p.to_string().replace(&prefix, ""))
        .collect()
}

fn site_gen(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_wrong_anchor_lists_the_nearest_ids() {
    let dir = site();
    edit(
        dir.path(),
        "rules/alpha.toml",
        "cite = { anchor = \"muc-i-1\", quote = \"Kết nạp ít nhất 02 đảng viên\" }\n\n[[criteria]]",
        "cite = { anchor = \"muc-1-1\", quote = \"Kết nạp ít nhất 02 đảng viên\" }\n\n[[criteria]]",
    );
    assert_eq!(
        problems(dir.path()),
        [
            "rules/alpha.toml:12: anchor \"muc-1-1\" is not an id in this plan; the nearest ids are \"muc-i-1\", \"muc-i-2\", \"muc-i-3\", \"muc-i-4\"; `site-gen anchors --plan alpha` lists every id with the start of its text"
        ]
    );
}

#[test]
fn a_wrong_quote_shows_the_closest_passage() {
    let dir = site();
    edit(
        dir.path(),
        "rules/alpha.toml",
        "quote = \"Chi bộ đạt HTTNV trở lên\"",
        "quote = \"Chi bộ được xếp HTTNV trở lên\"",
    );
    assert_eq!(
        problems(dir.path()),
        [
            "rules/alpha.toml:82: the quote \"Chi bộ được xếp HTTNV trở lên\" is not in section \"muc-i-1\"; the closest passage is in \"muc-i-1-p2\": “Chi bộ đạt HTTNV trở lên.”; copy the words exactly as the plan writes them"
        ]
    );
}

#[test]
fn a_quote_in_another_section_names_where_it_is() {
    let dir = site();
    edit(
        dir.path(),
        "rules/alpha.toml",
        "cite = { anchor = \"muc-i-1\", quote = \"Chi bộ đạt HTTNV trở lên\" }",
        "cite = { anchor = \"muc-i-2\", quote = \"Chi bộ đạt HTTNV trở lên\" }",
    );
    assert_eq!(
        problems(dir.path()),
        [
            "rules/alpha.toml:82: the quote \"Chi bộ đạt HTTNV trở lên\" is not in section \"muc-i-2\", but it is in \"muc-i-1-p2\" (Chi bộ đạt HTTNV trở lên.): set `anchor = \"muc-i-1-p2\"`, or the id of a heading above it"
        ]
    );
}

#[test]
fn comparators_are_named_as_the_rule_file_writes_them() {
    let dir = site();
    edit(
        dir.path(),
        "rules/alpha.toml",
        "op = \"at-least\", value = \"2\"",
        "op = \"above\", value = \"2\"",
    );
    assert_eq!(
        problems(dir.path()),
        [
            "rules/alpha.toml:74: `op` is \"above\" but the plan's words \"ít nhất 02\" say \"at-least\": write `op = \"at-least\"`, or quote other words"
        ]
    );
}

#[test]
fn every_problem_of_a_rule_file_at_once() {
    let dir = site();
    let d = dir.path();
    edit(d, "rules/alpha.toml", "value = \"2\"", "treshold = \"2\"");
    edit(d, "rules/alpha.toml", "op = \"below\"", "op = \"belwo\"");
    edit(
        d,
        "rules/alpha.toml",
        "name = \"bốn tốt\"",
        "nmae = \"bốn tốt\"",
    );
    let got = problems(d);
    assert_eq!(
        got,
        [
            "rules/alpha.toml:74: unknown field `treshold` in a test: remove it or use one of `input`, `expect`, `op`, `value`, `min`, `max`, `target`, `at_least`, `every_month`, `words`, `implicit`",
            "rules/alpha.toml:109: unknown variant `belwo`, expected one of `at-least`, `above`, `below`, `at-most`, `between`: did you mean `below`?",
            "rules/alpha.toml:122: unknown field `nmae` in the verdict: did you mean `name`? (its fields are `rule`, `name`, `cite`, `warning`, `lacks`)",
            "rules/alpha.toml:120: missing field `name`",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .tap_sort(),
    );
}

trait TapSort {
    fn tap_sort(self) -> Self;
}

impl TapSort for Vec<String> {
    /// Sorted as the problems are: by line, as numbers.
    fn tap_sort(mut self) -> Self {
        self.sort_by_key(|s| {
            s.split(':')
                .nth(1)
                .and_then(|l| l.parse::<usize>().ok())
                .unwrap_or(0)
        });
        self
    }
}

#[test]
fn a_plan_without_rules_or_a_build_without_calculator_is_a_warning() {
    let dir = site();
    std::fs::remove_file(dir.path().join("content/rules/alpha.toml")).unwrap();
    let c = site_gen::build::check(&dir.path().join("content")).unwrap();
    assert_eq!(c.warnings.len(), 1);
    let w = c.warnings[0].to_string();
    assert!(
        w.ends_with("plans/alpha.md: warning: no rule set rules/alpha.toml: the plan is published without a calculator (no self-assessment page); write one to add it (see content/rules/README.md)"),
        "{w}"
    );
    let stats = build(dir.path()).unwrap();
    assert_eq!(stats.warnings.len(), 2, "{:#?}", stats.warnings);
    assert!(stats.warnings[1].starts_with("warning: no calculator modules (--app DIR"));
    // The command line prints them, and succeeds.
    let content = dir.path().join("content");
    let (code, _, err) = site_gen(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: no rule set rules/alpha.toml"),
        "{err}"
    );
}

#[test]
fn anchors_lists_every_id_with_its_text() {
    let (code, out, _) = site_gen(&[
        "anchors",
        "--plan",
        "alpha",
        "--content",
        common::fixture().to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let head: Vec<&str> = out.lines().take(6).collect();
    assert_eq!(
        head,
        [
            "dau-van-ban-p1     Số 01-KH/ĐU",
            "tieu-de            KẾ HOẠCH thử xây dựng “chi bộ bốn tốt”",
            "  tieu-de-p1       Căn cứ Kế hoạch số 02-KH/ĐU, Đảng ủy xã xây dựng kế hoạch.",
            "  muc-i            I. TIÊU CHÍ",
            "    muc-i-1        1. Lãnh đạo hoàn thành tốt nhiệm vụ chính trị",
            "      muc-i-1-p1   Kết nạp ít nhất 02 đảng viên.",
        ]
    );
    assert!(
        out.contains(
            "      muc-i-4-p1   Có 100% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên; tỷ…\n"
        ),
        "{out}"
    );
    let (code, _, err) = site_gen(&[
        "anchors",
        "--plan",
        "alfa",
        "--content",
        common::fixture().to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with("alfa.md: no such plan; the plans are: alpha\n"),
        "{err}"
    );
}

#[test]
fn test_command_passes_on_the_real_content() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let (code, out, err) = site_gen(&["test", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(
            "ok      binh-tan (chi-bo): 46 answers at, just below and just above each threshold\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("ok      binh-tan (chi-bo): 256 random answers, each improved once: no result got worse\n"),
        "{out}"
    );
    assert!(out.ends_with("27 checks passed, 0 failed\n"), "{out}");
}

#[test]
fn test_command_fails_on_contradicting_rules_naming_the_lines() {
    let dir = site();
    // Passes `check` (the words are the plan's), but no answer can pass
    // both "100% đảng viên" and "dưới 1.0%" of the same members.
    edit(
        dir.path(),
        "rules/alpha.toml",
        "test = { input = \"bo-hoc\", op = \"below\"",
        "test = { input = \"dv-httnv\", op = \"below\"",
    );
    let content = dir.path().join("content");
    assert!(site_gen::build::check(&content).is_ok(), "check passes");
    let (code, out, err) = site_gen(&["test", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let rules = content.join("rules/alpha.toml");
    assert!(
        out.contains(&format!(
            "FAILED  alpha (chi-bo): answers that pass every test exist\n    {}:49: no answer to input \"dv-httnv\" passes all the tests that read it (\"httnv-100\" (line 98), \"bo-hoc-duoi-1\" (line 105)): they contradict each other\n",
            rules.display()
        )),
        "{out}"
    );
    assert!(out.ends_with("0 checks passed, 2 failed\n"), "{out}");
    assert_eq!(err, "site-gen test: 2 checks failed\n");
}

#[test]
fn test_command_stops_on_content_problems() {
    let dir = site();
    edit(
        dir.path(),
        "rules/alpha.toml",
        "op = \"at-least\", value = \"2\"",
        "op = \"at-least\", value = \"2\", target = \"ket-nap\"",
    );
    // `check` refuses a test with both `value` and `target`: `test` runs
    // nothing and names the problem.
    let content = dir.path().join("content");
    let (code, _, err) = site_gen(&["test", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("rules/alpha.toml:74:"), "{err}");
}

#[test]
fn front_matter_says_what_the_text_is() {
    let dir = site();
    let d = dir.path();
    edit(
        d,
        "plans/alpha.md",
        "number = \"01-KH/ĐU\"\n",
        "kind = \"trich\"\nsource_url = \"https://example.vn/bai-viet\"\n",
    );
    edit(
        d,
        "plans/alpha.md",
        "[signer]",
        "[[targets]]\ntext = \"Kết nạp ít nhất 02 đảng viên\"\nwho = \"Mỗi chi bộ\"\ncite = { anchor = \"muc-i-1\", quote = \"Kết nạp ít nhất 02 đảng viên\" }\n\n[signer]",
    );
    build(d).unwrap();
    let page = std::fs::read_to_string(d.join("dist/ke-hoach/alpha.html")).unwrap();
    assert!(
        page.contains("<p class=\"note editorial text-source\">Bốn Tốt ghi: Trích một phần văn bản, nguồn: <a href=\"https://example.vn/bai-viet\" rel=\"noopener\">https://example.vn/bai-viet</a>.</p>"),
        "{page}"
    );
    // An unknown number is left out, never "không ghi số".
    assert!(!page.contains("không ghi số"), "{page}");
    assert!(!page.contains("<dt>Số</dt>"), "{page}");
    assert!(
        page.contains("<h3 id=\"chi-tieu\">Chỉ tiêu hằng năm</h3>"),
        "{page}"
    );
    assert!(
        page.contains("<li>Kết nạp ít nhất 02 đảng viên (Mỗi chi bộ). <a href=\"#muc-i-1-p1\">Xem trong văn bản</a></li>"),
        "{page}"
    );
    assert!(page.contains("aria-label=\"Trích kế hoạch\""), "{page}");
    let home = std::fs::read_to_string(d.join("dist/index.html")).unwrap();
    assert!(!home.contains("Số: "), "{home}");

    // Said to bear no number: then, and only then, "Bản được công bố không ghi số".
    edit(
        d,
        "plans/alpha.md",
        "kind = \"trich\"",
        "kind = \"trich\"\nunnumbered = true",
    );
    build(d).unwrap();
    let page = std::fs::read_to_string(d.join("dist/ke-hoach/alpha.html")).unwrap();
    assert!(
        page.contains("<dt>Số</dt><dd>Bản được công bố không ghi số</dd>"),
        "{page}"
    );
}

#[test]
fn front_matter_mistakes_are_located() {
    let dir = site();
    let d = dir.path();
    edit(
        d,
        "plans/alpha.md",
        "period = \"2024-2025\"",
        "period = \"2024-2025\"\nkind = \"trích\"\nsource_url = \"example.vn\"\nunnumbered = true",
    );
    let got = problems(d);
    assert_eq!(
        got,
        [
            "plans/alpha.md:11: unknown variant `trích`, expected one of `van-ban`, `trich`, `tin-bai`: did you mean `trich`?"
        ]
    );
    edit(
        d,
        "plans/alpha.md",
        "kind = \"trích\"",
        "kind = \"tin-bai\"",
    );
    assert_eq!(
        problems(d),
        [
            "plans/alpha.md:12: `source_url` must start with http:// or https://, not \"example.vn\"",
            "plans/alpha.md:13: `unnumbered = true` says the document bears no number, but `number` is set: keep one of them",
        ]
    );
}
