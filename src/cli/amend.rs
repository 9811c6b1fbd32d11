//! `kehoach diff`: what an amendment changes in meaning, between two plans (files or folders) or between the plans
//! at a git revision and the work tree (`git`).
//!
//! Each side is loaded and checked as `kehoach check` would (a folder is its own root, a file's root its folder;
//! SECURITY.md), and its plans (units) are paired: by their root file's path under the path named, then by the
//! plan's number, then, when one plan is left on each side, with each other. A pair whose plans check without
//! errors is compared (`diff`); a plan with errors is not, and its errors are shown as `check` shows them. The
//! exit status is `check`'s on the new side (the proposal): 2 when a path cannot be read on either side or git
//! fails, 1 when the new side has an error; then 1 when `--deny` names a kind of change the amendment has; else 0.
//! Errors only on the old side do not fail the run: a pull request that fixes a broken plan must pass.

mod git;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::exit;
use crate::check::{Checked, check_workspace};
use crate::diagnostics::{Diagnostic, Lang, Text, escape};
use crate::diff::{Amendment, Deny, PlanDiff, PlanEntry, PlanStatus, diff, render};
use crate::hash::FxHashSet;
use crate::model::Model;
use crate::text;
use crate::workspace::{FileSystem, Input, MemoryFileSystem, OsFileSystem, Workspace, load};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    /// Text for people, grouped by section
    Human,
    /// Markdown for a pull-request comment
    Markdown,
    /// JSON (docs/diff.schema.json)
    Json,
}

/// What `kehoach diff` was asked.
#[derive(Clone, Debug)]
pub(crate) struct DiffArgs {
    /// `OLD NEW`; with `git`, the paths to compare (none: the current folder).
    pub paths: Vec<PathBuf>,
    /// A git revision to compare the work tree with.
    pub git: Option<String>,
    pub format: DiffFormat,
    /// Kinds of change that make the exit status 1 (`Deny` words).
    pub deny: Vec<String>,
    pub lang: Lang,
}

/// One side, loaded and checked.
struct Side {
    /// How the side is named in messages: a path, `origin/main`, the work tree.
    name: Text,
    workspace: Workspace,
    checked: Checked,
    /// The folder the plans' keys are relative to, as the side's file system names it.
    base: PathBuf,
}

fn load_side(fs: &dyn FileSystem, input: &Input, name: Text) -> Side {
    let workspace = load(fs, std::slice::from_ref(input));
    let folder = if fs.is_dir(&input.path) {
        &input.path
    } else {
        &input.root
    };
    let base = fs.canonicalize(folder).unwrap_or_default();
    let checked = check_workspace(&workspace);
    Side {
        name,
        workspace,
        checked,
        base,
    }
}

/// A plan of one side.
struct Plan<'s> {
    /// Its root file's path under the path named.
    key: String,
    /// As shown.
    shown: String,
    model: &'s Model,
    has_errors: bool,
}

fn plans_of(side: &Side) -> Vec<Plan<'_>> {
    let erroneous: FxHashSet<u32> = side
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.span.file.0)
        .collect();
    side.workspace
        .units
        .iter()
        .filter_map(|unit| {
            let model = side.checked.model_of(unit.root)?;
            let file = side.workspace.file(unit.root)?;
            let key = file
                .path
                .strip_prefix(&side.base)
                .unwrap_or(&file.path)
                .to_string_lossy()
                .replace('\\', "/");
            Some(Plan {
                key,
                shown: side.workspace.sources.name(unit.root).to_string(),
                model,
                has_errors: unit.files.iter().any(|f| erroneous.contains(&f.0)),
            })
        })
        .collect()
}

fn number(model: &Model) -> Option<&str> {
    model.plan.as_ref().map(|p| p.number.as_str())
}

/// Pairs the plans of two sides: by path, then by a number left unique on each side, then the last one left.
fn pair<'s>(old: Vec<Plan<'s>>, new: Vec<Plan<'s>>) -> Vec<(Option<Plan<'s>>, Option<Plan<'s>>)> {
    let mut old: Vec<Option<Plan<'s>>> = old.into_iter().map(Some).collect();
    let mut pairs: Vec<(Option<Plan<'s>>, Option<Plan<'s>>)> = Vec::new();
    let mut unpaired = Vec::new();
    for n in new {
        let found = old
            .iter_mut()
            .find(|o| o.as_ref().is_some_and(|o| o.key == n.key))
            .and_then(Option::take);
        match found {
            Some(o) => pairs.push((Some(o), Some(n))),
            None => unpaired.push(n),
        }
    }
    let mut left = Vec::new();
    for n in unpaired {
        let same_number =
            |p: &Plan<'_>| number(p.model).is_some() && number(p.model) == number(n.model);
        let old_matches = old.iter().flatten().filter(|o| same_number(o)).count();
        let found = if old_matches == 1 {
            old.iter_mut()
                .find(|o| o.as_ref().is_some_and(&same_number))
                .and_then(Option::take)
        } else {
            None
        };
        match found {
            Some(o) => pairs.push((Some(o), Some(n))),
            None => left.push(n),
        }
    }
    let mut old_left: Vec<Plan<'s>> = old.into_iter().flatten().collect();
    if let ([_], [_]) = (old_left.as_slice(), left.as_slice()) {
        pairs.push((old_left.pop(), left.pop()));
    }
    pairs.extend(left.into_iter().map(|n| (None, Some(n))));
    pairs.extend(old_left.into_iter().map(|o| (Some(o), None)));
    pairs
}

fn entry(old: Option<&Plan<'_>>, new: Option<&Plan<'_>>) -> PlanEntry {
    let plan = new
        .and_then(|n| number(n.model))
        .or_else(|| old.and_then(|o| number(o.model)))
        .map(str::to_string);
    let (status, diff) = match (old, new) {
        (Some(o), Some(n)) if o.has_errors || n.has_errors => {
            (PlanStatus::NotCompared, PlanDiff::default())
        }
        (Some(o), Some(n)) => {
            let d = diff(o.model, n.model);
            let status = if d.is_empty() {
                PlanStatus::Unchanged
            } else {
                PlanStatus::Changed
            };
            (status, d)
        }
        (None, _) => (PlanStatus::Added, PlanDiff::default()),
        (Some(_), None) => (PlanStatus::Removed, PlanDiff::default()),
    };
    PlanEntry {
        old: old.map(|o| o.shown.clone()),
        new: new.map(|n| n.shown.clone()),
        plan,
        status,
        diff,
    }
}

/// The sides to compare, one pair per path.
fn sides(args: &DiffArgs, err: &mut dyn Write) -> Result<Vec<(Side, Side)>, u8> {
    let Some(rev) = &args.git else {
        let [old, new] = args.paths.as_slice() else {
            let _ = writeln!(
                err,
                "error: `kehoach diff` compares two plans: `kehoach diff OLD NEW` (files or folders), or the plans at a git revision with the work tree: `kehoach diff --git REV [PATH...]`"
            );
            return Err(exit::USAGE);
        };
        let side = |path: &Path| {
            let shown = format!("`{}`", escape::line(&path.to_string_lossy()));
            load_side(
                &OsFileSystem,
                &Input::named(path),
                Text::new(shown.clone(), shown),
            )
        };
        return Ok(vec![(side(old), side(new))]);
    };
    if rev.starts_with('-') || rev.is_empty() {
        let _ = writeln!(err, "error: `--git {}`: not a revision", escape::line(rev));
        return Err(exit::USAGE);
    }
    let paths = crate::project::inputs(&args.paths);
    let mut pairs = Vec::new();
    for input in paths {
        let is_dir = input.path.is_dir();
        let dir = if is_dir { &input.path } else { &input.root };
        let fail = |message: String, err: &mut dyn Write| {
            let _ = writeln!(err, "error: {}", escape::line(&message));
            exit::USAGE
        };
        let tree = git::resolve(dir, rev).map_err(|m| fail(m, err))?;
        let shown_dir = dir.to_string_lossy();
        let shown_dir = shown_dir.strip_prefix("./").unwrap_or(&shown_dir);
        let revision = git::plans(dir, rev, &tree, shown_dir).map_err(|m| fail(m, err))?;
        let folder = MemoryFileSystem::folder();
        let old_input = if is_dir {
            Input {
                path: folder.to_path_buf(),
                root: folder.to_path_buf(),
            }
        } else {
            Input {
                path: folder.join(input.path.file_name().unwrap_or_default()),
                root: folder.to_path_buf(),
            }
        };
        let shown = format!("`{}`", escape::line(rev));
        let mut old = load_side(&revision.files, &old_input, Text::new(shown.clone(), shown));
        old.workspace.unreadable.extend(revision.unreadable);
        let new = load_side(
            &OsFileSystem,
            &input,
            text!("the work tree", "thư mục làm việc"),
        );
        pairs.push((old, new));
    }
    Ok(pairs)
}

/// Compares and writes the amendment; returns the exit status.
pub(crate) fn run_diff(
    args: &DiffArgs,
    color: bool,
    err_color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut deny = Vec::new();
    for word in &args.deny {
        match Deny::from_word(word) {
            Some(d) => deny.push(d),
            None => {
                let known: Vec<&str> = Deny::ALL.into_iter().map(Deny::as_str).collect();
                let _ = writeln!(
                    err,
                    "error: `--deny {}`: not a kind of change; the kinds are {}",
                    escape::line(word),
                    known.join(", ")
                );
                return exit::USAGE;
            }
        }
    }
    let sides = match sides(args, err) {
        Ok(sides) => sides,
        Err(status) => return status,
    };
    let mut status = exit::CLEAN;
    let mut entries = Vec::new();
    for (old, new) in &sides {
        for side in [old, new] {
            for problem in &side.workspace.unreadable {
                let _ = writeln!(err, "error: {}", escape::line(&problem.message(args.lang)));
                status = exit::USAGE;
            }
        }
        let (old_plans, new_plans) = (plans_of(old), plans_of(new));
        for (side, plans, fails) in [(old, &old_plans, false), (new, &new_plans, true)] {
            if plans.iter().any(|p| p.has_errors) {
                show_errors(side, args.lang, err_color, err);
                if fails && status == exit::CLEAN {
                    status = exit::FAILED;
                }
            }
        }
        for (o, n) in pair(old_plans, new_plans) {
            entries.push(entry(o.as_ref(), n.as_ref()));
        }
    }
    let amendment = Amendment::new(entries);
    let written = match args.format {
        DiffFormat::Human => write!(out, "{}", render::human(&amendment, args.lang, color)),
        DiffFormat::Markdown => write!(out, "{}", render::markdown(&amendment, args.lang)),
        DiffFormat::Json => super::check::write_json(out, &amendment),
    };
    if written.is_err() {
        return exit::USAGE;
    }
    let denied = amendment.denied(&deny);
    if !denied.is_empty() {
        let words: Vec<&str> = denied.into_iter().map(Deny::as_str).collect();
        let _ = match args.lang {
            Lang::En => writeln!(
                err,
                "denied: the amendment has changes `--deny` refuses: {}",
                words.join(", ")
            ),
            Lang::Vi => writeln!(
                err,
                "bị từ chối: bản điều chỉnh có thay đổi mà `--deny` không cho phép: {}",
                words.join(", ")
            ),
        };
        if status == exit::CLEAN {
            status = exit::FAILED;
        }
    }
    status
}

/// The errors of a side, as `kehoach check` shows them, after a line saying why they are shown.
fn show_errors(side: &Side, lang: Lang, color: bool, err: &mut dyn Write) {
    let errors: Vec<Diagnostic> = side
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let n = errors.len();
    let _ = match lang {
        Lang::En => writeln!(
            err,
            "error: the plans of {} have {n} error{}; a plan with errors is not compared",
            side.name.en,
            if n == 1 { "" } else { "s" }
        ),
        Lang::Vi => writeln!(
            err,
            "lỗi: kế hoạch của {} có {n} lỗi; kế hoạch có lỗi không được so sánh",
            side.name.vi
        ),
    };
    let _ = write!(
        err,
        "{}",
        crate::diagnostics::render(&errors, &side.workspace.sources, lang, color)
    );
}
