//! From the typed query to the term files to fetch.

use super::compose::normalize;
use super::files::{Vocab, term_path};
use crate::text::{fold, words};

/// Characters of the query looked at; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// Distinct words looked up.
pub const MAX_WORDS: usize = 8;
/// Longest folded term the index keeps, in bytes.
pub const MAX_TERM_BYTES: usize = 40;
/// Terms the last word expands to while it is being typed.
pub const MAX_EXPANSIONS: usize = 3;
/// KB of term files one query may fetch (see [`fit_budget`]).
pub const TERM_BUDGET_KB: u32 = 40;

/// A query word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// As typed, lower-case NFC ("đảng").
    pub typed: String,
    /// Folded ("dang").
    pub folded: String,
    /// Typed with diacritics: sections with this exact spelling rank first.
    pub marked: bool,
    /// The last word, still being typed: it matches terms it starts.
    pub prefix: bool,
    /// Indices into [`Plan::terms`] of the terms it matches (none: the
    /// word is in no text).
    pub terms: Vec<usize>,
}

/// A term file to fetch.
#[derive(Debug, Clone, PartialEq)]
pub struct TermQuery {
    pub term: String,
    /// From the site's top folder: "search/t/dang.json".
    pub file: String,
    /// Not in the vocabulary (which lists only the most frequent terms):
    /// the file may not exist, and a 404 means no match.
    pub optional: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub words: Vec<Word>,
    pub terms: Vec<TermQuery>,
    /// The parts of the query in quotes ("…", “…”): indices into
    /// [`Plan::words`] in the order typed. A result must hold each as
    /// consecutive words, spelt as typed when typed with marks.
    pub phrases: Vec<Vec<usize>>,
}

impl Plan {
    /// Nothing to look up: show "no results" without fetching.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Part of the query is in quotes: only its phrase matches.
    pub fn quoted(&self) -> bool {
        !self.phrases.is_empty()
    }

    /// The term files to fetch, in order.
    pub fn files(&self) -> Vec<String> {
        self.terms.iter().map(|t| t.file.clone()).collect()
    }
}

/// Quote marks: straight, and the typographic ones phones put in (“…”,
/// „…“). Each one opens or closes a quote, so “…” and "…" both work, and a
/// quote not closed yet (while typing) runs to the end.
const QUOTES: [char; 4] = ['"', '“', '”', '„'];

/// Parses `query` into words and chooses the term files that answer it.
/// The last word is a prefix unless the query ends with a space or
/// punctuation. Words in quotes are a phrase (see [`Plan::phrases`]).
pub fn plan_query(query: &str, vocab: &Vocab) -> Plan {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let query = normalize(&query);
    let typing = query.chars().last().is_some_and(char::is_alphanumeric);
    let all: Vec<&str> = words(&query).collect();
    let mut found: Vec<&str> = Vec::new();
    for w in &all {
        if !found.contains(w) && found.len() < MAX_WORDS {
            found.push(w);
        }
    }
    // The quote each word is in: quote marks before it, halved, if odd.
    let quotes: Vec<usize> = query
        .char_indices()
        .filter(|(_, c)| QUOTES.contains(c))
        .map(|(i, _)| i)
        .collect();
    let quote_of = |w: &str| -> Option<usize> {
        let at = w.as_ptr() as usize - query.as_ptr() as usize;
        let before = quotes.partition_point(|&q| q < at);
        (before % 2 == 1).then_some(before / 2)
    };
    // The last word is being typed only if it is the last one written
    // (not a repeat of an earlier word, nor one cut by MAX_WORDS).
    let typing = typing && found.last() == all.last();
    let entries: Vec<Entry> = vocab.entries().collect();
    let mut parsed: Vec<(Word, Vec<Candidate>)> = Vec::new();
    // The word each of `found` became, if any.
    let mut word_of: Vec<Option<usize>> = Vec::new();
    for (i, typed) in found.iter().enumerate() {
        let prefix = typing && i + 1 == found.len();
        let folded = fold(typed);
        if folded.is_empty() || folded.len() > MAX_TERM_BYTES {
            word_of.push(None);
            continue;
        }
        let marked = *typed != folded;
        // "dang Đảng": one word, with the spelling that has marks.
        if let Some(at) = parsed.iter().position(|(w, _)| w.folded == folded) {
            let w = &mut parsed[at].0;
            if !w.marked && marked {
                w.typed = typed.to_string();
                w.marked = true;
            }
            word_of.push(Some(at));
            continue;
        }
        word_of.push(Some(parsed.len()));
        let listed = entries
            .binary_search_by(|(t, _, _)| (*t).cmp(folded.as_str()))
            .ok()
            .map(|i| entries[i]);
        let mut matches: Vec<Candidate> = match (prefix, listed) {
            (true, _) => expand(&entries, &folded),
            (false, Some((t, _, kb))) => vec![(t.to_string(), kb, false)],
            (false, None) => Vec::new(),
        };
        // A rare word the vocabulary leaves out: try its (small) file.
        if listed.is_none() && !vocab.all {
            matches.insert(0, (folded.clone(), 1, true));
            matches.truncate(MAX_EXPANSIONS);
        }
        let word = Word {
            typed: typed.to_string(),
            folded,
            marked,
            prefix,
            terms: Vec::new(),
        };
        parsed.push((word, matches));
    }
    fit_budget(&mut parsed);
    let mut plan = Plan::default();
    // Each quote's words in order; a word left out (too long, past
    // MAX_WORDS) splits it, as it cannot be checked.
    let mut run: Vec<usize> = Vec::new();
    let mut last_quote = None;
    for w in &all {
        let quote = quote_of(w);
        let word = found.iter().position(|f| f == w).and_then(|i| word_of[i]);
        if quote != last_quote || quote.is_none() || word.is_none() {
            if !run.is_empty() {
                plan.phrases.push(std::mem::take(&mut run));
            }
            last_quote = quote;
        }
        if let (Some(_), Some(word)) = (quote, word) {
            run.push(word);
        }
    }
    if !run.is_empty() {
        plan.phrases.push(run);
    }
    for (mut word, matches) in parsed {
        for (m, _, optional) in matches {
            let i = match plan.terms.iter().position(|t| t.term == m) {
                Some(i) => i,
                None => {
                    plan.terms.push(TermQuery {
                        file: term_path(&m, 0),
                        term: m,
                        optional,
                    });
                    plan.terms.len() - 1
                }
            };
            word.terms.push(i);
        }
        plan.words.push(word);
    }
    plan
}

/// A vocabulary entry: term, document frequency, KB of its first file.
type Entry<'a> = (&'a str, u32, u32);

/// A term a word may match: term, KB of its file, whether it may not exist.
type Candidate = (String, u32, bool);

/// Keeps the term files within [`TERM_BUDGET_KB`]: first the last word's
/// least likely completions go, then the words with the biggest files
/// (the most common words, which select least). A word left without
/// terms still counts when results are checked against the text.
fn fit_budget(words: &mut [(Word, Vec<Candidate>)]) {
    let total = |words: &[(Word, Vec<Candidate>)]| -> u32 {
        let mut seen: Vec<&str> = Vec::new();
        let mut kb = 0;
        for (t, size, _) in words.iter().flat_map(|(_, m)| m) {
            if !seen.contains(&t.as_str()) {
                seen.push(t);
                kb += size;
            }
        }
        kb
    };
    while total(words) > TERM_BUDGET_KB {
        if let Some((_, m)) = words.iter_mut().find(|(w, m)| w.prefix && m.len() > 1) {
            m.pop();
            continue;
        }
        let with_terms = words.iter().filter(|(_, m)| !m.is_empty()).count();
        if with_terms <= 1 {
            break;
        }
        let biggest = words
            .iter_mut()
            .filter(|(_, m)| !m.is_empty())
            .max_by_key(|(_, m)| m.iter().map(|c| c.1).sum::<u32>());
        if let Some((_, m)) = biggest {
            m.clear();
        }
    }
}

/// The terms `prefix` starts: itself if it is one, then the most frequent
/// others, at most [`MAX_EXPANSIONS`] in all.
fn expand(entries: &[Entry], prefix: &str) -> Vec<Candidate> {
    let start = entries.partition_point(|(t, _, _)| *t < prefix);
    let mut found: Vec<Entry> = entries[start..]
        .iter()
        .take_while(|(t, _, _)| t.starts_with(prefix))
        .copied()
        .collect();
    // The word itself first, then by frequency, then alphabetically.
    super::sort::sort_by(&mut found, |a, b| {
        (b.0 == prefix)
            .cmp(&(a.0 == prefix))
            .then(b.1.cmp(&a.1))
            .then(a.0.cmp(b.0))
    });
    found
        .into_iter()
        .take(MAX_EXPANSIONS)
        .map(|(t, _, kb)| (t.to_string(), kb, false))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(terms: &[(&str, u32)]) -> Vocab {
        // A file of about 1 KB per 10 sections.
        let mut v: Vec<(String, u32, u32)> = terms
            .iter()
            .map(|(t, d)| (t.to_string(), *d, d.div_ceil(10)))
            .collect();
        v.sort();
        Vocab::new(&v, true)
    }

    fn v() -> Vocab {
        vocab(&[
            ("bo", 50),
            ("bon", 20),
            ("chi", 40),
            ("dang", 90),
            ("ky", 5),
            ("luat", 6),
            ("to", 30),
            ("tot", 60),
            ("toan", 10),
            ("tong", 8),
            ("tren", 3),
            ("vien", 70),
        ])
    }

    fn terms(p: &Plan) -> Vec<&str> {
        p.terms.iter().map(|t| t.term.as_str()).collect()
    }

    #[test]
    fn words_fold_and_last_is_a_prefix() {
        let p = plan_query("Chi bộ bốn t", &v());
        let w: Vec<_> = p
            .words
            .iter()
            .map(|w| (w.folded.as_str(), w.marked, w.prefix))
            .collect();
        assert_eq!(
            w,
            [
                ("chi", false, false),
                ("bo", true, false),
                ("bon", true, false),
                ("t", false, true)
            ]
        );
        // "t": the three most frequent terms it starts.
        assert_eq!(terms(&p), ["chi", "bo", "bon", "tot", "to", "toan"]);
        assert_eq!(p.files()[3], "search/t/tot.json");
    }

    #[test]
    fn a_whole_word_prefix_keeps_itself_first() {
        let p = plan_query("bon to", &v());
        assert_eq!(terms(&p), ["bon", "to", "tot", "toan"]);
        // A trailing space ends the word.
        let p = plan_query("bon to ", &v());
        assert_eq!(terms(&p), ["bon", "to"]);
        assert!(!p.words[1].prefix);
    }

    #[test]
    fn dd_folds_to_d() {
        let p = plan_query("Đảng viên", &v());
        assert_eq!(terms(&p), ["dang", "vien"]);
        assert_eq!(p.words[0].typed, "đảng");
        assert!(p.words[0].marked);
    }

    #[cfg(feature = "unicode")]
    #[test]
    fn decomposed_input_is_composed() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Đảng viên ".nfd().collect();
        let p = plan_query(&nfd, &v());
        assert_eq!(p.words[0].typed, "đảng");
        assert_eq!(p.words[1].typed, "viên");
        assert_eq!(terms(&p), ["dang", "vien"]);
    }

    #[test]
    fn unknown_words_have_no_terms() {
        let p = plan_query("xyz ", &v());
        assert_eq!(p.words.len(), 1);
        assert!(p.words[0].terms.is_empty());
        assert!(p.is_empty());
        assert!(plan_query("", &v()).is_empty());
        assert!(plan_query("  ,.;!? “” -- ", &v()).words.is_empty());
    }

    #[test]
    fn long_queries_are_capped() {
        let q = "chi bo ".repeat(500) + &"x".repeat(10_000);
        let p = plan_query(&q, &v());
        assert_eq!(terms(&p), ["chi", "bo"]);
        let many: String = (0..50).map(|i| format!("w{i} ")).collect();
        assert_eq!(plan_query(&many, &v()).words.len(), MAX_WORDS);
        let long = "a".repeat(MAX_TERM_BYTES + 1);
        assert!(plan_query(&long, &v()).words.is_empty());
    }

    #[test]
    fn big_term_files_are_left_out_beyond_the_budget() {
        // KB = df / 10: 30 + 20 + 5 + 2 > 40, so "a" goes, but still
        // counts as a word of the query.
        let v = vocab(&[("a", 300), ("b", 200), ("c", 50), ("d", 20)]);
        let p = plan_query("a b c d ", &v);
        assert_eq!(terms(&p), ["b", "c", "d"]);
        assert_eq!(p.words.len(), 4);
        assert!(p.words[0].terms.is_empty());
        // The last word's completions go first.
        let v = vocab(&[("ta", 200), ("tb", 150), ("tc", 100), ("x", 100)]);
        assert_eq!(terms(&plan_query("x t", &v)), ["x", "ta"]);
        // One word is always looked up.
        let v = vocab(&[("z", 900)]);
        assert_eq!(terms(&plan_query("z", &v)), ["z"]);
    }

    #[test]
    fn words_left_out_of_a_partial_vocabulary_are_tried() {
        let mut v = vocab(&[("dang", 90), ("tot", 60), ("toan", 10)]);
        assert!(plan_query("hiem ", &v).is_empty());
        v.all = false;
        let p = plan_query("hiem dang ", &v);
        assert_eq!(terms(&p), ["hiem", "dang"]);
        assert!(p.terms[0].optional && !p.terms[1].optional);
        // While typing: the word itself, then what it starts.
        let p = plan_query("to", &v);
        assert_eq!(terms(&p), ["to", "tot", "toan"]);
        assert!(p.terms[0].optional);
    }

    #[test]
    fn repeats_are_one_word() {
        let p = plan_query("dang Đảng dang", &v());
        assert_eq!(p.words.len(), 1);
        assert_eq!(terms(&p), ["dang"]);
        assert_eq!(p.words[0].typed, "đảng");
        // The last word repeats an earlier one: not a prefix.
        assert!(!p.words[0].prefix);
    }

    #[test]
    fn quotes_are_phrases() {
        let phrases = |q: &str| plan_query(q, &v()).phrases;
        assert!(phrases("chi bộ bốn tốt").is_empty());
        assert_eq!(phrases("\"chi bộ\" bốn tốt"), [vec![0, 1]]);
        // Typographic quotes, as phones type them, and any mix.
        assert_eq!(phrases("bốn “chi bộ”"), [vec![1, 2]]);
        assert_eq!(phrases("”chi bộ” „bốn tốt“"), [vec![0, 1], vec![2, 3]]);
        // Not closed yet: to the end, the last word still a prefix.
        let p = plan_query("tốt \"chi b", &v());
        assert_eq!(p.phrases, [vec![1, 2]]);
        assert!(p.words[2].prefix);
        // Closed: the last word is whole.
        assert!(!plan_query("\"chi bo\"", &v()).words[1].prefix);
        // A repeated word is one word, twice in the phrase.
        let p = plan_query("\"chi bộ chi bộ\"", &v());
        assert_eq!(p.words.len(), 2);
        assert_eq!(p.phrases, [vec![0, 1, 0, 1]]);
        // "dang" then "Đảng": one word, with the marks.
        let p = plan_query("\"dang\" Đảng", &v());
        assert_eq!(p.phrases, [vec![0]]);
        assert!(p.words[0].marked);
        // A word too long to look up splits the phrase.
        let long = "a".repeat(MAX_TERM_BYTES + 1);
        assert_eq!(phrases(&format!("\"chi {long} bo\"")), [vec![0], vec![1]]);
        // Empty quotes, or quotes around nothing but punctuation.
        assert!(phrases("\"\" chi").is_empty());
        assert!(phrases("“, ” chi").is_empty());
        assert!(plan_query("\"\"", &v()).is_empty());
    }

    #[test]
    fn odd_unicode_does_not_panic() {
        for q in [
            "\u{301}\u{301}",
            "🙂 chi",
            "\u{0}",
            "İ",
            "ǅ",
            "ß",
            "\u{feff}tot",
            "ﬁ",
            "a\u{200d}b",
        ] {
            let _ = plan_query(q, &v());
        }
        assert_eq!(terms(&plan_query("\u{feff}tot ", &v())), ["tot"]);
    }
}
