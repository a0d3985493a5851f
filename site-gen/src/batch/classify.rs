//! `site-gen classify --year Y FILE`: the national classification of each
//! row (a tập thể or a party member) under the regime of that year, with
//! its reasons, then the cap on "Hoàn thành xuất sắc nhiệm vụ" per group.
//! Rows are read, classified and written one at a time; only the counts per
//! group are kept for the end.

use super::report::{Format, Sheet, csv_line};
use super::table::{
    Cell, Rows, Stop, check_header, csv_rows, delimiter, file_problem, is_sheet, sheet_name,
    sheet_rows, skip_bom,
};
use super::{InputProblem, problem};
use crate::escape::{cell, clean, json};
use crate::routes;
use bontot_core::national::{
    self, Answers, ByConditions, Classification, Outcome, Regime, Wording,
};
use bontot_core::number::{Exact, MAX_COUNT, parse_decimal};
use bontot_core::rules::Class;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

pub const NAME: &str = "ten";
pub const SUBJECT: &str = "doi-tuong";
pub const GROUP: &str = "nhom";
pub const POINTS: &str = "diem";

/// The columns of a classify file under `r`.
pub fn columns(r: &Regime) -> Vec<String> {
    let mut cols = vec![NAME.to_string(), SUBJECT.into(), GROUP.into()];
    if r.has_points() {
        cols.push(POINTS.into());
    }
    cols.extend(r.conditions.iter().map(|c| c.id.clone()));
    cols.extend(r.competent.iter().map(|c| c.id.clone()));
    cols
}

/// `site-gen template --classify --year Y`: the header line.
pub fn template(r: &Regime) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(columns(r));
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `site-gen rules --classify --year Y`: every column and its question.
pub fn list(r: &Regime) -> String {
    let mut out = format!("{} ({}), áp dụng {}\n", r.short, r.title, r.years());
    let _ = writeln!(out, "{NAME}: tên hoặc nhãn (không bắt buộc)");
    let subjects: Vec<String> = r
        .subjects
        .iter()
        .map(|s| format!("{} ({})", s.id, s.name))
        .collect();
    let _ = writeln!(out, "{SUBJECT}: {}", subjects.join(" | "));
    let _ = writeln!(
        out,
        "{GROUP}: nhóm tương đồng để tính giới hạn (trống: theo đối tượng)"
    );
    if r.has_points() {
        let _ = writeln!(
            out,
            "{POINTS}: tổng điểm, từ 0 đến 100 (phần thập phân sau , hoặc .)"
        );
    }
    for c in &r.conditions {
        let _ = writeln!(out, "{}: co | khong | (trống): {}", c.id, c.question);
    }
    for c in &r.competent {
        let _ = writeln!(out, "{}: co | khong | (trống): {}", c.id, c.question);
    }
    out
}

/// One row, read and classified, or its problems.
pub enum Row {
    Classified {
        line: Option<u64>,
        name: String,
        group: String,
        answers: Answers,
        result: Classification,
    },
    Rejected {
        line: Option<u64>,
        name: String,
        problems: Vec<InputProblem>,
    },
}

/// Counts of one group, for the cap.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub htxsnv: u64,
    pub httnv: u64,
    /// Rows of the group without a level (disagreement or missing answers).
    pub open: u64,
}

struct Reader<'a, F> {
    regime: &'a Regime,
    groups: BTreeMap<String, Group>,
    rejected: u64,
    each: F,
}

impl<F: FnMut(Row) -> io::Result<()>> Reader<'_, F> {
    fn hand_on(&mut self, row: Row) -> Result<(), Stop> {
        match &row {
            Row::Classified { group, result, .. } => {
                let g = self.groups.entry(group.clone()).or_default();
                match result.outcome {
                    Outcome::Level(Class::Htxsnv) => g.htxsnv += 1,
                    Outcome::Level(Class::Httnv) => g.httnv += 1,
                    Outcome::Level(_) => {}
                    _ => g.open += 1,
                }
            }
            Row::Rejected { .. } => self.rejected += 1,
        }
        (self.each)(row).map_err(Stop::Output)
    }
}

impl<F: FnMut(Row) -> io::Result<()>> Rows for Reader<'_, F> {
    type Header = Vec<String>;

    fn known(&self) -> Vec<String> {
        columns(self.regime)
    }

    fn header(&mut self, cells: &[Cell], line: u64, d: Option<u8>) -> Result<Vec<String>, Stop> {
        let unknown = format!(
            "{} ({}); `site-gen template --classify --year …` ghi đúng dòng tiêu đề",
            self.regime.short,
            self.regime.years()
        );
        check_header(cells, line, &self.known(), &unknown, d)
    }

    fn row(&mut self, header: &Vec<String>, cells: &[Cell], line: Option<u64>) -> Result<(), Stop> {
        let row = read_row(self.regime, header, cells, line);
        self.hand_on(row)
    }

    fn unreadable(&mut self, line: Option<u64>, message: String) -> Result<(), Stop> {
        self.hand_on(Row::Rejected {
            line,
            name: String::new(),
            problems: vec![problem(line, None, message)],
        })
    }
}

fn read_row(r: &Regime, header: &[String], cells: &[Cell], line: Option<u64>) -> Row {
    let mut problems = Vec::new();
    if cells.len() != header.len() {
        problems.push(problem(
            line,
            None,
            format!(
                "hàng có {} ô, dòng tiêu đề có {} cột",
                cells.len(),
                header.len()
            ),
        ));
    }
    let mut values: BTreeMap<&str, (String, usize)> = BTreeMap::new();
    for (i, (col, c)) in header.iter().zip(cells).enumerate() {
        match c {
            Cell::Text(t) => {
                values.insert(col, (bontot_core::text::nfc(t.trim()), i + 1));
            }
            Cell::Bad(m) => problems.push(problem(line, Some((col.clone(), i + 1)), m.clone())),
        }
    }
    let get = |k: &str| values.get(k).map_or("", |(v, _)| v.as_str());
    let at = |k: &str| values.get(k).map_or(0, |(_, n)| *n);
    let name = get(NAME).to_string();
    let subject = r.subject(get(SUBJECT));
    if subject.is_none() {
        let known: Vec<&str> = r.subjects.iter().map(|s| s.id.as_str()).collect();
        problems.push(problem(
            line,
            Some((SUBJECT.into(), at(SUBJECT))),
            format!(
                "“{}” không phải đối tượng nào; ghi một trong: {}",
                get(SUBJECT),
                known.join(", ")
            ),
        ));
    }
    let mut answers = Answers::default();
    if r.has_points() && !get(POINTS).is_empty() {
        match parse_decimal(get(POINTS)) {
            Ok(p) if p <= Exact::from_integer(100) => answers.points = Some(p),
            Ok(_) => problems.push(problem(
                line,
                Some((POINTS.into(), at(POINTS))),
                "tổng điểm không quá 100",
            )),
            Err(e) => problems.push(problem(
                line,
                Some((POINTS.into(), at(POINTS))),
                e.vietnamese(),
            )),
        }
    }
    let asked: Vec<usize> = subject.map(|s| r.questions(s)).unwrap_or_default();
    let ids = r
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), subject.is_some_and(|_| asked.contains(&i))))
        .chain(r.competent.iter().map(|c| {
            (
                c.id.as_str(),
                subject.is_some_and(|s| c.subjects.contains(&s)),
            )
        }));
    for (id, is_asked) in ids {
        let v = get(id);
        let yes = match bontot_core::text::fold(v).as_str() {
            "" => continue,
            "co" | "c" | "x" | "1" => true,
            "khong" | "k" | "0" => false,
            _ => {
                problems.push(problem(
                    line,
                    Some((id.into(), at(id))),
                    format!("“{v}”: ghi co, khong, hoặc để trống"),
                ));
                continue;
            }
        };
        if !is_asked && subject.is_some() {
            problems.push(problem(
                line,
                Some((id.into(), at(id))),
                format!("câu này không hỏi đối tượng {}: để trống", get(SUBJECT)),
            ));
            continue;
        }
        answers.yes.insert(id.to_string(), yes);
    }
    match subject {
        Some(s) if problems.is_empty() => {
            let group = match get(GROUP) {
                "" => r.subjects[s].id.clone(),
                g => g.to_string(),
            };
            let result = r.classify(s, &answers);
            Row::Classified {
                line,
                name,
                group,
                answers,
                result,
            }
        }
        _ => Row::Rejected {
            line,
            name,
            problems,
        },
    }
}

/// What a whole file gave.
pub struct Done {
    pub groups: BTreeMap<String, Group>,
    pub rejected: u64,
}

/// Reads `path` (a spreadsheet or a CSV) and hands on each row.
pub fn each_row(
    path: &Path,
    r: &Regime,
    each: impl FnMut(Row) -> io::Result<()>,
) -> Result<Done, Stop> {
    let file =
        std::fs::File::open(path).map_err(|e| file_problem(format!("không mở được tệp: {e}")))?;
    let mut input = BufReader::with_capacity(256 * 1024, file);
    let head = input
        .fill_buf()
        .map_err(|e| file_problem(format!("không đọc được tệp: {e}")))?;
    let mut reader = Reader {
        regime: r,
        groups: BTreeMap::new(),
        rejected: 0,
        each,
    };
    if sheet_name(path) || is_sheet(head) {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| file_problem(format!("không đọc được tệp: {e}")))?;
        sheet_rows(io::Cursor::new(bytes.as_slice()), &mut reader)?;
    } else {
        let body = skip_bom(&mut input)?;
        let d = delimiter(&body, &reader.known());
        csv_rows(input, d, &mut reader)?;
    }
    Ok(Done {
        groups: reader.groups,
        rejected: reader.rejected,
    })
}

/// The level column: a level, or why there is none.
pub fn verdict(c: &Classification) -> String {
    match c.outcome {
        Outcome::Level(l) => l.code().to_string(),
        Outcome::Disagree { .. } => "CHƯA XẾP ĐƯỢC: điểm và điều kiện khác nhau".into(),
        Outcome::Incomplete => "CHƯA ĐỦ THÔNG TIN".into(),
    }
}

/// Why, in sentences, each naming the passage it rests on
/// (`[van-ban/<id>.html#anchor]`).
pub fn reasons(r: &Regime, a: &Answers, c: &Classification) -> Vec<String> {
    let page = routes::national(&r.id);
    national::reasons(r, a, c, Wording::Columns)
        .into_iter()
        .map(|w| match w.anchor {
            Some(anchor) => format!("{} [{page}#{anchor}].", w.text),
            None => format!("{}.", w.text),
        })
        .collect()
}

/// The cap's finding for one group, in a sentence; `None` where it holds
/// under both counts.
pub fn cap_sentence(r: &Regime, group: &str, g: &Group) -> Option<String> {
    let cap = r.cap.as_ref()?;
    let c = cap.check(g.htxsnv, g.httnv);
    if c.within && c.within_counting_htxsnv {
        return None;
    }
    let mut s = format!(
        "Nhóm “{}” (các hàng của tệp này): {} HTXSNV, {} HTTNV. Giới hạn {}%",
        clean(group),
        g.htxsnv,
        g.httnv,
        cap.percent
    );
    if c.within_counting_htxsnv {
        let _ = write!(
            s,
            ": vượt nếu chỉ tính số HTTNV (tối đa {}), không vượt nếu tính cả số HTXSNV vào số HTTNV (tối đa {}); đoạn trích không nói cách nào đúng",
            c.allowed, c.allowed_counting_htxsnv
        );
    } else {
        let _ = write!(
            s,
            ": vượt (tối đa {} khi chỉ tính số HTTNV, {} khi tính cả số HTXSNV)",
            c.allowed,
            c.allowed_counting_htxsnv.min(MAX_COUNT)
        );
    }
    if let Some((p, _)) = &cap.raised {
        let raised = bontot_core::national::cap_check(*p, g.htxsnv, g.httnv);
        if raised.within {
            let _ = write!(s, "; trong giới hạn {p}% nếu cấp có thẩm quyền cho phép");
        }
    }
    let _ = write!(
        s,
        ". Bốn Tốt chỉ cảnh báo: cấp có thẩm quyền xem xét, quyết định [{}#{}].",
        routes::national(&r.id),
        cap.cite.anchor
    );
    if g.open > 0 {
        let _ = write!(s, " {} hàng của nhóm chưa xếp được mức, chưa tính.", g.open);
    }
    Some(s)
}

const OUT_COLUMNS: [&str; 7] = [
    NAME,
    SUBJECT,
    GROUP,
    "muc",
    "theo-diem",
    "theo-dieu-kien",
    "ly-do",
];

/// Writes each row's result as it comes, and the caps at the end.
pub struct Report<'a, W: Write> {
    regime: &'a Regime,
    format: Format,
    out: W,
    sheet: Option<Sheet>,
    started: bool,
}

impl<'a, W: Write> Report<'a, W> {
    pub fn new(regime: &'a Regime, format: Format, out: W) -> Self {
        Report {
            regime,
            format,
            out,
            sheet: None,
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if std::mem::replace(&mut self.started, true) {
            return Ok(());
        }
        let head: Vec<String> = OUT_COLUMNS.iter().map(|s| s.to_string()).collect();
        match self.format {
            Format::Csv => self.out.write_all(csv_line(&head).as_bytes()),
            Format::Xlsx => {
                let mut s = Sheet::new("xep-loai")?;
                s.write(&head)?;
                self.sheet = Some(s);
                Ok(())
            }
            Format::Table => {
                let mut text = format!(
                    "Xếp loại theo {} ({}).\n",
                    self.regime.short,
                    clean(&self.regime.title)
                );
                // What the rules leave open, once, before the rows.
                for g in &self.regime.gaps {
                    let _ = writeln!(text, "Quy định chưa rõ: {}", clean(g));
                }
                text.push('\n');
                self.out.write_all(text.as_bytes())
            }
            Format::Json => Ok(()),
        }
    }

    pub fn row(&mut self, row: &Row) -> io::Result<()> {
        self.start()?;
        let Row::Classified {
            name,
            group,
            answers,
            result,
            ..
        } = row
        else {
            return Ok(());
        };
        let r = self.regime;
        let subject = &r.subjects[result.subject];
        let why = reasons(r, answers, result);
        let by_points = result.by_points.map_or("", |c| c.code()).to_string();
        let by_conditions = match result.by_conditions {
            ByConditions::Level(c) => c.code().to_string(),
            ByConditions::Unanswered { .. } => "chưa đủ câu trả lời".into(),
            ByConditions::NoLevel => "không mức nào".into(),
        };
        match self.format {
            Format::Table => {
                let mut s = format!(
                    "{} ({}, nhóm {}): {}\n",
                    if name.is_empty() {
                        "(không tên)".into()
                    } else {
                        clean(name)
                    },
                    subject.name,
                    clean(group),
                    verdict(result)
                );
                for w in &why {
                    let _ = writeln!(s, "  {w}");
                }
                s.push('\n');
                self.out.write_all(s.as_bytes())
            }
            Format::Json => {
                let level = match result.outcome {
                    Outcome::Level(c) => format!("\"{}\"", c.code()),
                    _ => "null".into(),
                };
                let list: Vec<String> = why.iter().map(|w| format!("\"{}\"", json(w))).collect();
                writeln!(
                    self.out,
                    "{{\"ten\":\"{}\",\"doi-tuong\":\"{}\",\"nhom\":\"{}\",\"muc\":{level},\"theo-diem\":\"{by_points}\",\"theo-dieu-kien\":\"{}\",\"ly-do\":[{}]}}",
                    json(name),
                    json(&subject.id),
                    json(group),
                    json(&by_conditions),
                    list.join(",")
                )
            }
            Format::Csv | Format::Xlsx => {
                let cols = vec![
                    cell(name).into_owned(),
                    subject.id.clone(),
                    cell(group).into_owned(),
                    verdict(result),
                    by_points,
                    by_conditions,
                    why.join(" "),
                ];
                match &mut self.sheet {
                    Some(s) => s.write(&cols),
                    None => self.out.write_all(csv_line(&cols).as_bytes()),
                }
            }
        }
    }

    /// The caps per group: in the table and JSON; for CSV and xlsx on the
    /// error stream, which they leave readable as one table.
    pub fn finish(mut self, done: &Done) -> io::Result<()> {
        self.start()?;
        let r = self.regime;
        let caps: Vec<String> = done
            .groups
            .iter()
            .filter_map(|(name, g)| cap_sentence(r, name, g))
            .collect();
        match self.format {
            Format::Table => {
                if r.cap.is_some() {
                    if caps.is_empty() {
                        writeln!(
                            self.out,
                            "Giới hạn HTXSNV: không nhóm nào vượt, theo cả hai cách tính."
                        )?;
                    }
                    for c in &caps {
                        writeln!(self.out, "CẢNH BÁO GIỚI HẠN: {c}")?;
                    }
                }
            }
            Format::Json => {
                for (name, g) in &done.groups {
                    if let Some(cap) = &r.cap {
                        let c = cap.check(g.htxsnv, g.httnv);
                        writeln!(
                            self.out,
                            "{{\"nhom\":\"{}\",\"htxsnv\":{},\"httnv\":{},\"chua-xep\":{},\"gioi-han\":{},\"trong-gioi-han\":{},\"trong-gioi-han-tinh-ca-htxsnv\":{}}}",
                            json(name),
                            g.htxsnv,
                            g.httnv,
                            g.open,
                            c.percent,
                            c.within,
                            c.within_counting_htxsnv
                        )?;
                    }
                }
            }
            Format::Csv | Format::Xlsx => {
                let mut err = io::stderr().lock();
                for c in &caps {
                    writeln!(err, "cảnh báo giới hạn: {c}")?;
                }
            }
        }
        if let Some(s) = self.sheet.take() {
            self.out.write_all(&s.finish()?)?;
        }
        self.out.flush()
    }
}
