//! One sort for all of search.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably, like `slice::sort_by`, but through one
/// shared instance of the standard sort (an index sort with a dynamic
/// comparison): the WASM module would otherwise carry a copy of the sort
/// for each element type and comparison.
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_order(&mut order, &|a, b| cmp(&v[a], &v[b]));
    // `to[k]`: where the element now at k goes.
    let mut to = vec![0; v.len()];
    for (place, &from) in order.iter().enumerate() {
        to[from] = place;
    }
    for i in 0..v.len() {
        while to[i] != i {
            let j = to[i];
            v.swap(i, j);
            to.swap(i, j);
        }
    }
}

#[inline(never)]
fn sort_order(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut seed = 7u32;
        for n in [0, 1, 2, 5, 64, 1000] {
            let v: Vec<(u8, u32)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) as u8 % 7, i)
                })
                .collect();
            let mut a = v.clone();
            let mut b = v.clone();
            a.sort_by_key(|x| std::cmp::Reverse(x.0));
            sort_by(&mut b, |x, y| y.0.cmp(&x.0));
            assert_eq!(a, b);
        }
    }
}
