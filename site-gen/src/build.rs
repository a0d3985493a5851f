//! `site-gen build`: content → checked model → pages → `dist/`, swapped in
//! only when every step succeeded.

use crate::content;
use crate::model::{Content, Plan};
use crate::output::Output;
use crate::pages;
use crate::routes::{self, ROUTES, Route};
use crate::search::Indexer;
use crate::spill::Deadlines;
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

/// The calculator's binary (app/), loaded by the calculator pages.
pub const CALCULATOR_BIN: &str = "bontot-app";
/// The search page's binary (search-ui/), loaded by `tim-kiem.html` only.
pub const SEARCH_BIN: &str = "bontot-search";

/// One WASM module in trunk's output: the JS glue and its WASM.
pub struct Bundle {
    /// The binary's name: `bontot-app`, `bontot-search`.
    pub bin: String,
    pub js: PathBuf,
    pub wasm: PathBuf,
}

/// The two modules one `trunk build` of `app/index.html` produces.
pub struct AppAssets {
    pub calculator: Bundle,
    pub search: Bundle,
}

impl AppAssets {
    pub fn find(dir: &Path) -> Result<AppAssets, String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: cannot read the app folder: {e}", dir.display()))?;
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        Ok(AppAssets {
            calculator: Bundle::find(dir, &names, CALCULATOR_BIN)?,
            search: Bundle::find(dir, &names, SEARCH_BIN)?,
        })
    }
}

impl Bundle {
    /// `<bin>-<hash>.js` with its `<bin>-<hash>_bg.wasm`, the names trunk
    /// gives a binary's files, or `<bin>.js` and `<bin>_bg.wasm`, which it
    /// gives a "worker" (the search module: see app/index.html).
    fn find(dir: &Path, names: &[PathBuf], bin: &str) -> Result<Bundle, String> {
        let mut found = None;
        for js in names
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "js"))
        {
            let stem = js.file_stem().unwrap_or_default().to_string_lossy();
            let named = stem
                .strip_prefix(bin)
                .is_some_and(|rest| rest.is_empty() || rest.strip_prefix('-').is_some_and(is_hex));
            let wasm = js.with_file_name(format!("{stem}_bg.wasm"));
            if !named || !wasm.is_file() {
                continue;
            }
            if found.is_some() {
                return Err(format!(
                    "{}: more than one build of {bin} in the folder",
                    dir.display()
                ));
            }
            found = Some(Bundle {
                bin: bin.to_string(),
                js: js.clone(),
                wasm,
            });
        }
        found.ok_or_else(|| {
            format!(
                "{}: no build of {bin} ({bin}[-<hash>].js with its _bg.wasm) found; run trunk build first",
                dir.display()
            )
        })
    }

    /// The name the files get in `app/`: trunk's, or with a hash of both
    /// files added when trunk gave none, so that a new build is a new URL
    /// to every cache.
    pub fn hashed_stem(&self) -> std::io::Result<String> {
        let stem = self
            .js
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if stem != self.bin {
            return Ok(stem);
        }
        let read = |p: &Path| std::fs::read(p).map_err(|e| crate::output::at(p, e));
        let mut bytes = read(&self.js)?;
        bytes.extend(read(&self.wasm)?);
        Ok(format!(
            "{stem}-{:016x}",
            xxhash_rust::xxh3::xxh3_64(&bytes)
        ))
    }

    /// Copies the two files into `app/` and writes `app/<loader>`, a
    /// module that starts them (see [`Loader`]); returns its path from the
    /// site's top.
    fn install(&self, out: &Output, loader: &str, how: Loader) -> std::io::Result<String> {
        let stem = self.hashed_stem()?;
        let (js, wasm) = (format!("{stem}.js"), format!("{stem}_bg.wasm"));
        out.copy(&self.js, &format!("app/{js}"))?;
        out.copy(&self.wasm, &format!("app/{wasm}"))?;
        // trunk renames the files after wasm-bindgen wrote the glue, so
        // the glue's default WASM name is stale: pass the real one.
        let text = match how {
            // The WASM is fetched once the browser reports the first
            // contentful paint (without paint timing: after the next
            // frame), so the first paint of what reads without JavaScript
            // never waits on the module's start. No comment in the file:
            // it counts in the calculator's size budget.
            Loader::Plain => format!(
                "import init from \"./{js}\";\n\
                 let go = () => {{ go = () => {{}}; init({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }}); }};\n\
                 if (self.PerformanceObserver?.supportedEntryTypes?.includes(\"paint\")) new PerformanceObserver((l) => l.getEntriesByName(\"first-contentful-paint\").length && go()).observe({{ type: \"paint\", buffered: true }});\n\
                 else requestAnimationFrame(() => setTimeout(() => go()));\n"
            ),
            Loader::Early { preload } => {
                let mut text = String::from(
                    "// Everything the search page needs first is requested at once, not\n\
                     // each file after the one that asks for it. Only with JavaScript.\n\
                     const here = (path) => new URL(path, import.meta.url).href;\n",
                );
                for path in preload {
                    text.push_str(&format!(
                        "const link{n} = document.createElement(\"link\");\n\
                         Object.assign(link{n}, {{ rel: \"preload\", as: \"fetch\", crossOrigin: \"anonymous\", href: here(\"../{path}\") }});\n\
                         document.head.append(link{n});\n",
                        n = text.matches("document.head.append").count()
                    ));
                }
                text.push_str(&format!(
                    "const wasm = fetch(here(\"./{wasm}\"));\n\
                     const {{ default: init }} = await import(\"./{js}\");\n\
                     await init({{ module_or_path: wasm }});\n"
                ));
                text
            }
        };
        let path = format!("app/{loader}");
        out.write(&path, text)?;
        Ok(path)
    }
}

/// How a module's loader starts it.
pub enum Loader<'a> {
    /// Imports the glue, which fetches the WASM after the first
    /// contentful paint (the calculator).
    Plain,
    /// Fetches the WASM while the glue loads, and preloads `preload`
    /// (paths from the site's top), which the module fetches as soon as it
    /// starts (the search page: the index's first files).
    Early { preload: &'a [String] },
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn build(opts: &Options) -> Result<Stats, Box<dyn std::error::Error>> {
    // The output folder is checked before anything is read or written.
    let mut sources = vec![opts.content.as_path()];
    sources.extend(opts.app.as_deref());
    let target = crate::target::check(&opts.out, &sources)?;
    let app = opts.app.as_deref().map(AppAssets::find).transpose()?;
    let out = Output::create(target)?;
    // BONTOT_NO_SEARCH=1 leaves the search index out (to measure its cost).
    let index = std::env::var_os("BONTOT_NO_SEARCH")
        .is_none()
        .then(Indexer::default);
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
    let timing = std::env::var_os("BONTOT_TIMING").is_some();
    let lap = |what: &str| {
        if timing {
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

    // Home and deadlines are written in pieces, below.
    let single: Vec<(&str, String)> = ROUTES
        .iter()
        .filter_map(|r| {
            let text = match r.route {
                Route::Home | Route::Deadlines => return None,
                Route::Calculators => pages::calculator::render_index(&content),
                Route::Glossary => pages::glossary::render(&content),
                Route::Compare => pages::compare::render(&content),
                Route::Search => pages::search::render(&content, search_js.as_deref()),
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
                    pages::calculator::render(&content, plan, start_js.as_deref()),
                )
            })?;
        pages::home::write(&content, &out)?;
        pages::deadlines::write(&content, &deadlines, &out)?;
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
        && timing
    {
        eprintln!(
            "search index: {} terms, {} files, {} bytes (besides page files)",
            search.terms, search.files, search.bytes
        );
    }
    lap("other pages and search index");
    out.write("style.css", pages::layout::STYLE)?;
    out.write("site.js", SITE_JS)?;
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
    html_pages.sort();
    write_sitemap(&content, &html_pages, &out)?;
    out.write("robots.txt", robots(&content))?;
    crate::offline::write_manifest(&content.site, &out)?;
    // Last: it lists (and hashes) every file written before it.
    crate::offline::write_service_worker(&out)?;
    lap("written");
    let files = out.count();
    out.commit()?;
    lap("committed");
    Ok(Stats {
        pages: html_pages.len() + ROUTES.iter().filter(|r| !r.sitemap).count(),
        files,
    })
}

/// Most URLs one sitemap file may list (sitemaps.org).
const SITEMAP_MAX: usize = 50_000;

/// `sitemap.xml`; above 50,000 pages it becomes an index of
/// `sitemap-1.xml`, `sitemap-2.xml` … as the protocol requires.
fn write_sitemap(c: &Content, pages: &[String], out: &Output) -> std::io::Result<()> {
    write_sitemap_in(c, pages, out, SITEMAP_MAX)
}

fn write_sitemap_in(
    c: &Content,
    pages: &[String],
    out: &Output,
    max: usize,
) -> std::io::Result<()> {
    let base = c.site.base();
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let ns = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let write_urls = |rel: &str, pages: &[String]| -> std::io::Result<()> {
        let mut f = out.file(rel)?;
        f.put(&format!("{head}<urlset {ns}>\n"))?;
        for p in pages {
            let loc = if p == Route::Home.path() { "" } else { p };
            f.put(&format!(
                "  <url><loc>{}/{}</loc></url>\n",
                crate::html::escape(base),
                crate::html::escape(loc)
            ))?;
        }
        f.put("</urlset>\n")?;
        f.finish()
    };
    if pages.len() <= max {
        return write_urls("sitemap.xml", pages);
    }
    let mut index = format!("{head}<sitemapindex {ns}>\n");
    for (i, chunk) in pages.chunks(max).enumerate() {
        let rel = format!("sitemap-{}.xml", i + 1);
        write_urls(&rel, chunk)?;
        index.push_str(&format!(
            "  <sitemap><loc>{}/{rel}</loc></sitemap>\n",
            crate::html::escape(base)
        ));
    }
    index.push_str("</sitemapindex>\n");
    out.write("sitemap.xml", index)
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

/// Loads content only: `site-gen check`.
pub fn check(dir: &Path) -> Result<Content, crate::problem::Problems> {
    content::load(dir, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_name(p: &Path) -> String {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn both_app_builds_are_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let touch = |name: &str| std::fs::write(dir.path().join(name), "x").unwrap();
        for name in [
            "bontot-app-0123abcd.js",
            "bontot-app-0123abcd_bg.wasm",
            "bontot-search-ff00.js",
            "bontot-search-ff00_bg.wasm",
            "index.html",
            // A glue without its WASM, and names that are not a hash.
            "bontot-app-99.js",
            "bontot-app-x.js",
            "bontot-app-x_bg.wasm",
        ] {
            touch(name);
        }
        let a = AppAssets::find(dir.path()).unwrap();
        assert_eq!(file_name(&a.calculator.js), "bontot-app-0123abcd.js");
        assert_eq!(file_name(&a.calculator.wasm), "bontot-app-0123abcd_bg.wasm");
        assert_eq!(file_name(&a.search.js), "bontot-search-ff00.js");
        assert_eq!(file_name(&a.search.wasm), "bontot-search-ff00_bg.wasm");
        assert_eq!(a.calculator.hashed_stem().unwrap(), "bontot-app-0123abcd");
        // Two builds of one binary: which one is meant is unknown.
        touch("bontot-search.js");
        touch("bontot-search_bg.wasm");
        let e = AppAssets::find(dir.path()).err().unwrap();
        assert!(e.contains("more than one build of bontot-search"), "{e}");
        // Unhashed (trunk's "worker" names): the hash of both files is added.
        std::fs::remove_file(dir.path().join("bontot-search-ff00_bg.wasm")).unwrap();
        let a = AppAssets::find(dir.path()).unwrap();
        assert_eq!(file_name(&a.search.js), "bontot-search.js");
        let stem = a.search.hashed_stem().unwrap();
        assert!(
            stem.starts_with("bontot-search-") && stem.len() == 14 + 16,
            "{stem}"
        );
        std::fs::write(dir.path().join("bontot-search_bg.wasm"), "y").unwrap();
        assert_ne!(a.search.hashed_stem().unwrap(), stem);
        // The search build missing (an old trunk output).
        std::fs::remove_file(dir.path().join("bontot-search_bg.wasm")).unwrap();
        let e = AppAssets::find(dir.path()).err().unwrap();
        assert!(e.contains("no build of bontot-search"), "{e}");
    }

    #[test]
    fn a_long_sitemap_becomes_an_index() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let c = check(&fixture).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = crate::target::check(&dir.path().join("dist"), &[]).unwrap();
        let out = Output::create(target).unwrap();
        let pages: Vec<String> = (0..5).map(|i| format!("p{i}.html")).collect();
        write_sitemap_in(&c, &pages, &out, 2).unwrap();
        out.commit().unwrap();
        let index = std::fs::read_to_string(dir.path().join("dist/sitemap.xml")).unwrap();
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<loc>https://example.test/bontot/sitemap-3.xml</loc>"));
        let last = std::fs::read_to_string(dir.path().join("dist/sitemap-3.xml")).unwrap();
        assert_eq!(last.matches("<url>").count(), 1);
    }
}
