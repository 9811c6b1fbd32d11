//! `kehoach check --format github`: one GitHub Actions workflow command per diagnostic, so that a pull request
//! shows each problem as an annotation on its line, as `ruff check --output-format github` does.
//!
//! ```text
//! ::error file=plans/a.plan,line=3,col=6,endLine=3,endColumn=8,title=duplicate-id::duplicate id `t1`%0A…
//! ```
//!
//! The runner takes a line of a step's output that starts with `::` (after blanks) for a command: the properties
//! run to the next `::`, the data to the end of the line, and it unescapes `%0D`, `%0A` and `%25` in both, and `%3A`
//! and `%2C` in properties. Everything is escaped here as `@actions/core` escapes it (`escapeData`,
//! `escapeProperty`), so a `:`, `,` or `%` in a path or a message cannot end a property early or read as an escape,
//! and no line break from the input can start a second command. Before that, every hidden character from the input
//! becomes a visible escape ([`escape::line`]): the log is read by people. Every line written is a whole command,
//! and so is never searched for the runner's older `##[command]` form, which it looks for anywhere in a line that
//! is not a command.
//!
//! Annotations do not take other places, so the data lists a diagnostic's labels as `file:line:column: text`
//! after its message, bounded as in the terminal (its first and last labels, each cut), then its help.

use std::fmt::Write as _;

use crate::diagnostics::{
    Diagnostic, Label, Lang, MAX_HELP_CHARS, MAX_LABEL_CHARS, Severity, cut, escape, shown_labels,
    thousands,
};
use crate::source::Sources;
use crate::workspace::Unreadable;

/// The workflow commands for a run: one `::error` per path that could not be read, then one `::error` or
/// `::warning` per diagnostic, each on its own line.
pub fn to_github(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    unreadable: &[Unreadable],
    lang: Lang,
) -> String {
    let mut out = String::new();
    let title = match lang {
        Lang::En => "cannot read",
        Lang::Vi => "không đọc được",
    };
    for problem in unreadable {
        let properties = [("file", problem.path.clone()), ("title", title.to_string())];
        command(
            &mut out,
            "error",
            &properties,
            &escape::line(&problem.message(lang)),
        );
    }
    for d in diagnostics {
        annotation(&mut out, d, sources, lang);
    }
    out
}

fn annotation(out: &mut String, d: &Diagnostic, sources: &Sources, lang: Lang) {
    let mut properties = Vec::with_capacity(6);
    if let Some(file) = sources.get(d.span.file) {
        let (start, end) = d.position(sources);
        properties.extend([
            ("file", file.name.clone()),
            ("line", start.line.to_string()),
            ("col", start.column.to_string()),
            ("endLine", end.line.to_string()),
            ("endColumn", end.column.to_string()),
        ]);
    }
    properties.push(("title", d.code.as_str().to_string()));

    let mut data = escape::line(d.message.get(lang)).into_owned();
    let (head, left_out, tail) = shown_labels(&d.labels);
    let place = |data: &mut String, label: &Label| {
        let text = cut(&escape::line(label.text.get(lang)), MAX_LABEL_CHARS);
        let _ = match sources.get(label.span.file) {
            Some(file) => {
                let at = file.line_col(label.span.start);
                let name = escape::line(&file.name);
                write!(data, "\n{name}:{}:{}: {text}", at.line, at.column)
            }
            None => write!(data, "\n{text}"),
        };
    };
    for label in head {
        place(&mut data, label);
    }
    if left_out > 0 {
        let _ = match lang {
            Lang::En => write!(
                data,
                "\n… {} more places not shown here: `--format json` lists every one",
                thousands(left_out, lang)
            ),
            Lang::Vi => write!(
                data,
                "\n… còn {} vị trí khác không hiển thị ở đây: `--format json` liệt kê đầy đủ",
                thousands(left_out, lang)
            ),
        };
    }
    for label in tail {
        place(&mut data, label);
    }
    if let Some(help) = &d.help {
        let prefix = match lang {
            Lang::En => "help: ",
            Lang::Vi => "gợi ý: ",
        };
        let help = cut(&escape::line(help.get(lang)), MAX_HELP_CHARS);
        let _ = write!(data, "\n{prefix}{help}");
    }
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    command(out, level, &properties, &data);
}

/// Appends `::LEVEL key=value,…::data` and a line feed. `data` is escaped for people already, so its only line
/// breaks are kehoach's own, between its lines; they become `%0A`.
fn command(out: &mut String, level: &str, properties: &[(&str, String)], data: &str) {
    out.push_str("::");
    out.push_str(level);
    for (i, (key, value)) in properties.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { ',' });
        out.push_str(key);
        out.push('=');
        out.push_str(&escape_property(&escape::line(value)));
    }
    out.push_str("::");
    out.push_str(&escape_data(data));
    out.push('\n');
}

/// `@actions/core`'s `escapeData`: `%`, carriage return and line feed as `%25`, `%0D`, `%0A`.
fn escape_data(s: &str) -> String {
    percent_escape(s, &['%', '\r', '\n'])
}

/// `@actions/core`'s `escapeProperty`: `escapeData`, and `:` and `,` as `%3A` and `%2C`.
fn escape_property(s: &str) -> String {
    percent_escape(s, &['%', '\r', '\n', ':', ','])
}

fn percent_escape(s: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if special.contains(&c) {
            let _ = write!(out, "%{:02X}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
