use super::complete::context_at;
use super::*;
use crate::Source;
use crate::parse::{Block, keywords_in};

fn analysis(files: &[(&str, &str)]) -> Analysis {
    let sources = files
        .iter()
        .map(|(name, text)| Source::new(*name, *text).expect("a small file"))
        .collect();
    Analysis::new(Project::from_sources(sources))
}

fn at(a: &Analysis, file: &str, needle: &str) -> (FileId, u32) {
    let (id, source) = a
        .sources()
        .iter()
        .find(|(_, f)| f.name == file)
        .expect("the file");
    let offset = source.text.find(needle).expect("the needle");
    (id, u32::try_from(offset).expect("small"))
}

#[test]
fn every_keyword_of_the_parser_has_a_meaning_in_both_languages() {
    for block in Block::ALL {
        for k in keywords_in(block) {
            let m = meaning(k).unwrap_or_else(|| panic!("no meaning for `{k}`"));
            assert!(!m.en.is_empty() && !m.vi.is_empty() && m.en != m.vi, "{k}");
        }
    }
    assert_eq!(meaning("lead_"), None);
}

#[test]
fn ids_are_what_the_grammar_takes() {
    for ok in ["so_khdt", "_x", "t01", "A"] {
        assert!(is_ident(ok), "{ok}");
    }
    for bad in ["", "1t", "sở", "a-b", "a b", "and", "as_of"] {
        assert!(!is_ident(bad), "{bad}");
    }
}

#[test]
fn the_context_follows_blocks_strings_comments_and_lists() {
    let text = "task t1 \"a { b\" {\n  lead so_yt,\n    so_tc\n  // x {\n  ";
    let c = context_at(text, text.len());
    assert_eq!(c.block, Some(Block::Task));
    assert_eq!(c.statement, text.len() - 2);
    // A list continued after a comma is one statement.
    let end = text.find("so_tc").expect("so_tc") + 5;
    let c = context_at(text, end);
    assert_eq!(
        text.get(c.statement..end).map(str::trim),
        Some("lead so_yt,\n    so_tc")
    );
    // Inside a string or a comment: nothing to complete.
    assert_eq!(context_at(text, 12).block, None);
    assert!(context_at(text, text.find("x {").expect("x")).is_in_comment_or_string());
    assert_eq!(
        context_at("target a \"A\" { }\n", 17).block,
        Some(Block::Top)
    );
}

#[test]
fn references_resolve_in_the_scope_of_each_plan() {
    // Two plans use one agencies file; each names `so_yt`, and each declares its own `t1`.
    let a = analysis(&[
        ("agencies.plan", "owner so_yt \"Sở Y tế\"\n"),
        (
            "a.plan",
            "use \"agencies.plan\"\ntask t1 \"A\" { lead so_yt }\ntask t2 \"B\" { lead so_yt; after t1 }\n",
        ),
        (
            "b.plan",
            "use \"agencies.plan\"\ntask t1 \"C\" { lead so_yt; due 2025 }\n",
        ),
    ]);
    let (agencies, owner) = at(&a, "agencies.plan", "so_yt");
    assert_eq!(a.references(agencies, owner, false).len(), 3);
    let (file_a, t1) = at(&a, "a.plan", "t1 }");
    let found = a.references(file_a, t1, true);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|s| s.file == file_a));
    // Renaming `t1` in a.plan to `t2` is refused (a.plan has it), to `t3` touches a.plan only.
    let refused = a.rename(file_a, t1, "t2").expect_err("taken");
    assert!(
        refused.en.starts_with("`t2` is taken: task `t2`"),
        "{}",
        refused.en
    );
    let edits = a.rename(file_a, t1, "t3").expect("renamed");
    assert_eq!(edits.len(), 2);
    // An owner renamed from one plan changes every plan that uses it.
    let edits = a.rename(agencies, owner, "so_y_te").expect("renamed");
    assert_eq!(edits.len(), 4);
}

#[test]
fn a_file_with_syntax_errors_keeps_its_other_declarations() {
    let a = analysis(&[(
        "p.plan",
        "owner so_yt \"Sở Y tế\" { aka \"SYT\" }\ntask t1 \"A\" {\n  lead so_yt\n  due 30/6/2025\n}\ntask t2 \"B\" { lead so_yt; after t1 }\n",
    )]);
    assert!(
        a.diagnostics()
            .iter()
            .any(|d| d.code == crate::diagnostics::Code::Syntax)
    );
    let (file, offset) = at(&a, "p.plan", "t1 }");
    let hover = a.hover(file, offset, Lang::En).expect("a hover");
    assert!(
        hover.markdown.starts_with("**task** `t1` — A"),
        "{}",
        hover.markdown
    );
    let symbols: Vec<String> = a.symbols(file).into_iter().map(|s| s.name).collect();
    assert_eq!(symbols, ["so_yt", "t1", "t2"]);
    // The date's fix, in the diagnostic itself.
    let fixes = a.fixes(file, Span::new(file, 0, 10_000));
    let replacements: Vec<&str> = fixes.iter().map(|(_, f)| f.replacement.as_str()).collect();
    assert_eq!(replacements, ["2025-06-30"]);
}

#[test]
fn hover_text_from_the_plan_shows_no_control_characters() {
    let a = analysis(&[(
        "p.plan",
        "owner x \"A\u{202e}B\"\ntask t \"T\" { lead x }\n",
    )]);
    let (file, offset) = at(&a, "p.plan", "x }");
    let hover = a.hover(file, offset, Lang::En).expect("a hover");
    assert!(!hover.markdown.contains('\u{202e}'), "{}", hover.markdown);
}

const DUTIES: &str = "plan \"1/KH\" { period 2021..2025 }\nowner so_khdt \"Sở Kế hoạch và Đầu tư\" { aka \"Sở KH&ĐT\" }\nowner ubnd_tinh \"Ủy ban nhân dân tỉnh\"\ndocument qd941 \"941/QĐ-TTg\" { title \"Quyết định 941\" }\nsection \"I\" {\n  implements qd941\n  task t_qc \"Ban hành quy chế\" { lead so_khdt; for ubnd_tinh; implements qd941; due 2021-Q3 }\n  task t_tx \"Theo dõi\" { lead so_khdt; ongoing }\n  task t_quy \"Rà soát\" { lead so_khdt; every quarter by day 10 }\n}\ntarget t_ts \"Tỷ lệ\" { unit \"%\"; goal >= 5; lead so_khdt; implements qd941 }\n";

#[test]
fn for_and_implements_name_owners_and_documents() {
    let a = analysis(&[("p.plan", DUTIES)]);
    let (file, doc) = at(&a, "p.plan", "qd941 \"");
    // The section's, the task's and the target's `implements`.
    let found = a.references(file, doc, false);
    let text = a.text(file);
    let lines: Vec<&str> = found
        .iter()
        .map(|s| {
            let start = text
                .get(..s.start as usize)
                .map_or(0, |b| b.rfind('\n').map_or(0, |n| n + 1));
            text.get(start..s.end as usize).unwrap_or("").trim_start()
        })
        .collect();
    assert_eq!(
        lines,
        [
            "implements qd941",
            "task t_qc \"Ban hành quy chế\" { lead so_khdt; for ubnd_tinh; implements qd941",
            "target t_ts \"Tỷ lệ\" { unit \"%\"; goal >= 5; lead so_khdt; implements qd941",
        ]
    );
    let (_, named) = at(&a, "p.plan", "qd941;");
    assert_eq!(a.definition(file, named).map(|s| s.start), Some(doc));
    // `for` names an owner.
    let (_, owner) = at(&a, "p.plan", "ubnd_tinh \"");
    let (_, for_) = at(&a, "p.plan", "ubnd_tinh;");
    assert_eq!(a.definition(file, for_).map(|s| s.start), Some(owner));
    let edits = a.rename(file, for_, "ubnd").expect("renamed");
    assert_eq!(edits.len(), 2);
    let edits = a.rename(file, doc, "qd_941").expect("renamed");
    assert_eq!(edits.len(), 4);
    // Hovers say what a duty is for, what it carries out and when it is due.
    let (_, t_qc) = at(&a, "p.plan", "t_qc");
    let hover = a.hover(file, t_qc, Lang::En).expect("a hover");
    assert_eq!(
        hover.markdown,
        "**task** `t_qc` — Ban hành quy chế\n\n- due: `2021-Q3`\n- lead: `so_khdt` (Sở Kế hoạch và Đầu tư)\n- for: `ubnd_tinh` (Ủy ban nhân dân tỉnh)\n- implements: `qd941` (Quyết định 941)"
    );
    let (_, t_tx) = at(&a, "p.plan", "t_tx");
    let hover = a.hover(file, t_tx, Lang::Vi).expect("a hover");
    assert!(
        hover
            .markdown
            .contains("- thời hạn: thường xuyên (`ongoing`)"),
        "{}",
        hover.markdown
    );
    let (_, t_quy) = at(&a, "p.plan", "t_quy");
    let hover = a.hover(file, t_quy, Lang::En).expect("a hover");
    assert!(
        hover.markdown.contains("- due: `every quarter by day 10`"),
        "{}",
        hover.markdown
    );
    let (_, t_ts) = at(&a, "p.plan", "t_ts");
    let hover = a.hover(file, t_ts, Lang::En).expect("a hover");
    assert!(
        hover
            .markdown
            .ends_with("- implements: `qd941` (Quyết định 941)"),
        "{}",
        hover.markdown
    );
    let (_, on_for) = at(&a, "p.plan", "for ubnd_tinh");
    let hover = a.hover(file, on_for, Lang::En).expect("a hover");
    assert!(hover.markdown.starts_with("`for`: "), "{}", hover.markdown);
}

#[test]
fn completion_after_for_offers_owners_and_after_implements_documents() {
    let typed = |tail: &str| {
        let text = format!("{DUTIES}task t_new \"Mới\" {{\n  lead so_khdt\n  {tail}");
        let a = analysis(&[("p.plan", &text)]);
        let (file, _) = at(&a, "p.plan", "plan");
        let offset = u32::try_from(text.len()).expect("small");
        a.completions(file, offset, Lang::En)
            .into_iter()
            .map(|c| c.label)
            .collect::<Vec<_>>()
    };
    assert_eq!(typed("for "), ["so_khdt", "ubnd_tinh"]);
    // By the Vietnamese name, without diacritics.
    assert_eq!(typed("for uy ban"), ["ubnd_tinh"]);
    assert_eq!(typed("implements "), ["qd941"]);
    assert!(typed("every ").iter().any(|l| l.starts_with("quarter")));
}
