//! An amendment for people: text for a terminal (`human`) and Markdown for a pull-request comment (`markdown`),
//! in English or Vietnamese. Every text from a plan is escaped here (`diagnostics::escape`, and the Markdown
//! through the same inert cells as `eval --format markdown`).

mod human;
mod markdown;

pub use human::human;
pub use markdown::markdown;

use super::{
    Change, Field, Kind, PlanEntry, PlanStatus, Shift, ShiftUnit, Status, Summary, Verdict,
};
use crate::diagnostics::Lang;

fn kind(k: Kind, lang: Lang) -> &'static str {
    match lang {
        Lang::En => k.as_str(),
        Lang::Vi => match k {
            Kind::Document => "văn bản",
            Kind::Owner => "cơ quan",
            Kind::Group => "nhóm",
            Kind::Section => "mục",
            Kind::Target => "chỉ tiêu",
            Kind::Measure => "số liệu",
            Kind::Task => "nhiệm vụ",
            Kind::Report => "báo cáo",
            Kind::Rule => "quy tắc",
        },
    }
}

fn field(f: Field, lang: Lang) -> &'static str {
    match lang {
        Lang::En => f.as_str(),
        Lang::Vi => match f {
            Field::Kind => "loại",
            Field::Number => "số hiệu",
            Field::Title => "tên",
            Field::Name => "tên",
            Field::Issuer => "cơ quan ban hành",
            Field::Issued => "ngày ban hành",
            Field::Signer => "người ký",
            Field::Period => "giai đoạn",
            Field::Approx => "sai số",
            Field::Implements => "thực hiện văn bản",
            Field::Aka => "tên gọi khác",
            Field::Members => "thành viên",
            Field::Section => "mục",
            Field::Parent => "thuộc chỉ tiêu",
            Field::Unit => "đơn vị tính",
            Field::Goal => "mục tiêu",
            Field::Aim => "phấn đấu",
            Field::Window => "cách đánh giá",
            Field::Deadline => "thời hạn",
            Field::Baseline => "giá trị gốc",
            Field::Value => "công thức",
            Field::Shares => "cơ cấu",
            Field::Lead => "chủ trì",
            Field::Support => "phối hợp",
            Field::Monitor => "theo dõi",
            Field::After => "sau",
            Field::Output => "sản phẩm",
            Field::Every => "định kỳ",
            Field::Ongoing => "thường xuyên",
            Field::For => "tham mưu cho",
            Field::From => "đơn vị gửi",
            Field::To => "nơi nhận",
            Field::Condition => "điều kiện",
            Field::Severity => "mức độ",
            Field::Notes => "ghi chú",
        },
    }
}

/// What happened to an item: `added`, `removed`, `renamed`, `changed`.
fn status(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Added, Lang::En) => "added",
        (Status::Removed, Lang::En) => "removed",
        (Status::Renamed, Lang::En) => "renamed",
        (Status::Changed, Lang::En) => "changed",
        (Status::Added, Lang::Vi) => "thêm",
        (Status::Removed, Lang::Vi) => "bỏ",
        (Status::Renamed, Lang::Vi) => "đổi mã",
        (Status::Changed, Lang::Vi) => "sửa",
    }
}

/// `+`, `-`, `~`.
fn sign(s: Status) -> char {
    match s {
        Status::Added => '+',
        Status::Removed => '-',
        Status::Renamed | Status::Changed => '~',
    }
}

fn plan_status(s: PlanStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (PlanStatus::Unchanged, Lang::En) => "no change in meaning",
        (PlanStatus::Changed, Lang::En) => "changed",
        (PlanStatus::Added, Lang::En) => "a new plan",
        (PlanStatus::Removed, Lang::En) => "removed",
        (PlanStatus::NotCompared, Lang::En) => {
            "not compared: it has errors (see above, or run `kehoach check`)"
        }
        (PlanStatus::Unchanged, Lang::Vi) => "không thay đổi nội dung",
        (PlanStatus::Changed, Lang::Vi) => "có thay đổi",
        (PlanStatus::Added, Lang::Vi) => "kế hoạch mới",
        (PlanStatus::Removed, Lang::Vi) => "đã bỏ",
        (PlanStatus::NotCompared, Lang::Vi) => {
            "không so sánh được: kế hoạch có lỗi (xem ở trên, hoặc chạy `kehoach check`)"
        }
    }
}

/// The verdict as a word, with how far a deadline moved: `loosened`, `later by 1 quarter`; nothing for a plain
/// change.
fn verdict(change: &Change, lang: Lang) -> Option<String> {
    let word = match (change.verdict, lang) {
        (Verdict::Changed | Verdict::Added | Verdict::Removed, _) => return None,
        (Verdict::Loosened, Lang::En) => "loosened",
        (Verdict::Tightened, Lang::En) => "tightened",
        (Verdict::Later, Lang::En) => "later",
        (Verdict::Earlier, Lang::En) => "earlier",
        (Verdict::Loosened, Lang::Vi) => "nới lỏng",
        (Verdict::Tightened, Lang::Vi) => "nâng lên",
        (Verdict::Later, Lang::Vi) => "lùi",
        (Verdict::Earlier, Lang::Vi) => "sớm hơn",
    };
    Some(match change.by {
        Some(by) => match lang {
            Lang::En => format!("{word} by {}", shift(by, lang)),
            Lang::Vi => format!("{word} {}", shift(by, lang)),
        },
        None => word.to_string(),
    })
}

/// `1 quarter`, `15 days`; `1 quý`, `15 ngày`.
fn shift(by: Shift, lang: Lang) -> String {
    let n = by.amount;
    match lang {
        Lang::En => {
            let unit = by.unit.as_str();
            if n == 1 {
                format!("1 {unit}")
            } else if by.unit == ShiftUnit::Half {
                format!("{n} halves")
            } else {
                format!("{n} {unit}s")
            }
        }
        Lang::Vi => {
            let unit = match by.unit {
                ShiftUnit::Day => "ngày",
                ShiftUnit::Month => "tháng",
                ShiftUnit::Quarter => "quý",
                ShiftUnit::Half => "nửa năm",
                ShiftUnit::Year => "năm",
            };
            format!("{n} {unit}")
        }
    }
}

/// The words of the one-line summary: `2 added, 1 removed, 3 changed; 1 loosened, 2 deadlines later`.
fn summary(s: &Summary, lang: Lang) -> String {
    let counts: [(usize, &str, &str); 4] = [
        (s.added, "added", "thêm"),
        (s.removed, "removed", "bỏ"),
        (s.renamed, "renamed", "đổi mã"),
        (s.changed, "changed", "sửa"),
    ];
    let verdicts: [(usize, &str, &str); 4] = [
        (s.loosened, "loosened", "nới lỏng"),
        (s.tightened, "tightened", "nâng lên"),
        (s.later, "later", "lùi hạn"),
        (s.earlier, "earlier", "sớm hạn"),
    ];
    let words = |list: &[(usize, &str, &str)]| -> Vec<String> {
        list.iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, en, vi)| match lang {
                Lang::En => format!("{n} {en}"),
                Lang::Vi => format!("{n} {vi}"),
            })
            .collect()
    };
    let (counts, verdicts) = (words(&counts), words(&verdicts));
    if counts.is_empty() {
        return match lang {
            Lang::En => "no change in meaning".to_string(),
            Lang::Vi => "không thay đổi nội dung".to_string(),
        };
    }
    if verdicts.is_empty() {
        counts.join(", ")
    } else {
        format!("{}; {}", counts.join(", "), verdicts.join(", "))
    }
}

/// A plan's name for a heading: its file on the new side (or the old), and `old → new` when they differ.
fn plan_files(plan: &PlanEntry) -> String {
    match (&plan.old, &plan.new) {
        // `origin/main:plans/x.plan` against `plans/x.plan` is the same file.
        (Some(old), Some(new)) if old != new && !old.ends_with(&format!(":{new}")) => {
            format!("{old} → {new}")
        }
        (_, Some(name)) | (Some(name), None) => name.clone(),
        (None, None) => String::new(),
    }
}

/// The items of a plan by the group they are shown under: plan-wide items (documents and owners: `None`), then
/// each section in order.
fn groups(plan: &PlanEntry) -> Vec<(Option<&str>, Vec<&super::ItemDiff>)> {
    let mut groups: Vec<(Option<&str>, Vec<&super::ItemDiff>)> = Vec::new();
    for item in &plan.diff.items {
        let key = item.section.as_deref();
        match groups.last_mut() {
            Some((last, items)) if *last == key => items.push(item),
            _ => groups.push((key, vec![item])),
        }
    }
    groups
}

/// A title cut to `max` characters with `…`, for a line that names an item (the JSON keeps it whole).
fn short(title: &str, max: usize) -> String {
    match title.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", title.get(..end).unwrap_or(title)),
        None => title.to_string(),
    }
}
