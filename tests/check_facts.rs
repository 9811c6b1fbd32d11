//! `kehoach check` checks facts: a folder's `x.facts` and `x.facts.json` beside `x.plan`, and files named with
//! `--facts`, each against its plan; what the user sees, in every format.

#![expect(
    clippy::unwrap_used,
    reason = "a scratch folder or a binary that cannot run fails the test"
)]

use std::path::Path;
use std::process::Command;

const PLAN: &str =
    "plan \"1/KH\" { period 2023 }\nowner a \"Sở A\"\ntask t \"Việc\" { lead a; due 2023-Q1 }\n";
const FACTS: &str = "facts \"1/KH\" as_of 2023-05-01 {\n  tt done 2023-04-10\n}\n";
const JSON: &str = r#"{ "as_of": "2023-05-01", "tasks": { "t": { "done": "2023-13-01" } } }"#;

/// The binary run in `dir`: exit status, stdout, stderr.
fn kehoach(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_folders_facts_are_checked_against_the_plan_beside_them() {
    let dir = folder(&[("x.plan", PLAN), ("x.facts", FACTS), ("x.facts.json", JSON)]);
    let (status, out, err) = kehoach(dir.path(), &["check", "."]);
    assert_eq!((status, out.as_str()), (1, ""));
    insta::assert_snapshot!(err);
}

#[test]
fn facts_named_with_facts_in_every_format() {
    let dir = folder(&[("x.plan", PLAN), ("x.facts", FACTS), ("x.facts.json", JSON)]);
    let (status, out, _) = kehoach(
        dir.path(),
        &["check", "x.plan", "--facts", "x.facts", "--format", "json"],
    );
    assert_eq!(status, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let places: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{}", d["code"], d["file"], d["line"]))
        .collect();
    assert_eq!(places, [r#""unknown-fact" "x.facts":2"#]);

    let (_, out, _) = kehoach(dir.path(), &["check", ".", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["unknown-fact", "malformed-fact"]);

    let (_, out, _) = kehoach(dir.path(), &["check", ".", "--format", "github"]);
    insta::assert_snapshot!(out);
}

#[test]
fn clean_facts_count_as_checked_files() {
    let dir = folder(&[
        ("x.plan", PLAN),
        (
            "x.facts",
            "facts \"1/KH\" as_of 2023-05-01 {\n  t done 2023-03-10\n}\n",
        ),
    ]);
    let (status, _, err) = kehoach(dir.path(), &["check", "."]);
    assert_eq!(status, 0);
    assert_eq!(err, "checked 2 files: 0 errors, 0 warnings\n");
}

#[test]
fn facts_whose_plan_has_errors_are_said_not_checked() {
    let dir = folder(&[
        (
            "x.plan",
            "plan \"1/KH\" { period 2023 }\ntask t \"Việc\" { lead nobody }\n",
        ),
        ("x.facts", FACTS),
    ]);
    let (status, _, err) = kehoach(dir.path(), &["check", "."]);
    assert_eq!(status, 1, "{err}");
    let said: Vec<&str> = err.lines().filter(|l| l.starts_with("note:")).collect();
    insta::assert_snapshot!(said.join("\n"));
}

#[test]
fn facts_without_a_plan_beside_them_take_the_only_plan_or_say_which_is_missing() {
    let dir = folder(&[("x.plan", PLAN), ("other.facts", FACTS)]);
    let (status, _, err) = kehoach(dir.path(), &["check", "x.plan", "--facts", "other.facts"]);
    assert_eq!(status, 1);
    assert!(err.contains("unknown task `tt`"), "{err}");

    let dir = folder(&[
        ("x.plan", PLAN),
        ("y.plan", &PLAN.replace("1/KH", "2/KH")),
        ("other.facts", FACTS),
    ]);
    let (status, _, err) = kehoach(dir.path(), &["check", ".", "--facts", "other.facts"]);
    assert_eq!(status, 2);
    let said: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    insta::assert_snapshot!(said.join("\n"));
}

/// The slips a reporting officer makes in a facts file, each with help that says what to write: the report's date
/// inside the block, a value without `=`, a value without its period, a day-first date. In both languages.
#[test]
fn facts_slips_get_help_that_says_what_to_write() {
    let facts = "facts \"1/KH\" {\n  as_of 2023-05-01\n  tt done 10/4/2023\n}\n";
    let values = "facts \"1/KH\" as_of 2023-05-01 {\n  x 2023 7.5\n  x = 7.5\n}\n";
    let plan = format!("{PLAN}target x \"Tỷ lệ\" {{ unit \"%\"; goal >= 5; by 2023; lead a }}\n");
    for (name, text) in [("a.facts", facts), ("b.facts", values)] {
        let dir = folder(&[("x.plan", &plan), (name, text)]);
        let mut seen = Vec::new();
        for lang in ["en", "vi"] {
            let (status, _, err) = kehoach(
                dir.path(),
                &["check", "--lang", lang, "--facts", name, "x.plan"],
            );
            assert_eq!(status, 1, "{err}");
            seen.push(err);
        }
        insta::assert_snapshot!(name, seen.join("\n"));
    }
}
