//! Roll-ups: counts of statuses per lead owner, per section (with its subsections) and for the whole plan.

use rustc_hash::FxHashMap;

use super::Options;
use super::report::{
    MeasureResult, OwnerResult, PlanHeader, Report, ReportResult, RuleResult, SectionResult,
    Summary, TargetResult, TaskResult,
};
use super::status::{Counts, RollupStatus, Status};
use crate::model::{Model, SectionIx};

fn rollup_status(attention: usize) -> RollupStatus {
    if attention > 0 {
        RollupStatus::Attention
    } else {
        RollupStatus::Ok
    }
}

pub fn assemble(
    model: &Model,
    options: &Options,
    targets: Vec<TargetResult>,
    measures: Vec<MeasureResult>,
    tasks: Vec<TaskResult>,
    rules: Vec<RuleResult>,
    reports: Vec<ReportResult>,
) -> Report {
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
            number: model.plan.as_ref().map(|p| p.number.clone()),
            title: model.plan.as_ref().and_then(|p| p.title.clone()),
            issuer: model.plan.as_ref().and_then(|p| p.issuer.clone()),
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

fn owners(model: &Model, targets: &[TargetResult], tasks: &[TaskResult]) -> Vec<OwnerResult> {
    let mut by_owner: FxHashMap<&str, usize> = FxHashMap::default();
    let mut out: Vec<OwnerResult> = model
        .owners
        .iter()
        .enumerate()
        .map(|(i, o)| {
            by_owner.insert(o.id.as_str(), i);
            OwnerResult {
                id: o.id.clone(),
                name: o.name.clone(),
                status: RollupStatus::Ok,
                targets: Counts::default(),
                tasks: Counts::default(),
                attention: Vec::new(),
            }
        })
        .collect();
    let mut leads = vec![false; out.len()];
    for t in targets {
        for lead in &t.lead {
            if let Some(o) = by_owner.get(lead.as_str()).and_then(|&i| {
                if let Some(l) = leads.get_mut(i) {
                    *l = true;
                }
                out.get_mut(i)
            }) {
                o.targets.add(t.status);
                if t.status.needs_attention() {
                    o.attention.push(t.id.clone());
                }
            }
        }
    }
    for t in tasks {
        for lead in &t.lead {
            if let Some(o) = by_owner.get(lead.as_str()).and_then(|&i| {
                if let Some(l) = leads.get_mut(i) {
                    *l = true;
                }
                out.get_mut(i)
            }) {
                o.tasks.add(t.status);
                if t.status.needs_attention() {
                    o.attention.push(t.id.clone());
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

fn sections(
    model: &Model,
    targets: &[TargetResult],
    tasks: &[TaskResult],
    rules: &[RuleResult],
) -> Vec<SectionResult> {
    let label = |s: &crate::model::SectionInfo| s.number.clone().unwrap_or_else(|| s.title.clone());
    let mut out: Vec<SectionResult> = model
        .sections
        .iter()
        .map(|s| SectionResult {
            id: label(s),
            title: s.title.clone(),
            parent: s.parent.and_then(|p| model.sections.get(p)).map(label),
            status: RollupStatus::Ok,
            targets: Counts::default(),
            tasks: Counts::default(),
            rules: Counts::default(),
        })
        .collect();
    // Each item counts in its section and every section above it.
    let chain = |start: Option<SectionIx>| {
        let mut chain = Vec::new();
        let mut at = start;
        while let Some(s) = at {
            if chain.contains(&s) || chain.len() > crate::limits::MAX_NESTING {
                break;
            }
            chain.push(s);
            at = model.sections.get(s).and_then(|x| x.parent);
        }
        chain
    };
    for (info, result) in model
        .targets
        .iter()
        .filter(|t| t.kind == crate::model::TargetKind::Target)
        .zip(targets)
    {
        for s in chain(info.section) {
            if let Some(x) = out.get_mut(s) {
                x.targets.add(result.status);
            }
        }
    }
    for (info, result) in model.tasks.iter().zip(tasks) {
        for s in chain(info.section) {
            if let Some(x) = out.get_mut(s) {
                x.tasks.add(result.status);
            }
        }
    }
    for (info, result) in model.rules.iter().zip(rules) {
        for s in chain(info.section) {
            if let Some(x) = out.get_mut(s) {
                x.rules.add(result.status);
            }
        }
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
