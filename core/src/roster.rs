//! The year-end roster: a unit's party members, and the unit itself, each
//! with a year-end level under the national rules of the assessment year,
//! entered or computed from points and conditions ([`crate::national`]).
//! The calculator's year-end part keeps it on the device; from it the
//! plan's own inputs that declare `from_roster` / `from_level` are filled
//! in ([`fills`]), and the cap on "Hoàn thành xuất sắc nhiệm vụ" is
//! checked ([`caps`]) as a warning, never a downgrade.

use crate::model::Unit;
use crate::national::{self, CapCheck, Classification, Outcome, Regime};
use crate::number::{Exact, parse_decimal};
use crate::rules::{Class, InputKind, MemberCount, Rating, RuleSet, fields};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The tag at the top of every saved roster file.
pub const FORMAT: &str = "bontot-xep-loai";
/// Most people in a roster (a large đảng bộ cơ sở).
pub const MAX_PEOPLE: usize = 500;
/// Largest roster file accepted.
pub const MAX_BYTES: usize = 2_000_000;
const MAX_TEXT: usize = 200;

/// One subject's answers as typed: which form it is assessed on, the
/// total points, the yes/no questions, or a level decided elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The regime's subject id ("tap-the", "2A", "2B", "2C"); empty until
    /// chosen.
    #[serde(default)]
    pub subject: String,
    /// Total points as typed ("92", "87,5").
    #[serde(default)]
    pub points: String,
    /// Conditions and cases answered, by id.
    #[serde(default)]
    pub yes: BTreeMap<String, bool>,
    /// A level entered as it is (decided elsewhere, or not computed here):
    /// it is the level, whatever the points and conditions say.
    #[serde(default)]
    pub entered: Option<Class>,
}

/// A party member of the unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// How the list names them when no name is typed ("Đảng viên 3").
    pub label: String,
    /// Optional; kept on the device only.
    #[serde(default)]
    pub name: String,
    /// The group of comparable members the cap is counted in; empty: the
    /// whole roster.
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub entry: Entry,
}

/// One month of the record, as the monthly phiếu has it: each criterion
/// (and, where the plan lists them, each of its items) Đạt / Không đạt
/// after the monthly meeting, the meeting's rating, and a short note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Month {
    #[serde(default)]
    pub rating: Option<Rating>,
    /// Criterion id → Đạt.
    #[serde(default)]
    pub criteria: BTreeMap<String, bool>,
    /// Indicator id → Đạt.
    #[serde(default)]
    pub items: BTreeMap<String, bool>,
    #[serde(default)]
    pub note: String,
    /// The meeting scored with a frame: its id and the marks per item as
    /// typed, in the frame's item order.
    #[serde(default)]
    pub frame: Option<(String, Vec<String>)>,
}

impl Month {
    pub fn is_empty(&self) -> bool {
        self == &Month::default()
    }
}

/// What the dossier's documents need that the calculator does not know,
/// as typed: the organisation above, place, date (YYYY-MM-DD), number,
/// the meeting's tally and the secretary's name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierFacts {
    #[serde(default)]
    pub superior: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub members: String,
    #[serde(default)]
    pub present: String,
    #[serde(default)]
    pub votes_for: String,
    #[serde(default)]
    pub votes_against: String,
    #[serde(default)]
    pub secretary: String,
}

/// Longest note a month keeps.
pub const MAX_NOTE: usize = 1000;

/// What a calculator page's year-end part fetches: the national regimes
/// (their citations resolved to the excerpt pages' ids), each with the id
/// of its excerpt page (`van-ban/<id>.html`); the meeting frames; and each
/// plan's dossier with the document templates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeskData {
    pub regimes: Vec<(String, crate::national::RegimeFile)>,
    /// `Vec<frame::Frame>` as JSON: a frame's source carries dates, which
    /// read only from a self-describing format.
    pub frames_json: String,
    /// (plan slug, the documents its text lists, the plan as documents
    /// cite it: `dossier::plan_reference`).
    pub dossiers: Vec<(String, crate::dossier::PlanDossierFile, String)>,
    pub templates: Vec<crate::dossier::Template>,
}

/// What the year-end part keeps for one plan, unit and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Book {
    pub format: String,
    pub plan: String,
    pub unit: Unit,
    pub year: String,
    /// The unit itself, as a tập thể.
    #[serde(default)]
    pub unit_entry: Entry,
    #[serde(default)]
    pub people: Vec<Person>,
    /// January to December once any month is kept; else empty.
    #[serde(default)]
    pub months: Vec<Month>,
    #[serde(default)]
    pub dossier: DossierFacts,
    /// A đảng bộ's chi bộ as tập thể, by the name the calculator's list
    /// gives them: their levels computed here.
    #[serde(default)]
    pub chi_bo: BTreeMap<String, Entry>,
}

/// Where the year-end part keeps a book on the device:
/// `bontot:<plan>:<unit>:xep-loai:<year>`, beside the answers.
pub fn storage_key(plan: &str, unit: Unit, year: &str) -> String {
    format!("bontot:{plan}:{}:xep-loai:{}", unit.id(), year.trim())
}

impl Book {
    pub fn new(plan: &str, unit: Unit, year: &str) -> Book {
        Book {
            format: FORMAT.into(),
            plan: plan.into(),
            unit,
            year: year.into(),
            unit_entry: Entry {
                subject: "tap-the".into(),
                ..Entry::default()
            },
            people: Vec::new(),
            months: Vec::new(),
            dossier: DossierFacts::default(),
            chi_bo: BTreeMap::new(),
        }
    }

    /// Month `m` (0 = January), made room for.
    pub fn month_mut(&mut self, m: usize) -> &mut Month {
        if self.months.len() < 12 {
            self.months.resize(12, Month::default());
        }
        &mut self.months[m.min(11)]
    }

    /// Reads a roster file, refusing (with a Vietnamese message, loading
    /// nothing) anything corrupt, oversized or for another plan or unit.
    pub fn from_json(text: &str, plan: &str, plan_name: &str, unit: Unit) -> Result<Book, String> {
        if text.len() > MAX_BYTES {
            return Err(format!(
                "Tệp quá lớn ({} KB): tệp sổ hợp lệ nhỏ hơn 2 MB. Không có gì được nạp.",
                text.len() / 1000
            ));
        }
        let b: Book = serde_json::from_str(text).map_err(|e| {
            format!(
                "Tệp hỏng hoặc không phải tệp sổ theo dõi và xếp loại của Bốn Tốt (lỗi ở dòng {}). Không có gì được nạp.",
                e.line()
            )
        })?;
        if b.format != FORMAT {
            return Err(
                "Đây không phải tệp sổ theo dõi và xếp loại của Bốn Tốt. Không có gì được nạp."
                    .into(),
            );
        }
        if b.plan != plan {
            return Err(format!(
                "Tệp này là sổ theo một kế hoạch khác, không phải {plan_name}. Không có gì được nạp."
            ));
        }
        if b.unit != unit {
            return Err(format!(
                "Tệp này là sổ của một {}, không phải của một {}. Không có gì được nạp.",
                b.unit.label().to_lowercase(),
                unit.label().to_lowercase()
            ));
        }
        if b.people.len() > MAX_PEOPLE {
            return Err(format!(
                "Danh sách quá dài (tối đa {MAX_PEOPLE} người). Không có gì được nạp."
            ));
        }
        let long = |s: &str| s.chars().count() > MAX_TEXT;
        if b.months.len() > 12
            || b.months.iter().any(|m| {
                m.note.chars().count() > MAX_NOTE
                    || m.criteria.len() > 100
                    || m.items.len() > 500
                    || m.criteria.keys().chain(m.items.keys()).any(|k| long(k))
                    || m.frame.as_ref().is_some_and(|(id, marks)| {
                        long(id) || marks.len() > 200 || marks.iter().any(|x| long(x))
                    })
            })
        {
            return Err(
                "Sổ theo dõi tháng trong tệp không hợp lệ (quá 12 tháng hoặc ghi chú quá dài). Không có gì được nạp."
                    .into(),
            );
        }
        let entry_long = |e: &Entry| {
            long(&e.subject)
                || long(&e.points)
                || e.yes.len() > 100
                || e.yes.keys().any(|k| long(k))
        };
        let d = &b.dossier;
        if [
            &d.superior,
            &d.place,
            &d.date,
            &d.number,
            &d.members,
            &d.present,
            &d.votes_for,
            &d.votes_against,
            &d.secretary,
        ]
        .iter()
        .any(|x| long(x))
        {
            return Err(format!(
                "Tệp có ô dài quá {MAX_TEXT} ký tự. Không có gì được nạp."
            ));
        }
        if long(&b.year)
            || b.chi_bo.len() > MAX_PEOPLE
            || b.chi_bo.iter().any(|(k, e)| long(k) || entry_long(e))
            || entry_long(&b.unit_entry)
            || b.people
                .iter()
                .any(|p| long(&p.label) || long(&p.name) || long(&p.group) || entry_long(&p.entry))
        {
            return Err(format!(
                "Tệp có ô dài quá {MAX_TEXT} ký tự. Không có gì được nạp."
            ));
        }
        Ok(b)
    }

    /// The next "Đảng viên n" label not in use.
    pub fn next_label(&self) -> String {
        let mut n = self.people.len() + 1;
        loop {
            let label = format!("Đảng viên {n}");
            if !self.people.iter().any(|p| p.label == label) {
                return label;
            }
            n += 1;
        }
    }
}

/// A subject's level, or why there is none yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Level {
    /// Entered as it is.
    Entered(Class),
    /// Computed from points and conditions (the outcome may be open).
    Computed(Box<Classification>),
    /// The form (subject) is not chosen, or not one of the regime's.
    NoSubject,
    /// The points typed are not a number from 0 to 100.
    BadPoints(String),
}

impl Level {
    /// The level, when one is settled.
    pub fn class(&self) -> Option<Class> {
        match self {
            Level::Entered(c) => Some(*c),
            Level::Computed(c) => match c.outcome {
                Outcome::Level(l) => Some(l),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The points as an exact number, or the message to show at the field.
pub fn points(text: &str) -> Result<Option<Exact>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match parse_decimal(text) {
        Ok(p) if p > Exact::from_integer(100) => Err("Tổng điểm phải từ 0 đến 100.".into()),
        Ok(p) => Ok(Some(p)),
        Err(e) => Err(e.vietnamese().into()),
    }
}

/// `e`'s level under `regime`.
pub fn level(regime: &Regime, e: &Entry) -> Level {
    if let Some(c) = e.entered {
        return Level::Entered(c);
    }
    let Some(s) = regime.subject(&e.subject) else {
        return Level::NoSubject;
    };
    let points = match points(&e.points) {
        Ok(p) => p,
        Err(m) => return Level::BadPoints(m),
    };
    let answers = national::Answers {
        points,
        yes: e.yes.clone(),
    };
    Level::Computed(Box::new(regime.classify(s, &answers)))
}

/// The cap's check in one group of comparable members.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupCap {
    /// As typed; empty: the whole roster.
    pub group: String,
    pub check: CapCheck,
    /// The same counts under the raised percentage, where the regime has
    /// one (the competent level may allow it).
    pub raised: Option<CapCheck>,
    /// Members of the group without a settled level, not counted.
    pub open: usize,
}

/// The cap per group, in order of first appearance; empty where the
/// regime has no cap.
pub fn caps(regime: &Regime, people: &[(String, Option<Class>)]) -> Vec<GroupCap> {
    let Some(cap) = &regime.cap else {
        return Vec::new();
    };
    let mut order: Vec<&str> = Vec::new();
    for (g, _) in people {
        let g = g.trim();
        if !order.contains(&g) {
            order.push(g);
        }
    }
    order
        .into_iter()
        .map(|g| {
            let in_group = || people.iter().filter(move |(p, _)| p.trim() == g);
            let count = |c: Class| in_group().filter(|(_, l)| *l == Some(c)).count() as u64;
            let (htxsnv, httnv) = (count(Class::Htxsnv), count(Class::Httnv));
            GroupCap {
                group: g.to_string(),
                check: cap.check(htxsnv, httnv),
                raised: cap
                    .raised
                    .as_ref()
                    .map(|(p, _)| national::cap_check(*p, htxsnv, httnv)),
                open: in_group().filter(|(_, l)| l.is_none()).count(),
            }
        })
        .collect()
}

/// What the roster fills into the plan's inputs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fill {
    /// (field id, text) to set.
    pub values: Vec<(String, String)>,
    /// Inputs that cannot be filled yet: (input label, why).
    pub waiting: Vec<(String, String)>,
}

/// The plan's inputs for `unit` that the book fills in: ratios marked
/// `from_roster` from the members' levels (once every listed member has
/// one), the classification marked `from_level` from the unit's own, and
/// monthly meeting ratings (kind `monthly`) from the months recorded.
pub fn fills(
    rules: &RuleSet,
    unit: Unit,
    people: &[Option<Class>],
    unit_level: Option<Class>,
    months: &[Month],
) -> Fill {
    let mut out = Fill::default();
    for input in rules.inputs_for(unit) {
        if input.kind == InputKind::Monthly {
            for (field, m) in fields(input).into_iter().zip(months) {
                if let Some(r) = m.rating {
                    out.values.push((field, r.code().to_string()));
                }
            }
        }
        if let Some(kind) = input.from_roster {
            if people.is_empty() {
                continue;
            }
            let open = people.iter().filter(|l| l.is_none()).count();
            if open > 0 {
                out.waiting.push((
                    input.label.clone(),
                    format!("còn {open} đảng viên chưa có mức xếp loại"),
                ));
                continue;
            }
            let n = people
                .iter()
                .filter(|l| match kind {
                    MemberCount::Htxsnv => **l == Some(Class::Htxsnv),
                    _ => l.is_some_and(|c| c >= Class::Httnv),
                })
                .count();
            let f = fields(input);
            if let [num, den] = &f[..] {
                out.values.push((num.clone(), n.to_string()));
                out.values.push((den.clone(), people.len().to_string()));
            }
        }
        if input.from_level && input.kind == InputKind::Classification {
            match unit_level {
                Some(c) => out.values.push((input.id.clone(), c.code().to_string())),
                None => out.waiting.push((
                    input.label.clone(),
                    "chưa xác định được mức xếp loại của tập thể".into(),
                )),
            }
        }
    }
    out
}

/// A quarter of the record, for the national rules' quarterly basis
/// ("Kết quả đánh giá hằng quý được sử dụng làm căn cứ đánh giá hằng
/// năm"): what its months say, summed, nothing judged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quarter {
    /// Months with anything recorded.
    pub recorded: usize,
    /// Meetings rated, by rating (best first, as [`Rating::ALL`]).
    pub ratings: [usize; 5],
    /// Per criterion id: months Đạt, months Không đạt.
    pub criteria: Vec<(String, usize, usize)>,
}

/// The four quarters of `months`, criteria in the order given.
pub fn quarters(months: &[Month], criteria: &[&str]) -> [Quarter; 4] {
    std::array::from_fn(|q| {
        let these = months.iter().skip(q * 3).take(3);
        let mut out = Quarter {
            criteria: criteria.iter().map(|c| (c.to_string(), 0, 0)).collect(),
            ..Quarter::default()
        };
        for m in these.filter(|m| !m.is_empty()) {
            out.recorded += 1;
            if let Some(r) = m.rating
                && let Some(i) = Rating::ALL.iter().position(|x| *x == r)
            {
                out.ratings[i] += 1;
            }
            for (id, pass, fail) in &mut out.criteria {
                match m.criteria.get(id.as_str()) {
                    Some(true) => *pass += 1,
                    Some(false) => *fail += 1,
                    None => {}
                }
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_skip_those_in_use() {
        let mut b = Book::new("p", Unit::ChiBo, "2025");
        assert_eq!(b.next_label(), "Đảng viên 1");
        b.people.push(Person {
            label: "Đảng viên 2".into(),
            ..Person::default()
        });
        assert_eq!(b.next_label(), "Đảng viên 3");
    }

    #[test]
    fn points_are_exact_and_bounded() {
        assert_eq!(points(" "), Ok(None));
        assert_eq!(
            points("89,5").unwrap(),
            Some(Exact::new(179, 2)),
            "a comma is the decimal mark"
        );
        assert!(points("100,5").is_err());
        assert!(points("chín mươi").is_err());
    }

    #[test]
    fn files_for_another_plan_or_unit_are_refused() {
        let b = Book::new("binh-tan", Unit::ChiBo, "2025");
        let text = serde_json::to_string(&b).unwrap();
        assert_eq!(
            Book::from_json(&text, "binh-tan", "x", Unit::ChiBo),
            Ok(b.clone())
        );
        assert!(
            Book::from_json(&text, "son-la", "kế hoạch của Sơn La", Unit::ChiBo)
                .unwrap_err()
                .contains("kế hoạch của Sơn La")
        );
        assert!(Book::from_json(&text, "binh-tan", "x", Unit::DangBo).is_err());
        assert!(Book::from_json("{", "binh-tan", "x", Unit::ChiBo).is_err());
        let other = text.replace(FORMAT, "bontot-answers");
        assert!(Book::from_json(&other, "binh-tan", "x", Unit::ChiBo).is_err());
    }
}
