//! The typed syntax tree of plan and facts files, as written.
//!
//! Nodes keep what the user wrote, spans included, and nothing is resolved yet: ids are names, deadlines are
//! literals (`Q2` has no year here) and dates may name no real day. `check` turns this into a
//! [`crate::model::Model`]. Attributes are typed fields; their spans keep the order in which they were written,
//! which is all the formatter needs to print them back in place.

use rust_decimal::Decimal;

use crate::deadline::{DateLit, DeadlineLit};
use crate::source::{FileId, Span, Spanned};

#[cfg(test)]
mod tests;

/// An identifier: `so_khdt`, `t01`.
pub(crate) type Ident = Spanned<String>;

/// A string literal, unescaped.
pub type Str = Spanned<String>;

/// One parsed `.plan` file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    pub file: FileId,
    pub items: Vec<Item>,
    /// Every `//` comment, in order, for the formatter.
    pub comments: Vec<Span>,
    /// Ids declared in statements that could not be parsed; references to them are not reported as unknown.
    pub unparsed_ids: Vec<String>,
}

/// An attribute statement: its keyword's span and its value. `goal >= 9.3` is an `Attr<Spanned<Goal>>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Attr<T> {
    pub keyword: Span,
    pub value: T,
    /// The whole statement, keyword to end of value.
    pub span: Span,
}

/// A top-level declaration, or one inside a section.
///
/// Every variant is boxed: declarations differ in size by an order of magnitude (a target is several hundred
/// bytes, a `use` a few dozen), and inline each slot of a `Vec<Item>` would cost as much as the largest. Boxed, an
/// item costs its own size plus a pointer; `tests.rs` holds the bound.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Plan(Box<Plan>),
    Document(Box<Document>),
    Use(Box<Use>),
    Owner(Box<Owner>),
    Group(Box<Group>),
    Section(Box<Section>),
    Target(Box<Target>),
    Task(Box<Task>),
    Report(Box<ReportDecl>),
    Rule(Box<Rule>),
}

impl Item {
    /// The whole declaration.
    pub fn span(&self) -> Span {
        match self {
            Item::Plan(x) => x.span,
            Item::Document(x) => x.span,
            Item::Use(x) => x.span,
            Item::Owner(x) => x.span,
            Item::Group(x) => x.span,
            Item::Section(x) => x.span,
            Item::Target(x) => x.span,
            Item::Task(x) => x.span,
            Item::Report(x) => x.span,
            Item::Rule(x) => x.span,
        }
    }

    /// The declared id, for items that have one.
    pub fn id(&self) -> Option<&Ident> {
        match self {
            Item::Document(x) => Some(&x.id),
            Item::Owner(x) => Some(&x.id),
            Item::Group(x) => Some(&x.id),
            Item::Target(x) => Some(&x.id),
            Item::Task(x) => Some(&x.id),
            Item::Report(x) => Some(&x.id),
            Item::Rule(x) => Some(&x.id),
            Item::Plan(_) | Item::Use(_) | Item::Section(_) => None,
        }
    }
}

/// `plan "370/KH-UBND" { … }`: the header of a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub span: Span,
    pub keyword: Span,
    /// The document number, e.g. `370/KH-UBND`.
    pub number: Str,
    pub title: Option<Attr<Str>>,
    pub issuer: Option<Attr<Str>>,
    pub issued: Option<Attr<Spanned<DateLit>>>,
    pub signer: Option<Attr<Str>>,
    pub period: Option<Attr<Spanned<YearSpan>>>,
    pub implements: Option<Attr<Vec<Ident>>>,
    /// Tolerance of `~` goals in percent, e.g. `5` for `approx 5%`.
    pub approx: Option<Attr<Spanned<Decimal>>>,
    pub notes: Vec<Attr<Str>>,
}

impl Plan {
    /// A plan header with its number and no attributes yet; the parsers fill in the block.
    pub fn new(span: Span, keyword: Span, number: Str) -> Plan {
        Plan {
            span,
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
        }
    }
}

/// `2021..2025` or a single year `2023`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearSpan {
    pub from: i32,
    pub to: i32,
    /// Written as one year rather than `a..b`.
    pub single: bool,
}

/// `document nq01 "01/NQ-CP" { … }`: a higher document a plan carries out.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub span: Span,
    pub keyword: Span,
    pub id: Ident,
    pub number: Str,
    pub title: Option<Attr<Str>>,
    pub issuer: Option<Attr<Str>>,
    pub issued: Option<Attr<Spanned<DateLit>>>,
    pub implements: Option<Attr<Vec<Ident>>>,
    pub notes: Vec<Attr<Str>>,
    pub has_block: bool,
}

impl Document {
    /// A document with its head and no attributes yet; the parsers fill in the block.
    pub fn new(span: Span, keyword: Span, id: Ident, number: Str) -> Document {
        Document {
            span,
            keyword,
            id,
            number,
            title: None,
            issuer: None,
            issued: None,
            implements: None,
            notes: Vec::new(),
            has_block: false,
        }
    }
}

/// `use "agencies.plan"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Use {
    pub span: Span,
    pub keyword: Span,
    pub path: Str,
}

/// `owner so_khdt "Sở Kế hoạch và Đầu tư" { aka "Sở KH&ĐT" }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Owner {
    pub span: Span,
    pub keyword: Span,
    pub id: Ident,
    pub name: Str,
    pub aka: Option<Attr<Vec<Str>>>,
    pub notes: Vec<Attr<Str>>,
    pub has_block: bool,
}

impl Owner {
    /// An owner with its head and no attributes yet; the parsers fill in the block.
    pub fn new(span: Span, keyword: Span, id: Ident, name: Str) -> Owner {
        Owner {
            span,
            keyword,
            id,
            name,
            aka: None,
            notes: Vec::new(),
            has_block: false,
        }
    }
}

/// `group cac_so "Các sở, ban, ngành" { members so_khdt, so_tc }`: a collective owner.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub span: Span,
    pub keyword: Span,
    pub id: Ident,
    pub name: Str,
    pub members: Option<Attr<Vec<Ident>>>,
    pub aka: Option<Attr<Vec<Str>>>,
    pub notes: Vec<Attr<Str>>,
    pub has_block: bool,
}

impl Group {
    /// A group with its head and no attributes yet; the parsers fill in the block.
    pub fn new(span: Span, keyword: Span, id: Ident, name: Str) -> Group {
        Group {
            span,
            keyword,
            id,
            name,
            members: None,
            aka: None,
            notes: Vec::new(),
            has_block: false,
        }
    }
}

/// `section "I.1" "Các chỉ tiêu …" { … }`: groups declarations; sections nest.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub span: Span,
    pub keyword: Span,
    /// The document's own numbering, e.g. `I.1`, when the section has one.
    pub number: Option<Str>,
    pub title: Str,
    pub items: Vec<Item>,
    /// `implements qd941_2015`: the documents the section's duties carry out (not inherited by its items).
    pub implements: Option<Attr<Vec<Ident>>>,
    pub notes: Vec<Attr<Str>>,
}

/// Which keyword declared a target: whether it is judged against a goal or only carries a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// `target`: has (or inherits through its parts) a goal.
    Target,
    /// `measure`: an input with no goal, such as population.
    Measure,
}

/// `target grdp_growth "…" { … }` or `measure population "…" { … }`.
///
/// Attributes that most targets leave out (`aim`, `monitor`, `value`, `implements`, `shares`) are boxed: every
/// target lives as long as the run, and inline they made each one 888 bytes where a typical target fills a third
/// of that; boxed they cost a pointer when absent (`tests.rs` holds the bound).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub kind: TargetKind,
    pub span: Span,
    pub keyword: Span,
    pub id: Ident,
    pub title: Str,
    pub unit: Option<Attr<Str>>,
    pub goal: Option<Attr<Spanned<Goal>>>,
    pub aim: Option<Box<Attr<Spanned<Goal>>>>,
    pub window: Option<Attr<Window>>,
    pub lead: Option<Attr<Vec<Ident>>>,
    pub support: Option<Attr<Vec<Ident>>>,
    pub monitor: Option<Box<Attr<Vec<Ident>>>>,
    pub baseline: Option<Attr<Baseline>>,
    pub value: Option<Box<Attr<Expr>>>,
    /// `implements qd941_2015`: the documents this target carries out.
    pub implements: Option<Box<Attr<Vec<Ident>>>>,
    pub notes: Vec<Attr<Str>>,
    /// Nested "of which" parts.
    pub parts: Vec<Target>,
    pub shares: Option<Box<Shares>>,
    pub has_block: bool,
}

impl Target {
    /// A target with its head and no attributes yet; the parsers fill in the block.
    pub fn new(kind: TargetKind, span: Span, keyword: Span, id: Ident, title: Str) -> Target {
        Target {
            kind,
            span,
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
            implements: None,
            notes: Vec::new(),
            parts: Vec::new(),
            shares: None,
            has_block: false,
        }
    }
}

/// What a goal asks of the actual value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// `goal 100`
    Exact(Decimal),
    /// `goal >= 9.3`
    AtLeast(Decimal),
    /// `goal > 56`
    Above(Decimal),
    /// `goal <= 2.5`
    AtMost(Decimal),
    /// `goal < 4.1`
    Below(Decimal),
    /// `goal 8.1..8.6`, bounds included.
    Range(Decimal, Decimal),
    /// `goal ~497`: within ± the plan's `approx`.
    Approx(Decimal),
    /// `goal "Nhóm dẫn đầu cả nước"`: judged by an assessment.
    Text(String),
}

/// When a target is judged.
#[derive(Clone, Debug, PartialEq)]
pub enum Window {
    /// `by 2025`: the state reached by then.
    By(Spanned<DeadlineLit>),
    /// `yearly`: every year of the plan period.
    Yearly,
    /// `average 2021..2030`: the mean of the yearly actuals; no span means the plan period.
    Average(Option<Spanned<YearSpan>>),
}

/// `baseline 7.2 in 2022`.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub value: Spanned<Decimal>,
    pub period: Spanned<DeadlineLit>,
}

/// `shares 100 { target … }`: parts that must be able to add up to the total.
#[derive(Clone, Debug, PartialEq)]
pub struct Shares {
    pub span: Span,
    pub keyword: Span,
    pub total: Spanned<Decimal>,
    pub parts: Vec<Target>,
}

/// `task t01 "…" { … }`.
///
/// As in [`Target`], the attributes most tasks leave out (`monitor`, `every`, `for`, `implements`) are boxed.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    pub span: Span,
    pub keyword: Span,
    pub id: Ident,
    pub title: Str,
    pub lead: Option<Attr<Vec<Ident>>>,
    pub support: Option<Attr<Vec<Ident>>>,
    pub monitor: Option<Box<Attr<Vec<Ident>>>>,
    pub due: Option<Attr<Spanned<DeadlineLit>>>,
    /// `ongoing`: a standing duty ("thường xuyên"), never finished, judged by assessments.
    pub ongoing: Option<Attr<()>>,
    /// `every quarter by day 10`: a duty that recurs each period ("hằng năm", "định kỳ").
    pub every: Option<Box<Attr<Recurrence>>>,
    /// `for ubnd_tinh`: the owner that issues or decides what the lead drafts ("tham mưu").
    pub for_: Option<Box<Attr<Vec<Ident>>>>,
    /// `implements qd941_2015`: the documents this duty carries out ("theo Quyết định số …").
    pub implements: Option<Box<Attr<Vec<Ident>>>>,
    pub output: Option<Attr<Spanned<Output>>>,
    pub after: Option<Attr<Vec<Ident>>>,
    pub notes: Vec<Attr<Str>>,
    pub has_block: bool,
}

impl Task {
    /// A task with its head and no attributes yet; the parsers fill in the block.
    pub fn new(span: Span, keyword: Span, id: Ident, title: Str) -> Task {
        Task {
            span,
            keyword,
            id,
            title,
            lead: None,
            support: None,
            monitor: None,
            due: None,
            ongoing: None,
            every: None,
            for_: None,
            implements: None,
            output: None,
            after: None,
            notes: Vec::new(),
            has_block: false,
        }
    }
}

/// What a task produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Output {
    /// `output plan`: a plan (kế hoạch).
    Plan,
    /// `output project`: a scheme or project (đề án, dự án).
    Project,
    /// `output report`: a report (báo cáo).
    Report,
    /// `output decision`: a decision (quyết định).
    Decision,
    /// `output directive`: a directive (chỉ thị).
    Directive,
    /// `output resolution`: a resolution (nghị quyết).
    Resolution,
    /// `output program`: a programme (chương trình).
    Program,
    /// `output other`: any other product, such as a guideline or a database.
    Other,
}

impl Output {
    /// Every output, in the order the language lists them (completion and help show them in this order).
    pub const ALL: [Output; 8] = [
        Output::Plan,
        Output::Project,
        Output::Report,
        Output::Decision,
        Output::Directive,
        Output::Resolution,
        Output::Program,
        Output::Other,
    ];

    /// The keyword as written after `output`, and as the JSON report and exports name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Output::Plan => "plan",
            Output::Project => "project",
            Output::Report => "report",
            Output::Decision => "decision",
            Output::Directive => "directive",
            Output::Resolution => "resolution",
            Output::Program => "program",
            Output::Other => "other",
        }
    }
}

/// `report progress "…" { from …; to …; every quarter by day 15 }`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportDecl {
    pub span: Span,
    pub keyword: Span,
    pub id: Ident,
    pub title: Str,
    pub from: Option<Attr<Vec<Ident>>>,
    pub to: Option<Attr<Vec<Ident>>>,
    pub every: Option<Attr<Recurrence>>,
    pub notes: Vec<Attr<Str>>,
    pub has_block: bool,
}

impl ReportDecl {
    /// A report with its head and no attributes yet; the parsers fill in the block.
    pub fn new(span: Span, keyword: Span, id: Ident, title: Str) -> ReportDecl {
        ReportDecl {
            span,
            keyword,
            id,
            title,
            from: None,
            to: None,
            every: None,
            notes: Vec::new(),
            has_block: false,
        }
    }
}

/// `every quarter by day 15` or `every year by 12-15`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recurrence {
    pub frequency: Spanned<Frequency>,
    pub by: Spanned<DueDay>,
}

/// How often a recurring duty or report falls due: `every month`, `every quarter`, `every half`, `every year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Each calendar month (hằng tháng).
    Month,
    /// Each calendar quarter (hằng quý).
    Quarter,
    /// Each half-year, January–June and July–December (6 tháng).
    Half,
    /// Each calendar year (hằng năm).
    Year,
}

impl Frequency {
    /// Every frequency, shortest first.
    pub const ALL: [Frequency; 4] = [
        Frequency::Month,
        Frequency::Quarter,
        Frequency::Half,
        Frequency::Year,
    ];

    /// The keyword as written after `every`, and as the JSON report names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Month => "month",
            Frequency::Quarter => "quarter",
            Frequency::Half => "half",
            Frequency::Year => "year",
        }
    }

    /// Months in one period.
    pub fn months(self) -> u32 {
        match self {
            Frequency::Month => 1,
            Frequency::Quarter => 3,
            Frequency::Half => 6,
            Frequency::Year => 12,
        }
    }
}

/// The day a recurring report or task is due in each period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueDay {
    /// `by day 15`: day 15 of the last month of each period.
    DayOfLastMonth(u32),
    /// `by 12-15`: a month and day (yearly reports).
    MonthDay {
        /// The month, 1–12 (checked when the plan is checked, not when it is parsed).
        month: u32,
        /// The day of that month as written; a day the month lacks is reported by the check.
        day: u32,
    },
    /// `by Q4`, `by H1`, `by M06`: the last day of that quarter, half or month of each year (`every year` only).
    EndOf(YearPart),
}

/// A quarter, half or month of every year, as `every year by Q4` writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearPart {
    /// `M06`: a month, valid when 1–12 (`last_month` is `None` otherwise).
    Month(u32),
    /// `Q4`: a quarter, valid when 1–4.
    Quarter(u32),
    /// `H1`: a half-year, valid when 1–2.
    Half(u32),
}

impl YearPart {
    /// The part's last month (1–12), or `None` when it names no part of a year (`Q5`, `M13`).
    pub(crate) fn last_month(self) -> Option<u32> {
        let month = match self {
            YearPart::Month(m) if (1..=12).contains(&m) => m,
            YearPart::Quarter(q) if (1..=4).contains(&q) => q * 3,
            YearPart::Half(h) if (1..=2).contains(&h) => h * 6,
            _ => return None,
        };
        Some(month)
    }
}

/// `M06`, `Q4`, `H1`: as the plan writes it.
impl std::fmt::Display for YearPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            YearPart::Month(m) => write!(f, "M{m:02}"),
            YearPart::Quarter(q) => write!(f, "Q{q}"),
            YearPart::Half(h) => write!(f, "H{h}"),
        }
    }
}

/// `day 15`, `12-15`, `Q4`: the due day as the plan writes it after `by`.
impl std::fmt::Display for DueDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DueDay::DayOfLastMonth(d) => write!(f, "day {d}"),
            DueDay::MonthDay { month, day } => write!(f, "{month:02}-{day:02}"),
            DueDay::EndOf(part) => write!(f, "{part}"),
        }
    }
}

/// `rule id "…" { require …; severity error }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub span: Span,
    pub keyword: Span,
    pub id: Ident,
    pub title: Str,
    pub condition: Option<Attr<Condition>>,
    pub severity: Option<Attr<Spanned<RuleSeverity>>>,
    pub notes: Vec<Attr<Str>>,
}

impl Rule {
    /// A rule with its head and no attributes yet; the parsers fill in the block.
    pub fn new(span: Span, keyword: Span, id: Ident, title: Str) -> Rule {
        Rule {
            span,
            keyword,
            id,
            title,
            condition: None,
            severity: None,
            notes: Vec::new(),
        }
    }
}

/// A rule's expression and how it is read.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub kind: ConditionKind,
    pub expr: Expr,
}

/// How a rule's expression is read: as what must hold, or as what must not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConditionKind {
    /// `require e`: violated when `e` is false.
    Require,
    /// `when e`: violated (fires) when `e` is true.
    When,
}

/// `severity error`: how serious a violation is, carried into the report beside the rule's `violated` status (a
/// rule without `severity` is an error). The status itself does not depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSeverity {
    /// A breach of what the plan requires (lỗi).
    Error,
    /// Something to look at (cảnh báo).
    Warning,
    /// For information (thông tin).
    Info,
}

impl RuleSeverity {
    /// Every severity, the heaviest first.
    pub const ALL: [RuleSeverity; 3] = [
        RuleSeverity::Error,
        RuleSeverity::Warning,
        RuleSeverity::Info,
    ];

    /// The word as written after `severity`, and as the JSON report names it.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleSeverity::Error => "error",
            RuleSeverity::Warning => "warning",
            RuleSeverity::Info => "info",
        }
    }
}

/// An expression in `value = …`, `require …` or `when …`.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Number(Decimal),
    Date(DateLit),
    Bool(bool),
    /// The evaluation date.
    AsOf,
    /// A bare id: that item's actual value.
    Ref(Ident),
    Call {
        func: Ident,
        args: Vec<Expr>,
    },
    Unary {
        op: Spanned<UnaryOp>,
        expr: Box<Expr>,
    },
    Binary {
        op: Spanned<BinOp>,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// Parentheses the user wrote, kept for the formatter.
    Paren(Box<Expr>),
}

/// A prefix operator in an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-x`: the negated number.
    Neg,
    /// `not x`: the negated truth value.
    Not,
}

/// An infix operator in an expression; [`BinOp::precedence`] orders them from the loosest to the tightest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `a or b`: true when either is true.
    Or,
    /// `a and b`: true when both are true.
    And,
    /// `a == b`: numbers, dates or truth values that are equal.
    Eq,
    /// `a != b`: the opposite of `==`.
    Ne,
    /// `a < b`: numbers or dates.
    Lt,
    /// `a <= b`: numbers or dates.
    Le,
    /// `a > b`: numbers or dates.
    Gt,
    /// `a >= b`: numbers or dates.
    Ge,
    /// `a + b`: exact decimal addition.
    Add,
    /// `a - b`: exact decimal subtraction.
    Sub,
    /// `a * b`: exact decimal multiplication.
    Mul,
    /// `a / b`: decimal division; dividing by zero gives no value.
    Div,
}

impl BinOp {
    /// The operator as written in a plan (`and`, `>=`, `+`).
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }

    /// Binding strength: higher binds tighter. `not` sits between `and` and the comparisons.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div => 6,
        }
    }

    pub(crate) fn is_comparison(self) -> bool {
        self.precedence() == 4
    }
}

impl Expr {
    /// Visits this expression and every sub-expression, outermost first, without recursion on the Rust stack
    /// beyond the expression's own (bounded) depth.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Call { args, .. } => args.iter().for_each(|a| a.walk(f)),
            ExprKind::Unary { expr, .. } | ExprKind::Paren(expr) => expr.walk(f),
            ExprKind::Binary { lhs, rhs, .. } => {
                lhs.walk(f);
                rhs.walk(f);
            }
            ExprKind::Number(_)
            | ExprKind::Date(_)
            | ExprKind::Bool(_)
            | ExprKind::AsOf
            | ExprKind::Ref(_) => {}
        }
    }
}

/// One parsed `.facts` file (SPEC section 6, text form).
#[derive(Clone, Debug, PartialEq)]
pub struct FactsFile {
    pub file: FileId,
    pub span: Span,
    /// The plan number the facts are for.
    pub plan: Str,
    pub as_of: Option<Spanned<DateLit>>,
    pub facts: Vec<Fact>,
    pub comments: Vec<Span>,
}

/// One line of a facts file.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub span: Span,
    pub id: Ident,
    pub kind: FactKind,
}

/// What a line of a facts file reports, after its id.
#[derive(Clone, Debug, PartialEq)]
pub enum FactKind {
    /// `grdp_growth 2023 = 7.9`
    Value {
        /// The period the figure is for (`2023`, `2023-Q3`, `2023-06`).
        period: Spanned<DeadlineLit>,
        /// The reported figure, exact.
        value: Spanned<Decimal>,
    },
    /// `pci 2023 assessed met`; on a standing duty with a note: `t_kiem_tra 2021-Q2 assessed met "đã kiểm tra"`
    Assessed {
        /// The period judged.
        period: Spanned<DeadlineLit>,
        /// The verdict word as written, `met` or `missed`; the facts check rejects any other word.
        verdict: Str,
        /// What the assessor adds, when written.
        note: Option<Str>,
    },
    /// `t01 done 2023-01-25`; for one occurrence of a recurring duty, `t_quy 2021-Q1 done 2021-04-12`
    Done {
        /// The occurrence of a recurring duty that was done; `None` for a one-off task.
        period: Option<Spanned<DeadlineLit>>,
        /// The day it was done.
        date: Spanned<DateLit>,
    },
    /// `t02 progress 60`, `t_quy 2021-Q2 progress 60`
    Progress {
        /// The occurrence of a recurring duty; `None` for a one-off task.
        period: Option<Spanned<DeadlineLit>>,
        /// Percent done, 0–100 (the facts check rejects others).
        value: Spanned<Decimal>,
    },
    /// `t03 cancelled "lý do"`, `t_quy 2021-Q3 cancelled`
    Cancelled {
        /// The occurrence of a recurring duty that was cancelled; `None` for a one-off task.
        period: Option<Spanned<DeadlineLit>>,
        /// Why, when written.
        reason: Option<Str>,
    },
    /// `monthly 2021-06 from so_tc submitted 2021-06-17`: one `from` owner's report for one period.
    Submitted {
        /// The reporting period the report covers.
        period: Spanned<DeadlineLit>,
        /// The sending owner, one of the report's `from` owners.
        from: Ident,
        /// The day it was sent, compared with the period's due day.
        date: Spanned<DateLit>,
    },
    /// `t01 2023-Q3 note "khó khăn: thiếu vốn"`: what the reporter says about an item for a period (kết quả, khó
    /// khăn, kiến nghị), whatever else is reported for it.
    Note {
        /// The period the note is about.
        period: Spanned<DeadlineLit>,
        /// The note as written (escaped wherever it is rendered).
        text: Str,
    },
}

impl FactKind {
    /// The period the fact is about, when it names one.
    pub fn period(&self) -> Option<&Spanned<DeadlineLit>> {
        match self {
            FactKind::Value { period, .. }
            | FactKind::Assessed { period, .. }
            | FactKind::Submitted { period, .. }
            | FactKind::Note { period, .. } => Some(period),
            FactKind::Done { period, .. }
            | FactKind::Progress { period, .. }
            | FactKind::Cancelled { period, .. } => period.as_ref(),
        }
    }
}
