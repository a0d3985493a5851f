//! The dossier: the documents the plan's own text lists, filled from what
//! the calculator and the book know (unit, year, plan, verdict and each
//! criterion's result, the unit's level, the tally typed here), the rest
//! dotted; each printed on A4 alone or downloaded as an editable .docx.
//! Nothing is invented: achievements stay blanks for the secretary.

use crate::store;
use bontot_core::answers::Answers;
use bontot_core::date::Date;
use bontot_core::dossier::{CriterionFact, Facts, fill, render_html};
use bontot_core::engine::{Status, evaluate};
use bontot_core::model::{Unit, assessment_year};
use bontot_core::page::CalculatorData;
use bontot_core::roster::{Book, DossierFacts};
use bontot_core::rules::Class;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    pub data: Rc<CalculatorData>,
    pub extra: Rc<crate::Extra>,
    pub book: Book,
    pub set_book: Callback<Book>,
    pub answers: Answers,
    pub unit_level: Option<Class>,
    pub flash: Callback<Result<String, String>>,
}

impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.data, &o.data)
            && Rc::ptr_eq(&self.extra, &o.extra)
            && self.book == o.book
            && self.answers == o.answers
            && self.unit_level == o.unit_level
    }
}

/// What the documents say, from the answers and what was typed here.
fn facts(p: &Props, plan: &str, to: Option<&str>) -> Facts {
    let a = &p.answers;
    let d = &p.book.dossier;
    let result = evaluate(&p.data.rules, a.unit, a);
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let count = |s: &str| s.trim().parse::<u32>().ok();
    Facts {
        unit: text(&a.name),
        superior: text(&d.superior),
        place: text(&d.place),
        date: Date::parse(d.date.trim()).ok(),
        year: assessment_year(&a.year).ok(),
        number: text(&d.number),
        recipient: to.map(str::to_string),
        plan: plan.to_string(),
        verdict: match result.verdict.status {
            Some(Status::Pass) | Some(Status::Fail) => Some(result.verdict.text.clone()),
            _ => None,
        },
        classification: p.unit_level,
        criteria: result
            .criteria
            .iter()
            .map(|c| CriterionFact {
                name: c.name.clone(),
                met: match c.status {
                    Status::Pass => Some(true),
                    Status::Fail => Some(false),
                    _ => None,
                },
                reasons: if c.status == Status::Fail {
                    vec![c.reason.clone()]
                } else {
                    Vec::new()
                },
            })
            .collect(),
        members: count(&d.members),
        present: count(&d.present),
        votes_for: count(&d.votes_for),
        votes_against: count(&d.votes_against),
        secretary: text(&d.secretary),
    }
}

#[function_component]
pub fn Dossier(p: &Props) -> Html {
    let Some((list, plan)) = &p.extra.dossier else {
        return html! { <p class="note">{ "Bốn Tốt chưa có danh mục hồ sơ của kế hoạch này." }</p> };
    };
    if list.documents.is_empty() {
        let why = list
            .none
            .clone()
            .unwrap_or_else(|| "Kế hoạch không nêu hồ sơ cần lập.".into());
        return html! { <p class="note">{ why }</p> };
    }
    let to = list.to.as_ref().map(|t| t.text.as_str());
    let f = facts(p, plan, to);
    let d = &p.book.dossier;
    let field = |key: &'static str, label: &'static str, value: &str, kind: &'static str| {
        let (book, set_book) = (p.book.clone(), p.set_book.clone());
        let oninput = Callback::from(move |e: InputEvent| {
            let v = crate::store::typed(&e, 200);
            let mut nb = book.clone();
            let d: &mut DossierFacts = &mut nb.dossier;
            let slot = match key {
                "cap-tren" => &mut d.superior,
                "noi-lap" => &mut d.place,
                "ngay" => &mut d.date,
                "so" => &mut d.number,
                "so-dang-vien" => &mut d.members,
                "co-mat" => &mut d.present,
                "tan-thanh" => &mut d.votes_for,
                "khong-tan-thanh" => &mut d.votes_against,
                _ => &mut d.secretary,
            };
            *slot = v;
            set_book.emit(nb);
        });
        let id = format!("hs-{key}");
        let numeric = kind == "number";
        let bad = numeric && !value.trim().is_empty() && value.trim().parse::<u32>().is_err();
        html! {
            <div class="calc-part">
                <label for={id.clone()}>{ label }</label>
                <input type={ if kind == "date" { "date" } else { "text" } } id={id.clone()} autocomplete="off"
                    inputmode={ numeric.then_some("numeric") } value={value.to_string()} {oninput}
                    aria-invalid={ bad.then_some("true") } />
                if bad { <p class="calc-error">{ "Nhập một số nguyên, ví dụ 12." }</p> }
            </div>
        }
    };
    let unit = p.answers.unit;
    let plan_url = &p.data.plan_url;
    let docs: Vec<_> = list
        .documents
        .iter()
        .enumerate()
        .filter_map(|(n, e)| {
            let t = p.extra.templates.iter().find(|t| t.id == e.template)?;
            Some((n, e, fill(t, &e.name, &f)))
        })
        .collect();
    let cards = docs.iter().map(|(n, e, doc)| {
        let print_id = format!("in-ho-so-{}", n + 1);
        let print = {
            let id = print_id.clone();
            Callback::from(move |_| store::print_alone(Some(&id)))
        };
        let download = {
            let (doc, flash, name) = (doc.clone(), p.flash.clone(), file_name(&p.data.rules.plan, *n, unit));
            Callback::from(move |_| {
                let bytes = bontot_core::docx::write(&doc);
                flash.emit(
                    store::download_bytes(&name, &bytes, DOCX)
                        .map(|()| format!("Đã tải “{name}” về máy: mở bằng Word hoặc LibreOffice để hoàn thiện.")),
                );
            })
        };
        html! {
            <li class="desk-doc">
                <p><strong>{ e.name.clone() }</strong>{ " " }
                    <a href={ format!("{plan_url}#{}", e.cite.anchor) }>{ "(câu của kế hoạch)" }</a></p>
                <div class="calc-actions">
                    <button type="button" onclick={print} aria-label={ format!("In {}", e.name) }>{ "In" }</button>
                    <button type="button" class="secondary" onclick={download}
                        aria-label={ format!("Tải {} (tệp Word .docx)", e.name) }>{ "Tải tệp Word (.docx)" }</button>
                </div>
                <details>
                    <summary>{ "Xem trước" }</summary>
                    { Html::from_html_unchecked(AttrValue::from(render_html(doc, &format!("xem-ho-so-{}", n + 1)))) }
                </details>
            </li>
        }
    });
    let sheets = docs
        .iter()
        .map(|(n, _, doc)| render_html(doc, &format!("in-ho-so-{}", n + 1)))
        .collect::<String>();
    html! {
        <div class="desk-printable desk-dossier">
            <p class="note">{ "Các văn bản kế hoạch nêu cho hồ sơ, điền sẵn những gì máy tính đã biết (tên chi bộ, năm, kế hoạch, kết quả từng tiêu chí, mức xếp loại); chỗ còn để trống (……) do chi bộ tự viết. Bốn Tốt không viết thay thành tích." }</p>
            { field("cap-tren", "Đảng bộ cấp trên (ghi ở đầu văn bản)", &d.superior, "text") }
            { field("noi-lap", "Nơi lập văn bản (xã, phường)", &d.place, "text") }
            { field("ngay", "Ngày lập", &d.date, "date") }
            { field("so", "Số văn bản", &d.number, "text") }
            { field("so-dang-vien", "Số đảng viên của chi bộ", &d.members, "number") }
            { field("co-mat", "Số đảng viên có mặt khi biểu quyết", &d.present, "number") }
            { field("tan-thanh", "Số phiếu tán thành", &d.votes_for, "number") }
            { field("khong-tan-thanh", "Số phiếu không tán thành", &d.votes_against, "number") }
            { field("bi-thu", "Họ tên bí thư", &d.secretary, "text") }
            <ol class="desk-docs">{ for cards }</ol>
            <div class="desk-sheet">{ Html::from_html_unchecked(AttrValue::from(sheets)) }</div>
        </div>
    }
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// `ho-so-<plan>-<n>-<unit>.docx`.
fn file_name(plan: &str, n: usize, unit: Unit) -> String {
    format!("ho-so-{plan}-{}-{}.docx", n + 1, unit.id())
}
