//! Derived values: orders the targets computed with `value = …` so that each comes after what it reads, and
//! reports `derive-cycle` where values depend on themselves.

use super::graph;
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::model::{ExprKind, Items, Model, TargetIx};
use crate::source::Span;
use crate::text;

/// Fills `model.derive_order`; each cycle is reported once, with every edge labelled in order.
pub fn order(model: &mut Model, out: &mut Sink) {
    let edges: Items<TargetIx, Vec<TargetIx>> = model
        .targets
        .iter()
        .map(|t| {
            let mut reads = t.value.as_ref().map(|v| v.reads()).unwrap_or_default();
            reads.sort_unstable();
            reads.dedup();
            reads
        })
        .collect();
    let cycles = graph::cycles(&edges);
    for cycle in &cycles {
        if let Some(d) = cycle_diagnostic(model, &graph::cycle_path(cycle, &edges)) {
            out.push(d);
        }
    }
    let skip: crate::hash::FxHashSet<TargetIx> = cycles.into_iter().flatten().collect();
    model.derive_order = graph::dependency_order(&edges, &skip)
        .into_iter()
        .filter(|&t| model.targets.get(t).is_some_and(|t| t.value.is_some()))
        .collect();
}

/// Where target `from`'s value reads target `to`.
fn read_span(model: &Model, from: TargetIx, to: TargetIx) -> Option<Span> {
    let mut found = None;
    model.targets.get(from)?.value.as_ref()?.visit(&mut |e| {
        if found.is_none() && matches!(e.kind, ExprKind::Actual(t) | ExprKind::GoalBound { target: t, .. } if t == to) {
            found = Some(e.span);
        }
    });
    found
}

fn cycle_diagnostic(model: &Model, path: &[TargetIx]) -> Option<Diagnostic> {
    let id = |t: TargetIx| {
        model
            .targets
            .get(t)
            .map_or("?", |t| t.id.as_str())
            .to_string()
    };
    let first = *path.first()?;
    let chain: Vec<String> = path
        .iter()
        .chain(path.first())
        .map(|&t| format!("`{}`", id(t)))
        .collect();
    let chain = chain.join(" → ");
    let span = model.targets.get(first).map(|t| t.span).unwrap_or_default();
    let name = id(first);
    let mut d = Diagnostic::new(
        Code::DeriveCycle,
        span,
        text!(
            "`{name}` depends on itself: {chain}",
            "`{name}` phụ thuộc vào chính nó: {chain}"
        ),
    )
    .with_help(text!(
        "break the cycle: one of these values must be reported as a fact, not computed",
        "hãy phá vòng lặp: một trong các giá trị này phải được báo cáo trực tiếp, không tính toán"
    ));
    for (i, &from) in path.iter().enumerate() {
        let to = path.get(i + 1).copied().unwrap_or(first);
        if let Some(at) = read_span(model, from, to) {
            let (a, b) = (id(from), id(to));
            d = d.with_other(
                at,
                Text::new(
                    format!("{}. `{a}` reads `{b}`", i + 1),
                    format!("{}. `{a}` đọc `{b}`", i + 1),
                ),
            );
        }
    }
    Some(d)
}
