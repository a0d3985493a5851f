//! What the page says and how results are cut up, without the DOM (tested
//! natively).

use bontot_core::search::SearchResult;

/// Pieces of `text` for display: (text, highlighted). Ranges are byte
/// ranges from `core::search`; ones that overlap, are out of order, or
/// fall off a character boundary are skipped, never a panic. Highlights
/// separated only by spaces are joined ("chi bộ bốn tốt" is one mark).
pub fn pieces<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Vec<(&'a str, bool)> {
    // A few ranges, nearly always in order: an insertion sort (the
    // standard sort would add a few KB to the module).
    let mut sorted: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for &r in ranges {
        let at = sorted.iter().rposition(|&s| s <= r).map_or(0, |i| i + 1);
        sorted.insert(at, r);
    }
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in sorted {
        if b <= a || text.get(a..b).is_none() {
            continue;
        }
        match merged.last_mut() {
            Some(last) if a < last.1 => {}
            Some(last)
                if text
                    .get(last.1..a)
                    .is_some_and(|gap| gap.chars().all(|c| c == ' ')) =>
            {
                last.1 = b;
            }
            _ => merged.push((a, b)),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b) in merged {
        let (Some(before), Some(hit)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        if !before.is_empty() {
            out.push((before, false));
        }
        out.push((hit, true));
        at = b;
    }
    match text.get(at..) {
        Some(rest) if !rest.is_empty() => out.push((rest, false)),
        _ => {}
    }
    out
}

/// A page's results, in the order `core::search::results` ranked them.
pub struct Group {
    pub title: String,
    pub results: Vec<SearchResult>,
}

/// The page part of a result's URL ("ke-hoach/son-la.html").
fn page_of(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// Results grouped by page, pages in the order of their best result.
pub fn group(results: Vec<SearchResult>) -> Vec<Group> {
    let mut groups: Vec<(String, Group)> = Vec::new();
    for r in results {
        let page = page_of(&r.url).to_string();
        match groups.iter_mut().find(|(p, _)| *p == page) {
            Some((_, g)) => g.results.push(r),
            None => groups.push((
                page,
                Group {
                    title: r.page_title.clone(),
                    results: vec![r],
                },
            )),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Pages among `results`.
pub fn pages(results: &[SearchResult]) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for r in results {
        let page = r.url.split('#').next().unwrap_or_default();
        if !seen.contains(&page) {
            seen.push(page);
        }
    }
    seen.len()
}

/// The query as shown in messages: trimmed (of its own quotes too), and
/// cut if very long.
pub fn quoted(query: &str) -> String {
    let q = query.trim().trim_matches(['"', '“', '”', '„']).trim();
    let mut s: String = q.chars().take(80).collect();
    if s.len() < q.len() {
        s.push('…');
    }
    format!("“{s}”")
}

/// "Tìm thấy kết quả cho “…” trong 3 trang."
pub fn count(query: &str, pages: usize, maybe_more: bool) -> String {
    let at_least = if maybe_more { "ít nhất " } else { "" };
    format!(
        "Tìm thấy kết quả cho {} trong {at_least}{pages} trang.",
        quoted(query)
    )
}

/// A query in quotes whose first pages hold its words but not the phrase.
pub fn not_yet(query: &str) -> String {
    format!(
        "Chưa thấy cụm {} trong các trang đã xem; bấm “Xem thêm kết quả” để tìm tiếp.",
        quoted(query)
    )
}

pub fn none(query: &str) -> String {
    format!("Không tìm thấy kết quả cho {}.", quoted(query))
}

/// Above results shown with their headings only, when their page files
/// could not be fetched.
pub fn no_snippets(problem: &Problem) -> String {
    format!(
        "Các kết quả dưới đây mới có tiêu đề, chưa có đoạn trích. {}",
        problem.message()
    )
}

pub const TIPS: [&str; 4] = [
    "Gõ không dấu được: “chi bo bon tot” cũng tìm ra “chi bộ bốn tốt”.",
    "Cụm từ trong ngoặc kép, như “kết nạp”, chỉ tìm đúng cụm đó; bỏ ngoặc kép để tìm từng chữ.",
    "Thử từ ngắn hơn, hoặc bớt từ.",
    "Kiểm tra lỗi gõ.",
];

/// Why a query could not be answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The request failed: offline and not saved for offline use.
    Network,
    /// The server answered with an error (a file missing after an update).
    Http(u16),
    /// A file that is not the JSON it should be.
    Corrupt,
    /// The index is of another format version than this code.
    Version,
}

impl Problem {
    pub fn message(&self) -> String {
        match self {
            Problem::Network => "Không tải được dữ liệu tìm kiếm: có vẻ thiết bị đang mất mạng, \
                 và phần này chưa được lưu để dùng khi không có mạng. \
                 Hãy kết nối mạng rồi thử lại."
                .to_string(),
            Problem::Http(status) => format!(
                "Không tải được dữ liệu tìm kiếm (máy chủ báo lỗi {status}). \
                 Có thể trang vừa được cập nhật: hãy tải lại trang rồi thử lại."
            ),
            Problem::Corrupt => {
                "Dữ liệu tìm kiếm bị lỗi. Hãy tải lại trang rồi thử lại.".to_string()
            }
            Problem::Version => "Dữ liệu tìm kiếm thuộc một phiên bản khác của trang. \
                 Hãy tải lại trang."
                .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, ranges: &[(usize, usize)]) -> String {
        pieces(text, ranges)
            .into_iter()
            .map(|(t, hit)| if hit { format!("[{t}]") } else { t.into() })
            .collect()
    }

    #[test]
    fn highlights_join_across_spaces_and_skip_bad_ranges() {
        let t = "Xây dựng chi bộ bốn tốt, vững mạnh";
        let chi = t.find("chi").unwrap();
        let bo = t.find("bộ").unwrap();
        let bon = t.find("bốn").unwrap();
        let tot = t.find("tốt").unwrap();
        let ranges = [
            (tot, tot + "tốt".len()),
            (chi, chi + 3),
            (bo, bo + "bộ".len()),
            (bon, bon + "bốn".len()),
        ];
        assert_eq!(show(t, &ranges), "Xây dựng [chi bộ bốn tốt], vững mạnh");
        // Inside "â" (not a char boundary), reversed, past the end, overlapping.
        let bad = [(2, 3), (5, 4), (0, 999), (chi, chi + 3), (chi + 1, chi + 2)];
        assert_eq!(show(t, &bad), "Xây dựng [chi] bộ bốn tốt, vững mạnh");
        assert_eq!(show("", &[(0, 1)]), "");
        assert_eq!(show("abc", &[(0, 3)]), "[abc]");
        // Not joined across punctuation.
        let t = "a, b";
        assert_eq!(show(t, &[(0, 1), (3, 4)]), "[a], [b]");
    }

    fn result(url: &str, heading: &str) -> SearchResult {
        SearchResult {
            page_title: url.split('#').next().unwrap().to_string(),
            url: url.into(),
            heading: heading.into(),
            heading_highlights: vec![],
            snippet: String::new(),
            highlights: vec![],
            score: Default::default(),
        }
    }

    #[test]
    fn pages_are_counted_once() {
        let r = [
            result("a.html#x", "1"),
            result("b.html#y", "2"),
            result("a.html", "3"),
        ];
        assert_eq!(pages(&r), 2);
        assert_eq!(pages(&[]), 0);
    }

    #[test]
    fn groups_by_page_in_rank_order() {
        let g = group(vec![
            result("a.html#x", "1"),
            result("b.html#y", "2"),
            result("a.html", "3"),
        ]);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].title, "a.html");
        assert_eq!(g[0].results.len(), 2);
        assert_eq!(g[1].results[0].heading, "2");
    }

    #[test]
    fn messages() {
        assert_eq!(
            count(" dang vien ", 3, false),
            "Tìm thấy kết quả cho “dang vien” trong 3 trang."
        );
        assert!(count("x", 5, true).contains("ít nhất 5"));
        assert_eq!(none("xyz"), "Không tìm thấy kết quả cho “xyz”.");
        assert!(quoted(&"a".repeat(100)).ends_with("…”"));
        // The reader's own quotes are not doubled.
        assert_eq!(
            none(" \"kết nạp\""),
            "Không tìm thấy kết quả cho “kết nạp”."
        );
        assert_eq!(none("“ket nap”"), "Không tìm thấy kết quả cho “ket nap”.");
        assert!(not_yet("\"ket nap\"").starts_with("Chưa thấy cụm “ket nap” "));
        assert!(Problem::Http(404).message().contains("404"));
        assert!(no_snippets(&Problem::Network).contains("chưa có đoạn trích. Không tải được"));
    }
}
