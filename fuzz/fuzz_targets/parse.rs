//! Any bytes, read as a plan: parsing returns an AST and diagnostics, never panics, and every span lies inside the
//! text.
#![no_main]

use kehoach::source::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (_, diagnostics) = kehoach::parse::parse_plan(&text, FileId(0));
    for d in &diagnostics {
        assert!(d.span.end as usize <= text.len() && d.span.start <= d.span.end, "{d:?}");
    }
});
