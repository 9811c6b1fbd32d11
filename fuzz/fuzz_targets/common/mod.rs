//! The plan the facts targets hold their input against: Bến Tre 370/KH-UBND, checked once.

use std::sync::{Arc, OnceLock};

use kehoach::check::{Checked, check_workspace};
use kehoach::model::Model;
use kehoach::workspace::{MemoryFileSystem, load_memory};

static CHECKED: OnceLock<Checked> = OnceLock::new();

pub fn bundled_model() -> Option<&'static Arc<Model>> {
    let checked = CHECKED.get_or_init(|| {
        let mut fs = MemoryFileSystem::new();
        fs.insert("370-kh-ubnd.plan", include_str!("../../../plans/ben-tre/370-kh-ubnd.plan").to_string());
        fs.insert("agencies.plan", include_str!("../../../plans/ben-tre/agencies.plan").to_string());
        check_workspace(&load_memory(&fs))
    });
    checked.models.first()
}
