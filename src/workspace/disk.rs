//! The disk: bounded reads and the walk of a folder for its `.plan` files.
//!
//! The walk reads each folder once, by its real path, known from its parent's (a child's real path is the
//! parent's joined with its name unless it is a symbolic link): nothing is resolved from the top again, so the walk
//! is linear in the depth of the tree. It tells real folders apart by device and inode, read from the metadata
//! the walk needs anyway, so links making a cycle are visited once. It follows a symbolic link only when its real
//! path stays inside the root; a link that leaves it, a folder it cannot list, a dangling `.plan` link is reported
//! with the path as reached and the walk goes on.

use std::ffi::OsString;
use std::fs::{self, FileType, Metadata};
use std::io;
use std::path::{Path, PathBuf};

use super::contain::{Expect, Root, is_hidden, is_plan, judge};
use super::read::{ReadError, io_reason, read_bounded};
use super::{FileSystem, Found, Walk};
use crate::diagnostics::Text;
use crate::hash::FxHashSet as HashSet;
use crate::limits::MAX_FILES;

/// The disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct OsFileSystem;

impl FileSystem for OsFileSystem {
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        read_bounded(path).map(|contents| contents.bytes)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        fs::canonicalize(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn is_link(&self, path: &Path) -> bool {
        path.is_symlink()
    }

    fn walk(&self, dir: &Path, root: &Root) -> Walk {
        let mut walker = Walker {
            root,
            walk: Walk::default(),
            seen: HashSet::default(),
            pending: Vec::new(),
        };
        walker.run(dir);
        walker.walk.files.sort_by(|a, b| a.path.cmp(&b.path));
        walker.walk
    }

    fn plan_names(&self, dir: &Path) -> Vec<String> {
        let Ok(entries) = fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
            .map(|e| e.file_name())
            .filter(|n| !is_hidden(n) && is_plan(Path::new(n)))
            .filter_map(|n| n.into_string().ok())
            .collect();
        names.sort();
        names
    }
}

/// The identity of a real folder: device and inode.
#[cfg(unix)]
type Identity = (u64, u64);

#[cfg(unix)]
fn identity(metadata: &Metadata, _real: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

/// Without inodes, the real path.
#[cfg(not(unix))]
type Identity = PathBuf;

#[cfg(not(unix))]
fn identity(_metadata: &Metadata, real: &Path) -> Identity {
    real.to_path_buf()
}

struct Walker<'r> {
    root: &'r Root,
    walk: Walk,
    /// Real folders already listed or waiting to be.
    seen: HashSet<Identity>,
    /// Folders to list: the path as reached, the real path.
    pending: Vec<(PathBuf, PathBuf)>,
}

impl Walker<'_> {
    fn run(&mut self, dir: &Path) {
        self.walk.calls += calls_to_resolve(dir);
        let start = match fs::canonicalize(dir) {
            Ok(start) => start,
            Err(e) => return self.problem(dir, io_reason(&e)),
        };
        if let Err(escape) = judge(&self.root.real, &start, Expect::Folder) {
            return self.problem(dir, escape.link_reason(self.root));
        }
        self.walk.calls += 1;
        match fs::metadata(&start) {
            Ok(metadata) => {
                self.seen.insert(identity(&metadata, &start));
            }
            Err(e) => return self.problem(dir, io_reason(&e)),
        }
        self.pending.push((dir.to_path_buf(), start));
        while let Some((shown, real)) = self.pending.pop() {
            if !self.list(&shown, &real) {
                self.walk.truncated = true;
                return;
            }
        }
    }

    /// Lists one folder: its `.plan` files are found, its folders wait their turn (in name order). False when the
    /// walk found more files than a run may load, and stops.
    fn list(&mut self, shown: &Path, real: &Path) -> bool {
        self.walk.calls += 1;
        let entries = match fs::read_dir(real) {
            Ok(entries) => entries,
            Err(e) => {
                self.problem(shown, io_reason(&e));
                return true;
            }
        };
        let mut children: Vec<(OsString, FileType, fs::DirEntry)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.problem(shown, io_reason(&e));
                    break;
                }
            };
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            match entry.file_type() {
                Ok(kind) => children.push((name, kind, entry)),
                Err(e) => self.problem(&shown.join(&name), io_reason(&e)),
            }
        }
        children.sort_by(|a, b| a.0.cmp(&b.0));
        let mut folders = Vec::new();
        for (name, kind, entry) in children {
            let (shown, real) = (shown.join(&name), real.join(&name));
            if kind.is_dir() {
                // The metadata of an entry is read relative to the folder already open, not from the top.
                self.walk.calls += 1;
                match entry.metadata() {
                    Ok(metadata) => {
                        if self.seen.insert(identity(&metadata, &real)) {
                            folders.push((shown, real));
                        }
                    }
                    Err(e) => self.problem(&shown, io_reason(&e)),
                }
            } else if kind.is_symlink() {
                self.follow(shown, &real, &mut folders);
            } else if is_plan(Path::new(&name)) {
                // FIFOs, sockets and devices too: reading refuses them, with their path.
                self.walk.files.push(Found { path: shown, real });
            }
            if self.walk.files.len() > MAX_FILES {
                return false;
            }
        }
        self.pending.extend(folders.into_iter().rev());
        true
    }

    /// A symbolic link: followed to a folder or a `.plan` file whose real path stays inside the root (and out of
    /// hidden folders); any other link to a file is not a plan and is left alone.
    fn follow(&mut self, shown: PathBuf, real: &Path, folders: &mut Vec<(PathBuf, PathBuf)>) {
        let named_plan = is_plan(&shown);
        self.walk.calls += calls_to_resolve(real) + 1;
        let target = fs::canonicalize(real).and_then(|t| fs::metadata(&t).map(|m| (t, m)));
        let (target, metadata) = match target {
            Ok(found) => found,
            Err(e) => {
                // A dangling link named like a plan is a plan that cannot be read.
                if named_plan {
                    self.problem(&shown, io_reason(&e));
                }
                return;
            }
        };
        let expect = if metadata.is_dir() {
            Expect::Folder
        } else if named_plan {
            Expect::PlanFile
        } else {
            return;
        };
        if let Err(escape) = judge(&self.root.real, &target, expect) {
            return self.problem(&shown, escape.link_reason(self.root));
        }
        if metadata.is_dir() {
            if self.seen.insert(identity(&metadata, &target)) {
                folders.push((shown, target));
            }
        } else {
            self.walk.files.push(Found {
                path: shown,
                real: target,
            });
        }
    }

    fn problem(&mut self, path: &Path, reason: Text) {
        self.walk.problems.push((path.to_path_buf(), reason));
    }
}

/// Resolving a path to its real path (`realpath`) reads each of its components as a possible link.
fn calls_to_resolve(path: &Path) -> usize {
    path.components().count().max(1)
}
