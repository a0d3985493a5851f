//! Page templates (maud): one module per kind of page.

pub mod calculator;
pub mod compare;
pub mod deadlines;
pub mod glossary;
pub mod home;
pub mod layout;
pub mod not_found;
pub mod plan;
pub mod search;

use bontot_core::model::{Bound, Deadline, Unit, When};

/// A plan page's URL from the site's top folder.
pub fn plan_url(slug: &str) -> String {
    plan::path(slug)
}

/// "Chi bộ, Đảng bộ cơ sở".
pub fn units_label(units: &[Unit]) -> String {
    units
        .iter()
        .map(|u| u.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Trước ngày 10/12/2022", "Trong tháng 3/2023", "Ngày 17/01 hằng năm".
pub fn deadline_when(d: &Deadline) -> String {
    match (d.when(), d.bound) {
        (Ok(When::Day(day)), Bound::Before) => format!("Trước ngày {}", day.vietnamese()),
        (Ok(When::Day(day)), _) => format!("Ngày {}", day.vietnamese()),
        (Ok(When::Month(m)), Bound::Before) => format!("Trước tháng {}/{}", m.month, m.year),
        (Ok(When::Month(m)), _) => format!("Trong tháng {}/{}", m.month, m.year),
        (Ok(When::Yearly(y)), Bound::Before) => {
            format!("Trước ngày {:02}/{:02} hằng năm", y.day, y.month)
        }
        (Ok(When::Yearly(y)), _) => format!("Ngày {:02}/{:02} hằng năm", y.day, y.month),
        (Err(_), _) => "Không rõ ngày".into(),
    }
}
