//! Results from fetched page files: phrase boost, snippet, highlights.
//!
//! Text is matched word by word: each original word (a run of letters and
//! digits) is folded on its own, so a highlight is always the original
//! word's byte range, whatever folding did to its length.

use super::files::PageFile;
use super::query::{Plan, Word};
use super::rank::{PageHit, SECTIONS_PER_PAGE, Score, find_section, is_exact, is_whole};
use crate::text::fold;

/// Length of a snippet, in characters, before the ellipses.
pub const SNIPPET_CHARS: usize = 160;
/// Characters of context kept before the first match.
const LEAD_CHARS: usize = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    /// The page's title ("Sơn La: Kế hoạch …").
    pub page_title: String,
    /// From the site's top folder, with the section's anchor:
    /// "ke-hoach/son-la.html#muc-ii-1".
    pub url: String,
    pub heading: String,
    /// Byte ranges of matched words in `heading`.
    pub heading_highlights: Vec<(usize, usize)>,
    /// About [`SNIPPET_CHARS`] characters around the best match, cut on
    /// word boundaries, "…" where text was cut.
    pub snippet: String,
    /// Byte ranges of matched words in `snippet` (on char boundaries).
    pub highlights: Vec<(usize, usize)>,
    pub score: Score,
}

/// A word of some text: its byte range, lower-case and folded forms.
struct Tok {
    start: usize,
    end: usize,
    lower: String,
    folded: String,
}

fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                let lower = crate::text::lower(&s[b..i]);
                let folded = fold(&lower);
                out.push(Tok {
                    start: b,
                    end: i,
                    lower,
                    folded,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn matches(w: &Word, t: &Tok) -> bool {
    if w.prefix {
        t.folded.starts_with(&w.folded)
    } else {
        t.folded == w.folded
    }
}

fn exact(w: &Word, t: &Tok) -> bool {
    is_exact(w, &t.lower)
}

fn whole(w: &Word, t: &Tok) -> bool {
    is_whole(w, &t.lower)
}

/// Spelt as typed if typed with marks, else folded: how a quoted
/// phrase's words match, and the exact phrase's.
fn as_typed(w: &Word, t: &Tok) -> bool {
    if w.marked { exact(w, t) } else { matches(w, t) }
}

/// The first token from `start` on where the words `phrase` (indices
/// into the plan's words) follow one another, each matching by `f`.
fn phrase_from(
    plan: &Plan,
    phrase: &[usize],
    toks: &[Tok],
    start: usize,
    f: fn(&Word, &Tok) -> bool,
) -> Option<usize> {
    let n = phrase.len();
    (start..toks.len()).find(|&i| {
        toks.len() - i >= n
            && phrase
                .iter()
                .zip(&toks[i..])
                .all(|(&w, t)| plan.words.get(w).is_some_and(|w| f(w, t)))
    })
}

/// Index of the first token where every query word follows in order.
fn phrase_at(plan: &Plan, toks: &[Tok], f: fn(&Word, &Tok) -> bool) -> Option<usize> {
    let all: Vec<usize> = (0..plan.words.len()).collect();
    if all.len() < 2 {
        return None;
    }
    phrase_from(plan, &all, toks, 0, f)
}

/// Where each quoted phrase first occurs in `toks`.
fn quotes_at(plan: &Plan, toks: &[Tok]) -> Vec<Option<usize>> {
    plan.phrases
        .iter()
        .map(|p| phrase_from(plan, p, toks, 0, as_typed))
        .collect()
}

/// Which tokens to highlight: those matching a query word, but for a
/// word in quotes only where the quote occurs.
fn marks(plan: &Plan, toks: &[Tok]) -> Vec<bool> {
    let in_quotes = |w: usize| plan.phrases.iter().any(|p| p.contains(&w));
    let mut out: Vec<bool> = toks
        .iter()
        .map(|t| {
            plan.words
                .iter()
                .enumerate()
                .any(|(i, w)| !in_quotes(i) && matches(w, t))
        })
        .collect();
    for p in &plan.phrases {
        let mut at = 0;
        while let Some(i) = phrase_from(plan, p, toks, at, as_typed) {
            out[i..i + p.len()].iter_mut().for_each(|m| *m = true);
            at = i + 1;
        }
    }
    out
}

/// A section being judged: its text's words and its score.
struct Judged<'a> {
    file: &'a PageFile,
    section: &'a (String, String, String),
    id: u32,
    head: Vec<Tok>,
    body: Vec<Tok>,
    /// Where the snippet starts from: the (first) quote, else the phrase.
    phrase: Option<usize>,
    /// Holds every quoted phrase (true without quotes).
    quotes: bool,
    score: Score,
}

/// Scores a section against its text. The text is the best judge of
/// which words it holds (a posting list may have been cut short, and a
/// word dropped from the plan to save bytes is only found here).
fn judge<'a>(
    plan: &Plan,
    file: &'a PageFile,
    section: &'a (String, String, String),
    id: u32,
    mut score: Score,
) -> Judged<'a> {
    let head = tokens(&section.1);
    let body = tokens(&section.2);
    let count = |f: fn(&Word, &Tok) -> bool| {
        plan.words
            .iter()
            .filter(|w| head.iter().chain(&body).any(|t| f(w, t)))
            .count() as u32
    };
    score.matched = score.matched.max(count(matches));
    score.exact = score.exact.max(count(exact));
    score.whole = score.whole.max(count(whole));
    let folded = phrase_at(plan, &body, matches);
    score.phrase = folded.is_some() || phrase_at(plan, &head, matches).is_some();
    let typed = phrase_at(plan, &body, as_typed);
    score.exact_phrase = typed.is_some() || phrase_at(plan, &head, as_typed).is_some();
    // Each quote in the heading or the text.
    let in_body = quotes_at(plan, &body);
    let in_head = quotes_at(plan, &head);
    let quotes = in_body
        .iter()
        .zip(&in_head)
        .all(|(b, h)| b.is_some() || h.is_some());
    let phrase = in_body.into_iter().flatten().next().or(typed).or(folded);
    Judged {
        file,
        section,
        id,
        head,
        body,
        phrase,
        quotes,
        score,
    }
}

/// The results for the pages of `hits` from the fetched `pages`, best
/// first: each page's ranked sections found in the files, and other
/// sections of those files that hold every word (a cut posting list may
/// have missed them), at most [`SECTIONS_PER_PAGE`] a page.
pub fn results(plan: &Plan, hits: &[PageHit], pages: &[PageFile]) -> Vec<SearchResult> {
    let mut out: Vec<(usize, Judged)> = Vec::new();
    for (order, hit) in hits.iter().enumerate() {
        let mut judged: Vec<Judged> = Vec::new();
        for s in &hit.sections {
            if let Some((file, section)) = find_section(pages, hit.page, s.section) {
                let j = judge(plan, file, section, s.section, s.score);
                if j.quotes {
                    judged.push(j);
                }
            }
        }
        for file in pages.iter().filter(|p| p.page == hit.page) {
            for (i, section) in file.sections.iter().enumerate() {
                let id = file.first + i as u32;
                if hit.sections.iter().any(|s| s.section == id) {
                    continue;
                }
                let j = judge(plan, file, section, id, Score::default());
                if j.score.matched as usize == plan.words.len() && j.quotes {
                    judged.push(j);
                }
            }
        }
        super::sort::sort_by(&mut judged, |a, b| {
            b.score.cmp(&a.score).then(a.id.cmp(&b.id))
        });
        judged.truncate(SECTIONS_PER_PAGE);
        out.extend(judged.into_iter().map(|j| (order, j)));
    }
    super::sort::sort_by(&mut out, |a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then(a.0.cmp(&b.0))
            .then(a.1.id.cmp(&b.1.id))
    });
    out.into_iter()
        .map(|(_, j)| {
            let (anchor, heading, text) = j.section;
            let (snippet, highlights) = snippet(plan, text, &j.body, j.phrase);
            SearchResult {
                page_title: j.file.title.clone(),
                url: if anchor.is_empty() {
                    j.file.url.clone()
                } else {
                    format!("{}#{anchor}", j.file.url)
                },
                heading: heading.clone(),
                heading_highlights: highlight(plan, &j.head, 0, heading.len(), 0),
                snippet,
                highlights,
                score: j.score,
            }
        })
        .collect()
}

/// Ranges of matching tokens inside `start..end`, shifted to start at `at`.
fn highlight(
    plan: &Plan,
    toks: &[Tok],
    start: usize,
    end: usize,
    at: usize,
) -> Vec<(usize, usize)> {
    toks.iter()
        .zip(marks(plan, toks))
        .filter(|(t, m)| *m && t.start >= start && t.end <= end)
        .map(|(t, _)| (t.start - start + at, t.end - start + at))
        .collect()
}

/// The byte offset `n` characters before `at` (or 0).
fn back(s: &str, at: usize, n: usize) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
fn forward(s: &str, at: usize, n: usize) -> usize {
    s[at..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| at + i)
}

/// The best window of `text`: around the phrase if there is one, else
/// where the most distinct query words fall within one snippet's length.
fn snippet(
    plan: &Plan,
    text: &str,
    toks: &[Tok],
    phrase: Option<usize>,
) -> (String, Vec<(usize, usize)>) {
    let hits: Vec<(usize, usize)> = toks
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            plan.words
                .iter()
                .enumerate()
                .filter(move |(_, w)| matches(w, t))
                .map(move |(wi, _)| (i, wi))
        })
        .collect();
    let anchor = phrase.or_else(|| {
        let mut best: Option<(usize, usize)> = None;
        for &(i, _) in &hits {
            let limit = forward(text, toks[i].start, SNIPPET_CHARS - LEAD_CHARS);
            // Distinct words (at most MAX_WORDS: no sort needed).
            let mut seen: Vec<usize> = Vec::new();
            for &(_, wi) in hits
                .iter()
                .filter(|(j, _)| *j >= i && toks[*j].end <= limit)
            {
                if !seen.contains(&wi) {
                    seen.push(wi);
                }
            }
            if best.is_none_or(|(n, _)| seen.len() > n) {
                best = Some((seen.len(), i));
            }
        }
        best.map(|(_, i)| i)
    });
    let (mut start, mut end) = (0, text.len());
    if text.chars().count() > SNIPPET_CHARS {
        let at = anchor.map_or(0, |i| toks[i].start);
        let target = back(text, at, LEAD_CHARS);
        // Start on a word: the first one starting at or after the target.
        start = toks
            .iter()
            .map(|t| t.start)
            .find(|&s| s >= target)
            .unwrap_or(at)
            .min(at);
        if start <= toks.first().map_or(0, |t| t.start) {
            start = 0;
        }
        let limit = forward(text, start, SNIPPET_CHARS);
        end = toks
            .iter()
            .map(|t| t.end)
            .rfind(|&e| e <= limit && e > start)
            .unwrap_or(limit);
        if toks.last().is_none_or(|t| end >= t.end) {
            end = text.len();
        }
    }
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let snippet = format!("{lead}{}{tail}", &text[start..end]);
    (snippet, highlight(plan, toks, start, end, lead.len()))
}
