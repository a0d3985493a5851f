//! The index files site-gen writes under `search/` and the browser fetches.
//!
//! ```text
//! search/meta.json           Meta
//! search/vocab.json          Vocab: every folded term, for prefix expansion
//! search/t/<name>.json       TermFile: a term's variants and best postings
//! search/t/<name>.<n>.json   the next postings of the same term ("more")
//! search/p/<page>-<n>.json   PageFile: some sections of a page (section s is
//!                            in file s / chunk: see `Meta::chunk`)
//! search/heads.json          Heads: every page file without its text, on a
//!                            small site only (see `Meta::heads`)
//! ```

use serde::{Deserialize, Serialize};

/// The format version in `meta.json`; bumped on any change to the files.
pub const VERSION: u32 = 2;

/// The folder the index lives in, from the site's top folder.
pub const DIR: &str = "search";

/// `search/meta.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    /// Pages indexed (plans, then the glossary and the comparison page).
    pub pages: u32,
    pub sections: u64,
    /// Postings per variant in a term's first file.
    pub k: u32,
    /// Section ids are `file · chunk + position in the file`, so the page
    /// file of section `s` is number `s / chunk` (files are cut by size,
    /// at most `chunk` sections each).
    pub chunk: u32,
    /// `heads.json` exists: the site's titles and headings are small
    /// enough to fetch once per visit, so results can be shown from the
    /// term files alone, before their page files (snippets) arrive.
    #[serde(default)]
    pub heads: bool,
}

/// `search/heads.json`: every page file with its sections' text left
/// empty (anchors and headings only), in page order. [`super::results`]
/// on these gives each result's title, heading and link, without snippets.
pub type Heads = Vec<PageFile>;

/// `search/vocab.json`: the folded terms (all of them, or the most
/// frequent ones: see `all`), sorted, with their document (section)
/// frequency and the size of their first file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vocab {
    /// Every indexed term is listed. When not, a word missing here may
    /// still have a term file: it is fetched, and a 404 means no match.
    pub all: bool,
    /// The terms joined by single spaces (smaller than a JSON array).
    pub terms: String,
    pub df: Vec<u32>,
    /// KB (rounded up) of each term's first file.
    pub kb: Vec<u32>,
}

impl Vocab {
    /// From (term, df, KB), sorted by term.
    pub fn new(terms: &[(String, u32, u32)], all: bool) -> Vocab {
        Vocab {
            all,
            terms: terms
                .iter()
                .map(|(t, _, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            df: terms.iter().map(|t| t.1).collect(),
            kb: terms.iter().map(|t| t.2).collect(),
        }
    }

    /// (term, df, KB), sorted by term.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u32, u32)> {
        let kb = self.kb.iter().copied().chain(std::iter::repeat(0));
        self.terms
            .split(' ')
            .filter(|t| !t.is_empty())
            .zip(self.df.iter().copied())
            .zip(kb)
            .map(|((t, df), kb)| (t, df, kb))
    }
}

/// `search/t/<name>.json`: one folded term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermFile {
    /// The folded term ("dang").
    #[serde(rename = "t")]
    pub term: String,
    /// Sections holding any variant.
    pub df: u32,
    /// How many `<name>.<n>.json` files follow this one (n = 1..=more).
    pub more: u32,
    /// Each spelling as written (lower-case NFC: "đảng", "đang", "dạng")
    /// with its postings: flat triples (page delta, section, impact),
    /// sorted by page then section; impacts 1..=255 on one scale for all
    /// terms, so they add up across words.
    #[serde(rename = "v")]
    pub variants: Vec<(String, Vec<u32>)>,
}

/// One posting, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    pub page: u32,
    pub section: u32,
    pub impact: u32,
}

/// Encodes postings sorted by (page, section) as flat delta triples.
pub fn encode(postings: &[Posting]) -> Vec<u32> {
    let mut out = Vec::with_capacity(postings.len() * 3);
    let mut last = 0;
    for p in postings {
        out.extend([p.page - last, p.section, p.impact]);
        last = p.page;
    }
    out
}

/// Decodes [`encode`]'s triples; a malformed tail is ignored.
pub fn decode(flat: &[u32]) -> impl Iterator<Item = Posting> + '_ {
    let mut page = 0u32;
    flat.chunks_exact(3).map(move |t| {
        page = page.saturating_add(t[0]);
        Posting {
            page,
            section: t[1],
            impact: t[2],
        }
    })
}

/// `search/p/<page>-<n>.json`: some sections of one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageFile {
    pub page: u32,
    /// The page's URL from the site's top folder ("ke-hoach/son-la.html").
    pub url: String,
    pub title: String,
    /// Id of the first section in this file (the others follow: +1, +2 …).
    pub first: u32,
    /// (anchor, heading, text); an empty anchor is the top of the page.
    #[serde(rename = "s")]
    pub sections: Vec<(String, String, String)>,
}

/// Windows cannot create these names, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A term's file name stem: the term itself when it is ASCII a-z0-9 (and
/// not a name Windows reserves), else `_` and the hex of its UTF-8 bytes.
pub fn term_name(term: &str) -> String {
    let plain = !term.is_empty()
        && term
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if plain && !RESERVED.contains(&term) {
        return term.to_string();
    }
    let mut s = String::with_capacity(1 + term.len() * 2);
    s.push('_');
    for b in term.bytes() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The path of a term's file `n` (0 is the first) from the site's top folder.
pub fn term_path(term: &str, n: u32) -> String {
    match n {
        0 => format!("{DIR}/t/{}.json", term_name(term)),
        n => format!("{DIR}/t/{}.{n}.json", term_name(term)),
    }
}

/// The path of the page file holding `section` of `page`.
pub fn page_path(page: u32, section: u32, chunk: u32) -> String {
    format!("{DIR}/p/{page}-{}.json", section / chunk.max(1))
}

pub fn meta_path() -> String {
    format!("{DIR}/meta.json")
}

pub fn vocab_path() -> String {
    format!("{DIR}/vocab.json")
}

pub fn heads_path() -> String {
    format!("{DIR}/heads.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_distinct() {
        assert_eq!(term_name("dang"), "dang");
        assert_eq!(term_name("2024"), "2024");
        assert_eq!(term_name("con"), "_636f6e");
        assert_eq!(term_name("ά"), "_ceac");
        assert_eq!(term_path("tot", 0), "search/t/tot.json");
        assert_eq!(term_path("tot", 2), "search/t/tot.2.json");
        assert_eq!(page_path(7, 33, 16), "search/p/7-2.json");
    }

    #[test]
    fn postings_round_trip() {
        let p = [
            Posting {
                page: 3,
                section: 1,
                impact: 9,
            },
            Posting {
                page: 3,
                section: 4,
                impact: 255,
            },
            Posting {
                page: 10,
                section: 0,
                impact: 1,
            },
        ];
        let flat = encode(&p);
        assert_eq!(flat, [3, 1, 9, 0, 4, 255, 7, 0, 1]);
        assert_eq!(decode(&flat).collect::<Vec<_>>(), p);
        assert_eq!(decode(&[1, 2]).count(), 0);
    }

    #[test]
    fn vocab_round_trips() {
        let v = Vocab::new(&[("bo".into(), 3, 1), ("dang".into(), 9, 2)], true);
        assert_eq!(v.terms, "bo dang");
        let e: Vec<_> = v.entries().collect();
        assert_eq!(e, [("bo", 3, 1), ("dang", 9, 2)]);
    }
}
