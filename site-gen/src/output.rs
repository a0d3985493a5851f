//! Writes the site into a fresh folder beside the target and swaps it into
//! place only when everything succeeded: a failed build leaves the previous
//! output untouched.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct Output {
    /// The folder being written.
    tmp: PathBuf,
    /// Where it goes when done.
    target: PathBuf,
    /// Every file written, with a hash of its bytes and its size (for the
    /// offline cache).
    written: Mutex<Vec<(String, u64, usize)>>,
    /// Folders already created (relative), so a file costs no `mkdir`.
    dirs: Mutex<rustc_hash::FxHashSet<String>>,
    done: bool,
}

impl Output {
    /// Starts a new output for `target`.
    pub fn create(target: &Path) -> io::Result<Output> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "dist".into());
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)?;
        Ok(Output {
            tmp,
            target: target.to_path_buf(),
            written: Mutex::new(Vec::new()),
            dirs: Mutex::default(),
            done: false,
        })
    }

    /// Writes `bytes` at `rel` (a '/'-separated path) inside the output.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> io::Result<()> {
        let bytes = bytes.as_ref();
        let path = self.tmp.join(rel);
        self.parent_of(rel)?;
        std::fs::write(path, bytes)?;
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
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
            w: io::BufWriter::with_capacity(64 * 1024, std::fs::File::create(path)?),
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
        std::fs::create_dir_all(self.tmp.join(dir))?;
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
        let bytes = std::fs::read(from)?;
        self.write(rel, bytes)
    }

    /// Replaces the target folder with the finished output.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.target.with_extension("old");
        let _ = std::fs::remove_dir_all(&old);
        if self.target.exists() {
            std::fs::rename(&self.target, &old)?;
        }
        std::fs::rename(&self.tmp, &self.target)?;
        let _ = std::fs::remove_dir_all(&old);
        self.done = true;
        Ok(())
    }
}

/// A file of the output being written in pieces.
pub struct OutFile<'a> {
    out: &'a Output,
    rel: String,
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
        io::Write::flush(&mut self.w)?;
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
        let n = self.w.write(buf)?;
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_output_leaves_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dist");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        {
            let out = Output::create(&target).unwrap();
            out.write("index.html", "new").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn streamed_files_hash_like_whole_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::create(&dir.path().join("dist")).unwrap();
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
    fn committed_output_replaces_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dist");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("stale.html"), "old").unwrap();
        let out = Output::create(&target).unwrap();
        out.write("a/index.html", "new").unwrap();
        out.commit().unwrap();
        assert!(!target.join("stale.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
    }
}
