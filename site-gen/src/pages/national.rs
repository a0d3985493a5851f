//! A national regime's page: what it is (ours), where each passage was
//! read, its classification as a paper table (each condition linked to its
//! passage), what it leaves open, then the excerpt itself.

use super::layout::{self, Page, raw};
use super::plan::{cite_href, toc};
use crate::national::National;
use crate::routes;
use bontot_core::model::Site;
use bontot_core::national::{Band, Regime, Subject};
use bontot_core::number::format_vi;
use maud::{Markup, html};

/// "từ 70 đến dưới 90 điểm".
pub fn band_text(b: &Band) -> String {
    match (&b.from, &b.below) {
        (Some(f), Some(t)) => format!("từ {} đến dưới {} điểm", format_vi(f), format_vi(t)),
        (Some(f), None) => format!("từ {} điểm trở lên", format_vi(f)),
        (None, Some(t)) => format!("dưới {} điểm", format_vi(t)),
        (None, None) => "mọi mức điểm".into(),
    }
}

fn subject_table(r: &Regime, s: &Subject, id: usize) -> Markup {
    html! {
        h3 #{ "xep-loai-" (s.id.to_lowercase()) } {
            (s.name)
            @if let Some(form) = &s.form { " (" (form) ")" }
        }
        ul.levels {
            @for l in &s.levels {
                li {
                    strong { (l.class.name()) " (" (l.class.code()) ")" }
                    ": "
                    @if let Some(b) = &l.band { (band_text(b)) }
                    @if !l.all.is_empty() { ", và đủ tất cả:" }
                    @if !l.any.is_empty() { ", hoặc thuộc một trong các trường hợp:" }
                    " " a href=(cite_href(&l.cite)) { "(căn cứ)" }
                    @let items = if l.all.is_empty() { &l.any } else { &l.all };
                    @if !items.is_empty() {
                        ul {
                            @for &c in items {
                                li { (r.conditions[c].question) " " a href=(cite_href(&r.conditions[c].cite)) { "(đoạn trích)" } }
                            }
                        }
                    }
                }
            }
        }
        @let cases: Vec<_> = r.competent_for(id).collect();
        @if !cases.is_empty() {
            p { strong { "Do cấp có thẩm quyền xem xét:" } }
            ul {
                @for (_, c) in cases {
                    li { (c.question) " → " (c.says) " " a href=(cite_href(&c.cite)) { "Xem đoạn trích" } }
                }
            }
        }
    }
}

pub fn render(site: &Site, n: &National) -> String {
    let r = &n.regime;
    let f = &n.front;
    let body = html! {
        p.note.no-print { a.back href="../index.html#van-ban" { "← Văn bản trung ương" } }
        p.note { "Văn bản trung ương · áp dụng " (r.years()) }
        h1 { (f.title) }
        section.card.editorial aria-labelledby="ve-trang-nay" {
            span.editorial-label { "Phần của Bốn Tốt: trang trích, không phải toàn văn" }
            h2 #ve-trang-nay { "Về trang này" }
            p { (f.summary) }
            p {
                "Bốn Tốt chỉ trích các đoạn được máy tính và lệnh xếp loại dùng, theo các nguồn công khai dưới đây; đây không phải toàn văn. Khi cần căn cứ chính thức, hãy đối chiếu văn bản do cấp ủy phát hành."
            }
            h3 #nguon { "Nguồn" }
            ul {
                @for s in &f.sources {
                    li {
                        @match &s.url {
                            Some(url) => a href=(url) rel="noopener" { (s.name) },
                            None => (s.name),
                        }
                        ": " (s.what) " Bốn Tốt đọc ngày "
                        time datetime=(s.read) { (s.read.vietnamese()) } "."
                    }
                }
            }
        }
        section.card.editorial aria-labelledby="xep-loai" {
            span.editorial-label { "Bảng của Bốn Tốt, lập từ các đoạn trích" }
            h2 #xep-loai { "Các mức xếp loại theo " (r.short) }
            @for (i, s) in r.subjects.iter().enumerate() { (subject_table(r, s, i)) }
            @if let Some(cap) = &r.cap {
                h3 #gioi-han { "Giới hạn mức “Hoàn thành xuất sắc nhiệm vụ”" }
                p {
                    "Không quá " (cap.percent) "% số được xếp loại “Hoàn thành tốt nhiệm vụ” trong nhóm tương đồng"
                    @if let Some((p, c)) = &cap.raised {
                        "; đến " (p) "% " a href=(cite_href(c)) { "trong trường hợp được cho phép" }
                    }
                    ". " a href=(cite_href(&cap.cite)) { "Xem đoạn trích" }
                }
                p.note {
                    "Đoạn trích không nói số “Hoàn thành tốt nhiệm vụ” có tính cả những người được xếp loại xuất sắc hay không; Bốn Tốt tính theo cả hai cách và nói khi hai cách cho kết quả khác nhau. Việc quyết định thuộc cấp có thẩm quyền: Bốn Tốt chỉ cảnh báo, không tự hạ mức của ai."
                }
            }
            @if !r.gaps.is_empty() {
                h3 #chua-ro { "Điều các đoạn trích không nói rõ" }
                ul { @for g in &r.gaps { li { (g) } } }
            }
        }
        (toc(&n.toc, "Các đoạn trích"))
        article.document aria-label={ "Trích " (r.short) } { (raw(&n.html)) }
    };
    let path = routes::national(&n.id);
    let description = format!("Trích {}: các mức xếp loại chất lượng", r.short);
    layout::render(
        site,
        &Page {
            path: &path,
            title: &r.short,
            description: &description,
            nav: None,
            wide: false,
            head: None,
        },
        body,
    )
}
