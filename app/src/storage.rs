//! Saving on this device (localStorage, one key per plan and unit), the
//! answers file (download and upload), and the browser calls behind them.
//! Every browser call can fail (storage disabled, quota); failures are
//! reported, never unwrapped.

use bontot_core::answers::{Answers, MAX_BYTES};
use bontot_core::model::Unit;
use bontot_core::rules::RuleSet;
use bontot_core::text::fold;
use wasm_bindgen::JsCast;

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub use bontot_core::answers::{storage_key as key, unit_storage_key as unit_key};

/// The answers saved for `unit`: `Ok(None)` when there are none, `Err`
/// with the reason when they cannot be used (they are left in place).
pub fn load(rules: &RuleSet, unit: Unit) -> Result<Option<Answers>, String> {
    let Some(text) = local().and_then(|s| s.get_item(&key(&rules.plan, unit)).ok().flatten())
    else {
        return Ok(None);
    };
    match Answers::from_json(&text, rules) {
        Ok(a) if a.unit == unit => Ok(Some(a)),
        Ok(_) => Ok(None),
        Err(e) => Err(format!(
            "Không mở được câu trả lời đã lưu trên máy này: {e}"
        )),
    }
}

/// Saves `a`; false when the browser refuses.
pub fn save(a: &Answers) -> bool {
    let Ok(text) = serde_json::to_string(a) else {
        return false;
    };
    local().is_some_and(|s| s.set_item(&key(&a.plan, a.unit), &text).is_ok())
}

/// The year-end part's books saved for this plan and unit (year → JSON),
/// for the answers file.
pub fn books(plan: &str, unit: Unit) -> std::collections::BTreeMap<String, String> {
    let prefix = bontot_core::roster::storage_key(plan, unit, "");
    let mut out = std::collections::BTreeMap::new();
    let Some(s) = local() else { return out };
    for i in 0..s.length().unwrap_or(0) {
        let Some(k) = s.key(i).ok().flatten() else {
            continue;
        };
        if let (Some(year), Some(v)) = (k.strip_prefix(&prefix), s.get_item(&k).ok().flatten()) {
            out.insert(year.to_string(), v);
        }
    }
    out
}

/// Saves books read from an answers file, each only where this device has
/// none for that year (a book kept here is never replaced unasked);
/// returns the years saved and the years kept as they were.
pub fn put_books(
    plan: &str,
    unit: Unit,
    books: std::collections::BTreeMap<String, String>,
) -> (Vec<String>, Vec<String>) {
    let (mut saved, mut kept) = (Vec::new(), Vec::new());
    let Some(s) = local() else {
        return (saved, books.into_keys().collect());
    };
    for (year, text) in books {
        let k = bontot_core::roster::storage_key(plan, unit, &year);
        if s.get_item(&k).ok().flatten().is_none() && s.set_item(&k, &text).is_ok() {
            saved.push(year);
        } else {
            kept.push(year);
        }
    }
    (saved, kept)
}

/// Tells the year-end part (desk/, if opened) that the answers changed.
pub fn announce_saved() {
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new("bontot:saved")) {
        let _ = w.dispatch_event(&e);
    }
}

/// Calls `f` with the values the year-end part hands over (the event
/// "bontot:fill", its detail JSON `[[field, text], …]`), as long as the
/// page lives.
pub fn on_fill(f: impl Fn(Vec<(String, String)>) + 'static) {
    on_event("bontot:fill", f)
}

/// Calls `f` with the levels the year-end part computed for a đảng bộ's
/// chi bộ (the event "bontot:classes", `[[place in the list, "HTTNV"], …]`).
pub fn on_classes(f: impl Fn(Vec<(usize, String)>) + 'static) {
    on_event("bontot:classes", f)
}

/// Listens for `name` from the year-end part, its detail JSON read as `T`.
fn on_event<T: serde::de::DeserializeOwned + 'static>(name: &'static str, f: impl Fn(T) + 'static) {
    let closure =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            let detail = js_sys::Reflect::get(&e, &"detail".into())
                .ok()
                .and_then(|d| d.as_string());
            if let Some(list) = detail.and_then(|d| serde_json::from_str(&d).ok()) {
                f(list);
            }
        });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    }
    closure.forget();
}

pub fn remove(plan: &str, unit: Unit) {
    if let Some(s) = local() {
        let _ = s.remove_item(&key(plan, unit));
    }
}

/// The unit last chosen for this plan.
pub fn load_unit(plan: &str) -> Option<Unit> {
    let id = local()?.get_item(&unit_key(plan)).ok().flatten()?;
    Unit::from_id(&id)
}

pub fn save_unit(plan: &str, unit: Unit) {
    if let Some(s) = local() {
        let _ = s.set_item(&unit_key(plan), unit.id());
    }
}

/// `tu-danh-gia-<plan>-<ten-don-vi>.json` (the unit kind when unnamed).
pub fn file_name(a: &Answers) -> String {
    // ASCII letters and digits only (`text::slugify` would link the
    // Unicode tables): "Chi bộ 4" → "chi-bo-4".
    let mut name = String::new();
    for c in fold(&a.name).chars().take(60) {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    let who = if name.is_empty() { a.unit.id() } else { name };
    format!("tu-danh-gia-{}-{who}.json", a.plan)
}

/// Offers `text` as a JSON file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    bontot_web::download_text(name, text, "application/json")
}

/// The files chosen in a file input (and clears it, so choosing the same
/// file again fires another change).
pub fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let files = input.files();
    let out = files
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    out
}

/// Reads a chosen file as text, refusing oversized files before reading;
/// `done` receives the text or the message to show.
pub fn read_text(file: &web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    let too_big = |kb| {
        format!("Tệp quá lớn ({kb} KB): tệp câu trả lời hợp lệ nhỏ hơn 1 MB. Không có gì được nạp.")
    };
    bontot_web::read_text(file, MAX_BYTES, too_big, done);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let mut a = Answers {
            format: bontot_core::answers::FORMAT.into(),
            plan: "binh-tan".into(),
            version: 1,
            unit: Unit::ChiBo,
            name: "Chi bộ Trường THCS Bình Tân!".into(),
            year: String::new(),
            values: Default::default(),
            members: Vec::new(),
            books: Default::default(),
        };
        assert_eq!(
            file_name(&a),
            "tu-danh-gia-binh-tan-chi-bo-truong-thcs-binh-tan.json"
        );
        a.name = " ".into();
        assert_eq!(file_name(&a), "tu-danh-gia-binh-tan-chi-bo.json");
    }
}
