//! The report as tables for an 80-column terminal, with status colours when asked (a terminal without
//! `NO_COLOR`). Columns count characters; long titles and goals are cut with `…`, ids only when they must be.

use super::{
    Tone, Toned, counts_line, explanation, plan_title, report_detail, short_number, shown,
    target_value, task_detail,
};
use crate::diagnostics::{Lang, escape};
use crate::eval::report::Report;

const WIDTH: usize = 80;
const STATUS: usize = 16;
const ID: usize = 25;

/// Renders the report as text tables.
pub fn table(report: &Report, lang: Lang, color: bool) -> String {
    let mut t = Table {
        out: String::new(),
        color,
    };
    t.line(&fit(&plan_title(report), WIDTH));
    t.line(&format!(
        "as of {} · {} item{} need{} attention",
        report.as_of,
        report.summary.attention,
        if report.summary.attention == 1 {
            ""
        } else {
            "s"
        },
        if report.summary.attention == 1 {
            "s"
        } else {
            ""
        },
    ));
    t.blank();
    let s = &report.summary;
    for (name, total, line) in [
        ("targets", s.targets.total(), counts_line(&s.targets)),
        ("tasks", s.tasks.total(), counts_line(&s.tasks)),
        ("rules", s.rules.total(), counts_line(&s.rules)),
        ("reports", s.reports.total(), counts_line(&s.reports)),
    ] {
        t.wrapped(&format!("{name:<8}{total:>5}  "), &line);
    }

    if report.targets().len() > 0 {
        t.heading("TARGETS", &["ACTUAL", "GOAL", "BY"], &[16, 9, 10]);
        for x in report.targets() {
            let by = x.deadline.map_or_else(String::new, |d| d.to_string());
            let goal = shown(x.goal);
            t.row(
                x.status,
                x.id,
                &[(&target_value(&x), 16), (&goal, 9), (&by, 10)],
            );
            if let Some(r) = &x.reason {
                if x.goal.is_some() && x.actual.is_none() && x.average.is_none() {
                    t.note(explanation(r, lang));
                }
            }
        }
    }
    if report.measures().len() > 0 {
        t.blank();
        t.line("MEASURES");
        for m in report.measures() {
            let value = m.actual.as_ref().map_or_else(
                || "—".to_string(),
                |a| format!("{} ({})", short_number(a.value.0), a.period),
            );
            let unit = m.unit.unwrap_or_default();
            t.line(&fit(
                &format!(
                    "{:<w$} {value} {unit}",
                    fit(m.id, ID + STATUS),
                    w = ID + STATUS
                ),
                WIDTH,
            ));
        }
    }
    if report.tasks().len() > 0 {
        t.heading("TASKS", &["DUE", "DETAIL"], &[10, 26]);
        for x in report.tasks() {
            let due = x.due.map_or_else(String::new, |d| d.to_string());
            t.row(x.status, x.id, &[(&due, 10), (&task_detail(&x), 26)]);
        }
    }
    if report.rules().len() > 0 {
        t.heading("RULES", &["SEVERITY", "WHY"], &[8, 28]);
        for x in report.rules() {
            let why = x.reason.as_ref().map_or("", |r| explanation(r, lang));
            t.row(x.status, x.id, &[(x.severity.as_str(), 8), (why, 28)]);
        }
    }
    if report.reports().len() > 0 {
        t.heading("REPORTS", &["NEXT DUE", "EVERY"], &[10, 26]);
        for x in report.reports() {
            let next = x.next_due.map_or_else(String::new, |d| d.to_string());
            let every = report_detail(&x);
            t.row(x.status, x.id, &[(&next, 10), (&every, 26)]);
        }
    }
    if report.owners().len() > 0 {
        t.heading("OWNERS", &["TARGETS", "TASKS", "ATTENTION"], &[7, 5, 22]);
        for o in report.owners() {
            let attention = if o.attention.is_empty() {
                String::new()
            } else {
                format!("{}: {}", o.attention.len(), o.attention.join(", "))
            };
            t.row(
                o.status,
                o.id,
                &[
                    (&o.targets.total().to_string(), 7),
                    (&o.tasks.total().to_string(), 5),
                    (&attention, 22),
                ],
            );
        }
        // The reporting scorecard, when the facts track reports: each sender's reports due so far.
        if report.owners().any(|o| o.reports.due > 0) {
            t.heading(
                "REPORTING",
                &["DUE", "ON TIME", "LATE", "MISSING"],
                &[5, 7, 5, 7],
            );
            for o in report.owners().filter(|o| o.reports.due > 0) {
                let c = &o.reports;
                let status = if c.missing > 0 {
                    crate::eval::SubmissionStatus::Missing
                } else if c.late > 0 {
                    crate::eval::SubmissionStatus::Late
                } else {
                    crate::eval::SubmissionStatus::OnTime
                };
                t.row(
                    status,
                    o.id,
                    &[
                        (&c.due.to_string(), 5),
                        (&c.on_time.to_string(), 7),
                        (&c.late.to_string(), 5),
                        (&c.missing.to_string(), 7),
                    ],
                );
            }
        }
    }
    t.out
}

struct Table {
    out: String,
    color: bool,
}

impl Table {
    fn line(&mut self, s: &str) {
        self.out.push_str(s.trim_end());
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn heading(&mut self, title: &str, columns: &[&str], widths: &[usize]) {
        self.blank();
        let mut s = format!("{:<STATUS$} {:<ID$}", "STATUS", title);
        for (c, w) in columns.iter().zip(widths) {
            s.push(' ');
            s.push_str(&format!("{c:<w$}"));
        }
        self.line(&s);
    }

    fn row<S: Toned>(&mut self, status: S, id: &str, cells: &[(&str, usize)]) {
        let shown = format!("{:<STATUS$}", status.as_str());
        let mut s = if self.color {
            format!("{}{shown}\x1b[0m", status.tone().ansi())
        } else {
            shown
        };
        s.push(' ');
        s.push_str(&pad(&fit(id, ID), ID));
        for (text, width) in cells {
            s.push(' ');
            s.push_str(&pad(&fit(text, *width), *width));
        }
        self.line(&s);
    }

    /// `lead` then `text` cut into lines of the full width at ` · `, continuation lines indented like `text`.
    fn wrapped(&mut self, lead: &str, text: &str) {
        let indent = lead.chars().count();
        let mut line = lead.to_string();
        let mut width = indent;
        for (i, part) in text.split(" · ").enumerate() {
            let piece = if i == 0 {
                part.to_string()
            } else {
                format!(" · {part}")
            };
            let n = piece.chars().count();
            if i > 0 && width + n > WIDTH {
                self.line(&line);
                line = format!("{:indent$}{part}", "");
                width = indent + part.chars().count();
            } else {
                line.push_str(&piece);
                width += n;
            }
        }
        self.line(&line);
    }

    /// A line under an item, indented to the id column.
    fn note(&mut self, s: &str) {
        let text = format!("{:STATUS$} ↳ {s}", "");
        let text = fit(&text, WIDTH);
        if self.color {
            self.line(&format!("{}{text}\x1b[0m", Tone::Quiet.ansi()));
        } else {
            self.line(&text);
        }
    }
}

/// Cut to `width` characters, ending in `…` when cut; control characters, line breaks and bidirectional
/// overrides from the plan or the facts are shown as escapes first (`\u{1b}`), so that none reaches the terminal
/// and a cell stays on its line.
fn fit(s: &str, width: usize) -> String {
    let s = escape::line(s);
    if s.chars().count() <= width {
        return s.into_owned();
    }
    let mut cut: String = s.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}
