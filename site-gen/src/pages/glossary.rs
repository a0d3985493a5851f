//! The glossary of abbreviations.

use super::layout::{self, Page};
use crate::model::Content;
use crate::routes::Route;
use bontot_core::model::Term;
use bontot_core::search::index::Section;
use bontot_core::text::slugify;
use maud::html;

pub const TITLE: &str = "Thuật ngữ và chữ viết tắt";

/// The terms in page order.
fn sorted(c: &Content) -> Vec<&Term> {
    let mut terms: Vec<_> = c.glossary.terms.iter().collect();
    terms.sort_by_key(|t| (slugify(&t.abbr), t.abbr.clone()));
    terms
}

fn id(t: &Term) -> String {
    format!("tu-{}", slugify(&t.abbr))
}

/// Each term as a search section.
pub fn search_sections(c: &Content) -> Vec<Section> {
    sorted(c)
        .into_iter()
        .map(|t| Section {
            anchor: id(t),
            heading: t.abbr.clone(),
            own_heading: true,
            text: match &t.note {
                Some(n) => format!("{}. Ghi chú: {n}", t.expansion),
                None => t.expansion.clone(),
            },
        })
        .collect()
}

pub fn render(c: &Content) -> String {
    let terms = sorted(c);
    let body = html! {
        h1 { (TITLE) }
        p.card.editorial {
            span.editorial-label { "Phần giải thích của Bốn Tốt" } br;
            "Các chữ viết tắt dùng trong các kế hoạch và trong máy tính tự đánh giá. "
            "Trong toàn văn kế hoạch, lần đầu một chữ viết tắt xuất hiện được gạch chấm; chạm hoặc di chuột vào để xem nghĩa."
        }
        dl.glossary {
            @for t in terms {
                dt id=(id(t)) { abbr title=(t.expansion) { (t.abbr) } }
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
            path: Route::Glossary.path(),
            title: "Thuật ngữ",
            description: "Chữ viết tắt trong các kế hoạch chi bộ bốn tốt và nghĩa của chúng.",
            nav: Some(Route::Glossary),
            wide: false,
            head: None,
        },
        body,
    )
}
