//! Every id of a workspace: where each is declared, and every place that names it, resolved in the scope (unit)
//! of the file that names it.

use crate::hash::FxHashMap;

use crate::ast::{self, Expr, ExprKind, Ident, Item, Target, TargetKind};
use crate::source::{FileId, Span};
use crate::workspace::Workspace;

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// `owner so_khdt "…"`.
    Owner,
    /// `group cac_so "…" { members … }`.
    Group,
    /// `document nq01_2023 "01/NQ-CP" { … }`.
    Document,
    /// `target grdp_growth "…" { goal >= 9.3 }`, nested ones included.
    Target,
    /// `measure population "…"`.
    Measure,
    /// `task t01 "…"`.
    Task,
    /// `report progress "…" { every … }`.
    Report,
    /// `rule trade_le_total "…" { require … }`.
    Rule,
}

impl SymbolKind {
    /// The keyword that declares it.
    pub fn keyword(self) -> &'static str {
        match self {
            SymbolKind::Owner => "owner",
            SymbolKind::Group => "group",
            SymbolKind::Document => "document",
            SymbolKind::Target => "target",
            SymbolKind::Measure => "measure",
            SymbolKind::Task => "task",
            SymbolKind::Report => "report",
            SymbolKind::Rule => "rule",
        }
    }
}

/// A declared id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Def {
    /// The id as written (`so_khdt`).
    pub name: String,
    /// What the declaration declares.
    pub kind: SymbolKind,
    /// The id in its declaration.
    pub id: Span,
    /// The whole declaration.
    pub decl: Span,
}

/// A place that names a declared id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    /// The id where it is named.
    pub span: Span,
    /// Index in [`Index::defs`].
    pub def: usize,
}

/// The ids of a workspace.
#[derive(Debug, Default)]
pub struct Index {
    /// Every declaration of every file, in file and text order; a [`Reference`] points into it.
    pub defs: Vec<Def>,
    /// In file and text order.
    pub refs: Vec<Reference>,
    /// For each file, the units it belongs to (its scopes), by index in `Workspace::units`.
    pub units_of: FxHashMap<FileId, Vec<usize>>,
    /// For each unit, its ids.
    pub scopes: Vec<FxHashMap<String, usize>>,
}

impl Index {
    /// Indexes every file of `workspace`: its declarations, then the names that resolve to one in the file's units.
    pub(crate) fn new(workspace: &Workspace) -> Index {
        let mut index = Index::default();
        let mut names: FxHashMap<FileId, Vec<(String, Span)>> = FxHashMap::default();
        for file in &workspace.files {
            let mut found = Found::default();
            for item in &file.ast.items {
                found.item(item);
            }
            index.defs.extend(found.defs);
            names.insert(file.id, found.refs);
        }
        let mut defs_of: FxHashMap<FileId, Vec<usize>> = FxHashMap::default();
        for (ix, def) in index.defs.iter().enumerate() {
            defs_of.entry(def.id.file).or_default().push(ix);
        }
        let mut seen = crate::hash::FxHashSet::default();
        for (u, unit) in workspace.units.iter().enumerate() {
            let mut scope: FxHashMap<String, usize> = FxHashMap::default();
            for &file in &unit.files {
                index.units_of.entry(file).or_default().push(u);
                for &ix in defs_of.get(&file).into_iter().flatten() {
                    if let Some(def) = index.defs.get(ix) {
                        // The first declaration wins, as in the checker; the others are `duplicate-id`.
                        scope.entry(def.name.clone()).or_insert(ix);
                    }
                }
            }
            for &file in &unit.files {
                for (name, span) in names.get(&file).into_iter().flatten() {
                    if let Some(&def) = scope.get(name) {
                        let reference = Reference { span: *span, def };
                        if seen.insert(reference) {
                            index.refs.push(reference);
                        }
                    }
                }
            }
            index.scopes.push(scope);
        }
        crate::sort::sort_by_key(&mut index.refs, |r| {
            (r.span.file, r.span.start, r.span.end, r.def)
        });
        index
    }

    /// The declaration named or declared at `offset` of `file` (a cursor just after an id counts as on it).
    pub(crate) fn def_at(&self, file: FileId, offset: u32) -> Option<usize> {
        let on = |span: Span| span.file == file && span.start <= offset && offset <= span.end;
        if let Some(r) = self.refs.iter().find(|r| on(r.span)) {
            return Some(r.def);
        }
        self.defs.iter().position(|d| on(d.id))
    }

    /// Every place naming the declaration, in file and text order (not its own id).
    pub(crate) fn refs_of(&self, def: usize) -> impl Iterator<Item = Span> + '_ {
        self.refs
            .iter()
            .filter(move |r| r.def == def)
            .map(|r| r.span)
    }

    /// The ids in the scopes of `file`, each once.
    pub(crate) fn visible_from(&self, file: FileId) -> Vec<usize> {
        let mut ids: Vec<usize> = self
            .units_of
            .get(&file)
            .into_iter()
            .flatten()
            .filter_map(|&u| self.scopes.get(u))
            .flat_map(|scope| scope.values().copied())
            .collect();
        if ids.is_empty() {
            // A file in no unit (none yet, while it is being written): its own declarations.
            ids = (0..self.defs.len())
                .filter(|&ix| self.defs.get(ix).is_some_and(|d| d.id.file == file))
                .collect();
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether `name` is declared in a scope of `file`.
    pub(crate) fn is_taken(&self, file: FileId, name: &str) -> Option<usize> {
        self.units_of
            .get(&file)
            .into_iter()
            .flatten()
            .filter_map(|&u| self.scopes.get(u))
            .find_map(|scope| scope.get(name).copied())
            .or_else(|| {
                self.defs
                    .iter()
                    .position(|d| d.id.file == file && d.name == name)
            })
    }
}

/// The declarations and the names of one file.
#[derive(Default)]
struct Found {
    defs: Vec<Def>,
    refs: Vec<(String, Span)>,
}

impl Found {
    fn def(&mut self, id: &Ident, kind: SymbolKind, decl: Span) {
        self.defs.push(Def {
            name: id.value.clone(),
            kind,
            id: id.span,
            decl,
        });
    }

    fn names(&mut self, attr: Option<&ast::Attr<Vec<Ident>>>) {
        for id in attr.map(|a| a.value.as_slice()).unwrap_or(&[]) {
            self.refs.push((id.value.clone(), id.span));
        }
    }

    fn expr(&mut self, expr: &Expr) {
        expr.walk(&mut |e| {
            if let ExprKind::Ref(id) = &e.kind {
                self.refs.push((id.value.clone(), id.span));
            }
        });
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Plan(p) => self.names(p.implements.as_ref()),
            Item::Document(d) => {
                self.def(&d.id, SymbolKind::Document, d.span);
                self.names(d.implements.as_ref());
            }
            Item::Use(_) => {}
            Item::Owner(o) => self.def(&o.id, SymbolKind::Owner, o.span),
            Item::Group(g) => {
                self.def(&g.id, SymbolKind::Group, g.span);
                self.names(g.members.as_ref());
            }
            Item::Section(s) => {
                self.names(s.implements.as_ref());
                for item in &s.items {
                    self.item(item);
                }
            }
            Item::Target(t) => self.target(t),
            Item::Task(t) => {
                self.def(&t.id, SymbolKind::Task, t.span);
                for attr in [
                    t.lead.as_ref(),
                    t.support.as_ref(),
                    t.monitor.as_deref(),
                    t.for_.as_deref(),
                    t.implements.as_deref(),
                    t.after.as_ref(),
                ] {
                    self.names(attr);
                }
            }
            Item::Report(r) => {
                self.def(&r.id, SymbolKind::Report, r.span);
                self.names(r.from.as_ref());
                self.names(r.to.as_ref());
            }
            Item::Rule(r) => {
                self.def(&r.id, SymbolKind::Rule, r.span);
                if let Some(c) = &r.condition {
                    self.expr(&c.value.expr);
                }
            }
        }
    }

    /// A target and its parts; the nesting is bounded by the parser's.
    fn target(&mut self, t: &Target) {
        let kind = match t.kind {
            TargetKind::Target => SymbolKind::Target,
            TargetKind::Measure => SymbolKind::Measure,
        };
        self.def(&t.id, kind, t.span);
        for attr in [
            t.lead.as_ref(),
            t.support.as_ref(),
            t.monitor.as_deref(),
            t.implements.as_deref(),
        ] {
            self.names(attr);
        }
        if let Some(value) = &t.value {
            self.expr(&value.value);
        }
        for part in &t.parts {
            self.target(part);
        }
        for part in t.shares.iter().flat_map(|s| &s.parts) {
            self.target(part);
        }
    }
}
