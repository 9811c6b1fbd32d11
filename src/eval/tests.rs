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
        tracks_reports: false,
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

const DUTIES: &str = r#"
plan "D" { issued 2021-03-15 }
owner o "O"
owner p "P"
group g "G" { members o, p }
report monthly "m" { from g; every month by day 10 }
task yearly "y" { lead o; every year by 11-25 }
task first "f" { lead o; due 2021-06-30 }
task second "s" { lead o; due 2021-12-31; after first }
task standing "k" { lead o; ongoing }
task chain "c" { lead o; due 2022-06-30; after second }
"#;

/// A monthly report of a plan issued in March falls due first in April (the 10 March occurrence was before the
/// plan existed), and an open-ended plan (no `period`) runs on: the next due date after years is still found.
#[test]
fn reports_fall_due_from_the_plan_s_issue_and_open_ended_plans_run_on() {
    let facts = "facts \"D\" as_of 2021-01-05 {\n}";
    let r = evaluate_text(DUTIES, facts, "2021-01-05");
    let monthly = r.reports().find(|x| x.id == "monthly").unwrap();
    assert_eq!(monthly.next_due, Some(day("2021-04-10")));
    let r = evaluate_text(DUTIES, facts, "2035-05-11");
    let monthly = r.reports().find(|x| x.id == "monthly").unwrap();
    assert_eq!(monthly.next_due, Some(day("2035-06-10")));
    // The yearly duty lists each year's occurrence up to `as_of` and the next one.
    let yearly = r.tasks().find(|t| t.id == "yearly").unwrap();
    assert_eq!(yearly.occurrences.len(), 15);
    assert_eq!(yearly.status, TaskStatus::Overdue);
}

/// A task waits (`open`, naming what it waits for) on a predecessor not yet late, and is `blocked` once the
/// predecessor is overdue; blocking passes down a chain. A standing duty without assessment needs one.
#[test]
fn blocked_only_when_a_predecessor_is_late_blocked_or_cancelled() {
    let facts = "facts \"D\" as_of 2021-05-01 {\n}";
    let r = evaluate_text(DUTIES, facts, "2021-05-01");
    let second = r.tasks().find(|t| t.id == "second").unwrap();
    assert_eq!(second.status, TaskStatus::Open);
    assert_eq!(second.waits_for.iter().collect::<Vec<_>>(), vec!["first"]);
    assert_eq!(task(&r, "chain"), TaskStatus::Open);
    assert_eq!(task(&r, "standing"), TaskStatus::NeedsAssessment);
    let r = evaluate_text(DUTIES, facts, "2021-07-15");
    let second = r.tasks().find(|t| t.id == "second").unwrap();
    assert_eq!(second.status, TaskStatus::Blocked);
    assert_eq!(second.blocked_by.iter().collect::<Vec<_>>(), vec!["first"]);
    assert_eq!(task(&r, "chain"), TaskStatus::Blocked);
    let cancelled = "facts \"D\" as_of 2021-05-01 {\n first cancelled\n}";
    let r = evaluate_text(DUTIES, cancelled, "2021-05-01");
    assert_eq!(task(&r, "second"), TaskStatus::Blocked);
}

/// Text and JSON submissions give the same report; a group with members sends through each member.
#[test]
fn tracked_reports_judge_each_member_of_a_group() {
    let facts = "facts \"D\" as_of 2021-05-31 {\n monthly 2021-04 from o submitted 2021-04-09\n monthly 2021-05 from o submitted 2021-05-12\n monthly 2021-05 from p submitted 2021-05-10\n}";
    let r = evaluate_text(DUTIES, facts, "2021-05-31");
    let monthly = r.reports().find(|x| x.id == "monthly").unwrap();
    assert_eq!(monthly.status, ReportStatus::Missing);
    let shown: Vec<(String, &str, SubmissionStatus, i64)> = monthly
        .submissions
        .iter()
        .map(|s| (s.period.key(), s.from, s.status, s.days_late))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("2021-04".to_string(), "o", SubmissionStatus::OnTime, 0),
            ("2021-04".to_string(), "p", SubmissionStatus::Missing, 0),
            ("2021-05".to_string(), "o", SubmissionStatus::Late, 2),
            ("2021-05".to_string(), "p", SubmissionStatus::OnTime, 0),
        ]
    );
    let o = r.owners().find(|x| x.id == "o").unwrap();
    assert_eq!(
        (o.reports.due, o.reports.on_time, o.reports.late),
        (2, 1, 1)
    );
}
