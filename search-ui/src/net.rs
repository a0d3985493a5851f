//! The index's JSON files, fetched with the browser's `fetch`.

use crate::text::Problem;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// A file to fetch: its path from the site's top folder (where the search
/// page is, so it is usable as a relative URL), and whether a 404 means
/// "no such term" rather than a fault.
pub type Want = (String, bool);

pub type Texts = Pin<Box<dyn Future<Output = Result<Vec<Option<String>>, Problem>>>>;

/// The files' text, all requested at once (the requests start before the
/// first is awaited); an optional file that is missing is `None`. Boxed,
/// so that the module holds one copy of it however many callers await it.
pub fn texts(wants: Vec<Want>) -> Texts {
    Box::pin(async move {
        let window = web_sys::window().ok_or(Problem::Network)?;
        let pending: Vec<JsFuture> = wants
            .iter()
            .map(|(path, _)| JsFuture::from(window.fetch_with_str(path)))
            .collect();
        let mut out = Vec::with_capacity(wants.len());
        for ((_, optional), response) in wants.iter().zip(pending) {
            let response: Response = response
                .await
                .map_err(|_| Problem::Network)?
                .dyn_into()
                .map_err(|_| Problem::Network)?;
            if response.status() == 404 && *optional {
                out.push(None);
                continue;
            }
            if !response.ok() {
                return Err(Problem::Http(response.status()));
            }
            let body = response.text().map_err(|_| Problem::Network)?;
            let text = JsFuture::from(body)
                .await
                .map_err(|_| Problem::Network)?
                .as_string()
                .ok_or(Problem::Corrupt)?;
            out.push(Some(text));
        }
        Ok(out)
    })
}

/// Resolves in a task of its own (`setTimeout`), so that the work before
/// and after it are separate tasks on the main thread.
pub async fn next_task() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
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
