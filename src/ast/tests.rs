//! Size bounds on the syntax tree: every parsed declaration lives as long as the run, so these are memory.

use super::*;

/// A `Vec<Item>` slot is a tag and a box; a variant stored inline would make every slot as large as a target.
#[test]
fn an_item_is_a_tag_and_a_pointer() {
    assert!(
        size_of::<Item>() <= 16,
        "ast::Item is {} bytes",
        size_of::<Item>()
    );
}
