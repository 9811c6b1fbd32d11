//! `kehoach eval` as a user runs it: formats, `--as-of`, `--deny` and the exit statuses.

use clap::Parser;
use kehoach::cli::{Cli, run};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/eval/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `kehoach ARGS…`; returns the exit status, stdout and stderr.
#[expect(
    clippy::unwrap_used,
    reason = "a test helper: a bad argument list is the test's own bug"
)]
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

#[test]
fn json_report_has_the_normative_keys_and_statuses() {
    let (plan, facts) = (fixture("statuses.plan"), fixture("statuses.facts.json"));
    let (status, out, err) = kehoach(&["eval", &plan, "--facts", &facts, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in ["targets", "tasks", "rules", "reports", "owners", "summary"] {
        assert!(report.get(key).is_some(), "no `{key}`");
    }
    for kind in ["targets", "tasks", "rules", "reports", "owners"] {
        for item in report[kind].as_array().unwrap() {
            assert!(
                item["id"].is_string() && item["status"].is_string(),
                "{kind}: {item}"
            );
        }
    }
    assert_eq!(report["as_of"], "2024-07-01");
}

#[test]
fn as_of_overrides_the_facts_date() {
    let (plan, facts) = (fixture("statuses.plan"), fixture("statuses.facts"));
    let (status, out, _) = kehoach(&[
        "eval",
        &plan,
        "--facts",
        &facts,
        "--as-of",
        "2026-01-15",
        "--format",
        "json",
    ]);
    assert_eq!(status, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["as_of"], "2026-01-15");
    let on_line = report["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "on_line")
        .unwrap();
    // The deadline (end of 2025) has passed and 76 is short of 100.
    assert_eq!(on_line["status"], "missed");
}

/// The statuses of SPEC §2b are statuses `--deny` takes: standing duties, tracked reports.
#[test]
fn deny_knows_the_statuses_of_duties_and_tracked_reports() {
    let (plan, facts) = (fixture("duties.plan"), fixture("duties.facts"));
    let (status, _, err) = kehoach(&[
        "eval",
        &plan,
        "--facts",
        &facts,
        "--deny",
        "missing,late,behind",
    ]);
    assert_eq!(status, 1);
    assert!(err.contains("denied: 1 item is missing: hang_quy"), "{err}");
    assert!(err.contains("denied: 1 item is late: hang_nam"), "{err}");
    assert!(
        err.contains("denied: 1 item is behind: t_giam_sat"),
        "{err}"
    );
    let (status, _, _) = kehoach(&["eval", &plan, "--facts", &facts, "--deny", "on-time"]);
    assert_eq!(status, 1);
    let (status, _, _) = kehoach(&["eval", &plan, "--facts", &facts, "--deny", "ongoing"]);
    assert_eq!(status, 1);
}

#[test]
fn deny_fails_on_listed_statuses_and_names_the_items() {
    let (plan, facts) = (fixture("statuses.plan"), fixture("statuses.facts"));
    let (status, out, err) = kehoach(&[
        "eval",
        &plan,
        "--facts",
        &facts,
        "--deny",
        "violated,overdue",
    ]);
    assert_eq!(status, 1);
    assert!(out.contains("STATUS"), "the report is still printed");
    assert!(
        err.contains("denied: 2 items are violated: r_violated, r_when"),
        "{err}"
    );
    assert!(
        err.contains("denied: 1 item is overdue: t_overdue"),
        "{err}"
    );
    let (status, _, _) = kehoach(&["eval", &plan, "--facts", &facts, "--deny", "due-soon"]);
    assert_eq!(status, 1);
    let (status, _, _) = kehoach(&[
        "eval",
        &plan,
        "--facts",
        &facts,
        "--deny",
        "needs-assessment",
    ]);
    assert_eq!(status, 1);
    let (status, _, err) = kehoach(&["eval", &plan, "--facts", &facts, "--deny", "slow"]);
    assert_eq!(status, 2);
    assert!(err.contains("`--deny slow`: not a status"), "{err}");
    let (status, _, _) = kehoach(&["eval", &plan, "--facts", &facts]);
    assert_eq!(status, 0);
}

#[test]
fn facts_naming_an_unknown_task_are_refused_with_the_name() {
    let plan = fixture("err/mistakes.plan");
    for facts in [
        fixture("err/mistakes.facts"),
        fixture("err/mistakes.facts.json"),
    ] {
        let (status, out, err) = kehoach(&["eval", &plan, "--facts", &facts]);
        assert_eq!(status, 1);
        assert!(out.is_empty(), "nothing is evaluated");
        assert!(err.contains("unknown task `t_reprot`"), "{err}");
        assert!(err.contains("did you mean `t_report`?"), "{err}");
        assert!(err.contains("nothing was evaluated"), "{err}");
    }
}

#[test]
fn usage_mistakes_exit_2() {
    let plan = fixture("statuses.plan");
    let (status, _, err) = kehoach(&["eval", &plan, "--facts", "no/such.facts"]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot read no/such.facts"), "{err}");
    let (status, _, err) = kehoach(&[
        "eval",
        &plan,
        "--facts",
        &fixture("statuses.facts"),
        "--as-of",
        "2024-02-30",
    ]);
    assert_eq!(status, 2);
    assert!(err.contains("`--as-of 2024-02-30` is not a date"), "{err}");
}

#[test]
fn markdown_fits_a_pull_request_comment() {
    let (plan, facts) = (fixture("statuses.plan"), fixture("statuses.facts"));
    let (status, out, _) = kehoach(&["eval", &plan, "--facts", &facts, "--format", "markdown"]);
    assert_eq!(status, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn html_is_one_self_contained_page() {
    let (plan, facts) = (fixture("statuses.plan"), fixture("statuses.facts"));
    let (status, out, _) = kehoach(&["eval", &plan, "--facts", &facts, "--format", "html"]);
    assert_eq!(status, 0);
    assert!(out.starts_with("<!DOCTYPE html>") && out.trim_end().ends_with("</html>"));
    for external in ["src=", "href=", "<script", "@import", "url("] {
        assert!(
            !out.contains(external),
            "refers to something outside the page: {external}"
        );
    }
    assert!(out.contains("Timeline of task deadlines") && out.contains("<svg"));
    assert!(out.contains("<h2>Owners</h2>") && out.contains("so_a"));
    // User text is escaped.
    assert!(out.contains("Không còn cần thiết"));
    // The item tables, as the page shows them (the styles and the chart above them are checked above).
    let tables = out.find("<details").map_or("", |at| &out[at..]);
    insta::assert_snapshot!("html_item_tables", tables);
}

#[test]
fn the_table_fits_80_columns() {
    let (plan, facts) = (fixture("statuses.plan"), fixture("statuses.facts"));
    let (_, out, _) = kehoach(&["eval", &plan, "--facts", &facts]);
    for line in out.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
}

/// `docs/report.schema.json` names exactly the keys the report has, at the top and in every kind of item.
#[test]
fn the_documented_schema_matches_the_report() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/docs/report.schema.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let (plan, facts) = (fixture("statuses.plan"), fixture("statuses.facts"));
    let (_, out, _) = kehoach(&["eval", &plan, "--facts", &facts, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&report), keys(&schema["properties"]));
    for kind in [
        "targets", "measures", "tasks", "rules", "reports", "owners", "sections",
    ] {
        let documented = keys(&schema["properties"][kind]["items"]["properties"]);
        for item in report[kind].as_array().unwrap() {
            assert_eq!(keys(item), documented, "{kind}");
        }
    }
}
