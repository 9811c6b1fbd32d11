//! Task statuses: `done`, `done-late`, `cancelled`, `blocked`, `overdue`, `due-soon`, `open`, in that order of
//! precedence, from the facts visible at `as_of`.

use chrono::NaiveDate;

use super::report::{Number, OwnerIds, TaskResult};
use super::status::TaskStatus;
use super::{Options, section_label};
use crate::facts::{FactIndex, TaskFacts};
use crate::model::{Model, TaskInfo};

/// What became of each task by `as_of`, for `done(t)`, `days_late(t)` and `after`.
pub struct Outcomes {
    /// The day each task is due.
    pub due: Vec<Option<NaiveDate>>,
    /// Done (on time or late) by `as_of`.
    pub done: Vec<bool>,
    pub cancelled: Vec<bool>,
    pub days_late: Vec<i64>,
}

impl Outcomes {
    pub fn new(model: &Model, index: &FactIndex, options: &Options) -> Outcomes {
        let none = TaskFacts::default();
        let mut out = Outcomes {
            due: Vec::with_capacity(model.tasks.len()),
            done: Vec::with_capacity(model.tasks.len()),
            cancelled: Vec::with_capacity(model.tasks.len()),
            days_late: Vec::with_capacity(model.tasks.len()),
        };
        for (i, task) in model.tasks.iter().enumerate() {
            let facts = index.tasks.get(i).unwrap_or(&none);
            let done = done_by(facts, options.as_of);
            let due = task.due.map(|d| d.last_day());
            out.due.push(due);
            out.done.push(done.is_some());
            out.cancelled
                .push(done.is_none() && facts.cancelled.is_some());
            out.days_late
                .push(days_late(due, done, facts, options.as_of));
        }
        out
    }

    /// `(done by as_of, days late)` of a task, for expressions.
    pub fn of(&self, task: usize) -> (bool, i64) {
        (
            self.done.get(task).copied().unwrap_or(false),
            self.days_late.get(task).copied().unwrap_or(0),
        )
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

pub fn evaluate<'m>(
    model: &'m Model,
    index: &FactIndex,
    options: &Options,
    outcomes: &Outcomes,
) -> Vec<TaskResult<'m>> {
    let none = TaskFacts::default();
    model
        .tasks
        .iter()
        .enumerate()
        .map(|(i, task)| {
            let facts = index.tasks.get(i).unwrap_or(&none);
            judge(model, task, facts, outcomes, options, i)
        })
        .collect()
}

fn judge<'m>(
    model: &'m Model,
    task: &'m TaskInfo,
    facts: &TaskFacts,
    outcomes: &Outcomes,
    options: &Options,
    ix: usize,
) -> TaskResult<'m> {
    let as_of = options.as_of;
    let due = outcomes.due.get(ix).copied().flatten();
    let done = done_by(facts, as_of);
    let cancelled = facts.cancelled.as_ref().filter(|_| done.is_none());
    let blocked_by: Vec<&str> = task
        .after
        .iter()
        .filter(|&&a| {
            !outcomes.done.get(a).copied().unwrap_or(false)
                && !outcomes.cancelled.get(a).copied().unwrap_or(false)
        })
        .filter_map(|&a| model.tasks.get(a))
        .map(|t| t.id.as_str())
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
    TaskResult {
        id: &task.id,
        title: &task.title,
        status,
        section: task.section.and_then(|s| section_label(model, s)),
        due,
        done,
        progress: facts.progress.map(Number),
        days_late: outcomes.days_late.get(ix).copied().unwrap_or(0),
        days_left,
        blocked_by,
        cancelled: cancelled.map(|reason| reason.clone().unwrap_or_default()),
        lead: OwnerIds::new(model, &task.lead),
    }
}
