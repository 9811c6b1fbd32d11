//! Recurring reports: the next due date on or after `as_of`, within the plan period.

use super::Options;
use super::report::{OwnerIds, ReportResult};
use super::status::ReportStatus;
use crate::model::Model;

pub fn evaluate<'m>(model: &'m Model, options: &Options) -> Vec<ReportResult<'m>> {
    let run = model.run(Some(options.as_of));
    model
        .reports
        .iter()
        .map(|r| {
            // On or after: a report due on the day of the evaluation is still to be sent.
            let next = r
                .every
                .zip(run)
                .and_then(|(s, run)| s.next_from(options.as_of, run))
                .map(|o| o.due);
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
                id: &r.id,
                title: &r.title,
                status,
                every: r.every,
                next_due: next,
                days_left,
                from: OwnerIds::new(model, &r.from),
                to: OwnerIds::new(model, &r.to),
            }
        })
        .collect()
}
