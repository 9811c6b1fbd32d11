use super::*;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::text;

fn sources(text: &str) -> Sources {
    let mut s = Sources::new();
    s.add(SourceFile::new("plan.plan", text));
    s
}

#[test]
fn json_columns_count_characters_not_bytes() {
    let text = "owner a \"Sở Tài chính\"; task t1";
    let start = text.find("task").unwrap_or(0);
    let d = Diagnostic::new(
        Code::Syntax,
        Span::new(FileId(0), start, start + 4),
        text!("x", "x"),
    )
    .with_other(Span::new(FileId(0), 0, 5), text!("here", "ở đây"));
    let json = json::JsonDiagnostic::new(&d, &sources(text), Lang::Vi);
    // 24 characters precede `task`, 28 bytes do.
    assert_eq!((json.line, json.column, json.end_column), (1, 25, 29));
    assert_eq!(json.range.start, start);
    // `ở` and `à` are one UTF-16 unit each but two bytes in UTF-8: JavaScript's `indexOf` agrees.
    assert_eq!((json.range_utf16.start, json.range_utf16.end), (24, 28));
    assert_eq!(
        json.labels.first().map(|l| (l.message.as_str(), l.column)),
        Some(("ở đây", 1))
    );
    let value = serde_json::to_value(&json).unwrap_or_default();
    for key in [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "labels",
        "help",
    ] {
        assert!(value.get(key).is_some(), "missing `{key}` in {value}");
    }
    assert_eq!(value["code"], "syntax");
    assert_eq!(value["severity"], "error");
}

#[test]
fn codes_round_trip_and_keep_their_severity() {
    for &code in Code::ALL {
        assert_eq!(Code::from_name(code.as_str()), Some(code));
        assert!(!code.summary().en.is_empty() && !code.summary().vi.is_empty());
    }
    assert_eq!(Code::MissingLead.severity(), Severity::Warning);
    assert_eq!(Code::DuplicateId.severity(), Severity::Error);
}

#[test]
fn sorting_puts_diagnostics_in_reading_order_once() {
    let at = |start| Span::new(FileId(0), start, start + 1);
    let mut ds = vec![
        Diagnostic::new(Code::UnusedOwner, at(9), text!("b", "b")),
        Diagnostic::new(Code::Syntax, at(1), text!("a", "a")),
        Diagnostic::new(Code::UnusedOwner, at(9), text!("b", "b")),
    ];
    sort_and_dedup(&mut ds);
    assert_eq!(
        ds.iter().map(|d| d.span.start).collect::<Vec<_>>(),
        vec![1, 9]
    );
    assert_eq!(
        Tally::of(&ds),
        Tally {
            errors: 1,
            warnings: 1
        }
    );
}

#[test]
fn each_file_keeps_its_first_diagnostics_and_a_summary_of_the_rest() {
    use crate::limits::MAX_DIAGNOSTICS_PER_FILE as MAX;
    let at = |file, start: usize| Span::new(FileId(file), start, start + 1);
    // File 0: warnings first, then errors past the cap; file 1: warnings only, past the cap; file 2: a few.
    let mut ds = Vec::new();
    for i in 0..MAX + 10 {
        let code = if i < MAX {
            Code::UnusedOwner
        } else {
            Code::DuplicateId
        };
        ds.push(Diagnostic::new(code, at(0, i), text!("x{i}", "x{i}")));
    }
    for i in 0..MAX + 5 {
        ds.push(Diagnostic::new(
            Code::MissingLead,
            at(1, i),
            text!("y{i}", "y{i}"),
        ));
    }
    for i in 0..3 {
        ds.push(Diagnostic::new(
            Code::Syntax,
            at(2, i),
            text!("z{i}", "z{i}"),
        ));
    }
    ds.reverse();
    sort_and_dedup(&mut ds);
    assert_eq!(ds.len(), 2 * (MAX + 1) + 3);
    let summaries: Vec<&Diagnostic> = ds
        .iter()
        .filter(|d| d.code == Code::LimitExceeded)
        .collect();
    let [first, second] = summaries.as_slice() else {
        panic!("{summaries:#?}");
    };
    // At the first diagnostic left out; an error when an error was left out, else a warning.
    assert_eq!((first.span, first.severity), (at(0, MAX), Severity::Error));
    assert_eq!(
        first.message.en,
        format!(
            "too many problems in this file: 10 more not shown (10 errors, 0 warnings) after the first {MAX}"
        )
    );
    assert_eq!(
        (second.span, second.severity),
        (at(1, MAX), Severity::Warning)
    );
    // Still in reading order: each summary follows its file's kept diagnostics.
    assert_eq!(ds.get(MAX).map(|d| d.code), Some(Code::LimitExceeded));
    assert_eq!(ds.last().map(|d| d.code), Some(Code::Syntax));
}

#[test]
fn a_file_one_over_the_cap_keeps_all_so_sorting_again_changes_nothing() {
    use crate::limits::MAX_DIAGNOSTICS_PER_FILE as MAX;
    let at = |start: usize| Span::new(FileId(0), start, start + 1);
    let mut ds: Vec<Diagnostic> = (0..=MAX)
        .map(|i| Diagnostic::new(Code::UnusedOwner, at(i), text!("x{i}", "x{i}")))
        .collect();
    sort_and_dedup(&mut ds);
    assert_eq!(ds.len(), MAX + 1);
    assert!(ds.iter().all(|d| d.code == Code::UnusedOwner));
    // A capped list sorted again stays as it is.
    ds.push(Diagnostic::new(
        Code::UnusedOwner,
        at(MAX + 1),
        text!("y", "y"),
    ));
    sort_and_dedup(&mut ds);
    let once = ds.clone();
    sort_and_dedup(&mut ds);
    assert_eq!(ds, once);
}

#[test]
fn the_sink_keeps_each_diagnostic_once_and_the_first_of_each_file() {
    use crate::limits::MAX_DIAGNOSTICS_PER_FILE as MAX;
    let at = |start: usize| Span::new(FileId(0), start, start + 1);
    let mut sink = Sink::new();
    // Found twice, as when a file is checked as part of two plans; the errors come last.
    for _ in 0..2 {
        for i in (0..MAX + 20).rev() {
            let code = if i < 20 {
                Code::DuplicateId
            } else {
                Code::UnusedOwner
            };
            sink.push(Diagnostic::new(code, at(i), text!("x{i}", "x{i}")));
        }
    }
    let ds = sink.finish();
    assert_eq!(ds.len(), MAX + 1);
    let summary = ds.iter().find(|d| d.code == Code::LimitExceeded);
    assert_eq!(
        summary.map(|d| (d.severity, d.message.en.as_str())),
        Some((
            Severity::Error,
            format!("too many problems in this file: 20 more not shown (20 errors, 0 warnings) after the first {MAX}")
                .as_str()
        ))
    );
    // In reading order.
    assert!(ds.windows(2).all(|w| w[0].span.start <= w[1].span.start));
}

#[test]
fn utf16_offsets_count_surrogate_pairs_across_lines() {
    // `𝔸` is four bytes and two UTF-16 units; `ệ` is three bytes and one unit.
    let text = "// 𝔸𝔸\nowner a \"Hệ\"\ntask";
    let file = SourceFile::new("plan.plan", text);
    let task = text.find("task").unwrap_or(0) as u32;
    // JavaScript: "// 𝔸𝔸\nowner a \"Hệ\"\ntask".indexOf("task") === 21
    assert_eq!(file.utf16_offset(task), 21);
    assert_eq!(file.utf16_offset(0), 0);
    assert_eq!(file.utf16_offset(u32::MAX), 25);
    // Inside a character: the character counts, as it does for `line_col`.
    assert_eq!(file.utf16_offset(4), 5);
}

#[test]
fn line_starts_agree_with_counting_characters() {
    // Every kind of character width, `\r\n`, lone `\r`, blank lines, and texts with and without a final newline.
    for text in [
        "",
        "\n",
        "\n\n",
        "a",
        "a\n",
        "owner a \"Sở\"\r\n\r\ntask 𝔸 \"Hệ\"\n// ¢€𝔸\n",
        "𝔸\n𝔸𝔸",
        "plan \"KH\" {\r  period 2023\r}\rtask a \"Hệ\"\r",
        "\r\r\n\n\r𝔸\r",
    ] {
        let file = SourceFile::new("plan.plan", text);
        // A lone `\r` ends a line, as `\n` and `\r\n` do.
        let breaks = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(
            file.line_count(),
            breaks(text).matches('\n').count() + 1,
            "{text:?}"
        );
        for (offset, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let before = text.get(..offset).unwrap();
            // Between the `\r` and the `\n` of a `\r\n`, the `\r` is the last character of its line.
            let (lines, inside_crlf) = match before.strip_suffix('\r') {
                Some(rest) if c == '\n' => (breaks(rest), 1),
                _ => (breaks(before), 0),
            };
            let line = lines.matches('\n').count() + 1;
            let column = lines.rsplit('\n').next().unwrap().chars().count() + 1 + inside_crlf;
            assert_eq!(
                file.line_col(offset as u32),
                crate::source::LineCol { line, column },
                "{text:?} at {offset}"
            );
            assert_eq!(
                file.utf16_offset(offset as u32),
                before.encode_utf16().count(),
                "{text:?} at {offset}"
            );
        }
    }
}
