//! Operator-precedence folding of an expression written as a flat run of operands and operators: the grammar
//! gives the run, lowering feeds it here, and no input makes the fold recurse.

use crate::ast::{BinOp, Expr, ExprKind, UnaryOp};
use crate::source::Spanned;

enum Op {
    Prefix(Spanned<UnaryOp>),
    Infix(Spanned<BinOp>),
}

fn precedence(op: &Op) -> u8 {
    match op {
        Op::Prefix(u) if u.value == UnaryOp::Not => 3,
        Op::Prefix(_) => 7,
        Op::Infix(b) => b.value.precedence(),
    }
}

fn apply(operands: &mut Vec<Expr>, op: Op) -> Option<()> {
    match op {
        Op::Prefix(op) => {
            let expr = operands.pop()?;
            let span = op.span.to(expr.span);
            operands.push(Expr {
                kind: ExprKind::Unary {
                    op,
                    expr: Box::new(expr),
                },
                span,
            });
        }
        Op::Infix(op) => {
            let rhs = operands.pop()?;
            let lhs = operands.pop()?;
            let span = lhs.span.to(rhs.span);
            operands.push(Expr {
                kind: ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span,
            });
        }
    }
    Some(())
}

/// Folds operands and operators fed in the order written; no recursion.
#[derive(Default)]
pub(super) struct Fold {
    operands: Vec<Expr>,
    ops: Vec<Op>,
}

impl Fold {
    pub fn prefix(&mut self, op: Spanned<UnaryOp>) {
        self.ops.push(Op::Prefix(op));
    }

    pub fn operand(&mut self, expr: Expr) {
        self.operands.push(expr);
    }

    pub(crate) fn infix(&mut self, op: Spanned<BinOp>) -> Option<()> {
        let op = Op::Infix(op);
        // Left-associative: apply what binds at least as tightly first.
        while self
            .ops
            .last()
            .is_some_and(|top| precedence(top) >= precedence(&op))
        {
            if let Some(top) = self.ops.pop() {
                apply(&mut self.operands, top)?;
            }
        }
        self.ops.push(op);
        Some(())
    }

    pub fn finish(mut self) -> Option<Expr> {
        while let Some(op) = self.ops.pop() {
            apply(&mut self.operands, op)?;
        }
        self.operands.pop()
    }
}
