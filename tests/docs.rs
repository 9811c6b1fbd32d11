//! The examples of docs/LANGUAGE.md and docs/EVALUATION.md, run: every fenced block whose info string names it
//! checks as the page says and is already in the layout `kehoach fmt` writes.
//!
//! - ```` ```plan ````: a whole plan file; it checks without an error.
//! - ```` ```plan-error CODE … ````: a plan file shown for its mistake; its errors are exactly the codes named.
//! - ```` ```facts ````: a facts file, read against the nearest `plan` block above it; no error. (Checked only,
//!   not formatted: `fmt` does not format facts files yet.)
//!
//! Each is read as a file beside an `agencies.plan` ([`AGENCIES`]), which declares the agencies the examples
//! name, so that an example may start with `use "agencies.plan"` as a real plan does.
//!
//! Other blocks (```` ```text ````, ```` ```json ````, fragments) are prose and not run.

#![expect(
    clippy::unwrap_used,
    reason = "a test: a missing file or a refused example should stop it"
)]

use kehoach::diagnostics::{Diagnostic, Severity};
use kehoach::{Project, Source, format};

struct Block {
    info: String,
    /// The line of the opening fence, 1-based, for the failure message.
    line: usize,
    text: String,
}

fn blocks(page: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in page.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_string(),
                    line: i + 1,
                    text: String::new(),
                });
            }
            (Some(_), Some("")) => out.extend(open.take()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a block is not closed");
    out
}

fn read(page: &str) -> String {
    std::fs::read_to_string(format!("{}/docs/{page}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The agencies the examples name, as a plan's folder keeps them in its own file (`plans/*/agencies.plan`). Kept
/// here rather than as a fixture file, which the parser's recorded corpus would take in.
const AGENCIES: &str = "\
owner so_khdt \"Sở Kế hoạch và Đầu tư\" { aka \"Sở KH&ĐT\" }
owner so_tc \"Sở Tài chính\"
owner so_tnmt \"Sở Tài nguyên và Môi trường\"
owner so_xd \"Sở Xây dựng\"
owner cuc_thong_ke \"Cục Thống kê tỉnh\"
owner cuc_thue \"Cục Thuế tỉnh\"
owner ubnd_tinh \"UBND tỉnh\"
owner ubnd_huyen \"UBND các huyện, thành phố\"
group cac_so \"Các sở, ban, ngành\" { members so_khdt, so_tc, so_tnmt, so_xd }
";

/// The example as a file, with `agencies.plan` beside it.
fn project(example: &str) -> Project {
    Project::from_sources(vec![
        Source::new("example.plan", example.to_string()).unwrap(),
        Source::new("agencies.plan", AGENCIES.to_string()).unwrap(),
    ])
}

fn error_codes(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code.as_str().to_string())
        .collect()
}

/// Every problem with the runnable blocks of `text` (the page `page`), and how many blocks ran.
fn run(page: &str, text: &str) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut ran = 0;
    let mut plan_above: Option<String> = None;
    for block in blocks(text) {
        let mut words = block.info.split_whitespace();
        let kind = words.next().unwrap_or_default();
        let expected: Vec<String> = words.map(str::to_string).collect();
        let place = format!("{page}:{}", block.line);
        // Named as on disk: `format` lays out a `.facts` file as facts.
        let name = if kind == "facts" {
            "example.facts"
        } else {
            "example.plan"
        };
        let source = Source::new(name, block.text.clone()).unwrap();
        match kind {
            "plan" | "plan-error" => {
                let project = project(&block.text);
                let found = error_codes(project.findings().diagnostics());
                let expected = if kind == "plan" { Vec::new() } else { expected };
                if kind == "plan-error" && expected.is_empty() {
                    problems.push(format!("{place}: `plan-error` names no code"));
                }
                if found != expected {
                    problems.push(format!(
                        "{place}: errors {found:?}, the page says {expected:?}\n{}",
                        project
                            .findings()
                            .render(kehoach::diagnostics::Lang::En, false)
                    ));
                }
                if kind == "plan" {
                    plan_above = Some(block.text.clone());
                }
            }
            "facts" => {
                let Some(plan) = &plan_above else {
                    problems.push(format!("{place}: no `plan` block above these facts"));
                    continue;
                };
                match project(plan).plan(None) {
                    Ok(p) => {
                        let facts =
                            p.facts(Source::new("example.facts", block.text.clone()).unwrap());
                        let found = error_codes(facts.findings().diagnostics());
                        if !found.is_empty() {
                            problems.push(format!(
                                "{place}: the facts have errors {found:?} against the plan above\n{}",
                                facts.findings().render(kehoach::diagnostics::Lang::En, false)
                            ));
                        }
                    }
                    Err(refusal) => problems.push(format!("{place}: the plan above: {refusal}")),
                }
            }
            _ => continue,
        }
        ran += 1;
        match format(&source) {
            Ok(formatted) if formatted == block.text => {}
            Ok(formatted) => problems.push(format!(
                "{place}: `kehoach fmt` writes it otherwise:\n{formatted}"
            )),
            Err(findings) => problems.push(format!(
                "{place}: `kehoach fmt` refuses it:\n{}",
                findings.render(kehoach::diagnostics::Lang::En, false)
            )),
        }
    }
    (problems, ran)
}

#[test]
fn the_language_reference_examples_check_and_are_formatted() {
    let (problems, ran) = run("LANGUAGE.md", &read("LANGUAGE.md"));
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(ran >= 6, "only {ran} examples ran");
}

#[test]
fn the_evaluation_examples_check_and_are_formatted() {
    let (problems, ran) = run("EVALUATION.md", &read("EVALUATION.md"));
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(ran >= 2, "only {ran} examples ran");
}

/// The harness itself: an example that does not check, one that shows another error than it says, facts that
/// do not fit the plan above, and one that `fmt` would change are each reported.
#[test]
fn a_wrong_example_is_caught() {
    let page = "```plan\nowner a \"A\"\ntask t \"T\" { lead b }\n```\n\
                ```plan-error duplicate-id\nowner a \"A\"\ntask t \"T\" { lead b }\n```\n\
                ```plan\nplan \"KH\" { period 2023 }\n\nowner a \"A\"\ntask t \"T\" { lead a }\n```\n\
                ```facts\nfacts \"KH\" as_of 2023-01-01 {\n  u done 2023-01-01\n}\n```\n\
                ```plan\nowner  a \"A\"\n```\n";
    let (problems, ran) = run("page", page);
    assert_eq!(ran, 5);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].starts_with("page:1: errors [\"unknown-reference\"], the page says []"));
    assert!(
        problems[1].starts_with(
            "page:5: errors [\"unknown-reference\"], the page says [\"duplicate-id\"]"
        )
    );
    assert!(problems[2].starts_with("page:15: the facts have errors [\"unknown-fact\"]"));
    assert!(problems[3].starts_with("page:20: `kehoach fmt` writes it otherwise"));
}
