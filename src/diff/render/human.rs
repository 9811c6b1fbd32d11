//! The amendment as text for a terminal: each plan, its header, then its items section by section.

use std::fmt::Write as _;

use super::{field, groups, kind, plan_files, plan_status, short, sign, status, summary, verdict};
use crate::diagnostics::{Lang, escape};
use crate::diff::{Amendment, Change, Field, ItemDiff, PlanStatus, Status, Verdict};

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// Renders the amendment for people; `color` adds ANSI colours (only on a terminal).
pub fn human(amendment: &Amendment, lang: Lang, color: bool) -> String {
    let p = Paint { color };
    let mut out = String::new();
    for plan in &amendment.plans {
        if plan.status == PlanStatus::Unchanged && amendment.plans.len() > 1 {
            continue;
        }
        let number = plan
            .plan
            .as_deref()
            .map(|n| format!(" ({})", escape::line(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{number}: {}",
            p.paint(BOLD, &escape::line(&plan_files(plan))),
            plan_status(plan.status, lang)
        );
        if !plan.diff.header.is_empty() {
            let _ = writeln!(out, "  {}", p.paint(BOLD, heading_plan(lang)));
            for change in &plan.diff.header {
                change_lines(&mut out, &p, change, lang, "    ");
            }
        }
        for (section, items) in groups(plan) {
            let title = section.map_or_else(
                || heading_plan_wide(lang).to_string(),
                |s| escape::line(s).into_owned(),
            );
            let _ = writeln!(out, "  {}", p.paint(BOLD, &title));
            for item in items {
                item_lines(&mut out, &p, item, lang);
            }
        }
    }
    if amendment.plans.len() > 1 || amendment.plans.is_empty() {
        let _ = writeln!(out, "{}", summary(&amendment.summary, lang));
    }
    out
}

fn heading_plan(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "plan",
        Lang::Vi => "kế hoạch",
    }
}

fn heading_plan_wide(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "documents, owners and items outside sections",
        Lang::Vi => "văn bản, cơ quan và nội dung ngoài các mục",
    }
}

fn item_lines(out: &mut String, p: &Paint, item: &ItemDiff, lang: Lang) {
    let style = match item.status {
        Status::Added => GREEN,
        Status::Removed => RED,
        Status::Renamed | Status::Changed => YELLOW,
    };
    let mut line = format!(
        "{} {} {} \"{}\"",
        sign(item.status),
        kind(item.kind, lang),
        item.id,
        escape::line(&short(&item.title, 80))
    );
    if let Some(from) = &item.renamed_from {
        let _ = match lang {
            Lang::En => write!(line, ", renamed from {from} (matched by title)"),
            Lang::Vi => write!(line, ", đổi mã từ {from} (khớp theo tên)"),
        };
    } else if item.status != Status::Changed {
        let _ = write!(line, " ({})", status(item.status, lang));
    }
    let _ = writeln!(out, "    {}", p.paint(style, &line));
    for change in &item.changes {
        change_lines(out, p, change, lang, "        ");
    }
}

fn change_lines(out: &mut String, p: &Paint, change: &Change, lang: Lang, indent: &str) {
    let name = field(change.field, lang);
    if change.field == Field::Notes {
        for note in &change.removed {
            let _ = writeln!(
                out,
                "{indent}{name}: {}",
                p.paint(RED, &format!("- \"{}\"", escape::line(note)))
            );
        }
        for note in &change.added {
            let _ = writeln!(
                out,
                "{indent}{name}: {}",
                p.paint(GREEN, &format!("+ \"{}\"", escape::line(note)))
            );
        }
        return;
    }
    let shown = |v: &Option<String>| v.as_deref().map(|v| escape::line(v).into_owned());
    let values = match (shown(&change.old), shown(&change.new)) {
        (Some(old), Some(new)) => format!("{} → {}", p.paint(DIM, &old), new),
        (None, Some(new)) => p.paint(GREEN, &format!("+ {new}")),
        (Some(old), None) => p.paint(RED, &format!("- {old}")),
        (None, None) => String::new(),
    };
    let mut line = format!("{indent}{name}: {values}");
    if let Some(word) = verdict(change, lang) {
        let style = match change.verdict {
            Verdict::Loosened | Verdict::Later => YELLOW,
            _ => CYAN,
        };
        let _ = write!(line, "  {}", p.paint(&format!("{BOLD}{style}"), &word));
    }
    let _ = writeln!(out, "{line}");
}
