use super::*;

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
            plan: Some("1/KH".into())
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
                "unknown option `plann`: the options are `lang`, `plan`",
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
    let source = "plan \"1/KH\" { period 2023 }\nowner a \"Sở Tài chính\"\ntask t \"Việc\" { lead b }\n";
    let diagnostics = check(&single(source.to_string()), &Options::default());
    let unknown = diagnostics
        .iter()
        .find(|d| d.code.as_str() == "unknown-reference")
        .unwrap();
    assert_eq!(unknown.file, "plan.plan");
    assert_eq!((unknown.line, unknown.column), (3, 22));
    let utf16: Vec<u16> = source.encode_utf16().collect();
    let underlined = String::from_utf16(
        &utf16[unknown.range_utf16.start..unknown.range_utf16.end],
    )
    .unwrap();
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
            ("ben-tre/plan.plan", "use \"agencies.plan\"\nplan \"1/KH\" { period 2023 }\ntarget x \"X\" { unit \"%\"; goal >= 9.3; lead a }\n"),
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
    let two = files(&[
        ("a.plan", PLAN),
        ("b.plan", &PLAN.replace("1/KH", "2/KH")),
    ]);
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
