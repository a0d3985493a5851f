//! The batch commands, run as a đảng ủy would: template, fill, assess.

mod common;
use std::process::Command;

fn site_gen(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .args(args)
        .args(["--content", common::fixture().to_str().unwrap()])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn write(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap().to_string();
    (dir, p)
}

/// A CSV row for the fixture plan, every column in template order.
fn row(name: &str, ket_nap: &str, httnv: &str) -> String {
    let months = ["tot"; 12].join(",");
    format!("{name},2025,{ket_nap},HTTNV,{months},khong,{httnv},20,0.5\n")
}

#[test]
fn rules_lists_every_answer() {
    let (code, out, _) = site_gen(&["rules", "--plan", "alpha"]);
    assert_eq!(code, 0);
    for id in [
        "ket-nap",
        "xep-loai",
        "sinh-hoat-thang.t12",
        "dv-httnv.so",
        "dv-httnv.tong",
        "bo-hoc",
        "vi-pham",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(id)),
            "{id} not listed:\n{out}"
        );
    }
    assert!(out.contains("HTXSNV | HTTNV | HTNV | KHTNV"));
}

#[test]
fn template_then_assess_table_and_json() {
    let (code, header, _) = site_gen(&["template", "--plan", "alpha", "--unit", "chi-bo"]);
    assert_eq!(code, 0);
    assert!(header.starts_with("ten-don-vi,nam,ket-nap,"));
    assert!(
        !header.contains("chi-bo-bon-tot"),
        "đảng bộ-only columns are not in the chi bộ template"
    );
    let csv = format!(
        "{header}{}{}",
        row("Chi bộ 1", "3", "20"),
        row("Chi bộ 2", "1", "19")
    );
    let (_d, file) = write("chi-bo.csv", &csv);

    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", "--unit", "chi-bo", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Chi bộ 1 (Chi bộ, 2025): đạt “bốn tốt”, 4/4 tiêu chí"),
        "{out}"
    );
    assert!(
        out.contains("Chi bộ 2 (Chi bộ, 2025): CHƯA ĐẠT “bốn tốt”, 2/4 tiêu chí"),
        "{out}"
    );
    assert!(
        out.contains("✗ Kết nạp ít nhất 02 đảng viên: Chưa đạt: 1"),
        "{out}"
    );

    let (code, out, _) = site_gen(&["assess", "--plan", "alpha", "--format", "json", &file]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["name"], "Chi bộ 1");
    assert_eq!(lines[0]["verdict"]["status"], "pass");
    assert_eq!(lines[1]["verdict"]["status"], "fail");
    assert_eq!(lines[1]["criteria_met"], 2);
}

#[test]
fn bad_cells_are_reported_with_row_and_column() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let csv = format!(
        "{header}{}{}",
        row("Chi bộ 1", "1.000", "20"),
        row("Chi bộ 2", "3", "21").replace(",0.5", ",101")
    );
    let (_d, file) = write("bad.csv", &csv);
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("row 2, column 3 `ket-nap`: Nhập số nguyên không âm"),
        "{err}"
    );
    assert!(
        err.contains("row 3, column 18 `dv-httnv.so`: Số này không được lớn hơn tổng số."),
        "{err}"
    );
    assert!(
        err.contains("row 3, column 20 `bo-hoc`: Tỷ lệ phần trăm phải từ 0 đến 100."),
        "{err}"
    );
}

#[test]
fn unknown_column_is_an_error() {
    let (_d, file) = write(
        "x.csv",
        "ten-don-vi,nam,ket-nap,so-dien-thoai\nA,2025,3,0900\n",
    );
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1);
    assert!(
        err.contains("row 1, column 4 `so-dien-thoai`: unknown column"),
        "{err}"
    );
}

#[test]
fn a_short_row_is_an_error() {
    let (_d, file) = write("x.csv", "ten-don-vi,nam,ket-nap\nA,2025,3\nB,2025\n");
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1);
    assert!(err.contains("row 3"), "{err}");
}

#[test]
fn assesses_a_file_exported_by_the_app() {
    let json = r#"{"format":"bontot-answers","plan":"alpha","version":1,"unit":"dang-bo","name":"Đảng bộ X","year":"2025",
        "values":{"ket-nap":"3","xep-loai":"HTTNV","vi-pham":"khong","dv-httnv.so":"40","dv-httnv.tong":"40","bo-hoc":"0,2"},
        "members":[{"name":"A","bon_tot":true},{"name":"B","bon_tot":true},{"name":"C","bon_tot":true},{"name":"D","bon_tot":false}]}"#;
    let (_d, file) = write("dang-bo.json", json);
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", "--format", "json", &file]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["unit"], "dang-bo");
    let gate = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "ba-phan-tu")
        .unwrap();
    assert_eq!(
        gate["status"], "pass",
        "3 of 4 chi bộ reach the 3/4 gate: {gate}"
    );
    // The monthly ratings were not given: the verdict stays open.
    assert_eq!(v["verdict"]["status"], "missing");
}

#[test]
fn a_file_for_another_plan_is_refused() {
    let json = r#"{"format":"bontot-answers","plan":"beta","version":1,"unit":"chi-bo"}"#;
    let (_d, file) = write("other.json", json);
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1);
    assert!(err.contains("kế hoạch “beta”"), "{err}");
}

#[test]
fn unknown_plan_names_the_plans() {
    let (code, _, err) = site_gen(&["rules", "--plan", "gamma"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no plan \"gamma\"; the plans are: alpha"),
        "{err}"
    );
}
