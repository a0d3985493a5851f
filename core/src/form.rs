//! What the calculator's form derives from a rule set: which inputs go
//! under which criterion, which indicators use each input, and the DOM ids
//! of its controls. Shared by the app and by site-gen, which writes the
//! form's first questions into the page so they can be answered before
//! the app has loaded (the app then takes over what was answered), and
//! the markup of the controls both write.

use crate::html::esc;
use crate::model::Unit;
use crate::rules::{Indicator, Input, InputKind, RuleSet};

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

/// The text box of a count, a percentage or either number of a ratio
/// (`kind`), holding `value` as typed; `aria` ends its attributes (an
/// error's `aria-invalid` and `aria-describedby`, or nothing). A phone
/// shows a keypad with a decimal separator for a percentage only.
pub fn text_box(field: &str, kind: InputKind, value: &str, aria: &str) -> String {
    let mode = if kind == InputKind::Percent {
        "decimal"
    } else {
        "numeric"
    };
    format!(
        "<input type=\"text\" id=\"{}\" data-field=\"{}\" inputmode=\"{mode}\" autocomplete=\"off\" maxlength=\"200\" class=\"calc-num\" value=\"{}\"{aria}>",
        dom_id(field),
        esc(field),
        esc(value),
    )
}

/// The "Có" and "Không" radio buttons of a yes/no question, the one for
/// `current` checked; `aria` as for [`text_box`].
pub fn yes_no(field: &str, current: Option<bool>, aria: &str) -> String {
    let name = dom_id(field);
    let mut s = "<div class=\"calc-yesno\">".to_string();
    for (value, label, on) in [("co", "Có", true), ("khong", "Không", false)] {
        s += &format!(
            "<label class=\"calc-choice\"><input type=\"radio\" name=\"{name}\" id=\"{name}-{value}\" value=\"{value}\" data-field=\"{}\"{}{aria}>{label}</label>",
            esc(field),
            if current == Some(on) { " checked" } else { "" }
        );
    }
    s + "</div>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_carry_the_field_its_ids_and_what_was_typed_escaped() {
        let b = text_box(
            "ty-le.so",
            InputKind::Percent,
            "1\"<",
            " aria-invalid=\"true\"",
        );
        assert!(b.starts_with("<input type=\"text\" id=\"f-ty-le_so\" data-field=\"ty-le.so\" inputmode=\"decimal\""), "{b}");
        assert!(
            b.ends_with("value=\"1&quot;&lt;\" aria-invalid=\"true\">"),
            "{b}"
        );
        let y = yes_no("hop", Some(false), "");
        assert!(
            y.contains("id=\"f-hop-co\" value=\"co\" data-field=\"hop\">Có"),
            "{y}"
        );
        assert!(
            y.contains("id=\"f-hop-khong\" value=\"khong\" data-field=\"hop\" checked>Không"),
            "{y}"
        );
        assert!(!yes_no("hop", None, "").contains("checked"));
        for kind in [InputKind::Count, InputKind::Ratio] {
            assert!(text_box("n", kind, "", "").contains("inputmode=\"numeric\""));
        }
    }
}
