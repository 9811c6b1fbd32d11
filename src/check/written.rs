//! What a unit's files say, as written: the AST declarations indexed like the [`Model`]'s items, so that a check
//! reading the model can underline the exact text (an `after` reference, an `aka`, a `by` deadline), which the
//! model's spans (on ids) do not reach.
//!
//! Resolution collects declarations in one fixed order (files root first, items in source order, sections
//! entered in place, a target's parts then its shares); [`Written::new`] walks the same order. Every accessor
//! checks that the declaration it returns is the one at that index (same id span), so a difference in order could
//! only make a check quieter, never point at the wrong text.

use std::fmt::Write;

use crate::ast::{self, Item};
use crate::diagnostics::Code;
use crate::model::{Items, Model, OwnerIx, TargetIx, TaskIx};
use crate::source::Span;
use crate::workspace::{Unit, Workspace};

/// An `owner` or a `group`, as written.
#[derive(Clone, Copy, Debug)]
pub(super) enum OwnerDecl<'a> {
    Owner(&'a ast::Owner),
    Group(&'a ast::Group),
}

impl<'a> OwnerDecl<'a> {
    pub fn id(self) -> &'a ast::Ident {
        match self {
            OwnerDecl::Owner(o) => &o.id,
            OwnerDecl::Group(g) => &g.id,
        }
    }

    pub fn name(self) -> &'a ast::Str {
        match self {
            OwnerDecl::Owner(o) => &o.name,
            OwnerDecl::Group(g) => &g.name,
        }
    }

    pub fn aka(self) -> &'a [ast::Str] {
        let aka = match self {
            OwnerDecl::Owner(o) => &o.aka,
            OwnerDecl::Group(g) => &g.aka,
        };
        aka.as_ref().map_or(&[][..], |a| a.value.as_slice())
    }
}

/// The declarations of one unit, as written, indexed like the model.
#[derive(Default)]
pub(super) struct Written<'a> {
    pub plan: Option<&'a ast::Plan>,
    pub documents: Vec<&'a ast::Document>,
    owners: Items<OwnerIx, OwnerDecl<'a>>,
    targets: Items<TargetIx, &'a ast::Target>,
    tasks: Items<TaskIx, &'a ast::Task>,
    /// Every reference to an owner (`lead`, `support`, `monitor`, `for`, `from`, `to`, `members`).
    pub owner_refs: Vec<&'a ast::Ident>,
    /// Every number literal outside expressions (goals, aims, baselines, totals) and inside them.
    pub numbers: Vec<NumberLit>,
    /// Where the unit's files did not parse: checks skip declarations that overlap these.
    broken: Vec<Span>,
}

/// A number as written, and where.
#[derive(Clone, Copy, Debug)]
pub(super) struct NumberLit {
    pub value: rust_decimal::Decimal,
    /// The literal itself.
    pub span: Span,
}

impl<'a> Written<'a> {
    pub fn new(workspace: &'a Workspace, unit: &Unit) -> Written<'a> {
        let mut w = Written::default();
        for file in unit.files.iter().filter_map(|&f| workspace.file(f)) {
            w.items(&file.ast.items);
        }
        w.broken = workspace
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::Syntax || d.code == Code::LimitExceeded)
            .filter(|d| unit.files.contains(&d.span.file))
            .map(|d| d.span)
            .collect();
        // Goals are spanned whole (`>= 28.000`): underline just the number where it can be found.
        let mut shown = String::new();
        for n in &mut w.numbers {
            let text = workspace.sources.slice(n.span);
            shown.clear();
            let _ = write!(shown, "{}", n.value);
            if let Some(at) = text.find(shown.as_str()) {
                let start = n.span.start as usize + at;
                n.span = Span::new(n.span.file, start, start + shown.len());
            }
        }
        w
    }

    fn items(&mut self, items: &'a [Item]) {
        for item in items {
            match item {
                Item::Plan(p) => {
                    self.plan.get_or_insert(p);
                    if let Some(a) = &p.approx {
                        self.number(a.value.value, a.value.span);
                    }
                }
                Item::Document(d) => self.documents.push(d),
                Item::Owner(o) => {
                    self.owners.push(OwnerDecl::Owner(o));
                }
                Item::Group(g) => {
                    self.owners.push(OwnerDecl::Group(g));
                    self.refs(g.members.as_ref());
                }
                Item::Section(s) => self.items(&s.items),
                Item::Target(t) => self.add_target(t),
                Item::Task(t) => {
                    self.tasks.push(t);
                    for list in [
                        t.lead.as_ref(),
                        t.support.as_ref(),
                        t.monitor.as_deref(),
                        t.for_.as_deref(),
                    ] {
                        self.refs(list);
                    }
                }
                Item::Report(r) => {
                    self.refs(r.from.as_ref());
                    self.refs(r.to.as_ref());
                }
                Item::Rule(r) => {
                    if let Some(c) = &r.condition {
                        self.expr_numbers(&c.value.expr);
                    }
                }
                Item::Use(_) => {}
            }
        }
    }

    /// Depth-first, parts before shares, bounded by the parser's nesting limit.
    fn add_target(&mut self, t: &'a ast::Target) {
        self.targets.push(t);
        for list in [t.lead.as_ref(), t.support.as_ref(), t.monitor.as_deref()] {
            self.refs(list);
        }
        for goal in [t.goal.as_ref(), t.aim.as_deref()].into_iter().flatten() {
            self.goal_numbers(&goal.value);
        }
        if let Some(b) = &t.baseline {
            self.number(b.value.value.value, b.value.value.span);
        }
        if let Some(v) = &t.value {
            self.expr_numbers(&v.value);
        }
        for part in &t.parts {
            self.add_target(part);
        }
        if let Some(shares) = &t.shares {
            self.number(shares.total.value, shares.total.span);
            for part in &shares.parts {
                self.add_target(part);
            }
        }
    }

    fn refs(&mut self, list: Option<&'a ast::Attr<Vec<ast::Ident>>>) {
        if let Some(a) = list {
            self.owner_refs.extend(&a.value);
        }
    }

    fn goal_numbers(&mut self, goal: &crate::source::Spanned<ast::Goal>) {
        match goal.value {
            ast::Goal::Exact(x)
            | ast::Goal::AtLeast(x)
            | ast::Goal::Above(x)
            | ast::Goal::AtMost(x)
            | ast::Goal::Below(x)
            | ast::Goal::Approx(x) => self.number(x, goal.span),
            ast::Goal::Range(a, b) => {
                self.number(a, goal.span);
                self.number(b, goal.span);
            }
            ast::Goal::Text(_) => {}
        }
    }

    fn expr_numbers(&mut self, expr: &ast::Expr) {
        let mut found = Vec::new();
        expr.walk(&mut |e| {
            if let ast::ExprKind::Number(x) = e.kind {
                found.push(NumberLit {
                    value: x,
                    span: e.span,
                });
            }
        });
        self.numbers.extend(found);
    }

    fn number(&mut self, value: rust_decimal::Decimal, span: Span) {
        self.numbers.push(NumberLit { value, span });
    }

    pub fn task(&self, model: &Model, ix: TaskIx) -> Option<&'a ast::Task> {
        let written = *self.tasks.get(ix)?;
        (model.tasks.get(ix)?.span == written.id.span).then_some(written)
    }

    pub fn target(&self, model: &Model, ix: TargetIx) -> Option<&'a ast::Target> {
        let written = *self.targets.get(ix)?;
        (model.targets.get(ix)?.span == written.id.span).then_some(written)
    }

    pub fn owner(&self, model: &Model, ix: OwnerIx) -> Option<OwnerDecl<'a>> {
        let written = *self.owners.get(ix)?;
        (model.owners.get(ix)?.span == written.id().span).then_some(written)
    }

    /// Whether text that did not parse lies inside `span`: a declaration that lost a statement may only seem to
    /// lack what the lost statement said.
    pub(crate) fn is_broken(&self, span: Span) -> bool {
        self.broken
            .iter()
            .any(|b| b.file == span.file && span.start <= b.start && b.start <= span.end)
    }
}
