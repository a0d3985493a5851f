//! A plan's page: metadata card, our dated notes, our summary, table of
//! contents, full text.

use super::layout::{self, Page, raw};
use super::units_label;
use crate::deadline;
use crate::markdown::{Rendered, TocEntry};
use crate::model::Plan;
use crate::routes;
use bontot_core::model::{Basis, Cite, Note, Site, TextKind};
use maud::{Markup, html};

/// `#block` link for a citation (resolved to its paragraph at load time).
pub fn cite_href(cite: &Cite) -> String {
    format!("#{}", cite.anchor)
}

pub fn render(site: &Site, plan: &Plan, body: &Rendered) -> String {
    let fm = &plan.fm;
    let card = html! {
        section.card aria-labelledby="thong-tin" {
            h2 #thong-tin { "Thông tin văn bản" }
            dl.meta {
                // "Bản được công bố không ghi …" only where the front matter says
                // the document bears none; unknown, the row is left out.
                @match (&fm.number, fm.unnumbered) {
                    (Some(n), _) => { dt { "Số" } dd { (n) } }
                    (None, true) => { dt { "Số" } dd { "Bản được công bố không ghi số" } }
                    (None, false) => {}
                }
                @match (fm.date, fm.undated) {
                    (Some(d), _) => { dt { "Ngày ban hành" } dd { (d.vietnamese()) } }
                    (None, true) => { dt { "Ngày ban hành" } dd { "Bản được công bố không ghi ngày" } }
                    (None, false) => {}
                }
                @if let Some(place) = &fm.place { dt { "Nơi ban hành" } dd { (place) } }
                dt { "Cơ quan ban hành" } dd { (fm.issuer) }
                dt { "Cấp" } dd { (fm.level) }
                dt { "Phong trào, mô hình" } dd { (fm.movement) }
                @if let Some(p) = &fm.period { dt { "Thời gian thực hiện" } dd { strong { (p) } } }
                dt { "Áp dụng cho" } dd { (units_label(&fm.units)) }
                @if let Some(s) = &fm.signer {
                    dt { "Người ký" }
                    dd {
                        (s.name)
                        @if let Some(role) = &s.role { ", " (role) }
                        @if let Some(o) = &s.on_behalf_of { " (" (o) ")" }
                    }
                }
            }
            @if fm.kind.is_some() || fm.source_url.is_some() {
                p.note.editorial.text-source {
                    "Bốn Tốt ghi: "
                    @if let Some(k) = fm.kind { (k.label()) @if fm.source_url.is_some() { ", " } }
                    @if let Some(url) = &fm.source_url {
                        "nguồn: " a href=(url) rel="noopener" { (url) }
                    }
                    "."
                }
            }
            @if !fm.bases.is_empty() {
                h3 { "Căn cứ" }
                ul {
                    @for b in &fm.bases {
                        li { (basis_html(b)) }
                    }
                }
            }
            @if !fm.deadlines.is_empty() {
                h3 { "Thời hạn" }
                ul {
                    @for d in &fm.deadlines {
                        li {
                            strong { (deadline::when(d)) } ": " (d.what) " (" (d.who)
                            @if let Some(to) = &d.to { ", gửi " (to) }
                            "). " a href=(cite_href(&d.cite)) { "Xem trong văn bản" }
                        }
                    }
                }
            }
            @if !fm.targets.is_empty() {
                h3 #chi-tieu { "Chỉ tiêu hằng năm" }
                p.note { "Kế hoạch đặt các chỉ tiêu này; chúng không phải tiêu chí hay điều kiện để đạt danh hiệu." }
                ul {
                    @for t in &fm.targets {
                        li {
                            (t.text)
                            @if let Some(w) = &t.who { " (" (w) ")" }
                            ". " a href=(cite_href(&t.cite)) { "Xem trong văn bản" }
                        }
                    }
                }
            }
            @if !fm.dossier.is_empty() || plan.dossier.is_some() {
                h3 { "Hồ sơ" }
                @if plan.dossier.as_ref().is_some_and(|d| !d.documents.is_empty()) {
                    p.no-print { a.button href={ "../" (routes::dossier(&plan.slug)) } { "Mẫu các giấy tờ của hồ sơ, để in" } }
                }
                @if let Some(none) = plan.dossier.as_ref().and_then(|d| d.none.as_ref()) {
                    p.note { (none) }
                }
                @for d in &fm.dossier {
                    p {
                        strong { (d.purpose) }
                        @if let Some(w) = &d.who { " (" (w) ")" }
                        @if let Some(to) = &d.to { ", gửi " (to) }
                        @if let Some(n) = &d.copies { ", " (n) }
                        ". " a href=(cite_href(&d.cite)) { "Xem trong văn bản" }
                    }
                    @if d.items.is_empty() {
                        p.note { "Kế hoạch không liệt kê thành phần hồ sơ này." }
                    } @else {
                        ul { @for item in &d.items { li { (item) } } }
                    }
                }
            }
        }
    };
    let body = html! {
        p.note.no-print { a.back href="../index.html#ke-hoach" { "← Các kế hoạch" } }
        p.note { (fm.locality) }
        h1 { (fm.title) }
        (card)
        (notes(&fm.notes))
        @if let Some(summary) = &fm.summary {
            section.card.editorial aria-labelledby="tom-tat" {
                span.editorial-label { "Tóm tắt của Bốn Tốt, không phải văn bản gốc" }
                h2 #tom-tat { "Tóm tắt" }
                p { (summary) }
            }
        }
        @if plan.rules.is_some() {
            p.no-print { a.button href={ "../" (routes::calculator(&plan.slug)) } { "Tự đánh giá theo kế hoạch này" } }
        }
        (toc(&body.toc, "Mục lục"))
        article.document aria-label=(match fm.kind {
            Some(TextKind::Trich) => "Trích kế hoạch",
            Some(TextKind::TinBai) => "Bài báo đưa tin về kế hoạch",
            _ => "Toàn văn kế hoạch",
        }) {
            (raw(&body.html))
        }
    };
    let path = routes::plan(&plan.slug);
    let description = format!("{}: {}", fm.locality, fm.title);
    layout::render(
        site,
        &Page {
            path: &path,
            title: &fm.locality,
            description: &description,
            nav: None,
            wide: false,
            head: None,
        },
        body,
    )
}

/// Our dated notes about the plan: marked as ours, apart from its text,
/// each with its source named (and linked when it can be read online).
fn notes(notes: &[Note]) -> Markup {
    html! {
        @if !notes.is_empty() {
            section.card.editorial.plan-notes aria-labelledby="ghi-chu" {
                span.editorial-label { "Ghi chú của Bốn Tốt, không thuộc văn bản" }
                h2 #ghi-chu { "Ghi chú" }
                @for n in notes {
                    p {
                        (n.text)
                        br;
                        small {
                            "Nguồn: "
                            @match &n.url {
                                Some(url) => a href=(url) rel="noopener" { (n.source) },
                                None => (n.source),
                            }
                            ". Bốn Tốt ghi ngày "
                            time datetime=(n.date) { (n.date.vietnamese()) }
                            "."
                        }
                    }
                }
            }
        }
    }
}

/// The table of contents of `entries`, under `label`.
pub fn toc(entries: &[TocEntry], label: &str) -> Markup {
    html! {
        nav.toc aria-labelledby="muc-luc" {
            details open {
                summary #muc-luc { (label) }
                ol {
                    @for e in entries {
                        li class={ "l" (e.level) } {
                            a href={ "#" (e.id) } {
                                // The document's own number, once (the list
                                // shows no numbers of its own), in a column
                                // of its own so that wrapped lines align.
                                @if let Some(n) = &e.number { span.toc-no { (n) } " " }
                                span.toc-text { (e.text) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A basis as one line: "Thực hiện Kế hoạch số 81-KH/TU ngày 15/11/2022
/// của Ban Thường vụ Thành ủy về …", the document's kind kept, parts
/// joined by single spaces whichever are missing.
pub fn basis_text(b: &Basis) -> String {
    let (head, number, tail) = basis_parts(b);
    [head, number.unwrap_or_default(), tail]
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`basis_text`] as HTML: "số 21-NQ/TW" is kept on one line (a phone
/// would break it at the hyphen).
fn basis_html(b: &Basis) -> Markup {
    let (head, number, tail) = basis_parts(b);
    html! {
        (head)
        @if let Some(n) = number { " " span.nowrap { (n) } }
        @if !tail.is_empty() { " " (tail) }
    }
}

/// What comes before the number ("Thực hiện Kế hoạch"), "số …", and what
/// comes after, each with single spaces.
fn basis_parts(b: &Basis) -> (String, Option<String>, String) {
    let words = |parts: &[String]| {
        parts
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut head = vec![b.relation.clone()];
    match (&b.kind, &b.number) {
        (Some(k), _) => head.push(k.clone()),
        // The build requires a kind with a number; never "Thực hiện số …".
        (None, Some(_)) => head.push("văn bản".into()),
        (None, None) => {}
    }
    let number = b.number.as_ref().map(|n| words(&[format!("số {n}")]));
    let mut tail = Vec::new();
    if let Some(d) = b.date {
        tail.push(format!("ngày {}", d.vietnamese()));
    }
    if let Some(i) = &b.issuer {
        tail.push(format!("của {i}"));
    }
    if let Some(s) = &b.subject {
        tail.push(s.clone());
    }
    (words(&head), number, words(&tail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bontot_core::date::Date;

    fn basis(kind: Option<&str>, number: Option<&str>, subject: Option<&str>) -> Basis {
        Basis {
            relation: "Thực hiện".into(),
            kind: kind.map(Into::into),
            number: number.map(Into::into),
            date: number.map(|_| Date {
                year: 2022,
                month: 11,
                day: 15,
            }),
            issuer: number.map(|_| "Ban Thường vụ Thành ủy".into()),
            subject: subject.map(Into::into),
        }
    }

    #[test]
    fn basis_keeps_its_kind() {
        assert_eq!(
            basis_text(&basis(
                Some("Kế hoạch"),
                Some("81-KH/TU"),
                Some("về thi đua")
            )),
            "Thực hiện Kế hoạch số 81-KH/TU ngày 15/11/2022 của Ban Thường vụ Thành ủy về thi đua"
        );
    }

    #[test]
    fn basis_number_stays_on_one_line() {
        let b = basis(Some("Nghị quyết"), Some("21-NQ/TW"), Some("về x"));
        let html = basis_html(&b).into_string();
        assert!(
            html.contains("<span class=\"nowrap\">số 21-NQ/TW</span>"),
            "{html}"
        );
        assert_eq!(
            html.replace("<span class=\"nowrap\">", "")
                .replace("</span>", ""),
            basis_text(&b)
        );
    }

    #[test]
    fn basis_without_number_or_kind_has_single_spaces() {
        let t = basis_text(&basis(None, None, Some("Nghị quyết Đại hội  lần thứ XIV ")));
        assert_eq!(t, "Thực hiện Nghị quyết Đại hội lần thứ XIV");
        let t = basis_text(&basis(None, Some("81-KH/TU"), None));
        assert!(t.starts_with("Thực hiện văn bản số 81-KH/TU"), "{t}");
        assert!(!t.contains("  "));
    }
}
