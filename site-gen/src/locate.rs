//! Finds the line of a value in a TOML document by its path, so that checks
//! made after parsing can still name the place of the problem.

use toml::de::{DeTable, DeValue};

/// One step of a path: a key or an array index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A parsed TOML document that answers "on which line is …?".
pub struct Locator<'i> {
    src: &'i str,
    doc: Option<toml::Spanned<DeTable<'i>>>,
}

impl<'i> Locator<'i> {
    pub fn new(src: &'i str) -> Locator<'i> {
        Locator {
            src,
            doc: DeTable::parse(src).ok(),
        }
    }

    /// 1-based line of the value at `path`, or of its nearest ancestor that
    /// exists; `None` only when the document does not parse.
    pub fn line(&self, path: &[Step]) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        let mut span = doc.span();
        let mut table: Option<&DeTable> = Some(doc.get_ref());
        let mut value: Option<&DeValue> = None;
        for step in path {
            let next = match (step, table, value) {
                (Step::Key(k), Some(t), _) => t
                    .iter()
                    .find(|(key, _)| key.get_ref() == k)
                    .map(|(key, v)| (key.span(), v)),
                (Step::Index(i), None, Some(DeValue::Array(a))) => a.get(*i).map(|v| (v.span(), v)),
                _ => None,
            };
            let Some((key_span, v)) = next else { break };
            // A key's own line reads better than its value's (tables start there).
            span = if matches!(step, Step::Key(_)) {
                key_span
            } else {
                v.span()
            };
            value = Some(v.get_ref());
            table = match v.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            };
        }
        Some(crate::problem::line_of(self.src, span.start))
    }
}

/// A core problem's dotted path as steps: "levels[2].all" → [Key("levels"), Index(2), Key("all")].
pub fn steps_of(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() && !key.contains(' ') {
            steps.push(Step::Key(key));
        }
        if let Some(i) = rest.strip_suffix(']').and_then(|i| i.parse().ok()) {
            steps.push(Step::Index(i));
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_become_steps() {
        let s = steps_of("levels[2].all");
        assert_eq!(
            format!("{s:?}"),
            "[Key(\"levels\"), Index(2), Key(\"all\")]"
        );
        let s = steps_of("levels (subject \"2B\")");
        assert_eq!(format!("{s:?}"), "[]");
    }

    use super::*;

    #[test]
    fn finds_nested_values() {
        let src = "title = \"x\"\n\n[[deadlines]]\nwhat = \"a\"\n\n[[deadlines]]\nwhat = \"b\"\ncite = { anchor = \"y\", quote = \"z\" }\n";
        let loc = Locator::new(src);
        assert_eq!(loc.line(&[Step::Key("title")]), Some(1));
        assert_eq!(
            loc.line(&[Step::Key("deadlines"), Step::Index(1), Step::Key("what")]),
            Some(7)
        );
        assert_eq!(
            loc.line(&[
                Step::Key("deadlines"),
                Step::Index(1),
                Step::Key("cite"),
                Step::Key("anchor")
            ]),
            Some(8)
        );
        // A missing key falls back to the nearest ancestor.
        assert_eq!(
            loc.line(&[Step::Key("deadlines"), Step::Index(0), Step::Key("nope")]),
            Some(3)
        );
    }
}
