//! Parse and load+check throughput on a generated workspace: `cargo run --release --example parse_speed -- 100000 [parse|check]`.
//!
//! A plain binary rather than a criterion bench so that it can run under `valgrind --tool=callgrind`.

use std::hint::black_box;
use std::time::Instant;

use kehoach::check::check_workspace;
use kehoach::generate::{Shape, workspace};
use kehoach::parse::{ParsePath, parse_plan_with};
use kehoach::source::FileId;
use kehoach::workspace::{MemoryFileSystem, load_memory};

fn main() {
    let mut args = std::env::args().skip(1);
    let items = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let stage = args.next().unwrap_or_else(|| "both".to_string());
    let mut fs = MemoryFileSystem::new();
    let mut bytes = 0usize;
    for file in workspace(Shape::with_items(items)) {
        bytes += file.text.len();
        fs.insert(&file.path, file.text);
    }
    let mb = bytes as f64 / 1e6;
    for (name, path) in [
        ("parse/pest", ParsePath::PestOnly),
        ("parse/fast", ParsePath::Fast),
    ] {
        if ["both", "parse", name].contains(&stage.as_str()) {
            let start = Instant::now();
            for file in fs.paths() {
                black_box(parse_plan_with(
                    fs.text(file).unwrap_or(""),
                    FileId(0),
                    path,
                ));
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{name:<11} {items} items, {mb:.1} MB: {secs:.3} s, {:.1} MB/s",
                mb / secs
            );
        }
    }
    if !stage.starts_with("parse") {
        let start = Instant::now();
        let diagnostics = check_workspace(&load_memory(&fs)).diagnostics.len();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "load+check  {items} items, {mb:.1} MB: {secs:.3} s, {:.1} MB/s ({diagnostics} diagnostics)",
            mb / secs
        );
    }
}
