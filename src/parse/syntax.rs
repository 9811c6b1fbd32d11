//! Syntax errors in words: turns what pest expected at the failing position into "expected a deadline such as
//! `2021-Q2`…, found `2021-Q`", with the offending token underlined and help that says what to write.

use pest::error::{Error, InputLocation};

use super::Rule;
use super::statements::{self, Block};
use crate::diagnostics::{Code, Diagnostic, Text, escape};
use crate::fuzzy;
use crate::source::{FileId, Span};
use crate::text;

/// What a block's statements are, in words.
fn what(block: Block) -> Text {
    match block {
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

/// The block whose statements start with these keywords: the one offering all of them with the fewest others (a
/// target offers `lead` as a task does, but not `due`).
fn offering(keywords: &[&str]) -> Option<Block> {
    Block::ALL
        .into_iter()
        .filter(|b| *b != Block::Facts && keywords.iter().all(|k| b.holds(k)))
        .min_by_key(|b| b.keywords().len())
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

/// The things that could have come next, in order and each once: how the message lists them. A sorted list (a
/// handful of items) rather than a `BTreeSet`, whose code the WebAssembly module would carry for this alone.
struct ExpectedSet(Vec<Expected>);

impl FromIterator<Expected> for ExpectedSet {
    fn from_iter<I: IntoIterator<Item = Expected>>(iter: I) -> ExpectedSet {
        let mut all: Vec<Expected> = iter.into_iter().collect();
        crate::sort::sort(&mut all);
        all.dedup();
        ExpectedSet(all)
    }
}

impl ExpectedSet {
    fn insert(&mut self, e: Expected) {
        if let Err(at) = self.0.binary_search(&e) {
            self.0.insert(at, e);
        }
    }

    fn remove(&mut self, e: &Expected) {
        self.0.retain(|x| x != e);
    }

    fn contains(&self, e: &Expected) -> bool {
        self.0.binary_search(e).is_ok()
    }

    fn retain(&mut self, keep: impl FnMut(&Expected) -> bool) {
        self.0.retain(keep);
    }

    fn iter(&self) -> std::slice::Iter<'_, Expected> {
        self.0.iter()
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

impl Expected {
    fn of_rule(rule: Rule) -> Option<Expected> {
        if let Some(word) = statements::keyword(rule) {
            return Some(Expected::Keyword(word));
        }
        Some(match rule {
            Rule::fact => Expected::Statement(Block::Facts),
            Rule::ident => Expected::Ident,
            Rule::string => Expected::String,
            Rule::number => Expected::Number,
            Rule::percent => Expected::Percent,
            Rule::integer => Expected::Integer,
            Rule::date => Expected::Date,
            Rule::year | Rule::year_span => Expected::Year,
            Rule::deadline => Expected::Deadline,
            Rule::month_day | Rule::day_of_period | Rule::year_part => Expected::MonthDay,
            Rule::goal_value | Rule::goal_number | Rule::goal_cmp | Rule::goal_approx => {
                Expected::Goal
            }
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
            // The end of the input after a whole declaration: another statement could start.
            Rule::EOI => Expected::EndOfStatement,
            Rule::close_brace => Expected::CloseBrace,
            Rule::close_paren => Expected::CloseParen,
            Rule::open_brace => Expected::OpenBrace,
            Rule::comma => Expected::Comma,
            Rule::equals => Expected::Equals,
            Rule::dot_dot => Expected::DotDot,
            _ => return None,
        })
    }

    fn words(self) -> Text {
        match self {
            Expected::Statement(block) => {
                let list = quoted_list(&block.keywords());
                let what = what(block);
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
                    "`day N`, a month and day such as `12-15`, or a part of the year such as `Q4`",
                    "`day N`, tháng-ngày như `12-15`, hoặc một phần của năm như `Q4`"
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

/// Several keywords that together start the statements of one block say "a target attribute (…)".
fn collapse_keywords(expected: &mut ExpectedSet) {
    // Each keyword once: `expected` holds each thing once.
    let words: Vec<&str> = expected
        .iter()
        .filter_map(|e| match e {
            Expected::Keyword(k) => Some(*k),
            _ => None,
        })
        .collect();
    if words.len() < 2 {
        return;
    }
    if let Some(block) = offering(&words) {
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
    // pest reports the rules that failed where parsing got furthest; the grammar names every rule an error may ask
    // for, tokens and keywords included.
    let at = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((p, _)) => p,
    };
    let positives: &[Rule] = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives,
        pest::error::ErrorVariant::CustomError { .. } => &[],
    };
    let mut expected: ExpectedSet = positives
        .iter()
        .filter_map(|&r| Expected::of_rule(r))
        .collect();
    collapse_keywords(&mut expected);
    // Where a statement may start, "the end of the statement" (an empty one) is noise. Where a block may end
    // and no statement may start, one has just ended, and a separator could follow it as well as the `}`.
    if expected.iter().any(|e| matches!(e, Expected::Statement(_))) {
        expected.remove(&Expected::EndOfStatement);
    } else if expected.contains(&Expected::CloseBrace) {
        expected.insert(Expected::EndOfStatement);
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
    // `30/6/2021`, as Vietnamese documents write dates: the whole date is the mistake.
    if let Some(date) = day_month_year(source, start) {
        let written = source.get(date.clone()).unwrap_or("");
        let (iso, shown) = (date_fix(source, &date), written.replace('`', "'"));
        let span = Span::new(file, base + date.start, base + date.end);
        return Diagnostic::new(
            Code::Syntax,
            span,
            text!(
                "`{shown}` is a date written day first: dates are written year first",
                "`{shown}` là ngày viết theo thứ tự ngày/tháng/năm: ngày phải viết năm trước"
            ),
        )
        .with_help(text!("write `{iso}`", "viết `{iso}`"))
        .with_fix(span, iso.clone(), text!("write `{iso}`", "viết `{iso}`"));
    }
    if let Some(d) = as_of_in_block(source, start, &expected, file, base) {
        return d;
    }
    let (range, found) = found_token(source, start);
    if start < at && source.get(range.clone()).is_some_and(|w| !w.is_ascii()) {
        // pest read the ASCII head of the word as an id; the word as a whole is a (non-ASCII) id.
        expected = ExpectedSet(vec![Expected::Ident]);
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

/// `as_of 2023-09-30` written as a line of a `facts` block (read as a fact about an item `as_of` that lacks its
/// value): the report's date belongs in the block's header. The whole line is the mistake.
fn as_of_in_block(
    source: &str,
    at: usize,
    expected: &ExpectedSet,
    file: FileId,
    base: usize,
) -> Option<Diagnostic> {
    if !expected.contains(&Expected::Keyword("progress")) || statement_word(source, at)? != "as_of"
    {
        return None;
    }
    let before = source.get(..at)?;
    let line_start = before.rfind(['\n', '\r', ';', '{']).map_or(0, |i| i + 1);
    let start = line_start + source.get(line_start..)?.find("as_of")?;
    let rest = source.get(start..)?;
    let end = start + rest.find(['\n', '\r', ';', '}']).unwrap_or(rest.len());
    let statement = source.get(start..end)?.trim_end();
    let date = statement
        .split_whitespace()
        .nth(1)
        .filter(|d| d.len() <= 10 && d.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .unwrap_or("2023-09-30");
    // The plan's number as the header names it, when the header is there to read.
    let plan = source
        .find("facts")
        .and_then(|i| source.get(i + "facts".len()..))
        .map(str::trim_start)
        .filter(|s| s.starts_with('"'))
        .and_then(|s| s.get(1..)?.split('"').next())
        .filter(|p| p.len() <= 60 && !p.contains(['\n', '\r', '`']))
        .unwrap_or("PLAN-NUMBER");
    let plan = escape::line(plan);
    let span = Span::new(file, base + start, base + start + statement.len());
    Some(
        Diagnostic::new(
            Code::Syntax,
            span,
            text!(
                "`as_of` is not a fact: the report's date belongs in the `facts` header",
                "`as_of` không phải là số liệu: ngày báo cáo ghi ở dòng mở đầu khối `facts`"
            ),
        )
        .with_help(text!(
            "open the block with `facts \"{plan}\" as_of {date} {{` and remove this line",
            "mở khối bằng `facts \"{plan}\" as_of {date} {{` và bỏ dòng này"
        )),
    )
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

/// A date written day, month, year (`30/6/2021`, `30-06-2021`, `30.6.2021`) starting at `at`: its bytes.
fn day_month_year(source: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let rest = source.get(at..)?.as_bytes();
    let digits = |from: usize| {
        rest.iter()
            .skip(from)
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let day = digits(0);
    let sep = *rest.get(day)?;
    if !(1..=2).contains(&day) || !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let month = digits(day + 1);
    if !(1..=2).contains(&month) || rest.get(day + 1 + month) != Some(&sep) {
        return None;
    }
    let year = digits(day + month + 2);
    let end = day + month + 2 + year;
    let follows = rest.get(end).copied();
    if year != 4 || follows.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    Some(at..at + end)
}

/// `2021-06-30` for `30/6/2021`.
fn date_fix(source: &str, date: &std::ops::Range<usize>) -> String {
    let written = source.get(date.clone()).unwrap_or("");
    let parts: Vec<&str> = written.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [day, month, year] => format!("{year}-{month:0>2}-{day:0>2}"),
        _ => written.to_string(),
    }
}

/// What to write instead, when the mistake is a familiar one.
fn help(
    source: &str,
    at: usize,
    found: std::ops::Range<usize>,
    expected: &ExpectedSet,
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
    // A Vietnamese word where an id belongs.
    if token.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) && !token.starts_with('"') {
        let ascii = fuzzy::ascii_id(token);
        return Some(Help::from(text!(
            "ids are ASCII letters, digits and `_`: write `{ascii}`, and put Vietnamese text in a string",
            "mã chỉ gồm chữ cái không dấu, chữ số và `_`: viết `{ascii}`; tiếng Việt đặt trong chuỗi \"…\""
        )));
    }
    // `every year` with no `by`: the due day is required.
    if expected.contains(&Expected::Keyword("by")) && statement_word(source, at) == Some("every") {
        return Some(Help::from(text!(
            "say when each period's report or duty is due: `every year by 11-25` (\"trước ngày 25/11 hằng năm\"), `every year by Q4` (\"Quý IV hằng năm\"), `every quarter by day 15` (day 15 of each quarter's last month)",
            "ghi hạn của mỗi kỳ: `every year by 11-25` (\"trước ngày 25/11 hằng năm\"), `every year by Q4` (\"Quý IV hằng năm\"), `every quarter by day 15` (ngày 15 tháng cuối mỗi quý)"
        )));
    }
    // `grdp_growth 2023 7.5`: a fact's value without its `=`.
    if expected.contains(&Expected::Equals)
        && token.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        && token.len() <= 40
    {
        let fixed = format!("= {token}");
        return Some(Help {
            text: text!(
                "a value follows `=`: write `{fixed}`",
                "giá trị đứng sau dấu `=`: viết `{fixed}`"
            ),
            fix: Some((found, fixed)),
        });
    }
    // `grdp_growth = 7.5`: a fact's value without its period.
    if expected.contains(&Expected::Deadline) && token == "=" {
        let id = statement_word(source, at).unwrap_or("id");
        let id = escape::line(id.get(..id.len().min(40)).unwrap_or(id));
        return Some(Help::from(text!(
            "write the value's period before `=`: `{id} 2023 = …` or `{id} 2023-Q3 = …`",
            "ghi kỳ của số liệu trước dấu `=`: `{id} 2023 = …` hoặc `{id} 2023-Q3 = …`"
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
    // Where a block could open instead (`task t1 "T" lead x`), the statement is more likely missing its braces.
    if expected.contains(&Expected::EndOfStatement)
        && !expected.contains(&Expected::OpenBrace)
        && token.chars().next().is_some_and(char::is_alphabetic)
    {
        return Some(Help::from(text!(
            "put each statement on its own line, or separate them with `;`",
            "mỗi câu lệnh viết trên một dòng, hoặc ngăn cách bằng `;`"
        )));
    }
    None
}

/// The first word of the statement that `at` stands in: the text since the last line end, `;` or `{`.
fn statement_word(source: &str, at: usize) -> Option<&str> {
    let before = source.get(..at)?;
    let start = before.rfind(['\n', '\r', ';', '{']).map_or(0, |i| i + 1);
    before.get(start..)?.split_whitespace().next()
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
        (Block::Section | Block::Target | Block::Shares | Block::Task, _)
            if Block::Top.holds(word) && !Block::Section.holds(word) =>
        {
            text!(
                "`{word}` declarations stand at the top level of a file, outside any block",
                "khai báo `{word}` phải đặt ở cấp ngoài cùng của tệp, không nằm trong khối nào"
            )
        }
        _ => return None,
    })
}
