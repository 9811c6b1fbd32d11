//! Diagnostics for people: miette's graphical report for each, as the terminal shows them (feature `cli`, which
//! brings miette's graphical handler).

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::{Diagnostic, Lang, Rendered};
use crate::source::Sources;

/// Renders diagnostics for a terminal (colours only when asked), one report after another.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, lang: Lang, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in diagnostics {
        let report = Rendered::new(d, sources, lang);
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&report.to_string());
        }
        out.push('\n');
    }
    out
}
