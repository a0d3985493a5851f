//! Loads `content/rules/<slug>.toml` and checks it against its plan:
//! structure (core::rules::validate), units, and every citation and quoted
//! threshold against the plan's text. The rule set comes back with each
//! citation pointing at its exact paragraph.

use crate::citations::{resolve_cite, resolve_in_place};
use crate::locate::{Locator, Step};
use crate::markdown::Rendered;
use crate::problem::Problem;
use crate::schema::{parse_all, rule_set};
use crate::source::read_text;
use bontot_core::check::Checked;
use bontot_core::model::{Cite, FrontMatter};
use bontot_core::rules::{PathStep, RuleSet, validate};
use bontot_core::text::quote_key;
use std::path::Path;

fn steps(path: &[PathStep]) -> Vec<Step<'static>> {
    path.iter()
        .map(|p| match p {
            PathStep::Key(k) => Step::Key(k),
            PathStep::Index(i) => Step::Index(*i),
        })
        .collect()
}

/// Reads and checks the rule set of plan `slug`; `None` (with problems
/// recorded) when anything is wrong.
pub fn load(
    path: &Path,
    slug: &str,
    fm: &FrontMatter,
    body: &Rendered,
    problems: &mut Vec<Problem>,
) -> Option<Checked> {
    let src = read_text(path, problems)?;
    let mut rules: RuleSet = parse_all(&src, path, 0, rule_set(), problems)?;
    let mut found = check(&mut rules, slug, fm, body);
    match validate(rules) {
        Ok(checked) if found.is_empty() => return Some(checked),
        Ok(_) => {}
        Err(more) => found.extend(more.into_iter().map(|p| (p.path, p.message))),
    }
    let loc = Locator::new(&src);
    for (p, msg) in found {
        problems.push(Problem::new(path, loc.line(&steps(&p)), msg));
    }
    None
}

/// Every problem but `validate`'s, as (path in the file, message);
/// resolves citations.
fn check(
    rules: &mut RuleSet,
    slug: &str,
    fm: &FrontMatter,
    body: &Rendered,
) -> Vec<(Vec<PathStep>, String)> {
    use PathStep::{Index, Key};
    let mut found: Vec<(Vec<PathStep>, String)> = Vec::new();
    if rules.plan != slug {
        found.push((
            vec![Key("plan")],
            format!("`plan` is {:?} but the file is for {slug:?}", rules.plan),
        ));
    }
    for (i, u) in rules.units.iter().enumerate() {
        if !fm.units.contains(u) {
            found.push((
                vec![Key("units"), Index(i)],
                format!("the plan does not cover {:?} (its `units`)", u.id()),
            ));
        }
    }
    // The threshold's words must be the plan's own, in the cited paragraph.
    for (i, ind) in rules.indicators.iter().enumerate() {
        if let (Some(words), Ok(block)) = (&ind.test.words, resolve_cite(body, &ind.cite, slug)) {
            let text = body
                .blocks
                .iter()
                .find(|b| b.id == block)
                .map(|b| b.text.as_str())
                .unwrap_or_default();
            if !quote_key(text).contains(&quote_key(words)) {
                found.push((
                    vec![Key("indicators"), Index(i), Key("test"), Key("words")],
                    format!("the words {words:?} are not in the cited paragraph ({block})"),
                ));
            }
        }
    }
    // A reading's words are the plan's own, in its cited paragraph.
    for (i, g) in rules.readings.iter().enumerate() {
        if let Ok(block) = resolve_cite(body, &g.cite, slug) {
            let text = body
                .blocks
                .iter()
                .find(|b| b.id == block)
                .map(|b| b.text.as_str())
                .unwrap_or_default();
            if !quote_key(text).contains(&quote_key(&g.words)) {
                found.push((
                    vec![Key("readings"), Index(i), Key("words")],
                    format!(
                        "the words {:?} are not in the cited paragraph ({block})",
                        g.words
                    ),
                ));
            }
        }
    }
    let mut cite = |c: &mut Cite, p: Vec<PathStep>| {
        if let Err(msg) = resolve_in_place(body, c, slug) {
            found.push((p, msg));
        }
    };
    for (i, n) in rules.notices.iter_mut().enumerate() {
        if let Some(c) = &mut n.cite {
            cite(c, vec![Key("notices"), Index(i), Key("cite")]);
        }
    }
    for (i, c) in rules.criteria.iter_mut().enumerate() {
        cite(&mut c.cite, vec![Key("criteria"), Index(i), Key("cite")]);
    }
    if let Some(c) = &mut rules.verdict.cite {
        cite(c, vec![Key("verdict"), Key("cite")]);
    }
    for (i, r) in rules.classify.iter_mut().enumerate() {
        cite(&mut r.cite, vec![Key("classify"), Index(i), Key("cite")]);
    }
    for (i, r) in rules.rewards.iter_mut().enumerate() {
        cite(&mut r.cite, vec![Key("rewards"), Index(i), Key("cite")]);
    }
    for (i, g) in rules.readings.iter_mut().enumerate() {
        cite(&mut g.cite, vec![Key("readings"), Index(i), Key("cite")]);
    }
    for (i, ind) in rules.indicators.iter_mut().enumerate() {
        cite(
            &mut ind.cite,
            vec![Key("indicators"), Index(i), Key("cite")],
        );
    }
    found
}
