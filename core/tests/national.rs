//! The national classification engine on a small regime shaped like
//! QĐ 366 (the shipped regimes are tested in site-gen against their
//! excerpt pages): bands at their edges, conditions on and off, points
//! and conditions that disagree, the cases left to the competent level,
//! and the cap at its edge.

use bontot_core::national::{Answers, ByConditions, Outcome, Regime, RegimeFile, cap_check, parse};
use bontot_core::number::parse_decimal;
use bontot_core::rules::Class;

const REGIME: &str = r#"
short = "QĐ 366-QĐ/TW"
title = "Quy định 366"
from_year = 2025

[[subjects]]
id = "tap-the"
name = "Tập thể"

[[subjects]]
id = "2B"
name = "Đảng viên không giữ chức vụ"

[[conditions]]
id = "vuot-30"
question = "Hoàn thành 100% nhiệm vụ, ít nhất 30% vượt mức?"
cite = { anchor = "dieu-11-1", quote = "ít nhất 30%" }

[[conditions]]
id = "khong-ky-luat"
subjects = ["tap-the"]
question = "Không có thành viên bị kỷ luật?"
cite = { anchor = "dieu-11-1", quote = "bị kỷ luật" }

[[conditions]]
id = "dung-han"
question = "Hoàn thành 100% nhiệm vụ đúng hạn?"
cite = { anchor = "dieu-11-2", quote = "đúng hạn" }

[[conditions]]
id = "tien-do"
question = "Số nhiệm vụ chưa bảo đảm tiến độ không quá 20%?"
cite = { anchor = "dieu-11-3", quote = "20%" }

[[conditions]]
id = "ky-luat"
subjects = ["2B"]
question = "Bị kỷ luật từ khiển trách trở lên?"
cite = { anchor = "dieu-11-4", quote = "khiển trách" }

[[conditions]]
id = "tren-50"
question = "Trên 50% nhiệm vụ không hoàn thành?"
cite = { anchor = "dieu-11-4", quote = "trên 50%" }

[[levels]]
class = "HTXSNV"
points = { from = "90" }
all = ["vuot-30", "khong-ky-luat"]
subjects = ["tap-the"]
cite = { anchor = "dieu-11-1", quote = "từ 90 điểm trở lên" }

[[levels]]
class = "HTXSNV"
points = { from = "90" }
all = ["vuot-30"]
subjects = ["2B"]
cite = { anchor = "dieu-11-1", quote = "từ 90 điểm trở lên" }

[[levels]]
class = "HTTNV"
points = { from = "70", below = "90" }
all = ["dung-han"]
cite = { anchor = "dieu-11-2", quote = "từ 70 đến dưới 90" }

[[levels]]
class = "HTNV"
points = { from = "50", below = "70" }
all = ["tien-do"]
cite = { anchor = "dieu-11-3", quote = "từ 50 đến dưới 70" }

[[levels]]
class = "KHTNV"
points = { below = "50" }
any = ["tren-50"]
subjects = ["tap-the"]
cite = { anchor = "dieu-11-4", quote = "dưới 50 điểm" }

[[levels]]
class = "KHTNV"
points = { below = "50" }
any = ["ky-luat", "tren-50"]
subjects = ["2B"]
cite = { anchor = "dieu-11-4", quote = "dưới 50 điểm" }

[[competent]]
id = "tu-giac"
subjects = ["2B"]
when = "KHTNV"
question = "Tự giác nhận lỗi và khắc phục xong hậu quả?"
says = "cấp có thẩm quyền xem xét"
cite = { anchor = "dieu-11-4", quote = "tự giác nhận lỗi" }

[cap]
percent = 20
cite = { anchor = "dieu-11-1", quote = "không vượt quá 20%" }
raised = 25
raised_cite = { anchor = "dieu-11-1", quote = "không vượt quá 25%" }
"#;

fn regime() -> Regime {
    let f: RegimeFile = toml::from_str(REGIME).unwrap();
    parse("qd-366", f).unwrap()
}

/// Answers with every condition met for the best level, no KHTNV case.
fn good(points: &str) -> Answers {
    let mut a = Answers {
        points: Some(parse_decimal(points).unwrap()),
        ..Answers::default()
    };
    for id in ["vuot-30", "khong-ky-luat", "dung-han", "tien-do"] {
        a.yes.insert(id.into(), true);
    }
    for id in ["ky-luat", "tren-50", "tu-giac"] {
        a.yes.insert(id.into(), false);
    }
    a
}

#[test]
fn bands_at_their_edges() {
    let r = regime();
    let s = r.subject("2B").unwrap();
    for (points, class) in [
        ("49", Class::Khtnv),
        ("49,99", Class::Khtnv),
        ("50", Class::Htnv),
        ("69", Class::Htnv),
        ("69.5", Class::Htnv),
        ("70", Class::Httnv),
        ("89", Class::Httnv),
        ("89,9", Class::Httnv),
        ("90", Class::Htxsnv),
        ("100", Class::Htxsnv),
    ] {
        let c = r.classify(s, &good(points));
        assert_eq!(c.by_points, Some(class), "{points} points");
    }
}

#[test]
fn agreeing_points_and_conditions_give_the_level() {
    let r = regime();
    let s = r.subject("2B").unwrap();
    let c = r.classify(s, &good("92"));
    assert_eq!(c.outcome, Outcome::Level(Class::Htxsnv));
    let mut a = good("75");
    a.yes.insert("vuot-30".into(), false);
    assert_eq!(r.classify(s, &a).outcome, Outcome::Level(Class::Httnv));
    // Conditions good enough for a better level do not disagree with the
    // band: 78 points and HTTNV's conditions met is HTTNV.
    let c = r.classify(s, &good("78"));
    assert_eq!(c.by_conditions, ByConditions::Level(Class::Htxsnv));
    assert_eq!(c.outcome, Outcome::Level(Class::Httnv));
}

#[test]
fn each_condition_off_lowers_what_conditions_give() {
    let r = regime();
    let t = r.subject("tap-the").unwrap();
    for (off, expect) in [
        ("vuot-30", ByConditions::Level(Class::Httnv)),
        ("khong-ky-luat", ByConditions::Level(Class::Httnv)),
    ] {
        let mut a = good("95");
        a.yes.insert(off.into(), false);
        let c = r.classify(t, &a);
        assert_eq!(c.by_conditions, expect, "{off} off");
        // 95 points say HTXSNV: the two disagree and nothing is picked.
        assert_eq!(
            c.outcome,
            Outcome::Disagree {
                points: Class::Htxsnv,
                conditions: Some(Class::Httnv)
            },
            "{off} off"
        );
    }
    let mut a = good("95");
    for off in ["vuot-30", "dung-han"] {
        a.yes.insert(off.into(), false);
    }
    assert_eq!(
        r.classify(t, &a).by_conditions,
        ByConditions::Level(Class::Htnv)
    );
    a.yes.insert("tien-do".into(), false);
    let c = r.classify(t, &a);
    assert_eq!(c.by_conditions, ByConditions::NoLevel);
    assert_eq!(
        c.outcome,
        Outcome::Disagree {
            points: Class::Htxsnv,
            conditions: None
        }
    );
}

#[test]
fn a_khtnv_case_or_a_low_total_is_enough_on_its_own() {
    let r = regime();
    let s = r.subject("2B").unwrap();
    for case in ["ky-luat", "tren-50"] {
        let mut a = good("95");
        a.yes.insert(case.into(), true);
        let c = r.classify(s, &a);
        assert_eq!(c.by_conditions, ByConditions::Level(Class::Khtnv), "{case}");
        assert_eq!(c.outcome, Outcome::Level(Class::Khtnv), "{case}");
    }
    // Below 50 points, whatever the conditions.
    assert_eq!(
        r.classify(s, &good("40")).outcome,
        Outcome::Level(Class::Khtnv)
    );
    // "ky-luat" is not asked of a tập thể: its answer changes nothing.
    let t = r.subject("tap-the").unwrap();
    let mut a = good("95");
    a.yes.insert("ky-luat".into(), true);
    assert_eq!(r.classify(t, &a).outcome, Outcome::Level(Class::Htxsnv));
}

#[test]
fn missing_answers_are_said_not_guessed() {
    let r = regime();
    let s = r.subject("2B").unwrap();
    let mut a = good("95");
    a.points = None;
    let c = r.classify(s, &a);
    assert_eq!(c.outcome, Outcome::Incomplete);
    assert_eq!(c.by_conditions, ByConditions::Level(Class::Htxsnv));

    let mut a = good("95");
    a.yes.remove("tren-50");
    let c = r.classify(s, &a);
    assert_eq!(
        c.by_conditions,
        ByConditions::Unanswered {
            up_to: Class::Htxsnv
        }
    );
    assert_eq!(c.outcome, Outcome::Incomplete);

    // HTXSNV's condition unanswered, HTTNV's met: at most HTXSNV.
    let mut a = good("80");
    a.yes.remove("vuot-30");
    assert_eq!(
        r.classify(s, &a).by_conditions,
        ByConditions::Unanswered {
            up_to: Class::Htxsnv
        }
    );
    // ...but once it is "không", HTTNV.
    a.yes.insert("vuot-30".into(), false);
    assert_eq!(r.classify(s, &a).outcome, Outcome::Level(Class::Httnv));
}

#[test]
fn the_competent_level_case_is_flagged_only_where_it_applies() {
    let r = regime();
    let s = r.subject("2B").unwrap();
    let mut a = good("95");
    a.yes.insert("ky-luat".into(), true);
    a.yes.insert("tu-giac".into(), true);
    let c = r.classify(s, &a);
    assert_eq!(c.outcome, Outcome::Level(Class::Khtnv));
    assert_eq!(c.competent.len(), 1);
    // Without a violation, the answer does not matter.
    let mut a = good("95");
    a.yes.insert("tu-giac".into(), true);
    assert!(r.classify(s, &a).competent.is_empty());
}

#[test]
fn the_cap_at_its_edge() {
    // 2 HTXSNV among 8 HTTNV: 25% of those rated HTTNV alone, 20% when
    // the 2 are counted among them.
    let c = cap_check(20, 2, 8);
    assert!(!c.within);
    assert!(c.within_counting_htxsnv);
    assert_eq!((c.allowed, c.allowed_counting_htxsnv), (1, 2));
    let c = cap_check(20, 2, 10);
    assert!(c.within && c.within_counting_htxsnv);
    let c = cap_check(20, 3, 10);
    assert!(!c.within && !c.within_counting_htxsnv);
    assert_eq!((c.allowed, c.allowed_counting_htxsnv), (2, 2));
    // The 25% exception.
    assert!(cap_check(25, 2, 8).within);
    assert!(!cap_check(25, 3, 8).within);
    assert!(cap_check(25, 3, 9).within_counting_htxsnv);
    // Nobody rated HTTNV: no HTXSNV allowed under the plain count.
    let c = cap_check(20, 1, 0);
    assert!(!c.within && !c.within_counting_htxsnv);
    assert!(cap_check(20, 0, 0).within);
    // Large groups stay exact.
    assert!(cap_check(20, u64::MAX / 100, u64::MAX / 20).within);
}

#[test]
fn regime_file_problems_are_all_reported() {
    let bad = REGIME
        .replace("all = [\"dung-han\"]", "all = [\"dung-han\", \"khong-co\"]")
        .replace(
            "from = \"70\", below = \"90\"",
            "from = \"70\", below = \"85\"",
        )
        .replace(
            "subjects = [\"2B\"]\nquestion = \"Bị",
            "subjects = [\"2X\"]\nquestion = \"Bị",
        );
    let f: RegimeFile = toml::from_str(&bad).unwrap();
    let problems = parse("x", f).unwrap_err();
    let text = format!("{problems:?}");
    assert!(
        text.contains("unknown condition \\\"khong-co\\\""),
        "{text}"
    );
    assert!(text.contains("band of HTTNV"), "{text}");
    assert!(text.contains("unknown subject \\\"2X\\\""), "{text}");
}

#[test]
fn years_pick_the_regime() {
    let r = regime();
    assert!(!r.governs(2024));
    assert!(r.governs(2025));
    assert!(r.governs(2030));
}
