//! Files held in memory: the JavaScript API's `{ path: source }`.

use std::io;
use std::path::{Path, PathBuf};

use super::contain::{Root, is_plan, names_hidden};
use super::read::ReadError;
use super::{FileSystem, Found, Walk, display, normalize};

/// The folder in-memory files are held under: the folder the caller checks, shown as `.`. It is not `/`, where `..`
/// would stay at the top and a `use "../x.plan"` would seem to stay inside, as it does not on disk.
pub(super) const ROOT: &str = "/checked";

/// Files held in memory, keyed by normalised path under [`MemoryFileSystem::folder`].
#[derive(Clone, Debug, Default)]
pub struct MemoryFileSystem {
    /// Sorted by path, one entry per path (a sorted list is as quick as a map for the few files a caller gives, and
    /// the WebAssembly module then needs no B-tree for it).
    files: Vec<(PathBuf, String)>,
}

impl MemoryFileSystem {
    /// An empty file system: no files, and so no folders.
    pub fn new() -> MemoryFileSystem {
        MemoryFileSystem::default()
    }

    /// The folder the files are held under: `insert("a.plan", …)` holds it at `folder().join("a.plan")`, so an
    /// [`Input`](super::Input) for one of them, or for a folder of them, starts there.
    pub fn folder() -> &'static Path {
        Path::new(ROOT)
    }

    /// Holds `text` as the file at `path` under [`MemoryFileSystem::folder`] (`a.plan` and `/a.plan` are one file),
    /// replacing any text held there; the folders above it exist from then on. One file at a time costs a move of
    /// the files after it: many files are held at once with `collect` or `extend`.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        let path = held_at(path.as_ref());
        match self.find(&path) {
            Ok(at) => {
                if let Some((_, held)) = self.files.get_mut(at) {
                    *held = text.into();
                }
            }
            Err(at) => self.files.insert(at, (path, text.into())),
        }
    }

    /// Where `path` (normalised) is held, or where it would go.
    fn find(&self, path: &Path) -> Result<usize, usize> {
        self.files
            .binary_search_by(|(held, _)| held.as_path().cmp(path))
    }

    fn get(&self, path: &Path) -> Option<&str> {
        let at = self.find(&normalize(path)).ok()?;
        self.files.get(at).map(|(_, text)| text.as_str())
    }

    fn keys(&self) -> impl Iterator<Item = &PathBuf> {
        self.files.iter().map(|(path, _)| path)
    }

    /// The normalised paths of the files held, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.keys().map(PathBuf::as_path)
    }

    /// The text held for `path`.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.get(path)
    }
}

/// Where a caller's path is held: under [`ROOT`], normalised. `/a.plan` names the same file as `a.plan`: the
/// caller's paths are all under one folder.
fn held_at(path: &Path) -> PathBuf {
    normalize(&Path::new(ROOT).join(path.strip_prefix("/").unwrap_or(path)))
}

impl<P: AsRef<Path>, T: Into<String>> Extend<(P, T)> for MemoryFileSystem {
    /// Holds each file as [`MemoryFileSystem::insert`] does, a later one replacing an earlier one of the same path,
    /// in one sort rather than a move per file: a JavaScript object of 100 000 files given in reverse order takes
    /// as long as one given in order.
    fn extend<I: IntoIterator<Item = (P, T)>>(&mut self, files: I) {
        self.files.extend(
            files
                .into_iter()
                .map(|(path, text)| (held_at(path.as_ref()), text.into())),
        );
        // Stable: of two files with one path, the one given last is last.
        crate::sort::sort_by(&mut self.files, |a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(PathBuf, String)> = Vec::with_capacity(self.files.len());
        for file in self.files.drain(..) {
            match kept.last_mut() {
                Some(last) if last.0 == file.0 => *last = file,
                _ => kept.push(file),
            }
        }
        self.files = kept;
    }
}

impl<P: AsRef<Path>, T: Into<String>> FromIterator<(P, T)> for MemoryFileSystem {
    fn from_iter<I: IntoIterator<Item = (P, T)>>(files: I) -> MemoryFileSystem {
        let mut fs = MemoryFileSystem::new();
        fs.extend(files);
        fs
    }
}

impl FileSystem for MemoryFileSystem {
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        let text = self
            .get(path)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        Ok(text.as_bytes().to_vec())
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let path = normalize(path);
        if self.find(&path).is_ok() || self.is_dir(&path) {
            Ok(path)
        } else {
            Err(io::Error::from(io::ErrorKind::NotFound))
        }
    }

    fn is_dir(&self, path: &Path) -> bool {
        let path = normalize(path);
        // Paths compare component by component, so the files below a folder come together, right after any file
        // of the folder's own path (`a`, `a/b.plan`, `a/c/d.plan`, then `a-b.plan`): the first path past the folder's
        // is below it if any is.
        let after = self.files.partition_point(|(held, _)| *held <= path);
        self.files
            .get(after)
            .is_some_and(|(held, _)| held.starts_with(&path))
    }

    fn display_name(&self, path: &Path) -> String {
        match path.strip_prefix(ROOT) {
            Ok(below) if below.as_os_str().is_empty() => ".".to_string(),
            Ok(below) => display(below),
            Err(_) => display(path),
        }
    }

    fn walk(&self, dir: &Path, _root: &Root) -> Walk {
        let dir = normalize(dir);
        let files = self
            .keys()
            .filter(|p| is_plan(p))
            .filter(|p| p.strip_prefix(&dir).is_ok_and(|below| !names_hidden(below)))
            .map(|p| Found {
                path: p.clone(),
                real: p.clone(),
            })
            .collect();
        Walk {
            files,
            ..Walk::default()
        }
    }

    fn plan_names(&self, dir: &Path) -> Vec<String> {
        let dir = normalize(dir);
        self.keys()
            .filter(|p| p.parent() == Some(dir.as_path()) && is_plan(p) && !names_hidden(p))
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .collect()
    }
}
