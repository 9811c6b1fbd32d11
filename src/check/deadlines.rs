//! Deadlines against the plan and against each other: `deadline-before-issue`, `deadline-outside-period` and
//! `deadline-before-dependency`.
//!
//! Only deadlines that are written are judged: a task without `due` falls due at the end of the plan period and a
//! part inherits its parent's `by`, so judging those again would repeat one finding. A deadline already past when
//! the plan is issued is reported as that alone, even when it also lies before the period: one mistake (usually
//! the year), one diagnostic.

use crate::hash::FxHashSet;

use chrono::{Datelike, NaiveDate};

use super::graph;
use super::written::Written;
use crate::ast;
use crate::deadline::{Deadline, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic, Sink};
use crate::model::{Items, Model, Period, TaskIx, Window};
use crate::source::{Span, Spanned};
use crate::text;

pub(super) fn check(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let plan = Plan::of(model);
    for (ix, task) in model.tasks.enumerate() {
        let lit = written
            .task(model, ix)
            .and_then(|t| t.due.as_ref())
            .map(|a| &a.value);
        if let (Some(due), Some(lit)) = (task.due(), lit) {
            plan.place(due, lit, out);
        }
    }
    for (ix, target) in model.targets.enumerate() {
        let lit = written
            .target(model, ix)
            .and_then(|t| t.window.as_ref())
            .and_then(|w| match &w.value {
                ast::Window::By(lit) => Some(lit),
                ast::Window::Yearly | ast::Window::Average(_) => None,
            });
        if let (Some(Window::By(by)), Some(lit)) = (target.window, lit) {
            plan.place(by, lit, out);
        }
    }
    dependencies(model, written, out);
}

/// What the plan header says about time.
struct Plan {
    issued: Option<(NaiveDate, Span)>,
    period: Option<(Period, Span)>,
}

impl Plan {
    fn of(model: &Model) -> Plan {
        let info = model.plan.as_ref();
        Plan {
            issued: info.and_then(|p| Some((p.issued?, p.issued_span?))),
            period: info.and_then(|p| Some((p.period?, p.period_span?))),
        }
    }

    /// Reports a written deadline that is past on the day of issue, or else outside the plan period.
    fn place(&self, deadline: Deadline, lit: &Spanned<DeadlineLit>, out: &mut Sink) {
        let written = lit.value;
        let day = deadline.last_day();
        if let Some((issued, issued_span)) = self.issued.filter(|(issued, _)| day < *issued) {
            let (day_en, day_vi) = (iso(day), vietnamese(day));
            let (issued_en, issued_vi) = (iso(issued), vietnamese(issued));
            let mut d = Diagnostic::new(
                Code::DeadlineBeforeIssue,
                lit.span,
                text!(
                    "`{written}` ends on {day_en}, before the plan is issued on {issued_en}",
                    "thời hạn `{written}` kết thúc ngày {day_vi}, trước ngày ban hành kế hoạch {issued_vi}"
                ),
            )
            .with_label(text!(
                "already past when the plan is issued",
                "đã qua khi kế hoạch được ban hành"
            ))
            .with_other(
                issued_span,
                text!("issued on {issued_en}", "ban hành ngày {issued_vi}"),
            );
            d = d.with_help(match same_period_in(deadline, issued) {
                Some(later) => text!(
                    "no one can meet a deadline that is already past: check the year (e.g. `{later}`), or keep it if the plan records work that was due earlier",
                    "không thể hoàn thành đúng một thời hạn đã qua: hãy kiểm tra lại năm (ví dụ `{later}`), hoặc giữ nguyên nếu kế hoạch ghi nhận việc đến hạn từ trước"
                ),
                None => text!(
                    "no one can meet a deadline that is already past: write a later deadline, or keep it if the plan records work that was due earlier",
                    "không thể hoàn thành đúng một thời hạn đã qua: hãy ghi thời hạn muộn hơn, hoặc giữ nguyên nếu kế hoạch ghi nhận việc đến hạn từ trước"
                ),
            });
            out.push(d);
            return;
        }
        let Some((period, period_span)) = self.period.filter(|(p, _)| !p.contains(day)) else {
            return;
        };
        let (from, to) = (period.from, period.to);
        let span_text = if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
        let (side_en, side_vi, example) = if day < period.first_day().unwrap_or(day) {
            ("before the start", "trước khi bắt đầu", from)
        } else {
            ("after the end", "sau khi kết thúc", to)
        };
        out.push(
            Diagnostic::new(
                Code::DeadlineOutsidePeriod,
                lit.span,
                text!(
                    "`{written}` falls {side_en} of the plan period {span_text}",
                    "thời hạn `{written}` rơi vào {side_vi} thời kỳ kế hoạch {span_text}"
                ),
            )
            .with_label(text!("outside {span_text}", "ngoài {span_text}"))
            .with_other(
                period_span,
                text!("the plan covers {span_text}", "kế hoạch thực hiện trong {span_text}"),
            )
            .with_help(text!(
                "write a deadline within {span_text} (e.g. `{example}`), or widen the plan's `period` if the plan really runs that long",
                "hãy ghi thời hạn trong khoảng {span_text} (ví dụ `{example}`), hoặc mở rộng `period` nếu kế hoạch thực sự kéo dài đến đó"
            )),
        );
    }
}

/// The same quarter, month… in the year of `date`, when that is not past on `date`: `2021-Q1` → `2023-Q1`.
fn same_period_in(deadline: Deadline, date: NaiveDate) -> Option<Deadline> {
    use chrono::Datelike;
    let year = date.year();
    let moved = match deadline {
        Deadline::Day(d) => Deadline::Day(d.with_year(year)?),
        Deadline::Month { month, .. } => Deadline::Month { year, month },
        Deadline::Quarter { quarter, .. } => Deadline::Quarter { year, quarter },
        Deadline::Half { half, .. } => Deadline::Half { year, half },
        Deadline::Months { months, .. } => Deadline::Months { year, months },
        Deadline::Year(_) => Deadline::Year(year),
    };
    (moved.last_day() >= date).then_some(moved)
}

fn iso(day: NaiveDate) -> String {
    day.to_string()
}

/// `dd/mm/yyyy`, as chrono's `%d/%m/%Y` writes it (a year past 9999 or before 0 with its sign), without chrono's
/// format-string interpreter in the WebAssembly module.
fn vietnamese(day: NaiveDate) -> String {
    let year = day.year();
    if (0..=9999).contains(&year) {
        format!("{:02}/{:02}/{year:04}", day.day(), day.month())
    } else {
        format!("{:02}/{:02}/{year:+05}", day.day(), day.month())
    }
}

/// `deadline-before-dependency`: a task with a written `due` earlier than that of a task it comes after. Edges on a
/// dependency cycle are left to `dependency-cycle`.
fn dependencies(model: &Model, written: &Written<'_>, out: &mut Sink) {
    let edges: Items<TaskIx, Vec<TaskIx>> = model.tasks.iter().map(|t| t.after.clone()).collect();
    let on_cycle: FxHashSet<TaskIx> = graph::cycles(&edges).into_iter().flatten().collect();
    for (ix, task) in model.tasks.enumerate() {
        let Some(ast_task) = written.task(model, ix) else {
            continue;
        };
        let (Some(due), Some(due_attr)) = (task.due(), ast_task.due.as_ref()) else {
            continue;
        };
        let mut seen = FxHashSet::default();
        for &dep_ix in &task.after {
            let Some(dep) = model.tasks.get(dep_ix) else {
                continue;
            };
            let Some(dep_due) = dep.due() else { continue };
            if !seen.insert(dep_ix)
                || on_cycle.contains(&ix) && on_cycle.contains(&dep_ix)
                || due.last_day() >= dep_due.last_day()
            {
                continue;
            }
            let (name, other) = (&task.id, &dep.id);
            let lit = due_attr.value.value;
            let mut d = Diagnostic::new(
                Code::DeadlineBeforeDependency,
                due_attr.value.span,
                text!(
                    "`{name}` is due `{lit}`, before `{other}`, which it comes after, is due `{dep_due}`",
                    "nhiệm vụ `{name}` có hạn `{lit}`, sớm hơn hạn `{dep_due}` của `{other}` là việc phải làm trước nó"
                ),
            );
            let reference = ast_task
                .after
                .as_ref()
                .and_then(|a| a.value.iter().find(|r| r.value == *other));
            if let Some(r) = reference {
                d = d.with_other(r.span, text!("comes after `{other}`", "làm sau `{other}`"));
            }
            let dep_written = written.task(model, dep_ix).and_then(|t| t.due.as_ref());
            d = match dep_written {
                Some(dep_attr) => d
                    .with_other(
                        dep_attr.value.span,
                        text!("`{other}` is due here", "hạn của `{other}`"),
                    )
                    .with_help(text!(
                        "a task cannot be finished before what it waits for: make `{name}` due `{dep_due}` or later, or bring `{other}` forward",
                        "nhiệm vụ không thể xong trước việc mà nó phải chờ: hãy đặt hạn của `{name}` từ `{dep_due}` trở đi, hoặc đẩy sớm hạn của `{other}`"
                    )),
                None => d.with_help(text!(
                    "`{other}` has no `due`, so it is due at the end of the plan period: give `{other}` a `due` no later than `{lit}`, or make `{name}` due later",
                    "`{other}` không ghi `due` nên có hạn là cuối thời kỳ kế hoạch: hãy ghi `due` cho `{other}` không muộn hơn `{lit}`, hoặc lùi hạn của `{name}`"
                )),
            };
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    /// The dates are written without chrono's format strings: exactly as `%Y-%m-%d` and `%d/%m/%Y` write them,
    /// years of fewer than four digits, past 9999 and before 0 included.
    #[test]
    fn dates_are_written_as_chrono_formats_them() {
        for (year, month, day) in [
            (2023, 9, 30),
            (7, 1, 2),
            (999, 12, 31),
            (10_000, 2, 29),
            (-44, 3, 15),
        ] {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("a valid date");
            assert_eq!(super::iso(date), date.format("%Y-%m-%d").to_string());
            assert_eq!(super::vietnamese(date), date.format("%d/%m/%Y").to_string());
        }
    }
}
