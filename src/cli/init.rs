//! `kehoach init`: a starter repository of plans in an empty folder, checking clean at once.
//!
//! It writes a small provincial plan in Vietnamese with its agencies in a separate file (`use`), example progress
//! facts as text and as JSON, the GitHub Actions workflow of docs/ci/kehoach.yml (the same file, included here)
//! and a pre-commit configuration. The dates are those of one year, the current one unless `--year` says
//! otherwise, so that the weekly progress job judges a plan of this year. It writes only into a folder that is
//! new or empty (a `.git` aside, for a repository just made), each file through [`write_new`], which never
//! replaces anything, so nothing a team already has can be lost.

use std::io::Write;
use std::path::Path;

use super::exit;
use super::write::{WriteError, write_new};
use crate::diagnostics::{Lang, Text, escape};
use crate::text;
use crate::workspace::read::io_reason;

/// The workflow `init` writes, as documented in docs/CI.md.
const WORKFLOW: &str = include_str!("../../docs/ci/kehoach.yml");

/// What `init` writes, under the folder: path, contents (with `{{year}}` for the year), what it is.
fn files() -> [(&'static str, &'static str, Text); 6] {
    [
        (
            "plans/ke-hoach.plan",
            include_str!("init/ke-hoach.plan.in"),
            text!(
                "the plan, which uses its agencies file",
                "kế hoạch, dùng tệp cơ quan bằng `use`"
            ),
        ),
        (
            "plans/agencies.plan",
            include_str!("init/agencies.plan.in"),
            text!("the agencies of the plan", "các cơ quan của kế hoạch"),
        ),
        (
            "plans/ke-hoach.facts",
            include_str!("init/ke-hoach.facts.in"),
            text!(
                "progress reported for the first quarter (made up)",
                "tiến độ báo cáo quý I (số liệu giả định)"
            ),
        ),
        (
            "plans/ke-hoach.facts.json",
            include_str!("init/ke-hoach.facts.json.in"),
            text!(
                "the same facts as JSON, as a web form posts them",
                "cùng dữ kiện ở dạng JSON, như biểu mẫu web gửi lên"
            ),
        ),
        (
            ".github/workflows/kehoach.yml",
            WORKFLOW,
            text!(
                "checks on pull requests and progress every Monday; fill in how to install kehoach at its top",
                "kiểm tra mỗi pull request và tiến độ mỗi thứ Hai; điền cách cài kehoach ở đầu tệp"
            ),
        ),
        (
            ".pre-commit-config.yaml",
            include_str!("init/pre-commit-config.yaml"),
            text!(
                "pre-commit hooks that check and format plans before each commit",
                "hook pre-commit kiểm tra và định dạng kế hoạch trước mỗi lần commit"
            ),
        ),
    ]
}

/// The years `--year` takes: four digits, as deadlines are written.
pub const YEARS: std::ops::RangeInclusive<i64> = 1000..=9999;

/// The year by the system clock (UTC).
pub fn current_year() -> i32 {
    use chrono::Datelike;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    chrono::DateTime::from_timestamp(seconds, 0).map_or(2000, |t| t.year())
}

/// The starter's files for `year`, as (path under the folder, contents).
fn starter(year: i32) -> Vec<(&'static str, String)> {
    files()
        .into_iter()
        .map(|(path, template, _)| (path, template.replace("{{year}}", &year.to_string())))
        .collect()
}

/// Writes the starter into `dir` (created if missing); returns the exit status.
pub fn run_init(dir: &Path, year: i32, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let shown = escape::line(&dir.to_string_lossy()).into_owned();
    if let Err(reason) = ready(dir) {
        let (en, vi) = (reason.en, reason.vi);
        return fail(
            err,
            lang,
            text!(
                "cannot write a starter into `{shown}`: {en}",
                "không tạo được kế hoạch mẫu trong `{shown}`: {vi}"
            ),
        );
    }
    let descriptions = files().map(|(_, _, what)| what);
    let mut written = Vec::new();
    for (path, text) in starter(year) {
        let target = dir.join(path);
        let result = match target.parent() {
            Some(parent) => std::fs::create_dir_all(parent).map_err(WriteError::Io),
            None => Ok(()),
        }
        .and_then(|()| write_new(&target, &text));
        let target = escape::line(&target.to_string_lossy()).into_owned();
        if let Err(e) = result {
            let Text { en, vi } = e.reason();
            return fail(
                err,
                lang,
                text!(
                    "cannot write {target}: {en}",
                    "không ghi được {target}: {vi}"
                ),
            );
        }
        written.push(target);
    }
    let width = written.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    for (target, what) in written.iter().zip(&descriptions) {
        let _ = writeln!(out, "{target:<width$}  {}", what.get(lang));
    }
    let folder = shell_word(&shown);
    let plan = shell_word(&escape::line(
        &dir.join("plans/ke-hoach.plan").to_string_lossy(),
    ));
    let facts = shell_word(&escape::line(
        &dir.join("plans/ke-hoach.facts").to_string_lossy(),
    ));
    let next = match lang {
        Lang::En => "next",
        Lang::Vi => "tiếp theo",
    };
    let _ = writeln!(
        out,
        "\n{next}:\n  kehoach check {folder}\n  kehoach eval {plan} --facts {facts}"
    );
    exit::CLEAN
}

/// Writes `error: MESSAGE` and gives the exit status of a run that wrote nothing, or not all.
fn fail(err: &mut dyn Write, lang: Lang, message: Text) -> u8 {
    let _ = writeln!(err, "error: {}", message.get(lang));
    exit::USAGE
}

/// `s` as one word for a POSIX shell, to copy into a terminal: as it is when it holds nothing the shell reads,
/// else in single quotes.
fn shell_word(s: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./+,:@%".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Whether `dir` may take the starter: missing (it is created), or a folder holding nothing but a `.git`.
fn ready(dir: &Path) -> Result<(), Text> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return std::fs::create_dir_all(dir).map_err(|e| io_reason(&e));
        }
        Err(e) => return Err(io_reason(&e)),
        Ok(_) if !dir.is_dir() => {
            return Err(text!("it is not a folder", "đây không phải là thư mục"));
        }
        Ok(_) => {}
    }
    // The first few names are enough to say why; the rest are counted, not kept.
    let mut named = Vec::new();
    let mut others = 0usize;
    for entry in std::fs::read_dir(dir).map_err(|e| io_reason(&e))? {
        let name = entry.map_err(|e| io_reason(&e))?.file_name();
        if name == ".git" {
            continue;
        }
        others += 1;
        if named.len() < 3 {
            named.push(format!("`{}`", escape::line(&name.to_string_lossy())));
        }
    }
    if others == 0 {
        return Ok(());
    }
    named.sort();
    let named = named.join(", ");
    let (more_en, more_vi) = if others > 3 {
        (
            format!(" and {} more", others - 3),
            format!(" và {} mục khác", others - 3),
        )
    } else {
        (String::new(), String::new())
    };
    Err(text!(
        "the folder is not empty (it holds {named}{more_en}); `kehoach init` writes only into a new or empty folder, so that nothing in it is overwritten",
        "thư mục không trống (có {named}{more_vi}); `kehoach init` chỉ ghi vào thư mục mới hoặc trống, để không ghi đè lên gì"
    ))
}
