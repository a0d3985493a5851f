//! Writes the search index into `search/` (formats: `bontot_core::search`).
//!
//! Plans are indexed while their body is in memory (from the load sink, on
//! rayon threads); the other pages once everything is loaded (their
//! sections come from the build, which knows the pages); then the term
//! files, vocabulary and meta are written.

use crate::markdown::Rendered;
use crate::model::{Content, Plan};
use crate::output::Output;
use crate::routes;
use bontot_core::search::index::{Builder, NotExact, Section};
use bontot_core::search::{FILE_BYTES, K, KEEP};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::io;

/// Files and bytes written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub files: usize,
    pub bytes: usize,
    pub terms: usize,
}

pub struct Indexer {
    builder: Builder,
    /// Whether the pages other than plans were added (by `finish`), so
    /// that writing the index again replaces them.
    others: std::sync::atomic::AtomicBool,
}

impl Default for Indexer {
    fn default() -> Self {
        Indexer {
            builder: Builder::new(K, KEEP, FILE_BYTES),
            others: Default::default(),
        }
    }
}

impl Indexer {
    /// An index whose plans can be replaced and whose files can be written
    /// again (`site-gen serve`); see [`Builder::updatable`].
    pub fn updatable() -> Indexer {
        Indexer {
            builder: Builder::updatable(K, KEEP, FILE_BYTES),
            others: Default::default(),
        }
    }

    /// Indexes a plan and writes its page files.
    pub fn add_plan(&self, out: &Output, plan: &Plan, body: &Rendered) -> io::Result<()> {
        self.add_sections(out, plan, &plan_sections(plan, body))
    }

    /// Indexes a plan's sections (see [`plan_sections`]) and writes its
    /// page files.
    pub fn add_sections(&self, out: &Output, plan: &Plan, sections: &[Section]) -> io::Result<()> {
        let title = format!("{}: {}", plan.fm.locality, plan.fm.title);
        let files = self.builder.add_page(
            plan.index as u32,
            &routes::plan(&plan.slug),
            &title,
            sections,
        );
        write_all(out, &files).map(|_| ())
    }

    /// Takes plan (or page) number `page` out of an updatable index.
    pub fn remove_page(&self, page: u32) -> Result<(), NotExact> {
        self.builder.remove_page(page)
    }

    /// Indexes `others`, pages other than plans as (path, title,
    /// sections), numbered after the plans; then writes the term files,
    /// the vocabulary and the meta file.
    ///
    /// An updatable index can be finished again after plans were replaced:
    /// the other pages are then replaced too.
    pub fn finish(
        &self,
        out: &Output,
        content: &Content,
        others: &[(&str, &str, Vec<Section>)],
    ) -> io::Result<Stats> {
        let next = content.plans.iter().map(|p| p.index + 1).max().unwrap_or(0) as u32;
        if self.others.swap(true, std::sync::atomic::Ordering::Relaxed) {
            for n in (next..).take(others.len()) {
                self.builder.remove_page(n).map_err(io::Error::other)?;
            }
        }
        let mut stats = Stats::default();
        let mut files: Vec<Vec<(String, String)>> = others
            .iter()
            .zip(next..)
            .map(|((path, title, sections), n)| self.builder.add_page(n, path, title, sections))
            .collect();
        let index = self.builder.index();
        files.push(
            index
                .heads_file()
                .into_iter()
                .chain([index.meta_file()])
                .collect(),
        );
        for files in files {
            stats.add(write_all(out, &files)?);
        }
        let terms: Vec<(Stats, usize)> = (0..index.terms())
            .into_par_iter()
            .map(|i| {
                let files = index.term_files(i);
                let first = files.first().map_or(0, |f| f.1.len());
                write_all(out, &files).map(|s| (s, first))
            })
            .collect::<io::Result<_>>()?;
        let first: Vec<usize> = terms.iter().map(|t| t.1).collect();
        for (s, _) in terms {
            stats.add(s);
        }
        stats.add(write_all(out, &[index.vocab_file(&first)])?);
        stats.terms = index.terms();
        Ok(stats)
    }
}

impl Stats {
    fn add(&mut self, o: Stats) {
        self.files += o.files;
        self.bytes += o.bytes;
    }
}

fn write_all(out: &Output, files: &[(String, String)]) -> io::Result<Stats> {
    let mut s = Stats::default();
    for (path, json) in files {
        out.write(path, json)?;
        s.files += 1;
        s.bytes += json.len();
    }
    Ok(s)
}

/// A plan's search sections: the document card, our summary, then one per
/// heading and per numbered paragraph (see `Rendered::section_of`), each
/// with the text of the blocks under it.
pub fn plan_sections(plan: &Plan, body: &Rendered) -> Vec<Section> {
    let fm = &plan.fm;
    let signer = fm.signer.as_ref().map(|s| s.name.as_str());
    let card: Vec<&str> = [
        Some(fm.title.as_str()),
        fm.number.as_deref(),
        Some(fm.issuer.as_str()),
        Some(fm.movement.as_str()),
        fm.period.as_deref(),
        signer,
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut out = vec![Section {
        anchor: "thong-tin".into(),
        heading: "Thông tin văn bản".into(),
        own_heading: false,
        text: card.join(". "),
    }];
    if let Some(s) = &fm.summary {
        out.push(Section {
            anchor: "tom-tat".into(),
            heading: "Tóm tắt của Bốn Tốt".into(),
            own_heading: false,
            text: s.clone(),
        });
    }
    let scopes: FxHashSet<&str> = body.scopes.iter().map(String::as_str).collect();
    let mut headings: FxHashMap<&str, &str> = FxHashMap::default();
    // Section id → index in `out`.
    let mut open: FxHashMap<&str, usize> = FxHashMap::default();
    for b in &body.blocks {
        if scopes.contains(b.id.as_str()) {
            let heading = if b.heading {
                headings.insert(&b.id, &b.text);
                b.text.as_str()
            } else {
                // A numbered paragraph: shown under its heading.
                b.scope
                    .iter()
                    .rev()
                    .find_map(|&i| headings.get(body.scopes[i as usize].as_str()).copied())
                    .unwrap_or("")
            };
            open.insert(&b.id, out.len());
            out.push(Section {
                anchor: b.id.clone(),
                heading: heading.to_string(),
                own_heading: b.heading,
                text: if b.heading {
                    String::new()
                } else {
                    b.text.clone()
                },
            });
            continue;
        }
        // A nested block's text is in its list item's already.
        if b.nested {
            continue;
        }
        let id = body.section_of(b);
        let at = match open.get(id) {
            Some(&o) => o,
            None => {
                // Text before any heading: a section named by its first block.
                out.push(Section {
                    anchor: b.id.clone(),
                    heading: "Đầu văn bản".into(),
                    own_heading: false,
                    text: String::new(),
                });
                out.len() - 1
            }
        };
        let text = &mut out[at].text;
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&b.text);
        open.insert(id, at);
    }
    out
}
