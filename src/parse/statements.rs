//! The statements of the language: for each, the keyword that starts it, the grammar rule that parses it, the
//! blocks it may stand in and the function that lowers it into the node of its block.
//!
//! This table is the one list of what each block holds. Lowering finds each statement's row by its rule
//! ([`super::lower::Lower::block`]); syntax errors take from it the keywords a block offers (in the table's
//! order), which block a set of expected keywords belongs to, and the "did you mean"; recovery takes from it the
//! words that declare an id. The grammar (`grammar/kehoach.pest`) says how each statement is written. Adding an
//! attribute to a declaration is a rule there, a field in the AST and a row here (its lowering reads the value with
//! a function of `lower`, often one that exists: a string, a list of ids, a deadline); ARCHITECTURE.md shows it.

use super::Rule;
use super::lower::{Lower, Stmt};
use crate::ast::{
    BinOp, Document, Group, Item, Owner, Plan, ReportDecl, Rule as RuleDecl, Section, Shares,
    Target, Task, UnaryOp,
};

/// A block: where statements stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Block {
    Top,
    Plan,
    Document,
    Owner,
    Group,
    Section,
    Target,
    Shares,
    Task,
    Report,
    Rule,
    Facts,
}

/// The node a block's statements go into: the file's items at the top, else the declaration that holds the block.
pub(super) enum Node<'n> {
    Top(&'n mut Vec<Item>),
    Plan(&'n mut Plan),
    Document(&'n mut Document),
    Owner(&'n mut Owner),
    Group(&'n mut Group),
    Section(&'n mut Section),
    Target(&'n mut Target),
    Shares(&'n mut Shares),
    Task(&'n mut Task),
    Report(&'n mut ReportDecl),
    Rule(&'n mut RuleDecl),
}

impl Node<'_> {
    /// The same node, borrowed again for the next statement.
    pub(super) fn reborrow(&mut self) -> Node<'_> {
        match self {
            Node::Top(n) => Node::Top(n),
            Node::Plan(n) => Node::Plan(n),
            Node::Document(n) => Node::Document(n),
            Node::Owner(n) => Node::Owner(n),
            Node::Group(n) => Node::Group(n),
            Node::Section(n) => Node::Section(n),
            Node::Target(n) => Node::Target(n),
            Node::Shares(n) => Node::Shares(n),
            Node::Task(n) => Node::Task(n),
            Node::Report(n) => Node::Report(n),
            Node::Rule(n) => Node::Rule(n),
        }
    }

    /// Puts a declaration in the file's items or the section's.
    fn place(self, item: Item) {
        match self {
            Node::Top(items) => items.push(item),
            Node::Section(section) => section.items.push(item),
            _ => {}
        }
    }
}

/// One statement of the language.
pub(super) struct Statement {
    pub keyword: &'static str,
    pub rule: Rule,
    /// The blocks it may stand in.
    pub blocks: &'static [Block],
    /// It declares an id right after its keyword (`task t01 …`).
    pub declares: bool,
    pub lower: fn(&mut Lower<'_>, Stmt<'_>, Node<'_>),
}

/// A statement that `lower` puts into a field itself: `into!(keyword, rule, lower; Block => field, …)`.
macro_rules! into {
    ($keyword:literal, $rule:ident, $lower:expr; $($block:ident => $field:ident),+) => {
        Statement {
            keyword: $keyword,
            rule: Rule::$rule,
            blocks: &[$(Block::$block),+],
            declares: false,
            lower: |l, s, node| match node {
                $(Node::$block(n) => $lower(l, s, &mut n.$field),)+
                _ => {}
            },
        }
    };
}

/// An attribute given at most once: `once!(keyword, rule, read; Block => field, …)` reads the value with `read`
/// and sets the field of the node of each block listed.
macro_rules! once {
    ($keyword:literal, $rule:ident, $read:expr; $($block:ident => $field:ident),+) => {
        into!($keyword, $rule, |l: &mut Lower<'_>, s, slot| l.once(s, slot, $read); $($block => $field),+)
    };
}

/// A declaration among a file's or a section's items: `item!(keyword, rule, declares, build, Item::Variant;
/// Block, …)`.
macro_rules! item {
    ($keyword:literal, $rule:ident, $declares:literal, $build:expr, $variant:path; $($block:ident),+) => {
        Statement {
            keyword: $keyword,
            rule: Rule::$rule,
            blocks: &[$(Block::$block),+],
            declares: $declares,
            lower: |l, s, node| {
                if let Some(built) = $build(l, s) {
                    node.place($variant(Box::new(built)));
                }
            },
        }
    };
}

/// A target or a measure, which stands among items and as a part of a target or of its shares:
/// `part!(keyword, rule)`.
macro_rules! part {
    ($keyword:literal, $rule:ident) => {
        Statement {
            keyword: $keyword,
            rule: Rule::$rule,
            blocks: &[Block::Top, Block::Section, Block::Target, Block::Shares],
            declares: true,
            lower: target,
        }
    };
}

/// A target or a measure: an item, a part of a target, or a part of its shares.
fn target(l: &mut Lower<'_>, s: Stmt<'_>, node: Node<'_>) {
    let Some(target) = l.target(s) else {
        return;
    };
    match node {
        Node::Target(whole) => whole.parts.push(target),
        Node::Shares(shares) => shares.parts.push(target),
        other => other.place(Item::Target(Box::new(target))),
    }
}

/// Every statement, in the order in which messages list a block's keywords.
#[rustfmt::skip]
pub(super) const STATEMENTS: &[Statement] = &[
    item!("plan", plan, false, Lower::plan, Item::Plan; Top),
    item!("document", document, true, Lower::document, Item::Document; Top),
    item!("use", use_decl, false, Lower::use_decl, Item::Use; Top),
    item!("owner", owner, true, Lower::owner, Item::Owner; Top),
    item!("group", group, true, Lower::group, Item::Group; Top),
    once!("title", title, Lower::string_value; Plan => title, Document => title),
    once!("issuer", issuer, Lower::string_value; Plan => issuer, Document => issuer),
    once!("issued", issued, Lower::date_value; Plan => issued, Document => issued),
    once!("signer", signer, Lower::string_value; Plan => signer),
    once!("period", period, Lower::year_span_value; Plan => period),
    once!("implements", implements, Lower::ids;
        Plan => implements, Document => implements, Section => implements, Target => implements,
        Task => implements),
    once!("approx", approx, Lower::number_value; Plan => approx),
    once!("members", members, Lower::ids; Group => members),
    once!("aka", aka, Lower::strings; Owner => aka, Group => aka),
    once!("unit", unit, Lower::string_value; Target => unit),
    once!("goal", goal, Lower::goal; Target => goal),
    once!("aim", aim, Lower::goal; Target => aim),
    into!("by", by, Lower::window; Target => window),
    into!("yearly", yearly, Lower::window; Target => window),
    into!("average", average, Lower::window; Target => window),
    once!("lead", lead, Lower::ids; Target => lead, Task => lead),
    once!("support", support, Lower::ids; Target => support, Task => support),
    once!("monitor", monitor, Lower::ids; Target => monitor, Task => monitor),
    once!("baseline", baseline, Lower::baseline; Target => baseline),
    once!("value", value, Lower::value_expr; Target => value),
    once!("due", due, Lower::deadline_value; Task => due),
    once!("every", every, Lower::recurrence; Task => every, Report => every),
    once!("ongoing", ongoing, Lower::flag; Task => ongoing),
    once!("for", for_owner, Lower::ids; Task => for_),
    once!("output", output, Lower::output; Task => output),
    once!("after", after, Lower::ids; Task => after),
    once!("from", from, Lower::ids; Report => from),
    once!("to", to, Lower::ids; Report => to),
    into!("require", require, Lower::condition; Rule => condition),
    into!("when", when, Lower::condition; Rule => condition),
    once!("severity", severity, Lower::severity; Rule => severity),
    into!("note", note, Lower::note;
        Plan => notes, Document => notes, Owner => notes, Group => notes, Section => notes, Target => notes,
        Task => notes, Report => notes, Rule => notes),
    into!("shares", shares, Lower::shares; Target => shares),
    item!("section", section, false, Lower::section, Item::Section; Top, Section),
    part!("target", target),
    part!("measure", measure),
    item!("task", task, true, Lower::task, Item::Task; Top, Section),
    item!("report", report, true, Lower::report, Item::Report; Top, Section),
    item!("rule", rule_decl, true, Lower::rule, Item::Rule; Top, Section),
];

/// Words inside statements, and the facts header: keywords that start no statement of a block.
const WORDS: &[(&str, Rule)] = &[
    ("in", Rule::kw_in),
    ("by", Rule::kw_by),
    ("day", Rule::kw_day),
    ("facts", Rule::kw_facts),
    ("as_of", Rule::kw_as_of),
    ("assessed", Rule::kw_assessed),
    ("done", Rule::kw_done),
    ("progress", Rule::kw_progress),
    ("cancelled", Rule::kw_cancelled),
    ("from", Rule::kw_from),
    ("submitted", Rule::kw_submitted),
    ("note", Rule::kw_note),
];

/// An operator of expressions.
#[derive(Clone, Copy)]
pub(super) enum Operator {
    Prefix(UnaryOp),
    Infix(BinOp),
}

/// The operators of expressions: the rule of each and how it is spelled. Lowering folds expressions by it; the
/// scanner takes from it the words after which an expression goes on on the next line (`and`, `or`, `not`).
const OPERATORS: &[(Rule, &str, Operator)] = &[
    (Rule::op_or, "or", Operator::Infix(BinOp::Or)),
    (Rule::op_and, "and", Operator::Infix(BinOp::And)),
    (Rule::op_not, "not", Operator::Prefix(UnaryOp::Not)),
    (Rule::op_eq, "==", Operator::Infix(BinOp::Eq)),
    (Rule::op_ne, "!=", Operator::Infix(BinOp::Ne)),
    (Rule::op_le, "<=", Operator::Infix(BinOp::Le)),
    (Rule::op_ge, ">=", Operator::Infix(BinOp::Ge)),
    (Rule::op_lt, "<", Operator::Infix(BinOp::Lt)),
    (Rule::op_gt, ">", Operator::Infix(BinOp::Gt)),
    (Rule::op_add, "+", Operator::Infix(BinOp::Add)),
    (Rule::op_sub, "-", Operator::Infix(BinOp::Sub)),
    (Rule::op_mul, "*", Operator::Infix(BinOp::Mul)),
    (Rule::op_div, "/", Operator::Infix(BinOp::Div)),
    (Rule::op_neg, "-", Operator::Prefix(UnaryOp::Neg)),
];

/// The operator a rule matches.
pub(super) fn operator(rule: Rule) -> Option<Operator> {
    OPERATORS
        .iter()
        .find(|(r, _, _)| *r == rule)
        .map(|(_, _, op)| *op)
}

/// Whether a word is an operator (`and`), after which an expression goes on on the next line.
pub(super) fn is_word_operator(word: &[u8]) -> bool {
    OPERATORS
        .iter()
        .any(|(_, spelling, _)| spelling.as_bytes() == word)
}

/// The row of each rule that is a statement, by the rule's number: lowering looks a statement up once per pair.
const BY_RULE: [u8; 256] = {
    let mut rows = [u8::MAX; 256];
    let mut i = 0;
    while i < STATEMENTS.len() {
        #[expect(
            clippy::indexing_slicing,
            reason = "evaluated at compile time: an index out of bounds fails the build"
        )]
        {
            rows[STATEMENTS[i].rule as usize] = i as u8;
        }
        i += 1;
    }
    rows
};

/// The statement a rule parses, if it parses one.
pub(super) fn by_rule(rule: Rule) -> Option<&'static Statement> {
    let row = *BY_RULE.get(rule as usize)?;
    STATEMENTS.get(usize::from(row))
}

impl Block {
    pub const ALL: [Block; 12] = [
        Block::Top,
        Block::Plan,
        Block::Document,
        Block::Owner,
        Block::Group,
        Block::Section,
        Block::Target,
        Block::Shares,
        Block::Task,
        Block::Report,
        Block::Rule,
        Block::Facts,
    ];

    /// The keywords that start the block's statements, in the table's order. A fact starts with an id: none.
    pub(super) fn keywords(self) -> Vec<&'static str> {
        STATEMENTS
            .iter()
            .filter(|s| s.blocks.contains(&self))
            .map(|s| s.keyword)
            .collect()
    }

    /// Whether a statement with this keyword may stand in the block.
    pub(super) fn holds(self, keyword: &str) -> bool {
        STATEMENTS
            .iter()
            .any(|s| s.keyword == keyword && s.blocks.contains(&self))
    }
}

/// The word a rule starts with, when it is a keyword: `goal` for the statement rule `goal`, `in` for `kw_in`.
pub(super) fn keyword(rule: Rule) -> Option<&'static str> {
    if let Some(statement) = by_rule(rule) {
        return Some(statement.keyword);
    }
    WORDS
        .iter()
        .find(|(_, r)| *r == rule)
        .map(|(word, _)| *word)
}

/// The keywords that declare an id (`owner`, `task`, …), for recovering the ids of statements that did not parse.
pub(super) fn declaring() -> impl Iterator<Item = &'static str> {
    STATEMENTS.iter().filter(|s| s.declares).map(|s| s.keyword)
}
