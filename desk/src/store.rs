//! The device's storage and files: the calculator's saved answers (read
//! only: the calculator owns them), this part's book per plan, unit and
//! year, the roster file, and the two events between this module and the
//! calculator's ("bontot:saved" from it, "bontot:fill" to it). Every
//! browser call can fail; failures are reported, never unwrapped.

use bontot_core::answers::{Answers, storage_key, unit_storage_key};
use bontot_core::check::Checked;
use bontot_core::model::Unit;
use bontot_core::roster::{self, Book};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The unit the calculator shows, and what it has saved for it.
pub fn answers(rules: &Checked) -> Answers {
    let plan = &rules.plan;
    let s = local();
    let unit = s
        .as_ref()
        .and_then(|s| s.get_item(&unit_storage_key(plan)).ok().flatten())
        .and_then(|id| Unit::from_id(&id))
        .filter(|u| rules.units.contains(u))
        .or_else(|| rules.units.first().copied())
        .unwrap_or(Unit::ChiBo);
    s.and_then(|s| s.get_item(&storage_key(plan, unit)).ok().flatten())
        .and_then(|t| Answers::from_json(&t, rules).ok())
        .filter(|a| a.unit == unit)
        .unwrap_or_else(|| Answers::new(rules, unit))
}

/// The book saved for this plan, unit and year, or a new one; the message
/// says why a saved one could not be read (it is left in place).
pub fn load_book(plan: &str, plan_name: &str, unit: Unit, year: &str) -> (Book, Option<String>) {
    let fresh = || Book::new(plan, unit, year);
    let Some(text) = local().and_then(|s| {
        s.get_item(&roster::storage_key(plan, unit, year))
            .ok()
            .flatten()
    }) else {
        return (fresh(), None);
    };
    match Book::from_json(&text, plan, plan_name, unit) {
        Ok(b) => (b, None),
        Err(e) => (
            fresh(),
            Some(format!("Không mở được danh sách đã lưu trên máy này: {e}")),
        ),
    }
}

/// Whether this device keeps a book for `b`'s plan, unit and year.
pub fn has_book(b: &Book) -> bool {
    local().is_some_and(|s| {
        s.get_item(&roster::storage_key(&b.plan, b.unit, &b.year))
            .ok()
            .flatten()
            .is_some()
    })
}

/// Saves `b`; false when the browser refuses.
pub fn save_book(b: &Book) -> bool {
    let Ok(text) = serde_json::to_string(b) else {
        return false;
    };
    local().is_some_and(|s| {
        s.set_item(&roster::storage_key(&b.plan, b.unit, &b.year), &text)
            .is_ok()
    })
}

/// Calls `f` whenever the calculator has saved its answers; the returned
/// function stops listening.
pub fn on_saved(f: impl Fn() + 'static) -> impl FnOnce() {
    let closure = Closure::<dyn Fn()>::new(f);
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ =
            w.add_event_listener_with_callback("bontot:saved", closure.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = window {
            let _ = w.remove_event_listener_with_callback(
                "bontot:saved",
                closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Hands `values` (field id, text) to the calculator, which sets them as
/// answers; false when the browser refuses.
pub fn fill(values: &[(String, String)]) -> bool {
    send("bontot:fill", values)
}

/// Hands levels computed here for a đảng bộ's chi bộ (their places in
/// the calculator's list, and the level's code) to the calculator.
pub fn set_classes(list: &[(usize, String)]) -> bool {
    send("bontot:classes", list)
}

/// Dispatches the event `name` with `value` as its JSON detail, which the
/// calculator's `storage::on_event` reads.
fn send<T: serde::Serialize + ?Sized>(name: &str, value: &T) -> bool {
    let Ok(json) = serde_json::to_string(value) else {
        return false;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&wasm_bindgen::JsValue::from_str(&json));
    let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) else {
        return false;
    };
    web_sys::window().is_some_and(|w| w.dispatch_event(&event).is_ok())
}

/// What was typed in the input an event came from, cut to `max`
/// characters (the file refuses longer ones).
pub fn typed(e: &yew::InputEvent, max: usize) -> String {
    use yew::TargetCast;
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
        .chars()
        .take(max)
        .collect()
}

/// Prints one sheet alone: `<html>` gets `desk-printing` (and the element
/// `id`, if given, `print-me`), which the page's print style reads, until
/// the browser reports the printing done.
pub fn print_alone(id: Option<&str>) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let doc = w.document();
    let root = doc.as_ref().and_then(|d| d.document_element());
    let el = id.and_then(|id| doc.as_ref().and_then(|d| d.get_element_by_id(id)));
    if let Some(r) = &root {
        let _ = r.class_list().add_1("desk-printing");
    }
    if let Some(e) = &el {
        let _ = e.class_list().add_1("print-me");
    }
    let done = Closure::once_into_js(move || {
        if let Some(r) = root {
            let _ = r.class_list().remove_1("desk-printing");
        }
        if let Some(e) = el {
            let _ = e.class_list().remove_1("print-me");
        }
    });
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_once(true);
    let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
        "afterprint",
        done.unchecked_ref(),
        &opts,
    );
    let _ = w.print();
}

/// `xep-loai-<plan>-<unit>-<year>.json`.
pub fn file_name(b: &Book) -> String {
    let year: String = b.year.chars().filter(char::is_ascii_digit).collect();
    format!("xep-loai-{}-{}-{year}.json", b.plan, b.unit.id())
}

/// Offers `text` as a JSON file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    bontot_web::download_text(name, text, "application/json")
}

/// Offers `bytes` as a file download named `name`, of type `mime`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    bontot_web::download_bytes(name, bytes, mime)
}

/// Reads the file chosen in `input` as text (and clears the input);
/// `done` receives the text or the message to show.
pub fn read_chosen(input: &web_sys::HtmlInputElement, done: yew::Callback<Result<String, String>>) {
    let file = input.files().and_then(|l| l.get(0));
    input.set_value("");
    let Some(file) = file else {
        return;
    };
    let too_big =
        |kb| format!("Tệp quá lớn ({kb} KB): tệp sổ hợp lệ nhỏ hơn 2 MB. Không có gì được nạp.");
    bontot_web::read_text(&file, roster::MAX_BYTES, too_big, move |r| done.emit(r));
}
