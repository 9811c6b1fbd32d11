//! The lexical pre-pass: finds statements, blocks, strings and comments in one linear sweep, before pest runs.
//!
//! It exists for three reasons. It bounds nesting, so that pest (a recursive-descent parser) never recurses
//! deeper than [`MAX_NESTING`] whatever the input. It reports the lexical mistakes that a grammar reports badly —
//! an unclosed `{` (found by indentation, pointing where the `}` belongs), a stray `}`, a string left open at the
//! end of its line — and marks what must be blanked out so that the rest of the file still parses. And it splits
//! the file into statements, so that the parser can take one top-level declaration at a time and skip just the
//! statement that holds a syntax error.

use std::ops::Range;

use super::statements;
use crate::diagnostics::{Code, Diagnostic};
use crate::limits::MAX_NESTING;
use crate::source::{FileId, Span};
use crate::text;

/// A statement: from its first token to the end of its last (its block included), at a nesting depth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stmt {
    pub start: usize,
    pub end: usize,
    /// Number of enclosing `{`: 0 for top-level declarations.
    pub depth: u32,
}

/// What one sweep found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Every statement at every depth, ordered by where it ends.
    pub statements: Vec<Stmt>,
    pub comments: Vec<Range<usize>>,
    pub errors: Vec<Diagnostic>,
    /// Ranges to blank out (replace by spaces) before parsing, because they hold a lexical error.
    pub blank: Vec<Range<usize>>,
    /// Comments, non-breaking spaces and byte-order marks outside strings: blanked before pest runs, so the
    /// grammar's implicit whitespace is just spaces and tabs (pest tries it between every two tokens).
    pub spaces: Vec<Range<usize>>,
}

impl Scan {
    /// The top-level statements.
    pub fn items(&self) -> impl Iterator<Item = &Stmt> {
        self.statements.iter().filter(|s| s.depth == 0)
    }
}

#[derive(Clone, Copy, Debug)]
struct Open {
    delim: u8,
    at: usize,
    /// Indentation of the line the delimiter is on.
    indent: usize,
    line_start: usize,
    /// The first later line, less or as indented as `indent`, that does not start with `}`: where the block most
    /// likely should have been closed.
    dedent: Option<usize>,
}

/// Statement being read at one block depth.
#[derive(Clone, Copy, Debug, Default)]
struct Current {
    start: Option<usize>,
    /// End of its last significant token.
    end: usize,
    /// The last token asks for more on the next line (`,`, an operator, `(`).
    continues: bool,
}

struct Scanner<'a> {
    text: &'a [u8],
    file: FileId,
    out: Scan,
    stack: Vec<Open>,
    /// The statement being read at the current depth, and those of the enclosing blocks.
    top: Current,
    outer: Vec<Current>,
    line_start: usize,
    /// Indentation of the current line, once its first significant character is seen.
    line_indent: Option<usize>,
    /// Closed blocks whose `}` sits less indented than the line of their `{`: evidence of a missing `}`.
    suspicious: Vec<Open>,
    /// Start of the top-level statement that went too deep, so that it is blanked as a whole.
    too_deep: Option<usize>,
}

/// Sweeps `text` once.
pub fn scan(text: &str, file: FileId) -> Scan {
    let mut s = Scanner {
        text: text.as_bytes(),
        file,
        out: Scan::default(),
        stack: Vec::new(),
        top: Current::default(),
        outer: Vec::new(),
        line_start: 0,
        line_indent: None,
        suspicious: Vec::new(),
        too_deep: None,
    };
    s.run();
    s.out
}

impl Scanner<'_> {
    fn byte(&self, i: usize) -> u8 {
        self.text.get(i).copied().unwrap_or(0)
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    fn level(&mut self) -> &mut Current {
        &mut self.top
    }

    fn depth(&self) -> u32 {
        u32::try_from(self.outer.len()).unwrap_or(u32::MAX)
    }

    fn enter_block(&mut self) {
        self.outer.push(std::mem::take(&mut self.top));
    }

    fn leave_block(&mut self) {
        self.top = self.outer.pop().unwrap_or_default();
    }

    fn paren_open(&self) -> bool {
        self.stack.last().is_some_and(|o| o.delim == b'(')
    }

    /// A significant token spans `start..end`.
    fn token(&mut self, start: usize, end: usize, continues: bool) {
        if self.line_indent.is_none() {
            self.start_line_at(start);
        }
        let level = self.level();
        level.start.get_or_insert(start);
        level.end = end;
        level.continues = continues;
    }

    /// The first significant character of a line sits at `at`.
    fn start_line_at(&mut self, at: usize) {
        let indent = at - self.line_start;
        self.line_indent = Some(indent);
        if self.byte(at) == b'}' {
            return;
        }
        // Innermost first; stop at the first block that is less indented (its enclosing blocks are too) or that
        // already has its dedent (so do the blocks around it), which keeps this O(1) amortised per line.
        for open in self.stack.iter_mut().rev() {
            if open.delim != b'{' || open.line_start == self.line_start {
                continue;
            }
            if open.dedent.is_some() || indent > open.indent {
                break;
            }
            open.dedent = Some(self.line_start);
        }
    }

    /// Ends the statement being read at the current depth.
    fn end_statement(&mut self) {
        let depth = self.depth();
        let level = self.level();
        if let Some(start) = level.start.take() {
            let end = level.end;
            level.continues = false;
            self.out.statements.push(Stmt { start, end, depth });
            if depth == 0 {
                if let Some(deep_start) = self.too_deep.take() {
                    self.out.blank.push(deep_start..end);
                }
            }
        }
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.text.len() {
            let b = self.byte(i);
            match b {
                // A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files), as for the line table of diagnostics
                // (`source::SourceFile`): the `\r` of a `\r\n` is a blank before the `\n`.
                b'\n' => i = self.line_break(i),
                b'\r' if self.byte(i + 1) != b'\n' => i = self.line_break(i),
                b'\r' => i += 1,
                // A run of blanks (an indentation) in one step.
                b' ' | b'\t' => {
                    let rest = self.text.get(i..).unwrap_or_default();
                    i += rest
                        .iter()
                        .position(|&c| !matches!(c, b' ' | b'\t'))
                        .unwrap_or(rest.len());
                }
                // U+00A0 (no-break space, common in text pasted from word processors) and U+FEFF (byte-order
                // mark): blanks, like a space.
                0xC2 if self.byte(i + 1) == 0xA0 => {
                    self.out.spaces.push(i..i + 2);
                    i += 2;
                }
                0xEF if self.byte(i + 1) == 0xBB && self.byte(i + 2) == 0xBF => {
                    self.out.spaces.push(i..i + 3);
                    i += 3;
                }
                b'/' if self.byte(i + 1) == b'/' => {
                    let end = self.line_end(i);
                    self.out.comments.push(i..end);
                    self.out.spaces.push(i..end);
                    i = end;
                }
                b'"' => i = self.string(i),
                b';' => {
                    if !self.paren_open() {
                        if self.line_indent.is_none() {
                            self.start_line_at(i);
                        }
                        self.end_statement();
                    }
                    i += 1;
                }
                b'{' | b'(' => {
                    self.token(i, i + 1, b == b'(');
                    self.open(b, i);
                    i += 1;
                }
                b'}' | b')' => {
                    if self.line_indent.is_none() {
                        self.start_line_at(i);
                    }
                    self.close(b, i);
                    i += 1;
                }
                _ => i = self.word(i),
            }
        }
        self.finish();
    }

    /// The line break at `at` (`\n`, or a lone `\r`) ends the statement being read, unless it goes on; returns
    /// where the next line starts.
    fn line_break(&mut self, at: usize) -> usize {
        if !self.paren_open() && !self.top.continues {
            self.end_statement();
        }
        self.line_start = at + 1;
        self.line_indent = None;
        self.line_start
    }

    /// Where the line holding `from` ends: at its `\n` (after the `\r` of a `\r\n`), at a lone `\r`, or at the end
    /// of the text.
    fn line_end(&self, from: usize) -> usize {
        let rest = self.text.get(from..).unwrap_or_default();
        memchr::memchr2_iter(b'\n', b'\r', rest)
            .map(|p| from + p)
            .find(|&p| self.byte(p) == b'\n' || self.byte(p + 1) != b'\n')
            .unwrap_or(self.text.len())
    }

    fn open(&mut self, delim: u8, at: usize) {
        let depth = self.stack.len() + 1;
        if depth == MAX_NESTING + 1 && self.too_deep.is_none() {
            self.out.errors.push(
                Diagnostic::new(
                    Code::LimitExceeded,
                    self.span(at..at + 1),
                    text!(
                        "nesting too deep: more than {MAX_NESTING} levels of `{{ }}` and `( )`",
                        "lồng nhau quá sâu: quá {MAX_NESTING} cấp `{{ }}` và `( )`"
                    ),
                )
                .with_label(text!("this is level {depth}", "đây là cấp thứ {depth}"))
                .with_help(text!(
                    "flatten the plan: sections rarely need more than a few levels",
                    "hãy giảm số cấp lồng nhau: các mục hiếm khi cần quá vài cấp"
                )),
            );
            let item_start = self.outer.first().unwrap_or(&self.top).start.unwrap_or(at);
            self.too_deep = Some(item_start);
        }
        let indent = self.line_indent.unwrap_or(0);
        self.stack.push(Open {
            delim,
            at,
            indent,
            line_start: self.line_start,
            dedent: None,
        });
        if delim == b'{' {
            self.enter_block();
        }
    }

    fn close(&mut self, delim: u8, at: usize) {
        let want = if delim == b'}' { b'{' } else { b'(' };
        // A `}` closes any `(` left open inside its block: report those and blank their statements.
        if delim == b'}' {
            while let Some(open) = self.stack.last().copied().filter(|o| o.delim == b'(') {
                self.stack.pop();
                self.unclosed_paren(open);
            }
        }
        match self.stack.last().copied() {
            Some(open) if open.delim == want => {
                self.stack.pop();
                if delim == b'}' {
                    self.end_statement();
                    self.leave_block();
                    if self.line_indent.is_some_and(|i| i < open.indent)
                        && self.line_start != open.line_start
                    {
                        self.suspicious.push(open);
                    }
                    self.token(at, at + 1, false);
                } else {
                    self.token(at, at + 1, false);
                }
            }
            _ => {
                let what = delim as char;
                self.out.errors.push(
                    Diagnostic::new(
                        Code::Syntax,
                        self.span(at..at + 1),
                        text!(
                            "unexpected `{what}`: nothing is open here",
                            "thừa dấu `{what}`: không có gì để đóng"
                        ),
                    )
                    .with_label(text!(
                        "no matching opening bracket",
                        "không có dấu mở tương ứng"
                    ))
                    .with_help(text!(
                        "remove it, or add the missing opening bracket before it",
                        "xóa dấu này, hoặc thêm dấu mở còn thiếu ở phía trước"
                    )),
                );
                self.out.blank.push(at..at + 1);
            }
        }
    }

    fn unclosed_paren(&mut self, open: Open) {
        let start = self.top.start.unwrap_or(open.at);
        let end = self.top.end.max(open.at + 1);
        // Every `(` left open in a statement blanks that same statement: once is enough, else a line of 100 000
        // `(` costs 100 000 blankings of 100 000 bytes.
        if self.out.blank.last() != Some(&(start..end)) {
            self.out.blank.push(start..end);
        }
        // An item that went too deep is blanked whole and already reported; its open `(` say nothing more.
        if self.too_deep.is_some() {
            return;
        }
        self.out.errors.push(
            Diagnostic::new(
                Code::Syntax,
                self.span(open.at..open.at + 1),
                text!("unclosed `(`", "thiếu dấu `)`"),
            )
            .with_label(text!(
                "this `(` is never closed",
                "dấu `(` này chưa được đóng"
            ))
            .with_help(text!(
                "add `)` where the expression ends",
                "thêm `)` ở cuối biểu thức"
            )),
        );
    }

    /// A string starting at `start`; returns where scanning continues. A string with a bad escape is read to
    /// its end, then its statement is blanked.
    fn string(&mut self, start: usize) -> usize {
        let mut i = start + 1;
        let mut bad_escape = false;
        loop {
            match self.byte(i) {
                b'"' => {
                    if bad_escape {
                        self.blank_current_statement(start, i + 1);
                    } else {
                        self.token(start, i + 1, false);
                    }
                    return i + 1;
                }
                b'\\' if matches!(self.byte(i + 1), b'"' | b'\\') => i += 2,
                b'\\' if !matches!(self.byte(i + 1), b'\n' | b'\r') && i + 1 < self.text.len() => {
                    let escape = self
                        .char_at(i + 1)
                        .map_or(String::from("\\"), |c| format!("\\{c}"));
                    let len = escape.len();
                    self.out.errors.push(
                        Diagnostic::new(
                            Code::Syntax,
                            self.span(i..i + len),
                            text!(
                                "unknown escape `{escape}` in a string",
                                "chuỗi chứa ký tự thoát không hợp lệ `{escape}`"
                            ),
                        )
                        .with_help(text!(
                            "only `\\\"` (a quote) and `\\\\` (a backslash) are escapes; write other characters as they are",
                            "chỉ dùng `\\\"` (dấu ngoặc kép) và `\\\\` (dấu gạch chéo ngược); các ký tự khác viết trực tiếp"
                        )),
                    );
                    bad_escape = true;
                    i += len;
                }
                b'\n' | b'\r' | b'\\' => return self.unterminated(start, i),
                _ if i >= self.text.len() => return self.unterminated(start, i),
                // Plain characters, skipped many bytes at a time: up to a quote, a backslash or a line end (`\r`
                // is rare, and looked for only in what the first search skipped).
                _ => {
                    let rest = self.text.get(i..).unwrap_or_default();
                    let stop = memchr::memchr3(b'"', b'\\', b'\n', rest).unwrap_or(rest.len());
                    let skipped = rest.get(..stop).unwrap_or_default();
                    i += memchr::memchr(b'\r', skipped).unwrap_or(stop).max(1);
                }
            }
        }
    }

    fn unterminated(&mut self, start: usize, end: usize) -> usize {
        self.out.errors.push(
            Diagnostic::new(
                Code::Syntax,
                self.span(start..end),
                text!("unterminated string", "chuỗi chưa được đóng"),
            )
            .with_label(text!(
                "this string has no closing `\"`",
                "chuỗi này thiếu dấu `\"` đóng"
            ))
            .with_help(text!(
                "close it with `\"` on the same line: strings cannot span lines",
                "đóng chuỗi bằng `\"` trên cùng một dòng: chuỗi không được xuống dòng"
            )),
        );
        self.blank_current_statement(start, end);
        end
    }

    fn char_at(&self, i: usize) -> Option<char> {
        std::str::from_utf8(self.text.get(i..(i + 4).min(self.text.len()))?)
            .ok()
            .or_else(|| {
                (1..4)
                    .rev()
                    .find_map(|n| std::str::from_utf8(self.text.get(i..i + n)?).ok())
            })
            .and_then(|s| s.chars().next())
    }

    /// Blanks the statement being read, up to `end` at least, so that pest does not report it a second time.
    fn blank_current_statement(&mut self, token_start: usize, end: usize) {
        self.token(token_start, end, false);
        let start = self.top.start.unwrap_or(token_start);
        self.out.blank.push(start..end);
    }

    /// Any other token: a word, a number, an operator. Returns where scanning continues.
    fn word(&mut self, start: usize) -> usize {
        let is_word = |c: u8| WORD_BYTES.get(usize::from(c)).copied().unwrap_or(false);
        let rest = self.text.get(start..).unwrap_or_default();
        if rest.first().copied().is_some_and(is_word) {
            // A word, with the dots inside numbers (`8.6`, `2021..2025` is two words and `..`).
            let mut len = 0;
            while let Some(&c) = rest.get(len) {
                if !(is_word(c) || c == b'.' && rest.get(len + 1).copied().is_some_and(is_word)) {
                    break;
                }
                len += 1;
            }
            let word = rest.get(..len).unwrap_or_default();
            // The scanner reads words only to split statements: one goes on after a word operator.
            let continues = word.len() <= 3 && statements::is_word_operator(word);
            self.token(start, start + len, continues);
            return start + len;
        }
        let b = self.byte(start);
        let continues = matches!(
            b,
            b',' | b'+' | b'-' | b'*' | b'/' | b'<' | b'>' | b'=' | b'!'
        );
        self.token(start, start + 1, continues);
        start + 1
    }

    fn finish(&mut self) {
        // Blocks still open at the end of the file.
        let unclosed: Vec<Open> = self.stack.drain(..).collect();
        for open in unclosed.iter().filter(|o| o.delim == b'(') {
            self.unclosed_paren(*open);
        }
        let braces: Vec<Open> = unclosed.into_iter().filter(|o| o.delim == b'{').collect();
        // An item that went too deep is blanked whole and already reported; its open blocks say nothing more.
        if !braces.is_empty() && self.too_deep.is_none() {
            // With k `{` left open, the k blocks most likely missing their `}` are the ones whose `}` was taken by
            // an outer block (seen from the indentation), innermost evidence first; else the open ones themselves.
            let mut culprits: Vec<Open> = self
                .suspicious
                .iter()
                .copied()
                .filter(|o| o.dedent.is_some())
                .collect();
            culprits.truncate(braces.len().min(crate::limits::MAX_SYNTAX_ERRORS));
            if culprits.len() < braces.len().min(crate::limits::MAX_SYNTAX_ERRORS) {
                let missing = braces.len().min(crate::limits::MAX_SYNTAX_ERRORS) - culprits.len();
                culprits.extend(braces.iter().rev().take(missing).copied());
            }
            for open in culprits {
                self.unclosed_brace(open);
            }
        }
        // Close what is still being read, innermost first.
        while !self.outer.is_empty() {
            self.end_statement();
            self.leave_block();
        }
        self.end_statement();
        crate::sort::sort_by_key(&mut self.out.statements, |s| {
            (s.end, std::cmp::Reverse(s.start))
        });
    }

    fn unclosed_brace(&mut self, open: Open) {
        let at = open.dedent.unwrap_or(self.text.len()).min(self.text.len());
        // Point at the first token of the line where the block should have ended (or at the end of the file).
        let rest = self.text.get(at..).unwrap_or_default();
        let point = rest
            .iter()
            .position(|c| !matches!(c, b' ' | b'\t'))
            .map_or(self.text.len(), |p| at + p);
        let before = self.text.get(..open.at).unwrap_or_default();
        let opened_line = 1 + crate::source::line_breaks(before).count();
        let (message, help) = if open.dedent.is_some() {
            (
                text!(
                    "expected `}}` to close the block opened on line {opened_line}",
                    "thiếu dấu `}}` để đóng khối mở ở dòng {opened_line}"
                ),
                text!(
                    "add a line with `}}` before this one",
                    "thêm một dòng `}}` ngay trước dòng này"
                ),
            )
        } else {
            (
                text!(
                    "expected `}}` before the end of the file to close the block opened on line {opened_line}",
                    "thiếu dấu `}}` trước khi hết tệp để đóng khối mở ở dòng {opened_line}"
                ),
                text!("add `}}` at the end of the block", "thêm `}}` ở cuối khối"),
            )
        };
        self.out.errors.push(
            Diagnostic::new(Code::Syntax, self.span(point..point), message)
                .with_label(text!("`}}` expected here", "cần `}}` ở đây"))
                .with_other(
                    self.span(open.at..open.at + 1),
                    text!("this `{{` is never closed", "dấu `{{` này chưa được đóng"),
                )
                .with_help(help),
        );
        // Blank the declaration that owns the block, up to where it should have ended, so the rest still parses.
        let owner_start = self.statement_start_before(open.at);
        self.out.blank.push(owner_start..at);
    }

    /// Start of the statement that the `{` at `at` belongs to: the first token after the previous separator.
    fn statement_start_before(&self, at: usize) -> usize {
        let mut i = at;
        while i > 0 {
            let c = self.byte(i - 1);
            if matches!(c, b'\n' | b'\r' | b';' | b'{' | b'}') {
                // Skip a comment-only or blank line boundary: the statement starts at the next non-blank char.
                break;
            }
            i -= 1;
        }
        let mut j = i;
        while j < at && matches!(self.byte(j), b' ' | b'\t' | b'\r' | b'\n') {
            j += 1;
        }
        j
    }
}

/// The bytes of words: ASCII letters, digits, `_`, and every byte of a non-ASCII character.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        #[expect(
            clippy::indexing_slicing,
            reason = "evaluated at compile time: an index out of bounds fails the build"
        )]
        {
            table[b] = c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
        }
        b += 1;
    }
    table
};

/// Replaces every byte in `ranges` by a space, keeping line breaks, so that offsets and lines stay the same.
pub(crate) fn blank_out(text: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        let end = range.end.min(bytes.len());
        for b in bytes
            .get_mut(range.start.min(end)..end)
            .into_iter()
            .flatten()
        {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    }
    // Whole multi-byte characters are replaced when a range covers them; a range edge inside one would leave a
    // broken sequence, which the lossy conversion turns into U+FFFD without moving later offsets... except that
    // U+FFFD is three bytes. Ranges come from token boundaries, so this does not happen; fall back safely anyway.
    String::from_utf8(bytes).unwrap_or_else(|e| {
        let mut bytes = e.into_bytes();
        for b in &mut bytes {
            if *b >= 0x80 {
                *b = b' ';
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
