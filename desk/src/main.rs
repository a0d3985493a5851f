//! The calculator's year-end part: the unit's member roster with each
//! member's level under the national rules of the assessment year, the
//! unit's own level, the cap on "Hoàn thành xuất sắc nhiệm vụ", and the
//! plan's inputs filled from them. A module of its own, fetched only when
//! the reader opens it (site.js imports `app/desk.js`), so the
//! calculator's first download does not carry it (ARCHITECTURE.md, "The
//! year-end part").

mod dossier;
mod record;
mod store;
mod ui;

use bontot_core::dossier::{PlanDossierFile, Template};
use bontot_core::frame::Frame;
use bontot_core::national::{Regime, parse};
use bontot_core::page::{CalculatorData, ELEMENT_ID, decode, decode_value};
use bontot_core::roster::DeskData;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn main() {
    wasm_bindgen_futures::spawn_local(start());
}

async fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("desk-root") else {
        return;
    };
    match load(&document).await {
        Ok((data, regimes, extra)) => {
            yew::Renderer::<ui::Desk>::with_root_and_props(
                root,
                ui::Props {
                    data,
                    regimes,
                    extra,
                },
            )
            .render();
            // Opened: the button has done its job.
            if let Some(b) = document.get_element_by_id("desk-open") {
                let _ = b.set_attribute("hidden", "");
            }
        }
        Err(message) => {
            if let Ok(p) = document.create_element("p") {
                p.set_class_name("card warn");
                p.set_attribute("role", "alert").ok();
                p.set_text_content(Some(&message));
                let _ = root.append_child(&p);
            }
        }
    }
}

/// What the year-end part uses besides the rules: the meeting frames and
/// this plan's dossier.
#[derive(Default)]
pub struct Extra {
    pub frames: Vec<Frame>,
    /// The documents the plan's text lists, and the plan as they cite it.
    pub dossier: Option<(PlanDossierFile, String)>,
    pub templates: Vec<Template>,
}

type Loaded = (Rc<CalculatorData>, Rc<Vec<Regime>>, Rc<Extra>);

/// The page's rule set and what the page's year-end data holds.
async fn load(document: &web_sys::Document) -> Result<Loaded, String> {
    const BROKEN: &str = "Không đọc được dữ liệu của phần xếp loại cuối năm. Hãy tải lại trang.";
    let data = document
        .get_element_by_id(ELEMENT_ID)
        .and_then(|e| e.text_content())
        .and_then(|t| decode(&t))
        .ok_or(BROKEN)?;
    let url = document
        .get_element_by_id("desk")
        .and_then(|e| e.get_attribute("data-national"));
    let mut regimes = Vec::new();
    let mut extra = Extra::default();
    if let Some(url) = url {
        let text = fetch_text(&url).await.map_err(|_| {
            "Không tải được quy định xếp loại (mạng yếu hoặc bị ngắt). Hãy thử lại khi có mạng."
                .to_string()
        })?;
        let desk: DeskData = decode_value(&text).ok_or(BROKEN)?;
        for (id, file) in desk.regimes {
            // site-gen checked them; a failure here is a broken download.
            regimes.push(parse(&id, file).map_err(|_| BROKEN.to_string())?);
        }
        extra.frames = serde_json::from_str(&desk.frames_json).map_err(|_| BROKEN.to_string())?;
        extra.dossier = desk
            .dossiers
            .into_iter()
            .find(|(slug, _, _)| *slug == data.rules.plan)
            .map(|(_, d, cite)| (d, cite));
        extra.templates = desk.templates;
    }
    Ok((Rc::new(data), Rc::new(regimes), Rc::new(extra)))
}

async fn fetch_text(url: &str) -> Result<String, ()> {
    let window = web_sys::window().ok_or(())?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    JsFuture::from(response.text().map_err(|_| ())?)
        .await
        .map_err(|_| ())?
        .as_string()
        .ok_or(())
}
