//! Growth: each stage's time and peak memory grow linearly with its input, so no plan, however written, makes
//! a run quadratic. Generated inputs (`kehoach::generate`) at sizes n, 2n and 4n; each doubling may cost at most
//! 2.5 times as much.
//!
//! Peak memory is counted by the global allocator of this test binary: the most bytes held at once during a run,
//! above what was held before it. That count is deterministic. Time is the thread's CPU time (a loaded machine
//! delays a run but does not charge it the waiting), the best of several runs taken in turns across the sizes, at
//! sizes where the smallest run takes 50 ms or more (found by doubling); a doubling that looks too costly is
//! measured again before the test fails. The tests run one at a time, as the allocator's count is shared.

#![expect(
    clippy::unwrap_used,
    reason = "a growth test stops when its generated input does not check, read or format"
)]

use std::hint::black_box;
use std::sync::Mutex;

use chrono::NaiveDate;
use cpu_time::ThreadTime;
use kehoach::diagnostics::Lang;
use kehoach::export::Format;
use kehoach::generate::{Shape, commented, long_lines, one_line, owners, workspace};
use kehoach::{EvalOptions, Facts, Plan, Project, Source};
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// One measurement at a time: the allocator's count is global.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The most a doubling of the input may multiply time or peak memory by.
const MAX_RATIO: f64 = 2.5;

/// The smallest run timed, in seconds: shorter runs are mostly noise.
const MIN_SECONDS: f64 = 0.05;

/// Timed runs per size; the best counts.
const RUNS: usize = 5;

/// Times a size is measured again when a doubling looks too costly, before the test fails.
const RETRIES: usize = 2;

/// A stage to measure: its name and what it runs on an input.
type Stage<'a, T> = (&'a str, &'a dyn Fn(&T));

/// One stage at one size.
struct Cost {
    peak: usize,
    seconds: f64,
}

/// Measures each stage on `make(n)`, `make(2n)` and `make(4n)`, with n the first of `start`, `2 start`, … at which
/// the first stage takes [`MIN_SECONDS`] (n at most `most`), and fails if a doubling of n costs a stage more than
/// [`MAX_RATIO`] times the time or peak memory. The first stage should be the slowest.
fn assert_linear<T>(start: usize, most: usize, make: impl Fn(usize) -> T, stages: &[Stage<'_, T>]) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some((_, first)) = stages.first() else {
        return;
    };
    let mut n = start;
    while n * 2 <= most && best_of(RUNS, *first, &make(n)) < MIN_SECONDS {
        n *= 2;
    }
    let sizes = [n, 2 * n, 4 * n];
    let inputs: Vec<T> = sizes.iter().map(|&n| make(n)).collect();
    for &(name, run) in stages {
        let mut costs: Vec<Cost> = inputs
            .iter()
            .map(|input| Cost {
                peak: peak(run, input),
                seconds: f64::INFINITY,
            })
            .collect();
        for attempt in 0..=RETRIES {
            // In turns, so that a busy spell of the machine does not fall on one size only.
            for _ in 0..RUNS {
                for (cost, input) in costs.iter_mut().zip(&inputs) {
                    cost.seconds = cost.seconds.min(best_of(1, run, input));
                }
            }
            let too_slow = costs
                .iter()
                .zip(costs.iter().skip(1))
                .any(|(a, b)| b.seconds > MAX_RATIO * a.seconds);
            if !too_slow || attempt == RETRIES {
                break;
            }
        }
        let table: Vec<String> = sizes
            .iter()
            .zip(&costs)
            .map(|(n, c)| format!("n = {n}: {:.1} ms, peak {} bytes", c.seconds * 1e3, c.peak))
            .collect();
        eprintln!("{name}: {}", table.join("; "));
        for ((a, b), n) in costs.iter().zip(costs.iter().skip(1)).zip(sizes) {
            let memory = b.peak as f64 / a.peak.max(1) as f64;
            let time = b.seconds / a.seconds;
            assert!(
                memory <= MAX_RATIO,
                "{name}: peak memory grew {memory:.2}× from n = {n} to {}: {table:#?}",
                2 * n
            );
            assert!(
                time <= MAX_RATIO,
                "{name}: time grew {time:.2}× from n = {n} to {}: {table:#?}",
                2 * n
            );
        }
    }
}

fn best_of<T>(runs: usize, run: &dyn Fn(&T), input: &T) -> f64 {
    (0..runs)
        .map(|_| {
            let start = ThreadTime::now();
            run(input);
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// The most bytes held at once during one run, above what was held before it.
fn peak<T>(run: &dyn Fn(&T), input: &T) -> usize {
    let before = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    run(input);
    ALLOCATOR.peak_usage().saturating_sub(before)
}

/// A generated workspace of one plan of about `items` targets and tasks (and its agencies file): one model that
/// grows, as the stages after checking work one model at a time.
fn generated(items: usize) -> Vec<Source> {
    let shape = Shape {
        provinces: 1,
        plans_per_province: 1,
        items_per_plan: items,
    };
    workspace(shape)
        .into_iter()
        .map(|file| Source::new(file.path, file.text).unwrap())
        .collect()
}

/// The plans of a generated workspace, one after another in one file (fmt needs no `use`).
fn plans(items: usize) -> String {
    workspace(Shape::with_items(items))
        .into_iter()
        .filter(|f| !f.path.ends_with("agencies.plan"))
        .map(|f| f.text)
        .collect()
}

/// A text to format.
fn source(text: String) -> Source {
    Source::new("plan.plan", text).unwrap()
}

fn format(source: &Source) {
    black_box(kehoach::format(source).unwrap());
}

/// The checked plan of a generated workspace.
fn plan(items: usize) -> Plan {
    let plan = Project::from_sources(generated(items)).plan(None).unwrap();
    // Not an empty plan from a file refused as too large.
    assert!(plan.form_fields().len() >= items / 4, "{items} items");
    plan
}

#[test]
fn check_grows_linearly() {
    // The copy of the texts the project takes grows linearly too.
    let check = |sources: &Vec<Source>| {
        black_box(Project::from_sources(sources.clone()));
    };
    assert_linear(1_000, 16_000, generated, &[("check", &check)]);
}

#[test]
fn fmt_grows_linearly_with_comments() {
    // Owners make one long block (the file's top level) of statements and comments; plans make many short ones.
    let text = |n: usize| source(commented(&(owners(4 * n) + &plans(n))));
    assert_linear(
        250,
        8_000,
        text,
        &[("fmt, a comment on every line", &format)],
    );
}

#[test]
fn fmt_grows_linearly_with_one_line_declarations() {
    let text = |n: usize| source(one_line(&plans(n)));
    assert_linear(
        500,
        16_000,
        text,
        &[("fmt, one-line declarations", &format)],
    );
}

#[test]
fn fmt_grows_linearly_with_the_length_of_lines() {
    assert_linear(
        10_000,
        2_000_000,
        |n| source(long_lines(n)),
        &[("fmt, long lines", &format)],
    );
}

#[test]
fn exports_grow_linearly() {
    let to = |format: Format| {
        move |plan: &Plan| {
            black_box(plan.export(format, Lang::Vi));
        }
    };
    let (json, ics, dot, mermaid) = (
        to(Format::Json),
        to(Format::Ics),
        to(Format::Dot),
        to(Format::Mermaid),
    );
    assert_linear(
        1_000,
        // At most 4 × 8 000 items: a plan of 64 000 goes over the limit on occurrences, an error, and a plan with
        // an error is not exported.
        8_000,
        plan,
        &[
            ("export --to json", &json),
            ("export --to ics", &ics),
            ("export --to dot", &dot),
            ("export --to mermaid", &mermaid),
        ],
    );
}

#[test]
fn eval_grows_linearly() {
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let evaluable = |items: usize| -> (Plan, Facts) {
        let plan = plan(items);
        let text = kehoach::generate::facts(&plan, as_of);
        let facts = plan.facts(Source::new("generated.facts", text).unwrap());
        (plan, facts)
    };
    let options = EvalOptions {
        as_of: Some(as_of),
        ..EvalOptions::default()
    };
    let eval = |(plan, facts): &(Plan, Facts)| {
        black_box(plan.evaluate(facts, &options).unwrap());
    };
    // At most 4 × 8 000 items, as for exports: a plan with an error is not evaluated.
    assert_linear(4_000, 8_000, evaluable, &[("eval", &eval)]);
}

#[test]
fn the_calendar_is_written_event_by_event() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // 83 monthly reports over a hundred years: 99 600 events, just under the limit of occurrences.
    let mut text =
        String::from("plan \"1/KH\" { issued 2001-01-01; period 2001..2100 }\nowner a \"A\"\n");
    for i in 0..83 {
        text.push_str(&format!(
            "report r{i} \"Báo cáo tháng {i}\" {{ from a; to a; every month by day 15 }}\n"
        ));
    }
    let plan = Project::from_sources(vec![source(text)])
        .plan(None)
        .unwrap();
    let size = std::cell::Cell::new(0);
    let whole = peak(
        &|plan: &Plan| size.set(plan.export(Format::Ics, Lang::Vi).len()),
        &plan,
    );
    let size = size.get();
    let streamed = peak(
        &|plan: &Plan| {
            plan.write_export(Format::Ics, Lang::Vi, &mut std::io::sink())
                .unwrap();
        },
        &plan,
    );
    assert!(size > 20_000_000, "{size} bytes");
    assert!(whole > size, "{whole} bytes at the peak");
    assert!(
        streamed < 100_000,
        "{streamed} bytes at the peak when streamed"
    );
}
