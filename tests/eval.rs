//! Evaluation fixtures run through one helper: each `tests/fixtures/eval/NAME.plan` is evaluated against
//! `NAME.facts` and `NAME.facts.json`; both must give the same report, which is snapshotted as JSON and as the
//! terminal table. Each `tests/fixtures/eval/err/NAME.plan` has facts with mistakes, snapshotted as the user sees
//! them in both forms. The bundled plans' example facts must read clean and agree across forms too.

mod common;

use std::path::{Path, PathBuf};

use kehoach::diagnostics::Lang;

fn sibling(plan: &Path, extension: &str) -> PathBuf {
    plan.with_extension(extension)
}

#[test]
fn fixtures_give_these_reports_from_text_and_json_alike() {
    insta::glob!("fixtures/eval/*.plan", |path| {
        let (text, text_diagnostics) =
            common::evaluate_fixture(path, &sibling(path, "facts"), None);
        let (json, json_diagnostics) =
            common::evaluate_fixture(path, &sibling(path, "facts.json"), None);
        let text = text.unwrap_or_else(|| panic!("{text_diagnostics}"));
        let json = json.unwrap_or_else(|| panic!("{json_diagnostics}"));
        assert_eq!(text, json, "the text and JSON facts disagree");
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::assert_json_snapshot!(format!("{stem}_report"), text);
        insta::assert_snapshot!(
            format!("{stem}_table"),
            kehoach::eval::render::table(&text, Lang::En, false)
        );
    });
}

#[test]
fn broken_facts_show_these_diagnostics() {
    insta::glob!("fixtures/eval/err/*.plan", |path| {
        let (text_report, text) = common::evaluate_fixture(path, &sibling(path, "facts"), None);
        let (json_report, json) =
            common::evaluate_fixture(path, &sibling(path, "facts.json"), None);
        assert!(
            text_report.is_none() && json_report.is_none(),
            "facts with errors were evaluated"
        );
        insta::assert_snapshot!(format!("{text}\n---- json ----\n\n{json}"));
    });
}

/// The bundled plans (`plans/*/NAME.plan` with `NAME.facts` and `NAME.facts.json`): the facts read without error
/// and both forms give the same report. `KEHOACH_PLANS` points elsewhere, e.g. at a checkout still writing them.
#[test]
fn bundled_example_facts_read_clean_and_agree() {
    let root = std::env::var_os("KEHOACH_PLANS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("plans"));
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return;
    };
    for dir in dirs.flatten() {
        for entry in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let plan = entry.path();
            let (text_facts, json_facts) = (sibling(&plan, "facts"), sibling(&plan, "facts.json"));
            if plan.extension().is_none_or(|e| e != "plan") || !text_facts.exists() {
                continue;
            }
            let (text, diagnostics) = common::evaluate_fixture(&plan, &text_facts, None);
            let text = text.unwrap_or_else(|| panic!("{}:\n{diagnostics}", text_facts.display()));
            let (json, diagnostics) = common::evaluate_fixture(&plan, &json_facts, None);
            let json = json.unwrap_or_else(|| panic!("{}:\n{diagnostics}", json_facts.display()));
            assert_eq!(
                text,
                json,
                "{}: text and JSON facts disagree",
                plan.display()
            );
        }
    }
}
