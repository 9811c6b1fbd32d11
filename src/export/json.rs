//! The checked plan as JSON, in the shape `docs/plan.schema.json` describes.
//!
//! Everything is resolved: owners inherited down nested targets, windows and due dates with their years and last
//! days, goals with their bounds. References are ids; a section is referred to by its index in `sections`.
//! Decimals are strings (`"8.60"`), exact, with their written scale; dates are `YYYY-MM-DD`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{expr, owner_ids};
use crate::deadline::Deadline;
use crate::model::{
    ConditionKind, DocumentIx, DueDay, Frequency, Goal, Ix, Model, Occurrence, Output, OwnerKind,
    RuleSeverity, Run, Schedule, TargetIx, TargetKind, TaskSchedule, Window,
};

/// The `$id` of the schema; also written in every export as `$schema`.
pub(crate) const SCHEMA_ID: &str = "https://kehoach.invalid/schema/plan-1.json";

/// The checked plan as pretty-printed JSON, with a final newline.
pub fn to_json(model: &Model) -> String {
    let export = Export::of(model);
    let mut text =
        serde_json::to_string_pretty(&export).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

#[derive(Serialize)]
struct Export {
    #[serde(rename = "$schema")]
    schema: &'static str,
    plan: Option<PlanOut>,
    documents: Vec<DocumentOut>,
    owners: Vec<OwnerOut>,
    sections: Vec<SectionOut>,
    targets: Vec<TargetOut>,
    tasks: Vec<TaskOut>,
    reports: Vec<ReportOut>,
    rules: Vec<RuleOut>,
}

#[derive(Serialize)]
struct PlanOut {
    number: String,
    title: Option<String>,
    issuer: Option<String>,
    issued: Option<NaiveDate>,
    signer: Option<String>,
    period: Option<PeriodOut>,
    implements: Vec<String>,
    /// The tolerance of `~` goals, as a fraction: `"0.05"` for `approx 5%`.
    approx: Decimal,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct PeriodOut {
    from: i32,
    to: i32,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
}

#[derive(Serialize)]
struct DocumentOut {
    id: String,
    number: String,
    title: Option<String>,
    issuer: Option<String>,
    issued: Option<NaiveDate>,
    implements: Vec<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct OwnerOut {
    id: String,
    kind: OwnerKind,
    name: String,
    aka: Vec<String>,
    members: Vec<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct SectionOut {
    index: usize,
    number: Option<String>,
    title: String,
    label: String,
    parent: Option<usize>,
    implements: Vec<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct TargetOut {
    id: String,
    kind: TargetKind,
    title: String,
    section: Option<usize>,
    parent: Option<String>,
    is_share: bool,
    parts: Vec<String>,
    shares: Option<SharesOut>,
    unit: Option<String>,
    goal: Option<GoalOut>,
    aim: Option<GoalOut>,
    window: Option<WindowOut>,
    lead: Vec<String>,
    support: Vec<String>,
    monitor: Vec<String>,
    baseline: Option<BaselineOut>,
    value: Option<String>,
    implements: Vec<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct SharesOut {
    total: Decimal,
    parts: Vec<String>,
}

#[derive(Serialize)]
struct GoalOut {
    kind: &'static str,
    /// As a plan writes it: `>= 9.3`.
    source: String,
    /// The figure of a one-number goal.
    value: Option<Decimal>,
    /// The bounds an actual value must lie within to meet the goal (strict for `above` and `below`).
    min: Option<Decimal>,
    max: Option<Decimal>,
    text: Option<String>,
}

#[derive(Serialize)]
struct WindowOut {
    kind: &'static str,
    /// `by`: the deadline as written with its year, and its last day.
    deadline: Option<Deadline>,
    last_day: Option<NaiveDate>,
    /// `yearly` and `average`: the span of years.
    from: Option<i32>,
    to: Option<i32>,
}

#[derive(Serialize)]
struct BaselineOut {
    value: Decimal,
    period: Deadline,
}

#[derive(Serialize)]
struct DueOut {
    period: Deadline,
    last_day: NaiveDate,
    /// Whether the plan wrote it, rather than taking the end of the plan period.
    written: bool,
}

#[derive(Serialize)]
struct TaskOut {
    id: String,
    title: String,
    section: Option<usize>,
    lead: Vec<String>,
    support: Vec<String>,
    monitor: Vec<String>,
    /// `once` (a one-off task, with `due`), `ongoing` (a standing duty) or `every` (with `every`).
    schedule: &'static str,
    /// A one-off task's deadline; `null` for an open-ended plan's task without `due`, and for other schedules.
    due: Option<DueOut>,
    every: Option<ScheduleOut>,
    /// A recurring task's occurrences within the plan period; `null` when they are not listed (not recurring, or
    /// an open-ended plan, whose recurrences run without end).
    occurrences: Option<Vec<OccurrenceOut>>,
    #[serde(rename = "for")]
    for_: Vec<String>,
    implements: Vec<String>,
    output: Option<Output>,
    after: Vec<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct ScheduleOut {
    frequency: Frequency,
    /// `by day N`: day N of the last month of each period.
    day_of_last_month: Option<u32>,
    /// `by MM-DD`.
    month: Option<u32>,
    day: Option<u32>,
    /// `by Q4`, `by H1`, `by M06`: the last day of that part of each year.
    end_of: Option<String>,
    source: String,
    /// The first occurrence's due day (the first on or after the plan's `issued`); `null` when none falls in the
    /// plan period.
    first_due: Option<NaiveDate>,
    /// The last day of the plan period; `null` for an open-ended plan.
    until: Option<NaiveDate>,
}

/// One occurrence: the period whose key facts use, and the day it falls due.
#[derive(Serialize)]
struct OccurrenceOut {
    period: Deadline,
    due: NaiveDate,
}

#[derive(Serialize)]
struct ReportOut {
    id: String,
    title: String,
    section: Option<usize>,
    from: Vec<String>,
    to: Vec<String>,
    /// Who submits (SPEC §2b): each member of a group with members in `from`, a group without members itself.
    submitters: Vec<String>,
    every: Option<ScheduleOut>,
    /// Every due date within the plan period (empty for an open-ended plan).
    due_dates: Vec<NaiveDate>,
    /// The same occurrences with their periods; `null` for an open-ended plan, whose recurrences run without end.
    occurrences: Option<Vec<OccurrenceOut>>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct RuleOut {
    id: String,
    title: String,
    section: Option<usize>,
    kind: ConditionKind,
    expression: Option<String>,
    severity: RuleSeverity,
    notes: Vec<String>,
}

impl Export {
    fn of(model: &Model) -> Export {
        let doc_ids = |docs: &[DocumentIx]| -> Vec<String> {
            docs.iter()
                .filter_map(|&d| model.documents.get(d))
                .map(|d| d.id.clone())
                .collect()
        };
        let target_ids = |ts: &[TargetIx]| -> Vec<String> {
            ts.iter()
                .filter_map(|&t| model.targets.get(t))
                .map(|t| t.id.clone())
                .collect()
        };
        let approx = model.approx();
        // Where recurrences run (SPEC §2b): from the plan's issue to the end of its period, or without end.
        let run = model.run(None);
        let plan = model.plan.as_ref().map(|p| PlanOut {
            number: p.number.clone(),
            title: p.title.clone(),
            issuer: p.issuer.clone(),
            issued: p.issued,
            signer: p.signer.clone(),
            period: p.period.map(|period| PeriodOut {
                from: period.from,
                to: period.to,
                first_day: period.first_day(),
                last_day: period.last_day(),
            }),
            implements: doc_ids(&p.implements),
            approx: p.approx,
            notes: p.notes.clone(),
        });
        let documents = model
            .documents
            .iter()
            .map(|d| DocumentOut {
                id: d.id.clone(),
                number: d.number.clone(),
                title: d.title.clone(),
                issuer: d.issuer.clone(),
                issued: d.issued,
                implements: doc_ids(&d.implements),
                notes: d.notes.clone(),
            })
            .collect();
        let owners = model
            .owners
            .iter()
            .map(|o| OwnerOut {
                id: o.id.clone(),
                kind: o.kind,
                name: o.name.clone(),
                aka: o.aka.clone(),
                members: owner_ids(model, &o.members),
                notes: o.notes.clone(),
            })
            .collect();
        let sections = model
            .sections
            .enumerate()
            .map(|(index, s)| SectionOut {
                index: index.position(),
                number: s.number.clone(),
                title: s.title.clone(),
                label: s.label(),
                parent: s.parent.map(Ix::position),
                implements: doc_ids(&s.implements),
                notes: s.notes.clone(),
            })
            .collect();
        let targets = model
            .targets
            .iter()
            .map(|t| TargetOut {
                id: t.id.clone(),
                kind: t.kind,
                title: t.title.clone(),
                section: t.section.map(Ix::position),
                parent: t
                    .parent
                    .and_then(|p| model.targets.get(p))
                    .map(|p| p.id.clone()),
                is_share: t.is_share,
                parts: target_ids(&t.parts),
                shares: t.shares.as_ref().map(|(total, parts)| SharesOut {
                    total: *total,
                    parts: target_ids(parts),
                }),
                unit: t.unit.clone(),
                goal: t.goal.as_ref().map(|g| goal(g, approx)),
                aim: t.aim.as_ref().map(|g| goal(g, approx)),
                window: t.window.map(window),
                lead: owner_ids(model, &t.lead),
                support: owner_ids(model, &t.support),
                monitor: owner_ids(model, &t.monitor),
                baseline: t
                    .baseline
                    .map(|(value, period)| BaselineOut { value, period }),
                value: t.value.as_ref().map(|e| expr::source(model, e)),
                implements: doc_ids(&t.implements),
                notes: t.notes.clone(),
            })
            .collect();
        let tasks = model
            .tasks
            .iter()
            .map(|t| TaskOut {
                id: t.id.clone(),
                title: t.title.clone(),
                section: t.section.map(Ix::position),
                lead: owner_ids(model, &t.lead),
                support: owner_ids(model, &t.support),
                monitor: owner_ids(model, &t.monitor),
                schedule: match t.schedule {
                    TaskSchedule::Once { .. } => "once",
                    TaskSchedule::Ongoing => "ongoing",
                    TaskSchedule::Every(_) => "every",
                },
                due: t.due().map(|d| DueOut {
                    period: d,
                    last_day: d.last_day(),
                    written: t.due_written(),
                }),
                every: t.schedule.every().map(|s| schedule(s, run)),
                occurrences: t.schedule.every().and_then(|s| occurrences(s, run)),
                for_: owner_ids(model, &t.for_),
                implements: doc_ids(&t.implements),
                output: t.output,
                after: t
                    .after
                    .iter()
                    .filter_map(|&a| model.tasks.get(a))
                    .map(|a| a.id.clone())
                    .collect(),
                notes: t.notes.clone(),
            })
            .collect();
        let reports = model
            .reports
            .iter()
            .map(|r| ReportOut {
                id: r.id.clone(),
                title: r.title.clone(),
                section: r.section.map(Ix::position),
                from: owner_ids(model, &r.from),
                to: owner_ids(model, &r.to),
                submitters: owner_ids(model, &model.answerable(&r.from)),
                every: r.every.map(|s| schedule(s, run)),
                due_dates: r
                    .every
                    .and_then(|s| occurrences(s, run))
                    .map(|o| o.iter().map(|o| o.due).collect())
                    .unwrap_or_default(),
                occurrences: r.every.and_then(|s| occurrences(s, run)),
                notes: r.notes.clone(),
            })
            .collect();
        let rules = model
            .rules
            .iter()
            .map(|r| RuleOut {
                id: r.id.clone(),
                title: r.title.clone(),
                section: r.section.map(Ix::position),
                kind: r.kind,
                expression: r.expr.as_ref().map(|e| expr::source(model, e)),
                severity: r.severity,
                notes: r.notes.clone(),
            })
            .collect();
        Export {
            schema: SCHEMA_ID,
            plan,
            documents,
            owners,
            sections,
            targets,
            tasks,
            reports,
            rules,
        }
    }
}

/// A recurrence as the plan writes it, with where it starts and ends in this plan.
fn schedule(s: Schedule, run: Option<Run>) -> ScheduleOut {
    let (day_of_last_month, month, day, end_of) = match s.by {
        DueDay::DayOfLastMonth(d) => (Some(d), None, None, None),
        DueDay::MonthDay { month, day } => (None, Some(month), Some(day), None),
        DueDay::EndOf(part) => (None, None, None, Some(part.to_string())),
    };
    ScheduleOut {
        frequency: s.frequency,
        day_of_last_month,
        month,
        day,
        end_of,
        source: s.to_string(),
        first_due: run.and_then(|run| s.occurrences(run).next()).map(|o| o.due),
        until: run.and_then(|run| run.last),
    }
}

/// The occurrences of a recurrence within the plan period; `None` for an open-ended plan (or one that cannot be
/// dated), whose recurrences run without end.
fn occurrences(s: Schedule, run: Option<Run>) -> Option<Vec<OccurrenceOut>> {
    let run = run.filter(|r| r.last.is_some())?;
    Some(
        s.occurrences(run)
            .map(|Occurrence { period, due }| OccurrenceOut { period, due })
            .collect(),
    )
}

fn goal(g: &Goal, approx: Decimal) -> GoalOut {
    let (kind, value) = match g {
        Goal::Exact(x) => ("exact", Some(*x)),
        Goal::AtLeast(x) => ("at-least", Some(*x)),
        Goal::Above(x) => ("above", Some(*x)),
        Goal::AtMost(x) => ("at-most", Some(*x)),
        Goal::Below(x) => ("below", Some(*x)),
        Goal::Range(_, _) => ("range", None),
        Goal::Approx(x) => ("approx", Some(*x)),
        Goal::Text(_) => ("text", None),
    };
    let (min, max) = g.bounds(approx);
    GoalOut {
        kind,
        source: g.to_source(),
        value,
        min,
        max,
        text: match g {
            Goal::Text(t) => Some(t.clone()),
            _ => None,
        },
    }
}

fn window(w: Window) -> WindowOut {
    match w {
        Window::By(d) => WindowOut {
            kind: "by",
            deadline: Some(d),
            last_day: Some(d.last_day()),
            from: None,
            to: None,
        },
        Window::Yearly { from, to } | Window::Average { from, to } => WindowOut {
            kind: if matches!(w, Window::Yearly { .. }) {
                "yearly"
            } else {
                "average"
            },
            deadline: None,
            last_day: NaiveDate::from_ymd_opt(to, 12, 31),
            from: Some(from),
            to: Some(to),
        },
    }
}
