//! [`Report`]: one diagnostic in one language, as a `miette::Diagnostic` for miette's renderers.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::{Diagnostic, Lang, Severity};
use crate::source::{Sources, Span};

/// A diagnostic ready to render: its text in one language and the source it points into.
///
/// Labels in other files than the primary span's cannot be drawn on the same snippet; they are listed under the
/// help instead so that nothing is lost.
pub struct Report {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Source,
}

/// A file's text for miette, reporting columns in characters: miette's own count bytes, which puts the column in
/// a header like `plan.plan:3:31` past the place for Vietnamese text.
struct Source {
    name: String,
    text: Arc<str>,
    line_starts: Arc<[u32]>,
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette reads a span by counting lines from the start of the text, so rendering many diagnostics in one
        // long file was quadratic (a third of `kehoach check` on 100k items with 220 warnings). It reads from the
        // line above the context instead, found in the file's line table, and the lines above that are added
        // back. (One line more than the context: miette reads an empty span at the very start as one character.)
        let offset = span.offset();
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            .saturating_sub(1);
        let first = line.saturating_sub(before + 1);
        let base = self.line_starts.get(first).map_or(0, |&s| s as usize);
        let rest = self
            .text
            .as_bytes()
            .get(base..)
            .ok_or(MietteError::OutOfBounds)?;
        let shifted = SourceSpan::new((offset - base).into(), span.len());
        let inner = rest.read_span(&shifted, before, after)?;
        let start = base + inner.span().offset();
        let line_start = self
            .text
            .get(..start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let column = self
            .text
            .get(line_start..start)
            .map_or(inner.column(), |t| t.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(start.into(), inner.span().len()),
            first + inner.line(),
            column,
            first + inner.line_count(),
        )))
    }
}

impl Report {
    pub fn new(d: &Diagnostic, sources: &Sources, lang: Lang) -> Report {
        let source = match sources.get(d.span.file) {
            Some(file) => Source {
                name: file.name.clone(),
                text: file.text.clone(),
                line_starts: file.line_starts().clone(),
            },
            None => Source {
                name: String::new(),
                text: Arc::from(""),
                line_starts: Arc::from([0]),
            },
        };
        let to_span = |s: Span| SourceSpan::new((s.start as usize).into(), s.len());
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.as_ref().map(|l| l.get(lang).to_string()),
            to_span(d.span),
        )];
        let mut elsewhere = Vec::new();
        for label in &d.labels {
            if label.span.file == d.span.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(label.text.get(lang).to_string()),
                    to_span(label.span),
                ));
            } else if let Some(file) = sources.get(label.span.file) {
                let at = file.line_col(label.span.start);
                elsewhere.push(format!(
                    "{}:{}:{}: {}",
                    file.name,
                    at.line,
                    at.column,
                    label.text.get(lang)
                ));
            }
        }
        let mut help = d.help.as_ref().map(|h| h.get(lang).to_string());
        if !elsewhere.is_empty() {
            let listed = elsewhere.join("\n");
            help = Some(match help {
                Some(h) => format!("{h}\n{listed}"),
                None => listed,
            });
        }
        Report {
            code: d.code.as_str(),
            severity: d.severity,
            message: d.message.get(lang).to_string(),
            help,
            labels,
            source,
        }
    }
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("code", &self.code)
            .field("message", &self.message)
            .finish()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette reads for a span when it counts lines from the start of the text.
    fn from_the_start(
        text: &str,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> (Vec<u8>, SourceSpan, usize, usize) {
        let inner = text.as_bytes().read_span(span, before, after).unwrap();
        (
            inner.data().to_vec(),
            *inner.span(),
            inner.line(),
            inner.line_count(),
        )
    }

    #[test]
    fn reading_from_the_first_line_of_context_gives_what_miette_reads_from_the_start() {
        let text = "plan \"KH\" {\r\n  period 2021..2025\r\n}\n\ntarget a \"Tăng trưởng\" {\n  goal >= 8\n}\n\
                    \n  task t \"Xây dựng\" {\n    due Q2\n  }\nlast line without a break";
        let file = crate::source::SourceFile::new("plan.plan", text);
        let source = Source {
            name: "plan.plan".into(),
            text: file.text.clone(),
            line_starts: file.line_starts().clone(),
        };
        let mut compared = 0;
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=text.len().min(start + 40)).filter(|&i| text.is_char_boundary(i)) {
                let span = SourceSpan::new(start.into(), end - start);
                for before in 0..3 {
                    for after in 0..3 {
                        let expected = from_the_start(text, &span, before, after);
                        let read = source.read_span(&span, before, after).unwrap();
                        let got = (
                            read.data().to_vec(),
                            *read.span(),
                            read.line(),
                            read.line_count(),
                        );
                        assert_eq!(
                            got, expected,
                            "span {start}..{end}, {before} before, {after} after"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10_000, "{compared}");
        let past = SourceSpan::new((text.len() + 5).into(), 2);
        assert!(text.as_bytes().read_span(&past, 1, 1).is_err());
        assert!(source.read_span(&past, 1, 1).is_err());
    }
}
