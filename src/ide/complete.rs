//! Completion in context: the keywords a block offers where a statement starts, owners (by id, name or alias,
//! with or without diacritics) after `lead`, `support`, `monitor`, `members`, `from` and `to`, tasks after `after`,
//! documents after `implements`, targets and measures in expressions, and the forms of deadlines and recurrences.
//!
//! Where the cursor stands is read from the text, not the tree: mid-edit, the statement being written is usually
//! not one yet.

use crate::ast::{Frequency, Output, RuleSeverity};
use crate::diagnostics::{Lang, Text};
use crate::fuzzy;
use crate::parse::{Block, keywords_in};
use crate::source::{FileId, Span};
use crate::text;

use super::{Analysis, SymbolKind, keywords};

/// What a completion inserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A keyword that may start a statement or an attribute at the cursor (`lead`, `due`, `target`).
    Keyword,
    /// An id, and what it names.
    Id(SymbolKind),
    /// A deadline, a recurrence or a word of a closed list (`output report`).
    Value,
}

/// One candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    /// Beside it: a name, a title, a keyword's meaning.
    pub detail: Option<String>,
    /// Whether it is a keyword, an id or a value, which picks the editor's icon.
    pub kind: CompletionKind,
    /// What replaces `replace`.
    pub insert: String,
    /// The text typed so far that the completion replaces.
    pub replace: Span,
    /// What the editor matches the typed text against: the label, or for an owner found by its name, the typed
    /// text itself (the editor would otherwise hide an id that does not spell what was typed).
    pub filter: String,
}

/// Where the cursor is, read from the text before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Context {
    /// The block the cursor is in; `None` inside a string or a comment.
    pub block: Option<Block>,
    /// Where the statement under the cursor starts.
    pub statement: usize,
    in_text: bool,
}

impl Context {
    pub(crate) fn is_in_comment_or_string(&self) -> bool {
        self.in_text
    }
}

/// The block of the statement being written at `offset`, and where that statement starts: one pass over the text
/// before it, following braces, strings, comments and statement ends (a line break, `;`), where a line ending in a
/// comma continues a list.
pub(crate) fn context_at(text: &str, offset: usize) -> Context {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut blocks: Vec<Block> = Vec::new();
    let mut statement = 0;
    let mut in_string = false;
    let mut in_comment = false;
    let mut last_significant = b'\n';
    let mut i = 0;
    while i < end {
        let b = bytes.get(i).copied().unwrap_or(b'\n');
        if in_comment {
            if b == b'\n' || b == b'\r' {
                in_comment = false;
                if last_significant != b',' {
                    statement = i + 1;
                }
            }
            i += 1;
            continue;
        }
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'/' if bytes.get(i + 1) == Some(&b'/') => in_comment = true,
            b'{' => {
                let head = text.get(statement..i).unwrap_or("");
                blocks.push(block_of(head, blocks.last().copied()));
                statement = i + 1;
            }
            b'}' => {
                blocks.pop();
                statement = i + 1;
            }
            b';' => statement = i + 1,
            b'\n' | b'\r' if last_significant != b',' => statement = i + 1,
            _ => {}
        }
        if !b.is_ascii_whitespace() && !in_comment {
            last_significant = b;
        }
        i += 1;
    }
    let block = blocks.last().copied().or(Some(Block::Top));
    Context {
        block: if in_string || in_comment { None } else { block },
        statement: statement.min(end),
        in_text: in_string || in_comment,
    }
}

/// The block a statement's `{` opens, from its first word.
fn block_of(head: &str, outer: Option<Block>) -> Block {
    let word = head.split_whitespace().next().unwrap_or("");
    match word {
        "plan" => Block::Plan,
        "document" => Block::Document,
        "owner" => Block::Owner,
        "group" => Block::Group,
        "section" => Block::Section,
        "target" | "measure" => Block::Target,
        "shares" => Block::Shares,
        "task" => Block::Task,
        "report" => Block::Report,
        "rule" => Block::Rule,
        "facts" => Block::Facts,
        _ => outer.unwrap_or(Block::Top),
    }
}

pub(super) fn complete(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    lang: Lang,
) -> Vec<Completion> {
    let text = analysis.text(file);
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return Vec::new();
    }
    let context = context_at(text, offset);
    let Some(block) = context.block else {
        return Vec::new();
    };
    let statement = text.get(context.statement..offset).unwrap_or("");
    let lead_ws = statement.len() - statement.trim_start().len();
    let statement_start = context.statement + lead_ws;
    let statement = statement.trim_start();
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let word_len = statement.len() - statement.trim_end_matches(is_word).len();
    let word_start = offset - word_len;
    let span = |start: usize| Span::new(file, start, offset);

    // The first word is being written: a keyword of the block.
    if !statement.contains(char::is_whitespace) {
        return keywords_in(block)
            .iter()
            .map(|&k| Completion {
                label: k.to_string(),
                detail: keywords::meaning(k).map(|m| m.get(lang).to_string()),
                kind: CompletionKind::Keyword,
                insert: k.to_string(),
                replace: span(statement_start),
                filter: k.to_string(),
            })
            .collect();
    }
    let keyword = statement.split_whitespace().next().unwrap_or("");
    let ids = |kinds: &[SymbolKind], start: usize| -> Vec<Completion> {
        ids_of(analysis, file, kinds, span(start))
    };
    match (block, keyword) {
        (_, "lead" | "support" | "monitor" | "for" | "members" | "from" | "to") => {
            // What was typed since the keyword or the last comma, spaces included: "Sở KH&Đ".
            let after = statement
                .get(keyword.len()..)
                .unwrap_or("")
                .rsplit(',')
                .next()
                .unwrap_or("");
            let typed = after.trim_start();
            let start = offset - typed.len();
            owners(analysis, file, typed, span(start))
        }
        (_, "after") => ids(&[SymbolKind::Task], word_start),
        (_, "implements") => ids(&[SymbolKind::Document], word_start),
        (_, "value" | "require" | "when") => ids(
            &[SymbolKind::Target, SymbolKind::Measure, SymbolKind::Task],
            word_start,
        ),
        (Block::Task, "due") | (Block::Target, "by") => {
            deadlines(analysis, file, span(word_start), lang)
        }
        (Block::Report | Block::Task, "every") => {
            let typed = statement.get(keyword.len()..).unwrap_or("").trim_start();
            recurrences(span(offset - typed.len()), lang)
        }
        (Block::Task, "output") => words(Output::ALL.map(Output::as_str), span(word_start)),
        (Block::Rule, "severity") => words(
            RuleSeverity::ALL.map(RuleSeverity::as_str),
            span(word_start),
        ),
        _ => Vec::new(),
    }
}

fn words<const N: usize>(words: [&str; N], replace: Span) -> Vec<Completion> {
    words
        .iter()
        .map(|w| Completion {
            label: w.to_string(),
            detail: None,
            kind: CompletionKind::Value,
            insert: w.to_string(),
            replace,
            filter: w.to_string(),
        })
        .collect()
}

/// Ids of these kinds visible from `file`, with their titles.
fn ids_of(
    analysis: &Analysis,
    file: FileId,
    kinds: &[SymbolKind],
    replace: Span,
) -> Vec<Completion> {
    let index = analysis.index();
    let mut out: Vec<Completion> = index
        .visible_from(file)
        .into_iter()
        .filter_map(|ix| {
            let def = index.defs.get(ix)?;
            kinds.contains(&def.kind).then(|| Completion {
                label: def.name.clone(),
                detail: analysis.name_of(ix),
                kind: CompletionKind::Id(def.kind),
                insert: def.name.clone(),
                replace,
                filter: def.name.clone(),
            })
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| a.label.cmp(&b.label));
    out
}

/// Owners and groups whose id, name or alias matches what was typed, folded: `so ke hoach`, `Sở KH&Đ` and `khdt`
/// all find `so_khdt`.
fn owners(analysis: &Analysis, file: FileId, typed: &str, replace: Span) -> Vec<Completion> {
    let wanted = fuzzy::fold(typed);
    let wanted = wanted.trim();
    let index = analysis.index();
    let mut out = Vec::new();
    for ix in index.visible_from(file) {
        let Some(def) = index.defs.get(ix) else {
            continue;
        };
        if !matches!(def.kind, SymbolKind::Owner | SymbolKind::Group) {
            continue;
        }
        let name = analysis.name_of(ix).unwrap_or_default();
        let akas = analysis.akas_of(ix);
        let by_id = def.name.contains(wanted);
        let by_name = std::iter::once(&name)
            .chain(&akas)
            .any(|n| fuzzy::fold(n).contains(wanted));
        if !by_id && !by_name {
            continue;
        }
        let mut detail = name;
        if !akas.is_empty() {
            detail = format!("{detail} ({})", akas.join(", "));
        }
        out.push(Completion {
            label: def.name.clone(),
            detail: Some(detail),
            kind: CompletionKind::Id(def.kind),
            insert: def.name.clone(),
            replace,
            filter: if by_id {
                def.name.clone()
            } else {
                typed.to_string()
            },
        });
    }
    crate::sort::sort_by(&mut out, |a, b| a.label.cmp(&b.label));
    out
}

/// A year, a half, a quarter, a month and a day of the plan's first year, and each year of its period.
fn deadlines(analysis: &Analysis, file: FileId, replace: Span, lang: Lang) -> Vec<Completion> {
    let period = analysis.period_of(file);
    let first = period.map_or(2025, |p| p.from);
    let last = period.map_or(first, |p| p.to.min(p.from.saturating_add(10)));
    let forms: [(String, Text); 5] = [
        (format!("{first}-12-31"), text!("a day", "một ngày")),
        (format!("{first}-06"), text!("a month", "một tháng")),
        (format!("{first}-Q2"), text!("a quarter", "một quý")),
        (format!("{first}-H1"), text!("a half year", "nửa năm")),
        (
            "Q2".to_string(),
            text!(
                "a quarter of the plan's first year",
                "một quý của năm đầu kế hoạch"
            ),
        ),
    ];
    let years = (first..=last).map(|y| (y.to_string(), text!("a year", "một năm")));
    forms
        .into_iter()
        .chain(years)
        .map(|(label, what)| Completion {
            detail: Some(what.get(lang).to_string()),
            kind: CompletionKind::Value,
            insert: label.clone(),
            replace,
            filter: label.clone(),
            label,
        })
        .collect()
}

/// `every month by day 15` and its kin.
fn recurrences(replace: Span, lang: Lang) -> Vec<Completion> {
    Frequency::ALL
        .iter()
        .map(|f| {
            let (form, what) = match f {
                Frequency::Year => (
                    "year by 12-15".to_string(),
                    text!(
                        "yearly, due on a month and day",
                        "hằng năm, hạn vào một ngày tháng"
                    ),
                ),
                other => (
                    format!("{} by day 15", other.as_str()),
                    text!(
                        "due on a day of the period's last month",
                        "hạn vào một ngày của tháng cuối kỳ"
                    ),
                ),
            };
            Completion {
                label: form.clone(),
                detail: Some(what.get(lang).to_string()),
                kind: CompletionKind::Value,
                insert: form.clone(),
                replace,
                filter: form,
            }
        })
        .collect()
}
