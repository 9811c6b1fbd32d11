//! `kehoach eval`: a plan, its facts and a date to a report, in the format asked for.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::exit;
use crate::deadline::DateLit;
use crate::diagnostics::{Diagnostic, Lang, escape};
use crate::eval::{Report, all_status_words, render};
use crate::{EvalOptions, Project, Refusal, Source};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum EvalFormat {
    /// A table for an 80-column terminal
    Table,
    /// The report as JSON (SPEC section 5)
    Json,
    /// Markdown, e.g. for a pull-request comment
    Markdown,
    /// One self-contained HTML page
    Html,
}

/// What `kehoach eval` was asked.
#[derive(Clone, Debug)]
pub(crate) struct EvalArgs {
    pub plan: PathBuf,
    pub facts: PathBuf,
    /// `YYYY-MM-DD`; default: the facts' `as_of`.
    pub as_of: Option<String>,
    pub format: EvalFormat,
    /// Statuses that make the exit status 1.
    pub deny: Vec<String>,
    pub due_soon_days: u32,
    pub lang: Lang,
}

/// Evaluates and writes the report; returns the exit status.
pub(crate) fn run_eval(
    args: &EvalArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let write = |report: &Report, err: &mut dyn Write| {
        let text = match args.format {
            EvalFormat::Table => render::table(report, args.lang, color),
            EvalFormat::Markdown => render::markdown(report, args.lang),
            EvalFormat::Html => render::html(report, args.lang),
            EvalFormat::Json => match serde_json::to_string_pretty(report) {
                Ok(json) => format!("{}\n", escape::json(json)),
                Err(e) => {
                    let _ = writeln!(err, "error: cannot write the report: {e}");
                    return exit::USAGE;
                }
            },
        };
        if out.write_all(text.as_bytes()).is_err() {
            return exit::USAGE;
        }
        denied(report, &args.deny, err)
    };
    match evaluate_command(args, color, err, write) {
        Ok(status) | Err(status) => status,
    }
}

/// Exit status 1 when an item has a denied status, naming them.
fn denied(report: &Report, deny: &[String], err: &mut dyn Write) -> u8 {
    let mut status = exit::CLEAN;
    for word in deny {
        let ids = report.items_with_status(word);
        if !ids.is_empty() {
            let shown: Vec<&str> = ids.iter().copied().take(10).collect();
            let more = ids.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let _ = writeln!(
                err,
                "denied: {} item{} {word}: {}{more}",
                ids.len(),
                if ids.len() == 1 { " is" } else { "s are" },
                shown.join(", ")
            );
            status = exit::FAILED;
        }
    }
    status
}

/// Loads, checks and evaluates, then hands the report to `write`; `Err` is the exit status of a failure before
/// that.
fn evaluate_command(
    args: &EvalArgs,
    color: bool,
    err: &mut dyn Write,
    write: impl FnOnce(&Report, &mut dyn Write) -> u8,
) -> Result<u8, u8> {
    let known = all_status_words();
    if let Some(bad) = args.deny.iter().find(|w| !known.contains(&w.as_str())) {
        let _ = writeln!(
            err,
            "error: `--deny {}`: not a status; the statuses are {}",
            escape::line(bad),
            known.join(", ")
        );
        return Err(exit::USAGE);
    }
    let as_of = match &args.as_of {
        Some(s) => match s.parse::<DateLit>().ok().and_then(DateLit::to_date) {
            Some(d) => Some(d),
            None => {
                let _ = writeln!(
                    err,
                    "error: `--as-of {}` is not a date; write YYYY-MM-DD",
                    escape::line(s)
                );
                return Err(exit::USAGE);
            }
        },
        None => None,
    };
    if std::fs::metadata(&args.plan).is_ok_and(|m| m.is_dir()) {
        let _ = writeln!(
            err,
            "error: `{}` is a folder; `eval` takes one plan file",
            escape::line(&args.plan.to_string_lossy())
        );
        return Err(exit::USAGE);
    }
    let project = Project::open(std::slice::from_ref(&args.plan));
    for problem in project.unreadable() {
        let _ = writeln!(err, "error: {}", escape::line(&problem.message(args.lang)));
    }
    if !project.unreadable().is_empty() {
        return Err(exit::USAGE);
    }
    let plan = match project.plan(Some(&args.plan.to_string_lossy())) {
        Ok(plan) => plan,
        Err(Refusal::PlanErrors { errors }) => {
            let text = project
                .findings()
                .only(Diagnostic::is_error)
                .render(args.lang, color);
            let _ = write!(err, "{text}");
            let _ = writeln!(
                err,
                "the plan has {errors} error{}: fix them (see `kehoach check`) before evaluating",
                if errors == 1 { "" } else { "s" }
            );
            return Err(exit::FAILED);
        }
        Err(_) => {
            let _ = writeln!(
                err,
                "error: `{}` holds no plan",
                escape::line(&args.plan.to_string_lossy())
            );
            return Err(exit::USAGE);
        }
    };

    let source = Source::read(&args.facts).map_err(|problem| {
        let _ = writeln!(err, "error: {}", escape::line(&problem.message(args.lang)));
        exit::USAGE
    })?;
    let facts = plan.facts(source);
    let text = facts.findings().render(args.lang, color);
    let _ = write!(err, "{text}");
    let options = EvalOptions {
        as_of,
        due_soon_days: args.due_soon_days,
    };
    match plan.evaluate(&facts, &options) {
        Ok(report) => Ok(write(&report, err)),
        Err(Refusal::FactsErrors { errors }) => {
            let _ = writeln!(
                err,
                "the facts have {errors} error{}: nothing was evaluated",
                if errors == 1 { "" } else { "s" }
            );
            Err(exit::FAILED)
        }
        Err(Refusal::NoDate) => {
            let _ = writeln!(
                err,
                "error: the facts give no `as_of` date; pass `--as-of YYYY-MM-DD`"
            );
            Err(exit::USAGE)
        }
        Err(_) => {
            let _ = writeln!(err, "the facts cannot be read: nothing was evaluated");
            Err(exit::FAILED)
        }
    }
}
