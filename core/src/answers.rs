//! Answers as people type them (text per field), how they are read into
//! exact values, and the saved-answers file the app exports and imports.
//! Reading never clamps or guesses: a wrong entry is an error with a
//! Vietnamese message, and the field counts as unanswered.

use crate::model::Unit;
use crate::number::{Exact, parse_count, parse_decimal};
use crate::rules::{Class, Input, InputKind, MemberCount, Rating, RuleSet, fields};
use crate::text::fold;
use num_rational::Ratio;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The tag at the top of every saved-answers file.
pub const FORMAT: &str = "bontot-answers";
/// Largest saved-answers file or share link accepted.
pub const MAX_BYTES: usize = 1_000_000;
const MAX_FIELD: usize = 200;
const MAX_MEMBERS: usize = 500;

/// Where the calculator saves a unit's answers on the device
/// (localStorage): `bontot:<plan>:<unit>`. The year-end part reads them
/// there too.
pub fn storage_key(plan: &str, unit: Unit) -> String {
    format!("bontot:{plan}:{}", unit.id())
}

/// Where the calculator keeps the unit last chosen for a plan.
pub fn unit_storage_key(plan: &str) -> String {
    format!("bontot:{plan}:don-vi")
}

/// A chi bộ of a đảng bộ, as listed in đảng bộ mode.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    /// Whether it reached the plan's verdict ("bốn tốt"); `None` unknown.
    #[serde(default)]
    pub bon_tot: Option<bool>,
    #[serde(default)]
    pub class: Option<Class>,
}

/// Everything a unit answered: what the app saves, exports and shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    pub format: String,
    pub plan: String,
    pub version: u32,
    pub unit: Unit,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub year: String,
    /// Field id → text as typed.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    #[serde(default)]
    pub members: Vec<Member>,
    /// The year-end part's books for this plan and unit (year → the book
    /// as saved, JSON), carried only in an exported file so that one file
    /// keeps a unit's whole year; never in a share link, never in memory
    /// otherwise. Read by the year-end part, which checks them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub books: BTreeMap<String, String>,
}

impl Answers {
    pub fn new(rules: &RuleSet, unit: Unit) -> Answers {
        Answers {
            format: FORMAT.into(),
            plan: rules.plan.clone(),
            version: rules.version,
            unit,
            name: String::new(),
            year: String::new(),
            values: BTreeMap::new(),
            members: Vec::new(),
            books: BTreeMap::new(),
        }
    }

    /// The text typed in a field ("" when empty).
    pub fn get(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    pub fn set(&mut self, field: &str, value: String) {
        if value.is_empty() {
            self.values.remove(field);
        } else {
            self.values.insert(field.to_string(), value);
        }
    }

    /// Reads a saved-answers file for `rules`, refusing (with a Vietnamese
    /// message, loading nothing) anything corrupt, oversized, from another
    /// plan or from another version of the rules.
    pub fn from_json(text: &str, rules: &RuleSet) -> Result<Answers, String> {
        Answers::from_json_in(text, rules, Source::File)
    }

    /// Like `from_json`, with messages that name where the text came from.
    pub fn from_json_in(text: &str, rules: &RuleSet, source: Source) -> Result<Answers, String> {
        Answers::from_json_named(text, rules, source, &|slug| format!("kế hoạch “{slug}”"))
    }

    /// Like `from_json_in`, with `plan` naming a plan by its slug the way
    /// a reader knows it ("kế hoạch của Tỉnh Bến Tre"), in messages.
    pub fn from_json_named(
        text: &str,
        rules: &RuleSet,
        source: Source,
        plan: &dyn Fn(&str) -> String,
    ) -> Result<Answers, String> {
        let noun = source.noun();
        if text.len() > MAX_BYTES {
            return Err(format!(
                "{noun} quá lớn ({} KB): câu trả lời hợp lệ nhỏ hơn 1 MB. Không có gì được nạp.",
                text.len() / 1000
            ));
        }
        let a: Answers = serde_json::from_str(text).map_err(|e| match source {
            Source::File => format!(
                "Tệp hỏng hoặc không phải tệp câu trả lời của Bốn Tốt (lỗi ở dòng {}). Không có gì được nạp.",
                e.line()
            ),
            Source::Link => "Liên kết hỏng hoặc không chứa câu trả lời của Bốn Tốt. Không có gì được nạp.".into(),
        })?;
        a.check_from(rules, source, plan)?;
        Ok(a)
    }

    /// Checks answers read from outside against `rules`.
    pub fn check(&self, rules: &RuleSet) -> Result<(), String> {
        self.check_from(rules, Source::File, &|slug| format!("kế hoạch “{slug}”"))
    }

    fn check_from(
        &self,
        rules: &RuleSet,
        source: Source,
        plan: &dyn Fn(&str) -> String,
    ) -> Result<(), String> {
        let noun = source.noun();
        if self.format != FORMAT {
            return Err(format!(
                "{noun} này không chứa câu trả lời của Bốn Tốt. Không có gì được nạp."
            ));
        }
        if self.plan != rules.plan {
            return Err(format!(
                "{noun} này chứa câu trả lời theo {}, không phải theo {} đang mở. Hãy mở đúng kế hoạch rồi nhập lại. Không có gì được nạp.",
                plan(&self.plan),
                plan(&rules.plan)
            ));
        }
        if self.version != rules.version {
            return Err(format!(
                "{noun} được lập theo bộ quy tắc phiên bản {}, nay là phiên bản {}: câu hỏi đã thay đổi nên không thể nạp tự động; hãy nhập lại. Không có gì được nạp.",
                self.version, rules.version
            ));
        }
        if !rules.units.contains(&self.unit) {
            return Err(format!(
                "Kế hoạch này không áp dụng cho {}. Không có gì được nạp.",
                self.unit.label()
            ));
        }
        let known: Vec<String> = rules.inputs_for(self.unit).flat_map(fields).collect();
        if let Some(f) = self.values.keys().find(|f| !known.contains(f)) {
            return Err(format!(
                "{noun} có câu trả lời “{f}” mà kế hoạch này không hỏi. Không có gì được nạp."
            ));
        }
        let long = |s: &str| s.chars().count() > MAX_FIELD;
        if long(&self.name) || long(&self.year) || self.values.values().any(|v| long(v)) {
            return Err(format!(
                "Có ô dài quá {MAX_FIELD} ký tự. Không có gì được nạp."
            ));
        }
        if self.members.len() > MAX_MEMBERS || self.members.iter().any(|m| long(&m.name)) {
            return Err(format!(
                "Danh sách chi bộ quá dài (tối đa {MAX_MEMBERS}). Không có gì được nạp."
            ));
        }
        if self.books.len() > 50
            || self
                .books
                .keys()
                .any(|y| y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!(
                "{noun} có sổ theo dõi không hợp lệ (năm phải viết bằng 4 chữ số). Không có gì được nạp."
            ));
        }
        if self.unit == Unit::ChiBo && !self.members.is_empty() {
            return Err("Câu trả lời của chi bộ không có danh sách chi bộ trực thuộc. Không có gì được nạp.".into());
        }
        Ok(())
    }
}

/// Where answers from outside came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    File,
    Link,
}

impl Source {
    fn noun(self) -> &'static str {
        match self {
            Source::File => "Tệp",
            Source::Link => "Liên kết",
        }
    }
}

/// An answer read into exact values.
#[derive(Debug, Clone, PartialEq)]
pub enum InputValue {
    YesNo(bool),
    Count(u64),
    /// Numerator and denominator.
    Ratio(u64, u64),
    Percent(Exact),
    /// Month 1..12; `None` not entered yet.
    Monthly([Option<Rating>; 12]),
    Class(Class),
}

/// Reads "có"/"không" and their usual spellings.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match fold(s.trim()).as_str() {
        "co" | "yes" | "y" | "x" | "1" | "true" | "dat" => Some(true),
        "khong" | "no" | "n" | "0" | "false" | "khong dat" => Some(false),
        _ => None,
    }
}

/// Reads one input: `Ok(None)` when nothing was typed, `Err` with
/// (field, message) pairs when something typed is wrong.
pub fn read_input(input: &Input, a: &Answers) -> Result<Option<InputValue>, Vec<(String, String)>> {
    let f = fields(input);
    let err = |field: &str, msg: &str| Err(vec![(field.to_string(), msg.to_string())]);
    match input.kind {
        InputKind::YesNo => {
            let t = a.get(&f[0]);
            if t.trim().is_empty() {
                return Ok(None);
            }
            match parse_yes_no(t) {
                Some(b) => Ok(Some(InputValue::YesNo(b))),
                None => err(&f[0], "Chọn “Có” hoặc “Không”."),
            }
        }
        InputKind::Count => read_count(a.get(&f[0]), &f[0]).map(|c| c.map(InputValue::Count)),
        InputKind::Percent => {
            let t = a.get(&f[0]);
            if t.trim().is_empty() {
                return Ok(None);
            }
            match parse_decimal(t) {
                Ok(p) if p > Ratio::from_integer(100) => {
                    err(&f[0], "Tỷ lệ phần trăm phải từ 0 đến 100.")
                }
                Ok(p) => Ok(Some(InputValue::Percent(p))),
                Err(e) => err(&f[0], e.vietnamese()),
            }
        }
        InputKind::Ratio => {
            if a.unit == Unit::DangBo
                && let Some(kind) = input.from_members
                && !a.members.is_empty()
            {
                // A chi bộ whose result is not entered yet leaves the share open.
                return Ok(member_ratio(kind, &a.members));
            }
            let (num, den) = (
                read_count(a.get(&f[0]), &f[0]),
                read_count(a.get(&f[1]), &f[1]),
            );
            match (num, den) {
                (Ok(Some(_)), Ok(Some(0))) => err(&f[1], "Tổng số phải lớn hơn 0."),
                (Ok(Some(n)), Ok(Some(d))) if n > d => {
                    err(&f[0], "Số này không được lớn hơn tổng số.")
                }
                (Ok(Some(n)), Ok(Some(d))) => Ok(Some(InputValue::Ratio(n, d))),
                (Ok(None), Ok(None)) => Ok(None),
                (Ok(_), Ok(_)) => Ok(None),
                (n, d) => Err(n.err().into_iter().chain(d.err()).flatten().collect()),
            }
        }
        InputKind::Monthly => {
            let mut months = [None; 12];
            let mut errors = Vec::new();
            for (i, field) in f.iter().enumerate() {
                let t = a.get(field);
                if t.trim().is_empty() {
                    continue;
                }
                match Rating::parse(t) {
                    Some(r) => months[i] = Some(r),
                    None => errors.push((
                        field.clone(),
                        "Chọn Tốt, Khá, Trung bình, Kém hoặc Không họp.".to_string(),
                    )),
                }
            }
            if !errors.is_empty() {
                Err(errors)
            } else if months.iter().all(Option::is_none) {
                Ok(None)
            } else {
                Ok(Some(InputValue::Monthly(months)))
            }
        }
        InputKind::Classification => {
            let t = a.get(&f[0]);
            if t.trim().is_empty() {
                return Ok(None);
            }
            match Class::parse(t) {
                Some(c) => Ok(Some(InputValue::Class(c))),
                None => err(
                    &f[0],
                    "Chọn một mức xếp loại: HTXSNV, HTTNV, HTNV hoặc KHTNV.",
                ),
            }
        }
    }
}

fn read_count(t: &str, field: &str) -> Result<Option<u64>, Vec<(String, String)>> {
    if t.trim().is_empty() {
        return Ok(None);
    }
    parse_count(t)
        .map(Some)
        .map_err(|e| vec![(field.to_string(), e.vietnamese().to_string())])
}

/// The share of listed chi bộ that count towards `kind`; `None` while a
/// chi bộ's result is still unknown.
pub fn member_ratio(kind: MemberCount, members: &[Member]) -> Option<InputValue> {
    let known = |m: &Member| match kind {
        MemberCount::BonTot => m.bon_tot.is_some(),
        MemberCount::Httnv | MemberCount::Htxsnv => m.class.is_some(),
    };
    if !members.iter().all(known) {
        return None;
    }
    let n = members
        .iter()
        .filter(|m| match kind {
            MemberCount::BonTot => m.bon_tot == Some(true),
            MemberCount::Httnv => m.class.is_some_and(|c| c >= Class::Httnv),
            MemberCount::Htxsnv => m.class == Some(Class::Htxsnv),
        })
        .count();
    Some(InputValue::Ratio(n as u64, members.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn books_ride_in_a_file_only_when_there_are_some() {
        let rules: RuleSet = serde_json::from_str(
            r#"{"plan":"p","version":1,"units":["chi-bo"],"movement":"bon-tot","criteria":[],"inputs":[],"indicators":[],"verdict":{"rule":"all-criteria","name":"bốn tốt"}}"#,
        )
        .unwrap();
        let mut a = Answers::new(&rules, Unit::ChiBo);
        let plain = serde_json::to_string(&a).unwrap();
        assert!(!plain.contains("books"), "no books, no field: {plain}");
        a.books.insert("2025".into(), "{}".into());
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(Answers::from_json(&text, &rules).unwrap().books.len(), 1);
        a.books.insert("năm nay".into(), "{}".into());
        let text = serde_json::to_string(&a).unwrap();
        assert!(
            Answers::from_json(&text, &rules)
                .unwrap_err()
                .contains("sổ theo dõi")
        );
    }

    #[test]
    fn yes_no_spellings() {
        assert_eq!(parse_yes_no("Có"), Some(true));
        assert_eq!(parse_yes_no(" khong "), Some(false));
        assert_eq!(parse_yes_no("KHÔNG"), Some(false));
        assert_eq!(parse_yes_no("maybe"), None);
    }
}
