//! The search index of the fixture site, queried as the browser does.

mod common;
use bontot_core::search::{self, Meta, PageFile, SearchResult, TermFile, Vocab};
use common::{build, site};
use std::path::Path;

fn read<T: serde::de::DeserializeOwned>(dist: &Path, rel: &str) -> T {
    let text = std::fs::read_to_string(dist.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A query's first screen as the browser ranks it: its plan, the pages
/// of its first five hits, and the page files holding them.
fn first_screen(dist: &Path, q: &str) -> (search::Plan, Vec<search::PageHit>, Vec<String>) {
    let meta: Meta = read(dist, &search::meta_path());
    let vocab: Vocab = read(dist, &search::vocab_path());
    let plan = search::plan_query(q, &vocab);
    let terms: Vec<TermFile> = plan.files().iter().map(|f| read(dist, f)).collect();
    let mut hits = search::rank(&plan, &terms);
    hits.truncate(5);
    let page_files = search::page_files(&hits, meta.chunk);
    (plan, hits, page_files)
}

fn query(dist: &Path, q: &str) -> Vec<SearchResult> {
    let (plan, top, page_files) = first_screen(dist, q);
    let pages: Vec<PageFile> = page_files.iter().map(|f| read(dist, f)).collect();
    search::results(&plan, &top, &pages)
}

/// The site built from the project's own content (`content/`).
fn real_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    site_gen::build::build(&site_gen::build::Options {
        content,
        app: None,
        out: dir.path().join("dist"),
        ..Default::default()
    })
    .unwrap();
    dir
}

/// What the reader sees for `q` (typed as is: the last word a prefix
/// unless a space follows): every ranked page in order, then the first
/// screen's sections with their scores and highlighted words.
fn screen(dist: &Path, q: &str) -> String {
    let vocab: Vocab = read(dist, &search::vocab_path());
    let plan = search::plan_query(q, &vocab);
    let terms: Vec<TermFile> = plan.files().iter().map(|f| read(dist, f)).collect();
    let pages: Vec<String> = search::rank(&plan, &terms)
        .iter()
        .map(|h| h.page.to_string())
        .collect();
    let mut out = format!("{q:?}\nranked pages: {}\n", pages.join(" "));
    for r in query(dist, q) {
        let s = r.score;
        let words: Vec<&str> = r
            .highlights
            .iter()
            .map(|&(a, b)| &r.snippet[a..b])
            .collect();
        out += &format!(
            "{} matched {} exact {} phrase {} impact {} | {}\n",
            r.url,
            s.matched,
            s.exact,
            s.phrase,
            s.impact,
            words.join(" ")
        );
    }
    out
}

/// Queries typed without diacritics rank as they did before exact
/// spellings and quotes were looked at (a snapshot of the real content's
/// results; a change of content is reviewed with `cargo insta review`).
#[test]
fn folded_queries_on_the_real_content_keep_their_ranking() {
    let dir = real_site();
    let dist = dir.path().join("dist");
    let all: Vec<String> = ["ket nap", "dang vien", "ket nap ", "chi bo bon tot"]
        .iter()
        .map(|q| screen(&dist, q))
        .collect();
    insta::assert_snapshot!(all.join("\n"));
}

/// Bytes of the term and page files one query fetches for its first
/// screen (as `cargo xtask search` counts them, less meta and vocab).
fn bytes(dist: &Path, q: &str) -> u64 {
    let (plan, _, page_files) = first_screen(dist, q);
    plan.files()
        .into_iter()
        .chain(page_files)
        .map(|f| std::fs::metadata(dist.join(f)).unwrap().len())
        .sum()
}

/// Heading and snippet, lower case.
fn shown(r: &SearchResult) -> String {
    format!("{} {}", r.heading, r.snippet).to_lowercase()
}

#[test]
fn a_marked_query_on_the_real_content_lists_its_phrase_first() {
    let dir = real_site();
    let dist = dir.path().join("dist");
    for q in ["kết nạp", "Kết nạp ", "kết nạp đảng viên"] {
        let r = query(&dist, q);
        let phrase = r.iter().take_while(|r| r.score.exact_phrase).count();
        assert!(phrase >= 2, "{q}: {r:#?}");
        // The phrase is what the reader sees, before any other section.
        let typed = q.trim().to_lowercase();
        for x in &r[..phrase] {
            assert!(shown(x).contains(&typed), "{q}: {x:#?}");
        }
        for x in &r[phrase..] {
            assert!(!x.score.exact_phrase, "{q}: {x:#?}");
        }
    }
    // "Đoàn kết", "sơ kết" (one word of two) come after every "kết nạp".
    let r = query(&dist, "kết nạp");
    let last = r
        .iter()
        .rposition(|r| shown(r).contains("kết nạp"))
        .unwrap();
    let first_other = r
        .iter()
        .position(|r| shown(r).contains("đoàn kết") || shown(r).contains("sơ kết"))
        .expect("one-word matches are listed too");
    assert!(last < first_other, "{r:#?}");

    // In quotes, only the phrase: the same sections as the phrase above.
    let phrase: Vec<&str> = r
        .iter()
        .filter(|r| r.score.exact_phrase)
        .map(|r| r.url.as_str())
        .collect();
    for q in ["\"kết nạp\"", "“kết nạp”", "“ket nap”", "\"Kết nạp"] {
        let quoted = query(&dist, q);
        let mut got = urls(&quoted);
        got.sort();
        let mut want = phrase.clone();
        want.sort();
        assert_eq!(got, want, "{q}");
        assert!(quoted.iter().all(|r| shown(r).contains("kết nạp")), "{q}");
    }
    // A quote downloads no more than the same words without one: pages
    // without every word of the phrase are left out before page files.
    assert!(bytes(&dist, "\"kết nạp\"") < bytes(&dist, "kết nạp"));
    assert!(bytes(&dist, "“ket nap”") <= bytes(&dist, "ket nap"));
    // Typed wrongly, in quotes: nothing, though the folded words match.
    assert!(query(&dist, "\"kết nắp\"").is_empty());
    assert!(!query(&dist, "\"ket nap\"").is_empty());
}

fn urls(r: &[SearchResult]) -> Vec<&str> {
    r.iter().map(|r| r.url.as_str()).collect()
}

#[test]
fn folded_queries_find_the_right_sections() {
    let dir = site();
    build(dir.path()).unwrap();
    let dist = dir.path().join("dist");

    let r = query(&dist, "ke hoach");
    assert!(urls(&r).contains(&"ke-hoach/alpha.html#tieu-de"), "{r:#?}");
    let r = query(&dist, "ky luat");
    assert!(urls(&r).contains(&"ke-hoach/alpha.html#muc-i-3"), "{r:#?}");
    assert!(
        urls(&r).contains(&"so-sanh.html#tieu-chi-doan-ket-ky-luat"),
        "{r:#?}"
    );

    // A numbered paragraph is its own section, shown under its heading.
    let r = query(&dist, "tong ket");
    assert_eq!(r[0].url, "ke-hoach/alpha.html#muc-ii-1");
    assert_eq!(r[0].heading, "II. TỔ CHỨC THỰC HIỆN");
    assert!(
        r[0].snippet.contains("tổng kết trong tháng 12"),
        "{}",
        r[0].snippet
    );

    // "đ" folds to "d"; the glossary's terms have their own anchors.
    let r = query(&dist, "dang uy");
    assert!(r[..4].iter().all(|r| r.score.matched == 2), "{r:#?}");
    assert!(urls(&r).contains(&"thuat-ngu.html#tu-kh-du"), "{r:#?}");
    assert!(r[0].highlights.len() >= 2);
    let r = query(&dist, "httnv");
    assert_eq!(r[0].url, "thuat-ngu.html#tu-httnv");
    assert_eq!(r[0].snippet, "Hoàn thành tốt nhiệm vụ");

    // The front matter is searchable too.
    let r = query(&dist, "01-KH/ĐU");
    assert!(
        urls(&r).contains(&"ke-hoach/alpha.html#thong-tin"),
        "{r:#?}"
    );
    assert!(query(&dist, "xyzzy quux").is_empty());
}

#[test]
fn every_section_anchor_is_an_id_on_its_page() {
    let dir = site();
    build(dir.path()).unwrap();
    let dist = dir.path().join("dist");
    let meta: Meta = read(&dist, &search::meta_path());
    assert_eq!(meta.pages, 3);
    let mut sections = 0;
    for e in std::fs::read_dir(dist.join("search/p")).unwrap() {
        let rel = format!("search/p/{}", e.unwrap().file_name().to_string_lossy());
        let file: PageFile = read(&dist, &rel);
        let html = std::fs::read_to_string(dist.join(&file.url)).unwrap();
        for (anchor, _, _) in &file.sections {
            sections += 1;
            assert!(
                anchor.is_empty() || html.contains(&format!("id=\"{anchor}\"")),
                "{}#{anchor} is not an id",
                file.url
            );
        }
    }
    assert_eq!(sections as u64, meta.sections);
}
