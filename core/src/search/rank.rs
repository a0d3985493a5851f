//! Scores sections from the term files' postings and groups them by page.

use super::files::{PageFile, TermFile, decode, page_path, term_path};
use super::query::{Plan, Word};
use std::collections::BTreeMap;

/// Sections kept per page.
pub const SECTIONS_PER_PAGE: usize = 3;

/// How well a section matches; compared field by field, larger first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    /// Query words the section holds: all words beat some words.
    pub matched: u32,
    /// Words typed with marks that it holds with the same marks.
    pub exact: u32,
    /// The query occurs as a phrase, its words typed with marks spelt as
    /// typed (known once the text is fetched: see [`super::results`]).
    /// Without marks in the query, the same as `phrase`.
    pub exact_phrase: bool,
    /// The folded query occurs as a phrase (known once the text is
    /// fetched).
    pub phrase: bool,
    /// Words typed with marks held as the whole word typed, not only as
    /// the start of a longer one ("kế" being typed: "kế" before "kết").
    /// Differs from `exact` only for the last word while it is typed.
    pub whole: u32,
    /// Sum of impacts (BM25, quantised).
    pub impact: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionHit {
    pub section: u32,
    pub score: Score,
}

/// A page and its best sections, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHit {
    pub page: u32,
    pub sections: Vec<SectionHit>,
}

impl PageHit {
    pub fn best(&self) -> Score {
        self.sections.first().map(|s| s.score).unwrap_or_default()
    }
}

/// One word's match in one section.
#[derive(Clone, Copy, Default)]
struct WordHit {
    impact: u32,
    exact: bool,
    whole: bool,
}

pub(crate) fn is_exact(word: &Word, spelling: &str) -> bool {
    word.marked
        && if word.prefix {
            spelling.starts_with(&word.typed)
        } else {
            spelling == word.typed
        }
}

pub(crate) fn is_whole(word: &Word, spelling: &str) -> bool {
    word.marked && spelling == word.typed
}

/// A section's score, and which words it holds as a quoted phrase needs
/// them (spelt as typed if typed with marks), one bit a word.
#[derive(Default)]
struct Held {
    score: Score,
    words: u32,
}

/// Every page with a matching section, best first. `terms` are the
/// fetched term files (any order; "more" files of a term add to it).
pub fn rank(plan: &Plan, terms: &[TermFile]) -> Vec<PageHit> {
    let mut sections: BTreeMap<(u32, u32), Held> = BTreeMap::new();
    for (i, word) in plan.words.iter().enumerate() {
        // A prefix word matching several terms counts its best term.
        let mut best: BTreeMap<(u32, u32), WordHit> = BTreeMap::new();
        for &t in &word.terms {
            let Some(query) = plan.terms.get(t) else {
                continue;
            };
            let mut this: BTreeMap<(u32, u32), WordHit> = BTreeMap::new();
            for file in terms.iter().filter(|f| f.term == query.term) {
                for (variant, flat) in &file.variants {
                    let exact = is_exact(word, variant);
                    let whole = is_whole(word, variant);
                    for p in decode(flat) {
                        let h = this.entry((p.page, p.section)).or_default();
                        h.impact = h.impact.saturating_add(p.impact);
                        h.exact |= exact;
                        h.whole |= whole;
                    }
                }
            }
            for (key, h) in this {
                let b = best.entry(key).or_default();
                if (h.exact, h.whole, h.impact) > (b.exact, b.whole, b.impact) {
                    *b = h;
                }
            }
        }
        for (key, h) in best {
            let s = sections.entry(key).or_default();
            s.score.matched += 1;
            s.score.exact += u32::from(h.exact);
            s.score.whole += u32::from(h.whole);
            s.score.impact = s.score.impact.saturating_add(h.impact);
            if h.exact || !word.marked {
                s.words |= 1 << i;
            }
        }
    }
    // In quotes: only sections that hold every word of the phrases (that
    // was looked up); whether they are consecutive is known from the text.
    let needed = plan
        .phrases
        .iter()
        .flatten()
        .filter(|&&w| plan.words.get(w).is_some_and(|w| !w.terms.is_empty()))
        .fold(0u32, |m, &w| m | 1 << w);
    let mut pages: BTreeMap<u32, Vec<SectionHit>> = BTreeMap::new();
    for ((page, section), held) in sections {
        if held.words & needed != needed {
            continue;
        }
        let score = held.score;
        pages
            .entry(page)
            .or_default()
            .push(SectionHit { section, score });
    }
    let mut hits: Vec<PageHit> = pages
        .into_iter()
        .map(|(page, mut sections)| {
            sort_sections(&mut sections);
            sections.truncate(SECTIONS_PER_PAGE);
            PageHit { page, sections }
        })
        .collect();
    super::sort::sort_by(&mut hits, |a, b| {
        b.best().cmp(&a.best()).then(a.page.cmp(&b.page))
    });
    hits
}

/// Best score first, then document order.
pub(crate) fn sort_sections(s: &mut [SectionHit]) {
    super::sort::sort_by(s, |a, b| {
        b.score.cmp(&a.score).then(a.section.cmp(&b.section))
    });
}

/// Page files fetched for one screen of results.
pub const MAX_PAGE_FILES: usize = 5;

/// The page files to fetch for `hits` (usually the first five pages):
/// the file of each page's best section, then those of its other
/// sections while fewer than [`MAX_PAGE_FILES`] are listed.
pub fn page_files(hits: &[PageHit], chunk: u32) -> Vec<String> {
    let best = hits
        .iter()
        .flat_map(|h| h.sections.first().map(|s| (h.page, s.section)));
    let rest = hits
        .iter()
        .flat_map(|h| h.sections.iter().skip(1).map(|s| (h.page, s.section)));
    let mut files: Vec<String> = Vec::new();
    for (page, section) in best.chain(rest) {
        let f = page_path(page, section, chunk);
        if files.len() < MAX_PAGE_FILES && !files.contains(&f) {
            files.push(f);
        }
    }
    files
}

/// For "more results" once the ranked pages are used up: the next file
/// of each fetched term that has more (fetch them, then [`rank`] again
/// with every file so far).
pub fn more_files(terms: &[TermFile]) -> Vec<String> {
    let mut out = Vec::new();
    for first in terms.iter().filter(|t| t.more > 0) {
        let have = terms.iter().filter(|t| t.term == first.term).count() as u32;
        if have <= first.more {
            out.push(term_path(&first.term, have));
        }
    }
    out
}

/// The section `section` of `page` in the fetched files, with its file.
pub(crate) fn find_section(
    pages: &[PageFile],
    page: u32,
    section: u32,
) -> Option<(&PageFile, &(String, String, String))> {
    pages.iter().filter(|p| p.page == page).find_map(|p| {
        let i = section.checked_sub(p.first)? as usize;
        p.sections.get(i).map(|s| (p, s))
    })
}
