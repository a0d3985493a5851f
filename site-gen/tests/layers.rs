//! site-gen's modules run one way: reading sources, Markdown, citations,
//! rule files, the content model and its loader know nothing of the pages,
//! the calendar, the search index, offline use or the build that runs
//! them. This reads every `crate::` path in `src/` and fails on one that
//! points up or sideways, or at a module missing from the table.

use std::collections::BTreeSet;
use std::path::Path;

/// From the bottom up: a module may use only modules of lower rows.
const LAYERS: &[&[&str]] = &[
    // Helpers with no place in the pipeline's order.
    &[
        "problem", "escape", "html", "icon", "target", "glossary", "routes",
        // `init`'s starter files, built into the binary.
        "starter",
    ],
    &["locate", "cleanup"],
    &["output"],
    &["spill"],
    // `rules`, `template` and `assess` read rule sets through core.
    &["batch"],
    // Reading and checking the content.
    &["source"],
    &["markdown"],
    &["citations"],
    &["schema", "anchors"],
    &["rules", "national", "frames", "dossier"],
    &["model"],
    &["content"],
    // What reads the model: pages, calendar, search index, offline.
    &["deadline"],
    &["ics"],
    &["pages", "search", "offline", "sitemap", "app", "coverage"],
    &["build"],
    // `site-gen serve`: runs the build again on every change.
    &["serve"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&module))
}

/// The modules a text names as `crate::x` or in `crate::{x, y::z}`.
fn crate_refs(text: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => return true,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    false
                })
                .map_or(group.len(), |(j, _)| j);
            let mut depth = 0;
            let mut start = 0;
            for (j, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
            found.insert(ident(&group[start..end]));
        } else {
            found.insert(ident(rest));
        }
    }
    found.remove("");
    found.remove("self");
    found
}

/// Every source file under `dir` with its module (the first path part
/// under `src/`), comment lines left out.
fn sources(src: &Path, dir: &Path, out: &mut Vec<(String, String, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            sources(src, &path, out);
            continue;
        }
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap();
        let first = rel.components().next().unwrap().as_os_str();
        let module = Path::new(first)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let code: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect();
        out.push((rel.display().to_string(), module, code));
    }
}

#[test]
fn the_scan_sees_every_form_of_import() {
    let text = "use crate::a::B;\nuse crate::{b, c::{D, E}, self};\nlet x = crate::d::f();\n";
    assert_eq!(
        crate_refs(text),
        ["a", "b", "c", "d"].map(String::from).into()
    );
}

#[test]
fn modules_use_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for (file, module, code) in &files {
        // The binary and the list of modules are above every layer.
        if module == "main" || module == "lib" {
            continue;
        }
        seen.insert(module.clone());
        let Some(own) = layer_of(module) else {
            wrong.push(format!("{file}: module `{module}` is not in LAYERS"));
            continue;
        };
        for used in crate_refs(code) {
            if used == *module {
                continue;
            }
            match layer_of(&used) {
                Some(l) if l < own => {}
                Some(_) => wrong.push(format!(
                    "{file}: `{module}` uses `{used}`, which is not below it"
                )),
                None => wrong.push(format!("{file}: uses `{used}`, not in LAYERS")),
            }
        }
    }
    for row in LAYERS {
        for m in *row {
            if !seen.contains(*m) {
                wrong.push(format!("LAYERS names `{m}`, which is not in src/"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
