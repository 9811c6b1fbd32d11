//! Evaluation fixtures run through one helper: each `tests/fixtures/eval/NAME.plan` is evaluated against
//! `NAME.facts` and `NAME.facts.json`; both must give the same report, which is snapshotted as JSON and as the
//! terminal table. Each `tests/fixtures/eval/err/NAME.plan` has facts with mistakes, snapshotted as the user sees
//! them in both forms. The bundled plans' example facts must read clean and agree across forms too.

mod common;

use std::path::{Path, PathBuf};

use kehoach::diagnostics::Lang;

fn sibling(plan: &Path, extension: &str) -> PathBuf {
    plan.with_extension(extension)
}

#[test]
fn fixtures_give_these_reports_from_text_and_json_alike() {
    insta::glob!("fixtures/eval/*.plan", |path| {
        let (text, text_diagnostics) =
            common::evaluate_fixture(path, &sibling(path, "facts"), None);
        let (json, json_diagnostics) =
            common::evaluate_fixture(path, &sibling(path, "facts.json"), None);
        let text = text.unwrap_or_else(|| panic!("{text_diagnostics}"));
        let json = json.unwrap_or_else(|| panic!("{json_diagnostics}"));
        assert_eq!(text, json, "the text and JSON facts disagree");
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::assert_json_snapshot!(format!("{stem}_report"), text);
        insta::assert_snapshot!(
            format!("{stem}_table"),
            kehoach::eval::render::table(&text, Lang::En, false)
        );
    });
}

#[test]
fn broken_facts_show_these_diagnostics() {
    insta::glob!("fixtures/eval/err/*.plan", |path| {
        let (text_report, text) = common::evaluate_fixture(path, &sibling(path, "facts"), None);
        let (json_report, json) =
            common::evaluate_fixture(path, &sibling(path, "facts.json"), None);
        assert!(
            text_report.is_none() && json_report.is_none(),
            "facts with errors were evaluated"
        );
        insta::assert_snapshot!(format!("{text}\n---- json ----\n\n{json}"));
    });
}

/// The bundled plans (`plans/*/NAME.plan` with `NAME.facts` and `NAME.facts.json`): the facts read without error
/// and both forms give the same report. `KEHOACH_PLANS` points elsewhere, e.g. at a checkout still writing them.
#[test]
fn bundled_example_facts_read_clean_and_agree() {
    let root = std::env::var_os("KEHOACH_PLANS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("plans"));
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return;
    };
    for dir in dirs.flatten() {
        for entry in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let plan = entry.path();
            let (text_facts, json_facts) = (sibling(&plan, "facts"), sibling(&plan, "facts.json"));
            if plan.extension().is_none_or(|e| e != "plan") || !text_facts.exists() {
                continue;
            }
            let (text, diagnostics) = common::evaluate_fixture(&plan, &text_facts, None);
            let text = text.unwrap_or_else(|| panic!("{}:\n{diagnostics}", text_facts.display()));
            let (json, diagnostics) = common::evaluate_fixture(&plan, &json_facts, None);
            let json = json.unwrap_or_else(|| panic!("{}:\n{diagnostics}", json_facts.display()));
            assert_eq!(
                text,
                json,
                "{}: text and JSON facts disagree",
                plan.display()
            );
        }
    }
}

/// The JavaScript API keeps the model's part of a report from a plan's first evaluation and merges later
/// evaluations' varying keys over it (`kehoach::eval::Varying`). For every bundled plan, whatever two evaluations
/// are taken — the example facts or none, on days before, within and after the plan — the first's report with
/// the second's varying keys merged over it is exactly the second's report: no key that changes is left out.
#[test]
fn varying_keys_cover_every_change() {
    use kehoach::eval::ITEM_LISTS;
    use serde_json::Value;

    /// `first` with `second`'s varying keys merged over its items and `second`'s other top-level keys: what the
    /// JavaScript API builds.
    fn merge(first: &Value, second: &kehoach::eval::Report<'_>) -> Value {
        let mut merged = serde_json::to_value(second).unwrap();
        let Value::Object(map) = &mut merged else {
            panic!("a report is an object");
        };
        for list in ITEM_LISTS {
            map.insert(list.to_string(), first[list].clone());
        }
        struct Merge<'a> {
            map: &'a mut serde_json::Map<String, Value>,
            next: [usize; ITEM_LISTS.len()],
        }
        impl kehoach::eval::EachItem for Merge<'_> {
            fn item<T: serde::Serialize>(&mut self, list: usize, item: &T) {
                let Value::Object(change) = serde_json::to_value(item).unwrap() else {
                    panic!("an item is an object");
                };
                let item = &mut self.map[ITEM_LISTS[list]][self.next[list]];
                self.next[list] += 1;
                item.as_object_mut().unwrap().extend(change);
            }
        }
        let mut each = Merge {
            map,
            next: [0; ITEM_LISTS.len()],
        };
        kehoach::eval::Varying(second).each_item(&mut each);
        let next = each.next;
        for (list, count) in ITEM_LISTS.iter().zip(next) {
            assert_eq!(
                map[*list].as_array().unwrap().len(),
                count,
                "`{list}`: one per item"
            );
        }
        merged
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let scratch = std::env::temp_dir().join(format!("kehoach-varying-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    // The bundled plans, and the fixture of SPEC §2b (standing and recurring duties, tracked reports), whose
    // occurrences, assessments and submissions vary with the facts and the day.
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|dir| dir.path().is_dir())
        .flat_map(|dir| std::fs::read_dir(dir.path()).unwrap().flatten())
        .map(|entry| entry.path())
        .collect();
    cases.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/duties.plan"));
    let mut plans = 0;
    {
        for plan in cases {
            let facts = sibling(&plan, "facts.json");
            if plan.extension().is_none_or(|e| e != "plan") || !facts.exists() {
                continue;
            }
            let name = plan.file_stem().unwrap().to_string_lossy().into_owned();
            let json: Value =
                serde_json::from_str(&std::fs::read_to_string(&facts).unwrap()).unwrap();
            let none = scratch.join(format!("{name}.facts.json"));
            std::fs::write(
                &none,
                serde_json::json!({ "plan": json["plan"] }).to_string(),
            )
            .unwrap();
            let days = [
                "2019-06-30",
                "2021-01-01",
                "2021-06-15",
                "2021-11-30",
                "2023-07-15",
                "2025-12-31",
                "2031-01-01",
            ];
            let mut reports = Vec::new();
            for facts in [&facts, &none] {
                for day in days {
                    let (report, diagnostics) =
                        common::evaluate_fixture(&plan, facts, Some(day.parse().unwrap()));
                    let report =
                        report.unwrap_or_else(|| panic!("{}:\n{diagnostics}", facts.display()));
                    reports.push((serde_json::to_value(&report).unwrap(), report));
                }
            }
            for (first, _) in &reports {
                for (second, report) in &reports {
                    assert_eq!(&merge(first, report), second, "{}", plan.display());
                }
            }
            let distinct: std::collections::BTreeSet<String> =
                reports.iter().map(|(r, _)| r.to_string()).collect();
            assert_eq!(
                distinct.len(),
                reports.len(),
                "{}: the evaluations differ",
                plan.display()
            );
            plans += 1;
        }
    }
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(plans >= 3, "the bundled plans were found");
}
