//! Escaping what plans and facts say before people see it: no control character or bidirectional override from the
//! input reaches a terminal, a pull-request comment or a page as it is.
//!
//! Plans and facts come from pull requests and web forms. A title holding `ESC ] 0 ; … BEL` retitles the
//! reviewer's terminal, `ESC [ 2 J` clears it, a carriage return draws over the line already written, and a
//! right-to-left override (U+202E) shows source text in another order than the parser reads it ("Trojan Source").
//! Everything written for people shows such a character as a visible escape instead: `\u{1b}` in messages, labels,
//! help, tables and diffs, and a control picture (`␛`) or the same escape in source excerpts. The machine formats
//! stay the same JSON values, with the characters serde_json leaves raw written as `\uXXXX` escapes (see [`json`]).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must never reach a reader as it is: the C0 controls (line feed and tab included; callers keep those
/// where they are harmless), DEL, the C1 controls, the bidirectional marks, embeddings, overrides and isolates
/// (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), and the line and paragraph separators U+2028 and U+2029,
/// which some terminals and editors break lines at.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x1f'
            | '\x7f'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Text for people that may span lines (a message, a label, a help, a diff): every hidden character but line feed
/// and tab written as an escape (`\r`, `\0`, `\u{1b}`).
pub fn text(s: &str) -> Cow<'_, str> {
    escaped(s, |c| c != '\n' && c != '\t' && is_hidden(c))
}

/// Text for people that must stay on one line (a table cell, a file name in a header, a path in an error line):
/// every hidden character written as an escape, line feed and tab too (`\n`, `\t`).
pub fn line(s: &str) -> Cow<'_, str> {
    escaped(s, is_hidden)
}

/// Appends the escape of `c`, as Rust writes it in a string literal: `\0`, `\t`, `\n`, `\r`, else `\u{1b}`.
pub(crate) fn push_escape(out: &mut String, c: char) {
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

fn escaped(s: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = s.find(&hide) else {
        return Cow::Borrowed(s);
    };
    let (clean, rest) = s.split_at(first);
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(clean);
    for c in rest.chars() {
        if hide(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How a character of a source line is shown in an excerpt, when not as it is: a C0 control or DEL as its control
/// picture (`␛`, one column like the character in an editor, as rustc shows them), any other hidden character as
/// its escape (there are no pictures for them). Tabs stay: miette expands them to the next tab stop.
pub fn in_excerpt(c: char) -> Option<Cow<'static, str>> {
    if c == '\t' || !is_hidden(c) {
        return None;
    }
    let picture = match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + u32::from(c)),
        '\x7f' => Some('\u{2421}'),
        _ => None,
    };
    Some(match picture {
        Some(p) => Cow::Owned(p.to_string()),
        None => {
            let mut out = String::new();
            push_escape(&mut out, c);
            Cow::Owned(out)
        }
    })
}

/// JSON text with every hidden character in its strings written as a `\uXXXX` escape: serde_json escapes the C0
/// controls but writes DEL, the C1 controls and the bidirectional controls as they are, and `cat` of such a file
/// would pass them to the terminal. Outside strings valid JSON holds none of these characters (its whitespace is
/// C0, left as it is), so replacing them anywhere in the text gives the same JSON value. (All of them are in the
/// Basic Multilingual Plane: one escape each.)
#[cfg(feature = "cli")]
pub fn json(text: String) -> String {
    let raw = |c: char| c > '\x1f' && is_hidden(c);
    if !text.contains(raw) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if raw(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_shown_as_escapes() {
        let s = "a\u{1b}]0;x\u{7}\u{1b}[2J\r\u{9b}b\u{202e}c\u{2066}\u{61c}\u{7f}\n\td";
        assert_eq!(
            text(s),
            "a\\u{1b}]0;x\\u{7}\\u{1b}[2J\\r\\u{9b}b\\u{202e}c\\u{2066}\\u{61c}\\u{7f}\n\td"
        );
        assert_eq!(
            line(s),
            "a\\u{1b}]0;x\\u{7}\\u{1b}[2J\\r\\u{9b}b\\u{202e}c\\u{2066}\\u{61c}\\u{7f}\\n\\td"
        );
        assert!(matches!(text("Tốc độ tăng trưởng\n"), Cow::Borrowed(_)));
        assert!(matches!(line("Sở KH&ĐT 𝔸 ≥ 9,3"), Cow::Borrowed(_)));
    }

    #[test]
    fn excerpts_show_c0_as_control_pictures_and_the_rest_as_escapes() {
        assert_eq!(in_excerpt('\u{1b}').as_deref(), Some("␛"));
        assert_eq!(in_excerpt('\0').as_deref(), Some("␀"));
        assert_eq!(in_excerpt('\u{7f}').as_deref(), Some("␡"));
        assert_eq!(in_excerpt('\u{9b}').as_deref(), Some("\\u{9b}"));
        assert_eq!(in_excerpt('\u{202e}').as_deref(), Some("\\u{202e}"));
        assert_eq!(in_excerpt('\t'), None);
        assert_eq!(in_excerpt('ệ'), None);
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let value = serde_json::json!({ "title": "a\u{9b}b\u{202e}c\u{7f}\u{1b}ệ\n", "n": [1, 2] });
        let written = json(serde_json::to_string_pretty(&value).unwrap());
        assert!(
            !written.contains(|c: char| c != '\n' && is_hidden(c)),
            "{written}"
        );
        assert!(
            written.contains("a\\u009bb\\u202ec\\u007f\\u001bệ\\n"),
            "{written}"
        );
        let read: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(read, value);
    }
}
