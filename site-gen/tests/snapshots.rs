//! Snapshots of the rendered pages of the fixture site: a layout change
//! shows up as a snapshot diff to review (`cargo insta review`), never by
//! accident.

mod common;
use common::{build, site};

/// The file, one tag per line so that diffs are readable.
fn page(rel: &str) -> String {
    let dir = site();
    build(dir.path()).unwrap();
    let text = std::fs::read_to_string(dir.path().join("dist").join(rel)).unwrap();
    text.replace("><", ">\n<")
}

#[test]
fn home() {
    insta::assert_snapshot!(page("index.html"));
}

#[test]
fn plan() {
    insta::assert_snapshot!(page("ke-hoach/alpha.html"));
}

#[test]
fn compare() {
    insta::assert_snapshot!(page("so-sanh.html"));
}

#[test]
fn deadlines() {
    insta::assert_snapshot!(page("thoi-han.html"));
}

#[test]
fn calendar() {
    insta::assert_snapshot!(page("thoi-han.ics").replace("\r\n", "⏎\n"));
}

#[test]
fn glossary() {
    insta::assert_snapshot!(page("thuat-ngu.html"));
}

#[test]
fn calculator() {
    insta::assert_snapshot!(page("tu-danh-gia/alpha.html"));
}

#[test]
fn search() {
    insta::assert_snapshot!(page("tim-kiem.html"));
}

#[test]
fn sitemap_and_robots() {
    insta::assert_snapshot!(format!(
        "{}\n---\n{}",
        page("sitemap.xml"),
        page("robots.txt")
    ));
}
