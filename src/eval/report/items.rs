//! The items of a report: what evaluation makes of each target, measure, task, rule, recurring report, owner and
//! section (a judgement, which names its item by index), and how the report shows it (a view that reads the
//! item's id, title and other parts from the model).

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::super::Explanation;
use super::super::duties::{
    DutyAssessmentResult, OccurrenceCounts, OccurrenceResult, SubmissionCounts,
    SubmissionJudgement, SubmissionResult,
};
use super::super::status::{
    Counts, ReportStatus, RollupStatus, RuleStatus, TargetStatus, TaskStatus,
};
use super::{Ids, Number};
use crate::deadline::Deadline;
use crate::model::{
    Goal, ItemRef, Model, OwnerIx, ReportIx, RuleIx, RuleSeverity, Schedule, SectionIx, TargetInfo,
    TargetIx, TaskIx, Window,
};

/// A value of a target for one period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Actual {
    /// The period key, as facts write it (`2023-H1`).
    pub period: Deadline,
    /// The value reported (or computed) for that period.
    pub value: Number,
}

/// How a target was judged: what evaluation makes of it, apart from the model's part.
#[derive(Clone, Debug)]
pub(crate) struct TargetJudgement {
    pub target: TargetIx,
    pub status: TargetStatus,
    pub reason: Option<Explanation>,
    pub actual: Option<Actual>,
    pub average: Option<AverageResult>,
    pub years: Vec<YearResult>,
    pub expected: Option<Number>,
    /// Whether the judged value reaches the plan's `aim`: `None` without an aim, `Some(None)` without a value.
    pub aim: Option<Option<bool>>,
    pub assessment: Option<AssessmentResult>,
}

/// One target as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetResult<'r> {
    /// The target's id as written in the plan.
    pub id: &'r str,
    /// The target's title as written.
    pub title: &'r str,
    /// How it stands on `as_of` (SPEC §4).
    pub status: TargetStatus,
    /// Why the status is what it is, when it is not plain from the numbers (no data, a missing input, parts).
    pub reason: Option<&'r Explanation>,
    /// The section's number or title.
    pub section: Option<&'r str>,
    /// The target this is a part or share of.
    pub parent: Option<&'r str>,
    /// The unit, own or inherited from the parent target.
    pub unit: Option<&'r str>,
    /// The goal as written: `>= 9.3`, `8.1..8.6`, `~24`, `"…"`.
    pub goal: Option<&'r Goal>,
    /// `by 2023`, `yearly 2021..2025`, `average 2021..2030`.
    pub window: Option<Window>,
    /// The day the window ends.
    pub deadline: Option<NaiveDate>,
    /// Computed with `value = …` from other targets' facts.
    pub derived: bool,
    /// The value judged: the latest in the window (for `average`, the latest year's).
    pub actual: Option<Actual>,
    /// For `average`: the mean of the yearly values so far.
    pub average: Option<&'r AverageResult>,
    /// For `yearly`: each year begun by `as_of`.
    pub years: &'r [YearResult],
    /// Where a baseline exists and the deadline is ahead: the value on the straight line from the baseline to the
    /// goal at the actual's period end.
    pub expected: Option<Number>,
    /// The plan's second, local figure (`aim`), and whether the judged value reaches it.
    pub aim: Option<AimResult<'r>>,
    /// The latest assessment, for qualitative goals.
    pub assessment: Option<AssessmentResult>,
    /// The owners in charge (`lead`, own or inherited), by id.
    pub lead: Ids<'r>,
}

impl<'r> TargetResult<'r> {
    pub(super) fn new(model: &'r Model, j: &'r TargetJudgement) -> TargetResult<'r> {
        let info = model.targets.get(j.target);
        TargetResult {
            id: info.map_or("", |t| &t.id),
            title: info.map_or("", |t| &t.title),
            status: j.status,
            reason: j.reason.as_ref(),
            section: info.and_then(|t| section_label(model, t.section)),
            parent: info
                .and_then(|t| t.parent)
                .and_then(|p| model.targets.get(p))
                .map(|p| p.id.as_str()),
            unit: info.and_then(|t| t.unit.as_deref()),
            goal: info.and_then(|t| t.goal.as_ref()),
            window: info.and_then(|t| t.window),
            deadline: info.and_then(|t| t.window).and_then(Window::last_day),
            derived: info.is_some_and(TargetInfo::is_derived),
            actual: j.actual,
            average: j.average.as_ref(),
            years: &j.years,
            expected: j.expected,
            aim: info
                .and_then(|t| t.aim.as_ref())
                .zip(j.aim)
                .map(|(goal, reached)| AimResult { goal, reached }),
            assessment: j.assessment,
            lead: Ids::owners(model, info.map_or(&[], |t| &t.lead)),
        }
    }
}

/// An `average` window judged so far: the mean of the years with values, and the years behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AverageResult {
    /// The mean of the yearly values so far; `None` before any year has one.
    pub mean: Option<Number>,
    /// The yearly values the mean is taken over, by year.
    pub years: Vec<Actual>,
    /// Years of the span already over with no value.
    pub missing: Vec<i32>,
}

/// One year of a `yearly` target, judged on its own.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearResult {
    /// The calendar year.
    pub year: i32,
    /// How that year stands.
    pub status: TargetStatus,
    /// The value for that year, if reported.
    pub actual: Option<Actual>,
    /// For a qualitative goal: that year's assessment.
    pub assessment: Option<AssessmentResult>,
}

/// The plan's `aim` ("phấn đấu") beside its goal, and whether the judged value reaches it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AimResult<'r> {
    /// The aim as written.
    pub goal: &'r Goal,
    /// `null` when there is no value to judge.
    pub reached: Option<bool>,
}

/// An assessment of a qualitative target, as the facts give it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct AssessmentResult {
    /// The period judged.
    pub period: Deadline,
    /// `met` or `missed`.
    pub verdict: crate::facts::Verdict,
}

/// A measure's latest value: what evaluation makes of it.
#[derive(Clone, Debug)]
pub(crate) struct MeasureValue {
    pub target: TargetIx,
    pub actual: Option<Actual>,
    pub reason: Option<Explanation>,
}

/// One measure (an input without a goal) as the report shows it, with its latest value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureResult<'r> {
    /// The measure's id as written.
    pub id: &'r str,
    /// The measure's title as written.
    pub title: &'r str,
    /// Its unit, own or inherited.
    pub unit: Option<&'r str>,
    /// The section's number or title.
    pub section: Option<&'r str>,
    /// Computed with `value = …` from other figures.
    pub derived: bool,
    /// The latest value reported (or computed) by `as_of`.
    pub actual: Option<Actual>,
    /// Why there is no value, when a derived measure could not be computed.
    pub reason: Option<&'r Explanation>,
}

impl<'r> MeasureResult<'r> {
    pub(super) fn new(model: &'r Model, m: &'r MeasureValue) -> MeasureResult<'r> {
        let info = model.targets.get(m.target);
        MeasureResult {
            id: info.map_or("", |t| &t.id),
            title: info.map_or("", |t| &t.title),
            unit: info.and_then(|t| t.unit.as_deref()),
            section: info.and_then(|t| section_label(model, t.section)),
            derived: info.is_some_and(TargetInfo::is_derived),
            actual: m.actual,
            reason: m.reason.as_ref(),
        }
    }
}

/// How a task was judged.
#[derive(Clone, Debug)]
pub(crate) struct TaskJudgement {
    pub task: TaskIx,
    pub status: TaskStatus,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub progress: Option<Number>,
    pub days_late: i64,
    pub days_left: Option<i64>,
    pub blocked_by: Vec<TaskIx>,
    pub waits_for: Vec<TaskIx>,
    pub cancelled: Option<String>,
    pub occurrences: Vec<OccurrenceResult>,
    pub occurrence_counts: Option<OccurrenceCounts>,
    pub assessment: Option<DutyAssessmentResult>,
}

/// One task as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskResult<'r> {
    /// The task's id as written in the plan.
    pub id: &'r str,
    /// The task's title as written.
    pub title: &'r str,
    /// How it stands on `as_of` (SPEC §4, §2b).
    pub status: TaskStatus,
    /// The section's number or title.
    pub section: Option<&'r str>,
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
    pub blocked_by: Ids<'r>,
    /// `after` tasks (one-off) not finished yet and not late: what it waits for while `open`.
    pub waits_for: Ids<'r>,
    /// The reason given, for cancelled tasks.
    pub cancelled: Option<&'r str>,
    /// A recurring duty's occurrences: each due by `as_of`, then those reported early, up to the next open one.
    pub occurrences: &'r [OccurrenceResult],
    /// A recurring duty's occurrences counted on time, late and overdue; `null` for other tasks.
    pub occurrence_counts: Option<OccurrenceCounts>,
    /// The assessment a standing duty is judged on, with its note.
    pub assessment: Option<&'r DutyAssessmentResult>,
    /// The owners in charge (`lead`), by id.
    pub lead: Ids<'r>,
}

impl<'r> TaskResult<'r> {
    pub(super) fn new(model: &'r Model, j: &'r TaskJudgement) -> TaskResult<'r> {
        let info = model.tasks.get(j.task);
        TaskResult {
            id: info.map_or("", |t| &t.id),
            title: info.map_or("", |t| &t.title),
            status: j.status,
            section: info.and_then(|t| section_label(model, t.section)),
            every: info.and_then(|t| t.schedule.every()),
            ongoing: info.is_some_and(|t| t.schedule.is_ongoing()),
            due: j.due,
            done: j.done,
            progress: j.progress,
            days_late: j.days_late,
            days_left: j.days_left,
            blocked_by: Ids::tasks(model, &j.blocked_by),
            waits_for: Ids::tasks(model, &j.waits_for),
            cancelled: j.cancelled.as_deref(),
            occurrences: &j.occurrences,
            occurrence_counts: j.occurrence_counts,
            assessment: j.assessment.as_ref(),
            lead: Ids::owners(model, info.map_or(&[], |t| &t.lead)),
        }
    }
}

/// How a rule was judged.
#[derive(Clone, Debug)]
pub(crate) struct RuleJudgement {
    pub rule: RuleIx,
    pub severity: RuleSeverity,
    pub kind: crate::model::ConditionKind,
    pub status: RuleStatus,
    pub reason: Option<Explanation>,
    pub values: Vec<RuleValue>,
}

/// A value a rule's condition read.
#[derive(Clone, Debug)]
pub(crate) struct RuleValue {
    pub target: TargetIx,
    pub actual: Option<Actual>,
}

/// One rule as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleResult<'r> {
    /// The rule's id as written.
    pub id: &'r str,
    /// The rule's title as written: what it checks.
    pub title: &'r str,
    /// Held, violated, or not evaluable.
    pub status: RuleStatus,
    /// How serious a violation is (`severity`; `error` when not written).
    pub severity: RuleSeverity,
    /// `require` (violated when false) or `when` (violated when true).
    pub kind: crate::model::ConditionKind,
    /// The section's number or title.
    pub section: Option<&'r str>,
    /// For `violated`, the rule's title as the message; for `not-evaluable`, why.
    pub reason: Option<&'r Explanation>,
    /// The actual values the condition read.
    pub values: RuleInputs<'r>,
}

impl<'r> RuleResult<'r> {
    pub(super) fn new(model: &'r Model, j: &'r RuleJudgement) -> RuleResult<'r> {
        let info = model.rules.get(j.rule);
        RuleResult {
            id: info.map_or("", |r| &r.id),
            title: info.map_or("", |r| &r.title),
            status: j.status,
            severity: j.severity,
            kind: j.kind,
            section: info.and_then(|r| section_label(model, r.section)),
            reason: j.reason.as_ref(),
            values: RuleInputs {
                model,
                values: &j.values,
            },
        }
    }
}

/// The values a rule read, each with its target's id.
#[derive(Clone, Copy)]
pub struct RuleInputs<'r> {
    model: &'r Model,
    values: &'r [RuleValue],
}

impl<'r> RuleInputs<'r> {
    /// Each value, in the order the condition reads them.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = RuleInput<'r>> + use<'r> {
        let model = self.model;
        self.values.iter().map(move |v| RuleInput {
            id: model.targets.get(v.target).map_or("", |t| t.id.as_str()),
            actual: v.actual,
        })
    }
}

impl PartialEq for RuleInputs<'_> {
    fn eq(&self, other: &RuleInputs<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for RuleInputs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for RuleInputs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A value a rule's condition read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleInput<'r> {
    /// The target or measure read, by id.
    pub id: &'r str,
    /// Its latest value by `as_of`, as the condition read it; `None` when it had none.
    pub actual: Option<Actual>,
}

/// Where a recurring report stands.
#[derive(Clone, Debug)]
pub(crate) struct ReportJudgement {
    pub report: ReportIx,
    pub every: Option<Schedule>,
    pub status: ReportStatus,
    pub next_due: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub tracked: bool,
    pub submissions: Vec<SubmissionJudgement>,
}

/// One recurring report as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportResult<'r> {
    /// The report's id as written.
    pub id: &'r str,
    /// The report's title as written.
    pub title: &'r str,
    /// Where it stands: its next due date's nearness, or, when the facts track reports, how the submissions came in.
    pub status: ReportStatus,
    /// `quarter by day 15`, `year by 12-15`.
    pub every: Option<Schedule>,
    /// The first due date on or after `as_of`, within the plan's run.
    pub next_due: Option<NaiveDate>,
    /// Days from `as_of` to `next_due`.
    pub days_left: Option<i64>,
    /// Whether the facts track reports (SPEC §2b); then `submissions` lists each one due by `as_of`.
    pub tracked: bool,
    /// Each submitter's report for each occurrence due by `as_of`: `on-time`, `late` or `missing`.
    pub submissions: Submissions<'r>,
    /// The owners who send it, by id.
    pub from: Ids<'r>,
    /// The owners who receive it, by id.
    pub to: Ids<'r>,
}

impl<'r> ReportResult<'r> {
    pub(super) fn new(model: &'r Model, j: &'r ReportJudgement) -> ReportResult<'r> {
        let info = model.reports.get(j.report);
        ReportResult {
            id: info.map_or("", |r| &r.id),
            title: info.map_or("", |r| &r.title),
            status: j.status,
            every: j.every,
            next_due: j.next_due,
            days_left: j.days_left,
            tracked: j.tracked,
            submissions: Submissions {
                model,
                list: &j.submissions,
            },
            from: Ids::owners(model, info.map_or(&[], |r| &r.from)),
            to: Ids::owners(model, info.map_or(&[], |r| &r.to)),
        }
    }
}

/// A tracked report's submissions, each with its sender's id.
#[derive(Clone, Copy)]
pub struct Submissions<'r> {
    model: &'r Model,
    list: &'r [SubmissionJudgement],
}

impl<'r> Submissions<'r> {
    pub fn iter(&self) -> impl ExactSizeIterator<Item = SubmissionResult<'r>> + use<'r> {
        let model = self.model;
        self.list.iter().map(move |s| SubmissionResult {
            period: s.period,
            due: s.due,
            from: model.owners.get(s.from).map_or("", |o| o.id.as_str()),
            status: s.status,
            submitted: s.submitted,
            days_late: s.days_late,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl PartialEq for Submissions<'_> {
    fn eq(&self, other: &Submissions<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Submissions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Submissions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// An owner's counts.
#[derive(Clone, Debug)]
pub(crate) struct OwnerTally {
    pub owner: OwnerIx,
    pub status: RollupStatus,
    pub targets: Counts<TargetStatus>,
    pub tasks: Counts<TaskStatus>,
    pub reports: SubmissionCounts,
    pub attention: Vec<ItemRef>,
}

/// One owner that leads something, as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerResult<'r> {
    /// The owner's id as written.
    pub id: &'r str,
    /// The owner's full name.
    pub name: &'r str,
    /// `attention` when anything it leads (or a report it sends) needs it.
    pub status: RollupStatus,
    /// Its targets counted by status.
    pub targets: &'r Counts<TargetStatus>,
    /// Its tasks counted by status.
    pub tasks: &'r Counts<TaskStatus>,
    /// Its reports due by `as_of` and how they came in, when the facts track reports: the reporting scorecard.
    pub reports: SubmissionCounts,
    /// Ids of the items it leads (and reports it sends) that need attention.
    pub attention: Ids<'r>,
}

impl<'r> OwnerResult<'r> {
    pub(super) fn new(model: &'r Model, t: &'r OwnerTally) -> OwnerResult<'r> {
        let info = model.owners.get(t.owner);
        OwnerResult {
            id: info.map_or("", |o| &o.id),
            name: info.map_or("", |o| &o.name),
            status: t.status,
            targets: &t.targets,
            tasks: &t.tasks,
            reports: t.reports,
            attention: Ids::items(model, &t.attention),
        }
    }
}

/// A section's counts, with its subsections'.
#[derive(Clone, Debug)]
pub(crate) struct SectionTally {
    pub section: SectionIx,
    pub status: RollupStatus,
    pub targets: Counts<TargetStatus>,
    pub tasks: Counts<TaskStatus>,
    pub rules: Counts<RuleStatus>,
}

/// One section as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionResult<'r> {
    /// The section's number, or its title when it has none.
    pub id: &'r str,
    /// The section's heading.
    pub title: &'r str,
    /// The section it is inside, by its number or title.
    pub parent: Option<&'r str>,
    /// `attention` when any item in it (or in its subsections) needs it.
    pub status: RollupStatus,
    /// Its targets counted by status, with its subsections'.
    pub targets: &'r Counts<TargetStatus>,
    /// Its tasks counted by status, with its subsections'.
    pub tasks: &'r Counts<TaskStatus>,
    /// Its rules counted by status, with its subsections'.
    pub rules: &'r Counts<RuleStatus>,
    /// The numbers of the documents the section implements (`implements`), for the pages people read; the JSON
    /// report leaves them to the plan's export.
    #[serde(skip)]
    pub implements: Vec<&'r str>,
    /// The section's `note`s, for the pages people read (the JSON report leaves them to the plan's export).
    #[serde(skip)]
    pub notes: &'r [String],
}

impl<'r> SectionResult<'r> {
    pub(super) fn new(model: &'r Model, t: &'r SectionTally) -> SectionResult<'r> {
        let info = model.sections.get(t.section);
        SectionResult {
            id: info.map_or("", |s| s.key()),
            title: info.map_or("", |s| &s.title),
            parent: info.and_then(|s| section_label(model, s.parent)),
            status: t.status,
            targets: &t.targets,
            tasks: &t.tasks,
            rules: &t.rules,
            implements: info.map_or_else(Vec::new, |s| {
                s.implements
                    .iter()
                    .filter_map(|&d| model.documents.get(d))
                    .map(|d| d.number.as_str())
                    .collect()
            }),
            notes: info.map_or(&[], |s| &s.notes),
        }
    }
}

/// How the report names a section: its number, or its title when it has none.
fn section_label(model: &Model, section: Option<SectionIx>) -> Option<&str> {
    model
        .sections
        .get(section?)
        .map(crate::model::SectionInfo::key)
}
