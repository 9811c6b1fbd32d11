//! A file's outline (sections, targets, tasks, reports and the other declarations, nested as written) and the
//! blocks an editor may fold.

use crate::ast::{self, Item, Target};
use crate::diagnostics::escape;
use crate::source::{SourceFile, Span};

use super::SymbolKind;

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// The id, or for a section its number or title.
    pub name: String,
    /// The title or name.
    pub detail: Option<String>,
    /// `None` for a section or the plan's header.
    pub kind: Option<SymbolKind>,
    /// The whole declaration.
    pub span: Span,
    /// What to select: the id, or the keyword.
    pub selection: Span,
    /// The entries inside it: a section's items, a target's nested targets.
    pub children: Vec<Symbol>,
}

/// A block to fold: its first and last lines, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    /// The line the block opens on.
    pub start_line: usize,
    /// The line the block closes on.
    pub end_line: usize,
}

fn shown(text: &str) -> String {
    let cut: String = text.chars().take(120).collect();
    escape::line(&cut).into_owned()
}

pub(super) fn symbols(file: &ast::File) -> Vec<Symbol> {
    file.items.iter().filter_map(item).collect()
}

fn leaf(id: &ast::Ident, detail: &str, kind: SymbolKind, span: Span) -> Symbol {
    Symbol {
        name: shown(&id.value),
        detail: Some(shown(detail)),
        kind: Some(kind),
        span,
        selection: id.span,
        children: Vec::new(),
    }
}

fn item(item: &Item) -> Option<Symbol> {
    Some(match item {
        Item::Plan(p) => Symbol {
            name: shown(&p.number.value),
            detail: p.title.as_ref().map(|t| shown(&t.value.value)),
            kind: None,
            span: p.span,
            selection: p.number.span,
            children: Vec::new(),
        },
        Item::Use(_) => return None,
        Item::Document(d) => leaf(&d.id, &d.number.value, SymbolKind::Document, d.span),
        Item::Owner(o) => leaf(&o.id, &o.name.value, SymbolKind::Owner, o.span),
        Item::Group(g) => leaf(&g.id, &g.name.value, SymbolKind::Group, g.span),
        Item::Section(s) => Symbol {
            name: shown(
                s.number
                    .as_ref()
                    .map_or(s.title.value.as_str(), |n| n.value.as_str()),
            ),
            detail: s.number.as_ref().map(|_| shown(&s.title.value)),
            kind: None,
            span: s.span,
            selection: s.number.as_ref().map_or(s.title.span, |n| n.span),
            children: s.items.iter().filter_map(self::item).collect(),
        },
        Item::Target(t) => target(t),
        Item::Task(t) => leaf(&t.id, &t.title.value, SymbolKind::Task, t.span),
        Item::Report(r) => leaf(&r.id, &r.title.value, SymbolKind::Report, r.span),
        Item::Rule(r) => leaf(&r.id, &r.title.value, SymbolKind::Rule, r.span),
    })
}

fn target(t: &Target) -> Symbol {
    let kind = match t.kind {
        ast::TargetKind::Target => SymbolKind::Target,
        ast::TargetKind::Measure => SymbolKind::Measure,
    };
    let mut symbol = leaf(&t.id, &t.title.value, kind, t.span);
    symbol.children = t
        .parts
        .iter()
        .chain(t.shares.iter().flat_map(|s| &s.parts))
        .map(target)
        .collect();
    symbol
}

pub(super) fn folds(file: &ast::File, source: &SourceFile) -> Vec<Fold> {
    let mut out = Vec::new();
    let mut pending: Vec<Span> = file.items.iter().map(Item::span).collect();
    let children = |item: &Item, pending: &mut Vec<Span>| match item {
        Item::Section(s) => pending.extend(s.items.iter().map(Item::span)),
        Item::Target(t) => push_parts(t, pending),
        _ => {}
    };
    let mut stack: Vec<&Item> = file.items.iter().collect();
    while let Some(item) = stack.pop() {
        children(item, &mut pending);
        if let Item::Section(s) = item {
            stack.extend(s.items.iter());
        }
    }
    for span in pending {
        let start_line = source.line_col(span.start).line;
        let end_line = source.line_col(span.end).line;
        if end_line > start_line {
            out.push(Fold {
                start_line,
                end_line,
            });
        }
    }
    // Runs of comment lines fold too.
    let mut run: Option<Fold> = None;
    for comment in &file.comments {
        let line = source.line_col(comment.start).line;
        run = match run {
            Some(r) if r.end_line + 1 == line => Some(Fold {
                end_line: line,
                ..r
            }),
            Some(r) => {
                if r.end_line > r.start_line {
                    out.push(r);
                }
                Some(Fold {
                    start_line: line,
                    end_line: line,
                })
            }
            None => Some(Fold {
                start_line: line,
                end_line: line,
            }),
        };
    }
    if let Some(r) = run.filter(|r| r.end_line > r.start_line) {
        out.push(r);
    }
    crate::sort::sort_by_key(&mut out, |f| (f.start_line, f.end_line));
    out.dedup();
    out
}

/// The spans of a target's parts and shares, at every depth.
fn push_parts(t: &Target, pending: &mut Vec<Span>) {
    let mut stack: Vec<&Target> = vec![t];
    while let Some(t) = stack.pop() {
        for part in t.parts.iter().chain(t.shares.iter().flat_map(|s| &s.parts)) {
            pending.push(part.span);
            stack.push(part);
        }
        if let Some(shares) = &t.shares {
            pending.push(shares.span);
        }
    }
}
