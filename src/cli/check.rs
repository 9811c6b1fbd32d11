//! `kehoach check`.

use std::io::Write;

use clap::ValueEnum;

use super::exit;
use crate::check::check_workspace;
use crate::diagnostics::{Lang, Tally, escape, json};
use crate::workspace::{Input, OsFileSystem, load};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// miette's graphical report, for people
    Human,
    /// One JSON array of diagnostics (SPEC section 5)
    Json,
    /// A SARIF 2.1.0 log, for code-scanning services
    Sarif,
    /// GitHub Actions workflow commands: one annotation per diagnostic and per unreadable path
    Github,
}

/// Checks the inputs and writes the diagnostics; returns the exit status.
pub fn run_check(
    inputs: &[Input],
    format: CheckFormat,
    deny_warnings: bool,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let workspace = load(&OsFileSystem, inputs);
    let unreadable: Vec<String> = workspace
        .unreadable
        .iter()
        .map(|problem| problem.message(lang))
        .collect();
    // In the github format each is an annotation instead, and the log shows it once.
    if format != CheckFormat::Github {
        for problem in &unreadable {
            let _ = writeln!(err, "error: {}", escape::line(problem));
        }
    }
    let checked = check_workspace(&workspace);
    let diagnostics = &checked.diagnostics;
    let written = match format {
        CheckFormat::Json => {
            let value = json::to_json(diagnostics, &workspace.sources, lang);
            write_json(out, &value)
        }
        CheckFormat::Sarif => {
            let value = super::sarif::to_sarif(diagnostics, &workspace.sources, lang, &unreadable);
            write_json(out, &value)
        }
        CheckFormat::Github => {
            let text = super::github::to_github(
                diagnostics,
                &workspace.sources,
                &workspace.unreadable,
                lang,
            );
            let summary = summary(workspace.files.len(), Tally::of(diagnostics), lang);
            write!(out, "{text}").and_then(|()| writeln!(err, "{summary}"))
        }
        CheckFormat::Human => {
            let text = super::render_human(diagnostics, &workspace.sources, lang, color);
            let summary = summary(workspace.files.len(), Tally::of(diagnostics), lang);
            write!(err, "{text}").and_then(|()| writeln!(err, "{summary}"))
        }
    };
    if written.is_err() {
        return exit::USAGE;
    }
    if !workspace.unreadable.is_empty() {
        return exit::USAGE;
    }
    let tally = Tally::of(diagnostics);
    if tally.errors > 0 || deny_warnings && tally.warnings > 0 {
        exit::FAILED
    } else {
        exit::CLEAN
    }
}

/// Pretty JSON and a line break, with the characters serde_json leaves raw escaped ([`escape::json`]).
pub(super) fn write_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    out.write_all(escape::json(text).as_bytes())?;
    writeln!(out)
}

/// `checked 3 files: 1 error, 0 warnings`, for people.
fn summary(files: usize, tally: Tally, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "checked {files} file{}: {} error{}, {} warning{}",
            plural(files),
            tally.errors,
            plural(tally.errors),
            tally.warnings,
            plural(tally.warnings)
        ),
        Lang::Vi => format!(
            "đã kiểm tra {files} tệp: {} lỗi, {} cảnh báo",
            tally.errors, tally.warnings
        ),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
