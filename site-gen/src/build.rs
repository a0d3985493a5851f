//! `site-gen build`: content → checked model → pages → `dist/`, swapped in
//! only when every step succeeded.

use crate::app::{AppAssets, Loader};
use crate::content;
use crate::ics;
use crate::model::{Content, Plan};
use crate::output::Output;
use crate::pages;
use crate::routes::{self, ROUTES, Route};
use crate::search::Indexer;
use crate::sitemap;
use crate::spill::Deadlines;
use bontot_core::model::Site;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What to build. The switches (the last three) come from the
/// environment, read by the command line only.
#[derive(Default)]
pub struct Options {
    pub content: PathBuf,
    /// trunk's output folder; without it the calculator pages carry only
    /// the paper checklist.
    pub app: Option<PathBuf>,
    /// Without `app`: the modules built into this binary (`cargo xtask
    /// dist`), when it carries them.
    pub embedded_app: bool,
    pub out: PathBuf,
    /// Leaves the search index out, to measure its cost
    /// (BONTOT_NO_SEARCH).
    pub no_search: bool,
    /// Prints how long each stage took (BONTOT_TIMING).
    pub timing: bool,
    /// The calendar's timestamp in seconds (SOURCE_DATE_EPOCH); without
    /// it, the newest plan date.
    pub source_date_epoch: Option<i64>,
}

#[derive(Debug, Default)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
    /// What the build allowed but a reader may miss, one line each.
    pub warnings: Vec<String>,
}

const SITE_JS: &str = include_str!("../assets/site.js");
const NOSCRIPT_CSS: &str = include_str!("../assets/noscript.css");
const ICON: &str = include_str!("../assets/icon.svg");

pub fn build(opts: &Options) -> Result<Stats, Box<dyn std::error::Error>> {
    // The output folder is checked before anything is read or written.
    let mut sources = vec![opts.content.as_path()];
    sources.extend(opts.app.as_deref());
    let target = crate::target::check(&opts.out, &sources)?;
    let app = match &opts.app {
        Some(dir) => Some(AppAssets::find(dir)?),
        None if opts.embedded_app => AppAssets::embedded(),
        None => None,
    };
    let out = Output::create(target)?;
    let index = (!opts.no_search).then(Indexer::default);
    // Plan pages are written, and plans indexed, while each plan's body is
    // in memory.
    let write_plan = |site: &Site, plan: &Plan, body: &crate::markdown::Rendered| {
        out.write(
            &routes::plan(&plan.slug),
            pages::plan::render(site, plan, body),
        )?;
        match &index {
            Some(index) => index.add_plan(&out, plan, body),
            None => Ok(()),
        }
    };
    let t0 = std::time::Instant::now();
    let deadlines = Deadlines::new(out.real_target())?;
    let content = content::load(&opts.content, Some(&write_plan), Some(&deadlines))?;
    let lap = |what: &str| {
        if opts.timing {
            eprintln!("{what}: {:?}", t0.elapsed());
        }
    };
    lap("load + plan pages");

    let (start_js, search_js) = match &app {
        Some(a) => {
            let index_files = match index {
                Some(_) => vec![
                    bontot_core::search::meta_path(),
                    bontot_core::search::vocab_path(),
                ],
                None => Vec::new(),
            };
            let early = Loader::Early {
                preload: &index_files,
            };
            (
                Some(a.calculator.install(&out, "start.js", Loader::Plain)?),
                Some(a.search.install(&out, "search.js", early)?),
            )
        }
        None => (None, None),
    };
    let scripts = start_js.as_ref().map(|i| pages::calculator::Scripts {
        loader: &i.loader,
        glue: &i.glue,
    });

    // Home and deadlines are written in pieces, below.
    let single: Vec<(&str, String)> = ROUTES
        .iter()
        .filter_map(|r| {
            let text = match r.route {
                Route::Home | Route::Deadlines => return None,
                Route::Calculators => pages::calculator::render_index(&content),
                Route::Glossary => pages::glossary::render(&content),
                Route::Compare => pages::compare::render(&content),
                Route::Search => {
                    pages::search::render(&content, search_js.as_ref().map(|s| s.loader.as_str()))
                }
                Route::NotFound => pages::not_found::render(&content),
            };
            Some((r.path, text))
        })
        .collect();
    // The other pages and the index's term files, side by side.
    let pages = || -> std::io::Result<()> {
        // A plan without a rule set has no calculator page.
        content
            .plans
            .par_iter()
            .filter(|p| p.rules.is_some())
            .try_for_each(|plan| {
                out.write(
                    &routes::calculator(&plan.slug),
                    pages::calculator::render(&content, plan, scripts.as_ref()),
                )
            })?;
        for n in &content.national {
            out.write(
                &routes::national(&n.id),
                pages::national::render(&content.site, n),
            )?;
        }
        pages::home::write(&content, &out)?;
        let stamp = ics::build_time(&content, opts.source_date_epoch);
        pages::deadlines::write(&content, &deadlines, stamp, &out)?;
        for (rel, text) in &single {
            out.write(rel, text)?;
        }
        Ok(())
    };
    let search = || {
        let others = [
            (
                Route::Glossary.path(),
                pages::glossary::TITLE,
                pages::glossary::search_sections(&content),
            ),
            (
                Route::Compare.path(),
                pages::compare::TITLE,
                pages::compare::search_sections(&content),
            ),
        ];
        index.map(|i| i.finish(&out, &content, &others)).transpose()
    };
    let (written, search) = rayon::join(pages, search);
    written?;
    drop(deadlines);
    if let Some(search) = search?
        && opts.timing
    {
        eprintln!(
            "search index: {} terms, {} files, {} bytes (besides page files)",
            search.terms, search.files, search.bytes
        );
    }
    lap("other pages and search index");
    out.write("style.css", pages::layout::STYLE)?;
    out.write("site.js", SITE_JS)?;
    out.write("noscript.css", NOSCRIPT_CSS)?;
    out.write("icon.svg", ICON)?;

    let mut html_pages: Vec<String> = ROUTES
        .iter()
        .filter(|r| r.sitemap)
        .map(|r| r.path.to_string())
        .collect();
    for plan in &content.plans {
        html_pages.push(routes::plan(&plan.slug));
        if plan.rules.is_some() {
            html_pages.push(routes::calculator(&plan.slug));
        }
    }
    for n in &content.national {
        html_pages.push(routes::national(&n.id));
    }
    html_pages.sort();
    sitemap::write(&content, &html_pages, &out)?;
    out.write("robots.txt", sitemap::robots(&content))?;
    crate::offline::write_manifest(&content.site, &out)?;
    // Last: it lists (and hashes) every file written before it.
    crate::offline::write_service_worker(&out)?;
    lap("written");
    let files = out.count();
    out.commit()?;
    lap("committed");
    let mut warnings: Vec<String> = content.warnings.iter().map(|w| w.to_string()).collect();
    if app.is_none() {
        warnings.push(
            "warning: no calculator modules (--app DIR, trunk's output): the calculator pages carry only the paper checklist, with no calculator; build with `cargo xtask build`, or pass --app".into(),
        );
    }
    Ok(Stats {
        warnings,
        pages: html_pages.len() + ROUTES.iter().filter(|r| !r.sitemap).count(),
        files,
    })
}

/// Loads content only: `site-gen check`.
pub fn check(dir: &Path) -> Result<Content, crate::problem::Problems> {
    content::load(dir, None, None)
}
