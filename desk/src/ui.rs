//! The year-end part's page: the year's national rules, the unit's own
//! level beside the plan's suggestion, the member roster with the cap, and
//! what the roster fills into the calculator's form.

use crate::store;
use bontot_core::answers::Answers;
use bontot_core::engine::evaluate;
use bontot_core::html::esc;
use bontot_core::model::assessment_year;
use bontot_core::national::{self, Outcome, Reason, Regime, Wording};
use bontot_core::page::CalculatorData;
use bontot_core::roster::{self, Book, Entry, GroupCap, Level, MAX_PEOPLE, Person};
use bontot_core::rules::Class;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct Props {
    pub data: Rc<CalculatorData>,
    pub regimes: Rc<Vec<Regime>>,
    pub extra: Rc<crate::Extra>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && Rc::ptr_eq(&self.regimes, &other.regimes)
    }
}

/// Whose entry a change is for.
#[derive(Clone, Copy, PartialEq)]
enum Who {
    Unit,
    Person(usize),
    /// A đảng bộ's chi bộ, by its place in the calculator's list.
    ChiBo(usize),
}

/// How the calculator's list names chi bộ `i` (the book's key for it).
fn chi_bo_name(members: &[bontot_core::answers::Member], i: usize) -> String {
    match members.get(i).map(|m| m.name.trim()) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => format!("Chi bộ thứ {}", i + 1),
    }
}

#[derive(Clone, PartialEq)]
enum Flash {
    Error(String),
    Done(String),
}

/// The plan named the way a reader knows it, for messages.
fn plan_name(data: &CalculatorData) -> String {
    format!("kế hoạch của {}", data.locality)
}

#[function_component]
pub fn Desk(props: &Props) -> Html {
    let data = props.data.clone();
    let rules = &data.rules;
    let answers = use_state({
        let data = data.clone();
        move || store::answers(&data.rules)
    });
    // Bumped at each save of the calculator: a book may have come with an
    // imported answers file.
    let saved = use_state(|| 0u32);
    {
        // The calculator's unit, name and year, as it saves them.
        let (answers, data, saved) = (answers.clone(), data.clone(), saved.clone());
        use_effect_with((), move |_| {
            store::on_saved(move || {
                answers.set(store::answers(&data.rules));
                saved.set(saved.wrapping_add(1));
            })
        });
    }
    let a: &Answers = &answers;
    let (unit, year) = (a.unit, a.year.trim().to_string());
    let book = use_state(|| store::load_book(&rules.plan, &plan_name(&data), unit, &year));
    let flash = use_state(|| book.1.clone().map(Flash::Error));
    let previous = use_state(|| None::<Book>);
    let open = use_state(|| None::<usize>);
    let open_chi_bo = use_state(|| None::<usize>);
    let tab = use_state(|| 0usize);
    {
        // Another unit or year: its own book.
        let (book, flash, data) = (book.clone(), flash.clone(), data.clone());
        use_effect_with((unit, year.clone(), *saved), move |(unit, year, _)| {
            let other = book.0.unit != *unit || book.0.year != *year;
            // An untouched book gives way to one saved since (an import).
            let untouched = book.0 == Book::new(&data.rules.plan, *unit, year);
            if other || untouched {
                let loaded = store::load_book(&data.rules.plan, &plan_name(&data), *unit, year);
                if other || loaded.0 != book.0 {
                    flash.set(loaded.1.clone().map(Flash::Error));
                    book.set(loaded);
                }
            }
        });
    }
    {
        let (flash, plan) = (flash.clone(), data.rules.plan.clone());
        use_effect_with(book.0.clone(), move |b| {
            // Nothing kept until something is entered: an opened, untouched
            // book must not stand in for one an import would bring.
            let untouched = *b == Book::new(&plan, b.unit, &b.year);
            if (!untouched || store::has_book(b)) && !store::save_book(b) {
                flash.set(Some(Flash::Error(
                    "Trình duyệt không cho lưu trên máy này: sổ sẽ mất khi đóng trang. Hãy tải sổ về máy.".into(),
                )));
            }
        });
    }

    let y = match assessment_year(&year) {
        Ok(y) => y,
        Err(_) => {
            return html! {
                <p class="card warn">{ "Nhập năm đánh giá ở phiếu phía trên (ví dụ 2025): mỗi năm xếp loại theo quy định của năm đó." }</p>
            };
        }
    };
    let regime = props.regimes.iter().find(|r| r.governs(y));
    let b = &book.0;
    let set_book = {
        let book = book.clone();
        Callback::from(move |b: Book| book.set((b, None)))
    };
    let update = {
        let (book, set_book, members) = (book.0.clone(), set_book.clone(), a.members.clone());
        move |who: Who, f: Rc<dyn Fn(&mut Entry)>| {
            let mut b = book.clone();
            match who {
                Who::Unit => f(&mut b.unit_entry),
                Who::Person(i) => {
                    if let Some(p) = b.people.get_mut(i) {
                        f(&mut p.entry);
                    }
                }
                Who::ChiBo(i) => {
                    f(b.chi_bo
                        .entry(chi_bo_name(&members, i))
                        .or_insert_with(|| Entry {
                            subject: "tap-the".into(),
                            ..Entry::default()
                        }))
                }
            }
            set_book.emit(b);
        }
    };
    let update = Rc::new(update);

    // Levels.
    let level_of = |e: &Entry| match regime {
        Some(r) => roster::level(r, e),
        None => e.entered.map_or(Level::NoSubject, Level::Entered),
    };
    let unit_level = level_of(&b.unit_entry);
    let levels: Vec<Level> = b.people.iter().map(|p| level_of(&p.entry)).collect();
    let classes: Vec<Option<Class>> = levels.iter().map(Level::class).collect();

    let regime_note = match regime {
        Some(r) => html! {
            <p class="note">
                { format!("Năm {y} xếp loại theo {}. ", r.title) }
                <a href={ format!("../van-ban/{}.html", r.id) }>{ format!("Các đoạn trích {} mà Bốn Tốt dùng", r.short) }</a>
                { ". Đây là bước tự đánh giá; cấp có thẩm quyền thẩm định và quyết định mức xếp loại." }
            </p>
        },
        None => html! {
            <p class="card warn">{ format!("{} Bốn Tốt chưa có lời văn đã đối chiếu được của các mức xếp loại năm {y}, nên không tính mức thay; bạn vẫn có thể nhập mức đã có của tập thể và của từng đảng viên.", bontot_core::engine::national_rules(&year)) }</p>
        },
    };

    // The plan's own suggestion, from the calculator's answers.
    let suggestion = evaluate(rules, unit, a).classification;
    let unit_name = if a.name.trim().is_empty() {
        unit.label().to_string()
    } else {
        a.name.trim().to_string()
    };
    let plan_line = suggestion.as_ref().map(|s| {
        let differs = unit_level.class().is_some_and(|c| c != s.class);
        let cite = format!("{}#{}", data.plan_url, s.cite.anchor);
        html! {
            <>
                <p>{ "Theo kế hoạch: " }{ s.text.clone() }{ " " }<a href={cite}>{ "(câu của kế hoạch)" }</a></p>
                if differs {
                    <p class="card warn">{ format!("Hai kết quả khác nhau: kế hoạch gợi ý {}, quy định chung của năm {y} cho {}. Kế hoạch được viết theo quy định cũ; cấp ủy cấp trên quyết định mức áp dụng.", s.class.code(), unit_level.class().map_or("", |c| c.code())) }</p>
                }
            </>
        }
    });

    // The rows as text, runs of them between the open one (Yew replaces a
    // text chunk only when it changes, so an answer in the open form
    // redraws that form and its row, not 40 rows); their buttons are
    // handled once, on the list.
    let row_text = |i: usize, p: &Person| {
        let shown = esc(&person_name(p));
        format!(
            "<li class=\"desk-person\"><div class=\"desk-row\"><span class=\"desk-who\">{shown}</span><span class=\"desk-form\">{}</span><strong class=\"desk-level\">{}</strong><button type=\"button\" class=\"secondary\" data-dv=\"sua\" data-i=\"{i}\" aria-expanded=\"false\" aria-controls=\"dv-{n}\">Sửa</button><button type=\"button\" class=\"secondary\" data-dv=\"xoa\" data-i=\"{i}\" aria-label=\"Xóa {shown}\">Xóa</button></div></li>",
            esc(&subject_name(regime, &p.entry.subject)),
            esc(&level_short(&levels[i])),
            n = i + 1
        )
    };
    let chunk = |range: std::ops::Range<usize>| -> Html {
        let text: String = range.map(|i| row_text(i, &b.people[i])).collect();
        Html::from_html_unchecked(AttrValue::from(text))
    };
    let on_rows = {
        let (book, set_book, previous, flash, open) = (
            b.clone(),
            set_book.clone(),
            previous.clone(),
            flash.clone(),
            open.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let Some(btn) = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("button[data-dv]").ok().flatten())
            else {
                return;
            };
            let Some(i) = btn
                .get_attribute("data-i")
                .and_then(|x| x.parse::<usize>().ok())
            else {
                return;
            };
            match btn.get_attribute("data-dv").as_deref() {
                Some("sua") => open.set(Some(i)),
                Some("dong") => open.set(None),
                Some("xoa") if i < book.people.len() => {
                    let mut nb = book.clone();
                    let gone = nb.people.remove(i);
                    previous.set(Some(book.clone()));
                    open.set(None);
                    flash.set(Some(Flash::Done(format!(
                        "Đã xóa {}. Bấm “Hoàn tác” để lấy lại.",
                        person_name(&gone)
                    ))));
                    set_book.emit(nb);
                }
                _ => {}
            }
        })
    };
    let n_people = b.people.len();
    let editing_view = open.filter(|i| *i < n_people).map(|i| {
        let p = &b.people[i];
        let shown = person_name(p);
        let id = format!("dv-{}", i + 1);
        html! {
            <li class="desk-person">
                <div class="desk-row">
                    <span class="desk-who">{ shown.clone() }</span>
                    <span class="desk-form">{ subject_name(regime, &p.entry.subject) }</span>
                    <strong class="desk-level">{ level_short(&levels[i]) }</strong>
                    <button type="button" class="secondary" data-dv="dong" data-i={i.to_string()}
                        aria-expanded="true" aria-controls={ id.clone() }>{ "Đóng" }</button>
                    <button type="button" class="secondary" data-dv="xoa" data-i={i.to_string()}
                        aria-label={ format!("Xóa {shown}") }>{ "Xóa" }</button>
                </div>
                <div class="desk-edit" id={id.clone()}>
                    { person_field(i, "ten", p.name.clone(), &id, b, &set_book) }
                    { entry_form(regime, Who::Person(i), &p.entry, &id, &levels[i], &update, true) }
                    { person_field(i, "nhom", p.group.clone(), &id, b, &set_book) }
                </div>
            </li>
        }
    });
    let split = open.filter(|i| *i < n_people);
    let people_view = html! {
        <ol class="desk-people" onclick={on_rows}>
            { chunk(0..split.unwrap_or(n_people)) }
            { for editing_view }
            if let Some(i) = split { { chunk(i + 1..n_people) } }
        </ol>
    };

    let add = {
        let (book, set_book, open) = (b.clone(), set_book.clone(), open.clone());
        Callback::from(move |_| {
            let mut nb = book.clone();
            let label = nb.next_label();
            // Most members are assessed on Mẫu 2B; the form can be changed.
            nb.people.push(Person {
                label,
                entry: Entry {
                    subject: "2B".into(),
                    ..Entry::default()
                },
                ..Person::default()
            });
            open.set(Some(nb.people.len() - 1));
            set_book.emit(nb);
        })
    };
    let export = {
        let (book, flash) = (b.clone(), flash.clone());
        Callback::from(move |_| {
            let text = serde_json::to_string_pretty(&book).unwrap_or_default();
            match store::download(&store::file_name(&book), &text) {
                Ok(()) => flash.set(Some(Flash::Done("Đã tải sổ về máy.".into()))),
                Err(e) => flash.set(Some(Flash::Error(e))),
            }
        })
    };
    let import = {
        let (book, set_book, previous, flash, data) = (
            b.clone(),
            set_book.clone(),
            previous.clone(),
            flash.clone(),
            data.clone(),
        );
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (book, set_book, previous, flash, data) = (
                book.clone(),
                set_book.clone(),
                previous.clone(),
                flash.clone(),
                data.clone(),
            );
            store::read_chosen(
                &input,
                Callback::from(move |r: Result<String, String>| {
                    let read = r.and_then(|t| {
                        Book::from_json(&t, &data.rules.plan, &plan_name(&data), book.unit)
                    });
                    match read {
                    Ok(mut nb) if nb.year.trim() == book.year.trim() => {
                        nb.year = book.year.clone();
                        previous.set(Some(book.clone()));
                        let months = nb.months.iter().filter(|m| !m.is_empty()).count();
                        flash.set(Some(Flash::Done(format!("Đã nạp sổ: {} đảng viên, {months} tháng có ghi. Sổ trước đó được thay: bấm “Hoàn tác” để lấy lại.", nb.people.len()))));
                        set_book.emit(nb);
                    }
                    Ok(nb) => flash.set(Some(Flash::Error(format!(
                        "Tệp này là sổ năm {}, không phải năm {}. Đổi năm đánh giá ở phiếu phía trên nếu muốn mở nó. Không có gì được nạp.",
                        nb.year, book.year
                    )))),
                    Err(e) => flash.set(Some(Flash::Error(e))),
                }
                }),
            );
        })
    };
    let undo = previous.as_ref().map(|old| {
        let (old, set_book, previous, flash) = (
            old.clone(),
            set_book.clone(),
            previous.clone(),
            flash.clone(),
        );
        Callback::from(move |_| {
            set_book.emit(old.clone());
            previous.set(None);
            flash.set(Some(Flash::Done("Đã lấy lại sổ trước đó.".into())));
        })
    });

    let caps = regime.map(|r| {
        let people: Vec<(String, Option<Class>)> = b
            .people
            .iter()
            .zip(&classes)
            .map(|(p, c)| (p.group.clone(), *c))
            .collect();
        (r, roster::caps(r, &people))
    });
    let counts = Class::ALL.map(|c| (c, classes.iter().filter(|x| **x == Some(c)).count()));
    // A đảng bộ's chi bộ, as listed in the calculator, each with its level
    // entered there or computed here, under the same cap.
    let chi_bo = (unit == bontot_core::model::Unit::DangBo && !a.members.is_empty()).then(|| {
        let computed: Vec<(Option<Entry>, Option<Level>)> = (0..a.members.len())
            .map(|i| {
                let e = b.chi_bo.get(&chi_bo_name(&a.members, i)).cloned();
                let l = e.as_ref().map(&level_of);
                (e, l)
            })
            .collect();
        let listed: Vec<(String, Option<Class>)> = a
            .members
            .iter()
            .zip(&computed)
            .map(|(m, (_, l))| (String::new(), l.as_ref().and_then(Level::class).or(m.class)))
            .collect();
        let n = Class::ALL.map(|c| (c, listed.iter().filter(|x| x.1 == Some(c)).count()));
        let open_n = listed.iter().filter(|x| x.1.is_none()).count();
        let cap = regime.map(|r| (r, roster::caps(r, &listed)));
        // Levels computed here that the calculator's list does not hold yet.
        let new_classes: Vec<(usize, String)> = a
            .members
            .iter()
            .zip(&computed)
            .enumerate()
            .filter_map(|(i, (m, (_, l)))| {
                let c = l.as_ref().and_then(Level::class)?;
                (m.class != Some(c)).then(|| (i, c.code().to_string()))
            })
            .collect();
        let send = {
            let (list, flash) = (new_classes.clone(), flash.clone());
            Callback::from(move |_| {
                flash.set(Some(if store::set_classes(&list) {
                    Flash::Done(format!("Đã điền mức của {} chi bộ vào danh sách ở phiếu trên.", list.len()))
                } else {
                    Flash::Error("Trình duyệt không cho điền vào phiếu.".into())
                }));
            })
        };
        let rows = a.members.iter().enumerate().map(|(i, m)| {
            let name = chi_bo_name(&a.members, i);
            let (entry, lv) = &computed[i];
            let editing = *open_chi_bo == Some(i);
            let toggle = {
                let o = open_chi_bo.clone();
                Callback::from(move |_| o.set(if editing { None } else { Some(i) }))
            };
            let shown = match lv.as_ref().and_then(Level::class) {
                Some(c) => format!("{} (tính ở đây)", c.code()),
                None => m.class.map_or("chưa có mức".to_string(), |c| format!("{} (đã nhập ở phiếu)", c.code())),
            };
            let id = format!("cb-{}", i + 1);
            let fresh = Entry { subject: "tap-the".into(), ..Entry::default() };
            let e = entry.clone().unwrap_or(fresh);
            let l = lv.clone().unwrap_or_else(|| level_of(&e));
            html! {
                <li class="desk-person">
                    <div class="desk-row">
                        <span class="desk-who">{ name }</span>
                        <strong class="desk-level">{ shown }</strong>
                        <button type="button" class="secondary" onclick={toggle}
                            aria-expanded={ editing.to_string() } aria-controls={ id.clone() }>
                            { if editing { "Đóng" } else { "Tính mức" } }
                        </button>
                    </div>
                    if editing {
                        <div class="desk-edit" id={id.clone()}>
                            { entry_form(regime, Who::ChiBo(i), &e, &id, &l, &update, false) }
                        </div>
                    }
                </li>
            }
        });
        html! {
            <>
                <h3>{ format!("Các chi bộ trực thuộc ({})", listed.len()) }</h3>
                <p class="note">{ "Theo danh sách chi bộ ở phiếu phía trên: mức đã nhập ở đó, hoặc tính ở đây từ tổng điểm và điều kiện của từng chi bộ (Mẫu 01)." }</p>
                <p class="desk-sum">{ counts_line(&n, open_n) }</p>
                if let Some((r, caps)) = cap {
                    { for caps.iter().map(|c| cap_view(r, c, "Các chi bộ trực thuộc")) }
                }
                <ol class="desk-people">{ for rows }</ol>
                if !new_classes.is_empty() {
                    <button type="button" onclick={send}>{ format!("Điền mức đã tính của {} chi bộ vào danh sách ở phiếu", new_classes.len()) }</button>
                }
            </>
        }
    });
    let open_count = classes.iter().filter(|c| c.is_none()).count();

    let fill = roster::fills(rules, unit, &classes, unit_level.class(), &b.months);
    let do_fill = {
        let (values, flash) = (fill.values.clone(), flash.clone());
        Callback::from(move |_| {
            if store::fill(&values) {
                flash.set(Some(Flash::Done(format!(
                    "Đã điền {} ô vào phiếu tự đánh giá phía trên.",
                    values.len()
                ))));
            } else {
                flash.set(Some(Flash::Error(
                    "Trình duyệt không cho điền vào phiếu.".into(),
                )));
            }
        })
    };
    // One line per input: "label: 7 / 7", "label: T1 Tốt, T2 Khá, …".
    let mut fill_lines: Vec<(String, Vec<String>)> = Vec::new();
    for (field, v) in &fill.values {
        let (id, part) = field.split_once('.').unwrap_or((field, ""));
        let shown = match part {
            "" | "so" | "tong" => v.clone(),
            month => format!(
                "T{} {}",
                month.trim_start_matches("t0").trim_start_matches('t'),
                bontot_core::rules::Rating::parse(v).map_or(v.as_str(), |r| r.name())
            ),
        };
        let label = rules
            .inputs
            .iter()
            .find(|i| i.id == id)
            .map_or(id.to_string(), |i| i.label.clone());
        match fill_lines.last_mut() {
            Some((l, vs)) if *l == label => vs.push(shown),
            _ => fill_lines.push((label, vec![shown])),
        }
    }
    let tabs = ["Sổ theo dõi hằng tháng", "Xếp loại cuối năm", "Hồ sơ"].into_iter().enumerate().map(|(i, t)| {
        let tab2 = tab.clone();
        html! {
            <button type="button" class={ if *tab == i { "desk-tab" } else { "desk-tab secondary" } }
                aria-pressed={ (*tab == i).to_string() } onclick={Callback::from(move |_| tab2.set(i))}>{ t }</button>
        }
    });

    html! {
        <div class="calc desk">
            <div role="status" class="calc-flash">
                if let Some(Flash::Done(m)) = &*flash { <p class="card pass">{ m.clone() }</p> }
            </div>
            <div role="alert" class="calc-flash">
                if let Some(Flash::Error(m)) = &*flash { <p class="card warn">{ m.clone() }</p> }
            </div>
            if let Some(undo) = undo {
                <p><button type="button" class="secondary" onclick={undo}>{ "Hoàn tác" }</button></p>
            }
            <div class="desk-tabs" role="group" aria-label="Phần">{ for tabs }</div>
            if *tab == 2 {
                <crate::dossier::Dossier data={data.clone()} extra={props.extra.clone()} book={b.clone()}
                    set_book={set_book.clone()} answers={a.clone()} unit_level={unit_level.class()}
                    flash={ let flash = flash.clone(); Callback::from(move |r: Result<String, String>| flash.set(Some(match r { Ok(m) => Flash::Done(m), Err(e) => Flash::Error(e) }))) } />
            } else if *tab == 0 {
                <crate::record::Record data={data.clone()} extra={props.extra.clone()} book={b.clone()} set_book={set_book.clone()}
                    unit={unit} unit_name={a.name.trim().to_string()} />
            } else {
            { regime_note }

            <h3>{ format!("Tập thể: {unit_name}") }</h3>
            { entry_form(regime, Who::Unit, &b.unit_entry, "tt", &unit_level, &update, false) }
            { for plan_line }

            { for chi_bo }

            <h3>{ format!("Danh sách đảng viên ({})", b.people.len()) }</h3>
            <p class="note">{ "Mỗi đảng viên một dòng, với mức đã được xếp hoặc tính theo tổng điểm và điều kiện. Tên không bắt buộc, chỉ lưu trên máy này và trong tệp bạn tải về." }</p>
            if !b.people.is_empty() {
                <p class="desk-sum">{ counts_line(&counts, open_count) }</p>
            }
            if let Some((r, caps)) = &caps {
                { for caps.iter().filter(|c| c.check.htxsnv > 0).map(|c| cap_view(r, c, "Cả danh sách")) }
            }
            { people_view }
            <div class="calc-actions">
                <button type="button" onclick={add} disabled={ b.people.len() >= MAX_PEOPLE }>{ "Thêm đảng viên" }</button>
            </div>
            }

            if !fill.values.is_empty() || !fill.waiting.is_empty() {
                <h3>{ "Điền vào phiếu tự đánh giá" }</h3>
                if !fill.values.is_empty() {
                    <ul>
                        { for fill_lines.iter().map(|(l, vs)| html! { <li>{ format!("{l}: {}", vs.join(", ")) }</li> }) }
                    </ul>
                    <button type="button" onclick={do_fill}>{ "Điền vào phiếu" }</button>
                }
                if !fill.waiting.is_empty() {
                    <ul class="note">
                        { for fill.waiting.iter().map(|(l, why)| html! { <li>{ format!("Chưa điền được “{l}”: {why}.") }</li> }) }
                    </ul>
                }
            }
            <h3>{ "Lưu sang máy khác" }</h3>
            <p class="note">{ "Sổ (các tháng và danh sách đảng viên) tự lưu trên máy này. Tải về để giữ bản sao hoặc mở trên máy khác." }</p>
            <div class="calc-actions">
                <button type="button" class="secondary" onclick={export}>{ "Tải sổ về máy" }</button>
                <label class="button secondary calc-file">
                    { "Nhập tệp sổ" }
                    <input type="file" accept=".json,application/json" class="calc-file-input" onchange={import} />
                </label>
            </div>
        </div>
    }
}

fn person_name(p: &Person) -> String {
    if p.name.trim().is_empty() {
        p.label.clone()
    } else {
        format!("{} ({})", p.name.trim(), p.label)
    }
}

fn subject_name(regime: Option<&Regime>, id: &str) -> String {
    regime
        .and_then(|r| r.subjects.iter().find(|s| s.id == id))
        .map_or(String::new(), |s| {
            s.form.clone().unwrap_or_else(|| s.name.clone())
        })
}

fn level_short(l: &Level) -> String {
    match l {
        Level::Entered(c) => format!("{} (đã nhập)", c.code()),
        Level::Computed(c) => match c.outcome {
            Outcome::Level(x) => x.code().to_string(),
            Outcome::Disagree { .. } => "chưa xếp được".into(),
            Outcome::Incomplete => "chưa đủ thông tin".into(),
        },
        Level::NoSubject => "chưa có mức".into(),
        Level::BadPoints(_) => "điểm chưa đúng".into(),
    }
}

fn counts_line(counts: &[(Class, usize); 4], open: usize) -> String {
    let mut parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{n} {}", c.code()))
        .collect();
    if open > 0 {
        parts.push(format!("{open} chưa có mức"));
    }
    parts.join(", ")
}

fn cap_view(r: &Regime, g: &GroupCap, whole: &str) -> Html {
    let c = &g.check;
    let group = if g.group.is_empty() {
        whole.to_string()
    } else {
        format!("Nhóm “{}”", g.group)
    };
    let anchor = r.cap.as_ref().map_or(String::new(), |cap| {
        format!("../van-ban/{}.html#{}", r.id, cap.cite.anchor)
    });
    let mut text = format!(
        "{group}: {} HTXSNV, {} HTTNV. Giới hạn {}%: ",
        c.htxsnv, c.httnv, c.percent
    );
    let warn = !(c.within && c.within_counting_htxsnv);
    if c.within && c.within_counting_htxsnv {
        text += &format!("trong giới hạn (tối đa {}).", c.allowed);
    } else if c.within_counting_htxsnv {
        text += &format!(
            "vượt nếu chỉ tính số HTTNV (tối đa {}), không vượt nếu tính cả số HTXSNV vào số HTTNV (tối đa {}); đoạn trích không nói cách nào đúng.",
            c.allowed, c.allowed_counting_htxsnv
        );
    } else {
        text += &format!(
            "vượt (tối đa {} khi chỉ tính số HTTNV, {} khi tính cả số HTXSNV).",
            c.allowed, c.allowed_counting_htxsnv
        );
    }
    if warn && let Some(raised) = &g.raised {
        if raised.within {
            text += &format!(
                " Trong giới hạn {}% nếu cấp có thẩm quyền cho phép.",
                raised.percent
            );
        }
        text +=
            " Bốn Tốt chỉ cảnh báo, không hạ mức của ai: cấp có thẩm quyền xem xét, quyết định.";
    }
    if g.open > 0 {
        text += &format!(" {} người chưa có mức, chưa tính.", g.open);
    }
    html! {
        <p class={ if warn { "card warn desk-cap" } else { "note desk-cap" } }>
            { text }{ " " }<a href={anchor}>{ "(quy định về giới hạn)" }</a>
        </p>
    }
}

/// A member's name ("ten") or group for the cap ("nhom").
fn person_field(
    i: usize,
    part: &'static str,
    value: String,
    id: &str,
    b: &Book,
    set_book: &Callback<Book>,
) -> Html {
    let (label, help) = match part {
        "ten" => ("Họ và tên (không bắt buộc)", ""),
        _ => (
            "Nhóm để tính giới hạn 20% (không bắt buộc)",
            "Để trống: tính chung cả danh sách. Quy định nói “theo đối tượng có vị trí, vai trò, chức năng, nhiệm vụ tương đồng”, do cấp có thẩm quyền xác định.",
        ),
    };
    let (b, set_book) = (b.clone(), set_book.clone());
    let oninput = Callback::from(move |e: InputEvent| {
        let v = crate::store::typed(&e, 200);
        let mut nb = b.clone();
        if let Some(p) = nb.people.get_mut(i) {
            match part {
                "ten" => p.name = v,
                _ => p.group = v,
            }
        }
        set_book.emit(nb);
    });
    let fid = format!("{id}-{part}");
    html! {
        <div class="calc-part">
            <label for={fid.clone()}>{ label }</label>
            <input type="text" id={fid} maxlength="200" autocomplete="off" {value} {oninput} />
            if !help.is_empty() { <p class="note">{ help }</p> }
        </div>
    }
}

/// The questions of one entry and its level with reasons.
fn entry_form(
    regime: Option<&Regime>,
    who: Who,
    e: &Entry,
    id: &str,
    level: &Level,
    update: &Rc<impl Fn(Who, Rc<dyn Fn(&mut Entry)>) + 'static>,
    person: bool,
) -> Html {
    let set = |f: Rc<dyn Fn(&mut Entry)>| {
        let update = update.clone();
        move || update(who, f.clone())
    };
    let select = |fid: String,
                  label: &str,
                  value: String,
                  options: Vec<(String, String)>,
                  on: Callback<String>| {
        let onchange = Callback::from(move |ev: Event| {
            on.emit(ev.target_unchecked_into::<HtmlSelectElement>().value())
        });
        html! {
            <div class="calc-part">
                <label for={fid.clone()}>{ label.to_string() }</label>
                <select id={fid} {onchange}>
                    { for options.into_iter().map(|(v, t)| html! { <option value={v.clone()} selected={v == value}>{ t }</option> }) }
                </select>
            </div>
        }
    };
    let mut out: Vec<Html> = Vec::new();
    if person && let Some(r) = regime {
        // Radios, not a select: the forms' names are too long for a
        // phone's select box.
        let name = format!("{id}-mau");
        let choices = r.subjects.iter().filter(|s| s.id != "tap-the").map(|s| {
            let sid = s.id.clone();
            let rid = format!("{name}-{}", s.id.to_lowercase());
            let update = update.clone();
            let onchange = Callback::from(move |_: Event| {
                let sid = sid.clone();
                update(who, Rc::new(move |e: &mut Entry| e.subject = sid.clone()))
            });
            let text = match &s.form {
                Some(f) => format!("{f}: {}", s.name),
                None => s.name.clone(),
            };
            html! {
                <label for={rid.clone()} class="calc-choice">
                    <input type="radio" id={rid} name={name.clone()} checked={e.subject == s.id} {onchange} />
                    { text }
                </label>
            }
        });
        out.push(html! {
            <fieldset class="calc-q desk-forms">
                <legend>{ "Đối tượng (mẫu phiếu)" }</legend>
                <div>{ for choices }</div>
            </fieldset>
        });
    }
    let mut options = vec![(
        String::new(),
        if regime.is_some() {
            "— Tính theo điểm và điều kiện —".to_string()
        } else {
            "— Chưa có —".to_string()
        },
    )];
    options.extend(
        Class::ALL
            .iter()
            .map(|c| (c.code().to_string(), format!("{} ({})", c.name(), c.code()))),
    );
    {
        let update = update.clone();
        let on = Callback::from(move |v: String| {
            update(
                who,
                Rc::new(move |e: &mut Entry| e.entered = Class::parse(&v)),
            )
        });
        out.push(select(
            format!("{id}-muc"),
            "Mức đã được xếp (nếu đã có)",
            e.entered.map_or(String::new(), |c| c.code().to_string()),
            options,
            on,
        ));
    }
    let computed = e.entered.is_none();
    if let (Some(r), true) = (regime, computed)
        && let Some(s) = r.subject(&e.subject)
    {
        let fid = format!("{id}-diem");
        let error = roster::points(&e.points).err();
        let oninput = {
            let update = update.clone();
            Callback::from(move |ev: InputEvent| {
                let v = crate::store::typed(&ev, 20);
                update(who, Rc::new(move |e: &mut Entry| e.points = v.clone()))
            })
        };
        let err_id = format!("{fid}-loi");
        out.push(html! {
            <div class="calc-q">
                <label for={fid.clone()}>{ "Tổng điểm tự chấm (thang 100 điểm)" }</label>
                <input type="text" inputmode="decimal" id={fid} autocomplete="off" value={e.points.clone()} {oninput}
                    aria-invalid={ error.is_some().then_some("true") }
                    aria-describedby={ error.is_some().then(|| err_id.clone()) } />
                if let Some(m) = error { <p class="calc-error" id={err_id}>{ m }</p> }
                <p class="note">{ "Điểm chấm theo khung của cấp ủy cấp trên (Hướng dẫn 43, tiểu mục 7.12); Bốn Tốt không chấm thay." }</p>
            </div>
        });
        let questions: Vec<(String, String)> = r
            .questions(s)
            .into_iter()
            .map(|c| (r.conditions[c].id.clone(), r.conditions[c].question.clone()))
            .chain(
                r.competent_for(s)
                    .map(|(_, k)| (k.id.clone(), k.question.clone())),
            )
            .collect();
        for (n, (qid, question)) in questions.into_iter().enumerate() {
            let current = e.yes.get(&qid).copied();
            let name = format!("{id}-q{n}");
            let radio = |value: bool, text: &'static str| {
                let qid = qid.clone();
                let onchange = set(Rc::new(move |e: &mut Entry| {
                    e.yes.insert(qid.clone(), value);
                }));
                let rid = format!("{name}-{}", if value { "co" } else { "khong" });
                html! {
                    <label for={rid.clone()} class="calc-choice">
                        <input type="radio" id={rid} name={name.clone()} checked={current == Some(value)}
                            onchange={Callback::from(move |_| onchange())} />
                        { text }
                    </label>
                }
            };
            out.push(html! {
                <fieldset class="calc-q">
                    <legend>{ question }</legend>
                    <div class="calc-yesno">
                        { radio(true, "Có") }
                        { radio(false, "Không") }
                    </div>
                </fieldset>
            });
        }
    }
    let result = match (level, regime) {
        (Level::Computed(c), Some(r)) => {
            let answers = national::Answers {
                points: roster::points(&e.points).ok().flatten(),
                yes: e.yes.clone(),
            };
            let why = national::reasons(r, &answers, c, Wording::Form);
            html! {
                <div class="desk-result">
                    <p><strong>{ level_long(level) }</strong></p>
                    <ul>{ for why.iter().map(|w| reason(r, w)) }</ul>
                </div>
            }
        }
        _ => html! { <p class="desk-result"><strong>{ level_long(level) }</strong></p> },
    };
    out.push(result);
    html! { <div class="desk-entry">{ for out }</div> }
}

fn level_long(l: &Level) -> String {
    match l {
        Level::Entered(c) => format!("Mức đã nhập: {} ({})", c.name(), c.code()),
        Level::Computed(c) => match c.outcome {
            Outcome::Level(x) => format!("Mức tính được: {} ({})", x.name(), x.code()),
            Outcome::Disagree { .. } => {
                "Chưa xếp được: tổng điểm và điều kiện cho hai mức khác nhau".into()
            }
            Outcome::Incomplete => "Chưa đủ thông tin để xếp mức".into(),
        },
        Level::NoSubject => "Chưa có mức: chọn mẫu phiếu hoặc nhập mức đã có".into(),
        Level::BadPoints(m) => format!("Tổng điểm chưa đúng: {m}"),
    }
}

fn reason(r: &Regime, w: &Reason) -> Html {
    match &w.anchor {
        Some(a) => html! {
            <li>{ format!("{}. ", w.text) }<a href={ format!("../van-ban/{}.html#{a}", r.id) }>{ "(đoạn trích)" }</a></li>
        },
        None => html! { <li>{ format!("{}.", w.text) }</li> },
    }
}
