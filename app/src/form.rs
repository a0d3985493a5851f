//! The questions, grouped by criterion, then the plan's general conditions,
//! then anything else the rule set asks. Every control has a label, shows
//! the engine's message next to it when what was typed is wrong
//! (`aria-invalid`, `aria-describedby`), and names the indicators it feeds.
//! Each question is a part of the page (see dom.rs), written as markup.

use crate::data::{self, dom_id, error_id};
use crate::dom::Parts;
use crate::raw::{el, esc};
use crate::view::{Ctx, badge};
use bontot_core::answers::{InputValue, member_ratio, parse_yes_no};
use bontot_core::check::Check;
use bontot_core::form;
use bontot_core::model::Unit;
use bontot_core::number::format_share;
use bontot_core::rules::{Class, Input, InputKind, Rating, fields};
use std::fmt::Write;

/// The first `shown` questions (see `State::step`): a section per group,
/// each holding its heading and its questions as parts.
pub fn view(ctx: &Ctx, shown: usize) -> Parts {
    let unit = ctx.state.answers.unit;
    let groups = data::groups(&ctx.data.rules, unit);
    let mut left = shown;
    let mut sections = Parts::default();
    for g in groups.iter().filter(|g| !g.inputs.is_empty()) {
        if left == 0 {
            break;
        }
        let status = g
            .criterion
            .and_then(|c| ctx.result.criterion(c))
            .map(|c| c.status);
        let n = g.inputs.len().min(left);
        left -= n;
        let mut kids = Parts::default();
        kids.add(
            "",
            format!(
                "<h2 class=\"calc-group\">{} {}</h2>",
                esc(&g.title),
                status.map(badge).unwrap_or("")
            ),
        );
        for i in g.inputs.iter().take(n) {
            kids.add(i.id.as_str(), question(ctx, i));
        }
        sections.own(
            g.title.as_str(),
            "<section data-own></section>".into(),
            kids,
        );
    }
    sections
}

/// The engine's message for `field`, if any.
pub fn error_line(ctx: &Ctx, field: &str) -> String {
    match ctx.error(field) {
        Some(msg) => format!(
            "<p class=\"calc-error\" id=\"{}\">{}</p>",
            error_id(field),
            esc(msg)
        ),
        None => String::new(),
    }
}

/// The attributes that tie a control to its error message, if any.
fn aria(ctx: &Ctx, field: &str) -> String {
    match ctx.error(field) {
        Some(_) => format!(
            " aria-invalid=\"true\" aria-describedby=\"{}\"",
            error_id(field)
        ),
        None => String::new(),
    }
}

/// "Dùng cho: …": the indicators that read the input, with their status.
fn uses(ctx: &Ctx, input: &Input) -> String {
    let users = data::users(&ctx.data.rules, ctx.state.answers.unit, &input.id);
    if users.is_empty() {
        return String::new();
    }
    let mut s = "<div class=\"calc-uses\">Dùng cho:<ul>".to_string();
    for ind in users {
        let target = if ind.test.target.as_deref() == Some(input.id.as_str()) {
            " (làm mức so sánh)"
        } else {
            ""
        };
        let status = ctx
            .result
            .indicator(&ind.id)
            .map(|r| badge(r.status))
            .unwrap_or("");
        let _ = write!(s, "<li>{}{target} {status}</li>", esc(&ind.label));
    }
    s + "</ul></div>"
}

/// One question: its label (or legend), help, control(s), error messages
/// and the indicators that use it.
fn question(ctx: &Ctx, input: &Input) -> String {
    let field = input.id.as_str();
    let single = matches!(
        input.kind,
        InputKind::Count | InputKind::Percent | InputKind::Classification
    );
    let tag = if single { "div" } else { "fieldset" };
    let mut s = format!("<{tag} class=\"calc-q\" id=\"q-{}\">", esc(field));
    if single {
        let _ = write!(
            s,
            "<label for=\"{}\">{}</label>",
            dom_id(field),
            esc(&input.label)
        );
    } else {
        s += &el("legend", "", &input.label);
    }
    if let Some(h) = &input.help {
        s += &el("p", "note calc-help", h);
    }
    if input.from_roster.is_some() || input.from_level || input.kind == InputKind::Monthly {
        s += "<p class=\"note calc-help\">Có thể điền từ <a href=\"#desk\">sổ theo dõi và xếp loại</a> (cuối trang).</p>";
    }
    match input.kind {
        InputKind::Count | InputKind::Percent => s += &text_box(ctx, field, input.kind),
        InputKind::YesNo => s += &yes_no(ctx, field),
        InputKind::Classification => {
            let chosen = Class::parse(&ctx.value(field)).map(Class::code);
            s += &select(ctx, field, &class_options(), chosen);
        }
        InputKind::Ratio => s += &ratio(ctx, input),
        InputKind::Monthly => s += &monthly(ctx, input),
    }
    if !matches!(input.kind, InputKind::Ratio | InputKind::Monthly) {
        s += &error_line(ctx, field);
    }
    s += &uses(ctx, input);
    let _ = write!(s, "</{tag}>");
    s
}

/// A text box for a number (see `core::form::text_box`): what was typed
/// is kept as is.
pub fn text_box(ctx: &Ctx, field: &str, kind: InputKind) -> String {
    form::text_box(field, kind, &ctx.value(field), &aria(ctx, field))
}

fn yes_no(ctx: &Ctx, field: &str) -> String {
    let cur = parse_yes_no(&ctx.value(field));
    form::yes_no(field, cur, &aria(ctx, field))
}

/// The classifications as options: "Hoàn thành tốt nhiệm vụ (HTTNV)".
pub fn class_options() -> Vec<(&'static str, String)> {
    Class::ALL
        .iter()
        .map(|c| (c.code(), format!("{} ({})", c.name(), c.code())))
        .collect()
}

/// Options after a blank first one, the one chosen marked `selected`.
/// `chosen` is the option matching what was typed; text that matches none
/// (from an imported file) is kept as an extra option, and the engine's
/// message says what is wrong.
pub fn options(cur: &str, list: &[(&str, String)], chosen: Option<&str>, blank: &str) -> String {
    let extra = !cur.is_empty() && chosen.is_none();
    let sel = |on: bool| if on { " selected" } else { "" };
    let mut s = format!(
        "<option value=\"\"{}>{blank}</option>",
        sel(chosen.is_none() && !extra)
    );
    for (v, label) in list {
        let _ = write!(
            s,
            "<option value=\"{v}\"{}>{}</option>",
            sel(chosen == Some(*v)),
            esc(label)
        );
    }
    if extra {
        let _ = write!(s, "<option selected>{}</option>", esc(cur));
    }
    s
}

fn select(ctx: &Ctx, field: &str, list: &[(&str, String)], chosen: Option<&str>) -> String {
    format!(
        "<select id=\"{}\" data-field=\"{}\"{}>{}</select>",
        dom_id(field),
        esc(field),
        aria(ctx, field),
        options(&ctx.value(field), list, chosen, "— Chưa chọn —")
    )
}

fn ratio(ctx: &Ctx, input: &Input) -> String {
    let a = &ctx.state.answers;
    let f = fields(input);
    let (Some(num), Some(den)) = (f.first(), f.get(1)) else {
        return String::new();
    };
    if let (Unit::DangBo, Some(kind)) = (a.unit, input.from_members)
        && !a.members.is_empty()
    {
        let text = match member_ratio(kind, &a.members) {
            Some(InputValue::Ratio(n, d)) => format_share(n, d) + " chi bộ",
            _ => "chưa tính được: còn chi bộ chưa rõ kết quả.".to_string(),
        };
        return format!(
            "<p class=\"calc-computed\">Tính từ danh sách chi bộ: <strong>{text}</strong></p>"
        );
    }
    let mut s = "<div class=\"calc-ratio\">".to_string();
    for (field, label) in [
        (num, input.numerator.as_deref().unwrap_or("Số")),
        (den, input.denominator.as_deref().unwrap_or("Tổng số")),
    ] {
        let _ = write!(
            s,
            "<div class=\"calc-part\"><label for=\"{}\">{}</label>{}{}</div>",
            dom_id(field),
            esc(label),
            text_box(ctx, field, InputKind::Ratio),
            error_line(ctx, field)
        );
    }
    s += "</div>";
    if a.unit == Unit::DangBo && input.from_members.is_some() {
        s +=
            "<p class=\"note\">Hoặc nhập danh sách chi bộ trực thuộc (ở trên) để tính tự động.</p>";
    }
    s
}

fn monthly(ctx: &Ctx, input: &Input) -> String {
    let months = fields(input);
    let list: Vec<(&str, String)> = Rating::ALL
        .iter()
        .map(|r| (r.code(), r.name().to_string()))
        .collect();
    // The lowest rating a month must reach, by the indicators that read
    // these months: a month below it is marked where it is entered.
    let floor = ctx
        .data
        .rules
        .checks()
        .filter_map(|(_, c)| match c {
            Check::Monthly { input: id, floor } if *id == input.id => Some(*floor),
            _ => None,
        })
        .max();
    let mut s = "<div class=\"calc-months\">".to_string();
    let mut empty = 0;
    for (i, field) in months.iter().enumerate() {
        let value = ctx.value(field);
        if value.trim().is_empty() {
            empty += 1;
        }
        let rating = Rating::parse(&value);
        let mark = match (rating, floor) {
            (Some(r), Some(f)) if r < f => " <span class=\"badge fail\">Chưa đạt</span>",
            _ => "",
        };
        let _ = write!(
            s,
            "<div class=\"calc-month\"><label for=\"{}\">Tháng {}{mark}</label>{}{}</div>",
            dom_id(field),
            i + 1,
            select(ctx, field, &list, rating.map(Rating::code)),
            error_line(ctx, field)
        );
    }
    s += "</div>";
    if empty > 0 {
        let _ = write!(
            s,
            "<button type=\"button\" class=\"secondary calc-fill\" data-action=\"fill\" data-input=\"{}\">Điền “Tốt” cho {empty} tháng còn trống</button>",
            esc(&input.id)
        );
    }
    s
}
