//! `kehoach explain`: every code is documented in both languages, and its example and fix do what they say.

use kehoach::cli::explain::{ExampleFile, Explanation};
use kehoach::diagnostics::{Code, Lang};
use kehoach::{Project, Source};

/// The codes the files raise, and how the terminal shows them (for failure messages). Facts are read and held
/// against the plan, as `kehoach eval` does.
#[expect(
    clippy::expect_used,
    clippy::panic,
    reason = "a facts example without a usable plan is a broken example"
)]
fn check(files: &[ExampleFile]) -> (Vec<Code>, String) {
    let source =
        |f: &ExampleFile| Source::new(f.name.as_str(), f.text.as_str()).expect("a small example");
    let project = Project::from_sources(files.iter().filter(|f| !f.is_facts).map(source).collect());
    let mut codes: Vec<Code> = project
        .findings()
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect();
    let mut shown = project.findings().render(Lang::En, false);
    for f in files.iter().filter(|f| f.is_facts) {
        let plan = project
            .plan(None)
            .unwrap_or_else(|refusal| panic!("a facts example needs a plan: {refusal}"));
        let facts = plan.facts(source(f));
        codes.extend(facts.findings().diagnostics().iter().map(|d| d.code));
        shown.push_str(&facts.findings().render(Lang::En, false));
    }
    (codes, shown)
}

#[test]
fn every_example_raises_its_code_and_only_it() {
    // A code about JavaScript calls (`invalid-argument`) has a JavaScript example, not a plan.
    for &code in Code::ALL.iter().filter(|c| c.raised_by_input()) {
        let e = Explanation::of(code);
        assert!(!e.example.is_empty(), "{code}: no example");
        let (codes, shown) = check(&e.example);
        assert!(
            codes.contains(&code),
            "{code}: the example does not raise it:\n{shown}"
        );
        assert!(
            codes.iter().all(|&c| c == code),
            "{code}: the example raises more:\n{shown}"
        );
    }
}

#[test]
fn every_fix_checks_clean() {
    // A code about JavaScript calls (`invalid-argument`) has a JavaScript fix, not a plan.
    for &code in Code::ALL.iter().filter(|&&c| c != Code::InvalidArgument) {
        let e = Explanation::of(code);
        assert!(!e.fix.is_empty(), "{code}: no fix");
        let (codes, shown) = check(&e.fix);
        assert!(
            codes.is_empty(),
            "{code}: the fix still raises {codes:?}:\n{shown}"
        );
    }
}

#[test]
fn every_code_is_explained_in_both_languages() {
    for &code in Code::ALL {
        let e = Explanation::of(code);
        assert!(e.en.len() > 80, "{code}: English text missing or too short");
        assert!(
            e.vi.len() > 80,
            "{code}: Vietnamese text missing or too short"
        );
        // Vietnamese with its diacritics, not ASCII transliteration.
        assert!(
            e.vi.chars()
                .any(|c| "ảạấầẩậắặẽếềểệịỏọốồổộớờởợủụứừửựỷỵđ".contains(c)),
            "{code}: the Vietnamese text has no diacritics"
        );
    }
}

#[test]
fn explain_prints_the_text_example_and_fix() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let status = kehoach::cli::run_explain(Some("dependency-cycle"), Lang::Vi, &mut out, &mut err);
    assert_eq!(status, 0);
    let shown = String::from_utf8(out).unwrap();
    insta::assert_snapshot!(shown);
}

#[test]
fn an_unknown_code_is_bad_usage_with_a_suggestion() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let status = kehoach::cli::run_explain(Some("dependancy-cycle"), Lang::En, &mut out, &mut err);
    assert_eq!(status, 2);
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("did you mean `dependency-cycle`?"), "{err}");
}

#[test]
fn without_a_code_every_code_is_listed() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    assert_eq!(
        kehoach::cli::run_explain(None, Lang::En, &mut out, &mut err),
        0
    );
    let listed = String::from_utf8(out).unwrap();
    for code in Code::ALL {
        assert!(listed.contains(code.as_str()), "{code} is not listed");
    }
}
