//! Reading a batch file one unit at a time: a CSV from the template (with
//! `,` or `;` between cells: Excel in a Vietnamese locale writes `;`), or
//! a JSON file exported by the app. Memory stays flat in the number of
//! rows: each unit is read, checked and handed on before the next.

use super::table::{
    Cell, Rows, check_header, csv_rows, delimiter, file_problem, is_sheet, sheet_name, sheet_rows,
    skip_bom,
};
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

pub use super::table::Stop;

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
    if sheet_name(path) || is_sheet(head) {
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

/// Units of a table: each row read, checked, assessed and handed on.
struct Units<'a, F> {
    rules: &'a Checked,
    unit: Unit,
    counts: Counts,
    each: F,
}

impl<F: FnMut(Item) -> io::Result<()>> Units<'_, F> {
    fn hand_on(&mut self, item: Item) -> Result<(), Stop> {
        match &item {
            Item::Assessed { .. } => self.counts.assessed += 1,
            Item::Rejected { .. } => self.counts.rejected += 1,
        }
        (self.each)(item).map_err(Stop::Output)
    }
}

impl<F: FnMut(Item) -> io::Result<()>> Rows for Units<'_, F> {
    type Header = Vec<String>;

    fn known(&self) -> Vec<String> {
        columns(self.rules, self.unit)
    }

    fn header(
        &mut self,
        cells: &[Cell],
        line: u64,
        delimiter: Option<u8>,
    ) -> Result<Vec<String>, Stop> {
        let unknown = format!(
            "kế hoạch {} ({}); `site-gen template` ghi đúng dòng tiêu đề",
            self.rules.plan,
            self.unit.id()
        );
        check_header(cells, line, &self.known(), &unknown, delimiter)
    }

    fn row(&mut self, header: &Vec<String>, cells: &[Cell], line: Option<u64>) -> Result<(), Stop> {
        let item = row(header, cells, line, self.rules, self.unit);
        self.hand_on(item)
    }

    fn unreadable(&mut self, line: Option<u64>, message: String) -> Result<(), Stop> {
        self.hand_on(Item::Rejected {
            line,
            name: String::new(),
            problems: vec![problem(line, None, message)],
        })
    }
}

fn sheet_units<RS: io::Read + io::Seek + Clone>(
    data: RS,
    rules: &Checked,
    unit: Unit,
    each: impl FnMut(Item) -> io::Result<()>,
) -> Result<Counts, Stop> {
    let mut units = Units {
        rules,
        unit,
        counts: Counts::default(),
        each,
    };
    sheet_rows(data, &mut units)?;
    Ok(units.counts)
}

/// A CSV or a JSON file, by its first character.
fn text_units(
    input: impl BufRead,
    rules: &Checked,
    unit: Unit,
    each: impl FnMut(Item) -> io::Result<()>,
) -> Result<Counts, Stop> {
    let mut input = input;
    let body = skip_bom(&mut input)?;
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let mut units = Units {
        rules,
        unit,
        counts: Counts::default(),
        each,
    };
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
        json_units(&text, rules, &mut |item| units.hand_on(item))?;
    } else {
        let delimiter = delimiter(&body, &units.known());
        csv_rows(input, delimiter, &mut units)?;
    }
    Ok(units.counts)
}

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
