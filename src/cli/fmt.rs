//! `kehoach fmt [--check] [PATH...]`: formats plan files in place, or shows what would change.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::exit;
use super::write::replace_plan;
use crate::Source;
use crate::diagnostics::{Lang, Text, escape};
use crate::workspace::{Found, OsFileSystem, Unreadable, expand, read_bounded};

/// What became of one file.
enum Outcome {
    Unchanged,
    /// Formatted (or, with `--check`, would be).
    Changed,
    /// Syntax errors, or a formatter defect: reported and left untouched.
    Refused,
    /// Could not be read or written.
    Unreadable,
}

/// Formats the files (folders: every `.plan` file below; none: the current folder). With `check`, writes nothing:
/// prints a unified diff for each file that would change and lists them. Returns the exit status: 2 when a file
/// could not be read or written, else 1 when a file has syntax errors or (with `check`) would change, else 0.
pub fn run_fmt(
    paths: &[PathBuf],
    check: bool,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let (files, mut unreadable) = plan_files(paths, lang, err);
    let mut changed = Vec::new();
    let (mut unchanged, mut refused) = (0, 0);
    for file in &files {
        match fmt_file(file, check, lang, color, out, err) {
            Outcome::Unchanged => unchanged += 1,
            Outcome::Changed => changed.push(display(&file.path)),
            Outcome::Refused => refused += 1,
            Outcome::Unreadable => unreadable += 1,
        }
    }
    let summary = summary(check, &changed, unchanged, refused, lang);
    let written = if check && !changed.is_empty() {
        changed
            .iter()
            .try_for_each(|name| writeln!(out, "would reformat {name}"))
            .and_then(|()| writeln!(err, "{summary}"))
    } else {
        writeln!(err, "{summary}")
    };
    if written.is_err() || unreadable > 0 {
        exit::USAGE
    } else if refused > 0 || check && !changed.is_empty() {
        exit::FAILED
    } else {
        exit::CLEAN
    }
}

/// The files named, with folders expanded, each inside its root as `check` takes them (a symbolic link is
/// followed to its real file only when that stays inside the root); and how many paths could not be taken.
fn plan_files(paths: &[PathBuf], lang: Lang, err: &mut dyn Write) -> (Vec<Found>, usize) {
    let inputs = crate::project::inputs(paths);
    let mut files: Vec<Found> = Vec::new();
    let mut unreadable = 0;
    for input in &inputs {
        let expanded = expand(&OsFileSystem, input);
        for problem in &expanded.problems {
            let _ = writeln!(err, "error: {}", problem.message(lang));
        }
        unreadable += expanded.problems.len();
        files.extend(expanded.files);
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.real.clone()));
    (files, unreadable)
}

fn fmt_file(
    file: &Found,
    check: bool,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let name = display(&file.path);
    let contents = match read_bounded(&file.real) {
        Ok(contents) => contents,
        Err(e) => {
            let problem = Unreadable::new(&file.path, e.reason());
            let _ = writeln!(err, "error: {}", problem.message(lang));
            return Outcome::Unreadable;
        }
    };
    let read_as = contents.metadata;
    let text = match String::from_utf8(contents.bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let _ = writeln!(
                err,
                "error: {name} is not UTF-8 text (byte {at}); left as it is"
            );
            return Outcome::Refused;
        }
    };
    // Read through the bounded reader, so already within the size limit.
    let source = Source::bounded(name.clone(), text);
    let formatted = match crate::format(&source) {
        Ok(formatted) => formatted,
        Err(findings) => {
            let shown = findings.render(lang, color);
            let note = match lang {
                Lang::En => format!("{name} was not formatted: fix the errors above first"),
                Lang::Vi => format!("{name} chưa được định dạng: hãy sửa các lỗi trên trước"),
            };
            let _ = write!(err, "{shown}").and_then(|()| writeln!(err, "{note}"));
            return Outcome::Refused;
        }
    };
    let text = source.text();
    if formatted == text {
        return Outcome::Unchanged;
    }
    if check {
        let shown = format!("{name} (formatted)");
        return match super::diff::write_unified(out, text, &formatted, &name, &shown) {
            Ok(()) => Outcome::Changed,
            Err(_) => Outcome::Unreadable,
        };
    }
    match replace_plan(&file.real, &formatted, text.as_bytes(), &read_as) {
        Ok(()) => Outcome::Changed,
        Err(e) => {
            let _ = writeln!(err, "error: {}", cannot_write(&name, &e.reason(), lang));
            Outcome::Unreadable
        }
    }
}

/// `cannot write NAME: REASON; left as it was`.
fn cannot_write(name: &str, reason: &Text, lang: Lang) -> String {
    match lang {
        Lang::En => format!("cannot write {name}: {}; left as it was", reason.en),
        Lang::Vi => format!("không ghi được {name}: {}; tệp được giữ nguyên", reason.vi),
    }
}

fn summary(
    check: bool,
    changed: &[String],
    unchanged: usize,
    refused: usize,
    lang: Lang,
) -> String {
    let n = changed.len();
    let mut parts = match (lang, check) {
        (Lang::En, true) => vec![
            format!("{n} file{} would be reformatted", plural(n)),
            format!("{unchanged} already formatted"),
        ],
        (Lang::En, false) => vec![
            format!("formatted {n} file{}", plural(n)),
            format!("{unchanged} unchanged"),
        ],
        (Lang::Vi, true) => vec![
            format!("{n} tệp cần định dạng lại"),
            format!("{unchanged} tệp đã đúng định dạng"),
        ],
        (Lang::Vi, false) => vec![
            format!("đã định dạng {n} tệp"),
            format!("{unchanged} tệp không đổi"),
        ],
    };
    if refused > 0 {
        parts.push(match lang {
            Lang::En => format!("{refused} with errors, left as they are"),
            Lang::Vi => format!("{refused} tệp có lỗi, được giữ nguyên"),
        });
    }
    parts.join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A path as messages show it: `/` separators, no leading `./`, control characters escaped (a repository can
/// hold a file named with an escape sequence).
fn display(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    let shown = match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest,
        _ => &shown,
    };
    escape::line(shown).into_owned()
}
