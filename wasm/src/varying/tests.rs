use std::path::Path;

use serde_json::Value;

use super::*;
use crate::api::{FactsSource, Options, compile};

/// `first` with `second`'s varying keys merged over its items and `second`'s other top-level keys: what a compiled
/// plan builds in JavaScript.
fn merge(first: &Value, second: &Report) -> Value {
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
    impl EachItem for Merge<'_> {
        fn item<T: Serialize>(&mut self, list: usize, item: &T) {
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
    Varying(second).each_item(&mut each);
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

/// The items whose varying keys postcard cannot encode, each as its list and place and the error: a compiled plan
/// compares an evaluation's items with the last one's in postcard bytes, and shows the whole report, unfrozen and
/// unshared, when one fails.
fn postcard_failures(report: &Report) -> Vec<String> {
    struct Encode(Vec<String>, [usize; ITEM_LISTS.len()]);
    impl EachItem for Encode {
        fn item<T: Serialize>(&mut self, list: usize, item: &T) {
            if let Err(e) = postcard::to_allocvec(item) {
                self.0
                    .push(format!("{}[{}]: {e}", ITEM_LISTS[list], self.1[list]));
            }
            self.1[list] += 1;
        }
    }
    let mut encode = Encode(Vec::new(), [0; ITEM_LISTS.len()]);
    Varying(report).each_item(&mut encode);
    encode.0
}

/// A compiled plan keeps the model's part of a report from its first evaluation and merges later evaluations'
/// varying keys over it. For every bundled plan, whatever two evaluations are taken — the example facts or none,
/// on days before, within and after the plan — the first's report with the second's varying keys merged over it
/// is exactly the second's report: no key that changes is left out.
#[test]
fn varying_keys_cover_every_change() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plans");
    // The bundled plans' folders, and the fixture of SPEC §2b alone (standing and recurring duties, tracked
    // reports), whose occurrences, assessments and submissions vary with the facts and the day.
    let mut folders: Vec<(std::path::PathBuf, Option<&str>)> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|dir| (dir.path(), None))
        .filter(|(dir, _)| dir.is_dir())
        .collect();
    folders.push((
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/eval"),
        Some("duties.plan"),
    ));
    let mut plans = 0;
    for (dir, only) in folders {
        let files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "plan"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .filter(|(name, _)| only.is_none_or(|only| name == only))
            .collect();
        for (name, _) in &files {
            let facts = dir.join(name).with_extension("facts.json");
            if !facts.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&facts).unwrap();
            let json: Value = serde_json::from_str(&text).unwrap();
            let none = serde_json::json!({ "plan": json["plan"] }).to_string();
            let days = [
                "2019-06-30",
                "2021-01-01",
                "2021-06-15",
                "2021-11-30",
                "2023-07-15",
                "2025-12-31",
                "2031-01-01",
            ];
            let plan = compile(
                &files,
                &Options {
                    plan: Some(name.clone()),
                    ..Options::default()
                },
            );
            let mut reports = Vec::new();
            for facts in [&text, &none] {
                for day in days {
                    let options = Options {
                        as_of: day.parse().ok(),
                        ..Options::default()
                    };
                    let result = plan.evaluate(FactsSource::json(facts.clone()), &options);
                    let report = result
                        .report
                        .unwrap_or_else(|| panic!("{name}:\n{:#?}", result.diagnostics));
                    reports.push((serde_json::to_value(&report).unwrap(), report));
                }
            }
            for (_, report) in &reports {
                assert_eq!(postcard_failures(report), Vec::<String>::new(), "{name}");
            }
            for (first, _) in &reports {
                for (second, report) in &reports {
                    assert_eq!(&merge(first, report), second, "{name}");
                }
            }
            let distinct: std::collections::BTreeSet<String> =
                reports.iter().map(|(r, _)| r.to_string()).collect();
            assert_eq!(
                distinct.len(),
                reports.len(),
                "{name}: the evaluations differ"
            );
            plans += 1;
        }
    }
    assert!(
        plans >= 4,
        "the bundled plans and the duties fixture were found"
    );
}
