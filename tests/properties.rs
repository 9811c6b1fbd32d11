//! The checker never panics on any input that parses, and every diagnostic points inside its file: random
//! well-formed plans (owners, groups, targets with goals, windows and parts, tasks with `after` and `due`, rules
//! with expressions), and the fixture plans with lines deleted or repeated.

use std::path::Path;

use kehoach::diagnostics::Lang;
use kehoach::diagnostics::json::ByteRange;
use kehoach::{Project, Source};
use proptest::prelude::*;

/// Checks the files and asserts that every place of every diagnostic lies inside its file, on character
/// boundaries, and that every output format renders.
#[expect(
    clippy::unwrap_used,
    reason = "a test helper: generated plans are far below the size limit"
)]
fn check_files(files: &[(&str, String)]) {
    let sources = files
        .iter()
        .map(|(name, text)| Source::new(*name, text.as_str()).unwrap())
        .collect();
    let project = Project::from_sources(sources);
    let findings = project.findings();
    for lang in [Lang::En, Lang::Vi] {
        findings.render(lang, false);
        for d in findings.to_json(lang) {
            assert_inside(files, &d.file, d.range, d.code.as_str());
            for label in &d.labels {
                assert_inside(files, &label.file, label.range, d.code.as_str());
            }
        }
    }
    findings.to_sarif(Lang::Vi, &[]);
}

fn assert_inside(files: &[(&str, String)], file: &str, range: ByteRange, code: &str) {
    let text = files
        .iter()
        .find(|(name, _)| *name == file)
        .map_or("", |(_, text)| text.as_str());
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{code}: range {range:?} outside `{file}` of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{code}: range {range:?} splits a character"
    );
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..200).prop_map(|n| n.to_string()),
        (0u32..100, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (1u32..100).prop_map(|a| format!("{a}.000")),
        Just("0".to_string()),
        Just("100".to_string()),
    ]
}

fn goal() -> impl Strategy<Value = String> {
    (0usize..8, number(), number()).prop_map(|(form, a, b)| match form {
        0 => a,
        1 => format!(">= {a}"),
        2 => format!("> {a}"),
        3 => format!("<= {a}"),
        4 => format!("< {a}"),
        5 => format!("{a}..{b}"),
        6 => format!("~{a}"),
        _ => "\"Nhóm dẫn đầu\"".to_string(),
    })
}

fn deadline() -> impl Strategy<Value = String> {
    prop_oneof![
        (2019i32..2032).prop_map(|y| y.to_string()),
        (2019i32..2032, 0u32..6).prop_map(|(y, q)| format!("{y}-Q{q}")),
        (2019i32..2032, 0u32..4).prop_map(|(y, h)| format!("{y}-H{h}")),
        (2019i32..2032, 0u32..14).prop_map(|(y, m)| format!("{y}-{m:02}")),
        (2019i32..2032, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (0u32..6).prop_map(|q| format!("Q{q}")),
        (0u32..14).prop_map(|m| format!("M{m:02}")),
    ]
}

const UNITS: [&str; 6] = ["%", "%/năm", "tỷ đồng", "người", "giường/vạn dân", "MW"];
const NAMES: [&str; 6] = [
    "Sở Kế hoạch và Đầu tư",
    "Sở KH&ĐT",
    "Sở Công Thương",
    "Sở Công thương",
    "Sở Tài chính",
    "UBND các huyện",
];

/// An owner reference: usually one of the `owners` declared, sometimes a typo or a task.
fn owner_ref(owners: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0..owners.max(1)).prop_map(|i| format!("o{i}")),
        1 => (0..owners.max(1)).prop_map(|i| format!("o{i}x")),
        1 => (0usize..4).prop_map(|i| format!("t{i}")),
    ]
}

fn refs(owners: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(owner_ref(owners), 1..3).prop_map(|v| v.join(", "))
}

/// A target with optional attributes and up to `depth` levels of parts or shares; its id is written `ID`, for the
/// caller to number.
fn target(owners: usize, depth: u32) -> BoxedStrategy<String> {
    let parts = if depth == 0 {
        Just(String::new()).boxed()
    } else {
        (
            prop::collection::vec(0usize..1, 0..3),
            any::<bool>(),
            number(),
        )
            .prop_flat_map(move |(children, shares, total)| {
                let children: Vec<BoxedStrategy<String>> =
                    children.iter().map(|_| target(owners, depth - 1)).collect();
                children.prop_map(move |texts| {
                    if shares {
                        format!("shares {total} {{\n{}\n}}", texts.join("\n"))
                    } else {
                        texts.join("\n")
                    }
                })
            })
            .boxed()
    };
    (
        prop::option::of(0..UNITS.len()),
        prop::option::of(goal()),
        prop::option::of(goal()),
        prop::option::of(prop_oneof![
            deadline().prop_map(|d| format!("by {d}")),
            Just("yearly".to_string()),
            Just("average".to_string()),
            (2019i32..2032, 2019i32..2032).prop_map(|(a, b)| format!("average {a}..{b}")),
        ]),
        prop::option::of(refs(owners)),
        prop::option::of(refs(owners)),
        prop::option::of((number(), deadline())),
        any::<bool>(),
        parts,
    )
        .prop_map(
            move |(unit, goal, aim, window, lead, support, baseline, measure, parts)| {
                let mut lines = Vec::new();
                if let Some(u) = unit.and_then(|u| UNITS.get(u)) {
                    lines.push(format!("unit \"{u}\""));
                }
                lines.extend(goal.map(|g| format!("goal {g}")));
                lines.extend(aim.map(|g| format!("aim {g}")));
                lines.extend(window);
                lines.extend(lead.map(|l| format!("lead {l}")));
                lines.extend(support.map(|l| format!("support {l}")));
                lines.extend(baseline.map(|(n, d)| format!("baseline {n} in {d}")));
                if !parts.is_empty() {
                    lines.push(parts);
                }
                let keyword = if measure { "measure" } else { "target" };
                format!("{keyword} ID \"Chỉ tiêu\" {{\n{}\n}}", lines.join("\n"))
            },
        )
        .boxed()
}

fn expr(targets: usize) -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (0..targets.max(1)).prop_map(|i| format!("g{i}")),
        number(),
        Just("as_of".to_string()),
        Just("2023-06-30".to_string()),
        Just("true".to_string()),
        (0usize..4).prop_map(|i| format!("done(t{i})")),
        (0usize..4).prop_map(|i| format!("days_late(t{i})")),
        (0..targets.max(1)).prop_map(|i| format!("goal_min(g{i})")),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec![
                    "+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or"
                ]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("not {a}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("sum({a}, {b})")),
            inner.prop_map(|a| format!("round(abs({a}), 1)")),
        ]
    })
}

/// A whole plan: header, owners and groups, targets (some derived), tasks, a report and rules.
fn plan() -> impl Strategy<Value = String> {
    (1usize..5, 0usize..4, 0usize..5).prop_flat_map(|(owners, targets, tasks)| {
        let owner_decls =
            prop::collection::vec((0..NAMES.len(), prop::option::of(0..NAMES.len())), owners);
        let group = prop::option::of(refs(owners));
        let target_decls: Vec<BoxedStrategy<String>> = (0..targets)
            .map(|i| {
                (target(owners, 1), prop::option::of(expr(targets)))
                    .prop_map(move |(text, value)| {
                        let text = text.replacen("ID", &format!("g{i}"), 1);
                        // Nested parts get ids of their own.
                        let mut n = 0;
                        let mut out = String::new();
                        for (k, piece) in text.split("ID").enumerate() {
                            if k > 0 {
                                n += 1;
                                out.push_str(&format!("g{i}_{n}"));
                            }
                            out.push_str(piece);
                        }
                        match value {
                            Some(v) => out.replacen('{', &format!("{{\nvalue = {v}"), 1),
                            None => out,
                        }
                    })
                    .boxed()
            })
            .collect();
        let task_decls = prop::collection::vec(
            (
                prop::option::of(refs(owners)),
                prop::option::of(deadline()),
                prop::collection::vec(0..tasks.max(1), 0..3),
                prop::sample::select(vec!["Rà soát", "Rà  soát", "Báo cáo", "Đề án"]),
            ),
            tasks,
        );
        let header = (
            prop_oneof![
                (2020i32..2026).prop_map(|y| y.to_string()),
                (2020i32..2026, 2020i32..2031).prop_map(|(a, b)| format!("{a}..{b}")),
            ],
            prop::option::of((2019i32..2026, 1u32..13, 1u32..29)),
        );
        let rules = prop::collection::vec(expr(targets), 0..3);
        (header, owner_decls, group, target_decls, task_decls, rules).prop_map(
            |((period, issued), owners, group, targets, tasks, rules)| {
                let mut text = format!("plan \"1/KH\" {{ period {period}");
                if let Some((y, m, d)) = issued {
                    text.push_str(&format!("; issued {y}-{m:02}-{d:02}"));
                }
                text.push_str(" }\n");
                for (i, (name, aka)) in owners.iter().enumerate() {
                    let name = NAMES.get(*name).unwrap_or(&"");
                    text.push_str(&format!("owner o{i} \"{name}\""));
                    if let Some(a) = aka.and_then(|a| NAMES.get(a)) {
                        text.push_str(&format!(" {{ aka \"{a}\" }}"));
                    }
                    text.push('\n');
                }
                if let Some(members) = group {
                    text.push_str(&format!("group grp \"Các sở\" {{ members {members} }}\n"));
                }
                for t in targets {
                    text.push_str(&t);
                    text.push('\n');
                }
                for (i, (lead, due, after, title)) in tasks.iter().enumerate() {
                    text.push_str(&format!("task t{i} \"{title}\" {{"));
                    if let Some(l) = lead {
                        text.push_str(&format!(" lead {l};"));
                    }
                    if let Some(d) = due {
                        text.push_str(&format!(" due {d};"));
                    }
                    if !after.is_empty() {
                        let after: Vec<String> = after.iter().map(|a| format!("t{a}")).collect();
                        text.push_str(&format!(" after {};", after.join(", ")));
                    }
                    text.push_str(" }\n");
                }
                text.push_str(
                    "report r \"Báo cáo\" { from grp; to o0; every quarter by day 15 }\n",
                );
                for (i, rule) in rules.iter().enumerate() {
                    text.push_str(&format!("rule q{i} \"Quy tắc\" {{ require {rule} }}\n"));
                }
                text
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_checker_never_panics_on_generated_plans(text in plan()) {
        check_files(&[("plan.plan", text)]);
    }

    #[test]
    fn the_checker_never_panics_across_files(plan in plan(), agencies in plan()) {
        check_files(&[
            ("a/plan.plan", format!("use \"../shared.plan\"\n{plan}")),
            ("b/plan.plan", "use \"../shared.plan\"\nowner zz \"Z\"\n".to_string()),
            ("shared.plan", agencies.replace("plan \"1/KH\"", "// no header")),
        ]);
    }
}

/// The fixture plans, as text.
fn fixture_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts = Vec::new();
    for dir in ["ok", "err"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
    }
    texts.sort();
    texts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Lines deleted or repeated anywhere in a fixture: whatever is left is checked without a panic.
    #[test]
    fn the_checker_never_panics_on_mutated_fixtures(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 1..6),
    ) {
        let texts = fixture_texts();
        prop_assume!(!texts.is_empty());
        let text = pick.get(&texts);
        let mut lines: Vec<&str> = text.lines().collect();
        for (at, delete) in edits {
            if lines.is_empty() {
                break;
            }
            let i = at.index(lines.len());
            if delete {
                lines.remove(i);
            } else {
                let line = lines[i];
                lines.insert(i, line);
            }
        }
        check_files(&[("plan.plan", lines.join("\n"))]);
    }
}

/// The generator makes plans that parse: otherwise the properties above would test little but syntax errors.
#[test]
fn generated_plans_mostly_parse() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = plan();
    let (mut clean, total) = (0, 100);
    let mut codes = std::collections::BTreeSet::new();
    for _ in 0..total {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let source = Source::new("plan.plan", text.as_str()).unwrap();
        // `format` refuses a text with exactly the parser's diagnostics.
        match kehoach::format(&source) {
            Ok(_) => clean += 1,
            Err(syntax) if std::env::var_os("SHOW_GENERATED").is_some() => eprintln!(
                "{text}\n{:?}\n",
                syntax
                    .diagnostics()
                    .iter()
                    .map(|d| &d.message.en)
                    .collect::<Vec<_>>()
            ),
            Err(_) => {}
        }
        let project = Project::from_sources(vec![source]);
        codes.extend(project.findings().diagnostics().iter().map(|d| d.code));
    }
    assert!(
        clean * 10 >= total * 9,
        "only {clean} of {total} generated plans parse"
    );
    // And they reach the checks, not just the parser.
    assert!(codes.len() >= 12, "only {codes:?} raised");
}
