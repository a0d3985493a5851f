//! Share links: the answers as base64url JSON in a URL fragment (`#a=…`),
//! which browsers never send to a server. Reading one applies the same
//! checks as an imported file; a link cut short or tampered with is refused
//! with a message and loads nothing.
//!
//! Base64url is written here (RFC 4648 §5, forty lines) rather than taken
//! from the `base64` crate, to keep the calculator's download small.

use crate::answers::{Answers, MAX_BYTES, Source};
use crate::rules::RuleSet;

pub const PREFIX: &str = "#a=";

const BROKEN: &str =
    "Liên kết chia sẻ bị hỏng (có thể bị cắt mất một phần khi chép). Không có gì được nạp.";

/// The fragment (`#a=…`) carrying `a`.
pub fn fragment(a: &Answers) -> Option<String> {
    let json = serde_json::to_string(a).ok()?;
    Some(format!("{PREFIX}{}", encode(json.as_bytes())))
}

/// Reads a share fragment: `None` when the fragment is not one.
pub fn parse(fragment: &str, rules: &RuleSet) -> Option<Result<Answers, String>> {
    let payload = fragment.strip_prefix(PREFIX)?;
    if payload.len() > MAX_BYTES / 3 * 4 + 4 {
        return Some(Err(
            "Liên kết quá dài: câu trả lời hợp lệ nhỏ hơn 1 MB. Không có gì được nạp.".into(),
        ));
    }
    let Some(text) = decode(payload).and_then(|b| String::from_utf8(b).ok()) else {
        return Some(Err(BROKEN.into()));
    };
    Some(Answers::from_json_in(&text, rules, Source::Link))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for k in 0..=chunk.len() {
            let six = (n >> (18 - 6 * k)) & 63;
            out.push(char::from(ALPHABET[six as usize]));
        }
    }
    out
}

/// Decodes base64url (also the standard alphabet, with or without
/// padding); `None` for anything else.
pub fn decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn rules() -> RuleSet {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../content/rules/binh-tan.toml"
        ))
        .unwrap();
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn links_round_trip_and_other_fragments_are_not_links() {
        let rules = rules();
        assert!(parse("#noi-dung", &rules).is_none());
        assert!(parse("", &rules).is_none());
        let mut a = Answers::new(&rules, Unit::ChiBo);
        a.name = "Chi bộ Trường THCS".into();
        a.set("ket-nap", "7".into());
        let frag = fragment(&a).unwrap();
        assert_eq!(parse(&frag, &rules), Some(Ok(a)));
    }

    #[test]
    fn hostile_links_get_a_message_and_load_nothing() {
        let rules = rules();
        let a = Answers::new(&rules, Unit::ChiBo);
        let frag = fragment(&a).unwrap();
        let refused = |f: &str| match parse(f, &rules) {
            Some(Err(m)) => m,
            other => panic!("{f:.40}: {other:?}"),
        };
        // Cut short while copying.
        let cut = refused(&frag[..frag.len() - 7]);
        assert!(
            cut.contains("bị hỏng") || cut.contains("Liên kết hỏng"),
            "{cut}"
        );
        assert_eq!(refused("#a=%%%"), BROKEN);
        // Over 1 MB.
        let huge = format!("#a={}", "A".repeat(MAX_BYTES * 2));
        assert!(refused(&huge).contains("quá dài"));
        // Another plan.
        let mut other = a.clone();
        other.plan = "son-la".into();
        assert!(refused(&fragment(&other).unwrap()).contains("kế hoạch “son-la”"));
        // Another version of the rules.
        let mut old = a.clone();
        old.version += 1;
        assert!(refused(&fragment(&old).unwrap()).contains("phiên bản"));
        // Numbers past 64 bits in the JSON itself.
        let json = format!(
            "{{\"format\":\"bontot-answers\",\"plan\":\"binh-tan\",\"version\":{},\"unit\":\"chi-bo\"}}",
            "9".repeat(40)
        );
        assert!(refused(&format!("#a={}", encode(json.as_bytes()))).contains("Liên kết hỏng"));
        // Not UTF-8 inside.
        assert_eq!(
            refused(&format!("#a={}", encode(&[0xff, 0xfe, 0x00]))),
            BROKEN
        );
    }

    #[test]
    fn huge_numbers_in_answers_are_field_errors_not_panics() {
        let rules = rules();
        let mut a = Answers::new(&rules, Unit::ChiBo);
        a.set("ket-nap", "9".repeat(30));
        a.set("bo-hoc", "1".repeat(30));
        let frag = fragment(&a).unwrap();
        let loaded = parse(&frag, &rules).unwrap().unwrap();
        let checked = crate::check::Checked::try_from(rules).unwrap();
        let r = crate::engine::evaluate(&checked, Unit::ChiBo, &loaded);
        assert!(
            r.errors
                .iter()
                .any(|(f, m)| f == "ket-nap" && m.contains("quá lớn")),
            "{:?}",
            r.errors
        );
        assert!(
            r.errors.iter().any(|(f, _)| f == "bo-hoc"),
            "{:?}",
            r.errors
        );
    }

    #[test]
    fn rfc_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(decode("Zm9vYg==").as_deref(), Some(&b"foob"[..]));
    }

    #[test]
    fn round_trip_of_every_byte() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for n in 0..bytes.len() {
            assert_eq!(decode(&encode(&bytes[..n])).as_deref(), Some(&bytes[..n]));
        }
        assert!(encode(&[0xfb, 0xff]).contains(['-', '_']));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(decode("Zm9v!"), None);
        assert_eq!(decode("Z"), None);
        assert_eq!(decode("Zm9vY"), None);
        assert_eq!(decode("Zm 9v"), None);
    }
}
