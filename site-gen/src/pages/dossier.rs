//! A plan's dossier page (`ho-so/<slug>.html`): the documents the plan's
//! own text lists, each citing the sentence that names it, then each
//! document in the party's format, blank where only the chi bộ can write,
//! one to an A4 page in print. It needs no script; the desk fills the same
//! documents from the answers.

use super::layout::{self, Page};
use crate::model::{Content, Plan};
use crate::routes;
use bontot_core::dossier::{Document, Facts, fill, render_html};
use maud::{PreEscaped, html};

/// The plan's documents, filled with what is known before anyone answers.
pub fn documents(c: &Content, plan: &Plan) -> Vec<Document> {
    let Some(d) = plan.dossier.as_ref() else {
        return Vec::new();
    };
    let criteria = plan
        .rules
        .as_ref()
        .map_or(&[][..], |r| r.criteria.as_slice());
    let facts = Facts::blank(&plan.fm, criteria, d.to.as_ref().map(|t| t.text.as_str()));
    d.documents
        .iter()
        .filter_map(|e| {
            let t = c.templates.iter().find(|t| t.id == e.template)?;
            Some(fill(t, &e.name, &facts))
        })
        .collect()
}

pub fn render(c: &Content, plan: &Plan) -> Option<String> {
    let d = plan.dossier.as_ref()?;
    let fm = &plan.fm;
    let plan_href = format!("../{}", routes::plan(&plan.slug));
    let docs: Vec<String> = documents(c, plan)
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let id = format!("giay-to-{}", i + 1);
            let link = format!(
                "<p class=\"no-print doc-download\"><a href=\"{}\" download>Tải “{}” để sửa (.docx, mở bằng Word hoặc LibreOffice)</a></p>",
                docx_name(&plan.slug, i),
                crate::html::escape(&doc.name)
            );
            format!("{link}{}", render_html(doc, &id))
        })
        .collect();
    let body = html! {
        div.no-print {
            p.note { a.back href=(plan_href) { "← " (fm.title) } }
            h1 { "Hồ sơ theo kế hoạch" }
            p.lead { (bontot_core::dossier::plan_reference(fm)) }
            section.card.editorial aria-labelledby="giay-to" {
                span.editorial-label { "Phần của Bốn Tốt: mẫu để in, không phải văn bản của cấp ủy" }
                h2 #giay-to { "Kế hoạch kê những giấy tờ nào" }
                @if let Some(none) = &d.none {
                    p { (none) }
                } @else {
                    ol {
                        @for e in &d.documents {
                            li { (e.name) " " a href={ (plan_href) "#" (e.cite.anchor) } { "(xem trong kế hoạch)" } }
                        }
                    }
                    @if let Some(to) = &d.to {
                        p { "Gửi: " (to.text) ". " a href={ (plan_href) "#" (to.cite.anchor) } { "(xem trong kế hoạch)" } }
                    } @else {
                        p { "Kế hoạch không nói hồ sơ gửi ai: phần “Kính gửi” để trống." }
                    }
                    p {
                        "Dưới đây là từng giấy tờ theo thể thức văn bản của Đảng, đã điền những gì kế hoạch cho biết. "
                        "Chỗ “……” là để chi bộ tự viết: tên chi bộ, ngày, số liệu, kết quả và thành tích. "
                        "Bốn Tốt không tự viết thành tích nào. In trang này: mỗi giấy tờ một trang A4."
                    }
                }
            }
        }
        @for doc in &docs { (PreEscaped(doc)) }
    };
    let path = routes::dossier(&plan.slug);
    let title = format!("Hồ sơ · {}", fm.title);
    let description = format!(
        "Các giấy tờ của hồ sơ theo {}, để in",
        bontot_core::dossier::plan_reference(fm)
    );
    Some(layout::render(
        &c.site,
        &Page {
            path: &path,
            title: &title,
            description: &description,
            nav: None,
            wide: false,
            head: None,
        },
        body,
    ))
}

/// The blank document's editable file, beside the page:
/// "son-la-1.docx", relative to `ho-so/`.
pub fn docx_name(slug: &str, i: usize) -> String {
    format!("{slug}-{}.docx", i + 1)
}
