//! Random edits of the bundled plans replayed through the editor's analysis, as `kehoach lsp` runs it after each
//! change: nothing panics, and every span it answers with lies inside the text, on character boundaries.

#![expect(
    clippy::expect_used,
    reason = "a span naming no loaded file fails the test"
)]

use kehoach::diagnostics::Lang;
use kehoach::ide::Analysis;
use kehoach::source::{FileId, Span};
use kehoach::{Project, Source};
use proptest::prelude::*;

const PLANS: [(&str, &str, &str); 3] = [
    (
        include_str!("../plans/quang-ninh/35-ctr-ubnd.plan"),
        include_str!("../plans/quang-ninh/agencies.plan"),
        "quang-ninh",
    ),
    (
        include_str!("../plans/ben-tre/370-kh-ubnd.plan"),
        include_str!("../plans/ben-tre/agencies.plan"),
        "ben-tre",
    ),
    (
        include_str!("../plans/ba-ria-vung-tau/kh-24-nq-tw.plan"),
        include_str!("../plans/ba-ria-vung-tau/agencies.plan"),
        "ba-ria-vung-tau",
    ),
];

/// What a person types mid-edit: pieces of statements, unbalanced braces and quotes, Vietnamese, separators.
const TYPED: &[&str] = &[
    "{",
    "}",
    "\"",
    "\n",
    ";",
    ",",
    " ",
    "lead ",
    "after ",
    "implements ",
    "due ",
    "every ",
    "by ",
    "goal >= ",
    "task t_new \"Việc\" {",
    "target x \"X\" {",
    "section \"1\" \"S\" {",
    "so_",
    "Sở KH&Đ",
    "30/6/2021",
    "95,01",
    "value = ",
    "//",
    "ở",
    "𝄞",
    "\r",
    "use \"agencies.plan\"",
    "use \"../x.plan\"",
];

#[derive(Clone, Debug)]
enum Edit {
    Insert(prop::sample::Index, &'static str),
    Delete(prop::sample::Index, usize),
}

fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, edit: &Edit) -> usize {
    let len = text.len().max(1);
    match edit {
        Edit::Insert(at, typed) => {
            let a = boundary(text, at.index(len));
            text.insert_str(a, typed);
            a + typed.len()
        }
        Edit::Delete(at, n) => {
            let a = boundary(text, at.index(len));
            let b = boundary(text, a + n);
            text.replace_range(a..b, "");
            a
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), prop::sample::select(TYPED))
            .prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<prop::sample::Index>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
    ]
}

fn inside(a: &Analysis, span: Span) {
    let text = a
        .sources()
        .get(span.file)
        .map(|f| f.text.clone())
        .expect("a span names a loaded file");
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(
        s <= e && e <= text.len(),
        "{span:?} outside a text of {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{span:?} splits a character"
    );
}

/// Every question an editor asks, at the cursor and at a few other places.
fn ask_everything(a: &Analysis, file: FileId, offsets: &[u32]) {
    for d in a.diagnostics() {
        inside(a, d.span);
        for fix in &d.fixes {
            inside(a, fix.span);
        }
    }
    for s in a.symbols(file) {
        inside(a, s.span);
        inside(a, s.selection);
    }
    let _ = a.folds(file);
    for &offset in offsets {
        if let Some(h) = a.hover(file, offset, Lang::Vi) {
            inside(a, h.span);
        }
        if let Some(d) = a.definition(file, offset) {
            inside(a, d);
        }
        for r in a.references(file, offset, true) {
            inside(a, r);
        }
        if let Ok(edits) = a.rename(file, offset, "ten_moi") {
            for e in edits {
                inside(a, e.span);
            }
        }
        for c in a.completions(file, offset, Lang::En) {
            inside(a, c.replace);
        }
        let _ = a.fixes(file, Span::new(file, offset as usize, offset as usize + 10));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn edits_of_bundled_plans_never_break_the_analysis(
        plan in 0usize..3,
        edits in prop::collection::vec(edit(), 1..6),
        probes in prop::collection::vec(any::<prop::sample::Index>(), 4),
    ) {
        let (text, agencies, _) = PLANS[plan];
        let mut text = text.to_string();
        let mut cursor = 0;
        for e in &edits {
            cursor = apply(&mut text, e);
        }
        let a = Analysis::new(Project::from_sources(vec![
            Source::new("plan.plan", text.clone()).expect("a plan under the size limit"),
            Source::new("agencies.plan", agencies).expect("a plan under the size limit"),
        ]));
        let file = a
            .sources()
            .iter()
            .find(|(_, f)| f.name == "plan.plan")
            .map(|(id, _)| id)
            .expect("the plan is loaded");
        let mut offsets: Vec<u32> = probes.iter().map(|p| p.index(text.len().max(1)) as u32).collect();
        offsets.push(cursor as u32);
        offsets.push(text.len() as u32 + 5);
        ask_everything(&a, file, &offsets);
    }
}
