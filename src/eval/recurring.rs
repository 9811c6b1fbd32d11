//! Recurring reports: the next due date on or after `as_of`, within the plan period.

use super::Options;
use super::report::ReportJudgement;
use super::status::ReportStatus;
use crate::model::Model;

pub fn evaluate(model: &Model, options: &Options) -> Vec<ReportJudgement> {
    let end = model.period().and_then(|p| p.last_day());
    model
        .reports
        .enumerate()
        .map(|(report, r)| {
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
            ReportJudgement {
                report,
                every: r.every,
                status,
                next_due: next,
                days_left,
            }
        })
        .collect()
}
