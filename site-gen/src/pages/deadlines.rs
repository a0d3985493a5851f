//! Every dated deadline of every plan on one timeline, grouped by year,
//! with a calendar file to download.

use super::layout::{self, Nav, Page};
use super::{deadline_when, plan_url};
use crate::content::{Content, Plan};
use crate::pages::plan::cite_href;
use bontot_core::model::{Deadline, When};
use maud::html;
use std::collections::BTreeMap;

/// A deadline on the timeline: its plan, itself, and its sort key.
type Entry<'a> = (&'a Plan, &'a Deadline, (u16, u8, u8));

/// Sort key and group of a deadline: (group, date for ordering).
fn place(d: &Deadline) -> (Option<u16>, (u16, u8, u8)) {
    match d.when() {
        Ok(When::Day(x)) => (Some(x.year), (x.year, x.month, x.day)),
        Ok(When::Month(m)) => (Some(m.year), (m.year, m.month, 32)),
        Ok(When::Yearly(y)) => (None, (0, y.month, y.day)),
        Err(_) => (None, (u16::MAX, 0, 0)),
    }
}

pub fn render(c: &Content) -> String {
    let mut groups: BTreeMap<Option<u16>, Vec<Entry>> = BTreeMap::new();
    for plan in &c.plans {
        for d in &plan.fm.deadlines {
            let (group, key) = place(d);
            groups.entry(group).or_default().push((plan, d, key));
        }
    }
    for items in groups.values_mut() {
        items.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.slug.cmp(&b.0.slug)));
    }
    // Years in order, then the yearly ones.
    let ordered: Vec<_> = groups
        .iter()
        .filter(|(g, _)| g.is_some())
        .chain(groups.iter().filter(|(g, _)| g.is_none()))
        .collect();
    let total: usize = groups.values().map(Vec::len).sum();
    let body = html! {
        h1 { "Thời hạn" }
        p {
            (total) " thời hạn của " (c.plans.len()) " kế hoạch, theo thứ tự thời gian. Mỗi mục dẫn tới đúng đoạn của kế hoạch nêu thời hạn đó."
        }
        p { a.button href="thoi-han.ics" download="bon-tot-thoi-han.ics" { "Tải lịch (.ics)" } }
        p.note { "Tệp lịch mở được bằng Lịch Google, Outlook, Lịch trên điện thoại; mỗi thời hạn là một sự kiện cả ngày." }
        @for (group, items) in ordered {
            @let gid = match group { Some(y) => format!("nam-{y}"), None => "hang-nam".to_string() };
            section aria-labelledby=(gid) {
                h2 id=(gid) { @match group { Some(y) => { "Năm " (y) }, None => "Hằng năm" } }
                ol.timeline {
                    @for (plan, d, _) in items {
                        li {
                            time { (deadline_when(d)) } br;
                            (d.what) br;
                            span.note {
                                (d.who)
                                @if let Some(to) = &d.to { " → " (to) }
                            } br;
                            a href={ (plan_url(&plan.slug)) (cite_href(&d.cite)) } { (plan.fm.locality) ": “" (d.cite.quote) "”" }
                        }
                    }
                }
            }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: "thoi-han.html",
            title: "Thời hạn",
            description: "Tất cả thời hạn trong các kế hoạch chi bộ bốn tốt, theo năm, kèm tệp lịch.",
            nav: Nav::Deadlines,
            wide: false,
            head: None,
        },
        body,
    )
}
