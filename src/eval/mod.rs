//! Evaluation: a checked plan and its facts at an `as_of` date to a [`Report`] (SPEC section 4).
//!
//! [`evaluate`] is a pure function of the model, the facts and the [`Options`]: no clock, no I/O, so the browser
//! runs it as is. It never panics: a missing value, a division by zero or an overflow makes an item `no-data` or
//! `not-evaluable` with the reason. Facts are indexed by target and task once ([`crate::facts::check`]); each
//! item is then judged in one pass. The semantics are written down in `docs/EVALUATION.md`; the report's JSON
//! shape, which the JavaScript API returns too, in `docs/report.schema.json`.

mod duties;
mod expr;
mod recurring;
pub mod render;
mod report;
mod rollup;
mod rules;
mod status;
mod targets;
mod tasks;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::facts::{self, Facts};
use crate::model::Model;

pub use duties::{
    DutyAssessmentResult, OccurrenceCounts, OccurrenceResult, SubmissionCounts, SubmissionResult,
};
pub use expr::Value;
pub use report::*;
pub use status::{
    Counts, ReportStatus, RollupStatus, RuleStatus, Status, SubmissionStatus, TargetStatus,
    TaskStatus, all_status_words,
};

/// How to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The day the report describes.
    pub as_of: NaiveDate,
    /// A task (or a recurring report) due within this many days of `as_of` is `due-soon`.
    pub due_soon_days: u32,
}

impl Options {
    /// The due-soon window when none is given: 14 days (SPEC §4).
    pub const DEFAULT_DUE_SOON_DAYS: u32 = 14;

    /// Evaluation on `as_of` with the default due-soon window.
    pub fn new(as_of: NaiveDate) -> Options {
        Options {
            as_of,
            due_soon_days: Options::DEFAULT_DUE_SOON_DAYS,
        }
    }
}

/// A reason or note in English and Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The English text.
    pub en: String,
    /// The Vietnamese text.
    pub vi: String,
}

impl Explanation {
    /// The same words in both languages, as diagnostics and reports carry them.
    pub fn from_text(t: crate::diagnostics::Text) -> Explanation {
        Explanation { en: t.en, vi: t.vi }
    }
}

/// Evaluates a plan against facts. Facts that [`crate::facts::check`] rejects are not used; callers show its
/// diagnostics first.
pub fn evaluate(model: &Arc<Model>, facts: &Facts, options: &Options) -> Report {
    let checked = facts::check(model, facts);
    evaluate_index(model, &checked.index, options)
}

/// Evaluates a plan against facts already checked and indexed.
pub fn evaluate_index(model: &Arc<Model>, index: &facts::FactIndex, options: &Options) -> Report {
    let outcomes = tasks::Outcomes::new(model, index, options);
    let targets = targets::evaluate(model, index, options, &outcomes);
    let rules = rules::evaluate(model, options, &targets, &outcomes);
    // Roll-ups count each item as its result is made: targets, then tasks (each owner lists them in that order).
    let mut tally = rollup::Tally::new(model);
    let (target_items, measures) = targets.into_items(model, &mut tally);
    let tasks = tasks::evaluate(model, options, &outcomes, &mut tally);
    for (info, rule) in model.rules.iter().zip(&rules) {
        tally.rule(info, rule);
    }
    let reports = recurring::evaluate(model, index, options);
    for report in &reports {
        tally.report(report);
    }
    tally
        .finish(
            model,
            options,
            target_items,
            measures,
            tasks,
            rules,
            reports,
        )
        .with_notes(&index.notes)
}
