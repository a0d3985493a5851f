//! The page is written as markup text (see dom.rs); every text from
//! outside goes through [`esc`].

pub use bontot_core::html::esc;

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
