use super::*;
use crate::model::{Items, OwnerInfo, OwnerKind};
use crate::source::FileId;

#[test]
fn a_plan_of_more_declarations_than_the_limit_is_reported_at_its_root() {
    let owner = OwnerInfo {
        id: "a".to_string(),
        kind: OwnerKind::Owner,
        name: String::new(),
        aka: Vec::new(),
        members: Vec::new(),
        notes: Vec::new(),
        span: Span::point(FileId(3), 0),
    };
    let mut model = Model {
        root: FileId(3),
        owners: Items::repeat(owner, MAX_ITEMS),
        ..Model::default()
    };
    let mut out = Sink::new();
    count_items(&model, &mut out);
    assert!(out.finish().is_empty());
    let mut owners: Vec<OwnerInfo> = model.owners.into();
    owners.truncate(MAX_ITEMS - 1);
    let more = owners.first().cloned().into_iter().cycle().take(2);
    owners.extend(more);
    model.owners = owners.into();
    let mut out = Sink::new();
    count_items(&model, &mut out);
    let found = out.finish();
    assert_eq!(
        found.iter().map(|d| (d.code, d.span)).collect::<Vec<_>>(),
        [(Code::LimitExceeded, Span::point(FileId(3), 0))]
    );
}
