//! `kehoach export` as users meet it: every bundled plan exports to JSON that its schema accepts, to a calendar
//! an iCalendar parser reads back, to a graph Graphviz renders; and the command writes, refuses and exits as
//! documented.

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "the helpers outside the #[test] functions fail the test when a fixture misbehaves"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::Parser;
use kehoach::cli::{Cli, run};
use kehoach::diagnostics::Lang;
use kehoach::export::Format;
use kehoach::{Plan, Project, Source};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every plan among the bundled plans and the fixtures that check without errors, named by its root file.
fn clean_plans() -> Vec<(String, Plan)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("plans"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs.push(root().join("tests/fixtures/ok"));
    dirs.push(root().join("tests/fixtures/eval"));
    let mut plans = Vec::new();
    for dir in dirs {
        let project = Project::open(&[&dir]);
        let found = project.plans().unwrap_or_else(|refusal| {
            panic!(
                "{}: {refusal}\n{}",
                dir.display(),
                project.findings().render(Lang::En, false)
            )
        });
        plans.extend(found.into_iter().map(|p| (p.file_name().to_string(), p)));
    }
    plans
}

/// The plan as its JSON export resolves it: what the other formats are held against.
fn resolved(plan: &Plan) -> Value {
    serde_json::from_str(&plan.export(Format::Json, Lang::En)).unwrap()
}

#[test]
fn every_clean_plan_exports_json_that_the_schema_accepts() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/plan.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let plans = clean_plans();
    // Three provinces' plans, the SPEC example and the evaluation fixture at least.
    assert!(plans.len() >= 5, "only {} clean plans", plans.len());
    for (name, plan) in &plans {
        let value = resolved(plan);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

/// The schema says what it accepts: a misspelt key or a number where a decimal string belongs is rejected, so the
/// test above cannot pass by a schema that accepts anything.
#[test]
fn the_schema_rejects_what_the_export_never_writes() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/plan.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (_, plan) = clean_plans().into_iter().next().unwrap();
    let good = resolved(&plan);
    assert!(validator.is_valid(&good));
    let mut extra_key = good.clone();
    extra_key["tasks"] = serde_json::json!([{ "id": "t", "titel": "T" }]);
    assert!(!validator.is_valid(&extra_key));
    let mut float = good.clone();
    float["plan"]["approx"] = serde_json::json!(0.05);
    assert!(!validator.is_valid(&float));
}

/// Every calendar parses with the `icalendar` crate's parser, every content line is CRLF-ended and at most 75
/// octets, and the events are exactly one per task deadline and one per report due date in the plan period.
#[test]
fn every_clean_plan_exports_a_calendar_a_parser_reads() {
    for (name, plan) in clean_plans() {
        let ics = plan.export(Format::Ics, Lang::Vi);
        let resolved = resolved(&plan);
        let tasks = resolved["tasks"].as_array().unwrap();
        let reports = resolved["reports"].as_array().unwrap();
        assert!(ics.ends_with("\r\n"), "{name}");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{name}: {line:?}");
            assert!(!line.contains('\n') && !line.contains('\r'), "{name}");
        }
        let unfolded = icalendar::parser::unfold(&ics);
        let roots =
            icalendar::parser::read_components(&unfolded).unwrap_or_else(|e| panic!("{name}: {e}"));
        let [vcalendar] = roots.as_slice() else {
            panic!("{name}: {} top-level components", roots.len());
        };
        assert_eq!(vcalendar.name.as_str(), "VCALENDAR");
        for property in ["VERSION", "PRODID"] {
            assert!(
                vcalendar.find_prop(property).is_some(),
                "{name}: no {property}"
            );
        }
        let events: Vec<_> = vcalendar
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();

        // Every due date within the plan period, as the JSON export lists them.
        let report_dates: usize = reports
            .iter()
            .map(|r| r["due_dates"].as_array().unwrap().len())
            .sum();
        let deadlines = tasks.iter().filter(|t| !t["due"].is_null()).count();
        assert_eq!(events.len(), deadlines + report_dates, "{name}");

        let mut uids = std::collections::HashSet::new();
        for event in &events {
            for property in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] {
                assert!(event.find_prop(property).is_some(), "{name}: no {property}");
            }
            let uid = event.find_prop("UID").unwrap().val.as_str().to_string();
            assert!(uids.insert(uid.clone()), "{name}: {uid} twice");
        }
        // Each task's title comes back, unescaped, as the summary of the event on its last day.
        for task in tasks.iter().filter(|t| !t["due"].is_null()) {
            let (id, title) = (
                task["id"].as_str().unwrap(),
                task["title"].as_str().unwrap(),
            );
            let day = task["due"]["last_day"].as_str().unwrap().replace('-', "");
            let event = events
                .iter()
                .find(|e| {
                    e.find_prop("UID")
                        .is_some_and(|u| u.val.as_str().starts_with(&format!("task-{id}.")))
                })
                .unwrap_or_else(|| panic!("{name}: no event for {id}"));
            assert_eq!(event.find_prop("DTSTART").unwrap().val.as_str(), day);
            let summary = event.find_prop("SUMMARY").unwrap().val.clone();
            assert_eq!(summary.unescape_text().as_str(), title, "{name}");
        }
    }
}

/// The calendar is the same on every run: nothing in it comes from the clock.
#[test]
fn the_calendar_depends_on_the_plan_only() {
    let (plan, issued) = clean_plans()
        .into_iter()
        .find_map(|(_, p)| {
            let issued = resolved(&p)["plan"]["issued"].as_str()?.replace('-', "");
            Some((p, issued))
        })
        .unwrap();
    let first = plan.export(Format::Ics, Lang::En);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, plan.export(Format::Ics, Lang::En));
    assert!(first.contains(&format!("DTSTAMP:{issued}T000000Z\r\n")));
}

/// Graphviz renders every graph without a warning. Skipped, with a note, where `dot` is not installed.
#[test]
fn graphviz_renders_every_graph() {
    if Command::new("dot").arg("-V").output().is_err() {
        println!("note: skipped: Graphviz `dot` is not installed");
        return;
    }
    for (name, plan) in clean_plans() {
        let graph = plan.export(Format::Dot, Lang::En);
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), graph.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name}: {stderr}\n{graph}");
        assert!(stderr.trim().is_empty(), "{name}: {stderr}");
        let svg = String::from_utf8(output.stdout).unwrap();
        // One drawn node per task.
        for task in resolved(&plan)["tasks"].as_array().unwrap() {
            let id = task["id"].as_str().unwrap();
            assert!(
                svg.contains(&format!("<title>task:{id}</title>")),
                "{name}: {id}"
            );
        }
    }
}

/// Runs `kehoach ARGS…`; returns the exit status, stdout and stderr.
fn kehoach(args: &[&str]) -> (u8, String, String) {
    let cli = Cli::try_parse_from(std::iter::once("kehoach").chain(args.iter().copied())).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run(cli, &mut out, &mut err);
    (
        status,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn fixture(path: &str) -> String {
    root()
        .join("tests/fixtures")
        .join(path)
        .display()
        .to_string()
}

#[test]
fn mermaid_gantt_of_the_spec_example() {
    let (status, out, err) = kehoach(&[
        "export",
        &fixture("ok/spec_example.plan"),
        "--to",
        "mermaid",
    ]);
    assert_eq!(status, 0, "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn out_writes_the_file_and_nothing_to_stdout() {
    let dir = std::env::temp_dir().join(format!("kehoach-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("plan.ics");
    let file_arg = file.display().to_string();
    let (status, out, err) = kehoach(&[
        "export",
        &fixture("ok/spec_example.plan"),
        "--to",
        "ics",
        "--out",
        &file_arg,
    ]);
    let written = std::fs::read_to_string(&file);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(status, 0, "{err}");
    assert!(out.is_empty());
    assert!(written.unwrap().starts_with("BEGIN:VCALENDAR\r\n"));
}

#[test]
fn a_plan_with_errors_is_not_exported() {
    let (status, out, err) = kehoach(&["export", &fixture("err/semantic.plan"), "--to", "json"]);
    assert_eq!(status, 1);
    assert!(out.is_empty());
    assert!(err.contains("not exported: "), "{err}");
}

#[test]
fn a_folder_or_a_missing_file_is_bad_usage() {
    let (status, _, err) = kehoach(&["export", &fixture("ok"), "--to", "dot"]);
    assert_eq!(status, 2);
    assert!(err.contains("is a folder"), "{err}");
    let (status, out, err) = kehoach(&["export", &fixture("ok/missing.plan"), "--to", "dot"]);
    assert_eq!(status, 2);
    assert!(out.is_empty());
    assert!(err.contains("cannot read"), "{err}");
}

/// A generated plan of 2 000 items (every goal form, `shares`, derived values, dependency chains, recurring
/// reports) exports to JSON its schema accepts and to a calendar the parser reads, and Graphviz renders its
/// graph; also formats unchanged after one pass. Prints how long each export took.
#[test]
fn a_large_generated_plan_exports_in_every_format() {
    use kehoach::generate::{Shape, workspace};

    let files = workspace(Shape {
        provinces: 1,
        plans_per_province: 1,
        items_per_plan: 2_000,
    });
    let mut sources = Vec::new();
    for file in files {
        let source = Source::new(file.path, file.text).unwrap();
        let once = kehoach::format(&source).unwrap();
        let again = Source::new(source.name(), once.as_str()).unwrap();
        assert_eq!(kehoach::format(&again).unwrap(), once, "{}", source.name());
        sources.push(source);
    }
    let project = Project::from_sources(sources);
    let plan = project.plan(None).unwrap();
    let whole = resolved(&plan);
    let (tasks, targets) = (
        whole["tasks"].as_array().unwrap().len(),
        whole["targets"].as_array().unwrap().len(),
    );
    assert!(tasks >= 500 && targets >= 500);

    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/plan.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut texts = Vec::new();
    for format in Format::ALL {
        let started = std::time::Instant::now();
        let text = plan.export(format, Lang::En);
        println!(
            "{}: {} bytes in {:?} ({tasks} tasks, {targets} targets)",
            format.as_str(),
            text.len(),
            started.elapsed(),
        );
        texts.push((format, text));
    }
    for (format, text) in texts {
        match format {
            Format::Json => {
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                let first_error = validator.iter_errors(&value).next().map(|e| e.to_string());
                assert_eq!(first_error, None);
            }
            Format::Ics => {
                let unfolded = icalendar::parser::unfold(&text);
                let roots = icalendar::parser::read_components(&unfolded).unwrap();
                assert_eq!(roots.len(), 1);
                assert!(text.split("\r\n").all(|l| l.len() <= 75));
            }
            Format::Dot => {
                let Ok(mut child) = Command::new("dot")
                    .arg("-Tsvg")
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                else {
                    println!("note: skipped rendering: Graphviz `dot` is not installed");
                    continue;
                };
                std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes())
                    .unwrap();
                let output = child.wait_with_output().unwrap();
                assert!(
                    output.status.success(),
                    "{}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            Format::Mermaid => {
                let bars = text.lines().filter(|l| l.contains(" :")).count();
                let due = whole["tasks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|t| !t["due"].is_null());
                assert_eq!(bars, due.count());
            }
        }
    }
}
