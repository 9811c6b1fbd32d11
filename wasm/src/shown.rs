//! A compiled plan's reports in JavaScript, one evaluation after another: only what changed crosses.
//!
//! A form evaluates its plan on every keystroke, and one keystroke changes a few items. Writing the whole report
//! as JSON and parsing it in JavaScript each time costs more than evaluating: a seed plan's report is 60–190 KiB,
//! mostly titles. So [`Shown`] keeps, per compiled plan:
//!
//! - the first report's items, for the model's keys of each item (ids, titles, goals: the same in every
//!   evaluation, see [`Varying`]);
//! - the previous report's items, and an encoding of each one's varying keys.
//!
//! The first evaluation crosses whole, as JSON, and its items are frozen and kept.
//!
//! Each later evaluation encodes every item's varying keys, compares them with the previous evaluation's, and sends, as
//! JSON, only the items that differ. In JavaScript an unchanged item is the previous report's object itself
//! (`previous.targets[i] === next.targets[i]`, so a page can redraw only what changed); a changed one is a fresh
//! object with the kept item's keys, in their order, and the new values assigned over them. Items are frozen
//! because they are shared, so nothing a caller does to one report reaches another. The report object, its lists,
//! `summary` and `plan` are fresh on every call. The plan's own diagnostics are frozen objects kept from the
//! first evaluation; the facts' follow them, fresh.

use js_sys::{Array, JSON, Object, Reflect};
use kehoach::diagnostics::json::JsonDiagnostic;
use kehoach::eval::Report;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::EvaluateResult;
use crate::varying::{EachItem, ITEM_LISTS, Varying, write_json};

#[wasm_bindgen]
extern "C" {
    /// `Object.assign(target, base, changes)`: one call per changed item.
    #[wasm_bindgen(js_namespace = Object, js_name = assign)]
    fn assign_over(target: &Object, base: &JsValue, changes: &JsValue) -> JsValue;
}

/// One list of items as last shown.
struct List {
    /// The first report's items: the model's keys come from these.
    kept: Array,
    /// The previous report's items, frozen.
    items: Array,
    /// Each previous item's varying keys in postcard's encoding, one after another, and where each one ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl List {
    fn previous(&self, ix: usize) -> Option<&[u8]> {
        let start = match ix.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.bytes.get(start..*self.ends.get(ix)?)
    }
}

/// Goes through an evaluation's items, keeping each one's encoding and gathering the JSON of those that changed.
///
/// Items are compared in postcard's encoding rather than in JSON: it is as exact (one encoding per value of a
/// type, so equal bytes are equal JSON), and writes neither keys nor escapes, so comparing every item costs a
/// fraction of writing it as JSON. Only the changed items are written as JSON.
struct Compare<'a> {
    /// The previous evaluation's lists; `None` for the first evaluation, whose items are only encoded.
    shown: Option<&'a [List]>,
    bytes: Vec<Vec<u8>>,
    ends: Vec<Vec<usize>>,
    /// A JSON array of the changed items' varying keys, without its `]`.
    changes: Vec<u8>,
    /// Each changed item's list and place.
    changed: Vec<(usize, u32)>,
    failed: bool,
}

impl<'a> Compare<'a> {
    /// Encodes each item of `report`, and writes those that differ from `shown`'s.
    fn items(report: &Report, shown: Option<&'a [List]>) -> Option<Compare<'a>> {
        let mut compare = Compare {
            shown,
            bytes: vec![Vec::new(); ITEM_LISTS.len()],
            ends: vec![Vec::new(); ITEM_LISTS.len()],
            changes: b"[".to_vec(),
            changed: Vec::new(),
            failed: false,
        };
        Varying(report).each_item(&mut compare);
        compare.changes.push(b']');
        (!compare.failed).then_some(compare)
    }
}

impl EachItem for Compare<'_> {
    fn item<T: Serialize>(&mut self, list: usize, item: &T) {
        let (Some(bytes), Some(ends)) = (self.bytes.get_mut(list), self.ends.get_mut(list)) else {
            self.failed = true;
            return;
        };
        let ix = ends.len();
        let start = bytes.len();
        match postcard::to_extend(item, std::mem::take(bytes)) {
            Ok(written) => *bytes = written,
            Err(_) => {
                self.failed = true;
                return;
            }
        }
        ends.push(bytes.len());
        let Some(shown) = self.shown else {
            return;
        };
        let previous = shown.get(list).and_then(|l| l.previous(ix));
        if previous.is_some() && previous == bytes.get(start..) {
            return;
        }
        if !self.changed.is_empty() {
            self.changes.push(b',');
        }
        let (Ok(()), Ok(ix)) = (write_json(item, &mut self.changes), u32::try_from(ix)) else {
            self.failed = true;
            return;
        };
        self.changed.push((list, ix));
    }
}

/// What a compiled plan last showed JavaScript.
pub struct Shown {
    lists: Vec<List>,
    /// The plan's own diagnostics, frozen; each evaluation's diagnostics start with them.
    plan_diagnostics: Array,
}

/// The parts of an evaluation that are written whole each time, in the report's order of keys: the item lists
/// ([`ITEM_LISTS`]) are `null` here and set from JavaScript; `notes` whole; `diagnostics` are the facts' only.
struct Whole<'r> {
    report: &'r Report,
    diagnostics: &'r [JsonDiagnostic],
}

impl Serialize for Whole<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = self.report;
        let mut map = serializer.serialize_struct("EvaluateResult", 7 + ITEM_LISTS.len())?;
        map.serialize_field("ok", &true)?;
        map.serialize_field("plan", &r.plan())?;
        map.serialize_field("as_of", &r.as_of)?;
        map.serialize_field("due_soon_days", &r.due_soon_days)?;
        map.serialize_field("summary", &r.summary)?;
        for list in ITEM_LISTS {
            map.serialize_field(list, &())?;
        }
        // The facts' notes are few and change with the facts: written whole, after the lists as in the report.
        map.serialize_field("notes", &r.notes().collect::<Vec<_>>())?;
        map.serialize_field("diagnostics", self.diagnostics)?;
        map.end()
    }
}

impl Shown {
    /// The report of `result` (an evaluation that gave one) in JavaScript, whole, with its items frozen, and what
    /// to keep for the next one; `None` if something about it cannot be read back, for the caller to show the
    /// whole result instead.
    pub fn first(result: &EvaluateResult, plan_diagnostics: usize) -> Option<(Shown, JsValue)> {
        let Compare { bytes, ends, .. } = Compare::items(result.report.as_ref()?, None)?;
        let mut json = Vec::new();
        write_json(result, &mut json).ok()?;
        let full = parse(std::str::from_utf8(&json).ok()?)?;
        let diagnostics: Array = Reflect::get(&full, &"diagnostics".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let plan_diagnostics = diagnostics.slice(0, u32::try_from(plan_diagnostics).ok()?);
        plan_diagnostics.for_each(&mut |d, _, _| freeze_deep(&d));
        let mut lists = Vec::with_capacity(ITEM_LISTS.len());
        for ((name, bytes), ends) in ITEM_LISTS.iter().zip(bytes).zip(ends) {
            let kept: Array = Reflect::get(&full, &(*name).into()).ok()?.dyn_into().ok()?;
            if kept.length() as usize != ends.len() {
                return None;
            }
            kept.for_each(&mut |item, _, _| freeze_deep(&item));
            Reflect::set(&full, &(*name).into(), &kept.slice(0, kept.length())).ok()?;
            lists.push(List {
                items: kept.clone(),
                kept,
                bytes,
                ends,
            });
        }
        let shown = Shown {
            lists,
            plan_diagnostics,
        };
        Some((shown, full))
    }

    /// The report of `result` in JavaScript, made from the previous one and what changed; `None` (and `self` to be
    /// dropped) if it does not fit what was kept.
    pub fn next(&mut self, result: &EvaluateResult) -> Option<JsValue> {
        let report: &Report = result.report.as_ref()?;
        let plan_diagnostics = self.plan_diagnostics.length() as usize;
        let Compare {
            bytes,
            ends,
            changes,
            changed,
            ..
        } = Compare::items(report, Some(&self.lists))?;
        let whole = Whole {
            report,
            diagnostics: result
                .diagnostics
                .get(plan_diagnostics..)
                .unwrap_or_default(),
        };
        let mut text = b"[".to_vec();
        write_json(&whole, &mut text).ok()?;
        text.push(b',');
        text.extend_from_slice(&changes);
        text.push(b']');
        let parsed: Array = parse(std::str::from_utf8(&text).ok()?)?.dyn_into().ok()?;
        let (whole, changes) = (parsed.get(0), parsed.get(1).dyn_into::<Array>().ok()?);
        // The new lists: the previous items, with the changed ones replaced.
        let mut lists: Vec<Array> = Vec::with_capacity(self.lists.len());
        for (list, ends) in self.lists.iter().zip(&ends) {
            if list.kept.length() as usize != ends.len() {
                return None;
            }
            lists.push(list.items.slice(0, list.items.length()));
        }
        for (k, &(list, ix)) in changed.iter().enumerate() {
            let (Some(shown), Some(items)) = (self.lists.get(list), lists.get(list)) else {
                return None;
            };
            let item = assign_over(&Object::new(), &shown.kept.get(ix), &changes.get(k as u32));
            freeze_deep(&item);
            items.set(ix, item);
        }
        // The report gets copies of the lists, so that a caller sorting one does not reorder the next report.
        for (name, items) in ITEM_LISTS.iter().zip(&lists) {
            Reflect::set(&whole, &(*name).into(), &items.slice(0, items.length())).ok()?;
        }
        let facts_diagnostics: Array = Reflect::get(&whole, &"diagnostics".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let diagnostics = self.plan_diagnostics.concat(&facts_diagnostics);
        Reflect::set(&whole, &"diagnostics".into(), &diagnostics).ok()?;
        for ((shown, items), (bytes, ends)) in self
            .lists
            .iter_mut()
            .zip(lists)
            .zip(bytes.into_iter().zip(ends))
        {
            shown.items = items;
            shown.bytes = bytes;
            shown.ends = ends;
        }
        Some(whole)
    }
}

fn parse(json: &str) -> Option<JsValue> {
    JSON::parse(json).ok()
}

/// Freezes an object or array and everything in it.
fn freeze_deep(value: &JsValue) {
    if !value.is_object() {
        return;
    }
    let object: &Object = value.unchecked_ref();
    for inner in Object::values(object).iter() {
        freeze_deep(&inner);
    }
    Object::freeze(object);
}
