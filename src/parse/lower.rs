//! Lowering: pest's pairs to the typed AST. The only module that touches `pest::iterators::Pair`.
//!
//! The grammar has already decided the shape, so lowering mostly moves text into types. What it still checks is
//! what a grammar cannot: an attribute given twice (`duplicate-attribute`), a keyword from a closed list
//! (`output`, `severity`, `every`), numbers that do not fit a decimal and expressions over the size limit
//! (`limit-exceeded`). Each such problem is reported and the offending attribute dropped, never the declaration.

use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;

use super::Rule;
use super::fold::Fold;
use crate::ast::*;
use crate::deadline::{DateLit, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic, Text};
use crate::fuzzy;
use crate::limits::{MAX_EXPR_NODES, MAX_NUMBER_DIGITS};
use crate::source::{FileId, Span, Spanned};
use crate::text;

pub(super) struct Lower<'d> {
    pub file: FileId,
    /// Offset of the parsed text in its file.
    pub base: usize,
    pub diagnostics: &'d mut Vec<Diagnostic>,
}

/// The value of a string literal from the text between its quotes: `\"` and `\\` (the only escapes the grammar
/// admits) stand for the character after the backslash.
fn unescape(inner: &str) -> String {
    if !inner.contains('\\') {
        return inner.to_string();
    }
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            value.extend(chars.next());
        } else {
            value.push(c);
        }
    }
    value
}

/// Sets an attribute once; a second one is reported with both places.
fn set_once<T>(lower: &mut Lower<'_>, slot: &mut Option<Attr<T>>, attr: Attr<T>, name: &str) {
    match slot {
        Some(first) => {
            let first = first.keyword;
            lower.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    attr.keyword,
                    text!("`{name}` is given twice", "`{name}` được khai báo hai lần"),
                )
                .with_label(text!("second `{name}`", "`{name}` thứ hai"))
                .with_other(first, text!("first `{name}` here", "`{name}` thứ nhất ở đây"))
                .with_help(text!(
                    "keep one `{name}`; list several values in it separated by commas where it takes a list",
                    "chỉ giữ một `{name}`; nếu cần nhiều giá trị, liệt kê trong cùng một dòng, cách nhau bằng dấu phẩy"
                )),
            );
        }
        None => *slot = Some(attr),
    }
}

impl Lower<'_> {
    /// Where a pair stands in the file, exactly: a rule that ends in an absent optional part or an empty
    /// repetition (`average`, `owner a "A"`, `lead a, b`) ends, in pest, after the implicit whitespace tried
    /// before it, which here is only spaces and tabs (comments and other blanks are blanked to spaces).
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let start = self.base + pair.as_span().start();
        let end = start + pair.as_str().trim_end_matches([' ', '\t']).len();
        Span::new(self.file, start, end)
    }

    fn syntax(&mut self, span: Span, message: Text, help: Option<Text>) {
        let mut d = Diagnostic::new(Code::Syntax, span, message);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        self.diagnostics.push(d);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Tokens

    fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        Spanned::new(pair.as_str().to_string(), self.span(&pair))
    }

    fn idents(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        let mut list: Vec<Ident> = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::ident)
            .map(|p| self.ident(p))
            .collect();
        // Collecting leaves room for four; the list lives as long as the run.
        list.shrink_to_fit();
        list
    }

    fn string(&self, pair: Pair<'_, Rule>) -> Str {
        let raw = pair.as_str();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let value = unescape(inner);
        Spanned::new(value, self.span(&pair))
    }

    fn strings(&self, pair: Pair<'_, Rule>) -> Vec<Str> {
        let mut list: Vec<Str> = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::string)
            .map(|p| self.string(p))
            .collect();
        // Collecting leaves room for four; the list lives as long as the run.
        list.shrink_to_fit();
        list
    }

    /// A decimal literal, exactly. Too many digits is a `limit-exceeded` error and reads as zero.
    fn number(&mut self, pair: Pair<'_, Rule>) -> Spanned<Decimal> {
        let span = self.span(&pair);
        let written = pair.as_str().trim_end_matches('%');
        let plain: String = written.chars().filter(|&c| c != '_').collect();
        let digits = plain.chars().filter(char::is_ascii_digit).count();
        let parsed = if digits > MAX_NUMBER_DIGITS {
            None
        } else {
            Decimal::from_str_exact(&plain).ok()
        };
        match parsed {
            // `from_str_exact` keeps the written scale (`8.60` stays `8.60`) for the formatter.
            Some(value) => Spanned::new(value, span),
            None => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::LimitExceeded,
                        span,
                        text!(
                            "number `{written}` has too many digits",
                            "số `{written}` có quá nhiều chữ số"
                        ),
                    )
                    .with_help(text!(
                        "numbers hold at most {MAX_NUMBER_DIGITS} significant digits; round it or change the unit (e.g. `tỷ đồng` instead of `đồng`)",
                        "số chỉ có tối đa {MAX_NUMBER_DIGITS} chữ số có nghĩa; hãy làm tròn hoặc đổi đơn vị (ví dụ `tỷ đồng` thay cho `đồng`)"
                    )),
                );
                Spanned::new(Decimal::ZERO, span)
            }
        }
    }

    fn date(&mut self, pair: Pair<'_, Rule>) -> Option<Spanned<DateLit>> {
        let span = self.span(&pair);
        match pair.as_str().parse::<DateLit>() {
            Ok(d) => Some(Spanned::new(d, span)),
            Err(()) => {
                self.syntax(
                    span,
                    text!(
                        "`{}` is not a date",
                        "`{}` không phải là ngày",
                        pair.as_str()
                    ),
                    None,
                );
                None
            }
        }
    }

    fn deadline(&mut self, pair: Pair<'_, Rule>) -> Option<Spanned<DeadlineLit>> {
        let span = self.span(&pair);
        match pair.as_str().parse::<DeadlineLit>() {
            Ok(d) => Some(Spanned::new(d, span)),
            Err(()) => {
                // The grammar admits the shape; only absurdly long digit runs fail here.
                self.syntax(
                    span,
                    text!("`{}` is not a deadline", "`{}` không phải là thời hạn", pair.as_str()),
                    Some(text!(
                        "write a day `2021-02-01`, a month `2021-07`, a quarter `2021-Q2`, a half `2021-H1` or a year `2021`",
                        "viết ngày `2021-02-01`, tháng `2021-07`, quý `2021-Q2`, nửa năm `2021-H1` hoặc năm `2021`"
                    )),
                );
                None
            }
        }
    }

    fn year(&mut self, pair: Pair<'_, Rule>) -> i32 {
        pair.as_str().parse().unwrap_or(0)
    }

    fn year_span(&mut self, pair: Pair<'_, Rule>) -> Spanned<YearSpan> {
        let span = self.span(&pair);
        let years: Vec<i32> = pair.into_inner().map(|p| self.year(p)).collect();
        let value = match years.as_slice() {
            [from, to] => YearSpan {
                from: *from,
                to: *to,
                single: false,
            },
            [one] => YearSpan {
                from: *one,
                to: *one,
                single: true,
            },
            _ => YearSpan {
                from: 0,
                to: 0,
                single: true,
            },
        };
        Spanned::new(value, span)
    }

    /// A word from a closed list (`output project`), with a suggestion when it is not one of them.
    fn keyword_from<T: Copy>(
        &mut self,
        pair: Pair<'_, Rule>,
        what: Text,
        list: &[(&'static str, T)],
    ) -> Option<Spanned<T>> {
        let span = self.span(&pair);
        let word = pair.as_str();
        if let Some((_, value)) = list.iter().find(|(name, _)| *name == word) {
            return Some(Spanned::new(*value, span));
        }
        let names: Vec<&str> = list.iter().map(|(n, _)| *n).collect();
        let all = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match fuzzy::best_match(word, names.iter().copied()) {
            Some(best) => text!(
                "did you mean `{best}`? one of: {all}",
                "có phải ý bạn là `{best}`? một trong: {all}"
            ),
            None => text!("write one of: {all}", "viết một trong: {all}"),
        };
        self.syntax(
            span,
            Text::new(
                format!("`{word}` is not {}", what.en),
                format!("`{word}` không phải là {}", what.vi),
            ),
            Some(help),
        );
        None
    }

    // -----------------------------------------------------------------------------------------------------------
    // Declarations

    /// One top-level item (or one inside a section).
    pub fn item(&mut self, pair: Pair<'_, Rule>) -> Option<Item> {
        let span = self.span(&pair);
        Some(match pair.as_rule() {
            Rule::plan => Item::Plan(Box::new(self.plan(pair, span))),
            Rule::document => Item::Document(Box::new(self.document(pair, span))),
            Rule::use_decl => {
                let mut inner = pair.into_inner();
                let keyword = self.span(&inner.next()?);
                Item::Use(Box::new(Use {
                    span,
                    keyword,
                    path: self.string(inner.next()?),
                }))
            }
            Rule::owner => Item::Owner(Box::new(self.owner(pair, span)?)),
            Rule::group => Item::Group(Box::new(self.group(pair, span)?)),
            Rule::section => Item::Section(Box::new(self.section(pair, span)?)),
            Rule::target | Rule::measure => Item::Target(Box::new(self.target(pair, span)?)),
            Rule::task => Item::Task(Box::new(self.task(pair, span)?)),
            Rule::report => Item::Report(Box::new(self.report(pair, span)?)),
            Rule::rule_decl => Item::Rule(Box::new(self.rule(pair, span)?)),
            _ => return None,
        })
    }

    /// The keyword, then the id and title of a declaration with a block.
    fn head<'i>(&self, inner: &mut Pairs<'i, Rule>) -> Option<(Span, Ident, Str)> {
        let keyword = self.span(&inner.next()?);
        let id = self.ident(inner.next()?);
        let title = self.string(inner.next()?);
        Some((keyword, id, title))
    }

    /// The statements of a block with their spans (the statement rules are silent, so the attribute pairs are
    /// the block's children).
    fn statements<'i>(&self, inner: Pairs<'i, Rule>) -> Vec<(Pair<'i, Rule>, Span)> {
        inner
            .map(|attr| {
                let span = self.span(&attr);
                (attr, span)
            })
            .collect()
    }

    /// Keyword span and value pairs of an attribute statement.
    fn attr_parts<'i>(&self, attr: Pair<'i, Rule>) -> (Span, Pairs<'i, Rule>) {
        let mut inner = attr.clone().into_inner();
        let keyword = inner
            .peek()
            .map_or_else(|| self.span(&attr), |k| self.span(&k));
        inner.next();
        (keyword, inner)
    }

    fn note(&mut self, attr: Pair<'_, Rule>, span: Span, notes: &mut Vec<Attr<Str>>) {
        let (keyword, mut inner) = self.attr_parts(attr);
        if let Some(s) = inner.next() {
            notes.push(Attr {
                keyword,
                value: self.string(s),
                span,
            });
        }
    }

    /// An attribute given at most once: `value` reads it from the pairs after the keyword (reporting its own
    /// problems; `None` drops the attribute), and a second one is reported with both places.
    fn single<'i, T>(
        &mut self,
        attr: Pair<'i, Rule>,
        span: Span,
        slot: &mut Option<Attr<T>>,
        name: &str,
        value: impl FnOnce(&mut Self, Pairs<'i, Rule>) -> Option<T>,
    ) {
        let (keyword, inner) = self.attr_parts(attr);
        if let Some(value) = value(self, inner) {
            let attr = Attr {
                keyword,
                value,
                span,
            };
            set_once(self, slot, attr, name);
        }
    }

    fn string_attr(
        &mut self,
        attr: Pair<'_, Rule>,
        span: Span,
        slot: &mut Option<Attr<Str>>,
        name: &str,
    ) {
        self.single(attr, span, slot, name, |l, mut v| Some(l.string(v.next()?)));
    }

    fn idents_attr(
        &mut self,
        attr: Pair<'_, Rule>,
        span: Span,
        slot: &mut Option<Attr<Vec<Ident>>>,
        name: &str,
    ) {
        self.single(attr, span, slot, name, |l, mut v| Some(l.idents(v.next()?)));
    }

    fn plan(&mut self, pair: Pair<'_, Rule>, span: Span) -> Plan {
        let mut inner = pair.into_inner();
        let keyword = inner.next().map_or(span, |k| self.span(&k));
        let number = inner
            .next()
            .map_or_else(|| Spanned::new(String::new(), span), |s| self.string(s));
        let mut plan = Plan::new(span, keyword, number);
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::title => self.string_attr(attr, span, &mut plan.title, "title"),
                Rule::issuer => self.string_attr(attr, span, &mut plan.issuer, "issuer"),
                Rule::signer => self.string_attr(attr, span, &mut plan.signer, "signer"),
                Rule::issued => self.single(attr, span, &mut plan.issued, "issued", |l, mut v| {
                    l.date(v.next()?)
                }),
                Rule::implements => {
                    self.idents_attr(attr, span, &mut plan.implements, "implements")
                }
                Rule::note => self.note(attr, span, &mut plan.notes),
                Rule::period => self.single(attr, span, &mut plan.period, "period", |l, mut v| {
                    Some(l.year_span(v.next()?))
                }),
                Rule::approx => self.single(attr, span, &mut plan.approx, "approx", |l, mut v| {
                    Some(l.number(v.next()?))
                }),
                _ => {}
            }
        }
        plan
    }

    fn document(&mut self, pair: Pair<'_, Rule>, span: Span) -> Document {
        let has_block = pair.as_str().ends_with('}');
        let mut inner = pair.into_inner();
        let keyword = inner.next().map_or(span, |k| self.span(&k));
        let id = inner
            .next()
            .map_or_else(|| Spanned::new(String::new(), span), |p| self.ident(p));
        let number = inner
            .next()
            .map_or_else(|| Spanned::new(String::new(), span), |s| self.string(s));
        let mut doc = Document {
            has_block,
            ..Document::new(span, keyword, id, number)
        };
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::title => self.string_attr(attr, span, &mut doc.title, "title"),
                Rule::issuer => self.string_attr(attr, span, &mut doc.issuer, "issuer"),
                Rule::issued => self.single(attr, span, &mut doc.issued, "issued", |l, mut v| {
                    l.date(v.next()?)
                }),
                Rule::implements => self.idents_attr(attr, span, &mut doc.implements, "implements"),
                Rule::note => self.note(attr, span, &mut doc.notes),
                _ => {}
            }
        }
        doc
    }

    fn owner(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<Owner> {
        let has_block = pair.as_str().ends_with('}');
        let mut inner = pair.into_inner();
        let (keyword, id, name) = self.head(&mut inner)?;
        let mut owner = Owner {
            has_block,
            ..Owner::new(span, keyword, id, name)
        };
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::aka => self.aka(attr, span, &mut owner.aka),
                Rule::note => self.note(attr, span, &mut owner.notes),
                _ => {}
            }
        }
        Some(owner)
    }

    fn aka(&mut self, attr: Pair<'_, Rule>, span: Span, slot: &mut Option<Attr<Vec<Str>>>) {
        self.single(attr, span, slot, "aka", |l, mut v| {
            Some(l.strings(v.next()?))
        });
    }

    fn group(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<Group> {
        let has_block = pair.as_str().ends_with('}');
        let mut inner = pair.into_inner();
        let (keyword, id, name) = self.head(&mut inner)?;
        let mut group = Group {
            has_block,
            ..Group::new(span, keyword, id, name)
        };
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::members => self.idents_attr(attr, span, &mut group.members, "members"),
                Rule::aka => self.aka(attr, span, &mut group.aka),
                Rule::note => self.note(attr, span, &mut group.notes),
                _ => {}
            }
        }
        Some(group)
    }

    fn section(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<Section> {
        let mut inner = pair.into_inner();
        let keyword = self.span(&inner.next()?);
        let first = self.string(inner.next()?);
        let (number, title) = if inner.peek().is_some_and(|p| p.as_rule() == Rule::string) {
            let title = self.string(inner.next()?);
            (Some(first), title)
        } else {
            (None, first)
        };
        let mut section = Section {
            span,
            keyword,
            number,
            title,
            items: Vec::new(),
            notes: Vec::new(),
        };
        for child in inner {
            if child.as_rule() == Rule::note {
                let stmt_span = self.span(&child);
                self.note(child, stmt_span, &mut section.notes);
            } else if let Some(item) = self.item(child) {
                section.items.push(item);
            }
        }
        Some(section)
    }

    fn target(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<Target> {
        let kind = if pair.as_rule() == Rule::measure {
            TargetKind::Measure
        } else {
            TargetKind::Target
        };
        let has_block = pair.as_str().ends_with('}');
        let mut inner = pair.into_inner();
        let (keyword, id, title) = self.head(&mut inner)?;
        let mut t = Target {
            has_block,
            ..Target::new(kind, span, keyword, id, title)
        };
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::unit => self.string_attr(attr, span, &mut t.unit, "unit"),
                Rule::goal | Rule::aim => {
                    let name = if attr.as_rule() == Rule::goal {
                        "goal"
                    } else {
                        "aim"
                    };
                    let slot = if name == "goal" {
                        &mut t.goal
                    } else {
                        &mut t.aim
                    };
                    self.single(attr, span, slot, name, |l, mut v| l.goal(v.next()?));
                }
                Rule::by | Rule::yearly | Rule::average => self.window(attr, span, &mut t.window),
                Rule::lead => self.idents_attr(attr, span, &mut t.lead, "lead"),
                Rule::support => self.idents_attr(attr, span, &mut t.support, "support"),
                Rule::monitor => self.idents_attr(attr, span, &mut t.monitor, "monitor"),
                Rule::baseline => {
                    self.single(attr, span, &mut t.baseline, "baseline", |l, mut v| {
                        let value = v.next().map(|n| l.number(n));
                        v.next(); // `in`
                        let period = v.next().and_then(|d| l.deadline(d));
                        Some(Baseline {
                            value: value?,
                            period: period?,
                        })
                    })
                }
                Rule::value => self.single(attr, span, &mut t.value, "value", |l, mut v| {
                    l.expr_checked(v.next()?)
                }),
                Rule::note => self.note(attr, span, &mut t.notes),
                Rule::shares => {
                    if let Some(shares) = self.shares(attr) {
                        if let Some(first) = &t.shares {
                            let first = first.keyword;
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::DuplicateAttribute,
                                    shares.keyword,
                                    text!(
                                        "`shares` is given twice",
                                        "`shares` được khai báo hai lần"
                                    ),
                                )
                                .with_other(
                                    first,
                                    text!("first `shares` here", "`shares` thứ nhất ở đây"),
                                )
                                .with_help(text!(
                                    "put all the parts in one `shares` block",
                                    "gộp tất cả các thành phần vào một khối `shares`"
                                )),
                            );
                        } else {
                            t.shares = Some(shares);
                        }
                    }
                }
                Rule::target | Rule::measure => {
                    let child_span = self.span(&attr);
                    if let Some(child) = self.target(attr, child_span) {
                        t.parts.push(child);
                    }
                }
                _ => {}
            }
        }
        Some(t)
    }

    fn window(&mut self, attr: Pair<'_, Rule>, span: Span, slot: &mut Option<Attr<Window>>) {
        let rule = attr.as_rule();
        let (keyword, mut inner) = self.attr_parts(attr);
        let value = match rule {
            Rule::by => match inner.next().and_then(|d| self.deadline(d)) {
                Some(d) => Window::By(d),
                None => return,
            },
            Rule::yearly => Window::Yearly,
            _ => Window::Average(inner.next().map(|y| self.year_span(y))),
        };
        if let Some(first) = slot {
            let first = first.keyword;
            self.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    keyword,
                    text!(
                        "a target has one window: `by`, `yearly` or `average`",
                        "mỗi chỉ tiêu chỉ có một cách đánh giá: `by`, `yearly` hoặc `average`"
                    ),
                )
                .with_label(text!("second window", "cách đánh giá thứ hai"))
                .with_other(first, text!("first window here", "cách đánh giá thứ nhất ở đây"))
                .with_help(text!(
                    "keep the one that says when the target is judged; split it into two targets if both apply",
                    "giữ cách đánh giá đúng; nếu cả hai đều cần thì tách thành hai chỉ tiêu"
                )),
            );
        } else {
            *slot = Some(Attr {
                keyword,
                value,
                span,
            });
        }
    }

    fn goal(&mut self, pair: Pair<'_, Rule>) -> Option<Spanned<Goal>> {
        let span = self.span(&pair);
        let form = pair.into_inner().next()?;
        let rule = form.as_rule();
        let mut inner = form.into_inner();
        let goal = match rule {
            Rule::goal_text => Goal::Text(self.string(inner.next()?).value),
            Rule::goal_range => {
                let lo = self.number(inner.next()?).value;
                let hi = self.number(inner.next()?).value;
                Goal::Range(lo, hi)
            }
            Rule::goal_cmp => {
                let op = inner.next()?;
                let n = self.number(inner.next()?).value;
                match op.as_str() {
                    ">=" => Goal::AtLeast(n),
                    ">" => Goal::Above(n),
                    "<=" => Goal::AtMost(n),
                    _ => Goal::Below(n),
                }
            }
            Rule::goal_approx => Goal::Approx(self.number(inner.next()?).value),
            _ => Goal::Exact(self.number(inner.next()?).value),
        };
        Some(Spanned::new(goal, span))
    }

    fn shares(&mut self, attr: Pair<'_, Rule>) -> Option<Shares> {
        let span = self.span(&attr);
        let mut inner = attr.into_inner();
        let keyword = self.span(&inner.next()?);
        let total = self.number(inner.next()?);
        let mut parts = Vec::new();
        for child in inner {
            let child_span = self.span(&child);
            if let Some(t) = self.target(child, child_span) {
                parts.push(t);
            }
        }
        Some(Shares {
            span,
            keyword,
            total,
            parts,
        })
    }

    fn task(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<Task> {
        let has_block = pair.as_str().ends_with('}');
        let mut inner = pair.into_inner();
        let (keyword, id, title) = self.head(&mut inner)?;
        let mut t = Task {
            has_block,
            ..Task::new(span, keyword, id, title)
        };
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::lead => self.idents_attr(attr, span, &mut t.lead, "lead"),
                Rule::support => self.idents_attr(attr, span, &mut t.support, "support"),
                Rule::monitor => self.idents_attr(attr, span, &mut t.monitor, "monitor"),
                Rule::after => self.idents_attr(attr, span, &mut t.after, "after"),
                Rule::due => self.single(attr, span, &mut t.due, "due", |l, mut v| {
                    l.deadline(v.next()?)
                }),
                Rule::output => self.single(attr, span, &mut t.output, "output", |l, mut v| {
                    let list: Vec<(&str, Output)> =
                        Output::ALL.iter().map(|o| (o.as_str(), *o)).collect();
                    l.keyword_from(
                        v.next()?,
                        text!("an output kind", "một loại sản phẩm"),
                        &list,
                    )
                }),
                Rule::note => self.note(attr, span, &mut t.notes),
                _ => {}
            }
        }
        Some(t)
    }

    fn report(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<Report> {
        let has_block = pair.as_str().ends_with('}');
        let mut inner = pair.into_inner();
        let (keyword, id, title) = self.head(&mut inner)?;
        let mut r = Report {
            has_block,
            ..Report::new(span, keyword, id, title)
        };
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::from => self.idents_attr(attr, span, &mut r.from, "from"),
                Rule::to => self.idents_attr(attr, span, &mut r.to, "to"),
                Rule::every => self.single(attr, span, &mut r.every, "every", |l, mut v| {
                    let list: Vec<(&str, Frequency)> =
                        Frequency::ALL.iter().map(|f| (f.as_str(), *f)).collect();
                    let frequency = v
                        .next()
                        .and_then(|w| l.keyword_from(w, text!("a frequency", "một chu kỳ"), &list));
                    v.next(); // `by`
                    let by = v.next().and_then(|p| l.due_day(p));
                    Some(Recurrence {
                        frequency: frequency?,
                        by: by?,
                    })
                }),
                Rule::note => self.note(attr, span, &mut r.notes),
                _ => {}
            }
        }
        Some(r)
    }

    fn due_day(&mut self, pair: Pair<'_, Rule>) -> Option<Spanned<DueDay>> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::day_of_period => {
                let n = pair.into_inner().nth(1)?;
                Some(Spanned::new(
                    DueDay::DayOfLastMonth(n.as_str().parse().unwrap_or(u32::MAX)),
                    span,
                ))
            }
            _ => {
                let (m, d) = pair.as_str().split_once('-')?;
                Some(Spanned::new(
                    DueDay::MonthDay {
                        month: m.parse().unwrap_or(0),
                        day: d.parse().unwrap_or(0),
                    },
                    span,
                ))
            }
        }
    }

    fn rule(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<crate::ast::Rule> {
        let mut inner = pair.into_inner();
        let (keyword, id, title) = self.head(&mut inner)?;
        let mut r = crate::ast::Rule::new(span, keyword, id, title);
        for (attr, span) in self.statements(inner) {
            match attr.as_rule() {
                Rule::require | Rule::when => {
                    let kind = if attr.as_rule() == Rule::require {
                        ConditionKind::Require
                    } else {
                        ConditionKind::When
                    };
                    let (keyword, mut inner) = self.attr_parts(attr);
                    if let Some(expr) = inner.next().and_then(|e| self.expr_checked(e)) {
                        if let Some(first) = &r.condition {
                            let first = first.keyword;
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::DuplicateAttribute,
                                    keyword,
                                    text!(
                                        "a rule has one condition: `require` or `when`",
                                        "mỗi quy tắc chỉ có một điều kiện: `require` hoặc `when`"
                                    ),
                                )
                                .with_other(
                                    first,
                                    text!("first condition here", "điều kiện thứ nhất ở đây"),
                                )
                                .with_help(text!(
                                    "combine them with `and`, or write a second rule",
                                    "kết hợp bằng `and`, hoặc viết thêm một quy tắc"
                                )),
                            );
                        } else {
                            r.condition = Some(Attr {
                                keyword,
                                value: Condition { kind, expr },
                                span,
                            });
                        }
                    }
                }
                Rule::severity => {
                    self.single(attr, span, &mut r.severity, "severity", |l, mut v| {
                        let list: Vec<(&str, RuleSeverity)> =
                            RuleSeverity::ALL.iter().map(|s| (s.as_str(), *s)).collect();
                        l.keyword_from(v.next()?, text!("a severity", "một mức độ"), &list)
                    })
                }
                Rule::note => self.note(attr, span, &mut r.notes),
                _ => {}
            }
        }
        Some(r)
    }

    // -----------------------------------------------------------------------------------------------------------
    // Expressions

    /// An expression, or `None` (with a diagnostic) when part of it cannot be lowered or it is too large.
    fn expr_checked(&mut self, pair: Pair<'_, Rule>) -> Option<Expr> {
        let span = self.span(&pair);
        let nodes = pair.clone().into_inner().flatten().count();
        if nodes > MAX_EXPR_NODES {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::LimitExceeded,
                    span,
                    text!(
                        "expression too large: more than {MAX_EXPR_NODES} parts",
                        "biểu thức quá lớn: hơn {MAX_EXPR_NODES} thành phần"
                    ),
                )
                .with_help(text!(
                    "split it: give intermediate values their own `measure` with `value = …`",
                    "hãy tách nhỏ: đặt các giá trị trung gian thành `measure` riêng với `value = …`"
                )),
            );
            return None;
        }
        self.expr(pair)
    }

    /// Folds the flat operand/operator sequence with an operator-precedence stack; no recursion except into
    /// parentheses and call arguments, whose depth the scanner bounds.
    fn expr(&mut self, pair: Pair<'_, Rule>) -> Option<Expr> {
        let mut fold = Fold::default();
        let mut failed = false;
        for part in pair.into_inner() {
            let span = self.span(&part);
            let binary = match part.as_rule() {
                Rule::op_not => {
                    fold.prefix(Spanned::new(UnaryOp::Not, span));
                    continue;
                }
                Rule::op_neg => {
                    fold.prefix(Spanned::new(UnaryOp::Neg, span));
                    continue;
                }
                Rule::op_or => Some(BinOp::Or),
                Rule::op_and => Some(BinOp::And),
                Rule::op_eq => Some(BinOp::Eq),
                Rule::op_ne => Some(BinOp::Ne),
                Rule::op_le => Some(BinOp::Le),
                Rule::op_ge => Some(BinOp::Ge),
                Rule::op_lt => Some(BinOp::Lt),
                Rule::op_gt => Some(BinOp::Gt),
                Rule::op_add => Some(BinOp::Add),
                Rule::op_sub => Some(BinOp::Sub),
                Rule::op_mul => Some(BinOp::Mul),
                Rule::op_div => Some(BinOp::Div),
                _ => None,
            };
            match binary {
                Some(op) => fold.infix(Spanned::new(op, span))?,
                None => match self.primary(part) {
                    Some(e) => fold.operand(e),
                    None => failed = true,
                },
            }
        }
        if failed {
            return None;
        }
        fold.finish()
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Option<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::number => ExprKind::Number(self.number(pair).value),
            Rule::date => ExprKind::Date(self.date(pair)?.value),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::as_of => ExprKind::AsOf,
            Rule::expr_ident => ExprKind::Ref(self.ident(pair)),
            Rule::period_lit => {
                self.syntax(
                    span,
                    text!(
                        "`{}` is a period, not a value",
                        "`{}` là một kỳ, không phải một giá trị",
                        pair.as_str()
                    ),
                    Some(text!(
                        "compare dates with a full date such as `2023-09-30`",
                        "so sánh ngày bằng ngày đầy đủ như `2023-09-30`"
                    )),
                );
                return None;
            }
            Rule::paren => ExprKind::Paren(Box::new(self.expr(pair.into_inner().next()?)?)),
            Rule::call => {
                let mut inner = pair.into_inner();
                let func = self.ident(inner.next()?);
                let mut args = Vec::new();
                for arg in inner {
                    args.push(self.expr(arg)?);
                }
                ExprKind::Call { func, args }
            }
            _ => return None,
        };
        Some(Expr { kind, span })
    }

    // -----------------------------------------------------------------------------------------------------------
    // Facts

    pub fn facts(&mut self, pair: Pair<'_, Rule>) -> Option<FactsFile> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // `facts`
        let plan = self.string(inner.next()?);
        let as_of = if inner
            .peek()
            .is_some_and(|p| p.as_rule() == Rule::facts_as_of)
        {
            inner.next()?.into_inner().nth(1).and_then(|d| self.date(d))
        } else {
            None
        };
        let facts = inner.filter_map(|f| self.fact(f)).collect();
        Some(FactsFile {
            file: self.file,
            span,
            plan,
            as_of,
            facts,
            comments: Vec::new(),
        })
    }

    fn fact(&mut self, form: Pair<'_, Rule>) -> Option<Fact> {
        let span = self.span(&form);
        let rule = form.as_rule();
        let mut inner = form.into_inner();
        let id = self.ident(inner.next()?);
        let kind = match rule {
            Rule::fact_value => {
                let period = self.deadline(inner.next()?)?;
                FactKind::Value {
                    period,
                    value: self.number(inner.next()?),
                }
            }
            Rule::fact_assessed => {
                let period = self.deadline(inner.next()?)?;
                inner.next(); // `assessed`
                let verdict = inner.next()?;
                let verdict = if verdict.as_rule() == Rule::string {
                    self.string(verdict)
                } else {
                    self.ident(verdict)
                };
                FactKind::Assessed { period, verdict }
            }
            Rule::fact_done => {
                inner.next();
                FactKind::Done(self.date(inner.next()?)?)
            }
            Rule::fact_progress => {
                inner.next();
                FactKind::Progress(self.number(inner.next()?))
            }
            _ => {
                inner.next();
                FactKind::Cancelled(inner.next().map(|s| self.string(s)))
            }
        };
        Some(Fact { span, id, kind })
    }
}
