//! Matching the items of two plans and comparing each pair, attribute by attribute.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{Change, Field, ItemDiff, Kind, PlanDiff, Shift, Status, Verdict, goal, moves};
use crate::deadline::Deadline;
use crate::export::expr;
use crate::hash::{FxHashMap, FxHashSet};
use crate::model::{
    ConditionKind, DocumentIx, Goal, Items, Ix, Model, OwnerIx, OwnerKind, Schedule, SectionIx,
    TargetIx, TargetKind, TaskIx, TaskSchedule, Window,
};

/// Which old item goes with which new one, for one kind of item.
struct Pairs {
    /// `(old, new, renamed)`, indices into each side's list.
    matched: Vec<(usize, usize, bool)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

/// How many items left unmatched on each side have a title, and the last of each.
type TitleCount = (usize, usize, Option<usize>, Option<usize>);

/// Matches by id (or section key), then the rest by title where a title is the only one of its kind left
/// unmatched on each side. Linear in the items.
fn pair<'a>(old: &[(&'a str, &'a str)], new: &[(&'a str, &'a str)]) -> Pairs {
    let new_by_key: FxHashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (*key, i))
        .collect();
    let mut matched = Vec::new();
    let mut new_taken = vec![false; new.len()];
    let mut old_left = Vec::new();
    for (i, (key, _)) in old.iter().enumerate() {
        match new_by_key.get(key) {
            Some(&j) if !new_taken.get(j).copied().unwrap_or(true) => {
                if let Some(taken) = new_taken.get_mut(j) {
                    *taken = true;
                }
                matched.push((i, j, false));
            }
            _ => old_left.push(i),
        }
    }
    let new_left: Vec<usize> = (0..new.len())
        .filter(|j| !new_taken.get(*j).copied().unwrap_or(true))
        .collect();
    // Titles that are the only one of their kind left on each side.
    let mut titles: FxHashMap<&str, TitleCount> = FxHashMap::default();
    for &i in &old_left {
        if let Some((_, title)) = old.get(i) {
            let entry = titles.entry(title).or_insert((0, 0, None, None));
            entry.0 += 1;
            entry.2 = Some(i);
        }
    }
    for &j in &new_left {
        if let Some((_, title)) = new.get(j) {
            let entry = titles.entry(title).or_insert((0, 0, None, None));
            entry.1 += 1;
            entry.3 = Some(j);
        }
    }
    let mut renamed_old = FxHashSet::default();
    let mut renamed_new = FxHashSet::default();
    for &i in &old_left {
        let Some((_, title)) = old.get(i) else {
            continue;
        };
        if let Some(&(1, 1, Some(i), Some(j))) = titles.get(title) {
            matched.push((i, j, true));
            renamed_old.insert(i);
            renamed_new.insert(j);
        }
    }
    Pairs {
        matched,
        removed: old_left
            .into_iter()
            .filter(|i| !renamed_old.contains(i))
            .collect(),
        added: new_left
            .into_iter()
            .filter(|j| !renamed_new.contains(j))
            .collect(),
    }
}

/// The two plans, and how old ids read on the new side.
struct Sides<'m> {
    old: &'m Model,
    new: &'m Model,
    /// Old id → new id, for renamed items.
    renamed: FxHashMap<&'m str, &'m str>,
    /// Old section → new section.
    sections: Vec<Option<SectionIx>>,
}

impl<'m> Sides<'m> {
    /// An old id as the new plan names the item.
    fn id(&self, old_id: &'m str) -> &'m str {
        self.renamed.get(old_id).copied().unwrap_or(old_id)
    }

    /// A change of a list of owners (`lead`, `support`, `for` …), judged by ids across a rename.
    fn owners(&self, field: Field, old: &'m [OwnerIx], new: &'m [OwnerIx]) -> Option<Change> {
        set(field, &self.old_owners(old), &self.new_owners(new))
    }

    /// A change of section, judged by the labels the new plan gives the sections.
    fn section(&self, old: Option<SectionIx>, new: Option<SectionIx>) -> Option<Change> {
        value(Field::Section, self.old_section(old), self.new_section(new))
    }

    /// A change of a list of documents (`implements`), judged by ids across a rename.
    fn documents(&self, field: Field, old: &[DocumentIx], new: &[DocumentIx]) -> Option<Change> {
        set(field, &self.old_documents(old), &self.new_documents(new))
    }

    fn old_owners(&self, owners: &'m [OwnerIx]) -> Vec<&'m str> {
        self.old.owner_ids(owners).map(|id| self.id(id)).collect()
    }

    fn new_owners(&self, owners: &'m [OwnerIx]) -> Vec<&'m str> {
        self.new.owner_ids(owners).collect()
    }

    fn old_tasks(&self, tasks: &[TaskIx]) -> Vec<&'m str> {
        ids(&self.old.tasks, tasks, |t| &t.id)
            .map(|id| self.id(id))
            .collect()
    }

    fn new_tasks(&self, tasks: &[TaskIx]) -> Vec<&'m str> {
        ids(&self.new.tasks, tasks, |t| &t.id).collect()
    }

    fn old_documents(&self, documents: &[DocumentIx]) -> Vec<&'m str> {
        ids(&self.old.documents, documents, |d| &d.id)
            .map(|id| self.id(id))
            .collect()
    }

    fn new_documents(&self, documents: &[DocumentIx]) -> Vec<&'m str> {
        ids(&self.new.documents, documents, |d| &d.id).collect()
    }

    fn old_target(&self, target: Option<TargetIx>) -> Option<&'m str> {
        let t = self.old.targets.get(target?)?;
        Some(self.id(&t.id))
    }

    fn new_target(&self, target: Option<TargetIx>) -> Option<&'m str> {
        Some(self.new.targets.get(target?)?.id.as_str())
    }

    /// The section label an old section has on the new side, or its old label when it was removed.
    fn old_section(&self, section: Option<SectionIx>) -> Option<String> {
        let s = section?;
        match self.sections.get(s.position()).copied().flatten() {
            Some(n) => self.new.sections.get(n).map(|s| s.label()),
            None => self.old.sections.get(s).map(|s| s.label()),
        }
    }

    fn new_section(&self, section: Option<SectionIx>) -> Option<String> {
        self.new.sections.get(section?).map(|s| s.label())
    }

    /// An expression of the old plan as plan syntax, with the new ids of renamed items.
    fn old_expr(&self, e: &crate::model::Expr) -> String {
        let text = expr::source(self.old, e);
        if self.renamed.is_empty() {
            return text;
        }
        rename_words(&text, &self.renamed)
    }
}

/// The ids of `items` in `table` (one side's tasks or documents), as `id` reads each.
fn ids<'m, I: Ix, T>(
    table: &'m Items<I, T>,
    items: &[I],
    id: fn(&'m T) -> &'m String,
) -> impl Iterator<Item = &'m str> {
    items
        .iter()
        .filter_map(|&i| table.get(i))
        .map(move |t| id(t).as_str())
}

/// Replaces each identifier of `text` (an expression: no string literals) that is a key of `renamed` with its value.
fn rename_words(text: &str, renamed: &FxHashMap<&str, &str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(renamed.get(word.as_str()).copied().unwrap_or(word));
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A change of one value whose verdict the caller judged.
fn judged(
    field: Field,
    old: Option<String>,
    new: Option<String>,
    verdict: Verdict,
    by: Option<Shift>,
) -> Change {
    Change {
        field,
        old,
        new,
        verdict,
        by,
        added: Vec::new(),
        removed: Vec::new(),
    }
}

/// A change of a single value, or `None` when it is the same.
fn value(field: Field, old: Option<String>, new: Option<String>) -> Option<Change> {
    if old == new {
        return None;
    }
    let verdict = match (&old, &new) {
        (None, Some(_)) => Verdict::Added,
        (Some(_), None) => Verdict::Removed,
        _ => Verdict::Changed,
    };
    Some(judged(field, old, new, verdict, None))
}

/// A change of a set of ids or names (order carries no meaning), or `None` when it holds the same ones.
fn set(field: Field, old: &[&str], new: &[&str]) -> Option<Change> {
    let old_set: BTreeSet<&str> = old.iter().copied().collect();
    let new_set: BTreeSet<&str> = new.iter().copied().collect();
    if old_set == new_set {
        return None;
    }
    let shown = |items: &[&str]| (!items.is_empty()).then(|| items.join(", "));
    Some(Change {
        field,
        old: shown(old),
        new: shown(new),
        verdict: Verdict::Changed,
        by: None,
        added: new_set
            .difference(&old_set)
            .map(|s| s.to_string())
            .collect(),
        removed: old_set
            .difference(&new_set)
            .map(|s| s.to_string())
            .collect(),
    })
}

/// A change of the notes: which came and which went, in order.
fn notes(old: &[String], new: &[String]) -> Option<Change> {
    if old == new {
        return None;
    }
    let old_set: FxHashSet<&str> = old.iter().map(String::as_str).collect();
    let new_set: FxHashSet<&str> = new.iter().map(String::as_str).collect();
    Some(Change {
        field: Field::Notes,
        old: None,
        new: None,
        verdict: Verdict::Changed,
        by: None,
        added: new
            .iter()
            .filter(|n| !old_set.contains(n.as_str()))
            .cloned()
            .collect(),
        removed: old
            .iter()
            .filter(|n| !new_set.contains(n.as_str()))
            .cloned()
            .collect(),
    })
}

/// A change of a deadline, later or earlier by how much.
fn deadline(old: Option<Deadline>, new: Option<Deadline>) -> Option<Change> {
    if old == new {
        return None;
    }
    let mut change = value(
        Field::Deadline,
        old.map(|d| d.to_string()),
        new.map(|d| d.to_string()),
    )?;
    if let (Some(old), Some(new)) = (old, new) {
        (change.verdict, change.by) = moves::deadline(old, new);
    }
    Some(change)
}

/// A change of a goal (or aim), with its verdict; `comparable` is false when the unit changed.
fn goal_change(
    field: Field,
    old: Option<(&Goal, Decimal)>,
    new: Option<(&Goal, Decimal)>,
    comparable: bool,
) -> Option<Change> {
    let old_text = old.map(|(g, _)| g.to_string());
    let new_text = new.map(|(g, _)| g.to_string());
    // The same goal under another `approx` changes meaning only for `~` goals.
    let approx_matters =
        matches!(old, Some((Goal::Approx(_), _))) && old.map(|(_, a)| a) != new.map(|(_, a)| a);
    if old_text == new_text && !approx_matters {
        return None;
    }
    let verdict = if comparable {
        goal::compare(old, new)
    } else {
        Verdict::Changed
    };
    Some(judged(field, old_text, new_text, verdict, None))
}

fn window(w: Window) -> String {
    w.to_string()
}

/// Builds the diff of two plans.
pub(super) fn plans<'m>(old: &'m Model, new: &'m Model) -> PlanDiff {
    let mut sides = Sides {
        old,
        new,
        renamed: FxHashMap::default(),
        sections: vec![None; old.sections.len()],
    };
    let section_keys = |m: &'m Model| -> Vec<(&'m str, &'m str)> {
        m.sections
            .iter()
            .map(|s| (s.key(), s.title.as_str()))
            .collect()
    };
    let section_pairs = pair(&section_keys(old), &section_keys(new));
    for &(i, j, _) in &section_pairs.matched {
        if let Some(slot) = sides.sections.get_mut(i) {
            *slot = Some(SectionIx::at(j));
        }
    }

    // Each kind of declaration is paired on its own: (kind, its pairs, old keys, new keys).
    let each = KINDS.map(|kind| (kind, keyed(old, new, |m| keys(m, kind))));
    for (_, (pairs, old_keys, new_keys)) in &each {
        for &(i, j, renamed) in &pairs.matched {
            if let (true, Some((o, _)), Some((n, _))) = (renamed, old_keys.get(i), new_keys.get(j))
            {
                sides.renamed.insert(o, n);
            }
        }
    }

    let mut items: Vec<(Order, ItemDiff)> = Vec::new();
    let mut push = |order: Order, item: Option<ItemDiff>| {
        if let Some(item) = item {
            items.push((order, item));
        }
    };
    let new_section_count = new.sections.len();
    // Where an item goes: its group (documents, owners, outside any section, then each section of the new plan,
    // then removed sections), its kind, its place.
    let group_new = |s: Option<SectionIx>| s.map_or(2, |s| 3 + s.position());
    let group_old = |s: Option<SectionIx>| match s {
        None => 2,
        Some(s) => match sides.sections.get(s.position()).copied().flatten() {
            Some(n) => 3 + n.position(),
            None => 3 + new_section_count + s.position(),
        },
    };
    const REMOVED: usize = usize::MAX / 2;

    for &(i, j, renamed) in &section_pairs.matched {
        let order = (3 + j, 0, j);
        push(order, section(&sides, i, j, renamed));
    }
    for &i in &section_pairs.removed {
        let order = (group_old(Some(SectionIx::at(i))), 0, REMOVED + i);
        push(order, whole(&sides, Kind::Section, Side::Old, i));
    }
    for &j in &section_pairs.added {
        push((3 + j, 0, j), whole(&sides, Kind::Section, Side::New, j));
    }

    for (rank, (kind, (pairs, _, _))) in each.iter().enumerate() {
        let kind = *kind;
        for &(i, j, renamed) in &pairs.matched {
            let group = match kind {
                Kind::Document => 0,
                Kind::Owner | Kind::Group => 1,
                _ => group_new(section_of(new, kind, j)),
            };
            push((group, 1 + rank, j), matched(&sides, kind, i, j, renamed));
        }
        for &i in &pairs.removed {
            let group = match kind {
                Kind::Document => 0,
                Kind::Owner | Kind::Group => 1,
                _ => group_old(section_of(old, kind, i)),
            };
            push(
                (group, 1 + rank, REMOVED + i),
                whole(&sides, kind, Side::Old, i),
            );
        }
        for &j in &pairs.added {
            let group = match kind {
                Kind::Document => 0,
                Kind::Owner | Kind::Group => 1,
                _ => group_new(section_of(new, kind, j)),
            };
            push((group, 1 + rank, j), whole(&sides, kind, Side::New, j));
        }
    }
    crate::sort::sort_by_key(&mut items, |(order, _)| *order);
    PlanDiff {
        header: header(&sides),
        items: items.into_iter().map(|(_, item)| item).collect(),
    }
}

/// Group, kind, place.
type Order = (usize, usize, usize);

/// The pairs of one kind of item, with the `(id, title)` of each side's items.
type Keyed<'m> = (Pairs, Vec<(&'m str, &'m str)>, Vec<(&'m str, &'m str)>);

/// The declarations `diff` pairs by id, in the order a kind's items are listed within their group.
const KINDS: [Kind; 6] = [
    Kind::Document,
    Kind::Owner,
    Kind::Target,
    Kind::Task,
    Kind::Report,
    Kind::Rule,
];

/// Each declaration of `kind` as (id, title): what pairing matches on.
fn keys(m: &Model, kind: Kind) -> Vec<(&str, &str)> {
    match kind {
        Kind::Document => m
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d.number.as_str()))
            .collect(),
        Kind::Owner => m
            .owners
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str()))
            .collect(),
        Kind::Target | Kind::Measure => m
            .targets
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect(),
        Kind::Task => m
            .tasks
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect(),
        Kind::Report => m
            .reports
            .iter()
            .map(|r| (r.id.as_str(), r.title.as_str()))
            .collect(),
        Kind::Rule => m
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.title.as_str()))
            .collect(),
        Kind::Group | Kind::Section => Vec::new(),
    }
}

fn keyed<'m>(
    old: &'m Model,
    new: &'m Model,
    keys: impl Fn(&'m Model) -> Vec<(&'m str, &'m str)>,
) -> Keyed<'m> {
    let (old_keys, new_keys) = (keys(old), keys(new));
    (pair(&old_keys, &new_keys), old_keys, new_keys)
}

fn section_of(model: &Model, kind: Kind, i: usize) -> Option<SectionIx> {
    match kind {
        Kind::Target | Kind::Measure => model.targets.as_slice().get(i)?.section,
        Kind::Task => model.tasks.as_slice().get(i)?.section,
        Kind::Report => model.reports.as_slice().get(i)?.section,
        Kind::Rule => model.rules.as_slice().get(i)?.section,
        Kind::Document | Kind::Owner | Kind::Group | Kind::Section => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

/// An item on one side only: added or removed, with no attribute listed.
fn whole(sides: &Sides<'_>, kind: Kind, side: Side, i: usize) -> Option<ItemDiff> {
    let model = match side {
        Side::Old => sides.old,
        Side::New => sides.new,
    };
    let section_label = |s: Option<SectionIx>| match side {
        Side::Old => sides.old_section(s),
        Side::New => sides.new_section(s),
    };
    let in_section = |kind: Kind, id: &str, title: &str, section: Option<SectionIx>| {
        (
            kind,
            id.to_string(),
            title.to_string(),
            section_label(section),
        )
    };
    let (kind, id, title, section) = match kind {
        Kind::Document => {
            let d = model.documents.as_slice().get(i)?;
            (kind, d.id.clone(), d.number.clone(), None)
        }
        Kind::Owner | Kind::Group => {
            let o = model.owners.as_slice().get(i)?;
            (owner_kind(o.kind), o.id.clone(), o.name.clone(), None)
        }
        Kind::Section => {
            let s = model.sections.as_slice().get(i)?;
            (kind, s.key().to_string(), s.title.clone(), Some(s.label()))
        }
        Kind::Target | Kind::Measure => {
            let t = model.targets.as_slice().get(i)?;
            in_section(target_kind(t.kind), &t.id, &t.title, t.section)
        }
        Kind::Task => {
            let t = model.tasks.as_slice().get(i)?;
            in_section(kind, &t.id, &t.title, t.section)
        }
        Kind::Report => {
            let r = model.reports.as_slice().get(i)?;
            in_section(kind, &r.id, &r.title, r.section)
        }
        Kind::Rule => {
            let r = model.rules.as_slice().get(i)?;
            in_section(kind, &r.id, &r.title, r.section)
        }
    };
    Some(ItemDiff {
        kind,
        id,
        title,
        status: match side {
            Side::Old => Status::Removed,
            Side::New => Status::Added,
        },
        renamed_from: None,
        section,
        changes: Vec::new(),
    })
}

fn owner_kind(kind: OwnerKind) -> Kind {
    match kind {
        OwnerKind::Owner => Kind::Owner,
        OwnerKind::Group => Kind::Group,
    }
}

fn target_kind(kind: TargetKind) -> Kind {
    match kind {
        TargetKind::Target => Kind::Target,
        TargetKind::Measure => Kind::Measure,
    }
}

/// The item both sides have, or `None` when nothing about it changed.
fn item(
    kind: Kind,
    ids: (&str, &str),
    title: &str,
    renamed: bool,
    section: Option<String>,
    changes: Vec<Option<Change>>,
) -> Option<ItemDiff> {
    let changes: Vec<Change> = changes.into_iter().flatten().collect();
    if changes.is_empty() && !renamed {
        return None;
    }
    Some(ItemDiff {
        kind,
        id: ids.1.to_string(),
        title: title.to_string(),
        status: if renamed {
            Status::Renamed
        } else {
            Status::Changed
        },
        renamed_from: renamed.then(|| ids.0.to_string()),
        section,
        changes,
    })
}

fn section(sides: &Sides<'_>, i: usize, j: usize, renamed: bool) -> Option<ItemDiff> {
    let (a, b) = (
        sides.old.sections.as_slice().get(i)?,
        sides.new.sections.as_slice().get(j)?,
    );
    let parent_old = sides.old_section(a.parent);
    let parent_new = sides.new_section(b.parent);
    let mut changes = vec![
        value(Field::Number, a.number.clone(), b.number.clone()),
        value(Field::Title, Some(a.title.clone()), Some(b.title.clone())),
        value(Field::Parent, parent_old, parent_new),
    ];
    if renamed {
        // Matched by title: the number change says it all.
        changes.retain(|c| c.as_ref().is_none_or(|c| c.field != Field::Title));
    }
    let changes: Vec<Change> = changes.into_iter().flatten().collect();
    if changes.is_empty() {
        return None;
    }
    Some(ItemDiff {
        kind: Kind::Section,
        id: b.key().to_string(),
        title: b.title.clone(),
        status: Status::Changed,
        renamed_from: None,
        section: Some(b.label()),
        changes,
    })
}

fn matched(sides: &Sides<'_>, kind: Kind, i: usize, j: usize, renamed: bool) -> Option<ItemDiff> {
    let (old, new) = (sides.old, sides.new);
    match kind {
        Kind::Document => {
            let (a, b) = (
                old.documents.as_slice().get(i)?,
                new.documents.as_slice().get(j)?,
            );
            item(
                kind,
                (&a.id, &b.id),
                &b.number,
                renamed,
                None,
                vec![
                    value(
                        Field::Number,
                        Some(a.number.clone()),
                        Some(b.number.clone()),
                    ),
                    value(Field::Title, a.title.clone(), b.title.clone()),
                    value(Field::Issuer, a.issuer.clone(), b.issuer.clone()),
                    value(
                        Field::Issued,
                        a.issued.map(|d| d.to_string()),
                        b.issued.map(|d| d.to_string()),
                    ),
                    sides.documents(Field::Implements, &a.implements, &b.implements),
                    notes(&a.notes, &b.notes),
                ],
            )
        }
        Kind::Owner | Kind::Group => {
            let (a, b) = (old.owners.as_slice().get(i)?, new.owners.as_slice().get(j)?);
            let aka = |o: &crate::model::OwnerInfo| -> Vec<String> { o.aka.clone() };
            let (old_aka, new_aka) = (aka(a), aka(b));
            item(
                owner_kind(b.kind),
                (&a.id, &b.id),
                &b.name,
                renamed,
                None,
                vec![
                    value(
                        Field::Kind,
                        Some(owner_kind(a.kind).as_str().to_string()),
                        Some(owner_kind(b.kind).as_str().to_string()),
                    ),
                    value(Field::Name, Some(a.name.clone()), Some(b.name.clone())),
                    set(
                        Field::Aka,
                        &old_aka.iter().map(String::as_str).collect::<Vec<_>>(),
                        &new_aka.iter().map(String::as_str).collect::<Vec<_>>(),
                    ),
                    sides.owners(Field::Members, &a.members, &b.members),
                    notes(&a.notes, &b.notes),
                ],
            )
        }
        Kind::Section => None,
        Kind::Target | Kind::Measure => target(sides, i, j, renamed),
        Kind::Task => task(sides, i, j, renamed),
        Kind::Report => {
            let (a, b) = (
                old.reports.as_slice().get(i)?,
                new.reports.as_slice().get(j)?,
            );
            let every = every(a.every, b.every);
            item(
                kind,
                (&a.id, &b.id),
                &b.title,
                renamed,
                sides.new_section(b.section),
                vec![
                    value(Field::Title, Some(a.title.clone()), Some(b.title.clone())),
                    sides.section(a.section, b.section),
                    sides.owners(Field::From, &a.from, &b.from),
                    sides.owners(Field::To, &a.to, &b.to),
                    every,
                    notes(&a.notes, &b.notes),
                ],
            )
        }
        Kind::Rule => {
            let (a, b) = (old.rules.as_slice().get(i)?, new.rules.as_slice().get(j)?);
            let condition = |kind: ConditionKind, text: Option<String>| {
                let word = match kind {
                    ConditionKind::Require => "require",
                    ConditionKind::When => "when",
                };
                format!("{word} {}", text.unwrap_or_default())
            };
            let old_condition = condition(a.kind, a.expr.as_ref().map(|e| sides.old_expr(e)));
            let new_condition = condition(b.kind, b.expr.as_ref().map(|e| expr::source(new, e)));
            item(
                kind,
                (&a.id, &b.id),
                &b.title,
                renamed,
                sides.new_section(b.section),
                vec![
                    value(Field::Title, Some(a.title.clone()), Some(b.title.clone())),
                    sides.section(a.section, b.section),
                    value(Field::Condition, Some(old_condition), Some(new_condition)),
                    value(
                        Field::Severity,
                        Some(a.severity.as_str().to_string()),
                        Some(b.severity.as_str().to_string()),
                    ),
                    notes(&a.notes, &b.notes),
                ],
            )
        }
    }
}

fn target(sides: &Sides<'_>, i: usize, j: usize, renamed: bool) -> Option<ItemDiff> {
    let (old, new) = (sides.old, sides.new);
    let (a, b) = (
        old.targets.as_slice().get(i)?,
        new.targets.as_slice().get(j)?,
    );
    let same_unit = a.unit == b.unit;
    let window_change = match (a.window, b.window) {
        (x, y) if x == y => None,
        // A window that is the end of the plan period on both sides follows the period, whose change the header
        // shows once.
        (Some(Window::By(Deadline::Year(x))), Some(Window::By(Deadline::Year(y))))
            if old.period().is_some_and(|p| p.to == x)
                && new.period().is_some_and(|p| p.to == y)
                && old.period() != new.period() =>
        {
            None
        }
        (Some(Window::By(x)), Some(Window::By(y))) => deadline(Some(x), Some(y)),
        (x, y) => value(Field::Window, x.map(window), y.map(window)),
    };
    let baseline = |b: Option<(Decimal, Deadline)>| b.map(|(v, d)| format!("{v} in {d}"));
    let value_old = a.value.as_ref().map(|e| sides.old_expr(e));
    let value_new = b.value.as_ref().map(|e| expr::source(new, e));
    let shares =
        |s: &Option<(Decimal, Vec<TargetIx>)>| s.as_ref().map(|(total, _)| total.to_string());
    item(
        target_kind(b.kind),
        (&a.id, &b.id),
        &b.title,
        renamed,
        sides.new_section(b.section),
        vec![
            value(
                Field::Kind,
                Some(target_kind(a.kind).as_str().to_string()),
                Some(target_kind(b.kind).as_str().to_string()),
            ),
            value(Field::Title, Some(a.title.clone()), Some(b.title.clone())),
            sides.section(a.section, b.section),
            value(
                Field::Parent,
                sides.old_target(a.parent).map(str::to_string),
                sides.new_target(b.parent).map(str::to_string),
            ),
            value(Field::Unit, a.unit.clone(), b.unit.clone()),
            goal_change(
                Field::Goal,
                a.goal.as_ref().map(|g| (g, old.approx())),
                b.goal.as_ref().map(|g| (g, new.approx())),
                same_unit,
            ),
            goal_change(
                Field::Aim,
                a.aim.as_ref().map(|g| (g, old.approx())),
                b.aim.as_ref().map(|g| (g, new.approx())),
                same_unit,
            ),
            window_change,
            value(Field::Baseline, baseline(a.baseline), baseline(b.baseline)),
            value(Field::Value, value_old, value_new),
            value(Field::Shares, shares(&a.shares), shares(&b.shares)),
            sides.owners(Field::Lead, &a.lead, &b.lead),
            sides.owners(Field::Support, &a.support, &b.support),
            sides.owners(Field::Monitor, &a.monitor, &b.monitor),
            notes(&a.notes, &b.notes),
        ],
    )
}

fn task(sides: &Sides<'_>, i: usize, j: usize, renamed: bool) -> Option<ItemDiff> {
    let (old, new) = (sides.old, sides.new);
    let (a, b) = (old.tasks.as_slice().get(i)?, new.tasks.as_slice().get(j)?);
    // A due date taken from the plan period on both sides follows the period, shown once in the header.
    let due = if a.due_written() || b.due_written() {
        deadline(a.due(), b.due())
    } else {
        None
    };
    // A duty that becomes standing or recurring (or stops being so) shows as `ongoing` or `every` set or dropped,
    // beside its one-off deadline's change.
    let recurrence = |t: &crate::model::TaskInfo| match t.schedule {
        TaskSchedule::Every(s) => Some(s),
        TaskSchedule::Once { .. } | TaskSchedule::Ongoing => None,
    };
    let ongoing = |t: &crate::model::TaskInfo| {
        matches!(t.schedule, TaskSchedule::Ongoing).then(|| "ongoing".to_string())
    };
    item(
        Kind::Task,
        (&a.id, &b.id),
        &b.title,
        renamed,
        sides.new_section(b.section),
        vec![
            value(Field::Title, Some(a.title.clone()), Some(b.title.clone())),
            sides.section(a.section, b.section),
            due,
            every(recurrence(a), recurrence(b)),
            value(Field::Ongoing, ongoing(a), ongoing(b)),
            sides.owners(Field::Lead, &a.lead, &b.lead),
            sides.owners(Field::Support, &a.support, &b.support),
            sides.owners(Field::Monitor, &a.monitor, &b.monitor),
            sides.owners(Field::For, &a.for_, &b.for_),
            sides.documents(Field::Implements, &a.implements, &b.implements),
            value(
                Field::Output,
                a.output.map(|o| o.as_str().to_string()),
                b.output.map(|o| o.as_str().to_string()),
            ),
            set(
                Field::After,
                &sides.old_tasks(&a.after),
                &sides.new_tasks(&b.after),
            ),
            notes(&a.notes, &b.notes),
        ],
    )
}

/// A change of recurrence: later or earlier in its own unit where both sides recur, else added or dropped.
fn every(old: Option<Schedule>, new: Option<Schedule>) -> Option<Change> {
    match (old, new) {
        (x, y) if x == y => None,
        (Some(x), Some(y)) => {
            let (verdict, by) = moves::schedule(x, y);
            Some(judged(
                Field::Every,
                Some(x.to_string()),
                Some(y.to_string()),
                verdict,
                by,
            ))
        }
        (x, y) => value(
            Field::Every,
            x.map(|s| s.to_string()),
            y.map(|s| s.to_string()),
        ),
    }
}

/// The `plan` header's changes.
fn header(sides: &Sides<'_>) -> Vec<Change> {
    let (Some(a), Some(b)) = (sides.old.plan.as_ref(), sides.new.plan.as_ref()) else {
        let number = |m: &Model| m.plan.as_ref().map(|p| p.number.clone());
        return value(Field::Number, number(sides.old), number(sides.new))
            .into_iter()
            .collect();
    };
    let period = match (a.period, b.period) {
        (x, y) if x == y => None,
        (Some(x), Some(y)) => {
            let (verdict, by) = moves::period(x, y);
            Some(judged(
                Field::Period,
                Some(period_text(x)),
                Some(period_text(y)),
                verdict,
                by,
            ))
        }
        (x, y) => value(Field::Period, x.map(period_text), y.map(period_text)),
    };
    let approx = if a.approx == b.approx {
        None
    } else {
        let percent = |x: Decimal| format!("{}%", (x * Decimal::ONE_HUNDRED).normalize());
        let verdict = if b.approx > a.approx {
            Verdict::Loosened
        } else {
            Verdict::Tightened
        };
        Some(judged(
            Field::Approx,
            Some(percent(a.approx)),
            Some(percent(b.approx)),
            verdict,
            None,
        ))
    };
    [
        value(
            Field::Number,
            Some(a.number.clone()),
            Some(b.number.clone()),
        ),
        value(Field::Title, a.title.clone(), b.title.clone()),
        value(Field::Issuer, a.issuer.clone(), b.issuer.clone()),
        value(
            Field::Issued,
            a.issued.map(|d| d.to_string()),
            b.issued.map(|d| d.to_string()),
        ),
        value(Field::Signer, a.signer.clone(), b.signer.clone()),
        period,
        sides.documents(Field::Implements, &a.implements, &b.implements),
        approx,
        notes(&a.notes, &b.notes),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn period_text(p: crate::model::Period) -> String {
    if p.from == p.to {
        p.from.to_string()
    } else {
        format!("{}..{}", p.from, p.to)
    }
}
