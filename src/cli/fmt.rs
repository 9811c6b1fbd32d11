//! `kehoach fmt [--check] [PATH...]`: formats plan files in place, or shows what would change.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::exit;
use crate::diagnostics::Lang;
use crate::source::{SourceFile, Sources};
use crate::workspace::{FileSystem, OsFileSystem};

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
    let (files, mut unreadable) = plan_files(paths, err);
    let mut changed = Vec::new();
    let (mut unchanged, mut refused) = (0, 0);
    for path in &files {
        match fmt_file(path, check, lang, color, out, err) {
            Outcome::Unchanged => unchanged += 1,
            Outcome::Changed => changed.push(display(path)),
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

/// The files named, with folders expanded; and how many paths could not be listed.
fn plan_files(paths: &[PathBuf], err: &mut dyn Write) -> (Vec<PathBuf>, usize) {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut files: Vec<PathBuf> = Vec::new();
    let mut unreadable = 0;
    for path in paths {
        if path.is_dir() {
            match OsFileSystem.plan_files(&path) {
                Ok(found) => files.extend(found),
                Err(e) => {
                    let _ = writeln!(err, "error: cannot read {}: {e}", display(&path));
                    unreadable += 1;
                }
            }
        } else {
            files.push(path);
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, unreadable)
}

fn fmt_file(
    path: &Path,
    check: bool,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let name = display(path);
    let text = match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let _ = writeln!(
                    err,
                    "error: {name} is not UTF-8 text (byte {at}); left as it is"
                );
                return Outcome::Refused;
            }
        },
        Err(e) => {
            let _ = writeln!(err, "error: cannot read {name}: {e}");
            return Outcome::Unreadable;
        }
    };
    let formatted = match crate::fmt::format(&text) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            let mut sources = Sources::new();
            sources.add(SourceFile::new(name.clone(), text));
            let shown = super::render_human(&diagnostics, &sources, lang, color);
            let note = match lang {
                Lang::En => format!("{name} was not formatted: fix the errors above first"),
                Lang::Vi => format!("{name} chưa được định dạng: hãy sửa các lỗi trên trước"),
            };
            let _ = write!(err, "{shown}").and_then(|()| writeln!(err, "{note}"));
            return Outcome::Refused;
        }
    };
    if formatted == text {
        return Outcome::Unchanged;
    }
    if check {
        let shown = format!("{name} (formatted)");
        return match super::diff::write_unified(out, &text, &formatted, &name, &shown) {
            Ok(()) => Outcome::Changed,
            Err(_) => Outcome::Unreadable,
        };
    }
    match write_atomically(path, &formatted) {
        Ok(()) => Outcome::Changed,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write {name}: {e}; left as it was");
            Outcome::Unreadable
        }
    }
}

/// Replaces the file's content all at once: writes a temporary file beside it, flushes it to disk, then renames
/// it over the file, so that a crash leaves either the old plan or the new one, never half of one. A symbolic
/// link is followed, and the file keeps its permissions.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy());
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(
            ".{name}.kehoach-{}-{attempt}.tmp",
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let result = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| match fs::metadata(&target) {
            Ok(meta) => fs::set_permissions(&temp, meta.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|()| fs::rename(&temp, &target));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
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

fn display(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => shown,
    }
}
