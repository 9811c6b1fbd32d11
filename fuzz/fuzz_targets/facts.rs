//! Any bytes, read as facts in text and in JSON and held against a bundled plan: no panic.
#![no_main]

use kehoach::source::FileId;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(model) = common::bundled_model() else { return };
    for name in ["progress.facts", "progress.json"] {
        let (facts, _) = kehoach::facts::read(name, &text, FileId(99));
        if let Some(facts) = facts {
            let _ = kehoach::facts::check(model, &facts);
        }
    }
});
