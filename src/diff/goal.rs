//! Whether a changed goal asks for more or for less: `>= 9.3` → `>= 9` is loosened, `~497` → `>= 500` tightened.
//!
//! A numeric goal is the set of actual values that meet it, bounded below and above (`Goal::bounds`, with each
//! plan's `approx` for `~`). Each bound of the new goal is compared with the same bound of the old one:
//!
//! - **tightened** when no bound moved out and one moved in (fewer values meet it: the set shrank);
//! - **loosened** when no bound moved in and one moved out (more values meet it: the set grew);
//! - when one bound moved in and the other out, the goal's direction decides: a one-sided goal (`>=`, `>`: the
//!   lower bound; `<=`, `<`: the upper bound) on either side names the bound the plan cares about, and its move is
//!   the verdict (`~497` → `>= 500` raises the lower bound from 472.15 to 500 and drops the upper one: tightened);
//!   when both goals are two-sided (ranges, exact, `~`), or one-sided in opposite directions (`>= 5` → `<= 5`),
//!   the goal is **changed**;
//! - **changed** too when both bounds stay where they were (a goal restated: `~100` with `approx 5%` → `95..105`),
//!   when the unit changed (the numbers are not comparable), and between a qualitative goal and anything else;
//! - a goal set where there was none is tightened, a goal dropped loosened.
//!
//! At an equal value a strict bound (`> 56`) is tighter than an inclusive one (`>= 56`).

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::Verdict;
use crate::model::Goal;

/// One side of the goal: the bound's value and whether it is strict; `None` is unbounded.
type Bound = Option<(Decimal, bool)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    /// `>=`, `>`: at least.
    Lower,
    /// `<=`, `<`: at most.
    Upper,
    /// Exact, range, `~`.
    Both,
}

/// A numeric goal as its two bounds and its direction; `None` for a qualitative goal.
fn sides(goal: &Goal, approx: Decimal) -> Option<(Bound, Bound, Direction)> {
    let inclusive = |x: Decimal| Some((x, false));
    let strict = |x: Decimal| Some((x, true));
    Some(match goal {
        Goal::Exact(x) => (inclusive(*x), inclusive(*x), Direction::Both),
        Goal::AtLeast(x) => (inclusive(*x), None, Direction::Lower),
        Goal::Above(x) => (strict(*x), None, Direction::Lower),
        Goal::AtMost(x) => (None, inclusive(*x), Direction::Upper),
        Goal::Below(x) => (None, strict(*x), Direction::Upper),
        Goal::Range(a, b) => (inclusive(*a), inclusive(*b), Direction::Both),
        Goal::Approx(_) => {
            let (lo, hi) = goal.bounds(approx);
            (
                lo.and_then(inclusive),
                hi.and_then(inclusive),
                Direction::Both,
            )
        }
        Goal::Text(_) => return None,
    })
}

/// How the new lower bound compares with the old: `Greater` when it lets fewer values through.
fn lower_move(old: Bound, new: Bound) -> Ordering {
    match (old, new) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some((a, sa)), Some((b, sb))) => b.cmp(&a).then(sb.cmp(&sa)),
    }
}

/// How the new upper bound compares with the old: `Greater` when it lets fewer values through.
fn upper_move(old: Bound, new: Bound) -> Ordering {
    match (old, new) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some((a, sa)), Some((b, sb))) => a.cmp(&b).then(sb.cmp(&sa)),
    }
}

fn verdict_of(moved: Ordering) -> Verdict {
    match moved {
        Ordering::Greater => Verdict::Tightened,
        Ordering::Less => Verdict::Loosened,
        Ordering::Equal => Verdict::Changed,
    }
}

/// The verdict on a goal that changed from `old` to `new` (each with its plan's `approx`), the unit unchanged.
pub fn compare(old: Option<(&Goal, Decimal)>, new: Option<(&Goal, Decimal)>) -> Verdict {
    let ((old, old_approx), (new, new_approx)) = match (old, new) {
        (None, None) => return Verdict::Changed,
        (None, Some(_)) => return Verdict::Tightened,
        (Some(_), None) => return Verdict::Loosened,
        (Some(old), Some(new)) => (old, new),
    };
    let (Some((old_lo, old_hi, old_dir)), Some((new_lo, new_hi, new_dir))) =
        (sides(old, old_approx), sides(new, new_approx))
    else {
        return Verdict::Changed;
    };
    let lower = lower_move(old_lo, new_lo);
    let upper = upper_move(old_hi, new_hi);
    if lower != Ordering::Less
        && upper != Ordering::Less
        && (lower, upper) != (Ordering::Equal, Ordering::Equal)
    {
        return Verdict::Tightened;
    }
    if lower != Ordering::Greater
        && upper != Ordering::Greater
        && (lower, upper) != (Ordering::Equal, Ordering::Equal)
    {
        return Verdict::Loosened;
    }
    if (lower, upper) == (Ordering::Equal, Ordering::Equal) {
        return Verdict::Changed;
    }
    match (old_dir, new_dir) {
        (Direction::Lower, Direction::Upper) | (Direction::Upper, Direction::Lower) => {
            Verdict::Changed
        }
        (_, Direction::Lower) | (Direction::Lower, Direction::Both) => verdict_of(lower),
        (_, Direction::Upper) | (Direction::Upper, Direction::Both) => verdict_of(upper),
        (Direction::Both, Direction::Both) => Verdict::Changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(text: &str) -> Goal {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        if let Some(x) = text.strip_prefix(">= ") {
            Goal::AtLeast(d(x))
        } else if let Some(x) = text.strip_prefix("> ") {
            Goal::Above(d(x))
        } else if let Some(x) = text.strip_prefix("<= ") {
            Goal::AtMost(d(x))
        } else if let Some(x) = text.strip_prefix("< ") {
            Goal::Below(d(x))
        } else if let Some(x) = text.strip_prefix('~') {
            Goal::Approx(d(x))
        } else if let Some((a, b)) = text.split_once("..") {
            Goal::Range(d(a), d(b))
        } else if let Some(t) = text.strip_prefix('"') {
            Goal::Text(t.trim_end_matches('"').to_string())
        } else {
            Goal::Exact(d(text))
        }
    }

    fn verdict(old: &str, new: &str) -> Verdict {
        let five = Decimal::new(5, 2);
        compare(Some((&goal(old), five)), Some((&goal(new), five)))
    }

    #[test]
    fn every_pair_of_goal_forms_has_the_verdict_the_rules_give() {
        use Verdict::{Changed, Loosened, Tightened};
        let cases = [
            // The examples.
            (">= 9.3", ">= 9", Loosened),
            ("~497", ">= 500", Tightened),
            // One-sided goals move one bound.
            (">= 9", ">= 9.3", Tightened),
            (">= 56", "> 56", Tightened),
            ("> 56", ">= 56", Loosened),
            ("<= 2.5", "<= 3", Loosened),
            ("< 4.1", "<= 4.1", Loosened),
            ("<= 2.5", "< 2.5", Tightened),
            // Opposite directions: neither.
            (">= 5", "<= 5", Changed),
            ("< 5", "> 5", Changed),
            // Exact and ranges: inclusion decides, shifts are neither.
            ("100", "90..110", Loosened),
            ("90..110", "100", Tightened),
            ("8.1..8.6", "8..9", Loosened),
            ("8..9", "8.1..8.6", Tightened),
            ("8..9", "8.5..9.5", Changed),
            ("100", "101", Changed),
            // Two-sided against one-sided: the one-sided goal's bound.
            (">= 9.3", "8..10", Loosened),
            (">= 9.3", "9.5..10", Tightened),
            ("8..10", ">= 9", Tightened),
            ("8..10", ">= 7", Loosened),
            ("8..10", "<= 9", Tightened),
            ("~100", "<= 110", Loosened),
            ("100", ">= 100", Loosened),
            // Approximate goals use the tolerance: ~100 is 95..105.
            ("~100", "95..105", Changed),
            ("~100", "96..104", Tightened),
            ("~100", "~110", Changed),
            ("~100", "~0", Changed),
            // Qualitative goals are compared as text only.
            ("\"Nhóm dẫn đầu\"", "\"Nhóm khá\"", Changed),
            ("\"Nhóm dẫn đầu\"", ">= 60", Changed),
            (">= 60", "\"Nhóm dẫn đầu\"", Changed),
        ];
        for (old, new, expected) in cases {
            assert_eq!(verdict(old, new), expected, "{old} → {new}");
        }
    }

    #[test]
    fn a_goal_set_tightens_and_a_goal_dropped_loosens() {
        let g = goal(">= 1");
        let five = Decimal::new(5, 2);
        assert_eq!(compare(None, Some((&g, five))), Verdict::Tightened);
        assert_eq!(compare(Some((&g, five)), None), Verdict::Loosened);
    }

    #[test]
    fn a_wider_tolerance_loosens_an_approximate_goal() {
        let g = goal("~100");
        assert_eq!(
            compare(
                Some((&g, Decimal::new(5, 2))),
                Some((&g, Decimal::new(10, 2)))
            ),
            Verdict::Loosened
        );
    }
}
