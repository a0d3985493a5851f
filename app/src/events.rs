//! Every event of the calculator, handled at its root: controls carry
//! `data-field` (a field of the answers), `data-member` and `data-part`
//! (a cell of the chi bộ list) or `data-action` (a button), and the three
//! handlers here turn an event into an [`Action`]. One handler per event
//! type instead of one closure per control keeps the WASM small.

use crate::members::member_from_file;
use crate::run::{self, send};
use crate::state::{Action, Flash};
use crate::{share, storage};
use bontot_core::answers::{Answers, Source};
use bontot_core::model::Unit;
use bontot_core::page::CalculatorData;
use bontot_core::rules::{Class, Rating, fields};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement};

type Handler = fn(Event);

/// Listens at `root` for the calculator's events, as long as the page
/// lives.
pub fn listen(root: &Element) {
    let handlers: [(&str, Handler); 3] = [
        ("input", on_input),
        ("change", on_change),
        ("click", on_click),
    ];
    for (name, f) in handlers {
        let f = Closure::<dyn Fn(Event)>::new(f);
        let _ = root.add_event_listener_with_callback(name, f.as_ref().unchecked_ref());
        f.forget();
    }
}

/// The page's data (`None` while the calculator draws).
fn data() -> Option<Rc<CalculatorData>> {
    run::with(|app| app.data.clone())
}

fn flash(f: Flash) {
    send(Action::Flash(f));
}

/// The element an event happened on.
fn target<T: JsCast>(e: &Event) -> Option<T> {
    e.target()?.dyn_into::<T>().ok()
}

/// The position in the chi bộ list that `el` belongs to.
fn member(el: &Element) -> Option<usize> {
    el.get_attribute("data-member")?
        .parse::<usize>()
        .ok()?
        .checked_sub(1)
}

/// Typing in a text box.
fn on_input(e: Event) {
    let Some(input) = target::<HtmlInputElement>(&e) else {
        return;
    };
    if input.type_() != "text" {
        return;
    }
    let v = input.value();
    let action = if let Some(f) = input.get_attribute("data-field") {
        Action::Field(f, v)
    } else if let Some(i) = member(&input) {
        Action::MemberName(i, v)
    } else {
        match input.id().as_str() {
            "calc-ten" => Action::Name(v),
            "calc-nam" => Action::Year(v),
            _ => return,
        }
    };
    send(action);
}

/// Choosing in a select, a radio button or a file chooser.
fn on_change(e: Event) {
    let Some(target) = target::<Element>(&e) else {
        return;
    };
    if let Some(sel) = target.dyn_ref::<HtmlSelectElement>() {
        let v = sel.value();
        let action = match (sel.get_attribute("data-field"), member(sel)) {
            (Some(f), _) => Action::Field(f, v),
            (None, Some(i)) if sel.get_attribute("data-part").as_deref() == Some("xep-loai") => {
                Action::MemberClass(i, Class::parse(&v))
            }
            (None, Some(i)) => Action::MemberResult(
                i,
                match v.as_str() {
                    "dat" => Some(true),
                    "chua-dat" => Some(false),
                    _ => None,
                },
            ),
            _ => return,
        };
        return send(action);
    }
    let Some(input) = target.dyn_ref::<HtmlInputElement>() else {
        return;
    };
    match (input.type_().as_str(), input.get_attribute("data-field")) {
        ("radio", Some(f)) => send(Action::Field(f, input.value())),
        ("radio", None) => {
            if let (Some(u), Some(data)) = (Unit::from_id(&input.value()), data()) {
                switch_unit(&data, u);
            }
        }
        ("file", _) => {
            let files = storage::chosen_files(input);
            let Some(data) = data() else { return };
            match input.get_attribute("data-action").as_deref() {
                Some("import") => import(data, files),
                Some("import-members") => import_members(data, files),
                _ => {}
            }
        }
        _ => {}
    }
}

fn switch_unit(data: &CalculatorData, u: Unit) {
    let rules = &data.rules;
    let (answers, flash) = match storage::load(rules, u) {
        Ok(a) => (a.unwrap_or_else(|| Answers::new(rules, u)), None),
        Err(e) => (Answers::new(rules, u), Some(Flash::Error(e))),
    };
    send(Action::Switch(answers, flash));
}

fn import(data: Rc<CalculatorData>, files: Vec<web_sys::File>) {
    let Some(file) = files.into_iter().next() else {
        return;
    };
    let name = file.name();
    let done = move |read: Result<String, String>| {
        let data = &data;
        let named = |slug: &str| crate::data::plan_name(data, slug);
        send(
            match read.and_then(|t| Answers::from_json_named(&t, &data.rules, Source::File, &named))
            {
                // Values the rules cannot read are kept as typed and count
                // as unanswered; the results list each with a link to it.
                Ok(mut a) => {
                    let mut msg = format!("Đã nạp câu trả lời từ tệp “{name}”.");
                    let books = std::mem::take(&mut a.books);
                    let (saved, kept) = storage::put_books(&data.rules.plan, a.unit, books);
                    if !saved.is_empty() {
                        msg += &format!(" Kèm sổ theo dõi và xếp loại năm {}.", saved.join(", "));
                    }
                    if !kept.is_empty() {
                        msg += &format!(
                            " Sổ năm {} trong tệp không được nạp vì máy này đã có sổ năm đó: mở phần sổ theo dõi và dùng “Nhập tệp sổ” nếu muốn thay.",
                            kept.join(", ")
                        );
                    }
                    Action::Load(a, msg)
                }
                Err(e) => Action::Flash(Flash::Error(format!("Không nạp được tệp “{name}”. {e}"))),
            },
        );
    };
    storage::read_text(&file, done);
}

/// Reads every chosen file; the list changes once, when the last is in.
fn import_members(data: Rc<CalculatorData>, files: Vec<web_sys::File>) {
    type Slots = Rc<RefCell<Vec<Option<Result<bontot_core::answers::Member, String>>>>>;
    let results: Slots = Rc::new(RefCell::new(vec![None; files.len()]));
    for (i, file) in files.iter().enumerate() {
        let name = file.name();
        let (data, results) = (data.clone(), results.clone());
        let done = move |read: Result<String, String>| {
            let m = read
                .and_then(|text| member_from_file(&text, &name, &data.rules))
                .map_err(|e| format!("Tệp “{name}”: {e}"));
            let mut all = results.borrow_mut();
            if let Some(slot) = all.get_mut(i) {
                *slot = Some(m);
            }
            if all.iter().all(Option::is_some) {
                let (mut members, mut errors) = (Vec::new(), Vec::new());
                for r in all.drain(..).flatten() {
                    match r {
                        Ok(m) => members.push(m),
                        Err(e) => errors.push(e),
                    }
                }
                drop(all);
                send(Action::AddMembers(members, errors));
            }
        };
        storage::read_text(file, done);
    }
}

/// Pressing a button.
fn on_click(e: Event) {
    let Some(el) =
        target::<Element>(&e).and_then(|t| t.closest("button[data-action]").ok().flatten())
    else {
        return;
    };
    let Some(action) = el.get_attribute("data-action") else {
        return;
    };
    let Some((data, a)) = run::with(|app| (app.data.clone(), app.state.answers.clone())) else {
        return;
    };
    let (a, rules) = (&a, &data.rules);
    match action.as_str() {
        "export" => {
            let name = storage::file_name(a);
            // With the year-end part's books: one file keeps the year.
            let mut out = a.clone();
            out.books = storage::books(&rules.plan, a.unit);
            let text = serde_json::to_string(&out).map_err(|_| String::new());
            flash(match text.and_then(|t| storage::download(&name, &t)) {
                Ok(()) => Flash::Done(format!("Đã tải xuống tệp “{name}”.")),
                Err(e) => Flash::Error(e),
            });
        }
        "print" => {
            // Everything drawn first (the page draws in steps); the
            // `beforeprint` listener cannot do it here: its drawing
            // would only run once `print()` has returned.
            send(Action::Finish);
            crate::view::later(|| {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            });
        }
        "reset" => {
            let ok = web_sys::window()
                    .and_then(|w| w.confirm_with_message("Xóa hết câu trả lời đã nhập cho đơn vị này trên máy? Bạn có thể hoàn tác ngay sau đó.").ok())
                    .unwrap_or(false);
            if ok {
                storage::remove(&rules.plan, a.unit);
                send(Action::Reset(Answers::new(rules, a.unit)));
            }
        }
        "copy" => {
            let Some(link) = share::link(a) else { return };
            share::copy(&link, |copied| {
                flash(if copied || share::copy_by_selection() {
                    Flash::Done("Đã chép liên kết.".into())
                } else {
                    Flash::Error(
                        "Trình duyệt không cho chép tự động: hãy chọn liên kết trong ô rồi chép."
                            .into(),
                    )
                });
            });
        }
        "fill" => {
            // "Tốt" for the months not entered yet.
            let id = el.get_attribute("data-input").unwrap_or_default();
            let Some(input) = rules.input(&id) else {
                return;
            };
            let empty = fields(input)
                .into_iter()
                .filter(|f| a.get(f).trim().is_empty())
                .map(|f| (f, Rating::Tot.code().to_string()))
                .collect();
            send(Action::Fields(empty));
        }
        "remove-member" => {
            if let Some(i) = member(&el) {
                send(Action::RemoveMember(i));
            }
        }
        "share" => send(Action::ToggleShare),
        "fold" => send(Action::ToggleCriterion(
            el.get_attribute("data-criterion").unwrap_or_default(),
        )),
        "undo" => send(Action::Undo),
        "dismiss" => send(Action::Dismiss),
        "add-member" => send(Action::AddMember),
        _ => {}
    }
}
