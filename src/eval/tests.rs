use chrono::NaiveDate;

use super::*;
use crate::check::check_workspace;
use crate::source::FileId;
use crate::workspace::{MemoryFileSystem, load_memory};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Checks a plan (which must have no errors) and evaluates the text facts at `as_of`.
fn evaluate_text(plan: &str, facts: &str, as_of: &str) -> Report {
    let mut fs = MemoryFileSystem::new();
    fs.insert("plan.plan", plan);
    let ws = load_memory(&fs);
    let checked = check_workspace(&ws);
    assert!(
        checked.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        checked.diagnostics
    );
    let model = checked.models.first().unwrap();
    let (facts, diagnostics) = crate::facts::from_text(facts, FileId(99));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let facts = facts.unwrap();
    let errors: Vec<_> = crate::facts::check(model, &facts)
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    evaluate(model, &facts, &Options::new(day(as_of)))
}

fn target(report: &Report, id: &str) -> TargetStatus {
    report.targets().find(|t| t.id == id).unwrap().status
}

fn task(report: &Report, id: &str) -> TaskStatus {
    report.tasks().find(|t| t.id == id).unwrap().status
}

const PLAN: &str = r#"
plan "P" { period 2023; issued 2023-01-02 }
owner o "O"
target above "x" { goal > 56; lead o }
target atmost "x" { goal <= 1.8; lead o }
target range "x" { goal 8.1..8.6; average 2014..2023; lead o }
task a "a" { lead o; due 2023-03 }
task b "b" { lead o; due 2023-06; after a }
"#;

#[test]
fn boundaries_are_exact() {
    let facts = "facts \"P\" as_of 2024-01-10 {\n above 2023 = 56\n atmost 2023 = 1.8\n range 2014 = 8.1\n range 2015 = 8.1\n range 2016 = 8.1\n range 2017 = 8.1\n range 2018 = 8.1\n range 2019 = 8.1\n range 2020 = 8.1\n range 2021 = 8.1\n range 2022 = 8.1\n range 2023 = 8.1\n}";
    let r = evaluate_text(PLAN, facts, "2024-01-10");
    assert_eq!(target(&r, "above"), TargetStatus::Missed);
    assert_eq!(target(&r, "atmost"), TargetStatus::Met);
    assert_eq!(target(&r, "range"), TargetStatus::Met);
    let mean = r
        .targets()
        .find(|t| t.id == "range")
        .and_then(|t| t.average)
        .and_then(|a| a.mean);
    assert_eq!(mean.map(|m| m.to_string()), Some("8.1".to_string()));
}

#[test]
fn an_earlier_as_of_does_not_see_later_facts() {
    let facts = "facts \"P\" as_of 2023-12-31 {\n atmost 2023-H2 = 3\n atmost 2023-H1 = 1\n a done 2023-05-01\n}";
    // On 30 April the second half has not begun, so its value is not seen; the task was not yet done and is
    // overdue, and `b` is blocked by it.
    let r = evaluate_text(PLAN, facts, "2023-04-30");
    assert_eq!(target(&r, "atmost"), TargetStatus::OnTrack);
    assert_eq!(task(&r, "a"), TaskStatus::Overdue);
    assert_eq!(task(&r, "b"), TaskStatus::Blocked);
    let r = evaluate_text(PLAN, facts, "2023-12-31");
    assert_eq!(target(&r, "atmost"), TargetStatus::Behind);
    assert_eq!(task(&r, "a"), TaskStatus::DoneLate);
    assert_eq!(task(&r, "b"), TaskStatus::Overdue);
}

#[test]
fn due_soon_is_configurable_and_counts_the_due_day() {
    let mut fs = MemoryFileSystem::new();
    fs.insert("plan.plan", PLAN);
    let ws = load_memory(&fs);
    let checked = check_workspace(&ws);
    let model = checked.models.first().unwrap();
    let facts = crate::facts::Facts {
        file: FileId(9),
        plan: None,
        as_of: None,
        facts: Vec::new(),
    };
    let status = |as_of: &str, days: u32| {
        let options = Options {
            as_of: day(as_of),
            due_soon_days: days,
        };
        evaluate(model, &facts, &options)
            .tasks()
            .next()
            .unwrap()
            .status
    };
    assert_eq!(status("2023-03-17", 14), TaskStatus::DueSoon);
    assert_eq!(status("2023-03-16", 14), TaskStatus::Open);
    assert_eq!(status("2023-03-16", 15), TaskStatus::DueSoon);
    assert_eq!(status("2023-03-31", 0), TaskStatus::DueSoon);
    assert_eq!(status("2023-04-01", 0), TaskStatus::Overdue);
}

#[test]
fn overflow_and_missing_values_are_not_evaluable_with_a_reason() {
    let plan = r#"
plan "P" { period 2023 }
owner o "O"
measure big "x"
measure gone "x"
rule r_overflow "x" { require big * big > 0 }
rule r_missing "x" { require gone > 0 }
rule r_decided "x" { require gone > 0 or big > 0 }
"#;
    let facts = "facts \"P\" as_of 2023-06-30 {\n big 2023 = 9999999999999999999999999999\n}";
    let r = evaluate_text(plan, facts, "2023-06-30");
    let rule = |id: &str| r.rules().find(|x| x.id == id).unwrap();
    assert_eq!(rule("r_overflow").status, RuleStatus::NotEvaluable);
    assert!(
        rule("r_overflow")
            .reason
            .as_ref()
            .unwrap()
            .en
            .contains("too large")
    );
    assert_eq!(rule("r_missing").status, RuleStatus::NotEvaluable);
    assert!(
        rule("r_missing")
            .reason
            .as_ref()
            .unwrap()
            .en
            .contains("`gone` has no value")
    );
    // `or` is decided by the side that has a value.
    assert_eq!(rule("r_decided").status, RuleStatus::Ok);
}

#[test]
fn derived_values_need_a_common_period() {
    let plan = r#"
plan "P" { period 2023 }
owner o "O"
measure a "x"
measure b "x"
target ratio "x" { goal >= 1; value = a / b; lead o }
"#;
    let facts = "facts \"P\" as_of 2023-12-01 {\n a 2023-H1 = 4\n b 2023 = 2\n}";
    let r = evaluate_text(plan, facts, "2023-12-01");
    let t = r.targets().find(|t| t.id == "ratio").unwrap();
    assert_eq!(t.status, TargetStatus::NoData);
    let reason = &t.reason.as_ref().unwrap().en;
    assert!(
        reason.contains("no period in which every input has a value"),
        "{reason}"
    );
    assert!(
        reason.contains("`a`: 2023-H1") && reason.contains("`b`: 2023"),
        "{reason}"
    );
}
