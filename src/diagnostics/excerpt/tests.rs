use miette::{GraphicalReportHandler, GraphicalTheme};
use proptest::prelude::*;

use super::*;
use crate::diagnostics::{Code, Diagnostic, Lang, Rendered, Text};
use crate::source::{SourceFile, Sources, Span};
use crate::text;

fn excerpt(text: &str, spans: &[Range<usize>]) -> (Excerpt, Vec<Placed>) {
    let file = SourceFile::new("plan.plan", text);
    Excerpt::new("plan.plan", text, file.line_starts(), spans)
}

/// A diagnostic at `span` with a label at each of `others`, rendered as `kehoach check` shows it.
fn rendered(text: &str, span: Range<usize>, others: &[(usize, usize)]) -> String {
    let mut sources = Sources::new();
    let file = sources.add(SourceFile::new("plan.plan", text));
    let mut d = Diagnostic::new(
        Code::DuplicateId,
        Span::new(file, span.start, span.end),
        text!("duplicate id `t`", "trùng mã `t`"),
    )
    .with_label(text!("here", "ở đây"));
    for (i, other) in others.iter().enumerate() {
        d = d.with_other(
            Span::new(file, other.0, other.1),
            Text::new(format!("{}. there", i + 1), format!("{}. đó", i + 1)),
        );
    }
    render(&d, &sources)
}

fn render(d: &Diagnostic, sources: &Sources) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    handler
        .render_report(&mut out, &Rendered::new(d, sources, Lang::En))
        .unwrap();
    out
}

/// What the excerpt shows of `span`'s first and last few characters.
fn ends(text: &str, span: &Range<usize>, n: usize) -> (String, String) {
    let s = text.get(span.clone()).unwrap();
    let shown = |part: String| {
        let mut out = String::new();
        push_shown(&mut out, &part);
        out
    };
    let count = s.chars().count();
    (
        shown(s.chars().take(n).collect()),
        shown(s.chars().skip(count.saturating_sub(n)).collect()),
    )
}

#[test]
fn labels_far_apart_are_two_snippets_with_their_own_line_numbers() {
    let mut text = String::from("task a \"A\" { lead x }\n");
    for _ in 0..50_000 {
        text.push_str("// filler\n");
    }
    let second = text.len() + 5;
    text.push_str("task a \"B\" { lead x }\n");
    let shown = rendered(&text, second..second + 1, &[(5, 6)]);
    assert!(shown.lines().count() < 20, "{shown}");
    assert!(shown.contains("[plan.plan:50002:6]"), "{shown}");
    assert!(shown.contains(" 50002 │ task a \"B\""), "{shown}");
    assert!(shown.contains(" 1 │ task a \"A\""), "{shown}");
    assert!(!shown.contains("     3 │"), "{shown}");
}

#[test]
fn a_span_over_many_lines_is_shown_by_its_first_line() {
    let mut text = String::from("section \"I\" \"Kinh tế\" {\n");
    for i in 0..50_000 {
        text.push_str(&format!("  measure m{i} \"M\"\n"));
    }
    text.push_str("}\n");
    let shown = rendered(&text, 0..text.len() - 1, &[]);
    assert!(shown.lines().count() < 12, "{shown}");
    assert!(shown.contains("here (continues to line 50002)"), "{shown}");
    assert!(!shown.contains("m5 "), "{shown}");
}

#[test]
fn a_long_line_is_cut_around_the_span_and_the_underline_stays_under_it() {
    let text = format!(
        "{{\"values\":{{\"x\":\"{}\"}},\"tasks\":{{\"zz\":{{}}}}}}\n",
        "9".repeat(90_000)
    );
    let at = text.find("\"zz\"").unwrap();
    let shown = rendered(&text, at..at + 4, &[(2, 10)]);
    assert!(shown.len() < 2_000, "{shown}");
    let line = shown.lines().find(|l| l.contains("\"zz\"")).unwrap();
    let underline = shown
        .lines()
        .skip_while(|l| !l.contains("\"zz\""))
        .nth(1)
        .unwrap();
    // The underline starts under the `"` of `"zz"` (the lines share their gutter).
    let column = |s: &str, i: usize| s.get(..i).unwrap().chars().count();
    let text_at = column(line, line.find("\"zz\"").unwrap());
    let under_at = column(underline, underline.rfind(" ─").unwrap() + 1);
    assert_eq!(text_at, under_at, "{shown}");
    assert!(line.contains("…"), "{shown}");
    assert!(shown.contains("[plan.plan:1:90029]"), "{shown}");
}

#[test]
fn control_characters_are_pictures_and_escapes() {
    let text = "task t \"\u{1b}]0;x\u{7}\u{1b}[2J\u{9b}\u{202e}\" { lead b }\n";
    let at = text.find("b }").unwrap();
    let shown = rendered(text, at..at + 1, &[]);
    assert!(
        shown.contains("task t \"␛]0;x␇␛[2J\\u{9b}\\u{202e}\" { lead b }"),
        "{shown}"
    );
    assert!(
        !shown.contains(|c: char| c != '\n' && escape::is_hidden(c)),
        "{shown}"
    );
    let line = shown.lines().find(|l| l.contains("lead b")).unwrap();
    let under = shown
        .lines()
        .skip_while(|l| !l.contains("lead b"))
        .nth(1)
        .unwrap();
    let column = |s: &str, i: usize| s.get(..i).unwrap().chars().count();
    assert_eq!(
        column(line, line.find("b }").unwrap()),
        column(under, under.find(['─', '┬']).unwrap()),
        "{shown}"
    );
}

#[test]
fn messages_labels_and_help_quote_the_input_escaped() {
    let mut sources = Sources::new();
    let file = sources.add(SourceFile::new("p\u{1b}[2J.plan", "owner a \"A\tB\"\n"));
    let d = Diagnostic::new(
        Code::SimilarOwners,
        Span::new(file, 8, 13),
        text!("`A\tB\u{9b}` and `A B`", "`A\tB\u{9b}` và `A B`"),
    )
    .with_label(text!("the name\r\u{202e}", "tên\r\u{202e}"))
    .with_help(text!(
        "`owner a \"A\tB\" {{ aka \"A B\" }}`",
        "`owner a \"A\tB\" {{ aka \"A B\" }}`"
    ));
    let shown = render(&d, &sources);
    assert!(
        !shown.contains(|c: char| c != '\n' && escape::is_hidden(c)),
        "{shown:?}"
    );
    assert!(shown.contains("`A\\tB\\u{9b}` and `A B`"), "{shown}");
    assert!(shown.contains("the name\\r\\u{202e}"), "{shown}");
    assert!(shown.contains("help: `owner a \"A\\tB\""), "{shown}");
    assert!(shown.contains("[p\\u{1b}[2J.plan:1:9]"), "{shown}");
}

#[test]
fn lone_carriage_returns_end_lines() {
    let text = "plan \"KH\" {\r  period 2023\r}\rowner a \"A\"\rtask t \"T\" { lead b }\r";
    let at = text.find("lead b").unwrap() + 5;
    let shown = rendered(text, at..at + 1, &[]);
    assert!(shown.contains("[plan.plan:5:19]"), "{shown}");
    assert!(shown.contains(" 4 │ owner a \"A\"\n 5 │ task t"), "{shown}");
    assert!(!shown.contains('\r'), "{shown:?}");
}

#[test]
fn many_labels_show_the_first_and_last_and_count_the_rest() {
    let text: String = (0..1_000)
        .map(|i| format!("task t{i} {{ after t{} }}\n", i + 1))
        .collect();
    let starts: Vec<usize> = text.match_indices("after").map(|(i, _)| i).collect();
    let others: Vec<(usize, usize)> = starts.iter().map(|&i| (i, i + 5)).collect();
    let shown = rendered(&text, 0..4, &others);
    assert!(shown.contains("1. there"), "{shown}");
    assert!(shown.contains("5. there"), "{shown}");
    assert!(!shown.contains("6. there"), "{shown}");
    assert!(shown.contains("998. there"), "{shown}");
    assert!(shown.contains("1000. there"), "{shown}");
    assert!(
        shown.contains("… 992 more places not shown here"),
        "{shown}"
    );
}

#[test]
fn a_diagnostic_renders_the_same_whatever_its_number_of_labels() {
    let shown = |n: usize| {
        let text: String = (0..n)
            .map(|i| format!("task t{i} \"T{i}\" {{ after t{} }}\n", (i + 1) % n))
            .collect();
        let others: Vec<(usize, usize)> = text
            .match_indices("after")
            .map(|(i, _)| (i, i + 5))
            .collect();
        // Digits differ (line numbers, the count left out); the rest is the same.
        rendered(&text, 5..7, &others).replace(|c: char| c.is_ascii_digit() || c == ',', "")
    };
    let small = shown(1_000);
    assert!(small.len() < 3_000, "{small}");
    for n in [10_000, 100_000] {
        let big = shown(n);
        assert_eq!(small.lines().count(), big.lines().count(), "{n}: {big}");
        assert!(big.len() <= small.len() + 64, "{n}: {big}");
    }
}

/// Texts with long lines, every kind of line break, control characters and wide characters; spans anywhere.
fn texts() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{9b}\u{202e}".to_string()),
        Just("Tốc độ 𝔸 ".to_string()),
        "[a-z ]{0,20}",
        "[a-z]{150,400}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_are_placed_on_what_they_cover(text in texts(), cuts in proptest::collection::vec((0usize..5_000, 0usize..300), 1..6)) {
        let spans: Vec<Range<usize>> = cuts
            .iter()
            .map(|&(start, len)| {
                let mut start = start.min(text.len());
                while !text.is_char_boundary(start) { start -= 1; }
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) { end += 1; }
                start..end
            })
            .collect();
        let file = SourceFile::new("plan.plan", text.as_str());
        let (excerpt, placed) = excerpt(&text, &spans);
        // Bounded: a few windows per span, whatever the text.
        prop_assert!(excerpt.text.len() <= spans.len() * 3_000 + 2_000, "{}", excerpt.text.len());
        prop_assert!(!excerpt.text.contains(|c: char| c != '\n' && c != '\t' && escape::is_hidden(c)));
        for (span, placed) in spans.iter().zip(&placed) {
            let start = placed.span.offset();
            let end = start + placed.span.len();
            let shown = excerpt.text.get(start..end);
            prop_assert!(shown.is_some(), "{span:?} at {start}..{end}");
            // The header's line and column are the file's.
            let header = excerpt.read_span(&placed.span, 0, 0).unwrap();
            let at = file.line_col(span.start as u32);
            prop_assert_eq!(header.line() + 1, at.line);
            prop_assert_eq!(header.column() + 1, at.column);
            // A span on one line, as long as a window, is shown whole; a longer one begins and ends as it does.
            if placed.cut_at_line.is_none() && !text.get(span.clone()).unwrap().contains(['\n', '\r']) {
                let (first, last) = ends(&text, span, 8);
                let shown = shown.unwrap();
                prop_assert!(shown.starts_with(&first), "{shown:?} {first:?}");
                prop_assert!(shown.ends_with(&last), "{shown:?} {last:?}");
            }
            // With context, the snippet is the file's lines around it.
            let around = excerpt.read_span(&placed.span, 1, 1).unwrap();
            prop_assert!(around.line() < at.line);
        }
    }

    #[test]
    fn rendering_never_panics_and_stays_small(text in texts(), cuts in proptest::collection::vec((0usize..5_000, 0usize..3_000), 1..12)) {
        let spans: Vec<(usize, usize)> = cuts.iter().map(|&(s, l)| (s, s + l)).collect();
        let first = spans.first().map_or(0..0, |&(s, e)| s..e);
        let shown = rendered(&text, first, spans.get(1..).unwrap_or(&[]));
        prop_assert!(shown.len() < 40_000, "{}", shown.len());
        prop_assert!(!shown.contains(|c: char| c != '\n' && escape::is_hidden(c)), "{shown:?}");
    }
}
