//! The checked plan: what `check` makes of a unit's AST and what the evaluator, the exporters and the JavaScript
//! API read.
//!
//! Everything is resolved: ids are indices, owners are inherited down nested targets, deadlines are periods with a
//! year (a task without `due` falls due at the end of the plan period), expressions are typed with their units,
//! and derived targets come in an order where each follows what it reads. Items are kept in source order.

use std::fmt::{self, Write as _};

use crate::hash::FxHashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

pub use crate::ast::{
    BinOp, ConditionKind, DueDay, Frequency, Goal, Output, RuleSeverity, TargetKind, UnaryOp,
    YearPart,
};
use crate::deadline::Deadline;
use crate::diagnostics::Text;
use crate::source::{FileId, Span};
use crate::text;

mod items;
mod schedule;

pub use items::{DocumentIx, Items, Ix, OwnerIx, ReportIx, RuleIx, SectionIx, TargetIx, TaskIx};
pub use schedule::{Occurrence, Run, Schedule, TaskSchedule};

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemRef {
    /// A document declared with `document`.
    Document(DocumentIx),
    /// An owner or a group.
    Owner(OwnerIx),
    /// A target or a measure.
    Target(TargetIx),
    /// A task (one-off, standing or recurring).
    Task(TaskIx),
    /// A recurring report declared with `report`.
    Report(ReportIx),
    /// A rule.
    Rule(RuleIx),
}

impl ItemRef {
    /// What kind of item this is, with its article: `a target`, `an owner`.
    pub(crate) fn noun(self) -> Text {
        match self {
            ItemRef::Document(_) => text!("a document", "một văn bản"),
            ItemRef::Owner(_) => text!("an owner", "một cơ quan"),
            ItemRef::Target(_) => text!("a target", "một chỉ tiêu"),
            ItemRef::Task(_) => text!("a task", "một nhiệm vụ"),
            ItemRef::Report(_) => text!("a report", "một báo cáo"),
            ItemRef::Rule(_) => text!("a rule", "một quy tắc"),
        }
    }
}

/// A resolved plan: one unit (a root file and what it uses).
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// The unit's root file: the file that no other file of the unit brings in with `use`.
    pub root: FileId,
    /// The `plan` header, when the unit has one (an agencies file alone has none).
    pub plan: Option<PlanInfo>,
    /// Every `document`, in the order declared.
    pub documents: Items<DocumentIx, DocumentInfo>,
    /// Every owner and group of the unit, from each of its files.
    pub owners: Items<OwnerIx, OwnerInfo>,
    /// Every section, parents before the sections they hold.
    pub sections: Items<SectionIx, SectionInfo>,
    /// Targets and measures, parents before their parts.
    pub targets: Items<TargetIx, TargetInfo>,
    /// Every task, in the plan's order.
    pub tasks: Items<TaskIx, TaskInfo>,
    /// Every recurring report, in the plan's order.
    pub reports: Items<ReportIx, ReportInfo>,
    /// Every rule, in the plan's order.
    pub rules: Items<RuleIx, RuleInfo>,
    /// Targets with `value = …`, each after every target it reads.
    pub derive_order: Vec<TargetIx>,
    /// Every declared id and what it names (ids are unique within a unit: `duplicate-id`).
    pub ids: FxHashMap<String, ItemRef>,
}

impl Model {
    /// What `id` names in this unit, if anything.
    pub fn lookup(&self, id: &str) -> Option<ItemRef> {
        self.ids.get(id).copied()
    }

    /// An item's id.
    pub(crate) fn id_of(&self, item: ItemRef) -> Option<&str> {
        let id = match item {
            ItemRef::Document(i) => &self.documents.get(i)?.id,
            ItemRef::Owner(i) => &self.owners.get(i)?.id,
            ItemRef::Target(i) => &self.targets.get(i)?.id,
            ItemRef::Task(i) => &self.tasks.get(i)?.id,
            ItemRef::Report(i) => &self.reports.get(i)?.id,
            ItemRef::Rule(i) => &self.rules.get(i)?.id,
        };
        Some(id)
    }

    /// Where an item's id is declared.
    pub(crate) fn span_of(&self, item: ItemRef) -> Option<Span> {
        match item {
            ItemRef::Document(i) => self.documents.get(i).map(|d| d.span),
            ItemRef::Owner(i) => self.owners.get(i).map(|o| o.span),
            ItemRef::Target(i) => self.targets.get(i).map(|t| t.span),
            ItemRef::Task(i) => self.tasks.get(i).map(|t| t.span),
            ItemRef::Report(i) => self.reports.get(i).map(|r| r.span),
            ItemRef::Rule(i) => self.rules.get(i).map(|r| r.span),
        }
    }

    /// The target or measure with this id.
    pub fn target(&self, id: &str) -> Option<&TargetInfo> {
        match self.lookup(id)? {
            ItemRef::Target(i) => self.targets.get(i),
            _ => None,
        }
    }

    /// The task with this id.
    pub fn task(&self, id: &str) -> Option<&TaskInfo> {
        match self.lookup(id)? {
            ItemRef::Task(i) => self.tasks.get(i),
            _ => None,
        }
    }

    /// The plan period, when the plan states one.
    pub fn period(&self) -> Option<Period> {
        self.plan.as_ref().and_then(|p| p.period)
    }

    /// Tolerance of `~` goals as a fraction (0.05 for `approx 5%`).
    pub fn approx(&self) -> Decimal {
        self.plan.as_ref().map_or(Decimal::new(5, 2), |p| p.approx)
    }

    /// The ids of `owners`, in the order given; an index that finds nothing is skipped.
    pub fn owner_ids<'a>(&'a self, owners: &'a [OwnerIx]) -> impl Iterator<Item = &'a str> + 'a {
        owners
            .iter()
            .filter_map(|&o| self.owners.get(o))
            .map(|o| o.id.as_str())
    }
}

/// The span of years a plan covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first year.
    pub from: i32,
    /// The last year (equal to `from` for a one-year plan).
    pub to: i32,
}

impl Period {
    pub(crate) fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.from, 1, 1)
    }

    /// 31 December of the last year.
    pub fn last_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.to, 12, 31)
    }

    /// The year of a one-year plan, which year-less deadlines (`Q2`) take.
    pub(crate) fn single_year(self) -> Option<i32> {
        (self.from == self.to).then_some(self.from)
    }

    /// Each year of the period, in order.
    pub fn years(self) -> impl Iterator<Item = i32> {
        self.from..=self.to
    }

    /// Whether `date` falls within the period (1 January of the first year to 31 December of the last).
    pub fn contains(self, date: NaiveDate) -> bool {
        self.first_day().is_some_and(|f| f <= date) && self.last_day().is_some_and(|l| date <= l)
    }
}

/// The `plan` header.
#[derive(Clone, Debug)]
pub struct PlanInfo {
    /// The document number, e.g. `370/KH-UBND`.
    pub number: String,
    /// `title`: the plan's name.
    pub title: Option<String>,
    /// `issuer`: the body that issued the plan, e.g. `UBND tỉnh Quảng Ninh`.
    pub issuer: Option<String>,
    /// `issued`: the day the plan was signed; deadlines before it are reported (`deadline-before-issue`).
    pub issued: Option<NaiveDate>,
    /// `signer`: who signed the plan.
    pub signer: Option<String>,
    /// `period 2021..2025`: the years the plan covers; tasks without `due` fall due at its end.
    pub period: Option<Period>,
    /// `implements`: the higher documents the plan carries out.
    pub implements: Vec<DocumentIx>,
    /// As a fraction: 0.05 for `approx 5%`.
    pub approx: Decimal,
    /// `note "…"` on the plan, in order.
    pub notes: Vec<String>,
    /// Where the plan's number is declared.
    pub span: Span,
    /// The `issued` value, for diagnostics that point at it.
    pub issued_span: Option<Span>,
    /// The `period` value, for diagnostics that point at it.
    pub period_span: Option<Span>,
}

/// `document nq01 "01/NQ-CP" { … }`: a higher document (a resolution, decision or plan) that items carry out.
#[derive(Clone, Debug)]
pub struct DocumentInfo {
    /// The document's id, used in `implements`.
    pub id: String,
    /// Its number as printed on it, e.g. `01/NQ-CP`.
    pub number: String,
    /// `title`: what the document is about.
    pub title: Option<String>,
    /// `issuer`: the body that issued it.
    pub issuer: Option<String>,
    /// `issued`: the day it was signed.
    pub issued: Option<NaiveDate>,
    /// `implements`: the documents this one carries out in turn.
    pub implements: Vec<DocumentIx>,
    /// `note "…"` on the document, in order.
    pub notes: Vec<String>,
    /// The id where it is declared.
    pub span: Span,
}

/// Whether an owner is one body or a group of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnerKind {
    /// `owner`: one body (a department, a district's people's committee).
    Owner,
    /// `group`: a named set of owners (`cac_so`, "các sở, ban, ngành"); leading as a group means each member leads.
    Group,
}

/// `owner so_khdt "Sở Kế hoạch và Đầu tư"` or `group …`: a body that leads, supports, monitors or reports.
#[derive(Clone, Debug)]
pub struct OwnerInfo {
    /// The id plans use in `lead`, `support`, `monitor`, `from`, `to` and `for`.
    pub id: String,
    /// Whether this is one body or a group.
    pub kind: OwnerKind,
    /// The full name as written.
    pub name: String,
    /// `aka`: other names the body goes by ("Sở KH&ĐT"); completion in an editor matches them too.
    pub aka: Vec<String>,
    /// Members of a group.
    pub members: Vec<OwnerIx>,
    /// `note "…"` on the owner, in order.
    pub notes: Vec<String>,
    /// Where the owner's id is declared.
    pub span: Span,
}

/// `section "I.1" "…" { … }`: a part of the plan's document, holding targets, tasks and sections.
#[derive(Clone, Debug)]
pub struct SectionInfo {
    /// The document's own numbering, e.g. `I.1`, when written.
    pub number: Option<String>,
    /// The section's heading.
    pub title: String,
    /// The section this one is inside, if any.
    pub parent: Option<SectionIx>,
    /// `implements`: the documents the section's duties carry out. Its items do not inherit it (each lists its
    /// own); the sections around an item are found through `parent`.
    pub implements: Vec<DocumentIx>,
    /// `note "…"`: kept for the exports, which show them where the section is shown.
    pub notes: Vec<String>,
    /// Where the section is declared.
    pub span: Span,
}

impl SectionInfo {
    /// How an evaluation report names the section: its number, or its title when it has none.
    pub fn key(&self) -> &str {
        self.number.as_deref().unwrap_or(&self.title)
    }

    /// How a report names the section: its number and title.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n}. {}", self.title),
            None => self.title.clone(),
        }
    }
}

/// When a target is judged, with years resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Window {
    /// The state reached by this deadline.
    By(Deadline),
    /// Every year from `from` to `to`.
    Yearly {
        /// The first year judged.
        from: i32,
        /// The last year judged.
        to: i32,
    },
    /// The mean of the yearly actuals from `from` to `to`.
    Average {
        /// The first year averaged.
        from: i32,
        /// The last year averaged.
        to: i32,
    },
}

impl Window {
    /// The day the whole window is over.
    pub fn last_day(self) -> Option<NaiveDate> {
        match self {
            Window::By(d) => Some(d.last_day()),
            Window::Yearly { to, .. } | Window::Average { to, .. } => {
                NaiveDate::from_ymd_opt(to, 12, 31)
            }
        }
    }
}

/// `by 2023`, `yearly 2021..2025`, `average 2021..2030`: as the plan writes it.
impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::By(d) => write!(f, "by {d}"),
            Window::Yearly { from, to } => write!(f, "yearly {from}..{to}"),
            Window::Average { from, to } => write!(f, "average {from}..{to}"),
        }
    }
}

impl Serialize for Window {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `target` or `measure`, resolved: owners and unit inherited from parents, the window with its years.
#[derive(Clone, Debug)]
pub struct TargetInfo {
    /// The id as written, unique in the unit.
    pub id: String,
    /// The title as written (the plan's wording of the target).
    pub title: String,
    /// `target` (judged against a goal) or `measure` (an input without a goal).
    pub kind: TargetKind,
    /// The innermost section it is declared in, if any.
    pub section: Option<SectionIx>,
    /// The target this is an "of which" part or a share of.
    pub parent: Option<TargetIx>,
    /// Nested "of which" parts.
    pub parts: Vec<TargetIx>,
    /// `shares N { … }`: the total and its parts.
    pub shares: Option<(Decimal, Vec<TargetIx>)>,
    /// Whether this target is one of its parent's shares (rather than an "of which" part).
    pub is_share: bool,
    /// Own or inherited.
    pub unit: Option<String>,
    /// `goal`: what the actual value must reach; `None` for a measure, or a target judged only through its parts.
    pub goal: Option<Goal>,
    /// `aim`: a higher goal to strive for ("phấn đấu"), reported beside the goal.
    pub aim: Option<Goal>,
    /// Own, inherited, or the end of the plan period; `None` only without any plan period.
    pub window: Option<Window>,
    /// `lead`: the owners in charge (chủ trì), own or inherited from the parent target.
    pub lead: Vec<OwnerIx>,
    /// `support`: the owners who help (phối hợp), own or inherited.
    pub support: Vec<OwnerIx>,
    /// `monitor`: the owners who follow the work (theo dõi, giám sát), own or inherited.
    pub monitor: Vec<OwnerIx>,
    /// `baseline 7.2 in 2020`: the starting value and the period it was measured in.
    pub baseline: Option<(Decimal, Deadline)>,
    /// `value = …`: computed from other targets.
    pub value: Option<Expr>,
    /// `implements`: the documents this target carries out (its own; parts do not inherit it).
    pub implements: Vec<DocumentIx>,
    /// `note "…"` on the target, in order.
    pub notes: Vec<String>,
    /// The id where it is declared.
    pub span: Span,
    /// Where the `goal` value is written, for diagnostics that point at it.
    pub goal_span: Option<Span>,
}

impl TargetInfo {
    pub(crate) fn is_derived(&self) -> bool {
        self.value.is_some()
    }

    pub(crate) fn is_qualitative(&self) -> bool {
        matches!(self.goal, Some(Goal::Text(_)))
    }
}

/// `task t01 "…" { … }`, resolved: owners as indices, the schedule with its years.
#[derive(Clone, Debug)]
pub struct TaskInfo {
    /// The id as written, unique in the unit.
    pub id: String,
    /// The title as written (the plan's wording of the duty).
    pub title: String,
    /// The innermost section it is declared in, if any.
    pub section: Option<SectionIx>,
    /// `lead`: the owners in charge (chủ trì).
    pub lead: Vec<OwnerIx>,
    /// `support`: the owners who help (phối hợp).
    pub support: Vec<OwnerIx>,
    /// `monitor`: the owners who follow the work (theo dõi, giám sát).
    pub monitor: Vec<OwnerIx>,
    /// One-off (its `due`, or else the end of the plan period), `ongoing`, or `every …`.
    pub schedule: TaskSchedule,
    /// `for`: the owners who issue or decide what the lead drafts ("tham mưu UBND tỉnh ban hành").
    pub for_: Vec<OwnerIx>,
    /// `implements`: the documents this duty carries out ("theo Quyết định số …").
    pub implements: Vec<DocumentIx>,
    /// `output`: what the task produces, when written.
    pub output: Option<Output>,
    /// `after`: the tasks that must be done first (checked for cycles: `dependency-cycle`).
    pub after: Vec<TaskIx>,
    /// `note "…"` on the task, in order.
    pub notes: Vec<String>,
    /// Where the task's id is declared.
    pub span: Span,
    /// Where `due` is written, for diagnostics that point at it; `None` when the deadline is the plan's end.
    pub due_span: Option<Span>,
}

impl TaskInfo {
    /// The deadline of a one-off task; recurring and ongoing duties have no single one.
    pub fn due(&self) -> Option<Deadline> {
        self.schedule.due()
    }

    /// Whether `due` was written (rather than taken from the plan period).
    pub(crate) fn due_written(&self) -> bool {
        matches!(self.schedule, TaskSchedule::Once { written: true, .. })
    }
}

/// `report progress "…" { from …; to …; every … }`: a report owners send each period.
#[derive(Clone, Debug)]
pub struct ReportInfo {
    /// The id as written, unique in the unit; facts record submissions under it.
    pub id: String,
    /// The title as written.
    pub title: String,
    /// The innermost section it is declared in, if any.
    pub section: Option<SectionIx>,
    /// `from`: the owners who send the report; each is judged on its own submissions.
    pub from: Vec<OwnerIx>,
    /// `to`: the owners who receive it.
    pub to: Vec<OwnerIx>,
    /// `every quarter by day 15`: when each period's report is due; `None` when the `every` did not resolve (already reported).
    pub every: Option<Schedule>,
    /// `note "…"` on the report, in order.
    pub notes: Vec<String>,
    /// Where the report's id is declared.
    pub span: Span,
}

/// `rule id "…" { require …; severity … }`: a condition over the reported figures and tasks.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    /// The id as written, unique in the unit.
    pub id: String,
    /// The title as written: what the rule checks.
    pub title: String,
    /// The innermost section it is declared in, if any.
    pub section: Option<SectionIx>,
    /// `require` (violated when false) or `when` (violated when true).
    pub kind: ConditionKind,
    /// `None` when the condition did not type-check (already reported).
    pub expr: Option<Expr>,
    /// `severity`: how serious a violation is; `error` when not written.
    pub severity: RuleSeverity,
    /// `note "…"` on the rule, in order.
    pub notes: Vec<String>,
    /// Where the rule's id is declared.
    pub span: Span,
}

/// The type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    /// A decimal number, with a unit (see [`Expr::unit`]).
    Number,
    /// A calendar day.
    Date,
    /// A truth value.
    Bool,
}

/// A unit as a product of named units with integer powers: `giường/người` is `{giường: 1, người: -1}`.
/// A unit the plan names as one string (`giường/vạn dân`) is one factor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Unit {
    /// Each named unit and its power, sorted by name, no power zero: `[(giường, 1), (người, -1)]` for
    /// `giường/người`; empty for a dimensionless number. A sorted list rather than a map: a unit has one or two
    /// factors, and the WebAssembly module then needs no B-tree for it.
    factors: Vec<(String, i32)>,
}

impl Unit {
    /// The unit `name` to the power one, as a target's `unit` names it.
    pub fn named(name: &str) -> Unit {
        Unit {
            factors: vec![(name.to_string(), 1)],
        }
    }

    pub(crate) fn is_dimensionless(&self) -> bool {
        self.factors.is_empty()
    }

    fn combine(&self, other: &Unit, sign: i32) -> Unit {
        let mut factors = self.factors.clone();
        for (name, power) in &other.factors {
            match factors.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
                Ok(at) => {
                    if let Some((_, p)) = factors.get_mut(at) {
                        *p += sign * power;
                    }
                    factors.retain(|(_, p)| *p != 0);
                }
                Err(at) => factors.insert(at, (name.clone(), sign * power)),
            }
        }
        Unit { factors }
    }

    /// The unit of a product: powers added.
    pub fn times(&self, other: &Unit) -> Unit {
        self.combine(other, 1)
    }

    /// The unit of a quotient: `other`'s powers subtracted.
    pub fn per(&self, other: &Unit) -> Unit {
        self.combine(other, -1)
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.factors.is_empty() {
            return f.write_str("(no unit)");
        }
        let (num, den): (Vec<_>, Vec<_>) = self.factors.iter().partition(|(_, p)| *p > 0);
        let show = |parts: &[&(String, i32)]| -> String {
            parts
                .iter()
                .map(|(n, p)| {
                    if p.abs() == 1 {
                        n.clone()
                    } else {
                        format!("{n}^{}", p.abs())
                    }
                })
                .collect::<Vec<_>>()
                .join("·")
        };
        let top = if num.is_empty() {
            "1".to_string()
        } else {
            show(&num)
        };
        if den.is_empty() {
            f.write_str(&top)
        } else {
            write!(f, "{top}/{}", show(&den))
        }
    }
}

/// A typed expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the expression computes.
    pub kind: ExprKind,
    /// Its type, checked when the plan is checked (`type-mismatch`).
    pub ty: Type,
    /// For numbers: the unit, or `None` for a bare literal that takes the unit of what it meets.
    pub unit: Option<Unit>,
    /// Where the expression is written.
    pub span: Span,
}

/// A typed expression's node: ids are resolved to the items they name and calls to what they compute.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A number literal.
    Number(Decimal),
    /// A date literal, a real day.
    Date(NaiveDate),
    /// `true` or `false`.
    Bool(bool),
    /// `as_of`: the evaluation date.
    AsOf,
    /// The latest actual value of a target or measure.
    Actual(TargetIx),
    /// `-x` or `not x`.
    Unary(UnaryOp, Box<Expr>),
    /// An infix operation; both sides are typed for it.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `sum min max avg` over numbers; `abs round` of one.
    Aggregate(Aggregate, Vec<Expr>),
    /// `round(x)` or `round(x, digits)`.
    Round(Box<Expr>, u32),
    /// `done(t)`: whether the task is done (on time or late).
    Done(TaskIx),
    /// `days_late(t)`: days past due when finished, or so far if open and overdue; 0 otherwise.
    DaysLate(TaskIx),
    /// `goal_min(x)` / `goal_max(x)`: the lower or upper bound of a target's numeric goal.
    GoalBound {
        /// The target whose goal is read.
        target: TargetIx,
        /// `true` for `goal_max`, `false` for `goal_min`.
        upper: bool,
    },
}

/// A function over numbers: `sum`, `min`, `max`, `avg` over any number of arguments, `abs` of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aggregate {
    /// `sum(…)`: the total.
    Sum,
    /// `min(…)`: the smallest.
    Min,
    /// `max(…)`: the largest.
    Max,
    /// `avg(…)`: the mean.
    Avg,
    /// `abs(x)`: the magnitude.
    Abs,
}

impl Expr {
    /// The targets whose actual values this expression reads.
    pub fn reads(&self) -> Vec<TargetIx> {
        let mut out = Vec::new();
        self.visit(&mut |e| {
            if let ExprKind::Actual(t) | ExprKind::GoalBound { target: t, .. } = e.kind {
                out.push(t);
            }
        });
        out
    }

    /// Calls `f` on this expression and every sub-expression, outermost first.
    pub fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Unary(_, e) | ExprKind::Round(e, _) => e.visit(f),
            ExprKind::Binary(_, a, b) => {
                a.visit(f);
                b.visit(f);
            }
            ExprKind::Aggregate(_, args) => args.iter().for_each(|a| a.visit(f)),
            ExprKind::Number(_)
            | ExprKind::Date(_)
            | ExprKind::Bool(_)
            | ExprKind::AsOf
            | ExprKind::Actual(_)
            | ExprKind::Done(_)
            | ExprKind::DaysLate(_)
            | ExprKind::GoalBound { .. } => {}
        }
    }
}

impl Goal {
    /// The smallest and largest actual values that meet the goal, where the goal bounds them (`None` = unbounded).
    /// `~x` uses the tolerance `approx` (a fraction). Strict bounds (`> 56`) are given as their limit.
    pub fn bounds(&self, approx: Decimal) -> (Option<Decimal>, Option<Decimal>) {
        match self {
            Goal::Exact(x) => (Some(*x), Some(*x)),
            Goal::AtLeast(x) | Goal::Above(x) => (Some(*x), None),
            Goal::AtMost(x) | Goal::Below(x) => (None, Some(*x)),
            Goal::Range(a, b) => (Some(*a), Some(*b)),
            Goal::Approx(x) => {
                let delta = (x * approx).abs();
                (Some(x - delta), Some(x + delta))
            }
            Goal::Text(_) => (None, None),
        }
    }

    /// Whether `actual` meets the goal; `None` for qualitative goals.
    pub(crate) fn is_met_by(&self, actual: Decimal, approx: Decimal) -> Option<bool> {
        Some(match self {
            Goal::Exact(x) => actual == *x,
            Goal::AtLeast(x) => actual >= *x,
            Goal::Above(x) => actual > *x,
            Goal::AtMost(x) => actual <= *x,
            Goal::Below(x) => actual < *x,
            Goal::Range(a, b) => *a <= actual && actual <= *b,
            Goal::Approx(_) => {
                let (lo, hi) = self.bounds(approx);
                lo.is_none_or(|lo| lo <= actual) && hi.is_none_or(|hi| actual <= hi)
            }
            Goal::Text(_) => return None,
        })
    }

    /// The goal as written in a plan: `>= 9.3`, `8.1..8.6`, `~497`, `"…"` (its [`Display`](fmt::Display)).
    pub(crate) fn to_source(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Goal::Exact(x) => write!(f, "{x}"),
            Goal::AtLeast(x) => write!(f, ">= {x}"),
            Goal::Above(x) => write!(f, "> {x}"),
            Goal::AtMost(x) => write!(f, "<= {x}"),
            Goal::Below(x) => write!(f, "< {x}"),
            Goal::Range(a, b) => write!(f, "{a}..{b}"),
            Goal::Approx(x) => write!(f, "~{x}"),
            Goal::Text(t) => {
                f.write_str("\"")?;
                for c in t.chars() {
                    if matches!(c, '\\' | '"') {
                        f.write_char('\\')?;
                    }
                    f.write_char(c)?;
                }
                f.write_str("\"")
            }
        }
    }
}

/// Reports show a goal as the plan writes it, formatted only when serialised.
impl Serialize for Goal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests;
