//! The report as Markdown that fits a pull-request comment: the summary and what needs attention first, every
//! item in collapsed tables below.

use super::{Toned, counts_line, explanation, plan_title, shown, target_value, task_detail};
use crate::diagnostics::Lang;
use crate::eval::Status;
use crate::eval::report::Report;

/// Renders the report as GitHub-flavoured Markdown.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let mut md = String::new();
    let push = |md: &mut String, s: &str| {
        md.push_str(s);
        md.push('\n');
    };
    push(&mut md, &format!("## {}", cell(&plan_title(report))));
    push(&mut md, "");
    let n = report.summary.attention;
    let items = if n == 1 { "item needs" } else { "items need" };
    push(
        &mut md,
        &format!(
            "Evaluated as of **{}** · {} {n} {items} attention",
            report.as_of,
            report.summary.status.tone().mark()
        ),
    );
    push(&mut md, "");
    push(&mut md, "| | count | statuses |");
    push(&mut md, "|---|---:|---|");
    let s = &report.summary;
    for (name, total, line) in [
        ("Targets", s.targets.total(), counts_line(&s.targets)),
        ("Tasks", s.tasks.total(), counts_line(&s.tasks)),
        ("Rules", s.rules.total(), counts_line(&s.rules)),
        ("Reports", s.reports.total(), counts_line(&s.reports)),
    ] {
        push(&mut md, &format!("| **{name}** | {total} | {line} |"));
    }

    let attention: Vec<String> = report
        .targets
        .iter()
        .filter(|t| t.status.needs_attention())
        .map(|t| {
            row(
                t.status,
                t.id,
                &[&target_value(t), &shown(t.goal), &t.lead.join(", ")],
            )
        })
        .chain(
            report
                .tasks
                .iter()
                .filter(|t| t.status.needs_attention())
                .map(|t| {
                    row(
                        t.status,
                        t.id,
                        &[&task_detail(t), &due(t.due), &t.lead.join(", ")],
                    )
                }),
        )
        .chain(
            report
                .rules
                .iter()
                .filter(|r| r.status.needs_attention())
                .map(|r| {
                    let why = r.reason.as_ref().map_or("", |e| explanation(e, lang));
                    row(r.status, r.id, &[why, r.severity.as_str(), ""])
                }),
        )
        .collect();
    if !attention.is_empty() {
        push(&mut md, "");
        push(
            &mut md,
            &format!("### Needs attention ({})", attention.len()),
        );
        push(&mut md, "");
        push(
            &mut md,
            "| status | item | value / detail | goal / due | lead |",
        );
        push(&mut md, "|---|---|---|---|---|");
        for r in attention {
            push(&mut md, &r);
        }
    }

    if !report.targets.is_empty() {
        details(
            &mut md,
            &format!("All targets ({})", report.targets.len()),
            "| status | target | value | goal | by |",
            |md| {
                for t in &report.targets {
                    let by = due(t.deadline);
                    let mut value = target_value(t);
                    if let (Some(r), None) = (&t.reason, &t.actual) {
                        value = format!("{value} — {}", explanation(r, lang));
                    }
                    md.push_str(&row(t.status, t.id, &[&value, &shown(t.goal), &by]));
                    md.push('\n');
                }
            },
        );
    }
    if !report.tasks.is_empty() {
        details(
            &mut md,
            &format!("All tasks ({})", report.tasks.len()),
            "| status | task | due | detail |",
            |md| {
                for t in &report.tasks {
                    md.push_str(&row(t.status, t.id, &[&due(t.due), &task_detail(t)]));
                    md.push('\n');
                }
            },
        );
    }
    if !report.rules.is_empty() {
        details(
            &mut md,
            &format!("Rules ({})", report.rules.len()),
            "| status | rule | severity | why |",
            |md| {
                for r in &report.rules {
                    let why = r.reason.as_ref().map_or("", |e| explanation(e, lang));
                    md.push_str(&row(r.status, r.id, &[r.severity.as_str(), why]));
                    md.push('\n');
                }
            },
        );
    }
    if !report.reports.is_empty() {
        details(
            &mut md,
            &format!("Reports ({})", report.reports.len()),
            "| status | report | next due | every |",
            |md| {
                for r in &report.reports {
                    md.push_str(&row(r.status, r.id, &[&due(r.next_due), &shown(r.every)]));
                    md.push('\n');
                }
            },
        );
    }
    if !report.owners.is_empty() {
        details(
            &mut md,
            &format!("Owners ({})", report.owners.len()),
            "| status | owner | targets | tasks | needs attention |",
            |md| {
                for o in &report.owners {
                    let targets = counts_line(&o.targets);
                    let tasks = counts_line(&o.tasks);
                    md.push_str(&row(
                        o.status,
                        o.id,
                        &[&targets, &tasks, &o.attention.join(", ")],
                    ));
                    md.push('\n');
                }
            },
        );
    }
    md
}

fn details(md: &mut String, summary: &str, header: &str, body: impl FnOnce(&mut String)) {
    md.push_str(&format!(
        "\n<details><summary>{summary}</summary>\n\n{header}\n"
    ));
    let columns = header.matches('|').count().saturating_sub(1);
    md.push_str(&format!("|{}\n", "---|".repeat(columns)));
    body(md);
    md.push_str("\n</details>\n");
}

fn row<S: Toned>(status: S, id: &str, cells: &[&str]) -> String {
    let mut s = format!(
        "| {} {} | `{}` |",
        status.tone().mark(),
        status.as_str(),
        id
    );
    for c in cells {
        s.push_str(&format!(" {} |", cell(c)));
    }
    s
}

fn due(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

/// Text safe inside a table cell: no pipes, no line breaks, no HTML.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
