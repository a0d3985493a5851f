//! Readings and declared results in every batch format, on the real plans:
//! what the report says is read back (CSV, JSON lines, xlsx) and compared.

use std::path::PathBuf;
use std::process::Command;

fn content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn assess(plan: &str, input: &str, format: &str, out: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_site-gen"));
    cmd.args([
        "assess", "--plan", plan, "--unit", "chi-bo", "--format", format,
    ])
    .args(["--content", content().to_str().unwrap()]);
    if let Some(o) = out {
        cmd.args(["-o", o]);
    }
    let o = cmd.arg(input).output().unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(0), "{err}");
    String::from_utf8(o.stdout).unwrap()
}

/// A nguyễn nghiêm chi bộ passing everything, admissions `ket_nap` against
/// a goal of 3.
fn nguyen_nghiem_row(name: &str, ket_nap: &str) -> String {
    let mut cells = vec![name.to_string(), "2025".into()];
    let header = HEADER.split(',').skip(2);
    for col in header {
        cells.push(
            match col {
                "ket-nap" => ket_nap,
                "ket-nap-chi-tieu" => "3",
                "dk-vi-pham" | "dk-bao-chi" => "không",
                "dv-httnv.so" | "dv-httnv.tong" => "10",
                _ => "có",
            }
            .into(),
        );
    }
    cells.join(",") + "\n"
}

const HEADER: &str = "ten-don-vi,nam,ke-hoach-nam,chi-tieu-ktxh,chong-suy-thoai,xay-dung-he-thong,kiem-tra-giam-sat,ket-nap,ket-nap-chi-tieu,ket-nap-chat-luong,sh-ket-luan-18,sh-ky-hop,sh-huong-dan-06,dk-quy-che,dk-nguyen-tac,dk-vi-pham,dk-ky-cuong,dk-mat-tran,dk-bao-chi,ng-dao-duc,ng-noi-lam,ng-chuc-trach,ng-ky-luat,dv-httnv.so,dv-httnv.tong,nam-truoc-bon-tot";

const ADMISSIONS: &str = "Kết quả này phụ thuộc cách hiểu “đạt số lượng, chất lượng và vượt chỉ tiêu được giao”: máy tính hiểu là số đảng viên kết nạp phải nhiều hơn chỉ tiêu (kết nạp đúng bằng chỉ tiêu là chưa đạt); nếu hiểu là “đạt và vượt” như ở các chỉ tiêu kinh tế - xã hội, tức từ chỉ tiêu trở lên, chi bộ đạt “bốn tốt” (tiêu chí “Thi đua hoàn thành tốt nhiệm vụ chính trị” sẽ là “Đạt”).";

fn inputs() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let nn = dir.path().join("nn.csv");
    std::fs::write(
        &nn,
        format!(
            "{HEADER}\n{}{}",
            nguyen_nghiem_row("Bằng chỉ tiêu", "3"),
            nguyen_nghiem_row("Vượt chỉ tiêu", "4")
        ),
    )
    .unwrap();
    let sl = dir.path().join("sl.csv");
    std::fs::write(
        &sl,
        "ten-don-vi,nam,tu-khai-nhiem-vu,tu-khai-sinh-hoat,tu-khai-doan-ket,tu-khai-can-bo\nTự khai,2025,có,có,có,có\n",
    )
    .unwrap();
    let s = |p: PathBuf| p.to_str().unwrap().to_string();
    (dir, s(nn), s(sl))
}

#[test]
fn table_says_what_depends_on_a_reading() {
    let (_d, nn, sl) = inputs();
    let out = assess("nguyen-nghiem", &nn, "table", None);
    let units: Vec<&str> = out.split("\nVượt chỉ tiêu").collect();
    assert_eq!(units.len(), 2, "{out}");
    assert!(
        units[0].contains(&format!("    PHỤ THUỘC CÁCH HIỂU: {ADMISSIONS}\n")),
        "{out}"
    );
    // One more than the goal passes under both readings; a "Có" to the
    // targets stays open under "more than".
    assert!(
        !units[1].contains("chất lượng và vượt chỉ tiêu được giao”"),
        "{out}"
    );
    assert!(units[1].contains("PHỤ THUỘC CÁCH HIỂU: Kết quả này phụ thuộc cách hiểu “phải đạt và vượt chỉ tiêu được giao”"), "{out}");

    let out = assess("son-la", &sl, "table", None);
    assert!(
        out.contains("Tự khai (Chi bộ, 2025): Chi bộ tự khai đạt cả bốn nội dung; chưa đủ căn cứ để kết luận chi bộ đạt “bốn tốt”: còn thiếu khung tiêu chí, mức điểm của phụ lục I"),
        "{out}"
    );
    assert!(!out.contains("đạt “bốn tốt”, 4/4"), "{out}");
}

#[test]
fn csv_json_and_xlsx_carry_the_readings() {
    let (d, nn, sl) = inputs();
    // CSV, read back by its own columns.
    let out = assess("nguyen-nghiem", &nn, "csv", None);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let head = r.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][col("ket-luan")], "CHƯA ĐẠT “bốn tốt”");
    let cells: Vec<&str> = rows[0][col("cach-hieu")].split(" | ").collect();
    assert!(cells.contains(&ADMISSIONS), "{cells:?}");
    assert!(
        !rows[1][col("cach-hieu")].contains("kết nạp"),
        "{:?}",
        &rows[1]
    );
    assert_eq!(col("cach-hieu") + 1, col("loi"));

    // JSON lines: the notes with their reach and citation.
    let out = assess("nguyen-nghiem", &nn, "json", None);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let notes = first["readings"].as_array().unwrap();
    let n = notes
        .iter()
        .find(|n| n["reading"] == "vuot-chi-tieu-ket-nap")
        .unwrap();
    assert_eq!(n["reach"], "verdict");
    assert_eq!(n["text"], ADMISSIONS);
    // The citation resolved to its paragraph, as every other.
    assert!(
        n["cite"]["anchor"]
            .as_str()
            .unwrap()
            .starts_with("muc-ii-1-p")
    );
    let out = assess("son-la", &sl, "json", None);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["verdict"]["declared"], true);
    assert_eq!(v["verdict"]["status"], "pass");

    // xlsx, read back with calamine.
    use calamine::{Data, Reader};
    let file = d.path().join("sl.xlsx");
    let out = assess("son-la", &sl, "xlsx", Some(file.to_str().unwrap()));
    assert!(out.is_empty());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect();
    let at = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert!(
        rows[1][at("ket-luan")].starts_with("Chi bộ tự khai đạt cả bốn nội dung; chưa đủ căn cứ"),
        "{rows:?}"
    );
    assert!(
        rows[1][at("cach-hieu")]
            .starts_with("Kết quả này phụ thuộc cách hiểu “(có phụ lục I kèm theo)”"),
        "{rows:?}"
    );
}
