//! Reading the files under `content/`: text (UTF-8 checked, normalised),
//! TOML, folder listings and `+++` front matter. Every failure is a
//! problem that names its file and, where there is one, its line.

use crate::problem::{Problem, line_of};
use bontot_core::text::{is_nfc, slugify};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

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
pub fn load_toml<T: DeserializeOwned>(
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Option<(T, String)> {
    let text = read_text(path, problems)?;
    parse_toml(&text, path, 0, problems).map(|v| (v, text))
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

/// Asks the kernel, from a thread of its own, to start reading `paths`
/// into memory: files not cached yet are then read from disk while plans
/// are processed, instead of each read stopping a worker. Only a hint.
pub fn prefetch(paths: Vec<PathBuf>) {
    std::thread::spawn(move || {
        for path in paths {
            if let Ok(f) = std::fs::File::open(&path) {
                let _ = rustix::fs::fadvise(&f, 0, None, rustix::fs::Advice::WillNeed);
            }
        }
    });
}

/// The files of `dir` ending in `.ext`, each with its id (the name
/// without the extension), which must be a slug: another name is a
/// problem, with `example` as a good one. A missing `dir` has none (a site
/// need not publish such files); a folder's README is its guide, not one.
pub fn named_files(
    dir: &Path,
    ext: &str,
    example: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(String, PathBuf)> {
    if !dir.try_exists().unwrap_or(false) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for path in files_with_ext(dir, ext, problems) {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if id.eq_ignore_ascii_case("readme") {
            continue;
        }
        if id.is_empty() || slugify(&id) != id {
            problems.push(Problem::new(
                &path,
                None,
                format!("name the file with lowercase ASCII words and dashes, like `{example}`"),
            ));
            continue;
        }
        out.push((id, path));
    }
    out
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

    #[test]
    fn named_files_are_slugs_and_the_others_are_named() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["an-phu.toml", "An Phu.toml", "README.toml", "ghi-chu.md"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let mut problems = Vec::new();
        let found = named_files(dir.path(), "toml", "an-phu.toml", &mut problems);
        let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["an-phu"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = problems[0].to_string();
        assert!(
            p.contains("An Phu.toml") && p.contains("like `an-phu.toml`"),
            "{p}"
        );
        // A folder a site does not have: nothing, and no problem.
        let missing = named_files(&dir.path().join("khung"), "toml", "x.toml", &mut problems);
        assert!(missing.is_empty() && problems.len() == 1);
    }
}
