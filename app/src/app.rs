//! The calculator's first state, and the page's parts in order.

use crate::dom::{Part, Parts};
use crate::raw::{el, esc};
use crate::share;
use crate::state::{Drawn, Flash, State, clip, is_empty};
use crate::storage;
use crate::view::Ctx;
use crate::{form, members, print, results};
use bontot_core::answers::Answers;
use bontot_core::model::Unit;
use bontot_core::page::CalculatorData;
use std::fmt::Write;

/// The first state: answers from a share link if the address has one,
/// else those saved on this device, else none; then what was `typed` in
/// the page's first questions before the app started (newer than
/// anything saved, so applied over it).
pub fn init(data: &CalculatorData, typed: &[(String, String)]) -> State {
    let rules = &data.rules;
    let link = share::take_from_location(rules);
    let unit = match &link {
        Some(Ok(a)) => a.unit,
        _ => storage::load_unit(&rules.plan)
            .filter(|u| rules.units.contains(u))
            .or_else(|| rules.units.first().copied())
            .unwrap_or(Unit::ChiBo),
    };
    let (saved, saved_error) = match storage::load(rules, unit) {
        Ok(a) => (a, None),
        Err(e) => (None, Some(e)),
    };
    let current = saved.unwrap_or_else(|| Answers::new(rules, unit));
    let mut state = State {
        answers: current,
        previous: None,
        flash: saved_error.map(Flash::Error),
        share: false,
        stored: true,
        // The frame now, the rest in later tasks (see `State::step`).
        step: 0,
        open: Vec::new(),
    };
    match link {
        Some(Ok(a)) => {
            let old = std::mem::replace(&mut state.answers, a);
            let replaced = !is_empty(&old) && old != state.answers;
            state.previous = replaced.then_some(old);
            let mut msg = "Đã mở câu trả lời từ liên kết chia sẻ.".to_string();
            if replaced {
                msg.push_str(" Câu trả lời đã lưu trước đó trên máy này được thay: bấm “Hoàn tác” để lấy lại.");
            }
            state.flash = Some(Flash::Done(msg));
        }
        Some(Err(e)) => {
            state.flash = Some(Flash::Error(format!("Không mở được liên kết chia sẻ. {e}")));
        }
        None => {}
    }
    for (field, value) in typed {
        state.answers.set(field, clip(value.clone()));
    }
    state
}

/// The calculator as drawn at `drawn` (see `State::step`), its first part
/// `screen` ([`screen`], or [`screen_as_drawn`]).
pub fn view(ctx: &Ctx, drawn: Drawn, screen: Part) -> Parts {
    let mut parts = Parts(vec![screen]);
    if drawn.complete {
        parts.add("print-head", print::head(ctx));
        results::view(ctx, &mut parts);
        parts.add("print-sign", print::sign(ctx));
    }
    parts.add("actions", format!("<p class=\"calc-actions calc-screen\">{PRINT}<a class=\"button secondary\" href=\"#calc-luu\">↑ Lưu, chia sẻ</a></p>"));
    parts
}

/// The first part of [`view`]: what the reader answers in (tools, the
/// unit, the chi bộ list, the form) and the result bar.
pub fn screen(ctx: &Ctx, drawn: Drawn) -> Part {
    let mut screen = Parts::default();
    header(ctx, &mut screen);
    toolbar(ctx, &mut screen);
    identity(ctx, &mut screen);
    members::view(ctx, &mut screen);
    screen.own(
        "form",
        "<div class=\"calc-form\" data-own></div>".into(),
        form::view(ctx, drawn.questions),
    );
    screen.add("bar", results::bar(ctx));
    Part {
        key: "screen".into(),
        html: SCREEN.into(),
        kids: Some(screen.0),
    }
}

/// The first part as it is already drawn: patching leaves it and what it
/// owns alone, without writing them again.
pub fn screen_as_drawn() -> Part {
    Part {
        key: "screen".into(),
        html: SCREEN.into(),
        kids: None,
    }
}

const SCREEN: &str = "<div class=\"calc-screen\" data-own></div>";

const PRINT: &str = "<button type=\"button\" data-action=\"print\">In phiếu tự đánh giá</button>";

fn header(ctx: &Ctx, parts: &mut Parts) {
    let d = ctx.data;
    let unit = ctx.state.answers.unit;
    if !d.others.is_empty() {
        let mut s = String::new();
        let _ = write!(
            s,
            "<nav class=\"calc-plans\" aria-label=\"Kế hoạch khác\"><details><summary>Đang dùng kế hoạch của {}. Đổi kế hoạch khác</summary><ul>",
            esc(&d.locality)
        );
        for (name, url) in &d.others {
            let _ = write!(s, "<li><a href=\"{}\">{}</a></li>", esc(url), esc(name));
        }
        s += "</ul></details></nav>";
        parts.add("plans", s);
    }
    if d.rules.units.len() < 2 {
        parts.add(
            "unit",
            format!("<p>Kế hoạch này áp dụng cho: {}.</p>", unit.label()),
        );
    }
    // Folded so that the first question comes early; the results repeat
    // them beside the verdict, on screen and on paper.
    if !d.rules.notices.is_empty() {
        let mut s = String::new();
        let _ = write!(
            s,
            "<details class=\"card warn calc-notices\"><summary>Lưu ý về kế hoạch này và cách máy tính đọc nó ({})</summary>",
            d.rules.notices.len()
        );
        for n in &d.rules.notices {
            let cite = n.cite.as_ref().map(|c| ctx.cite(c)).unwrap_or_default();
            let _ = write!(s, "<p class=\"calc-notice\">{} {cite}</p>", esc(&n.text));
        }
        s += "</details>";
        parts.add("notices", s);
    }
    let mut units = String::new();
    if d.rules.units.len() > 1 {
        units += "<fieldset class=\"calc-units\"><legend>Đơn vị tự đánh giá</legend>";
        for &u in &d.rules.units {
            let _ = write!(
                units,
                "<label class=\"calc-choice\"><input type=\"radio\" name=\"calc-unit\" value=\"{0}\" id=\"calc-unit-{0}\"{1}>{2}</label>",
                u.id(),
                if u == unit { " checked" } else { "" },
                u.label()
            );
        }
        units += "</fieldset>";
    }
    parts.add("units", units);
}

/// A labelled one-line text box outside the rule set's questions.
/// A short text answer; `note`: whether a note describes it (`Some`) and
/// whether that note is an error (`Some(true)`).
fn line(
    id: &'static str,
    label: &str,
    value: &str,
    mode: &'static str,
    note: Option<bool>,
) -> String {
    let mut aria = String::new();
    if note == Some(true) {
        aria += " aria-invalid=\"true\"";
    }
    if note.is_some() {
        let _ = write!(aria, " aria-describedby=\"{id}-note\"");
    }
    format!(
        "<div class=\"calc-q\"><label for=\"{id}\">{label}</label><input type=\"text\" id=\"{id}\" class=\"calc-num\" maxlength=\"200\" autocomplete=\"off\" inputmode=\"{mode}\" value=\"{}\"{aria}></div>",
        esc(value)
    )
}

/// What the assessment year says: not a year (an error), outside the
/// plan's period (a notice), or nothing.
pub fn year_note(data: &CalculatorData, year: &str) -> Option<(bool, String)> {
    if year.trim().is_empty() {
        return None;
    }
    let y = match bontot_core::model::assessment_year(year) {
        Ok(y) => y,
        Err(msg) => return Some((true, msg.to_string())),
    };
    let p = data.period?;
    (!p.contains(y)).then(|| {
        (
            false,
            format!(
                "Kế hoạch này áp dụng cho {}; năm {y} nằm ngoài thời gian đó. Kết quả dưới đây vẫn tính theo kế hoạch này: hãy hỏi cấp ủy cấp trên kế hoạch nào áp dụng cho năm {y}.",
                p.vietnamese()
            ),
        )
    })
}

fn identity(ctx: &Ctx, parts: &mut Parts) {
    let a = &ctx.state.answers;
    let note = year_note(ctx.data, &a.year);
    let who = match a.unit {
        Unit::ChiBo => "Tên chi bộ",
        Unit::DangBo => "Tên đảng bộ",
    };
    // Side by side (style.css): two short answers need not take a screen.
    parts.add(
        "who-h",
        "<h2 class=\"calc-group\">Đơn vị và năm</h2>".into(),
    );
    parts.add("ten", line("calc-ten", who, &a.name, "text", None));
    parts.add(
        "nam",
        line(
            "calc-nam",
            "Năm đánh giá",
            &a.year,
            "numeric",
            note.as_ref().map(|n| n.0),
        ),
    );
    // Under both fields, the width of the form.
    if let Some((err, text)) = note {
        parts.add(
            "nam-note",
            format!(
                "<p class=\"{}\" id=\"calc-nam-note\">{}</p>",
                if err { "calc-error" } else { "note" },
                esc(&text)
            ),
        );
    }
}

fn toolbar(ctx: &Ctx, parts: &mut Parts) {
    let state = ctx.state;
    let note = if state.stored {
        "Câu trả lời tự lưu trên máy này (không gửi đi đâu). Muốn chuyển sang máy khác hoặc gửi cấp trên: xuất tệp hoặc chia sẻ liên kết."
    } else {
        "Trình duyệt không cho lưu trên máy này: hãy xuất tệp để giữ câu trả lời."
    };
    // An alert for refusals, a status for the rest; both stay in the page.
    let (mut alert, mut status) = (String::new(), String::new());
    match &state.flash {
        Some(Flash::Error(e)) => {
            alert = format!(
                "<div class=\"card fail calc-alert\">{}{CLOSE}</div>",
                el("p", "", e)
            );
        }
        Some(Flash::Done(m)) => {
            let undo = if state.previous.is_some() { UNDO } else { "" };
            status = format!(
                "<div class=\"card pass calc-done\">{}{undo}{CLOSE}</div>",
                el("p", "", m)
            );
        }
        None => {}
    }
    let share = if state.share {
        share_box(ctx)
    } else {
        String::new()
    };
    // One line until opened, so that the first question comes early;
    // what an action reports stays outside, always in view.
    parts.add(
        "tools",
        format!(
            "<section class=\"calc-tools\" id=\"calc-luu\"><div class=\"calc-flash\" role=\"alert\">{alert}</div><div class=\"calc-flash\" role=\"status\">{status}</div><details class=\"calc-menu\"><summary>Lưu, chia sẻ, nhập tệp, in</summary><p class=\"note\">{note}</p><div class=\"calc-actions\">{}<button type=\"button\" class=\"secondary\" data-action=\"export\">Xuất tệp</button><button type=\"button\" class=\"secondary\" data-action=\"share\" aria-expanded=\"{}\" aria-controls=\"calc-share\">Chia sẻ bằng liên kết</button>{PRINT}<button type=\"button\" class=\"secondary\" data-action=\"reset\">Xóa hết</button></div>{share}</details></section>",
            members::file_button("Nhập tệp câu trả lời", "import", false),
            state.share
        ),
    );
}

const CLOSE: &str =
    "<button type=\"button\" class=\"secondary\" data-action=\"dismiss\">Đóng</button>";
const UNDO: &str =
    "<button type=\"button\" class=\"secondary\" data-action=\"undo\">Hoàn tác</button>";

/// The share link in a read-only box, with a copy button (markup: the box
/// is read-only, so it can be rewritten whole when the answers change).
fn share_box(ctx: &Ctx) -> String {
    let Some(link) = share::link(&ctx.state.answers) else {
        return "<p id=\"calc-share\" class=\"card fail\">Không tạo được liên kết.</p>".into();
    };
    format!(
        "<div id=\"calc-share\" class=\"card calc-share\"><label for=\"calc-share-link\">Liên kết chứa toàn bộ câu trả lời</label><p class=\"note\" id=\"calc-share-h\">Ai có liên kết đều xem được câu trả lời. Câu trả lời nằm trong liên kết (sau dấu #), không được gửi lên máy chủ. Dài {} ký tự.</p><input type=\"text\" id=\"calc-share-link\" readonly value=\"{}\" aria-describedby=\"calc-share-h\"><button type=\"button\" data-action=\"copy\">Chép liên kết</button></div>",
        link.chars().count(),
        esc(&link)
    )
}

#[cfg(test)]
mod tests {
    use super::year_note;
    use bontot_core::model::Period;
    use bontot_core::page::CalculatorData;

    fn data(period: Option<Period>) -> CalculatorData {
        CalculatorData {
            rules: serde_json::from_str(crate::view::tests::RULES).unwrap(),
            plan_title: "Kế hoạch".into(),
            locality: "Phường".into(),
            number: None,
            plan_url: "../ke-hoach/thu.html".into(),
            others: Vec::new(),
            period,
        }
    }

    #[test]
    fn the_year_is_checked_and_compared_with_the_period() {
        let d = data(Some(Period {
            from: 2022,
            to: 2027,
        }));
        assert_eq!(year_note(&d, ""), None);
        assert_eq!(year_note(&d, "2025"), None);
        assert_eq!(year_note(&d, "2027"), None);
        let (err, text) = year_note(&d, "năm nay").unwrap();
        assert!(err && text.contains("ví dụ 2025"), "{text}");
        let (err, text) = year_note(&d, "2028").unwrap();
        assert!(!err, "outside the period is a notice, not an error");
        assert!(
            text.contains("giai đoạn 2022 – 2027") && text.contains("năm 2028"),
            "{text}"
        );
        assert!(year_note(&d, "2021").is_some());
        // A plan that gives no period: a year is only checked as a year.
        let d = data(None);
        assert_eq!(year_note(&d, "2031"), None);
        assert!(year_note(&d, "20x5").unwrap().0);
    }
}

#[cfg(test)]
mod parts_tests {
    use super::view;
    use crate::dom::Part;
    use crate::state::{Drawn, State};
    use crate::view::Ctx;
    use bontot_core::answers::{Answers, Member};
    use bontot_core::engine::evaluate;
    use bontot_core::model::Unit;
    use bontot_core::page::CalculatorData;
    use std::collections::BTreeMap;
    use std::rc::Rc;

    fn data() -> Rc<CalculatorData> {
        Rc::new(CalculatorData {
            rules: serde_json::from_str(crate::view::tests::RULES).unwrap(),
            plan_title: "Kế hoạch".into(),
            locality: "Phường".into(),
            number: None,
            plan_url: "../ke-hoach/thu.html".into(),
            others: vec![("Xã khác".into(), "khac.html".into())],
            period: None,
        })
    }

    fn state(answers: Answers) -> State {
        State {
            answers,
            previous: None,
            flash: None,
            share: false,
            stored: true,
            step: usize::MAX / 2,
            open: Vec::new(),
        }
    }

    /// The parts the page is drawn from, whole.
    fn parts(data: &Rc<CalculatorData>, s: &State) -> Vec<Part> {
        let result = evaluate(&data.rules, s.answers.unit, &s.answers);
        let ctx = Ctx {
            data,
            state: s,
            result: &result,
        };
        let drawn = Drawn::at(s.step, 100);
        view(&ctx, drawn, super::screen(&ctx, drawn)).0
    }

    /// Every part by its path of keys ("screen/form/Nhiệm vụ/ket-nap").
    fn flat(list: &[Part], at: &str, out: &mut BTreeMap<String, String>) {
        for p in list {
            let path = format!("{at}/{}", p.key);
            assert!(
                out.insert(path.clone(), p.html.clone()).is_none(),
                "two parts at {path}: patching by key needs them unique"
            );
            // One element: patching morphs or places exactly one.
            let tag: String = p.html[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                p.html.starts_with('<')
                    && (p.html.ends_with(&format!("</{tag}>")) || tag == "input"),
                "{path} is not one element: {}",
                p.html
            );
            if let Some(kids) = &p.kids {
                assert!(p.html.contains("data-own"), "{path} owns parts");
                flat(kids, &path, out);
            }
        }
    }

    #[test]
    fn each_part_is_one_element_under_a_key_of_its_own() {
        let data = data();
        for unit in [Unit::ChiBo, Unit::DangBo] {
            let mut a = Answers::new(&data.rules, unit);
            a.set("ket-nap", "x".into());
            a.members = vec![Member::default(), Member::default()];
            let mut out = BTreeMap::new();
            flat(&parts(&data, &state(a)), "", &mut out);
            assert!(out.contains_key("/results/verdict"), "{:?}", out.keys());
            assert!(out.contains_key("/results/errors"));
        }
        let mut out = BTreeMap::new();
        let a = Answers::new(&data.rules, Unit::DangBo);
        let mut s = state(a);
        s.answers.members = vec![Member::default(); 3];
        flat(&parts(&data, &s), "", &mut out);
        assert!(out.contains_key("/screen/members/3"));
    }

    #[test]
    fn an_answer_changes_only_the_parts_it_concerns() {
        let data = data();
        let mut s = state(Answers::new(&data.rules, Unit::ChiBo));
        let (mut before, mut after) = (BTreeMap::new(), BTreeMap::new());
        flat(&parts(&data, &s), "", &mut before);
        s.answers.set("chi-tieu", "2".into());
        flat(&parts(&data, &s), "", &mut after);
        let changed: Vec<&String> = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .map(|(k, _)| k)
            .collect();
        // The question typed in and the list of unanswered questions; not
        // the rest of the form, the tools or the other results (the
        // indicator still waits for "ket-nap").
        assert_eq!(
            changed,
            [
                "/results/missing",
                "/screen/form/Tiêu chí 1: Nhiệm vụ/chi-tieu"
            ],
            "of {}",
            after.len()
        );
    }
}
