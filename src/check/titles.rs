//! `duplicate-title`: two tasks with the same title and the same lead, or two targets with the same title, unit,
//! window and parent. Plans copied from documents by hand repeat a bullet easily; the same words given to
//! different agencies (each issues its own programme) are not a repeat.

use std::collections::HashMap;

use super::written::Written;
use crate::diagnostics::{Code, Diagnostic, Text};
use crate::model::{Model, TargetIx, TaskIx};
use crate::source::Span;
use crate::text;

pub(super) fn check(model: &Model, written: &Written<'_>, out: &mut Vec<Diagnostic>) {
    let mut tasks: HashMap<(String, Vec<usize>), TaskIx> = HashMap::new();
    for (ix, task) in model.tasks.iter().enumerate() {
        let mut lead = task.lead.clone();
        lead.sort_unstable();
        lead.dedup();
        let key = (normalize(&task.title), lead);
        match tasks.get(&key) {
            Some(&first) => {
                let (Some(a), Some(b)) = (written.task(model, first), written.task(model, ix))
                else {
                    continue;
                };
                let (first_id, id) = (&a.id.value, &b.id.value);
                let lead = model
                    .owner_ids(&task.lead)
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let by = if lead.is_empty() {
                    text!("with no lead either", "cùng chưa có cơ quan chủ trì")
                } else {
                    text!("both led by {lead}", "cùng do {lead} chủ trì")
                };
                out.push(diagnostic(
                    Text::new(
                        format!("tasks `{first_id}` and `{id}` have the same title, {}", by.en),
                        format!("nhiệm vụ `{first_id}` và `{id}` trùng tên, {}", by.vi),
                    ),
                    (a.title.span, b.title.span),
                    text!(
                        "if this is the same task, remove one; if they differ, say how in the title or a `note`",
                        "nếu là cùng một nhiệm vụ, hãy bỏ một; nếu khác nhau, hãy ghi rõ khác biệt trong tên hoặc `note`"
                    ),
                ));
            }
            None => {
                tasks.insert(key, ix);
            }
        }
    }
    let mut targets: HashMap<TargetKey, TargetIx> = HashMap::new();
    for (ix, target) in model.targets.iter().enumerate() {
        let key = TargetKey {
            title: normalize(&target.title),
            unit: target.unit.clone(),
            window: format!("{:?}", target.window),
            parent: target.parent,
            kind: target.kind,
        };
        match targets.get(&key) {
            Some(&first) => {
                let (Some(a), Some(b)) = (written.target(model, first), written.target(model, ix))
                else {
                    continue;
                };
                let (first_id, id) = (&a.id.value, &b.id.value);
                out.push(diagnostic(
                    text!(
                        "`{first_id}` and `{id}` have the same title, unit and deadline",
                        "`{first_id}` và `{id}` trùng tên, đơn vị và thời hạn"
                    ),
                    (a.title.span, b.title.span),
                    text!(
                        "if this is the same indicator, keep one target; if they differ, say how in the title or a `note`",
                        "nếu là cùng một chỉ tiêu, hãy giữ một; nếu khác nhau, hãy ghi rõ khác biệt trong tên hoặc `note`"
                    ),
                ));
            }
            None => {
                targets.insert(key, ix);
            }
        }
    }
}

#[derive(PartialEq, Eq, Hash)]
struct TargetKey {
    title: String,
    unit: Option<String>,
    // As text: `Window` has no `Hash`.
    window: String,
    parent: Option<TargetIx>,
    kind: crate::model::TargetKind,
}

/// Case and spacing do not make two titles different.
fn normalize(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn diagnostic(message: Text, (first, second): (Span, Span), help: Text) -> Diagnostic {
    Diagnostic::new(Code::DuplicateTitle, second, message)
        .with_label(text!("the same title", "trùng tên"))
        .with_other(first, text!("first written here", "đã ghi ở đây"))
        .with_help(help)
}
