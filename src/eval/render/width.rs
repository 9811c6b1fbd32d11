//! How many columns text takes on a terminal, and text cut to a number of columns with `…`.
//!
//! Columns, not `char`s: Vietnamese is often written decomposed (NFD, `ế` as `e` and two combining marks, as some
//! editors and every macOS file name save it), which takes one column for three `char`s, and a title may hold wide
//! characters (CJK, emoji) that take two.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// The columns `s` takes; a control character counts none (they are escaped before being shown).
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(columns).sum()
}

fn columns(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `s` cut to at most `width` columns, ending in `…` when cut. The cut falls between characters, never inside
/// one, and never between a letter and the combining marks after it: a cut word keeps its accents.
pub(crate) fn shorten(s: &str, width: usize) -> Cow<'_, str> {
    if self::width(s) <= width {
        return Cow::Borrowed(s);
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut end = 0;
    for (at, c) in s.char_indices() {
        let w = columns(c);
        if used + w > room {
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    let mut cut = s.get(..end).unwrap_or_default().to_string();
    if width > 0 {
        cut.push('…');
    }
    Cow::Owned(cut)
}

/// `s` followed by spaces up to `width` columns.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let n = self::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

#[cfg(test)]
mod tests {
    use super::{pad, shorten, width};

    #[test]
    fn decomposed_vietnamese_takes_a_column_per_letter_and_keeps_its_marks_when_cut() {
        // "Kế hoạch" decomposed: `e` + U+0302 + U+0301, `a` + U+0323.
        let nfd = "Ke\u{302}\u{301} hoa\u{323}ch phát triển";
        assert_eq!(width(nfd), "Kế hoạch phát triển".chars().count());
        assert_eq!(shorten(nfd, 9), "Ke\u{302}\u{301} hoa\u{323}ch…");
        // The dot below stays on its `a`.
        assert_eq!(shorten(nfd, 7), "Ke\u{302}\u{301} hoa\u{323}…");
        assert_eq!(shorten(nfd, 3), "Ke\u{302}\u{301}…");
        assert_eq!(width(&pad(nfd, 25)), 25);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("計画"), 4);
        assert_eq!(shorten("計画計画", 4), "計…");
        assert_eq!(shorten("ab", 2), "ab");
        assert_eq!(shorten("abc", 2), "a…");
        assert_eq!(shorten("abc", 0), "");
    }
}
