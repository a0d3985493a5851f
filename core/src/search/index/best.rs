//! The best postings of one spelling, kept within a bound.
//!
//! Candidates better than the worst kept one are appended, and the buffer
//! is cut back to the best `keep` whenever it reaches 1.5 × `keep`: the
//! same result as a bounded min-heap, without a cache miss on every sift.
//! The order is total (ties go to the lower page, then section), so what
//! is kept does not depend on the order candidates came in.

use std::cmp::{Ordering, Reverse};

pub(super) const K1: f32 = 1.2;
pub(super) const B: f32 = 0.75;

/// BM25's term-frequency part.
pub(super) fn tf_weight(tf: f32, len: f32, avg: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg))
}

pub(super) fn idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// A posting kept for now: larger is better.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cand {
    pub weight: f32,
    pub page: u32,
    pub section: u32,
    pub tf: u16,
    pub len: u16,
}

impl Cand {
    fn key(&self) -> (f32, Reverse<u32>, Reverse<u32>) {
        (self.weight, Reverse(self.page), Reverse(self.section))
    }
}

impl Ord for Cand {
    fn cmp(&self, o: &Self) -> Ordering {
        let (a, b) = (self.key(), o.key());
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    }
}
impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl PartialEq for Cand {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Cand {}

#[derive(Default)]
pub(super) struct Best {
    pub cands: Vec<Cand>,
    /// The worst kept candidate once the buffer has been cut.
    floor: Option<Cand>,
}

impl Best {
    pub fn push(&mut self, c: Cand, keep: usize) {
        if self.floor.is_some_and(|f| c <= f) {
            return;
        }
        self.cands.push(c);
        if self.cands.len() >= keep + keep / 2 {
            self.cut(keep);
        }
    }

    /// The worst candidate kept, once the buffer has been cut.
    pub fn floor(&self) -> Option<Cand> {
        self.floor
    }

    /// Keeps the best `keep` (in no particular order).
    pub fn cut(&mut self, keep: usize) {
        if self.cands.len() > keep {
            self.cands.select_nth_unstable_by(keep - 1, |a, b| b.cmp(a));
            self.cands.truncate(keep);
            self.floor = self.cands.iter().min().copied();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_best_whatever_the_order() {
        let c = |w: f32, page: u32| Cand {
            weight: w,
            page,
            section: 0,
            tf: 1,
            len: 1,
        };
        let all: Vec<Cand> = (0..100).map(|i| c((i % 7) as f32, i)).collect();
        let top = |order: &mut dyn Iterator<Item = &Cand>| {
            let mut b = Best::default();
            for x in order {
                b.push(*x, 10);
            }
            b.cut(10);
            let mut v: Vec<(u32, u32)> =
                b.cands.iter().map(|x| (x.weight as u32, x.page)).collect();
            v.sort();
            v
        };
        let a = top(&mut all.iter());
        assert_eq!(a, top(&mut all.iter().rev()));
        assert_eq!(a.len(), 10);
        assert!(a.iter().all(|&(w, p)| w == 6 && p < 70));
    }

    #[test]
    fn bm25_saturates_and_prefers_short_sections() {
        assert!(tf_weight(3.0, 10.0, 10.0) > tf_weight(1.0, 10.0, 10.0));
        assert!(tf_weight(100.0, 10.0, 10.0) < K1 + 1.0);
        assert!(tf_weight(1.0, 5.0, 10.0) > tf_weight(1.0, 50.0, 10.0));
        assert!(idf(100.0, 1.0) > idf(100.0, 50.0));
    }
}
