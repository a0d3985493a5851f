//! Meeting-quality frames (`content/frames/<id>.toml`): each read by
//! `core::frame` and every problem reported at its line, as rule sets are.
//! A frame cites no plan (it is a locality's own document), so it carries
//! its source instead of citations.

use crate::locate::{Locator, steps_of};
use crate::problem::Problem;
use crate::source::{named_files, parse_toml, read_text};
use bontot_core::frame::{Frame, FrameFile, parse};
use bontot_core::model::check_note_url;
use std::path::Path;

/// Loads every frame under `dir` (which may be missing: a site need not
/// publish one), sorted by id.
pub fn load(dir: &Path, problems: &mut Vec<Problem>) -> Vec<Frame> {
    let mut out = Vec::new();
    for (id, path) in named_files(dir, "toml", "an-phu.toml", problems) {
        if let Some(f) = load_one(&id, &path, problems) {
            out.push(f);
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// One frame file: a TOML or type error at its line, then every check of
/// `core::frame::parse` at the line of the value it names.
pub fn load_one(id: &str, path: &Path, problems: &mut Vec<Problem>) -> Option<Frame> {
    let src = read_text(path, problems)?;
    let file: FrameFile = parse_toml(&src, path, 0, problems)?;
    let locator = Locator::new(&src);
    let mut ok = true;
    if let Some(url) = &file.source.url
        && let Err(msg) = check_note_url(url)
    {
        let steps = steps_of("source.url");
        problems.push(Problem::new(path, locator.line(&steps), msg));
        ok = false;
    }
    match parse(id, file) {
        Ok(frame) if ok => Some(frame),
        Ok(_) => None,
        Err(found) => {
            for p in found {
                let steps = steps_of(&p.path);
                problems.push(Problem::new(
                    path,
                    locator.line(&steps),
                    format!("{}: {}", p.path, p.message),
                ));
            }
            None
        }
    }
}
