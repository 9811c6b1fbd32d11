//! The plans at a git revision, read through the `git` command into memory.
//!
//! Why the `git` command rather than a git library (`gix`): it is on every machine that has the repository (CI
//! runners, developers' machines), it reads every repository git itself can (worktrees, alternates, partial
//! clones, new object formats), and it adds no dependency to build (gix is a hundred crates). Only two read-only
//! commands run, with the revision passed after `--end-of-options` so that it is never taken for an option:
//! `git ls-tree` lists the folder's files at the revision with their sizes, and one `git cat-file --batch` reads
//! the blobs asked for.
//!
//! Containment is that of the disk (SECURITY.md): what is read is the visible `.plan` files under the folder
//! named (or the named file's folder), none in a hidden folder, each at most
//! [`MAX_FILE_BYTES`](crate::limits::MAX_FILE_BYTES) (refused by the size `ls-tree` gives, before reading) and at
//! most [`MAX_FILES`](crate::limits::MAX_FILES) of them. A symbolic link in the revision is not followed (it is
//! reported, as an unreadable path: the run did not compare everything) and a submodule is not entered. The files
//! are then loaded from memory ([`MemoryFileSystem`]), where a `use` climbing out of the folder is `use-not-found`
//! as on disk.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diagnostics::Text;
use crate::limits::{MAX_FILE_BYTES, MAX_FILES};
use crate::text;
use crate::workspace::{
    FileSystem, MemoryFileSystem, ReadError, Root, Unreadable, Walk, is_hidden, is_plan,
};

/// A file of the revision's tree: what `git ls-tree -r -l` says of it.
struct Entry {
    mode: String,
    kind: String,
    object: String,
    size: Option<u64>,
    /// Relative to the folder listed.
    path: PathBuf,
}

/// The plans under a folder at a revision, and what could not be read.
pub struct Revision {
    /// Files under [`MemoryFileSystem::folder`], named as `REV:path` in diagnostics.
    pub files: Shown,
    pub unreadable: Vec<Unreadable>,
}

/// Runs git in `dir` with `args`; its standard output, or the first line of what it said on failure.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        Err(said.lines().next().unwrap_or("git failed").to_string())
    }
}

/// The tree of `rev`, checked to be a revision: `origin/main`, a tag, a commit.
pub fn resolve(dir: &Path, rev: &str) -> Result<String, String> {
    let spec = format!("{rev}^{{tree}}");
    let out = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map_err(|_| format!("`{rev}` names no revision of the git repository here"))?;
    let tree = String::from_utf8_lossy(&out).trim().to_string();
    if tree.is_empty() || !tree.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "`{rev}` names no revision of the git repository here"
        ));
    }
    Ok(tree)
}

/// Everything under the working directory `dir` in `tree`.
fn list(dir: &Path, tree: &str) -> Result<Vec<Entry>, String> {
    let out = git(
        dir,
        &[
            "ls-tree",
            "-r",
            "-l",
            "-z",
            "--end-of-options",
            tree,
            "--",
            ".",
        ],
    )?;
    let mut entries = Vec::new();
    for record in out.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let text = String::from_utf8_lossy(record);
        let Some((meta, path)) = text.split_once('\t') else {
            continue;
        };
        let mut fields = meta.split_whitespace();
        let (Some(mode), Some(kind), Some(object), Some(size)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        entries.push(Entry {
            mode: mode.to_string(),
            kind: kind.to_string(),
            object: object.to_string(),
            size: size.parse().ok(),
            path: PathBuf::from(path),
        });
    }
    Ok(entries)
}

/// Whether a path below the folder lies in no hidden folder and is not hidden itself.
fn visible(path: &Path) -> bool {
    path.components().all(|c| !is_hidden(c.as_os_str()))
}

/// Reads the blobs `objects` with one `git cat-file --batch`, in order. A writer thread feeds the names while the
/// answers are read, so neither pipe fills up.
fn read_blobs(dir: &Path, objects: Vec<String>) -> Result<Vec<Vec<u8>>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err("cannot talk to git cat-file".to_string());
    };
    let count = objects.len();
    let writer = std::thread::spawn(move || {
        for object in objects {
            if writeln!(stdin, "{object}").is_err() {
                break;
            }
        }
    });
    let mut reader = BufReader::new(stdout);
    let mut blobs = Vec::with_capacity(count);
    for _ in 0..count {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| format!("cannot read from git cat-file: {e}"))?;
        // `<object> blob <size>`; anything else (`<object> missing`) is a failure.
        let size = match header.split_whitespace().collect::<Vec<_>>().as_slice() {
            [_, "blob", size] => size.parse::<u64>().ok(),
            _ => None,
        }
        .filter(|s| *s <= MAX_FILE_BYTES as u64)
        .ok_or_else(|| format!("git cat-file answered `{}`", header.trim()))?;
        let mut blob = Vec::new();
        (&mut reader)
            .take(size)
            .read_to_end(&mut blob)
            .map_err(|e| format!("cannot read from git cat-file: {e}"))?;
        let mut newline = [0u8; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|e| format!("cannot read from git cat-file: {e}"))?;
        blobs.push(blob);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(blobs)
}

/// The visible `.plan` files under `dir` (a folder of the work tree) at `tree`.
pub fn plans(dir: &Path, rev: &str, tree: &str, shown_dir: &str) -> Result<Revision, String> {
    let mut unreadable = Vec::new();
    let mut wanted = Vec::new();
    let shown = |path: &Path| shown_path(rev, shown_dir, path);
    for entry in list(dir, tree)? {
        if !is_plan(&entry.path) || !visible(&entry.path) {
            continue;
        }
        let refuse = |reason: Text| Unreadable {
            path: shown(&entry.path),
            reason,
            too_large: None,
        };
        match (entry.kind.as_str(), entry.mode.as_str()) {
            ("blob", "120000") => unreadable.push(refuse(text!(
                "it is a symbolic link in the revision, which is not followed",
                "đây là liên kết tượng trưng trong phiên bản, không được đi theo"
            ))),
            ("blob", _) => match entry.size {
                Some(bytes) if bytes > MAX_FILE_BYTES as u64 => {
                    unreadable.push(Unreadable {
                        too_large: Some(bytes),
                        ..refuse(ReadError::TooLarge { bytes }.reason())
                    });
                }
                _ if wanted.len() >= MAX_FILES => {
                    unreadable.push(refuse(text!(
                        "a run checks at most {MAX_FILES} files; this one and any after it were left out",
                        "mỗi lần chạy kiểm tra tối đa {MAX_FILES} tệp; tệp này và các tệp sau nó bị bỏ qua"
                    )));
                    break;
                }
                _ => wanted.push(entry),
            },
            _ => {}
        }
    }
    let blobs = read_blobs(dir, wanted.iter().map(|e| e.object.clone()).collect())?;
    let mut texts = Vec::with_capacity(wanted.len());
    for (entry, blob) in wanted.iter().zip(blobs) {
        // Not UTF-8: the loader reports it, as for a file on disk.
        match String::from_utf8(blob) {
            Ok(text) => texts.push((&entry.path, text)),
            Err(_) => unreadable.push(Unreadable {
                path: shown(&entry.path),
                reason: text!("it is not UTF-8 text", "tệp không phải văn bản UTF-8"),
                too_large: None,
            }),
        }
    }
    Ok(Revision {
        files: Shown {
            files: texts.into_iter().collect(),
            rev: rev.to_string(),
            dir: shown_dir.to_string(),
        },
        unreadable,
    })
}

/// `origin/main:plans/x.plan`.
fn shown_path(rev: &str, dir: &str, path: &Path) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    if dir.is_empty() || dir == "." {
        format!("{rev}:{path}")
    } else {
        format!("{rev}:{}/{path}", dir.trim_end_matches('/'))
    }
}

/// The revision's files in memory, shown in diagnostics as `REV:path` (the path as the work tree's would be shown).
pub struct Shown {
    pub files: MemoryFileSystem,
    rev: String,
    dir: String,
}

impl FileSystem for Shown {
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        self.files.read(path)
    }

    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        self.files.canonicalize(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.files.is_dir(path)
    }

    fn walk(&self, dir: &Path, root: &Root) -> Walk {
        self.files.walk(dir, root)
    }

    fn plan_names(&self, dir: &Path) -> Vec<String> {
        self.files.plan_names(dir)
    }

    fn display_name(&self, path: &Path) -> String {
        match path.strip_prefix(MemoryFileSystem::folder()) {
            Ok(below) => shown_path(&self.rev, &self.dir, below),
            Err(_) => self.files.display_name(path),
        }
    }
}
