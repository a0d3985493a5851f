//! The frame every page shares: head, header with navigation and search,
//! footer. All URLs are relative to the page, so the site works from any
//! sub-path and from disk.

use crate::routes::{ROUTES, Route};
use bontot_core::model::Site;
use maud::{DOCTYPE, Markup, PreEscaped, html};

pub struct Page<'a> {
    /// Output path, '/'-separated, e.g. "ke-hoach/son-la.html".
    pub path: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// The section of the navigation bar it belongs to, if any.
    pub nav: Option<Route>,
    pub wide: bool,
    /// Extra elements for <head> (scripts, data).
    pub head: Option<Markup>,
}

/// The site's stylesheet, written to `style.css`.
pub const STYLE: &str = include_str!("../../assets/style.css");

/// The 404 page's script, carried inline (allowed by its hash): it points
/// the page's links at the site's top folder from any depth.
pub const NOT_FOUND_JS: &str = include_str!("../../assets/not-found.js");

/// The icon as a data: URL, for the 404 page, which may be served at any
/// depth (browsers ask the root for /favicon.ico when a page names none).
fn icon_data_url() -> String {
    let svg = include_str!("../../assets/icon.svg").trim();
    format!(
        "data:image/svg+xml,{}",
        svg.replace('#', "%23")
            .replace('"', "'")
            .replace('<', "%3C")
            .replace('>', "%3E")
    )
}

/// "../" once per folder level of `path`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

pub fn render(site: &Site, page: &Page, body: Markup) -> String {
    let root = root_of(page.path);
    // Served for missing paths at any depth, where links relative to the
    // page would break: stylesheet and script inline, allowed by hashes.
    let not_found = page.path == Route::NotFound.path();
    let full_title = if page.nav == Some(Route::Home) {
        site.title.clone()
    } else {
        format!("{} · {}", page.title, site.title)
    };
    let doc = html! {
        (DOCTYPE)
        html lang=(site.language) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(csp(not_found));
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                meta name="description" content=(page.description);
                meta name="color-scheme" content="light dark";
                meta name="theme-color" content=(crate::icon::THEME);
                @if not_found {
                    style { (PreEscaped(STYLE)) }
                    link rel="icon" href=(icon_data_url()) type="image/svg+xml";
                } @else {
                    link rel="stylesheet" href={ (root) "style.css" };
                    link rel="icon" href={ (root) "icon.svg" } type="image/svg+xml";
                    link rel="manifest" href={ (root) "manifest.webmanifest" };
                    link rel="apple-touch-icon" href={ (root) "icons/apple-touch-icon.png" };
                    script type="module" src={ (root) "site.js" } {}
                }
                @if let Some(head) = &page.head { (head) }
            }
            body {
                a.skip href="#noi-dung" { "Bỏ qua, đến nội dung" }
                header.site-header {
                    a.brand href={ (root) (Route::Home.path()) } { (site.title) }
                    nav.site-nav aria-label="Chính" {
                        ul {
                            @for r in &ROUTES {
                                @if let Some(label) = r.nav {
                                    li {
                                        a href={ (root) (r.path) } aria-current=[(Some(r.route) == page.nav).then_some("page")] { (label) }
                                    }
                                }
                            }
                        }
                    }
                    // The search page has its own box: one is enough there.
                    @if page.nav != Some(Route::Search) {
                        form.search-form action={ (root) (Route::Search.path()) } method="get" role="search" {
                            label.visually-hidden for="q" { "Tìm trong các kế hoạch" }
                            input #q type="search" name="q" placeholder="Tìm, gõ không dấu cũng được" autocomplete="off";
                            button type="submit" { "Tìm" }
                        }
                    }
                }
                main #noi-dung class=[page.wide.then_some("wide")] { (body) }
                footer.site-footer {
                    p {
                        "Toàn văn các kế hoạch được đăng nguyên văn, kể cả lỗi chính tả của bản gốc. "
                        "Phần tóm tắt, ghi chú, giải thích thuật ngữ và máy tính tự đánh giá là của Bốn Tốt, không phải văn bản gốc."
                    }
                    p {
                        "Dữ liệu tự đánh giá chỉ lưu trên thiết bị của bạn, không gửi đi đâu. "
                        a href={ (root) (Route::Home.path()) } { "Trang chủ" }
                    }
                }
                @if not_found {
                    script { (PreEscaped(NOT_FOUND_JS)) }
                }
            }
        }
    };
    doc.into_string()
}

/// `'sha256-…'` of an inline element's text, for the policy.
fn hash_source(text: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()));
    format!("'sha256-{hash}'")
}

/// The Content Security Policy of every page: everything from the site
/// itself, nothing inline (the 404 page's inline stylesheet and script are
/// allowed by their hashes, nothing else), WASM compilation for the
/// calculator, no plugins, no <base>.
pub fn csp(not_found: bool) -> String {
    let (script, style) = if not_found {
        (
            format!("'self' {}", hash_source(NOT_FOUND_JS)),
            hash_source(STYLE),
        )
    } else {
        ("'self'".to_string(), "'self'".to_string())
    };
    format!(
        "default-src 'self'; script-src {script} 'wasm-unsafe-eval'; style-src {style}; img-src 'self' data:; \
         connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'"
    )
}

/// The page around its body, as (before, after): for pages written in
/// pieces, so that a list of 100,000 plans is never one string.
pub fn frame(site: &Site, page: &Page) -> (String, String) {
    const MARK: &str = "\u{1}body\u{1}";
    let whole = render(site, page, PreEscaped(MARK.to_string()));
    match whole.split_once(MARK) {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (whole, String::new()),
    }
}

/// At most this many plans are listed on pages that are not the home page
/// (404, search without JavaScript, the calculator's index); the home
/// page lists them all.
pub const LIST_CAP: usize = 50;

/// Pre-escaped HTML produced by the Markdown renderer.
pub fn raw(s: &str) -> PreEscaped<&str> {
    PreEscaped(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_is_allowed_by_hash_only_on_the_404_page() {
        for text in [STYLE, NOT_FOUND_JS] {
            assert!(
                !text.contains("</"),
                "inline text must not close its element"
            );
        }
        let policy = csp(true);
        assert!(policy.contains(&hash_source(NOT_FOUND_JS)), "{policy}");
        assert!(policy.contains(&hash_source(STYLE)), "{policy}");
        assert!(!policy.contains("unsafe-inline"));
        assert!(!csp(false).contains("sha256"));
    }

    #[test]
    fn roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("ke-hoach/son-la.html"), "../");
        assert_eq!(root_of("a/b/c.html"), "../../");
    }
}
