//! The library's one way in: plan files loaded from disk or from memory and checked once ([`Project`]), a plan
//! picked from them ([`Plan`]), facts read against that plan ([`Facts`]), and what a plan gives — its [`Report`],
//! an export, its reporting form — or a file's canonical layout ([`format`]).
//!
//! The command line, the WebAssembly package and the tests are thin shells over this module: which plan a call
//! is about, when nothing may be evaluated (files that could not be read, errors in the plan or the facts), which
//! day a report describes and how large an input may be are decided here, once. The shells only choose how to
//! show what it returns: a terminal report, JSON, JavaScript objects.
//!
//! ```
//! use kehoach::{EvalOptions, Project, Source};
//!
//! let plan = "plan \"1/KH\" { period 2023 }\nowner so_yt \"Sở Y tế\"\n\
//!             target bhyt \"Tỷ lệ bao phủ BHYT\" { unit \"%\"; goal >= 95; lead so_yt }\n";
//! let project = Project::from_sources(vec![Source::new("plan.plan", plan)?]);
//! assert!(project.findings().is_empty());
//! let plan = project.plan(None)?;
//! let facts = plan.facts(Source::new("plan.facts", "facts \"1/KH\" as_of 2023-06-30 { bhyt 2023-H1 = 93.5 }")?);
//! let report = plan.evaluate(&facts, &EvalOptions::default())?;
//! assert_eq!(report.targets().next().map(|t| t.status.to_string()).as_deref(), Some("behind"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod facts;
mod findings;
mod pick;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::check_workspace;
use crate::diagnostics::{Lang, sort_and_dedup};
use crate::export::Format;
use crate::form::Field;
use crate::model::Model;
use crate::source::{SourceFile, Sources};
use crate::text;
use crate::workspace::{
    self, FileSystem, Input, MemoryFileSystem, OsFileSystem, Unreadable, Workspace,
};

pub use facts::{EvalOptions, Facts};
pub use findings::Findings;
pub use pick::{PickError, Refusal};

/// A text to check, evaluate or format: a file's name, as diagnostics show it, and its text, at most
/// [`MAX_FILE_BYTES`](crate::limits::MAX_FILE_BYTES) long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    name: String,
    text: String,
}

impl Source {
    /// A text given in memory (the `{ path: source }` maps of the JavaScript API, a form's facts). This is the one
    /// place where the size limit holds for texts in memory; files on disk are held to it by the one bounded
    /// reader, which never reads past it.
    ///
    /// ```
    /// let big = "x".repeat(kehoach::limits::MAX_FILE_BYTES + 1);
    /// let refused = kehoach::Source::new("big.plan", big).unwrap_err();
    /// assert_eq!(refused.message(kehoach::diagnostics::Lang::En), "cannot read big.plan: 17 MiB is over the 16 MiB limit");
    /// ```
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Result<Source, Unreadable> {
        let (name, text) = (name.into(), text.into());
        match workspace::fits(text.len()) {
            Ok(()) => Ok(Source { name, text }),
            Err(e) => Err(Unreadable::of(Path::new(&name), &e)),
        }
    }

    /// A file named by a user (facts given on the command line): read from disk inside its own folder (a symbolic
    /// link leading out of it is refused), a regular file, within the size limit, UTF-8 text. Its name is the path
    /// as given.
    pub fn read(path: &Path) -> Result<Source, Unreadable> {
        let contents = workspace::read_named(path)?;
        let name = workspace::display(path);
        match String::from_utf8(contents.bytes) {
            Ok(text) => Ok(Source { name, text }),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Err(Unreadable::new(
                    path,
                    text!(
                        "not UTF-8 text (byte {at})",
                        "không phải văn bản UTF-8 (byte {at})"
                    ),
                ))
            }
        }
    }

    /// A text the bounded reader has already held to the size limit.
    #[cfg(feature = "cli")]
    pub(crate) fn bounded(name: String, text: String) -> Source {
        Source { name, text }
    }

    /// The file's name, as diagnostics show it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Plan files loaded and checked together: the files given and every file they bring in with `use`, each plan
/// (a root file and what it uses, one scope of ids) resolved into a model, and every diagnostic.
///
/// Load from disk with [`Project::open`] (paths as on the command line) or [`Project::open_in`] (paths inside one
/// folder), or from memory with [`Project::from_sources`]; then [`findings`](Project::findings) says what is wrong
/// and [`plan`](Project::plan) gives a plan to evaluate, export or turn into a form.
pub struct Project {
    workspace: Workspace,
    findings: Findings,
    models: Vec<Arc<Model>>,
    /// Whether the files were read from disk (a plan may then be named by any path to its file).
    on_disk: bool,
}

impl Project {
    /// Loads and checks the files and folders named, as `kehoach check` takes them: a folder stands for every
    /// `.plan` file below it; no path stands for the current folder. Each path is contained in its own root — a
    /// folder named, or a named file's folder — whatever the working directory: a `use`, a folder's walk or a
    /// symbolic link never reads a file outside it.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("kehoach-open-doctest-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("plan.plan"), "plan \"1/KH\" { period 2023 }\nowner so_yt \"Sở Y tế\"\n")?;
    /// let project = kehoach::Project::open(&[&dir, &dir.join("missing.plan")]);
    /// // The folder's one plan file is read; the file that does not exist is named, and no plan may be used.
    /// assert_eq!(project.file_count(), 1);
    /// assert_eq!(project.unreadable().len(), 1);
    /// assert_eq!(project.plan(None).err(), Some(kehoach::Refusal::Unreadable { files: 1 }));
    /// std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn open(paths: &[impl AsRef<Path>]) -> Project {
        Project::open_inputs(&inputs(paths))
    }

    /// Loads and checks each input's path, contained in its root: nothing outside the root is read, not through
    /// `use` (`..`, an absolute path, a symbolic link), not through a folder's walk, not through a named file that is
    /// a link leading out.
    pub fn open_inputs(inputs: &[Input]) -> Project {
        Project::check(workspace::load(&OsFileSystem, inputs), true)
    }

    /// Loads and checks each input's path through `fs` rather than straight from the disk: an editor's unsaved
    /// buffers served over the files they shadow (`kehoach lsp`). Contained as [`Project::open_inputs`] is, as long
    /// as `fs` resolves paths and walks folders as [`OsFileSystem`] does, which a layer over it does by asking it.
    pub fn open_through(fs: &dyn FileSystem, inputs: &[Input]) -> Project {
        Project::check(workspace::load(fs, inputs), true)
    }

    /// Loads and checks `paths`, which lie inside `root`: read from `root`, contained in it, and named in
    /// diagnostics relative to it (an editor's workspace folder, a test's fixtures).
    pub fn open_in(root: &Path, paths: &[impl AsRef<Path>]) -> Project {
        let inputs: Vec<Input> = paths
            .iter()
            .map(|p| Input {
                path: root.join(p),
                root: root.to_path_buf(),
            })
            .collect();
        let mut workspace = workspace::load(&OsFileSystem, &inputs);
        let prefix = format!("{}/", workspace::display(root));
        workspace
            .sources
            .rename(|name| name.strip_prefix(&prefix).map(str::to_string));
        Project::check(workspace, true)
    }

    /// Loads and checks texts given in memory, under one root: a `use` path is resolved among them.
    ///
    /// ```
    /// use kehoach::{Project, Source};
    ///
    /// let owners = Source::new("owners.plan", "owner so_yt \"Sở Y tế\"\n")?;
    /// let plan = Source::new(
    ///     "plan.plan",
    ///     "plan \"1/KH\" { period 2023 }\nuse \"owners.plan\"\n\
    ///      task kham \"Khám sàng lọc\" { due 2023-Q4; lead so_yt }\n",
    /// )?;
    /// let project = Project::from_sources(vec![plan, owners]);
    /// // `so_yt` comes from the file the plan uses: both are read, and the plan checks clean.
    /// assert_eq!(project.file_count(), 2);
    /// assert!(project.findings().is_empty());
    /// assert_eq!(project.plan(None)?.number(), Some("1/KH"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_sources(sources: Vec<Source>) -> Project {
        let fs: MemoryFileSystem = sources
            .into_iter()
            .map(|source| (source.name, source.text))
            .collect();
        Project::check(workspace::load_memory(&fs), false)
    }

    fn check(mut workspace: Workspace, on_disk: bool) -> Project {
        let checked = check_workspace(&workspace);
        let sources = Arc::new(std::mem::take(&mut workspace.sources));
        Project {
            workspace,
            findings: Findings::new(checked.diagnostics, sources),
            models: checked.models,
            on_disk,
        }
    }

    /// Every diagnostic of every file, in reading order, each once.
    ///
    /// ```
    /// use kehoach::diagnostics::Code;
    /// use kehoach::{Project, Source};
    ///
    /// let text = "plan \"1/KH\" { period 2023 }\nowner so_yt \"Sở Y tế\"\n\
    ///             task kham \"Khám sàng lọc\" { due 2023-Q4; lead so_ytt }\n";
    /// let project = Project::from_sources(vec![Source::new("plan.plan", text)?]);
    /// let codes: Vec<Code> = project.findings().diagnostics().iter().map(|d| d.code).collect();
    /// assert_eq!(codes, [Code::UnknownReference]);
    /// assert_eq!(project.findings().tally().errors, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn findings(&self) -> &Findings {
        &self.findings
    }

    /// The paths that could not be read, and why: a file that does not exist or is too large, a symbolic link that
    /// leads outside its root. Nothing may be evaluated or exported while one is missing.
    pub fn unreadable(&self) -> &[Unreadable] {
        &self.workspace.unreadable
    }

    /// How many files were read.
    pub fn file_count(&self) -> usize {
        self.workspace.files.len()
    }

    /// The plan a call is about, ready to be evaluated, exported or turned into a form: the plan `which` names
    /// (its number, such as `370/KH-UBND`, or its root file's path), else the only plan, else the only one with a
    /// `plan` header. Refused, in this order, when no plan fits, when a file could not be
    /// read, or when any file has an error: a plan is only used when everything checked clean of errors.
    ///
    /// ```
    /// use kehoach::{Project, Refusal, Source};
    ///
    /// let a = Source::new("a.plan", "plan \"1/KH\" { period 2023 }\n")?;
    /// let b = Source::new("b.plan", "plan \"2/KH\" { period 2024 }\n")?;
    /// let project = Project::from_sources(vec![a, b]);
    /// // Two plans: one is named by its number or by its file; without a name none is guessed.
    /// assert_eq!(project.plan(Some("2/KH"))?.file_name(), "b.plan");
    /// assert_eq!(project.plan(Some("a.plan"))?.number(), Some("1/KH"));
    /// assert!(matches!(project.plan(None), Err(Refusal::Pick(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan(&self, which: Option<&str>) -> Result<Plan, Refusal> {
        let model = self.pick(which).map_err(Refusal::Pick)?;
        self.usable()?;
        Ok(Plan {
            model: Arc::clone(model),
            sources: Arc::clone(self.findings.sources()),
        })
    }

    /// Every plan, each as [`Project::plan`] would give it, in the order of their root files; refused as
    /// [`Project::plan`] refuses, when a file could not be read or has an error.
    pub fn plans(&self) -> Result<Vec<Plan>, Refusal> {
        self.usable()?;
        Ok(self
            .models
            .iter()
            .map(|model| Plan {
                model: Arc::clone(model),
                sources: Arc::clone(self.findings.sources()),
            })
            .collect())
    }

    /// Whether the project's plans may be used: every file read, none with an error.
    fn usable(&self) -> Result<(), Refusal> {
        if !self.unreadable().is_empty() {
            return Err(Refusal::Unreadable {
                files: self.unreadable().len(),
            });
        }
        let errors = self.findings.tally().errors;
        if errors > 0 {
            return Err(Refusal::PlanErrors { errors });
        }
        Ok(())
    }

    /// Which plan [`Project::plan`] takes, errors or not; or why none.
    pub(crate) fn pick(&self, which: Option<&str>) -> Result<&Arc<Model>, PickError> {
        pick::pick(self, which)
    }

    /// The texts of the files, for rendering diagnostics.
    pub(crate) fn sources(&self) -> &Sources {
        self.findings.sources()
    }

    /// The files as loaded, their syntax trees and the units they form (their texts are in [`Project::sources`]),
    /// for the editor's analysis.
    pub(crate) fn workspace(&self) -> &Workspace {
        &self.workspace
    }
}

/// The inputs for paths named on a command line: each contained in its own root (a folder named, or a named file's
/// folder); the current folder when none is named.
pub(crate) fn inputs(paths: &[impl AsRef<Path>]) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::named(Path::new("."))];
    }
    paths.iter().map(|p| Input::named(p.as_ref())).collect()
}

/// One checked plan without errors, taken from a [`Project`] with [`Project::plan`]: evaluate it against facts,
/// export it, or ask for its reporting form. Cheap to clone, and independent of the project it came from.
#[derive(Clone)]
pub struct Plan {
    model: Arc<Model>,
    sources: Arc<Sources>,
}

impl Plan {
    /// The plan's number (`370/KH-UBND`), when it has a `plan` header.
    pub fn number(&self) -> Option<&str> {
        self.model.plan.as_ref().map(|p| p.number.as_str())
    }

    /// The name of the plan's root file, as diagnostics show it.
    pub fn file_name(&self) -> &str {
        self.sources.name(self.model.root)
    }

    /// The plan's title, when its header gives one.
    pub fn title(&self) -> Option<&str> {
        self.model.plan.as_ref().and_then(|p| p.title.as_deref())
    }

    /// The plan in another format: JSON (`docs/plan.schema.json`), an iCalendar file, a Mermaid Gantt chart or a
    /// Graphviz graph (`docs/EXPORTS.md`). `lang` chooses the words the calendar adds; the plan's own text is
    /// never translated.
    ///
    /// ```
    /// use kehoach::{Project, Source, diagnostics::Lang, export::Format};
    ///
    /// let text = "plan \"1/KH\" { period 2024 }\nowner a \"Sở A\"\ntask t \"Việc\" { lead a; due 2024-Q2 }\n";
    /// let plan = Project::from_sources(vec![Source::new("plan.plan", text)?]).plan(None)?;
    /// assert!(plan.export(Format::Mermaid, Lang::En).contains("Việc :t, 2024-01-01, 2024-06-30"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export(&self, format: Format, lang: Lang) -> String {
        crate::export::export(&self.model, format, lang)
    }

    /// [`Plan::export`] written to `out`; a calendar, which can be long, event by event.
    pub fn write_export(
        &self,
        format: Format,
        lang: Lang,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        crate::export::write(&self.model, format, lang, out)
    }

    /// The reporting form of the plan: one field per measure, target and task, saying where its fact goes.
    ///
    /// ```
    /// use kehoach::{Project, Source};
    ///
    /// let text = "plan \"1/KH\" { period 2023 }\nowner a \"Sở A\"\ntarget x \"X\" { unit \"%\"; goal >= 9.3; lead a }\n";
    /// let plan = Project::from_sources(vec![Source::new("plan.plan", text)?]).plan(None)?;
    /// let fields = plan.form_fields();
    /// assert_eq!((fields[0].id.as_str(), fields[0].goal.as_deref()), ("x", Some(">= 9.3")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn form_fields(&self) -> Vec<Field> {
        crate::form::fields(&self.model)
    }

    /// The reporting form on a report date: a recurring duty's or report's occurrences are those due by `as_of`
    /// and the next one (see [`crate::form::fields_as_of`]).
    pub fn form_fields_as_of(&self, as_of: Option<chrono::NaiveDate>) -> Vec<Field> {
        crate::form::fields_as_of(&self.model, as_of)
    }

    /// Every owner of the plan with its groups, for a form's "đơn vị của tôi" (one department's items).
    pub fn form_owners(&self) -> Vec<crate::form::FormOwner> {
        crate::form::owners_of(&self.model)
    }

    /// The checked model, for the crate's own tools (generated facts for benchmarks).
    pub(crate) fn model(&self) -> &Arc<Model> {
        &self.model
    }
}

/// A file's text in the canonical layout, as `kehoach fmt` writes it, every comment in place; or why it cannot be
/// formatted: its syntax errors, or — a defect of the formatter, never of the plan — a `format-changes-meaning`
/// error when the result would not parse back to the same plan. Formatting the result again changes nothing.
///
/// ```
/// let source = kehoach::Source::new("plan.plan", "owner a \"Sở A\"   // cơ quan\n")?;
/// assert_eq!(kehoach::format(&source).ok().as_deref(), Some("owner a \"Sở A\"  // cơ quan\n"));
/// # Ok::<(), kehoach::Unreadable>(())
/// ```
///
/// A source named `*.facts` is a text facts file (SPEC section 6), formatted in its own layout (see
/// `docs/EVALUATION.md`, "Facts").
pub fn format(source: &Source) -> Result<String, Findings> {
    let formatted = if source.name.ends_with(".facts") {
        crate::fmt::format_facts(&source.text)
    } else {
        crate::fmt::format(&source.text)
    };
    formatted.map_err(|mut diagnostics| {
        sort_and_dedup(&mut diagnostics);
        // The formatter's diagnostics point into its only file (`fmt::FILE`, the first).
        let mut sources = Sources::new();
        sources.add(SourceFile::new(source.name.clone(), source.text.as_str()));
        Findings::new(diagnostics, Arc::new(sources))
    })
}

/// Where the files of a project came from, for picking a plan by its file.
pub(crate) fn real_path(project: &Project, file: crate::source::FileId) -> Option<&PathBuf> {
    project.workspace.file(file).map(|f| &f.path)
}
