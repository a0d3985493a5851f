#![no_main]
// A plan file of any bytes: front matter, Markdown, citations. It must load
// or give problems, never panic, hang or overflow the stack.
use libfuzzer_sys::fuzz_target;
use site_gen::content::plan_from_text;
use site_gen::source::text_from_bytes;
use site_gen::glossary::Abbreviations;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.md");
    let mut problems = Vec::new();
    if let Some(text) = text_from_bytes(path, data.to_vec(), &mut problems) {
        let abbr = Abbreviations::new(&[]);
        let _ = plan_from_text(path, &text, "fuzz", 0, &abbr, Path::new("/nonexistent"), &mut problems);
    }
});
