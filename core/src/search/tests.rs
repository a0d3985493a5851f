//! End to end: build an index in memory, then query it as the browser does.

use super::index::{Builder, Section};
use super::*;
use std::collections::BTreeMap;

fn sec(anchor: &str, heading: &str, text: &str) -> Section {
    Section {
        anchor: anchor.into(),
        heading: heading.into(),
        own_heading: true,
        text: text.into(),
    }
}

type Pages = Vec<(&'static str, &'static str, Vec<Section>)>;

fn pages() -> Pages {
    vec![
        (
            "ke-hoach/son-la.html",
            "Sơn La: Kế hoạch chi bộ bốn tốt",
            vec![
                sec(
                    "",
                    "Kế hoạch",
                    "Số 81-KH/TU. Xây dựng “chi bộ bốn tốt”, đảng bộ cơ sở bốn tốt.",
                ),
                sec(
                    "muc-i",
                    "I. Mục đích",
                    "Nâng cao chất lượng sinh hoạt chi bộ.",
                ),
                sec(
                    "muc-ii-1",
                    "1. Tiêu chí",
                    "Chi bộ bốn tốt là chi bộ có 100% đảng viên hoàn thành nhiệm vụ; giữ nghiêm kỷ luật của Đảng.",
                ),
                sec(
                    "muc-ii-2",
                    "2. Kết nạp",
                    "Kết nạp ít nhất 02 đảng viên mới mỗi năm.",
                ),
            ],
        ),
        (
            "ke-hoach/ben-tre.html",
            "Bến Tre: Kế hoạch",
            vec![
                sec(
                    "muc-i",
                    "I. Yêu cầu",
                    "Các chi bộ đang thực hiện nhiều dạng hoạt động khác nhau.",
                ),
                sec(
                    "muc-ii",
                    "II. Đoàn kết",
                    "Nội bộ đoàn kết, không có đảng viên vi phạm kỷ luật.",
                ),
                sec(
                    "muc-iii",
                    "III. Tổ chức",
                    "Ban Tổ chức tổng hợp, báo cáo tốt.",
                ),
            ],
        ),
        (
            "thuat-ngu.html",
            "Thuật ngữ",
            vec![sec("tu-httnv", "HTTNV", "Hoàn thành tốt nhiệm vụ")],
        ),
    ]
}

/// Builds the index of `pages` (added in the given order) into a map of
/// path → JSON.
fn build(pages: &Pages, order: &[usize], k: u32, file_bytes: usize) -> BTreeMap<String, String> {
    let b = Builder::new(k, k * 3, file_bytes);
    let mut files = BTreeMap::new();
    for &i in order {
        let (url, title, s) = &pages[i];
        files.extend(b.add_page(i as u32, url, title, s));
    }
    finish(b, &mut files);
    files
}

/// Writes the index's own files into `files`.
fn finish(b: Builder, files: &mut BTreeMap<String, String>) {
    let index = b.finish();
    let mut first = Vec::new();
    for t in 0..index.terms() {
        let f = index.term_files(t);
        first.push(f[0].1.len());
        files.extend(f);
    }
    files.extend([index.meta_file(), index.vocab_file(&first)]);
    files.extend(index.heads_file());
}

struct Site {
    files: BTreeMap<String, String>,
}

impl Site {
    fn new() -> Site {
        Site {
            files: build(&pages(), &[0, 1, 2], K, FILE_BYTES),
        }
    }

    fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        serde_json::from_str(self.files.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
    }

    /// The plan of `q` and its ranked pages.
    fn rank(&self, q: &str) -> (Plan, Vec<PageHit>) {
        let vocab: Vocab = self.get(&vocab_path());
        let plan = plan_query(q, &vocab);
        // A file missing is a 404: allowed for terms left out of the vocabulary.
        let terms: Vec<TermFile> = plan
            .terms
            .iter()
            .filter(|t| !t.optional || self.files.contains_key(&t.file))
            .map(|t| self.get(&t.file))
            .collect();
        let hits = rank(&plan, &terms);
        (plan, hits)
    }

    fn search(&self, q: &str) -> Vec<SearchResult> {
        let meta: Meta = self.get(&meta_path());
        let (plan, hits) = self.rank(q);
        let top = &hits[..hits.len().min(5)];
        let pages: Vec<PageFile> = page_files(top, meta.chunk)
            .iter()
            .map(|f| self.get(f))
            .collect();
        results(&plan, top, &pages)
    }
}

fn urls(r: &[SearchResult]) -> Vec<&str> {
    r.iter().map(|r| r.url.as_str()).collect()
}

fn is_sorted(r: &[SearchResult]) -> bool {
    r.windows(2).all(|w| w[0].score >= w[1].score)
}

/// The highlighted words of a result's snippet.
fn marked(r: &SearchResult) -> Vec<&str> {
    r.highlights
        .iter()
        .map(|&(a, b)| &r.snippet[a..b])
        .collect()
}

#[test]
fn folded_query_finds_marked_text() {
    let site = Site::new();
    let r = site.search("chi bo bon tot");
    // Both sections hold the phrase; the top of the page has no anchor.
    assert_eq!(
        urls(&r)[..2],
        ["ke-hoach/son-la.html", "ke-hoach/son-la.html#muc-ii-1"]
    );
    assert!(
        r[..2]
            .iter()
            .all(|r| r.score.phrase && r.score.matched == 4)
    );
    assert_eq!(r[1].page_title, "Sơn La: Kế hoạch chi bộ bốn tốt");
    assert_eq!(r[1].heading, "1. Tiêu chí");
    assert_eq!(marked(&r[1])[..4], ["Chi", "bộ", "bốn", "tốt"]);
    assert_eq!(marked(&r[0])[..4], ["chi", "bộ", "bốn", "tốt"]);
    assert!(is_sorted(&r));

    let r = site.search("dang vien");
    assert_eq!(
        r.iter().filter(|r| r.score.matched == 2).count(),
        3,
        "{r:#?}"
    );
    assert!(is_sorted(&r));
    assert_eq!(marked(&r[0]), ["đảng", "viên"]);

    let r = site.search("ky luat");
    assert_eq!(
        urls(&r)[..2],
        [
            "ke-hoach/ben-tre.html#muc-ii",
            "ke-hoach/son-la.html#muc-ii-1"
        ]
    );
    assert!(marked(&r[0]).contains(&"kỷ"));

    let r = site.search("HTTNV");
    assert_eq!(urls(&r), ["thuat-ngu.html#tu-httnv"]);
    assert_eq!(r[0].heading_highlights, [(0, 5)]);
}

#[test]
fn marked_query_ranks_exact_spelling_first() {
    let site = Site::new();
    let r = site.search("Đảng ");
    let first_other = r
        .iter()
        .position(|r| r.score.exact == 0)
        .expect("folded matches too");
    assert!(first_other > 0);
    for x in &r[..first_other] {
        assert!(
            marked(x).iter().any(|w| w.to_lowercase() == "đảng") || x.heading.contains("Đ"),
            "{x:#?}"
        );
    }
    // "đang", "dạng" (ben-tre muc-i) only after every "đảng".
    let dang = r
        .iter()
        .position(|r| r.url == "ke-hoach/ben-tre.html#muc-i")
        .unwrap();
    assert!(dang >= first_other);
    // Without marks, the same sections are found.
    assert_eq!(site.search("dang ").len(), r.len());
}

#[test]
fn decomposed_query_is_the_same_query() {
    let site = Site::new();
    // NFD, and with the marks of "ệ" in the other order.
    let nfd = "\u{110}a\u{309}ng vie\u{302}n";
    assert_eq!(site.search(nfd), site.search("Đảng viên"));
    assert_eq!(site.search("vie\u{301}\u{302}t"), site.search("viết"));
}

#[test]
fn last_word_is_a_prefix_while_typing() {
    let site = Site::new();
    let r = site.search("ket n");
    assert_eq!(r[0].url, "ke-hoach/son-la.html#muc-ii-2");
    assert_eq!(marked(&r[0])[..2], ["Kết", "nạp"]);
    // "ket n ": a finished "n" is a word in no text.
    let r = site.search("ket n ");
    assert!(r.iter().all(|r| r.score.matched == 1));
    let r = site.search("bon tot");
    assert_eq!(r[0].score.matched, 2);
    assert!(is_sorted(&r));
}

#[test]
fn nothing_to_find() {
    let site = Site::new();
    assert!(site.search("xyzzy").is_empty());
    assert!(site.search("").is_empty());
    assert!(site.search(" ,.;:!?“”()-–— ").is_empty());
    assert!(site.search("🙂🙂").is_empty());
}

#[test]
fn odd_input_does_not_break() {
    let site = Site::new();
    let long = "chi bộ ".repeat(2000);
    let r = site.search(&long);
    assert!(!r.is_empty());
    for q in [
        "\u{301}",
        "İstanbul",
        "ǅ",
        "a\u{0}b",
        "ﬁ",
        "\u{202e}chi",
        "ⅻ",
        "١٢٣",
    ] {
        let _ = site.search(q);
    }
    // Words split at invisible characters are still words.
    assert!(!site.search("chi\u{200b}bo").is_empty());
}

#[test]
fn snippets_are_cut_on_words_around_the_match() {
    let filler = "Lorem ipsum dolor sit amet consectetur. ".repeat(20);
    let text: &'static str = Box::leak(
        format!("{filler}Chi bộ đạt danh hiệu “bốn tốt” năm nay. {filler}").into_boxed_str(),
    );
    let pages: Pages = vec![("a.html", "A", vec![sec("s", "H", text)])];
    let files = build(&pages, &[0], K, FILE_BYTES);
    let site = Site { files };
    let r = site.search("danh hieu");
    let s = &r[0].snippet;
    assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    assert!(s.chars().count() <= SNIPPET_CHARS + 2, "{s}");
    assert!(s.contains("danh hiệu “bốn tốt”"), "{s}");
    // Whole words at both ends.
    let inner = s.trim_matches('…');
    assert!(filler.contains(inner.split("Chi").next().unwrap().trim_start()));
    assert_eq!(marked(&r[0]), ["danh", "hiệu"]);
    // Short text is whole.
    let r = site.search("lorem");
    assert!(r[0].snippet.starts_with("Lorem"));
}

#[test]
fn output_does_not_depend_on_page_order() {
    let p = pages();
    assert_eq!(build(&p, &[0, 1, 2], 2, 100), build(&p, &[2, 0, 1], 2, 100));
}

#[test]
fn threads_build_the_same_index() {
    let p = pages();
    let one = build(&p, &[0, 1, 2], 2, 100);
    let b = Builder::new(2, 6, 100);
    let mut files = BTreeMap::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|i| {
                let (b, p) = (&b, &p);
                s.spawn(move || b.add_page(i as u32, p[i].0, p[i].1, &p[i].2))
            })
            .collect();
        for h in handles {
            files.extend(h.join().unwrap());
        }
    });
    finish(b, &mut files);
    assert_eq!(files, one);
}

#[test]
fn long_posting_lists_are_cut_and_continued() {
    // K = 2: "chi" is in more sections than that.
    let files = build(&pages(), &[0, 1, 2], 2, 100);
    let first: TermFile = serde_json::from_str(&files["search/t/chi.json"]).unwrap();
    assert_eq!(first.more, 1);
    let more: TermFile = serde_json::from_str(&files["search/t/chi.1.json"]).unwrap();
    let count = |f: &TermFile| -> usize { f.variants.iter().map(|(_, p)| p.len() / 3).sum() };
    assert!(count(&first) <= 2 * first.variants.len());
    assert!(count(&more) > 0);
    // The first file holds the best postings.
    let best = |f: &TermFile| -> u32 {
        f.variants
            .iter()
            .flat_map(|(_, p)| files::decode(p).map(|p| p.impact))
            .max()
            .unwrap()
    };
    assert!(best(&first) >= best(&more));
    // With both files, every section holding "chi" is found.
    assert_eq!(
        more_files(std::slice::from_ref(&first)),
        ["search/t/chi.1.json"]
    );
    assert!(more_files(&[first.clone(), more.clone()]).is_empty());
    let site = Site { files };
    let vocab: Vocab = site.get(&vocab_path());
    let plan = plan_query("chi ", &vocab);
    let all = rank(&plan, &[first, more]);
    let sections: usize = all.iter().map(|h| h.sections.len()).sum();
    assert_eq!(sections, 4);
    let plan = plan_query("chi ", &vocab);
    let first: TermFile = site.get("search/t/chi.json");
    let cut: usize = rank(&plan, &[first]).iter().map(|h| h.sections.len()).sum();
    assert_eq!(cut, 2);
}

#[test]
fn page_files_are_cut_by_size() {
    // About 150 bytes a file: the son-la page takes several.
    let files = build(&pages(), &[0, 1, 2], K, 150);
    let son_la: Vec<PageFile> = files
        .iter()
        .filter(|(p, _)| p.starts_with("search/p/0-"))
        .map(|(_, j)| serde_json::from_str(j).unwrap())
        .collect();
    assert!(son_la.len() > 1);
    let anchors: Vec<&str> = son_la
        .iter()
        .flat_map(|f| f.sections.iter().map(|s| s.0.as_str()))
        .collect();
    assert_eq!(anchors, ["", "muc-i", "muc-ii-1", "muc-ii-2"]);
    for (n, f) in son_la.iter().enumerate() {
        assert_eq!(f.first, n as u32 * CHUNK);
    }
    // The whole site still answers, from several files.
    let site = Site { files };
    assert_eq!(
        site.search("ket nap")[0].url,
        "ke-hoach/son-la.html#muc-ii-2"
    );
    let meta: Meta = site.get("search/meta.json");
    assert_eq!((meta.pages, meta.sections, meta.chunk), (3, 8, CHUNK));
    // Big enough: one file a page.
    let files = build(&pages(), &[0, 1, 2], K, FILE_BYTES);
    assert_eq!(
        files.keys().filter(|p| p.starts_with("search/p/")).count(),
        3
    );
}

#[test]
fn impacts_follow_bm25() {
    let p: Pages = vec![(
        "a.html",
        "A",
        vec![
            sec("a", "", "tốt tốt tốt"),
            sec("b", "", "tốt và nhiều chữ khác nữa ở đây cho dài hơn"),
            sec("c", "", "hiếm"),
        ],
    )];
    let files = build(&p, &[0], K, FILE_BYTES);
    let tot: TermFile = serde_json::from_str(&files["search/t/tot.json"]).unwrap();
    let hiem: TermFile = serde_json::from_str(&files["search/t/hiem.json"]).unwrap();
    let ps: Vec<Posting> = files::decode(&tot.variants[0].1).collect();
    assert!(ps[0].impact > ps[1].impact, "{ps:?}");
    // A rarer word weighs more.
    let h = files::decode(&hiem.variants[0].1).next().unwrap();
    assert!(h.impact > ps[1].impact);
    assert_eq!(tot.df, 2);
}

#[test]
fn sections_missing_from_cut_lists_are_found_in_the_text() {
    // K = 1: each spelling lists one section only.
    let files = build(&pages(), &[0, 1, 2], 1, FILE_BYTES);
    let site = Site { files };
    let r = site.search("chi bo ");
    let son_la = r
        .iter()
        .filter(|r| r.url.starts_with("ke-hoach/son-la.html"))
        .count();
    assert_eq!(son_la, SECTIONS_PER_PAGE);
    assert!(r.iter().all(|r| r.score.matched == 2));
}

#[test]
fn page_files_are_capped() {
    let hit = |page: u32, sections: &[u32]| PageHit {
        page,
        sections: sections
            .iter()
            .map(|&section| SectionHit {
                section,
                score: Score::default(),
            })
            .collect(),
    };
    let hits = [
        hit(1, &[0, 64, 128]),
        hit(2, &[65]),
        hit(3, &[0]),
        hit(4, &[0]),
        hit(5, &[0]),
    ];
    let f = page_files(&hits, 64);
    assert_eq!(
        f,
        [
            "search/p/1-0.json",
            "search/p/2-1.json",
            "search/p/3-0.json",
            "search/p/4-0.json",
            "search/p/5-0.json"
        ]
    );
    assert_eq!(page_files(&hits[..1], 64).len(), 3);
}

#[test]
fn huge_sections_are_indexed_whole_but_stored_cut() {
    let big: &'static str =
        Box::leak(format!("{}cuối cùng", "chữ rất dài ".repeat(5000)).into_boxed_str());
    let pages: Pages = vec![("a.html", "A", vec![sec("s", "H", big)])];
    let files = build(&pages, &[0], K, FILE_BYTES);
    let page = &files["search/p/0-0.json"];
    assert!(
        page.len() < index::MAX_SECTION_BYTES + 200,
        "{}",
        page.len()
    );
    // The last word is past the cut: found, shown from the start.
    let site = Site { files };
    let r = site.search("cuoi cung");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].score.matched, 2);
    assert!(r[0].highlights.is_empty());
}

#[test]
fn a_big_vocabulary_lists_the_frequent_terms_and_the_rest_still_answers() {
    let n = index::VOCAB_MAX + 100;
    // Word i is in (i % 50) + 1 of 50 sections.
    let sections: Vec<Section> = (0..50)
        .map(|s| {
            let words: Vec<String> = (0..n)
                .filter(|i| i % 50 >= s)
                .map(|i| format!("w{i}"))
                .collect();
            sec(
                &format!("s{s}"),
                "",
                Box::leak(words.join(" ").into_boxed_str()),
            )
        })
        .collect();
    let pages: Pages = vec![("a.html", "A", sections)];
    let files = build(&pages, &[0], K, FILE_BYTES);
    let vocab: Vocab = serde_json::from_str(&files["search/vocab.json"]).unwrap();
    assert!(!vocab.all);
    assert_eq!(vocab.entries().count(), index::VOCAB_MAX);
    assert!(vocab.entries().any(|(t, _, _)| t == "w49"));
    let rare = "w0";
    assert!(!vocab.entries().any(|(t, _, _)| t == rare));
    let site = Site { files };
    assert_eq!(site.search(&format!("{rare} ")).len(), 1);
    assert!(site.search("w49 ").len() > 1);
    assert!(site.search("nowhere ").is_empty());
}

/// One section a page: "kết" and "nạp" together, apart, folded only, or
/// "kết" alone; and "kế" (in some headings too).
fn ket_nap_pages() -> Pages {
    let page = |url, text| (url, "Trang", vec![sec("s", "", text)]);
    let plan = |url, text| (url, "Trang", vec![sec("s", "Kế hoạch", text)]);
    vec![
        plan("doan-ket.html", "Nội bộ đoàn kết, thống nhất."),
        plan("so-ket.html", "Tổ chức sơ kết, tổng kết phong trào."),
        page("ket-nap.html", "Kết nạp đảng viên mới mỗi năm."),
        // Both words, apart, and often (a higher impact than "kết nạp").
        page(
            "roi.html",
            "Nạp hồ sơ, nạp lại, nạp đủ; chi bộ kết luận, kết thúc việc xét.",
        ),
        // "ket nap" folded as a phrase, "kết" and "nạp" apart.
        page(
            "ket-nap-gap.html",
            "Cửa kẹt nắp; kết luận, kết thúc; nạp hồ sơ, nạp lại.",
        ),
        plan("nap.html", "Nắp hộp bị kẹt, kẹt nắp, mở không được."),
        page(
            "ke.html",
            "Kế hoạch này được xây dựng cho cả năm học, với nhiều mục tiêu và nhiều hoạt động khác nhau của chi bộ.",
        ),
    ]
}

fn ket_nap_site() -> Site {
    let p = ket_nap_pages();
    let order: Vec<usize> = (0..p.len()).collect();
    Site {
        files: build(&p, &order, K, FILE_BYTES),
    }
}

/// The pages of the results, in order.
fn result_pages(r: &[SearchResult]) -> Vec<&str> {
    r.iter().map(|r| r.url.split('#').next().unwrap()).collect()
}

#[test]
fn marked_query_ranks_the_exact_phrase_then_exact_words_then_folded() {
    let site = ket_nap_site();
    let r = site.search("kết nạp ");
    let pages = result_pages(&r);
    // The phrase spelt as typed; both words spelt as typed, the one with
    // the folded phrase first; the folded phrase only; one word only.
    assert_eq!(
        pages[..4],
        ["ket-nap.html", "ket-nap-gap.html", "roi.html", "nap.html"],
        "{r:#?}"
    );
    assert!(r[0].score.exact_phrase && r[0].score.exact == 2);
    // Not by impact: the words apart weigh more.
    assert!(r[1].score.impact > r[0].score.impact, "{r:#?}");
    assert!(!r[1].score.exact_phrase && r[1].score.phrase);
    assert!(r[4..].iter().all(|r| r.score.matched == 1), "{r:#?}");
    assert!(is_sorted(&r));
    // While typing (the last word a prefix), the same order.
    let typing = site.search("kết nạp");
    assert_eq!(result_pages(&typing)[..4], pages[..4]);
    // Typed without marks: the phrase first, whatever its spelling.
    let r = site.search("ket nap ");
    assert!(r[..3].iter().all(|r| r.score.phrase), "{r:#?}");
    assert!(!r[3].score.phrase && r[3].score.matched == 2, "{r:#?}");
    assert!(r.iter().all(|r| r.score.exact == 0 && r.score.whole == 0));
    assert!(is_sorted(&r));
}

#[test]
fn a_marked_word_being_typed_ranks_the_whole_word_first() {
    let site = ket_nap_site();
    // "kế" starts "kết": both are its exact spelling, the whole word first.
    let r = site.search("kế");
    assert!(r.iter().all(|r| r.score.exact == 1), "{r:#?}");
    let whole = r.iter().take_while(|r| r.score.whole == 1).count();
    assert!(whole > 0 && r[whole..].iter().all(|r| r.score.whole == 0));
    let at = |url: &str| r.iter().position(|r| r.url == url).unwrap();
    assert!(at("ke.html#s") < whole && at("ket-nap-gap.html#s") >= whole);
    // Not by impact: "kết" weighs more there.
    assert!(r[at("ket-nap-gap.html#s")].score.impact > r[at("ke.html#s")].score.impact);
    // Typed without marks, "ke" ranks by impact alone.
    let r = site.search("ke");
    assert!(r.iter().all(|r| r.score.whole == 0 && r.score.exact == 0));
    assert!(r.windows(2).all(|w| w[0].score.impact >= w[1].score.impact));
}

#[test]
fn a_quoted_query_matches_the_phrase_only() {
    let site = ket_nap_site();
    // With marks: the phrase spelt as typed.
    for q in [
        "\"kết nạp\"",
        "“kết nạp”",
        "”kết nạp”",
        "„Kết nạp“",
        "\"kết nạ",
    ] {
        let r = site.search(q);
        assert_eq!(result_pages(&r), ["ket-nap.html"], "{q}: {r:#?}");
        assert_eq!(marked(&r[0]), ["Kết", "nạp"], "{q}");
    }
    // Without marks: the folded phrase, whatever its spelling.
    let r = site.search("“ket nap”");
    let mut pages = result_pages(&r);
    pages.sort();
    assert_eq!(pages, ["ket-nap-gap.html", "ket-nap.html", "nap.html"]);
    // Only the phrase is highlighted, not the words elsewhere.
    let gap = r.iter().find(|r| r.url == "ket-nap-gap.html#s").unwrap();
    assert_eq!(marked(gap), ["kẹt", "nắp"]);
    // Before the text is fetched, only pages holding both words spelt as
    // typed are ranked: fewer page files to fetch.
    let pages_of = |q: &str| -> Vec<&str> {
        let (_, hits) = site.rank(q);
        let mut p: Vec<&str> = hits
            .iter()
            .map(|h| ket_nap_pages()[h.page as usize].0)
            .collect();
        p.sort();
        p
    };
    assert_eq!(
        pages_of("\"kết nạp\""),
        ["ket-nap-gap.html", "ket-nap.html", "roi.html"]
    );
    assert_eq!(pages_of("\"ket nap\"").len(), 4);
    assert_eq!(pages_of("kết nạp ").len(), 6);
    // Words in another order are not the phrase.
    assert!(site.search("\"nạp kết\"").is_empty());
    assert!(!site.search("nạp kết ").is_empty());
    // One word in quotes: that spelling only.
    let r = site.search("\"kết\"");
    assert!(r.iter().all(|r| r.score.exact == 1), "{r:#?}");
    assert!(!result_pages(&r).contains(&"nap.html"));
    assert!(site.search("\"ket\"").iter().any(|r| r.url == "nap.html#s"));
    // A quote beside other words: the quote is required, the rest ranks.
    let r = site.search("\"kết nạp\" mới");
    assert_eq!(result_pages(&r), ["ket-nap.html"]);
    let r = site.search("năm \"kết nạp\"");
    assert_eq!(result_pages(&r), ["ket-nap.html"]);
}

#[test]
fn quotes_are_found_in_headings_too() {
    let pages: Pages = vec![(
        "a.html",
        "A",
        vec![
            sec("h", "Kết nạp đảng viên", "Mỗi năm hai người."),
            sec("t", "Khác", "Kết quả tốt; nạp hồ sơ."),
        ],
    )];
    let site = Site {
        files: build(&pages, &[0], K, FILE_BYTES),
    };
    let r = site.search("\"kết nạp\"");
    assert_eq!(urls(&r), ["a.html#h"]);
    let h = &r[0].heading;
    let words: Vec<&str> = r[0]
        .heading_highlights
        .iter()
        .map(|&(a, b)| &h[a..b])
        .collect();
    assert_eq!(words, ["Kết", "nạp"]);
    assert_eq!(site.search("kết nạp ").len(), 2);
}

/// Pages enough for every spelling's list to be cut (k = 2, keep 6).
fn many_pages(edited: usize, text: &str) -> Vec<(String, String, Vec<Section>)> {
    (0..40)
        .map(|i| {
            let body = if i == edited {
                text.to_string()
            } else {
                format!(
                    "Chi bộ bốn tốt {i}. {} đảng viên",
                    "chi bộ ".repeat(i % 7 + 1)
                )
            };
            (
                format!("p{i}.html"),
                format!("Trang {i}"),
                vec![
                    sec("a", "Đảng bộ", &body),
                    sec("b", "Chi bộ", &format!("đảng viên {}", i % 3)),
                ],
            )
        })
        .collect()
}

fn index_files(b: &Builder, files: &mut BTreeMap<String, String>) {
    let index = b.index();
    files.retain(|p, _| p.starts_with("search/p/"));
    let mut first = Vec::new();
    for t in 0..index.terms() {
        let f = index.term_files(t);
        first.push(f[0].1.len());
        files.extend(f);
    }
    files.extend([index.meta_file(), index.vocab_file(&first)]);
    files.extend(index.heads_file());
}

#[test]
fn an_updatable_index_writes_what_a_fresh_one_writes() {
    let fresh = |pages: &[(String, String, Vec<Section>)]| {
        let b = Builder::new(2, 6, 100);
        let mut files = BTreeMap::new();
        for (i, (url, title, s)) in pages.iter().enumerate() {
            files.extend(b.add_page(i as u32, url, title, s));
        }
        finish(b, &mut files);
        files
    };
    let before = many_pages(99, "");
    let b = Builder::updatable(2, 6, 100);
    let mut files = BTreeMap::new();
    for (i, (url, title, s)) in before.iter().enumerate() {
        files.extend(b.add_page(i as u32, url, title, s));
    }
    index_files(&b, &mut files);
    assert_eq!(files, fresh(&before));
    // Page 3 edited (a new word, fewer "chi bộ"), then edited again.
    for text in [
        "Chi bộ mới hoàn toàn, đảng viên trẻ",
        "chi bộ chi bộ chi bộ",
    ] {
        let after = many_pages(3, text);
        b.remove_page(3).unwrap();
        // Its page files may be fewer now.
        files.retain(|p, _| !p.starts_with("search/p/3-"));
        let (url, title, s) = &after[3];
        for (path, json) in b.add_page(3, url, title, s) {
            files.insert(path, json);
        }
        index_files(&b, &mut files);
        assert_eq!(files, fresh(&after), "{text}");
    }
    assert!(b.remove_page(99).is_err());
    // A builder that does not record pages cannot remove them.
    assert!(Builder::new(2, 6, 100).remove_page(0).is_err());
}

/// The results `heads.json` gives before the page files arrive: the same
/// pages, sections, titles, headings and links as the page files give,
/// without snippets (for a query whose ranking the text does not change).
#[test]
fn heads_give_the_results_without_their_snippets() {
    let site = Site::new();
    let meta: Meta = site.get(&meta_path());
    assert!(meta.heads);
    let heads: Heads = site.get(&heads_path());
    // Every page file, with no text.
    let pages = site.files.keys().filter(|p| p.starts_with("search/p/"));
    assert_eq!(heads.len(), pages.count());
    assert!(
        heads
            .iter()
            .flat_map(|f| &f.sections)
            .all(|s| s.2.is_empty())
    );
    for q in ["ky luat", "dang vien", "chi bo", "httnv"] {
        let (plan, hits) = site.rank(q);
        let top = &hits[..hits.len().min(5)];
        let quick = results(&plan, top, &heads);
        let full = site.search(q);
        // What a reader sees of each result before its snippet.
        let shown = |r: &[SearchResult]| {
            let mut v: Vec<String> = r
                .iter()
                .map(|r| {
                    let h = &r.heading_highlights;
                    format!("{} {} {} {h:?}", r.url, r.page_title, r.heading)
                })
                .collect();
            v.sort();
            v
        };
        assert!(!quick.is_empty(), "{q}");
        assert_eq!(shown(&quick), shown(&full), "{q}");
        assert!(quick.iter().all(|r| r.snippet.is_empty()), "{q}");
    }
}

/// A site whose headings outgrow `HEADS_MAX_BYTES` has no `heads.json`
/// (its results wait for page files); an updatable index brought back
/// under the limit writes it again, as a fresh one would.
#[test]
fn heads_only_for_a_small_site() {
    let long = "Tiêu đề dài ".repeat(40);
    let page = |i: usize| {
        let s: Vec<Section> = (0..10)
            .map(|j| sec(&format!("m{j}"), &long, "chi bộ"))
            .collect();
        (format!("p{i}.html"), format!("Trang {i}"), s)
    };
    // About 5 KB of headings a page.
    let many: Vec<_> = (0..8).map(page).collect();
    let written = |b: &Builder| {
        let mut files = BTreeMap::new();
        index_files(b, &mut files);
        let meta: Meta = serde_json::from_str(&files[&meta_path()]).unwrap();
        assert_eq!(meta.heads, files.contains_key(&heads_path()));
        meta.heads
    };
    let fresh = Builder::new(2, 6, 100_000);
    for (i, (url, title, s)) in many.iter().enumerate() {
        fresh.add_page(i as u32, url, title, s);
    }
    assert!(!written(&fresh));
    let updatable = Builder::updatable(2, 6, 100_000);
    for (i, (url, title, s)) in many.iter().enumerate() {
        updatable.add_page(i as u32, url, title, s);
    }
    assert!(!written(&updatable));
    for i in 2..8 {
        updatable.remove_page(i).unwrap();
    }
    assert!(written(&updatable));
    let small = Builder::new(2, 6, 100_000);
    for (i, (url, title, s)) in many.iter().take(2).enumerate() {
        small.add_page(i as u32, url, title, s);
    }
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    index_files(&updatable, &mut a);
    index_files(&small, &mut b);
    assert_eq!(a[&heads_path()], b[&heads_path()]);
}
