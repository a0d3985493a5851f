//! The dossier (hồ sơ): the documents a plan's own text lists for it,
//! printed in the party's document format and filled only from what the
//! calculator knows, every other place a dotted blank.
//!
//! Two kinds of data, both in `content/dossier/`:
//! - a plan's list (`<slug>.toml`, [`PlanDossierFile`]): each document the
//!   plan names, in the plan's words, citing the sentence that names it;
//! - templates (`mau/<id>.toml`, [`TemplateFile`]): a document's title,
//!   body and signature, with `{placeholders}` ([`Field`]) for facts.
//!
//! [`parse_template`] checks a template (an unknown placeholder is a
//! problem, so a typo never prints as text); [`fill`] turns a template and
//! [`Facts`] into a [`Document`], where each piece is text of the template,
//! a fact, or a blank. [`render_html`] prints it as static markup; with the
//! `docx` feature, [`crate::docx::write`] makes an editable .docx of it.
//! Nothing here writes an achievement: a template says only what its
//! fields hold, and a field nobody filled is a blank.

use crate::date::Date;
use crate::html::esc_into as esc;
use crate::model::Cite;
use crate::rules::Class;
use serde::{Deserialize, Serialize};

/// A plan's dossier file (`content/dossier/<slug>.toml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDossierFile {
    /// Where the plan lists no document: what it says instead, in
    /// Vietnamese (shown on the plan's dossier page).
    #[serde(default)]
    pub none: Option<String>,
    /// Whom the documents go to, if the plan says.
    #[serde(default)]
    pub to: Option<CitedText>,
    #[serde(default)]
    pub documents: Vec<DocumentEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitedText {
    pub text: String,
    pub cite: Cite,
}

/// One document a plan lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// The template's id (`mau/<id>.toml`).
    pub template: String,
    /// The document as the plan names it.
    pub name: String,
    /// The plan's sentence that names it.
    pub cite: Cite,
}

/// A template file (`content/dossier/mau/<id>.toml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    /// What the document is, for lists: "Tờ trình".
    pub name: String,
    /// The kind's letters in the number ("TTr" → "Số …-TTr/CB"); unset,
    /// the document carries no number.
    #[serde(default)]
    pub number: Option<String>,
    /// "TỜ TRÌNH".
    pub title: String,
    /// The line under the title: "Đề nghị công nhận … năm {nam}".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// "Kính gửi: {kinh_gui}".
    #[serde(default)]
    pub to: Option<String>,
    pub body: Vec<BlockFile>,
    /// One or two signature blocks, left to right.
    pub sign: Vec<SignFile>,
    /// "Nơi nhận" lines; empty: the document has none (a biên bản).
    #[serde(default)]
    pub recipients: Vec<String>,
}

/// One block of a template's body.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum BlockFile {
    /// A paragraph.
    P(String),
    /// A heading inside the body ("I. KẾT QUẢ …").
    Heading(String),
    /// A list, one line each.
    List(Vec<String>),
    /// A table drawn from the facts.
    Table(TableKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    /// Each criterion of the plan, with the verdict and its reasons.
    Criteria,
    /// The vote tally: members, present, for, against.
    Votes,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignFile {
    /// "T/M CHI ỦY"; unset for one signing in their own name.
    #[serde(default)]
    pub on_behalf: Option<String>,
    /// "BÍ THƯ", "THƯ KÝ", "CHỦ TRÌ".
    pub role: String,
    /// Whose name goes under it: `{bi_thu}` or nothing (a blank).
    #[serde(default)]
    pub name: Option<String>,
}

/// What a template may ask for. Each is known only when the facts hold
/// it; otherwise it prints as a dotted blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// `{don_vi}`: the chi bộ's name.
    Unit,
    /// `{cap_tren}`: the party organisation above it (first heading line).
    Superior,
    /// `{dia_danh}`: the place of the date line.
    Place,
    /// `{ngay}`: "ngày 5 tháng 12 năm 2026".
    Date,
    /// `{nam}`: the year assessed.
    Year,
    /// `{so}`: the document's number.
    Number,
    /// `{kinh_gui}`: whom it is addressed to.
    Recipient,
    /// `{ke_hoach}`: "Kế hoạch số … ngày … của …" (the plan).
    Plan,
    /// `{ket_luan}`: the calculator's verdict, in its words.
    Verdict,
    /// `{xep_loai}`: the year-end classification entered.
    Classification,
    /// `{tong_so}`: party members of the chi bộ.
    Members,
    /// `{co_mat}`: members present.
    Present,
    /// `{dong_y}`, `{khong_dong_y}`: the vote tally entered.
    For,
    Against,
    /// `{ti_le_dong_y}`: votes for over members present, exact or cut.
    ForShare,
    /// `{bi_thu}`: the secretary's name.
    Secretary,
    /// `{_}`: always a blank (what only the chi bộ can write: a place, a
    /// discussion, its achievements).
    Blank,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Unit,
        Field::Superior,
        Field::Place,
        Field::Date,
        Field::Year,
        Field::Number,
        Field::Recipient,
        Field::Plan,
        Field::Verdict,
        Field::Classification,
        Field::Members,
        Field::Present,
        Field::For,
        Field::Against,
        Field::ForShare,
        Field::Secretary,
        Field::Blank,
    ];

    /// As written between braces in a template.
    pub fn key(self) -> &'static str {
        match self {
            Field::Unit => "don_vi",
            Field::Superior => "cap_tren",
            Field::Place => "dia_danh",
            Field::Date => "ngay",
            Field::Year => "nam",
            Field::Number => "so",
            Field::Recipient => "kinh_gui",
            Field::Plan => "ke_hoach",
            Field::Verdict => "ket_luan",
            Field::Classification => "xep_loai",
            Field::Members => "tong_so",
            Field::Present => "co_mat",
            Field::For => "dong_y",
            Field::Against => "khong_dong_y",
            Field::ForShare => "ti_le_dong_y",
            Field::Secretary => "bi_thu",
            Field::Blank => "_",
        }
    }
}

/// A piece of template text: words, or a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    Text(String),
    Field(Field),
}

/// "Căn cứ {ke_hoach}, …" read into pieces; an unknown or unclosed
/// placeholder is an error naming it.
pub fn pieces(s: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("a '{{' without its '}}' in \"{s}\""))?;
        let key = &after[..close];
        let field = Field::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .ok_or_else(|| {
                let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                format!(
                    "unknown placeholder {{{key}}} (known: {})",
                    known.join(", ")
                )
            })?;
        out.push(Piece::Field(field));
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("a '}}' without its '{{' in \"{s}\""));
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    Ok(out)
}

/// A template read and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub number: Option<String>,
    pub title: String,
    pub subtitle: Option<Vec<Piece>>,
    pub to: Option<Vec<Piece>>,
    pub body: Vec<TemplateBlock>,
    pub sign: Vec<TemplateSign>,
    pub recipients: Vec<Vec<Piece>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TemplateBlock {
    P(Vec<Piece>),
    Heading(Vec<Piece>),
    List(Vec<Vec<Piece>>),
    Table(TableKind),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSign {
    pub on_behalf: Option<String>,
    pub role: String,
    pub name: Option<Vec<Piece>>,
}

/// A problem in a template or a plan's dossier file: a dotted path, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// Reads a template named `id`, reporting every problem at once.
pub fn parse_template(id: &str, f: TemplateFile) -> Result<Template, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut read = |path: String, s: &str| match pieces(s) {
        Ok(p) => p,
        Err(message) => {
            problems.push(Problem { path, message });
            Vec::new()
        }
    };
    let subtitle = f.subtitle.as_deref().map(|s| read("subtitle".into(), s));
    let to = f.to.as_deref().map(|s| read("to".into(), s));
    let body = f
        .body
        .iter()
        .enumerate()
        .map(|(i, b)| match b {
            BlockFile::P(s) => TemplateBlock::P(read(format!("body[{i}]"), s)),
            BlockFile::Heading(s) => TemplateBlock::Heading(read(format!("body[{i}]"), s)),
            BlockFile::List(l) => {
                TemplateBlock::List(l.iter().map(|s| read(format!("body[{i}]"), s)).collect())
            }
            BlockFile::Table(k) => TemplateBlock::Table(*k),
        })
        .collect();
    let sign = f
        .sign
        .iter()
        .enumerate()
        .map(|(i, s)| TemplateSign {
            on_behalf: s.on_behalf.clone(),
            role: s.role.clone(),
            name: s
                .name
                .as_deref()
                .map(|n| read(format!("sign[{i}].name"), n)),
        })
        .collect();
    let recipients = f
        .recipients
        .iter()
        .enumerate()
        .map(|(i, s)| read(format!("recipients[{i}]"), s))
        .collect();
    if f.sign.is_empty() || f.sign.len() > 2 {
        problems.push(Problem {
            path: "sign".into(),
            message: "a document has one or two signature blocks".into(),
        });
    }
    if f.title.trim().is_empty() {
        problems.push(Problem {
            path: "title".into(),
            message: "must not be empty".into(),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Template {
        id: id.to_string(),
        name: f.name,
        number: f.number,
        title: f.title,
        subtitle,
        to,
        body,
        sign,
        recipients,
    })
}

/// One criterion's result, as the calculator reached it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionFact {
    /// The plan's name for it.
    pub name: String,
    /// `None`: not assessed yet (a blank).
    pub met: Option<bool>,
    /// The reasons the calculator gave (failing indicators, open ones).
    pub reasons: Vec<String>,
}

/// What the calculator knows when it fills the documents. Everything is
/// optional but the plan's reference: an absent fact prints as a blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub unit: Option<String>,
    pub superior: Option<String>,
    pub place: Option<String>,
    pub date: Option<Date>,
    pub year: Option<u16>,
    pub number: Option<String>,
    pub recipient: Option<String>,
    /// "Kế hoạch số 17-KH/ĐU ngày 26/4/2024 của …" (always known).
    pub plan: String,
    /// The verdict in the calculator's words, e.g. "Đạt “chi bộ bốn tốt”".
    pub verdict: Option<String>,
    pub classification: Option<Class>,
    /// One per criterion of the plan, in order (names known at build).
    pub criteria: Vec<CriterionFact>,
    pub members: Option<u32>,
    pub present: Option<u32>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub secretary: Option<String>,
}

impl Facts {
    /// A field's text, if known.
    pub fn get(&self, f: Field) -> Option<String> {
        let n = |x: Option<u32>| x.map(|v| format!("{v:02}"));
        match f {
            Field::Unit => self.unit.clone(),
            Field::Superior => self.superior.clone(),
            Field::Place => self.place.clone(),
            Field::Date => self
                .date
                .map(|d| format!("ngày {} tháng {} năm {}", d.day, d.month, d.year)),
            Field::Year => self.year.map(|y| y.to_string()),
            Field::Number => self.number.clone(),
            Field::Recipient => self.recipient.clone(),
            Field::Plan => Some(self.plan.clone()).filter(|p| !p.is_empty()),
            Field::Verdict => self.verdict.clone(),
            Field::Classification => self.classification.map(|c| c.name().to_string()),
            Field::Members => n(self.members),
            Field::Present => n(self.present),
            Field::For => n(self.votes_for),
            Field::Against => n(self.votes_against),
            Field::ForShare => share(self.votes_for?, self.present?),
            Field::Secretary => self.secretary.clone(),
            Field::Blank => None,
        }
    }
}

/// "75%" or "≈ 66,66%": cut, never rounded up, and marked when inexact
/// (a tally read at a threshold must not be shown above what it is).
fn share(part: u32, whole: u32) -> Option<String> {
    if whole == 0 || part > whole {
        return None;
    }
    let scaled = u64::from(part) * 10_000 / u64::from(whole);
    let exact = u64::from(part) * 10_000 % u64::from(whole) == 0;
    let (int, frac) = (scaled / 100, scaled % 100);
    let num = if frac == 0 {
        format!("{int}%")
    } else {
        let f = format!("{frac:02}");
        format!("{int},{}%", f.trim_end_matches('0'))
    };
    Some(if exact { num } else { format!("≈ {num}") })
}

/// "Kế hoạch số 17-KH/ĐU ngày 26/4/2024 của Đảng ủy …": the plan as the
/// documents cite it, from its front matter (what it does not give is
/// left out, never guessed).
pub fn plan_reference(fm: &crate::model::FrontMatter) -> String {
    let mut s = String::from("Kế hoạch");
    if let Some(n) = &fm.number {
        s.push_str(" số ");
        s.push_str(n);
    }
    if let Some(d) = fm.date {
        s.push_str(&format!(" ngày {}/{}/{}", d.day, d.month, d.year));
    }
    s.push_str(" của ");
    s.push_str(&fm.issuer);
    s
}

impl Facts {
    /// What is known before anyone answers: the plan, its criteria's
    /// names (unassessed) and whom the plan says the dossier goes to.
    pub fn blank(
        fm: &crate::model::FrontMatter,
        criteria: &[crate::rules::Criterion],
        to: Option<&str>,
    ) -> Facts {
        Facts {
            plan: plan_reference(fm),
            recipient: to.map(str::to_string),
            criteria: criteria
                .iter()
                .map(|c| CriterionFact {
                    name: c.name.clone(),
                    met: None,
                    reasons: Vec::new(),
                })
                .collect(),
            ..Facts::default()
        }
    }
}

/// A piece of a filled document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    /// The template's own words.
    Text(String),
    /// A fact the calculator knew.
    Fact(String),
    /// Nothing known: printed as a dotted blank for a hand to fill.
    Blank,
}

pub type Line = Vec<Span>;

/// A document filled: everything [`render_html`] and the file writer need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub template: String,
    /// As the plan names it.
    pub name: String,
    /// Heading, left: the organisation above, then the unit, each upper
    /// case, then the number line.
    pub superior: Line,
    pub unit: Line,
    pub number: Option<Line>,
    /// Heading, right, under "ĐẢNG CỘNG SẢN VIỆT NAM": "…, ngày …".
    pub place_date: Line,
    pub title: String,
    pub subtitle: Option<Line>,
    pub to: Option<Line>,
    pub body: Vec<Block>,
    pub sign: Vec<Sign>,
    pub recipients: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    P(Line),
    Heading(Line),
    List(Vec<Line>),
    /// Header cells, then rows of cells.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<Line>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sign {
    pub on_behalf: Option<String>,
    pub role: String,
    pub name: Line,
}

/// The national party's name, right of every heading.
pub const PARTY: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";

fn line(pieces: &[Piece], facts: &Facts) -> Line {
    let mut out: Line = Vec::new();
    for p in pieces {
        let span = match p {
            Piece::Text(t) => Span::Text(t.clone()),
            Piece::Field(f) => facts.get(*f).map_or(Span::Blank, Span::Fact),
        };
        // Two blanks side by side read as one.
        if !(span == Span::Blank && out.last() == Some(&Span::Blank)) {
            out.push(span);
        }
    }
    out
}

fn field(f: Field, facts: &Facts) -> Line {
    line(&[Piece::Field(f)], facts)
}

fn upper(l: Line) -> Line {
    l.into_iter()
        .map(|s| match s {
            Span::Fact(t) => Span::Fact(t.to_uppercase()),
            Span::Text(t) => Span::Text(t.to_uppercase()),
            Span::Blank => Span::Blank,
        })
        .collect()
}

/// Fills `t` for the document `name` from `facts`.
pub fn fill(t: &Template, name: &str, facts: &Facts) -> Document {
    let number = t.number.as_ref().map(|code| {
        let mut l = vec![Span::Text("Số ".into())];
        l.extend(field(Field::Number, facts));
        l.push(Span::Text(format!("-{code}/CB")));
        l
    });
    let mut place_date = field(Field::Place, facts);
    place_date.push(Span::Text(", ".into()));
    match facts.date {
        Some(_) => place_date.extend(field(Field::Date, facts)),
        None => place_date.extend([
            Span::Text("ngày ".into()),
            Span::Blank,
            Span::Text(" tháng ".into()),
            Span::Blank,
            Span::Text(" năm ".into()),
            Span::Blank,
        ]),
    }
    let body = t
        .body
        .iter()
        .map(|b| match b {
            TemplateBlock::P(p) => Block::P(line(p, facts)),
            TemplateBlock::Heading(p) => Block::Heading(line(p, facts)),
            TemplateBlock::List(l) => Block::List(l.iter().map(|p| line(p, facts)).collect()),
            TemplateBlock::Table(TableKind::Criteria) => criteria_table(facts),
            TemplateBlock::Table(TableKind::Votes) => votes_table(facts),
        })
        .collect();
    Document {
        template: t.id.clone(),
        name: name.to_string(),
        superior: upper(field(Field::Superior, facts)),
        unit: upper(field(Field::Unit, facts)),
        number,
        place_date,
        title: t.title.clone(),
        subtitle: t.subtitle.as_ref().map(|p| line(p, facts)),
        to: t.to.as_ref().map(|p| line(p, facts)),
        body,
        sign: t
            .sign
            .iter()
            .map(|s| Sign {
                on_behalf: s.on_behalf.clone(),
                role: s.role.clone(),
                name: s
                    .name
                    .as_ref()
                    .map_or_else(|| vec![Span::Blank], |p| line(p, facts)),
            })
            .collect(),
        recipients: t.recipients.iter().map(|p| line(p, facts)).collect(),
    }
}

fn criteria_table(facts: &Facts) -> Block {
    let head = vec![
        "TT".to_string(),
        "Tiêu chí".to_string(),
        "Kết quả".to_string(),
        "Lý do (theo máy tính)".to_string(),
    ];
    let rows = facts
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let result = match c.met {
                Some(true) => vec![Span::Fact("Đạt".into())],
                Some(false) => vec![Span::Fact("Không đạt".into())],
                None => vec![Span::Blank],
            };
            let reasons = if c.met.is_none() || c.reasons.is_empty() {
                vec![Span::Blank]
            } else {
                vec![Span::Fact(c.reasons.join("; "))]
            };
            vec![
                vec![Span::Text((i + 1).to_string())],
                vec![Span::Text(c.name.clone())],
                result,
                reasons,
            ]
        })
        .collect();
    Block::Table { head, rows }
}

fn votes_table(facts: &Facts) -> Block {
    let row = |label: &str, f: Field| vec![vec![Span::Text(label.into())], field(f, facts)];
    Block::Table {
        head: vec!["Nội dung".into(), "Số lượng".into()],
        rows: vec![
            row("Tổng số đảng viên của chi bộ", Field::Members),
            row("Số đảng viên có mặt", Field::Present),
            row("Số phiếu đồng ý", Field::For),
            row("Số phiếu không đồng ý", Field::Against),
            row("Tỉ lệ đồng ý trên số có mặt", Field::ForShare),
        ],
    }
}

/// The dotted blank, on paper and on screen.
pub const BLANK: &str = "……………";

fn spans_html(l: &Line, out: &mut String) {
    for s in l {
        match s {
            Span::Text(t) => esc(t, out),
            Span::Fact(t) => {
                out.push_str("<span class=\"fact\">");
                esc(t, out);
                out.push_str("</span>");
            }
            Span::Blank => {
                out.push_str("<span class=\"blank\">");
                out.push_str(BLANK);
                out.push_str("</span>");
            }
        }
    }
}

/// The document as static HTML (an `<article class="party-doc">`), laid
/// out by the site's stylesheet for screen and A4: no inline style, so it
/// passes the strict policy, and no script. `id` must be unique on the page.
pub fn render_html(d: &Document, id: &str) -> String {
    let mut o = String::with_capacity(4096);
    o.push_str("<article class=\"party-doc\" id=\"");
    esc(id, &mut o);
    o.push_str("\" aria-labelledby=\"");
    esc(id, &mut o);
    o.push_str("-title\"><header class=\"doc-head\"><div class=\"doc-org\"><p>");
    spans_html(&d.superior, &mut o);
    o.push_str("</p><p class=\"doc-unit\">");
    spans_html(&d.unit, &mut o);
    o.push_str("</p><p class=\"doc-star\">*</p>");
    if let Some(n) = &d.number {
        o.push_str("<p class=\"doc-number\">");
        spans_html(n, &mut o);
        o.push_str("</p>");
    }
    o.push_str("</div><div class=\"doc-party\"><p class=\"doc-party-name\">");
    o.push_str(PARTY);
    o.push_str("</p><p class=\"doc-date\">");
    spans_html(&d.place_date, &mut o);
    o.push_str("</p></div></header><h2 class=\"doc-title\" id=\"");
    esc(id, &mut o);
    o.push_str("-title\">");
    esc(&d.title, &mut o);
    if let Some(s) = &d.subtitle {
        o.push_str("<span class=\"doc-subtitle\">");
        spans_html(s, &mut o);
        o.push_str("</span>");
    }
    o.push_str("</h2>");
    if let Some(t) = &d.to {
        o.push_str("<p class=\"doc-to\">");
        spans_html(t, &mut o);
        o.push_str("</p>");
    }
    o.push_str("<div class=\"doc-body\">");
    for b in &d.body {
        match b {
            Block::P(l) => {
                o.push_str("<p>");
                spans_html(l, &mut o);
                o.push_str("</p>");
            }
            Block::Heading(l) => {
                o.push_str("<h3>");
                spans_html(l, &mut o);
                o.push_str("</h3>");
            }
            Block::List(items) => {
                o.push_str("<ul>");
                for l in items {
                    o.push_str("<li>");
                    spans_html(l, &mut o);
                    o.push_str("</li>");
                }
                o.push_str("</ul>");
            }
            Block::Table { head, rows } => {
                o.push_str("<table class=\"doc-table\"><thead><tr>");
                for h in head {
                    o.push_str("<th scope=\"col\">");
                    esc(h, &mut o);
                    o.push_str("</th>");
                }
                o.push_str("</tr></thead><tbody>");
                for r in rows {
                    o.push_str("<tr>");
                    for c in r {
                        o.push_str("<td>");
                        spans_html(c, &mut o);
                        o.push_str("</td>");
                    }
                    o.push_str("</tr>");
                }
                o.push_str("</tbody></table>");
            }
        }
    }
    o.push_str("</div><footer class=\"doc-foot\">");
    if !d.recipients.is_empty() {
        o.push_str("<div class=\"doc-recipients\"><p><strong>Nơi nhận:</strong></p><ul>");
        for r in &d.recipients {
            o.push_str("<li>");
            spans_html(r, &mut o);
            o.push_str("</li>");
        }
        o.push_str("</ul></div>");
    } else {
        o.push_str("<div class=\"doc-recipients\"></div>");
    }
    for s in &d.sign {
        o.push_str("<div class=\"doc-sign\">");
        if let Some(b) = &s.on_behalf {
            o.push_str("<p><strong>");
            esc(b, &mut o);
            o.push_str("</strong></p>");
        }
        o.push_str("<p><strong>");
        esc(&s.role, &mut o);
        o.push_str("</strong></p><p class=\"doc-sign-space\"></p><p class=\"doc-sign-name\">");
        spans_html(&s.name, &mut o);
        o.push_str("</p></div>");
    }
    o.push_str("</footer></article>");
    o
}

/// Plain text of a line (blanks dotted), for file names and tests.
pub fn plain(l: &Line) -> String {
    l.iter()
        .map(|s| match s {
            Span::Text(t) | Span::Fact(t) => t.as_str(),
            Span::Blank => BLANK,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_or_refused() {
        assert_eq!(
            pieces("Năm {nam}.").unwrap(),
            vec![
                Piece::Text("Năm ".into()),
                Piece::Field(Field::Year),
                Piece::Text(".".into())
            ]
        );
        assert!(pieces("{nam").unwrap_err().contains("without its"));
        assert!(pieces("nam}").unwrap_err().contains("without its"));
        let e = pieces("{thanh_tich}").unwrap_err();
        assert!(e.contains("unknown placeholder {thanh_tich}"), "{e}");
    }

    #[test]
    fn shares_are_cut_and_marked() {
        assert_eq!(share(3, 4).as_deref(), Some("75%"));
        assert_eq!(share(2, 3).as_deref(), Some("≈ 66,66%"));
        assert_eq!(share(1, 1).as_deref(), Some("100%"));
        assert_eq!(share(5, 4), None);
        assert_eq!(share(0, 0), None);
    }
}
