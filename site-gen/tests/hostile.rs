//! Hostile content: each case either builds safely (nothing that can run
//! reaches the page) or fails with a clear, located error.

mod common;
use common::{copy_dir, tree};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// Writes a plan with a 2,000-row table and a 1 MB paragraph.
pub fn write_big_plan(plans: &Path) {
    let mut md = String::from(
        "+++\ntitle = \"Kế hoạch rất lớn\"\nlocality = \"Xã Lớn\"\nissuer = \"Đảng ủy xã\"\nlevel = \"Đảng ủy xã\"\nmovement = \"Thử\"\nunits = [\"chi-bo\"]\n+++\n\n# Kế hoạch lớn\n\n## I. Bảng\n\n| Chi bộ | Đảng viên | Tỷ lệ |\n|---|---:|---:|\n",
    );
    for i in 0..2000 {
        md.push_str(&format!("| Chi bộ {i} | {} | {}% |\n", i % 50, i % 100));
    }
    md.push_str("\n## II. Đoạn dài\n\n");
    while md.len() < 1_100_000 {
        md.push_str("Đảng viên thực hiện tốt nhiệm vụ được giao, gương mẫu, đoàn kết. ");
    }
    md.push('\n');
    std::fs::write(plans.join("lon.md"), md).unwrap();
}

const ALLOWED_TAGS: [&str; 27] = [
    "article",
    "p",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "br",
    "hr",
    "del",
];
const ALLOWED_ATTRS: [&str; 7] = [
    "id",
    "href",
    "class",
    "title",
    "aria-label",
    "start",
    "lang",
];

struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The real tags of some HTML (escaped text like "&lt;script" is not a tag).
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("tags close");
        let inside = rest[..end].trim_end_matches('/');
        rest = &rest[end + 1..];
        if inside.starts_with('/') || inside.starts_with('!') {
            continue;
        }
        let mut parts = inside.splitn(2, char::is_whitespace);
        let name = parts.next().unwrap_or_default().to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut a = parts.next().unwrap_or_default().trim();
        while !a.is_empty() {
            let eq = a.find('=').unwrap_or(a.len());
            let key = a[..eq].trim().to_ascii_lowercase();
            a = a.get(eq + 1..).unwrap_or("").trim_start();
            let value = if let Some(v) = a.strip_prefix('"') {
                let close = v.find('"').expect("quoted attribute");
                a = v[close + 1..].trim_start();
                v[..close].to_string()
            } else {
                let close = a.find(char::is_whitespace).unwrap_or(a.len());
                let v = a[..close].to_string();
                a = a[close..].trim_start();
                v
            };
            attrs.push((key, value));
        }
        out.push(Tag { name, attrs });
    }
    out
}

fn build(content: &Path, out: &Path) -> Result<(), String> {
    site_gen::build::build(&site_gen::build::Options {
        content: content.to_path_buf(),
        app: None,
        out: out.to_path_buf(),
        ..Default::default()
    })
    .map(|_| ())
    .map_err(|e| e.to_string())
}

#[test]
fn hostile_markup_builds_safely() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture(), &content);
    write_big_plan(&content.join("plans"));
    build(&content, &dir.path().join("dist")).expect("the hostile but valid corpus builds");
    for (path, bytes) in tree(&dir.path().join("dist")) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let article = match html.find("<article") {
            Some(i) => &html[i..html.find("</article>").unwrap()],
            None => continue,
        };
        for tag in tags(article) {
            assert!(
                ALLOWED_TAGS.contains(&tag.name.as_str()),
                "{}: <{}> in the text",
                path.display(),
                tag.name
            );
            for (name, value) in &tag.attrs {
                assert!(
                    ALLOWED_ATTRS.contains(&name.as_str()),
                    "{}: {name}= on <{}>",
                    path.display(),
                    tag.name
                );
                assert!(
                    !value
                        .to_ascii_lowercase()
                        .trim_start()
                        .starts_with("javascript:"),
                    "{}: {value}",
                    path.display()
                );
            }
        }
    }
    let page = std::fs::read_to_string(dir.path().join("dist/ke-hoach/markup.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;window.__pwned = &quot;script&quot;;&lt;/script&gt;")
            || page.contains("&lt;script&gt;window.__pwned = \"script\";&lt;/script&gt;")
    );
    let big = std::fs::read_to_string(dir.path().join("dist/ke-hoach/lon.html")).unwrap();
    assert!(big.len() > 1_100_000 && big.matches("<tr>").count() >= 2000);
}

#[test]
fn bom_crlf_and_decomposed_text_are_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture(), &content);
    build(&content, &dir.path().join("dist")).unwrap();
    let crlf = std::fs::read_to_string(dir.path().join("dist/ke-hoach/bom-crlf.html")).unwrap();
    assert!(!crlf.contains('\r') && !crlf.contains('\u{feff}'));
    assert!(crlf.contains("Kế hoạch có BOM và CRLF"));
    let nfd = std::fs::read_to_string(dir.path().join("dist/ke-hoach/nfd.html")).unwrap();
    assert!(
        nfd.contains("Phường Đảng viên"),
        "decomposed text is published composed"
    );
    // The citation in decomposed text resolved to its paragraph.
    assert!(
        nfd.contains("href=\"#muc-i-p1\""),
        "deadline links to its paragraph"
    );
}

/// Builds the valid fixture with one plan replaced by `md`: must fail with
/// every expected message.
fn refused(md: &[u8], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture(), &content);
    std::fs::write(content.join("plans/bad.md"), md).unwrap();
    let err = build(&content, &dir.path().join("dist")).expect_err("must not build");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert!(!dir.path().join("dist").exists(), "nothing written");
}

const HEAD: &str = "+++\ntitle = \"x\"\nlocality = \"x\"\nissuer = \"x\"\nlevel = \"x\"\nmovement = \"x\"\nunits = [\"chi-bo\"]\n+++\n\n";

#[test]
fn script_links_are_refused_with_their_line() {
    refused(
        format!("{HEAD}# T\n\n[bấm](javascript:alert(1))\n\n<javascript:alert(2)>\n\n[x](data:text/html,<script>alert(3)</script>)\n").as_bytes(),
        &["plans/bad.md:12: link to \"javascript:alert(1)\"", "plans/bad.md:14: link to \"javascript:alert(2)\"", "plans/bad.md:16: link to \"data:text/html"],
    );
}

#[test]
fn images_are_refused() {
    refused(
        format!("{HEAD}# T\n\n![ảnh](https://evil.example/x.png)\n").as_bytes(),
        &["plans/bad.md:12: images are not supported"],
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let mut bytes = format!("{HEAD}# T\n\nđúng\n").into_bytes();
    bytes.extend_from_slice(b"sai \xc3\x28 ch\xff\n");
    refused(&bytes, &["plans/bad.md:13: not valid UTF-8"]);
}

#[test]
fn deeply_nested_lists_are_refused() {
    let mut md = format!("{HEAD}# T\n\n");
    for i in 0..200 {
        md.push_str(&" ".repeat(i * 2));
        md.push_str("- mục\n");
    }
    refused(
        md.as_bytes(),
        &["plans/bad.md:", "nested more than 32 levels"],
    );
}

/// 45,000 identical headings (about 1 MB) get unique ids, each suffix
/// found at once (they used to be searched from "-2" up every time: 99 s
/// for such a file), and the ids are the ones that search gave.
#[test]
fn thousands_of_identical_headings_get_unique_ids() {
    let abbr = site_gen::glossary::Abbreviations::new(&[]);
    let n = 45_000;
    let src = "## Mục tiêu chung\n\n".repeat(n);
    assert!(src.len() > 900_000);
    let r = site_gen::markdown::render(&src, 1, &abbr);
    assert_eq!(r.blocks.len(), n);
    assert_eq!(r.blocks[0].id, "muc-tieu-chung");
    for (i, b) in r.blocks.iter().enumerate().skip(1) {
        assert_eq!(b.id, format!("muc-tieu-chung-{}", i + 1));
    }
    assert_eq!(r.ids.len(), n);
    // Headings whose own slug is a suffixed id: each id is still the first
    // free one of `id`, `id-2`, `id-3` …
    let src = "## A\n\n## A\n\n## A 3\n\n## A\n\n## A\n\n## A 2\n\n## A 2\n\n## A 5 2\n\n## A 5\n";
    let r = site_gen::markdown::render(src, 1, &abbr);
    let ids: Vec<&str> = r.blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a", "a-2", "a-3", "a-4", "a-5", "a-2-2", "a-2-3", "a-5-2", "a-5-3"
        ]
    );
}
