//! Standing and recurring duties (SPEC §2b): which schedule a task has, and `conflicting-schedule` when it is
//! written with more than one of `due`, `every` and `ongoing`.

use crate::ast::{self, Attr, Recurrence};
use crate::diagnostics::{Code, Diagnostic, Sink, Text};
use crate::source::Span;
use crate::text;

/// The schedule a task's text gives it, before its dates are resolved.
pub(super) enum Written<'a> {
    /// `due …`, or nothing: a one-off task.
    Once,
    Ongoing,
    Every(&'a Attr<Recurrence>),
}

/// The task's schedule. Two or more of `due`, `every` and `ongoing` are a `conflicting-schedule` error (on the
/// second one written, labels on the others); the task keeps the one written first.
pub(super) fn schedule_of<'a>(task: &'a ast::Task, out: &mut Sink) -> Written<'a> {
    // The usual case, at most one of them, decides without gathering them.
    match (&task.due, &task.every, &task.ongoing) {
        (_, None, None) => return Written::Once,
        (None, Some(every), None) => return Written::Every(every),
        (None, None, Some(_)) => return Written::Ongoing,
        _ => {}
    }
    let mut written: Vec<(Span, &'static str, Written<'a>)> = Vec::with_capacity(3);
    if let Some(due) = &task.due {
        written.push((due.span, "due", Written::Once));
    }
    if let Some(every) = &task.every {
        written.push((every.span, "every", Written::Every(every)));
    }
    if let Some(ongoing) = &task.ongoing {
        written.push((ongoing.span, "ongoing", Written::Ongoing));
    }
    crate::sort::sort_by_key(&mut written, |(span, _, _)| span.start);
    let mut written = written.into_iter();
    let Some((first_span, first, kept)) = written.next() else {
        return Written::Once;
    };
    let others: Vec<(Span, &'static str)> = written.map(|(span, word, _)| (span, word)).collect();
    if let Some(((second_span, second), rest)) = others.split_first() {
        let id = &task.id.value;
        let mut d = Diagnostic::new(
            Code::ConflictingSchedule,
            *second_span,
            text!(
                "`{id}` has both `{first}` and `{second}`: a task is one-off, recurring or ongoing",
                "nhiệm vụ `{id}` có cả `{first}` và `{second}`: một nhiệm vụ chỉ làm một lần, lặp lại hoặc thường xuyên"
            ),
        )
        .with_label(meaning(second))
        .with_other(first_span, meaning(first));
        for (span, word) in rest {
            d = d.with_other(*span, meaning(word));
        }
        out.push(d.with_help(text!(
            "keep one: `due 2021-Q4` for a task done once by a deadline, `every year by 11-25` for a duty that recurs each period (\"hằng năm\"), `ongoing` for a standing duty with no deadline (\"thường xuyên\"); a duty that is both is two tasks",
            "chỉ giữ một: `due 2021-Q4` cho nhiệm vụ làm một lần trước thời hạn, `every year by 11-25` cho nhiệm vụ lặp lại mỗi kỳ (\"hằng năm\"), `ongoing` cho nhiệm vụ thường xuyên không có thời hạn; nhiệm vụ có cả hai tính chất thì tách thành hai nhiệm vụ"
        )));
    }
    kept
}

/// What each schedule means, for the labels.
fn meaning(word: &str) -> Text {
    match word {
        "due" => text!(
            "`due`: done once, by this deadline",
            "`due`: làm một lần, trước thời hạn này"
        ),
        "every" => text!(
            "`every`: recurs each period, each due on its own day",
            "`every`: lặp lại mỗi kỳ, mỗi kỳ có hạn riêng"
        ),
        _ => text!(
            "`ongoing`: a standing duty, never due",
            "`ongoing`: nhiệm vụ thường xuyên, không có thời hạn"
        ),
    }
}
