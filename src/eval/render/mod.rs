//! Rendering a report for people: a table for an 80-column terminal, Markdown for a pull-request comment, and one
//! self-contained HTML page. Pure functions of the report, so the browser package can use them too.

mod html;
mod markdown;
mod table;

pub use html::html;
pub use markdown::markdown;
pub use table::table;
