//! A thread's dictionary: every word it has seen, as written, mapped once
//! to its lower-case spelling and folded term, with where they live in the
//! shared tables. It outlives pages, so a page costs one lookup per word.

use super::AVG_GUESS;
use super::best::{Cand, tf_weight};
use crate::search::query::MAX_TERM_BYTES;
use crate::text::fold;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// FxHash (rustc-hash): fast, and the maps' order never reaches the output.
pub(super) type Hasher = rustc_hash::FxBuildHasher;

/// A short word stored inline (its length, then its bytes), so a lookup
/// touches only the table.
#[derive(Clone, Copy)]
struct Short([u8; 24]);

impl Short {
    /// The word if it fits (23 bytes: every Vietnamese syllable).
    fn new(w: &str) -> Option<Short> {
        let b = w.as_bytes();
        (b.len() < 24).then(|| {
            let mut k = [0u8; 24];
            k[0] = b.len() as u8;
            k[1..=b.len()].copy_from_slice(b);
            Short(k)
        })
    }

    fn bytes(&self) -> &[u8] {
        &self.0[1..=usize::from(self.0[0])]
    }

    /// Whether this is `b` (shorter than 24 bytes): a few overlapping
    /// loads that cover every byte, instead of a call to `memcmp`.
    #[inline(always)]
    fn is(&self, b: &[u8]) -> bool {
        let n = b.len();
        if usize::from(self.0[0]) != n {
            return false;
        }
        let k = &self.0[1..];
        let eq8 = |i: usize| load8(k, i) == load8(b, i);
        let eq4 = |i: usize| load4(k, i) == load4(b, i);
        match n {
            16.. => eq8(0) && eq8(8) && eq8(n - 8),
            8..=15 => eq8(0) && eq8(n - 8),
            4..=7 => eq4(0) && eq4(n - 4),
            1..=3 => k[0] == b[0] && k[n / 2] == b[n / 2] && k[n - 1] == b[n - 1],
            0 => true,
        }
    }
}

/// A known short word and its spelling's id.
struct Raw {
    word: Short,
    id: u32,
}

/// A hash of a word's bytes, read from the word itself (its first and last
/// eight bytes, or four, or three single bytes): no copy before a lookup.
fn word_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let (x, y) = match n {
        8.. => (load8(b, 0), load8(b, n - 8)),
        4..=7 => (u64::from(load4(b, 0)), u64::from(load4(b, n - 4))),
        1..=3 => (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        ),
        0 => (0, 0),
    };
    // A folded multiply (as in foldhash): every bit of both words reaches
    // the high and the low bits the table uses.
    let m =
        u128::from(x ^ 0x243f_6a88_85a3_08d3) * u128::from(y ^ (n as u64) ^ 0x1319_8a2e_0370_7344);
    (m as u64) ^ ((m >> 64) as u64)
}

/// The eight bytes of `b` from `i`.
#[inline(always)]
fn load8(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default())
}

/// The four bytes of `b` from `i`.
#[inline(always)]
fn load4(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default())
}

/// Which of the shared tables' shards holds a folded term.
pub(super) fn shard_of(name: &str, shards: usize) -> u32 {
    (Hasher::default().hash_one(name) % shards as u64) as u32
}

/// Whether `c` is part of a word, as in [`crate::text::words`]: fast for
/// Vietnamese.
fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0x61..=0x7A | 0x41..=0x5A | 0x30..=0x39 => true,
        0..=0x7F => false,
        0xC0..=0x24F => c != '×' && c != '÷',
        0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// [`crate::text::words`], faster: UTF-8 is decoded by hand.
pub(super) fn split_words(s: &str) -> Words<'_> {
    Words { s, i: 0 }
}

pub(super) struct Words<'a> {
    s: &'a str,
    i: usize,
}

/// Whether the char at `i` (a lead byte) is part of a word, and its length.
#[inline(always)]
fn class(b: &[u8], i: usize) -> (bool, usize) {
    if b[i] < 0x80 {
        return (b[i].is_ascii_alphanumeric(), 1);
    }
    let c0 = u32::from(b[i]);
    // The usual Vietnamese letters and punctuation from their first bytes.
    match (b[i], b.get(i + 1).copied().unwrap_or(0)) {
        // U+00C0–U+00FF but × and ÷, U+0100–U+023F.
        (0xC3, c1) => return (c1 != 0x97 && c1 != 0xB7, 2),
        (0xC4..=0xC8, _) => return (true, 2),
        // U+1E00–U+1EFF
        (0xE1, 0xB8..=0xBB) => return (true, 3),
        // U+2000–U+203F: spaces, dashes, quotes, ellipsis.
        (0xE2, 0x80) => return (false, 3),
        _ => {}
    }
    // `b` is valid UTF-8: the lead byte gives the length.
    let (c, len) = match c0 {
        0..=0xDF => (((c0 & 0x1F) << 6) | (u32::from(b[i + 1]) & 0x3F), 2),
        0xE0..=0xEF => (
            ((c0 & 0x0F) << 12)
                | ((u32::from(b[i + 1]) & 0x3F) << 6)
                | (u32::from(b[i + 2]) & 0x3F),
            3,
        ),
        _ => (
            ((c0 & 0x07) << 18)
                | ((u32::from(b[i + 1]) & 0x3F) << 12)
                | ((u32::from(b[i + 2]) & 0x3F) << 6)
                | (u32::from(b[i + 3]) & 0x3F),
            4,
        ),
    };
    (char::from_u32(c).is_some_and(is_word_char), len)
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let mut i = self.i;
        let start = loop {
            if i >= b.len() {
                self.i = i;
                return None;
            }
            let (word, len) = class(b, i);
            if word {
                break i;
            }
            i += len;
        };
        while i < b.len() {
            let (word, len) = class(b, i);
            if !word {
                self.i = i + len;
                return Some(&self.s[start..i]);
            }
            i += len;
        }
        self.i = i;
        Some(&self.s[start..])
    }
}

pub(super) struct Spelling {
    pub lower: Box<str>,
    /// Index in `Dict::folded`; None when too long to index.
    pub folded: Option<u32>,
    /// Index among its shared term's variants, once known.
    pub variant: Option<u32>,
    /// The worst posting its shared list kept when last seen: a posting
    /// no better is dropped here, without a lock (the list's floor only
    /// rises, so this is never too high).
    pub floor: Option<Cand>,
}

pub(super) struct Folded {
    pub name: Box<str>,
    pub shard: u32,
    /// Index in its shard's terms, once known.
    pub term: Option<u32>,
    /// Sections of the current page holding it.
    pub page_df: u32,
    /// The last section it was counted in (a stamp unique to the thread).
    seen: u32,
}

/// A posting of the current page.
#[derive(Clone, Copy)]
pub(super) struct PagePosting {
    pub spelling: u32,
    pub cand: Cand,
}

#[derive(Default)]
pub(super) struct Dict {
    /// The builder whose tables the cached indices point into.
    pub builder: u64,
    raw: hashbrown::HashTable<Raw>,
    raw_long: HashMap<Box<str>, u32, Hasher>,
    lower: HashMap<Box<str>, u32, Hasher>,
    folded_ids: HashMap<Box<str>, u32, Hasher>,
    pub spellings: Vec<Spelling>,
    pub folded: Vec<Folded>,
    shards: usize,
    tf: Vec<u32>,
    touched: Vec<u32>,
    stamp: u32,
    page: u32,
    /// The current page's postings, by shard.
    pub postings: Vec<Vec<PagePosting>>,
    /// Folded terms met on the current page, by shard.
    pub page_terms: Vec<Vec<u32>>,
    pub words: u64,
}

/// Words remembered per thread before the dictionary starts afresh.
const MAX_RAW: usize = 1 << 20;

impl Dict {
    /// Ready for page `page` of `builder`.
    pub fn begin(&mut self, builder: u64, shards: usize, page: u32) {
        if self.builder != builder || self.raw.len() + self.raw_long.len() > MAX_RAW {
            *self = Dict {
                builder,
                shards,
                postings: vec![Vec::new(); shards],
                page_terms: vec![Vec::new(); shards],
                ..Dict::default()
            };
        }
        for terms in &mut self.page_terms {
            for &f in terms.iter() {
                self.folded[f as usize].page_df = 0;
            }
            terms.clear();
        }
        for p in &mut self.postings {
            p.clear();
        }
        self.page = page;
        self.words = 0;
    }

    fn spelling(&mut self, w: &str) -> u32 {
        let b = w.as_bytes();
        let hash = word_hash(b);
        let known = if b.len() < 24 {
            self.raw.find(hash, |r| r.word.is(b)).map(|r| r.id)
        } else {
            self.raw_long.get(w).copied()
        };
        if let Some(id) = known {
            return id;
        }
        let lower = w.to_lowercase();
        let id = match self.lower.get(lower.as_str()) {
            Some(&id) => id,
            None => {
                let f = fold(&lower);
                let folded = (f.len() <= MAX_TERM_BYTES).then(|| self.folded_id(f));
                let id = self.spellings.len() as u32;
                self.lower.insert(lower.clone().into(), id);
                self.spellings.push(Spelling {
                    lower: lower.into(),
                    folded,
                    variant: None,
                    floor: None,
                });
                self.tf.push(0);
                id
            }
        };
        match Short::new(w) {
            Some(word) => {
                self.raw
                    .insert_unique(hash, Raw { word, id }, |r| word_hash(r.word.bytes()));
            }
            None => {
                self.raw_long.insert(w.into(), id);
            }
        }
        id
    }

    fn folded_id(&mut self, f: String) -> u32 {
        if let Some(&i) = self.folded_ids.get(f.as_str()) {
            return i;
        }
        let i = self.folded.len() as u32;
        self.folded.push(Folded {
            shard: shard_of(&f, self.shards),
            name: f.clone().into(),
            term: None,
            page_df: 0,
            seen: 0,
        });
        self.folded_ids.insert(f.into(), i);
        i
    }

    /// Counts the words of section `section` of the current page.
    pub fn section<'w>(&mut self, section: u32, words: impl Iterator<Item = &'w str>) {
        self.stamp = self.stamp.wrapping_add(1).max(1);
        let mut len = 0usize;
        for w in words {
            let id = self.spelling(w) as usize;
            if self.tf[id] == 0 {
                self.touched.push(id as u32);
            }
            self.tf[id] += 1;
            len += 1;
        }
        self.words += len as u64;
        for &id in &self.touched {
            let tf = clamp16(std::mem::take(&mut self.tf[id as usize]) as usize);
            let spelling = &self.spellings[id as usize];
            let Some(f) = spelling.folded else {
                continue;
            };
            let folded = &mut self.folded[f as usize];
            if folded.seen != self.stamp {
                folded.seen = self.stamp;
                if folded.page_df == 0 {
                    self.page_terms[folded.shard as usize].push(f);
                }
                folded.page_df += 1;
            }
            let len = clamp16(len);
            let cand = Cand {
                weight: tf_weight(f32::from(tf), f32::from(len), AVG_GUESS),
                page: self.page,
                section,
                tf,
                len,
            };
            if spelling.floor.is_none_or(|floor| cand > floor) {
                let p = PagePosting { spelling: id, cand };
                self.postings[folded.shard as usize].push(p);
            }
        }
        self.touched.clear();
    }
}

fn clamp16(n: usize) -> u16 {
    n.min(u16::MAX as usize) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_alphanumeric_chars() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        // Every character alone and between letters, as split_words reads it.
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b {c}");
            assert!(split_words(&s).eq(crate::text::words(&s)), "{c:?}");
        }
        for s in [
            "Chi bộ “bốn tốt”, 81-KH/TU × 2 ÷ 3; Ỹ ỹ.",
            "",
            " ",
            "a",
            "ế",
            "…x…",
            "ab  cd\u{301}e 🙂f",
        ] {
            assert!(split_words(s).eq(crate::text::words(s)), "{s:?}");
        }
    }

    #[test]
    fn short_words_compare_every_byte() {
        for n in 0..24 {
            let w: Vec<u8> = (0..n as u8).map(|i| b'a' + i).collect();
            let s = Short::new(std::str::from_utf8(&w).unwrap()).unwrap();
            assert!(s.is(&w));
            for i in 0..n {
                let mut other = w.clone();
                other[i] = b'Z';
                assert!(!s.is(&other), "{n} {i}");
            }
            assert!(!s.is(&w[..n.saturating_sub(1)]) || n == 0);
        }
    }

    #[test]
    fn counts_words_per_section() {
        let mut d = Dict::default();
        d.begin(1, 1, 7);
        d.section(0, split_words("Đảng Đảng đảng viên"));
        d.section(1, split_words("dạng đảng"));
        let p: Vec<(&str, u32, u32, u16, u16)> = d.postings[0]
            .iter()
            .map(|p| {
                let c = p.cand;
                let w = &*d.spellings[p.spelling as usize].lower;
                (w, c.page, c.section, c.tf, c.len)
            })
            .collect();
        assert_eq!(
            p,
            [
                ("đảng", 7, 0, 3, 4),
                ("viên", 7, 0, 1, 4),
                ("dạng", 7, 1, 1, 2),
                ("đảng", 7, 1, 1, 2)
            ]
        );
        let df: Vec<(&str, u32)> = d.page_terms[0]
            .iter()
            .map(|&f| (&*d.folded[f as usize].name, d.folded[f as usize].page_df))
            .collect();
        assert_eq!(df, [("dang", 2), ("vien", 1)]);
        // A new page starts from zero, keeping the words.
        d.begin(1, 1, 8);
        assert!(d.postings[0].is_empty() && d.page_terms[0].is_empty());
        assert_eq!(d.folded[0].page_df, 0);
        assert_eq!(d.spellings.len(), 3);
        // A posting no better than the known floor is dropped at once.
        d.spellings[0].floor = Some(Cand {
            weight: 100.0,
            page: 0,
            section: 0,
            tf: 1,
            len: 1,
        });
        d.section(0, split_words("đảng viên"));
        assert_eq!(d.postings[0].len(), 1);
        // Another builder: a fresh dictionary.
        d.begin(2, 1, 0);
        assert!(d.spellings.is_empty());
    }
}
