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
    pub number: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    pub issuer: String,
    pub level: String,
    pub movement: String,
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
