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

/// The plan's notices, printed once at the top of the table.
const NOTICES: &str = "Lưu ý của kế hoạch: Kế hoạch thử: chỉ dùng cho kiểm thử.\n\n";

/// The table's units, after the plan's notices.
fn units(out: &str) -> &str {
    out.strip_prefix(NOTICES)
        .unwrap_or_else(|| panic!("no notices first: {out}"))
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
    assert!(
        units(&out).starts_with("Chi bộ 3 (Chi bộ, 2025): đạt"),
        "{out}"
    );
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
    assert!(units(&out).starts_with("A (Chi bộ, 2025)"), "{out}");
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
    assert!(
        units(&out).starts_with("Chi bộ; số 1 (Chi bộ, 2025): đạt"),
        "{out}"
    );
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
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    // The plan's notice and a blank line, then the first unit.
    for _ in 0..3 {
        first.clear();
        lines.read_line(&mut first).unwrap();
    }
    drop(lines);
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
            "không ghi được kết quả vào /dev/full (đầu ra chuẩn): No space left on device"
        ),
        "{err}"
    );
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", "-o", "/dev/full", &file]);
    assert_eq!(code, 1);
    assert!(
        err.contains("không ghi được kết quả vào /dev/full: No space left"),
        "{err}"
    );
}

#[test]
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its own rusage"
)]
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
    let child = Command::new(env!("CARGO_BIN_EXE_site-gen"))
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
        .spawn()
        .unwrap();
    // This child's own peak, not the largest of every child the test
    // process has had (the other tests run site-gen at the same time).
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: wait4 reaps the child we started and fills the struct given.
    let usage = unsafe {
        let pid = child.id() as libc::pid_t;
        assert_eq!(libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()), pid);
        usage.assume_init()
    };
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    // In KiB.
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
        err.contains("không có kế hoạch “gamma”; các kế hoạch: alpha"),
        "{err}"
    );
}

#[test]
fn the_table_shows_notices_once_warnings_and_rewards() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let csv = format!(
        "{header}{}{}",
        row("Chi bộ 1", "3", "20"),
        row("Chi bộ 2", "1", "19")
    );
    let (_d, file) = write("chi-bo.csv", &csv);
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 0, "{err}");
    let body = units(&out);
    assert!(
        !body.contains("Kế hoạch thử: chỉ dùng cho kiểm thử."),
        "the notice is printed once, not per unit: {out}"
    );
    let (one, two) = body.split_at(body.find("Chi bộ 2 (").unwrap());
    assert!(
        one.contains("    khen thưởng: đạt Đủ điều kiện để Đảng ủy xã xem xét khen thưởng (thử)."),
        "{out}"
    );
    assert!(
        one.contains("    lưu ý: Kế hoạch không nêu cách xếp loại khi đạt 4 tốt"),
        "{out}"
    );
    assert!(
        two.contains("    khen thưởng: CHƯA ĐẠT Đủ điều kiện"),
        "{out}"
    );
    assert!(
        two.contains("    lưu ý: Kế hoạch không nêu cách xếp loại khi đạt 2 tốt"),
        "{out}"
    );
}

#[test]
fn xlsx_needs_an_output_file() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let (_d, file) = write("one.csv", &format!("{header}{}", row("A", "3", "20")));
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", "--format", "xlsx", &file]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("--format xlsx ghi một tệp Excel: hãy chọn tệp bằng --output"),
        "{err}"
    );
}

/// Every cell of the first sheet of an xlsx file, as calamine reads it.
fn read_xlsx(path: &std::path::Path) -> (Vec<Vec<calamine::Data>>, usize) {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let formulas = book
        .worksheet_formula(&book.sheet_names()[0].clone())
        .unwrap();
    let n_formulas = formulas
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .count();
    (range.rows().map(<[_]>::to_vec).collect(), n_formulas)
}

#[test]
fn xlsx_output_has_a_row_per_unit_as_text() {
    use calamine::Data;
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let csv = format!(
        "{header}{}{}{}",
        row("=HYPERLINK(\"http://x\")", "3", "20"),
        row("\"Chi bộ\u{1b}[2J\n2\"", "1", "19"),
        row("Chi bộ 3", "x", "20"),
    );
    let (_d, file) = write("in.csv", &csv);
    let out_dir = tempfile::tempdir().unwrap();
    let out_file = out_dir.path().join("ket-qua.xlsx");
    let (code, out, err) = site_gen(&[
        "assess",
        "--plan",
        "alpha",
        "--format",
        "xlsx",
        "-o",
        out_file.to_str().unwrap(),
        &file,
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(out.is_empty());
    let (rows, formulas) = read_xlsx(&out_file);
    assert_eq!(formulas, 0, "no cell is a formula");
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not a string: {other:?}"),
    };
    let head: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        &head[..5],
        ["ten-don-vi", "nam", "hang", "ket-luan", "so-tieu-chi-dat"]
    );
    assert_eq!(
        &head[head.len() - 4..],
        ["khen-thuong", "luu-y", "cach-hieu", "loi"]
    );
    assert_eq!(rows.len(), 4, "a header and one row per unit: {rows:?}");
    let cell = |r: usize, name: &str| text(&rows[r][head.iter().position(|h| h == name).unwrap()]);
    // Every cell is a string, numbers included (the row number).
    assert_eq!(rows[1][2], Data::String("2".into()));
    assert_eq!(cell(1, "ten-don-vi"), "'=HYPERLINK(\"http://x\")");
    assert_eq!(cell(1, "ket-luan"), "đạt “bốn tốt”");
    assert_eq!(
        cell(1, "khen-thuong"),
        "đạt: Đủ điều kiện để Đảng ủy xã xem xét khen thưởng (thử)."
    );
    assert!(cell(1, "luu-y").starts_with("Kế hoạch không nêu cách xếp loại khi đạt 4 tốt"));
    assert_eq!(cell(2, "ten-don-vi"), "Chi bộ\\u{1b}[2J\\n2");
    assert!(cell(2, "luu-y").starts_with("Kế hoạch không nêu cách xếp loại khi đạt 2 tốt"));
    assert_eq!(cell(3, "ket-luan"), "không đánh giá được");
    assert!(cell(3, "loi").contains("cột 3 `ket-nap`"), "{rows:?}");
    for r in &rows {
        for c in r {
            assert!(!text(c).chars().any(site_gen::escape::is_unsafe), "{c:?}");
        }
    }
}

/// A spreadsheet made as a user would in Excel: the template's header,
/// then rows from `cells` (text, or a number where it parses as one).
fn xlsx_input(
    name: &str,
    columns: &[&str],
    rows: &[Vec<String>],
    more: impl FnOnce(&mut rust_xlsxwriter::Worksheet),
) -> (tempfile::TempDir, String) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in columns.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) => sheet.write_string(r, c, v).unwrap(),
            };
        }
    }
    more(sheet);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    book.save(&path).unwrap();
    let p = path.to_str().unwrap().to_string();
    (dir, p)
}

fn cells(name: &str, ket_nap: &str, httnv: &str) -> Vec<String> {
    let mut r: Vec<String> = row(name, ket_nap, httnv)
        .trim_end()
        .split(',')
        .map(String::from)
        .collect();
    r[0] = name.to_string();
    r.truncate(20);
    r
}

#[test]
fn a_spreadsheet_is_read_like_the_csv() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let columns: Vec<&str> = header.trim_end().split(',').collect();
    assert_eq!(columns.len(), 20);
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, 2).unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let rows = [
        cells("Chi bộ 1", "3", "20"),
        cells("Chi bộ 2", "x", "20"),
        cells("Chi bộ 3", "3", "20"),
        // 50% typed in Excel is stored as 0.5: below 1.0 here too.
        cells("Chi bộ 4", "1", "19"),
    ];
    // Named without an extension: found by its first bytes.
    let (_d, file) = xlsx_input("bang-tinh", &columns, &rows, |s| {
        s.write_datetime_with_format(3, 2, date, &date_format)
            .unwrap();
        // A blank, formatted row at the end is not a unit.
        s.write_blank(9, 0, &rust_xlsxwriter::Format::new().set_bold())
            .unwrap();
    });
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", "--format", "json", &file]);
    assert_eq!(code, 3, "{err}");
    let results: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), 2, "{out}");
    // Numbers read as typed: 2025, 3, 20 (not "2025.0"), 0.5.
    assert_eq!(results[0]["name"], "Chi bộ 1");
    assert_eq!(results[0]["year"], "2025");
    assert_eq!(results[0]["verdict"]["status"], "pass", "{out}");
    assert_eq!(results[1]["name"], "Chi bộ 4");
    assert_eq!(results[1]["criteria_met"], 2, "{out}");
    assert!(
        err.contains("hàng 3, cột 3 `ket-nap`: Nhập số nguyên không âm"),
        "{err}"
    );
    assert!(
        err.contains("hàng 4, cột 3 `ket-nap`: ô này là ngày tháng"),
        "{err}"
    );
    assert!(err.ends_with("2 hàng lỗi, 2 hàng đã đánh giá\n"), "{err}");

    // The same file as CSV gives the same table.
    let csv: String = rows
        .iter()
        .map(|r| r.join(",") + "\n")
        .collect::<String>()
        .replace("Chi bộ 3,2025,3,", "Chi bộ 3,2025,2025-03-02,");
    let (_d2, csv_file) = write("bang-tinh.csv", &format!("{header}{csv}"));
    let (_, csv_out, _) = site_gen(&["assess", "--plan", "alpha", &csv_file]);
    let (_, xlsx_out, _) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(xlsx_out, csv_out);

    // A column missing from the header is an error, not blank answers.
    let short: Vec<&str> = columns.iter().copied().filter(|c| *c != "bo-hoc").collect();
    let (_d3, file) = xlsx_input("thieu-cot.xlsx", &short, &[], |_| {});
    let (code, out, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("hàng 1: thiếu 1 cột: bo-hoc"), "{err}");
    assert!(err.contains("không đánh giá đơn vị nào"), "{err}");

    // Not a spreadsheet, though named like one.
    let (_d4, file) = write("hong.xlsx", "ten-don-vi,nam\n");
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", &file]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("không đọc được bảng tính"), "{err}");
}

#[test]
fn the_input_file_is_not_overwritten() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let text = format!("{header}{}", row("A", "3", "20"));
    let (_d, file) = write("in.csv", &text);
    let (code, out, err) = site_gen(&[
        "assess", "--plan", "alpha", "--format", "csv", "-o", &file, &file,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("là chính tệp đầu vào"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn an_existing_output_file_is_kept_unless_forced_and_never_left_half_written() {
    let (_, header, _) = site_gen(&["template", "--plan", "alpha"]);
    let (dir, file) = write("one.csv", &format!("{header}{}", row("A", "3", "20")));
    let out = dir.path().join("ket-qua.csv");
    let out_s = out.to_str().unwrap();
    std::fs::write(&out, "last year's report\n").unwrap();
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    // Refused, with the way out named; the file untouched.
    let (code, _, err) = site_gen(&[
        "assess", "--plan", "alpha", "--format", "csv", "-o", out_s, &file,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("đã có: site-gen không ghi đè tệp có sẵn") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "last year's report\n"
    );
    // A folder is never an output file.
    let (code, _, err) = site_gen(&[
        "assess",
        "--plan",
        "alpha",
        "-o",
        dir.path().to_str().unwrap(),
        &file,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("là một thư mục"), "{err}");
    // A run that fails (a file with no header the plan knows) leaves the
    // old file and no temporary one, even with --force.
    let (_d2, bad) = write("bad.csv", "ten,nam\nA,2025\n");
    let (code, _, err) = site_gen(&["assess", "--plan", "alpha", "--force", "-o", out_s, &bad]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "last year's report\n"
    );
    assert_eq!(listing(), ["ket-qua.csv", "one.csv"]);
    // --force replaces it with the whole report, and nothing else is left.
    let (code, _, err) = site_gen(&[
        "assess", "--plan", "alpha", "--format", "csv", "--force", "-o", out_s, &file,
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.lines().count() == 2 && text.contains("A"), "{text}");
    assert_eq!(listing(), ["ket-qua.csv", "one.csv"]);
    // --force without --output is a usage error.
    let (code, _, _) = site_gen(&["assess", "--plan", "alpha", "--force", &file]);
    assert_eq!(code, 2);
}
