//! Times the JavaScript API's Rust side natively on the bundled plans: `compile` once, then `Plan.evaluate` many
//! times (what a form does on every input), with facts as JSON text as the browser passes them. The wasm figures
//! (`scripts/bench.mjs`) add the JavaScript boundary and the slower wasm code; this shows the floor.
//!
//!   cargo run --release --example api_speed        (from wasm/)

use std::path::Path;
use std::time::{Duration, Instant};

use kehoach_wasm::api::{FactsSource, Options, compile};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs.get(runs.len() / 2).copied().unwrap_or_default()
}

fn main() -> std::io::Result<()> {
    let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plans");
    let mut dirs: Vec<_> = std::fs::read_dir(&plans)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files = Vec::new();
        let mut facts = None;
        let mut main = None;
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".plan") {
                if name != "agencies.plan" {
                    main = Some(name.clone());
                }
                files.push((name, std::fs::read_to_string(&path)?));
            } else if name.ends_with(".facts.json") {
                facts = Some(std::fs::read_to_string(&path)?);
            }
        }
        let (Some(facts), Some(main)) = (facts, main) else {
            continue;
        };
        let options = Options {
            plan: Some(main),
            ..Options::default()
        };
        let compiled = compile(&files, &options);
        let facts = FactsSource::json(facts);
        let mut times = Vec::new();
        let mut bare = Vec::new();
        let mut json = 0;
        let reps: usize = std::env::var("REPS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(201);
        for _ in 0..reps {
            let started = Instant::now();
            std::hint::black_box(compiled.evaluate(facts.clone(), &options));
            bare.push(started.elapsed());
        }
        let r = compiled.evaluate(facts.clone(), &options);
        eprintln!(
            "  report JSON {} KiB, diagnostics JSON {} KiB ({} diagnostics)",
            serde_json::to_string(&r.report).map_or(0, |s| s.len()) / 1024,
            serde_json::to_string(&r.diagnostics).map_or(0, |s| s.len()) / 1024,
            r.diagnostics.len()
        );
        eprintln!("  evaluate alone: median {:?}", median(bare));
        for _ in 0..201 {
            let started = Instant::now();
            let result = compiled.evaluate(facts.clone(), &options);
            json = serde_json::to_string(&result).map_or(0, |s| s.len());
            times.push(started.elapsed());
        }
        println!(
            "{}: compiled evaluate + JSON ({} KiB): median {:?}",
            dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            json / 1024,
            median(times)
        );
    }
    Ok(())
}
