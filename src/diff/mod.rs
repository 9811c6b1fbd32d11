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
    /// A deadline, recurrence or period end moved earlier.
    Earlier,
    /// Anything else: a new title, other owners, a goal neither looser nor tighter.
    Changed,
    /// An attribute that was not there (a note, a baseline).
    Added,
    /// An attribute that is no longer there (a note dropped, a baseline taken out).
    Removed,
}

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A higher `document` the plan carries out (`document nq01_2023 "01/NQ-CP" { ... }`).
    Document,
    /// An `owner`: an agency that leads, supports, monitors, sends or receives.
    Owner,
    /// A `group`: a collective owner, with optional `members`.
    Group,
    /// A `section`, which only groups the items in it.
    Section,
    /// A `target`: a figure with a goal, judged by reported values or assessments.
    Target,
    /// A `measure`: an input figure with no goal.
    Measure,
    /// A `task`: a one-off, recurring (`every`) or standing (`ongoing`) duty.
    Task,
    /// A `report` the plan requires `from` some owners `to` others, `every` period.
    Report,
    /// A `rule`: a `require` or `when` expression with a `severity`.
    Rule,
}

impl Kind {
    /// The word the JSON and the rendered diff use for the kind (`target`, `task`).
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
    /// What the item is, where it changed: an owner became a group, a measure a target, or back.
    Kind,
    /// A document's number (`01/NQ-CP`), a section's (`I.1`) or the plan's (`370/KH-UBND`).
    Number,
    /// The title of the plan, a document, a section or an item.
    Title,
    /// An owner's or a group's name.
    Name,
    /// `issuer`: the authority that issued the plan or a document.
    Issuer,
    /// `issued`: the date the plan or a document was issued.
    Issued,
    /// `signer`: who signed the plan.
    Signer,
    /// `period`: the plan's year or span of years (`2023`, `2021..2025`).
    Period,
    /// `approx`: the tolerance of `~` goals (default 5%).
    Approx,
    /// `implements`: the documents the plan, a document or an item carries out.
    Implements,
    /// `aka`: the other names an owner goes by.
    Aka,
    /// `members`: the owners a group is made of.
    Members,
    /// The section an item is in.
    Section,
    /// The section a section is nested in, or the target a nested ("of which") target is part of.
    Parent,
    /// `unit`: a target's or a measure's unit (`%`, `người`), inherited ones included.
    Unit,
    /// `goal`: what a target must reach (`>= 9.3`, `8.1..8.6`, `~497`, a text).
    Goal,
    /// `aim`: a target's higher local figure beside its assigned `goal`, judged as a goal.
    Aim,
    /// A target's window: `by DEADLINE`, `yearly` or `average SPAN`.
    Window,
    /// A task's `due` (or a target's `by`) deadline, as resolved.
    Deadline,
    /// `baseline`: a target's starting value and its period (`7.2 in 2022`).
    Baseline,
    /// `value = ...`: a derived target's expression.
    Value,
    /// `shares N`: the total a target's children must be able to add up to.
    Shares,
    /// `lead`: the owners in charge (chủ trì).
    Lead,
    /// `support`: the owners that take part (phối hợp).
    Support,
    /// `monitor`: the owners that follow and report (theo dõi).
    Monitor,
    /// `after`: the tasks a task cannot be finished before.
    After,
    /// `output`: what a task produces (`plan`, `decision`, `report`).
    Output,
    /// `every`: the recurrence of a task or a report (`every quarter by day 15`).
    Every,
    /// `ongoing`: whether a task is a standing duty.
    Ongoing,
    /// `for`: the owner a task's lead drafts for, who issues or decides (tham mưu).
    For,
    /// `from`: the owners that send a report.
    From,
    /// `to`: the owners a report is sent to.
    To,
    /// A rule's `require` or `when` expression.
    Condition,
    /// A rule's `severity` (`error` or `warning`).
    Severity,
    /// The notes on the plan or an item.
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
    /// The attribute that changed.
    pub field: Field,
    /// The value before, in plan syntax; `None` when the attribute was not there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The value after, in plan syntax; `None` when the attribute is gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// How the change reads: looser, tighter, later, earlier, added, removed or just changed.
    pub verdict: Verdict,
    /// How far a deadline moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Shift>,
    /// For lists (owners, `after`, `implements`, `aka`, `members`): the ids or names that came and went.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// For lists: the ids or names that went (empty otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

/// What happened to an item as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Only the new side has it.
    Added,
    /// Only the old side has it.
    Removed,
    /// Its id changed; matched by its title. It may have other changes too.
    Renamed,
    /// The same id on both sides, with at least one [`Change`].
    Changed,
}

/// One item that was added, removed, renamed or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemDiff {
    /// What the item is (target, task, owner).
    pub kind: Kind,
    /// Its id (the new one when renamed); a section's number, or its title when it has none.
    pub id: String,
    /// Its title (a section's, an owner's name, a document's number), the new one when changed.
    pub title: String,
    /// Whether it was added, removed, renamed or changed.
    pub status: Status,
    /// The id it had, when renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// The section it is in (on the new side, or the old for a removed item), as `number. title`; none for
    /// documents, owners and items outside any section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Its attribute changes, in the order of [`Field`]; empty for an added or removed item.
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
    /// Whether the two plans hold the same header and items (layout and comments never count).
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
