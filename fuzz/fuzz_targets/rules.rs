#![no_main]
// A rule set of any text: parsed, validated, and when valid, evaluated
// with empty and with arbitrary answers.
use bontot_core::answers::Answers;
use bontot_core::engine::evaluate;
use bontot_core::rules::{RuleSet, fields, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(rules) = toml::from_str::<RuleSet>(text) else { return };
    let Ok(rules) = validate(rules) else { return };
    for &unit in &rules.units {
        let mut a = Answers::new(&rules, unit);
        let _ = evaluate(&rules, unit, &a);
        for (i, input) in rules.inputs_for(unit).enumerate() {
            for f in fields(input) {
                a.set(&f, ["co", "7", "99,5", "tot", "HTTNV", "0"][i % 6].to_string());
            }
        }
        let _ = evaluate(&rules, unit, &a);
    }
});
