//! The amendment as Markdown for a pull-request comment: a summary line, then a table per section. Every text from
//! a plan goes through the inert cells of `eval --format markdown` (SECURITY.md, "Markdown is inert"); ids are
//! ASCII identifiers and are shown as code.

use std::fmt::Write as _;

use super::{field, groups, kind, plan_files, plan_status, short, status, summary, verdict};
use crate::diagnostics::Lang;
use crate::diff::{Amendment, Change, Field, ItemDiff, PlanStatus, Status};
use crate::eval::render::inert_markdown as cell;

/// GitHub refuses a comment over 65 536 characters: past this, rows are left out and counted.
const MAX_CHARS: usize = 60_000;

/// Renders the amendment as GitHub-flavoured Markdown.
pub fn markdown(amendment: &Amendment, lang: Lang) -> String {
    let mut md = String::new();
    let title = match lang {
        Lang::En => "What this amendment changes",
        Lang::Vi => "Nội dung điều chỉnh",
    };
    let _ = writeln!(
        md,
        "### {title}\n\n{}\n",
        cell(&summary(&amendment.summary, lang))
    );
    let mut left_out = 0usize;
    for plan in &amendment.plans {
        if plan.status == PlanStatus::Unchanged && amendment.plans.len() > 1 {
            continue;
        }
        let number = plan
            .plan
            .as_deref()
            .map(|n| format!(" ({})", cell(n)))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "#### {}{number}: {}\n",
            cell(&plan_files(plan)),
            cell(plan_status(plan.status, lang))
        );
        let mut rows: Vec<(Option<&str>, String)> = Vec::new();
        if !plan.diff.header.is_empty() {
            let what = plan
                .diff
                .header
                .iter()
                .map(|c| change_cell(c, lang))
                .collect::<Vec<_>>()
                .join("<br>");
            let name = match lang {
                Lang::En => "plan",
                Lang::Vi => "kế hoạch",
            };
            rows.push((None, format!("| ✏️ | {name} | {what} |")));
        }
        for (section, items) in groups(plan) {
            for item in items {
                rows.push((section, item_row(item, lang)));
            }
        }
        let mut last_section: Option<Option<&str>> = None;
        for (section, row) in rows {
            if md.len() + row.len() > MAX_CHARS {
                left_out += 1;
                continue;
            }
            if last_section != Some(section) {
                if let Some(s) = section {
                    let _ = writeln!(md, "\n**{}**\n", cell(s));
                } else if last_section.is_some() {
                    md.push('\n');
                }
                let header = match lang {
                    Lang::En => "| | item | change |",
                    Lang::Vi => "| | nội dung | thay đổi |",
                };
                let _ = writeln!(md, "{header}\n|---|---|---|");
                last_section = Some(section);
            }
            let _ = writeln!(md, "{row}");
        }
        md.push('\n');
    }
    if left_out > 0 {
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "{left_out} more rows were left out to fit a comment; run `kehoach diff` to see them all."
            ),
            Lang::Vi => writeln!(
                md,
                "{left_out} dòng nữa đã được lược bớt cho vừa một bình luận; chạy `kehoach diff` để xem đủ."
            ),
        };
    }
    md
}

fn item_row(item: &ItemDiff, lang: Lang) -> String {
    let mark = match item.status {
        Status::Added => "➕",
        Status::Removed => "➖",
        Status::Renamed | Status::Changed => "✏️",
    };
    let mut name = format!(
        "{} `{}` {}",
        kind(item.kind, lang),
        item.id,
        cell(&short(&item.title, 100))
    );
    if let Some(from) = &item.renamed_from {
        let _ = match lang {
            Lang::En => write!(name, " (renamed from `{from}`, matched by title)"),
            Lang::Vi => write!(name, " (đổi mã từ `{from}`, khớp theo tên)"),
        };
    }
    let what = if item.changes.is_empty() {
        status(item.status, lang).to_string()
    } else {
        item.changes
            .iter()
            .map(|c| change_cell(c, lang))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    format!("| {mark} | {name} | {what} |")
}

fn change_cell(change: &Change, lang: Lang) -> String {
    let name = field(change.field, lang);
    if change.field == Field::Notes {
        let notes: Vec<String> = change
            .removed
            .iter()
            .map(|n| format!("{name}: − {}", cell(n)))
            .chain(
                change
                    .added
                    .iter()
                    .map(|n| format!("{name}: + {}", cell(n))),
            )
            .collect();
        return notes.join("<br>");
    }
    let shown = |v: &Option<String>| v.as_deref().map(cell);
    let values = match (shown(&change.old), shown(&change.new)) {
        (Some(old), Some(new)) => format!("{old} → {new}"),
        (None, Some(new)) => format!("+ {new}"),
        (Some(old), None) => format!("− {old}"),
        (None, None) => String::new(),
    };
    match verdict(change, lang) {
        Some(word) => format!("{name}: {values} (**{}**)", cell(&word)),
        None => format!("{name}: {values}"),
    }
}
