//! Deadlines, set aside on disk while plans load, then read back in date
//! order for the timeline page and the calendar. A corpus of 100,000 plans
//! has hundreds of thousands of deadlines: memory keeps only a small sort
//! key for each.

use crate::cleanup;
use bontot_core::model::{Deadline, When};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Deadlines rendered at a time when read back.
const BATCH: usize = 4096;

/// A deadline with what the pages need to know of its plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The plan's position among the plans (sorted by file name).
    pub plan: u32,
    pub slug: String,
    pub locality: String,
    pub title: String,
    /// First year a yearly deadline can fall in (see `ics::first_year`).
    pub first_year: Option<u16>,
    /// Its position in the plan's list (for stable calendar ids).
    pub number: u16,
    pub deadline: Deadline,
}

/// (year, or u16::MAX for yearly ones) then the date, plan, position.
pub type Key = (u16, (u16, u8, u8), u32, u16);

/// Where a deadline goes on the timeline: its year group and date.
pub fn key(e: &Entry) -> Key {
    let (group, date) = match e.deadline.when() {
        Ok(When::Day(x)) => (x.year, (x.year, x.month, x.day)),
        Ok(When::Month(m)) => (m.year, (m.year, m.month, 32)),
        Ok(When::Yearly(y)) => (u16::MAX, (0, y.month, y.day)),
        Err(_) => (u16::MAX, (u16::MAX, 0, 0)),
    };
    (group, date, e.plan, e.number)
}

pub struct Deadlines {
    path: PathBuf,
    inner: Mutex<Inner>,
}

struct Inner {
    file: BufWriter<File>,
    offset: u64,
    index: Vec<(Key, u64, u32)>,
}

impl Deadlines {
    /// A store in a temporary file beside the output folder `out`
    /// (removed when dropped, and by a later build if this one is killed).
    pub fn new(out: &Path) -> io::Result<Deadlines> {
        let path = cleanup::sibling(out, cleanup::Kind::Deadlines);
        let named = |e| crate::output::at(&path, e);
        let mut file = File::create_new(&path).map_err(named)?;
        cleanup::register(&path);
        // Written at once, so that a leftover is known as ours.
        file.write_all(cleanup::SPILL_MAGIC).map_err(named)?;
        Ok(Deadlines {
            inner: Mutex::new(Inner {
                file: BufWriter::new(file),
                offset: cleanup::SPILL_MAGIC.len() as u64,
                index: Vec::new(),
            }),
            path,
        })
    }

    pub fn add(&self, e: &Entry) -> io::Result<()> {
        let line = serde_json::to_vec(e).map_err(io::Error::other)?;
        let mut inner = self
            .inner
            .lock()
            .map_err(|_| io::Error::other("a loader thread panicked"))?;
        let at = inner.offset;
        inner
            .file
            .write_all(&line)
            .map_err(|e| crate::output::at(&self.path, e))?;
        inner.offset += line.len() as u64;
        inner.index.push((key(e), at, line.len() as u32));
        Ok(())
    }

    /// Every deadline in timeline order: `render` runs on many threads, a
    /// batch at a time (memory stays bounded), and `write` gets each
    /// result with the deadline's key, in order.
    pub fn each_sorted<T: Send>(
        &self,
        render: impl Fn(&Entry) -> T + Sync,
        mut write: impl FnMut(Key, T) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut inner = self
            .inner
            .lock()
            .map_err(|_| io::Error::other("a loader thread panicked"))?;
        let named = |e| crate::output::at(&self.path, e);
        inner.file.flush().map_err(named)?;
        inner.index.sort_unstable();
        let file = File::open(&self.path).map_err(named)?;
        let read = |&(key, at, len): &(Key, u64, u32)| -> io::Result<(Key, T)> {
            let mut buf = vec![0; len as usize];
            file.read_exact_at(&mut buf, at).map_err(named)?;
            let e: Entry = serde_json::from_slice(&buf).map_err(io::Error::other)?;
            Ok((key, render(&e)))
        };
        for batch in inner.index.chunks(BATCH) {
            let done: Vec<io::Result<(Key, T)>> = batch.par_iter().map(read).collect();
            for r in done {
                let (key, t) = r?;
                write(key, t)?;
            }
        }
        Ok(())
    }

    /// Forgets the deadlines of plan number `plan` (`site-gen serve`, before
    /// the plan's new ones are added): they stay in the file, unread.
    pub fn remove_plan(&self, plan: u32) -> io::Result<()> {
        self.inner
            .lock()
            .map_err(|_| io::Error::other("a loader thread panicked"))?
            .index
            .retain(|(key, _, _)| key.2 != plan);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.inner.lock().map(|i| i.index.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for Deadlines {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        cleanup::unregister(&self.path);
    }
}
