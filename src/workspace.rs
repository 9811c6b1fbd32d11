//! Loading: the files of a run, the files they `use`, and the scopes ("units") they form.
//!
//! A unit is a root file and everything it brings in with `use`, transitively: one scope of ids. The roots are the
//! given files that no other loaded file uses, so `kehoach check plans` checks each plan with its agencies file,
//! and two provinces' plans in one folder do not collide. A `use` path is resolved relative to the using file and
//! must stay inside the checked root; cycles of `use` are harmless (each file is loaded once).
//!
//! File access goes through [`FileSystem`], so the same loader serves the disk ([`OsFileSystem`]) and the
//! `{ path: source }` maps of the JavaScript API ([`MemoryFileSystem`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::ast;
use crate::diagnostics::{Code, Diagnostic};
use crate::limits::{MAX_FILE_BYTES, MAX_FILES};
use crate::parse;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::text;

/// Where files come from.
pub trait FileSystem {
    /// The bytes of a file, refusing (with `InvalidData`) files over [`MAX_FILE_BYTES`] before reading them.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// The path with `.`/`..` and (on disk) symbolic links resolved; fails when it does not exist.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    fn is_dir(&self, path: &Path) -> bool;
    /// The `.plan` files under a folder, recursively, sorted; hidden folders are skipped.
    fn plan_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
    /// How a given path is shown in diagnostics.
    fn display_name(&self, path: &Path) -> String {
        display(path)
    }
}

/// The disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct OsFileSystem;

impl FileSystem for OsFileSystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let size = std::fs::metadata(path)?.len();
        if size > MAX_FILE_BYTES as u64 {
            return Err(too_large(size));
        }
        std::fs::read(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn plan_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        let mut seen = HashSet::new();
        while let Some(dir) = pending.pop() {
            // Symbolic links can make folder cycles; visit each real folder once.
            if !seen.insert(std::fs::canonicalize(&dir)?) {
                continue;
            }
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                let hidden = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'));
                if hidden {
                    continue;
                }
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "plan") {
                    found.push(path);
                }
            }
            if found.len() > MAX_FILES {
                break;
            }
        }
        found.sort();
        Ok(found)
    }
}

fn too_large(size: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{} MiB is over the {} MiB limit",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Files held in memory, keyed by normalised relative path: the JavaScript API's `{ path: source }`.
#[derive(Clone, Debug, Default)]
pub struct MemoryFileSystem {
    files: BTreeMap<PathBuf, String>,
}

impl MemoryFileSystem {
    pub fn new() -> MemoryFileSystem {
        MemoryFileSystem::default()
    }

    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        self.files.insert(
            normalize(Path::new("/").join(path.as_ref()).as_path()),
            text.into(),
        );
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }

    /// The text held for `path`.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.files.get(&normalize(path)).map(String::as_str)
    }
}

impl FileSystem for MemoryFileSystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let text = self
            .files
            .get(&normalize(path))
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        if text.len() > MAX_FILE_BYTES {
            return Err(too_large(text.len() as u64));
        }
        Ok(text.as_bytes().to_vec())
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let path = normalize(path);
        if self.files.contains_key(&path) || self.is_dir(&path) {
            Ok(path)
        } else {
            Err(io::Error::from(io::ErrorKind::NotFound))
        }
    }

    fn is_dir(&self, path: &Path) -> bool {
        let path = normalize(path);
        self.files
            .keys()
            .any(|p| p.starts_with(&path) && *p != path)
    }

    fn display_name(&self, path: &Path) -> String {
        display(path.strip_prefix("/").unwrap_or(path))
    }

    fn plan_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let dir = normalize(dir);
        Ok(self
            .files
            .keys()
            .filter(|p| p.starts_with(&dir) && p.extension().is_some_and(|e| e == "plan"))
            .cloned()
            .collect())
    }
}

/// `a/./b/../c` to `a/c`, without touching the disk. Leading `..` that would climb above the root are dropped
/// for absolute paths and kept for relative ones.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let can_pop = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if can_pop {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A loaded plan file.
#[derive(Clone, Debug)]
pub struct PlanFile {
    pub id: FileId,
    /// Canonical path: identifies the file.
    pub path: PathBuf,
    pub ast: ast::File,
    /// Files this one brings in with `use`, in order.
    pub uses: Vec<FileId>,
    /// Whether parsing reported any error: checks that would only repeat it are skipped for its unit.
    pub has_syntax_errors: bool,
}

/// One scope of ids: a root file and the files it uses, root first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub root: FileId,
    pub files: Vec<FileId>,
}

/// Everything a run loaded.
#[derive(Debug, Default)]
pub struct Workspace {
    pub sources: Sources,
    /// Indexed by `FileId`.
    pub files: Vec<PlanFile>,
    pub units: Vec<Unit>,
    /// Syntax errors and `use-not-found`.
    pub diagnostics: Vec<Diagnostic>,
    /// Given paths that could not be read at all (exit status 2 on the command line).
    pub unreadable: Vec<String>,
}

impl Workspace {
    pub fn file(&self, id: FileId) -> Option<&PlanFile> {
        self.files.get(id.0 as usize)
    }

    /// The unit whose root is `file`.
    pub fn unit_of(&self, file: FileId) -> Option<&Unit> {
        self.units.iter().find(|u| u.root == file)
    }
}

/// A path to load and the folder its `use`s must stay inside.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    pub root: PathBuf,
}

/// Loads the given files (folders expand to their `.plan` files) and everything they use.
pub fn load(fs: &dyn FileSystem, inputs: &[Input]) -> Workspace {
    let mut loader = Loader {
        fs,
        ws: Workspace::default(),
        by_path: HashMap::new(),
    };
    let mut given = Vec::new();
    for input in inputs {
        let paths = if fs.is_dir(&input.path) {
            match fs.plan_files(&input.path) {
                Ok(paths) => paths,
                Err(e) => {
                    loader
                        .ws
                        .unreadable
                        .push(format!("{}: {e}", display(&input.path)));
                    continue;
                }
            }
        } else {
            vec![input.path.clone()]
        };
        for path in paths {
            match loader.load_given(&path) {
                Ok(id) => given.push(id),
                Err(e) => loader
                    .ws
                    .unreadable
                    .push(format!("{}: {e}", display(&path))),
            }
        }
    }
    loader.resolve_uses(inputs);
    loader.ws.units = units(&loader.ws.files, &given);
    loader.ws
}

/// Loads source texts given directly (the JavaScript API): every path in `fs`, all under one root.
pub fn load_memory(fs: &MemoryFileSystem) -> Workspace {
    let inputs: Vec<Input> = fs
        .paths()
        .map(|p| Input {
            path: p.to_path_buf(),
            root: PathBuf::from("/"),
        })
        .collect();
    load(fs, &inputs)
}

/// Gives back what the parser's growing vectors over-allocated: the AST lives as long as the run, and a plan's
/// items, pushed one by one, otherwise keep up to half their room unused (a tenth of a large workspace's memory).
/// The recursion is bounded by the parser's nesting limit.
fn shrink_items(items: &mut Vec<ast::Item>) {
    items.shrink_to_fit();
    for item in items {
        match item {
            ast::Item::Section(s) => shrink_items(&mut s.items),
            ast::Item::Target(t) => shrink_target(t),
            _ => {}
        }
    }
}

fn shrink_target(target: &mut ast::Target) {
    target.parts.shrink_to_fit();
    target.notes.shrink_to_fit();
    for part in &mut target.parts {
        shrink_target(part);
    }
    if let Some(shares) = &mut target.shares {
        shares.parts.shrink_to_fit();
        for part in &mut shares.parts {
            shrink_target(part);
        }
    }
}

fn display(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => shown,
    }
}

struct Loader<'f> {
    fs: &'f dyn FileSystem,
    ws: Workspace,
    by_path: HashMap<PathBuf, FileId>,
}

impl Loader<'_> {
    fn load_given(&mut self, path: &Path) -> io::Result<FileId> {
        let canonical = self.fs.canonicalize(path)?;
        if let Some(&id) = self.by_path.get(&canonical) {
            return Ok(id);
        }
        let bytes = self.fs.read(&canonical)?;
        Ok(self.add(canonical, self.fs.display_name(path), bytes))
    }

    fn add(&mut self, canonical: PathBuf, name: String, bytes: Vec<u8>) -> FileId {
        // Taken by value: valid text becomes the source without a copy.
        let (text, bad_utf8) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(e.utf8_error().valid_up_to()),
            ),
        };
        let id = self.ws.sources.add(SourceFile::new(name, text));
        let text = self
            .ws
            .sources
            .get(id)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        let (ast, diagnostics) = match bad_utf8 {
            Some(at) => {
                let d = Diagnostic::new(
                    Code::Syntax,
                    Span::new(id, at, at + 1),
                    text!("the file is not UTF-8 text (byte {at})", "tệp không phải văn bản UTF-8 (byte {at})"),
                )
                .with_help(text!(
                    "save the plan as UTF-8 text; binary files and other encodings cannot be read",
                    "hãy lưu kế hoạch dưới dạng văn bản UTF-8; không đọc được tệp nhị phân hay bảng mã khác"
                ));
                (
                    ast::File {
                        file: id,
                        ..ast::File::default()
                    },
                    vec![d],
                )
            }
            None => parse::parse_plan(&text, id),
        };
        let mut ast = ast;
        shrink_items(&mut ast.items);
        let has_syntax_errors = diagnostics.iter().any(Diagnostic::is_error);
        self.ws.diagnostics.extend(diagnostics);
        self.ws.files.push(PlanFile {
            id,
            path: canonical.clone(),
            ast,
            uses: Vec::new(),
            has_syntax_errors,
        });
        self.by_path.insert(canonical, id);
        id
    }

    /// Follows `use` declarations breadth-first until every reachable file is loaded.
    fn resolve_uses(&mut self, inputs: &[Input]) {
        let mut next = 0;
        while next < self.ws.files.len() {
            let id = FileId(u32::try_from(next).unwrap_or(u32::MAX));
            next += 1;
            let Some(file) = self.ws.files.get(id.0 as usize) else {
                break;
            };
            let here = file.path.clone();
            let uses: Vec<ast::Use> = file
                .ast
                .items
                .iter()
                .filter_map(|i| match i {
                    ast::Item::Use(u) => Some(ast::Use::clone(u)),
                    _ => None,
                })
                .collect();
            let root = root_for(&here, inputs, self.fs);
            let name = self.ws.sources.name(id).to_string();
            for u in uses {
                if let Some(target) = self.resolve_use(&u, &here, &name, &root) {
                    if let Some(file) = self.ws.files.get_mut(id.0 as usize) {
                        file.uses.push(target);
                    }
                }
            }
        }
    }

    fn resolve_use(
        &mut self,
        u: &ast::Use,
        here: &Path,
        here_name: &str,
        root: &Path,
    ) -> Option<FileId> {
        let dir = here.parent().unwrap_or(Path::new(""));
        let wanted = normalize(&dir.join(&u.path.value));
        let not_found = |reason: crate::diagnostics::Text| {
            Diagnostic::new(Code::UseNotFound, u.path.span, reason)
                .with_label(text!("used here", "dùng ở đây"))
        };
        if Path::new(&u.path.value).is_absolute() {
            self.ws.diagnostics.push(
                not_found(text!(
                    "`use` takes a path relative to this file, not `{}`",
                    "`use` nhận đường dẫn tương đối so với tệp này, không phải `{}`",
                    u.path.value
                ))
                .with_help(text!(
                    "write the path from this file's folder, e.g. `use \"agencies.plan\"`",
                    "viết đường dẫn tính từ thư mục của tệp này, ví dụ `use \"agencies.plan\"`"
                )),
            );
            return None;
        }
        let canonical = match self.fs.canonicalize(&wanted) {
            Ok(c) => c,
            Err(_) => {
                let shown = u.path.value.clone();
                let help = match self.nearest_plan(dir, &shown) {
                    Some(near) => text!(
                        "did you mean `{near}`? the path is relative to this file's folder",
                        "có phải ý bạn là `{near}`? đường dẫn tính từ thư mục chứa tệp này"
                    ),
                    None => text!(
                        "the path is relative to this file's folder; check the file name and the folder",
                        "đường dẫn tính từ thư mục chứa tệp này; hãy kiểm tra tên tệp và thư mục"
                    ),
                };
                self.ws.diagnostics.push(
                    not_found(text!(
                        "`{shown}` does not exist",
                        "không tìm thấy tệp `{shown}`"
                    ))
                    .with_help(help),
                );
                return None;
            }
        };
        if !canonical.starts_with(root) {
            let shown = u.path.value.clone();
            self.ws.diagnostics.push(
                not_found(text!(
                    "`{shown}` is outside the checked folder",
                    "`{shown}` nằm ngoài thư mục được kiểm tra"
                ))
                .with_help(text!(
                    "plans may only use files inside `{}`; copy the file there or check from a folder that holds both",
                    "kế hoạch chỉ được dùng các tệp trong `{}`; hãy chép tệp vào đó hoặc kiểm tra từ thư mục chứa cả hai",
                    display(root)
                )),
            );
            return None;
        }
        if let Some(&id) = self.by_path.get(&canonical) {
            return Some(id);
        }
        if self.ws.files.len() >= MAX_FILES {
            self.ws.diagnostics.push(Diagnostic::new(
                Code::LimitExceeded,
                u.path.span,
                text!(
                    "too many files: the limit is {MAX_FILES}",
                    "quá nhiều tệp: giới hạn là {MAX_FILES}"
                ),
            ));
            return None;
        }
        match self.fs.read(&canonical) {
            Ok(bytes) => {
                let dir_name = Path::new(here_name).parent().unwrap_or(Path::new(""));
                let name = display(&normalize(&dir_name.join(&u.path.value)));
                Some(self.add(canonical, name, bytes))
            }
            Err(e) => {
                let (shown, reason) = (u.path.value.clone(), e.to_string());
                self.ws.diagnostics.push(not_found(text!(
                    "`{shown}` cannot be read: {reason}",
                    "không đọc được `{shown}`: {reason}"
                )));
                None
            }
        }
    }
}

impl Loader<'_> {
    /// The `.plan` file in the folder a `use` path points into whose name is closest to the one not found, written
    /// as the `use` path should be.
    fn nearest_plan(&self, dir: &Path, wanted: &str) -> Option<String> {
        let wanted = Path::new(wanted);
        let folder = normalize(&dir.join(wanted)).parent()?.to_path_buf();
        if !self.fs.is_dir(&folder) {
            return None;
        }
        let names: Vec<String> = self
            .fs
            .plan_files(&folder)
            .ok()?
            .iter()
            .filter(|p| p.parent() == Some(folder.as_path()))
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .collect();
        let name = wanted.file_name()?.to_str()?;
        let best = crate::fuzzy::best_match(name, names.iter().map(String::as_str))?;
        Some(display(&wanted.with_file_name(best)))
    }
}

/// The root folder for a loaded file: that of the first input containing it, else the folder of the file.
fn root_for(path: &Path, inputs: &[Input], fs: &dyn FileSystem) -> PathBuf {
    inputs
        .iter()
        .filter_map(|i| fs.canonicalize(&i.root).ok())
        .find(|root| path.starts_with(root))
        .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default())
}

/// Roots are the given files no loaded file uses; anything left unreached (a `use` cycle among given files)
/// becomes a root too. Each unit lists its files breadth-first from the root.
fn units(files: &[PlanFile], given: &[FileId]) -> Vec<Unit> {
    let used: HashSet<FileId> = files
        .iter()
        .flat_map(|f| f.uses.iter().copied().filter(move |&u| u != f.id))
        .collect();
    let mut roots: Vec<FileId> = Vec::new();
    for &id in given {
        if !used.contains(&id) && !roots.contains(&id) {
            roots.push(id);
        }
    }
    let closure = |root: FileId| -> Vec<FileId> {
        let mut order = vec![root];
        let mut seen: HashSet<FileId> = order.iter().copied().collect();
        let mut i = 0;
        while let Some(&id) = order.get(i) {
            i += 1;
            for &u in files
                .get(id.0 as usize)
                .map(|f| f.uses.as_slice())
                .unwrap_or(&[])
            {
                if seen.insert(u) {
                    order.push(u);
                }
            }
        }
        order
    };
    let mut units: Vec<Unit> = roots
        .iter()
        .map(|&r| Unit {
            root: r,
            files: closure(r),
        })
        .collect();
    let reached: HashSet<FileId> = units.iter().flat_map(|u| u.files.iter().copied()).collect();
    for &id in given {
        if !reached.contains(&id) && !units.iter().any(|u| u.files.contains(&id)) {
            units.push(Unit {
                root: id,
                files: closure(id),
            });
        }
    }
    units
}
