//! Full-text search over static files, typed without diacritics.
//!
//! site-gen builds the index ([`index::Builder`]) into `search/` (layout
//! in [`files`]); the browser fetches only the few small files one query
//! needs and runs the same code:
//!
//! ```no_run
//! use bontot_core::search::{self, Meta, PageFile, TermFile, Vocab};
//! # fn fetch<T: serde::de::DeserializeOwned>(path: &str) -> T { unimplemented!() }
//! // Once per visit (URLs are from the site's top folder):
//! let meta: Meta = fetch(&search::meta_path());
//! assert_eq!(meta.version, search::VERSION); // else: show no search
//! let vocab: Vocab = fetch(&search::vocab_path());
//! // Per query (fetch the files in parallel; a 404 on a term marked
//! // `optional` means the word is in no text):
//! let plan = search::plan_query("chi bo bon tot", &vocab);
//! let terms: Vec<TermFile> = plan.files().iter().map(|f| fetch(f)).collect();
//! let hits = search::rank(&plan, &terms);
//! let top = &hits[..hits.len().min(5)];
//! let pages: Vec<PageFile> =
//!     search::page_files(top, meta.chunk).iter().map(|f| fetch(f)).collect();
//! for r in search::results(&plan, top, &pages) {
//!     println!("{} › {}: {} ({})", r.page_title, r.heading, r.snippet, r.url);
//! }
//! // "More results": the next pages, `&hits[5..10]`, the same way; once
//! // `hits` runs out, fetch `search::more_files(&terms)`, add them to
//! // `terms` and rank again.
//! ```
//!
//! Words are folded with [`crate::text::fold`] ("Đảng" → "dang"), so a
//! query without marks finds text with them; a word typed with marks ranks
//! sections holding that exact spelling first, and the words typed with
//! marks as a phrase spelt as typed ("kết nạp") above the same words apart
//! or spelt otherwise. Words in quotes ("kết nạp", “ket nap”) are a phrase
//! every result holds: spelt as typed if typed with marks, folded if not.

mod compose;
pub mod files;
pub mod index;
mod query;
mod rank;
mod results;
mod sort;

pub use compose::{compose_vi, normalize};
pub use files::{
    Heads, Meta, PageFile, Posting, TermFile, VERSION, Vocab, heads_path, meta_path, term_path,
    vocab_path,
};
pub use query::{
    MAX_EXPANSIONS, MAX_QUERY_CHARS, MAX_TERM_BYTES, MAX_WORDS, Plan, TERM_BUDGET_KB, TermQuery,
    Word, plan_query,
};
pub use rank::{
    MAX_PAGE_FILES, PageHit, SECTIONS_PER_PAGE, Score, SectionHit, more_files, page_files, rank,
};
pub use results::{SNIPPET_CHARS, SearchResult, results};

/// Postings per spelling in a term's first file.
pub const K: u32 = 400;
/// Postings per spelling kept in all (the rest of `K` in "more" files).
pub const KEEP: u32 = 800;
/// Section ids per page file (see [`Meta::chunk`]).
pub const CHUNK: u32 = 64;
/// Target size of a page file: 5 pages' files stay well within a phone's
/// budget of 150 KB a query, and most plans fit in one file.
pub const FILE_BYTES: usize = 16 * 1024;

#[cfg(test)]
mod tests;
