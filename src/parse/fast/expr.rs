//! Expressions for the fast path: `expr`, `operand`, `primary`, `call` and `paren` of the grammar, folded by
//! [`super::super::fold`] exactly as lowering folds pest's flat sequence.

use super::Fast;
use crate::ast::{BinOp, Expr, ExprKind, UnaryOp};
use crate::limits::MAX_EXPR_NODES;
use crate::source::Spanned;

/// The fast path gives up well before an expression could reach the limit that lowering reports.
const MAX_FAST_EXPR_NODES: usize = MAX_EXPR_NODES / 4;

/// Deepest parentheses and calls the fast path follows; the scanner's limit is higher, so pest reports it.
const MAX_FAST_EXPR_DEPTH: usize = 16;

/// Most prefix operators before one operand (`prefix{0, 4}`).
const MAX_PREFIXES: usize = 4;

impl Fast<'_> {
    /// A whole expression of `value = …`, `require …` or `when …`, and the end of the `expr` rule (which takes the
    /// whitespace after a lone operand).
    pub(super) fn top_expr(&mut self) -> Option<Expr> {
        self.nodes = 0;
        self.expr(0)
    }

    fn count(&mut self, nodes: usize) -> Option<()> {
        self.nodes += nodes;
        (self.nodes <= MAX_FAST_EXPR_NODES).then_some(())
    }

    fn expr(&mut self, depth: usize) -> Option<Expr> {
        if depth > MAX_FAST_EXPR_DEPTH {
            return None;
        }
        let mut fold = crate::parse::fold::Fold::default();
        self.operand(&mut fold, depth)?;
        let mut infixes = 0;
        loop {
            let before = self.pos;
            self.ws();
            let start = self.pos;
            let Some(op) = self.infix() else {
                // pest keeps the whitespace after a lone operand in the rule's span, not after a longer run.
                if infixes > 0 {
                    self.pos = before;
                }
                break;
            };
            self.count(1)?;
            fold.infix(Spanned::new(op, self.span(start, self.pos)))?;
            infixes += 1;
            self.nl();
            self.operand(&mut fold, depth)?;
        }
        fold.finish()
    }

    fn infix(&mut self) -> Option<BinOp> {
        let word_op = |fast: &mut Self, word: &[u8], op: BinOp| -> Option<BinOp> {
            let end = fast.pos + word.len();
            let matches = fast.bytes.get(fast.pos..end) == Some(word)
                && !(fast.at(end).is_ascii_alphanumeric() || fast.at(end) == b'_');
            matches.then(|| {
                fast.pos = end;
                op
            })
        };
        let (op, len) = match (self.peek(), self.at(self.pos + 1)) {
            (b'o', _) => return word_op(self, b"or", BinOp::Or),
            (b'a', _) => return word_op(self, b"and", BinOp::And),
            (b'=', b'=') => (BinOp::Eq, 2),
            (b'!', b'=') => (BinOp::Ne, 2),
            (b'<', b'=') => (BinOp::Le, 2),
            (b'>', b'=') => (BinOp::Ge, 2),
            (b'<', _) => (BinOp::Lt, 1),
            (b'>', _) => (BinOp::Gt, 1),
            (b'+', _) => (BinOp::Add, 1),
            (b'-', _) => (BinOp::Sub, 1),
            (b'*', _) => (BinOp::Mul, 1),
            (b'/', _) => (BinOp::Div, 1),
            _ => return None,
        };
        self.pos += len;
        Some(op)
    }

    /// `prefix{0, 4} ~ primary`, fed to the fold.
    fn operand(&mut self, fold: &mut crate::parse::fold::Fold, depth: usize) -> Option<()> {
        for _ in 0..MAX_PREFIXES {
            let start = self.pos;
            let op = if self.peek() == b'-' {
                self.pos += 1;
                UnaryOp::Neg
            } else if self.bytes.get(start..start + 3) == Some(b"not")
                && !(self.at(start + 3).is_ascii_alphanumeric() || self.at(start + 3) == b'_')
            {
                self.pos += 3;
                UnaryOp::Not
            } else {
                break;
            };
            self.count(1)?;
            fold.prefix(Spanned::new(op, self.span(start, self.pos)));
            self.ws();
        }
        let primary = self.primary(depth)?;
        fold.operand(primary);
        Some(())
    }

    fn primary(&mut self, depth: usize) -> Option<Expr> {
        let start = self.pos;
        self.count(1)?;
        let kind = match self.peek() {
            b'0'..=b'9' => {
                if self.looks_like_date() {
                    ExprKind::Date(self.date()?.value)
                } else if self.looks_like_period() {
                    return None;
                } else {
                    ExprKind::Number(self.number()?.value)
                }
            }
            b'-' => ExprKind::Number(self.number()?.value),
            b'(' => {
                self.pos += 1;
                self.count(1)?;
                self.nl();
                let inner = self.expr(depth + 1)?;
                self.nl();
                if !self.eat(b')') {
                    return None;
                }
                ExprKind::Paren(Box::new(inner))
            }
            _ => {
                let (word_start, word_end) = self.word()?;
                match self.slice(word_start, word_end)? {
                    "true" => ExprKind::Bool(true),
                    "false" => ExprKind::Bool(false),
                    "as_of" => ExprKind::AsOf,
                    "and" | "or" | "not" => return None,
                    word => {
                        let ident = Spanned::new(word.to_string(), self.span(word_start, word_end));
                        self.ws();
                        if self.eat(b'(') {
                            self.call(ident, depth)?
                        } else {
                            self.pos = word_end;
                            ExprKind::Ref(ident)
                        }
                    }
                }
            }
        };
        Some(Expr {
            kind,
            span: self.span(start, self.pos),
        })
    }

    /// The arguments of a call, after its `(`.
    fn call(&mut self, func: crate::ast::Ident, depth: usize) -> Option<ExprKind> {
        self.count(2)?;
        self.nl();
        let mut args = Vec::new();
        if self.peek() != b')' {
            loop {
                self.count(1)?;
                args.push(self.expr(depth + 1)?);
                let after = self.pos;
                self.ws();
                if self.eat(b',') {
                    self.nl();
                } else {
                    self.pos = after;
                    break;
                }
            }
            self.nl();
        }
        if !self.eat(b')') {
            return None;
        }
        Some(ExprKind::Call { func, args })
    }
}
