//! Text from an input file, made safe to print. A cell may hold a newline
//! (which would start a forged result line), terminal escape sequences,
//! NUL, or bidirectional controls that reorder what is shown; a spreadsheet
//! runs a cell that starts with `=`, `+`, `-` or `@` as a formula.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that change how text is shown rather than being shown: C0
/// and C1 controls, DEL, and the bidirectional embedding, override and
/// isolate controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character written as a visible escape (`\n`,
/// `\t`, `\r`, or `\u{1b}`), so that it prints on one line as text.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A JSON text with the unsafe characters that serde_json leaves as they
/// are (DEL, C1 controls, bidirectional controls) written as `\uXXXX`.
/// Outside strings a JSON text is ASCII, so this only touches strings.
pub fn json(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A cell for a CSV or spreadsheet file: cleaned, and with a leading `'`
/// where a spreadsheet would read it as a formula (OWASP's advice).
pub fn cell(s: &str) -> Cow<'_, str> {
    let s = clean(s);
    if s.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{s}"))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newline_cannot_start_a_line() {
        let forged = "Chi bộ 1\nChi bộ 2 (Chi bộ, 2025): đạt “bốn tốt”, 4/4 tiêu chí";
        let shown = clean(forged);
        assert!(!shown.contains('\n'));
        assert!(shown.starts_with("Chi bộ 1\\nChi bộ 2"), "{shown}");
    }

    #[test]
    fn escapes_nul_and_control_sequences_keep_vietnamese() {
        assert_eq!(
            clean("a\u{0}b\u{1b}[2Jc\u{7f}"),
            "a\\u{0}b\\u{1b}[2Jc\\u{7f}"
        );
        assert_eq!(clean("x\u{9b}31m\u{202e}y"), "x\\u{9b}31m\\u{202e}y");
        assert_eq!(clean("Đảng bộ Phường 1"), "Đảng bộ Phường 1");
        assert!(matches!(clean("Chi bộ"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_controls() {
        let v = serde_json::json!({ "name": "a\u{1b}b\u{9b}c\u{2067}d\n" });
        let text = v.to_string();
        let safe = json(&text);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn formulas_are_neutralised() {
        for f in ["=1+1", "+1", "-2", "@SUM(A1)", "=HYPERLINK(\"x\")"] {
            assert_eq!(cell(f), format!("'{f}"));
        }
        assert_eq!(cell("Chi bộ 1"), "Chi bộ 1");
        assert_eq!(cell("\t=1"), "\\t=1");
    }
}
