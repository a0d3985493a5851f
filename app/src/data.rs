//! The page's data (rule set and plan identity) and what the form derives
//! from it: which inputs go under which criterion, and which indicators use
//! each input.

use bontot_core::model::Unit;
use bontot_core::page::{CalculatorData, ELEMENT_ID};
use bontot_core::rules::{Indicator, Input, RuleSet};
use std::rc::Rc;

/// Reads the JSON that site-gen embeds in the page.
pub fn load(document: &web_sys::Document) -> Result<Rc<CalculatorData>, String> {
    let text = document
        .get_element_by_id(ELEMENT_ID)
        .and_then(|e| e.text_content())
        .ok_or("Trang thiếu dữ liệu của máy tính tự đánh giá; hãy dùng danh sách in bên dưới.")?;
    serde_json::from_str(&text).map(Rc::new).map_err(|_| {
        "Không đọc được dữ liệu của máy tính tự đánh giá; hãy dùng danh sách in bên dưới."
            .to_string()
    })
}

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

/// How the engine's verdict names the unit: "Chi bộ" or "Đảng bộ".
pub fn subject(unit: Unit) -> &'static str {
    match unit {
        Unit::ChiBo => "Chi bộ",
        Unit::DangBo => "Đảng bộ",
    }
}

/// A plan named the way a reader knows it, for messages: "kế hoạch của
/// Tỉnh Sơn La" (by the calculator pages this page links to), else by its
/// slug.
pub fn plan_name(data: &CalculatorData, slug: &str) -> String {
    let place = if slug == data.rules.plan {
        Some(&data.locality)
    } else {
        data.others
            .iter()
            .find(|(_, url)| {
                let page = url.strip_suffix(".html").unwrap_or(url);
                page == slug
                    || page
                        .strip_suffix(slug)
                        .is_some_and(|dir| dir.ends_with('/'))
            })
            .map(|(locality, _)| locality)
    };
    let (pre, name, post) = match place {
        Some(p) => ("của ", p.as_str(), ""),
        None => ("“", slug, "”"),
    };
    format!("kế hoạch {pre}{name}{post}")
}
