//! `site-gen build`: content → checked model → pages → `dist/`, swapped in
//! only when every step succeeded.

use crate::content::{self, Content};
use crate::output::Output;
use crate::pages;
use crate::search::Indexer;
use bontot_core::model::Site;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub struct Options {
    pub content: PathBuf,
    /// trunk's output folder; without it the calculator pages carry only
    /// the paper checklist.
    pub app: Option<PathBuf>,
    pub out: PathBuf,
}

#[derive(Debug, Default)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
}

const SITE_JS: &str = include_str!("../assets/site.js");
const ICON: &str = include_str!("../assets/icon.svg");

/// The app's files in trunk's output: the JS glue and its WASM.
pub struct AppAssets {
    pub js: PathBuf,
    pub wasm: PathBuf,
}

impl AppAssets {
    pub fn find(dir: &Path) -> Result<AppAssets, String> {
        let mut found = None;
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: cannot read the app folder: {e}", dir.display()))?;
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for js in names
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "js"))
        {
            let stem = js.file_stem().unwrap_or_default().to_string_lossy();
            let wasm = js.with_file_name(format!("{stem}_bg.wasm"));
            if wasm.is_file() {
                if found.is_some() {
                    return Err(format!(
                        "{}: more than one app build in the folder",
                        dir.display()
                    ));
                }
                found = Some(AppAssets {
                    js: js.clone(),
                    wasm,
                });
            }
        }
        found.ok_or_else(|| {
            format!(
                "{}: no app build (a .js file with its _bg.wasm) found; run trunk build first",
                dir.display()
            )
        })
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

pub fn build(opts: &Options) -> Result<Stats, Box<dyn std::error::Error>> {
    let app = opts.app.as_deref().map(AppAssets::find).transpose()?;
    let out = Output::create(&opts.out)?;
    // BONTOT_NO_SEARCH=1 leaves the search index out (to measure its cost).
    let index = std::env::var_os("BONTOT_NO_SEARCH")
        .is_none()
        .then(Indexer::default);
    // Plan pages are written, and plans indexed, while each plan's body is
    // in memory.
    let write_plan = |site: &Site, plan: &content::Plan, body: &crate::markdown::Rendered| {
        out.write(
            &pages::plan::path(&plan.slug),
            pages::plan::render(site, plan, body),
        )?;
        match &index {
            Some(index) => index.add_plan(&out, plan, body),
            None => Ok(()),
        }
    };
    let t0 = std::time::Instant::now();
    let content = content::load(&opts.content, Some(&write_plan))?;
    let timing = std::env::var_os("BONTOT_TIMING").is_some();
    if timing {
        eprintln!("load+plan pages: {:?}", t0.elapsed());
    }

    let start_js = match &app {
        Some(a) => {
            let (js, wasm) = (file_name(&a.js), file_name(&a.wasm));
            out.copy(&a.js, &format!("app/{js}"))?;
            out.copy(&a.wasm, &format!("app/{wasm}"))?;
            // trunk renames the files after wasm-bindgen wrote the glue, so
            // the glue's default WASM name is stale: pass the real one.
            out.write(
                "app/start.js",
                format!("import init from \"./{js}\";\ninit({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }});\n"),
            )?;
            Some("app/start.js")
        }
        None => None,
    };

    // A plan without a rule set has no calculator page.
    content
        .plans
        .par_iter()
        .filter(|p| p.rules.is_some())
        .try_for_each(|plan| {
            out.write(
                &pages::calculator::path(&plan.slug),
                pages::calculator::render(&content, plan, start_js),
            )
        })?;
    let single: [(&str, String); 8] = [
        ("index.html", pages::home::render(&content)),
        (
            "tu-danh-gia/index.html",
            pages::calculator::render_index(&content),
        ),
        ("thuat-ngu.html", pages::glossary::render(&content)),
        ("thoi-han.html", pages::deadlines::render(&content)),
        ("so-sanh.html", pages::compare::render(&content)),
        ("tim-kiem.html", pages::search::render(&content)),
        ("404.html", pages::not_found::render(&content)),
        ("thoi-han.ics", calendar(&content)),
    ];
    if timing {
        eprintln!("other pages rendered: {:?}", t0.elapsed());
    }
    if let Some(index) = index {
        let search = index.finish(&out, &content)?;
        if timing {
            eprintln!(
                "search index: {} terms, {} files, {} bytes (besides page files): {:?}",
                search.terms,
                search.files,
                search.bytes,
                t0.elapsed()
            );
        }
    }
    for (rel, text) in &single {
        out.write(rel, text)?;
    }
    out.write("style.css", pages::layout::STYLE)?;
    out.write("site.js", SITE_JS)?;
    out.write("icon.svg", ICON)?;

    let mut html_pages: Vec<String> = single
        .iter()
        .map(|(rel, _)| rel.to_string())
        .filter(|rel| rel.ends_with(".html") && rel != "404.html")
        .collect();
    for plan in &content.plans {
        html_pages.push(pages::plan::path(&plan.slug));
        if plan.rules.is_some() {
            html_pages.push(pages::calculator::path(&plan.slug));
        }
    }
    html_pages.sort();
    out.write("sitemap.xml", sitemap(&content, &html_pages))?;
    out.write("robots.txt", robots(&content))?;
    crate::offline::write_manifest(&content.site, &out)?;
    // Last: it lists (and hashes) every file written before it.
    crate::offline::write_service_worker(&out)?;
    if timing {
        eprintln!("written: {:?}", t0.elapsed());
    }
    out.commit()?;
    if timing {
        eprintln!("committed: {:?}", t0.elapsed());
    }
    Ok(Stats {
        pages: html_pages.len() + 1,
        files: count_files(&opts.out),
    })
}

/// The deadlines as a calendar; events link to the plan paragraph, which
/// only helps as an absolute address (a calendar lives outside the site).
fn calendar(content: &Content) -> String {
    let base = content
        .site
        .base_url
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    crate::ics::calendar(content, |plan, d| {
        if base.is_empty() {
            String::new()
        } else {
            format!(
                "{base}/{}{}",
                pages::plan_url(&plan.slug),
                pages::plan::cite_href(&d.cite)
            )
        }
    })
}

fn sitemap(c: &Content, pages: &[String]) -> String {
    let base = c
        .site
        .base_url
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        let loc = if p == "index.html" {
            String::new()
        } else {
            p.clone()
        };
        s.push_str(&format!(
            "  <url><loc>{}/{}</loc></url>\n",
            crate::html::escape(base),
            crate::html::escape(&loc)
        ));
    }
    s.push_str("</urlset>\n");
    s
}

fn robots(c: &Content) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &c.site.base_url {
        s.push_str(&format!(
            "Sitemap: {}/sitemap.xml\n",
            base.trim_end_matches('/')
        ));
    }
    s
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    if e.path().is_dir() {
                        count_files(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Loads content only: `site-gen check`.
pub fn check(dir: &Path) -> Result<Content, crate::problem::Problems> {
    content::load(dir, None)
}
