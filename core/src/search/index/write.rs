//! The finished index: postings weighed with the real average section
//! length and quantised to one scale, then written term by term.

use super::best::{idf, tf_weight};
use super::{AVG_GUESS, Builder};
use crate::search::CHUNK;
use crate::search::files::{self, Meta, Posting, TermFile, VERSION, Vocab};
use std::sync::atomic::Ordering::Relaxed;

/// Terms listed in `vocab.json` at most: about 25 KB. Vocabulary grows
/// with the variety of the text, not its length (Vietnamese has a few
/// thousand syllables, plus numbers and names).
pub const VOCAB_MAX: usize = 2000;

pub(super) fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A spelling and its postings: (weight, page, section), best first.
type Weighted = (Box<str>, Vec<(f32, u32, u32)>);

struct Weighed {
    name: Box<str>,
    df: u32,
    variants: Vec<Weighted>,
}

/// The finished index, ready to be written file by file.
pub struct Index {
    pub meta: Meta,
    max: f32,
    terms: Vec<Weighed>,
    heads: Option<String>,
}

impl Builder {
    /// Every page has been added: weighs the kept postings.
    pub fn finish(self) -> Index {
        self.index()
    }

    /// The index of the pages added so far (the builder is left as it
    /// was, so pages can be removed and added, and the files written
    /// again). A term no page holds any more, and a spelling with no
    /// posting left, are left out, as a builder never given their pages
    /// would have them.
    pub fn index(&self) -> Index {
        let sections = self.sections.load(Relaxed);
        let avg = match sections {
            0 => AVG_GUESS,
            n => (self.words.load(Relaxed) as f32 / n as f32).max(1.0),
        };
        let n = sections as f32;
        let keep = self.keep;
        let mut max = 0f32;
        let mut terms: Vec<Weighed> = Vec::new();
        for shard in &self.shards {
            let shard = shard.lock().unwrap_or_else(|e| e.into_inner());
            for t in shard.terms.iter().filter(|t| t.df > 0) {
                let idf = idf(n, t.df as f32);
                let mut variants: Vec<Weighted> = t
                    .variants
                    .iter()
                    .filter(|(_, best)| !best.cands.is_empty())
                    .map(|(v, best)| {
                        let mut best = best.cands.clone();
                        if best.len() > keep {
                            best.select_nth_unstable_by(keep - 1, |a, b| b.cmp(a));
                            best.truncate(keep);
                        }
                        let mut ps: Vec<(f32, u32, u32)> = best
                            .iter()
                            .map(|c| {
                                let w = idf * tf_weight(f32::from(c.tf), f32::from(c.len), avg);
                                max = max.max(w);
                                (w, c.page, c.section)
                            })
                            .collect();
                        ps.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
                        (v.clone(), ps)
                    })
                    .collect();
                variants.sort_by(|a, b| a.0.cmp(&b.0));
                terms.push(Weighed {
                    name: t.name.clone(),
                    df: t.df,
                    variants,
                });
            }
        }
        terms.sort_by(|a, b| a.name.cmp(&b.name));
        let heads = self.heads_json();
        Index {
            meta: Meta {
                version: VERSION,
                pages: self.pages.load(Relaxed),
                sections,
                k: self.k,
                chunk: CHUNK,
                heads: heads.is_some(),
            },
            max: if max > 0.0 { max } else { 1.0 },
            terms,
            heads,
        }
    }
}

impl Index {
    /// `search/meta.json`.
    pub fn meta_file(&self) -> (String, String) {
        (files::meta_path(), json(&self.meta))
    }

    /// `search/heads.json`, when the site is small enough to have one.
    pub fn heads_file(&self) -> Option<(String, String)> {
        self.heads.clone().map(|h| (files::heads_path(), h))
    }

    /// `search/vocab.json`, with at most [`VOCAB_MAX`] terms (the most
    /// frequent); `first_bytes[i]` is the size of term `i`'s first file
    /// (from [`Index::term_files`]).
    pub fn vocab_file(&self, first_bytes: &[usize]) -> (String, String) {
        let mut terms: Vec<(String, u32, u32)> = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let kb = first_bytes.get(i).map_or(0, |b| b.div_ceil(1024));
                (t.name.to_string(), t.df, kb as u32)
            })
            .collect();
        let all = terms.len() <= VOCAB_MAX;
        if !all {
            terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(VOCAB_MAX);
            terms.sort();
        }
        (files::vocab_path(), json(&Vocab::new(&terms, all)))
    }

    /// How many terms (each with one or more files).
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// The files of term `i` (its first file, then its "more" files).
    pub fn term_files(&self, i: usize) -> Vec<(String, String)> {
        let t = &self.terms[i];
        let k = self.meta.k as usize;
        let parts = t
            .variants
            .iter()
            .map(|(_, ps)| ps.len().div_ceil(k))
            .max()
            .unwrap_or(0)
            .max(1);
        (0..parts)
            .map(|n| {
                let variants = t
                    .variants
                    .iter()
                    .filter_map(|(v, ps)| {
                        let part = ps.get(n * k..)?;
                        let mut p: Vec<Posting> = part[..part.len().min(k)]
                            .iter()
                            .map(|&(w, page, section)| Posting {
                                page,
                                section,
                                impact: self.impact(w),
                            })
                            .collect();
                        p.sort();
                        (!p.is_empty()).then(|| (v.to_string(), files::encode(&p)))
                    })
                    .collect();
                let file = TermFile {
                    term: t.name.to_string(),
                    df: t.df,
                    more: if n == 0 { parts as u32 - 1 } else { 0 },
                    variants,
                };
                (files::term_path(&t.name, n as u32), json(&file))
            })
            .collect()
    }

    /// A weight on the common 1..=255 scale.
    fn impact(&self, w: f32) -> u32 {
        ((w / self.max * 255.0).ceil() as u32).clamp(1, 255)
    }
}
