use super::*;
use chrono::NaiveDate;
use kehoach::eval::Status;

/// The JavaScript `evaluate(sources, facts, options)`: a plan compiled for one call.
fn evaluate(files: &[(String, String)], facts: &FactsSource, options: &Options) -> EvaluateResult {
    compile(files, options).evaluate(facts.clone(), options)
}

fn files(pairs: &[(&str, &str)]) -> Files {
    pairs
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

const PLAN: &str = "plan \"1/KH\" { period 2023 }\nowner a \"Sở A\"\ntarget x \"X\" { unit \"%\"; goal >= 9.3; lead a }\n";

#[test]
fn options_default_and_read_lang_and_plan() {
    assert_eq!(Options::from_json(None), Ok(Options::default()));
    assert_eq!(Options::from_json(Some("null")), Ok(Options::default()));
    assert_eq!(
        Options::from_json(Some(r#"{"lang":"vi","plan":"1/KH"}"#)),
        Ok(Options {
            lang: Lang::Vi,
            plan: Some("1/KH".into()),
            ..Options::default()
        })
    );
}

#[test]
fn bad_options_are_diagnostics_with_a_suggestion() {
    let problems = Options::from_json(Some(r#"{"lang":"fr","plann":"x"}"#)).unwrap_err();
    let shown: Vec<(&str, &str, Option<&str>)> = problems
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                "invalid-argument",
                "unknown language \"fr\": `lang` is \"en\" or \"vi\"",
                None
            ),
            (
                "invalid-argument",
                "unknown option `plann`: the options are `lang`, `plan`, `asOf`, `dueSoonDays`",
                Some("did you mean `plan`?")
            ),
        ]
    );
    let not_an_object = Options::from_json(Some("42")).unwrap_err();
    assert_eq!(
        not_an_object[0].message,
        "options must be an object such as `{ lang: \"vi\" }`, not a number"
    );
}

#[test]
fn check_gives_the_cli_json_with_utf16_ranges() {
    let source =
        "plan \"1/KH\" { period 2023 }\nowner a \"Sở Tài chính\"\ntask t \"Việc\" { lead b }\n";
    let diagnostics = check(&single(source.to_string()), &Options::default());
    let unknown = diagnostics
        .iter()
        .find(|d| d.code.as_str() == "unknown-reference")
        .unwrap();
    assert_eq!(unknown.file, "plan.plan");
    assert_eq!((unknown.line, unknown.column), (3, 22));
    let utf16: Vec<u16> = source.encode_utf16().collect();
    let underlined =
        String::from_utf16(&utf16[unknown.range_utf16.start..unknown.range_utf16.end]).unwrap();
    assert_eq!(underlined, "b");
    assert_ne!(unknown.range.start, unknown.range_utf16.start);
}

#[test]
fn a_file_over_the_limit_is_a_diagnostic_not_a_read() {
    let huge = "x".repeat(MAX_FILE_BYTES + 1);
    let diagnostics = check(&files(&[("big.plan", &huge)]), &Options::default());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].code, Code::LimitExceeded);
    assert_eq!(diagnostics[0].file, "big.plan");
    assert_eq!(
        diagnostics[0].message,
        "the file is 16 MiB, over the 16 MiB limit"
    );
}

#[test]
fn form_fields_of_a_plan_with_its_agencies() {
    let result = form_fields(
        &files(&[
            (
                "ben-tre/plan.plan",
                "use \"agencies.plan\"\nplan \"1/KH\" { period 2023 }\ntarget x \"X\" { unit \"%\"; goal >= 9.3; lead a }\n",
            ),
            ("ben-tre/agencies.plan", "owner a \"Sở A\"\n"),
        ]),
        &Options::default(),
    );
    assert!(result.ok, "{:#?}", result.diagnostics);
    let fields = result.fields.unwrap();
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].goal.as_deref(), Some(">= 9.3"));
    assert_eq!(fields[0].owners[0].name, "Sở A");
}

#[test]
fn form_fields_of_a_broken_plan_is_not_ok_and_says_why() {
    let result = form_fields(&single("plan \"1/KH\" {".into()), &Options::default());
    assert!(!result.ok);
    assert!(result.fields.is_none());
    assert_eq!(result.diagnostics[0].code, Code::Syntax);
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["ok"], false);
    assert!(json.get("fields").is_none());
}

#[test]
fn several_plans_need_a_name_and_the_name_picks_one() {
    let two = files(&[("a.plan", PLAN), ("b.plan", &PLAN.replace("1/KH", "2/KH"))]);
    let ambiguous = form_fields(&two, &Options::default());
    assert!(!ambiguous.ok);
    assert_eq!(
        ambiguous.diagnostics[0].message,
        "several plans were given: `1/KH`, `2/KH`"
    );
    for name in ["2/KH", "b.plan", "./b.plan"] {
        let chosen = form_fields(
            &two,
            &Options {
                plan: Some(name.into()),
                ..Options::default()
            },
        );
        assert!(chosen.ok, "{name}: {:#?}", chosen.diagnostics);
    }
    let missing = form_fields(
        &two,
        &Options {
            plan: Some("3/KH".into()),
            lang: Lang::Vi,
            ..Options::default()
        },
    );
    assert_eq!(
        missing.diagnostics[0].message,
        "không có kế hoạch `3/KH` trong các tệp đã cho"
    );
    assert_eq!(
        missing.diagnostics[0].help.as_deref(),
        Some("các kế hoạch đã cho: `1/KH`, `2/KH`")
    );
}

#[test]
fn no_sources_and_empty_paths_are_reported() {
    let none = form_fields(&Vec::new(), &Options::default());
    assert_eq!(none.diagnostics[0].message, "no plan was given");
    let empty_path = check(&files(&[("", PLAN)]), &Options::default());
    assert_eq!(empty_path[0].message, "a file has an empty path");
}

#[test]
fn the_typescript_code_union_lists_every_code() {
    let types = include_str!("../types.d.ts");
    let union = types
        .split("export type Code =")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .unwrap();
    let listed: Vec<&str> = union
        .split('|')
        .map(|c| c.trim().trim_matches('"'))
        .filter(|c| !c.is_empty())
        .collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, codes, "update `Code` in wasm/src/types.d.ts");
}

#[test]
fn evaluate_options_read_as_of_and_due_soon_days() {
    let options = Options::from_json(Some(r#"{"asOf":"2023-09-30","dueSoonDays":30}"#)).unwrap();
    assert_eq!(options.as_of, NaiveDate::from_ymd_opt(2023, 9, 30));
    assert_eq!(options.due_soon_days, Some(30));
    let bad = Options::from_json(Some(r#"{"asOf":"30/09/2023","dueSoonDays":-1}"#)).unwrap_err();
    let messages: Vec<&str> = bad.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "`asOf` must be a date written `YYYY-MM-DD`, not \"30/09/2023\"",
            "`dueSoonDays` must be a whole number of days from 0 to 3660, not -1",
        ]
    );
}

const FACTS: &str =
    r#"{ "plan": "1/KH", "as_of": "2024-01-15", "values": { "x": { "2023": 9.4 } } }"#;

#[test]
fn evaluate_gives_the_report_with_ok_and_diagnostics() {
    let result = evaluate(
        &single(PLAN.into()),
        &FactsSource::json(FACTS.into()),
        &Options::default(),
    );
    assert!(result.ok, "{:#?}", result.diagnostics);
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["ok"], true);
    assert_eq!(json["as_of"], "2024-01-15");
    assert_eq!(json["targets"][0]["id"], "x");
    assert_eq!(json["targets"][0]["status"], "met");
    assert_eq!(json["targets"][0]["actual"]["value"], "9.4");
    assert_eq!(json["diagnostics"], serde_json::json!([]));
}

#[test]
fn evaluate_reads_text_facts_and_as_of_overrides_the_facts() {
    let text = "facts \"1/KH\" as_of 2023-06-30 {\n  x 2023 = 9.2\n}\n";
    let options = Options {
        as_of: NaiveDate::from_ymd_opt(2024, 1, 10),
        ..Options::default()
    };
    let result = evaluate(
        &single(PLAN.into()),
        &FactsSource::text(text.into()),
        &options,
    );
    assert!(result.ok, "{:#?}", result.diagnostics);
    let report = result.report.unwrap();
    assert_eq!(report.as_of.to_string(), "2024-01-10");
    assert_eq!(report.targets().next().unwrap().status.as_str(), "missed");
}

#[test]
fn evaluate_refuses_a_broken_plan_or_bad_facts_with_their_places() {
    let broken = evaluate(
        &single("plan \"1/KH\" {".into()),
        &FactsSource::json(FACTS.into()),
        &Options::default(),
    );
    assert!(!broken.ok);
    assert!(broken.report.is_none());
    assert_eq!(broken.diagnostics[0].code, Code::Syntax);

    let facts = r#"{ "plan": "1/KH", "as_of": "2023-12-31", "values": { "y": { "2023": "9.4" }, "x": { "2023": "9,4" } } }"#;
    let bad = evaluate(
        &single(PLAN.into()),
        &FactsSource::json(facts.into()),
        &Options::default(),
    );
    assert!(!bad.ok);
    let shown: Vec<(&str, &str)> = bad
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("unknown-fact", "facts.json"),
            ("malformed-fact", "facts.json")
        ]
    );
    let unknown = bad
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownFact)
        .unwrap();
    assert_eq!(
        facts.get(unknown.range.start..unknown.range.end),
        Some("\"y\"")
    );
    let json = serde_json::to_value(&bad).unwrap();
    assert!(json.get("targets").is_none());
}

#[test]
fn evaluate_without_any_date_asks_for_as_of() {
    let result = evaluate(
        &single(PLAN.into()),
        &FactsSource::json(r#"{ "values": {} }"#.into()),
        &Options::default(),
    );
    assert!(!result.ok);
    let last = result.diagnostics.last().unwrap();
    assert_eq!(last.code, Code::InvalidArgument);
    assert_eq!(
        last.message,
        "no date to evaluate at: the facts give no `as_of`"
    );
}

/// A bundled plan of `plans/` with its JSON and text facts: the corpus the Node tests share (they compare the
/// built package and `kehoach eval --format json` with these same snapshots).
struct Bundled {
    name: String,
    main: String,
    files: Files,
    facts_json: String,
    facts_text: Option<String>,
}

fn bundled_plans() -> Vec<Bundled> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../plans");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
        let files: Files = names
            .iter()
            .filter(|n| n.ends_with(".plan"))
            .map(|n| (n.clone(), read(n)))
            .collect();
        let Some(facts_json) = names.iter().find(|n| n.ends_with(".facts.json")) else {
            continue;
        };
        let main = files
            .iter()
            .find(|(_, text)| text.lines().any(|l| l.trim_start().starts_with("plan \"")))
            .map(|(name, _)| name.clone())
            .unwrap();
        out.push(Bundled {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            main,
            facts_json: read(facts_json),
            facts_text: names
                .iter()
                .find(|n| n.ends_with(".facts"))
                .map(|n| read(n)),
            files,
        });
    }
    out
}

#[test]
fn the_bundled_plans_evaluate_to_the_shared_corpus() {
    let plans = bundled_plans();
    assert!(!plans.is_empty(), "plans/ holds no plan with facts");
    for plan in plans {
        let options = Options {
            plan: Some(plan.main.clone()),
            ..Options::default()
        };
        let result = evaluate(
            &plan.files,
            &FactsSource::json(plan.facts_json.clone()),
            &options,
        );
        assert!(result.ok, "{}: {:#?}", plan.name, result.diagnostics);
        let report = result.report.unwrap();
        // The text facts say the same as the JSON ones.
        if let Some(text) = &plan.facts_text {
            let from_text = evaluate(&plan.files, &FactsSource::text(text.clone()), &options);
            assert_eq!(from_text.report.as_ref(), Some(&report), "{}", plan.name);
        }
        insta::assert_json_snapshot!(format!("corpus_{}", plan.name), report);
    }
}

#[test]
fn a_compiled_plan_evaluates_many_facts_as_evaluate_does() {
    let compiled = compile(&single(PLAN.into()), &Options::default());
    assert!(compiled.ok());
    assert_eq!(compiled.form_fields().fields.map(|f| f.len()), Some(1));
    for value in ["9.4", "9.2"] {
        let facts = FactsSource::json(FACTS.replace("9.4", value));
        let once = evaluate(&single(PLAN.into()), &facts, &Options::default());
        let again = compiled.evaluate(facts.clone(), &Options::default());
        assert_eq!(
            serde_json::to_value(&once).unwrap(),
            serde_json::to_value(&again).unwrap()
        );
    }
    let broken = compile(&single("plan \"1/KH\" {".into()), &Options::default());
    assert!(!broken.ok());
    let result = broken.evaluate(FactsSource::json(FACTS.into()), &Options::default());
    assert!(!result.ok);
    assert_eq!(result.diagnostics[0].code, Code::Syntax);
    let rejected = Compiled::rejected(vec![argument_problem(text!("x", "x"), None, Lang::En)]);
    assert!(!rejected.ok());
    assert_eq!(rejected.diagnostics().len(), 1);
}

#[test]
fn format_gives_the_text_fmt_writes_or_the_syntax_errors() {
    let messy = "plan \"1/KH\" { period 2023 }\nowner a \"Sở A\"\ntask t \"T\" {   lead a ; due 2023-Q2 }\n";
    let one = format(&single(messy.into()), true, &Options::default());
    assert!(one.ok, "{:#?}", one.diagnostics);
    let expected = kehoach::fmt::format(messy).unwrap();
    assert_eq!(one.text.as_deref(), Some(expected.as_str()));
    assert!(one.files.is_none());
    let again = format(&single(expected.clone()), true, &Options::default());
    assert_eq!(again.text.as_deref(), Some(expected.as_str()));

    let two = format(
        &files(&[("b.plan", messy), ("a.plan", "owner a \"A\"\n")]),
        false,
        &Options::default(),
    );
    let formatted = two.files.as_ref().unwrap();
    assert_eq!(
        formatted.iter().map(|(path, _)| path).collect::<Vec<_>>(),
        vec!["a.plan", "b.plan"]
    );
    // Written as an object, by path.
    let json = serde_json::to_value(&two).unwrap();
    assert_eq!(json["files"]["b.plan"].as_str(), Some(expected.as_str()));
    assert_eq!(
        json["files"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        vec!["a.plan", "b.plan"]
    );

    let broken = format(
        &files(&[
            ("ok.plan", messy),
            ("bad.plan", "task t \"T\" { lead a ; due 2023-Q2\n"),
        ]),
        false,
        &Options::default(),
    );
    assert!(!broken.ok);
    assert!(broken.files.is_none());
    assert!(broken.diagnostics.iter().all(|d| d.file == "bad.plan"));
    assert_eq!(broken.diagnostics[0].code, Code::Syntax);
}

#[test]
fn completion_offers_the_plan_ids_at_utf16_offsets() {
    // Vietnamese before the cursor: UTF-16 offsets differ from byte offsets.
    let agencies =
        "owner so_khdt \"Sở Kế hoạch và Đầu tư\" { aka \"Sở KH&ĐT\" }\nowner so_yt \"Sở Y tế\"\n";
    let plan = "use \"agencies.plan\"\nplan \"1/KH\" { period 2023 }\ntask t \"Việc đầu tiên\" {\n  lead sở kế";
    let sources = files(&[("agencies.plan", agencies), ("plan.plan", plan)]);
    let end = plan.encode_utf16().count();
    let found = complete(&sources, "plan.plan", end, &Options::default());
    let shown: Vec<(&str, &str, usize, usize)> = found
        .iter()
        .map(|c| (c.label.as_str(), c.kind, c.from, c.to))
        .collect();
    let typed = "sở kế".encode_utf16().count();
    assert_eq!(shown, [("so_khdt", "owner", end - typed, end)]);
    assert_eq!(
        found.first().and_then(|c| c.detail.as_deref()),
        Some("Sở Kế hoạch và Đầu tư (Sở KH&ĐT)")
    );
    // A statement's first word: the task's keywords, replacing what was typed.
    let plan = "plan \"1/KH\" { period 2023 }\ntask t \"Việc\" {\n  le";
    let end = plan.encode_utf16().count();
    let found = complete(
        &files(&[("p.plan", plan)]),
        "p.plan",
        end,
        &Options::default(),
    );
    assert!(
        found
            .iter()
            .any(|c| c.label == "lead" && c.kind == "keyword" && c.from == end - 2)
    );
    // A file not among the sources, an offset past the end: nothing, no panic.
    assert!(complete(&sources, "other.plan", 0, &Options::default()).is_empty());
    assert!(!complete(&sources, "plan.plan", usize::MAX, &Options::default()).is_empty());
    assert_eq!(byte_offset("aở😀b", 3), "aở".len());
    assert_eq!(byte_offset("aở😀b", 4), "aở😀".len());
}

#[test]
fn hover_describes_ids_across_files_at_utf16_offsets() {
    let agencies =
        "owner so_khdt \"Sở Kế hoạch và Đầu tư\" { aka \"Sở KH&ĐT\" }\nowner so_yt \"Sở Y tế\"\n";
    let plan = "use \"agencies.plan\"\nplan \"1/KH\" { period 2023 }\n// Việc đầu tiên 😀\ntask t \"Việc đầu tiên\" {\n  lead so_khdt\n  due  2023-Q2\n}\ntask u \"Việc sau\" { lead so_yt; due 2023-Q3; after t }\n";
    let sources = files(&[("agencies.plan", agencies), ("plan.plan", plan)]);
    let utf16 = |needle: &str, nth: usize| {
        let byte = plan.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
        plan[..byte].encode_utf16().count()
    };
    // The owner where the task names it, described from the other file, in Vietnamese.
    let vi = Options {
        lang: Lang::Vi,
        ..Options::default()
    };
    let at = utf16("so_khdt", 0);
    let h = hover(&sources, "plan.plan", at + 2, &vi).unwrap();
    assert_eq!((h.from, h.to), (at, at + "so_khdt".len()));
    assert!(
        h.markdown
            .starts_with("**owner** `so_khdt` — Sở Kế hoạch và Đầu tư"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("Sở KH&ĐT"), "{}", h.markdown);
    // The task where `after` names it: its title and due date.
    let at = utf16("after t", 0) + "after ".len();
    let h = hover(&sources, "plan.plan", at, &Options::default()).unwrap();
    assert!(h.markdown.contains("`t` — Việc đầu tiên"), "{}", h.markdown);
    assert!(h.markdown.contains("2023-Q2"), "{}", h.markdown);
    // A keyword's meaning; nothing in a comment, for another file, or past the end.
    assert!(
        hover(
            &sources,
            "plan.plan",
            utf16("lead", 0) + 1,
            &Options::default()
        )
        .is_some()
    );
    assert!(hover(&sources, "plan.plan", utf16("đầu", 0), &Options::default()).is_none());
    assert!(hover(&sources, "other.plan", 0, &Options::default()).is_none());
    assert!(hover(&sources, "plan.plan", usize::MAX, &Options::default()).is_none());
}
