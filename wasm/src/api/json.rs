//! The options object's JSON, read as serde_json's `Value` would read it, without serde_json's deserializer.
//!
//! The options are a handful of keys; serde_json's `Value` deserializer, with the float formatting its error
//! messages reach, was 37 KiB of the gzipped module. This reader accepts what `serde_json::from_str::<Value>`
//! accepts (strict JSON, nesting below 128, no lone surrogate), keeps numbers as their digits
//! (`arbitrary_precision`, exponent normalised as there), objects sorted by key with the last of two equal keys (serde_json's `Map` without
//! `preserve_order`), and writes a value back as serde_json's compact `Display` does, so the messages that quote
//! a wrong value are unchanged. A test holds it to serde_json on every kind of input.

use std::fmt;

/// serde_json's recursion limit: the 128th nested array or object is an error.
const MAX_DEPTH: usize = 127;

/// A JSON value as serde_json's `Value` holds it with `arbitrary_precision`.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's digits as written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Members),
}

/// An object's members sorted by key, each key once with the last value written for it: serde_json's `Map`
/// without `preserve_order`. A sorted list rather than its `BTreeMap`: an options object has a few keys, and the
/// WebAssembly module then needs no B-tree for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Members(Vec<(String, Json)>);

impl Members {
    /// The members as written, sorted by key in one sort (not one move per member: an object of 100 000 keys in
    /// reverse order reads as quickly as one in order), the last of two equal keys kept.
    fn of(written: Vec<(String, Json)>) -> Members {
        Members(by_key_last_kept(written))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        self.0.get(at).map(|(_, value)| value)
    }

    /// The keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(key, _)| key)
    }

    fn iter(&self) -> impl Iterator<Item = &(String, Json)> {
        self.0.iter()
    }
}

/// Reads `text` as one JSON value, surrounded by whitespace at most; `None` where serde_json would fail.
pub fn parse(text: &str) -> Option<Json> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.whitespace();
    (reader.at == reader.bytes.len()).then_some(value)
}

struct Reader<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &[u8], value: Json) -> Option<Json> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes.get(self.at..end)? == word).then(|| {
            self.at = end;
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.whitespace();
        match self.peek()? {
            b'n' => self.literal(b"null", Json::Null),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' if depth < MAX_DEPTH => {
                self.at += 1;
                let mut items = Vec::new();
                self.whitespace();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.whitespace();
                    match self.next()? {
                        b',' => {}
                        b']' => return Some(Json::Array(items)),
                        _ => return None,
                    }
                }
            }
            b'{' if depth < MAX_DEPTH => {
                self.at += 1;
                let mut members = Vec::new();
                self.whitespace();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Some(Json::Object(Members::default()));
                }
                loop {
                    self.whitespace();
                    if self.peek() != Some(b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    self.whitespace();
                    if self.next()? != b':' {
                        return None;
                    }
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    self.whitespace();
                    match self.next()? {
                        b',' => {}
                        b'}' => return Some(Json::Object(Members::of(members))),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as serde_json keeps it: the exponent written `e` and
    /// with its sign (`1E7` is `1e+7`).
    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        let mut text = std::str::from_utf8(self.bytes.get(start..self.at)?)
            .ok()?
            .to_string();
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            text.push('e');
            match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    text.push('-');
                }
                Some(b'+') => {
                    self.at += 1;
                    text.push('+');
                }
                _ => text.push('+'),
            }
            let digits = self.at;
            if self.digits() == 0 {
                return None;
            }
            text.push_str(std::str::from_utf8(self.bytes.get(digits..self.at)?).ok()?);
        }
        Some(Json::Number(text))
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.at.checked_add(4)?;
        let digits = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at = end;
        u32::from_str_radix(digits, 16).ok()
    }

    /// A string from its opening quote; control characters must be escaped, surrogates come in pairs.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            match self.next()? {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let first = self.hex4()?;
                            let code = match first {
                                0xD800..=0xDBFF => {
                                    if self.next()? != b'\\' || self.next()? != b'u' {
                                        return None;
                                    }
                                    let second = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&second) {
                                        return None;
                                    }
                                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return None,
                                _ => first,
                            };
                            char::from_u32(code)?
                        }
                        _ => return None,
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
                0x00..=0x1F => return None,
                byte => out.push(byte),
            }
        }
    }
}

/// `(key, value)` pairs sorted by key in one sort, each key once with the value given for it last: an object's
/// members as serde_json keeps them, and `format`'s files by path.
pub(crate) fn by_key_last_kept<V>(mut pairs: Vec<(String, V)>) -> Vec<(String, V)> {
    // Stable: of two equal keys, the one given last is last.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut kept: Vec<(String, V)> = Vec::with_capacity(pairs.len());
    for pair in pairs {
        match kept.last_mut() {
            Some(last) if last.0 == pair.0 => *last = pair,
            _ => kept.push(pair),
        }
    }
    kept
}

/// serde_json's compact form: no spaces, `"`, `\` and control characters escaped (`\u001f`, lowercase).
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Json::Number(digits) => f.write_str(digits),
            Json::String(text) => write_string(f, text),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    item.fmt(f)?;
                }
                f.write_str("]")
            }
            Json::Object(members) => {
                f.write_str("{")?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, key)?;
                    f.write_str(":")?;
                    value.fmt(f)?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    let mut plain = 0;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{0}'..='\u{1f}' => "",
            _ => continue,
        };
        f.write_str(text.get(plain..i).unwrap_or_default())?;
        if escape.is_empty() {
            write!(f, "\\u{:04x}", u32::from(c))?;
        } else {
            f.write_str(escape)?;
        }
        plain = i + c.len_utf8();
    }
    f.write_str(text.get(plain..).unwrap_or_default())?;
    f.write_str("\"")
}

#[cfg(test)]
mod tests;
