//! Bad content stops the build with every problem, each with file:line and
//! a plain explanation, and leaves the previous output untouched.

mod common;
use common::{build, edit, site, tree};

/// Builds once (valid), breaks the content with `breakage`, builds again:
/// the build fails, names each expected `file:line: …` fragment, and the
/// first build's output is byte-identical afterwards.
fn fails_with(breakage: impl FnOnce(&std::path::Path), expected: &[&str]) {
    let dir = site();
    build(dir.path()).expect("the valid fixture builds");
    let before = tree(&dir.path().join("dist"));
    breakage(dir.path());
    let err = build(dir.path()).expect_err("the broken fixture must not build");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        !err.contains("no plan `plans/"),
        "a broken plan must not also orphan its rule set:\n{err}"
    );
    assert_eq!(
        tree(&dir.path().join("dist")),
        before,
        "the previous dist/ changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "partial output left behind: {leftovers:?}"
    );
}

#[test]
fn malformed_front_matter() {
    fails_with(
        |d| edit(d, "plans/alpha.md", "place = \"Thử\"", "place = \"Thử"),
        &["plans/alpha.md:6:"],
    );
}

#[test]
fn unclosed_front_matter() {
    fails_with(
        |d| edit(d, "plans/alpha.md", "+++\n\nSố 01", "\nSố 01"),
        &["plans/alpha.md:1: the front matter is not closed"],
    );
}

#[test]
fn unknown_field() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "period = \"2024-2025\"",
                "period = \"2024-2025\"\nperiode = \"x\"",
            )
        },
        &["plans/alpha.md:11: unknown field `periode`"],
    );
}

#[test]
fn wrong_type() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "units = [\"chi-bo\", \"dang-bo\"]",
                "units = \"chi-bo\"",
            )
        },
        &["plans/alpha.md:11:"],
    );
}

#[test]
fn bad_date() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "month = \"2024-12\"",
                "month = \"2024-13\"",
            )
        },
        &["plans/alpha.md:", "\"2024-13\" is not a month"],
    );
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "date = 2024-03-15",
                "date = 2024-02-30",
            )
        },
        &["plans/alpha.md:5:"],
    );
}

#[test]
fn deadline_with_two_dates() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "month = \"2024-12\"",
                "month = \"2024-12\"\ndate = 2024-12-01",
            )
        },
        &[
            "plans/alpha.md:",
            "only one of `date`, `month` and `yearly`",
        ],
    );
}

#[test]
fn basis_number_without_kind() {
    // "Thực hiện số 02-KH/ĐU" would lose what the document is.
    fails_with(
        |d| edit(d, "plans/alpha.md", "kind = \"Kế hoạch\"\n", ""),
        &["plans/alpha.md:19: a basis with a `number` needs its `kind`"],
    );
}

#[test]
fn duplicate_slug() {
    fails_with(
        |d| {
            std::fs::copy(
                d.join("content/plans/alpha.md"),
                d.join("content/plans/Alpha.md"),
            )
            .unwrap();
        },
        &["duplicate slug \"alpha\""],
    );
}

#[test]
fn link_to_missing_anchor_and_page() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "[tiêu chí](#muc-i)",
                "[tiêu chí](#muc-ix) và [khác](beta.md#muc-i)",
            );
        },
        &[
            "plans/alpha.md:86: link to an anchor that does not exist: #muc-ix in alpha.md",
            "plans/alpha.md:86: link to a plan that does not exist: beta.md",
        ],
    );
}

#[test]
fn script_link_is_refused() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "[tiêu chí](#muc-i)",
                "[tiêu chí](javascript:alert(1))",
            )
        },
        &["plans/alpha.md:86: link to \"javascript:alert(1)\" is not allowed"],
    );
}

#[test]
fn citation_not_in_section() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "quote = \"trước ngày 30/4/2024\"",
                "quote = \"trước ngày 31/4/2024\"",
            )
        },
        &["plans/alpha.md:33: the quote \"trước ngày 31/4/2024\" is not in section \"muc-ii-1\""],
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    fails_with(
        |d| {
            let p = d.join("content/plans/alpha.md");
            let mut bytes = std::fs::read(&p).unwrap();
            let at = bytes.windows(8).position(|w| w == b"## I. TI").unwrap();
            bytes.splice(at..at, [0xff, 0xfe, b'\n']);
            std::fs::write(&p, bytes).unwrap();
        },
        &["plans/alpha.md:65: not valid UTF-8"],
    );
}

#[test]
fn rule_set_problems_are_located() {
    fails_with(
        |d| {
            edit(
                d,
                "rules/alpha.toml",
                "op = \"below\", value = \"1.0\"",
                "op = \"above\", value = \"1.0\"",
            );
            edit(
                d,
                "rules/alpha.toml",
                "input = \"ket-nap\", op",
                "input = \"ket-nap-x\", op",
            );
        },
        &[
            "rules/alpha.toml:109: `op` is \"above\" but the plan's words \"dưới 1.0%\" say \"below\": write `op = \"below\"`",
            "rules/alpha.toml:74: no input with id \"ket-nap-x\"",
        ],
    );
}

#[test]
fn one_phrase_read_two_ways_is_located_at_each_place() {
    fails_with(
        |d| {
            let path = d.join("content/rules/alpha.toml");
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(
                r#"
[[readings]]
id = "a"
phrase = "it-nhat"
reads = "at-least"
words = "ít nhất 02"
cite = { anchor = "muc-i-1", quote = "Kết nạp ít nhất 02 đảng viên" }
chosen = "từ 2 trở lên"
alternative = "nhiều hơn 2"
changes = [{ indicator = "ket-nap-2", test = { input = "ket-nap", op = "above", value = "2" } }]

[[readings]]
id = "b"
phrase = "it-nhat"
reads = "strict"
words = "không có ở đây"
cite = { anchor = "muc-i-4", quote = "dưới 1.0%" }
chosen = "x"
alternative = "y"
changes = [{ indicator = "bo-hoc-duoi-1", unsure = "fail" }]
"#,
            );
            std::fs::write(&path, text).unwrap();
        },
        &[
            "rules/alpha.toml:140: reading \"a\" reads the phrase \"it-nhat\" as \"at-least\" but reading \"b\" reads it as \"strict\": one phrase, one reading, unless each place says why in `differs_because`",
            "rules/alpha.toml:150: reading \"b\" reads the phrase \"it-nhat\" as \"strict\" but reading \"a\"",
            "rules/alpha.toml:151: the words \"không có ở đây\" are not in the cited paragraph",
        ],
    );
}

#[test]
fn all_problems_at_once() {
    fails_with(
        |d| {
            edit(
                d,
                "plans/alpha.md",
                "period = \"2024-2025\"",
                "period = \"2024-2025\"\nperiode = \"x\"",
            );
            edit(d, "glossary.toml", "abbr = \"KH/ĐU\"", "abbr = \"HTTNV\"");
            edit(
                d,
                "site.toml",
                "language = \"vi\"",
                "language = \"vi\"\ncolour = 1",
            );
        },
        &[
            "plans/alpha.md:11: unknown field",
            "glossary.toml:6: \"HTTNV\" is listed twice",
            "site.toml:4: unknown field `colour`",
        ],
    );
}

#[test]
fn impossible_thresholds_are_located() {
    fails_with(
        |d| {
            // 101% on a percentage.
            edit(
                d,
                "rules/alpha.toml",
                "op = \"below\", value = \"1.0\"",
                "op = \"below\", value = \"101\"",
            );
            // A count below 0.
            edit(
                d,
                "rules/alpha.toml",
                "input = \"ket-nap\", op = \"at-least\", value = \"2\"",
                "input = \"ket-nap\", op = \"at-least\", value = \"-1\"",
            );
            // A value the quoted words do not state.
            edit(
                d,
                "rules/alpha.toml",
                "input = \"dv-httnv\", op = \"at-least\", value = \"100\"",
                "input = \"dv-httnv\", op = \"at-least\", value = \"90\"",
            );
            // And, reported with them, a base_url that is no web address.
            edit(
                d,
                "site.toml",
                "base_url = \"https://example.test/bontot/\"",
                "base_url = \"javascript:alert(1)\"",
            );
        },
        &[
            "rules/alpha.toml:74: `value` \"-1\" is less than a count can hold (whole numbers from 0)\n",
            "rules/alpha.toml:102: `value` is \"90\" but the plan's words \"100% đảng viên\" state 100%\n",
            "rules/alpha.toml:109: `value` \"101\" is more than a percentage can hold (0 to 100)\n",
            "site.toml:4: `base_url` must be an absolute http:// or https:// address such as \"https://bontot.example.vn/\", not \"javascript:alert(1)\"\n",
            "\n4 problems found",
        ],
    );
}

#[test]
fn base_url_must_be_an_absolute_web_address() {
    for bad in ["example.com", "ftp://x"] {
        fails_with(
            |d| {
                edit(
                    d,
                    "site.toml",
                    "base_url = \"https://example.test/bontot/\"",
                    &format!("base_url = {bad:?}"),
                )
            },
            &[
                &format!(
                    "site.toml:4: `base_url` must be an absolute http:// or https:// address such as \"https://bontot.example.vn/\", not {bad:?}\n"
                ),
                "\n1 problem found",
            ],
        );
    }
    fails_with(
        |d| {
            edit(
                d,
                "site.toml",
                "base_url = \"https://example.test/bontot/\"",
                "base_url = \"https://good.example@evil.example/\"",
            )
        },
        &[
            "site.toml:4: `base_url` \"https://good.example@evil.example/\" has a user name before its host",
        ],
    );
}

#[test]
fn unreadable_content_files_name_their_path() {
    // A plan that cannot be read is a problem, not a plan silently left out.
    fails_with(
        |d| {
            std::os::unix::fs::symlink(
                d.join("content/plans/missing-target.md"),
                d.join("content/plans/gone.md"),
            )
            .unwrap();
        },
        &["plans/gone.md: cannot read: "],
    );
}

/// Appends one `[[notes]]` entry, with the given lines, after the fixture's
/// last front-matter table: `[[notes]]` is on line 56, its first field on 57.
fn add_note(d: &std::path::Path, fields: &str) {
    let last = "cite = { anchor = \"muc-ii-2\", quote = \"01 bộ, gồm\" }\n";
    edit(
        d,
        "plans/alpha.md",
        last,
        &format!("{last}\n[[notes]]\n{fields}"),
    );
}

#[test]
fn bad_notes_are_located() {
    // A date that does not exist is the TOML parser's error, with its line.
    fails_with(
        |d| {
            add_note(
                d,
                "date = 2026-02-30\ntext = \"Ghi chú.\"\nsource = \"Báo\"\n",
            )
        },
        &["plans/alpha.md:57:"],
    );
    // A date given as words is a type error on its line.
    fails_with(
        |d| {
            add_note(
                d,
                "date = \"năm nay\"\ntext = \"Ghi chú.\"\nsource = \"Báo\"\n",
            )
        },
        &["plans/alpha.md:57:"],
    );
    // Empty text and source, a url that is not a web address: each on its line.
    fails_with(
        |d| {
            add_note(
                d,
                "date = 2026-12-06\ntext = \" \"\nsource = \"\"\nurl = \"javascript:alert(1)\"\n",
            )
        },
        &[
            "plans/alpha.md:58: a note's `text` must not be empty",
            "plans/alpha.md:59: a note's `source` must not be empty",
            "plans/alpha.md:60: a note's `url` must start with http:// or https://",
        ],
    );
    // A missing source, an unknown field: serde's errors, located.
    fails_with(
        |d| add_note(d, "date = 2026-12-06\ntext = \"Ghi chú.\"\n"),
        &["plans/alpha.md:56:", "missing field `source`"],
    );
    fails_with(
        |d| {
            add_note(
                d,
                "date = 2026-12-06\ntext = \"Ghi chú.\"\nsource = \"Báo\"\nlink = \"https://a.vn/\"\n",
            )
        },
        &["plans/alpha.md:60:", "unknown field `link`"],
    );
}
