//! `site-gen anchors --plan SLUG`: every id a citation can name on a
//! plan's page, indented by section, with the start of its text. The plan
//! is rendered on its own, so the list is there even while its citations
//! are broken.

use crate::citations::{distance, start_of};
use crate::glossary::Abbreviations;
use crate::markdown;
use crate::problem::Problem;
use crate::source::{files_with_ext, read_text, split_front_matter};
use std::fmt::Write;
use std::path::Path;

/// How much of each block's text is shown.
const TEXT: usize = 70;

/// The list for plan `slug` of the content folder `dir`, one id a line;
/// the error says what is wrong in words (a plan that does not exist
/// lists those that do, the nearest first).
pub fn list(dir: &Path, slug: &str) -> Result<String, String> {
    let path = dir.join("plans").join(format!("{slug}.md"));
    let mut problems: Vec<Problem> = Vec::new();
    if !path.is_file() {
        let mut plans: Vec<String> = files_with_ext(&dir.join("plans"), "md", &mut problems)
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        plans.sort_by_key(|p| (distance(slug, p), p.clone()));
        return Err(format!(
            "{}: no such plan; the plans are: {}",
            path.display(),
            plans.join(", ")
        ));
    }
    let text = read_text(&path, &mut problems).ok_or_else(|| {
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let (_, body, line) =
        split_front_matter(&text).map_err(|e| format!("{}:1: {e}", path.display()))?;
    // Abbreviations change no id: the glossary is not needed.
    let rendered = markdown::render(body, line, &Abbreviations::new(&[]));
    let rows: Vec<(String, String)> = rendered
        .blocks
        .iter()
        .map(|b| {
            let indent = "  ".repeat(b.scope.len());
            (format!("{indent}{}", b.id), start_of(&b.text, TEXT))
        })
        .collect();
    let width = rows.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, text) in rows {
        let _ = writeln!(out, "{id:width$}  {text}");
    }
    Ok(out)
}
