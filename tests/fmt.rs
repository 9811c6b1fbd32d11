//! `kehoach fmt` as users meet it: every bundled plan and fixture comes out stable after one pass, and the command
//! writes, checks, diffs and refuses as documented.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers outside the #[test] functions fail the test when the scratch folder misbehaves"
)]

use std::path::{Path, PathBuf};

use kehoach::cli::{exit, run_fmt};
use kehoach::diagnostics::{Code, Lang};
use kehoach::fmt::format;
use kehoach::parse::parse_plan;
use kehoach::source::FileId;

/// Every `.plan` file under `plans/` (whatever exists when the test runs) and `tests/fixtures/`.
fn plan_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut pending = vec![root.join("plans"), root.join("tests/fixtures")];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "plan") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_bundled_plan_and_fixture_is_stable_after_one_pass() {
    let files = plan_files();
    assert!(files.len() >= 8, "found only {files:?}");
    let mut formatted_files = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (_, parse_errors) = parse_plan(&text, FileId(0));
        match format(&text) {
            Ok(once) => {
                assert!(parse_errors.is_empty());
                let twice = format(&once).unwrap_or_else(|d| {
                    panic!("{}: the output does not format: {d:#?}", path.display())
                });
                assert_eq!(
                    once,
                    twice,
                    "{}: a second pass changed the output",
                    path.display()
                );
                // The same comments, in the same order.
                let comments = |t: &str| -> Vec<String> {
                    t.lines()
                        .filter_map(|l| l.find("//").map(|at| l[at..].trim_end().to_string()))
                        .filter(|c| !c.contains('"'))
                        .collect()
                };
                assert_eq!(comments(&text), comments(&once), "{}", path.display());
                formatted_files += 1;
            }
            // A fixture with syntax errors is refused with exactly the parser's diagnostics.
            Err(diagnostics) => {
                assert!(
                    !parse_errors.is_empty(),
                    "{}: {diagnostics:#?}",
                    path.display()
                );
                assert_eq!(diagnostics, parse_errors, "{}", path.display());
            }
        }
    }
    assert!(formatted_files >= 2);
}

/// A scratch folder of its own for each test, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("kehoach-fmt-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Runs `kehoach fmt`, with the folder's path shown as `<dir>`.
    fn fmt(&self, paths: &[PathBuf], check: bool) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run_fmt(paths, check, Lang::En, false, &mut out, &mut err);
        let shown = |bytes: Vec<u8>| {
            String::from_utf8(bytes)
                .unwrap()
                .replace(&self.0.display().to_string(), "<dir>")
        };
        (status, shown(out), shown(err))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const MESSY: &str = "\
// Kế hoạch thử
plan \"1/KH\" {
      title \"Thử\"   // tên
  period 2023
}
task t1 \"Việc\" { lead a; due 2023-7 }
";

#[test]
fn check_shows_a_diff_lists_the_file_and_writes_nothing() {
    let dir = Scratch::new("check");
    let messy = dir.write("messy.plan", MESSY);
    let tidy = dir.write("tidy.plan", "owner a \"A\"\n");
    let (status, out, err) = dir.fmt(std::slice::from_ref(&dir.0), true);
    assert_eq!(status, exit::FAILED);
    insta::assert_snapshot!(out, @r#"
    --- <dir>/messy.plan
    +++ <dir>/messy.plan (formatted)
    @@ -1,6 +1,10 @@
     // Kế hoạch thử
     plan "1/KH" {
    -      title "Thử"   // tên
    -  period 2023
    +  title    "Thử"  // tên
    +  period   2023
    +}
    +
    +task t1 "Việc" {
    +  lead     a
    +  due      2023-07
     }
    -task t1 "Việc" { lead a; due 2023-7 }
    would reformat <dir>/messy.plan
    "#);
    assert_eq!(err, "1 file would be reformatted, 1 already formatted\n");
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), MESSY);
    assert_eq!(std::fs::read_to_string(&tidy).unwrap(), "owner a \"A\"\n");
}

#[test]
fn check_diff_marks_a_missing_final_line_end_and_a_blank_file() {
    let dir = Scratch::new("check-newline");
    dir.write("last.plan", "owner a \"A\"");
    dir.write("blank.plan", "  \n\n");
    let (status, out, _) = dir.fmt(std::slice::from_ref(&dir.0), true);
    assert_eq!(status, exit::FAILED);
    insta::assert_snapshot!(out, @r#"
    --- <dir>/blank.plan
    +++ <dir>/blank.plan (formatted)
    @@ -1,2 +0,0 @@
    -  
    -
    --- <dir>/last.plan
    +++ <dir>/last.plan (formatted)
    @@ -1 +1 @@
    -owner a "A"
    \ No newline at end of file
    +owner a "A"
    would reformat <dir>/blank.plan
    would reformat <dir>/last.plan
    "#);
}

#[test]
fn fmt_writes_the_canonical_layout_and_a_second_run_changes_nothing() {
    let dir = Scratch::new("write");
    let messy = dir.write("messy.plan", MESSY);
    let (status, out, err) = dir.fmt(std::slice::from_ref(&messy), false);
    assert_eq!((status, out.as_str()), (exit::CLEAN, ""));
    assert_eq!(err, "formatted 1 file, 0 unchanged\n");
    let written = std::fs::read_to_string(&messy).unwrap();
    assert_eq!(written, format(MESSY).unwrap());
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["messy.plan"]);

    let (status, _, err) = dir.fmt(std::slice::from_ref(&messy), true);
    assert_eq!(status, exit::CLEAN);
    assert_eq!(err, "0 files would be reformatted, 1 already formatted\n");
}

#[cfg(unix)]
#[test]
fn fmt_keeps_permissions_and_follows_symbolic_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("links");
    let real = dir.write("real.plan", MESSY);
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.0.join("link.plan");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (status, _, _) = dir.fmt(std::slice::from_ref(&link), false);
    assert_eq!(status, exit::CLEAN);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        format(MESSY).unwrap()
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_file_with_syntax_errors_is_reported_and_left_untouched() {
    let dir = Scratch::new("broken");
    let broken_text = "task t \"T\" {\n  due 2023-Q1\n  lead\n}\n";
    let broken = dir.write("broken.plan", broken_text);
    let messy = dir.write("messy.plan", MESSY);
    let (status, out, err) = dir.fmt(&[broken.clone(), messy.clone()], false);
    assert_eq!(status, exit::FAILED);
    assert_eq!(out, "");
    insta::assert_snapshot!(err, @r"
    syntax

      × expected an id such as `so_khdt`, found the end of the line
       ╭─[<dir>/broken.plan:3:7]
     2 │   due 2023-Q1
     3 │   lead
       ·       ▲
     4 │ }
       ╰────

    <dir>/broken.plan was not formatted: fix the errors above first
    formatted 1 file, 0 unchanged, 1 with errors, left as they are
    ");
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), broken_text);
    // The other file is still formatted.
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        format(MESSY).unwrap()
    );
}

#[test]
fn unreadable_paths_exit_with_status_2() {
    let dir = Scratch::new("missing");
    let (status, _, err) = dir.fmt(&[dir.0.join("missing.plan")], true);
    assert_eq!(status, exit::USAGE);
    assert!(
        err.starts_with("error: cannot read <dir>/missing.plan: "),
        "{err}"
    );
}

#[test]
fn plans_that_fail_the_checks_still_format() {
    // `duplicate-id` and `dependency-cycle` are the checker's business; the text parses, so it formats.
    let text = "task t \"T\" { after t }\ntask t \"T2\"\n";
    assert_eq!(
        format(text).unwrap(),
        "task t \"T\" { after t }\ntask t \"T2\"\n"
    );
    let errors = format("target a \"A\" { goal 1; goal 2 }").unwrap_err();
    assert_eq!(errors[0].code, Code::DuplicateAttribute);
}

/// The bundled plans mean the same after formatting: each province's folder, formatted file by file, checks to
/// the same diagnostics (code, severity, message, help; their places move with the layout) and exports to the
/// same JSON, which holds every resolved value of the plan.
#[test]
fn formatting_the_bundled_plans_keeps_their_meaning() {
    use kehoach::check::check_workspace;
    use kehoach::export::{Format, export};
    use kehoach::workspace::{MemoryFileSystem, load_memory};

    let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut provinces: Vec<PathBuf> = std::fs::read_dir(&plans)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    provinces.sort();
    assert!(!provinces.is_empty());
    // What a folder of plans means: every diagnostic without its place, and every unit's export.
    let meaning = |fs: &MemoryFileSystem| -> (Vec<String>, Vec<String>) {
        let checked = check_workspace(&load_memory(fs));
        let diagnostics = checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {:?} {:?}", d.code.as_str(), d.message, d.help))
            .collect();
        let exports = checked
            .models
            .iter()
            .map(|m| export(m, Format::Json, Lang::En))
            .collect();
        (diagnostics, exports)
    };
    for province in provinces {
        let (mut written, mut formatted) = (MemoryFileSystem::new(), MemoryFileSystem::new());
        let mut changed = 0;
        for entry in std::fs::read_dir(&province).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "plan") {
                continue;
            }
            let name = Path::new("/").join(path.file_name().unwrap());
            let text = std::fs::read_to_string(&path).unwrap();
            let once = format(&text).unwrap();
            changed += usize::from(once != text);
            written.insert(&name, text);
            formatted.insert(&name, once);
        }
        let (before, after) = (meaning(&written), meaning(&formatted));
        assert!(!before.1.is_empty(), "{}", province.display());
        assert_eq!(
            before.0,
            after.0,
            "{}: diagnostics differ",
            province.display()
        );
        assert_eq!(before.1, after.1, "{}: exports differ", province.display());
        println!("{}: {changed} file(s) change layout", province.display());
    }
}

const MESSY_FACTS: &str = "\
// số liệu quý III
facts   \"1/KH\"   as_of  2023-9-30 {   // tiêu đề
 grdp 2023-9M   =   7.90 ;  export 2023-Q3 = 1_250 // xuất khẩu



    // nhiệm vụ
 t1   done 2023-7-25
 t1 2023-Q3 note   \"khó khăn: \\\"vốn\\\"\"
}  // hết
";

/// `kehoach fmt` formats a `.facts` file named on the command line, and a folder's `x.facts` beside its
/// `x.plan`; `--check` shows the diff; a second run changes nothing (issue 17, "Also fix" 2).
#[test]
fn fmt_formats_facts_files_named_and_beside_their_plan() {
    let dir = Scratch::new("facts");
    let facts = dir.write("ke-hoach.facts", MESSY_FACTS);
    let (status, out, err) = dir.fmt(std::slice::from_ref(&facts), true);
    assert_eq!(status, exit::FAILED);
    insta::assert_snapshot!("facts_check_diff", format!("{out}----\n{err}"));

    dir.write("ke-hoach.plan", MESSY);
    dir.write("lone.facts", MESSY_FACTS);
    let (status, out, err) = dir.fmt(std::slice::from_ref(&dir.0), false);
    assert_eq!((status, out.as_str()), (exit::CLEAN, ""));
    // The plan and the facts of its stem; `lone.facts` has no plan beside it and is left alone.
    assert_eq!(err, "formatted 2 files, 0 unchanged\n");
    let written = std::fs::read_to_string(&facts).unwrap();
    insta::assert_snapshot!("facts_formatted", written);
    assert_eq!(
        std::fs::read_to_string(dir.0.join("lone.facts")).unwrap(),
        MESSY_FACTS
    );
    let (status, _, err) = dir.fmt(std::slice::from_ref(&dir.0), true);
    assert_eq!(status, exit::CLEAN);
    assert_eq!(err, "0 files would be reformatted, 2 already formatted\n");
}

/// A facts file beside a plan that is a symbolic link out of the folder is refused, naming the link.
#[cfg(unix)]
#[test]
fn a_facts_link_leaving_the_folder_is_not_formatted() {
    let dir = Scratch::new("facts-link");
    let outside = Scratch::new("facts-outside");
    let target = outside.write("secret.facts", MESSY_FACTS);
    dir.write("a.plan", MESSY);
    std::os::unix::fs::symlink(&target, dir.0.join("a.facts")).unwrap();
    let (status, _, err) = dir.fmt(std::slice::from_ref(&dir.0), false);
    assert_eq!(status, exit::USAGE);
    assert!(
        err.contains("a.facts") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), MESSY_FACTS);
}
