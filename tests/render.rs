//! What people see stays small and quick to make, whatever the input (issue 15, items 5, 7 and 11): a 90 KB
//! one-line facts file, a cycle of 100,000 tasks, labels 50,000 lines apart, a file whose lines end in a lone
//! carriage return. Through the real binary.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers outside the #[test] functions fail the test when the scratch folder misbehaves"
)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use kehoach::diagnostics::{Code, Lang};
use kehoach::{Project, Source};

struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("kehoach-render-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch { dir }
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.join(name), text).unwrap();
    }

    /// Runs `kehoach` in the scratch folder: exit status, stdout, stderr, and how long it took.
    fn kehoach(&self, args: &[&str]) -> (i32, String, String, Duration) {
        let start = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(args)
            .current_dir(&self.dir)
            .output()
            .unwrap();
        let took = start.elapsed();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
            took,
        )
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const PLAN: &str = "plan \"KH\" { issued 2023-01-01; period 2023 }
owner so_a \"Sở A\"
target grdp \"GRDP\" { unit \"%\"; goal >= 9; lead so_a }
task t1 \"Task\" { lead so_a; due 2023-06 }
";

#[test]
fn a_90_kb_one_line_facts_file_with_an_error_near_its_end_is_shown_cut_in_every_format() {
    let scratch = Scratch::new("long-line");
    scratch.write("plan.plan", PLAN);
    // A reason as long as a web form lets through, and a misspelt key after it.
    let reason = "lý do chưa thực hiện, ".repeat(3_500);
    let facts = format!(
        "{{\"as_of\":\"2023-09-30\",\"values\":{{\"grdp\":{{\"2023\":\"7\"}}}},\"tasks\":{{\"t1\":{{\"cancelled\":\"{reason}\",\"dnoe\":\"2023-05-02\"}}}}}}"
    );
    assert!(facts.len() > 90_000 && !facts.contains('\n'));
    scratch.write("facts.json", &facts);
    for format in ["table", "json", "markdown", "html"] {
        let (status, out, err, _) = scratch.kehoach(&[
            "eval",
            "plan.plan",
            "--facts",
            "facts.json",
            "--format",
            format,
        ]);
        assert_eq!(status, 1, "{format}: {err}");
        assert!(out.is_empty(), "{format}: {out}");
        assert!(err.len() < 5_000, "{format}: {} bytes", err.len());
        assert!(err.contains("unknown key `dnoe`"), "{format}: {err}");
    }
    let (_, _, err, _) = scratch.kehoach(&["eval", "plan.plan", "--facts", "facts.json"]);
    let excerpt: String = err
        .lines()
        .filter(|l| l.contains("dnoe") || l.contains('─') || l.contains("unknown key"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("long_line_excerpt", excerpt);
}

/// A plan whose `n` tasks each come after the next, the last after the first.
fn cycle(n: usize) -> String {
    let mut plan = String::from(PLAN);
    for i in 0..n {
        plan.push_str(&format!(
            "task c{i} \"Việc {i}\" {{ lead so_a; after c{} }}\n",
            (i + 1) % n
        ));
    }
    plan
}

#[test]
fn a_cycle_of_100_000_tasks_is_shown_by_its_ends_and_json_keeps_every_edge() {
    let scratch = Scratch::new("cycle");
    scratch.write("plan.plan", &cycle(100_000));
    let (status, _, err, _) = scratch.kehoach(&["check", "plan.plan"]);
    assert_eq!(status, 1);
    assert!(err.len() < 4_000, "{} bytes:\n{err}", err.len());
    for shown in [
        "`c0` comes after itself: `c0` → `c1` → `c2` → `c3` → `c4` → `c5` → … 99,991 more …",
        "1. `c0` comes after `c1`",
        "5. `c4` comes after `c5`",
        "99998. `c99997` comes after `c99998`",
        "100000. `c99999` comes after `c0`",
        "… 99,992 more places not shown here: `--format json` lists every one",
    ] {
        assert!(err.contains(shown), "{shown}:\n{err}");
    }
    assert!(!err.contains("6. `c5`"), "{err}");
    let (_, out, _, _) = scratch.kehoach(&["check", "plan.plan", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let labels = value[0]["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 100_000);
}

/// The fastest of three runs of `f`: the machine is shared, and the fastest run is the one least disturbed.
fn fastest<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..3 {
        let start = Instant::now();
        let made = f();
        let took = start.elapsed();
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, made));
        }
    }
    best.unwrap()
}

#[test]
fn rendering_a_cycle_takes_constant_time_and_json_keeps_every_edge_in_linear_size() {
    // Rendering only (checking is another stage), in the library, on cycles checked once. One human rendering is
    // too quick to time alone (about a millisecond), so it is repeated to last about a second.
    let (mut human, mut json) = (Vec::new(), Vec::new());
    for n in [10_000, 20_000, 40_000] {
        let project = Project::from_sources(vec![Source::new("plan.plan", cycle(n)).unwrap()]);
        let cycle = project.findings().only(|d| d.code == Code::DependencyCycle);
        let first = cycle.diagnostics().first();
        assert_eq!(first.map(|d| d.labels.len()), Some(n));
        human.push(fastest(|| {
            (0..1_000)
                .map(|_| cycle.render(Lang::En, false).len())
                .max()
                .unwrap_or(0)
        }));
        let value = cycle.to_json(Lang::En);
        json.push(serde_json::to_string(&value).unwrap().len());
    }
    // The human output is the same size but for the digits of line numbers and counts, and takes the same time.
    let sizes: Vec<usize> = human.iter().map(|&(_, size)| size).collect();
    assert!(*sizes.iter().max().unwrap() < 3_000, "{sizes:?}");
    assert!(
        sizes.iter().max().unwrap() - sizes.iter().min().unwrap() < 100,
        "{sizes:?}"
    );
    for pair in human.windows(2) {
        let ratio = pair[1].0.as_secs_f64() / pair[0].0.as_secs_f64();
        assert!(
            ratio <= 2.5,
            "a doubling took {ratio:.2}× as long: {human:?}"
        );
    }
    // JSON keeps every edge: twice the edges, twice the bytes (and a few more digits). Its time was measured
    // linear too (n log n: each place is found in the line table), but on a shared machine a wall clock is too
    // noisy to hold it to 2× per doubling.
    for pair in json.windows(2) {
        let ratio = pair[1] as f64 / pair[0] as f64;
        assert!((2.0..2.2).contains(&ratio), "{json:?}");
    }
}

#[test]
fn two_labels_50_000_lines_apart_show_only_their_own_lines() {
    // miette joined the snippets of two labels when the second's line was less than the first's line plus the
    // lines before the first's end: here it printed the 50,000 lines between them.
    let scratch = Scratch::new("far-apart");
    let mut plan = String::from(PLAN);
    plan.push_str(&"// filler\n".repeat(50_000));
    plan.push_str("task dup \"A\" { lead so_a }\n");
    plan.push_str(&"// filler\n".repeat(50_000));
    plan.push_str("task dup \"B\" { lead so_a }\n");
    scratch.write("plan.plan", &plan);
    let (status, _, err, _) = scratch.kehoach(&["check", "plan.plan"]);
    assert_eq!(status, 1);
    assert!(err.lines().count() < 25, "{err}");
    assert!(err.contains("[plan.plan:100006:6]"), "{err}");
    assert!(err.contains(" 50005 │ task dup \"A\""), "{err}");
    insta::assert_snapshot!("labels_far_apart", err);
}

#[test]
fn a_file_whose_lines_end_in_a_lone_carriage_return_shows_the_right_lines() {
    let scratch = Scratch::new("lone-cr");
    scratch.write("plan.plan", PLAN);
    scratch.write(
        "facts.json",
        "{\r  \"as_of\": \"2023-09-30\",\r  \"values\": { \"grdp\": { \"2023\": 7 } },\r  \"tasks\": {\r    \"t1\": { \"dnoe\": \"2023-05-02\" }\r  }\r}\r",
    );
    let (status, _, err, _) = scratch.kehoach(&["eval", "plan.plan", "--facts", "facts.json"]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("[facts.json:5:13]"), "{err}");
    insta::assert_snapshot!("lone_cr", err);
}
