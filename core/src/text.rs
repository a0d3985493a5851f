//! Text folding for Vietnamese: slugs, search keys and quote matching.
//!
//! Unicode decomposition strips the tone and vowel marks ("ộ" → "o"), but
//! "đ"/"Đ" is a letter of its own, not "d" plus a mark, so it is mapped by hand.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC-normalises `s`, the form every text is compared in.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Lower-cases and removes every diacritic: "Đảng Bộ" → "dang bo".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Lower-case ASCII slug: "Đảng bộ cơ sở" → "dang-bo-co-so".
/// Letters outside Latin scripts are kept as they are (lower-cased).
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in fold(s).chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Normalises text for comparing a quoted phrase with the rendered text:
/// NFC, Markdown emphasis markers and backslashes removed, curly quotes
/// unified, all white space removed.
pub fn quote_key(s: &str) -> String {
    s.nfc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '\\' | '`'))
        .map(|c| match c {
            '“' | '”' | '„' => '"',
            '‘' | '’' => '\'',
            _ => c,
        })
        .collect()
}

/// Splits `s` into search words: maximal runs of alphanumeric characters.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dang_is_dang() {
        assert_eq!(slugify("Đảng"), "dang");
        assert_eq!(slugify("đảng viên"), "dang-vien");
        assert_eq!(fold("Chi bộ bốn tốt"), "chi bo bon tot");
        assert_eq!(fold("kỷ luật"), "ky luat");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let nfd: String = "Đảng viên".nfd().collect();
        assert_ne!(nfd, "Đảng viên");
        assert_eq!(fold(&nfd), fold("Đảng viên"));
        assert_eq!(nfc(&nfd), "Đảng viên");
    }

    #[test]
    fn slug_collapses_punctuation() {
        assert_eq!(slugify("Nơi nhận:"), "noi-nhan");
        assert_eq!(slugify("  I. Mục đích, yêu cầu "), "i-muc-dich-yeu-cau");
        assert_eq!(slugify("“Chi bộ bốn tốt”"), "chi-bo-bon-tot");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn quote_key_ignores_markup_and_space() {
        assert_eq!(
            quote_key("trước ngày **10/12/2022**"),
            quote_key("trước  ngày 10/12/2022")
        );
        assert_eq!(quote_key("“*tự diễn biến*”"), "\"tựdiễnbiến\"");
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("81-KH/TU, ngày 15/11").collect();
        assert_eq!(w, ["81", "KH", "TU", "ngày", "15", "11"]);
    }
}
