//! Times `kehoach diff` on a generated plan in one file against a copy with 1 % of its items changed: load and
//! check both sides (as the command does) and compare, best of `runs` (default 3).
//!
//! `cargo run --release --example diff_speed -- [items] [runs]`; 53 000 items make an 11.8 MB plan.

use std::time::Instant;

use kehoach::check::check_workspace;
use kehoach::diff::diff;
use kehoach::generate::{Shape, workspace};
use kehoach::workspace::{MemoryFileSystem, load_memory};

/// Every hundredth target or task retitled, and every hundredth goal `>=` made `>`: 1 % of the items changed.
fn amend(text: &str) -> (String, usize) {
    let mut seen = 0usize;
    let mut changed = 0usize;
    let mut out = String::with_capacity(text.len() + 1024);
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("target ") || trimmed.starts_with("task ") {
            seen += 1;
            if seen % 100 == 0 {
                if let Some(quote) = line.find('"') {
                    out.push_str(line.get(..=quote).unwrap_or(line));
                    out.push_str("Điều chỉnh: ");
                    out.push_str(line.get(quote + 1..).unwrap_or(""));
                    out.push('\n');
                    changed += 1;
                    continue;
                }
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    (out, changed)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let items: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(53_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let shape = Shape {
        provinces: 1,
        plans_per_province: 1,
        items_per_plan: items,
    };
    let files = workspace(shape);
    let mut old = MemoryFileSystem::new();
    let mut new = MemoryFileSystem::new();
    let (mut bytes, mut changed) = (0, 0);
    for file in &files {
        bytes += file.text.len();
        old.insert(&file.path, file.text.clone());
        if file.path.ends_with("agencies.plan") {
            new.insert(&file.path, file.text.clone());
        } else {
            let (text, n) = amend(&file.text);
            changed += n;
            new.insert(&file.path, text);
        }
    }
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let (old_ws, new_ws) = (load_memory(&old), load_memory(&new));
        let (old_checked, new_checked) = (check_workspace(&old_ws), check_workspace(&new_ws));
        found = 0;
        for (a, b) in old_checked.models.iter().zip(&new_checked.models) {
            found += diff(a, b).items.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{items} items, {:.1} MB, {changed} items changed: {found} found, load+check both sides and diff {best:.3} s",
        bytes as f64 / 1e6
    );
}
