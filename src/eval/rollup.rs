//! Roll-ups: counts of statuses per lead owner, per section (with its subsections) and for the whole plan.
//!
//! Each item, as its judgement is made, is added to the plan's counts, to each of its leads and to its section and
//! every section above, in plan order: targets, then tasks, then rules.

use std::sync::Arc;

use super::Options;
use super::duties::SubmissionCounts;
use super::report::{
    Judgements, MeasureValue, OwnerTally, Report, ReportJudgement, RuleJudgement, SectionTally,
    Summary, TargetJudgement, TaskJudgement,
};
use super::status::{Counts, RollupStatus, RuleStatus, Status, TargetStatus, TaskStatus};
use crate::model::{ItemRef, Items, Model, OwnerIx, RuleInfo, SectionIx, TargetInfo, TaskInfo};

fn rollup_status(attention: usize) -> RollupStatus {
    if attention > 0 {
        RollupStatus::Attention
    } else {
        RollupStatus::Ok
    }
}

/// The roll-ups being counted. Each item is added as its judgement is made, while the model's entry for it is
/// still in cache: a separate pass over 100k items spent a cache miss per item on reading its leads again.
pub struct Tally<'m> {
    owners: Owners,
    sections: Sections<'m>,
    targets: Counts<TargetStatus>,
    tasks: Counts<TaskStatus>,
    rules: Counts<RuleStatus>,
    /// Reports `late` or `missing`.
    report_attention: usize,
}

impl<'m> Tally<'m> {
    pub fn new(model: &'m Model) -> Tally<'m> {
        Tally {
            owners: Owners::new(model),
            sections: Sections::new(model),
            targets: Counts::default(),
            tasks: Counts::default(),
            rules: Counts::default(),
            report_attention: 0,
        }
    }

    /// Adds a target (not a measure). Targets come before tasks, so each owner lists its targets first.
    pub fn target(&mut self, info: &TargetInfo, t: &TargetJudgement) {
        self.targets.add(t.status);
        self.owners
            .add(&info.lead, ItemRef::Target(t.target), t.status, |o| {
                &mut o.targets
            });
        self.sections
            .add(info.section, t.status, |s| &mut s.targets);
    }

    /// Adds a task to each owner answerable for it: a group with members leads through each member (SPEC §2b).
    pub fn task(&mut self, model: &Model, info: &TaskInfo, t: &TaskJudgement) {
        self.tasks.add(t.status);
        let has_members = info
            .lead
            .iter()
            .any(|&o| model.owners.get(o).is_some_and(|o| !o.members.is_empty()));
        let item = ItemRef::Task(t.task);
        if has_members {
            let answerable = model.answerable(&info.lead);
            self.owners
                .add(&answerable, item, t.status, |o| &mut o.tasks);
        } else {
            self.owners
                .add(&info.lead, item, t.status, |o| &mut o.tasks);
        }
        self.sections.add(info.section, t.status, |s| &mut s.tasks);
    }

    /// Adds a tracked report's submissions to each submitter's scorecard.
    pub fn report(&mut self, r: &ReportJudgement) {
        if r.status.needs_attention() {
            self.report_attention += 1;
        }
        let item = ItemRef::Report(r.report);
        for s in &r.submissions {
            if let (Some(out), Some(l)) = (
                self.owners.out.get_mut(s.from),
                self.owners.leads.get_mut(s.from),
            ) {
                *l = true;
                out.reports.add(s.status);
                if s.status.needs_attention() && out.attention.last() != Some(&item) {
                    out.attention.push(item);
                }
            }
        }
    }

    pub fn rule(&mut self, info: &RuleInfo, r: &RuleJudgement) {
        self.rules.add(r.status);
        self.sections.add(info.section, r.status, |s| &mut s.rules);
    }

    /// The report, with the counts of every item added.
    #[expect(
        clippy::too_many_arguments,
        reason = "the report's five lists of judgements, each made by its own module"
    )]
    pub fn finish(
        self,
        model: &Arc<Model>,
        options: &Options,
        targets: Vec<TargetJudgement>,
        measures: Vec<MeasureValue>,
        tasks: Vec<TaskJudgement>,
        rules: Vec<RuleJudgement>,
        reports: Vec<ReportJudgement>,
    ) -> Report {
        let attention = self.targets.needing_attention()
            + self.tasks.needing_attention()
            + self.rules.needing_attention()
            + self.report_attention;
        let summary = Summary {
            status: rollup_status(attention),
            targets: self.targets,
            tasks: self.tasks,
            rules: self.rules,
            reports: reports.iter().map(|r| r.status).collect(),
            attention,
        };
        let judgements = Judgements {
            targets,
            measures,
            tasks,
            rules,
            reports,
            owners: self.owners.finish(),
            sections: self.sections.finish(),
        };
        Report::new(Arc::clone(model), options, summary, judgements)
    }
}

/// Counts per owner, kept for the owners that lead something.
struct Owners {
    out: Items<OwnerIx, OwnerTally>,
    leads: Items<OwnerIx, bool>,
}

impl Owners {
    fn new(model: &Model) -> Owners {
        let out: Items<OwnerIx, OwnerTally> = model
            .owners
            .indices()
            .map(|owner| OwnerTally {
                owner,
                status: RollupStatus::Ok,
                targets: Counts::default(),
                tasks: Counts::default(),
                reports: SubmissionCounts::default(),
                attention: Vec::new(),
            })
            .collect();
        let leads = Items::repeat(false, out.len());
        Owners { out, leads }
    }

    /// Adds an item with status `status` to each of its `leads`, in the counts `counts` picks.
    fn add<S: Status>(
        &mut self,
        leads: &[OwnerIx],
        item: ItemRef,
        status: S,
        counts: impl Fn(&mut OwnerTally) -> &mut Counts<S>,
    ) {
        for &lead in leads {
            if let (Some(o), Some(l)) = (self.out.get_mut(lead), self.leads.get_mut(lead)) {
                *l = true;
                counts(o).add(status);
                if status.needs_attention() {
                    o.attention.push(item);
                }
            }
        }
    }

    fn finish(self) -> Vec<OwnerTally> {
        self.out
            .into_iter()
            .zip(self.leads)
            .filter(|(_, leads)| *leads)
            .map(|(mut o, _)| {
                o.status = rollup_status(o.attention.len());
                o
            })
            .collect()
    }
}

/// Counts per section, each item counted in its section and every section above it.
struct Sections<'m> {
    model: &'m Model,
    out: Items<SectionIx, SectionTally>,
}

impl<'m> Sections<'m> {
    fn new(model: &'m Model) -> Sections<'m> {
        let out = model
            .sections
            .indices()
            .map(|section| SectionTally {
                section,
                status: RollupStatus::Ok,
                targets: Counts::default(),
                tasks: Counts::default(),
                rules: Counts::default(),
            })
            .collect();
        Sections { model, out }
    }

    fn add<S: Status>(
        &mut self,
        section: Option<SectionIx>,
        status: S,
        counts: impl Fn(&mut SectionTally) -> &mut Counts<S>,
    ) {
        // Sections nest in the source, so they have no cycles; the bound keeps a malformed model from looping.
        let mut at = section;
        for _ in 0..=crate::limits::MAX_NESTING {
            let Some(s) = at else { break };
            if let Some(x) = self.out.get_mut(s) {
                counts(x).add(status);
            }
            at = self.model.sections.get(s).and_then(|x| x.parent);
        }
    }

    fn finish(mut self) -> Vec<SectionTally> {
        for s in &mut self.out {
            s.status = rollup_status(
                s.targets.needing_attention()
                    + s.tasks.needing_attention()
                    + s.rules.needing_attention(),
            );
        }
        self.out.into()
    }
}
