//! Generated workspaces for benchmarks and scale tests: realistic plans of any size, deterministically.
//!
//! A workspace has one agencies file per province and plans that `use` it; each plan has sections of targets
//! (every goal form, "of which" parts, a `shares` block, derived values), tasks in dependency chains with
//! deadlines, recurring reports and rules — the mix of the seed plans, repeated. The same parameters always give
//! the same text, so measurements can be compared across runs and machines.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::ast::{Goal, TargetKind};
use crate::model::{DueDay, Frequency, Schedule, TaskSchedule, Window};

/// How large a workspace to make.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// How many provinces, each a folder with its own agencies file.
    pub provinces: usize,
    /// How many plans each province holds.
    pub plans_per_province: usize,
    /// Targets and tasks per plan, about half each.
    pub items_per_plan: usize,
}

impl Shape {
    /// About `items` targets and tasks in all, spread over plans of about 2 000 items each.
    pub fn with_items(items: usize) -> Shape {
        let plans = items.div_ceil(2_000).max(1);
        let provinces = plans.div_ceil(4).max(1);
        Shape {
            provinces,
            plans_per_province: plans.div_ceil(provinces),
            items_per_plan: items / plans,
        }
    }

    /// One plan of about `items` targets and tasks, beside its agencies file: the single large file that
    /// `kehoach check` is measured on (54 000 items make 12.2 MB).
    pub fn single_plan(items: usize) -> Shape {
        Shape {
            provinces: 1,
            plans_per_province: 1,
            items_per_plan: items,
        }
    }
}

/// A generated file: its path relative to the workspace folder, and its text.
pub struct GeneratedFile {
    /// Where the file goes, relative to the workspace folder (`province-001/plan-001.plan`).
    pub path: String,
    /// The file's text: a generated plan, or the agencies file its province's plans `use`.
    pub text: String,
}

/// A tiny deterministic generator (SplitMix64): no dependency, same numbers everywhere (the parser's corpus test
/// draws its edits from it too).
pub(crate) struct Random(pub(crate) u64);

impl Random {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const AGENCIES: [(&str, &str, &str); 12] = [
    ("so_khdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    ("so_tc", "Sở Tài chính", "STC"),
    ("so_ct", "Sở Công Thương", "Sở Công thương"),
    (
        "so_nnptnt",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở NN&PTNT",
    ),
    ("so_xd", "Sở Xây dựng", "SXD"),
    ("so_gtvt", "Sở Giao thông vận tải", "Sở GTVT"),
    ("so_yte", "Sở Y tế", "SYT"),
    ("so_gddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    ("so_tnmt", "Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    (
        "so_ldtbxh",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở LĐ-TB&XH",
    ),
    ("cuc_thong_ke", "Cục Thống kê", "CTK"),
    ("cuc_thue", "Cục Thuế tỉnh", "CT tỉnh"),
];

const VERBS: [&str; 6] = [
    "Xây dựng và triển khai Đề án",
    "Tham mưu ban hành Kế hoạch",
    "Rà soát, đánh giá kết quả thực hiện",
    "Tổ chức thực hiện Chương trình",
    "Hoàn thành đầu tư dự án",
    "Sơ kết, tổng kết việc thực hiện",
];

const TOPICS: [&str; 8] = [
    "phát triển kinh tế biển",
    "chuyển đổi số toàn diện",
    "nâng cao chất lượng nguồn nhân lực",
    "phát triển hạ tầng giao thông",
    "bảo vệ môi trường và ứng phó biến đổi khí hậu",
    "cải cách hành chính",
    "xây dựng nông thôn mới",
    "phát triển doanh nghiệp, khởi nghiệp sáng tạo",
];

/// Generates the workspace.
pub fn workspace(shape: Shape) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    let mut rng = Random(0x6B65_686F_6163_6800);
    for p in 0..shape.provinces {
        let dir = format!("province-{p:03}");
        files.push(GeneratedFile {
            path: format!("{dir}/agencies.plan"),
            text: agencies(),
        });
        for k in 0..shape.plans_per_province {
            let text = plan(&mut rng, p, k, shape.items_per_plan);
            files.push(GeneratedFile {
                path: format!("{dir}/plan-{k:03}.plan"),
                text,
            });
        }
    }
    files
}

fn agencies() -> String {
    let mut s = String::from("// Agencies of the province.\n\n");
    for (id, name, aka) in AGENCIES {
        let _ = writeln!(s, "owner {id} \"{name}\" {{ aka \"{aka}\" }}");
    }
    s.push_str("owner ubnd_huyen \"UBND các huyện, thành phố\"\n");
    let members: Vec<&str> = AGENCIES.iter().map(|a| a.0).collect();
    let _ = writeln!(
        s,
        "group cac_so \"Các sở, ban, ngành\" {{ members {} }}",
        members.join(", ")
    );
    s
}

fn plan(rng: &mut Random, province: usize, k: usize, items: usize) -> String {
    let mut s = String::with_capacity(items * 220);
    let _ = write!(
        s,
        "use \"agencies.plan\"\n\nplan \"{k}/KH-UBND-{province}\" {{\n  title \"Kế hoạch hành động số {k} giai đoạn 2021 - 2025\"\n  issuer \"UBND tỉnh\"\n  issued 2021-02-08\n  period 2021..2025\n  implements nq_{k}\n  approx 5%\n}}\n\ndocument nq_{k} \"{k}-NQ/TU\" {{ title \"Nghị quyết của Tỉnh ủy\"; issued 2020-10-09 }}\n\n"
    );
    let sections = (items / 200).max(1);
    let per_section = items / sections;
    let owner_ids: Vec<&str> = AGENCIES.iter().map(|a| a.0).collect();
    for sec in 0..sections {
        let _ = writeln!(
            s,
            "section \"{}\" \"Nhóm nhiệm vụ {}\" {{",
            sec + 1,
            rng.pick(&TOPICS)
        );
        let targets = per_section / 2;
        for t in 0..targets {
            let id = format!("t{sec}_{t}");
            let lead = rng.pick(&owner_ids);
            let support = rng.pick(&owner_ids);
            let goal = match rng.below(7) {
                0 => format!(">= {}.{}", 5 + rng.below(90), rng.below(10)),
                1 => format!("{}..{}", 40 + rng.below(10), 55 + rng.below(10)),
                2 => format!("~{}", 40 + rng.below(50)),
                3 => format!("<= {}.{}", rng.below(5), rng.below(10)),
                4 => format!("> {}", 50 + rng.below(40)),
                5 => format!("< {}", 5 + rng.below(5)),
                _ => format!("{}", 100),
            };
            let window = match rng.below(3) {
                0 => "by 2025".to_string(),
                1 => "yearly".to_string(),
                _ => "average 2021..2025".to_string(),
            };
            let _ = writeln!(
                s,
                "  target {id} \"Tỷ lệ {} đạt chuẩn, chỉ tiêu {sec}.{t}\" {{\n    unit \"%\"\n    goal {goal}\n    {window}\n    lead {lead}\n    support {support}\n    baseline {}.{} in 2020\n  }}",
                rng.pick(&TOPICS),
                rng.below(50),
                rng.below(10)
            );
        }
        let tasks = per_section - targets;
        // The month each task's deadline ends in, so that `after` edges point only at tasks due no later: a
        // realistic plan has few `deadline-before-dependency` warnings, not one per edge.
        let mut ends: Vec<usize> = Vec::with_capacity(tasks);
        for n in 0..tasks {
            let id = format!("n{sec}_{n}");
            let year = 2021 + rng.below(5);
            let (due, month) = match rng.below(4) {
                0 => {
                    let q = 1 + rng.below(4);
                    (format!("{year}-Q{q}"), q * 3)
                }
                1 => {
                    let m = 1 + rng.below(12);
                    (format!("{year}-{m:02}"), m)
                }
                2 => (format!("{year}"), 12),
                _ => {
                    let h = 1 + rng.below(2);
                    (format!("{year}-H{h}"), h * 6)
                }
            };
            let output = rng.pick(&["project", "plan", "report", "program", "decision", "other"]);
            // As in real plans, some duties are standing ("thường xuyên") or recur each year ("hằng năm"); nothing
            // waits for them.
            // Only in a plan's first ten sections (all of a plan of ~2 000 items): a one-file plan of tens of
            // thousands of items is near `limits::MAX_OCCURRENCES` from its yearly targets alone.
            let kind = if sec < 10 { rng.below(12) } else { 12 };
            let (schedule, end) = match kind {
                0 => ("ongoing".to_string(), usize::MAX),
                1 => {
                    let every = rng.pick(&["year by 11-25", "year by Q4", "half by day 20"]);
                    (format!("every {every}"), usize::MAX)
                }
                _ => (format!("due {due}"), year * 12 + month),
            };
            let _ = write!(
                s,
                "  task {id} \"{} {} giai đoạn 2021 - 2025 (phần {sec}.{n})\" {{\n    lead {}\n    support cac_so, ubnd_huyen\n    {schedule}\n    output {output}\n",
                rng.pick(&VERBS),
                rng.pick(&TOPICS),
                rng.pick(&owner_ids),
            );
            // Chains: most tasks wait for one or two earlier tasks of their section that are due no later.
            let earlier = |k: usize| ends.get(k).is_some_and(|&e| e <= end && end != usize::MAX);
            if n > 0 && rng.below(3) > 0 {
                let first = rng.below(n);
                let second = rng.below(n);
                let wanted: Vec<String> = [first, second]
                    .into_iter()
                    .enumerate()
                    .filter(|&(i, k)| earlier(k) && (i == 0 || (k != first && rng.below(2) == 0)))
                    .map(|(_, k)| format!("n{sec}_{k}"))
                    .collect();
                if !wanted.is_empty() {
                    let _ = writeln!(s, "    after {}", wanted.join(", "));
                }
            }
            ends.push(end);
            s.push_str("  }\n");
        }
        // Every fourth section's report (of the first ten) is sent by each of the departments (the group), the
        // others by one.
        let from = if sec % 4 == 0 && sec < 10 {
            "cac_so"
        } else {
            rng.pick(&owner_ids)
        };
        let _ = writeln!(
            s,
            "  report r{sec} \"Báo cáo kết quả thực hiện nhóm {sec}\" {{ from {from}; to so_khdt; every quarter by day 15 }}"
        );
        if targets >= 2 {
            let _ = writeln!(
                s,
                "  rule q{sec} \"Kiểm tra nhóm {sec}\" {{ require t{sec}_0 + t{sec}_1 <= 200; severity warning }}"
            );
        }
        s.push_str("}\n\n");
    }
    s
}

/// An agencies file of `n` owners, as a province lists its departments, districts and communes: one flat list at
/// the top level of the file (so one block of `n` statements for `fmt`), with a group for every 50.
pub fn owners(n: usize) -> String {
    let mut s = String::with_capacity(n * 48);
    for i in 0..n {
        let _ = writeln!(
            s,
            "owner o{i} \"Ủy ban nhân dân xã {i}\" {{ aka \"UBND xã {i}\" }}"
        );
        if i % 50 == 49 {
            let members: Vec<String> = (i - 49..=i).map(|k| format!("o{k}")).collect();
            let _ = writeln!(
                s,
                "group g{i} \"Các xã {}–{i}\" {{ members {} }}",
                i - 49,
                members.join(", ")
            );
        }
    }
    s
}

/// The same plan written tersely, as a hurried author would: every target and task on one line, its attributes
/// separated by `;`. The text means the same; `fmt` lays it out again over several lines, so it grows.
pub fn one_line(text: &str) -> String {
    text.replace(" {\n    ", " { ")
        .replace("\n    ", "; ")
        .replace("\n  }", " }")
}

/// The same plan with comments everywhere `fmt` must keep one: a line of its own before each declaration, after
/// each `{`, at the end of each attribute line, and inside a list continued on the next line (which keeps that
/// statement as written). About one comment per line.
pub fn commented(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        let indent = line.get(..line.len() - code.len()).unwrap_or("");
        if code.is_empty() {
            out.push('\n');
            continue;
        }
        let declaration = ["section ", "target ", "task ", "report ", "rule ", "owner "]
            .iter()
            .any(|k| code.starts_with(k));
        if declaration {
            let _ = writeln!(out, "{indent}// {} (dòng {n})", note(n));
        }
        if let Some(rest) = code.strip_prefix("support ")
            && let Some((first, others)) = rest.split_once(", ")
        {
            let _ = writeln!(
                out,
                "{indent}support {first}, // phối hợp\n{indent}  {others}"
            );
        } else if code.ends_with('{') {
            let _ = writeln!(out, "{line} // mở khối {n}");
        } else if code == "}" {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "{line}  // ghi chú {n}");
        }
    }
    out
}

/// A note for line `n`, from a fixed list: comments are as varied as titles, in Vietnamese.
fn note(n: usize) -> &'static str {
    const NOTES: [&str; 4] = [
        "Theo Nghị quyết của Tỉnh ủy",
        "Cần rà soát lại chỉ tiêu này",
        "Đã thống nhất với các sở, ngành",
        "TODO: bổ sung số liệu năm 2020",
    ];
    NOTES.get(n % NOTES.len()).copied().unwrap_or("")
}

/// A plan of a few statements whose lines are `width` characters long or more: a group whose members are listed
/// on one line, a task led by all of them, a title and a comment of that length.
pub fn long_lines(width: usize) -> String {
    let owners = (width / 8).max(1);
    let mut s = String::with_capacity(width * 5 + owners * 24);
    for i in 0..owners {
        let _ = writeln!(s, "owner o{i} \"Cơ quan {i}\"");
    }
    let ids: Vec<String> = (0..owners).map(|i| format!("o{i}")).collect();
    let ids = ids.join(", ");
    let title = "Nhiệm vụ trọng tâm ".repeat(width / 19 + 1);
    let note = "ghi chú ".repeat(width / 8 + 1);
    let _ = writeln!(s, "group all \"Tất cả\" {{ members {ids} }}");
    let _ = writeln!(s, "task t \"{title}\" {{ lead {ids}; due 2025 }} // {note}");
    s
}

/// Parses one plan file as loading does, and nothing more: the parse stage alone, for the benchmarks
/// (`benches/pipeline.rs`, `examples/parse_speed.rs`), which reach the library through its public API only.
/// Gives the number of syntax diagnostics.
pub fn parse(text: &str) -> usize {
    crate::parse::parse_plan(text, crate::source::FileId(0))
        .1
        .len()
}

/// Plausible progress for a checked plan at `as_of`, as text facts: a yearly value for every target and measure
/// with a number to compare (each year of its window before `as_of`), an assessment for every qualitative target,
/// and for tasks due by `as_of` mostly a done date, otherwise a progress figure. Derived targets get no value: the
/// evaluator computes them. Deterministic for a given plan and day.
pub fn facts(plan: &crate::Plan, as_of: NaiveDate) -> String {
    let model = plan.model();
    let number = model.plan.as_ref().map_or("", |p| p.number.as_str());
    let mut rng = Random(number.bytes().fold(0x0066_6163_7473, |h, b| {
        h.wrapping_mul(31).wrapping_add(u64::from(b))
    }));
    let mut s = String::with_capacity(model.targets.len() * 48 + model.tasks.len() * 32);
    let _ = writeln!(
        s,
        "facts \"{}\" as_of {as_of} {{",
        number.replace('\\', "\\\\").replace('"', "\\\"")
    );
    let plan_from = model
        .plan
        .as_ref()
        .and_then(|p| p.period)
        .map_or(as_of.year(), |p| p.from);
    for target in &model.targets {
        let reference = match (&target.goal, target.kind) {
            _ if target.is_derived() => continue,
            (Some(Goal::Text(_)), _) => None,
            (_, TargetKind::Measure) => Some(Decimal::from(100_000)),
            (Some(goal), _) => Some(goal_reference(goal)),
            (None, _) => continue,
        };
        let (from, to) = match target.window {
            Some(Window::Yearly { from, to } | Window::Average { from, to }) => (from, to),
            Some(Window::By(d)) => (plan_from, d.last_day().year()),
            None => (plan_from, as_of.year()),
        };
        for year in from..=to.min(as_of.year() - 1) {
            match reference {
                Some(r) => {
                    // Between 90 % and 110 % of the goal: some met, some missed.
                    let factor = Decimal::new(90 + rng.below(21) as i64, 2);
                    let value = (r * factor).round_dp(2).normalize();
                    let _ = writeln!(s, "  {} {year} = {value}", target.id);
                }
                None => {
                    let verdict = if rng.below(3) == 0 { "missed" } else { "met" };
                    let _ = writeln!(s, "  {} {year} assessed {verdict}", target.id);
                }
            }
        }
    }
    let issued = model.plan.as_ref().and_then(|p| p.issued);
    let run = model.run(Some(as_of));
    for task in &model.tasks {
        match (task.schedule, run) {
            // A standing duty assessed for most quarters begun, a recurring one done for most occurrences due.
            (TaskSchedule::Ongoing, Some(run)) => {
                let quarters = Schedule {
                    frequency: Frequency::Quarter,
                    by: DueDay::DayOfLastMonth(1),
                };
                for o in quarters.occurrences(run).take_while(|o| o.due <= as_of) {
                    if rng.below(4) > 0 {
                        let verdict = if rng.below(4) == 0 { "missed" } else { "met" };
                        let _ = writeln!(s, "  {} {} assessed {verdict}", task.id, o.period);
                    }
                }
                continue;
            }
            (TaskSchedule::Every(every), Some(run)) => {
                for o in every.occurrences(run).take_while(|o| o.due <= as_of) {
                    if rng.below(5) > 0 {
                        let done = o.due - Duration::days(rng.below(30) as i64 - 5);
                        let done = done.min(as_of).max(run.first);
                        let _ = writeln!(s, "  {} {} done {done}", task.id, o.period);
                    }
                }
                continue;
            }
            _ => {}
        }
        let Some(due) = task.due().map(|d| d.last_day()) else {
            continue;
        };
        if due <= as_of && rng.below(5) > 0 {
            let early = Duration::days(rng.below(60) as i64);
            let done = (due - early).max(issued.unwrap_or(due - early));
            let _ = writeln!(s, "  {} done {done}", task.id);
        } else if rng.below(2) == 0 {
            let _ = writeln!(s, "  {} progress {}", task.id, 10 * (1 + rng.below(9)));
        }
    }
    // Reports, tracked: most senders' reports came in, some late.
    if let Some(run) = run {
        for report in &model.reports {
            let Some(every) = report.every else {
                continue;
            };
            let senders = model.answerable(&report.from);
            for o in every.occurrences(run).take_while(|o| o.due <= as_of) {
                for &from in &senders {
                    let Some(owner) = model.owners.get(from) else {
                        continue;
                    };
                    if rng.below(6) > 0 {
                        let day = (o.due - Duration::days(rng.below(20) as i64 - 4)).min(as_of);
                        let _ = writeln!(
                            s,
                            "  {} {} from {} submitted {day}",
                            report.id, o.period, owner.id
                        );
                    }
                }
            }
        }
    }
    s.push_str("}\n");
    s
}

/// The number a goal is about: its bound, or the low end of a range.
fn goal_reference(goal: &Goal) -> Decimal {
    match goal {
        Goal::Exact(x)
        | Goal::AtLeast(x)
        | Goal::Above(x)
        | Goal::AtMost(x)
        | Goal::Below(x)
        | Goal::Approx(x)
        | Goal::Range(x, _) => *x,
        Goal::Text(_) => Decimal::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_workspace;
    use crate::diagnostics::Tally;
    use crate::workspace::{MemoryFileSystem, load_memory};

    #[test]
    fn generated_workspaces_check_without_errors() {
        let fs: MemoryFileSystem = workspace(Shape::with_items(3_000))
            .into_iter()
            .map(|f| (f.path, f.text))
            .collect();
        let ws = load_memory(&fs);
        let checked = check_workspace(&ws);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .take(3)
            .collect();
        assert_eq!(Tally::of(&checked.diagnostics).errors, 0, "{errors:#?}");
        assert_eq!(checked.models.len(), ws.units.len());
        let items: usize = checked
            .models
            .iter()
            .map(|m| m.targets.len() + m.tasks.len())
            .sum();
        assert!((2_500..=3_500).contains(&items), "{items} items");
    }

    #[test]
    fn generated_facts_read_clean_and_evaluate() {
        let sources = workspace(Shape::with_items(2_000))
            .into_iter()
            .map(|f| crate::Source::new(f.path, f.text).unwrap())
            .collect();
        let project = crate::Project::from_sources(sources);
        let plan = project.plans().unwrap().remove(0);
        let as_of = NaiveDate::from_ymd_opt(2023, 9, 30).unwrap();
        let text = facts(&plan, as_of);
        let facts = plan.facts(crate::Source::new("generated.facts", text).unwrap());
        assert!(facts.findings().is_empty(), "{:#?}", facts.findings());
        let options = crate::EvalOptions {
            as_of: Some(as_of),
            ..crate::EvalOptions::default()
        };
        let report = plan.evaluate(&facts, &options).unwrap();
        let json = serde_json::to_value(&report).unwrap();
        let statuses = json.to_string();
        for status in ["\"met\"", "\"missed\"", "\"done\"", "\"overdue\""] {
            assert!(statuses.contains(status), "no {status} in the report");
        }
    }

    #[test]
    fn generation_is_deterministic() {
        let a: Vec<String> = workspace(Shape::with_items(500))
            .into_iter()
            .map(|f| f.text)
            .collect();
        let b: Vec<String> = workspace(Shape::with_items(500))
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(a, b);
    }
}
