//! Every dated deadline of every plan on one timeline, grouped by year,
//! and the same deadlines as a calendar file: both written in one pass over
//! the deadlines in date order, in pieces.

use super::layout::{self, Page};
use crate::deadline;
use crate::model::Content;
use crate::output::Output;
use crate::pages::plan::cite_href;
use crate::routes::{self, Route};
use crate::spill::{Deadlines, Entry};
use chrono::{DateTime, Utc};
use maud::html;

fn group_heading(group: u16) -> (String, String) {
    if group == u16::MAX {
        ("hang-nam".into(), "Hằng năm".into())
    } else {
        (format!("nam-{group}"), format!("Năm {group}"))
    }
}

fn item(e: &Entry) -> String {
    let d = &e.deadline;
    html! {
        li {
            // Machine-readable date and bound: `site.js` marks past
            // deadlines and the next one by the reader's date.
            time datetime=[deadline::datetime(d)] data-bound=(deadline::bound_name(d.bound)) { (deadline::when(d)) } br;
            (d.what) br;
            span.note {
                (d.who)
                @if let Some(to) = &d.to { " → " (to) }
            } br;
            a href={ (routes::plan(&e.slug)) (cite_href(&d.cite)) } { (e.locality) ": “" (d.cite.quote) "”" }
        }
    }
    .into_string()
}

/// Writes `thoi-han.html` and `thoi-han.ics`; `stamp` is the calendar's
/// DTSTAMP (`ics::build_time`).
pub fn write(
    c: &Content,
    store: &Deadlines,
    stamp: DateTime<Utc>,
    out: &Output,
) -> std::io::Result<()> {
    let (start, end) = layout::frame(
        &c.site,
        &Page {
            path: Route::Deadlines.path(),
            title: "Thời hạn",
            description: "Tất cả thời hạn trong các kế hoạch chi bộ bốn tốt, theo năm, kèm tệp lịch.",
            nav: Some(Route::Deadlines),
            wide: false,
            head: None,
        },
    );
    let mut page = out.file(Route::Deadlines.path())?;
    page.put(&start)?;
    page.put(
        &html! {
            h1 { "Thời hạn" }
            p { (store.len()) " thời hạn của " (c.plans.len()) " kế hoạch, theo thứ tự thời gian. Mỗi mục dẫn tới đúng đoạn của kế hoạch nêu thời hạn đó." }
            p { a.button href=(routes::CALENDAR) download="bon-tot-thoi-han.ics" { "Tải lịch (.ics)" } }
            p.note { "Tệp lịch mở được bằng Lịch Google, Outlook, Lịch trên điện thoại; mỗi thời hạn là một sự kiện cả ngày." }
            // Filled by site.js with today's place among the deadlines. Its
            // room is kept in the page, so the list does not move down when
            // the script runs after the first paint (a layout shift).
            p.deadline-status {}
        }
        .into_string(),
    )?;
    let mut ics = out.file(routes::CALENDAR)?;
    let (ics_head, ics_foot) = crate::ics::header_footer();
    ics.put(&ics_head)?;
    let base = c.site.base();
    let mut group = None;
    let render = |e: &Entry| {
        let url = if base.is_empty() {
            String::new()
        } else {
            format!(
                "{base}/{}{}",
                routes::plan(&e.slug),
                cite_href(&e.deadline.cite)
            )
        };
        (item(e), crate::ics::event(e, stamp, &url))
    };
    store.each_sorted(render, |key, (li, event)| {
        let g = key.0;
        if group != Some(g) {
            if group.is_some() {
                page.put("</ol></section>")?;
            }
            let (id, title) = group_heading(g);
            page.put(&format!("<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{title}</h2><ol class=\"timeline\">"))?;
            group = Some(g);
        }
        page.put(&li)?;
        ics.put(&event)
    })?;
    if group.is_some() {
        page.put("</ol></section>")?;
    }
    page.put(&end)?;
    page.finish()?;
    ics.put(&ics_foot)?;
    ics.finish()
}
