//! Formatting a text facts file (SPEC section 6): its one canonical layout, every comment kept.
//!
//! The layout: the header `facts "N" as_of DATE {` on one line, one fact per line indented two spaces with one
//! space between its words, `}` alone on the last line. Numbers keep their written scale (grouped by thousands when
//! written with `_`), dates and periods are written canonically (`2023-7` → `2023-07`), strings with only the
//! escapes the language has. A comment on a line of its own stays on its own line (indented like the facts inside
//! the block), a comment after a fact stays after it, two spaces apart (as in plans); blank lines between facts are kept, at most
//! one in a row, none just inside the braces. Like [`super::format`], the result is parsed again and compared with
//! the input, fact by fact and comment by comment, and refused (`format-changes-meaning`) if anything differs.

use crate::ast::{Fact, FactKind, FactsFile};
use crate::deadline::{DateLit, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::parse_facts;
use crate::source::{Span, Spanned};
use crate::text;

use super::FILE;
use super::print::{group_thousands, string};

/// The facts text in canonical layout, or why it cannot be formatted (its syntax errors, or a formatter defect).
pub fn format_facts(text: &str) -> Result<String, Vec<Diagnostic>> {
    let (ast, diagnostics) = parse_facts(text, FILE);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let Some(ast) = ast else {
        return Err(Vec::new());
    };
    let formatted = layout(text, &ast);
    verify(text, &ast, &formatted)?;
    Ok(formatted)
}

/// A comment's text, without the `\r` of a Windows line end.
fn comment(text: &str, span: Span) -> &str {
    text.get(span.range()).unwrap_or("").trim_end()
}

/// The text between two offsets.
fn between(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or("")
}

fn layout(text: &str, ast: &FactsFile) -> String {
    let mut out = String::new();
    let block_start = ast.span.start as usize;
    let block_end = ast.span.end as usize;
    // The `{` of the header: the first after the header's last part (a string or date holds no `{` of its own).
    let header_end = ast.as_of.as_ref().map_or(ast.plan.span.end, |d| d.span.end) as usize;
    let open = between(text, header_end, block_end)
        .find('{')
        .map_or(header_end, |i| header_end + i + 1);
    let (before, rest): (Vec<Span>, Vec<Span>) = ast
        .comments
        .iter()
        .partition(|c| (c.start as usize) < block_start);
    let (inside, after): (Vec<Span>, Vec<Span>) = rest
        .into_iter()
        .partition(|c| (c.end as usize) <= block_end);

    // Comments above the header, with the blank lines between them kept (at most one).
    let mut last = None;
    for c in &before {
        if let Some(end) = last {
            blank_if_apart(&mut out, text, end, c.start as usize);
        }
        out.push_str(comment(text, *c));
        out.push('\n');
        last = Some(c.end as usize);
    }
    if let Some(end) = last {
        blank_if_apart(&mut out, text, end, block_start);
    }

    out.push_str("facts ");
    out.push_str(&string(&ast.plan.value));
    if let Some(as_of) = &ast.as_of {
        out.push_str(" as_of ");
        out.push_str(&as_of.value.to_string());
    }
    out.push_str(" {");

    // Facts and comments inside the block, in the order of the text.
    enum Piece<'a> {
        Fact(&'a Fact),
        Comment(Span),
    }
    let mut pieces: Vec<(usize, usize, Piece<'_>)> = ast
        .facts
        .iter()
        .map(|f| (f.span.start as usize, f.span.end as usize, Piece::Fact(f)))
        .chain(
            inside
                .iter()
                .map(|c| (c.start as usize, c.end as usize, Piece::Comment(*c))),
        )
        .collect();
    crate::sort::sort_by_key(&mut pieces, |(start, _, _)| *start);
    let mut last_end = open;
    let mut first = true;
    for (start, end, piece) in &pieces {
        let gap = between(text, last_end, *start);
        let same_line = !gap.contains('\n');
        match piece {
            // A comment on the line of what came before (the header or a fact) stays there.
            Piece::Comment(c) if same_line => {
                out.push_str("  ");
                out.push_str(comment(text, *c));
            }
            _ => {
                if !first && gap.matches('\n').count() > 1 {
                    out.push('\n');
                }
                out.push_str("\n  ");
                match piece {
                    Piece::Fact(f) => out.push_str(&fact(text, f)),
                    Piece::Comment(c) => out.push_str(comment(text, *c)),
                }
                first = false;
            }
        }
        last_end = *end;
    }
    out.push_str("\n}\n");

    let mut last = block_end;
    for c in &after {
        let gap = between(text, last, c.start as usize);
        if gap.contains('\n') {
            if gap.matches('\n').count() > 1 {
                out.push('\n');
            }
        } else {
            // A comment after the closing brace, on its line.
            out.pop();
            out.push_str("  ");
        }
        out.push_str(comment(text, *c));
        out.push('\n');
        last = c.end as usize;
    }
    out
}

/// A blank line when the text between `from` and `to` holds one.
fn blank_if_apart(out: &mut String, text: &str, from: usize, to: usize) {
    if between(text, from, to).matches('\n').count() > 1 {
        out.push('\n');
    }
}

/// One fact in canonical form.
fn fact(text: &str, f: &Fact) -> String {
    let mut s = f.id.value.clone();
    let period = |s: &mut String, p: &Option<Spanned<crate::deadline::DeadlineLit>>| {
        if let Some(p) = p {
            s.push(' ');
            s.push_str(&p.value.to_string());
        }
    };
    match &f.kind {
        FactKind::Value { period: p, value } => {
            s.push_str(&format!(" {} = {}", p.value, number(text, value)));
        }
        FactKind::Assessed {
            period: p,
            verdict,
            note,
        } => {
            // A verdict written as a string stays a string: the checker, not the formatter, judges it.
            let written = text.get(verdict.span.range()).unwrap_or("");
            let verdict = if written.starts_with('"') {
                string(&verdict.value)
            } else {
                verdict.value.clone()
            };
            s.push_str(&format!(" {} assessed {verdict}", p.value));
            if let Some(n) = note {
                s.push(' ');
                s.push_str(&string(&n.value));
            }
        }
        FactKind::Done { period: p, date } => {
            period(&mut s, p);
            s.push_str(&format!(" done {}", date.value));
        }
        FactKind::Progress { period: p, value } => {
            period(&mut s, p);
            s.push_str(&format!(" progress {}", number(text, value)));
        }
        FactKind::Cancelled { period: p, reason } => {
            period(&mut s, p);
            s.push_str(" cancelled");
            if let Some(r) = reason {
                s.push(' ');
                s.push_str(&string(&r.value));
            }
        }
        FactKind::Submitted {
            period: p,
            from,
            date,
        } => {
            s.push_str(&format!(
                " {} from {} submitted {}",
                p.value, from.value, date.value
            ));
        }
        FactKind::Note { period: p, text: t } => {
            s.push_str(&format!(" {} note {}", p.value, string(&t.value)));
        }
    }
    s
}

/// A number with its written scale; grouped by thousands when written with `_`.
fn number(text: &str, value: &Spanned<rust_decimal::Decimal>) -> String {
    let plain = value.value.to_string();
    if text
        .get(value.span.range())
        .is_some_and(|w| w.contains('_'))
    {
        group_thousands(&plain)
    } else {
        plain
    }
}

/// What a fact means, without its places: compared before and after formatting. Written apart from [`fact`], so
/// that a printer that dropped a part would not be checked against itself. Numbers compare by value (`8.10` is
/// `8.1`). A structure rather than text, so that the WebAssembly module carries no `Debug` formatting for it.
fn meaning(f: &Fact) -> (&str, Meaning<'_>) {
    let p = |p: &Option<Spanned<DeadlineLit>>| p.as_ref().map(|p| p.value);
    let kind = match &f.kind {
        FactKind::Value { period, value } => Meaning::Value(period.value, value.value),
        FactKind::Assessed {
            period,
            verdict,
            note,
        } => Meaning::Assessed(period.value, &verdict.value, s(note)),
        FactKind::Done { period, date } => Meaning::Done(p(period), date.value),
        FactKind::Progress { period, value } => Meaning::Progress(p(period), value.value),
        FactKind::Cancelled { period, reason } => Meaning::Cancelled(p(period), s(reason)),
        FactKind::Submitted { period, from, date } => {
            Meaning::Submitted(period.value, &from.value, date.value)
        }
        FactKind::Note { period, text } => Meaning::Note(period.value, &text.value),
    };
    (&f.id.value, kind)
}

fn s(s: &Option<crate::ast::Str>) -> Option<&str> {
    s.as_ref().map(|s| s.value.as_str())
}

/// A fact's kind and parts, for [`meaning`].
#[derive(PartialEq)]
enum Meaning<'a> {
    Value(DeadlineLit, rust_decimal::Decimal),
    Assessed(DeadlineLit, &'a str, Option<&'a str>),
    Done(Option<DeadlineLit>, DateLit),
    Progress(Option<DeadlineLit>, rust_decimal::Decimal),
    Cancelled(Option<DeadlineLit>, Option<&'a str>),
    Submitted(DeadlineLit, &'a str, DateLit),
    Note(DeadlineLit, &'a str),
}

fn verify(text: &str, ast: &FactsFile, formatted: &str) -> Result<(), Vec<Diagnostic>> {
    let (again, diagnostics) = parse_facts(formatted, FILE);
    let comments = |file: &FactsFile, text: &str| -> Vec<String> {
        file.comments
            .iter()
            .map(|c| comment(text, *c).to_string())
            .collect()
    };
    let header = |f: &FactsFile| (f.plan.value.clone(), f.as_of.as_ref().map(|d| d.value));
    let first_difference = match &again {
        Some(again) if diagnostics.is_empty() => {
            let facts = ast.facts.iter().map(meaning);
            let differs = facts
                .clone()
                .zip(again.facts.iter().map(meaning))
                .position(|(a, b)| a != b);
            match differs {
                None if ast.facts.len() == again.facts.len()
                    && header(ast) == header(again)
                    && comments(ast, text) == comments(again, formatted) =>
                {
                    return Ok(());
                }
                Some(i) => ast.facts.get(i).map(|f| f.span),
                None => None,
            }
        }
        _ => None,
    };
    Err(vec![
        Diagnostic::new(
            Code::FormatChangesMeaning,
            first_difference.unwrap_or(Span::point(FILE, 0)),
            text!(
                "formatting would change what these facts say; the file is left as it is",
                "định dạng sẽ làm thay đổi nội dung dữ kiện; tệp được giữ nguyên"
            ),
        )
        .with_help(text!(
            "this is a defect of the formatter, not of the facts: please report it with the file",
            "đây là lỗi của bộ định dạng, không phải của dữ kiện: vui lòng báo lỗi kèm tệp này"
        )),
    ])
}
