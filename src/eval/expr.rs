//! Computing a typed expression: exact decimal arithmetic where a missing value, a division by zero or an
//! overflow is an explained failure, never a panic.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::Explanation;
use crate::model::{Aggregate, BinOp, Expr, ExprKind, Model, TargetIx, TaskIx, UnaryOp};

/// A computed value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A decimal number.
    Number(Decimal),
    /// A day.
    Date(NaiveDate),
    /// A truth value.
    Bool(bool),
}

/// What an expression can read.
pub(crate) struct Env<'a> {
    pub model: &'a Model,
    pub as_of: NaiveDate,
    /// The value a bare id stands for; `Err` says why there is none.
    pub actual: &'a dyn Fn(TargetIx) -> Result<Decimal, Explanation>,
    /// Whether a task is done by `as_of`, and its days late.
    pub task: &'a dyn Fn(TaskIx) -> (bool, i64),
}

type Outcome = Result<Value, Explanation>;

impl Env<'_> {
    fn target_id(&self, t: TargetIx) -> &str {
        self.model.targets.get(t).map_or("?", |t| t.id.as_str())
    }

    pub fn eval(&self, expr: &Expr) -> Outcome {
        match &expr.kind {
            ExprKind::Number(n) => Ok(Value::Number(*n)),
            ExprKind::Date(d) => Ok(Value::Date(*d)),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::AsOf => Ok(Value::Date(self.as_of)),
            ExprKind::Actual(t) => (self.actual)(*t).map(Value::Number),
            ExprKind::Unary(op, e) => match (op, self.eval(e)?) {
                (UnaryOp::Neg, Value::Number(n)) => Ok(Value::Number(-n)),
                (UnaryOp::Not, Value::Bool(b)) => Ok(Value::Bool(!b)),
                _ => Err(ill_typed()),
            },
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r),
            ExprKind::Aggregate(kind, args) => self.aggregate(*kind, args),
            ExprKind::Round(e, digits) => {
                let n = number(self.eval(e)?)?;
                // Half away from zero, as statistics offices round; banker's rounding would surprise.
                Ok(Value::Number(n.round_dp_with_strategy(
                    *digits,
                    RoundingStrategy::MidpointAwayFromZero,
                )))
            }
            ExprKind::Done(t) => Ok(Value::Bool((self.task)(*t).0)),
            ExprKind::DaysLate(t) => Ok(Value::Number(Decimal::from((self.task)(*t).1))),
            ExprKind::GoalBound { target, upper } => {
                let id = self.target_id(*target);
                let goal = self
                    .model
                    .targets
                    .get(*target)
                    .and_then(|t| t.goal.as_ref())
                    .ok_or_else(|| {
                        explain(
                            format!("`{id}` has no goal"),
                            format!("`{id}` không có mục tiêu"),
                        )
                    })?;
                let (lo, hi) = goal.bounds(self.model.approx());
                let bound = if *upper { hi } else { lo };
                match bound {
                    Some(b) => Ok(Value::Number(b)),
                    None if *upper => Err(explain(
                        format!("the goal of `{id}` has no upper bound"),
                        format!("mục tiêu của `{id}` không có cận trên"),
                    )),
                    None => Err(explain(
                        format!("the goal of `{id}` has no lower bound"),
                        format!("mục tiêu của `{id}` không có cận dưới"),
                    )),
                }
            }
        }
    }

    fn binary(&self, op: BinOp, l: &Expr, r: &Expr) -> Outcome {
        // `and`/`or` decide as soon as one side does, so a missing value on the other side does not matter.
        if matches!(op, BinOp::And | BinOp::Or) {
            let decisive = op == BinOp::Or;
            let a = self.eval(l).and_then(boolean);
            if a == Ok(decisive) {
                return Ok(Value::Bool(decisive));
            }
            let b = self.eval(r).and_then(boolean);
            if b == Ok(decisive) {
                return Ok(Value::Bool(decisive));
            }
            return match (a, b) {
                (Ok(_), Ok(_)) => Ok(Value::Bool(!decisive)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
        }
        let (a, b) = (self.eval(l)?, self.eval(r)?);
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => match op {
                BinOp::Add => x.checked_add(y).map(Value::Number).ok_or_else(overflow),
                BinOp::Sub => x.checked_sub(y).map(Value::Number).ok_or_else(overflow),
                BinOp::Mul => x.checked_mul(y).map(Value::Number).ok_or_else(overflow),
                BinOp::Div if y.is_zero() => Err(self.division_by_zero(r)),
                BinOp::Div => x.checked_div(y).map(Value::Number).ok_or_else(overflow),
                _ => compare(op, x.cmp(&y)),
            },
            (Value::Date(x), Value::Date(y)) => compare(op, x.cmp(&y)),
            (Value::Bool(x), Value::Bool(y)) => compare(op, x.cmp(&y)),
            _ => Err(ill_typed()),
        }
    }

    fn division_by_zero(&self, divisor: &Expr) -> Explanation {
        let mut named = None;
        divisor.visit(&mut |e| {
            if let (None, ExprKind::Actual(t)) = (&named, &e.kind) {
                named = Some(self.target_id(*t).to_string());
            }
        });
        match named {
            Some(id) => explain(
                format!("division by zero: the divisor (`{id}` …) is 0"),
                format!("chia cho 0: số chia (`{id}` …) bằng 0"),
            ),
            None => explain("division by zero", "chia cho 0"),
        }
    }

    fn aggregate(&self, kind: Aggregate, args: &[Expr]) -> Outcome {
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(number(self.eval(a)?)?);
        }
        let sum = || {
            values
                .iter()
                .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
                .ok_or_else(overflow)
        };
        let result = match kind {
            Aggregate::Sum => sum()?,
            Aggregate::Avg => {
                let n = Decimal::from(values.len());
                if n.is_zero() {
                    return Err(explain("the average of nothing", "trung bình của tập rỗng"));
                }
                sum()?.checked_div(n).ok_or_else(overflow)?
            }
            Aggregate::Min => values.iter().copied().min().ok_or_else(empty)?,
            Aggregate::Max => values.iter().copied().max().ok_or_else(empty)?,
            Aggregate::Abs => values.first().copied().ok_or_else(empty)?.abs(),
        };
        Ok(Value::Number(result))
    }
}

fn compare(op: BinOp, ord: std::cmp::Ordering) -> Outcome {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let b = match op {
        BinOp::Eq => ord == Equal,
        BinOp::Ne => ord != Equal,
        BinOp::Lt => ord == Less,
        BinOp::Le => ord != Greater,
        BinOp::Gt => ord == Greater,
        BinOp::Ge => ord != Less,
        _ => return Err(ill_typed()),
    };
    Ok(Value::Bool(b))
}

fn number(v: Value) -> Result<Decimal, Explanation> {
    match v {
        Value::Number(n) => Ok(n),
        _ => Err(ill_typed()),
    }
}

fn boolean(v: Value) -> Result<bool, Explanation> {
    match v {
        Value::Bool(b) => Ok(b),
        _ => Err(ill_typed()),
    }
}

pub(super) fn explain(en: impl Into<String>, vi: impl Into<String>) -> Explanation {
    Explanation {
        en: en.into(),
        vi: vi.into(),
    }
}

fn overflow() -> Explanation {
    explain(
        "the result is too large for an exact decimal",
        "kết quả quá lớn để tính chính xác",
    )
}

fn empty() -> Explanation {
    explain("no values to combine", "không có giá trị nào để tính")
}

/// The checker types every expression, so this only happens if a model was built by hand.
fn ill_typed() -> Explanation {
    explain(
        "the expression mixes types",
        "biểu thức trộn lẫn các kiểu dữ liệu",
    )
}
