//! Batch commands for a đảng ủy with many chi bộ: list what a plan asks
//! (`rules`), write a CSV template (`template`), and assess a CSV or a JSON
//! file exported by the app (`assess`) with the same engine as the app,
//! one unit at a time ([`read`], [`report`]).

pub mod classify;
pub mod probe;
pub mod read;
pub mod report;
pub mod table;

use crate::escape::clean;
use bontot_core::model::Unit;
use bontot_core::rules::{Class, InputKind, Rating, RuleSet, applies, fields};

/// CSV columns for the unit's name and the year, before the answers.
pub const NAME_COLUMN: &str = "ten-don-vi";
pub const YEAR_COLUMN: &str = "nam";

/// What values a field takes, in words.
fn allowed(kind: InputKind) -> String {
    match kind {
        InputKind::YesNo => "co | khong".into(),
        InputKind::Count | InputKind::Ratio => "số nguyên ≥ 0".into(),
        InputKind::Percent => "số từ 0 đến 100, phần thập phân sau dấu , hoặc .".into(),
        InputKind::Monthly => {
            Rating::ALL
                .iter()
                .map(|r| r.code())
                .collect::<Vec<_>>()
                .join(" | ")
                + " | (trống)"
        }
        InputKind::Classification => Class::ALL
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

/// `site-gen rules --plan X`: every answer the plan asks for.
pub fn list(rules: &RuleSet) -> String {
    let mut rows = vec![[
        "id".to_string(),
        "kind".into(),
        "units".into(),
        "values".into(),
        "label".into(),
    ]];
    for input in &rules.inputs {
        let units: Vec<&str> = rules
            .units
            .iter()
            .filter(|u| applies(&input.units, **u))
            .map(|u| u.id())
            .collect();
        for (i, field) in fields(input).iter().enumerate() {
            let label = match input.kind {
                InputKind::Ratio if i == 0 => format!(
                    "{}: {}",
                    input.label,
                    input.numerator.as_deref().unwrap_or("")
                ),
                InputKind::Ratio => format!(
                    "{}: {}",
                    input.label,
                    input.denominator.as_deref().unwrap_or("")
                ),
                InputKind::Monthly => format!("{}: tháng {}", input.label, i + 1),
                _ => input.label.clone(),
            };
            let mut kind = input.kind.name().to_string();
            if input.from_members.is_some() {
                kind.push_str(" (app: from the list of chi bộ)");
            }
            rows.push([
                field.clone(),
                kind,
                units.join(","),
                allowed(input.kind),
                label,
            ]);
        }
    }
    table(&rows)
}

/// Pads columns to line up (by characters; the text is NFC).
fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0usize; N];
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, (w, c)) in widths.iter().zip(r).enumerate() {
            line.push_str(c);
            if i + 1 < N {
                line.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The CSV columns for `unit`: name, year, then every answer field.
pub fn columns(rules: &RuleSet, unit: Unit) -> Vec<String> {
    let mut cols = vec![NAME_COLUMN.to_string(), YEAR_COLUMN.to_string()];
    cols.extend(rules.inputs_for(unit).flat_map(fields));
    cols
}

/// `site-gen template`: the CSV header line.
pub fn template(rules: &RuleSet, unit: Unit) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns(rules, unit))
        .expect("writing to memory");
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 header")
}

/// A problem in an input file, with its place.
#[derive(Debug, PartialEq)]
pub struct InputProblem {
    /// 1-based line in the file (the header is line 1 of a CSV).
    pub line: Option<u64>,
    /// Column name (and its 1-based number), when the problem is in a cell.
    pub column: Option<(String, usize)>,
    pub message: String,
}

/// In Vietnamese, like the cell messages, with every piece of the file's
/// own text escaped ([`crate::escape::clean`]).
impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut place = Vec::new();
        if let Some(l) = self.line {
            place.push(format!("hàng {l}"));
        }
        match &self.column {
            Some((name, 0)) => place.push(format!("ô `{}`", clean(name))),
            Some((name, n)) => place.push(format!("cột {n} `{}`", clean(name))),
            None => {}
        }
        if !place.is_empty() {
            write!(f, "{}: ", place.join(", "))?;
        }
        f.write_str(&clean(&self.message))
    }
}

fn problem(
    line: Option<u64>,
    column: Option<(String, usize)>,
    message: impl Into<String>,
) -> InputProblem {
    InputProblem {
        line,
        column,
        message: message.into(),
    }
}
