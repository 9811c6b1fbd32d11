//! Facts read against a plan, and the plan evaluated against them.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{Findings, Plan, Refusal, Source};
use crate::diagnostics::sort_and_dedup;
use crate::eval::{self, Report};
use crate::facts::{self, FactIndex};
use crate::model::Model;

/// Reported progress — values per period, assessments, what became of each task — read from a `.facts` text or
/// a web form's JSON and checked against one plan ([`Plan::facts`]). Facts with an error cannot be evaluated; their
/// [`findings`](Facts::findings) say where and why.
pub struct Facts {
    /// The plan the facts were checked against: they are indexed by its items.
    model: Arc<Model>,
    /// `None` when not even the facts' header could be read.
    index: Option<FactIndex>,
    findings: Findings,
}

impl Facts {
    /// Every diagnostic about the facts, in reading order; labels may point into the plan.
    pub fn findings(&self) -> &Findings {
        &self.findings
    }

    /// The day the facts say they describe (`as_of`), when they say one.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.index.as_ref().and_then(|i| i.as_of)
    }
}

/// How to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvalOptions {
    /// The day the report describes; `None` for the facts' own `as_of`.
    pub as_of: Option<NaiveDate>,
    /// A task or recurring report due within this many days of `as_of` is `due-soon`.
    pub due_soon_days: u32,
}

impl EvalOptions {
    /// How many days ahead a deadline is `due-soon` unless told otherwise, on the command line and in JavaScript.
    pub const DEFAULT_DUE_SOON_DAYS: u32 = 14;
}

impl Default for EvalOptions {
    fn default() -> EvalOptions {
        EvalOptions {
            as_of: None,
            due_soon_days: EvalOptions::DEFAULT_DUE_SOON_DAYS,
        }
    }
}

impl Plan {
    /// Reads facts — JSON when the name ends in `.json` or the text starts with `{`, the `.facts` form otherwise —
    /// and checks them against the plan: unknown ids, facts of the wrong kind, periods outside a target's window,
    /// duplicates. Each problem is a diagnostic at its place (with its JSON path, for JSON).
    ///
    /// ```
    /// use kehoach::{Project, Source};
    ///
    /// let text = "plan \"1/KH\" { period 2023 }\nowner a \"Sở A\"\ntarget x \"X\" { goal >= 9.3; lead a }\n";
    /// let plan = Project::from_sources(vec![Source::new("plan.plan", text)?]).plan(None)?;
    /// let facts = plan.facts(Source::new("form.json", r#"{ "as_of": "2023-09-30", "values": { "y": { "2023": 1 } } }"#)?);
    /// let codes: Vec<&str> = facts.findings().diagnostics().iter().map(|d| d.code.as_str()).collect();
    /// assert_eq!(codes, ["unknown-fact"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn facts(&self, source: Source) -> Facts {
        // The facts are the file after the plan's: their diagnostics point into it and, through labels, into the
        // plan.
        let file = self.sources.next_id();
        let (read, mut diagnostics) = facts::read(&source.name, &source.text, file);
        let checked = read.as_ref().map(|f| facts::check(&self.model, f));
        let index = checked.map(|c| {
            diagnostics.extend(c.diagnostics);
            c.index
        });
        sort_and_dedup(&mut diagnostics);
        Facts {
            model: Arc::clone(&self.model),
            index,
            findings: Findings::with_file(diagnostics, Arc::clone(&self.sources), source),
        }
    }

    /// The plan judged against the facts on `options.as_of`, or else the facts' own `as_of`: every item's status
    /// with what it was judged on, and the roll-ups. Refused when the facts could not be read, have an error, give
    /// no date (and none was asked for), or were read against another plan.
    ///
    /// ```
    /// use kehoach::{EvalOptions, Project, Refusal, Source};
    ///
    /// let text = "plan \"1/KH\" { period 2023 }\nowner a \"Sở A\"\ntask t \"Việc\" { lead a; due 2023-Q1 }\n";
    /// let plan = Project::from_sources(vec![Source::new("plan.plan", text)?]).plan(None)?;
    /// let facts = plan.facts(Source::new("plan.facts", "facts \"1/KH\" { t done 2023-04-10 }")?);
    /// assert_eq!(plan.evaluate(&facts, &EvalOptions::default()).unwrap_err(), Refusal::NoDate);
    /// let options = EvalOptions { as_of: "2023-06-30".parse().ok(), ..EvalOptions::default() };
    /// let report = plan.evaluate(&facts, &options)?;
    /// let late = report.tasks().next().map(|t| (t.status.to_string(), t.days_late));
    /// assert_eq!(late, Some(("done-late".to_string(), 10)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate(&self, facts: &Facts, options: &EvalOptions) -> Result<Report, Refusal> {
        let Some(index) = &facts.index else {
            return Err(Refusal::FactsUnreadable);
        };
        let errors = facts.findings.tally().errors;
        if errors > 0 {
            return Err(Refusal::FactsErrors { errors });
        }
        if !Arc::ptr_eq(&facts.model, &self.model) {
            return Err(Refusal::OtherPlan);
        }
        let as_of = options.as_of.or(index.as_of).ok_or(Refusal::NoDate)?;
        let options = eval::Options {
            as_of,
            due_soon_days: options.due_soon_days,
        };
        Ok(eval::evaluate_index(&self.model, index, &options))
    }
}
