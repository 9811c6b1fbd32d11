//! Any bytes, read as a plan and turned by the first byte into one with long lines or a comment on every line:
//! `fmt` never panics, refuses only text with errors (never with `format-changes-meaning`, a defect of its own), every
//! diagnostic points inside the text, and what it formats formats again to itself.
#![no_main]

use kehoach::diagnostics::Code;
use kehoach::generate::commented;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let text = match mode % 4 {
        0 => text.into_owned(),
        // A comment after, before or inside every statement.
        1 => commented(&text),
        // Every line's statements side by side on one line, repeated: lines of up to 256 times the input.
        2 => {
            let times = usize::from(mode / 4) + 1;
            text.lines()
                .map(|line| vec![line; times].join("; "))
                .collect::<Vec<_>>()
                .join("\n")
        }
        // Both.
        _ => commented(&text.replace('\n', "; ")),
    };
    match kehoach::fmt::format(&text) {
        Ok(once) => match kehoach::fmt::format(&once) {
            Ok(twice) => assert_eq!(once, twice, "not idempotent"),
            Err(diagnostics) => panic!("the output does not format again: {diagnostics:?}"),
        },
        Err(diagnostics) => {
            for d in &diagnostics {
                assert_ne!(d.code, Code::FormatChangesMeaning, "{d:?}");
                assert!(d.span.end as usize <= text.len() && d.span.start <= d.span.end, "{d:?}");
            }
        }
    }
});
