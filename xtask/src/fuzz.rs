//! `cargo xtask fuzz [--seconds N] [--target NAME]`: runs each cargo-fuzz
//! target (libFuzzer, nightly toolchain) for N seconds from a corpus seeded
//! with the real content, and reports executions and crashes.

use crate::{Result, cli, root, tools};
use std::path::Path;
use std::process::Command;

pub const TARGETS: [&str; 6] = ["plan", "rules", "answers", "share", "csv", "page"];
const CARGO_FUZZ: &str = "0.13.2";

pub fn command(args: &cli::Fuzz) -> Result<()> {
    let seconds = args.seconds;
    let only = args.target.as_deref();
    let nightly = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output();
    if !nightly.is_ok_and(|o| o.status.success()) {
        return Err("fuzzing needs the nightly toolchain: rustup toolchain install nightly".into());
    }
    let cargo_fuzz = tools::ensure_cargo_tool(
        "cargo-fuzz",
        "cargo-fuzz",
        CARGO_FUZZ,
        true,
        "runs the fuzz targets",
    )?;
    let mut rows = Vec::new();
    let mut failed = Vec::new();
    for target in TARGETS.iter().filter(|t| only.is_none_or(|o| o == **t)) {
        let corpus = root().join("target/fuzz-corpus").join(target);
        seed(target, &corpus)?;
        eprintln!("fuzzing {target} for {seconds} s...");
        let out = Command::new(&cargo_fuzz)
            .current_dir(root())
            .env("RUSTUP_TOOLCHAIN", "nightly")
            .args(["fuzz", "run", "--fuzz-dir", "fuzz", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-print_final_stats=1",
                "-rss_limit_mb=2048",
                "-timeout=10",
            ])
            .output()?;
        let log = String::from_utf8_lossy(&out.stderr);
        let stat = |name: &str| {
            log.lines()
                .find_map(|l| l.strip_prefix(&format!("stat::{name}:")))
                .map(|v| v.trim().to_string())
                .unwrap_or_else(|| "?".into())
        };
        let result = if out.status.success() {
            "no crash".to_string()
        } else {
            let artifact = log
                .lines()
                .find(|l| l.contains("Test unit written to"))
                .unwrap_or("see the log above");
            eprintln!("{log}");
            failed.push(target.to_string());
            format!("CRASH: {artifact}")
        };
        rows.push(format!(
            "| {target} | {} | {} | {} | {result} |",
            stat("number_of_executed_units"),
            stat("average_exec_per_sec"),
            stat("peak_rss_mb")
        ));
    }
    println!("| target | executions | per second | peak RSS MB | result |");
    println!("|---|---:|---:|---:|---|");
    for r in &rows {
        println!("{r}");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("crashes in: {}", failed.join(", ")).into())
    }
}

/// Starts a target's corpus from real files, so the fuzzer begins from
/// valid input and mutates from there.
fn seed(target: &str, corpus: &Path) -> Result<()> {
    std::fs::create_dir_all(corpus)?;
    let copy_all = |dir: &Path, ext: &str| -> Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == ext) {
                std::fs::copy(&p, corpus.join(p.file_name().unwrap_or_default()))?;
            }
        }
        Ok(())
    };
    let answers = r#"{"format":"bontot-answers","plan":"binh-tan","version":1,"unit":"chi-bo","name":"Chi bộ 4","year":"2025","values":{"ket-nap":"7","bo-hoc":"0,8","xep-loai":"HTTNV"}}"#;
    match target {
        "plan" => {
            copy_all(&root().join("content/plans"), "md")?;
            copy_all(&root().join("site-gen/tests/fixtures/hostile/plans"), "md")?;
        }
        "rules" => copy_all(&root().join("content/rules"), "toml")?,
        "answers" => std::fs::write(corpus.join("seed.json"), answers)?,
        "share" => std::fs::write(
            corpus.join("seed.txt"),
            bontot_core::share::encode(answers.as_bytes()),
        )?,
        "csv" => std::fs::write(
            corpus.join("seed.csv"),
            "ten-don-vi,nam,ket-nap,bo-hoc,xep-loai\nChi bộ 1,2025,7,\"0,8\",HTTNV\nChi bộ 2,2025,1.000,101,xx\n",
        )?,
        // What a calculator page carries, for each real rule set.
        "page" => {
            for e in std::fs::read_dir(root().join("content/rules"))? {
                let p = e?.path();
                if p.extension().is_none_or(|x| x != "toml") {
                    continue;
                }
                let rules: bontot_core::rules::RuleSet =
                    toml::from_str(&std::fs::read_to_string(&p)?)?;
                let rules = bontot_core::rules::validate(rules)
                    .map_err(|e| format!("{}: {e:?}", p.display()))?;
                let data = bontot_core::page::CalculatorData {
                    rules,
                    plan_title: "Kế hoạch".into(),
                    locality: "Tỉnh".into(),
                    number: Some("1-KH/ĐU".into()),
                    plan_url: "../ke-hoach/x.html".into(),
                    others: vec![("Huyện".into(), "y.html".into())],
                    period: Some(bontot_core::model::Period {
                        from: 2022,
                        to: 2027,
                    }),
                };
                let name = p.with_extension("txt");
                std::fs::write(
                    corpus.join(name.file_name().unwrap_or_default()),
                    bontot_core::page::encode(&data),
                )?;
            }
        }
        _ => {}
    }
    Ok(())
}
