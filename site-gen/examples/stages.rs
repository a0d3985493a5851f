//! Times the stages of a plan page on the real plans, in process: the
//! fastest of many rounds, so that a busy machine disturbs it little.
//! `cargo run --profile native -p site-gen --example stages`

use bontot_core::search::index::Builder;
use bontot_core::search::{FILE_BYTES, K, KEEP};
use site_gen::content::plan_from_text;
use site_gen::glossary::Abbreviations;
use site_gen::source::split_front_matter;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let c = site_gen::build::check(&dir).expect("the real content loads");
    let abbr = Abbreviations::new(&c.glossary.terms);
    let texts: Vec<String> = c
        .plans
        .iter()
        .map(|p| std::fs::read_to_string(&p.path).expect("plan file"))
        .collect();
    let no_rules = Path::new("/nonexistent");
    let load = |i: usize| {
        let p = &c.plans[i];
        let mut problems = Vec::new();
        plan_from_text(
            &p.path,
            &texts[i],
            &p.slug,
            i,
            &abbr,
            no_rules,
            &mut problems,
        )
        .expect("plan parses")
    };
    let loaded: Vec<_> = (0..texts.len()).map(load).collect();
    let builder = Builder::new(K, KEEP, FILE_BYTES);
    let sections: Vec<_> = loaded
        .iter()
        .map(|(p, b)| site_gen::search::plan_sections(p, b))
        .collect();
    let n = texts.len() as f64;
    let time = |name: &str, f: &dyn Fn()| {
        let best = (0..200)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min);
        println!("{name:24} {:8.1} µs per plan", best / n * 1e6);
    };
    time("plan_from_text", &|| {
        for i in 0..texts.len() {
            black_box(load(i));
        }
    });
    time("markdown::render", &|| {
        for t in &texts {
            let (_, body, line) = split_front_matter(t).expect("front matter");
            black_box(site_gen::markdown::render(body, line, &abbr));
        }
    });
    time("plan page html", &|| {
        for (p, b) in &loaded {
            black_box(site_gen::pages::plan::render(&c.site, p, b));
        }
    });
    time("plan_sections", &|| {
        for (p, b) in &loaded {
            black_box(site_gen::search::plan_sections(p, b));
        }
    });
    time("index add_page", &|| {
        for (i, s) in sections.iter().enumerate() {
            black_box(builder.add_page(i as u32, "x", "y", s));
        }
    });
    let avg = texts.iter().map(String::len).sum::<usize>() as f64 / n;
    println!("plan files: {:.0} bytes on average", avg);
}
