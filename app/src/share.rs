//! Share links: the answers as base64url JSON in the URL fragment
//! (`#a=…`). A fragment is never sent to a server. Opening a page with one
//! loads the answers (after the same checks as a file) and then removes it
//! from the address bar.

use bontot_core::answers::Answers;
use bontot_core::rules::RuleSet;
use bontot_core::share::{fragment, parse};
use wasm_bindgen::{JsCast, JsValue};

/// The page's address without its fragment.
fn here() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(href.split('#').next().unwrap_or_default().to_string())
}

/// The share link for `a`.
pub fn link(a: &Answers) -> Option<String> {
    Some(format!("{}{}", here()?, fragment(a)?))
}

/// Takes the share fragment off the address bar and reads it.
pub fn take_from_location(rules: &RuleSet) -> Option<Result<Answers, String>> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let result = parse(&hash, rules)?;
    if let (Ok(path), Ok(search), Ok(history)) =
        (location.pathname(), location.search(), window.history())
    {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
    Some(result)
}

/// Copies `text` to the clipboard; `done` learns whether the browser did.
pub fn copy(text: &str, done: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is missing outside secure contexts (http://).
    let has = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|v| !v.is_undefined() && !v.is_null());
    if !has {
        return done(false);
    }
    let promise = navigator.clipboard().write_text(text);
    let done = std::rc::Rc::new(done);
    let yes = done.clone();
    let ok = wasm_bindgen::closure::Closure::once_into_js(move || yes(true));
    let fail = wasm_bindgen::closure::Closure::once_into_js(move || done(false));
    let then = js_sys::Reflect::get(&promise, &JsValue::from_str("then"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &ok, &fail);
    }
}

/// The old way to copy (selection and `execCommand`), for pages served
/// without HTTPS, where `navigator.clipboard` is missing.
pub fn copy_by_selection() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(input) = doc
        .get_element_by_id("calc-share-link")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    input.select();
    doc.dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false)
}
