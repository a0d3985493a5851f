//! `cargo xtask build`: the WASM modules with trunk, then the site with site-gen.
//!
//! site-gen writes into a temporary folder and swaps it into place, so a
//! failed step never leaves a half-written `dist/`.

use crate::{Result, root, run, tools};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub struct Options {
    /// Where the site goes (default `dist/`).
    pub out: PathBuf,
    /// Where trunk writes the app (default `target/trunk-dist`).
    pub app_out: PathBuf,
}

impl Options {
    /// The defaults, with the site in `out` when given.
    pub fn new(out: Option<PathBuf>) -> Options {
        let mut o = Options::default();
        if let Some(out) = out {
            o.out = out;
        }
        o
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            out: root().join("dist"),
            app_out: root().join("target/trunk-dist"),
        }
    }
}

/// Builds everything; returns the site folder.
pub fn build(opts: &Options) -> Result<PathBuf> {
    let started = Instant::now();
    build_app(&opts.app_out)?;
    let site_gen = build_site_gen()?;
    eprintln!("Generating the site into {}...", opts.out.display());
    run(Command::new(&site_gen)
        .arg("build")
        .arg("--content")
        .arg(root().join("content"))
        .arg("--app")
        .arg(&opts.app_out)
        .arg("--out")
        .arg(&opts.out))?;
    eprintln!(
        "Built {} in {:.1} s.",
        opts.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(opts.out.clone())
}

/// `trunk build --release` of `app/`, offline, with the project's tools.
pub fn build_app(out: &Path) -> Result<()> {
    let tools = tools::ensure_wasm_tools()?;
    eprintln!("Building the calculator and the search module (trunk, release)...");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![tools.bin_dir.clone()];
    dirs.extend(std::env::split_paths(&path));
    run(Command::new(&tools.trunk)
        .current_dir(root().join("app"))
        .args(["build", "--release", "--offline", "--dist"])
        .arg(out)
        .env("PATH", std::env::join_paths(dirs)?)
        .env("TRUNK_TOOLS_WASM_BINDGEN", &tools.wasm_bindgen_version)
        .env("TRUNK_TOOLS_WASM_OPT", tools::WASM_OPT_TRUNK_VERSION)
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            remap_paths()?,
        ))?;
    minify_glue(&tools.esbuild, out)?;
    compress_wasm(out)
}

/// Writes `<module>_bg.wasm.gz` beside each WASM in trunk's output, with
/// zopfli (about 5% smaller than zlib's best, at about a second each):
/// site-gen sends that copy, and checks it is the WASM's.
fn compress_wasm(out: &Path) -> Result<()> {
    for e in std::fs::read_dir(out)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "wasm") {
            let bytes = std::fs::read(&p)?;
            let mut gz = Vec::new();
            zopfli::compress(
                zopfli::Options::default(),
                zopfli::Format::Gzip,
                &bytes[..],
                &mut gz,
            )?;
            let mut name = p.into_os_string();
            name.push(".gz");
            std::fs::write(name, gz)?;
        }
    }
    Ok(())
}

/// The WASM modules carry the source paths of their panic locations: they
/// are written relative to the crate registry and the project, so the
/// bytes do not depend on where the build ran (and are some 150 bytes
/// smaller gzipped).
fn remap_paths() -> Result<String> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    Ok(format!(
        "--remap-path-prefix={}/registry/src/= --remap-path-prefix={}/=",
        cargo_home.display(),
        root().display()
    ))
}

/// Minifies the JS glue of the modules in trunk's output, in place, with
/// the JS snippets it imports (the calculator's `app/js/patch.js`) bundled
/// in: one file, no request more. The names trunk gave them stay: the
/// glue's name carries a hash of the build, which is what caches need.
fn minify_glue(esbuild: &Path, out: &Path) -> Result<()> {
    for e in std::fs::read_dir(out)? {
        let p = e?.path();
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("bontot-") && name.ends_with(".js") {
            run(Command::new(esbuild)
                .arg(&p)
                .args([
                    "--bundle",
                    "--minify",
                    "--format=esm",
                    "--log-level=warning",
                    "--allow-overwrite",
                ])
                .arg(format!("--outfile={}", p.display())))?;
        }
    }
    Ok(())
}

/// Builds site-gen (profile `native`) and returns its path.
pub fn build_site_gen() -> Result<PathBuf> {
    run(Command::new(env!("CARGO")).current_dir(root()).args([
        "build",
        "--quiet",
        "--profile",
        "native",
        "-p",
        "site-gen",
    ]))?;
    Ok(root().join("target/native/site-gen"))
}
