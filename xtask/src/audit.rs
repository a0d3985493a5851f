//! `cargo xtask audit`: Lighthouse (npm, driving Debian's Chromium, mobile
//! emulation) on every page type of `dist/` served under a sub-path; prints
//! the four scores, bytes transferred and the largest contentful paint.

use crate::test::SUB_PATH;
use crate::{Result, build, cli, root, run, serve, tools};
use std::path::Path;
use std::process::Command;

pub fn command(args: &cli::Audit) -> Result<()> {
    let dist = if args.no_build {
        root().join("dist")
    } else {
        build::build(&build::Options::default())?
    };
    lighthouse(&dist, args.assert)
}

/// Runs the Lighthouse script; with `assert`, fails below the targets.
pub fn lighthouse(dist: &Path, assert: bool) -> Result<()> {
    let chromium =
        tools::ensure_debian("chromium", &["chromium"], "the browser Lighthouse drives")?;
    tools::npm_ci(&root().join("tests"))?;
    settle();
    let port = serve::spawn(dist.to_path_buf(), SUB_PATH)?;
    let mut cmd = Command::new("node");
    cmd.current_dir(root().join("tests"))
        .arg("audit/lighthouse.mjs")
        .env("SITE_URL", format!("http://127.0.0.1:{port}{SUB_PATH}"))
        .env("CHROMIUM", chromium);
    if assert {
        cmd.arg("--assert");
    }
    run(&mut cmd)
}

/// Waits (at most 90 s) for the machine to be mostly idle: lab scores are
/// measured against a CPU slowed four times, so the builds and browser
/// tests just before would otherwise count against the page (Lighthouse's
/// advice on variance: run on an idle machine).
pub fn settle() {
    let load = || {
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
    };
    let start = std::time::Instant::now();
    while let Some(l) = load()
        && l >= 1.0
        && start.elapsed().as_secs() < 90
    {
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    if start.elapsed().as_secs() >= 1 {
        eprintln!(
            "waited {:.0} s for the machine to settle (load {:.2})",
            start.elapsed().as_secs_f64(),
            load().unwrap_or(0.0)
        );
    }
}
