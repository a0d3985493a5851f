//! Browser file helpers that the calculator (`app/`) and the year-end part
//! (`desk/`) both need: offering a download and reading a chosen file.
//! A crate of its own because `core` has no browser code. Messages are the
//! UI's, in Vietnamese.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

const REFUSED: &str = "Trình duyệt không cho tải tệp xuống.";
const UNREADABLE: &str = "Không đọc được tệp. Không có gì được nạp.";

/// Offers `text` as a file named `name`, of type `mime`.
pub fn download_text(name: &str, text: &str, mime: &str) -> Result<(), String> {
    download(name, &js_sys::Array::of1(&text.into()), mime)
}

/// Offers `bytes` as a file named `name`, of type `mime`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    download(
        name,
        &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)),
        mime,
    )
}

fn download(name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), String> {
    let refused = |_| REFUSED.to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(REFUSED)?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_blob_sequence_and_options(parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| REFUSED.to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// Reads `file` as text; a file over `max_bytes` is refused before it is
/// read, with `too_big(size in KB)` as the message. `done` receives the
/// text or the message to show, once.
pub fn read_text(
    file: &web_sys::File,
    max_bytes: usize,
    too_big: impl FnOnce(u64) -> String,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    let size = file.size();
    if size > max_bytes as f64 {
        return done(Err(too_big((size / 1000.0) as u64)));
    }
    let Ok(reader) = web_sys::FileReader::new() else {
        return done(Err(UNREADABLE.into()));
    };
    // `done` runs in the reader's callback, or now if reading cannot start.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let (r, d) = (reader.clone(), done.clone());
    let onload = Closure::once_into_js(move || {
        let text = r.result().ok().and_then(|v| v.as_string());
        if let Some(f) = d.take() {
            f(text.ok_or_else(|| UNREADABLE.to_string()));
        }
    });
    reader.set_onloadend(Some(onload.unchecked_ref()));
    if reader.read_as_text(file).is_err()
        && let Some(f) = done.take()
    {
        f(Err(UNREADABLE.into()));
    }
}
