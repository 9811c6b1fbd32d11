//! Containment: which files a run may read. Everything a run reads lies inside its root — the folder named on the
//! command line, or the named file's folder — judged on real paths, after `..` and symbolic links, so no path
//! written in a plan and no link stored in git reaches a file outside it. Inside the root, only `.plan` files in
//! visible folders are read through `use` or a folder's walk: `.git/config` is inside a checkout, and a plan must not
//! be able to make kehoach quote it.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Text;
use crate::text;

/// The folder a run's files must stay inside.
#[derive(Clone, Debug)]
pub struct Root {
    /// The real path (symbolic links resolved): what containment is judged against.
    pub real: PathBuf,
    /// As the user named it, for messages.
    pub shown: String,
}

/// What a real path is expected to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect<'a> {
    /// A file named on the command line by this name: in no hidden folder below the root; hidden itself only if it
    /// was named so (a link `x.plan -> .env` is refused); a `.plan` file if it was named as one.
    NamedFile(&'a OsStr),
    /// A file reached through `use` or a folder's walk: a visible `.plan` file in visible folders.
    PlanFile,
    /// A folder reached through a folder's walk: visible, like every folder above it up to the root.
    Folder,
}

/// How a real path fails its expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// Outside the root.
    Outside,
    /// In (or itself) a hidden folder or file below the root.
    Hidden,
    /// Not a `.plan` file.
    NotPlan,
}

impl Escape {
    /// Why a symbolic link met in a folder's walk (or named on the command line) is not followed: what follows
    /// "cannot read LINK: ". The link's target is not named: it may say something of its own.
    pub(crate) fn link_reason(self, root: &Root) -> Text {
        let shown = &root.shown;
        match self {
            Escape::Outside => text!(
                "it is a symbolic link leading outside the checked folder `{shown}`, and is not followed",
                "đây là liên kết tượng trưng dẫn ra ngoài thư mục được kiểm tra `{shown}`, nên không được theo"
            ),
            Escape::Hidden => text!(
                "it is a symbolic link leading into a hidden folder or to a hidden file, and is not followed",
                "đây là liên kết tượng trưng dẫn vào thư mục ẩn hoặc tới tệp ẩn, nên không được theo"
            ),
            Escape::NotPlan => text!(
                "it is a symbolic link to a file that is not a `.plan` file, and is not followed",
                "đây là liên kết tượng trưng tới tệp không phải tệp `.plan`, nên không được theo"
            ),
        }
    }
}

/// Whether `real` (a real path) may be read by a run rooted at `root` (a real path).
pub fn judge(root: &Path, real: &Path, expect: Expect<'_>) -> Result<(), Escape> {
    let Ok(below) = real.strip_prefix(root) else {
        return Err(Escape::Outside);
    };
    let mut names: Vec<&OsStr> = Vec::new();
    for component in below.components() {
        match component {
            Component::Normal(name) => names.push(name),
            // A real path has no `.`, `..` or root below its prefix; anything else is not trusted.
            _ => return Err(Escape::Outside),
        }
    }
    let last = names.pop();
    if names.iter().any(|n| is_hidden(n)) {
        return Err(Escape::Hidden);
    }
    match (expect, last) {
        (Expect::NamedFile(named), Some(name)) => {
            if is_hidden(name) && name != named {
                Err(Escape::Hidden)
            } else if is_plan(Path::new(named)) && !is_plan(Path::new(name)) {
                Err(Escape::NotPlan)
            } else {
                Ok(())
            }
        }
        (Expect::NamedFile(_), None) => Ok(()),
        (Expect::Folder, None) => Ok(()),
        (_, Some(name)) if is_hidden(name) => Err(Escape::Hidden),
        (Expect::Folder, Some(_)) => Ok(()),
        (Expect::PlanFile, Some(name)) if is_plan(Path::new(name)) => Ok(()),
        (Expect::PlanFile, _) => Err(Escape::NotPlan),
    }
}

/// A name starting with `.`: `.git`, `.github`, `.env`. Folders' walks skip them and `use` may not name them.
pub fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A path whose file name ends in `.plan` (and is more than that).
pub(crate) fn is_plan(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "plan")
}

/// Whether a relative path written in a plan names a hidden file or folder (`.git/config`, `../.env/x.plan`).
pub(crate) fn names_hidden(path: &Path) -> bool {
    path.components().any(|c| match c {
        Component::Normal(name) => is_hidden(name),
        _ => false,
    })
}
