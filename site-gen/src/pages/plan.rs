//! A plan's page: metadata card, our summary, table of contents, full text.

use super::layout::{self, Nav, Page, raw};
use super::{deadline_when, units_label};
use crate::content::Plan;
use crate::markdown::Rendered;
use bontot_core::model::Cite;
use bontot_core::model::Site;
use maud::{Markup, html};

pub fn path(slug: &str) -> String {
    format!("ke-hoach/{slug}.html")
}

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
                dt { "Số" } dd { (fm.number.as_deref().unwrap_or("Văn bản không ghi số")) }
                dt { "Ngày ban hành" } dd { (fm.date.map(|d| d.vietnamese()).unwrap_or_else(|| "Văn bản không ghi ngày".into())) }
                @if let Some(place) = &fm.place { dt { "Nơi ban hành" } dd { (place) } }
                dt { "Cơ quan ban hành" } dd { (fm.issuer) }
                dt { "Cấp" } dd { (fm.level) }
                dt { "Phong trào, mô hình" } dd { (fm.movement) }
                @if let Some(p) = &fm.period { dt { "Giai đoạn" } dd { (p) } }
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
            @if !fm.bases.is_empty() {
                h3 { "Căn cứ" }
                ul {
                    @for b in &fm.bases {
                        li {
                            (b.relation) " "
                            @if let Some(k) = &b.kind { (k) " " }
                            @if let Some(n) = &b.number { "số " (n) }
                            @if let Some(d) = b.date { " ngày " (d.vietnamese()) }
                            @if let Some(i) = &b.issuer { " của " (i) }
                            @if let Some(s) = &b.subject { " " (s) }
                        }
                    }
                }
            }
            @if !fm.deadlines.is_empty() {
                h3 { "Thời hạn" }
                ul {
                    @for d in &fm.deadlines {
                        li {
                            strong { (deadline_when(d)) } ": " (d.what) " (" (d.who)
                            @if let Some(to) = &d.to { ", gửi " (to) }
                            "). " a href=(cite_href(&d.cite)) { "Xem trong văn bản" }
                        }
                    }
                }
            }
            @if !fm.dossier.is_empty() {
                h3 { "Hồ sơ" }
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
        p.note { a.back href="../index.html#ke-hoach" { "← Các kế hoạch" } }
        p.note { (fm.locality) }
        h1 { (fm.title) }
        (card)
        @if let Some(summary) = &fm.summary {
            section.card.editorial aria-labelledby="tom-tat" {
                span.editorial-label { "Tóm tắt của Bốn Tốt, không phải văn bản gốc" }
                h2 #tom-tat { "Tóm tắt" }
                p { (summary) }
            }
        }
        @if plan.rules.is_some() {
            p.no-print { a.button href={ "../tu-danh-gia/" (plan.slug) ".html" } { "Tự đánh giá theo kế hoạch này" } }
        }
        (toc(body))
        article.document aria-label="Toàn văn kế hoạch" {
            (raw(&body.html))
        }
    };
    let path = path(&plan.slug);
    let description = format!("{}: {}", fm.locality, fm.title);
    layout::render(
        site,
        &Page {
            path: &path,
            title: &fm.locality,
            description: &description,
            nav: Nav::None,
            wide: false,
            head: None,
        },
        body,
    )
}

fn toc(body: &Rendered) -> Markup {
    html! {
        nav.toc aria-labelledby="muc-luc" {
            details open {
                summary #muc-luc { "Mục lục" }
                ol {
                    @for e in &body.toc {
                        li class={ "l" (e.level) } { a href={ "#" (e.id) } { (e.text) } }
                    }
                }
            }
        }
    }
}
