#![no_main]
// CSV or JSON files of any bytes for the batch command, against every real
// rule set and unit, written in every report format: nothing panics, no
// report line holds a raw control character, and the CSV report has a row
// per unit.
use libfuzzer_sys::fuzz_target;
use site_gen::batch::read::{Item, each_unit_in};
use site_gen::batch::report::{Format, Report};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    for rules in common::rule_sets() {
        for &unit in &rules.units {
            for format in [Format::Table, Format::Json, Format::Csv] {
                let mut out = Vec::new();
                let mut units = 0;
                let mut report = Report::new(rules, format, &mut out);
                let read = each_unit_in(data, rules, unit, |item: Item| {
                    units += 1;
                    report.item(&item)
                });
                report.finish().expect("writing to memory");
                let text = String::from_utf8(out).expect("reports are UTF-8");
                assert!(
                    !text
                        .chars()
                        .any(|c| c != '\n' && site_gen::escape::is_unsafe(c)),
                    "{text:?}"
                );
                if read.is_ok() && format == Format::Csv {
                    let rows = csv::Reader::from_reader(text.as_bytes()).records().count();
                    assert_eq!(rows, units, "{text:?}");
                }
            }
        }
    }
});
