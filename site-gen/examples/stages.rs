//! Times each stage of a plan page on the real plans (in process).
use site_gen::content::{self};
use site_gen::glossary::Abbreviations;
use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let c = site_gen::build::check(&dir).unwrap();
    let abbr = Abbreviations::new(&c.glossary.terms);
    let n = 200;
    let mut t = [0f64; 6];
    let mut bytes = 0;
    let b = bontot_core::search::index::Builder::new(8, 64, 16 * 1024);
    for plan in &c.plans {
        let text = std::fs::read_to_string(&plan.path).unwrap();
        bytes += text.len();
        for _ in 0..n {
            let s = Instant::now();
            let mut p = Vec::new();
            let (fm_src, body_src) = text[4..].split_once("\n+++\n").unwrap();
            let _fm: toml::Value = toml::from_str(fm_src).unwrap();
            t[0] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let body = site_gen::markdown::render(body_src, 1, &abbr);
            t[1] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let (pl, _b) = content::plan_from_text(
                &plan.path,
                &text,
                &plan.slug,
                0,
                &abbr,
                Path::new("/nonexistent"),
                &mut p,
            )
            .unwrap();
            t[2] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let html = site_gen::pages::plan::render(&c.site, &pl, &body);
            t[3] += s.elapsed().as_secs_f64();
            std::hint::black_box(html);
            let s = Instant::now();
            let secs = site_gen::search::plan_sections(&pl, &body);
            t[4] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let files = b.add_page(0, "x", "y", &secs);
            t[5] += s.elapsed().as_secs_f64();
            std::hint::black_box(files);
        }
    }
    let per = (n * c.plans.len()) as f64;
    for (name, v) in [
        "toml",
        "markdown",
        "plan_from_text(all)",
        "plan html",
        "sections",
        "index add_page",
    ]
    .iter()
    .zip(t)
    {
        println!("{name:22} {:8.1} µs", v / per * 1e6);
    }
    println!("avg bytes {}", bytes / c.plans.len());
}
