//! The search page. Without JavaScript it lists the plans and the glossary,
//! so the search box in the header never leads to a dead end. With it,
//! the search module (search-ui/, loaded by this page only) hides that
//! list and shows results in `#search`.

use super::layout::{self, Page};
use crate::model::Content;
use crate::routes::{self, Route};
use maud::html;

/// `search_js`: the module that starts the search UI, from the site's
/// top (`app/search.js`); `None` when the site is built without the app.
pub fn render(c: &Content, search_js: Option<&str>) -> String {
    let head = search_js.map(|js| html! { script type="module" src=(js) {} });
    let body = html! {
        h1 { "Tìm kiếm" }
        form.search-form action=(Route::Search.path()) method="get" role="search" {
            label.visually-hidden for="q2" { "Từ cần tìm" }
            input #q2 type="search" name="q" placeholder="Ví dụ: chi bo bon tot" autocomplete="off";
            button type="submit" { "Tìm" }
        }
        div #search aria-live="polite" {}
        div #search-fallback {
            p.note { "Tìm kiếm cần JavaScript. Khi chưa có, bạn có thể mở thẳng các kế hoạch hoặc bảng thuật ngữ:" }
            ul.link-list {
                @for p in c.plans.iter().take(super::layout::LIST_CAP) {
                    li { a href=(routes::plan(&p.slug)) { (p.fm.locality) ": " (p.fm.title) } }
                }
                @if c.plans.len() > super::layout::LIST_CAP {
                    li { a href="index.html#ke-hoach" { "Tất cả " (c.plans.len()) " kế hoạch" } }
                }
                li { a href=(Route::Glossary.path()) { "Thuật ngữ và chữ viết tắt" } }
                li { a href=(Route::Compare.path()) { "So sánh tiêu chí giữa các kế hoạch" } }
                li { a href=(Route::Deadlines.path()) { "Các thời hạn" } }
            }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: Route::Search.path(),
            title: "Tìm kiếm",
            description: "Tìm trong toàn văn các kế hoạch, không cần gõ dấu.",
            nav: Some(Route::Search),
            wide: false,
            head,
        },
        body,
    )
}
