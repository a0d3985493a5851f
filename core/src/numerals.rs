//! The numbers a plan writes in the words a threshold quotes: "06 đảng
//! viên", "98.0%", "15 - 20%", "3/4 chi bộ", "1.000", "0,5", "hai",
//! "chín mươi phần trăm", "ba phần tư". Read so that the build can check a
//! threshold's exact `value` against the words it quotes
//! (`rules::validate`); what cannot be read with certainty is left out, so
//! that an unusual phrase is never an error by itself.

use crate::number::Exact;
use crate::text::lower;
use num_rational::Ratio;

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A bare number: "06", "hai".
    Plain,
    /// A percentage: "98.0%", "chín mươi phần trăm"; read as the number of
    /// percent (98).
    Percent,
    /// A share: "3/4", "ba phần tư", "một nửa"; read as the fraction (3/4).
    Fraction,
}

/// One number in the words.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub form: Form,
    /// Every value the writing can mean: "1.000" is a thousand with a
    /// Vietnamese thousands dot, or one with a decimal point as in "98.0".
    pub readings: Vec<Exact>,
    /// It may be no number at all: "năm" is five or "year", "một" one or
    /// "a". Such a mention can agree with a threshold but never contradict it.
    pub weak: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Digits, with '.' or ',' between digits: "1.000,5".
    Num(String),
    /// Letters, lower-cased.
    Word(String),
    /// Any other character but white space.
    Sym(char),
}

/// Tokens with whether white space came before each.
fn tokens(text: &str) -> Vec<(Tok, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut space = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let tok = if c.is_ascii_digit() {
            i += 1;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '.' | ',')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            Tok::Num(chars[start..i].iter().collect())
        } else if c.is_alphabetic() {
            // Letters and their combining marks (text that is not NFC).
            while i < chars.len() && (chars[i].is_alphabetic() || is_mark(chars[i])) {
                i += 1;
            }
            Tok::Word(lower(&chars[start..i].iter().collect::<String>()))
        } else {
            i += 1;
            Tok::Sym(c)
        };
        out.push((tok, space));
        space = false;
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F)
}

/// Largest number of digits read in one number: far beyond any threshold,
/// and far from i128's limit.
const MAX_DIGITS: usize = 18;

/// What digits with separators can mean: "06" → 6; "98.0" → 98; "0,5" →
/// 0.5; "1.000" → 1000 or 1; "1.000.000" → 1000000; "1.000,5" and
/// "1,000.5" → 1000.5. Nothing when no reading fits ("30.4.2024").
fn digit_readings(raw: &str) -> Vec<Exact> {
    let groups: Vec<&str> = raw.split(['.', ',']).collect();
    let seps: Vec<char> = raw.chars().filter(|c| matches!(c, '.' | ',')).collect();
    if raw.chars().filter(char::is_ascii_digit).count() > MAX_DIGITS {
        return Vec::new();
    }
    let int = |s: &str| -> i128 { s.parse().unwrap_or(0) };
    let decimal = |int_part: i128, frac: &str| {
        Ratio::from_integer(int_part) + Ratio::new(int(frac), 10i128.pow(frac.len() as u32))
    };
    // Thousands groups: 1 to 3 digits (not starting with 0), then threes.
    let grouped = |gs: &[&str]| {
        let (first, rest) = gs.split_first()?;
        let ok = (1..=3).contains(&first.len())
            && !first.starts_with('0')
            && rest.iter().all(|g| g.len() == 3);
        ok.then(|| int(&gs.concat()))
    };
    let mut out = Vec::new();
    match seps.as_slice() {
        [] => out.push(Ratio::from_integer(int(raw))),
        [_] => {
            out.push(decimal(int(groups[0]), groups[1]));
            if let Some(n) = grouped(&groups) {
                out.push(Ratio::from_integer(n));
            }
        }
        [first, ..] if seps.iter().all(|s| s == first) => {
            out.extend(grouped(&groups).map(Ratio::from_integer));
        }
        [init @ .., last] if init.iter().all(|s| s != last && *s == init[0]) => {
            let (whole, frac) = groups.split_at(groups.len() - 1);
            if let Some(n) = grouped(whole) {
                out.push(decimal(n, frac[0]));
            }
        }
        _ => {}
    }
    out.dedup();
    out
}

/// A unit digit as a numeral word, alone or first in a number.
fn digit_word(w: &str) -> Option<i128> {
    Some(match w {
        "một" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" => 4,
        "năm" => 5,
        "sáu" => 6,
        "bảy" | "bẩy" => 7,
        "tám" => 8,
        "chín" => 9,
        _ => return None,
    })
}

/// A unit digit after tens ("hai mươi mốt", "mười lăm", "ba mươi tư").
fn unit_after_tens(w: &str) -> Option<i128> {
    match w {
        "mốt" => Some(1),
        "tư" => Some(4),
        "lăm" | "nhăm" => Some(5),
        _ => digit_word(w),
    }
}

/// Whether `w` can be part of a spelled-out number.
fn numeral_word(w: &str) -> bool {
    unit_after_tens(w).is_some()
        || matches!(
            w,
            "mười" | "mươi" | "trăm" | "linh" | "lẻ" | "nghìn" | "ngàn"
        )
}

/// Below a thousand: "chín", "mười lăm", "hai mươi mốt", "một trăm linh
/// năm", "ba trăm". `None` when the words are no well-formed number.
fn below_thousand(ws: &[&str]) -> Option<i128> {
    let mut rest = ws;
    let mut total = 0;
    let mut any = false;
    if let [d, "trăm", tail @ ..] = rest {
        total += digit_word(d)? * 100;
        rest = tail;
        any = true;
        if let ["linh" | "lẻ", d] = rest {
            return Some(total + digit_word(d)?);
        }
    }
    let tens = match rest {
        ["mười", tail @ ..] => {
            rest = tail;
            Some(10)
        }
        [d, "mươi", tail @ ..] => {
            let t = digit_word(d).filter(|&t| t >= 2)? * 10;
            rest = tail;
            Some(t)
        }
        _ => None,
    };
    match (tens, rest) {
        (Some(t), []) => Some(total + t),
        // "mười một", not "mười mốt"; "hai mươi mốt", "ba mươi tư".
        (Some(10), [u]) if *u != "mốt" && *u != "tư" => Some(total + 10 + unit_after_tens(u)?),
        (Some(t), [u]) if t > 10 => Some(total + t + unit_after_tens(u)?),
        (None, [d]) if !any => digit_word(d),
        (None, []) if any => Some(total),
        _ => None,
    }
}

/// A spelled-out number: below a thousand, or thousands and the rest
/// ("hai nghìn", "một nghìn năm trăm").
fn spelled(ws: &[&str]) -> Option<i128> {
    match ws.iter().position(|w| matches!(*w, "nghìn" | "ngàn")) {
        Some(i) => {
            let thousands = below_thousand(&ws[..i])?;
            let rest = &ws[i + 1..];
            let tail = if rest.is_empty() {
                0
            } else {
                below_thousand(rest)?
            };
            Some(thousands * 1000 + tail)
        }
        None => below_thousand(ws),
    }
}

/// What a run of tokens between mentions is.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Mention(Mention),
    /// "-", "–", "—", "đến", "tới": a range "15 - 20%".
    RangeSep,
    Other,
}

/// Every number the words state, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    let toks = tokens(text);
    let word = |i: usize| match toks.get(i) {
        Some((Tok::Word(w), _)) => Some(w.as_str()),
        _ => None,
    };
    let sym = |i: usize, c: char| matches!(toks.get(i), Some((Tok::Sym(s), _)) if *s == c);
    let tight = |i: usize| toks.get(i).is_some_and(|(_, space)| !space);
    let mut items = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].0 {
            Tok::Num(raw) => {
                let start = i;
                i += 1;
                // "3/4", but not a date "30/4/2024" nor a code "123/QĐ".
                let mut after = i;
                let mut slashes = 0;
                while sym(after, '/') && tight(after) && tight(after + 1) {
                    slashes += 1;
                    after += 2;
                }
                if slashes > 0 {
                    let share = match (slashes, toks.get(i + 1)) {
                        (1, Some((Tok::Num(den), _))) => {
                            let small = |s: &str| (s.len() <= 6).then(|| s.parse::<i128>().ok())?;
                            small(raw).zip(small(den))
                        }
                        _ => None,
                    };
                    items.push(match share {
                        // A share is not more than the whole.
                        Some((a, b)) if b > 0 && a <= b => Item::Mention(Mention {
                            form: Form::Fraction,
                            readings: vec![Ratio::new(a, b)],
                            weak: false,
                        }),
                        _ => Item::Other,
                    });
                    i = after;
                    continue;
                }
                // Part of a code or name: "21-NQ", "10A", "K12".
                let glued = |j: usize| matches!(toks.get(j), Some((Tok::Word(_), _))) && tight(j);
                let code = (matches!(toks.get(i), Some((Tok::Sym('-' | '/'), _)))
                    && tight(i)
                    && glued(i + 1))
                    || glued(i)
                    || (start > 0 && tight(start) && matches!(toks[start - 1].0, Tok::Word(_)));
                let readings = digit_readings(raw);
                if code || readings.is_empty() {
                    items.push(Item::Other);
                    continue;
                }
                let form = if sym(i, '%') {
                    i += 1;
                    Form::Percent
                } else if word(i) == Some("phần") && word(i + 1) == Some("trăm") {
                    i += 2;
                    Form::Percent
                } else {
                    Form::Plain
                };
                items.push(Item::Mention(Mention {
                    form,
                    readings,
                    weak: false,
                }));
            }
            Tok::Word(w) if w == "một" && word(i + 1) == Some("nửa") => {
                items.push(Item::Mention(Mention {
                    form: Form::Fraction,
                    readings: vec![Ratio::new(1, 2)],
                    weak: false,
                }));
                i += 2;
            }
            Tok::Word(w) if digit_word(w).is_some() || w == "mười" => {
                let start = i;
                while word(i).is_some_and(numeral_word) {
                    i += 1;
                }
                let ws: Vec<&str> = (start..i).filter_map(word).collect();
                let Some(n) = spelled(&ws) else {
                    items.push(Item::Other);
                    continue;
                };
                // "bốn tốt", "ba tốt": the movement's name, no count.
                if ws.len() == 1 && word(i) == Some("tốt") {
                    items.push(Item::Other);
                    continue;
                }
                let weak = ws.len() == 1 && matches!(ws[0], "một" | "năm");
                let (form, reading) = if word(i) == Some("phần") && word(i + 1) == Some("trăm") {
                    i += 2;
                    (Form::Percent, Ratio::from_integer(n))
                } else if word(i) == Some("phần") && word(i + 1).is_some_and(numeral_word) {
                    // "ba phần tư", "hai phần ba": the denominator may be "tư".
                    let den_start = i + 1;
                    let mut end = den_start;
                    while word(end).is_some_and(numeral_word) {
                        end += 1;
                    }
                    let den: Vec<&str> = (den_start..end).filter_map(word).collect();
                    let d = match den.as_slice() {
                        ["tư"] => Some(4),
                        _ => spelled(&den),
                    };
                    match d {
                        Some(d) if d > 0 && n <= d => {
                            i = end;
                            (Form::Fraction, Ratio::new(n, d))
                        }
                        _ => {
                            items.push(Item::Other);
                            i = end;
                            continue;
                        }
                    }
                } else {
                    (Form::Plain, Ratio::from_integer(n))
                };
                items.push(Item::Mention(Mention {
                    form,
                    readings: vec![reading],
                    weak: weak && form == Form::Plain,
                }));
            }
            Tok::Word(w) if w == "đến" || w == "tới" => {
                items.push(Item::RangeSep);
                i += 1;
            }
            Tok::Sym('-' | '–' | '—') => {
                items.push(Item::RangeSep);
                i += 1;
            }
            _ => {
                items.push(Item::Other);
                i += 1;
            }
        }
    }
    // "15 - 20%", "từ 15 đến 20 phần trăm": the first end is a percentage too.
    for k in (0..items.len().saturating_sub(2)).rev() {
        if let [Item::Mention(a), Item::RangeSep, Item::Mention(b)] = &mut items[k..k + 3]
            && a.form == Form::Plain
            && b.form == Form::Percent
        {
            a.form = Form::Percent;
        }
    }
    items
        .into_iter()
        .filter_map(|it| match it {
            Item::Mention(m) => Some(m),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i128, d: i128) -> Exact {
        Ratio::new(n, d)
    }

    fn int(n: i128) -> Exact {
        Ratio::from_integer(n)
    }

    /// (form, readings, weak) of every mention.
    fn read(text: &str) -> Vec<(Form, Vec<Exact>, bool)> {
        mentions(text)
            .into_iter()
            .map(|m| (m.form, m.readings, m.weak))
            .collect()
    }

    #[test]
    fn digits_and_separators() {
        assert_eq!(
            read("Kết nạp ít nhất 06 đảng viên"),
            [(Form::Plain, vec![int(6)], false)]
        );
        assert_eq!(read("dưới 1.0%"), [(Form::Percent, vec![int(1)], false)]);
        assert_eq!(read("dưới 0.4%"), [(Form::Percent, vec![r(2, 5)], false)]);
        assert_eq!(
            read("đạt 98,5 %"),
            [(Form::Percent, vec![r(197, 2)], false)]
        );
        assert_eq!(read("0,5"), [(Form::Plain, vec![r(1, 2)], false)]);
        // A thousands dot or a decimal point: both readings.
        assert_eq!(
            read("1.000 hộ"),
            [(Form::Plain, vec![int(1), int(1000)], false)]
        );
        assert_eq!(
            read("1.000.000"),
            [(Form::Plain, vec![int(1_000_000)], false)]
        );
        assert_eq!(read("1.000,5"), [(Form::Plain, vec![r(2001, 2)], false)]);
        assert_eq!(read("1,000.5"), [(Form::Plain, vec![r(2001, 2)], false)]);
        assert_eq!(read("0.400"), [(Form::Plain, vec![r(2, 5)], false)]);
        // Not a number anyone reads: nothing.
        assert_eq!(read("ngày 30.4.2024"), []);
        assert_eq!(read("1.00.0"), []);
        // A full stop after a number is not a decimal point.
        assert_eq!(read("đạt 90%."), [(Form::Percent, vec![int(90)], false)]);
    }

    #[test]
    fn shares_ranges_dates_and_codes() {
        assert_eq!(read("3/4 chi bộ"), [(Form::Fraction, vec![r(3, 4)], false)]);
        assert_eq!(
            read("2/3 số đảng viên"),
            [(Form::Fraction, vec![r(2, 3)], false)]
        );
        assert_eq!(
            read("trong đó có 15 - 20% hoàn thành xuất sắc"),
            [
                (Form::Percent, vec![int(15)], false),
                (Form::Percent, vec![int(20)], false)
            ]
        );
        assert_eq!(
            read("từ 15 đến 20 phần trăm"),
            [
                (Form::Percent, vec![int(15)], false),
                (Form::Percent, vec![int(20)], false)
            ]
        );
        // Dates, document numbers and codes are no thresholds.
        assert_eq!(read("trước ngày 30/4/2024"), []);
        assert_eq!(read("theo Nghị quyết số 21-NQ/TW"), []);
        assert_eq!(read("Quyết định 123/QĐ-UBND"), []);
        assert_eq!(read("lớp 10A1"), []);
        // "30/4" is more than the whole: a date, not a share.
        assert_eq!(read("ngày 30/4"), []);
        assert_eq!(
            read("Kéo giảm tỷ lệ đảng viên vi phạm 2%/ năm"),
            [
                (Form::Percent, vec![int(2)], false),
                (Form::Plain, vec![int(5)], true)
            ]
        );
    }

    #[test]
    fn spelled_out_numbers() {
        assert_eq!(read("hai đảng viên"), [(Form::Plain, vec![int(2)], false)]);
        assert_eq!(
            read("ít nhất 02 (hai) đảng viên"),
            [
                (Form::Plain, vec![int(2)], false),
                (Form::Plain, vec![int(2)], false)
            ]
        );
        assert_eq!(read("mười lăm"), [(Form::Plain, vec![int(15)], false)]);
        assert_eq!(read("hai mươi mốt"), [(Form::Plain, vec![int(21)], false)]);
        assert_eq!(read("ba mươi tư"), [(Form::Plain, vec![int(34)], false)]);
        assert_eq!(
            read("một trăm linh năm"),
            [(Form::Plain, vec![int(105)], false)]
        );
        assert_eq!(read("hai nghìn"), [(Form::Plain, vec![int(2000)], false)]);
        assert_eq!(
            read("chín mươi phần trăm đảng viên"),
            [(Form::Percent, vec![int(90)], false)]
        );
        assert_eq!(
            read("một trăm phần trăm"),
            [(Form::Percent, vec![int(100)], false)]
        );
        assert_eq!(
            read("ba phần tư số chi bộ"),
            [(Form::Fraction, vec![r(3, 4)], false)]
        );
        assert_eq!(
            read("hai phần ba"),
            [(Form::Fraction, vec![r(2, 3)], false)]
        );
        assert_eq!(
            read("một nửa số chi bộ"),
            [(Form::Fraction, vec![r(1, 2)], false)]
        );
        // "một" (a) and "năm" (year) may be no number: weak.
        assert_eq!(
            read("một số đảng viên"),
            [(Form::Plain, vec![int(1)], true)]
        );
        assert_eq!(read("hằng năm"), [(Form::Plain, vec![int(5)], true)]);
        // The movement's name is not a count; ill-formed runs are not read.
        assert_eq!(read("đạt bốn tốt"), []);
        assert_eq!(read("một hai ba"), []);
        assert_eq!(read("mươi"), []);
        // Marks matter: "mười" is ten, "mươi" only multiplies.
        assert_eq!(read("Mười"), [(Form::Plain, vec![int(10)], false)]);
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// Any text is read without a panic, and every reading of a share
        /// is at most the whole.
        #[test]
        fn any_text_is_read(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[0-9]{1,20}",
                    proptest::sample::select(vec![
                        ".", ",", "/", "%", "-", "–", " ", "(", ")", "phần", "trăm", "tư",
                        "một", "hai", "năm", "mười", "mươi", "mốt", "lăm", "linh", "nghìn",
                        "nửa", "tốt", "đến", "NQ", "a",
                    ])
                    .prop_map(str::to_string),
                    "\\PC{0,3}",
                ],
                0..24,
            )
        ) {
            for m in mentions(&parts.concat()) {
                proptest::prop_assert!(!m.readings.is_empty());
                if m.form == Form::Fraction {
                    proptest::prop_assert!(m.readings.iter().all(|r| *r <= int(1)));
                }
            }
            for m in mentions(&parts.join(" ")) {
                proptest::prop_assert!(!m.readings.is_empty());
            }
        }
    }
}
