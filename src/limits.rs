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

/// Most declarations in one scope.
pub const MAX_ITEMS: usize = 2_000_000;

/// Most syntax errors reported per file; later ones are summarised.
pub const MAX_SYNTAX_ERRORS: usize = 50;

/// Most digits in a number literal (a `rust_decimal` holds 28–29 significant digits).
pub const MAX_NUMBER_DIGITS: usize = 28;

/// Longest `kehoach fmt --check` spends looking for a small diff of one file; past it, what is left is shown as
/// replaced whole. A diff is for reading: a file rewritten from top to bottom gains nothing from a minimal one.
pub const DIFF_TIME: std::time::Duration = std::time::Duration::from_secs(2);
