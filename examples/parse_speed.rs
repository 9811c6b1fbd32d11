//! Parse and load+check throughput on one generated plan file:
//! `cargo run --release --example parse_speed -- 54000 [parse|check]`.
//!
//! A plain binary rather than a criterion bench so that it can run under `valgrind --tool=callgrind`, whose
//! instruction counts are repeatable on a noisy machine where times are not.

use std::hint::black_box;
use std::time::Instant;

use kehoach::check::check_workspace;
use kehoach::generate::{Shape, workspace};
use kehoach::parse::parse_plan;
use kehoach::source::FileId;
use kehoach::workspace::{MemoryFileSystem, load_memory};

fn main() {
    let mut args = std::env::args().skip(1);
    let items = args
        .next()
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or(54_000);
    let stage = args.next().unwrap_or_else(|| "both".to_string());
    let mut fs = MemoryFileSystem::new();
    let mut bytes = 0usize;
    for file in workspace(Shape::single_plan(items)) {
        bytes += file.text.len();
        fs.insert(&file.path, file.text);
    }
    let mb = bytes as f64 / 1e6;
    if stage != "check" {
        let start = Instant::now();
        for file in fs.paths() {
            black_box(parse_plan(fs.text(file).unwrap_or(""), FileId(0)));
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "parse       {items} items, {mb:.1} MB: {secs:.3} s, {:.1} MB/s",
            mb / secs
        );
    }
    if stage != "parse" {
        let start = Instant::now();
        let diagnostics = check_workspace(&load_memory(&fs)).diagnostics.len();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "load+check  {items} items, {mb:.1} MB: {secs:.3} s, {:.1} MB/s ({diagnostics} diagnostics)",
            mb / secs
        );
    }
}
