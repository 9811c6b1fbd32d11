//! The unified diff that `kehoach fmt --check` shows, in time and memory linear in the lines of both texts.
//!
//! `similar`'s `TextDiff` tidies its edit script by shifting runs of inserted and deleted lines with `Vec::insert`
//! and `Vec::remove`, which is quadratic in the number of edits: a 14 MB plan whose every attribute line is
//! realigned took 23 s to diff, 85 % of it moving that vector. Here the edit script is printed as found. Patience
//! diffing anchors on the lines that occur once in each text (declaration heads), so a file rewritten line by line
//! is not Myers' worst case; [`crate::limits::DIFF_TIME`] bounds what is left, at the cost of a coarser diff.

use std::io::{self, Write};
use std::time::Instant;

use similar::algorithms::{Capture, IdentifyDistinct, Replace, diff_deadline};
use similar::udiff::UnifiedHunkHeader;
use similar::{Algorithm, ChangeTag, group_diff_ops};

use crate::diagnostics::escape;
use crate::limits::DIFF_TIME;

/// Unchanged lines shown around each change.
const CONTEXT: usize = 3;

/// Writes the unified diff from `old` to `new` under the header `--- old_name` / `+++ new_name`; nothing when the
/// texts are equal.
pub fn write_unified(
    out: &mut dyn Write,
    old: &str,
    new: &str,
    old_name: &str,
    new_name: &str,
) -> io::Result<()> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    // Lines compared as small integers: one hash per line, not one string comparison per step.
    let distinct = IdentifyDistinct::<u32>::new(
        &old_lines[..],
        0..old_lines.len(),
        &new_lines[..],
        0..new_lines.len(),
    );
    let mut script = Replace::new(Capture::new());
    let Ok(()) = diff_deadline(
        Algorithm::Patience,
        &mut script,
        distinct.old_lookup(),
        distinct.old_range(),
        distinct.new_lookup(),
        distinct.new_range(),
        Some(Instant::now() + DIFF_TIME),
    );
    // Standard output flushes at every line end; a diff can have millions of lines.
    let mut out = io::BufWriter::new(out);
    let mut header = Some((old_name, new_name));
    for hunk in group_diff_ops(script.into_inner().into_ops(), CONTEXT) {
        if let Some((old_name, new_name)) = header.take() {
            writeln!(out, "--- {}", escape::line(old_name))?;
            writeln!(out, "+++ {}", escape::line(new_name))?;
        }
        writeln!(out, "{}", UnifiedHunkHeader::new(&hunk))?;
        for op in &hunk {
            for change in op.iter_changes(&old_lines[..], &new_lines[..]) {
                let sign = match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                };
                let line = change.value();
                // Lines of a plan may hold control characters and bidirectional overrides (in strings and comments):
                // shown as escapes like everywhere kehoach writes for people; line breaks and tabs stay.
                write!(out, "{sign}{}", escape::text(line))?;
                if !line.ends_with('\n') {
                    writeln!(out, "\n\\ No newline at end of file")?;
                }
            }
        }
    }
    out.flush()
}
