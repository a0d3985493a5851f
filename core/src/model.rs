//! The content model: a plan's front matter, the site settings, the glossary.
//! Unknown fields are errors everywhere, so a typo never passes silently.

use crate::date::{Date, MonthDay, YearMonth};
use serde::{Deserialize, Serialize};

/// The kinds of unit a plan's criteria apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Unit {
    /// Chi bộ (a party cell, or a chi bộ cơ sở).
    #[serde(rename = "chi-bo")]
    ChiBo,
    /// Đảng bộ cơ sở (or đảng bộ bộ phận), which has chi bộ of its own.
    #[serde(rename = "dang-bo")]
    DangBo,
}

impl Unit {
    pub const ALL: [Unit; 2] = [Unit::ChiBo, Unit::DangBo];

    pub fn id(self) -> &'static str {
        match self {
            Unit::ChiBo => "chi-bo",
            Unit::DangBo => "dang-bo",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::ChiBo => "Chi bộ",
            Unit::DangBo => "Đảng bộ cơ sở",
        }
    }

    pub fn from_id(s: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.id() == s)
    }
}

/// A phrase quoted from a section of a plan: the citation every fact carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// Id of the section (heading or numbered paragraph) that states it.
    pub anchor: String,
    /// Words copied from that section.
    pub quote: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub locality: String,
    /// What the published text is; unset, nothing is said about it.
    pub kind: Option<TextKind>,
    /// Where we found the text (an http(s) address), shown as ours.
    pub source_url: Option<String>,
    /// Left out when unknown: the page then says nothing about it.
    pub number: Option<String>,
    /// The published copy bears no number ("Bản được công bố không ghi số"): what we know, not whether the original has one.
    #[serde(default)]
    pub unnumbered: bool,
    pub date: Option<Date>,
    /// The published copy bears no date ("Bản được công bố không ghi ngày").
    #[serde(default)]
    pub undated: bool,
    pub place: Option<String>,
    pub issuer: String,
    pub level: String,
    pub movement: String,
    /// The years the plan runs, as written: "2023" or "2022-2027"
    /// ([`Period::parse`]).
    pub period: Option<String>,
    pub units: Vec<Unit>,
    /// Our summary, shown marked as editorial.
    pub summary: Option<String>,
    /// The source file the text was transcribed from.
    pub source: Option<String>,
    pub signer: Option<Signer>,
    #[serde(default)]
    pub bases: Vec<Basis>,
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    #[serde(default)]
    pub dossier: Vec<Dossier>,
    /// Our dated notes about the plan (e.g. what became of its issuer),
    /// shown marked as editorial, never as part of the text.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Yearly targets the plan states that are neither criteria nor
    /// conditions of its verdict.
    #[serde(default)]
    pub targets: Vec<Target>,
}

/// What the published text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextKind {
    /// The full document.
    VanBan,
    /// An excerpt of it.
    Trich,
    /// A news report about it, quoting it.
    TinBai,
}

impl TextKind {
    /// How the plan page names it.
    pub fn label(self) -> &'static str {
        match self {
            TextKind::VanBan => "Toàn văn",
            TextKind::Trich => "Trích một phần văn bản",
            TextKind::TinBai => "Bài báo đưa tin về văn bản, trích theo bài",
        }
    }
}

/// A yearly target the plan states (a "chỉ tiêu"), neither a criterion
/// nor a condition: shown under its own heading.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The target in the plan's words.
    pub text: String,
    /// Who it is set for, if the plan says.
    pub who: Option<String>,
    pub cite: Cite,
}

/// An editorial note of ours about a plan, dated, with its source named.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// When we wrote it.
    pub date: Date,
    /// What is known, in Vietnamese.
    pub text: String,
    /// The source's name (publication and title).
    pub source: String,
    /// Where the source can be read: an http(s) address.
    pub url: Option<String>,
}

/// A note's `url`: an absolute http(s) address with a host and no spaces.
pub fn check_note_url(url: &str) -> Result<(), String> {
    check_url("a note's `url`", url)
}

/// An http(s) address with a host and no spaces; `what` names the field
/// in the error.
pub fn check_url(what: &str, url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("{what} must start with http:// or https://, not {url:?}"))?;
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{what} {url:?} contains {c:?}: an address has no spaces or control characters"
        ));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return Err(format!("{what} {url:?} has no valid host"));
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub name: String,
    pub role: Option<String>,
    pub on_behalf_of: Option<String>,
}

/// A legal basis the plan cites (căn cứ).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// The verb the text uses: "Căn cứ", "Thực hiện", "Triển khai".
    pub relation: String,
    /// Kind of document as written: "Kế hoạch", "Hướng dẫn", "Nghị quyết".
    pub kind: Option<String>,
    pub number: Option<String>,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// "trước ngày …": due before the date.
    Before,
    /// "trong tháng …": within the month.
    Within,
    /// "nhân ngày …", "ngày …": on the day.
    On,
}

/// A deadline the plan sets.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub date: Option<Date>,
    pub month: Option<YearMonth>,
    pub yearly: Option<MonthDay>,
    pub bound: Bound,
    pub what: String,
    pub who: String,
    pub to: Option<String>,
    pub cite: Cite,
}

/// When a deadline falls, once exactly one of its date fields is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(Date),
    Month(YearMonth),
    Yearly(MonthDay),
}

impl Deadline {
    /// The one date field that is set, or an error naming the conflict.
    pub fn when(&self) -> Result<When, &'static str> {
        match (self.date, self.month, self.yearly) {
            (Some(d), None, None) => Ok(When::Day(d)),
            (None, Some(m), None) => Ok(When::Month(m)),
            (None, None, Some(y)) => Ok(When::Yearly(y)),
            (None, None, None) => Err("a deadline needs one of `date`, `month` or `yearly`"),
            _ => Err("a deadline takes only one of `date`, `month` and `yearly`"),
        }
    }
}

/// A dossier (hồ sơ) the plan requires.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub purpose: String,
    pub who: Option<String>,
    pub to: Option<String>,
    pub copies: Option<String>,
    /// Empty when the plan names the dossier without listing its papers.
    #[serde(default)]
    pub items: Vec<String>,
    pub cite: Cite,
}

/// `content/site.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub title: String,
    pub description: String,
    pub language: String,
    /// Where the site will be published, for sitemap.xml (which needs
    /// absolute URLs); pages themselves use relative URLs only.
    pub base_url: Option<String>,
    /// Our introduction on the home page: what "chi bộ bốn tốt" is.
    pub intro: Vec<String>,
    /// The four criteria in plain words.
    pub criteria: Vec<CriterionText>,
}

impl Site {
    /// `base_url` without a trailing slash, or "" when it is not set.
    pub fn base(&self) -> &str {
        self.base_url.as_deref().unwrap_or("").trim_end_matches('/')
    }
}

/// Checks a `base_url`: an absolute `http://` or `https://` address with
/// a host, which page paths can follow (sitemap.xml, robots.txt and the
/// calendar put it before every path). The error says what is wrong.
///
/// Checked by hand against RFC 3986 rather than with the `url` crate:
/// that crate brings IDNA and its Unicode tables (a dozen crates) for one
/// line of configuration, and it accepts more than a published base
/// address should have (user names, queries, fragments, hosts it rewrites).
/// Here a host is ASCII (an internationalised name is written in its
/// `xn--` form), and the path holds only characters a URL may carry as
/// they are, or `%` escapes.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let not_http = || {
        format!(
            "`base_url` must be an absolute http:// or https:// address such as \"https://bontot.example.vn/\", not {url:?}"
        )
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(not_http)?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(not_http());
    }
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "`base_url` {url:?} contains {c:?}: an address has no spaces or control characters"
        ));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "`base_url` {url:?} has a query or fragment: page paths could not follow it"
        ));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(format!(
            "`base_url` {url:?} has a user name before its host: publish the address without it"
        ));
    }
    // "[v6 address]:port" or "host:port".
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let no_host = || format!("`base_url` {url:?} has no valid host");
            let (inside, after) = v6.split_once(']').ok_or_else(no_host)?;
            let ok = !inside.is_empty()
                && inside.contains(':')
                && inside
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
            if !ok || !(after.is_empty() || after.starts_with(':')) {
                return Err(no_host());
            }
            (authority, after.strip_prefix(':'))
        }
        None => match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return Err(format!("`base_url` {url:?} has no host"));
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !host.starts_with('[') && !host.split('.').all(label_ok) {
        return Err(format!(
            "`base_url` {url:?} has no valid host: write it in ASCII letters, digits, '-' and '.' (an internationalised name in its xn-- form)"
        ));
    }
    if let Some(p) = port
        && !(!p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65535))
    {
        return Err(format!("`base_url` {url:?} has an invalid port {p:?}"));
    }
    let path_ok = |b: &[u8]| {
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'%' if b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit) =>
                {
                    i += 3;
                    continue;
                }
                c if c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&c) => {}
                _ => return false,
            }
            i += 1;
        }
        true
    };
    if !path_ok(path.as_bytes()) {
        return Err(format!(
            "`base_url` {url:?} has characters its path cannot carry as they are: write them %-escaped"
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionText {
    pub id: String,
    pub name: String,
    pub plain: String,
}

/// `content/glossary.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub abbr: String,
    pub expansion: String,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::check_base_url;

    #[test]
    fn base_urls() {
        for ok in [
            "https://bontot.example.vn/",
            "https://bontot.example.vn",
            "http://example.test/bontot/",
            "HTTPS://Example.VN/a%20b/",
            "https://xn--bnt-xna.vn/",
            "http://127.0.0.1:8080/site/",
            "http://[::1]:8000/",
            "https://a.vn/~x/(1)/",
        ] {
            assert_eq!(check_base_url(ok), Ok(()), "{ok}");
        }
        let not_http = |u: &str| {
            format!(
                "`base_url` must be an absolute http:// or https:// address such as \"https://bontot.example.vn/\", not {u:?}"
            )
        };
        for bad in [
            "javascript:alert(1)",
            "example.com",
            "ftp://x",
            "//example.com/",
            "/bontot/",
            "",
            "data:text/html,x",
            "https:/example.com",
        ] {
            assert_eq!(check_base_url(bad), Err(not_http(bad)), "{bad}");
        }
        for (bad, why) in [
            ("https://", "has no host"),
            ("https:///x", "has no host"),
            ("https://:80/", "has no host"),
            ("https://a b.vn/", "contains ' '"),
            ("https://a.vn/\nx", "contains '\\n'"),
            ("https://a.vn/?q=1", "has a query or fragment"),
            ("https://a.vn/#x", "has a query or fragment"),
            ("https://good.vn@evil.vn/", "has a user name"),
            ("https://bốntốt.vn/", "has no valid host"),
            ("https://a..vn/", "has no valid host"),
            ("https://-a.vn/", "has no valid host"),
            ("https://a.vn\\evil.vn/", "has no valid host"),
            ("https://[zz]/", "has no valid host"),
            ("https://a.vn:99999/", "has an invalid port"),
            ("https://a.vn:/", "has an invalid port"),
            ("https://a.vn/\"><script>", "cannot carry"),
            ("https://a.vn/bốn-tốt/", "cannot carry"),
            ("https://a.vn/%zz/", "cannot carry"),
        ] {
            let e = check_base_url(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}

/// The years a plan runs, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: u16,
    pub to: u16,
}

impl Period {
    /// "2023", "2022-2027", "2022 - 2027" or with an en dash; the end not
    /// before the start.
    pub fn parse(s: &str) -> Result<Period, String> {
        let year = |t: &str| -> Option<u16> {
            let t = t.trim();
            (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        let (a, b) = match s.split_once(['-', '–']) {
            Some((a, b)) => (year(a), year(b)),
            None => (year(s), year(s)),
        };
        match (a, b) {
            (Some(from), Some(to)) if from <= to => Ok(Period { from, to }),
            (Some(_), Some(_)) => Err(format!("period {s:?} ends before it starts")),
            _ => Err(format!(
                "period {s:?} is not a year or two years: write \"2023\" or \"2022-2027\""
            )),
        }
    }

    pub fn contains(self, year: u16) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// "năm 2023", "giai đoạn 2022 – 2027".
    pub fn vietnamese(self) -> String {
        if self.from == self.to {
            format!("năm {}", self.from)
        } else {
            format!("giai đoạn {} – {}", self.from, self.to)
        }
    }
}

/// An assessment year as a person types it: four digits, 2000 to 2100.
/// "năm nay" is not a year.
pub fn assessment_year(s: &str) -> Result<u16, &'static str> {
    let t = s.trim();
    let t = t
        .strip_prefix("năm ")
        .or_else(|| t.strip_prefix("Năm "))
        .unwrap_or(t)
        .trim();
    if t.is_empty() {
        return Err("Chưa nhập năm đánh giá.");
    }
    match t.parse::<u16>() {
        Ok(y) if t.len() == 4 && (2000..=2100).contains(&y) => Ok(y),
        _ => Err("Năm đánh giá phải là một năm viết bằng số, ví dụ 2025."),
    }
}

#[cfg(test)]
mod period_tests {
    use super::*;

    #[test]
    fn periods_and_years() {
        assert_eq!(
            Period::parse("2023"),
            Ok(Period {
                from: 2023,
                to: 2023
            })
        );
        assert_eq!(
            Period::parse("2022-2027"),
            Ok(Period {
                from: 2022,
                to: 2027
            })
        );
        assert_eq!(
            Period::parse("2024 – 2026"),
            Ok(Period {
                from: 2024,
                to: 2026
            })
        );
        assert!(Period::parse("2027-2022").is_err());
        assert!(Period::parse("hằng năm").is_err());
        assert!(Period::parse("20231").is_err());
        let p = Period::parse("2022-2027").unwrap();
        assert!(p.contains(2022) && p.contains(2027) && !p.contains(2028) && !p.contains(2021));
        assert_eq!(assessment_year(" 2025 "), Ok(2025));
        assert_eq!(assessment_year("năm 2025"), Ok(2025));
        assert!(assessment_year("năm nay").is_err());
        assert!(assessment_year("").is_err());
        assert!(assessment_year("25").is_err());
        assert!(assessment_year("1999").is_err());
        assert!(assessment_year("２０２５").is_err());
    }
}
