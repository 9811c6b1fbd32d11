//! What an editor asks about a workspace of plans: where an id is declared and named, what a word means, what may
//! be written at the cursor, an outline, and the fixes diagnostics name. Plain Rust types with byte spans, built
//! over a [`Project`] loaded and checked as the command line loads and checks one; the language server
//! (`cli::lsp`) converts them to the protocol's, and the wasm crate hands them to the web page's editor.
//!
//! The analysis reads the syntax tree, which holds every declaration that parsed: a file with syntax errors
//! mid-edit still has its other statements' ids, hovers and outline.

mod complete;
mod index;
mod keywords;
mod outline;

#[cfg(test)]
mod tests;

pub use complete::{Completion, CompletionKind};
pub use index::{Def, Index, Reference, SymbolKind};
pub use keywords::meaning;
pub use outline::{Fold, Symbol};

use crate::Project;
use crate::ast::{self, Attr, Ident, Item, Target};
use crate::diagnostics::{Diagnostic, Fix, Lang, Text, escape};
use crate::source::{FileId, Sources, Span};
use crate::text;
use crate::workspace::Workspace;

/// A project, indexed.
pub struct Analysis {
    project: Project,
    index: Index,
}

/// Hover text: what is under the cursor, as Markdown, and the span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// The text the hover is about: an id or a keyword.
    pub span: Span,
    /// What it is, as Markdown: a declaration's kind, id and title with its attributes, or a keyword's meaning.
    pub markdown: String,
}

/// One replacement of a rename.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The text to replace: a declared id or a place that names it.
    pub span: Span,
    /// The new id.
    pub text: String,
}

impl Analysis {
    /// Indexes the ids of a checked project.
    pub fn new(project: Project) -> Analysis {
        let index = Index::new(project.workspace());
        Analysis { project, index }
    }

    /// The files as loaded: their paths, syntax trees and units.
    pub fn workspace(&self) -> &Workspace {
        self.project.workspace()
    }

    /// The texts of the files.
    pub fn sources(&self) -> &Sources {
        self.project.sources()
    }

    /// Every declaration and every name that resolves to one.
    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// Every diagnostic of every file, in reading order, each once.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.project.findings().diagnostics()
    }

    /// The file loaded from this (canonical) path.
    #[cfg(feature = "cli")]
    pub(crate) fn file_at(&self, path: &std::path::Path) -> Option<FileId> {
        self.workspace()
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.id)
    }

    fn ast(&self, file: FileId) -> Option<&ast::File> {
        self.workspace().file(file).map(|f| &f.ast)
    }

    fn text(&self, file: FileId) -> &str {
        self.sources().get(file).map_or("", |f| f.text.as_ref())
    }

    /// The declaration of the id at `offset`.
    pub fn definition(&self, file: FileId, offset: u32) -> Option<Span> {
        let def = self.index.def_at(file, offset)?;
        self.index.defs.get(def).map(|d| d.id)
    }

    /// Every place naming the id at `offset`, across the files that `use` one another, and its declaration first
    /// when asked.
    pub fn references(&self, file: FileId, offset: u32, with_declaration: bool) -> Vec<Span> {
        let Some(def) = self.index.def_at(file, offset) else {
            return Vec::new();
        };
        let own = self
            .index
            .defs
            .get(def)
            .map(|d| d.id)
            .filter(|_| with_declaration);
        own.into_iter().chain(self.index.refs_of(def)).collect()
    }

    /// The id a rename at `offset` would change.
    pub(crate) fn rename_target(&self, file: FileId, offset: u32) -> Option<Span> {
        let def = self.index.def_at(file, offset)?;
        let on = |s: Span| s.file == file && s.start <= offset && offset <= s.end;
        let defs = &self.index.defs;
        defs.get(def)
            .map(|d| d.id)
            .into_iter()
            .chain(self.index.refs_of(def))
            .find(|&s| on(s))
    }

    /// The edits that rename the id at `offset` to `new_name` everywhere, or why not: the name is not an id, or
    /// another declaration in the same scope has it.
    pub fn rename(&self, file: FileId, offset: u32, new_name: &str) -> Result<Vec<Edit>, Text> {
        let Some(def) = self
            .index
            .def_at(file, offset)
            .and_then(|d| self.index.defs.get(d).map(|x| (d, x)))
        else {
            return Err(text!(
                "there is no id here to rename",
                "không có mã nào ở đây để đổi tên"
            ));
        };
        let (ix, decl) = def;
        let old = &decl.name;
        if !is_ident(new_name) {
            let cut: String = new_name.chars().take(60).collect();
            let shown = escape::line(&cut);
            return Err(text!(
                "`{shown}` is not an id: ids are ASCII letters, digits and `_`, and start with a letter or `_`",
                "`{shown}` không phải là mã: mã gồm chữ cái không dấu, chữ số và `_`, bắt đầu bằng chữ cái hoặc `_`"
            ));
        }
        if new_name == old {
            return Ok(Vec::new());
        }
        if let Some(other) = self.index.is_taken(decl.id.file, new_name) {
            let what = self
                .index
                .defs
                .get(other)
                .map_or("item", |d| d.kind.keyword());
            let place = self
                .index
                .defs
                .get(other)
                .map(|d| {
                    let file = self.sources().get(d.id.file);
                    let line = file.map_or(0, |f| f.line_col(d.id.start).line);
                    format!("{}:{line}", self.sources().name(d.id.file))
                })
                .unwrap_or_default();
            return Err(text!(
                "`{new_name}` is taken: {what} `{new_name}` is declared at {place}",
                "`{new_name}` đã được dùng: {what} `{new_name}` được khai báo tại {place}"
            ));
        }
        let mut edits: Vec<Edit> = std::iter::once(decl.id)
            .chain(self.index.refs_of(ix))
            .map(|span| Edit {
                span,
                text: new_name.to_string(),
            })
            .collect();
        crate::sort::sort_by_key(&mut edits, |e| (e.span.file, e.span.start));
        edits.dedup();
        Ok(edits)
    }

    /// The fixes of the diagnostics in `file` whose span meets `span`.
    pub fn fixes(&self, file: FileId, span: Span) -> Vec<(&Diagnostic, &Fix)> {
        self.diagnostics()
            .iter()
            .filter(|d| d.span.file == file && d.span.start <= span.end && span.start <= d.span.end)
            .flat_map(|d| d.fixes.iter().map(move |f| (d, f)))
            .collect()
    }

    /// What the id or keyword at `offset` is.
    pub fn hover(&self, file: FileId, offset: u32, lang: Lang) -> Option<Hover> {
        if let Some(def) = self.index.def_at(file, offset) {
            let span = self.rename_target(file, offset)?;
            let markdown = self.describe(def, lang)?;
            return Some(Hover { span, markdown });
        }
        let text = self.text(file);
        let (start, end) = word_around(text, offset as usize);
        let word = text.get(start..end)?;
        if complete::context_at(text, start).is_in_comment_or_string() {
            return None;
        }
        let meaning = keywords::meaning(word)?;
        Some(Hover {
            span: Span::new(file, start, end),
            markdown: format!("`{word}`: {}", meaning.get(lang)),
        })
    }

    /// The Markdown that describes a declaration.
    fn describe(&self, def: usize, lang: Lang) -> Option<String> {
        let d = self.index.defs.get(def)?;
        let file = self.ast(d.id.file)?;
        let decl = find_decl(&file.items, d.id)?;
        let t = |en: &str, vi: &str| Text::new(en, vi).get(lang).to_string();
        let mut lines = Vec::new();
        let mut attr = |name: String, value: String| lines.push(format!("- {name}: {value}"));
        let head = match decl {
            Decl::Owner(o) => {
                if let Some(aka) = &o.aka {
                    attr(t("also", "tên khác"), strings(&aka.value));
                }
                format!("**owner** `{}` — {}", o.id.value, o.name.value)
            }
            Decl::Group(g) => {
                if let Some(members) = &g.members {
                    attr(t("members", "thành viên"), self.ids(&members.value));
                }
                if let Some(aka) = &g.aka {
                    attr(t("also", "tên khác"), strings(&aka.value));
                }
                format!("**group** `{}` — {}", g.id.value, g.name.value)
            }
            Decl::Document(x) => {
                attr(t("number", "số"), x.number.value.clone());
                if let Some(a) = &x.title {
                    attr(t("title", "tiêu đề"), a.value.value.clone());
                }
                if let Some(a) = &x.issuer {
                    attr(t("issuer", "cơ quan ban hành"), a.value.value.clone());
                }
                if let Some(a) = &x.issued {
                    attr(t("issued", "ngày ban hành"), a.value.value.to_string());
                }
                format!("**document** `{}` — {}", x.id.value, x.number.value)
            }
            Decl::Target(x) => {
                for (name, written) in [
                    (t("goal", "mục tiêu"), x.goal.as_ref().map(|a| a.span)),
                    (t("aim", "phấn đấu"), x.aim.as_ref().map(|a| a.span)),
                    (t("unit", "đơn vị"), x.unit.as_ref().map(|a| a.span)),
                    (t("when", "thời điểm"), x.window.as_ref().map(|a| a.span)),
                    (t("value", "giá trị"), x.value.as_ref().map(|a| a.span)),
                ] {
                    if let Some(span) = written {
                        attr(name, format!("`{}`", self.written(span)));
                    }
                }
                self.owners(
                    &mut attr,
                    &t,
                    [x.lead.as_ref(), x.support.as_ref(), x.monitor.as_deref()],
                );
                if let Some(docs) = &x.implements {
                    attr(t("implements", "thực hiện"), self.ids(&docs.value));
                }
                format!(
                    "**{}** `{}` — {}",
                    d.kind.keyword(),
                    x.id.value,
                    x.title.value
                )
            }
            Decl::Task(x) => {
                let due = t("due", "thời hạn");
                match (&x.due, &x.every, &x.ongoing) {
                    (Some(due_), _, _) => attr(due, format!("`{}`", due_.value.value)),
                    (None, Some(every), _) => attr(due, format!("`{}`", self.written(every.span))),
                    (None, None, Some(_)) => {
                        attr(due, t("standing (`ongoing`)", "thường xuyên (`ongoing`)"));
                    }
                    (None, None, None) => attr(due, t("none given", "chưa ghi")),
                }
                self.owners(
                    &mut attr,
                    &t,
                    [x.lead.as_ref(), x.support.as_ref(), x.monitor.as_deref()],
                );
                if let Some(for_) = &x.for_ {
                    attr(t("for", "tham mưu cho"), self.ids(&for_.value));
                }
                if let Some(docs) = &x.implements {
                    attr(t("implements", "thực hiện"), self.ids(&docs.value));
                }
                if let Some(after) = &x.after {
                    attr(t("waits for", "chờ"), self.ids(&after.value));
                }
                if let Some(output) = &x.output {
                    attr(
                        t("output", "sản phẩm"),
                        output.value.value.as_str().to_string(),
                    );
                }
                format!("**task** `{}` — {}", x.id.value, x.title.value)
            }
            Decl::Report(x) => {
                if let Some(from) = &x.from {
                    attr(t("from", "cơ quan gửi"), self.ids(&from.value));
                }
                if let Some(to) = &x.to {
                    attr(t("to", "nơi nhận"), self.ids(&to.value));
                }
                if let Some(every) = &x.every {
                    attr(t("due", "hạn"), format!("`{}`", self.written(every.span)));
                }
                format!("**report** `{}` — {}", x.id.value, x.title.value)
            }
            Decl::Rule(x) => {
                if let Some(c) = &x.condition {
                    attr(
                        t("condition", "điều kiện"),
                        format!("`{}`", self.written(c.span)),
                    );
                }
                if let Some(s) = &x.severity {
                    attr(t("severity", "mức độ"), s.value.value.as_str().to_string());
                }
                format!("**rule** `{}` — {}", x.id.value, x.title.value)
            }
        };
        let mut out = head;
        if !lines.is_empty() {
            out.push_str("\n\n");
            out.push_str(&lines.join("\n"));
        }
        // Titles and names come from the plan: no control character or bidirectional override reaches the reader.
        Some(escape::text(&out).into_owned())
    }

    fn owners(
        &self,
        attr: &mut impl FnMut(String, String),
        t: &impl Fn(&str, &str) -> String,
        [lead, support, monitor]: [Option<&Attr<Vec<Ident>>>; 3],
    ) {
        for (name, ids) in [
            (t("lead", "chủ trì"), lead),
            (t("support", "phối hợp"), support),
            (t("monitor", "theo dõi"), monitor),
        ] {
            if let Some(ids) = ids {
                attr(name, self.ids(&ids.value));
            }
        }
    }

    /// A statement as written, on one line and cut to a readable length.
    fn written(&self, span: Span) -> String {
        let text = self.sources().slice(span);
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown: String = one_line.chars().take(200).collect();
        shown.replace('`', "'")
    }

    /// `so_yt` (Sở Y tế), `so_tc` (Sở Tài chính): ids with the names or titles they stand for.
    fn ids(&self, ids: &[Ident]) -> String {
        ids.iter()
            .map(|id| {
                let def = self.index.def_at(id.span.file, id.span.start);
                match def.and_then(|d| self.name_of(d)) {
                    Some(name) => format!("`{}` ({name})", id.value),
                    None => format!("`{}`", id.value),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An owner's name, an item's title.
    pub(crate) fn name_of(&self, def: usize) -> Option<String> {
        let d = self.index.defs.get(def)?;
        let decl = find_decl(&self.ast(d.id.file)?.items, d.id)?;
        Some(match decl {
            Decl::Owner(o) => o.name.value.clone(),
            Decl::Group(g) => g.name.value.clone(),
            Decl::Document(x) => x
                .title
                .as_ref()
                .map_or_else(|| x.number.value.clone(), |t| t.value.value.clone()),
            Decl::Target(x) => x.title.value.clone(),
            Decl::Task(x) => x.title.value.clone(),
            Decl::Report(x) => x.title.value.clone(),
            Decl::Rule(x) => x.title.value.clone(),
        })
    }

    /// The other names of an owner or a group.
    pub(crate) fn akas_of(&self, def: usize) -> Vec<String> {
        let Some(d) = self.index.defs.get(def) else {
            return Vec::new();
        };
        let aka = match self.ast(d.id.file).and_then(|f| find_decl(&f.items, d.id)) {
            Some(Decl::Owner(o)) => o.aka.as_ref(),
            Some(Decl::Group(g)) => g.aka.as_ref(),
            _ => None,
        };
        aka.map(|a| a.value.iter().map(|s| s.value.clone()).collect())
            .unwrap_or_default()
    }

    /// The outline of a file.
    pub fn symbols(&self, file: FileId) -> Vec<Symbol> {
        self.ast(file).map(outline::symbols).unwrap_or_default()
    }

    /// The blocks of a file that an editor may fold.
    pub fn folds(&self, file: FileId) -> Vec<Fold> {
        match (self.ast(file), self.sources().get(file)) {
            (Some(ast), Some(source)) => outline::folds(ast, source),
            _ => Vec::new(),
        }
    }

    /// What may be written at `offset`.
    pub fn completions(&self, file: FileId, offset: u32, lang: Lang) -> Vec<Completion> {
        complete::complete(self, file, offset as usize, lang)
    }

    /// The plan's period, from the header of a plan in the scopes of `file`.
    fn period_of(&self, file: FileId) -> Option<ast::YearSpan> {
        let units = self.index.units_of.get(&file)?;
        units
            .iter()
            .filter_map(|&u| self.workspace().units.get(u))
            .flat_map(|u| u.files.iter())
            .filter_map(|&f| self.ast(f))
            .flat_map(|f| f.items.iter())
            .find_map(|item| match item {
                Item::Plan(p) => p.period.as_ref().map(|a| a.value.value),
                _ => None,
            })
    }
}

/// Whether `name` may be written as an id: an ASCII letter or `_`, then letters, digits and `_`.
pub(crate) fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(name, "and" | "or" | "not" | "true" | "false" | "as_of")
}

fn strings(list: &[ast::Str]) -> String {
    list.iter()
        .map(|s| format!("\"{}\"", s.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The word (letters, digits, `_`) around a byte offset.
fn word_around(text: &str, offset: usize) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let offset = offset.min(text.len());
    let before = text
        .get(..offset)
        .map_or(0, |s| s.len() - s.trim_end_matches(is_word).len());
    let after = text
        .get(offset..)
        .map_or(0, |s| s.len() - s.trim_start_matches(is_word).len());
    (offset - before, offset + after)
}

/// A declaration in the tree.
#[derive(Clone, Copy, Debug)]
enum Decl<'a> {
    Owner(&'a ast::Owner),
    Group(&'a ast::Group),
    Document(&'a ast::Document),
    Target(&'a Target),
    Task(&'a ast::Task),
    Report(&'a ast::ReportDecl),
    Rule(&'a ast::Rule),
}

/// The declaration whose id is at `id`.
fn find_decl(items: &[Item], id: Span) -> Option<Decl<'_>> {
    items.iter().find_map(|item| {
        if !item.span().contains(id) {
            return None;
        }
        match item {
            Item::Owner(o) => Some(Decl::Owner(o)),
            Item::Group(g) => Some(Decl::Group(g)),
            Item::Document(d) => Some(Decl::Document(d)),
            Item::Task(t) => Some(Decl::Task(t)),
            Item::Report(r) => Some(Decl::Report(r)),
            Item::Rule(r) => Some(Decl::Rule(r)),
            Item::Section(s) => find_decl(&s.items, id),
            Item::Target(t) => find_target(t, id).map(Decl::Target),
            Item::Plan(_) | Item::Use(_) => None,
        }
        .filter(|d| d.id_span() == id || matches!(item, Item::Section(_) | Item::Target(_)))
    })
}

fn find_target(t: &Target, id: Span) -> Option<&Target> {
    if t.id.span == id {
        return Some(t);
    }
    t.parts
        .iter()
        .chain(t.shares.iter().flat_map(|s| &s.parts))
        .filter(|p| p.span.contains(id))
        .find_map(|p| find_target(p, id))
}

impl Decl<'_> {
    fn id_span(self) -> Span {
        match self {
            Decl::Owner(x) => x.id.span,
            Decl::Group(x) => x.id.span,
            Decl::Document(x) => x.id.span,
            Decl::Target(x) => x.id.span,
            Decl::Task(x) => x.id.span,
            Decl::Report(x) => x.id.span,
            Decl::Rule(x) => x.id.span,
        }
    }
}
