//! Facts: reported progress (SPEC section 6), read from text or JSON into one [`Facts`] and checked against a plan.
//!
//! Reading only checks the shape: [`from_text`] parses a `.facts` file, [`from_json`] a web form's JSON, and both
//! give the same [`Facts`]. [`check`] then holds the facts against a [`crate::model::Model`] — unknown ids, facts
//! of the wrong kind, periods outside a target's window, duplicates — and indexes what it keeps by target and task
//! for the evaluator. Every fact that is not used is reported with its place; JSON places are byte spans into
//! the JSON text and the JSON path is named in the message.

mod check;
mod from_json;
pub(crate) mod json;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use crate::ast::FactKind;
use crate::ast::{Ident, Str};
use crate::deadline::{DateLit, Deadline};
use crate::diagnostics::Diagnostic;
use crate::model::{ItemRef, Items, ReportIx, TargetIx, TaskIx};
use crate::source::{FileId, Span, Spanned};

pub use check::{Checked, check};
pub use from_json::from_json;

/// Facts as read, before they are held against a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// The file the facts were read from, which every span of theirs points into.
    pub file: FileId,
    /// The number of the plan the facts are for (`370/KH-UBND`).
    pub plan: Option<Str>,
    /// The date the facts describe; `kehoach eval --as-of` overrides it.
    pub as_of: Option<Spanned<DateLit>>,
    /// Every fact in the order written, duplicates included ([`check`] reports those).
    pub facts: Vec<Fact>,
    /// Whether the facts track reports (SPEC §2b): JSON with a `reports` key, even `{}`, or text with a submission
    /// line. Reports with nothing submitted are then `missing`; otherwise reports are only scheduled.
    pub tracks_reports: bool,
}

/// One fact: a value, an assessment, or what became of a task.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The whole fact.
    pub span: Span,
    /// The item the fact is about, as written: a target, measure, task or report id of the plan.
    pub id: Ident,
    /// What the fact says: a value, an assessment, a task's progress, a submission or a note.
    pub kind: FactKind,
    /// Where the fact sits in JSON; `None` for text facts.
    pub path: Option<JsonPlace>,
}

/// Where a fact was written in JSON, `$.values.grdp_growth["2023"]`: the section (`values`) and the member's key
/// (`2023`) under the fact's id. Written out as a path only when a message shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonPlace {
    /// The top-level key the fact sits under (`values`, `tasks`, `assessments`, `reports`, `notes`).
    pub section: &'static str,
    /// The key under the fact's id: a period (`2023`) or, for a one-off task, the fact's word (`done`).
    pub member: Box<str>,
    /// The key inside the member, for facts one level deeper: an occurrence's `done` (`$.tasks.t["2021-Q1"].done`)
    /// or a report's submitter (`$.reports.monthly["2021-06"].so_tc`).
    pub inner: Option<Box<str>>,
}

impl Fact {
    /// How messages name the fact's place, in English and Vietnamese: nothing for text (the span says it), the
    /// JSON path otherwise. Formatted only when a message is: every fact asks for it.
    fn place(&self) -> (Place<'_>, Place<'_>) {
        (
            Place {
                fact: self,
                word: "at",
            },
            Place {
                fact: self,
                word: "tại",
            },
        )
    }
}

/// ` at `$.values.x["2023"]``, or nothing: see [`Fact::place`].
#[derive(Clone, Copy, Debug)]
struct Place<'a> {
    fact: &'a Fact,
    word: &'static str,
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(place) = &self.fact.path else {
            return Ok(());
        };
        let root = json::JsonPath::ROOT;
        let section = root.then(place.section);
        let item = section.then(&self.fact.id.value);
        let member = item.then(&place.member);
        match &place.inner {
            Some(inner) => write!(f, " {} `{}`", self.word, member.then(inner)),
            None => write!(f, " {} `{}`", self.word, member),
        }
    }
}

/// Reads a text facts file. The diagnostics are syntax errors; a fact that did not parse is among them.
pub fn from_text(text: &str, file: FileId) -> (Option<Facts>, Vec<Diagnostic>) {
    let (ast, diagnostics) = crate::parse::parse_facts(text, file);
    let facts = ast.map(|f| Facts {
        file,
        plan: Some(f.plan),
        as_of: f.as_of,
        tracks_reports: f
            .facts
            .iter()
            .any(|fact| matches!(fact.kind, FactKind::Submitted { .. })),
        facts: f
            .facts
            .into_iter()
            .map(|fact| Fact {
                span: fact.span,
                id: fact.id,
                kind: fact.kind,
                path: None,
            })
            .collect(),
    });
    (facts, diagnostics)
}

/// Reads facts in either form: JSON when the file name ends in `.json` or the text starts with `{`.
pub fn read(name: &str, text: &str, file: FileId) -> (Option<Facts>, Vec<Diagnostic>) {
    if name.ends_with(".json") || text.trim_start().starts_with('{') {
        from_json(text, file)
    } else {
        from_text(text, file)
    }
}

/// A reported value of a target or measure for one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Observation {
    /// The period the value is for, in deadline syntax (`2023`, `2023-Q3`).
    pub period: Deadline,
    /// The value as reported, exact (never through a binary float), in the target's unit.
    pub value: Decimal,
}

/// The verdict of an assessment of a qualitative target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// `assessed met`: the target's qualitative goal, or a standing duty, was met that period.
    Met,
    /// `assessed missed`: it was not.
    Missed,
}

impl Verdict {
    pub(crate) fn from_word(word: &str) -> Option<Verdict> {
        match word {
            "met" => Some(Verdict::Met),
            "missed" => Some(Verdict::Missed),
            _ => None,
        }
    }
}

/// An assessment of a qualitative target for one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// The period assessed, in deadline syntax.
    pub period: Deadline,
    /// Whether the goal was met that period.
    pub verdict: Verdict,
}

/// What was reported about one task.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskFacts {
    /// The day the task was finished (`t01 done 2023-01-25`).
    pub done: Option<NaiveDate>,
    /// The share done, in percent from 0 to 100 (`t02 progress 60`).
    pub progress: Option<Decimal>,
    /// `Some(reason)` when cancelled; the reason may be empty.
    pub cancelled: Option<Option<String>>,
    /// A recurring duty: what was reported for each occurrence, in the order of their periods.
    pub occurrences: Vec<OccurrenceFacts>,
    /// A standing duty: its assessments, the latest period last.
    pub assessments: Vec<DutyAssessment>,
}

/// What was reported about one occurrence of a recurring duty (`t_quy 2021-Q1 done 2021-04-12`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OccurrenceFacts {
    /// The occurrence's period: one of the recurrence's periods (`2021-Q1`).
    pub period: Deadline,
    /// The day the occurrence was finished.
    pub done: Option<NaiveDate>,
    /// The share of the occurrence done, in percent from 0 to 100.
    pub progress: Option<Decimal>,
    /// `Some(reason)` when the occurrence was cancelled; the reason may be empty.
    pub cancelled: Option<Option<String>>,
}

/// An assessment of a standing duty for one period, with its note
/// (`t_kiem_tra 2021-Q2 assessed met "đã kiểm tra 12 dự án"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyAssessment {
    /// The period assessed, in deadline syntax.
    pub period: Deadline,
    /// Whether the duty was carried out that period (`met`) or fell behind (`missed`).
    pub verdict: Verdict,
    /// What the assessor wrote about it, when anything.
    pub note: Option<String>,
}

/// One `from` owner's report for one period (`monthly 2021-06 from so_tc submitted 2021-06-17`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Submission {
    /// The period of the report's occurrence that was submitted.
    pub period: Deadline,
    /// The submitter: one of the report's `from` owners (a group's member, or the group without members).
    pub from: crate::model::OwnerIx,
    /// The day it was submitted; after the occurrence's due day it is `late`.
    pub date: NaiveDate,
}

/// What the reporter says about one item for one period (`t01 2023-Q3 note "khó khăn: thiếu vốn"`; JSON
/// `"notes": { "t01": { "2023-Q3": "…" } }`): the "kết quả, khó khăn, kiến nghị" of a report. Untrusted text, kept
/// as it was written once [`check`] has made sure it is one line of at most [`crate::limits::MAX_NOTE_CHARS`]
/// characters without control characters; every render escapes it for its medium.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// A target or measure, a task, or a report.
    pub item: ItemRef,
    /// The period the note is about.
    pub period: Deadline,
    /// The note as written: one line, without control characters, at most [`crate::limits::MAX_NOTE_CHARS`] characters.
    pub text: String,
}

/// The facts the evaluator uses, indexed by the model's target and task indices. Each list of observations and
/// assessments is sorted so that the latest period comes last (by last day; on a tie the longer period last, as
/// the year's figure supersedes its last quarter's), and holds only periods inside its target's window: [`check`]
/// warns about the others and leaves them out, so the evaluator need not look again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactIndex {
    /// The date the facts describe, when they give a valid one; `kehoach eval --as-of` may override it.
    pub as_of: Option<NaiveDate>,
    /// Each target's and measure's reported values, the latest period last.
    pub values: Items<TargetIx, Vec<Observation>>,
    /// Each qualitative target's assessments, the latest period last.
    pub assessments: Items<TargetIx, Vec<Assessment>>,
    /// What was reported about each task: one-off facts, occurrences or assessments.
    pub tasks: Items<TaskIx, TaskFacts>,
    /// Each report's submissions, by period then submitter.
    pub reports: Items<ReportIx, Vec<Submission>>,
    /// See [`Facts::tracks_reports`].
    pub tracks_reports: bool,
    /// Every note, in the order of the facts.
    pub notes: Vec<Note>,
}

/// Sort key that puts the latest period last: by last day, then the longer period.
pub(crate) fn period_order(period: Deadline) -> (NaiveDate, std::cmp::Reverse<Option<NaiveDate>>) {
    (period.last_day(), std::cmp::Reverse(period.first_day()))
}
