//! Every problem of a TOML file at once. serde stops at its first error
//! (`deny_unknown_fields` at the first unknown field); when a file does not
//! parse, it is read again here: every table is walked against the fields
//! its type knows (read from the type's own `Deserialize`, so the lists
//! never drift from the structs), each unknown field reported and set
//! aside, then each element of the top-level arrays and tables is
//! deserialised on its own, so that one wrong value does not hide the next.

use crate::problem::{Problem, line_of};
use bontot_core::model::{
    Basis, Cite, Deadline, Dossier, FrontMatter, Note, Signer, Target as PlanTarget,
};
use bontot_core::rules::{
    Change, ClassifyRule, Criterion, Indicator, Input, Notice, Reading, Reward, RuleSet, Test,
    VerdictRule,
};
use serde::de::{self, DeserializeOwned, Visitor};
use std::path::Path;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, ValueDeserializer};

/// The fields of one kind of table, and the kinds of its nested tables.
#[derive(Clone, Copy)]
pub struct Shape {
    /// What such a table is, in the words of the content guides.
    what: &'static str,
    fields: fn() -> &'static [&'static str],
    nested: fn(&str) -> Option<Shape>,
    /// Deserialises one table of this kind, for its own errors.
    check: fn(Spanned<DeValue<'_>>) -> Result<(), toml::de::Error>,
}

impl Shape {
    fn of<T: DeserializeOwned>(what: &'static str, nested: fn(&str) -> Option<Shape>) -> Shape {
        Shape {
            what,
            fields: fields_of::<T>,
            nested,
            check: check_as::<T>,
        }
    }
}

fn check_as<T: DeserializeOwned>(v: Spanned<DeValue<'_>>) -> Result<(), toml::de::Error> {
    T::deserialize(ValueDeserializer::from(v)).map(|_| ())
}

fn none(_: &str) -> Option<Shape> {
    None
}

fn cite() -> Shape {
    Shape::of::<Cite>("a citation (`cite = { anchor, quote }`)", none)
}

fn with_cite(key: &str) -> Option<Shape> {
    (key == "cite").then(cite)
}

fn test() -> Shape {
    Shape::of::<Test>("a test", none)
}

/// A rule file: `rules/<slug>.toml`.
pub fn rule_set() -> Shape {
    Shape::of::<RuleSet>("a rule set", |key| {
        Some(match key {
            "notices" => Shape::of::<Notice>("a notice", with_cite),
            "criteria" => Shape::of::<Criterion>("a criterion", with_cite),
            "inputs" => Shape::of::<Input>("an input", none),
            "indicators" => Shape::of::<Indicator>("an indicator", |k| match k {
                "test" => Some(test()),
                _ => with_cite(k),
            }),
            "verdict" => Shape::of::<VerdictRule>("the verdict", with_cite),
            "classify" => Shape::of::<ClassifyRule>("a classification rule", with_cite),
            "rewards" => Shape::of::<Reward>("a reward", |k| match k {
                "requires" => Some(test()),
                _ => with_cite(k),
            }),
            "readings" => Shape::of::<Reading>("a reading", |k| match k {
                "changes" => Some(Shape::of::<Change>("a reading's change", |k| {
                    (k == "test").then(test)
                })),
                _ => with_cite(k),
            }),
            _ => return None,
        })
    })
}

/// A plan's front matter.
pub fn front_matter() -> Shape {
    Shape::of::<FrontMatter>("the front matter", |key| {
        Some(match key {
            "signer" => Shape::of::<Signer>("the signer", none),
            "bases" => Shape::of::<Basis>("a basis", none),
            "deadlines" => Shape::of::<Deadline>("a deadline", with_cite),
            "dossier" => Shape::of::<Dossier>("a dossier", with_cite),
            "notes" => Shape::of::<Note>("a note", none),
            "targets" => Shape::of::<PlanTarget>("a target", with_cite),
            _ => return None,
        })
    })
}

/// Parses TOML into `T`; when it does not parse, reports every problem
/// found (see the module's notes), each at its line of `path`.
/// `line_offset` is the file line of the TOML's first line, minus one.
pub fn parse_all<T: DeserializeOwned>(
    src: &str,
    path: &Path,
    line_offset: usize,
    shape: Shape,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let first = match toml::from_str::<T>(src) {
        Ok(v) => return Some(v),
        Err(e) => e,
    };
    let mut found: Vec<(Option<usize>, String)> = Vec::new();
    match DeTable::parse(src) {
        // Not TOML at all: serde's one error is all there is.
        Err(_) => found.push((first.span().map(|s| s.start), message(&first))),
        Ok(mut doc) => {
            unknown_fields(doc.get_mut(), shape, &mut found);
            elements(doc.get_mut(), shape, &mut found);
            let span = doc.span();
            let whole = Spanned::new(span, DeValue::Table(doc.into_inner()));
            if let Err(e) = check_as::<T>(whole) {
                found.push((e.span().map(|s| s.start), message(&e)));
            }
        }
    }
    found.sort();
    found.dedup();
    for (at, msg) in found {
        let line = at.map(|o| line_of(src, o) + line_offset);
        problems.push(Problem::new(path, line, msg));
    }
    None
}

/// Reports, and removes, every field `shape` does not know, in `table`
/// and the tables within it.
fn unknown_fields(table: &mut DeTable, shape: Shape, found: &mut Vec<(Option<usize>, String)>) {
    let known = (shape.fields)();
    if known.is_empty() {
        return;
    }
    for (key, _) in table.iter() {
        let name: &str = key.get_ref();
        if !known.contains(&name) {
            found.push((Some(key.span().start), unknown(name, shape, known)));
        }
    }
    for (key, value) in std::mem::take(table) {
        if known.contains(&key.get_ref().as_ref()) {
            table.insert(key, value);
        }
    }
    for (key, value) in table.iter_mut() {
        let Some(inner) = (shape.nested)(key.get_ref()) else {
            continue;
        };
        match value.get_mut() {
            DeValue::Table(t) => unknown_fields(t, inner, found),
            DeValue::Array(a) => {
                for v in a.iter_mut() {
                    if let DeValue::Table(t) = v.get_mut() {
                        unknown_fields(t, inner, found);
                    }
                }
            }
            _ => {}
        }
    }
}

/// "unknown field `treshold` in a test: …", with the nearest known field.
fn unknown(name: &str, shape: Shape, known: &[&str]) -> String {
    let near = known
        .iter()
        .map(|k| (crate::citations::distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min();
    let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    match near {
        Some((_, k)) => format!(
            "unknown field `{name}` in {}: did you mean `{k}`? (its fields are {})",
            shape.what,
            list.join(", ")
        ),
        None => format!(
            "unknown field `{name}` in {}: remove it or use one of {}",
            shape.what,
            list.join(", ")
        ),
    }
}

/// Deserialises each element of the top-level arrays of tables (and each
/// top-level table) on its own, reporting its error; an element with an
/// error is removed, so the whole document is then checked for the rest.
fn elements(doc: &mut DeTable, shape: Shape, found: &mut Vec<(Option<usize>, String)>) {
    for (key, value) in doc.iter_mut() {
        let Some(inner) = (shape.nested)(key.get_ref()) else {
            continue;
        };
        if matches!(value.get_ref(), DeValue::Table(_)) {
            if let Err(e) = (inner.check)(value.clone()) {
                let at = e.span().unwrap_or_else(|| value.span()).start;
                found.push((Some(at), message(&e)));
            }
            continue;
        }
        if let DeValue::Array(a) = value.get_mut() {
            let mut kept = DeArray::new();
            for v in a.iter() {
                if !matches!(v.get_ref(), DeValue::Table(_)) {
                    kept.push(v.clone());
                    continue;
                }
                match (inner.check)(v.clone()) {
                    Ok(()) => kept.push(v.clone()),
                    Err(e) => {
                        let at = e.span().unwrap_or_else(|| v.span()).start;
                        found.push((Some(at), message(&e)));
                    }
                }
            }
            *a = kept;
        }
    }
}

/// serde's message on one line; a misspelt value gets the nearest one.
fn message(e: &toml::de::Error) -> String {
    let msg = e.message().trim().replace('\n', " ");
    // "unknown variant `belwo`, expected one of `at-least`, `above`, …"
    if let Some(rest) = msg.strip_prefix("unknown variant `")
        && let Some((wrong, expected)) = rest.split_once('`')
    {
        let near = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|k| (crate::citations::distance(wrong, k), k))
            .filter(|(d, k)| *d <= 2.max(k.len() / 3))
            .min();
        if let Some((_, k)) = near {
            return format!("{msg}: did you mean `{k}`?");
        }
    }
    msg
}

/// The field names of a struct, from its `Deserialize`: a deserializer
/// that records the `fields` serde hands to `deserialize_struct`.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> de::Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("fields read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_field_names() {
        assert_eq!(fields_of::<Cite>(), ["anchor", "quote"]);
        assert!(fields_of::<Test>().contains(&"words"));
    }

    #[test]
    fn reports_every_problem() {
        let src = "plan = \"x\"\nversion = 1\nunits = [\"chi-bo\"]\nmovement = \"other\"\n\
                   criteria = []\ninputs = []\n\
                   [[indicators]]\nid = \"a\"\nlabel = \"a\"\ntest = { input = \"a\", op = \"belwo\" }\ncite = { anchor = \"a\", quote = \"a\" }\n\
                   [[indicators]]\nid = \"b\"\nlabel = \"b\"\ntest = { input = \"b\", treshold = \"1\" }\ncite = { anchor = \"b\", quote = \"b\", qoute = \"c\" }\n\
                   [verdict]\nrule = \"none\"\nname = \"x\"\nwarnign = \"y\"\n";
        let mut problems = Vec::new();
        let r: Option<RuleSet> = parse_all(src, Path::new("r.toml"), 0, rule_set(), &mut problems);
        assert!(r.is_none());
        let got: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(
            got[0].starts_with("r.toml:10: unknown variant `belwo`"),
            "{got:#?}"
        );
        assert!(got[0].ends_with("did you mean `below`?"), "{got:#?}");
        assert!(
            got[1].starts_with(
                "r.toml:15: unknown field `treshold` in a test: remove it or use one of `input`"
            ),
            "{got:#?}"
        );
        assert!(got[2].starts_with("r.toml:16: unknown field `qoute` in a citation (`cite = { anchor, quote }`): did you mean `quote`?"), "{got:#?}");
        assert!(
            got[3].starts_with(
                "r.toml:20: unknown field `warnign` in the verdict: did you mean `warning`?"
            ),
            "{got:#?}"
        );
    }
}
