//! Nothing a plan says and no link stored in git makes kehoach read, or show, a file outside the folder it checks.
//!
//! A temporary git repository holds a fake access token where CI checkouts keep theirs (`.git/config`), a
//! `/etc/passwd`-like file and plans outside the checked folder `plans/`, and inside it a plan that tries every way
//! out: `use "../.git/config"`, `use ".git/config"`, a hidden folder, an absolute path, `..`, a link to a file and a
//! link to a folder that lead out. The real binary runs from the repository, from `plans/` and from `/`, for
//! `check` in every format, `eval`, `fmt --check` and `export` in every format: the token never shows, and each way
//! out gets its diagnostic.

#![expect(
    clippy::unwrap_used,
    reason = "the setup fails the test when the scratch repository cannot be made"
)]

mod binary;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use binary::{Run, kehoach};

const TOKEN: &str = "ghp_FAKE0123456789TOKEN";
const PASSWD: &str = "root:x:0:0:";

/// The scratch repository.
struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Repo {
    fn plans(&self) -> PathBuf {
        self.root.join("plans")
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A plan that would quote the token in a syntax error if it were ever read.
fn leaking_plan() -> String {
    format!("owner leak \"{TOKEN}\" {{\n")
}

fn repo() -> Repo {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    std::fs::create_dir_all(&root).unwrap();
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&root)
        .status();
    if !git.is_ok_and(|s| s.success()) {
        // Without git, the same file where git keeps it.
        write(&root.join(".git/config"), "[core]\n\tbare = false\n");
    }
    let config = root.join(".git/config");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n"
    ));
    std::fs::write(&config, text).unwrap();
    write(
        &root.join("passwd"),
        &format!("{PASSWD}root:/root:/bin/bash\nci:x:1000:1000:{TOKEN}:/home/ci:/bin/sh\n"),
    );
    write(&root.join("outside.plan"), &leaking_plan());
    write(&root.join("elsewhere/x.plan"), &leaking_plan());

    let plans = root.join("plans");
    // A `.git` inside the checked folder too: being inside is not enough.
    write(&plans.join(".git/config"), &format!("token = {TOKEN}\n"));
    write(&plans.join(".git/x.plan"), &leaking_plan());
    let absolute = root.join("outside.plan");
    write(
        &plans.join("main.plan"),
        &format!(
            "use \"../.git/config\"\n\
             use \".git/config\"\n\
             use \".git/x.plan\"\n\
             use \"{}\"\n\
             use \"../outside.plan\"\n\
             use \"link.plan\"\n\
             use \"linkdir/x.plan\"\n\
             use \"agencies.plan\"\n\
             plan \"1/KH\" {{ period 2023 }}\n\
             task t1 \"T\" {{ lead a }}\n",
            absolute.display()
        ),
    );
    write(&plans.join("agencies.plan"), "owner a \"A\"\n");
    write(&plans.join("clean.plan"), "plan \"2/KH\" { period 2023 }\n");
    write(
        &plans.join("clean.facts"),
        "facts \"2/KH\" as_of 2023-06-30 {\n}\n",
    );
    symlink("../outside.plan", plans.join("link.plan")).unwrap();
    symlink("../elsewhere", plans.join("linkdir")).unwrap();
    symlink("../passwd", plans.join("passwd.plan")).unwrap();
    symlink(".git/config", plans.join("config.plan")).unwrap();
    symlink("../.git/config", plans.join("secret.facts")).unwrap();
    symlink(".git/config", plans.join("hidden.facts")).unwrap();
    Repo { _dir: dir, root }
}

fn assert_nothing_leaks(run: &Run, what: &str) {
    let all = run.all();
    assert!(!all.contains(TOKEN), "{what} showed the token:\n{all}");
    assert!(
        !all.contains(PASSWD),
        "{what} showed the passwd-like file:\n{all}"
    );
    assert!(
        !all.contains("owner leak"),
        "{what} showed a plan outside the checked folder:\n{all}"
    );
}

/// Where the run starts, and how it names the checked folder from there.
fn places(repo: &Repo) -> Vec<(PathBuf, String)> {
    vec![
        (repo.root.clone(), "plans".to_string()),
        (repo.plans(), ".".to_string()),
        (PathBuf::from("/"), repo.plans().display().to_string()),
    ]
}

fn join(folder: &str, name: &str) -> String {
    if folder == "." {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// The messages of the `use-not-found` diagnostics of `check --format json`.
fn use_messages(json: &str) -> Vec<String> {
    let all: serde_json::Value = serde_json::from_str(json).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "use-not-found")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn no_command_shows_a_file_outside_the_checked_folder() {
    let repo = repo();
    for (cwd, plans) in places(&repo) {
        let main = join(&plans, "main.plan");
        let runs: Vec<Vec<String>> = vec![
            vec!["check".into(), plans.clone()],
            vec![
                "check".into(),
                plans.clone(),
                "--format".into(),
                "json".into(),
            ],
            vec![
                "check".into(),
                plans.clone(),
                "--format".into(),
                "sarif".into(),
            ],
            vec!["check".into(), plans.clone(), "--lang".into(), "vi".into()],
            vec!["check".into(), main.clone()],
            vec!["check".into(), join(&plans, "link.plan")],
            vec!["check".into(), join(&plans, "config.plan")],
            vec!["check".into(), join(&plans, "linkdir")],
            vec![
                "eval".into(),
                main.clone(),
                "--facts".into(),
                join(&plans, "clean.facts"),
            ],
            vec![
                "eval".into(),
                join(&plans, "clean.plan"),
                "--facts".into(),
                join(&plans, "secret.facts"),
            ],
            vec![
                "eval".into(),
                join(&plans, "clean.plan"),
                "--facts".into(),
                join(&plans, "hidden.facts"),
            ],
            vec![
                "eval".into(),
                join(&plans, "link.plan"),
                "--facts".into(),
                join(&plans, "clean.facts"),
            ],
            vec!["fmt".into(), "--check".into(), plans.clone()],
            vec!["fmt".into(), "--check".into(), join(&plans, "link.plan")],
            vec!["fmt".into(), "--check".into(), join(&plans, "config.plan")],
        ];
        let exports = ["json", "ics", "mermaid", "dot"].map(|to| {
            [main.clone(), join(&plans, "link.plan")]
                .map(|plan| vec!["export".into(), plan, "--to".into(), to.to_string()])
        });
        for args in runs.iter().chain(exports.iter().flatten()) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = kehoach(&cwd, &args);
            let what = format!("`kehoach {}` in {}", args.join(" "), cwd.display());
            assert_nothing_leaks(&run, &what);
            assert_ne!(run.status, 0, "{what} succeeded:\n{}", run.all());
        }
    }
}

#[test]
fn each_way_out_gets_its_diagnostic() {
    let repo = repo();
    for (cwd, plans) in places(&repo) {
        let run = kehoach(&cwd, &["check", &plans, "--format", "json"]);
        let where_ = format!("from {}", cwd.display());
        assert_eq!(run.status, 2, "{where_}: {}", run.err);
        let absolute = repo.root.join("outside.plan");
        assert_eq!(
            use_messages(&run.out),
            [
                "`../.git/config` is not a `.plan` file".to_string(),
                "`.git/config` is not a `.plan` file".to_string(),
                "`.git/x.plan` is in a hidden folder or is a hidden file".to_string(),
                format!(
                    "`use` takes a path relative to this file, not `{}`",
                    absolute.display()
                ),
                format!("`../outside.plan` is outside the checked folder `{plans}`"),
                format!(
                    "`link.plan` leads outside the checked folder `{plans}` through a symbolic link"
                ),
                format!(
                    "`linkdir/x.plan` leads outside the checked folder `{plans}` through a symbolic link"
                ),
            ],
            "{where_}"
        );
        // The walk names each link it does not follow, and never its target.
        let outside = format!(
            "it is a symbolic link leading outside the checked folder `{plans}`, and is not followed"
        );
        let hidden = "it is a symbolic link leading into a hidden folder or to a hidden file, and is not followed";
        let expected = [
            format!(
                "error: cannot read {}: {hidden}",
                join(&plans, "config.plan")
            ),
            format!(
                "error: cannot read {}: {outside}",
                join(&plans, "link.plan")
            ),
            format!("error: cannot read {}: {outside}", join(&plans, "linkdir")),
            format!(
                "error: cannot read {}: {outside}",
                join(&plans, "passwd.plan")
            ),
            format!(
                "error: cannot read {}: a file checked with its plan could not be read, so the facts were not checked",
                join(&plans, "clean.facts")
            ),
        ];
        let lines: Vec<&str> = run.err.lines().collect();
        assert_eq!(lines, expected, "{where_}");

        // A named folder that is a link out is not walked.
        let run = kehoach(&cwd, &["check", &join(&plans, "linkdir")]);
        assert_eq!(run.status, 2);
        assert_eq!(
            run.err,
            format!(
                "error: cannot read {}: it is a symbolic link to a folder outside `{plans}`, the folder that \
                 holds it; name the real folder instead\nchecked 0 files: 0 errors, 0 warnings\n",
                join(&plans, "linkdir")
            ),
            "{where_}"
        );

        // The same in the SARIF log, as notifications of a run that did not succeed.
        let run = kehoach(&cwd, &["check", &plans, "--format", "sarif"]);
        let log: serde_json::Value = serde_json::from_str(&run.out).unwrap();
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notes: Vec<&str> = invocation["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["message"]["text"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = expected
            .iter()
            .map(|e| e.strip_prefix("error: ").unwrap())
            .collect();
        assert_eq!(notes, expected, "{where_}");
    }
}

#[test]
fn facts_and_named_files_are_held_to_their_own_folder() {
    let repo = repo();
    let run = kehoach(
        &repo.root,
        &["eval", "plans/clean.plan", "--facts", "plans/secret.facts"],
    );
    assert_eq!(run.status, 2);
    assert_eq!(
        run.err,
        "error: cannot read plans/secret.facts: it is a symbolic link leading outside the checked folder \
         `plans`, and is not followed\n"
    );
    let run = kehoach(
        &repo.root,
        &["eval", "plans/clean.plan", "--facts", "plans/hidden.facts"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.err.contains("leading into a hidden folder"),
        "{}",
        run.err
    );
    // The facts beside the plan are read.
    let run = kehoach(
        &repo.root,
        &["eval", "plans/clean.plan", "--facts", "plans/clean.facts"],
    );
    assert_eq!(run.status, 0, "{}", run.err);

    // A named plan is contained in its own folder, whatever the working folder: from the repository, the file's
    // `use "../outside.plan"` still leaves `plans`.
    let run = kehoach(
        &repo.root,
        &["check", "plans/main.plan", "--format", "json"],
    );
    assert!(
        use_messages(&run.out)
            .contains(&"`../outside.plan` is outside the checked folder `plans`".to_string()),
        "{}",
        run.out
    );
}

#[test]
fn a_link_inside_the_checked_folder_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    write(&plans.join("shared/agencies.plan"), "owner a \"A\"\n");
    write(
        &plans.join("main.plan"),
        "use \"agencies.plan\"\nuse \"common/agencies.plan\"\ntask t \"T\" { lead a }\n",
    );
    symlink("shared/agencies.plan", plans.join("agencies.plan")).unwrap();
    symlink("shared", plans.join("common")).unwrap();
    // A cycle of folder links is walked once.
    symlink("..", plans.join("shared/up")).unwrap();
    let run = kehoach(dir.path(), &["check", "plans"]);
    assert_eq!(run.status, 0, "{}", run.all());
    assert_eq!(run.err, "checked 2 files: 0 errors, 0 warnings\n");
}
