use super::*;
use crate::check::check_workspace;
use crate::model::{Expr, ExprKind};
use crate::workspace::{MemoryFileSystem, load_memory};

/// The checked model of a one-file plan; the plan must have no errors.
fn model(text: &str) -> Model {
    let mut fs = MemoryFileSystem::new();
    fs.insert("plan.plan", text);
    let workspace = load_memory(&fs);
    let checked = check_workspace(&workspace);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    Model::clone(&checked.models[0])
}

/// Titles with every character the formats treat specially, dependencies across sections, a task due before
/// the plan was issued, a recurring report and expressions that need parentheses.
const TRICKY: &str = r#"
plan "12/KH-UBND" {
  title  "Kế hoạch; thử, nghiệm: \"ngoặc\" \\ gạch"
  issuer "UBND tỉnh"
  issued 2023-02-10
  period 2023
  implements nq
}
document nq "01/NQ-CP" { title "Nghị quyết"; implements nq0 }
document nq0 "00/NQ-TW"
owner a "Sở A"
owner b "Sở B, C"
group ab "Các sở" { members a, b }
section "I" "Mục một: #1; đầu" {
  task t1 "Section tasks: 5% done; #1" { lead a; due 2023-Q1; output plan }
  section "I.1" "Con" {
    task t2 "2023-05-01 hội nghị" { lead a; support b; due M06; after t1; note "ghi chú" }
  }
}
task t3 "title of a task" { lead ab; due 2023-01-05; after t2 }
task t4 "5% tăng" { lead ab; after t1, t2 }
report r "Báo cáo quý" { from ab; to a; every quarter by day 15 }
measure x "X" { unit "u" }
measure y "Y" { unit "u" }
target z "Z" { unit "u"; goal ~10; value = x - (y - x) * -(x + y) / y; lead a }
rule q "Q" { require not (x > y and y > 0) or x + (y - 1) >= 0; severity warning }
"#;

#[test]
fn json_of_a_tricky_plan() {
    insta::assert_snapshot!(to_json(&model(TRICKY)));
}

#[test]
fn calendar_of_a_tricky_plan() {
    let ics = to_ics(&model(TRICKY), Lang::En);
    assert!(ics.split_inclusive('\n').all(|l| l.ends_with("\r\n")));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    insta::assert_snapshot!(ics.replace("\r\n", "⏎\n"));
}

#[test]
fn calendar_labels_in_vietnamese() {
    let ics = to_ics(&model(TRICKY), Lang::Vi).replace("\r\n ", "");
    assert!(ics.contains("DESCRIPTION:Kế hoạch: 12/KH-UBND\\nSection tasks: 5% done\\; #1 (t1)\\nMục: I. Mục một: #1\\; đầu\\nChủ trì: Sở A\\nSản phẩm: plan"), "{ics}");
}

#[test]
fn gantt_of_a_tricky_plan() {
    insta::assert_snapshot!(to_mermaid(&model(TRICKY)), @r#"
    gantt
        title 12/KH-UBND – Kế hoạch； thử, nghiệm： "ngoặc" \ gạch
        dateFormat YYYY-MM-DD
        axisFormat %m/%Y
        inclusiveEndDates
        – title of a task :milestone, t3, 2023-01-05, 0d
        – 5% tăng :t4, 2023-07-01, 2023-12-31
        section I. Mục một： ＃1； đầu
        – Section tasks： 5% done； ＃1 :t1, 2023-02-10, 2023-03-31
        section I.1. Con
        – 2023-05-01 hội nghị :t2, after t1, 2023-06-30
    "#);
}

#[test]
fn graph_of_a_tricky_plan() {
    insta::assert_snapshot!(to_dot(&model(TRICKY)));
}

#[test]
fn mermaid_labels_never_read_as_something_else() {
    use super::mermaid::label;
    assert_eq!(label("a: b; c # d"), "a： b； c ＃ d");
    assert_eq!(label("Section 2 tasks"), "– Section 2 tasks");
    assert_eq!(label("GANTT"), "– GANTT");
    assert_eq!(label("2023-01-01 họp"), "– 2023-01-01 họp");
    assert_eq!(label("5% tăng"), "– 5% tăng");
    assert_eq!(label("tăng 5%"), "tăng 5%");
    assert_eq!(label("  "), "– ");
    assert_eq!(label("Đề án\nmới"), "Đề án mới");
}

#[test]
fn calendar_lines_fold_at_75_octets_between_characters() {
    let plan = format!(
        "plan \"1\" {{ issued 2023-01-01; period 2023 }}\nowner a \"A\"\ntask t \"{}\" {{ lead a; due 2023-06 }}\n",
        "Nghị quyết về phát triển kinh tế - xã hội ".repeat(12)
    );
    let ics = to_ics(&model(&plan), Lang::En);
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line:?} has {} octets", line.len());
    }
    // Unfolding (RFC 5545 section 3.1) gives back the whole summary.
    let unfolded = ics.replace("\r\n ", "");
    let summary = unfolded
        .lines()
        .find(|l| l.starts_with("SUMMARY:"))
        .unwrap();
    assert_eq!(
        summary.trim_end(),
        format!(
            "SUMMARY:{}",
            "Nghị quyết về phát triển kinh tế - xã hội "
                .repeat(12)
                .replace(',', "\\,")
        )
        .trim_end()
    );
}

/// Whether two checked expressions are the same tree, wherever they were written.
fn same_expr(a: &Expr, b: &Expr) -> bool {
    use ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::Unary(o1, e1), K::Unary(o2, e2)) => o1 == o2 && same_expr(e1, e2),
        (K::Binary(o1, l1, r1), K::Binary(o2, l2, r2)) => {
            o1 == o2 && same_expr(l1, l2) && same_expr(r1, r2)
        }
        (K::Aggregate(f1, a1), K::Aggregate(f2, a2)) => {
            f1 == f2 && a1.len() == a2.len() && a1.iter().zip(a2).all(|(x, y)| same_expr(x, y))
        }
        (K::Round(e1, d1), K::Round(e2, d2)) => d1 == d2 && same_expr(e1, e2),
        (k1, k2) => k1 == k2,
    }
}

#[test]
fn exported_expressions_read_back_as_the_same_tree() {
    let conditions = [
        "not (x > y and y > 0) or x + (y - 1) >= 0",
        "x - (y - x) * -(x + y) / y > 0",
        "-(x * y) < -x * y",
        "(not done(t)) == false",
        "not not done(t) and days_late(t) > 30 or -(1 + 2) * 3 > round(avg(x, 8.10), 1)",
        "x / (y / x) >= goal_min(z) and abs(x) <= goal_max(z) or round(x) == sum(x, y, 1)",
        "as_of >= 2023-07-01 and (x > 1 or y > 1) and not x + y > 2",
    ];
    for condition in conditions {
        let plan = |c: &str| {
            format!(
                "plan \"1\" {{ period 2023 }}\nowner a \"A\"\ntask t \"T\" {{ lead a }}\nmeasure x \"X\" {{ unit \"u\" }}\nmeasure y \"Y\" {{ unit \"u\" }}\ntarget z \"Z\" {{ unit \"u\"; goal 1..2; lead a }}\nrule r \"R\" {{ require {c} }}\n"
            )
        };
        let first = model(&plan(condition));
        let expr = first.rules.as_slice()[0].expr.as_ref().unwrap();
        let written = expr::source(&first, expr);
        let again = model(&plan(&written));
        assert!(
            same_expr(expr, again.rules.as_slice()[0].expr.as_ref().unwrap()),
            "{condition}\n  written as {written}"
        );
    }
}
