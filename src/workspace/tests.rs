use std::ffi::OsStr;
use std::path::Path;

use super::contain::{Escape, Expect, judge};
use super::read::{FileKind, ReadError, read_capped};
use super::{MemoryFileSystem, load_memory};
use crate::diagnostics::Code;

fn judged(real: &str, expect: Expect<'_>) -> Result<(), Escape> {
    judge(Path::new("/repo/plans"), Path::new(real), expect)
}

#[test]
fn a_plan_reached_through_use_or_a_walk_is_a_visible_plan_inside_the_root() {
    let plan = Expect::PlanFile;
    assert_eq!(judged("/repo/plans/a.plan", plan), Ok(()));
    assert_eq!(judged("/repo/plans/sub/a.plan", plan), Ok(()));
    assert_eq!(judged("/repo/outside.plan", plan), Err(Escape::Outside));
    assert_eq!(judged("/repo/plansx/a.plan", plan), Err(Escape::Outside));
    assert_eq!(judged("/etc/passwd", plan), Err(Escape::Outside));
    assert_eq!(judged("/repo/plans/.git/x.plan", plan), Err(Escape::Hidden));
    assert_eq!(judged("/repo/plans/.x.plan", plan), Err(Escape::Hidden));
    assert_eq!(judged("/repo/plans/.git/config", plan), Err(Escape::Hidden));
    assert_eq!(judged("/repo/plans/notes.txt", plan), Err(Escape::NotPlan));
    assert_eq!(judged("/repo/plans/.plan", plan), Err(Escape::Hidden));
}

#[test]
fn a_folder_is_the_root_or_a_visible_folder_inside_it() {
    assert_eq!(judged("/repo/plans", Expect::Folder), Ok(()));
    assert_eq!(judged("/repo/plans/a/b", Expect::Folder), Ok(()));
    assert_eq!(
        judged("/repo/plans/.git", Expect::Folder),
        Err(Escape::Hidden)
    );
    assert_eq!(judged("/repo", Expect::Folder), Err(Escape::Outside));
}

#[test]
fn a_named_file_may_have_any_name_but_a_link_may_not_hide_what_it_reads() {
    let named = |name: &'static str| Expect::NamedFile(OsStr::new(name));
    assert_eq!(judged("/repo/plans/README.md", named("README.md")), Ok(()));
    assert_eq!(judged("/repo/plans/.x.plan", named(".x.plan")), Ok(()));
    // `x.plan -> .env`, `x.plan -> notes.txt`, `x.facts -> .git/config`.
    assert_eq!(
        judged("/repo/plans/.env", named("x.plan")),
        Err(Escape::Hidden)
    );
    assert_eq!(
        judged("/repo/plans/notes.txt", named("x.plan")),
        Err(Escape::NotPlan)
    );
    assert_eq!(
        judged("/repo/plans/.git/config", named("x.facts")),
        Err(Escape::Hidden)
    );
    assert_eq!(judged("/repo/plans/data.json", named("x.facts")), Ok(()));
    assert_eq!(
        judged("/repo/.git/config", named("x.facts")),
        Err(Escape::Outside)
    );
}

/// A file whose size says it fits but which gives more is still cut at the cap: `/proc` files say 0.
#[cfg(target_os = "linux")]
#[test]
fn a_file_that_gives_more_than_its_size_is_cut_at_the_cap() {
    let status = Path::new("/proc/self/status");
    assert_eq!(std::fs::metadata(status).map(|m| m.len()).ok(), Some(0));
    assert!(matches!(read_capped(status, 16), Err(ReadError::Grew)));
    let whole = read_capped(status, 1 << 20)
        .map(|c| c.bytes.len())
        .unwrap_or(0);
    assert!(whole > 16);
}

#[test]
fn a_file_over_the_cap_is_refused_by_its_size() {
    let dir = std::env::temp_dir().join(format!("kehoach-read-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("ten.plan");
    let _ = std::fs::write(&path, "0123456789");
    assert!(matches!(
        read_capped(&path, 9),
        Err(ReadError::TooLarge { bytes: 10 })
    ));
    assert_eq!(read_capped(&path, 10).map(|c| c.bytes.len()).ok(), Some(10));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn use_refuses_what_is_not_a_visible_plan_in_memory_too() {
    let mut fs = MemoryFileSystem::new();
    fs.insert(
        "plan.plan",
        "use \".git/x.plan\"\nuse \"notes.txt\"\nuse \"/plan.plan\"\nuse \"sub/a.plan\"\nuse \"../ok/x.plan\"\nuse \"sub/../../plan.plan\"\n",
    );
    fs.insert(".git/x.plan", "owner x \"X\"");
    fs.insert("notes.txt", "owner x \"X\"");
    fs.insert("sub/a.plan", "owner a \"A\"");
    let workspace = load_memory(&fs);
    let found: Vec<(Code, String)> = workspace
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.en.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Code::UseNotFound,
                "`.git/x.plan` is in a hidden folder or is a hidden file".to_string()
            ),
            (
                Code::UseNotFound,
                "`notes.txt` is not a `.plan` file".to_string()
            ),
            (
                Code::UseNotFound,
                "`use` takes a path relative to this file, not `/plan.plan`".to_string()
            ),
            (
                Code::UseNotFound,
                "`../ok/x.plan` is outside the checked folder `.`".to_string()
            ),
            (
                Code::UseNotFound,
                "`sub/../../plan.plan` is outside the checked folder `.`".to_string()
            ),
        ]
    );
}

/// Every caller reads a real path: a link found in its place was swapped in after the path was judged.
#[cfg(unix)]
#[test]
fn a_link_in_place_of_a_real_path_is_not_followed() {
    let dir = std::env::temp_dir().join(format!("kehoach-link-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let (target, link) = (dir.join("target.plan"), dir.join("link.plan"));
    let _ = std::fs::write(&target, "owner a \"A\"");
    let _ = std::os::unix::fs::symlink(&target, &link);
    assert!(matches!(
        read_capped(&link, 100),
        Err(ReadError::NotRegular(FileKind::Link))
    ));
    assert!(read_capped(&target, 100).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}

proptest::proptest! {
    /// Files held at once (`collect`, one sort) are the files held one by one (`insert`), a later text of a path
    /// replacing an earlier one; and a folder exists exactly when some file is below it.
    #[test]
    fn memory_files_held_at_once_are_the_files_held_one_by_one(
        files in proptest::collection::vec(("(/?[ab.-]{1,2}){1,3}", "[xy]{0,2}"), 0..12),
        folders in proptest::collection::vec("(/?[ab.-]{1,2}){0,3}", 0..6),
    ) {
        use super::FileSystem;
        let at_once: MemoryFileSystem = files.iter().map(|(p, t)| (p, t.as_str())).collect();
        let mut one_by_one = MemoryFileSystem::new();
        for (path, text) in &files {
            one_by_one.insert(path, text.as_str());
        }
        let listed = |fs: &MemoryFileSystem| -> Vec<(std::path::PathBuf, String)> {
            fs.paths()
                .map(|p| (p.to_path_buf(), fs.text(p).unwrap_or_default().to_string()))
                .collect()
        };
        proptest::prop_assert_eq!(listed(&at_once), listed(&one_by_one));
        let paths: Vec<_> = at_once.paths().map(std::path::Path::to_path_buf).collect();
        proptest::prop_assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted, each once: {:?}", paths);
        for folder in folders.iter().chain(files.iter().map(|(p, _)| p)) {
            let folder = MemoryFileSystem::folder().join(folder.trim_start_matches('/'));
            let folder = super::normalize(&folder);
            let below = paths.iter().any(|p| p.starts_with(&folder) && *p != folder);
            proptest::prop_assert_eq!(at_once.is_dir(&folder), below, "{:?}", folder);
        }
    }
}
