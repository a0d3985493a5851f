//! What a calculator page hands to the app: the rule set (citations already
//! resolved to paragraph ids; in the rule file's shape, its tests compiled
//! again as the app reads it) and the plan's identity for the printed sheet.
//!
//! The page carries it as postcard (serde's data model without field
//! names: a struct is its fields in order, an enum its variant's index, a
//! length a varint), written as text by [`to_text`]. site-gen writes it
//! with [`encode`] and the app reads it with [`decode`], so the two cannot
//! drift. JSON made the app carry a map visitor and a field-name matcher
//! for every struct, about a seventh of its WASM; see ARCHITECTURE.md,
//! "The page's data".

use crate::check::Checked;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// Id of the `<script type="text/plain">` element that holds it.
pub const ELEMENT_ID: &str = "calculator-data";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalculatorData {
    pub rules: Checked,
    pub plan_title: String,
    pub locality: String,
    pub number: Option<String>,
    /// The plan page, relative to the calculator page.
    pub plan_url: String,
    /// Other plans' calculator pages, for switching: (locality, URL).
    pub others: Vec<(String, String)>,
    /// The years the plan runs, when it says: the assessment year is
    /// compared with them.
    pub period: Option<crate::model::Period>,
}

/// The text of the page's element.
pub fn encode(data: &CalculatorData) -> String {
    encode_value(data)
}

/// Reads what [`encode`] wrote: `None` for anything else, including
/// bytes left over after the data.
pub fn decode(text: &str) -> Option<CalculatorData> {
    decode_value(text)
}

/// Any data in the same text form (the year-end part's national rules).
pub fn encode_value<T: Serialize>(data: &T) -> String {
    // Writing to a Vec, postcard fails only on a type it cannot carry:
    // none here (no `skip_serializing_if`, which a format without field
    // names cannot read back, no untagged or flattened enums).
    let bytes = postcard::to_allocvec(data).expect("page data serialises");
    to_text(&bytes)
}

/// Reads what [`encode_value`] wrote.
pub fn decode_value<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    let bytes = from_text(text)?;
    match postcard::take_from_bytes(&bytes) {
        Ok((data, [])) => Some(data),
        _ => None,
    }
}

/// Bytes as text to put in a `<script>` element: each character the bytes
/// hold in UTF-8 as itself, when it is printable and not `<`, `&` or `~`;
/// every other byte as `~` and two hex digits. The rule set's strings are
/// most of the bytes, so the page compresses as its text does (base64
/// made a calculator page two thirds larger, gzipped). No `<`: no
/// `</script>`, no `<!--`; no control character that HTML's parser would
/// change (CR, NUL).
pub fn to_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut rest = bytes;
    while let Some(&b) = rest.first() {
        let len = match b {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => 1,
        };
        let c = rest
            .get(..len)
            .and_then(|s| std::str::from_utf8(s).ok())
            .and_then(|s| s.chars().next());
        match c {
            Some(c) if literal(c) => {
                out.push(c);
                rest = &rest[len..];
            }
            _ => {
                let _ = write!(out, "~{b:02x}");
                rest = &rest[1..];
            }
        }
    }
    out
}

fn literal(c: char) -> bool {
    c == ' ' || (c.is_ascii_graphic() && !matches!(c, '<' | '&' | '~')) || c >= '\u{a0}'
}

/// The bytes [`to_text`] wrote; `None` for a `~` not followed by two hex
/// digits.
pub fn from_text(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            let hi = chars.next()?.to_digit(16)?;
            let lo = chars.next()?.to_digit(16)?;
            out.push((hi << 4 | lo) as u8);
        } else {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleSet, validate};

    fn rule_sets() -> Vec<(String, RuleSet)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/rules");
        let mut out: Vec<(String, RuleSet)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (p.display().to_string(), toml::from_str(&text).unwrap())
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn data(rules: Checked) -> CalculatorData {
        CalculatorData {
            rules,
            plan_title: "Kế hoạch số 12-KH/ĐU <b>&</b>".into(),
            locality: "Tỉnh Sơn La".into(),
            number: Some("12-KH/ĐU".into()),
            plan_url: "../ke-hoach/son-la.html".into(),
            others: vec![("Bến Tre".into(), "ben-tre.html".into())],
            period: Some(crate::model::Period {
                from: 2024,
                to: 2026,
            }),
        }
    }

    /// Everything the page carries, as JSON: equal JSON, equal data.
    fn json(d: &CalculatorData) -> serde_json::Value {
        serde_json::to_value(d).unwrap()
    }

    #[test]
    fn every_rule_set_reads_back_as_written() {
        let sets = rule_sets();
        assert_eq!(sets.len(), 5, "the five rule sets in content/rules");
        for (name, rules) in sets {
            let checked = validate(rules).unwrap_or_else(|p| panic!("{name}: {p:?}"));
            let d = data(checked);
            let text = encode(&d);
            assert!(
                !text.contains(['<', '&', '\r', '\0']),
                "{name}: nothing HTML's parser changes in a <script>"
            );
            let back = decode(&text).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(json(&back), json(&d), "{name}");
            // The compiled checks are the build's, not just the raw rules.
            let checks = |d: &CalculatorData| {
                d.rules
                    .checks()
                    .map(|(i, c)| (i.id.clone(), c.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(checks(&back), checks(&d), "{name}");
            let alts = |d: &CalculatorData| {
                d.rules
                    .readings()
                    .map(|(r, c)| (r.id.clone(), c.to_vec()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(alts(&back), alts(&d), "{name}");
        }
    }

    #[test]
    fn anything_else_reads_as_nothing() {
        let (_, rules) = rule_sets().remove(0);
        let text = encode(&data(validate(rules).unwrap()));
        // Cut short anywhere, or with bytes added: refused, never a panic.
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &end in ends.iter().step_by(7).chain(&ends[ends.len() - 8..]) {
            assert!(decode(&text[..end]).is_none(), "cut at {end}");
        }
        assert!(decode(&format!("{text}~00")).is_none());
        assert!(decode(&format!("{text} ")).is_none());
        // The JSON the page carried before, and other text.
        for other in [
            "",
            "{}",
            "{\"rules\":{}}",
            "null",
            "<script>",
            "~",
            "~4",
            "~zz",
        ] {
            assert!(decode(other).is_none(), "{other}");
        }
        // Bytes changed: read or refused, never a panic.
        let bytes = from_text(&text).unwrap();
        for i in (0..bytes.len()).step_by(5) {
            let mut b = bytes.clone();
            b[i] ^= 0xa5;
            let _ = decode(&to_text(&b));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_go_through_text(bytes: Vec<u8>) {
            let text = to_text(&bytes);
            proptest::prop_assert!(!text.contains(['<', '&', '\r', '\0']));
            proptest::prop_assert_eq!(from_text(&text), Some(bytes));
        }
    }

    #[test]
    fn text_keeps_printable_characters() {
        let bytes = "Chi bộ “bốn tốt” 98,5% ~ <b> & \u{85}".as_bytes();
        assert_eq!(
            to_text(&[bytes, &[0, 0x80, 0xc8, 0x01, 0x7f]].concat()),
            "Chi bộ “bốn tốt” 98,5% ~7e ~3cb> ~26 ~c2~85~00~80~c8~01~7f"
        );
    }
}
