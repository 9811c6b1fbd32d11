//! The plan's dates as an iCalendar file (RFC 5545) that calendar applications import: one all-day event per
//! one-off task's deadline, one recurring event (`RRULE`) per recurring task and per recurring report, and one
//! all-period event per standing duty, with the owners, `for` and `implements` in the description.
//!
//! The file is the same every time for the same plan: events have stable `UID`s made from the plan number and the
//! item's id (so importing a newer export updates events rather than duplicating them), and `DTSTAMP` is the
//! plan's `issued` date, not the time of export. Its size is bounded by the number of items, not of occurrences:
//! a recurrence is one event whatever the length of the plan, and an open-ended plan's runs without `UNTIL`.

use std::io::{self, Write as _};

use chrono::{Datelike, Months, NaiveDate};

use super::{owner_names, plan_start, section_label};
use crate::deadline::last_day_of_month;
use crate::diagnostics::Lang;
use crate::fuzzy::ascii_id;
use crate::model::{
    DocumentIx, DueDay, Frequency, Model, OwnerIx, ReportInfo, Run, Schedule, SectionIx, TaskInfo,
    TaskSchedule,
};

/// Longest content line, in octets, before folding (RFC 5545 section 3.1).
const LINE_OCTETS: usize = 75;

/// The words the calendar adds, in the chosen language.
struct Words {
    plan: &'static str,
    section: &'static str,
    section_note: &'static str,
    lead: &'static str,
    support: &'static str,
    monitor: &'static str,
    for_: &'static str,
    implements: &'static str,
    output: &'static str,
    after: &'static str,
    no_due: &'static str,
    ongoing: &'static str,
    every: &'static str,
    from: &'static str,
    to: &'static str,
    report_due: &'static str,
}

const EN: Words = Words {
    plan: "Plan",
    section: "Section",
    section_note: "Section note",
    lead: "Lead",
    support: "Support",
    monitor: "Monitor",
    for_: "Drafted for (issues or decides)",
    implements: "Implements",
    output: "Output",
    after: "After",
    no_due: "No deadline written: due at the end of the plan period",
    ongoing: "Standing duty: no deadline, judged by assessments",
    every: "Recurs",
    from: "Reported by",
    to: "Reported to",
    report_due: "Report due",
};

const VI: Words = Words {
    plan: "Kế hoạch",
    section: "Mục",
    section_note: "Ghi chú của mục",
    lead: "Chủ trì",
    support: "Phối hợp",
    monitor: "Theo dõi",
    for_: "Tham mưu cho (ban hành, quyết định)",
    implements: "Thực hiện văn bản",
    output: "Sản phẩm",
    after: "Thực hiện sau",
    no_due: "Không ghi thời hạn: hạn hoàn thành là cuối thời kỳ kế hoạch",
    ongoing: "Nhiệm vụ thường xuyên: không có thời hạn, đánh giá theo kỳ",
    every: "Định kỳ",
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

/// The calendar written to `out` event by event, without building it whole: a plan may have 2 000 000 items
/// (`limits::MAX_ITEMS`), each at most one event.
pub(crate) fn write_ics(model: &Model, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
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
    // Where recurrences run (SPEC §2b): from the plan's issue to the end of its period, or without end.
    let run = model.run(None);
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
        let when = match task.schedule {
            TaskSchedule::Once { due, .. } => due.map(|d| When::day(d.last_day())),
            TaskSchedule::Ongoing => standing(model, run),
            TaskSchedule::Every(schedule) => run.and_then(|run| When::recurring(schedule, run)),
        };
        let Some(when) = when else {
            continue;
        };
        let event = Event {
            uid: format!("task-{}.{slug}@kehoach", ascii_uid(&task.id)),
            when,
            summary: task.title.clone(),
            description: task_description(model, task, words),
            category: section_label(model, task.section),
        };
        event.write(&stamp, &mut out)?;
    }
    for report in &model.reports {
        let Some(when) = report
            .every
            .zip(run)
            .and_then(|(schedule, run)| When::recurring(schedule, run))
        else {
            continue;
        };
        let event = Event {
            uid: format!("report-{}.{slug}@kehoach", ascii_uid(&report.id)),
            when,
            summary: report.title.clone(),
            description: report_description(model, report, words, plan_number),
            category: section_label(model, report.section),
        };
        event.write(&stamp, &mut out)?;
    }
    out.line("END:VCALENDAR")?;
    out.flush()
}

/// When an event takes place: all-day from `start` to the day before `end`, once or by `rrule`.
struct When {
    start: NaiveDate,
    /// The day after the event's last day (`DTEND` of an all-day event is exclusive).
    end: NaiveDate,
    rrule: Option<String>,
}

impl When {
    /// One day.
    fn day(day: NaiveDate) -> When {
        When {
            start: day,
            end: day.succ_opt().unwrap_or(day),
            rrule: None,
        }
    }

    /// A recurrence: its first occurrence, repeated by its `RRULE` until the end of the run. `None` when no
    /// occurrence falls in the run (the plan was issued after the last one).
    fn recurring(schedule: Schedule, run: Run) -> Option<When> {
        let first = schedule.occurrences(run).next()?;
        let mut rule = rrule(schedule);
        if let Some(last) = run.last {
            rule.push_str(&format!(";UNTIL={}", last.format("%Y%m%d")));
        }
        Some(When {
            rrule: Some(rule),
            ..When::day(first.due)
        })
    }
}

/// A standing duty: one all-day event over the whole plan, from its first day to the last day of its period. An
/// open-ended plan has no last day: the event lasts a year from the plan's start and repeats every year without
/// end, so that it shows in every year. `None` for a plan with neither `issued` nor `period`.
fn standing(model: &Model, run: Option<Run>) -> Option<When> {
    match model.period().and_then(|p| p.last_day()) {
        Some(last) => {
            let start = plan_start(model)?;
            Some(When {
                start,
                end: last.succ_opt().unwrap_or(last),
                rrule: None,
            })
        }
        None => {
            let start = run?.first;
            let end = start.checked_add_months(Months::new(12)).unwrap_or(start);
            // 29 February recurs on the last day of February, not only in leap years (RFC 5545 skips invalid
            // dates).
            let rule = if start.month() == 2 && start.day() == 29 {
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
            } else {
                "FREQ=YEARLY"
            };
            Some(When {
                start,
                end,
                rrule: Some(rule.to_string()),
            })
        }
    }
}

/// The `RRULE` (without `UNTIL`) whose dates, from the first occurrence, are the recurrence's due days: day N of
/// the last month of each period, or the last day of a shorter month (`day 31` in June is 30 June), as
/// `Schedule::occurrences` has them.
///
/// RFC 5545 skips a `BYMONTHDAY` that a month lacks rather than moving it, so a day that some months lack is
/// written as the last of the days from 28 to N that the month has (`BYMONTHDAY=28,29,30;BYSETPOS=-1`), and a day
/// that every month of the recurrence has at most as its last day as `BYMONTHDAY=-1`.
pub(super) fn rrule(schedule: Schedule) -> String {
    match schedule.by {
        DueDay::DayOfLastMonth(day) => {
            let months = schedule.frequency.months();
            let (freq, last_months): (String, Vec<u32>) = match schedule.frequency {
                Frequency::Year => ("FREQ=YEARLY;BYMONTH=12".to_string(), vec![12]),
                Frequency::Month => ("FREQ=MONTHLY".to_string(), (1..=12).collect()),
                Frequency::Quarter | Frequency::Half => (
                    format!("FREQ=MONTHLY;INTERVAL={months}"),
                    (1..=12 / months.max(1)).map(|n| n * months).collect(),
                ),
            };
            format!("{freq};{}", month_day(day, &last_months))
        }
        DueDay::MonthDay { month, day } => {
            format!("FREQ=YEARLY;BYMONTH={month};{}", month_day(day, &[month]))
        }
        DueDay::EndOf(part) => format!(
            "FREQ=YEARLY;BYMONTH={};BYMONTHDAY=-1",
            part.last_month().unwrap_or(12)
        ),
    }
}

/// `BYMONTHDAY` (and `BYSETPOS`) for day `day` of each of `months`, or the month's last day when it is shorter.
fn month_day(day: u32, months: &[u32]) -> String {
    // The fewest and most days each month has, over a leap year and a common one.
    let days = |year: i32| {
        months
            .iter()
            .filter_map(move |&m| last_day_of_month(year, m))
            .map(|d| d.day())
    };
    let shortest = days(2023).chain(days(2024)).min().unwrap_or(28);
    let longest_is_at_most_day = days(2023).chain(days(2024)).all(|d| d <= day);
    if longest_is_at_most_day {
        "BYMONTHDAY=-1".to_string()
    } else if day <= shortest {
        format!("BYMONTHDAY={day}")
    } else {
        let candidates: Vec<String> = (shortest..=day).map(|d| d.to_string()).collect();
        format!("BYMONTHDAY={};BYSETPOS=-1", candidates.join(","))
    }
}

struct Event {
    uid: String,
    when: When,
    summary: String,
    description: String,
    category: Option<String>,
}

impl Event {
    fn write(&self, stamp: &str, out: &mut Folder<'_>) -> io::Result<()> {
        out.line("BEGIN:VEVENT")?;
        out.line(&format!("UID:{}", self.uid))?;
        out.line(&format!("DTSTAMP:{stamp}"))?;
        out.line(&format!(
            "DTSTART;VALUE=DATE:{}",
            self.when.start.format("%Y%m%d")
        ))?;
        out.line(&format!(
            "DTEND;VALUE=DATE:{}",
            self.when.end.format("%Y%m%d")
        ))?;
        if let Some(rule) = &self.when.rrule {
            out.line(&format!("RRULE:{rule}"))?;
        }
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
    section_lines(model, task.section, words, &mut lines);
    match task.schedule {
        TaskSchedule::Ongoing => lines.push(words.ongoing.to_string()),
        TaskSchedule::Every(schedule) => {
            lines.push(format!("{}: every {schedule}", words.every));
        }
        TaskSchedule::Once { .. } => {}
    }
    for (word, owners) in [
        (words.lead, &task.lead),
        (words.support, &task.support),
        (words.monitor, &task.monitor),
        (words.for_, &task.for_),
    ] {
        if !owners.is_empty() {
            lines.push(format!("{word}: {}", owner_names(model, owners)));
        }
    }
    if !task.implements.is_empty() {
        lines.push(format!(
            "{}: {}",
            words.implements,
            documents(model, &task.implements)
        ));
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
    if matches!(
        task.schedule,
        TaskSchedule::Once {
            due: Some(_),
            written: false
        }
    ) {
        lines.push(words.no_due.to_string());
    }
    lines.extend(task.notes.iter().cloned());
    lines.join("\n")
}

/// The section an item sits in, and the section's notes.
fn section_lines(
    model: &Model,
    section: Option<SectionIx>,
    words: &Words,
    lines: &mut Vec<String>,
) {
    let Some(info) = section.and_then(|s| model.sections.get(s)) else {
        return;
    };
    lines.push(format!("{}: {}", words.section, info.label()));
    for note in &info.notes {
        lines.push(format!("{}: {note}", words.section_note));
    }
}

/// Documents by number and id: `941/QĐ-TTg (qd941_2015)`.
fn documents(model: &Model, docs: &[DocumentIx]) -> String {
    docs.iter()
        .filter_map(|&d| model.documents.get(d))
        .map(|d| format!("{} ({})", d.number, d.id))
        .collect::<Vec<_>>()
        .join("; ")
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
    section_lines(model, report.section, words, &mut lines);
    if let Some(schedule) = report.every {
        lines.push(format!("{}: every {schedule}", words.every));
    }
    let owners: [(&str, &[OwnerIx]); 2] = [(words.from, &report.from), (words.to, &report.to)];
    for (word, owners) in owners {
        if !owners.is_empty() {
            lines.push(format!("{word}: {}", owner_names(model, owners)));
        }
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
