//! The report: what evaluation gives, serialised as the JSON of SPEC section 5 and returned by the JavaScript API.
//!
//! Public contract (`docs/report.schema.json`): every key is always present (`null` or `[]` when empty), items keep
//! the plan's order, decimals are strings with their exact digits (computed values — means, derived values,
//! expected values on a trajectory — are rounded to 6 decimal places for showing; statuses are judged on the
//! exact values), dates are `YYYY-MM-DD`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::Explanation;
use super::status::{
    Counts, ReportStatus, RollupStatus, RuleStatus, Status, TargetStatus, TaskStatus,
};
use crate::model::{Period, RuleSeverity};

/// An exact decimal, serialised as a string of its digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Number(pub Decimal);

impl Number {
    /// A computed value, rounded for showing.
    pub fn computed(d: Decimal) -> Number {
        Number(
            d.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize(),
        )
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub plan: PlanHeader,
    pub as_of: NaiveDate,
    pub due_soon_days: u32,
    pub summary: Summary,
    pub targets: Vec<TargetResult>,
    /// Measures: inputs without a goal, with their latest value.
    pub measures: Vec<MeasureResult>,
    pub tasks: Vec<TaskResult>,
    pub rules: Vec<RuleResult>,
    pub reports: Vec<ReportResult>,
    /// One entry per owner that leads at least one target or task, in the plan's order of owners.
    pub owners: Vec<OwnerResult>,
    /// One entry per section, counting the items of its subsections too.
    pub sections: Vec<SectionResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanHeader {
    pub number: Option<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<NaiveDate>,
    pub period: Option<Period>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub status: RollupStatus,
    pub targets: Counts<TargetStatus>,
    pub tasks: Counts<TaskStatus>,
    pub rules: Counts<RuleStatus>,
    pub reports: Counts<ReportStatus>,
    /// Items whose status needs someone to act: targets `missed`/`behind`, tasks `overdue`/`blocked`, rules
    /// `violated`.
    pub attention: usize,
}

/// A value of a target for one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actual {
    /// The period key, as facts write it (`2023-H1`).
    pub period: String,
    pub value: Number,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetResult {
    pub id: String,
    pub title: String,
    pub status: TargetStatus,
    /// Why the status is what it is, when it is not plain from the numbers (no data, a missing input, parts).
    pub reason: Option<Explanation>,
    /// The section's number or title.
    pub section: Option<String>,
    /// The target this is a part or share of.
    pub parent: Option<String>,
    pub unit: Option<String>,
    /// The goal as written: `>= 9.3`, `8.1..8.6`, `~24`, `"…"`.
    pub goal: Option<String>,
    /// `by 2023`, `yearly 2021..2025`, `average 2021..2030`.
    pub window: Option<String>,
    /// The day the window ends.
    pub deadline: Option<NaiveDate>,
    /// Computed with `value = …` from other targets' facts.
    pub derived: bool,
    /// The value judged: the latest in the window (for `average`, the latest year's).
    pub actual: Option<Actual>,
    /// For `average`: the mean of the yearly values so far.
    pub average: Option<AverageResult>,
    /// For `yearly`: each year begun by `as_of`.
    pub years: Vec<YearResult>,
    /// Where a baseline exists and the deadline is ahead: the value on the straight line from the baseline to the
    /// goal at the actual's period end.
    pub expected: Option<Number>,
    /// The plan's second, local figure (`aim`), and whether the judged value reaches it.
    pub aim: Option<AimResult>,
    /// The latest assessment, for qualitative goals.
    pub assessment: Option<AssessmentResult>,
    pub lead: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AverageResult {
    pub mean: Option<Number>,
    pub years: Vec<Actual>,
    /// Years of the span already over with no value.
    pub missing: Vec<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearResult {
    pub year: i32,
    pub status: TargetStatus,
    pub actual: Option<Actual>,
    pub assessment: Option<AssessmentResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AimResult {
    pub goal: String,
    /// `null` when there is no value to judge.
    pub reached: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentResult {
    pub period: String,
    pub verdict: crate::facts::Verdict,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureResult {
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    pub section: Option<String>,
    pub derived: bool,
    pub actual: Option<Actual>,
    pub reason: Option<Explanation>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskResult {
    pub id: String,
    pub title: String,
    pub status: TaskStatus,
    pub section: Option<String>,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    /// Percent done, as reported.
    pub progress: Option<Number>,
    /// Days past due: when finished late, or so far when open past the deadline; 0 otherwise.
    pub days_late: i64,
    /// Days from `as_of` to the due date, for tasks not finished and not yet due.
    pub days_left: Option<i64>,
    /// `after` tasks neither done nor cancelled by `as_of`.
    pub blocked_by: Vec<String>,
    /// The reason given, for cancelled tasks.
    pub cancelled: Option<String>,
    pub lead: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleResult {
    pub id: String,
    pub title: String,
    pub status: RuleStatus,
    pub severity: RuleSeverity,
    /// `require` (violated when false) or `when` (violated when true).
    pub kind: crate::model::ConditionKind,
    pub section: Option<String>,
    /// For `violated`, the rule's title as the message; for `not-evaluable`, why.
    pub reason: Option<Explanation>,
    /// The actual values the condition read.
    pub values: Vec<RuleInput>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleInput {
    pub id: String,
    pub actual: Option<Actual>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportResult {
    pub id: String,
    pub title: String,
    pub status: ReportStatus,
    /// `quarter by day 15`, `year by 12-15`.
    pub every: Option<String>,
    /// The first due date on or after `as_of`, within the plan period.
    pub next_due: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub from: Vec<String>,
    pub to: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerResult {
    pub id: String,
    pub name: String,
    pub status: RollupStatus,
    pub targets: Counts<TargetStatus>,
    pub tasks: Counts<TaskStatus>,
    /// Ids of the items it leads that need attention.
    pub attention: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionResult {
    /// The section's number, or its title when it has none.
    pub id: String,
    pub title: String,
    pub parent: Option<String>,
    pub status: RollupStatus,
    pub targets: Counts<TargetStatus>,
    pub tasks: Counts<TaskStatus>,
    pub rules: Counts<RuleStatus>,
}

impl Report {
    /// Whether any target, task, rule or report has the status spelled `word`.
    pub fn has_status(&self, word: &str) -> bool {
        fn any<S: Status>(mut statuses: impl Iterator<Item = S>, word: &str) -> bool {
            statuses.any(|s| s.as_str() == word)
        }
        any(self.targets.iter().map(|t| t.status), word)
            || any(self.tasks.iter().map(|t| t.status), word)
            || any(self.rules.iter().map(|r| r.status), word)
            || any(self.reports.iter().map(|r| r.status), word)
    }

    /// The ids of items with the status `word`.
    pub fn items_with_status(&self, word: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        ids.extend(
            self.targets
                .iter()
                .filter(|t| t.status.as_str() == word)
                .map(|t| t.id.as_str()),
        );
        ids.extend(
            self.tasks
                .iter()
                .filter(|t| t.status.as_str() == word)
                .map(|t| t.id.as_str()),
        );
        ids.extend(
            self.rules
                .iter()
                .filter(|r| r.status.as_str() == word)
                .map(|r| r.id.as_str()),
        );
        ids.extend(
            self.reports
                .iter()
                .filter(|r| r.status.as_str() == word)
                .map(|r| r.id.as_str()),
        );
        ids
    }
}
