use super::*;
use crate::check::check_workspace;
use crate::workspace::{MemoryFileSystem, load_memory};
use chrono::NaiveDate;

fn form_of(files: &[(&str, &str)]) -> Vec<Field> {
    let mut fs = MemoryFileSystem::new();
    for (path, text) in files {
        fs.insert(path, *text);
    }
    let workspace = load_memory(&fs);
    let checked = check_workspace(&workspace);
    assert!(
        !checked.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        checked.diagnostics
    );
    fields(&checked.models[0])
}

#[test]
fn the_spec_example_asks_for_every_measure_target_and_task() {
    let form = form_of(&[(
        "plan.plan",
        include_str!("../../tests/fixtures/ok/spec_example.plan"),
    )]);
    insta::assert_json_snapshot!(form);
}

#[test]
fn windows_give_the_period_keys_of_the_facts() {
    let form = form_of(&[(
        "plan.plan",
        r#"plan "1/KH" { period 2021..2023 }
owner a "A"
target by_quarter "X" { goal 1; by 2022-Q3; lead a }
target each_year "Y" { goal >= 1; yearly; lead a }
target mean "Z" { goal >= 1; average 2021..2022; lead a }
target plain "W" { goal 1; lead a }
task t "T" { lead a }
"#,
    )]);
    let periods: Vec<(&str, Option<WindowKind>, Vec<&str>)> = form
        .iter()
        .map(|f| {
            (
                f.id.as_str(),
                f.window,
                f.periods.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        vec![
            ("by_quarter", Some(WindowKind::By), vec!["2022-Q3"]),
            (
                "each_year",
                Some(WindowKind::Yearly),
                vec!["2021", "2022", "2023"]
            ),
            ("mean", Some(WindowKind::Average), vec!["2021", "2022"]),
            ("plain", Some(WindowKind::By), vec!["2023"]),
            ("t", None, vec![]),
        ]
    );
    let task = &form[4];
    assert_eq!(task.due.as_deref(), Some("2023"));
    assert_eq!(task.due_date.as_deref(), Some("2023-12-31"));
}

#[test]
fn parts_inherit_units_and_owners_and_name_their_parent() {
    let form = form_of(&[
        (
            "plan.plan",
            r#"use "agencies.plan"
plan "1/KH" { period 2023 }
section "I" "Kinh tế" {
  target whole "Tổng" { unit "%"; goal >= 9; lead a; support b
    target part "Phần" { goal 3 }
  }
}
"#,
        ),
        ("agencies.plan", "owner a \"Sở A\"\nowner b \"Sở B\"\n"),
    ]);
    let part = form.iter().find(|f| f.id == "part").unwrap();
    assert_eq!(part.parent.as_deref(), Some("whole"));
    assert_eq!(part.unit.as_deref(), Some("%"));
    assert_eq!(part.section.as_deref(), Some("I. Kinh tế"));
    assert_eq!(
        part.owners,
        vec![
            FieldOwner {
                id: "a".into(),
                name: "Sở A".into(),
                role: Role::Lead
            },
            FieldOwner {
                id: "b".into(),
                name: "Sở B".into(),
                role: Role::Support
            },
        ]
    );
}

#[test]
fn owners_say_their_groups_so_a_department_sees_what_its_groups_are_given() {
    let mut fs = MemoryFileSystem::new();
    fs.insert(
        "plan.plan",
        r#"plan "1/KH" { period 2023 }
owner a "Sở A"
owner b "Sở B"
group cac_so "Các sở" { members a, b }
group khoi "Khối kinh tế" { members b }
task t "T" { lead cac_so }
task u "U" { lead khoi }
"#,
    );
    let checked = check_workspace(&load_memory(&fs));
    let owners = owners_of(&checked.models[0]);
    let shown: Vec<(&str, bool, Vec<&str>, Vec<&str>)> = owners
        .iter()
        .map(|o| {
            (
                o.id.as_str(),
                o.group,
                o.members.iter().map(String::as_str).collect(),
                o.member_of.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            ("a", false, vec![], vec!["cac_so"]),
            ("b", false, vec![], vec!["cac_so", "khoi"]),
            ("cac_so", true, vec!["a", "b"], vec![]),
            ("khoi", true, vec!["b"], vec![]),
        ]
    );
}

#[test]
fn standing_and_recurring_duties_and_tracked_reports_ask_for_what_their_facts_need() {
    let form = form_of(&[(
        "plan.plan",
        include_str!("../../tests/fixtures/ok/duties.plan"),
    )]);
    let asked: Vec<&Field> = form
        .iter()
        .filter(|f| {
            f.schedule.is_some_and(|s| s != ScheduleKind::Once) || f.kind == FieldKind::Report
        })
        .collect();
    insta::assert_json_snapshot!(asked);
}

#[test]
fn on_a_report_date_a_recurrence_asks_for_the_occurrences_due_by_then_and_the_next() {
    let mut fs = MemoryFileSystem::new();
    fs.insert(
        "plan.plan",
        r#"plan "1/KH" { period 2023; issued 2023-02-10 }
owner a "Sở A"
owner b "Sở B"
group g "Các sở" { members a, b }
task q "Rà soát" { lead a; every quarter by day 10 }
report r "Báo cáo quý" { every quarter by day 15; from g; to a }
"#,
    );
    let checked = check_workspace(&load_memory(&fs));
    let day = NaiveDate::from_ymd_opt(2023, 7, 20);
    let form = fields_as_of(&checked.models[0], day);
    type Shown<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<&'a str>);
    let shown: Vec<Shown> = form
        .iter()
        .map(|f| {
            (
                f.id.as_str(),
                f.occurrences
                    .iter()
                    .map(|o| (o.period.as_str(), o.due_date.as_str()))
                    .collect(),
                f.owners
                    .iter()
                    .filter(|o| o.role == Role::Submit)
                    .map(|o| o.id.as_str())
                    .collect(),
            )
        })
        .collect();
    // Day 10 of each quarter's last month: Q1 is due 2023-03-10, after `issued`; Q3 (2023-09-10) is the next one.
    assert_eq!(
        shown,
        vec![
            (
                "q",
                vec![
                    ("2023-Q1", "2023-03-10"),
                    ("2023-Q2", "2023-06-10"),
                    ("2023-Q3", "2023-09-10")
                ],
                vec![]
            ),
            (
                "r",
                vec![
                    ("2023-Q1", "2023-03-15"),
                    ("2023-Q2", "2023-06-15"),
                    ("2023-Q3", "2023-09-15")
                ],
                vec!["a", "b"]
            ),
        ]
    );
    // Without a report date, the whole plan period.
    let whole = fields(&checked.models[0]);
    assert_eq!(whole[0].occurrences.len(), 4);
}
