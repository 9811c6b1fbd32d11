use super::{FILE, format, verify};
use crate::diagnostics::Code;
use crate::parse::parse_plan;

/// Formats, and checks that formatting again changes nothing.
fn fmt(text: &str) -> String {
    let once = match format(text) {
        Ok(out) => out,
        Err(diagnostics) => panic!("{text}\n{diagnostics:#?}"),
    };
    let twice = format(&once).unwrap();
    assert_eq!(once, twice, "not idempotent:\n{once}");
    once
}

#[test]
fn messy_indentation_comes_out_tidy_with_every_comment_in_place() {
    let messy = "\
// Kế hoạch mẫu
use \"agencies.plan\"   // cơ quan
plan \"1/KH\" {   // header
      title \"Kế hoạch\"
\tperiod 2021..2025 // years
   issued 2021-2-8
}
owner a \"A\"
owner b \"B\" // trailing
task t1 \"Việc 1\" { lead a; due 2021-7
  after t2 }



// lone comment before t2
task t2 \"Việc 2\" {
     lead a,   // chủ trì
          b
  // before the closing brace
}   // after the closing brace
// at the end
";
    insta::assert_snapshot!(fmt(messy), @r#"
    // Kế hoạch mẫu
    use "agencies.plan"  // cơ quan

    plan "1/KH" {  // header
      title    "Kế hoạch"
      period   2021..2025  // years
      issued   2021-02-08
    }

    owner a "A"
    owner b "B"  // trailing

    task t1 "Việc 1" {
      lead     a
      due      2021-07
      after    t2
    }

    // lone comment before t2
    task t2 "Việc 2" {
      lead a,   // chủ trì
              b
      // before the closing brace
    }  // after the closing brace
    // at the end
    "#);
}

#[test]
fn values_are_printed_canonically() {
    let text = "\
target a \"Tab\\\\\\\"q\\\"\" {
  goal 007.50..1_000_000
  baseline 28_000 in 2021-7
  by M7
  value = (x+1_000)*-2 - - y / f( 2023-1-9 ,as_of,true )
}
task t \"T\" { due 2021-2-3 }
report r \"R\" {
  every quarter by day 05
}
report y \"Y\" { every year by 1-5 }
";
    insta::assert_snapshot!(fmt(text), @r#"
    target a "Tab\\\"q\"" {
      goal     7.50..1_000_000
      baseline 28_000 in 2021-07
      by       M07
      value    = (x + 1_000) * -2 - -y / f(2023-01-09, as_of, true)
    }

    task t "T" { due 2021-02-03 }

    report r "R" {
      every    quarter by day 5
    }

    report y "Y" { every year by 01-05 }
    "#);
}

#[test]
fn one_line_declarations_stay_one_line_only_with_at_most_one_attribute() {
    let text = "\
owner a \"A\" { aka \"x\", \"y\" }
owner b \"B\" {
  aka \"z\"
}
owner c \"C\" {
}
section \"S\" { task t \"T\" { lead a } }
measure m \"M\" { unit \"x\"; note \"n\" }
target g \"G\" { yearly }
";
    insta::assert_snapshot!(fmt(text), @r#"
    owner a "A" { aka "x", "y" }

    owner b "B" {
      aka      "z"
    }

    owner c "C" {}

    section "S" {
      task t "T" { lead a }
    }

    measure m "M" {
      unit     "x"
      note     "n"
    }

    target g "G" { yearly }
    "#);
}

#[test]
fn blank_lines_are_kept_once_and_set_declarations_apart() {
    let text = "

owner a \"A\"


owner b \"B\"
owner c \"C\"
task t \"T\" {

  lead a


  due 2021

}
rule r \"R\" { require 1 > 0 }
";
    insta::assert_snapshot!(fmt(text), @r#"
    owner a "A"

    owner b "B"
    owner c "C"

    task t "T" {
      lead     a

      due      2021
    }

    rule r "R" { require 1 > 0 }
    "#);
}

#[test]
fn trailing_comments_line_up_within_a_run() {
    let text = "\
task t \"T\" {
  lead a // chủ trì
  support b, c // phối hợp
  due 2021

  output plan // sản phẩm
  target x \"X\" { goal 1 } // not a target in a task: see below
}
";
    // A task cannot hold a target: the parser says so, and the file is left alone.
    let errors = format(text).unwrap_err();
    assert!(errors.iter().all(|d| d.code == Code::Syntax), "{errors:#?}");

    let text = text.replace(
        "  target x \"X\" { goal 1 } // not a target in a task: see below\n",
        "",
    );
    insta::assert_snapshot!(fmt(&text), @r#"
    task t "T" {
      lead     a     // chủ trì
      support  b, c  // phối hợp
      due      2021

      output   plan  // sản phẩm
    }
    "#);
}

#[test]
fn comments_inside_a_continued_expression_keep_the_statement_as_written() {
    let text = "\
rule r \"R\" {
    when a > 1 and   // first
       b < 2
    severity   warning
}
";
    insta::assert_snapshot!(fmt(text), @r#"
    rule r "R" {
      when a > 1 and   // first
           b < 2
      severity warning
    }
    "#);
}

#[test]
fn nested_blocks_and_shares_indent_by_two() {
    let text = "\
section \"I\" \"Một\" {
section \"I.1\" \"Hai\" {
target s \"S\" { unit \"%\"
shares 100 { // parts
target p \"P\" { goal 60 }
target q \"Q\" { goal 40 }
}
}
}
}
";
    insta::assert_snapshot!(fmt(text), @r#"
    section "I" "Một" {
      section "I.1" "Hai" {
        target s "S" {
          unit     "%"
          shares 100 {  // parts
            target p "P" { goal 60 }
            target q "Q" { goal 40 }
          }
        }
      }
    }
    "#);
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n  \n"), "");
    assert_eq!(fmt("// a\n\n\n   // b   \n\n"), "// a\n\n// b\n");
}

#[test]
fn windows_line_endings_and_tabs_become_unix_and_spaces() {
    let text = "owner a \"A\" {\r\n\taka \"x\"  // c\r\n}\r\n";
    assert_eq!(fmt(text), "owner a \"A\" {\n  aka      \"x\"  // c\n}\n");
}

#[test]
fn files_with_syntax_errors_are_refused_with_their_diagnostics() {
    let errors = format("task t \"T\" { due 2021-Q1\n  lead }\n").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, Code::Syntax);
    let errors = format("target a \"A\" { goal 1; goal 2 }").unwrap_err();
    assert_eq!(errors[0].code, Code::DuplicateAttribute);
}

#[test]
fn output_that_would_change_the_meaning_is_refused() {
    let text = "task t \"T\" { due 2021-Q1 }  // c\n";
    let (ast, _) = parse_plan(text, FILE);
    assert!(verify(text, &ast, text).is_ok());
    for wrong in [
        "task t \"T\" { due 2021-Q2 }  // c\n",
        "task t \"T\" { due 2021-Q1 }\n",
        "task t \"T\" { due 2021-Q1 }  // d\n",
        "task u \"T\" { due 2021-Q1 }  // c\n",
        "task t \"T\" { due 2021-Q1 // c\n",
    ] {
        let errors = verify(text, &ast, wrong).unwrap_err();
        assert_eq!(errors.len(), 1, "{wrong}");
        assert_eq!(errors[0].code, Code::FormatChangesMeaning, "{wrong}");
    }
}

#[test]
fn thousands_are_grouped_only_where_the_user_grouped_them() {
    use super::print::group_thousands;
    assert_eq!(group_thousands("1234567.50"), "1_234_567.50");
    assert_eq!(group_thousands("-1000"), "-1_000");
    assert_eq!(group_thousands("100"), "100");
    assert_eq!(group_thousands("0.0001"), "0.0001");
    assert_eq!(
        fmt("target a \"A\" { goal 28000 }\n"),
        "target a \"A\" { goal 28000 }\n"
    );
}

#[test]
fn a_plan_within_the_size_limit_formats_even_when_its_layout_grows_past_it() {
    // 40 nested sections and one-line tasks: each task comes out on four lines indented by 82 spaces or more.
    let depth = 40;
    let tasks = 50_000;
    let mut text = "section \"s\" \"S\" {".repeat(depth);
    for i in 0..tasks {
        text.push_str(&format!("task a{i} \"\" {{lead o;due 2021}}\n"));
    }
    text.push_str(&"}".repeat(depth));
    assert!(text.len() < crate::limits::MAX_FILE_BYTES);
    let formatted = format(&text).unwrap();
    assert!(formatted.len() > crate::limits::MAX_FILE_BYTES);
    assert!(formatted.contains(&format!("\n{}task a0 \"\" {{\n", " ".repeat(2 * depth))));
}

/// Text facts come out in their canonical layout (SPEC section 6), comments kept; syntax errors refuse.
#[test]
fn facts_take_their_canonical_layout() {
    let messy = "facts \"1/KH\" {\n t1  2023-Q3  note \"x\" ; pci 2023 assessed met // ok\n\n\n t2 progress 7.50\n}\n";
    assert_eq!(
        super::format_facts(messy).ok().as_deref(),
        Some(
            "facts \"1/KH\" {\n  t1 2023-Q3 note \"x\"\n  pci 2023 assessed met  // ok\n\n  t2 progress 7.50\n}\n"
        )
    );
    assert!(super::format_facts("facts \"1/KH\" { t1 done }\n").is_err());
}
