//! The index's JSON files, fetched with the browser's `fetch`, each once
//! per visit: a query reuses what an earlier query, or typing, started.

use crate::text::Problem;
use js_sys::Promise;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::Response;

/// A file to fetch: its path from the site's top folder (where the search
/// page is, so it is usable as a relative URL), and whether a 404 means
/// "no such term" rather than a fault.
pub type Want = (String, bool);

pub type Texts = Pin<Box<dyn Future<Output = Result<Vec<Option<String>>, Problem>>>>;

thread_local! {
    /// Files requested this visit, by path, with their answer to come. A
    /// few dozen at most, so a list.
    static STARTED: RefCell<Vec<(String, Promise)>> = RefCell::default();
}

/// Requests `path` unless it was already: the promise resolves (never
/// rejects, so an answer nobody awaits is no console error) to the text,
/// or to the HTTP status of a failure, 0 for a network one. A failure
/// other than a 404 is forgotten, so that trying again fetches again.
fn start(path: &str) -> Promise {
    let known = STARTED.with(|s| {
        let s = s.borrow();
        s.iter().find(|(p, _)| p == path).map(|(_, f)| f.clone())
    });
    if let Some(f) = known {
        return f;
    }
    let owned = path.to_string();
    let promise = future_to_promise(async move {
        let got = get(&owned).await;
        if got.as_ref().is_err_and(|&status| status != 404) {
            STARTED.with(|s| s.borrow_mut().retain(|(p, _)| *p != owned));
        }
        Ok(match got {
            Ok(text) => JsValue::from_str(&text),
            Err(status) => JsValue::from_f64(f64::from(status)),
        })
    });
    STARTED.with(|s| s.borrow_mut().push((path.to_string(), promise.clone())));
    promise
}

/// Requests `path` for later (see [`start`]).
pub fn prefetch(path: &str) {
    let _ = start(path);
}

/// One file's text, or the HTTP status of a failure (0: the network).
async fn get(path: &str) -> Result<String, u16> {
    let window = web_sys::window().ok_or(0u16)?;
    let response: Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| 0u16)?
        .dyn_into()
        .map_err(|_| 0u16)?;
    if !response.ok() {
        return Err(response.status().max(1));
    }
    let body = response.text().map_err(|_| 0u16)?;
    JsFuture::from(body)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(0)
}

/// The files' text, all requested at once (the requests start before the
/// first is awaited); an optional file that is missing is `None`. Boxed,
/// so that the module holds one copy of it however many callers await it.
pub fn texts(wants: Vec<Want>) -> Texts {
    Box::pin(async move {
        let pending: Vec<Promise> = wants.iter().map(|(path, _)| start(path)).collect();
        let mut out = Vec::with_capacity(wants.len());
        for ((_, optional), answer) in wants.iter().zip(pending) {
            let answer = JsFuture::from(answer).await.map_err(|_| Problem::Network)?;
            if let Some(text) = answer.as_string() {
                out.push(Some(text));
                continue;
            }
            match answer.as_f64().unwrap_or_default() as u16 {
                0 => return Err(Problem::Network),
                404 if *optional => out.push(None),
                status => return Err(Problem::Http(status)),
            }
        }
        Ok(out)
    })
}

/// Resolves in a task of its own (`setTimeout`), so that the work before
/// and after it are separate tasks on the main thread.
pub async fn next_task() {
    let tick = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(tick).await;
}

/// Files that must all exist.
pub fn required(paths: Vec<String>) -> Texts {
    texts(paths.into_iter().map(|p| (p, false)).collect())
}

/// Parses each fetched text; missing optional files are left out.
pub fn parse_all<T: DeserializeOwned>(texts: Vec<Option<String>>) -> Result<Vec<T>, Problem> {
    let mut out = Vec::with_capacity(texts.len());
    for t in texts.iter().flatten() {
        out.push(parse(t)?);
    }
    Ok(out)
}

/// One file's JSON.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    serde_json::from_str(text).map_err(|_| Problem::Corrupt)
}
