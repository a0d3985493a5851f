//! The search index's size, and what one query downloads: the browser's
//! steps replayed natively with `bontot_core::search` on a built site.
//!
//! `cargo xtask search [--site DIR] [QUERY...]`

use crate::{Result, cli, root};
use bontot_core::search::{self, Meta, PageFile, SearchResult, TermFile, Vocab};
use std::path::Path;

/// Queries measured by `bench`.
pub const QUERIES: [&str; 5] = ["chi bo bon tot", "dang vien", "ky luat", "ket nap", "HTTNV"];
/// Raw bytes one query may download (static hosts may not compress).
pub const BUDGET: usize = 150 * 1024;
/// Pages whose files a query fetches for its first screen of results.
pub const PAGES: usize = 5;

/// Files and bytes of every file under `dir`.
pub fn total(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files += 1;
                bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    (files, bytes)
}

/// A query run against a site on disk.
pub struct Run {
    /// Files fetched, with their sizes, in order.
    pub fetched: Vec<(String, usize)>,
    pub results: Vec<SearchResult>,
}

impl Run {
    pub fn bytes(&self) -> usize {
        self.fetched.iter().map(|(_, n)| n).sum()
    }
}

fn fetch<T: serde::de::DeserializeOwned>(
    site: &Path,
    rel: &str,
    log: &mut Vec<(String, usize)>,
) -> Result<T> {
    let text = std::fs::read_to_string(site.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
    log.push((rel.to_string(), text.len()));
    Ok(serde_json::from_str(&text).map_err(|e| format!("{rel}: {e}"))?)
}

/// Runs `query` as the browser does, typed as is (the last word a prefix).
pub fn run(site: &Path, query: &str) -> Result<Run> {
    let mut log = Vec::new();
    let meta: Meta = fetch(site, &search::meta_path(), &mut log)?;
    let vocab: Vocab = fetch(site, &search::vocab_path(), &mut log)?;
    // Once per visit, like the two above: a first query pays for it.
    if meta.heads {
        fetch::<search::Heads>(site, &search::heads_path(), &mut log)?;
    }
    let plan = search::plan_query(query, &vocab);
    let mut terms: Vec<TermFile> = Vec::new();
    for t in &plan.terms {
        // A term left out of the vocabulary may have no file: a 404.
        if t.optional && !site.join(&t.file).is_file() {
            log.push((format!("{} (404)", t.file), 0));
            continue;
        }
        terms.push(fetch(site, &t.file, &mut log)?);
    }
    let hits = search::rank(&plan, &terms);
    let top = &hits[..hits.len().min(PAGES)];
    let mut pages: Vec<PageFile> = Vec::new();
    for f in search::page_files(top, meta.chunk) {
        pages.push(fetch(site, &f, &mut log)?);
    }
    Ok(Run {
        results: search::results(&plan, top, &pages),
        fetched: log,
    })
}

/// Lines for the bench report (index size and per-query bytes), and the
/// most bytes one of [`QUERIES`] downloads.
pub fn report(site: &Path, label: &str) -> Result<(Vec<String>, usize)> {
    let (files, bytes) = total(&site.join(search::files::DIR));
    let (pf, pb) = total(&site.join(search::files::DIR).join("p"));
    let mut lines = vec![format!(
        "{label}: search index {files} files, {:.1} MB ({pf} page files, {:.1} MB)",
        bytes as f64 / 1e6,
        pb as f64 / 1e6
    )];
    let mut max = 0;
    for q in QUERIES {
        let r = run(site, q)?;
        max = max.max(r.bytes());
        lines.push(format!(
            "  {q:?}: {} files, {:.1} KB, {} results, first {}",
            r.fetched.len(),
            r.bytes() as f64 / 1024.0,
            r.results.len(),
            r.results.first().map_or("-", |r| r.url.as_str())
        ));
    }
    lines.push(format!(
        "  max per query {:.1} KB (target < {} KB raw)",
        max as f64 / 1024.0,
        BUDGET / 1024
    ));
    Ok((lines, max))
}

pub fn command(args: &cli::Search) -> Result<()> {
    let site = args.site.clone().unwrap_or_else(|| root().join("dist"));
    let queries = &args.queries;
    if queries.is_empty() {
        for l in report(&site, &site.display().to_string())?.0 {
            println!("{l}");
        }
        return Ok(());
    }
    for q in queries {
        let r = run(&site, q)?;
        println!(
            "{q:?}: {:.1} KB in {} files",
            r.bytes() as f64 / 1024.0,
            r.fetched.len()
        );
        for (f, n) in &r.fetched {
            println!("  {f} {n}");
        }
        for x in r.results.iter().take(10) {
            println!(
                "- {} › {} ({})\n  {}",
                x.page_title, x.heading, x.url, x.snippet
            );
        }
    }
    Ok(())
}
