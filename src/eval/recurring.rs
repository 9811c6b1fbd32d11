//! Recurring reports: the next due date on or after `as_of`, within the plan period.

use super::Options;
use super::report::ReportResult;
use super::status::ReportStatus;
use crate::model::{DueDay, Model, Schedule};

pub fn evaluate(model: &Model, options: &Options) -> Vec<ReportResult> {
    let end = model.period().and_then(|p| p.last_day());
    model
        .reports
        .iter()
        .map(|r| {
            // On or after: a report due on the day of the evaluation is still to be sent.
            let next = r.every.and_then(|s| {
                let day_before = options.as_of.pred_opt()?;
                s.next_after(day_before)
                    .filter(|d| end.is_none_or(|end| *d <= end))
            });
            let days_left = next.map(|d| (d - options.as_of).num_days());
            let status = match (r.every, days_left) {
                (None, _) => ReportStatus::Unscheduled,
                (Some(_), None) => ReportStatus::Ended,
                (Some(_), Some(n)) if n <= i64::from(options.due_soon_days) => {
                    ReportStatus::DueSoon
                }
                (Some(_), Some(_)) => ReportStatus::Scheduled,
            };
            ReportResult {
                id: r.id.clone(),
                title: r.title.clone(),
                status,
                every: r.every.map(describe),
                next_due: next,
                days_left,
                from: model.owner_ids(&r.from).map(str::to_string).collect(),
                to: model.owner_ids(&r.to).map(str::to_string).collect(),
            }
        })
        .collect()
}

/// `quarter by day 15`, `year by 12-15`: as the plan writes it after `every`.
pub fn describe(s: Schedule) -> String {
    let by = match s.by {
        DueDay::DayOfLastMonth(d) => format!("day {d}"),
        DueDay::MonthDay { month, day } => format!("{month:02}-{day:02}"),
    };
    format!("{} by {by}", s.frequency.as_str())
}
