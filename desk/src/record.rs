//! The monthly record: each month the criteria (and their items) Đạt /
//! Không đạt after the meeting, the meeting's rating and a note; the year
//! at a glance, the quarters summed, and a month printed as the monthly
//! phiếu.

use bontot_core::frame::{Frame, Points, score};
use bontot_core::model::Unit;
use bontot_core::page::CalculatorData;
use bontot_core::roster::{Book, MAX_NOTE, Month, quarters};
use bontot_core::rules::Rating;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    pub data: Rc<CalculatorData>,
    pub extra: Rc<crate::Extra>,
    pub book: Book,
    pub set_book: Callback<Book>,
    pub unit: Unit,
    pub unit_name: String,
}

impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.data, &o.data)
            && Rc::ptr_eq(&self.extra, &o.extra)
            && self.book == o.book
            && self.set_book == o.set_book
            && self.unit == o.unit
            && self.unit_name == o.unit_name
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

#[function_component]
pub fn Record(props: &Props) -> Html {
    let month = use_state(|| None::<usize>);
    let rules = &props.data.rules;
    let unit = props.unit;
    let criteria: Vec<_> = rules.criteria.iter().collect();
    let items_of = |c: &str| -> Vec<(String, String)> {
        rules
            .indicators_for(unit)
            .filter(|i| i.criterion.as_deref() == Some(c))
            .map(|i| (i.id.clone(), i.label.clone()))
            .collect()
    };
    let b = &props.book;
    let at = |m: usize| b.months.get(m).cloned().unwrap_or_default();

    // The year at a glance.
    let cells = (0..12).map(|m| {
        let mo = at(m);
        let passed = criteria
            .iter()
            .filter(|c| mo.criteria.get(&c.id) == Some(&true))
            .count();
        let answered = criteria
            .iter()
            .filter(|c| mo.criteria.contains_key(&c.id))
            .count();
        let choose = {
            let month = month.clone();
            Callback::from(move |_| month.set(Some(m)))
        };
        let class = match mo.rating {
            Some(Rating::Tot) => "desk-month pass",
            Some(Rating::Kha) => "desk-month",
            Some(Rating::KhongHop) | Some(Rating::Kem) | Some(Rating::TrungBinh) => {
                "desk-month warn"
            }
            None => "desk-month",
        };
        html! {
            <li>
                <button type="button" class={class} onclick={choose}
                    aria-pressed={ (*month == Some(m)).to_string() }>
                    <strong>{ format!("Tháng {}", m + 1) }</strong>
                    <span>{ mo.rating.map_or("—", |r| r.name()) }</span>
                    <span>{ if answered > 0 { format!("{passed}/{} tiêu chí đạt", criteria.len()) } else { String::new() } }</span>
                </button>
            </li>
        }
    });

    let ids: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
    let qs = quarters(&b.months, &ids);
    let quarter_lines = qs.iter().enumerate().filter(|(_, q)| q.recorded > 0).map(|(i, q)| {
        let ratings: Vec<String> = Rating::ALL
            .iter()
            .zip(q.ratings)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{n} {}", r.name()))
            .collect();
        let held: Vec<String> = q
            .criteria
            .iter()
            .zip(&criteria)
            .filter(|((_, p, f), _)| p + f > 0)
            .map(|((_, p, f), c)| format!("{}: đạt {p}, không đạt {f}", c.name))
            .collect();
        html! {
            <li>{ format!(
                "Quý {}: {} tháng có ghi; sinh hoạt {}; {}.",
                ROMAN[i],
                q.recorded,
                if ratings.is_empty() { "chưa đánh giá".to_string() } else { ratings.join(", ") },
                if held.is_empty() { "chưa ghi tiêu chí".to_string() } else { held.join("; ") }
            ) }</li>
        }
    });

    let editor = month.map(|m| {
        let mo = at(m);
        let set = {
            let (book, set_book) = (b.clone(), props.set_book.clone());
            move |f: Rc<dyn Fn(&mut Month)>| {
                let mut nb = book.clone();
                f(nb.month_mut(m));
                set_book.emit(nb);
            }
        };
        let set = Rc::new(set);
        let pass_fail = |key: String, name: String, legend: Html, current: Option<bool>, item: bool| {
            let radio = |value: bool, text: &'static str| {
                let set = set.clone();
                let key = key.clone();
                let onchange = Callback::from(move |_: Event| {
                    let key = key.clone();
                    set(Rc::new(move |mo: &mut Month| {
                        let map = if item { &mut mo.items } else { &mut mo.criteria };
                        map.insert(key.clone(), value);
                    }))
                });
                let rid = format!("{name}-{}", if value { "dat" } else { "khong" });
                html! {
                    <label for={rid.clone()} class="calc-choice">
                        <input type="radio" id={rid} name={name.clone()} checked={current == Some(value)} {onchange} />
                        { text }
                    </label>
                }
            };
            html! {
                <fieldset class="calc-q">
                    <legend>{ legend }</legend>
                    <div class="calc-yesno">{ radio(true, "Đạt") }{ radio(false, "Không đạt") }</div>
                </fieldset>
            }
        };
        let ratings = Rating::ALL.iter().map(|r| {
            let set = set.clone();
            let r = *r;
            let onchange = Callback::from(move |_: Event| set(Rc::new(move |mo: &mut Month| mo.rating = Some(r))));
            let rid = format!("thang-muc-{}", r.code());
            html! {
                <label for={rid.clone()} class="calc-choice">
                    <input type="radio" id={rid} name="thang-muc" checked={mo.rating == Some(r)} {onchange} />
                    { r.name() }
                </label>
            }
        });
        let blocks = criteria.iter().enumerate().map(|(n, c)| {
            let items = items_of(&c.id);
            let head = pass_fail(
                c.id.clone(),
                format!("thang-tc-{}", n + 1),
                html! { { format!("Tiêu chí {}: {}", n + 1, c.name) } },
                mo.criteria.get(&c.id).copied(),
                false,
            );
            let count = items.len();
            let rows = items.into_iter().enumerate().map(|(k, (id, label))| {
                let current = mo.items.get(&id).copied();
                pass_fail(id, format!("thang-nd-{}-{}", n + 1, k + 1), html! { { label } }, current, true)
            });
            html! {
                <>
                    { head }
                    if count > 0 {
                        <details class="desk-items">
                            <summary>{ format!("Từng nội dung của tiêu chí {} ({count})", n + 1) }</summary>
                            { for rows }
                        </details>
                    }
                </>
            }
        });
        let oninput = {
            let set = set.clone();
            Callback::from(move |e: InputEvent| {
                let v = crate::store::typed(&e, MAX_NOTE);
                set(Rc::new(move |mo: &mut Month| mo.note = v.clone()))
            })
        };
        let step = |to: Option<usize>, text: &'static str| {
            let month = month.clone();
            html! {
                <button type="button" class="secondary" disabled={to.is_none()}
                    onclick={Callback::from(move |_| month.set(to))}>{ text }</button>
            }
        };
        html! {
            <section class="desk-month-edit" aria-labelledby="thang-h">
                <h4 id="thang-h">{ format!("Tháng {}/{}", m + 1, b.year) }</h4>
                <fieldset class="calc-q">
                    <legend>{ "Mức đánh giá buổi sinh hoạt chi bộ" }</legend>
                    <div class="desk-ratings">{ for ratings }</div>
                    <p class="note">{ "Theo khung đánh giá của cấp ủy cấp trên nơi chi bộ sinh hoạt." }</p>
                </fieldset>
                { for props.extra.frames.iter().map(|f| frame_form(f, &mo, &set)) }
                { for blocks }
                <div class="calc-q">
                    <label for="thang-ghi-chu">{ "Ghi chú ngắn" }</label>
                    <input type="text" id="thang-ghi-chu" maxlength="1000" autocomplete="off" value={mo.note.clone()} {oninput} />
                </div>
                <div class="calc-actions">
                    { step(m.checked_sub(1), "← Tháng trước") }
                    { step((m < 11).then_some(m + 1), "Tháng sau →") }
                    <button type="button" onclick={Callback::from(|_| crate::store::print_alone(None))}>{ format!("In phiếu tháng {}", m + 1) }</button>
                </div>
            </section>
        }
    });

    let sheet = month.map(|m| {
        sheet(
            &props.data,
            b,
            &at(m),
            m,
            props.unit,
            &props.unit_name,
            &criteria,
            &items_of,
        )
    });

    html! {
        <div class="desk-printable desk-record">
            <p class="note">{ "Ghi sau mỗi buổi sinh hoạt chi bộ hằng tháng, như phiếu tự đánh giá hằng tháng: từng tiêu chí đạt hay không đạt, và mức đánh giá buổi sinh hoạt. Chọn một tháng để ghi." }</p>
            <ol class="desk-months">{ for cells }</ol>
            if qs.iter().any(|q| q.recorded > 0) {
                <h4>{ "Theo quý" }</h4>
                <ul>{ for quarter_lines }</ul>
                <p class="note">{ "Quy định 366-QĐ/TW: kết quả đánh giá hằng quý được dùng làm căn cứ đánh giá hằng năm. Bốn Tốt chỉ cộng lại các tháng đã ghi, không tự xếp loại quý." }</p>
            }
            { for editor }
            { for sheet }
        </div>
    }
}

/// Scoring the month's meeting with a frame: each item's marks, the total
/// and the rating its bands give, which the reader may take as the month's.
fn frame_form(f: &Frame, mo: &Month, set: &Rc<impl Fn(Rc<dyn Fn(&mut Month)>) + 'static>) -> Html {
    let n = f.items().count();
    let marks: Vec<String> = match &mo.frame {
        Some((id, m)) if *id == f.id => m.clone(),
        _ => Vec::new(),
    };
    let mark = |k: usize| marks.get(k).cloned().unwrap_or_default();
    let (set2, id) = (set.clone(), f.id.clone());
    let set_mark = move |k: usize, v: String| {
        let id = id.clone();
        set2(Rc::new(move |mo: &mut Month| {
            let mut m = match &mo.frame {
                Some((i, m)) if *i == id => m.clone(),
                _ => Vec::new(),
            };
            m.resize(n, String::new());
            m[k] = v.clone();
            mo.frame = Some((id.clone(), m));
        }))
    };
    let set_mark = Rc::new(set_mark);
    // Parsed marks; a mark that is not a number is said at its item.
    let parsed: Vec<Option<Result<Points, ()>>> = (0..n)
        .map(|k| {
            let t = mark(k);
            (!t.trim().is_empty()).then(|| Points::parse(&t).map_err(|_| ()))
        })
        .collect();
    let mut k = 0;
    let groups = f.groups.iter().map(|g| {
        let items = g.items.iter().map(|it| {
            let i = k;
            k += 1;
            let fid = format!("khung-{}-{}", f.id, i + 1);
            if it.choices.is_empty() {
                let set_mark = set_mark.clone();
                let oninput = Callback::from(move |e: InputEvent| {
                    let v = crate::store::typed(&e, 10);
                    set_mark(i, v)
                });
                let bad = matches!(parsed[i], Some(Err(_)));
                html! {
                    <div class="calc-part">
                        <label for={fid.clone()}>{ format!("{} (tối đa {} điểm)", it.text, it.max) }</label>
                        <input type="text" inputmode="decimal" id={fid.clone()} class="calc-num" autocomplete="off"
                            value={mark(i)} {oninput} aria-invalid={ bad.then_some("true") } />
                        if bad { <p class="calc-error">{ "Điểm phải là một số, ví dụ 5 hoặc 0,5." }</p> }
                    </div>
                }
            } else {
                let choices = it.choices.iter().enumerate().map(|(c, ch)| {
                    let set_mark = set_mark.clone();
                    let v = ch.points.to_string();
                    let checked = parsed[i] == Some(Ok(ch.points));
                    let rid = format!("{fid}-{}", c + 1);
                    let onchange = Callback::from(move |_: Event| set_mark(i, v.clone()));
                    html! {
                        <label for={rid.clone()} class="calc-choice">
                            <input type="radio" id={rid} name={fid.clone()} {checked} {onchange} />
                            { format!("{} điểm: {}", ch.points, ch.text) }
                        </label>
                    }
                });
                html! {
                    <fieldset class="calc-q">
                        <legend>{ format!("{} (tối đa {} điểm)", it.text, it.max) }</legend>
                        <div>{ for choices }</div>
                    </fieldset>
                }
            }
        }).collect::<Vec<Html>>();
        html! {
            <>
                <h5>{ format!("{} ({} điểm)", g.name, g.max) }</h5>
                { for items }
            </>
        }
    }).collect::<Vec<Html>>();
    let complete: Option<Vec<Points>> = parsed.iter().map(|p| (*p).and_then(Result::ok)).collect();
    let result = match complete.map(|pts| score(f, &pts)) {
        None => {
            html! { <p class="note">{ format!("Chấm đủ {n} mục để có tổng điểm và mức.") }</p> }
        }
        Some(Err(errors)) => html! {
            <ul class="calc-error">{ for errors.iter().map(|e| html! { <li>{ e.vietnamese(f) }</li> }) }</ul>
        },
        Some(Ok(sc)) => {
            let use_it = {
                let (set, r) = (set.clone(), sc.rating);
                Callback::from(move |_| set(Rc::new(move |mo: &mut Month| mo.rating = Some(r))))
            };
            let same = mo.rating == Some(sc.rating);
            html! {
                <div class="desk-result">
                    <p><strong>{ format!("Tổng {} điểm: {}", sc.total, sc.rating.name()) }</strong></p>
                    if same {
                        <p class="note">{ "Đã dùng làm mức đánh giá của tháng." }</p>
                    } else {
                        <button type="button" onclick={use_it}>{ format!("Dùng mức “{}” cho tháng này", sc.rating.name()) }</button>
                    }
                </div>
            }
        }
    };
    html! {
        <details class="desk-frame">
            <summary>{ format!("Chấm điểm buổi sinh hoạt theo {}", f.title) }</summary>
            <p class="card warn">{ "Đây là khung của một địa phương, Bốn Tốt đưa làm ví dụ: khung đánh giá của cấp ủy nơi chi bộ sinh hoạt được ưu tiên. " }
                <a href={ format!("../khung/{}.html", f.id) }>{ "Xem khung và nguồn" }</a></p>
            { for groups }
            { result }
        </details>
    }
}

/// The monthly phiếu, laid out as the paper one: the party organisation
/// and "ĐẢNG CỘNG SẢN VIỆT NAM", the title with the month, each criterion
/// and item ticked Đạt / Không đạt, the meeting's rating, the note, and
/// the signatures. What is not known is a dotted blank.
#[allow(clippy::too_many_arguments)]
fn sheet(
    data: &CalculatorData,
    b: &Book,
    mo: &Month,
    m: usize,
    unit: Unit,
    unit_name: &str,
    criteria: &[&bontot_core::rules::Criterion],
    items_of: &dyn Fn(&str) -> Vec<(String, String)>,
) -> Html {
    let tick = |v: Option<bool>, want: bool| if v == Some(want) { "✓" } else { "" };
    let rows = criteria.iter().enumerate().map(|(n, c)| {
        let v = mo.criteria.get(&c.id).copied();
        let items = items_of(&c.id).into_iter().map(|(id, label)| {
            let v = mo.items.get(&id).copied();
            html! { <tr><td class="sheet-item">{ label }</td><td>{ tick(v, true) }</td><td>{ tick(v, false) }</td></tr> }
        });
        html! {
            <>
                <tr class="sheet-crit"><td>{ format!("{}. {}", n + 1, c.name) }</td><td>{ tick(v, true) }</td><td>{ tick(v, false) }</td></tr>
                { for items }
            </>
        }
    });
    let unit_line = if unit_name.trim().is_empty() {
        format!("{} ……………………", unit.label().to_uppercase())
    } else {
        unit_name.to_uppercase()
    };
    html! {
        <div class="desk-sheet">
            <div class="sheet-head">
                <div class="sheet-org">
                    <p>{ "ĐẢNG BỘ ……………………" }</p>
                    <p><strong>{ unit_line }</strong></p>
                </div>
                <div class="sheet-nation">
                    <p><strong>{ "ĐẢNG CỘNG SẢN VIỆT NAM" }</strong></p>
                    <p><em>{ format!("……………, ngày …… tháng {} năm {}", m + 1, b.year) }</em></p>
                </div>
            </div>
            <h2 class="sheet-title">{ format!("PHIẾU TỰ ĐÁNH GIÁ {} “{}”", unit.label().to_uppercase(), data.rules.verdict.name.to_uppercase()) }<br/>{ format!("THÁNG {} NĂM {}", m + 1, b.year) }</h2>
            <p class="sheet-basis">{ format!("Theo {}", data.plan_title) }</p>
            <table class="sheet-table">
                <thead><tr><th>{ "Tiêu chí, nội dung" }</th><th>{ "Đạt" }</th><th>{ "Không đạt" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p>{ "Mức đánh giá buổi sinh hoạt chi bộ: " }<strong>{ mo.rating.map_or("……………", |r| r.name()) }</strong></p>
            <p>{ "Ghi chú: " }{ if mo.note.trim().is_empty() { "………………………………………………".to_string() } else { mo.note.clone() } }</p>
            <div class="sheet-sign">
                <div><p><strong>{ "NGƯỜI LẬP PHIẾU" }</strong></p><p><em>{ "(Ký, ghi rõ họ tên)" }</em></p></div>
                <div><p><strong>{ "T/M CHI ỦY (CHI BỘ)" }</strong></p><p><strong>{ "BÍ THƯ" }</strong></p><p><em>{ "(Ký, ghi rõ họ tên)" }</em></p></div>
            </div>
            <p class="note">{ "Lập bằng sổ theo dõi của Bốn Tốt; mẫu phiếu do Bốn Tốt trình bày theo kế hoạch, không phải mẫu chính thức." }</p>
        </div>
    }
}
