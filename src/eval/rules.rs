//! Rule statuses: `ok`, `violated` (a `require` that is false, a `when` that is true) or `not-evaluable` with
//! the reason (a missing value, a division by zero, an overflow).

use rust_decimal::Decimal;

use super::expr::{Env, Value, explain};
use super::report::{Actual, Number, RuleJudgement, RuleValue};
use super::status::RuleStatus;
use super::targets::Evaluated;
use super::tasks::Outcomes;
use super::{Explanation, Options};
use crate::model::{ConditionKind, ExprKind, Model, RuleInfo, RuleIx, TargetIx, TaskIx};

pub fn evaluate(
    model: &Model,
    options: &Options,
    targets: &Evaluated,
    outcomes: &Outcomes,
) -> Vec<RuleJudgement> {
    model
        .rules
        .enumerate()
        .map(|(ix, rule)| judge(model, ix, rule, options, targets, outcomes))
        .collect()
}

fn judge(
    model: &Model,
    ix: RuleIx,
    rule: &RuleInfo,
    options: &Options,
    targets: &Evaluated,
    outcomes: &Outcomes,
) -> RuleJudgement {
    let actual = |t: TargetIx| -> Result<Decimal, Explanation> {
        targets.latest(model, t, options.as_of).map(|o| o.value)
    };
    let task = |k: TaskIx| outcomes.of(k);
    let env = Env {
        model,
        as_of: options.as_of,
        actual: &actual,
        task: &task,
    };
    let mut read: Vec<TargetIx> = Vec::new();
    if let Some(expr) = &rule.expr {
        expr.visit(&mut |e| {
            if let ExprKind::Actual(t) = e.kind {
                if !read.contains(&t) {
                    read.push(t);
                }
            }
        });
    }
    let values = read
        .iter()
        .map(|&t| RuleValue {
            target: t,
            actual: targets
                .latest(model, t, options.as_of)
                .ok()
                .map(|o| Actual {
                    period: o.period,
                    value: if model.targets.get(t).is_some_and(|t| t.is_derived()) {
                        Number::computed(o.value)
                    } else {
                        Number(o.value)
                    },
                }),
        })
        .collect();
    let outcome = match &rule.expr {
        Some(expr) => env.eval(expr),
        None => Err(explain(
            "the rule's condition did not check",
            "điều kiện của quy tắc không hợp lệ",
        )),
    };
    let (status, reason) = match (outcome, rule.kind) {
        (Ok(Value::Bool(holds)), kind) => {
            let violated = match kind {
                ConditionKind::Require => !holds,
                ConditionKind::When => holds,
            };
            if violated {
                (
                    RuleStatus::Violated,
                    Some(Explanation {
                        en: rule.title.clone(),
                        vi: rule.title.clone(),
                    }),
                )
            } else {
                (RuleStatus::Ok, None)
            }
        }
        (Ok(_), _) => (
            RuleStatus::NotEvaluable,
            Some(explain(
                "the condition is not true or false",
                "điều kiện không phải đúng/sai",
            )),
        ),
        (Err(e), _) => (RuleStatus::NotEvaluable, Some(e)),
    };
    RuleJudgement {
        rule: ix,
        severity: rule.severity,
        kind: rule.kind,
        status,
        reason,
        values,
    }
}
