//! Query text in the form the index uses: lower-case NFC.
//!
//! With the `unicode` feature this is full NFC. The WASM app goes without
//! the Unicode tables, so there Vietnamese letters typed decomposed (a
//! base letter then combining marks, in any order, as some phones and
//! Macs send them) are composed with the small table below. Other
//! decomposed letters stay decomposed: they still fold and match, only the
//! exact-spelling boost misses them.

/// Lower-cases and NFC-normalises a query.
pub fn normalize(s: &str) -> String {
    let lower = crate::text::lower(s);
    // NFC, then the Vietnamese table for marks typed in an order NFC keeps
    // apart ("e" + acute + circumflex is not "ế" to NFC).
    #[cfg(feature = "unicode")]
    {
        compose_vi(&crate::text::nfc(&lower))
    }
    #[cfg(not(feature = "unicode"))]
    {
        compose_vi(&lower)
    }
}

/// The Vietnamese vowels: base letter, vowel mark (or none), and the six
/// tones in the order of [`TONES`] (none first).
const GROUPS: [(char, Option<char>, &str); 12] = [
    ('a', None, "aàáảãạ"),
    ('a', Some('\u{306}'), "ăằắẳẵặ"),
    ('a', Some('\u{302}'), "âầấẩẫậ"),
    ('e', None, "eèéẻẽẹ"),
    ('e', Some('\u{302}'), "êềếểễệ"),
    ('i', None, "iìíỉĩị"),
    ('o', None, "oòóỏõọ"),
    ('o', Some('\u{302}'), "ôồốổỗộ"),
    ('o', Some('\u{31B}'), "ơờớởỡợ"),
    ('u', None, "uùúủũụ"),
    ('u', Some('\u{31B}'), "ưừứửữự"),
    ('y', None, "yỳýỷỹỵ"),
];

/// Grave, acute, hook above, tilde, dot below.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
const VOWEL_MARKS: [char; 3] = ['\u{306}', '\u{302}', '\u{31B}'];

/// (base, vowel mark, tone 0..=5) of a lower-case Vietnamese vowel.
fn split(c: char) -> Option<(char, Option<char>, usize)> {
    GROUPS.iter().find_map(|(base, mark, letters)| {
        letters
            .chars()
            .position(|l| l == c)
            .map(|tone| (*base, *mark, tone))
    })
}

fn join(base: char, mark: Option<char>, tone: usize) -> Option<char> {
    GROUPS
        .iter()
        .find(|(b, m, _)| *b == base && *m == mark)
        .and_then(|(_, _, letters)| letters.chars().nth(tone))
}

/// Composes lower-case Vietnamese vowels followed by combining tone and
/// vowel marks; everything else is kept as it is.
pub fn compose_vi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    for c in s.chars() {
        let merged = last.and_then(split).and_then(|(base, mark, tone)| {
            if let Some(t) = TONES.iter().position(|&t| t == c) {
                (tone == 0).then(|| join(base, mark, t + 1)).flatten()
            } else if VOWEL_MARKS.contains(&c) {
                mark.is_none().then(|| join(base, Some(c), tone)).flatten()
            } else {
                None
            }
        });
        match merged {
            Some(m) => {
                out.pop();
                out.push(m);
                last = Some(m);
            }
            None => {
                out.push(c);
                last = Some(c);
            }
        }
    }
    out
}

#[cfg(all(test, feature = "unicode"))]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn composes_every_vietnamese_vowel_like_nfc() {
        for (_, _, letters) in GROUPS {
            for c in letters.chars() {
                let nfd: String = c.to_string().nfd().collect();
                assert_eq!(compose_vi(&nfd), c.to_string(), "{c}");
                // Tone typed before the vowel mark.
                let mut marks: Vec<char> = nfd.chars().skip(1).collect();
                marks.reverse();
                let odd: String = nfd.chars().take(1).chain(marks).collect();
                assert_eq!(compose_vi(&odd), c.to_string(), "{c} reversed");
            }
        }
        let text = "đảng viên chi bộ bốn tốt kỷ luật người được ưu tiên";
        let nfd: String = text.nfd().collect();
        assert_eq!(compose_vi(&nfd), text);
        assert_eq!(compose_vi(&nfd), nfd.nfc().collect::<String>());
    }

    #[test]
    fn leaves_other_marks_alone() {
        assert_eq!(compose_vi("x\u{301}"), "x\u{301}");
        assert_eq!(compose_vi("ế\u{301}"), "ế\u{301}");
        assert_eq!(compose_vi("\u{301}a"), "\u{301}a");
    }

    #[test]
    fn normalize_lowercases_decomposed_capitals() {
        let nfd: String = "ĐẢNG Viên".nfd().collect();
        assert_eq!(normalize(&nfd), "đảng viên");
    }
}
