//! Owners: who leads what (`missing-lead`), how agencies are named (`duplicate-alias`, `similar-owners`), and
//! which are never given anything (`unused-owner`, judged over the whole workspace, since one agencies file serves
//! several plans).

use crate::hash::{FxHashMap, FxHashSet};

use super::resolve::closest_owner;
use super::written::{OwnerDecl, Written};
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::model::{ItemRef, Items, Model, OwnerIx, OwnerKind, TargetIx, TargetKind};
use crate::source::{FileId, Span};
use crate::text;
use crate::workspace::Workspace;

/// `missing-lead`: a task, or a target with no `lead` of its own nor from a parent. A target whose parent already
/// lacks one is not reported again: the parent's diagnostic counts it.
pub(super) fn missing_lead(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let namer = Namer::new(model);
    for (ix, task) in model.tasks.enumerate() {
        let Some(t) = written.task(model, ix) else {
            continue;
        };
        if t.lead.is_some() || written.is_broken(t.span) {
            continue;
        }
        let name = &task.id;
        let suggested = namer.likeliest(&task.title, &task.support);
        let help = if t.support.is_some() {
            with_suggestion(
                text!(
                    "the task names partners (`support`) but no agency in charge: add `lead OWNER` for the one that chủ trì",
                    "nhiệm vụ có cơ quan phối hợp (`support`) nhưng chưa có cơ quan chủ trì: hãy thêm `lead MÃ_CƠ_QUAN`"
                ),
                model,
                suggested,
            )
        } else {
            add_lead(model, suggested)
        };
        out.push(
            Diagnostic::new(
                Code::MissingLead,
                task.span,
                text!(
                    "nobody leads task `{name}`",
                    "nhiệm vụ `{name}` chưa có cơ quan chủ trì"
                ),
            )
            .with_help(help),
        );
    }
    // Whether each target has a `lead` written on it or on an ancestor; parents come before their parts.
    let mut led: Items<TargetIx, bool> = Items::new();
    led.reserve_exact(model.targets.len());
    for (ix, target) in model.targets.enumerate() {
        let own = written
            .target(model, ix)
            .is_none_or(|t| t.lead.is_some() || written.is_broken(t.span));
        let inherited = target
            .parent
            .is_some_and(|p| led.get(p).copied().unwrap_or(true));
        led.push(own || inherited);
    }
    for (ix, target) in model.targets.enumerate() {
        let parent_reported = target
            .parent
            .and_then(|p| model.targets.get(p))
            .is_some_and(|p| p.kind == TargetKind::Target && !led.get(ix).copied().unwrap_or(true));
        if target.kind != TargetKind::Target
            || led.get(ix).copied().unwrap_or(true)
            || parent_reported
        {
            continue;
        }
        let parts = descendants(model, ix)
            .into_iter()
            .filter(|&p| {
                model
                    .targets
                    .get(p)
                    .is_some_and(|t| t.kind == TargetKind::Target)
            })
            .count();
        let name = &target.id;
        let message = match parts {
            0 => text!(
                "nobody leads target `{name}`",
                "chỉ tiêu `{name}` chưa có cơ quan chủ trì"
            ),
            1 => text!(
                "nobody leads target `{name}` nor its part",
                "chỉ tiêu `{name}` và chỉ tiêu thành phần của nó chưa có cơ quan chủ trì"
            ),
            n => text!(
                "nobody leads target `{name}` nor its {n} parts",
                "chỉ tiêu `{name}` và {n} chỉ tiêu thành phần chưa có cơ quan chủ trì"
            ),
        };
        let suggested = namer.likeliest(&target.title, &target.support);
        let help = if parts > 0 {
            with_suggestion(
                text!(
                    "add `lead OWNER` for the agency in charge (chủ trì); its parts inherit it unless they name their own",
                    "hãy thêm `lead MÃ_CƠ_QUAN` cho cơ quan chủ trì; các chỉ tiêu thành phần sẽ kế thừa nếu không tự ghi"
                ),
                model,
                suggested,
            )
        } else {
            add_lead(model, suggested)
        };
        out.push(Diagnostic::new(Code::MissingLead, target.span, message).with_help(help));
    }
}

/// `missing-lead`'s help for a duty with nothing else to say: the owner its title suggests, or how to name one.
fn add_lead(model: &Model, suggested: Option<OwnerIx>) -> Text {
    if suggested.is_some() {
        with_suggestion(
            text!(
                "add `lead OWNER` for the agency in charge (chủ trì)",
                "hãy thêm `lead MÃ_CƠ_QUAN` cho cơ quan chủ trì"
            ),
            model,
            suggested,
        )
    } else if model.owners.is_empty() {
        text!(
            "declare the agency in charge (chủ trì) with `owner ID \"name\"`, then add `lead ID`",
            "hãy khai báo cơ quan chủ trì bằng `owner MÃ \"tên\"`, rồi thêm `lead MÃ`"
        )
    } else {
        text!(
            "add `lead OWNER` with the id of the declared owner in charge (chủ trì)",
            "hãy thêm `lead MÃ_CƠ_QUAN` với mã của cơ quan chủ trì đã khai báo"
        )
    }
}

/// `help`, followed by the owner the duty's title suggests, if any.
fn with_suggestion(help: Text, model: &Model, suggested: Option<OwnerIx>) -> Text {
    let Some(owner) = suggested.and_then(|ix| model.owners.get(ix)) else {
        return help;
    };
    let (id, name) = (&owner.id, &owner.name);
    let more = text!(
        "by its title, perhaps `lead {id}` (`{name}`)",
        "theo tên gọi, có thể là `lead {id}` (`{name}`)"
    );
    Text::new(
        format!("{}; {}", help.en, more.en),
        format!("{}; {}", help.vi, more.vi),
    )
}

/// The declared owner a duty's title most likely speaks of, for `missing-lead`'s help: "Rà soát mạng lưới y tế
/// cơ sở" → `so_yte` ("Sở Y tế"). Each name and `aka` of an owner gives phrases (the whole name, and the name
/// without the kind of body in front, "Sở", "Ủy ban nhân dân", and without the place behind, "tỉnh …"); words
/// are compared without diacritics (`fuzzy::ascii_id`), so "Uỷ" and "Ủy" agree. The owner whose phrase starts
/// earliest in the title wins (a Vietnamese duty names the body in charge first, its partners after "phối hợp
/// với"), the longer phrase at the same place; two owners with the same phrase there are a tie, and a tie
/// suggests nobody. Each title is looked up n-gram by n-gram in a map, so the work is linear in its words.
struct Namer {
    phrases: FxHashMap<String, Vec<OwnerIx>>,
    /// The most words in a phrase: the longest n-gram of a title worth looking up.
    longest: usize,
}

/// The kinds of body a name may start with (folded), longest first: "Sở Y tế" speaks of "y tế".
const HEADS: [&[&str]; 12] = [
    &["uy", "ban", "nhan", "dan"],
    &["bo", "chi", "huy"],
    &["van", "phong"],
    &["trung", "tam"],
    &["chi", "cuc"],
    &["ubnd"],
    &["so"],
    &["bo"],
    &["cuc"],
    &["ban"],
    &["vien"],
    &["cac"],
];

/// Words that say where or which kind of body, not which one: a phrase of these alone names no owner.
const GENERIC: [&str; 20] = [
    "tinh", "cac", "va", "huyen", "thi", "xa", "thanh", "pho", "so", "ban", "nganh", "cap", "co",
    "quan", "don", "vi", "lien", "uong", "ubnd", "tw",
];

/// The most words a phrase may have: longer names are matched by their shorter forms.
const MAX_PHRASE_WORDS: usize = 12;

impl Namer {
    fn new(model: &Model) -> Namer {
        let mut phrases: FxHashMap<String, Vec<OwnerIx>> = FxHashMap::default();
        let mut longest = 0;
        for (ix, owner) in model.owners.enumerate() {
            for name in std::iter::once(&owner.name).chain(&owner.aka) {
                let folded = crate::fuzzy::ascii_id(name);
                let words: Vec<&str> = folded.split('_').filter(|w| !w.is_empty()).collect();
                for phrase in [words.as_slice(), core(&words)] {
                    if phrase.is_empty()
                        || phrase.len() > MAX_PHRASE_WORDS
                        || phrase.iter().all(|w| GENERIC.contains(w))
                    {
                        continue;
                    }
                    longest = longest.max(phrase.len());
                    let owners = phrases.entry(phrase.join(" ")).or_default();
                    if !owners.contains(&ix) {
                        owners.push(ix);
                    }
                }
            }
        }
        Namer { phrases, longest }
    }

    /// The owner `title` most likely speaks of, leaving out `partners` (already the duty's `support`).
    fn likeliest(&self, title: &str, partners: &[OwnerIx]) -> Option<OwnerIx> {
        let folded = crate::fuzzy::ascii_id(title);
        let words: Vec<&str> = folded.split('_').filter(|w| !w.is_empty()).collect();
        for start in 0..words.len() {
            let mut gram = String::new();
            // The longest phrase at this place, and whether another owner has it too.
            let mut found: Option<(OwnerIx, bool)> = None;
            for word in words.iter().skip(start).take(self.longest) {
                if !gram.is_empty() {
                    gram.push(' ');
                }
                gram.push_str(word);
                let owners: Vec<OwnerIx> = self
                    .phrases
                    .get(&gram)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|o| !partners.contains(o))
                    .collect();
                if let [first, rest @ ..] = owners.as_slice() {
                    found = Some((*first, !rest.is_empty()));
                }
            }
            match found {
                Some((owner, false)) => return Some(owner),
                Some((_, true)) => return None,
                None => {}
            }
        }
        None
    }
}

/// A name without the kind of body in front and the place behind: "so y te" → "y te", "cong an tinh" →
/// "cong an".
fn core<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    let head = HEADS
        .iter()
        .find(|h| words.starts_with(h))
        .map_or(0, |h| h.len());
    let rest = words.get(head..).unwrap_or_default();
    let place = rest.iter().position(|w| *w == "tinh").unwrap_or(rest.len());
    rest.get(..place).unwrap_or_default()
}

/// Every part and share below a target, at any depth.
fn descendants(model: &Model, root: TargetIx) -> Vec<TargetIx> {
    let mut found = Vec::new();
    let mut pending = vec![root];
    while let Some(t) = pending.pop() {
        let Some(target) = model.targets.get(t) else {
            continue;
        };
        let shares = target
            .shares
            .as_ref()
            .map_or(&[][..], |(_, s)| s.as_slice());
        for &child in target.parts.iter().chain(shares) {
            if child != root && !found.contains(&child) {
                found.push(child);
                pending.push(child);
            }
        }
    }
    found
}

/// One name an owner goes by: its name or one of its `aka`s.
#[derive(Clone, Copy)]
struct Alias<'a> {
    owner: OwnerIx,
    text: &'a str,
    span: Span,
    is_name: bool,
}

/// `duplicate-alias` (one name for two owners, exactly) and `similar-owners` (two owners whose names differ only
/// in case, spacing or punctuation: `Sở Công thương` and `Sở Công Thương`).
pub(super) fn aliases(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let mut exact: FxHashMap<&str, Alias<'_>> = FxHashMap::default();
    let mut folded: FxHashMap<String, Alias<'_>> = FxHashMap::default();
    let mut reported: FxHashSet<(OwnerIx, OwnerIx)> = FxHashSet::default();
    for ix in model.owners.indices() {
        let Some(decl) = written.owner(model, ix) else {
            continue;
        };
        let names =
            std::iter::once((decl.name(), true)).chain(decl.aka().iter().map(|a| (a, false)));
        for (s, is_name) in names {
            let alias = Alias {
                owner: ix,
                text: &s.value,
                span: s.span,
                is_name,
            };
            if let Some(first) = exact.get(s.value.as_str()) {
                if first.owner != ix && reported.insert((first.owner, ix)) {
                    out.push(duplicate_alias(model, first, &alias));
                }
                continue;
            }
            let key = fold(&s.value);
            if let Some(first) = folded.get(&key) {
                if first.owner != ix && reported.insert((first.owner, ix)) {
                    out.push(similar(model, first, &alias));
                }
            } else if !key.is_empty() {
                folded.insert(key, alias);
            }
            exact.insert(&s.value, alias);
        }
    }
}

/// Lowercase letters and digits only: `Sở KH&ĐT` → `sởkhđt`.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn owner_id(model: &Model, ix: OwnerIx) -> &str {
    model.owners.get(ix).map_or("?", |o| o.id.as_str())
}

fn what(alias: &Alias<'_>, model: &Model) -> Text {
    let id = owner_id(model, alias.owner);
    if alias.is_name {
        text!("the name of `{id}`", "tên của `{id}`")
    } else {
        text!("an `aka` of `{id}`", "tên gọi khác (`aka`) của `{id}`")
    }
}

fn duplicate_alias(model: &Model, first: &Alias<'_>, second: &Alias<'_>) -> Diagnostic {
    let (a, b, name) = (
        owner_id(model, first.owner),
        owner_id(model, second.owner),
        second.text,
    );
    Diagnostic::new(
        Code::DuplicateAlias,
        second.span,
        text!(
            "`{name}` names two owners, `{a}` and `{b}`",
            "tên `{name}` được dùng cho hai cơ quan `{a}` và `{b}`"
        ),
    )
    .with_label(what(second, model))
    .with_other(first.span, what(first, model))
    .with_help(text!(
        "a name must lead to one agency: remove it from one of them, or, if both are the same agency, merge them into one `owner`",
        "mỗi tên gọi chỉ được trỏ tới một cơ quan: hãy bỏ tên này ở một trong hai, hoặc nếu là cùng một cơ quan thì gộp lại thành một `owner`"
    ))
}

fn similar(model: &Model, first: &Alias<'_>, second: &Alias<'_>) -> Diagnostic {
    let (a, b) = (owner_id(model, first.owner), owner_id(model, second.owner));
    let (x, y) = (first.text, second.text);
    Diagnostic::new(
        Code::SimilarOwners,
        second.span,
        text!(
            "`{y}` (`{b}`) and `{x}` (`{a}`) differ only in case or punctuation: probably one agency",
            "`{y}` (`{b}`) và `{x}` (`{a}`) chỉ khác nhau ở chữ hoa, chữ thường hoặc dấu câu: có lẽ là cùng một cơ quan"
        ),
    )
    .with_label(what(second, model))
    .with_other(first.span, what(first, model))
    .with_help(text!(
        "if they are the same agency, keep one owner and add the other spelling to its `aka`: `owner {a} \"{x}\" {{ aka \"{y}\" }}`",
        "nếu là cùng một cơ quan, hãy giữ một `owner` và thêm cách viết kia vào `aka`: `owner {a} \"{x}\" {{ aka \"{y}\" }}`"
    ))
}

/// `unused-owner`: owners that no unit of the workspace references. A group refers to its members only when the
/// group itself is used. Owners declared in a file that belongs to a unit with syntax errors are not judged: the
/// reference may have been in the text that did not parse.
pub(super) fn unused(workspace: &Workspace, units: &[(&Model, Written<'_>)], out: &mut Sink) {
    let mut used: FxHashSet<Span> = FxHashSet::default();
    // Ids a unit names but cannot resolve (a broken `use`, a typo): an owner with that id elsewhere counts as used.
    let mut named_elsewhere: FxHashSet<&str> = FxHashSet::default();
    for (model, written) in units {
        let unit_used = used_in(model, written, &mut named_elsewhere);
        let owners = model.owners.iter().zip(unit_used);
        used.extend(owners.filter(|(_, used)| *used).map(|(o, _)| o.span));
    }
    for (model, _) in units {
        used.extend(
            model
                .owners
                .iter()
                .filter(|o| named_elsewhere.contains(o.id.as_str()))
                .map(|o| o.span),
        );
    }
    let unsure: FxHashSet<FileId> = workspace
        .units
        .iter()
        .filter(|u| {
            u.files
                .iter()
                .any(|&f| workspace.file(f).is_some_and(|f| f.has_syntax_errors))
        })
        .flat_map(|u| u.files.iter().copied())
        .collect();
    let mut unused = Vec::new();
    let mut seen: FxHashSet<Span> = FxHashSet::default();
    for (model, written) in units {
        for (ix, owner) in model.owners.enumerate() {
            if used.contains(&owner.span)
                || unsure.contains(&owner.span.file)
                || !seen.insert(owner.span)
            {
                continue;
            }
            if let Some(decl) = written.owner(model, ix) {
                unused.push((*model, ix, decl));
            }
        }
    }
    // Members of an unused group are named in the group's diagnostic, not in one of their own.
    let covered: FxHashSet<Span> = unused
        .iter()
        .flat_map(|(model, ix, _)| {
            let members = model
                .owners
                .get(*ix)
                .map_or(&[][..], |o| o.members.as_slice());
            members
                .iter()
                .filter_map(|&m| model.owners.get(m))
                .filter(|o| o.kind == OwnerKind::Owner)
                .map(|o| o.span)
        })
        .filter(|span| !used.contains(span))
        .collect();
    for (model, ix, decl) in unused {
        let span = model.owners.get(ix).map(|o| o.span);
        if span.is_some_and(|s| !covered.contains(&s)) {
            out.push(unused_diagnostic(model, decl, &used));
        }
    }
}

/// Whether each owner of a unit is referenced, directly or as a member of a used group. A mistyped reference
/// (already an `unknown-reference`) counts for the owner it was suggested to mean, so that one typo is one
/// diagnostic; the ids the unit cannot resolve at all go to `named_elsewhere`. Each reference is looked up once.
fn used_in<'a>(
    model: &Model,
    written: &Written<'a>,
    named_elsewhere: &mut FxHashSet<&'a str>,
) -> Items<OwnerIx, bool> {
    let mut used = Items::repeat(false, model.owners.len());
    // Each owner newly marked used is pending once: the members of a used group are used too.
    let mut pending: Vec<OwnerIx> = Vec::new();
    let mut mark = |ix: OwnerIx, pending: &mut Vec<OwnerIx>| {
        if let Some(slot) = used.get_mut(ix)
            && !*slot
        {
            *slot = true;
            pending.push(ix);
        }
    };
    for r in &written.owner_refs {
        match model.lookup(&r.value) {
            Some(ItemRef::Owner(_)) => {}
            found => {
                if found.is_none() {
                    named_elsewhere.insert(r.value.as_str());
                }
                if let Some((ix, _)) = closest_owner(model, &r.value) {
                    mark(ix, &mut pending);
                }
            }
        }
    }
    let targets = model
        .targets
        .iter()
        .flat_map(|t| [&t.lead, &t.support, &t.monitor]);
    let tasks = model
        .tasks
        .iter()
        .flat_map(|t| [&t.lead, &t.support, &t.monitor, &t.for_]);
    let reports = model.reports.iter().flat_map(|r| [&r.from, &r.to]);
    for &ix in targets.chain(tasks).chain(reports).flatten() {
        mark(ix, &mut pending);
    }
    while let Some(ix) = pending.pop() {
        let members = model
            .owners
            .get(ix)
            .map_or(&[][..], |o| o.members.as_slice());
        for &member in members {
            mark(member, &mut pending);
        }
    }
    used
}

fn unused_diagnostic(model: &Model, decl: OwnerDecl<'_>, used: &FxHashSet<Span>) -> Diagnostic {
    let id = &decl.id().value;
    let is_group = matches!(decl, OwnerDecl::Group(_));
    let message = if is_group {
        text!(
            "group `{id}` is never referenced",
            "nhóm cơ quan `{id}` không được giao việc nào"
        )
    } else {
        text!(
            "owner `{id}` is never referenced",
            "cơ quan `{id}` không được giao việc nào"
        )
    };
    let mut d = Diagnostic::new(Code::UnusedOwner, decl.id().span, message).with_help(text!(
        "give it its duty where the plan names it (`lead`, `support`, `monitor`, a report's `from` or `to`, the `members` of a used group), or remove it; an agency the document names only as an issuer or a recipient may stay, and this warning with it",
        "hãy giao việc cho cơ quan này ở nơi kế hoạch nêu (`lead`, `support`, `monitor`, `from`/`to` của báo cáo, `members` của một nhóm được dùng), hoặc xóa khai báo; cơ quan chỉ được nêu là nơi ban hành hay nơi nhận văn bản có thể giữ lại, kèm cảnh báo này"
    ));
    // The members of an unused group that nothing else uses: one finding, not one per member.
    if let OwnerDecl::Group(g) = decl {
        for member in g.members.iter().flat_map(|m| &m.value) {
            let unused_member = model
                .lookup(&member.value)
                .and_then(|item| match item {
                    ItemRef::Owner(o) => model.owners.get(o),
                    _ => None,
                })
                .is_some_and(|o| !used.contains(&o.span) && o.kind == OwnerKind::Owner);
            if unused_member {
                let m = &member.value;
                d = d.with_other(
                    member.span,
                    text!(
                        "`{m}` is used nowhere else either",
                        "`{m}` cũng không được giao việc ở đâu khác"
                    ),
                );
            }
        }
    }
    d
}
