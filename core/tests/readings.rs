//! Declared readings: each plan's readings probed at their edges (the
//! expected alternative worked out here from the rule data, not by the
//! engine), how far a note reaches, one phrase read one way, and a verdict
//! on declared answers.

mod common;

use bontot_core::answers::Answers;
use bontot_core::engine::{Reach, Status};
use bontot_core::model::Unit;
use bontot_core::rules::{Change, PathStep, Reading, RuleSet, Unsure, VerdictKind, applies};
use common::*;

/// What a changed indicator becomes under the alternative, worked out from
/// the change and our own reading of its tests.
fn alternative(r: &RuleSet, c: &Change, a: &Answers) -> (Status, Status) {
    let ind = r.indicators.iter().find(|i| i.id == c.indicator).unwrap();
    let now = status(expected(r, &ind.test, a));
    let alt = match (&c.test, c.unsure) {
        (Some(t), _) => status(expected(r, t, a)),
        (None, Some(u)) => match (u, now) {
            (Unsure::Pass | Unsure::Any, Status::Pass)
            | (Unsure::Fail | Unsure::Any, Status::Fail) => Status::Missing,
            _ => now,
        },
        (None, None) => panic!("a change without test or unsure"),
    };
    (now, alt)
}

/// How the note's verdict phrase ends, from the alternative statuses.
fn alt_verdict(r: &RuleSet, unit: Unit, alts: &[Status]) -> String {
    let who = if unit == Unit::ChiBo {
        "chi bộ"
    } else {
        "đảng bộ"
    };
    let name = &r.verdict.name;
    if alts.contains(&Status::Fail) {
        format!("{who} chưa đạt “{name}”")
    } else if alts.contains(&Status::Missing) {
        format!("chưa đủ thông tin để kết luận {who} có đạt “{name}” hay không")
    } else {
        format!("{who} đạt “{name}”")
    }
}

fn probe(r: &RuleSet, g: &Reading, unit: Unit) -> usize {
    let base = passing_answers(r, unit);
    let mut edges = 0;
    for c in &g.changes {
        let ind = r.indicators.iter().find(|i| i.id == c.indicator).unwrap();
        if !applies(&ind.units, unit) {
            continue;
        }
        let input = r.input(&ind.test.input).unwrap();
        for cand in candidates(r, input, unit) {
            let pairs: Vec<(&str, &str)> =
                cand.iter().map(|(f, v)| (f.as_str(), v.as_str())).collect();
            let a = set(&base, &pairs);
            let s = evaluate(r, unit, &a);
            let here: Vec<(Status, Status)> = g
                .changes
                .iter()
                .filter(|c| {
                    let i = r.indicators.iter().find(|i| i.id == c.indicator).unwrap();
                    applies(&i.units, unit)
                })
                .map(|c| alternative(r, c, &a))
                .collect();
            let differs = here.iter().any(|(now, alt)| now != alt);
            let note = s.readings.iter().find(|n| n.reading == g.id);
            let at = format!("{}/{unit:?}/{}/{cand:?}", r.plan, g.id);
            assert_eq!(note.is_some(), differs, "{at}: {:?}", s.readings);
            let Some(note) = note else { continue };
            edges += 1;
            // Only this reading's inputs moved from answers that pass
            // everything: its criteria move, and with them the verdict.
            let lead = format!("Kết quả này phụ thuộc cách hiểu “{}”", g.words);
            assert!(note.text.starts_with(&lead), "{at}: {}", note.text);
            assert!(note.text.contains(&g.alternative), "{at}: {}", note.text);
            assert_eq!(note.cite.anchor, g.cite.anchor);
            if r.verdict.rule == VerdictKind::AllCriteria {
                assert_eq!(note.reach, Reach::Verdict, "{at}");
                let alts: Vec<Status> = here.iter().map(|(_, alt)| *alt).collect();
                let end = alt_verdict(r, unit, &alts);
                assert!(note.text.contains(&end), "{at}: {end:?} in {}", note.text);
            } else {
                assert_eq!(note.reach, Reach::Criterion, "{at}");
                assert!(note.text.ends_with("kết luận chung không đổi."), "{at}");
            }
        }
    }
    edges
}

#[test]
fn every_reading_of_every_plan_at_its_edges() {
    let mut seen = 0;
    for (slug, r) in load_all() {
        for g in &r.readings {
            let mut edges = 0;
            for &unit in &r.units {
                edges += probe(&r, g, unit);
            }
            assert!(
                edges > 0,
                "{slug}/{}: no answer where the readings differ",
                g.id
            );
            seen += 1;
        }
    }
    assert!(seen >= 8, "the plans declare their readings ({seen})");
}

#[test]
fn every_plan_declares_its_readings() {
    let declared =
        |slug: &str| -> Vec<String> { load(slug).readings.iter().map(|g| g.id.clone()).collect() };
    assert_eq!(
        declared("nguyen-nghiem"),
        ["dat-va-vuot-kinh-te-xa-hoi", "vuot-chi-tieu-ket-nap"]
    );
    assert_eq!(
        declared("binh-tan"),
        ["dat-va-vuot-chi-tieu", "sinh-hoat-moi-thang-tot"]
    );
    assert_eq!(declared("dien-bien"), ["don-thu-dung-hay-sai"]);
    assert_eq!(
        declared("ben-tre"),
        ["trong-do-chi-bo", "trong-do-dang-vien"]
    );
    assert_eq!(declared("son-la"), ["tu-khai-thay-khung-diem"]);
    // Each reading also stands next to the indicators it reads.
    let r = load("binh-tan");
    let a = passing_answers(&r, Unit::ChiBo);
    let s = evaluate(&r, Unit::ChiBo, &a);
    let w = s.indicator("len-lop").unwrap().warning.clone().unwrap();
    assert!(w.contains("Cách hiểu “đạt và vượt chỉ tiêu được giao”: máy tính hiểu là đạt từ mức chỉ tiêu trở lên"), "{w}");
    assert!(w.contains("cũng có thể hiểu là phải vượt"), "{w}");
    // Away from the edge nothing depends on the reading.
    assert!(
        s.readings
            .iter()
            .all(|n| n.reading != "dat-va-vuot-chi-tieu"),
        "{:?}",
        s.readings
    );
}

#[test]
fn admissions_equal_to_the_goal_depend_on_the_reading() {
    let r = load("nguyen-nghiem");
    let a = passing_answers(&r, Unit::ChiBo);
    let a = set(&a, &[("ket-nap-chi-tieu", "3"), ("ket-nap", "3")]);
    let s = evaluate(&r, Unit::ChiBo, &a);
    assert_eq!(s.verdict.status, Some(Status::Fail));
    let n = s
        .readings
        .iter()
        .find(|n| n.reading == "vuot-chi-tieu-ket-nap")
        .unwrap();
    assert_eq!(n.reach, Reach::Verdict);
    assert!(
        n.text.contains("nếu hiểu là “đạt và vượt” như ở các chỉ tiêu kinh tế - xã hội, tức từ chỉ tiêu trở lên, chi bộ đạt “bốn tốt” (tiêu chí “Thi đua hoàn thành tốt nhiệm vụ chính trị” sẽ là “Đạt”)."),
        "{}",
        n.text
    );
    // A "Có" to the socio-economic targets leaves the other reading open,
    // in a criterion that fails already on admissions: a quiet note.
    let n = s
        .readings
        .iter()
        .find(|n| n.reading == "dat-va-vuot-kinh-te-xa-hoi")
        .unwrap();
    assert_eq!(n.reach, Reach::Indicator, "{}", n.text);
    assert!(
        n.text
            .ends_with("sẽ là “Chưa đủ thông tin”; tiêu chí và kết luận chung không đổi."),
        "{}",
        n.text
    );

    // Another criterion failing: only that criterion moves.
    let b = set(&a, &[("sh-ky-hop", "không")]);
    let s = evaluate(&r, Unit::ChiBo, &b);
    let n = s
        .readings
        .iter()
        .find(|n| n.reading == "vuot-chi-tieu-ket-nap")
        .unwrap();
    assert_eq!(n.reach, Reach::Criterion);
    assert!(n.text.ends_with("tiêu chí “Thi đua hoàn thành tốt nhiệm vụ chính trị” sẽ là “Đạt”; kết luận chung không đổi."), "{}", n.text);

    // Another indicator of the same criterion failing: only the indicator.
    let c = set(&a, &[("ke-hoach-nam", "không")]);
    let s = evaluate(&r, Unit::ChiBo, &c);
    let n = s
        .readings
        .iter()
        .find(|n| n.reading == "vuot-chi-tieu-ket-nap")
        .unwrap();
    assert_eq!(n.reach, Reach::Indicator);
    assert_eq!(
        n.text,
        "Nếu hiểu “đạt số lượng, chất lượng và vượt chỉ tiêu được giao” là “đạt và vượt” như ở các chỉ tiêu kinh tế - xã hội, tức từ chỉ tiêu trở lên, chỉ tiêu “Kết nạp đảng viên vượt chỉ tiêu được giao” sẽ là “Đạt”; tiêu chí và kết luận chung không đổi."
    );

    // One more than the goal passes either way: nothing to say.
    let d = set(&a, &[("ket-nap", "4"), ("chi-tieu-ktxh", "không")]);
    let s = evaluate(&r, Unit::ChiBo, &d);
    assert!(
        s.readings
            .iter()
            .all(|n| n.reading != "vuot-chi-tieu-ket-nap")
    );
    assert!(
        s.readings
            .iter()
            .all(|n| n.reading != "dat-va-vuot-kinh-te-xa-hoi"),
        "a “Không” fails under both"
    );
}

fn problems(r: &RuleSet) -> Vec<(Vec<PathStep>, String)> {
    problems_of(r)
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

fn at(i: usize, key: &'static str) -> Vec<PathStep> {
    vec![
        PathStep::Key("readings"),
        PathStep::Index(i),
        PathStep::Key(key),
    ]
}

#[test]
fn one_phrase_read_two_ways_is_refused_unless_each_place_says_why() {
    let r = load("nguyen-nghiem");
    assert!(problems(&r).is_empty());
    let mut bare = r.clone();
    bare.readings[1].differs_because = None;
    let p = problems(&bare);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].0, at(1, "reads"));
    assert!(p[0].1.contains("reading \"vuot-chi-tieu-ket-nap\" reads the phrase \"dat-va-vuot\" as \"above\" but reading \"dat-va-vuot-kinh-te-xa-hoi\" reads it as \"at-least\""), "{}", p[0].1);
    bare.readings[0].differs_because = None;
    let p = problems(&bare);
    let places: Vec<_> = p.iter().map(|(path, _)| path.clone()).collect();
    assert_eq!(
        places,
        [at(0, "reads"), at(1, "reads")],
        "every place at once"
    );

    // Read the same way, an explanation of a difference is refused.
    let mut same = r.clone();
    same.readings[1].reads = Some("at-least".into());
    let p = problems(&same);
    assert!(
        p.contains(&(
            at(0, "differs_because"),
            "no other reading of this phrase reads it otherwise: drop `differs_because`".into()
        )),
        "{p:#?}"
    );
    // … and "at-least" contradicts the indicator's own `op = "above"`.
    assert!(
        p.iter()
            .any(|(path, m)| *path == at(1, "reads") && m.contains("`op = Above`")),
        "{p:#?}"
    );

    // Another plan reading the phrase once is fine.
    assert!(problems(&load("binh-tan")).is_empty());
}

#[test]
fn a_reading_must_change_something_it_names() {
    let r = load("nguyen-nghiem");
    let mut same = r.clone();
    let t = &mut same.readings[1].changes[0];
    t.test.as_mut().unwrap().op = Some(bontot_core::rules::Op::Above);
    let p = problems(&same);
    let mut test_at = at(1, "changes");
    test_at.extend([PathStep::Index(0), PathStep::Key("test")]);
    assert_eq!(
        p,
        [(
            test_at,
            "the alternative test is the indicator's own: the reading would change nothing"
                .to_string()
        )]
    );

    let mut gone = r.clone();
    gone.readings[0].changes[0].indicator = "khong-co".into();
    gone.readings[0].changes.push(Change {
        indicator: "ke-hoach-nam".into(),
        test: None,
        unsure: None,
    });
    let p = problems(&gone);
    let mut c0 = at(0, "changes");
    c0.extend([PathStep::Index(0), PathStep::Key("indicator")]);
    let mut c1 = at(0, "changes");
    c1.push(PathStep::Index(1));
    assert_eq!(
        p,
        [
            (c0, "no indicator with id \"khong-co\"".to_string()),
            (
                c1,
                "a change has either a `test` or `unsure`, one of them".to_string()
            ),
        ]
    );
}

#[test]
fn a_verdict_on_declared_answers_says_so() {
    let r = load("son-la");
    for unit in [Unit::ChiBo, Unit::DangBo] {
        let a = passing_answers(&r, unit);
        let s = evaluate(&r, unit, &a);
        assert_eq!(s.verdict.status, Some(Status::Pass));
        assert!(s.verdict.declared);
        assert!(
            s.verdict.text.contains("tự khai đạt cả bốn nội dung"),
            "{}",
            s.verdict.text
        );
        assert!(
            s.verdict
                .text
                .contains("còn thiếu khung tiêu chí, mức điểm của phụ lục I"),
            "{}",
            s.verdict.text
        );
        assert!(
            !s.verdict.text.contains(": đạt cả 4 tiêu chí"),
            "{}",
            s.verdict.text
        );
        assert!(s.indicators.iter().all(|i| i.declared));
        let n = &s.readings[0];
        assert_eq!(n.reach, Reach::Verdict);
        // One declared "không": a failure, worded as any other.
        let b = set(&a, &[("tu-khai-sinh-hoat", "không")]);
        let s = evaluate(&r, unit, &b);
        assert_eq!(s.verdict.status, Some(Status::Fail));
        assert!(!s.verdict.declared);
    }
    // A computed verdict is not declared.
    let r = load("binh-tan");
    let s = evaluate(&r, Unit::ChiBo, &passing_answers(&r, Unit::ChiBo));
    assert!(!s.verdict.declared && s.verdict.text.contains("đạt “bốn tốt”: đạt cả 4 tiêu chí"));

    // `declared` needs `lacks`, and `lacks` needs a declared indicator.
    let mut no_lacks = load("son-la");
    no_lacks.verdict.lacks = None;
    assert_eq!(
        problems(&no_lacks),
        [(
            vec![PathStep::Key("verdict")],
            "an indicator is `declared`: say in `lacks` what the plan lacks to decide".to_string()
        )]
    );
    let mut stray = load("dien-bien");
    stray.verdict.lacks = Some("x".into());
    assert_eq!(
        problems(&stray),
        [(
            vec![PathStep::Key("verdict"), PathStep::Key("lacks")],
            "`lacks` goes with `declared` indicators, and there are none".to_string()
        )]
    );
}

#[test]
fn the_page_json_keeps_the_readings_the_calculator_evaluates() {
    use bontot_core::check::Checked;
    for (slug, r) in load_all() {
        let built = bontot_core::rules::validate(r.clone()).unwrap();
        let json = serde_json::to_string(&built).unwrap();
        let read: Checked = serde_json::from_str(&json).unwrap();
        assert_eq!(read.readings().count(), r.readings.len(), "{slug}");
        for (a, b) in read.readings().zip(built.readings()) {
            assert_eq!(a.1, b.1, "{slug}: the same compiled changes");
        }
        for &unit in &r.units {
            let a = passing_answers(&r, unit);
            let one = bontot_core::engine::evaluate(&built, unit, &a);
            let two = bontot_core::engine::evaluate(&read, unit, &a);
            let texts = |s: &bontot_core::engine::Assessment| -> Vec<String> {
                s.readings.iter().map(|n| n.text.clone()).collect()
            };
            assert_eq!(texts(&one), texts(&two), "{slug}");
            assert_eq!(one.verdict.declared, two.verdict.declared, "{slug}");
        }
    }
}
