//! The search page (`tim-kiem.html`): a small WASM module of its own, so
//! the page never downloads the calculator. Plain web-sys DOM, no
//! framework: text is set with `textContent` and highlights are `<mark>`
//! elements built from `core::search`'s byte ranges, never markup.
//!
//! On load it reads `q` from the address, fills the page's search box and
//! searches; then it searches as the reader types (after a pause), keeps
//! `?q=` in the address up to date, and answers the form without a
//! reload. Without this module the page shows `#search-fallback`, a list
//! of the plans; the module hides it when it draws the first results (at
//! once when there is no query), and shows it again if the index cannot
//! be fetched.
//!
//! Nothing here panics on data: a file that is missing, unreadable or not
//! the expected JSON becomes a message in Vietnamese (a WASM panic would
//! abort the module).

mod net;
mod text;

use bontot_core::search::{
    self, Heads, Meta, PageFile, PageHit, Plan, SearchResult, TermFile, Vocab,
};
use std::cell::RefCell;
use std::rc::Rc;
use text::Problem;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, HtmlInputElement};

/// Pages shown per screen of results (one page file each, at most).
const PAGES_PER_SCREEN: usize = search::MAX_PAGE_FILES;
/// Quiet time after a key press before searching.
const DEBOUNCE_MS: i32 = 200;
/// At most this many terms, and KB of their files (each counted as at
/// least 1), requested ahead for the word being typed: a few KB a key on
/// a slow link, and only for a prefix that leaves few words open.
const AHEAD_TERMS: usize = 8;
const AHEAD_KB: u32 = 8;

type Dom = Result<(), JsValue>;

/// `meta.json` and `vocab.json`, fetched once per visit.
struct Index {
    meta: Meta,
    vocab: Vocab,
}

/// The query on screen, and what "more results" needs.
struct Shown {
    plan: Plan,
    terms: Vec<TermFile>,
    hits: Vec<PageHit>,
    /// Pages already listed.
    pages: Vec<u32>,
    /// Pages with results listed (for a query in quotes, `hits` may hold
    /// pages without the phrase).
    found: usize,
    query: String,
}

/// How far a screen of results has come.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// Titles and headings from `heads.json`; snippets to come.
    Headings,
    /// With snippets, from the page files.
    Done,
}

#[derive(Default)]
struct State {
    index: Option<Rc<Index>>,
    /// `heads.json`, once fetched.
    heads: Option<Rc<Heads>>,
    /// Bumped by every new query: answers to older ones are dropped.
    generation: u32,
    /// The last query searched (a repeat does nothing).
    query: Option<String>,
    shown: Option<Shown>,
    timer: Option<i32>,
    loading_more: bool,
}

struct Page {
    doc: Document,
    /// `#search`, the results (aria-live).
    root: Element,
    /// The page's own search box.
    input: HtmlInputElement,
    fallback: Option<Element>,
    state: RefCell<State>,
}

fn main() {
    let Some(page) = Page::find() else {
        return;
    };
    let page = Rc::new(page);
    page.listen();
    // Words typed into the box while the module loaded win over the
    // address: they are what the reader sees and means.
    let typed = page.input.value();
    if !typed.trim().is_empty() {
        spawn_local(page.search(typed, true));
        return;
    }
    let query = initial_query();
    if query.trim().is_empty() {
        page.show_fallback(false);
    } else {
        // The plan list stays until the results replace it, in one frame:
        // nothing on screen moves while the index loads.
        page.input.set_value(&query);
    }
    // Also with no query: the index is then ready for the first word.
    spawn_local(page.search(query, false));
}

/// `q` from the address, URL-decoded ("+" is a space) and NFC.
fn initial_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get("q"))
        .map(|q| nfc(&q))
        .unwrap_or_default()
}

/// NFC with the browser's own tables (the WASM has none; `core::search`
/// still composes Vietnamese typed decomposed on its own).
fn nfc(s: &str) -> String {
    js_sys::JsString::from(s).normalize("NFC").into()
}

/// Puts the query in the address (`?q=`), so results can be shared and
/// bookmarked, without adding a history entry.
fn set_address(query: &str) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let Ok(path) = w.location().pathname() else {
        return;
    };
    let url = match web_sys::UrlSearchParams::new() {
        Ok(p) if !query.is_empty() => {
            p.set("q", query);
            format!("{path}?{}", String::from(p.to_string()))
        }
        _ => path,
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Adds a listener for the page's whole life.
fn on(target: &EventTarget, kind: &str, f: impl FnMut(Event) + 'static) {
    let c = Closure::<dyn FnMut(Event)>::new(f);
    let _ = target.add_event_listener_with_callback(kind, c.as_ref().unchecked_ref());
    c.forget();
}

impl Page {
    fn find() -> Option<Page> {
        let doc = web_sys::window()?.document()?;
        let root = doc.get_element_by_id("search")?;
        let input = doc
            .query_selector("main input[name=q]")
            .ok()??
            .dyn_into()
            .ok()?;
        Some(Page {
            fallback: doc.get_element_by_id("search-fallback"),
            doc,
            root,
            input,
            state: RefCell::default(),
        })
    }

    fn typed(&self) -> String {
        self.input.value()
    }

    fn show_fallback(&self, show: bool) {
        if let Some(f) = &self.fallback {
            let _ = f.toggle_attribute_with_force("hidden", !show);
        }
    }

    fn cancel_timer(&self) {
        let timer = self.state.borrow_mut().timer.take();
        if let (Some(t), Some(w)) = (timer, web_sys::window()) {
            w.clear_timeout_with_handle(t);
        }
    }

    fn listen(self: &Rc<Self>) {
        // Typing: search once the reader pauses. One closure for the page's
        // life, re-armed by each key.
        let p = self.clone();
        let run = Closure::<dyn FnMut()>::new(move || {
            p.state.borrow_mut().timer = None;
            spawn_local(p.clone().search(p.typed(), true));
        });
        let run_fn: js_sys::Function = run.as_ref().unchecked_ref::<js_sys::Function>().clone();
        run.forget();
        let p = self.clone();
        on(&self.input, "input", move |_| {
            p.cancel_timer();
            p.prefetch();
            if let Some(w) = web_sys::window() {
                let t =
                    w.set_timeout_with_callback_and_timeout_and_arguments_0(&run_fn, DEBOUNCE_MS);
                p.state.borrow_mut().timer = t.ok();
            }
        });
        // Enter or the button: search now, no reload.
        if let Ok(Some(form)) = self.input.closest("form") {
            let p = self.clone();
            on(&form, "submit", move |e| {
                e.prevent_default();
                p.cancel_timer();
                spawn_local(p.clone().search(p.typed(), true));
            });
        }
        // "More results" and "try again", handled at the root.
        let p = self.clone();
        on(&self.root, "click", move |e| {
            let action = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[data-action]").ok().flatten())
                .and_then(|t| t.get_attribute("data-action"));
            match action.as_deref() {
                Some("more") => spawn_local(p.clone().more()),
                Some("retry") => {
                    p.state.borrow_mut().query = None;
                    // As typed: headings shown stay if the page files
                    // fail again.
                    spawn_local(p.clone().search(p.typed(), true));
                }
                _ => {}
            }
        });
    }

    fn generation(&self) -> u32 {
        self.state.borrow().generation
    }

    /// Searches `query` and shows the results; `typed` puts it in the
    /// address.
    async fn search(self: Rc<Self>, query: String, typed: bool) {
        let query = nfc(&query);
        let generation = {
            let mut s = self.state.borrow_mut();
            if s.query.as_deref() == Some(query.as_str()) {
                return;
            }
            s.query = Some(query.clone());
            s.generation += 1;
            s.generation
        };
        if typed {
            set_address(query.trim_start());
        }
        if query.trim().is_empty() {
            self.state.borrow_mut().shown = None;
            self.root.replace_children_with_node_0();
            let _ = self.root.remove_attribute("aria-busy");
            self.show_fallback(false);
            // Load the index meanwhile: the first word then answers at once.
            let _ = self.index().await;
            return;
        }
        let _ = self.root.set_attribute("aria-busy", "true");
        if typed && self.root.first_child().is_none() {
            let _ = self.note("Đang tìm…");
        }
        let ranked = self.rank(&query).await;
        if self.generation() != generation {
            return;
        }
        let mut shown = match ranked {
            Ok(shown) => shown,
            Err(problem) => return self.failed(&problem),
        };
        let next = next_pages(&shown.hits, &[]);
        // A small site's headings come with the index: the results are
        // shown now, without waiting a round trip more for the page files.
        // Not in quotes: which sections hold the phrase is known only from
        // their text. Not for the address's query on load: there the plan
        // list stays until the results replace it in one frame, so nothing
        // on screen moves (snippets arriving would push the list down).
        let mut quick = false;
        if typed
            && !shown.plan.quoted()
            && !next.is_empty()
            && let Some(heads) = self.heads().await
        {
            let results = search::results(&shown.plan, &next, &heads);
            net::next_task().await;
            if self.generation() != generation {
                return;
            }
            // (Empty only if the heads disagree with the term files: the
            // page files will tell.)
            if !results.is_empty() {
                shown.found = text::pages(&results);
                self.show_fallback(false);
                quick = self.draw(&shown, results, Stage::Headings).is_ok();
            }
        }
        let chunk = self
            .state
            .borrow()
            .index
            .as_ref()
            .map_or(1, |i| i.meta.chunk);
        let mut seen = Vec::new();
        let full = screen(&shown.plan, &shown.hits, &mut seen, chunk).await;
        // Drawing (and the layout after it) in a task of its own: no long
        // task on the main thread.
        net::next_task().await;
        if self.generation() != generation {
            return;
        }
        let _ = self.root.remove_attribute("aria-busy");
        let drawn = match full {
            Ok(results) => {
                shown.pages = seen;
                shown.found = text::pages(&results);
                self.show_fallback(false);
                self.draw(&shown, results, Stage::Done)
            }
            // The headings stay, with what went wrong and "Thử lại".
            Err(problem) if quick => {
                shown.pages = next.iter().map(|h| h.page).collect();
                self.no_snippets(&shown, &problem)
            }
            Err(problem) => return self.failed(&problem),
        };
        self.state.borrow_mut().shown = Some(shown);
        if drawn.is_err() {
            let _ = self.note("Không hiển thị được kết quả.");
        }
    }

    /// A query that could not be answered: says why, with "Thử lại".
    fn failed(&self, problem: &Problem) {
        let _ = self.root.remove_attribute("aria-busy");
        {
            let mut s = self.state.borrow_mut();
            s.query = None;
            s.shown = None;
        }
        // The plain list of plans is still of use.
        self.show_fallback(true);
        if self.problem(problem).is_err() {
            let _ = self.note("Không hiển thị được kết quả.");
        }
    }

    /// Requests the term files of what is in the box now, at each key,
    /// before the pause that starts a search: by then most are here or on
    /// their way, and the search awaits the same requests.
    fn prefetch(&self) {
        let Some(index) = self.state.borrow().index.clone() else {
            return;
        };
        let plan = search::plan_query(&nfc(&self.typed()), &index.vocab);
        for t in &plan.terms {
            net::prefetch(&t.file);
        }
        // And every term the word being typed may become, when they are
        // few and small: the next key then finds its file here or on its
        // way, not a round trip off ("na": "nam", "nap", "nay" …).
        let Some(word) = plan.words.last().filter(|w| w.prefix && w.folded.len() > 1) else {
            return;
        };
        let ahead: Vec<(&str, u32, u32)> = index
            .vocab
            .entries()
            .filter(|(t, _, _)| t.starts_with(word.folded.as_str()))
            .take(AHEAD_TERMS + 1)
            .collect();
        if ahead.len() <= AHEAD_TERMS && ahead.iter().map(|e| e.2).sum::<u32>() <= AHEAD_KB {
            for (term, _, _) in ahead {
                net::prefetch(&search::term_path(term, 0));
            }
        }
    }

    async fn index(&self) -> Result<Rc<Index>, Problem> {
        if let Some(index) = self.state.borrow().index.clone() {
            return Ok(index);
        }
        let texts = net::required(vec![search::meta_path(), search::vocab_path()]).await?;
        let (Some(Some(meta)), Some(Some(vocab))) = (texts.first(), texts.get(1)) else {
            return Err(Problem::Corrupt);
        };
        let meta: Meta = net::parse(meta)?;
        if meta.version != search::VERSION {
            return Err(Problem::Version);
        }
        let vocab: Vocab = net::parse(vocab)?;
        if meta.heads {
            net::prefetch(&search::heads_path());
        }
        let index = Rc::new(Index { meta, vocab });
        self.state.borrow_mut().index = Some(index.clone());
        Ok(index)
    }

    /// `heads.json`, if the site has one and it could be fetched (else
    /// results wait for their page files, as on a big site).
    async fn heads(&self) -> Option<Rc<Heads>> {
        if let Some(heads) = self.state.borrow().heads.clone() {
            return Some(heads);
        }
        let index = self.state.borrow().index.clone()?;
        if !index.meta.heads {
            return None;
        }
        let text = net::required(vec![search::heads_path()]).await.ok()?;
        let heads: Heads = net::parse(text.first()?.as_deref()?).ok()?;
        let heads = Rc::new(heads);
        self.state.borrow_mut().heads = Some(heads.clone());
        Some(heads)
    }

    /// `query`'s words looked up and its pages ranked (nothing listed yet).
    async fn rank(&self, query: &str) -> Result<Shown, Problem> {
        let index = self.index().await?;
        let plan = search::plan_query(query, &index.vocab);
        let wants = plan
            .terms
            .iter()
            .map(|t| (t.file.clone(), t.optional))
            .collect();
        let terms: Vec<TermFile> = net::parse_all(net::texts(wants).await?)?;
        let hits = search::rank(&plan, &terms);
        Ok(Shown {
            pages: Vec::new(),
            found: 0,
            plan,
            terms,
            hits,
            query: query.to_string(),
        })
    }

    /// "More results": the next pages of hits; once they run out, the
    /// terms' next files, ranked again with the ones already fetched.
    async fn more(self: Rc<Self>) {
        let (generation, plan, mut terms, mut hits, seen, chunk) = {
            let mut s = self.state.borrow_mut();
            let (Some(shown), Some(index), false) = (&s.shown, &s.index, s.loading_more) else {
                return;
            };
            let taken = (
                s.generation,
                shown.plan.clone(),
                shown.terms.clone(),
                shown.hits.clone(),
                shown.pages.clone(),
                index.meta.chunk,
            );
            s.loading_more = true;
            taken
        };
        let button = self
            .root
            .query_selector("[data-action=more]")
            .ok()
            .flatten();
        if let Some(b) = &button {
            let _ = b.set_attribute("disabled", "");
            b.set_text_content(Some("Đang tải…"));
        }
        let answer = async {
            while !hits.iter().any(|h| !seen.contains(&h.page)) {
                let files = search::more_files(&terms);
                if files.is_empty() {
                    break;
                }
                terms.extend(net::parse_all::<TermFile>(net::required(files).await?)?);
                hits = search::rank(&plan, &terms);
            }
            let mut listed = seen.clone();
            let results = screen(&plan, &hits, &mut listed, chunk).await?;
            Ok::<_, Problem>((results, listed))
        }
        .await;
        self.state.borrow_mut().loading_more = false;
        if self.generation() != generation {
            return;
        }
        let drawn = match answer {
            Ok((results, pages)) => {
                let shown = {
                    let mut s = self.state.borrow_mut();
                    let Some(shown) = s.shown.as_mut() else {
                        return;
                    };
                    shown.terms = terms;
                    shown.hits = hits;
                    shown.pages = pages;
                    shown.found += text::pages(&results);
                    (count(shown), more_left(shown))
                };
                self.append(results, shown)
            }
            // The results stay; the message goes above the button.
            Err(problem) => match &button {
                Some(b) => self.more_failed(b, &problem),
                None => self.problem(&problem),
            },
        };
        if drawn.is_err() {
            let _ = self.note("Không hiển thị được kết quả.");
        }
    }

    // Drawing.

    fn el(&self, tag: &str, class: &str, parent: &Element) -> Result<Element, JsValue> {
        let e = self.doc.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        parent.append_child(&e)?;
        Ok(e)
    }

    fn text_el(
        &self,
        tag: &str,
        class: &str,
        parent: &Element,
        text: &str,
    ) -> Result<Element, JsValue> {
        let e = self.el(tag, class, parent)?;
        e.set_text_content(Some(text));
        Ok(e)
    }

    /// `text` with `<mark>` around the highlighted byte ranges.
    fn marked(&self, parent: &Element, text: &str, ranges: &[(usize, usize)]) -> Dom {
        for (piece, hit) in text::pieces(text, ranges) {
            if hit {
                self.text_el("mark", "", parent, piece)?;
            } else {
                parent.append_child(&self.doc.create_text_node(piece))?;
            }
        }
        Ok(())
    }

    /// Replaces the results with one short message.
    fn note(&self, message: &str) -> Dom {
        let p = self.doc.create_element("p")?;
        p.set_class_name("search-note");
        p.set_text_content(Some(message));
        self.root.replace_children_with_node_1(&p);
        Ok(())
    }

    fn problem(&self, problem: &Problem) -> Dom {
        let box_ = self.doc.create_element("div")?;
        box_.set_class_name("card search-error");
        self.text_el("p", "", &box_, &problem.message())?;
        let b = self.text_el("button", "", &box_, "Thử lại")?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-action", "retry")?;
        self.root.replace_children_with_node_1(&box_);
        Ok(())
    }

    fn more_failed(&self, button: &Element, problem: &Problem) -> Dom {
        button.remove_attribute("disabled")?;
        button.set_text_content(Some("Xem thêm kết quả"));
        if let Some(old) = self.root.query_selector(".search-more-error")? {
            old.remove();
        }
        let p = self.doc.create_element("p")?;
        p.set_class_name("search-more-error");
        p.set_text_content(Some(&problem.message()));
        button.before_with_node_1(&p)
    }

    /// The headings already drawn stay; above them, why there are no
    /// snippets, and "Thử lại".
    fn no_snippets(&self, shown: &Shown, problem: &Problem) -> Dom {
        let Some(list) = self.root.query_selector(".search-results")? else {
            return self.problem(problem);
        };
        let box_ = self.doc.create_element("div")?;
        box_.set_class_name("search-snippets-error");
        self.text_el("p", "", &box_, &text::no_snippets(problem))?;
        let b = self.text_el("button", "secondary", &box_, "Thử lại")?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-action", "retry")?;
        list.before_with_node_1(&box_)?;
        if more_left(shown) {
            let b = self.doc.create_element("button")?;
            b.set_class_name("secondary search-more");
            b.set_text_content(Some("Xem thêm kết quả"));
            b.set_attribute("type", "button")?;
            b.set_attribute("data-action", "more")?;
            list.after_with_node_1(&b)?;
        }
        Ok(())
    }

    fn draw(&self, shown: &Shown, results: Vec<SearchResult>, stage: Stage) -> Dom {
        let all = self.doc.create_element("div")?;
        // In quotes, the first pages may hold the words but not the phrase:
        // "more results" looks further.
        let look_further = shown.plan.quoted() && more_left(shown);
        if results.is_empty() && !look_further {
            self.text_el("p", "search-count", &all, &text::none(&shown.query))?;
            let tips = self.el("ul", "search-tips", &all)?;
            for tip in text::TIPS {
                self.text_el("li", "", &tips, tip)?;
            }
        } else {
            self.text_el("p", "search-count", &all, &count(shown))?;
            let list = self.el("ol", "search-results", &all)?;
            self.groups(&list, results)?;
            // Not while snippets are on their way: the list is redrawn
            // then, and would lose what "more" had added.
            if stage != Stage::Headings && more_left(shown) {
                let b =
                    self.text_el("button", "secondary search-more", &all, "Xem thêm kết quả")?;
                b.set_attribute("type", "button")?;
                b.set_attribute("data-action", "more")?;
            }
        }
        self.root.replace_children_with_node_1(&all);
        Ok(())
    }

    /// Adds "more results" to the list: (the count's new text, more left).
    fn append(&self, results: Vec<SearchResult>, (count, left): (String, bool)) -> Dom {
        let Some(list) = self.root.query_selector(".search-results")? else {
            return Ok(());
        };
        if let Some(p) = self.root.query_selector(".search-count")? {
            p.set_text_content(Some(&count));
        }
        let first = self.groups(&list, results)?;
        if let Some(old) = self.root.query_selector(".search-more-error")? {
            old.remove();
        }
        if let Some(b) = self.root.query_selector("[data-action=more]")? {
            if left {
                b.remove_attribute("disabled")?;
                b.set_text_content(Some("Xem thêm kết quả"));
            } else {
                b.remove();
            }
        }
        // Keyboard and screen reader users carry on from the new results.
        if let Some(link) = first.and_then(|g| g.query_selector("a").ok().flatten())
            && let Ok(link) = link.dyn_into::<HtmlElement>()
        {
            let _ = link.focus();
        }
        Ok(())
    }

    /// One item per page, with its sections; returns the first item.
    fn groups(
        &self,
        list: &Element,
        results: Vec<SearchResult>,
    ) -> Result<Option<Element>, JsValue> {
        let mut first = None;
        for g in text::group(results) {
            let item = self.el("li", "search-page", list)?;
            self.text_el("h2", "search-title", &item, &g.title)?;
            let hits = self.el("ul", "search-hits", &item)?;
            for r in &g.results {
                let hit = self.el("li", "search-hit", &hits)?;
                let a = self.el("a", "search-link", &hit)?;
                // URLs are from the site's top folder, where this page is.
                a.set_attribute("href", &r.url)?;
                if r.heading.trim().is_empty() {
                    a.set_text_content(Some(&g.title));
                } else {
                    self.marked(&a, &r.heading, &r.heading_highlights)?;
                }
                if !r.snippet.is_empty() {
                    let p = self.el("p", "search-snippet", &hit)?;
                    self.marked(&p, &r.snippet, &r.highlights)?;
                }
            }
            first.get_or_insert(item);
        }
        Ok(first)
    }
}

/// "Tìm thấy kết quả cho “…” trong N trang."
fn count(shown: &Shown) -> String {
    // In quotes, `hits` are pages with the words, maybe not the phrase:
    // count the pages listed.
    if shown.plan.quoted() {
        return match (shown.found, more_left(shown)) {
            (0, true) => text::not_yet(&shown.query),
            (0, false) => text::none(&shown.query),
            (n, left) => text::count(&shown.query, n, left),
        };
    }
    let maybe_more = !search::more_files(&shown.terms).is_empty();
    text::count(&shown.query, shown.hits.len(), maybe_more)
}

/// Whether "more results" can show anything: pages ranked but not listed,
/// or more postings to fetch.
fn more_left(shown: &Shown) -> bool {
    shown.hits.iter().any(|h| !shown.pages.contains(&h.page))
        || !search::more_files(&shown.terms).is_empty()
}

/// The results of the next pages of `hits` not in `seen`, which get them.
/// (For a query in quotes there may be none: those pages hold the words,
/// not the phrase; "more results" then looks further, one screen a click,
/// so that no query downloads more than one screen's page files.)
async fn screen(
    plan: &Plan,
    hits: &[PageHit],
    seen: &mut Vec<u32>,
    chunk: u32,
) -> Result<Vec<SearchResult>, Problem> {
    let next = next_pages(hits, seen);
    let files = search::page_files(&next, chunk);
    let pages: Vec<PageFile> = net::parse_all(net::required(files).await?)?;
    net::next_task().await;
    seen.extend(next.iter().map(|h| h.page));
    Ok(search::results(plan, &next, &pages))
}

/// The next pages of `hits` not in `seen`.
fn next_pages(hits: &[PageHit], seen: &[u32]) -> Vec<PageHit> {
    hits.iter()
        .filter(|h| !seen.contains(&h.page))
        .take(PAGES_PER_SCREEN)
        .cloned()
        .collect()
}
