//! Task statuses: `done`, `done-late`, `cancelled`, `blocked`, `overdue`, `due-soon`, `open`, in that order of
//! precedence, from the facts visible at `as_of`.

use chrono::NaiveDate;

use super::Options;
use super::report::{Number, TaskJudgement};
use super::rollup::Tally;
use super::status::TaskStatus;
use crate::deadline::Deadline;
use crate::facts::{FactIndex, TaskFacts};
use crate::model::{Model, TaskInfo, TaskIx};

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
            .and_then(|t| t.due)
            .map(Deadline::last_day);
        (done.is_some(), days_late(due, done, facts, self.as_of))
    }

    /// Whether a task no longer holds up the tasks `after` it: done or cancelled by `as_of`.
    fn settled(&self, task: TaskIx) -> bool {
        let facts = self.facts(task);
        done_by(facts, self.as_of).is_some() || facts.cancelled.is_some()
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

/// Every task judged, each added to `tally`.
pub fn evaluate(
    model: &Model,
    options: &Options,
    outcomes: &Outcomes,
    tally: &mut Tally<'_>,
) -> Vec<TaskJudgement> {
    model
        .tasks
        .enumerate()
        .map(|(i, task)| {
            let facts = outcomes.facts(i);
            let result = judge(i, task, facts, outcomes, options);
            tally.task(task, &result);
            result
        })
        .collect()
}

fn judge(
    ix: TaskIx,
    task: &TaskInfo,
    facts: &TaskFacts,
    outcomes: &Outcomes,
    options: &Options,
) -> TaskJudgement {
    let as_of = options.as_of;
    let due = task.due.map(Deadline::last_day);
    let done = done_by(facts, as_of);
    let cancelled = facts.cancelled.as_ref().filter(|_| done.is_none());
    let blocked_by: Vec<TaskIx> = task
        .after
        .iter()
        .copied()
        .filter(|&a| !outcomes.settled(a))
        .collect();
    let days_left = due
        .filter(|_| done.is_none() && cancelled.is_none())
        .map(|d| (d - as_of).num_days())
        .filter(|n| *n >= 0);
    let status = match (done, due) {
        (Some(d), Some(due)) if d > due => TaskStatus::DoneLate,
        (Some(_), _) => TaskStatus::Done,
        (None, _) if cancelled.is_some() => TaskStatus::Cancelled,
        (None, _) if !blocked_by.is_empty() => TaskStatus::Blocked,
        (None, Some(due)) if as_of > due => TaskStatus::Overdue,
        (None, Some(_)) if days_left.is_some_and(|n| n <= i64::from(options.due_soon_days)) => {
            TaskStatus::DueSoon
        }
        (None, _) => TaskStatus::Open,
    };
    TaskJudgement {
        task: ix,
        status,
        due,
        done,
        progress: facts.progress.map(Number),
        days_late: days_late(due, done, facts, as_of),
        days_left,
        blocked_by,
        cancelled: cancelled.map(|reason| reason.clone().unwrap_or_default()),
    }
}
