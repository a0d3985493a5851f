//! National rules in a content folder: the excerpt page is published and
//! linked, marked as an excerpt with its sources; a citation that does not
//! match the excerpt is an error naming the rule file's line; a regime file
//! without its page, or two regimes for one year, are refused.

mod common;
use std::path::Path;

/// The fixture with the shipped national rules added.
fn site_with_national() -> tempfile::TempDir {
    let dir = common::site();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/national");
    common::copy_dir(&from, &dir.path().join("content/national"));
    dir
}

#[test]
fn the_excerpt_page_is_published_marked_and_linked() {
    let dir = site_with_national();
    common::build(dir.path()).unwrap();
    let dist = dir.path().join("dist");
    let page = std::fs::read_to_string(dist.join("van-ban/qd-366.html")).unwrap();
    assert!(page.contains("trang trích, không phải toàn văn"));
    assert!(
        page.contains("tnt305/tai_lieu_noi_bo"),
        "the source is named"
    );
    // The verbatim lead sentence of HTXSNV and its table row.
    assert!(
        page.contains("Là tập thể, cá nhân có kết quả tổng điểm đánh giá đạt từ 90 điểm trở lên.")
    );
    assert!(page.contains("từ 90 điểm trở lên, và đủ tất cả:"));
    // Every citation points at an id of the page.
    for href in page.split("href=\"#").skip(1) {
        let id = &href[..href.find('"').unwrap()];
        assert!(
            page.contains(&format!("id=\"{id}\"")),
            "#{id} has no target"
        );
    }
    let home = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(home.contains("href=\"van-ban/qd-366.html\""));
    let sitemap = std::fs::read_to_string(dist.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("van-ban/qd-366.html"));
}

#[test]
fn a_wrong_quote_names_its_line_and_the_closest_passage() {
    let dir = site_with_national();
    common::edit(
        dir.path(),
        "national/qd-366.toml",
        "quote = \"Có trên 50% số phiếu tín nhiệm thấp\"",
        "quote = \"Có trên 60% số phiếu tín nhiệm thấp\"",
    );
    common::edit(
        dir.path(),
        "national/qd-366.toml",
        "anchor = \"huong-dan-43-tieu-muc-7-5-va-7-6\", quote = \"Đảng viên đang",
        "anchor = \"huong-dan-43\", quote = \"Đảng viên đang",
    );
    let err = common::build(dir.path()).unwrap_err();
    assert!(err.contains("qd-366.toml:"), "{err}");
    assert!(err.contains("closest passage"), "{err}");
    assert!(err.contains("is not an id in this excerpt page"), "{err}");
    assert!(err.contains("content/national/qd-366.md"), "{err}");
    assert!(!dir.path().join("dist").exists(), "nothing written");
}

#[test]
fn regime_files_are_checked() {
    let dir = site_with_national();
    let national = dir.path().join("content/national");
    // Rules without their page, and years that overlap.
    std::fs::copy(national.join("qd-366.toml"), national.join("khac.toml")).unwrap();
    std::fs::copy(national.join("qd-366.toml"), national.join("qd-999.toml")).unwrap();
    std::fs::copy(national.join("qd-366.md"), national.join("qd-999.md")).unwrap();
    common::edit(
        dir.path(),
        "national/qd-999.toml",
        "all = [\"don-vi-hoan-thanh-100\", \"don-vi-vuot-30\", \"khac-phuc-100\"]",
        "all = [\"don-vi-hoan-thanh-100\", \"vuot-31\", \"khac-phuc-100\"]",
    );
    let err = common::build(dir.path()).unwrap_err();
    assert!(
        err.contains("khac.toml: no excerpt page beside it"),
        "{err}"
    );
    assert!(
        err.contains("unknown condition \\\"vuot-31\\\"")
            || err.contains("unknown condition \"vuot-31\""),
        "{err}"
    );
    let dir = site_with_national();
    let national = dir.path().join("content/national");
    std::fs::copy(national.join("qd-366.toml"), national.join("qd-999.toml")).unwrap();
    std::fs::copy(national.join("qd-366.md"), national.join("qd-999.md")).unwrap();
    let err = common::build(dir.path()).unwrap_err();
    assert!(err.contains("overlap"), "{err}");
}
