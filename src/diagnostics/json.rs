//! The JSON shape of diagnostics (SPEC section 5), shared by `kehoach check --format json` and the wasm package.
//!
//! The normative fields are `code severity message file line column end_line end_column labels help`, each label
//! with `message line column`. kehoach adds, compatibly: `label` (the text under the primary span), `range` (byte
//! offsets into the file), `range_utf16` (the same in UTF-16 code units, as a JavaScript string indexes the text),
//! and for each label its `file`, `end_line`, `end_column`, `range` and `range_utf16`.

use serde::Serialize;

use super::{Code, Diagnostic, Lang, Severity};
use crate::source::{Sources, Span};

/// One diagnostic as `kehoach check --format json` and the wasm package write it: the texts in one language, the
/// span as lines and columns (1-based; columns count Unicode scalar values) and as offsets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonDiagnostic {
    /// The stable code (`duplicate-id`), also the SARIF `ruleId`.
    pub code: Code,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The message, in the language asked for.
    pub message: String,
    /// The name of the file the span is in, as it was loaded; empty if the span's file is unknown.
    pub file: String,
    /// The line the span starts on.
    pub line: usize,
    /// The column the span starts at.
    pub column: usize,
    /// The line the span ends on.
    pub end_line: usize,
    /// The column just past the span's end.
    pub end_column: usize,
    /// The other places involved (the first declaration of a duplicate, a cycle's other steps), in order.
    pub labels: Vec<JsonLabel>,
    /// How to fix it, in the language asked for.
    pub help: Option<String>,
    /// The text shown under the primary span, if any.
    pub label: Option<String>,
    /// The span as byte offsets into the file.
    pub range: ByteRange,
    /// The span in UTF-16 code units, as a JavaScript string indexes the file's text.
    pub range_utf16: Utf16Range,
}

/// Another place a [`JsonDiagnostic`] involves, with the same position fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonLabel {
    /// What the place has to do with the diagnostic, in the language asked for.
    pub message: String,
    /// The file the place is in, which may differ from the diagnostic's.
    pub file: String,
    /// The line the place starts on (1-based).
    pub line: usize,
    /// The column the place starts at (1-based, in Unicode scalar values).
    pub column: usize,
    /// The line the place ends on.
    pub end_line: usize,
    /// The column just past the place's end.
    pub end_column: usize,
    /// The place as byte offsets into its file.
    pub range: ByteRange,
    /// The place in UTF-16 code units.
    pub range_utf16: Utf16Range,
}

/// Offsets in UTF-16 code units, end exclusive: `text.slice(start, end)` in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Utf16Range {
    /// The first code unit.
    pub start: usize,
    /// The code unit just past the end.
    pub end: usize,
}

/// Byte offsets into the file's UTF-8 text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ByteRange {
    /// The first byte.
    pub start: usize,
    /// The byte just past the end.
    pub end: usize,
}

struct Place {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    range: ByteRange,
    range_utf16: Utf16Range,
}

fn place(sources: &Sources, span: Span) -> Place {
    let range = ByteRange {
        start: span.start as usize,
        end: span.end as usize,
    };
    match sources.get(span.file) {
        Some(file) => {
            let (start, end) = (file.line_col(span.start), file.line_col(span.end));
            Place {
                file: file.name.clone(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                range,
                range_utf16: Utf16Range {
                    start: file.utf16_offset(span.start),
                    end: file.utf16_offset(span.end),
                },
            }
        }
        None => Place {
            file: String::new(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            range,
            range_utf16: Utf16Range {
                start: range.start,
                end: range.end,
            },
        },
    }
}

impl JsonDiagnostic {
    /// Lays out `d` with the positions read from `sources` and the texts in `lang`.
    pub(crate) fn new(d: &Diagnostic, sources: &Sources, lang: Lang) -> JsonDiagnostic {
        let p = place(sources, d.span);
        JsonDiagnostic {
            code: d.code,
            severity: d.severity,
            message: d.message.get(lang).to_string(),
            file: p.file,
            line: p.line,
            column: p.column,
            end_line: p.end_line,
            end_column: p.end_column,
            labels: d
                .labels
                .iter()
                .map(|l| {
                    let p = place(sources, l.span);
                    JsonLabel {
                        message: l.text.get(lang).to_string(),
                        file: p.file,
                        line: p.line,
                        column: p.column,
                        end_line: p.end_line,
                        end_column: p.end_column,
                        range: p.range,
                        range_utf16: p.range_utf16,
                    }
                })
                .collect(),
            help: d.help.as_ref().map(|h| h.get(lang).to_string()),
            label: d.label.as_ref().map(|l| l.get(lang).to_string()),
            range: p.range,
            range_utf16: p.range_utf16,
        }
    }
}

/// All diagnostics as JSON values, in order.
pub fn to_json(diagnostics: &[Diagnostic], sources: &Sources, lang: Lang) -> Vec<JsonDiagnostic> {
    diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(d, sources, lang))
        .collect()
}
