//! `evaluate(rule_set, answers)`: every indicator, criterion and verdict,
//! with reasons in Vietnamese and the plan's words cited. Pure: no I/O.

use crate::answers::{Answers, InputValue, read_input};
use crate::check::{Alt, Checked};
use crate::judge::judge;
use crate::model::{Cite, Unit};
use crate::rules::{
    Class, ClassifyRule, Indicator, Movement, Reading, RuleSet, Unsure, VerdictKind, applies,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Fails: the plan's requirement is not met.
    Fail,
    /// Not answered yet (or answered with a mistake): nothing decided.
    Missing,
    Pass,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "Đạt",
            Status::Fail => "Chưa đạt",
            Status::Missing => "Chưa đủ thông tin",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorResult {
    pub id: String,
    pub label: String,
    pub criterion: Option<String>,
    pub gate: bool,
    pub status: Status,
    /// Why, in Vietnamese, with the numbers.
    pub reason: String,
    /// What the answer was, as shown on the printed sheet.
    pub value: String,
    pub cite: Cite,
    pub warning: Option<String>,
    pub points: Option<u32>,
    /// The unit declared the result itself (`Indicator::declared`).
    #[serde(default)]
    pub declared: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CriterionResult {
    pub id: String,
    pub name: String,
    pub status: Status,
    pub reason: String,
    /// Points earned and pass mark, in a points-based frame.
    pub points: Option<(u32, u32)>,
    pub cite: Cite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Verdict {
    /// `None` when the plan states no overall rule.
    pub status: Option<Status>,
    pub text: String,
    /// Reached on declared answers only: "tự khai", not decided.
    #[serde(default)]
    pub declared: bool,
}

/// How far a reading's alternative reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reach {
    Verdict,
    Criterion,
    /// Only indicators change: a quieter note.
    Indicator,
}

/// What another reading of the plan would change in this result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadingNote {
    pub reading: String,
    pub reach: Reach,
    pub text: String,
    pub cite: Cite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Suggestion {
    pub class: Class,
    pub text: String,
    pub firm: bool,
    pub cite: Cite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RewardResult {
    pub status: Status,
    pub text: String,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub text: String,
    pub cite: Option<Cite>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Assessment {
    pub plan: String,
    pub unit: Unit,
    pub indicators: Vec<IndicatorResult>,
    pub criteria: Vec<CriterionResult>,
    pub criteria_met: usize,
    pub verdict: Verdict,
    pub classification: Option<Suggestion>,
    pub rewards: Vec<RewardResult>,
    pub warnings: Vec<Warning>,
    /// Readings under whose alternative this result would differ.
    #[serde(default)]
    pub readings: Vec<ReadingNote>,
    /// Labels of the questions still unanswered (or wrongly answered).
    pub missing: Vec<String>,
    /// Field id → what is wrong with what was typed.
    pub errors: Vec<(String, String)>,
}

impl Assessment {
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn criterion(&self, id: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.id == id)
    }
}

/// Evaluates `answers` for `unit` against the rule set.
pub fn evaluate(rules: &Checked, unit: Unit, answers: &Answers) -> Assessment {
    let mut errors = Vec::new();
    let mut missing = Vec::new();
    // At most a few dozen inputs, each id once (`rules::validate`): a
    // list, searched in order, is as quick as a map here, and the WASM
    // carries no second BTreeMap for it.
    let mut values: Vec<(&str, InputValue)> = Vec::new();
    for input in rules.inputs_for(unit) {
        match read_input(input, answers) {
            Ok(Some(v)) => values.push((input.id.as_str(), v)),
            Ok(None) => missing.push(input.label.clone()),
            Err(errs) => {
                missing.push(input.label.clone());
                errors.extend(errs);
            }
        }
    }
    let value_of = |id: &str| value(&values, id);

    let mut warnings: Vec<Warning> = rules
        .notices
        .iter()
        .map(|n| Warning {
            text: n.text.clone(),
            cite: n.cite.clone(),
        })
        .collect();
    warnings.extend(denominator_mismatches(rules, unit, &values));

    let indicators: Vec<IndicatorResult> = rules
        .checks_for(unit)
        .map(|(ind, check)| {
            let found = judge(check, &value_of);
            let warning = indicator_warning(rules, ind);
            IndicatorResult {
                id: ind.id.clone(),
                label: ind.label.clone(),
                criterion: ind.criterion.clone(),
                gate: ind.gate,
                status: found.outcome.status(),
                reason: found.reason,
                value: found.value,
                cite: ind.cite.clone(),
                warning,
                points: ind.points,
                declared: ind.declared,
            }
        })
        .collect();

    let criteria = criteria_of(rules, &indicators);
    let criteria_met = criteria.iter().filter(|c| c.status == Status::Pass).count();
    let verdict = verdict(rules, unit, &criteria, &indicators);
    let readings = alternatives(rules, unit, &value_of, &indicators, &criteria, &verdict);
    if let Some(w) = &rules.verdict.warning {
        warnings.push(Warning {
            text: w.clone(),
            cite: rules.verdict.cite.clone(),
        });
    }
    let classification = classify(
        rules,
        unit,
        &criteria,
        verdict.status,
        &national_rules(&answers.year),
        &mut warnings,
    );
    let rewards = rules
        .rewards_for(unit)
        .map(|(r, checks)| {
            let mut status = verdict.status.unwrap_or(Status::Missing);
            for check in checks {
                status = status.min(judge(check, &value_of).outcome.status());
            }
            RewardResult {
                status,
                text: r.text.clone(),
                cite: r.cite.clone(),
            }
        })
        .collect();

    Assessment {
        plan: rules.plan.clone(),
        unit,
        indicators,
        criteria,
        criteria_met,
        verdict,
        classification,
        rewards,
        warnings,
        readings,
        missing,
        errors,
    }
}

fn criteria_of(rules: &RuleSet, indicators: &[IndicatorResult]) -> Vec<CriterionResult> {
    rules
        .criteria
        .iter()
        .map(|c| {
            let mine: Vec<&IndicatorResult> = indicators
                .iter()
                .filter(|i| i.criterion.as_deref() == Some(&c.id))
                .collect();
            let (status, reason, points) = criterion_status(&mine, c.pass_mark);
            CriterionResult {
                id: c.id.clone(),
                name: c.name.clone(),
                status,
                reason,
                points,
                cite: c.cite.clone(),
            }
        })
        .collect()
}

/// Each reading evaluated under its alternative, the others kept: a note
/// where the verdict, a criterion or (more quietly) only an indicator
/// would differ.
fn alternatives<'a>(
    rules: &Checked,
    unit: Unit,
    value_of: &dyn Fn(&str) -> Option<&'a InputValue>,
    indicators: &[IndicatorResult],
    criteria: &[CriterionResult],
    verdict_now: &Verdict,
) -> Vec<ReadingNote> {
    let mut notes = Vec::new();
    for (g, changes) in rules.readings() {
        let mut alt = indicators.to_vec();
        let mut changed = Vec::new();
        for (k, a) in changes {
            let id = &rules.indicators[*k].id;
            let Some(p) = alt.iter().position(|x| &x.id == id) else {
                continue;
            };
            let before = alt[p].status;
            let after = match a {
                Alt::Check(c) => judge(c, value_of).outcome.status(),
                Alt::Unsure(u) => match (u, before) {
                    (Unsure::Pass | Unsure::Any, Status::Pass)
                    | (Unsure::Fail | Unsure::Any, Status::Fail) => Status::Missing,
                    _ => before,
                },
            };
            if after != before {
                alt[p].status = after;
                changed.push(p);
            }
        }
        if changed.is_empty() {
            continue;
        }
        let alt_criteria = criteria_of(rules, &alt);
        let moved: Vec<String> = alt_criteria
            .iter()
            .zip(criteria)
            .filter(|(a, b)| a.status != b.status)
            .map(|(a, _)| format!("tiêu chí “{}” sẽ là “{}”", a.name, a.status.label()))
            .collect();
        let alt_verdict = verdict(rules, unit, &alt_criteria, &alt);
        let lead = || {
            format!(
                "Kết quả này phụ thuộc cách hiểu “{}”: máy tính hiểu là {}; nếu hiểu là {}, ",
                g.words, g.chosen, g.alternative
            )
        };
        let (reach, text) = if alt_verdict.status != verdict_now.status {
            let mut t = lead() + &reached(rules, unit, alt_verdict.status);
            if !moved.is_empty() {
                t = format!("{t} ({})", moved.join("; "));
            }
            (Reach::Verdict, t + ".")
        } else if !moved.is_empty() {
            let t = format!("{}{}; kết luận chung không đổi.", lead(), moved.join("; "));
            (Reach::Criterion, t)
        } else {
            let what: Vec<String> = changed
                .iter()
                .map(|&p| {
                    format!(
                        "chỉ tiêu “{}” sẽ là “{}”",
                        alt[p].label,
                        alt[p].status.label()
                    )
                })
                .collect();
            let t = format!(
                "Nếu hiểu “{}” là {}, {}; tiêu chí và kết luận chung không đổi.",
                g.words,
                g.alternative,
                what.join("; ")
            );
            (Reach::Indicator, t)
        };
        notes.push(ReadingNote {
            reading: g.id.clone(),
            reach,
            text,
            cite: g.cite.clone(),
        });
    }
    notes
}

fn lower_subject(unit: Unit) -> &'static str {
    match unit {
        Unit::ChiBo => "chi bộ",
        Unit::DangBo => "đảng bộ",
    }
}

/// What a verdict status says, to end "nếu hiểu là …, ".
fn reached(rules: &RuleSet, unit: Unit, status: Option<Status>) -> String {
    let (who, name) = (lower_subject(unit), &rules.verdict.name);
    match status {
        Some(Status::Pass) => format!("{who} đạt “{name}”"),
        Some(Status::Fail) => format!("{who} chưa đạt “{name}”"),
        _ => format!("chưa đủ thông tin để kết luận {who} có đạt “{name}” hay không"),
    }
}

/// "bốn" for 4: the verdict's count of contents reads as the plans write it.
pub fn in_words(n: usize) -> String {
    match n {
        2 => "hai".into(),
        3 => "ba".into(),
        4 => "bốn".into(),
        n => n.to_string(),
    }
}

/// The answer read for input `id`.
fn value<'a>(values: &'a [(&str, InputValue)], id: &str) -> Option<&'a InputValue> {
    values.iter().find(|(k, _)| *k == id).map(|(_, v)| v)
}

/// Two ratio questions that ask for the same total (the same `denominator`
/// label) but were given different totals: one of them is mistyped.
fn denominator_mismatches(
    rules: &RuleSet,
    unit: Unit,
    values: &[(&str, InputValue)],
) -> Vec<Warning> {
    let mut seen: Vec<(&str, &str, u64)> = Vec::new();
    let mut out = Vec::new();
    for input in rules.inputs_for(unit) {
        let (Some(label), Some(InputValue::Ratio(_, den))) =
            (input.denominator.as_deref(), value(values, &input.id))
        else {
            continue;
        };
        match seen.iter().find(|(l, _, _)| *l == label) {
            Some((_, first, d)) if d != den => out.push(Warning {
                text: format!(
                    "Hai câu hỏi cùng hỏi “{label}” nhưng nhập hai số khác nhau ({d} ở “{first}”, {den} ở “{}”); hãy kiểm tra lại.",
                    input.label
                ),
                cite: None,
            }),
            Some(_) => {}
            None => seen.push((label, input.label.as_str(), *den)),
        }
    }
    out
}

fn indicator_warning(rules: &RuleSet, ind: &Indicator) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if ind.test.implicit {
        parts.push(format!(
            "Kế hoạch chỉ ghi “{}”, không nói “trở lên”; máy tính hiểu là đạt từ mức này trở lên.",
            ind.test.words.as_deref().unwrap_or_default()
        ));
    }
    parts.extend(ind.warning.clone());
    let reads = |g: &&Reading| g.changes.iter().any(|c| c.indicator == ind.id);
    for g in rules.readings.iter().filter(reads) {
        parts.push(format!(
            "Cách hiểu “{}”: máy tính hiểu là {}; cũng có thể hiểu là {}.",
            g.words, g.chosen, g.alternative
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn criterion_status(
    mine: &[&IndicatorResult],
    pass_mark: Option<u32>,
) -> (Status, String, Option<(u32, u32)>) {
    let count = |s: Status| mine.iter().filter(|i| i.status == s).count();
    if let Some(mark) = pass_mark {
        let earned: u32 = mine
            .iter()
            .filter(|i| i.status == Status::Pass)
            .filter_map(|i| i.points)
            .sum();
        let open: u32 = mine
            .iter()
            .filter(|i| i.status == Status::Missing)
            .filter_map(|i| i.points)
            .sum();
        let status = if earned >= mark {
            Status::Pass
        } else if earned + open < mark {
            Status::Fail
        } else {
            Status::Missing
        };
        let reason = format!("{earned} điểm; cần {mark} điểm để đạt.");
        return (status, reason, Some((earned, mark)));
    }
    let (fail, missing) = (count(Status::Fail), count(Status::Missing));
    if mine.is_empty() {
        // `validate` refuses this; never pass a criterion nothing checked.
        (
            Status::Missing,
            "Không có chỉ tiêu nào cho đơn vị này.".into(),
            None,
        )
    } else if fail > 0 {
        (Status::Fail, format!("{fail} chỉ tiêu chưa đạt."), None)
    } else if missing > 0 {
        (
            Status::Missing,
            format!("Còn {missing} chỉ tiêu chưa có câu trả lời."),
            None,
        )
    } else {
        (
            Status::Pass,
            format!("Đạt cả {} chỉ tiêu.", mine.len()),
            None,
        )
    }
}

fn verdict(
    rules: &RuleSet,
    unit: Unit,
    criteria: &[CriterionResult],
    indicators: &[IndicatorResult],
) -> Verdict {
    let gates: Vec<&IndicatorResult> = indicators.iter().filter(|i| i.gate).collect();
    let subject = match unit {
        Unit::ChiBo => "Chi bộ",
        Unit::DangBo => "Đảng bộ",
    };
    if rules.verdict.rule == VerdictKind::None {
        return Verdict {
            status: None,
            text: "Kế hoạch không nêu quy tắc kết luận chung: xem kết quả từng chỉ tiêu.".into(),
            declared: false,
        };
    }
    let name = &rules.verdict.name;
    let failed_c: Vec<&str> = criteria
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| c.name.as_str())
        .collect();
    let failed_g: Vec<&str> = gates
        .iter()
        .filter(|g| g.status == Status::Fail)
        .map(|g| g.label.as_str())
        .collect();
    let open = criteria.iter().any(|c| c.status == Status::Missing)
        || gates.iter().any(|g| g.status == Status::Missing);
    if !failed_c.is_empty() || !failed_g.is_empty() {
        let mut why = Vec::new();
        if !failed_c.is_empty() {
            why.push(format!("chưa đạt tiêu chí: {}", failed_c.join("; ")));
        }
        if !failed_g.is_empty() {
            why.push(format!("chưa đạt điều kiện: {}", failed_g.join("; ")));
        }
        Verdict {
            status: Some(Status::Fail),
            text: format!("{subject} chưa đạt “{name}”: {}.", why.join("; ")),
            declared: false,
        }
    } else if open {
        Verdict {
            status: Some(Status::Missing),
            text: format!("Chưa đủ thông tin để kết luận {subject} có đạt “{name}” hay không."),
            declared: false,
        }
    } else if let Some(lacks) = rules.verdict.lacks.as_ref().filter(|_| {
        indicators
            .iter()
            .any(|i| i.declared && i.criterion.is_some())
    }) {
        // Met on the unit's own word: no criterion of the plan's text decided it.
        Verdict {
            status: Some(Status::Pass),
            text: format!(
                "{subject} tự khai đạt cả {} nội dung; chưa đủ căn cứ để kết luận {} đạt “{name}”: còn thiếu {lacks}.",
                in_words(criteria.len()),
                lower_subject(unit)
            ),
            declared: true,
        }
    } else {
        let extra = if gates.is_empty() {
            ""
        } else {
            " và các điều kiện của kế hoạch"
        };
        Verdict {
            status: Some(Status::Pass),
            text: format!(
                "{subject} đạt “{name}”: đạt cả {} tiêu chí{extra}.",
                criteria.len()
            ),
            declared: false,
        }
    }
}

/// Where a plan gives no classification: the national rules that govern
/// it in the assessment year (both when the year is not given). The years
/// are those of content/national/ and its README (QĐ 124-QĐ/TW, not
/// encoded there, governed the 2023 and 2024 reviews).
pub fn national_rules(year: &str) -> String {
    match crate::model::assessment_year(year) {
        Ok(y) if y >= 2025 => format!(
            "Năm {y} xếp loại theo quy định chung: QĐ 366-QĐ/TW và Hướng dẫn 43-HD/BTCTW."
        ),
        Ok(y) if y >= 2023 => format!(
            "Năm {y} xếp loại theo quy định chung: QĐ 124-QĐ/TW và Hướng dẫn 25-HD/BTCTW."
        ),
        _ => "Xếp loại theo quy định chung: QĐ 124-QĐ/TW (năm 2023-2024) hoặc QĐ 366-QĐ/TW (từ năm 2025).".into(),
    }
}

fn classify(
    rules: &RuleSet,
    unit: Unit,
    criteria: &[CriterionResult],
    verdict: Option<Status>,
    national: &str,
    warnings: &mut Vec<Warning>,
) -> Option<Suggestion> {
    let rules_here: Vec<_> = rules
        .classify
        .iter()
        .filter(|r| applies(&r.units, unit))
        .collect();
    if rules_here.is_empty() || criteria.iter().any(|c| c.status == Status::Missing) {
        return None;
    }
    let met: Vec<&str> = criteria
        .iter()
        .filter(|c| c.status == Status::Pass)
        .map(|c| c.id.as_str())
        .collect();
    let counted = |r: &ClassifyRule| {
        usize::from(r.met) == met.len() && r.requires.iter().all(|q| met.contains(&q.as_str()))
    };
    let candidates: Vec<&ClassifyRule> =
        rules_here.iter().copied().filter(|r| counted(r)).collect();
    let hit = candidates
        .iter()
        .find(|r| !r.verdict || verdict == Some(Status::Pass));
    // A rule that needs the verdict, while a gate is still unanswered.
    if hit.is_none()
        && candidates
            .iter()
            .any(|r| r.verdict && verdict == Some(Status::Missing))
    {
        return None;
    }
    let short_of_verdict = candidates.iter().any(|r| r.verdict);
    match hit {
        Some(r) => {
            let text = if r.firm {
                format!(
                    "Theo kế hoạch, đạt {} tốt thì xếp loại “{}” ({}).",
                    met.len(),
                    r.result.name(),
                    r.result.code()
                )
            } else {
                format!(
                    "Theo kế hoạch, kết quả này là cơ sở quan trọng để xếp loại “{}” ({}); việc xếp loại do cấp có thẩm quyền quyết định.",
                    r.result.name(),
                    r.result.code()
                )
            };
            Some(Suggestion {
                class: r.result,
                text,
                firm: r.firm,
                cite: r.cite.clone(),
            })
        }
        None => {
            let tot = if rules.movement == Movement::BonTot {
                " tốt"
            } else {
                " tiêu chí"
            };
            let text = if short_of_verdict {
                format!(
                    "Đạt {}{tot} nhưng chưa đạt “{}” vì chưa đạt điều kiện chung của kế hoạch; kế hoạch không nêu cách xếp loại trường hợp này, máy tính không đề xuất xếp loại. {national}",
                    met.len(),
                    rules.verdict.name
                )
            } else {
                format!(
                    "Kế hoạch không nêu cách xếp loại khi đạt {}{tot} như trường hợp này; máy tính không đề xuất xếp loại. {national}",
                    met.len()
                )
            };
            warnings.push(Warning {
                text,
                cite: rules_here.first().map(|r| r.cite.clone()),
            });
            None
        }
    }
}
