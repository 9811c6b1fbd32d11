//! Parsing: the text of a `.plan` or `.facts` file to its syntax tree, with every syntax error found.
//!
//! The syntax tree (`ast`) is the crate's own: it follows the grammar and changes with it. Outside the crate,
//! [`parse_plan`] and [`parse_facts`] serve tests, fuzzing and benchmarks of the parser alone (their diagnostics,
//! and the tree's `Debug` text); what a plan means is read from the checked [`Model`](crate::model::Model).
//!
//! Three steps: `scan` sweeps the file once (nesting, strings, statements) and blanks out what it already knows
//! to be broken; pest parses each top-level statement on its own; `lower` builds the AST. When pest fails inside
//! a block, the innermost statement holding the error is blanked and the declaration parsed again, so a mistake
//! costs one statement, not the file, and one run reports them all. Parsing never panics and never recurses
//! deeper than the nesting limit.

#[cfg(test)]
mod corpus;
mod fold;
mod lower;
pub(crate) mod scan;
mod statements;
mod syntax;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;

use pest::Parser;

use crate::ast::{FactsFile, File};
use crate::diagnostics::{Code, Diagnostic};
use crate::limits::{MAX_FILE_BYTES, MAX_SYNTAX_ERRORS};
use crate::source::{FileId, Span};
use crate::text;

mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/kehoach.pest"]
    pub(crate) struct KehoachParser;
}

use grammar::{KehoachParser, Rule};
pub(crate) use statements::Block;

/// The keywords that may start a statement in a block, from the parser's table of statements (what its syntax
/// errors list): what an editor offers to complete there.
pub(crate) fn keywords_in(block: Block) -> Vec<&'static str> {
    block.keywords()
}

/// Parses a plan file. The AST holds everything that parsed; the diagnostics say what did not.
pub fn parse_plan(text: &str, file: FileId) -> (File, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if too_large(text, file, &mut diagnostics) {
        let ast = File {
            file,
            ..File::default()
        };
        return (ast, diagnostics);
    }
    parse_plan_any_size(text, file)
}

/// Parses a plan that kehoach printed itself, which the file size limit does not bound: the limit is for what is
/// read, and formatting may grow a file that is within it past it (`fmt` parses its output again to verify it).
pub(crate) fn parse_printed_plan(text: &str, file: FileId) -> (File, Vec<Diagnostic>) {
    parse_plan_any_size(text, file)
}

fn parse_plan_any_size(text: &str, file: FileId) -> (File, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut ast = File {
        file,
        ..File::default()
    };
    let parsed = parse_statements(
        text,
        file,
        Rule::item_only,
        &mut diagnostics,
        |lower, pair, items| lower.item(pair, items),
    );
    ast.items = parsed.values;
    ast.comments = parsed.comments;
    ast.unparsed_ids = parsed
        .lost
        .iter()
        .flat_map(|r| declared_ids(text.get(r.clone()).unwrap_or("")))
        .collect();
    (ast, diagnostics)
}

/// Parses a text facts file (SPEC section 6). `None` when not even its header could be read.
pub fn parse_facts(text: &str, file: FileId) -> (Option<FactsFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if too_large(text, file, &mut diagnostics) {
        return (None, diagnostics);
    }
    let parsed = parse_statements(
        text,
        file,
        Rule::facts_only,
        &mut diagnostics,
        |lower, pair, values| values.extend(lower.facts(pair)),
    );
    let mut values = parsed.values.into_iter();
    let facts = values.next().map(|mut f| {
        f.comments = parsed.comments;
        f
    });
    // A facts file holds one `facts { … }` block.
    if let Some(extra) = values.next() {
        diagnostics.push(
            Diagnostic::new(
                Code::Syntax,
                extra.span,
                text!(
                    "a facts file holds one `facts` block",
                    "mỗi tệp dữ kiện chỉ có một khối `facts`"
                ),
            )
            .with_help(text!(
                "merge the blocks, or put each in its own file",
                "gộp các khối lại, hoặc tách mỗi khối ra một tệp"
            )),
        );
    }
    if facts.is_none() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::Syntax,
                Span::point(file, 0),
                text!(
                    "the file holds no `facts` block",
                    "tệp không có khối `facts`"
                ),
            )
            .with_help(text!(
                "start with `facts \"PLAN-NUMBER\" as_of 2023-09-30 {{` and close with `}}`",
                "bắt đầu bằng `facts \"SỐ-KẾ-HOẠCH\" as_of 2023-09-30 {{` và kết thúc bằng `}}`"
            )),
        );
    }
    (facts, diagnostics)
}

fn too_large(text: &str, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> bool {
    if text.len() <= MAX_FILE_BYTES {
        return false;
    }
    let (size, limit) = (text.len() / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024));
    diagnostics.push(
        Diagnostic::new(
            Code::LimitExceeded,
            Span::point(file, 0),
            text!(
                "file too large: {size} MiB, the limit is {limit} MiB",
                "tệp quá lớn: {size} MiB, giới hạn là {limit} MiB"
            ),
        )
        .with_help(text!(
            "split the plan into several files joined with `use`",
            "tách kế hoạch thành nhiều tệp và nối bằng `use`"
        )),
    );
    true
}

struct Parsed<T> {
    values: Vec<T>,
    comments: Vec<Span>,
    /// Ranges of the original text that could not be parsed.
    lost: Vec<Range<usize>>,
}

/// Scans, then parses each top-level statement with pest's `rule`, recovering inside blocks; `build` lowers a
/// success into the values.
fn parse_statements<T>(
    text: &str,
    file: FileId,
    rule: Rule,
    diagnostics: &mut Vec<Diagnostic>,
    mut build: impl FnMut(&mut lower::Lower<'_>, pest::iterators::Pair<'_, Rule>, &mut Vec<T>),
) -> Parsed<T> {
    let mut sweep = scan::scan(text, file);
    let comments = sweep
        .comments
        .iter()
        .map(|c| Span::new(file, c.start, c.end))
        .collect();
    let mut lost: Vec<Range<usize>> = Vec::new();
    let mut work = if sweep.spaces.is_empty() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(scan::blank_out(text, &sweep.spaces))
    };
    // The first sweep's findings are what the user wrote wrong. Sweeping the blanked text again only settles the
    // structure; anything it reports is an artefact of the blanking, and pest reports real leftovers itself.
    sweep.errors.truncate(MAX_SYNTAX_ERRORS);
    diagnostics.append(&mut sweep.errors);
    for _ in 0..3 {
        if sweep.blank.is_empty() {
            break;
        }
        lost.extend(sweep.blank.iter().cloned());
        work = Cow::Owned(scan::blank_out(&work, &sweep.blank));
        sweep = scan::scan(&work, file);
    }
    let mut syntax_errors = diagnostics.len();
    let mut values = Vec::new();
    for stmt in sweep.items() {
        if syntax_errors >= MAX_SYNTAX_ERRORS {
            lost.push(stmt.start..stmt.end);
            continue;
        }
        let mut piece = Cow::Borrowed(work.get(stmt.start..stmt.end).unwrap_or(""));
        loop {
            match KehoachParser::parse(rule, &piece) {
                Ok(mut pairs) => {
                    if let Some(pair) = pairs.next() {
                        let mut lower = lower::Lower {
                            file,
                            base: stmt.start,
                            diagnostics,
                        };
                        build(&mut lower, pair, &mut values);
                    }
                    break;
                }
                Err(error) => {
                    let diagnostic = syntax::describe(&error, &piece, stmt.start, file);
                    let at = diagnostic.span.start as usize;
                    diagnostics.push(diagnostic);
                    syntax_errors += 1;
                    // Skip the innermost statement holding the error and try the declaration again.
                    match innermost_nested(&sweep, &work, stmt, at) {
                        Some(inner) if syntax_errors < MAX_SYNTAX_ERRORS => {
                            lost.push(inner.clone());
                            let relative = inner.start - stmt.start..inner.end - stmt.start;
                            let blanked = scan::blank_out(&piece, std::slice::from_ref(&relative));
                            piece = Cow::Owned(blanked);
                        }
                        _ => {
                            lost.push(stmt.start..stmt.end);
                            break;
                        }
                    }
                }
            }
        }
    }
    if syntax_errors >= MAX_SYNTAX_ERRORS {
        let end = text.len();
        diagnostics.push(Diagnostic::new(
            Code::Syntax,
            Span::point(file, end),
            text!(
                "too many syntax errors: stopped after {MAX_SYNTAX_ERRORS}",
                "quá nhiều lỗi cú pháp: dừng sau {MAX_SYNTAX_ERRORS} lỗi"
            ),
        ));
    }
    Parsed {
        values,
        comments,
        lost,
    }
}

/// The statement nested inside `item` that holds offset `at`, or ends just before it on the same line.
fn innermost_nested(
    sweep: &scan::Scan,
    text: &str,
    item: &scan::Stmt,
    at: usize,
) -> Option<Range<usize>> {
    sweep
        .statements
        .iter()
        .filter(|s| s.depth > 0 && s.start >= item.start && s.end <= item.end && s.start <= at)
        .filter(|s| at <= s.end || text.get(s.end..at).is_some_and(|gap| gap.trim().is_empty()))
        .max_by_key(|s| (s.depth, s.start))
        .map(|s| s.start..s.end)
}

/// Ids declared in text that could not be parsed (`target grdp …`), so that references to them are not reported
/// as unknown on top of the syntax error.
fn declared_ids(text: &str) -> Vec<String> {
    let declaring: Vec<&str> = statements::declaring().collect();
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter_map(|pair| match pair {
            [keyword, id] if declaring.contains(keyword) => Some((*id).to_string()),
            _ => None,
        })
        .collect()
}
