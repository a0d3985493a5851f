//! Writes the site into a fresh folder beside the target and swaps it into
//! place only when everything succeeded: a failed build leaves the previous
//! output untouched. Only a target that [`crate::target::check`] accepted
//! is replaced, and only after the new site is complete.

use crate::cleanup::{self, Kind};
use crate::target::{self, Found, Target};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct Output {
    /// The folder being written.
    tmp: PathBuf,
    /// Where it goes when done.
    target: Target,
    /// Every file written, with a hash of its bytes and its size (for the
    /// offline cache).
    written: Mutex<Vec<(String, u64, usize)>>,
    /// Folders already created (relative), so a file costs no `mkdir`.
    dirs: Mutex<rustc_hash::FxHashSet<String>>,
    done: bool,
    /// For an update ([`Output::update`]): the files the target holds, by
    /// path, with their hash and size. A file written with the same bytes
    /// is recorded but not written.
    previous: Option<std::sync::Arc<Files>>,
    /// Files recorded but not written, being already in the target.
    unchanged: Mutex<rustc_hash::FxHashSet<String>>,
}

/// Every file of a site, by path ('/'-separated, from its top), with the
/// xxh3 hash of its bytes and its size.
pub type Files = std::collections::BTreeMap<String, (u64, usize)>;

/// `e` with the path it concerns in its message.
pub fn at(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

impl Output {
    /// Starts a new output for a checked target, after removing what
    /// killed builds left beside it.
    pub fn create(target: Target) -> io::Result<Output> {
        if let Some(parent) = target.real.parent() {
            std::fs::create_dir_all(parent).map_err(|e| at(parent, e))?;
        }
        cleanup::remove_stale(&target.real)?;
        Output::fresh(target)
    }

    /// A new output beside the target, leaving what is beside it alone.
    fn fresh(target: Target) -> io::Result<Output> {
        let tmp = cleanup::sibling(&target.real, Kind::Partial);
        std::fs::create_dir(&tmp).map_err(|e| at(&tmp, e))?;
        cleanup::register(&tmp);
        // First, so that a build killed at any point leaves a folder the
        // next build knows as its own.
        let stamp = tmp.join(target::STAMP);
        std::fs::write(&stamp, target::STAMP_TEXT).map_err(|e| at(&stamp, e))?;
        Ok(Output {
            tmp,
            target,
            written: Mutex::new(Vec::new()),
            dirs: Mutex::default(),
            done: false,
            previous: None,
            unchanged: Mutex::default(),
        })
    }

    /// An update of the site in `target` (`site-gen serve`), which holds
    /// `previous`: files are written into a fresh folder beside it, as for
    /// [`Output::create`], then moved into it one by one by
    /// [`Output::merge`]. A file written with the bytes it already has
    /// there is not written again.
    /// (What else is beside it is left alone: this process's own
    /// deadlines file, kept for the next update, is there.)
    pub fn update(target: Target, previous: std::sync::Arc<Files>) -> io::Result<Output> {
        let mut out = Output::fresh(target)?;
        out.previous = Some(previous);
        Ok(out)
    }

    /// Where the site goes ([`Target::real`]).
    pub fn real_target(&self) -> &Path {
        &self.target.real
    }

    /// Writes `bytes` at `rel` (a '/'-separated path) inside the output.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> io::Result<()> {
        let bytes = bytes.as_ref();
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        if let Some(prev) = &self.previous
            && prev.get(rel) == Some(&(hash, bytes.len()))
        {
            self.unchanged
                .lock()
                .map_err(|_| io::Error::other("a writer thread panicked"))?
                .insert(rel.to_string());
        } else {
            let path = self.tmp.join(rel);
            self.parent_of(rel)?;
            std::fs::write(&path, bytes).map_err(|e| at(&path, e))?;
        }
        self.written
            .lock()
            .map_err(|_| io::Error::other("a writer thread panicked"))?
            .push((rel.to_string(), hash, bytes.len()));
        Ok(())
    }

    /// Opens a file for writing in pieces (large pages are streamed so that
    /// memory stays flat); call `finish` when done.
    pub fn file(&self, rel: &str) -> io::Result<OutFile<'_>> {
        let path = self.tmp.join(rel);
        self.parent_of(rel)?;
        Ok(OutFile {
            out: self,
            rel: rel.to_string(),
            w: io::BufWriter::with_capacity(
                64 * 1024,
                std::fs::File::create(&path).map_err(|e| at(&path, e))?,
            ),
            path,
            hash: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        })
    }

    /// Creates the folder `rel` goes in, unless it was created already.
    fn parent_of(&self, rel: &str) -> io::Result<()> {
        let Some((dir, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        let lock = || {
            self.dirs
                .lock()
                .map_err(|_| io::Error::other("a writer thread panicked"))
        };
        if lock()?.contains(dir) {
            return Ok(());
        }
        // Folder by folder, never the temporary folder itself: a build
        // being stopped removes it while writer threads still run, and
        // `create_dir_all` would bring it back, empty, after the removal.
        let mut path = self.tmp.clone();
        for part in dir.split('/') {
            path.push(part);
            match std::fs::create_dir(&path) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(at(&path, e)),
                _ => {}
            }
        }
        lock()?.insert(dir.to_string());
        Ok(())
    }

    /// Every file written so far, sorted by path, with its hash and size.
    pub fn files(&self) -> Vec<(String, u64, usize)> {
        let mut files = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        files.sort();
        files
    }

    /// How many files have been written so far.
    pub fn count(&self) -> usize {
        self.written.lock().map(|w| w.len()).unwrap_or_default()
    }

    /// Copies a file into the output.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        let bytes = std::fs::read(from).map_err(|e| at(from, e))?;
        self.write(rel, bytes)
    }

    /// The site after [`Output::merge`]: `previous` with every file written
    /// here, and without those of `previous` for which `regenerated` says
    /// this update wrote all that should be there and which it did not
    /// write (a plan's search page files that are fewer now…).
    pub fn merged(&self, regenerated: &dyn Fn(&str) -> bool) -> Files {
        let mut files: Files = self.previous.as_deref().cloned().unwrap_or_default();
        let written = self.files();
        let now: rustc_hash::FxHashSet<&str> = written.iter().map(|f| f.0.as_str()).collect();
        files.retain(|p, _| !regenerated(p) || now.contains(p.as_str()));
        for (p, hash, len) in written {
            files.insert(p, (hash, len));
        }
        files
    }

    /// Moves the files this update wrote into the target, each by a
    /// rename (a reader gets the old file or the new one, whole), then
    /// removes those [`Output::merged`] leaves out. Returns the site now
    /// in the target. On an error the target holds a mix of both: build
    /// it afresh.
    pub fn merge(self, regenerated: &dyn Fn(&str) -> bool) -> io::Result<Files> {
        let files = self.merged(regenerated);
        let target = self.target.real.clone();
        if !target::is_stamped(&target) {
            return Err(io::Error::other(target::Refused {
                path: self.target.path.clone(),
                why: target::Refusal::NotOurs,
            }));
        }
        let unchanged = std::mem::take(
            &mut *self
                .unchanged
                .lock()
                .map_err(|_| io::Error::other("a writer thread panicked"))?,
        );
        let mut made = rustc_hash::FxHashSet::default();
        for (rel, _, _) in self.files() {
            if unchanged.contains(&rel) {
                continue;
            }
            if let Some((dir, _)) = rel.rsplit_once('/')
                && made.insert(dir.to_string())
            {
                let d = target.join(dir);
                std::fs::create_dir_all(&d).map_err(|e| at(&d, e))?;
            }
            let to = target.join(&rel);
            std::fs::rename(self.tmp.join(&rel), &to).map_err(|e| at(&to, e))?;
        }
        if let Some(prev) = &self.previous {
            for rel in prev.keys().filter(|p| !files.contains_key(*p)) {
                let path = target.join(rel);
                match std::fs::remove_file(&path) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(at(&path, e)),
                    _ => {}
                }
            }
        }
        Ok(files)
    }

    /// Puts the finished output in the target's place. The previous
    /// output is checked again (it may have changed during the build),
    /// moved aside under a name only site-gen uses, and removed only once
    /// the new one is in place.
    pub fn commit(mut self) -> io::Result<()> {
        let path = self.target.real.clone();
        let refused = |why| {
            io::Error::other(target::Refused {
                path: self.target.path.clone(),
                why,
            })
        };
        let now = match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Found::Nothing,
            Err(e) => return Err(at(&path, e)),
            Ok(m) if m.file_type().is_symlink() => return Err(refused(target::Refusal::Link)),
            Ok(m) if !m.is_dir() => return Err(refused(target::Refusal::NotAFolder)),
            Ok(_) if target::is_stamped(&path) => Found::Ours,
            Ok(_) => {
                let empty = std::fs::read_dir(&path)
                    .map_err(|e| at(&path, e))?
                    .next()
                    .is_none();
                if !empty {
                    return Err(refused(target::Refusal::NotOurs));
                }
                Found::Empty
            }
        };
        let old = cleanup::sibling(&path, Kind::Old);
        match now {
            Found::Nothing => {}
            // `remove_dir` removes a folder only while it is empty.
            Found::Empty => std::fs::remove_dir(&path).map_err(|e| at(&path, e))?,
            Found::Ours => {
                cleanup::register_restore(&old, &path);
                if let Err(e) = std::fs::rename(&path, &old) {
                    cleanup::unregister(&old);
                    return Err(at(&path, e));
                }
            }
        }
        if let Err(e) = std::fs::rename(&self.tmp, &path) {
            if now == Found::Ours && std::fs::rename(&old, &path).is_ok() {
                cleanup::unregister(&old);
            }
            return Err(at(&path, e));
        }
        cleanup::unregister(&self.tmp);
        self.done = true;
        if now == Found::Ours {
            // The new site is in place; an old one that cannot be removed
            // now is removed by the next build.
            if let Err(e) = std::fs::remove_dir_all(&old) {
                eprintln!(
                    "site-gen: warning: the previous site, moved to {}, could not be removed: {e}",
                    old.display()
                );
            }
            cleanup::unregister(&old);
        }
        Ok(())
    }
}

/// A file of the output being written in pieces.
pub struct OutFile<'a> {
    out: &'a Output,
    rel: String,
    path: PathBuf,
    w: io::BufWriter<std::fs::File>,
    hash: xxhash_rust::xxh3::Xxh3,
    len: usize,
}

impl OutFile<'_> {
    /// Writes a piece of text.
    pub fn put(&mut self, s: &str) -> io::Result<()> {
        io::Write::write_all(self, s.as_bytes())
    }

    /// Flushes the file and records it with its hash.
    pub fn finish(mut self) -> io::Result<()> {
        io::Write::flush(&mut self.w).map_err(|e| at(&self.path, e))?;
        let record = (std::mem::take(&mut self.rel), self.hash.digest(), self.len);
        self.out
            .written
            .lock()
            .map_err(|_| io::Error::other("a writer thread panicked"))?
            .push(record);
        Ok(())
    }
}

impl io::Write for OutFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.w.write(buf).map_err(|e| at(&self.path, e))?;
        self.hash.update(&buf[..n]);
        self.len += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
            cleanup::unregister(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(target: &Path) -> Output {
        Output::create(target::check(target, &[]).unwrap()).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn dropped_output_leaves_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dist");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join(target::STAMP), target::STAMP_TEXT).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        {
            let out = create(&target);
            out.write("index.html", "new").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(names(dir.path()), ["dist"]);
    }

    #[test]
    fn streamed_files_hash_like_whole_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = create(&dir.path().join("dist"));
        out.write("a.html", "xin chào, đảng viên").unwrap();
        let mut f = out.file("b.html").unwrap();
        f.put("xin chào, ").unwrap();
        f.put("đảng viên").unwrap();
        f.finish().unwrap();
        let files = out.files();
        assert_eq!(files[0].1, files[1].1);
        assert_eq!(files[0].2, files[1].2);
    }

    #[test]
    fn committed_output_replaces_an_earlier_one_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dist");
        let first = create(&target);
        first.write("stale.html", "old").unwrap();
        first.commit().unwrap();
        // What the old code removed: a sibling with a plain `.old` name.
        std::fs::create_dir(dir.path().join("dist.old")).unwrap();
        std::fs::write(dir.path().join("dist.old/notes.txt"), "mine").unwrap();
        let out = create(&target);
        out.write("a/index.html", "new").unwrap();
        out.commit().unwrap();
        assert!(!target.join("stale.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(target::is_stamped(&target));
        assert_eq!(names(dir.path()), ["dist", "dist.old"]);
        assert_eq!(names(&dir.path().join("dist.old")), ["notes.txt"]);
    }

    #[test]
    fn an_empty_folder_is_used_and_files_put_there_during_the_build_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dist");
        std::fs::create_dir(&target).unwrap();
        let out = create(&target);
        out.write("index.html", "new").unwrap();
        // Somebody saves a file into the folder while the site is built.
        std::fs::write(target.join("mine.txt"), "mine").unwrap();
        let e = out.commit().unwrap_err().to_string();
        assert!(e.contains("not written by site-gen"), "{e}");
        assert_eq!(names(&target), ["mine.txt"]);
        assert_eq!(names(dir.path()), ["dist"]);

        std::fs::remove_file(target.join("mine.txt")).unwrap();
        let out = create(&target);
        out.write("index.html", "new").unwrap();
        out.commit().unwrap();
        assert_eq!(names(&target), [".site-gen", "index.html"]);
    }

    #[test]
    fn write_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = create(&dir.path().join("dist"));
        out.write("a", "file").unwrap();
        // "a" is a file, so "a/b.html" cannot be created.
        let e = out.write("a/b.html", "x").unwrap_err().to_string();
        assert!(e.contains("/a"), "{e}");
    }
}
