//! Every rule set in `content/rules`: structure, every threshold at, just
//! below and just above its value (generated from the rule data, so a new
//! rule is covered without a new test), and the headline rules of each plan
//! by name.

mod common;

use bontot_core::answers::{Answers, Member};
use bontot_core::engine::Status;
use bontot_core::model::Unit;
use bontot_core::number::Exact;
use bontot_core::rules::{
    Class, Indicator, InputKind, Op, PathStep, Rating, RuleSet, VerdictKind, YesNo, fields,
};
use common::*;
use num_rational::Ratio;

const SLUGS: [&str; 5] = [
    "nguyen-nghiem",
    "son-la",
    "ben-tre",
    "binh-tan",
    "dien-bien",
];

#[test]
fn every_plan_has_a_valid_rule_set() {
    let all = load_all();
    let names: Vec<&str> = all.iter().map(|(s, _)| s.as_str()).collect();
    for slug in SLUGS {
        assert!(names.contains(&slug), "no rule set for {slug}");
    }
    for (slug, r) in &all {
        assert_eq!(&r.plan, slug, "`plan` names its file");
        assert_eq!(r.version, 1);
        let problems = problems_of(r);
        assert!(problems.is_empty(), "{slug}: {problems:#?}");
    }
}

#[test]
fn all_passing_answers_reach_the_verdict() {
    for (slug, r) in load_all() {
        for &unit in &r.units {
            let a = passing_answers(&r, unit);
            let s = evaluate(&r, unit, &a);
            assert!(s.missing.is_empty(), "{slug}/{unit:?}: {:?}", s.missing);
            assert!(s.errors.is_empty(), "{slug}/{unit:?}: {:?}", s.errors);
            for i in &s.indicators {
                assert_eq!(i.status, Status::Pass, "{slug}/{unit:?}/{}", i.id);
            }
            for c in &s.criteria {
                assert_eq!(c.status, Status::Pass, "{slug}/{unit:?}/{}", c.id);
            }
            match r.verdict.rule {
                VerdictKind::AllCriteria => {
                    assert_eq!(s.verdict.status, Some(Status::Pass), "{slug}/{unit:?}");
                    assert!(s.verdict.text.contains(&r.verdict.name));
                }
                VerdictKind::None => assert_eq!(s.verdict.status, None, "{slug}/{unit:?}"),
            }
        }
    }
}

// ------------------------------------------------------------ thresholds

/// Where a case sits against the threshold it probes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum At {
    On,
    Below,
    Above,
}

/// What the plan's comparator says at each side of its threshold: "dưới"
/// and "trên" exclude it, "trở lên"/"ít nhất"/a bare target and range ends
/// include it.
fn by_comparator(op: Op, at: At, end: Option<bool>) -> Status {
    use At::*;
    let pass = match (op, at, end) {
        (Op::AtLeast, On | Above, _) => true,
        (Op::AtLeast, Below, _) => false,
        (Op::Above, Above, _) => true,
        (Op::Above, On | Below, _) => false,
        (Op::Below, Below, _) => true,
        (Op::Below, On | Above, _) => false,
        (Op::AtMost, On | Below, _) => true,
        (Op::AtMost, Above, _) => false,
        // Between, probing the lower end (`Some(false)`) or the upper end.
        (Op::Between, On, _) => true,
        (Op::Between, Below, Some(false)) => false,
        (Op::Between, Above, Some(false)) => true,
        (Op::Between, Below, _) => true,
        (Op::Between, Above, _) => false,
    };
    if pass { Status::Pass } else { Status::Fail }
}

struct Case {
    what: String,
    set: Vec<(String, String)>,
    want: Status,
}

/// The smallest number of members for which `pct` percent is a whole number.
fn exact_denominator(pct: &Exact) -> i128 {
    (1..=1_000_000i128)
        .find(|den| (pct * Ratio::from_integer(*den) / Ratio::from_integer(100)).is_integer())
        .expect("a denominator")
}

fn cases_for(r: &RuleSet, ind: &Indicator) -> Vec<Case> {
    let t = &ind.test;
    let input = r.input(&t.input).expect("input");
    let f = fields(input);
    let mut out = Vec::new();
    let mut push =
        |what: String, set: Vec<(String, String)>, want: Status| out.push(Case { what, set, want });
    match input.kind {
        InputKind::YesNo => {}
        InputKind::Classification => {
            let floor = t.at_least.expect("at_least");
            let order = [Class::Khtnv, Class::Htnv, Class::Httnv, Class::Htxsnv];
            let i = order.iter().position(|c| *c == floor).unwrap();
            let mut probe = |c: Class, at: At| {
                push(
                    format!("{} ({at:?})", c.code()),
                    vec![(f[0].clone(), c.code().into())],
                    by_comparator(Op::AtLeast, at, None),
                )
            };
            probe(floor, At::On);
            if i > 0 {
                probe(order[i - 1], At::Below);
            }
            if i + 1 < order.len() {
                probe(order[i + 1], At::Above);
            }
        }
        InputKind::Monthly => {
            let floor = t.every_month.expect("every_month");
            let order = [
                Rating::KhongHop,
                Rating::Kem,
                Rating::TrungBinh,
                Rating::Kha,
                Rating::Tot,
            ];
            let i = order.iter().position(|x| *x == floor).unwrap();
            let all = |x: Rating| -> Vec<(String, String)> {
                f.iter().map(|m| (m.clone(), x.code().into())).collect()
            };
            push(format!("12 × {}", floor.code()), all(floor), Status::Pass);
            if i > 0 {
                for month in [0, 6, 11] {
                    let mut set = all(floor);
                    set[month].1 = order[i - 1].code().into();
                    push(
                        format!("month {} one rating lower", month + 1),
                        set,
                        Status::Fail,
                    );
                }
            }
            if i + 1 < order.len() {
                push(
                    format!("12 × {}", order[i + 1].code()),
                    all(order[i + 1]),
                    Status::Pass,
                );
            }
        }
        InputKind::Count => {
            let op = t.op.expect("op");
            if let Some(target) = &t.target {
                let goal_input = r.input(target).expect("target input");
                // A goal clear of every fixed threshold on the same count,
                // so only this comparison decides.
                let goal: i128 = 10
                    + readers(r, Unit::ChiBo, &t.input)
                        .iter()
                        .chain(readers(r, Unit::DangBo, &t.input).iter())
                        .flat_map(|i| thresholds(&i.test))
                        .map(|x| x.ceil().to_integer())
                        .max()
                        .unwrap_or(0);
                for (n, at) in [(goal, At::On), (goal - 1, At::Below), (goal + 1, At::Above)] {
                    push(
                        format!("{n} against a goal of {goal}"),
                        vec![
                            (f[0].clone(), n.to_string()),
                            (fields(goal_input)[0].clone(), goal.to_string()),
                        ],
                        by_comparator(op, at, None),
                    );
                }
            } else {
                let v = d(t.value.as_deref().expect("value")).to_integer();
                for (n, at) in [(v, At::On), (v - 1, At::Below), (v + 1, At::Above)] {
                    if n >= 0 {
                        push(
                            n.to_string(),
                            vec![(f[0].clone(), n.to_string())],
                            by_comparator(op, at, None),
                        );
                    }
                }
            }
        }
        InputKind::Percent => {
            let op = t.op.expect("op");
            let ends: Vec<(Exact, Option<bool>)> = match op {
                Op::Between => vec![
                    (d(t.min.as_deref().unwrap()), Some(false)),
                    (d(t.max.as_deref().unwrap()), Some(true)),
                ],
                _ => vec![(d(t.value.as_deref().unwrap()), None)],
            };
            for (v, end) in ends {
                for (x, at) in [
                    (v, At::On),
                    (v - step(), At::Below),
                    (v + step(), At::Above),
                ] {
                    if x >= d("0") && x <= d("100") {
                        push(
                            format!("{}%", dec(&x)),
                            vec![(f[0].clone(), dec(&x))],
                            by_comparator(op, at, end),
                        );
                    }
                }
            }
        }
        InputKind::Ratio => {
            let op = t.op.expect("op");
            let ends: Vec<(Exact, Option<bool>)> = match op {
                Op::Between => vec![
                    (d(t.min.as_deref().unwrap()), Some(false)),
                    (d(t.max.as_deref().unwrap()), Some(true)),
                ],
                _ => vec![(d(t.value.as_deref().unwrap()), None)],
            };
            for (v, end) in ends {
                let mut small = exact_denominator(&v);
                if op == Op::Between {
                    // One member less or more must stay a small step: keep
                    // it narrower than the range, so the far end is not hit.
                    let width = d(t.max.as_deref().unwrap()) - d(t.min.as_deref().unwrap());
                    let base = small;
                    while width > d("0") && Ratio::new(100, small) >= width {
                        small += base;
                    }
                }
                // The smallest denominator that reaches the threshold exactly
                // (50 members for 98%, 4 chi bộ for 3/4), and a multiple of
                // it of at least 20, as in a real chi bộ.
                let larger = small * ((20 + small - 1) / small);
                for den in [small, larger] {
                    let n = (v * Ratio::from_integer(den) / Ratio::from_integer(100)).to_integer();
                    for (n, at) in [(n, At::On), (n - 1, At::Below), (n + 1, At::Above)] {
                        if (0..=den).contains(&n) {
                            push(
                                format!("{n}/{den}"),
                                vec![
                                    (f[0].clone(), n.to_string()),
                                    (f[1].clone(), den.to_string()),
                                ],
                                by_comparator(op, at, end),
                            );
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_threshold_at_below_and_above() {
    let mut probed = 0;
    for (slug, r) in load_all() {
        for &unit in &r.units {
            let base = passing_answers(&r, unit);
            for ind in r.indicators_for(unit) {
                let cases = cases_for(&r, ind);
                if r.input(&ind.test.input).unwrap().kind != InputKind::YesNo {
                    assert!(cases.len() >= 2, "{slug}/{}: {} cases", ind.id, cases.len());
                }
                for case in cases {
                    let mut a = base.clone();
                    for (f, v) in &case.set {
                        a.set(f, v.clone());
                    }
                    let s = evaluate(&r, unit, &a);
                    let at = format!("{slug}/{unit:?}/{} at {}", ind.id, case.what);
                    assert!(s.errors.is_empty(), "{at}: {:?}", s.errors);
                    let got = s.indicator(&ind.id).expect("evaluated").status;
                    assert_eq!(
                        got,
                        case.want,
                        "{at}: {}",
                        s.indicator(&ind.id).unwrap().reason
                    );
                    // Our own reading of the comparator agrees with the table.
                    assert_eq!(status(expected(&r, &ind.test, &a)), case.want, "{at}");
                    // Every other indicator reading the same answers, by our
                    // own reading; everything else still passes.
                    let mut all_pass = true;
                    for other in r.indicators_for(unit) {
                        let want = status(expected(&r, &other.test, &a));
                        assert_eq!(
                            s.indicator(&other.id).unwrap().status,
                            want,
                            "{at}: {}",
                            other.id
                        );
                        all_pass &= want == Status::Pass;
                    }
                    if let Some(c) = &ind.criterion {
                        let mine = r
                            .indicators_for(unit)
                            .filter(|i| i.criterion.as_ref() == Some(c))
                            .all(|i| expected(&r, &i.test, &a) == Some(true));
                        let want = if mine { Status::Pass } else { Status::Fail };
                        assert_eq!(s.criterion(c).unwrap().status, want, "{at}: criterion {c}");
                    }
                    let want = match r.verdict.rule {
                        VerdictKind::None => None,
                        VerdictKind::AllCriteria if all_pass => Some(Status::Pass),
                        VerdictKind::AllCriteria => Some(Status::Fail),
                    };
                    assert_eq!(s.verdict.status, want, "{at}: verdict {}", s.verdict.text);
                    probed += 1;
                }
            }
        }
    }
    eprintln!("{probed} threshold cases");
    assert!(probed > 150, "only {probed} threshold cases");
}

// -------------------------------------------------------------- helpers

fn chi_bo(slug: &str) -> (RuleSet, Answers) {
    let r = load(slug);
    let a = passing_answers(&r, Unit::ChiBo);
    (r, a)
}

fn dang_bo(slug: &str) -> (RuleSet, Answers) {
    let r = load(slug);
    let a = passing_answers(&r, Unit::DangBo);
    (r, a)
}

fn indicator_status(r: &RuleSet, a: &Answers, id: &str) -> Status {
    evaluate(r, a.unit, a)
        .indicator(id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
        .status
}

fn criterion_status(r: &RuleSet, a: &Answers, id: &str) -> Status {
    evaluate(r, a.unit, a).criterion(id).unwrap().status
}

fn verdict(r: &RuleSet, a: &Answers) -> Option<Status> {
    evaluate(r, a.unit, a).verdict.status
}

// ------------------------------------------------------------- binh-tan

#[test]
fn binh_tan_dropout_below_one_percent() {
    let (r, a) = chi_bo("binh-tan");
    let at = |x: &str| indicator_status(&r, &set(&a, &[("bo-hoc", x)]), "bo-hoc");
    assert_eq!(at("1.0"), Status::Fail, "“dưới 1.0%”: 1.0% itself fails");
    assert_eq!(at("1"), Status::Fail);
    assert_eq!(at("0.999999"), Status::Pass);
    assert_eq!(at("0,5"), Status::Pass, "a Vietnamese decimal comma");
    assert_eq!(at("1.000001"), Status::Fail);
    let failing = set(&a, &[("bo-hoc", "1.0")]);
    let s = evaluate(&r, Unit::ChiBo, &failing);
    assert_eq!(s.verdict.status, Some(Status::Fail));
    assert!(
        s.verdict
            .text
            .contains("Lãnh đạo hoàn thành tốt nhiệm vụ chính trị")
    );
}

#[test]
fn binh_tan_school_targets() {
    let (r, a) = chi_bo("binh-tan");
    let at = |id: &str, x: &str| indicator_status(&r, &set(&a, &[(id, x)]), id);
    assert_eq!(at("luu-ban", "0.4"), Status::Fail);
    assert_eq!(at("luu-ban", "0.399999"), Status::Pass);
    // Bare targets read as "at least", with the implicit reading shown.
    assert_eq!(at("len-lop", "98"), Status::Pass);
    assert_eq!(at("len-lop", "97.999999"), Status::Fail);
    assert_eq!(at("tot-nghiep", "100"), Status::Pass);
    assert_eq!(at("tot-nghiep", "99.999999"), Status::Fail);
    assert_eq!(at("hieu-suat", "91"), Status::Pass);
    assert_eq!(at("biet-boi", "54.9"), Status::Fail);
    // "trên 68.0%": 68% is not enough.
    assert_eq!(at("vao-lop-10", "68"), Status::Fail);
    assert_eq!(at("vao-lop-10", "68.000001"), Status::Pass);
    let s = evaluate(&r, Unit::ChiBo, &a);
    let w = s.indicator("len-lop").unwrap().warning.as_deref().unwrap();
    assert!(w.contains("không nói “trở lên”"), "{w}");
    assert!(s.indicator("bo-hoc").unwrap().warning.is_none());
}

#[test]
fn binh_tan_party_building_targets() {
    let (r, a) = chi_bo("binh-tan");
    // 49 of 50 members is exactly 98%: "từ 98.0% trở lên" passes.
    let ratio = |n: &str, t: &str| {
        indicator_status(
            &r,
            &set(&a, &[("dv-hoc-nq.so", n), ("dv-hoc-nq.tong", t)]),
            "dv-hoc-nq",
        )
    };
    assert_eq!(ratio("49", "50"), Status::Pass);
    assert_eq!(ratio("48", "50"), Status::Fail);
    assert_eq!(ratio("97", "99"), Status::Fail, "97/99 ≈ 97.98%");
    // "Kết nạp ít nhất 06" and "đạt chỉ tiêu được giao" read the same count.
    let admitted = |n: &str, goal: &str| {
        let b = set(&a, &[("ket-nap", n), ("ket-nap-chi-tieu", goal)]);
        (
            indicator_status(&r, &b, "ket-nap-6"),
            indicator_status(&r, &b, "ket-nap-chi-tieu"),
        )
    };
    assert_eq!(admitted("6", "6"), (Status::Pass, Status::Pass));
    assert_eq!(admitted("5", "4"), (Status::Fail, Status::Pass));
    assert_eq!(admitted("7", "8"), (Status::Pass, Status::Fail));
    // No goal entered: the comparison with it waits.
    let mut no_goal = a.clone();
    no_goal.set("ket-nap-chi-tieu", String::new());
    assert_eq!(
        indicator_status(&r, &no_goal, "ket-nap-chi-tieu"),
        Status::Missing
    );
    // Kiểm tra, giám sát 100% đảng viên.
    let checked = |n: &str| {
        indicator_status(
            &r,
            &set(&a, &[("dv-kiem-tra.so", n), ("dv-kiem-tra.tong", "23")]),
            "dv-kiem-tra",
        )
    };
    assert_eq!(checked("23"), Status::Pass);
    assert_eq!(checked("22"), Status::Fail);
}

#[test]
fn two_totals_of_the_same_members_must_agree() {
    let (r, a) = chi_bo("binh-tan");
    let mismatch = |s: &bontot_core::engine::Assessment| {
        s.warnings.iter().any(|w| {
            w.text.contains("“Tổng số đảng viên của chi bộ”") && w.text.contains("kiểm tra lại")
        })
    };
    let same = set(
        &a,
        &[
            ("dv-hoc-nq.so", "49"),
            ("dv-hoc-nq.tong", "50"),
            ("dv-kiem-tra.so", "50"),
            ("dv-kiem-tra.tong", "50"),
        ],
    );
    assert!(!mismatch(&evaluate(&r, Unit::ChiBo, &same)));
    let differ = set(&same, &[("dv-kiem-tra.tong", "51")]);
    let s = evaluate(&r, Unit::ChiBo, &differ);
    assert!(mismatch(&s), "{:?}", s.warnings);
    // A warning only: the results stand as typed.
    assert_eq!(s.indicator("dv-kiem-tra").unwrap().status, Status::Fail);
}

#[test]
fn binh_tan_year_end_classification_is_a_gate() {
    let (r, a) = chi_bo("binh-tan");
    for (class, want) in [
        ("HTXSNV", Status::Pass),
        ("HTTNV", Status::Pass),
        ("HTNV", Status::Fail),
        ("KHTNV", Status::Fail),
    ] {
        let b = set(&a, &[("xep-loai", class)]);
        let s = evaluate(&r, Unit::ChiBo, &b);
        assert_eq!(
            s.indicator("xep-loai-cuoi-nam").unwrap().status,
            want,
            "{class}"
        );
        assert!(s.indicator("xep-loai-cuoi-nam").unwrap().gate);
        assert_eq!(s.verdict.status, Some(want), "{class}");
        if want == Status::Fail {
            assert!(
                s.verdict.text.contains("chưa đạt điều kiện"),
                "{}",
                s.verdict.text
            );
        }
    }
}

#[test]
fn binh_tan_monthly_meetings_every_month_good() {
    let (r, a) = chi_bo("binh-tan");
    let b = set(&a, &[("sinh-hoat-thang.t07", "Khá")]);
    let s = evaluate(&r, Unit::ChiBo, &b);
    assert_eq!(s.indicator("sinh-hoat-thang").unwrap().status, Status::Fail);
    assert!(
        s.indicator("sinh-hoat-thang")
            .unwrap()
            .reason
            .contains("tháng 7")
    );
    assert_eq!(s.criterion("sinh-hoat").unwrap().status, Status::Fail);
    assert_eq!(s.verdict.status, Some(Status::Fail));
    // Months not entered yet leave it open, not failed.
    let mut c = a.clone();
    for m in 7..=12 {
        c.set(&format!("sinh-hoat-thang.t{m:02}"), String::new());
    }
    assert_eq!(indicator_status(&r, &c, "sinh-hoat-thang"), Status::Missing);
    assert_eq!(verdict(&r, &c), Some(Status::Missing));
}

#[test]
fn binh_tan_a_violation_fails_discipline() {
    let (r, a) = chi_bo("binh-tan");
    let b = set(&a, &[("dk-vi-pham", "có")]);
    assert_eq!(criterion_status(&r, &b, "doan-ket-ky-luat"), Status::Fail);
    let s = evaluate(&r, Unit::ChiBo, &b);
    assert!(
        s.verdict.text.contains("Đoàn kết tốt, kỷ luật tốt"),
        "{}",
        s.verdict.text
    );
}

// -------------------------------------------------------- nguyen-nghiem

/// Answers that fail `criterion` through one of its yes-no questions.
fn fail_criterion(r: &RuleSet, a: &Answers, criterion: &str) -> Answers {
    let ind = r
        .indicators_for(a.unit)
        .find(|i| {
            i.criterion.as_deref() == Some(criterion)
                && r.input(&i.test.input).unwrap().kind == InputKind::YesNo
        })
        .unwrap_or_else(|| panic!("{}: no yes-no question in {criterion}", r.plan));
    let wrong = match ind.test.expect {
        Some(YesNo::Yes) => "không",
        _ => "có",
    };
    set(a, &[(ind.test.input.as_str(), wrong)])
}

#[test]
fn nguyen_nghiem_every_member_of_a_chi_bo_httnv() {
    let (r, a) = chi_bo("nguyen-nghiem");
    let members = |n: &str, t: &str| set(&a, &[("dv-httnv.so", n), ("dv-httnv.tong", t)]);
    let s = evaluate(&r, Unit::ChiBo, &members("24", "25"));
    assert_eq!(s.indicator("dv-httnv-chi-bo").unwrap().status, Status::Fail);
    assert!(
        s.indicator("dv-httnv-chi-bo")
            .unwrap()
            .reason
            .contains("25/25")
    );
    assert_eq!(
        s.criterion("can-bo-dang-vien").unwrap().status,
        Status::Fail
    );
    assert!(s.verdict.text.contains("Cán bộ, đảng viên tốt"));
    assert!(
        s.indicator("dv-httnv-dang-bo").is_none(),
        "the đảng bộ rule is not asked of a chi bộ"
    );
    let s = evaluate(&r, Unit::ChiBo, &members("25", "25"));
    assert_eq!(
        s.criterion("can-bo-dang-vien").unwrap().status,
        Status::Pass
    );
    assert_eq!(s.verdict.status, Some(Status::Pass));
}

#[test]
fn nguyen_nghiem_ninety_percent_of_a_dang_bo() {
    let (r, a) = dang_bo("nguyen-nghiem");
    let at = |n: &str, t: &str| {
        let b = set(&a, &[("dv-httnv.so", n), ("dv-httnv.tong", t)]);
        criterion_status(&r, &b, "can-bo-dang-vien")
    };
    assert_eq!(at("90", "100"), Status::Pass);
    assert_eq!(at("9", "10"), Status::Pass);
    assert_eq!(at("89", "100"), Status::Fail);
    assert_eq!(at("26", "29"), Status::Fail, "26/29 ≈ 89.66%");
    let s = evaluate(&r, Unit::DangBo, &a);
    assert!(s.indicator("dv-httnv-chi-bo").is_none());
}

#[test]
fn nguyen_nghiem_three_quarters_of_chi_bo_gate() {
    let (r, a) = dang_bo("nguyen-nghiem");
    let typed = |n: &str, t: &str| {
        let b = set(&a, &[("chi-bo-bon-tot.so", n), ("chi-bo-bon-tot.tong", t)]);
        evaluate(&r, Unit::DangBo, &b)
    };
    assert_eq!(typed("3", "4").verdict.status, Some(Status::Pass));
    assert_eq!(typed("4", "5").verdict.status, Some(Status::Pass));
    let s = typed("2", "4");
    assert_eq!(s.indicator("chi-bo-bon-tot").unwrap().status, Status::Fail);
    assert_eq!(s.verdict.status, Some(Status::Fail));
    assert!(s.verdict.text.contains("3/4 chi bộ"), "{}", s.verdict.text);
    assert_eq!(
        typed("3", "5").verdict.status,
        Some(Status::Fail),
        "3/5 = 60%"
    );
    // All four criteria met, yet not "bốn tốt": no classification is made up.
    assert_eq!(s.criteria_met, 4);
    assert!(s.classification.is_none());
    assert!(
        s.warnings
            .iter()
            .any(|w| w.text.contains("chưa đạt điều kiện chung"))
    );

    // Filled in from the list of chi bộ.
    let mut b = a.clone();
    b.set("chi-bo-bon-tot.so", String::new());
    b.set("chi-bo-bon-tot.tong", String::new());
    let listed = |flags: &[Option<bool>]| {
        let mut c = b.clone();
        c.members = flags
            .iter()
            .enumerate()
            .map(|(i, f)| member(&format!("Chi bộ {}", i + 1), *f, None))
            .collect();
        evaluate(&r, Unit::DangBo, &c)
    };
    let yes = Some(true);
    let no = Some(false);
    assert_eq!(
        listed(&[yes, yes, yes, no]).verdict.status,
        Some(Status::Pass)
    );
    assert_eq!(
        listed(&[yes, yes, no, no]).verdict.status,
        Some(Status::Fail)
    );
    let open = listed(&[yes, yes, yes, None]);
    assert_eq!(
        open.indicator("chi-bo-bon-tot").unwrap().status,
        Status::Missing
    );
    assert_eq!(open.verdict.status, Some(Status::Missing));
    assert!(
        open.classification.is_none(),
        "a gate still open decides nothing"
    );
    assert!(
        !open
            .warnings
            .iter()
            .any(|w| w.text.contains("không đề xuất xếp loại"))
    );
}

#[test]
fn nguyen_nghiem_admissions_must_exceed_the_goal() {
    let (r, a) = chi_bo("nguyen-nghiem");
    let at = |n: &str| {
        let b = set(&a, &[("ket-nap", n), ("ket-nap-chi-tieu", "4")]);
        evaluate(&r, Unit::ChiBo, &b)
    };
    let s = at("4");
    let i = s.indicator("ket-nap-chi-tieu").unwrap();
    assert_eq!(
        i.status,
        Status::Fail,
        "“vượt”: equal to the goal is not above it"
    );
    assert!(i.reason.contains("Cần thêm 1"), "{}", i.reason);
    assert!(i.warning.as_deref().unwrap().contains("đạt và vượt"));
    assert_eq!(
        at("5").indicator("ket-nap-chi-tieu").unwrap().status,
        Status::Pass
    );
    assert_eq!(
        at("3").indicator("ket-nap-chi-tieu").unwrap().status,
        Status::Fail
    );
}

#[test]
fn nguyen_nghiem_a_violation_found_by_the_press_fails_discipline() {
    let (r, a) = chi_bo("nguyen-nghiem");
    for unit_answers in [a.clone(), passing_answers(&r, Unit::DangBo)] {
        let b = set(&unit_answers, &[("dk-bao-chi", "có")]);
        let s = evaluate(&r, b.unit, &b);
        assert_eq!(s.indicator("dk-bao-chi").unwrap().status, Status::Fail);
        assert_eq!(
            s.criterion("doan-ket-ky-luat").unwrap().status,
            Status::Fail
        );
        assert_eq!(s.verdict.status, Some(Status::Fail));
        let b = set(&unit_answers, &[("dk-bao-chi", "không")]);
        assert_eq!(criterion_status(&r, &b, "doan-ket-ky-luat"), Status::Pass);
    }
}

#[test]
fn nguyen_nghiem_classification_by_criteria_met() {
    for unit in Unit::ALL {
        let r = load("nguyen-nghiem");
        let a = passing_answers(&r, unit);
        let s = evaluate(&r, unit, &a);
        let c = s.classification.expect("four met");
        assert_eq!((c.class, c.firm), (Class::Htxsnv, false));
        assert!(c.text.contains("cơ sở quan trọng"), "{}", c.text);

        let three = fail_criterion(&r, &a, "sinh-hoat");
        let c = evaluate(&r, unit, &three)
            .classification
            .expect("three met");
        assert_eq!((c.class, c.firm), (Class::Httnv, true));

        let two = fail_criterion(&r, &three, "can-bo-dang-vien");
        let c = evaluate(&r, unit, &two).classification.expect("two met");
        assert_eq!((c.class, c.firm), (Class::Htnv, true));

        // Without "nhiệm vụ chính trị" the plan says nothing: a warning.
        for uncovered in [
            fail_criterion(&r, &a, "nhiem-vu-chinh-tri"),
            fail_criterion(&r, &three, "nhiem-vu-chinh-tri"),
            fail_criterion(&r, &two, "doan-ket-ky-luat"),
        ] {
            let s = evaluate(&r, unit, &uncovered);
            assert!(s.classification.is_none(), "{unit:?}: {}", s.criteria_met);
            assert!(
                s.warnings
                    .iter()
                    .any(|w| w.text.contains("không nêu cách xếp loại")),
                "{unit:?}: {:?}",
                s.warnings
            );
        }
    }
}

#[test]
fn nguyen_nghiem_reward_needs_last_year_too() {
    let (r, a) = chi_bo("nguyen-nghiem");
    let reward = |b: &Answers| {
        let s = evaluate(&r, Unit::ChiBo, b);
        assert_eq!(s.rewards.len(), 1);
        s.rewards[0].status
    };
    assert_eq!(reward(&a), Status::Pass);
    assert_eq!(
        reward(&set(&a, &[("nam-truoc-bon-tot", "không")])),
        Status::Fail
    );
    let mut unknown = a.clone();
    unknown.set("nam-truoc-bon-tot", String::new());
    assert_eq!(reward(&unknown), Status::Missing);
    // Last year alone is not enough.
    assert_eq!(reward(&fail_criterion(&r, &a, "sinh-hoat")), Status::Fail);
    let s = evaluate(&r, Unit::ChiBo, &a);
    assert!(
        s.rewards[0].text.contains("lựa chọn"),
        "selected, not guaranteed"
    );
    // The reward is for chi bộ; a đảng bộ is not asked about last year.
    let (r, a) = dang_bo("nguyen-nghiem");
    let s = evaluate(&r, Unit::DangBo, &a);
    assert!(s.rewards.is_empty());
    assert!(!a.values.contains_key("nam-truoc-bon-tot"));
}

// --------------------------------------------------------------- son-la

#[test]
fn son_la_says_the_points_frame_is_missing_and_invents_none() {
    for unit in Unit::ALL {
        let r = load("son-la");
        assert!(r.criteria.iter().all(|c| c.pass_mark.is_none()));
        assert!(r.indicators.iter().all(|i| i.points.is_none()));
        let a = passing_answers(&r, unit);
        let s = evaluate(&r, unit, &a);
        assert!(
            s.warnings
                .iter()
                .any(|w| w.text.contains("khung tiêu chí, mức điểm")
                    && w.text.contains("không tự đặt ra điểm")),
            "{:?}",
            s.warnings
        );
        assert!(
            s.warnings
                .iter()
                .any(|w| w.text.contains("quy tắc kết hợp"))
        );
        // Four self-declared contents, one each.
        assert_eq!(s.indicators.len(), 4);
        assert!(
            s.indicators
                .iter()
                .all(|i| i.warning.as_deref().unwrap().starts_with("Tự khai"))
        );
        assert_eq!(s.verdict.status, Some(Status::Pass));
        let b = set(&a, &[("tu-khai-doan-ket", "không")]);
        let s = evaluate(&r, unit, &b);
        assert_eq!(s.verdict.status, Some(Status::Fail));
        assert!(s.verdict.text.contains("Đoàn kết, kỷ luật tốt"));
        assert!(
            s.classification.is_none(),
            "no classification rule is stated"
        );
    }
}

// ------------------------------------------------------------ dien-bien

#[test]
fn dien_bien_complaints_disunity_and_discipline() {
    for unit in Unit::ALL {
        let r = load("dien-bien");
        let a = passing_answers(&r, unit);
        for (input, criterion) in [
            ("dk-don-thu", "doan-ket-ky-luat"),
            ("dk-mat-doan-ket", "doan-ket-ky-luat"),
            ("dv-ky-luat", "can-bo-dang-vien"),
        ] {
            let b = set(&a, &[(input, "có")]);
            let s = evaluate(&r, unit, &b);
            assert_eq!(
                s.criterion(criterion).unwrap().status,
                Status::Fail,
                "{input}"
            );
            assert_eq!(s.verdict.status, Some(Status::Fail), "{input}");
            assert_eq!(s.criteria_met, 3);
        }
        let s = evaluate(&r, unit, &a);
        assert_eq!(s.verdict.status, Some(Status::Pass));
        // The guideline and the year-end classification are only warned about.
        assert!(
            s.warnings
                .iter()
                .any(|w| w.text.contains("Ban Tổ chức Đảng ủy Khối"))
        );
        assert!(
            s.warnings
                .iter()
                .any(|w| w.text.contains("xếp loại") && w.text.contains("không nêu mức"))
        );
        assert!(s.indicators.iter().all(|i| !i.gate), "no gate is made up");
        assert!(r.inputs.iter().all(|i| i.kind == InputKind::YesNo));
    }
}

// -------------------------------------------------------------- ben-tre

#[test]
fn ben_tre_has_no_verdict_only_indicators() {
    for unit in Unit::ALL {
        let r = load("ben-tre");
        assert_eq!(r.verdict.rule, VerdictKind::None);
        let a = passing_answers(&r, unit);
        let s = evaluate(&r, unit, &a);
        assert_eq!(s.verdict.status, None);
        assert!(s.verdict.text.contains("không nêu quy tắc kết luận chung"));
        assert!(
            s.warnings
                .iter()
                .any(|w| w.text.contains("Hai chân - Ba mũi"))
        );
        assert!(s.warnings.iter().any(|w| w.text.contains("Đảng bộ Khối")));
        // A failing indicator still fails its part, and decides nothing overall.
        let b = set(&a, &[("quan-lieu", "có")]);
        let s = evaluate(&r, unit, &b);
        assert_eq!(s.criterion("mui-thu-nhat").unwrap().status, Status::Fail);
        assert_eq!(s.verdict.status, None);
        assert!(s.classification.is_none());
        assert!(s.rewards.is_empty());
        for c in &r.criteria {
            assert!(c.maps_to.is_some(), "{} maps to one of the four", c.id);
        }
    }
}

#[test]
fn ben_tre_member_shares() {
    let (r, a) = chi_bo("ben-tre");
    let at = |so: &str, tong: &str, xs: &str| {
        let b = set(
            &a,
            &[
                ("dv-httnv.so", so),
                ("dv-httnv.tong", tong),
                ("dv-htxsnv.so", xs),
                ("dv-htxsnv.tong", tong),
            ],
        );
        let s = evaluate(&r, Unit::ChiBo, &b);
        (
            s.indicator("dv-httnv-80").unwrap().status,
            s.indicator("dv-httnv-96").unwrap().status,
            s.indicator("dv-htxsnv").unwrap().status,
        )
    };
    use Status::{Fail, Pass};
    // "trên 80%": exactly 80% fails; "từ 96% trở lên": 96% passes.
    assert_eq!(at("20", "25", "4").0, Fail);
    assert_eq!(at("41", "50", "8"), (Pass, Fail, Pass));
    assert_eq!(at("24", "25", "4"), (Pass, Pass, Pass));
    assert_eq!(at("23", "25", "4").1, Fail);
    // "15 - 20%": both ends included, above 20% is outside the range.
    assert_eq!(at("20", "20", "3").2, Pass, "15%");
    assert_eq!(at("20", "20", "4").2, Pass, "20%");
    assert_eq!(at("20", "20", "2").2, Fail, "10%");
    assert_eq!(at("20", "20", "5").2, Fail, "25%");
    let s = evaluate(&r, Unit::ChiBo, &a);
    assert!(
        s.indicator("dv-htxsnv")
            .unwrap()
            .warning
            .as_deref()
            .unwrap()
            .contains("Cách hiểu “trong đó có 15 - 20%")
    );
    assert!(
        s.indicator("chi-bo-httnv").is_none(),
        "chi bộ trực thuộc: đảng bộ only"
    );
}

#[test]
fn ben_tre_dang_bo_shares_of_its_chi_bo() {
    let (r, a) = dang_bo("ben-tre");
    let mut b = a.clone();
    for f in [
        "chi-bo-httnv.so",
        "chi-bo-httnv.tong",
        "chi-bo-htxsnv.so",
        "chi-bo-htxsnv.tong",
    ] {
        b.set(f, String::new());
    }
    let listed = |classes: &[Class]| {
        let mut c = b.clone();
        c.members = classes
            .iter()
            .enumerate()
            .map(|(i, k)| member(&format!("Chi bộ {}", i + 1), None, Some(*k)))
            .collect();
        let s = evaluate(&r, Unit::DangBo, &c);
        (
            s.indicator("chi-bo-httnv").unwrap().status,
            s.indicator("chi-bo-htxsnv").unwrap().status,
        )
    };
    use Class::{Htnv, Httnv, Htxsnv};
    use Status::{Fail, Pass};
    // 4 of 5 HTTNV or better (80%), 3 of 5 HTXSNV (60%).
    assert_eq!(listed(&[Htxsnv, Htxsnv, Httnv, Htnv, Htxsnv]), (Pass, Pass));
    // 3 of 5 (60%) HTTNV or better; 2 of 5 (40%) HTXSNV.
    assert_eq!(listed(&[Htxsnv, Htxsnv, Httnv, Htnv, Htnv]), (Fail, Fail));
    // 2 of 4 HTXSNV is exactly 50%: "50% trở lên" passes.
    assert_eq!(listed(&[Htxsnv, Htxsnv, Httnv, Httnv]), (Pass, Pass));
    let s = evaluate(&r, Unit::DangBo, &a);
    assert!(
        s.indicator("dv-httnv-96").is_none(),
        "“Chi bộ có tỷ lệ …”: chi bộ only"
    );
}

#[test]
fn ben_tre_ambiguous_reduction_is_self_declared() {
    let (r, a) = chi_bo("ben-tre");
    let s = evaluate(&r, Unit::ChiBo, &a);
    let i = s.indicator("keo-giam-vi-pham").unwrap();
    assert!(i.warning.as_deref().unwrap().contains("điểm phần trăm"));
    assert_eq!(r.input("keo-giam-vi-pham").unwrap().kind, InputKind::YesNo);
    let b = set(&a, &[("keo-giam-vi-pham", "không")]);
    assert_eq!(criterion_status(&r, &b, "mui-thu-hai"), Status::Fail);
}

/// Every subset of criteria met, every plan with classification rules:
/// the suggestion is exactly the rule the data states, else a warning.
#[test]
fn classification_follows_the_rules_for_every_combination() {
    for (slug, r) in load_all() {
        if r.classify.is_empty() {
            continue;
        }
        for &unit in &r.units {
            let base = passing_answers(&r, unit);
            let n = r.criteria.len();
            for mask in 0u32..(1 << n) {
                let mut a = base.clone();
                let mut met = Vec::new();
                for (i, c) in r.criteria.iter().enumerate() {
                    if mask & (1 << i) == 0 {
                        a = fail_criterion(&r, &a, &c.id);
                    } else {
                        met.push(c.id.as_str());
                    }
                }
                let s = evaluate(&r, unit, &a);
                assert_eq!(s.criteria_met, met.len());
                let rule = r.classify.iter().find(|k| {
                    bontot_core::rules::applies(&k.units, unit)
                        && usize::from(k.met) == met.len()
                        && k.requires.iter().all(|q| met.contains(&q.as_str()))
                });
                match (rule, &s.classification) {
                    (Some(k), Some(c)) => {
                        assert_eq!(
                            (c.class, c.firm),
                            (k.result, k.firm),
                            "{slug}/{unit:?}/{met:?}"
                        );
                        assert_eq!(c.cite, k.cite);
                    }
                    (None, None) => assert!(
                        s.warnings
                            .iter()
                            .any(|w| w.text.contains("không đề xuất xếp loại")
                                && w.text
                                    .contains(&bontot_core::engine::national_rules(&a.year))),
                        "{slug}/{unit:?}/{met:?}: no warning"
                    ),
                    (k, c) => panic!("{slug}/{unit:?}/{met:?}: rule {k:?}, got {c:?}"),
                }
            }
        }
    }
}

/// Where a plan gives no classification, the national rules named are those
/// of the assessment year, or both while the year is missing or not a year.
#[test]
fn the_national_rules_named_follow_the_year() {
    use bontot_core::engine::national_rules;
    assert!(national_rules("2024").contains("QĐ 124-QĐ/TW"));
    assert!(!national_rules("2024").contains("366"));
    assert!(national_rules("2023").contains("Năm 2023"));
    assert!(national_rules("2025").contains("QĐ 366-QĐ/TW"));
    assert!(!national_rules("2026").contains("124"));
    for unknown in ["", "năm nay", "2022"] {
        let t = national_rules(unknown);
        assert!(
            t.contains("QĐ 124-QĐ/TW (năm 2023-2024)") && t.contains("QĐ 366-QĐ/TW (từ năm 2025)"),
            "{unknown}: {t}"
        );
    }
}

// ------------------------------------------------------- overall verdicts

#[test]
fn one_failing_criterion_fails_the_verdict_and_is_named() {
    for (slug, r) in load_all() {
        if r.verdict.rule != VerdictKind::AllCriteria {
            continue;
        }
        for &unit in &r.units {
            let base = passing_answers(&r, unit);
            for c in &r.criteria {
                // Fail one yes-no indicator of the criterion, or any one.
                let ind = r
                    .indicators_for(unit)
                    .find(|i| i.criterion.as_ref() == Some(&c.id))
                    .expect("an indicator");
                let case = cases_for(&r, ind)
                    .into_iter()
                    .find(|k| k.want == Status::Fail)
                    .map(|k| k.set)
                    .unwrap_or_else(|| {
                        let input = r.input(&ind.test.input).unwrap();
                        assert_eq!(input.kind, InputKind::YesNo);
                        let wrong = match ind.test.expect {
                            Some(bontot_core::rules::YesNo::Yes) => "không",
                            _ => "có",
                        };
                        vec![(input.id.clone(), wrong.to_string())]
                    });
                let mut a = base.clone();
                for (f, v) in case {
                    a.set(&f, v);
                }
                let s = evaluate(&r, unit, &a);
                assert_eq!(
                    s.criterion(&c.id).unwrap().status,
                    Status::Fail,
                    "{slug}/{}",
                    c.id
                );
                assert_eq!(s.verdict.status, Some(Status::Fail), "{slug}/{}", c.id);
                assert!(
                    s.verdict.text.contains(&c.name),
                    "{slug}: {:?} does not name {:?}",
                    s.verdict.text,
                    c.name
                );
                assert_eq!(s.criteria_met, r.criteria.len() - 1);
            }
        }
    }
}

#[test]
fn missing_answers_leave_the_verdict_open_and_are_listed() {
    for (slug, r) in load_all() {
        for &unit in &r.units {
            let base = passing_answers(&r, unit);
            for input in r.inputs_for(unit) {
                // Only answers something reads.
                if readers(&r, unit, &input.id).is_empty() {
                    continue;
                }
                let mut a = base.clone();
                for f in fields(input) {
                    a.set(&f, String::new());
                }
                let s = evaluate(&r, unit, &a);
                assert!(
                    s.missing.contains(&input.label),
                    "{slug}/{}: {:?}",
                    input.id,
                    s.missing
                );
                assert_eq!(s.missing.len(), 1, "{slug}/{}", input.id);
                let want = match r.verdict.rule {
                    VerdictKind::AllCriteria => Some(Status::Missing),
                    VerdictKind::None => None,
                };
                assert_eq!(s.verdict.status, want, "{slug}/{}", input.id);
                assert!(s.classification.is_none(), "{slug}/{}", input.id);
            }
            // Nothing answered at all.
            let s = evaluate(&r, unit, &Answers::new(&r, unit));
            assert_eq!(s.missing.len(), r.inputs_for(unit).count());
            assert!(s.criteria.iter().all(|c| c.status == Status::Missing));
        }
    }
}

#[test]
fn a_typing_mistake_is_an_error_not_an_answer() {
    let (r, a) = chi_bo("binh-tan");
    let b = set(
        &a,
        &[("bo-hoc", "0.5.1"), ("ket-nap", "6,5"), ("xep-loai", "tốt")],
    );
    let s = evaluate(&r, Unit::ChiBo, &b);
    let fields: Vec<&str> = s.errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["bo-hoc", "ket-nap", "xep-loai"]);
    assert_eq!(s.verdict.status, Some(Status::Missing));
}

fn member(name: &str, bon_tot: Option<bool>, class: Option<Class>) -> Member {
    Member {
        name: name.into(),
        bon_tot,
        class,
    }
}

// ------------------------------------------------------- points-based frame

const POINTS: &str = r#"
plan = "vi-du"
version = 1
units = ["chi-bo"]
movement = "other"

[[criteria]]
id = "xay-dung-dang"
name = "Công tác xây dựng Đảng"
cite = { anchor = "muc-1", quote = "Công tác xây dựng Đảng" }
maps_to = "nhiem-vu-chinh-tri"
pass_mark = 7

[[criteria]]
id = "ky-luat"
name = "Kỷ luật"
cite = { anchor = "muc-2", quote = "Kỷ luật" }
maps_to = "doan-ket-ky-luat"

[[inputs]]
id = "nghi-quyet"
kind = "yes-no"
label = "Chi bộ ban hành nghị quyết lãnh đạo hằng tháng?"

[[inputs]]
id = "ket-nap"
kind = "count"
label = "Số đảng viên kết nạp trong năm"

[[inputs]]
id = "hoc-tap"
kind = "percent"
label = "Tỷ lệ đảng viên học tập nghị quyết (%)"

[[inputs]]
id = "vi-pham"
kind = "yes-no"
label = "Trong năm có đảng viên bị kỷ luật không?"

[[indicators]]
id = "nghi-quyet"
criterion = "xay-dung-dang"
label = "Ban hành nghị quyết lãnh đạo hằng tháng"
points = 5
test = { input = "nghi-quyet", expect = "yes" }
cite = { anchor = "muc-1", quote = "nghị quyết lãnh đạo hằng tháng" }

[[indicators]]
id = "ket-nap"
criterion = "xay-dung-dang"
label = "Kết nạp ít nhất 02 đảng viên"
points = 3
test = { input = "ket-nap", op = "at-least", value = "2", words = "ít nhất 02 đảng viên" }
cite = { anchor = "muc-1", quote = "ít nhất 02 đảng viên" }

[[indicators]]
id = "hoc-tap"
criterion = "xay-dung-dang"
label = "Đảng viên học tập nghị quyết đạt 50%"
points = 2
test = { input = "hoc-tap", op = "at-least", value = "50", words = "50%", implicit = true }
cite = { anchor = "muc-1", quote = "học tập nghị quyết đạt 50%" }

[[indicators]]
id = "vi-pham"
criterion = "ky-luat"
label = "Không có đảng viên bị kỷ luật"
test = { input = "vi-pham", expect = "no" }
cite = { anchor = "muc-2", quote = "không có đảng viên bị kỷ luật" }

[verdict]
rule = "all-criteria"
name = "chi bộ vững mạnh"
"#;

fn points_frame_behaves(r: &RuleSet) {
    assert!(problems_of(r).is_empty(), "{:#?}", problems_of(r));
    let full = [
        ("nghi-quyet", "có"),
        ("ket-nap", "2"),
        ("hoc-tap", "50"),
        ("vi-pham", "không"),
    ];
    let answers = |pairs: &[(&str, &str)]| {
        let mut a = Answers::new(r, Unit::ChiBo);
        for (f, v) in pairs {
            a.set(f, v.to_string());
        }
        evaluate(r, Unit::ChiBo, &a)
    };
    let with = |changes: &[(&str, &str)]| {
        let mut pairs: Vec<(&str, &str)> = full
            .iter()
            .filter(|(f, _)| !changes.iter().any(|(g, _)| g == f))
            .copied()
            .collect();
        pairs.extend(changes.iter().filter(|(_, v)| !v.is_empty()));
        answers(&pairs)
    };
    let frame = |s: &bontot_core::engine::Assessment| {
        let c = s.criterion("xay-dung-dang").unwrap();
        (c.status, c.points)
    };
    use Status::{Fail, Missing, Pass};
    // All three: 10 points of the 7 needed.
    let s = with(&[]);
    assert_eq!(frame(&s), (Pass, Some((10, 7))));
    assert!(
        s.criterion("xay-dung-dang")
            .unwrap()
            .reason
            .contains("10 điểm; cần 7 điểm")
    );
    assert_eq!(s.verdict.status, Some(Pass));
    // One count short: 5 + 2 = 7 is exactly the pass mark.
    assert_eq!(frame(&with(&[("ket-nap", "1")])), (Pass, Some((7, 7))));
    // Below 50%: 5 + 3 = 8.
    assert_eq!(
        frame(&with(&[("hoc-tap", "49.999999")])),
        (Pass, Some((8, 7)))
    );
    // Without the 5-point question, 3 + 2 = 5 can never reach 7.
    let s = with(&[("nghi-quyet", "không")]);
    assert_eq!(frame(&s), (Fail, Some((5, 7))));
    assert_eq!(s.verdict.status, Some(Fail));
    assert!(s.verdict.text.contains("Công tác xây dựng Đảng"));
    // Open while the pass mark is still reachable…
    assert_eq!(
        frame(&with(&[("ket-nap", ""), ("hoc-tap", "")])),
        (Missing, Some((5, 7)))
    );
    // …decided once it is reached, even with a question open…
    assert_eq!(frame(&with(&[("hoc-tap", "")])), (Pass, Some((8, 7))));
    // …or once it is out of reach.
    assert_eq!(
        frame(&with(&[("nghi-quyet", "không"), ("hoc-tap", "")])),
        (Fail, Some((3, 7)))
    );
    // A plain criterion next to it still needs all its indicators.
    let s = with(&[("vi-pham", "có")]);
    assert_eq!(s.criterion("ky-luat").unwrap().status, Fail);
    assert_eq!(s.criterion("ky-luat").unwrap().points, None);
    assert_eq!(s.verdict.status, Some(Fail));
}

#[test]
fn points_based_frame() {
    let r: RuleSet = toml::from_str(POINTS).expect("the example parses");
    points_frame_behaves(&r);
}

#[test]
fn points_based_frame_is_checked() {
    let r: RuleSet = toml::from_str(POINTS).unwrap();
    let messages =
        |r: &RuleSet| -> Vec<String> { problems_of(r).into_iter().map(|p| p.message).collect() };
    let mut high = r.clone();
    high.criteria[0].pass_mark = Some(11);
    assert!(
        messages(&high)
            .iter()
            .any(|m| m.contains("more than the 10 points"))
    );
    let mut unscored = r.clone();
    unscored.indicators[1].points = None;
    assert!(
        messages(&unscored)
            .iter()
            .any(|m| m.contains("needs `points`"))
    );
    let mut stray = r.clone();
    stray.indicators[3].points = Some(1);
    assert!(
        messages(&stray)
            .iter()
            .any(|m| m.contains("only in a criterion with a `pass_mark`"))
    );
    // A criterion left with no indicator for a unit is refused.
    let mut empty = r.clone();
    empty
        .indicators
        .retain(|i| i.criterion.as_deref() != Some("ky-luat"));
    assert!(
        messages(&empty)
            .iter()
            .any(|m| m.contains("no indicator for \"chi-bo\""))
    );
}

/// The example in `content/rules/README.md` is a valid rule set and means
/// what the README says.
#[test]
fn readme_example_is_valid() {
    let text = std::fs::read_to_string(rules_dir().join("README.md")).expect("README");
    let blocks: Vec<&str> = text
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect();
    let example = blocks
        .iter()
        .find(|b| b.contains("plan = \"vi-du\""))
        .expect("a whole example rule set");
    let r: RuleSet = toml::from_str(example).expect("the README example parses");
    points_frame_behaves(&r);
    // Every other snippet is TOML too.
    for b in blocks {
        let _: toml::Table =
            toml::from_str(b).unwrap_or_else(|e| panic!("README snippet: {e}\n{b}"));
    }
}

// ------------------------------------------------- impossible thresholds

/// `validate`'s problems as (path, message), for exact comparison.
fn problems(r: &RuleSet) -> Vec<(Vec<PathStep>, String)> {
    problems_of(r)
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

fn test_at(i: usize, key: &'static str) -> Vec<PathStep> {
    vec![
        PathStep::Key("indicators"),
        PathStep::Index(i),
        PathStep::Key("test"),
        PathStep::Key(key),
    ]
}

fn indicator_index(r: &RuleSet, id: &str) -> usize {
    r.indicators
        .iter()
        .position(|i| i.id == id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

#[test]
fn thresholds_outside_what_the_input_holds_are_refused() {
    let r: RuleSet = toml::from_str(POINTS).unwrap();
    let with = |i: usize, f: &dyn Fn(&mut bontot_core::rules::Test)| {
        let mut r = r.clone();
        f(&mut r.indicators[i].test);
        problems(&r)
    };
    // "hoc-tap" (2) is a percentage, "ket-nap" (1) a count.
    assert_eq!(
        with(2, &|t| t.value = Some("101".into())),
        [(
            test_at(2, "value"),
            "`value` \"101\" is more than a percentage can hold (0 to 100)".into()
        )]
    );
    assert_eq!(
        with(2, &|t| t.value = Some("100.5%".into())),
        [(
            test_at(2, "value"),
            "`value` \"100.5%\" is more than a percentage can hold (0 to 100)".into()
        )]
    );
    assert_eq!(
        with(1, &|t| t.value = Some("-1".into())),
        [(
            test_at(1, "value"),
            "`value` \"-1\" is less than a count can hold (whole numbers from 0)".into()
        )]
    );
    assert_eq!(
        with(2, &|t| t.value = Some("-0.5".into())),
        [(
            test_at(2, "value"),
            "`value` \"-0.5\" is less than a percentage can hold (0 to 100)".into()
        )]
    );
    // Not a number at all is still said so, even after a minus sign.
    assert_eq!(
        with(1, &|t| t.value = Some("-x".into())),
        [(
            test_at(1, "value"),
            "\"-x\" is not a decimal number like \"98.0\"".into()
        )]
    );
    // Inside the range, a comparator that no answer can meet.
    assert_eq!(
        with(2, &|t| {
            t.op = Some(Op::Below);
            t.value = Some("0".into());
            t.words = Some("dưới 0%".into());
            t.implicit = false;
        }),
        [(
            test_at(2, "value"),
            "no answer is below 0: with `op = \"below\"` the test can never pass".into()
        )]
    );
    assert_eq!(
        with(2, &|t| {
            t.op = Some(Op::Above);
            t.value = Some("100".into());
            t.words = Some("trên 100%".into());
            t.implicit = false;
        }),
        [(
            test_at(2, "value"),
            "no answer is above 100%: with `op = \"above\"` the test can never pass".into()
        )]
    );
    // A range end past 100 on a percentage.
    assert_eq!(
        with(2, &|t| {
            t.op = Some(Op::Between);
            t.value = None;
            t.min = Some("90".into());
            t.max = Some("120".into());
            t.words = Some("90 - 120%".into());
            t.implicit = false;
        }),
        [(
            test_at(2, "max"),
            "`max` \"120\" is more than a percentage can hold (0 to 100)".into()
        )]
    );
    // A ratio's threshold is in percent: 3/4 is 75, never above 100.
    let mut ratio = load("nguyen-nghiem");
    let i = indicator_index(&ratio, "chi-bo-bon-tot");
    ratio.indicators[i].test.value = Some("101".into());
    assert_eq!(
        problems(&ratio),
        [(
            test_at(i, "value"),
            "`value` \"101\" is more than a ratio can hold (its thresholds are in percent, 0 to 100)"
                .into()
        )]
    );
}

#[test]
fn a_threshold_must_be_the_number_its_words_state() {
    let r: RuleSet = toml::from_str(POINTS).unwrap();
    let with = |i: usize, value: &str, words: &str| {
        let mut r = r.clone();
        r.indicators[i].test.value = Some(value.into());
        r.indicators[i].test.words = Some(words.into());
        problems(&r)
    };
    let disagree = |i: usize, value: &str, words: &str, said: &str| {
        vec![(
            test_at(i, "value"),
            format!("`value` is {value:?} but the plan's words {words:?} state {said}"),
        )]
    };
    // A percentage (2, implicit: no comparator in the words).
    assert_eq!(with(2, "50", "50%"), []);
    assert_eq!(with(2, "50.0", "50,0 %"), []);
    assert_eq!(with(2, "80", "90%"), disagree(2, "80", "90%", "90%"));
    assert_eq!(
        with(2, "80", "chín mươi phần trăm"),
        disagree(2, "80", "chín mươi phần trăm", "90%")
    );
    // A count (1): "02", spelled out, a thousands dot.
    assert_eq!(with(1, "2", "ít nhất 02 đảng viên"), []);
    assert_eq!(with(1, "2", "ít nhất 02 (hai) đảng viên"), []);
    assert_eq!(with(1, "2", "ít nhất hai đảng viên"), []);
    assert_eq!(
        with(1, "3", "ít nhất 02 đảng viên"),
        disagree(1, "3", "ít nhất 02 đảng viên", "2")
    );
    assert_eq!(
        with(1, "3", "ít nhất hai đảng viên"),
        disagree(1, "3", "ít nhất hai đảng viên", "2")
    );
    // "1.000" is a thousand, or one with a decimal point: both agree.
    assert_eq!(with(1, "1000", "ít nhất 1.000 lượt"), []);
    assert_eq!(with(1, "1", "ít nhất 1.000 lượt"), []);
    assert_eq!(
        with(1, "10", "ít nhất 1.000 lượt"),
        disagree(1, "10", "ít nhất 1.000 lượt", "1 or 1000")
    );
    // Words with no number, or only one that may be none ("một số": some),
    // are not checked; nor are dates and document numbers.
    assert_eq!(with(1, "2", "ít nhất số đảng viên được giao"), []);
    assert_eq!(with(1, "2", "ít nhất một số đảng viên"), []);
    assert_eq!(with(1, "2", "ít nhất, theo Nghị quyết số 21-NQ/TW"), []);
    // A share, in percent: 3/4 is 75.
    let mut ratio = load("nguyen-nghiem");
    let i = indicator_index(&ratio, "chi-bo-bon-tot");
    assert_eq!(
        ratio.indicators[i].test.words.as_deref(),
        Some("3/4 chi bộ")
    );
    ratio.indicators[i].test.value = Some("70".into());
    assert_eq!(problems(&ratio), disagree(i, "70", "3/4 chi bộ", "75%"));
    // 2/3 is 66.666…%, which no decimal states: the value cut or rounded
    // up at its own decimals agrees, anything else does not.
    for (value, ok) in [
        ("66.67", true),
        ("66.66", true),
        ("66.666667", true),
        ("67", true),
        ("66.65", false),
        ("75", false),
    ] {
        ratio.indicators[i].test.value = Some(value.into());
        ratio.indicators[i].test.words = Some("2/3 chi bộ".into());
        let want = if ok {
            vec![]
        } else {
            disagree(i, value, "2/3 chi bộ", "66.666666…%")
        };
        assert_eq!(problems(&ratio), want, "{value}");
    }
    // Both ends of a range.
    let mut range = load("ben-tre");
    let i = indicator_index(&range, "dv-htxsnv");
    let words = range.indicators[i].test.words.clone().unwrap();
    range.indicators[i].test.min = Some("10".into());
    assert_eq!(
        problems(&range),
        [(
            test_at(i, "min"),
            format!("`min` is \"10\" but the plan's words {words:?} state 15% or 20%")
        )]
    );
}

/// The check above is live on every real threshold: moving any one of
/// them by one is refused.
#[test]
fn every_real_threshold_is_the_number_its_words_state() {
    let mut checked = 0;
    for (slug, r) in load_all() {
        for (i, ind) in r.indicators.iter().enumerate() {
            for key in ["value", "min", "max"] {
                let mut moved = r.clone();
                let t = &mut moved.indicators[i].test;
                let field = match key {
                    "value" => &mut t.value,
                    "min" => &mut t.min,
                    _ => &mut t.max,
                };
                let Some(v) = field.clone() else { continue };
                let x = d(&v);
                let y = if x >= Ratio::from_integer(1) {
                    x - Ratio::from_integer(1)
                } else {
                    x + Ratio::from_integer(1)
                };
                let y = if y.is_integer() {
                    y.to_integer().to_string()
                } else {
                    dec(&y)
                };
                *field = Some(y.clone());
                let found = problems(&moved);
                let want = format!("`{key}` is {y:?} but the plan's words");
                assert!(
                    found
                        .iter()
                        .any(|(p, m)| *p == test_at(i, key) && m.starts_with(&want)),
                    "{slug}/{}: {key} moved from {v} to {y} was not refused: {found:#?}",
                    ind.id
                );
                checked += 1;
            }
        }
    }
    // Every threshold of the five plans with a `value`, `min` or `max`.
    assert_eq!(checked, 22);
}
