//! The example meeting frame (content/frames/an-phu.toml) read as the build
//! reads it, its bands checked at their edges, and broken frames refused
//! with every problem named.

use bontot_core::frame::{FrameFile, Points, ScoreError, parse, score};
use bontot_core::rules::Rating;

const AN_PHU: &str = include_str!("../../content/frames/an-phu.toml");

fn an_phu() -> bontot_core::frame::Frame {
    let f: FrameFile = toml::from_str(AN_PHU).expect("an-phu.toml parses");
    parse("an-phu", f).expect("an-phu.toml is valid")
}

/// Points giving `total` whole points: every item at its max, then the
/// shortfall taken off the items that allow any mark, last first.
fn points_for(frame: &bontot_core::frame::Frame, total: u32) -> Vec<Points> {
    let mut pts: Vec<Points> = frame.items().map(|(_, i)| i.max).collect();
    let mut short = frame.total.0 - total * Points::SCALE;
    for (k, (_, item)) in frame
        .items()
        .enumerate()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        if short == 0 {
            break;
        }
        if item.choices.is_empty() {
            let take = short.min(item.max.0);
            pts[k] = Points(item.max.0 - take);
            short -= take;
        }
    }
    assert_eq!(short, 0, "free items cannot take {total} off");
    pts
}

#[test]
fn the_example_has_the_eight_groups_of_the_note() {
    let f = an_phu();
    let groups: Vec<u32> = f.groups.iter().map(|g| g.max.0 / Points::SCALE).collect();
    assert_eq!(groups, [5, 5, 10, 30, 10, 5, 30, 5]);
    assert_eq!(f.total, Points::whole(100));
    assert_eq!(f.source.number.as_deref(), Some("08-KH/ĐU"));
    assert_eq!(f.source.issuer, "Đảng ủy phường An Phú");
    assert!(f.scope.contains("được áp dụng trước"));
}

#[test]
fn bands_at_their_edges() {
    let f = an_phu();
    for (total, rating) in [
        (100, Rating::Tot),
        (90, Rating::Tot),
        (89, Rating::Kha),
        (70, Rating::Kha),
        (69, Rating::TrungBinh),
        (50, Rating::TrungBinh),
        (49, Rating::Kem),
        (0, Rating::Kem),
    ] {
        assert_eq!(f.rating_of(Points::whole(total)), rating, "{total}");
    }
    // Between whole points: a band starts exactly at its number.
    assert_eq!(f.rating_of(Points(89_999)), Rating::Kha);
    assert_eq!(f.rating_of(Points(49_999)), Rating::Kem);
}

#[test]
fn a_scored_meeting_adds_up_and_takes_its_band() {
    let f = an_phu();
    for (total, rating) in [
        (90, Rating::Tot),
        (89, Rating::Kha),
        (70, Rating::Kha),
        (69, Rating::TrungBinh),
    ] {
        let s = score(&f, &points_for(&f, total)).expect("valid points");
        assert_eq!(s.total, Points::whole(total));
        assert_eq!(s.rating, rating, "{total}");
        assert_eq!(s.groups.iter().map(|p| p.0).sum::<u32>(), s.total.0);
    }
    // The lowest marks the frame allows.
    let low: Vec<Points> = f
        .items()
        .map(|(_, i)| i.choices.last().map_or(Points(0), |c| c.points))
        .collect();
    let s = score(&f, &low).unwrap();
    assert_eq!(s.total, Points::whole(1 + 1 + 2 + 10));
    assert_eq!(s.rating, Rating::Kem);
}

#[test]
fn points_above_an_item_or_off_its_scale_are_refused_all_at_once() {
    let f = an_phu();
    let mut pts: Vec<Points> = f.items().map(|(_, i)| i.max).collect();
    pts[0] = Points::whole(6); // thời lượng: 5 at most
    pts[1] = Points(2_500); // tỉ lệ dự họp: 4, 3, 2 or 1 only
    pts[3] = Points(1_500); // a free item: any mark up to its max
    let errs = score(&f, &pts).unwrap_err();
    assert_eq!(
        errs,
        vec![
            ScoreError::AboveMax {
                item: 0,
                max: Points::whole(5)
            },
            ScoreError::NotAChoice { item: 1 },
        ]
    );
    assert!(errs[0].vietnamese(&f).contains("tối đa 5 điểm"));
    let errs = score(&f, &pts[..3]).unwrap_err();
    assert!(matches!(errs[0], ScoreError::Count { given: 3, .. }));
}

fn problems_of(src: &str) -> Vec<(String, String)> {
    let f: FrameFile = toml::from_str(src).expect("parses as TOML");
    parse("x", f)
        .unwrap_err()
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

const SMALL: &str = r#"
title = "Phiếu"
local = true
scope = "Của một nơi; khung của nơi bạn được áp dụng trước."
total = 10
[source]
issuer = "Đảng ủy X"
kind = "Kế hoạch"
seen = "Văn bản"
read = 2026-12-07
[[groups]]
id = "a"
name = "A"
max = 10
[[groups.items]]
id = "a1"
text = "A1"
max = 10
[[bands]]
rating = "tot"
from = 9
[[bands]]
rating = "kha"
from = "7"
[[bands]]
rating = "kem"
from = 0
"#;

#[test]
fn a_small_frame_with_half_points_parses() {
    let f: FrameFile = toml::from_str(SMALL).unwrap();
    let f = parse("x", f).unwrap();
    let s = score(&f, &[Points::parse("8,5").unwrap()]).unwrap();
    assert_eq!(s.rating, Rating::Kha);
    assert_eq!(s.total.to_string(), "8,5");
}

#[test]
fn broken_frames_name_every_problem() {
    let src = SMALL
        .replace("local = true", "local = false")
        .replace("total = 10", "total = 12")
        .replace("id = \"a1\"", "id = \"a\"")
        .replace("from = \"7\"", "from = \"9,5\"")
        .replace("from = 0", "from = 1");
    let found = problems_of(&src);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "local",
            "groups[0].items[0].id",
            "total",
            "bands[1].from",
            "bands[2].from"
        ],
        "{found:?}"
    );
    assert!(found[2].1.contains("groups add up to 10"), "{found:?}");
    assert!(found[4].1.contains("must start at 0"), "{found:?}");

    let src = SMALL
        .replace("max = 10\n[[groups.items]]", "max = 8\n[[groups.items]]")
        .replace("rating = \"kha\"", "rating = \"tot\"");
    let found = problems_of(&src);
    assert!(
        found
            .iter()
            .any(|(p, m)| p == "groups[0].max" && m.contains("items add up to 10")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(p, m)| p == "bands[1].rating" && m.contains("two bands")),
        "{found:?}"
    );

    let src = SMALL.replace("max = 10\n[[bands]]", "max = 10\nchoices = [{ points = 11, text = \"x\" }, { points = 4, text = \"y\" }]\n[[bands]]");
    let found = problems_of(&src);
    assert!(
        found
            .iter()
            .any(|(p, m)| p == "groups[0].items[0].choices[0].points" && m.contains("above")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(p, _)| p == "groups[0].items[0].choices"),
        "{found:?}"
    );

    // A float is not exact: refused by type.
    let bad = SMALL.replace("from = 9\n", "from = 8.5\n");
    assert!(toml::from_str::<FrameFile>(&bad).is_err());
}
