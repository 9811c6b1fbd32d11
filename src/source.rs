//! Source files and the byte spans that point into them.
//!
//! The text of each file is kept once, here, as an `Arc<str>`; AST nodes and diagnostics carry only a [`Span`].

use std::sync::{Arc, OnceLock};

use serde::Serialize;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// The first byte, counted from the start of the file.
    pub start: u32,
    /// One past the last byte; never before `start`.
    pub end: u32,
}

impl Span {
    /// The span `start..end` in `file`. An `end` before `start` gives the empty span at `start`; offsets past
    /// 4 GiB (which the size limits never let through) are clamped.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: clamp_u32(start),
            end: clamp_u32(end.max(start)),
        }
    }

    /// The empty span at `offset`, for "something is missing here".
    pub fn point(file: FileId, offset: usize) -> Span {
        Span::new(file, offset, offset)
    }

    /// The byte range, to slice the file's text with.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// How many bytes the span covers.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no byte (a point, for "something is missing here").
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both (same file).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether `other` lies within this span, in the same file.
    pub fn contains(self, other: Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }
}

/// Where each line after the first starts: after every `\n`, and after every `\r` not followed by `\n`. A lone
/// carriage return ends a line as old Mac files end them, so their diagnostics show the line the error is on, not
/// the whole file as line 1 (miette's excerpts, built by `diagnostics::excerpt` from this table, agree). The breaks
/// are counted rather than normalised away, so that every span stays a byte range of the file as written.
pub(crate) fn line_breaks(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', text)
        .filter(|&i| !(text.get(i) == Some(&b'\r') && text.get(i + 1) == Some(&b'\n')))
        .map(|i| i + 1)
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A value and the text it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// What the text means.
    pub value: T,
    /// Where the text is: a diagnostic about the value points here.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// `value`, read from the text at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    /// The value turned into another, at the same place.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned {
            value: f(self.value),
            span: self.span,
        }
    }

    /// The same place, borrowing the value.
    pub fn as_ref(&self) -> Spanned<&T> {
        Spanned {
            value: &self.value,
            span: self.span,
        }
    }
}

/// A 1-based line and column; the column counts Unicode scalar values, as editors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// The line, counted from 1.
    pub line: usize,
    /// The column, counted from 1 in Unicode scalar values.
    pub column: usize,
}

/// One source file: its name as shown to the user and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user would write it (relative to where they ran the tool), with `/` separators.
    pub name: String,
    /// The file's text as read (UTF-8), shared with the diagnostics that show it.
    pub text: Arc<str>,
    /// Shared with the diagnostics rendered from the file, which find their lines in it.
    line_starts: Arc<[u32]>,
    /// Where each line starts in UTF-16 code units, as JavaScript strings index text. Built on first use: only
    /// diagnostics in JSON need it, and a workspace's files are mostly clean.
    utf16_line_starts: OnceLock<Box<[u32]>>,
}

impl SourceFile {
    /// A file named `name` (as the user sees it) with its text; its table of line starts is built here.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        let text: Arc<str> = text.into();
        // memchr finds the line breaks many bytes at a time; the table is collected into its shared slice once.
        let line_starts: Arc<[u32]> = std::iter::once(0)
            .chain(line_breaks(text.as_bytes()).map(clamp_u32))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            utf16_line_starts: OnceLock::new(),
        }
    }

    fn utf16_line_starts(&self) -> &[u32] {
        self.utf16_line_starts.get_or_init(|| {
            // One pass over bytes rather than chars: a UTF-16 unit for every byte that starts a character, and
            // a second one for a four-byte character.
            let mut starts = Vec::with_capacity(self.line_starts.len());
            starts.push(0);
            let mut utf16 = 0usize;
            let mut breaks = self.line_starts.iter().skip(1).peekable();
            for (i, b) in self.text.bytes().enumerate() {
                utf16 += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
                if breaks.next_if(|&&start| start as usize == i + 1).is_some() {
                    starts.push(clamp_u32(utf16));
                }
            }
            starts.into_boxed_slice()
        })
    }

    /// The 1-based line of a byte offset and the text of that line before it. The offset is clamped to the text
    /// and moved forward to a character boundary, so a character the offset falls inside counts as before it.
    fn line_before(&self, offset: u32) -> (usize, &str) {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset += 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            .max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0) as usize;
        (line, self.text.get(line_start..offset).unwrap_or(""))
    }

    /// A byte offset counted in UTF-16 code units (clamped to the text, and to a character boundary): where a
    /// JavaScript string holding the same text has it.
    pub fn utf16_offset(&self, offset: u32) -> usize {
        let (line, before) = self.line_before(offset);
        let line_start = self.utf16_line_starts().get(line - 1).copied().unwrap_or(0) as usize;
        line_start + before.encode_utf16().count()
    }

    /// Line and column of a byte offset (clamped to the text, and to a character boundary).
    pub(crate) fn line_col(&self, offset: u32) -> LineCol {
        let (line, before) = self.line_before(offset);
        LineCol {
            line,
            column: before.chars().count() + 1,
        }
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts
            .get(line.checked_sub(1)?)
            .map(|&s| s as usize)
    }

    #[cfg(test)]
    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Where each line starts, as byte offsets: the first is 0.
    pub fn line_starts(&self) -> &Arc<[u32]> {
        &self.line_starts
    }

    /// The text `span` covers, or `""` when it does not fall on character boundaries inside this file.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Every file of a run, indexed by [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// No files yet.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// The id the next [`add`](Sources::add) will give, so that a file can be read (its spans made) before it is
    /// added, and added only when a diagnostic has to show it.
    pub fn next_id(&self) -> FileId {
        FileId(clamp_u32(self.files.len()))
    }

    /// Keeps `file` and gives its id; ids are given in order, from 0.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(clamp_u32(self.files.len() - 1))
    }

    /// The file with this id, if it was added.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The file's name as shown to the user, or `<unknown>` for an id never added.
    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map_or("<unknown>", |f| f.name.as_str())
    }

    /// The text a span covers in its file, or `""` when the span points nowhere.
    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).map_or("", |f| f.slice(span))
    }

    /// Every file with its id, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(clamp_u32(i)), f))
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Renames each file `rename` gives a new name.
    pub(crate) fn rename(&mut self, rename: impl Fn(&str) -> Option<String>) {
        for file in &mut self.files {
            if let Some(name) = rename(&file.name) {
                file.name = name;
            }
        }
    }

    /// Whether no file was added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
