//! [`Rendered`]: one diagnostic in one language, as a `miette::Diagnostic` for miette's renderers.

use std::fmt;

use miette::LabeledSpan;

use super::excerpt::{Excerpt, Placed};
use super::{Diagnostic, Label, Lang, Severity, escape, thousands};
use crate::source::Sources;

/// Labels shown from the start of a diagnostic's list, and from its end, when it has more than both: a cycle of
/// 100,000 tasks shows its first and last edges and says how many are left out (`--format json` keeps them all).
pub const LABELS_FROM_START: usize = 5;
pub const LABELS_FROM_END: usize = 3;

/// Longest label and help shown, in characters (after escaping): they quote ids and text from the input.
pub(crate) const MAX_LABEL_CHARS: usize = 200;
pub(crate) const MAX_HELP_CHARS: usize = 2_000;

/// A diagnostic ready to render: its text in one language and the excerpt of the file it points into.
///
/// Labels in other files than the primary span's cannot be drawn on the same snippet; they are listed under the
/// help instead so that nothing is lost. Everything taken from the input is escaped (`escape`) and the source is
/// an `Excerpt`, so that what miette draws is bounded and holds no control character, however long the file, its
/// lines or its list of labels.
pub struct Rendered {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Option<Excerpt>,
}

impl Rendered {
    /// Adapts `d` to miette, with its texts in `lang` and its excerpts read from `sources`.
    pub fn new(d: &Diagnostic, sources: &Sources, lang: Lang) -> Rendered {
        let (head, left_out, tail) = shown_labels(&d.labels);
        let mut here = vec![(d.span.range(), d.label.as_ref().map(|l| l.get(lang)))];
        let mut elsewhere = Vec::new();
        for label in head.iter().chain(tail) {
            if label.span.file == d.span.file {
                here.push((label.span.range(), Some(label.text.get(lang))));
            } else if let Some(file) = sources.get(label.span.file) {
                let at = file.line_col(label.span.start);
                elsewhere.push(format!(
                    "{}:{}:{}: {}",
                    escape::line(&file.name),
                    at.line,
                    at.column,
                    cut(&escape::line(label.text.get(lang)), MAX_LABEL_CHARS)
                ));
            }
        }

        let (source, labels) = match sources.get(d.span.file) {
            Some(file) => {
                let spans: Vec<_> = here.iter().map(|(span, _)| span.clone()).collect();
                let (excerpt, placed) =
                    Excerpt::new(&file.name, &file.text, file.line_starts(), &spans);
                let labels = here
                    .iter()
                    .zip(placed)
                    .enumerate()
                    .map(|(i, ((_, text), placed))| label(i == 0, *text, placed, lang))
                    .collect();
                (Some(excerpt), labels)
            }
            None => (None, Vec::new()),
        };

        let mut help: Vec<String> = d
            .help
            .as_ref()
            .map(|h| escape::line(h.get(lang)).into_owned())
            .into_iter()
            .collect();
        help.extend(elsewhere);
        if left_out > 0 {
            help.push(match lang {
                Lang::En => format!(
                    "… {} more places not shown here: `--format json` lists every one",
                    thousands(left_out, lang)
                ),
                Lang::Vi => format!(
                    "… còn {} vị trí khác không hiển thị ở đây: `--format json` liệt kê đầy đủ",
                    thousands(left_out, lang)
                ),
            });
        }
        let help = (!help.is_empty()).then(|| cut(&help.join("\n"), MAX_HELP_CHARS));
        Rendered {
            code: d.code.as_str(),
            severity: d.severity,
            message: escape::line(d.message.get(lang)).into_owned(),
            help,
            labels,
            source,
        }
    }
}

/// The labels a diagnostic shows: the first [`LABELS_FROM_START`] and the last [`LABELS_FROM_END`], and how many
/// are left out between them. Taken from both ends of the list, without walking the rest, so that a diagnostic
/// renders in constant time.
pub(crate) fn shown_labels(labels: &[Label]) -> (&[Label], usize, &[Label]) {
    let left_out = labels
        .len()
        .saturating_sub(LABELS_FROM_START + LABELS_FROM_END);
    if left_out == 0 {
        return (labels, 0, &[]);
    }
    let (head, rest) = labels
        .split_at_checked(LABELS_FROM_START)
        .unwrap_or((labels, &[]));
    (head, left_out, rest.get(left_out..).unwrap_or_default())
}

/// A label for miette at its place in the excerpt; a span shown by its first line says where it ends.
fn label(primary: bool, text: Option<&str>, placed: Placed, lang: Lang) -> LabeledSpan {
    let mut text = text.map(|t| cut(&escape::line(t), MAX_LABEL_CHARS));
    if let Some(line) = placed.cut_at_line {
        let note = match lang {
            Lang::En => format!("(continues to line {line})"),
            Lang::Vi => format!("(kéo dài đến dòng {line})"),
        };
        text = Some(match text {
            Some(t) => format!("{t} {note}"),
            None => note,
        });
    }
    if primary {
        LabeledSpan::new_primary_with_span(text, placed.span)
    } else {
        LabeledSpan::new_with_span(text, placed.span)
    }
}

/// At most `max` characters, the last of them `…` when cut.
pub(crate) fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some(_) => {
            let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
            out.push('…');
            out
        }
    }
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendered")
            .field("code", &self.code)
            .field("message", &self.message)
            .finish()
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
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
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}
