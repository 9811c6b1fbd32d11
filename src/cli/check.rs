//! `kehoach check`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::exit;
use super::facts_files::{JSON, TEXT, beside};
use crate::diagnostics::Text;
use crate::diagnostics::{Lang, Tally, escape};
use crate::project::Findings;
use crate::workspace::{Found, Input, OsFileSystem, Unreadable, expand};
use crate::{Project, Refusal, Source};

/// How `kehoach check --format` writes the diagnostics.
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

/// Checks the inputs — and the facts named with `--facts` or found beside a folder's plans — and writes the
/// diagnostics; returns the exit status.
#[expect(
    clippy::too_many_arguments,
    reason = "the command line's options, each used once"
)]
pub fn run_check(
    inputs: &[Input],
    facts: &[PathBuf],
    format: CheckFormat,
    deny_warnings: bool,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let project = Project::open_inputs(inputs);
    let (facts_files, mut facts_problems) = facts_files(inputs, facts);
    let mut checked_facts = Vec::new();
    for (plan, file) in &facts_files {
        match check_facts(&project, plan.as_deref(), file) {
            Ok(findings) => checked_facts.push(findings),
            // The plan's errors are reported and fail the run already: the facts wait for them, said once each.
            Err(None) => {
                let path = file.path.to_string_lossy();
                let shown = escape::line(&path);
                let _ = match lang {
                    Lang::En => writeln!(err, "note: {shown} not checked: its plan has errors"),
                    Lang::Vi => {
                        writeln!(err, "lưu ý: chưa kiểm tra {shown}: kế hoạch của nó có lỗi")
                    }
                };
            }
            Err(Some(reason)) => facts_problems.push(Unreadable {
                path: file.path.to_string_lossy().into_owned(),
                reason,
                too_large: None,
            }),
        }
    }
    let problems: Vec<Unreadable> = project
        .unreadable()
        .iter()
        .cloned()
        .chain(facts_problems)
        .collect();
    let unreadable: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
    let file_count = project.file_count() + checked_facts.len();
    // In the github format each is an annotation instead, and the log shows it once.
    if format != CheckFormat::Github {
        for problem in &unreadable {
            let _ = writeln!(err, "error: {}", escape::line(problem));
        }
    }
    // The plans' findings, then each facts file's: they point into different sets of files, so each is shown on
    // its own and the outputs are joined.
    let all: Vec<&Findings> = std::iter::once(project.findings())
        .chain(&checked_facts)
        .collect();
    let tally = all
        .iter()
        .map(|f| f.tally())
        .fold(Tally::default(), |t, f| Tally {
            errors: t.errors + f.errors,
            warnings: t.warnings + f.warnings,
        });
    let written = match format {
        CheckFormat::Json => {
            let json: Vec<_> = all.iter().flat_map(|f| f.to_json(lang)).collect();
            write_json(out, &json)
        }
        CheckFormat::Sarif => write_json(out, &sarif(&all, lang, &unreadable)),
        CheckFormat::Github => {
            let mut text = project.findings().to_github(lang, &problems);
            for f in &checked_facts {
                text.push_str(&f.to_github(lang, &[]));
            }
            let summary = summary(file_count, tally, lang);
            write!(out, "{text}").and_then(|()| writeln!(err, "{summary}"))
        }
        CheckFormat::Human => {
            let text: String = all.iter().map(|f| f.render(lang, color)).collect();
            let summary = summary(file_count, tally, lang);
            write!(err, "{text}").and_then(|()| writeln!(err, "{summary}"))
        }
    };
    if written.is_err() {
        return exit::USAGE;
    }
    if !problems.is_empty() {
        return exit::USAGE;
    }
    if tally.errors > 0 || deny_warnings && tally.warnings > 0 {
        exit::FAILED
    } else {
        exit::CLEAN
    }
}

/// The facts files to check, each with the plan it is read against when one is named by its place (`x.facts`
/// beside `x.plan`): those named with `--facts`, and those beside the plans of the folders named. Each is taken as
/// a named file is, inside its own root; what cannot be taken is said, never skipped silently.
fn facts_files(
    inputs: &[Input],
    named: &[PathBuf],
) -> (Vec<(Option<PathBuf>, Found)>, Vec<Unreadable>) {
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    for input in inputs.iter().filter(|i| i.path.is_dir()) {
        let expanded = expand(&OsFileSystem, input);
        let Some(root) = &expanded.root else { continue };
        for plan in &expanded.files {
            let (found, unreadable) = beside(plan, &root.real, &[TEXT, JSON]);
            problems.extend(unreadable);
            files.extend(found.into_iter().map(|f| (Some(plan.real.clone()), f)));
        }
    }
    for path in named {
        let expanded = expand(&OsFileSystem, &Input::named(path));
        problems.extend(expanded.problems);
        for file in expanded.files {
            let plan = plan_beside(&file.real);
            files.push((plan, file));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|(_, f)| seen.insert(f.real.clone()));
    (files, problems)
}

/// `x.plan` for `x.facts` or `x.facts.json`, when it exists.
fn plan_beside(facts: &Path) -> Option<PathBuf> {
    let name = facts.file_name()?.to_str()?;
    let stem = name
        .strip_suffix(JSON)
        .or_else(|| name.strip_suffix(TEXT))?;
    let plan = facts.with_file_name(format!("{stem}.plan"));
    plan.is_file().then_some(plan)
}

/// One facts file read and checked against its plan (`plan`, else the project's only plan); or why it was not:
/// `None` when the plan has errors (which the plan's own diagnostics show).
fn check_facts(
    project: &Project,
    plan: Option<&Path>,
    file: &Found,
) -> Result<Findings, Option<Text>> {
    let which = plan.map(|p| p.to_string_lossy().into_owned());
    let plan = match project.plan(which.as_deref()) {
        Ok(plan) => plan,
        Err(Refusal::PlanErrors { .. }) => return Err(None),
        Err(Refusal::Unreadable { .. }) => {
            return Err(Some(Text::new(
                "a file checked with its plan could not be read, so the facts were not checked",
                "có tệp kiểm tra cùng kế hoạch không đọc được nên chưa kiểm tra số liệu",
            )));
        }
        Err(refusal) => {
            return Err(Some(Text::new(
                format!("{refusal}: put its plan beside it, as `x.plan` for `x.facts`"),
                format!("{refusal}: hãy đặt kế hoạch cạnh tệp số liệu, `x.plan` cho `x.facts`"),
            )));
        }
    };
    let source = Source::read(&file.path).map_err(|problem| Some(problem.reason))?;
    Ok(plan.facts(source).findings().clone())
}

/// One SARIF log of every findings' results.
fn sarif(all: &[&Findings], lang: Lang, unreadable: &[String]) -> serde_json::Value {
    let Some((first, rest)) = all.split_first() else {
        return serde_json::Value::Null;
    };
    let mut log = first.to_sarif(lang, unreadable);
    let more: Vec<serde_json::Value> = rest
        .iter()
        .flat_map(
            |f| match f.to_sarif(lang, &[]).pointer_mut("/runs/0/results") {
                Some(serde_json::Value::Array(results)) => std::mem::take(results),
                _ => Vec::new(),
            },
        )
        .collect();
    if let Some(serde_json::Value::Array(results)) = log.pointer_mut("/runs/0/results") {
        results.extend(more);
    }
    log
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
