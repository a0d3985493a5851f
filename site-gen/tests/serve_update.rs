//! `site-gen serve` rebuilds only what depends on the plans that changed
//! (`build::update`): after each change, the output folder must hold
//! exactly what a full build of the same content writes, byte for byte.

mod common;

use common::{copy_dir, tree};
use site_gen::build::Options;
use site_gen::serve::{Live, Rebuilder};
use std::path::{Path, PathBuf};

/// The repository's content: five plans with rule files, deadlines and
/// national rules.
fn real_content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

struct Served {
    dir: tempfile::TempDir,
    opts: Options,
    rebuilder: Rebuilder,
    live: Live,
}

impl Served {
    fn new(content: &Path) -> Served {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(content, &dir.path().join("content"));
        let opts = Options {
            content: dir.path().join("content"),
            out: dir.path().join("out"),
            ..Default::default()
        };
        let mut s = Served {
            dir,
            opts,
            rebuilder: Rebuilder::default(),
            live: Live::default(),
        };
        assert!(s.rebuilder.rebuild(&s.opts, &s.live, true));
        s
    }

    fn path(&self, file: &str) -> PathBuf {
        self.opts.content.join(file)
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.path(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Tells the rebuilder that `files` changed (as the watcher does) and
    /// rebuilds; returns whether it succeeded.
    fn changed(&mut self, files: &[&str]) -> bool {
        let paths: Vec<PathBuf> = files.iter().map(|f| self.path(f)).collect();
        self.rebuilder.note(&self.opts.content, Some(&paths));
        self.rebuilder.rebuild(&self.opts, &self.live, false)
    }

    /// The output is what a full build of the content writes.
    fn assert_as_built(&self, what: &str) {
        let fresh = tempfile::tempdir().unwrap();
        copy_dir(&self.opts.content, &fresh.path().join("content"));
        common::build(fresh.path()).unwrap();
        let (ours, theirs) = (tree(&self.opts.out), tree(&fresh.path().join("dist")));
        let names = |t: &[(PathBuf, Vec<u8>)]| -> Vec<PathBuf> {
            t.iter().map(|(p, _)| p.clone()).collect()
        };
        assert_eq!(names(&ours), names(&theirs), "{what}: the files differ");
        for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
            assert!(
                a == b,
                "{what}: {} differs from a full build",
                path.display()
            );
        }
        let _ = &self.dir;
    }
}

#[test]
fn edits_to_plans_and_rule_files_rewrite_only_what_depends_on_them() {
    let mut s = Served::new(&real_content());
    s.assert_as_built("first build");

    // A paragraph added to a plan's text.
    let plan = s.path("plans/binh-tan.md");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        format!("{text}\nMột đoạn mới về kết nạp đảng viên.\n"),
    )
    .unwrap();
    assert!(s.changed(&["plans/binh-tan.md"]));
    assert!(s.rebuilder.updated(), "a plan's edit is an update");
    s.assert_as_built("a paragraph added");

    // Front matter that the lists show (home, comparison, calculators).
    s.edit(
        "plans/son-la.md",
        "locality = \"",
        "locality = \"Tỉnh (sửa) ",
    );
    assert!(s.changed(&["plans/son-la.md"]));
    assert!(s.rebuilder.updated());
    s.assert_as_built("a locality changed");

    // A rule file edited, then removed (the calculator page goes), then
    // written back.
    s.edit(
        "rules/binh-tan.toml",
        "text = \"Kế hoạch yêu cầu",
        "text = \"Kế hoạch (đã sửa) yêu cầu",
    );
    assert!(s.changed(&["rules/binh-tan.toml"]));
    assert!(s.rebuilder.updated());
    s.assert_as_built("a rule file edited");
    let rules = std::fs::read(s.path("rules/binh-tan.toml")).unwrap();
    std::fs::remove_file(s.path("rules/binh-tan.toml")).unwrap();
    assert!(s.changed(&["rules/binh-tan.toml"]));
    assert!(s.rebuilder.updated());
    assert!(!s.opts.out.join("tu-danh-gia/binh-tan.html").exists());
    s.assert_as_built("a rule file removed");
    std::fs::write(s.path("rules/binh-tan.toml"), rules).unwrap();
    assert!(s.changed(&["rules/binh-tan.toml"]));
    assert!(s.rebuilder.updated());
    s.assert_as_built("a rule file written back");

    // Two plans at once; one grows to more search page files, then
    // shrinks back (its last page files must go).
    let son_la = s.path("plans/son-la.md");
    let text = std::fs::read_to_string(&son_la).unwrap();
    let more: String = (0..60)
        .map(|i| format!("\nĐoạn thêm số {i}: chi bộ tổ chức sinh hoạt chuyên đề, đảng viên thực hiện nhiệm vụ được giao và báo cáo kết quả với cấp ủy.\n"))
        .collect();
    std::fs::write(&son_la, format!("{text}{more}")).unwrap();
    s.edit("plans/ben-tre.md", "title = \"", "title = \"(Sửa) ");
    assert!(s.changed(&["plans/son-la.md", "plans/ben-tre.md"]));
    assert!(s.rebuilder.updated());
    s.assert_as_built("two plans edited");
    let page_files = |s: &Served| {
        std::fs::read_dir(s.opts.out.join("search/p"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("4-")
            })
            .count()
    };
    let grown = page_files(&s);
    std::fs::write(&son_la, &text).unwrap();
    assert!(s.changed(&["plans/son-la.md"]));
    assert!(s.rebuilder.updated());
    assert!(page_files(&s) < grown, "{grown} page files before");
    s.assert_as_built("two plans edited");
}

#[test]
fn other_changes_build_the_whole_site() {
    let mut s = Served::new(&real_content());

    // A new plan.
    let text = std::fs::read_to_string(s.path("plans/son-la.md")).unwrap();
    std::fs::write(s.path("plans/a-moi.md"), &text).unwrap();
    assert!(s.changed(&["plans/a-moi.md"]));
    assert!(!s.rebuilder.updated(), "a new plan is a full build");
    s.assert_as_built("a plan added");

    // A plan removed.
    std::fs::remove_file(s.path("plans/a-moi.md")).unwrap();
    assert!(s.changed(&["plans/a-moi.md"]));
    assert!(!s.rebuilder.updated());
    s.assert_as_built("a plan removed");

    // The glossary, the site settings, the national rules.
    s.edit("glossary.toml", "expansion = \"", "expansion = \"(sửa) ");
    assert!(s.changed(&["glossary.toml"]));
    assert!(!s.rebuilder.updated());
    s.assert_as_built("the glossary edited");
    s.edit("site.toml", "title = \"", "title = \"Sửa: ");
    assert!(s.changed(&["site.toml"]));
    assert!(!s.rebuilder.updated());
    s.assert_as_built("the site settings edited");

    // Then a plan again: an update from the new full build.
    s.edit("plans/son-la.md", "title = \"", "title = \"(Sửa) ");
    assert!(s.changed(&["plans/son-la.md"]));
    assert!(s.rebuilder.updated());
    s.assert_as_built("a plan after full builds");
}

#[test]
fn a_broken_edit_leaves_the_site_and_shows_where() {
    let mut s = Served::new(&real_content());
    let before = tree(&s.opts.out);
    let version = s.live.status().version;

    // A front matter field of the wrong type, then a second plan edited
    // while the first is still broken.
    s.edit("plans/binh-tan.md", "number = \"13-KH/CB\"", "number = 13");
    assert!(!s.changed(&["plans/binh-tan.md"]));
    let status = s.live.status();
    assert_eq!(status.version, version, "no reload");
    assert!(
        status
            .problems
            .iter()
            .any(|p| p.file.ends_with("binh-tan.md") && p.line.is_some()),
        "{:?}",
        status.problems
    );
    assert!(tree(&s.opts.out) == before, "the last good site stays");
    s.edit("plans/son-la.md", "title = \"", "title = \"(Sửa) ");
    assert!(
        !s.changed(&["plans/son-la.md"]),
        "binh-tan.md is still broken"
    );
    assert!(tree(&s.opts.out) == before);

    // A rule file that cites a passage the plan does not hold.
    s.edit("plans/binh-tan.md", "number = 13", "number = \"13-KH/CB\"");
    s.edit(
        "rules/binh-tan.toml",
        "quote = \"không thay thế cho đánh giá",
        "quote = \"không hề thay thế cho đánh giá",
    );
    assert!(!s.changed(&["plans/binh-tan.md", "rules/binh-tan.toml"]));
    assert!(
        s.live
            .status()
            .problems
            .iter()
            .any(|p| p.file.ends_with("binh-tan.toml") && p.line.is_some())
    );
    assert!(tree(&s.opts.out) == before);

    // Fixed: both edits since the last good site are in.
    s.edit(
        "rules/binh-tan.toml",
        "quote = \"không hề thay thế cho đánh giá",
        "quote = \"không thay thế cho đánh giá",
    );
    assert!(s.changed(&["rules/binh-tan.toml"]));
    assert!(s.rebuilder.updated());
    let status = s.live.status();
    assert!(status.problems.is_empty());
    assert_eq!(status.version, version + 1);
    s.assert_as_built("fixed");
}

#[test]
fn an_update_that_cannot_write_falls_back_to_a_full_build() {
    let mut s = Served::new(&real_content());
    // The output folder no longer carries site-gen's stamp: the update is
    // refused, and so is the full build after it; nothing is written.
    let stamp = s.opts.out.join(".site-gen");
    let saved = std::fs::read(&stamp).unwrap();
    std::fs::remove_file(&stamp).unwrap();
    let before = tree(&s.opts.out);
    s.edit("plans/son-la.md", "title = \"", "title = \"(Sửa) ");
    assert!(!s.changed(&["plans/son-la.md"]));
    assert!(tree(&s.opts.out) == before);
    let status = s.live.status();
    assert!(
        status.problems[0].message.contains("refusing"),
        "{status:?}"
    );
    // Once the stamp is back, the next change builds the whole site.
    std::fs::write(&stamp, saved).unwrap();
    s.edit("plans/binh-tan.md", "title = \"", "title = \"(Sửa) ");
    assert!(s.changed(&["plans/binh-tan.md"]));
    assert!(
        !s.rebuilder.updated(),
        "after a failed update: a full build"
    );
    s.assert_as_built("after the fallback");
}

#[test]
fn the_small_fixture_too() {
    let mut s = Served::new(&common::fixture());
    let plans: Vec<String> = std::fs::read_dir(s.path("plans"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    for name in &plans {
        let file = format!("plans/{name}");
        let text = std::fs::read_to_string(s.path(&file)).unwrap();
        std::fs::write(s.path(&file), format!("{text}\nThêm một đoạn.\n")).unwrap();
        assert!(s.changed(&[&file]), "{file}");
        assert!(s.rebuilder.updated());
        s.assert_as_built(&file);
    }
}
