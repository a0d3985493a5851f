//! What a calculator page hands to the app: the rule set (citations already
//! resolved to paragraph ids; in JSON in the rule file's shape, its tests
//! compiled again as the app reads it) and the plan's identity for the
//! printed sheet.

use crate::check::Checked;
use serde::{Deserialize, Serialize};

/// Id of the `<script type="application/json">` element that holds it.
pub const ELEMENT_ID: &str = "calculator-data";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalculatorData {
    pub rules: Checked,
    pub plan_title: String,
    pub locality: String,
    pub number: Option<String>,
    /// The plan page, relative to the calculator page.
    pub plan_url: String,
    /// Other plans' calculator pages, for switching: (locality, URL).
    pub others: Vec<(String, String)>,
}
