//! Typing expressions: resolves ids and functions, gives every node a type (number, date, boolean) and every
//! number a unit, and reports `type-mismatch` and `unit-mismatch`.
//!
//! Units combine through `*` and `/` and must agree for `+ -` and comparisons; a bare number literal takes the
//! unit of whatever it meets (`beds / population * 10000`). A target without a `unit` behaves like a literal.
//! A sub-expression with an error is reported once and the whole expression dropped, so one mistake gives one
//! diagnostic.

use super::resolve::{Referred, Unread, Wanted, reference_problem};
use crate::ast::{self, BinOp, ExprKind as Ast, UnaryOp};
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::fuzzy;
use crate::limits::MAX_ROUND_DIGITS;
use crate::model::{Aggregate, Expr, ExprKind, ItemRef, Model, TargetIx, Type, Unit};
use crate::source::Span;
use crate::text;

const FUNCTIONS: [&str; 10] = [
    "sum",
    "min",
    "max",
    "avg",
    "abs",
    "round",
    "done",
    "days_late",
    "goal_min",
    "goal_max",
];

pub(super) struct Typer<'m> {
    model: &'m Model,
    unparsed: &'m Unread,
}

fn type_name(ty: Type) -> Text {
    match ty {
        Type::Number => text!("a number", "một số"),
        Type::Date => text!("a date", "một ngày"),
        Type::Bool => text!("true or false", "đúng/sai"),
    }
}

fn describe(e: &Expr) -> Text {
    match (e.ty, &e.unit) {
        (Type::Number, Some(u)) if !u.is_dimensionless() => {
            text!("a number in `{u}`", "một số tính bằng `{u}`")
        }
        (ty, _) => type_name(ty),
    }
}

impl<'m> Typer<'m> {
    pub fn new(model: &'m Model, unparsed: &'m Unread) -> Typer<'m> {
        Typer { model, unparsed }
    }

    /// A derived target's `value = …`: must be a number.
    pub fn value(&mut self, e: &ast::Expr, out: &mut Sink) -> Option<Expr> {
        let typed = self.expr(e, out)?;
        if typed.ty != Type::Number {
            let is = type_name(typed.ty);
            out.push(
                Diagnostic::new(
                    Code::TypeMismatch,
                    typed.span,
                    Text::new(
                        format!("a derived value must be a number, but this is {}", is.en),
                        format!("giá trị tính toán phải là một số, nhưng đây là {}", is.vi),
                    ),
                )
                .with_help(text!(
                    "compute the value from other targets and measures, e.g. `value = a + b`",
                    "tính giá trị từ các chỉ tiêu và số liệu khác, ví dụ `value = a + b`"
                )),
            );
            return None;
        }
        Some(typed)
    }

    /// A rule's `require` or `when`: must be true or false.
    pub fn condition(&mut self, e: &ast::Expr, out: &mut Sink) -> Option<Expr> {
        let typed = self.expr(e, out)?;
        if typed.ty != Type::Bool {
            let is = describe(&typed);
            out.push(
                Diagnostic::new(
                    Code::TypeMismatch,
                    typed.span,
                    Text::new(
                        format!(
                            "a rule's condition must be true or false, but this is {}",
                            is.en
                        ),
                        format!(
                            "điều kiện của quy tắc phải là đúng/sai, nhưng đây là {}",
                            is.vi
                        ),
                    ),
                )
                .with_help(text!(
                    "compare it with something, e.g. `revenue_trade <= revenue_total`",
                    "hãy so sánh với một giá trị khác, ví dụ `revenue_trade <= revenue_total`"
                )),
            );
            return None;
        }
        Some(typed)
    }

    fn expr(&mut self, e: &ast::Expr, out: &mut Sink) -> Option<Expr> {
        let number = |kind, unit| {
            Some(Expr {
                kind,
                ty: Type::Number,
                unit,
                span: e.span,
            })
        };
        match &e.kind {
            Ast::Number(n) => number(ExprKind::Number(*n), None),
            Ast::Date(d) => match d.to_date() {
                Some(date) => Some(Expr {
                    kind: ExprKind::Date(date),
                    ty: Type::Date,
                    unit: None,
                    span: e.span,
                }),
                None => {
                    out.push(
                        Diagnostic::new(
                            Code::InvalidDate,
                            e.span,
                            text!(
                                "`{d}` is not a real date",
                                "`{d}` không phải là ngày có thật"
                            ),
                        )
                        .with_help(text!(
                            "days must exist in their month",
                            "ngày phải có trong tháng đó"
                        )),
                    );
                    None
                }
            },
            Ast::Bool(b) => Some(Expr {
                kind: ExprKind::Bool(*b),
                ty: Type::Bool,
                unit: None,
                span: e.span,
            }),
            Ast::AsOf => Some(Expr {
                kind: ExprKind::AsOf,
                ty: Type::Date,
                unit: None,
                span: e.span,
            }),
            Ast::Paren(inner) => {
                let mut typed = self.expr(inner, out)?;
                typed.span = e.span;
                Some(typed)
            }
            Ast::Ref(id) => {
                let target: TargetIx = self.item(id, out)?;
                let unit = self
                    .model
                    .targets
                    .get(target)
                    .and_then(|t| t.unit.as_deref())
                    .map(Unit::named);
                number(ExprKind::Actual(target), unit)
            }
            Ast::Unary { op, expr } => {
                let inner = self.expr(expr, out)?;
                let (want, ty) = match op.value {
                    UnaryOp::Neg => (Type::Number, Type::Number),
                    UnaryOp::Not => (Type::Bool, Type::Bool),
                };
                if inner.ty != want {
                    let (sym, is, need) =
                        (unary_symbol(op.value), describe(&inner), type_name(want));
                    out.push(
                        Diagnostic::new(
                            Code::TypeMismatch,
                            op.span,
                            Text::new(
                                format!("`{sym}` needs {}, but this is {}", need.en, is.en),
                                format!("`{sym}` cần {}, nhưng đây là {}", need.vi, is.vi),
                            ),
                        )
                        .with_other(inner.span, is),
                    );
                    return None;
                }
                let unit = inner.unit.clone();
                Some(Expr {
                    kind: ExprKind::Unary(op.value, Box::new(inner)),
                    ty,
                    unit,
                    span: e.span,
                })
            }
            Ast::Binary { op, lhs, rhs } => {
                // Both sides are typed before either error is reported, so each gets its own diagnostic.
                let (l, r) = (self.expr(lhs, out), self.expr(rhs, out));
                self.binary(op.value, op.span, l?, r?, e.span, out)
            }
            Ast::Call { func, args } => self.call(func, args, e.span, out),
        }
    }

    fn item<I: Referred>(&mut self, id: &ast::Ident, out: &mut Sink) -> Option<I> {
        let wanted = I::WANTED;
        if let Some(problem) = reference_problem(self.model, self.unparsed, id, wanted) {
            // A task where a value is expected: say how to use one.
            let task = matches!(self.model.lookup(&id.value), Some(ItemRef::Task(_)))
                && wanted == Wanted::Target;
            for mut d in problem {
                if task {
                    let name = &id.value;
                    d.code = Code::TypeMismatch;
                    d.severity = Code::TypeMismatch.severity();
                    d.help = Some(text!(
                        "a task is not a value: use `done({name})` or `days_late({name})`",
                        "nhiệm vụ không phải là giá trị: dùng `done({name})` hoặc `days_late({name})`"
                    ));
                }
                out.push(d);
            }
            return None;
        }
        I::of(self.model.lookup(&id.value)?)
    }

    fn binary(
        &mut self,
        op: BinOp,
        op_span: Span,
        l: Expr,
        r: Expr,
        span: Span,
        out: &mut Sink,
    ) -> Option<Expr> {
        let sym = op.as_str();
        let mismatch = |out: &mut Sink, code: Code, message: Text, help: Option<Text>| {
            let mut d = Diagnostic::new(code, op_span, message)
                .with_other(l.span, describe(&l))
                .with_other(r.span, describe(&r));
            if let Some(h) = help {
                d = d.with_help(h);
            }
            out.push(d);
        };
        let (ty, unit) = match op {
            BinOp::And | BinOp::Or => {
                if l.ty != Type::Bool || r.ty != Type::Bool {
                    mismatch(
                        out,
                        Code::TypeMismatch,
                        text!(
                            "`{sym}` joins conditions (true or false)",
                            "`{sym}` nối các điều kiện (đúng/sai)"
                        ),
                        Some(text!(
                            "compare the values first, e.g. `a > 0 {sym} b > 0`",
                            "hãy so sánh các giá trị trước, ví dụ `a > 0 {sym} b > 0`"
                        )),
                    );
                    return None;
                }
                (Type::Bool, None)
            }
            BinOp::Add | BinOp::Sub => {
                if l.ty != Type::Number || r.ty != Type::Number {
                    mismatch(
                        out,
                        Code::TypeMismatch,
                        text!("`{sym}` works on numbers", "`{sym}` chỉ dùng cho số"),
                        Some(text!(
                            "dates and conditions cannot be added; compare dates with `<`, `>=`, …",
                            "không cộng trừ ngày hay điều kiện; so sánh ngày bằng `<`, `>=`, …"
                        )),
                    );
                    return None;
                }
                (Type::Number, self.same_unit(op, op_span, &l, &r, out)?)
            }
            BinOp::Mul | BinOp::Div => {
                if l.ty != Type::Number || r.ty != Type::Number {
                    mismatch(
                        out,
                        Code::TypeMismatch,
                        text!("`{sym}` works on numbers", "`{sym}` chỉ dùng cho số"),
                        None,
                    );
                    return None;
                }
                let unit = match (&l.unit, &r.unit) {
                    (None, None) => None,
                    (Some(u), None) => Some(u.clone()),
                    (None, Some(u)) if op == BinOp::Mul => Some(u.clone()),
                    (None, Some(u)) => Some(Unit::default().per(u)),
                    (Some(a), Some(b)) if op == BinOp::Mul => Some(a.times(b)),
                    (Some(a), Some(b)) => Some(a.per(b)),
                };
                (Type::Number, unit)
            }
            _ => {
                // Comparisons.
                let ordered = !matches!(op, BinOp::Eq | BinOp::Ne);
                if l.ty != r.ty || ordered && l.ty == Type::Bool {
                    let (a, b) = (describe(&l), describe(&r));
                    mismatch(
                        out,
                        Code::TypeMismatch,
                        Text::new(
                            format!("`{sym}` compares {} with {}", a.en, b.en),
                            format!("`{sym}` so sánh {} với {}", a.vi, b.vi),
                        ),
                        Some(text!(
                            "compare numbers with numbers and dates with dates",
                            "chỉ so sánh số với số, ngày với ngày"
                        )),
                    );
                    return None;
                }
                if l.ty == Type::Number {
                    self.same_unit(op, op_span, &l, &r, out)?;
                }
                (Type::Bool, None)
            }
        };
        Some(Expr {
            kind: ExprKind::Binary(op, Box::new(l), Box::new(r)),
            ty,
            unit,
            span,
        })
    }

    /// The common unit of two numbers that are added or compared; a bare literal adapts.
    fn same_unit(
        &self,
        op: BinOp,
        op_span: Span,
        l: &Expr,
        r: &Expr,
        out: &mut Sink,
    ) -> Option<Option<Unit>> {
        match (&l.unit, &r.unit) {
            (Some(a), Some(b)) if a != b => {
                let sym = op.as_str();
                let verb = if op.is_comparison() {
                    text!("compares", "so sánh")
                } else {
                    text!("combines", "cộng trừ")
                };
                out.push(
                    Diagnostic::new(
                        Code::UnitMismatch,
                        op_span,
                        Text::new(
                            format!("`{sym}` {} `{a}` with `{b}`", verb.en),
                            format!("`{sym}` {} `{a}` với `{b}`", verb.vi),
                        ),
                    )
                    .with_other(l.span, text!("in `{a}`", "tính bằng `{a}`"))
                    .with_other(r.span, text!("in `{b}`", "tính bằng `{b}`"))
                    .with_help(text!(
                        "convert one side first (e.g. multiply by a rate), or compare values of the same unit",
                        "hãy quy đổi một vế trước (ví dụ nhân với một tỷ lệ), hoặc so sánh các giá trị cùng đơn vị"
                    )),
                );
                None
            }
            (Some(a), _) => Some(Some(a.clone())),
            (None, b) => Some(b.clone()),
        }
    }

    fn call(
        &mut self,
        func: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
        out: &mut Sink,
    ) -> Option<Expr> {
        let name = func.value.as_str();
        let arity = |out: &mut Sink, want: &str| {
            out.push(
                Diagnostic::new(
                    Code::TypeMismatch,
                    span,
                    text!("`{name}` takes {want}", "`{name}` nhận {want}"),
                )
                .with_label(text!("given {}", "có {}", args.len())),
            );
        };
        match name {
            "done" | "days_late" | "goal_min" | "goal_max" => {
                let [
                    ast::Expr {
                        kind: Ast::Ref(id), ..
                    },
                ] = args
                else {
                    let what = if name.starts_with("goal") {
                        "a target's id"
                    } else {
                        "a task's id"
                    };
                    arity(out, what);
                    return None;
                };
                let (kind, ty, unit) = match name {
                    "done" => (ExprKind::Done(self.item(id, out)?), Type::Bool, None),
                    "days_late" => (
                        ExprKind::DaysLate(self.item(id, out)?),
                        Type::Number,
                        Some(Unit::named("ngày")),
                    ),
                    _ => {
                        let ix: TargetIx = self.item(id, out)?;
                        let unit = self
                            .model
                            .targets
                            .get(ix)
                            .and_then(|t| t.unit.as_deref())
                            .map(Unit::named);
                        (
                            ExprKind::GoalBound {
                                target: ix,
                                upper: name == "goal_max",
                            },
                            Type::Number,
                            unit,
                        )
                    }
                };
                Some(Expr {
                    kind,
                    ty,
                    unit,
                    span,
                })
            }
            "sum" | "min" | "max" | "avg" | "abs" | "round" => {
                let typed: Vec<Option<Expr>> = args.iter().map(|a| self.expr(a, out)).collect();
                let typed: Vec<Expr> = typed.into_iter().collect::<Option<_>>()?;
                if let Some(bad) = typed.iter().find(|a| a.ty != Type::Number) {
                    let is = describe(bad);
                    out.push(
                        Diagnostic::new(
                            Code::TypeMismatch,
                            bad.span,
                            Text::new(
                                format!("`{name}` works on numbers, but this is {}", is.en),
                                format!("`{name}` chỉ dùng cho số, nhưng đây là {}", is.vi),
                            ),
                        )
                        .with_label(is),
                    );
                    return None;
                }
                match (name, typed.len()) {
                    ("abs", 1) | ("round", 1 | 2) | ("sum" | "min" | "max" | "avg", 1..) => {}
                    ("abs", _) => {
                        arity(out, "one number");
                        return None;
                    }
                    ("round", _) => {
                        arity(out, "a number and, optionally, the digits to keep");
                        return None;
                    }
                    _ => {
                        arity(out, "at least one number");
                        return None;
                    }
                }
                if name == "round" {
                    let mut typed = typed.into_iter();
                    let x = typed.next()?;
                    // The digits are a count written as such: `2.0` is refused rather than read from its
                    // mantissa (20), and more than a few digits would round nothing a plan reports.
                    let digits = match typed.next() {
                        None => 0,
                        Some(Expr {
                            kind: ExprKind::Number(n),
                            ..
                        }) if n.scale() == 0
                            && n >= rust_decimal::Decimal::ZERO
                            && n <= rust_decimal::Decimal::from(MAX_ROUND_DIGITS) =>
                        {
                            u32::try_from(n.mantissa()).unwrap_or(0)
                        }
                        Some(other) => {
                            let help = match other.kind {
                                ExprKind::Number(n) if n.is_integer() && n.scale() > 0 => {
                                    let whole = n.trunc().normalize();
                                    text!(
                                        "write the count without a decimal point: `{whole}`",
                                        "viết số chữ số không có dấu thập phân: `{whole}`"
                                    )
                                }
                                _ => text!(
                                    "write e.g. `round(x, 2)` for two decimals",
                                    "ví dụ `round(x, 2)` để giữ hai chữ số thập phân"
                                ),
                            };
                            out.push(
                                Diagnostic::new(
                                    Code::TypeMismatch,
                                    other.span,
                                    text!(
                                        "the digits to keep must be a whole number from 0 to {MAX_ROUND_DIGITS}",
                                        "số chữ số giữ lại phải là số nguyên từ 0 đến {MAX_ROUND_DIGITS}"
                                    ),
                                )
                                .with_help(help),
                            );
                            return None;
                        }
                    };
                    let unit = x.unit.clone();
                    return Some(Expr {
                        kind: ExprKind::Round(Box::new(x), digits),
                        ty: Type::Number,
                        unit,
                        span,
                    });
                }
                // All arguments share a unit, as for `+`.
                let mut unit: Option<Unit> = None;
                for pair in typed.windows(2) {
                    if let [a, b] = pair {
                        unit = self.same_unit(BinOp::Add, func.span, a, b, out)?.or(unit);
                    }
                }
                if typed.len() == 1 {
                    unit = typed.first().and_then(|a| a.unit.clone());
                }
                let aggregate = match name {
                    "sum" => Aggregate::Sum,
                    "min" => Aggregate::Min,
                    "max" => Aggregate::Max,
                    "avg" => Aggregate::Avg,
                    _ => Aggregate::Abs,
                };
                Some(Expr {
                    kind: ExprKind::Aggregate(aggregate, typed),
                    ty: Type::Number,
                    unit,
                    span,
                })
            }
            _ => {
                let all = FUNCTIONS
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let help = match fuzzy::best_match(name, FUNCTIONS) {
                    Some(best) => text!(
                        "did you mean `{best}`? the functions are {all}",
                        "có phải ý bạn là `{best}`? các hàm gồm {all}"
                    ),
                    None => text!("the functions are {all}", "các hàm gồm {all}"),
                };
                out.push(
                    Diagnostic::new(
                        Code::UnknownReference,
                        func.span,
                        text!("unknown function `{name}`", "không có hàm `{name}`"),
                    )
                    .with_help(help),
                );
                None
            }
        }
    }
}

fn unary_symbol(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Neg => "-",
        UnaryOp::Not => "not",
    }
}
