//! Throughput of each stage on generated workspaces of growing size and on the bundled plans.
//!
//! `cargo bench --bench pipeline` runs them; numbers and the machine they came from are in the README. The sizes
//! grow tenfold so that a quadratic step shows as a hundredfold time.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kehoach::check::check_workspace;
use kehoach::generate::{Shape, workspace};
use kehoach::parse::parse_plan;
use kehoach::source::FileId;
use kehoach::workspace::{MemoryFileSystem, load_memory};

fn generated(items: usize) -> MemoryFileSystem {
    let mut fs = MemoryFileSystem::new();
    for file in workspace(Shape::with_items(items)) {
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
        ("1k", generated(1_000)),
        ("10k", generated(10_000)),
        ("100k", generated(100_000)),
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

criterion_group!(benches, stages);
criterion_main!(benches);
