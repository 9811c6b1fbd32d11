//! The command line (SPEC section 5). Each command is a function of the parsed arguments that writes to the given
//! streams and returns the exit status, so tests call it directly.

mod amend;
mod check;
mod diff;
mod eval;
pub mod explain;
mod export;
mod facts_files;
mod fmt;
pub(crate) mod github;
mod init;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod sarif;
mod terminal;
pub mod write;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::Lang;

pub(crate) use amend::{DiffArgs, DiffFormat, run_diff};
pub use check::{CheckFormat, run_check};
pub(crate) use eval::{EvalArgs, EvalFormat, run_eval};
pub use explain::run_explain;
pub(crate) use export::{ExportFormat, run_export};
pub use fmt::run_fmt;
pub use init::{current_year, run_init};
pub(crate) use terminal::Terminal;
pub use write::write_output;

/// Exit statuses of SPEC section 5.
pub mod exit {
    /// Success: no error (nor warning, with `--deny-warnings`), nothing `--deny` names, or `--help` or `--version`.
    pub const CLEAN: u8 = 0;
    /// An error was reported (or a warning, with `--deny-warnings`).
    pub const FAILED: u8 = 1;
    /// Bad usage, or a file that cannot be read.
    pub const USAGE: u8 = 2;
}

/// The parsed command line: `Cli::try_parse_from(["kehoach", "check", "plans/"])`, then [`run`].
#[derive(Debug, Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Check, evaluate, format and export action plans written as text"
)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check plans and report every problem found
    Check {
        /// Plan files or folders (every `.plan` file below); default: the current folder
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Facts files to check against their plan (`x.plan` beside `x.facts`, else the only plan); a folder's
        /// `x.facts` and `x.facts.json` beside its `x.plan` are checked without being named
        #[arg(long, value_name = "FILE")]
        facts: Vec<PathBuf>,
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
    /// Show what an amendment changes in meaning: goals loosened or tightened, deadlines moved, items added,
    /// removed or renamed
    Diff {
        /// `OLD NEW` (two files or folders); with `--git`, the files or folders to compare (default: the
        /// current folder)
        paths: Vec<PathBuf>,
        /// Compare the plans at this git revision (`origin/main`, a tag, a commit) with the work tree
        #[arg(long, value_name = "REV")]
        git: Option<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Exit 1 when the amendment has such a change: added, removed, renamed, loosened, tightened,
        /// deadline-later, deadline-earlier, owners, changed
        #[arg(long, value_delimiter = ',')]
        deny: Vec<String>,
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
    /// Start a repository of plans: a starter plan, its agencies, example facts, a CI workflow and pre-commit hooks
    Init {
        /// A new or empty folder (a `.git` in it is fine)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The year of the starter plan; default: the current year
        #[arg(long, value_parser = clap::value_parser!(i32).range(init::YEARS))]
        year: Option<i32>,
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
    /// Run the language server on standard input and output, for editors (VS Code, Neovim, Helix)
    #[cfg(feature = "lsp")]
    Lsp,
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
pub(crate) enum LangArg {
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
        Err(e) if e.use_stderr() => {
            // clap quotes the bad argument, which may be a path holding an escape sequence.
            use std::io::IsTerminal;
            let mut err = Terminal::new(std::io::stderr());
            let _ = if use_color(std::io::stderr().is_terminal()) {
                write!(err, "{}", e.render().ansi())
            } else {
                write!(err, "{}", e.render())
            };
            return ExitCode::from(exit::USAGE);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(exit::CLEAN);
        }
    };
    // The server's writer thread writes to standard output itself: it must not be locked here.
    #[cfg(feature = "lsp")]
    if matches!(cli.command, Command::Lsp) {
        return ExitCode::from(lsp::run_lsp(&mut Terminal::new(std::io::stderr())));
    }
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let status = run(cli, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(status)
}

/// Runs one parsed command line. Standard error, and standard output when it carries text for people (not JSON,
/// SARIF or an export written for another program), pass through a `Terminal` filter (`cli/terminal.rs`).
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    use std::io::IsTerminal;
    let out_for_people = match &cli.command {
        Command::Check { format, .. } => *format == CheckFormat::Human,
        Command::Eval { format, .. } => *format != EvalFormat::Json,
        Command::Diff { format, .. } => *format != DiffFormat::Json,
        Command::Explain { .. } | Command::Fmt { .. } | Command::Init { .. } => true,
        // The protocol's messages, written by lsp-server to the process's own standard output.
        #[cfg(feature = "lsp")]
        Command::Lsp => false,
        // An export is data for another program, written as it is, unless a person is looking at it.
        Command::Export { .. } => std::io::stdout().is_terminal(),
    };
    // Annotations end up in a log that people read, and the runner reads their own `::` as commands.
    let annotations = matches!(
        &cli.command,
        Command::Check {
            format: CheckFormat::Github,
            ..
        }
    );
    let mut err = Terminal::new(err);
    let mut filtered;
    let out: &mut dyn Write = if out_for_people {
        filtered = Terminal::new(out);
        &mut filtered
    } else if annotations {
        filtered = Terminal::commands(out);
        &mut filtered
    } else {
        out
    };
    run_command(cli.command, out, &mut err)
}

fn run_command(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    use std::io::IsTerminal;
    match command {
        Command::Check {
            paths,
            facts,
            format,
            deny_warnings,
            lang,
        } => {
            let color = use_color(std::io::stderr().is_terminal());
            run_check(
                &crate::project::inputs(&paths),
                &facts,
                format,
                deny_warnings,
                lang.into(),
                color,
                out,
                err,
            )
        }
        Command::Diff {
            paths,
            git,
            format,
            deny,
            lang,
        } => {
            let args = DiffArgs {
                paths,
                git,
                format,
                deny,
                lang: lang.into(),
            };
            let color = format == DiffFormat::Human && use_color(std::io::stdout().is_terminal());
            let err_color = use_color(std::io::stderr().is_terminal());
            run_diff(&args, color, err_color, out, err)
        }
        Command::Explain { code, lang } => run_explain(code.as_deref(), lang.into(), out, err),
        #[cfg(feature = "lsp")]
        Command::Lsp => lsp::run_lsp(err),
        Command::Init { dir, year, lang } => run_init(
            &dir,
            year.unwrap_or_else(current_year),
            lang.into(),
            out,
            err,
        ),
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
