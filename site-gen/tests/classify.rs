//! `site-gen classify` and `template --classify` on the shipped national
//! rules (content/national/qd-366.*), run as a đảng ủy would: the bands at
//! their edges, the regime picked by the year, the cap at its edge, and the
//! output formats read back.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn site_gen(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .args(args)
        .args(["--content", content().to_str().unwrap()])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn header() -> Vec<String> {
    let (code, out, err) = site_gen(&["template", "--classify", "--year", "2025"]);
    assert_eq!(code, 0, "{err}");
    out.trim().split(',').map(str::to_string).collect()
}

/// A 2B member with every condition met and no KHTNV case, then `set`.
fn member(name: &str, group: &str, points: &str, set: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert("ten".into(), name.into());
    m.insert("doi-tuong".into(), "2B".into());
    m.insert("nhom".into(), group.into());
    m.insert("diem".into(), points.into());
    for id in [
        "hoan-thanh-100",
        "dung-han",
        "chat-luong",
        "vuot-30",
        "tien-do-20",
        "khac-phuc-100",
    ] {
        m.insert(id.into(), "co".into());
    }
    for id in [
        "dv-suy-thoai",
        "dv-ky-luat",
        "dv-dieu-khong-duoc-lam",
        "dv-neu-guong",
        "dv-tren-50",
    ] {
        m.insert(id.into(), "khong".into());
    }
    for (k, v) in set {
        m.insert(k.to_string(), v.to_string());
    }
    m
}

fn csv(rows: &[BTreeMap<String, String>]) -> (tempfile::TempDir, String) {
    let head = header();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&head).unwrap();
    for r in rows {
        let cells: Vec<&str> = head
            .iter()
            .map(|h| r.get(h).map_or("", String::as_str))
            .collect();
        w.write_record(&cells).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xep-loai.csv");
    std::fs::write(&path, w.into_inner().unwrap()).unwrap();
    let p = path.to_str().unwrap().to_string();
    (dir, p)
}

/// Each row's level from `--format json` (null when none is given).
fn levels(out: &str) -> Vec<(String, Option<String>)> {
    out.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v.get("ten").is_some())
        .map(|v| {
            (
                v["ten"].as_str().unwrap().to_string(),
                v["muc"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn the_template_names_every_question_and_the_year_picks_the_rules() {
    let head = header();
    for col in [
        "ten",
        "doi-tuong",
        "nhom",
        "diem",
        "vuot-30",
        "dv-tren-50",
        "tt-bat-kha-khang",
    ] {
        assert!(head.iter().any(|h| h == col), "{col} missing: {head:?}");
    }
    let (code, later, _) = site_gen(&["template", "--classify", "--year", "2031"]);
    assert_eq!(code, 0);
    assert_eq!(later.trim().split(',').count(), head.len());
    // 2024 is QĐ 124's year, not encoded: said, not guessed.
    let (code, out, err) = site_gen(&["template", "--classify", "--year", "2024"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("124-QĐ/TW") && err.contains("2024"), "{err}");
}

#[test]
fn bands_at_their_edges() {
    let edges = [
        ("49", Some("KHTNV")),
        ("49,9", Some("KHTNV")),
        ("50", Some("HTNV")),
        ("69", Some("HTNV")),
        ("69.5", Some("HTNV")),
        ("70", Some("HTTNV")),
        ("89", Some("HTTNV")),
        ("89,99", Some("HTTNV")),
        ("90", Some("HTXSNV")),
        ("100", Some("HTXSNV")),
    ];
    let rows: Vec<_> = edges.iter().map(|(p, _)| member(p, "g", p, &[])).collect();
    let (_dir, file) = csv(&rows);
    let (code, out, err) = site_gen(&["classify", "--year", "2025", "--format", "json", &file]);
    assert_eq!(code, 0, "{err}");
    let got = levels(&out);
    for ((p, want), (name, level)) in edges.iter().zip(&got) {
        assert_eq!(name, p);
        assert_eq!(level.as_deref(), *want, "{p} points");
    }
}

#[test]
fn conditions_and_cases_on_and_off() {
    let rows = vec![
        // 92 points without 30% exceeded: points and conditions disagree.
        member("vuot-30 off", "g", "92", &[("vuot-30", "khong")]),
        // A case alone puts a member at KHTNV whatever the points.
        member("ky-luat", "g", "95", &[("dv-ky-luat", "co")]),
        // ...and the remedied violation is left to the competent level.
        member(
            "tu-giac",
            "g",
            "95",
            &[("dv-ky-luat", "co"), ("dv-tu-giac-khac-phuc", "co")],
        ),
        // A case unanswered: not decided.
        member("chua-tra-loi", "g", "95", &[("dv-tren-50", "")]),
        // 75 points but tasks not all done: no level's conditions hold.
        member("khong-muc-nao", "g", "75", &[("hoan-thanh-100", "khong")]),
    ];
    let (_dir, file) = csv(&rows);
    let (code, out, err) = site_gen(&["classify", "--year", "2025", &file]);
    assert_eq!(code, 0, "{err}");
    let block = |name: &str| -> String {
        out.split("\n\n")
            .find(|b| b.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {out}"))
            .to_string()
    };
    // What the rules leave open is said once, before the rows.
    assert!(
        out.contains("Quy định chưa rõ: Khi tổng điểm thuộc một mức"),
        "{out}"
    );
    let b = block("vuot-30 off");
    assert!(
        b.contains("CHƯA XẾP ĐƯỢC") && b.contains("không tự chọn"),
        "{b}"
    );
    assert!(b.contains("vuot-30"), "{b}");
    assert!(block("ky-luat").contains(": KHTNV"));
    let b = block("tu-giac");
    assert!(
        b.contains(": KHTNV") && b.contains("cấp có thẩm quyền xem xét"),
        "{b}"
    );
    let b = block("chua-tra-loi");
    assert!(
        b.contains("CHƯA ĐỦ THÔNG TIN") && b.contains("dv-tren-50"),
        "{b}"
    );
    let b = block("khong-muc-nao");
    assert!(b.contains("không mức nào đủ điều kiện"), "{b}");
}

#[test]
fn the_cap_at_its_edge() {
    let group = |name: &str, htxsnv: usize, httnv: usize| -> Vec<BTreeMap<String, String>> {
        let mut rows = Vec::new();
        for i in 0..htxsnv {
            rows.push(member(&format!("{name}-xs-{i}"), name, "95", &[]));
        }
        for i in 0..httnv {
            rows.push(member(&format!("{name}-t-{i}"), name, "80", &[]));
        }
        rows
    };
    let mut rows = group("tam", 2, 8);
    rows.extend(group("muoi", 2, 10));
    rows.extend(group("vuot", 3, 10));
    let (_dir, file) = csv(&rows);
    let (code, out, err) = site_gen(&["classify", "--year", "2025", &file]);
    assert_eq!(code, 0, "{err}");
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("CẢNH BÁO")).collect();
    // 2 among 8: over 20% of HTTNV alone, within when the 2 are counted;
    // within the 25% the competent level may allow.
    let tam = warnings.iter().find(|l| l.contains("“tam”")).unwrap();
    assert!(tam.contains("2 HTXSNV, 8 HTTNV"), "{tam}");
    assert!(
        tam.contains("tối đa 1") && tam.contains("tối đa 2"),
        "{tam}"
    );
    assert!(tam.contains("trong giới hạn 25%"), "{tam}");
    // 2 among 10: within under both counts, no warning.
    assert!(
        !warnings.iter().any(|l| l.contains("“muoi”")),
        "{warnings:?}"
    );
    // 3 among 10: over under both counts.
    let vuot = warnings.iter().find(|l| l.contains("“vuot”")).unwrap();
    assert!(vuot.contains(": vượt (tối đa 2"), "{vuot}");
    // JSON carries the counts and both findings.
    let (_, json, _) = site_gen(&["classify", "--year", "2025", "--format", "json", &file]);
    let tam: serde_json::Value = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["nhom"] == "tam" && v.get("htxsnv").is_some())
        .unwrap();
    assert_eq!(tam["htxsnv"], 2);
    assert_eq!(tam["httnv"], 8);
    assert_eq!(tam["trong-gioi-han"], false);
    assert_eq!(tam["trong-gioi-han-tinh-ca-htxsnv"], true);
}

#[test]
fn bad_cells_are_named_and_the_rest_classified() {
    let rows = vec![
        member("tot", "g", "80", &[]),
        member("diem-sai", "g", "tám mươi", &[]),
        member("doi-tuong-sai", "g", "80", &[("doi-tuong", "2D")]),
        member("khong-hoi", "g", "80", &[("ld-ky-luat", "co")]),
        member("qua-100", "g", "101", &[]),
    ];
    let (_dir, file) = csv(&rows);
    let (code, out, err) = site_gen(&["classify", "--year", "2025", &file]);
    assert_eq!(code, 3, "{err}");
    assert!(out.contains("tot (") && out.contains(": HTTNV"), "{out}");
    assert!(err.contains("hàng 3, cột 4 `diem`"), "{err}");
    assert!(err.contains("“2D” không phải đối tượng nào"), "{err}");
    assert!(err.contains("câu này không hỏi đối tượng 2B"), "{err}");
    assert!(err.contains("tổng điểm không quá 100"), "{err}");
    assert!(err.contains("4 hàng lỗi"), "{err}");
}

#[test]
fn csv_and_xlsx_round_trip() {
    let rows = vec![
        member("=cmd()", "g", "80", &[]),
        member("b", "g", "92", &[("vuot-30", "khong")]),
    ];
    let (dir, file) = csv(&rows);
    let (code, out, err) = site_gen(&["classify", "--year", "2025", "--format", "csv", &file]);
    assert_eq!(code, 0, "{err}");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 2);
    // A formula-like name is neutralised.
    assert_eq!(&recs[0][0], "'=cmd()");
    assert_eq!(&recs[0][3], "HTTNV");
    assert!(recs[1][3].starts_with("CHƯA XẾP ĐƯỢC"));

    let xlsx = dir.path().join("ket-qua.xlsx");
    let x = xlsx.to_str().unwrap();
    let (code, _, err) = site_gen(&[
        "classify", "--year", "2025", "--format", "xlsx", "-o", x, &file,
    ]);
    assert_eq!(code, 0, "{err}");
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(cells[0][3], "muc");
    assert_eq!(cells[1][3], "HTTNV");
    assert_eq!(cells.len(), 3);
    // The xlsx read back as input is refused with its header named.
    let (code, _, err) = site_gen(&["classify", "--year", "2025", x]);
    assert_eq!(code, 1);
    assert!(err.contains("cột không có trong QĐ 366-QĐ/TW"), "{err}");
}
