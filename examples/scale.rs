//! Times each stage on a generated workspace of the given size, and prints the source size for a memory ratio.
//!
//! `cargo run --release --example scale -- 100000 [as-of]` loads, checks and evaluates a generated workspace of
//! about that many items; `cargo run --release --example scale -- 100000 --write DIR` writes it to `DIR` instead,
//! for `bench/memory.sh`, which runs `kehoach check` on it under `/usr/bin/time -v` for peak memory. With
//! `--single` first, the items go into one plan file (beside its agencies file) instead of plans of ~2 000 items:
//! `cargo run --release --example scale -- --single 54000 --write DIR` writes the 12.2 MB plan that
//! `kehoach check` is measured on.

use std::time::Instant;

use chrono::NaiveDate;
use kehoach::check::check_workspace;
use kehoach::eval::{Options, evaluate_index};
use kehoach::facts;
use kehoach::generate::{Shape, workspace};
use kehoach::source::FileId;
use kehoach::workspace::{MemoryFileSystem, load_memory};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).peekable();
    let single = args.next_if_eq("--single").is_some();
    let items: usize = args
        .next()
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or(100_000);
    let shape = if single {
        Shape::single_plan(items)
    } else {
        Shape::with_items(items)
    };
    let rest: Vec<String> = args.collect();
    if let [flag, dir] = rest.as_slice()
        && flag == "--write"
    {
        let mut bytes = 0;
        for file in workspace(shape) {
            let path = std::path::Path::new(dir).join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            bytes += file.text.len();
            std::fs::write(&path, file.text)?;
        }
        println!("{bytes}");
        return Ok(());
    }
    let as_of = rest
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2027, 6, 30).unwrap_or_default());

    let mut fs = MemoryFileSystem::new();
    let mut bytes = 0;
    for file in workspace(shape) {
        bytes += file.text.len();
        fs.insert(&file.path, file.text);
    }
    let start = Instant::now();
    let loaded = load_memory(&fs);
    let load = start.elapsed();
    let start = Instant::now();
    let checked = check_workspace(&loaded);
    let check = start.elapsed();

    let indexes: Vec<_> = checked
        .models
        .iter()
        .map(|model| {
            let text = kehoach::generate::facts(model, as_of);
            let (read, _) = facts::from_text(&text, FileId(u32::MAX));
            read.map(|f| facts::check(model, &f).index)
        })
        .collect();
    let options = Options::new(as_of);
    let start = Instant::now();
    let mut evaluated = 0;
    for (model, index) in checked.models.iter().zip(&indexes) {
        if let Some(index) = index {
            let report = evaluate_index(model, index, &options);
            evaluated += report.targets.len() + report.tasks.len() + report.measures.len();
        }
    }
    let eval = start.elapsed();
    println!(
        "items {items}: source {:.1} MB, {} diagnostics; load {:.0} ms, check {:.0} ms, eval {:.1} ms ({evaluated} items)",
        bytes as f64 / 1e6,
        checked.diagnostics.len(),
        load.as_secs_f64() * 1e3,
        check.as_secs_f64() * 1e3,
        eval.as_secs_f64() * 1e3,
    );
    Ok(())
}
