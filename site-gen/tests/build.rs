//! A valid site builds; its output is deterministic; the calendar is valid.

mod common;
use common::{build, copy_dir, fixture, site, tree};

#[test]
fn builds_every_page() {
    let dir = site();
    let stats = build(dir.path()).unwrap();
    let files: Vec<String> = tree(&dir.path().join("dist"))
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    for f in [
        "index.html",
        "ke-hoach/alpha.html",
        "so-sanh.html",
        "thoi-han.html",
        "thoi-han.ics",
        "thuat-ngu.html",
        "tim-kiem.html",
        "tu-danh-gia/index.html",
        "tu-danh-gia/alpha.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "style.css",
    ] {
        assert!(files.contains(&f.to_string()), "{f} missing from {files:?}");
    }
    assert!(stats.pages >= 9);
}

#[test]
fn output_is_reproducible() {
    let a = site();
    let b = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), &b.path().join("content"));
    build(a.path()).unwrap();
    build(b.path()).unwrap();
    assert_eq!(tree(&a.path().join("dist")), tree(&b.path().join("dist")));
}

#[test]
fn raw_html_in_content_is_shown_not_run() {
    let dir = site();
    build(dir.path()).unwrap();
    let page = std::fs::read_to_string(dir.path().join("dist/ke-hoach/alpha.html")).unwrap();
    assert!(page.contains("&lt;b&gt;chữ đậm thô&lt;/b&gt;"));
    assert!(!page.contains("<b>chữ đậm thô</b>"));
}

#[test]
fn first_use_of_an_abbreviation_is_marked_once() {
    let dir = site();
    build(dir.path()).unwrap();
    let page = std::fs::read_to_string(dir.path().join("dist/ke-hoach/alpha.html")).unwrap();
    let article = &page[page.find("<article").unwrap()..];
    assert_eq!(
        article
            .matches("<abbr title=\"Kế hoạch của Đảng ủy\">KH/ĐU</abbr>")
            .count(),
        1
    );
    assert_eq!(
        article
            .matches("<abbr title=\"Hoàn thành tốt nhiệm vụ\">HTTNV</abbr>")
            .count(),
        1
    );
}

#[test]
fn every_url_is_relative() {
    let dir = site();
    build(dir.path()).unwrap();
    for (path, bytes) in tree(&dir.path().join("dist")) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            for attr in ["href=\"/", "src=\"/", "href=\"//", "src=\"http"] {
                assert!(!html.contains(attr), "{} has {attr}", path.display());
            }
        }
    }
}

/// RFC 5545: CRLF lines of at most 75 octets, VCALENDAR with VERSION and
/// PRODID, each VEVENT with a unique UID, DTSTAMP, DTSTART and a DTEND
/// later than DTSTART; one event per deadline.
#[test]
fn calendar_is_valid_rfc5545() {
    let dir = site();
    build(dir.path()).unwrap();
    let bytes = std::fs::read(dir.path().join("dist/thoi-han.ics")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "bare LF"
    );
    let physical: Vec<&str> = text.split("\r\n").collect();
    assert!(
        physical.iter().all(|l| l.len() <= 75),
        "a line is over 75 octets"
    );
    // Unfold continuation lines.
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let events: Vec<&[&str]> = unfolded
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|e| e.split("END:VEVENT").next().unwrap())
        .map(|e| {
            e.split("\r\n")
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .leak() as &[&str]
        })
        .collect();
    assert_eq!(events.len(), 3, "one event per deadline");
    let mut uids = Vec::new();
    for e in &events {
        let get = |name: &str| {
            e.iter()
                .find(|l| l.starts_with(name))
                .map(|l| l.rsplit(':').next().unwrap().to_string())
        };
        uids.push(get("UID:").expect("UID"));
        assert!(get("DTSTAMP:").is_some_and(|s| s.len() == 16 && s.ends_with('Z')));
        let start = get("DTSTART;VALUE=DATE:").expect("DTSTART");
        let end = get("DTEND;VALUE=DATE:").expect("DTEND");
        assert!(end > start, "DTEND {end} must be after DTSTART {start}");
    }
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 3);
    assert!(
        unfolded.contains("DTSTART;VALUE=DATE:20241201\r\nDTEND;VALUE=DATE:20250101")
            || unfolded.contains("DTEND;VALUE=DATE:20250101")
    );
    assert!(unfolded.contains("RRULE:FREQ=YEARLY"));
}

#[test]
fn each_page_loads_only_its_own_module() {
    let dir = site();
    // A trunk output as `trunk build` of app/index.html leaves it: the
    // calculator hashed, the search module (a trunk "worker") not.
    let app = dir.path().join("trunk-dist");
    std::fs::create_dir_all(&app).unwrap();
    for (name, text) in [
        ("bontot-app-0123abcd.js", "calc"),
        ("bontot-app-0123abcd_bg.wasm", "calc wasm"),
        ("bontot-search.js", "search"),
        ("bontot-search_bg.wasm", "search wasm"),
        ("bontot-desk.js", "desk"),
        ("bontot-desk_bg.wasm", "desk wasm"),
        ("index.html", ""),
    ] {
        std::fs::write(app.join(name), text).unwrap();
    }
    site_gen::build::build(&site_gen::build::Options {
        content: dir.path().join("content"),
        app: Some(app),
        out: dir.path().join("dist"),
        ..Default::default()
    })
    .unwrap();
    let dist = dir.path().join("dist");
    let read = |rel: &str| std::fs::read_to_string(dist.join(rel)).unwrap();
    let mut apps: Vec<String> = std::fs::read_dir(dist.join("app"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    apps.sort();
    // Three modules (glue, WASM, gzip copy, loader each) and the
    // national rules the year-end part fetches.
    assert_eq!(apps.len(), 13, "{apps:?}");
    let search_js = read("app/search.js");
    let stem = apps
        .iter()
        .find_map(|a| {
            a.strip_suffix("_bg.wasm")
                .filter(|s| s.starts_with("bontot-search-"))
        })
        .expect("the search WASM, with a hash in its name");
    assert!(
        search_js.contains(&format!("\"./{stem}.js\"")),
        "{search_js}"
    );
    assert!(
        search_js.contains(&format!("\"./{stem}_bg.wasm\"")),
        "{search_js}"
    );
    assert_eq!(read(&format!("app/{stem}.js")), "search");
    assert!(read("app/start.js").contains("\"./bontot-app-0123abcd_bg.wasm\""));
    let search = read("tim-kiem.html");
    assert!(search.contains(r#"<script type="module" src="app/search.js"></script>"#));
    // The loader fetches the WASM while the glue loads, and preloads the
    // index's first two files (only with JavaScript: nothing in the page).
    assert!(
        search_js.find("wasm()").unwrap() < search_js.find("await import").unwrap(),
        "{search_js}"
    );
    assert!(
        search_js.contains(&format!("await import(\"./{stem}.js\")")),
        "{search_js}"
    );
    for file in ["../search/meta.json", "../search/vocab.json"] {
        assert!(
            search_js.contains(file),
            "{file} not preloaded: {search_js}"
        );
    }
    assert!(!search.contains("preload"));
    assert!(!search.contains("start.js"));
    let calc = read("tu-danh-gia/alpha.html");
    assert!(calc.contains(r#"src="../app/start.js""#));
    // The glue is requested with the page; the WASM by the loader.
    assert!(calc.contains(r#"<link rel="modulepreload" href="../app/bontot-app-0123abcd.js">"#));
    // Each WASM also as the site's own gzip copy, which the loaders fetch
    // (and decompress), and which alone is cached for offline use.
    for wasm in ["bontot-app-0123abcd_bg.wasm", &format!("{stem}_bg.wasm")] {
        let text = if wasm.starts_with("bontot-app") {
            "calc wasm"
        } else {
            "search wasm"
        };
        let gz = std::fs::read(dist.join("app").join(format!("{wasm}.gz"))).unwrap();
        let mut plain = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain)
            .unwrap();
        assert_eq!(plain, text);
    }
    assert!(read("app/start.js").contains("\"./bontot-app-0123abcd_bg.wasm.gz\""));
    assert!(search_js.contains(&format!("\"./{stem}_bg.wasm.gz\"")));
    assert!(!calc.contains("search.js"));
    // The year-end part: not loaded with the page, only named by it; its
    // loader starts the module when called.
    assert!(
        !calc.contains("bontot-desk"),
        "the page loads the year-end module"
    );
    assert!(calc.contains(r#"data-desk="../app/desk.js""#), "{calc}");
    let desk_js = read("app/desk.js");
    assert!(desk_js.contains("export default () =>"), "{desk_js}");
    assert!(
        apps.iter()
            .any(|a| a.starts_with("so-theo-doi-") && a.ends_with(".txt")),
        "{apps:?}"
    );
    for page in ["index.html", "ke-hoach/alpha.html", "thuat-ngu.html"] {
        let html = read(page);
        assert!(!html.contains("app/"), "{page} loads a WASM module");
    }
    // Both modules are cached for offline use.
    let sw = read("sw.js");
    assert!(sw.contains("\"app/search.js\"") && sw.contains(&format!("\"app/{stem}_bg.wasm.gz\"")));
    assert!(!sw.contains(&format!("\"app/{stem}_bg.wasm\"")) && !sw.contains("0123abcd_bg.wasm\""));
}

/// The sitemap and the pages come from one table of routes: every page
/// written is listed, and nothing else, except the 404 page.
#[test]
fn the_sitemap_lists_every_page_written_but_the_404() {
    let dir = site();
    build(dir.path()).unwrap();
    let dist = dir.path().join("dist");
    let sitemap = std::fs::read_to_string(dist.join("sitemap.xml")).unwrap();
    let mut listed: Vec<String> = sitemap
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<url><loc>"))
        .filter_map(|l| l.strip_suffix("</loc></url>"))
        .map(|url| {
            let page = url.strip_prefix("https://example.test/bontot/").unwrap();
            if page.is_empty() { "index.html" } else { page }.to_string()
        })
        .collect();
    listed.sort();
    let mut written: Vec<String> = tree(&dist)
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .collect();
    written.sort();
    assert_eq!(listed, written);
    assert!(written.len() > 7, "{written:?}");
}
