//! The statuses of SPEC section 4, spelled as the JSON report and `--deny` spell them, and counts of them.

use std::marker::PhantomData;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// A status vocabulary: every value in report order, and its spelling.
pub trait Status: Copy + Eq + 'static {
    /// Every status of the vocabulary, in the order reports list and count them.
    const ALL: &'static [Self];
    /// The spelling in the JSON report, `--deny` and the SPEC (`on-track`, `done-late`).
    fn as_str(self) -> &'static str;
    /// Whether someone has to act on it.
    fn needs_attention(self) -> bool;
}

macro_rules! statuses {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $spelling:literal $(=> $attention:ident)?,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl Status for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)*];

            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $spelling,)* }
            }

            fn needs_attention(self) -> bool {
                match self { $($name::$variant => statuses!(@attention $($attention)?),)* }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    (@attention attention) => { true };
    (@attention) => { false };
}

statuses! {
    /// How a target stands. `met` and `missed` are final (the window is over); `on-track` and `behind` are
    /// provisional (the deadline is ahead).
    TargetStatus {
        /// The window is over and the goal was reached (or assessed `met`).
        Met = "met",
        /// The window is over and the goal was not reached (or assessed `missed`).
        Missed = "missed" => attention,
        /// The deadline is ahead and the latest actual is where it should be (on the line from the baseline).
        OnTrack = "on-track",
        /// The deadline is ahead and the latest actual falls short.
        Behind = "behind" => attention,
        /// No actual value has been reported (or computed) to judge by.
        NoData = "no-data",
        /// A qualitative goal with no assessment for the period.
        NeedsAssessment = "needs-assessment",
    }
}

statuses! {
    /// How a task stands on `as_of`: a one-off task by its `due` and its facts, a standing duty by its latest
    /// assessment (SPEC §4, §2b).
    TaskStatus {
        /// Done on or before its due day.
        Done = "done",
        /// Done, after its due day.
        DoneLate = "done-late",
        /// Not done, and its due day has passed.
        Overdue = "overdue" => attention,
        /// Not done, and a task it comes `after` is overdue, blocked or cancelled.
        Blocked = "blocked" => attention,
        /// Not done, and due within the due-soon window (14 days unless configured).
        DueSoon = "due-soon",
        /// Not done, and due later.
        Open = "open",
        /// Reported cancelled; it no longer counts against its owners.
        Cancelled = "cancelled",
        /// A standing duty whose latest assessment is `met` (SPEC §2b).
        Ongoing = "ongoing",
        /// A standing duty whose latest assessment is `missed`.
        Behind = "behind" => attention,
        /// A standing duty not assessed for any period begun by `as_of`.
        NeedsAssessment = "needs-assessment",
    }
}

statuses! {
    /// How a rule stands on the facts: held, broken, or not computable.
    RuleStatus {
        /// The condition holds (`require`) or does not fire (`when`).
        Ok = "ok",
        /// The condition fails (`require`) or fires (`when`); the report carries the rule's severity.
        Violated = "violated" => attention,
        /// A value the condition reads is missing or cannot be computed (the report says why).
        NotEvaluable = "not-evaluable",
    }
}

statuses! {
    /// Where a recurring report stands (kehoach's own; SPEC asks only for the next due date).
    ReportStatus {
        /// The next report is due within the due-soon window.
        DueSoon = "due-soon",
        /// A next report is due later in the plan period.
        Scheduled = "scheduled",
        /// No report falls due any more within the plan period.
        Ended = "ended",
        /// The report has no `every`.
        Unscheduled = "unscheduled",
        /// Tracked (SPEC §2b): every submission due by `as_of` came in on time.
        OnTime = "on-time",
        /// Tracked: all came in, some late.
        Late = "late" => attention,
        /// Tracked: some submission due by `as_of` has not come in.
        Missing = "missing" => attention,
    }
}

statuses! {
    /// One submitter's report for one period (SPEC §2b).
    SubmissionStatus {
        /// Came in on or before the period's due day.
        OnTime = "on-time",
        /// Came in after the due day.
        Late = "late" => attention,
        /// Due by `as_of` and not come in.
        Missing = "missing" => attention,
    }
}

statuses! {
    /// An owner's or a section's roll-up: whether any item it leads needs someone to act.
    RollupStatus {
        /// Nothing it counts needs attention.
        Ok = "ok",
        /// At least one item it counts is missed, behind, overdue, blocked, violated, late or missing.
        Attention = "attention" => attention,
    }
}

impl TargetStatus {
    /// How bad a status is, for combining several into one (a target's years, a parent's parts): the worst wins.
    pub fn severity(self) -> u8 {
        match self {
            TargetStatus::Met => 0,
            TargetStatus::OnTrack => 1,
            TargetStatus::NeedsAssessment => 2,
            TargetStatus::NoData => 3,
            TargetStatus::Behind => 4,
            TargetStatus::Missed => 5,
        }
    }
}

/// Every status word of every vocabulary, for checking `--deny`.
pub fn all_status_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    words.extend(TargetStatus::ALL.iter().map(|s| s.as_str()));
    words.extend(TaskStatus::ALL.iter().map(|s| s.as_str()));
    words.extend(RuleStatus::ALL.iter().map(|s| s.as_str()));
    words.extend(ReportStatus::ALL.iter().map(|s| s.as_str()));
    words.extend(SubmissionStatus::ALL.iter().map(|s| s.as_str()));
    words.sort_unstable();
    words.dedup();
    words
}

/// How many items have each status; serialised as an object with every status of the vocabulary, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts<S: Status> {
    counts: Vec<usize>,
    status: PhantomData<S>,
}

impl<S: Status> Default for Counts<S> {
    fn default() -> Self {
        Counts {
            counts: vec![0; S::ALL.len()],
            status: PhantomData,
        }
    }
}

impl<S: Status> Counts<S> {
    fn slot(status: S) -> usize {
        S::ALL.iter().position(|s| *s == status).unwrap_or(0)
    }

    /// Counts one more item with `status`.
    pub fn add(&mut self, status: S) {
        if let Some(n) = self.counts.get_mut(Self::slot(status)) {
            *n += 1;
        }
    }

    /// How many items have `status`.
    pub fn get(&self, status: S) -> usize {
        self.counts.get(Self::slot(status)).copied().unwrap_or(0)
    }

    /// How many items were counted, whatever their status.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The statuses with a non-zero count, in order.
    pub(crate) fn nonzero(&self) -> impl Iterator<Item = (S, usize)> + '_ {
        S::ALL
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| (*s, *n))
    }

    pub(crate) fn needing_attention(&self) -> usize {
        S::ALL
            .iter()
            .zip(&self.counts)
            .filter(|(s, _)| s.needs_attention())
            .map(|(_, n)| n)
            .sum()
    }
}

impl<S: Status> FromIterator<S> for Counts<S> {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut counts = Counts::default();
        for s in iter {
            counts.add(s);
        }
        counts
    }
}

impl<S: Status> Serialize for Counts<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut map = serializer.serialize_map(Some(S::ALL.len()))?;
        for (s, n) in S::ALL.iter().zip(&self.counts) {
            map.serialize_entry(s.as_str(), n)?;
        }
        map.end()
    }
}
