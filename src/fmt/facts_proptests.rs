//! Property: for generated facts files laid out at random, `format_facts` succeeds, its output says the same
//! facts with the same comments (checked inside `format_facts`, and here against the parsed input), and formatting
//! that output again changes nothing.

use proptest::prelude::*;

use super::FILE;
use super::format_facts;
use crate::parse::parse_facts;

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["t01", "grdp", "pci", "hang_quy", "_x9"]).prop_map(String::from)
}

fn period() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "2023",
        "2023-Q3",
        "2023-H1",
        "2023-9M",
        "2023-7",
        "2023-07-31",
        "Q2",
        "M07",
    ])
    .prop_map(String::from)
}

fn string() -> impl Strategy<Value = String> {
    "[a-zà-ỹ \\\\\"<>*@#]{0,12}".prop_map(|s| super::print::string(&s))
}

fn fact() -> impl Strategy<Value = String> {
    prop_oneof![
        (id(), period(), "-?[0-9]{1,6}(\\.[0-9]{1,3})?")
            .prop_map(|(i, p, n)| format!("{i} {p} = {n}")),
        (id(), period(), string()).prop_map(|(i, p, s)| format!("{i} {p} note {s}")),
        (id(), period(), string()).prop_map(|(i, p, s)| format!("{i} {p} assessed met {s}")),
        id().prop_map(|i| format!("{i} done 2023-1-5")),
        (id(), period()).prop_map(|(i, p)| format!("{i} {p} progress 40")),
        (id(), string()).prop_map(|(i, s)| format!("{i} cancelled {s}")),
        (id(), period(), id())
            .prop_map(|(i, p, f)| format!("{i} {p} from {f} submitted 2023-10-02")),
    ]
}

/// Whitespace and separators between facts: a line end, blank lines, `;`, spaces, a comment.
fn gap() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\n",
        "\n\n",
        "\n\n\n",
        " ; ",
        ";",
        "\n   ",
        "  // c\n",
        "\n// own line\n",
        "\r\n",
    ])
    .prop_map(String::from)
}

fn file() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "// đầu\n", "// a\n\n// b\n"]),
        prop::sample::select(vec!["", " as_of 2023-9-30", "  as_of  2023-10-05"]),
        prop::collection::vec((gap(), fact()), 0..8),
        prop::sample::select(vec!["\n}\n", " }", "\n}  // hết\n", "\n}\n// cuối"]),
    )
        .prop_map(|(before, as_of, facts, end)| {
            let mut s = format!("{before}facts \"1/KH\"{as_of} {{");
            for (gap, fact) in facts {
                s.push_str(&gap);
                s.push_str(&fact);
            }
            s.push_str(end);
            s
        })
}

proptest! {
    #[test]
    fn formatting_facts_is_idempotent_and_keeps_their_meaning(text in file()) {
        let (parsed, diagnostics) = parse_facts(&text, FILE);
        prop_assume!(diagnostics.is_empty() && parsed.is_some());
        let formatted = format_facts(&text);
        prop_assert!(formatted.is_ok(), "{text:?} was refused: {formatted:?}");
        let formatted = formatted.unwrap_or_default();
        prop_assert_eq!(format_facts(&formatted).ok(), Some(formatted.clone()));
        let (again, _) = parse_facts(&formatted, FILE);
        let count = |f: Option<crate::ast::FactsFile>| f.map(|f| (f.facts.len(), f.comments.len()));
        prop_assert_eq!(count(again), count(parsed));
    }
}
