//! `kehoach diff`: a reformatted plan has no change in meaning; every documented command, run by the binary on a
//! temporary git repository with two commits (the bundled Bà Rịa – Vũng Tàu plan, then the made-up amendment of
//! `examples/amendment`).

#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions fail loudly"
)]

mod common;
use common::git;

use std::path::Path;
use std::process::{Command, Output};

use kehoach::check::check_workspace;
use kehoach::diff::diff;
use kehoach::generate::{Shape, workspace};
use kehoach::model::Model;
use kehoach::workspace::{MemoryFileSystem, load_memory};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every model of the files, by the path of its root file.
fn models(files: &[(String, String)]) -> Vec<(String, std::sync::Arc<Model>)> {
    let mut fs = MemoryFileSystem::new();
    for (path, text) in files {
        fs.insert(path, text.clone());
    }
    let ws = load_memory(&fs);
    let checked = check_workspace(&ws);
    assert!(
        !checked.diagnostics.iter().any(|d| d.is_error()),
        "{:?}",
        checked.diagnostics
    );
    let mut out: Vec<(String, std::sync::Arc<Model>)> = checked
        .models
        .into_iter()
        .map(|m| (ws.file(m.root).unwrap().path.display().to_string(), m))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn assert_formatting_changes_nothing(files: Vec<(String, String)>) {
    let formatted: Vec<(String, String)> = files
        .iter()
        .map(|(path, text)| (path.clone(), kehoach::fmt::format(text).unwrap()))
        .collect();
    assert!(
        files.iter().zip(&formatted).any(|(a, b)| a.1 != b.1),
        "the test needs a layout change to be meaningful"
    );
    let (before, after) = (models(&files), models(&formatted));
    assert_eq!(before.len(), after.len());
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        let d = diff(old, new);
        assert!(d.is_empty(), "{path}: {d:?}");
    }
}

fn plans_in(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "plan"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_reformatted_plan_has_no_change_in_meaning() {
    for folder in ["ba-ria-vung-tau", "ben-tre", "quang-ninh"] {
        // Each bundled plan laid out otherwise (indented further, a comment added), against `fmt`'s layout.
        let files = plans_in(&root().join("plans").join(folder));
        let moved = |text: &str| -> String {
            let lines: Vec<String> = text.lines().map(|l| format!("   {l}  ")).collect();
            format!("// moved\n\n{}\n", lines.join("\n"))
        };
        assert_formatting_changes_nothing(
            files.iter().map(|(p, t)| (p.clone(), moved(t))).collect(),
        );
    }
    let generated: Vec<(String, String)> = workspace(Shape::with_items(4_000))
        .into_iter()
        .map(|f| (f.path, kehoach::generate::one_line(&f.text)))
        .collect();
    assert_formatting_changes_nothing(generated);
}

fn kehoach(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for (name, text) in plans_in(from) {
        std::fs::write(to.join(name), text).unwrap();
    }
}

/// A repository whose first commit holds the bundled plan in `plans/` and whose second the amendment.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    copy(
        &root().join("plans/ba-ria-vung-tau"),
        &repo.path().join("plans"),
    );
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-qm", "the plan"]);
    copy(
        &root().join("examples/amendment"),
        &repo.path().join("plans"),
    );
    git(repo.path(), &["commit", "-qam", "the amendment"]);
    repo
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn the_amendment_against_the_last_commit_in_every_format() {
    let repo = repository();
    let dir = repo.path();
    // Against the work tree, which holds the amendment: HEAD~1 is the plan as it was.
    let human = kehoach(dir, &["diff", "--git", "HEAD~1", "plans"]);
    assert_eq!(human.status.code(), Some(0), "{}", stderr(&human));
    insta::assert_snapshot!("git_human", stdout(&human));
    let vi = kehoach(dir, &["diff", "--git", "HEAD~1", "--lang", "vi"]);
    insta::assert_snapshot!("git_human_vi", stdout(&vi));
    let markdown = kehoach(dir, &["diff", "--git", "HEAD~1", "--format", "markdown"]);
    assert_eq!(markdown.status.code(), Some(0));
    insta::assert_snapshot!("git_markdown", stdout(&markdown));

    let json = kehoach(
        dir,
        &[
            "diff",
            "--git",
            "HEAD~1",
            "plans/kh-24-nq-tw.plan",
            "--format",
            "json",
        ],
    );
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/diff.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(value["summary"]["loosened"], 2);
    assert_eq!(value["summary"]["tightened"], 1);
    assert_eq!(value["plans"][0]["old"], "HEAD~1:plans/kh-24-nq-tw.plan");

    // Nothing changed against the last commit.
    let same = kehoach(dir, &["diff", "--git", "HEAD"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(
        stdout(&same),
        "plans/kh-24-nq-tw.plan (KH-24-NQ/TW (UBND tỉnh Bà Rịa – Vũng Tàu, không số)): no change in meaning\n"
    );
}

#[test]
fn deny_fails_on_the_kinds_of_change_it_names() {
    let repo = repository();
    let dir = repo.path();
    let denied = kehoach(
        dir,
        &[
            "diff",
            "--git",
            "HEAD~1",
            "--deny",
            "loosened,removed,deadline-later",
        ],
    );
    assert_eq!(denied.status.code(), Some(1));
    assert_eq!(
        stderr(&denied),
        "denied: the amendment has changes `--deny` refuses: removed, loosened, deadline-later\n"
    );
    let allowed = kehoach(dir, &["diff", "--git", "HEAD~1", "--deny", "added"]);
    assert_eq!(allowed.status.code(), Some(1), "a task was added");
    let none = kehoach(dir, &["diff", "--git", "HEAD", "--deny", "changed"]);
    assert_eq!(none.status.code(), Some(0));
    let bad = kehoach(dir, &["diff", "--git", "HEAD", "--deny", "worse"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`--deny worse`: not a kind of change"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn two_folders_give_what_the_example_readme_shows() {
    let out = kehoach(
        root(),
        &["diff", "plans/ba-ria-vung-tau", "examples/amendment"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let readme = std::fs::read_to_string(root().join("examples/amendment/README.md")).unwrap();
    assert!(
        readme.contains(&stdout(&out)),
        "examples/amendment/README.md should show:\n{}",
        stdout(&out)
    );
}

#[test]
fn plans_with_errors_are_not_compared_and_fail_only_on_the_new_side() {
    let repo = repository();
    let dir = repo.path();
    let plan = dir.join("plans/kh-24-nq-tw.plan");
    let good = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        good.replacen("goal     >= 500", "goal     >= 500 +", 1),
    )
    .unwrap();
    let broken = kehoach(dir, &["diff", "--git", "HEAD"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stderr(&broken).contains("the plans of the work tree have 1 error"),
        "{}",
        stderr(&broken)
    );
    assert!(stderr(&broken).contains("syntax"), "{}", stderr(&broken));
    assert!(
        stdout(&broken).contains("not compared"),
        "{}",
        stdout(&broken)
    );

    // The broken plan committed, then fixed: the fix passes.
    git(dir, &["commit", "-qam", "broken"]);
    std::fs::write(&plan, &good).unwrap();
    let fixed = kehoach(dir, &["diff", "--git", "HEAD"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    assert!(
        stderr(&fixed).contains("the plans of `HEAD` have 1 error"),
        "{}",
        stderr(&fixed)
    );
}

#[test]
fn what_a_revision_may_not_give_is_refused() {
    let repo = repository();
    let dir = repo.path();
    let bad_rev = kehoach(dir, &["diff", "--git", "no-such-branch"]);
    assert_eq!(bad_rev.status.code(), Some(2));
    assert_eq!(
        stderr(&bad_rev),
        "error: `no-such-branch` names no revision of the git repository here\n"
    );
    let option = kehoach(dir, &["diff", "--git=--output=/tmp/x"]);
    assert_eq!(option.status.code(), Some(2));

    // A link in the revision is not followed; a plan in a hidden folder is not read.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", dir.join("plans/leak.plan")).unwrap();
        std::fs::create_dir_all(dir.join("plans/.hidden")).unwrap();
        std::fs::write(dir.join("plans/.hidden/x.plan"), "this is no plan").unwrap();
        git(dir, &["add", "."]);
        git(dir, &["commit", "-qm", "a link"]);
        std::fs::remove_file(dir.join("plans/leak.plan")).unwrap();
        let linked = kehoach(dir, &["diff", "--git", "HEAD", "plans"]);
        assert_eq!(linked.status.code(), Some(2));
        assert_eq!(
            stderr(&linked),
            "error: cannot read HEAD:plans/leak.plan: it is a symbolic link in the revision, which is not followed\n"
        );
    }

    let usage = kehoach(dir, &["diff", "plans"]);
    assert_eq!(usage.status.code(), Some(2));
}
