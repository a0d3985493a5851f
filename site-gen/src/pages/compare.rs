//! The comparison page: the four criteria as rows, the plans as columns,
//! each cell the plan's own requirements with links to the paragraphs that
//! state them. Plans of another movement are shown apart, with how their
//! targets relate to the four criteria (our mapping, marked as ours).

use super::layout::{self, Page};
use crate::model::{Content, Plan};
use crate::routes::{self, Route};
use bontot_core::model::{Cite, Unit};
use bontot_core::rules::{Indicator, Movement, RuleSet, VerdictKind};
use bontot_core::search::index::Section;
use maud::{Markup, html};

fn href(plan: &Plan, cite: &Cite) -> String {
    format!("{}#{}", routes::plan(&plan.slug), cite.anchor)
}

fn units_note(units: &[Unit]) -> String {
    if units.len() == 1 {
        format!(" (chỉ áp dụng cho {})", units[0].label().to_lowercase())
    } else {
        String::new()
    }
}

fn item(plan: &Plan, ind: &Indicator, group: Option<&str>) -> Markup {
    html! {
        li {
            @if let Some(g) = group { span.note { (g) ": " } }
            (ind.label)
            @if let Some(w) = &ind.test.words { " — kế hoạch ghi “" (w) "”" }
            (units_note(&ind.units)) " "
            a href=(href(plan, &ind.cite)) aria-label={ "Xem trong kế hoạch " (plan.fm.locality) } { "§" }
        }
    }
}

/// The closest of the four criteria an indicator of another movement
/// relates to: its own `maps_to`, else its criterion's.
fn mapped<'a>(rules: &'a RuleSet, ind: &'a Indicator) -> Option<&'a str> {
    ind.maps_to.as_deref().or_else(|| {
        ind.criterion
            .as_deref()
            .and_then(|c| rules.criterion(c))
            .and_then(|c| c.maps_to.as_deref())
    })
}

/// The id of a criterion's row in the main table.
pub fn row_id(criterion: &str) -> String {
    format!("tieu-chi-{criterion}")
}

const GATES_ID: &str = "dieu-kien-chung";
pub const TITLE: &str = "So sánh tiêu chí giữa các kế hoạch";

/// The plans in the main table and those of another movement.
fn split(c: &Content) -> (Vec<&Plan>, Vec<(&Plan, &RuleSet)>) {
    let four = c
        .plans
        .iter()
        .filter(|p| {
            p.rules
                .as_ref()
                .is_some_and(|r| r.movement == Movement::BonTot)
        })
        .collect();
    let other = c
        .plans
        .iter()
        .filter_map(|p| {
            p.rules
                .as_ref()
                .filter(|r| r.movement == Movement::Other)
                .map(|r| (p, &**r))
        })
        .collect();
    (four, other)
}

/// An indicator as its list item reads.
fn item_text(plan: &Plan, ind: &Indicator) -> String {
    let mut s = format!("{}: {}", plan.fm.locality, ind.label);
    if let Some(w) = &ind.test.words {
        s.push_str(&format!(" — kế hoạch ghi “{w}”"));
    }
    s.push_str(&units_note(&ind.units));
    s
}

/// The page's rows as search sections: each criterion, the general
/// conditions, and each plan of another movement.
pub fn search_sections(c: &Content) -> Vec<Section> {
    let (four, other) = split(c);
    let row = |anchor: String, heading: &str, items: Vec<String>| Section {
        anchor,
        heading: heading.to_string(),
        own_heading: true,
        text: items.join("; "),
    };
    let mut out = Vec::new();
    for cr in &c.site.criteria {
        let mut items = Vec::new();
        for p in &four {
            if let Some(r) = &p.rules {
                if let Some(own) = r.criterion(&cr.id) {
                    items.push(format!("{}: kế hoạch gọi “{}”", p.fm.locality, own.name));
                }
                items.extend(
                    r.indicators
                        .iter()
                        .filter(|i| i.criterion.as_deref() == Some(cr.id.as_str()))
                        .map(|i| item_text(p, i)),
                );
            }
        }
        out.push(row(row_id(&cr.id), &cr.name, items));
    }
    let gates = four
        .iter()
        .flat_map(|p| {
            p.rules
                .iter()
                .flat_map(|r| r.indicators.iter().filter(|i| i.gate))
                .map(|i| item_text(p, i))
        })
        .collect();
    out.push(row(GATES_ID.to_string(), "Điều kiện chung", gates));
    for (p, r) in other {
        let items = r.indicators.iter().map(|i| item_text(p, i)).collect();
        let heading = format!("{}: một phong trào khác", p.fm.locality);
        out.push(row(format!("khac-{}", p.slug), &heading, items));
    }
    out
}

pub fn render(c: &Content) -> String {
    let (four, other) = split(c);
    let body = html! {
        h1 { (TITLE) }
        p.card.editorial {
            span.editorial-label { "Bảng do Bốn Tốt lập" } br;
            "Mỗi ô liệt kê yêu cầu cụ thể của kế hoạch cho tiêu chí đó, theo bộ quy tắc của máy tính tự đánh giá, kèm đúng lời văn của kế hoạch; dấu § dẫn tới đoạn văn bản gốc. "
            "Trên điện thoại, mỗi tiêu chí hiện thành một khối, các kế hoạch xếp dọc."
        }
        @let without: Vec<&Plan> = c.plans.iter().filter(|p| p.rules.is_none()).collect();
        @if !without.is_empty() {
            p.note {
                (without.len()) " kế hoạch chưa có bộ quy tắc nên chưa có trong bảng"
                @if without.len() <= super::layout::LIST_CAP {
                    ": "
                    @for (i, p) in without.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(routes::plan(&p.slug)) { (p.fm.locality) }
                    }
                }
                "."
            }
        }
        div.table-wrap {
            table.compare {
                caption.visually-hidden { "Yêu cầu của từng kế hoạch theo bốn tiêu chí" }
                thead {
                    tr {
                        th scope="col" { "Tiêu chí" }
                        @for p in &four {
                            th scope="col" { a href=(routes::plan(&p.slug)) { (p.fm.locality) } br; span.note { (p.fm.number.as_deref().unwrap_or("không số")) } }
                        }
                    }
                }
                tbody {
                    @for cr in &c.site.criteria {
                        tr id=(row_id(&cr.id)) {
                            th scope="row" { (cr.name) }
                            @for p in &four {
                                td data-label=(p.fm.locality) {
                                    @match &p.rules {
                                        None => span.note { "Chưa có bộ quy tắc." },
                                        Some(r) => {
                                            @let inds: Vec<&Indicator> = r.indicators.iter().filter(|i| i.criterion.as_deref() == Some(cr.id.as_str())).collect();
                                            @if let Some(own) = r.criterion(&cr.id) {
                                                p.note { "Kế hoạch gọi: “" (own.name) "” " a href=(href(p, &own.cite)) aria-label="Xem trong kế hoạch" { "§" } }
                                            }
                                            @if inds.is_empty() { span.note { "Không có yêu cầu cụ thể." } }
                                            ul { @for i in inds { (item(p, i, None)) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    tr id=(GATES_ID) {
                        th scope="row" { "Điều kiện chung" }
                        @for p in &four {
                            td data-label=(p.fm.locality) {
                                @let gates: Vec<&Indicator> = p.rules.iter().flat_map(|r| r.indicators.iter().filter(|i| i.gate)).collect();
                                @if gates.is_empty() { span.note { "Không nêu." } }
                                ul { @for g in gates { (item(p, g, None)) } }
                            }
                        }
                    }
                    tr id="ket-luan" {
                        th scope="row" { "Kết luận, xếp loại, khen thưởng" }
                        @for p in &four {
                            td data-label=(p.fm.locality) {
                                @if let Some(r) = &p.rules { (conclusion(p, r)) }
                            }
                        }
                    }
                }
            }
        }
        @for (p, r) in &other {
            section aria-labelledby={ "khac-" (p.slug) } {
                h2 id={ "khac-" (p.slug) } { (p.fm.locality) ": một phong trào khác" }
                p {
                    "Kế hoạch " (p.fm.number.as_deref().unwrap_or("")) " không theo bốn tiêu chí “bốn tốt” mà theo “" (p.fm.movement) "”, với cấu trúc riêng: "
                    @for (i, cr) in r.criteria.iter().enumerate() { @if i > 0 { "; " } a href=(href(p, &cr.cite)) { (cr.name) } }
                    "."
                }
                p.card.editorial {
                    span.editorial-label { "Cách xếp của Bốn Tốt" } br;
                    "Để dễ so sánh, mỗi chỉ tiêu của kế hoạch được đặt cạnh tiêu chí “bốn tốt” gần nhất. Đây là cách đọc của chúng tôi, không phải của kế hoạch; kế hoạch không nêu quy tắc kết luận “bốn tốt”."
                }
                div.table-wrap {
                    table.compare {
                        thead { tr { th scope="col" { "Tiêu chí “bốn tốt” gần nhất" } th scope="col" { "Chỉ tiêu của kế hoạch" } } }
                        tbody {
                            @for cr in &c.site.criteria {
                                tr {
                                    th scope="row" { (cr.name) }
                                    td data-label=(p.fm.locality) {
                                        @let inds: Vec<&Indicator> = r.indicators.iter().filter(|i| mapped(r, i) == Some(cr.id.as_str())).collect();
                                        @if inds.is_empty() { span.note { "Không có chỉ tiêu tương ứng." } }
                                        ul { @for i in inds { (item(p, i, i.criterion.as_deref().and_then(|c| r.criterion(c)).map(|c| c.name.as_str()))) } }
                                    }
                                }
                            }
                            @let unmapped: Vec<&Indicator> = r.indicators.iter().filter(|i| mapped(r, i).is_none()).collect();
                            @if !unmapped.is_empty() {
                                tr {
                                    th scope="row" { "Không xếp được" }
                                    td data-label=(p.fm.locality) { ul { @for i in unmapped { (item(p, i, None)) } } }
                                }
                            }
                        }
                    }
                }
                (conclusion(p, r))
            }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: Route::Compare.path(),
            title: "So sánh tiêu chí",
            description: "Yêu cầu cụ thể của từng kế hoạch theo bốn tiêu chí chi bộ bốn tốt, đặt cạnh nhau.",
            nav: Some(Route::Compare),
            wide: true,
            head: None,
        },
        body,
    )
}

fn conclusion(p: &Plan, r: &RuleSet) -> Markup {
    html! {
        @match r.verdict.rule {
            VerdictKind::AllCriteria => p { "Đạt “" (r.verdict.name) "” khi đạt cả " (r.criteria.len()) " tiêu chí"
                @if r.indicators.iter().any(|i| i.gate) { " và các điều kiện chung" } "."
                @if let Some(c) = &r.verdict.cite { " " a href=(href(p, c)) aria-label="Xem trong kế hoạch" { "§" } } }
            VerdictKind::None => p { "Kế hoạch không nêu quy tắc kết luận chung." }
        }
        @if let Some(w) = &r.verdict.warning { p.note { "Lưu ý: " (w) } }
        @for cl in &r.classify {
            p { "Đạt " (cl.met) " tiêu chí"
                @if !cl.requires.is_empty() { " (trong đó có " (cl.requires.iter().filter_map(|q| r.criterion(q)).map(|c| c.name.to_lowercase()).collect::<Vec<_>>().join(", ")) ")" }
                @if cl.firm { " thì xếp loại " } @else { " là cơ sở để xếp loại " }
                "“" (cl.result.name()) "” " a href=(href(p, &cl.cite)) aria-label="Xem trong kế hoạch" { "§" } }
        }
        @for rw in &r.rewards { p { "Khen thưởng: " (rw.text) " " a href=(href(p, &rw.cite)) aria-label="Xem trong kế hoạch" { "§" } } }
        @for n in &r.notices { p.note { "Lưu ý: " (n.text) } }
    }
}
