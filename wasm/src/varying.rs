//! The keys of a report's items whose values vary with the facts and the date, and the compact JSON writer that
//! carries what changed into JavaScript. Only this package evaluates one plan many times, so this lives here
//! rather than in the library.

use kehoach::eval::{
    MeasureResult, OwnerResult, Report, ReportResult, RuleResult, SectionResult, TargetResult,
    TaskResult,
};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// The items of a report reduced to the keys whose values vary with the facts and the date.
///
/// The other keys — ids, titles, sections, units, goals, windows, owners: the model's own — are the same in every
/// evaluation of a plan. A compiled plan, evaluated on every keystroke of a form, keeps them from the first report
/// and merges each item's varying keys over its kept item, so that the long titles cross into JavaScript once.
/// Every varying key is written, `null` included, so the merge leaves nothing stale. The test
/// `varying_keys_cover_every_change` (api/tests.rs) holds every bundled plan to this across facts and dates.
pub struct Varying<'r>(pub &'r Report);

/// Which keys of each kind of item vary: a wrapper per kind that serialises only them. A key marked `as Day` is a
/// date, written through [`Day`].
macro_rules! varying {
    ($($wrapper:ident($item:ident) { $($key:ident $(as $as:ident)?),+ $(,)? })+) => {$(
        struct $wrapper<'r>($item<'r>);

        impl Serialize for $wrapper<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let item = &self.0;
                let mut map = serializer.serialize_struct(stringify!($item), [$(stringify!($key)),+].len())?;
                $(map.serialize_field(stringify!($key), &$($as)?(&item.$key))?;)+
                map.end()
            }
        }
    )+};
}

varying! {
    VaryingTarget(TargetResult) {
        status, reason, actual, average, years, expected, aim, assessment,
    }
    VaryingMeasure(MeasureResult) { actual, reason }
    VaryingTask(TaskResult) {
        status, due as Day, done as Day, progress, days_late, days_left, blocked_by, waits_for, cancelled,
        occurrences, occurrence_counts, assessment,
    }
    VaryingRule(RuleResult) { status, reason, values }
    VaryingReport(ReportResult) { status, next_due as Day, days_left, tracked, submissions }
    VaryingOwner(OwnerResult) { status, targets, tasks, reports, attention }
    VaryingSection(SectionResult) { status, targets, tasks, rules }
}

/// A date as chrono writes it (`2023-09-30`); in a binary format, its day number, without formatting it.
struct Day<'a>(&'a Option<chrono::NaiveDate>);

impl Serialize for Day<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use chrono::Datelike;
        match self.0 {
            Some(day) if !serializer.is_human_readable() => {
                serializer.serialize_some(&day.num_days_from_ce())
            }
            day => day.serialize(serializer),
        }
    }
}

/// The report's lists of items, in its order of keys: the lists whose items [`Varying`] reduces.
pub const ITEM_LISTS: [&str; 7] = [
    "targets", "measures", "tasks", "rules", "reports", "owners", "sections",
];

/// What [`Varying::each_item`] hands each item to.
pub trait EachItem {
    /// One item's varying keys, serialisable as a JSON object; `list` is an index into [`ITEM_LISTS`].
    fn item<T: Serialize>(&mut self, list: usize, item: &T);
}

impl Varying<'_> {
    /// Each item's varying keys, list after list in [`ITEM_LISTS`]'s order, items in the report's order. A compiled
    /// plan compares them with the previous evaluation's to carry across only the items that changed.
    pub fn each_item(&self, each: &mut impl EachItem) {
        let r = self.0;
        r.targets().for_each(|t| each.item(0, &VaryingTarget(t)));
        r.measures().for_each(|m| each.item(1, &VaryingMeasure(m)));
        r.tasks().for_each(|t| each.item(2, &VaryingTask(t)));
        r.rules().for_each(|x| each.item(3, &VaryingRule(x)));
        r.reports().for_each(|x| each.item(4, &VaryingReport(x)));
        r.owners().for_each(|o| each.item(5, &VaryingOwner(o)));
        r.sections().for_each(|x| each.item(6, &VaryingSection(x)));
    }
}

/// Appends `value` as compact JSON to `out`: what `serde_json::to_writer` does, with the short pieces JSON is
/// made of (quotes, colons, commas, small numbers) pushed byte by byte. In WebAssembly each slice copy is a
/// `memory.copy`, which costs more than a few bytes are worth: with it, a compiled Quảng Ninh plan re-evaluated
/// in Node went from about 1.9 to 1.5 ms (wasm/README.md).
pub fn write_json(value: &impl Serialize, out: &mut Vec<u8>) -> serde_json::Result<()> {
    struct Pushing<'a>(&'a mut Vec<u8>);

    impl std::io::Write for Pushing<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.write_all(bytes)?;
            Ok(bytes.len())
        }

        #[inline]
        fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
            if bytes.len() <= 8 {
                self.0.reserve(bytes.len());
                for &b in bytes {
                    self.0.push(b);
                }
            } else {
                self.0.extend_from_slice(bytes);
            }
            Ok(())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    serde_json::to_writer(Pushing(out), value)
}

#[cfg(test)]
mod tests;
