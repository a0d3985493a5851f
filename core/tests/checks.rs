//! The typed checks: what each kind of test compiles to, how each decides
//! at, below and above its thresholds, and how a malformed test is refused
//! (by the build with its place, by the calculator as it reads the page).

use bontot_core::answers::InputValue;
use bontot_core::check::{Bound, Check, Checked, Cmp, Fault, Key};
use bontot_core::engine::Status;
use bontot_core::judge::{Finding, Outcome, judge};
use bontot_core::number::{Exact, parse_decimal};
use bontot_core::rules::{Class, PathStep, Rating, RuleSet, YesNo, validate};
use num_rational::Ratio;
use std::collections::BTreeMap;

const RULES: &str = r#"
plan = "vi-du"
version = 1
units = ["chi-bo"]
movement = "other"

[[criteria]]
id = "xay-dung"
name = "Xây dựng Đảng"
cite = { anchor = "muc-1", quote = "Xây dựng Đảng" }

[[inputs]]
id = "vi-pham"
kind = "yes-no"
label = "Có đảng viên bị kỷ luật không?"

[[inputs]]
id = "ket-nap"
kind = "count"
label = "Số đảng viên kết nạp"

[[inputs]]
id = "chi-tieu"
kind = "count"
label = "Chỉ tiêu kết nạp được giao"

[[inputs]]
id = "hoc-tap"
kind = "percent"
label = "Tỷ lệ đảng viên học tập nghị quyết (%)"

[[inputs]]
id = "xuat-sac"
kind = "percent"
label = "Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ (%)"

[[inputs]]
id = "chi-bo"
kind = "ratio"
label = "Chi bộ đạt bốn tốt"
numerator = "Số chi bộ đạt bốn tốt"
denominator = "Tổng số chi bộ"

[[inputs]]
id = "hop"
kind = "monthly"
label = "Sinh hoạt chi bộ hằng tháng"

[[inputs]]
id = "xep-loai"
kind = "classification"
label = "Xếp loại chi bộ"

[[indicators]]
id = "vi-pham"
criterion = "xay-dung"
label = "Không có đảng viên bị kỷ luật"
test = { input = "vi-pham", expect = "no" }
cite = { anchor = "muc-1", quote = "kỷ luật" }

[[indicators]]
id = "ket-nap"
criterion = "xay-dung"
label = "Kết nạp ít nhất 06 đảng viên"
test = { input = "ket-nap", op = "at-least", value = "6", words = "ít nhất 06 đảng viên" }
cite = { anchor = "muc-1", quote = "ít nhất 06 đảng viên" }

[[indicators]]
id = "vuot-chi-tieu"
criterion = "xay-dung"
label = "Kết nạp vượt chỉ tiêu"
test = { input = "ket-nap", op = "above", target = "chi-tieu", words = "vượt chỉ tiêu được giao" }
cite = { anchor = "muc-1", quote = "vượt chỉ tiêu được giao" }

[[indicators]]
id = "hoc-tap"
criterion = "xay-dung"
label = "Học tập nghị quyết từ 98.0% trở lên"
test = { input = "hoc-tap", op = "at-least", value = "98.0", words = "từ 98.0% trở lên" }
cite = { anchor = "muc-1", quote = "từ 98.0% trở lên" }

[[indicators]]
id = "xuat-sac"
criterion = "xay-dung"
label = "15 - 20% hoàn thành xuất sắc nhiệm vụ"
test = { input = "xuat-sac", op = "between", min = "15", max = "20", words = "15 - 20%" }
cite = { anchor = "muc-1", quote = "15 - 20%" }

[[indicators]]
id = "chi-bo"
criterion = "xay-dung"
label = "2/3 chi bộ đạt bốn tốt"
test = { input = "chi-bo", op = "at-least", value = "66.67", words = "2/3 chi bộ", implicit = true }
cite = { anchor = "muc-1", quote = "2/3 chi bộ" }

[[indicators]]
id = "hop"
criterion = "xay-dung"
label = "Sinh hoạt hằng tháng đạt khá"
test = { input = "hop", every_month = "kha" }
cite = { anchor = "muc-1", quote = "khá" }

[[indicators]]
id = "xep-loai"
criterion = "xay-dung"
label = "Xếp loại hoàn thành tốt nhiệm vụ trở lên"
test = { input = "xep-loai", at_least = "HTTNV" }
cite = { anchor = "muc-1", quote = "hoàn thành tốt nhiệm vụ" }

[verdict]
rule = "all-criteria"
name = "chi bộ vững mạnh"
"#;

fn raw() -> RuleSet {
    toml::from_str(RULES).unwrap()
}

fn check(id: &str) -> Check {
    let rules = validate(raw()).unwrap();
    let (_, c) = rules.checks().find(|(i, _)| i.id == id).unwrap();
    c.clone()
}

fn d(s: &str) -> Exact {
    parse_decimal(s).unwrap()
}

fn judged(c: &Check, answers: &[(&str, InputValue)]) -> Finding {
    let values: BTreeMap<&str, InputValue> = answers.iter().cloned().collect();
    judge(c, &|id| values.get(id))
}

fn outcome(c: &Check, answers: &[(&str, InputValue)]) -> Outcome {
    judged(c, answers).outcome
}

fn count(input: &str, bound: Bound<u64>) -> Check {
    Check::Count {
        input: input.into(),
        bound,
    }
}

#[test]
fn each_test_compiles_to_its_kind_with_exact_thresholds() {
    let s = String::from;
    assert_eq!(
        check("vi-pham"),
        Check::YesNo {
            input: s("vi-pham"),
            expect: YesNo::No
        }
    );
    assert_eq!(
        check("ket-nap"),
        count("ket-nap", Bound::One(Cmp::AtLeast, 6))
    );
    assert_eq!(
        check("vuot-chi-tieu"),
        Check::Goal {
            input: s("ket-nap"),
            cmp: Cmp::Above,
            target: s("chi-tieu")
        }
    );
    assert_eq!(
        check("hoc-tap"),
        Check::Percent {
            input: s("hoc-tap"),
            bound: Bound::One(Cmp::AtLeast, Ratio::from_integer(98))
        }
    );
    assert_eq!(
        check("xuat-sac"),
        Check::Percent {
            input: s("xuat-sac"),
            bound: Bound::Between(Ratio::from_integer(15), Ratio::from_integer(20))
        }
    );
    // Exactly 66.67, not the nearest float.
    assert_eq!(
        check("chi-bo"),
        Check::Ratio {
            input: s("chi-bo"),
            bound: Bound::One(Cmp::AtLeast, Ratio::new(6667, 100))
        }
    );
    assert_eq!(
        check("hop"),
        Check::Monthly {
            input: s("hop"),
            floor: Rating::Kha
        }
    );
    assert_eq!(
        check("xep-loai"),
        Check::Class {
            input: s("xep-loai"),
            floor: Class::Httnv
        }
    );
}

#[test]
fn a_count_decides_at_below_and_above_each_comparator() {
    use Outcome::{Fail, Pass};
    let cases = [
        (
            Bound::One(Cmp::AtLeast, 6),
            [(5, Fail), (6, Pass), (7, Pass)],
        ),
        (Bound::One(Cmp::Above, 6), [(5, Fail), (6, Fail), (7, Pass)]),
        (Bound::One(Cmp::Below, 6), [(5, Pass), (6, Fail), (7, Fail)]),
        (
            Bound::One(Cmp::AtMost, 6),
            [(5, Pass), (6, Pass), (7, Fail)],
        ),
        (Bound::Between(6, 7), [(5, Fail), (6, Pass), (7, Pass)]),
        (Bound::Between(5, 6), [(5, Pass), (6, Pass), (7, Fail)]),
    ];
    for (bound, edges) in cases {
        let c = count("ket-nap", bound.clone());
        for (n, want) in edges {
            let got = outcome(&c, &[("ket-nap", InputValue::Count(n))]);
            assert_eq!(got, want, "{bound:?} at {n}");
        }
    }
    // What is missing, counted from the threshold.
    let short = |bound, n| {
        judged(
            &count("ket-nap", bound),
            &[("ket-nap", InputValue::Count(n))],
        )
        .reason
    };
    assert_eq!(
        short(Bound::One(Cmp::AtLeast, 6), 4),
        "Chưa đạt: 4; kế hoạch yêu cầu từ 6 trở lên. Cần thêm 2."
    );
    assert_eq!(
        short(Bound::One(Cmp::Above, 6), 6),
        "Chưa đạt: 6; kế hoạch yêu cầu trên 6. Cần thêm 1."
    );
    assert_eq!(
        short(Bound::Between(6, 7), 8),
        "Chưa đạt: 8; kế hoạch yêu cầu từ 6 đến 7."
    );
}

#[test]
fn a_percentage_decides_exactly_at_its_edges() {
    use Outcome::{Fail, Pass};
    let pct = |bound| Check::Percent {
        input: "hoc-tap".into(),
        bound,
    };
    let cases = [
        (Bound::One(Cmp::AtLeast, d("98")), "98", [Fail, Pass, Pass]),
        (Bound::One(Cmp::Above, d("68")), "68", [Fail, Fail, Pass]),
        (Bound::One(Cmp::Below, d("1")), "1", [Pass, Fail, Fail]),
        (Bound::One(Cmp::AtMost, d("1")), "1", [Pass, Pass, Fail]),
    ];
    let step = Ratio::new(1, 1_000_000);
    for (bound, at, want) in cases {
        let c = pct(bound);
        for (x, want) in [d(at) - step, d(at), d(at) + step].into_iter().zip(want) {
            let got = outcome(&c, &[("hoc-tap", InputValue::Percent(x))]);
            assert_eq!(got, want, "{c:?} at {x}");
        }
    }
    // Both ends of a range pass; a millionth past either fails.
    let range = check("xuat-sac");
    for (x, want) in [
        (d("15") - step, Fail),
        (d("15"), Pass),
        (d("20"), Pass),
        (d("20") + step, Fail),
    ] {
        assert_eq!(
            outcome(&range, &[("xuat-sac", InputValue::Percent(x))]),
            want,
            "{x}"
        );
    }
    assert_eq!(
        judged(&range, &[("xuat-sac", InputValue::Percent(d("21")))]).reason,
        "Chưa đạt: 21%; kế hoạch yêu cầu từ 15% đến 20%."
    );
}

#[test]
fn a_ratio_decides_on_its_exact_share() {
    let c = check("chi-bo");
    let at = |num, den| judged(&c, &[("chi-bo", InputValue::Ratio(num, den))]);
    // 2/3 is 66.666…%, under the 66.67 the rule states; 6,667 of 10,000
    // is on it; one more is above.
    assert_eq!(at(2, 3).outcome, Outcome::Fail);
    assert_eq!(at(6_667, 10_000).outcome, Outcome::Pass);
    assert_eq!(at(6_668, 10_000).outcome, Outcome::Pass);
    assert_eq!(
        at(2, 3).reason,
        "Chưa đạt: 2/3 (66,7%); kế hoạch yêu cầu từ 66,67% trở lên. Cần ít nhất 3/3, tức thêm 1."
    );
    let zero = at(0, 0);
    assert_eq!(zero.outcome, Outcome::ZeroTotal);
    assert_eq!(zero.outcome.status(), Status::Missing);
    let above = Check::Ratio {
        input: "chi-bo".into(),
        bound: Bound::One(Cmp::Above, d("75")),
    };
    let judge_above = |num, den| outcome(&above, &[("chi-bo", InputValue::Ratio(num, den))]);
    assert_eq!(judge_above(3, 4), Outcome::Fail);
    assert_eq!(judge_above(76, 100), Outcome::Pass);
}

#[test]
fn a_count_against_its_goal() {
    let c = check("vuot-chi-tieu");
    let with = |n, goal: Option<u64>| {
        let mut answers = vec![("ket-nap", InputValue::Count(n))];
        answers.extend(goal.map(|g| ("chi-tieu", InputValue::Count(g))));
        judged(&c, &answers)
    };
    assert_eq!(with(3, Some(3)).outcome, Outcome::Fail);
    assert_eq!(
        with(3, Some(3)).reason,
        "Chưa đạt: 3; kế hoạch yêu cầu vượt chỉ tiêu được giao (3). Cần thêm 1."
    );
    assert_eq!(with(4, Some(3)).outcome, Outcome::Pass);
    assert_eq!(with(2, Some(3)).outcome, Outcome::Fail);
    // The goal itself unanswered: nothing decided, and said why.
    let open = with(9, None);
    assert_eq!(open.outcome, Outcome::NoGoal);
    assert_eq!(open.outcome.status(), Status::Missing);
    assert_eq!(open.value, "9");
    let at_least = Check::Goal {
        input: "ket-nap".into(),
        cmp: Cmp::AtLeast,
        target: "chi-tieu".into(),
    };
    let goal = ("chi-tieu", InputValue::Count(3));
    let n = |n| ("ket-nap", InputValue::Count(n));
    assert_eq!(outcome(&at_least, &[n(2), goal.clone()]), Outcome::Fail);
    assert_eq!(outcome(&at_least, &[n(3), goal.clone()]), Outcome::Pass);
    assert_eq!(outcome(&at_least, &[n(4), goal]), Outcome::Pass);
}

#[test]
fn yes_no_months_and_classes_decide_at_their_floor() {
    let vi_pham = check("vi-pham");
    assert_eq!(
        outcome(&vi_pham, &[("vi-pham", InputValue::YesNo(false))]),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&vi_pham, &[("vi-pham", InputValue::YesNo(true))]),
        Outcome::Fail
    );

    let hop = check("hop");
    let months = |m: [Option<Rating>; 12]| outcome(&hop, &[("hop", InputValue::Monthly(m))]);
    assert_eq!(months([Some(Rating::Kha); 12]), Outcome::Pass);
    let mut one_below = [Some(Rating::Tot); 12];
    one_below[3] = Some(Rating::TrungBinh);
    assert_eq!(months(one_below), Outcome::Fail);
    assert!(
        judged(&hop, &[("hop", InputValue::Monthly(one_below))])
            .reason
            .contains("tháng 4 ")
    );
    let mut one_open = [Some(Rating::Tot); 12];
    one_open[11] = None;
    assert_eq!(months(one_open), Outcome::MonthsOpen);
    assert_eq!(Outcome::MonthsOpen.status(), Status::Missing);

    let xep_loai = check("xep-loai");
    for (class, want) in [
        (Class::Htnv, Outcome::Fail),
        (Class::Httnv, Outcome::Pass),
        (Class::Htxsnv, Outcome::Pass),
    ] {
        assert_eq!(
            outcome(&xep_loai, &[("xep-loai", InputValue::Class(class))]),
            want,
            "{class:?}"
        );
    }
}

#[test]
fn every_check_without_its_answer_is_unanswered() {
    let rules = validate(raw()).unwrap();
    for (ind, c) in rules.checks() {
        let found = judged(c, &[]);
        assert_eq!(found.outcome, Outcome::Unanswered, "{}", ind.id);
        assert_eq!(found.outcome.status(), Status::Missing);
        assert_eq!(found.reason, "Chưa trả lời.");
    }
}

/// The rule set with indicator `id`'s test edited.
fn edited(id: &str, edit: impl Fn(&mut bontot_core::rules::Test)) -> (RuleSet, usize) {
    let mut r = raw();
    let i = r.indicators.iter().position(|x| x.id == id).unwrap();
    edit(&mut r.indicators[i].test);
    (r, i)
}

fn at(i: usize, key: &'static str) -> Vec<PathStep> {
    let mut p = vec![
        PathStep::Key("indicators"),
        PathStep::Index(i),
        PathStep::Key("test"),
    ];
    if !key.is_empty() {
        p.push(PathStep::Key(key));
    }
    p
}

/// Refused by the build, at its place and in words, and by the calculator
/// as it reads the page's JSON.
fn refused(r: RuleSet, want: Vec<(Vec<PathStep>, &str)>, fault: Fault) {
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(
        Checked::try_from(r.clone()).err(),
        Some(vec![fault]),
        "{want:?}"
    );
    assert!(serde_json::from_str::<Checked>(&json).is_err());
    let got: Vec<(Vec<PathStep>, String)> = validate(r)
        .err()
        .unwrap()
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect();
    let want: Vec<(Vec<PathStep>, String)> =
        want.into_iter().map(|(p, m)| (p, m.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn settings_a_check_would_ignore_are_refused_where_they_are() {
    // A range end on a single threshold.
    let (r, i) = edited("ket-nap", |t| t.min = Some("6".into()));
    refused(
        r,
        vec![(at(i, "min"), "`min` goes only with `op = \"between\"`")],
        Fault::Unused(Key::Min),
    );
    // A single threshold on a range.
    let (r, i) = edited("xuat-sac", |t| t.value = Some("15".into()));
    refused(
        r,
        vec![(
            at(i, "value"),
            "`between` takes `min` and `max`, not `value`",
        )],
        Fault::Unused(Key::Value),
    );
    // A goal on a range: it used to be read as "at least the goal".
    let (r, i) = edited("xuat-sac", |t| t.target = Some("chi-tieu".into()));
    refused(
        r,
        vec![(
            at(i, "target"),
            "`between` takes `min` and `max`, not a `target`",
        )],
        Fault::TargetInRange,
    );
    // A count's range ends are whole numbers too.
    let (r, i) = edited("ket-nap", |t| {
        t.op = Some(bontot_core::rules::Op::Between);
        t.value = None;
        t.min = Some("1.5".into());
        t.max = Some("9".into());
        t.words = Some("1.5 - 9 đảng viên".into());
    });
    refused(
        r,
        vec![(at(i, "min"), "a count is compared with a whole number")],
        Fault::NotWhole(Key::Min),
    );
    // "Implicit" belongs to a threshold; a yes/no question has none.
    let (r, i) = edited("vi-pham", |t| t.implicit = true);
    refused(
        r,
        vec![(
            at(i, ""),
            "the test has settings that do not fit a \"yes-no\" input",
        )],
        Fault::Extra,
    );
}

#[test]
fn tests_validation_refused_before_are_refused_the_same_way() {
    // No comparator: the engine used to answer "Quy tắc thiếu phép so sánh".
    let (r, i) = edited("hoc-tap", |t| t.op = None);
    refused(
        r,
        vec![(
            at(i, ""),
            "input \"hoc-tap\" is a \"percent\" question: its test needs `op` and a threshold",
        )],
        Fault::Unfit,
    );
    // No expected answer: the engine used to expect "yes".
    let (r, i) = edited("vi-pham", |t| t.expect = None);
    refused(
        r,
        vec![(
            at(i, ""),
            "input \"vi-pham\" is a \"yes-no\" question: its test needs `expect = \"yes\"` or `\"no\"`",
        )],
        Fault::Unfit,
    );
    let (r, i) = edited("ket-nap", |t| t.input = "khong-co".into());
    refused(
        r,
        vec![(at(i, "input"), "no input with id \"khong-co\"")],
        Fault::NoInput,
    );
}

/// The page's JSON is the rule file's shape, and reads back into the same
/// checks: the calculator compiles what the build compiled.
#[test]
fn real_rule_sets_keep_their_json_and_compile_alike_from_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/rules");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let raw: RuleSet = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let json = serde_json::to_string(&raw).unwrap();
        let built = validate(raw).unwrap();
        assert_eq!(serde_json::to_string(&built).unwrap(), json, "{path:?}");
        let read: Checked = serde_json::from_str(&json).unwrap();
        let checks = |c: &Checked| -> Vec<Check> { c.checks().map(|(_, c)| c.clone()).collect() };
        assert_eq!(checks(&read), checks(&built), "{path:?}");
        assert_eq!(checks(&built).len(), built.indicators.len());
        seen += 1;
    }
    assert_eq!(seen, 5);
}
