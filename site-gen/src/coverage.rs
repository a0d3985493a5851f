//! A guide to writing rules: which sentences of a plan its rule set and
//! front matter cite, and which sentences that read like a rule (a
//! percentage, a number with a comparator, a dated deadline) nothing cites
//! yet (`site-gen rules --plan X --coverage`); and a starting rule file
//! from the same reading (`site-gen new-rules --plan X`).
//!
//! The plan is rendered again on its own (as `anchors` does) for its
//! blocks' text; citations come from the loaded plan, already resolved to
//! the exact block that holds their quote.

use crate::glossary::Abbreviations;
use crate::markdown::{self, Rendered};
use crate::model::Plan;
use crate::source::split_front_matter;
use bontot_core::model::Cite;
use bontot_core::text::{fold, quote_key};
use std::fmt::Write;

/// What cites a passage: "indicator ket-nap", "deadline 2" …
pub struct Citer<'a> {
    pub what: String,
    pub cite: &'a Cite,
}

/// Every citation of a plan: its rule set's and its front matter's.
pub fn citers(plan: &Plan) -> Vec<Citer<'_>> {
    let mut out: Vec<Citer<'_>> = Vec::new();
    let fm = &plan.fm;
    for (i, d) in fm.deadlines.iter().enumerate() {
        out.push(Citer {
            what: format!("deadline {}", i + 1),
            cite: &d.cite,
        });
    }
    for (i, t) in fm.targets.iter().enumerate() {
        out.push(Citer {
            what: format!("target {}", i + 1),
            cite: &t.cite,
        });
    }
    for (i, d) in fm.dossier.iter().enumerate() {
        out.push(Citer {
            what: format!("dossier {}", i + 1),
            cite: &d.cite,
        });
    }
    let Some(r) = &plan.rules else {
        return out;
    };
    for n in &r.notices {
        if let Some(c) = &n.cite {
            out.push(Citer {
                what: "notice".into(),
                cite: c,
            });
        }
    }
    for c in &r.criteria {
        out.push(Citer {
            what: format!("criterion {}", c.id),
            cite: &c.cite,
        });
    }
    for i in &r.indicators {
        out.push(Citer {
            what: format!("indicator {}", i.id),
            cite: &i.cite,
        });
    }
    if let Some(c) = &r.verdict.cite {
        out.push(Citer {
            what: "verdict".into(),
            cite: c,
        });
    }
    for (i, c) in r.classify.iter().enumerate() {
        out.push(Citer {
            what: format!("classify {}", i + 1),
            cite: &c.cite,
        });
    }
    for (i, w) in r.rewards.iter().enumerate() {
        out.push(Citer {
            what: format!("reward {}", i + 1),
            cite: &w.cite,
        });
    }
    for g in &r.readings {
        out.push(Citer {
            what: format!("reading {}", g.id),
            cite: &g.cite,
        });
    }
    out
}

/// Why a sentence reads like a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    Percent,
    Comparator,
    Date,
}

impl Sign {
    pub fn label(self) -> &'static str {
        match self {
            Sign::Percent => "tỷ lệ",
            Sign::Comparator => "so sánh",
            Sign::Date => "thời hạn",
        }
    }
}

/// Comparators as written, folded, that take the number right after them.
const BEFORE_NUMBER: [&str; 8] = [
    "duoi ",
    "tren ",
    "it nhat ",
    "toi thieu ",
    "toi da ",
    "khong qua ",
    "khong vuot qua ",
    "dat ",
];

/// Comparators that need a number somewhere in the sentence.
const WITH_NUMBER: [&str; 4] = ["tro len", "tro xuong", "vuot chi tieu", "dat va vuot"];

/// Words that make a date a deadline rather than a reference.
const DEADLINE_WORDS: [&str; 7] = [
    "truoc ",
    "cham nhat",
    "thoi han",
    "dinh ky",
    "gui ",
    "bao cao",
    "nop ",
];

/// Sentences that name a document the plan rests on, not a rule.
const REFERENCES: [&str; 3] = ["can cu ", "thuc hien ", "tren day la "];

/// The signs a sentence carries (folded text).
pub fn signs(sentence: &str) -> Vec<Sign> {
    let f = fold(sentence);
    if REFERENCES.iter().any(|r| f.starts_with(r)) {
        return Vec::new();
    }
    let digit = f.bytes().any(|b| b.is_ascii_digit());
    let mut out = Vec::new();
    if f.contains('%') || f.contains("phan tram") {
        out.push(Sign::Percent);
    }
    let number_after = BEFORE_NUMBER.iter().any(|c| {
        f.match_indices(c).any(|(i, _)| {
            f.as_bytes()
                .get(i + c.len())
                .is_some_and(u8::is_ascii_digit)
        })
    });
    if number_after || (digit && WITH_NUMBER.iter().any(|c| f.contains(c))) {
        out.push(Sign::Comparator);
    }
    if has_date(&f) && DEADLINE_WORDS.iter().any(|w| f.contains(w)) {
        out.push(Sign::Date);
    }
    out
}

/// "17/01", "ngay 15", "thang 12".
fn has_date(f: &str) -> bool {
    let b = f.as_bytes();
    let slash = b
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'/' && w[2].is_ascii_digit());
    let word = ["ngay ", "thang "].iter().any(|w| {
        f.match_indices(w)
            .any(|(i, _)| b.get(i + w.len()).is_some_and(u8::is_ascii_digit))
    });
    slash || word
}

/// A block's text split into sentences: at ". ", "; ", "? ", "! " and
/// the end (a number such as "1.5" stays whole).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_space = chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if matches!(c, '.' | ';' | '?' | '!') && next_space {
            let s = text[start..i + c.len_utf8()].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + c.len_utf8();
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// One sentence that reads like a rule.
pub struct Found<'a> {
    pub block: &'a str,
    pub sentence: &'a str,
    pub signs: Vec<Sign>,
    /// What cites it (empty: nothing yet).
    pub cited_by: Vec<String>,
}

/// Every sentence of `body` that reads like a rule, with what cites it.
/// A sentence is cited when a citation points at its block and its quote
/// is in that sentence.
pub fn find<'a>(body: &'a Rendered, citers: &[Citer<'_>]) -> Vec<Found<'a>> {
    let mut out = Vec::new();
    for (i, b) in body.blocks.iter().enumerate() {
        // A heading's text is its item's too.
        if b.heading {
            continue;
        }
        let here: Vec<&Citer> = citers.iter().filter(|c| c.cite.anchor == b.id).collect();
        for s in sentences(own_text(body, i)) {
            let signs = signs(s);
            if signs.is_empty() {
                continue;
            }
            let cited_by = cited_by(&here, s);
            out.push(Found {
                block: &b.id,
                sentence: s,
                signs,
                cited_by,
            });
        }
    }
    out
}

/// What, of the citations pointing at a sentence's block, quotes it.
fn cited_by(here: &[&Citer], sentence: &str) -> Vec<String> {
    let key = quote_key(sentence);
    here.iter()
        .filter(|c| {
            let q = quote_key(&c.cite.quote);
            !q.is_empty() && (key.contains(&q) || q.contains(&key))
        })
        .map(|c| c.what.clone())
        .collect()
}

/// A block's text without that of the sub-items nested in it, which are
/// blocks of their own: the text before the first of them.
fn own_text(body: &Rendered, i: usize) -> &str {
    let text = body.blocks[i].text.as_str();
    match body.blocks.get(i + 1) {
        Some(next) if next.nested && !next.text.is_empty() => {
            text.find(next.text.as_str()).map_or(text, |at| &text[..at])
        }
        _ => text,
    }
}

/// The plan's body rendered on its own, for its blocks.
pub fn render(plan: &Plan) -> Result<Rendered, String> {
    let text = std::fs::read_to_string(&plan.path)
        .map_err(|e| format!("{}: cannot read: {e}", plan.path.display()))?;
    let (_, body, line) =
        split_front_matter(&text).map_err(|e| format!("{}:1: {e}", plan.path.display()))?;
    Ok(markdown::render(body, line, &Abbreviations::new(&[])))
}

/// `site-gen rules --plan X --coverage`.
pub fn report(plan: &Plan) -> Result<String, String> {
    let body = render(plan)?;
    let citers = citers(plan);
    let found = find(&body, &citers);
    let (cited, open): (Vec<&Found>, Vec<&Found>) =
        found.iter().partition(|f| !f.cited_by.is_empty());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Kế hoạch {}: {} câu có tỷ lệ, phép so sánh với một số, hoặc thời hạn; {} đã được trích dẫn, {} chưa.",
        plan.slug,
        found.len(),
        cited.len(),
        open.len()
    );
    if plan.rules.is_none() {
        let _ = writeln!(
            out,
            "Kế hoạch chưa có bộ quy tắc (rules/{}.toml): `site-gen new-rules --plan {}` viết bản khởi đầu.",
            plan.slug, plan.slug
        );
    }
    let _ = writeln!(out, "\nChưa có quy tắc hay thời hạn nào trích dẫn:");
    for f in &open {
        let signs: Vec<&str> = f.signs.iter().map(|s| s.label()).collect();
        let _ = writeln!(
            out,
            "  {}  [{}]  {}",
            f.block,
            signs.join(", "),
            crate::citations::start_of(f.sentence, 160)
        );
    }
    let _ = writeln!(out, "\nĐã được trích dẫn:");
    for f in &cited {
        let _ = writeln!(
            out,
            "  {}  ({})  {}",
            f.block,
            f.cited_by.join(", "),
            crate::citations::start_of(f.sentence, 100)
        );
    }
    Ok(out)
}

/// `site-gen new-rules --plan X`: a starting rule file. It is valid TOML
/// but not yet a valid rule set: the build's messages then lead the way.
pub fn new_rules(plan: &Plan) -> Result<String, String> {
    let body = render(plan)?;
    let citers = citers(plan);
    let found = find(&body, &citers);
    let fm = &plan.fm;
    let units: Vec<String> = fm.units.iter().map(|u| format!("\"{}\"", u.id())).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Starting rule set for {} ({}), written by `site-gen new-rules`.\n# Rules only where the plan states them; every rule cites the passage\n# (see content/rules/README.md). The sentences below that read like a\n# rule (a percentage, a number with a comparator, a dated deadline) are\n# commented questions: turn each into an input and an indicator, a\n# deadline in the plan's front matter, or delete it.\n",
        toml_comment(&fm.title),
        plan.slug
    );
    let _ = writeln!(
        out,
        "plan = \"{}\"\nversion = 1\nunits = [{}]\nmovement = \"bon-tot\"\n",
        plan.slug,
        units.join(", ")
    );
    for (id, name) in [
        (
            "nhiem-vu-chinh-tri",
            "Lãnh đạo hoàn thành tốt nhiệm vụ chính trị",
        ),
        ("sinh-hoat", "Chất lượng sinh hoạt tốt"),
        ("doan-ket-ky-luat", "Đoàn kết, kỷ luật tốt"),
        ("can-bo-dang-vien", "Cán bộ, đảng viên tốt"),
    ] {
        let _ = writeln!(
            out,
            "[[criteria]]\nid = \"{id}\"\n# The plan's own wording, and the section that states it.\nname = \"{name}\"\ncite = {{ anchor = \"\", quote = \"\" }}\n"
        );
    }
    let _ = writeln!(
        out,
        "# ------------------------------------------------ the plan, section by section\n"
    );
    for b in &body.blocks {
        if b.heading {
            let _ = writeln!(
                out,
                "# § {} ({})",
                toml_comment(&crate::citations::start_of(&b.text, 90)),
                b.id
            );
            continue;
        }
        for f in found
            .iter()
            .filter(|f| std::ptr::eq(f.block, b.id.as_str()))
        {
            let signs: Vec<&str> = f.signs.iter().map(|s| s.label()).collect();
            let done = if f.cited_by.is_empty() {
                String::new()
            } else {
                format!(" (already cited by {})", f.cited_by.join(", "))
            };
            let _ = writeln!(
                out,
                "# [{}]{done}\n#   “{}”\n# [[inputs]]\n# id = \"\"\n# kind = \"yes-no\"   # or count, percent, ratio, monthly, classification\n# label = \"\"\n# [[indicators]]\n# id = \"\"\n# criterion = \"\"\n# label = \"\"\n# test = {{ input = \"\", op = \"at-least\", value = \"\", words = \"\" }}\n# cite = {{ anchor = \"{}\", quote = \"{}\" }}\n",
                signs.join(", "),
                toml_comment(f.sentence),
                f.block,
                toml_string(&crate::citations::start_of(f.sentence, 60).replace('…', ""))
            );
        }
    }
    let _ = writeln!(
        out,
        "[verdict]\n# How the plan concludes: every criterion (\"all-criteria\"), or \"none\".\nrule = \"all-criteria\"\nname = \"bốn tốt\"\ncite = {{ anchor = \"\", quote = \"\" }}"
    );
    Ok(out)
}

/// The guide as a page for `site-gen serve` (`/__serve/coverage/<slug>`):
/// the plan's text with each sentence a rule or deadline cites marked and
/// named, and each sentence that reads like a rule but is cited by nothing
/// marked apart; the uncited ones listed first, linked to the plan page.
pub fn page(plan: &Plan) -> Result<String, String> {
    let body = render(plan)?;
    let citers = citers(plan);
    let found = find(&body, &citers);
    let open: Vec<&Found> = found.iter().filter(|f| f.cited_by.is_empty()).collect();
    let plan_url = format!("/{}", crate::routes::plan(&plan.slug));
    let markup = maud::html! {
        (maud::DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Hướng dẫn viết quy tắc: " (plan.slug) }
                style { (maud::PreEscaped(GUIDE_CSS)) }
            }
            body {
                p { a href="/__serve/coverage/" { "← Các kế hoạch" } }
                h1 { "Quy tắc của kế hoạch “" (plan.fm.locality) "” trích dẫn những câu nào" }
                p {
                    (found.len()) " câu có tỷ lệ, phép so sánh với một số, hoặc thời hạn; "
                    (found.len() - open.len()) " đã được quy tắc hay thời hạn trích dẫn, "
                    strong { (open.len()) " chưa" } "."
                }
                @if plan.rules.is_none() {
                    p { "Kế hoạch chưa có bộ quy tắc: " code { "site-gen new-rules --plan " (plan.slug) } " viết bản khởi đầu." }
                }
                h2 { "Chưa có quy tắc hay thời hạn nào trích dẫn" }
                @if open.is_empty() { p { "Không còn câu nào." } }
                ul {
                    @for f in &open {
                        li {
                            mark.open { (f.sentence) } " "
                            small { "(" (labels(&f.signs)) "; " a href={ (plan_url) "#" (f.block) } { (f.block) } ")" }
                        }
                    }
                }
                h2 { "Toàn văn, đánh dấu" }
                p.legend { mark.cited { "đã trích dẫn" } " " mark.open { "chưa có quy tắc" } }
                @for (i, b) in body.blocks.iter().enumerate() {
                    @if b.heading {
                        h3 id=(b.id) { (b.text) }
                    } @else {
                        p id=(b.id) {
                            a.id href={ (plan_url) "#" (b.id) } { (b.id) } " "
                            @let here: Vec<&Citer> = citers.iter().filter(|c| c.cite.anchor == b.id).collect();
                            @for s in sentences(own_text(&body, i)) {
                                @let by = cited_by(&here, s);
                                @if !by.is_empty() {
                                    mark.cited title=(by.join(", ")) { (s) }
                                    small.by { " ← " (by.join(", ")) }
                                } @else if !signs(s).is_empty() {
                                    mark.open { (s) }
                                } @else {
                                    (s)
                                }
                                " "
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(markup.into_string())
}

/// `/__serve/coverage/`: every plan, with its count of uncited sentences.
pub fn index(plans: &[Plan]) -> String {
    maud::html! {
        (maud::DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Hướng dẫn viết quy tắc" }
                style { (maud::PreEscaped(GUIDE_CSS)) }
            }
            body {
                h1 { "Hướng dẫn viết quy tắc" }
                p { "Với mỗi kế hoạch: những câu có tỷ lệ, phép so sánh với một số, hoặc thời hạn, và quy tắc nào trích dẫn chúng. Chỉ có khi chạy " code { "site-gen serve" } "." }
                ul {
                    @for p in plans {
                        li { a href={ "/__serve/coverage/" (p.slug) } { (p.fm.locality) ": " (p.fm.title) } }
                    }
                }
            }
        }
    }
    .into_string()
}

fn labels(signs: &[Sign]) -> String {
    signs
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The guide's look: plain, readable, the two marks apart by more than
/// colour (a cited sentence is underlined).
const GUIDE_CSS: &str = "body{font:1rem/1.6 system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b}\
mark.cited{background:#d9f2dd;text-decoration:underline}mark.open{background:#ffe08a}\
small.by{color:#2f5e35}a.id{font-size:.8rem;color:#666}h3{margin-top:1.5rem}";

/// Text on one comment line.
fn toml_comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// Text inside a TOML basic string.
fn toml_string(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_their_ends_not_inside_numbers() {
        assert_eq!(
            sentences("Đạt 98,5% trở lên. Tỷ lệ 1.5 lần; cuối câu"),
            vec!["Đạt 98,5% trở lên.", "Tỷ lệ 1.5 lần;", "cuối câu"]
        );
    }

    #[test]
    fn signs_of_a_rule() {
        assert_eq!(
            signs("Tỷ lệ học sinh lên lớp đạt 98%"),
            vec![Sign::Percent, Sign::Comparator]
        );
        assert_eq!(signs("Tỷ lệ 98% học sinh lên lớp"), vec![Sign::Percent]);
        assert_eq!(signs("Kết nạp ít nhất 2 đảng viên"), vec![Sign::Comparator]);
        assert!(signs("trên địa bàn phường").is_empty(), "no number");
        assert_eq!(
            signs("Gửi báo cáo trước ngày 15 tháng 12"),
            vec![Sign::Date]
        );
        assert!(
            signs("Căn cứ Nghị quyết số 12 ngày 5/6/2020 của Tỉnh ủy").is_empty(),
            "a dated reference is not a deadline"
        );
    }
}
