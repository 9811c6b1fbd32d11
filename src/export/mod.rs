//! Exports: a checked plan as JSON, as an iCalendar file, as a Mermaid Gantt chart, or as a Graphviz graph.
//!
//! Each export is a pure function of the [`Model`] returning the text, so it runs the same on the command line
//! and in a browser; nothing reads a clock (the calendar's time stamps come from the plan's `issued` date). The
//! formats are documented for users in `docs/EXPORTS.md`, the JSON one by a JSON Schema in
//! `docs/plan.schema.json`.

mod dot;
pub(crate) mod expr;
mod ics;
mod json;
mod mermaid;

#[cfg(test)]
mod tests;

use std::io;

use chrono::NaiveDate;

use crate::diagnostics::Lang;
use crate::model::{Model, OwnerIx, SectionIx};

pub(crate) use dot::to_dot;
pub use ics::to_ics;
pub(crate) use ics::write_ics;
pub use json::to_json;
pub(crate) use mermaid::to_mermaid;

/// What `kehoach export --to` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The checked plan (`docs/plan.schema.json`).
    Json,
    /// An iCalendar file (RFC 5545) of task deadlines and report due dates.
    Ics,
    /// A Mermaid Gantt chart of the tasks by section.
    Mermaid,
    /// A Graphviz graph of dependencies and `implements`, clustered by section.
    Dot,
}

impl Format {
    /// Every format, in the order `kehoach export --help` lists them.
    pub const ALL: [Format; 4] = [Format::Json, Format::Ics, Format::Mermaid, Format::Dot];

    /// The word `--to` takes for the format (`mermaid`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ics => "ics",
            Format::Mermaid => "mermaid",
            Format::Dot => "dot",
        }
    }
}

/// The plan in the given format. `lang` chooses the words the calendar adds (labels such as "Lead" / "Chủ trì");
/// the plan's own text is never translated.
pub fn export(model: &Model, format: Format, lang: Lang) -> String {
    match format {
        Format::Json => to_json(model),
        Format::Ics => to_ics(model, lang),
        Format::Mermaid => to_mermaid(model),
        Format::Dot => to_dot(model),
    }
}

/// [`export`] written to `out`; the calendar, the largest (an event per report due date), is written event by
/// event rather than built whole first.
pub fn write(model: &Model, format: Format, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Ics => write_ics(model, lang, out),
        _ => out.write_all(export(model, format, lang).as_bytes()),
    }
}

/// The ids of owners.
fn owner_ids(model: &Model, owners: &[OwnerIx]) -> Vec<String> {
    model.owner_ids(owners).map(str::to_string).collect()
}

/// Owners by name, for people: `Sở Tài chính, Sở Y tế`.
fn owner_names(model: &Model, owners: &[OwnerIx]) -> String {
    owners
        .iter()
        .filter_map(|&o| model.owners.get(o))
        .map(|o| o.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn section_label(model: &Model, section: Option<SectionIx>) -> Option<String> {
    section
        .and_then(|s| model.sections.get(s))
        .map(|s| s.label())
}

/// The first day of the plan: its `issued` date when that lies in the period, else the first day of the period;
/// for an open-ended plan (no `period`), its `issued` date (SPEC §2b).
fn plan_start(model: &Model) -> Option<NaiveDate> {
    let issued = model.plan.as_ref().and_then(|p| p.issued);
    let Some(period) = model.period() else {
        return issued;
    };
    issued
        .filter(|d| period.contains(*d))
        .or_else(|| period.first_day())
}

/// The first `max` characters of a text, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short = short.trim_end().to_string();
    short.push('…');
    short
}
