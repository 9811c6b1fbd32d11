//! The bundled plans and their facts, mutated at random (bytes, tokens and lines deleted, repeated, swapped or
//! replaced), go through every stage — check, facts, evaluation, formatting — without a panic, and every
//! diagnostic points inside its file. Runs in CI on every change; the fuzz targets in `fuzz/` go further.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kehoach::check::check_workspace;
use kehoach::diagnostics::Diagnostic;
use kehoach::source::{SourceFile, Sources};
use kehoach::workspace::{MemoryFileSystem, load_memory};
use proptest::prelude::*;

/// One bundled plan: its folder's files, and its facts in both forms.
struct Bundle {
    plan: String,
    files: Vec<(String, String)>,
    facts: Vec<(String, String)>,
}

fn bundles() -> Vec<Bundle> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        let mut files = Vec::new();
        let mut facts = Vec::new();
        let mut plan = String::new();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for path in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if name.ends_with(".plan") {
                if name != "agencies.plan" {
                    plan = name.clone();
                }
                files.push((name, text));
            } else if name.ends_with(".facts") || name.ends_with(".facts.json") {
                facts.push((name, text));
            }
        }
        if !plan.is_empty() {
            out.push(Bundle { plan, files, facts });
        }
    }
    out
}

/// One edit of a text, at a place chosen by the fraction `at`.
#[derive(Clone, Debug)]
enum Edit {
    DeleteBytes(prop::sample::Index, usize),
    RepeatBytes(prop::sample::Index, usize),
    Insert(prop::sample::Index, &'static str),
    SwapLines(prop::sample::Index, prop::sample::Index),
    DeleteLine(prop::sample::Index),
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "\"",
    ",",
    ";",
    "..",
    "~",
    ">=",
    "<",
    "=",
    "-",
    "/",
    "*",
    "\n",
    "\u{a0}",
    "đ",
    "99999999999999999999999999999999",
    "0.0000000000000000000000000001",
    "-1",
    "2021-02-30",
    "2021-Q5",
    "Q2",
    "M13",
    "after",
    "lead",
    "goal",
    "value",
    "by",
    "yearly",
    "average",
    "shares 100",
    "target x \"x\" {",
    "task",
    "section \"1\" \"s\" {",
    "use \"agencies.plan\"",
    "use \"../../etc/passwd\"",
    "done",
    "progress",
    "assessed",
    "as_of",
    "\u{0}",
    "\u{feff}",
    "//",
    "/*",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..200).prop_map(|(a, n)| Edit::DeleteBytes(a, n)),
        (any::<prop::sample::Index>(), 1usize..200).prop_map(|(a, n)| Edit::RepeatBytes(a, n)),
        (any::<prop::sample::Index>(), prop::sample::select(TOKENS))
            .prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Edit::SwapLines(a, b)),
        any::<prop::sample::Index>().prop_map(Edit::DeleteLine),
    ]
}

/// The nearest character boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for e in edits {
        let len = text.len().max(1);
        match e {
            Edit::DeleteBytes(at, n) => {
                let a = boundary(&text, at.index(len));
                let b = boundary(&text, a + n);
                text.replace_range(a..b, "");
            }
            Edit::RepeatBytes(at, n) => {
                let a = boundary(&text, at.index(len));
                let b = boundary(&text, a + n);
                let piece = text[a..b].to_string();
                text.insert_str(b, &piece);
            }
            Edit::Insert(at, token) => {
                let a = boundary(&text, at.index(len));
                text.insert_str(a, token);
            }
            Edit::SwapLines(a, b) => {
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let (i, j) = (a.index(lines.len()), b.index(lines.len()));
                    lines.swap(i, j);
                }
                text = lines.join("\n");
            }
            Edit::DeleteLine(a) => {
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    lines.remove(a.index(lines.len()));
                }
                text = lines.join("\n");
            }
        }
    }
    text
}

fn assert_inside(sources: &Sources, d: &Diagnostic) {
    for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
        let text = sources.get(span.file).map_or("", |f| &f.text);
        assert!(
            span.start <= span.end
                && (span.end as usize) <= text.len()
                && text.is_char_boundary(span.start as usize)
                && text.is_char_boundary(span.end as usize),
            "{}: span {span:?} outside its file of {} bytes",
            d.code,
            text.len()
        );
    }
}

/// Every stage on the (possibly mutated) files: check, then facts and evaluation against whatever model there
/// is, then the formatter on the plan.
#[expect(clippy::unwrap_used, reason = "a test helper: a report that cannot be written is a failure")]
fn run_all(bundle: &Bundle, plan_text: &str, facts: &(String, String)) {
    let mut fs = MemoryFileSystem::new();
    for (name, text) in &bundle.files {
        let text = if *name == bundle.plan {
            plan_text
        } else {
            text.as_str()
        };
        fs.insert(name, text.to_string());
    }
    let mut workspace = load_memory(&fs);
    let checked = check_workspace(&workspace);
    for d in &checked.diagnostics {
        assert_inside(&workspace.sources, d);
    }
    if let Some(model) = checked.models.first() {
        let file = workspace
            .sources
            .add(SourceFile::new(facts.0.clone(), facts.1.as_str()));
        let (read, mut diagnostics) = kehoach::facts::read(&facts.0, &facts.1, file);
        if let Some(read) = read {
            let held = kehoach::facts::check(model, &read);
            diagnostics.extend(held.diagnostics.iter().cloned());
            for as_of in ["2021-01-01", "2023-09-30", "2031-12-31"] {
                let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
                let report = kehoach::eval::evaluate_index(
                    model,
                    &held.index,
                    &kehoach::eval::Options::new(as_of),
                );
                serde_json::to_string(&report).unwrap();
            }
        }
        for d in &diagnostics {
            assert_inside(&workspace.sources, d);
        }
    }
    if let Ok(formatted) = kehoach::fmt::format(plan_text) {
        assert_eq!(
            kehoach::fmt::format(&formatted).ok().as_deref(),
            Some(formatted.as_str()),
            "fmt is not idempotent"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A mutated bundled plan, with its facts intact.
    #[test]
    fn mutated_bundled_plans_never_panic(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let bundles = bundles();
        prop_assume!(!bundles.is_empty());
        let bundle = which.get(&bundles);
        let plan = bundle.files.iter().find(|(n, _)| *n == bundle.plan).map(|(_, t)| t.clone()).unwrap();
        let facts = bundle.facts.first().cloned().unwrap_or_default();
        run_all(bundle, &apply(&plan, &edits), &facts);
    }

    /// Mutated facts, text and JSON, against an intact bundled plan.
    #[test]
    fn mutated_bundled_facts_never_panic(
        which in any::<prop::sample::Index>(),
        form in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let bundles = bundles();
        prop_assume!(!bundles.is_empty());
        let bundle = which.get(&bundles);
        prop_assume!(!bundle.facts.is_empty());
        let (name, text) = form.get(&bundle.facts).clone();
        let plan = bundle.files.iter().find(|(n, _)| *n == bundle.plan).map(|(_, t)| t.clone()).unwrap();
        run_all(bundle, &plan, &(name, apply(&text, &edits)));
    }
}

/// The corpus is what the properties above mutate: it must hold the three bundled plans and their facts.
#[test]
fn every_bundled_plan_comes_with_facts_in_both_forms() {
    let bundles = bundles();
    assert_eq!(bundles.len(), 3);
    for b in &bundles {
        assert_eq!(b.facts.len(), 2, "{}", b.plan);
    }
}
