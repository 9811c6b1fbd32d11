//! The tasks as a Mermaid Gantt chart, one Mermaid section per plan section.
//!
//! A Gantt bar needs a start, and a plan only says when a task is due. A task starts the day after the latest
//! due date of the tasks it comes `after` (those due before it), else on the first day of the plan (its `issued`
//! date when that lies in the period, else the first day of the period); it ends on its due date (end dates are
//! inclusive). A task with no room for a bar (due before the plan starts) is drawn as a milestone on its due
//! date. Dependencies are written as Mermaid's `after a b` when every one of them is drawn above the task; a
//! dependency drawn below (in a later section) gets the computed start date instead, because Mermaid resolves
//! references to later tasks only a bounded number of times. Tasks without a due date (a plan without `period`)
//! are left out.
//!
//! A standing duty (`ongoing`) is an `active` bar over the whole plan, from its first day to the end of its
//! period; a recurring duty is a milestone on each occurrence's due day within the period, named with the
//! occurrence's period. An open-ended plan has no end to draw them to: they are left out, like its tasks without
//! `due`. A Gantt chart has no edges, so `for` and `implements` are written as a `%%` comment above the task's
//! line (the DOT export draws them).

use chrono::NaiveDate;

use super::{plan_start, shorten};
use crate::model::{Items, Ix, Model, Run, SectionIx, TaskInfo, TaskIx, TaskSchedule};

/// Longest task or section label; the full titles are in the plan.
const LABEL_CHARS: usize = 80;

/// Words that Mermaid's Gantt lexer reads as a statement when a line starts with them (it ignores case).
const KEYWORDS: [&str; 19] = [
    "gantt",
    "dateformat",
    "inclusiveenddates",
    "topaxis",
    "axisformat",
    "tickinterval",
    "includes",
    "excludes",
    "todaymarker",
    "weekday",
    "title",
    "accdescription",
    "acctitle",
    "accdescr",
    "section",
    "click",
    "href",
    "call",
    "%%",
];

/// The Gantt chart.
pub(crate) fn to_mermaid(model: &Model) -> String {
    let mut out = String::from("gantt\n");
    if let Some(plan) = &model.plan {
        let title = match &plan.title {
            Some(title) => format!("{} – {title}", plan.number),
            None => plan.number.clone(),
        };
        out.push_str(&format!("    title {}\n", label(&shorten(&title, 160))));
    }
    out.push_str("    dateFormat YYYY-MM-DD\n");
    out.push_str("    axisFormat %m/%Y\n");
    out.push_str("    inclusiveEndDates\n");
    let start = plan_start(model);
    // Recurrences within the plan period (an open-ended plan's are not drawn).
    let run = model.run(None).filter(|r| r.last.is_some());
    // Tasks outside any section first, then each section's own tasks in the order of the sections.
    let mut groups: Vec<(Option<SectionIx>, Vec<TaskIx>)> = vec![(None, Vec::new())];
    groups.extend(model.sections.indices().map(|s| (Some(s), Vec::new())));
    for (ix, task) in model.tasks.enumerate() {
        let slot = task.section.map_or(0, |s| s.position() + 1);
        if let Some((_, tasks)) = groups.get_mut(slot) {
            tasks.push(ix);
        }
    }
    let mut drawn: Items<TaskIx, bool> = Items::repeat(false, model.tasks.len());
    for (section, tasks) in groups {
        let mut lines = Vec::new();
        for ix in tasks {
            let Some(task) = model.tasks.get(ix) else {
                continue;
            };
            let drawn_lines = match task.schedule {
                TaskSchedule::Once { .. } => task_line(model, task, start, &drawn),
                TaskSchedule::Ongoing => standing_line(model, task, start),
                TaskSchedule::Every(_) => occurrence_lines(task, run),
            };
            if let Some(line) = drawn_lines {
                if let Some(comment) = comment(model, task) {
                    lines.push(comment);
                }
                lines.push(line);
                if let Some(flag) = drawn.get_mut(ix) {
                    *flag = true;
                }
            }
        }
        if lines.is_empty() {
            continue;
        }
        if let Some(s) = section.and_then(|s| model.sections.get(s)) {
            out.push_str(&format!(
                "    section {}\n",
                label(&shorten(&s.label(), LABEL_CHARS))
            ));
        }
        for line in lines {
            out.push_str(&line);
        }
    }
    out
}

/// One task's line; `drawn` says which tasks are already drawn above it.
fn task_line(
    model: &Model,
    task: &TaskInfo,
    plan_start: Option<NaiveDate>,
    drawn: &Items<TaskIx, bool>,
) -> Option<String> {
    let due = task.due()?.last_day();
    // The tasks it waits for that are due before it: a bar cannot start after its own end.
    let earlier: Vec<(TaskIx, NaiveDate)> = task
        .after
        .iter()
        .filter_map(|&a| Some((a, model.tasks.get(a)?.due()?.last_day())))
        .filter(|(_, d)| *d < due)
        .collect();
    let after_deps = earlier
        .iter()
        .map(|(_, d)| *d)
        .max()
        .and_then(|d| d.succ_opt());
    let start = after_deps.or(plan_start.filter(|s| *s <= due));
    let name = name(task);
    let id = &task.id;
    let all_drawn_above = earlier
        .iter()
        .all(|(a, _)| drawn.get(*a).copied().unwrap_or(false));
    Some(match start {
        Some(_) if !earlier.is_empty() && all_drawn_above => {
            let ids: Vec<&str> = earlier
                .iter()
                .filter_map(|(a, _)| model.tasks.get(*a))
                .map(|t| t.id.as_str())
                .collect();
            format!("    {name} :{id}, after {}, {due}\n", ids.join(" "))
        }
        Some(start) => format!("    {name} :{id}, {start}, {due}\n"),
        None => format!("    {name} :milestone, {id}, {due}, 0d\n"),
    })
}

/// A task's name on the chart: its title, shortened, or its id when it has none.
fn name(task: &TaskInfo) -> String {
    let title = if task.title.trim().is_empty() {
        task.id.as_str()
    } else {
        task.title.as_str()
    };
    label(&shorten(title, LABEL_CHARS))
}

/// A standing duty's bar: `active`, over the whole plan period.
fn standing_line(model: &Model, task: &TaskInfo, plan_start: Option<NaiveDate>) -> Option<String> {
    let end = model.period()?.last_day()?;
    let start = plan_start.filter(|s| *s <= end)?;
    Some(format!(
        "    {} :active, {}, {start}, {end}\n",
        name(task),
        task.id
    ))
}

/// A recurring duty's milestones, one per occurrence within the plan period, each named with its period and with
/// the id `task-1`, `task-2`, … in order (a `-` cannot be in a plan id, so these never meet another task's).
fn occurrence_lines(task: &TaskInfo, run: Option<Run>) -> Option<String> {
    let schedule = task.schedule.every()?;
    let title = if task.title.trim().is_empty() {
        task.id.as_str()
    } else {
        task.title.as_str()
    };
    let title = shorten(title, LABEL_CHARS);
    let mut lines = String::new();
    for (n, occurrence) in schedule.occurrences(run?).enumerate() {
        lines.push_str(&format!(
            "    {} :milestone, {}-{}, {}, 0d\n",
            label(&format!("{title} ({})", occurrence.period)),
            task.id,
            n + 1,
            occurrence.due
        ));
    }
    (!lines.is_empty()).then_some(lines)
}

/// `%% t01 for ubnd_tinh; implements qd941_2015`: what a Gantt chart cannot draw, above the task's line.
fn comment(model: &Model, task: &TaskInfo) -> Option<String> {
    let mut parts = Vec::new();
    if !task.for_.is_empty() {
        parts.push(format!(
            "for {}",
            model.owner_ids(&task.for_).collect::<Vec<_>>().join(", ")
        ));
    }
    if !task.implements.is_empty() {
        let docs: Vec<&str> = task
            .implements
            .iter()
            .filter_map(|&d| model.documents.get(d))
            .map(|d| d.id.as_str())
            .collect();
        parts.push(format!("implements {}", docs.join(", ")));
    }
    (!parts.is_empty()).then(|| format!("    %% {} {}\n", task.id, parts.join("; ")))
}

/// Text Mermaid reads back as it is: `#` (a comment), `:` (ends a task name) and `;` (ends a statement) become
/// their full-width forms, line breaks become spaces, and a text that would start like a statement, a date or a
/// comment is preceded by a dash.
pub(super) fn label(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| match c {
            '#' => '＃',
            ':' => '：',
            ';' => '；',
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect();
    let clean = clean.trim();
    let lower = clean.to_lowercase();
    let starts_like_a_date = clean.len() >= 10
        && clean.bytes().take(10).enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let percent_second = clean.chars().nth(1) == Some('%');
    if clean.is_empty()
        || starts_like_a_date
        || percent_second
        || KEYWORDS.iter().any(|k| lower.starts_with(k))
    {
        format!("– {clean}")
    } else {
        clean.to_string()
    }
}
