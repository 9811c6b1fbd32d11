//! The report: what evaluation gives, serialised as the JSON of SPEC section 5 and returned by the JavaScript API.
//!
//! Public contract (`docs/report.schema.json`): every key is always present (`null` or `[]` when empty), items keep
//! the plan's order, decimals are strings with their exact digits (computed values — means, derived values,
//! expected values on a trajectory — are rounded to 6 decimal places for showing; statuses are judged on the
//! exact values), dates are `YYYY-MM-DD`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::Explanation;
use super::status::{
    Counts, ReportStatus, RollupStatus, RuleStatus, Status, TargetStatus, TaskStatus,
};
use crate::deadline::Deadline;
use crate::model::{Goal, Model, OwnerIx, Period, RuleSeverity, Schedule, Window};

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
    /// Its digits as a string; in a binary format (comparing reports, see [`Varying`]), the decimal's exact
    /// representation instead, digits and scale, so that `1.0` and `1.00` still differ.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(&self.0)
        } else {
            serializer.serialize_bytes(&self.0.serialize())
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The ids of an item's owners (its leads, a report's senders), read from the plan's model when shown: a report
/// refers to them rather than copying them.
#[derive(Clone, Copy)]
pub struct OwnerIds<'m> {
    model: &'m Model,
    owners: &'m [OwnerIx],
}

impl<'m> OwnerIds<'m> {
    pub fn new(model: &'m Model, owners: &'m [OwnerIx]) -> OwnerIds<'m> {
        OwnerIds { model, owners }
    }

    pub fn iter(&self) -> impl Iterator<Item = &'m str> + use<'m> {
        self.model.owner_ids(self.owners)
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The ids with `separator` between them.
    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl PartialEq for OwnerIds<'_> {
    fn eq(&self, other: &OwnerIds<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for OwnerIds<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for OwnerIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report<'m> {
    pub plan: PlanHeader<'m>,
    pub as_of: NaiveDate,
    pub due_soon_days: u32,
    pub summary: Summary,
    pub targets: Vec<TargetResult<'m>>,
    /// Measures: inputs without a goal, with their latest value.
    pub measures: Vec<MeasureResult<'m>>,
    pub tasks: Vec<TaskResult<'m>>,
    pub rules: Vec<RuleResult<'m>>,
    pub reports: Vec<ReportResult<'m>>,
    /// One entry per owner that leads at least one target or task, in the plan's order of owners.
    pub owners: Vec<OwnerResult<'m>>,
    /// One entry per section, counting the items of its subsections too.
    pub sections: Vec<SectionResult<'m>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanHeader<'m> {
    pub number: Option<&'m str>,
    pub title: Option<&'m str>,
    pub issuer: Option<&'m str>,
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
    /// Items whose status needs someone to act: targets `missed`/`behind`, tasks `overdue`/`blocked`/`behind`,
    /// rules `violated`, tracked reports `late`/`missing`.
    pub attention: usize,
}

/// A value of a target for one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actual {
    /// The period key, as facts write it (`2023-H1`).
    pub period: Deadline,
    pub value: Number,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetResult<'m> {
    pub id: &'m str,
    pub title: &'m str,
    pub status: TargetStatus,
    /// Why the status is what it is, when it is not plain from the numbers (no data, a missing input, parts).
    pub reason: Option<Explanation>,
    /// The section's number or title.
    pub section: Option<&'m str>,
    /// The target this is a part or share of.
    pub parent: Option<&'m str>,
    pub unit: Option<&'m str>,
    /// The goal as written: `>= 9.3`, `8.1..8.6`, `~24`, `"…"`.
    pub goal: Option<&'m Goal>,
    /// `by 2023`, `yearly 2021..2025`, `average 2021..2030`.
    pub window: Option<Window>,
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
    pub aim: Option<AimResult<'m>>,
    /// The latest assessment, for qualitative goals.
    pub assessment: Option<AssessmentResult>,
    pub lead: OwnerIds<'m>,
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
pub struct AimResult<'m> {
    pub goal: &'m Goal,
    /// `null` when there is no value to judge.
    pub reached: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentResult {
    pub period: Deadline,
    pub verdict: crate::facts::Verdict,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureResult<'m> {
    pub id: &'m str,
    pub title: &'m str,
    pub unit: Option<&'m str>,
    pub section: Option<&'m str>,
    pub derived: bool,
    pub actual: Option<Actual>,
    pub reason: Option<Explanation>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskResult<'m> {
    pub id: &'m str,
    pub title: &'m str,
    pub status: TaskStatus,
    pub section: Option<&'m str>,
    /// A recurring duty's recurrence (`quarter by day 10`), as written after `every`.
    pub every: Option<Schedule>,
    /// A standing duty (`ongoing`).
    pub ongoing: bool,
    /// A one-off task's deadline; a recurring duty's next open occurrence's; none for a standing duty.
    pub due: Option<NaiveDate>,
    /// When it was finished (a recurring duty: its last occurrence, once every one is done).
    pub done: Option<NaiveDate>,
    /// Percent done, as reported.
    pub progress: Option<Number>,
    /// Days past due: when finished late, or so far when open past the deadline; 0 otherwise.
    pub days_late: i64,
    /// Days from `as_of` to the due date, for tasks not finished and not yet due.
    pub days_left: Option<i64>,
    /// `after` tasks that are overdue, blocked or cancelled: what makes it `blocked`.
    pub blocked_by: Vec<&'m str>,
    /// `after` tasks (one-off) not finished yet and not late: what it waits for while `open`.
    pub waits_for: Vec<&'m str>,
    /// The reason given, for cancelled tasks.
    pub cancelled: Option<String>,
    /// A recurring duty's occurrences: each due by `as_of`, then those reported early, up to the next open one.
    pub occurrences: Vec<super::duties::OccurrenceResult>,
    /// A recurring duty's occurrences counted on time, late and overdue; `null` for other tasks.
    pub occurrence_counts: Option<super::duties::OccurrenceCounts>,
    /// The assessment a standing duty is judged on, with its note.
    pub assessment: Option<super::duties::DutyAssessmentResult>,
    pub lead: OwnerIds<'m>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleResult<'m> {
    pub id: &'m str,
    pub title: &'m str,
    pub status: RuleStatus,
    pub severity: RuleSeverity,
    /// `require` (violated when false) or `when` (violated when true).
    pub kind: crate::model::ConditionKind,
    pub section: Option<&'m str>,
    /// For `violated`, the rule's title as the message; for `not-evaluable`, why.
    pub reason: Option<Explanation>,
    /// The actual values the condition read.
    pub values: Vec<RuleInput<'m>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleInput<'m> {
    pub id: &'m str,
    pub actual: Option<Actual>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportResult<'m> {
    pub id: &'m str,
    pub title: &'m str,
    pub status: ReportStatus,
    /// `quarter by day 15`, `year by 12-15`.
    pub every: Option<Schedule>,
    /// The first due date on or after `as_of`, within the plan period.
    pub next_due: Option<NaiveDate>,
    pub days_left: Option<i64>,
    /// Whether the facts track reports (SPEC §2b); then `submissions` lists each one due by `as_of`.
    pub tracked: bool,
    /// Each submitter's report for each occurrence due by `as_of`: `on-time`, `late` or `missing`.
    pub submissions: Vec<super::duties::SubmissionResult<'m>>,
    pub from: OwnerIds<'m>,
    pub to: OwnerIds<'m>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerResult<'m> {
    pub id: &'m str,
    pub name: &'m str,
    pub status: RollupStatus,
    pub targets: Counts<TargetStatus>,
    pub tasks: Counts<TaskStatus>,
    /// Its reports due by `as_of` and how they came in, when the facts track reports.
    pub reports: super::duties::SubmissionCounts,
    /// Ids of the items it leads (and reports it sends) that need attention.
    pub attention: Vec<&'m str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionResult<'m> {
    /// The section's number, or its title when it has none.
    pub id: &'m str,
    pub title: &'m str,
    pub parent: Option<&'m str>,
    pub status: RollupStatus,
    pub targets: Counts<TargetStatus>,
    pub tasks: Counts<TaskStatus>,
    pub rules: Counts<RuleStatus>,
}

impl Report<'_> {
    /// Each target's, task's, rule's and report's status word and id, in that order.
    fn statuses(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let targets = self.targets.iter().map(|t| (t.status.as_str(), t.id));
        let tasks = self.tasks.iter().map(|t| (t.status.as_str(), t.id));
        let rules = self.rules.iter().map(|r| (r.status.as_str(), r.id));
        let reports = self.reports.iter().map(|r| (r.status.as_str(), r.id));
        targets.chain(tasks).chain(rules).chain(reports)
    }

    /// Whether any target, task, rule or report has the status spelled `word`.
    pub fn has_status(&self, word: &str) -> bool {
        self.statuses().any(|(status, _)| status == word)
    }

    /// The ids of items with the status `word`.
    pub fn items_with_status(&self, word: &str) -> Vec<&str> {
        self.statuses()
            .filter(|(status, _)| *status == word)
            .map(|(_, id)| id)
            .collect()
    }
}

/// The items of a report reduced to the keys whose values vary with the facts and the date.
///
/// The other keys — ids, titles, sections, units, goals, windows, owners: the model's own — are the same in every
/// evaluation of a plan. An embedder that evaluates one plan many times (the JavaScript API, on every keystroke of
/// a form) keeps them from the first report and merges each item's varying keys over its kept item, so that the
/// long titles cross into JavaScript once. Every varying key is written, `null` included, so the merge leaves
/// nothing stale. The test `varying_keys_cover_every_change` (tests/eval.rs) holds every bundled plan to this
/// across facts and dates.
pub struct Varying<'r, 'm>(pub &'r Report<'m>);

/// Which keys of each kind of item vary: a wrapper per kind that serialises only them. A key marked `as Day` is a
/// date, written through [`Day`].
macro_rules! varying {
    ($($wrapper:ident($item:ident) { $($key:ident $(as $as:ident)?),+ $(,)? })+) => {$(
        struct $wrapper<'r, 'm>(&'r $item<'m>);

        impl Serialize for $wrapper<'_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let item = self.0;
                let mut map = serializer.serialize_struct(stringify!($item), [$(stringify!($key)),+].len())?;
                $(map.serialize_field(stringify!($key), &$($as)?(&item.$key))?;)+
                map.end()
            }
        }
    )+};
}

varying! {
    VaryingTarget(TargetResult) {
        status, reason, actual, average, years, expected, aim, assessment,
    }
    VaryingMeasure(MeasureResult) { actual, reason }
    VaryingTask(TaskResult) {
        status, due as Day, done as Day, progress, days_late, days_left, blocked_by, waits_for, cancelled,
        occurrences, occurrence_counts, assessment,
    }
    VaryingRule(RuleResult) { status, reason, values }
    VaryingReport(ReportResult) { status, next_due as Day, days_left, tracked, submissions }
    VaryingOwner(OwnerResult) { status, targets, tasks, reports, attention }
    VaryingSection(SectionResult) { status, targets, tasks, rules }
}

/// A date as chrono writes it (`2023-09-30`); in a binary format, its day number, without formatting it.
struct Day<'a>(&'a Option<NaiveDate>);

impl Serialize for Day<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use chrono::Datelike;
        match self.0 {
            Some(day) if !serializer.is_human_readable() => {
                serializer.serialize_some(&day.num_days_from_ce())
            }
            day => day.serialize(serializer),
        }
    }
}

/// The report's lists of items, in its order of keys: the lists whose items [`Varying`] reduces.
pub const ITEM_LISTS: [&str; 7] = [
    "targets", "measures", "tasks", "rules", "reports", "owners", "sections",
];

/// What [`Varying::each_item`] hands each item to.
pub trait EachItem {
    /// One item's varying keys, serialisable as a JSON object; `list` is an index into [`ITEM_LISTS`].
    fn item<T: Serialize>(&mut self, list: usize, item: &T);
}

impl Varying<'_, '_> {
    /// Each item's varying keys, list after list in [`ITEM_LISTS`]'s order, items in the report's order. An
    /// embedder compares them with the previous evaluation's to carry across only the items that changed.
    pub fn each_item(&self, each: &mut impl EachItem) {
        let r = self.0;
        r.targets
            .iter()
            .for_each(|t| each.item(0, &VaryingTarget(t)));
        r.measures
            .iter()
            .for_each(|m| each.item(1, &VaryingMeasure(m)));
        r.tasks.iter().for_each(|t| each.item(2, &VaryingTask(t)));
        r.rules.iter().for_each(|x| each.item(3, &VaryingRule(x)));
        r.reports
            .iter()
            .for_each(|x| each.item(4, &VaryingReport(x)));
        r.owners.iter().for_each(|o| each.item(5, &VaryingOwner(o)));
        r.sections
            .iter()
            .for_each(|x| each.item(6, &VaryingSection(x)));
    }
}

/// Appends `value` as compact JSON to `out`: what `serde_json::to_writer` does, with the short pieces JSON is
/// made of (quotes, colons, commas, small numbers) pushed byte by byte. In WebAssembly each slice copy is a
/// `memory.copy`, which costs more than a few bytes are worth: with it, a compiled Quảng Ninh plan re-evaluated
/// in Node went from about 1.9 to 1.5 ms (wasm/README.md).
pub fn write_json(value: &impl Serialize, out: &mut Vec<u8>) -> serde_json::Result<()> {
    struct Pushing<'a>(&'a mut Vec<u8>);

    impl std::io::Write for Pushing<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.write_all(bytes)?;
            Ok(bytes.len())
        }

        #[inline]
        fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
            if bytes.len() <= 8 {
                self.0.reserve(bytes.len());
                for &b in bytes {
                    self.0.push(b);
                }
            } else {
                self.0.extend_from_slice(bytes);
            }
            Ok(())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    serde_json::to_writer(Pushing(out), value)
}
