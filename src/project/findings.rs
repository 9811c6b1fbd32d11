//! Diagnostics together with the texts they point into, so that they can be shown.

use std::sync::Arc;

use super::Source;
use crate::diagnostics::json::{JsonDiagnostic, to_json};
use crate::diagnostics::{Diagnostic, Lang, Tally};
use crate::source::{SourceFile, Sources};

/// Diagnostics, in reading order, and the files they point into: shown for people with
/// [`render`](Findings::render) (with the `cli` feature) or for programs with [`to_json`](Findings::to_json).
#[derive(Clone)]
pub struct Findings {
    diagnostics: Vec<Diagnostic>,
    sources: Arc<Sources>,
    /// A file after `sources` (facts read against a plan), added to them only when a diagnostic is shown: a form
    /// reads facts on every keystroke, and most readings are clean.
    extra: Option<Source>,
}

impl Findings {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>, sources: Arc<Sources>) -> Findings {
        Findings {
            diagnostics,
            sources,
            extra: None,
        }
    }

    pub(crate) fn with_file(
        diagnostics: Vec<Diagnostic>,
        sources: Arc<Sources>,
        file: Source,
    ) -> Findings {
        Findings {
            diagnostics,
            sources,
            extra: Some(file),
        }
    }

    /// The diagnostics, in reading order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// How many errors and warnings.
    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }

    /// The diagnostics that `keep` accepts (the errors alone, say), with the same files.
    pub fn only(&self, keep: impl Fn(&Diagnostic) -> bool) -> Findings {
        Findings {
            diagnostics: self
                .diagnostics
                .iter()
                .filter(|d| keep(d))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The diagnostics as JSON values (SPEC section 5): code, severity, message, help and every place as line,
    /// column and byte and UTF-16 ranges.
    pub fn to_json(&self, lang: Lang) -> Vec<JsonDiagnostic> {
        if self.diagnostics.is_empty() {
            return Vec::new();
        }
        to_json(&self.diagnostics, &self.all_sources(), lang)
    }

    /// The diagnostics as the terminal shows them, one graphical report after another, with colours when asked.
    #[cfg(feature = "cli")]
    pub fn render(&self, lang: Lang, color: bool) -> String {
        if self.diagnostics.is_empty() {
            return String::new();
        }
        crate::diagnostics::render(&self.diagnostics, &self.all_sources(), lang, color)
    }

    /// The diagnostics as a SARIF 2.1.0 log, for code-scanning services: one rule per code, with its explanation;
    /// `unreadable` are the messages of the paths that could not be checked.
    #[cfg(feature = "cli")]
    pub fn to_sarif(&self, lang: Lang, unreadable: &[String]) -> serde_json::Value {
        crate::cli::sarif::to_sarif(&self.diagnostics, &self.all_sources(), lang, unreadable)
    }

    /// The diagnostics as GitHub Actions workflow commands, one annotation per diagnostic and one per path in
    /// `unreadable`, for `kehoach check --format github`.
    #[cfg(feature = "cli")]
    pub fn to_github(&self, lang: Lang, unreadable: &[crate::workspace::Unreadable]) -> String {
        crate::cli::github::to_github(&self.diagnostics, &self.all_sources(), unreadable, lang)
    }

    /// The files the diagnostics point into, without the extra file.
    pub(crate) fn sources(&self) -> &Arc<Sources> {
        &self.sources
    }

    /// The files the diagnostics point into: the shared ones, and the extra file after them.
    fn all_sources(&self) -> std::borrow::Cow<'_, Sources> {
        match &self.extra {
            None => std::borrow::Cow::Borrowed(&*self.sources),
            Some(file) => {
                let mut sources = Sources::clone(&self.sources);
                sources.add(SourceFile::new(file.name.clone(), file.text.as_str()));
                std::borrow::Cow::Owned(sources)
            }
        }
    }
}

impl std::fmt::Debug for Findings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.diagnostics).finish()
    }
}
