//! The national year-end classification of party organisations and party
//! members (QĐ 366-QĐ/TW from 2025, QĐ 124-QĐ/TW for 2023-2024) as data:
//! a regime file lists who is classified (tập thể, forms 2A/2B/2C), each
//! level's points band and conditions, the cases the rules leave to the
//! competent level, and the cap on "Hoàn thành xuất sắc nhiệm vụ"; every
//! item cites the excerpt page it comes from. [`parse`] turns the file into
//! a [`Regime`] whose references are indexes, so evaluation never meets an
//! unknown id; [`Regime::classify`] says what points and conditions each
//! give and never picks between them when they disagree.

use crate::model::Cite;
use crate::number::{Exact, parse_decimal};
use crate::rules::Class;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The regime file as written (`content/national/<id>.toml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeFile {
    /// Short name shown everywhere: "QĐ 366-QĐ/TW".
    pub short: String,
    /// The documents, in full words.
    pub title: String,
    pub from_year: u16,
    /// Last year it governs; unset while it is in force.
    #[serde(default)]
    pub to_year: Option<u16>,
    pub subjects: Vec<SubjectFile>,
    pub conditions: Vec<ConditionFile>,
    pub levels: Vec<LevelFile>,
    #[serde(default)]
    pub competent: Vec<CompetentFile>,
    #[serde(default)]
    pub cap: Option<CapFile>,
    /// What the rules leave open, said in the product.
    #[serde(default)]
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectFile {
    /// As written in a batch file: "tap-the", "2A", "2B", "2C".
    pub id: String,
    pub name: String,
    /// The form the guidance names for it ("Mẫu 2A").
    #[serde(default)]
    pub form: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionFile {
    pub id: String,
    /// A yes/no question; "có" means the condition holds.
    pub question: String,
    /// Who it is asked of; empty means every subject.
    #[serde(default)]
    pub subjects: Vec<String>,
    pub cite: Cite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    pub class: Class,
    /// Who it applies to; empty means every subject.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Points band: `from` (inclusive) and `below` (exclusive), decimals.
    #[serde(default)]
    pub points: Option<BandFile>,
    /// Conditions that must all hold.
    #[serde(default)]
    pub all: Vec<String>,
    /// Cases any one of which puts the subject at this level on its own
    /// ("hoặc thuộc một trong các trường hợp sau").
    #[serde(default)]
    pub any: Vec<String>,
    pub cite: Cite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandFile {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub below: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetentFile {
    pub id: String,
    pub question: String,
    /// What the tool says when the answer is "có".
    pub says: String,
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Asked only when the conditions give this level (e.g. a violation
    /// remedied matters only where a violation put the member at KHTNV).
    #[serde(default)]
    pub when: Option<Class>,
    pub cite: Cite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapFile {
    /// HTXSNV at most this percent of those rated HTTNV.
    pub percent: u32,
    pub cite: Cite,
    /// The exception the competent level may allow.
    #[serde(default)]
    pub raised: Option<u32>,
    #[serde(default)]
    pub raised_cite: Option<Cite>,
}

/// A regime read and checked: references are indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct Regime {
    pub id: String,
    pub short: String,
    pub title: String,
    pub from_year: u16,
    pub to_year: Option<u16>,
    pub subjects: Vec<Subject>,
    pub conditions: Vec<Condition>,
    pub competent: Vec<Competent>,
    pub cap: Option<Cap>,
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    pub id: String,
    pub name: String,
    pub form: Option<String>,
    /// Best first, each class at most once.
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub class: Class,
    pub band: Option<Band>,
    pub all: Vec<usize>,
    pub any: Vec<usize>,
    pub cite: Cite,
}

/// `from ≤ points < below`, either end open.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub from: Option<Exact>,
    pub below: Option<Exact>,
}

impl Band {
    pub fn admits(&self, x: &Exact) -> bool {
        self.from.as_ref().is_none_or(|f| x >= f) && self.below.as_ref().is_none_or(|b| x < b)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub id: String,
    pub question: String,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Competent {
    pub id: String,
    pub question: String,
    pub says: String,
    pub subjects: Vec<usize>,
    pub when: Option<Class>,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub percent: u32,
    pub cite: Cite,
    pub raised: Option<(u32, Cite)>,
}

/// Highest total a points frame gives (QĐ 366: 30 + 70).
pub const MAX_POINTS: i128 = 100;

/// A problem in a regime file: where (a dotted path) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

/// Reads a regime file named `id`, reporting every problem at once.
pub fn parse(id: &str, f: RegimeFile) -> Result<Regime, Vec<Problem>> {
    let mut problems = Vec::new();
    if let Some(to) = f.to_year
        && to < f.from_year
    {
        problems.push(problem(
            "to_year",
            format!("{to} is before from_year {}", f.from_year),
        ));
    }
    let mut subject_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in f.subjects.iter().enumerate() {
        if subject_ids.insert(&s.id, i).is_some() {
            problems.push(problem(
                format!("subjects[{i}].id"),
                format!("\"{}\" is listed twice", s.id),
            ));
        }
    }
    if f.subjects.is_empty() {
        problems.push(problem("subjects", "lists no one to classify"));
    }
    let subjects_of = |path: String, ids: &[String], problems: &mut Vec<Problem>| -> Vec<usize> {
        if ids.is_empty() {
            return (0..f.subjects.len()).collect();
        }
        ids.iter()
            .filter_map(|s| {
                let found = subject_ids.get(s.as_str()).copied();
                if found.is_none() {
                    problems.push(problem(
                        path.clone(),
                        format!("unknown subject \"{s}\" (known: {})", known(&f.subjects)),
                    ));
                }
                found
            })
            .collect()
    };

    let mut condition_ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut asked_of = Vec::new();
    for (i, c) in f.conditions.iter().enumerate() {
        if condition_ids.insert(&c.id, i).is_some() {
            problems.push(problem(
                format!("conditions[{i}].id"),
                format!("\"{}\" is listed twice", c.id),
            ));
        }
        asked_of.push(subjects_of(
            format!("conditions[{i}].subjects"),
            &c.subjects,
            &mut problems,
        ));
    }
    let mut used = vec![false; f.conditions.len()];

    let mut subjects: Vec<Subject> = f
        .subjects
        .iter()
        .map(|s| Subject {
            id: s.id.clone(),
            name: s.name.clone(),
            form: s.form.clone(),
            levels: Vec::new(),
        })
        .collect();
    for (i, l) in f.levels.iter().enumerate() {
        let at = format!("levels[{i}]");
        let band = l.points.as_ref().map(|b| Band {
            from: b
                .from
                .as_ref()
                .and_then(|v| points(&format!("{at}.points.from"), v, &mut problems)),
            below: b
                .below
                .as_ref()
                .and_then(|v| points(&format!("{at}.points.below"), v, &mut problems)),
        });
        if let Some(Band {
            from: Some(a),
            below: Some(b),
        }) = &band
            && a >= b
        {
            problems.push(problem(format!("{at}.points"), "from is not below below"));
        }
        if l.all.is_empty() && l.any.is_empty() && band.is_none() {
            problems.push(problem(
                at.clone(),
                "has neither a points band nor conditions",
            ));
        }
        if !l.any.is_empty() && l.class != Class::Khtnv {
            problems.push(problem(
                format!("{at}.any"),
                "only KHTNV is reached by any one case on its own",
            ));
        }
        let whom = subjects_of(format!("{at}.subjects"), &l.subjects, &mut problems);
        let mut refs = |key: &str, ids: &[String], problems: &mut Vec<Problem>| -> Vec<usize> {
            ids.iter()
                .filter_map(|c| match condition_ids.get(c.as_str()) {
                    Some(&k) => {
                        used[k] = true;
                        for &s in &whom {
                            if !asked_of[k].contains(&s) {
                                problems.push(problem(
                                    format!("{at}.{key}"),
                                    format!(
                                        "condition \"{c}\" is not asked of \"{}\"",
                                        f.subjects[s].id
                                    ),
                                ));
                            }
                        }
                        Some(k)
                    }
                    None => {
                        problems.push(problem(
                            format!("{at}.{key}"),
                            format!("unknown condition \"{c}\""),
                        ));
                        None
                    }
                })
                .collect()
        };
        let all = refs("all", &l.all, &mut problems);
        let any = refs("any", &l.any, &mut problems);
        for &s in &whom {
            let levels = &mut subjects[s].levels;
            if levels.iter().any(|x| x.class == l.class) {
                problems.push(problem(
                    format!("{at}.class"),
                    format!(
                        "{} is given twice for \"{}\"",
                        l.class.code(),
                        f.subjects[s].id
                    ),
                ));
            }
            levels.push(Level {
                class: l.class,
                band: band.clone(),
                all: all.clone(),
                any: any.clone(),
                cite: l.cite.clone(),
            });
        }
    }
    for (k, u) in used.iter().enumerate() {
        if !u {
            problems.push(problem(
                format!("conditions[{k}]"),
                format!("\"{}\" is used by no level", f.conditions[k].id),
            ));
        }
    }
    for s in &mut subjects {
        s.levels.sort_by_key(|l| std::cmp::Reverse(l.class));
        check_bands(s, &mut problems);
    }

    let competent = f
        .competent
        .iter()
        .enumerate()
        .map(|(i, c)| Competent {
            id: c.id.clone(),
            question: c.question.clone(),
            says: c.says.clone(),
            subjects: subjects_of(
                format!("competent[{i}].subjects"),
                &c.subjects,
                &mut problems,
            ),
            when: c.when,
            cite: c.cite.clone(),
        })
        .collect::<Vec<_>>();
    for (i, c) in competent.iter().enumerate() {
        if condition_ids.contains_key(c.id.as_str()) || competent[..i].iter().any(|d| d.id == c.id)
        {
            problems.push(problem(
                format!("competent[{i}].id"),
                format!("\"{}\" is already used", c.id),
            ));
        }
    }
    let cap = f.cap.as_ref().map(|c| {
        if c.percent == 0 || c.percent > 100 {
            problems.push(problem("cap.percent", "must be from 1 to 100"));
        }
        let raised = match (c.raised, &c.raised_cite) {
            (Some(p), Some(cite)) => {
                if p <= c.percent || p > 100 {
                    problems.push(problem("cap.raised", "must be above percent, at most 100"));
                }
                Some((p, cite.clone()))
            }
            (None, None) => None,
            _ => {
                problems.push(problem("cap", "raised and raised_cite go together"));
                None
            }
        };
        Cap {
            percent: c.percent,
            cite: c.cite.clone(),
            raised,
        }
    });

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Regime {
        id: id.to_string(),
        short: f.short,
        title: f.title,
        from_year: f.from_year,
        to_year: f.to_year,
        subjects,
        conditions: f
            .conditions
            .into_iter()
            .map(|c| Condition {
                id: c.id,
                question: c.question,
                cite: c.cite,
            })
            .collect(),
        competent,
        cap,
        gaps: f.gaps,
    })
}

fn known(subjects: &[SubjectFile]) -> String {
    subjects
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn points(path: &str, v: &str, problems: &mut Vec<Problem>) -> Option<Exact> {
    match parse_decimal(v) {
        Ok(x) if x <= Exact::from_integer(MAX_POINTS) => Some(x),
        Ok(_) => {
            problems.push(problem(path, format!("{v} is above {MAX_POINTS}")));
            None
        }
        Err(e) => {
            problems.push(problem(path, format!("\"{v}\": {}", e.vietnamese())));
            None
        }
    }
}

/// Where a subject's levels have bands, they must tile 0 to 100 best first
/// with neither gap nor overlap, so every total falls in exactly one.
fn check_bands(s: &Subject, problems: &mut Vec<Problem>) {
    let bands: Vec<&Band> = s.levels.iter().filter_map(|l| l.band.as_ref()).collect();
    if bands.is_empty() {
        return;
    }
    let at = format!("levels (subject \"{}\")", s.id);
    if bands.len() != s.levels.len() {
        problems.push(problem(at, "some levels have a points band and some not"));
        return;
    }
    let mut top: Option<&Exact> = None;
    for (i, b) in bands.iter().enumerate() {
        let fits = match (i, top) {
            (0, _) => b.below.is_none(),
            (_, Some(t)) => b.below.as_ref() == Some(t),
            _ => false,
        };
        if !fits {
            problems.push(problem(
                at.clone(),
                format!(
                    "the band of {} does not start where the band above ends",
                    s.levels[i].class.code()
                ),
            ));
        }
        top = b.from.as_ref();
    }
    if top.is_some() {
        problems.push(problem(at, "the lowest band must have no lower end"));
    }
}

/// A yes/no answer that may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

impl Tri {
    fn of(v: Option<bool>) -> Tri {
        match v {
            Some(true) => Tri::Yes,
            Some(false) => Tri::No,
            None => Tri::Unknown,
        }
    }
}

/// One subject's answers: the total points and the yes/no questions by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    pub points: Option<Exact>,
    pub yes: BTreeMap<String, bool>,
}

/// What the conditions alone give.
#[derive(Debug, Clone, PartialEq)]
pub enum ByConditions {
    Level(Class),
    /// An answer that could change it is missing; `up_to` is the best the
    /// answers still allow.
    Unanswered {
        up_to: Class,
    },
    /// No level's conditions hold and no case puts the subject at KHTNV:
    /// the rules do not say what follows.
    NoLevel,
}

/// The level, or why there is none to give.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Level(Class),
    /// Points and conditions give different levels, and the rules do not
    /// say which applies; `conditions` is `None` when no level's
    /// conditions hold.
    Disagree {
        points: Class,
        conditions: Option<Class>,
    },
    /// Points or an answer that decides it are missing.
    Incomplete,
}

/// How one level fares: its band and each of its conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelCheck {
    pub class: Class,
    /// `None` where the level has no band.
    pub points: Option<Tri>,
    pub all: Vec<(usize, Tri)>,
    pub any: Vec<(usize, Tri)>,
}

impl LevelCheck {
    /// Whether the level's conditions (not its band) hold.
    pub fn conditions(&self) -> Tri {
        if !self.any.is_empty() {
            return any(self.any.iter().map(|x| x.1));
        }
        all(self.all.iter().map(|x| x.1))
    }
}

fn all(ts: impl Iterator<Item = Tri>) -> Tri {
    let mut r = Tri::Yes;
    for t in ts {
        match t {
            Tri::No => return Tri::No,
            Tri::Unknown => r = Tri::Unknown,
            Tri::Yes => {}
        }
    }
    r
}

fn any(ts: impl Iterator<Item = Tri>) -> Tri {
    let mut r = Tri::No;
    for t in ts {
        match t {
            Tri::Yes => return Tri::Yes,
            Tri::Unknown => r = Tri::Unknown,
            Tri::No => {}
        }
    }
    r
}

/// The result for one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    pub subject: usize,
    /// `None` without points, or where the regime has no bands.
    pub by_points: Option<Class>,
    pub by_conditions: ByConditions,
    pub outcome: Outcome,
    /// Best first, as the subject's levels.
    pub levels: Vec<LevelCheck>,
    /// Cases answered "có" that the rules leave to the competent level.
    pub competent: Vec<usize>,
}

impl Regime {
    pub fn governs(&self, year: u16) -> bool {
        year >= self.from_year && self.to_year.is_none_or(|t| year <= t)
    }

    /// "từ năm 2025 trở đi", "các năm 2023 – 2024".
    pub fn years(&self) -> String {
        match self.to_year {
            Some(t) if t == self.from_year => format!("năm {t}"),
            Some(t) => format!("các năm {} – {t}", self.from_year),
            None => format!("từ năm {} trở đi", self.from_year),
        }
    }

    pub fn subject(&self, id: &str) -> Option<usize> {
        self.subjects.iter().position(|s| s.id == id)
    }

    /// Whether totals decide anything under this regime.
    pub fn has_points(&self) -> bool {
        self.subjects
            .iter()
            .any(|s| s.levels.iter().any(|l| l.band.is_some()))
    }

    /// Conditions asked of subject `s`, in file order, each once.
    pub fn questions(&self, s: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for l in &self.subjects[s].levels {
            for &c in l.all.iter().chain(&l.any) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Cases left to the competent level that apply to subject `s`.
    pub fn competent_for(&self, s: usize) -> impl Iterator<Item = (usize, &Competent)> {
        self.competent
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.subjects.contains(&s))
    }

    pub fn classify(&self, s: usize, a: &Answers) -> Classification {
        let subject = &self.subjects[s];
        let tri = |c: usize| Tri::of(a.yes.get(&self.conditions[c].id).copied());
        let levels: Vec<LevelCheck> = subject
            .levels
            .iter()
            .map(|l| LevelCheck {
                class: l.class,
                points: l.band.as_ref().map(|b| match &a.points {
                    Some(p) => {
                        if b.admits(p) {
                            Tri::Yes
                        } else {
                            Tri::No
                        }
                    }
                    None => Tri::Unknown,
                }),
                all: l.all.iter().map(|&c| (c, tri(c))).collect(),
                any: l.any.iter().map(|&c| (c, tri(c))).collect(),
            })
            .collect();
        let by_points = levels
            .iter()
            .find(|l| l.points == Some(Tri::Yes))
            .map(|l| l.class);
        let by_conditions = by_conditions(&levels);
        let has_bands = levels.iter().any(|l| l.points.is_some());
        let cases = levels
            .iter()
            .find(|l| !l.any.is_empty())
            .map_or(Tri::No, LevelCheck::conditions);
        let outcome = match by_points {
            // "dưới 50 điểm hoặc thuộc một trong các trường hợp": either
            // alone is enough.
            Some(Class::Khtnv) => Outcome::Level(Class::Khtnv),
            _ if cases == Tri::Yes => Outcome::Level(Class::Khtnv),
            _ if cases == Tri::Unknown => Outcome::Incomplete,
            None if has_bands => Outcome::Incomplete,
            None => match by_conditions {
                ByConditions::Level(c) => Outcome::Level(c),
                _ => Outcome::Incomplete,
            },
            // The band's own level holds when its conditions do, whatever
            // a better level's conditions say.
            Some(p) => match levels
                .iter()
                .find(|l| l.class == p)
                .map(LevelCheck::conditions)
            {
                Some(Tri::Yes) => Outcome::Level(p),
                Some(Tri::No) => Outcome::Disagree {
                    points: p,
                    conditions: match by_conditions {
                        ByConditions::Level(c) => Some(c),
                        _ => None,
                    },
                },
                _ => Outcome::Incomplete,
            },
        };
        let settled = match &outcome {
            Outcome::Level(c) => Some(*c),
            _ => None,
        };
        let competent = self
            .competent_for(s)
            .filter(|(_, c)| c.when.is_none_or(|w| Some(w) == settled))
            .filter(|(_, c)| a.yes.get(&c.id) == Some(&true))
            .map(|(i, _)| i)
            .collect();
        Classification {
            subject: s,
            by_points,
            by_conditions,
            outcome,
            levels,
            competent,
        }
    }
}

/// Best first: a KHTNV case settles it; otherwise the first level whose
/// conditions hold, once every better level's are known to fail.
fn by_conditions(levels: &[LevelCheck]) -> ByConditions {
    let cases = levels.iter().find(|l| !l.any.is_empty());
    match cases.map(LevelCheck::conditions) {
        Some(Tri::Yes) => return ByConditions::Level(Class::Khtnv),
        Some(Tri::Unknown) => {
            return ByConditions::Unanswered {
                up_to: levels.first().map_or(Class::Khtnv, |l| l.class),
            };
        }
        _ => {}
    }
    let positive = levels
        .iter()
        .filter(|l| l.any.is_empty() && !l.all.is_empty());
    let mut open: Option<Class> = None;
    for l in positive {
        match l.conditions() {
            Tri::Yes => {
                return match open {
                    Some(up_to) => ByConditions::Unanswered { up_to },
                    None => ByConditions::Level(l.class),
                };
            }
            Tri::Unknown => {
                open.get_or_insert(l.class);
            }
            Tri::No => {}
        }
    }
    match open {
        Some(up_to) => ByConditions::Unanswered { up_to },
        None => ByConditions::NoLevel,
    }
}

/// The cap on HTXSNV in one group of comparable subjects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapCheck {
    pub htxsnv: u64,
    pub httnv: u64,
    pub percent: u32,
    /// `htxsnv ≤ percent% of httnv`, counting HTTNV alone.
    pub within: bool,
    /// The same, counting those rated HTXSNV among the HTTNV too: the text
    /// ("tổng số … được xếp loại “Hoàn thành tốt nhiệm vụ”") does not say
    /// whether they are; where the two differ, both are shown.
    pub within_counting_htxsnv: bool,
    /// Most HTXSNV the cap allows under each count.
    pub allowed: u64,
    pub allowed_counting_htxsnv: u64,
}

impl Cap {
    pub fn check(&self, htxsnv: u64, httnv: u64) -> CapCheck {
        cap_check(self.percent, htxsnv, httnv)
    }
}

/// Exact: `htxsnv · 100 ≤ base · percent`, no rounding.
pub fn cap_check(percent: u32, htxsnv: u64, httnv: u64) -> CapCheck {
    let p = u128::from(percent);
    let both = httnv.saturating_add(htxsnv);
    // x · 100 ≤ (httnv + x) · p  ⇔  x ≤ httnv · p / (100 − p).
    let counting = match 100u128.checked_sub(p) {
        Some(rest) if rest > 0 => (u128::from(httnv) * p / rest).min(u128::from(u64::MAX)) as u64,
        _ => u64::MAX,
    };
    CapCheck {
        htxsnv,
        httnv,
        percent,
        within: u128::from(htxsnv) * 100 <= u128::from(httnv) * p,
        within_counting_htxsnv: u128::from(htxsnv) * 100 <= u128::from(both) * p,
        allowed: (u128::from(httnv) * p / 100) as u64,
        allowed_counting_htxsnv: counting,
    }
}

/// Who reads [`reasons`]: a batch table (conditions and missing answers
/// named by their column ids too) or a person at the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    Columns,
    Form,
}

/// One reason for a classification, without its final period; `anchor`
/// is the excerpt passage it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub text: String,
    pub anchor: Option<String>,
}

/// "HTTNV (Hoàn thành tốt nhiệm vụ)".
fn named(c: Class) -> String {
    format!("{} ({})", c.code(), c.name())
}

/// Why `c` came out as it did, in sentences: the same words in
/// `site-gen classify` and in the calculator's year-end part.
pub fn reasons(r: &Regime, a: &Answers, c: &Classification, w: Wording) -> Vec<Reason> {
    let subject = &r.subjects[c.subject];
    let mut out = Vec::new();
    let anchor = |class: Class| -> Option<String> {
        subject
            .levels
            .iter()
            .find(|l| l.class == class)
            .map(|l| l.cite.anchor.clone())
    };
    let say = |text: String, anchor: Option<String>| Reason { text, anchor };
    let id = |i: usize| match w {
        Wording::Columns => format!(" ({})", r.conditions[i].id),
        Wording::Form => String::new(),
    };
    match (&a.points, c.by_points) {
        (Some(p), Some(class)) => out.push(say(
            format!(
                "Theo điểm ({} điểm): {}",
                crate::number::format_vi(p),
                named(class)
            ),
            anchor(class),
        )),
        (None, _) if r.has_points() => out.push(say(
            match w {
                Wording::Columns => "Chưa có tổng điểm (cột diem)".into(),
                Wording::Form => "Chưa có tổng điểm".into(),
            },
            None,
        )),
        _ => {}
    }
    let failed = |class: Class| -> Vec<String> {
        c.levels
            .iter()
            .filter(|l| l.class == class)
            .flat_map(|l| l.all.iter())
            .filter(|(_, t)| *t != Tri::Yes)
            .map(|(i, t)| {
                let q = &r.conditions[*i];
                match t {
                    Tri::No => format!("không: {}{}", q.question, id(*i)),
                    _ => format!("chưa trả lời: {}{}", q.question, id(*i)),
                }
            })
            .collect()
    };
    match &c.by_conditions {
        ByConditions::Level(Class::Khtnv) => {
            let cases: Vec<String> = c
                .levels
                .iter()
                .flat_map(|l| l.any.iter())
                .filter(|(_, t)| *t == Tri::Yes)
                .map(|(i, _)| r.conditions[*i].question.clone())
                .collect();
            out.push(say(
                format!(
                    "Thuộc trường hợp xếp {}: {}",
                    named(Class::Khtnv),
                    cases.join("; ")
                ),
                anchor(Class::Khtnv),
            ));
        }
        ByConditions::Level(class) if matches!(c.outcome, Outcome::Level(p) if p < *class) => {
            out.push(say(
                format!(
                    "Đủ cả điều kiện của mức {}, nhưng tổng điểm thuộc mức dưới: xếp theo mức của tổng điểm, có đủ điều kiện của mức đó",
                    class.code()
                ),
                anchor(*class),
            ));
        }
        ByConditions::Level(class) => {
            let mut s = format!("Theo điều kiện: {}", named(*class));
            if let Some(better) = c.levels.iter().find(|l| l.class > *class && !l.all.is_empty()) {
                s += &format!(
                    "; chưa đủ điều kiện mức {}: {}",
                    better.class.code(),
                    failed(better.class).join("; ")
                );
            }
            out.push(say(s, anchor(*class)));
        }
        ByConditions::Unanswered { up_to } => {
            let missing: Vec<String> = r
                .questions(c.subject)
                .into_iter()
                .filter(|i| !a.yes.contains_key(&r.conditions[*i].id))
                .map(|i| match w {
                    Wording::Columns => r.conditions[i].id.clone(),
                    Wording::Form => r.conditions[i].question.clone(),
                })
                .collect();
            out.push(say(
                match w {
                    Wording::Columns => format!(
                        "Theo điều kiện: chưa xác định (cao nhất {}); còn thiếu câu trả lời: {}",
                        up_to.code(),
                        missing.join(", ")
                    ),
                    Wording::Form => format!(
                        "Theo điều kiện: chưa xác định (cao nhất {}); còn {} câu chưa trả lời",
                        up_to.code(),
                        missing.len()
                    ),
                },
                None,
            ));
        }
        ByConditions::NoLevel => out.push(say(
            "Theo điều kiện: không mức nào đủ điều kiện, và không thuộc trường hợp “Không hoàn thành nhiệm vụ”; quy định không nói trường hợp này xếp mức nào".into(),
            None,
        )),
    }
    if let Outcome::Disagree { points, conditions } = c.outcome {
        out.push(say(
            format!(
                "Điểm cho mức {}, điều kiện cho {}: quy định không nói mức nào áp dụng khi hai căn cứ khác nhau; Bốn Tốt không tự chọn, cấp có thẩm quyền xem xét",
                points.code(),
                conditions.map_or("không mức nào".to_string(), |c| c.code().to_string())
            ),
            None,
        ));
    }
    for &i in &c.competent {
        let k = &r.competent[i];
        out.push(say(
            format!("{} → {}", k.question, k.says),
            Some(k.cite.anchor.clone()),
        ));
    }
    out
}
