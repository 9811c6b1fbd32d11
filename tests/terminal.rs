//! Nothing raw reaches a terminal or a pull-request comment (issue 15, items 2 and 4): plans, facts and file names
//! carrying ESC sequences (OSC, CSI), BEL, a C1 control (U+009B) and a right-to-left override (U+202E), through
//! the real binary, in every output written for people and in the machine formats.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers outside the #[test] functions fail the test when the scratch folder or the output misbehaves"
)]

use std::path::PathBuf;
use std::process::Command;

/// What an attacker writes: retitle the terminal (OSC … BEL), clear it (CSI 2J), the same CSI as one C1
/// character, and a right-to-left override.
const ATTACK: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";

/// The same, as an ASCII-only JSON string body.
const ATTACK_JSON: &str = "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e";

/// Characters that must never reach a reader as they are (line feed and tab aside): C0, DEL, C1, and the bidi
/// controls. Written out here rather than taken from the library, so that the test holds it to the list.
fn hidden(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

#[track_caller]
fn assert_safe(what: &str, text: &str) {
    let raw = text.char_indices().find(|&(_, c)| hidden(c));
    assert!(
        raw.is_none(),
        "{what}: raw {raw:?} in:\n{}",
        text.escape_debug()
    );
}

/// In JSON, line breaks and indentation are JSON's own; nothing else hidden may appear raw.
#[track_caller]
fn assert_json_safe(what: &str, text: &str) -> serde_json::Value {
    assert_safe(what, text);
    let value = serde_json::from_str(text);
    assert!(value.is_ok(), "{what}: not JSON: {value:?}\n{text}");
    value.unwrap()
}

struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("kehoach-terminal-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch { dir }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Runs `kehoach` in the scratch folder: exit status, stdout, stderr.
    fn kehoach(&self, args: &[&str]) -> (i32, String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(args)
            .current_dir(&self.dir)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A plan that checks clean, with the attack in its number, title, an owner's name, a target's title, unit and
/// qualitative goal, a task's title and a comment.
fn clean_plan() -> String {
    format!(
        "plan \"KH-{ATTACK}\" {{
  title \"Kế hoạch {ATTACK}\"
  issued 2023-01-01
  period 2023
}}
// comment {ATTACK}
owner so_a \"Sở A {ATTACK}\"
target grdp \"GRDP {ATTACK}\" {{ unit \"%{ATTACK}\"; goal >= 9; lead so_a }}
target pci \"PCI\" {{ goal \"Nhóm {ATTACK}\"; lead so_a }}
task t1 \"Task {ATTACK}\" {{ lead so_a; due 2023-06 }}
task t2 \"Task 2\" {{ lead so_a; due 2023-12 }}
"
    )
}

/// Facts for [`clean_plan`], ASCII-only JSON, the attack in the plan's number and a cancelled task's reason.
fn clean_facts() -> String {
    format!(
        "{{\"plan\":\"KH-{ATTACK_JSON}\",\"as_of\":\"2023-09-30\",\"values\":{{\"grdp\":{{\"2023\":\"7\"}}}},\
         \"tasks\":{{\"t1\":{{\"cancelled\":\"lý do {ATTACK_JSON}\"}},\"t2\":{{\"progress\":50}}}},\
         \"assessments\":{{\"pci\":{{\"2023\":\"met\"}}}}}}"
    )
}

#[test]
fn check_shows_plans_and_file_names_with_escapes() {
    let scratch = Scratch::new("check");
    // In a string, a comment, an id (a syntax error, so the source line is shown) and the file's name.
    let plan = format!(
        "plan \"KH\" {{ issued 2023-01-01; period 2023 }}
owner so_a \"Sở A {ATTACK}\" // {ATTACK}
task t1 \"{ATTACK}\" {{ lead so_b }}
task t{ATTACK} \"x\" {{ lead so_a }}
"
    );
    scratch.write(&format!("p{ATTACK}.plan"), &plan);
    let (status, out, err) = scratch.kehoach(&["check", "."]);
    assert_eq!(status, 1, "{err}");
    assert_safe("check stdout", &out);
    assert_safe("check stderr", &err);
    insta::assert_snapshot!("check_human", err);

    for format in ["json", "sarif"] {
        let (_, out, err) = scratch.kehoach(&["check", ".", "--format", format]);
        assert_safe(format, &err);
        let value = assert_json_safe(format, &out);
        if format == "json" {
            // The file's name as it is, escaped only in the JSON text.
            assert_eq!(
                value[0]["file"].as_str(),
                Some(format!("p{ATTACK}.plan").as_str())
            );
            assert!(
                out.contains("\\u009b31m\\u202e"),
                "C1 and bidi as \\u escapes: {out}"
            );
        }
    }
}

#[test]
fn eval_shows_titles_and_facts_with_escapes_in_every_format() {
    let scratch = Scratch::new("eval");
    scratch.write("plan.plan", &clean_plan());
    scratch.write("facts.json", &clean_facts());
    let (status, _, err) = scratch.kehoach(&["check", "plan.plan"]);
    assert_eq!(status, 0, "{err}");
    for format in ["table", "markdown", "html"] {
        let (status, out, err) = scratch.kehoach(&[
            "eval",
            "plan.plan",
            "--facts",
            "facts.json",
            "--format",
            format,
        ]);
        assert_eq!(status, 0, "{format}: {err}");
        assert_safe(format, &out);
        assert_safe(format, &err);
        let shown = match format {
            "markdown" => "\\\\u{1b}\\]0;pwned\\\\u{7}",
            _ => "\\u{1b}]0;pwned\\u{7}",
        };
        assert!(out.contains(shown), "{format}: {out}");
        if format != "html" {
            insta::assert_snapshot!(format!("eval_{format}"), out);
        }
    }
    let (_, out, _) = scratch.kehoach(&[
        "eval",
        "plan.plan",
        "--facts",
        "facts.json",
        "--format",
        "json",
    ]);
    let value = assert_json_safe("eval json", &out);
    assert_eq!(
        value["tasks"][0]["cancelled"].as_str(),
        Some(format!("lý do {ATTACK}").as_str()),
        "{out}"
    );
    let (_, out, _) = scratch.kehoach(&["export", "plan.plan", "--to", "json"]);
    assert_json_safe("export json", &out);
}

#[test]
fn eval_shows_facts_diagnostics_with_escapes() {
    let scratch = Scratch::new("facts");
    scratch.write("plan.plan", &clean_plan());
    // An unknown task and an unknown key, both named with the attack.
    scratch.write(
        "facts.json",
        &format!(
            "{{\"plan\":\"KH-{ATTACK_JSON}\",\"as_of\":\"2023-09-30\",\
             \"tasks\":{{\"t{ATTACK_JSON}\":{{\"done\":\"2023-01-02\"}},\"t2\":{{\"{ATTACK_JSON}\":1}}}}}}"
        ),
    );
    let (status, out, err) = scratch.kehoach(&["eval", "plan.plan", "--facts", "facts.json"]);
    assert_eq!(status, 1, "{err}");
    assert_safe("eval stdout", &out);
    assert_safe("eval stderr", &err);
    insta::assert_snapshot!("eval_facts_diagnostics", err);
}

#[test]
fn markdown_shows_links_images_and_mentions_as_text() {
    let scratch = Scratch::new("markdown");
    let attack = "![x](http://evil/p.png) [y](http://e) @octocat #1 | a";
    let plan = format!(
        "plan \"KH\" {{ title \"{attack}\"; issued 2023-01-01; period 2023 }}
owner so_a \"A\"
target pci \"PCI\" {{ goal \"{attack}\"; lead so_a }}
task t1 \"T\" {{ lead so_a; due 2023-06 }}
"
    );
    scratch.write("plan.plan", &plan);
    let reason = attack.replace('"', "\\\"");
    scratch.write(
        "facts.json",
        &format!(
            "{{\"as_of\":\"2023-09-30\",\"tasks\":{{\"t1\":{{\"cancelled\":\"{reason} <b>x</b> www.evil.com a@b.c\"}}}}}}"
        ),
    );
    let (status, out, err) = scratch.kehoach(&[
        "eval",
        "plan.plan",
        "--facts",
        "facts.json",
        "--format",
        "markdown",
    ]);
    assert_eq!(status, 0, "{err}");
    for inert in [
        "\\!\\[x\\](http:&#8203;//evil/p.png)",
        "\\[y\\](http:&#8203;//e)",
        "@&#8203;octocat",
        "#&#8203;1",
        "\\| a",
        "&lt;b&gt;x&lt;/b&gt;",
        "www&#8203;.evil.com",
        "a@&#8203;b.c",
    ] {
        assert!(out.contains(inert), "{inert} in\n{out}");
    }
    // Every table row keeps its cells: the `|` of the text does not add one.
    for line in out
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("t1"))
    {
        assert_eq!(line.matches(" | ").count(), 3, "{line}");
    }
    insta::assert_snapshot!("markdown_inert", out);
}

#[test]
fn fmt_check_shows_the_diff_with_escapes() {
    let scratch = Scratch::new("fmt");
    scratch.write(
        &format!("p{ATTACK}.plan"),
        &format!("plan \"KH\" {{ issued 2023-01-01;   period 2023 }}\nowner   so_a  \"Sở A {ATTACK}\"   // {ATTACK}\n"),
    );
    let (status, out, err) = scratch.kehoach(&["fmt", "--check", "."]);
    assert_eq!(status, 1, "{err}");
    assert_safe("fmt stdout", &out);
    assert_safe("fmt stderr", &err);
    insta::assert_snapshot!("fmt_check_diff", out);
}

#[test]
fn error_lines_show_paths_and_arguments_with_escapes() {
    let scratch = Scratch::new("errors");
    let missing = format!("missing{ATTACK}.plan");
    for args in [
        vec!["check", missing.as_str()],
        vec!["eval", missing.as_str(), "--facts", missing.as_str()],
        vec!["export", missing.as_str(), "--to", "json"],
        vec!["explain", ATTACK],
        vec!["check", "--format", ATTACK],
        vec!["eval", "x.plan", "--facts", "f.json", "--as-of", ATTACK],
    ] {
        let (status, out, err) = scratch.kehoach(&args);
        assert_eq!(status, 2, "{args:?}: {err}");
        assert_safe("stdout", &out);
        assert_safe("stderr", &err);
        assert!(err.contains("\\u{"), "{args:?}: {err}");
    }
}

#[test]
fn the_path_of_a_fixture_is_shown_as_written() {
    // Plain names are left alone: escaping adds nothing to text without hidden characters.
    let scratch = Scratch::new("plain");
    scratch.write(
        "plan.plan",
        "plan \"KH\" { issued 2023-01-01; period 2023 }\ntask t \"T\" { lead x }\n",
    );
    let (_, _, err) = scratch.kehoach(&["check", "plan.plan"]);
    assert!(err.contains("╭─[plan.plan:2:19]"), "{err}");
    assert!(!err.contains('\\'), "{err}");
}

/// A pull request can quote GitHub's workflow commands in a plan, and CI logs show kehoach's human output: the
/// runner must not read them as commands (`::stop-commands::` would blind it, `::error` forge an annotation,
/// `##[…]` is its older syntax, taken anywhere in a line).
#[test]
fn workflow_commands_in_a_plan_are_not_commands_in_a_ci_log() {
    let scratch = Scratch::new("workflow");
    scratch.write(
        "plan.plan",
        "plan \"KH ##[group]x\" {\n  title \"::add-mask::y\"\n}\n::stop-commands::z\n",
    );
    scratch.write(
        "format.plan",
        "plan \"F\" { title \"##[error]a\" }\n  // ::error::b\n",
    );
    let (_, _, check) = scratch.kehoach(&["check", "plan.plan"]);
    let (_, fmt, _) = scratch.kehoach(&["fmt", "--check", "format.plan"]);
    for (what, text) in [("check", check), ("fmt --check", fmt)] {
        assert!(text.contains("##") || text.contains("::"), "{what}: {text}");
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::") && !line.contains("##["),
                "{what}: a workflow command in {line:?}"
            );
        }
    }
}
