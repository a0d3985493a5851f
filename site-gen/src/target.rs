//! Which folder a build may replace. The output folder is the tool's, or
//! it is refused before anything is written: a slip such as `--out .`,
//! `--out ..` or `--out content` must never cost a user their files.
//!
//! What site-gen writes carries a stamp file; a non-empty folder without
//! it holds somebody else's files and is never replaced.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The stamp file at the top of every folder site-gen writes.
pub const STAMP: &str = ".site-gen";
/// Its text; checked before a folder is replaced or a leftover removed.
pub const STAMP_TEXT: &str = "Written by site-gen (Bốn Tốt). The next build replaces this whole folder:\n\
     keep no files of your own here.\n";

/// Whether `dir` holds site-gen's stamp (a file with exactly our text).
pub fn is_stamped(dir: &Path) -> bool {
    let stamp = dir.join(STAMP);
    match std::fs::symlink_metadata(&stamp) {
        Ok(m) if m.is_file() && m.len() == STAMP_TEXT.len() as u64 => {
            std::fs::read(&stamp).is_ok_and(|b| b == STAMP_TEXT.as_bytes())
        }
        _ => false,
    }
}

/// What is at the output path now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Nothing: the folder will be created.
    Nothing,
    /// An empty folder.
    Empty,
    /// A folder an earlier build wrote.
    Ours,
}

/// A checked output folder.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path as given (what the user sees in messages).
    pub path: PathBuf,
    /// Where it is: its folder resolved, its own name as given (so that a
    /// link is seen as a link). What is read, renamed and written.
    pub real: PathBuf,
    /// Absolute, with every symbolic link resolved (for containment).
    pub resolved: PathBuf,
    pub found: Found,
}

/// Why a folder was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The path is empty, `/`, or cannot be resolved.
    Root,
    Home,
    /// The current folder, or a folder that contains it.
    HoldsCurrent,
    /// The folder `source` (content, app) or a folder that contains it.
    HoldsSource(PathBuf),
    /// A folder inside `source`.
    InsideSource(PathBuf),
    /// A file, or something else that is not a folder.
    NotAFolder,
    /// A symbolic link: replacing it would replace the link itself.
    Link,
    /// A non-empty folder without site-gen's stamp.
    NotOurs,
    Unreadable(String),
}

/// A refused output path, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub path: PathBuf,
    pub why: Refusal,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        write!(f, "refusing to write the site into {p}: ")?;
        match &self.why {
            Refusal::Root => write!(f, "it is the top of the file system"),
            Refusal::Home => write!(f, "it is your home folder"),
            Refusal::HoldsCurrent => write!(f, "it is the current folder or contains it"),
            Refusal::HoldsSource(s) => {
                write!(
                    f,
                    "it is or contains {}, which the build reads",
                    s.display()
                )
            }
            Refusal::InsideSource(s) => {
                write!(f, "it is inside {}, which the build reads", s.display())
            }
            Refusal::NotAFolder => write!(f, "it exists and is not a folder"),
            Refusal::Link => write!(
                f,
                "it is a symbolic link; give the folder it points to, or another path"
            ),
            Refusal::NotOurs => write!(
                f,
                "the folder is not empty and was not written by site-gen (it has no {STAMP} file); \
                 choose a new or empty folder, or move its files away yourself"
            ),
            Refusal::Unreadable(e) => write!(f, "cannot read it: {e}"),
        }?;
        write!(f, ". Nothing was written or removed.")
    }
}

impl std::error::Error for Refused {}

/// Checks that `out` may be replaced by a build that reads `sources`
/// (the content folder, the app folder).
pub fn check(out: &Path, sources: &[&Path]) -> Result<Target, Refused> {
    let refuse = |why| Refused {
        path: out.to_path_buf(),
        why,
    };
    let unreadable = |e: io::Error| refuse(Refusal::Unreadable(e.to_string()));
    if out.as_os_str().is_empty() {
        return Err(refuse(Refusal::Root));
    }
    let resolved = resolve(out).map_err(unreadable)?;
    if resolved.parent().is_none() {
        return Err(refuse(Refusal::Root));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && resolve(Path::new(&home)).is_ok_and(|h| h == resolved)
    {
        return Err(refuse(Refusal::Home));
    }
    let cwd = std::env::current_dir().and_then(|d| resolve(&d));
    if cwd.as_ref().is_ok_and(|d| d.starts_with(&resolved)) {
        return Err(refuse(Refusal::HoldsCurrent));
    }
    for source in sources {
        let Ok(s) = resolve(source) else { continue };
        if s.starts_with(&resolved) {
            return Err(refuse(Refusal::HoldsSource(source.to_path_buf())));
        }
        if resolved.starts_with(&s) {
            return Err(refuse(Refusal::InsideSource(source.to_path_buf())));
        }
    }
    // `a/missing/../b` names `a/b`, whatever the file system says of it
    // before `missing` exists.
    let real = match (out.file_name(), out.parent()) {
        (Some(name), Some(parent)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            resolve(parent).map_err(unreadable)?.join(name)
        }
        _ => resolved.clone(),
    };
    let found = match std::fs::symlink_metadata(&real) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Found::Nothing,
        Err(e) => return Err(unreadable(e)),
        Ok(m) if m.file_type().is_symlink() => return Err(refuse(Refusal::Link)),
        Ok(m) if !m.is_dir() => return Err(refuse(Refusal::NotAFolder)),
        Ok(_) => {
            let mut entries = std::fs::read_dir(&real).map_err(unreadable)?;
            if entries.next().is_none() {
                Found::Empty
            } else if is_stamped(&real) {
                Found::Ours
            } else {
                return Err(refuse(Refusal::NotOurs));
            }
        }
    };
    Ok(Target {
        path: out.to_path_buf(),
        real,
        resolved,
        found,
    })
}

/// `path` made absolute, with every symbolic link and `..` in the part
/// that exists resolved by the file system, and the rest (which does not
/// exist yet) normalised by its names.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    let mut exists = true;
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir if exists => {
                out.push("..");
                out = std::fs::canonicalize(&out)?;
            }
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if exists {
                    match std::fs::canonicalize(&out) {
                        Ok(real) => out = real,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => exists = false,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
    Ok(out)
}
