//! An amendment: the diffs of every pair of plans two sides hold, with what `--deny` asks about them.

use serde::Serialize;

use super::{Change, PlanDiff, Status, Verdict};

/// What happened to a plan as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanStatus {
    /// Both sides have it and the two compare equal.
    Unchanged,
    /// Both sides have it and its header or an item changed.
    Changed,
    /// Only the new side has it.
    Added,
    /// Only the old side has it.
    Removed,
    /// A side has errors (shown as `kehoach check` shows them), so the two were not compared.
    NotCompared,
}

/// One plan (a root file and what it uses) on either side or both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanEntry {
    /// The root file on each side, as shown.
    pub old: Option<String>,
    /// `None` when only the old side has the plan.
    pub new: Option<String>,
    /// The plan's number (`370/KH-UBND`), from the new side where it has one.
    pub plan: Option<String>,
    /// Whether it was added, removed, changed, unchanged or not compared.
    pub status: PlanStatus,
    /// The plan's changes (empty unless both sides were compared), flattened into the entry in JSON.
    #[serde(flatten)]
    pub diff: PlanDiff,
}

/// Counts over the whole amendment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Plans and items.
    pub added: usize,
    /// Plans and items only the old side has.
    pub removed: usize,
    /// Items whose id changed (matched by title).
    pub renamed: usize,
    /// Items with changed attributes (renamed ones included when they have any), and plans whose header changed.
    pub changed: usize,
    /// Changes by verdict.
    pub loosened: usize,
    /// Changes that ask for more ([`Verdict::Tightened`]).
    pub tightened: usize,
    /// Deadlines that moved later ([`Verdict::Later`]).
    pub later: usize,
    /// Deadlines that moved earlier ([`Verdict::Earlier`]).
    pub earlier: usize,
    /// Changes of owners (lead, support, monitor, a report's from and to).
    pub owners: usize,
    /// Plans not compared because of errors.
    pub not_compared: usize,
}

/// Everything that changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Amendment {
    /// Each plan either side holds, in the order the sides were read.
    pub plans: Vec<PlanEntry>,
    /// Counts over `plans`, computed once by [`Amendment::new`].
    pub summary: Summary,
}

impl Amendment {
    /// The amendment of these plans, with its [`Summary`] counted from them.
    pub fn new(plans: Vec<PlanEntry>) -> Amendment {
        let mut summary = Summary::default();
        let count_change = |summary: &mut Summary, c: &Change| {
            match c.verdict {
                Verdict::Loosened => summary.loosened += 1,
                Verdict::Tightened => summary.tightened += 1,
                Verdict::Later => summary.later += 1,
                Verdict::Earlier => summary.earlier += 1,
                Verdict::Changed | Verdict::Added | Verdict::Removed => {}
            }
            if c.field.is_owners() {
                summary.owners += 1;
            }
        };
        for plan in &plans {
            match plan.status {
                PlanStatus::Added => summary.added += 1,
                PlanStatus::Removed => summary.removed += 1,
                PlanStatus::NotCompared => summary.not_compared += 1,
                PlanStatus::Unchanged | PlanStatus::Changed => {}
            }
            if !plan.diff.header.is_empty() {
                summary.changed += 1;
            }
            for c in &plan.diff.header {
                count_change(&mut summary, c);
            }
            for item in &plan.diff.items {
                match item.status {
                    Status::Added => summary.added += 1,
                    Status::Removed => summary.removed += 1,
                    Status::Renamed => summary.renamed += 1,
                    Status::Changed => {}
                }
                if !item.changes.is_empty() {
                    summary.changed += 1;
                }
                for c in &item.changes {
                    count_change(&mut summary, c);
                }
            }
        }
        Amendment { plans, summary }
    }

    /// Whether nothing changed (plans not compared aside).
    pub fn is_empty(&self) -> bool {
        self.plans
            .iter()
            .all(|p| matches!(p.status, PlanStatus::Unchanged | PlanStatus::NotCompared))
    }

    /// The `--deny` words that this amendment has changes of, in [`Deny::ALL`] order.
    pub fn denied(&self, deny: &[Deny]) -> Vec<Deny> {
        let s = &self.summary;
        Deny::ALL
            .into_iter()
            .filter(|d| deny.contains(d))
            .filter(|d| match d {
                Deny::Added => s.added > 0,
                Deny::Removed => s.removed > 0,
                Deny::Renamed => s.renamed > 0,
                Deny::Loosened => s.loosened > 0,
                Deny::Tightened => s.tightened > 0,
                Deny::DeadlineLater => s.later > 0,
                Deny::DeadlineEarlier => s.earlier > 0,
                Deny::Owners => s.owners > 0,
                Deny::Changed => !self.is_empty(),
            })
            .collect()
    }
}

/// A kind of change `--deny` can refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    /// A plan or an item added.
    Added,
    /// A plan or an item removed.
    Removed,
    /// An item's id changed.
    Renamed,
    /// A goal loosened (or dropped), a recurrence less often, a wider `approx`.
    Loosened,
    /// A goal tightened, a recurrence more often, a narrower `approx`.
    Tightened,
    /// A deadline, a target's `by`, a recurrence's day or the plan period's end moved later.
    DeadlineLater,
    /// A deadline, a target's `by`, a recurrence's day or the plan period's end moved earlier.
    DeadlineEarlier,
    /// Other owners lead, support, monitor, send or receive.
    Owners,
    /// Any change at all.
    Changed,
}

impl Deny {
    /// Every kind, in the order `kehoach diff --help` lists them and [`Amendment::denied`] returns them.
    pub const ALL: [Deny; 9] = [
        Deny::Added,
        Deny::Removed,
        Deny::Renamed,
        Deny::Loosened,
        Deny::Tightened,
        Deny::DeadlineLater,
        Deny::DeadlineEarlier,
        Deny::Owners,
        Deny::Changed,
    ];

    /// The word `--deny` takes for it (`deadline-later`).
    pub fn as_str(self) -> &'static str {
        match self {
            Deny::Added => "added",
            Deny::Removed => "removed",
            Deny::Renamed => "renamed",
            Deny::Loosened => "loosened",
            Deny::Tightened => "tightened",
            Deny::DeadlineLater => "deadline-later",
            Deny::DeadlineEarlier => "deadline-earlier",
            Deny::Owners => "owners",
            Deny::Changed => "changed",
        }
    }

    #[cfg(feature = "cli")]
    pub(crate) fn from_word(word: &str) -> Option<Deny> {
        Deny::ALL.into_iter().find(|d| d.as_str() == word)
    }
}
