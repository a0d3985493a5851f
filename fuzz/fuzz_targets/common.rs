// Shared by the fuzz targets: the real rule sets, parsed and checked once.

use bontot_core::check::Checked;
use bontot_core::rules::{RuleSet, validate};
use std::sync::OnceLock;

pub fn rule_sets() -> &'static [Checked] {
    static SETS: OnceLock<Vec<Checked>> = OnceLock::new();
    SETS.get_or_init(|| {
        [
            include_str!("../../content/rules/binh-tan.toml"),
            include_str!("../../content/rules/nguyen-nghiem.toml"),
            include_str!("../../content/rules/son-la.toml"),
            include_str!("../../content/rules/dien-bien.toml"),
            include_str!("../../content/rules/ben-tre.toml"),
        ]
        .iter()
        .map(|t| {
            let rules: RuleSet = toml::from_str(t).expect("the real rule sets parse");
            validate(rules).expect("the real rule sets are valid")
        })
        .collect()
    })
}
