//! Diagnostics: what every stage reports about its input, with a stable code, spans and help in two languages.
//!
//! The stages only *build* diagnostics; how they are shown is chosen at the edge: [`Report`] adapts one to miette's
//! renderers for the terminal, [`json`] gives the machine-readable shape of SPEC section 5, and the wasm crate
//! converts them into JavaScript objects.
//!
//! Why a struct and not a `thiserror` + `miette::Diagnostic` derive per variant: every message, label and help
//! exists in English and Vietnamese (`--lang vi`), which derive attributes cannot express, and the same value must
//! cross into JavaScript intact. Each code still has exactly one constructor, next to the check that raises it,
//! which writes both languages side by side.

mod code;
pub mod escape;
mod excerpt;
pub mod json;
mod report;

#[cfg(test)]
mod tests;

pub use code::{Code, Severity};
pub use report::Report;
pub(crate) use report::{MAX_HELP_CHARS, MAX_LABEL_CHARS, cut, shown_labels};

use crate::source::{LineCol, Sources, Span};

/// The language of messages, labels and help.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "vi" => Some(Lang::Vi),
            _ => None,
        }
    }
}

/// A count for people, its digits grouped by thousands as each language writes them: `99,996` in English,
/// `99.996` in Vietnamese.
pub fn thousands(n: usize, lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ',',
        Lang::Vi => '.',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    pub en: String,
    pub vi: String,
}

impl Text {
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            vi: vi.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

/// `text!("unknown id `{id}`", "mã `{id}` không tồn tại")`: both languages, formatted like `format!`.
#[macro_export]
macro_rules! text {
    ($en:literal, $vi:literal $(,)?) => {
        $crate::diagnostics::Text::new(format!($en), format!($vi))
    };
    ($en:literal, $vi:literal, $($arg:tt)*) => {
        $crate::diagnostics::Text::new(format!($en, $($arg)*), format!($vi, $($arg)*))
    };
}

/// A place other than the primary span that the diagnostic involves, with what it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub span: Span,
    pub text: Text,
}

/// One finding about the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The offending text.
    pub span: Span,
    /// One line, lowercase, no final period, user input in backticks.
    pub message: Text,
    /// What the primary span is, when it helps to say so under the underline.
    pub label: Option<Text>,
    /// The other places involved, in a meaningful order (e.g. the edges of a cycle).
    pub labels: Vec<Label>,
    /// What to write instead.
    pub help: Option<Text>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            span,
            message,
            label: None,
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, text: Text) -> Diagnostic {
        self.label = Some(text);
        self
    }

    pub fn with_other(mut self, span: Span, text: Text) -> Diagnostic {
        self.labels.push(Label { span, text });
        self
    }

    pub fn with_help(mut self, text: Text) -> Diagnostic {
        self.help = Some(text);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the primary span starts and ends, 1-based.
    pub fn position(&self, sources: &Sources) -> (LineCol, LineCol) {
        match sources.get(self.span.file) {
            Some(file) => (file.line_col(self.span.start), file.line_col(self.span.end)),
            None => (
                LineCol { line: 1, column: 1 },
                LineCol { line: 1, column: 1 },
            ),
        }
    }
}

/// Puts diagnostics in reading order (file, position, code) and drops exact repeats, which arise when one file is
/// checked as part of several plans.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (
            a.span.file,
            a.span.start,
            a.span.end,
            a.code.as_str(),
            &a.message.en,
        )
            .cmp(&(
                b.span.file,
                b.span.start,
                b.span.end,
                b.code.as_str(),
                &b.message.en,
            ))
    });
    diagnostics.dedup();
}

/// Counts of errors and warnings, for summaries and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        diagnostics.iter().fold(Tally::default(), |mut t, d| {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
            }
            t
        })
    }
}
