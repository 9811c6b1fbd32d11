use super::{Json, parse};

/// What serde_json (with `arbitrary_precision`) makes of `text`: the value written back, or `None` on an error.
fn serde(text: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .map(|v| v.to_string())
}

fn ours(text: &str) -> Option<String> {
    parse(text).map(|v| v.to_string())
}

#[test]
fn reads_and_writes_as_serde_json_does() {
    let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let deep_bad = format!("{}{}", "[".repeat(128), "]".repeat(128));
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(127), "}".repeat(127));
    let deep_objects_bad = format!("{}1{}", "{\"a\":".repeat(128), "}".repeat(128));
    let inputs = [
        "null",
        "true",
        "false",
        " {\"lang\":\"vi\"} ",
        "{\"lang\":\"fr\",\"plan\":3,\"asOf\":null,\"dueSoonDays\":7}",
        "{\"b\":1,\"a\":[1,2,{\"z\":true,\"y\":false}],\"\u{e0}\":\"x\",\"B\":0}",
        "{\"a\":1,\"a\":2}",
        "[]",
        "{}",
        "[ 1 , 2 ]",
        "{ \"a\" : 1 }",
        "0",
        "-0",
        "8.10",
        "1e+21",
        "1E-7",
        "-12.5e3",
        "2E+05",
        "[1e-0,0.0e0]",
        "123456789012345678901234567890",
        "01",
        "1.",
        ".5",
        "1e",
        "-",
        "+1",
        "\"tab\\there \\\"quoted\\\" back\\\\slash \\/ \\b\\f\\n\\r\"",
        "\"\\u0000\\u001f\\u007f\\u00e9\\u1234\"",
        "\"\\ud83d\\ude00 emoji\"",
        "\"\u{1F600} raw\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800x\"",
        "\"\\u12\"",
        "\"\\x\"",
        "\"raw\ttab\"",
        "\"unterminated",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{1:2}",
        "[1 2]",
        "nul",
        "nulls",
        "true false",
        "",
        "   ",
        &deep_ok,
        &deep_bad,
        &deep_objects,
        &deep_objects_bad,
    ];
    for input in inputs {
        assert_eq!(ours(input), serde(input), "{input:?}");
    }
}

#[test]
fn keeps_digits_and_sorts_keys() {
    let value = parse("{\"b\":8.10,\"a\":\"x\"}").unwrap();
    let Json::Object(members) = &value else {
        panic!("{value:?}")
    };
    assert_eq!(members.keys().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(members.get("b"), Some(&Json::Number("8.10".to_string())));
    assert_eq!(value.to_string(), "{\"a\":\"x\",\"b\":8.10}");
}

#[test]
fn many_keys_in_any_order_keep_the_last_of_each() {
    // 20 000 keys written from the last to the first, each twice: read in one sort, as serde_json reads them.
    let members: Vec<String> = (0..20_000)
        .rev()
        .flat_map(|i| [format!("\"k{i}\":{i}"), format!("\"k{i}\":[{i}]")])
        .collect();
    let text = format!("{{{}}}", members.join(","));
    assert_eq!(ours(&text), serde(&text));
}
