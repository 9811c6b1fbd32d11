//! The one helper the fixture tests share: check files as the command line does and render what it shows.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of this helper"
)]

use std::path::Path;

use kehoach::check::check_workspace;
use kehoach::cli::render_human;
use kehoach::diagnostics::{Lang, Tally};
use kehoach::workspace::{Input, OsFileSystem, Workspace, load};

/// Every diagnostic as the terminal shows it (without colour), in English then Vietnamese.
pub fn check_rendered(path: &Path) -> String {
    let workspace = load_with_root(path);
    let checked = check_workspace(&workspace);
    let en = render_human(&checked.diagnostics, &workspace.sources, Lang::En, false);
    let vi = render_human(&checked.diagnostics, &workspace.sources, Lang::Vi, false);
    format!("{en}\n---- vi ----\n\n{vi}")
}

/// The codes raised, in order, and the rendering for the failure message.
pub fn check_codes(path: &Path) -> (Vec<kehoach::diagnostics::Code>, String) {
    let workspace = load_with_root(path);
    let checked = check_workspace(&workspace);
    let rendered = render_human(&checked.diagnostics, &workspace.sources, Lang::En, false);
    (
        checked.diagnostics.iter().map(|d| d.code).collect(),
        rendered,
    )
}

/// Loads without changing the process's current folder (tests run in parallel): the file's name is shown
/// relative to the fixtures folder.
pub fn load_with_root(path: &Path) -> Workspace {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut workspace = load(
        &OsFileSystem,
        &[Input {
            path: path.to_path_buf(),
            root: root.clone(),
        }],
    );
    // Show paths relative to the fixtures folder.
    let prefix = format!("{}/", root.display());
    workspace.sources = relabel(workspace.sources, &prefix);
    workspace
}

fn relabel(sources: kehoach::source::Sources, prefix: &str) -> kehoach::source::Sources {
    let mut out = kehoach::source::Sources::new();
    for (_, file) in sources.iter() {
        let name = file
            .name
            .strip_prefix(prefix)
            .unwrap_or(&file.name)
            .to_string();
        out.add(kehoach::source::SourceFile::new(name, file.text.clone()));
    }
    out
}

/// Evaluates a plan against one facts file as `kehoach eval` does: the report at the facts' `as_of` (or the given
/// day) and every diagnostic about the facts, rendered without colour. `None` when the plan or the facts have
/// errors.
pub fn evaluate_fixture(
    plan: &Path,
    facts_path: &Path,
    as_of: Option<chrono::NaiveDate>,
) -> (Option<kehoach::eval::Report>, String) {
    let (report, rendered, _) = evaluate_fixture_with_codes(plan, facts_path, as_of);
    (report, rendered)
}

/// [`evaluate_fixture`], with the codes of the facts' diagnostics in order.
#[expect(
    clippy::expect_used,
    reason = "a test helper: a missing fixture file should stop the test"
)]
pub fn evaluate_fixture_with_codes(
    plan: &Path,
    facts_path: &Path,
    as_of: Option<chrono::NaiveDate>,
) -> (
    Option<kehoach::eval::Report>,
    String,
    Vec<kehoach::diagnostics::Code>,
) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut workspace = if plan.starts_with(&fixtures) {
        load_with_root(plan)
    } else {
        let root = plan.parent().unwrap_or(plan).to_path_buf();
        load(
            &OsFileSystem,
            &[Input {
                path: plan.to_path_buf(),
                root,
            }],
        )
    };
    let checked = check_workspace(&workspace);
    let plan_errors = Tally::of(&checked.diagnostics).errors;
    let rendered_plan = render_human(&checked.diagnostics, &workspace.sources, Lang::En, false);
    assert_eq!(plan_errors, 0, "{}:\n{rendered_plan}", plan.display());
    let model = checked.models.first().expect("a plan");
    let text = std::fs::read_to_string(facts_path).expect("facts");
    let name = facts_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = workspace.sources.add(kehoach::source::SourceFile::new(
        name.clone(),
        text.as_str(),
    ));
    let (facts, mut diagnostics) = kehoach::facts::read(&name, &text, file);
    let checked_facts = facts.as_ref().map(|f| kehoach::facts::check(model, f));
    if let Some(c) = &checked_facts {
        diagnostics.extend(c.diagnostics.iter().cloned());
    }
    kehoach::diagnostics::sort_and_dedup(&mut diagnostics);
    let rendered = render_human(&diagnostics, &workspace.sources, Lang::En, false);
    let errors = Tally::of(&diagnostics).errors;
    let report = checked_facts.filter(|_| errors == 0).map(|c| {
        let as_of = as_of.or(c.index.as_of).expect("an as_of date");
        kehoach::eval::evaluate_index(model, &c.index, &kehoach::eval::Options::new(as_of))
    });
    (
        report,
        rendered,
        diagnostics.iter().map(|d| d.code).collect(),
    )
}
