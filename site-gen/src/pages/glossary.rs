//! The glossary of abbreviations.

use super::layout::{self, Nav, Page};
use crate::content::Content;
use bontot_core::text::slugify;
use maud::html;

pub fn render(c: &Content) -> String {
    let mut terms: Vec<_> = c.glossary.terms.iter().collect();
    terms.sort_by_key(|t| (slugify(&t.abbr), t.abbr.clone()));
    let body = html! {
        h1 { "Thuật ngữ và chữ viết tắt" }
        p.card.editorial {
            span.editorial-label { "Phần giải thích của Bốn Tốt" } br;
            "Các chữ viết tắt dùng trong các kế hoạch và trong máy tính tự đánh giá. "
            "Trong toàn văn kế hoạch, lần đầu một chữ viết tắt xuất hiện được gạch chấm; chạm hoặc di chuột vào để xem nghĩa."
        }
        dl.glossary {
            @for t in terms {
                dt id={ "tu-" (slugify(&t.abbr)) } { abbr title=(t.expansion) { (t.abbr) } }
                dd {
                    (t.expansion)
                    @if let Some(n) = &t.note { br; span.note { "Ghi chú: " (n) } }
                }
            }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: "thuat-ngu.html",
            title: "Thuật ngữ",
            description: "Chữ viết tắt trong các kế hoạch chi bộ bốn tốt và nghĩa của chúng.",
            nav: Nav::Glossary,
            wide: false,
            head: None,
        },
        body,
    )
}
