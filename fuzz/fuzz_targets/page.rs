#![no_main]
// The calculator's page data (`core::page::decode`) from any text: read or
// refused, never a panic; what reads is evaluated with no answers and with
// every field answered "1".
use bontot_core::answers::Answers;
use bontot_core::engine::evaluate;
use bontot_core::page::decode;
use bontot_core::rules::fields;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(d) = decode(text) else { return };
    for &unit in &d.rules.units {
        let mut a = Answers::new(&d.rules, unit);
        let _ = evaluate(&d.rules, unit, &a);
        let all: Vec<String> = d.rules.inputs_for(unit).flat_map(fields).collect();
        for f in all {
            a.set(&f, "1".into());
        }
        let _ = evaluate(&d.rules, unit, &a);
    }
});
