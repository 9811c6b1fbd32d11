//! [`Excerpt`]: the few lines of a file that one diagnostic shows, cut and escaped, as the text miette renders.
//!
//! miette draws whatever text its `SourceCode` hands it, and draws all of it: every line between two labels it
//! decides to join (it joins a label at line 30,000 with one at line 50,000), every line of a span that covers
//! 50,000 lines, the whole of a 90 KB line (and panics past column 65,535, where its underline padding overflows a
//! format width), the raw bytes of an escape sequence. So a diagnostic hands miette an excerpt instead of its file:
//!
//! - the lines of each label and one line of context around it (miette's own context), labels a few lines apart
//!   sharing one run of lines and runs further apart drawn as separate snippets, each with its `file:line:col`;
//! - a span over more than [`MAX_SPAN_LINES`] lines shown by its first line only (the label says where it ends);
//! - a line longer than [`MAX_LINE_CHARS`] characters shown as windows of [`WINDOW_CHARS`] characters around each
//!   span's start and end on it, with `…` where text is left out; the underline stays under the right characters
//!   because every span is moved into the excerpt's own offsets;
//! - control characters shown as control pictures and other hidden characters as escapes ([`escape::in_excerpt`]).
//!
//! Line numbers and the header's column are the file's own. The excerpt of one diagnostic is bounded by a constant
//! (labels are capped by [`super::Report`]), and building it reads only the lines it shows.

use std::borrow::Cow;
use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::escape;

/// Lines of context shown above and below each label, as miette shows by default.
const CONTEXT_LINES: usize = 1;

/// Runs of lines this close (unlabelled lines between them) are drawn as one snippet: a new snippet costs two lines
/// of frame and a header, more than the lines it would leave out.
const JOIN_GAP: usize = 2;

/// A span over more lines than this is shown by its first line.
pub const MAX_SPAN_LINES: usize = 4;

/// A line longer than this, in characters, is cut into windows.
pub const MAX_LINE_CHARS: usize = 120;

/// Characters kept on each side of a span's start or end on a long line (and from the start of a long line that
/// no span starts or ends on).
pub const WINDOW_CHARS: usize = 60;

/// What stands for text left out of a long line.
const ELISION: &str = "…";

/// One line of the file as the excerpt shows it.
#[derive(Debug)]
struct Shown {
    /// 0-based line number in the file.
    number: usize,
    /// Where its text starts and ends in the file (the line break excluded), and where the next line starts.
    start: usize,
    end: usize,
    next: usize,
    /// The same three places in the excerpt's text (`virtual_next` is past the `\n`, or `virtual_end` for a last
    /// line without a break).
    virtual_start: usize,
    virtual_end: usize,
    virtual_next: usize,
    /// The parts of the line kept, in order: where each is in the file and where it starts in the excerpt.
    kept: Vec<(Range<usize>, usize)>,
    /// The last line of its run: the next shown line is not the next line of the file.
    ends_run: bool,
}

/// Where a span is in the excerpt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Placed {
    pub span: SourceSpan,
    /// The span covered more than [`MAX_SPAN_LINES`] lines and is shown by its first: the 1-based line it ends on.
    pub cut_at_line: Option<usize>,
}

/// The lines of a file one diagnostic shows, as a `miette::SourceCode`.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<Shown>,
    /// The start of each placed span in the excerpt and its 0-based column (in characters) in the file, for the
    /// `file:line:col` of a snippet's header.
    columns: Vec<(usize, usize)>,
}

impl Excerpt {
    /// The excerpt of `text` (named `name`, its lines starting at `line_starts`) showing `spans` (byte ranges in
    /// `text`); each span's place in it, in order.
    pub fn new(
        name: &str,
        text: &str,
        line_starts: &[u32],
        spans: &[Range<usize>],
    ) -> (Excerpt, Vec<Placed>) {
        let file = File { text, line_starts };
        let spans: Vec<Cut> = spans.iter().map(|s| file.cut(s.clone())).collect();

        let mut runs: Vec<Range<usize>> = spans
            .iter()
            .map(|s| {
                s.first_line.saturating_sub(CONTEXT_LINES)
                    ..(s.last_line + CONTEXT_LINES).min(file.last_line()) + 1
            })
            .collect();
        crate::sort::sort_by_key(&mut runs, |r| r.start);
        let mut joined: Vec<Range<usize>> = Vec::with_capacity(runs.len());
        for run in runs {
            match joined.last_mut() {
                Some(last) if run.start <= last.end + JOIN_GAP => last.end = last.end.max(run.end),
                _ => joined.push(run),
            }
        }

        let mut excerpt = Excerpt {
            name: escape::line(name).into_owned(),
            text: String::new(),
            lines: Vec::new(),
            columns: Vec::new(),
        };
        for run in joined {
            for number in run.clone() {
                let points: Vec<usize> = spans
                    .iter()
                    .flat_map(|s| [(s.first_line, s.range.start), (s.last_line, s.range.end)])
                    .filter(|&(line, _)| line == number)
                    .map(|(_, at)| at)
                    .collect();
                excerpt.push_line(&file, number, &points, number + 1 == run.end);
            }
        }

        let placed = spans
            .iter()
            .map(|s| {
                let start = excerpt.place(&file, s.range.start);
                let end = excerpt.place(&file, s.range.end).max(start);
                let line_start = file.line_start(s.first_line);
                let column = text
                    .get(line_start..s.range.start)
                    .map_or(0, |t| t.chars().count());
                excerpt.columns.push((start, column));
                Placed {
                    span: SourceSpan::new(start.into(), end - start),
                    cut_at_line: s.cut_at_line,
                }
            })
            .collect();
        (excerpt, placed)
    }

    /// Adds line `number` of the file, cut around `points` (offsets on it) when it is long.
    fn push_line(&mut self, file: &File<'_>, number: usize, points: &[usize], ends_run: bool) {
        let (start, end, next) = file.line(number);
        let virtual_start = self.text.len();
        let mut kept = Vec::new();
        for window in windows(file.text, start..end, points) {
            // Before every window but a first one that starts the line.
            if !kept.is_empty() || window.start > start {
                self.text.push_str(ELISION);
            }
            kept.push((window.clone(), self.text.len()));
            push_shown(&mut self.text, file.text.get(window.clone()).unwrap_or(""));
        }
        if kept.last().is_some_and(|(w, _)| w.end < end) {
            self.text.push_str(ELISION);
        }
        let virtual_end = self.text.len();
        if next > end {
            self.text.push('\n');
        }
        self.lines.push(Shown {
            number,
            start,
            end,
            next,
            virtual_start,
            virtual_end,
            virtual_next: self.text.len(),
            kept,
            ends_run,
        });
    }

    /// Where a file offset on a shown line is in the excerpt.
    fn place(&self, file: &File<'_>, at: usize) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.start <= at)
            .saturating_sub(1);
        let Some(line) = self.lines.get(i) else {
            return 0;
        };
        if at >= line.next {
            return line.virtual_next;
        }
        if at > line.end {
            return line.virtual_end;
        }
        // In the kept part that holds it; an offset left out (no span's end is) goes to the end of the part before.
        let mut placed = line.virtual_start;
        for (range, virtual_start) in &line.kept {
            if at < range.start {
                break;
            }
            let before = file.text.get(range.start..at.min(range.end)).unwrap_or("");
            placed = virtual_start + shown_len(before);
        }
        placed
    }

    /// The index of the shown line holding excerpt offset `at`.
    fn line_at(&self, at: usize) -> usize {
        self.lines
            .partition_point(|l| l.virtual_start <= at)
            .saturating_sub(1)
    }

    /// The last line of the run that line `i` is in.
    fn run_end(&self, i: usize) -> usize {
        self.lines
            .iter()
            .enumerate()
            .skip(i)
            .find(|(_, l)| l.ends_run)
            .map_or(i, |(j, _)| j)
    }

    /// The first line of the run that line `i` is in.
    fn run_start(&self, i: usize) -> usize {
        self.lines
            .iter()
            .enumerate()
            .take(i)
            .rev()
            .find(|(_, l)| l.ends_run)
            .map_or(0, |(j, _)| j + 1)
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, len) = (span.offset(), span.len());
        if start + len > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_at(start);
        let last = if len == 0 {
            first
        } else {
            self.line_at(start + len - 1)
        };
        let (run_start, run_end) = (self.run_start(first), self.run_end(first));
        if last > run_end {
            // Two runs never make one snippet: the lines between them are not here.
            return Err(MietteError::OutOfBounds);
        }
        let from = first.saturating_sub(before).max(run_start);
        let to = (last + after).min(run_end);
        let (Some(from_line), Some(to_line)) = (self.lines.get(from), self.lines.get(to)) else {
            return Err(MietteError::OutOfBounds);
        };
        let data = self
            .text
            .get(from_line.virtual_start..to_line.virtual_next)
            .ok_or(MietteError::OutOfBounds)?;
        // miette asks without context for a snippet's header, and shows this column there.
        let column = if before == 0 {
            self.columns
                .iter()
                .find(|&&(at, _)| at == start)
                .map_or(0, |&(_, column)| column)
        } else {
            0
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data.as_bytes(),
            SourceSpan::new(from_line.virtual_start.into(), data.len()),
            from_line.number,
            column,
            // The lines from here to the end of the run: miette joins two labels' snippets when the second starts
            // within this count, so labels in one run share a snippet and labels in two runs never do.
            run_end - from + 1,
        )))
    }
}

/// A span as shown: within the file, on character boundaries, and cut to its first line when it covers many.
struct Cut {
    range: Range<usize>,
    first_line: usize,
    last_line: usize,
    cut_at_line: Option<usize>,
}

/// The file an excerpt is made from.
struct File<'t> {
    text: &'t str,
    line_starts: &'t [u32],
}

impl File<'_> {
    fn last_line(&self) -> usize {
        self.line_starts.len().saturating_sub(1)
    }

    fn line_of(&self, at: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= at)
            .saturating_sub(1)
    }

    fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).map_or(0, |&s| s as usize)
    }

    /// Where line `line`'s text starts and ends (its break excluded), and where the next line starts.
    fn line(&self, line: usize) -> (usize, usize, usize) {
        let start = self.line_start(line);
        let next = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&s| s as usize);
        let bytes = self.text.as_bytes();
        let mut end = next;
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end, next)
    }

    fn cut(&self, range: Range<usize>) -> Cut {
        let floor = |mut at: usize| {
            at = at.min(self.text.len());
            while !self.text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let ceil = |mut at: usize| {
            at = at.min(self.text.len());
            while !self.text.is_char_boundary(at) {
                at += 1;
            }
            at
        };
        let start = floor(range.start);
        let end = ceil(range.end).max(start);
        let first_line = self.line_of(start);
        let last_line = if end > start {
            self.line_of(end - 1)
        } else {
            first_line
        };
        if last_line - first_line < MAX_SPAN_LINES {
            return Cut {
                range: start..end,
                first_line,
                last_line,
                cut_at_line: None,
            };
        }
        let (_, line_end, _) = self.line(first_line);
        Cut {
            range: start..line_end.max(start),
            first_line,
            last_line: first_line,
            cut_at_line: Some(last_line + 1),
        }
    }
}

/// The parts of the line `line` to show: all of it when it is short, else windows around `points` (or its start
/// when no point is on it), joined where they touch.
fn windows(text: &str, line: Range<usize>, points: &[usize]) -> Vec<Range<usize>> {
    let Some(content) = text.get(line.clone()) else {
        return Vec::new();
    };
    // A short line in bytes is short in characters; a long one is measured only up to the limit.
    if content.len() <= MAX_LINE_CHARS || content.chars().nth(MAX_LINE_CHARS).is_none() {
        return vec![line];
    }
    let back = |at: usize| {
        let before = text.get(line.start..at).unwrap_or("");
        let kept: usize = before
            .chars()
            .rev()
            .take(WINDOW_CHARS)
            .map(char::len_utf8)
            .sum();
        at - kept
    };
    let forward = |at: usize| {
        let after = text.get(at..line.end).unwrap_or("");
        let kept: usize = after.chars().take(WINDOW_CHARS).map(char::len_utf8).sum();
        at + kept
    };
    let mut points: Vec<usize> = points
        .iter()
        .map(|&p| p.clamp(line.start, line.end))
        .collect();
    if points.is_empty() {
        points.push(line.start);
    }
    points.sort_unstable();
    points.dedup();
    let mut out: Vec<Range<usize>> = Vec::new();
    for window in points.iter().map(|&p| back(p)..forward(p)) {
        match out.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => out.push(window),
        }
    }
    out
}

/// Appends a part of a line as the excerpt shows it.
fn push_shown(out: &mut String, part: &str) {
    for c in part.chars() {
        match escape::in_excerpt(c) {
            Some(shown) => out.push_str(&shown),
            None => out.push(c),
        }
    }
}

/// How long a part of a line is once shown.
fn shown_len(part: &str) -> usize {
    part.chars()
        .map(|c| escape::in_excerpt(c).map_or(c.len_utf8(), |s: Cow<'_, str>| s.len()))
        .sum()
}

#[cfg(test)]
mod tests;
