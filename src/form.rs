//! Reporting forms: what an agency must fill in for a checked plan — one field per measure, target and task.
//!
//! A form is a pure function of the [`Model`]: [`fields`] says, for each item, where its answer goes in a facts
//! file (SPEC section 6) and under which period keys, and carries what a person needs to answer it (title, unit,
//! goal as written, owners, section, due date). The JavaScript API's `formFields` returns it as is; the command
//! line could print it too.

use serde::Serialize;

use crate::deadline::Deadline;
use crate::model::{Model, OwnerIx, SectionIx, TargetInfo, TaskInfo, Window};
use crate::source::Span;

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Measure,
    Target,
    Task,
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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldOwner {
    pub id: String,
    pub name: String,
    pub role: Role,
}

/// `baseline 7.2 in 2022`, the value as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldBaseline {
    pub value: String,
    pub period: String,
}

/// The fields of a task answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskInput {
    Done,
    Progress,
    Cancelled,
}

/// One question of the reporting form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    pub id: String,
    pub kind: FieldKind,
    /// The title in the plan.
    pub label: String,
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
    pub window: Option<WindowKind>,
    /// The period keys the facts use for this item (`values.ID.KEY`): each year of a `yearly` or `average`
    /// window, the deadline's key for `by`. Empty for tasks.
    pub periods: Vec<String>,
    pub baseline: Option<FieldBaseline>,
    /// Tasks: the deadline's key (`2023-Q2`) and its last day.
    pub due: Option<String>,
    pub due_date: Option<String>,
    /// Tasks: the tasks that must be done first.
    pub after: Vec<String>,
    /// Tasks: the answers a form may give.
    pub inputs: Vec<TaskInput>,
}

/// The reporting form of a plan: its measures, targets and tasks in the order the plan declares them.
pub fn fields(model: &Model) -> Vec<Field> {
    let mut placed: Vec<(Span, Field)> = model
        .targets
        .iter()
        .map(|t| (t.span, target_field(model, t)))
        .chain(model.tasks.iter().map(|t| (t.span, task_field(model, t))))
        .collect();
    placed.sort_by_key(|(span, _)| (span.file, span.start));
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
    }
}

fn task_field(model: &Model, t: &TaskInfo) -> Field {
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
        due_date: t.due().map(|d| d.last_day().format("%Y-%m-%d").to_string()),
        after: t
            .after
            .iter()
            .filter_map(|&a| model.tasks.get(a))
            .map(|a| a.id.clone())
            .collect(),
        inputs: vec![TaskInput::Done, TaskInput::Progress, TaskInput::Cancelled],
    }
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
