use super::*;
use crate::ast::{ExprKind, Goal, Item, Window};

fn parse(text: &str) -> (File, Vec<Diagnostic>) {
    parse_plan(text, FileId(0))
}

#[test]
fn statements_end_at_newlines_and_semicolons_and_lists_continue_after_commas() {
    let (file, errors) = parse("owner a \"A\"; owner b \"B\"\ngroup g \"G\" { members a,\n  b }\n");
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(file.items.len(), 3);
    let Some(Item::Group(g)) = file.items.get(2) else {
        panic!("not a group: {:?}", file.items)
    };
    let members: Vec<&str> = g
        .members
        .iter()
        .flat_map(|m| m.value.iter().map(|i| i.value.as_str()))
        .collect();
    assert_eq!(members, ["a", "b"]);
}

#[test]
fn one_broken_statement_costs_only_itself() {
    let text = "target a \"A\" {\n  unit \"%\"\n  gaol 1\n  goal >= 9.3\n  by 2025\n  lead x,\n}\n";
    let (file, errors) = parse(text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let Some(Item::Target(t)) = file.items.first() else {
        panic!("target lost")
    };
    assert_eq!(
        t.goal.as_ref().map(|g| g.value.value.clone()),
        Some(Goal::AtLeast("9.3".parse().unwrap_or_default()))
    );
    assert!(matches!(
        t.window.as_ref().map(|w| &w.value),
        Some(Window::By(_))
    ));
    assert!(t.unit.is_some());
}

#[test]
fn ids_of_unparsed_declarations_are_remembered() {
    let (file, errors) = parse("targt a \"A\" { goal 1 }\ntask t1 \"T\" { due 2021-Q }\n");
    assert_eq!(errors.len(), 2);
    assert!(file.unparsed_ids.is_empty() || !file.unparsed_ids.contains(&"a".to_string()));
    assert!(file.unparsed_ids.is_empty());
    // A broken statement inside a declaration keeps the declaration, so `t1` is parsed, not lost.
    assert_eq!(file.items.len(), 1);
    let (file, _) = parse("task t1 \"T\" { lead }\ntarget g \"G\" { shares }\n");
    assert_eq!(file.items.len(), 2);
    let (file, _) = parse("task t1 T\" \ntarget g \"G\" { goal 1 }");
    assert!(
        file.unparsed_ids.contains(&"t1".to_string()),
        "{:?}",
        file.unparsed_ids
    );
}

#[test]
fn numbers_keep_their_digits_exactly() {
    let (file, errors) = parse("target a \"A\" { goal 8.10..28_000.5 }");
    assert!(errors.is_empty(), "{errors:#?}");
    let Some(Item::Target(t)) = file.items.first() else {
        panic!()
    };
    let Some(Goal::Range(lo, hi)) = t.goal.as_ref().map(|g| g.value.value.clone()) else {
        panic!()
    };
    assert_eq!(
        (lo.to_string(), hi.to_string()),
        ("8.10".to_string(), "28000.5".to_string())
    );
}

#[test]
fn comments_are_collected_for_the_formatter() {
    let (file, _) = parse("// head\nowner a \"A\" // tail\n");
    assert_eq!(file.comments.len(), 2);
}

#[test]
fn text_facts_parse() {
    let text = "facts \"370/KH-UBND\" as_of 2023-09-30 {\n  grdp 2023 = 7.9\n  export 2023-Q3 = 1250\n  t01 done 2023-01-25\n  t02 progress 60\n  t03 cancelled \"lý do\"\n  pci 2023 assessed met\n}\n";
    let (facts, errors) = parse_facts(text, FileId(0));
    assert!(errors.is_empty(), "{errors:#?}");
    let facts = facts.unwrap_or_else(|| panic!("no facts"));
    assert_eq!(facts.plan.value, "370/KH-UBND");
    assert_eq!(facts.facts.len(), 6);
}

#[test]
fn broken_facts_lines_are_reported_and_the_rest_kept() {
    let text = "facts \"x\" {\n  grdp 2023 = 7,9\n  t01 done 2023-01-25\n}\n";
    let (facts, errors) = parse_facts(text, FileId(0));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(facts.map(|f| f.facts.len()), Some(1));
}

#[test]
fn a_line_of_open_parentheses_is_one_diagnostic_in_linear_time() {
    // 20 000 `(` took seconds when each blanked its whole statement again and was reported on its own.
    for text in [
        format!("rule r \"r\" {{ require {}1 }}\n", "(".repeat(20_000)),
        format!("rule r \"r\" {{ require {}1", "(".repeat(20_000)),
    ] {
        let started = std::time::Instant::now();
        let (_, diagnostics) = parse(&text);
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes.first(), Some(&"limit-exceeded"), "{codes:?}");
        assert!(codes.len() <= 2, "{codes:?}");
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }
    // A few unclosed `(` in a shallow expression are each still reported.
    let (_, diagnostics) = parse("rule r \"r\" { require (a + (b }\n");
    let unclosed = diagnostics
        .iter()
        .filter(|d| d.message.en == "unclosed `(`")
        .count();
    assert_eq!(unclosed, 2, "{diagnostics:#?}");
}

/// The operators of a rule's condition from the outside in, and the diagnostics' codes.
fn condition(text: &str) -> (Vec<String>, Vec<&'static str>) {
    let (file, errors) = parse(text);
    let codes = errors.iter().map(|d| d.code.as_str()).collect();
    let mut ops = Vec::new();
    if let Some(Item::Rule(rule)) = file.items.first() {
        let mut expr = rule.condition.as_ref().map(|c| &c.value.expr);
        while let Some(e) = expr {
            expr = match &e.kind {
                ExprKind::Unary { op, expr } => {
                    ops.push(format!("{:?}", op.value));
                    Some(expr)
                }
                ExprKind::Binary { op, lhs, .. } => {
                    ops.push(op.value.as_str().to_string());
                    Some(lhs)
                }
                ExprKind::Ref(id) => {
                    ops.push(id.value.clone());
                    None
                }
                other => {
                    ops.push(format!("{other:?}"));
                    None
                }
            };
        }
    }
    (ops, codes)
}

#[test]
fn prefix_operators_chain() {
    // Issue 15: `not not not not not true` was a syntax error (the grammar took at most four prefixes).
    let (ops, codes) = condition("rule r \"r\" { require not not not not not true }");
    assert_eq!(ops, ["Not", "Not", "Not", "Not", "Not", "Bool(true)"]);
    assert!(codes.is_empty(), "{codes:?}");
    let (ops, codes) = condition("rule r \"r\" { when - - - - - - a < 1 }");
    assert_eq!(ops, ["<", "Neg", "Neg", "Neg", "Neg", "Neg", "Neg", "a"]);
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn a_run_of_prefix_operators_is_held_to_the_nesting_limit() {
    let longest = format!(
        "rule r \"r\" {{ require {}true }}",
        "not ".repeat(crate::limits::MAX_NESTING)
    );
    assert_eq!(condition(&longest).1, Vec::<&str>::new());
    let longer = format!(
        "rule r \"r\" {{ require {}true }}",
        "not ".repeat(crate::limits::MAX_NESTING + 1)
    );
    let (file, errors) = parse(&longer);
    let codes: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["limit-exceeded"]);
    // The whole run is underlined, and the rule is kept without its condition.
    let span = errors.first().map(|d| d.span.range()).unwrap_or_default();
    assert_eq!(
        &longer[span],
        "not ".repeat(crate::limits::MAX_NESTING + 1).trim_end()
    );
    assert!(matches!(file.items.first(), Some(Item::Rule(r)) if r.condition.is_none()));
}

#[test]
fn a_lone_carriage_return_ends_a_statement_and_a_line() {
    // An old Mac file: every line ends with `\r` alone. The comment ends with its line, the owners are two
    // statements, and the block left open is named by the line it opens on.
    let text =
        "// owners\rowner a \"A\"\rowner b \"B\"\rtask t \"T\" {\r  lead a\r\rtask u \"U\"\r";
    let (file, errors) = parse(text);
    let messages: Vec<&str> = errors.iter().map(|d| d.message.en.as_str()).collect();
    assert_eq!(
        messages,
        ["expected `}` to close the block opened on line 4"],
        "{errors:#?}"
    );
    assert_eq!(file.comments.len(), 1);
    assert_eq!(file.comments.first().map(|c| c.end), Some(9));
    let kinds: Vec<&str> = file
        .items
        .iter()
        .map(|item| match item {
            Item::Owner(o) => o.id.value.as_str(),
            Item::Task(t) => t.id.value.as_str(),
            _ => "?",
        })
        .collect();
    assert_eq!(kinds, ["a", "b", "u"]);
}
