//! Every read is bounded and refuses what is not a regular file; a folder's walk survives what it meets and stays
//! linear in the tree's depth; a run loads at most `MAX_FILES` files.

#![expect(
    clippy::unwrap_used,
    reason = "the setup fails the test when the scratch folder cannot be made"
)]

mod binary;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use binary::{kehoach, kehoach_through};
use kehoach::limits::{MAX_FILE_BYTES, MAX_FILES};
use kehoach::workspace::{FileSystem, OsFileSystem, Root};

const NOT_REGULAR: &str = "not a regular file; plans and facts are read only from regular files";

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

#[test]
fn a_device_is_refused_without_reading_it() {
    // Read whole, `/dev/zero` never ends: the run would grow until memory ran out.
    let run = kehoach(Path::new("/"), &["check", "/dev/zero"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.err,
        format!(
            "error: cannot read /dev/zero: it is a character device, {NOT_REGULAR}\n\
             checked 0 files: 0 errors, 0 warnings\n"
        )
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.plan"), "plan \"1\" { period 2023 }\n").unwrap();
    for args in [
        ["eval", "plan.plan", "--facts", "/dev/zero"],
        ["export", "/dev/zero", "--to", "json"],
    ] {
        let run = kehoach(dir.path(), &args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(
            run.err.starts_with(&format!(
                "error: cannot read /dev/zero: it is a character device, {NOT_REGULAR}\n"
            )),
            "{args:?}: {}",
            run.err
        );
    }
    let run = kehoach(dir.path(), &["fmt", "--check", "/dev/zero"]);
    assert_eq!(run.status, 2);
    assert!(run.err.contains("character device"), "{}", run.err);
}

#[test]
fn a_fifo_named_like_a_plan_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    mkfifo(&plans.join("x.plan"));
    std::fs::write(
        plans.join("ok.plan"),
        "owner a \"A\"\ntask t \"T\" { lead a }\n",
    )
    .unwrap();
    std::fs::write(plans.join("uses.plan"), "use \"x.plan\"\n").unwrap();
    let fifo =
        format!("error: cannot read plans/x.plan: it is a FIFO (named pipe), {NOT_REGULAR}\n");
    // The walk finds it, and reading refuses it with its path; the other files are checked.
    let run = kehoach(dir.path(), &["check", "plans", "--format", "json"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.err, fifo);
    let found: serde_json::Value = serde_json::from_str(&run.out).unwrap();
    let messages: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [format!(
            "`x.plan` cannot be read: it is a FIFO (named pipe), {NOT_REGULAR}"
        )]
    );
    for args in [
        vec!["check", "plans/x.plan"],
        vec!["fmt", "plans/x.plan"],
        vec!["export", "plans/x.plan", "--to", "dot"],
        vec!["eval", "plans/ok.plan", "--facts", "plans/x.plan"],
    ] {
        let run = kehoach(dir.path(), &args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.err.starts_with(&fifo), "{args:?}: {}", run.err);
    }
}

#[test]
fn a_link_to_a_device_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    symlink("/dev/zero", plans.join("x.plan")).unwrap();
    let run = kehoach(dir.path(), &["check", "plans"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.err,
        "error: cannot read plans/x.plan: it is a symbolic link leading outside the checked folder `plans`, \
         and is not followed\nchecked 0 files: 0 errors, 0 warnings\n"
    );
    let run = kehoach(dir.path(), &["check", "plans/x.plan"]);
    assert_eq!(run.status, 2);
    assert!(
        run.err.contains("symbolic link leading outside"),
        "{}",
        run.err
    );
}

#[test]
fn a_folder_named_like_a_plan_or_facts_is_refused_where_a_file_is_wanted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("x.plan")).unwrap();
    std::fs::create_dir(dir.path().join("x.facts")).unwrap();
    std::fs::write(
        dir.path().join("main.plan"),
        "plan \"1\" { period 2023 }\nuse \"x.plan\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("clean.plan"),
        "plan \"1\" { period 2023 }\n",
    )
    .unwrap();
    let run = kehoach(dir.path(), &["check", "main.plan", "--format", "json"]);
    assert_eq!(run.status, 1);
    assert!(
        run.out.contains(&format!(
            "`x.plan` cannot be read: it is a folder, {NOT_REGULAR}"
        )),
        "{}",
        run.out
    );
    let run = kehoach(dir.path(), &["eval", "clean.plan", "--facts", "x.facts"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.err,
        format!("error: cannot read x.facts: it is a folder, {NOT_REGULAR}\n")
    );
}

#[test]
fn a_file_over_the_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.plan");
    // Sparse: its size is what `stat` says, and nothing is written.
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
    std::fs::write(
        dir.path().join("clean.plan"),
        "plan \"1\" { period 2023 }\n",
    )
    .unwrap();
    std::fs::copy(&big, dir.path().join("big.facts")).unwrap();
    let over = "17 MiB is over the 16 MiB limit";
    for args in [
        vec!["check", "big.plan"],
        vec!["fmt", "big.plan"],
        vec!["export", "big.plan", "--to", "json"],
        vec!["eval", "clean.plan", "--facts", "big.facts"],
    ] {
        let run = kehoach(dir.path(), &args);
        assert_eq!(run.status, 2, "{args:?}");
        let name = args
            .last()
            .filter(|a| a.starts_with("big"))
            .unwrap_or(&args[1]);
        assert!(
            run.err
                .starts_with(&format!("error: cannot read {name}: {over}\n")),
            "{args:?}: {}",
            run.err
        );
    }
}

/// Whether this process runs as root, told by the owner of a file it makes.
fn running_as_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "").unwrap();
    let root = std::fs::metadata(&probe).unwrap().uid() == 0;
    std::fs::remove_file(&probe).unwrap();
    root
}

#[test]
fn a_locked_folder_is_reported_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(plans.join("locked")).unwrap();
    std::fs::create_dir_all(plans.join("open")).unwrap();
    std::fs::write(plans.join("locked/a.plan"), "owner a \"A\"\n").unwrap();
    std::fs::write(
        plans.join("open/b.plan"),
        "owner b \"B\"\ntask t \"T\" { lead b }\n",
    )
    .unwrap();
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    mode(&plans.join("locked"), 0o000);
    let expected = "error: cannot read plans/locked: permission denied\nchecked 1 file: 0 errors, 0 warnings\n";
    let run = if running_as_root(dir.path()) {
        // Root reads a locked folder all the same. Where `setpriv` can drop to `nobody`, the run does; elsewhere
        // the assertion is skipped.
        let usable = Command::new("setpriv").arg("--version").output();
        if !usable.is_ok_and(|o| o.status.success()) {
            eprintln!(
                "running as root without setpriv: a locked folder cannot be tested here; skipped"
            );
            mode(&plans.join("locked"), 0o755);
            return;
        }
        for path in [dir.path(), &plans, &plans.join("open")] {
            mode(path, 0o755);
        }
        mode(&plans.join("open/b.plan"), 0o644);
        kehoach_through(
            dir.path(),
            "setpriv",
            &["--reuid=65534", "--regid=65534", "--clear-groups"],
            &["check", "plans"],
        )
    } else {
        kehoach(dir.path(), &["check", "plans"])
    };
    mode(&plans.join("locked"), 0o755);
    assert_eq!(run.status, 2, "{}", run.err);
    assert_eq!(run.err, expected);
}

#[test]
fn a_folder_past_the_file_limit_is_cut_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    for i in 0..=MAX_FILES {
        std::fs::write(plans.join(format!("p{i:05}.plan")), "").unwrap();
    }
    let run = kehoach(dir.path(), &["check", "plans"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.err,
        format!(
            "error: cannot read plans: it holds more than {MAX_FILES} `.plan` files, the most a run checks; the \
             first {MAX_FILES} were taken\nchecked {MAX_FILES} files: 0 errors, 0 warnings\n"
        )
    );
    // Two folders within the limit each, over it together.
    let more = dir.path().join("more");
    std::fs::create_dir(&more).unwrap();
    std::fs::write(more.join("q.plan"), "").unwrap();
    std::fs::remove_file(plans.join("p00000.plan")).unwrap();
    let run = kehoach(dir.path(), &["check", "plans", "more"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.err,
        format!(
            "error: cannot read more/q.plan: a run checks at most {MAX_FILES} files; this one and any after it \
             were left out\nchecked {MAX_FILES} files: 0 errors, 0 warnings\n"
        )
    );
}

/// `depth` folders nested in one another, each with a plan.
fn nested(depth: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut path = dir.path().join("plans");
    std::fs::create_dir(&path).unwrap();
    for i in 0..depth {
        path.push("d");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x.plan"), format!("owner o{i} \"O\"\n")).unwrap();
    }
    dir
}

/// The walk of 1 500 nested folders finishes, and its work (system calls, resolving a path counted per component)
/// grows linearly with the depth: canonicalizing every folder from the top made it cubic (32 s at 1 500).
#[test]
fn the_walk_is_linear_in_depth() {
    let calls = |depth: usize| {
        let dir = nested(depth);
        let plans = dir.path().join("plans");
        let root = Root {
            real: std::fs::canonicalize(&plans).unwrap(),
            shown: "plans".into(),
        };
        let walk = OsFileSystem.walk(&plans, &root);
        assert_eq!(walk.files.len(), depth);
        assert!(walk.problems.is_empty(), "{:?}", walk.problems);
        walk.calls
    };
    let (small, large) = (calls(500), calls(1_000));
    assert!(
        large <= small * 5 / 2,
        "500 folders: {small} calls, 1 000: {large}"
    );
    assert!(large <= 4 * 1_000, "1 000 folders: {large} calls");

    let dir = nested(1_500);
    let run = kehoach(dir.path(), &["check", "plans", "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.err);
    let found: serde_json::Value = serde_json::from_str(&run.out).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1_500);
}
