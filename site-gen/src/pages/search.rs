//! The search page. Without JavaScript it lists the plans and the glossary,
//! so the search box in the header never leads to a dead end. With it,
//! the search module (search-ui/, loaded by this page only) hides that
//! list and shows results in `#search`.

use super::layout::{self, Nav, Page};
use crate::model::Content;
use maud::html;

/// `search_js`: the module that starts the search UI, from the site's
/// top (`app/search.js`); `None` when the site is built without the app.
pub fn render(c: &Content, search_js: Option<&str>) -> String {
    let head = search_js.map(|js| html! { script type="module" src=(js) {} });
    let body = html! {
        h1 { "Tìm kiếm" }
        form.search-form action="tim-kiem.html" method="get" role="search" {
            label.visually-hidden for="q2" { "Từ cần tìm" }
            input #q2 type="search" name="q" placeholder="Ví dụ: chi bo bon tot" autocomplete="off";
            button type="submit" { "Tìm" }
        }
        div #search aria-live="polite" {}
        div #search-fallback {
            p.note { "Tìm kiếm cần JavaScript. Khi chưa có, bạn có thể mở thẳng các kế hoạch hoặc bảng thuật ngữ:" }
            ul.link-list {
                @for p in c.plans.iter().take(super::layout::LIST_CAP) {
                    li { a href=(super::plan_url(&p.slug)) { (p.fm.locality) ": " (p.fm.title) } }
                }
                @if c.plans.len() > super::layout::LIST_CAP {
                    li { a href="index.html#ke-hoach" { "Tất cả " (c.plans.len()) " kế hoạch" } }
                }
                li { a href="thuat-ngu.html" { "Thuật ngữ và chữ viết tắt" } }
                li { a href="so-sanh.html" { "So sánh tiêu chí giữa các kế hoạch" } }
                li { a href="thoi-han.html" { "Các thời hạn" } }
            }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: "tim-kiem.html",
            title: "Tìm kiếm",
            description: "Tìm trong toàn văn các kế hoạch, không cần gõ dấu.",
            nav: Nav::Search,
            wide: false,
            head,
        },
        body,
    )
}
