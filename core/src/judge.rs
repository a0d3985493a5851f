//! One check against the answers: what it decides, as a named outcome,
//! and why, worded for the results and the printed sheet.

use crate::answers::InputValue;
use crate::check::{Bound, Check, Cmp};
use crate::engine::Status;
use crate::number::{Exact, format_share, format_vi, percent_of};
use crate::rules::YesNo;
use num_rational::Ratio;

/// What a check decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    /// Its input is not answered (or not readably).
    Unanswered,
    /// The count a count is compared with ("chỉ tiêu được giao") is not
    /// answered.
    NoGoal,
    /// A ratio of a total of 0: there is no share to compare.
    ZeroTotal,
    /// Every month entered reaches the rating, but not all twelve are in.
    MonthsOpen,
}

impl Outcome {
    pub fn status(self) -> Status {
        match self {
            Outcome::Pass => Status::Pass,
            Outcome::Fail => Status::Fail,
            Outcome::Unanswered | Outcome::NoGoal | Outcome::ZeroTotal | Outcome::MonthsOpen => {
                Status::Missing
            }
        }
    }
}

/// An outcome with its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub outcome: Outcome,
    /// Why, in Vietnamese, with the numbers.
    pub reason: String,
    /// The answer as the printed sheet shows it.
    pub value: String,
}

fn unanswered() -> Finding {
    Finding {
        outcome: Outcome::Unanswered,
        reason: "Chưa trả lời.".into(),
        value: String::new(),
    }
}

fn pass_fail(ok: bool, what: String, need: String) -> Finding {
    let (outcome, word) = if ok {
        (Outcome::Pass, "Đạt")
    } else {
        (Outcome::Fail, "Chưa đạt")
    };
    Finding {
        outcome,
        reason: format!("{word}: {what}; kế hoạch yêu cầu {need}."),
        value: what,
    }
}

/// A bound's thresholds as shown.
fn shown<T>(bound: &Bound<T>, show: impl Fn(&T) -> String) -> Bound<String> {
    match bound {
        Bound::One(cmp, v) => Bound::One(*cmp, show(v)),
        Bound::Between(min, max) => Bound::Between(show(min), show(max)),
    }
}

/// What a bound asks, the way the plans say it.
fn need(bound: &Bound<String>, unit: &str) -> String {
    match bound {
        Bound::One(Cmp::AtLeast, v) => format!("từ {v}{unit} trở lên"),
        Bound::One(Cmp::Above, v) => format!("trên {v}{unit}"),
        Bound::One(Cmp::Below, v) => format!("dưới {v}{unit}"),
        Bound::One(Cmp::AtMost, v) => format!("không quá {v}{unit}"),
        Bound::Between(min, max) => format!("từ {min}{unit} đến {max}{unit}"),
    }
}

/// How many more a count that falls short of "at least" or "above" `goal`
/// needs; `None` for the other comparators, which no addition mends.
fn more(cmp: Cmp, n: u64, goal: u64) -> Option<u64> {
    match cmp {
        Cmp::AtLeast => Some(goal - n),
        Cmp::Above => Some(goal + 1 - n),
        Cmp::Below | Cmp::AtMost => None,
    }
}

/// The smallest whole numerator (out of `den`) that passes `cmp` at `pct`
/// percent, for "what to fix" hints: `None` when none can.
fn needed_numerator(cmp: Cmp, pct: &Exact, den: u64) -> Option<u64> {
    let exact = pct * Ratio::from_integer(i128::from(den)) / Ratio::from_integer(100);
    let n = match cmp {
        Cmp::AtLeast => exact.ceil().to_integer(),
        Cmp::Above => exact.floor().to_integer() + 1,
        Cmp::Below | Cmp::AtMost => return None,
    };
    u64::try_from(n).ok().filter(|&n| n <= den)
}

/// Judges one check. `value_of` gives each input's answer, read in the
/// input's own kind (`answers::read_input`), which is also its check's
/// kind (`check::compile`): a value of any other kind answers nothing.
pub fn judge<'a>(check: &Check, value_of: &dyn Fn(&str) -> Option<&'a InputValue>) -> Finding {
    let answer = value_of(check.input());
    match check {
        Check::YesNo { expect, .. } => {
            let Some(&InputValue::YesNo(yes)) = answer else {
                return unanswered();
            };
            let said = if yes { "Có" } else { "Không" };
            let need = match expect {
                YesNo::Yes => "“Có”",
                YesNo::No => "“Không”",
            };
            pass_fail(
                yes == (*expect == YesNo::Yes),
                format!("trả lời “{said}”"),
                need.to_string(),
            )
        }
        Check::Count { bound, .. } => {
            let Some(&InputValue::Count(n)) = answer else {
                return unanswered();
            };
            let ok = bound.admits(&n);
            let mut found = pass_fail(ok, n.to_string(), need(&shown(bound, u64::to_string), ""));
            if !ok
                && let Bound::One(cmp, goal) = bound
                && let Some(more) = more(*cmp, n, *goal)
            {
                found.reason.push_str(&format!(" Cần thêm {more}."));
            }
            found
        }
        Check::Goal { cmp, target, .. } => {
            let Some(&InputValue::Count(n)) = answer else {
                return unanswered();
            };
            let Some(&InputValue::Count(goal)) = value_of(target) else {
                return Finding {
                    outcome: Outcome::NoGoal,
                    reason: "Chưa nhập chỉ tiêu được giao.".into(),
                    value: n.to_string(),
                };
            };
            let ok = cmp.holds(&n, &goal);
            let need = match cmp {
                Cmp::Above => format!("vượt chỉ tiêu được giao ({goal})"),
                _ => format!("đạt chỉ tiêu được giao ({goal})"),
            };
            let mut found = pass_fail(ok, n.to_string(), need);
            if !ok && let Some(more) = more(*cmp, n, goal) {
                found.reason.push_str(&format!(" Cần thêm {more}."));
            }
            found
        }
        Check::Percent { bound, .. } => {
            let Some(InputValue::Percent(p)) = answer else {
                return unanswered();
            };
            pass_fail(
                bound.admits(p),
                format!("{}%", format_vi(p)),
                need(&shown(bound, format_vi), "%"),
            )
        }
        Check::Ratio { bound, .. } => {
            let Some(&InputValue::Ratio(num, den)) = answer else {
                return unanswered();
            };
            let Some(p) = percent_of(num, den) else {
                return Finding {
                    outcome: Outcome::ZeroTotal,
                    reason: "Tổng số bằng 0: không tính được tỷ lệ.".into(),
                    value: format!("{num}/{den}"),
                };
            };
            let ok = bound.admits(&p);
            let mut found = pass_fail(
                ok,
                format_share(num, den),
                need(&shown(bound, format_vi), "%"),
            );
            if !ok
                && let Bound::One(cmp, pct) = bound
                && let Some(n) = needed_numerator(*cmp, pct, den)
            {
                found
                    .reason
                    .push_str(&format!(" Cần ít nhất {n}/{den}, tức thêm {}.", n - num));
            }
            found
        }
        Check::Monthly { floor, .. } => {
            let Some(InputValue::Monthly(months)) = answer else {
                return unanswered();
            };
            let entered = months.iter().flatten().count();
            let below: Vec<String> = months
                .iter()
                .enumerate()
                .filter(|(_, r)| r.is_some_and(|r| r < *floor))
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            let what = format!("{entered}/12 tháng đã nhập");
            if !below.is_empty() {
                Finding {
                    outcome: Outcome::Fail,
                    reason: format!(
                        "Chưa đạt: tháng {} chưa đạt mức “{}”; kế hoạch yêu cầu sinh hoạt hằng tháng đạt mức “{}”.",
                        below.join(", "),
                        floor.name(),
                        floor.name()
                    ),
                    value: what,
                }
            } else if entered < 12 {
                Finding {
                    outcome: Outcome::MonthsOpen,
                    reason: format!(
                        "Đến nay {entered} tháng đều đạt mức “{}”; còn {} tháng chưa nhập.",
                        floor.name(),
                        12 - entered
                    ),
                    value: what,
                }
            } else {
                pass_fail(
                    true,
                    format!("cả 12 tháng đạt mức “{}” trở lên", floor.name()),
                    format!("mức “{}” hằng tháng", floor.name()),
                )
            }
        }
        Check::Class { floor, .. } => {
            let Some(&InputValue::Class(c)) = answer else {
                return unanswered();
            };
            pass_fail(
                c >= *floor,
                format!("“{}” ({})", c.name(), c.code()),
                format!("từ “{}” trở lên", floor.name()),
            )
        }
    }
}
