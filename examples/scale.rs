//! Times each stage on a generated workspace of the given size, and prints the source size for a memory ratio.
//!
//! `cargo run --release --example scale -- 100000 [as-of]` parses, then loads and checks, then evaluates a generated
//! workspace of about that many items through the library's public API; `cargo run --release --example scale --
//! 100000 --write DIR` writes it to `DIR` instead, for `bench/memory.sh`, which runs `kehoach check` on it under
//! `/usr/bin/time -v` for peak memory. With
//! `--single` first, the items go into one plan file (beside its agencies file) instead of plans of ~2 000 items:
//! `cargo run --release --example scale -- --single 54000 --write DIR` writes the 12.2 MB plan that
//! `kehoach check` is measured on.

use std::time::Instant;

use chrono::NaiveDate;
use kehoach::generate::{Shape, workspace};
use kehoach::{EvalOptions, Project, Source};

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

    let mut sources = Vec::new();
    let mut bytes = 0;
    for file in workspace(shape) {
        bytes += file.text.len();
        sources.push(Source::new(file.path, file.text)?);
    }
    let start = Instant::now();
    for source in &sources {
        std::hint::black_box(kehoach::generate::parse(source.text()));
    }
    let parse = start.elapsed();
    let start = Instant::now();
    let project = Project::from_sources(sources);
    let check = start.elapsed();

    let options = EvalOptions {
        as_of: Some(as_of),
        ..EvalOptions::default()
    };
    let plans: Vec<_> = project
        .plans()?
        .into_iter()
        .map(|plan| {
            let text = kehoach::generate::facts(&plan, as_of);
            let facts = plan.facts(Source::new("generated.facts", text)?);
            Ok((plan, facts))
        })
        .collect::<Result<_, kehoach::Unreadable>>()?;
    let start = Instant::now();
    let mut evaluated = 0;
    for (plan, facts) in &plans {
        if let Ok(report) = plan.evaluate(facts, &options) {
            evaluated += report.targets().len() + report.tasks().len() + report.measures().len();
        }
    }
    let eval = start.elapsed();
    println!(
        "items {items}: source {:.1} MB, {} diagnostics; parse {:.0} ms, load+check {:.0} ms, eval {:.1} ms ({evaluated} items)",
        bytes as f64 / 1e6,
        project.findings().diagnostics().len(),
        parse.as_secs_f64() * 1e3,
        check.as_secs_f64() * 1e3,
        eval.as_secs_f64() * 1e3,
    );
    Ok(())
}
