//! `sitemap.xml` and `robots.txt`.

use crate::html;
use crate::model::Content;
use crate::output::Output;
use crate::routes::Route;

/// Most URLs one sitemap file may list (sitemaps.org).
const SITEMAP_MAX: usize = 50_000;

/// `sitemap.xml`; above 50,000 pages it becomes an index of
/// `sitemap-1.xml`, `sitemap-2.xml` … as the protocol requires.
pub fn write(c: &Content, pages: &[String], out: &Output) -> std::io::Result<()> {
    write_in(c, pages, out, SITEMAP_MAX)
}

fn write_in(c: &Content, pages: &[String], out: &Output, max: usize) -> std::io::Result<()> {
    let base = c.site.base();
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let ns = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let write_urls = |rel: &str, pages: &[String]| -> std::io::Result<()> {
        let mut f = out.file(rel)?;
        f.put(&format!("{head}<urlset {ns}>\n"))?;
        for p in pages {
            let loc = if p == Route::Home.path() { "" } else { p };
            f.put(&format!(
                "  <url><loc>{}/{}</loc></url>\n",
                html::escape(base),
                html::escape(loc)
            ))?;
        }
        f.put("</urlset>\n")?;
        f.finish()
    };
    if pages.len() <= max {
        return write_urls("sitemap.xml", pages);
    }
    let mut index = format!("{head}<sitemapindex {ns}>\n");
    for (i, chunk) in pages.chunks(max).enumerate() {
        let rel = format!("sitemap-{}.xml", i + 1);
        write_urls(&rel, chunk)?;
        index.push_str(&format!(
            "  <sitemap><loc>{}/{rel}</loc></sitemap>\n",
            html::escape(base)
        ));
    }
    index.push_str("</sitemapindex>\n");
    out.write("sitemap.xml", index)
}

pub fn robots(c: &Content) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &c.site.base_url {
        s.push_str(&format!(
            "Sitemap: {}/sitemap.xml\n",
            base.trim_end_matches('/')
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_long_sitemap_becomes_an_index() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let c = crate::content::load(&fixture, None, None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = crate::target::check(&dir.path().join("dist"), &[]).unwrap();
        let out = Output::create(target).unwrap();
        let pages: Vec<String> = (0..5).map(|i| format!("p{i}.html")).collect();
        write_in(&c, &pages, &out, 2).unwrap();
        out.commit().unwrap();
        let index = std::fs::read_to_string(dir.path().join("dist/sitemap.xml")).unwrap();
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<loc>https://example.test/bontot/sitemap-3.xml</loc>"));
        let last = std::fs::read_to_string(dir.path().join("dist/sitemap-3.xml")).unwrap();
        assert_eq!(last.matches("<url>").count(), 1);
    }
}
