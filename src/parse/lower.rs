//! Lowering: pest's pairs to the typed AST. The only module that touches `pest::iterators::Pair`.
//!
//! The grammar has already decided the shape, so lowering mostly moves text into types, walking each block through
//! its table in [`super::statements`]. What it still checks is what a grammar cannot: an attribute given twice
//! (`duplicate-attribute`), a keyword from a closed list (`output`, `severity`, `every`), numbers that do not fit
//! a decimal, expressions over the size limit and runs of prefix operators over the nesting limit
//! (`limit-exceeded`). Each such problem is reported and the offending attribute dropped, never the declaration.
//! Text is read from the source where it stands; only the values the tree keeps (ids, strings) are copied.

use std::borrow::Cow;

use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;

use super::Rule;
use super::fold::Fold;
use super::statements::{self, Node, Operator};
use crate::ast::*;
use crate::deadline::{DateLit, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic, Text};
use crate::fuzzy;
use crate::limits::{MAX_EXPR_NODES, MAX_NESTING, MAX_NUMBER_DIGITS};
use crate::source::{FileId, Span, Spanned};
use crate::text;

pub(super) struct Lower<'d> {
    pub file: FileId,
    /// Offset of the parsed text in its file.
    pub base: usize,
    pub diagnostics: &'d mut Vec<Diagnostic>,
}

/// A statement of a block, as its table row sees it.
pub(super) struct Stmt<'i> {
    /// The keyword, as the table names it: what a message about the statement calls it.
    pub keyword: &'static str,
    pub keyword_span: Span,
    /// The whole statement, keyword to last token.
    pub span: Span,
    pub pair: Pair<'i, Rule>,
}

impl<'i> Stmt<'i> {
    /// The pairs after the keyword, which is a literal of the statement's rule, with no pair of its own.
    fn values(&self) -> Pairs<'i, Rule> {
        self.pair.clone().into_inner()
    }
}

/// `declaration!(name, Node)`: the lowering function of a declaration `keyword id "title" { … }` whose node is made
/// by `Node::new` from its head and filled by its block.
macro_rules! declaration {
    ($name:ident, $node:ident) => {
        declaration!($name, $node, $node);
    };
    ($name:ident, $node:ident, $variant:ident) => {
        pub fn $name(&mut self, stmt: Stmt<'_>) -> Option<$node> {
            let new = |h: Head| $node {
                has_block: h.has_block,
                ..$node::new(h.span, h.keyword, h.id, h.title)
            };
            self.declared(stmt, new, |n| Node::$variant(n))
        }
    };
}

/// Where an attribute given at most once goes: a field of its node, inline or boxed (the attributes most
/// declarations leave out are boxed, see [`Target`]).
pub(super) trait Slot<T> {
    /// The keyword of the attribute already set, if one is.
    fn first_keyword(&self) -> Option<Span>;
    fn set(&mut self, attr: Attr<T>);
}

impl<T> Slot<T> for Option<Attr<T>> {
    fn first_keyword(&self) -> Option<Span> {
        self.as_ref().map(|a| a.keyword)
    }

    fn set(&mut self, attr: Attr<T>) {
        *self = Some(attr);
    }
}

impl<T> Slot<T> for Option<Box<Attr<T>>> {
    fn first_keyword(&self) -> Option<Span> {
        self.as_ref().map(|a| a.keyword)
    }

    fn set(&mut self, attr: Attr<T>) {
        *self = Some(Box::new(attr));
    }
}

/// What an error says when a second of several keywords sets an attribute that one of them set already.
struct Twice {
    message: Text,
    /// Under the second keyword.
    label: Option<Text>,
    /// At the first keyword.
    first: Text,
    help: Text,
}

/// What every declaration with an id starts with.
struct Head {
    span: Span,
    keyword: Span,
    id: Ident,
    title: Str,
    has_block: bool,
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

impl Lower<'_> {
    /// Where a pair stands in the file. The grammar has no implicit whitespace, so every rule ends at its last
    /// token and this is exact (pest with implicit whitespace would end a rule after the spaces tried before an
    /// absent optional part; `parse::corpus` checks every span of the tree).
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    fn syntax(&mut self, span: Span, message: Text, help: Option<Text>) {
        let mut d = Diagnostic::new(Code::Syntax, span, message);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        self.diagnostics.push(d);
    }

    fn duplicate(&mut self, second: Span, first: Span, name: &str) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::DuplicateAttribute,
                second,
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

    // -----------------------------------------------------------------------------------------------------------
    // Blocks

    /// Lowers the statements among `pairs` into `node`, each by its row of the table of statements. Pairs that
    /// are no statement (a declaration's keyword, id and title, the braces) are passed over.
    pub fn block<'i>(&mut self, pairs: impl Iterator<Item = Pair<'i, Rule>>, mut node: Node<'_>) {
        for pair in pairs {
            if let Some(row) = statements::by_rule(pair.as_rule()) {
                let stmt = self.stmt(row.keyword, pair);
                (row.lower)(self, stmt, node.reborrow());
            }
        }
    }

    fn stmt<'i>(&self, keyword: &'static str, pair: Pair<'i, Rule>) -> Stmt<'i> {
        let span = self.span(&pair);
        let keyword_span = Span::new(
            self.file,
            span.start as usize,
            span.start as usize + keyword.len(),
        );
        Stmt {
            keyword,
            keyword_span,
            span,
            pair,
        }
    }

    /// One top-level statement, into `items`.
    pub fn item(&mut self, pair: Pair<'_, Rule>, items: &mut Vec<Item>) {
        self.block(std::iter::once(pair), Node::Top(items));
    }

    /// An attribute given at most once: `value` reads it from the pairs after the keyword (reporting its own
    /// problems; `None` drops the attribute), and a second one is reported with both places.
    pub fn once<'i, T>(
        &mut self,
        stmt: Stmt<'i>,
        slot: &mut impl Slot<T>,
        value: fn(&mut Self, Pairs<'i, Rule>) -> Option<T>,
    ) {
        let Stmt {
            keyword: name,
            keyword_span: keyword,
            span,
            pair,
        } = stmt;
        let Some(value) = value(self, pair.into_inner()) else {
            return;
        };
        match slot.first_keyword() {
            Some(first) => self.duplicate(keyword, first, name),
            None => slot.set(Attr {
                keyword,
                value,
                span,
            }),
        }
    }

    /// An attribute that one of several keywords sets (a target's window: `by`, `yearly` or `average`): the first
    /// one written is kept, a second one is a `duplicate-attribute` error that says so in `twice`'s words.
    fn one_of<T>(&mut self, slot: &mut Option<Attr<T>>, attr: Attr<T>, twice: Twice) {
        let Some(first) = slot else {
            *slot = Some(attr);
            return;
        };
        let mut diagnostic = Diagnostic::new(Code::DuplicateAttribute, attr.keyword, twice.message);
        if let Some(label) = twice.label {
            diagnostic = diagnostic.with_label(label);
        }
        self.diagnostics.push(
            diagnostic
                .with_other(first.keyword, twice.first)
                .with_help(twice.help),
        );
    }

    pub fn note(&mut self, stmt: Stmt<'_>, notes: &mut Vec<Attr<Str>>) {
        let (keyword, span) = (stmt.keyword_span, stmt.span);
        if let Some(value) = self.string_value(stmt.values()) {
            notes.push(Attr {
                keyword,
                value,
                span,
            });
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Tokens

    fn ident(&self, pair: &Pair<'_, Rule>) -> Ident {
        Spanned::new(pair.as_str().to_string(), self.span(pair))
    }

    fn string(&self, pair: &Pair<'_, Rule>) -> Str {
        let raw = pair.as_str();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        Spanned::new(unescape(inner), self.span(pair))
    }

    /// The pairs of one rule among `pairs`, each made a value, in a list exactly as long as needed (the list lives
    /// as long as the run). A list alternates items and commas, so it holds half its pairs, rounded up.
    fn list<'i, T>(
        &self,
        pairs: Pairs<'i, Rule>,
        rule: Rule,
        value: fn(&Self, &Pair<'i, Rule>) -> T,
    ) -> Vec<T> {
        let mut list = Vec::with_capacity(pairs.len().div_ceil(2));
        list.extend(
            pairs
                .filter(|p| p.as_rule() == rule)
                .map(|p| value(self, &p)),
        );
        list
    }

    pub fn ids(&mut self, pairs: Pairs<'_, Rule>) -> Option<Vec<Ident>> {
        Some(self.list(pairs, Rule::ident, Self::ident))
    }

    pub fn strings(&mut self, pairs: Pairs<'_, Rule>) -> Option<Vec<Str>> {
        Some(self.list(pairs, Rule::string, Self::string))
    }

    pub fn string_value(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Str> {
        Some(self.string(&pairs.next()?))
    }

    /// A decimal literal, exactly. Too many digits is a `limit-exceeded` error and reads as zero.
    fn number(&mut self, pair: &Pair<'_, Rule>) -> Spanned<Decimal> {
        let span = self.span(pair);
        let written = pair.as_str().trim_end_matches('%');
        let plain: Cow<'_, str> = if written.contains('_') {
            Cow::Owned(written.chars().filter(|&c| c != '_').collect())
        } else {
            Cow::Borrowed(written)
        };
        let digits = plain.bytes().filter(u8::is_ascii_digit).count();
        let parsed = if digits > MAX_NUMBER_DIGITS {
            None
        } else {
            crate::decimal::exact(&plain)
        };
        match parsed {
            // The written scale is kept (`8.60` stays `8.60`) for the formatter.
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

    pub fn number_value(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Spanned<Decimal>> {
        Some(self.number(&pairs.next()?))
    }

    /// A literal whose shape the grammar admits and whose digits `T`'s parser checks; `what` names it in the error.
    fn literal<T: std::str::FromStr<Err = ()>>(
        &mut self,
        pair: &Pair<'_, Rule>,
        what: Text,
        help: Option<Text>,
    ) -> Option<Spanned<T>> {
        let span = self.span(pair);
        let Ok(value) = pair.as_str().parse::<T>() else {
            let written = pair.as_str();
            let message = Text::new(
                format!("`{written}` is not {}", what.en),
                format!("`{written}` không phải là {}", what.vi),
            );
            self.syntax(span, message, help);
            return None;
        };
        Some(Spanned::new(value, span))
    }

    fn date(&mut self, pair: &Pair<'_, Rule>) -> Option<Spanned<DateLit>> {
        self.literal(pair, text!("a date", "ngày"), None)
    }

    pub fn date_value(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Spanned<DateLit>> {
        self.date(&pairs.next()?)
    }

    fn deadline(&mut self, pair: &Pair<'_, Rule>) -> Option<Spanned<DeadlineLit>> {
        // The grammar admits the shape; only absurdly long digit runs fail here.
        let help = text!(
            "write a day `2021-02-01`, a month `2021-07`, a quarter `2021-Q2`, a half `2021-H1` or a year `2021`",
            "viết ngày `2021-02-01`, tháng `2021-07`, quý `2021-Q2`, nửa năm `2021-H1` hoặc năm `2021`"
        );
        self.literal(pair, text!("a deadline", "thời hạn"), Some(help))
    }

    pub fn deadline_value(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Spanned<DeadlineLit>> {
        self.deadline(&pairs.next()?)
    }

    fn year_span(&self, pair: &Pair<'_, Rule>) -> Spanned<YearSpan> {
        let span = self.span(pair);
        let mut years = pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::year)
            .map(|p| p.as_str().parse().unwrap_or(0));
        let value = match (years.next(), years.next()) {
            (Some(from), Some(to)) => YearSpan {
                from,
                to,
                single: false,
            },
            (Some(one), None) => YearSpan {
                from: one,
                to: one,
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

    pub(crate) fn year_span_value(
        &mut self,
        mut pairs: Pairs<'_, Rule>,
    ) -> Option<Spanned<YearSpan>> {
        Some(self.year_span(&pairs.next()?))
    }

    /// A word from a closed list (`output project`), with a suggestion when it is not one of them.
    fn keyword_from<T: Copy>(
        &mut self,
        pair: &Pair<'_, Rule>,
        what: Text,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Option<Spanned<T>> {
        let span = self.span(pair);
        let word = pair.as_str();
        if let Some(value) = all.iter().copied().find(|v| name(*v) == word) {
            return Some(Spanned::new(value, span));
        }
        let names = all.iter().map(|v| name(*v));
        let list = names
            .clone()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match fuzzy::best_match(word, names) {
            Some(best) => text!(
                "did you mean `{best}`? one of: {list}",
                "có phải ý bạn là `{best}`? một trong: {list}"
            ),
            None => text!("write one of: {list}", "viết một trong: {list}"),
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

    /// A declaration with an id, `keyword id "title" { … }`: `new` makes its node from the head, then its block
    /// fills it.
    fn declared<'i, N>(
        &mut self,
        stmt: Stmt<'i>,
        new: impl FnOnce(Head) -> N,
        node: fn(&mut N) -> Node<'_>,
    ) -> Option<N> {
        let mut values = stmt.values();
        let missing = || Spanned::new(String::new(), stmt.span);
        let id = values.next().map_or_else(missing, |p| self.ident(&p));
        let title = values.next().map_or_else(missing, |p| self.string(&p));
        let mut declared = new(Head {
            span: stmt.span,
            keyword: stmt.keyword_span,
            id,
            title,
            has_block: stmt.pair.as_str().ends_with('}'),
        });
        self.block(values, node(&mut declared));
        Some(declared)
    }

    declaration!(document, Document);
    declaration!(owner, Owner);
    declaration!(group, Group);
    declaration!(task, Task);
    declaration!(report, ReportDecl, Report);

    pub fn plan(&mut self, stmt: Stmt<'_>) -> Option<Plan> {
        let (span, keyword) = (stmt.span, stmt.keyword_span);
        let mut values = stmt.values();
        let number = values
            .next()
            .map_or_else(|| Spanned::new(String::new(), span), |s| self.string(&s));
        let mut plan = Plan::new(span, keyword, number);
        self.block(values, Node::Plan(&mut plan));
        Some(plan)
    }

    pub(crate) fn use_decl(&mut self, stmt: Stmt<'_>) -> Option<Use> {
        let (span, keyword) = (stmt.span, stmt.keyword_span);
        let path = self.string_value(stmt.values())?;
        Some(Use {
            span,
            keyword,
            path,
        })
    }

    pub fn section(&mut self, stmt: Stmt<'_>) -> Option<Section> {
        let (span, keyword) = (stmt.span, stmt.keyword_span);
        let mut values = stmt.values();
        let first = self.string(&values.next()?);
        let (number, title) = if values.peek().is_some_and(|p| p.as_rule() == Rule::string) {
            let title = self.string(&values.next()?);
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
            implements: None,
            notes: Vec::new(),
        };
        self.block(values, Node::Section(&mut section));
        Some(section)
    }

    pub fn target(&mut self, stmt: Stmt<'_>) -> Option<Target> {
        let kind = if stmt.pair.as_rule() == Rule::measure {
            TargetKind::Measure
        } else {
            TargetKind::Target
        };
        let new = |h: Head| Target {
            has_block: h.has_block,
            ..Target::new(kind, h.span, h.keyword, h.id, h.title)
        };
        self.declared(stmt, new, |n| Node::Target(n))
    }

    pub fn window(&mut self, stmt: Stmt<'_>, slot: &mut Option<Attr<Window>>) {
        let rule = stmt.pair.as_rule();
        let (keyword, span) = (stmt.keyword_span, stmt.span);
        let mut values = stmt.values();
        let value = match rule {
            Rule::by => match values.next().and_then(|d| self.deadline(&d)) {
                Some(d) => Window::By(d),
                None => return,
            },
            Rule::yearly => Window::Yearly,
            _ => Window::Average(values.next().map(|y| self.year_span(&y))),
        };
        let attr = Attr {
            keyword,
            value,
            span,
        };
        let twice = Twice {
            message: text!(
                "a target has one window: `by`, `yearly` or `average`",
                "mỗi chỉ tiêu chỉ có một cách đánh giá: `by`, `yearly` hoặc `average`"
            ),
            label: Some(text!("second window", "cách đánh giá thứ hai")),
            first: text!("first window here", "cách đánh giá thứ nhất ở đây"),
            help: text!(
                "keep the one that says when the target is judged; split it into two targets if both apply",
                "giữ cách đánh giá đúng; nếu cả hai đều cần thì tách thành hai chỉ tiêu"
            ),
        };
        self.one_of(slot, attr, twice);
    }

    pub fn goal(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Spanned<Goal>> {
        let value = pairs.next()?;
        let span = self.span(&value);
        let form = value.into_inner().next()?;
        let rule = form.as_rule();
        let text = form.as_str();
        let goal = match rule {
            Rule::string => Goal::Text(self.string(&form).value),
            Rule::goal_number => {
                let mut numbers = form.into_inner().filter(|p| p.as_rule() == Rule::number);
                let first = self.number(&numbers.next()?).value;
                match numbers.next() {
                    Some(hi) => Goal::Range(first, self.number(&hi).value),
                    None => Goal::Exact(first),
                }
            }
            Rule::goal_cmp => {
                let n = self.number(&form.into_inner().next()?).value;
                if text.starts_with(">=") {
                    Goal::AtLeast(n)
                } else if text.starts_with("<=") {
                    Goal::AtMost(n)
                } else if text.starts_with('>') {
                    Goal::Above(n)
                } else {
                    Goal::Below(n)
                }
            }
            _ => Goal::Approx(self.number(&form.into_inner().next()?).value),
        };
        Some(Spanned::new(goal, span))
    }

    pub fn baseline(&mut self, pairs: Pairs<'_, Rule>) -> Option<Baseline> {
        let mut value = None;
        let mut period = None;
        for pair in pairs {
            match pair.as_rule() {
                Rule::number => value = Some(self.number(&pair)),
                Rule::deadline => period = self.deadline(&pair),
                _ => {}
            }
        }
        Some(Baseline {
            value: value?,
            period: period?,
        })
    }

    pub(crate) fn value_expr(&mut self, pairs: Pairs<'_, Rule>) -> Option<Expr> {
        let expr = pairs.into_iter().find(|p| p.as_rule() == Rule::expr)?;
        self.expr_checked(&expr)
    }

    pub fn shares(&mut self, stmt: Stmt<'_>, slot: &mut Option<Box<Shares>>) {
        let (span, keyword) = (stmt.span, stmt.keyword_span);
        let mut values = stmt.values();
        let Some(total) = values.next().map(|n| self.number(&n)) else {
            return;
        };
        let mut shares = Shares {
            span,
            keyword,
            total,
            parts: Vec::new(),
        };
        self.block(values, Node::Shares(&mut shares));
        if let Some(first) = slot {
            let first = first.keyword;
            self.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    shares.keyword,
                    text!("`shares` is given twice", "`shares` được khai báo hai lần"),
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
            *slot = Some(Box::new(shares));
        }
    }

    /// A statement that is its keyword alone (`ongoing`).
    pub fn flag(&mut self, _pairs: Pairs<'_, Rule>) -> Option<()> {
        Some(())
    }

    pub fn output(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Spanned<Output>> {
        let word = pairs.next()?;
        let what = text!("an output kind", "một loại sản phẩm");
        self.keyword_from(&word, what, &Output::ALL, Output::as_str)
    }

    pub fn recurrence(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Recurrence> {
        let what = text!("a frequency", "một chu kỳ");
        let frequency = pairs
            .next()
            .and_then(|w| self.keyword_from(&w, what, &Frequency::ALL, Frequency::as_str));
        let by = pairs
            .find(|p| p.as_rule() != Rule::kw_by)
            .and_then(|p| self.due_day(&p));
        Some(Recurrence {
            frequency: frequency?,
            by: by?,
        })
    }

    fn due_day(&mut self, pair: &Pair<'_, Rule>) -> Option<Spanned<DueDay>> {
        let span = self.span(pair);
        match pair.as_rule() {
            Rule::day_of_period => {
                let n = pair
                    .clone()
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::integer)?;
                Some(Spanned::new(
                    DueDay::DayOfLastMonth(n.as_str().parse().unwrap_or(u32::MAX)),
                    span,
                ))
            }
            Rule::year_part => {
                let text = pair.as_str();
                let n = text
                    .get(1..)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(u32::MAX);
                let part = match text.as_bytes().first() {
                    Some(b'M') => YearPart::Month(n),
                    Some(b'Q') => YearPart::Quarter(n),
                    _ => YearPart::Half(n),
                };
                Some(Spanned::new(DueDay::EndOf(part), span))
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

    pub fn rule(&mut self, stmt: Stmt<'_>) -> Option<crate::ast::Rule> {
        let new = |h: Head| crate::ast::Rule::new(h.span, h.keyword, h.id, h.title);
        self.declared(stmt, new, |n| Node::Rule(n))
    }

    /// `require` or `when`: a rule has one of them.
    pub fn condition(&mut self, stmt: Stmt<'_>, slot: &mut Option<Attr<Condition>>) {
        let kind = if stmt.pair.as_rule() == Rule::require {
            ConditionKind::Require
        } else {
            ConditionKind::When
        };
        let (keyword, span) = (stmt.keyword_span, stmt.span);
        let Some(expr) = stmt.values().next().and_then(|e| self.expr_checked(&e)) else {
            return;
        };
        let attr = Attr {
            keyword,
            value: Condition { kind, expr },
            span,
        };
        let twice = Twice {
            message: text!(
                "a rule has one condition: `require` or `when`",
                "mỗi quy tắc chỉ có một điều kiện: `require` hoặc `when`"
            ),
            label: None,
            first: text!("first condition here", "điều kiện thứ nhất ở đây"),
            help: text!(
                "combine them with `and`, or write a second rule",
                "kết hợp bằng `and`, hoặc viết thêm một quy tắc"
            ),
        };
        self.one_of(slot, attr, twice);
    }

    pub fn severity(&mut self, mut pairs: Pairs<'_, Rule>) -> Option<Spanned<RuleSeverity>> {
        let word = pairs.next()?;
        let what = text!("a severity", "một mức độ");
        self.keyword_from(&word, what, &RuleSeverity::ALL, RuleSeverity::as_str)
    }

    // -----------------------------------------------------------------------------------------------------------
    // Expressions

    /// An expression, or `None` (with a diagnostic) when part of it cannot be lowered or it is too large.
    fn expr_checked(&mut self, pair: &Pair<'_, Rule>) -> Option<Expr> {
        let span = self.span(pair);
        // Operands and operators, the calls and parentheses around them; not the `,` and `)` between them.
        let nodes = pair
            .clone()
            .into_inner()
            .flatten()
            .filter(|p| !matches!(p.as_rule(), Rule::comma | Rule::close_paren))
            .count();
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
    /// parentheses and call arguments, whose depth the scanner bounds. A run of prefix operators nests as deeply
    /// as parentheses would, so it is held to the same limit.
    fn expr(&mut self, pair: &Pair<'_, Rule>) -> Option<Expr> {
        let mut fold = Fold::default();
        let mut failed = false;
        let mut prefixes: Option<(Span, usize)> = None;
        for part in pair.clone().into_inner() {
            let span = self.span(&part);
            match statements::operator(part.as_rule()) {
                Some(Operator::Prefix(op)) => {
                    let (first, run) = prefixes.map_or((span, 1), |(first, run)| (first, run + 1));
                    prefixes = Some((first, run));
                    if run == MAX_NESTING + 1 {
                        self.too_many_prefixes(first.to(span));
                        failed = true;
                    }
                    fold.prefix(Spanned::new(op, span));
                }
                Some(Operator::Infix(op)) => {
                    prefixes = None;
                    fold.infix(Spanned::new(op, span))?;
                }
                None => {
                    prefixes = None;
                    match self.primary(&part) {
                        Some(e) => fold.operand(e),
                        None => failed = true,
                    }
                }
            }
        }
        if failed {
            return None;
        }
        fold.finish()
    }

    fn too_many_prefixes(&mut self, span: Span) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::LimitExceeded,
                span,
                text!(
                    "more than {MAX_NESTING} `not` or `-` in a row",
                    "quá {MAX_NESTING} toán tử `not` hoặc `-` liên tiếp"
                ),
            )
            .with_help(text!(
                "two `not` (or two `-`) in a row cancel out: remove them in pairs",
                "hai `not` (hoặc hai `-`) liên tiếp triệt tiêu nhau: hãy bỏ chúng theo từng cặp"
            )),
        );
    }

    fn primary(&mut self, pair: &Pair<'_, Rule>) -> Option<Expr> {
        let span = self.span(pair);
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
            Rule::paren => {
                let inner = pair
                    .clone()
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::expr)?;
                ExprKind::Paren(Box::new(self.expr(&inner)?))
            }
            Rule::call => {
                let mut inner = pair.clone().into_inner();
                let func = self.ident(&inner.next()?);
                let mut args = Vec::new();
                for arg in inner.filter(|p| p.as_rule() == Rule::expr) {
                    args.push(self.expr(&arg)?);
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
        let plan = self.string(&inner.next()?);
        let as_of = if inner
            .peek()
            .is_some_and(|p| p.as_rule() == Rule::facts_as_of)
        {
            let header = inner.next()?;
            let date = header.into_inner().find(|p| p.as_rule() == Rule::date);
            date.and_then(|d| self.date(&d))
        } else {
            None
        };
        let facts = inner
            .filter(|p| p.as_rule() == Rule::fact)
            .filter_map(|f| self.fact(&f))
            .collect();
        Some(FactsFile {
            file: self.file,
            span,
            plan,
            as_of,
            facts,
            comments: Vec::new(),
        })
    }

    fn fact(&mut self, pair: &Pair<'_, Rule>) -> Option<Fact> {
        let span = self.span(pair);
        let mut inner = pair.clone().into_inner();
        let id = self.ident(&inner.next()?);
        let mut form = inner.next()?;
        let period = if form.as_rule() == Rule::deadline {
            let period = self.deadline(&form);
            form = inner.next()?;
            Some(period?)
        } else {
            None
        };
        let rule = form.as_rule();
        // The words of the fact (`done`, `from`, `submitted`, `=`) have pairs of their own; the values are the rest.
        let mut parts = form.into_inner().filter(|p| {
            !matches!(
                p.as_rule(),
                Rule::kw_done
                    | Rule::kw_progress
                    | Rule::kw_cancelled
                    | Rule::kw_assessed
                    | Rule::kw_from
                    | Rule::kw_submitted
                    | Rule::kw_note
                    | Rule::equals
            )
        });
        let kind = match (rule, period) {
            (Rule::fact_assessed, Some(period)) => {
                let part = parts.next()?;
                let verdict = if part.as_rule() == Rule::string {
                    self.string(&part)
                } else {
                    self.ident(&part)
                };
                let note = parts.next().map(|n| self.string(&n));
                FactKind::Assessed {
                    period,
                    verdict,
                    note,
                }
            }
            (Rule::fact_value, Some(period)) => FactKind::Value {
                period,
                value: self.number(&parts.next()?),
            },
            (Rule::fact_submitted, Some(period)) => {
                let from = self.ident(&parts.next()?);
                let date = self.date(&parts.next()?)?;
                FactKind::Submitted { period, from, date }
            }
            (Rule::fact_note, Some(period)) => FactKind::Note {
                period,
                text: self.string(&parts.next()?),
            },
            (Rule::fact_done, period) => FactKind::Done {
                period,
                date: self.date(&parts.next()?)?,
            },
            (Rule::fact_progress, period) => FactKind::Progress {
                period,
                value: self.number(&parts.next()?),
            },
            (_, period) => FactKind::Cancelled {
                period,
                reason: parts.next().map(|s| self.string(&s)),
            },
        };
        Some(Fact { span, id, kind })
    }
}
