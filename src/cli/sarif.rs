//! `kehoach check --format sarif`: diagnostics as a SARIF 2.1.0 log, for code-scanning services.
//!
//! One rule per code, in the order of [`Code::ALL`], with its summary, its explanation (as `kehoach explain`
//! prints it, ending with the `kehoach explain` command to run) and, when the package names its repository, a
//! `helpUri` to the same text there. Each result carries the primary span as its
//! location (with the primary label as the location's message) and every other label as a related location.
//! Columns count Unicode code points (`columnKind`), like the JSON output.

use serde_json::{Value, json};

use super::explain::{Explanation, help_uri};
use crate::diagnostics::{Code, Diagnostic, Lang, Severity};
use crate::source::{Sources, Span};

/// The SARIF log of one run. `unreadable` are the messages of the paths that could not be checked.
pub fn to_sarif(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    lang: Lang,
    unreadable: &[String],
) -> Value {
    let rules: Vec<Value> = Code::ALL.iter().map(|&c| rule(c, lang)).collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| result(d, sources, lang))
        .collect();
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|problem| {
            json!({
                "level": "error",
                "message": { "text": problem },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "kehoach",
                    "version": crate::VERSION,
                    "semanticVersion": crate::VERSION,
                    "language": lang_tag(lang),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": unreadable.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "language": lang_tag(lang),
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Vi => "vi",
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `duplicate-id` → `DuplicateId`, SARIF's readable rule name.
fn rule_name(code: Code) -> String {
    code.as_str()
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

fn rule(code: Code, lang: Lang) -> Value {
    let explanation = Explanation::of(code);
    let more = match lang {
        Lang::En => format!("Run `kehoach explain {code}` for an example and its fix."),
        Lang::Vi => format!("Chạy `kehoach explain {code} --lang vi` để xem ví dụ và cách sửa."),
    };
    let text = explanation.text(lang);
    let mut rule = json!({
        "id": code.as_str(),
        "name": rule_name(code),
        "shortDescription": { "text": code.summary_in(lang) },
        "fullDescription": { "text": text },
        "help": {
            "text": format!("{text}\n\n{more}"),
            "markdown": format!("{text}\n\n{more}"),
        },
        "defaultConfiguration": { "level": level(code.severity()) },
    });
    if let (Some(uri), Some(object)) = (help_uri(code), rule.as_object_mut()) {
        object.insert("helpUri".into(), json!(uri));
    }
    rule
}

fn result(d: &Diagnostic, sources: &Sources, lang: Lang) -> Value {
    let mut text = d.message.get(lang).to_string();
    if let Some(help) = &d.help {
        text.push_str(match lang {
            Lang::En => "\nhelp: ",
            Lang::Vi => "\ngợi ý: ",
        });
        text.push_str(help.get(lang));
    }
    let mut primary = location(d.span, sources);
    if let (Some(label), Some(object)) = (&d.label, primary.as_object_mut()) {
        object.insert("message".into(), json!({ "text": label.get(lang) }));
    }
    let related: Vec<Value> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut l = location(label.span, sources);
            if let Some(object) = l.as_object_mut() {
                object.insert("id".into(), json!(i));
                object.insert("message".into(), json!({ "text": label.text.get(lang) }));
            }
            l
        })
        .collect();
    let rule_index = Code::ALL.iter().position(|&c| c == d.code).unwrap_or(0);
    json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [primary],
        "relatedLocations": related,
    })
}

fn location(span: Span, sources: &Sources) -> Value {
    let (uri, region) = match sources.get(span.file) {
        Some(file) => {
            let (start, end) = (file.line_col(span.start), file.line_col(span.end));
            (
                uri(&file.name),
                json!({
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                }),
            )
        }
        None => (String::new(), json!({ "startLine": 1 })),
    };
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region,
        }
    })
}

/// A file name as a URI reference: relative names stay relative (code-scanning services resolve them against the
/// checkout), absolute ones become `file://` URIs; anything outside the unreserved set is percent-encoded.
fn uri(name: &str) -> String {
    let mut out = String::new();
    if name.starts_with('/') {
        out.push_str("file://");
    }
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(rule_name(Code::DeadlineBeforeIssue), "DeadlineBeforeIssue");
        assert_eq!(
            uri("plans/bến tre/a.plan"),
            "plans/b%E1%BA%BFn%20tre/a.plan"
        );
        assert_eq!(uri("/tmp/a.plan"), "file:///tmp/a.plan");
    }
}
