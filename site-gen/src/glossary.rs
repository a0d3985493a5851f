//! Finds glossary abbreviations in text, whole words only, longest first.

use aho_corasick::{AhoCorasick, MatchKind};
use bontot_core::model::Term;

pub struct Abbreviations {
    terms: Vec<Term>,
    matcher: Option<AhoCorasick>,
}

pub struct Found {
    /// Index of the term.
    pub term: usize,
    pub start: usize,
    pub end: usize,
}

impl Abbreviations {
    pub fn new(terms: &[Term]) -> Abbreviations {
        let matcher = (!terms.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(terms.iter().map(|t| t.abbr.as_str()))
                .expect("glossary terms build a matcher")
        });
        Abbreviations {
            terms: terms.to_vec(),
            matcher,
        }
    }

    /// Whole-word occurrences in `text`: not preceded or followed by a letter or digit.
    pub fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found> + 't {
        self.matcher.iter().flat_map(move |m| {
            m.find_iter(text).filter_map(move |m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                (!word(before) && !word(after)).then_some(Found {
                    term: m.pattern().as_usize(),
                    start: m.start(),
                    end: m.end(),
                })
            })
        })
    }

    /// "Hoàn thành xuất sắc nhiệm vụ", the text for `<abbr title>`.
    pub fn expansion(&self, term: usize) -> String {
        self.terms[term].expansion.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(abbr: &str, expansion: &str) -> Term {
        Term {
            abbr: abbr.into(),
            expansion: expansion.into(),
            note: None,
        }
    }

    #[test]
    fn whole_words_longest_first() {
        let a = Abbreviations::new(&[
            t("ĐUK", "Đảng ủy Khối"),
            t("KH/ĐUK", "Kế hoạch của Đảng ủy Khối"),
            t("BCH", "Ban Chấp hành"),
        ]);
        let text = "Kế hoạch số 198-KH/ĐUK; ĐUKX; các đ/c UV BCH.";
        let found: Vec<_> = a.find(text).map(|f| &text[f.start..f.end]).collect();
        assert_eq!(found, ["KH/ĐUK", "BCH"]);
    }
}
