//! A small JSON reader that keeps the byte span of every key and value and the digits of every number.
//!
//! serde_json's `Value` forgets where a value was written and keeps only the last of two equal keys; facts need
//! both, because a problem in a web form's JSON must be shown at its place and nothing may be dropped unseen.
//! Nesting is bounded by [`MAX_NESTING`], so the recursion is too.

use std::borrow::Cow;

use crate::diagnostics::{Code, Diagnostic};
use crate::limits::MAX_NESTING;
use crate::source::{FileId, Span, Spanned};
use crate::text;

/// A JSON value and the text it spans. Numbers, and strings without escapes, borrow from the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Json<'t> {
    pub kind: JsonKind<'t>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum JsonKind<'t> {
    Null,
    Bool(bool),
    /// A number exactly as written: `8.1`, `-2`, `1.5e3`.
    Number(&'t str),
    String(Cow<'t, str>),
    Array(Vec<Json<'t>>),
    /// Members in the order written, repeats included.
    Object(Vec<Member<'t>>),
}

/// An object's key and its value.
pub(crate) type Member<'t> = (Spanned<Cow<'t, str>>, Json<'t>);

impl JsonKind<'_> {
    /// What the value is, for messages: "a number", "an object".
    pub(crate) fn noun(&self) -> crate::diagnostics::Text {
        match self {
            JsonKind::Null => text!("null", "null"),
            JsonKind::Bool(_) => text!("true or false", "true/false"),
            JsonKind::Number(_) => text!("a number", "một số"),
            JsonKind::String(_) => text!("a string", "một chuỗi"),
            JsonKind::Array(_) => text!("an array", "một mảng"),
            JsonKind::Object(_) => text!("an object", "một đối tượng"),
        }
    }
}

/// Parses one JSON document. A syntax error is one `syntax` diagnostic at the offending character.
pub fn parse(text: &str, file: FileId) -> Result<Json<'_>, Box<Diagnostic>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        file,
    };
    reader.skip_space();
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < reader.bytes.len() {
        return Err(reader.error(text!(
            "unexpected text after the JSON value",
            "có văn bản thừa sau giá trị JSON"
        )));
    }
    Ok(value)
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    file: FileId,
}

// The one-line helpers are inlined by force: the wasm build is tuned for size, where each would otherwise be a
// call per byte read.
impl<'t> Reader<'t> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    #[inline(always)]
    fn span_from(&self, start: usize) -> Span {
        Span::new(self.file, start, self.at)
    }

    /// A `syntax` diagnostic at the current character.
    fn error(&self, message: crate::diagnostics::Text) -> Box<Diagnostic> {
        let end = self
            .text
            .get(self.at..)
            .and_then(|rest| rest.chars().next())
            .map_or(self.at, |c| self.at + c.len_utf8());
        let found = match self.text.get(self.at..end) {
            Some(c) if !c.is_empty() => format!("`{c}`"),
            _ => "the end of the file".to_string(),
        };
        let found_vi = if end > self.at {
            found.clone()
        } else {
            "cuối tệp".to_string()
        };
        Box::new(Diagnostic::new(
            Code::Syntax,
            Span::new(self.file, self.at, end),
            crate::diagnostics::Text::new(
                format!("invalid JSON: {}, found {found}", message.en),
                format!("JSON sai: {}, gặp {found_vi}", message.vi),
            ),
        )
        .with_help(text!(
            "facts in JSON are one object: {{ \"plan\": …, \"as_of\": …, \"values\": {{ … }}, \"tasks\": {{ … }}, \"assessments\": {{ … }} }}",
            "dữ kiện dạng JSON là một đối tượng: {{ \"plan\": …, \"as_of\": …, \"values\": {{ … }}, \"tasks\": {{ … }}, \"assessments\": {{ … }} }}"
        )))
    }

    fn expect(&mut self, byte: u8, what: crate::diagnostics::Text) -> Result<(), Box<Diagnostic>> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json<'t>, Box<Diagnostic>> {
        let start = self.at;
        let kind = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => JsonKind::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => JsonKind::Number(self.number()?),
            Some(b't') => self.word("true", JsonKind::Bool(true))?,
            Some(b'f') => self.word("false", JsonKind::Bool(false))?,
            Some(b'n') => self.word("null", JsonKind::Null)?,
            _ => return Err(self.error(text!("expected a value", "cần một giá trị"))),
        };
        Ok(Json {
            kind,
            span: self.span_from(start),
        })
    }

    fn nested(&self, depth: usize) -> Result<(), Box<Diagnostic>> {
        if depth >= MAX_NESTING {
            return Err(Box::new(Diagnostic::new(
                Code::LimitExceeded,
                Span::new(self.file, self.at, self.at + 1),
                text!(
                    "JSON nested deeper than {MAX_NESTING} levels",
                    "JSON lồng sâu quá {MAX_NESTING} cấp"
                ),
            )));
        }
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<JsonKind<'t>, Box<Diagnostic>> {
        self.nested(depth)?;
        self.at += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(JsonKind::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() == Some(b'}') && !members.is_empty() {
                return Err(self.error(text!(
                    "a comma before `}}`: JSON allows none after the last member",
                    "dấu phẩy trước `}}`: JSON không cho phép dấu phẩy sau phần tử cuối"
                )));
            }
            if self.peek() != Some(b'"') {
                return Err(self.error(text!(
                    "expected a key in double quotes",
                    "cần một khóa trong dấu ngoặc kép"
                )));
            }
            let start = self.at;
            let key = self.string()?;
            let key = Spanned::new(key, self.span_from(start));
            self.skip_space();
            self.expect(
                b':',
                text!("expected `:` after the key", "cần `:` sau khóa"),
            )?;
            self.skip_space();
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(JsonKind::Object(members));
                }
                _ => {
                    return Err(self.error(text!("expected `,` or `}}`", "cần `,` hoặc `}}`")));
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<JsonKind<'t>, Box<Diagnostic>> {
        self.nested(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(JsonKind::Array(items));
        }
        loop {
            self.skip_space();
            if self.peek() == Some(b']') && !items.is_empty() {
                return Err(self.error(text!(
                    "a comma before `]`: JSON allows none after the last item",
                    "dấu phẩy trước `]`: JSON không cho phép dấu phẩy sau phần tử cuối"
                )));
            }
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(JsonKind::Array(items));
                }
                _ => return Err(self.error(text!("expected `,` or `]`", "cần `,` hoặc `]`"))),
            }
        }
    }

    fn word(&mut self, word: &str, kind: JsonKind<'t>) -> Result<JsonKind<'t>, Box<Diagnostic>> {
        if self
            .text
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word))
        {
            self.at += word.len();
            Ok(kind)
        } else {
            Err(self.error(text!("expected a value", "cần một giá trị")))
        }
    }

    /// The digits as written; JSON's grammar is checked here, exactness is the caller's business.
    fn number(&mut self) -> Result<&'t str, Box<Diagnostic>> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.at += 1;
            }
            r.at > from
        };
        if !digits(self) {
            return Err(self.error(text!("expected a digit", "cần một chữ số")));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error(text!(
                    "expected a digit after the decimal point",
                    "cần chữ số sau dấu thập phân"
                )));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error(text!(
                    "expected the exponent's digits",
                    "cần chữ số của số mũ"
                )));
            }
        }
        Ok(self.text.get(start..self.at).unwrap_or(""))
    }

    /// A string's value: borrowed up to its closing quote when it has no escape (the common case), else built.
    fn string(&mut self) -> Result<Cow<'t, str>, Box<Diagnostic>> {
        self.at += 1;
        let start = self.at;
        let plain = self.bytes.get(start..).and_then(|rest| {
            rest.iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        });
        if let Some(len) = plain
            && self.bytes.get(start + len) == Some(&b'"')
        {
            self.at = start + len + 1;
            return Ok(Cow::Borrowed(
                self.text.get(start..start + len).unwrap_or(""),
            ));
        }
        let mut out = String::new();
        loop {
            let Some(rest) = self.text.get(self.at..) else {
                return Err(self.error(text!("unclosed string", "chuỗi chưa đóng")));
            };
            let Some(c) = rest.chars().next() else {
                return Err(self.error(text!(
                    "unclosed string: expected `\"`",
                    "chuỗi chưa đóng: cần `\"`"
                )));
            };
            match c {
                '"' => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                '\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                c if u32::from(c) < 0x20 => {
                    return Err(self.error(text!(
                        "a line break or control character inside a string: write it as `\\n` or `\\u00XX`",
                        "xuống dòng hoặc ký tự điều khiển trong chuỗi: hãy viết `\\n` hoặc `\\u00XX`"
                    )));
                }
                c => {
                    self.at += c.len_utf8();
                    out.push(c);
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, Box<Diagnostic>> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) {
                    if self
                        .text
                        .get(self.at..)
                        .is_some_and(|r| r.starts_with("\\u"))
                    {
                        self.at += 2;
                        let low = self.hex4()?;
                        if (0xDC00..0xE000).contains(&low) {
                            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                    }
                    return Ok('\u{FFFD}');
                }
                return Ok(char::from_u32(high).unwrap_or('\u{FFFD}'));
            }
            _ => {
                return Err(self.error(text!(
                    "unknown escape: expected one of `\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`",
                    "ký tự thoát không hợp lệ: cần một trong `\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`"
                )));
            }
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, Box<Diagnostic>> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        match u32::from_str_radix(digits, 16) {
            Ok(v) if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.at += 4;
                Ok(v)
            }
            _ => Err(self.error(text!(
                "expected four hexadecimal digits after `\\u`",
                "cần bốn chữ số thập lục phân sau `\\u`"
            ))),
        }
    }
}

/// Where a value sits in a JSON document (`$.values.grdp_growth["2023"]`), written out only when shown: reading
/// facts walks every key, and only a problem or a fact's place needs the path as text.
#[derive(Clone, Copy, Debug)]
pub struct JsonPath<'a> {
    parent: Option<&'a JsonPath<'a>>,
    key: &'a str,
}

impl JsonPath<'static> {
    /// The document itself, `$`.
    pub const ROOT: JsonPath<'static> = JsonPath {
        parent: None,
        key: "",
    };
}

impl<'a> JsonPath<'a> {
    /// The member `key` of the value here.
    pub fn then(&'a self, key: &'a str) -> JsonPath<'a> {
        JsonPath {
            parent: Some(self),
            key,
        }
    }
}

impl std::fmt::Display for JsonPath<'_> {
    /// Each key as a step: `.values` for identifiers, `["2023"]` otherwise.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(parent) = self.parent else {
            return f.write_str("$");
        };
        parent.fmt(f)?;
        let key = self.key;
        let is_ident = key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_ident {
            write!(f, ".{key}")
        } else {
            f.write_str("[\"")?;
            for c in key.chars() {
                match c {
                    '\\' | '"' => write!(f, "\\{c}")?,
                    c => write!(f, "{c}")?,
                }
            }
            f.write_str("\"]")
        }
    }
}
