//! Builds the index files: pages are added one at a time, from any number
//! of threads, and only a bounded number of postings is kept per spelling.
//!
//! Per spelling (variant) of a folded term, the best `keep` sections so far
//! are kept ([`best`]), ordered by BM25's term-frequency part. The average
//! section length is not known until the end, so the selection uses a
//! fixed one ([`AVG_GUESS`]); the kept postings are weighed again with the
//! real average when the files are written ([`write`]). Nothing depends on
//! the order pages were added in.

mod best;
mod dict;
mod write;

use super::CHUNK;
use super::files;
use best::Best;
use dict::{Dict, Hasher, split_words};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};
pub use write::{Index, VOCAB_MAX};

/// Section length (words) assumed while the real average is unknown.
pub const AVG_GUESS: f32 = 60.0;
const SHARDS: usize = 64;

/// A section to index.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The id on the page ("" for the top of the page).
    pub anchor: String,
    /// Shown above the snippet.
    pub heading: String,
    /// Whether the heading's words are this section's own (a heading's
    /// section) or only context (a numbered paragraph under a heading).
    pub own_heading: bool,
    pub text: String,
}

struct Term {
    name: Box<str>,
    df: u32,
    variants: Vec<(Box<str>, Best)>,
}

#[derive(Default)]
struct Shard {
    ids: HashMap<Box<str>, u32, Hasher>,
    terms: Vec<Term>,
}

pub struct Builder {
    /// Tells threads' dictionaries which builder their indices are for.
    id: u64,
    k: u32,
    keep: usize,
    /// Target size of a page file (a single bigger section gets its own).
    file_bytes: usize,
    shards: Vec<Mutex<Shard>>,
    pages: AtomicU32,
    sections: AtomicU64,
    words: AtomicU64,
    /// Postings kept per spelling while pages are added: `keep`, or more
    /// when pages can be removed ([`Builder::updatable`]).
    depth: usize,
    /// What each page added, when pages can be removed.
    record: Option<Mutex<HashMap<u32, PageRecord, Hasher>>>,
    heads: Mutex<Heads>,
}

/// Bytes of `heads.json` at most (see [`files::Meta::heads`]): about what
/// `vocab.json` weighs at its largest, a fraction of a second at 500 kbps
/// when the search page loads. The real site's is about 10 KB; a site of
/// a few dozen plans goes over, and its results wait for page files.
pub const HEADS_MAX_BYTES: usize = 32 * 1024;

/// Each page's page files without their text, as JSON, while they fit in
/// [`HEADS_MAX_BYTES`].
#[derive(Default)]
struct Heads {
    pages: BTreeMap<u32, Vec<String>>,
    bytes: usize,
    /// Went over the limit in a builder that cannot remove pages: none are
    /// kept from then on (an updatable one keeps them, as removing pages
    /// may bring it back under).
    over: bool,
}

/// What a page added to the shared tables, to take it back out.
#[derive(Default)]
struct PageRecord {
    /// (shard, term in the shard, sections of the page holding it).
    terms: Vec<(u8, u32, u32)>,
    sections: u64,
    words: u64,
}

/// A page could not be taken out of the index exactly: build it afresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotExact(pub String);

impl std::fmt::Display for NotExact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotExact {}

static BUILDERS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static DICT: RefCell<Dict> = RefCell::new(Dict::default());
}

impl Builder {
    /// `k` postings per spelling go in a term's first file, up to `keep`
    /// in all (the rest in "more" files); page files of about `file_bytes`.
    pub fn new(k: u32, keep: u32, file_bytes: usize) -> Builder {
        Builder {
            id: BUILDERS.fetch_add(1, Relaxed),
            k: k.max(1),
            keep: keep.max(k).max(1) as usize,
            file_bytes,
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            pages: AtomicU32::new(0),
            sections: AtomicU64::new(0),
            words: AtomicU64::new(0),
            depth: keep.max(k).max(1) as usize,
            record: None,
            heads: Mutex::default(),
        }
    }

    /// As [`Builder::new`], but pages can later be removed
    /// ([`Builder::remove_page`]) and added again, and the files written
    /// any number of times ([`Builder::index`]): what each page added is
    /// remembered, and half as many postings again as `keep` are kept per
    /// spelling, so that removing a page's postings leaves the best `keep`
    /// of the others known. The files are those of a builder given the
    /// same pages once.
    pub fn updatable(k: u32, keep: u32, file_bytes: usize) -> Builder {
        let mut b = Builder::new(k, keep, file_bytes);
        b.depth = b.keep + b.keep / 2;
        b.record = Some(Mutex::default());
        b
    }

    /// Takes page `page` out of the index: its postings, its share of each
    /// term's document frequency, its sections and words. Fails (and the
    /// builder is then to be dropped) when a spelling would be left with
    /// fewer than `keep` postings while better postings of other pages
    /// than the ones left were cut earlier, or when the page is unknown.
    pub fn remove_page(&self, page: u32) -> Result<(), NotExact> {
        let Some(record) = &self.record else {
            return Err(NotExact("this index cannot remove pages".into()));
        };
        let rec = record
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&page)
            .ok_or_else(|| NotExact(format!("page {page} is not in the index")))?;
        let mut by_shard: Vec<Vec<(u32, u32)>> = vec![Vec::new(); SHARDS];
        for &(shard, term, df) in &rec.terms {
            by_shard[shard as usize].push((term, df));
        }
        let mut short = None;
        for (shard, terms) in by_shard.iter().enumerate() {
            if terms.is_empty() {
                continue;
            }
            let mut s = self.shards[shard].lock().unwrap_or_else(|e| e.into_inner());
            for &(t, df) in terms {
                let term = &mut s.terms[t as usize];
                term.df -= df;
                for (v, best) in &mut term.variants {
                    best.cands.retain(|c| c.page != page);
                    if best.floor().is_some() && best.cands.len() < self.keep {
                        short = Some(format!("too few postings of {v:?} are left"));
                    }
                }
            }
        }
        let mut heads = self.heads.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(files) = heads.pages.remove(&page) {
            heads.bytes -= files.iter().map(|f| f.len() + 1).sum::<usize>();
        }
        drop(heads);
        self.pages.fetch_sub(1, Relaxed);
        self.sections.fetch_sub(rec.sections, Relaxed);
        self.words.fetch_sub(rec.words, Relaxed);
        short.map_or(Ok(()), |why| Err(NotExact(why)))
    }

    /// Indexes page number `page` (each page added once) and returns its
    /// page files as (path, JSON).
    pub fn add_page(
        &self,
        page: u32,
        url: &str,
        title: &str,
        sections: &[Section],
    ) -> Vec<(String, String)> {
        let parts = self.layout(sections);
        DICT.with(|d| {
            let d = &mut *d.borrow_mut();
            d.begin(self.id, SHARDS, page);
            for (f, part) in parts.iter().enumerate() {
                for (i, s) in part.iter().enumerate() {
                    let heading = if s.own_heading {
                        s.heading.as_str()
                    } else {
                        ""
                    };
                    let words = split_words(heading).chain(split_words(&s.text));
                    d.section(section_id(f, i), words);
                }
            }
            self.words.fetch_add(d.words, Relaxed);
            let terms = self.merge(d);
            if let Some(record) = &self.record {
                let rec = PageRecord {
                    terms,
                    sections: sections.len() as u64,
                    words: d.words,
                };
                record
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(page, rec);
            }
        });
        self.pages.fetch_add(1, Relaxed);
        self.sections.fetch_add(sections.len() as u64, Relaxed);
        // A page file's JSON, or its head's (no text).
        let json = |f: usize, part: &[Section], text: bool| {
            write::json(&PageFileRef {
                page,
                url,
                title,
                first: section_id(f, 0),
                s: part
                    .iter()
                    .map(|s| {
                        let t = if text { clip(&s.text) } else { "" };
                        (s.anchor.as_str(), s.heading.as_str(), t)
                    })
                    .collect(),
            })
        };
        self.add_heads(page, || {
            let heads = parts.iter().enumerate();
            heads.map(|(f, part)| json(f, part, false)).collect()
        });
        parts
            .iter()
            .enumerate()
            .map(|(f, part)| {
                let path = files::page_path(page, section_id(f, 0), CHUNK);
                (path, json(f, part, true))
            })
            .collect()
    }

    /// Keeps page `page`'s heads (made by `make`) while they all fit.
    fn add_heads(&self, page: u32, make: impl FnOnce() -> Vec<String>) {
        if self.heads.lock().unwrap_or_else(|e| e.into_inner()).over {
            return;
        }
        let files = make();
        let mut heads = self.heads.lock().unwrap_or_else(|e| e.into_inner());
        // One byte a file for the comma or bracket around it.
        heads.bytes += files.iter().map(|f| f.len() + 1).sum::<usize>();
        heads.pages.insert(page, files);
        if heads.bytes > HEADS_MAX_BYTES && self.record.is_none() {
            *heads = Heads {
                over: true,
                ..Heads::default()
            };
        }
    }

    /// `heads.json`'s text, if it fits in [`HEADS_MAX_BYTES`].
    fn heads_json(&self) -> Option<String> {
        let heads = self.heads.lock().unwrap_or_else(|e| e.into_inner());
        if heads.over || heads.bytes > HEADS_MAX_BYTES {
            return None;
        }
        let files: Vec<&str> = heads.pages.values().flatten().map(String::as_str).collect();
        Some(format!("[{}]", files.join(",")))
    }

    /// Splits a page's sections into files of about `file_bytes`, at most
    /// [`CHUNK`] sections each.
    fn layout<'s>(&self, sections: &'s [Section]) -> Vec<&'s [Section]> {
        let mut parts = Vec::new();
        let (mut start, mut bytes) = (0, 0);
        for (i, s) in sections.iter().enumerate() {
            let n = s.anchor.len() + s.heading.len() + clip(&s.text).len() + 12;
            if i > start && (bytes + n > self.file_bytes || i - start == CHUNK as usize) {
                parts.push(&sections[start..i]);
                (start, bytes) = (i, 0);
            }
            bytes += n;
        }
        if start < sections.len() || parts.is_empty() {
            parts.push(&sections[start..]);
        }
        parts
    }

    /// Adds the dictionary's current page to the shared terms: one lock per
    /// shard, and no string hashing once a term has been met.
    /// Returns, when pages are recorded, what the page added to each term's
    /// document frequency.
    fn merge(&self, d: &mut Dict) -> Vec<(u8, u32, u32)> {
        let mut added = Vec::new();
        for shard in 0..SHARDS {
            if d.page_terms[shard].is_empty() {
                continue;
            }
            let mut s = self.shards[shard].lock().unwrap_or_else(|e| e.into_inner());
            for &f in &d.page_terms[shard] {
                let folded = &mut d.folded[f as usize];
                let t = *folded.term.get_or_insert_with(|| s.term(&folded.name));
                s.terms[t as usize].df += folded.page_df;
                if self.record.is_some() {
                    added.push((shard as u8, t, folded.page_df));
                }
            }
            for p in &d.postings[shard] {
                let sp = &mut d.spellings[p.spelling as usize];
                let Some(t) = sp.folded.and_then(|f| d.folded[f as usize].term) else {
                    continue;
                };
                let term = &mut s.terms[t as usize];
                let v = *sp
                    .variant
                    .get_or_insert_with(|| term.variant(&sp.lower) as u32);
                let best = &mut term.variants[v as usize].1;
                best.push(p.cand, self.depth);
                sp.floor = best.floor();
            }
        }
        added
    }
}

impl Shard {
    /// The index of term `name`, added if new.
    fn term(&mut self, name: &str) -> u32 {
        if let Some(&t) = self.ids.get(name) {
            return t;
        }
        let t = self.terms.len() as u32;
        self.terms.push(Term {
            name: name.into(),
            df: 0,
            variants: Vec::new(),
        });
        self.ids.insert(name.into(), t);
        t
    }
}

impl Term {
    /// The index of variant `spelling`, added if new.
    fn variant(&mut self, spelling: &str) -> usize {
        match self.variants.iter().position(|(v, _)| &**v == spelling) {
            Some(v) => v,
            None => {
                self.variants.push((spelling.into(), Best::default()));
                self.variants.len() - 1
            }
        }
    }
}

/// Text kept per section in page files (for snippets; every word is
/// indexed): a huge section must not make a huge download.
pub const MAX_SECTION_BYTES: usize = 8 * 1024;

/// `text` cut to at most [`MAX_SECTION_BYTES`], after a word.
fn clip(text: &str) -> &str {
    if text.len() <= MAX_SECTION_BYTES {
        return text;
    }
    let mut end = MAX_SECTION_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) if space > end / 2 => &text[..space],
        _ => &text[..end],
    }
}

/// The id of section `i` of page file `f` (see [`files::Meta::chunk`]).
fn section_id(f: usize, i: usize) -> u32 {
    (f * CHUNK as usize + i) as u32
}

/// [`files::PageFile`], borrowed, for writing.
#[derive(serde::Serialize)]
struct PageFileRef<'a> {
    page: u32,
    url: &'a str,
    title: &'a str,
    first: u32,
    s: Vec<(&'a str, &'a str, &'a str)>,
}
