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

/// Every declaration lives as long as the run, and a plan holds tens of thousands of targets and tasks: the
/// attributes most of them leave out are boxed (a pointer when absent), which keeps the two boxes at about 600
/// and 450 bytes where they were 888 and 608.
#[test]
fn targets_and_tasks_keep_their_rare_attributes_boxed() {
    assert!(
        size_of::<Target>() <= 600,
        "ast::Target is {} bytes",
        size_of::<Target>()
    );
    assert!(
        size_of::<Task>() <= 450,
        "ast::Task is {} bytes",
        size_of::<Task>()
    );
}
