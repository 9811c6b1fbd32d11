//! `duplicate-title`: two tasks with the same title and the same lead, or two targets with the same title, unit,
//! window and parent. Plans copied from documents by hand repeat a bullet easily; the same words given to
//! different agencies (each issues its own programme) are not a repeat.

use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use super::written::Written;
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::model::{Model, OwnerIx, TargetInfo, TargetIx, TaskIx};
use crate::source::Span;
use crate::text;

pub(super) fn check(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let mut buffer = String::new();
    let mut first_title = String::new();
    // The tables hold a hash and an index, not the keys: a key is read back from the model only when two hashes
    // meet. On a plan of 27 000 tasks and 27 000 targets the tables take 1 MB where copied keys took 6 MB, and
    // this check runs when the whole tree and the model are in memory, so it sets the peak.
    let mut tasks: HashTable<(u64, TaskIx)> = HashTable::with_capacity(model.tasks.len());
    let (mut lead, mut first_lead) = (Vec::new(), Vec::new());
    for (ix, task) in model.tasks.enumerate() {
        let title = Title::new(&task.title, &mut buffer);
        owner_set(&task.lead, &mut lead);
        let hash = hash_of(|h| {
            h.write_u64(title.hash);
            lead.hash(h);
        });
        let found = tasks.find(hash, |&(h, first)| {
            h == hash
                && model.tasks.get(first).is_some_and(|f| {
                    owner_set(&f.lead, &mut first_lead);
                    first_lead == lead && title.same(&f.title, &buffer, &mut first_title)
                })
        });
        match found {
            Some(&(_, first)) => {
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
                tasks.insert_unique(hash, (hash, ix), |&(h, _)| h);
            }
        }
    }
    drop(tasks);
    let mut targets: HashTable<(u64, TargetIx)> = HashTable::with_capacity(model.targets.len());
    for (ix, target) in model.targets.enumerate() {
        let title = Title::new(&target.title, &mut buffer);
        let key = TargetKey::of(target);
        let hash = hash_of(|h| {
            h.write_u64(title.hash);
            key.hash(h);
        });
        let found = targets.find(hash, |&(h, first)| {
            h == hash
                && model.targets.get(first).is_some_and(|f| {
                    TargetKey::of(f) == key && title.same(&f.title, &buffer, &mut first_title)
                })
        });
        match found {
            Some(&(_, first)) => {
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
                targets.insert_unique(hash, (hash, ix), |&(h, _)| h);
            }
        }
    }
}

/// The owners of a list as a set: sorted, each once, into `out`.
fn owner_set(owners: &[OwnerIx], out: &mut Vec<OwnerIx>) {
    out.clear();
    out.extend_from_slice(owners);
    out.sort_unstable();
    out.dedup();
}

fn hash_of(write: impl FnOnce(&mut FxHasher)) -> u64 {
    let mut hasher = FxHasher::default();
    write(&mut hasher);
    hasher.finish()
}

/// What two targets must share besides their title to repeat each other.
#[derive(PartialEq, Eq, Hash)]
struct TargetKey<'a> {
    unit: Option<&'a str>,
    window: Option<crate::model::Window>,
    parent: Option<TargetIx>,
    kind: crate::model::TargetKind,
}

impl<'a> TargetKey<'a> {
    fn of(target: &'a TargetInfo) -> TargetKey<'a> {
        TargetKey {
            unit: target.unit.as_deref(),
            window: target.window,
            parent: target.parent,
            kind: target.kind,
        }
    }
}

/// A title compared as its words in lower case: case and spacing do not make two titles different. The hash of
/// the normalised words is computed once, into a reused buffer.
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

impl Title<'_> {
    /// Whether `other` is the same title: `normalized` is this title's normalised words (what [`Title::new`] left
    /// in its buffer); `scratch` takes the other's.
    fn same(&self, other: &str, normalized: &str, scratch: &mut String) -> bool {
        if self.text == other {
            return true;
        }
        normalize_into(other, scratch);
        scratch == normalized
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
