//! Which facts files go with a folder's plans: `NAME.facts` and `NAME.facts.json` beside `NAME.plan` are that
//! plan's facts (the bundled plans' layout). `kehoach fmt` formats the text ones, `kehoach check` checks both
//! against their plan. Each is taken as a file named on the command line would be, inside the folder's root: a
//! symbolic link that leaves it, or leads into a hidden folder, is refused with its name.

use std::path::{Path, PathBuf};

use crate::workspace::{Found, Input, OsFileSystem, Unreadable, expand};

/// The ending of a plan's text facts file, after its stem.
pub(super) const TEXT: &str = ".facts";

/// The ending of a plan's JSON facts file (a web form's), after its stem.
pub(super) const JSON: &str = ".facts.json";

/// The facts files beside a plan found in a folder (`plans/x.plan` → `plans/x.facts`, `plans/x.facts.json`),
/// those that exist, with `endings` choosing which; and the problems of those that could not be taken.
pub(super) fn beside(plan: &Found, root: &Path, endings: &[&str]) -> (Vec<Found>, Vec<Unreadable>) {
    let (mut found, mut problems) = (Vec::new(), Vec::new());
    let (Some(stem), Some(dir)) = (plan.path.file_stem(), plan.path.parent()) else {
        return (found, problems);
    };
    for ending in endings {
        let mut name = stem.to_os_string();
        name.push(ending);
        // Shown as the walk shows the plan's folder: `x.facts`, not `./x.facts`.
        let path: PathBuf = if dir == Path::new(".") {
            PathBuf::from(&name)
        } else {
            dir.join(&name)
        };
        // `symlink_metadata`: a dangling link is still a facts file that cannot be read, and is said so.
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let input = Input {
            path,
            root: root.to_path_buf(),
        };
        let expanded = expand(&OsFileSystem, &input);
        found.extend(expanded.files);
        problems.extend(expanded.problems);
    }
    (found, problems)
}
