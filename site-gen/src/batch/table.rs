//! The table layer of the batch commands: a spreadsheet's first sheet or a
//! CSV (`,` or `;`, as Excel in a Vietnamese locale writes), read row by
//! row as cells with their line, the header checked against the columns a
//! command knows. `assess` and `classify` each say what a row means.

use super::{InputProblem, problem};
use std::io::{self, BufRead, Read};

/// A cell as read: its text, or why it has none.
#[derive(Clone)]
pub enum Cell {
    Text(String),
    Bad(String),
}

/// Why a whole file could not be read.
pub enum Stop {
    /// The file itself (its header, its encoding, its JSON): nothing was
    /// read.
    File(Vec<InputProblem>),
    /// Handing a row on failed (writing the results).
    Output(io::Error),
}

pub fn file_problem(m: String) -> Stop {
    Stop::File(vec![problem(None, None, m)])
}

/// What a command does with a table.
pub trait Rows {
    type Header;
    /// The columns it knows (the CSV delimiter is the one that finds more).
    fn known(&self) -> Vec<String>;
    /// Checks the header row (its 1-based `line`).
    fn header(
        &mut self,
        cells: &[Cell],
        line: u64,
        delimiter: Option<u8>,
    ) -> Result<Self::Header, Stop>;
    fn row(&mut self, header: &Self::Header, cells: &[Cell], line: Option<u64>)
    -> Result<(), Stop>;
    /// A CSV row that could not be split into cells.
    fn unreadable(&mut self, line: Option<u64>, message: String) -> Result<(), Stop>;
}

/// Spreadsheet file names read with calamine.
pub const SHEET_EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A zip archive (xlsx, ods) or an OLE compound file (xls).
pub fn is_sheet(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
}

/// Whether `path` names a spreadsheet.
pub fn sheet_name(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SHEET_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The first sheet of a spreadsheet: its first non-empty row is the
/// header, each later row is handed on.
pub fn sheet_rows<RS: io::Read + io::Seek + Clone, R: Rows>(
    data: RS,
    rows_of: &mut R,
) -> Result<(), Stop> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(data).map_err(|e| {
        file_problem(format!(
            "không đọc được bảng tính (xlsx, xlsm, xls, ods): {e}"
        ))
    })?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            return Err(file_problem(format!(
                "không đọc được trang tính đầu tiên: {e}"
            )));
        }
        None => return Err(file_problem("bảng tính không có trang tính nào".into())),
    };
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| (first_row + i as u64 + 1, r))
        .filter(|(_, r)| r.iter().any(|c| !matches!(c, calamine::Data::Empty)));
    let Some((head_line, head)) = rows.next() else {
        return Err(Stop::File(vec![problem(
            None,
            None,
            "trang tính đầu tiên trống",
        )]));
    };
    let mut head: Vec<Cell> = head.iter().map(sheet_cell).collect();
    trim_blank(&mut head);
    let header = rows_of.header(&head, head_line, None)?;
    let width = head.len();
    for (line, r) in rows {
        let mut cells: Vec<Cell> = r.iter().map(sheet_cell).collect();
        trim_blank(&mut cells);
        // Blank cells at the end of a spreadsheet row are blank answers.
        if cells.len() < width {
            cells.resize(width, Cell::Text(String::new()));
        }
        rows_of.row(&header, &cells, Some(line))?;
    }
    Ok(())
}

fn trim_blank(cells: &mut Vec<Cell>) {
    while matches!(cells.last(), Some(Cell::Text(t)) if t.trim().is_empty()) {
        cells.pop();
    }
}

/// A spreadsheet cell as the text a user typed: a whole number without
/// ".0", a percentage as stored (50% is 0.5), TRUE/FALSE as co/khong.
fn sheet_cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Text(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Cell::Text((*f as i64).to_string())
        }
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::Bool(true) => Cell::Text("co".into()),
        Data::Bool(false) => Cell::Text("khong".into()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Cell::Bad(
            "ô này là ngày tháng hoặc thời gian; hãy nhập số hoặc chữ (định dạng ô: General hoặc Text)"
                .into(),
        ),
        Data::Error(e) => Cell::Bad(format!("ô này có lỗi công thức ({e})")),
    }
}

pub const NOT_UTF8: &str = "không phải văn bản UTF-8: hãy lưu tệp dưới dạng “CSV UTF-8” (Excel: Lưu dưới dạng → CSV UTF-8)";

/// A CSV cell: its text if UTF-8.
fn csv_cell(b: &[u8]) -> Cell {
    match std::str::from_utf8(b) {
        Ok(s) => Cell::Text(s.to_string()),
        Err(_) => Cell::Bad(NOT_UTF8.into()),
    }
}

/// `;` when the header line splits into more `known` columns by `;` than
/// by `,` (Excel in a Vietnamese locale), else `,`.
pub fn delimiter(head: &[u8], known: &[String]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let score = |d: char| {
        line.split(d)
            .filter(|c| known.iter().any(|k| k == c.trim().trim_matches('"')))
            .count()
    };
    if score(';') > score(',') { b';' } else { b',' }
}

/// Skips a UTF-8 byte order mark; returns the first bytes after it.
pub fn skip_bom(input: &mut impl BufRead) -> Result<Vec<u8>, Stop> {
    let head = input
        .fill_buf()
        .map_err(|e| file_problem(format!("không đọc được tệp: {e}")))?;
    let bom = head.starts_with(b"\xef\xbb\xbf");
    let body = head[if bom { 3 } else { 0 }..].to_vec();
    if bom {
        input.consume(3);
    }
    Ok(body)
}

pub fn csv_rows<R: Rows>(input: impl Read, delimiter: u8, rows_of: &mut R) -> Result<(), Stop> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let header = match reader.read_byte_record(&mut record) {
        Ok(true) => {
            let cells: Vec<Cell> = record.iter().map(csv_cell).collect();
            rows_of.header(&cells, 1, Some(delimiter))?
        }
        Ok(false) => return Err(Stop::File(vec![problem(Some(1), None, "tệp trống")])),
        Err(e) => {
            return Err(Stop::File(vec![problem(
                Some(1),
                None,
                format!("không đọc được dòng tiêu đề: {e}"),
            )]));
        }
    };
    loop {
        let line = Some(reader.position().line());
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let cells: Vec<Cell> = record.iter().map(csv_cell).collect();
                rows_of.row(&header, &cells, line)?
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).or(line);
                rows_of.unreadable(line, format!("không đọc được hàng: {e}"))?;
                // An I/O error does not go away by reading on.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Ok(());
                }
            }
        }
    }
}

/// The header's column names, checked against `known`: every unknown,
/// repeated or missing column at once. `unknown` says, after "cột không
/// có trong", what the columns come from.
pub fn check_header(
    record: &[Cell],
    line: u64,
    known: &[String],
    unknown: &str,
    delimiter: Option<u8>,
) -> Result<Vec<String>, Stop> {
    let mut names = Vec::new();
    let mut problems = Vec::new();
    for (i, cell) in record.iter().enumerate() {
        let name = match cell {
            Cell::Text(name) => name,
            Cell::Bad(m) => {
                problems.push(problem(Some(line), Some((String::new(), i + 1)), m.clone()));
                continue;
            }
        };
        let name = name.trim().to_string();
        let place = Some((name.clone(), i + 1));
        if !known.contains(&name) {
            let mut m = format!("cột không có trong {unknown}");
            if delimiter == Some(b',') && name.contains(';') {
                m.push_str(
                    "; các ô có vẻ được ngăn bằng dấu `;`, nhưng dòng này không khớp tiêu đề nào",
                );
            }
            problems.push(problem(Some(line), place, m));
        } else if names.contains(&name) {
            problems.push(problem(Some(line), place, "cột này có hai lần"));
        }
        names.push(name);
    }
    if problems.is_empty() {
        let missing: Vec<&str> = known
            .iter()
            .filter(|k| !names.contains(k))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            problems.push(problem(
                Some(line),
                None,
                format!(
                    "thiếu {} cột: {} (một cột bị bỏ không được coi là để trống; `site-gen template` ghi đủ dòng tiêu đề)",
                    missing.len(),
                    missing.join(", ")
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(names)
    } else {
        Err(Stop::File(problems))
    }
}
