//! The fast path against pest: on every bundled plan, fixture and generated workspace, and on randomly broken
//! versions of them, each statement the fast path takes must lower to what pest and `lower` make of it, and the
//! whole file must parse to the same AST and diagnostics with and without the fast path.

use std::path::{Path, PathBuf};

use pest::Parser;
use proptest::prelude::*;

use crate::ast::Item;
use crate::generate::{Shape, workspace};
use crate::parse::{KehoachParser, ParsePath, Rule, lower, parse_plan_with, scan};
use crate::source::FileId;

fn plan_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            plan_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "plan") {
            out.push(path);
        }
    }
}

/// The bundled plans and every fixture plan (the spec example among them).
fn written() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    plan_files(&root.join("plans"), &mut paths);
    plan_files(&root.join("tests/fixtures"), &mut paths);
    paths.sort();
    assert!(
        paths.iter().any(|p| p.ends_with("spec_example.plan")),
        "the spec example is missing"
    );
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn generated(items: usize) -> Vec<String> {
    workspace(Shape::with_items(items))
        .into_iter()
        .map(|f| f.text)
        .collect()
}

/// What pest and lowering make of one statement, or `None` when pest fails or lowering reports anything.
fn by_pest(piece: &str, base: usize) -> Option<Item> {
    let pair = KehoachParser::parse(Rule::item_only, piece).ok()?.next()?;
    let mut diagnostics = Vec::new();
    let mut lower = lower::Lower {
        file: FileId(3),
        base,
        diagnostics: &mut diagnostics,
    };
    let item = lower.item(pair);
    if diagnostics.is_empty() { item } else { None }
}

/// Compares the two paths statement by statement and file by file; returns (statements the fast path took,
/// statements).
fn compare(text: &str) -> (usize, usize) {
    let fast_file = parse_plan_with(text, FileId(3), ParsePath::Fast);
    let pest_file = parse_plan_with(text, FileId(3), ParsePath::PestOnly);
    assert_eq!(
        fast_file, pest_file,
        "the fast path changed the result of:\n{text}"
    );

    let sweep = scan::scan(text, FileId(3));
    let work = scan::blank_out(text, &sweep.spaces);
    let (mut taken, mut total) = (0, 0);
    for stmt in sweep.items() {
        let piece = &work[stmt.start..stmt.end];
        total += 1;
        let Some(fast) = super::item(piece, FileId(3), stmt.start) else {
            continue;
        };
        taken += 1;
        assert_eq!(
            Some(fast),
            by_pest(piece, stmt.start),
            "the fast path differs from pest on:\n{piece}"
        );
    }
    (taken, total)
}

fn assert_mostly_fast(texts: &[String]) {
    let (mut taken, mut total) = (0, 0);
    for text in texts {
        let (t, n) = compare(text);
        taken += t;
        total += n;
    }
    assert!(total > 0);
    assert!(
        taken * 100 >= total * 99,
        "the fast path took only {taken} of {total} statements"
    );
}

#[test]
fn bundled_plans_and_fixtures_parse_the_same_and_mostly_fast() {
    let texts = written();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bundled = Vec::new();
    plan_files(&root.join("plans"), &mut bundled);
    let bundled: Vec<String> = bundled
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(!bundled.is_empty());
    assert_mostly_fast(&bundled);
    // Fixtures hold syntax errors on purpose: the same results, however few statements are fast.
    for text in &texts {
        compare(text);
    }
}

#[test]
fn generated_workspaces_parse_the_same_and_mostly_fast() {
    assert_mostly_fast(&generated(3_000));
}

#[test]
fn every_form_the_fast_path_takes_matches_pest() {
    // Spacing and line breaks exactly where pest's spans are delicate: the whitespace after a lone id, a single
    // year, a lone operand or a declaration without a block belongs to its rule.
    let cases = [
        "plan \"1/KH\" {\n  period 2021 \n  approx 5.5%\n  implements a , b,\n   c  \n}",
        "plan \"1/KH\" { period 2021 .. 2025 ; issued 2023-1-9; note \"x\\\"y\\\\\" }",
        "document d \"N\"",
        "owner o \"O\" { aka \"A\" , \"B\"  ;note \"n\"}",
        "group g \"G\" { members a  }",
        "section \"I\" \"T\" {\n  task t \"T\"   \n  target x \"X\" { yearly  }\n  section \"S\" { measure m \"M\"  }\n}",
        "target t \"T\" {\n goal 8.1..8.6\n unit \"%\" \n average  \n lead a\n baseline -1_000.50 in 2020\n}",
        "target t \"T\" { goal >=9 ; average 2021..2025 }",
        "target t \"T\" { aim ~ 5; goal \"text\"; by M7 }",
        "target t \"T\" { shares 100 { target a \"A\" { goal 40 }\n measure b \"B\"  } }",
        "target t \"T\" { target a \"A\"  \n target b \"B\" { goal < -3; by 2025-Q2  } }",
        "measure m \"M\" { value = a + b * -c / (d - 2) }",
        "measure m \"M\" { value = sum( a ,\n b ) }",
        "measure m \"M\" { value = f() }",
        "measure m \"M\" { value = x  }",
        "rule r \"R\" { require not a and b or c >= 2023-09-30 == true != as_of\n severity warning }",
        "rule r \"R\" { when - - 5 <= a -5 }",
        "rule r \"R\" { when -----5 < 1 }",
        "rule r \"R\" { require not not a == b }",
        "task t \"T\" { due 2025-12-31; output decision ; after x,\n\n y; monitor m }",
        "report r \"R\" { from a; to b; every quarter by day 15 }",
        "report r \"R\" { every year by 12-15 }",
        "use \"a.plan\"",
    ];
    for case in cases {
        let (taken, total) = compare(case);
        assert_eq!(
            (taken, total),
            (1, 1),
            "not taken by the fast path:\n{case}"
        );
    }
}

#[test]
fn what_lowering_would_report_goes_to_pest() {
    let cases = [
        "target t \"T\" { goal 1; goal 2 }",
        "target t \"T\" { by 2025; yearly }",
        "task t \"T\" { output thing }",
        "rule r \"R\" { require a; when b }",
        "rule r \"R\" { require a > 2023-Q3 }",
        "rule r \"R\" { severity fatal }",
        "report r \"R\" { every week by day 1 }",
        "task t \"T\" { due 2025-Q }",
        "plan \"x\" { issued 2023-02 }",
        "target t \"T\" { goal 12345678901234567890123456789 }",
        "target t \"T\" { goal 5%\n}",
        "owner o \"O\" { members a }",
        "section \"S\" { owner o \"O\" }",
    ];
    for case in cases {
        let (taken, total) = compare(case);
        assert_eq!((taken, total), (0, 1), "taken by the fast path:\n{case}");
    }
}

/// Tokens that make or break statements, inserted at random places.
const TOKENS: [&str; 32] = [
    "{",
    "}",
    "\n",
    " ",
    ";",
    ",",
    "\"",
    "..",
    "-",
    "=",
    "(",
    ")",
    "%",
    "~",
    ">=",
    "<",
    "\\",
    "_",
    "target a \"A\"",
    "lead x",
    "goal 5",
    "by 2025",
    "yearly",
    "value = a + 1",
    "not ",
    "2023-09-30",
    "Q2",
    "and",
    "task",
    "note \"n\"",
    "// c",
    "\u{a0}",
];

fn corpus() -> Vec<String> {
    let mut texts = written();
    texts.extend(generated(300));
    texts
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies one edit: insert a token or a character, delete or replace a range. Returns a window of the text
/// around the edit (whole lines), so that comparisons stay quick on large files.
fn mutate(text: &str, kind: u8, at: usize, len: usize, token: usize, ch: char) -> String {
    let at = floor_boundary(text, at % (text.len() + 1));
    let end = floor_boundary(text, at + len % 40);
    let mut out = String::with_capacity(text.len() + 40);
    out.push_str(&text[..at]);
    match kind % 4 {
        0 => {
            out.push_str(TOKENS[token % TOKENS.len()]);
            out.push_str(&text[at..]);
        }
        1 => out.push_str(&text[end..]),
        2 => {
            out.push(ch);
            out.push_str(&text[end..]);
        }
        _ => {
            out.push_str(TOKENS[token % TOKENS.len()]);
            out.push_str(&text[end..]);
        }
    }
    // Keep about 3 000 bytes around the edit, cut at line starts.
    let from = out[..floor_boundary(&out, at.saturating_sub(1_500))]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let to = floor_boundary(&out, at + 1_500);
    let to = out[to..].find('\n').map_or(out.len(), |i| to + i);
    out[from..to].to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mutated_plans_parse_the_same_with_and_without_the_fast_path(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>(), any::<char>()), 1..4),
    ) {
        thread_local! {
            static CORPUS: Vec<String> = corpus();
        }
        CORPUS.with(|corpus| {
            let mut text = file.get(corpus).clone();
            for (kind, at, len, token, ch) in edits {
                text = mutate(&text, kind, at, len, token, ch);
            }
            compare(&text);
        });
    }
}
