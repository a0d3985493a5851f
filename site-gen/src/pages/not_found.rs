//! 404 page. Static hosts serve it for any missing path, at any depth, so
//! its links cannot be relative to its own location: they are written from
//! the top folder (right when the missing path is there, and without
//! JavaScript), and its inline script (`assets/not-found.js`) finds the
//! top folder and points them there from any depth, online or offline.

use super::layout::{self, Page};
use crate::model::Content;
use crate::routes::{self, Route};
use maud::html;

pub fn render(c: &Content) -> String {
    let body = html! {
        h1 { "Không tìm thấy trang" }
        p { "Trang bạn tìm không có hoặc đã được đổi địa chỉ." }
        p { a.button href=(Route::Home.path()) { "Về trang chủ" } }
        ul.link-list {
            @for p in c.plans.iter().take(super::layout::LIST_CAP) {
                li { a href=(routes::plan(&p.slug)) { (p.fm.locality) ": " (p.fm.title) } }
            }
            @if c.plans.len() > super::layout::LIST_CAP {
                li { a href="index.html#ke-hoach" { "Tất cả " (c.plans.len()) " kế hoạch" } }
            }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: Route::NotFound.path(),
            title: "Không tìm thấy trang",
            description: "Trang không tồn tại.",
            nav: None,
            wide: false,
            head: None,
        },
        body,
    )
}
