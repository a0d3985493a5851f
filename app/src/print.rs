//! The "Phiếu tự đánh giá" printed for the dossier is the results section
//! itself (see style.css, `@media print`), framed by what only paper needs:
//! a heading with the unit and the plan, the list of chi bộ of a đảng bộ,
//! and lines for signatures. These parts are hidden on screen.

use crate::members::bon_tot_text;
use crate::raw::{el, esc};
use crate::view::Ctx;
use bontot_core::model::Unit;
use std::fmt::Write;

fn or_dots(s: &str) -> &str {
    if s.trim().is_empty() {
        "……………………"
    } else {
        s.trim()
    }
}

/// Above the results on paper.
pub fn head(ctx: &Ctx) -> String {
    let d = &ctx.data;
    let a = &ctx.state.answers;
    let number = d
        .number
        .as_ref()
        .map(|n| format!(", số {n}"))
        .unwrap_or_default();
    let mut s = format!(
        "<div class=\"calc-print\"><h2 class=\"calc-print-title\">PHIẾU TỰ ĐÁNH GIÁ</h2>{}{}{}",
        el(
            "p",
            "calc-print-name",
            &format!("{}: {}", a.unit.label(), or_dots(&a.name))
        ),
        el("p", "", &format!("Năm đánh giá: {}", or_dots(&a.year))),
        el(
            "p",
            "",
            &format!("Theo: {}{number} ({})", d.plan_title, d.locality)
        ),
    );
    if let Some((_, note)) = crate::app::year_note(d, &a.year) {
        s += &el("p", "", &note);
    }
    // The plan's own caveats, shown above the form on screen.
    for n in &d.rules.notices {
        s += &el("p", "", &format!("Lưu ý: {}", n.text));
    }
    if a.unit == Unit::DangBo && !a.members.is_empty() {
        s += "<p><strong>Các chi bộ trực thuộc:</strong></p><ol>";
        for m in &a.members {
            let line = format!(
                "{}: {}; xếp loại {}",
                or_dots(&m.name),
                bon_tot_text(m.bon_tot, &d.rules.verdict.name),
                m.class.map(|c| c.code()).unwrap_or("—")
            );
            let _ = write!(s, "<li>{}</li>", esc(&line));
        }
        s += "</ol>";
    }
    s += "</div>";
    s
}

/// Below the results on paper.
pub fn sign(ctx: &Ctx) -> String {
    let sign = match ctx.state.answers.unit {
        Unit::ChiBo => "T/M CHI ỦY (CHI BỘ)",
        Unit::DangBo => "T/M ĐẢNG ỦY",
    };
    format!(
        "<div class=\"calc-print calc-print-sign\"><p class=\"calc-print-date\">……………, ngày …… tháng …… năm ………</p><div><p><strong>NGƯỜI LẬP PHIẾU</strong><br>(Ký, ghi rõ họ tên)</p><p><strong>{sign}</strong><br><strong>BÍ THƯ</strong><br>(Ký, ghi rõ họ tên)</p></div><p class=\"calc-print-note\">Lập bằng máy tính tự đánh giá của Bốn Tốt. Kết quả là tự đánh giá để đề xuất; việc xét, công nhận do cấp có thẩm quyền quyết định.</p></div>"
    )
}
