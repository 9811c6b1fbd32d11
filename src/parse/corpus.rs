//! The parser against a fixed corpus: every bundled plan and facts file, every fixture (the spec example among
//! them), generated workspaces, and a fixed set of versions of all of them broken by random edits.
//!
//! The snapshot holds a digest of the syntax tree and of the diagnostics of each. It was made before the
//! hand-written fast path was removed and the grammar rewritten for speed (issue 16), with pest and the lowering of
//! that time (their spans made exact), so it holds the rewrite to "parses exactly as before": the same trees, the
//! same syntax errors, each at the same place. A change of the language changes it, and `cargo insta review` then
//! names the inputs that parse differently (`KEHOACH_CORPUS_DUMP`, below, says how). A property test adds random
//! edits of its own: parsing never panics, every span of the tree is exact (no blank at either end) and every
//! diagnostic points inside its file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::generate::{Random, Shape, workspace};
use crate::parse::{parse_facts, parse_plan};
use crate::source::FileId;

fn files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// The written files with one extension, by their path under the crate, in order.
fn written(extension: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("plans"), extension, &mut paths);
    files(&root.join("tests/fixtures"), extension, &mut paths);
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.strip_prefix(root).unwrap_or(p).to_string_lossy();
            let text = std::fs::read_to_string(p).unwrap_or_default();
            (name.replace('\\', "/"), text)
        })
        .collect()
}

fn generated(items: usize) -> Vec<(String, String)> {
    workspace(Shape::with_items(items))
        .into_iter()
        .map(|f| (format!("generated {items}: {}", f.path), f.text))
        .collect()
}

/// Tokens that make or break statements, inserted at random places.
const TOKENS: [&str; 34] = [
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
    "t01 done 2023-01-25",
    "grdp 2023 = 7.9",
];

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies one edit: insert a token or a character, delete or replace a range. Returns a window of the text
/// around the edit (whole lines), so that large files stay quick to compare.
fn mutate(text: &str, kind: u8, at: usize, len: usize, token: usize, ch: char) -> String {
    let at = floor_boundary(text, at % (text.len() + 1));
    let end = floor_boundary(text, at + len % 40);
    let token = TOKENS.get(token % TOKENS.len()).copied().unwrap_or("");
    let (head, rest) = text.split_at(at);
    let tail = text.get(end..).unwrap_or("");
    let mut out = String::with_capacity(text.len() + 40);
    out.push_str(head);
    match kind % 4 {
        0 => {
            out.push_str(token);
            out.push_str(rest);
        }
        1 => out.push_str(tail),
        2 => {
            out.push(ch);
            out.push_str(tail);
        }
        _ => {
            out.push_str(token);
            out.push_str(tail);
        }
    }
    // Keep about 3 000 bytes around the edit, cut at line starts.
    let before = out
        .get(..floor_boundary(&out, at.saturating_sub(1_500)))
        .unwrap_or("");
    let from = before.rfind('\n').map_or(0, |i| i + 1);
    let to = floor_boundary(&out, at + 1_500);
    let to = out
        .get(to..)
        .and_then(|r| r.find('\n'))
        .map_or(out.len(), |i| to + i);
    out.get(from..to).unwrap_or("").to_string()
}

/// `count` texts, each one of `texts` with one to three random edits, the same on every machine (SplitMix64).
fn mutated(texts: &[(String, String)], count: usize, seed: u64) -> Vec<String> {
    let mut random = Random(seed);
    (0..count)
        .map(|_| {
            let mut text = texts
                .get(random.below(texts.len()))
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            for _ in 0..1 + random.below(3) {
                let kind = u8::try_from(random.below(4)).unwrap_or(0);
                let ch =
                    char::from_u32(u32::try_from(random.below(0x3000)).unwrap_or(0)).unwrap_or('x');
                let (at, len, token) =
                    (random.below(usize::MAX), random.below(64), random.below(64));
                text = mutate(&text, kind, at, len, token, ch);
            }
            text
        })
        .collect()
}

/// FNV-1a: a digest that stays the same across Rust releases, unlike `DefaultHasher`.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One line of the snapshot: what parsing a text gave, in a few words and two digests.
fn summary(text: &str, tree: &str, diagnostics: &[crate::diagnostics::Diagnostic]) -> String {
    // A digest says that something changed, not what: `KEHOACH_CORPUS_DUMP=FILE` writes every tree and diagnostic
    // in full, and the text they came from, so that the runs before and after a change can be compared.
    if let Ok(path) = std::env::var("KEHOACH_CORPUS_DUMP") {
        use std::io::Write as _;
        let mut dump = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap();
        writeln!(dump, "=====\n{tree}\n{diagnostics:#?}\n----- input\n{text}").unwrap();
    }
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    format!(
        "tree {:016x}, diagnostics {:016x} [{}]",
        digest(tree),
        digest(&format!("{diagnostics:?}")),
        codes.join(" ")
    )
}

fn plan_summary(text: &str) -> String {
    let (file, diagnostics) = parse_plan(text, FileId(7));
    summary(text, &format!("{file:?}"), &diagnostics)
}

fn facts_summary(text: &str) -> String {
    let (facts, diagnostics) = parse_facts(text, FileId(7));
    summary(text, &format!("{facts:?}"), &diagnostics)
}

/// Mutated texts are summed up by the bucket: one line per `BUCKET` of them.
const BUCKET: usize = 25;

fn buckets(out: &mut String, name: &str, texts: &[String], parse: fn(&str) -> String) {
    for (i, chunk) in texts.chunks(BUCKET).enumerate() {
        let lines: Vec<String> = chunk.iter().map(|t| parse(t)).collect();
        let errors = lines.iter().filter(|l| !l.ends_with("[]")).count();
        let _ = writeln!(
            out,
            "{name} {:04}..{:04}: {:016x} ({errors} with diagnostics)",
            i * BUCKET,
            i * BUCKET + chunk.len(),
            digest(&lines.join("\n"))
        );
    }
}

#[test]
fn the_corpus_parses_as_recorded() {
    let mut plans = written("plan");
    let facts = written("facts");
    let mut out = String::new();
    for (name, text) in &plans {
        let _ = writeln!(out, "{name}: {}", plan_summary(text));
    }
    for (name, text) in &facts {
        let _ = writeln!(out, "{name}: {}", facts_summary(text));
    }
    for items in [300, 3_000] {
        for (name, text) in generated(items) {
            let _ = writeln!(out, "{name}: {}", plan_summary(&text));
        }
    }
    plans.extend(generated(300));
    buckets(
        &mut out,
        "mutated plans",
        &mutated(&plans, 1_500, 16),
        plan_summary,
    );
    buckets(
        &mut out,
        "mutated facts",
        &mutated(&facts, 250, 61),
        facts_summary,
    );
    insta::assert_snapshot!(out);
}

/// Every `Span { … }` in a tree's debug form, as (start, end).
fn spans(debug: &str) -> Vec<(usize, usize)> {
    let number = |s: &str, key: &str| -> Option<usize> {
        let rest = s.get(s.find(key)? + key.len()..)?;
        rest.get(..rest.find(|c: char| !c.is_ascii_digit())?)?
            .parse()
            .ok()
    };
    debug
        .split("Span {")
        .skip(1)
        .filter_map(|s| Some((number(s, "start: ")?, number(s, "end: ")?)))
        .collect()
}

/// A span of the tree is exact: it neither starts nor ends with a blank.
fn assert_exact(text: &str, debug: &str) {
    for (start, end) in spans(debug) {
        let covered = text.get(start..end);
        assert!(covered.is_some(), "span {start}..{end} outside of:\n{text}");
        let covered = covered.unwrap_or("");
        assert_eq!(
            covered,
            covered.trim(),
            "span {start}..{end} not exact in:\n{text}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn edited_plans_parse_to_exact_spans_and_diagnostics_inside_the_file(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>(), any::<char>()), 1..4),
    ) {
        thread_local! {
            static CORPUS: Vec<(String, String)> = {
                let mut texts = written("plan");
                texts.extend(written("facts"));
                texts.extend(generated(300));
                texts
            };
        }
        CORPUS.with(|corpus| {
            let (name, text) = file.get(corpus);
            let mut text = text.clone();
            for (kind, at, len, token, ch) in edits {
                text = mutate(&text, kind, at, len, token, ch);
            }
            // Comments run to the end of their line, blanks included: only the tree's own spans are checked.
            let (debug, diagnostics) = if name.ends_with(".facts") {
                let (mut facts, diagnostics) = parse_facts(&text, FileId(7));
                if let Some(f) = &mut facts {
                    f.comments.clear();
                }
                (format!("{facts:?}"), diagnostics)
            } else {
                let (mut file, diagnostics) = parse_plan(&text, FileId(7));
                file.comments.clear();
                (format!("{file:?}"), diagnostics)
            };
            assert_exact(&text, &debug);
            for d in &diagnostics {
                assert!(d.span.end as usize <= text.len(), "{d:?} outside of:\n{text}");
            }
        });
    }
}

/// A lone `\r` ends a line (old Mac files), as it does for the line table of diagnostics (`source::SourceFile`):
/// with every `\n` written `\r`, a plan or facts file parses to the same tree and the same diagnostics, each at
/// the same byte offsets and naming the same lines. Texts that hold a `\r` already are left out (a `\r\n` would
/// become two line breaks).
#[test]
fn lone_carriage_returns_end_lines_as_newlines_do() {
    let mut plans = written("plan");
    plans.extend(generated(300));
    let facts = written("facts");
    let mutated_plans = mutated(&plans, 300, 16);
    let mutated_facts = mutated(&facts, 100, 61);
    let texts = plans
        .iter()
        .map(|(_, t)| (false, t))
        .chain(facts.iter().map(|(_, t)| (true, t)))
        .chain(mutated_plans.iter().map(|t| (false, t)))
        .chain(mutated_facts.iter().map(|t| (true, t)));
    let mut compared = 0;
    for (is_facts, text) in texts.filter(|(_, t)| !t.contains('\r')) {
        let old_mac = text.replace('\n', "\r");
        let parse = |text: &str| {
            if is_facts {
                let (facts, diagnostics) = parse_facts(text, FileId(7));
                (format!("{facts:?}"), format!("{diagnostics:?}"))
            } else {
                let (file, diagnostics) = parse_plan(text, FileId(7));
                (format!("{file:?}"), format!("{diagnostics:?}"))
            }
        };
        let (tree, diagnostics) = parse(text);
        let (old_mac_tree, old_mac_diagnostics) = parse(&old_mac);
        assert_eq!(tree, old_mac_tree, "with `\\r` for `\\n`:\n{text}");
        assert_eq!(
            diagnostics, old_mac_diagnostics,
            "with `\\r` for `\\n`:\n{text}"
        );
        compared += 1;
    }
    assert!(compared > 300, "{compared} texts compared");
}
