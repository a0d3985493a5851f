//! `site-gen build --out DIR` never removes what it did not write: each
//! slip a reviewer tried, run through the real binary, then random paths
//! around a temporary tree (a property test). Every test checks that every
//! other file is still there, byte for byte.

mod common;
use proptest::prelude::*;
use site_gen::output::Output;
use site_gen::target;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every path under `dir` (links not followed) with its bytes, or `None`
/// for a folder, or the link's target.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            let what = if m.file_type().is_symlink() {
                format!("link to {}", std::fs::read_link(&p).unwrap().display())
            } else if m.is_dir() {
                stack.push(p.clone());
                "folder".into()
            } else {
                String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()
            };
            out.insert(p, what);
        }
    }
    out
}

/// A working folder as a user has it: content, notes, a git folder, an
/// earlier site, a sibling named like the old code's `.old`, a link.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("work");
    common::copy_dir(&common::fixture(), &root.join("content"));
    std::fs::create_dir_all(root.join(".git/objects")).unwrap();
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(root.join("notes.txt"), "my notes").unwrap();
    std::fs::create_dir_all(root.join("dist.old")).unwrap();
    std::fs::write(root.join("dist.old/keep.txt"), "mine").unwrap();
    std::fs::create_dir_all(root.join("mine")).unwrap();
    std::fs::write(root.join("mine/report.docx"), "mine").unwrap();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    std::os::unix::fs::symlink("dist.old", root.join("link")).unwrap();
    std::fs::write(dir.path().join("beside.txt"), "beside").unwrap();
    dir
}

fn site_gen_in(cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .current_dir(cwd)
        .env("HOME", cwd.join("mine"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_slip_is_refused_and_nothing_is_touched() {
    let dir = workspace();
    let root = dir.path().join("work");
    let before = snapshot(dir.path());
    for (out, why) in [
        (".", "it is the current folder or contains it"),
        ("./", "it is the current folder or contains it"),
        ("..", "it is the current folder or contains it"),
        ("../..", "it is the current folder or contains it"),
        (
            "content",
            "it is or contains content, which the build reads",
        ),
        (
            "content/",
            "it is or contains content, which the build reads",
        ),
        (
            "content/plans",
            "it is inside content, which the build reads",
        ),
        (
            "content/plans/new",
            "it is inside content, which the build reads",
        ),
        ("/", "it is the top of the file system"),
        ("mine", "it is your home folder"),
        ("notes.txt", "it exists and is not a folder"),
        ("content/site.toml", "it is inside content"),
        ("link", "it is a symbolic link"),
        (
            "dist.old",
            "the folder is not empty and was not written by site-gen",
        ),
        (
            ".git",
            "the folder is not empty and was not written by site-gen",
        ),
        ("new/../mine", "it is your home folder"),
        (
            "new/../dist.old",
            "the folder is not empty and was not written by site-gen",
        ),
    ] {
        let (code, err) = site_gen_in(&root, &["build", "--out", out]);
        assert_eq!(code, 1, "--out {out}: {err}");
        assert!(
            err.contains(&format!("refusing to write the site into {out}: {why}")),
            "--out {out}: {err}"
        );
        assert!(err.contains("Nothing was written or removed."), "{err}");
        assert_eq!(snapshot(dir.path()), before, "--out {out} changed files");
    }
    // The content folder given elsewhere: the output may not hold it.
    let (code, err) = site_gen_in(
        &root.join("mine"),
        &["build", "--content", "../content", "--out", ".."],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_build_replaces_only_its_own_folder() {
    let dir = workspace();
    let root = dir.path().join("work");
    let (code, err) = site_gen_in(&root, &["build", "--out", "dist"]);
    assert_eq!(code, 0, "{err}");
    assert!(target::is_stamped(&root.join("dist")));
    std::fs::write(root.join("dist/index.html"), "edited").unwrap();
    let before = snapshot(dir.path());
    let (code, err) = site_gen_in(&root, &["build", "--out", "dist"]);
    assert_eq!(code, 0, "{err}");
    let after = snapshot(dir.path());
    let dist = root.join("dist");
    let outside = |m: &BTreeMap<PathBuf, String>| -> Vec<(PathBuf, String)> {
        m.iter()
            .filter(|(p, _)| !p.starts_with(&dist))
            .map(|(p, w)| (p.clone(), w.clone()))
            .collect()
    };
    assert_eq!(outside(&after), outside(&before));
    assert_ne!(after[&dist.join("index.html")], "edited");
    // An empty folder is used.
    let (code, err) = site_gen_in(&root, &["build", "--out", "empty"]);
    assert_eq!(code, 0, "{err}");
    assert!(root.join("empty/index.html").is_file());
}

/// Names a random path is made of, around the tree of [`workspace`].
const PARTS: [&str; 12] = [
    ".",
    "..",
    "content",
    "plans",
    "dist",
    "dist.old",
    "mine",
    "empty",
    "notes.txt",
    "link",
    "new",
    "work",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the path: nothing but the output folder changes, nothing
    /// outside it is removed, no temporary file is left, and a folder is
    /// replaced only when it was empty or site-gen's own.
    #[test]
    fn nothing_outside_the_output_is_ever_removed(
        parts in prop::collection::vec(prop::sample::select(&PARTS[..]), 1..5),
        stamp_mine in any::<bool>(),
    ) {
        let dir = workspace();
        let root = dir.path().join("work");
        if stamp_mine {
            std::fs::write(root.join("mine").join(target::STAMP), target::STAMP_TEXT).unwrap();
        }
        // Relative to the working folder: `..` may climb out of it, which
        // the guard must see, but not above the temporary folder, which
        // stays the test's own.
        let mut depth = 1i32;
        let mut lowest = depth;
        for p in &parts {
            depth += match *p {
                ".." => -1,
                "." => 0,
                _ => 1,
            };
            lowest = lowest.min(depth);
        }
        prop_assume!(lowest >= 0);
        let rel: PathBuf = parts.iter().collect();
        let out = root.join(&rel);
        let before = snapshot(dir.path());
        let checked = target::check(&out, &[&root.join("content")]);
        let ok = match checked {
            Ok(t) => {
                let real = t.real.clone();
                let o = Output::create(t).unwrap();
                o.write("index.html", "new site").unwrap();
                o.commit().map(|()| real).ok()
            }
            Err(_) => None,
        };
        let after = snapshot(dir.path());
        match &ok {
            None => prop_assert_eq!(&after, &before),
            Some(real) => {
                prop_assert!(target::is_stamped(real));
                for (p, what) in &before {
                    if !p.starts_with(real) {
                        prop_assert_eq!(after.get(p), Some(what), "{} changed", p.display());
                    }
                }
                // What was there was empty or the tool's own.
                let was: Vec<_> = before.keys().filter(|p| p.starts_with(real) && *p != real).collect();
                prop_assert!(
                    was.is_empty() || before.contains_key(&real.join(target::STAMP)),
                    "replaced {:?}", was
                );
            }
        }
        let leftovers: Vec<_> = after
            .keys()
            .filter(|p| p.to_string_lossy().contains(".site-gen-"))
            .collect();
        prop_assert!(leftovers.is_empty(), "{:?}", leftovers);
    }
}

/// A content folder big enough that a debug build takes a few seconds.
fn big_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_dir(&common::fixture(), &content);
    let plan = std::fs::read_to_string(content.join("plans/alpha.md")).unwrap();
    for i in 0..600 {
        std::fs::write(content.join(format!("plans/p{i:03}.md")), &plan).unwrap();
    }
    dir
}

/// Starts `site-gen build --out dist` in `root` and returns once it is
/// writing pages into its partial folder (which it returns too).
fn build_writing(root: &Path, stderr: std::process::Stdio) -> (std::process::Child, PathBuf) {
    let child = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .current_dir(root)
        .args(["build", "--out", "dist"])
        .stderr(stderr)
        .spawn()
        .unwrap();
    let partial = root.join(format!(".dist.site-gen-partial-{}", child.id()));
    let t = std::time::Instant::now();
    while !partial.join("ke-hoach").exists() {
        assert!(
            t.elapsed().as_secs() < 60,
            "the build never started writing"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (child, partial)
}

#[test]
fn a_build_stopped_by_a_signal_removes_its_temporary_files() {
    let dir = big_site();
    let root = dir.path();
    // An earlier site, which must stay as it was.
    let (code, err) = site_gen_in(root, &["build", "--out", "dist"]);
    assert_eq!(code, 0, "{err}");
    let before = snapshot(root);
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let (child, _) = build_writing(root, std::process::Stdio::piped());
        // SAFETY: kill only sends a signal to the child we started.
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.code() == Some(0) {
            // Finished before the signal arrived: nothing to check.
            continue;
        }
        assert_eq!(out.status.code(), Some(130), "{err}");
        assert!(err.contains("the temporary files were removed"), "{err}");
        assert_eq!(snapshot(root), before, "after signal {signal}");
    }
}

#[test]
fn a_killed_build_leaves_files_that_the_next_build_removes() {
    let dir = big_site();
    let root = dir.path();
    let (mut child, partial) = build_writing(root, std::process::Stdio::null());
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(partial.exists());
    let (code, err) = site_gen_in(root, &["build", "--out", "dist"]);
    assert_eq!(code, 0, "{err}");
    let left: Vec<_> = snapshot(root)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".site-gen-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
