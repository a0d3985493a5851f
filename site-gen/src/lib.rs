//! site-gen: turns `content/` into the static site in `dist/`.

pub mod app;
pub mod batch;
pub mod build;
pub mod citations;
pub mod cleanup;
pub mod content;
pub mod deadline;
pub mod escape;
pub mod glossary;
pub mod html;
pub mod icon;
pub mod ics;
pub mod locate;
pub mod markdown;
pub mod model;
pub mod offline;
pub mod output;
pub mod pages;
pub mod problem;
pub mod routes;
pub mod rules;
pub mod search;
pub mod sitemap;
pub mod source;
pub mod spill;
pub mod target;
