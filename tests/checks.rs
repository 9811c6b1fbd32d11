//! The checks as a workspace sees them: references counted across plans, one diagnostic per root cause, and the
//! bundled plans free of errors.

use std::path::Path;

use kehoach::check::check_workspace;
use kehoach::diagnostics::{Code, Diagnostic, Lang};
use kehoach::workspace::{Input, MemoryFileSystem, OsFileSystem, load, load_memory};

/// Checks in-memory files: each diagnostic as `code: message`, in reading order.
fn check(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let mut fs = MemoryFileSystem::new();
    for (name, text) in files {
        fs.insert(name, *text);
    }
    check_workspace(&load_memory(&fs)).diagnostics
}

fn shown(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code, d.message.get(Lang::En)))
        .collect()
}

const AGENCIES: &str = r#"
owner so_khdt "Sở Kế hoạch và Đầu tư"
owner so_tc "Sở Tài chính"
owner so_ct "Sở Công Thương"
owner kho_bac "Kho bạc Nhà nước"
group to_gn "Tổ giải ngân" { members kho_bac }
"#;

#[test]
fn an_agencies_file_shared_by_two_plans_counts_references_from_both() {
    let found = check(&[
        ("agencies.plan", AGENCIES),
        (
            "a.plan",
            "use \"agencies.plan\"\ntask t1 \"T1\" { lead so_khdt }",
        ),
        (
            "b.plan",
            "use \"agencies.plan\"\ntask t2 \"T2\" { lead so_tc }",
        ),
    ]);
    // so_ct is used by neither plan; the unused group stands for its member, once, though two plans load it.
    assert_eq!(
        shown(&found),
        [
            "unused-owner: owner `so_ct` is never referenced",
            "unused-owner: group `to_gn` is never referenced",
        ]
    );
}

#[test]
fn a_used_group_uses_its_members() {
    let found = check(&[
        ("agencies.plan", AGENCIES),
        (
            "a.plan",
            "use \"agencies.plan\"\ntask t1 \"T1\" { lead so_khdt; support so_tc, so_ct, to_gn }",
        ),
    ]);
    assert_eq!(shown(&found), Vec::<String>::new());
}

#[test]
fn a_typo_in_an_owner_id_is_one_diagnostic_with_the_right_suggestion() {
    let found = check(&[(
        "plan.plan",
        "owner so_khdt \"Sở Kế hoạch và Đầu tư\" { aka \"Sở KH&ĐT\" }\ntask t1 \"T1\" { lead so_khdtt }",
    )]);
    assert_eq!(found.len(), 1, "{:?}", shown(&found));
    assert_eq!(found[0].code, Code::UnknownReference);
    let help = found[0].help.as_ref().unwrap();
    assert_eq!(help.en, "did you mean `so_khdt`?");
    assert_eq!(help.vi, "có phải ý bạn là `so_khdt`?");
}

#[test]
fn an_id_spelt_from_an_alias_finds_its_owner() {
    let found = check(&[(
        "plan.plan",
        "owner khdt \"Sở Kế hoạch và Đầu tư\" { aka \"Sở KH&ĐT\" }\nowner cuc_tk \"Cục Thống kê\"\n\
         task t1 \"T1\" { lead so_kh_dt; support cuc_thongke }",
    )]);
    let helps: Vec<&str> = found
        .iter()
        .map(|d| d.help.as_ref().unwrap().en.as_str())
        .collect();
    assert_eq!(
        helps,
        [
            "`Sở KH&ĐT` is owner `khdt`",
            "`Cục Thống kê` is owner `cuc_tk`"
        ]
    );
}

#[test]
fn text_lost_to_a_syntax_error_raises_no_cascade() {
    // The lead of t1 does not parse: no `missing-lead` for t1, no `unused-owner` for the owner it named.
    let found = check(&[(
        "plan.plan",
        "owner so_khdt \"Sở Kế hoạch và Đầu tư\"\ntask t1 \"T1\" {\n  lead sở_khđt\n}\n",
    )]);
    assert_eq!(
        found.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::Syntax]
    );
}

#[test]
fn a_missing_use_raises_no_unknown_references() {
    let found = check(&[
        ("agencies.plan", "owner so_tc \"Sở Tài chính\""),
        (
            "plan.plan",
            "use \"agency.plan\"\ntask t1 \"T1\" { lead so_tc }",
        ),
    ]);
    assert_eq!(
        found.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::UseNotFound]
    );
    assert!(
        found[0]
            .help
            .as_ref()
            .unwrap()
            .en
            .contains("`agencies.plan`")
    );
}

#[test]
fn a_cycle_is_not_also_a_deadline_problem() {
    let found = check(&[(
        "plan.plan",
        "plan \"1\" { period 2024 }\nowner o \"O\"\n\
         task a \"A\" { lead o; due 2024-Q1; after b }\ntask b \"B\" { lead o; due 2024-Q3; after a }",
    )]);
    assert_eq!(
        found.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::DependencyCycle]
    );
}

#[test]
fn a_deadline_past_at_issue_is_not_also_outside_the_period() {
    let found = check(&[(
        "plan.plan",
        "plan \"1\" { period 2023; issued 2023-01-19 }\nowner o \"O\"\ntask a \"A\" { lead o; due 2021-Q1 }",
    )]);
    assert_eq!(
        found.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::DeadlineBeforeIssue]
    );
    assert!(found[0].help.as_ref().unwrap().en.contains("`2023-Q1`"));
}

#[test]
fn a_part_that_inherits_no_lead_is_counted_in_its_parents_warning() {
    let found = check(&[(
        "plan.plan",
        "target a \"A\" { goal 1; target b \"B\" { goal 1; target c \"C\" { goal 1 } } }",
    )]);
    assert_eq!(
        shown(&found),
        ["missing-lead: nobody leads target `a` nor its 2 parts"]
    );
}

#[test]
fn five_unrelated_mistakes_are_five_diagnostics() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/err/five_mistakes.plan");
    let text = std::fs::read_to_string(path).unwrap();
    let found = check(&[("plan.plan", &text)]);
    assert_eq!(
        found.iter().map(|d| d.code).collect::<Vec<_>>(),
        [
            Code::PercentOutOfRange,
            Code::DeadlineOutsidePeriod,
            Code::UnknownReference,
            Code::DependencyCycle,
            Code::EmptyRange,
        ]
    );
}

/// `kehoach check plans` stays free of errors (warnings there may be deserved: the plans' READMEs list them).
#[test]
fn the_bundled_plans_have_no_errors() {
    let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    if !plans.is_dir() {
        eprintln!("no plans/ folder in this checkout: nothing to check");
        return;
    }
    let workspace = load(
        &OsFileSystem,
        &[Input {
            path: plans.clone(),
            root: plans,
        }],
    );
    assert!(
        workspace.unreadable.is_empty(),
        "{:?}",
        workspace.unreadable
    );
    assert!(!workspace.files.is_empty());
    let checked = check_workspace(&workspace);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message.en))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn round_keeps_a_whole_number_of_digits_from_0_to_10() {
    let plan = |digits: &str| {
        format!(
            "owner a \"A\"\nmeasure x \"X\" {{ unit \"%\" }}\ntarget r \"R\" {{ unit \"%\"; value = round(x, {digits}); lead a }}\n"
        )
    };
    for fine in ["0", "2", "10"] {
        assert_eq!(
            shown(&check(&[("p.plan", &plan(fine))])),
            Vec::<String>::new(),
            "{fine}"
        );
    }
    // `2.0` once kept 20 digits, read from its mantissa.
    let found = check(&[("p.plan", &plan("2.0"))]);
    assert_eq!(
        shown(&found),
        ["type-mismatch: the digits to keep must be a whole number from 0 to 10"]
    );
    assert_eq!(
        found
            .first()
            .and_then(|d| d.help.as_ref())
            .map(|h| h.en.as_str()),
        Some("write the count without a decimal point: `2`")
    );
    for wrong in ["11", "1.5", "-1", "x"] {
        assert_eq!(
            shown(&check(&[("p.plan", &plan(wrong))])),
            ["type-mismatch: the digits to keep must be a whole number from 0 to 10"],
            "{wrong}"
        );
    }
}

/// `duplicate-title` keeps only hashes and indices in its tables and reads the keys back from the model: a task
/// repeats another when its title has the same words in any case and spacing and its leads are the same set, in
/// any order and however often each is named; a target when title, unit, window and parent match.
#[test]
fn duplicate_titles_compare_words_and_sets_of_leads_not_the_text_as_written() {
    let plan = r#"
plan "9/KH-UBND" { period 2023 }
task a1 "Rà soát quy hoạch" { lead so_khdt, so_tc }
task a2 "RÀ SOÁT   quy hoạch" { lead so_tc, so_khdt, so_tc }
task a3 "Rà soát quy hoạch" { lead so_tc }
task a4 "Rà soát quy hoạch chung" { lead so_khdt, so_tc }
target b1 "Cụm công nghiệp" { unit "cụm"; goal 2; lead so_ct }
target b2 "cụm  công nghiệp" { unit "cụm"; goal 3; lead so_ct }
target b3 "Cụm công nghiệp" { unit "ha"; goal 3; lead so_ct }
target b4 "Cụm công nghiệp" { unit "cụm"; goal 3; by 2023-Q2; lead so_ct }
"#;
    let found = check(&[
        ("agencies.plan", AGENCIES),
        ("a.plan", &format!("use \"agencies.plan\"\n{plan}")),
    ]);
    let titles: Vec<String> = shown(&found)
        .into_iter()
        .filter(|d| d.starts_with("duplicate-title"))
        .collect();
    assert_eq!(
        titles,
        [
            "duplicate-title: tasks `a1` and `a2` have the same title, both led by `so_tc`, `so_khdt`, `so_tc`",
            "duplicate-title: `b1` and `b2` have the same title, unit and deadline",
        ],
        "{:#?}",
        shown(&found)
    );
}
