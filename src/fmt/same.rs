//! Span-free equality of syntax trees: whether two parses of a plan mean the same, wherever their text stands.
//!
//! Every struct is destructured in full, so that a field added to the AST stops this module from compiling until
//! it is compared here too: the formatter's safety check can never silently ignore part of a plan.

use rust_decimal::Decimal;

use crate::ast::*;
use crate::deadline::{DateLit, DeadlineLit};
use crate::source::{Span, Spanned};

/// Equality that ignores where things were written.
pub(super) trait Same {
    fn same(&self, other: &Self) -> bool;
}

/// Types that hold no span compare with `==`.
macro_rules! same_by_eq {
    ($($t:ty),* $(,)?) => {
        $(impl Same for $t {
            fn same(&self, other: &Self) -> bool {
                self == other
            }
        })*
    };
}

same_by_eq!(
    (),
    bool,
    String,
    Decimal,
    DateLit,
    DeadlineLit,
    YearSpan,
    Goal,
    Output,
    Frequency,
    DueDay,
    ConditionKind,
    RuleSeverity,
    UnaryOp,
    BinOp,
    TargetKind,
);

impl Same for Span {
    fn same(&self, _: &Span) -> bool {
        true
    }
}

impl<T: Same> Same for Spanned<T> {
    fn same(&self, other: &Self) -> bool {
        self.value.same(&other.value)
    }
}

impl<T: Same> Same for Attr<T> {
    fn same(&self, other: &Self) -> bool {
        self.value.same(&other.value)
    }
}

impl<T: Same> Same for Option<T> {
    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a.same(b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl<T: Same> Same for Vec<T> {
    fn same(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a.same(b))
    }
}

impl<T: Same> Same for Box<T> {
    fn same(&self, other: &Self) -> bool {
        (**self).same(&**other)
    }
}

/// Compares the listed fields of two values of a struct, after destructuring both in full.
macro_rules! same_fields {
    ($a:expr, $b:expr, $ty:ident { $($field:ident),* $(,)? }, ignore { $($skip:ident),* $(,)? }) => {{
        let $ty { $($field,)* $($skip: _,)* } = $a;
        let theirs = $b;
        true $(&& $field.same(&theirs.$field))*
    }};
}

impl Same for File {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            File {
                items,
                comments,
                unparsed_ids
            },
            ignore { file }
        )
    }
}

impl Same for Item {
    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Item::Plan(a), Item::Plan(b)) => a.same(b),
            (Item::Document(a), Item::Document(b)) => a.same(b),
            (Item::Use(a), Item::Use(b)) => a.same(b),
            (Item::Owner(a), Item::Owner(b)) => a.same(b),
            (Item::Group(a), Item::Group(b)) => a.same(b),
            (Item::Section(a), Item::Section(b)) => a.same(b),
            (Item::Target(a), Item::Target(b)) => a.same(b),
            (Item::Task(a), Item::Task(b)) => a.same(b),
            (Item::Report(a), Item::Report(b)) => a.same(b),
            (Item::Rule(a), Item::Rule(b)) => a.same(b),
            _ => false,
        }
    }
}

impl Same for Plan {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Plan {
                number,
                title,
                issuer,
                issued,
                signer,
                period,
                implements,
                approx,
                notes
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Document {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Document {
                id,
                number,
                title,
                issuer,
                issued,
                implements,
                notes,
                has_block
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Use {
    fn same(&self, other: &Self) -> bool {
        same_fields!(self, other, Use { path }, ignore { span, keyword })
    }
}

impl Same for Owner {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Owner {
                id,
                name,
                aka,
                notes,
                has_block
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Group {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Group {
                id,
                name,
                members,
                aka,
                notes,
                has_block
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Section {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Section {
                number,
                title,
                items,
                implements,
                notes
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Target {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Target {
                kind,
                id,
                title,
                unit,
                goal,
                aim,
                window,
                lead,
                support,
                monitor,
                baseline,
                value,
                implements,
                notes,
                parts,
                shares,
                has_block
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Window {
    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Window::By(a), Window::By(b)) => a.same(b),
            (Window::Yearly, Window::Yearly) => true,
            (Window::Average(a), Window::Average(b)) => a.same(b),
            _ => false,
        }
    }
}

impl Same for Baseline {
    fn same(&self, other: &Self) -> bool {
        same_fields!(self, other, Baseline { value, period }, ignore {})
    }
}

impl Same for Shares {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Shares { total, parts },
            ignore { span, keyword }
        )
    }
}

impl Same for Task {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Task {
                id,
                title,
                lead,
                support,
                monitor,
                due,
                ongoing,
                every,
                for_,
                implements,
                output,
                after,
                notes,
                has_block
            },
            ignore { span, keyword }
        )
    }
}

impl Same for ReportDecl {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            ReportDecl {
                id,
                title,
                from,
                to,
                every,
                notes,
                has_block
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Recurrence {
    fn same(&self, other: &Self) -> bool {
        same_fields!(self, other, Recurrence { frequency, by }, ignore {})
    }
}

impl Same for Rule {
    fn same(&self, other: &Self) -> bool {
        same_fields!(
            self,
            other,
            Rule {
                id,
                title,
                condition,
                severity,
                notes
            },
            ignore { span, keyword }
        )
    }
}

impl Same for Condition {
    fn same(&self, other: &Self) -> bool {
        same_fields!(self, other, Condition { kind, expr }, ignore {})
    }
}

impl Same for Expr {
    fn same(&self, other: &Self) -> bool {
        same_fields!(self, other, Expr { kind }, ignore { span })
    }
}

impl Same for ExprKind {
    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (ExprKind::Number(a), ExprKind::Number(b)) => a.same(b),
            (ExprKind::Date(a), ExprKind::Date(b)) => a.same(b),
            (ExprKind::Bool(a), ExprKind::Bool(b)) => a.same(b),
            (ExprKind::AsOf, ExprKind::AsOf) => true,
            (ExprKind::Ref(a), ExprKind::Ref(b)) => a.same(b),
            (
                ExprKind::Call { func, args },
                ExprKind::Call {
                    func: func2,
                    args: args2,
                },
            ) => func.same(func2) && args.same(args2),
            (
                ExprKind::Unary { op, expr },
                ExprKind::Unary {
                    op: op2,
                    expr: expr2,
                },
            ) => op.same(op2) && expr.same(expr2),
            (
                ExprKind::Binary { op, lhs, rhs },
                ExprKind::Binary {
                    op: op2,
                    lhs: lhs2,
                    rhs: rhs2,
                },
            ) => op.same(op2) && lhs.same(lhs2) && rhs.same(rhs2),
            (ExprKind::Paren(a), ExprKind::Paren(b)) => a.same(b),
            _ => false,
        }
    }
}
