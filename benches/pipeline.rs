//! Throughput of each stage on generated workspaces of growing size and on the bundled plans, through the library's
//! public API.
//!
//! `cargo bench --bench pipeline` runs them; numbers and the machine they came from are in the README. The sizes
//! grow tenfold so that a quadratic step shows as a hundredfold time.

#![expect(
    clippy::unwrap_used,
    reason = "a benchmark stops on a missing or broken bundled fixture"
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kehoach::generate::{Shape, workspace};
use kehoach::{EvalOptions, Facts, Plan, Project, Source};

fn generated(shape: Shape) -> Vec<Source> {
    workspace(shape)
        .into_iter()
        .map(|file| Source::new(file.path, file.text).unwrap())
        .collect()
}

/// Every `.plan` file under `plans/`, named relative to it.
fn bundled() -> Vec<Source> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut found = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "plan") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let name = path.strip_prefix(&root).unwrap_or(&path);
                found.push(Source::new(name.to_string_lossy(), text).unwrap());
            }
        }
    }
    found
}

fn bytes(sources: &[Source]) -> u64 {
    sources.iter().map(|s| s.text().len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    let cases = [
        ("bundled", bundled()),
        ("1k", generated(Shape::with_items(1_000))),
        ("10k", generated(Shape::with_items(10_000))),
        ("100k", generated(Shape::with_items(100_000))),
        // One 12.2 MB file: what `kehoach check` is held to (issue 16: at least 25 MB/s end to end).
        ("54k-one-file", generated(Shape::single_plan(54_000))),
    ];
    for (name, sources) in &cases {
        group.throughput(Throughput::Bytes(bytes(sources)));
        group.bench_with_input(BenchmarkId::new("parse", name), sources, |b, sources| {
            b.iter(|| {
                for source in sources {
                    black_box(kehoach::generate::parse(source.text()));
                }
            });
        });
        group.bench_with_input(
            BenchmarkId::new("load+check", name),
            sources,
            |b, sources| {
                b.iter_batched(
                    || sources.clone(),
                    |sources| {
                        black_box(
                            Project::from_sources(sources)
                                .findings()
                                .diagnostics()
                                .len(),
                        )
                    },
                    BatchSize::LargeInput,
                );
            },
        );
    }
    group.finish();
}

/// Every plan of a workspace checked, each with its facts read and checked: what evaluation starts from.
struct Evaluable {
    plans: Vec<(Plan, Facts)>,
    as_of: NaiveDate,
    /// Targets, measures and tasks, all plans together.
    items: u64,
}

impl Evaluable {
    fn new(plans: Vec<(Plan, Facts)>, as_of: NaiveDate) -> Evaluable {
        let options = options(as_of);
        let items = plans
            .iter()
            .map(|(plan, facts)| {
                let report = plan.evaluate(facts, &options).unwrap();
                (report.targets().len() + report.measures().len() + report.tasks().len()) as u64
            })
            .sum();
        Evaluable {
            plans,
            as_of,
            items,
        }
    }
}

fn options(as_of: NaiveDate) -> EvalOptions {
    EvalOptions {
        as_of: Some(as_of),
        ..EvalOptions::default()
    }
}

/// A generated workspace with generated facts at mid-2027.
fn generated_evaluable(items: usize) -> Evaluable {
    let as_of = NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
    let plans = Project::from_sources(generated(Shape::with_items(items)))
        .plans()
        .unwrap()
        .into_iter()
        .map(|plan| {
            let text = kehoach::generate::facts(&plan, as_of);
            let facts = plan.facts(Source::new("generated.facts", text).unwrap());
            (plan, facts)
        })
        .collect();
    Evaluable::new(plans, as_of)
}

/// The bundled plans (plans/*/NAME.plan) with their facts (NAME.facts), each at the facts' own `as_of`.
fn bundled_evaluable() -> Vec<(String, Evaluable)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut found = Vec::new();
    for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        let files: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        let sources: Vec<Source> = files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "plan"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                Source::new(name, std::fs::read_to_string(p).unwrap()).unwrap()
            })
            .collect();
        let project = Project::from_sources(sources);
        for facts_path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "facts"))
        {
            let plan_name = facts_path.with_extension("plan");
            let plan_name = plan_name.file_name().unwrap().to_string_lossy();
            let plan = project.plan(Some(&plan_name)).unwrap();
            let text = std::fs::read_to_string(facts_path).unwrap();
            let facts = plan.facts(Source::new("plan.facts", text).unwrap());
            let as_of = facts.as_of().unwrap();
            let name = facts_path
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            found.push((name, Evaluable::new(vec![(plan, facts)], as_of)));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn evaluate(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate");
    group.sample_size(10);
    let mut cases = bundled_evaluable();
    for (name, items) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        cases.push((name.to_string(), generated_evaluable(items)));
    }
    for (name, case) in &cases {
        group.throughput(Throughput::Elements(case.items));
        let options = options(case.as_of);
        group.bench_with_input(BenchmarkId::new("evaluate", name), case, |b, case| {
            b.iter(|| {
                for (plan, facts) in &case.plans {
                    black_box(plan.evaluate(facts, &options).unwrap());
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, stages, evaluate);
criterion_main!(benches);
