//! [`Terminal`]: the last guard between kehoach's output for people and a terminal.
//!
//! Every renderer escapes what it takes from plans and facts (`diagnostics::escape`). This stream checks the result
//! once more, as defence in depth against a renderer that forgets: it passes text, line feeds, tabs and the SGR
//! colour sequences kehoach and miette write (`ESC [ 31 ; 1 m`: colours, bold, dim, italic, underline and their
//! resets, nothing that hides text or blinks), and writes any other escape sequence's ESC, any other control
//! character, and the bidirectional controls as visible escapes (`\u{1b}`), as `diagnostics::escape` does.
//!
//! CI logs are read by a machine too: GitHub's runner takes a line starting with `::` (after blanks) as a workflow
//! command, and `##[` anywhere in a line as a command of its older syntax, so a plan quoted in a log could stop
//! the runner's command processing, forge annotations or mask text. The stream writes the second character of each
//! as an escape (`:\u{3a}`, `#\u{23}[`), which the runner does not read as a command and a person still reads.

use std::io::{self, Write};

use crate::diagnostics::escape;

/// Longest SGR sequence passed, in bytes after the `ESC [`.
const MAX_SGR_LEN: usize = 32;

/// A stream for people over `inner`: see the module's documentation. Bytes that may begin a sequence or a
/// character still to come are held until the next write, or written when the stream is flushed or dropped.
pub(crate) struct Terminal<W: Write> {
    inner: W,
    held: Vec<u8>,
    /// Filtered text not yet written, because it may begin a workflow command (`#`, `##`, `:` at a line's start).
    shown: String,
    /// Whether only blanks have been written since the last line feed.
    line_start: bool,
    /// Whether the text is workflow commands already (`check --format github`), whose own `::` must pass.
    commands: bool,
}

impl<W: Write> Terminal<W> {
    pub fn new(inner: W) -> Terminal<W> {
        Terminal {
            inner,
            held: Vec::new(),
            shown: String::new(),
            line_start: true,
            commands: false,
        }
    }

    /// A stream for workflow commands written by `check --format github`: hidden characters are escaped as for
    /// people, and the runner's commands pass, since every line written is one whole command whose properties and
    /// data are escaped already (see `cli::github`).
    pub fn commands(inner: W) -> Terminal<W> {
        let mut terminal = Terminal::new(inner);
        terminal.commands = true;
        terminal
    }

    /// Writes what is held, keeping an unfinished sequence or character unless `all`.
    fn pass(&mut self, all: bool) -> io::Result<()> {
        let valid = match std::str::from_utf8(&self.held) {
            Ok(_) => self.held.len(),
            // A character split between writes: held for the next one.
            Err(e) if e.error_len().is_none() && !all => e.valid_up_to(),
            // kehoach writes strings, so this is not reached; were it, the bytes would show as U+FFFD.
            Err(_) => {
                self.held = String::from_utf8_lossy(&self.held)
                    .into_owned()
                    .into_bytes();
                self.held.len()
            }
        };
        let text =
            std::str::from_utf8(self.held.get(..valid).unwrap_or_default()).unwrap_or_default();
        let (shown, kept) = filter(text, all);
        self.shown.push_str(&shown);
        self.held.drain(..valid - kept);
        let (safe, kept) = if self.commands {
            (std::mem::take(&mut self.shown), 0)
        } else {
            no_workflow_commands(&self.shown, &mut self.line_start, all)
        };
        self.inner.write_all(safe.as_bytes())?;
        self.shown.drain(..self.shown.len() - kept);
        Ok(())
    }
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        self.pass(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Terminal<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// `text` as it may reach a terminal, and how many bytes at its end are held back (an SGR sequence that may not
/// be complete yet) unless `all`.
fn filter(text: &str, all: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(|c: char| c != '\n' && c != '\t' && escape::is_hidden(c)) {
        let (clean, from) = rest.split_at(i);
        out.push_str(clean);
        let mut chars = from.chars();
        let Some(c) = chars.next() else { break };
        if c == '\x1b' {
            match sgr(from) {
                Sgr::Allowed(len) => {
                    out.push_str(from.get(..len).unwrap_or_default());
                    rest = from.get(len..).unwrap_or_default();
                    continue;
                }
                Sgr::Unfinished if !all => return (out, from.len()),
                Sgr::Unfinished | Sgr::Refused => {}
            }
        }
        escape::push_escape(&mut out, c);
        rest = chars.as_str();
    }
    out.push_str(rest);
    (out, 0)
}

/// `text` with the workflow commands of GitHub's runner broken (see the module's documentation), and how many bytes
/// at its end are held back because they may begin one, unless `all`. `line_start` says whether `text` begins a
/// line (after blanks) and is left saying whether the text written so far ends in one.
fn no_workflow_commands(text: &str, line_start: &mut bool, all: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let may_begin = "##[".starts_with(rest) || *line_start && "::".starts_with(rest);
        if !all && may_begin {
            return (out, rest.len());
        }
        if rest.starts_with("##[") {
            out.push_str("#\\u{23}[");
            rest = rest.get(3..).unwrap_or_default();
            *line_start = false;
            continue;
        }
        if *line_start && rest.starts_with("::") {
            out.push_str(":\\u{3a}");
            rest = rest.get(2..).unwrap_or_default();
            *line_start = false;
            continue;
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
        *line_start = c == '\n' || *line_start && (c == ' ' || c == '\t');
    }
    (out, 0)
}

enum Sgr {
    /// An allowed SGR sequence of this many bytes.
    Allowed(usize),
    /// The text ends before the sequence does.
    Unfinished,
    Refused,
}

/// Whether `s`, which starts with ESC, starts with an SGR sequence of the colours and attributes kehoach and miette
/// use.
fn sgr(s: &str) -> Sgr {
    let bytes = s.as_bytes();
    match bytes.get(1) {
        None => return Sgr::Unfinished,
        Some(b'[') => {}
        Some(_) => return Sgr::Refused,
    }
    let params = bytes.get(2..).unwrap_or_default();
    let Some(end) = params
        .iter()
        .position(|b| !b.is_ascii_digit() && *b != b';')
    else {
        return if params.len() > MAX_SGR_LEN {
            Sgr::Refused
        } else {
            Sgr::Unfinished
        };
    };
    let Some(list) = params.get(..end) else {
        return Sgr::Refused;
    };
    if end > MAX_SGR_LEN || params.get(end) != Some(&b'm') {
        return Sgr::Refused;
    }
    let allowed = list.split(|&b| b == b';').all(|p| {
        matches!(
            p,
            b"" | b"0"
                | b"1"
                | b"2"
                | b"3"
                | b"4"
                | b"22"
                | b"23"
                | b"24"
                | b"39"
                | b"30"
                | b"31"
                | b"32"
                | b"33"
                | b"34"
                | b"35"
                | b"36"
                | b"37"
                | b"90"
                | b"91"
                | b"92"
                | b"93"
                | b"94"
                | b"95"
                | b"96"
                | b"97"
        )
    });
    if allowed {
        Sgr::Allowed(end + 3)
    } else {
        Sgr::Refused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut t = Terminal::new(&mut out);
            for p in pieces {
                t.write_all(p).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn colours_pass_and_everything_else_is_escaped() {
        let s = "\x1b[31;1m×\x1b[0m ok\n\ttab \x1b]0;title\x07\x1b[2J\x1b[8mhidden\x1b[0m \u{9b}31m \u{202e}x\r\n";
        assert_eq!(
            through(&[s.as_bytes()]),
            "\x1b[31;1m×\x1b[0m ok\n\ttab \\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{1b}[8mhidden\x1b[0m \\u{9b}31m \\u{202e}x\\r\n"
        );
    }

    #[test]
    fn sequences_and_characters_split_between_writes_are_judged_whole() {
        let s = "a\x1b[3";
        assert_eq!(through(&[s.as_bytes(), b"2mb"]), "a\x1b[32mb");
        assert_eq!(through(&[b"a\x1b", b"]0;x"]), "a\\u{1b}]0;x");
        let e = "ệ\u{9b}".as_bytes();
        assert_eq!(through(&[&e[..1], &e[1..3], &e[3..]]), "ệ\\u{9b}");
        assert_eq!(through(&[b"end\x1b["]), "end\\u{1b}[");
    }

    #[test]
    fn workflow_commands_of_github_runners_are_broken_even_across_writes() {
        let s = "::stop-commands::x\n  ::add-mask::y\n × a ##[group]b\nc::d\n\t::error::e";
        let expected = ":\\u{3a}stop-commands::x\n  :\\u{3a}add-mask::y\n × a #\\u{23}[group]b\nc::d\n\t:\\u{3a}error::e";
        assert_eq!(through(&[s.as_bytes()]), expected);
        let pieces: Vec<&[u8]> = s.as_bytes().chunks(1).collect();
        assert_eq!(through(&pieces), expected);
        assert_eq!(through(&[b"end #", b"#", b"[x"]), "end #\\u{23}[x");
        assert_eq!(through(&[b"ends with #"]), "ends with #");
        assert_eq!(through(&[b"x\n:"]), "x\n:");
    }

    #[test]
    fn annotations_keep_their_commands_and_lose_their_escapes() {
        let mut out = Vec::new();
        {
            let mut t = Terminal::commands(&mut out);
            t.write_all(b"::error file=a.plan::x \x1b]0;t\x07\n")
                .unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=a.plan::x \\u{1b}]0;t\\u{7}\n"
        );
    }
}
