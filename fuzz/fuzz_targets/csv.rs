#![no_main]
// CSV files of any bytes for the batch command, against every real rule set
// and unit.
use libfuzzer_sys::fuzz_target;
use site_gen::batch::assess;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for rules in common::rule_sets() {
        for &unit in &rules.units {
            let _ = assess(text, rules, unit);
        }
    }
});
