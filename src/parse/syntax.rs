//! Syntax errors in words: turns what pest expected at the failing position into "expected a deadline such as
//! `2021-Q2`…, found `2021-Q`", with the offending token underlined and help that says what to write.

use std::collections::BTreeSet;

use pest::error::{Error, InputLocation};

use super::Rule;
use crate::diagnostics::{Code, Diagnostic, Text};
use crate::fuzzy;
use crate::source::{FileId, Span};
use crate::text;

/// A block whose statements were expected: decides the attribute list and the hints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Block {
    Top,
    Plan,
    Document,
    Owner,
    Group,
    Section,
    Target,
    Shares,
    Task,
    Report,
    Rule,
    Facts,
}

impl Block {
    pub(super) fn keywords(self) -> &'static [&'static str] {
        match self {
            Block::Top => &[
                "plan", "document", "use", "owner", "group", "section", "target", "measure",
                "task", "report", "rule",
            ],
            Block::Plan => &[
                "title",
                "issuer",
                "issued",
                "signer",
                "period",
                "implements",
                "approx",
                "note",
            ],
            Block::Document => &["title", "issuer", "issued", "implements", "note"],
            Block::Owner => &["aka", "note"],
            Block::Group => &["members", "aka", "note"],
            Block::Section => &[
                "target", "measure", "task", "report", "rule", "section", "note",
            ],
            Block::Target => &[
                "unit", "goal", "aim", "by", "yearly", "average", "lead", "support", "monitor",
                "baseline", "value", "note", "shares", "target", "measure",
            ],
            Block::Shares => &["target", "measure"],
            Block::Task => &[
                "lead", "support", "monitor", "due", "output", "after", "note",
            ],
            Block::Report => &["from", "to", "every", "note"],
            Block::Rule => &["require", "when", "severity", "note"],
            Block::Facts => &[],
        }
    }

    fn what(self) -> Text {
        match self {
            Block::Top => text!("a declaration", "một khai báo"),
            Block::Plan => text!("a plan attribute", "một thuộc tính của kế hoạch"),
            Block::Document => text!("a document attribute", "một thuộc tính của văn bản"),
            Block::Owner => text!("an owner attribute", "một thuộc tính của cơ quan"),
            Block::Group => text!("a group attribute", "một thuộc tính của nhóm cơ quan"),
            Block::Section => text!("a declaration inside a section", "một khai báo trong mục"),
            Block::Target => text!("a target attribute", "một thuộc tính của chỉ tiêu"),
            Block::Shares => text!("a part of the shares", "một thành phần của cơ cấu"),
            Block::Task => text!("a task attribute", "một thuộc tính của nhiệm vụ"),
            Block::Report => text!("a report attribute", "một thuộc tính của báo cáo"),
            Block::Rule => text!("a rule attribute", "một thuộc tính của quy tắc"),
            Block::Facts => text!(
                "a fact such as `grdp 2023 = 7.9` or `t01 done 2023-01-25`",
                "một dữ kiện như `grdp 2023 = 7.9` hoặc `t01 done 2023-01-25`"
            ),
        }
    }

    /// The block whose statements start with these keywords: the one offering all of them with the fewest
    /// others (a target offers `lead` as a task does, but not `due`).
    fn offering(keywords: &BTreeSet<&str>) -> Option<Block> {
        const BLOCKS: [Block; 11] = [
            Block::Top,
            Block::Plan,
            Block::Document,
            Block::Owner,
            Block::Group,
            Block::Section,
            Block::Target,
            Block::Shares,
            Block::Task,
            Block::Report,
            Block::Rule,
        ];
        BLOCKS
            .into_iter()
            .filter(|b| keywords.iter().all(|k| b.keywords().contains(k)))
            .min_by_key(|b| b.keywords().len())
    }
}

/// One thing that could have come next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Expected {
    Statement(Block),
    Ident,
    String,
    Number,
    Percent,
    Integer,
    Date,
    Year,
    Deadline,
    MonthDay,
    Goal,
    Expression,
    Operator,
    Keyword(&'static str),
    EndOfStatement,
    CloseBrace,
    CloseParen,
    OpenBrace,
    Comma,
    Equals,
    DotDot,
    Verdict,
}

impl Expected {
    fn of_rule(rule: Rule) -> Option<Expected> {
        if let Some(word) = keyword(rule) {
            return Some(Expected::Keyword(word));
        }
        if rule == Rule::fact_value {
            return Some(Expected::Statement(Block::Facts));
        }
        Some(match rule {
            Rule::ident | Rule::ident_list => Expected::Ident,
            Rule::string | Rule::string_list | Rule::goal_text => Expected::String,
            Rule::number | Rule::goal_exact => Expected::Number,
            Rule::percent => Expected::Percent,
            Rule::integer => Expected::Integer,
            Rule::date => Expected::Date,
            Rule::year | Rule::year_span => Expected::Year,
            Rule::deadline => Expected::Deadline,
            Rule::month_day | Rule::day_of_period => Expected::MonthDay,
            Rule::goal_value
            | Rule::goal_range
            | Rule::goal_cmp
            | Rule::cmp_goal_op
            | Rule::goal_approx => Expected::Goal,
            Rule::expr
            | Rule::expr_ident
            | Rule::period_lit
            | Rule::boolean
            | Rule::as_of
            | Rule::call
            | Rule::paren
            | Rule::op_not
            | Rule::op_neg => Expected::Expression,
            Rule::op_or
            | Rule::op_and
            | Rule::op_eq
            | Rule::op_ne
            | Rule::op_le
            | Rule::op_ge
            | Rule::op_lt
            | Rule::op_gt
            | Rule::op_add
            | Rule::op_sub
            | Rule::op_mul
            | Rule::op_div => Expected::Operator,
            _ => return None,
        })
    }

    fn of_token(token: &str) -> Option<Expected> {
        Some(match token {
            "\n" | "\r\n" | "\r" | ";" => Expected::EndOfStatement,
            "}" => Expected::CloseBrace,
            ")" => Expected::CloseParen,
            "{" => Expected::OpenBrace,
            "," => Expected::Comma,
            "=" => Expected::Equals,
            ".." => Expected::DotDot,
            _ => return None,
        })
    }

    fn words(self) -> Text {
        match self {
            Expected::Statement(block) => {
                let list = quoted_list(block.keywords());
                let what = block.what();
                if list.is_empty() {
                    what
                } else {
                    Text::new(
                        format!("{} ({list})", what.en),
                        format!("{} ({list})", what.vi),
                    )
                }
            }
            Expected::Ident => text!("an id such as `so_khdt`", "một mã như `so_khdt`"),
            Expected::String => text!("a string in double quotes", "một chuỗi trong dấu ngoặc kép"),
            Expected::Number => text!("a number such as `8.6`", "một số như `8.6`"),
            Expected::Percent => text!("a percentage such as `5%`", "một tỷ lệ phần trăm như `5%`"),
            Expected::Integer => text!("a whole number", "một số nguyên"),
            Expected::Date => text!("a date such as `2023-01-19`", "một ngày như `2023-01-19`"),
            Expected::Year => text!("a year such as `2025`", "một năm như `2025`"),
            Expected::Deadline => text!(
                "a deadline such as `2021-Q2`, `2021-07` or `2021-02-01`",
                "một thời hạn như `2021-Q2`, `2021-07` hoặc `2021-02-01`"
            ),
            Expected::MonthDay => {
                text!(
                    "`day N` or a month and day such as `12-15`",
                    "`day N` hoặc tháng-ngày như `12-15`"
                )
            }
            Expected::Goal => text!(
                "a goal such as `>= 9.3`, `8.1..8.6`, `~497`, `100` or `\"text\"`",
                "một mục tiêu như `>= 9.3`, `8.1..8.6`, `~497`, `100` hoặc `\"văn bản\"`"
            ),
            Expected::Expression => text!(
                "an expression (a number, an id, a date or `(`)",
                "một biểu thức (số, mã, ngày hoặc `(`)"
            ),
            Expected::Operator => text!(
                "an operator such as `+` or `<=`",
                "một phép toán như `+` hoặc `<=`"
            ),
            Expected::Keyword(k) => text!("`{k}`", "`{k}`"),
            Expected::EndOfStatement => text!("the end of the statement", "hết câu lệnh"),
            Expected::CloseBrace => text!("`}}`", "`}}`"),
            Expected::CloseParen => text!("`)`", "`)`"),
            Expected::OpenBrace => text!("`{{`", "`{{`"),
            Expected::Comma => text!("`,`", "`,`"),
            Expected::Equals => text!("`=`", "`=`"),
            Expected::DotDot => text!("`..`", "`..`"),
            Expected::Verdict => text!(
                "an assessment (`met` or `missed`)",
                "một đánh giá (`met` hoặc `missed`)"
            ),
        }
    }
}

/// The word a keyword rule matches: `kw_goal` → `goal`.
fn keyword(rule: Rule) -> Option<&'static str> {
    const KEYWORDS: &[&str] = &[
        "plan",
        "document",
        "use",
        "owner",
        "group",
        "section",
        "measure",
        "target",
        "task",
        "report",
        "rule",
        "facts",
        "title",
        "issuer",
        "issued",
        "signer",
        "period",
        "implements",
        "approx",
        "note",
        "aka",
        "members",
        "unit",
        "goal",
        "aim",
        "by",
        "yearly",
        "average",
        "lead",
        "support",
        "monitor",
        "baseline",
        "in",
        "value",
        "due",
        "output",
        "after",
        "from",
        "to",
        "every",
        "day",
        "require",
        "when",
        "severity",
        "shares",
        "as_of",
        "assessed",
        "done",
        "progress",
        "cancelled",
    ];
    let name = format!("{rule:?}");
    let word = name.strip_prefix("kw_")?;
    KEYWORDS.iter().copied().find(|k| *k == word)
}

/// Several keywords that together start the statements of one block say "a target attribute (…)".
fn collapse_keywords(expected: &mut BTreeSet<Expected>) {
    let words: BTreeSet<&str> = expected
        .iter()
        .filter_map(|e| match e {
            Expected::Keyword(k) => Some(*k),
            _ => None,
        })
        .collect();
    if words.len() < 2 {
        return;
    }
    if let Some(block) = Block::offering(&words) {
        expected.retain(|e| !matches!(e, Expected::Keyword(_)));
        expected.insert(Expected::Statement(block));
    }
}

fn quoted_list(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_list(items: &[Text]) -> Text {
    let join = |f: fn(&Text) -> &str, or: &str| -> String {
        let words: Vec<&str> = items.iter().map(f).collect();
        match words.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
        }
    };
    Text::new(join(|t| &t.en, "or"), join(|t| &t.vi, "hoặc"))
}

fn word_start(source: &str, at: usize) -> usize {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    if !source
        .get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(is_word)
    {
        return at;
    }
    let before = source.get(..at).unwrap_or("");
    before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i)
}

/// The token found at `at`: what the message quotes and what gets underlined.
fn found_token(text: &str, at: usize) -> (std::ops::Range<usize>, Text) {
    let rest = text.get(at..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return (at..at, text!("the end of the file", "cuối tệp"));
    };
    if first == '\n' || first == '\r' {
        return (at..at, text!("the end of the line", "cuối dòng"));
    }
    let len = if first == '"' {
        rest.char_indices()
            .skip(1)
            .find(|&(_, c)| c == '"' || c == '\n')
            .map_or(rest.len(), |(i, c)| i + usize::from(c == '"'))
    } else if first.is_alphanumeric() || first == '_' {
        let numeric = first.is_ascii_digit();
        rest.char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || numeric && (c == '-' || c == '.')))
            .map_or(rest.len(), |(i, _)| i)
    } else {
        first.len_utf8()
    };
    let token = rest.get(..len).unwrap_or("");
    // Long tokens are cut for the message; the underline still covers all of it.
    let shown: String = if token.chars().count() > 40 {
        token.chars().take(40).chain("…".chars()).collect()
    } else {
        token.to_string()
    };
    let shown = shown.replace('`', "'");
    (at..at + len, text!("`{shown}`", "`{shown}`"))
}

/// Describes a pest failure on `source` (one item's text, which starts at `base` in file `file`).
pub(super) fn describe(error: &Error<Rule>, source: &str, base: usize, file: FileId) -> Diagnostic {
    let rule_pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((p, _)) => p,
    };
    let positives: Vec<Rule> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let attempts = error.parse_attempts();

    // What came next, and where. Tokens expected further on (e.g. `}` after a complete `goal 95`) beat rules that
    // failed earlier, unless the further tokens only continue a word that is itself the mistake (`2021-Q`).
    let mut expected = BTreeSet::new();
    let mut at = rule_pos;
    if let Some(attempts) = &attempts {
        // pest's tokens are not nameable types; their `Display` is the literal text (or `a..z` for ranges).
        let structural: BTreeSet<Expected> = attempts
            .expected_tokens()
            .iter()
            .filter_map(|t| Expected::of_token(&t.to_string()))
            .collect();
        if attempts.max_position > rule_pos && !structural.is_empty() {
            at = attempts.max_position;
            expected.extend(structural);
            for stack in attempts.call_stacks() {
                if let Some(&rule) = stack.deepest.get_rule() {
                    if let Some(
                        e @ (Expected::Operator | Expected::Statement(_) | Expected::Keyword(_)),
                    ) = Expected::of_rule(rule)
                    {
                        expected.insert(e);
                    }
                }
            }
        } else if attempts.max_position == rule_pos {
            expected.extend(structural.into_iter().filter(|e| *e != Expected::DotDot));
        }
    }
    if at == rule_pos {
        expected.extend(positives.iter().filter_map(|&r| Expected::of_rule(r)));
    }
    collapse_keywords(&mut expected);
    // Where a statement may start, "the end of the statement" (an empty one) is noise.
    if expected.iter().any(|e| matches!(e, Expected::Statement(_))) {
        expected.remove(&Expected::EndOfStatement);
    }
    // `..` only continues a range; mention it only when nothing else fits.
    if expected.len() > 1 {
        expected.remove(&Expected::DotDot);
    }
    if expected.contains(&Expected::Expression) {
        // Numbers, ids and dates are kinds of expression; `)` and `-` are how one continues.
        for part in [
            Expected::CloseParen,
            Expected::Number,
            Expected::Ident,
            Expected::Date,
        ] {
            expected.remove(&part);
        }
    }
    // The assessment verdict is an id or a string; say so in one word.
    if positives.contains(&Rule::kw_assessed) && expected.contains(&Expected::Ident) {
        expected.remove(&Expected::Ident);
        expected.insert(Expected::Verdict);
    }

    // An error inside a word (`sở_khđt` stops pest at `ở`) is about the whole word.
    let start = word_start(source, at);
    let (range, found) = found_token(source, start);
    if start < at && source.get(range.clone()).is_some_and(|w| !w.is_ascii()) {
        // pest read the ASCII head of the word as an id; the word as a whole is a (non-ASCII) id.
        expected = BTreeSet::from([Expected::Ident]);
    }
    let at = start;
    let list: Vec<Text> = expected.iter().map(|e| e.words()).collect();
    let message = if list.is_empty() {
        text!(
            "unexpected {found}",
            "không mong đợi {found}",
            found = found.en
        )
    } else {
        let wanted = or_list(&list);
        Text::new(
            format!("expected {}, found {}", wanted.en, found.en),
            format!("cần {}, nhưng gặp {}", wanted.vi, found.vi),
        )
    };
    let span = Span::new(file, base + range.start, base + range.end);
    let mut diagnostic = Diagnostic::new(Code::Syntax, span, message);
    if let Some(help) = help(source, at, range.clone(), &expected) {
        diagnostic = diagnostic.with_help(help.text);
        if let Some((range, replacement)) = help.fix {
            let title = text!("write `{replacement}`", "viết `{replacement}`");
            let span = Span::new(file, base + range.start, base + range.end);
            diagnostic = diagnostic.with_fix(span, replacement, title);
        }
    }
    diagnostic
}

/// What to write instead, and when it is one certain text, that text and what it replaces (in `source`).
struct Help {
    text: Text,
    fix: Option<(std::ops::Range<usize>, String)>,
}

impl From<Text> for Help {
    fn from(text: Text) -> Help {
        Help { text, fix: None }
    }
}

/// `30/6/2021`, the source documents' day/month/year, around `at`: its range and the date as a plan writes it.
fn slashed_date(source: &str, at: usize) -> Option<(std::ops::Range<usize>, String)> {
    let part = |c: char| c.is_ascii_digit() || c == '/';
    let start = source.get(..at)?.trim_end_matches(part).len();
    let end = at
        + source
            .get(at..)?
            .find(|c: char| !part(c))
            .unwrap_or(source.len() - at);
    let written = source.get(start..end)?;
    let mut fields = written.split('/');
    let (day, month, year) = (fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() || day.len() > 2 || month.len() > 2 || year.len() != 4 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        month.parse().ok()?,
        day.parse().ok()?,
    )?;
    Some((start..end, date.format("%Y-%m-%d").to_string()))
}

/// What to write instead, when the mistake is a familiar one.
fn help(
    source: &str,
    at: usize,
    found: std::ops::Range<usize>,
    expected: &BTreeSet<Expected>,
) -> Option<Help> {
    let token = source.get(found.clone()).unwrap_or("");
    let before = source.get(..at).and_then(|s| s.chars().next_back());
    let after = source.get(at + 1..).and_then(|s| s.chars().next());

    // `95,01`: the source documents' decimal comma.
    if token == ","
        && before.is_some_and(|c| c.is_ascii_digit())
        && after.is_some_and(|c| c.is_ascii_digit())
    {
        let start = source.get(..at).map_or(0, |s| {
            s.trim_end_matches(|c: char| c.is_ascii_digit()).len()
        });
        let end = source.get(at + 1..).map_or(at + 1, |s| {
            at + 1 + s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len())
        });
        let written = source.get(start..end).unwrap_or("");
        let fixed = written.replace(',', ".");
        return Some(Help {
            text: text!(
                "numbers use `.` as the decimal point: write `{fixed}` for `{written}`",
                "số thập phân dùng dấu `.`: viết `{fixed}` thay cho `{written}`"
            ),
            fix: Some((start..end, fixed)),
        });
    }
    // `30/6/2021`: a date as the source documents write it.
    if [Expected::Deadline, Expected::Date, Expected::EndOfStatement]
        .iter()
        .any(|e| expected.contains(e))
    {
        if let Some((range, fixed)) = slashed_date(source, at) {
            let written = source.get(range.clone()).unwrap_or("");
            return Some(Help {
                text: text!(
                    "dates are written year-month-day: write `{fixed}` for `{written}`",
                    "ngày viết theo năm-tháng-ngày: viết `{fixed}` thay cho `{written}`"
                ),
                fix: Some((range, fixed)),
            });
        }
    }
    // A Vietnamese word where an id belongs.
    if token.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) && !token.starts_with('"') {
        let ascii = fuzzy::ascii_id(token);
        return Some(Help::from(text!(
            "ids are ASCII letters, digits and `_`: write `{ascii}`, and put Vietnamese text in a string",
            "mã chỉ gồm chữ cái không dấu, chữ số và `_`: viết `{ascii}`; tiếng Việt đặt trong chuỗi \"…\""
        )));
    }
    if expected.contains(&Expected::Deadline) {
        return Some(Help::from(text!(
            "write a day `2021-02-01`, a month `2021-07`, a quarter `2021-Q2`, a half `2021-H1` or a year `2021`",
            "viết ngày `2021-02-01`, tháng `2021-07`, quý `2021-Q2`, nửa năm `2021-H1` hoặc năm `2021`"
        )));
    }
    if expected.contains(&Expected::String) && !token.is_empty() && !token.starts_with('"') {
        return Some(Help::from(text!(
            "put the text in double quotes: `\"…\"`",
            "đặt văn bản trong dấu ngoặc kép: `\"…\"`"
        )));
    }
    let blocks: Vec<Block> = expected
        .iter()
        .filter_map(|e| match e {
            Expected::Statement(b) => Some(*b),
            _ => None,
        })
        .collect();
    if let [block] = blocks.as_slice() {
        if let Some(hint) = misplaced_keyword(token, *block) {
            return Some(Help::from(hint));
        }
        if let Some(best) = fuzzy::best_match(token, block.keywords().iter().copied()) {
            return Some(Help {
                text: text!("did you mean `{best}`?", "có phải ý bạn là `{best}`?"),
                fix: Some((found, best.to_string())),
            });
        }
    }
    if expected.contains(&Expected::EndOfStatement)
        && token.chars().next().is_some_and(char::is_alphabetic)
    {
        return Some(Help::from(text!(
            "put each statement on its own line, or separate them with `;`",
            "mỗi câu lệnh viết trên một dòng, hoặc ngăn cách bằng `;`"
        )));
    }
    None
}

/// A keyword that belongs to another kind of block.
fn misplaced_keyword(word: &str, block: Block) -> Option<Text> {
    Some(match (block, word) {
        (Block::Target, "due") => text!(
            "targets are judged `by` a deadline: write `by 2025`",
            "chỉ tiêu dùng `by` cho thời hạn: viết `by 2025`"
        ),
        (Block::Task, "by") => text!(
            "tasks are `due` by a deadline: write `due 2021-Q2`",
            "nhiệm vụ dùng `due` cho thời hạn: viết `due 2021-Q2`"
        ),
        (Block::Task, "goal" | "unit") => text!(
            "tasks have no `{word}`; a figure to reach is a `target`",
            "nhiệm vụ không có `{word}`; con số cần đạt là một `target` (chỉ tiêu)"
        ),
        (
            Block::Section | Block::Target | Block::Shares | Block::Task,
            "owner" | "group" | "document" | "use" | "plan",
        ) => {
            text!(
                "`{word}` declarations stand at the top level of a file, outside any block",
                "khai báo `{word}` phải đặt ở cấp ngoài cùng của tệp, không nằm trong khối nào"
            )
        }
        _ => return None,
    })
}
