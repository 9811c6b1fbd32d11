//! Rendering a report for people: a table for an 80-column terminal, Markdown for a pull-request comment, and one
//! self-contained HTML page. Pure functions of the report, so the browser package can use them too.

mod html;
mod markdown;
mod table;
mod width;
mod words;

pub use html::html;
#[cfg(feature = "cli")]
pub(crate) use markdown::cell as inert_markdown;
pub use markdown::markdown;
pub use table::table;

use rust_decimal::Decimal;

use super::Explanation;
use super::report::{Report, Summary, TargetResult, TaskResult};
use super::status::{
    Counts, ReportStatus, RollupStatus, RuleStatus, Status, TargetStatus, TaskStatus,
};
use crate::diagnostics::Lang;
use words::{Worded, in_text, say};

/// How a status looks: its tone decides the colour everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tone {
    Good,
    Fine,
    Warn,
    Bad,
    Quiet,
}

impl Tone {
    fn ansi(self) -> &'static str {
        match self {
            Tone::Good => "\x1b[32m",
            Tone::Fine => "\x1b[36m",
            Tone::Warn => "\x1b[33m",
            Tone::Bad => "\x1b[31;1m",
            Tone::Quiet => "\x1b[2m",
        }
    }

    fn color(self) -> &'static str {
        match self {
            Tone::Good => "#2e7d32",
            Tone::Fine => "#0288d1",
            Tone::Warn => "#ef8f00",
            Tone::Bad => "#c62828",
            Tone::Quiet => "#9e9e9e",
        }
    }

    fn mark(self) -> &'static str {
        match self {
            Tone::Good => "🟢",
            Tone::Fine => "🔵",
            Tone::Warn => "🟠",
            Tone::Bad => "🔴",
            Tone::Quiet => "⚪",
        }
    }
}

/// A status of any vocabulary, with its tone and its words.
pub(crate) trait Toned: Status + Worded {
    fn tone(self) -> Tone;
}

impl Toned for TargetStatus {
    fn tone(self) -> Tone {
        match self {
            TargetStatus::Met => Tone::Good,
            TargetStatus::OnTrack => Tone::Fine,
            TargetStatus::Behind => Tone::Warn,
            TargetStatus::Missed => Tone::Bad,
            TargetStatus::NoData | TargetStatus::NeedsAssessment => Tone::Quiet,
        }
    }
}

impl Toned for TaskStatus {
    fn tone(self) -> Tone {
        match self {
            TaskStatus::Done | TaskStatus::Ongoing => Tone::Good,
            TaskStatus::DoneLate | TaskStatus::DueSoon => Tone::Warn,
            TaskStatus::Overdue | TaskStatus::Blocked | TaskStatus::Behind => Tone::Bad,
            TaskStatus::Open => Tone::Fine,
            TaskStatus::Cancelled | TaskStatus::NeedsAssessment => Tone::Quiet,
        }
    }
}

impl Toned for RuleStatus {
    fn tone(self) -> Tone {
        match self {
            RuleStatus::Ok => Tone::Good,
            RuleStatus::Violated => Tone::Bad,
            RuleStatus::NotEvaluable => Tone::Quiet,
        }
    }
}

impl Toned for ReportStatus {
    fn tone(self) -> Tone {
        match self {
            ReportStatus::OnTime => Tone::Good,
            ReportStatus::DueSoon | ReportStatus::Late => Tone::Warn,
            ReportStatus::Missing => Tone::Bad,
            ReportStatus::Scheduled => Tone::Fine,
            ReportStatus::Ended | ReportStatus::Unscheduled => Tone::Quiet,
        }
    }
}

impl Toned for crate::eval::SubmissionStatus {
    fn tone(self) -> Tone {
        match self {
            crate::eval::SubmissionStatus::OnTime => Tone::Good,
            crate::eval::SubmissionStatus::Late => Tone::Warn,
            crate::eval::SubmissionStatus::Missing => Tone::Bad,
        }
    }
}

impl Toned for RollupStatus {
    fn tone(self) -> Tone {
        match self {
            RollupStatus::Ok => Tone::Good,
            RollupStatus::Attention => Tone::Bad,
        }
    }
}

/// `14 on-track · 52 behind`, `14 đúng tiến độ · 52 chậm tiến độ`: the non-zero counts.
fn counts_line<S: Toned>(counts: &Counts<S>, lang: Lang) -> String {
    let parts: Vec<String> = counts
        .nonzero()
        .map(|(s, n)| format!("{n} {}", in_text(s, lang)))
        .collect();
    if parts.is_empty() {
        say(lang, "none", "không có").to_string()
    } else {
        parts.join(" · ")
    }
}

/// The summary's rows, targets, tasks, rules and reports, each with its `names` word, its count and its
/// [`counts_line`].
fn summary_rows(
    s: &Summary,
    lang: Lang,
    names: [&'static str; 4],
) -> [(&'static str, usize, String); 4] {
    let [targets, tasks, rules, reports] = names;
    [
        (targets, s.targets.total(), counts_line(&s.targets, lang)),
        (tasks, s.tasks.total(), counts_line(&s.tasks, lang)),
        (rules, s.rules.total(), counts_line(&s.rules, lang)),
        (reports, s.reports.total(), counts_line(&s.reports, lang)),
    ]
}

/// [`counts_line`] for a table cell: empty when there are none.
fn counts_cell<S: Toned>(counts: &Counts<S>, lang: Lang) -> String {
    if counts.total() == 0 {
        String::new()
    } else {
        counts_line(counts, lang)
    }
}

fn explanation(e: &Explanation, lang: Lang) -> &str {
    match lang {
        Lang::En => &e.en,
        Lang::Vi => &e.vi,
    }
}

/// What a report holds in plan syntax (a goal, a schedule) as text; empty when absent.
fn shown(x: Option<impl std::fmt::Display>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// A number for people: computed values keep two decimals at most.
fn short_number(n: Decimal) -> String {
    n.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

/// What a target's status was judged on, in a few words: `7.12 (2023-H1)`, `avg 8.17 (3y)`, `met (2023)`;
/// `TB 8.17 (3 năm)`, `đạt (2023)`.
fn target_value(t: &TargetResult, lang: Lang) -> String {
    if let Some(avg) = &t.average {
        return match &avg.mean {
            Some(m) => match lang {
                Lang::En => format!("avg {} ({}y)", short_number(m.0), avg.years.len()),
                Lang::Vi => format!("TB {} ({} năm)", short_number(m.0), avg.years.len()),
            },
            None => "—".to_string(),
        };
    }
    if t.goal.is_none() {
        return say(lang, "(parts)", "(theo các phần)").to_string();
    }
    if let Some(a) = &t.assessment {
        return format!("{} ({})", words::verdict(a.verdict, lang), a.period);
    }
    match &t.actual {
        Some(a) => format!("{} ({})", short_number(a.value.0), a.period),
        None => "—".to_string(),
    }
}

/// What to say about a task beside its status.
fn task_detail(t: &TaskResult, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(d) = t.done {
        parts.push(format!("{} {d}", say(lang, "done", "hoàn thành")));
    }
    if t.days_late > 0 {
        parts.push(match lang {
            Lang::En => format!("{}d late", t.days_late),
            Lang::Vi => format!("chậm {} ngày", t.days_late),
        });
    }
    if !t.blocked_by.is_empty() {
        let after = say(lang, "after", "vướng");
        parts.push(format!("{after} {}", t.blocked_by.join(", ")));
    }
    if !t.waits_for.is_empty() {
        let waits = say(lang, "waits for", "chờ");
        parts.push(format!("{waits} {}", t.waits_for.join(", ")));
    }
    if let Some(c) = &t.occurrence_counts {
        let counts: Vec<String> = [
            (c.on_time, say(lang, "on time", "đúng hạn")),
            (c.late, say(lang, "late", "trễ hạn")),
            (c.overdue, say(lang, "overdue", "quá hạn")),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
        if !counts.is_empty() {
            parts.push(counts.join(", "));
        }
    }
    if let Some(a) = &t.assessment {
        let verdict = words::verdict(a.verdict, lang);
        match &a.note {
            Some(note) => parts.push(format!("{} {verdict}: {note}", a.period)),
            None => parts.push(format!("{} {verdict}", a.period)),
        }
    }
    if let Some(p) = &t.progress {
        if t.done.is_none() {
            parts.push(format!("{}%", p.0.normalize()));
        }
    }
    if let Some(n) = t.days_left {
        if t.done.is_none() {
            parts.push(match lang {
                Lang::En => format!("in {n}d"),
                Lang::Vi => format!("còn {n} ngày"),
            });
        }
    }
    if let Some(reason) = t.cancelled {
        parts.push(if reason.is_empty() {
            in_text(TaskStatus::Cancelled, lang)
        } else {
            reason.to_string()
        });
    }
    parts.join(" · ")
}

/// A report's recurrence and, when tracked, its submissions due so far by status: `quarter by day 20 · 4 on
/// time, 1 late, 1 missing`.
fn report_detail(r: &crate::eval::ReportResult, lang: Lang) -> String {
    let mut parts = vec![
        r.every
            .map(|e| words::schedule(e, lang))
            .unwrap_or_default(),
    ];
    if r.tracked && !r.submissions.is_empty() {
        let mut counts = crate::eval::SubmissionCounts::default();
        for s in r.submissions.iter() {
            counts.add(s.status);
        }
        parts.push(scorecard(&counts, lang));
    }
    parts.join(" · ")
}

/// `4 on time, 1 late, 1 missing`: an owner's or a report's submissions due so far.
fn scorecard(c: &crate::eval::SubmissionCounts, lang: Lang) -> String {
    let (on_time, late, missing) = (c.on_time, c.late, c.missing);
    match lang {
        Lang::En => format!("{on_time} on time, {late} late, {missing} missing"),
        Lang::Vi => format!("{on_time} đúng hạn, {late} trễ hạn, {missing} chưa báo cáo"),
    }
}

/// The report's title line: `370/KH-UBND — Kế hoạch …`.
fn plan_title(report: &Report, lang: Lang) -> String {
    let number = report
        .plan()
        .number
        .unwrap_or(say(lang, "plan", "kế hoạch"));
    match report.plan().title {
        Some(t) => format!("{number} — {t}"),
        None => number.to_string(),
    }
}
