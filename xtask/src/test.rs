//! `cargo xtask test`: every check the project has, with a summary at the end.

use crate::{Result, build, cli, root, run, serve, tools};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The sub-path the browser tests serve the site under, to prove that every
/// URL is relative.
pub const SUB_PATH: &str = "/some/sub/path/";

struct Step {
    name: &'static str,
    ok: bool,
    secs: f64,
    detail: String,
}

pub fn command() -> Result<()> {
    let mut steps: Vec<Step> = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> bool {
        eprintln!("\n=== {name} ===");
        let t = Instant::now();
        let r = f();
        let ok = r.is_ok();
        let detail = r.err().map(|e| e.to_string()).unwrap_or_default();
        if !ok {
            eprintln!("FAILED: {detail}");
        }
        steps.push(Step {
            name,
            ok,
            secs: t.elapsed().as_secs_f64(),
            detail,
        });
        ok
    };

    let tools_ok = step("install tools", &mut || {
        tools::ensure_wasm_tools()?;
        tools::ensure_debian(
            "chromium",
            &["chromium"],
            "the browser the end-to-end tests drive",
        )?;
        tools::npm_ci(&root().join("tests"))
    });
    step("cargo fmt --check", &mut || {
        cargo(&["fmt", "--all", "--check"])
    });
    step("cargo clippy", &mut || {
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])?;
        cargo(&[
            "clippy",
            "-p",
            "bontot-app",
            "-p",
            "bontot-search",
            "-p",
            "bontot-desk",
            "-p",
            "bontot-web",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
    });
    step("unit and integration tests", &mut || {
        cargo(&["test", "--workspace"])
    });
    let built = tools_ok
        && step("build dist/", &mut || {
            build::build(&build::Options::default()).map(|_| ())
        });
    if built {
        step(
            "WASM size budgets (calculator, search, year-end part)",
            &mut || crate::sizes::check_budget(&root().join("dist/app")),
        );
        step("reproducible build", &mut reproducible);
        step("browser tests (headless Chromium)", &mut || {
            browser_tests(&root().join("dist"))
        });
        step("Lighthouse audit", &mut || {
            crate::audit::lighthouse(&root().join("dist"), true)
        });
        // Last: it builds site-gen with the modules inside, which the
        // steps above would otherwise build again without them.
        step(
            "dist binary: init, build, serve without cargo or node",
            &mut || {
                let bin = crate::dist::build_embedded(&root().join("target/trunk-dist"))?;
                crate::dist::check(&bin)
            },
        );
    }

    eprintln!("\n=== summary ===");
    for s in &steps {
        let mark = if s.ok { "ok  " } else { "FAIL" };
        eprintln!("{mark} {:<36} {:>7.1} s", s.name, s.secs);
        if !s.ok {
            for line in s.detail.lines().take(3) {
                eprintln!("       {line}");
            }
        }
    }
    let failed = steps.iter().filter(|s| !s.ok).count();
    if !built {
        eprintln!("skip browser tests and the reproducibility check: dist/ was not built");
    }
    if failed > 0 || !built {
        return Err(format!("{failed} of {} steps failed", steps.len()).into());
    }
    eprintln!("all {} steps passed", steps.len());
    Ok(())
}

fn cargo(args: &[&str]) -> Result<()> {
    run(Command::new(env!("CARGO")).current_dir(root()).args(args))
}

/// Builds a second time into another folder and compares byte for byte.
fn reproducible() -> Result<()> {
    let base = root().join("target/repro");
    let _ = std::fs::remove_dir_all(&base);
    let opts = build::Options {
        out: base.join("dist"),
        app_out: base.join("trunk-dist"),
    };
    build::build(&opts)?;
    let a = tree(&root().join("dist"))?;
    let b = tree(&opts.out)?;
    let mut diffs = Vec::new();
    for (path, bytes) in &a {
        match b.iter().find(|(p, _)| p == path) {
            None => diffs.push(format!("only in the first build: {}", path.display())),
            Some((_, other)) if other != bytes => {
                diffs.push(format!("differs: {}", path.display()))
            }
            _ => {}
        }
    }
    for (path, _) in &b {
        if !a.iter().any(|(p, _)| p == path) {
            diffs.push(format!("only in the second build: {}", path.display()));
        }
    }
    if diffs.is_empty() {
        eprintln!("{} files, byte-identical in both builds", a.len());
        Ok(())
    } else {
        Err(format!("the two builds differ:\n{}", diffs.join("\n")).into())
    }
}

/// Every file under `dir`, sorted, with its bytes.
pub fn tree(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p)?;
                out.push((p.strip_prefix(dir)?.to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `cargo xtask e2e [--no-build] [FILE...]`: the browser tests alone, for
/// working on one of them.
pub fn e2e_command(args: &cli::E2e) -> Result<()> {
    let dist = if args.no_build {
        root().join("dist")
    } else {
        build::build(&build::Options::default())?
    };
    tools::npm_ci(&root().join("tests"))?;
    browser_tests_of(&dist, &args.files)
}

/// Serves `dist` under [`SUB_PATH`] and runs the Node test files in tests/e2e.
pub fn browser_tests(dist: &Path) -> Result<()> {
    browser_tests_of(dist, &[])
}

/// As [`browser_tests`], only `files` (paths under tests/) when not empty.
fn browser_tests_of(dist: &Path, files: &[PathBuf]) -> Result<()> {
    let chromium = tools::ensure_debian(
        "chromium",
        &["chromium"],
        "the browser the end-to-end tests drive",
    )?;
    let port = serve::spawn(dist.to_path_buf(), SUB_PATH)?;
    let url = format!("http://127.0.0.1:{port}{SUB_PATH}");
    eprintln!("Site served at {url}");
    // The hostile-content fixture, built as its own site.
    let hostile = root().join("target/hostile-dist");
    run(Command::new(build::build_site_gen()?)
        .arg("build")
        .arg("--content")
        .arg(root().join("site-gen/tests/fixtures/hostile"))
        .arg("--out")
        .arg(&hostile))?;
    let hostile_port = serve::spawn(hostile, SUB_PATH)?;
    run(Command::new("node")
        .current_dir(root().join("tests"))
        // A test that hangs fails after 3 minutes instead of holding CI.
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "--test-timeout=180000",
        ])
        .args(if files.is_empty() {
            vec![PathBuf::from("e2e/")]
        } else {
            files.to_vec()
        })
        .env("SITE_URL", &url)
        .env(
            "HOSTILE_URL",
            format!("http://127.0.0.1:{hostile_port}{SUB_PATH}"),
        )
        .env("DIST_DIR", dist)
        // The live-reload test runs site-gen serve itself.
        .env("SITE_GEN", build::build_site_gen()?)
        .env("CONTENT_DIR", root().join("content"))
        .env("RULES_DIR", rules_as_json()?)
        .env("CHROMIUM", chromium))
}

/// Copies the folder `from` to `to` (created), files and folders only.
pub fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let p = entry?.path();
        let dest = to.join(p.file_name().unwrap_or_default());
        if p.is_dir() {
            copy_tree(&p, &dest)?;
        } else {
            std::fs::copy(&p, &dest)?;
        }
    }
    Ok(())
}

/// Writes the rule sets of `content/rules` as JSON for the browser tests,
/// which derive passing answers from them (the pages carry them in a form
/// only the app reads: `core::page`); returns their folder.
fn rules_as_json() -> Result<PathBuf> {
    let dir = root().join("target/e2e-rules");
    std::fs::create_dir_all(&dir)?;
    for e in std::fs::read_dir(root().join("content/rules"))? {
        let p = e?.path();
        if let (Some(slug), Some("toml")) = (
            p.file_stem().and_then(|s| s.to_str()),
            p.extension().and_then(|x| x.to_str()),
        ) {
            let rules: bontot_core::rules::RuleSet = toml::from_str(&std::fs::read_to_string(&p)?)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            std::fs::write(
                dir.join(format!("{slug}.json")),
                serde_json::to_string(&rules)?,
            )?;
        }
    }
    Ok(dir)
}
