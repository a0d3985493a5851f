//! A filled dossier document as a .docx a secretary can open and edit in
//! Word or LibreOffice, made in memory (no I/O, so the desk makes it in
//! the browser, offline).
//!
//! Written by hand rather than with docx-rs: with its default features
//! off, docx-rs still brings zip, flate2, zlib-rs, zopfli, quick-xml and
//! encoding_rs, about 1 MB of WASM before wasm-opt for one paragraph,
//! while a document needs four XML parts in a zip. The zip here stores
//! them uncompressed (method 0, which every reader accepts), so all it
//! needs is CRC-32. Behind the `docx` feature: only the desk and site-gen
//! build it, never the calculator.

use crate::dossier::{BLANK, Block, Document, Line, PARTY, Span};

/// The .docx file's bytes.
pub fn write(d: &Document) -> Vec<u8> {
    let parts: [(&str, String); 4] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", document_xml(d)),
    ];
    zip_stored(
        &parts
            .iter()
            .map(|(n, t)| (*n, t.as_bytes()))
            .collect::<Vec<_>>(),
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

fn esc(s: &str, o: &mut String) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            // XML 1.0 has no place for other control characters.
            c if (c as u32) < 0x20 && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    underline: bool,
    upper: bool,
    /// Half-points; 0 is the document's 13 pt.
    size: u32,
}

fn run(text: &str, f: Fmt, o: &mut String) {
    o.push_str("<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>");
    if f.bold {
        o.push_str("<w:b/>");
    }
    if f.italic {
        o.push_str("<w:i/>");
    }
    if f.underline {
        o.push_str("<w:u w:val=\"single\"/>");
    }
    let sz = if f.size == 0 { 26 } else { f.size };
    o.push_str(&format!(
        "<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr><w:t xml:space=\"preserve\">"
    ));
    if f.upper {
        esc(&text.to_uppercase(), o);
    } else {
        esc(text, o);
    }
    o.push_str("</w:t></w:r>");
}

fn runs(l: &Line, f: Fmt, o: &mut String) {
    for s in l {
        match s {
            Span::Text(t) | Span::Fact(t) => run(t, f, o),
            Span::Blank => run(BLANK, f, o),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Both,
}

fn para(align: Align, indent: bool, o: &mut String, body: impl FnOnce(&mut String)) {
    o.push_str("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"60\"/>");
    if indent {
        o.push_str("<w:ind w:firstLine=\"567\"/>");
    }
    let jc = match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Both => "both",
    };
    o.push_str(&format!("<w:jc w:val=\"{jc}\"/></w:pPr>"));
    body(o);
    o.push_str("</w:p>");
}

/// What writes one table cell's paragraphs.
type Cell<'a> = Box<dyn Fn(&mut String) + 'a>;

/// A table; `widths` in twentieths of a point, `borders` drawn or not.
fn table(widths: &[u32], borders: bool, rows: &[Vec<Cell>], o: &mut String) {
    o.push_str(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/>",
    );
    let b = if borders { "single" } else { "nil" };
    o.push_str(&format!(
        "<w:tblBorders><w:top w:val=\"{b}\" w:sz=\"4\"/><w:left w:val=\"{b}\" w:sz=\"4\"/><w:bottom w:val=\"{b}\" w:sz=\"4\"/><w:right w:val=\"{b}\" w:sz=\"4\"/><w:insideH w:val=\"{b}\" w:sz=\"4\"/><w:insideV w:val=\"{b}\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>"
    ));
    for w in widths {
        o.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    o.push_str("</w:tblGrid>");
    for r in rows {
        o.push_str("<w:tr>");
        for (i, cell) in r.iter().enumerate() {
            o.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr>",
                widths.get(i).copied().unwrap_or(2000)
            ));
            cell(o);
            o.push_str("</w:tc>");
        }
        o.push_str("</w:tr>");
    }
    o.push_str("</w:tbl>");
}

/// Text width of an A4 page with the party's margins (left 30 mm, right
/// 15 mm): 165 mm in twentieths of a point.
const WIDTH: u32 = 9355;

fn document_xml(d: &Document) -> String {
    let mut o = String::with_capacity(16 * 1024);
    o.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#);
    let plain = Fmt::default();
    let bold = Fmt {
        bold: true,
        ..plain
    };
    // Heading block: two columns without borders, as the party's documents.
    let left = |o: &mut String| {
        para(Align::Center, false, o, |o| {
            runs(
                &d.superior,
                Fmt {
                    upper: true,
                    ..plain
                },
                o,
            )
        });
        para(Align::Center, false, o, |o| {
            runs(
                &d.unit,
                Fmt {
                    upper: true,
                    ..bold
                },
                o,
            )
        });
        para(Align::Center, false, o, |o| run("*", plain, o));
        if let Some(n) = &d.number {
            para(Align::Center, false, o, |o| runs(n, plain, o));
        }
    };
    let right = |o: &mut String| {
        para(Align::Center, false, o, |o| {
            run(
                PARTY,
                Fmt {
                    underline: true,
                    ..bold
                },
                o,
            )
        });
        para(Align::Center, false, o, |o| {
            runs(
                &d.place_date,
                Fmt {
                    italic: true,
                    ..plain
                },
                o,
            )
        });
    };
    table(
        &[WIDTH * 4 / 9, WIDTH * 5 / 9],
        false,
        &[vec![Box::new(left), Box::new(right)]],
        &mut o,
    );
    para(Align::Center, false, &mut o, |_| {});
    para(Align::Center, false, &mut o, |o| {
        run(&d.title, Fmt { size: 28, ..bold }, o)
    });
    if let Some(s) = &d.subtitle {
        para(Align::Center, false, &mut o, |o| runs(s, bold, o));
    }
    if let Some(t) = &d.to {
        para(Align::Center, false, &mut o, |o| runs(t, plain, o));
    }
    for b in &d.body {
        match b {
            Block::P(l) => para(Align::Both, true, &mut o, |o| runs(l, plain, o)),
            Block::Heading(l) => para(Align::Left, false, &mut o, |o| runs(l, bold, o)),
            Block::List(items) => {
                for l in items {
                    para(Align::Left, true, &mut o, |o| {
                        run("- ", plain, o);
                        runs(l, plain, o);
                    });
                }
            }
            Block::Table { head, rows } => {
                let n = head.len().max(1) as u32;
                // The first column holds a number or a label: narrower.
                let widths: Vec<u32> = match n {
                    4 => vec![600, 3400, 1700, WIDTH - 5700],
                    _ => (0..n).map(|_| WIDTH / n).collect(),
                };
                let mut all: Vec<Vec<Cell>> = Vec::new();
                all.push(
                    head.iter()
                        .map(|h| -> Cell {
                            Box::new(move |o: &mut String| {
                                para(Align::Center, false, o, |o| run(h, bold, o))
                            })
                        })
                        .collect(),
                );
                for r in rows {
                    all.push(
                        r.iter()
                            .map(|c| -> Cell {
                                Box::new(move |o: &mut String| {
                                    para(Align::Left, false, o, |o| runs(c, plain, o))
                                })
                            })
                            .collect(),
                    );
                }
                table(&widths, true, &all, &mut o);
                para(Align::Left, false, &mut o, |_| {});
            }
        }
    }
    // Foot: "Nơi nhận" left, the signatures right.
    para(Align::Left, false, &mut o, |_| {});
    let recipients = |o: &mut String| {
        if d.recipients.is_empty() {
            para(Align::Left, false, o, |_| {});
            return;
        }
        para(Align::Left, false, o, |o| {
            run(
                "Nơi nhận:",
                Fmt {
                    size: 24,
                    ..Fmt {
                        bold: true,
                        italic: true,
                        ..plain
                    }
                },
                o,
            )
        });
        for r in &d.recipients {
            para(Align::Left, false, o, |o| {
                run("- ", Fmt { size: 22, ..plain }, o);
                runs(r, Fmt { size: 22, ..plain }, o);
            });
        }
    };
    let mut cells: Vec<Cell> = vec![Box::new(recipients)];
    for s in &d.sign {
        cells.push(Box::new(move |o: &mut String| {
            if let Some(b) = &s.on_behalf {
                para(Align::Center, false, o, |o| run(b, bold, o));
            }
            para(Align::Center, false, o, |o| run(&s.role, bold, o));
            for _ in 0..4 {
                para(Align::Center, false, o, |_| {});
            }
            para(Align::Center, false, o, |o| runs(&s.name, bold, o));
        }));
    }
    let n = cells.len() as u32;
    table(&vec![WIDTH / n; n as usize], false, &[cells], &mut o);
    // A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm.
    o.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
    o
}

/// CRC-32 (IEEE), as zip needs it.
fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, e) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *e = c;
    }
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// A zip archive of `files`, each stored (not compressed), dated
/// 1980-01-01 so the same document always gives the same bytes.
fn zip_stored(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let (size, nlen) = (data.len() as u32, name.len() as u16);
        le32(&mut out, 0x0403_4b50);
        le16(&mut out, 20); // version needed
        le16(&mut out, 0x0800); // names in UTF-8
        le16(&mut out, 0); // stored
        le16(&mut out, 0); // time
        le16(&mut out, 0x21); // date: 1980-01-01
        le32(&mut out, crc);
        le32(&mut out, size);
        le32(&mut out, size);
        le16(&mut out, nlen);
        le16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        le32(&mut central, 0x0201_4b50);
        le16(&mut central, 20); // made by
        le16(&mut central, 20);
        le16(&mut central, 0x0800);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le16(&mut central, 0x21);
        le32(&mut central, crc);
        le32(&mut central, size);
        le32(&mut central, size);
        le16(&mut central, nlen);
        le16(&mut central, 0); // extra
        le16(&mut central, 0); // comment
        le16(&mut central, 0); // disk
        le16(&mut central, 0); // internal attributes
        le32(&mut central, 0); // external attributes
        le32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, files.len() as u16);
    le16(&mut out, files.len() as u16);
    le32(&mut out, cd_size);
    le32(&mut out, cd_offset);
    le16(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_of_the_check_string() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }
}
