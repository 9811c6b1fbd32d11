//! The report as tables for an 80-column terminal, with status colours when asked (a terminal without
//! `NO_COLOR`). Each item's title follows on a line of its own under its id, cut with `…` to the line. Columns
//! count what a terminal shows (`width`), and long titles, goals and details are cut, ids only when they must be.

use super::width::{pad, shorten, width};
use super::words::{self, say};
use super::{
    Tone, Toned, explanation, plan_title, report_detail, short_number, shown, summary_rows,
    target_value, task_detail,
};
use crate::diagnostics::{Lang, escape};
use crate::eval::report::Report;

const WIDTH: usize = 80;
/// The id column's width at most; narrower where the status words or the other columns take more.
const ID: usize = 25;
/// The columns of the measures' lines before their value: where the id and the title stand.
const MEASURE: usize = 41;

/// Renders the report as text tables.
pub fn table(report: &Report, lang: Lang, color: bool) -> String {
    let status_heading = say(lang, "STATUS", "TRẠNG THÁI");
    let status = words::all_status_words(lang)
        .chain([status_heading])
        .map(width)
        .max()
        .unwrap_or(0);
    let mut t = Table {
        out: String::new(),
        color,
        lang,
        status,
        status_heading,
    };
    let n = report.summary.attention;
    t.line(&fit(&plan_title(report, lang), WIDTH));
    t.line(&match lang {
        Lang::En => format!(
            "as of {} · {n} item{} need{} attention",
            report.as_of,
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
        ),
        Lang::Vi => format!("tính đến ngày {} · {n} mục cần xử lý", report.as_of),
    });
    t.blank();
    for (name, total, line) in summary_rows(
        &report.summary,
        lang,
        [
            say(lang, "targets", "chỉ tiêu"),
            say(lang, "tasks", "nhiệm vụ"),
            say(lang, "rules", "quy tắc"),
            say(lang, "reports", "báo cáo"),
        ],
    ) {
        t.wrapped(&format!("{}{total:>5}  ", pad(name, 8)), &line);
    }

    if report.targets().len() > 0 {
        let widths = t.heading(
            say(lang, "TARGETS", "CHỈ TIÊU"),
            &[
                (say(lang, "ACTUAL", "THỰC HIỆN"), 16),
                (say(lang, "GOAL", "KẾ HOẠCH"), 9),
                (say(lang, "BY", "THỜI HẠN"), 10),
            ],
        );
        for x in report.targets() {
            let by = shown(x.deadline);
            let goal = shown(x.goal);
            t.row(
                x.status,
                x.id,
                x.title,
                &[&target_value(&x, lang), &goal, &by],
                &widths,
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
        t.line(say(lang, "MEASURES", "SỐ LIỆU THEO DÕI"));
        for m in report.measures() {
            let value = m.actual.as_ref().map_or_else(
                || "—".to_string(),
                |a| format!("{} ({})", short_number(a.value.0), a.period),
            );
            let unit = m.unit.unwrap_or_default();
            let item = fit(&format!("{} {}", m.id, m.title), MEASURE);
            t.line(&fit(
                &format!("{} {value} {unit}", pad(&item, MEASURE)),
                WIDTH,
            ));
        }
    }
    if report.tasks().len() > 0 {
        let widths = t.heading(
            say(lang, "TASKS", "NHIỆM VỤ"),
            &[
                (say(lang, "DUE", "HẠN"), 10),
                (say(lang, "DETAIL", "CHI TIẾT"), 26),
            ],
        );
        for x in report.tasks() {
            let due = shown(x.due);
            t.row(
                x.status,
                x.id,
                x.title,
                &[&due, &task_detail(&x, lang)],
                &widths,
            );
        }
    }
    if report.rules().len() > 0 {
        let widths = t.heading(
            say(lang, "RULES", "QUY TẮC"),
            &[
                (say(lang, "SEVERITY", "MỨC ĐỘ"), 8),
                (say(lang, "WHY", "LÝ DO"), 28),
            ],
        );
        for x in report.rules() {
            let why = x.reason.as_ref().map_or("", |r| explanation(r, lang));
            let severity = words::severity(x.severity, lang);
            t.row(x.status, x.id, x.title, &[severity, why], &widths);
        }
    }
    if report.reports().len() > 0 {
        let widths = t.heading(
            say(lang, "REPORTS", "BÁO CÁO"),
            &[
                (say(lang, "NEXT DUE", "HẠN TỚI"), 10),
                (say(lang, "EVERY", "ĐỊNH KỲ"), 26),
            ],
        );
        for x in report.reports() {
            let next = shown(x.next_due);
            let every = report_detail(&x, lang);
            t.row(x.status, x.id, x.title, &[&next, &every], &widths);
        }
    }
    if report.owners().len() > 0 {
        let widths = t.heading(
            say(lang, "OWNERS", "CƠ QUAN"),
            &[
                (say(lang, "TARGETS", "CHỈ TIÊU"), 7),
                (say(lang, "TASKS", "NHIỆM VỤ"), 5),
                (say(lang, "ATTENTION", "CẦN XỬ LÝ"), 22),
            ],
        );
        for o in report.owners() {
            let attention = if o.attention.is_empty() {
                String::new()
            } else {
                format!("{}: {}", o.attention.len(), o.attention.join(", "))
            };
            t.row(
                o.status,
                o.id,
                o.name,
                &[
                    &o.targets.total().to_string(),
                    &o.tasks.total().to_string(),
                    &attention,
                ],
                &widths,
            );
        }
        // The reporting scorecard, when the facts track reports: each sender's reports due so far.
        if report.owners().any(|o| o.reports.due > 0) {
            let widths = t.heading(
                say(lang, "REPORTING", "TÌNH HÌNH BÁO CÁO"),
                &[
                    (say(lang, "DUE", "ĐẾN HẠN"), 5),
                    (say(lang, "ON TIME", "ĐÚNG HẠN"), 7),
                    (say(lang, "LATE", "TRỄ HẠN"), 5),
                    (say(lang, "MISSING", "CHƯA BÁO CÁO"), 7),
                ],
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
                    o.name,
                    &[
                        &c.due.to_string(),
                        &c.on_time.to_string(),
                        &c.late.to_string(),
                        &c.missing.to_string(),
                    ],
                    &widths,
                );
            }
        }
    }
    notes(&mut t, report, lang);
    t.out
}

/// The facts' notes: the item and period, then the note wrapped to the width under them, escaped.
fn notes(t: &mut Table, report: &Report, lang: Lang) {
    if report.notes().len() == 0 {
        return;
    }
    t.blank();
    t.line(match lang {
        Lang::En => "NOTES",
        Lang::Vi => "GHI CHÚ",
    });
    for n in report.notes() {
        t.line(&fit(&format!("{} {}", n.id, n.period), WIDTH));
        for line in wrap(&escape::line(n.text), WIDTH - 4) {
            t.line(&format!("    {line}"));
        }
    }
}

/// `text` in lines of at most `width` characters, broken at spaces (a word longer than a line is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut n = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        loop {
            let len = word.chars().count();
            let room = if n == 0 {
                width
            } else {
                width.saturating_sub(n + 1)
            };
            if len <= room {
                if n > 0 {
                    line.push(' ');
                    n += 1;
                }
                line.push_str(word);
                n += len;
                break;
            }
            if n > 0 {
                lines.push(std::mem::take(&mut line));
                n = 0;
                continue;
            }
            // A word longer than a line: cut it.
            let cut = word
                .char_indices()
                .nth(width)
                .map_or(word.len(), |(i, _)| i);
            lines.push(word.get(..cut).unwrap_or_default().to_string());
            word = word.get(cut..).unwrap_or_default();
            if word.is_empty() {
                break;
            }
        }
    }
    if n > 0 {
        lines.push(line);
    }
    lines
}

struct Table {
    out: String,
    color: bool,
    lang: Lang,
    /// The status column's width: the widest status word of the language.
    status: usize,
    status_heading: &'static str,
}

impl Table {
    fn line(&mut self, s: &str) {
        self.out.push_str(s.trim_end());
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// The heading of a table of items named `title`, with `columns` after the id, each as wide as asked or as its
    /// heading; gives the widths: the id's (at most [`ID`], what the line leaves) and the columns'.
    fn heading(&mut self, title: &str, columns: &[(&str, usize)]) -> Vec<usize> {
        let mut widths: Vec<usize> = columns.iter().map(|(c, w)| (*w).max(width(c))).collect();
        let rest: usize = widths.iter().map(|w| w + 1).sum();
        widths.insert(0, ID.min(WIDTH.saturating_sub(self.status + 1 + rest)));
        self.blank();
        let mut s = pad(self.status_heading, self.status);
        for (c, w) in std::iter::once(title)
            .chain(columns.iter().map(|(c, _)| *c))
            .zip(&widths)
        {
            s.push(' ');
            s.push_str(&pad(c, *w));
        }
        self.line(&s);
        widths
    }

    /// An item's line (its status, id and `cells` in the columns of `widths`), then its title under the id.
    fn row<S: Toned>(
        &mut self,
        status: S,
        id: &str,
        title: &str,
        cells: &[&str],
        widths: &[usize],
    ) {
        let shown = pad(status.word(self.lang), self.status);
        let mut s = if self.color {
            format!("{}{shown}\x1b[0m", status.tone().ansi())
        } else {
            shown
        };
        for (text, w) in std::iter::once(&id).chain(cells).zip(widths) {
            s.push(' ');
            s.push_str(&pad(&fit(text, *w), *w));
        }
        self.line(&s);
        if !title.is_empty() {
            let text = format!(
                "{:w$} {}",
                "",
                fit(title, WIDTH.saturating_sub(self.status + 1)),
                w = self.status
            );
            self.quiet(&text);
        }
    }

    /// `lead` then `text` cut into lines of the full width at ` · `, continuation lines indented like `text`.
    fn wrapped(&mut self, lead: &str, text: &str) {
        let indent = width(lead);
        let mut line = lead.to_string();
        let mut used = indent;
        for (i, part) in text.split(" · ").enumerate() {
            let piece = if i == 0 {
                part.to_string()
            } else {
                format!(" · {part}")
            };
            let n = width(&piece);
            if i > 0 && used + n > WIDTH {
                self.line(&line);
                line = format!("{:indent$}{part}", "");
                used = indent + width(part);
            } else {
                line.push_str(&piece);
                used += n;
            }
        }
        self.line(&line);
    }

    /// A line under an item, indented to the id column.
    fn note(&mut self, s: &str) {
        let text = fit(&format!("{:w$} ↳ {s}", "", w = self.status), WIDTH);
        self.quiet(&text);
    }

    fn quiet(&mut self, text: &str) {
        if self.color {
            self.line(&format!("{}{text}\x1b[0m", Tone::Quiet.ansi()));
        } else {
            self.line(text);
        }
    }
}

/// Cut to `width` columns, ending in `…` when cut; control characters, line breaks and bidirectional
/// overrides from the plan or the facts are shown as escapes first (`\u{1b}`), so that none reaches the terminal
/// and a cell stays on its line.
fn fit(s: &str, width: usize) -> String {
    shorten(&escape::line(s), width).into_owned()
}
