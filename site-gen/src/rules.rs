//! Loads `content/rules/<slug>.toml` and checks each rule set against its
//! plan: structure (core::rules::validate), units, and every citation and
//! quoted threshold against the plan's text.

use crate::content::{Plan, files_with_ext, parse_toml, read_text, resolve_cite};
use crate::locate::{Locator, Step};
use crate::problem::Problems;
use bontot_core::model::Cite;
use bontot_core::rules::{PathStep, RuleSet, validate};
use bontot_core::text::quote_key;
use std::path::Path;

pub fn load_all(dir: &Path, plans: &mut [Plan], problems: &mut Problems) {
    if !dir.exists() {
        return;
    }
    for path in files_with_ext(dir, "toml", problems) {
        let slug = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(plan) = plans.iter_mut().find(|p| p.slug == slug) else {
            // A plan that failed to load has its own problems reported.
            if !dir
                .with_file_name("plans")
                .join(format!("{slug}.md"))
                .exists()
            {
                problems.add(
                    &path,
                    None,
                    format!("no plan `plans/{slug}.md` for this rule set"),
                );
            }
            continue;
        };
        let Some(src) = read_text(&path, problems) else {
            continue;
        };
        let Some(rules) = parse_toml::<RuleSet>(&src, &path, 0, problems) else {
            continue;
        };
        let before = problems.0.len();
        check(&rules, plan, &src, &path, problems);
        if problems.0.len() == before {
            plan.rules = Some(rules);
        }
    }
}

fn steps(path: &[PathStep]) -> Vec<Step<'static>> {
    path.iter()
        .map(|p| match p {
            PathStep::Key(k) => Step::Key(k),
            PathStep::Index(i) => Step::Index(*i),
        })
        .collect()
}

fn check(rules: &RuleSet, plan: &Plan, src: &str, path: &Path, problems: &mut Problems) {
    use PathStep::{Index, Key};
    let mut found: Vec<(Vec<PathStep>, String)> = Vec::new();
    let mut at = |p: &[PathStep], msg: String| found.push((p.to_vec(), msg));
    if rules.plan != plan.slug {
        at(
            &[Key("plan")],
            format!(
                "`plan` is {:?} but the file is for {:?}",
                rules.plan, plan.slug
            ),
        );
    }
    for (i, u) in rules.units.iter().enumerate() {
        if !plan.fm.units.contains(u) {
            at(
                &[Key("units"), Index(i)],
                format!("the plan does not cover {:?} (its `units`)", u.id()),
            );
        }
    }
    for p in validate(rules) {
        at(&p.path, p.message);
    }
    let cite = |c: &Cite, p: Vec<PathStep>, at: &mut dyn FnMut(&[PathStep], String)| {
        if let Err(msg) = resolve_cite(&plan.body, c) {
            at(&p, msg);
        }
    };
    for (i, n) in rules.notices.iter().enumerate() {
        if let Some(c) = &n.cite {
            cite(c, vec![Key("notices"), Index(i), Key("cite")], &mut at);
        }
    }
    for (i, c) in rules.criteria.iter().enumerate() {
        cite(
            &c.cite,
            vec![Key("criteria"), Index(i), Key("cite")],
            &mut at,
        );
    }
    if let Some(c) = &rules.verdict.cite {
        cite(c, vec![Key("verdict"), Key("cite")], &mut at);
    }
    for (i, r) in rules.classify.iter().enumerate() {
        cite(
            &r.cite,
            vec![Key("classify"), Index(i), Key("cite")],
            &mut at,
        );
    }
    for (i, r) in rules.rewards.iter().enumerate() {
        cite(
            &r.cite,
            vec![Key("rewards"), Index(i), Key("cite")],
            &mut at,
        );
    }
    for (i, ind) in rules.indicators.iter().enumerate() {
        cite(
            &ind.cite,
            vec![Key("indicators"), Index(i), Key("cite")],
            &mut at,
        );
        // The threshold's words must be the plan's own, in the cited block.
        if let (Some(words), Ok(block)) = (&ind.test.words, resolve_cite(&plan.body, &ind.cite)) {
            let text = plan
                .body
                .blocks
                .iter()
                .find(|b| b.id == block)
                .map(|b| quote_key(&b.text))
                .unwrap_or_default();
            if !text.contains(&quote_key(words)) {
                at(
                    &[Key("indicators"), Index(i), Key("test"), Key("words")],
                    format!("the words {words:?} are not in the cited paragraph ({block})"),
                );
            }
        }
    }
    let loc = Locator::new(src);
    for (p, msg) in found {
        problems.add(path, loc.line(&steps(&p)), msg);
    }
}
