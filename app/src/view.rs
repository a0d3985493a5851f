//! What every part of the page shares: the render context and small
//! pieces (status badges, links to the plan's paragraphs).

use crate::raw::esc;
use crate::state::State;
use bontot_core::engine::{Assessment, Status};
use bontot_core::model::Cite;
use bontot_core::page::CalculatorData;
use std::rc::Rc;

/// Everything a part of the page needs to render. Views hold no
/// callbacks: controls carry `data-` attributes and events.rs handles
/// every event at the calculator's root.
pub struct Ctx<'a> {
    pub data: &'a Rc<CalculatorData>,
    pub state: &'a State,
    pub result: &'a Assessment,
}

impl Ctx<'_> {
    /// The text typed in a field.
    pub fn value(&self, field: &str) -> String {
        self.state.answers.get(field).to_string()
    }

    /// The engine's message for a field, if what was typed is wrong.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.result
            .errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// A link to the paragraph of the plan that states `cite` (markup).
    pub fn cite(&self, cite: &Cite) -> String {
        format!(
            "<a class=\"calc-cite\" href=\"{}#{}\">Kế hoạch: “{}”</a>",
            esc(&self.data.plan_url),
            esc(&cite.anchor),
            esc(&cite.quote)
        )
    }
}

/// Runs `f` in a task of its own, after the browser has had its turn
/// (keeps each main-thread task short while the page loads).
pub fn later(f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback(wasm_bindgen::JsCast::unchecked_ref(&f));
    }
}

/// Runs `f` in a task of its own after the browser's next frame is
/// painted.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(move || later(f));
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&f));
    }
}

/// Marks `#calculator` as drawn (or unable to start) with `data-drawn`,
/// once: site.js then registers the service worker, which fetches the
/// whole site.
pub fn announce_drawn() {
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(root) = doc.and_then(|d| d.get_element_by_id("calculator"))
        && root.get_attribute("data-drawn").is_none()
    {
        let _ = root.set_attribute("data-drawn", "");
    }
}

/// Runs `f` before the page is printed from the browser's menu (what it
/// draws is drawn before printing starts).
pub fn before_print(f: impl Fn() + 'static) {
    let f = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(
            "beforeprint",
            wasm_bindgen::JsCast::unchecked_ref(f.as_ref()),
        );
    }
    // The calculator lives as long as the page.
    f.forget();
}

pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Missing => "warn",
    }
}

/// A status badge (markup).
pub fn badge(s: Status) -> &'static str {
    match s {
        Status::Pass => "<span class=\"badge pass\">Đạt</span>",
        Status::Fail => "<span class=\"badge fail\">Chưa đạt</span>",
        Status::Missing => "<span class=\"badge warn\">Chưa đủ thông tin</span>",
    }
}

#[cfg(test)]
pub mod tests {
    /// A small rule set in JSON, as a calculator page embeds it.
    pub const RULES: &str = r#"{
      "plan": "thu", "version": 1, "units": ["chi-bo", "dang-bo"], "movement": "bon-tot",
      "criteria": [
        {"id": "nhiem-vu-chinh-tri", "name": "Nhiệm vụ", "cite": {"anchor": "a", "quote": "q"}},
        {"id": "sinh-hoat", "name": "Sinh hoạt", "cite": {"anchor": "a", "quote": "q"}}
      ],
      "inputs": [
        {"id": "ket-nap", "kind": "count", "label": "Kết nạp"},
        {"id": "chi-tieu", "kind": "count", "label": "Chỉ tiêu"},
        {"id": "hop", "kind": "monthly", "label": "Sinh hoạt"},
        {"id": "xep-loai", "kind": "classification", "label": "Xếp loại"},
        {"id": "ghi-chu", "kind": "yes-no", "label": "Khác"},
        {"id": "cb", "kind": "ratio", "label": "Chi bộ", "units": ["dang-bo"],
         "numerator": "Đạt", "denominator": "Tổng", "from_members": "bon-tot"}
      ],
      "indicators": [
        {"id": "kn", "criterion": "nhiem-vu-chinh-tri", "label": "Kết nạp đạt chỉ tiêu",
         "test": {"input": "ket-nap", "op": "at-least", "target": "chi-tieu", "words": "đạt"},
         "cite": {"anchor": "a", "quote": "q"}},
        {"id": "sh", "criterion": "sinh-hoat", "label": "Sinh hoạt tốt",
         "test": {"input": "hop", "every_month": "tot"}, "cite": {"anchor": "a", "quote": "q"}},
        {"id": "xl", "gate": true, "label": "Xếp loại", "test": {"input": "xep-loai", "at_least": "HTTNV"},
         "cite": {"anchor": "a", "quote": "q"}},
        {"id": "ba-phan-tu", "gate": true, "units": ["dang-bo"], "label": "3/4 chi bộ",
         "test": {"input": "cb", "op": "at-least", "value": "75", "words": "3/4", "implicit": true},
         "cite": {"anchor": "a", "quote": "q"}}
      ],
      "verdict": {"rule": "all-criteria", "name": "bốn tốt"}
    }"#;
}
