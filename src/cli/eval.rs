//! `kehoach eval`: a plan, its facts and a date to a report, in the format asked for.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::exit;
use crate::check::check_workspace;
use crate::deadline::DateLit;
use crate::diagnostics::{Diagnostic, Lang, Tally, escape, sort_and_dedup};
use crate::eval::{Options, Report, all_status_words, evaluate_index, render};
use crate::facts;
use crate::source::SourceFile;
use crate::workspace::{OsFileSystem, load, read_named};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
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
pub struct EvalArgs {
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
pub fn run_eval(args: &EvalArgs, color: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
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

/// Loads, checks and evaluates, then hands the report (which borrows the plan's model) to `write`; `Err` is the
/// exit status of a failure before that.
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
    let as_of_flag = match &args.as_of {
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
    let mut workspace = load(
        &OsFileSystem,
        &super::inputs(std::slice::from_ref(&args.plan)),
    );
    for problem in &workspace.unreadable {
        let _ = writeln!(err, "error: {}", escape::line(&problem.message(args.lang)));
    }
    if !workspace.unreadable.is_empty() {
        return Err(exit::USAGE);
    }
    let checked = check_workspace(&workspace);
    let plan_errors: Vec<Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !plan_errors.is_empty() {
        let text = super::render_human(&plan_errors, &workspace.sources, args.lang, color);
        let _ = write!(err, "{text}");
        let _ = writeln!(
            err,
            "the plan has {} error{}: fix them (see `kehoach check`) before evaluating",
            plan_errors.len(),
            if plan_errors.len() == 1 { "" } else { "s" }
        );
        return Err(exit::FAILED);
    }
    let wanted = std::fs::canonicalize(&args.plan).unwrap_or_else(|_| args.plan.clone());
    let model = workspace
        .files
        .iter()
        .find(|f| f.path == wanted)
        .and_then(|f| checked.model_of(f.id))
        .or_else(|| checked.models.first());
    let Some(model) = model else {
        let _ = writeln!(
            err,
            "error: `{}` holds no plan",
            escape::line(&args.plan.to_string_lossy())
        );
        return Err(exit::USAGE);
    };

    let text = read_facts(&args.facts, args.lang, err)?;
    let name = display(&args.facts);
    let file = workspace
        .sources
        .add(SourceFile::new(name.clone(), text.as_str()));
    let (facts, mut diagnostics) = facts::read(&name, &text, file);
    let checked_facts = facts.as_ref().map(|f| facts::check(model, f));
    if let Some(c) = &checked_facts {
        diagnostics.extend(c.diagnostics.iter().cloned());
    }
    sort_and_dedup(&mut diagnostics);
    if !diagnostics.is_empty() {
        let text = super::render_human(&diagnostics, &workspace.sources, args.lang, color);
        let _ = write!(err, "{text}");
    }
    let tally = Tally::of(&diagnostics);
    let (Some(facts), Some(checked_facts)) = (facts, checked_facts) else {
        let _ = writeln!(err, "the facts cannot be read: nothing was evaluated");
        return Err(exit::FAILED);
    };
    if tally.errors > 0 {
        let _ = writeln!(
            err,
            "the facts have {} error{}: nothing was evaluated",
            tally.errors,
            if tally.errors == 1 { "" } else { "s" }
        );
        return Err(exit::FAILED);
    }
    let Some(as_of) = as_of_flag.or(checked_facts.index.as_of) else {
        let _ = writeln!(
            err,
            "error: the facts give no `as_of` date; pass `--as-of YYYY-MM-DD`"
        );
        return Err(exit::USAGE);
    };
    let _ = facts;
    let options = Options {
        as_of,
        due_soon_days: args.due_soon_days,
    };
    let report = evaluate_index(model, &checked_facts.index, &options);
    Ok(write(&report, err))
}

fn read_facts(path: &Path, lang: Lang, err: &mut dyn Write) -> Result<String, u8> {
    let fail = |err: &mut dyn Write, message: String| {
        let _ = writeln!(err, "error: {}", escape::line(&message));
        Err(exit::USAGE)
    };
    let contents = match read_named(path) {
        Ok(contents) => contents,
        Err(problem) => return fail(err, problem.message(lang)),
    };
    match String::from_utf8(contents.bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let (name, at) = (display(path), e.utf8_error().valid_up_to());
            let message = match lang {
                Lang::En => format!("cannot read {name}: not UTF-8 text (byte {at})"),
                Lang::Vi => format!("không đọc được {name}: không phải văn bản UTF-8 (byte {at})"),
            };
            fail(err, message)
        }
    }
}

fn display(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown.strip_prefix("./").unwrap_or(&shown).to_string()
}
