//! Đảng bộ mode: the list of its chi bộ, typed in or read from each chi
//! bộ's own answers file. Ratios marked `from_members` are computed from
//! this list by the engine.

use crate::dom::Parts;
use crate::form::{class_options, options};
use crate::raw::{el, esc};
use crate::state::{MAX_FIELD, MAX_MEMBERS};
use crate::view::Ctx;
use bontot_core::answers::{Answers, Member};
use bontot_core::check::Checked;
use bontot_core::engine::{Status, evaluate};
use bontot_core::model::Unit;
use bontot_core::rules::{Class, InputKind};
use std::fmt::Write;

/// A chi bộ's entry made from its answers file, judged by the same rules
/// as a chi bộ.
pub fn member_from_file(text: &str, file_name: &str, rules: &Checked) -> Result<Member, String> {
    let a = Answers::from_json(text, rules)?;
    if a.unit != Unit::ChiBo {
        return Err(
            "Đây là câu trả lời của một đảng bộ, không phải của một chi bộ. Không có gì được nạp."
                .into(),
        );
    }
    let result = evaluate(rules, Unit::ChiBo, &a);
    let bon_tot = match result.verdict.status {
        Some(Status::Pass) => Some(true),
        Some(Status::Fail) => Some(false),
        _ => None,
    };
    let class = rules
        .inputs_for(Unit::ChiBo)
        .find(|i| i.kind == InputKind::Classification)
        .and_then(|i| Class::parse(a.get(&i.id)));
    let name = if a.name.trim().is_empty() {
        file_name.trim_end_matches(".json").to_string()
    } else {
        a.name.trim().to_string()
    };
    Ok(Member {
        name: name.chars().take(MAX_FIELD).collect(),
        bon_tot,
        class,
    })
}

fn bon_tot_code(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "dat",
        Some(false) => "chua-dat",
        None => "",
    }
}

/// "Đạt bốn tốt" / "Chưa đạt" / "chưa rõ", for the list and the sheet.
pub fn bon_tot_text(b: Option<bool>, name: &str) -> String {
    match b {
        Some(true) => format!("Đạt “{name}”"),
        Some(false) => "Chưa đạt".into(),
        None => "Chưa rõ".into(),
    }
}

/// The list's section (empty for a chi bộ), its rows a part each.
pub fn view(ctx: &Ctx, parts: &mut Parts) {
    let a = &ctx.state.answers;
    if a.unit != Unit::DangBo {
        return;
    }
    let verdict = ctx.data.rules.verdict.name.as_str();
    let members = &a.members;
    let pass = members.iter().filter(|m| m.bon_tot == Some(true)).count();
    let open = members.iter().filter(|m| m.bon_tot.is_none()).count();
    let mut s = "<section class=\"calc-members\" id=\"chi-bo-truc-thuoc\"><h2 class=\"calc-group\">Các chi bộ trực thuộc</h2><p class=\"note\">Liệt kê mọi chi bộ của đảng bộ với kết quả của từng chi bộ, hoặc nhập tệp câu trả lời mà từng chi bộ đã xuất từ máy tính này. Các tỷ lệ về chi bộ sẽ được tính từ danh sách.</p>".to_string();
    if !members.is_empty() {
        s += &el(
            "p",
            "calc-members-sum",
            &format!(
                "{} chi bộ: {pass} đạt “{verdict}”, {} chưa đạt, {open} chưa rõ.",
                members.len(),
                members.len().saturating_sub(pass + open)
            ),
        );
    }
    let _ = write!(
        s,
        "<ol class=\"calc-member-list\" data-own></ol><div class=\"calc-actions\"><button type=\"button\" class=\"secondary\" data-action=\"add-member\"{}>Thêm chi bộ</button>{}</div></section>",
        if members.len() >= MAX_MEMBERS {
            " disabled"
        } else {
            ""
        },
        file_button("Nhập tệp của chi bộ", "import-members", true)
    );
    let mut rows = Parts::default();
    for (i, m) in members.iter().enumerate() {
        rows.add((i + 1).to_string(), row(i, m, verdict));
    }
    parts.own("members", s, rows);
}

/// A button that opens the file chooser (a styled label over the input).
pub fn file_button(label: &str, action: &'static str, multiple: bool) -> String {
    format!(
        "<label class=\"button secondary calc-file\">{}<input type=\"file\" accept=\".json,application/json\"{} class=\"calc-file-input\" data-action=\"{action}\"></label>",
        esc(label),
        if multiple { " multiple" } else { "" }
    )
}

fn row(i: usize, m: &Member, verdict: &str) -> String {
    let n = i + 1;
    let shown = if m.name.trim().is_empty() {
        format!("chi bộ thứ {n}")
    } else {
        m.name.clone()
    };
    let results = [
        ("dat", format!("Đạt “{verdict}”")),
        ("chua-dat", "Chưa đạt".into()),
    ];
    let classes = class_options();
    let result = bon_tot_code(m.bon_tot);
    let class = m.class.map(|c| c.code()).unwrap_or("");
    let chosen = |c: &'static str| (!c.is_empty()).then_some(c);
    format!(
        "<li class=\"calc-member\"><div class=\"calc-part\"><label for=\"m-{n}-ten\">Tên chi bộ thứ {n}</label><input type=\"text\" id=\"m-{n}-ten\" maxlength=\"200\" autocomplete=\"off\" data-member=\"{n}\" value=\"{}\"></div><div class=\"calc-part\"><label for=\"m-{n}-ket-qua\">{}</label><select id=\"m-{n}-ket-qua\" data-member=\"{n}\" data-part=\"ket-qua\">{}</select></div><div class=\"calc-part\"><label for=\"m-{n}-xep-loai\">Xếp loại</label><select id=\"m-{n}-xep-loai\" data-member=\"{n}\" data-part=\"xep-loai\">{}</select></div><button type=\"button\" class=\"secondary calc-remove\" data-action=\"remove-member\" data-member=\"{n}\" aria-label=\"{}\">Xóa</button></li>",
        esc(&m.name),
        esc(&format!("Kết quả “{verdict}”")),
        options(
            result,
            &results.each_ref().map(|(c, t)| (*c, t.clone())),
            chosen(result),
            "Chưa rõ"
        ),
        options(class, &classes, chosen(class), "— Chưa chọn —"),
        esc(&format!("Xóa {shown}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Checked {
        serde_json::from_str(crate::view::tests::RULES).unwrap()
    }

    #[test]
    fn a_chi_bo_file_becomes_a_member() {
        let rules = rules();
        let mut a = Answers::new(&rules, Unit::ChiBo);
        a.name = "Chi bộ 4".into();
        for (f, v) in [("ket-nap", "3"), ("chi-tieu", "2"), ("xep-loai", "HTXSNV")] {
            a.set(f, v.into());
        }
        for m in 1..=12 {
            a.set(&format!("hop.t{m:02}"), "tot".into());
        }
        let text = serde_json::to_string(&a).unwrap();
        let m = member_from_file(&text, "x.json", &rules).unwrap();
        assert_eq!(
            m,
            Member {
                name: "Chi bộ 4".into(),
                bon_tot: Some(true),
                class: Some(Class::Htxsnv)
            }
        );

        a.set("ket-nap", "1".into());
        a.name.clear();
        let text = serde_json::to_string(&a).unwrap();
        let m = member_from_file(&text, "cb-5.json", &rules).unwrap();
        assert_eq!((m.name.as_str(), m.bon_tot), ("cb-5", Some(false)));
    }

    #[test]
    fn a_dang_bo_file_or_garbage_is_refused() {
        let rules = rules();
        let a = Answers::new(&rules, Unit::DangBo);
        let text = serde_json::to_string(&a).unwrap();
        assert!(member_from_file(&text, "x.json", &rules).is_err());
        assert!(member_from_file("{", "x.json", &rules).is_err());
    }
}
