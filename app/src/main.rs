//! The Bốn Tốt calculator, mounted into the calculator pages that site-gen
//! generates: `#calculator` receives the app, `#calculator-data` holds the
//! plan's rule set, and `#paper` (the checklist for readers without
//! JavaScript) is hidden once the app runs.

mod app;
mod data;
mod events;
mod form;
mod members;
mod print;
mod raw;
mod results;
mod share;
mod state;
mod storage;
mod view;

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
                yew::Renderer::<app::App>::with_root_and_props(root, app::Props { data }).render();
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
