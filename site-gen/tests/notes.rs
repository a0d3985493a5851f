//! A plan's dated editorial notes (front matter `[[notes]]`): shown on its
//! page marked as ours, apart from the plan's text, with their sources.

mod common;
use common::{build, edit, site};

#[test]
fn notes_are_shown_marked_as_ours_before_the_text() {
    let dir = site();
    let last = "cite = { anchor = \"muc-ii-2\", quote = \"01 bộ, gồm\" }\n";
    edit(
        dir.path(),
        "plans/alpha.md",
        last,
        &format!(
            "{last}
[[notes]]
date = 2026-12-06
text = \"Từ 1/7/2025, xã Thử nhập vào xã Mới.\"
source = \"Báo Thử, “Xã Mới ra mắt”\"
url = \"https://bao.example.vn/xa-moi?a=1&b=2\"

[[notes]]
date = 2026-11-30
text = \"Ghi chú không có địa chỉ <b>nguồn</b>.\"
source = \"Công văn giấy\"
"
        ),
    );
    build(dir.path()).unwrap();
    let page = std::fs::read_to_string(dir.path().join("dist/ke-hoach/alpha.html")).unwrap();

    // The period, on the metadata card.
    assert!(
        page.contains("<dt>Thời gian thực hiện</dt><dd><strong>2024-2025</strong></dd>"),
        "{page}"
    );

    let start = page
        .find("<section class=\"card editorial plan-notes\"")
        .expect("a notes box");
    let end = start + page[start..].find("</section>").unwrap();
    let box_ = &page[start..end];
    assert!(
        box_.contains("Ghi chú của Bốn Tốt, không thuộc văn bản"),
        "{box_}"
    );
    assert!(
        box_.contains(
            "<p>Từ 1/7/2025, xã Thử nhập vào xã Mới.<br><small>Nguồn: <a href=\"https://bao.example.vn/xa-moi?a=1&amp;b=2\" rel=\"noopener\">Báo Thử, “Xã Mới ra mắt”</a>. Bốn Tốt ghi ngày <time datetime=\"2026-12-06\">06/12/2026</time>.</small></p>"
        ),
        "{box_}"
    );
    // Escaped, never markup; a source without an address is named, not linked.
    assert!(box_.contains("&lt;b&gt;nguồn&lt;/b&gt;"), "{box_}");
    assert!(
        box_.contains("Nguồn: Công văn giấy. Bốn Tốt ghi ngày"),
        "{box_}"
    );
    // In the order written, and before (outside) the plan's own text.
    assert!(box_.find("2026-12-06").unwrap() < box_.find("2026-11-30").unwrap());
    let text = page.find("<article class=\"document\"").unwrap();
    assert!(end < text);
    assert!(!page[text..].contains("Ghi chú của Bốn Tốt"));
}

#[test]
fn no_notes_no_box() {
    let dir = site();
    build(dir.path()).unwrap();
    let page = std::fs::read_to_string(dir.path().join("dist/ke-hoach/alpha.html")).unwrap();
    assert!(!page.contains("plan-notes"));
}
