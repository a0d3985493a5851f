//! The rule-set schema: what a plan asks (inputs), what it requires
//! (indicators, grouped into criteria), and how it concludes (verdict,
//! classification, rewards). Every rule cites the plan's own words.

use crate::check::{Alt, Check, Checked, Fault, Key, compile, threshold};
use crate::model::{Cite, Unit};
use crate::number::{Exact, parse_decimal};
use crate::numerals::{self, Form};
use crate::text::fold;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Slug of the plan the rules come from.
    pub plan: String,
    /// Bumped whenever the meaning of the answers changes; saved answers
    /// from another version are refused, never misread.
    pub version: u32,
    pub units: Vec<Unit>,
    pub movement: Movement,
    /// Shown above the form: what the plan leaves out, how we read it.
    #[serde(default)]
    pub notices: Vec<Notice>,
    pub criteria: Vec<Criterion>,
    pub inputs: Vec<Input>,
    pub indicators: Vec<Indicator>,
    pub verdict: VerdictRule,
    #[serde(default)]
    pub classify: Vec<ClassifyRule>,
    #[serde(default)]
    pub rewards: Vec<Reward>,
    /// The interpretive choices, each with its alternative.
    #[serde(default)]
    pub readings: Vec<Reading>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    /// The four criteria of "chi bộ bốn tốt".
    BonTot,
    /// Another movement with its own targets (e.g. "chi bộ trong sạch, vững mạnh").
    Other,
}

/// The ids of the four criteria, in order.
pub const FOUR_CRITERIA: [&str; 4] = [
    "nhiem-vu-chinh-tri",
    "sinh-hoat",
    "doan-ket-ky-luat",
    "can-bo-dang-vien",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub text: String,
    pub cite: Option<Cite>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    /// As the plan names it.
    pub name: String,
    pub cite: Cite,
    /// For another movement: the closest of the four criteria (comparison page).
    pub maps_to: Option<String>,
    /// Points-based frame: the criterion is met at this many points.
    pub pass_mark: Option<u32>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    YesNo,
    Count,
    Ratio,
    Percent,
    Monthly,
    Classification,
}

impl InputKind {
    /// As a rule file writes it: "yes-no", "count" …
    pub fn name(self) -> &'static str {
        match self {
            InputKind::YesNo => "yes-no",
            InputKind::Count => "count",
            InputKind::Ratio => "ratio",
            InputKind::Percent => "percent",
            InputKind::Monthly => "monthly",
            InputKind::Classification => "classification",
        }
    }
}

/// What the members (chi bộ) of a đảng bộ count towards a ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberCount {
    /// Chi bộ that reached "bốn tốt".
    BonTot,
    /// Chi bộ classified HTTNV or better.
    Httnv,
    /// Chi bộ classified HTXSNV.
    Htxsnv,
}

/// A question the form asks.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub id: String,
    pub kind: InputKind,
    pub label: String,
    pub help: Option<String>,
    /// Empty: every unit of the rule set.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Ratio: what is counted above the line …
    pub numerator: Option<String>,
    /// … and below it.
    pub denominator: Option<String>,
    /// Ratio of a đảng bộ that the list of its chi bộ can fill in.
    pub from_members: Option<MemberCount>,
    /// Ratio of the unit's party members by year-end level, which the
    /// member roster (the year-end desk) fills in: `httnv` or `htxsnv`.
    pub from_roster: Option<MemberCount>,
    /// Classification input holding the unit's own year-end level, which
    /// the desk computes under the national rules and fills in.
    #[serde(default)]
    pub from_level: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    /// "từ … trở lên", "ít nhất", and a bare target.
    AtLeast,
    /// "trên", "vượt".
    Above,
    /// "dưới".
    Below,
    /// "không quá", "trở xuống".
    AtMost,
    /// "15 - 20%": both ends included.
    Between,
}

impl Op {
    /// As a rule file writes it: "at-least", "above" …
    pub fn name(self) -> &'static str {
        match self {
            Op::AtLeast => "at-least",
            Op::Above => "above",
            Op::Below => "below",
            Op::AtMost => "at-most",
            Op::Between => "between",
        }
    }
}

/// The year-end classification of a party organisation, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Class {
    #[serde(rename = "KHTNV")]
    Khtnv,
    #[serde(rename = "HTNV")]
    Htnv,
    #[serde(rename = "HTTNV")]
    Httnv,
    #[serde(rename = "HTXSNV")]
    Htxsnv,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Htxsnv, Class::Httnv, Class::Htnv, Class::Khtnv];

    pub fn code(self) -> &'static str {
        match self {
            Class::Khtnv => "KHTNV",
            Class::Htnv => "HTNV",
            Class::Httnv => "HTTNV",
            Class::Htxsnv => "HTXSNV",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Khtnv => "Không hoàn thành nhiệm vụ",
            Class::Htnv => "Hoàn thành nhiệm vụ",
            Class::Httnv => "Hoàn thành tốt nhiệm vụ",
            Class::Htxsnv => "Hoàn thành xuất sắc nhiệm vụ",
        }
    }

    /// Accepts the code ("HTTNV") or the name, with or without marks.
    pub fn parse(s: &str) -> Option<Class> {
        let f = fold(s.trim());
        Class::ALL
            .into_iter()
            .find(|c| f == fold(c.code()) || f == fold(c.name()))
    }
}

/// A monthly meeting rating, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// The meeting was not held.
    KhongHop,
    Kem,
    TrungBinh,
    Kha,
    Tot,
}

impl Rating {
    pub const ALL: [Rating; 5] = [
        Rating::Tot,
        Rating::Kha,
        Rating::TrungBinh,
        Rating::Kem,
        Rating::KhongHop,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rating::Tot => "tot",
            Rating::Kha => "kha",
            Rating::TrungBinh => "trung-binh",
            Rating::Kem => "kem",
            Rating::KhongHop => "khong-hop",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rating::Tot => "Tốt",
            Rating::Kha => "Khá",
            Rating::TrungBinh => "Trung bình",
            Rating::Kem => "Kém",
            Rating::KhongHop => "Không họp",
        }
    }

    pub fn parse(s: &str) -> Option<Rating> {
        let f = fold(s.trim()).replace([' ', '_'], "-");
        Rating::ALL
            .into_iter()
            .find(|r| f == r.code() || f == fold(r.name()).replace(' ', "-"))
            .or(match f.as_str() {
                "tb" => Some(Rating::TrungBinh),
                _ => None,
            })
    }
}

/// What an indicator checks, in the plan's own words.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Test {
    /// Id of the input the test reads.
    pub input: String,
    /// Yes/no: the answer that passes.
    pub expect: Option<YesNo>,
    /// Count, percent, ratio: the comparator.
    pub op: Option<Op>,
    /// Threshold, an exact decimal ("98.0", "6"); for a ratio, in percent.
    pub value: Option<String>,
    /// Range ends, for `between`.
    pub min: Option<String>,
    pub max: Option<String>,
    /// Count compared with another count input (e.g. "chỉ tiêu được giao").
    pub target: Option<String>,
    /// Classification: the lowest that passes.
    pub at_least: Option<Class>,
    /// Monthly ratings: the lowest rating every month must reach.
    pub every_month: Option<Rating>,
    /// The plan's words for the threshold, quoted ("dưới 1.0%").
    pub words: Option<String>,
    /// The plan states a bare target ("98.0%"), read as "at least".
    #[serde(default)]
    pub implicit: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    /// The criterion it belongs to; none for a gate.
    pub criterion: Option<String>,
    /// A plan-level condition: failing it blocks the verdict.
    #[serde(default)]
    pub gate: bool,
    pub label: String,
    #[serde(default)]
    pub units: Vec<Unit>,
    pub test: Test,
    pub cite: Cite,
    /// Points-based frame: points earned when the indicator passes.
    pub points: Option<u32>,
    /// Our reading where the plan is ambiguous; shown next to the result.
    pub warning: Option<String>,
    /// For another movement: the closest of the four criteria.
    pub maps_to: Option<String>,
    /// The unit declares the result itself: the plan's text has no
    /// criterion to compute it from (e.g. an appendix that is missing).
    #[serde(default)]
    pub declared: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    /// Every criterion met (and every gate passed).
    AllCriteria,
    /// The plan states no overall rule: indicators only.
    None,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictRule {
    pub rule: VerdictKind,
    /// What is reached, e.g. "bốn tốt".
    pub name: String,
    pub cite: Option<Cite>,
    pub warning: Option<String>,
    /// What the plan's text lacks to decide when the criteria rest on
    /// `declared` indicators; needed exactly when one is.
    #[serde(default)]
    pub lacks: Option<String>,
}

/// "Đạt ba tốt (trong đó có …) thì xếp loại hoàn thành tốt nhiệm vụ".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifyRule {
    /// Number of criteria met.
    pub met: u8,
    /// Criteria that must be among them.
    #[serde(default)]
    pub requires: Vec<String>,
    pub result: Class,
    /// The rule needs the verdict itself (every criterion and every gate),
    /// not only `met` criteria: where the plan classifies by recognition
    /// ("kết quả công nhận … bốn tốt"), a đảng bộ that meets the four
    /// criteria but fails a gate is not covered.
    #[serde(default)]
    pub verdict: bool,
    /// False where the plan calls it a basis ("cơ sở quan trọng"), not a rule.
    #[serde(default = "yes")]
    pub firm: bool,
    #[serde(default)]
    pub units: Vec<Unit>,
    pub cite: Cite,
}

fn yes() -> bool {
    true
}

/// Reward eligibility: the verdict reached, plus these tests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reward {
    pub text: String,
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub requires: Vec<Test>,
    pub cite: Cite,
}

/// An interpretive choice: the plan's words, how the calculator reads
/// them, the other way to read them, and what that other way would change.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub id: String,
    /// The plan's words it interprets, from the cited paragraph.
    pub words: String,
    pub cite: Cite,
    /// Completes "máy tính hiểu là …".
    pub chosen: String,
    /// Completes "nếu hiểu là …".
    pub alternative: String,
    /// The kind of phrase ("dat-va-vuot"): a rule set reads one kind one
    /// way, …
    pub phrase: Option<String>,
    /// … this one ("at-least"), …
    pub reads: Option<String>,
    /// … unless every place that reads it otherwise says why.
    pub differs_because: Option<String>,
    pub changes: Vec<Change>,
}

/// What a reading's alternative does to one indicator: another test, or
/// outcomes the answers cannot settle under it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub indicator: String,
    pub test: Option<Test>,
    pub unsure: Option<Unsure>,
}

/// Which outcomes of an indicator become open under an alternative the
/// form asks nothing about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unsure {
    Pass,
    Fail,
    Any,
}

/// Whether `units` (empty = all) includes `unit`.
pub fn applies(units: &[Unit], unit: Unit) -> bool {
    units.is_empty() || units.contains(&unit)
}

impl RuleSet {
    pub fn input(&self, id: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.id == id)
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Inputs asked of `unit`, in order.
    pub fn inputs_for(&self, unit: Unit) -> impl Iterator<Item = &Input> {
        self.inputs.iter().filter(move |i| applies(&i.units, unit))
    }

    pub fn indicators_for(&self, unit: Unit) -> impl Iterator<Item = &Indicator> {
        self.indicators
            .iter()
            .filter(move |i| applies(&i.units, unit))
    }
}

/// Every field an input fills: its id, or `id.so`/`id.tong` for a ratio,
/// `id.t01` … `id.t12` for monthly ratings.
pub fn fields(input: &Input) -> Vec<String> {
    match input.kind {
        InputKind::Ratio => vec![format!("{}.so", input.id), format!("{}.tong", input.id)],
        InputKind::Monthly => (1..=12).map(|m| format!("{}.t{m:02}", input.id)).collect(),
        _ => vec![input.id.clone()],
    }
}

/// The comparator a phrase of the plan states, if it names one.
pub fn op_in_words(words: &str) -> Option<Op> {
    let f = fold(words);
    let has = |w: &str| {
        crate::text::words(&f)
            .collect::<Vec<_>>()
            .windows(w.split(' ').count())
            .any(|win| win.join(" ") == w)
    };
    if has("tro len") || has("it nhat") {
        Some(Op::AtLeast)
    } else if has("tro xuong") || has("khong qua") {
        Some(Op::AtMost)
    } else if has("duoi") {
        Some(Op::Below)
    } else if has("tren") || has("vuot") {
        Some(Op::Above)
    } else if f.contains(" - ") || f.contains('–') {
        Some(Op::Between)
    } else {
        None
    }
}

/// A problem in a rule set: where (a path of keys and indices) and what.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleProblem {
    pub path: Vec<PathStep>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathStep {
    Key(&'static str),
    Index(usize),
}

fn problem(path: Vec<PathStep>, message: impl Into<String>) -> RuleProblem {
    RuleProblem {
        path,
        message: message.into(),
    }
}

/// What the plan's words state for a threshold of an input of `kind`, in
/// the threshold's own unit (percent for a percentage or a ratio, so "3/4"
/// is 75), each with whether it may be no number at all (see
/// `numerals::Mention::weak`). For a percentage or ratio the percentages
/// and shares count, or, when the words have none, the bare numbers; for a
/// count, the bare numbers.
fn stated(kind: InputKind, words: &str) -> Vec<(Exact, bool)> {
    let mentions = numerals::mentions(words);
    let of = |forms: &[Form]| -> Vec<(Exact, bool)> {
        mentions
            .iter()
            .filter(|m| forms.contains(&m.form))
            .flat_map(|m| {
                m.readings.iter().map(|r| match m.form {
                    Form::Fraction => (r * Exact::from_integer(100), m.weak),
                    _ => (*r, m.weak),
                })
            })
            .collect()
    };
    match kind {
        InputKind::Percent | InputKind::Ratio => {
            let shares = of(&[Form::Percent, Form::Fraction]);
            if shares.is_empty() {
                of(&[Form::Plain])
            } else {
                shares
            }
        }
        InputKind::Count => of(&[Form::Plain]),
        _ => Vec::new(),
    }
}

/// Digits after the decimal separator of a threshold as written ("66.67": 2).
fn decimals(s: &str) -> u32 {
    let t = s.trim().trim_end_matches('%').trim_end();
    t.find(['.', ','])
        .map_or(0, |i| t[i + 1..].chars().count() as u32)
}

/// Whether a threshold `v`, written with `places` decimals, is the value
/// `said` that the words state. A share that no decimal writes exactly
/// (2/3 is 66.666…%) agrees with itself cut or rounded up at the
/// threshold's own decimals ("66.66", "66.67"); say in a `warning` which.
fn agrees(v: &Exact, places: u32, said: &Exact) -> bool {
    if v == said {
        return true;
    }
    let mut den = *said.denom();
    for p in [2, 5] {
        while den % p == 0 {
            den /= p;
        }
    }
    if den == 1 || places > 12 {
        return false;
    }
    let scale = Exact::from_integer(10i128.pow(places));
    let (x, s) = (v * scale, said * scale);
    x == s.floor() || x == s.ceil()
}

/// A stated value for a message: "90", "0.4", "66.666…".
fn show(x: &Exact) -> String {
    let int = x.floor().to_integer();
    let mut frac = x - Exact::from_integer(int);
    let mut s = int.to_string();
    if frac != Exact::from_integer(0) {
        s.push('.');
        for _ in 0..6 {
            frac *= Exact::from_integer(10);
            let d = frac.floor().to_integer();
            s.push_str(&d.to_string());
            frac -= Exact::from_integer(d);
            if frac == Exact::from_integer(0) {
                return s;
            }
        }
        s.push('…');
    }
    s
}

/// Structural checks: unique ids, references that resolve, tests that fit
/// their input, comparators that agree with the plan's words. (Citations
/// are checked against the plan's text by site-gen.) A rule set with no
/// problem comes back checked: each test compiled into its `Check`.
pub fn validate(rules: RuleSet) -> Result<Checked, Vec<RuleProblem>> {
    use PathStep::{Index, Key};
    let r = &rules;
    let mut out = Vec::new();
    let mut indicators = Vec::new();
    let mut rewards = Vec::new();
    if r.units.is_empty() {
        out.push(problem(
            vec![Key("units")],
            "`units` must name at least one of \"chi-bo\", \"dang-bo\"",
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, c) in r.criteria.iter().enumerate() {
        if !seen.insert(c.id.as_str()) {
            out.push(problem(
                vec![Key("criteria"), Index(i), Key("id")],
                format!("criterion id {:?} is used twice", c.id),
            ));
        }
        if r.movement == Movement::BonTot && !FOUR_CRITERIA.contains(&c.id.as_str()) {
            out.push(problem(
                vec![Key("criteria"), Index(i), Key("id")],
                format!(
                    "a \"bon-tot\" rule set uses the four criteria ids {FOUR_CRITERIA:?}, not {:?}",
                    c.id
                ),
            ));
        }
        if let Some(m) = &c.maps_to
            && !FOUR_CRITERIA.contains(&m.as_str())
        {
            out.push(problem(
                vec![Key("criteria"), Index(i), Key("maps_to")],
                format!("maps_to must be one of {FOUR_CRITERIA:?}"),
            ));
        }
    }
    if r.movement == Movement::BonTot && r.criteria.len() != 4 {
        out.push(problem(
            vec![Key("criteria")],
            "a \"bon-tot\" rule set has exactly the four criteria",
        ));
    }
    let mut input_ids = std::collections::BTreeSet::new();
    for (i, input) in r.inputs.iter().enumerate() {
        let at = |k| vec![Key("inputs"), Index(i), Key(k)];
        if input.id.is_empty()
            || !input
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            out.push(problem(
                at("id"),
                format!(
                    "input id {:?} must be lower-case ASCII letters, digits and '-'",
                    input.id
                ),
            ));
        }
        if !input_ids.insert(input.id.as_str()) {
            out.push(problem(
                at("id"),
                format!("input id {:?} is used twice", input.id),
            ));
        }
        if let Some(u) = input.units.iter().find(|u| !r.units.contains(u)) {
            out.push(problem(
                at("units"),
                format!("unit {:?} is not among the rule set's units", u.id()),
            ));
        }
        let ratio = input.kind == InputKind::Ratio;
        if ratio != (input.numerator.is_some() && input.denominator.is_some()) {
            out.push(problem(at("kind"), "a ratio input needs `numerator` and `denominator` labels, and only a ratio has them"));
        }
        if input.from_members.is_some() && !ratio {
            out.push(problem(
                at("from_members"),
                "only a ratio input can be filled from the list of chi bộ",
            ));
        }
        match input.from_roster {
            Some(_) if !ratio => out.push(problem(
                at("from_roster"),
                "only a ratio input can be filled from the member roster",
            )),
            Some(MemberCount::BonTot) => out.push(problem(
                at("from_roster"),
                "the member roster counts levels: `httnv` or `htxsnv` (\"bon-tot\" is for `from_members`)",
            )),
            _ => {}
        }
        if input.from_level && input.kind != InputKind::Classification {
            out.push(problem(
                at("from_level"),
                "only a classification input can hold the unit's year-end level",
            ));
        }
    }
    let mut ind_ids = std::collections::BTreeSet::new();
    for (i, ind) in r.indicators.iter().enumerate() {
        let at = |k: &'static str| vec![Key("indicators"), Index(i), Key(k)];
        if !ind_ids.insert(ind.id.as_str()) {
            out.push(problem(
                at("id"),
                format!("indicator id {:?} is used twice", ind.id),
            ));
        }
        match (&ind.criterion, ind.gate) {
            (Some(c), _) if r.criterion(c).is_none() => {
                out.push(problem(
                    at("criterion"),
                    format!("no criterion with id {c:?}"),
                ));
            }
            (None, false) => out.push(problem(
                at("criterion"),
                "an indicator needs a `criterion`, or `gate = true`",
            )),
            (Some(_), true) => out.push(problem(
                at("gate"),
                "a gate belongs to no criterion: drop `criterion` or `gate`",
            )),
            _ => {}
        }
        if let Some(u) = ind.units.iter().find(|u| !r.units.contains(u)) {
            out.push(problem(
                at("units"),
                format!("unit {:?} is not among the rule set's units", u.id()),
            ));
        }
        if let Some(m) = &ind.maps_to
            && !FOUR_CRITERIA.contains(&m.as_str())
        {
            out.push(problem(
                at("maps_to"),
                format!("maps_to must be one of {FOUR_CRITERIA:?}"),
            ));
        }
        let test_path = vec![Key("indicators"), Index(i), Key("test")];
        indicators.push(check_test(r, &ind.test, &test_path, &mut out));
        if ind.points.is_some()
            && ind
                .criterion
                .as_ref()
                .and_then(|c| r.criterion(c))
                .is_some_and(|c| c.pass_mark.is_none())
        {
            out.push(problem(
                at("points"),
                "points count only in a criterion with a `pass_mark`",
            ));
        }
    }
    for (i, c) in r.criteria.iter().enumerate() {
        let inds: Vec<_> = r
            .indicators
            .iter()
            .filter(|x| x.criterion.as_deref() == Some(&c.id))
            .collect();
        // A criterion with nothing to check for a unit would pass unasked.
        for &unit in &r.units {
            if !inds.iter().any(|x| applies(&x.units, unit)) {
                out.push(problem(
                    vec![Key("criteria"), Index(i)],
                    format!("criterion {:?} has no indicator for {:?}", c.id, unit.id()),
                ));
            }
        }
        if let Some(mark) = c.pass_mark {
            let total: u32 = inds.iter().filter_map(|x| x.points).sum();
            if inds.iter().any(|x| x.points.is_none()) {
                out.push(problem(
                    vec![Key("criteria"), Index(i), Key("pass_mark")],
                    "every indicator of a points-based criterion needs `points`",
                ));
            }
            if mark > total {
                out.push(problem(
                    vec![Key("criteria"), Index(i), Key("pass_mark")],
                    format!(
                        "pass mark {mark} is more than the {total} points its indicators can give"
                    ),
                ));
            }
        }
    }
    for (i, rule) in r.classify.iter().enumerate() {
        if usize::from(rule.met) > r.criteria.len() {
            out.push(problem(
                vec![Key("classify"), Index(i), Key("met")],
                "more criteria than the rule set has",
            ));
        }
        if rule.verdict && r.verdict.rule != VerdictKind::AllCriteria {
            out.push(problem(
                vec![Key("classify"), Index(i), Key("verdict")],
                "`verdict = true` needs a verdict rule (`rule = \"all-criteria\"`)",
            ));
        }
        if let Some(u) = rule.units.iter().find(|u| !r.units.contains(u)) {
            out.push(problem(
                vec![Key("classify"), Index(i), Key("units")],
                format!("unit {:?} is not among the rule set's units", u.id()),
            ));
        }
        for req in &rule.requires {
            if r.criterion(req).is_none() {
                out.push(problem(
                    vec![Key("classify"), Index(i), Key("requires")],
                    format!("no criterion with id {req:?}"),
                ));
            }
        }
    }
    for (i, reward) in r.rewards.iter().enumerate() {
        if let Some(u) = reward.units.iter().find(|u| !r.units.contains(u)) {
            out.push(problem(
                vec![Key("rewards"), Index(i), Key("units")],
                format!("unit {:?} is not among the rule set's units", u.id()),
            ));
        }
        let mut checks = Vec::new();
        for (j, t) in reward.requires.iter().enumerate() {
            checks.push(check_test(
                r,
                t,
                &[Key("rewards"), Index(i), Key("requires"), Index(j)],
                &mut out,
            ));
        }
        rewards.push(checks.into_iter().collect::<Option<Vec<Check>>>());
    }
    let declared = r.indicators.iter().position(|x| x.declared);
    if let Some(i) = declared
        && r.input(&r.indicators[i].test.input)
            .is_some_and(|x| x.kind != InputKind::YesNo)
    {
        out.push(problem(
            vec![Key("indicators"), Index(i), Key("declared")],
            "only a yes/no question can be a declared result",
        ));
    }
    match (declared.is_some(), &r.verdict.lacks) {
        (true, None) if r.verdict.rule == VerdictKind::AllCriteria => out.push(problem(
            vec![Key("verdict")],
            "an indicator is `declared`: say in `lacks` what the plan lacks to decide",
        )),
        (false, Some(_)) => out.push(problem(
            vec![Key("verdict"), Key("lacks")],
            "`lacks` goes with `declared` indicators, and there are none",
        )),
        _ => {}
    }
    let readings: Option<Vec<Vec<(usize, Alt)>>> = r
        .readings
        .iter()
        .enumerate()
        .map(|(i, g)| check_reading(r, i, g, &indicators, &mut out))
        .collect();
    let indicators: Option<Vec<Check>> = indicators.into_iter().collect();
    let rewards: Option<Vec<Vec<Check>>> = rewards.into_iter().collect();
    match (indicators, rewards, readings) {
        (Some(i), Some(w), Some(g)) if out.is_empty() => Ok(Checked::new(rules, i, w, g)),
        // A test without its check has put its faults in `out`.
        _ => Err(out),
    }
}

/// The comparator a reading's `reads` names, if it names one.
fn op_named(s: &str) -> Option<Op> {
    match s {
        "at-least" => Some(Op::AtLeast),
        "above" => Some(Op::Above),
        "below" => Some(Op::Below),
        "at-most" => Some(Op::AtMost),
        _ => None,
    }
}

/// Reports reading `i` of `r`; its compiled changes when they compile.
/// `checks` are the indicators' own, so that an alternative that changes
/// nothing is refused.
fn check_reading(
    r: &RuleSet,
    i: usize,
    g: &Reading,
    checks: &[Option<Check>],
    out: &mut Vec<RuleProblem>,
) -> Option<Vec<(usize, Alt)>> {
    use PathStep::{Index, Key};
    let at = |k: &'static str| vec![Key("readings"), Index(i), Key(k)];
    if r.readings[..i].iter().any(|h| h.id == g.id) {
        out.push(problem(
            at("id"),
            format!("reading id {:?} is used twice", g.id),
        ));
    }
    if g.changes.is_empty() {
        out.push(problem(
            at("changes"),
            "say in `changes` what the alternative changes",
        ));
    }
    if g.phrase.is_some() != g.reads.is_some() {
        out.push(problem(at("phrase"), "`phrase` and `reads` go together"));
    }
    // One phrase, one reading: a place that reads it otherwise says why.
    let other = r
        .readings
        .iter()
        .find(|h| g.phrase.is_some() && h.phrase == g.phrase && h.reads != g.reads);
    match (other, &g.differs_because) {
        (Some(h), None) => out.push(problem(
            at("reads"),
            format!(
                "reading {:?} reads the phrase {:?} as {:?} but reading {:?} reads it as {:?}: one phrase, one reading, unless each place says why in `differs_because`",
                g.id,
                g.phrase.as_deref().unwrap_or_default(),
                g.reads.as_deref().unwrap_or_default(),
                h.id,
                h.reads.as_deref().unwrap_or_default()
            ),
        )),
        (None, Some(_)) => out.push(problem(
            at("differs_because"),
            "no other reading of this phrase reads it otherwise: drop `differs_because`",
        )),
        _ => {}
    }
    let mut compiled = Some(Vec::new());
    for (j, c) in g.changes.iter().enumerate() {
        let path = vec![Key("readings"), Index(i), Key("changes"), Index(j)];
        let at_c = |k: &'static str| {
            let mut p = path.clone();
            p.push(Key(k));
            p
        };
        let k = r.indicators.iter().position(|x| x.id == c.indicator);
        if let (Some(k), Some(op)) = (k, g.reads.as_deref().and_then(op_named))
            && r.indicators[k].test.op.is_some_and(|o| o != op)
        {
            out.push(problem(
                at("reads"),
                format!(
                    "the reading says {:?} but indicator {:?} has `op = {:?}`",
                    g.reads.as_deref().unwrap_or_default(),
                    c.indicator,
                    r.indicators[k].test.op.unwrap_or(op)
                ),
            ));
        }
        let alt = match crate::check::change(r, c) {
            Ok((k, Alt::Check(alt))) if checks[k].as_ref() == Some(&alt) => {
                out.push(problem(
                    at_c("test"),
                    "the alternative test is the indicator's own: the reading would change nothing",
                ));
                None
            }
            Ok(x) => Some(x),
            Err(faults) => {
                for f in faults {
                    let msg = match (f, &c.test) {
                        (Fault::NoIndicator, _) => {
                            format!("no indicator with id {:?}", c.indicator)
                        }
                        (Fault::NoChange, _) => {
                            "a change has either a `test` or `unsure`, one of them".into()
                        }
                        (f, Some(t)) => {
                            let kind = r.input(&t.input).map_or(InputKind::YesNo, |x| x.kind);
                            fault_message(f, t, kind)
                        }
                        (f, None) => format!("{f:?}"),
                    };
                    let place = match f {
                        Fault::NoIndicator => at_c("indicator"),
                        Fault::NoChange => path.clone(),
                        f => {
                            let mut p = at_c("test");
                            if let Some(k) = f.key() {
                                p.push(Key(k));
                            }
                            p
                        }
                    };
                    out.push(problem(place, msg));
                }
                None
            }
        };
        match (alt, &mut compiled) {
            (Some(x), Some(v)) => v.push(x),
            _ => compiled = None,
        }
    }
    compiled
}

/// Reports test `t` of `r`: what keeps it from compiling, then whether its
/// comparator and thresholds are the plan's words. Its check, when it has one.
fn check_test(
    r: &RuleSet,
    t: &Test,
    path: &[PathStep],
    out: &mut Vec<RuleProblem>,
) -> Option<Check> {
    let at = |k: &'static str| {
        let mut p = path.to_vec();
        p.push(PathStep::Key(k));
        p
    };
    let Some(input) = r.input(&t.input) else {
        out.push(problem(
            at("input"),
            format!("no input with id {:?}", t.input),
        ));
        return None;
    };
    let kind = input.kind;
    let check = match compile(r, t) {
        Ok(c) => Some(c),
        Err(faults) => {
            for f in faults {
                let place = f.key().map_or_else(|| path.to_vec(), at);
                out.push(problem(place, fault_message(f, t, kind)));
            }
            None
        }
    };
    if let Some(op) = t.op {
        check_words(t, op, kind, &at, out);
    }
    check
}

/// What is wrong, for the rule set's author.
fn fault_message(f: Fault, t: &Test, kind: InputKind) -> String {
    let holds = match kind {
        InputKind::Count => "a count can hold (whole numbers from 0)",
        InputKind::Percent => "a percentage can hold (0 to 100)",
        InputKind::Ratio => "a ratio can hold (its thresholds are in percent, 0 to 100)",
        _ => "its input can hold",
    };
    let raw = |k: Key| k.of(t).unwrap_or_default();
    match f {
        Fault::NoInput => format!("no input with id {:?}", t.input),
        Fault::Unfit => {
            let wants = match kind {
                InputKind::YesNo => "`expect = \"yes\"` or `\"no\"`",
                InputKind::Classification => "`at_least = \"HTTNV\"` (or another class)",
                InputKind::Monthly => "`every_month = \"tot\"` (or another rating)",
                _ => "`op` and a threshold",
            };
            format!(
                "input {:?} is a {:?} question: its test needs {wants}",
                t.input,
                kind.name()
            )
        }
        Fault::Extra => format!(
            "the test has settings that do not fit a {:?} input",
            kind.name()
        ),
        Fault::TooHigh(k) => format!("`{}` {:?} is more than {holds}", k.name(), raw(k)),
        Fault::NotDecimal(k) => {
            let negative = raw(k)
                .trim()
                .strip_prefix('-')
                .is_some_and(|rest| parse_decimal(rest).is_ok());
            let bounded = matches!(
                kind,
                InputKind::Count | InputKind::Percent | InputKind::Ratio
            );
            if negative && bounded {
                format!("`{}` {:?} is less than {holds}", k.name(), raw(k))
            } else {
                format!("{:?} is not a decimal number like \"98.0\"", raw(k))
            }
        }
        Fault::Never => {
            let (never, op) = if t.op == Some(Op::Below) {
                ("below 0", Op::Below)
            } else {
                ("above 100%", Op::Above)
            };
            format!(
                "no answer is {never}: with `op = {:?}` the test can never pass",
                op.name()
            )
        }
        Fault::MinAboveMax => "`min` is above `max`".into(),
        Fault::NoEnds => "`between` needs `min` and `max`".into(),
        Fault::TargetNotCount => format!(
            "`target` must name a count input, and the tested input must be a count too ({:?})",
            t.target.as_deref().unwrap_or_default()
        ),
        Fault::ValueAndTarget => "a test has either `value` or `target`, not both".into(),
        Fault::NoValue => "the comparator needs a `value`".into(),
        Fault::NotWhole(_) => "a count is compared with a whole number".into(),
        Fault::Unused(Key::Value) => "`between` takes `min` and `max`, not `value`".into(),
        Fault::Unused(k) => format!("`{}` goes only with `op = \"between\"`", k.name()),
        Fault::TargetInRange => "`between` takes `min` and `max`, not a `target`".into(),
        Fault::NoIndicator | Fault::NoChange => "a reading's change is not one".into(),
    }
}

/// The comparator must be the one the quoted words name, and each
/// threshold the number they state.
fn check_words(
    t: &Test,
    op: Op,
    kind: InputKind,
    at: &dyn Fn(&'static str) -> Vec<PathStep>,
    out: &mut Vec<RuleProblem>,
) {
    match (&t.words, op_in_words(t.words.as_deref().unwrap_or(""))) {
        (None, _) => out.push(problem(at("words"), "quote the plan's words for the threshold in `words`")),
        (Some(w), Some(said)) if said != op => out.push(problem(
            at("op"),
            format!(
                "`op` is {:?} but the plan's words {w:?} say {:?}: write `op = {:?}`, or quote other words",
                op.name(),
                said.name(),
                said.name()
            ),
        )),
        (Some(w), None) if !(t.implicit && op == Op::AtLeast) => out.push(problem(
            at("words"),
            format!("the words {w:?} name no comparator: a bare target is read as at least, with `op = \"at-least\"` and `implicit = true`"),
        )),
        (Some(_), Some(_)) if t.implicit => {
            out.push(problem(at("implicit"), "`implicit` is only for a bare target, and these words name a comparator"))
        }
        _ => {}
    }
    // The threshold is the number the quoted words state. Words with no
    // number that can be read for certain are not checked.
    let Some(w) = &t.words else { return };
    if t.target.is_some() {
        return;
    }
    let said = stated(kind, w);
    let mut sure: Vec<String> = Vec::new();
    for (x, weak) in &said {
        let unit = if kind == InputKind::Count { "" } else { "%" };
        let x = format!("{}{unit}", show(x));
        if !weak && !sure.contains(&x) {
            sure.push(x);
        }
    }
    if sure.is_empty() {
        return;
    }
    for key in [Key::Value, Key::Min, Key::Max] {
        // A threshold that does not parse, or lies out of range, is
        // reported already.
        let v = threshold(key, t, kind, &mut Vec::new());
        if let (Some(raw), Some(v)) = (key.of(t), v)
            && !said.iter().any(|(s, _)| agrees(&v, decimals(raw), s))
        {
            out.push(problem(
                at(key.name()),
                format!(
                    "`{}` is {raw:?} but the plan's words {w:?} state {}",
                    key.name(),
                    sure.join(" or ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_name_comparators() {
        assert_eq!(op_in_words("dưới 1.0%"), Some(Op::Below));
        assert_eq!(op_in_words("trên 68.0%"), Some(Op::Above));
        assert_eq!(op_in_words("từ 98.0% trở lên"), Some(Op::AtLeast));
        assert_eq!(
            op_in_words("Kết nạp ít nhất 06 đảng viên"),
            Some(Op::AtLeast)
        );
        assert_eq!(op_in_words("15 - 20%"), Some(Op::Between));
        assert_eq!(op_in_words("98.0%"), None);
        assert_eq!(op_in_words("100% đảng viên"), None);
        // "trở lên" is not "trên", and marks do not matter.
        assert_eq!(
            op_in_words("hoàn thành tốt nhiệm vụ trở lên"),
            Some(Op::AtLeast)
        );
    }

    #[test]
    fn classes_parse_by_code_or_name() {
        assert_eq!(Class::parse("httnv"), Some(Class::Httnv));
        assert_eq!(
            Class::parse("Hoàn thành xuất sắc nhiệm vụ"),
            Some(Class::Htxsnv)
        );
        assert_eq!(Class::parse("hoan thanh nhiem vu"), Some(Class::Htnv));
        assert_eq!(Class::parse("xuất sắc"), None);
        assert!(Class::Htxsnv > Class::Httnv && Class::Htnv > Class::Khtnv);
    }

    #[test]
    fn ratings_parse() {
        assert_eq!(Rating::parse("Tốt"), Some(Rating::Tot));
        assert_eq!(Rating::parse("trung bình"), Some(Rating::TrungBinh));
        assert_eq!(Rating::parse("TB"), Some(Rating::TrungBinh));
        assert_eq!(Rating::parse("khong hop"), Some(Rating::KhongHop));
        assert_eq!(Rating::parse("xuất sắc"), None);
    }
}
