//! `duplicate-title`: two tasks with the same title and the same lead, or two targets with the same title, unit,
//! window and parent. Plans copied from documents by hand repeat a bullet easily; the same words given to
//! different agencies (each issues its own programme) are not a repeat.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::written::Written;
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::model::{Model, OwnerIx, TargetIx, TaskIx};
use crate::source::Span;
use crate::text;

pub(super) fn check(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let mut buffer = String::new();
    let mut tasks: FxHashMap<(Title<'_>, Vec<OwnerIx>), TaskIx> = FxHashMap::default();
    for (ix, task) in model.tasks.enumerate() {
        let mut lead = task.lead.clone();
        lead.sort_unstable();
        lead.dedup();
        let key = (Title::new(&task.title, &mut buffer), lead);
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
    let mut targets: FxHashMap<TargetKey<'_>, TargetIx> = FxHashMap::default();
    for (ix, target) in model.targets.enumerate() {
        let key = TargetKey {
            title: Title::new(&target.title, &mut buffer),
            unit: target.unit.as_deref(),
            window: target.window,
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
struct TargetKey<'a> {
    title: Title<'a>,
    unit: Option<&'a str>,
    window: Option<crate::model::Window>,
    parent: Option<TargetIx>,
    kind: crate::model::TargetKind,
}

/// A title compared as its words in lower case: case and spacing do not make two titles different. The hash of
/// the normalised words is computed once, into a reused buffer (thousands of titles per plan, each hashed again
/// whenever the table grows).
#[derive(Clone, Copy)]
struct Title<'a> {
    text: &'a str,
    hash: u64,
}

impl<'a> Title<'a> {
    fn new(text: &'a str, buffer: &mut String) -> Title<'a> {
        normalize_into(text, buffer);
        let mut hasher = FxHasher::default();
        hasher.write(buffer.as_bytes());
        Title {
            text,
            hash: hasher.finish(),
        }
    }
}

/// The words of `title` in lower case, joined by single spaces, into `out`: what
/// `title.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()` gives, in one pass and without
/// allocating.
fn normalize_into(title: &str, out: &mut String) {
    out.clear();
    // Lowercasing a whole string treats a final `Σ` by its place in the word; such rare titles take the slow,
    // exact way.
    if title.contains('Σ') {
        let joined = title.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&joined.to_lowercase());
        return;
    }
    let mut space = false;
    for c in title.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_lowercase() {
            // Most letters with diacritics are already lower case: a quick test spares the conversion table.
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

impl PartialEq for Title<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.hash != other.hash {
            return false;
        }
        if self.text == other.text {
            return true;
        }
        let (mut a, mut b) = (String::new(), String::new());
        normalize_into(self.text, &mut a);
        normalize_into(other.text, &mut b);
        a == b
    }
}

impl Eq for Title<'_> {}

impl Hash for Title<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

fn diagnostic(message: Text, (first, second): (Span, Span), help: Text) -> Diagnostic {
    Diagnostic::new(Code::DuplicateTitle, second, message)
        .with_label(text!("the same title", "trùng tên"))
        .with_other(first, text!("first written here", "đã ghi ở đây"))
        .with_help(help)
}

#[cfg(test)]
mod tests;
