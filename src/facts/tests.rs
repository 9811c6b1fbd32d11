use rust_decimal::Decimal;

use super::json::{JsonKind, JsonPath, parse};
use super::*;
use crate::diagnostics::Code;

fn value_of(facts: &Facts, id: &str) -> Vec<(String, Decimal)> {
    facts
        .facts
        .iter()
        .filter(|f| f.id.value == id)
        .filter_map(|f| match &f.kind {
            FactKind::Value { period, value } => Some((period.value.to_string(), value.value)),
            _ => None,
        })
        .collect()
}

#[test]
fn json_numbers_are_read_from_their_digits() {
    let text = r#"{"values": {"g": {"2021": 8.1, "2022": "8.10", "2023": 0.1, "2024": 1.5e3, "2025": -2}}}"#;
    let (facts, diagnostics) = from_json(text, FileId(0));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let facts = facts.unwrap();
    let values = value_of(&facts, "g");
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    assert_eq!(
        values,
        vec![
            ("2021".to_string(), d("8.1")),
            ("2022".to_string(), d("8.10")),
            ("2023".to_string(), d("0.1")),
            ("2024".to_string(), d("1500")),
            ("2025".to_string(), d("-2")),
        ]
    );
    // Three tenths add up to exactly 0.3 (a binary float would not).
    assert_eq!(d("0.1") + d("0.1") + d("0.1"), d("0.3"));
}

#[test]
fn json_spans_cover_the_key_and_the_value() {
    let text = "{\"values\": {\"g\": {\"2023\": \"7,9\"}}}";
    let (_, diagnostics) = from_json(text, FileId(0));
    let d = diagnostics.first().unwrap();
    assert_eq!(d.code, Code::MalformedFact);
    assert_eq!(text.get(d.span.range()), Some("\"7,9\""));
    assert!(
        d.message.en.contains("`$.values.g[\"2023\"]`"),
        "{}",
        d.message.en
    );
    assert!(d.help.as_ref().unwrap().en.contains("`95.01`"));
}

#[test]
fn json_strings_unescape_and_keep_unicode() {
    let text = r#"{"a": "l\u00fd do \ud83d\ude00 \"x\" \\ \/ \n", "b": [true, false, null, []]}"#;
    let value = parse(text, FileId(0)).unwrap();
    let JsonKind::Object(members) = value.kind else {
        panic!("an object")
    };
    assert_eq!(
        members.first().map(|(_, v)| v.kind.clone()),
        Some(JsonKind::String("lý do 😀 \"x\" \\ / \n".into()))
    );
}

#[test]
fn broken_json_is_one_syntax_error_at_its_place() {
    for (text, at) in [
        ("{\"a\": 1,}", 8),
        ("[1, 2,]", 6),
        ("{\"a\" 1}", 5),
        ("{\"a\": 01x}", 8),
        ("{\"a\": \"open", 11),
        ("", 0),
        ("{} {}", 3),
    ] {
        let err = parse(text, FileId(0)).unwrap_err();
        assert_eq!(err.code, Code::Syntax, "{text}");
        assert_eq!(err.span.start as usize, at, "{text}: {}", err.message.en);
    }
}

#[test]
fn deep_json_hits_the_nesting_limit() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = parse(&text, FileId(0)).unwrap_err();
    assert_eq!(err.code, Code::LimitExceeded);
}

#[test]
fn json_paths_quote_keys_that_are_not_ids() {
    let root = JsonPath::ROOT;
    let values = root.then("values");
    assert_eq!(root.to_string(), "$");
    assert_eq!(values.then("grdp").to_string(), "$.values.grdp");
    assert_eq!(values.then("2023-Q1").to_string(), "$.values[\"2023-Q1\"]");
    assert_eq!(
        values.then("a\"b\\").to_string(),
        "$.values[\"a\\\"b\\\\\"]"
    );
}

#[test]
fn text_and_json_read_into_the_same_facts() {
    let text = "facts \"P\" as_of 2023-09-30 {\n  g 2023 = 7.9\n  t done 2023-01-25\n  u progress 60\n  v cancelled \"lý do\"\n  q 2023 assessed met\n  k 2023-Q2 assessed met \"đã kiểm tra 12 dự án\"\n  y 2023 done 2023-11-20\n  z 2023-Q1 progress 40\n  z 2023-Q2 cancelled\n  monthly 2023-06 from so_tc submitted 2023-06-17\n}\n";
    let json = r#"{"plan": "P", "as_of": "2023-09-30", "values": {"g": {"2023": 7.9}},
        "tasks": {"t": {"done": "2023-01-25"}, "u": {"progress": 60}, "v": {"cancelled": "lý do"},
                  "k": {"2023-Q2": {"assessed": "met", "note": "đã kiểm tra 12 dự án"}},
                  "y": {"2023": {"done": "2023-11-20"}},
                  "z": {"2023-Q1": {"progress": 40}, "2023-Q2": {"cancelled": true}}},
        "assessments": {"q": {"2023": "met"}},
        "reports": {"monthly": {"2023-06": {"so_tc": "2023-06-17"}}}}"#;
    let (a, da) = from_text(text, FileId(0));
    let (b, db) = from_json(json, FileId(1));
    assert!(da.is_empty() && db.is_empty(), "{da:?} {db:?}");
    let strip = |f: Facts| -> Vec<(String, String)> {
        f.facts
            .into_iter()
            .map(|x| {
                let kind = match x.kind {
                    FactKind::Value { period, value } => {
                        format!("{} = {}", period.value, value.value)
                    }
                    FactKind::Assessed {
                        period,
                        verdict,
                        note,
                    } => {
                        let note = note.map(|n| n.value);
                        format!("{} assessed {} {note:?}", period.value, verdict.value)
                    }
                    FactKind::Done { period, date } => {
                        format!("{:?} done {}", period.map(|p| p.value), date.value)
                    }
                    FactKind::Progress { period, value } => {
                        format!("{:?} progress {}", period.map(|p| p.value), value.value)
                    }
                    FactKind::Cancelled { period, reason } => format!(
                        "{:?} cancelled {:?}",
                        period.map(|p| p.value),
                        reason.map(|r| r.value)
                    ),
                    FactKind::Submitted { period, from, date } => {
                        format!(
                            "{} from {} submitted {}",
                            period.value, from.value, date.value
                        )
                    }
                };
                (x.id.value, kind)
            })
            .collect()
    };
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.tracks_reports && b.tracks_reports);
    assert_eq!(
        a.plan.as_ref().map(|p| &p.value),
        b.plan.as_ref().map(|p| &p.value)
    );
    assert_eq!(
        a.as_of.as_ref().map(|d| d.value),
        b.as_of.as_ref().map(|d| d.value)
    );
    let mut a = strip(a);
    let mut b = strip(b);
    a.sort();
    b.sort();
    assert_eq!(a, b);
}
