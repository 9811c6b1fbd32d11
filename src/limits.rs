//! The limits every stage honours, so that no input can exhaust the stack, memory or time — in a terminal, in CI or
//! in a browser tab. Exceeding one is a `limit-exceeded` diagnostic, never a crash.

/// Largest plan or facts file read, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Deepest nesting of `{ }` and `( )` together. Real plans nest sections three or four deep.
pub const MAX_NESTING: usize = 48;

/// Most operands and operators in one expression.
pub const MAX_EXPR_NODES: usize = 1_000;

/// Most files one run loads (given and brought in by `use`).
pub const MAX_FILES: usize = 10_000;

/// Most declarations in one plan, its files together (a `limit-exceeded` error past it). The largest real plans
/// have a few hundred.
pub const MAX_ITEMS: usize = 2_000_000;

/// Most syntax errors reported per file; later ones are summarised.
pub const MAX_SYNTAX_ERRORS: usize = 50;

/// Most years a span covers: a plan `period` or an `average` window (`2021..2030` is 10). Real plans cover 1 to 10
/// years, strategies up to 30 (`2021..2050`). A longer span is a `limit-exceeded` error and is left out of the
/// model, as every year of it would be listed in forms, reports and calendars.
pub const MAX_YEAR_SPAN: usize = 100;

/// Most occurrences one plan unfolds into: each due date of a recurring report within the plan period and each
/// year of a `yearly` or `average` target counts one (`every month` over a 10-year plan is 120). The JSON export
/// and the Gantt chart list each, the reporting form asks a value for each (the calendar writes a recurrence as one
/// event with its `RRULE`). The item that goes past it is a
/// `limit-exceeded` error, and that item and later ones are left without their schedule or window.
pub const MAX_OCCURRENCES: usize = 100_000;

/// Most diagnostics reported per file; the others are summed up in one `limit-exceeded` diagnostic (an error if any
/// of them is). Real plans have a few dozen; a million duplicate owners would otherwise print 1.5 GB.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 1_000;

/// Most decimal digits `round(x, digits)` keeps: statistics report one or two; the digits are written as a whole
/// number from 0 to this (a `type-mismatch` error otherwise).
pub(crate) const MAX_ROUND_DIGITS: u32 = 10;

/// Longest note on an item for a period (`t01 2023-Q3 note "…"`), in characters: a paragraph of results,
/// difficulties and proposals fits in a few hundred; a longer one is a `malformed-fact` error, so that a report's
/// notes stay a report's size.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Most digits in a number literal (a `rust_decimal` holds 28–29 significant digits).
pub(crate) const MAX_NUMBER_DIGITS: usize = 28;

/// Longest `kehoach fmt --check` spends looking for a small diff of one file; past it, what is left is shown as
/// replaced whole. A diff is for reading: a file rewritten from top to bottom gains nothing from a minimal one.
pub const DIFF_TIME: std::time::Duration = std::time::Duration::from_secs(2);
