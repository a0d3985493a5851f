#![no_main]
// Answers of any kind (as an imported file would bring them) against every
// real rule set: read, checked, evaluated.
use bontot_core::answers::Answers;
use bontot_core::engine::evaluate;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for rules in common::rule_sets() {
        if let Ok(a) = Answers::from_json(text, rules) {
            let _ = evaluate(rules, a.unit, &a);
        }
        // The same bytes as the values of every field.
        for &unit in &rules.units {
            let mut a = Answers::new(rules, unit);
            for input in rules.inputs_for(unit) {
                for f in bontot_core::rules::fields(input) {
                    a.set(&f, text.to_string());
                }
            }
            let _ = evaluate(rules, unit, &a);
        }
    }
});
