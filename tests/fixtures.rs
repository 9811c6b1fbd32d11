//! Fixture plans run through one helper: each `tests/fixtures/err/*.plan` is snapshotted as the user sees it
//! (every diagnostic rendered, in English and Vietnamese); each `tests/fixtures/ok/*.plan` must check clean.

mod common;

use std::path::Path;

#[test]
fn broken_plans_show_these_diagnostics() {
    insta::glob!("fixtures/err/*.plan", |path| {
        let shown = common::check_rendered(path);
        insta::assert_snapshot!(shown);
    });
}

#[test]
fn good_plans_check_clean() {
    insta::glob!("fixtures/ok/*.plan", |path| {
        let (codes, rendered) = common::check_codes(path);
        assert!(codes.is_empty(), "{}:\n{rendered}", path.display());
    });
}

/// A new user finds every code demonstrated: some broken fixture raises each one — a plan in
/// `tests/fixtures/err/`, or facts (text and JSON) in `tests/fixtures/eval/err/`.
#[test]
fn every_code_has_a_fixture_that_raises_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut raised = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(root.join("err")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "plan") {
            raised.extend(common::check_codes(&path).0);
        }
    }
    for entry in std::fs::read_dir(root.join("eval/err")).unwrap() {
        let plan = entry.unwrap().path();
        if plan.extension().is_some_and(|e| e == "plan") {
            for facts in ["facts", "facts.json"] {
                let facts = plan.with_extension(facts);
                raised.extend(common::evaluate_fixture_with_codes(&plan, &facts, None).2);
            }
        }
    }
    let missing: Vec<&str> = kehoach::diagnostics::Code::ALL
        .iter()
        .filter(|c| c.raised_by_input() && !raised.contains(*c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "no fixture raises {missing:?}");
}

#[test]
fn every_construct_of_the_spec_parses_into_the_ast() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/spec_example.plan");
    let text = std::fs::read_to_string(&path).unwrap();
    let (ast, diagnostics) = kehoach::parse::parse_plan(&text, kehoach::source::FileId(0));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    insta::assert_debug_snapshot!(ast);
}
