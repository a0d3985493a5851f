//! The questions, grouped by criterion, then the plan's general conditions,
//! then anything else the rule set asks. Every control has a label, shows
//! the engine's message next to it when what was typed is wrong
//! (`aria-invalid`, `aria-describedby`), and names the indicators it feeds.
//! Text around the controls is written as markup (see raw.rs).

use crate::data::{self, dom_id, error_id};
use crate::raw::{self, el, esc};
use crate::view::{Ctx, badge};
use bontot_core::answers::{InputValue, member_ratio, parse_yes_no};
use bontot_core::check::Check;
use bontot_core::model::Unit;
use bontot_core::number::format_share;
use bontot_core::rules::{Class, Input, InputKind, Rating, fields};
use std::fmt::Write;
use yew::prelude::*;

/// The first `shown` questions (see `State::step`).
pub fn view(ctx: &Ctx, shown: usize) -> Html {
    let unit = ctx.state.answers.unit;
    let groups = data::groups(&ctx.data.rules, unit);
    // Keys keep each question on its own elements as steps add more (Yew
    // matches unkeyed children from the end).
    let mut left = shown;
    let mut sections = Vec::new();
    for g in groups.iter().filter(|g| !g.inputs.is_empty()) {
        if left == 0 {
            break;
        }
        let status = g
            .criterion
            .and_then(|c| ctx.result.criterion(c))
            .map(|c| c.status);
        let head = format!("{} {}", esc(&g.title), status.map(badge).unwrap_or(""));
        let n = g.inputs.len().min(left);
        left -= n;
        sections.push(html! {
            <section key={g.title.clone()}>
                <h2 key="" class="calc-group">{ raw::html(head) }</h2>
                { for g.inputs.iter().take(n).map(|i| question(ctx, i)) }
            </section>
        });
    }
    html! { <div class="calc-form">{ for sections }</div> }
}

/// The engine's message for `field`, if any (markup).
pub fn error_line(ctx: &Ctx, field: &str) -> Html {
    match ctx.error(field) {
        Some(msg) => raw::html(format!(
            "<p class=\"calc-error\" id=\"{}\">{}</p>",
            error_id(field),
            esc(msg)
        )),
        None => Html::default(),
    }
}

/// `aria-describedby` of a control: its error message, if any.
fn described(ctx: &Ctx, field: &str) -> Option<String> {
    ctx.error(field).map(|_| error_id(field))
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
fn question(ctx: &Ctx, input: &Input) -> Html {
    let field = input.id.as_str();
    let single = matches!(
        input.kind,
        InputKind::Count | InputKind::Percent | InputKind::Classification
    );
    let mut head = if single {
        format!(
            "<label for=\"{}\">{}</label>",
            dom_id(field),
            esc(&input.label)
        )
    } else {
        el("legend", "", &input.label)
    };
    if let Some(h) = &input.help {
        head += &el("p", "note calc-help", h);
    }
    if input.from_roster.is_some() || input.from_level || input.kind == InputKind::Monthly {
        head += "<p class=\"note calc-help\">Có thể điền từ <a href=\"#desk\">sổ theo dõi và xếp loại</a> (cuối trang).</p>";
    }
    let control = match input.kind {
        InputKind::Count => text_box(ctx, field, "numeric"),
        InputKind::Percent => text_box(ctx, field, "decimal"),
        InputKind::YesNo => yes_no(ctx, field),
        InputKind::Classification => {
            let options: Vec<(&str, String)> = Class::ALL
                .iter()
                .map(|c| (c.code(), format!("{} ({})", c.name(), c.code())))
                .collect();
            let chosen = Class::parse(&ctx.value(field)).map(Class::code);
            select(ctx, field, &options, chosen)
        }
        InputKind::Ratio => ratio(ctx, input),
        InputKind::Monthly => monthly(ctx, input),
    };
    let errors = if matches!(input.kind, InputKind::Ratio | InputKind::Monthly) {
        Html::default()
    } else {
        error_line(ctx, field)
    };
    let tag = if single { "div" } else { "fieldset" };
    html! {
        <@{tag} key={field.to_string()} class="calc-q" id={format!("q-{field}")}>
            { raw::html(head) }
            { control }
            { errors }
            { raw::html(uses(ctx, input)) }
        </@>
    }
}

/// A text box for a count or a percentage: what was typed is kept as is.
pub fn text_box(ctx: &Ctx, field: &str, mode: &'static str) -> Html {
    let err = described(ctx, field);
    html! {
        <input type="text" id={dom_id(field)} data-field={field.to_string()} inputmode={mode}
            autocomplete="off" maxlength="200" class="calc-num"
            value={ctx.value(field)}
            aria-invalid={err.as_ref().map(|_| "true")}
            aria-describedby={err} />
    }
}

fn yes_no(ctx: &Ctx, field: &str) -> Html {
    let cur = parse_yes_no(&ctx.value(field));
    let err = described(ctx, field);
    let name = dom_id(field);
    let choices = [("co", "Có", true), ("khong", "Không", false)];
    html! {
        <div class="calc-yesno">
            { for choices.into_iter().map(|(value, label, on)| {
                html! {
                    <label class="calc-choice">
                        <input type="radio" name={name.clone()} id={format!("{name}-{value}")}
                            value={value} data-field={field.to_string()} checked={cur == Some(on)}
                            aria-invalid={err.as_ref().map(|_| "true")}
                            aria-describedby={err.clone()} />
                        { label }
                    </label>
                }
            }) }
        </div>
    }
}

/// Options after a blank first one (markup). `chosen` is the option
/// matching what was typed; text that matches none (from an imported file)
/// is kept as an extra option, and the engine's message says what is wrong.
pub fn options(cur: &str, list: &[(&str, String)], chosen: Option<&str>, blank: &str) -> String {
    let mut s = format!("<option value=\"\">{blank}</option>");
    for (v, label) in list {
        let _ = write!(s, "<option value=\"{v}\">{}</option>", esc(label));
    }
    if !cur.is_empty() && chosen.is_none() {
        let _ = write!(s, "<option>{}</option>", esc(cur));
    }
    s
}

/// A select whose value is kept in step by `view::sync_selects`.
fn select(ctx: &Ctx, field: &str, list: &[(&str, String)], chosen: Option<&str>) -> Html {
    let cur = ctx.value(field);
    let want = chosen.map(str::to_string).unwrap_or_else(|| cur.clone());
    let err = described(ctx, field);
    html! {
        <select id={dom_id(field)} data-field={field.to_string()} data-value={want}
            aria-invalid={err.as_ref().map(|_| "true")} aria-describedby={err}>
            { raw::html(options(&cur, list, chosen, "— Chưa chọn —")) }
        </select>
    }
}

fn ratio(ctx: &Ctx, input: &Input) -> Html {
    let a = &ctx.state.answers;
    let f = fields(input);
    let (Some(num), Some(den)) = (f.first(), f.get(1)) else {
        return Html::default();
    };
    if let (Unit::DangBo, Some(kind)) = (a.unit, input.from_members)
        && !a.members.is_empty()
    {
        let text = match member_ratio(kind, &a.members) {
            Some(InputValue::Ratio(n, d)) => format_share(n, d) + " chi bộ",
            _ => "chưa tính được: còn chi bộ chưa rõ kết quả.".to_string(),
        };
        return raw::html(format!(
            "<p class=\"calc-computed\">Tính từ danh sách chi bộ: <strong>{text}</strong></p>"
        ));
    }
    let note = if a.unit == Unit::DangBo && input.from_members.is_some() {
        "<p class=\"note\">Hoặc nhập danh sách chi bộ trực thuộc (ở trên) để tính tự động.</p>"
    } else {
        ""
    };
    let parts = [
        (num, input.numerator.as_deref().unwrap_or("Số")),
        (den, input.denominator.as_deref().unwrap_or("Tổng số")),
    ];
    html! {
        <>
            <div class="calc-ratio">
                { for parts.into_iter().map(|(field, label)| html! {
                    <div class="calc-part">
                        { raw::html(format!("<label for=\"{}\">{}</label>", dom_id(field), esc(label))) }
                        { text_box(ctx, field, "numeric") }
                        { error_line(ctx, field) }
                    </div>
                }) }
            </div>
            { raw::html(note.to_string()) }
        </>
    }
}

fn monthly(ctx: &Ctx, input: &Input) -> Html {
    let months = fields(input);
    let list: Vec<(&str, String)> = Rating::ALL
        .iter()
        .map(|r| (r.code(), r.name().to_string()))
        .collect();
    let empty = months
        .iter()
        .filter(|f| ctx.value(f).trim().is_empty())
        .count();
    let fill = if empty == 0 {
        String::new()
    } else {
        format!(
            "<button type=\"button\" class=\"secondary calc-fill\" data-action=\"fill\" data-input=\"{}\">Điền “Tốt” cho {empty} tháng còn trống</button>",
            input.id
        )
    };
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
    html! {
        <>
            <div class="calc-months">
                { for months.iter().enumerate().map(|(i, field)| {
                    let rating = Rating::parse(&ctx.value(field));
                    let chosen = rating.map(Rating::code);
                    let mark = match (rating, floor) {
                        (Some(r), Some(f)) if r < f => " <span class=\"badge fail\">Chưa đạt</span>",
                        _ => "",
                    };
                    html! {
                        <div class="calc-month">
                            { raw::html(format!("<label for=\"{}\">Tháng {}{mark}</label>", dom_id(field), i + 1)) }
                            { select(ctx, field, &list, chosen) }
                            { error_line(ctx, field) }
                        </div>
                    }
                }) }
            </div>
            { raw::html(fill) }
        </>
    }
}
