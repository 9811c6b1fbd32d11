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
        let (errors, rendered) = common::check_counts(path);
        assert_eq!(errors, 0, "{}:\n{rendered}", path.display());
    });
}

#[test]
fn every_construct_of_the_spec_parses_into_the_ast() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/spec_example.plan");
    let text = std::fs::read_to_string(&path).unwrap();
    let (ast, diagnostics) = kehoach::parse::parse_plan(&text, kehoach::source::FileId(0));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    insta::assert_debug_snapshot!(ast);
}
