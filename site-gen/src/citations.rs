//! Citations: a `{ anchor, quote }` in front matter or a rule set is
//! resolved against the rendered plan to the exact paragraph that holds
//! the quote.

use crate::markdown::Rendered;
use bontot_core::model::Cite;
use bontot_core::text::quote_key;

/// The id of the block a citation points at: a block inside the section
/// `cite.anchor` (or that block itself) whose text contains the quote.
pub fn resolve_cite(body: &Rendered, cite: &Cite) -> Result<String, String> {
    if !body.has_id(&cite.anchor) {
        return Err(format!(
            "anchor {:?} is not an id in this plan",
            cite.anchor
        ));
    }
    let key = quote_key(&cite.quote);
    if key.is_empty() {
        return Err("the quote is empty".into());
    }
    body.within(&cite.anchor)
        .map(|(i, b)| (b, body.key(i)))
        .filter(|(_, k)| k.contains(&key))
        .min_by_key(|(_, k)| k.len())
        .map(|(b, _)| b.id.clone())
        .ok_or_else(|| {
            format!(
                "the quote {:?} is not in section {:?}",
                cite.quote, cite.anchor
            )
        })
}

/// Resolves a citation and points its anchor at the exact paragraph.
pub fn resolve_in_place(body: &Rendered, cite: &mut Cite) -> Result<(), String> {
    cite.anchor = resolve_cite(body, cite)?;
    Ok(())
}
