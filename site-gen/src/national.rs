//! National rules (`content/national/`): for each regime, an excerpt page
//! (`<id>.md`: the passages used, quoted with their source, never the whole
//! document) and its classification rules (`<id>.toml`, read by
//! `core::national`), whose citations resolve against that page as a rule
//! set's resolve against its plan.

use crate::citations::resolve_in_place;
use crate::glossary::Abbreviations;
use crate::locate::{Locator, Step, steps_of};
use crate::markdown::{self, TocEntry};
use crate::problem::Problem;
use crate::source::{files_with_ext, named_files, parse_toml, read_text, split_front_matter};
use bontot_core::date::Date;
use bontot_core::model::{Cite, check_note_url};
use bontot_core::national::{Regime, RegimeFile, parse};
use serde::Deserialize;
use std::path::Path;

/// The excerpt page's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcerptFront {
    /// The documents excerpted, in full words.
    pub title: String,
    /// What the page is, in one or two sentences (ours).
    pub summary: String,
    /// Where each passage was read.
    pub sources: Vec<SourceRef>,
}

/// A place the passages were read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Publication and title.
    pub name: String,
    /// What was taken from it, and whether it quotes the text or retells it.
    pub what: String,
    #[serde(default)]
    pub url: Option<String>,
    /// When we read it.
    pub read: Date,
}

/// One regime: its excerpt page and its rules.
pub struct National {
    pub id: String,
    pub front: ExcerptFront,
    /// The excerpt page's body, rendered, and its headings.
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub regime: Regime,
    /// The rules as read, citations resolved: what the calculator's
    /// year-end part receives (it parses them again, as `regime`).
    pub file: RegimeFile,
}

/// Loads every `<id>.md` + `<id>.toml` pair under `dir` (which may be
/// missing: a site need not publish national rules).
pub fn load(dir: &Path, abbr: &Abbreviations, problems: &mut Vec<Problem>) -> Vec<National> {
    if !dir.try_exists().unwrap_or(false) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (id, md) in named_files(dir, "md", "qd-366.md", problems) {
        let toml_path = dir.join(format!("{id}.toml"));
        if let Some(n) = load_one(&id, &md, &toml_path, abbr, problems) {
            out.push(n);
        }
    }
    for path in files_with_ext(dir, "toml", problems) {
        if !path.with_extension("md").exists() {
            problems.push(Problem::new(
                &path,
                None,
                "no excerpt page beside it (the same name with .md): its citations need one",
            ));
        }
    }
    out.sort_by_key(|n| n.regime.from_year);
    for pair in out.windows(2) {
        let (a, b) = (&pair[0].regime, &pair[1].regime);
        if a.to_year.is_none_or(|t| t >= b.from_year) {
            problems.push(Problem::new(
                &dir.join(format!("{}.toml", b.id)),
                None,
                format!(
                    "its years overlap those of {} ({}): each year must be governed by one regime",
                    a.short, a.id
                ),
            ));
        }
    }
    out
}

fn load_one(
    id: &str,
    md: &Path,
    toml_path: &Path,
    abbr: &Abbreviations,
    problems: &mut Vec<Problem>,
) -> Option<National> {
    let text = read_text(md, problems)?;
    let (fm_src, body_src, body_line) = match split_front_matter(&text) {
        Ok(parts) => parts,
        Err(msg) => {
            problems.push(Problem::new(md, Some(1), msg));
            return None;
        }
    };
    let front: Option<ExcerptFront> = parse_toml(fm_src, md, 1, problems);
    let body = markdown::render(body_src, body_line, abbr);
    for (line, msg) in &body.problems {
        problems.push(Problem::new(md, Some(*line), msg.clone()));
    }
    if let Some(f) = &front {
        if f.sources.is_empty() {
            problems.push(Problem::new(
                md,
                Some(1),
                "`sources` must name where the passages were read",
            ));
        }
        for s in &f.sources {
            if let Some(url) = &s.url
                && let Err(msg) = check_note_url(url)
            {
                problems.push(Problem::new(md, Some(1), msg));
            }
        }
    }
    if !toml_path.exists() {
        problems.push(Problem::new(
            md,
            None,
            format!(
                "no rules beside it: write {} (see content/national/README.md)",
                toml_path.display()
            ),
        ));
        return None;
    }
    let src = read_text(toml_path, problems)?;
    let mut file: RegimeFile = parse_toml(&src, toml_path, 0, problems)?;
    let locator = Locator::new(&src);
    let cite_problem = |path: Vec<Step>, msg: String, problems: &mut Vec<Problem>| {
        problems.push(Problem::new(toml_path, locator.line(&path), msg));
    };
    let page = format!("national/{id}");
    let resolve = |cite: &mut Cite, path: Vec<Step>, problems: &mut Vec<Problem>| {
        if let Err(msg) = resolve_in_place(&body, cite, &page) {
            cite_problem(path, msg, problems);
        }
    };
    for (i, c) in file.conditions.iter_mut().enumerate() {
        let at = vec![Step::Key("conditions"), Step::Index(i), Step::Key("cite")];
        resolve(&mut c.cite, at, problems);
    }
    for (i, l) in file.levels.iter_mut().enumerate() {
        let at = vec![Step::Key("levels"), Step::Index(i), Step::Key("cite")];
        resolve(&mut l.cite, at, problems);
    }
    for (i, c) in file.competent.iter_mut().enumerate() {
        let at = vec![Step::Key("competent"), Step::Index(i), Step::Key("cite")];
        resolve(&mut c.cite, at, problems);
    }
    if let Some(cap) = &mut file.cap {
        resolve(
            &mut cap.cite,
            vec![Step::Key("cap"), Step::Key("cite")],
            problems,
        );
        if let Some(c) = &mut cap.raised_cite {
            resolve(
                c,
                vec![Step::Key("cap"), Step::Key("raised_cite")],
                problems,
            );
        }
    }
    let regime = match parse(id, file.clone()) {
        Ok(r) => Some(r),
        Err(found) => {
            for p in found {
                let steps = steps_of(&p.path);
                problems.push(Problem::new(
                    toml_path,
                    locator.line(&steps),
                    format!("{}: {}", p.path, p.message),
                ));
            }
            None
        }
    };
    Some(National {
        id: id.to_string(),
        front: front?,
        html: body.html,
        toc: body.toc,
        regime: regime?,
        file,
    })
}

/// The regime that governs `year`, if any.
pub fn for_year(all: &[National], year: u16) -> Option<&National> {
    all.iter().find(|n| n.regime.governs(year))
}
