//! The calculator's download: raw, gzip and brotli sizes of its JS and WASM,
//! and the budget they must fit (a deterministic check, so a test).

use crate::Result;
use std::io::Write;
use std::path::Path;

/// Budget for the calculator's WASM plus JS, gzip-compressed.
pub const BUDGET_GZIP: usize = 150 * 1024;

pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("compressing in memory");
    e.finish().expect("compressing in memory").len()
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory");
    out.len()
}

/// Sizes of every .js and .wasm file in `dir` (the site's `app/`).
pub fn measure(dir: &Path) -> Result<Vec<(String, Sizes)>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e} (build first: cargo xtask build)", dir.display()))?
    {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "js" || x == "wasm") {
            let bytes = std::fs::read(&p)?;
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            out.push((
                name,
                Sizes {
                    raw: bytes.len(),
                    gzip: gzip(&bytes),
                    brotli: brotli(&bytes),
                },
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

pub fn report(dir: &Path) -> Result<Vec<String>> {
    let files = measure(dir)?;
    let kb = |n: usize| n as f64 / 1024.0;
    let mut lines = vec![
        "| calculator file | raw KB | gzip KB | brotli KB |".to_string(),
        "|---|---:|---:|---:|".into(),
    ];
    for (name, s) in &files {
        lines.push(format!(
            "| {name} | {:.1} | {:.1} | {:.1} |",
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        ));
    }
    let (raw, gz, br) = files.iter().fold((0, 0, 0), |t, (_, s)| {
        (t.0 + s.raw, t.1 + s.gzip, t.2 + s.brotli)
    });
    lines.push(format!(
        "| total | {:.1} | {:.1} (budget {:.0}) | {:.1} |",
        kb(raw),
        kb(gz),
        kb(BUDGET_GZIP),
        kb(br)
    ));
    Ok(lines)
}

/// Fails when the calculator's JS plus WASM is over budget (gzip).
pub fn check_budget(dir: &Path) -> Result<()> {
    let files = measure(dir)?;
    if !files.iter().any(|(n, _)| n.ends_with(".wasm")) {
        return Err(format!("no WASM in {}", dir.display()).into());
    }
    let total: usize = files.iter().map(|(_, s)| s.gzip).sum();
    for l in report(dir)? {
        eprintln!("{l}");
    }
    if total > BUDGET_GZIP {
        return Err(format!(
            "the calculator is {:.1} KB gzip, over the {} KB budget",
            total as f64 / 1024.0,
            BUDGET_GZIP / 1024
        )
        .into());
    }
    Ok(())
}
