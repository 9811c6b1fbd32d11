//! The notes of a report: what the reporter said about an item for a period (kết quả, khó khăn, kiến nghị), as
//! the facts gave them, shown beside the item they are about.

use serde::Serialize;

use crate::deadline::Deadline;
use crate::facts::Note;
use crate::model::{ItemRef, Model, TargetKind};

/// One note as the report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteResult<'r> {
    /// The id of the target, measure, task or report the note is about.
    pub id: &'r str,
    /// That item's title as written.
    pub title: &'r str,
    /// `target`, `measure`, `task` or `report`.
    pub kind: &'static str,
    /// The period key, as facts write it (`2023-Q3`, `2023-9M`).
    pub period: Deadline,
    /// As written: untrusted text, one line, escaped by every render for its medium.
    pub text: &'r str,
}

impl<'r> NoteResult<'r> {
    pub(super) fn new(model: &'r Model, note: &'r Note) -> NoteResult<'r> {
        let (id, title, kind) = match note.item {
            ItemRef::Target(t) => model.targets.get(t).map_or(("", "", "target"), |t| {
                let kind = if t.kind == TargetKind::Measure {
                    "measure"
                } else {
                    "target"
                };
                (t.id.as_str(), t.title.as_str(), kind)
            }),
            ItemRef::Task(t) => model.tasks.get(t).map_or(("", "", "task"), |t| {
                (t.id.as_str(), t.title.as_str(), "task")
            }),
            ItemRef::Report(r) => model.reports.get(r).map_or(("", "", "report"), |r| {
                (r.id.as_str(), r.title.as_str(), "report")
            }),
            ItemRef::Document(_) | ItemRef::Owner(_) | ItemRef::Rule(_) => ("", "", "item"),
        };
        NoteResult {
            id,
            title,
            kind,
            period: note.period,
            text: &note.text,
        }
    }
}
