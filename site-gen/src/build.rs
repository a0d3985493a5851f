//! `site-gen build`: content → checked model → pages → `dist/`, swapped in
//! only when every step succeeded.

use crate::content::{self, Content};
use crate::output::Output;
use crate::pages;
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
    let content = content::load(&opts.content)?;
    let app = opts.app.as_deref().map(AppAssets::find).transpose()?;
    let out = Output::create(&opts.out)?;
    let mut stats = Stats::default();
    let mut html_pages: Vec<String> = Vec::new();
    let mut page = |rel: &str, html: String| -> std::io::Result<()> {
        out.write(rel, html)?;
        if rel != "404.html" {
            html_pages.push(rel.to_string());
        }
        Ok(())
    };

    let start_js = match &app {
        Some(a) => {
            let (js, wasm) = (file_name(&a.js), file_name(&a.wasm));
            out.copy(&a.js, &format!("app/{js}"))?;
            out.copy(&a.wasm, &format!("app/{wasm}"))?;
            out.write(
                "app/start.js",
                // trunk renames the files after wasm-bindgen wrote the glue, so
                // the glue's default WASM name is stale: pass the real one.
                format!(
                    "import init from \"./{js}\";\ninit({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }});\n"
                ),
            )?;
            Some("app/start.js")
        }
        None => None,
    };

    page("index.html", pages::home::render(&content))?;
    for plan in &content.plans {
        page(
            &pages::plan::path(&plan.slug),
            pages::plan::render(&content, plan),
        )?;
        page(
            &pages::calculator::path(&plan.slug),
            pages::calculator::render(&content, plan, start_js),
        )?;
    }
    page(
        "tu-danh-gia/index.html",
        pages::calculator::render_index(&content),
    )?;
    page("thuat-ngu.html", pages::glossary::render(&content))?;
    page("thoi-han.html", pages::deadlines::render(&content))?;
    page("so-sanh.html", pages::compare::render(&content))?;
    out.write(
        "thoi-han.ics",
        crate::ics::calendar(&content, |plan, d| {
            // A calendar lives outside the site: only an absolute address helps.
            let base = content
                .site
                .base_url
                .as_deref()
                .unwrap_or("")
                .trim_end_matches('/');
            let rel = format!(
                "{}{}",
                pages::plan_url(&plan.slug),
                pages::plan::cite_href(plan, &d.cite)
            );
            if base.is_empty() {
                String::new()
            } else {
                format!("{base}/{rel}")
            }
        }),
    )?;
    page("tim-kiem.html", pages::search::render(&content))?;
    page("404.html", pages::not_found::render(&content))?;

    out.write("style.css", pages::layout::STYLE)?;
    out.write("site.js", SITE_JS)?;
    out.write("icon.svg", ICON)?;
    html_pages.sort();
    out.write("sitemap.xml", sitemap(&content, &html_pages))?;
    out.write("robots.txt", robots(&content))?;

    stats.pages = html_pages.len() + 1;
    out.commit()?;
    stats.files = count_files(&opts.out);
    Ok(stats)
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
    content::load(dir)
}
