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

    /// `keyword value` where the value is a string.
    fn string_attr(&mut self, start: usize, keyword: Span) -> Option<Attr<Str>> {
        let value = self.string()?;
        Some(Attr {
            keyword,
            value,
            span: self.span(start, self.pos),
        })
    }

    /// `ident_list`: after a single id pest's rule ends after the whitespace that follows it.
    fn idents_attr(&mut self, start: usize, keyword: Span) -> Option<Attr<Vec<Ident>>> {
        let mut value = vec![self.ident()?];
        self.ws();
        while self.eat(b',') {
            self.nl();
            value.push(self.ident()?);
            let after = self.pos;
            self.ws();
            if self.peek() != b',' {
                self.pos = after;
            }
        }
        // Pushing leaves room for four; the list lives as long as the run.
        value.shrink_to_fit();
        Some(Attr {
            keyword,
            value,
            span: self.span(start, self.pos),
        })
    }

    /// `string_list`, ending like `ident_list`.
    fn strings_attr(&mut self, start: usize, keyword: Span) -> Option<Attr<Vec<Str>>> {
        let mut value = vec![self.string()?];
        self.ws();
        while self.eat(b',') {
            self.nl();
            value.push(self.string()?);
            let after = self.pos;
            self.ws();
            if self.peek() != b',' {
                self.pos = after;
            }
        }
        // Pushing leaves room for four; the list lives as long as the run.
        value.shrink_to_fit();
        Some(Attr {
            keyword,
            value,
            span: self.span(start, self.pos),
        })
    }

    fn date_attr(
        &mut self,
        start: usize,
        keyword: Span,
    ) -> Option<Attr<Spanned<crate::deadline::DateLit>>> {
        let value = self.date()?;
        Some(Attr {
            keyword,
            value,
            span: self.span(start, self.pos),
        })
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
        let mut plan = Plan {
            span: keyword,
            keyword,
            number,
            title: None,
            issuer: None,
            issued: None,
            signer: None,
            period: None,
            implements: None,
            approx: None,
            notes: Vec::new(),
        };
        self.block(|p, word, at, kw| match word {
            "title" => once(&mut plan.title, p.string_attr(at, kw)?),
            "issuer" => once(&mut plan.issuer, p.string_attr(at, kw)?),
            "signer" => once(&mut plan.signer, p.string_attr(at, kw)?),
            "issued" => once(&mut plan.issued, p.date_attr(at, kw)?),
            "implements" => once(&mut plan.implements, p.idents_attr(at, kw)?),
            "note" => push(&mut plan.notes, p.string_attr(at, kw)?),
            "period" => {
                let value = p.year_span()?;
                once(&mut plan.period, p.attr(at, kw, value))
            }
            "approx" => {
                let value = p.percent()?;
                once(&mut plan.approx, p.attr(at, kw, value))
            }
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
        let mut doc = Document {
            span: keyword,
            keyword,
            id,
            number,
            title: None,
            issuer: None,
            issued: None,
            implements: None,
            notes: Vec::new(),
            has_block: false,
        };
        doc.has_block = self.optional_block(|p, word, at, kw| match word {
            "title" => once(&mut doc.title, p.string_attr(at, kw)?),
            "issuer" => once(&mut doc.issuer, p.string_attr(at, kw)?),
            "issued" => once(&mut doc.issued, p.date_attr(at, kw)?),
            "implements" => once(&mut doc.implements, p.idents_attr(at, kw)?),
            "note" => push(&mut doc.notes, p.string_attr(at, kw)?),
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
        let mut owner = Owner {
            span: keyword,
            keyword,
            id,
            name,
            aka: None,
            notes: Vec::new(),
            has_block: false,
        };
        owner.has_block = self.optional_block(|p, word, at, kw| match word {
            "aka" => once(&mut owner.aka, p.strings_attr(at, kw)?),
            "note" => push(&mut owner.notes, p.string_attr(at, kw)?),
            _ => None,
        })?;
        owner.span = self.span(start, self.pos);
        Some(owner)
    }

    fn group(&mut self, start: usize, keyword: Span) -> Option<Group> {
        let (id, name) = self.head()?;
        let mut group = Group {
            span: keyword,
            keyword,
            id,
            name,
            members: None,
            aka: None,
            notes: Vec::new(),
            has_block: false,
        };
        group.has_block = self.optional_block(|p, word, at, kw| match word {
            "members" => once(&mut group.members, p.idents_attr(at, kw)?),
            "aka" => once(&mut group.aka, p.strings_attr(at, kw)?),
            "note" => push(&mut group.notes, p.string_attr(at, kw)?),
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
                section.notes.push(p.string_attr(at, kw)?);
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
        let mut t = Target {
            kind,
            span: keyword,
            keyword,
            id,
            title,
            unit: None,
            goal: None,
            aim: None,
            window: None,
            lead: None,
            support: None,
            monitor: None,
            baseline: None,
            value: None,
            notes: Vec::new(),
            parts: Vec::new(),
            shares: None,
            has_block: false,
        };
        t.has_block = self.optional_block(|p, word, at, kw| match word {
            "lead" => once(&mut t.lead, p.idents_attr(at, kw)?),
            "goal" => {
                let value = p.goal()?;
                once(&mut t.goal, p.attr(at, kw, value))
            }
            "unit" => once(&mut t.unit, p.string_attr(at, kw)?),
            "by" | "yearly" | "average" => p.window(word, &mut t.window, at, kw),
            "support" => once(&mut t.support, p.idents_attr(at, kw)?),
            "monitor" => once(&mut t.monitor, p.idents_attr(at, kw)?),
            "baseline" => {
                let value = p.number()?;
                p.ws();
                let (in_start, in_end) = p.word()?;
                if p.slice(in_start, in_end)? != "in" {
                    return None;
                }
                p.ws();
                let period = p.deadline()?;
                once(&mut t.baseline, p.attr(at, kw, Baseline { value, period }))
            }
            "note" => push(&mut t.notes, p.string_attr(at, kw)?),
            "value" => {
                if !p.eat(b'=') {
                    return None;
                }
                p.ws();
                let value = p.top_expr()?;
                once(&mut t.value, p.attr(at, kw, value))
            }
            "target" => push(&mut t.parts, p.target(TargetKind::Target, at, kw)?),
            "measure" => push(&mut t.parts, p.target(TargetKind::Measure, at, kw)?),
            "aim" => {
                let value = p.goal()?;
                once(&mut t.aim, p.attr(at, kw, value))
            }
            "shares" => {
                let shares = p.shares(at, kw)?;
                once(&mut t.shares, shares)
            }
            _ => None,
        })?;
        t.span = self.span(start, self.pos);
        Some(t)
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
        let mut t = Task {
            span: keyword,
            keyword,
            id,
            title,
            lead: None,
            support: None,
            monitor: None,
            due: None,
            output: None,
            after: None,
            notes: Vec::new(),
            has_block: false,
        };
        t.has_block = self.optional_block(|p, word, at, kw| match word {
            "lead" => once(&mut t.lead, p.idents_attr(at, kw)?),
            "due" => {
                let value = p.deadline()?;
                once(&mut t.due, p.attr(at, kw, value))
            }
            "support" => once(&mut t.support, p.idents_attr(at, kw)?),
            "output" => {
                let (s, e) = p.word()?;
                let value = Output::from_keyword(p.slice(s, e)?)?;
                let value = Spanned::new(value, p.span(s, e));
                once(&mut t.output, p.attr(at, kw, value))
            }
            "after" => once(&mut t.after, p.idents_attr(at, kw)?),
            "monitor" => once(&mut t.monitor, p.idents_attr(at, kw)?),
            "note" => push(&mut t.notes, p.string_attr(at, kw)?),
            _ => None,
        })?;
        t.span = self.span(start, self.pos);
        Some(t)
    }

    fn report(&mut self, start: usize, keyword: Span) -> Option<Report> {
        let (id, title) = self.head()?;
        let mut r = Report {
            span: keyword,
            keyword,
            id,
            title,
            from: None,
            to: None,
            every: None,
            notes: Vec::new(),
            has_block: false,
        };
        r.has_block = self.optional_block(|p, word, at, kw| match word {
            "from" => once(&mut r.from, p.idents_attr(at, kw)?),
            "to" => once(&mut r.to, p.idents_attr(at, kw)?),
            "every" => {
                let (s, e) = p.word()?;
                let frequency =
                    Spanned::new(Frequency::from_keyword(p.slice(s, e)?)?, p.span(s, e));
                p.ws();
                let (by_start, by_end) = p.word()?;
                if p.slice(by_start, by_end)? != "by" {
                    return None;
                }
                p.ws();
                let due_start = p.pos;
                let by = if p.peek().is_ascii_digit() {
                    let (month, day, s, e) = p.month_day()?;
                    Spanned::new(DueDay::MonthDay { month, day }, p.span(s, e))
                } else {
                    let (day_start, day_end) = p.word()?;
                    if p.slice(day_start, day_end)? != "day" {
                        return None;
                    }
                    p.ws();
                    let (s, e) = p.integer()?;
                    let n = p.slice(s, e)?.parse().unwrap_or(u32::MAX);
                    Spanned::new(DueDay::DayOfLastMonth(n), p.span(due_start, e))
                };
                once(&mut r.every, p.attr(at, kw, Recurrence { frequency, by }))
            }
            "note" => push(&mut r.notes, p.string_attr(at, kw)?),
            _ => None,
        })?;
        r.span = self.span(start, self.pos);
        Some(r)
    }

    fn rule(&mut self, start: usize, keyword: Span) -> Option<crate::ast::Rule> {
        let (id, title) = self.head()?;
        let mut r = crate::ast::Rule {
            span: keyword,
            keyword,
            id,
            title,
            condition: None,
            severity: None,
            notes: Vec::new(),
        };
        self.block(|p, word, at, kw| match word {
            "require" | "when" => {
                let kind = if word == "require" {
                    ConditionKind::Require
                } else {
                    ConditionKind::When
                };
                let expr = p.top_expr()?;
                once(&mut r.condition, p.attr(at, kw, Condition { kind, expr }))
            }
            "severity" => {
                let (s, e) = p.word()?;
                let value = Spanned::new(RuleSeverity::from_keyword(p.slice(s, e)?)?, p.span(s, e));
                once(&mut r.severity, p.attr(at, kw, value))
            }
            "note" => push(&mut r.notes, p.string_attr(at, kw)?),
            _ => None,
        })?;
        r.span = self.span(start, self.pos);
        Some(r)
    }
}
