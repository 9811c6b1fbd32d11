//! Resolution: one unit's AST to a [`Model`]. Declares every id (`duplicate-id`), resolves every reference
//! (`unknown-reference`), every deadline and date (`invalid-date`, `ambiguous-deadline`, `empty-range`), inherits
//! units, windows and owners down nested targets, and types expressions (see [`super::expr`]).
//!
//! What it cannot resolve it reports once and leaves out of the model, so later checks and the evaluator never
//! see a dangling index.

use crate::hash::FxHashSet;

use rust_decimal::Decimal;

use super::expr::Typer;
use crate::ast::{self, Attr, Item};
use crate::deadline::{DateLit, Deadline, DeadlineError, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::fuzzy;
use crate::limits::MAX_YEAR_SPAN;
use crate::model::*;
use crate::source::{Span, Spanned};
use crate::text;
use crate::workspace::{Unit, Workspace};

/// What kind of item a reference must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Wanted {
    Owner,
    Document,
    Task,
    /// A target or measure (a value).
    Target,
}

impl Wanted {
    fn accepts(self, item: ItemRef) -> bool {
        matches!(
            (self, item),
            (Wanted::Owner, ItemRef::Owner(_))
                | (Wanted::Document, ItemRef::Document(_))
                | (Wanted::Task, ItemRef::Task(_))
                | (Wanted::Target, ItemRef::Target(_))
        )
    }

    pub(super) fn noun(self) -> Text {
        match self {
            Wanted::Owner => text!("an owner", "một cơ quan"),
            Wanted::Document => text!("a document", "một văn bản"),
            Wanted::Task => text!("a task", "một nhiệm vụ"),
            Wanted::Target => text!("a target or measure", "một chỉ tiêu hoặc số liệu"),
        }
    }
}

/// An index that a reference resolves to: the kind of item it must name, and the index out of a found item.
pub(super) trait Referred: Ix {
    const WANTED: Wanted;
    fn of(item: ItemRef) -> Option<Self>;
}

macro_rules! referred {
    ($($ix:ident: $wanted:ident,)+) => {$(
        impl Referred for $ix {
            const WANTED: Wanted = Wanted::$wanted;
            fn of(item: ItemRef) -> Option<$ix> {
                match item {
                    ItemRef::$wanted(i) => Some(i),
                    _ => None,
                }
            }
        }
    )+};
}

referred! {
    OwnerIx: Owner,
    DocumentIx: Document,
    TaskIx: Task,
    TargetIx: Target,
}

/// Resolves one unit. Diagnostics go to `out`.
pub fn resolve(workspace: &Workspace, unit: &Unit, out: &mut Sink) -> Model {
    let mut r = Resolver {
        model: Model {
            root: unit.root,
            ..Model::default()
        },
        out,
        unparsed: Unread::default(),
        plan_year: None,
        has_plan: false,
    };
    let files: Vec<&ast::File> = unit
        .files
        .iter()
        .filter_map(|&f| workspace.file(f))
        .map(|f| &f.ast)
        .collect();
    for file in &files {
        r.unparsed.ids.extend(file.unparsed_ids.iter().cloned());
    }
    r.unparsed.missing_use = workspace
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UseNotFound && unit.files.contains(&d.span.file));

    // Pass 1: the plan header, then every id, so that references may point forward and across files.
    let mut plan: Option<&ast::Plan> = None;
    for file in &files {
        for item in &file.items {
            if let Item::Plan(p) = item {
                match plan {
                    None => plan = Some(p),
                    Some(first) => r.second_plan(first, p),
                }
            }
        }
    }
    r.has_plan = plan.is_some();
    let period = plan
        .and_then(|p| p.period.as_ref())
        .and_then(|a| r.year_span(&a.value));
    r.plan_year = period.and_then(Period::single_year);
    let mut decls = Declarations::default();
    for file in &files {
        decls.collect(&file.items, None, &mut r);
    }

    // Pass 2: build the items, resolving references.
    if let Some(p) = plan {
        r.model.plan = Some(r.plan_info(p, period));
    }
    r.model.documents.reserve_exact(decls.documents.len());
    for (doc, _) in &decls.documents {
        let info = r.document(doc);
        r.model.documents.push(info);
    }
    // Sized exactly: the model lives as long as the run, and pushing one by one leaves up to half unused.
    r.model.owners.reserve_exact(decls.owners.len());
    r.model.targets.reserve_exact(decls.targets.len());
    r.model.tasks.reserve_exact(decls.tasks.len());
    r.model.reports.reserve_exact(decls.reports.len());
    for owner in &decls.owners {
        let info = r.owner(owner);
        r.model.owners.push(info);
    }
    r.model.sections = decls
        .sections
        .iter()
        .map(|s| SectionInfo {
            implements: r.refs_attr(s.implements.as_ref()),
            ..s.info.clone()
        })
        .collect();
    for (t, ctx) in &decls.targets {
        let info = r.target(t, ctx, period);
        r.model.targets.push(info);
    }
    r.link_target_parts(&decls);
    for (t, section) in &decls.tasks {
        let info = r.task(t, *section, period);
        r.model.tasks.push(info);
    }
    for (rep, section) in &decls.reports {
        let info = r.report(rep, *section);
        r.model.reports.push(info);
    }

    // Pass 3: expressions, which need every target's unit.
    let mut typer = Typer::new(&r.model, &r.unparsed);
    let mut values = Vec::new();
    for (i, (t, _)) in decls.targets.enumerate() {
        if let Some(v) = &t.value {
            values.push((i, typer.value(&v.value, r.out)));
        }
    }
    let conditions: Vec<Option<Expr>> = decls
        .rules
        .iter()
        .map(|(rule, _)| {
            rule.condition
                .as_ref()
                .and_then(|c| typer.condition(&c.value.expr, r.out))
        })
        .collect();
    let rules: Items<RuleIx, RuleInfo> = decls
        .rules
        .iter()
        .zip(conditions)
        .map(|((rule, section), expr)| r.rule(rule, *section, expr))
        .collect();
    for (i, expr) in values {
        if let Some(t) = r.model.targets.get_mut(i) {
            t.value = expr;
        }
    }
    r.model.rules = rules;
    super::derive::order(&mut r.model, r.out);
    r.model
}

/// What a target takes from its parent (its own `lead`s already in place of the parent's): copied out rather
/// than cloning the whole parent.
struct Inherited {
    window: Option<Option<Window>>,
    unit: Option<String>,
    lead: Vec<OwnerIx>,
    support: Vec<OwnerIx>,
    monitor: Vec<OwnerIx>,
}

/// A target's place: its section and, for a part, its parent and how it hangs there.
#[derive(Clone, Copy, Debug)]
struct TargetCtx {
    section: Option<SectionIx>,
    parent: Option<TargetIx>,
    is_share: bool,
}

struct SectionDecl<'a> {
    info: SectionInfo,
    implements: &'a Option<Attr<Vec<ast::Ident>>>,
}

/// Every declaration of a unit, flattened in source order, with where it sits.
#[derive(Default)]
struct Declarations<'a> {
    documents: Items<DocumentIx, (&'a ast::Document, ())>,
    owners: Items<OwnerIx, OwnerDecl<'a>>,
    sections: Items<SectionIx, SectionDecl<'a>>,
    targets: Items<TargetIx, (&'a ast::Target, TargetCtx)>,
    tasks: Items<TaskIx, (&'a ast::Task, Option<SectionIx>)>,
    reports: Items<ReportIx, (&'a ast::ReportDecl, Option<SectionIx>)>,
    rules: Items<RuleIx, (&'a ast::Rule, Option<SectionIx>)>,
}

enum OwnerDecl<'a> {
    Owner(&'a ast::Owner),
    Group(&'a ast::Group),
}

impl<'a> Declarations<'a> {
    /// Where a declaration collected so far names itself.
    fn span_of(&self, item: ItemRef) -> Option<Span> {
        match item {
            ItemRef::Document(i) => self.documents.get(i).map(|(d, ())| d.id.span),
            ItemRef::Owner(i) => self.owners.get(i).map(|o| match o {
                OwnerDecl::Owner(o) => o.id.span,
                OwnerDecl::Group(g) => g.id.span,
            }),
            ItemRef::Target(i) => self.targets.get(i).map(|(t, _)| t.id.span),
            ItemRef::Task(i) => self.tasks.get(i).map(|(t, _)| t.id.span),
            ItemRef::Report(i) => self.reports.get(i).map(|(r, _)| r.id.span),
            ItemRef::Rule(i) => self.rules.get(i).map(|(r, _)| r.id.span),
        }
    }

    fn collect(&mut self, items: &'a [Item], section: Option<SectionIx>, r: &mut Resolver<'_>) {
        for item in items {
            match item {
                Item::Plan(_) | Item::Use(_) => {}
                Item::Document(d) => {
                    r.declare(&d.id, ItemRef::Document(self.documents.next_ix()), self);
                    self.documents.push((d, ()));
                }
                Item::Owner(o) => {
                    r.declare(&o.id, ItemRef::Owner(self.owners.next_ix()), self);
                    self.owners.push(OwnerDecl::Owner(o));
                }
                Item::Group(g) => {
                    r.declare(&g.id, ItemRef::Owner(self.owners.next_ix()), self);
                    self.owners.push(OwnerDecl::Group(g));
                }
                Item::Section(s) => {
                    let ix = self.sections.push(SectionDecl {
                        info: SectionInfo {
                            number: s.number.as_ref().map(|n| n.value.clone()),
                            title: s.title.value.clone(),
                            parent: section,
                            implements: Vec::new(),
                            notes: notes(&s.notes),
                            span: s.title.span,
                        },
                        implements: &s.implements,
                    });
                    self.collect(&s.items, Some(ix), r);
                }
                Item::Target(t) => self.target(
                    t,
                    TargetCtx {
                        section,
                        parent: None,
                        is_share: false,
                    },
                    r,
                ),
                Item::Task(t) => {
                    r.declare(&t.id, ItemRef::Task(self.tasks.next_ix()), self);
                    self.tasks.push((t, section));
                }
                Item::Report(rep) => {
                    r.declare(&rep.id, ItemRef::Report(self.reports.next_ix()), self);
                    self.reports.push((rep, section));
                }
                Item::Rule(rule) => {
                    r.declare(&rule.id, ItemRef::Rule(self.rules.next_ix()), self);
                    self.rules.push((rule, section));
                }
            }
        }
    }

    /// A target and, depth-first, its parts and shares (parents before parts). The nesting is bounded by the
    /// parser's nesting limit.
    fn target(&mut self, t: &'a ast::Target, ctx: TargetCtx, r: &mut Resolver<'_>) {
        let ix = self.targets.next_ix();
        r.declare(&t.id, ItemRef::Target(ix), self);
        self.targets.push((t, ctx));
        let child = |is_share| TargetCtx {
            section: ctx.section,
            parent: Some(ix),
            is_share,
        };
        for part in &t.parts {
            self.target(part, child(false), r);
        }
        if let Some(shares) = &t.shares {
            for part in &shares.parts {
                self.target(part, child(true), r);
            }
        }
    }
}

pub(super) struct Resolver<'o> {
    pub model: Model,
    pub out: &'o mut Sink,
    /// Ids declared in text that did not parse: references to them are not reported.
    unparsed: Unread,
    /// The year of a one-year plan.
    plan_year: Option<i32>,
    has_plan: bool,
}

impl Resolver<'_> {
    /// Declares an id, or reports it as a duplicate at the first declaration (found in `decls`, which holds every
    /// declaration made so far: no second map of names is kept).
    fn declare(&mut self, id: &ast::Ident, item: ItemRef, decls: &Declarations<'_>) {
        if let Some(&earlier) = self.model.ids.get(&id.value) {
            let name = &id.value;
            let first = decls.span_of(earlier).unwrap_or(id.span);
            let what = earlier.noun();
            self.out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    id.span,
                    text!("duplicate id `{name}`", "trùng mã `{name}`"),
                )
                .with_label(text!("declared again here", "khai báo lại ở đây"))
                .with_other(
                    first,
                    Text::new(
                        format!("`{name}` is first declared here, as {}", what.en),
                        format!("`{name}` đã được khai báo ở đây, là {}", what.vi),
                    ),
                )
                .with_help(text!(
                    "ids name one thing in a plan and the files it uses: rename one of them, e.g. `{name}_2`",
                    "mỗi mã chỉ đặt cho một khai báo trong kế hoạch và các tệp nó dùng: hãy đổi tên một trong hai, ví dụ `{name}_2`"
                )),
            );
            return;
        }
        self.model.ids.insert(id.value.clone(), item);
    }

    fn second_plan(&mut self, first: &ast::Plan, second: &ast::Plan) {
        self.out.push(
            Diagnostic::new(
                Code::DuplicateId,
                second.keyword,
                text!("a second `plan` header in one plan", "có hai phần đầu `plan` trong một kế hoạch"),
            )
            .with_other(first.keyword, text!("the plan's header is here", "phần đầu của kế hoạch ở đây"))
            .with_help(text!(
                "each plan has one `plan {{ … }}` header; a file brought in with `use` should hold only declarations",
                "mỗi kế hoạch chỉ có một phần đầu `plan {{ … }}`; tệp được nạp bằng `use` chỉ nên chứa các khai báo"
            )),
        );
    }

    /// Resolves a list of references to items of one kind; unknown ones are reported and dropped.
    pub(super) fn refs<I: Referred>(&mut self, ids: &[ast::Ident]) -> Vec<I> {
        ids.iter().filter_map(|id| self.reference(id)).collect()
    }

    fn refs_attr<I: Referred>(&mut self, attr: Option<&Attr<Vec<ast::Ident>>>) -> Vec<I> {
        attr.map(|a| self.refs(&a.value)).unwrap_or_default()
    }

    pub(super) fn reference<I: Referred>(&mut self, id: &ast::Ident) -> Option<I> {
        let wanted = I::WANTED;
        // The usual case, a reference to the kind wanted, costs one lookup.
        let item = match self.model.lookup(&id.value) {
            Some(item) if wanted.accepts(item) => item,
            _ => {
                if let Some(d) = reference_problem(&self.model, &self.unparsed, id, wanted) {
                    self.out.extend(d);
                }
                return None;
            }
        };
        I::of(item)
    }

    fn year_span(&mut self, span: &Spanned<ast::YearSpan>) -> Option<Period> {
        let ast::YearSpan { from, to, .. } = span.value;
        if from > to {
            self.out.push(
                Diagnostic::new(
                    Code::EmptyRange,
                    span.span,
                    text!(
                        "empty span: {from} comes after {to}",
                        "khoảng rỗng: {from} sau {to}"
                    ),
                )
                .with_help(text!(
                    "write the earlier year first: `{to}..{from}`",
                    "viết năm sớm hơn trước: `{to}..{from}`"
                )),
            );
            return None;
        }
        let years = i64::from(to) - i64::from(from) + 1;
        if years > MAX_YEAR_SPAN as i64 {
            self.out.push(
                Diagnostic::new(
                    Code::LimitExceeded,
                    span.span,
                    text!(
                        "a span of {years} years: the limit is {MAX_YEAR_SPAN}",
                        "khoảng {years} năm: giới hạn là {MAX_YEAR_SPAN} năm"
                    ),
                )
                .with_help(text!(
                    "plans cover a few years (`2021..2025`, `2021..2030`): write the years this one covers",
                    "kế hoạch thường kéo dài vài năm (`2021..2025`, `2021..2030`): hãy ghi đúng các năm của kế hoạch này"
                )),
            );
            return None;
        }
        Some(Period { from, to })
    }

    fn date(&mut self, date: &Spanned<DateLit>) -> Option<chrono::NaiveDate> {
        let d = date.value.to_date();
        if d.is_none() {
            self.invalid_date(date.span, &date.value.to_string());
        }
        d
    }

    fn invalid_date(&mut self, span: Span, written: &str) {
        self.out.push(
            Diagnostic::new(
                Code::InvalidDate,
                span,
                text!("`{written}` is not a real date or period", "`{written}` không phải là ngày hoặc kỳ có thật"),
            )
            .with_help(text!(
                "months run 01–12, quarters Q1–Q4, halves H1–H2, and days must exist in their month",
                "tháng từ 01 đến 12, quý từ Q1 đến Q4, nửa năm H1 hoặc H2, và ngày phải có trong tháng đó"
            )),
        );
    }

    /// A deadline with its year, or a diagnostic.
    pub(super) fn deadline(&mut self, lit: &Spanned<DeadlineLit>) -> Option<Deadline> {
        match lit.value.resolve(self.plan_year) {
            Ok(d) => Some(d),
            Err(DeadlineError::Invalid) => {
                self.invalid_date(lit.span, &lit.value.to_string());
                None
            }
            Err(DeadlineError::NeedsYear) => {
                let written = lit.value.to_string();
                let mut d = Diagnostic::new(
                    Code::AmbiguousDeadline,
                    lit.span,
                    text!("`{written}` has no year", "`{written}` không ghi năm"),
                );
                let period = self.model.plan.as_ref().and_then(|p| p.period_span);
                let help = if let (Some(span), Some(p)) = (period, self.model.period()) {
                    d = d.with_other(
                        span,
                        text!(
                            "the plan covers {}–{}, so the year is not implied",
                            "kế hoạch kéo dài {}–{}, nên không suy ra được năm",
                            p.from,
                            p.to
                        ),
                    );
                    let example = with_year(lit.value, p.from);
                    text!(
                        "write the year, e.g. `{example}`",
                        "hãy ghi năm, ví dụ `{example}`"
                    )
                } else if self.has_plan {
                    text!(
                        "write the year, or give the plan a one-year `period`",
                        "hãy ghi năm, hoặc đặt `period` một năm cho kế hoạch"
                    )
                } else {
                    text!(
                        "write the year: without a `plan` header with a one-year `period`, `{written}` names no year",
                        "hãy ghi năm: không có phần đầu `plan` với `period` một năm thì `{written}` không xác định năm"
                    )
                };
                self.out.push(d.with_help(help));
                None
            }
        }
    }

    fn plan_info(&mut self, p: &ast::Plan, period: Option<Period>) -> PlanInfo {
        let issued = p.issued.as_ref().and_then(|a| self.date(&a.value));
        let implements = self.refs_attr(p.implements.as_ref());
        let approx = p
            .approx
            .as_ref()
            .map_or(Decimal::new(5, 2), |a| a.value.value / Decimal::ONE_HUNDRED);
        PlanInfo {
            number: p.number.value.clone(),
            title: p.title.as_ref().map(|a| a.value.value.clone()),
            issuer: p.issuer.as_ref().map(|a| a.value.value.clone()),
            issued,
            signer: p.signer.as_ref().map(|a| a.value.value.clone()),
            period,
            implements,
            approx,
            notes: notes(&p.notes),
            span: p.number.span,
            issued_span: p.issued.as_ref().map(|a| a.value.span),
            period_span: p.period.as_ref().map(|a| a.value.span),
        }
    }

    fn document(&mut self, d: &ast::Document) -> DocumentInfo {
        DocumentInfo {
            id: d.id.value.clone(),
            number: d.number.value.clone(),
            title: d.title.as_ref().map(|a| a.value.value.clone()),
            issuer: d.issuer.as_ref().map(|a| a.value.value.clone()),
            issued: d.issued.as_ref().and_then(|a| self.date(&a.value)),
            implements: self.refs_attr(d.implements.as_ref()),
            notes: notes(&d.notes),
            span: d.id.span,
        }
    }

    fn owner(&mut self, decl: &OwnerDecl<'_>) -> OwnerInfo {
        match decl {
            OwnerDecl::Owner(o) => OwnerInfo {
                id: o.id.value.clone(),
                kind: OwnerKind::Owner,
                name: o.name.value.clone(),
                aka: akas(&o.aka),
                members: Vec::new(),
                notes: notes(&o.notes),
                span: o.id.span,
            },
            OwnerDecl::Group(g) => OwnerInfo {
                id: g.id.value.clone(),
                kind: OwnerKind::Group,
                name: g.name.value.clone(),
                aka: akas(&g.aka),
                members: self.refs_attr(g.members.as_ref()),
                notes: notes(&g.notes),
                span: g.id.span,
            },
        }
    }

    fn target(&mut self, t: &ast::Target, ctx: &TargetCtx, period: Option<Period>) -> TargetInfo {
        // Parents come before their parts, so what a part inherits is already resolved.
        let lead: Vec<OwnerIx> = self.refs_attr(t.lead.as_ref());
        let support: Vec<OwnerIx> = self.refs_attr(t.support.as_ref());
        let monitor: Vec<OwnerIx> = self.refs_attr(t.monitor.as_deref());
        let parent = ctx.parent.and_then(|p| self.model.targets.get(p));
        let inherit = |own: Vec<OwnerIx>, from: Option<&Vec<OwnerIx>>| {
            if own.is_empty() {
                from.cloned().unwrap_or_default()
            } else {
                own
            }
        };
        let inherited = Inherited {
            window: parent.map(|p| p.window),
            unit: parent
                .filter(|_| t.unit.is_none())
                .and_then(|p| p.unit.clone()),
            lead: inherit(lead, parent.map(|p| &p.lead)),
            support: inherit(support, parent.map(|p| &p.support)),
            monitor: inherit(monitor, parent.map(|p| &p.monitor)),
        };
        let goal = t.goal.as_ref().and_then(|g| self.goal(&g.value));
        let aim = t.aim.as_ref().and_then(|g| self.goal(&g.value));
        let window = match &t.window {
            Some(w) => self.window(&w.value, period),
            None => match inherited.window {
                Some(w) => w,
                None => period.map(|p| Window::By(Deadline::Year(p.to))),
            },
        };
        let baseline = t.baseline.as_ref().and_then(|b| {
            let period = self.deadline(&b.value.period)?;
            Some((b.value.value.value, period))
        });
        TargetInfo {
            id: t.id.value.clone(),
            title: t.title.value.clone(),
            kind: t.kind,
            section: ctx.section,
            parent: ctx.parent,
            parts: Vec::new(),
            shares: None,
            is_share: ctx.is_share,
            unit: t
                .unit
                .as_ref()
                .map(|u| u.value.value.clone())
                .or(inherited.unit),
            goal,
            aim,
            window,
            lead: inherited.lead,
            support: inherited.support,
            monitor: inherited.monitor,
            baseline,
            value: None,
            implements: self.refs_attr(t.implements.as_deref()),
            notes: notes(&t.notes),
            span: t.id.span,
            goal_span: t.goal.as_ref().map(|g| g.value.span),
        }
    }

    fn goal(&mut self, goal: &Spanned<Goal>) -> Option<Goal> {
        if let Goal::Range(lo, hi) = goal.value {
            if lo > hi {
                self.out.push(
                    Diagnostic::new(
                        Code::EmptyRange,
                        goal.span,
                        text!(
                            "empty range: {lo} is more than {hi}",
                            "khoảng rỗng: {lo} lớn hơn {hi}"
                        ),
                    )
                    .with_help(text!(
                        "write the smaller bound first: `{hi}..{lo}`",
                        "viết cận nhỏ trước: `{hi}..{lo}`"
                    )),
                );
                return None;
            }
        }
        Some(goal.value.clone())
    }

    fn window(&mut self, w: &ast::Window, period: Option<Period>) -> Option<Window> {
        match w {
            ast::Window::By(d) => self.deadline(d).map(Window::By),
            ast::Window::Yearly => period.map(|p| Window::Yearly {
                from: p.from,
                to: p.to,
            }),
            ast::Window::Average(Some(span)) => self.year_span(span).map(|p| Window::Average {
                from: p.from,
                to: p.to,
            }),
            ast::Window::Average(None) => period.map(|p| Window::Average {
                from: p.from,
                to: p.to,
            }),
        }
    }

    fn link_target_parts(&mut self, decls: &Declarations<'_>) {
        for (i, (t, ctx)) in decls.targets.enumerate() {
            if let Some(parent) = ctx.parent.and_then(|p| self.model.targets.get_mut(p)) {
                if ctx.is_share {
                    let total = ctx
                        .parent
                        .and_then(|p| decls.targets.get(p))
                        .and_then(|(p, _)| p.shares.as_ref())
                        .map_or(Decimal::ZERO, |s| s.total.value);
                    parent
                        .shares
                        .get_or_insert_with(|| (total, Vec::new()))
                        .1
                        .push(i);
                } else {
                    parent.parts.push(i);
                }
            }
            let _ = t;
        }
        // A `shares` block with no parts still states its total.
        for (i, (t, _)) in decls.targets.enumerate() {
            if let (Some(s), Some(info)) = (&t.shares, self.model.targets.get_mut(i)) {
                info.shares
                    .get_or_insert_with(|| (s.total.value, Vec::new()));
            }
        }
    }

    fn task(
        &mut self,
        t: &ast::Task,
        section: Option<SectionIx>,
        period: Option<Period>,
    ) -> TaskInfo {
        let schedule = match super::duties::schedule_of(t, self.out) {
            super::duties::Written::Once => TaskSchedule::Once {
                due: match &t.due {
                    Some(d) => self.deadline(&d.value),
                    None => period.map(|p| Deadline::Year(p.to)),
                },
                written: t.due.is_some(),
            },
            super::duties::Written::Ongoing => TaskSchedule::Ongoing,
            super::duties::Written::Every(every) => match self.schedule(&every.value) {
                Some(s) => TaskSchedule::Every(s),
                // A due day that names no day is reported; the task keeps no schedule it cannot keep.
                None => TaskSchedule::Once {
                    due: None,
                    written: false,
                },
            },
        };
        TaskInfo {
            id: t.id.value.clone(),
            title: t.title.value.clone(),
            section,
            lead: self.refs_attr(t.lead.as_ref()),
            support: self.refs_attr(t.support.as_ref()),
            monitor: self.refs_attr(t.monitor.as_deref()),
            schedule,
            for_: self.refs_attr(t.for_.as_deref()),
            implements: self.refs_attr(t.implements.as_deref()),
            output: t.output.as_ref().map(|o| o.value.value),
            after: self.refs_attr(t.after.as_ref()),
            notes: notes(&t.notes),
            span: t.id.span,
            due_span: t
                .due
                .as_ref()
                .filter(|_| schedule.due().is_some())
                .map(|d| d.value.span),
        }
    }

    fn report(&mut self, rep: &ast::ReportDecl, section: Option<SectionIx>) -> ReportInfo {
        let every = rep.every.as_ref().and_then(|e| self.schedule(&e.value));
        ReportInfo {
            id: rep.id.value.clone(),
            title: rep.title.value.clone(),
            section,
            from: self.refs_attr(rep.from.as_ref()),
            to: self.refs_attr(rep.to.as_ref()),
            every,
            notes: notes(&rep.notes),
            span: rep.id.span,
        }
    }

    fn schedule(&mut self, r: &ast::Recurrence) -> Option<Schedule> {
        let frequency = r.frequency.value;
        match r.by.value {
            DueDay::DayOfLastMonth(day) if !(1..=31).contains(&day) => {
                self.out.push(
                    Diagnostic::new(
                        Code::InvalidDate,
                        r.by.span,
                        text!(
                            "there is no day {day} in a month",
                            "không có ngày {day} trong tháng"
                        ),
                    )
                    .with_help(text!(
                        "write a day from 1 to 31",
                        "hãy viết ngày từ 1 đến 31"
                    )),
                );
                None
            }
            DueDay::MonthDay { month, day } => {
                // 29 February is allowed: in other years it falls on the 28th.
                let exists = chrono::NaiveDate::from_ymd_opt(2024, month, day).is_some();
                if !exists {
                    self.invalid_date(r.by.span, &format!("{month:02}-{day:02}"));
                    return None;
                }
                if frequency != Frequency::Year {
                    let f = frequency.as_str();
                    self.out.push(
                        Diagnostic::new(
                            Code::InvalidDate,
                            r.by.span,
                            text!(
                                "a month and day fixes one date a year, not one every {f}",
                                "tháng-ngày chỉ xác định một ngày mỗi năm, không phải mỗi {f}"
                            ),
                        )
                        .with_help(text!(
                            "write `every {f} by day N` (day N of the last month of each {f}), or `every year by {month:02}-{day:02}`",
                            "viết `every {f} by day N` (ngày N của tháng cuối mỗi kỳ), hoặc `every year by {month:02}-{day:02}`"
                        )),
                    );
                    return None;
                }
                Some(Schedule {
                    frequency,
                    by: r.by.value,
                })
            }
            DueDay::EndOf(part) => {
                if part.last_month().is_none() {
                    self.invalid_date(r.by.span, &part.to_string());
                    return None;
                }
                if frequency != Frequency::Year {
                    let f = frequency.as_str();
                    self.out.push(
                        Diagnostic::new(
                            Code::InvalidDate,
                            r.by.span,
                            text!(
                                "`{part}` names a part of every year, not of every {f}",
                                "`{part}` chỉ một phần của mỗi năm, không phải của mỗi {f}"
                            ),
                        )
                        .with_help(text!(
                            "write `every year by {part}`, or `every {f} by day N` (day N of the last month of each {f})",
                            "viết `every year by {part}`, hoặc `every {f} by day N` (ngày N của tháng cuối mỗi kỳ)"
                        )),
                    );
                    return None;
                }
                Some(Schedule {
                    frequency,
                    by: r.by.value,
                })
            }
            by => Some(Schedule { frequency, by }),
        }
    }

    fn rule(
        &mut self,
        rule: &ast::Rule,
        section: Option<SectionIx>,
        expr: Option<Expr>,
    ) -> RuleInfo {
        RuleInfo {
            id: rule.id.value.clone(),
            title: rule.title.value.clone(),
            section,
            kind: rule
                .condition
                .as_ref()
                .map_or(ConditionKind::Require, |c| c.value.kind),
            expr,
            severity: rule
                .severity
                .as_ref()
                .map_or(RuleSeverity::Error, |s| s.value.value),
            notes: notes(&rule.notes),
            span: rule.id.span,
        }
    }
}

/// What a unit could not read: the ids declared in statements that did not parse, and whether a `use`d file was
/// not found (then any id may have been declared there, and none is reported as unknown).
#[derive(Debug, Default)]
pub(super) struct Unread {
    pub ids: FxHashSet<String>,
    pub missing_use: bool,
}

impl Unread {
    fn may_declare(&self, id: &str) -> bool {
        self.missing_use || self.ids.contains(id)
    }
}

/// Why `id` does not name an item of the wanted kind, if it does not; nothing for ids lost to a syntax error.
pub(super) fn reference_problem(
    model: &Model,
    unparsed: &Unread,
    id: &ast::Ident,
    wanted: Wanted,
) -> Option<Vec<Diagnostic>> {
    let name = &id.value;
    match model.lookup(name) {
        Some(item) if wanted.accepts(item) => None,
        Some(item) => {
            let (is, want) = (item.noun(), wanted.noun());
            Some(vec![
                Diagnostic::new(
                    Code::UnknownReference,
                    id.span,
                    Text::new(
                        format!("`{name}` is {}, not {}", is.en, want.en),
                        format!("`{name}` là {}, không phải {}", is.vi, want.vi),
                    ),
                )
                .with_suggestion(id.span, suggest(model, name, wanted), || {
                    Text::new(
                        format!("name {} here", want.en),
                        format!("hãy ghi {} ở đây", want.vi),
                    )
                }),
            ])
        }
        None if unparsed.may_declare(name) => Some(Vec::new()),
        None => {
            let want = wanted.noun();
            let mut d = Diagnostic::new(
                Code::UnknownReference,
                id.span,
                Text::new(
                    format!(
                        "unknown id `{name}`: it names no {}",
                        strip_article(&want.en)
                    ),
                    format!(
                        "không có mã `{name}`: không trỏ tới {} nào",
                        strip_article_vi(&want.vi)
                    ),
                ),
            );
            d = d.with_suggestion(id.span, suggest(model, name, wanted), || {
                Text::new(
                    format!("declare it, e.g. `{}`", example_declaration(wanted, name)),
                    format!(
                        "hãy khai báo, ví dụ `{}`",
                        example_declaration(wanted, name)
                    ),
                )
            });
            Some(vec![d])
        }
    }
}

fn strip_article(s: &str) -> &str {
    s.strip_prefix("an ")
        .or_else(|| s.strip_prefix("a "))
        .unwrap_or(s)
}

fn strip_article_vi(s: &str) -> &str {
    s.strip_prefix("một ").unwrap_or(s)
}

fn example_declaration(wanted: Wanted, name: &str) -> String {
    match wanted {
        Wanted::Owner => format!("owner {name} \"Tên cơ quan\""),
        Wanted::Document => format!("document {name} \"Số văn bản\""),
        Wanted::Task => format!("task {name} \"Tên nhiệm vụ\" {{ … }}"),
        Wanted::Target => format!("measure {name} \"Tên số liệu\""),
    }
}

/// The id a misspelt reference most likely means, and the help that says so.
struct Suggestion {
    id: String,
    help: Text,
}

trait WithSuggestion {
    /// The suggestion's help and its fix (write the id over the reference), or else the `otherwise` help.
    fn with_suggestion(
        self,
        at: Span,
        suggestion: Option<Suggestion>,
        otherwise: impl FnOnce() -> Text,
    ) -> Diagnostic;
}

impl WithSuggestion for Diagnostic {
    fn with_suggestion(
        self,
        at: Span,
        suggestion: Option<Suggestion>,
        otherwise: impl FnOnce() -> Text,
    ) -> Diagnostic {
        match suggestion {
            Some(Suggestion { id, help }) => {
                let title = text!("write `{id}`", "viết `{id}`");
                self.with_help(help).with_fix(at, id, title)
            }
            None => self.with_help(otherwise()),
        }
    }
}

/// "did you mean `so_khdt`?": the closest id of the wanted kind, matching owners' names and aliases too.
fn suggest(model: &Model, name: &str, wanted: Wanted) -> Option<Suggestion> {
    if wanted == Wanted::Owner {
        let (ix, by_name) = closest_owner(model, name)?;
        let id = &model.owners.get(ix)?.id;
        let help = match by_name {
            None => text!("did you mean `{id}`?", "có phải ý bạn là `{id}`?"),
            Some(shown) => text!("`{shown}` is owner `{id}`", "`{shown}` là cơ quan `{id}`"),
        };
        return Some(Suggestion {
            id: id.clone(),
            help,
        });
    }
    let candidates = model
        .ids
        .iter()
        .filter(|(_, item)| wanted.accepts(**item))
        .map(|(id, _)| id.as_str());
    let best = fuzzy::best_match(name, candidates)?;
    Some(Suggestion {
        id: best.to_string(),
        help: text!("did you mean `{best}`?", "có phải ý bạn là `{best}`?"),
    })
}

/// The owner an unknown owner id most likely means: the closest owner id, or else the owner one of whose names
/// or `aka`s the id spells (`so_kh_dt` for "Sở KH&ĐT"), with that name.
pub(super) fn closest_owner<'m>(
    model: &'m Model,
    name: &str,
) -> Option<(OwnerIx, Option<&'m str>)> {
    let ids = model.owners.iter().map(|o| o.id.as_str());
    if let Some(best) = fuzzy::best_match(name, ids) {
        let ix = model.owners.position(|o| o.id == best)?;
        return Some((ix, None));
    }
    let spelt: Vec<(OwnerIx, &str, String)> = model
        .owners
        .enumerate()
        .flat_map(|(ix, o)| {
            std::iter::once(&o.name)
                .chain(&o.aka)
                .map(move |n| (ix, n.as_str(), fuzzy::ascii_id(n)))
        })
        .collect();
    if let Some((ix, shown, _)) = spelt.iter().find(|(_, _, id)| id == name) {
        return Some((*ix, Some(shown)));
    }
    let best = fuzzy::best_match(name, spelt.iter().map(|(_, _, id)| id.as_str()))?;
    let (ix, shown, _) = spelt.iter().find(|(_, _, id)| id == best)?;
    Some((*ix, Some(shown)))
}

fn notes(notes: &[Attr<ast::Str>]) -> Vec<String> {
    notes.iter().map(|n| n.value.value.clone()).collect()
}

fn akas(aka: &Option<Attr<Vec<ast::Str>>>) -> Vec<String> {
    aka.as_ref()
        .map(|a| a.value.iter().map(|s| s.value.clone()).collect())
        .unwrap_or_default()
}

/// A year-less deadline with a year: `Q2` → `2021-Q2`.
fn with_year(lit: DeadlineLit, year: i32) -> DeadlineLit {
    match lit {
        DeadlineLit::Month { month, .. } => DeadlineLit::Month {
            year: Some(year),
            month,
        },
        DeadlineLit::Quarter { quarter, .. } => DeadlineLit::Quarter {
            year: Some(year),
            quarter,
        },
        DeadlineLit::Half { half, .. } => DeadlineLit::Half {
            year: Some(year),
            half,
        },
        other => other,
    }
}
