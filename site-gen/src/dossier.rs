//! The dossier's data (`content/dossier/`): each plan's list of documents
//! (`<slug>.toml`), every entry's citation resolved against the plan as a
//! rule set's are, and the document templates (`mau/<id>.toml`), each
//! placeholder checked by `core::dossier::parse_template`.

use crate::citations::resolve_in_place;
use crate::locate::{Locator, Step, steps_of};
use crate::markdown::Rendered;
use crate::problem::Problem;
use crate::source::{named_files, parse_toml, read_text};
use bontot_core::dossier::{PlanDossierFile, Template, TemplateFile, parse_template};
use std::path::Path;

/// A plan's dossier file, if it has one, with its citations resolved
/// against the plan's rendered `body`.
pub fn load_plan(
    path: &Path,
    slug: &str,
    body: &Rendered,
    problems: &mut Vec<Problem>,
) -> Option<PlanDossierFile> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            problems.push(Problem::new(path, None, format!("cannot read: {e}")));
            return None;
        }
        _ => return None,
    }
    let src = read_text(path, problems)?;
    let mut file: PlanDossierFile = parse_toml(&src, path, 0, problems)?;
    let locator = Locator::new(&src);
    let mut ok = true;
    let mut at = |steps: Vec<Step>, msg: String| {
        problems.push(Problem::new(path, locator.line(&steps), msg));
    };
    if let Some(to) = &mut file.to
        && let Err(msg) = resolve_in_place(body, &mut to.cite, slug)
    {
        at(vec![Step::Key("to"), Step::Key("cite")], msg);
        ok = false;
    }
    for (i, d) in file.documents.iter_mut().enumerate() {
        if let Err(msg) = resolve_in_place(body, &mut d.cite, slug) {
            at(
                vec![Step::Key("documents"), Step::Index(i), Step::Key("cite")],
                msg,
            );
            ok = false;
        }
    }
    match (&file.none, file.documents.is_empty()) {
        (Some(_), false) => {
            at(
                vec![Step::Key("none")],
                "`none` says the plan names no document, but `documents` lists some".into(),
            );
            ok = false;
        }
        (None, true) => {
            at(
                vec![],
                "list the documents the plan names, or say in `none` what it says instead".into(),
            );
            ok = false;
        }
        _ => {}
    }
    ok.then_some(file)
}

/// Every template under `dir` (`content/dossier/mau/`), sorted by id.
pub fn load_templates(dir: &Path, problems: &mut Vec<Problem>) -> Vec<Template> {
    let mut out = Vec::new();
    for (id, path) in named_files(dir, "toml", "to-trinh.toml", problems) {
        let Some(src) = read_text(&path, problems) else {
            continue;
        };
        let Some(file): Option<TemplateFile> = parse_toml(&src, &path, 0, problems) else {
            continue;
        };
        match parse_template(&id, file) {
            Ok(t) => out.push(t),
            Err(found) => {
                let locator = Locator::new(&src);
                for p in found {
                    problems.push(Problem::new(
                        &path,
                        locator.line(&steps_of(&p.path)),
                        format!("{}: {}", p.path, p.message),
                    ));
                }
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Each document of `file` must name a template that exists.
pub fn check_templates(
    path: &Path,
    file: &PlanDossierFile,
    templates: &[Template],
    problems: &mut Vec<Problem>,
) {
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let locator = Locator::new(&src);
    for (i, d) in file.documents.iter().enumerate() {
        if !templates.iter().any(|t| t.id == d.template) {
            let known: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
            problems.push(Problem::new(
                path,
                locator.line(&[
                    Step::Key("documents"),
                    Step::Index(i),
                    Step::Key("template"),
                ]),
                format!(
                    "no template dossier/mau/{}.toml (known: {})",
                    d.template,
                    known.join(", ")
                ),
            ));
        }
    }
}
