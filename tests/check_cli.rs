//! `kehoach check` as CI runs it: the SARIF log validates against the official schema, the JSON is SPEC section 5's,
//! and the exit status follows SPEC section 5.

use std::path::{Path, PathBuf};

use kehoach::cli::{CheckFormat, run_check};
use kehoach::diagnostics::Lang;
use kehoach::workspace::Input;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `kehoach check` on the given paths: exit status, stdout, stderr.
#[expect(
    clippy::unwrap_used,
    reason = "a test helper: output that is not UTF-8 fails the test"
)]
fn check(
    paths: &[PathBuf],
    format: CheckFormat,
    deny_warnings: bool,
    lang: Lang,
) -> (u8, String, String) {
    let inputs: Vec<Input> = paths
        .iter()
        .map(|p| Input {
            path: p.clone(),
            root: fixtures(),
        })
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run_check(
        &inputs,
        &[],
        format,
        deny_warnings,
        lang,
        false,
        &mut out,
        &mut err,
    );
    (
        status,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// The official schema, unchanged but for one pattern: `language` (of a run and of a tool) is written
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, whose stray `]` ECMAScript reads as a literal `]` but Rust's regex
/// engines reject. It is escaped to `\]`, the same pattern in both.
#[expect(
    clippy::unwrap_used,
    reason = "a test helper: an unreadable schema fails the test"
)]
fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0-rtm.5.json");
    let text = std::fs::read_to_string(path).unwrap();
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(
        text.matches(stray).count(),
        2,
        "the schema changed: review this patch"
    );
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, log: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let all = vec![fixtures().join("err"), fixtures().join("ok")];
    for lang in [Lang::En, Lang::Vi] {
        let (status, out, _) = check(&all, CheckFormat::Sarif, false, lang);
        assert_eq!(status, 1);
        let log: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_valid(&validator, &log);
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), kehoach::diagnostics::Code::ALL.len());
        let results = run["results"].as_array().unwrap();
        assert!(results.len() > 50, "{} results", results.len());
        // Each result points at its rule, and every code is raised by some fixture.
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
        }
    }
}

#[test]
fn sarif_reports_an_unreadable_path_and_still_validates() {
    let missing = fixtures().join("err/no_such_file.plan");
    let (status, out, err) = check(&[missing], CheckFormat::Sarif, false, Lang::En);
    assert_eq!(status, 2, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_valid(&sarif_validator(), &log);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn sarif_rule_and_result_say_what_the_user_sees() {
    let (_, out, _) = check(
        &[fixtures().join("err/dependency_cycle.plan")],
        CheckFormat::Sarif,
        false,
        Lang::Vi,
    );
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "dependency-cycle");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(6), Some(6))
    );
    // Every edge of the cycle, in order.
    let related: Vec<&str> = result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        [
            "1. `quy_hoach` làm sau `danh_gia`",
            "2. `danh_gia` làm sau `khao_sat`",
            "3. `khao_sat` làm sau `quy_hoach`"
        ]
    );
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("gợi ý: ")
    );
    let rule = &run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["name"], "DependencyCycle");
    assert!(
        rule["help"]["text"]
            .as_str()
            .unwrap()
            .contains("kehoach explain dependency-cycle --lang vi")
    );
    // The package names no public repository, so there is no address to point at: the help text carries it all.
    assert_eq!(rule.get("helpUri"), None);
}

#[test]
fn json_has_the_fields_of_spec_section_5() {
    let (status, out, _) = check(
        &[fixtures().join("err/five_mistakes.plan")],
        CheckFormat::Json,
        false,
        Lang::En,
    );
    assert_eq!(status, 1);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let all = value.as_array().unwrap();
    assert_eq!(all.len(), 5, "{out}");
    for d in all {
        for key in [
            "code",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "labels",
            "help",
        ] {
            assert!(d.get(key).is_some(), "missing `{key}` in {d}");
        }
        for label in d["labels"].as_array().unwrap() {
            for key in ["message", "line", "column"] {
                assert!(label.get(key).is_some(), "missing `{key}` in {label}");
            }
        }
    }
}

#[test]
fn exit_status_follows_spec_section_5() {
    let clean = fixtures().join("ok/spec_example.plan");
    let warnings = fixtures().join("err/missing_lead.plan");
    let errors = fixtures().join("err/dependency_cycle.plan");
    assert_eq!(
        check(
            std::slice::from_ref(&clean),
            CheckFormat::Human,
            true,
            Lang::En
        )
        .0,
        0
    );
    assert_eq!(
        check(
            std::slice::from_ref(&warnings),
            CheckFormat::Human,
            false,
            Lang::En
        )
        .0,
        0
    );
    assert_eq!(check(&[warnings], CheckFormat::Human, true, Lang::En).0, 1);
    assert_eq!(check(&[errors], CheckFormat::Human, false, Lang::En).0, 1);
    let (status, _, err) = check(
        &[clean, fixtures().join("nope.plan")],
        CheckFormat::Human,
        false,
        Lang::En,
    );
    assert_eq!(status, 2);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn the_summary_counts_in_the_users_language() {
    let (_, _, err) = check(
        &[fixtures().join("err/missing_lead.plan")],
        CheckFormat::Human,
        false,
        Lang::Vi,
    );
    assert!(
        err.ends_with("đã kiểm tra 1 tệp: 0 lỗi, 3 cảnh báo\n"),
        "{err}"
    );
}

/// The validation can fail: a log with a result that has no message, or a column 0, is rejected.
#[test]
fn the_schema_rejects_a_broken_log() {
    let validator = sarif_validator();
    let (_, out, _) = check(
        &[fixtures().join("err/dependency_cycle.plan")],
        CheckFormat::Sarif,
        false,
        Lang::En,
    );
    let good: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(validator.is_valid(&good));
    let mut no_message = good.clone();
    no_message["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!validator.is_valid(&no_message));
    let mut column_zero = good;
    column_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        0.into();
    assert!(!validator.is_valid(&column_zero));
}
