// Shared by the fuzz targets: the real rule sets, parsed once.

use bontot_core::rules::RuleSet;
use std::sync::OnceLock;

pub fn rule_sets() -> &'static [RuleSet] {
    static SETS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        [
            include_str!("../../content/rules/binh-tan.toml"),
            include_str!("../../content/rules/nguyen-nghiem.toml"),
            include_str!("../../content/rules/son-la.toml"),
            include_str!("../../content/rules/dien-bien.toml"),
            include_str!("../../content/rules/ben-tre.toml"),
        ]
        .iter()
        .map(|t| toml::from_str(t).expect("the real rule sets parse"))
        .collect()
    })
}
