//! Any bytes, read as facts and evaluated against a bundled plan at a day taken from the input: the report is
//! produced without a panic whatever the numbers (overflow, division by zero, missing values).
#![no_main]

use chrono::{Days, NaiveDate};
use kehoach::source::FileId;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&day, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let Some(model) = common::bundled_model() else { return };
    let (Some(facts), _) = kehoach::facts::read("progress.facts", &text, FileId(99)) else { return };
    let checked = kehoach::facts::check(model, &facts);
    let start = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap_or_default();
    let as_of = start.checked_add_days(Days::new(u64::from(day) * 11)).unwrap_or(start);
    let _ = kehoach::eval::evaluate_index(model, &checked.index, &kehoach::eval::Options::new(as_of));
});
