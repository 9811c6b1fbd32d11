//! Loading: the files of a run, the files they `use`, and the scopes ("units") they form.
//!
//! A unit is a root file and everything it brings in with `use`, transitively: one scope of ids. The roots are the
//! given files that no other loaded file uses, so `kehoach check plans` checks each plan with its agencies file,
//! and two provinces' plans in one folder do not collide. A `use` path is resolved relative to the using file;
//! cycles of `use` are harmless (each file is loaded once).
//!
//! Plans are untrusted (they come from pull requests), so nothing a run reads lies outside its root — the folder
//! named on the command line, or the named file's folder — and what `use` and a folder's walk read inside it is a
//! visible `.plan` file (`contain`). Every read is bounded and refuses what is not a regular file (`read`).
//!
//! File access goes through [`FileSystem`], so the same loader serves the disk ([`OsFileSystem`]) and the
//! `{ path: source }` maps of the JavaScript API ([`MemoryFileSystem`]).

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::ast;
use crate::diagnostics::{Code, Diagnostic, Lang, Text};
use crate::hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::limits::MAX_FILES;
use crate::parse;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::text;

mod contain;
mod disk;
mod memory;
pub mod read;

#[cfg(test)]
mod tests;

pub(crate) use contain::is_plan;
pub use contain::{Escape, Expect, Root, is_hidden, judge};
pub use disk::OsFileSystem;
pub use memory::MemoryFileSystem;
pub(crate) use read::io_reason;
pub use read::{Contents, ReadError, fits, read_bounded};

/// Where files come from.
pub trait FileSystem {
    /// The bytes of a regular file of at most [`MAX_FILE_BYTES`](crate::limits::MAX_FILE_BYTES), refusing anything
    /// else before reading it ([`read_bounded`] on disk).
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError>;
    /// The path with `.`/`..` and (on disk) symbolic links resolved; fails when it does not exist.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    /// Whether the path is a folder (on disk, following symbolic links); `false` when it does not exist.
    fn is_dir(&self, path: &Path) -> bool;
    /// Whether the path is itself a symbolic link.
    fn is_link(&self, _path: &Path) -> bool {
        false
    }
    /// The `.plan` files under a folder, recursively, sorted, skipping hidden files and folders and following
    /// symbolic links only inside `root`; what could not be walked is in [`Walk::problems`].
    fn walk(&self, dir: &Path, root: &Root) -> Walk;
    /// The names of the visible `.plan` files directly in a folder, for "did you mean".
    fn plan_names(&self, dir: &Path) -> Vec<String>;
    /// How a given path is shown in diagnostics.
    fn display_name(&self, path: &Path) -> String {
        display(path)
    }
}

/// What a folder's walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The `.plan` files found, sorted by path, at most as many as a run may load.
    pub files: Vec<Found>,
    /// Paths (as reached) that could not be walked or were not followed, and why: a folder that cannot be listed,
    /// a symbolic link leaving the root, a dangling `.plan` link.
    pub problems: Vec<(PathBuf, Text)>,
    /// The walk stopped after finding more `.plan` files than a run may load.
    pub truncated: bool,
    /// System calls made (resolving a path counts one per component): a test holds it linear in the tree's size.
    pub calls: usize,
}

/// A `.plan` file a walk found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// As reached from the folder walked: how it is shown.
    pub path: PathBuf,
    /// Its real path, inside the root.
    pub real: PathBuf,
}

/// `a/./b/../c` to `a/c`, without touching the disk. Leading `..` that would climb above the root are dropped
/// for absolute paths and kept for relative ones.
pub(crate) fn normalize(path: &Path) -> PathBuf {
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
    /// Its index in [`Workspace::files`] and in the [`Sources`] its spans point into.
    pub id: FileId,
    /// Canonical path: identifies the file.
    pub path: PathBuf,
    /// The syntax tree of every statement that parsed; a file with syntax errors keeps the others.
    pub ast: ast::File,
    /// Files this one brings in with `use`, in order.
    pub uses: Vec<FileId>,
    /// Whether parsing reported any error: checks that would only repeat it are skipped for its unit.
    pub has_syntax_errors: bool,
}

/// One scope of ids: a root file and the files it uses, root first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The file the unit starts from, whose `use`s bring the others in.
    pub root: FileId,
    /// The root, then the files it reaches by `use`; an id resolves among these files' declarations.
    pub files: Vec<FileId>,
}

/// Everything a run loaded.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The text of every file loaded, by [`FileId`].
    pub sources: Sources,
    /// Indexed by `FileId`.
    pub files: Vec<PlanFile>,
    /// The scopes of ids: one per root file.
    pub units: Vec<Unit>,
    /// Syntax errors and `use-not-found`.
    pub diagnostics: Vec<Diagnostic>,
    /// Given paths, or paths found in given folders, that could not be read or were refused (exit status 2 on the
    /// command line).
    pub unreadable: Vec<Unreadable>,
}

impl Workspace {
    /// The loaded file with this id; `None` for an id of another workspace.
    pub fn file(&self, id: FileId) -> Option<&PlanFile> {
        self.files.get(id.0 as usize)
    }
}

/// A path a run could not check: it cannot be read, is not a regular file, is a symbolic link leaving the root,
/// or lies past the file limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// As the user named or reached it.
    pub path: String,
    /// Why, in a few words.
    pub reason: Text,
    /// Its size in bytes, when it was refused for being over the size limit.
    pub too_large: Option<u64>,
}

impl Unreadable {
    /// `path` could not be checked because of `reason` (shown as the user named it).
    pub(crate) fn new(path: &Path, reason: Text) -> Unreadable {
        Unreadable {
            path: display(path),
            reason,
            too_large: None,
        }
    }

    /// Why reading `path` failed.
    pub(crate) fn of(path: &Path, error: &ReadError) -> Unreadable {
        Unreadable {
            too_large: match error {
                ReadError::TooLarge { bytes } => Some(*bytes),
                _ => None,
            },
            ..Unreadable::new(path, error.reason())
        }
    }

    /// `cannot read PATH: REASON`, as the command line prints it after `error: `.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("cannot read {}: {}", self.path, self.reason.en),
            Lang::Vi => format!("không đọc được {}: {}", self.path, self.reason.vi),
        }
    }
}

impl std::error::Error for Unreadable {}

/// `PATH: REASON`, in English.
impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason.en)
    }
}

/// A path to load and the folder that everything it leads to must stay inside: the folder named on the command
/// line, or the named file's folder.
#[derive(Clone, Debug)]
pub struct Input {
    /// The file or folder to load, as the user named it.
    pub path: PathBuf,
    /// The folder that no file loaded, walked or reached by `use` may be outside of.
    pub root: PathBuf,
}

impl Input {
    /// The input for a path named on the command line: a folder is its own root, a file's root is its folder.
    pub fn named(path: &Path) -> Input {
        let root = if path.is_dir() {
            path.to_path_buf()
        } else {
            match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
        Input {
            path: path.to_path_buf(),
            root,
        }
    }
}

/// Loads the given files (folders expand to their `.plan` files) and everything they use. Nothing outside each
/// input's root is read: not through `use` (`..`, an absolute path, a symbolic link), not through a folder's
/// walk, not through a named file that is a link leading out.
pub fn load(fs: &dyn FileSystem, inputs: &[Input]) -> Workspace {
    let mut loader = Loader {
        fs,
        ws: Workspace::default(),
        by_path: HashMap::default(),
        roots: Vec::new(),
        root_of: Vec::new(),
    };
    let mut given = Vec::new();
    'inputs: for input in inputs {
        let expanded = expand(fs, input);
        loader.ws.unreadable.extend(expanded.problems);
        let Some(root) = expanded.root else {
            continue;
        };
        let found = expanded.files;
        loader.roots.push(root);
        let root = loader.roots.len() - 1;
        for found in found {
            if loader.by_path.contains_key(&found.real) {
                continue;
            }
            if loader.ws.files.len() >= MAX_FILES {
                loader.refuse(
                    &found.path,
                    text!(
                        "a run checks at most {MAX_FILES} files; this one and any after it were left out",
                        "mỗi lần chạy kiểm tra tối đa {MAX_FILES} tệp; tệp này và các tệp sau nó bị bỏ qua"
                    ),
                );
                break 'inputs;
            }
            match loader.fs.read(&found.real) {
                Ok(bytes) => {
                    let name = loader.fs.display_name(&found.path);
                    given.push(loader.add(found.real, name, bytes, root));
                }
                Err(e) => loader.refuse(&found.path, e.reason()),
            }
        }
    }
    loader.resolve_uses();
    loader.ws.units = units(&loader.ws.files, &given);
    loader.ws
}

/// The files an input names, under its root.
#[derive(Debug, Default)]
pub struct Expanded {
    /// `None` when the root itself cannot be resolved.
    pub root: Option<Root>,
    /// A named file, or the `.plan` files a named folder's walk found.
    pub files: Vec<Found>,
    /// What could not be read or was not followed.
    pub problems: Vec<Unreadable>,
}

/// The files an input names: a folder's `.plan` files (see [`FileSystem::walk`]; at most
/// [`MAX_FILES`]), or the named file if its real path stays inside its root — a link `plans/x.plan` to
/// `../.git/config` is refused, naming the link and not its target.
pub fn expand(fs: &dyn FileSystem, input: &Input) -> Expanded {
    let mut expanded = Expanded::default();
    let root = match fs.canonicalize(&input.root) {
        Ok(real) => Root {
            real,
            shown: fs.display_name(&input.root),
        },
        Err(e) => {
            expanded
                .problems
                .push(Unreadable::new(&input.path, io_reason(&e)));
            return expanded;
        }
    };
    if fs.is_dir(&input.path) {
        if let Err(problem) = named_folder_link(fs, &input.path, &root) {
            expanded.problems.push(problem);
            return expanded;
        }
        let walk = fs.walk(&input.path, &root);
        expanded.problems.extend(
            walk.problems
                .into_iter()
                .map(|(path, reason)| Unreadable::new(&path, reason)),
        );
        expanded.files = walk.files;
        if walk.truncated {
            expanded.files.truncate(MAX_FILES);
            expanded.problems.push(Unreadable::new(
                &input.path,
                text!(
                    "it holds more than {MAX_FILES} `.plan` files, the most a run checks; the first {MAX_FILES} were taken",
                    "thư mục có hơn {MAX_FILES} tệp `.plan`, nhiều hơn mức tối đa một lần chạy kiểm tra; chỉ {MAX_FILES} tệp đầu được dùng"
                ),
            ));
        }
    } else {
        match named_file(fs, &input.path, &root) {
            Ok(found) => expanded.files.push(found),
            Err(problem) => expanded.problems.push(problem),
        }
    }
    expanded.root = Some(root);
    expanded
}

/// A folder named on the command line is its own root, but if it is itself a symbolic link (a pull request can
/// replace the folder CI checks with one), the link must lead inside the folder that holds it, as a named file's
/// must: `kehoach check plans` never walks `/` because `plans` became a link to it. The folders above the named one
/// are the user's own path (`/tmp` may be a link), not judged.
fn named_folder_link(fs: &dyn FileSystem, path: &Path, root: &Root) -> Result<(), Unreadable> {
    if !fs.is_link(path) {
        return Ok(());
    }
    let holder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let holder_real = fs
        .canonicalize(holder)
        .map_err(|e| Unreadable::new(path, io_reason(&e)))?;
    judge(&holder_real, &root.real, Expect::Folder).map_err(|_| {
        let shown = display(holder);
        Unreadable::new(
            path,
            text!(
                "it is a symbolic link to a folder outside `{shown}`, the folder that holds it; name the real folder instead",
                "đây là liên kết tượng trưng tới một thư mục nằm ngoài `{shown}`, thư mục chứa nó; hãy chỉ ra thư mục thật"
            ),
        )
    })
}

/// A file named on the command line, if its real path stays inside `root`.
fn named_file(fs: &dyn FileSystem, path: &Path, root: &Root) -> Result<Found, Unreadable> {
    let real = fs
        .canonicalize(path)
        .map_err(|e| Unreadable::new(path, io_reason(&e)))?;
    let name = path.file_name().unwrap_or_default();
    judge(&root.real, &real, Expect::NamedFile(name))
        .map_err(|escape| Unreadable::new(path, escape.link_reason(root)))?;
    Ok(Found {
        path: path.to_path_buf(),
        real,
    })
}

/// Reads a file named on the command line that is not a plan (facts): from disk, inside its own folder (a link
/// leading out of it is refused), a regular file, at most [`MAX_FILE_BYTES`](crate::limits::MAX_FILE_BYTES).
pub(crate) fn read_named(path: &Path) -> Result<Contents, Unreadable> {
    let input = Input::named(path);
    let root = std::fs::canonicalize(&input.root)
        .map(|real| Root {
            real,
            shown: display(&input.root),
        })
        .map_err(|e| Unreadable::new(path, io_reason(&e)))?;
    let found = named_file(&OsFileSystem, path, &root)?;
    read_bounded(&found.real).map_err(|e| Unreadable::new(path, e.reason()))
}

/// Loads source texts given directly (the JavaScript API): every path in `fs`, all under one root.
pub fn load_memory(fs: &MemoryFileSystem) -> Workspace {
    let inputs: Vec<Input> = fs
        .paths()
        .map(|p| Input {
            path: p.to_path_buf(),
            root: PathBuf::from(memory::ROOT),
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

/// A path as diagnostics and messages show it: `/` separators, no leading `./`.
pub(crate) fn display(path: &Path) -> String {
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
    roots: Vec<Root>,
    /// Indexed by `FileId`: the index in `roots` of the root the file was loaded under.
    root_of: Vec<usize>,
}

impl Loader<'_> {
    fn refuse(&mut self, path: &Path, reason: Text) {
        self.ws.unreadable.push(Unreadable::new(path, reason));
    }

    fn add(&mut self, canonical: PathBuf, name: String, bytes: Vec<u8>, root: usize) -> FileId {
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
        self.root_of.push(root);
        id
    }

    /// Follows `use` declarations breadth-first until every reachable file is loaded.
    fn resolve_uses(&mut self) {
        let mut next = 0;
        while next < self.ws.files.len() {
            let id = FileId(u32::try_from(next).unwrap_or(u32::MAX));
            let root = self.root_of.get(next).copied().unwrap_or_default();
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
            let name = self.ws.sources.name(id).to_string();
            for u in uses {
                if let Some(target) = self.resolve_use(&u, &here, &name, root) {
                    if let Some(file) = self.ws.files.get_mut(id.0 as usize) {
                        file.uses.push(target);
                    }
                }
            }
        }
    }

    /// The file a `use` brings in: a visible `.plan` file whose path, written relative to the using file's folder
    /// and then resolved through any symbolic link, stays inside the root. Everything else is `use-not-found`,
    /// said without reading the file, and without telling whether a file outside the root exists.
    fn resolve_use(
        &mut self,
        u: &ast::Use,
        here: &Path,
        here_name: &str,
        root_index: usize,
    ) -> Option<FileId> {
        let root = self.roots.get(root_index)?.clone();
        let written = Path::new(&u.path.value);
        let shown = u.path.value.clone();
        let root_shown = root.shown.clone();
        let not_found = |reason: Text, help: Text| {
            Diagnostic::new(Code::UseNotFound, u.path.span, reason)
                .with_label(text!("used here", "dùng ở đây"))
                .with_help(help)
        };
        let refuse = |this: &mut Self, reason: Text, help: Text| {
            this.ws.diagnostics.push(not_found(reason, help));
            None
        };
        if written.is_absolute() || written.has_root() {
            return refuse(
                self,
                text!(
                    "`use` takes a path relative to this file, not `{shown}`",
                    "`use` nhận đường dẫn tương đối so với tệp này, không phải `{shown}`"
                ),
                text!(
                    "write the path from this file's folder, e.g. `use \"agencies.plan\"`",
                    "viết đường dẫn tính từ thư mục của tệp này, ví dụ `use \"agencies.plan\"`"
                ),
            );
        }
        if !is_plan(written) {
            return refuse(
                self,
                text!(
                    "`{shown}` is not a `.plan` file",
                    "`{shown}` không phải tệp `.plan`"
                ),
                text!(
                    "`use` brings in the declarations of another plan: write the path of a `.plan` file inside `{root_shown}`, e.g. `use \"agencies.plan\"`",
                    "`use` đưa vào các khai báo của một kế hoạch khác: hãy viết đường dẫn của một tệp `.plan` trong `{root_shown}`, ví dụ `use \"agencies.plan\"`"
                ),
            );
        }
        if contain::names_hidden(written) {
            return refuse(
                self,
                text!(
                    "`{shown}` is in a hidden folder or is a hidden file",
                    "`{shown}` nằm trong thư mục ẩn hoặc là tệp ẩn"
                ),
                text!(
                    "files and folders whose names start with `.` are never read; move the plan to a visible folder inside `{root_shown}` and write its path",
                    "tệp và thư mục có tên bắt đầu bằng `.` không bao giờ được đọc; hãy chuyển kế hoạch vào một thư mục thường trong `{root_shown}` và viết đường dẫn tới nó"
                ),
            );
        }
        let outside_help = text!(
            "plans may only use files inside `{root_shown}`; copy the file there or check from a folder that holds both",
            "kế hoạch chỉ được dùng các tệp trong `{root_shown}`; hãy chép tệp vào đó hoặc kiểm tra từ thư mục chứa cả hai"
        );
        let dir = here.parent().unwrap_or(Path::new(""));
        let wanted = normalize(&dir.join(written));
        if !wanted.starts_with(&root.real) {
            return refuse(
                self,
                text!(
                    "`{shown}` is outside the checked folder `{root_shown}`",
                    "`{shown}` nằm ngoài thư mục được kiểm tra `{root_shown}`"
                ),
                outside_help,
            );
        }
        let real = match self.fs.canonicalize(&wanted) {
            Ok(real) => real,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let help = match self.nearest_plan(dir, written, &root) {
                    Some(near) => text!(
                        "did you mean `{near}`? the path is relative to this file's folder",
                        "có phải ý bạn là `{near}`? đường dẫn tính từ thư mục chứa tệp này"
                    ),
                    None => text!(
                        "the path is relative to this file's folder; check the file name and the folder",
                        "đường dẫn tính từ thư mục chứa tệp này; hãy kiểm tra tên tệp và thư mục"
                    ),
                };
                return refuse(
                    self,
                    text!("`{shown}` does not exist", "không tìm thấy tệp `{shown}`"),
                    help,
                );
            }
            Err(e) => return self.unreadable_use(u, &shown, &io_reason(&e), &root_shown),
        };
        match judge(&root.real, &real, Expect::PlanFile) {
            Ok(()) => {}
            Err(Escape::Outside) => {
                return refuse(
                    self,
                    text!(
                        "`{shown}` leads outside the checked folder `{root_shown}` through a symbolic link",
                        "`{shown}` dẫn ra ngoài thư mục được kiểm tra `{root_shown}` qua một liên kết tượng trưng"
                    ),
                    outside_help,
                );
            }
            Err(escape) => {
                let reason = escape.link_reason(&root);
                return self.unreadable_use(u, &shown, &reason, &root_shown);
            }
        }
        if let Some(&id) = self.by_path.get(&real) {
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
        match self.fs.read(&real) {
            Ok(bytes) => {
                let dir_name = Path::new(here_name).parent().unwrap_or(Path::new(""));
                let name = display(&normalize(&dir_name.join(written)));
                Some(self.add(real, name, bytes, root_index))
            }
            Err(e) => self.unreadable_use(u, &shown, &e.reason(), &root_shown),
        }
    }

    /// `use-not-found` for a file inside the root that cannot be read (or is a link into a hidden folder, or to a
    /// file that is not a plan).
    fn unreadable_use(
        &mut self,
        u: &ast::Use,
        shown: &str,
        reason: &Text,
        root_shown: &str,
    ) -> Option<FileId> {
        let (en, vi) = (&reason.en, &reason.vi);
        self.ws.diagnostics.push(
            Diagnostic::new(
                Code::UseNotFound,
                u.path.span,
                text!("`{shown}` cannot be read: {en}", "không đọc được `{shown}`: {vi}"),
            )
            .with_label(text!("used here", "dùng ở đây"))
            .with_help(text!(
                "`use` takes a regular `.plan` file inside `{root_shown}`; make `{shown}` one, or remove this `use`",
                "`use` nhận một tệp `.plan` thông thường trong `{root_shown}`; hãy sửa `{shown}` cho đúng như vậy, hoặc bỏ câu lệnh `use` này"
            )),
        );
        None
    }
}

impl Loader<'_> {
    /// The `.plan` file in the folder a `use` path points into whose name is closest to the one not found, written
    /// as the `use` path should be. Only a folder inside the root is looked into.
    fn nearest_plan(&self, dir: &Path, wanted: &Path, root: &Root) -> Option<String> {
        let folder = normalize(&dir.join(wanted)).parent()?.to_path_buf();
        let real = self.fs.canonicalize(&folder).ok()?;
        judge(&root.real, &real, Expect::Folder).ok()?;
        if !self.fs.is_dir(&real) {
            return None;
        }
        let names = self.fs.plan_names(&real);
        let name = wanted.file_name()?.to_str()?;
        let best = crate::fuzzy::best_match(name, names.iter().map(String::as_str))?;
        Some(display(&wanted.with_file_name(best)))
    }
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
