//! How far a deadline, a recurrence or the plan period moved: later by 1 quarter, earlier by 10 days.
//!
//! A deadline is compared in its own unit when both are of one kind (`2023-Q2` → `2023-Q3`: later by 1 quarter;
//! `2023-07` → `2023-05`: earlier by 2 months), else by their last days, in days (`2023-Q2` → `2023-07-15`: later
//! by 15 days). A deadline means the last day of its period, so `2023-Q4` → `2023` is changed, neither later nor
//! earlier.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Verdict;
use crate::deadline::Deadline;
use crate::model::{DueDay, Period, Schedule};

/// An amount of calendar time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Shift {
    /// How many `unit`s it moved, always positive: the direction is the change's [`Verdict`].
    pub amount: i64,
    /// The unit both deadlines share, or days when they are of different kinds.
    pub unit: ShiftUnit,
}

/// The unit of a [`Shift`]: that of the deadlines compared, or days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShiftUnit {
    /// Days, for deadlines of different kinds or day-exact dates (`2023-07-15`).
    Day,
    /// Months (`2023-07`).
    Month,
    /// Quarters (`2023-Q2`).
    Quarter,
    /// Halves of a year (`2023-H1`).
    Half,
    /// Years (`2023`).
    Year,
}

impl ShiftUnit {
    /// The word the JSON and the rendered diff use (`quarter`).
    pub fn as_str(self) -> &'static str {
        match self {
            ShiftUnit::Day => "day",
            ShiftUnit::Month => "month",
            ShiftUnit::Quarter => "quarter",
            ShiftUnit::Half => "half",
            ShiftUnit::Year => "year",
        }
    }
}

/// A signed count of `unit`s to a verdict and the shift's size.
fn shifted(by: i64, unit: ShiftUnit) -> (Verdict, Option<Shift>) {
    let verdict = match by.signum() {
        1 => Verdict::Later,
        -1 => Verdict::Earlier,
        _ => return (Verdict::Changed, None),
    };
    (
        verdict,
        Some(Shift {
            amount: by.abs(),
            unit,
        }),
    )
}

fn days_between(old: NaiveDate, new: NaiveDate) -> i64 {
    new.signed_duration_since(old).num_days()
}

/// How `new` stands to `old`.
pub fn deadline(old: Deadline, new: Deadline) -> (Verdict, Option<Shift>) {
    let index =
        |year: i32, per_year: u32, n: u32| i64::from(year) * i64::from(per_year) + i64::from(n);
    match (old, new) {
        (Deadline::Day(a), Deadline::Day(b)) => shifted(days_between(a, b), ShiftUnit::Day),
        (Deadline::Month { year: ya, month: a }, Deadline::Month { year: yb, month: b }) => {
            shifted(index(yb, 12, b) - index(ya, 12, a), ShiftUnit::Month)
        }
        (
            Deadline::Quarter {
                year: ya,
                quarter: a,
            },
            Deadline::Quarter {
                year: yb,
                quarter: b,
            },
        ) => shifted(index(yb, 4, b) - index(ya, 4, a), ShiftUnit::Quarter),
        (Deadline::Half { year: ya, half: a }, Deadline::Half { year: yb, half: b }) => {
            shifted(index(yb, 2, b) - index(ya, 2, a), ShiftUnit::Half)
        }
        (Deadline::Year(a), Deadline::Year(b)) => {
            shifted(i64::from(b) - i64::from(a), ShiftUnit::Year)
        }
        _ => shifted(days_between(old.last_day(), new.last_day()), ShiftUnit::Day),
    }
}

/// How a recurrence changed: each due date later or earlier by some days at the same frequency; less often is
/// loosened, more often tightened; any other change is changed.
pub fn schedule(old: Schedule, new: Schedule) -> (Verdict, Option<Shift>) {
    let (old_months, new_months) = (old.frequency.months(), new.frequency.months());
    if old_months != new_months {
        let verdict = if new_months > old_months {
            Verdict::Loosened
        } else {
            Verdict::Tightened
        };
        return (verdict, None);
    }
    match (old.by, new.by) {
        (DueDay::DayOfLastMonth(a), DueDay::DayOfLastMonth(b)) => {
            shifted(i64::from(b) - i64::from(a), ShiftUnit::Day)
        }
        (DueDay::MonthDay { month: ma, day: da }, DueDay::MonthDay { month: mb, day: db }) => {
            // Days of the year in a year without 29 February; a day past the month's end counts as its last.
            let day_of_year = |month: u32, day: u32| {
                (1..=31)
                    .rev()
                    .filter(|d| *d <= day)
                    .find_map(|d| NaiveDate::from_ymd_opt(2023, month, d))
                    .map(|d| i64::from(d.ordinal()))
            };
            match (day_of_year(ma, da), day_of_year(mb, db)) {
                (Some(a), Some(b)) => shifted(b - a, ShiftUnit::Day),
                _ => (Verdict::Changed, None),
            }
        }
        _ => (Verdict::Changed, None),
    }
}

/// How the plan period changed: its end later or earlier by some years when it starts in the same year.
pub fn period(old: Period, new: Period) -> (Verdict, Option<Shift>) {
    if old.from == new.from {
        shifted(i64::from(new.to) - i64::from(old.to), ShiftUnit::Year)
    } else {
        (Verdict::Changed, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Frequency;

    fn d(s: &str) -> Deadline {
        let lit: crate::deadline::DeadlineLit = s.parse().unwrap();
        lit.resolve(Some(2023)).unwrap()
    }

    fn said(v: (Verdict, Option<Shift>)) -> String {
        match v.1 {
            Some(s) => format!("{:?} by {} {}", v.0, s.amount, s.unit.as_str()),
            None => format!("{:?}", v.0),
        }
    }

    #[test]
    fn deadlines_move_in_their_own_unit_or_in_days() {
        let cases = [
            ("2023-Q2", "2023-Q3", "Later by 1 quarter"),
            ("2023-Q4", "2024-Q1", "Later by 1 quarter"),
            ("2023-07", "2023-05", "Earlier by 2 month"),
            ("2023-H2", "2023-H1", "Earlier by 1 half"),
            ("2023", "2025", "Later by 2 year"),
            ("2023-01-19", "2023-02-01", "Later by 13 day"),
            ("2023-Q2", "2023-07-15", "Later by 15 day"),
            ("2023-Q4", "2023", "Changed"),
        ];
        for (old, new, expected) in cases {
            assert_eq!(said(deadline(d(old), d(new))), expected, "{old} → {new}");
        }
    }

    #[test]
    fn recurrences_move_by_days_and_loosen_when_less_often() {
        let every = |frequency, by| Schedule { frequency, by };
        let quarter = |day| every(Frequency::Quarter, DueDay::DayOfLastMonth(day));
        assert_eq!(said(schedule(quarter(15), quarter(20))), "Later by 5 day");
        assert_eq!(
            said(schedule(
                quarter(15),
                every(Frequency::Year, DueDay::DayOfLastMonth(15))
            )),
            "Loosened"
        );
        assert_eq!(
            said(schedule(
                quarter(15),
                every(Frequency::Month, DueDay::DayOfLastMonth(15))
            )),
            "Tightened"
        );
        let yearly = |month, day| every(Frequency::Year, DueDay::MonthDay { month, day });
        assert_eq!(
            said(schedule(yearly(11, 25), yearly(12, 5))),
            "Later by 10 day"
        );
        assert_eq!(said(schedule(yearly(2, 30), yearly(2, 28))), "Changed");
    }

    #[test]
    fn a_period_ending_later_is_later() {
        let p = |from, to| Period { from, to };
        assert_eq!(
            said(period(p(2021, 2025), p(2021, 2030))),
            "Later by 5 year"
        );
        assert_eq!(said(period(p(2021, 2025), p(2022, 2025))), "Changed");
    }
}
