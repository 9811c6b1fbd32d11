//! Any bytes as a plan, checked, and its diagnostics rendered for people in both languages, with more diagnostics
//! whose spans the input picks (anywhere, across lines, on long lines): no panic, no hidden character in the
//! output but line feeds, and each diagnostic's rendering bounded by a constant plus its message.
#![no_main]

use kehoach::check::check_workspace;

use kehoach::diagnostics::{Code, Diagnostic, Lang, Text, is_hidden, render};
use kehoach::source::Span;
use kehoach::workspace::{MemoryFileSystem, load_memory};
use libfuzzer_sys::fuzz_target;

/// What one diagnostic may render to beyond its message: nine labels of 200 characters, a 2,000-character help,
/// and at most 63 excerpt lines of 18 windows of 121 characters, each shown in at most 8 bytes (`\u{202e}`).
const MOST_PER_DIAGNOSTIC: usize = 2_000_000;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut fs = MemoryFileSystem::new();
    fs.insert("plan.plan", text.to_string());
    let workspace = load_memory(&fs);
    let checked = check_workspace(&workspace);
    let mut diagnostics = checked.diagnostics.clone();
    if let Some((file, _)) = workspace.sources.iter().next() {
        // Spans from the input's own bytes, two bytes an offset, so that they land anywhere in the text.
        let offsets: Vec<usize> = data
            .chunks(2)
            .map(|c| c.iter().fold(0usize, |n, &b| n * 256 + usize::from(b)))
            .collect();
        let mut picked = Diagnostic::new(
            Code::Syntax,
            Span::new(
                file,
                offsets.first().copied().unwrap_or(0),
                offsets.get(1).copied().unwrap_or(0),
            ),
            Text::new(text.chars().take(40).collect::<String>(), "?"),
        )
        .with_label(Text::new(
            text.chars().rev().take(40).collect::<String>(),
            "?",
        ));
        for pair in offsets.chunks(2).skip(1).take(50) {
            let (start, end) = (
                pair.first().copied().unwrap_or(0),
                pair.get(1).copied().unwrap_or(0),
            );
            picked = picked.with_other(
                Span::new(file, start.min(end), start.max(end)),
                Text::new("there", "đó"),
            );
        }
        diagnostics.push(picked);
    }
    for lang in [Lang::En, Lang::Vi] {
        for d in &diagnostics {
            let shown = render(std::slice::from_ref(d), &workspace.sources, lang, false);
            // A character of the message shows as at most ten bytes (`\u{10ffff}`).
            let message = 10 * d.message.get(lang).chars().count();
            assert!(
                shown.len() <= MOST_PER_DIAGNOSTIC + 2 * message,
                "{} bytes for {d:?}",
                shown.len()
            );
            assert!(
                !shown.contains(|c: char| c != '\n' && is_hidden(c)),
                "{shown:?}"
            );
        }
    }
});
