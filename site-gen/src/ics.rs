//! `thoi-han.ics`: every deadline as an all-day event (RFC 5545), written
//! with the icalendar crate. Output is reproducible: UIDs come from the plan
//! and the deadline's position, DTSTAMP from SOURCE_DATE_EPOCH (or, when it
//! is unset, from the newest date in the content).

use crate::content::{Content, Plan};
use bontot_core::date::Date;
use bontot_core::model::{Deadline, When};
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

fn naive(d: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

/// An all-day event on `day`. (icalendar's `all_day` writes DTEND equal to
/// DTSTART, which RFC 5545 §3.8.2.2 forbids: DTEND must be later.)
fn whole_day(e: &mut Event, day: NaiveDate) {
    e.starts(day);
    e.ends(day.succ_opt().unwrap_or(day));
}

/// The build's timestamp: SOURCE_DATE_EPOCH, or the newest plan date.
pub fn build_time(c: &Content) -> DateTime<Utc> {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
    {
        return t;
    }
    let newest = c.plans.iter().filter_map(|p| p.fm.date).max();
    newest
        .and_then(naive)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or_default()
}

/// First year a yearly deadline can fall in: the plan's own date, its
/// period's start, or its earliest dated basis.
pub fn first_year(plan: &Plan) -> Option<u16> {
    plan.fm
        .date
        .map(|d| d.year)
        .or_else(|| {
            plan.fm
                .period
                .as_deref()
                .and_then(|p| p.get(..4))
                .and_then(|y| y.parse().ok())
        })
        .or_else(|| {
            plan.fm
                .bases
                .iter()
                .filter_map(|b| b.date)
                .min()
                .map(|d| d.year + 1)
        })
}

pub fn calendar(c: &Content, plan_url: impl Fn(&Plan, &Deadline) -> String) -> String {
    let stamp = build_time(c);
    let mut cal = Calendar::new();
    cal.name("Bốn Tốt: thời hạn các kế hoạch");
    for plan in &c.plans {
        for (i, d) in plan.fm.deadlines.iter().enumerate() {
            let mut e = Event::new();
            e.uid(&format!("{}-{}@bontot", plan.slug, i + 1));
            e.timestamp(stamp);
            e.summary(&format!("{}: {}", plan.fm.locality, d.what));
            let mut desc = format!("{} — {}", crate::pages::deadline_when(d), d.who);
            if let Some(to) = &d.to {
                desc.push_str(&format!(", gửi {to}"));
            }
            desc.push_str(&format!(
                ".\nKế hoạch: {}.\nTrích: “{}”\n{}",
                plan.fm.title,
                d.cite.quote,
                plan_url(plan, d)
            ));
            e.description(&desc);
            match d.when() {
                Ok(When::Day(day)) => {
                    if let Some(n) = naive(day) {
                        whole_day(&mut e, n);
                    }
                }
                Ok(When::Month(m)) => {
                    if let (Some(a), Some(b)) = (naive(m.first_day()), naive(m.last_day())) {
                        e.starts(a);
                        e.ends(b.succ_opt().unwrap_or(b));
                    }
                }
                Ok(When::Yearly(md)) => {
                    let year = first_year(plan).unwrap_or(2000);
                    if let Some(n) = NaiveDate::from_ymd_opt(
                        i32::from(year),
                        u32::from(md.month),
                        u32::from(md.day),
                    ) {
                        whole_day(&mut e, n);
                        e.add_property("RRULE", "FREQ=YEARLY");
                    }
                }
                Err(_) => continue,
            }
            cal.push(e.done());
        }
    }
    cal.done().to_string()
}
