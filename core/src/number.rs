//! Exact numbers for thresholds: decimals parsed into rationals, compared
//! without rounding. Floats never decide a result.

use num_rational::Ratio;
use std::cmp::Ordering;

/// An exact non-negative rational (numerator and denominator up to i128).
pub type Exact = Ratio<i128>;

/// Largest whole number accepted in any answer: counts of party members
/// fit easily, and products with 100 · 10^k stay far from i128's limit.
pub const MAX_COUNT: u64 = 1_000_000_000_000;
/// Most digits after the decimal separator in a percentage.
pub const MAX_DECIMALS: usize = 6;

/// Parses a decimal written by a person: "98", "98.5", "98,5" (Vietnamese
/// comma), surrounding spaces and a trailing "%" allowed.
pub fn parse_decimal(s: &str) -> Result<Exact, DecimalError> {
    let t = s.trim();
    let t = t.strip_suffix('%').map(str::trim_end).unwrap_or(t);
    if t.is_empty() {
        return Err(DecimalError::Empty);
    }
    if t.starts_with('-') {
        return Err(DecimalError::Negative);
    }
    let seps = t.chars().filter(|c| matches!(c, '.' | ',')).count();
    if seps > 1 {
        return Err(DecimalError::Malformed);
    }
    let (int, frac) = match t.find(['.', ',']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(DecimalError::Malformed);
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::Malformed);
    }
    if frac.len() > MAX_DECIMALS || int.trim_start_matches('0').len() > 12 {
        return Err(DecimalError::TooLong);
    }
    let digits = format!("{int}{frac}");
    let n: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| DecimalError::Malformed)?
    };
    Ok(Ratio::new(n, 10i128.pow(frac.len() as u32)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    Empty,
    Negative,
    Malformed,
    TooLong,
}

impl DecimalError {
    /// The message shown next to the field.
    pub fn vietnamese(self) -> &'static str {
        match self {
            DecimalError::Empty => "Chưa nhập số.",
            DecimalError::Negative => "Không nhập số âm.",
            DecimalError::Malformed => {
                "Nhập một số, ví dụ 98 hoặc 98,5 (dùng dấu phẩy hoặc dấu chấm cho phần thập phân, chỉ một lần)."
            }
            DecimalError::TooLong => {
                "Số quá dài: tối đa 12 chữ số phần nguyên và 6 chữ số phần thập phân."
            }
        }
    }
}

/// Parses a whole number of people or things: digits only.
pub fn parse_count(s: &str) -> Result<u64, CountError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(CountError::Empty);
    }
    if t.starts_with('-') {
        return Err(CountError::Negative);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CountError::NotWhole);
    }
    if t.trim_start_matches('0').len() > 13 {
        return Err(CountError::TooLarge);
    }
    let n: u64 = t.parse().map_err(|_| CountError::TooLarge)?;
    if n > MAX_COUNT {
        return Err(CountError::TooLarge);
    }
    Ok(n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountError {
    Empty,
    Negative,
    NotWhole,
    TooLarge,
}

impl CountError {
    pub fn vietnamese(self) -> &'static str {
        match self {
            CountError::Empty => "Chưa nhập số.",
            CountError::Negative => "Không nhập số âm.",
            CountError::NotWhole => {
                "Nhập số nguyên không âm, chỉ gồm chữ số (không dấu chấm, dấu phẩy hay chữ)."
            }
            CountError::TooLarge => "Số quá lớn.",
        }
    }
}

/// `a/b` as a percentage, exactly: 100·a/b.
pub fn percent_of(a: u64, b: u64) -> Option<Exact> {
    (b > 0).then(|| Ratio::new(i128::from(a) * 100, i128::from(b)))
}

/// Writes an exact value the Vietnamese way, with a comma: "98,5". Values
/// that need more than two decimals are cut (never rounded up) and marked
/// "≈", so 99,999…% never shows as 100%.
pub fn format_vi(x: &Exact) -> String {
    let scaled = x * Ratio::from_integer(100);
    let floor = scaled.floor().to_integer();
    let exact = scaled.is_integer();
    // As i64: formatting an i128 would bring its own (kilobyte) formatter
    // into the calculator's WASM; an exact value here is far below i64's
    // limit, and one past it is shown at the limit.
    let int = i64::try_from(floor / 100).unwrap_or(i64::MAX);
    let frac = floor % 100;
    let mut s = int.to_string();
    if frac != 0 {
        let f = format!("{:02}", frac as u64);
        s.push(',');
        s.push_str(f.trim_end_matches('0'));
    }
    if exact { s } else { format!("≈ {s}") }
}

/// `a/b` with its percentage the way people write it: "2/3 (66,7%)",
/// "48/50 (96%)". The fraction is exact; the percentage is rounded to one
/// decimal, except that rounding never carries into the next whole number
/// (99,96% shows as 99,9%, never 100%; 97,96% as 97,9%, never 98%), so a
/// share just under a whole-number threshold never looks as if it met it.
pub fn format_share(a: u64, b: u64) -> String {
    if b == 0 {
        return format!("{a}/{b}");
    }
    // Whole numbers only: tenths of a percent, cut and rounded half up
    // (Ratio arithmetic would cost the calculator's WASM a kilobyte).
    let (x, y) = (u128::from(a), u128::from(b));
    let cut = x * 1000 / y;
    let half_up = (x * 2000 + y) / (2 * y);
    let shown = if half_up / 10 != cut / 10 {
        cut
    } else {
        half_up
    };
    let whole = u64::try_from(shown / 10).unwrap_or(u64::MAX);
    // Small integers only in `format!`: an u128 there would bring its own
    // formatter into the calculator's WASM.
    match (shown % 10) as u64 {
        0 => format!("{a}/{b} ({whole}%)"),
        tenth => format!("{a}/{b} ({whole},{tenth}%)"),
    }
}

/// Orders two exact values (a convenience for readability at call sites).
pub fn cmp(a: &Exact, b: &Exact) -> Ordering {
    a.cmp(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Exact {
        parse_decimal(s).unwrap()
    }

    #[test]
    fn decimals_with_comma_or_dot() {
        assert_eq!(d("98,5"), Ratio::new(197, 2));
        assert_eq!(d("98.5"), d("98,50"));
        assert_eq!(d(" 100 % "), Ratio::from_integer(100));
        assert_eq!(d(",5"), Ratio::new(1, 2));
        assert_eq!(d("0.4"), Ratio::new(2, 5));
        assert_eq!(parse_decimal("1,000.5"), Err(DecimalError::Malformed));
        assert_eq!(parse_decimal("-1"), Err(DecimalError::Negative));
        assert_eq!(parse_decimal("1e3"), Err(DecimalError::Malformed));
        assert_eq!(parse_decimal(""), Err(DecimalError::Empty));
        assert_eq!(parse_decimal("."), Err(DecimalError::Malformed));
        assert_eq!(parse_decimal("1.0000001"), Err(DecimalError::TooLong));
        assert_eq!(
            parse_decimal("99999999999999999999999999999999"),
            Err(DecimalError::TooLong)
        );
    }

    #[test]
    fn counts_are_whole() {
        assert_eq!(parse_count(" 06 "), Ok(6));
        assert_eq!(parse_count("1.000"), Err(CountError::NotWhole));
        assert_eq!(parse_count("-3"), Err(CountError::Negative));
        assert_eq!(
            parse_count("18446744073709551616"),
            Err(CountError::TooLarge)
        );
        assert_eq!(parse_count("99999999999999"), Err(CountError::TooLarge));
    }

    #[test]
    fn exact_percent_at_threshold() {
        // 49/50 = 98% exactly; 48.99/50 is not representable as a count.
        assert_eq!(percent_of(49, 50), Some(d("98")));
        assert!(percent_of(97, 99).unwrap() < d("98"));
        assert_eq!(percent_of(1, 0), None);
        // 1 in 3 is 33.333…%, never equal to 33.33%.
        assert!(percent_of(1, 3).unwrap() > d("33.33"));
    }

    #[test]
    fn shares_read_as_people_write_them() {
        assert_eq!(format_share(2, 3), "2/3 (66,7%)");
        assert_eq!(format_share(1, 3), "1/3 (33,3%)");
        assert_eq!(format_share(48, 50), "48/50 (96%)");
        assert_eq!(format_share(3, 4), "3/4 (75%)");
        assert_eq!(format_share(0, 7), "0/7 (0%)");
        assert_eq!(format_share(1, 0), "1/0");
        // Never carried into the next whole number.
        assert_eq!(format_share(9_999, 10_000), "9999/10000 (99,9%)");
        assert_eq!(format_share(9_796, 10_000), "9796/10000 (97,9%)");
        assert_eq!(format_share(9_794, 10_000), "9794/10000 (97,9%)");
        assert_eq!(format_share(9_795, 10_000), "9795/10000 (97,9%)");
        assert_eq!(format_share(9_785, 10_000), "9785/10000 (97,9%)");
        assert_eq!(format_share(1_005, 1_000), "1005/1000 (100,5%)");
    }

    #[test]
    fn formatting_never_rounds_up() {
        assert_eq!(format_vi(&d("98.5")), "98,5");
        assert_eq!(format_vi(&d("100")), "100");
        assert_eq!(format_vi(&percent_of(99_999, 100_000).unwrap()), "≈ 99,99");
        assert_eq!(format_vi(&percent_of(2, 3).unwrap()), "≈ 66,66");
        assert_eq!(format_vi(&d("0.05")), "0,05");
    }
}
