//! The page's data (rule set and plan identity); what the form derives
//! from it is in `core::form`, shared with the page site-gen writes.

use bontot_core::model::Unit;
use bontot_core::page::{CalculatorData, ELEMENT_ID};
use std::rc::Rc;

/// Reads what site-gen embeds in the page (`core::page::encode`).
pub fn load(document: &web_sys::Document) -> Result<Rc<CalculatorData>, String> {
    let text = document
        .get_element_by_id(ELEMENT_ID)
        .and_then(|e| e.text_content())
        .ok_or("Trang thiếu dữ liệu của máy tính tự đánh giá; hãy dùng danh sách in bên dưới.")?;
    bontot_core::page::decode(&text)
        .map(Rc::new)
        .ok_or_else(|| {
            "Không đọc được dữ liệu của máy tính tự đánh giá; hãy dùng danh sách in bên dưới."
                .to_string()
        })
}

pub use bontot_core::form::{dom_id, error_id, groups, users};

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
