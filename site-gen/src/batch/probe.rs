//! `site-gen test`: the rule-set checks of `core/tests` (rule_sets.rs,
//! monotone.rs) run on any content folder, so that a đảng ủy adding a plan
//! can run them without the repository's test suite:
//!
//! - answers that pass every test exist and reach the verdict;
//! - every threshold, at, just below and just above its value, gives what
//!   the comparator as written says ("below" excludes the value,
//!   "at-least" includes it …), read independently of the engine;
//! - improving any one answer never lowers a result (monotonicity), over
//!   answers drawn from a fixed seed, so every run is the same.
//!
//! Each failure names the rule file's line.

use crate::locate::{Locator, Step};
use bontot_core::answers::{Answers, InputValue, read_input};
use bontot_core::check::Checked;
use bontot_core::engine::{Assessment, Status, evaluate};
use bontot_core::model::Unit;
use bontot_core::number::{Exact, parse_decimal};
use bontot_core::rules::{
    Class, Indicator, Input, InputKind, Op, Rating, RuleSet, Test, VerdictKind, YesNo, applies,
    fields,
};

/// Random answers tried per unit for monotonicity.
const CASES: u64 = 256;

/// One check of one unit of one plan.
pub struct Outcome {
    pub unit: Unit,
    pub what: String,
    /// Each failure, as `line: message` (the line in the rule file, when
    /// it has one).
    pub failures: Vec<(Option<usize>, String)>,
}

/// Runs the three checks on each unit of `rules`; `src` is the rule file's
/// text, to name lines.
pub fn run(rules: &Checked, src: &str) -> Vec<Outcome> {
    let loc = Locator::new(src);
    let line_of = |r: &RuleSet, id: &str| {
        r.indicators
            .iter()
            .position(|i| i.id == id)
            .and_then(|i| loc.line(&[Step::Key("indicators"), Step::Index(i)]))
    };
    let input_line = |r: &RuleSet, id: &str| {
        r.inputs
            .iter()
            .position(|i| i.id == id)
            .and_then(|i| loc.line(&[Step::Key("inputs"), Step::Index(i)]))
    };
    let mut out = Vec::new();
    for &unit in &rules.units {
        let base = match passing_answers(rules, unit) {
            Ok(a) => a,
            Err(input) => {
                let readers: Vec<String> = readers(rules, unit, &input)
                    .iter()
                    .map(|i| {
                        let at =
                            line_of(rules, &i.id).map_or(String::new(), |l| format!(" (line {l})"));
                        format!("{:?}{at}", i.id)
                    })
                    .collect();
                out.push(Outcome {
                    unit,
                    what: "answers that pass every test exist".into(),
                    failures: vec![(
                        input_line(rules, &input),
                        format!(
                            "no answer to input {input:?} passes all the tests that read it ({}): they contradict each other",
                            readers.join(", ")
                        ),
                    )],
                });
                continue;
            }
        };
        out.push(Outcome {
            unit,
            what: "answers that pass every test reach the verdict".into(),
            failures: all_pass(rules, unit, &base),
        });
        let (cases, failures) = thresholds(rules, unit, &base);
        out.push(Outcome {
            unit,
            what: if cases == 0 {
                "no thresholds to probe (yes/no questions only)".into()
            } else {
                format!("{cases} answers at, just below and just above each threshold")
            },
            failures: failures
                .into_iter()
                .map(|(id, m)| (id.and_then(|id| line_of(rules, &id)), m))
                .collect(),
        });
        out.push(Outcome {
            unit,
            what: format!("{CASES} random answers, each improved once: no result got worse"),
            failures: monotone(rules, unit, &base)
                .into_iter()
                .map(|(input, m)| (input_line(rules, &input), m))
                .collect(),
        });
    }
    out
}

fn all_pass(r: &Checked, unit: Unit, a: &Answers) -> Vec<(Option<usize>, String)> {
    let s = evaluate(r, unit, a);
    let mut out = Vec::new();
    for i in &s.indicators {
        if i.status != Status::Pass {
            out.push((
                None,
                format!("indicator {:?} is {:?}: {}", i.id, i.status, i.reason),
            ));
        }
    }
    if r.verdict.rule == VerdictKind::AllCriteria && s.verdict.status != Some(Status::Pass) {
        out.push((
            None,
            format!("the verdict is not reached: {}", s.verdict.text),
        ));
    }
    out
}

// ------------------------------------------------------------ helpers

fn d(s: &str) -> Exact {
    parse_decimal(s).unwrap_or_default()
}

/// An exact decimal written with six decimals ("0.999999").
fn dec(x: &Exact) -> String {
    let n = (x * Exact::from_integer(1_000_000)).to_integer();
    format!("{}.{:06}", n / 1_000_000, n % 1_000_000)
}

fn step() -> Exact {
    Exact::new(1, 1_000_000)
}

/// Indicators of `unit` that read `input` (directly, or as a `target`).
fn readers<'a>(r: &'a RuleSet, unit: Unit, input: &str) -> Vec<&'a Indicator> {
    r.indicators_for(unit)
        .filter(|i| i.test.input == input || i.test.target.as_deref() == Some(input))
        .collect()
}

fn targets(r: &RuleSet) -> Vec<String> {
    r.indicators
        .iter()
        .filter_map(|i| i.test.target.clone())
        .chain(
            r.rewards
                .iter()
                .flat_map(|w| w.requires.iter().filter_map(|t| t.target.clone())),
        )
        .collect()
}

fn thresholds_of(t: &Test) -> Vec<Exact> {
    [&t.value, &t.min, &t.max]
        .into_iter()
        .flatten()
        .map(|s| d(s))
        .collect()
}

fn compare(op: Op, t: &Test, x: &Exact) -> bool {
    let v = || d(t.value.as_deref().unwrap_or("0"));
    match op {
        Op::AtLeast => *x >= v(),
        Op::Above => *x > v(),
        Op::Below => *x < v(),
        Op::AtMost => *x <= v(),
        Op::Between => {
            d(t.min.as_deref().unwrap_or("0")) <= *x && *x <= d(t.max.as_deref().unwrap_or("0"))
        }
    }
}

/// The test as its rule file reads, independently of the engine: `None`
/// when an answer it needs is missing.
fn expected(r: &RuleSet, t: &Test, a: &Answers) -> Option<bool> {
    let value = |id: &str| read_input(r.input(id)?, a).ok().flatten();
    Some(match value(&t.input)? {
        InputValue::YesNo(b) => b == (t.expect? == YesNo::Yes),
        InputValue::Count(n) => match &t.target {
            Some(target) => {
                let InputValue::Count(goal) = value(target)? else {
                    return None;
                };
                let (n, goal) = (
                    Exact::from_integer(n as i128),
                    Exact::from_integer(goal as i128),
                );
                match t.op? {
                    Op::AtLeast => n >= goal,
                    Op::Above => n > goal,
                    Op::Below => n < goal,
                    Op::AtMost => n <= goal,
                    Op::Between => return None,
                }
            }
            None => compare(t.op?, t, &Exact::from_integer(n as i128)),
        },
        InputValue::Percent(p) => compare(t.op?, t, &p),
        InputValue::Ratio(n, den) => compare(t.op?, t, &Exact::new(100 * n as i128, den as i128)),
        InputValue::Monthly(ms) => {
            let floor = t.every_month?;
            if ms.iter().flatten().any(|m| *m < floor) {
                false
            } else if ms.iter().any(Option::is_none) {
                return None;
            } else {
                true
            }
        }
        InputValue::Class(c) => c >= t.at_least?,
    })
}

fn status(ok: Option<bool>) -> Status {
    match ok {
        Some(true) => Status::Pass,
        Some(false) => Status::Fail,
        None => Status::Missing,
    }
}

fn with(base: &Answers, set: &[(String, String)]) -> Answers {
    let mut a = base.clone();
    for (f, v) in set {
        a.set(f, v.clone());
    }
    a
}

/// Answers to try for one input, roughly from best guess to worst.
fn candidates(r: &RuleSet, input: &Input, unit: Unit) -> Vec<Vec<(String, String)>> {
    let f = fields(input);
    let one = |v: String| vec![(f[0].clone(), v)];
    let marks: Vec<Exact> = readers(r, unit, &input.id)
        .into_iter()
        .map(|i| &i.test)
        .chain(r.rewards.iter().flat_map(|w| w.requires.iter()))
        .filter(|t| t.input == input.id)
        .flat_map(thresholds_of)
        .collect();
    match input.kind {
        InputKind::YesNo => vec![one("có".into()), one("không".into())],
        InputKind::Count => {
            let mut out: Vec<u64> = (0..=40).collect();
            for m in &marks {
                let c = m.ceil().to_integer().max(0) as u64;
                out.extend([c, c + 1]);
            }
            out.into_iter().map(|n| one(n.to_string())).collect()
        }
        InputKind::Percent => {
            let mut out = vec![d("50"), d("100"), d("0")];
            for m in &marks {
                out.extend([*m, m + step(), m - step()]);
            }
            out.into_iter()
                .filter(|x| *x >= d("0") && *x <= d("100"))
                .map(|x| one(dec(&x)))
                .collect()
        }
        InputKind::Ratio => {
            let den = 1000i128;
            let mut nums = vec![den, 0, den / 2];
            for m in &marks {
                let n = (m * Exact::from_integer(den) / Exact::from_integer(100))
                    .ceil()
                    .to_integer();
                nums.extend([n, n + 1, n - 1]);
            }
            nums.into_iter()
                .filter(|n| (0..=den).contains(n))
                .map(|n| {
                    vec![
                        (f[0].clone(), n.to_string()),
                        (f[1].clone(), den.to_string()),
                    ]
                })
                .collect()
        }
        InputKind::Monthly => Rating::ALL
            .iter()
            .map(|r| {
                f.iter()
                    .map(|m| (m.clone(), r.code().to_string()))
                    .collect()
            })
            .collect(),
        InputKind::Classification => Class::ALL
            .iter()
            .map(|c| one(c.code().to_string()))
            .collect(),
    }
}

/// Complete answers under which every indicator and reward condition of
/// `unit` passes; `Err(input)` when the tests on that input cannot all pass.
fn passing_answers(r: &RuleSet, unit: Unit) -> Result<Answers, String> {
    let mut a = Answers::new(r, unit);
    let goals = targets(r);
    for input in r.inputs_for(unit) {
        if goals.contains(&input.id) {
            a.set(&fields(input)[0], "3".into());
        }
    }
    for input in r.inputs_for(unit).filter(|i| !goals.contains(&i.id)) {
        let tests: Vec<&Test> = readers(r, unit, &input.id)
            .into_iter()
            .map(|i| &i.test)
            .chain(
                r.rewards
                    .iter()
                    .filter(|w| applies(&w.units, unit))
                    .flat_map(|w| w.requires.iter()),
            )
            .filter(|t| t.input == input.id)
            .collect();
        let pick = candidates(r, input, unit)
            .into_iter()
            .find(|c| {
                let trial = with(&a, c);
                tests.iter().all(|t| expected(r, t, &trial) == Some(true))
            })
            .ok_or_else(|| input.id.clone())?;
        a = with(&a, &pick);
    }
    Ok(a)
}

// ---------------------------------------------------------- thresholds

#[derive(Debug, Clone, Copy, PartialEq)]
enum At {
    On,
    Below,
    Above,
}

/// What the comparator as written says at each side of its threshold;
/// `end`: for `between`, the lower (`false`) or upper end probed.
fn by_comparator(op: Op, at: At, end: Option<bool>) -> Status {
    use At::*;
    let pass = match (op, at, end) {
        (Op::AtLeast, On | Above, _) => true,
        (Op::AtLeast, Below, _) => false,
        (Op::Above, Above, _) => true,
        (Op::Above, On | Below, _) => false,
        (Op::Below, Below, _) => true,
        (Op::Below, On | Above, _) => false,
        (Op::AtMost, On | Below, _) => true,
        (Op::AtMost, Above, _) => false,
        (Op::Between, On, _) => true,
        (Op::Between, Below, Some(false)) => false,
        (Op::Between, Above, Some(false)) => true,
        (Op::Between, Below, _) => true,
        (Op::Between, Above, _) => false,
    };
    if pass { Status::Pass } else { Status::Fail }
}

struct Case {
    what: String,
    set: Vec<(String, String)>,
    want: Status,
}

fn exact_denominator(pct: &Exact) -> i128 {
    (1..=1_000_000i128)
        .find(|den| (pct * Exact::from_integer(*den) / Exact::from_integer(100)).is_integer())
        .unwrap_or(1_000_000)
}

fn cases_for(r: &RuleSet, unit: Unit, ind: &Indicator) -> Vec<Case> {
    let t = &ind.test;
    let Some(input) = r.input(&t.input) else {
        return Vec::new();
    };
    let f = fields(input);
    let mut out = Vec::new();
    let mut push =
        |what: String, set: Vec<(String, String)>, want: Status| out.push(Case { what, set, want });
    let op = t.op.unwrap_or(Op::AtLeast);
    let ends = || -> Vec<(Exact, Option<bool>)> {
        match op {
            Op::Between => vec![
                (d(t.min.as_deref().unwrap_or("0")), Some(false)),
                (d(t.max.as_deref().unwrap_or("0")), Some(true)),
            ],
            _ => vec![(d(t.value.as_deref().unwrap_or("0")), None)],
        }
    };
    match input.kind {
        InputKind::YesNo => {}
        InputKind::Classification => {
            let Some(floor) = t.at_least else { return out };
            let order = [Class::Khtnv, Class::Htnv, Class::Httnv, Class::Htxsnv];
            let i = order.iter().position(|c| *c == floor).unwrap_or(0);
            let mut probe = |c: Class, at: At| {
                push(
                    c.code().into(),
                    vec![(f[0].clone(), c.code().into())],
                    by_comparator(Op::AtLeast, at, None),
                )
            };
            probe(floor, At::On);
            if i > 0 {
                probe(order[i - 1], At::Below);
            }
            if i + 1 < order.len() {
                probe(order[i + 1], At::Above);
            }
        }
        InputKind::Monthly => {
            let Some(floor) = t.every_month else {
                return out;
            };
            let order = [
                Rating::KhongHop,
                Rating::Kem,
                Rating::TrungBinh,
                Rating::Kha,
                Rating::Tot,
            ];
            let i = order.iter().position(|x| *x == floor).unwrap_or(0);
            let all = |x: Rating| -> Vec<(String, String)> {
                f.iter().map(|m| (m.clone(), x.code().into())).collect()
            };
            push(format!("12 × {}", floor.code()), all(floor), Status::Pass);
            if i > 0 {
                for month in [0, 6, 11] {
                    let mut set = all(floor);
                    set[month].1 = order[i - 1].code().into();
                    push(
                        format!("month {} one rating lower", month + 1),
                        set,
                        Status::Fail,
                    );
                }
            }
        }
        InputKind::Count => {
            if let Some(target) = &t.target {
                let Some(goal_input) = r.input(target) else {
                    return out;
                };
                let goal: i128 = 10
                    + readers(r, unit, &t.input)
                        .iter()
                        .flat_map(|i| thresholds_of(&i.test))
                        .map(|x| x.ceil().to_integer())
                        .max()
                        .unwrap_or(0);
                for (n, at) in [(goal, At::On), (goal - 1, At::Below), (goal + 1, At::Above)] {
                    push(
                        format!("{n} against a goal of {goal}"),
                        vec![
                            (f[0].clone(), n.to_string()),
                            (fields(goal_input)[0].clone(), goal.to_string()),
                        ],
                        by_comparator(op, at, None),
                    );
                }
            } else {
                for (v, end) in ends() {
                    let v = v.to_integer();
                    for (n, at) in [(v, At::On), (v - 1, At::Below), (v + 1, At::Above)] {
                        if n >= 0 {
                            push(
                                n.to_string(),
                                vec![(f[0].clone(), n.to_string())],
                                by_comparator(op, at, end),
                            );
                        }
                    }
                }
            }
        }
        InputKind::Percent => {
            for (v, end) in ends() {
                for (x, at) in [
                    (v, At::On),
                    (v - step(), At::Below),
                    (v + step(), At::Above),
                ] {
                    if x >= d("0") && x <= d("100") {
                        push(
                            format!("{}%", dec(&x)),
                            vec![(f[0].clone(), dec(&x))],
                            by_comparator(op, at, end),
                        );
                    }
                }
            }
        }
        InputKind::Ratio => {
            for (v, end) in ends() {
                let mut small = exact_denominator(&v);
                if op == Op::Between {
                    let width =
                        d(t.max.as_deref().unwrap_or("0")) - d(t.min.as_deref().unwrap_or("0"));
                    let base = small;
                    while width > d("0") && Exact::new(100, small) >= width {
                        small += base;
                    }
                }
                let larger = small * ((20 + small - 1) / small);
                for den in [small, larger] {
                    let n = (v * Exact::from_integer(den) / Exact::from_integer(100)).to_integer();
                    for (n, at) in [(n, At::On), (n - 1, At::Below), (n + 1, At::Above)] {
                        if (0..=den).contains(&n) {
                            push(
                                format!("{n}/{den}"),
                                vec![
                                    (f[0].clone(), n.to_string()),
                                    (f[1].clone(), den.to_string()),
                                ],
                                by_comparator(op, at, end),
                            );
                        }
                    }
                }
            }
        }
    }
    out
}

/// Each failure as (indicator id, message).
type Failures = Vec<(Option<String>, String)>;

/// The number of cases tried, and the failures.
fn thresholds(r: &Checked, unit: Unit, base: &Answers) -> (usize, Failures) {
    let mut tried = 0;
    let mut failures = Vec::new();
    for ind in r.indicators_for(unit) {
        for case in cases_for(r, unit, ind) {
            tried += 1;
            let a = with(base, &case.set);
            let s = evaluate(r, unit, &a);
            let got = s.indicator(&ind.id).map(|i| i.status);
            let ours = status(expected(r, &ind.test, &a));
            let words = ind.test.words.as_deref().unwrap_or("");
            if got != Some(case.want) || ours != case.want {
                failures.push((
                    Some(ind.id.clone()),
                    format!(
                        "indicator {:?} at {}: the calculator says {}, the rule file (`op = {:?}`, words {words:?}) says {}",
                        ind.id,
                        case.what,
                        got.map_or("nothing".into(), say),
                        ind.test.op.map_or("", |o| o.name()),
                        say(case.want)
                    ),
                ));
            }
        }
    }
    (tried, failures)
}

fn say(s: Status) -> String {
    match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Missing => "unanswered",
    }
    .into()
}

// -------------------------------------------------------- monotonicity

/// The way an answer gets better, from the tests that read it.
#[derive(Debug, Clone, PartialEq)]
enum Better {
    Answer(bool),
    Up,
    Down,
    Into(Exact, Exact),
}

impl Better {
    fn words(&self) -> &'static str {
        match self {
            Better::Answer(true) => "answered yes",
            Better::Answer(false) => "answered no",
            Better::Up => "higher",
            Better::Down => "lower",
            Better::Into(..) => "within a range",
        }
    }
}

/// The one way `input` gets better; `Err` when its tests pull in different
/// directions.
fn better(r: &RuleSet, unit: Unit, input: &Input) -> Result<Option<Better>, String> {
    let mut ways: Vec<(Better, &str)> = Vec::new();
    for ind in readers(r, unit, &input.id) {
        let t = &ind.test;
        let as_target = t.target.as_deref() == Some(input.id.as_str());
        let way = match input.kind {
            InputKind::YesNo => Better::Answer(t.expect == Some(YesNo::Yes)),
            InputKind::Classification | InputKind::Monthly => Better::Up,
            _ => match (t.op.unwrap_or(Op::AtLeast), as_target) {
                (Op::AtLeast | Op::Above, false) | (Op::Below | Op::AtMost, true) => Better::Up,
                (Op::Below | Op::AtMost, false) | (Op::AtLeast | Op::Above, true) => Better::Down,
                (Op::Between, _) => Better::Into(
                    d(t.min.as_deref().unwrap_or("0")),
                    d(t.max.as_deref().unwrap_or("0")),
                ),
            },
        };
        if !ways.iter().any(|(w, _)| *w == way) {
            ways.push((way, &ind.id));
        }
    }
    if ways.len() > 1 {
        let list: Vec<String> = ways
            .iter()
            .map(|(w, id)| format!("{id:?} wants it {}", w.words()))
            .collect();
        return Err(format!(
            "the tests on input {:?} pull in different directions: {}",
            input.id,
            list.join(", ")
        ));
    }
    Ok(ways.pop().map(|(w, _)| w))
}

/// splitmix64: the same numbers on every run.
struct Draw(u64);

impl Draw {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % below.max(1)
    }
}

/// Complete answers: each input, with a chance drawn per case, a random
/// answer (often near the thresholds), else the passing one.
fn random_answers(r: &RuleSet, unit: Unit, base: &Answers, g: &mut Draw) -> Answers {
    let mut a = base.clone();
    let odds = 2u64 << g.next(5);
    for input in r.inputs_for(unit) {
        if g.next(odds) != 0 {
            continue;
        }
        let f = fields(input);
        let near: Vec<Exact> = readers(r, unit, &input.id)
            .iter()
            .flat_map(|i| thresholds_of(&i.test))
            .collect();
        match input.kind {
            InputKind::YesNo => a.set(&f[0], ["có", "không"][g.next(2) as usize].into()),
            InputKind::Count => a.set(&f[0], g.next(16).to_string()),
            InputKind::Percent => {
                let x: Exact = match g.next(4) {
                    0 if !near.is_empty() => {
                        let t = near[g.next(near.len() as u64) as usize];
                        let off = Exact::new(g.next(3) as i128 - 1, 1_000_000);
                        (t + off).max(d("0")).min(d("100"))
                    }
                    1 => Exact::new(g.next(1001) as i128, 10),
                    _ => Exact::from_integer(g.next(101) as i128),
                };
                a.set(&f[0], dec(&x));
            }
            InputKind::Ratio => {
                let den = 1 + g.next(60) as i128;
                let n = g.next(den as u64 + 1) as i128;
                a.set(&f[0], n.to_string());
                a.set(&f[1], den.to_string());
            }
            InputKind::Monthly => {
                let all_good = g.next(2) == 0;
                for m in &f {
                    let x = if all_good {
                        Rating::Tot
                    } else {
                        Rating::ALL[g.next(5) as usize]
                    };
                    a.set(m, x.code().into());
                }
            }
            InputKind::Classification => a.set(&f[0], Class::ALL[g.next(4) as usize].code().into()),
        }
    }
    a
}

/// `a` with one answer made better, or `None` when it cannot improve.
fn improve(a: &Answers, input: &Input, way: &Better, k: u64) -> Option<Answers> {
    let f = fields(input);
    let mut b = a.clone();
    let value = read_input(input, a).ok().flatten()?;
    let delta: Exact = [
        Exact::new(1, 1_000_000),
        Exact::new(1, 10),
        Exact::from_integer(1),
        Exact::from_integer(10),
    ][(k % 4) as usize];
    match (value, way) {
        (InputValue::YesNo(_), Better::Answer(yes)) => {
            b.set(&f[0], if *yes { "có" } else { "không" }.into())
        }
        (InputValue::Count(n), Better::Up) => b.set(&f[0], (n + 1 + k % 5).to_string()),
        (InputValue::Count(n), Better::Down) => {
            if n == 0 {
                return None;
            }
            b.set(&f[0], (n - 1 - (k % 5).min(n - 1)).to_string())
        }
        (InputValue::Percent(p), way) => {
            let x = match way {
                Better::Up => (p + delta).min(d("100")),
                Better::Down => (p - delta).max(d("0")),
                Better::Into(lo, hi) if p < *lo => (p + delta).min(*hi),
                Better::Into(lo, hi) if p > *hi => (p - delta).max(*lo),
                _ => return None,
            };
            b.set(&f[0], dec(&x));
        }
        (InputValue::Ratio(n, den), way) => {
            let by = 1 + k % 3;
            let pct = Exact::new(100 * n as i128, den as i128);
            let up = match way {
                Better::Up => true,
                Better::Down => false,
                Better::Into(lo, _) if pct < *lo => true,
                Better::Into(_, hi) if pct > *hi => false,
                _ => return None,
            };
            let n2 = if up {
                (n + by).min(den)
            } else {
                n.saturating_sub(by)
            };
            b.set(&f[0], n2.to_string());
        }
        (InputValue::Class(c), Better::Up) => {
            let order = [Class::Khtnv, Class::Htnv, Class::Httnv, Class::Htxsnv];
            let i = order.iter().position(|x| *x == c)?;
            b.set(&f[0], order.get(i + 1)?.code().into());
        }
        (InputValue::Monthly(ms), Better::Up) => {
            let order = [
                Rating::KhongHop,
                Rating::Kem,
                Rating::TrungBinh,
                Rating::Kha,
                Rating::Tot,
            ];
            let low: Vec<usize> = (0..12).filter(|m| ms[*m] < Some(Rating::Tot)).collect();
            let m = *low.get((k % 12) as usize % low.len().max(1))?;
            let i = order.iter().position(|x| Some(*x) == ms[m])?;
            b.set(&f[m], order[i + 1].code().into());
        }
        _ => return None,
    }
    Some(b)
}

/// The first result that got worse, in words.
fn worse(before: &Assessment, after: &Assessment) -> Option<String> {
    for (x, y) in before.indicators.iter().zip(&after.indicators) {
        if y.status < x.status {
            return Some(format!(
                "indicator {:?} went from {} to {}",
                x.id,
                say(x.status),
                say(y.status)
            ));
        }
    }
    for (x, y) in before.criteria.iter().zip(&after.criteria) {
        if y.status < x.status {
            return Some(format!(
                "criterion {:?} went from {} to {}",
                x.id,
                say(x.status),
                say(y.status)
            ));
        }
    }
    if let (Some(x), Some(y)) = (before.verdict.status, after.verdict.status)
        && y < x
    {
        return Some(format!("the verdict went from {} to {}", say(x), say(y)));
    }
    if let (Some(x), Some(y)) = (&before.classification, &after.classification)
        && y.class < x.class
    {
        return Some(format!(
            "the classification went from {} to {}",
            x.class.code(),
            y.class.code()
        ));
    }
    None
}

/// Each failure as (input id, message); at most one per input.
fn monotone(r: &Checked, unit: Unit, base: &Answers) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut inputs: Vec<(&Input, Better)> = Vec::new();
    for input in r.inputs_for(unit) {
        match better(r, unit, input) {
            Ok(Some(w)) => inputs.push((input, w)),
            Ok(None) => {}
            Err(msg) => out.push((input.id.clone(), msg)),
        }
    }
    if inputs.is_empty() {
        return out;
    }
    let mut g = Draw(0x5EED ^ unit as u64);
    for case in 0..CASES {
        let a = random_answers(r, unit, base, &mut g);
        let (input, way) = &inputs[(g.next(u64::MAX) as usize) % inputs.len()];
        if out.iter().any(|(id, _)| *id == input.id) {
            continue;
        }
        let Some(b) = improve(&a, input, way, g.next(u64::MAX)) else {
            continue;
        };
        let (before, after) = (evaluate(r, unit, &a), evaluate(r, unit, &b));
        if let Some(what) = worse(&before, &after) {
            out.push((
                input.id.clone(),
                format!(
                    "case {case}: making input {:?} better ({}) made a result worse: {what}",
                    input.id,
                    way.words()
                ),
            ));
        }
    }
    out
}
