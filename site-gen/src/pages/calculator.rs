//! The calculator pages: one per plan, with the plan's rule set embedded as
//! JSON for the WASM app, and the paper checklist for readers without it.

use super::layout::{self, Nav, Page};
use crate::content::Content;
use maud::html;

/// `tu-danh-gia/index.html`: choose a plan.
pub fn render_index(c: &Content) -> String {
    let body = html! {
        h1 { "Tự đánh giá “chi bộ bốn tốt”" }
        p { "Chọn kế hoạch của địa phương bạn. Mỗi kế hoạch có tiêu chí và chỉ tiêu riêng." }
        ul.plan-list {
            @for p in &c.plans {
                li {
                    h2 { a href={ (p.slug) ".html" } { (p.fm.locality) } }
                    p { (p.fm.title) }
                }
            }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: "tu-danh-gia/index.html",
            title: "Tự đánh giá",
            description: "Chi bộ tự kiểm tra đã đạt “bốn tốt” chưa, theo kế hoạch của địa phương mình.",
            nav: Nav::Calculator,
            wide: false,
            head: None,
        },
        body,
    )
}

/// `tu-danh-gia/<slug>.html`.
pub fn render(c: &Content, plan: &crate::content::Plan, start_js: Option<&str>) -> String {
    let path = format!("tu-danh-gia/{}.html", plan.slug);
    let title = format!("Tự đánh giá: {}", plan.fm.locality);
    let head = start_js.map(|js| html! { script type="module" src={ "../" (js) } {} });
    let body = html! {
        p.note { a href="index.html" { "← Chọn kế hoạch khác" } }
        h1 { (title) }
        p { "Theo " a href={ "../" (super::plan_url(&plan.slug)) } { (plan.fm.title) } "." }
        div #calculator data-plan=(plan.slug) {}
    };
    layout::render(
        &c.site,
        &Page {
            path: &path,
            title: &title,
            description: &title,
            nav: Nav::Calculator,
            wide: false,
            head,
        },
        body,
    )
}
