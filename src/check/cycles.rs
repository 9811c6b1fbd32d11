//! `dependency-cycle`: tasks whose `after` edges lead back to themselves, so none of them can ever be finished.

use super::graph;
use super::written::Written;
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::model::{Model, TaskIx};
use crate::text;

/// Reports each cycle of `after` edges once, with every edge labelled in order.
pub(super) fn check(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let edges: Vec<Vec<TaskIx>> = model
        .tasks
        .iter()
        .map(|t| {
            let mut after = t.after.clone();
            after.sort_unstable();
            after.dedup();
            after
        })
        .collect();
    for component in graph::cycles(&edges) {
        let path = graph::cycle_path(&component, &edges);
        out.push(diagnostic(model, written, &path));
    }
}

fn diagnostic(model: &Model, written: &Written<'_>, path: &[TaskIx]) -> Diagnostic {
    let id = |t: TaskIx| model.tasks.get(t).map_or("?", |t| t.id.as_str());
    let first = path.first().copied().unwrap_or(0);
    let chain = path
        .iter()
        .chain(path.first())
        .map(|&t| format!("`{}`", id(t)))
        .collect::<Vec<_>>()
        .join(" → ");
    let name = id(first);
    let span = model.tasks.get(first).map(|t| t.span).unwrap_or_default();
    let message = if path.len() == 1 {
        text!(
            "`{name}` comes after itself",
            "nhiệm vụ `{name}` phải làm sau chính nó"
        )
    } else {
        text!(
            "`{name}` comes after itself: {chain}",
            "nhiệm vụ `{name}` phải làm sau chính nó: {chain}"
        )
    };
    let mut d = Diagnostic::new(Code::DependencyCycle, span, message)
        .with_label(text!("this task", "nhiệm vụ này"))
        .with_help(text!(
            "none of these tasks can be finished first: remove the `after` that is not a real precondition",
            "không nhiệm vụ nào trong vòng này có thể hoàn thành trước: hãy bỏ quan hệ `after` không thực sự là điều kiện tiên quyết"
        ));
    for (i, &from) in path.iter().enumerate() {
        let to = path.get(i + 1).copied().unwrap_or(first);
        let (a, b) = (id(from), id(to));
        let edge = written
            .task(model, from)
            .and_then(|t| t.after.as_ref())
            .and_then(|after| after.value.iter().find(|r| r.value == b));
        if let Some(edge) = edge {
            d = d.with_other(
                edge.span,
                Text::new(
                    format!("{}. `{a}` comes after `{b}`", i + 1),
                    format!("{}. `{a}` làm sau `{b}`", i + 1),
                ),
            );
        }
    }
    d
}
