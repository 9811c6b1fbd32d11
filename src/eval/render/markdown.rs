//! The report as Markdown that fits a pull-request comment: the summary and what needs attention first, every
//! item in collapsed tables below.

use super::{
    Toned, counts_line, explanation, plan_title, report_detail, shown, target_value, task_detail,
};
use crate::diagnostics::{Lang, escape};
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
        .targets()
        .filter(|t| t.status.needs_attention())
        .map(|t| {
            row(
                t.status,
                t.id,
                &[&target_value(&t), &shown(t.goal), &t.lead.join(", ")],
            )
        })
        .chain(
            report
                .tasks()
                .filter(|t| t.status.needs_attention())
                .map(|t| {
                    row(
                        t.status,
                        t.id,
                        &[&task_detail(&t), &due(t.due), &t.lead.join(", ")],
                    )
                }),
        )
        .chain(
            report
                .rules()
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

    table(
        &mut md,
        "All targets",
        "| status | target | value | goal | by |",
        report.targets(),
        |t| {
            let mut value = target_value(t);
            if let (Some(r), None) = (&t.reason, &t.actual) {
                value = format!("{value} — {}", explanation(r, lang));
            }
            row(t.status, t.id, &[&value, &shown(t.goal), &due(t.deadline)])
        },
    );
    table(
        &mut md,
        "All tasks",
        "| status | task | due | detail |",
        report.tasks(),
        |t| row(t.status, t.id, &[&due(t.due), &task_detail(t)]),
    );
    table(
        &mut md,
        "Rules",
        "| status | rule | severity | why |",
        report.rules(),
        |r| {
            let why = r.reason.as_ref().map_or("", |e| explanation(e, lang));
            row(r.status, r.id, &[r.severity.as_str(), why])
        },
    );
    table(
        &mut md,
        "Reports",
        "| status | report | next due | every |",
        report.reports(),
        |r| row(r.status, r.id, &[&due(r.next_due), &report_detail(r)]),
    );
    let senders: Vec<_> = report.owners().filter(|o| o.reports.due > 0).collect();
    let header = "| status | owner | due | on time | late | missing |";
    table(&mut md, "Reporting", header, senders.into_iter(), |o| {
        let c = &o.reports;
        row(
            o.status,
            o.id,
            &[
                &c.due.to_string(),
                &c.on_time.to_string(),
                &c.late.to_string(),
                &c.missing.to_string(),
            ],
        )
    });
    let header = "| status | owner | targets | tasks | needs attention |";
    table(&mut md, "Owners", header, report.owners(), |o| {
        let (targets, tasks) = (counts_line(o.targets), counts_line(o.tasks));
        row(o.status, o.id, &[&targets, &tasks, &o.attention.join(", ")])
    });
    md
}

/// A collapsed table of `items` titled `name (count)`, a row each; nothing when there are none.
fn table<T>(
    md: &mut String,
    name: &str,
    header: &str,
    items: impl ExactSizeIterator<Item = T>,
    row: impl Fn(&T) -> String,
) {
    if items.len() == 0 {
        return;
    }
    details(md, &format!("{name} ({})", items.len()), header, |md| {
        for item in items {
            md.push_str(&row(&item));
            md.push('\n');
        }
    });
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

/// Text from the plan or the facts as GitHub shows it, inert: nothing in it becomes markup, a link, an image, a
/// mention or a reference, and it stays in its table cell.
///
/// - Control characters, line breaks and bidirectional overrides are shown as escapes (`\u{202e}`, `\n`), as
///   everywhere kehoach writes for people; so a cell stays on its row.
/// - The punctuation that starts Markdown (emphasis, code, links and images, tables, strikethrough, math,
///   entities) is backslash-escaped; `<` and `>` become entities, so no HTML and no `<http://…>` autolink.
/// - Mentions (`@octocat`, `@org/team`), issue references (`#1`, `GH-1`) and bare links (`http://`, `www.`, and
///   e-mail addresses, through their `@`) are broken with a zero-width space, written `&#8203;`. A backslash does
///   not do it: `\@octocat` is read as the text `@octocat`, and GitHub finds mentions and references in the text
///   after Markdown is read (they are not Markdown syntax). A zero-width space between `@` and the name leaves
///   nothing for it to match, shows nothing, and as an entity it stays visible in the comment's source; Dependabot
///   and Renovate write `@&#8203;name` in pull-request bodies for the same reason.
pub(crate) fn cell(s: &str) -> String {
    const BREAK: &str = "&#8203;";
    let s = escape::line(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s.as_ref();
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or_default();
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '|' | '~' | '$' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '@' => {
                out.push('@');
                out.push_str(BREAK);
            }
            '#' if after.starts_with(|c: char| c.is_ascii_alphanumeric()) => {
                out.push('#');
                out.push_str(BREAK);
            }
            ':' if after.starts_with("//") => {
                out.push(':');
                out.push_str(BREAK);
            }
            _ if starts_with_ignoring_case(rest, "www.") => {
                out.push_str(rest.get(..3).unwrap_or_default());
                out.push_str(BREAK);
                rest = rest.get(3..).unwrap_or_default();
                continue;
            }
            _ if starts_with_ignoring_case(rest, "gh-")
                && rest.as_bytes().get(3).is_some_and(u8::is_ascii_digit) =>
            {
                out.push_str(rest.get(..3).unwrap_or_default());
                out.push_str(BREAK);
                rest = rest.get(3..).unwrap_or_default();
                continue;
            }
            c => out.push(c),
        }
        rest = after;
    }
    out
}

fn starts_with_ignoring_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_inert() {
        assert_eq!(
            cell("![x](http://evil/p.png) [y](http://e) @octocat #1 | a"),
            "\\!\\[x\\](http:&#8203;//evil/p.png) \\[y\\](http:&#8203;//e) @&#8203;octocat #&#8203;1 \\| a"
        );
        assert_eq!(
            cell("<https://x> www.evil.com a@b.c GH-12 `code` *b* _i_ ~s~ $m$ &#64;x"),
            "&lt;https:&#8203;//x&gt; www&#8203;.evil.com a@&#8203;b.c GH-&#8203;12 \\`code\\` \\*b\\* \\_i\\_ \\~s\\~ \\$m\\$ \\&#&#8203;64;x"
        );
        assert_eq!(
            cell("a\nb\u{1b}[2J\u{202e}"),
            "a\\\\nb\\\\u{1b}\\[2J\\\\u{202e}"
        );
        assert_eq!(
            cell("Tốc độ tăng trưởng (GRDP) ≥ 9,3 %"),
            "Tốc độ tăng trưởng (GRDP) ≥ 9,3 %"
        );
    }
}
