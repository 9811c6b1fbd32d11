//! CI integration as a team copies it (issue 19, docs/CI.md): `kehoach init`, the `run:` steps of the example
//! workflow (docs/ci/kehoach.yml, the file `init` writes) and the entries of the pre-commit hooks
//! (.pre-commit-hooks.yaml), each run with the built binary on a temporary git repository with two commits: the
//! starter, then a pull request that breaks a plan.
//!
//! The workflow's YAML is read, not copied: each job runs its `run:` steps in order, in the repository, with
//! `bash --noprofile --norc -eo pipefail` as GitHub's runner does for `shell: bash`, with the workflow's `env`
//! and a `GITHUB_STEP_SUMMARY` file. The step whose id is `install` is replaced by the built binary on `PATH`;
//! `uses:` steps (checkout, the SARIF upload) are GitHub's own and are not run, but the file the upload would send
//! is checked. `date` is a stand-in that prints the day the test picks, so the weekly job is judged at known dates.
//! pre-commit itself needs the network to fetch hook repositories, so its hooks' entries are run directly on the
//! repository's files, as `pre-commit run --all-files` would pass them.

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "the helpers fail the test when the scratch repository, the YAML or the output misbehaves"
)]

mod binary;

mod common;
use common::git;

use std::collections::BTreeMap;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use binary::{Run, kehoach};
use kehoach::cli::write::{WriteError, write_new};
use saphyr::{LoadableYamlNode, Yaml};

const YEAR: &str = "2026";

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The pull request of the second commit: a typo in the lead of `t02`, and a task written on one line.
fn break_the_plan(repo: &Path) {
    let plan = repo.join("plans/ke-hoach.plan");
    let text = read(&plan).replace("lead     ca_tinh\n", "lead     ca_tihn\n");
    let text = format!(
        "{text}\ntask t06 \"Tổ chức Ngày Chuyển đổi số của tỉnh\" {{ lead so_khcn; due {YEAR}-10-10; output other }}\n"
    );
    std::fs::write(&plan, text).unwrap();
}

/// A git repository holding the starter (first commit) and a pull request that breaks it (second commit),
/// checked out at the first.
struct Repo {
    _dir: tempfile::TempDir,
    path: PathBuf,
    starter: String,
    pull_request: String,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plans-repo");
        std::fs::create_dir(&path).unwrap();
        git(&path, &["init", "-q"]);
        let init = kehoach(&path, &["init", "--year", YEAR]);
        assert_eq!(init.status, 0, "{}", init.all());
        git(&path, &["add", "-A"]);
        git(&path, &["commit", "-q", "-m", "kehoach init"]);
        let starter = git(&path, &["rev-parse", "HEAD"]).trim().to_string();
        // The pull request's base, as `actions/checkout` with `fetch-depth: 0` leaves it.
        git(&path, &["update-ref", "refs/remotes/origin/main", &starter]);
        break_the_plan(&path);
        git(
            &path,
            &["commit", "-q", "-am", "t02: hand it to the police; add t06"],
        );
        let pull_request = git(&path, &["rev-parse", "HEAD"]).trim().to_string();
        git(&path, &["checkout", "-q", &starter]);
        Repo {
            _dir: dir,
            path,
            starter,
            pull_request,
        }
    }

    fn checkout(&self, rev: &str) {
        git(&self.path, &["checkout", "-q", "--force", rev]);
        git(&self.path, &["clean", "-q", "-fdx"]);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The workflow, read from its YAML.

struct Step {
    name: String,
    id: Option<String>,
    condition: Option<String>,
    run: Option<String>,
    uses: Option<String>,
    with: BTreeMap<String, String>,
    /// The step's own `env`, each `${{ … }}` as the test's pull request gives it (`step_env`).
    env: BTreeMap<String, String>,
}

struct Job {
    id: String,
    events: Vec<String>,
    steps: Vec<Step>,
}

struct Workflow {
    env: BTreeMap<String, String>,
    jobs: Vec<Job>,
}

fn text(node: Option<&Yaml>) -> Option<String> {
    node.and_then(|n| n.as_str().map(str::to_string))
}

fn strings(node: Option<&Yaml>) -> BTreeMap<String, String> {
    node.and_then(Yaml::as_mapping)
        .map(|map| {
            map.iter()
                .map(|(k, v)| {
                    (
                        k.as_str().unwrap().to_string(),
                        v.as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `github.event_name == 'a' || github.event_name == 'b'`: the events a job runs on. Any other condition is one
/// this test does not know, and fails it.
fn job_events(condition: &str) -> Vec<String> {
    condition
        .split("||")
        .map(|part| {
            let event = part
                .trim()
                .strip_prefix("github.event_name == '")
                .and_then(|rest| rest.strip_suffix('\''));
            event
                .unwrap_or_else(|| panic!("unknown job condition `{condition}`"))
                .to_string()
        })
        .collect()
}

fn workflow() -> Workflow {
    let source = read(&manifest().join("docs/ci/kehoach.yml"));
    let docs = Yaml::load_from_str(&source).unwrap();
    let doc = docs.first().unwrap();
    assert_eq!(
        doc.as_mapping_get("defaults")
            .and_then(|d| d.as_mapping_get("run"))
            .and_then(|r| text(r.as_mapping_get("shell"))),
        Some("bash".into()),
        "the steps are run here as `shell: bash` runs them"
    );
    let jobs = doc
        .as_mapping_get("jobs")
        .and_then(Yaml::as_mapping)
        .unwrap()
        .iter()
        .map(|(id, job)| Job {
            id: id.as_str().unwrap().to_string(),
            events: job_events(&text(job.as_mapping_get("if")).unwrap()),
            steps: job
                .as_mapping_get("steps")
                .and_then(Yaml::as_vec)
                .unwrap()
                .iter()
                .map(|step| Step {
                    name: text(step.as_mapping_get("name"))
                        .or_else(|| text(step.as_mapping_get("uses")))
                        .unwrap(),
                    id: text(step.as_mapping_get("id")),
                    condition: text(step.as_mapping_get("if")),
                    run: text(step.as_mapping_get("run")),
                    uses: text(step.as_mapping_get("uses")),
                    with: step
                        .as_mapping_get("with")
                        .and_then(Yaml::as_mapping)
                        .map(|map| {
                            map.iter()
                                .map(|(k, v)| {
                                    let v = v
                                        .as_str()
                                        .map(str::to_string)
                                        .or_else(|| v.as_bool().map(|b| b.to_string()))
                                        .or_else(|| v.as_integer().map(|i| i.to_string()))
                                        .unwrap();
                                    (k.as_str().unwrap().to_string(), v)
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                    env: strings(step.as_mapping_get("env"))
                        .into_iter()
                        .map(|(k, v)| {
                            let v = step_env(&v);
                            (k, v)
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Workflow {
        env: strings(doc.as_mapping_get("env")),
        jobs,
    }
}

/// A step's `env` value as GitHub gives it for the test's pull request (number 7, from the repository itself); an
/// expression this test does not know fails it.
fn step_env(value: &str) -> String {
    match value {
        "${{ github.token }}" => "test-token".to_string(),
        "${{ github.event.pull_request.number }}" => "7".to_string(),
        "${{ github.event.pull_request.head.repo.full_name == github.repository }}" => {
            "true".to_string()
        }
        other if !other.contains("${{") => other.to_string(),
        other => panic!("unknown step expression `{other}`"),
    }
}

/// Whether a step's condition limits it to pull requests.
fn only_on_pull_requests(condition: Option<&str>) -> bool {
    condition.is_some_and(|c| c.contains("github.event_name == 'pull_request'"))
}

/// Whether a step runs after an earlier one failed. The conditions are those of the workflow; one this test does
/// not know fails it.
fn runs_after_failure(condition: Option<&str>) -> bool {
    const AFTER_FAILURE: &str = "${{ !cancelled() && steps.install.outcome == 'success' }}";
    const UPLOAD: &str = "${{ !cancelled() && hashFiles('kehoach.sarif') != '' && (github.event_name == 'push' || \
                          github.event.pull_request.head.repo.full_name == github.repository) }}";
    const DIFF: &str = "${{ !cancelled() && steps.install.outcome == 'success' && github.event_name == \
                        'pull_request' }}";
    match condition {
        None => false,
        Some(AFTER_FAILURE | UPLOAD | DIFF) => true,
        Some(other) => panic!("unknown step condition `{other}`"),
    }
}

#[derive(Debug)]
struct Outcome {
    step: String,
    /// `None` when the step did not run.
    run: Option<Run>,
}

/// A folder for `PATH`: the built `kehoach` in place of the install step, and a `date` that prints `today`.
fn tools(dir: &Path, today: &str) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let _ = std::fs::remove_file(bin.join("kehoach"));
    symlink(env!("CARGO_BIN_EXE_kehoach"), bin.join("kehoach")).unwrap();
    let date = bin.join("date");
    std::fs::write(&date, format!("#!/bin/sh\necho {today}\n")).unwrap();
    std::fs::set_permissions(&date, std::fs::Permissions::from_mode(0o755)).unwrap();
    // `gh` says on standard error what it was asked to do, and succeeds.
    let gh = bin.join("gh");
    std::fs::write(&gh, "#!/bin/sh\necho \"gh $*\" >&2\n").unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// Runs the job that `event` starts (exactly one must), and what the run wrote to the step summary.
fn run_workflow(repo: &Repo, event: &str, today: &str) -> (Vec<Outcome>, String) {
    let workflow = workflow();
    let mut jobs = workflow
        .jobs
        .iter()
        .filter(|j| j.events.iter().any(|e| e == event));
    let job = jobs
        .next()
        .unwrap_or_else(|| panic!("no job runs on {event}"));
    assert!(jobs.next().is_none(), "one job per event");
    let scratch = tempfile::tempdir().unwrap();
    let bin = tools(scratch.path(), today);
    let summary = scratch.path().join("step_summary.md");
    std::fs::write(&summary, "").unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let installs: Vec<&Step> = job
        .steps
        .iter()
        .filter(|s| s.id.as_deref() == Some("install"))
        .collect();
    assert_eq!(installs.len(), 1, "job `{}` installs kehoach once", job.id);
    assert!(
        installs[0].run.as_deref().unwrap().contains(
            r#"cargo install --locked --git "$KEHOACH_GIT" --rev "$KEHOACH_REV" kehoach"#
        ),
        "the install step is the one docs/CI.md describes"
    );

    let mut failed = false;
    let mut outcomes = Vec::new();
    for step in &job.steps {
        if step.id.as_deref() == Some("install")
            || only_on_pull_requests(step.condition.as_deref()) && event != "pull_request"
        {
            continue;
        }
        let runs = !failed || runs_after_failure(step.condition.as_deref());
        if let Some(uses) = &step.uses {
            if uses.starts_with("github/codeql-action/upload-sarif@") && runs {
                let file = repo.path.join(&step.with["sarif_file"]);
                let log: serde_json::Value = serde_json::from_str(&read(&file)).unwrap();
                assert_eq!(log["version"], "2.1.0", "the upload gets a SARIF log");
            } else {
                assert!(
                    uses.starts_with("actions/checkout@"),
                    "unknown action {uses}"
                );
            }
            continue;
        }
        if !runs {
            outcomes.push(Outcome {
                step: step.name.clone(),
                run: None,
            });
            continue;
        }
        let script = scratch.path().join("step.sh");
        std::fs::write(&script, step.run.as_deref().unwrap()).unwrap();
        let output = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .current_dir(&repo.path)
            .env_clear()
            .envs(&workflow.env)
            .envs(&step.env)
            .env("PATH", &path)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_ACTIONS", "true")
            .env("CI", "true")
            .output()
            .unwrap();
        let run = Run {
            status: output.status.code().unwrap_or(-1),
            out: String::from_utf8(output.stdout).unwrap(),
            err: String::from_utf8(output.stderr).unwrap(),
        };
        failed |= run.status != 0;
        outcomes.push(Outcome {
            step: step.name.clone(),
            run: Some(run),
        });
    }
    (outcomes, read(&summary))
}

fn step<'o>(outcomes: &'o [Outcome], name: &str) -> &'o Run {
    outcomes
        .iter()
        .find(|o| o.step == name)
        .and_then(|o| o.run.as_ref())
        .unwrap_or_else(|| panic!("step `{name}` did not run: {outcomes:#?}"))
}

fn statuses(outcomes: &[Outcome]) -> Vec<(&str, Option<i32>)> {
    outcomes
        .iter()
        .map(|o| (o.step.as_str(), o.run.as_ref().map(|r| r.status)))
        .collect()
}

#[test]
fn the_workflow_passes_the_starter_and_annotates_a_broken_pull_request() {
    let repo = Repo::new();
    let (outcomes, summary) = run_workflow(&repo, "pull_request", "2026-05-04");
    assert_eq!(
        statuses(&outcomes),
        [
            ("Check plans", Some(0)),
            ("Check plans for code scanning", Some(0)),
            ("Formatting", Some(0)),
            ("What the pull request changes", Some(0)),
        ],
        "{outcomes:#?}"
    );
    // The starter against itself (origin/main is the starter): the comment says nothing changed.
    assert!(summary.contains("no change in meaning"), "{summary}");
    assert_eq!(
        step(&outcomes, "What the pull request changes").err,
        "gh pr comment 7 --body-file diff.md --edit-last\n"
    );
    assert_eq!(step(&outcomes, "Check plans").out, "");
    assert_eq!(
        step(&outcomes, "Check plans").err,
        "checked 2 files: 0 errors, 0 warnings\n"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&read(&repo.path.join("kehoach.sarif"))).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));

    repo.checkout(&repo.pull_request);
    let (outcomes, summary) = run_workflow(&repo, "pull_request", "2026-05-04");
    // The annotations fail the job; the SARIF log is still made and uploaded, formatting still judged, and the
    // comment says the plan was not compared, since it has an error.
    assert_eq!(
        statuses(&outcomes),
        [
            ("Check plans", Some(1)),
            ("Check plans for code scanning", Some(0)),
            ("Formatting", Some(1)),
            ("What the pull request changes", Some(1)),
        ],
        "{outcomes:#?}"
    );
    assert!(summary.contains("not compared"), "{summary}");
    insta::assert_snapshot!(
        "pull_request_annotations",
        step(&outcomes, "Check plans").out
    );
    assert_eq!(
        step(&outcomes, "Check plans").err,
        "checked 2 files: 1 error, 0 warnings\n"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&read(&repo.path.join("kehoach.sarif"))).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "unknown-reference");
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "plans/ke-hoach.plan");
    insta::assert_snapshot!("pull_request_formatting", step(&outcomes, "Formatting").out);
    // The push to main after merging runs the same job.
    let (outcomes, _) = run_workflow(&repo, "push", "2026-05-04");
    assert_eq!(statuses(&outcomes)[0], ("Check plans", Some(1)));
    // Back to the starter: nothing of the pull request is left.
    repo.checkout(&repo.starter);
    let (outcomes, _) = run_workflow(&repo, "push", "2026-05-04");
    assert_eq!(statuses(&outcomes)[0], ("Check plans", Some(0)));
}

#[test]
fn the_weekly_job_reports_progress_and_fails_when_a_task_is_overdue() {
    let repo = Repo::new();
    // Early May: t02 is due at the end of June.
    let (outcomes, summary) = run_workflow(&repo, "schedule", "2026-05-04");
    assert_eq!(
        statuses(&outcomes),
        [("Progress", Some(0))],
        "{outcomes:#?}"
    );
    assert!(summary.starts_with("## 01/KH-UBND"), "{summary}");
    assert!(summary.contains("as of **2026-05-04**"), "{summary}");
    // July, and the facts say nothing more of t02: it is overdue, and the job fails saying so.
    let (outcomes, summary) = run_workflow(&repo, "schedule", "2026-07-06");
    let progress = step(&outcomes, "Progress");
    assert_eq!(progress.status, 1, "{progress:#?}");
    assert_eq!(progress.err, "denied: 1 item is overdue: t02\n");
    assert!(summary.contains("as of **2026-07-06**"), "{summary}");
    // Run by hand, the same job.
    let (outcomes, _) = run_workflow(&repo, "workflow_dispatch", "2026-05-04");
    assert_eq!(statuses(&outcomes), [("Progress", Some(0))]);
}

// ---------------------------------------------------------------------------------------------------------------
// The pre-commit hooks.

#[derive(Debug, PartialEq)]
struct Hook {
    id: String,
    entry: String,
    files: String,
    pass_filenames: bool,
}

fn hooks(list: &Yaml) -> Vec<Hook> {
    list.as_vec()
        .unwrap()
        .iter()
        .map(|hook| Hook {
            id: text(hook.as_mapping_get("id")).unwrap(),
            entry: text(hook.as_mapping_get("entry")).unwrap(),
            files: text(hook.as_mapping_get("files")).unwrap(),
            pass_filenames: hook
                .as_mapping_get("pass_filenames")
                .and_then(Yaml::as_bool)
                .unwrap_or(true),
        })
        .collect()
}

/// The hooks kehoach's repository offers, and those `init` configures (local, running the installed kehoach):
/// the same commands.
fn both_hook_lists(repo: &Path) -> (Vec<Hook>, Vec<Hook>) {
    let offered = Yaml::load_from_str(&read(&manifest().join(".pre-commit-hooks.yaml"))).unwrap();
    let offered = hooks(offered.first().unwrap());
    let config = Yaml::load_from_str(&read(&repo.join(".pre-commit-config.yaml"))).unwrap();
    let repos = config
        .first()
        .unwrap()
        .as_mapping_get("repos")
        .and_then(Yaml::as_vec)
        .unwrap();
    assert_eq!(repos.len(), 1);
    assert_eq!(text(repos[0].as_mapping_get("repo")), Some("local".into()));
    let configured = hooks(repos[0].as_mapping_get("hooks").unwrap());
    (offered, configured)
}

/// Runs a hook as `pre-commit run --all-files` would: its entry, with the tracked files its `files` pattern
/// matches (Python's `re.search`) when it takes file names.
fn run_hook(repo: &Path, bin: &Path, hook: &Hook) -> Run {
    let pattern = regex::Regex::new(&hook.files).unwrap();
    let mut words = hook.entry.split_whitespace();
    let program = bin.join(words.next().unwrap());
    let mut args: Vec<String> = words.map(str::to_string).collect();
    if hook.pass_filenames {
        args.extend(
            git(repo, &["ls-files"])
                .lines()
                .filter(|f| pattern.is_match(f))
                .map(str::to_string),
        );
    }
    let output = Command::new(program)
        .args(&args)
        .current_dir(repo)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        status: output.status.code().unwrap_or(-1),
        out: String::from_utf8(output.stdout).unwrap(),
        err: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn the_pre_commit_hooks_check_and_format_the_plans() {
    let repo = Repo::new();
    let (offered, configured) = both_hook_lists(&repo.path);
    assert_eq!(offered, configured);
    assert_eq!(
        offered.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["kehoach-check", "kehoach-fmt"]
    );
    let scratch = tempfile::tempdir().unwrap();
    let bin = tools(scratch.path(), "2026-05-04");
    let [check, fmt] = [&offered[0], &offered[1]];

    let clean = run_hook(&repo.path, &bin, check);
    assert_eq!(
        (clean.status, clean.err.as_str()),
        (0, "checked 2 files: 0 errors, 0 warnings\n")
    );
    let formatted = run_hook(&repo.path, &bin, fmt);
    assert_eq!(formatted.status, 0, "{formatted:?}");
    assert_eq!(
        git(&repo.path, &["status", "--porcelain"]),
        "",
        "the starter is formatted"
    );

    repo.checkout(&repo.pull_request);
    let broken = run_hook(&repo.path, &bin, check);
    assert_eq!(broken.status, 1, "{broken:?}");
    assert!(broken.err.contains("unknown-reference"), "{}", broken.err);
    assert!(
        broken.err.contains("did you mean `ca_tinh`?"),
        "{}",
        broken.err
    );
    // The hook formats the plan in place; pre-commit then fails the commit because a file changed.
    let before = read(&repo.path.join("plans/ke-hoach.plan"));
    let formatted = run_hook(&repo.path, &bin, fmt);
    assert_eq!(formatted.status, 0, "{formatted:?}");
    assert_eq!(
        git(&repo.path, &["status", "--porcelain"]),
        " M plans/ke-hoach.plan\n"
    );
    let after = read(&repo.path.join("plans/ke-hoach.plan"));
    assert_ne!(before, after);
    assert!(
        after.contains("task t06 \"Tổ chức Ngày Chuyển đổi số của tỉnh\" {\n  lead     so_khcn\n")
    );
    let again = kehoach(&repo.path, &["fmt", "--check", "plans"]);
    assert_eq!(again.status, 0, "{}", again.all());
}

// ---------------------------------------------------------------------------------------------------------------
// `kehoach init`.

#[test]
fn init_writes_a_starter_that_checks_formats_and_evaluates_clean() {
    let dir = tempfile::tempdir().unwrap();
    let run = kehoach(dir.path(), &["init", "starter", "--year", YEAR]);
    assert_eq!(run.status, 0, "{}", run.all());
    assert_eq!(run.err, "");
    insta::assert_snapshot!("init_en", run.out);
    let vi = kehoach(
        dir.path(),
        &["init", "khoi-dau", "--year", YEAR, "--lang", "vi"],
    );
    assert_eq!(vi.status, 0, "{}", vi.all());
    insta::assert_snapshot!("init_vi", vi.out);

    let check = kehoach(dir.path(), &["check", "starter", "--deny-warnings"]);
    assert_eq!(
        (check.status, check.err.as_str()),
        (0, "checked 2 files: 0 errors, 0 warnings\n")
    );
    let fmt = kehoach(dir.path(), &["fmt", "--check", "starter"]);
    assert_eq!(fmt.status, 0, "{}", fmt.all());
    let reports: Vec<String> = [
        "starter/plans/ke-hoach.facts",
        "starter/plans/ke-hoach.facts.json",
    ]
    .iter()
    .map(|facts| {
        let eval = kehoach(
            dir.path(),
            &[
                "eval",
                "starter/plans/ke-hoach.plan",
                "--facts",
                facts,
                "--format",
                "json",
            ],
        );
        assert_eq!((eval.status, eval.err.as_str()), (0, ""), "{facts}");
        eval.out
    })
    .collect();
    assert_eq!(
        reports[0], reports[1],
        "the text and JSON facts say the same"
    );
    let report: serde_json::Value = serde_json::from_str(&reports[0]).unwrap();
    assert_eq!(report["as_of"], "2026-04-10");
    let table = kehoach(
        dir.path(),
        &[
            "eval",
            "starter/plans/ke-hoach.plan",
            "--facts",
            "starter/plans/ke-hoach.facts",
        ],
    );
    assert_eq!(table.status, 0, "{}", table.all());
    assert!(table.out.contains("done             t01"), "{}", table.out);

    // The workflow it writes is the documented one, byte for byte.
    assert_eq!(
        read(&dir.path().join("starter/.github/workflows/kehoach.yml")),
        read(&manifest().join("docs/ci/kehoach.yml"))
    );
    // Its dates are the year asked for; by default, this year.
    let plan = read(&dir.path().join("starter/plans/ke-hoach.plan"));
    assert!(plan.contains("period   2026\n"));
    assert!(!plan.contains("{{"));
    let this_year = kehoach(dir.path(), &["init", "this-year"]);
    assert_eq!(this_year.status, 0);
    let plan = read(&dir.path().join("this-year/plans/ke-hoach.plan"));
    assert!(plan.contains(&format!("period   {}\n", kehoach::cli::current_year())));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_takes_one_with_only_git() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("full/plans")).unwrap();
    std::fs::write(dir.path().join("full/README.md"), "ours").unwrap();
    let run = kehoach(dir.path(), &["init", "full"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.out, "");
    assert_eq!(
        run.err,
        "error: cannot write a starter into `full`: the folder is not empty (it holds `README.md`, `plans`); \
         `kehoach init` writes only into a new or empty folder, so that nothing in it is overwritten\n"
    );
    assert_eq!(read(&dir.path().join("full/README.md")), "ours");
    assert!(
        std::fs::read_dir(dir.path().join("full/plans"))
            .unwrap()
            .next()
            .is_none()
    );

    for name in ["a", "b", "c", "d", "e"] {
        std::fs::write(dir.path().join("full").join(name), "").unwrap();
    }
    let run = kehoach(dir.path(), &["init", "full", "--lang", "vi"]);
    assert_eq!(run.status, 2);
    assert!(
        run.err
            .contains(" và 4 mục khác); `kehoach init` chỉ ghi vào thư mục mới hoặc trống"),
        "{}",
        run.err
    );

    std::fs::write(dir.path().join("file"), "").unwrap();
    let run = kehoach(dir.path(), &["init", "file"]);
    assert_eq!(
        (run.status, run.err.as_str()),
        (
            2,
            "error: cannot write a starter into `file`: it is not a folder\n"
        )
    );

    // A repository just made, or cloned empty, holds only `.git`.
    git(dir.path(), &["init", "-q", "fresh"]);
    let run = kehoach(dir.path(), &["init", "fresh", "--year", YEAR]);
    assert_eq!(run.status, 0, "{}", run.all());
    assert!(dir.path().join("fresh/plans/ke-hoach.plan").is_file());
    // A folder that does not exist yet is made, with its parents.
    let run = kehoach(dir.path(), &["init", "new/nested", "--year", YEAR]);
    assert_eq!(run.status, 0, "{}", run.all());
    // Hidden characters in the folder's name are shown as escapes.
    let run = kehoach(dir.path(), &["init", "full\u{1b}[2J"]);
    assert_eq!(run.status, 0, "{}", run.all());
    assert!(
        run.out.contains("full\\u{1b}[2J/plans/ke-hoach.plan"),
        "{}",
        run.out
    );
    assert!(
        run.out.contains("kehoach check 'full\\u{1b}[2J'"),
        "{}",
        run.out
    );
}

#[test]
fn init_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ke-hoach.plan");
    std::fs::write(&path, "ours").unwrap();
    assert!(matches!(
        write_new(&path, "theirs"),
        Err(WriteError::Exists)
    ));
    assert_eq!(read(&path), "ours");
    // Not even through a link: the link stays, and what it points to is not made.
    let link = dir.path().join("link.plan");
    symlink(dir.path().join("elsewhere.plan"), &link).unwrap();
    assert!(matches!(
        write_new(&link, "theirs"),
        Err(WriteError::Exists)
    ));
    assert!(!dir.path().join("elsewhere.plan").exists());
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A new file is written whole, and no temporary file is left.
    write_new(&dir.path().join("new.plan"), "new").unwrap();
    assert_eq!(read(&dir.path().join("new.plan")), "new");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["ke-hoach.plan", "link.plan", "new.plan"]);
}

// ---------------------------------------------------------------------------------------------------------------
// `kehoach check --format github` through the binary.

#[test]
fn github_annotations_of_broken_plans_and_unreadable_paths() {
    let run = kehoach(
        manifest(),
        &[
            "check",
            "tests/fixtures/err/five_mistakes.plan",
            "tests/fixtures/err/dependency_cycle.plan",
            "--format",
            "github",
        ],
    );
    assert_eq!(run.status, 1, "{}", run.all());
    insta::assert_snapshot!("github_five_mistakes_and_a_cycle", run.out);
    assert_eq!(run.err, "checked 2 files: 5 errors, 2 warnings\n");

    let vi = kehoach(
        manifest(),
        &[
            "check",
            "tests/fixtures/err/owner_typo.plan",
            "--format",
            "github",
            "--lang",
            "vi",
        ],
    );
    insta::assert_snapshot!("github_owner_typo_vi", vi.out);
    assert_eq!(vi.err, "đã kiểm tra 1 tệp: 2 lỗi, 0 cảnh báo\n");

    // A path that cannot be read is an annotation too, and the exit status says so; stderr has only the summary.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(
        dir.path().join("plans/ok.plan"),
        "owner a \"A\"\ntask t \"T\" { lead a }\n",
    )
    .unwrap();
    symlink("/etc/hostname", dir.path().join("plans/out,side:%.plan")).unwrap();
    let run = kehoach(dir.path(), &["check", "plans", "--format", "github"]);
    assert_eq!(run.status, 2, "{}", run.all());
    assert_eq!(
        run.out,
        "::error file=plans/out%2Cside%3A%25.plan,title=cannot read::cannot read plans/out,side:%25.plan: it is a \
         symbolic link leading outside the checked folder `plans`, and is not followed\n"
    );
    assert_eq!(run.err, "checked 1 file: 0 errors, 0 warnings\n");
}

// ---------------------------------------------------------------------------------------------------------------
// docs/CI.md.

/// The statuses docs/CI.md lists for `--deny` are exactly those `kehoach eval` takes.
#[test]
fn the_statuses_docs_ci_lists_are_those_eval_takes() {
    let run = kehoach(
        manifest(),
        &["eval", "p.plan", "--facts", "p.facts", "--deny", "nope"],
    );
    assert_eq!(run.status, 2);
    let known = run
        .err
        .trim_end()
        .split_once("the statuses are ")
        .unwrap()
        .1;
    let mut known: Vec<&str> = known.split(", ").collect();
    known.sort_unstable();

    let docs = read(&manifest().join("docs/CI.md")).replace('\n', " ");
    let start = docs
        .find("`--deny` takes any status `kehoach eval` gives:")
        .unwrap();
    let end = start + docs[start..].find("An unknown word").unwrap();
    let mut listed: Vec<&str> = docs[start..end].split('`').skip(5).step_by(2).collect();
    listed.sort_unstable();
    listed.dedup();
    assert_eq!(listed, known);
}
