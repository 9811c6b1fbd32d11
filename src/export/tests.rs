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

/// SPEC §2b's duties: a standing duty, recurring duties of every kind, `for` and `implements` on a task, a target
/// and a section, a section with notes, a report from a group with members.
const DUTIES: &str = r#"
plan "1067/KH-UBND" {
  title  "Kế hoạch thực hiện Chương trình"
  issued 2021-03-15
  period 2021..2022
  implements qd941
}
document qd941 "941/QĐ-TTg" { title "Quyết định phê duyệt"; issued 2015-06-25 }
owner so_khdt "Sở Kế hoạch và Đầu tư"
owner so_tc "Sở Tài chính"
owner ubnd_tinh "UBND tỉnh"
group cac_so "Các sở, ban, ngành" { members so_khdt, so_tc }
section "II" "Nhiệm vụ, giải pháp" {
  implements qd941
  note "Các sở báo cáo kết quả trước ngày 25/11 hằng năm"
  note "Mục này thay thế mục II của Kế hoạch 12/KH-UBND"
  task t_kiem_tra "Thường xuyên kiểm tra, đôn đốc" { lead so_khdt; ongoing }
  task t_tong_hop "Tổng hợp, đánh giá tình hình thực hiện" { lead cac_so; every year by 11-25 }
  task t_quy "Rà soát tiến độ giải ngân" { lead so_tc; every quarter by day 31 }
  task t_q4 "Xây dựng kế hoạch năm sau" { lead so_khdt; every year by Q4 }
}
task t_de_an "Đề án phát triển kinh tế biển" {
  lead so_khdt
  for ubnd_tinh
  implements qd941
  due 2021-Q4
  output project
}
target von "Tỷ lệ giải ngân" { unit "%"; goal >= 95; lead so_tc; implements qd941 }
report monthly "Báo cáo tháng" { from cac_so; to ubnd_tinh; every month by day 30 }
"#;

/// The events of a calendar: each one's properties by name, unfolded and unescaped as a parser reads them.
fn events(ics: &str) -> Vec<std::collections::HashMap<String, String>> {
    let unfolded = icalendar::parser::unfold(ics);
    let roots = icalendar::parser::read_components(&unfolded).unwrap();
    roots[0]
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|event| {
            event
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
                .collect()
        })
        .collect()
}

/// The dates an RFC 5545 implementation (the `rrule` crate) expands a `DTSTART;VALUE=DATE` and `RRULE` to, at
/// most `limit` of them.
fn expand(dtstart: &str, rule: &str, limit: u16) -> Vec<NaiveDate> {
    let set: rrule::RRuleSet = format!("DTSTART;VALUE=DATE:{dtstart}\nRRULE:{rule}")
        .parse()
        .unwrap_or_else(|e| panic!("{dtstart} {rule}: {e}"));
    set.all(limit)
        .dates
        .iter()
        .map(|d| d.date_naive())
        .collect()
}

#[test]
fn calendar_of_standing_and_recurring_duties() {
    let ics = to_ics(&model(DUTIES), Lang::En);
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    insta::assert_snapshot!(ics.replace("\r\n", "⏎\n"));
}

#[test]
fn calendar_of_duties_in_vietnamese() {
    let ics = to_ics(&model(DUTIES), Lang::Vi).replace("\r\n ", "");
    assert!(
        ics.contains("Chủ trì: Sở Kế hoạch và Đầu tư\\nTham mưu cho (ban hành\\, quyết định): UBND tỉnh\\nThực hiện văn bản: 941/QĐ-TTg (qd941)"),
        "{ics}"
    );
    assert!(ics.contains("Mục: II. Nhiệm vụ\\, giải pháp\\nGhi chú của mục: Các sở báo cáo kết quả trước ngày 25/11 hằng năm\\nGhi chú của mục: Mục này thay thế mục II của Kế hoạch 12/KH-UBND\\nNhiệm vụ thường xuyên: không có thời hạn\\, đánh giá theo kỳ"), "{ics}");
}

/// Every recurrence form, in plans that start mid-year, span leap years, start on the last day of a month, have
/// no `issued`, or no `period`: each `RRULE` the calendar writes expands, by an independent implementation of
/// RFC 5545, to exactly the model's occurrences (`Schedule::occurrences`, which check and eval use).
#[test]
fn every_rrule_expands_to_the_models_occurrences() {
    let forms = [
        "month by day 1",
        "month by day 15",
        "month by day 28",
        "month by day 29",
        "month by day 30",
        "month by day 31",
        "quarter by day 10",
        "quarter by day 29",
        "quarter by day 30",
        "quarter by day 31",
        "half by day 20",
        "half by day 30",
        "half by day 31",
        "year by day 5",
        "year by day 31",
        "year by 01-31",
        "year by 02-28",
        "year by 02-29",
        "year by 04-30",
        "year by 11-25",
        "year by 12-31",
        "year by Q1",
        "year by Q2",
        "year by Q4",
        "year by H1",
        "year by H2",
        "year by M02",
        "year by M06",
        "year by M11",
    ];
    let headers = [
        "plan \"1\" { issued 2023-05-20; period 2023..2028 }",
        "plan \"2\" { issued 2024-02-29; period 2024 }",
        "plan \"3\" { issued 2021-01-31; period 2021..2022 }",
        "plan \"4\" { period 2020..2021 }",
        "plan \"5\" { issued 2023-11-30 }",
    ];
    let mut checked = 0;
    for header in headers {
        let mut plan = format!("{header}\nowner a \"A\"\n");
        for (i, form) in forms.iter().enumerate() {
            plan.push_str(&format!(
                "task t{i} \"T{i}\" {{ lead a; every {form} }}\nreport r{i} \"R{i}\" {{ from a; to a; every {form} }}\n"
            ));
        }
        let model = model(&plan);
        let run = model.run(None).unwrap();
        let ics = to_ics(&model, Lang::En);
        let events = events(&ics);
        let mut rules = 0;
        for (i, form) in forms.iter().enumerate() {
            let schedule = model
                .task(&format!("t{i}"))
                .unwrap()
                .schedule
                .every()
                .unwrap();
            assert_eq!(model.reports.as_slice()[i].every, Some(schedule));
            let expected: Vec<NaiveDate> = schedule.occurrences(run).map(|o| o.due).collect();
            for uid in [format!("task-t{i}."), format!("report-r{i}.")] {
                let event = events.iter().find(|e| e["UID"].starts_with(&uid));
                let Some(event) = event else {
                    assert!(expected.is_empty(), "{header} {form}: no event");
                    continue;
                };
                let rule = &event["RRULE"];
                assert_eq!(
                    rule.contains("UNTIL="),
                    run.last.is_some(),
                    "{header} {rule}"
                );
                // An open-ended plan's recurrence runs without end: compare the model's listed run.
                let limit = u16::try_from(expected.len()).unwrap();
                let dates = expand(&event["DTSTART"], rule, limit);
                assert_eq!(dates, expected, "{header}: every {form}: {rule}");
                assert!(!dates.is_empty());
                rules += 1;
            }
        }
        assert!(rules >= forms.len(), "{header}: {rules} recurrences");
        checked += rules;
    }
    assert!(checked > 200, "{checked}");
}

/// Day N of months that lack it falls on their last day: written so that RFC 5545 does not skip those months.
#[test]
fn rrules_of_days_some_months_lack() {
    use crate::model::{DueDay, Frequency, Schedule, YearPart};
    let rule = |frequency, by| ics::rrule(Schedule { frequency, by });
    assert_eq!(
        rule(Frequency::Month, DueDay::DayOfLastMonth(15)),
        "FREQ=MONTHLY;BYMONTHDAY=15"
    );
    assert_eq!(
        rule(Frequency::Month, DueDay::DayOfLastMonth(30)),
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"
    );
    assert_eq!(
        rule(Frequency::Month, DueDay::DayOfLastMonth(31)),
        "FREQ=MONTHLY;BYMONTHDAY=-1"
    );
    assert_eq!(
        rule(Frequency::Quarter, DueDay::DayOfLastMonth(15)),
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15"
    );
    assert_eq!(
        rule(Frequency::Quarter, DueDay::DayOfLastMonth(31)),
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1"
    );
    assert_eq!(
        rule(Frequency::Year, DueDay::MonthDay { month: 2, day: 29 }),
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    );
    assert_eq!(
        rule(Frequency::Year, DueDay::MonthDay { month: 11, day: 25 }),
        "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=25"
    );
    assert_eq!(
        rule(Frequency::Year, DueDay::EndOf(YearPart::Quarter(4))),
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"
    );
}

#[test]
fn json_of_standing_and_recurring_duties() {
    insta::assert_snapshot!(to_json(&model(DUTIES)));
}

#[test]
fn graph_of_standing_and_recurring_duties() {
    insta::assert_snapshot!(to_dot(&model(DUTIES)));
}

#[test]
fn gantt_of_standing_and_recurring_duties() {
    insta::assert_snapshot!(to_mermaid(&model(DUTIES)));
}

/// An open-ended plan (no `period`): recurrences run without end, a standing duty lasts a year from the plan's
/// start and repeats, a one-off task without `due` has no deadline; the JSON lists no occurrences and no
/// `until`, and the Gantt chart draws nothing it has no end for.
#[test]
fn an_open_ended_plan_in_every_format() {
    let plan = r#"
plan "5/KH-UBND" { issued 2024-02-29 }
owner a "A"
task s "Thường xuyên" { lead a; ongoing }
task q "Hằng quý" { lead a; every quarter by day 10 }
task o "Một lần" { lead a }
task d "Có hạn" { lead a; due 2024-06 }
report r "Báo cáo năm" { from a; to a; every year by 12-15 }
"#;
    let model = model(plan);
    let ics = to_ics(&model, Lang::En);
    insta::assert_snapshot!("open_ended_calendar", ics.replace("\r\n", "⏎\n"));
    let json: serde_json::Value = serde_json::from_str(&to_json(&model)).unwrap();
    let tasks = json["tasks"].as_array().unwrap();
    assert_eq!(tasks[0]["schedule"], "ongoing");
    assert_eq!(tasks[1]["every"]["first_due"], "2024-03-10");
    assert_eq!(tasks[1]["every"]["until"], serde_json::Value::Null);
    assert_eq!(tasks[1]["occurrences"], serde_json::Value::Null);
    assert_eq!(tasks[2]["due"], serde_json::Value::Null);
    assert_eq!(json["reports"][0]["occurrences"], serde_json::Value::Null);
    insta::assert_snapshot!("open_ended_gantt", to_mermaid(&model));
}
