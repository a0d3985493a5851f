//! Loads and checks everything under `content/`: every problem is collected
//! with its file and line before anything is committed.
//!
//! Plans are loaded in parallel and streamed: each plan's rendered body is
//! handed to a sink (the plan page writer) and then dropped, so memory holds
//! only the small per-plan facts other pages need, whatever the corpus size.

use crate::glossary::Abbreviations;
use crate::locate::{Locator, Step};
use crate::markdown::{self, LinkRef, Rendered};
use crate::problem::{Problem, Problems, line_of};
use crate::spill::{Deadlines, Entry};
use bontot_core::check::Checked;
use bontot_core::model::{Cite, FrontMatter, Glossary, Site, check_base_url, check_note_url};
use bontot_core::text::{is_nfc, quote_key, slugify};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// A plan once loaded. Every citation's `anchor` (front matter and rules)
/// has been resolved to the id of the exact paragraph that holds the quote.
pub struct Plan {
    pub slug: String,
    /// Position in the sorted list of plan files: the plan's page number
    /// in the search index.
    pub index: usize,
    pub path: PathBuf,
    pub fm: FrontMatter,
    /// The calculator's rule set, from `rules/<slug>.toml`, if there is one.
    pub rules: Option<Checked>,
    /// Sorted hashes of every id on the plan page, for checking links to it.
    ids: Vec<u64>,
    links: Vec<LinkRef>,
}

impl Plan {
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search(&id_hash(id)).is_ok()
    }

    /// Moves the deadlines into `store`.
    fn spill_deadlines(&mut self, store: &Deadlines) -> std::io::Result<()> {
        let first_year = crate::ics::first_year(self);
        for (i, d) in std::mem::take(&mut self.fm.deadlines)
            .into_iter()
            .enumerate()
        {
            store.add(&Entry {
                plan: self.index as u32,
                slug: self.slug.clone(),
                locality: self.fm.locality.clone(),
                title: self.fm.title.clone(),
                first_year,
                number: i as u16 + 1,
                deadline: d,
            })?;
        }
        Ok(())
    }

    /// Drops what only the plan's own page shows (written by now).
    fn slim(&mut self) {
        let fm = &mut self.fm;
        fm.bases = Vec::new();
        fm.dossier = Vec::new();
        fm.summary = None;
        fm.signer = None;
        fm.source = None;
        fm.place = None;
        self.links.shrink_to_fit();
    }
}

/// A fixed hasher, so id hashes are the same in every run.
fn id_hash(id: &str) -> u64 {
    std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
        .hash_one(id)
}

pub struct Content {
    pub dir: PathBuf,
    pub site: Site,
    pub glossary: Glossary,
    pub plans: Vec<Plan>,
}

/// Called with each plan and its rendered body while the body is in memory.
pub type Sink<'a> = dyn Fn(&Site, &Plan, &Rendered) -> std::io::Result<()> + Sync + 'a;

/// Reads a text file: UTF-8 checked (the error names the line), BOM
/// dropped, CRLF made LF, and NFC-normalised.
pub fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => text_from_bytes(path, bytes, problems),
        Err(e) => {
            problems.push(Problem::new(path, None, format!("cannot read: {e}")));
            None
        }
    }
}

/// Bytes of `path` as text (see `read_text`).
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>, problems: &mut Vec<Problem>) -> Option<String> {
    // simdutf8 validates several times faster than the standard library on
    // Vietnamese text; the standard library then finds where it went wrong.
    let Ok(valid) = simdutf8::basic::from_utf8(&bytes) else {
        let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        problems.push(Problem::new(
            path,
            Some(line),
            "not valid UTF-8 text: save the file as UTF-8",
        ));
        return None;
    };
    let mut text = valid.strip_prefix('\u{feff}').unwrap_or(valid).to_owned();
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    if !is_nfc(&text) {
        text = text.nfc().collect();
    }
    Some(text)
}

/// Parses TOML into `T`, reporting a problem at the right line of `path`.
/// `line_offset` is the file line of the TOML's first line, minus one.
pub fn parse_toml<T: DeserializeOwned>(
    src: &str,
    path: &Path,
    line_offset: usize,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match toml::from_str::<T>(src) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e.span().map(|s| line_of(src, s.start) + line_offset);
            let msg = e.message().trim().replace('\n', " ");
            problems.push(Problem::new(path, line, msg));
            None
        }
    }
}

/// A TOML file parsed into `T`, with its text (to locate later checks).
fn load_toml<T: DeserializeOwned>(path: &Path, problems: &mut Vec<Problem>) -> Option<(T, String)> {
    let text = read_text(path, problems)?;
    parse_toml(&text, path, 0, problems).map(|v| (v, text))
}

/// Loads everything; `sink` receives each plan with its body (it is not
/// called when the site settings themselves are broken). After the sink,
/// each plan keeps only what other pages need, and its deadlines go to
/// `deadlines` when a store is given.
pub fn load(
    dir: &Path,
    sink: Option<&Sink>,
    deadlines: Option<&Deadlines>,
) -> Result<Content, Problems> {
    let mut problems = Vec::new();
    let site_path = dir.join("site.toml");
    let site: Option<Site> = load_toml(&site_path, &mut problems).map(|(site, src)| {
        check_site(&site, &src, &site_path, &mut problems);
        site
    });
    let glossary_path = dir.join("glossary.toml");
    let glossary: Option<Glossary> =
        load_toml(&glossary_path, &mut problems).map(|(glossary, src)| {
            check_glossary(&glossary, &src, &glossary_path, &mut problems);
            glossary
        });
    let abbr = Abbreviations::new(glossary.as_ref().map(|g| g.terms.as_slice()).unwrap_or(&[]));

    let mut files = Vec::new();
    let mut slugs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in files_with_ext(&dir.join("plans"), "md", &mut problems) {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let slug = slugify(&stem);
        if slug.is_empty() {
            problems.push(Problem::new(
                &path,
                None,
                "the file name gives an empty slug: name it like `son-la.md`",
            ));
        } else if let Some(other) = slugs.get(&slug) {
            let msg = format!(
                "duplicate slug {slug:?}: {} has the same one",
                other.display()
            );
            problems.push(Problem::new(&path, None, msg));
        } else {
            slugs.insert(slug.clone(), path.clone());
            files.push((path, slug));
        }
    }
    prefetch(files.iter().map(|(path, _)| path.clone()).collect());
    let rules_dir = dir.join("rules");
    let sink = site.as_ref().zip(sink);
    let loaded: Vec<(Option<Plan>, Vec<Problem>)> = files
        .par_iter()
        .enumerate()
        .map(|(index, (path, slug))| {
            let mut found = Vec::new();
            let plan = load_plan(path, slug, index, &abbr, &rules_dir, &mut found).map(
                |(mut plan, body)| {
                    if found.is_empty()
                        && let Some((site, sink)) = sink
                    {
                        if let Err(e) = sink(site, &plan, &body) {
                            found.push(Problem::new(
                                path,
                                None,
                                format!("cannot write its page: {e}"),
                            ));
                        }
                        // The page is written: keep only what other pages need.
                        if let Some(store) = deadlines
                            && let Err(e) = plan.spill_deadlines(store)
                        {
                            found.push(Problem::new(
                                path,
                                None,
                                format!("cannot set its deadlines aside: {e}"),
                            ));
                        }
                        plan.slim();
                    }
                    plan
                },
            );
            (plan, found)
        })
        .collect();
    let mut plans = Vec::with_capacity(loaded.len());
    for (plan, found) in loaded {
        problems.extend(found);
        plans.extend(plan);
    }
    if plans.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            &dir.join("plans"),
            None,
            "no plans: add at least one `<slug>.md`",
        ));
    }
    check_links(&plans, &mut problems);
    // Rule sets without a plan file.
    let rules_dir_exists = rules_dir.try_exists().unwrap_or_else(|e| {
        problems.push(Problem::new(&rules_dir, None, format!("cannot read: {e}")));
        false
    });
    if rules_dir_exists {
        for path in files_with_ext(&rules_dir, "toml", &mut problems) {
            let slug = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !slugs.contains_key(&slug) {
                problems.push(Problem::new(
                    &path,
                    None,
                    format!("no plan `plans/{slug}.md` for this rule set"),
                ));
            }
        }
    }
    let problems = Problems(problems);
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

/// Asks the kernel, from a thread of its own, to start reading `paths`
/// into memory: files not cached yet are then read from disk while plans
/// are processed, instead of each read stopping a worker. Only a hint.
fn prefetch(paths: Vec<PathBuf>) {
    std::thread::spawn(move || {
        for path in paths {
            if let Ok(f) = std::fs::File::open(&path) {
                let _ = rustix::fs::fadvise(&f, 0, None, rustix::fs::Advice::WillNeed);
            }
        }
    });
}

/// Files in `dir` with extension `ext`, sorted by name.
pub fn files_with_ext(dir: &Path, ext: &str, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem::new(
                dir,
                None,
                format!("cannot read the folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        // An entry that cannot be read would otherwise drop a plan unseen.
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                problems.push(Problem::new(
                    dir,
                    None,
                    format!("cannot read the folder: {err}"),
                ));
                continue;
            }
        };
        if Path::new(&e.file_name()).extension() != Some(ext.as_ref()) {
            continue;
        }
        // The entry's type comes with the listing; only a link is followed.
        let is_file = match e.file_type() {
            Ok(t) if t.is_symlink() => std::fs::metadata(e.path()).map(|m| m.is_file()),
            Ok(t) => Ok(t.is_file()),
            Err(err) => Err(err),
        };
        match is_file {
            Ok(true) => files.push(e.path()),
            Ok(false) => {}
            Err(err) => problems.push(Problem::new(&e.path(), None, format!("cannot read: {err}"))),
        }
    }
    files.sort();
    files
}

/// `site.toml`'s checks after parsing: `base_url` (see
/// `model::check_base_url`).
fn check_site(site: &Site, src: &str, path: &Path, problems: &mut Vec<Problem>) {
    if let Some(url) = &site.base_url
        && let Err(msg) = check_base_url(url)
    {
        let line = Locator::new(src).line(&[Step::Key("base_url")]);
        problems.push(Problem::new(path, line, msg));
    }
}

fn check_glossary(g: &Glossary, src: &str, path: &Path, problems: &mut Vec<Problem>) {
    let loc = Locator::new(src);
    let mut seen = BTreeMap::new();
    for (i, t) in g.terms.iter().enumerate() {
        let line = loc.line(&[Step::Key("terms"), Step::Index(i), Step::Key("abbr")]);
        if t.abbr.trim().is_empty() || t.expansion.trim().is_empty() {
            problems.push(Problem::new(
                path,
                line,
                "a term needs a non-empty `abbr` and `expansion`",
            ));
        }
        if let Some(first) = seen.insert(t.abbr.clone(), line) {
            let msg = format!(
                "{:?} is listed twice (first on line {})",
                t.abbr,
                first.unwrap_or(0)
            );
            problems.push(Problem::new(path, line, msg));
        }
    }
}

/// Splits `+++` front matter from the body: (front matter, body, body's first line).
pub fn split_front_matter(text: &str) -> Result<(&str, &str, usize), &'static str> {
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
    slug: &str,
    index: usize,
    abbr: &Abbreviations,
    rules_dir: &Path,
    problems: &mut Vec<Problem>,
) -> Option<(Plan, Rendered)> {
    let text = read_text(path, problems)?;
    plan_from_text(path, &text, slug, index, abbr, rules_dir, problems)
}

/// A plan from its text (front matter and Markdown); its rule set is read
/// from `rules_dir` if there is one. Used by the loader and the fuzzer.
pub fn plan_from_text(
    path: &Path,
    text: &str,
    slug: &str,
    index: usize,
    abbr: &Abbreviations,
    rules_dir: &Path,
    problems: &mut Vec<Problem>,
) -> Option<(Plan, Rendered)> {
    let (fm_src, body_src, body_line) = match split_front_matter(text) {
        Ok(parts) => parts,
        Err(msg) => {
            problems.push(Problem::new(path, Some(1), msg));
            return None;
        }
    };
    let fm: Option<FrontMatter> = parse_toml(fm_src, path, 1, problems);
    let body = markdown::render(body_src, body_line, abbr);
    for (line, msg) in &body.problems {
        problems.push(Problem::new(path, Some(*line), msg.clone()));
    }
    let mut fm = fm?;
    let mut found: Vec<(Vec<Step>, String)> = Vec::new();
    if fm.units.is_empty() {
        found.push((
            vec![Step::Key("units")],
            "`units` must name at least one of \"chi-bo\", \"dang-bo\"".into(),
        ));
    }
    for (key, value) in [
        ("title", &fm.title),
        ("locality", &fm.locality),
        ("issuer", &fm.issuer),
        ("level", &fm.level),
        ("movement", &fm.movement),
    ] {
        if value.trim().is_empty() {
            found.push((vec![Step::Key(key)], format!("`{key}` must not be empty")));
        }
    }
    for (i, b) in fm.bases.iter().enumerate() {
        if b.number.is_some() && b.kind.as_deref().is_none_or(|k| k.trim().is_empty()) {
            found.push((
                vec![Step::Key("bases"), Step::Index(i)],
                "a basis with a `number` needs its `kind` as the text writes it (\"Kế hoạch\", \"Nghị quyết\" …)".into(),
            ));
        }
    }
    for (i, n) in fm.notes.iter().enumerate() {
        let at = |key| vec![Step::Key("notes"), Step::Index(i), Step::Key(key)];
        for (key, value) in [("text", &n.text), ("source", &n.source)] {
            if value.trim().is_empty() {
                found.push((at(key), format!("a note's `{key}` must not be empty")));
            }
        }
        if let Some(url) = &n.url
            && let Err(msg) = check_note_url(url)
        {
            found.push((at("url"), msg));
        }
    }
    for (i, d) in fm.deadlines.iter_mut().enumerate() {
        if let Err(msg) = d.when() {
            found.push((vec![Step::Key("deadlines"), Step::Index(i)], msg.into()));
        }
        if let Err(msg) = resolve_in_place(&body, &mut d.cite) {
            found.push((
                vec![Step::Key("deadlines"), Step::Index(i), Step::Key("cite")],
                msg,
            ));
        }
    }
    for (i, d) in fm.dossier.iter_mut().enumerate() {
        if let Err(msg) = resolve_in_place(&body, &mut d.cite) {
            found.push((
                vec![Step::Key("dossier"), Step::Index(i), Step::Key("cite")],
                msg,
            ));
        }
    }
    if !found.is_empty() {
        // Parsed again, with spans, only to name the lines of problems.
        let loc = Locator::new(fm_src);
        for (steps, msg) in found {
            problems.push(Problem::new(path, loc.line(&steps).map(|l| l + 1), msg));
        }
    }
    let rules_path = rules_dir.join(format!("{slug}.toml"));
    let rules = match std::fs::metadata(&rules_path) {
        Ok(m) if m.is_file() => crate::rules::load(&rules_path, slug, &fm, &body, problems),
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        // Not silently a plan without its calculator.
        Err(e) => {
            problems.push(Problem::new(&rules_path, None, format!("cannot read: {e}")));
            None
        }
    };
    let plan = Plan {
        slug: slug.to_string(),
        index,
        path: path.to_path_buf(),
        ids: {
            let mut ids: Vec<u64> = body.blocks.iter().map(|b| id_hash(&b.id)).collect();
            ids.sort_unstable();
            ids
        },
        links: body.links.clone(),
        fm,
        rules,
    };
    Some((plan, body))
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
    body.within(&cite.anchor)
        .map(|(i, b)| (b, body.key(i)))
        .filter(|(_, k)| k.contains(&key))
        .min_by_key(|(_, k)| k.len())
        .map(|(b, _)| b.id.clone())
        .ok_or_else(|| {
            format!(
                "the quote {:?} is not in section {:?}",
                cite.quote, cite.anchor
            )
        })
}

/// Resolves a citation and points its anchor at the exact paragraph.
pub fn resolve_in_place(body: &Rendered, cite: &mut Cite) -> Result<(), String> {
    cite.anchor = resolve_cite(body, cite)?;
    Ok(())
}

fn check_links(plans: &[Plan], problems: &mut Vec<Problem>) {
    for plan in plans {
        for link in &plan.links {
            let target = match &link.slug {
                None => Some(plan),
                Some(s) => plans.iter().find(|p| &p.slug == s),
            };
            let msg = match (target, &link.anchor) {
                (None, _) => format!(
                    "link to a plan that does not exist: {}.md",
                    link.slug.as_deref().unwrap_or("")
                ),
                (Some(t), Some(a)) if !t.has_id(a) => {
                    format!(
                        "link to an anchor that does not exist: #{a} in {}.md",
                        t.slug
                    )
                }
                _ => continue,
            };
            problems.push(Problem::new(&plan.path, Some(link.line), msg));
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

    #[test]
    fn reads_crlf_bom_and_decomposed_text() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        let nfd: String = "Đảng viên".nfd().collect();
        std::fs::write(&p, format!("\u{feff}a\r\n{nfd}\r\n")).unwrap();
        let mut problems = Vec::new();
        assert_eq!(read_text(&p, &mut problems).unwrap(), "a\nĐảng viên\n");
        assert!(problems.is_empty());
    }
}
