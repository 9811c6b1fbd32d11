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
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_ref().read_span(span, before, after)?;
        let start = inner.span().offset();
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
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

impl Report {
    pub fn new(d: &Diagnostic, sources: &Sources, lang: Lang) -> Report {
        let (name, text) = match sources.get(d.span.file) {
            Some(file) => (file.name.clone(), file.text.clone()),
            None => (String::new(), Arc::from("")),
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
            source: Source { name, text },
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
