//! Printing: each AST statement to its canonical text, in the order it was written, as a tree of [`Node`]s.
//!
//! The AST keeps attributes in typed fields; their spans say where they stood, so each block's statements are
//! sorted back into source order here. What a value looks like is decided here (`2021-7` → `2021-07`, strings
//! re-escaped, decimals with their written scale); where lines go is [`super::layout`]'s business.

use rust_decimal::Decimal;

use crate::ast::*;
use crate::deadline::DeadlineLit;
use crate::source::{Span, Spanned};

/// One statement of the output, before layout.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node {
    /// A statement on one line: an attribute (`goal >= 9.3`) or a declaration without a block (`use "a.plan"`).
    Line {
        span: Span,
        /// The keyword of an attribute, or the whole statement of a declaration.
        key: String,
        /// The value of an attribute, printed after the aligned keyword; `None` for `yearly` and declarations.
        value: Option<String>,
        attribute: bool,
    },
    /// A declaration with a block: `target a "A" { … }`.
    Block {
        span: Span,
        /// Everything before the `{`.
        head: String,
        /// Byte offset of the `{` in the source.
        open: usize,
        children: Vec<Node>,
        /// The block holds declarations (a section) rather than attributes.
        declarations: bool,
    },
}

impl Node {
    pub(super) fn span(&self) -> Span {
        match self {
            Node::Line { span, .. } | Node::Block { span, .. } => *span,
        }
    }
}

/// Builds the nodes of a file's items.
pub(super) struct Printer<'t> {
    pub text: &'t str,
}

impl Printer<'_> {
    pub(super) fn items(&self, items: &[Item]) -> Vec<Node> {
        items.iter().map(|item| self.item(item)).collect()
    }

    fn item(&self, item: &Item) -> Node {
        match item {
            Item::Plan(p) => self.plan(p),
            Item::Document(d) => self.document(d),
            Item::Use(u) => Node::Line {
                span: u.span,
                key: format!("use {}", string(&u.path.value)),
                value: None,
                attribute: false,
            },
            Item::Owner(o) => self.owner(o),
            Item::Group(g) => self.group(g),
            Item::Section(s) => self.section(s),
            Item::Target(t) => self.target(t),
            Item::Task(t) => self.task(t),
            Item::Report(r) => self.report(r),
            Item::Rule(r) => self.rule(r),
        }
    }

    /// A declaration: a block when it was written with one, else one line.
    fn declaration(
        &self,
        span: Span,
        head: String,
        header_end: Span,
        has_block: bool,
        children: Vec<Node>,
    ) -> Node {
        if !has_block {
            return Node::Line {
                span,
                key: head,
                value: None,
                attribute: false,
            };
        }
        self.block(span, head, header_end, children, false)
    }

    fn block(
        &self,
        span: Span,
        head: String,
        header_end: Span,
        mut children: Vec<Node>,
        declarations: bool,
    ) -> Node {
        crate::sort::sort_by_key(&mut children, |c| c.span().start);
        let from = header_end.end as usize;
        let open = self
            .text
            .get(from..)
            .and_then(|rest| rest.find('{'))
            .map_or(from, |at| from + at);
        Node::Block {
            span,
            head,
            open,
            children,
            declarations,
        }
    }

    fn plan(&self, p: &Plan) -> Node {
        let mut c = Vec::new();
        self.push(&mut c, p.title.as_ref(), "title", |s| string(&s.value));
        self.push(&mut c, p.issuer.as_ref(), "issuer", |s| string(&s.value));
        self.push(&mut c, p.issued.as_ref(), "issued", |d| d.value.to_string());
        self.push(&mut c, p.signer.as_ref(), "signer", |s| string(&s.value));
        self.push(&mut c, p.period.as_ref(), "period", |y| year_span(y.value));
        self.push(&mut c, p.implements.as_ref(), "implements", |ids| {
            idents(ids)
        });
        self.push(&mut c, p.approx.as_ref(), "approx", |n| {
            format!("{}%", self.number(n.value, n.span))
        });
        self.notes(&mut c, &p.notes);
        let head = format!("plan {}", string(&p.number.value));
        self.block(p.span, head, p.number.span, c, false)
    }

    fn document(&self, d: &Document) -> Node {
        let mut c = Vec::new();
        self.push(&mut c, d.title.as_ref(), "title", |s| string(&s.value));
        self.push(&mut c, d.issuer.as_ref(), "issuer", |s| string(&s.value));
        self.push(&mut c, d.issued.as_ref(), "issued", |x| x.value.to_string());
        self.push(&mut c, d.implements.as_ref(), "implements", |ids| {
            idents(ids)
        });
        self.notes(&mut c, &d.notes);
        let head = format!("document {} {}", d.id.value, string(&d.number.value));
        self.declaration(d.span, head, d.number.span, d.has_block, c)
    }

    fn owner(&self, o: &Owner) -> Node {
        let mut c = Vec::new();
        self.push(&mut c, o.aka.as_ref(), "aka", |s| strings(s));
        self.notes(&mut c, &o.notes);
        let head = format!("owner {} {}", o.id.value, string(&o.name.value));
        self.declaration(o.span, head, o.name.span, o.has_block, c)
    }

    fn group(&self, g: &Group) -> Node {
        let mut c = Vec::new();
        self.push(&mut c, g.members.as_ref(), "members", |ids| idents(ids));
        self.push(&mut c, g.aka.as_ref(), "aka", |s| strings(s));
        self.notes(&mut c, &g.notes);
        let head = format!("group {} {}", g.id.value, string(&g.name.value));
        self.declaration(g.span, head, g.name.span, g.has_block, c)
    }

    fn section(&self, s: &Section) -> Node {
        let mut c = self.items(&s.items);
        self.push(&mut c, s.implements.as_ref(), "implements", |ids| {
            idents(ids)
        });
        self.notes(&mut c, &s.notes);
        let head = match &s.number {
            Some(n) => format!("section {} {}", string(&n.value), string(&s.title.value)),
            None => format!("section {}", string(&s.title.value)),
        };
        self.block(s.span, head, s.title.span, c, true)
    }

    fn target(&self, t: &Target) -> Node {
        let mut c = Vec::new();
        self.push(&mut c, t.unit.as_ref(), "unit", |s| string(&s.value));
        self.push(&mut c, t.goal.as_ref(), "goal", |g| self.goal(g));
        self.push(&mut c, t.aim.as_deref(), "aim", |g| self.goal(g));
        if let Some(w) = &t.window {
            let (key, value) = match &w.value {
                Window::By(d) => ("by", Some(deadline(d))),
                Window::Yearly => ("yearly", None),
                Window::Average(span) => ("average", span.as_ref().map(|y| year_span(y.value))),
            };
            c.push(self.attribute(w.span, key, value));
        }
        self.push(&mut c, t.lead.as_ref(), "lead", |ids| idents(ids));
        self.push(&mut c, t.support.as_ref(), "support", |ids| idents(ids));
        self.push(&mut c, t.monitor.as_deref(), "monitor", |ids| idents(ids));
        self.push(&mut c, t.baseline.as_ref(), "baseline", |b| {
            format!(
                "{} in {}",
                self.number(b.value.value, b.value.span),
                deadline(&b.period)
            )
        });
        self.push(&mut c, t.value.as_deref(), "value", |e| {
            format!("= {}", self.expr(e))
        });
        self.push(&mut c, t.implements.as_deref(), "implements", |ids| {
            idents(ids)
        });
        self.notes(&mut c, &t.notes);
        c.extend(t.parts.iter().map(|p| self.target(p)));
        if let Some(shares) = &t.shares {
            let parts = shares.parts.iter().map(|p| self.target(p)).collect();
            let head = format!(
                "shares {}",
                self.number(shares.total.value, shares.total.span)
            );
            c.push(self.block(shares.span, head, shares.total.span, parts, false));
        }
        let keyword = match t.kind {
            TargetKind::Target => "target",
            TargetKind::Measure => "measure",
        };
        let head = format!("{keyword} {} {}", t.id.value, string(&t.title.value));
        self.declaration(t.span, head, t.title.span, t.has_block, c)
    }

    fn task(&self, t: &Task) -> Node {
        let mut c = Vec::new();
        self.push(&mut c, t.lead.as_ref(), "lead", |ids| idents(ids));
        self.push(&mut c, t.support.as_ref(), "support", |ids| idents(ids));
        self.push(&mut c, t.monitor.as_deref(), "monitor", |ids| idents(ids));
        self.push(&mut c, t.due.as_ref(), "due", deadline);
        if let Some(ongoing) = &t.ongoing {
            c.push(self.attribute(ongoing.span, "ongoing", None));
        }
        self.push(&mut c, t.every.as_deref(), "every", recurrence);
        self.push(&mut c, t.for_.as_deref(), "for", |ids| idents(ids));
        self.push(&mut c, t.implements.as_deref(), "implements", |ids| {
            idents(ids)
        });
        self.push(&mut c, t.output.as_ref(), "output", |o| {
            o.value.as_str().to_string()
        });
        self.push(&mut c, t.after.as_ref(), "after", |ids| idents(ids));
        self.notes(&mut c, &t.notes);
        let head = format!("task {} {}", t.id.value, string(&t.title.value));
        self.declaration(t.span, head, t.title.span, t.has_block, c)
    }

    fn report(&self, r: &ReportDecl) -> Node {
        let mut c = Vec::new();
        self.push(&mut c, r.from.as_ref(), "from", |ids| idents(ids));
        self.push(&mut c, r.to.as_ref(), "to", |ids| idents(ids));
        self.push(&mut c, r.every.as_ref(), "every", recurrence);
        self.notes(&mut c, &r.notes);
        let head = format!("report {} {}", r.id.value, string(&r.title.value));
        self.declaration(r.span, head, r.title.span, r.has_block, c)
    }

    fn rule(&self, r: &crate::ast::Rule) -> Node {
        let mut c = Vec::new();
        if let Some(cond) = &r.condition {
            let key = match cond.value.kind {
                ConditionKind::Require => "require",
                ConditionKind::When => "when",
            };
            c.push(self.attribute(cond.span, key, Some(self.expr(&cond.value.expr))));
        }
        self.push(&mut c, r.severity.as_ref(), "severity", |s| {
            s.value.as_str().to_string()
        });
        self.notes(&mut c, &r.notes);
        let head = format!("rule {} {}", r.id.value, string(&r.title.value));
        self.block(r.span, head, r.title.span, c, false)
    }

    fn goal(&self, goal: &Spanned<Goal>) -> String {
        let n = |x: Decimal| self.number(x, goal.span);
        match &goal.value {
            Goal::Exact(x) => n(*x),
            Goal::AtLeast(x) => format!(">= {}", n(*x)),
            Goal::Above(x) => format!("> {}", n(*x)),
            Goal::AtMost(x) => format!("<= {}", n(*x)),
            Goal::Below(x) => format!("< {}", n(*x)),
            Goal::Range(a, b) => format!("{}..{}", n(*a), n(*b)),
            Goal::Approx(x) => format!("~{}", n(*x)),
            Goal::Text(t) => string(t),
        }
    }

    /// An expression on one line. Parentheses are kept as written and never added: the operands and operators
    /// come out in the order they went in, so the same precedence fold rebuilds the same tree.
    fn expr(&self, e: &Expr) -> String {
        match &e.kind {
            ExprKind::Number(x) => self.number(*x, e.span),
            ExprKind::Date(d) => d.to_string(),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::AsOf => "as_of".to_string(),
            ExprKind::Ref(id) => id.value.clone(),
            ExprKind::Call { func, args } => {
                let args: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                format!("{}({})", func.value, args.join(", "))
            }
            ExprKind::Unary { op, expr } => match op.value {
                UnaryOp::Neg => format!("-{}", self.expr(expr)),
                UnaryOp::Not => format!("not {}", self.expr(expr)),
            },
            ExprKind::Binary { op, lhs, rhs } => format!(
                "{} {} {}",
                self.expr(lhs),
                op.value.as_str(),
                self.expr(rhs)
            ),
            ExprKind::Paren(inner) => format!("({})", self.expr(inner)),
        }
    }

    /// A decimal with its written scale. Digits the user grouped with `_` come out grouped by thousands.
    fn number(&self, value: Decimal, written: Span) -> String {
        let plain = value.to_string();
        let grouped = self
            .text
            .get(written.range())
            .is_some_and(|w| w.contains('_'));
        if grouped {
            group_thousands(&plain)
        } else {
            plain
        }
    }
}

impl Printer<'_> {
    fn attribute(&self, span: Span, key: &str, value: Option<String>) -> Node {
        Node::Line {
            span,
            key: key.to_string(),
            value,
            attribute: true,
        }
    }

    fn push<T>(
        &self,
        out: &mut Vec<Node>,
        attr: Option<&Attr<T>>,
        key: &str,
        value: impl FnOnce(&T) -> String,
    ) {
        if let Some(a) = attr {
            out.push(self.attribute(a.span, key, Some(value(&a.value))));
        }
    }

    fn notes(&self, out: &mut Vec<Node>, notes: &[Attr<Str>]) {
        for n in notes {
            out.push(self.attribute(n.span, "note", Some(string(&n.value.value))));
        }
    }
}

/// A string literal: quoted, with `"` and `\` escaped (the only escapes the language has).
pub(super) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn strings(list: &[Str]) -> String {
    list.iter()
        .map(|s| string(&s.value))
        .collect::<Vec<_>>()
        .join(", ")
}

fn idents(list: &[Ident]) -> String {
    list.iter()
        .map(|i| i.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `quarter by day 15`, `year by Q4`: a recurrence as written after `every`.
fn recurrence(r: &Recurrence) -> String {
    format!("{} by {}", r.frequency.value.as_str(), r.by.value)
}

fn deadline(d: &Spanned<DeadlineLit>) -> String {
    d.value.to_string()
}

fn year_span(y: YearSpan) -> String {
    if y.single {
        format!("{:04}", y.from)
    } else {
        format!("{:04}..{:04}", y.from, y.to)
    }
}

/// `-1234567.50` → `-1_234_567.50`.
pub(super) fn group_thousands(plain: &str) -> String {
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('_');
        }
        grouped.push(*d);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}
