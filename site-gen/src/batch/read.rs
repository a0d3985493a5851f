//! Reading a batch file one unit at a time: a CSV from the template (with
//! `,` or `;` between cells: Excel in a Vietnamese locale writes `;`), or
//! a JSON file exported by the app. Memory stays flat in the number of
//! rows: each unit is read, checked and handed on before the next.

use super::{InputProblem, NAME_COLUMN, YEAR_COLUMN, columns, problem};
use bontot_core::answers::Answers;
use bontot_core::check::Checked;
use bontot_core::engine::{Assessment, evaluate};
use bontot_core::model::Unit;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// One unit of the file.
pub enum Item {
    /// Read without a problem, and assessed.
    Assessed {
        line: Option<u64>,
        answers: Box<Answers>,
        result: Box<Assessment>,
    },
    /// Read with problems: not assessed.
    Rejected {
        line: Option<u64>,
        /// The unit's name, when it could be read.
        name: String,
        problems: Vec<InputProblem>,
    },
}

/// Why a whole file could not be read.
pub enum Stop {
    /// The file itself (its header, its encoding, its JSON): nothing was
    /// assessed.
    File(Vec<InputProblem>),
    /// Handing a unit on failed (writing the results).
    Output(io::Error),
}

/// How many units were assessed and how many rejected.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub assessed: u64,
    pub rejected: u64,
}

/// Largest JSON file read (it is read whole; the app's files are small).
const MAX_JSON: u64 = 64 << 20;

/// Reads the file at `path` and hands each unit to `each`, in order: a
/// spreadsheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`, or any file that starts
/// like one), a JSON file from the app, or a CSV.
pub fn each_unit(
    path: &Path,
    rules: &Checked,
    unit: Unit,
    each: impl FnMut(Item) -> io::Result<()>,
) -> Result<Counts, Stop> {
    let file =
        std::fs::File::open(path).map_err(|e| file_problem(format!("không mở được tệp: {e}")))?;
    let mut input = BufReader::with_capacity(256 * 1024, file);
    let head = input
        .fill_buf()
        .map_err(|e| file_problem(format!("không đọc được tệp: {e}")))?;
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SHEET_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
    if by_name || is_sheet(head) {
        // calamine reads the sheet whole: a spreadsheet of 100.000 rows is
        // a few tens of MB, read once.
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| file_problem(format!("không đọc được tệp: {e}")))?;
        return sheet_units(io::Cursor::new(bytes.as_slice()), rules, unit, each);
    }
    text_units(input, rules, unit, each)
}

/// [`each_unit`] for a file already in memory (the fuzz target).
pub fn each_unit_in(
    data: &[u8],
    rules: &Checked,
    unit: Unit,
    each: impl FnMut(Item) -> io::Result<()>,
) -> Result<Counts, Stop> {
    if is_sheet(data) {
        sheet_units(io::Cursor::new(data), rules, unit, each)
    } else {
        text_units(data, rules, unit, each)
    }
}

/// Spreadsheet file names read with calamine.
const SHEET_EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A zip archive (xlsx, ods) or an OLE compound file (xls).
fn is_sheet(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
}

fn file_problem(m: String) -> Stop {
    Stop::File(vec![problem(None, None, m)])
}

/// Counts each item and hands it on.
fn counting(
    counts: &mut Counts,
    mut each: impl FnMut(Item) -> io::Result<()>,
) -> impl FnMut(Item) -> Result<(), Stop> {
    move |item: Item| {
        match &item {
            Item::Assessed { .. } => counts.assessed += 1,
            Item::Rejected { .. } => counts.rejected += 1,
        }
        each(item).map_err(Stop::Output)
    }
}

/// A CSV or a JSON file, by its first character.
fn text_units(
    input: impl BufRead,
    rules: &Checked,
    unit: Unit,
    each: impl FnMut(Item) -> io::Result<()>,
) -> Result<Counts, Stop> {
    let mut input = input;
    let head = input
        .fill_buf()
        .map_err(|e| file_problem(format!("không đọc được tệp: {e}")))?;
    let bom = head.starts_with(b"\xef\xbb\xbf");
    let body = &head[if bom { 3 } else { 0 }..];
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let delimiter = delimiter(body, rules, unit);
    if bom {
        input.consume(3);
    }
    let mut counts = Counts::default();
    let mut hand_on = counting(&mut counts, each);
    if matches!(first, Some(b'{' | b'[')) {
        let mut text = String::new();
        input
            .take(MAX_JSON + 1)
            .read_to_string(&mut text)
            .map_err(|e| file_problem(format!("không đọc được tệp JSON: {e}")))?;
        if text.len() as u64 > MAX_JSON {
            return Err(file_problem(format!(
                "tệp JSON lớn quá {} MB; hãy chia nhỏ, hoặc dùng CSV",
                MAX_JSON >> 20
            )));
        }
        json_units(&text, rules, &mut hand_on)?;
    } else {
        csv_units(input, delimiter, rules, unit, &mut hand_on)?;
    }
    drop(hand_on);
    Ok(counts)
}

/// The first sheet of a spreadsheet: its first non-empty row is the
/// header, each later row a unit, with the same checks as a CSV.
fn sheet_units<RS: io::Read + io::Seek + Clone>(
    data: RS,
    rules: &Checked,
    unit: Unit,
    each: impl FnMut(Item) -> io::Result<()>,
) -> Result<Counts, Stop> {
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
    let mut counts = Counts::default();
    let mut hand_on = counting(&mut counts, each);
    let Some((head_line, head)) = rows.next() else {
        return Err(Stop::File(vec![problem(
            None,
            None,
            "trang tính đầu tiên trống",
        )]));
    };
    let mut head: Vec<Cell> = head.iter().map(sheet_cell).collect();
    trim_blank(&mut head);
    let header = header(&head, head_line, rules, unit, None)?;
    for (line, r) in rows {
        let mut cells: Vec<Cell> = r.iter().map(sheet_cell).collect();
        trim_blank(&mut cells);
        // Blank cells at the end of a spreadsheet row are blank answers.
        if cells.len() < header.len() {
            cells.resize(header.len(), Cell::Text(String::new()));
        }
        hand_on(row(&header, &cells, Some(line), rules, unit))?;
    }
    drop(hand_on);
    Ok(counts)
}

/// A cell as read: its text, or why it has none.
#[derive(Clone)]
enum Cell {
    Text(String),
    Bad(String),
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

/// A CSV cell: its text if UTF-8.
fn csv_cell(b: &[u8]) -> Cell {
    match std::str::from_utf8(b) {
        Ok(s) => Cell::Text(s.to_string()),
        Err(_) => Cell::Bad(NOT_UTF8.into()),
    }
}

/// `;` when the header line splits into more known columns by `;` than by
/// `,` (Excel in a Vietnamese locale), else `,`.
fn delimiter(head: &[u8], rules: &Checked, unit: Unit) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let known = columns(rules, unit);
    let score = |d: char| {
        line.split(d)
            .filter(|c| known.iter().any(|k| k == c.trim().trim_matches('"')))
            .count()
    };
    if score(';') > score(',') { b';' } else { b',' }
}

fn csv_units(
    input: impl Read,
    delimiter: u8,
    rules: &Checked,
    unit: Unit,
    each: &mut impl FnMut(Item) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let header = match reader.read_byte_record(&mut record) {
        Ok(true) => {
            let cells: Vec<Cell> = record.iter().map(csv_cell).collect();
            header(&cells, 1, rules, unit, Some(delimiter))?
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
                each(row(&header, &cells, line, rules, unit))?
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).or(line);
                let item = Item::Rejected {
                    line,
                    name: String::new(),
                    problems: vec![problem(line, None, format!("không đọc được hàng: {e}"))],
                };
                each(item)?;
                // An I/O error does not go away by reading on.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Ok(());
                }
            }
        }
    }
}

/// The header's column names, or every problem with it. `line` is the
/// header's line (or spreadsheet row); `delimiter` is the CSV's.
fn header(
    record: &[Cell],
    line: u64,
    rules: &Checked,
    unit: Unit,
    delimiter: Option<u8>,
) -> Result<Vec<String>, Stop> {
    let known = columns(rules, unit);
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
            let mut m = format!(
                "cột không có trong kế hoạch {} ({}); `site-gen template` ghi đúng dòng tiêu đề",
                rules.plan,
                unit.id()
            );
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

const NOT_UTF8: &str = "không phải văn bản UTF-8: hãy lưu tệp dưới dạng “CSV UTF-8” (Excel: Lưu dưới dạng → CSV UTF-8)";

/// One row: its answers, checked and assessed, or its problems.
fn row(header: &[String], record: &[Cell], line: Option<u64>, rules: &Checked, unit: Unit) -> Item {
    let mut a = Answers::new(rules, unit);
    let mut problems = Vec::new();
    if record.len() != header.len() {
        problems.push(problem(
            line,
            None,
            format!(
                "hàng có {} ô, dòng tiêu đề có {} cột",
                record.len(),
                header.len()
            ),
        ));
    }
    for (i, (col, cell)) in header.iter().zip(record.iter()).enumerate() {
        let cell = match cell {
            Cell::Text(t) => t,
            Cell::Bad(m) => {
                problems.push(problem(line, Some((col.clone(), i + 1)), m.clone()));
                continue;
            }
        };
        let cell = bontot_core::text::nfc(cell.trim());
        match col.as_str() {
            NAME_COLUMN => a.name = cell,
            YEAR_COLUMN => a.year = cell,
            _ => a.set(col, cell),
        }
    }
    if problems.is_empty()
        && let Err(msg) = a.check(rules)
    {
        problems.push(problem(line, None, msg));
    }
    if !problems.is_empty() {
        return Item::Rejected {
            line,
            name: a.name,
            problems,
        };
    }
    let result = evaluate(rules, unit, &a);
    for (field, msg) in &result.errors {
        let n = header.iter().position(|h| h == field).map(|i| i + 1);
        problems.push(problem(line, n.map(|n| (field.clone(), n)), msg.clone()));
    }
    if problems.is_empty() {
        Item::Assessed {
            line,
            answers: Box::new(a),
            result: Box::new(result),
        }
    } else {
        Item::Rejected {
            line,
            name: a.name,
            problems,
        }
    }
}

/// A JSON file exported by the app: one answers object, or an array.
fn json_units(
    text: &str,
    rules: &Checked,
    each: &mut impl FnMut(Item) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let trimmed = text.trim_start();
    let items: Vec<Box<serde_json::value::RawValue>> = if trimmed.starts_with('[') {
        serde_json::from_str(trimmed).map_err(|e| {
            Stop::File(vec![problem(
                Some(e.line() as u64),
                None,
                format!("không phải JSON hợp lệ: {e}"),
            )])
        })?
    } else {
        let one = serde_json::value::RawValue::from_string(text.to_string()).map_err(|e| {
            Stop::File(vec![problem(
                Some(e.line() as u64),
                None,
                format!("không phải JSON hợp lệ: {e}"),
            )])
        })?;
        vec![one]
    };
    for (i, item) in items.iter().enumerate() {
        let at = |m: String| problem(None, None, format!("mục {}: {m}", i + 1));
        let unit = match Answers::from_json(item.get(), rules) {
            Ok(a) => {
                let result = evaluate(rules, a.unit, &a);
                if result.errors.is_empty() {
                    Item::Assessed {
                        line: None,
                        answers: Box::new(a),
                        result: Box::new(result),
                    }
                } else {
                    let problems = result
                        .errors
                        .iter()
                        .map(|(field, msg)| InputProblem {
                            column: Some((field.clone(), 0)),
                            ..at(msg.clone())
                        })
                        .collect();
                    Item::Rejected {
                        line: None,
                        name: a.name,
                        problems,
                    }
                }
            }
            Err(msg) => Item::Rejected {
                line: None,
                name: String::new(),
                problems: vec![at(msg)],
            },
        };
        each(unit)?;
    }
    Ok(())
}
