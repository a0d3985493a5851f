//! The Bốn Tốt calculator, mounted into the calculator pages that site-gen
//! generates: `#calculator` receives the app, `#calculator-data` holds the
//! plan's rule set, and `#paper` (the checklist for readers without
//! JavaScript) is hidden once the app runs.

mod app;
mod data;
mod dom;
mod events;
mod form;
mod members;
mod print;
mod raw;
mod results;
mod run;
mod share;
mod state;
mod storage;
mod view;

/// Talc instead of the standard library's dlmalloc: the same job in 7 KB
/// less WASM, 2.7 KB gzipped (see ARCHITECTURE.md, "The calculator").
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // Each in a task of its own, after the browser has had its turn:
    // starting the module, reading the rules, and the first drawing.
    view::later(start);
}

fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("calculator") else {
        return;
    };
    match data::load(&document) {
        Ok(data) => {
            // The checklist is hidden in the drawing's task, so no frame
            // shows neither.
            view::later(move || {
                if let Some(paper) = document.get_element_by_id("paper") {
                    let _ = paper.set_attribute("hidden", "");
                }
                let typed = take_first_answers(&root);
                let Ok(host) = document.create_element("div") else {
                    return;
                };
                host.set_class_name("calc");
                let _ = root.append_child(&host);
                run::start(host, data, &typed);
            });
        }
        Err(message) => {
            // The paper checklist stays visible; say why the app is missing.
            let p = document.create_element("p").ok();
            if let Some(p) = p {
                p.set_class_name("card warn");
                p.set_text_content(Some(&message));
                let _ = root.append_child(&p);
            }
            view::announce_drawn();
        }
    }
}

/// What was answered in the page's first questions (written by site-gen,
/// see `pages/calculator.rs`) before the app started; removes those
/// questions, which the app draws again in its place (site.js gives the
/// focus back).
fn take_first_answers(root: &web_sys::Element) -> Vec<(String, String)> {
    use wasm_bindgen::JsCast;
    let mut typed = Vec::new();
    let Ok(Some(first)) = root.query_selector(".calc-pre") else {
        return typed;
    };
    if let Ok(list) = first.query_selector_all("input[data-field]") {
        for i in 0..list.length() {
            let Some(input) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                continue;
            };
            let (Some(field), value) = (input.get_attribute("data-field"), input.value()) else {
                continue;
            };
            let radio = input.type_() == "radio";
            if (radio && input.checked()) || (!radio && !value.is_empty()) {
                typed.push((field, value));
            }
        }
    }
    first.remove();
    typed
}
