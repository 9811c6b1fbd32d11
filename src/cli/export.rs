//! `kehoach export PLAN --to json|ics|mermaid|dot [--out FILE]`.

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;

use super::{exit, write_output};
use crate::diagnostics::{Lang, escape};
use crate::export::Format;
use crate::{Project, Refusal};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// The checked plan as JSON (docs/plan.schema.json)
    Json,
    /// An iCalendar file of task deadlines and report due dates
    Ics,
    /// A Mermaid Gantt chart of the tasks by section
    Mermaid,
    /// A Graphviz graph of dependencies and `implements`
    Dot,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Json => Format::Json,
            ExportFormat::Ics => Format::Ics,
            ExportFormat::Mermaid => Format::Mermaid,
            ExportFormat::Dot => Format::Dot,
        }
    }
}

/// Checks the plan (with the files it uses) and writes it in the chosen format to `out_file` (a regular or new file
/// atomically, anything else such as `/dev/null` written through: see [`write_output`]), or to `out`. A plan with errors is not exported: its diagnostics are shown and the status is 1. Status 2 for a plan
/// that cannot be read, a folder, or an output file that cannot be written.
pub(crate) fn run_export(
    plan: &Path,
    format: Format,
    out_file: Option<&Path>,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    if plan.is_dir() {
        let _ = writeln!(
            err,
            "error: {} is a folder: export takes one plan file",
            escape::line(&plan.to_string_lossy())
        );
        return exit::USAGE;
    }
    let project = Project::open(&[plan]);
    for problem in project.unreadable() {
        let _ = writeln!(err, "error: {}", escape::line(&problem.message(lang)));
    }
    let tally = project.findings().tally();
    let plan_file = plan;
    let plan = match project.plan(Some(&plan_file.to_string_lossy())) {
        Ok(plan) => plan,
        Err(Refusal::PlanErrors { errors }) => {
            let shown = project.findings().render(lang, color);
            let note = match lang {
                Lang::En => format!(
                    "not exported: {} has {errors} error{}",
                    escape::line(&plan_file.to_string_lossy()),
                    if errors == 1 { "" } else { "s" }
                ),
                Lang::Vi => format!(
                    "không xuất: {} có {errors} lỗi",
                    escape::line(&plan_file.to_string_lossy()),
                ),
            };
            let _ = write!(err, "{shown}").and_then(|()| writeln!(err, "{note}"));
            return exit::FAILED;
        }
        Err(_) => return exit::USAGE,
    };
    // JSON is written whole, with hidden characters escaped (`escape::json`); the other formats are streamed to
    // standard output (a calendar can be long), and built whole only for the atomic write of `--out`.
    let whole = || match format {
        Format::Json => escape::json(plan.export(format, lang)),
        _ => plan.export(format, lang),
    };
    let written = match out_file {
        Some(path) => write_output(path, &whole()).map_err(|e| {
            let reason = e.reason();
            let _ = match lang {
                Lang::En => writeln!(
                    err,
                    "error: cannot write {}: {}",
                    escape::line(&path.to_string_lossy()),
                    reason.en
                ),
                Lang::Vi => writeln!(
                    err,
                    "error: không ghi được {}: {}",
                    escape::line(&path.to_string_lossy()),
                    reason.vi
                ),
            };
        }),
        None if format == Format::Json => out.write_all(whole().as_bytes()).map_err(|_| ()),
        None => plan.write_export(format, lang, out).map_err(|_| ()),
    };
    if written.is_err() {
        return exit::USAGE;
    }
    if tally.warnings > 0 {
        let note = match lang {
            Lang::En => format!(
                "note: {} warning{}; `kehoach check {}` shows them",
                tally.warnings,
                if tally.warnings == 1 { "" } else { "s" },
                escape::line(&plan_file.to_string_lossy())
            ),
            Lang::Vi => format!(
                "lưu ý: {} cảnh báo; `kehoach check {}` sẽ hiển thị",
                tally.warnings,
                escape::line(&plan_file.to_string_lossy())
            ),
        };
        let _ = writeln!(err, "{note}");
    }
    exit::CLEAN
}
