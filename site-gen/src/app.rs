//! trunk's output: the calculator's and the search page's WASM modules,
//! found by name and copied into `app/`, each with a small loader module
//! that starts it.

use crate::output::Output;
use std::path::{Path, PathBuf};

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

    /// Copies the two files into `app/`, with a gzip copy of the WASM,
    /// and writes `app/<loader>`, a module that starts them (see
    /// [`Loader`]); returns the paths from the site's top.
    pub fn install(&self, out: &Output, loader: &str, how: Loader) -> std::io::Result<Installed> {
        let stem = self.hashed_stem()?;
        let (js, wasm) = (format!("{stem}.js"), format!("{stem}_bg.wasm"));
        out.copy(&self.js, &format!("app/{js}"))?;
        out.copy(&self.wasm, &format!("app/{wasm}"))?;
        // Many hosts send `.wasm` as it is (S3-style buckets, a default
        // nginx): the site sends it compressed itself, and the loader
        // decompresses it while it compiles (see `WASM_FETCH`).
        let bytes = std::fs::read(&self.wasm).map_err(|e| crate::output::at(&self.wasm, e))?;
        out.write(&format!("app/{wasm}.gz"), self.gzipped(&bytes))?;
        let path = format!("app/{loader}");
        out.write(&path, how.text(&js, &wasm))?;
        Ok(Installed {
            loader: path,
            glue: format!("app/{js}"),
        })
    }
}

impl Bundle {
    /// The WASM's gzip copy: the one `cargo xtask build` wrote beside it
    /// (zopfli, smaller) when it holds these very bytes, else zlib's best.
    fn gzipped(&self, wasm: &[u8]) -> Vec<u8> {
        let mut beside = self.wasm.clone().into_os_string();
        beside.push(".gz");
        if let Ok(gz) = std::fs::read(&beside) {
            let mut plain = Vec::with_capacity(wasm.len());
            let read =
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain);
            if read.is_ok() && plain == wasm {
                return gz;
            }
        }
        gzip(wasm)
    }
}

/// What [`Bundle::install`] wrote, as paths from the site's top.
pub struct Installed {
    /// The module that starts the app (`app/start.js`).
    pub loader: String,
    /// wasm-bindgen's glue, which the loader imports.
    pub glue: String,
}

/// Best gzip, with no time or name in the header: the same bytes every
/// build.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("compressing in memory");
    e.finish().expect("compressing in memory")
}

/// `wasm()`: the module's WASM as a response to compile while it
/// downloads. It fetches `WASM.gz` and decompresses it in the browser
/// (`DecompressionStream`), unless the host already did (a host that maps
/// `.gz` to `Content-Encoding: gzip`): the first byte tells, 0x1f for gzip,
/// 0 for WASM. A browser without `DecompressionStream` (Chrome before 80,
/// Safari before 16.4, Firefox before 113), or a host that answers the
/// `.gz` with an error, gets `WASM` itself; a failed network is the
/// page's failure to show (site.js offers a retry), not a reason to send
/// 2.4 times the bytes.
const WASM_FETCH: &str = "const wasm = async () => {\n\
  const plain = () => fetch(new URL(\"./WASM\", import.meta.url));\n\
  if (!self.DecompressionStream) return plain();\n\
  const r = await fetch(new URL(\"./WASM.gz\", import.meta.url));\n\
  if (!r.ok) return plain();\n\
  const s = r.body.getReader(), f = await s.read();\n\
  const b = new ReadableStream({ start(c) { f.done || c.enqueue(f.value); }, async pull(c) { const x = await s.read(); x.done ? c.close() : c.enqueue(x.value); } });\n\
  return new Response(f.value?.[0] == 31 ? b.pipeThrough(new DecompressionStream(\"gzip\")) : b, { headers: { \"content-type\": \"application/wasm\" } });\n\
};\n";

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

impl Loader<'_> {
    /// The loader module, starting `js` (the glue) with `wasm`, both in
    /// the loader's folder.
    fn text(&self, js: &str, wasm: &str) -> String {
        // trunk renames the files after wasm-bindgen wrote the glue, so
        // the glue's default WASM name is stale: pass the real one. No
        // comment in the files: they count in the size budgets.
        let fetch = WASM_FETCH.replace("WASM", wasm);
        match self {
            // The WASM is fetched once the browser reports the first
            // contentful paint (without paint timing: after the next
            // frame), so the first paint of what reads without JavaScript
            // never waits on the module's start.
            Loader::Plain => format!(
                "import init from \"./{js}\";\n{fetch}\
                 let go = () => {{ go = () => {{}}; init({{ module_or_path: wasm() }}); }};\n\
                 if (self.PerformanceObserver?.supportedEntryTypes?.includes(\"paint\")) new PerformanceObserver((l) => l.getEntriesByName(\"first-contentful-paint\").length && go()).observe({{ type: \"paint\", buffered: true }});\n\
                 else requestAnimationFrame(() => setTimeout(() => go()));\n"
            ),
            Loader::Early { preload } => {
                let mut text = String::from(
                    "// Everything the search page needs first is requested at once, not\n\
                     // each file after the one that asks for it. Only with JavaScript.\n\
                     const here = (path) => new URL(path, import.meta.url).href;\n",
                );
                for path in *preload {
                    text.push_str(&format!(
                        "const link{n} = document.createElement(\"link\");\n\
                         Object.assign(link{n}, {{ rel: \"preload\", as: \"fetch\", crossOrigin: \"anonymous\", href: here(\"../{path}\") }});\n\
                         document.head.append(link{n});\n",
                        n = text.matches("document.head.append").count()
                    ));
                }
                text.push_str(&fetch);
                text.push_str(&format!(
                    "const module = wasm();\n\
                     const {{ default: init }} = await import(\"./{js}\");\n\
                     await init({{ module_or_path: module }});\n"
                ));
                text
            }
        }
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
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
    fn the_gzip_copy_beside_the_wasm_is_sent_only_when_it_is_that_wasm() {
        let dir = tempfile::tempdir().unwrap();
        let wasm = dir.path().join("m_bg.wasm");
        std::fs::write(&wasm, b"\0asm new").unwrap();
        let bundle = Bundle {
            bin: "m".into(),
            js: dir.path().join("m.js"),
            wasm: wasm.clone(),
        };
        let unzip = |gz: &[u8]| {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz), &mut out).unwrap();
            out
        };
        // None beside it: compressed here.
        assert_eq!(unzip(&bundle.gzipped(b"\0asm new")), b"\0asm new");
        // A copy of an older build beside it: not sent.
        let stale = gzip(b"\0asm old");
        std::fs::write(dir.path().join("m_bg.wasm.gz"), &stale).unwrap();
        assert_eq!(unzip(&bundle.gzipped(b"\0asm new")), b"\0asm new");
        // Not gzip at all: not sent.
        std::fs::write(dir.path().join("m_bg.wasm.gz"), b"junk").unwrap();
        assert_eq!(unzip(&bundle.gzipped(b"\0asm new")), b"\0asm new");
        // The build's own copy (another compressor, other bytes): sent as is.
        let mut theirs = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut theirs, b"\0asm new").unwrap();
        let theirs = theirs.finish().unwrap();
        std::fs::write(dir.path().join("m_bg.wasm.gz"), &theirs).unwrap();
        assert_eq!(bundle.gzipped(b"\0asm new"), theirs);
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
}
