//! How a deadline reads, on the pages and in the calendar.

use bontot_core::model::{Bound, Deadline, When};

/// "Trước ngày 10/12/2022", "Trong tháng 3/2023", "Ngày 17/01 hằng năm".
pub fn when(d: &Deadline) -> String {
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

/// The deadline's date for `<time datetime>`: "2022-12-10", "2023-03", or
/// "--01-17" (a day of every year).
pub fn datetime(d: &Deadline) -> Option<String> {
    match d.when().ok()? {
        When::Day(day) => Some(format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)),
        When::Month(m) => Some(format!("{:04}-{:02}", m.year, m.month)),
        When::Yearly(y) => Some(format!("--{:02}-{:02}", y.month, y.day)),
    }
}

/// "before", "within", "on", as in the front matter.
pub fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Before => "before",
        Bound::Within => "within",
        Bound::On => "on",
    }
}
