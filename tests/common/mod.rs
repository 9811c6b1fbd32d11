//! The one helper the fixture tests share: check files as the command line does and render what it shows.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of this helper"
)]

use std::path::Path;

use kehoach::check::check_workspace;
use kehoach::cli::render_human;
use kehoach::diagnostics::Lang;
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
