//! The results: verdict, criteria, each indicator with the engine's reason
//! and the plan's words, classification, rewards, warnings and what is
//! still missing; and the short summary that stays on screen. Each
//! indicator, heading and card is a part of its own (see dom.rs), so an
//! answer updates only what it changed.

use crate::data::{dom_id, subject};
use crate::dom::Parts;
use crate::raw::{el, esc};
use crate::view::{Ctx, badge, status_class};
use bontot_core::engine::{Assessment, IndicatorResult, Reach, Status, in_words};
use std::fmt::Write;

/// "Đạt 3/4 tiêu chí · Chưa đủ thông tin".
pub fn summary_text(ctx: &Ctx) -> String {
    let r = ctx.result;
    let name = &ctx.data.rules.verdict.name;
    let verdict = match r.verdict.status {
        // On declared answers only: never the green "đạt" of a computed verdict.
        Some(Status::Pass) if r.verdict.declared => {
            format!("Tự khai đạt cả {} nội dung", in_words(r.criteria.len()))
        }
        Some(Status::Pass) => format!("Đạt “{name}”"),
        Some(Status::Fail) => format!("Chưa đạt “{name}”"),
        Some(Status::Missing) => "Chưa đủ thông tin".to_string(),
        None => "Kế hoạch không nêu kết luận chung".to_string(),
    };
    let mut s = format!(
        "Đạt {}/{} tiêu chí · {verdict}",
        r.criteria_met,
        r.criteria.len()
    );
    if !r.errors.is_empty() {
        let _ = write!(s, " · {} ô nhập chưa đúng", r.errors.len());
    }
    s
}

/// A declared verdict is shown as a caution, not as a pass.
fn verdict_class(r: &Assessment, none: &'static str) -> &'static str {
    match r.verdict.status {
        _ if r.verdict.declared => "warn",
        Some(s) => status_class(s),
        None => none,
    }
}

/// The readings of the plan that this result depends on: `loud` ones
/// (verdict or criterion) under the verdict, the others among the notes.
fn readings(ctx: &Ctx, loud: bool) -> String {
    let mut s = String::new();
    for n in &ctx.result.readings {
        if (n.reach != Reach::Indicator) == loud {
            let _ = write!(s, "<li>{} {}</li>", esc(&n.text), ctx.cite(&n.cite));
        }
    }
    s
}

/// The bar that stays at the bottom of the screen while filling the form.
pub fn bar(ctx: &Ctx) -> String {
    let class = verdict_class(ctx.result, "");
    format!(
        "<div class=\"calc-bar\"><a href=\"#ket-qua\" class=\"calc-bar-link {class}\">{}<span class=\"calc-bar-go\">Kết quả ↓</span></a></div>",
        el("span", "calc-bar-text", &summary_text(ctx))
    )
}

/// An indicator in full; `folded` ones (passing, in a criterion not
/// opened) are hidden on screen and printed.
fn indicator(ctx: &Ctx, i: &IndicatorResult, folded: bool) -> String {
    let mut s = format!(
        "<div class=\"calc-ind {}{}\" data-indicator=\"{}\"><p class=\"calc-ind-head\">{} <strong>{}</strong></p>{}",
        status_class(i.status),
        if folded { " calc-folded" } else { "" },
        esc(&i.id),
        badge(i.status),
        esc(&i.label),
        el("p", "calc-reason", &i.reason)
    );
    if let Some(w) = &i.warning {
        s += &el("p", "calc-warning", &format!("Lưu ý: {w}"));
    }
    let _ = write!(s, "<p class=\"calc-ref\">{}</p></div>", ctx.cite(&i.cite));
    s
}

/// A heading: `<h3>` with a badge, a line under it, and the button that
/// shows or folds its `passing` indicators; a part each, keyed from `key`.
fn heading(
    parts: &mut Parts,
    key: &str,
    title: &str,
    status: Option<Status>,
    line: Option<&str>,
    fold: Option<(&str, usize, usize, bool)>,
) {
    parts.add(
        key,
        format!(
            "<h3>{} {}</h3>",
            esc(title),
            status.map(badge).unwrap_or("")
        ),
    );
    if let Some(l) = line {
        parts.add(format!("{key}:r"), el("p", "calc-reason", l));
    }
    if let Some((id, passing, total, open)) = fold.filter(|f| f.1 > 0) {
        let what = if open { "Thu gọn" } else { "Xem" };
        let (pre, post) = if passing == total {
            ("Đạt cả ", " chỉ tiêu")
        } else {
            ("", " chỉ tiêu đã đạt")
        };
        parts.add(
            format!("{key}:f"),
            format!(
                "<p class=\"calc-fold\">{pre}{passing}{post}. <button type=\"button\" class=\"link\" data-action=\"fold\" data-criterion=\"{}\" aria-expanded=\"{open}\">{what}</button></p>",
                esc(id)
            ),
        );
    }
}

/// The question an indicator reads, for "fix it" links.
fn question<'a>(ctx: &'a Ctx, indicator: &str) -> Option<&'a str> {
    let rules = &ctx.data.rules;
    let i = rules.indicators.iter().find(|i| i.id == indicator)?;
    Some(&i.test.input)
}

/// Right under the verdict: what fails, why and what is missing to pass;
/// then what is still unanswered; each linked to its question.
fn to_fix(ctx: &Ctx) -> (String, String) {
    let r = ctx.result;
    let rules = &ctx.data.rules;
    let mut s = String::new();
    let failing: Vec<&IndicatorResult> = r
        .indicators
        .iter()
        .filter(|i| i.status == Status::Fail)
        .collect();
    if !failing.is_empty() {
        let _ = write!(
            s,
            "<div class=\"card fail calc-fix\"><h3>Cần khắc phục: {} chỉ tiêu chưa đạt</h3><ul>",
            failing.len()
        );
        for i in failing {
            let _ = write!(
                s,
                "<li><strong>{}</strong>: {}",
                esc(&i.label),
                esc(&i.reason)
            );
            if let Some(q) = question(ctx, &i.id) {
                let _ = write!(s, " <a href=\"#q-{}\">Xem câu trả lời</a>", esc(q));
            }
            s += "</li>";
        }
        s += "</ul></div>";
    }
    let mut m = String::new();
    if !r.missing.is_empty() {
        // The first few, linked to their question; then how many more.
        let _ = write!(
            m,
            "<div class=\"card warn calc-fix\"><h3>Còn {} câu hỏi chưa trả lời</h3><ul class=\"calc-missing\">",
            r.missing.len()
        );
        for label in r.missing.iter().take(5) {
            match rules.inputs.iter().find(|i| &i.label == label) {
                Some(i) => {
                    let _ = write!(m, "<li><a href=\"#q-{}\">{}</a></li>", i.id, esc(label));
                }
                None => m += &el("li", "", label),
            }
        }
        if r.missing.len() > 5 {
            let _ = write!(m, "<li>… và {} câu hỏi khác.</li>", r.missing.len() - 5);
        }
        m += "</ul></div>";
    }
    (s, m)
}

fn verdict(ctx: &Ctx, parts: &mut Parts) {
    let r = ctx.result;
    let rules = &ctx.data.rules;
    let class = verdict_class(r, "warn");
    parts.add(
        "h",
        "<h2 id=\"ket-qua-h\" class=\"calc-group\">Kết quả</h2>".into(),
    );
    let mut s = format!(
        "<div class=\"card calc-verdict {class}\"><p class=\"calc-verdict-text\"><strong>{}</strong></p>",
        esc(&r.verdict.text)
    );
    if r.verdict.status.is_none() {
        s += "<p>Kế hoạch này không nêu quy tắc chung để kết luận đạt hay không đạt; máy tính chỉ cho kết quả từng chỉ tiêu, tiêu chí.</p>";
    }
    let _ = write!(
        s,
        "<p>{} đạt {}/{} tiêu chí.</p>",
        subject(ctx.state.answers.unit),
        r.criteria_met,
        r.criteria.len()
    );
    if let Some(c) = &rules.verdict.cite {
        let _ = write!(s, "<p class=\"calc-ref\">{}</p>", ctx.cite(c));
    }
    // Part of the verdict itself, so inside its card: what fixes come next.
    let loud = readings(ctx, true);
    if !loud.is_empty() {
        let _ = write!(
            s,
            "<p><strong>Kết quả phụ thuộc cách hiểu kế hoạch:</strong></p><ul class=\"calc-readings\">{loud}</ul>"
        );
    }
    s += "</div>";
    let (failing, missing) = to_fix(ctx);
    let mut errors = String::new();
    if !r.errors.is_empty() {
        let _ = write!(
            errors,
            "<div class=\"card fail calc-errors\"><p>Có {} ô nhập chưa đúng; các ô này được tính là chưa trả lời:</p><ul>",
            r.errors.len()
        );
        for (f, m) in &r.errors {
            let _ = write!(errors, "<li><a href=\"#{}\">{}</a></li>", dom_id(f), esc(m));
        }
        errors += "</ul></div>";
    }
    let mut class = String::new();
    if let Some(c) = &r.classification {
        let _ = write!(
            class,
            "<div class=\"card calc-class\"><h3>Xếp loại gợi ý</h3>{}<p class=\"calc-ref\">{}</p></div>",
            el("p", "", &c.text),
            ctx.cite(&c.cite)
        );
    }
    for (key, html) in [
        ("verdict", s),
        ("failing", failing),
        ("missing", missing),
        ("errors", errors),
        ("class", class),
    ] {
        parts.add(key, html);
    }
}

/// Rewards, warnings and what is missing.
fn tail(ctx: &Ctx, parts: &mut Parts) {
    let r = ctx.result;
    if !r.rewards.is_empty() {
        parts.add("rw", "<h3>Khen thưởng</h3>".into());
        for (n, w) in r.rewards.iter().enumerate() {
            parts.add(
                format!("rw:{n}"),
                format!(
                    "<div class=\"calc-ind {}\"><p class=\"calc-ind-head\">{} {}</p><p class=\"calc-ref\">{}</p></div>",
                    status_class(w.status),
                    badge(w.status),
                    esc(&w.text),
                    ctx.cite(&w.cite)
                ),
            );
        }
    }
    // The plan's notices (folded above the form) and what the answers raise.
    let warnings = &r.warnings;
    let quiet = readings(ctx, false);
    if !warnings.is_empty() || !quiet.is_empty() {
        parts.add("notes-h", "<h3>Lưu ý</h3>".into());
        let mut s = "<ul class=\"calc-notes\">".to_string();
        for w in warnings {
            let cite = w.cite.as_ref().map(|c| ctx.cite(c)).unwrap_or_default();
            let _ = write!(s, "<li>{} {cite}</li>", esc(&w.text));
        }
        s += &quiet;
        s += "</ul>";
        parts.add("notes", s);
    }
}

/// The results section, its parts inside.
pub fn view(ctx: &Ctx, parts: &mut Parts) {
    let r = ctx.result;
    let gates: Vec<&IndicatorResult> = r.indicators.iter().filter(|i| i.gate).collect();
    let mut kids = Parts::default();
    verdict(ctx, &mut kids);
    for c in &r.criteria {
        let open = ctx.state.open.contains(&c.id);
        let of_c: Vec<&IndicatorResult> = r
            .indicators
            .iter()
            .filter(|i| i.criterion.as_deref() == Some(c.id.as_str()))
            .collect();
        let passing = of_c.iter().filter(|i| i.status == Status::Pass).count();
        heading(
            &mut kids,
            &format!("c:{}", c.id),
            &c.name,
            Some(c.status),
            Some(&c.reason),
            Some((&c.id, passing, of_c.len(), open)),
        );
        for i in of_c {
            kids.add(
                format!("i:{}", i.id),
                indicator(ctx, i, !open && i.status == Status::Pass),
            );
        }
    }
    if !gates.is_empty() {
        // Few, and each one blocks the verdict: always shown in full.
        heading(
            &mut kids,
            "g",
            "Điều kiện chung của kế hoạch",
            None,
            None,
            None,
        );
        for i in gates {
            kids.add(format!("i:{}", i.id), indicator(ctx, i, false));
        }
    }
    tail(ctx, &mut kids);
    // Drawn once the whole form is: `app-ready` tells tests the page is complete.
    parts.own(
        "results",
        "<section id=\"ket-qua\" class=\"calc-results app-ready\" aria-live=\"polite\" aria-labelledby=\"ket-qua-h\" data-own></section>".into(),
        kids,
    );
}
