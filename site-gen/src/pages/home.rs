//! Home: what "chi bộ bốn tốt" is, the four criteria, and the plans,
//! filterable by the units they cover (CSS only, no JavaScript).

use super::layout::{self, Nav, Page};
use super::{plan_url, units_label};
use crate::content::Content;
use bontot_core::model::Unit;
use maud::html;

pub fn render(c: &Content) -> String {
    let site = &c.site;
    let body = html! {
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
            p { a.button href="tu-danh-gia/index.html" { "Tự đánh giá chi bộ của bạn" } }
        }
        h2 #ke-hoach { "Các kế hoạch" }
        fieldset.filter {
            legend { "Lọc theo đối tượng áp dụng" }
            label { input #loc-all type="radio" name="loc" checked; "Tất cả" }
            @for u in Unit::ALL {
                label { input id={ "loc-" (u.id()) } type="radio" name="loc"; (u.label()) }
            }
        }
        ul.plan-list {
            @for p in &c.plans {
                li data-units=(p.fm.units.iter().map(|u| u.id()).collect::<Vec<_>>().join(" ")) {
                    h3 { a href=(plan_url(&p.slug)) { (p.fm.locality) } }
                    p { (p.fm.title) }
                    ul.tags aria-label="Thông tin chính" {
                        li { "Số: " (p.fm.number.as_deref().unwrap_or("không ghi")) }
                        li { "Ngày: " (p.fm.date.map(|d| d.vietnamese()).unwrap_or_else(|| "không ghi".into())) }
                        @if let Some(period) = &p.fm.period { li { "Giai đoạn " (period) } }
                        li { "Áp dụng: " (units_label(&p.fm.units)) }
                    }
                }
            }
        }
    };
    layout::render(
        site,
        &Page {
            path: "index.html",
            title: &site.title,
            description: &site.description,
            nav: Nav::Home,
            wide: false,
            head: None,
        },
        body,
    )
}
