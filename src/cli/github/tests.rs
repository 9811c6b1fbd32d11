use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::diagnostics::{Code, Text};
use crate::source::{FileId, SourceFile, Span};
use crate::text;

/// A workflow command as the GitHub Actions runner reads a line of output (`ActionCommand.TryParseV2` in
/// actions/runner, src/Runner.Common/ActionCommand.cs): after leading blanks the line starts with `::`, the command
/// and its properties run to the next `::`, properties are split at `,` and then at the first `=`, and the runner
/// unescapes `%0D %0A %3A %2C` then `%25` in a property, `%0D %0A` then `%25` in the data. Written out here rather
/// than taken from the code under test, so that the test holds the output to the runner's reading.
#[derive(Debug, PartialEq)]
struct Command {
    name: String,
    properties: BTreeMap<String, String>,
    data: String,
}

fn parse(line: &str) -> Option<Command> {
    let line = line.trim_start();
    let rest = line.strip_prefix("::")?;
    let end = rest.find("::")?;
    let info = &rest[..end];
    let (name, properties) = info.split_once(' ').unwrap_or((info, ""));
    let unescape = |s: &str, property: bool| {
        let mut s = s.replace("%0D", "\r").replace("%0A", "\n");
        if property {
            s = s.replace("%3A", ":").replace("%2C", ",");
        }
        s.replace("%25", "%")
    };
    let properties = properties
        .trim()
        .split(',')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .filter(|(key, value)| !key.is_empty() && !value.is_empty())
        .map(|(key, value)| (key.to_string(), unescape(value, true)))
        .collect();
    Some(Command {
        name: name.to_string(),
        properties,
        data: unescape(&rest[end + 2..], false),
    })
}

fn one_file(name: &str, text: &str) -> Sources {
    let mut sources = Sources::new();
    sources.add(SourceFile::new(name, text));
    sources
}

#[test]
fn escapes_are_those_of_actions_core() {
    assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
    assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
    // `%` first, so that an escape in the input stays text: `%0A` is read back as `%0A`, not a line break.
    assert_eq!(escape_data("%0A"), "%250A");
    assert_eq!(
        parse(&format!("::error::{}", escape_data("%0A"))).map(|c| c.data),
        Some("%0A".into())
    );
}

#[test]
fn a_diagnostic_is_one_annotation_with_its_place_code_labels_and_help() {
    let text = "task t1 \"A\" { lead a }\ntask t1 \"B\" { lead a }\n";
    let sources = one_file("plans/a,b:c.plan", text);
    let d = Diagnostic::new(
        Code::DuplicateId,
        Span::new(FileId(0), 28, 30),
        text!("duplicate id `t1`", "mã `t1` bị trùng"),
    )
    .with_other(
        Span::new(FileId(0), 5, 7),
        text!("first declared here", "khai báo lần đầu ở đây"),
    )
    .with_help(text!("rename one of them", "hãy đổi tên một trong hai"));
    let out = to_github(&[d], &sources, &[], Lang::En);
    assert_eq!(
        out,
        "::error file=plans/a%2Cb%3Ac.plan,line=2,col=6,endLine=2,endColumn=8,title=duplicate-id::duplicate id \
         `t1`%0Aplans/a,b:c.plan:1:6: first declared here%0Ahelp: rename one of them\n"
    );
    let command = parse(out.trim_end()).unwrap();
    assert_eq!(command.name, "error");
    assert_eq!(command.properties["file"], "plans/a,b:c.plan");
    assert_eq!(command.properties["title"], "duplicate-id");
    assert_eq!(
        command.data,
        "duplicate id `t1`\nplans/a,b:c.plan:1:6: first declared here\nhelp: rename one of them"
    );
}

#[test]
fn vietnamese_messages_and_unreadable_paths() {
    let sources = one_file("a.plan", "owner a \"A\"\n");
    let d = Diagnostic::new(
        Code::UnusedOwner,
        Span::new(FileId(0), 6, 7),
        text!(
            "owner `a` is never referenced",
            "cơ quan `a` không được giao việc nào"
        ),
    )
    .with_help(text!("remove it", "hãy xóa nó"));
    let unreadable = [Unreadable::new(
        Path::new("plans/x.plan"),
        text!("it is a folder", "đây là một thư mục"),
    )];
    let out = to_github(&[d], &sources, &unreadable, Lang::Vi);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=plans/x.plan,title=không đọc được::không đọc được plans/x.plan: đây là một thư mục",
            "::warning file=a.plan,line=1,col=7,endLine=1,endColumn=8,title=unused-owner::cơ quan `a` không được \
             giao việc nào%0Agợi ý: hãy xóa nó",
        ]
    );
}

#[test]
fn long_label_lists_are_bounded() {
    let text = "x".repeat(100);
    let sources = one_file("a.plan", &text);
    let mut d = Diagnostic::new(
        Code::DependencyCycle,
        Span::new(FileId(0), 0, 1),
        text!("cycle", "vòng"),
    );
    for i in 0..100_000 {
        d = d.with_other(
            Span::new(FileId(0), i % 100, i % 100 + 1),
            text!("edge {i}", "cạnh {i}"),
        );
    }
    let out = to_github(&[d], &sources, &[], Lang::En);
    let data = parse(out.trim_end()).unwrap().data;
    let lines: Vec<&str> = data.lines().collect();
    // The message, the first 5 and the last 3 labels as in the terminal, and a count of the others.
    assert_eq!(lines.len(), 1 + 5 + 1 + 3);
    assert_eq!(lines[1], "a.plan:1:1: edge 0");
    assert_eq!(
        lines[6],
        "… 99,992 more places not shown here: `--format json` lists every one"
    );
    assert_eq!(lines.last(), Some(&"a.plan:1:100: edge 99999"));
}

fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "::",
        ":",
        ",",
        "%",
        "%0A",
        "%25",
        "%3A",
        "=",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\u{1b}]0;x\u{7}",
        "\u{9b}",
        "\u{202e}",
        "##[add-mask]",
        "##[stop-commands]t",
        "::stop-commands::t",
        " ",
        "a",
        "ệ",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    /// Whatever a file name, a message, a label or a help holds, each diagnostic is one line that the runner reads
    /// as one annotation, with the place and the text it was given (hidden characters shown as escapes).
    #[test]
    fn any_text_reads_back_as_given(
        name in hostile(),
        message in hostile(),
        label in hostile(),
        help in hostile(),
    ) {
        let sources = one_file(&format!("p{name}.plan"), "owner a \"A\"\n");
        let d = Diagnostic::new(Code::UnusedOwner, Span::new(FileId(0), 6, 7), Text::new(message.clone(), message.clone()))
            .with_other(Span::new(FileId(0), 0, 5), Text::new(label.clone(), label.clone()))
            .with_help(Text::new(help.clone(), help.clone()));
        let out = to_github(&[d], &sources, &[], Lang::En);
        prop_assert!(out.ends_with('\n'));
        prop_assert!(!out.contains(|c: char| c != '\n' && escape::is_hidden(c)));
        let lines: Vec<&str> = out.lines().collect();
        prop_assert_eq!(lines.len(), 1);
        let command = parse(lines[0]).unwrap();
        prop_assert_eq!(command.name, "warning");
        let file = format!("p{name}.plan");
        let expected_file = escape::line(&file);
        prop_assert_eq!(&command.properties["file"], &*expected_file);
        prop_assert_eq!(&command.properties["line"], "1");
        prop_assert_eq!(&command.properties["col"], "7");
        prop_assert_eq!(&command.properties["title"], "unused-owner");
        let expected = format!(
            "{}\n{}:1:1: {}\nhelp: {}",
            escape::line(&message),
            escape::line(&file),
            escape::line(&label),
            escape::line(&help)
        );
        prop_assert_eq!(command.data, expected);
    }
}
