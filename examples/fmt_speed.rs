//! `kehoach fmt` throughput on generated plans: `cargo run --release --example fmt_speed -- 64000 [runs]`.
//!
//! Formats the plans of a generated workspace of about that many items as written, written tersely
//! (`generate::one_line`, which grows when laid out) and with a comment on every line (`generate::commented`),
//! each as one file, and prints the best of `runs` (default 3) for each: the formatted size and MB/s of input.
//! A plain binary rather than a criterion bench so that it can run under `perf` or `valgrind --tool=callgrind`.

use std::hint::black_box;
use std::time::Instant;

use kehoach::generate::{Shape, commented, one_line, workspace};

fn main() {
    let mut args = std::env::args().skip(1);
    let items = args.next().and_then(|a| a.parse().ok()).unwrap_or(64_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let plans = |items: usize| -> String {
        workspace(Shape::with_items(items))
            .into_iter()
            .filter(|f| !f.path.ends_with("agencies.plan"))
            .map(|f| f.text)
            .collect()
    };
    let generated = plans(items);
    // Comments double the text: half the items keep it under the file size limit.
    let half = commented(&plans(items / 2));
    for (name, text) in [
        ("one-line", one_line(&generated)),
        ("generated", generated),
        ("commented", half),
    ] {
        let mut best = f64::INFINITY;
        let mut out = 0;
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            let formatted = black_box(kehoach::fmt::format(&text));
            best = best.min(start.elapsed().as_secs_f64());
            match formatted {
                Ok(f) => out = f.len(),
                Err(d) => {
                    eprintln!("{name}: refused: {:?}", d.first().map(|d| &d.message));
                    return;
                }
            }
        }
        let mb = text.len() as f64 / 1e6;
        println!(
            "{name:<10} {mb:5.1} MB -> {:5.1} MB: {best:.3} s, {:.1} MB/s",
            out as f64 / 1e6,
            mb / best
        );
    }
}
