//! A rule set's tests compiled once, when the rule set is read: one typed
//! check per test, its thresholds exact numbers. The rule file's `Test` is
//! a bag of optional fields; a `Check` holds only what its kind of test
//! needs, so the engine never meets a test it would have to guess about.

use crate::model::Unit;
use crate::number::{Exact, parse_decimal};
use crate::rules::{
    Change, Class, Indicator, InputKind, Op, Rating, Reading, Reward, RuleSet, Test, Unsure, YesNo,
    applies,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A comparator with one threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    AtLeast,
    Above,
    Below,
    AtMost,
}

impl Cmp {
    /// The comparator `op` names; `None` for `between`, which has two ends.
    fn of(op: Op) -> Option<Cmp> {
        match op {
            Op::AtLeast => Some(Cmp::AtLeast),
            Op::Above => Some(Cmp::Above),
            Op::Below => Some(Cmp::Below),
            Op::AtMost => Some(Cmp::AtMost),
            Op::Between => None,
        }
    }

    /// Whether `x` compares so with `v`.
    pub fn holds<T: PartialOrd>(self, x: &T, v: &T) -> bool {
        match self {
            Cmp::AtLeast => x >= v,
            Cmp::Above => x > v,
            Cmp::Below => x < v,
            Cmp::AtMost => x <= v,
        }
    }
}

/// What a number must be to pass.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound<T> {
    One(Cmp, T),
    /// Both ends included.
    Between(T, T),
}

impl<T: PartialOrd> Bound<T> {
    pub fn admits(&self, x: &T) -> bool {
        match self {
            Bound::One(cmp, v) => cmp.holds(x, v),
            Bound::Between(min, max) => min <= x && x <= max,
        }
    }
}

/// One test, compiled: each variant reads an input of its own kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Passes on the answer `expect`.
    YesNo {
        input: String,
        expect: YesNo,
    },
    Count {
        input: String,
        bound: Bound<u64>,
    },
    /// A count compared with another count answer ("chỉ tiêu được giao").
    Goal {
        input: String,
        cmp: Cmp,
        target: String,
    },
    Percent {
        input: String,
        bound: Bound<Exact>,
    },
    /// The bound is in percent of the total.
    Ratio {
        input: String,
        bound: Bound<Exact>,
    },
    /// Every month rated `floor` or better.
    Monthly {
        input: String,
        floor: Rating,
    },
    /// Classified `floor` or better.
    Class {
        input: String,
        floor: Class,
    },
}

impl Check {
    /// The input whose answer it checks.
    pub fn input(&self) -> &str {
        match self {
            Check::YesNo { input, .. }
            | Check::Count { input, .. }
            | Check::Goal { input, .. }
            | Check::Percent { input, .. }
            | Check::Ratio { input, .. }
            | Check::Monthly { input, .. }
            | Check::Class { input, .. } => input,
        }
    }
}

/// Which threshold of a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Value,
    Min,
    Max,
}

impl Key {
    pub fn name(self) -> &'static str {
        match self {
            Key::Value => "value",
            Key::Min => "min",
            Key::Max => "max",
        }
    }

    pub fn of(self, t: &Test) -> Option<&str> {
        match self {
            Key::Value => t.value.as_deref(),
            Key::Min => t.min.as_deref(),
            Key::Max => t.max.as_deref(),
        }
    }
}

/// Why a test does not compile. No text: `rules::validate` words each one,
/// and the calculator, which only reads rule sets the build has checked,
/// carries none of those messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `input` names no input.
    NoInput,
    /// The setting its input's kind needs is missing.
    Unfit,
    /// Settings that do not fit its input's kind.
    Extra,
    /// A threshold above what its input can hold.
    TooHigh(Key),
    /// Not a decimal, or (`validate` tells which) a negative one.
    NotDecimal(Key),
    /// "below 0", "above 100%": no answer can pass.
    Never,
    MinAboveMax,
    /// `between` without `min` or `max`.
    NoEnds,
    /// `target` names no count, or the tested input is not one.
    TargetNotCount,
    ValueAndTarget,
    NoValue,
    /// A count's threshold that is not a whole number.
    NotWhole(Key),
    /// `value` with `between`, or `min` or `max` without it.
    Unused(Key),
    /// `target` with `between`.
    TargetInRange,
    /// A reading changes an indicator that is not there.
    NoIndicator,
    /// A reading's change needs a `test` or `unsure`, one of them.
    NoChange,
}

impl Fault {
    /// The key of the test the fault is at; `None` for the test itself.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Fault::NoInput => Some("input"),
            Fault::Unfit | Fault::Extra => None,
            Fault::TooHigh(k) | Fault::NotDecimal(k) | Fault::NotWhole(k) | Fault::Unused(k) => {
                Some(k.name())
            }
            Fault::Never | Fault::ValueAndTarget | Fault::NoValue => Some("value"),
            Fault::MinAboveMax => Some("min"),
            Fault::NoEnds => Some("op"),
            Fault::TargetNotCount | Fault::TargetInRange => Some("target"),
            Fault::NoIndicator => Some("indicator"),
            Fault::NoChange => None,
        }
    }
}

/// Parses a threshold of a test on an input of `kind`: a count's is from
/// 0, a percentage's and a ratio's (in percent) from 0 to 100. A threshold
/// outside that could never be met, or always would: the rule is not the
/// plan's.
pub(crate) fn threshold(
    key: Key,
    t: &Test,
    kind: InputKind,
    faults: &mut Vec<Fault>,
) -> Option<Exact> {
    let s = key.of(t)?;
    let fault = match parse_decimal(s) {
        Ok(v) if kind != InputKind::Count && numeric(kind) && v > Exact::from_integer(100) => {
            Fault::TooHigh(key)
        }
        Ok(v) => return Some(v),
        Err(_) => Fault::NotDecimal(key),
    };
    faults.push(fault);
    None
}

fn numeric(kind: InputKind) -> bool {
    matches!(
        kind,
        InputKind::Count | InputKind::Percent | InputKind::Ratio
    )
}

fn whole(v: &Exact) -> Option<u64> {
    if v.is_integer() {
        u64::try_from(v.to_integer()).ok()
    } else {
        None
    }
}

/// A numeric test before its input's kind types it.
enum Shape {
    Bound(Bound<Exact>),
    Goal(Cmp, String),
}

/// Compiles test `t` of `r`: its check, or every fault found, in the order
/// `validate` reports them.
pub fn compile(r: &RuleSet, t: &Test) -> Result<Check, Vec<Fault>> {
    let Some(kind) = r.input(&t.input).map(|i| i.kind) else {
        return Err(vec![Fault::NoInput]);
    };
    let mut faults = Vec::new();
    let fits = match kind {
        InputKind::YesNo => t.expect.is_some(),
        InputKind::Classification => t.at_least.is_some(),
        InputKind::Monthly => t.every_month.is_some(),
        _ => t.op.is_some(),
    };
    if !fits {
        faults.push(Fault::Unfit);
    }
    let extra = (!numeric(kind)
        && (t.op.is_some()
            || t.value.is_some()
            || t.min.is_some()
            || t.max.is_some()
            || t.target.is_some()
            || t.implicit))
        || (kind != InputKind::YesNo && t.expect.is_some())
        || (kind != InputKind::Classification && t.at_least.is_some())
        || (kind != InputKind::Monthly && t.every_month.is_some());
    if extra {
        faults.push(Fault::Extra);
    }
    let shape = t.op.and_then(|op| shape(r, t, op, kind, &mut faults));
    let input = t.input.clone();
    let check = match (kind, shape) {
        (InputKind::YesNo, _) => t.expect.map(|expect| Check::YesNo { input, expect }),
        (InputKind::Classification, _) => t.at_least.map(|floor| Check::Class { input, floor }),
        (InputKind::Monthly, _) => t.every_month.map(|floor| Check::Monthly { input, floor }),
        (InputKind::Count, Some(Shape::Goal(cmp, target))) => {
            Some(Check::Goal { input, cmp, target })
        }
        (InputKind::Count, Some(Shape::Bound(b))) => match b {
            Bound::One(cmp, v) => whole(&v).map(|v| Bound::One(cmp, v)),
            Bound::Between(a, b) => whole(&a).zip(whole(&b)).map(|(a, b)| Bound::Between(a, b)),
        }
        .map(|bound| Check::Count { input, bound }),
        (InputKind::Percent, Some(Shape::Bound(bound))) => Some(Check::Percent { input, bound }),
        (InputKind::Ratio, Some(Shape::Bound(bound))) => Some(Check::Ratio { input, bound }),
        // A goal for a percentage or a ratio, or no usable threshold.
        _ => None,
    };
    match check {
        Some(c) if faults.is_empty() => Ok(c),
        // Each way to build no check records its fault; this one guards
        // against a way that would not, so no test is ever dropped quietly.
        None if faults.is_empty() => Err(vec![Fault::Unfit]),
        _ => Err(faults),
    }
}

/// The comparator and thresholds of a test with an `op`, checked against
/// each other and the input's `kind`.
fn shape(r: &RuleSet, t: &Test, op: Op, kind: InputKind, faults: &mut Vec<Fault>) -> Option<Shape> {
    let value = threshold(Key::Value, t, kind, faults);
    let min = threshold(Key::Min, t, kind, faults);
    let max = threshold(Key::Max, t, kind, faults);
    // Inside the range, a comparator can still exclude every answer.
    if let Some(v) = &value {
        let never = match op {
            Op::Below => *v == Exact::from_integer(0),
            Op::Above => {
                matches!(kind, InputKind::Percent | InputKind::Ratio)
                    && *v == Exact::from_integer(100)
            }
            _ => false,
        };
        if never {
            faults.push(Fault::Never);
        }
    }
    let shape = match (Cmp::of(op), &t.target) {
        (None, target) => {
            let range = match (min, max) {
                (Some(a), Some(b)) if a <= b => Some(Shape::Bound(Bound::Between(a, b))),
                (Some(_), Some(_)) => {
                    faults.push(Fault::MinAboveMax);
                    None
                }
                _ if t.min.is_none() || t.max.is_none() => {
                    faults.push(Fault::NoEnds);
                    None
                }
                // An end that is there but unusable is reported already.
                _ => None,
            };
            if t.value.is_some() {
                faults.push(Fault::Unused(Key::Value));
            }
            if target.is_some() {
                faults.push(Fault::TargetInRange);
            }
            range
        }
        (Some(cmp), Some(target)) => {
            if r.input(target).is_none_or(|i| i.kind != InputKind::Count)
                || kind != InputKind::Count
            {
                faults.push(Fault::TargetNotCount);
            }
            if t.value.is_some() {
                faults.push(Fault::ValueAndTarget);
            }
            Some(Shape::Goal(cmp, target.clone()))
        }
        (Some(cmp), None) => {
            if value.is_none() && t.value.is_none() {
                faults.push(Fault::NoValue);
            }
            value.map(|v| Shape::Bound(Bound::One(cmp, v)))
        }
    };
    if kind == InputKind::Count {
        for (key, v) in [(Key::Value, value), (Key::Min, min), (Key::Max, max)] {
            if v.is_some_and(|v| whole(&v).is_none()) {
                faults.push(Fault::NotWhole(key));
            }
        }
    }
    if op != Op::Between {
        for key in [Key::Min, Key::Max] {
            if key.of(t).is_some() {
                faults.push(Fault::Unused(key));
            }
        }
    }
    shape
}

/// What an indicator becomes under a reading's alternative.
#[derive(Debug, Clone, PartialEq)]
pub enum Alt {
    Check(Check),
    /// These outcomes become open: the form asks nothing that would
    /// settle them under the alternative.
    Unsure(Unsure),
}

/// Compiles change `c` of a reading: the index of its indicator and what
/// the indicator becomes.
pub fn change(r: &RuleSet, c: &Change) -> Result<(usize, Alt), Vec<Fault>> {
    let Some(at) = r.indicators.iter().position(|i| i.id == c.indicator) else {
        return Err(vec![Fault::NoIndicator]);
    };
    match (&c.test, c.unsure) {
        (Some(t), None) => compile(r, t).map(|k| (at, Alt::Check(k))),
        (None, Some(u)) => Ok((at, Alt::Unsure(u))),
        _ => Err(vec![Fault::NoChange]),
    }
}

/// A rule set with every test compiled. Only `rules::validate` (the
/// build) and reading one make it: the calculator reads the rule set the
/// build embedded in its page, as JSON in the rule file's own shape.
#[derive(Debug, Clone)]
pub struct Checked {
    rules: RuleSet,
    /// One per indicator, in order.
    indicators: Vec<Check>,
    /// One list per reward: a check per entry of its `requires`.
    rewards: Vec<Vec<Check>>,
    /// One list per reading: what each indicator it changes becomes.
    readings: Vec<Vec<(usize, Alt)>>,
}

impl Checked {
    /// For `validate`, which has compiled every test while checking it.
    pub(crate) fn new(
        rules: RuleSet,
        indicators: Vec<Check>,
        rewards: Vec<Vec<Check>>,
        readings: Vec<Vec<(usize, Alt)>>,
    ) -> Checked {
        Checked {
            rules,
            indicators,
            rewards,
            readings,
        }
    }

    /// Every reading with its compiled changes (indicator index, what it
    /// becomes).
    pub fn readings(&self) -> impl Iterator<Item = (&Reading, &[(usize, Alt)])> {
        self.rules
            .readings
            .iter()
            .zip(&self.readings)
            .map(|(r, c)| (r, c.as_slice()))
    }

    /// Every indicator with its check.
    pub fn checks(&self) -> impl Iterator<Item = (&Indicator, &Check)> {
        self.rules.indicators.iter().zip(&self.indicators)
    }

    /// The indicators of `unit` with their checks, in order.
    pub fn checks_for(&self, unit: Unit) -> impl Iterator<Item = (&Indicator, &Check)> {
        self.checks().filter(move |(i, _)| applies(&i.units, unit))
    }

    /// The rewards of `unit` with the checks of their `requires`.
    pub fn rewards_for(&self, unit: Unit) -> impl Iterator<Item = (&Reward, &[Check])> {
        self.rules
            .rewards
            .iter()
            .zip(&self.rewards)
            .filter(move |(w, _)| applies(&w.units, unit))
            .map(|(w, c)| (w, c.as_slice()))
    }
}

/// Read-only: a checked rule set is not changed after its tests are compiled.
impl std::ops::Deref for Checked {
    type Target = RuleSet;
    fn deref(&self) -> &RuleSet {
        &self.rules
    }
}

impl TryFrom<RuleSet> for Checked {
    /// The faults of the first test that does not compile.
    type Error = Vec<Fault>;

    fn try_from(rules: RuleSet) -> Result<Checked, Vec<Fault>> {
        let indicators = rules
            .indicators
            .iter()
            .map(|i| compile(&rules, &i.test))
            .collect::<Result<Vec<_>, _>>()?;
        let rewards = rules
            .rewards
            .iter()
            .map(|w| w.requires.iter().map(|t| compile(&rules, t)).collect())
            .collect::<Result<Vec<_>, _>>()?;
        let readings = rules
            .readings
            .iter()
            .map(|g| g.changes.iter().map(|c| change(&rules, c)).collect())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Checked::new(rules, indicators, rewards, readings))
    }
}

/// As the rule file's shape, so the page's JSON reads as the rules do.
impl Serialize for Checked {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rules.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
        let rules = RuleSet::deserialize(d)?;
        Checked::try_from(rules)
            .map_err(|_| serde::de::Error::custom("a test does not fit its input"))
    }
}
