//! Roll-ups: counts of statuses per lead owner, per section (with its subsections) and for the whole plan.

use super::Options;
use super::report::{
    MeasureResult, OwnerResult, PlanHeader, Report, ReportResult, RuleResult, SectionResult,
    Summary, TargetResult, TaskResult,
};
use super::status::{Counts, RollupStatus, Status};
use crate::model::{Model, SectionIx, TargetKind};

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
    let summary = Summary {
        status: RollupStatus::Ok,
        targets: targets.iter().map(|t| t.status).collect(),
        tasks: tasks.iter().map(|t| t.status).collect(),
        rules: rules.iter().map(|r| r.status).collect(),
        reports: reports.iter().map(|r| r.status).collect(),
        attention: 0,
    };
    let attention = summary.targets.needing_attention()
        + summary.tasks.needing_attention()
        + summary.rules.needing_attention();
    let summary = Summary {
        status: rollup_status(attention),
        attention,
        ..summary
    };
    let owners = owners(model, &targets, &tasks);
    let sections = sections(model, &targets, &tasks, &rules);
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
        owners,
        sections,
    }
}

fn owners<'m>(
    model: &'m Model,
    targets: &[TargetResult<'m>],
    tasks: &[TaskResult<'m>],
) -> Vec<OwnerResult<'m>> {
    let mut out: Vec<OwnerResult> = model
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
    let mut leads = vec![false; out.len()];
    // Results are in the model's order (targets without measures), so each is read beside its model item.
    let judged_targets = model
        .targets
        .iter()
        .filter(|t| t.kind == TargetKind::Target)
        .zip(targets);
    for (info, t) in judged_targets {
        for &lead in &info.lead {
            if let (Some(o), Some(l)) = (out.get_mut(lead), leads.get_mut(lead)) {
                *l = true;
                o.targets.add(t.status);
                if t.status.needs_attention() {
                    o.attention.push(t.id);
                }
            }
        }
    }
    for (info, t) in model.tasks.iter().zip(tasks) {
        for &lead in &info.lead {
            if let (Some(o), Some(l)) = (out.get_mut(lead), leads.get_mut(lead)) {
                *l = true;
                o.tasks.add(t.status);
                if t.status.needs_attention() {
                    o.attention.push(t.id);
                }
            }
        }
    }
    for o in &mut out {
        o.status = rollup_status(o.attention.len());
    }
    out.into_iter()
        .zip(leads)
        .filter(|(_, leads)| *leads)
        .map(|(o, _)| o)
        .collect()
}

fn sections<'m>(
    model: &'m Model,
    targets: &[TargetResult<'m>],
    tasks: &[TaskResult<'m>],
    rules: &[RuleResult<'m>],
) -> Vec<SectionResult<'m>> {
    let mut out: Vec<SectionResult> = model
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
    // Each item counts in its section and every section above it. The model has no cycles of sections; the
    // bound keeps a malformed one from looping.
    let mut count = |start: Option<SectionIx>, add: &mut dyn FnMut(&mut SectionResult)| {
        let mut at = start;
        for _ in 0..=crate::limits::MAX_NESTING {
            let Some(s) = at else { break };
            if let Some(x) = out.get_mut(s) {
                add(x);
            }
            at = model.sections.get(s).and_then(|x| x.parent);
        }
    };
    let judged_targets = model
        .targets
        .iter()
        .filter(|t| t.kind == TargetKind::Target)
        .zip(targets);
    for (info, result) in judged_targets {
        count(info.section, &mut |x| x.targets.add(result.status));
    }
    for (info, result) in model.tasks.iter().zip(tasks) {
        count(info.section, &mut |x| x.tasks.add(result.status));
    }
    for (info, result) in model.rules.iter().zip(rules) {
        count(info.section, &mut |x| x.rules.add(result.status));
    }
    for s in &mut out {
        s.status = rollup_status(
            s.targets.needing_attention()
                + s.tasks.needing_attention()
                + s.rules.needing_attention(),
        );
    }
    out
}
