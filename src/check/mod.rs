//! Checking: a loaded [`Workspace`] to diagnostics and, for each plan, its resolved [`Model`].
//!
//! Each unit (a root file and the files it uses) is resolved into a [`Model`] by `resolve`; the checks then run
//! over the AST and the model. Every check reports everything it finds; nothing stops at the first error.

mod cycles;
mod deadlines;
mod derive;
mod duties;
mod expansion;
mod expr;
mod goals;
pub(crate) mod graph;
mod numbers;
mod owners;
mod resolve;
mod titles;
mod written;

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Sink};
use crate::model::Model;
use crate::workspace::Workspace;
use written::Written;

/// What checking a workspace found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Every diagnostic, in reading order, each once.
    pub diagnostics: Vec<Diagnostic>,
    /// The resolved plan of each unit, by root file, shared with the reports evaluated from it.
    pub models: Vec<Arc<Model>>,
}

impl Checked {
    #[cfg(feature = "cli")]
    pub(crate) fn model_of(&self, root: crate::source::FileId) -> Option<&Arc<Model>> {
        self.models.iter().find(|m| m.root == root)
    }
}

/// Runs every check over every unit of the workspace.
pub fn check_workspace(workspace: &Workspace) -> Checked {
    let mut diagnostics = Sink::new();
    diagnostics.extend(workspace.diagnostics.iter().cloned());
    let mut models = Vec::new();
    for unit in &workspace.units {
        let mut model = resolve::resolve(workspace, unit, &mut diagnostics);
        expansion::bound(&mut model, &mut diagnostics);
        expansion::count_items(&model, &mut diagnostics);
        models.push(model);
    }
    let units: Vec<(&Model, Written<'_>)> = workspace
        .units
        .iter()
        .zip(&models)
        .map(|(unit, model)| (model, Written::new(workspace, unit)))
        .collect();
    for (model, written) in &units {
        cycles::check(model, written, &mut diagnostics);
        deadlines::check(model, written, &mut diagnostics);
        goals::check(model, written, &mut diagnostics);
        numbers::check(written, &mut diagnostics);
        owners::missing_lead(model, written, &mut diagnostics);
        owners::aliases(model, written, &mut diagnostics);
        titles::check(model, written, &mut diagnostics);
    }
    owners::unused(workspace, &units, &mut diagnostics);
    drop(units);
    Checked {
        diagnostics: diagnostics.finish(),
        models: models.into_iter().map(Arc::new).collect(),
    }
}
