//! Tokens for the fast path: each matcher accepts exactly what its atomic rule in `grammar/kehoach.pest` accepts,
//! and lowers it as `parse::lower` would; anything lowering would report (a date that is no date, a number with
//! too many digits) makes the fast path give up instead.

use rust_decimal::Decimal;

use super::Fast;
use crate::ast::{Ident, Str, YearSpan};
use crate::deadline::{DateLit, DeadlineLit};
use crate::limits::MAX_NUMBER_DIGITS;
use crate::parse::lower::unescape;
use crate::source::Spanned;

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Fast<'a> {
    pub(super) fn at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    pub(super) fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    fn digit_at(&self, i: usize) -> bool {
        self.at(i).is_ascii_digit()
    }

    /// pest's implicit whitespace: spaces and tabs.
    pub(super) fn ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\t') {
            self.pos += 1;
        }
    }

    fn newline(&mut self) -> bool {
        match self.peek() {
            b'\n' => self.pos += 1,
            b'\r' => self.pos += if self.at(self.pos + 1) == b'\n' { 2 } else { 1 },
            _ => return false,
        }
        true
    }

    /// `nl` with the whitespace around it: any run of spaces, tabs and newlines.
    pub(super) fn nl(&mut self) {
        loop {
            self.ws();
            if !self.newline() {
                break;
            }
        }
    }

    /// `sep?` with the whitespace around it; whether a newline or `;` was there.
    pub(super) fn sep(&mut self) -> bool {
        let mut any = false;
        loop {
            self.ws();
            if self.peek() == b';' {
                self.pos += 1;
            } else if !self.newline() {
                return any;
            }
            any = true;
        }
    }

    pub(super) fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == byte {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// The word at the cursor (`ident`: a letter or `_`, then letters, digits and `_`), as a range.
    pub(super) fn word(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let first = self.peek();
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        self.pos += 1;
        while is_ident_char(self.peek()) {
            self.pos += 1;
        }
        Some((start, self.pos))
    }

    pub(super) fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        self.text.get(start..end)
    }

    pub(super) fn ident(&mut self) -> Option<Ident> {
        let (start, end) = self.word()?;
        Some(Spanned::new(
            self.slice(start, end)?.to_string(),
            self.span(start, end),
        ))
    }

    pub(super) fn string(&mut self) -> Option<Str> {
        let start = self.pos;
        if !self.eat(b'"') {
            return None;
        }
        loop {
            match self.peek() {
                b'"' => break,
                b'\\' => {
                    if !matches!(self.at(self.pos + 1), b'"' | b'\\') {
                        return None;
                    }
                    self.pos += 2;
                }
                b'\n' | b'\r' => return None,
                0 if self.pos >= self.bytes.len() => return None,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        let inner = self.slice(start + 1, self.pos - 1)?;
        Some(Spanned::new(unescape(inner), self.span(start, self.pos)))
    }

    /// `digits`: a digit, then digits each optionally after one `_`. Returns the end.
    fn digits_end(&self, at: usize) -> Option<usize> {
        if !self.digit_at(at) {
            return None;
        }
        let mut end = at + 1;
        loop {
            if self.digit_at(end) {
                end += 1;
            } else if self.at(end) == b'_' && self.digit_at(end + 1) {
                end += 2;
            } else {
                return Some(end);
            }
        }
    }

    /// A decimal as lowering makes it; `None` where lowering would report the number.
    fn decimal(&self, start: usize, end: usize) -> Option<Decimal> {
        let written = self.slice(start, end)?;
        let digits = written.bytes().filter(u8::is_ascii_digit).count();
        if digits > MAX_NUMBER_DIGITS {
            return None;
        }
        if written.contains('_') {
            let plain: String = written.chars().filter(|&c| c != '_').collect();
            Decimal::from_str_exact(&plain).ok()
        } else {
            Decimal::from_str_exact(written).ok()
        }
    }

    /// `number`.
    pub(super) fn number(&mut self) -> Option<Spanned<Decimal>> {
        let start = self.pos;
        let sign = usize::from(self.peek() == b'-');
        let mut end = self.digits_end(start + sign)?;
        if self.at(end) == b'.' && self.at(end + 1) != b'.' {
            if let Some(fraction) = self.digits_end(end + 1) {
                end = fraction;
            }
        }
        if is_ident_char(self.at(end)) || self.at(end) == b'%' {
            return None;
        }
        let value = self.decimal(start, end)?;
        self.pos = end;
        Some(Spanned::new(value, self.span(start, end)))
    }

    /// `percent`, whose value is the number before `%`.
    pub(super) fn percent(&mut self) -> Option<Spanned<Decimal>> {
        let start = self.pos;
        let mut end = self.digits_end(start)?;
        if self.at(end) == b'.' {
            if let Some(fraction) = self.digits_end(end + 1) {
                end = fraction;
            }
        }
        if self.at(end) != b'%' {
            return None;
        }
        let value = self.decimal(start, end)?;
        self.pos = end + 1;
        Some(Spanned::new(value, self.span(start, self.pos)))
    }

    /// The run of letters, digits, `_` and `-` at the cursor: atomic rules ending in `!(ident_char | "-")` match
    /// all of it or fail.
    fn run_end(&self) -> usize {
        let mut end = self.pos;
        while is_ident_char(self.at(end)) || self.at(end) == b'-' {
            end += 1;
        }
        end
    }

    /// `deadline`, lowered.
    pub(super) fn deadline(&mut self) -> Option<Spanned<DeadlineLit>> {
        let start = self.pos;
        let end = self.run_end();
        let written = self.slice(start, end)?;
        if !deadline_shape(written.as_bytes()) {
            return None;
        }
        let value = written.parse::<DeadlineLit>().ok()?;
        self.pos = end;
        Some(Spanned::new(value, self.span(start, end)))
    }

    /// `date`, lowered.
    pub(super) fn date(&mut self) -> Option<Spanned<DateLit>> {
        let start = self.pos;
        let end = self.run_end();
        let written = self.slice(start, end)?;
        if !date_shape(written.as_bytes()) {
            return None;
        }
        let value = written.parse::<DateLit>().ok()?;
        self.pos = end;
        Some(Spanned::new(value, self.span(start, end)))
    }

    /// Whether `date` would match at the cursor (in expressions, before trying a number).
    pub(super) fn looks_like_date(&self) -> bool {
        self.slice(self.pos, self.run_end())
            .is_some_and(|w| date_shape(w.as_bytes()))
    }

    /// Whether `period_lit` would match at the cursor: a period where a value is expected, which lowering
    /// reports.
    pub(super) fn looks_like_period(&self) -> bool {
        self.slice(self.pos, self.run_end())
            .is_some_and(|w| period_shape(w.as_bytes()))
    }

    /// `year`.
    fn year(&mut self) -> Option<i32> {
        let start = self.pos;
        let end = self.run_end();
        let written = self.slice(start, end)?;
        if written.len() != 4 || !written.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.pos = end;
        written.parse().ok()
    }

    /// `year_span`, with pest's end: after a single year the whitespace that follows belongs to the span.
    pub(super) fn year_span(&mut self) -> Option<Spanned<YearSpan>> {
        let start = self.pos;
        let from = self.year()?;
        self.ws();
        let value = if self.peek() == b'.' && self.at(self.pos + 1) == b'.' {
            self.pos += 2;
            self.ws();
            let to = self.year()?;
            YearSpan {
                from,
                to,
                single: false,
            }
        } else {
            YearSpan {
                from,
                to: from,
                single: true,
            }
        };
        Some(Spanned::new(value, self.span(start, self.pos)))
    }

    /// `integer`: digits not followed by a letter, digit or `_`. Returns the range.
    pub(super) fn integer(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let mut end = start;
        while self.digit_at(end) {
            end += 1;
        }
        if end == start || is_ident_char(self.at(end)) {
            return None;
        }
        self.pos = end;
        Some((start, end))
    }

    /// `month_day` as (month, day) and its range.
    pub(super) fn month_day(&mut self) -> Option<(u32, u32, usize, usize)> {
        let start = self.pos;
        let end = self.run_end();
        let written = self.slice(start, end)?;
        let (m, d) = written.split_once('-')?;
        if !short_number(m.as_bytes()) || !short_number(d.as_bytes()) {
            return None;
        }
        self.pos = end;
        Some((m.parse().ok()?, d.parse().ok()?, start, end))
    }
}

fn all_digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// One or two digits.
fn short_number(s: &[u8]) -> bool {
    (1..=2).contains(&s.len()) && all_digits(s)
}

/// `YYYY-M-D` with one- or two-digit month and day.
fn date_shape(s: &[u8]) -> bool {
    let mut parts = s.split(|&b| b == b'-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d), None) => {
            y.len() == 4 && all_digits(y) && short_number(m) && short_number(d)
        }
        _ => false,
    }
}

/// `period_lit`: `YYYY-Q…`, `YYYY-H…` or `YYYY-M` with one or two digits.
fn period_shape(s: &[u8]) -> bool {
    let Some((y, rest)) = s.split_first_chunk::<4>() else {
        return false;
    };
    let Some((b'-', rest)) = rest.split_first() else {
        return false;
    };
    all_digits(y)
        && match rest.split_first() {
            Some((b'Q' | b'H', n)) => all_digits(n),
            _ => short_number(rest),
        }
}

/// Every form of `deadline`.
fn deadline_shape(s: &[u8]) -> bool {
    if let Some((b'M' | b'Q' | b'H', n)) = s.split_first() {
        return all_digits(n);
    }
    let Some((y, rest)) = s.split_first_chunk::<4>() else {
        return false;
    };
    if !all_digits(y) {
        return false;
    }
    let Some((b'-', rest)) = rest.split_first() else {
        return rest.is_empty();
    };
    if let Some((b'Q' | b'H', n)) = rest.split_first() {
        return all_digits(n);
    }
    let mut parts = rest.split(|&b| b == b'-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(m), None, None) => short_number(m),
        (Some(m), Some(d), None) => short_number(m) && short_number(d),
        _ => false,
    }
}
