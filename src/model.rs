//! The checked plan: what `check` makes of a unit's AST and what the evaluator, the exporters and the JavaScript
//! API read.
//!
//! Everything is resolved: ids are indices, owners are inherited down nested targets, deadlines are periods with a
//! year (a task without `due` falls due at the end of the plan period), expressions are typed with their units,
//! and derived targets come in an order where each follows what it reads. Items are kept in source order.

use std::fmt::{self, Write as _};

use rustc_hash::FxHashMap;

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
    Document(DocumentIx),
    Owner(OwnerIx),
    Target(TargetIx),
    Task(TaskIx),
    Report(ReportIx),
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
    pub root: FileId,
    pub plan: Option<PlanInfo>,
    pub documents: Items<DocumentIx, DocumentInfo>,
    pub owners: Items<OwnerIx, OwnerInfo>,
    pub sections: Items<SectionIx, SectionInfo>,
    /// Targets and measures, parents before their parts.
    pub targets: Items<TargetIx, TargetInfo>,
    pub tasks: Items<TaskIx, TaskInfo>,
    pub reports: Items<ReportIx, ReportInfo>,
    pub rules: Items<RuleIx, RuleInfo>,
    /// Targets with `value = …`, each after every target it reads.
    pub derive_order: Vec<TargetIx>,
    pub ids: FxHashMap<String, ItemRef>,
}

impl Model {
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

    pub fn target(&self, id: &str) -> Option<&TargetInfo> {
        match self.lookup(id)? {
            ItemRef::Target(i) => self.targets.get(i),
            _ => None,
        }
    }

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
    pub from: i32,
    pub to: i32,
}

impl Period {
    pub(crate) fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.from, 1, 1)
    }

    pub fn last_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.to, 12, 31)
    }

    /// The year of a one-year plan, which year-less deadlines (`Q2`) take.
    pub(crate) fn single_year(self) -> Option<i32> {
        (self.from == self.to).then_some(self.from)
    }

    pub fn years(self) -> impl Iterator<Item = i32> {
        self.from..=self.to
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.first_day().is_some_and(|f| f <= date) && self.last_day().is_some_and(|l| date <= l)
    }
}

/// The `plan` header.
#[derive(Clone, Debug)]
pub struct PlanInfo {
    pub number: String,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<NaiveDate>,
    pub signer: Option<String>,
    pub period: Option<Period>,
    pub implements: Vec<DocumentIx>,
    /// As a fraction: 0.05 for `approx 5%`.
    pub approx: Decimal,
    pub notes: Vec<String>,
    pub span: Span,
    /// The `issued` value, for diagnostics that point at it.
    pub issued_span: Option<Span>,
    pub period_span: Option<Span>,
}

#[derive(Clone, Debug)]
pub struct DocumentInfo {
    pub id: String,
    pub number: String,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<NaiveDate>,
    pub implements: Vec<DocumentIx>,
    pub notes: Vec<String>,
    /// The id where it is declared.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnerKind {
    Owner,
    Group,
}

#[derive(Clone, Debug)]
pub struct OwnerInfo {
    pub id: String,
    pub kind: OwnerKind,
    pub name: String,
    pub aka: Vec<String>,
    /// Members of a group.
    pub members: Vec<OwnerIx>,
    pub notes: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct SectionInfo {
    pub number: Option<String>,
    pub title: String,
    pub parent: Option<SectionIx>,
    /// `implements`: the documents the section's duties carry out. Its items do not inherit it (each lists its
    /// own); the sections around an item are found through `parent`.
    pub implements: Vec<DocumentIx>,
    /// `note "…"`: kept for the exports, which show them where the section is shown.
    pub notes: Vec<String>,
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
    Yearly { from: i32, to: i32 },
    /// The mean of the yearly actuals from `from` to `to`.
    Average { from: i32, to: i32 },
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

#[derive(Clone, Debug)]
pub struct TargetInfo {
    pub id: String,
    pub title: String,
    pub kind: TargetKind,
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
    pub goal: Option<Goal>,
    pub aim: Option<Goal>,
    /// Own, inherited, or the end of the plan period; `None` only without any plan period.
    pub window: Option<Window>,
    pub lead: Vec<OwnerIx>,
    pub support: Vec<OwnerIx>,
    pub monitor: Vec<OwnerIx>,
    pub baseline: Option<(Decimal, Deadline)>,
    /// `value = …`: computed from other targets.
    pub value: Option<Expr>,
    /// `implements`: the documents this target carries out (its own; parts do not inherit it).
    pub implements: Vec<DocumentIx>,
    pub notes: Vec<String>,
    /// The id where it is declared.
    pub span: Span,
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

#[derive(Clone, Debug)]
pub struct TaskInfo {
    pub id: String,
    pub title: String,
    pub section: Option<SectionIx>,
    pub lead: Vec<OwnerIx>,
    pub support: Vec<OwnerIx>,
    pub monitor: Vec<OwnerIx>,
    /// One-off (its `due`, or else the end of the plan period), `ongoing`, or `every …`.
    pub schedule: TaskSchedule,
    /// `for`: the owners who issue or decide what the lead drafts ("tham mưu UBND tỉnh ban hành").
    pub for_: Vec<OwnerIx>,
    /// `implements`: the documents this duty carries out ("theo Quyết định số …").
    pub implements: Vec<DocumentIx>,
    pub output: Option<Output>,
    pub after: Vec<TaskIx>,
    pub notes: Vec<String>,
    pub span: Span,
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

#[derive(Clone, Debug)]
pub struct ReportInfo {
    pub id: String,
    pub title: String,
    pub section: Option<SectionIx>,
    pub from: Vec<OwnerIx>,
    pub to: Vec<OwnerIx>,
    pub every: Option<Schedule>,
    pub notes: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub section: Option<SectionIx>,
    pub kind: ConditionKind,
    /// `None` when the condition did not type-check (already reported).
    pub expr: Option<Expr>,
    pub severity: RuleSeverity,
    pub notes: Vec<String>,
    pub span: Span,
}

/// The type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    Number,
    Date,
    Bool,
}

/// A unit as a product of named units with integer powers: `giường/người` is `{giường: 1, người: -1}`.
/// A unit the plan names as one string (`giường/vạn dân`) is one factor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Unit {
    pub factors: std::collections::BTreeMap<String, i32>,
}

impl Unit {
    pub fn named(name: &str) -> Unit {
        let mut u = Unit::default();
        u.factors.insert(name.to_string(), 1);
        u
    }

    pub(crate) fn is_dimensionless(&self) -> bool {
        self.factors.is_empty()
    }

    fn combine(&self, other: &Unit, sign: i32) -> Unit {
        let mut factors = self.factors.clone();
        for (name, power) in &other.factors {
            let p = factors.entry(name.clone()).or_insert(0);
            *p += sign * power;
            if *p == 0 {
                factors.remove(name);
            }
        }
        Unit { factors }
    }

    pub fn times(&self, other: &Unit) -> Unit {
        self.combine(other, 1)
    }

    pub fn per(&self, other: &Unit) -> Unit {
        self.combine(other, -1)
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.factors.is_empty() {
            return f.write_str("(no unit)");
        }
        let (num, den): (Vec<_>, Vec<_>) = self.factors.iter().partition(|(_, p)| **p > 0);
        let show = |parts: &[(&String, &i32)]| -> String {
            parts
                .iter()
                .map(|(n, p)| {
                    if p.abs() == 1 {
                        (*n).clone()
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
    pub kind: ExprKind,
    pub ty: Type,
    /// For numbers: the unit, or `None` for a bare literal that takes the unit of what it meets.
    pub unit: Option<Unit>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Number(Decimal),
    Date(NaiveDate),
    Bool(bool),
    AsOf,
    /// The latest actual value of a target or measure.
    Actual(TargetIx),
    Unary(UnaryOp, Box<Expr>),
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
        target: TargetIx,
        upper: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aggregate {
    Sum,
    Min,
    Max,
    Avg,
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
