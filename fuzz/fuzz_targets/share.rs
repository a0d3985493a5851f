#![no_main]
// Share-link fragments of any text against every real rule set.
use bontot_core::engine::evaluate;
use bontot_core::share::parse;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let fragment = format!("#a={text}");
    for rules in common::rule_sets() {
        if let Some(Ok(a)) = parse(&fragment, rules) {
            let _ = evaluate(rules, a.unit, &a);
        }
    }
});
