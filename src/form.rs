//! Reporting forms: what an agency must fill in for a checked plan — one field per measure, target and task.
//!
//! A form is a pure function of the [`Model`]: [`fields`] says, for each item, where its answer goes in a facts
//! file (SPEC section 6) and under which period keys, and carries what a person needs to answer it (title, unit,
//! goal as written, owners, section, due date). The JavaScript API's `formFields` returns it as is; the command
//! line could print it too.

use serde::Serialize;

use crate::deadline::Deadline;
use chrono::{Datelike, NaiveDate};

use crate::model::{
    Ix, Model, OwnerIx, OwnerKind, ReportInfo, Schedule, SectionIx, TargetInfo, TaskInfo,
    TaskSchedule, Window,
};
use crate::source::Span;

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// A `measure`: an input with no goal, answered with values.
    Measure,
    /// A `target`: answered with values, or with assessments for a qualitative goal, unless derived.
    Target,
    /// A `task`: answered with done, progress or cancelled, per occurrence or period when it recurs or stands.
    Task,
    /// A tracked report (`report … { every …; from …; to … }`): a submission date per occurrence and submitter.
    Report,
}

/// Where the answer goes in a facts file, and so which input a form shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    /// A number per period: `values.ID.PERIOD`.
    Values,
    /// A judgement per period for a qualitative goal: `assessments.ID.PERIOD`.
    Assessments,
    /// `tasks.ID.done` (a date), `tasks.ID.progress` (0–100) or `tasks.ID.cancelled` (a reason).
    Tasks,
    /// Nothing to ask: the value is derived from other targets (`value = …`).
    Computed,
    /// A submission date per occurrence and submitter: `reports.ID.PERIOD.OWNER` (SPEC §2b).
    Reports,
}

/// When a task falls due (SPEC §2b), and so what a form asks of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScheduleKind {
    /// A one-off task: `tasks.ID.done|progress|cancelled`.
    Once,
    /// A standing duty: an assessment and a note per period, `tasks.ID.PERIOD.assessed|note`.
    Ongoing,
    /// A recurring duty (and a report): a done date per occurrence, `tasks.ID.PERIOD.done`.
    Every,
}

/// One occurrence of a recurring duty or report: the period key its facts use, and the day it falls due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldOccurrence {
    /// The key the occurrence's facts use, in deadline syntax (`2021-Q1`).
    pub period: String,
    /// The day the occurrence falls due, `YYYY-MM-DD`.
    pub due_date: String,
}

/// How a target is judged over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WindowKind {
    /// The state reached by a deadline.
    By,
    /// Each year of the plan period.
    Yearly,
    /// The mean of the yearly actuals over a span.
    Average,
}

/// Who answers for an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// chủ trì
    Lead,
    /// phối hợp
    Support,
    /// theo dõi, báo cáo
    Monitor,
    /// A report's submitter (`from`; a group's members each submit, SPEC §2b).
    Submit,
}

/// An owner who answers for an item, and in which role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldOwner {
    /// The owner's id in the plan (`so_khdt`).
    pub id: String,
    /// The owner's name as the plan writes it (`Sở Kế hoạch và Đầu tư`).
    pub name: String,
    /// Whether it leads, supports, monitors or submits.
    pub role: Role,
}

/// `baseline 7.2 in 2022`, the value as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldBaseline {
    /// The baseline value as written (`7.2`).
    pub value: String,
    /// The period the baseline is for, in deadline syntax (`2022`).
    pub period: String,
}

/// The fields of a task answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskInput {
    /// `tasks.ID.done`: the day the task was finished.
    Done,
    /// `tasks.ID.progress`: the share done, 0–100.
    Progress,
    /// `tasks.ID.cancelled`: the reason it was cancelled.
    Cancelled,
    /// A standing duty's assessment (`met`/`missed`) for a period.
    Assessed,
    /// A standing duty's note for a period.
    Note,
}

/// One question of the reporting form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The item's id in the plan: the key its facts go under.
    pub id: String,
    /// Whether the item is a measure, a target, a task or a report.
    pub kind: FieldKind,
    /// The title in the plan.
    pub label: String,
    /// Where the answer goes in a facts file, and so which input to show.
    pub fact: FactKind,
    /// Own or inherited.
    pub unit: Option<String>,
    /// As written in a plan: `>= 9.3`, `8.1..8.6`, `~497`, `"Nhóm dẫn đầu"`.
    pub goal: Option<String>,
    /// The higher local aim, as written.
    pub aim: Option<String>,
    /// The target this is a part or share of.
    pub parent: Option<String>,
    /// The section's number and title, as reports name it.
    pub section: Option<String>,
    /// Lead, then support, then monitor owners, each in the plan's order.
    pub owners: Vec<FieldOwner>,
    /// Targets: how the target is judged over time; `None` for measures, tasks and reports.
    pub window: Option<WindowKind>,
    /// The period keys the facts use for this item (`values.ID.KEY`): each year of a `yearly` or `average`
    /// window, the deadline's key for `by`. Empty for tasks.
    pub periods: Vec<String>,
    /// Targets: the `baseline`, when the plan gives one.
    pub baseline: Option<FieldBaseline>,
    /// Tasks: the deadline's key (`2023-Q2`) and its last day.
    pub due: Option<String>,
    /// Tasks: the last day of `due`, `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// Tasks: the tasks that must be done first.
    pub after: Vec<String>,
    /// Tasks: the answers a form may give (per occurrence for a recurring duty, per period for a standing one).
    pub inputs: Vec<TaskInput>,
    /// Tasks and reports: once, ongoing or every …; `None` for targets and measures.
    pub schedule: Option<ScheduleKind>,
    /// Recurring tasks and reports: the recurrence as written after `every` (`quarter by day 10`).
    pub every: Option<String>,
    /// Recurring tasks and reports: the occurrences, in order (see [`fields_as_of`] for which).
    pub occurrences: Vec<FieldOccurrence>,
}

/// An owner as a form offers it for "đơn vị của tôi": its groups, so that a department sees the items its groups
/// lead, support or monitor too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FormOwner {
    /// The owner's id in the plan (`so_khdt`).
    pub id: String,
    /// The owner's name as the plan writes it.
    pub name: String,
    /// Whether it is a `group`.
    pub group: bool,
    /// A group's members, in the plan's order.
    pub members: Vec<String>,
    /// The groups it is a member of, in the plan's order.
    pub member_of: Vec<String>,
}

/// Every owner the plan declares, in the plan's order, with the groups it belongs to.
pub(crate) fn owners_of(model: &Model) -> Vec<FormOwner> {
    let ids = |list: &[OwnerIx]| -> Vec<String> {
        list.iter()
            .filter_map(|&o| model.owners.get(o))
            .map(|o| o.id.clone())
            .collect()
    };
    // One pass over the groups, so that a plan with many owners costs what it has members.
    let mut member_of: Vec<Vec<String>> = vec![Vec::new(); model.owners.len()];
    for group in &model.owners {
        for &member in &group.members {
            if let Some(list) = member_of.get_mut(member.position())
                && !list.contains(&group.id)
            {
                list.push(group.id.clone());
            }
        }
    }
    model
        .owners
        .iter()
        .zip(member_of)
        .map(|(o, member_of)| FormOwner {
            id: o.id.clone(),
            name: o.name.clone(),
            group: o.kind == OwnerKind::Group,
            members: ids(&o.members),
            member_of,
        })
        .collect()
}

/// The reporting form of a plan: its measures, targets, tasks and tracked reports in the order the plan declares
/// them, with the occurrences of a bounded plan's whole period (see [`fields_as_of`]).
pub fn fields(model: &Model) -> Vec<Field> {
    fields_as_of(model, None)
}

/// The reporting form on a report date: a recurring duty's or report's occurrences are those due by `as_of` and
/// the next one. Without `as_of`, those of the plan period; for an open-ended plan (no `period`), those of its
/// first year and the next one.
pub fn fields_as_of(model: &Model, as_of: Option<NaiveDate>) -> Vec<Field> {
    let mut placed: Vec<(Span, Field)> = model
        .targets
        .iter()
        .map(|t| (t.span, target_field(model, t)))
        .chain(
            model
                .tasks
                .iter()
                .map(|t| (t.span, task_field(model, t, as_of))),
        )
        .chain(
            model
                .reports
                .iter()
                .filter(|r| r.every.is_some())
                .map(|r| (r.span, report_field(model, r, as_of))),
        )
        .collect();
    crate::sort::sort_by_key(&mut placed, |(span, _)| (span.file, span.start));
    placed.into_iter().map(|(_, field)| field).collect()
}

fn target_field(model: &Model, t: &TargetInfo) -> Field {
    let fact = if t.is_derived() {
        FactKind::Computed
    } else if t.is_qualitative() {
        FactKind::Assessments
    } else {
        FactKind::Values
    };
    let (window, periods) = match t.window {
        Some(Window::By(deadline)) => (Some(WindowKind::By), vec![deadline.key()]),
        Some(Window::Yearly { from, to }) => (Some(WindowKind::Yearly), years(from, to)),
        Some(Window::Average { from, to }) => (Some(WindowKind::Average), years(from, to)),
        None => (None, Vec::new()),
    };
    Field {
        id: t.id.clone(),
        kind: match t.kind {
            crate::ast::TargetKind::Target => FieldKind::Target,
            crate::ast::TargetKind::Measure => FieldKind::Measure,
        },
        label: t.title.clone(),
        fact,
        unit: t.unit.clone(),
        goal: t.goal.as_ref().map(|g| g.to_source()),
        aim: t.aim.as_ref().map(|g| g.to_source()),
        parent: t
            .parent
            .and_then(|p| model.targets.get(p))
            .map(|p| p.id.clone()),
        section: section_label(model, t.section),
        owners: owners(model, &t.lead, &t.support, &t.monitor),
        window,
        periods,
        baseline: t.baseline.map(|(value, period)| FieldBaseline {
            value: value.to_string(),
            period: period.key(),
        }),
        due: None,
        due_date: None,
        after: Vec::new(),
        inputs: Vec::new(),
        schedule: None,
        every: None,
        occurrences: Vec::new(),
    }
}

fn task_field(model: &Model, t: &TaskInfo, as_of: Option<NaiveDate>) -> Field {
    let (schedule, inputs) = match t.schedule {
        TaskSchedule::Once { .. } => (
            ScheduleKind::Once,
            vec![TaskInput::Done, TaskInput::Progress, TaskInput::Cancelled],
        ),
        TaskSchedule::Ongoing => (
            ScheduleKind::Ongoing,
            vec![TaskInput::Assessed, TaskInput::Note, TaskInput::Cancelled],
        ),
        TaskSchedule::Every(_) => (
            ScheduleKind::Every,
            vec![TaskInput::Done, TaskInput::Progress, TaskInput::Cancelled],
        ),
    };
    let every = t.schedule.every();
    Field {
        id: t.id.clone(),
        kind: FieldKind::Task,
        label: t.title.clone(),
        fact: FactKind::Tasks,
        unit: None,
        goal: None,
        aim: None,
        parent: None,
        section: section_label(model, t.section),
        owners: owners(model, &t.lead, &t.support, &t.monitor),
        window: None,
        periods: Vec::new(),
        baseline: None,
        due: t.due().map(Deadline::key),
        due_date: t.due().map(|d| d.last_day().to_string()),
        after: t
            .after
            .iter()
            .filter_map(|&a| model.tasks.get(a))
            .map(|a| a.id.clone())
            .collect(),
        inputs,
        schedule: Some(schedule),
        every: every.map(|e| e.to_string()),
        occurrences: every
            .map(|e| occurrences(model, e, as_of))
            .unwrap_or_default(),
    }
}

fn report_field(model: &Model, r: &ReportInfo, as_of: Option<NaiveDate>) -> Field {
    let submitters = model
        .answerable(&r.from)
        .into_iter()
        .filter_map(|o| model.owners.get(o))
        .map(|o| FieldOwner {
            id: o.id.clone(),
            name: o.name.clone(),
            role: Role::Submit,
        })
        .collect();
    Field {
        id: r.id.clone(),
        kind: FieldKind::Report,
        label: r.title.clone(),
        fact: FactKind::Reports,
        unit: None,
        goal: None,
        aim: None,
        parent: None,
        section: section_label(model, r.section),
        owners: submitters,
        window: None,
        periods: Vec::new(),
        baseline: None,
        due: None,
        due_date: None,
        after: Vec::new(),
        inputs: Vec::new(),
        schedule: Some(ScheduleKind::Every),
        every: r.every.map(|e| e.to_string()),
        occurrences: r
            .every
            .map(|e| occurrences(model, e, as_of))
            .unwrap_or_default(),
    }
}

/// The occurrences a form asks about: those due by `as_of` and the next; without `as_of`, the plan period's
/// (an open-ended plan: its first year's and the next).
fn occurrences(model: &Model, every: Schedule, as_of: Option<NaiveDate>) -> Vec<FieldOccurrence> {
    let Some(run) = model.run(as_of) else {
        return Vec::new();
    };
    let until = match (as_of, run.last) {
        (Some(day), _) => day,
        (None, Some(last)) => last,
        (None, None) => NaiveDate::from_ymd_opt(run.first.year(), 12, 31).unwrap_or(run.first),
    };
    let mut out = Vec::new();
    for o in every.occurrences(run) {
        let past = o.due <= until;
        out.push(FieldOccurrence {
            period: o.period.key(),
            due_date: o.due.to_string(),
        });
        if !past {
            break;
        }
    }
    out
}

fn years(from: i32, to: i32) -> Vec<String> {
    (from..=to).map(|y| format!("{y:04}")).collect()
}

fn section_label(model: &Model, section: Option<SectionIx>) -> Option<String> {
    section
        .and_then(|s| model.sections.get(s))
        .map(|s| s.label())
}

fn owners(
    model: &Model,
    lead: &[OwnerIx],
    support: &[OwnerIx],
    monitor: &[OwnerIx],
) -> Vec<FieldOwner> {
    let roles = [
        (Role::Lead, lead),
        (Role::Support, support),
        (Role::Monitor, monitor),
    ];
    roles
        .into_iter()
        .flat_map(|(role, list)| {
            list.iter()
                .filter_map(|&o| model.owners.get(o))
                .map(move |o| FieldOwner {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    role,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests;
