//! The dossier's data as the build reads it: each plan gets exactly the
//! documents its text names, every template's placeholders are known,
//! known facts fill the documents and unknown ones are dotted, and the
//! editable .docx unzips into well-formed WordprocessingML.

use bontot_core::date::Date;
use bontot_core::dossier::{
    BLANK, Block, CriterionFact, Facts, PlanDossierFile, Span, Template, TemplateFile, fill,
    parse_template, plain, render_html,
};
use std::path::Path;

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../content/dossier"))
}

fn templates() -> Vec<Template> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir().join("mau")).unwrap() {
        let p = e.unwrap().path();
        let id = p.file_stem().unwrap().to_str().unwrap().to_string();
        let f: TemplateFile = toml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        out.push(parse_template(&id, f).unwrap_or_else(|e| panic!("{id}: {e:?}")));
    }
    out
}

fn plan(slug: &str) -> PlanDossierFile {
    toml::from_str(&std::fs::read_to_string(dir().join(format!("{slug}.toml"))).unwrap()).unwrap()
}

#[test]
fn each_plan_gets_exactly_the_documents_its_text_names() {
    let names = |slug: &str| -> Vec<(String, String)> {
        plan(slug)
            .documents
            .into_iter()
            .map(|d| (d.template, d.cite.quote))
            .collect()
    };
    assert_eq!(
        names("son-la"),
        [
            (
                "to-trinh-cong-nhan".into(),
                "Tờ trình đề nghị công nhận".into()
            ),
            (
                "bien-ban-kiem-phieu".into(),
                "Biên bản kiểm phiếu biểu quyết đề nghị công nhận".into()
            ),
            ("bao-cao-ket-qua".into(), "Báo cáo kết quả thực hiện".into()),
            (
                "phieu-tu-danh-gia".into(),
                "Phiếu tự đánh giá thực hiện các tiêu chí".into()
            ),
        ]
    );
    assert_eq!(
        names("nguyen-nghiem"),
        [
            (
                "to-trinh-khen-thuong".into(),
                "Tờ trình đề nghị khen thưởng của Chi bộ".into()
            ),
            (
                "bao-cao-thanh-tich".into(),
                "Báo cáo tóm tắt thành tích của chi bộ đề nghị tặng Giấy khen".into()
            ),
            ("bien-ban-hop-chi-bo".into(), "Biên bản họp chi bộ".into()),
        ]
    );
    assert_eq!(
        names("binh-tan"),
        [(
            "bao-cao-ket-qua".into(),
            "Tổng hợp, báo cáo đảng ủy cơ sở".into()
        )]
    );
    for slug in ["ben-tre", "dien-bien"] {
        let p = plan(slug);
        assert!(p.documents.is_empty() && p.none.is_some(), "{slug}");
    }
    let ids: Vec<String> = templates().into_iter().map(|t| t.id).collect();
    for slug in ["son-la", "nguyen-nghiem", "binh-tan"] {
        for d in plan(slug).documents {
            assert!(ids.contains(&d.template), "{slug}: {}", d.template);
        }
    }
}

fn facts() -> Facts {
    Facts {
        unit: Some("Chi bộ Khu phố 3".into()),
        superior: Some("Đảng bộ phường An Lạc".into()),
        place: Some("Bình Tân".into()),
        date: Some(Date {
            year: 2026,
            month: 12,
            day: 5,
        }),
        year: Some(2026),
        plan: "Kế hoạch số 17-KH/ĐU ngày 26/4/2024 của Đảng ủy bộ phận".into(),
        verdict: Some("Đạt “chi bộ bốn tốt”".into()),
        criteria: vec![
            CriterionFact {
                name: "Lãnh đạo hoàn thành tốt nhiệm vụ chính trị".into(),
                met: Some(true),
                reasons: vec![],
            },
            CriterionFact {
                name: "Chất lượng sinh hoạt tốt".into(),
                met: Some(false),
                reasons: vec!["Tháng 3 xếp loại Kém".into()],
            },
            CriterionFact {
                name: "Đoàn kết, kỷ luật tốt".into(),
                met: None,
                reasons: vec![],
            },
        ],
        members: Some(20),
        present: Some(18),
        votes_for: Some(12),
        votes_against: Some(6),
        ..Facts::default()
    }
}

fn template(id: &str) -> Template {
    templates().into_iter().find(|t| t.id == id).unwrap()
}

#[test]
fn known_facts_fill_and_unknown_ones_are_dotted() {
    let d = fill(&template("to-trinh-cong-nhan"), "Tờ trình", &facts());
    assert_eq!(plain(&d.superior), "ĐẢNG BỘ PHƯỜNG AN LẠC");
    assert_eq!(plain(&d.unit), "CHI BỘ KHU PHỐ 3");
    assert_eq!(
        plain(d.number.as_ref().unwrap()),
        format!("Số {BLANK}-TTr/CB")
    );
    assert_eq!(plain(&d.place_date), "Bình Tân, ngày 5 tháng 12 năm 2026");
    assert_eq!(plain(d.to.as_ref().unwrap()), format!("Kính gửi: {BLANK}"));
    let text: Vec<String> = d
        .body
        .iter()
        .filter_map(|b| {
            if let Block::P(l) = b {
                Some(plain(l))
            } else {
                None
            }
        })
        .collect();
    assert!(
        text.contains(
            &"Kết quả biểu quyết: 12 đảng viên đồng ý trên 18 đảng viên có mặt (≈ 66,66%)."
                .to_string()
        ),
        "{text:?}"
    );
    let Some(Block::Table { rows, .. }) = d.body.iter().find(|b| matches!(b, Block::Table { .. }))
    else {
        panic!("no criteria table")
    };
    assert_eq!(plain(&rows[0][2]), "Đạt");
    assert_eq!(plain(&rows[1][3]), "Tháng 3 xếp loại Kém");
    // Not assessed: both the result and the reasons are blanks.
    assert_eq!(rows[2][2], vec![Span::Blank]);
    assert_eq!(rows[2][3], vec![Span::Blank]);
    assert_eq!(plain(&d.sign[0].name), BLANK);

    // Nothing known but the plan: every other place is dotted.
    let blank = Facts {
        plan: "Kế hoạch số 1".into(),
        ..Facts::default()
    };
    let d = fill(&template("bao-cao-thanh-tich"), "Báo cáo", &blank);
    let html = render_html(&d, "x");
    assert!(html.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(html.contains("T/M CHI ỦY") && html.contains("BÍ THƯ") && html.contains("Nơi nhận:"));
    assert!(html.contains(&format!(
        "<span class=\"blank\">{BLANK}</span>, ngày <span class=\"blank\">"
    )));
    assert!(
        !html.contains("style="),
        "no inline style under the strict policy"
    );
    // The achievements are the chi bộ's to write.
    assert!(html.contains(&format!(
        "Thành tích cụ thể: <span class=\"blank\">{BLANK}</span>"
    )));
}

#[test]
fn a_template_with_an_unknown_placeholder_is_refused_at_its_path() {
    let f: TemplateFile = toml::from_str(
        r#"
name = "x"
title = "X"
body = [{ p = "ok {nam}" }, { p = "{thanh_tich}" }]
sign = []
"#,
    )
    .unwrap();
    let e = parse_template("x", f).unwrap_err();
    let paths: Vec<&str> = e.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["body[1]", "sign"]);
}

#[cfg(feature = "docx")]
#[test]
fn the_docx_unzips_into_wordprocessingml() {
    use std::io::Read;
    let d = fill(&template("to-trinh-cong-nhan"), "Tờ trình", &facts());
    let bytes = bontot_core::docx::write(&d);
    assert_eq!(
        bytes,
        bontot_core::docx::write(&d),
        "the same document, the same bytes"
    );
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let names: Vec<String> = z
        .file_names()
        .map(|n| n.expect("a UTF-8 name").into_owned())
        .collect();
    for n in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Well-formed enough: every element opened is closed, in order.
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        let name = tag.split_whitespace().next().unwrap();
        if let Some(closing) = name.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(closing), "at </{closing}>");
        } else {
            stack.push(name.to_string());
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    // The party's layout: the heading table, A4, title, signature, blanks.
    for needle in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ KHU PHỐ 3",
        "TỜ TRÌNH",
        "Kính gửi: ",
        "T/M CHI ỦY",
        "BÍ THƯ",
        "Nơi nhận:",
        "≈ 66,66%",
        BLANK,
        "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
    ] {
        assert!(xml.contains(needle), "{needle}");
    }
    assert_eq!(
        xml.matches("<w:tbl>").count(),
        3,
        "heading, criteria, signature"
    );
    let mut types = String::new();
    z.by_name("[Content_Types].xml")
        .unwrap()
        .read_to_string(&mut types)
        .unwrap();
    assert!(types.contains("wordprocessingml.document.main+xml"));
}
