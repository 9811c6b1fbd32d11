//! Standing and recurring duties and tracked reports (SPEC §2b): each occurrence of a recurring duty judged as a
//! one-off task, a standing duty judged on its latest assessment, each submitter's report for each period judged
//! on time, late or missing. The occurrences come from [`crate::model::Schedule::occurrences`], the one place that
//! lists them.

use chrono::NaiveDate;
use serde::Serialize;

use super::Options;
use super::report::Number;
use super::status::{ReportStatus, SubmissionStatus, TaskStatus};
use crate::deadline::Deadline;
use crate::facts::{OccurrenceFacts, TaskFacts, Verdict, period_order};
use crate::model::{Model, OwnerIx, ReportInfo, Run, Schedule};

/// One occurrence of a recurring duty, judged as a one-off task due on its day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OccurrenceResult {
    /// The period, as facts key it (`2021-Q1`).
    pub period: Deadline,
    /// The day it falls due.
    pub due: NaiveDate,
    /// How it stands, as a one-off task due that day would.
    pub status: TaskStatus,
    /// The day it was done, if reported.
    pub done: Option<NaiveDate>,
    /// Percent done, if reported.
    pub progress: Option<Number>,
    /// Days past due when done late, or so far when open and overdue; 0 otherwise.
    pub days_late: i64,
    /// Days from `as_of` to its due day, while open and not yet due.
    pub days_left: Option<i64>,
    /// When it was cancelled, the reason given (empty when none was written); `None` when it was not.
    pub cancelled: Option<String>,
}

/// A recurring duty's occurrences so far, counted: done on time, done late, not done past their day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OccurrenceCounts {
    /// Done on or before their day.
    pub on_time: usize,
    /// Done after their day.
    pub late: usize,
    /// Not done, their day past.
    pub overdue: usize,
}

/// The assessment a standing duty is judged on, with its note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DutyAssessmentResult {
    /// The period assessed.
    pub period: Deadline,
    /// `met` or `missed`.
    pub verdict: Verdict,
    /// What the assessor added, if anything.
    pub note: Option<String>,
}

/// One submitter's report for one period due by `as_of`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubmissionResult<'m> {
    /// The reporting period.
    pub period: Deadline,
    /// The period's due day.
    pub due: NaiveDate,
    /// The owner who sends it.
    pub from: &'m str,
    /// On time, late or missing.
    pub status: SubmissionStatus,
    /// The day it came in, if it did by `as_of`.
    pub submitted: Option<NaiveDate>,
    /// Days after the due day it came in; 0 when on time or missing.
    pub days_late: i64,
}

/// One submitter's report for one period, as judged (the sender by index).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SubmissionJudgement {
    pub period: Deadline,
    pub due: NaiveDate,
    pub from: OwnerIx,
    pub status: SubmissionStatus,
    pub submitted: Option<NaiveDate>,
    pub days_late: i64,
}

/// An owner's reports due by `as_of` and how they came in: the per-agency reporting scorecard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SubmissionCounts {
    /// Reports due by `as_of`.
    pub due: usize,
    /// Came in on or before their day.
    pub on_time: usize,
    /// Came in after it.
    pub late: usize,
    /// Not come in.
    pub missing: usize,
}

impl SubmissionCounts {
    /// Counts one more report due, with how it came in.
    pub fn add(&mut self, status: SubmissionStatus) {
        self.due += 1;
        match status {
            SubmissionStatus::OnTime => self.on_time += 1,
            SubmissionStatus::Late => self.late += 1,
            SubmissionStatus::Missing => self.missing += 1,
        }
    }
}

/// What a one-off task (or one occurrence) became by `as_of`, before `after` is considered.
pub struct Outcome {
    pub status: TaskStatus,
    pub done: Option<NaiveDate>,
    pub days_late: i64,
    pub days_left: Option<i64>,
    pub cancelled: Option<String>,
}

/// Judges a task or an occurrence due on `due` (none: no deadline, never overdue) from what was reported.
pub fn outcome(
    due: Option<NaiveDate>,
    done: Option<NaiveDate>,
    cancelled: Option<&Option<String>>,
    options: &Options,
) -> Outcome {
    let as_of = options.as_of;
    // An evaluation of an earlier day does not see later work.
    let done = done.filter(|d| *d <= as_of);
    let cancelled = cancelled.filter(|_| done.is_none());
    let days_left = due
        .filter(|_| done.is_none() && cancelled.is_none())
        .map(|d| (d - as_of).num_days())
        .filter(|n| *n >= 0);
    let status = match (done, due) {
        (Some(d), Some(due)) if d > due => TaskStatus::DoneLate,
        (Some(_), _) => TaskStatus::Done,
        (None, _) if cancelled.is_some() => TaskStatus::Cancelled,
        (None, Some(due)) if as_of > due => TaskStatus::Overdue,
        (None, Some(_)) if days_left.is_some_and(|n| n <= i64::from(options.due_soon_days)) => {
            TaskStatus::DueSoon
        }
        (None, _) => TaskStatus::Open,
    };
    let days_late = match (due, done) {
        (Some(due), Some(d)) => (d - due).num_days().max(0),
        (Some(due), None) if cancelled.is_none() => (as_of - due).num_days().max(0),
        _ => 0,
    };
    Outcome {
        status,
        done,
        days_late,
        days_left,
        cancelled: cancelled.map(|reason| reason.clone().unwrap_or_default()),
    }
}

/// A recurring duty judged: its occurrences, their counts, and what the duty shows as its own.
pub struct Recurring {
    pub status: TaskStatus,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub progress: Option<Number>,
    pub days_late: i64,
    pub days_left: Option<i64>,
    pub occurrences: Vec<OccurrenceResult>,
    pub counts: OccurrenceCounts,
}

/// Judges a recurring duty: every occurrence due by `as_of`, and after it those reported on early, up to the
/// next one still open. The duty is `overdue` if any occurrence is, else its next open occurrence's status, else
/// `done` (`done-late` if any was late), or `cancelled` when every occurrence was. Its `due` is its next open
/// occurrence's: the earliest not done nor cancelled, overdue or not.
pub fn recurring(schedule: Schedule, facts: &TaskFacts, run: Run, options: &Options) -> Recurring {
    let as_of = options.as_of;
    let mut occurrences: Vec<OccurrenceResult> = Vec::new();
    let mut counts = OccurrenceCounts::default();
    let mut next_open: Option<usize> = None;
    for o in schedule.occurrences(run) {
        // Past `as_of`, occurrences are listed up to the first one still open.
        if o.due > as_of
            && occurrences
                .iter()
                .skip_while(|x| x.due <= as_of)
                .any(is_open)
        {
            break;
        }
        let reported = facts.occurrences.iter().find(|f| f.period == o.period);
        let result = occurrence(o.period, o.due, reported, options);
        match result.status {
            TaskStatus::Done => counts.on_time += 1,
            TaskStatus::DoneLate => counts.late += 1,
            TaskStatus::Overdue => counts.overdue += 1,
            _ => {}
        }
        if next_open.is_none() && is_open(&result) {
            next_open = Some(occurrences.len());
        }
        occurrences.push(result);
    }
    let next = next_open.and_then(|i| occurrences.get(i));
    let status = if counts.overdue > 0 {
        TaskStatus::Overdue
    } else if let Some(next) = next {
        next.status
    } else if occurrences.is_empty() {
        TaskStatus::Open
    } else if counts.on_time + counts.late == 0 {
        TaskStatus::Cancelled
    } else if counts.late > 0 {
        TaskStatus::DoneLate
    } else {
        TaskStatus::Done
    };
    Recurring {
        status,
        due: next.map(|n| n.due),
        done: occurrences
            .iter()
            .filter_map(|o| o.done)
            .max()
            .filter(|_| next.is_none()),
        progress: next.and_then(|n| n.progress),
        days_late: occurrences
            .iter()
            .filter(|o| o.status == TaskStatus::Overdue)
            .map(|o| o.days_late)
            .max()
            .unwrap_or(0),
        days_left: next.and_then(|n| n.days_left),
        occurrences,
        counts,
    }
}

/// Neither done nor cancelled.
fn is_open(o: &OccurrenceResult) -> bool {
    !matches!(
        o.status,
        TaskStatus::Done | TaskStatus::DoneLate | TaskStatus::Cancelled
    )
}

fn occurrence(
    period: Deadline,
    due: NaiveDate,
    reported: Option<&OccurrenceFacts>,
    options: &Options,
) -> OccurrenceResult {
    let o = outcome(
        Some(due),
        reported.and_then(|r| r.done),
        reported.and_then(|r| r.cancelled.as_ref()),
        options,
    );
    OccurrenceResult {
        period,
        due,
        status: o.status,
        done: o.done,
        progress: reported.and_then(|r| r.progress).map(Number),
        days_late: o.days_late,
        days_left: o.days_left,
        cancelled: o.cancelled,
    }
}

/// Judges a standing duty on the assessment of the latest period begun by `as_of` among those assessed:
/// `ongoing` (met), `behind` (missed), `needs-assessment` (none yet), or `cancelled`.
pub fn ongoing(facts: &TaskFacts, options: &Options) -> (TaskStatus, Option<DutyAssessmentResult>) {
    if facts.cancelled.is_some() {
        return (TaskStatus::Cancelled, None);
    }
    // Sorted with the latest period last (`facts::check`).
    let latest = facts
        .assessments
        .iter()
        .filter(|a| a.period.begun_by(options.as_of))
        .max_by_key(|a| period_order(a.period));
    let Some(a) = latest else {
        return (TaskStatus::NeedsAssessment, None);
    };
    let status = match a.verdict {
        Verdict::Met => TaskStatus::Ongoing,
        Verdict::Missed => TaskStatus::Behind,
    };
    let shown = DutyAssessmentResult {
        period: a.period,
        verdict: a.verdict,
        note: a.note.clone(),
    };
    (status, Some(shown))
}

/// A tracked report's submissions due by `as_of`, one per submitter and occurrence, and the report's status:
/// `missing` if any is, else `late` if any is, else `on-time`, or `scheduled` when nothing is due yet.
pub fn submissions(
    model: &Model,
    report: &ReportInfo,
    submitted: &[crate::facts::Submission],
    run: Run,
    options: &Options,
) -> Option<(ReportStatus, Vec<SubmissionJudgement>)> {
    let every = report.every?;
    let submitters = model.answerable(&report.from);
    let mut out = Vec::new();
    for o in every
        .occurrences(run)
        .take_while(|o| o.due <= options.as_of)
    {
        for &from in &submitters {
            let day = submitted
                .iter()
                .find(|s| s.period == o.period && s.from == from)
                .map(|s| s.date)
                .filter(|d| *d <= options.as_of);
            let (status, days_late) = match day {
                Some(d) if d <= o.due => (SubmissionStatus::OnTime, 0),
                Some(d) => (SubmissionStatus::Late, (d - o.due).num_days()),
                None => (SubmissionStatus::Missing, 0),
            };
            out.push(SubmissionJudgement {
                period: o.period,
                due: o.due,
                from,
                status,
                submitted: day,
                days_late,
            });
        }
    }
    let any = |s: SubmissionStatus| out.iter().any(|x| x.status == s);
    let status = if out.is_empty() {
        ReportStatus::Scheduled
    } else if any(SubmissionStatus::Missing) {
        ReportStatus::Missing
    } else if any(SubmissionStatus::Late) {
        ReportStatus::Late
    } else {
        ReportStatus::OnTime
    };
    Some((status, out))
}
