//! trunk's output: the calculator's and the search page's WASM modules,
//! found by name and copied into `app/`, each with a small loader module
//! that starts it.

use crate::output::Output;
use std::borrow::Cow;
use std::path::Path;

/// The calculator's binary (app/), loaded by the calculator pages.
pub const CALCULATOR_BIN: &str = "bontot-app";
/// The search page's binary (search-ui/), loaded by `tim-kiem.html` only.
pub const SEARCH_BIN: &str = "bontot-search";
/// The calculator's year-end part (desk/), loaded only when opened.
pub const DESK_BIN: &str = "bontot-desk";

/// The files of trunk's output that `cargo xtask dist` built into this
/// binary, as (name, bytes); empty in any other build (see build.rs).
const EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/app_files.rs"));

/// One WASM module of trunk's output: the JS glue and its WASM, in memory
/// (read from trunk's folder, or built into the binary).
pub struct Bundle {
    /// The binary's name: `bontot-app`, `bontot-search`.
    pub bin: String,
    /// The glue's file name in trunk's output (`bontot-app-<hash>.js`).
    pub js_name: String,
    pub js: Cow<'static, [u8]>,
    pub wasm: Cow<'static, [u8]>,
    /// The `_bg.wasm.gz` beside the WASM, when there is one.
    pub wasm_gz: Option<Cow<'static, [u8]>>,
}

/// The modules one `trunk build` of `app/index.html` produces.
pub struct AppAssets {
    pub calculator: Bundle,
    pub search: Bundle,
    pub desk: Bundle,
}

/// Whether trunk's output file `name` is one a bundle is made of.
pub fn is_module_file(name: &str) -> bool {
    name.starts_with("bontot-")
        && (name.ends_with(".js") || name.ends_with("_bg.wasm") || name.ends_with("_bg.wasm.gz"))
}

impl AppAssets {
    /// The modules in trunk's output folder `dir`.
    pub fn find(dir: &Path) -> Result<AppAssets, String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: cannot read the app folder: {e}", dir.display()))?;
        let mut files = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if !is_module_file(&name) || !path.is_file() {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            files.push((name, Cow::Owned(bytes)));
        }
        AppAssets::from_files(&dir.display().to_string(), files)
    }

    /// The modules built into this binary by `cargo xtask dist`, if any.
    pub fn embedded() -> Option<AppAssets> {
        if EMBEDDED.is_empty() {
            return None;
        }
        let files = EMBEDDED
            .iter()
            .map(|(name, bytes)| (name.to_string(), Cow::Borrowed(*bytes)))
            .collect();
        // build.rs checked that every module is there.
        AppAssets::from_files("the modules built into site-gen", files).ok()
    }

    /// The modules among `files` (name, bytes); `place` names where they
    /// were looked for, in errors.
    fn from_files(
        place: &str,
        mut files: Vec<(String, Cow<'static, [u8]>)>,
    ) -> Result<AppAssets, String> {
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(AppAssets {
            calculator: Bundle::find(place, &files, CALCULATOR_BIN)?,
            search: Bundle::find(place, &files, SEARCH_BIN)?,
            desk: Bundle::find(place, &files, DESK_BIN)?,
        })
    }
}

impl Bundle {
    /// `<bin>-<hash>.js` with its `<bin>-<hash>_bg.wasm`, the names trunk
    /// gives a binary's files, or `<bin>.js` and `<bin>_bg.wasm`, which it
    /// gives a "worker" (the search module: see app/index.html).
    fn find(
        place: &str,
        files: &[(String, Cow<'static, [u8]>)],
        bin: &str,
    ) -> Result<Bundle, String> {
        let get = |name: &str| files.iter().find(|f| f.0 == name).map(|f| f.1.clone());
        let mut found = None;
        for (name, js) in files {
            let Some(stem) = name.strip_suffix(".js") else {
                continue;
            };
            let named = stem
                .strip_prefix(bin)
                .is_some_and(|rest| rest.is_empty() || rest.strip_prefix('-').is_some_and(is_hex));
            let wasm = get(&format!("{stem}_bg.wasm"));
            let (true, Some(wasm)) = (named, wasm) else {
                continue;
            };
            if found.is_some() {
                return Err(format!(
                    "{place}: more than one build of {bin} in the folder"
                ));
            }
            found = Some(Bundle {
                bin: bin.to_string(),
                js_name: name.clone(),
                js: js.clone(),
                wasm,
                wasm_gz: get(&format!("{stem}_bg.wasm.gz")),
            });
        }
        found.ok_or_else(|| {
            format!(
                "{place}: no build of {bin} ({bin}[-<hash>].js with its _bg.wasm) found; run trunk build first"
            )
        })
    }

    /// The name the files get in `app/`: trunk's, or with a hash of both
    /// files added when trunk gave none, so that a new build is a new URL
    /// to every cache.
    pub fn hashed_stem(&self) -> String {
        let stem = self.js_name.strip_suffix(".js").unwrap_or(&self.js_name);
        if stem != self.bin {
            return stem.to_string();
        }
        let mut bytes = self.js.to_vec();
        bytes.extend_from_slice(&self.wasm);
        format!("{stem}-{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes))
    }

    /// Writes the two files into `app/`, with a gzip copy of the WASM,
    /// and writes `app/<loader>`, a module that starts them (see
    /// [`Loader`]); returns the paths from the site's top.
    pub fn install(&self, out: &Output, loader: &str, how: Loader) -> std::io::Result<Installed> {
        let stem = self.hashed_stem();
        let (js, wasm) = (format!("{stem}.js"), format!("{stem}_bg.wasm"));
        out.write(&format!("app/{js}"), &self.js)?;
        out.write(&format!("app/{wasm}"), &self.wasm)?;
        // Many hosts send `.wasm` as it is (S3-style buckets, a default
        // nginx): the site sends it compressed itself, and the loader
        // decompresses it while it compiles (see `WASM_FETCH`).
        out.write(&format!("app/{wasm}.gz"), self.gzipped())?;
        let path = format!("app/{loader}");
        out.write(&path, how.text(&js, &wasm))?;
        Ok(Installed {
            loader: path,
            glue: format!("app/{js}"),
        })
    }

    /// The WASM's gzip copy: the one `cargo xtask build` wrote beside it
    /// (zopfli, smaller) when it holds these very bytes, else zlib's best.
    fn gzipped(&self) -> Cow<'_, [u8]> {
        if let Some(gz) = &self.wasm_gz {
            let mut plain = Vec::with_capacity(self.wasm.len());
            let read =
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain);
            if read.is_ok() && plain[..] == self.wasm[..] {
                return Cow::Borrowed(gz);
            }
        }
        Cow::Owned(gzip(&self.wasm))
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
    /// Starts nothing: its default export starts the module when called
    /// (the year-end part, when the reader opens it), once; a failed start
    /// can be tried again.
    OnDemand,
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
            Loader::OnDemand => format!(
                "import init from \"./{js}\";\n{fetch}\
                 let started = null;\n\
                 export default () => started ??= init({{ module_or_path: wasm() }}).catch((e) => {{ started = null; throw e; }});\n"
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

    #[test]
    fn the_gzip_copy_beside_the_wasm_is_sent_only_when_it_is_that_wasm() {
        let bundle = |gz: Option<Vec<u8>>| Bundle {
            bin: "m".into(),
            js_name: "m.js".into(),
            js: Cow::Borrowed(b""),
            wasm: Cow::Borrowed(b"\0asm new"),
            wasm_gz: gz.map(Cow::Owned),
        };
        let unzip = |gz: &[u8]| {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz), &mut out).unwrap();
            out
        };
        // None beside it: compressed here.
        assert_eq!(unzip(&bundle(None).gzipped()), b"\0asm new");
        // A copy of an older build beside it: not sent.
        let stale = gzip(b"\0asm old");
        assert_eq!(unzip(&bundle(Some(stale)).gzipped()), b"\0asm new");
        // Not gzip at all: not sent.
        assert_eq!(
            unzip(&bundle(Some(b"junk".to_vec())).gzipped()),
            b"\0asm new"
        );
        // The build's own copy (another compressor, other bytes): sent as is.
        let mut theirs = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut theirs, b"\0asm new").unwrap();
        let theirs = theirs.finish().unwrap();
        assert_eq!(&bundle(Some(theirs.clone())).gzipped()[..], &theirs[..]);
    }

    #[test]
    fn every_app_build_is_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let touch = |name: &str| std::fs::write(dir.path().join(name), "x").unwrap();
        for name in [
            "bontot-app-0123abcd.js",
            "bontot-app-0123abcd_bg.wasm",
            "bontot-app-0123abcd_bg.wasm.gz",
            "bontot-search-ff00.js",
            "bontot-search-ff00_bg.wasm",
            "bontot-desk.js",
            "bontot-desk_bg.wasm",
            "index.html",
            // A glue without its WASM, and names that are not a hash.
            "bontot-app-99.js",
            "bontot-app-x.js",
            "bontot-app-x_bg.wasm",
        ] {
            touch(name);
        }
        let a = AppAssets::find(dir.path()).unwrap();
        assert_eq!(a.calculator.js_name, "bontot-app-0123abcd.js");
        assert!(a.calculator.wasm_gz.is_some());
        assert_eq!(a.search.js_name, "bontot-search-ff00.js");
        assert!(a.search.wasm_gz.is_none());
        assert_eq!(a.calculator.hashed_stem(), "bontot-app-0123abcd");
        assert_eq!(a.desk.js_name, "bontot-desk.js");
        // Two builds of one binary: which one is meant is unknown.
        touch("bontot-search.js");
        touch("bontot-search_bg.wasm");
        let e = AppAssets::find(dir.path()).err().unwrap();
        assert!(e.contains("more than one build of bontot-search"), "{e}");
        // Unhashed (trunk's "worker" names): the hash of both files is added.
        std::fs::remove_file(dir.path().join("bontot-search-ff00_bg.wasm")).unwrap();
        let a = AppAssets::find(dir.path()).unwrap();
        assert_eq!(a.search.js_name, "bontot-search.js");
        let stem = a.search.hashed_stem();
        assert!(
            stem.starts_with("bontot-search-") && stem.len() == 14 + 16,
            "{stem}"
        );
        std::fs::write(dir.path().join("bontot-search_bg.wasm"), "y").unwrap();
        let a = AppAssets::find(dir.path()).unwrap();
        assert_ne!(a.search.hashed_stem(), stem);
        // The search build missing (an old trunk output).
        std::fs::remove_file(dir.path().join("bontot-search_bg.wasm")).unwrap();
        let e = AppAssets::find(dir.path()).err().unwrap();
        assert!(e.contains("no build of bontot-search"), "{e}");
        // The year-end part missing.
        touch("bontot-search_bg.wasm");
        std::fs::remove_file(dir.path().join("bontot-desk_bg.wasm")).unwrap();
        let e = AppAssets::find(dir.path()).err().unwrap();
        assert!(e.contains("no build of bontot-desk"), "{e}");
    }
}
