//! The paper checklist (the form without scripts, and what is printed by
//! hand) says which reading each item rests on, as the calculator does.

mod common;
use std::path::Path;

#[test]
fn each_item_a_reading_changes_says_so_on_the_checklist() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"),
        &dir.path().join("content"),
    );
    common::build(dir.path()).unwrap();
    let page = std::fs::read_to_string(dir.path().join("dist/tu-danh-gia/binh-tan.html")).unwrap();
    let paper = &page[page.find("id=\"paper\"").unwrap()..];
    // "đạt và vượt" changes three targets; the monthly reading one item.
    assert_eq!(
        paper
            .matches("Cách hiểu “đạt và vượt chỉ tiêu được giao”: máy tính hiểu là")
            .count(),
        3,
        "{paper}"
    );
    assert_eq!(
        paper
            .matches("Cách hiểu “sinh hoạt chi bộ hằng tháng được đánh giá mức độ tốt”")
            .count(),
        1
    );
    assert!(paper.contains("cũng có thể hiểu là"));
}
