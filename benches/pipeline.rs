//! Throughput of each stage on generated workspaces of growing size and on the bundled plans.
//!
//! `cargo bench --bench pipeline` runs them; numbers and the machine they came from are in the README. The sizes
//! grow tenfold so that a quadratic step shows as a hundredfold time.

#![expect(
    clippy::unwrap_used,
    reason = "a benchmark stops on a missing or broken bundled fixture"
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kehoach::check::check_workspace;
use kehoach::eval::{Options, evaluate_index};
use kehoach::facts::{self, FactIndex};
use kehoach::generate::{Shape, workspace};
use kehoach::model::Model;
use kehoach::parse::parse_plan;
use kehoach::source::FileId;
use kehoach::workspace::{MemoryFileSystem, load_memory};

fn generated(shape: Shape) -> MemoryFileSystem {
    let mut fs = MemoryFileSystem::new();
    for file in workspace(shape) {
        fs.insert(&file.path, file.text);
    }
    fs
}

fn bundled() -> MemoryFileSystem {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut fs = MemoryFileSystem::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "plan") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                fs.insert(path.strip_prefix(&root).unwrap_or(&path), text);
            }
        }
    }
    fs
}

fn bytes(fs: &MemoryFileSystem) -> u64 {
    fs.paths()
        .filter_map(|p| fs.text(p))
        .map(|t| t.len() as u64)
        .sum()
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
    for (name, fs) in &cases {
        group.throughput(Throughput::Bytes(bytes(fs)));
        group.bench_with_input(BenchmarkId::new("parse", name), fs, |b, fs| {
            b.iter(|| {
                for path in fs.paths() {
                    black_box(parse_plan(fs.text(path).unwrap_or(""), FileId(0)));
                }
            });
        });
        group.bench_with_input(BenchmarkId::new("load+check", name), fs, |b, fs| {
            b.iter(|| black_box(check_workspace(&load_memory(fs)).diagnostics.len()));
        });
    }
    group.finish();
}

/// Every plan of a workspace checked, each with its facts read, checked and indexed: what evaluation starts from.
struct Evaluable {
    plans: Vec<(Model, FactIndex)>,
    as_of: NaiveDate,
}

impl Evaluable {
    fn items(&self) -> u64 {
        self.plans
            .iter()
            .map(|(m, _)| (m.targets.len() + m.tasks.len()) as u64)
            .sum()
    }
}

/// A generated workspace with generated facts at mid-2027.
fn generated_evaluable(items: usize) -> Evaluable {
    let as_of = NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
    let checked = check_workspace(&load_memory(&generated(Shape::with_items(items))));
    let plans = checked
        .models
        .into_iter()
        .map(|model| {
            let text = kehoach::generate::facts(&model, as_of);
            let (read, _) = facts::from_text(&text, FileId(u32::MAX));
            let index = facts::check(&model, &read.unwrap()).index;
            (model, index)
        })
        .collect();
    Evaluable { plans, as_of }
}

/// The bundled plans (plans/*/NAME.plan) with their facts (NAME.facts), each at the facts' own `as_of`.
fn bundled_evaluable() -> Vec<(String, Evaluable)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut found = Vec::new();
    for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for entry in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let facts_path = entry.path();
            if facts_path.extension().is_none_or(|e| e != "facts") {
                continue;
            }
            let plan_path = facts_path.with_extension("plan");
            let mut fs = MemoryFileSystem::new();
            for file in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = file.path();
                if path.extension().is_some_and(|e| e == "plan") {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    fs.insert(name, std::fs::read_to_string(&path).unwrap());
                }
            }
            let workspace = load_memory(&fs);
            let checked = check_workspace(&workspace);
            let plan_name = plan_path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let model = checked
                .models
                .into_iter()
                .find(|m| workspace.sources.name(m.root).ends_with(&plan_name))
                .unwrap();
            let text = std::fs::read_to_string(&facts_path).unwrap();
            let (read, _) = facts::from_text(&text, FileId(u32::MAX));
            let read = read.unwrap();
            let as_of = read.as_of.as_ref().and_then(|a| a.value.to_date()).unwrap();
            let index = facts::check(&model, &read).index;
            let name = plan_path
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            found.push((
                name,
                Evaluable {
                    plans: vec![(model, index)],
                    as_of,
                },
            ));
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
        group.throughput(Throughput::Elements(case.items()));
        let options = Options::new(case.as_of);
        group.bench_with_input(BenchmarkId::new("evaluate", name), case, |b, case| {
            b.iter(|| {
                for (model, index) in &case.plans {
                    black_box(evaluate_index(model, index, &options));
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, stages, evaluate);
criterion_main!(benches);
