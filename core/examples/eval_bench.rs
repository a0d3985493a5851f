//! Time per evaluation of each real rule set (what the app does on every
//! keystroke), natively. Run by `cargo xtask bench`.

use bontot_core::answers::Answers;
use bontot_core::engine::evaluate;
use bontot_core::rules::{InputKind, RuleSet, fields, validate};
use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("content/rules")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    println!("| rule set | unit | inputs | evaluations | µs per evaluation |");
    println!("|---|---|---:|---:|---:|");
    for f in files {
        let text = std::fs::read_to_string(&f).expect("rule file");
        let rules: RuleSet = toml::from_str(&text).expect("a rule set");
        let rules = validate(rules).expect("a valid rule set");
        for &unit in &rules.units {
            let mut a = Answers::new(&rules, unit);
            for input in rules.inputs_for(unit) {
                for (i, field) in fields(input).iter().enumerate() {
                    let v = match input.kind {
                        InputKind::YesNo => "co",
                        InputKind::Count => "10",
                        InputKind::Ratio if i == 0 => "19",
                        InputKind::Ratio => "20",
                        InputKind::Percent => "50,5",
                        InputKind::Monthly => "tot",
                        InputKind::Classification => "HTTNV",
                    };
                    a.set(field, v.to_string());
                }
            }
            let n = 20_000;
            let t = Instant::now();
            let mut met = 0;
            for _ in 0..n {
                met += std::hint::black_box(evaluate(&rules, unit, std::hint::black_box(&a)))
                    .criteria_met;
            }
            let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
            std::hint::black_box(met);
            println!(
                "| {} | {} | {} | {n} | {us:.1} |",
                rules.plan,
                unit.id(),
                rules.inputs_for(unit).count()
            );
        }
    }
}
