//! Writing each unit's result as it comes: a readable table, JSON lines,
//! or CSV with one row per unit. Every piece of the input's own text is
//! escaped ([`crate::escape`]), so no cell can forge a line of the report,
//! drive the terminal, or run as a spreadsheet formula.

use super::read::Item;
use crate::escape::{cell, clean, json};
use bontot_core::answers::Answers;
use bontot_core::engine::{Assessment, Status};
use bontot_core::rules::RuleSet;
use std::fmt::Write as _;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Writes results to `out` in `format`.
pub struct Report<'a, W: Write> {
    rules: &'a RuleSet,
    format: Format,
    out: W,
    started: bool,
}

impl<'a, W: Write> Report<'a, W> {
    pub fn new(rules: &'a RuleSet, format: Format, out: W) -> Self {
        Report {
            rules,
            format,
            out,
            started: false,
        }
    }

    pub fn item(&mut self, item: &Item) -> io::Result<()> {
        if !self.started && self.format == Format::Csv {
            let header = csv_header(self.rules);
            self.out.write_all(header.as_bytes())?;
        }
        self.started = true;
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
            (Format::Csv, item) => csv_row(self.rules, item),
        };
        self.out.write_all(text.as_bytes())
    }

    pub fn finish(mut self) -> io::Result<()> {
        if !self.started && self.format == Format::Csv {
            self.out.write_all(csv_header(self.rules).as_bytes())?;
        }
        self.out.flush()
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
    if !r.missing.is_empty() {
        let _ = writeln!(out, "    còn thiếu: {}", r.missing.join("; "));
    }
    out
}

fn csv_header(rules: &RuleSet) -> String {
    let mut cols: Vec<String> = ["ten-don-vi", "nam", "hang", "ket-luan", "so-tieu-chi-dat"]
        .map(String::from)
        .to_vec();
    cols.extend(rules.criteria.iter().map(|c| c.id.clone()));
    cols.extend(["chi-tieu-chua-dat", "con-thieu", "xep-loai", "loi"].map(String::from));
    csv_line(&cols)
}

fn csv_row(rules: &RuleSet, item: &Item) -> String {
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
            cols.extend([String::new(), String::new(), String::new()]);
            let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
            cols.push(all.join(" | "));
            cols
        }
    };
    for c in &mut cols {
        *c = cell(c).into_owned();
    }
    csv_line(&cols)
}

fn csv_line(cols: &[String]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(cols);
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}
