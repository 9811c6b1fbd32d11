//! The report: what evaluation gives, serialised as the JSON of SPEC section 5 and returned by the JavaScript API.
//!
//! Public contract (`docs/report.schema.json`): every key is always present (`null` or `[]` when empty), items keep
//! the plan's order, decimals are strings with their exact digits (computed values — means, derived values,
//! expected values on a trajectory — are rounded to 6 decimal places for showing; statuses are judged on the
//! exact values), dates are `YYYY-MM-DD`.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::Options;
use super::status::{Counts, ReportStatus, RollupStatus, RuleStatus, TargetStatus, TaskStatus};
use crate::model::{ItemRef, Model, OwnerIx, Period, TaskIx};

mod items;
mod notes;

pub use items::{
    Actual, AimResult, AssessmentResult, AverageResult, MeasureResult, OwnerResult, ReportResult,
    RuleInput, RuleInputs, RuleResult, SectionResult, TargetResult, TaskResult, YearResult,
};
pub(crate) use items::{
    MeasureValue, OwnerTally, ReportJudgement, RuleJudgement, RuleValue, SectionTally,
    TargetJudgement, TaskJudgement,
};
pub use notes::NoteResult;

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
    /// Its digits as a string; in a binary format (the JavaScript package compares reports that way), the decimal's exact
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

/// Ids of items of the plan (an item's leads, a report's senders, what a task waits for, what an owner must act
/// on), read from the plan's model when shown: a report refers to them rather than copying them.
#[derive(Clone, Copy)]
pub struct Ids<'r> {
    model: &'r Model,
    list: IdList<'r>,
}

#[derive(Clone, Copy)]
enum IdList<'r> {
    Owners(&'r [OwnerIx]),
    Tasks(&'r [TaskIx]),
    Items(&'r [ItemRef]),
}

impl<'r> Ids<'r> {
    pub(super) fn owners(model: &'r Model, owners: &'r [OwnerIx]) -> Ids<'r> {
        Ids {
            model,
            list: IdList::Owners(owners),
        }
    }

    pub(super) fn tasks(model: &'r Model, tasks: &'r [TaskIx]) -> Ids<'r> {
        Ids {
            model,
            list: IdList::Tasks(tasks),
        }
    }

    pub(super) fn items(model: &'r Model, items: &'r [ItemRef]) -> Ids<'r> {
        Ids {
            model,
            list: IdList::Items(items),
        }
    }

    /// The ids, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'r str> + use<'r> {
        let model = self.model;
        let (owners, tasks, items): (&[OwnerIx], &[TaskIx], &[ItemRef]) = match self.list {
            IdList::Owners(list) => (list, &[], &[]),
            IdList::Tasks(list) => (&[], list, &[]),
            IdList::Items(list) => (&[], &[], list),
        };
        let owners = owners
            .iter()
            .filter_map(move |&o| model.owners.get(o))
            .map(|o| o.id.as_str());
        let tasks = tasks
            .iter()
            .filter_map(move |&t| model.tasks.get(t))
            .map(|t| t.id.as_str());
        let items = items.iter().filter_map(move |&item| model.id_of(item));
        owners.chain(tasks).chain(items)
    }

    /// How many ids there are.
    pub fn len(&self) -> usize {
        match self.list {
            IdList::Owners(list) => list.len(),
            IdList::Tasks(list) => list.len(),
            IdList::Items(list) => list.len(),
        }
    }

    /// Whether there are no ids.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids with `separator` between them.
    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl PartialEq for Ids<'_> {
    fn eq(&self, other: &Ids<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Ids<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Ids<'_> {
    /// A sequence of known length (the filtered iterator does not say its length, and compact formats such as
    /// postcard, which the wasm package compares reports in, need it).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.iter().count()))?;
        for id in self.iter() {
            seq.serialize_element(id)?;
        }
        seq.end()
    }
}

/// What evaluating a plan gives (SPEC section 4): every item's status with what it was judged on, and the
/// roll-ups. It owns what it needs: the plan's model, shared (`Arc`), and each item's judgement, which names its
/// item by index. Ids, titles, goals and owners are read from the model when an item is shown
/// ([`Report::targets`] and the like give each item as a [`TargetResult`] and its kin), so an evaluation copies
/// no text of the plan. Serialised, it is the JSON of `docs/report.schema.json`.
#[derive(Clone)]
pub struct Report {
    model: Arc<Model>,
    /// The day the report describes.
    pub as_of: NaiveDate,
    /// Tasks and reports due within this many days of `as_of` are `due-soon`.
    pub due_soon_days: u32,
    /// The plan's roll-up.
    pub summary: Summary,
    targets: Vec<TargetJudgement>,
    measures: Vec<MeasureValue>,
    tasks: Vec<TaskJudgement>,
    rules: Vec<RuleJudgement>,
    reports: Vec<ReportJudgement>,
    owners: Vec<OwnerTally>,
    sections: Vec<SectionTally>,
    /// The facts' notes on periods begun by `as_of`, in the plan's order of items, then by period.
    notes: Vec<crate::facts::Note>,
}

/// The parts of a report that evaluation makes, for [`Report::new`].
pub(super) struct Judgements {
    pub targets: Vec<TargetJudgement>,
    pub measures: Vec<MeasureValue>,
    pub tasks: Vec<TaskJudgement>,
    pub rules: Vec<RuleJudgement>,
    pub reports: Vec<ReportJudgement>,
    pub owners: Vec<OwnerTally>,
    pub sections: Vec<SectionTally>,
}

/// The plan's header as a report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanHeader<'r> {
    /// The plan's number (`370/KH-UBND`), when it has a header.
    pub number: Option<&'r str>,
    /// Its title.
    pub title: Option<&'r str>,
    /// Who issued it.
    pub issuer: Option<&'r str>,
    /// The day it was issued.
    pub issued: Option<NaiveDate>,
    /// The years it covers.
    pub period: Option<Period>,
}

/// The counts of every status in the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// `attention` when any item needs it.
    pub status: RollupStatus,
    /// Targets counted by status.
    pub targets: Counts<TargetStatus>,
    /// Tasks counted by status.
    pub tasks: Counts<TaskStatus>,
    /// Rules counted by status.
    pub rules: Counts<RuleStatus>,
    /// Recurring reports counted by status.
    pub reports: Counts<ReportStatus>,
    /// Items whose status needs someone to act: targets `missed`/`behind`, tasks `overdue`/`blocked`/`behind`,
    /// rules `violated`, tracked reports `late`/`missing`.
    pub attention: usize,
}

impl Report {
    pub(super) fn new(
        model: Arc<Model>,
        options: &Options,
        summary: Summary,
        judgements: Judgements,
    ) -> Report {
        let Judgements {
            targets,
            measures,
            tasks,
            rules,
            reports,
            owners,
            sections,
        } = judgements;
        Report {
            model,
            as_of: options.as_of,
            due_soon_days: options.due_soon_days,
            summary,
            targets,
            measures,
            tasks,
            rules,
            reports,
            owners,
            sections,
            notes: Vec::new(),
        }
    }

    /// The report with the facts' notes on periods that have begun by its date: like values, a note on a later
    /// period is not seen (SPEC §4's "what a date sees").
    pub(super) fn with_notes(mut self, notes: &[crate::facts::Note]) -> Report {
        let as_of = self.as_of;
        self.notes = notes
            .iter()
            .filter(|n| n.period.begun_by(as_of))
            .cloned()
            .collect();
        self
    }

    /// The plan's header.
    pub fn plan(&self) -> PlanHeader<'_> {
        let plan = self.model.plan.as_ref();
        PlanHeader {
            number: plan.map(|p| p.number.as_str()),
            title: plan.and_then(|p| p.title.as_deref()),
            issuer: plan.and_then(|p| p.issuer.as_deref()),
            issued: plan.and_then(|p| p.issued),
            period: self.model.period(),
        }
    }

    /// Each of `items` as the report shows it, through `view`.
    fn view<'r, J, R: 'r>(
        &'r self,
        items: &'r [J],
        view: fn(&'r Model, &'r J) -> R,
    ) -> impl ExactSizeIterator<Item = R> + Clone + 'r {
        let model = &*self.model;
        items.iter().map(move |j| view(model, j))
    }

    /// Every target, in the plan's order (parents before their parts).
    pub fn targets(&self) -> impl ExactSizeIterator<Item = TargetResult<'_>> + Clone {
        self.view(&self.targets, TargetResult::new)
    }

    /// Every measure (an input without a goal) with its latest value.
    pub fn measures(&self) -> impl ExactSizeIterator<Item = MeasureResult<'_>> + Clone {
        self.view(&self.measures, MeasureResult::new)
    }

    /// Every task, in the plan's order.
    pub fn tasks(&self) -> impl ExactSizeIterator<Item = TaskResult<'_>> + Clone {
        self.view(&self.tasks, TaskResult::new)
    }

    /// Every rule, in the plan's order.
    pub fn rules(&self) -> impl ExactSizeIterator<Item = RuleResult<'_>> + Clone {
        self.view(&self.rules, RuleResult::new)
    }

    /// Every recurring report, in the plan's order.
    pub fn reports(&self) -> impl ExactSizeIterator<Item = ReportResult<'_>> + Clone {
        self.view(&self.reports, ReportResult::new)
    }

    /// One entry per owner that leads at least one target or task, in the plan's order of owners.
    pub fn owners(&self) -> impl ExactSizeIterator<Item = OwnerResult<'_>> + Clone {
        self.view(&self.owners, OwnerResult::new)
    }

    /// One entry per section, counting the items of its subsections too.
    pub fn sections(&self) -> impl ExactSizeIterator<Item = SectionResult<'_>> + Clone {
        self.view(&self.sections, SectionResult::new)
    }

    /// Every note on an item for a period (kết quả, khó khăn, kiến nghị), targets' first, then tasks', then
    /// reports', each in the plan's order and by period.
    pub fn notes(&self) -> impl ExactSizeIterator<Item = NoteResult<'_>> + Clone {
        self.view(&self.notes, NoteResult::new)
    }

    /// Each target's, task's, rule's and report's status word and id, in that order.
    #[cfg(feature = "cli")]
    fn statuses(&self) -> impl Iterator<Item = (&'static str, &str)> {
        use super::status::Status;
        let targets = self.targets().map(|t| (t.status.as_str(), t.id));
        let tasks = self.tasks().map(|t| (t.status.as_str(), t.id));
        let rules = self.rules().map(|r| (r.status.as_str(), r.id));
        let reports = self.reports().map(|r| (r.status.as_str(), r.id));
        targets.chain(tasks).chain(rules).chain(reports)
    }

    /// The ids of items with the status `word`.
    #[cfg(feature = "cli")]
    pub(crate) fn items_with_status(&self, word: &str) -> Vec<&str> {
        self.statuses()
            .filter(|(status, _)| *status == word)
            .map(|(_, id)| id)
            .collect()
    }
}

/// The report's keys, in the order of `docs/report.schema.json`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Seq<I>(I);
        impl<I: Iterator<Item = T> + Clone, T: Serialize> Serialize for Seq<I> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.clone())
            }
        }
        let mut map = serializer.serialize_struct("Report", 12)?;
        map.serialize_field("plan", &self.plan())?;
        map.serialize_field("as_of", &self.as_of)?;
        map.serialize_field("due_soon_days", &self.due_soon_days)?;
        map.serialize_field("summary", &self.summary)?;
        map.serialize_field("targets", &Seq(self.targets()))?;
        map.serialize_field("measures", &Seq(self.measures()))?;
        map.serialize_field("tasks", &Seq(self.tasks()))?;
        map.serialize_field("rules", &Seq(self.rules()))?;
        map.serialize_field("reports", &Seq(self.reports()))?;
        map.serialize_field("owners", &Seq(self.owners()))?;
        map.serialize_field("sections", &Seq(self.sections()))?;
        map.serialize_field("notes", &Seq(self.notes()))?;
        map.end()
    }
}

/// Two reports are equal when they show the same: the same header, date, counts and items, whether or not they
/// share a model.
impl PartialEq for Report {
    fn eq(&self, other: &Report) -> bool {
        self.plan() == other.plan()
            && self.as_of == other.as_of
            && self.due_soon_days == other.due_soon_days
            && self.summary == other.summary
            && self.targets().eq(other.targets())
            && self.measures().eq(other.measures())
            && self.tasks().eq(other.tasks())
            && self.rules().eq(other.rules())
            && self.reports().eq(other.reports())
            && self.owners().eq(other.owners())
            && self.sections().eq(other.sections())
            && self.notes().eq(other.notes())
    }
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("plan", &self.plan())
            .field("as_of", &self.as_of)
            .field("due_soon_days", &self.due_soon_days)
            .field("summary", &self.summary)
            .field("targets", &self.targets().collect::<Vec<_>>())
            .field("measures", &self.measures().collect::<Vec<_>>())
            .field("tasks", &self.tasks().collect::<Vec<_>>())
            .field("rules", &self.rules().collect::<Vec<_>>())
            .field("reports", &self.reports().collect::<Vec<_>>())
            .field("owners", &self.owners().collect::<Vec<_>>())
            .field("sections", &self.sections().collect::<Vec<_>>())
            .field("notes", &self.notes().collect::<Vec<_>>())
            .finish()
    }
}
