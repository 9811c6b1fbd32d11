//! The command line (SPEC section 5). Each command is a function of the parsed arguments that writes to the given
//! streams and returns the exit status, so tests call it directly.

mod check;
mod diff;
mod eval;
pub mod explain;
mod export;
mod fmt;
mod human;
pub mod sarif;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::Lang;
use crate::workspace::Input;

pub use check::{CheckFormat, run_check};
pub use eval::{EvalArgs, EvalFormat, run_eval};
pub use explain::run_explain;
pub use export::{ExportFormat, run_export};
pub use fmt::{run_fmt, write_atomically};
pub use human::render_human;

/// Exit statuses of SPEC section 5.
pub mod exit {
    pub const CLEAN: u8 = 0;
    /// An error was reported (or a warning, with `--deny-warnings`).
    pub const FAILED: u8 = 1;
    /// Bad usage, or a file that cannot be read.
    pub const USAGE: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Check, evaluate, format and export action plans written as text"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plans and report every problem found
    Check {
        /// Plan files or folders (every `.plan` file below); default: the current folder
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Evaluate a plan against reported progress (facts) and report every status
    Eval {
        /// The plan file
        plan: PathBuf,
        /// The facts: a `.facts` text file or JSON (`.json`)
        #[arg(long)]
        facts: PathBuf,
        /// The day to evaluate at, YYYY-MM-DD; default: the facts' `as_of`
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
        /// Exit 1 when any item has one of these statuses, e.g. `--deny violated,overdue`
        #[arg(long, value_delimiter = ',')]
        deny: Vec<String>,
        /// A task or report due within this many days is `due-soon`
        #[arg(long, value_name = "DAYS", default_value_t = crate::eval::Options::DEFAULT_DUE_SOON_DAYS)]
        due_soon: u32,
        /// The language of diagnostics and reasons
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Explain a diagnostic code, with an example and its fix; without a code, list them all
    Explain {
        /// A code such as `duplicate-id`
        code: Option<String>,
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Format plans in the canonical layout, keeping every comment
    Fmt {
        /// Plan files or folders (every `.plan` file below); default: the current folder
        paths: Vec<PathBuf>,
        /// Write nothing: show a diff of what would change and exit 1 if anything would
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Export a checked plan as JSON, a calendar, a Gantt chart or a graph
    Export {
        /// The plan file (the files it uses are read too)
        plan: PathBuf,
        /// What to write
        #[arg(long = "to", value_enum)]
        to: ExportFormat,
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
        /// The language of the words the export adds (calendar labels)
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Vi,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Vi => Lang::Vi,
        }
    }
}

/// Whether to colour output: only on a terminal, and never with `NO_COLOR` set.
pub fn use_color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Runs the command line.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::CLEAN
            });
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let status = run(cli, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(status)
}

/// Runs one parsed command line.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    use std::io::IsTerminal;
    match cli.command {
        Command::Check {
            paths,
            format,
            deny_warnings,
            lang,
        } => {
            let color = use_color(std::io::stderr().is_terminal());
            run_check(
                &inputs(&paths),
                format,
                deny_warnings,
                lang.into(),
                color,
                out,
                err,
            )
        }
        Command::Explain { code, lang } => run_explain(code.as_deref(), lang.into(), out, err),
        Command::Eval {
            plan,
            facts,
            as_of,
            format,
            deny,
            due_soon,
            lang,
        } => {
            let stream_is_terminal = match format {
                EvalFormat::Table => std::io::stdout().is_terminal(),
                _ => std::io::stderr().is_terminal(),
            };
            let args = EvalArgs {
                plan,
                facts,
                as_of,
                format,
                deny,
                due_soon_days: due_soon,
                lang: lang.into(),
            };
            run_eval(&args, use_color(stream_is_terminal), out, err)
        }
        Command::Fmt { paths, check, lang } => {
            let color = use_color(std::io::stderr().is_terminal());
            run_fmt(&paths, check, lang.into(), color, out, err)
        }
        Command::Export {
            plan,
            to,
            out: out_file,
            lang,
        } => {
            let color = use_color(std::io::stderr().is_terminal());
            run_export(
                &plan,
                to.into(),
                out_file.as_deref(),
                lang.into(),
                color,
                out,
                err,
            )
        }
    }
}

/// The inputs for the given paths (the current folder when none): each keeps its `use`s inside the current
/// folder when it lies there, else inside its own folder.
pub fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .unwrap_or_default();
    paths
        .into_iter()
        .map(|path| {
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            let root = if canonical.starts_with(&cwd) {
                cwd.clone()
            } else if canonical.is_dir() {
                canonical.clone()
            } else {
                canonical
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            };
            Input { path, root }
        })
        .collect()
}
