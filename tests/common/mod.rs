//! The one helper the fixture tests share: check and evaluate files as the command line does, through the
//! library's facade, and render what the command line shows.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of this helper"
)]

use std::path::{Path, PathBuf};

use kehoach::diagnostics::{Code, Lang};
use kehoach::eval::Report;
use kehoach::{EvalOptions, Project, Refusal, Source};

/// The fixtures folder, which the fixture tests' files are named relative to.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every diagnostic as the terminal shows it (without colour), in English then Vietnamese.
pub fn check_rendered(path: &Path) -> String {
    let project = open_fixture(path);
    let en = project.findings().render(Lang::En, false);
    let vi = project.findings().render(Lang::Vi, false);
    format!("{en}\n---- vi ----\n\n{vi}")
}

/// The codes raised, in order, and the rendering for the failure message.
pub fn check_codes(path: &Path) -> (Vec<Code>, String) {
    let project = open_fixture(path);
    let findings = project.findings();
    (
        findings.diagnostics().iter().map(|d| d.code).collect(),
        findings.render(Lang::En, false),
    )
}

/// Loads a file as the command line would, without changing the process's current folder (tests run in
/// parallel): a fixture is contained in the fixtures folder and named relative to it; any other file in its own
/// folder.
pub fn open_fixture(path: &Path) -> Project {
    let fixtures = fixtures();
    match path.strip_prefix(&fixtures) {
        Ok(relative) => Project::open_in(&fixtures, &[relative]),
        Err(_) => {
            let folder = path.parent().unwrap_or(Path::new("."));
            Project::open_in(folder, &[path.file_name().unwrap_or_default()])
        }
    }
}

/// Evaluates a plan against one facts file as `kehoach eval` does: the report at the facts' `as_of` (or the given
/// day) and every diagnostic about the facts, rendered without colour. `None` when the facts have errors.
pub fn evaluate_fixture(
    plan: &Path,
    facts_path: &Path,
    as_of: Option<chrono::NaiveDate>,
) -> (Option<Report>, String) {
    let (report, rendered, _) = evaluate_fixture_with_codes(plan, facts_path, as_of);
    (report, rendered)
}

/// [`evaluate_fixture`], with the codes of the facts' diagnostics in order.
#[expect(
    clippy::expect_used,
    clippy::panic,
    reason = "a test helper: a missing fixture file or a broken plan should stop the test"
)]
pub fn evaluate_fixture_with_codes(
    plan_path: &Path,
    facts_path: &Path,
    as_of: Option<chrono::NaiveDate>,
) -> (Option<Report>, String, Vec<Code>) {
    let project = open_fixture(plan_path);
    let plan = project.plan(None).unwrap_or_else(|refusal| {
        panic!(
            "{}: {refusal}\n{}",
            plan_path.display(),
            project.findings().render(Lang::En, false)
        )
    });
    let text = std::fs::read_to_string(facts_path).expect("facts");
    let name = facts_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let facts = plan.facts(Source::new(name, text).expect("facts within the size limit"));
    let findings = facts.findings();
    let options = EvalOptions {
        as_of,
        ..EvalOptions::default()
    };
    let report = match plan.evaluate(&facts, &options) {
        Ok(report) => Some(report),
        Err(Refusal::NoDate) => panic!("{}: no as_of date", facts_path.display()),
        Err(_) => None,
    };
    (
        report,
        findings.render(Lang::En, false),
        findings.diagnostics().iter().map(|d| d.code).collect(),
    )
}

/// Runs git in `repo` with a fixed identity and no system or user configuration, and returns what it printed;
/// fails the test if git fails.
#[expect(
    clippy::unwrap_used,
    reason = "a scratch repository that git cannot work in fails the test"
)]
pub fn git(repo: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
