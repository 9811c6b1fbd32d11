//! Any bytes, split at the first NUL into a plan and the `agencies.plan` it uses: the whole workspace is checked
//! without a panic, and every diagnostic points inside its file.
#![no_main]

use kehoach::check::check_workspace;
use kehoach::workspace::{MemoryFileSystem, load_memory};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (plan, agencies) = text.split_once('\0').unwrap_or((&text, ""));
    let mut fs = MemoryFileSystem::new();
    fs.insert("plan.plan", format!("use \"agencies.plan\"\n{plan}"));
    fs.insert("agencies.plan", agencies.to_string());
    let workspace = load_memory(&fs);
    let checked = check_workspace(&workspace);
    for d in &checked.diagnostics {
        let len = workspace.sources.get(d.span.file).map_or(0, |f| f.text.len());
        assert!(d.span.end as usize <= len, "{d:?}");
    }
});
