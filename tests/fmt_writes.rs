//! `kehoach fmt` does not hurt the files it formats: it keeps their mode and owner, refuses a read-only file, formats
//! a linked plan in place and keeps the link, refuses a link leaving the folder, and loses no edit made while it
//! ran. `export --out` writes through to what is not a regular file.

#![expect(
    clippy::unwrap_used,
    reason = "the setup fails the test when the scratch folder cannot be made"
)]

mod binary;

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use binary::{kehoach, kehoach_through};
use kehoach::cli::write::{WriteError, check_unchanged, replace_plan};
use kehoach::workspace::read_bounded;

const MESSY: &str = "task t1 \"Việc\" {   lead a; due 2023-7 }\nowner a \"A\"\n";
const TIDY: &str = "task t1 \"Việc\" {\n  lead     a\n  due      2023-07\n}\n\nowner a \"A\"\n";

fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    (dir, plans)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The names in a folder: no temporary file may be left behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn running_as_root(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, "").unwrap();
    let root = std::fs::metadata(&probe).unwrap().uid() == 0;
    std::fs::remove_file(&probe).unwrap();
    root
}

fn setpriv_works() -> bool {
    Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_mode_is_kept() {
    let (dir, plans) = scratch();
    let plan = plans.join("p.plan");
    std::fs::write(&plan, MESSY).unwrap();
    set_mode(&plan, 0o640);
    let run = kehoach(dir.path(), &["fmt", "plans"]);
    assert_eq!(run.status, 0, "{}", run.err);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), TIDY);
    assert_eq!(mode(&plan), 0o640);
    assert_eq!(names(&plans), ["p.plan"]);
}

#[test]
fn a_read_only_file_is_refused_and_left_as_it_is() {
    let (dir, plans) = scratch();
    let plan = plans.join("p.plan");
    std::fs::write(&plan, MESSY).unwrap();
    set_mode(&plan, 0o444);
    let run = kehoach(dir.path(), &["fmt", "plans"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.err,
        "error: cannot write plans/p.plan: the file is read-only; make it writable (e.g. `chmod u+w`) if it \
         should change; left as it was\nformatted 0 files, 0 unchanged\n"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), MESSY);
    assert_eq!(mode(&plan), 0o444);
    assert_eq!(names(&plans), ["p.plan"]);
    // `--check` writes nothing, so a read-only file is checked as any other.
    let run = kehoach(dir.path(), &["fmt", "--check", "plans"]);
    assert_eq!(run.status, 1, "{}", run.err);
}

#[test]
fn the_owner_is_kept() {
    let (dir, plans) = scratch();
    if !running_as_root(dir.path()) {
        eprintln!("not root: a file cannot be given to another owner here; skipped");
        return;
    }
    let plan = plans.join("p.plan");
    std::fs::write(&plan, MESSY).unwrap();
    std::os::unix::fs::chown(&plan, Some(65534), Some(65534)).unwrap();
    set_mode(&plan, 0o664);
    let run = kehoach(dir.path(), &["fmt", "plans"]);
    assert_eq!(run.status, 0, "{}", run.err);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), TIDY);
    let metadata = std::fs::metadata(&plan).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
    assert_eq!(mode(&plan), 0o664);
}

/// Someone else's file in a folder one may write: replacing it would take it from its owner.
#[test]
fn another_users_file_is_refused() {
    let (dir, plans) = scratch();
    if !running_as_root(dir.path()) || !setpriv_works() {
        eprintln!(
            "needs root and setpriv to make a file owned by someone else and run as nobody; skipped"
        );
        return;
    }
    set_mode(dir.path(), 0o755);
    set_mode(&plans, 0o777);
    let plan = plans.join("p.plan");
    std::fs::write(&plan, MESSY).unwrap();
    set_mode(&plan, 0o666);
    let run = kehoach_through(
        dir.path(),
        "setpriv",
        &["--reuid=65534", "--regid=65534", "--clear-groups"],
        &["fmt", "plans"],
    );
    assert_eq!(run.status, 2, "{}", run.err);
    assert_eq!(
        run.err,
        "error: cannot write plans/p.plan: the file belongs to another user, and replacing it would make it \
         yours; left as it was\nformatted 0 files, 0 unchanged\n"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), MESSY);
    assert_eq!(std::fs::metadata(&plan).unwrap().uid(), 0);
    assert_eq!(names(&plans), ["p.plan"]);
}

#[test]
fn a_linked_plan_inside_the_folder_is_formatted_in_place_and_stays_a_link() {
    let (dir, plans) = scratch();
    std::fs::create_dir(plans.join("real")).unwrap();
    let real = plans.join("real/p.plan");
    std::fs::write(&real, MESSY).unwrap();
    let link = plans.join("link.plan");
    symlink("real/p.plan", &link).unwrap();
    for args in [["fmt", "plans/link.plan"], ["fmt", "plans"]] {
        std::fs::write(&real, MESSY).unwrap();
        let run = kehoach(dir.path(), &args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.err);
        assert_eq!(run.err, "formatted 1 file, 0 unchanged\n", "{args:?}");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), TIDY);
        assert_eq!(names(&plans.join("real")), ["p.plan"]);
    }
}

#[test]
fn a_link_leaving_the_folder_is_refused() {
    let (dir, plans) = scratch();
    let outside = dir.path().join("outside.plan");
    std::fs::write(&outside, MESSY).unwrap();
    symlink("../outside.plan", plans.join("out.plan")).unwrap();
    for args in [["fmt", "plans"], ["fmt", "plans/out.plan"]] {
        let run = kehoach(dir.path(), &args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(
            run.err.starts_with(
                "error: cannot read plans/out.plan: it is a symbolic link leading outside the checked folder \
                 `plans`, and is not followed\n"
            ),
            "{args:?}: {}",
            run.err
        );
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), MESSY);
        assert!(
            std::fs::symlink_metadata(plans.join("out.plan"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

/// An edit made between fmt's read and its write is not lost, even one that keeps the size and the time.
#[test]
fn a_file_changed_since_it_was_read_is_not_replaced() {
    let (_dir, plans) = scratch();
    let plan = plans.join("p.plan");
    std::fs::write(&plan, MESSY).unwrap();
    let read = read_bounded(&plan).unwrap();
    assert!(check_unchanged(&plan, &read.bytes, &read.metadata).is_ok());

    // Same size, same time, other bytes.
    let edited = MESSY.replace("Việc", "Viậc");
    assert_eq!(edited.len(), MESSY.len());
    std::fs::write(&plan, &edited).unwrap();
    let file = std::fs::File::options().write(true).open(&plan).unwrap();
    file.set_modified(read.metadata.modified().unwrap())
        .unwrap();
    drop(file);
    assert!(matches!(
        check_unchanged(&plan, &read.bytes, &read.metadata),
        Err(WriteError::Changed)
    ));
    let written = replace_plan(&plan, TIDY, &read.bytes, &read.metadata);
    assert!(matches!(written, Err(WriteError::Changed)), "{written:?}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), edited);
    assert_eq!(names(&plans), ["p.plan"]);

    // Appended to.
    let read = read_bounded(&plan).unwrap();
    std::fs::write(&plan, format!("{edited}// more\n")).unwrap();
    let written = replace_plan(&plan, TIDY, &read.bytes, &read.metadata);
    assert!(matches!(written, Err(WriteError::Changed)), "{written:?}");
    // Replaced by another file.
    let read = read_bounded(&plan).unwrap();
    let other = plans.join("other");
    std::fs::write(&other, &read.bytes).unwrap();
    std::fs::rename(&other, &plan).unwrap();
    let written = replace_plan(&plan, TIDY, &read.bytes, &read.metadata);
    assert!(matches!(written, Err(WriteError::Changed)), "{written:?}");
    // Unchanged: replaced.
    let read = read_bounded(&plan).unwrap();
    replace_plan(&plan, TIDY, &read.bytes, &read.metadata).unwrap();
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), TIDY);
    assert_eq!(names(&plans), ["p.plan"]);
}

#[test]
fn export_writes_through_to_dev_null_and_keeps_it_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, plans) = scratch();
    std::fs::write(plans.join("p.plan"), "plan \"1\" { period 2023 }\n").unwrap();
    for to in ["json", "ics", "mermaid", "dot"] {
        let run = kehoach(
            dir.path(),
            &["export", "plans/p.plan", "--to", to, "--out", "/dev/null"],
        );
        assert_eq!(run.status, 0, "{to}: {}", run.err);
        assert!((run.out.clone() + &run.err).is_empty());
        let null = std::fs::symlink_metadata("/dev/null").unwrap();
        assert!(null.file_type().is_char_device(), "{to}: {null:?}");
    }
    // A regular file is replaced whole, keeping its mode; a read-only one is refused.
    let out = dir.path().join("plan.json");
    std::fs::write(&out, "old").unwrap();
    set_mode(&out, 0o600);
    let run = kehoach(
        dir.path(),
        &[
            "export",
            "plans/p.plan",
            "--to",
            "json",
            "--out",
            "plan.json",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.err);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
    assert_eq!(mode(&out), 0o600);
    set_mode(&out, 0o444);
    let run = kehoach(
        dir.path(),
        &[
            "export",
            "plans/p.plan",
            "--to",
            "dot",
            "--out",
            "plan.json",
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.err.contains("read-only"), "{}", run.err);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
}
