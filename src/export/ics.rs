//! The plan's dates as an iCalendar file (RFC 5545) that calendar applications import: one all-day event per task
//! deadline and one per due date of each recurring report within the plan period, with the owners in the
//! description.
//!
//! The file is the same every time for the same plan: events have stable `UID`s made from the plan number and the
//! item's id (so importing a newer export updates events rather than duplicating them), and `DTSTAMP` is the
//! plan's `issued` date, not the time of export.

use std::io::{self, Write as _};

use chrono::NaiveDate;

use super::{owner_names, section_label};
use crate::diagnostics::Lang;
use crate::fuzzy::ascii_id;
use crate::model::{Model, ReportInfo, TaskInfo};

/// Longest content line, in octets, before folding (RFC 5545 section 3.1).
const LINE_OCTETS: usize = 75;

/// The words the calendar adds, in the chosen language.
struct Words {
    plan: &'static str,
    section: &'static str,
    lead: &'static str,
    support: &'static str,
    monitor: &'static str,
    output: &'static str,
    after: &'static str,
    no_due: &'static str,
    from: &'static str,
    to: &'static str,
    report_due: &'static str,
}

const EN: Words = Words {
    plan: "Plan",
    section: "Section",
    lead: "Lead",
    support: "Support",
    monitor: "Monitor",
    output: "Output",
    after: "After",
    no_due: "No deadline written: due at the end of the plan period",
    from: "Reported by",
    to: "Reported to",
    report_due: "Report due",
};

const VI: Words = Words {
    plan: "Kế hoạch",
    section: "Mục",
    lead: "Chủ trì",
    support: "Phối hợp",
    monitor: "Theo dõi",
    output: "Sản phẩm",
    after: "Thực hiện sau",
    no_due: "Không ghi thời hạn: hạn hoàn thành là cuối thời kỳ kế hoạch",
    from: "Đơn vị báo cáo",
    to: "Nơi nhận báo cáo",
    report_due: "Hạn báo cáo",
};

/// The calendar, with CRLF line ends and lines folded at 75 octets.
pub fn to_ics(model: &Model, lang: Lang) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every line is UTF-8.
    let _ = write_ics(model, lang, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The calendar written to `out` event by event, without building it whole: a plan may have 100 000 report due
/// dates (`limits::MAX_OCCURRENCES`).
pub fn write_ics(model: &Model, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    let words = match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    };
    let plan_number = model.plan.as_ref().map_or("", |p| p.number.as_str());
    let slug = match ascii_id(plan_number) {
        s if s.is_empty() => "plan".to_string(),
        s => s,
    };
    let stamp = stamp(model);
    let mut out = Folder::new(out);
    out.line("BEGIN:VCALENDAR")?;
    out.line("VERSION:2.0")?;
    out.line(&format!(
        "PRODID:-//kehoach//kehoach {}//EN",
        crate::VERSION
    ))?;
    out.line("CALSCALE:GREGORIAN")?;
    out.line("METHOD:PUBLISH")?;
    if let Some(plan) = &model.plan {
        let name = match &plan.title {
            Some(title) => format!("{} – {title}", plan.number),
            None => plan.number.clone(),
        };
        out.line(&format!("X-WR-CALNAME:{}", text(&name)))?;
    }
    for task in &model.tasks {
        if let Some(due) = task.due() {
            let event = Event {
                uid: format!("task-{}.{slug}@kehoach", ascii_uid(&task.id)),
                day: due.last_day(),
                summary: task.title.clone(),
                description: task_description(model, task, words),
                category: section_label(model, task.section),
            };
            event.write(&stamp, &mut out)?;
        }
    }
    // Occurrences from the plan's issue to the end of its period (`model::Run`); an open-ended plan's are not
    // listed one by one.
    let run = model.run(None).filter(|r| r.last.is_some());
    for report in &model.reports {
        let (Some(schedule), Some(run)) = (report.every, run) else {
            continue;
        };
        let description = report_description(model, report, words, plan_number);
        let category = section_label(model, report.section);
        for day in schedule.occurrences(run).map(|o| o.due) {
            let event = Event {
                uid: format!(
                    "report-{}-{}.{slug}@kehoach",
                    ascii_uid(&report.id),
                    day.format("%Y%m%d")
                ),
                day,
                summary: report.title.clone(),
                description: description.clone(),
                category: category.clone(),
            };
            event.write(&stamp, &mut out)?;
        }
    }
    out.line("END:VCALENDAR")?;
    out.flush()
}

struct Event {
    uid: String,
    day: NaiveDate,
    summary: String,
    description: String,
    category: Option<String>,
}

impl Event {
    fn write(&self, stamp: &str, out: &mut Folder<'_>) -> io::Result<()> {
        let next = self.day.succ_opt().unwrap_or(self.day);
        out.line("BEGIN:VEVENT")?;
        out.line(&format!("UID:{}", self.uid))?;
        out.line(&format!("DTSTAMP:{stamp}"))?;
        out.line(&format!("DTSTART;VALUE=DATE:{}", self.day.format("%Y%m%d")))?;
        out.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")))?;
        out.line(&format!("SUMMARY:{}", text(&self.summary)))?;
        out.line(&format!("DESCRIPTION:{}", text(&self.description)))?;
        if let Some(category) = &self.category {
            out.line(&format!("CATEGORIES:{}", text(category)))?;
        }
        out.line("TRANSP:TRANSPARENT")?;
        out.line("END:VEVENT")
    }
}

/// `DTSTAMP`: midnight UTC of the plan's `issued` date, else of the first day of its period, else 1970-01-01.
fn stamp(model: &Model) -> String {
    let day = model
        .plan
        .as_ref()
        .and_then(|p| p.issued)
        .or_else(|| model.period().and_then(|p| p.first_day()))
        .unwrap_or_default();
    format!("{}T000000Z", day.format("%Y%m%d"))
}

fn task_description(model: &Model, task: &TaskInfo, words: &Words) -> String {
    let mut lines = Vec::new();
    if let Some(plan) = &model.plan {
        lines.push(format!("{}: {}", words.plan, plan.number));
    }
    lines.push(format!("{} ({})", task.title, task.id));
    if let Some(section) = section_label(model, task.section) {
        lines.push(format!("{}: {section}", words.section));
    }
    for (word, owners) in [
        (words.lead, &task.lead),
        (words.support, &task.support),
        (words.monitor, &task.monitor),
    ] {
        if !owners.is_empty() {
            lines.push(format!("{word}: {}", owner_names(model, owners)));
        }
    }
    if let Some(output) = task.output {
        lines.push(format!("{}: {}", words.output, output.as_str()));
    }
    if !task.after.is_empty() {
        let after: Vec<String> = task
            .after
            .iter()
            .filter_map(|&t| model.tasks.get(t))
            .map(|t| format!("{} ({})", t.title, t.id))
            .collect();
        lines.push(format!("{}: {}", words.after, after.join("; ")));
    }
    if !task.due_written() {
        lines.push(words.no_due.to_string());
    }
    lines.extend(task.notes.iter().cloned());
    lines.join("\n")
}

fn report_description(model: &Model, report: &ReportInfo, words: &Words, plan: &str) -> String {
    let mut lines = Vec::new();
    if !plan.is_empty() {
        lines.push(format!("{}: {plan}", words.plan));
    }
    lines.push(format!(
        "{}: {} ({})",
        words.report_due, report.title, report.id
    ));
    if !report.from.is_empty() {
        lines.push(format!(
            "{}: {}",
            words.from,
            owner_names(model, &report.from)
        ));
    }
    if !report.to.is_empty() {
        lines.push(format!("{}: {}", words.to, owner_names(model, &report.to)));
    }
    lines.extend(report.notes.iter().cloned());
    lines.join("\n")
}

/// An id in a `UID`: ids are ASCII already; `_` is kept.
fn ascii_uid(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A TEXT value (RFC 5545 section 3.3.11): backslash, `;`, `,` and newlines escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes content lines, each folded so that no line exceeds 75 octets (continuation lines start with a space),
/// never inside a UTF-8 character, and ended by CRLF; through a buffer, as standard output flushes at every line
/// end.
struct Folder<'w> {
    out: io::BufWriter<&'w mut dyn io::Write>,
    line: String,
}

impl<'w> Folder<'w> {
    fn new(out: &'w mut dyn io::Write) -> Folder<'w> {
        Folder {
            out: io::BufWriter::new(out),
            line: String::new(),
        }
    }

    fn line(&mut self, line: &str) -> io::Result<()> {
        self.line.clear();
        fold(line, &mut self.line);
        self.out.write_all(self.line.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One content line, folded, with its CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}
