//! The fast path: a hand-written recursive-descent parser for the statements real plans are made of.
//!
//! pest with `grammar/kehoach.pest` is the definition of the language and the source of every syntax diagnostic;
//! this parser is only a shortcut. For one top-level statement (as `scan` hands them out, comments already
//! blanked) it builds exactly the [`Item`] that pest and `lower` would build — same spans, including pest's habit
//! of ending a rule after the whitespace that follows an absent optional part — or it returns `None` at the first
//! thing it is not sure of: a syntax error, anything lowering would report (an attribute given twice, a date that
//! is no date, a word outside a closed list), or a limit coming near. The caller then runs pest as before, so the
//! fast path can make parsing quicker but never different. `fast/tests.rs` holds it to that.

mod expr;
mod lex;

#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use crate::ast::*;
use crate::source::{FileId, Span, Spanned};

/// Deepest nesting of blocks the fast path follows; deeper statements go to pest.
const MAX_FAST_DEPTH: usize = 24;

pub(super) struct Fast<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    file: FileId,
    /// Offset of `text` in its file.
    base: usize,
    depth: usize,
    /// Parts of the expression being parsed, counted against the limit.
    nodes: usize,
}

/// One top-level statement, or `None` when pest must parse it.
pub(super) fn item(text: &str, file: FileId, base: usize) -> Option<Item> {
    let mut fast = Fast {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        file,
        base,
        depth: 0,
        nodes: 0,
    };
    fast.ws();
    let item = fast.item(true)?;
    fast.ws();
    (fast.pos == fast.bytes.len()).then_some(item)
}

fn push<T>(list: &mut Vec<T>, value: T) -> Option<()> {
    list.push(value);
    Some(())
}

/// Sets an attribute given once; `None` (pest's turn, for `duplicate-attribute`) when it is already set.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

impl<'a> Fast<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.base + start, self.base + end)
    }

    /// A declaration: every kind at the top level, only those a section holds inside one.
    fn item(&mut self, top: bool) -> Option<Item> {
        let start = self.pos;
        let (_, end) = self.word()?;
        let keyword = self.span(start, end);
        let word = self.slice(start, end)?;
        self.ws();
        Some(match word {
            "plan" if top => Item::Plan(Box::new(self.plan(start, keyword)?)),
            "document" if top => Item::Document(Box::new(self.document(start, keyword)?)),
            "use" if top => {
                let path = self.string()?;
                Item::Use(Box::new(Use {
                    span: self.span(start, self.pos),
                    keyword,
                    path,
                }))
            }
            "owner" if top => Item::Owner(Box::new(self.owner(start, keyword)?)),
            "group" if top => Item::Group(Box::new(self.group(start, keyword)?)),
            "section" => Item::Section(Box::new(self.section(start, keyword)?)),
            "target" => Item::Target(Box::new(self.target(TargetKind::Target, start, keyword)?)),
            "measure" => Item::Target(Box::new(self.target(
                TargetKind::Measure,
                start,
                keyword,
            )?)),
            "task" => Item::Task(Box::new(self.task(start, keyword)?)),
            "report" => Item::Report(Box::new(self.report(start, keyword)?)),
            "rule" => Item::Rule(Box::new(self.rule(start, keyword)?)),
            _ => return None,
        })
    }

    /// A block `{ … }` at the cursor: `stmt` parses one statement from its keyword (already read, cursor after
    /// the whitespace that follows it) and leaves the cursor where pest's rule for it ends.
    fn block(
        &mut self,
        mut stmt: impl FnMut(&mut Self, &'a str, usize, Span) -> Option<()>,
    ) -> Option<()> {
        if !self.eat(b'{') || self.depth >= MAX_FAST_DEPTH {
            return None;
        }
        self.depth += 1;
        self.sep();
        loop {
            if self.eat(b'}') {
                self.depth -= 1;
                return Some(());
            }
            let start = self.pos;
            let (_, end) = self.word()?;
            let word = self.slice(start, end)?;
            let keyword = self.span(start, end);
            self.ws();
            stmt(self, word, start, keyword)?;
            if !self.sep() && self.peek() != b'}' {
                return None;
            }
        }
    }

    /// An optional block after a declaration's head: whether there was one. Without one, pest's rule ends after
    /// the whitespace that follows the head (the cursor is there already).
    fn optional_block(
        &mut self,
        stmt: impl FnMut(&mut Self, &'a str, usize, Span) -> Option<()>,
    ) -> Option<bool> {
        if self.peek() == b'{' {
            self.block(stmt)?;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// An attribute given at most once: reads its value with `value` and sets `slot`, or gives up on a second
    /// one (pest's turn, for `duplicate-attribute`). The statement ends where the value does.
    fn single<T>(
        &mut self,
        slot: &mut Option<Attr<T>>,
        start: usize,
        keyword: Span,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<()> {
        let value = value(self)?;
        once(slot, self.attr(start, keyword, value))
    }

    /// A `note`: the one attribute that may be repeated.
    fn note(&mut self, notes: &mut Vec<Attr<Str>>, start: usize, keyword: Span) -> Option<()> {
        let value = self.string()?;
        push(notes, self.attr(start, keyword, value))
    }

    /// `ident_list`: after a single id pest's rule ends after the whitespace that follows it.
    fn idents(&mut self) -> Option<Vec<Ident>> {
        self.list(Self::ident)
    }

    /// `string_list`, ending like `ident_list`.
    fn strings(&mut self) -> Option<Vec<Str>> {
        self.list(Self::string)
    }

    /// One or more `item`s separated by commas (a line break may follow each comma).
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut values = vec![item(self)?];
        self.ws();
        while self.eat(b',') {
            self.nl();
            values.push(item(self)?);
            let after = self.pos;
            self.ws();
            if self.peek() != b',' {
                self.pos = after;
            }
        }
        // Pushing leaves room for four; the list lives as long as the run.
        values.shrink_to_fit();
        Some(values)
    }

    fn attr<T>(&self, start: usize, keyword: Span, value: T) -> Attr<T> {
        Attr {
            keyword,
            value,
            span: self.span(start, self.pos),
        }
    }

    fn plan(&mut self, start: usize, keyword: Span) -> Option<Plan> {
        let number = self.string()?;
        self.ws();
        let mut plan = Plan::new(keyword, keyword, number);
        self.block(|p, word, at, kw| match word {
            "title" => p.single(&mut plan.title, at, kw, Self::string),
            "issuer" => p.single(&mut plan.issuer, at, kw, Self::string),
            "signer" => p.single(&mut plan.signer, at, kw, Self::string),
            "issued" => p.single(&mut plan.issued, at, kw, Self::date),
            "implements" => p.single(&mut plan.implements, at, kw, Self::idents),
            "note" => p.note(&mut plan.notes, at, kw),
            "period" => p.single(&mut plan.period, at, kw, Self::year_span),
            "approx" => p.single(&mut plan.approx, at, kw, Self::percent),
            _ => None,
        })?;
        plan.span = self.span(start, self.pos);
        Some(plan)
    }

    fn document(&mut self, start: usize, keyword: Span) -> Option<Document> {
        let id = self.ident()?;
        self.ws();
        let number = self.string()?;
        self.ws();
        let mut doc = Document::new(keyword, keyword, id, number);
        doc.has_block = self.optional_block(|p, word, at, kw| match word {
            "title" => p.single(&mut doc.title, at, kw, Self::string),
            "issuer" => p.single(&mut doc.issuer, at, kw, Self::string),
            "issued" => p.single(&mut doc.issued, at, kw, Self::date),
            "implements" => p.single(&mut doc.implements, at, kw, Self::idents),
            "note" => p.note(&mut doc.notes, at, kw),
            _ => None,
        })?;
        doc.span = self.span(start, self.pos);
        Some(doc)
    }

    /// The id and title (or name) of a declaration, and the whitespace after them.
    fn head(&mut self) -> Option<(Ident, Str)> {
        let id = self.ident()?;
        self.ws();
        let title = self.string()?;
        self.ws();
        Some((id, title))
    }

    fn owner(&mut self, start: usize, keyword: Span) -> Option<Owner> {
        let (id, name) = self.head()?;
        let mut owner = Owner::new(keyword, keyword, id, name);
        owner.has_block = self.optional_block(|p, word, at, kw| match word {
            "aka" => p.single(&mut owner.aka, at, kw, Self::strings),
            "note" => p.note(&mut owner.notes, at, kw),
            _ => None,
        })?;
        owner.span = self.span(start, self.pos);
        Some(owner)
    }

    fn group(&mut self, start: usize, keyword: Span) -> Option<Group> {
        let (id, name) = self.head()?;
        let mut group = Group::new(keyword, keyword, id, name);
        group.has_block = self.optional_block(|p, word, at, kw| match word {
            "members" => p.single(&mut group.members, at, kw, Self::idents),
            "aka" => p.single(&mut group.aka, at, kw, Self::strings),
            "note" => p.note(&mut group.notes, at, kw),
            _ => None,
        })?;
        group.span = self.span(start, self.pos);
        Some(group)
    }

    fn section(&mut self, start: usize, keyword: Span) -> Option<Section> {
        let first = self.string()?;
        self.ws();
        let (number, title) = if self.peek() == b'"' {
            let title = self.string()?;
            self.ws();
            (Some(first), title)
        } else {
            (None, first)
        };
        let mut section = Section {
            span: keyword,
            keyword,
            number,
            title,
            items: Vec::new(),
            notes: Vec::new(),
        };
        self.block(|p, word, at, kw| {
            if word == "note" {
                p.note(&mut section.notes, at, kw)?;
            } else {
                // The item parser reads its keyword itself.
                p.pos = at;
                section.items.push(p.item(false)?);
            }
            Some(())
        })?;
        section.span = self.span(start, self.pos);
        Some(section)
    }

    fn goal(&mut self) -> Option<Spanned<Goal>> {
        let start = self.pos;
        let goal = match (self.peek(), self.at(self.pos + 1)) {
            (b'"', _) => Goal::Text(self.string()?.value),
            (b'>', b'=') | (b'<', b'=') | (b'>', _) | (b'<', _) => {
                let (first, second) = (self.peek(), self.at(self.pos + 1));
                self.pos += if second == b'=' { 2 } else { 1 };
                self.ws();
                let n = self.number()?.value;
                match (first, second) {
                    (b'>', b'=') => Goal::AtLeast(n),
                    (b'>', _) => Goal::Above(n),
                    (b'<', b'=') => Goal::AtMost(n),
                    _ => Goal::Below(n),
                }
            }
            (b'~', _) => {
                self.pos += 1;
                self.ws();
                Goal::Approx(self.number()?.value)
            }
            _ => {
                let low = self.number()?.value;
                let after = self.pos;
                self.ws();
                if self.peek() == b'.' && self.at(self.pos + 1) == b'.' {
                    self.pos += 2;
                    self.ws();
                    Goal::Range(low, self.number()?.value)
                } else {
                    self.pos = after;
                    Goal::Exact(low)
                }
            }
        };
        Some(Spanned::new(goal, self.span(start, self.pos)))
    }

    fn window(
        &mut self,
        word: &str,
        slot: &mut Option<Attr<Window>>,
        at: usize,
        kw: Span,
    ) -> Option<()> {
        let value = match word {
            "by" => Window::By(self.deadline()?),
            // `yearly` is the keyword alone: its rule ends before the whitespace behind the cursor.
            "yearly" => {
                let attr = Attr {
                    keyword: kw,
                    value: Window::Yearly,
                    span: kw,
                };
                return once(slot, attr);
            }
            _ => {
                // `average` ~ `year_span?`: the whitespace after the keyword is already behind the cursor.
                if self.peek().is_ascii_digit() {
                    Window::Average(Some(self.year_span()?))
                } else {
                    Window::Average(None)
                }
            }
        };
        once(slot, self.attr(at, kw, value))
    }

    fn target(&mut self, kind: TargetKind, start: usize, keyword: Span) -> Option<Target> {
        let (id, title) = self.head()?;
        let mut t = Target::new(kind, keyword, keyword, id, title);
        t.has_block = self.optional_block(|p, word, at, kw| match word {
            "lead" => p.single(&mut t.lead, at, kw, Self::idents),
            "goal" => p.single(&mut t.goal, at, kw, Self::goal),
            "unit" => p.single(&mut t.unit, at, kw, Self::string),
            "by" | "yearly" | "average" => p.window(word, &mut t.window, at, kw),
            "support" => p.single(&mut t.support, at, kw, Self::idents),
            "monitor" => p.single(&mut t.monitor, at, kw, Self::idents),
            "baseline" => p.single(&mut t.baseline, at, kw, Self::baseline),
            "note" => p.note(&mut t.notes, at, kw),
            "value" => p.single(&mut t.value, at, kw, |p| {
                if !p.eat(b'=') {
                    return None;
                }
                p.ws();
                p.top_expr()
            }),
            "target" => push(&mut t.parts, p.target(TargetKind::Target, at, kw)?),
            "measure" => push(&mut t.parts, p.target(TargetKind::Measure, at, kw)?),
            "aim" => p.single(&mut t.aim, at, kw, Self::goal),
            "shares" => {
                let shares = p.shares(at, kw)?;
                once(&mut t.shares, shares)
            }
            _ => None,
        })?;
        t.span = self.span(start, self.pos);
        Some(t)
    }

    /// `baseline 7.2 in 2022`, after the keyword.
    fn baseline(&mut self) -> Option<Baseline> {
        let value = self.number()?;
        self.ws();
        let (in_start, in_end) = self.word()?;
        if self.slice(in_start, in_end)? != "in" {
            return None;
        }
        self.ws();
        let period = self.deadline()?;
        Some(Baseline { value, period })
    }

    /// A word from a closed list (`output`, `severity`, a frequency): `None` for any other word.
    fn keyword<T>(&mut self, from_keyword: impl FnOnce(&str) -> Option<T>) -> Option<Spanned<T>> {
        let (s, e) = self.word()?;
        let value = from_keyword(self.slice(s, e)?)?;
        Some(Spanned::new(value, self.span(s, e)))
    }

    fn shares(&mut self, start: usize, keyword: Span) -> Option<Shares> {
        let total: Spanned<Decimal> = self.number()?;
        self.ws();
        let mut parts = Vec::new();
        self.block(|p, word, at, kw| {
            let kind = match word {
                "target" => TargetKind::Target,
                "measure" => TargetKind::Measure,
                _ => return None,
            };
            parts.push(p.target(kind, at, kw)?);
            Some(())
        })?;
        Some(Shares {
            span: self.span(start, self.pos),
            keyword,
            total,
            parts,
        })
    }

    fn task(&mut self, start: usize, keyword: Span) -> Option<Task> {
        let (id, title) = self.head()?;
        let mut t = Task::new(keyword, keyword, id, title);
        t.has_block = self.optional_block(|p, word, at, kw| match word {
            "lead" => p.single(&mut t.lead, at, kw, Self::idents),
            "due" => p.single(&mut t.due, at, kw, Self::deadline),
            "support" => p.single(&mut t.support, at, kw, Self::idents),
            "output" => p.single(&mut t.output, at, kw, |p| p.keyword(Output::from_keyword)),
            "after" => p.single(&mut t.after, at, kw, Self::idents),
            "monitor" => p.single(&mut t.monitor, at, kw, Self::idents),
            "note" => p.note(&mut t.notes, at, kw),
            _ => None,
        })?;
        t.span = self.span(start, self.pos);
        Some(t)
    }

    fn report(&mut self, start: usize, keyword: Span) -> Option<Report> {
        let (id, title) = self.head()?;
        let mut r = Report::new(keyword, keyword, id, title);
        r.has_block = self.optional_block(|p, word, at, kw| match word {
            "from" => p.single(&mut r.from, at, kw, Self::idents),
            "to" => p.single(&mut r.to, at, kw, Self::idents),
            "every" => p.single(&mut r.every, at, kw, Self::recurrence),
            "note" => p.note(&mut r.notes, at, kw),
            _ => None,
        })?;
        r.span = self.span(start, self.pos);
        Some(r)
    }

    /// `quarter by day 15` or `year by 12-15`, after `every`.
    fn recurrence(&mut self) -> Option<Recurrence> {
        let frequency = self.keyword(Frequency::from_keyword)?;
        self.ws();
        let (by_start, by_end) = self.word()?;
        if self.slice(by_start, by_end)? != "by" {
            return None;
        }
        self.ws();
        let due_start = self.pos;
        let by = if self.peek().is_ascii_digit() {
            let (month, day, s, e) = self.month_day()?;
            Spanned::new(DueDay::MonthDay { month, day }, self.span(s, e))
        } else {
            let (day_start, day_end) = self.word()?;
            if self.slice(day_start, day_end)? != "day" {
                return None;
            }
            self.ws();
            let (s, e) = self.integer()?;
            let n = self.slice(s, e)?.parse().unwrap_or(u32::MAX);
            Spanned::new(DueDay::DayOfLastMonth(n), self.span(due_start, e))
        };
        Some(Recurrence { frequency, by })
    }

    fn rule(&mut self, start: usize, keyword: Span) -> Option<crate::ast::Rule> {
        let (id, title) = self.head()?;
        let mut r = crate::ast::Rule::new(keyword, keyword, id, title);
        self.block(|p, word, at, kw| match word {
            "require" | "when" => {
                let kind = if word == "require" {
                    ConditionKind::Require
                } else {
                    ConditionKind::When
                };
                p.single(&mut r.condition, at, kw, |p| {
                    Some(Condition {
                        kind,
                        expr: p.top_expr()?,
                    })
                })
            }
            "severity" => p.single(&mut r.severity, at, kw, |p| {
                p.keyword(RuleSeverity::from_keyword)
            }),
            "note" => p.note(&mut r.notes, at, kw),
            _ => None,
        })?;
        r.span = self.span(start, self.pos);
        Some(r)
    }
}
