#![doc = include_str!("../ARCHITECTURE.md")]

pub mod ast;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod deadline;
pub mod diagnostics;
pub mod form;
pub mod fuzzy;
pub mod limits;
pub mod model;
pub mod parse;
pub mod source;
pub mod workspace;

/// The version of the language and tools.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
