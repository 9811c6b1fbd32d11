//! Diagnostics: what every stage reports about its input, with a stable code, spans and help in two languages.
//!
//! The stages only *build* diagnostics; how they are shown is chosen at the edge: [`Rendered`] adapts one to miette's
//! renderers for the terminal, [`json`] gives the machine-readable shape of SPEC section 5, and the wasm crate
//! converts them into JavaScript objects.
//!
//! Why a struct and not a `thiserror` + `miette::Diagnostic` derive per variant: every message, label and help
//! exists in English and Vietnamese (`--lang vi`), which derive attributes cannot express, and the same value must
//! cross into JavaScript intact. Each code still has exactly one constructor, next to the check that raises it,
//! which writes both languages side by side.

mod code;
pub(crate) mod escape;
mod excerpt;
pub mod json;
#[cfg(feature = "cli")]
mod render;
mod report;

#[cfg(test)]
mod tests;

pub use code::{Code, Severity};
/// Which characters never reach a reader as they are (shown as escapes in everything written for people): public
/// so that a test or a fuzz target can hold any output to the same definition.
pub use escape::is_hidden;
#[cfg(feature = "cli")]
pub use render::render;
pub use report::Rendered;
// The GitHub annotations of the CLI bound their labels and help as the terminal does.
#[cfg(feature = "cli")]
pub(crate) use report::{MAX_HELP_CHARS, MAX_LABEL_CHARS, cut, shown_labels};

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use crate::hash::{FxHashMap, FxHashSet};
use crate::limits::MAX_DIAGNOSTICS_PER_FILE;
use crate::source::{FileId, LineCol, Sources, Span};

/// The language of messages, labels and help.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Vietnamese (`--lang vi`).
    Vi,
}

impl Lang {
    /// The language of a code as `--lang` and the wasm API take it (`en`, `vi`); `None` for any other.
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
    /// The English text.
    pub en: String,
    /// The Vietnamese text.
    pub vi: String,
}

impl Text {
    /// The text with `en` in English and `vi` in Vietnamese; [`text!`](crate::text) formats both at once.
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            vi: vi.into(),
        }
    }

    /// The text formatted from both languages' arguments: one call for [`text!`](crate::text), not two
    /// inlined `format!`s at each of its few hundred places.
    #[doc(hidden)]
    #[inline(never)]
    pub fn format(en: std::fmt::Arguments<'_>, vi: std::fmt::Arguments<'_>) -> Text {
        Text {
            en: std::fmt::format(en),
            vi: std::fmt::format(vi),
        }
    }

    /// The text in `lang`.
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
        $crate::diagnostics::Text::format(format_args!($en), format_args!($vi))
    };
    ($en:literal, $vi:literal, $($arg:tt)*) => {
        $crate::diagnostics::Text::format(format_args!($en, $($arg)*), format_args!($vi, $($arg)*))
    };
}

/// A place other than the primary span that the diagnostic involves, with what it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The other place, which may be in another file.
    pub span: Span,
    /// What that place is (`first declared here`).
    pub text: Text,
}

/// A fix a tool may apply for the user: replace the text of `span` with `replacement`. It is what the help says
/// to write, kept apart from the help's words so that an editor's code action applies it without reading prose.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// The text to replace; empty to insert at its start.
    pub span: Span,
    /// The text to write there, as the help says it.
    pub replacement: String,
    /// What applying it does, for a menu: "write `so_khdt`".
    pub title: Text,
}

/// One finding about the input.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// What was found, as a stable code.
    pub code: Code,
    /// The code's severity, except that a summary of left-out problems without errors is a warning.
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
    /// The help as edits, when it names one certain fix (a did-you-mean, a decimal comma); at most a few.
    pub fixes: Vec<Fix>,
}

/// As derived, but without `fixes` when there are none: a diagnostic's debug form (which the parse corpus
/// snapshot digests) changes only where a fix was added.
impl std::fmt::Debug for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("Diagnostic");
        s.field("code", &self.code)
            .field("severity", &self.severity)
            .field("span", &self.span)
            .field("message", &self.message)
            .field("label", &self.label)
            .field("labels", &self.labels)
            .field("help", &self.help);
        if !self.fixes.is_empty() {
            s.field("fixes", &self.fixes);
        }
        s.finish()
    }
}

impl Diagnostic {
    /// A diagnostic of `code` at `span` with the code's severity, and no label, help or fix yet.
    pub fn new(code: Code, span: Span, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            span,
            message,
            label: None,
            labels: Vec::new(),
            help: None,
            fixes: Vec::new(),
        }
    }

    /// Sets the text under the primary span.
    pub fn with_label(mut self, text: Text) -> Diagnostic {
        self.label = Some(text);
        self
    }

    /// Adds another place involved, after those already added.
    pub fn with_other(mut self, span: Span, text: Text) -> Diagnostic {
        self.labels.push(Label { span, text });
        self
    }

    pub(crate) fn with_help(mut self, text: Text) -> Diagnostic {
        self.help = Some(text);
        self
    }

    /// Adds a fix: write `replacement` over `span`.
    pub(crate) fn with_fix(
        mut self,
        span: Span,
        replacement: impl Into<String>,
        title: Text,
    ) -> Diagnostic {
        self.fixes.push(Fix {
            span,
            replacement: replacement.into(),
            title,
        });
        self
    }

    /// Whether it is an error (rather than a warning).
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

/// Puts diagnostics in reading order (file, position, code), drops exact repeats, which arise when one file is
/// checked as part of several plans, and keeps at most [`MAX_DIAGNOSTICS_PER_FILE`] per file: the rest of a file's
/// are summed up in one `limit-exceeded` diagnostic, an error if any of them is, so the exit status stays the same.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    sort(diagnostics);
    diagnostics.dedup();
    // A file one over the cap keeps all: a capped file shows as many with its summary, and a list sorted again
    // (the wasm package adds the facts' diagnostics to the plan's) must not be summed up twice.
    let sizes: Vec<usize> = diagnostics
        .chunk_by(|a, b| a.span.file == b.span.file)
        .map(<[Diagnostic]>::len)
        .collect();
    let mut left_out = LeftOut::default();
    let mut kept = Vec::with_capacity(diagnostics.len().min(MAX_DIAGNOSTICS_PER_FILE * 2));
    let mut all = diagnostics.drain(..);
    for size in sizes {
        let shown = if size <= MAX_DIAGNOSTICS_PER_FILE + 1 {
            size
        } else {
            MAX_DIAGNOSTICS_PER_FILE
        };
        kept.extend(all.by_ref().take(shown));
        for d in all.by_ref().take(size - shown) {
            left_out.count(&d);
        }
    }
    drop(all);
    *diagnostics = kept;
    summarise(diagnostics, left_out);
}

fn sort(diagnostics: &mut [Diagnostic]) {
    crate::sort::sort_by(diagnostics, |a, b| {
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
}

/// The diagnostics left out of each file: where the first of them is, and how many of each severity.
/// Their order does not matter: the summaries are sorted with the rest.
#[derive(Debug, Default)]
struct LeftOut(FxHashMap<FileId, (Span, Tally)>);

impl LeftOut {
    fn count(&mut self, d: &Diagnostic) {
        self.0
            .entry(d.span.file)
            .or_insert((d.span, Tally::default()))
            .1
            .count(d);
    }
}

/// Adds the summary of each file's diagnostics left out, and puts the whole in reading order again.
fn summarise(diagnostics: &mut Vec<Diagnostic>, left_out: LeftOut) {
    if left_out.0.is_empty() {
        return;
    }
    diagnostics.extend(
        left_out
            .0
            .into_values()
            .map(|(at, left)| too_many(at, left)),
    );
    sort(diagnostics);
}

/// The summary of a file's diagnostics past the cap, at the first of them.
fn too_many(at: Span, left: Tally) -> Diagnostic {
    let Tally { errors, warnings } = left;
    let n = errors + warnings;
    let mut d = Diagnostic::new(
        Code::LimitExceeded,
        at,
        text!(
            "too many problems in this file: {n} more not shown ({errors} errors, {warnings} warnings) after the first {MAX_DIAGNOSTICS_PER_FILE}",
            "quá nhiều vấn đề trong tệp này: {n} vấn đề nữa không được hiển thị ({errors} lỗi, {warnings} cảnh báo) sau {MAX_DIAGNOSTICS_PER_FILE} vấn đề đầu"
        ),
    )
    .with_help(text!(
        "fix the problems shown and check again",
        "hãy sửa các vấn đề đã nêu rồi kiểm tra lại"
    ));
    if errors == 0 {
        d.severity = Severity::Warning;
    }
    d
}

/// Where the checker puts what it finds. It keeps each diagnostic once and at most [`MAX_DIAGNOSTICS_PER_FILE`] per
/// file, the first found, and counts the others, so that a plan with a million problems holds a thousand
/// diagnostics in memory rather than a million (a million duplicate owners took 3.9 GB).
#[derive(Debug, Default)]
pub struct Sink {
    kept: Vec<Diagnostic>,
    per_file: FxHashMap<FileId, usize>,
    left_out: LeftOut,
    /// A hash of every diagnostic pushed: a file checked as part of several plans reports the same ones again.
    seen: FxHashSet<u64>,
}

impl Sink {
    /// An empty sink.
    pub fn new() -> Sink {
        Sink::default()
    }

    /// Keeps `d` unless the same diagnostic was pushed before or its file already has [`MAX_DIAGNOSTICS_PER_FILE`]:
    /// those are only counted, for the file's summary.
    pub fn push(&mut self, d: Diagnostic) {
        if !self.seen.insert(FxBuildHasher.hash_one(&d)) {
            return;
        }
        let in_file = self.per_file.entry(d.span.file).or_insert(0);
        *in_file += 1;
        if *in_file <= MAX_DIAGNOSTICS_PER_FILE {
            self.kept.push(d);
        } else {
            self.left_out.count(&d);
        }
    }

    /// What was found, in reading order, with a summary for each file of what was left out.
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut diagnostics = self.kept;
        sort(&mut diagnostics);
        summarise(&mut diagnostics, self.left_out);
        diagnostics
    }
}

impl Extend<Diagnostic> for Sink {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, diagnostics: I) {
        for d in diagnostics {
            self.push(d);
        }
    }
}

/// Counts of errors and warnings, for summaries and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// How many errors.
    pub errors: usize,
    /// How many warnings.
    pub warnings: usize,
}

impl Tally {
    fn count(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }

    /// The counts over `diagnostics`.
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Tally {
        diagnostics.iter().fold(Tally::default(), |mut t, d| {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
            }
            t
        })
    }
}
