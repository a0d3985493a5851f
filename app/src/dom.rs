//! The page as a list of parts, each one element written as markup text
//! under a key, and the patching that keeps the page in step with it: a
//! part whose text is unchanged is not touched; a changed one is updated
//! in place (morphdom, in `js/patch.js`, which keeps focus, caret and an
//! IME's composition); parts are added, moved and removed by key. A part
//! may own a list of parts of its own (`kids`): they live inside its
//! element marked `data-own`, whose children morphdom leaves alone.
//! Why not Yew: see ARCHITECTURE.md, "The calculator".

use wasm_bindgen::prelude::*;
use web_sys::{Element, Node};

#[wasm_bindgen(module = "/js/patch.js")]
extern "C" {
    fn make(html: &str) -> Element;
    fn morph(el: &Element, html: &str) -> Element;
}

/// One element of the page, written as markup.
#[derive(Debug, PartialEq)]
pub struct Part {
    pub key: String,
    pub html: String,
    /// The parts inside this part's `data-own` element, if it has one;
    /// `None` for a part that has one leaves them as they are.
    pub kids: Option<Vec<Part>>,
}

/// A list of parts being written; empty markup adds nothing (a part that
/// says nothing is absent, not an empty element).
#[derive(Default)]
pub struct Parts(pub Vec<Part>);

impl Parts {
    pub fn add(&mut self, key: impl Into<String>, html: String) {
        if !html.is_empty() {
            self.0.push(Part {
                key: key.into(),
                html,
                kids: None,
            });
        }
    }

    /// A part whose `data-own` element holds `kids`.
    pub fn own(&mut self, key: impl Into<String>, html: String, kids: Parts) {
        self.0.push(Part {
            key: key.into(),
            html,
            kids: Some(kids.0),
        });
    }
}

/// A part as it is in the page.
pub struct Mounted {
    key: String,
    html: String,
    el: Element,
    /// Where its own parts live (see [`own_box`]), found once.
    own: Option<Element>,
    kids: Vec<Mounted>,
}

/// Where a part's own parts live: the element itself or the first
/// descendant marked `data-own`.
fn own_box(el: &Element) -> Option<Element> {
    if el.has_attribute("data-own") {
        Some(el.clone())
    } else {
        el.query_selector("[data-own]").ok().flatten()
    }
}

/// Makes the children of `host` the elements of `new`, in order, given
/// that they are now those of `old`.
pub fn patch(host: &Element, old: &mut Vec<Mounted>, new: Vec<Part>) {
    let mut prev: Vec<Option<Mounted>> = std::mem::take(old).into_iter().map(Some).collect();
    // Most renders keep every part in its place: then nothing is placed
    // (each check of a place is a call out of WASM).
    let mut in_place = prev.len() == new.len();
    let kept: Vec<Option<Mounted>> = new
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let j = match prev.get(i) {
                Some(Some(m)) if m.key == part.key => Some(i),
                _ => {
                    in_place = false;
                    prev.iter()
                        .position(|m| m.as_ref().is_some_and(|m| m.key == part.key))
                }
            };
            j.and_then(|j| prev[j].take())
        })
        .collect();
    // Parts gone are removed first: one left standing where the kept ones
    // are placed would have every part after it moved.
    for m in prev.into_iter().flatten() {
        m.el.remove();
    }
    let mut at: Option<Node> = if in_place { None } else { host.first_child() };
    for (part, kept) in new.into_iter().zip(kept) {
        let m = match kept {
            Some(mut m) => {
                update(&mut m, part);
                m
            }
            None => {
                let el = make(&part.html);
                let mut m = Mounted {
                    own: part.kids.is_some().then(|| own_box(&el)).flatten(),
                    el,
                    key: part.key,
                    html: part.html,
                    kids: Vec::new(),
                };
                if let (Some(kids), Some(b)) = (part.kids, &m.own) {
                    patch(b, &mut m.kids, kids);
                }
                m
            }
        };
        if !in_place {
            let node: &Node = &m.el;
            if at.as_ref() == Some(node) {
                at = node.next_sibling();
            } else {
                let _ = host.insert_before(node, at.as_ref());
            }
        }
        old.push(m);
    }
}

/// Brings the mounted part `m` in step with `part` (same key), in place.
fn update(m: &mut Mounted, part: Part) {
    if m.html != part.html {
        m.el = morph(&m.el, &part.html);
        m.html = part.html;
        m.own = part.kids.is_some().then(|| own_box(&m.el)).flatten();
    }
    if let (Some(kids), Some(b)) = (part.kids, &m.own) {
        patch(b, &mut m.kids, kids);
    }
}

/// Patches the one part of `mounted` under `part`'s key, leaving the
/// others as they are; false if no part has that key.
pub fn patch_one(mounted: &mut [Mounted], part: Part) -> bool {
    match mounted.iter_mut().find(|m| m.key == part.key) {
        Some(m) => {
            update(m, part);
            true
        }
        None => false,
    }
}

/// Sets (or, with `None`, removes) attribute `name` of the part under
/// `key` in `mounted`.
pub fn set_attr(mounted: &[Mounted], key: &str, name: &str, value: Option<&str>) {
    if let Some(m) = mounted.iter().find(|m| m.key == key) {
        let _ = match value {
            Some(v) => m.el.set_attribute(name, v),
            None => m.el.remove_attribute(name),
        };
    }
}
