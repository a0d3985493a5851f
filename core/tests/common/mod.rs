//! Helpers shared by the rule-set tests: loading `content/rules/*.toml`,
//! building answers that pass, and an independent reading of each test's
//! comparator (so the engine is checked against the schema's meaning, not
//! against itself).
#![allow(dead_code)]

use bontot_core::answers::{Answers, InputValue, read_input};
use bontot_core::check::Checked;
use bontot_core::engine::{self, Assessment, Status};
use bontot_core::model::Unit;
use bontot_core::number::{Exact, parse_decimal};
use bontot_core::rules::{
    Class, Indicator, Input, InputKind, Op, Rating, RuleProblem, RuleSet, Test, YesNo, applies,
    fields, validate,
};
use num_rational::Ratio;
use std::path::{Path, PathBuf};

pub fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/rules")
}

/// Every rule set in `content/rules`, by file name.
pub fn load_all() -> Vec<(String, RuleSet)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(rules_dir())
        .expect("content/rules exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("readable rule set");
            let rules: RuleSet =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (slug, rules)
        })
        .collect()
}

pub fn load(slug: &str) -> RuleSet {
    let p = rules_dir().join(format!("{slug}.toml"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Evaluates as the calculator does: the tests compiled first (and only
/// compiled: some rule sets here are edited to fail other checks).
pub fn evaluate(r: &RuleSet, unit: Unit, a: &Answers) -> Assessment {
    let checked = Checked::try_from(r.clone())
        .unwrap_or_else(|f| panic!("{}: a test does not compile: {f:?}", r.plan));
    engine::evaluate(&checked, unit, a)
}

/// `validate`'s problems; none for a valid rule set.
pub fn problems_of(r: &RuleSet) -> Vec<RuleProblem> {
    validate(r.clone()).err().unwrap_or_default()
}

pub fn d(s: &str) -> Exact {
    parse_decimal(s).unwrap_or_else(|_| panic!("{s:?} is a decimal"))
}

/// An exact decimal written with up to six decimals ("0.999999").
pub fn dec(x: &Exact) -> String {
    let scaled = x * Ratio::from_integer(1_000_000);
    assert!(scaled.is_integer(), "{x} has more than six decimals");
    let n = scaled.to_integer();
    format!("{}.{:06}", n / 1_000_000, n % 1_000_000)
}

pub fn step() -> Exact {
    Ratio::new(1, 1_000_000)
}

/// Indicators that apply to `unit` and read `input` (directly, or as the
/// `target` of a count).
pub fn readers<'a>(r: &'a RuleSet, unit: Unit, input: &str) -> Vec<&'a Indicator> {
    r.indicators_for(unit)
        .filter(|i| i.test.input == input || i.test.target.as_deref() == Some(input))
        .collect()
}

/// Ids of inputs used as a count `target`.
pub fn targets(r: &RuleSet) -> Vec<String> {
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

/// Every threshold a test states, exactly.
pub fn thresholds(t: &Test) -> Vec<Exact> {
    [&t.value, &t.min, &t.max]
        .into_iter()
        .flatten()
        .map(|s| d(s))
        .collect()
}

pub fn compare_exact(op: Op, t: &Test, x: &Exact) -> bool {
    let v = || d(t.value.as_deref().expect("a value"));
    match op {
        Op::AtLeast => *x >= v(),
        Op::Above => *x > v(),
        Op::Below => *x < v(),
        Op::AtMost => *x <= v(),
        Op::Between => {
            d(t.min.as_deref().expect("min")) <= *x && *x <= d(t.max.as_deref().expect("max"))
        }
    }
}

/// Our own reading of a test, from the schema's documentation: `None`
/// when an answer it needs is missing.
pub fn expected(r: &RuleSet, t: &Test, a: &Answers) -> Option<bool> {
    let value = |id: &str| read_input(r.input(id)?, a).ok().flatten();
    Some(match value(&t.input)? {
        InputValue::YesNo(b) => b == (t.expect? == YesNo::Yes),
        InputValue::Count(n) => match &t.target {
            Some(target) => {
                let InputValue::Count(goal) = value(target)? else {
                    panic!("target {target} is not a count")
                };
                let (n, goal) = (n as i128, goal as i128);
                match t.op? {
                    Op::AtLeast => n >= goal,
                    Op::Above => n > goal,
                    Op::Below => n < goal,
                    Op::AtMost => n <= goal,
                    Op::Between => panic!("between a target"),
                }
            }
            None => compare_exact(t.op?, t, &Ratio::from_integer(n as i128)),
        },
        InputValue::Percent(p) => compare_exact(t.op?, t, &p),
        InputValue::Ratio(n, den) => {
            compare_exact(t.op?, t, &Ratio::new(100 * n as i128, den as i128))
        }
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

pub fn status(ok: Option<bool>) -> Status {
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
pub fn candidates(r: &RuleSet, input: &Input, unit: Unit) -> Vec<Vec<(String, String)>> {
    let f = fields(input);
    let one = |v: String| vec![(f[0].clone(), v)];
    let tests: Vec<&Test> = readers(r, unit, &input.id)
        .into_iter()
        .map(|i| &i.test)
        .chain(r.rewards.iter().flat_map(|w| w.requires.iter()))
        .filter(|t| t.input == input.id)
        .collect();
    let marks: Vec<Exact> = tests.iter().flat_map(|t| thresholds(t)).collect();
    match input.kind {
        InputKind::YesNo => vec![one("có".into()), one("không".into())],
        InputKind::Count => {
            let mut out: Vec<u64> = (0..=40).collect();
            for m in &marks {
                let c = m.ceil().to_integer() as u64;
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
                let n = (m * Ratio::from_integer(den) / Ratio::from_integer(100))
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

/// Complete answers for `unit` under which every indicator and every
/// reward condition passes. Panics when the tests on one input cannot all
/// pass together (a contradiction in the rule set).
pub fn passing_answers(r: &RuleSet, unit: Unit) -> Answers {
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
            .unwrap_or_else(|| {
                panic!(
                    "{}: no answer to {:?} passes all its tests",
                    r.plan, input.id
                )
            });
        a = with(&a, &pick);
    }
    a
}

pub fn assess(r: &RuleSet, a: &Answers) -> Assessment {
    evaluate(r, a.unit, a)
}

/// Sets fields on a copy of `a`.
pub fn set(a: &Answers, pairs: &[(&str, &str)]) -> Answers {
    let mut a = a.clone();
    for (f, v) in pairs {
        a.set(f, v.to_string());
    }
    a
}
