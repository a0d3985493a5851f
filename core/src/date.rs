//! Calendar dates as the plans state them: a day, a month, or a day every year.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A calendar day, checked (no 31 April).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// A month of a year: "trong tháng 3 năm 2023".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

/// A day that comes back every year: "17/01".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    pub month: u8,
    pub day: u8,
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

fn num<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl Date {
    /// Parses "YYYY-MM-DD".
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("{s:?} is not a date of the form YYYY-MM-DD");
        let mut it = s.split('-');
        let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
            return Err(bad());
        };
        let (year, month, day) = (
            num(y, 4).ok_or_else(bad)?,
            num(m, 2).ok_or_else(bad)?,
            num(d, 2).ok_or_else(bad)?,
        );
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("{s:?} is not a day of the calendar"));
        }
        Ok(Date { year, month, day })
    }

    /// "10/12/2022", the way the plans write dates.
    pub fn vietnamese(&self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// Days since 1970-01-01 (for iCalendar and sorting).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl YearMonth {
    pub fn parse(s: &str) -> Result<YearMonth, String> {
        let bad = || format!("{s:?} is not a month of the form YYYY-MM");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let (year, month) = (num(y, 4).ok_or_else(bad)?, num::<u8>(m, 2).ok_or_else(bad)?);
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }

    pub fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }

    pub fn last_day(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: days_in_month(self.year, self.month),
        }
    }
}

impl MonthDay {
    pub fn parse(s: &str) -> Result<MonthDay, String> {
        let bad = || format!("{s:?} is not a day of the year of the form MM-DD");
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        let (month, day): (u8, u8) = (num(m, 2).ok_or_else(bad)?, num(d, 2).ok_or_else(bad)?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(2000, month) {
            return Err(bad());
        }
        Ok(MonthDay { month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// Deserialises from a string, or from a TOML date (which serde sees as a
/// one-entry map holding the date's text).
struct TextVisitor<T>(fn(&str) -> Result<T, String>, &'static str);

impl<'de, T> Visitor<'de> for TextVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some((_, text)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom(format!("expected {}", self.1)));
        };
        (self.0)(&text).map_err(de::Error::custom)
    }
}

macro_rules! text_serde {
    ($t:ty, $what:literal) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(TextVisitor(<$t>::parse, $what))
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}

text_serde!(Date, "a date YYYY-MM-DD");
text_serde!(YearMonth, "a month YYYY-MM");
text_serde!(MonthDay, "a day of the year MM-DD");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            Date::parse("2024-02-29").unwrap().vietnamese(),
            "29/02/2024"
        );
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2023-4-1").is_err());
        assert!(Date::parse("2023-04-31").is_err());
        assert_eq!(YearMonth::parse("2023-03").unwrap().last_day().day, 31);
        assert!(YearMonth::parse("2023-13").is_err());
        assert!(MonthDay::parse("02-29").is_ok());
        assert!(MonthDay::parse("01-32").is_err());
    }

    #[test]
    fn epoch_days() {
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::parse("2000-03-01").unwrap().days_since_epoch(),
            11_017
        );
    }

    #[test]
    fn reads_toml_dates_and_strings() {
        #[derive(Deserialize)]
        struct T {
            a: Date,
            b: Date,
        }
        let t: T = toml::from_str("a = 2022-12-10\nb = \"2023-01-17\"").unwrap();
        assert_eq!(t.a.to_string(), "2022-12-10");
        assert_eq!(t.b.to_string(), "2023-01-17");
        let e = toml::from_str::<T>("a = 2022-13-10\nb = \"x\"")
            .err()
            .unwrap();
        assert!(e.to_string().contains("2022-13-10"), "{e}");
    }
}
