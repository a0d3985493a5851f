//! A points frame for rating a monthly chi bộ meeting (groups of items,
//! points per item, bands Tốt / Khá / Trung bình / Kém) as data a
//! locality supplies (`content/frames/<id>.toml`). No national frame
//! exists: HD 42-HD/BTCTW leaves the criteria to each locality, so every
//! frame is local and names its source. [`parse`] turns the file into a
//! [`Frame`] that cannot hold a band that leaves a total unrated or an
//! item whose points exceed its group; [`score`] adds a meeting's points
//! and reads the month's rating from the bands.
//!
//! Points are [`Points`]: whole thousandths, so "0,5 điểm" and a band at
//! "89,5" compare exactly, with no floating point anywhere.

use crate::date::Date;
use crate::rules::Rating;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A number of points, in thousandths of a point.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Points(pub u32);

impl Points {
    /// Thousandths in one point.
    pub const SCALE: u32 = 1000;

    pub const fn whole(n: u32) -> Points {
        Points(n * Points::SCALE)
    }

    /// Reads "5", "0,5", "0.25" or "89,5": at most three decimals, no sign.
    pub fn parse(s: &str) -> Result<Points, String> {
        let t = s.trim();
        let (int, frac, point) = match t.split_once([',', '.']) {
            Some((i, f)) => (i, f, true),
            None => (t, "", false),
        };
        let digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || (point && frac.is_empty()) {
            return Err(format!(
                "\"{s}\" is not a number of points (write 5, 0,5 or 0.5)"
            ));
        }
        if frac.len() > 3 {
            return Err(format!("\"{s}\": at most three decimals"));
        }
        let whole: u32 = int
            .parse()
            .ok()
            .filter(|n| *n <= 1_000_000)
            .ok_or_else(|| format!("\"{s}\" is too large"))?;
        let mut f = 0u32;
        for (i, b) in frac.bytes().enumerate() {
            f += u32::from(b - b'0') * 10u32.pow(2 - i as u32);
        }
        Ok(Points(whole * Points::SCALE + f))
    }

    pub fn checked_add(self, o: Points) -> Option<Points> {
        self.0.checked_add(o.0).map(Points)
    }
}

/// "5", "0,5", "89,25": Vietnamese decimal comma, no trailing zeros.
impl std::fmt::Display for Points {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (w, r) = (self.0 / Points::SCALE, self.0 % Points::SCALE);
        if r == 0 {
            return write!(f, "{w}");
        }
        let frac = format!("{r:03}");
        write!(f, "{w},{}", frac.trim_end_matches('0'))
    }
}

/// Points as a publisher writes them: `5` or `"0,5"` (never a TOML float,
/// which is binary and would not be exact).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PointsText {
    Whole(u32),
    Text(String),
}

impl PointsText {
    fn read(&self) -> Result<Points, String> {
        match self {
            PointsText::Whole(n) if *n <= 1_000_000 => Ok(Points::whole(*n)),
            PointsText::Whole(n) => Err(format!("{n} is too large")),
            PointsText::Text(s) => Points::parse(s),
        }
    }
}

/// The frame file as written (`content/frames/<id>.toml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameFile {
    /// What the sheet is called, in Vietnamese.
    pub title: String,
    /// Must be `true`: a frame is always a locality's (see the module).
    pub local: bool,
    /// Whom it was issued for, and that a reader's own locality's frame
    /// comes first, in Vietnamese.
    pub scope: String,
    pub source: SourceFile,
    /// The frame's stated total: the groups must add up to it.
    pub total: PointsText,
    pub groups: Vec<GroupFile>,
    pub bands: Vec<BandFile>,
    /// What the frame leaves open, in Vietnamese, shown on its page.
    #[serde(default)]
    pub gaps: Vec<String>,
}

/// Who issued the frame and how we saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// "Đảng ủy phường An Phú".
    pub issuer: String,
    /// "Kế hoạch".
    pub kind: String,
    /// "08-KH/ĐU".
    pub number: Option<String>,
    pub date: Option<Date>,
    /// How we saw it: the document itself, or a copy, or an encoding of it
    /// in someone's app, and what of it could be checked.
    pub seen: String,
    /// Where it can be read (an http(s) address).
    #[serde(default)]
    pub url: Option<String>,
    /// When we read it.
    pub read: Date,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    pub id: String,
    pub name: String,
    /// The group's stated points: its items must add up to them.
    pub max: PointsText,
    #[serde(default)]
    pub note: Option<String>,
    pub items: Vec<ItemFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    pub id: String,
    pub text: String,
    pub max: PointsText,
    #[serde(default)]
    pub note: Option<String>,
    /// Where the frame lets only some marks be given ("chấm một trong các
    /// mức"), those marks; otherwise any from 0 to `max`.
    #[serde(default)]
    pub choices: Vec<ChoiceFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceFile {
    pub points: PointsText,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandFile {
    pub rating: Rating,
    /// The lowest total with this rating (inclusive).
    pub from: PointsText,
}

/// A frame read and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub id: String,
    pub title: String,
    pub scope: String,
    pub source: SourceFile,
    pub total: Points,
    pub groups: Vec<Group>,
    /// Best first; the last starts at 0, each starts below the one above,
    /// so every total from 0 to `total` has exactly one rating.
    pub bands: Vec<Band>,
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub max: Points,
    pub note: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub max: Points,
    pub note: Option<String>,
    /// Highest first; empty: any points from 0 to `max`.
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub points: Points,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub rating: Rating,
    pub from: Points,
}

/// A problem in a frame file: where (a dotted path) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads a frame file named `id`, reporting every problem at once.
pub fn parse(id: &str, f: FrameFile) -> Result<Frame, Vec<Problem>> {
    let mut problems = Vec::new();
    let read = |path: String, p: &PointsText, problems: &mut Vec<Problem>| match p.read() {
        Ok(x) => Some(x),
        Err(m) => {
            problems.push(problem(path, m));
            None
        }
    };
    if !f.local {
        problems.push(problem(
            "local",
            "must be true: every meeting frame is a locality's own (HD 42-HD/BTCTW sets none for the whole country)",
        ));
    }
    for (k, v) in [
        ("title", &f.title),
        ("scope", &f.scope),
        ("source.seen", &f.source.seen),
    ] {
        if v.trim().is_empty() {
            problems.push(problem(k, "must not be empty"));
        }
    }
    let total = read("total".into(), &f.total, &mut problems);
    let mut ids = BTreeSet::new();
    let mut groups = Vec::new();
    let mut sum = Some(Points(0));
    if f.groups.is_empty() {
        problems.push(problem("groups", "lists no group"));
    }
    for (g, gf) in f.groups.iter().enumerate() {
        let at = format!("groups[{g}]");
        for (k, v) in [("id", &gf.id)] {
            if !is_id(v) {
                problems.push(problem(
                    format!("{at}.{k}"),
                    format!("\"{v}\": lower-case ASCII letters, digits and '-'"),
                ));
            }
        }
        if !ids.insert(gf.id.clone()) {
            problems.push(problem(
                format!("{at}.id"),
                format!("\"{}\" is used twice", gf.id),
            ));
        }
        let max = read(format!("{at}.max"), &gf.max, &mut problems);
        if gf.items.is_empty() {
            problems.push(problem(format!("{at}.items"), "lists no item"));
        }
        let mut items = Vec::new();
        let mut items_sum = Some(Points(0));
        for (i, it) in gf.items.iter().enumerate() {
            let at = format!("{at}.items[{i}]");
            if !is_id(&it.id) {
                problems.push(problem(
                    format!("{at}.id"),
                    format!("\"{}\": lower-case ASCII letters, digits and '-'", it.id),
                ));
            }
            if !ids.insert(it.id.clone()) {
                problems.push(problem(
                    format!("{at}.id"),
                    format!("\"{}\" is used twice", it.id),
                ));
            }
            let imax = read(format!("{at}.max"), &it.max, &mut problems);
            if imax == Some(Points(0)) {
                problems.push(problem(
                    format!("{at}.max"),
                    "an item worth 0 points rates nothing",
                ));
            }
            let mut choices: Vec<Choice> = Vec::new();
            for (c, cf) in it.choices.iter().enumerate() {
                let cat = format!("{at}.choices[{c}].points");
                if let Some(p) = read(cat.clone(), &cf.points, &mut problems) {
                    if imax.is_some_and(|m| p > m) {
                        problems.push(problem(cat, format!("{p} is above the item's max")));
                    } else if choices.iter().any(|x| x.points == p) {
                        problems.push(problem(cat, format!("{p} is listed twice")));
                    }
                    choices.push(Choice {
                        points: p,
                        text: cf.text.clone(),
                    });
                }
            }
            choices.sort_by_key(|c| std::cmp::Reverse(c.points));
            if let (Some(m), Some(top)) = (imax, choices.first())
                && top.points != m
            {
                problems.push(problem(
                    format!("{at}.choices"),
                    format!(
                        "the highest choice is {}, not the item's max {m}",
                        top.points
                    ),
                ));
            }
            items_sum = items_sum.zip(imax).and_then(|(a, b)| a.checked_add(b));
            items.push(Item {
                id: it.id.clone(),
                text: it.text.clone(),
                max: imax.unwrap_or_default(),
                note: it.note.clone(),
                choices,
            });
        }
        if let (Some(m), Some(s)) = (max, items_sum)
            && m != s
        {
            problems.push(problem(
                format!("{at}.max"),
                format!("the group says {m} points but its items add up to {s}"),
            ));
        }
        sum = sum.zip(max).and_then(|(a, b)| a.checked_add(b));
        groups.push(Group {
            id: gf.id.clone(),
            name: gf.name.clone(),
            max: max.unwrap_or_default(),
            note: gf.note.clone(),
            items,
        });
    }
    if let (Some(t), Some(s)) = (total, sum)
        && t != s
    {
        problems.push(problem(
            "total",
            format!("the frame says {t} points but its groups add up to {s}"),
        ));
    }

    let mut bands: Vec<Band> = Vec::new();
    for (b, bf) in f.bands.iter().enumerate() {
        let at = format!("bands[{b}]");
        if bf.rating == Rating::KhongHop {
            problems.push(problem(
                format!("{at}.rating"),
                "\"khong-hop\" is a month without a meeting, not a band",
            ));
        }
        if bands.iter().any(|x| x.rating == bf.rating) {
            problems.push(problem(
                format!("{at}.rating"),
                format!("{} has two bands", bf.rating.name()),
            ));
        }
        if let Some(from) = read(format!("{at}.from"), &bf.from, &mut problems) {
            if total.is_some_and(|t| from > t) {
                problems.push(problem(
                    format!("{at}.from"),
                    format!("{from} is above the frame's total"),
                ));
            }
            bands.push(Band {
                rating: bf.rating,
                from,
            });
        }
    }
    if bands.len() == f.bands.len() {
        check_bands(&bands, &mut problems);
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Frame {
        id: id.to_string(),
        title: f.title,
        scope: f.scope,
        source: f.source,
        total: total.unwrap_or_default(),
        groups,
        bands,
        gaps: f.gaps,
    })
}

/// Bands best first, each starting strictly below the one above and the
/// last at 0: then every total from 0 to the frame's has one rating.
fn check_bands(bands: &[Band], problems: &mut Vec<Problem>) {
    if bands.is_empty() {
        problems.push(problem("bands", "lists no band"));
        return;
    }
    for (i, pair) in bands.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        if b.rating >= a.rating {
            problems.push(problem(
                format!("bands[{}].rating", i + 1),
                format!(
                    "bands go best first: {} cannot come after {}",
                    b.rating.name(),
                    a.rating.name()
                ),
            ));
        }
        if b.from >= a.from {
            problems.push(problem(
                format!("bands[{}].from", i + 1),
                format!(
                    "{} starts at {}, not below {} ({})",
                    b.rating.name(),
                    b.from,
                    a.rating.name(),
                    a.from
                ),
            ));
        }
    }
    let last = bands.len() - 1;
    if bands[last].from != Points(0) {
        problems.push(problem(
            format!("bands[{last}].from"),
            format!(
                "the lowest band must start at 0, or totals below {} would have no rating",
                bands[last].from
            ),
        ));
    }
}

/// A meeting scored: the total, its rating, and each group's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub total: Points,
    pub rating: Rating,
    /// In the frame's group order.
    pub groups: Vec<Points>,
}

/// Why points cannot be scored, with the item's position in the frame's
/// item order (groups' items one after another).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoreError {
    /// `points` does not have one entry per item.
    Count {
        expected: usize,
        given: usize,
    },
    AboveMax {
        item: usize,
        max: Points,
    },
    /// The frame gives only these marks for the item.
    NotAChoice {
        item: usize,
    },
}

impl ScoreError {
    /// In Vietnamese, for the form.
    pub fn vietnamese(&self, frame: &Frame) -> String {
        let text = |i: usize| frame.items().nth(i).map_or("", |(_, it)| it.text.as_str());
        match self {
            ScoreError::Count { expected, given } => {
                format!("Cần {expected} mục điểm, nhận được {given}.")
            }
            ScoreError::AboveMax { item, max } => {
                format!("“{}”: tối đa {max} điểm.", text(*item))
            }
            ScoreError::NotAChoice { item } => {
                format!("“{}”: chỉ chấm một trong các mức của khung.", text(*item))
            }
        }
    }
}

impl Frame {
    /// Every item with its group's index, in order: the order [`score`]
    /// reads points in.
    pub fn items(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(g, gr)| gr.items.iter().map(move |i| (g, i)))
    }

    /// The rating of a total (any total, even above the frame's: the band
    /// from which it lies).
    pub fn rating_of(&self, total: Points) -> Rating {
        self.bands
            .iter()
            .find(|b| total >= b.from)
            .map_or(Rating::Kem, |b| b.rating)
    }

    /// The band of a rating, with its upper end (exclusive) if any.
    pub fn band_range(&self, rating: Rating) -> Option<(Points, Option<Points>)> {
        let i = self.bands.iter().position(|b| b.rating == rating)?;
        let upper = i.checked_sub(1).map(|j| self.bands[j].from);
        Some((self.bands[i].from, upper))
    }
}

/// Scores a meeting: `points` holds one mark per item in [`Frame::items`]
/// order. Every problem is returned at once; nothing is clamped.
pub fn score(frame: &Frame, points: &[Points]) -> Result<Score, Vec<ScoreError>> {
    let n = frame.items().count();
    if points.len() != n {
        return Err(vec![ScoreError::Count {
            expected: n,
            given: points.len(),
        }]);
    }
    let mut errors = Vec::new();
    let mut groups = vec![Points(0); frame.groups.len()];
    for (k, ((g, item), &p)) in frame.items().zip(points).enumerate() {
        if p > item.max {
            errors.push(ScoreError::AboveMax {
                item: k,
                max: item.max,
            });
        } else if !item.choices.is_empty() && !item.choices.iter().any(|c| c.points == p) {
            errors.push(ScoreError::NotAChoice { item: k });
        } else {
            // Cannot overflow: each item is at most its max, and the
            // maxima add up to the frame's total, itself a u32.
            groups[g].0 += p.0;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let total = Points(groups.iter().map(|p| p.0).sum());
    Ok(Score {
        total,
        rating: frame.rating_of(total),
        groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_read_and_print_exactly() {
        assert_eq!(Points::parse("5"), Ok(Points(5000)));
        assert_eq!(Points::parse("0,5"), Ok(Points(500)));
        assert_eq!(Points::parse("89.25"), Ok(Points(89250)));
        assert_eq!(Points(500).to_string(), "0,5");
        assert_eq!(Points(89250).to_string(), "89,25");
        assert_eq!(Points(90000).to_string(), "90");
        for bad in ["", "-1", "1,2345", "a", "1,", ",5", "1e3"] {
            assert!(Points::parse(bad).is_err(), "{bad}");
        }
    }
}
