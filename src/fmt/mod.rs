//! Formatting: a plan's text in its one canonical layout, every comment kept where it was; a text facts file's
//! too ([`format_facts`]).
//!
//! [`format()`] is pure (no I/O): the command line writes the result to disk, the wasm crate hands it to
//! JavaScript. It parses the text, prints each statement canonically (`print`), places statements, comments
//! and blank lines (`layout`), then parses its own output and compares the two trees without their spans
//! (`same`) and the two lists of comments: if anything differs, it refuses rather than return a plan that means
//! something else. A text with syntax errors is refused with its diagnostics. The layout rules are listed for
//! users in `docs/LANGUAGE.md` ("Layout").

mod facts;
mod layout;
mod print;
mod same;

#[cfg(test)]
mod facts_proptests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use crate::ast::File;
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::{parse_plan, parse_printed_plan};
use crate::source::{FileId, Span};
use crate::text;

pub use facts::format_facts;
use same::Same;

/// The file id that diagnostics from [`format()`] point into: the text is the only file.
pub const FILE: FileId = FileId(0);

/// The text in canonical layout, or why it cannot be formatted: the syntax errors of the text, or a
/// `format-changes-meaning` error if the result would not parse back to the same plan (a defect of the
/// formatter, never of the plan). Idempotent: formatting the result again changes nothing.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    let (ast, diagnostics) = parse_plan(text, FILE);
    // Lowering drops what it reports (a second `goal`, an unknown `output`), so any diagnostic means the tree does
    // not hold the whole text.
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    // A comment ends before the `\r` of a Windows line end, as the statements around it do.
    let comments: Vec<Span> = ast
        .comments
        .iter()
        .map(|c| {
            let kept = text.get(c.range()).unwrap_or("").trim_end().len();
            Span::new(c.file, c.start as usize, c.start as usize + kept)
        })
        .collect();
    let nodes = print::Printer { text }.items(&ast.items);
    let formatted = layout::layout(text, &comments, &nodes);
    verify(text, &ast, &formatted)?;
    Ok(formatted)
}

/// Parses the output again and compares it with the input: the same declarations and values, the same comments
/// in the same order.
fn verify(text: &str, ast: &File, formatted: &str) -> Result<(), Vec<Diagnostic>> {
    let (again, diagnostics) = parse_printed_plan(formatted, FILE);
    let comments = |file: &File, text: &str| -> Vec<String> {
        file.comments
            .iter()
            .map(|c| text.get(c.range()).unwrap_or("").trim_end().to_string())
            .collect()
    };
    if diagnostics.is_empty()
        && ast.same(&again)
        && comments(ast, text) == comments(&again, formatted)
    {
        return Ok(());
    }
    // Point at the first declaration that came out different, else at the start of the file.
    let at = ast
        .items
        .iter()
        .enumerate()
        .find(|(i, item)| again.items.get(*i).is_none_or(|other| !item.same(other)))
        .map_or(Span::point(FILE, 0), |(_, item)| item.span());
    Err(vec![
        Diagnostic::new(
            Code::FormatChangesMeaning,
            at,
            text!(
                "formatting would change the meaning of the plan here, so the file is left as it is",
                "định dạng lại sẽ làm thay đổi ý nghĩa của kế hoạch ở đây, nên tệp được giữ nguyên"
            ),
        )
        .with_help(text!(
            "this is a defect of `kehoach fmt`, not of the plan: please report it with this file",
            "đây là lỗi của `kehoach fmt`, không phải của kế hoạch: xin hãy báo lỗi kèm theo tệp này"
        )),
    ])
}
