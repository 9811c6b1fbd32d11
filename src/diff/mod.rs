//! The meaning of a plan amendment: what changed between two checked plans, item by item.
//!
//! Two [`Model`]s are compared, not two texts, so a change of layout or comments is no change at all. Items are
//! matched by id, and where an id is gone on one side and new on the other with the same title (the only such
//! title on each side), by title: the item was renamed. Each matched item is compared attribute by attribute on
//! its resolved value (inherited owners, units and deadlines included), with references to renamed items read
//! under their new ids; each change says what it was and what it is, in plan syntax, and how it reads: a goal
//! [`Verdict::Loosened`] or [`Verdict::Tightened`] (`goal`), a deadline [`Verdict::Later`] or
//! [`Verdict::Earlier`] by an amount in its own unit (`moves`), or just [`Verdict::Changed`].
//!
//! The result is plain data (`docs/diff.schema.json` is the JSON contract), rendered for people (`render`) by the
//! command line.

mod amendment;
mod compare;
mod goal;
mod moves;
#[cfg(feature = "cli")]
pub(crate) mod render;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::model::Model;

pub use amendment::{Amendment, Deny, PlanEntry, PlanStatus, Summary};
pub use moves::{Shift, ShiftUnit};

/// What a change does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Asks for less: a goal more values meet, a recurrence less often.
    Loosened,
    /// Asks for more.
    Tightened,
    /// A deadline, recurrence or period end moved later.
    Later,
    Earlier,
    /// Anything else: a new title, other owners, a goal neither looser nor tighter.
    Changed,
    /// An attribute that was not there (a note, a baseline).
    Added,
    Removed,
}

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Document,
    Owner,
    Group,
    Section,
    Target,
    Measure,
    Task,
    Report,
    Rule,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Owner => "owner",
            Kind::Group => "group",
            Kind::Section => "section",
            Kind::Target => "target",
            Kind::Measure => "measure",
            Kind::Task => "task",
            Kind::Report => "report",
            Kind::Rule => "rule",
        }
    }
}

/// The attribute a change is about; its name is the plan's keyword where there is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Kind,
    Number,
    Title,
    Name,
    Issuer,
    Issued,
    Signer,
    Period,
    Approx,
    Implements,
    Aka,
    Members,
    Section,
    Parent,
    Unit,
    Goal,
    Aim,
    Window,
    Deadline,
    Baseline,
    Value,
    Shares,
    Lead,
    Support,
    Monitor,
    After,
    Output,
    Every,
    Ongoing,
    For,
    From,
    To,
    Condition,
    Severity,
    Notes,
}

impl Field {
    /// The keyword, as the JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Number => "number",
            Field::Title => "title",
            Field::Name => "name",
            Field::Issuer => "issuer",
            Field::Issued => "issued",
            Field::Signer => "signer",
            Field::Period => "period",
            Field::Approx => "approx",
            Field::Implements => "implements",
            Field::Aka => "aka",
            Field::Members => "members",
            Field::Section => "section",
            Field::Parent => "parent",
            Field::Unit => "unit",
            Field::Goal => "goal",
            Field::Aim => "aim",
            Field::Window => "window",
            Field::Deadline => "deadline",
            Field::Baseline => "baseline",
            Field::Value => "value",
            Field::Shares => "shares",
            Field::Lead => "lead",
            Field::Support => "support",
            Field::Monitor => "monitor",
            Field::After => "after",
            Field::Output => "output",
            Field::Every => "every",
            Field::Ongoing => "ongoing",
            Field::For => "for",
            Field::From => "from",
            Field::To => "to",
            Field::Condition => "condition",
            Field::Severity => "severity",
            Field::Notes => "notes",
        }
    }

    /// Whether the field is a list of owners: a change of who does or hears of the work.
    pub(crate) fn is_owners(self) -> bool {
        matches!(
            self,
            Field::Lead | Field::Support | Field::Monitor | Field::For | Field::From | Field::To
        )
    }
}

/// One attribute that changed. `old` and `new` are the values in plan syntax (`>= 9.3`, `2023-Q2`,
/// `so_khdt, so_tc`), absent where the attribute was not there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub field: Field,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    pub verdict: Verdict,
    /// How far a deadline moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Shift>,
    /// For lists (owners, `after`, `implements`, `aka`, `members`): the ids or names that came and went.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

/// What happened to an item as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    /// Its id changed; matched by its title. It may have other changes too.
    Renamed,
    Changed,
}

/// One item that was added, removed, renamed or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemDiff {
    pub kind: Kind,
    /// Its id (the new one when renamed); a section's number, or its title when it has none.
    pub id: String,
    /// Its title (a section's, an owner's name, a document's number), the new one when changed.
    pub title: String,
    pub status: Status,
    /// The id it had, when renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// The section it is in (on the new side, or the old for a removed item), as `number. title`; none for
    /// documents, owners and items outside any section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub changes: Vec<Change>,
}

/// What changed between two plans (two units: a root file and what it uses).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlanDiff {
    /// The `plan` header's changes: number, title, issuer, issued, signer, period, implements, approx, notes.
    pub header: Vec<Change>,
    /// Items in order: documents, owners, then section by section (each section's own change first).
    pub items: Vec<ItemDiff>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.header.is_empty() && self.items.is_empty()
    }

    /// Every change, header and items.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.header
            .iter()
            .chain(self.items.iter().flat_map(|i| i.changes.iter()))
    }
}

/// Compares two checked plans.
pub fn diff(old: &Model, new: &Model) -> PlanDiff {
    compare::plans(old, new)
}
