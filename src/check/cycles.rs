//! `dependency-cycle`: tasks whose `after` edges lead back to themselves, so none of them can ever be finished.

use super::graph;
use super::written::Written;
use crate::diagnostics::{Code, Diagnostic, Lang, Sink, Text, thousands};
use crate::model::{Items, Model, TaskIx};
use crate::text;

/// Reports each cycle of `after` edges once, with every edge labelled in order.
pub(super) fn check(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let edges: Items<TaskIx, Vec<TaskIx>> = model
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
        if let Some(d) = diagnostic(model, written, &path) {
            out.push(d);
        }
    }
}

fn diagnostic(model: &Model, written: &Written<'_>, path: &[TaskIx]) -> Option<Diagnostic> {
    let id = |t: TaskIx| model.tasks.get(t).map_or("?", |t| t.id.as_str());
    let first = *path.first()?;
    let chain = chain(path, id);
    let name = id(first);
    let span = model.tasks.get(first).map(|t| t.span).unwrap_or_default();
    let message = if path.len() == 1 {
        text!(
            "`{name}` comes after itself",
            "nhiệm vụ `{name}` phải làm sau chính nó"
        )
    } else {
        Text::new(
            format!("`{name}` comes after itself: {}", chain.en),
            format!("nhiệm vụ `{name}` phải làm sau chính nó: {}", chain.vi),
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
    Some(d)
}

/// Tasks of a cycle named in full in its message; a longer cycle is named by its first and last tasks and the
/// number between (every edge is still a label, and `--format json` lists every label).
const CHAIN_FROM_START: usize = 6;
const CHAIN_FROM_END: usize = 3;

/// `` `a` → `b` → `c` → `a` ``, or for a long cycle `` `a` → … → (99,991 more) → … → `z` → `a` ``.
fn chain<'m>(path: &[TaskIx], id: impl Fn(TaskIx) -> &'m str) -> Text {
    let named = |tasks: &[TaskIx]| -> Vec<String> {
        tasks.iter().map(|&t| format!("`{}`", id(t))).collect()
    };
    let around = path.first().map(|&t| format!("`{}`", id(t)));
    let left_out = path.len().saturating_sub(CHAIN_FROM_START + CHAIN_FROM_END);
    if left_out == 0 {
        let all: Vec<String> = named(path).into_iter().chain(around).collect();
        let all = all.join(" → ");
        return Text::new(all.clone(), all);
    }
    let head = named(path.get(..CHAIN_FROM_START).unwrap_or_default()).join(" → ");
    let tail: Vec<String> = named(path.get(path.len() - CHAIN_FROM_END..).unwrap_or_default())
        .into_iter()
        .chain(around)
        .collect();
    let tail = tail.join(" → ");
    let (en, vi) = (thousands(left_out, Lang::En), thousands(left_out, Lang::Vi));
    Text::new(
        format!("{head} → … {en} more … → {tail}"),
        format!("{head} → … {vi} nhiệm vụ khác … → {tail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ix;

    #[test]
    fn a_long_cycle_is_named_by_its_ends() {
        let names: Vec<String> = (0..100).map(|i| format!("t{i}")).collect();
        let id = |t: TaskIx| names.get(t.position()).map_or("?", String::as_str);
        let short: Vec<TaskIx> = (0..9).map(TaskIx::at).collect();
        assert_eq!(
            chain(&short, id).en,
            "`t0` → `t1` → `t2` → `t3` → `t4` → `t5` → `t6` → `t7` → `t8` → `t0`"
        );
        let long: Vec<TaskIx> = (0..100).map(TaskIx::at).collect();
        let shown = chain(&long, id);
        assert_eq!(
            shown.en,
            "`t0` → `t1` → `t2` → `t3` → `t4` → `t5` → … 91 more … → `t97` → `t98` → `t99` → `t0`"
        );
        assert_eq!(
            shown.vi,
            "`t0` → `t1` → `t2` → `t3` → `t4` → `t5` → … 91 nhiệm vụ khác … → `t97` → `t98` → `t99` → `t0`"
        );
    }
}
