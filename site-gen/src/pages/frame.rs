//! A local meeting-quality frame's page: whose frame it is and how we saw
//! it (so no reader takes it for a national rule), what it leaves open,
//! then the blank scoring sheet, which is what prints on A4.

use super::layout::{self, Page};
use crate::routes;
use bontot_core::frame::{Frame, Points};
use bontot_core::model::Site;
use bontot_core::rules::Rating;
use maud::{Markup, html};

/// "từ 70 đến dưới 90 điểm".
pub fn band_text(f: &Frame, rating: Rating) -> String {
    match f.band_range(rating) {
        Some((Points(0), Some(upper))) => format!("dưới {upper} điểm"),
        Some((from, Some(upper))) => format!("từ {from} đến dưới {upper} điểm"),
        Some((from, None)) => format!("từ {from} điểm trở lên"),
        None => String::new(),
    }
}

/// "Kế hoạch số 08-KH/ĐU ngày 19/9/2025 của Đảng ủy phường An Phú".
pub fn source_text(f: &Frame) -> String {
    let s = &f.source;
    let mut t = s.kind.clone();
    if let Some(n) = &s.number {
        t.push_str(&format!(" số {n}"));
    }
    if let Some(d) = &s.date {
        t.push_str(&format!(" ngày {}/{}/{}", d.day, d.month, d.year));
    }
    t.push_str(&format!(" của {}", s.issuer));
    t
}

/// The dotted blank a hand fills in.
fn blank() -> Markup {
    html! { span.blank { "……………" } }
}

fn sheet(f: &Frame) -> Markup {
    html! {
        section.frame-sheet aria-labelledby="phieu" {
            p.sheet-line { "Chi bộ: " span.blank.wide { "…………………………………………" } }
            h2 #phieu { (f.title) }
            p.sheet-line.center { "Tháng " (blank()) " năm " (blank()) }
            p.sheet-source { "Khung của địa phương: " (source_text(f)) ". Khung do cấp ủy của chi bộ ban hành được áp dụng trước khung này." }
            table.frame-table {
                caption.visually-hidden { "Các mục chấm điểm, điểm tối đa và ô ghi điểm" }
                thead { tr { th scope="col" { "TT" } th scope="col" { "Nội dung đánh giá" } th scope="col" { "Điểm tối đa" } th scope="col" { "Điểm chấm" } } }
                @for (g, group) in f.groups.iter().enumerate() {
                    tbody {
                        tr.group-row {
                            th scope="row" { (g + 1) }
                            th scope="row" {
                                (group.name)
                                @if let Some(n) = &group.note { span.item-note { " " (n) } }
                            }
                            td.num { (group.max) }
                            td.num { (blank()) }
                        }
                        @for (i, item) in group.items.iter().enumerate() {
                            tr {
                                td { (g + 1) "." (i + 1) }
                                td {
                                    (item.text)
                                    @if let Some(n) = &item.note { br; span.item-note { (n) } }
                                    @if !item.choices.is_empty() {
                                        ul.choices {
                                            @for c in &item.choices { li { "☐ " (c.text) ": " strong { (c.points) } } }
                                        }
                                    }
                                }
                                td.num { (item.max) }
                                td.num { (blank()) }
                            }
                        }
                    }
                }
                // Not a <tfoot>: print repeats that at the foot of every page.
                tbody { tr.total-row { th scope="row" colspan="2" { "Tổng cộng" } td.num { (f.total) } td.num { (blank()) } } }
            }
            h3 #xep-loai { "Xếp loại" }
            ul.bands {
                @for b in &f.bands {
                    li { "☐ " strong { (b.rating.name()) } ": " (band_text(f, b.rating)) }
                }
            }
            div.sheet-sign {
                p.sheet-date { "……………, ngày " (blank()) " tháng " (blank()) " năm " (blank()) }
                p { strong { "NGƯỜI CHẤM" } br; em { "(Ký, ghi rõ họ tên)" } }
            }
        }
    }
}

pub fn render(site: &Site, f: &Frame) -> String {
    let s = &f.source;
    let body = html! {
        p.note.no-print { a.back href="../index.html#khung" { "← Khung chấm điểm sinh hoạt chi bộ" } }
        p.note.no-print { "Khung chấm điểm của địa phương · không phải quy định chung" }
        h1.no-print { (f.title) " · " (s.issuer) }
        section.card.editorial.no-print aria-labelledby="ve-khung" {
            span.editorial-label { "Phần của Bốn Tốt: khung của một địa phương, đưa làm ví dụ" }
            h2 #ve-khung { "Khung này của ai" }
            p { (f.scope) }
            p.precedence { strong { "Khung của địa phương bạn được áp dụng trước. " } "Mỗi cấp ủy ban hành tiêu chí đánh giá sinh hoạt chi bộ của mình; không có khung chung cho cả nước. Nếu cấp ủy của chi bộ bạn có khung riêng, hãy chấm theo khung đó." }
            h3 #nguon-khung { "Nguồn" }
            p {
                (source_text(f)) ". "
                (s.seen) " Bốn Tốt đọc ngày " time datetime=(s.read) { (s.read.vietnamese()) } "."
                @if let Some(url) = &s.url { " " a href=(url) rel="noopener" { "Xem nguồn" } }
            }
            @if !f.gaps.is_empty() {
                h3 #chua-ro { "Điều khung không nói rõ" }
                ul { @for g in &f.gaps { li { (g) } } }
            }
            p { "In trang này để có phiếu chấm trống trên giấy A4." }
        }
        (sheet(f))
    };
    let path = routes::frame(&f.id);
    let title = format!("{} · {}", f.title, s.issuer);
    let description = format!(
        "Khung chấm điểm sinh hoạt chi bộ của {} ({}), phiếu chấm để in",
        s.issuer,
        source_text(f)
    );
    layout::render(
        site,
        &Page {
            path: &path,
            title: &title,
            description: &description,
            nav: None,
            wide: false,
            head: None,
        },
        body,
    )
}
