//! `site-gen build`: content → checked model → pages → `dist/`, swapped in
//! only when every step succeeded.

use crate::app::{AppAssets, Installed, Loader};
use crate::content;
use crate::ics;
use crate::model::{Content, Plan};
use crate::output::{Files, Output};
use crate::pages;
use crate::problem::Problems;
use crate::routes::{self, ROUTES, Route};
use crate::search::Indexer;
use crate::sitemap;
use crate::spill::Deadlines;
use bontot_core::model::Site;
use bontot_core::search::index::Section;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    run(opts, false).map(|(stats, _)| stats)
}

/// What a build leaves for the next [`update`] (`site-gen serve`): the
/// content as loaded (each plan slimmed), the search index able to
/// replace a plan, the deadlines set aside, every file of the site with
/// its hash, and the app's loaders.
pub struct Kept {
    content: Content,
    index: Option<Indexer>,
    deadlines: Deadlines,
    files: Arc<Files>,
    start_js: Option<Installed>,
    search_js: Option<Installed>,
    desk: Option<DeskFiles>,
}

/// The year-end part's loader and the national rules it fetches, as
/// paths from the site's top.
pub struct DeskFiles {
    pub loader: String,
    pub data: String,
}

impl Kept {
    pub fn content(&self) -> &Content {
        &self.content
    }
}

/// As [`build`], keeping what an [`update`] needs.
pub fn build_kept(opts: &Options) -> Result<(Stats, Kept), Box<dyn std::error::Error>> {
    let (stats, kept) = run(opts, true)?;
    let kept = kept.ok_or("nothing kept")?;
    Ok((stats, kept))
}

fn run(opts: &Options, keep: bool) -> Result<(Stats, Option<Kept>), Box<dyn std::error::Error>> {
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
    let index = (!opts.no_search).then(|| {
        if keep {
            Indexer::updatable()
        } else {
            Indexer::default()
        }
    });
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

    let desk = match &app {
        Some(a) => Some(install_desk(&out, a, &content)?),
        None => None,
    };
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
    let pages = write_rest(
        opts,
        &Rest {
            content: &content,
            index: index.as_ref(),
            deadlines: &deadlines,
            start_js: start_js.as_ref(),
            search_js: search_js.as_ref(),
            desk: desk.as_ref(),
        },
        &out,
        &|_| true,
        &lap,
    )?;
    // Last: it lists (and hashes) every file written before it.
    crate::offline::write_service_worker(&out)?;
    lap("written");
    let files = out.count();
    let kept_files = keep.then(|| {
        out.files()
            .into_iter()
            .map(|(p, hash, len)| (p, (hash, len)))
            .collect::<Files>()
    });
    out.commit()?;
    lap("committed");
    let mut warnings: Vec<String> = content.warnings.iter().map(|w| w.to_string()).collect();
    if app.is_none() {
        warnings.push(
            "warning: no calculator modules (--app DIR, trunk's output): the calculator pages carry only the paper checklist, with no calculator; build with `cargo xtask build`, or pass --app".into(),
        );
    }
    let stats = Stats {
        warnings,
        pages,
        files,
    };
    let kept = kept_files.map(|files| Kept {
        content,
        index,
        deadlines,
        files: Arc::new(files),
        start_js,
        search_js,
        desk,
    });
    Ok((stats, kept))
}

/// The year-end part's module, and the national rules it fetches when
/// opened, under a name that changes with them.
fn install_desk(out: &Output, a: &AppAssets, content: &Content) -> std::io::Result<DeskFiles> {
    let installed = a.desk.install(out, "desk.js", Loader::OnDemand)?;
    let data = bontot_core::roster::DeskData {
        regimes: content
            .national
            .iter()
            .map(|n| (n.id.clone(), n.file.clone()))
            .collect(),
        frames_json: serde_json::to_string(&content.frames).unwrap_or_else(|_| "[]".into()),
        dossiers: content
            .plans
            .iter()
            .filter_map(|p| {
                p.dossier.clone().map(|d| {
                    let cite = bontot_core::dossier::plan_reference(&p.fm);
                    (p.slug.clone(), d, cite)
                })
            })
            .collect(),
        templates: content.templates.clone(),
    };
    let text = bontot_core::page::encode_value(&data);
    let path = format!(
        "app/so-theo-doi-{:016x}.txt",
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    );
    out.write(&path, text)?;
    Ok(DeskFiles {
        loader: installed.loader,
        data: path,
    })
}

/// What the pages written after the plans' own read.
struct Rest<'a> {
    content: &'a Content,
    index: Option<&'a Indexer>,
    deadlines: &'a Deadlines,
    start_js: Option<&'a Installed>,
    search_js: Option<&'a Installed>,
    desk: Option<&'a DeskFiles>,
}

/// Writes every file but the plan pages (and their search page files)
/// and the service worker: the pages that list or sum up plans, the
/// calculator pages of the plans `calculators` says (every one, in a
/// build), the national pages, the search index's own files, the
/// assets, the sitemap and the manifest. Returns the number of pages.
fn write_rest(
    opts: &Options,
    r: &Rest,
    out: &Output,
    calculators: &(dyn Fn(&Plan) -> bool + Sync),
    lap: &dyn Fn(&str),
) -> std::io::Result<usize> {
    let content = r.content;
    let scripts = r.start_js.map(|i| pages::calculator::Scripts {
        loader: &i.loader,
        glue: &i.glue,
        desk: r.desk.map(|d| (d.loader.as_str(), d.data.as_str())),
    });

    // Home and deadlines are written in pieces, below.
    let single: Vec<(&str, String)> = ROUTES
        .iter()
        .filter_map(|row| {
            let text = match row.route {
                Route::Home | Route::Deadlines => return None,
                Route::Calculators => pages::calculator::render_index(content),
                Route::Glossary => pages::glossary::render(content),
                Route::Compare => pages::compare::render(content),
                Route::Search => {
                    pages::search::render(content, r.search_js.map(|s| s.loader.as_str()))
                }
                Route::NotFound => pages::not_found::render(content),
            };
            Some((row.path, text))
        })
        .collect();
    // The other pages and the index's term files, side by side.
    let pages = || -> std::io::Result<()> {
        // A plan without a rule set has no calculator page.
        content
            .plans
            .par_iter()
            .filter(|p| p.rules.is_some() && calculators(p))
            .try_for_each(|plan| {
                out.write(
                    &routes::calculator(&plan.slug),
                    pages::calculator::render(content, plan, scripts.as_ref()),
                )
            })?;
        for n in &content.national {
            out.write(
                &routes::national(&n.id),
                pages::national::render(&content.site, n),
            )?;
        }
        for f in &content.frames {
            out.write(
                &routes::frame(&f.id),
                pages::frame::render(&content.site, f),
            )?;
        }
        for plan in &content.plans {
            if let Some(page) = pages::dossier::render(content, plan) {
                out.write(&routes::dossier(&plan.slug), page)?;
                for (i, doc) in pages::dossier::documents(content, plan).iter().enumerate() {
                    let name = pages::dossier::docx_name(&plan.slug, i);
                    out.write(&format!("ho-so/{name}"), bontot_core::docx::write(doc))?;
                }
            }
        }
        pages::home::write(content, out)?;
        let stamp = ics::build_time(content, opts.source_date_epoch);
        pages::deadlines::write(content, r.deadlines, stamp, out)?;
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
                pages::glossary::search_sections(content),
            ),
            (
                Route::Compare.path(),
                pages::compare::TITLE,
                pages::compare::search_sections(content),
            ),
        ];
        r.index.map(|i| i.finish(out, content, &others)).transpose()
    };
    let (written, search) = rayon::join(pages, search);
    written?;
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
        if plan.dossier.is_some() {
            html_pages.push(routes::dossier(&plan.slug));
        }
    }
    for n in &content.national {
        html_pages.push(routes::national(&n.id));
    }
    for f in &content.frames {
        html_pages.push(routes::frame(&f.id));
    }
    html_pages.sort();
    sitemap::write(content, &html_pages, out)?;
    out.write("robots.txt", sitemap::robots(content))?;
    crate::offline::write_manifest(&content.site, out)?;
    Ok(html_pages.len() + ROUTES.iter().filter(|r| !r.sitemap).count())
}

/// Why an [`update`] failed.
#[derive(Debug)]
pub enum Failed {
    /// The changed plans or rule files have problems: nothing was
    /// written, and the [`Kept`] is as it was (the last good site).
    Content(Problems),
    /// Anything else (a file that cannot be written, an index that cannot
    /// drop a plan exactly): the [`Kept`] must be dropped and the site
    /// built afresh.
    Other(Box<dyn std::error::Error>),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Content(p) => p.fmt(f),
            Failed::Other(e) => e.fmt(f),
        }
    }
}

impl<E: Into<Box<dyn std::error::Error>>> From<E> for Failed {
    fn from(e: E) -> Failed {
        Failed::Other(e.into())
    }
}

/// Brings the site a [`build_kept`] (or an earlier update) wrote up to
/// date after the plans at `changed` (positions in the content's plans),
/// or their rule files, changed; the set of plan files, the site settings,
/// glossary and national rules are as they were (else: a full build).
///
/// Only the changed plans are read and rendered. Written again: their
/// pages, their search page files, and every file that lists or sums up
/// plans (home, comparison, deadlines and calendar, calculators index,
/// search and 404 pages, sitemap, the search index's terms, vocabulary
/// and meta, the glossary's and comparison's search page files); their
/// calculator pages, or every calculator page when the list of plans
/// with a calculator (or their localities) changed; then the service
/// worker, from the hashes of every file. A file is moved into the
/// output folder only when its bytes changed, so the folder ends as a
/// full build of the same content would leave it.
pub fn update(opts: &Options, kept: &mut Kept, changed: &[usize]) -> Result<Stats, Failed> {
    let mut sources = vec![opts.content.as_path()];
    sources.extend(opts.app.as_deref());
    let target = crate::target::check(&opts.out, &sources)?;
    let t0 = std::time::Instant::now();
    let lap = |what: &str| {
        if opts.timing {
            eprintln!("{what}: {:?}", t0.elapsed());
        }
    };
    let out = Output::update(target, kept.files.clone())?;
    let sections: Mutex<Vec<(usize, Vec<Section>)>> = Mutex::default();
    let indexing = kept.index.is_some();
    let write_plan = |site: &Site, plan: &Plan, body: &crate::markdown::Rendered| {
        out.write(
            &routes::plan(&plan.slug),
            pages::plan::render(site, plan, body),
        )?;
        if indexing {
            let s = crate::search::plan_sections(plan, body);
            sections
                .lock()
                .map_err(|_| std::io::Error::other("a writer thread panicked"))?
                .push((plan.index, s));
        }
        Ok(())
    };
    let plans =
        content::reload(&kept.content, changed, Some(&write_plan)).map_err(Failed::Content)?;
    lap("changed plans loaded, their pages written");
    // From here on `kept` changes: a failure leaves it to be dropped.
    let calculators = |c: &Content| -> Vec<(String, String)> {
        c.plans
            .iter()
            .filter(|p| p.rules.is_some())
            .map(|p| (p.slug.clone(), p.fm.locality.clone()))
            .collect()
    };
    let before = calculators(&kept.content);
    let mut sections = sections
        .into_inner()
        .map_err(|_| "a writer thread panicked")?;
    for (mut plan, &i) in plans.into_iter().zip(changed) {
        let page = plan.index as u32;
        if let Some(index) = &kept.index {
            index.remove_page(page)?;
            let at = sections
                .iter()
                .position(|s| s.0 == plan.index)
                .ok_or("a plan's sections are missing")?;
            let (_, s) = sections.swap_remove(at);
            index.add_sections(&out, &plan, &s)?;
        }
        kept.deadlines.remove_plan(page)?;
        content::spill_deadlines(&mut plan, &kept.deadlines)?;
        plan.slim();
        kept.content.plans[i] = plan;
    }
    let all_calculators = calculators(&kept.content) != before;
    let slugs: FxHashSet<&str> = changed
        .iter()
        .map(|&i| kept.content.plans[i].slug.as_str())
        .collect();
    let next = kept
        .content
        .plans
        .iter()
        .map(|p| p.index + 1)
        .max()
        .unwrap_or(0);
    // Page numbers in the index whose page files were all written again:
    // the changed plans, then the glossary and the comparison.
    let pages_indexed: FxHashSet<usize> = changed
        .iter()
        .map(|&i| kept.content.plans[i].index)
        .chain([next, next + 1])
        .collect();
    let pages = write_rest(
        opts,
        &Rest {
            content: &kept.content,
            index: kept.index.as_ref(),
            deadlines: &kept.deadlines,
            start_js: kept.start_js.as_ref(),
            search_js: kept.search_js.as_ref(),
            desk: kept.desk.as_ref(),
        },
        &out,
        &|p| all_calculators || slugs.contains(p.slug.as_str()),
        &lap,
    )?;
    lap("written");
    // Files of which this update wrote every one that should be there.
    let regenerated = |p: &str| {
        if let Some(name) = p.strip_prefix("search/p/") {
            return name
                .split_once('-')
                .and_then(|(n, _)| n.parse().ok())
                .is_some_and(|n: usize| pages_indexed.contains(&n));
        }
        if let Some(name) = p.strip_prefix("tu-danh-gia/") {
            return all_calculators
                || name
                    .strip_suffix(".html")
                    .is_some_and(|slug| slugs.contains(slug));
        }
        p.starts_with("search/t/") || p.starts_with("sitemap")
    };
    let site: Vec<(String, u64, usize)> = out
        .merged(&regenerated)
        .into_iter()
        .map(|(p, (hash, len))| (p, hash, len))
        .collect();
    out.write("sw.js", crate::offline::service_worker(&site))?;
    kept.files = Arc::new(out.merge(&regenerated)?);
    lap("merged");
    Ok(Stats {
        pages,
        files: kept.files.len(),
        warnings: Vec::new(),
    })
}

/// Loads content only: `site-gen check`.
pub fn check(dir: &Path) -> Result<Content, crate::problem::Problems> {
    content::load(dir, None, None)
}
