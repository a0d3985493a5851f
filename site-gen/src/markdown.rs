//! Renders a plan's Markdown: stable anchors on every heading, numbered
//! section and block, glossary abbreviations, safe links, and raw HTML shown
//! as text (content can never inject markup or script).

use crate::glossary::Abbreviations;
use crate::problem::line_of;
use bontot_core::text::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use rustc_hash::{FxHashMap, FxHashSet as HashSet};

#[derive(Debug, Clone)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    /// The heading's own number as written ("I.", "2.1.", "2-", "a)"), if
    /// it has one; shown once, apart from the text so that wrapped lines
    /// align after it.
    pub number: Option<String>,
    /// The rest of the heading.
    pub text: String,
}

/// A paragraph, list item or heading: its id, where it sits and its text.
#[derive(Debug, Clone)]
pub struct Block {
    pub id: String,
    /// Indices into `Rendered::scopes` of every enclosing section (headings,
    /// and the numbered paragraph it follows), outermost first: a citation
    /// naming a section may quote any block inside it.
    pub scope: Vec<u32>,
    pub text: String,
    pub heading: bool,
    /// A sub-item of a list item: its text is part of that item's too.
    pub nested: bool,
}

/// A link in the content that must be checked once every page is known.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub line: usize,
    /// `None`: this page.
    pub slug: Option<String>,
    pub anchor: Option<String>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub title: String,
    pub toc: Vec<TocEntry>,
    pub blocks: Vec<Block>,
    pub links: Vec<LinkRef>,
    /// (line, message) for problems found while rendering.
    pub problems: Vec<(usize, String)>,
    /// Every id given out.
    pub ids: HashSet<String>,
    /// Ids of the sections blocks sit in (see `Block::scope`).
    pub scopes: Vec<String>,
    /// `quote_key` of each block's text, computed when first needed.
    keys: Vec<std::cell::OnceCell<String>>,
}

impl Rendered {
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The blocks inside section `id` (and the block `id` itself), with
    /// their indices.
    pub fn within<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (usize, &'a Block)> + 'a {
        let scope = self.scopes.iter().position(|s| s == id).map(|i| i as u32);
        self.blocks
            .iter()
            .enumerate()
            .filter(move |(_, b)| b.id == id || scope.is_some_and(|i| b.scope.contains(&i)))
    }

    /// The block's text as compared with quotes (`quote_key`), cached.
    pub fn key(&self, i: usize) -> &str {
        match (self.keys.get(i), self.blocks.get(i)) {
            (Some(cell), Some(b)) => cell.get_or_init(|| bontot_core::text::quote_key(&b.text)),
            _ => "",
        }
    }

    /// The section a block sits in: its innermost scope.
    pub fn section_of(&self, b: &Block) -> &str {
        b.scope
            .last()
            .map(|&i| self.scopes[i as usize].as_str())
            .unwrap_or(TOP_SECTION)
    }
}

/// Deepest nesting of list items accepted (a plan needs three or four).
const MAX_DEPTH: usize = 32;

/// The id every plan page gives its title.
pub const TITLE_ID: &str = "tieu-de";
const TOP_SECTION: &str = "dau-van-ban";

/// Renders `src`; `first_line` is the file line the body starts on.
pub fn render(src: &str, first_line: usize, abbr: &Abbreviations) -> Rendered {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(src, opts).into_offset_iter().collect();
    let mut r = Renderer {
        src,
        first_line,
        abbr,
        used_abbr: HashSet::default(),
        out: Rendered::default(),
        ids: HashSet::default(),
        next_suffix: FxHashMap::default(),
        headings: Vec::new(),
        block_count: 0,
        numbered: None,
        open_links: Vec::new(),
        depth: 0,
        too_deep: false,
        events: Vec::with_capacity(events.len() + 16),
    };
    r.run(&events);
    let mut html = String::with_capacity(src.len() * 2);
    pulldown_cmark::html::push_html(&mut html, r.events.into_iter());
    r.out.html = html;
    r.out.ids = r.ids;
    r.out.keys = (0..r.out.blocks.len())
        .map(|_| std::cell::OnceCell::new())
        .collect();
    r.out
}

/// A section number at the start of a heading or paragraph, as path parts.
#[derive(Debug, Clone, PartialEq)]
enum Number {
    Roman(String),
    Arabic(Vec<String>),
    Letter(String),
}

/// Reads "II. ", "2.1. ", "1- ", "2-Yêu", "1)- ", "1) ", "(2) ", "a) " at the start of `text`.
fn leading_number(text: &str) -> Option<Number> {
    number_and_len(text).map(|(n, _)| n)
}

/// `text` split into its leading section number as written ("II.", "2-",
/// "(2)") and the rest, without the space between them.
pub fn split_number(text: &str) -> (Option<&str>, &str) {
    let t = text.trim_start();
    match number_and_len(t) {
        Some((_, len)) => (Some(&t[..len]), t[len..].trim_start()),
        None => (None, text),
    }
}

/// The leading number and its length in bytes in `text.trim_start()`,
/// separator included.
fn number_and_len(text: &str) -> Option<(Number, usize)> {
    let t = text.trim_start();
    let followed_ok = |rest: &str| {
        rest.chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c.is_uppercase())
    };
    // Roman numerals, upper case, then "." or "-".
    let roman: String = t
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .collect();
    if !roman.is_empty() {
        let rest = &t[roman.len()..];
        if let Some(rest) = rest.strip_prefix(['.', '-'])
            && followed_ok(rest)
            && is_roman(&roman)
        {
            return Some((Number::Roman(roman.to_lowercase()), roman.len() + 1));
        }
    }
    // "(2) "
    if let Some(inner) = t.strip_prefix('(') {
        let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && inner[digits.len()..].starts_with(") ") {
            let len = 1 + digits.len() + 1;
            return Some((Number::Arabic(vec![digits]), len));
        }
    }
    // "a) "
    let mut chars = t.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next())
        && c.is_lowercase()
        && c.is_alphabetic()
        && chars.next().is_some_and(char::is_whitespace)
    {
        return Some((Number::Letter(slugify(&c.to_string())), c.len_utf8() + 1));
    }
    // "2.1. ", "1- ", "1)- ", "1) ", "2-Yêu"
    let mut parts = Vec::new();
    let mut rest = t;
    loop {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 2 {
            break;
        }
        rest = &rest[digits.len()..];
        parts.push(digits.trim_start_matches('0').to_string());
        if let Some(r) = rest.strip_prefix('.')
            && r.starts_with(|c: char| c.is_ascii_digit())
        {
            rest = r;
            continue;
        }
        break;
    }
    if parts.is_empty() || parts.iter().any(String::is_empty) {
        return None;
    }
    for sep in [")-", ".", ")", "-"] {
        if let Some(r) = rest.strip_prefix(sep)
            && followed_ok(r)
        {
            return Some((Number::Arabic(parts), t.len() - r.len()));
        }
    }
    None
}

fn is_roman(s: &str) -> bool {
    const ROMANS: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    ROMANS.contains(&s)
}

struct HeadingFrame {
    level: u8,
    /// The level it is rendered at (`<h2>`…`<h6>`).
    shown: u8,
    id: String,
    /// Index of `id` in `Rendered::scopes`.
    scope: u32,
    /// Full number path, e.g. ["ii", "4", "1"]; empty when unnumbered.
    path: Vec<String>,
    /// How many leading parts of `path` are the roman part.
    roman: usize,
}

struct Renderer<'a, 'e> {
    src: &'a str,
    first_line: usize,
    abbr: &'a Abbreviations,
    used_abbr: HashSet<usize>,
    out: Rendered,
    ids: HashSet<String>,
    /// For each id asked for twice or more: the suffix to try next (see
    /// `unique`).
    next_suffix: FxHashMap<String, u32>,
    headings: Vec<HeadingFrame>,
    /// Unnumbered blocks seen in the current section.
    block_count: usize,
    /// Scope index of the numbered paragraph the current blocks follow.
    numbered: Option<u32>,
    /// For each open link: whether it was kept.
    open_links: Vec<bool>,
    /// How many blocks (list items) enclose the current one.
    depth: usize,
    too_deep: bool,
    events: Vec<Event<'e>>,
}

impl<'a, 'e> Renderer<'a, 'e> {
    fn line(&self, offset: usize) -> usize {
        self.first_line + line_of(self.src, offset) - 1
    }

    fn section(&self) -> String {
        self.headings
            .last()
            .map(|h| h.id.clone())
            .unwrap_or_else(|| TOP_SECTION.to_string())
    }

    fn scope(&mut self, id: &str) -> u32 {
        self.out.scopes.push(id.to_string());
        (self.out.scopes.len() - 1) as u32
    }

    /// `id`, or the first of `id-2`, `id-3` … not given out yet.
    ///
    /// Ids are never taken back, so a suffix found taken stays taken: the
    /// search for `id` resumes where the last one for `id` stopped instead
    /// of at 2. Each `id-n` is then tried at most once over the whole
    /// document (it is a candidate of `id` only), so n identical headings
    /// cost O(n), not O(n²), and the ids are the same as trying from 2.
    fn unique(&mut self, id: String) -> String {
        if !self.ids.contains(&id) {
            self.ids.insert(id.clone());
            return id;
        }
        let n = self.next_suffix.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}-{n}");
            *n += 1;
            if self.ids.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// The full number path of an element numbered `n` inside `parent`.
    fn number_path(parent: Option<&HeadingFrame>, n: &Number) -> (Vec<String>, usize) {
        let (ppath, proman) = parent
            .map(|p| (p.path.clone(), p.roman))
            .unwrap_or_default();
        match n {
            Number::Roman(r) => (vec![r.clone()], 1),
            Number::Letter(l) => {
                let mut p = ppath;
                p.push(l.clone());
                (p, proman)
            }
            Number::Arabic(parts) if parts.len() > 1 => {
                let mut p: Vec<String> = ppath[..proman.min(ppath.len())].to_vec();
                p.extend(parts.iter().cloned());
                (p, proman)
            }
            Number::Arabic(parts) => {
                let mut p = ppath;
                p.extend(parts.iter().cloned());
                (p, proman)
            }
        }
    }

    fn run(&mut self, events: &'e [(Event<'e>, std::ops::Range<usize>)]) {
        let mut i = 0;
        while i < events.len() {
            let (ev, range) = &events[i];
            match ev {
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = find_end(events, i);
                    self.heading(*level, &events[i + 1..end]);
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => {
                    let end = find_end(events, i);
                    let is_item = matches!(ev, Event::Start(Tag::Item));
                    self.block(is_item, &events[i + 1..end]);
                    i = end + 1;
                    continue;
                }
                _ => self.inline(ev, range),
            }
            i += 1;
        }
    }

    fn heading(&mut self, level: HeadingLevel, inner: &'e [(Event<'e>, std::ops::Range<usize>)]) {
        let lvl = level as u8;
        let text = plain_text(inner);
        let id = if lvl == 1 && self.out.title.is_empty() {
            self.out.title = text.clone();
            self.headings.clear();
            self.unique(TITLE_ID.to_string())
        } else {
            while self.headings.last().is_some_and(|h| h.level >= lvl) {
                self.headings.pop();
            }
            let (path, roman) = match leading_number(&text) {
                Some(n) => Self::number_path(self.headings.last(), &n),
                None => (Vec::new(), 0),
            };
            let base = if path.is_empty() {
                let s = slugify(&text);
                if s.is_empty() { "muc".to_string() } else { s }
            } else {
                format!("muc-{}", path.join("-"))
            };
            let id = self.unique(base);
            let scope = self.scope(&id);
            self.headings.push(HeadingFrame {
                level: lvl,
                shown: 0,
                id: id.clone(),
                scope,
                path,
                roman,
            });
            id
        };
        if lvl == 1 {
            self.headings.clear();
            let scope = self.scope(&id);
            self.headings.push(HeadingFrame {
                level: 1,
                shown: 0,
                id: id.clone(),
                scope,
                path: Vec::new(),
                roman: 0,
            });
        } else {
            let (number, rest) = split_number(&text);
            self.out.toc.push(TocEntry {
                level: lvl,
                id: id.clone(),
                number: number.map(str::to_string),
                text: rest.to_string(),
            });
        }
        self.block_count = 0;
        self.numbered = None;
        self.push_block(&id, text, true);
        // The page has its own <h1>: the document's headings sit one level
        // below, and never more than one level below the heading they are
        // under (screen readers navigate by levels), so skips are closed.
        let parent = self.headings.iter().rev().nth(1).map_or(1, |h| h.shown);
        let shown = (lvl + 1).min(parent + 1).min(6);
        if let Some(h) = self.headings.last_mut() {
            h.shown = shown;
        }
        let level = HeadingLevel::try_from(usize::from(shown)).unwrap_or(HeadingLevel::H6);
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id.clone())),
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        for (ev, range) in inner {
            self.inline(ev, range);
        }
        if lvl > 1 {
            self.events.push(Event::Html(section_link(&id).into()));
        }
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    fn block(&mut self, is_item: bool, inner: &'e [(Event<'e>, std::ops::Range<usize>)]) {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                let line = self.line(inner.first().map_or(0, |(_, r)| r.start));
                self.out.problems.push((
                    line,
                    format!("lists are nested more than {MAX_DEPTH} levels deep: flatten them"),
                ));
            }
            return;
        }
        self.depth += 1;
        self.block_at_depth(is_item, inner);
        self.depth -= 1;
    }

    fn block_at_depth(&mut self, is_item: bool, inner: &'e [(Event<'e>, std::ops::Range<usize>)]) {
        let text = plain_text(inner);
        let numbered = leading_number(&text).map(|n| Self::number_path(self.headings.last(), &n));
        let id = match &numbered {
            Some((path, _)) if !path.is_empty() => format!("muc-{}", path.join("-")),
            _ => {
                self.block_count += 1;
                format!("{}-p{}", self.section(), self.block_count)
            }
        };
        let id = self.unique(id);
        self.push_block(&id, text, false);
        // Blocks after a numbered paragraph belong to it, until the next
        // numbered paragraph or heading.
        if numbered.is_some() && !is_item {
            self.numbered = Some(self.scope(&id));
        }
        let tag = if is_item { "li" } else { "p" };
        self.events
            .push(Event::Html(format!("<{tag} id=\"{id}\">").into()));
        // Nested blocks (paragraphs of loose list items, sub-lists) are walked too.
        let mut i = 0;
        while i < inner.len() {
            let (ev, range) = &inner[i];
            match ev {
                Event::Start(Tag::Paragraph) => {
                    let end = find_end(inner, i);
                    for (ev, range) in &inner[i + 1..end] {
                        self.inline(ev, range);
                    }
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Item) => {
                    let end = find_end(inner, i);
                    self.block(true, &inner[i + 1..end]);
                    i = end + 1;
                    continue;
                }
                _ => self.inline(ev, range),
            }
            i += 1;
        }
        if numbered.is_some() && !is_item {
            self.events.push(Event::Html(section_link(&id).into()));
        }
        self.events.push(Event::Html(format!("</{tag}>\n").into()));
    }

    fn push_block(&mut self, id: &str, text: String, heading: bool) {
        let mut scope: Vec<u32> = self.headings.iter().map(|h| h.scope).collect();
        if heading {
            // A heading is not inside itself, nor inside the paragraph before it.
            scope.pop();
        } else {
            scope.extend(self.numbered);
        }
        self.out.blocks.push(Block {
            id: id.to_string(),
            scope,
            text,
            heading,
            nested: self.depth > 1,
        });
    }

    /// Any event outside headings and blocks, made safe.
    fn inline(&mut self, ev: &'e Event<'e>, range: &std::ops::Range<usize>) {
        match ev {
            Event::Text(t) => self.text(t),
            Event::Html(h) | Event::InlineHtml(h) => self.events.push(Event::Text(h.clone())),
            Event::Start(Tag::HtmlBlock) => self
                .events
                .push(Event::Html("<p class=\"raw-html\">".into())),
            Event::End(TagEnd::HtmlBlock) => self.events.push(Event::Html("</p>\n".into())),
            // Column alignment would be written as inline style attributes,
            // which the Content Security Policy refuses: tables align left.
            Event::Start(Tag::Table(aligns)) => self.events.push(Event::Start(Tag::Table(
                vec![pulldown_cmark::Alignment::None; aligns.len()],
            ))),
            Event::Start(Tag::Image { .. }) => {
                let line = self.line(range.start);
                self.out.problems.push((
                    line,
                    "images are not supported in plans: describe the image in words".into(),
                ));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = self.line(range.start);
                let url = self.link(*link_type, dest_url, line);
                self.open_links.push(url.is_some());
                if let Some(url) = url {
                    self.events.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: url.into(),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                // A dropped link keeps its text only.
                if self.open_links.pop().unwrap_or(true) {
                    self.events.push(Event::End(TagEnd::Link));
                }
            }
            other => self.events.push(other.clone()),
        }
    }

    /// Checks a link target and returns the URL to write, or `None` (the
    /// link is dropped, its text kept) after recording a problem.
    fn link(&mut self, kind: LinkType, dest: &str, line: usize) -> Option<String> {
        let lower = dest.trim().to_ascii_lowercase();
        if matches!(kind, LinkType::Email) || lower.starts_with("mailto:") {
            return Some(dest.to_string());
        }
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return Some(dest.to_string());
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            self.out.links.push(LinkRef {
                line,
                slug: None,
                anchor: Some(anchor.to_string()),
            });
            return Some(dest.to_string());
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest, None),
        };
        if let Some(slug) = path.strip_suffix(".md")
            && !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.out.links.push(LinkRef {
                line,
                slug: Some(slug.to_string()),
                anchor: anchor.clone(),
            });
            return Some(match anchor {
                Some(a) => format!("{slug}.html#{a}"),
                None => format!("{slug}.html"),
            });
        }
        self.out.problems.push((
            line,
            format!(
                "link to {dest:?} is not allowed: use #anchor, <plan-slug>.md#anchor, or an http(s):// or mailto: address"
            ),
        ));
        None
    }

    /// Text, with the first use of each glossary abbreviation marked.
    fn text(&mut self, t: &CowStr<'e>) {
        let mut last = 0;
        for m in self.abbr.find(t) {
            if !self.used_abbr.insert(m.term) {
                continue;
            }
            if m.start > last {
                self.events
                    .push(Event::Text(t[last..m.start].to_string().into()));
            }
            let title = crate::html::escape(&self.abbr.expansion(m.term));
            self.events
                .push(Event::Html(format!("<abbr title=\"{title}\">").into()));
            self.events
                .push(Event::Text(t[m.start..m.end].to_string().into()));
            self.events.push(Event::Html("</abbr>".into()));
            last = m.end;
        }
        if last == 0 {
            self.events.push(Event::Text(t.clone()));
        } else if last < t.len() {
            self.events.push(Event::Text(t[last..].to_string().into()));
        }
    }
}

fn section_link(id: &str) -> String {
    format!(
        " <a class=\"sec-link\" href=\"#{id}\" aria-label=\"Liên kết đến mục này\" title=\"Liên kết đến mục này\">§</a>"
    )
}

/// Index of the `End` matching the `Start` at `start`.
fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (ev, _)) in events.iter().enumerate().skip(start) {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// Whether the only ASCII white space in `b` is single spaces (no test
/// branches per byte, so the compiler checks many bytes at once).
fn single_spaced(b: &[u8]) -> bool {
    let other = |x: u8| x.is_ascii_whitespace() & (x != b' ');
    let lone = b.iter().fold(false, |acc, &x| acc | other(x));
    let double = b
        .iter()
        .zip(&b[1..])
        .fold(false, |acc, (&x, &y)| acc | ((x == b' ') & (y == b' ')));
    !lone && !double
}

/// Appends `t` to `s` with runs of ASCII white space made one space and
/// none at the start; `space` carries white space seen at the end of the
/// last text, so words split across events stay joined or apart.
fn push_collapsed(s: &mut String, space: &mut bool, t: &str) {
    let inner = t.trim_ascii();
    let lead = inner.len() < t.len() && t.as_bytes()[0].is_ascii_whitespace();
    let trail = inner.len() < t.len() && t.as_bytes()[t.len() - 1].is_ascii_whitespace();
    if inner.is_empty() {
        *space |= !t.is_empty();
        return;
    }
    if (*space || lead) && !s.is_empty() {
        s.push(' ');
    }
    *space = trail;
    // The usual text (single spaces between words) is copied whole.
    if single_spaced(inner.as_bytes()) {
        s.push_str(inner);
        return;
    }
    for (i, word) in inner.split_ascii_whitespace().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(word);
    }
}

/// The visible text of some events, white space collapsed.
fn plain_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
    // The source they span: about the text's size (markup only shrinks).
    let span = match (events.first(), events.last()) {
        (Some((_, a)), Some((_, b))) => b.end.saturating_sub(a.start),
        _ => 0,
    };
    let mut s = String::with_capacity(span + 16);
    // White space seen since the last word.
    let mut space = false;
    for (ev, _) in events {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push_collapsed(&mut s, &mut space, t)
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item) => push_collapsed(&mut s, &mut space, " "),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Abbreviations {
        Abbreviations::new(&[])
    }

    #[test]
    fn numbers() {
        use Number::*;
        let a = |v: &[&str]| Some(Arabic(v.iter().map(|s| s.to_string()).collect()));
        assert_eq!(leading_number("I. Mục đích"), Some(Roman("i".into())));
        assert_eq!(leading_number("II- NỘI DUNG"), Some(Roman("ii".into())));
        assert_eq!(leading_number("2.1. Phát động"), a(&["2", "1"]));
        assert_eq!(leading_number("2-Yêu cầu"), a(&["2"]));
        assert_eq!(leading_number("1)- Lãnh đạo"), a(&["1"]));
        assert_eq!(leading_number("1) Tờ trình"), a(&["1"]));
        assert_eq!(leading_number("(2) Biên bản"), a(&["2"]));
        assert_eq!(leading_number("a) Chân thứ nhất"), Some(Letter("a".into())));
        assert_eq!(leading_number("100% đảng viên"), None);
        assert_eq!(leading_number("2022-2027 là"), None);
        assert_eq!(leading_number("17/01 hằng năm"), None);
        assert_eq!(leading_number("Ít nhất 06"), None);
    }

    #[test]
    fn numbers_split_off_as_written() {
        for (text, number, rest) in [
            ("I. Mục đích", Some("I."), "Mục đích"),
            ("II- NỘI DUNG", Some("II-"), "NỘI DUNG"),
            ("2.1. Phát động", Some("2.1."), "Phát động"),
            ("2-Yêu cầu", Some("2-"), "Yêu cầu"),
            ("1)- Lãnh đạo", Some("1)-"), "Lãnh đạo"),
            ("1) Tờ trình", Some("1)"), "Tờ trình"),
            ("(2) Biên bản", Some("(2)"), "Biên bản"),
            ("a) Chân thứ nhất", Some("a)"), "Chân thứ nhất"),
            ("đ) Chữ đ", Some("đ)"), "Chữ đ"),
            ("IV.Việc", Some("IV."), "Việc"),
            ("Nơi nhận:", None, "Nơi nhận:"),
            ("2022-2027 là", None, "2022-2027 là"),
        ] {
            assert_eq!(split_number(text), (number, rest), "{text}");
        }
    }

    #[test]
    fn anchors_follow_numbering() {
        let md = "KẾ HOẠCH\\\nthi đua\n===\n\n## I. Mục đích\n\n### 1. Mục đích\n\nVăn bản.\n\n## II. Nội dung\n\n### 4. Cán bộ\n\n#### 4.1. Tiêu chí\n\n- Một\n- Hai\n\n#### 4.2. Đánh giá\n\n1\\. Đoạn có số.\n\nĐoạn thường.\n\n## Nơi nhận:\n";
        let r = render(md, 1, &none());
        let ids: Vec<_> = r.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "tieu-de",
                "muc-i",
                "muc-i-1",
                "muc-i-1-p1",
                "muc-ii",
                "muc-ii-4",
                "muc-ii-4-1",
                "muc-ii-4-1-p1",
                "muc-ii-4-1-p2",
                "muc-ii-4-2",
                "muc-ii-4-2-1",
                "muc-ii-4-2-p1",
                "noi-nhan"
            ]
        );
        assert_eq!(r.title, "KẾ HOẠCH thi đua");
        assert!(
            r.html
                .contains("<h3 id=\"muc-ii\">II. Nội dung <a class=\"sec-link\" href=\"#muc-ii\"")
        );
        assert!(r.html.contains("<li id=\"muc-ii-4-1-p1\">Một</li>"));
        assert!(r.html.contains("<p id=\"muc-ii-4-2-1\">1. Đoạn có số."));
        assert_eq!(r.toc.len(), 7);
    }

    #[test]
    fn raw_html_is_text() {
        let r = render(
            "<script>alert(1)</script>\n\nA <b onclick=\"x()\">b</b> <!-- c -->\n",
            1,
            &none(),
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<b "), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(r.html.contains("&lt;!-- c --&gt;"), "{}", r.html);
    }

    #[test]
    fn unsafe_links_are_errors_and_dropped() {
        let r = render(
            "a\n\n[x](javascript:alert(1)) [y](other.md#muc-i) [z](#here)\n",
            10,
            &none(),
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].0, 12);
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains("href=\"other.html#muc-i\""));
        assert_eq!(r.links.len(), 2);
    }

    #[test]
    fn plain_text_collapses_space_but_keeps_words_joined() {
        let r = render("Chi  *bộ*bốn\ntốt, **“đảng”** viên\n", 1, &none());
        assert_eq!(r.blocks[0].text, "Chi bộbốn tốt, “đảng” viên");
    }

    #[test]
    fn collapsing_equals_joining_the_words() {
        // Every split of short texts into three events.
        let alphabet = ["a", "ệ", " ", "\n", "\t"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        for t in &texts {
            let words: Vec<&str> = t.split_ascii_whitespace().collect();
            let expected = words.join(" ");
            let b: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &i in &b {
                for &j in b.iter().filter(|&&j| j >= i) {
                    let (mut s, mut space) = (String::new(), false);
                    for part in [&t[..i], &t[i..j], &t[j..]] {
                        push_collapsed(&mut s, &mut space, part);
                    }
                    assert_eq!(s, expected, "{t:?} split at {i}, {j}");
                }
            }
        }
    }

    #[test]
    fn heading_levels_never_skip() {
        let r = render("# T\n\n## I. A\n\n#### Nơi nhận:\n", 1, &none());
        assert!(r.html.contains("<h4 id=\"noi-nhan\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 2);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut md = String::new();
        for i in 0..5000 {
            md.push_str(&" ".repeat(i * 2));
            md.push_str("- a\n");
        }
        let r = render(&md, 1, &none());
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(r.problems[0].1.contains("nested more than 32 levels"));
    }

    #[test]
    fn duplicate_ids_get_suffixes() {
        let r = render("## Nơi nhận\n\n## Nơi nhận\n", 1, &none());
        assert_eq!(r.blocks[1].id, "noi-nhan-2");
    }
}
