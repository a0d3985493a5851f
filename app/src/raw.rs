//! Markup written as text, for the parts of the page that hold no control:
//! each `html!` element costs about 170 bytes of WASM, a line of text a
//! tenth of that, and the calculator must stay under its download budget.
//! Yew replaces a raw chunk only when its text changes, so results are
//! still updated piece by piece. Every text from outside goes through
//! [`esc`].

use yew::{AttrValue, Html};

pub use bontot_core::html::esc;

/// A chunk of markup.
pub fn html(s: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(s))
}

/// `<tag class="class">text</tag>`, the text escaped.
pub fn el(tag: &str, class: &str, text: &str) -> String {
    format!("<{tag} class=\"{class}\">{}</{tag}>", esc(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    // `esc` itself is tested in core::html.
    #[test]
    fn el_escapes_its_text() {
        assert_eq!(el("p", "c", "a<b"), "<p class=\"c\">a&lt;b</p>");
    }
}
