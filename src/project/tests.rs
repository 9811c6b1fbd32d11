use super::*;
use crate::diagnostics::Code;
use crate::eval::Status;
use crate::limits::MAX_FILE_BYTES;

const PLAN: &str = "plan \"1/KH\" { period 2023 }\nowner a \"Sở A\"\ntarget x \"X\" { unit \"%\"; goal >= 9.3; lead a }\n";
const FACTS: &str = "facts \"1/KH\" as_of 2023-09-30 {\n x 2023-H1 = 9.4\n}";

fn source(name: &str, text: &str) -> Source {
    Source::new(name, text).unwrap()
}

fn project(files: &[(&str, &str)]) -> Project {
    Project::from_sources(files.iter().map(|(n, t)| source(n, t)).collect())
}

fn number(plan: Result<Plan, Refusal>) -> Option<String> {
    plan.ok()?.number().map(str::to_string)
}

#[test]
fn a_plan_is_picked_by_number_or_file_else_the_only_one_else_the_only_one_with_a_header() {
    let two = project(&[("a.plan", PLAN), ("b.plan", &PLAN.replace("1/KH", "2/KH"))]);
    for name in ["2/KH", "b.plan", "./b.plan", "/b.plan"] {
        assert_eq!(number(two.plan(Some(name))), Some("2/KH".into()), "{name}");
    }
    assert_eq!(
        two.plan(None).err(),
        Some(Refusal::Pick(PickError::Several(vec![
            "1/KH".into(),
            "2/KH".into()
        ])))
    );
    let Err(Refusal::Pick(missing)) = two.plan(Some("3/KH")) else {
        panic!("`3/KH` is not among the plans");
    };
    assert_eq!(missing.message().en, "no plan `3/KH` among the given files");
    assert_eq!(missing.help().en, "the plans given are: `1/KH`, `2/KH`");
    // A file of owners alone is a plan of its own, without a header: the one with a header is taken.
    let with_agencies = project(&[
        (
            "plan.plan",
            PLAN.replace("owner a \"Sở A\"\n", "use \"agencies.plan\"\n")
                .as_str(),
        ),
        ("agencies.plan", "owner a \"Sở A\"\n"),
        ("notes.plan", "owner b \"Sở B\"\n"),
    ]);
    assert_eq!(number(with_agencies.plan(None)), Some("1/KH".into()));
    assert_eq!(
        project(&[]).plan(None).err(),
        Some(Refusal::Pick(PickError::NoPlan))
    );
}

#[test]
fn nothing_is_used_while_a_file_has_an_error_but_a_missing_plan_is_said_first() {
    let broken = project(&[("a.plan", "plan \"1/KH\" {"), ("b.plan", PLAN)]);
    assert!(matches!(
        broken.plan(Some("b.plan")),
        Err(Refusal::PlanErrors { errors: 1 })
    ));
    assert!(matches!(broken.plans(), Err(Refusal::PlanErrors { .. })));
    assert!(matches!(
        broken.plan(Some("c.plan")),
        Err(Refusal::Pick(PickError::NotFound { .. }))
    ));
    let warned = project(&[(
        "a.plan",
        "plan \"1/KH\" { period 2023 }\ntarget x \"X\" { goal 1 }\n",
    )]);
    assert_eq!(warned.findings().tally().warnings, 1);
    assert!(warned.plan(None).is_ok());
}

#[test]
fn a_text_in_memory_is_held_to_the_size_limit_once_where_it_enters() {
    let big = "x".repeat(MAX_FILE_BYTES + 1);
    let refused = Source::new("big.plan", big.as_str()).unwrap_err();
    assert_eq!(refused.too_large, Some(MAX_FILE_BYTES as u64 + 1));
    assert_eq!(
        refused.message(Lang::En),
        "cannot read big.plan: 17 MiB is over the 16 MiB limit"
    );
    assert!(Source::new("big.facts", &big[1..]).is_ok());
}

#[test]
fn facts_are_refused_when_unreadable_wrong_undated_or_of_another_plan() {
    let project = project(&[("plan.plan", PLAN)]);
    let plan = project.plan(None).unwrap();
    let options = EvalOptions::default();
    let garbled = plan.facts(source("plan.facts", "facts {"));
    assert_eq!(
        plan.evaluate(&garbled, &options).err(),
        Some(Refusal::FactsUnreadable)
    );
    let wrong = plan.facts(source("plan.facts", &FACTS.replace("x 2023", "y 2023")));
    assert_eq!(
        wrong.findings().diagnostics().first().map(|d| d.code),
        Some(Code::UnknownFact)
    );
    assert_eq!(
        plan.evaluate(&wrong, &options).err(),
        Some(Refusal::FactsErrors { errors: 1 })
    );
    let undated = plan.facts(source(
        "plan.facts",
        &FACTS.replace(" as_of 2023-09-30", ""),
    ));
    assert_eq!(
        plan.evaluate(&undated, &options).err(),
        Some(Refusal::NoDate)
    );
    let other = self::project(&[("plan.plan", PLAN)]).plan(None).unwrap();
    let facts = other.facts(source("plan.facts", FACTS));
    assert_eq!(
        plan.evaluate(&facts, &options).err(),
        Some(Refusal::OtherPlan)
    );
    assert!(other.evaluate(&facts, &options).is_ok());
}

#[test]
fn a_report_outlives_the_project_and_the_plan_it_came_from() {
    let report = {
        let project = project(&[("plan.plan", PLAN)]);
        let plan = project.plan(None).unwrap();
        let facts = plan.facts(source(
            "plan.json",
            r#"{ "as_of": "2023-09-30", "values": { "x": { "2023-H1": "9.2" } } }"#,
        ));
        plan.evaluate(&facts, &EvalOptions::default()).unwrap()
    };
    let target = report.targets().next().unwrap();
    assert_eq!(
        (target.id, target.title, target.status.as_str()),
        ("x", "X", "behind")
    );
    assert_eq!(report.plan().number, Some("1/KH"));
}

#[test]
fn facts_diagnostics_show_the_facts_file_and_the_plan() {
    let project = project(&[("plan.plan", PLAN)]);
    let plan = project.plan(None).unwrap();
    let facts = plan.facts(source(
        "q3.facts",
        &FACTS.replace("x 2023-H1 = 9.4", "x 2023-H1 = 9.4\n x 2023-H1 = 9.5"),
    ));
    let json = facts.findings().to_json(Lang::En);
    assert_eq!(json.len(), 1, "{json:#?}");
    assert_eq!((json[0].file.as_str(), json[0].line), ("q3.facts", 3));
    assert_eq!(json[0].labels[0].file, "q3.facts");
    assert!(
        plan.facts(source("q3.facts", FACTS))
            .findings()
            .to_json(Lang::En)
            .is_empty()
    );
}

#[test]
fn files_opened_in_a_folder_are_named_relative_to_it() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let project = Project::open_in(&folder, &["ben-tre/370-kh-ubnd.plan"]);
    assert!(project.unreadable().is_empty());
    assert_eq!(project.file_count(), 2);
    let names: Vec<&str> = project
        .sources()
        .iter()
        .map(|(_, f)| f.name.as_str())
        .collect();
    assert_eq!(names, ["ben-tre/370-kh-ubnd.plan", "ben-tre/agencies.plan"]);
    assert_eq!(
        number(project.plan(Some("ben-tre/370-kh-ubnd.plan"))),
        Some("370/KH-UBND".into())
    );
}

#[test]
fn format_refuses_a_text_with_syntax_errors_with_its_place() {
    let refused = format(&source("bad.plan", "owner a \"A\"\nowner b \"B\" {\n")).unwrap_err();
    let json = refused.to_json(Lang::En);
    assert_eq!(json[0].code, Code::Syntax, "{json:#?}");
    // The block opened on line 2 is never closed: the place is the end of the text, line 3.
    assert_eq!(
        (json[0].file.as_str(), json[0].line),
        ("bad.plan", 3),
        "{json:#?}"
    );
}
