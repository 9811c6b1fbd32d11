//! Which plan a call is about, and why there may be none to use.

use std::path::Path;
use std::sync::Arc;

use super::{Project, real_path};
use crate::diagnostics::Text;
use crate::model::Model;
use crate::text;

/// Why no plan could be picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickError {
    /// No file holds a plan.
    NoPlan,
    /// Several plans have a `plan` header and none was named: their numbers.
    Several(Vec<String>),
    /// No plan has the number or root file named: what was named, and the plans given (number, or file).
    NotFound {
        /// The number or file asked for.
        wanted: String,
        /// Each plan given: its number, or its root file's name when it has no header.
        given: Vec<String>,
    },
}

impl PickError {
    /// What went wrong, in both languages.
    pub fn message(&self) -> Text {
        match self {
            PickError::NoPlan => text!("no plan was given", "chưa có kế hoạch nào"),
            PickError::Several(numbers) => {
                let given = listed(numbers);
                text!(
                    "several plans were given: {given}",
                    "có nhiều kế hoạch: {given}"
                )
            }
            PickError::NotFound { wanted, .. } => text!(
                "no plan `{wanted}` among the given files",
                "không có kế hoạch `{wanted}` trong các tệp đã cho"
            ),
        }
    }

    /// What to do about it, in the JavaScript API's terms.
    pub fn help(&self) -> Text {
        match self {
            PickError::NoPlan => text!(
                "pass the text of a `.plan` file, or an object `{{ path: text }}`",
                "hãy truyền nội dung một tệp `.plan`, hoặc một đối tượng `{{ đường_dẫn: nội_dung }}`"
            ),
            PickError::Several(_) => text!(
                "name the one to use: `{{ plan: \"…\" }}` with its number or file",
                "hãy chỉ định kế hoạch cần dùng: `{{ plan: \"…\" }}` với số hiệu hoặc tên tệp"
            ),
            PickError::NotFound { given, .. } => {
                let given = listed(given);
                text!(
                    "the plans given are: {given}",
                    "các kế hoạch đã cho: {given}"
                )
            }
        }
    }
}

/// `` `a`, `b` ``.
fn listed(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a plan, or its facts, may not be used: nothing is evaluated, exported or turned into a form then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No plan fits what was asked.
    Pick(PickError),
    /// Files named could not be read.
    Unreadable {
        /// How many.
        files: usize,
    },
    /// The files have errors (a plan is only used when everything loaded with it is free of errors).
    PlanErrors {
        /// How many.
        errors: usize,
    },
    /// The facts could not be read at all (not even their header).
    FactsUnreadable,
    /// The facts have errors.
    FactsErrors {
        /// How many.
        errors: usize,
    },
    /// No day to evaluate at: the facts give no `as_of`, and none was asked for.
    NoDate,
    /// The facts were read against another plan.
    OtherPlan,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Pick(e) => f.write_str(&e.message().en),
            Refusal::Unreadable { files } => write!(f, "{files} file(s) could not be read"),
            Refusal::PlanErrors { errors } => write!(f, "the plan has {errors} error(s)"),
            Refusal::FactsUnreadable => f.write_str("the facts cannot be read"),
            Refusal::FactsErrors { errors } => write!(f, "the facts have {errors} error(s)"),
            Refusal::NoDate => f.write_str("the facts give no `as_of` date"),
            Refusal::OtherPlan => f.write_str("the facts were read against another plan"),
        }
    }
}

impl std::error::Error for Refusal {}

/// The plan `which` names (its number, or its root file: as named, or on disk the same real file), else the only
/// plan, else the only one with a `plan` header.
pub(super) fn pick<'p>(
    project: &'p Project,
    which: Option<&str>,
) -> Result<&'p Arc<Model>, PickError> {
    let models = &project.models;
    let number = |m: &Model| m.plan.as_ref().map(|p| p.number.clone());
    let file = |m: &Model| project.sources().name(m.root).to_string();
    if let Some(wanted) = which {
        let wanted_file = wanted.trim_start_matches("./").trim_start_matches('/');
        // On disk, a file named by another path to it (`../plans/x.plan`, an absolute path) is the same file.
        let real = project
            .on_disk
            .then(|| std::fs::canonicalize(Path::new(wanted)).ok())
            .flatten();
        let is_wanted = |m: &&Arc<Model>| {
            number(m).as_deref() == Some(wanted)
                || file(m) == wanted_file
                || real.is_some() && real_path(project, m.root) == real.as_ref()
        };
        return models
            .iter()
            .find(is_wanted)
            .ok_or_else(|| PickError::NotFound {
                wanted: wanted.to_string(),
                given: models
                    .iter()
                    .map(|m| number(m).unwrap_or_else(|| file(m)))
                    .collect(),
            });
    }
    let with_header: Vec<&Arc<Model>> = models.iter().filter(|m| m.plan.is_some()).collect();
    match (models.as_slice(), with_header.as_slice()) {
        ([only], _) => Ok(only),
        (_, [only]) => Ok(*only),
        ([], _) => Err(PickError::NoPlan),
        _ => Err(PickError::Several(
            with_header.iter().filter_map(|m| number(m)).collect(),
        )),
    }
}
