//! Task statuses: `done`, `done-late`, `cancelled`, `blocked`, `overdue`, `due-soon`, `open`, in that order of
//! precedence, from the facts visible at `as_of`; a recurring duty's from its occurrences and a standing duty's
//! from its assessments (SPEC §2b, [`super::duties`]).

use chrono::NaiveDate;

use super::Options;
use super::duties;
use super::report::{Number, TaskJudgement};
use super::rollup::Tally;
use super::status::TaskStatus;
use crate::deadline::Deadline;
use crate::facts::{FactIndex, TaskFacts};
use crate::model::{Ix, Model, Run, TaskInfo, TaskIx, TaskSchedule};

/// What became of each task by `as_of`, for `done(t)`, `days_late(t)` and `after`: read from the facts when asked
/// (rules and `after` ask about a few tasks; a pass over every task beforehand cost a cache miss per task).
pub struct Outcomes<'a> {
    model: &'a Model,
    index: &'a FactIndex,
    as_of: NaiveDate,
}

impl<'a> Outcomes<'a> {
    pub fn new(model: &'a Model, index: &'a FactIndex, options: &Options) -> Outcomes<'a> {
        Outcomes {
            model,
            index,
            as_of: options.as_of,
        }
    }

    /// What was reported about a task: nothing, for a task the facts do not mention.
    fn facts(&self, task: TaskIx) -> &'a TaskFacts {
        static NONE: TaskFacts = TaskFacts {
            done: None,
            progress: None,
            cancelled: None,
            occurrences: Vec::new(),
            assessments: Vec::new(),
        };
        self.index.tasks.get(task).unwrap_or(&NONE)
    }

    /// `(done by as_of, days late)` of a task, for expressions.
    pub fn of(&self, task: TaskIx) -> (bool, i64) {
        let facts = self.facts(task);
        let done = done_by(facts, self.as_of);
        let due = self
            .model
            .tasks
            .get(task)
            .and_then(|t| t.due())
            .map(Deadline::last_day);
        (done.is_some(), days_late(due, done, facts, self.as_of))
    }
}

/// The done date, if it is not after `as_of` (an evaluation of an earlier day does not see later work).
fn done_by(facts: &TaskFacts, as_of: NaiveDate) -> Option<NaiveDate> {
    facts.done.filter(|d| *d <= as_of)
}

fn days_late(
    due: Option<NaiveDate>,
    done: Option<NaiveDate>,
    facts: &TaskFacts,
    as_of: NaiveDate,
) -> i64 {
    let Some(due) = due else {
        return 0;
    };
    let until = match done {
        Some(d) => d,
        None if facts.cancelled.is_some() => return 0,
        None => as_of,
    };
    (until - due).num_days().max(0)
}

/// Every task judged, then `after` considered (`blocked` only when a predecessor is overdue, blocked or
/// cancelled), then each added to `tally`.
pub fn evaluate(
    model: &Model,
    options: &Options,
    outcomes: &Outcomes,
    tally: &mut Tally<'_>,
) -> Vec<TaskJudgement> {
    let run = model.run(Some(options.as_of));
    let mut results: Vec<TaskJudgement> = model
        .tasks
        .enumerate()
        .map(|(i, task)| judge(i, task, outcomes.facts(i), run, options))
        .collect();
    dependencies(model, &mut results);
    for (task, result) in model.tasks.iter().zip(&results) {
        tally.task(model, task, result);
    }
    results
}

fn judge(
    ix: TaskIx,
    task: &TaskInfo,
    facts: &TaskFacts,
    run: Option<Run>,
    options: &Options,
) -> TaskJudgement {
    let mut result = TaskJudgement {
        task: ix,
        status: TaskStatus::Open,
        due: None,
        done: None,
        progress: None,
        days_late: 0,
        days_left: None,
        blocked_by: Vec::new(),
        waits_for: Vec::new(),
        cancelled: None,
        occurrences: Vec::new(),
        occurrence_counts: None,
        assessment: None,
    };
    match task.schedule {
        TaskSchedule::Once { due, .. } => {
            let due = due.map(Deadline::last_day);
            let o = duties::outcome(due, facts.done, facts.cancelled.as_ref(), options);
            result.status = o.status;
            result.due = due;
            result.done = o.done;
            result.progress = facts.progress.map(Number);
            result.days_late = o.days_late;
            result.days_left = o.days_left;
            result.cancelled = o.cancelled;
        }
        TaskSchedule::Every(schedule) => {
            let Some(run) = run else {
                return result;
            };
            let r = duties::recurring(schedule, facts, run, options);
            result.status = r.status;
            result.due = r.due;
            result.done = r.done;
            result.progress = r.progress;
            result.days_late = r.days_late;
            result.days_left = r.days_left;
            result.occurrences = r.occurrences;
            result.occurrence_counts = Some(r.counts);
        }
        TaskSchedule::Ongoing => {
            let (status, assessment) = duties::ongoing(facts, options);
            result.status = status;
            result.assessment = assessment;
            result.cancelled = facts
                .cancelled
                .as_ref()
                .map(|reason| reason.clone().unwrap_or_default());
        }
    }
    result
}

/// Whether a task's status lets a predecessor hold it up: it has something left to do by a deadline (a one-off
/// task not finished, a recurring duty with an open occurrence). A standing duty never waits.
fn can_wait(task: &TaskInfo, status: TaskStatus) -> bool {
    !task.schedule.is_ongoing()
        && !matches!(
            status,
            TaskStatus::Done | TaskStatus::DoneLate | TaskStatus::Cancelled
        )
}

/// `after`: a task is `blocked` when a task it comes after is overdue, blocked or cancelled (SPEC §2b), and
/// otherwise names in `waits_for` the one-off predecessors not yet finished. Blocking spreads along `after` edges
/// with a work list, so a long chain costs one visit per edge and no recursion.
fn dependencies(model: &Model, results: &mut [TaskJudgement]) {
    let n = results.len();
    let mut bad: Vec<bool> = results
        .iter()
        .map(|r| matches!(r.status, TaskStatus::Overdue | TaskStatus::Cancelled))
        .collect();
    let mut followers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, task) in model.tasks.iter().enumerate() {
        for p in &task.after {
            if let Some(f) = followers.get_mut(p.position()) {
                f.push(i);
            }
        }
    }
    let mut work: Vec<usize> = (0..n).filter(|&i| bad.get(i) == Some(&true)).collect();
    while let Some(p) = work.pop() {
        for &s in followers.get(p).map_or(&[][..], Vec::as_slice) {
            let (Some(task), Some(result)) = (model.tasks.as_slice().get(s), results.get(s)) else {
                continue;
            };
            if can_wait(task, result.status) && bad.get(s) == Some(&false) {
                if let Some(b) = bad.get_mut(s) {
                    *b = true;
                }
                work.push(s);
            }
        }
    }
    let statuses: Vec<TaskStatus> = results.iter().map(|r| r.status).collect();
    for (task, result) in model.tasks.iter().zip(results.iter_mut()) {
        if !can_wait(task, result.status) {
            continue;
        }
        let mut blocked_by = Vec::new();
        let mut waits_for = Vec::new();
        for &p in &task.after {
            let Some(pred) = model.tasks.get(p) else {
                continue;
            };
            let finished = statuses
                .get(p.position())
                .is_some_and(|s| matches!(s, TaskStatus::Done | TaskStatus::DoneLate));
            if bad.get(p.position()) == Some(&true) {
                blocked_by.push(p);
            } else if matches!(pred.schedule, TaskSchedule::Once { .. }) && !finished {
                // Recurring and standing duties have no single end to wait for; they hold a task up only when
                // overdue (or cancelled).
                waits_for.push(p);
            }
        }
        if !blocked_by.is_empty() {
            result.status = TaskStatus::Blocked;
        }
        result.blocked_by = blocked_by;
        result.waits_for = waits_for;
    }
}
