//! Doing better never scores worse: for random complete answers to every
//! real rule set, improving any one answer in the direction its tests pass
//! never lowers an indicator's, a criterion's or the verdict's status
//! (Fail < Missing < Pass), nor the suggested classification.

mod common;

use bontot_core::answers::{Answers, InputValue, read_input};
use bontot_core::engine::Assessment;
use bontot_core::model::Unit;
use bontot_core::number::Exact;
use bontot_core::rules::{Class, Input, InputKind, Op, Rating, RuleSet, YesNo, fields};
use common::*;
use num_rational::Ratio;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// The way an answer gets better, from the tests that read it.
#[derive(Debug, Clone, PartialEq)]
enum Better {
    Answer(bool),
    Up,
    Down,
    Into(Exact, Exact),
}

fn better(r: &RuleSet, unit: Unit, input: &Input) -> Option<Better> {
    let mut ways: Vec<Better> = Vec::new();
    for ind in readers(r, unit, &input.id) {
        let t = &ind.test;
        let as_target = t.target.as_deref() == Some(input.id.as_str());
        let way = match input.kind {
            InputKind::YesNo => Better::Answer(t.expect == Some(YesNo::Yes)),
            InputKind::Classification | InputKind::Monthly => Better::Up,
            _ => match (t.op.expect("op"), as_target) {
                (Op::AtLeast | Op::Above, false) | (Op::Below | Op::AtMost, true) => Better::Up,
                (Op::Below | Op::AtMost, false) | (Op::AtLeast | Op::Above, true) => Better::Down,
                (Op::Between, _) => {
                    Better::Into(d(t.min.as_deref().unwrap()), d(t.max.as_deref().unwrap()))
                }
            },
        };
        if !ways.contains(&way) {
            ways.push(way);
        }
    }
    assert!(
        ways.len() <= 1,
        "{}: the tests on {:?} pull in different directions: {ways:?}",
        r.plan,
        input.id
    );
    ways.pop()
}

/// Draws a number from the seeds, cycling.
struct Draw<'a> {
    seeds: &'a [u64],
    at: usize,
}

impl Draw<'_> {
    fn next(&mut self, below: u64) -> u64 {
        let s = self.seeds[self.at % self.seeds.len()];
        self.at += 1;
        s % below.max(1)
    }
}

fn marks(r: &RuleSet, unit: Unit, input: &Input) -> Vec<Exact> {
    readers(r, unit, &input.id)
        .iter()
        .flat_map(|i| thresholds(&i.test))
        .collect()
}

/// Random complete answers: each answer is, with a probability drawn per
/// case (1/2 … 1/32), a random one (often near the rule set's own
/// thresholds), else the passing one, so criteria both pass and fail.
fn random_answers(r: &RuleSet, unit: Unit, base: &Answers, seeds: &[u64]) -> Answers {
    let mut a = base.clone();
    let mut g = Draw { seeds, at: 0 };
    let odds = 2u64 << g.next(5);
    for input in r.inputs_for(unit) {
        if g.next(odds) != 0 {
            continue;
        }
        let f = fields(input);
        let near = marks(r, unit, input);
        match input.kind {
            InputKind::YesNo => a.set(&f[0], ["có", "không"][g.next(2) as usize].into()),
            InputKind::Count => a.set(&f[0], g.next(16).to_string()),
            InputKind::Percent => {
                let x: Exact = match g.next(4) {
                    0 if !near.is_empty() => {
                        let t = near[g.next(near.len() as u64) as usize];
                        let off = Ratio::new(g.next(3) as i128 - 1, 1_000_000);
                        (t + off).max(d("0")).min(d("100"))
                    }
                    1 => Ratio::new(g.next(1001) as i128, 10),
                    2 => Ratio::new(g.next(100_000_001) as i128, 1_000_000),
                    _ => Ratio::from_integer(g.next(101) as i128),
                };
                a.set(&f[0], dec(&x));
            }
            InputKind::Ratio => {
                let (n, den) = if g.next(3) == 0 && !near.is_empty() {
                    let t = near[g.next(near.len() as u64) as usize];
                    let base = (1..=1000i128)
                        .find(|k| (t * Ratio::from_integer(*k) / 100).is_integer())
                        .unwrap();
                    let den = base * (1 + g.next(3) as i128);
                    let n =
                        (t * Ratio::from_integer(den) / 100).to_integer() + g.next(3) as i128 - 1;
                    (n.clamp(0, den), den)
                } else {
                    let den = 1 + g.next(60) as i128;
                    (g.next(den as u64 + 1) as i128, den)
                };
                a.set(&f[0], n.to_string());
                a.set(&f[1], den.to_string());
            }
            InputKind::Monthly => {
                let all_good = g.next(2) == 0;
                for m in &f {
                    let r = if all_good {
                        Rating::Tot
                    } else {
                        [
                            Rating::Tot,
                            Rating::Tot,
                            Rating::Tot,
                            Rating::Kha,
                            Rating::TrungBinh,
                            Rating::Kem,
                            Rating::KhongHop,
                        ][g.next(7) as usize]
                    };
                    a.set(m, r.code().into());
                }
            }
            InputKind::Classification => {
                a.set(&f[0], Class::ALL[g.next(4) as usize].code().into());
            }
        }
    }
    a
}

fn step_up(x: Exact, by: Exact, cap: Exact) -> Exact {
    (x + by).min(cap)
}

/// `a` with one answer made better, or `None` when it cannot improve.
fn improve(r: &RuleSet, a: &Answers, input: &Input, way: &Better, k: u64) -> Option<Answers> {
    let f = fields(input);
    let mut b = a.clone();
    let value = read_input(input, a)
        .ok()
        .flatten()
        .expect("complete answers");
    let delta: Exact = [
        Ratio::new(1, 1_000_000),
        Ratio::new(1, 10),
        Ratio::from_integer(1),
        Ratio::from_integer(10),
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
                Better::Up => step_up(p, delta, d("100")),
                Better::Down => (p - delta).max(d("0")),
                Better::Into(lo, hi) if p < *lo => step_up(p, delta, *hi),
                Better::Into(lo, hi) if p > *hi => (p - delta).max(*lo),
                _ => return None,
            };
            b.set(&f[0], dec(&x));
        }
        (InputValue::Ratio(n, den), way) => {
            let by = 1 + k % 3;
            let pct = Ratio::new(100 * n as i128, den as i128);
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
            let i = order.iter().position(|x| *x == c).unwrap();
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
            let i = order.iter().position(|x| Some(*x) == ms[m]).unwrap();
            b.set(&f[m], order[i + 1].code().into());
        }
        (v, w) => panic!("{}: cannot improve {v:?} by {w:?}", r.plan),
    }
    Some(b)
}

fn no_worse(r: &RuleSet, before: &Assessment, after: &Assessment) -> Result<(), TestCaseError> {
    for (x, y) in before.indicators.iter().zip(&after.indicators) {
        prop_assert!(
            y.status >= x.status,
            "{}: indicator {} {:?} → {:?}",
            r.plan,
            x.id,
            x.status,
            y.status
        );
    }
    for (x, y) in before.criteria.iter().zip(&after.criteria) {
        prop_assert!(
            y.status >= x.status,
            "{}: criterion {} {:?} → {:?}",
            r.plan,
            x.id,
            x.status,
            y.status
        );
    }
    match (before.verdict.status, after.verdict.status) {
        (Some(x), Some(y)) => prop_assert!(y >= x, "{}: verdict {x:?} → {y:?}", r.plan),
        (None, None) => {}
        (x, y) => prop_assert!(false, "{}: verdict {x:?} → {y:?}", r.plan),
    }
    if let (Some(x), Some(y)) = (&before.classification, &after.classification) {
        prop_assert!(
            y.class >= x.class,
            "{}: classification {:?} → {:?}",
            r.plan,
            x.class,
            y.class
        );
    }
    Ok(())
}

#[test]
fn improving_one_answer_never_scores_worse() {
    for (slug, r) in load_all() {
        for &unit in &r.units {
            let inputs: Vec<(&Input, Better)> = r
                .inputs_for(unit)
                .filter_map(|i| better(&r, unit, i).map(|w| (i, w)))
                .collect();
            assert!(!inputs.is_empty(), "{slug}: nothing to improve");
            let base = passing_answers(&r, unit);
            let mut runner = TestRunner::new(Config {
                cases: 256,
                failure_persistence: None,
                ..Config::default()
            });
            let strategy = (
                prop::collection::vec(any::<u64>(), 64),
                any::<usize>(),
                any::<u64>(),
            );
            runner
                .run(&strategy, |(seeds, pick, k)| {
                    let a = random_answers(&r, unit, &base, &seeds);
                    let before = evaluate(&r, unit, &a);
                    prop_assert!(before.missing.is_empty(), "{slug}: {:?}", before.missing);
                    prop_assert!(before.errors.is_empty(), "{slug}: {:?}", before.errors);
                    let (input, way) = &inputs[pick % inputs.len()];
                    if let Some(b) = improve(&r, &a, input, way, k) {
                        let after = evaluate(&r, unit, &b);
                        prop_assert!(after.errors.is_empty(), "{slug}: {:?}", after.errors);
                        no_worse(&r, &before, &after).map_err(|e| {
                            TestCaseError::fail(format!(
                                "{e} after improving {:?} ({way:?})",
                                input.id
                            ))
                        })?;
                    }
                    Ok(())
                })
                .unwrap_or_else(|e| panic!("{slug}/{unit:?}: {e}"));
        }
    }
}

/// The generator reaches every status, so the property is not vacuous.
#[test]
fn random_answers_reach_pass_and_fail() {
    for (slug, r) in load_all() {
        for &unit in &r.units {
            let mut seen = std::collections::BTreeSet::new();
            let base = passing_answers(&r, unit);
            for i in 0..400u64 {
                let seeds: Vec<u64> = (0..64)
                    .map(|j| (i * 64 + j).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7)
                    .collect();
                let s = evaluate(&r, unit, &random_answers(&r, unit, &base, &seeds));
                for c in &s.criteria {
                    seen.insert(format!("{:?}", c.status));
                }
            }
            assert!(
                seen.contains("Fail") && seen.contains("Pass"),
                "{slug}/{unit:?}: {seen:?}"
            );
        }
    }
}
