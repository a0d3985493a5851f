//! The temporary files of a build, and removing them however it ends.
//!
//! A build writes beside its output folder `OUT`: the new site in
//! `.OUT.site-gen-partial-PID/`, its deadlines in
//! `.OUT.site-gen-deadlines-PID`, and the previous site moved aside to
//! `.OUT.site-gen-old-PID/` while the new one takes its place. They go when
//! the build ends, on Ctrl-C or SIGTERM (see [`on_signal_and_panic`]), and
//! a build killed outright leaves them for the next build to remove
//! ([`remove_stale`]): only names of that shape, of a process that is no
//! longer running, and only when they carry site-gen's mark (the stamp
//! file in a folder, [`SPILL_MAGIC`] at the top of a file).

use crate::target;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The first bytes of a deadlines spill file.
pub const SPILL_MAGIC: &[u8] = b"site-gen deadlines spill\n";

/// The kinds of temporary path, as they appear in names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Partial,
    Old,
    Deadlines,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Partial, Kind::Old, Kind::Deadlines];

    fn word(self) -> &'static str {
        match self {
            Kind::Partial => "partial",
            Kind::Old => "old",
            Kind::Deadlines => "deadlines",
        }
    }
}

/// The temporary path of `kind` for output `out`, for this process.
pub fn sibling(out: &Path, kind: Kind) -> PathBuf {
    sibling_of(out, kind, std::process::id())
}

fn sibling_of(out: &Path, kind: Kind, pid: u32) -> PathBuf {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    out.with_file_name(format!(".{name}.site-gen-{}-{pid}", kind.word()))
}

/// Paths to remove if the process is stopped; a path with a place to
/// restore it to goes back there instead when that place is empty (the
/// previous site, moved aside while the new one is moved in).
struct Registry(Mutex<Vec<(PathBuf, Option<PathBuf>)>>);

static LIVE: Registry = Registry(Mutex::new(Vec::new()));

impl Registry {
    fn add(&self, path: &Path, restore: Option<&Path>) {
        if let Ok(mut live) = self.0.lock() {
            live.push((path.to_path_buf(), restore.map(Path::to_path_buf)));
        }
    }

    fn remove(&self, path: &Path) {
        if let Ok(mut live) = self.0.lock() {
            live.retain(|(p, _)| p != path);
        }
    }

    /// Removes every path now (best effort: other threads may still be
    /// writing into them, so a folder is tried a few times).
    fn clear(&self) {
        let paths = match self.0.lock() {
            Ok(mut live) => std::mem::take(&mut *live),
            Err(_) => return,
        };
        for (p, restore) in paths {
            // Stopped between moving the old site aside and moving the new
            // one in: the old one goes back.
            if let Some(to) = restore
                && p.exists()
                && !to.exists()
                && std::fs::rename(&p, &to).is_ok()
            {
                continue;
            }
            for _ in 0..5 {
                let r = if p.is_dir() {
                    std::fs::remove_dir_all(&p)
                } else {
                    std::fs::remove_file(&p)
                };
                if r.is_ok() || !p.exists() {
                    break;
                }
            }
        }
    }
}

/// Notes `path` for removal on a signal or a panic.
pub fn register(path: &Path) {
    LIVE.add(path, None);
}

/// Notes `path`, where the previous output is about to be moved aside
/// from `original`: on a signal or a panic it is moved back if nothing
/// took its place, else removed. Registered before the move, so no
/// moment is left uncovered.
pub fn register_restore(path: &Path, original: &Path) {
    LIVE.add(path, Some(original));
}

/// `path` was removed or kept on purpose: no longer ours to remove.
pub fn unregister(path: &Path) {
    LIVE.remove(path);
}

/// Removes every registered path now.
pub fn remove_registered() {
    LIVE.clear();
}

/// In the command-line program only (a test harness must not lose another
/// test's folders to one test's panic): on SIGINT, SIGTERM or SIGHUP, and
/// on a panic (which may abort without unwinding), remove the temporary
/// paths before the process ends.
pub fn on_signal_and_panic() {
    let _ = ctrlc::set_handler(|| {
        remove_registered();
        eprintln!("site-gen: stopped; the temporary files were removed");
        std::process::exit(130);
    });
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        remove_registered();
        previous(info);
    }));
}

/// Removes what killed builds into `out` left beside it; returns the paths
/// removed.
pub fn remove_stale(out: &Path) -> io::Result<Vec<PathBuf>> {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.site-gen-");
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let entries = match std::fs::read_dir(parent) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut removed = Vec::new();
    for entry in entries {
        let entry = entry?;
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some((kind, pid)) = Kind::ALL.iter().find_map(|k| {
            let pid = rest.strip_prefix(k.word())?.strip_prefix('-')?;
            let pid: u32 = pid
                .parse()
                .ok()
                .filter(|_| pid.bytes().all(|b| b.is_ascii_digit()))?;
            Some((*k, pid))
        }) else {
            continue;
        };
        if pid != std::process::id() && running(pid) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let ours = match kind {
            Kind::Partial | Kind::Old => meta.is_dir() && target::is_stamped(&path),
            Kind::Deadlines => meta.is_file() && starts_with_magic(&path),
        };
        if !ours {
            continue;
        }
        if meta.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        }
        .map_err(|e| io::Error::new(e.kind(), format!("{}: cannot remove: {e}", path.display())))?;
        removed.push(path);
    }
    Ok(removed)
}

fn starts_with_magic(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; SPILL_MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == SPILL_MAGIC)
}

/// Whether a process `pid` exists (one we may not signal counts; a zombie,
/// which a container's first process may never reap, does not).
fn running(pid: u32) -> bool {
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        && let Some((_, after_name)) = stat.rsplit_once(')')
        && after_name.trim_start().starts_with(['Z', 'X'])
    {
        return false;
    }
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e != rustix::io::Errno::SRCH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_moved_aside_goes_back_when_nothing_took_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let (site, old) = (dir.path().join("dist"), dir.path().join(".dist.old"));
        let reg = Registry(Mutex::new(Vec::new()));
        // Stopped after the move aside, before the new site came in.
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("index.html"), "old").unwrap();
        reg.add(&old, Some(&site));
        reg.clear();
        assert_eq!(
            std::fs::read_to_string(site.join("index.html")).unwrap(),
            "old"
        );
        assert!(!old.exists());
        // Stopped after the new site came in: the old one is removed.
        std::fs::create_dir(&old).unwrap();
        reg.add(&old, Some(&site));
        reg.clear();
        assert!(!old.exists() && site.join("index.html").exists());
        // Stopped before the move aside: nothing to do.
        reg.add(&old, Some(&site));
        reg.clear();
        assert!(site.join("index.html").exists());
    }

    /// A pid no process has: beyond the kernel's largest.
    const DEAD: u32 = 4_194_305;

    #[test]
    fn stale_leftovers_of_ours_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let partial = sibling_of(&out, Kind::Partial, DEAD);
        let old = sibling_of(&out, Kind::Old, DEAD);
        let spill = sibling_of(&out, Kind::Deadlines, DEAD);
        for d in [&partial, &old] {
            std::fs::create_dir_all(d.join("sub")).unwrap();
            std::fs::write(d.join(target::STAMP), target::STAMP_TEXT).unwrap();
            std::fs::write(d.join("sub/page.html"), "x").unwrap();
        }
        let mut spill_text = SPILL_MAGIC.to_vec();
        spill_text.extend(b"{}");
        std::fs::write(&spill, spill_text).unwrap();
        // Same shapes that are not ours, or of a running process.
        let unstamped = sibling_of(&out, Kind::Partial, DEAD + 1);
        std::fs::create_dir(&unstamped).unwrap();
        let foreign_file = sibling_of(&out, Kind::Deadlines, DEAD + 2);
        std::fs::write(&foreign_file, "notes").unwrap();
        let running_one = sibling_of(&out, Kind::Partial, 1);
        std::fs::create_dir(&running_one).unwrap();
        std::fs::write(running_one.join(target::STAMP), target::STAMP_TEXT).unwrap();
        let keep = [
            dir.path().join(".dist.site-gen-partial-12x"),
            dir.path().join(".dist.site-gen-partial-"),
            dir.path().join(".other.site-gen-old-7"),
            dir.path().join("dist.old"),
        ];
        for k in &keep {
            std::fs::create_dir(k).unwrap();
            std::fs::write(k.join(target::STAMP), target::STAMP_TEXT).unwrap();
        }

        let mut removed = remove_stale(&out).unwrap();
        removed.sort();
        let mut expected = vec![partial.clone(), old.clone(), spill.clone()];
        expected.sort();
        assert_eq!(removed, expected);
        for p in [&partial, &old, &spill] {
            assert!(!p.exists(), "{}", p.display());
        }
        for p in keep.iter().chain([&unstamped, &foreign_file, &running_one]) {
            assert!(p.exists(), "{} was removed", p.display());
        }
    }

    #[test]
    fn registered_paths_are_removed_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::create_dir_all(a.join("b")).unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, "x").unwrap();
        let kept = dir.path().join("kept");
        std::fs::write(&kept, "x").unwrap();
        // A registry of its own: the shared one holds other tests' folders.
        let live = Registry(Mutex::new(Vec::new()));
        live.add(&a, None);
        live.add(&f, None);
        live.add(&kept, None);
        live.remove(&kept);
        live.clear();
        assert!(!a.exists() && !f.exists() && kept.exists());
    }

    /// Run by `a_panic_removes_the_registered_paths` in a process of its
    /// own: the hook is process-wide.
    #[test]
    #[ignore = "run in a child process"]
    fn child_registers_then_panics() {
        let Some(path) = std::env::var_os("SITE_GEN_TEST_PANIC_PATH") else {
            return;
        };
        on_signal_and_panic();
        register(Path::new(&path));
        panic!("a bug");
    }

    #[test]
    fn a_panic_removes_the_registered_paths() {
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join(".dist.site-gen-partial-1");
        std::fs::create_dir_all(partial.join("ke-hoach")).unwrap();
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "cleanup::tests::child_registers_then_panics",
            ])
            .env("SITE_GEN_TEST_PANIC_PATH", &partial)
            .output()
            .unwrap();
        let log = String::from_utf8_lossy(&out.stdout);
        assert!(log.contains("a bug") || !out.status.success(), "{log}");
        assert!(log.contains("1 failed"), "the child did not panic: {log}");
        assert!(!partial.exists());
    }
}
