//! Recurring reports: the next due date on or after `as_of`, within the plan's run (from its issue to the end of
//! its period); and, when the facts track reports (SPEC §2b), each submitter's report for each period due by
//! `as_of`, on time, late or missing.

use super::Options;
use super::duties;
use super::report::ReportJudgement;
use super::status::ReportStatus;
use crate::facts::FactIndex;
use crate::model::Model;

pub fn evaluate(model: &Model, index: &FactIndex, options: &Options) -> Vec<ReportJudgement> {
    let run = model.run(Some(options.as_of));
    model
        .reports
        .enumerate()
        .map(|(report, r)| {
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
            let submitted = index.reports.get(report).map_or(&[][..], Vec::as_slice);
            let tracked = run
                .filter(|_| index.tracks_reports)
                .and_then(|run| duties::submissions(model, r, submitted, run, options));
            let (status, submissions) = match tracked {
                Some((status, submissions)) => (status, submissions),
                None => (status, Vec::new()),
            };
            ReportJudgement {
                report,
                every: r.every,
                status,
                next_due: next,
                days_left,
                tracked: index.tracks_reports,
                submissions,
            }
        })
        .collect()
}
