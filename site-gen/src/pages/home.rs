//! Home: what "chi bộ bốn tốt" is, the four criteria, and every plan,
//! filterable by the units they cover (CSS only, no JavaScript). Written in
//! pieces: the list may hold any number of plans.

use super::layout::{self, Page};
use super::units_label;
use crate::model::{Content, Plan};
use crate::output::Output;
use crate::routes::{self, Route};
use bontot_core::model::Unit;
use maud::html;

fn item(p: &Plan) -> String {
    html! {
        li data-units=(p.fm.units.iter().map(|u| u.id()).collect::<Vec<_>>().join(" ")) {
            h3 { a href=(routes::plan(&p.slug)) { (p.fm.locality) } }
            p { (p.fm.title) }
            ul.tags aria-label="Thông tin chính" {
                // "không ghi" only where the document itself bears none;
                // an unknown number or date is left out.
                @match (&p.fm.number, p.fm.unnumbered) {
                    (Some(n), _) => li { "Số: " (n) },
                    (None, true) => li { "Số: không ghi" },
                    (None, false) => {}
                }
                @match (p.fm.date, p.fm.undated) {
                    (Some(d), _) => li { "Ngày: " (d.vietnamese()) },
                    (None, true) => li { "Ngày: không ghi" },
                    (None, false) => {}
                }
                @if let Some(period) = &p.fm.period { li { "Giai đoạn " (period) } }
                li { "Áp dụng: " (units_label(&p.fm.units)) }
            }
        }
    }
    .into_string()
}

pub fn write(c: &Content, out: &Output) -> std::io::Result<()> {
    let site = &c.site;
    let (start, end) = layout::frame(
        site,
        &Page {
            path: Route::Home.path(),
            title: &site.title,
            description: &site.description,
            nav: Some(Route::Home),
            wide: false,
            head: None,
        },
    );
    let intro = html! {
        h1 { (site.title) ": các kế hoạch “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”" }
        section.card.editorial aria-labelledby="gioi-thieu" {
            span.editorial-label { "Phần giới thiệu của Bốn Tốt" }
            h2 #gioi-thieu { "“Chi bộ bốn tốt” là gì?" }
            @for p in &site.intro { p { (p) } }
            ol.criteria {
                @for cr in &site.criteria {
                    li #{ "tieu-chi-" (cr.id) } { strong { (cr.name) } ": " (cr.plain) }
                }
            }
            p { a.button href=(Route::Calculators.path()) { "Tự đánh giá chi bộ của bạn" } }
        }
        h2 #ke-hoach { "Các kế hoạch" }
        fieldset.filter {
            legend { "Lọc theo đối tượng áp dụng" }
            label { input #loc-all type="radio" name="loc" checked; "Tất cả" }
            @for u in Unit::ALL {
                label { input id={ "loc-" (u.id()) } type="radio" name="loc"; (u.label()) }
            }
        }
    };
    let mut f = out.file(Route::Home.path())?;
    f.put(&start)?;
    f.put(&intro.into_string())?;
    f.put("<ul class=\"plan-list\">")?;
    for p in &c.plans {
        f.put(&item(p))?;
    }
    f.put("</ul>")?;
    if !c.national.is_empty() {
        let national = html! {
            h2 #van-ban { "Văn bản trung ương về xếp loại chất lượng" }
            p.note { "Các đoạn trích (không phải toàn văn) mà máy tính và lệnh xếp loại dùng, mỗi đoạn ghi nguồn." }
            ul.plan-list {
                @for n in &c.national {
                    li {
                        h3 { a href=(routes::national(&n.id)) { (n.regime.short) } }
                        p { (n.front.title) }
                        ul.tags { li { "Áp dụng " (n.regime.years()) } }
                    }
                }
            }
        };
        f.put(&national.into_string())?;
    }
    if !c.frames.is_empty() {
        let frames = html! {
            h2 #khung { "Khung chấm điểm sinh hoạt chi bộ hằng tháng" }
            p.note { "Khung của từng địa phương, đưa làm ví dụ, mỗi khung ghi nguồn. Khung do cấp ủy của chi bộ bạn ban hành được áp dụng trước." }
            ul.plan-list {
                @for fr in &c.frames {
                    li {
                        h3 { a href=(routes::frame(&fr.id)) { (fr.title) " · " (fr.source.issuer) } }
                        p { (super::frame::source_text(fr)) }
                        ul.tags { li { "Khung của địa phương" } li { "Tổng " (fr.total) " điểm" } }
                    }
                }
            }
        };
        f.put(&frames.into_string())?;
    }
    f.put(&end)?;
    f.finish()
}
