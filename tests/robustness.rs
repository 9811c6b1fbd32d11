//! Hostile input never panics or overflows the stack: it gets a diagnostic with its place.

use kehoach::diagnostics::Code;
use kehoach::parse::{parse_facts, parse_plan};
use kehoach::source::FileId;

fn codes(text: &str) -> Vec<Code> {
    parse_plan(text, FileId(0))
        .1
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn empty_and_blank_files_are_fine() {
    assert!(codes("").is_empty());
    assert!(codes("\n\n   \n// only a comment\n").is_empty());
    assert_eq!(
        parse_facts("", FileId(0)).1.first().map(|d| d.code),
        Some(Code::Syntax)
    );
}

#[test]
fn binary_junk_is_a_syntax_error() {
    let junk: String = (0u8..=255).cycle().take(10_000).map(char::from).collect();
    let found = codes(&junk);
    assert!(!found.is_empty());
    assert!(found.len() <= kehoach::limits::MAX_SYNTAX_ERRORS + 1);
}

#[test]
fn hundred_thousand_nested_sections_hit_the_nesting_limit() {
    let depth = 100_000;
    let text = format!(
        "{}{}",
        "section \"s\" {\n".repeat(depth),
        "}\n".repeat(depth)
    );
    assert_eq!(codes(&text), vec![Code::LimitExceeded]);
    // Unclosed, too.
    let text = "section \"s\" {\n".repeat(depth);
    assert!(codes(&text).contains(&Code::LimitExceeded));
}

#[test]
fn deep_parentheses_hit_the_nesting_limit() {
    let depth = 100_000;
    let text = format!(
        "rule r \"r\" {{ require {}1{} > 0 }}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    assert_eq!(codes(&text), vec![Code::LimitExceeded]);
}

#[test]
fn long_prefix_chains_hit_a_limit() {
    // A run of `not` is a repetition in the grammar and a stack in lowering: no recursion, whatever its length.
    let text = format!("rule r \"r\" {{ require {}true }}", "not ".repeat(100_000));
    assert_eq!(codes(&text), vec![Code::LimitExceeded]);
    let text = format!("target a \"a\" {{ value = {}1 }}", "- ".repeat(100_000));
    assert_eq!(codes(&text), vec![Code::LimitExceeded]);
}

#[test]
fn huge_expressions_hit_the_size_limit() {
    let text = format!("target a \"a\" {{ value = 1{} }}", " + 1".repeat(100_000));
    assert_eq!(codes(&text), vec![Code::LimitExceeded]);
}

#[test]
fn a_ten_megabyte_line_parses() {
    let title = "ư".repeat(5 * 1024 * 1024);
    let text = format!("owner a \"{title}\"");
    assert!(codes(&text).is_empty());
    let junk = "x".repeat(10 * 1024 * 1024);
    assert_eq!(codes(&junk), vec![Code::Syntax]);
}

#[test]
fn oversized_files_are_refused() {
    let text = "// x\n".repeat(kehoach::limits::MAX_FILE_BYTES / 5 + 1);
    assert_eq!(codes(&text), vec![Code::LimitExceeded]);
}

#[test]
fn numbers_too_long_for_a_decimal_are_reported() {
    let text = format!("target a \"a\" {{ goal {} }}", "9".repeat(40));
    assert_eq!(codes(&text), vec![Code::LimitExceeded]);
}

proptest::proptest! {
    /// Facts in either form never panic, whatever the bytes.
    #[test]
    fn facts_readers_never_panic(text in "\\PC{0,200}") {
        let _ = kehoach::facts::from_json(&text, FileId(0));
        let _ = kehoach::facts::from_text(&text, FileId(0));
        let json_like = format!("{{\"values\": {{\"a\": {{\"2023\": {text}}}}}}}");
        let _ = kehoach::facts::from_json(&json_like, FileId(0));
    }
}

/// Checks one plan file; returns its codes and its model (built even when there are errors).
fn check_one(text: &str) -> (Vec<Code>, std::sync::Arc<kehoach::model::Model>) {
    let mut fs = kehoach::workspace::MemoryFileSystem::new();
    fs.insert("plan.plan", text.to_string());
    let checked = kehoach::check::check_workspace(&kehoach::workspace::load_memory(&fs));
    let codes = checked.diagnostics.iter().map(|d| d.code).collect();
    (codes, checked.models.into_iter().next().unwrap_or_default())
}

#[test]
fn a_ten_thousand_year_period_is_refused_and_expands_to_nothing() {
    // The 2.3 KB plan that made a 1.2 GB calendar: 40 monthly reports over 0001..9999.
    let mut text =
        String::from("plan \"1/KH\" { issued 2021-01-01; period 0001..9999 }\nowner a \"A\"\n");
    for i in 0..40 {
        text.push_str(&format!(
            "report r{i} \"R{i}\" {{ from a; to a; every month by day 15 }}\n"
        ));
    }
    for i in 0..10_000 {
        text.push_str(&format!(
            "target t{i} \"T{i}\" {{ goal >= 1; yearly; lead a }}\n"
        ));
    }
    let (codes, model) = check_one(&text);
    assert_eq!(codes, vec![Code::LimitExceeded], "{:?}", codes.get(..5));
    assert_eq!(model.period(), None);
    let ics = kehoach::export::to_ics(&model, kehoach::diagnostics::Lang::En);
    assert!(ics.len() < 10_000, "{} bytes", ics.len());
    let periods: usize = kehoach::form::fields(&model)
        .iter()
        .map(|f| f.periods.len())
        .sum();
    assert_eq!(periods, 0);
}

#[test]
fn occurrences_past_the_limit_are_reported_once_and_not_expanded() {
    // A hundred years, the longest period: 10 000 yearly targets would ask for a million values.
    let mut text =
        String::from("plan \"1/KH\" { issued 2001-01-01; period 2001..2100 }\nowner a \"A\"\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "target t{i} \"T{i}\" {{ goal >= 1; yearly; lead a }}\n"
        ));
    }
    text.push_str("report r \"R\" { from a; to a; every month by day 15 }\n");
    let (codes, model) = check_one(&text);
    assert_eq!(codes, vec![Code::LimitExceeded], "{:?}", codes.get(..5));
    let periods: usize = kehoach::form::fields(&model)
        .iter()
        .map(|f| f.periods.len())
        .sum();
    assert_eq!(periods, kehoach::limits::MAX_OCCURRENCES);
    assert!(model.reports.iter().all(|r| r.every.is_none()));
}

#[test]
fn a_file_reports_at_most_a_thousand_diagnostics_and_sums_up_the_rest() {
    // Three diagnostics per copy: a million copies printed 1.5 GB.
    let (codes, _) = check_one(&"owner a \"A\"\n".repeat(100_000));
    let max = kehoach::limits::MAX_DIAGNOSTICS_PER_FILE;
    assert_eq!(codes.len(), max + 1);
    assert_eq!(codes.last(), Some(&Code::LimitExceeded));
}
