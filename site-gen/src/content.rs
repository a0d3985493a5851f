//! Loads and checks everything under `content/`: every problem is collected
//! with its file and line before anything is written.

use crate::glossary::Abbreviations;
use crate::locate::{Locator, Step};
use crate::markdown::{self, Rendered};
use crate::problem::{Problems, line_of};
use bontot_core::model::{Cite, FrontMatter, Glossary, Site};
use bontot_core::rules::RuleSet;
use bontot_core::text::{nfc, quote_key, slugify};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Plan {
    pub slug: String,
    pub path: PathBuf,
    pub fm: FrontMatter,
    pub body: Rendered,
    /// The calculator's rule set, from `rules/<slug>.toml`, if there is one.
    pub rules: Option<RuleSet>,
}

pub struct Content {
    pub dir: PathBuf,
    pub site: Site,
    pub glossary: Glossary,
    pub plans: Vec<Plan>,
}

/// Reads a text file: UTF-8 checked (the error names the line), BOM
/// dropped, CRLF made LF, and NFC-normalised.
pub fn read_text(path: &Path, problems: &mut Problems) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.add(path, None, format!("cannot read: {e}"));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            problems.add(
                path,
                Some(line),
                "not valid UTF-8 text: save the file as UTF-8",
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(nfc(&text.replace("\r\n", "\n").replace('\r', "\n")))
}

/// Parses TOML into `T`, reporting a problem at the right line of `path`.
/// `line_offset` is the file line of the TOML's first line, minus one.
pub fn parse_toml<T: DeserializeOwned>(
    src: &str,
    path: &Path,
    line_offset: usize,
    problems: &mut Problems,
) -> Option<T> {
    match toml::from_str::<T>(src) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e.span().map(|s| line_of(src, s.start) + line_offset);
            let msg = e.message().trim().replace('\n', " ");
            problems.add(path, line, msg);
            None
        }
    }
}

fn load_toml<T: DeserializeOwned>(path: &Path, problems: &mut Problems) -> Option<T> {
    let text = read_text(path, problems)?;
    parse_toml(&text, path, 0, problems)
}

pub fn load(dir: &Path) -> Result<Content, Problems> {
    let mut problems = Problems::default();
    let site: Option<Site> = load_toml(&dir.join("site.toml"), &mut problems);
    let glossary: Option<Glossary> = load_toml(&dir.join("glossary.toml"), &mut problems);
    if let Some(g) = &glossary {
        check_glossary(g, &dir.join("glossary.toml"), &mut problems);
    }
    let abbr = Abbreviations::new(glossary.as_ref().map(|g| g.terms.as_slice()).unwrap_or(&[]));

    let mut plans = Vec::new();
    let mut slugs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in files_with_ext(&dir.join("plans"), "md", &mut problems) {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let slug = slugify(&stem);
        if slug.is_empty() {
            problems.add(
                &path,
                None,
                "the file name gives an empty slug: name it like `son-la.md`",
            );
            continue;
        }
        if let Some(other) = slugs.get(&slug) {
            problems.add(
                &path,
                None,
                format!(
                    "duplicate slug {slug:?}: {} has the same one",
                    other.display()
                ),
            );
            continue;
        }
        slugs.insert(slug.clone(), path.clone());
        if let Some(plan) = load_plan(&path, slug, &abbr, &mut problems) {
            plans.push(plan);
        }
    }
    if plans.is_empty() && problems.is_empty() {
        problems.add(
            &dir.join("plans"),
            None,
            "no plans: add at least one `<slug>.md`",
        );
    }
    check_links(&plans, &mut problems);
    crate::rules::load_all(&dir.join("rules"), &mut plans, &mut problems);
    match (site, glossary) {
        (Some(site), Some(glossary)) => problems.into_result(Content {
            dir: dir.to_path_buf(),
            site,
            glossary,
            plans,
        }),
        _ => Err(problems.into_result(()).err().unwrap_or_default()),
    }
}

/// Files in `dir` with extension `ext`, sorted by name.
pub fn files_with_ext(dir: &Path, ext: &str, problems: &mut Problems) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.add(dir, None, format!("cannot read the folder: {e}"));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

fn check_glossary(g: &Glossary, path: &Path, problems: &mut Problems) {
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let loc = Locator::new(&src);
    let mut seen = BTreeMap::new();
    for (i, t) in g.terms.iter().enumerate() {
        let line = loc.line(&[Step::Key("terms"), Step::Index(i), Step::Key("abbr")]);
        if t.abbr.trim().is_empty() || t.expansion.trim().is_empty() {
            problems.add(
                path,
                line,
                "a term needs a non-empty `abbr` and `expansion`",
            );
        }
        if let Some(first) = seen.insert(t.abbr.clone(), line) {
            problems.add(
                path,
                line,
                format!(
                    "{:?} is listed twice (first on line {})",
                    t.abbr,
                    first.unwrap_or(0)
                ),
            );
        }
    }
}

/// Splits `+++` front matter from the body: (front matter, body, body's first line).
fn split_front_matter(text: &str) -> Result<(&str, &str, usize), &'static str> {
    let rest = text
        .strip_prefix("+++\n")
        .ok_or("the file must start with a `+++` line, then the TOML front matter, then `+++`")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches('\n') == "+++" {
            let fm = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((fm, body, 3 + fm.matches('\n').count()));
        }
        offset += line.len();
    }
    Err("the front matter is not closed by a `+++` line")
}

fn load_plan(
    path: &Path,
    slug: String,
    abbr: &Abbreviations,
    problems: &mut Problems,
) -> Option<Plan> {
    let text = read_text(path, problems)?;
    let (fm_src, body_src, body_line) = match split_front_matter(&text) {
        Ok(parts) => parts,
        Err(msg) => {
            problems.add(path, Some(1), msg);
            return None;
        }
    };
    let fm: Option<FrontMatter> = parse_toml(fm_src, path, 1, problems);
    let body = markdown::render(body_src, body_line, abbr);
    for (line, msg) in &body.problems {
        problems.add(path, Some(*line), msg.clone());
    }
    let fm = fm?;
    let loc = Locator::new(fm_src);
    let at = |steps: &[Step]| loc.line(steps).map(|l| l + 1);
    let mut check = |ok: bool, steps: &[Step], msg: String| {
        if !ok {
            problems.add(path, at(steps), msg);
        }
    };
    check(
        !fm.units.is_empty(),
        &[Step::Key("units")],
        "`units` must name at least one of \"chi-bo\", \"dang-bo\"".into(),
    );
    for (key, value) in [
        ("title", &fm.title),
        ("locality", &fm.locality),
        ("issuer", &fm.issuer),
        ("level", &fm.level),
        ("movement", &fm.movement),
    ] {
        check(
            !value.trim().is_empty(),
            &[Step::Key(key)],
            format!("`{key}` must not be empty"),
        );
    }
    for (i, d) in fm.deadlines.iter().enumerate() {
        if let Err(msg) = d.when() {
            check(false, &[Step::Key("deadlines"), Step::Index(i)], msg.into());
        }
        if let Err(msg) = resolve_cite(&body, &d.cite) {
            check(
                false,
                &[Step::Key("deadlines"), Step::Index(i), Step::Key("cite")],
                msg,
            );
        }
    }
    for (i, d) in fm.dossier.iter().enumerate() {
        if let Err(msg) = resolve_cite(&body, &d.cite) {
            check(
                false,
                &[Step::Key("dossier"), Step::Index(i), Step::Key("cite")],
                msg,
            );
        }
    }
    Some(Plan {
        slug,
        path: path.to_path_buf(),
        fm,
        body,
        rules: None,
    })
}

/// The id of the block a citation points at: a block inside the section
/// `cite.anchor` (or that block itself) whose text contains the quote.
pub fn resolve_cite(body: &Rendered, cite: &Cite) -> Result<String, String> {
    if !body.has_id(&cite.anchor) {
        return Err(format!(
            "anchor {:?} is not an id in this plan",
            cite.anchor
        ));
    }
    let key = quote_key(&cite.quote);
    if key.is_empty() {
        return Err("the quote is empty".into());
    }
    body.blocks
        .iter()
        .filter(|b| b.id == cite.anchor || b.ancestors.contains(&cite.anchor))
        .filter(|b| quote_key(&b.text).contains(&key))
        .min_by_key(|b| b.text.len())
        .map(|b| b.id.clone())
        .ok_or_else(|| {
            format!(
                "the quote {:?} is not in section {:?}",
                cite.quote, cite.anchor
            )
        })
}

fn check_links(plans: &[Plan], problems: &mut Problems) {
    for plan in plans {
        for link in &plan.body.links {
            let target = match &link.slug {
                None => Some(plan),
                Some(s) => plans.iter().find(|p| &p.slug == s),
            };
            match (target, &link.anchor) {
                (None, _) => problems.add(
                    &plan.path,
                    Some(link.line),
                    format!(
                        "link to a plan that does not exist: {}.md",
                        link.slug.as_deref().unwrap_or("")
                    ),
                ),
                (Some(t), Some(a)) if !t.body.has_id(a) => problems.add(
                    &plan.path,
                    Some(link.line),
                    format!(
                        "link to an anchor that does not exist: #{a} in {}.md",
                        t.slug
                    ),
                ),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let (fm, body, line) = split_front_matter("+++\na = 1\nb = 2\n+++\n\n# T\n").unwrap();
        assert_eq!(fm, "a = 1\nb = 2\n");
        assert_eq!(body, "\n# T\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("a = 1\n").is_err());
        assert!(split_front_matter("+++\na = 1\n").is_err());
    }
}
