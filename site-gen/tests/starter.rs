//! `site-gen init`: the starter site is valid as the content evolves (it
//! is the repository's own example plan, built into the binary), and init
//! never writes into a folder that holds files.

use std::process::Command;

fn site_gen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_site-gen"))
}

#[test]
fn the_starter_site_passes_check_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let init = site_gen().arg("init").arg(&site).output().unwrap();
    assert!(init.status.success(), "{init:?}");
    let said = String::from_utf8_lossy(&init.stdout);
    assert!(said.contains("site-gen serve"), "{said}");
    let check = site_gen().current_dir(&site).arg("check").output().unwrap();
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{err}");
    assert!(err.contains("content is valid (1 plans)"), "{err}");
    // The example plan has its rule file: no warning about it.
    assert!(!err.contains("no rule set"), "{err}");
    let stats = site_gen::build::build(&site_gen::build::Options {
        content: site.join("content"),
        out: site.join("dist"),
        ..Default::default()
    })
    .unwrap();
    assert!(site.join("dist/ke-hoach/binh-tan.html").is_file());
    assert!(site.join("dist/tu-danh-gia/binh-tan.html").is_file());
    assert!(site.join("dist/van-ban/qd-366.html").is_file());
    assert!(stats.pages >= 10, "{stats:?}");
    let sitemap = std::fs::read_to_string(site.join("dist/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(site_gen::starter::PLACEHOLDER_URL),
        "{sitemap}"
    );
}

#[test]
fn init_refuses_a_folder_with_files_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let init = site_gen().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(init.status.code(), Some(1));
    let err = String::from_utf8_lossy(&init.stderr);
    assert!(err.contains("already holds files"), "{err}");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}
