//! The JavaScript adapter of kehoach: a thin wasm-bindgen layer over the library (filled in by the wasm issue).

pub use kehoach::VERSION;
