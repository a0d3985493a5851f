//! The guide to writing rules: `rules --coverage` on the five plans and on
//! the fixture, and `new-rules` (printed, written, never over a file).

mod common;
use std::path::{Path, PathBuf};
use std::process::Command;

fn site_gen(content: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .args(args)
        .args(["--content", content.to_str().unwrap()])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn shipped() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The lines listed as not cited yet.
fn open_lines(report: &str) -> Vec<&str> {
    report
        .lines()
        .skip_while(|l| !l.starts_with("Chưa có quy tắc hay thời hạn nào trích dẫn:"))
        .skip(1)
        .take_while(|l| !l.starts_with("Đã được trích dẫn:"))
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn the_five_plans() {
    // (plan, sentences read as rules, of which not cited, a start of each)
    let expected: [(&str, usize, &[&str]); 5] = [
        ("binh-tan", 11, &[]),
        ("son-la", 4, &["Lựa chọn ít nhất 01 chi bộ"]),
        // Its Đảng bộ Khối's own yearly target is a front-matter target.
        ("ben-tre", 7, &[]),
        ("dien-bien", 0, &[]),
        ("nguyen-nghiem", 10, &[]),
    ];
    for (plan, total, open) in expected {
        let (code, out, err) = site_gen(&shipped(), &["rules", "--plan", plan, "--coverage"]);
        assert_eq!(code, 0, "{plan}: {err}");
        assert!(
            out.starts_with(&format!("Kế hoạch {plan}: {total} câu")),
            "{plan}: {out}"
        );
        let lines = open_lines(&out);
        assert_eq!(lines.len(), open.len(), "{plan}: {lines:#?}");
        for (line, start) in lines.iter().zip(open) {
            assert!(line.contains(start), "{plan}: {line}");
        }
    }
}

#[test]
fn a_sentence_no_rule_cites_is_listed() {
    let dir = common::site();
    let content = dir.path().join("content");
    let (code, before, err) = site_gen(&content, &["rules", "--plan", "alpha", "--coverage"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !open_lines(&before)
            .iter()
            .any(|l| l.contains("Kết nạp ít nhất 02")),
        "{before}"
    );
    // A sentence with a threshold added to the plan, cited by nothing.
    common::edit(
        dir.path(),
        "plans/alpha.md",
        "- Chi bộ đạt HTTNV trở lên.",
        "- Chi bộ đạt HTTNV trở lên.\n- Tỷ lệ đảng viên dự sinh hoạt đạt 95% trở lên.",
    );
    let (code, after, err) = site_gen(&content, &["rules", "--plan", "alpha", "--coverage"]);
    assert_eq!(code, 0, "{err}");
    let open = open_lines(&after);
    assert_eq!(open.len(), 1, "{after}");
    assert!(
        open[0].contains(
            "muc-i-1-p3  [tỷ lệ, so sánh]  Tỷ lệ đảng viên dự sinh hoạt đạt 95% trở lên."
        ),
        "{after}"
    );
}

#[test]
fn new_rules_prints_writes_and_never_replaces() {
    let dir = common::site();
    let content = dir.path().join("content");
    let (code, text, err) = site_gen(&content, &["new-rules", "--plan", "alpha"]);
    assert_eq!(code, 0, "{err}");
    // Valid TOML, the four criteria, a commented question per sentence.
    let v: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(v["criteria"].as_array().unwrap().len(), 4);
    assert_eq!(v["plan"].as_str(), Some("alpha"));
    assert!(
        text.contains("#   “Kết nạp ít nhất 02 đảng viên.”"),
        "{text}"
    );
    assert!(text.contains("# § "), "sections as comments");
    // --write refuses the existing rule file and changes nothing.
    let path = content.join("rules/alpha.toml");
    let before = std::fs::read(&path).unwrap();
    let (code, _, err) = site_gen(&content, &["new-rules", "--plan", "alpha", "--write"]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists; nothing was written"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Without one, it is written.
    std::fs::remove_file(&path).unwrap();
    let (code, _, err) = site_gen(&content, &["new-rules", "--plan", "alpha", "--write"]);
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(&path).unwrap();
    toml::from_str::<toml::Value>(&written).unwrap();
    // Nothing cites the plan now but its deadline.
    assert!(!written.contains("already cited by criterion"), "{written}");
    assert!(written.contains("#   “Kết nạp ít nhất 02 đảng viên.”"));
}
