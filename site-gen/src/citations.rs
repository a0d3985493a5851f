//! Citations: a `{ anchor, quote }` in front matter or a rule set is
//! resolved against the rendered plan to the exact paragraph that holds
//! the quote. When it cannot be, the message says what is near: the
//! closest ids to a wrong anchor, and the passage closest to a wrong quote.

use crate::markdown::Rendered;
use bontot_core::model::Cite;
use bontot_core::text::{fold, quote_key, words};

/// How many near ids a wrong anchor lists.
const NEAREST: usize = 4;

/// The id of the block a citation points at: a block inside the section
/// `cite.anchor` (or that block itself) whose text contains the quote.
/// `slug` names the plan in the hints of the messages.
pub fn resolve_cite(body: &Rendered, cite: &Cite, slug: &str) -> Result<String, String> {
    if !body.has_id(&cite.anchor) {
        let near = nearest_ids(body, &cite.anchor);
        let listed = if near.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = near.iter().map(|id| format!("{id:?}")).collect();
            format!("; the nearest ids are {}", quoted.join(", "))
        };
        let hint = match slug.strip_prefix("national/") {
            Some(id) => format!(
                "; the page content/national/{id}.md gives its headings and numbered paragraphs ids as plans do"
            ),
            None => format!(
                "; `site-gen anchors --plan {slug}` lists every id with the start of its text"
            ),
        };
        return Err(format!(
            "anchor {:?} is not an id in this {}{listed}{hint}",
            cite.anchor,
            if slug.starts_with("national/") {
                "excerpt page"
            } else {
                "plan"
            }
        ));
    }
    let key = quote_key(&cite.quote);
    if key.is_empty() {
        return Err("the quote is empty: copy a few words of the plan into `quote`".into());
    }
    let found = body
        .within(&cite.anchor)
        .map(|(i, b)| (b, body.key(i)))
        .filter(|(_, k)| k.contains(&key))
        .min_by_key(|(_, k)| k.len())
        .map(|(b, _)| b.id.clone());
    found.ok_or_else(|| missing_quote(body, cite))
}

/// Resolves a citation and points its anchor at the exact paragraph.
pub fn resolve_in_place(body: &Rendered, cite: &mut Cite, slug: &str) -> Result<(), String> {
    cite.anchor = resolve_cite(body, cite, slug)?;
    Ok(())
}

/// Why a quote is not in its section, and what is closest to it: the
/// quote found elsewhere in the plan, or the passage most like it.
fn missing_quote(body: &Rendered, cite: &Cite) -> String {
    let head = format!(
        "the quote {:?} is not in section {:?}",
        cite.quote, cite.anchor
    );
    let key = quote_key(&cite.quote);
    // Verbatim elsewhere: the anchor is what is wrong.
    if let Some(b) = (0..body.blocks.len())
        .filter(|&i| body.key(i).contains(&key))
        .map(|i| &body.blocks[i])
        .min_by_key(|b| b.text.len())
    {
        return format!(
            "{head}, but it is in {:?} ({}): set `anchor = {:?}`, or the id of a heading above it",
            b.id,
            start_of(&b.text, 60),
            b.id
        );
    }
    match closest_passage(body, &cite.anchor, &cite.quote) {
        Some((id, excerpt)) => format!(
            "{head}; the closest passage is in {id:?}: “{excerpt}”; copy the words exactly as the plan writes them"
        ),
        None => format!(
            "{head}, and no passage of the plan is close to it; copy the words exactly as the plan writes them"
        ),
    }
}

/// Levenshtein distance between two strings, by characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(ca != *cb));
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Up to `NEAREST` ids of the plan closest to `wrong` by edit distance,
/// nearest first (then in document order), none further than about a
/// third of its length.
fn nearest_ids(body: &Rendered, wrong: &str) -> Vec<String> {
    let limit = (wrong.chars().count() / 3).max(2);
    let mut near: Vec<(usize, usize, &str)> = body
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (distance(wrong, &b.id), i, b.id.as_str()))
        .filter(|(d, _, _)| *d <= limit)
        .collect();
    near.sort();
    near.into_iter()
        .take(NEAREST)
        .map(|(_, _, id)| id.to_string())
        .collect()
}

/// The block most like `quote`, by the longest run of its words (folded)
/// that the block has in the same order, then by how many of its words
/// the block has, then preferring blocks inside section `anchor`; with
/// a short excerpt around the run. `None` when nothing shares two words
/// in a row or half the quote's words.
fn closest_passage(body: &Rendered, anchor: &str, quote: &str) -> Option<(String, String)> {
    let folded = fold(quote);
    let want: Vec<&str> = words(&folded).collect();
    if want.is_empty() {
        return None;
    }
    let inside: std::collections::HashSet<usize> = body.within(anchor).map(|(i, _)| i).collect();
    // (score, block, first word of the run, word after it)
    type Best = ((usize, usize, bool), usize, usize, usize);
    let mut best: Option<Best> = None;
    for (i, b) in body.blocks.iter().enumerate() {
        let spans: Vec<&str> = words(&b.text).collect();
        let have: Vec<String> = spans.iter().map(|w| fold(w)).collect();
        let (run, end) = longest_run(&want, &have);
        let overlap = want.iter().filter(|w| have.iter().any(|h| h == *w)).count();
        let score = (run, overlap, inside.contains(&i));
        if best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, i, end.saturating_sub(run), end));
        }
    }
    let ((run, overlap, _), i, from, to) = best?;
    if run < 2 && overlap * 2 < want.len() {
        return None;
    }
    let b = &body.blocks[i];
    Some((b.id.clone(), excerpt(&b.text, from, to)))
}

/// Length of the longest run of `want` found in `have` in order, and the
/// index in `have` just after it.
fn longest_run(want: &[&str], have: &[String]) -> (usize, usize) {
    let mut prev = vec![0usize; have.len() + 1];
    let mut best = (0, 0);
    for w in want {
        let mut cur = vec![0usize; have.len() + 1];
        for (j, h) in have.iter().enumerate() {
            if h == w {
                cur[j + 1] = prev[j] + 1;
                if cur[j + 1] > best.0 {
                    best = (cur[j + 1], j + 1);
                }
            }
        }
        prev = cur;
    }
    best
}

/// The words `from..to` of `text` with a few words of context on each
/// side, cut to about 160 characters, "…" where text is left out.
fn excerpt(text: &str, from: usize, to: usize) -> String {
    let spans: Vec<(usize, usize)> = words(text)
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            (start, start + w.len())
        })
        .collect();
    if spans.is_empty() {
        return start_of(text, 80);
    }
    let first = from.saturating_sub(4).min(spans.len() - 1);
    let last = (to + 6).min(spans.len()).max(first + 1) - 1;
    let start = if first == 0 { 0 } else { spans[first].0 };
    let end = if last + 1 == spans.len() {
        text.len()
    } else {
        spans[last].1
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&start_of(text[start..end].trim(), 160));
    if end < text.len() && !out.ends_with('…') {
        out.push('…');
    }
    out
}

/// The first `chars` characters of `text` on one line, cut at a word,
/// "…" when cut.
pub fn start_of(text: &str, chars: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= chars {
        return line;
    }
    let cut: String = line.chars().take(chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > chars / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("muc-2-1-l", "muc-2-1-1"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("đảng", "dang"), 2);
    }

    #[test]
    fn starts_cut_at_words() {
        assert_eq!(start_of("a  b\nc", 10), "a b c");
        assert_eq!(start_of("một hai ba bốn năm", 12), "một hai ba…");
    }

    #[test]
    fn runs_of_words() {
        let have: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        assert_eq!(longest_run(&["x", "b", "c", "y"], &have), (2, 3));
        assert_eq!(longest_run(&["z"], &have), (0, 0));
    }
}
