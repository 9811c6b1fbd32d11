//! Roll-ups: counts of statuses per lead owner, per section (with its subsections) and for the whole plan.
//!
//! One pass over each kind of item adds it to the plan's counts, to each of its leads and to its section and
//! every section above: the results and the model's items are read once, side by side, in plan order.

use super::Options;
use super::report::{
    MeasureResult, OwnerResult, PlanHeader, Report, ReportResult, RuleResult, SectionResult,
    Summary, TargetResult, TaskResult,
};
use super::status::{Counts, RollupStatus, Status};
use crate::model::{Model, OwnerIx, SectionIx, TargetKind};

fn rollup_status(attention: usize) -> RollupStatus {
    if attention > 0 {
        RollupStatus::Attention
    } else {
        RollupStatus::Ok
    }
}

pub fn assemble<'m>(
    model: &'m Model,
    options: &Options,
    targets: Vec<TargetResult<'m>>,
    measures: Vec<MeasureResult<'m>>,
    tasks: Vec<TaskResult<'m>>,
    rules: Vec<RuleResult<'m>>,
    reports: Vec<ReportResult<'m>>,
) -> Report<'m> {
    let mut owners = Owners::new(model);
    let mut sections = Sections::new(model);
    let mut summary = Summary {
        status: RollupStatus::Ok,
        targets: Counts::default(),
        tasks: Counts::default(),
        rules: Counts::default(),
        reports: reports.iter().map(|r| r.status).collect(),
        attention: 0,
    };
    // Target results are in the model's order of targets, measures left out.
    let judged_targets = model
        .targets
        .iter()
        .filter(|t| t.kind == TargetKind::Target)
        .zip(&targets);
    for (info, t) in judged_targets {
        summary.targets.add(t.status);
        owners.add(&info.lead, t.id, t.status, |o| &mut o.targets);
        sections.add(info.section, t.status, |s| &mut s.targets);
    }
    for (info, t) in model.tasks.iter().zip(&tasks) {
        summary.tasks.add(t.status);
        owners.add(&info.lead, t.id, t.status, |o| &mut o.tasks);
        sections.add(info.section, t.status, |s| &mut s.tasks);
    }
    for (info, r) in model.rules.iter().zip(&rules) {
        summary.rules.add(r.status);
        sections.add(info.section, r.status, |s| &mut s.rules);
    }
    summary.attention = summary.targets.needing_attention()
        + summary.tasks.needing_attention()
        + summary.rules.needing_attention();
    summary.status = rollup_status(summary.attention);
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
        owners: owners.finish(),
        sections: sections.finish(),
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
