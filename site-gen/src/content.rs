//! Loads and checks everything under `content/`: every problem is collected
//! with its file and line before anything is committed.
//!
//! Plans are loaded in parallel and streamed: each plan's rendered body is
//! handed to a sink (the plan page writer) and then dropped, so memory holds
//! only the small per-plan facts other pages need, whatever the corpus size.

use crate::citations::resolve_in_place;
use crate::glossary::Abbreviations;
use crate::locate::{Locator, Step};
use crate::markdown::{self, Rendered};
use crate::model::{Content, Plan, id_hash};
use crate::problem::{Problem, Problems};
use crate::schema::{front_matter, parse_all};
use crate::source::{files_with_ext, load_toml, prefetch, read_text, split_front_matter};
use crate::spill::{Deadlines, Entry};
use bontot_core::model::{FrontMatter, Glossary, Site, check_base_url, check_note_url, check_url};
use bontot_core::text::slugify;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Moves the plan's deadlines into `store`.
pub fn spill_deadlines(plan: &mut Plan, store: &Deadlines) -> std::io::Result<()> {
    let first_year = plan.first_year();
    for (i, d) in std::mem::take(&mut plan.fm.deadlines)
        .into_iter()
        .enumerate()
    {
        store.add(&Entry {
            plan: plan.index as u32,
            slug: plan.slug.clone(),
            locality: plan.fm.locality.clone(),
            title: plan.fm.title.clone(),
            first_year,
            number: i as u16 + 1,
            deadline: d,
        })?;
    }
    Ok(())
}

/// Called with each plan and its rendered body while the body is in memory.
pub type Sink<'a> = dyn Fn(&Site, &Plan, &Rendered) -> std::io::Result<()> + Sync + 'a;

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
                            && let Err(e) = spill_deadlines(&mut plan, store)
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
    check_links(&plans.iter().collect::<Vec<_>>(), &mut problems);
    let national = crate::national::load(&dir.join("national"), &abbr, &mut problems);
    let frames = crate::frames::load(&dir.join("frames"), &mut problems);
    let templates = crate::dossier::load_templates(&dir.join("dossier").join("mau"), &mut problems);
    for p in &plans {
        if let Some(d) = &p.dossier {
            let path = dir.join("dossier").join(format!("{}.toml", p.slug));
            crate::dossier::check_templates(&path, d, &templates, &mut problems);
        }
    }
    let dossier_dir = dir.join("dossier");
    if dossier_dir.try_exists().unwrap_or(false) {
        for path in files_with_ext(&dossier_dir, "toml", &mut problems) {
            let slug = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !slugs.contains_key(&slug) {
                problems.push(Problem::new(
                    &path,
                    None,
                    format!("no plan `plans/{slug}.md` for this dossier file"),
                ));
            }
        }
    }
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
    // Allowed, but a reader would find no calculator for the plan.
    let mut warnings = Vec::new();
    for p in plans.iter().filter(|p| p.rules.is_none()) {
        let rules = rules_dir.join(format!("{}.toml", p.slug));
        if !rules.exists() {
            warnings.push(Problem::new(
                &p.path,
                None,
                format!(
                    "warning: no rule set rules/{}.toml: the plan is published without a calculator (no self-assessment page); write one to add it (see content/rules/README.md)",
                    p.slug
                ),
            ));
        }
    }
    let problems = Problems(problems);
    match (site, glossary) {
        (Some(site), Some(glossary)) => problems.into_result(Content {
            dir: dir.to_path_buf(),
            site,
            glossary,
            plans,
            national,
            frames,
            templates,
            warnings,
        }),
        _ => Err(problems.into_result(()).err().unwrap_or_default()),
    }
}

/// Loads again the plans at `changed` (positions in `c.plans`) whose file
/// or rule file changed, checking them as [`load`] does, and the links of
/// every plan against them. `sink` receives each plan with its body when
/// none of them has a problem. The plans come back in the order of
/// `changed`, whole: [`spill_deadlines`] (which reads what
/// `Plan::slim` drops), then `Plan::slim`, make them what [`load`]
/// keeps. `c` is not changed.
///
/// The site settings, glossary and national rules are taken as loaded:
/// a change to them is a full [`load`].
pub fn reload(c: &Content, changed: &[usize], sink: Option<&Sink>) -> Result<Vec<Plan>, Problems> {
    let abbr = Abbreviations::new(&c.glossary.terms);
    let rules_dir = c.dir.join("rules");
    let mut problems = Vec::new();
    let mut loaded = Vec::with_capacity(changed.len());
    let mut bodies = Vec::with_capacity(changed.len());
    for &i in changed {
        let old = &c.plans[i];
        if let Some((plan, body)) = load_plan(
            &old.path,
            &old.slug,
            old.index,
            &abbr,
            &rules_dir,
            &mut problems,
        ) {
            loaded.push(plan);
            bodies.push(body);
        }
    }
    {
        let mut all: Vec<&Plan> = c.plans.iter().collect();
        for (plan, &i) in loaded.iter().zip(changed) {
            all[i] = plan;
        }
        check_links(&all, &mut problems);
    }
    if !problems.is_empty() || loaded.len() != changed.len() {
        return Err(Problems(problems).into_result(()).err().unwrap_or_default());
    }
    for (plan, body) in loaded.iter_mut().zip(&bodies) {
        if let Some(sink) = sink {
            sink(&c.site, plan, body).map_err(|e| {
                Problems(vec![Problem::new(
                    &plan.path,
                    None,
                    format!("cannot write its page: {e}"),
                )])
            })?;
        }
    }
    Ok(loaded)
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
    let fm: Option<FrontMatter> = parse_all(fm_src, path, 1, front_matter(), problems);
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
    if let Some(p) = &fm.period
        && let Err(msg) = bontot_core::model::Period::parse(p)
    {
        found.push((vec![Step::Key("period")], msg));
    }
    for (i, b) in fm.bases.iter().enumerate() {
        if b.number.is_some() && b.kind.as_deref().is_none_or(|k| k.trim().is_empty()) {
            found.push((
                vec![Step::Key("bases"), Step::Index(i)],
                "a basis with a `number` needs its `kind` as the text writes it (\"Kế hoạch\", \"Nghị quyết\" …)".into(),
            ));
        }
    }
    if fm.unnumbered && fm.number.is_some() {
        found.push((
            vec![Step::Key("unnumbered")],
            "`unnumbered = true` says the document bears no number, but `number` is set: keep one of them".into(),
        ));
    }
    if fm.undated && fm.date.is_some() {
        found.push((
            vec![Step::Key("undated")],
            "`undated = true` says the document bears no date, but `date` is set: keep one of them"
                .into(),
        ));
    }
    if let Some(url) = &fm.source_url
        && let Err(msg) = check_url("`source_url`", url)
    {
        found.push((vec![Step::Key("source_url")], msg));
    }
    for (i, t) in fm.targets.iter_mut().enumerate() {
        if t.text.trim().is_empty() {
            found.push((
                vec![Step::Key("targets"), Step::Index(i), Step::Key("text")],
                "a target's `text` must not be empty".into(),
            ));
        }
        if let Err(msg) = resolve_in_place(&body, &mut t.cite, slug) {
            found.push((
                vec![Step::Key("targets"), Step::Index(i), Step::Key("cite")],
                msg,
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
        if let Err(msg) = resolve_in_place(&body, &mut d.cite, slug) {
            found.push((
                vec![Step::Key("deadlines"), Step::Index(i), Step::Key("cite")],
                msg,
            ));
        }
    }
    for (i, d) in fm.dossier.iter_mut().enumerate() {
        if let Err(msg) = resolve_in_place(&body, &mut d.cite, slug) {
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
    let dossier_path = rules_dir
        .with_file_name("dossier")
        .join(format!("{slug}.toml"));
    let dossier = crate::dossier::load_plan(&dossier_path, slug, &body, problems);
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
        dossier,
    };
    Some((plan, body))
}

fn check_links(plans: &[&Plan], problems: &mut Vec<Problem>) {
    for &plan in plans {
        for link in &plan.links {
            let target = match &link.slug {
                None => Some(plan),
                Some(s) => plans.iter().find(|p| &p.slug == s).copied(),
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
