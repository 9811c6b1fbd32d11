use super::*;
use crate::check::check_workspace;
use crate::diagnostics::Lang;
use crate::workspace::{MemoryFileSystem, load_memory};

fn model(text: &str) -> std::sync::Arc<Model> {
    let mut fs = MemoryFileSystem::new();
    fs.insert("a.plan", text);
    let workspace = load_memory(&fs);
    let checked = check_workspace(&workspace);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    checked.models.into_iter().next().unwrap()
}

const OLD: &str = r#"
plan "1/KH" { issued 2023-01-10; period 2023; signer "A" }
owner so_a "Sở A"
owner so_b "Sở B"
section "I" "Chỉ tiêu" {
  target grdp "Tăng trưởng GRDP" { unit "%"; goal >= 9.3; lead so_a }
  target thu "Thu ngân sách" { unit "tỷ đồng"; goal ~497; lead so_a }
  target pci "PCI" { goal "Nhóm đầu"; lead so_a }
}
section "II" "Nhiệm vụ" {
  task t1 "Lập đề án" { lead so_a; due 2023-Q2 }
  task t2 "Rà soát" { lead so_a; due 2023-06; after t1 }
  task t3 "Tổng kết" { lead so_b }
}
report r1 "Báo cáo" { from so_a; to so_b; every quarter by day 15 }
"#;

const NEW: &str = r#"
plan "1/KH" { issued 2023-01-10; period 2023; signer "B" }
owner so_a "Sở A"
owner so_b "Sở B"
owner so_c "Sở C"
section "I" "Chỉ tiêu" {
  target grdp "Tăng trưởng GRDP" { unit "%"; goal >= 9; lead so_a }
  target thu "Thu ngân sách" { unit "tỷ đồng"; goal >= 500; lead so_a; support so_c }
  target pci "PCI" { goal "Nhóm đầu"; lead so_a }
}
section "II" "Nhiệm vụ" {
  task t1 "Lập đề án" { lead so_a; due 2023-Q3 }
  task t2b "Rà soát" { lead so_a; due 2023-04; after t1 }
  task t4 "Sơ kết" { lead so_c }
}
report r1 "Báo cáo" { from so_a; to so_b; every quarter by day 20 }
"#;

#[test]
fn a_plan_against_itself_has_no_change() {
    let m = model(OLD);
    assert!(diff(&m, &m).is_empty());
}

#[test]
fn each_change_is_found_with_its_verdict() {
    let d = diff(&model(OLD), &model(NEW));
    let said: Vec<String> = d
        .header
        .iter()
        .map(|c| format!("plan {} {:?}", c.field.as_str(), c.verdict))
        .chain(d.items.iter().map(|i| {
            let changes: Vec<String> = i
                .changes
                .iter()
                .map(|c| {
                    let by =
                        c.by.map(|b| format!(" by {} {}", b.amount, b.unit.as_str()));
                    format!(
                        "{} {:?}{}",
                        c.field.as_str(),
                        c.verdict,
                        by.unwrap_or_default()
                    )
                })
                .collect();
            format!(
                "{} {} {:?} [{}]",
                i.kind.as_str(),
                i.id,
                i.status,
                changes.join(", ")
            )
        }))
        .collect();
    assert_eq!(
        said,
        [
            "plan signer Changed",
            "owner so_c Added []",
            "report r1 Changed [every Later by 5 day]",
            "target grdp Changed [goal Loosened]",
            "target thu Changed [goal Tightened, support Changed]",
            "task t1 Changed [deadline Later by 1 quarter]",
            "task t2b Renamed [deadline Earlier by 2 month]",
            "task t4 Added []",
            "task t3 Removed []",
        ]
    );
    let renamed = d.items.iter().find(|i| i.id == "t2b").unwrap();
    assert_eq!(renamed.renamed_from.as_deref(), Some("t2"));
}

#[test]
fn references_to_a_renamed_item_read_under_its_new_id() {
    let old = model(
        "plan \"1\" { period 2023 }\nowner a \"A\"\ntask t1 \"X\" { lead a }\ntask t2 \"Y\" { lead a; after t1 }\n",
    );
    let new = model(
        "plan \"1\" { period 2023 }\nowner a \"A\"\ntask t9 \"X\" { lead a }\ntask t2 \"Y\" { lead a; after t9 }\n",
    );
    let d = diff(&old, &new);
    assert_eq!(d.items.len(), 1, "{:?}", d.items);
    assert_eq!(d.items[0].status, Status::Renamed);
    assert!(d.items[0].changes.is_empty());
}

#[test]
fn a_changed_unit_makes_the_goal_changed_not_looser() {
    let old = model(
        "plan \"1\" { period 2023 }\nowner a \"A\"\ntarget x \"X\" { unit \"%\"; goal >= 9; lead a }\n",
    );
    let new = model(
        "plan \"1\" { period 2023 }\nowner a \"A\"\ntarget x \"X\" { unit \"điểm\"; goal >= 8; lead a }\n",
    );
    let d = diff(&old, &new);
    let verdicts: Vec<_> = d.items[0]
        .changes
        .iter()
        .map(|c| (c.field, c.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [
            (Field::Unit, Verdict::Changed),
            (Field::Goal, Verdict::Changed)
        ]
    );
}

#[test]
fn a_longer_period_is_shown_once_not_on_every_deadline_that_follows_it() {
    let old = model(
        "plan \"1\" { period 2021..2025 }\nowner a \"A\"\ntask t \"T\" { lead a }\ntarget x \"X\" { goal 1; lead a }\n",
    );
    let new = model(
        "plan \"1\" { period 2021..2030 }\nowner a \"A\"\ntask t \"T\" { lead a }\ntarget x \"X\" { goal 1; lead a }\n",
    );
    let d = diff(&old, &new);
    assert!(d.items.is_empty(), "{:?}", d.items);
    assert_eq!(d.header.len(), 1);
    assert_eq!(d.header[0].verdict, Verdict::Later);
}

fn amendment() -> Amendment {
    Amendment::new(vec![PlanEntry {
        old: Some("a.plan".into()),
        new: Some("a.plan".into()),
        plan: Some("1/KH".into()),
        status: PlanStatus::Changed,
        diff: diff(&model(OLD), &model(NEW)),
    }])
}

#[test]
fn rendered_for_people_in_english_and_vietnamese() {
    let a = amendment();
    insta::assert_snapshot!("human_en", render::human(&a, Lang::En, false));
    insta::assert_snapshot!("human_vi", render::human(&a, Lang::Vi, false));
    insta::assert_snapshot!("markdown_en", render::markdown(&a, Lang::En));
}

#[test]
fn deny_finds_the_kinds_of_change_present() {
    let a = amendment();
    let all = Deny::ALL.to_vec();
    let denied: Vec<&str> = a.denied(&all).into_iter().map(Deny::as_str).collect();
    assert_eq!(
        denied,
        [
            "added",
            "removed",
            "renamed",
            "loosened",
            "tightened",
            "deadline-later",
            "deadline-earlier",
            "owners",
            "changed"
        ]
    );
    let m = model(OLD);
    let same = Amendment::new(vec![PlanEntry {
        old: None,
        new: None,
        plan: None,
        status: PlanStatus::Unchanged,
        diff: diff(&m, &m),
    }]);
    assert!(same.denied(&all).is_empty());
}

#[test]
fn text_from_the_plan_is_escaped_for_terminals_and_inert_in_markdown() {
    let old = model("plan \"1\" { period 2023 }\nowner a \"A\"\ntask t \"x\" { lead a }\n");
    let new = model(
        "plan \"1\" { period 2023 }\nowner a \"A\"\ntask t \"\u{1b}[2J @octocat ![i](http://e/x.png)\" { lead a }\n",
    );
    let a = Amendment::new(vec![PlanEntry {
        old: None,
        new: Some("a.plan".into()),
        plan: None,
        status: PlanStatus::Changed,
        diff: diff(&old, &new),
    }]);
    let human = render::human(&a, Lang::En, false);
    assert!(!human.contains('\u{1b}'), "{human}");
    assert!(human.contains("\\u{1b}[2J"), "{human}");
    let md = render::markdown(&a, Lang::En);
    assert!(md.contains("@&#8203;octocat"), "{md}");
    assert!(md.contains("\\!\\[i\\](http:&#8203;//e/x.png)"), "{md}");
}

#[test]
fn standing_and_recurring_duties_for_and_implements_are_compared() {
    let head = "plan \"1\" { issued 2021-03-15; period 2021..2025 }\nowner a \"A\"\nowner u \"UBND\"\ndocument qd \"941/QĐ-TTg\"\n";
    let old = model(&format!(
        "{head}task k \"K\" {{ lead a; ongoing }}\ntask q \"Q\" {{ lead a; every quarter by day 10 }}\ntask d \"D\" {{ lead a; due 2021-Q4 }}\n"
    ));
    let new = model(&format!(
        "{head}task k \"K\" {{ lead a; every year by Q4 }}\ntask q \"Q\" {{ lead a; every month by day 10 }}\ntask d \"D\" {{ lead a; for u; implements qd; due 2021-Q4 }}\n"
    ));
    let d = diff(&old, &new);
    let changes: Vec<(&str, Field, Verdict)> = d
        .items
        .iter()
        .flat_map(|i| {
            i.changes
                .iter()
                .map(move |c| (i.id.as_str(), c.field, c.verdict))
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("k", Field::Every, Verdict::Added),
            ("k", Field::Ongoing, Verdict::Removed),
            ("q", Field::Every, Verdict::Tightened),
            ("d", Field::For, Verdict::Changed),
            ("d", Field::Implements, Verdict::Changed),
        ]
    );
}
