//! `site-gen init FOLDER`: a starter site, so that a publisher with only
//! the binary has a valid content folder to edit. Its files are the
//! repository's own (`content/`), built into the binary; a test builds
//! the starter, so the example stays valid as the content evolves.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The starter's files: path inside the new folder, text.
const FILES: &[(&str, &str)] = &[
    ("content/site.toml", include_str!("../../content/site.toml")),
    (
        "content/glossary.toml",
        include_str!("../../content/glossary.toml"),
    ),
    ("content/README.md", include_str!("../../content/README.md")),
    (
        "content/plans/binh-tan.md",
        include_str!("../../content/plans/binh-tan.md"),
    ),
    (
        "content/rules/binh-tan.toml",
        include_str!("../../content/rules/binh-tan.toml"),
    ),
    (
        "content/rules/README.md",
        include_str!("../../content/rules/README.md"),
    ),
    (
        "content/national/README.md",
        include_str!("../../content/national/README.md"),
    ),
    (
        "content/national/qd-366.md",
        include_str!("../../content/national/qd-366.md"),
    ),
    (
        "content/national/qd-366.toml",
        include_str!("../../content/national/qd-366.toml"),
    ),
];

/// The address the starter's `site.toml` gives, to be replaced.
pub const PLACEHOLDER_URL: &str = "https://example.com/";

/// A file's text in the starter: the repository's, with the published
/// address replaced by a placeholder in `site.toml`.
fn text(path: &str, text: &str) -> String {
    if path != "content/site.toml" {
        return text.to_string();
    }
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("base_url") {
                format!(
                    "# Replace with the address the site will be published at.\n\
                     base_url = \"{PLACEHOLDER_URL}\""
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum Refused {
    /// The folder holds files already: nothing of them is touched.
    NotEmpty(PathBuf),
    /// It is a file, or something else that is not a folder.
    NotAFolder(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::NotEmpty(p) => write!(
                f,
                "{} already holds files; init writes only into a new or empty folder, and nothing was written",
                p.display()
            ),
            Refused::NotAFolder(p) => {
                write!(f, "{} is not a folder; nothing was written", p.display())
            }
            Refused::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for Refused {}

/// Writes the starter site into `folder` (new, or an empty folder);
/// returns the files written, as paths inside it.
pub fn write(folder: &Path) -> Result<Vec<&'static str>, Refused> {
    match std::fs::symlink_metadata(folder) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(Refused::Io(folder.to_path_buf(), e)),
        Ok(m) if !m.is_dir() => return Err(Refused::NotAFolder(folder.to_path_buf())),
        Ok(_) => {
            let mut entries =
                std::fs::read_dir(folder).map_err(|e| Refused::Io(folder.to_path_buf(), e))?;
            if entries.next().is_some() {
                return Err(Refused::NotEmpty(folder.to_path_buf()));
            }
        }
    }
    let mut written = Vec::new();
    for (rel, body) in FILES {
        let path = folder.join(rel);
        let io = |e| Refused::Io(path.clone(), e);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        // Never over a file: one created there meanwhile is somebody's.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io)?;
        f.write_all(text(rel, body).as_bytes()).map_err(io)?;
        written.push(*rel);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_a_placeholder_and_the_rest_is_kept() {
        let site = FILES.iter().find(|f| f.0 == "content/site.toml").unwrap();
        let t = text(site.0, site.1);
        assert!(
            t.contains(&format!("base_url = \"{PLACEHOLDER_URL}\"")),
            "{t}"
        );
        assert_eq!(t.matches("base_url =").count(), 1);
        assert!(t.contains("intro = ["));
    }

    #[test]
    fn only_a_new_or_empty_folder_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "mine").unwrap();
        assert!(matches!(write(&mine), Err(Refused::NotEmpty(_))));
        assert_eq!(std::fs::read_dir(&mine).unwrap().count(), 1);
        assert!(matches!(
            write(&mine.join("notes.txt")),
            Err(Refused::NotAFolder(_))
        ));
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert_eq!(write(&empty).unwrap().len(), FILES.len());
        assert!(empty.join("content/plans/binh-tan.md").is_file());
        assert_eq!(
            write(&dir.path().join("new/site")).unwrap().len(),
            FILES.len()
        );
    }
}
