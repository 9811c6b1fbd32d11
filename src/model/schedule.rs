//! When duties fall due (SPEC §2b): a task's schedule (one-off, ongoing or recurring), the days over which a
//! plan's recurrences run, and their occurrences.
//!
//! This is the one place that lists occurrences: check (facts keyed by an occurrence), evaluation (each occurrence
//! judged, the next one due), the calendar and the reporting form all call [`Schedule::occurrences`] over the
//! plan's [`Run`], so that they agree on which periods a recurrence has.
//!
//! - An occurrence is one period of the recurrence (a month, quarter, half or year) and the day it falls due.
//! - The first is the first whose due day is on or after the plan's `issued`: none falls due before the plan
//!   existed. Without `issued`, the run starts on the first day of the plan period; with neither, on 1 January of
//!   the year evaluated (`as_of`).
//! - The last is the last within the plan period. A plan without `period` is open-ended: its recurrences run
//!   without end, and evaluation lists them up to `as_of` and the next one. So that no input unfolds without bound,
//!   an open-ended run is listed for at most [`MAX_YEAR_SPAN`] years, the longest a `period` may be.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{DueDay, Frequency, Model};
use crate::deadline::{Deadline, last_day_of_month};
use crate::limits::MAX_YEAR_SPAN;

/// A recurring due date: `every quarter by day 15`, `every year by 11-25`, `every year by Q4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// How often it falls due.
    pub frequency: Frequency,
    /// Which day of each period it falls due on.
    pub by: DueDay,
}

/// `quarter by day 15`, `year by 12-15`, `year by Q4`: as the plan writes it after `every`.
impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} by {}", self.frequency.as_str(), self.by)
    }
}

impl Serialize for Schedule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// When a task falls due: once, never (a standing duty), or once in each period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskSchedule {
    /// A one-off task. `due` is its `due`, or else the end of the plan period; `None` in an open-ended plan
    /// without `due`, where the task has no deadline and is never overdue. `written` says whether `due` was
    /// written.
    Once {
        /// The deadline: `due`, or else the end of the plan period.
        due: Option<Deadline>,
        /// Whether `due` was written in the plan.
        written: bool,
    },
    /// `ongoing`: a standing duty ("thường xuyên"), never finished and never overdue, judged by assessments.
    Ongoing,
    /// `every …`: one occurrence per period ("hằng năm", "định kỳ"), each due on its own day.
    Every(Schedule),
}

impl TaskSchedule {
    /// The deadline of a one-off task; recurring and ongoing duties have no single one.
    pub fn due(self) -> Option<Deadline> {
        match self {
            TaskSchedule::Once { due, .. } => due,
            TaskSchedule::Ongoing | TaskSchedule::Every(_) => None,
        }
    }

    /// The recurrence of a recurring task.
    pub fn every(self) -> Option<Schedule> {
        match self {
            TaskSchedule::Every(s) => Some(s),
            TaskSchedule::Once { .. } | TaskSchedule::Ongoing => None,
        }
    }

    pub(crate) fn is_ongoing(self) -> bool {
        matches!(self, TaskSchedule::Ongoing)
    }
}

/// One period of a recurrence and the day it falls due: `2021-Q1`, due 2021-03-10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Occurrence {
    /// The period, whose key (`2021-Q1`) facts use for this occurrence.
    pub period: Deadline,
    /// The day it falls due: the recurrence's `by` day in that period.
    pub due: NaiveDate,
}

/// The days over which a plan's recurrences run: from its start to the end of its period, or without end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// No occurrence falls due before this day: the plan's `issued` (see the module's documentation).
    pub first: NaiveDate,
    /// The last day of the plan period; `None` for an open-ended plan.
    pub last: Option<NaiveDate>,
}

impl Run {
    /// The last day listed: the end of the plan period, or for an open-ended plan the end of the
    /// [`MAX_YEAR_SPAN`]th year from its start.
    pub fn end(self) -> NaiveDate {
        self.last.unwrap_or_else(|| self.horizon())
    }

    fn horizon(self) -> NaiveDate {
        let years = i32::try_from(MAX_YEAR_SPAN).unwrap_or(100) - 1;
        NaiveDate::from_ymd_opt(self.first.year().saturating_add(years), 12, 31)
            .unwrap_or(NaiveDate::MAX)
    }

    /// How many calendar years the listed run touches.
    pub fn years(self) -> usize {
        let span = i64::from(self.end().year()) - i64::from(self.first.year()) + 1;
        usize::try_from(span).unwrap_or(0)
    }
}

impl Model {
    /// The days the plan's recurrences run over (see [`Run`]). `as_of` is the day evaluated, which dates a plan
    /// with neither `issued` nor `period`; `None` when there is nothing to date it by.
    pub fn run(&self, as_of: Option<NaiveDate>) -> Option<Run> {
        let plan = self.plan.as_ref();
        let period = self.period();
        let last = period.and_then(|p| p.last_day());
        let first = plan
            .and_then(|p| p.issued)
            .or_else(|| period.and_then(|p| p.first_day()))
            .or_else(|| as_of.and_then(|d| NaiveDate::from_ymd_opt(d.year(), 1, 1)))?;
        Some(Run { first, last })
    }
}

impl Model {
    /// Who is answerable for a duty led (or a report sent) by `owners`: each member of a group with members, and
    /// a group without members itself (SPEC §2b). Members that are groups are expanded in turn; each owner once,
    /// in the order met.
    pub fn answerable(&self, owners: &[super::OwnerIx]) -> Vec<super::OwnerIx> {
        let mut out: Vec<super::OwnerIx> = Vec::with_capacity(owners.len());
        let mut seen = crate::hash::FxHashSet::default();
        let mut stack: Vec<super::OwnerIx> = owners.iter().rev().copied().collect();
        while let Some(o) = stack.pop() {
            if !seen.insert(o) {
                continue;
            }
            match self.owners.get(o).map(|info| info.members.as_slice()) {
                Some(members) if !members.is_empty() => stack.extend(members.iter().rev()),
                _ => out.push(o),
            }
        }
        out
    }
}

impl Schedule {
    /// How many periods of the recurrence fall in a year, and so how many occurrences.
    fn per_year(self) -> u32 {
        match self.by {
            DueDay::DayOfLastMonth(_) => 12 / self.frequency.months().max(1),
            DueDay::MonthDay { .. } | DueDay::EndOf(_) => 1,
        }
    }

    /// The `index`th period of `year` (from 0) and its due day, or `None` past the year's last period or for a
    /// due day that names no day (which `check` reports and leaves out of the model).
    fn nth(self, year: i32, index: u32) -> Option<Occurrence> {
        let months = self.frequency.months();
        let n = index + 1;
        let last_month = n * months;
        if last_month > 12 {
            return None;
        }
        let period = match self.frequency {
            Frequency::Month => Deadline::Month { year, month: n },
            Frequency::Quarter => Deadline::Quarter { year, quarter: n },
            Frequency::Half => Deadline::Half { year, half: n },
            Frequency::Year => Deadline::Year(year),
        };
        let due = match self.by {
            DueDay::DayOfLastMonth(day) => clamped(year, last_month, day)?,
            DueDay::MonthDay { month, day } => clamped(year, month, day)?,
            DueDay::EndOf(part) => last_day_of_month(year, part.last_month()?)?,
        };
        Some(Occurrence { period, due })
    }

    /// Every occurrence of the run, in order: from the first due on or after `run.first` to the last due by
    /// [`Run::end`]. Lazy, so that evaluation can stop at `as_of`.
    pub fn occurrences(self, run: Run) -> impl Iterator<Item = Occurrence> {
        let (first, end) = (run.first, run.end());
        let per_year = self.per_year();
        (first.year()..=end.year())
            .flat_map(move |year| (0..per_year).filter_map(move |i| self.nth(year, i)))
            .filter(move |o| first <= o.due)
            .take_while(move |o| o.due <= end)
    }

    /// The occurrence whose period is `period`, if the recurrence has one in the run: facts keyed by a period
    /// that is not one of the recurrence's (`2021-06` for a quarterly duty, a quarter before `issued`) have none.
    pub(crate) fn occurrence_of(self, period: Deadline, run: Run) -> Option<Occurrence> {
        let year = period.year();
        (0..self.per_year())
            .filter_map(|i| self.nth(year, i))
            .find(|o| o.period == period)
            .filter(|o| run.first <= o.due && o.due <= run.end())
    }

    /// The first occurrence due on or after `date`.
    pub(crate) fn next_from(self, date: NaiveDate, run: Run) -> Option<Occurrence> {
        let from = Run {
            first: run.first.max(date),
            ..run
        };
        self.occurrences(from).next()
    }

    /// An upper bound on the occurrences of the run, computed without listing them (for the expansion limit).
    pub fn count(self, run: Run) -> usize {
        run.years().saturating_mul(self.per_year() as usize)
    }
}

/// Day `day` of a month, or its last day when the month is shorter (`day 31` in June is 30 June).
fn clamped(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let last = last_day_of_month(year, month)?;
    NaiveDate::from_ymd_opt(year, month, day.min(last.day()))
}
