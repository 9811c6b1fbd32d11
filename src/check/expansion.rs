//! Expansion: how many periods a plan's recurrences and yearly windows unfold into, held to
//! [`MAX_OCCURRENCES`] per plan.
//!
//! Each due date of a recurring report or task within the plan period and each year of a `yearly` or `average` target is
//! one occurrence: the calendar export makes an event of it, the reporting form asks for a value for it, the
//! evaluator judges it. A plan period is at most [`crate::limits::MAX_YEAR_SPAN`] years, but a few lines of
//! monthly reports or yearly targets still multiply by it: without this bound a 2 KB plan made a 1.2 GB calendar.
//! The item that takes the plan past the bound is reported, and it and the items after it lose their schedule or
//! window in the model, so that no consumer, whether or not it heeds the error, expands them. The number of
//! declarations is bounded here too ([`MAX_ITEMS`]).

use chrono::NaiveDate;

use crate::diagnostics::{Code, Diagnostic, Sink};
use crate::limits::{MAX_ITEMS, MAX_OCCURRENCES};
use crate::model::{Model, Run, TaskSchedule, Window};
use crate::source::Span;
use crate::text;

/// Counts the model's occurrences; past the bound, reports the first item over it and takes the expansion out of
/// that item and every later one.
pub(super) fn bound(model: &mut Model, out: &mut Sink) {
    let period = model.period();
    let mut total = 0usize;
    let mut over: Option<(Span, String, usize)> = None;
    let mut cut = 0usize;
    let mut count = |n: usize, span: Span, id: &str| -> bool {
        total = total.saturating_add(n);
        if total <= MAX_OCCURRENCES {
            return false;
        }
        if over.is_none() {
            over = Some((span, id.to_string(), total));
        }
        cut += 1;
        true
    };
    for target in &mut model.targets {
        if let Some(Window::Yearly { from, to } | Window::Average { from, to }) = target.window
            && count(years(from, to), target.span, &target.id)
        {
            target.window = None;
        }
    }
    // Occurrences run from the plan's issue to the end of its period; an open-ended plan's (or one dated only by
    // the day evaluated) are counted over the longest run listed, `MAX_YEAR_SPAN` years.
    let run = model.run(None).unwrap_or(Run {
        first: NaiveDate::MIN,
        last: None,
    });
    let run = match run.last {
        Some(_) => run,
        None => Run {
            first: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN),
            last: None,
        },
    };
    // A tracked report is judged once per occurrence and submitter (a group with members: each member).
    let submitters: Vec<usize> = model
        .reports
        .iter()
        .map(|r| model.answerable(&r.from).len().max(1))
        .collect();
    for (report, senders) in model.reports.iter_mut().zip(submitters) {
        if let Some(schedule) = report.every
            && count(
                schedule.count(run).saturating_mul(senders),
                report.span,
                &report.id,
            )
        {
            report.every = None;
        }
    }
    for task in &mut model.tasks {
        if let TaskSchedule::Every(schedule) = task.schedule
            && count(schedule.count(run), task.span, &task.id)
        {
            task.schedule = TaskSchedule::Once {
                due: None,
                written: false,
            };
        }
    }
    let Some((span, id, reached)) = over else {
        return;
    };
    let others = cut - 1;
    let left_out = if others == 0 {
        text!(
            "left without its due dates or years",
            "bị bỏ qua các hạn hoặc năm của mục này"
        )
    } else {
        text!(
            "left without its due dates or years, as are {others} later items",
            "bị bỏ qua các hạn hoặc năm, cùng {others} mục sau"
        )
    };
    let mut diagnostic = Diagnostic::new(
        Code::LimitExceeded,
        span,
        text!(
            "too many occurrences: `{id}` brings the plan's report due dates and target years to {reached}, over the limit of {MAX_OCCURRENCES}",
            "quá nhiều kỳ: `{id}` đưa tổng số hạn báo cáo và năm của chỉ tiêu trong kế hoạch lên {reached}, vượt giới hạn {MAX_OCCURRENCES}"
        ),
    )
    .with_label(left_out)
    .with_help(text!(
        "each due date of an `every` report or task and each year of a `yearly` or `average` target counts once: shorten the `period`, report less often, or split the plan",
        "mỗi hạn của báo cáo hoặc nhiệm vụ `every` và mỗi năm của chỉ tiêu `yearly` hoặc `average` được tính một lần: hãy rút ngắn `period`, báo cáo thưa hơn, hoặc tách kế hoạch"
    ));
    if let (Some(p), Some(period_span)) = (period, model.plan.as_ref().and_then(|p| p.period_span))
    {
        let n = years(p.from, p.to);
        diagnostic = diagnostic.with_other(
            period_span,
            text!("the plan period: {n} years", "thời kỳ kế hoạch: {n} năm"),
        );
    }
    out.push(diagnostic);
}

/// The years of `from..=to`.
fn years(from: i32, to: i32) -> usize {
    usize::try_from(i64::from(to) - i64::from(from) + 1).unwrap_or(0)
}

/// Reports a plan of more than [`MAX_ITEMS`] declarations (its files together), at the start of its root file.
pub(super) fn count_items(model: &Model, out: &mut Sink) {
    let n = model.documents.len()
        + model.owners.len()
        + model.sections.len()
        + model.targets.len()
        + model.tasks.len()
        + model.reports.len()
        + model.rules.len();
    if n > MAX_ITEMS {
        out.push(
            Diagnostic::new(
                Code::LimitExceeded,
                Span::point(model.root, 0),
                text!(
                    "too many declarations: this plan and the files it uses declare {n}, over the limit of {MAX_ITEMS}",
                    "quá nhiều khai báo: kế hoạch này và các tệp nó dùng khai báo {n} mục, vượt giới hạn {MAX_ITEMS}"
                ),
            )
            .with_help(text!(
                "split it into several plans, each with the files it needs",
                "hãy tách thành nhiều kế hoạch, mỗi kế hoạch dùng các tệp nó cần"
            )),
        );
    }
}

#[cfg(test)]
mod tests;
