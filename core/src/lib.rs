//! Bốn Tốt's shared library: the content model, Vietnamese text folding, and
//! the rule engine. No I/O: the same code runs in site-gen and in the browser.

pub mod answers;
pub mod check;
pub mod date;
#[cfg(feature = "docx")]
pub mod docx;
pub mod dossier;
pub mod engine;
pub mod form;
pub mod frame;
pub mod html;
pub mod judge;
pub mod model;
pub mod national;
pub mod number;
pub mod numerals;
pub mod page;
pub mod roster;
pub mod rules;
pub mod search;
pub mod share;
pub mod text;
