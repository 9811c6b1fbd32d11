//! Roll-ups: counts of statuses per lead owner, per section (with its subsections) and for the whole plan.
//!
//! Each item, as its result is made, is added to the plan's counts, to each of its leads and to its section and
//! every section above, in plan order: targets, then tasks, then rules.

use super::Options;
use super::duties::SubmissionCounts;
use super::report::{
    MeasureResult, OwnerResult, PlanHeader, Report, ReportResult, RuleResult, SectionResult,
    Summary, TargetResult, TaskResult,
};
use super::status::{Counts, RollupStatus, RuleStatus, Status, TargetStatus, TaskStatus};
use crate::model::{ItemRef, Model, OwnerIx, RuleInfo, SectionIx, TargetInfo, TaskInfo};

fn rollup_status(attention: usize) -> RollupStatus {
    if attention > 0 {
        RollupStatus::Attention
    } else {
        RollupStatus::Ok
    }
}

/// The roll-ups being counted. Each item is added as its result is made, while the model's entry for it is still
/// in cache: a separate pass over 100k items spent a cache miss per item on reading its leads again.
pub struct Tally<'m> {
    owners: Owners<'m>,
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
    pub fn target(&mut self, info: &TargetInfo, t: &TargetResult<'m>) {
        self.targets.add(t.status);
        self.owners
            .add(&info.lead, t.id, t.status, |o| &mut o.targets);
        self.sections
            .add(info.section, t.status, |s| &mut s.targets);
    }

    /// Adds a task to each owner answerable for it: a group with members leads through each member (SPEC §2b).
    pub fn task(&mut self, model: &Model, info: &TaskInfo, t: &TaskResult<'m>) {
        self.tasks.add(t.status);
        let has_members = info
            .lead
            .iter()
            .any(|&o| model.owners.get(o).is_some_and(|o| !o.members.is_empty()));
        if has_members {
            let answerable = model.answerable(&info.lead);
            self.owners
                .add(&answerable, t.id, t.status, |o| &mut o.tasks);
        } else {
            self.owners
                .add(&info.lead, t.id, t.status, |o| &mut o.tasks);
        }
        self.sections.add(info.section, t.status, |s| &mut s.tasks);
    }

    /// Adds a tracked report's submissions to each submitter's scorecard.
    pub fn report(&mut self, model: &Model, r: &ReportResult<'m>) {
        if r.status.needs_attention() {
            self.report_attention += 1;
        }
        for s in &r.submissions {
            let Some(ItemRef::Owner(o)) = model.lookup(s.from) else {
                continue;
            };
            if let (Some(out), Some(l)) = (self.owners.out.get_mut(o), self.owners.leads.get_mut(o))
            {
                *l = true;
                out.reports.add(s.status);
                if s.status.needs_attention() && out.attention.last() != Some(&r.id) {
                    out.attention.push(r.id);
                }
            }
        }
    }

    pub fn rule(&mut self, info: &RuleInfo, r: &RuleResult<'m>) {
        self.rules.add(r.status);
        self.sections.add(info.section, r.status, |s| &mut s.rules);
    }

    /// The report, with the counts of every item added.
    #[expect(
        clippy::too_many_arguments,
        reason = "the report's five lists of results, each made by its own module"
    )]
    pub fn finish(
        self,
        model: &'m Model,
        options: &Options,
        targets: Vec<TargetResult<'m>>,
        measures: Vec<MeasureResult<'m>>,
        tasks: Vec<TaskResult<'m>>,
        rules: Vec<RuleResult<'m>>,
        reports: Vec<ReportResult<'m>>,
    ) -> Report<'m> {
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
        Report {
            plan: PlanHeader {
                number: model.plan.as_ref().map(|p| p.number.as_str()),
                title: model.plan.as_ref().and_then(|p| p.title.as_deref()),
                issuer: model.plan.as_ref().and_then(|p| p.issuer.as_deref()),
                issued: model.plan.as_ref().and_then(|p| p.issued),
                period: model.period(),
            },
            as_of: options.as_of,
            due_soon_days: options.due_soon_days,
            summary,
            targets,
            measures,
            tasks,
            rules,
            reports,
            owners: self.owners.finish(),
            sections: self.sections.finish(),
        }
    }
}

/// Counts per owner, kept for the owners that lead something.
struct Owners<'m> {
    out: Vec<OwnerResult<'m>>,
    leads: Vec<bool>,
}

impl<'m> Owners<'m> {
    fn new(model: &'m Model) -> Owners<'m> {
        let out: Vec<OwnerResult> = model
            .owners
            .iter()
            .map(|o| OwnerResult {
                id: &o.id,
                name: &o.name,
                status: RollupStatus::Ok,
                targets: Counts::default(),
                tasks: Counts::default(),
                reports: SubmissionCounts::default(),
                attention: Vec::new(),
            })
            .collect();
        let leads = vec![false; out.len()];
        Owners { out, leads }
    }

    /// Adds an item with status `status` to each of its `leads`, in the counts `counts` picks.
    fn add<S: Status>(
        &mut self,
        leads: &[OwnerIx],
        id: &'m str,
        status: S,
        counts: impl for<'r> Fn(&'r mut OwnerResult<'m>) -> &'r mut Counts<S>,
    ) {
        for &lead in leads {
            if let (Some(o), Some(l)) = (self.out.get_mut(lead), self.leads.get_mut(lead)) {
                *l = true;
                counts(o).add(status);
                if status.needs_attention() {
                    o.attention.push(id);
                }
            }
        }
    }

    fn finish(self) -> Vec<OwnerResult<'m>> {
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
    out: Vec<SectionResult<'m>>,
}

impl<'m> Sections<'m> {
    fn new(model: &'m Model) -> Sections<'m> {
        let out = model
            .sections
            .iter()
            .map(|s| SectionResult {
                id: s.key(),
                title: &s.title,
                parent: s
                    .parent
                    .and_then(|p| model.sections.get(p))
                    .map(crate::model::SectionInfo::key),
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
        counts: impl for<'r> Fn(&'r mut SectionResult<'m>) -> &'r mut Counts<S>,
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

    fn finish(mut self) -> Vec<SectionResult<'m>> {
        for s in &mut self.out {
            s.status = rollup_status(
                s.targets.needing_attention()
                    + s.tasks.needing_attention()
                    + s.rules.needing_attention(),
            );
        }
        self.out
    }
}
