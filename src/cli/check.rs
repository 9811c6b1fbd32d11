//! `kehoach check`.

use std::io::Write;

use clap::ValueEnum;

use super::exit;
use crate::Project;
use crate::diagnostics::{Lang, Tally, escape};
use crate::workspace::Input;

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
    let project = Project::open_inputs(inputs);
    let unreadable: Vec<String> = project
        .unreadable()
        .iter()
        .map(|problem| problem.message(lang))
        .collect();
    // In the github format each is an annotation instead, and the log shows it once.
    if format != CheckFormat::Github {
        for problem in &unreadable {
            let _ = writeln!(err, "error: {}", escape::line(problem));
        }
    }
    let findings = project.findings();
    let tally = findings.tally();
    let written = match format {
        CheckFormat::Json => write_json(out, &findings.to_json(lang)),
        CheckFormat::Sarif => write_json(out, &findings.to_sarif(lang, &unreadable)),
        CheckFormat::Github => {
            let text = findings.to_github(lang, project.unreadable());
            let summary = summary(project.file_count(), tally, lang);
            write!(out, "{text}").and_then(|()| writeln!(err, "{summary}"))
        }
        CheckFormat::Human => {
            let text = findings.render(lang, color);
            let summary = summary(project.file_count(), tally, lang);
            write!(err, "{text}").and_then(|()| writeln!(err, "{summary}"))
        }
    };
    if written.is_err() {
        return exit::USAGE;
    }
    if !unreadable.is_empty() {
        return exit::USAGE;
    }
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
