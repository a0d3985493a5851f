//! Batch commands for a đảng ủy with many chi bộ: list what a plan asks
//! (`rules`), write a CSV template (`template`), and assess a CSV or a JSON
//! file exported by the app (`assess`) with the same engine as the app.

use bontot_core::answers::Answers;
use bontot_core::engine::{Assessment, Status, evaluate};
use bontot_core::model::Unit;
use bontot_core::rules::{Class, InputKind, Rating, RuleSet, applies, fields};
use std::fmt::Write;

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

fn kind_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::YesNo => "yes-no",
        InputKind::Count => "count",
        InputKind::Ratio => "ratio",
        InputKind::Percent => "percent",
        InputKind::Monthly => "monthly",
        InputKind::Classification => "classification",
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
            let mut kind = kind_name(input.kind).to_string();
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

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(l) = self.line {
            write!(f, "row {l}")?;
        }
        if let Some((name, n)) = &self.column {
            write!(f, ", column {n} `{name}`")?;
        }
        if self.line.is_some() || self.column.is_some() {
            write!(f, ": ")?;
        }
        f.write_str(&self.message)
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

/// Reads a CSV (one row per unit) into answers; every bad cell is reported.
pub fn read_csv(
    text: &str,
    rules: &RuleSet,
    unit: Unit,
) -> Result<Vec<Answers>, Vec<InputProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![problem(
                Some(1),
                None,
                format!("cannot read the header: {e}"),
            )]);
        }
    };
    let known = columns(rules, unit);
    let mut problems = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if !known.contains(h) {
            problems.push(problem(
                Some(1),
                Some((h.clone(), i + 1)),
                format!(
                    "unknown column for plan {} ({}); `site-gen template` writes the right header",
                    rules.plan,
                    unit.id()
                ),
            ));
        }
        if header[..i].contains(h) {
            problems.push(problem(
                Some(1),
                Some((h.clone(), i + 1)),
                "the column appears twice",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                problems.push(problem(line, None, e.to_string()));
                continue;
            }
        };
        let line = record.position().map(|p| p.line());
        let mut a = Answers::new(rules, unit);
        for (col, cell) in header.iter().zip(record.iter()) {
            let cell = bontot_core::text::nfc(cell.trim());
            match col.as_str() {
                NAME_COLUMN => a.name = cell,
                YEAR_COLUMN => a.year = cell,
                _ => a.set(col, cell),
            }
        }
        if let Err(msg) = a.check(rules) {
            problems.push(problem(line, None, msg));
            continue;
        }
        // Reading the values reports each wrong cell with the engine's message.
        let assessment = evaluate(rules, unit, &a);
        for (field, msg) in &assessment.errors {
            let n = header
                .iter()
                .position(|h| h == field)
                .map(|i| i + 1)
                .unwrap_or(0);
            problems.push(problem(line, Some((field.clone(), n)), msg.clone()));
        }
        out.push(a);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Reads a JSON file exported by the app: one answers object, or an array.
pub fn read_json(text: &str, rules: &RuleSet) -> Result<Vec<Answers>, Vec<InputProblem>> {
    let trimmed = text.trim_start();
    let items: Vec<String> = if trimmed.starts_with('[') {
        match serde_json::from_str::<Vec<serde_json::Value>>(trimmed) {
            Ok(v) => v.iter().map(|x| x.to_string()).collect(),
            Err(e) => {
                return Err(vec![problem(
                    Some(e.line() as u64),
                    None,
                    format!("not valid JSON: {e}"),
                )]);
            }
        }
    } else {
        vec![text.to_string()]
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match Answers::from_json(item, rules) {
            Ok(a) => {
                let assessment = evaluate(rules, a.unit, &a);
                for (field, msg) in &assessment.errors {
                    problems.push(problem(
                        None,
                        Some((field.clone(), 0)),
                        format!("item {}: {msg}", i + 1),
                    ));
                }
                out.push(a);
            }
            Err(msg) => problems.push(problem(None, None, format!("item {}: {msg}", i + 1))),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A readable table: one row per unit with its verdict and criteria.
pub fn report(rules: &RuleSet, results: &[(Answers, Assessment)]) -> String {
    let short = |s: Status| match s {
        Status::Pass => "đạt",
        Status::Fail => "CHƯA ĐẠT",
        Status::Missing => "thiếu",
    };
    let mut out = String::new();
    for (a, r) in results {
        let name = if a.name.is_empty() {
            "(không tên)"
        } else {
            &a.name
        };
        let verdict = match r.verdict.status {
            Some(s) => format!("{} “{}”", short(s), rules.verdict.name),
            None => "không có quy tắc kết luận chung".into(),
        };
        let _ = writeln!(
            out,
            "{name} ({}, {}): {verdict}, {}/{} tiêu chí",
            a.unit.label(),
            a.year,
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
    }
    out
}

/// Reads `text` as CSV or JSON (by its first character) and assesses each unit.
pub fn assess(
    text: &str,
    rules: &RuleSet,
    unit: Unit,
) -> Result<Vec<(Answers, Assessment)>, Vec<InputProblem>> {
    let answers = if text.trim_start().starts_with(['{', '[']) {
        read_json(text, rules)?
    } else {
        read_csv(text, rules, unit)?
    };
    Ok(answers
        .into_iter()
        .map(|a| {
            let r = evaluate(rules, a.unit, &a);
            (a, r)
        })
        .collect())
}
