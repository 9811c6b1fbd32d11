//! A checked expression back to plan syntax, with ids for indices and only the parentheses precedence needs.

use crate::model::{Aggregate, Expr, ExprKind, Model, TargetIx, TaskIx, UnaryOp};

/// Binding strength of what an expression is, as the parser folds it (see `ast::BinOp::precedence`).
fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary(op, _, _) => op.precedence(),
        ExprKind::Unary(UnaryOp::Not, _) => 3,
        ExprKind::Unary(UnaryOp::Neg, _) => 7,
        _ => 9,
    }
}

/// `e` written so that the parser reads it back as the same tree.
pub(crate) fn source(model: &Model, e: &Expr) -> String {
    let wrap = |inner: &Expr, needs: bool| {
        let text = source(model, inner);
        if needs { format!("({text})") } else { text }
    };
    let target = |t: TargetIx| model.targets.get(t).map_or("?", |t| t.id.as_str());
    let task = |t: TaskIx| model.tasks.get(t).map_or("?", |t| t.id.as_str());
    match &e.kind {
        ExprKind::Number(x) => x.to_string(),
        ExprKind::Date(d) => d.to_string(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::AsOf => "as_of".to_string(),
        ExprKind::Actual(t) => target(*t).to_string(),
        ExprKind::Unary(UnaryOp::Neg, inner) => format!("-{}", wrap(inner, precedence(inner) < 7)),
        ExprKind::Unary(UnaryOp::Not, inner) => {
            format!("not {}", wrap(inner, precedence(inner) < 3))
        }
        ExprKind::Binary(op, lhs, rhs) => {
            let p = op.precedence();
            // Operators fold to the left: a right operand of the same strength needs parentheses.
            format!(
                "{} {} {}",
                wrap(lhs, precedence(lhs) < p),
                op.as_str(),
                wrap(rhs, precedence(rhs) <= p)
            )
        }
        ExprKind::Aggregate(kind, args) => {
            let name = match kind {
                Aggregate::Sum => "sum",
                Aggregate::Min => "min",
                Aggregate::Max => "max",
                Aggregate::Avg => "avg",
                Aggregate::Abs => "abs",
            };
            let args: Vec<String> = args.iter().map(|a| source(model, a)).collect();
            format!("{name}({})", args.join(", "))
        }
        ExprKind::Round(inner, 0) => format!("round({})", source(model, inner)),
        ExprKind::Round(inner, digits) => format!("round({}, {digits})", source(model, inner)),
        ExprKind::Done(t) => format!("done({})", task(*t)),
        ExprKind::DaysLate(t) => format!("days_late({})", task(*t)),
        ExprKind::GoalBound { target: t, upper } => {
            let name = if *upper { "goal_max" } else { "goal_min" };
            format!("{name}({})", target(*t))
        }
    }
}
