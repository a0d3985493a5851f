//! The calculator pages: one per plan, with the plan's rule set embedded
//! for the WASM app (`core::page::encode`), and a paper checklist that reads and prints
//! without JavaScript (the app hides it once it runs).

use super::layout::{self, Page};
use crate::model::{Content, Plan};
use crate::routes::{self, Route};
use bontot_core::form;
use bontot_core::model::Period;
use bontot_core::model::{Cite, Unit};
use bontot_core::page::{self, CalculatorData, ELEMENT_ID};
use bontot_core::rules::{Indicator, Input, InputKind, RuleSet, VerdictKind, applies};
use maud::{Markup, PreEscaped, html};

/// `tu-danh-gia/index.html`: choose a plan.
pub fn render_index(c: &Content) -> String {
    let body = html! {
        h1 { "Tự đánh giá “chi bộ bốn tốt”" }
        p { "Chọn kế hoạch của địa phương bạn. Mỗi kế hoạch có tiêu chí và chỉ tiêu riêng; máy tính áp dụng đúng quy tắc của kế hoạch đó và trích câu của kế hoạch cho từng kết luận." }
        p.note { "Câu trả lời chỉ lưu trên thiết bị của bạn, không gửi đi đâu." }
        @let with: Vec<&Plan> = c.plans.iter().filter(|p| p.rules.is_some()).collect();
        ul.plan-list {
            @for p in with.iter().take(super::layout::LIST_CAP) {
                li {
                    h2 { a href={ (p.slug) ".html" } { (p.fm.locality) } }
                    p { (p.fm.title) }
                }
            }
        }
        @if with.len() > super::layout::LIST_CAP {
            p { "Và " (with.len() - super::layout::LIST_CAP) " kế hoạch khác: mở kế hoạch từ " a href="../index.html#ke-hoach" { "trang chủ" } " rồi chọn “Tự đánh giá theo kế hoạch này”." }
        }
        @let without = c.plans.len() - with.len();
        @if without > 0 {
            p.note { (without) " kế hoạch chưa có bộ quy tắc nên chưa tự đánh giá được; vẫn đọc được toàn văn từ " a href="../index.html#ke-hoach" { "trang chủ" } "." }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: Route::Calculators.path(),
            title: "Tự đánh giá",
            description: "Chi bộ tự kiểm tra đã đạt “bốn tốt” chưa, theo kế hoạch của địa phương mình.",
            nav: Some(Route::Calculators),
            wide: false,
            head: None,
        },
        body,
    )
}

/// A citation's link: the paragraph of the plan page that states it.
fn cite_url(plan: &Plan, cite: &Cite) -> String {
    format!("../{}#{}", routes::plan(&plan.slug), cite.anchor)
}

/// `tu-danh-gia/<slug>.html`.
/// The calculator's scripts, as paths from the site's top.
pub struct Scripts<'a> {
    /// The module that starts the app (`app/start.js`).
    pub loader: &'a str,
    /// wasm-bindgen's glue, which the loader imports.
    pub glue: &'a str,
    /// The year-end part's loader and the national rules it fetches.
    pub desk: Option<(&'a str, &'a str)>,
}

pub fn render(c: &Content, plan: &Plan, app: Option<&Scripts>) -> String {
    let path = routes::calculator(&plan.slug);
    let title = format!("Tự đánh giá: {}", plan.fm.locality);
    let data = plan.rules.as_ref().map(|rules| CalculatorData {
        rules: rules.clone(),
        plan_title: plan.fm.title.clone(),
        locality: plan.fm.locality.clone(),
        number: plan.fm.number.clone(),
        plan_url: format!("../{}", routes::plan(&plan.slug)),
        others: c
            .plans
            .iter()
            .filter(|p| p.slug != plan.slug && p.rules.is_some())
            .map(|p| (p.fm.locality.clone(), format!("{}.html", p.slug)))
            .collect(),
        period: plan
            .fm
            .period
            .as_deref()
            .and_then(|p| Period::parse(p).ok()),
    });
    // The glue is requested with the page, not after the loader that
    // imports it (a round trip less before the WASM). The WASM itself is
    // not preloaded: a `preload` at low priority stalled behind the
    // page's other requests on a keep-alive HTTP/1.1 host, and at normal
    // priority it shares the slow link with the CSS before the first
    // paint (see ARCHITECTURE.md, "Loading on a cheap phone").
    let head = match (&data, app) {
        (Some(_), Some(app)) => Some(html! {
            script type="module" src={ "../" (app.loader) } {}
            link rel="modulepreload" href={ "../" (app.glue) };
            // Without scripts the first questions would answer nothing.
            noscript { link rel="stylesheet" href="../noscript.css"; }
        }),
        _ => None,
    };
    let body = html! {
        p.note.no-print { a.back href="index.html" { "← Chọn kế hoạch khác" } }
        h1 { (title) }
        p {
            "Theo " a href={ "../" (routes::plan(&plan.slug)) } { (plan.fm.title) }
            @match plan.fm.period.as_deref().and_then(|p| Period::parse(p).ok()) {
                Some(p) => { ", thời gian thực hiện " (p.vietnamese()) "." }
                None => { ". Kế hoạch không ghi thời gian thực hiện." }
            }
        }
        @match (&plan.rules, &data) {
            (Some(rules), Some(data)) => {
                // base64url: nothing in it to escape, no "</script>".
                script type="text/plain" id=(ELEMENT_ID) { (PreEscaped(page::encode(data))) }
                div #calculator data-plan=(plan.slug) { (first_questions(rules)) }
                @if let Some((loader, national)) = app.and_then(|a| a.desk) {
                    (desk(c, loader, national))
                }
                (paper(plan, rules))
            }
            _ => p.card { "Chưa có bộ quy tắc cho kế hoạch này, nên chưa tự đánh giá được. Bạn vẫn có thể đọc toàn văn kế hoạch." }
        }
    };
    layout::render(
        &c.site,
        &Page {
            path: &path,
            title: &title,
            description: &title,
            nav: Some(Route::Calculators),
            wide: false,
            head,
        },
        body,
    )
}

/// The year-end part: a button that fetches its module (site.js) and the
/// place it draws in. Without scripts it says what it would do and where
/// the national rules can be read instead.
fn desk(c: &Content, loader: &str, national: &str) -> Markup {
    let excerpt = c.national.last();
    html! {
        section #desk data-desk={ "../" (loader) } data-national={ "../" (national) } {
            h2 { "Sổ theo dõi và xếp loại cuối năm" }
            p {
                "Sổ theo dõi hằng tháng (từng tiêu chí đạt hay không sau mỗi buổi sinh hoạt, mức đánh giá buổi sinh hoạt, in phiếu tháng), và xếp loại cuối năm: mức của tập thể và của từng đảng viên theo quy định chung của năm đánh giá, giới hạn 20% “Hoàn thành xuất sắc nhiệm vụ”. Từ đó điền các câu hỏi tương ứng ở phiếu trên. Dữ liệu chỉ lưu trên máy này."
            }
            button #desk-open type="button" .secondary { "Mở sổ theo dõi và xếp loại" }
            p #desk-status role="status" {}
            noscript {
                p.note {
                    "Phần này cần bật JavaScript."
                    @if let Some(n) = excerpt {
                        " Các mức xếp loại và điều kiện của từng mức đọc được ở "
                        a href={ "../" (routes::national(&n.id)) } { "trang trích " (n.regime.short) }
                        "."
                    }
                }
            }
            div #desk-root {}
        }
    }
}

/// The form's first questions as the app draws them (same ids, classes
/// and `data-field`s), answerable while the app loads on a slow network;
/// the app reads what was answered here when it starts, then draws in
/// its place. Shown from the first paint (shown later, they pushed the
/// checklist down: a layout shift); hidden without scripts by
/// `noscript.css`, linked in a `<noscript>`, as the paper checklist is
/// the form then, and by `site.js` if the module fails to load. Only the
/// first criterion's questions, up to the first that is not a yes/no or a
/// number (those need the app's own controls).
fn first_questions(rules: &RuleSet) -> Markup {
    let Some(&unit) = rules.units.first() else {
        return html! {};
    };
    let groups = form::groups(rules, unit);
    let Some(group) = groups.iter().find(|g| !g.inputs.is_empty()) else {
        return html! {};
    };
    let simple = |i: &&Input| {
        matches!(
            i.kind,
            InputKind::YesNo | InputKind::Count | InputKind::Percent
        )
    };
    let inputs: Vec<&Input> = group.inputs.iter().copied().take_while(simple).collect();
    if inputs.is_empty() {
        return html! {};
    }
    html! {
        div.calc-pre.no-print data-unit=(unit.id()) {
            p.note { "Máy tính đang tải. Bạn có thể trả lời ngay các câu dưới đây; câu trả lời được giữ lại khi máy tính sẵn sàng." }
            div.calc-form { section {
                h2.calc-group { (group.title) }
                @for i in inputs { (first_question(i)) }
            } }
        }
    }
}

fn first_question(input: &Input) -> Markup {
    let field = input.id.as_str();
    let id = form::dom_id(field);
    let help = html! { @if let Some(h) = &input.help { p.note.calc-help { (h) } } };
    match input.kind {
        InputKind::YesNo => html! {
            fieldset.calc-q id={ "q-" (field) } {
                legend { (input.label) }
                (help)
                (PreEscaped(form::yes_no(field, None, "")))
            }
        },
        _ => html! {
            div.calc-q id={ "q-" (field) } {
                label for=(id) { (input.label) }
                (help)
                (PreEscaped(form::text_box(field, input.kind, "", "")))
            }
        },
    }
}

/// The printable checklist shown before (or without) the app.
fn paper(plan: &Plan, rules: &RuleSet) -> Markup {
    html! {
        div #paper {
            // What the reader is told depends on how the page runs (see
            // site.js): scripts off, the calculator loading, or failed.
            noscript { p.note.no-print { "Máy tính tương tác cần bật JavaScript trong trình duyệt. Khi chưa bật, đây là danh sách tiêu chí để in và đánh dấu bằng tay." } }
            p #calc-loading .note.no-print hidden role="status" { "Đang tải máy tính tự đánh giá… Trong lúc chờ, bạn vẫn xem được danh sách tiêu chí dưới đây." }
            div #calc-failed .card.warn.no-print hidden role="alert" {
                p { "Không tải được máy tính tự đánh giá (mạng yếu hoặc bị ngắt). Danh sách tiêu chí dưới đây vẫn dùng được để in và đánh dấu bằng tay." }
                button #calc-retry type="button" { "Thử tải lại" }
            }
            @for n in &rules.notices {
                p.card.warn {
                    (n.text)
                    @if let Some(c) = &n.cite { " " a href=(cite_url(plan, c)) { "(xem kế hoạch)" } }
                }
            }
            @for unit in &rules.units {
                section.card {
                    h2 { "Phiếu tự đánh giá: " (unit.label()) }
                    p { "Tên đơn vị: ........................................  Năm: ..........." }
                    @for cr in &rules.criteria {
                        h3 { (cr.name) " " a.sec-link href=(cite_url(plan, &cr.cite)) aria-label="Xem trong kế hoạch" { "§" } }
                        ul.checklist {
                            @for ind in rules.indicators.iter().filter(|i| i.criterion.as_deref() == Some(&cr.id) && applies(&i.units, *unit)) {
                                (paper_item(plan, rules, ind))
                            }
                        }
                    }
                    @let gates: Vec<&Indicator> = rules.indicators.iter().filter(|i| i.gate && applies(&i.units, *unit)).collect();
                    @if !gates.is_empty() {
                        h3 { "Điều kiện chung của kế hoạch" }
                        ul.checklist { @for g in gates { (paper_item(plan, rules, g)) } }
                    }
                    p {
                        strong { "Kết luận: " }
                        @if rules.verdict.rule == VerdictKind::AllCriteria {
                            (unit_subject(*unit)) " đạt “" (rules.verdict.name) "” khi đạt tất cả các tiêu chí trên"
                            @if rules.indicators.iter().any(|i| i.gate && applies(&i.units, *unit)) { " và các điều kiện chung" }
                            ".  ☐ Đạt   ☐ Không đạt"
                        } @else {
                            "Kế hoạch không nêu quy tắc kết luận chung; ghi kết quả từng chỉ tiêu."
                        }
                    }
                }
            }
        }
    }
}

fn unit_subject(u: Unit) -> &'static str {
    match u {
        Unit::ChiBo => "Chi bộ",
        Unit::DangBo => "Đảng bộ",
    }
}

fn paper_item(plan: &Plan, rules: &RuleSet, ind: &Indicator) -> Markup {
    // The readings this item rests on: said on paper too, since whoever
    // ticks the box applies one of them.
    let readings = rules
        .readings
        .iter()
        .filter(|r| r.changes.iter().any(|c| c.indicator == ind.id));
    html! {
        li {
            "☐ " (ind.label)
            @if let Some(w) = &ind.test.words { " (kế hoạch: “" (w) "”)" }
            " " a href=(cite_url(plan, &ind.cite)) { "xem" }
            @for r in readings {
                p.note {
                    "Cách hiểu “" (r.words) "”: máy tính hiểu là " (r.chosen) "; cũng có thể hiểu là " (r.alternative) "."
                }
            }
        }
    }
}
