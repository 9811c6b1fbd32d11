//! Property: for generated plans laid out at random, `format` succeeds, its output parses to the same tree with
//! the same comments, and formatting that output again changes nothing.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use super::FILE;
use super::format;
use super::same::Same;
use crate::parse::parse_plan;

/// A statement to write out: an attribute, an expression attribute, or a declaration with an optional block.
#[derive(Clone, Debug)]
enum Stmt {
    /// `keyword a, b, c`: pieces joined by commas (a list may break after a comma).
    Attr(&'static str, Vec<String>),
    /// `keyword expr`: the expression's pieces; a line may break after those marked.
    Expr(&'static str, Vec<Piece>),
    Decl {
        head: String,
        body: Vec<Stmt>,
        /// The block may be left out when the body is empty.
        optional_block: bool,
    },
}

#[derive(Clone, Debug)]
struct Piece {
    text: String,
    breakable: bool,
}

fn piece(text: &str, breakable: bool) -> Piece {
    Piece {
        text: text.to_string(),
        breakable,
    }
}

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(options).prop_map(str::to_string)
}

fn id() -> impl Strategy<Value = String> {
    pick(&["a", "b_1", "so_khdt", "t01", "_x"])
}

fn string() -> impl Strategy<Value = String> {
    pick(&[
        "\"\"",
        "\"x\"",
        "\"Sở KH&ĐT\"",
        "\"quote \\\" inside\"",
        "\"back\\\\slash\"",
        "\"tab\there // not a comment\"",
    ])
}

fn number() -> impl Strategy<Value = String> {
    pick(&["0", "007", "1.50", "-3", "28_000", "1_234.5", "0.05"])
}

fn deadline() -> impl Strategy<Value = String> {
    pick(&[
        "2021",
        "2021-7",
        "2021-07",
        "2021-Q2",
        "Q2",
        "M7",
        "H1",
        "2021-H2",
        "2021-2-3",
        "2021-02-30",
    ])
}

fn ids() -> impl Strategy<Value = Vec<String>> {
    vec(id(), 1..4)
}

fn goal() -> impl Strategy<Value = String> {
    prop_oneof![
        number(),
        number().prop_map(|n| format!(">= {n}")),
        number().prop_map(|n| format!(">{n}")),
        number().prop_map(|n| format!("<= {n}")),
        number().prop_map(|n| format!("< {n}")),
        (number(), number()).prop_map(|(a, b)| format!("{a}..{b}")),
        number().prop_map(|n| format!("~ {n}")),
        string(),
    ]
}

fn expr() -> impl Strategy<Value = Vec<Piece>> {
    let leaf = pick(&[
        "1", "007.50", "28_000", "x", "so_khdt", "2023-7-1", "true", "as_of",
    ])
    .prop_map(|s| vec![piece(&s, false)]);
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                pick(&["+", "-", "*", "/", "<", ">=", "==", "!=", "and", "or"]),
                inner.clone()
            )
                .prop_map(|(mut a, op, b)| {
                    a.push(piece(&op, true));
                    a.extend(b);
                    a
                }),
            (pick(&["not", "-"]), inner.clone()).prop_map(|(op, e)| {
                let mut v = vec![piece(&op, false)];
                v.extend(e);
                v
            }),
            inner.clone().prop_map(|e| {
                let mut v = vec![piece("(", true)];
                v.extend(e);
                v.push(piece(")", false));
                v
            }),
            vec(inner, 0..3).prop_map(|args| {
                let mut v = vec![piece("sum(", true)];
                for (i, arg) in args.into_iter().enumerate() {
                    if i > 0 {
                        v.push(piece(",", true));
                    }
                    v.extend(arg);
                }
                v.push(piece(")", false));
                v
            }),
        ]
    })
}

fn attr(
    keyword: &'static str,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = Stmt> {
    value.prop_map(move |v| Stmt::Attr(keyword, vec![v]))
}

fn list(
    keyword: &'static str,
    values: impl Strategy<Value = Vec<String>>,
) -> impl Strategy<Value = Stmt> {
    values.prop_map(move |v| Stmt::Attr(keyword, v))
}

fn notes() -> impl Strategy<Value = Vec<Stmt>> {
    vec(attr("note", string()), 0..2)
}

/// Attributes in random order: each may be there or not.
fn shuffled(attrs: Vec<Option<Stmt>>, notes: Vec<Stmt>) -> impl Strategy<Value = Vec<Stmt>> {
    let mut all: Vec<Stmt> = attrs.into_iter().flatten().collect();
    all.extend(notes);
    Just(all).prop_shuffle()
}

fn decl(head: String, body: Vec<Stmt>, optional_block: bool) -> Stmt {
    Stmt::Decl {
        head,
        body,
        optional_block,
    }
}

/// What follows `every`: each recurrence form of tasks and reports.
fn every() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            pick(&["month", "quarter", "half", "year"]),
            pick(&["1", "05", "15", "31"])
        )
            .prop_map(|(f, d)| format!("{f} by day {d}")),
        pick(&["12-15", "1-5", "Q4", "H1", "M06", "M6"]).prop_map(|md| format!("year by {md}")),
    ]
}

fn task() -> impl Strategy<Value = Stmt> {
    (
        (
            option::of(list("lead", ids())),
            option::of(list("support", ids())),
            option::of(list("monitor", ids())),
            option::of(attr("due", deadline())),
            option::of(attr("output", pick(&["plan", "report", "other"]))),
            option::of(list("after", ids())),
            option::of(attr("every", every())),
            option::of(Just(Stmt::Attr("ongoing", vec![]))),
            option::of(list("for", ids())),
            option::of(list("implements", ids())),
        ),
        notes(),
        id(),
        string(),
    )
        .prop_flat_map(|((a, b, c, d, e, f, g, h, i, j), n, id, title)| {
            shuffled(vec![a, b, c, d, e, f, g, h, i, j], n)
                .prop_map(move |body| decl(format!("task {id} {title}"), body, true))
        })
}

fn target() -> impl Strategy<Value = Stmt> {
    let window = prop_oneof![
        deadline().prop_map(|d| Stmt::Attr("by", vec![d])),
        Just(Stmt::Attr("yearly", vec![])),
        Just(Stmt::Attr("average", vec![])),
        pick(&["2021..2025", "2023"]).prop_map(|y| Stmt::Attr("average", vec![y])),
    ];
    let leaf = (
        (
            option::of(attr("unit", string())),
            option::of(attr("goal", goal())),
            option::of(attr("aim", goal())),
            option::of(window),
            option::of(list("lead", ids())),
            option::of(list("support", ids())),
            option::of(
                (number(), deadline())
                    .prop_map(|(n, d)| Stmt::Attr("baseline", vec![format!("{n} in {d}")])),
            ),
            option::of(expr().prop_map(|mut e| {
                e.insert(0, piece("=", false));
                Stmt::Expr("value", e)
            })),
            option::of(list("implements", ids())),
        ),
        notes(),
        id(),
        string(),
        any::<bool>(),
    )
        .prop_flat_map(|((a, b, c, d, e, f, g, h, i), n, id, title, measure)| {
            let keyword = if measure { "measure" } else { "target" };
            shuffled(vec![a, b, c, d, e, f, g, h, i], n)
                .prop_map(move |body| decl(format!("{keyword} {id} {title}"), body, true))
        });
    leaf.prop_recursive(3, 12, 3, |inner| {
        (
            inner.clone(),
            vec(inner.clone(), 0..3),
            option::of(vec(inner, 0..3)),
            number(),
        )
            .prop_map(|(mut whole, parts, shares, total)| {
                if let Stmt::Decl { body, .. } = &mut whole {
                    body.extend(parts);
                    let has_shares = body.iter().any(
                        |s| matches!(s, Stmt::Decl { head, .. } if head.starts_with("shares")),
                    );
                    if let Some(shares) = shares.filter(|_| !has_shares) {
                        body.push(decl(format!("shares {total}"), shares, false));
                    }
                }
                whole
            })
    })
}

fn report() -> impl Strategy<Value = Stmt> {
    (
        (
            option::of(list("from", ids())),
            option::of(list("to", ids())),
            option::of(attr("every", every())),
        ),
        notes(),
        id(),
        string(),
    )
        .prop_flat_map(|((a, b, c), n, id, title)| {
            shuffled(vec![a, b, c], n)
                .prop_map(move |body| decl(format!("report {id} {title}"), body, true))
        })
}

fn rule() -> impl Strategy<Value = Stmt> {
    (
        (
            option::of(
                (pick(&["require", "when"]), expr()).prop_map(|(k, e)| {
                    Stmt::Expr(if k == "require" { "require" } else { "when" }, e)
                }),
            ),
            option::of(attr("severity", pick(&["error", "warning", "info"]))),
        ),
        notes(),
        id(),
        string(),
    )
        .prop_flat_map(|((a, b), n, id, title)| {
            shuffled(vec![a, b], n)
                .prop_map(move |body| decl(format!("rule {id} {title}"), body, false))
        })
}

fn section_item() -> impl Strategy<Value = Stmt> {
    let leaf = prop_oneof![target(), task(), report(), rule()];
    leaf.prop_recursive(3, 16, 4, |inner| {
        (
            vec(inner, 0..4),
            notes(),
            string(),
            option::of(string()),
            option::of(list("implements", ids())),
        )
            .prop_map(|(mut items, n, title, number, implements)| {
                items.extend(implements);
                items.extend(n);
                let head = match number {
                    Some(number) => format!("section {number} {title}"),
                    None => format!("section {title}"),
                };
                decl(head, items, false)
            })
    })
}

fn top_item() -> impl Strategy<Value = Stmt> {
    prop_oneof![
        string().prop_map(|path| Stmt::Attr("use", vec![path])),
        (
            id(),
            string(),
            option::of(list("aka", vec(string(), 1..3))),
            notes()
        )
            .prop_map(|(id, name, aka, n)| decl(
                format!("owner {id} {name}"),
                aka.into_iter().chain(n).collect(),
                true
            )),
        (id(), string(), option::of(list("members", ids()))).prop_map(|(id, name, members)| {
            decl(
                format!("group {id} {name}"),
                members.into_iter().collect(),
                true,
            )
        }),
        (
            id(),
            string(),
            option::of(attr("title", string())),
            option::of(attr("issued", pick(&["2023-1-6", "2022-12-31"]))),
            option::of(list("implements", ids()))
        )
            .prop_map(|(id, number, title, issued, implements)| {
                let body = [title, issued, implements].into_iter().flatten().collect();
                decl(format!("document {id} {number}"), body, true)
            }),
        section_item(),
    ]
}

fn plan_header() -> impl Strategy<Value = Stmt> {
    (
        string(),
        option::of(attr("title", string())),
        option::of(attr("issued", pick(&["2023-01-19", "2023-1-9"]))),
        option::of(attr("period", pick(&["2023", "2021..2025"]))),
        option::of(list("implements", ids())),
        option::of(attr("approx", pick(&["5%", "2.5%", "10_0%"]))),
    )
        .prop_map(|(number, a, b, c, d, e)| {
            decl(
                format!("plan {number}"),
                [a, b, c, d, e].into_iter().flatten().collect(),
                false,
            )
        })
}

/// Layout choices, read in turn (and over again when used up).
struct Tape {
    bytes: Vec<u8>,
    at: usize,
    comments: usize,
}

impl Tape {
    fn next(&mut self, n: usize) -> usize {
        let b = self
            .bytes
            .get(self.at % self.bytes.len().max(1))
            .copied()
            .unwrap_or(0);
        self.at += 1;
        usize::from(b) % n
    }

    fn comment(&mut self) -> String {
        self.comments += 1;
        format!("// c{} ✓", self.comments)
    }

    fn indent(&mut self) -> &'static str {
        ["", "  ", "\t", "      "][self.next(4)]
    }

    /// What separates two statements: always a complete separator, comments included.
    fn separator(&mut self) -> String {
        match self.next(7) {
            0 | 1 => format!("\n{}", self.indent()),
            2 => "; ".to_string(),
            3 => format!("\n\n\n{}", self.indent()),
            4 => format!("  {}\n{}", self.comment(), self.indent()),
            5 => format!("\n{}{}\n\n{}", self.indent(), self.comment(), self.indent()),
            _ => format!(" ;\n{}", self.indent()),
        }
    }

    /// What follows a comma in a list or a breakable piece of an expression.
    fn continuation(&mut self) -> String {
        match self.next(5) {
            0 => format!("\n{}", self.indent()),
            1 => format!("   {}\n      ", self.comment()),
            _ => " ".to_string(),
        }
    }
}

fn write(stmt: &Stmt, tape: &mut Tape, out: &mut String) {
    match stmt {
        Stmt::Attr(keyword, values) => {
            out.push_str(keyword);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    let gap = tape.continuation();
                    out.push_str(&gap);
                } else {
                    out.push(' ');
                }
                out.push_str(v);
            }
        }
        Stmt::Expr(keyword, pieces) => {
            out.push_str(keyword);
            out.push(' ');
            for p in pieces {
                out.push_str(&p.text);
                if p.breakable {
                    let gap = tape.continuation();
                    out.push_str(&gap);
                } else {
                    out.push(' ');
                }
            }
        }
        Stmt::Decl {
            head,
            body,
            optional_block,
        } => {
            out.push_str(head);
            if body.is_empty() && *optional_block && tape.next(2) == 0 {
                return;
            }
            out.push_str(" {");
            match tape.next(3) {
                0 => out.push(' '),
                1 => {
                    let sep = tape.separator();
                    out.push_str(&sep);
                }
                _ => {
                    out.push('\n');
                    out.push_str(tape.indent());
                }
            }
            for (i, s) in body.iter().enumerate() {
                if i > 0 {
                    let sep = tape.separator();
                    out.push_str(&sep);
                }
                write(s, tape, out);
            }
            match tape.next(3) {
                0 => out.push_str(" }"),
                1 => {
                    let c = tape.comment();
                    out.push_str(&format!(" {c}\n}}"));
                }
                _ => out.push_str("\n}"),
            }
        }
    }
}

fn plan() -> impl Strategy<Value = String> {
    (
        option::of(plan_header()),
        vec(top_item(), 0..6),
        vec(any::<u8>(), 16..128),
    )
        .prop_map(|(header, items, bytes)| {
            let mut tape = Tape {
                bytes,
                at: 0,
                comments: 0,
            };
            let mut out = String::new();
            if tape.next(2) == 0 {
                let c = tape.comment();
                out.push_str(&format!("{c}\n"));
            }
            for item in header.iter().chain(&items) {
                out.push_str(tape.indent());
                write(item, &mut tape, &mut out);
                let sep = tape.separator();
                out.push_str(&sep);
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn format_keeps_the_tree_and_the_comments_and_is_idempotent(text in plan()) {
        let (before, diagnostics) = parse_plan(&text, FILE);
        prop_assert!(diagnostics.is_empty(), "the generator wrote an invalid plan:\n{text}\n{diagnostics:#?}");
        let formatted = format(&text).map_err(|d| TestCaseError::fail(format!("{text}\n{d:#?}")))?;
        let (after, diagnostics) = parse_plan(&formatted, FILE);
        prop_assert!(diagnostics.is_empty(), "{formatted}");
        prop_assert!(before.same(&after), "{text}\n----\n{formatted}");
        let comments = |file: &crate::ast::File, text: &str| -> Vec<String> {
            file.comments.iter().map(|c| text.get(c.range()).unwrap_or("").trim_end().to_string()).collect()
        };
        prop_assert_eq!(comments(&before, &text), comments(&after, &formatted));
        let again = format(&formatted).map_err(|d| TestCaseError::fail(format!("{d:#?}")))?;
        prop_assert_eq!(&again, &formatted, "not idempotent; input:\n{}", text);
    }
}
