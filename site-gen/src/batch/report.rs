//! Writing each unit's result as it comes: a readable table, JSON lines,
//! or CSV or an Excel workbook (xlsx) with one row per unit. Every piece of
//! the input's own text is escaped ([`crate::escape`]), so no cell can
//! forge a line of the report, drive the terminal, or run as a spreadsheet
//! formula.

use super::read::Item;
use crate::escape::{cell, clean, json};
use bontot_core::answers::Answers;
use bontot_core::engine::{Assessment, Reach, Status, Warning};
use bontot_core::rules::RuleSet;
use std::fmt::Write as _;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    /// An Excel workbook, the CSV's columns, written when finished.
    Xlsx,
}

/// The workbook being written, with the next row.
///
/// Memory: the worksheet is in rust_xlsxwriter's constant-memory mode:
/// each row goes to a temporary file as it is written, strings inline (no
/// shared strings table), so the workbook in memory does not grow with the
/// rows. At `finish` the file is zipped into memory and written out: about
/// 55 bytes per row of the fixture plan (100.000 rows: a 5,3 MB file, a
/// peak of 39 MB against 19 MB for the same rows as CSV). The sheet's limit
/// is 1.048.576 rows.
pub(super) struct Sheet {
    book: rust_xlsxwriter::Workbook,
    row: u32,
}

/// Writes results to `out` in `format`.
pub struct Report<'a, W: Write> {
    rules: &'a RuleSet,
    format: Format,
    out: W,
    started: bool,
    sheet: Option<Sheet>,
}

impl<'a, W: Write> Report<'a, W> {
    pub fn new(rules: &'a RuleSet, format: Format, out: W) -> Self {
        Report {
            rules,
            format,
            out,
            started: false,
            sheet: None,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        match self.format {
            Format::Csv => self
                .out
                .write_all(csv_line(&columns(self.rules)).as_bytes()),
            Format::Table => {
                // The plan's notices once, before the first unit: they are
                // the same for every unit.
                let mut text = String::new();
                for n in &self.rules.notices {
                    let _ = writeln!(text, "Lưu ý của kế hoạch: {}", clean(&n.text));
                }
                if !text.is_empty() {
                    text.push('\n');
                }
                self.out.write_all(text.as_bytes())
            }
            Format::Json => Ok(()),
            Format::Xlsx => {
                let mut s = Sheet::new("ket-qua")?;
                s.write(&columns(self.rules))?;
                self.sheet = Some(s);
                Ok(())
            }
        }
    }

    pub fn item(&mut self, item: &Item) -> io::Result<()> {
        self.start()?;
        let text = match (self.format, item) {
            (
                Format::Table,
                Item::Assessed {
                    answers, result, ..
                },
            ) => table(self.rules, answers, result),
            (
                Format::Table,
                Item::Rejected {
                    line,
                    name,
                    problems,
                },
            ) => format!(
                "{} ({}): KHÔNG ĐÁNH GIÁ ĐƯỢC, {} lỗi (xem thông báo lỗi)\n",
                shown_name(name),
                line.map(|l| format!("hàng {l}")).unwrap_or_default(),
                problems.len()
            ),
            (
                Format::Json,
                Item::Assessed {
                    answers, result, ..
                },
            ) => {
                let mut v = serde_json::to_value(result).map_err(io::Error::other)?;
                if let Some(o) = v.as_object_mut() {
                    o.insert("name".into(), answers.name.clone().into());
                    o.insert("year".into(), answers.year.clone().into());
                }
                format!("{}\n", json(&v.to_string()))
            }
            // JSON lines hold results only; problems go to the error stream.
            (Format::Json, Item::Rejected { .. }) => String::new(),
            (Format::Csv, item) => csv_line(&cells(self.rules, item)),
            (Format::Xlsx, item) => {
                let cols = cells(self.rules, item);
                if let Some(s) = &mut self.sheet {
                    s.write(&cols)?;
                }
                String::new()
            }
        };
        self.out.write_all(text.as_bytes())
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.start()?;
        if let Some(s) = self.sheet.take() {
            self.out.write_all(&s.finish()?)?;
        }
        self.out.flush()
    }
}

impl Sheet {
    /// Rows in an Excel sheet, the header's included.
    const MAX_ROWS: u32 = 1_048_576;

    /// A workbook with one sheet named `name`, in constant-memory mode.
    pub(super) fn new(name: &str) -> io::Result<Sheet> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book
            .add_worksheet_with_constant_memory()
            .map_err(io::Error::other)?;
        sheet.set_name(name).map_err(io::Error::other)?;
        Ok(Sheet { book, row: 0 })
    }

    /// The workbook's bytes.
    pub(super) fn finish(mut self) -> io::Result<Vec<u8>> {
        self.book.save_to_buffer().map_err(io::Error::other)
    }

    /// One row, every cell as a string (never a formula or a number).
    pub(super) fn write(&mut self, cols: &[String]) -> io::Result<()> {
        if self.row >= Self::MAX_ROWS {
            return Err(io::Error::other(
                "một trang tính Excel chỉ chứa được 1.048.576 hàng; hãy chia nhỏ tệp, hoặc dùng --format csv",
            ));
        }
        let ws = self
            .book
            .worksheet_from_index(0)
            .map_err(io::Error::other)?;
        for (i, c) in cols.iter().enumerate() {
            let col = u16::try_from(i).map_err(io::Error::other)?;
            ws.write_string(self.row, col, c)
                .map_err(io::Error::other)?;
        }
        self.row += 1;
        Ok(())
    }
}

fn shown_name(name: &str) -> std::borrow::Cow<'_, str> {
    if name.is_empty() {
        "(không tên)".into()
    } else {
        clean(name)
    }
}

fn short(s: Status) -> &'static str {
    match s {
        Status::Pass => "đạt",
        Status::Fail => "CHƯA ĐẠT",
        Status::Missing => "thiếu",
    }
}

fn verdict(rules: &RuleSet, r: &Assessment) -> String {
    // Declared answers decide nothing: the engine's sentence says what is
    // missing, and it must not read like a computed "đạt".
    if r.verdict.declared {
        return r.verdict.text.clone();
    }
    match r.verdict.status {
        Some(s) => format!("{} “{}”", short(s), rules.verdict.name),
        None => "không có quy tắc kết luận chung".into(),
    }
}

/// A unit's lines in the readable table.
fn table(rules: &RuleSet, a: &Answers, r: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, {}): {}, {}/{} tiêu chí",
        shown_name(&a.name),
        a.unit.label(),
        clean(&a.year),
        verdict(rules, r),
        r.criteria_met,
        r.criteria.len()
    );
    for c in &r.criteria {
        let _ = writeln!(out, "    {:<9} {}: {}", short(c.status), c.name, c.reason);
    }
    for i in r.indicators.iter().filter(|i| i.status == Status::Fail) {
        let _ = writeln!(out, "    ✗ {}: {}", i.label, i.reason);
    }
    if let Some(s) = &r.classification {
        let _ = writeln!(out, "    xếp loại: {}", s.text);
    }
    for w in &r.rewards {
        let _ = writeln!(
            out,
            "    khen thưởng: {} {}",
            short(w.status),
            clean(&w.text)
        );
    }
    for n in &r.readings {
        let head = match n.reach {
            Reach::Verdict | Reach::Criterion => "PHỤ THUỘC CÁCH HIỂU",
            Reach::Indicator => "cách hiểu",
        };
        let _ = writeln!(out, "    {head}: {}", n.text);
    }
    for w in own_warnings(rules, r) {
        let _ = writeln!(out, "    lưu ý: {}", clean(&w.text));
    }
    if !r.missing.is_empty() {
        let _ = writeln!(out, "    còn thiếu: {}", r.missing.join("; "));
    }
    out
}

/// The warnings this unit's answers raise: all but the plan's notices,
/// which are printed once.
fn own_warnings<'r>(rules: &RuleSet, r: &'r Assessment) -> impl Iterator<Item = &'r Warning> {
    r.warnings
        .iter()
        .filter(|w| !rules.notices.iter().any(|n| n.text == w.text))
}

/// The columns of the CSV and xlsx reports.
fn columns(rules: &RuleSet) -> Vec<String> {
    let mut cols: Vec<String> = ["ten-don-vi", "nam", "hang", "ket-luan", "so-tieu-chi-dat"]
        .map(String::from)
        .to_vec();
    cols.extend(rules.criteria.iter().map(|c| c.id.clone()));
    cols.extend(
        [
            "chi-tieu-chua-dat",
            "con-thieu",
            "xep-loai",
            "khen-thuong",
            "luu-y",
            "cach-hieu",
            "loi",
        ]
        .map(String::from),
    );
    cols
}

/// One unit's row of the CSV and xlsx reports, every cell made safe
/// ([`cell`]).
fn cells(rules: &RuleSet, item: &Item) -> Vec<String> {
    let blank = || vec![String::new(); rules.criteria.len()];
    let line = |l: &Option<u64>| l.map(|l| l.to_string()).unwrap_or_default();
    let mut cols = match item {
        Item::Assessed {
            line: l,
            answers,
            result,
        } => {
            let mut cols = vec![
                answers.name.clone(),
                answers.year.clone(),
                line(l),
                verdict(rules, result),
                format!("{}/{}", result.criteria_met, result.criteria.len()),
            ];
            cols.extend(rules.criteria.iter().map(|c| {
                result
                    .criterion(&c.id)
                    .map(|r| short(r.status).to_string())
                    .unwrap_or_default()
            }));
            let failing: Vec<String> = result
                .indicators
                .iter()
                .filter(|i| i.status == Status::Fail)
                .map(|i| format!("{}: {}", i.label, i.reason))
                .collect();
            cols.push(failing.join(" | "));
            cols.push(result.missing.join(" | "));
            cols.push(
                result
                    .classification
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
            );
            let rewards: Vec<String> = result
                .rewards
                .iter()
                .map(|w| format!("{}: {}", short(w.status), w.text))
                .collect();
            cols.push(rewards.join(" | "));
            let warnings: Vec<&str> = own_warnings(rules, result)
                .map(|w| w.text.as_str())
                .collect();
            cols.push(warnings.join(" | "));
            let readings: Vec<&str> = result.readings.iter().map(|n| n.text.as_str()).collect();
            cols.push(readings.join(" | "));
            cols.push(String::new());
            cols
        }
        Item::Rejected {
            line: l,
            name,
            problems,
        } => {
            let mut cols = vec![
                name.clone(),
                String::new(),
                line(l),
                "không đánh giá được".into(),
                String::new(),
            ];
            cols.extend(blank());
            cols.extend(std::iter::repeat_n(String::new(), 6));
            let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
            cols.push(all.join(" | "));
            cols
        }
    };
    for c in &mut cols {
        *c = cell(c).into_owned();
    }
    cols
}

pub(super) fn csv_line(cols: &[String]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(cols);
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}
