//! Stable sorting with one copy of the sorting code.
//!
//! `slice::sort_by_key` is generic over the element and the closure, so every call site gets its own copy of the
//! standard library's driftsort: 22 copies, 80 KB of the WebAssembly module before these helpers. Here the
//! positions `0..len` are sorted once, by one instantiation that compares through `dyn Fn`, and the elements are
//! then swapped into that order. Both sorts are stable, so the order is exactly the one `sort_by_key` gives.

use std::cmp::Ordering;

/// Sorts `list` by `compare`, stably, as `slice::sort_by` does.
pub(crate) fn sort_by<T>(list: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if list.len() < 2 {
        return;
    }
    let swaps = {
        let items: &[T] = list;
        swaps(order(
            items.len(),
            &|a, b| match (items.get(a), items.get(b)) {
                (Some(a), Some(b)) => compare(a, b),
                _ => Ordering::Equal,
            },
        ))
    };
    for (a, b) in swaps {
        list.swap(a, b);
    }
}

/// Sorts `list` by the key `key` gives each element, stably, as `slice::sort_by_key` does.
pub(crate) fn sort_by_key<T, K: Ord>(list: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(list, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `list` in its natural order, stably, as `slice::sort` does.
pub(crate) fn sort<T: Ord>(list: &mut [T]) {
    sort_by(list, T::cmp);
}

/// The positions `0..len` in the stable order `compare` (of two positions) gives them: `order[i]` is the position
/// whose element goes to `i`.
fn order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// The swaps that put each element where `order` says, following each cycle of the permutation once; each swap
/// places one element for good, so there are fewer swaps than elements.
fn swaps(mut order: Vec<usize>) -> Vec<(usize, usize)> {
    let mut swaps = Vec::new();
    for start in 0..order.len() {
        // `at` holds the element the cycle started with (swapped along each time) and wants the one at
        // `order[at]`, which has not moved yet; once `order[at]` is `start`, `at` already holds it. A position
        // done is marked by pointing at itself.
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == at || from == start {
                break;
            }
            swaps.push((at, from));
            at = from;
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The order is exactly the standard library's stable sort, duplicates (told apart by their position)
        /// included.
        #[test]
        fn sorts_as_the_standard_library_does(keys in prop::collection::vec(0u8..8, 0..200)) {
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            super::sort_by_key(&mut ours, |&(key, _)| key);
            std.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sorts_by_a_comparison_as_the_standard_library_does(keys in prop::collection::vec(0u8..8, 0..200)) {
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            let compare = |a: &(u8, usize), b: &(u8, usize)| (a.0 % 3).cmp(&(b.0 % 3)).then(b.0.cmp(&a.0));
            super::sort_by(&mut ours, compare);
            std.sort_by(compare);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn a_natural_sort_of_lists() {
        let mut lists = vec![vec![3, 1], vec![1, 2, 3], vec![], vec![1, 2]];
        super::sort(&mut lists);
        assert_eq!(lists, vec![vec![], vec![1, 2], vec![1, 2, 3], vec![3, 1]]);
    }
}
