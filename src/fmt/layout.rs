//! Layout: printed statements and the file's comments to lines, with indentation, blank lines and comments placed.
//!
//! Each comment belongs to the block it sits in. One that follows a statement on the same line trails it and
//! stays on that line; one after a `{` trails the block's header line; one on a line of its own stays on its own
//! line before the statement that follows it (or before the `}`). A comment inside a statement that spans lines
//! (a list or an expression continued on the next line) cannot be placed by the printer, so that statement is
//! kept as written, its first line re-indented. The rules are listed for users in `docs/LANGUAGE.md`.

use super::print::Node;
use crate::source::Span;

/// Spaces per level of nesting.
const INDENT: usize = 2;

/// Attribute keywords are padded to this width, so that values start in one column (`implements` is longer and
/// takes a single space).
const KEY_WIDTH: usize = 8;

/// Spaces between a statement and its trailing comment, at the least.
const COMMENT_GAP: usize = 2;

/// One line of output, or a blank line.
#[derive(Debug)]
enum Out {
    Blank,
    Line {
        indent: usize,
        code: String,
        comment: Option<String>,
        kind: Kind,
    },
}

/// Trailing comments line up across consecutive lines of one kind at one indentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Attribute,
    Declaration,
    /// Part of a statement kept as written: its comment is not aligned with others.
    Verbatim,
}

/// Lays out the top-level nodes of a file with its comments.
pub(super) fn layout(text: &str, comments: &[Span], nodes: &[Node]) -> String {
    let mut layout = Layout {
        text,
        out: Vec::new(),
    };
    layout.body(nodes, comments, None, 0, true);
    render(&layout.out)
}

struct Layout<'t> {
    text: &'t str,
    out: Vec<Out>,
}

/// An element of a block: a statement or a comment on its own line.
#[derive(Clone, Copy)]
enum Element {
    Child(usize),
    Comment(Span),
}

impl Layout<'_> {
    fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or("")
    }

    fn comment(&self, span: Span) -> String {
        self.slice(span.start as usize, span.end as usize)
            .trim_end()
            .to_string()
    }

    /// Whether a node comes out on one line.
    fn one_line(&self, node: &Node, inside: &[Span]) -> bool {
        if !inside.is_empty() {
            return false;
        }
        match node {
            Node::Line { .. } => true,
            Node::Block { span, children, .. } => match children.as_slice() {
                [] => true,
                [
                    Node::Line {
                        attribute: true, ..
                    },
                ] => !self
                    .slice(span.start as usize, span.end as usize)
                    .contains('\n'),
                _ => false,
            },
        }
    }

    /// The statements and comments of a block (or of the file, with no `open`). Returns the comment that trails
    /// the block's `{`, if any.
    fn body(
        &mut self,
        children: &[Node],
        comments: &[Span],
        open: Option<usize>,
        indent: usize,
        declarations: bool,
    ) -> Option<Span> {
        // Children are in source order and do not overlap, so one pass over the comments (also in order) finds,
        // for each, the only child that can hold it (the first that ends after it starts) and the child before it.
        let mut inside: Vec<Vec<Span>> = vec![Vec::new(); children.len()];
        let mut trailing: Vec<Option<Span>> = vec![None; children.len()];
        let mut header = None;
        let mut own_line = Vec::new();
        let mut next = 0;
        for &c in comments {
            let (start, end) = (c.start as usize, c.end as usize);
            while children
                .get(next)
                .is_some_and(|ch| ch.span().end as usize <= start)
            {
                next += 1;
            }
            if let Some(list) = inside.get_mut(next)
                && children.get(next).is_some_and(|ch| {
                    let s = ch.span();
                    s.start as usize <= start && end <= s.end as usize
                })
            {
                list.push(c);
                continue;
            }
            let on_line_of = |from: usize| !self.slice(from, start).contains('\n');
            match next.checked_sub(1) {
                Some(i) if on_line_of(children.get(i).map_or(0, |ch| ch.span().end as usize)) => {
                    if let Some(slot) = trailing.get_mut(i) {
                        *slot = Some(c);
                    }
                }
                None if open.is_some_and(|o| on_line_of(o + 1)) => header = Some(c),
                _ => own_line.push(c),
            }
        }

        let mut elements: Vec<(usize, usize, Element)> = children
            .iter()
            .enumerate()
            .map(|(i, ch)| {
                let s = ch.span();
                (s.start as usize, s.end as usize, Element::Child(i))
            })
            .chain(
                own_line
                    .iter()
                    .map(|&c| (c.start as usize, c.end as usize, Element::Comment(c))),
            )
            .collect();
        crate::sort::sort_by_key(&mut elements, |&(start, _, _)| start);
        // For each element, the first child at or after it: a run of comments leads that child.
        let mut next_child: Vec<Option<usize>> = vec![None; elements.len()];
        let mut following = None;
        for (slot, &(_, _, element)) in next_child.iter_mut().zip(&elements).rev() {
            if let Element::Child(i) = element {
                following = Some(i);
            }
            *slot = following;
        }

        let multi_line = |this: &Self, i: usize| {
            children
                .get(i)
                .is_some_and(|ch| !this.one_line(ch, inside.get(i).map_or(&[], Vec::as_slice)))
        };
        let mut previous: Option<(usize, Element)> = None;
        for (k, &(start, end, element)) in elements.iter().enumerate() {
            if let Some((previous_end, previous_element)) = previous {
                let gap = self.slice(previous_end, start);
                let blank_written = gap.matches('\n').count() >= 2;
                // Declarations are set apart by a blank line, placed before the comments that lead the next one,
                // unless both sides are one-liners (a list of owners reads best without).
                let separated = declarations
                    && match (previous_element, next_child.get(k).copied().flatten()) {
                        (Element::Child(p), Some(n)) => multi_line(self, p) || multi_line(self, n),
                        _ => false,
                    };
                if blank_written || separated {
                    self.out.push(Out::Blank);
                }
            }
            match element {
                Element::Child(i) => {
                    if let Some(child) = children.get(i) {
                        let inner = inside.get(i).map_or(&[][..], Vec::as_slice);
                        let trail = trailing.get(i).copied().flatten();
                        self.node(child, inner, trail, indent);
                    }
                }
                Element::Comment(c) => {
                    let code = self.comment(c);
                    self.out.push(Out::Line {
                        indent,
                        code,
                        comment: None,
                        kind: Kind::Declaration,
                    });
                }
            }
            previous = Some((end, element));
        }
        header
    }

    fn node(&mut self, node: &Node, inside: &[Span], trailing: Option<Span>, indent: usize) {
        let trailing = trailing.map(|c| self.comment(c));
        match node {
            Node::Line { span, .. } if !inside.is_empty() => self.verbatim(*span, trailing, indent),
            Node::Line { attribute, .. } => {
                let code = aligned(node);
                self.out.push(Out::Line {
                    indent,
                    code,
                    comment: trailing,
                    kind: if *attribute {
                        Kind::Attribute
                    } else {
                        Kind::Declaration
                    },
                });
            }
            Node::Block {
                head,
                open,
                children,
                declarations,
                ..
            } => {
                if self.one_line(node, inside) {
                    let code = match children.first() {
                        None => format!("{head} {{}}"),
                        Some(child) => format!("{head} {{ {} }}", inline(child)),
                    };
                    self.out.push(Out::Line {
                        indent,
                        code,
                        comment: trailing,
                        kind: Kind::Declaration,
                    });
                    return;
                }
                let header_at = self.out.len();
                self.out.push(Out::Line {
                    indent,
                    code: format!("{head} {{"),
                    comment: None,
                    kind: Kind::Declaration,
                });
                let header_comment =
                    self.body(children, inside, Some(*open), indent + 1, *declarations);
                if let (Some(c), Some(Out::Line { comment, .. })) =
                    (header_comment, self.out.get_mut(header_at))
                {
                    *comment = Some(
                        self.text
                            .get(c.range())
                            .unwrap_or("")
                            .trim_end()
                            .to_string(),
                    );
                }
                self.out.push(Out::Line {
                    indent,
                    code: "}".to_string(),
                    comment: trailing,
                    kind: Kind::Declaration,
                });
            }
        }
    }

    /// A statement holding a comment, as written: its first line re-indented, the others untouched.
    fn verbatim(&mut self, span: Span, trailing: Option<String>, indent: usize) {
        let raw = self.slice(span.start as usize, span.end as usize);
        let lines: Vec<String> = raw.split('\n').map(|l| l.trim_end().to_string()).collect();
        let last = lines.len().saturating_sub(1);
        let mut trailing = trailing;
        for (i, code) in lines.into_iter().enumerate() {
            self.out.push(Out::Line {
                indent: if i == 0 { indent } else { 0 },
                code,
                comment: if i == last { trailing.take() } else { None },
                kind: Kind::Verbatim,
            });
        }
    }
}

/// A line statement in a block: the keyword padded so that values line up.
fn aligned(node: &Node) -> String {
    match node {
        Node::Line {
            key,
            value: Some(value),
            attribute: true,
            ..
        } => format!("{key:<KEY_WIDTH$} {value}"),
        _ => inline(node),
    }
}

/// A line statement with single spaces, as inside a one-line block.
fn inline(node: &Node) -> String {
    match node {
        Node::Line {
            key,
            value: Some(value),
            ..
        } => format!("{key} {value}"),
        Node::Line { key, .. } => key.clone(),
        Node::Block { head, .. } => head.clone(),
    }
}

/// The lines as text. Trailing comments on consecutive lines at one indentation start in one column.
fn render(out: &[Out]) -> String {
    let mut columns = vec![0; out.len()];
    let mut i = 0;
    while i < out.len() {
        let (run_indent, run_kind) = match out.get(i) {
            Some(Out::Line {
                indent,
                comment: Some(_),
                kind,
                ..
            }) if *kind != Kind::Verbatim => (*indent, *kind),
            _ => {
                i += 1;
                continue;
            }
        };
        let run_end = out
            .iter()
            .skip(i)
            .position(|line| {
                !matches!(line, Out::Line { indent, comment: Some(_), kind, .. }
                    if *indent == run_indent && *kind == run_kind)
            })
            .map_or(out.len(), |n| i + n);
        let width = out
            .get(i..run_end)
            .unwrap_or_default()
            .iter()
            .map(|line| match line {
                Out::Line { code, .. } => code.chars().count(),
                Out::Blank => 0,
            })
            .max()
            .unwrap_or(0);
        for column in columns.get_mut(i..run_end).unwrap_or_default() {
            *column = width + COMMENT_GAP;
        }
        i = run_end;
    }

    let mut text = String::new();
    let mut pending_blank = false;
    for (line, column) in out.iter().zip(columns) {
        let Out::Line {
            indent,
            code,
            comment,
            ..
        } = line
        else {
            pending_blank = !text.is_empty();
            continue;
        };
        if pending_blank {
            text.push('\n');
            pending_blank = false;
        }
        let mut row = " ".repeat(indent * INDENT);
        row.push_str(code);
        if let Some(comment) = comment {
            let pad = column.saturating_sub(code.chars().count()).max(COMMENT_GAP);
            row.push_str(&" ".repeat(pad));
            row.push_str(comment);
        }
        text.push_str(row.trim_end());
        text.push('\n');
    }
    text
}
