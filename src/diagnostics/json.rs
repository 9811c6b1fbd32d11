//! The JSON shape of diagnostics (SPEC section 5), shared by `kehoach check --format json` and the wasm package.
//!
//! The normative fields are `code severity message file line column end_line end_column labels help`, each label
//! with `message line column`. kehoach adds, compatibly: `label` (the text under the primary span), `range` (byte
//! offsets into the file), `range_utf16` (the same in UTF-16 code units, as a JavaScript string indexes the text),
//! and for each label its `file`, `end_line`, `end_column`, `range` and `range_utf16`.

use serde::Serialize;

use super::{Code, Diagnostic, Lang, Severity};
use crate::source::{Sources, Span};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonDiagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub labels: Vec<JsonLabel>,
    pub help: Option<String>,
    pub label: Option<String>,
    pub range: ByteRange,
    pub range_utf16: Utf16Range,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonLabel {
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub range: ByteRange,
    pub range_utf16: Utf16Range,
}

/// Offsets in UTF-16 code units, end exclusive: `text.slice(start, end)` in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Utf16Range {
    pub start: usize,
    pub end: usize,
}

/// Byte offsets into the file's UTF-8 text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ByteRange {
    pub start: usize,
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
    pub fn new(d: &Diagnostic, sources: &Sources, lang: Lang) -> JsonDiagnostic {
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
