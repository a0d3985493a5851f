//! What the calculator's form derives from a rule set: which inputs go
//! under which criterion, which indicators use each input, and the DOM ids
//! of its controls. Shared by the app and by site-gen, which writes the
//! form's first questions into the page so they can be answered before
//! the app has loaded (the app then takes over what was answered).

use crate::model::Unit;
use crate::rules::{Indicator, Input, RuleSet};

/// The DOM id of a field: `f-` plus the field id with `.` as `_` (input ids
/// never contain `_`, so no two fields share an id).
pub fn dom_id(field: &str) -> String {
    format!("f-{}", field.replace('.', "_"))
}

/// Id of the element holding a field's error message.
pub fn error_id(field: &str) -> String {
    format!("e-{}", field.replace('.', "_"))
}

/// A group of the form: a criterion, the plan's general conditions, or
/// the inputs no indicator reads.
pub struct Group<'a> {
    pub title: String,
    /// The criterion, when the group is one.
    pub criterion: Option<&'a str>,
    pub inputs: Vec<&'a Input>,
}

fn reads(ind: &Indicator, input: &str) -> bool {
    ind.test.input == input || ind.test.target.as_deref() == Some(input)
}

/// The form's groups for `unit`: each criterion's inputs in rule-set order,
/// then the gates' inputs, then every input not shown yet.
pub fn groups(rules: &RuleSet, unit: Unit) -> Vec<Group<'_>> {
    let inputs: Vec<&Input> = rules.inputs_for(unit).collect();
    let mut shown: Vec<&str> = Vec::new();
    let mut take = |pred: &dyn Fn(&Indicator) -> bool| -> Vec<&Input> {
        let picked: Vec<&Input> = inputs
            .iter()
            .copied()
            .filter(|i| !shown.contains(&i.id.as_str()))
            .filter(|i| {
                rules
                    .indicators_for(unit)
                    .any(|ind| pred(ind) && reads(ind, &i.id))
            })
            .collect();
        shown.extend(picked.iter().map(|i| i.id.as_str()));
        picked
    };
    let mut out = Vec::new();
    for (n, c) in rules.criteria.iter().enumerate() {
        let picked = take(&|ind| ind.criterion.as_deref() == Some(c.id.as_str()));
        out.push(Group {
            title: format!("Tiêu chí {}: {}", n + 1, c.name),
            criterion: Some(c.id.as_str()),
            inputs: picked,
        });
    }
    let gates = take(&|ind| ind.gate);
    if !gates.is_empty() {
        out.push(Group {
            title: "Điều kiện chung của kế hoạch".into(),
            criterion: None,
            inputs: gates,
        });
    }
    let rest = take(&|_| true);
    let rest: Vec<&Input> = rest
        .into_iter()
        .chain(
            inputs
                .iter()
                .copied()
                .filter(|i| !shown.contains(&i.id.as_str())),
        )
        .collect();
    if !rest.is_empty() {
        out.push(Group {
            title: "Thông tin khác".into(),
            criterion: None,
            inputs: rest,
        });
    }
    out
}

/// The indicators of `unit` that read `input` (as the tested value or as
/// its target).
pub fn users<'a>(rules: &'a RuleSet, unit: Unit, input: &str) -> Vec<&'a Indicator> {
    rules
        .indicators_for(unit)
        .filter(|ind| reads(ind, input))
        .collect()
}
