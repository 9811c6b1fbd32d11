//! Goals against each other and against their unit: `shares-cannot-sum`, `part-exceeds-whole`,
//! `percent-out-of-range`, and `aim-below-goal`.
//!
//! A goal bounds the actual value from below, from above, or both ([`Goal::bounds`]); a strict bound (`> 56`) is
//! its limit, never reached. A part without a numeric goal can be anything, so it never makes a sum impossible.

use rust_decimal::Decimal;

use super::written::Written;
use crate::ast;
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::model::{Goal, Model, TargetInfo, TargetIx, Window};
use crate::source::Spanned;
use crate::text;

pub(super) fn check(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let approx = model.approx();
    for (ix, target) in model.targets.enumerate() {
        let Some(ast_target) = written.target(model, ix) else {
            continue;
        };
        if written.is_broken(ast_target.span) {
            continue;
        }
        if let (Some((total, parts)), Some(shares)) = (&target.shares, &ast_target.shares) {
            shares_sum(model, target, *total, parts, shares, approx, out);
        }
        for &part_ix in &target.parts {
            if let Some(part) = model.targets.get(part_ix) {
                part_fits(target, part, approx, out);
            }
        }
        if target.unit.as_deref().map(str::trim) == Some("%") {
            for goal in [ast_target.goal.as_ref(), ast_target.aim.as_deref()]
                .into_iter()
                .flatten()
            {
                percent(target, &goal.value, out);
            }
        }
        if let (Some(goal), Some(aim)) = (&ast_target.goal, &ast_target.aim) {
            aim_below_goal(target, &goal.value, &aim.value, out);
        }
    }
}

/// A bound and whether it is strict (`> 56` never reaches 56).
#[derive(Clone, Copy, Debug)]
struct Bound {
    value: Decimal,
    strict: bool,
}

/// The lower and upper bounds a numeric goal sets; `None` for qualitative goals.
fn bounds(goal: &Goal, approx: Decimal) -> Option<(Option<Bound>, Option<Bound>)> {
    if matches!(goal, Goal::Text(_)) {
        return None;
    }
    let (lo, hi) = goal.bounds(approx);
    let bound = |value: Option<Decimal>, strict| value.map(|value| Bound { value, strict });
    Some((
        bound(lo, matches!(goal, Goal::Above(_))),
        bound(hi, matches!(goal, Goal::Below(_))),
    ))
}

fn show(x: Decimal) -> String {
    x.normalize().to_string()
}

/// `shares-cannot-sum`: the total must lie between the sum of the parts' minima and the sum of their maxima.
fn shares_sum(
    model: &Model,
    whole: &TargetInfo,
    total: Decimal,
    parts: &[TargetIx],
    shares: &ast::Shares,
    approx: Decimal,
    out: &mut Sink,
) {
    // `None` while the sum is bounded; a part without that bound makes the sum unbounded on that side.
    let (mut lo, mut hi) = (Some(Decimal::ZERO), Some(Decimal::ZERO));
    let (mut lo_strict, mut hi_strict) = (false, false);
    let mut labels = Vec::new();
    for part in parts.iter().filter_map(|&p| model.targets.get(p)) {
        let Some((part_lo, part_hi)) = part.goal.as_ref().and_then(|g| bounds(g, approx)) else {
            return;
        };
        lo = lo
            .zip(part_lo)
            .and_then(|(sum, b)| sum.checked_add(b.value));
        hi = hi
            .zip(part_hi)
            .and_then(|(sum, b)| sum.checked_add(b.value));
        lo_strict |= part_lo.is_some_and(|b| b.strict);
        hi_strict |= part_hi.is_some_and(|b| b.strict);
        if let (Some(span), Some(goal)) = (part.goal_span, &part.goal) {
            let (id, goal) = (&part.id, goal.to_source());
            labels.push((span, text!("`{id}`: {goal}", "`{id}`: {goal}")));
        }
    }
    let below = lo.is_some_and(|lo| total < lo || total == lo && lo_strict);
    let above = hi.is_some_and(|hi| total > hi || total == hi && hi_strict);
    if !below && !above {
        return;
    }
    let (name, n) = (&whole.id, show(total));
    let lower = lo.map(|lo| {
        let lo = show(lo);
        if lo_strict {
            text!("more than {lo}", "hơn {lo}")
        } else {
            text!("at least {lo}", "ít nhất {lo}")
        }
    });
    let upper = hi.map(|hi| {
        let hi = show(hi);
        if hi_strict {
            text!("less than {hi}", "dưới {hi}")
        } else {
            text!("at most {hi}", "nhiều nhất {hi}")
        }
    });
    let reach = match (lo, hi, lower, upper) {
        (Some(lo), Some(hi), ..) if lo == hi && !lo_strict && !hi_strict => {
            let x = show(lo);
            text!("exactly {x}", "đúng {x}")
        }
        (Some(lo), Some(hi), ..) if !lo_strict && !hi_strict => {
            let (lo, hi) = (show(lo), show(hi));
            text!("between {lo} and {hi}", "từ {lo} đến {hi}")
        }
        (_, _, Some(l), Some(u)) => Text::new(
            format!("{} and {}", l.en, u.en),
            format!("{} và {}", l.vi, u.vi),
        ),
        (_, _, Some(only), None) | (_, _, None, Some(only)) => only,
        (_, _, None, None) => return,
    };
    let mut d = Diagnostic::new(
        Code::SharesCannotSum,
        shares.total.span,
        Text::new(
            format!("the parts of `{name}` add up to {}, never {n}", reach.en),
            format!(
                "các phần của `{name}` cộng lại được {}, không thể bằng {n}",
                reach.vi
            ),
        ),
    )
    .with_label(text!(
        "the parts must add up to {n}",
        "tổng các phần phải bằng {n}"
    ));
    for (span, label) in labels {
        d = d.with_other(span, label);
    }
    let fix = if below {
        text!(
            "lower the parts' minimum goals so that together they can reach {n}, or correct the total",
            "hãy giảm cận dưới chỉ tiêu của các phần để tổng có thể bằng {n}, hoặc sửa lại tổng"
        )
    } else {
        text!(
            "raise the parts' maximum goals so that together they can reach {n}, or correct the total",
            "hãy nâng cận trên chỉ tiêu của các phần để tổng có thể bằng {n}, hoặc sửa lại tổng"
        )
    };
    out.push(d.with_help(fix));
}

/// Whether a target is a rate (growth per year, an average over years): its parts may grow faster than it.
fn is_rate(t: &TargetInfo) -> bool {
    t.unit
        .as_deref()
        .is_some_and(|u| u.trim_end().ends_with("/năm"))
        || matches!(t.window, Some(Window::Average { .. }))
}

/// `part-exceeds-whole`: an "of which" part whose smallest acceptable value is more than its whole can be.
fn part_fits(whole: &TargetInfo, part: &TargetInfo, approx: Decimal, out: &mut Sink) {
    if whole.unit != part.unit || is_rate(whole) || is_rate(part) {
        return;
    }
    let (Some(whole_goal), Some(part_goal)) = (&whole.goal, &part.goal) else {
        return;
    };
    let (Some((_, Some(max))), Some((Some(min), _))) =
        (bounds(whole_goal, approx), bounds(part_goal, approx))
    else {
        return;
    };
    let exceeds = min.value > max.value || min.value == max.value && (min.strict || max.strict);
    let (Some(part_span), Some(whole_span)) = (part.goal_span, whole.goal_span) else {
        return;
    };
    if !exceeds {
        return;
    }
    let (p, w) = (&part.id, &whole.id);
    let (pg, wg) = (part_goal.to_source(), whole_goal.to_source());
    let (lo, hi) = (show(min.value), show(max.value));
    out.push(
        Diagnostic::new(
            Code::PartExceedsWhole,
            part_span,
            text!(
                "the part `{p}` asks for at least {lo}, more than its whole `{w}` can be ({hi} at most)",
                "phần `{p}` cần ít nhất {lo}, vượt quá mức tối đa {hi} của chỉ tiêu tổng `{w}`"
            ),
        )
        .with_label(text!("the part: {pg}", "chỉ tiêu thành phần: {pg}"))
        .with_other(whole_span, text!("the whole: {wg}", "chỉ tiêu tổng: {wg}"))
        .with_help(text!(
            "an \"of which\" part cannot be more than its whole: check both figures; if they are rates (a part may grow faster than the whole), give the unit as a rate, e.g. `unit \"%/năm\"`",
            "phần \"trong đó\" không thể lớn hơn tổng: hãy kiểm tra lại hai số liệu; nếu đây là tốc độ tăng (một phần có thể tăng nhanh hơn tổng), hãy ghi đơn vị dạng tốc độ, ví dụ `unit \"%/năm\"`"
        )),
    );
}

/// The numbers a goal is written with.
fn written_numbers(goal: &ast::Goal) -> Vec<Decimal> {
    match goal {
        Goal::Exact(x)
        | Goal::AtLeast(x)
        | Goal::Above(x)
        | Goal::AtMost(x)
        | Goal::Below(x)
        | Goal::Approx(x) => vec![*x],
        Goal::Range(a, b) => vec![*a, *b],
        Goal::Text(_) => Vec::new(),
    }
}

/// `percent-out-of-range`: a goal in `%` written with a number below 0 or above 100.
fn percent(target: &TargetInfo, goal: &Spanned<ast::Goal>, out: &mut Sink) {
    let Some(x) = written_numbers(&goal.value)
        .into_iter()
        .find(|x| *x < Decimal::ZERO || *x > Decimal::ONE_HUNDRED)
    else {
        return;
    };
    let (id, n, written) = (&target.id, show(x), goal.value.to_source());
    let (side_en, side_vi) = if x < Decimal::ZERO {
        ("below 0", "nhỏ hơn 0")
    } else {
        ("above 100", "lớn hơn 100")
    };
    out.push(
        Diagnostic::new(
            Code::PercentOutOfRange,
            goal.span,
            text!(
                "`{id}` is in `%` but its goal `{written}` is {side_en}",
                "`{id}` tính bằng `%` nhưng chỉ tiêu `{written}` {side_vi}"
            ),
        )
        .with_label(text!("{n}% is {side_en}", "{n}% {side_vi}"))
        .with_help(text!(
            "a percentage lies between 0 and 100: check the figure; if it compares with something else (e.g. 120% of last year), say so in the unit, e.g. `unit \"% so với năm trước\"`",
            "tỷ lệ phần trăm nằm trong khoảng 0–100: hãy kiểm tra lại số liệu; nếu là so sánh với kỳ khác (ví dụ bằng 120% năm trước), hãy ghi rõ trong đơn vị, ví dụ `unit \"% so với năm trước\"`"
        )),
    );
}

/// `aim-below-goal`: the local `aim` beside an assigned `goal` asks for less than the goal, in the goal's own
/// direction (a floor below the goal's floor, or a ceiling above its ceiling). Usually the two are swapped.
fn aim_below_goal(
    target: &TargetInfo,
    goal: &Spanned<ast::Goal>,
    aim: &Spanned<ast::Goal>,
    out: &mut Sink,
) {
    let (Some((goal_lo, goal_hi)), Some((aim_lo, aim_hi))) = (
        bounds(&goal.value, Decimal::ZERO),
        bounds(&aim.value, Decimal::ZERO),
    ) else {
        return;
    };
    let weaker = match (goal_lo, goal_hi) {
        (Some(g), None) => aim_lo.is_none_or(|a| a.value < g.value),
        (None, Some(g)) => aim_hi.is_none_or(|a| a.value > g.value),
        _ => false,
    };
    if !weaker {
        return;
    }
    let (id, g, a) = (&target.id, goal.value.to_source(), aim.value.to_source());
    out.push(
        Diagnostic::new(
            Code::AimBelowGoal,
            aim.span,
            text!(
                "the aim `{a}` of `{id}` asks for less than its goal `{g}`",
                "mục tiêu phấn đấu `{a}` của `{id}` thấp hơn chỉ tiêu được giao `{g}`"
            ),
        )
        .with_label(text!("the aim", "mục tiêu phấn đấu"))
        .with_other(goal.span, text!("the goal", "chỉ tiêu được giao"))
        .with_help(text!(
            "`aim` is the higher local figure beside the assigned `goal`: swap the two if they are the wrong way round (`goal {a}`, `aim {g}`)",
            "`aim` là mục tiêu phấn đấu cao hơn chỉ tiêu được giao (`goal`): nếu ghi ngược, hãy đổi chỗ (`goal {a}`, `aim {g}`)"
        )),
    );
}
