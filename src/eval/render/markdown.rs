//! The report as Markdown that fits a pull-request comment: the summary and what needs attention first, every
//! item in collapsed tables below.

use super::width::shorten;
use super::words::{self, say};
use super::{
    Toned, counts_cell, counts_line, explanation, plan_title, report_detail, shown, summary_rows,
    target_value, task_detail,
};
use crate::diagnostics::{Lang, escape};
use crate::eval::Status;
use crate::eval::report::Report;

/// The columns a title keeps beside its id: enough to recognise the item, bounded whatever the plan says.
const TITLE: usize = 60;

/// Renders the report as GitHub-flavoured Markdown.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let mut md = String::new();
    let push = |md: &mut String, s: &str| {
        md.push_str(s);
        md.push('\n');
    };
    push(&mut md, &format!("## {}", cell(&plan_title(report, lang))));
    push(&mut md, "");
    let n = report.summary.attention;
    let mark = report.summary.status.tone().mark();
    push(
        &mut md,
        &match lang {
            Lang::En => {
                let items = if n == 1 { "item needs" } else { "items need" };
                format!(
                    "Evaluated as of **{}** · {mark} {n} {items} attention",
                    report.as_of
                )
            }
            Lang::Vi => format!(
                "Đánh giá tính đến ngày **{}** · {mark} {n} mục cần xử lý",
                report.as_of
            ),
        },
    );
    push(&mut md, "");
    push(
        &mut md,
        say(
            lang,
            "| | count | statuses |",
            "| | số lượng | trạng thái |",
        ),
    );
    push(&mut md, "|---|---:|---|");
    for (name, total, line) in summary_rows(
        &report.summary,
        lang,
        [
            say(lang, "Targets", "Chỉ tiêu"),
            say(lang, "Tasks", "Nhiệm vụ"),
            say(lang, "Rules", "Quy tắc"),
            say(lang, "Reports", "Báo cáo"),
        ],
    ) {
        push(&mut md, &format!("| **{name}** | {total} | {line} |"));
    }

    let attention: Vec<String> = report
        .targets()
        .filter(|t| t.status.needs_attention())
        .map(|t| {
            let cells: &[&str] = &[&target_value(&t, lang), &shown(t.goal), &t.lead.join(", ")];
            row(t.status, lang, t.id, t.title, cells)
        })
        .chain(
            report
                .tasks()
                .filter(|t| t.status.needs_attention())
                .map(|t| {
                    let cells: &[&str] = &[&task_detail(&t, lang), &due(t.due), &t.lead.join(", ")];
                    row(t.status, lang, t.id, t.title, cells)
                }),
        )
        .chain(
            report
                .rules()
                .filter(|r| r.status.needs_attention())
                .map(|r| {
                    let why = r.reason.as_ref().map_or("", |e| explanation(e, lang));
                    let severity = words::severity(r.severity, lang);
                    row(r.status, lang, r.id, r.title, &[why, severity, ""])
                }),
        )
        .chain(
            report
                .reports()
                .filter(|r| r.status.needs_attention())
                .map(|r| {
                    let cells: &[&str] = &[
                        &report_detail(&r, lang),
                        &due(r.next_due),
                        &r.from.join(", "),
                    ];
                    row(r.status, lang, r.id, r.title, cells)
                }),
        )
        .collect();
    if !attention.is_empty() {
        push(&mut md, "");
        let heading = say(lang, "Needs attention", "Cần xử lý");
        push(&mut md, &format!("### {heading} ({})", attention.len()));
        push(&mut md, "");
        push(
            &mut md,
            say(
                lang,
                "| status | item | value / detail | goal / due | lead |",
                "| trạng thái | mục | giá trị / chi tiết | kế hoạch / hạn | chủ trì |",
            ),
        );
        push(&mut md, "|---|---|---|---|---|");
        for r in attention {
            push(&mut md, &r);
        }
    }

    table(
        &mut md,
        say(lang, "Sections", "Các phần của kế hoạch"),
        say(
            lang,
            "| status | section | targets | tasks | rules | implements | note |",
            "| trạng thái | phần | chỉ tiêu | nhiệm vụ | quy tắc | thực hiện văn bản | ghi chú |",
        ),
        report.sections(),
        |s| {
            let (targets, tasks) = (counts_cell(s.targets, lang), counts_cell(s.tasks, lang));
            let cells: &[&str] = &[
                &targets,
                &tasks,
                &counts_cell(s.rules, lang),
                &s.implements.join(", "),
                &s.notes.join(" · "),
            ];
            row(s.status, lang, s.id, s.title, cells)
        },
    );
    table(
        &mut md,
        say(lang, "All targets", "Tất cả chỉ tiêu"),
        say(
            lang,
            "| status | target | value | goal | by |",
            "| trạng thái | chỉ tiêu | thực hiện | kế hoạch | thời hạn |",
        ),
        report.targets(),
        |t| {
            let mut value = target_value(t, lang);
            if let (Some(r), None) = (&t.reason, &t.actual) {
                value = format!("{value} — {}", explanation(r, lang));
            }
            let cells: &[&str] = &[&value, &shown(t.goal), &due(t.deadline)];
            row(t.status, lang, t.id, t.title, cells)
        },
    );
    table(
        &mut md,
        say(lang, "All tasks", "Tất cả nhiệm vụ"),
        say(
            lang,
            "| status | task | due | detail |",
            "| trạng thái | nhiệm vụ | hạn | chi tiết |",
        ),
        report.tasks(),
        |t| {
            let cells: &[&str] = &[&due(t.due), &task_detail(t, lang)];
            row(t.status, lang, t.id, t.title, cells)
        },
    );
    table(
        &mut md,
        say(lang, "Rules", "Quy tắc"),
        say(
            lang,
            "| status | rule | severity | why |",
            "| trạng thái | quy tắc | mức độ | lý do |",
        ),
        report.rules(),
        |r| {
            let why = r.reason.as_ref().map_or("", |e| explanation(e, lang));
            let severity = words::severity(r.severity, lang);
            row(r.status, lang, r.id, r.title, &[severity, why])
        },
    );
    table(
        &mut md,
        say(lang, "Reports", "Báo cáo"),
        say(
            lang,
            "| status | report | next due | every |",
            "| trạng thái | báo cáo | hạn tới | định kỳ |",
        ),
        report.reports(),
        |r| {
            let cells: &[&str] = &[&due(r.next_due), &report_detail(r, lang)];
            row(r.status, lang, r.id, r.title, cells)
        },
    );
    let senders: Vec<_> = report.owners().filter(|o| o.reports.due > 0).collect();
    let header = say(
        lang,
        "| status | owner | due | on time | late | missing |",
        "| trạng thái | cơ quan | đến hạn | đúng hạn | trễ hạn | chưa báo cáo |",
    );
    let name = say(lang, "Reporting", "Tình hình báo cáo");
    table(&mut md, name, header, senders.into_iter(), |o| {
        let c = &o.reports;
        let cells: &[&str] = &[
            &c.due.to_string(),
            &c.on_time.to_string(),
            &c.late.to_string(),
            &c.missing.to_string(),
        ];
        row(o.status, lang, o.id, o.name, cells)
    });
    let header = say(
        lang,
        "| status | owner | targets | tasks | needs attention |",
        "| trạng thái | cơ quan | chỉ tiêu | nhiệm vụ | cần xử lý |",
    );
    let name = say(lang, "Owners", "Cơ quan");
    table(&mut md, name, header, report.owners(), |o| {
        let (targets, tasks) = (counts_line(o.targets, lang), counts_line(o.tasks, lang));
        let cells: &[&str] = &[&targets, &tasks, &o.attention.join(", ")];
        row(o.status, lang, o.id, o.name, cells)
    });
    notes(&mut md, report, lang);
    md
}

/// The facts' notes, a row each: the item, the period and the note, inert.
fn notes(md: &mut String, report: &Report, lang: Lang) {
    let (name, header) = match lang {
        Lang::En => ("Notes", "| item | period | note |"),
        Lang::Vi => ("Ghi chú", "| mục | kỳ | ghi chú |"),
    };
    table(md, name, header, report.notes(), |n| {
        format!("| `{}` | {} | {} |", n.id, n.period, cell(n.text))
    });
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

/// A row: the status, the id with its title (shortened), then `cells`.
fn row<S: Toned>(status: S, lang: Lang, id: &str, title: &str, cells: &[&str]) -> String {
    let mut s = format!("| {} {} | `{id}`", status.tone().mark(), status.word(lang));
    if !title.is_empty() {
        s.push(' ');
        s.push_str(&cell(&shorten(title, TITLE)));
    }
    s.push_str(" |");
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
