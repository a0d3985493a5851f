//! Page templates (maud): one module per kind of page.

pub mod calculator;
pub mod compare;
pub mod deadlines;
pub mod dossier;
pub mod frame;
pub mod glossary;
pub mod home;
pub mod layout;
pub mod national;
pub mod not_found;
pub mod plan;
pub mod search;

use bontot_core::model::Unit;

/// "Chi bộ, Đảng bộ cơ sở".
pub fn units_label(units: &[Unit]) -> String {
    units
        .iter()
        .map(|u| u.label())
        .collect::<Vec<_>>()
        .join(", ")
}
