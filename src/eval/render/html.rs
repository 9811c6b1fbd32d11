//! The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external assets. A summary with
//! a bar per kind of item, what needs attention, a scorecard per lead owner, a timeline of task deadlines, the
//! plan's sections with what they implement and their notes, and every item in tables.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::words::{self, say};
use super::{
    Toned, counts_cell, counts_line, explanation, plan_title, report_detail, scorecard, shown,
    target_value, task_detail,
};
use crate::diagnostics::{Lang, escape};
use crate::eval::Status;
use crate::eval::report::Report;
use crate::eval::status::{Counts, TaskStatus};

const CSS: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#212121;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#616161;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px}
.card{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:12px}
.card h3{font-size:15px;margin:0 0 6px}.card .name{color:#616161;font-size:13px;margin:0 0 8px}
.card.attention{border-left:4px solid #c62828}.card.ok{border-left:4px solid #2e7d32}
.legend{font-size:12px;color:#424242;margin:4px 0 0}
.legend span{display:inline-block;margin-right:10px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f5f5f5;font-weight:600}
td.id{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}
.st{font-weight:600;white-space:nowrap}
details{margin:12px 0}summary{cursor:pointer;font-weight:600}
.muted{color:#757575}
";

/// Renders the report as a complete HTML document.
pub fn html(report: &Report, lang: Lang) -> String {
    let mut h = String::new();
    let title = esc(&plan_title(report, lang));
    let html_lang = match lang {
        Lang::En => "en",
        Lang::Vi => "vi",
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>{CSS}</style></head><body><main>\n"
    );
    let _ = writeln!(
        h,
        "<h1>{}</h1>",
        esc(report
            .plan()
            .number
            .unwrap_or(say(lang, "plan", "kế hoạch")))
    );
    if let Some(t) = report.plan().title {
        let _ = writeln!(h, "<p class=\"sub\">{}</p>", esc(t));
    }
    let n = report.summary.attention;
    let color = report.summary.status.tone().color();
    let as_of = report.as_of;
    let _ = writeln!(
        h,
        "{}",
        match lang {
            Lang::En => format!(
                "<p>Evaluated as of <strong>{as_of}</strong> · <strong style=\"color:{color}\">{n} item{} need{} attention</strong></p>",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" },
            ),
            Lang::Vi => format!(
                "<p>Đánh giá tính đến ngày <strong>{as_of}</strong> · <strong style=\"color:{color}\">{n} mục cần xử lý</strong></p>"
            ),
        }
    );

    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<div class=\"cards\">",
        say(lang, "Summary", "Tổng hợp")
    );
    let s = &report.summary;
    summary_card(&mut h, lang, say(lang, "Targets", "Chỉ tiêu"), &s.targets);
    summary_card(&mut h, lang, say(lang, "Tasks", "Nhiệm vụ"), &s.tasks);
    summary_card(&mut h, lang, say(lang, "Rules", "Quy tắc"), &s.rules);
    summary_card(&mut h, lang, say(lang, "Reports", "Báo cáo"), &s.reports);
    h.push_str("</div>\n");

    timeline(&mut h, report, lang);

    if report.owners().len() > 0 {
        let _ = writeln!(
            h,
            "<h2>{}</h2>\n<div class=\"cards\">",
            say(lang, "Owners", "Cơ quan")
        );
        for o in report.owners() {
            let _ = writeln!(
                h,
                "<div class=\"card {}\"><h3>{}</h3><p class=\"name\">{}</p>",
                o.status.as_str(),
                esc(o.id),
                esc(o.name)
            );
            if o.targets.total() > 0 {
                let _ = write!(
                    h,
                    "<div class=\"muted\">{} {}</div>",
                    say(lang, "targets", "chỉ tiêu"),
                    o.targets.total()
                );
                bar(&mut h, lang, o.targets, 226, 12);
            }
            if o.tasks.total() > 0 {
                let _ = write!(
                    h,
                    "<div class=\"muted\">{} {}</div>",
                    say(lang, "tasks", "nhiệm vụ"),
                    o.tasks.total()
                );
                bar(&mut h, lang, o.tasks, 226, 12);
            }
            if o.reports.due > 0 {
                let _ = write!(
                    h,
                    "<div class=\"muted\">{} {}: {}</div>",
                    say(lang, "reports due", "báo cáo đến hạn"),
                    o.reports.due,
                    esc(&scorecard(&o.reports, lang))
                );
            }
            if !o.attention.is_empty() {
                let _ = write!(
                    h,
                    "<p class=\"legend\">{}: {}</p>",
                    say(lang, "needs attention", "cần xử lý"),
                    esc(&o.attention.join(", "))
                );
            }
            h.push_str("</div>\n");
        }
        h.push_str("</div>\n");
    }

    attention(&mut h, report, lang);
    tables(&mut h, report, lang);
    h.push_str("</main></body></html>\n");
    h
}

fn summary_card<S: Toned>(h: &mut String, lang: Lang, name: &str, counts: &Counts<S>) {
    let _ = write!(
        h,
        "<div class=\"card\"><h3>{name} · {}</h3>",
        counts.total()
    );
    bar(h, lang, counts, 226, 16);
    h.push_str("<p class=\"legend\">");
    for (s, n) in counts.nonzero() {
        let _ = write!(
            h,
            "<span><i class=\"dot\" style=\"background:{}\"></i>{n} {}</span>",
            s.tone().color(),
            words::in_text(s, lang)
        );
    }
    h.push_str("</p></div>\n");
}

/// A horizontal bar, one segment per status in proportion to its count.
fn bar<S: Toned>(h: &mut String, lang: Lang, counts: &Counts<S>, width: u32, height: u32) {
    let total = counts.total();
    let _ = write!(
        h,
        "<svg width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(&counts_line(counts, lang))
    );
    if total == 0 {
        let _ = write!(
            h,
            "<rect width=\"{width}\" height=\"{height}\" fill=\"#eeeeee\" rx=\"3\"/>"
        );
    }
    let mut x = 0u64;
    let full = u64::from(width);
    let total = total as u64;
    for (s, n) in counts.nonzero() {
        let w = (n as u64 * full)
            .div_ceil(total.max(1))
            .min(full.saturating_sub(x));
        let _ = write!(
            h,
            "<rect x=\"{x}\" width=\"{w}\" height=\"{height}\" fill=\"{}\"><title>{n} {}</title></rect>",
            s.tone().color(),
            words::in_text(s, lang)
        );
        x += w;
    }
    h.push_str("</svg>\n");
}

fn status_cell<S: Toned>(s: S, lang: Lang) -> String {
    format!(
        "<td class=\"st\" style=\"color:{}\">{}</td>",
        s.tone().color(),
        s.word(lang)
    )
}

fn attention(h: &mut String, report: &Report, lang: Lang) {
    let mut rows = String::new();
    // A row: the status cell, then the id, the title, the detail and who acts, as text.
    let mut row = |status: String, cells: [&str; 4]| {
        let _ = write!(rows, "<tr>{status}");
        for (i, cell) in cells.iter().enumerate() {
            let class = if i == 0 { " class=\"id\"" } else { "" };
            let _ = write!(rows, "<td{class}>{}</td>", esc(cell));
        }
        rows.push_str("</tr>\n");
    };
    for t in report.targets().filter(|t| t.status.needs_attention()) {
        let detail = match &t.goal {
            Some(goal) => format!("{} → {goal}", target_value(&t, lang)),
            None => target_value(&t, lang),
        };
        let lead = t.lead.join(", ");
        row(status_cell(t.status, lang), [t.id, t.title, &detail, &lead]);
    }
    for t in report.tasks().filter(|t| t.status.needs_attention()) {
        let (detail, lead) = (task_detail(&t, lang), t.lead.join(", "));
        row(status_cell(t.status, lang), [t.id, t.title, &detail, &lead]);
    }
    for r in report.rules().filter(|r| r.status.needs_attention()) {
        let why = r.reason.as_ref().map_or("", |e| explanation(e, lang));
        row(status_cell(r.status, lang), [r.id, r.title, why, ""]);
    }
    for r in report.reports().filter(|r| r.status.needs_attention()) {
        let (detail, from) = (report_detail(&r, lang), r.from.join(", "));
        row(status_cell(r.status, lang), [r.id, r.title, &detail, &from]);
    }
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table><tr>{}</tr>\n{rows}</table>\n",
        say(lang, "Needs attention", "Cần xử lý"),
        header_cells(&[
            say(lang, "status", "trạng thái"),
            say(lang, "id", "mã"),
            say(lang, "title", "tên"),
            say(lang, "detail", "chi tiết"),
            say(lang, "lead", "chủ trì"),
        ])
    );
}

/// Task deadlines on a time axis: one stacked column per due date, coloured by status, and a line at `as_of`.
fn timeline(h: &mut String, report: &Report, lang: Lang) {
    let mut by_day: BTreeMap<NaiveDate, Counts<TaskStatus>> = BTreeMap::new();
    for t in report.tasks() {
        if let Some(due) = t.due {
            by_day.entry(due).or_default().add(t.status);
        }
    }
    let (Some(first), Some(last)) = (
        by_day.keys().next().copied(),
        by_day.keys().next_back().copied(),
    ) else {
        return;
    };
    let first = first.min(report.as_of);
    let last = last.max(report.as_of);
    // Whole pixels: the picture needs no fractions, and the data stay clear of floating point.
    let span = (last - first).num_days().max(1);
    let tallest =
        i64::try_from(by_day.values().map(Counts::total).max().unwrap_or(1).max(1)).unwrap_or(1);
    let (width, height, left, bottom): (i64, i64, i64, i64) = (1000, 220, 40, 40);
    let plot_w = width - left - 20;
    let plot_h = height - bottom - 20;
    let x_of = |d: NaiveDate| left + plot_w * (d - first).num_days() / span;
    let _ = writeln!(
        h,
        "<h2>{}</h2>",
        say(
            lang,
            "Timeline of task deadlines",
            "Các mốc hạn của nhiệm vụ"
        )
    );
    let _ = write!(
        h,
        "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\" style=\"background:#fff;border:1px solid #e0e0e0;border-radius:8px\">",
        say(lang, "task deadlines", "hạn của nhiệm vụ")
    );
    let axis_y = height - bottom;
    let _ = write!(
        h,
        "<line x1=\"{left}\" y1=\"{axis_y}\" x2=\"{}\" y2=\"{axis_y}\" stroke=\"#9e9e9e\"/>",
        left + plot_w
    );
    let label_every = (by_day.len() / 8).max(1);
    for (i, (day, counts)) in by_day.iter().enumerate() {
        let x = x_of(*day);
        let mut y = axis_y;
        for (s, n) in counts.nonzero() {
            let hgt = (plot_h * i64::try_from(n).unwrap_or(0) / tallest).max(1);
            y -= hgt;
            let _ = write!(
                h,
                "<rect x=\"{}\" y=\"{y}\" width=\"8\" height=\"{hgt}\" fill=\"{}\"><title>{day}: {n} {}</title></rect>",
                x - 4,
                s.tone().color(),
                words::in_text(s, lang)
            );
        }
        if i % label_every == 0 || i + 1 == by_day.len() {
            // Labels at the ends grow inwards so that they are not cut off.
            let anchor = if x > width - 80 {
                "end"
            } else if x < left + 40 {
                "start"
            } else {
                "middle"
            };
            let _ = write!(
                h,
                "<text x=\"{x}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"#424242\">{day}</text>",
                axis_y + 16
            );
        }
    }
    let x = x_of(report.as_of);
    let _ = write!(
        h,
        "<line x1=\"{x}\" y1=\"10\" x2=\"{x}\" y2=\"{axis_y}\" stroke=\"#212121\" stroke-dasharray=\"4 3\"/>\
         <text x=\"{}\" y=\"20\" font-size=\"11\" fill=\"#212121\">{} {}</text>",
        x + 4,
        say(lang, "as of", "tính đến"),
        report.as_of
    );
    h.push_str("</svg>\n<p class=\"legend\">");
    for s in TaskStatus::ALL {
        let _ = write!(
            h,
            "<span><i class=\"dot\" style=\"background:{}\"></i>{}</span>",
            s.tone().color(),
            words::in_text(*s, lang)
        );
    }
    h.push_str("</p>\n");
}

fn tables(h: &mut String, report: &Report, lang: Lang) {
    let columns = [
        say(lang, "targets", "chỉ tiêu"),
        say(lang, "tasks", "nhiệm vụ"),
        say(lang, "rules", "quy tắc"),
        say(lang, "implements", "thực hiện văn bản"),
        say(lang, "note", "ghi chú"),
    ];
    let name = say(lang, "Sections", "Các phần của kế hoạch");
    table(h, lang, name, true, &columns, report.sections(), |s| {
        let notes: Vec<String> = s.notes.iter().map(|n| esc(n)).collect();
        let cells = vec![
            esc(&counts_cell(s.targets, lang)),
            esc(&counts_cell(s.tasks, lang)),
            esc(&counts_cell(s.rules, lang)),
            esc(&s.implements.join(", ")),
            notes.join("<br>"),
        ];
        (status_cell(s.status, lang), s.id, s.title, cells)
    });
    let columns = [
        say(lang, "value", "thực hiện"),
        say(lang, "goal", "kế hoạch"),
        say(lang, "by", "thời hạn"),
        say(lang, "lead", "chủ trì"),
    ];
    let name = say(lang, "Targets", "Chỉ tiêu");
    table(h, lang, name, false, &columns, report.targets(), |t| {
        let mut value = esc(&target_value(t, lang));
        if let Some(r) = &t.reason {
            let why = esc(explanation(r, lang));
            let _ = write!(value, "<br><span class=\"muted\">{why}</span>");
        }
        let cells = vec![
            value,
            esc(&shown(t.goal)),
            shown(t.deadline),
            esc(&t.lead.join(", ")),
        ];
        (status_cell(t.status, lang), t.id, t.title, cells)
    });
    let columns = [
        say(lang, "due", "hạn"),
        say(lang, "detail", "chi tiết"),
        say(lang, "lead", "chủ trì"),
    ];
    let name = say(lang, "Tasks", "Nhiệm vụ");
    table(h, lang, name, false, &columns, report.tasks(), |t| {
        let cells = vec![
            shown(t.due),
            esc(&task_detail(t, lang)),
            esc(&t.lead.join(", ")),
        ];
        (status_cell(t.status, lang), t.id, t.title, cells)
    });
    let columns = [say(lang, "severity", "mức độ"), say(lang, "why", "lý do")];
    let name = say(lang, "Rules", "Quy tắc");
    table(h, lang, name, true, &columns, report.rules(), |r| {
        let why = r.reason.as_ref().map_or("", |e| explanation(e, lang));
        let cells = vec![words::severity(r.severity, lang).to_string(), esc(why)];
        (status_cell(r.status, lang), r.id, r.title, cells)
    });
    let columns = [
        say(lang, "next due", "hạn tới"),
        say(lang, "every", "định kỳ"),
    ];
    let name = say(lang, "Reports", "Báo cáo");
    table(h, lang, name, true, &columns, report.reports(), |r| {
        let cells = vec![shown(r.next_due), esc(&report_detail(r, lang))];
        (status_cell(r.status, lang), r.id, r.title, cells)
    });
    // The per-agency reporting scorecard, when the facts track reports.
    let senders: Vec<_> = report.owners().filter(|o| o.reports.due > 0).collect();
    let columns = [
        say(lang, "due", "đến hạn"),
        say(lang, "on time", "đúng hạn"),
        say(lang, "late", "trễ hạn"),
        say(lang, "missing", "chưa báo cáo"),
    ];
    let name = say(lang, "Reporting", "Tình hình báo cáo");
    table(h, lang, name, true, &columns, senders.into_iter(), |o| {
        let c = &o.reports;
        let cells = vec![
            c.due.to_string(),
            c.on_time.to_string(),
            c.late.to_string(),
            c.missing.to_string(),
        ];
        (status_cell(o.status, lang), o.id, o.name, cells)
    });
    notes(h, report, lang);
}

/// The facts' notes (kết quả, khó khăn, kiến nghị), open: what the reporter said is what a director reads.
fn notes(h: &mut String, report: &Report, lang: Lang) {
    if report.notes().len() == 0 {
        return;
    }
    let (name, title, period, note) = match lang {
        Lang::En => ("Notes", "title", "period", "note"),
        Lang::Vi => ("Ghi chú", "tên", "kỳ", "ghi chú"),
    };
    let _ = write!(
        h,
        "<details open><summary>{name} ({})</summary><table><tr><th>id</th><th>{title}</th><th>{period}</th><th>{note}</th></tr>",
        report.notes().len()
    );
    for n in report.notes() {
        let _ = writeln!(
            h,
            "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(n.id),
            esc(n.title),
            n.period,
            esc(n.text)
        );
    }
    h.push_str("</table></details>\n");
}

/// `<th>` cells of `names`.
fn header_cells(names: &[&str]) -> String {
    names.iter().map(|n| format!("<th>{n}</th>")).collect()
}

/// A table of `items` under a `<details>` titled `name (count)` (open or folded): a row each of its status cell,
/// id, title and `columns` (given as HTML); nothing when there are none.
fn table<'r, T>(
    h: &mut String,
    lang: Lang,
    name: &str,
    open: bool,
    columns: &[&str],
    items: impl ExactSizeIterator<Item = T>,
    row: impl Fn(&T) -> (String, &'r str, &'r str, Vec<String>),
) {
    if items.len() == 0 {
        return;
    }
    let open = if open { " open" } else { "" };
    let first = [
        say(lang, "status", "trạng thái"),
        say(lang, "id", "mã"),
        say(lang, "title", "tên"),
    ];
    let _ = write!(
        h,
        "<details{open}><summary>{name} ({})</summary><table><tr>{}{}</tr>",
        items.len(),
        header_cells(&first),
        header_cells(columns)
    );
    for item in items {
        let (status, id, title, cells) = row(&item);
        let _ = write!(
            h,
            "<tr>{status}<td class=\"id\">{}</td><td>{}</td>",
            esc(id),
            esc(title)
        );
        for c in cells {
            let _ = write!(h, "<td>{c}</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table></details>\n");
}

/// Text safe in HTML content and attribute values. Control characters and bidirectional overrides are shown as
/// escapes (`\u{202e}`), as everywhere kehoach writes for people: an override would reorder what the reader sees
/// on the page, and the raw bytes reach a terminal when the file is printed.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c != '\n' && c != '\t' && escape::is_hidden(c) => escape::push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}
