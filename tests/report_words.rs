//! What people read of a report, in English and Vietnamese (`eval --lang`): the table, Markdown and HTML of the
//! evaluation fixtures, which together hold every status of SPEC sections 4 and 2b, snapshotted in both languages;
//! Vietnamese output that shows no English word of the report; titles beside ids, cut to fit by what a terminal
//! shows.

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a test: a fixture that does not evaluate should stop it"
)]

mod common;

use kehoach::diagnostics::Lang;
use kehoach::eval::render::{html, markdown, table};
use kehoach::eval::{Report, Status};
use kehoach::{EvalOptions, Project, Source};
use unicode_width::UnicodeWidthStr;

/// `tests/fixtures/eval/NAME.plan` evaluated against `NAME.facts`.
fn fixture(name: &str) -> Report {
    let plan = common::fixtures().join(format!("eval/{name}.plan"));
    let (report, diagnostics) =
        common::evaluate_fixture(&plan, &plan.with_extension("facts"), None);
    report.unwrap_or_else(|| panic!("{diagnostics}"))
}

/// The page from `<main>` on: what the reader sees, without the style sheet.
fn page(report: &Report, lang: Lang) -> String {
    let page = html(report, lang);
    let at = page.find("<main>").unwrap_or(0);
    page[at..].to_string()
}

const FIXTURES: [&str; 2] = ["statuses", "duties"];

#[test]
fn every_status_in_both_languages_and_every_format() {
    for name in FIXTURES {
        let report = fixture(name);
        for (lang, code) in [(Lang::En, "en"), (Lang::Vi, "vi")] {
            insta::assert_snapshot!(format!("{name}_table_{code}"), table(&report, lang, false));
            insta::assert_snapshot!(format!("{name}_markdown_{code}"), markdown(&report, lang));
            insta::assert_snapshot!(format!("{name}_html_{code}"), page(&report, lang));
        }
    }
}

/// The text a person reads: no markup, no style sheet.
fn words_of(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut in_tag = false;
    let text = match (text.find("<style>"), text.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &text[..a], &text[b..]),
        _ => text.to_string(),
    };
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn vietnamese_reports_show_no_english_word() {
    let mut english: Vec<&str> = kehoach::eval::all_status_words();
    english.extend([
        "STATUS",
        "TARGETS",
        "TASKS",
        "RULES",
        "REPORTS",
        "OWNERS",
        "REPORTING",
        "MEASURES",
        "ACTUAL",
        "GOAL",
        "DUE",
        "DETAIL",
        "SEVERITY",
        "WHY",
        "EVERY",
        "ATTENTION",
        "Evaluated",
        "attention",
        "Summary",
        "Timeline",
        "targets",
        "tasks",
        "rules",
        "reports",
        "done",
        "after",
        "waits",
        "quarter",
        "month",
        "half",
        "year",
        "none",
        "avg",
        "parts",
        "time",
        "error",
        "warning",
        "info",
        "status",
        "title",
        "detail",
        "lead",
        "value",
        "by",
    ]);
    for name in FIXTURES {
        let report = fixture(name);
        for (format, text) in [
            ("table", table(&report, Lang::Vi, false)),
            ("markdown", markdown(&report, Lang::Vi)),
            ("html", html(&report, Lang::Vi)),
        ] {
            let found: Vec<String> = words_of(&text)
                .into_iter()
                .filter(|w| english.contains(&w.as_str()))
                .collect();
            assert!(
                found.is_empty(),
                "{name} {format} in Vietnamese shows {found:?}:\n{text}"
            );
        }
    }
}

/// A plan with one task whose title is `title`, evaluated.
fn with_task_title(title: &str) -> Report {
    let plan = format!(
        "plan \"KH\" {{ issued 2023-01-01; period 2023 }}\nowner so_a \"Sở A\"\n\
         task t1 \"{title}\" {{ lead so_a; due 2023-06 }}\n"
    );
    let project = Project::from_sources(vec![Source::new("p.plan", plan).unwrap()]);
    let plan = project.plan(None).unwrap();
    let facts = plan.facts(Source::new("p.facts", "facts \"KH\" as_of 2023-09-30 {\n}\n").unwrap());
    plan.evaluate(&facts, &EvalOptions::default()).unwrap()
}

/// Vietnamese written decomposed (NFD: `ế` as `e` and two combining marks) takes a column per letter: a title
/// that fits the line is shown whole, however many `char`s it has.
#[test]
fn a_decomposed_title_that_fits_is_shown_whole() {
    // "Tiếp tục rà soát, bàn giao hồ sơ dự án ven biển các huyện đảo": 61 columns (what the title line has in
    // Vietnamese), 79 `char`s.
    let title = "Tie\u{302}\u{301}p tu\u{323}c ra\u{300} soa\u{301}t, ba\u{300}n giao ho\u{302}\u{300} so\u{31b} du\u{31b}\u{323} a\u{301}n ven bie\u{302}\u{309}n ca\u{301}c huye\u{323}\u{302}n \u{111}a\u{309}o";
    assert_eq!((title.width(), title.chars().count()), (61, 79));
    let report = with_task_title(title);
    for lang in [Lang::En, Lang::Vi] {
        let shown = table(&report, lang, false);
        assert!(shown.contains(title), "{shown}");
        for line in shown.lines() {
            assert!(line.width() <= 80, "{} columns: {line}", line.width());
        }
    }
}

/// A title as long as a plan may hold is cut to the line in the table and to a bounded cell in Markdown, with
/// `…`, between characters.
#[test]
fn a_long_title_is_cut_to_fit() {
    let title = "Phát triển kinh tế biển và ven bie\u{302}\u{309}n ".repeat(2000);
    let report = with_task_title(title.trim_end());
    for lang in [Lang::En, Lang::Vi] {
        let shown = table(&report, lang, false);
        for line in shown.lines() {
            assert!(line.width() <= 80, "{} columns: {line}", line.width());
        }
        let cut = shown
            .lines()
            .find(|l| l.trim_start().starts_with("Phát triển"))
            .unwrap_or_else(|| panic!("no title line in\n{shown}"));
        assert!(cut.ends_with('…'), "{cut}");
        let md = markdown(&report, lang);
        let row = md
            .lines()
            .find(|l| l.contains("`t1`"))
            .unwrap_or_else(|| panic!("no row in\n{md}"));
        assert!(row.contains("Phát triển") && row.contains('…'), "{row}");
        assert!(row.width() < 200, "{row}");
    }
}

/// The rows under a Markdown heading `### Needs attention (N)` (the table's header and rule left out), and N.
fn markdown_attention(md: &str) -> (usize, usize) {
    let Some(at) = md.find("### Needs attention (") else {
        return (0, 0);
    };
    let rest = &md[at + "### Needs attention (".len()..];
    let said = rest[..rest.find(')').unwrap()].parse().unwrap();
    let rows = rest
        .lines()
        .skip(2)
        .take_while(|l| l.is_empty() || l.starts_with('|'))
        .filter(|l| l.starts_with('|'))
        .count();
    (said, rows.saturating_sub(2))
}

/// The rows of the HTML page's "Needs attention" table.
fn html_attention(page: &str) -> usize {
    let Some(at) = page.find("<h2>Needs attention</h2>") else {
        return 0;
    };
    let table = &page[at..];
    let table = &table[..table.find("</table>").unwrap()];
    table.matches("<tr>").count().saturating_sub(1)
}

/// Every item the summary counts as needing attention is listed under "Needs attention", reports that came late
/// or not at all included, in Markdown and in HTML; and each list says its length.
#[test]
fn the_attention_list_holds_every_item_it_counts() {
    let mut reports_listed = false;
    let mut reports: Vec<(String, Report)> = FIXTURES
        .iter()
        .map(|name| (name.to_string(), fixture(name)))
        .collect();
    let plans = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    for plan in [
        "ben-tre/370-kh-ubnd",
        "quang-ninh/35-ctr-ubnd",
        "ba-ria-vung-tau/kh-24-nq-tw",
    ] {
        let path = plans.join(format!("{plan}.plan"));
        let (report, diagnostics) =
            common::evaluate_fixture(&path, &path.with_extension("facts"), None);
        reports.push((
            plan.to_string(),
            report.unwrap_or_else(|| panic!("{diagnostics}")),
        ));
    }
    for (name, report) in &reports {
        let counted = report.summary.attention;
        let md = markdown(report, Lang::En);
        let (said, rows) = markdown_attention(&md);
        assert_eq!((said, rows), (counted, counted), "{name}: Markdown");
        assert_eq!(
            html_attention(&html(report, Lang::En)),
            counted,
            "{name}: HTML"
        );
        reports_listed |= report
            .reports()
            .any(|r| r.status.needs_attention() && md.contains(&format!("`{}`", r.id)));
    }
    assert!(reports_listed, "no fixture lists a late or missing report");
}

/// A section's number, title, status, the documents it implements and its notes are on the HTML page and in the
/// Markdown, escaped.
#[test]
fn sections_show_what_they_implement_and_their_notes() {
    let report = fixture("duties");
    let page = page(&report, Lang::Vi);
    let at = page.find("Các phần của kế hoạch").unwrap();
    let sections = &page[at..at + page[at..].find("</table>").unwrap()];
    assert!(
        sections.contains("<td class=\"id\">III</td><td>Tổ chức thực hiện</td>"),
        "{sections}"
    );
    assert!(sections.contains("<td>941/QĐ-TTg</td>"), "{sections}");
    assert!(
        sections.contains("báo cáo kết quả về Sở Kế hoạch và Đầu tư &lt;trước ngày 25/11&gt;"),
        "{sections}"
    );
    let md = markdown(&report, Lang::Vi);
    assert!(md.contains("| `III` Tổ chức thực hiện |"), "{md}");
    assert!(
        md.contains("941/QĐ\\-TTg") || md.contains("941/QĐ-TTg"),
        "{md}"
    );
    assert!(md.contains("&lt;trước ngày 25/11&gt;"), "{md}");
}
