//! The year-end roster on the shipped national regime (QĐ 366) and the
//! shipped rule sets: levels entered or computed, the cap per group, and
//! the plan inputs the roster fills in.

mod common;

use bontot_core::model::Unit;
use bontot_core::national::{Regime, RegimeFile, parse};
use bontot_core::roster::{Entry, Level, caps, fills, level};
use bontot_core::rules::Class;

fn regime() -> Regime {
    let p = common::rules_dir().join("../national/qd-366.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    let f: RegimeFile = toml::from_str(&text).unwrap();
    parse("qd-366", f).unwrap()
}

/// A 2B member with `points` who answers every level condition `yes`
/// and every KHTNV case "không", except `no` conditions.
fn member(r: &Regime, points: &str, no: &[&str]) -> Entry {
    let s = r.subject("2B").unwrap();
    let mut e = Entry {
        subject: "2B".into(),
        points: points.into(),
        ..Entry::default()
    };
    for &c in &r.questions(s) {
        let id = &r.conditions[c].id;
        // Level conditions hold ("có"); KHTNV cases do not.
        let case = r.subjects[s].levels.iter().any(|l| l.any.contains(&c));
        e.yes
            .insert(id.clone(), !case && !no.contains(&id.as_str()));
    }
    e
}

#[test]
fn a_member_is_classified_by_points_and_conditions() {
    let r = regime();
    assert_eq!(
        level(&r, &member(&r, "90", &[])).class(),
        Some(Class::Htxsnv)
    );
    assert_eq!(
        level(&r, &member(&r, "89,99", &[])).class(),
        Some(Class::Httnv)
    );
    assert_eq!(
        level(&r, &member(&r, "70", &[])).class(),
        Some(Class::Httnv)
    );
    assert_eq!(
        level(&r, &member(&r, "69,5", &[])).class(),
        Some(Class::Htnv)
    );
    assert_eq!(
        level(&r, &member(&r, "49", &[])).class(),
        Some(Class::Khtnv)
    );
    // 92 points without 30% of tasks exceeded: points and conditions
    // disagree, and no level is given.
    let open = level(&r, &member(&r, "92", &["vuot-30"]));
    assert!(matches!(open, Level::Computed(_)));
    assert_eq!(open.class(), None);
    // Entered wins; a form not chosen or bad points give no level.
    let mut e = member(&r, "92", &["vuot-30"]);
    e.entered = Some(Class::Httnv);
    assert_eq!(level(&r, &e).class(), Some(Class::Httnv));
    let mut e = member(&r, "80", &[]);
    e.subject.clear();
    assert_eq!(level(&r, &e), Level::NoSubject);
    assert!(matches!(
        level(&r, &member(&r, "101", &[])),
        Level::BadPoints(_)
    ));
}

#[test]
fn the_cap_is_counted_per_group_with_the_open_ones_apart() {
    let r = regime();
    let g = |g: &str, c: Option<Class>| (g.to_string(), c);
    // 1 HTXSNV of 5 HTTNV: 20% exactly, within; a second is over.
    let mut people: Vec<_> = (0..5).map(|_| g("", Some(Class::Httnv))).collect();
    people.push(g("", Some(Class::Htxsnv)));
    people.push(g("", None));
    let c = caps(&r, &people);
    assert_eq!(c.len(), 1);
    assert!(c[0].check.within);
    assert_eq!((c[0].check.htxsnv, c[0].check.httnv, c[0].open), (1, 5, 1));
    people.push(g("", Some(Class::Htxsnv)));
    let c = caps(&r, &people);
    assert!(!c[0].check.within);
    // 2 of 5 is within neither 20% nor 25%.
    assert!(c[0].raised.as_ref().is_some_and(|x| !x.within));
    // Another group is counted on its own.
    people.push(g("Cấp ủy", Some(Class::Htxsnv)));
    let c = caps(&r, &people);
    assert_eq!(c.len(), 2);
    assert_eq!((c[1].group.as_str(), c[1].check.httnv), ("Cấp ủy", 0));
    assert!(!c[1].check.within);
}

#[test]
fn the_roster_fills_the_inputs_that_declare_it() {
    let ben_tre = common::load("ben-tre");
    let levels = [
        Some(Class::Htxsnv),
        Some(Class::Httnv),
        Some(Class::Htnv),
        Some(Class::Httnv),
    ];
    let f = fills(&ben_tre, Unit::DangBo, &levels, None, &[]);
    let got: Vec<(&str, &str)> = f
        .values
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("dv-httnv.so", "3"),
            ("dv-httnv.tong", "4"),
            ("dv-htxsnv.so", "1"),
            ("dv-htxsnv.tong", "4")
        ]
    );
    // One member without a level: nothing is filled, and it says why.
    let f = fills(
        &ben_tre,
        Unit::DangBo,
        &[Some(Class::Httnv), None],
        None,
        &[],
    );
    assert!(f.values.is_empty());
    assert_eq!(f.waiting.len(), 2);
    assert!(f.waiting[0].1.contains("còn 1 đảng viên"));
    // An empty roster fills nothing and waits for nothing.
    assert_eq!(
        fills(&ben_tre, Unit::DangBo, &[], None, &[]),
        Default::default()
    );

    // Bình Tân's year-end classification of the chi bộ itself.
    let binh_tan = common::load("binh-tan");
    let f = fills(&binh_tan, Unit::ChiBo, &[], Some(Class::Httnv), &[]);
    assert_eq!(f.values, [("xep-loai".to_string(), "HTTNV".to_string())]);
    let f = fills(&binh_tan, Unit::ChiBo, &[], None, &[]);
    assert_eq!(f.waiting.len(), 1);
}

#[test]
fn the_months_feed_binh_tans_monthly_ratings_and_the_verdict_sees_one_kha() {
    use bontot_core::answers::Answers;
    use bontot_core::engine::Status;
    use bontot_core::roster::{Book, Month};
    use bontot_core::rules::Rating;

    let rules = common::load("binh-tan");
    let mut book = Book::new("binh-tan", Unit::ChiBo, "2025");
    for m in 0..12 {
        book.month_mut(m).rating = Some(if m == 6 { Rating::Kha } else { Rating::Tot });
    }
    let f = fills(&rules, Unit::ChiBo, &[], None, &book.months);
    assert_eq!(f.values.len(), 12);
    assert_eq!(f.values[6], ("sinh-hoat-thang.t07".into(), "kha".into()));
    // Fed into the answers, the month below Tốt fails the monthly
    // indicator (the plan: every month's meeting rated Tốt).
    let mut a = Answers::new(&rules, Unit::ChiBo);
    for (field, v) in &f.values {
        a.set(field, v.clone());
    }
    let r = common::evaluate(&rules, Unit::ChiBo, &a);
    let monthly: Vec<_> = r
        .indicators
        .iter()
        .filter(|i| {
            rules
                .indicators
                .iter()
                .any(|d| d.id == i.id && d.test.input == "sinh-hoat-thang")
        })
        .collect();
    assert!(!monthly.is_empty());
    assert!(
        monthly.iter().all(|i| i.status == Status::Fail),
        "{monthly:?}"
    );
    // All Tốt: they pass.
    book.month_mut(6).rating = Some(Rating::Tot);
    let mut a = Answers::new(&rules, Unit::ChiBo);
    for (field, v) in fills(&rules, Unit::ChiBo, &[], None, &book.months).values {
        a.set(&field, v);
    }
    let r = common::evaluate(&rules, Unit::ChiBo, &a);
    assert!(
        r.indicators
            .iter()
            .filter(|i| monthly.iter().any(|m| m.id == i.id))
            .all(|i| i.status == Status::Pass)
    );
    // A month not recorded is not filled.
    book.months[11] = Month::default();
    assert_eq!(
        fills(&rules, Unit::ChiBo, &[], None, &book.months)
            .values
            .len(),
        11
    );
}

#[test]
fn quarters_sum_their_months() {
    use bontot_core::roster::{Book, quarters};
    use bontot_core::rules::Rating;
    let mut b = Book::new("p", Unit::ChiBo, "2025");
    b.month_mut(0).rating = Some(Rating::Tot);
    b.month_mut(0).criteria.insert("a".into(), true);
    b.month_mut(1).rating = Some(Rating::Kha);
    b.month_mut(1).criteria.insert("a".into(), false);
    b.month_mut(3).note = "Họp bất thường".into();
    let q = quarters(&b.months, &["a", "b"]);
    assert_eq!(q[0].recorded, 2);
    assert_eq!(q[0].ratings, [1, 1, 0, 0, 0]);
    assert_eq!(
        q[0].criteria,
        [("a".to_string(), 1, 1), ("b".to_string(), 0, 0)]
    );
    assert_eq!(q[1].recorded, 1);
    assert_eq!(q[1].ratings, [0; 5]);
    assert_eq!(q[3].recorded, 0);
}
