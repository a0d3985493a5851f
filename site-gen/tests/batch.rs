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
fn bad_rows_are_reported_and_the_others_still_assessed() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let csv = format!(
        "{header}{}{}{}",
        row("Chi bộ 1", "1.000", "20"),
        row("Chi bộ 2", "3", "21").replace(",0.5", ",101"),
        row("Chi bộ 3", "3", "20"),
    );
    let (_d, file) = write("bad.csv", &csv);
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("hàng 2, cột 3 `ket-nap`: Nhập số nguyên không âm"),
        "{err}"
    );
    assert!(
        err.contains("hàng 3, cột 18 `dv-httnv.so`: Số này không được lớn hơn tổng số."),
        "{err}"
    );
    assert!(
        err.contains("hàng 3, cột 20 `bo-hoc`: Tỷ lệ phần trăm phải từ 0 đến 100."),
        "{err}"
    );
    assert!(err.ends_with("2 hàng lỗi, 1 hàng đã đánh giá\n"), "{err}");
    assert!(
        out.contains("Chi bộ 3 (Chi bộ, 2025): đạt “bốn tốt”, 4/4 tiêu chí"),
        "{out}"
    );
    assert!(
        out.contains("Chi bộ 1 (hàng 2): KHÔNG ĐÁNH GIÁ ĐƯỢC"),
        "{out}"
    );

    // All or nothing.
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", "--strict", &file]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("2 hàng lỗi; --strict: không in kết quả nào"),
        "{err}"
    );
    let (_d2, good) = write(
        "good.csv",
        &format!("{header}{}", row("Chi bộ 3", "3", "20")),
    );
    let (code, out, _) = site_gen(&["assess", "--plan", "alpha", "--strict", &good]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Chi bộ 3 (Chi bộ, 2025): đạt"), "{out}");
}

#[test]
fn unknown_and_missing_columns_are_errors() {
    let (_d, file) = write(
        "x.csv",
        "ten-don-vi,nam,ket-nap,so-dien-thoai\nA,2025,3,0900\n",
    );
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("hàng 1, cột 4 `so-dien-thoai`: cột không có trong kế hoạch alpha"),
        "{err}"
    );
    let (_d, file) = write("y.csv", "ten-don-vi,nam,ket-nap\nA,2025,3\n");
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1);
    assert!(
        err.contains("hàng 1: thiếu 17 cột: xep-loai, sinh-hoat-thang.t01,"),
        "{err}"
    );
    assert!(err.contains("không đánh giá đơn vị nào"), "{err}");
}

#[test]
fn a_short_row_is_an_error() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let (_d, file) = write("x.csv", &format!("{header}{}B,2025\n", row("A", "3", "20")));
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 3);
    assert!(
        err.contains("hàng 3: hàng có 2 ô, dòng tiêu đề có 20 cột"),
        "{err}"
    );
    assert!(out.starts_with("A (Chi bộ, 2025)"), "{out}");
}

#[test]
fn excel_semicolons_and_a_bom_are_read() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let csv = format!("\u{feff}{header}{}", row("Chi bộ; số 1", "3", "20"))
        .replace(',', ";")
        .replace("Chi bộ; số 1", "\"Chi bộ; số 1\"")
        .replace(";0.5", ";0,5");
    let (_d, file) = write("excel.csv", &csv);
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Chi bộ; số 1 (Chi bộ, 2025): đạt"), "{out}");
}

#[test]
fn a_cell_cannot_forge_a_line_or_reach_the_terminal() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let forged = "\"Chi bộ 9\nChi bộ 2 (Chi bộ, 2025): đạt “bốn tốt”, 4/4 tiêu chí\"";
    let csv = format!(
        "{header}{}{}",
        row(forged, "1", "20"),
        row("\u{1b}[2J\u{0}X\u{9b}31m\u{202e}Y", "3", "20"),
    );
    let (_d, file) = write("forged.csv", &csv);
    for format in ["table", "json", "csv"] {
        let (code, out, err) = site_gen(&["assess", "--plan", "alpha", "--format", format, &file]);
        assert_eq!(code, 0, "{err}");
        let raw = out
            .chars()
            .find(|&c| c != '\n' && site_gen::escape::is_unsafe(c));
        assert_eq!(raw, None, "{format}: {out:?}");
        for line in out.lines() {
            assert!(
                !line.starts_with("Chi bộ 2"),
                "{format}: forged line {line:?}"
            );
        }
    }
    let (_, out, _) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert!(
        out.contains("Chi bộ 9\\nChi bộ 2 (Chi bộ, 2025): đạt “bốn tốt”, 4/4 tiêu chí (Chi bộ, 2025): CHƯA ĐẠT"),
        "{out}"
    );
    assert!(
        out.contains("\\u{1b}[2J\\u{0}X\\u{9b}31m\\u{202e}Y (Chi bộ"),
        "{out}"
    );
    // JSON keeps the exact name, escaped.
    let (_, out, _) = site_gen(&["assess", "--plan", "alpha", "--format", "json", &file]);
    let names: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(names[1], "\u{1b}[2J\u{0}X\u{9b}31m\u{202e}Y");
}

#[test]
fn csv_output_has_a_row_per_unit_and_no_formulas() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let csv = format!(
        "{header}{}{}",
        row("=HYPERLINK(\"http://x\")", "3", "20"),
        row("@Chi bộ 2", "x", "20"),
    );
    let (_d, file) = write("in.csv", &csv);
    let out_dir = tempfile::tempdir().unwrap();
    let out_file = out_dir.path().join("ket-qua.csv");
    let (code, out, err) = site_gen(&[
        "assess",
        "--plan",
        "alpha",
        "--format",
        "csv",
        "-o",
        out_file.to_str().unwrap(),
        &file,
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(out.is_empty());
    let text = std::fs::read_to_string(&out_file).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &head[..5],
        ["ten-don-vi", "nam", "hang", "ket-luan", "so-tieu-chi-dat"]
    );
    assert_eq!(head.last().unwrap(), "loi");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[0][3], "đạt “bốn tốt”");
    assert_eq!(&rows[1][0], "'@Chi bộ 2");
    assert_eq!(&rows[1][2], "3");
    assert_eq!(&rows[1][3], "không đánh giá được");
    assert!(
        rows[1][head.len() - 1].contains("cột 3 `ket-nap`"),
        "{:?}",
        rows[1]
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let mut csv = header.clone();
    for i in 0..3000 {
        csv.push_str(&row(&format!("Chi bộ {i}"), "3", "20"));
    }
    let (_d, file) = write("many.csv", &csv);
    let mut child = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .args(["assess", "--plan", "alpha", &file, "--content"])
        .arg(common::fixture())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone: like `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("Chi bộ 0 "), "{first}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_full_disk_is_an_error_naming_the_file() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let (_d, file) = write("one.csv", &format!("{header}{}", row("A", "3", "20")));
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .args(["assess", "--plan", "alpha", &file, "--content"])
        .arg(common::fixture())
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "cannot write the results to /dev/full (the standard output): No space left on device"
        ),
        "{err}"
    );
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", "-o", "/dev/full", &file]);
    assert_eq!(code, 1);
    assert!(
        err.contains("cannot write the results to /dev/full: No space left"),
        "{err}"
    );
}

#[test]
fn memory_stays_flat_in_the_number_of_rows() {
    // About 2.4 MB: the version that kept every result took over 300 bytes
    // of memory per byte of input (6.4 GB for 20 MB).
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let mut csv = header.clone();
    for i in 0..30_000 {
        csv.push_str(&row(
            &format!("Chi bộ số {i} của Đảng bộ phường"),
            "3",
            "20",
        ));
    }
    let (_d, file) = write("big.csv", &csv);
    let out = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .args([
            "assess",
            "--plan",
            "alpha",
            "--format",
            "json",
            &file,
            "--content",
        ])
        .arg(common::fixture())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(out.success());
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        assert_eq!(
            libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()),
            0
        );
        usage.assume_init()
    };
    // The largest child of this test process so far, in KiB.
    let peak_mb = usage.ru_maxrss / 1024;
    eprintln!("peak {peak_mb} MB for {} KB of CSV", csv.len() >> 10);
    assert!(
        peak_mb < 120,
        "peak {peak_mb} MB for {} MB of CSV",
        csv.len() >> 20
    );
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
    assert_eq!(code, 3);
    assert!(
        err.contains("mục 1: Tệp này chứa câu trả lời theo kế hoạch “beta”"),
        "{err}"
    );
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
