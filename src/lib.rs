#![deny(missing_docs)]
#![doc = include_str!("../ARCHITECTURE.md")]

// pest_derive without its `std` feature (see Cargo.toml) generates code that names `::alloc`.
extern crate alloc;

pub(crate) mod ast;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod deadline;
pub(crate) mod decimal;
pub mod diagnostics;
pub mod diff;
pub mod eval;
pub mod export;
pub mod facts;
pub mod fmt;
pub mod form;
pub mod fuzzy;
pub mod generate;
pub(crate) mod hash;
pub mod ide;
pub mod limits;
pub mod model;
pub mod parse;
mod project;
mod sort;
pub mod source;
pub mod workspace;

pub use project::{
    EvalOptions, Facts, Findings, PickError, Plan, Project, Refusal, Source, format,
};
pub use workspace::{Input, Unreadable};

/// The version of the language and tools.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
