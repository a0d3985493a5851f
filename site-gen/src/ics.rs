//! `thoi-han.ics`: every deadline as an all-day event (RFC 5545), each event
//! written with the icalendar crate and streamed, so a calendar of a
//! million deadlines needs no more memory than one. Output is reproducible:
//! UIDs come from the plan and the deadline's position, DTSTAMP from
//! SOURCE_DATE_EPOCH (or, when it is unset, from the newest plan date),
//! which the build passes in.

use crate::deadline;
use crate::model::Content;
use crate::spill::Entry;
use bontot_core::date::Date;
use bontot_core::model::When;
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

/// The build's timestamp: `epoch` (SOURCE_DATE_EPOCH, seconds), or the
/// newest plan date.
pub fn build_time(c: &Content, epoch: Option<i64>) -> DateTime<Utc> {
    if let Some(t) = epoch.and_then(|s| DateTime::from_timestamp(s, 0)) {
        return t;
    }
    let newest = c.plans.iter().filter_map(|p| p.fm.date).max();
    newest
        .and_then(naive)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or_default()
}

/// The calendar's opening lines (through the calendar properties) and its
/// closing line.
pub fn header_footer() -> (String, String) {
    let mut cal = Calendar::new();
    cal.name("Bốn Tốt: thời hạn các kế hoạch");
    let whole = cal.done().to_string();
    let end = whole.rfind("END:VCALENDAR").unwrap_or(whole.len());
    (whole[..end].to_string(), whole[end..].to_string())
}

/// One deadline as a VEVENT; `url` is the absolute address of its paragraph
/// (empty when the site has no base URL).
pub fn event(e: &Entry, stamp: DateTime<Utc>, url: &str) -> String {
    let d = &e.deadline;
    let mut ev = Event::new();
    ev.uid(&format!("{}-{}@bontot", e.slug, e.number));
    ev.timestamp(stamp);
    ev.summary(&format!("{}: {}", e.locality, d.what));
    let mut desc = format!("{} — {}", deadline::when(d), d.who);
    if let Some(to) = &d.to {
        desc.push_str(&format!(", gửi {to}"));
    }
    desc.push_str(&format!(
        ".\nKế hoạch: {}.\nTrích: “{}”\n{url}",
        e.title, d.cite.quote
    ));
    ev.description(&desc);
    match d.when() {
        Ok(When::Day(day)) => {
            if let Some(n) = naive(day) {
                whole_day(&mut ev, n);
            }
        }
        Ok(When::Month(m)) => {
            if let (Some(a), Some(b)) = (naive(m.first_day()), naive(m.last_day())) {
                ev.starts(a);
                ev.ends(b.succ_opt().unwrap_or(b));
            }
        }
        Ok(When::Yearly(md)) => {
            let year = e.first_year.unwrap_or(2000);
            if let Some(n) =
                NaiveDate::from_ymd_opt(i32::from(year), u32::from(md.month), u32::from(md.day))
            {
                whole_day(&mut ev, n);
                ev.add_property("RRULE", "FREQ=YEARLY");
            }
        }
        Err(_) => return String::new(),
    }
    let mut s = String::new();
    let _ = ev.done().fmt_write(&mut s);
    s
}
