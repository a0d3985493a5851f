//! `cargo xtask phone`: the site on a cheap phone and a slow network
//! (issue 15 item 1). Serves `dist/` twice on loopback, once gzipping (as
//! GitHub Pages or nginx with gzip on) and once sending files as they are
//! (as a host that does not compress), and runs `tests/phone/phone.mjs`:
//! headless Chromium at 390×844, CPU 6× slower, 500 kbps down / 400 ms
//! round trip, no service worker, an empty cache. Figures, not pass/fail;
//! `cargo xtask bench` prints them too. Never part of `cargo xtask test`.

use crate::test::SUB_PATH;
use crate::{Result, build, cli, root, serve, sizes, tools};
use std::path::Path;
use std::process::{Command, Stdio};

pub fn command(args: &cli::Phone) -> Result<()> {
    let dist = if let Some(site) = &args.site {
        site.clone()
    } else if args.no_build {
        root().join("dist")
    } else {
        build::build(&build::Options::default())?
    };
    let only = if args.search_only {
        Some("--search-only")
    } else {
        args.answers_only.then_some("--answers-only")
    };
    for line in report(&dist, args.runs, only)? {
        println!("{line}");
    }
    Ok(())
}

/// Runs the measurement on `dist` and returns its table, request chains
/// and the calculator's size against its budget, as lines; with
/// `only` (`--search-only`, `--answers-only`), that part's figures alone.
pub fn report(dist: &Path, runs: u32, only: Option<&str>) -> Result<Vec<String>> {
    if !dist.join("tu-danh-gia/binh-tan.html").is_file() {
        return Err(format!(
            "{} has no calculator page: build it first (cargo xtask build)",
            dist.display()
        )
        .into());
    }
    let chromium = tools::ensure_debian(
        "chromium",
        &["chromium"],
        "the browser the phone profile drives",
    )?;
    tools::npm_ci(&root().join("tests"))?;
    // The CPU is slowed 6× on top of whatever else the machine is doing.
    crate::audit::settle();
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(String::from));
    let gzip = serve::spawn_with(dist.to_path_buf(), SUB_PATH, true)?;
    let plain = serve::spawn_with(dist.to_path_buf(), SUB_PATH, false)?;
    let sites =
        format!("gzip=http://127.0.0.1:{gzip}{SUB_PATH},plain=http://127.0.0.1:{plain}{SUB_PATH}");
    eprintln!(
        "phone profile: {runs} run(s) per host, about {} minutes...",
        runs * 2
    );
    let out = Command::new("node")
        .current_dir(root().join("tests"))
        .arg("phone/phone.mjs")
        .arg("--runs")
        .arg(runs.to_string())
        .args(only)
        .env("PHONE_SITES", sites)
        .env("CHROMIUM", chromium)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start node: {e}"))?;
    if !out.status.success() {
        return Err(format!("tests/phone/phone.mjs failed ({})", out.status).into());
    }
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    lines.push(String::new());
    lines.push(size_line(&sizes::measure(&dist.join("app"))?));
    // Answer → paint on a CPU slowed 6× moves with what else runs.
    if let Some(load) = load {
        lines.push(format!(
            "load average when the measurement started: {load} ({} cores)",
            std::thread::available_parallelism().map_or(1, |n| n.get())
        ));
    }
    Ok(lines)
}

/// The calculator's gzip total against its budget (issue 15's target).
fn size_line(files: &[(String, sizes::Sizes)]) -> String {
    let calc = &sizes::BUNDLES[0];
    let gz: usize = files
        .iter()
        .filter(|(n, _)| calc.owns(n))
        .map(|(_, s)| s.gzip)
        .sum();
    format!(
        "calculator WASM + JS: {:.1} KB gzip; target ≤ {} KB (issue 15; a budget test too): {}",
        gz as f64 / 1024.0,
        calc.budget_gzip / 1024,
        if gz <= calc.budget_gzip {
            "met"
        } else {
            "not met"
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(wasm_kb: usize) -> Vec<(String, sizes::Sizes)> {
        let s = |kb: usize| sizes::Sizes {
            raw: 0,
            gzip: kb * 1024,
            brotli: 0,
        };
        vec![
            ("bontot-app-00_bg.wasm".into(), s(wasm_kb)),
            ("bontot-app-00.js".into(), s(9)),
            ("start.js".into(), s(1)),
            ("bontot-search-00_bg.wasm".into(), s(60)),
        ]
    }

    #[test]
    fn size_line_counts_only_the_calculator() {
        let line = size_line(&files(100));
        assert!(
            line.starts_with("calculator WASM + JS: 110.0 KB gzip"),
            "{line}"
        );
        assert!(line.ends_with(": met"), "{line}");
        assert!(size_line(&files(101)).ends_with("not met"));
    }
}
