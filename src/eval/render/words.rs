//! The words of a report for people, in English and Vietnamese: status words, headings and the wording of details.
//!
//! English shows each status as the JSON report and `--deny` spell it (SPEC section 4). Vietnamese shows the words
//! planning offices write in their progress reports: a target "Đạt", "Không đạt", "Đúng tiến độ", "Chậm tiến độ",
//! "Chưa có số liệu"; a task "Hoàn thành", "Hoàn thành quá hạn", "Quá hạn", "Trong hạn" (the categories of the
//! government's task tracking); a standing duty "Thường xuyên"; a report "Đúng hạn", "Trễ hạn", "Chưa báo cáo";
//! a recurrence as the documents say it, "hằng năm, trước ngày 25/11". The JSON report keeps the codes.

use crate::ast::{DueDay, Frequency, RuleSeverity, YearPart};
use crate::diagnostics::Lang;
use crate::eval::status::{
    ReportStatus, RollupStatus, RuleStatus, Status, SubmissionStatus, TargetStatus, TaskStatus,
};
use crate::facts::Verdict;
use crate::model::Schedule;

/// `en` or `vi`, as the report's language asks.
pub(crate) fn say(lang: Lang, en: &'static str, vi: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Vi => vi,
    }
}

/// A status as people read it in `lang`.
pub(crate) trait Worded: Status {
    /// The Vietnamese word, capitalised as a cell of a table.
    fn vi(self) -> &'static str;

    fn word(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.as_str(),
            Lang::Vi => self.vi(),
        }
    }
}

impl Worded for TargetStatus {
    fn vi(self) -> &'static str {
        match self {
            TargetStatus::Met => "Đạt",
            TargetStatus::Missed => "Không đạt",
            TargetStatus::OnTrack => "Đúng tiến độ",
            TargetStatus::Behind => "Chậm tiến độ",
            TargetStatus::NoData => "Chưa có số liệu",
            TargetStatus::NeedsAssessment => "Chưa đánh giá",
        }
    }
}

impl Worded for TaskStatus {
    fn vi(self) -> &'static str {
        match self {
            TaskStatus::Done => "Hoàn thành",
            TaskStatus::DoneLate => "Hoàn thành quá hạn",
            TaskStatus::Overdue => "Quá hạn",
            // Held up by a predecessor that is overdue, held up or stopped: "vướng mắc" is what reports call it.
            TaskStatus::Blocked => "Vướng mắc",
            TaskStatus::DueSoon => "Sắp đến hạn",
            TaskStatus::Open => "Trong hạn",
            TaskStatus::Cancelled => "Dừng thực hiện",
            TaskStatus::Ongoing => "Thường xuyên",
            // A standing duty assessed `missed` for its latest period.
            TaskStatus::Behind => "Chưa đạt",
            TaskStatus::NeedsAssessment => "Chưa đánh giá",
        }
    }
}

impl Worded for RuleStatus {
    fn vi(self) -> &'static str {
        match self {
            RuleStatus::Ok => "Đạt",
            RuleStatus::Violated => "Vi phạm",
            RuleStatus::NotEvaluable => "Chưa tính được",
        }
    }
}

impl Worded for ReportStatus {
    fn vi(self) -> &'static str {
        match self {
            ReportStatus::DueSoon => "Sắp đến hạn",
            ReportStatus::Scheduled => "Chưa đến hạn",
            ReportStatus::Ended => "Đã kết thúc",
            ReportStatus::Unscheduled => "Không định kỳ",
            ReportStatus::OnTime => "Đúng hạn",
            ReportStatus::Late => "Trễ hạn",
            ReportStatus::Missing => "Chưa báo cáo",
        }
    }
}

impl Worded for SubmissionStatus {
    fn vi(self) -> &'static str {
        match self {
            SubmissionStatus::OnTime => "Đúng hạn",
            SubmissionStatus::Late => "Trễ hạn",
            SubmissionStatus::Missing => "Chưa báo cáo",
        }
    }
}

impl Worded for RollupStatus {
    fn vi(self) -> &'static str {
        match self {
            RollupStatus::Ok => "Bình thường",
            RollupStatus::Attention => "Cần xử lý",
        }
    }
}

/// Every status word of `lang`, for sizing the status column.
pub(crate) fn all_status_words(lang: Lang) -> impl Iterator<Item = &'static str> {
    fn of<S: Worded>(lang: Lang) -> impl Iterator<Item = &'static str> {
        S::ALL.iter().map(move |s| s.word(lang))
    }
    of::<TargetStatus>(lang)
        .chain(of::<TaskStatus>(lang))
        .chain(of::<RuleStatus>(lang))
        .chain(of::<ReportStatus>(lang))
        .chain(of::<SubmissionStatus>(lang))
        .chain(of::<RollupStatus>(lang))
}

/// A status word inside a sentence or a count (`3 chậm tiến độ`): Vietnamese words lose their capital.
pub(crate) fn in_text<S: Worded>(status: S, lang: Lang) -> String {
    lower_first(status.word(lang))
}

fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn severity(s: RuleSeverity, lang: Lang) -> &'static str {
    match s {
        RuleSeverity::Error => say(lang, "error", "lỗi"),
        RuleSeverity::Warning => say(lang, "warning", "cảnh báo"),
        RuleSeverity::Info => say(lang, "info", "thông tin"),
    }
}

pub(crate) fn verdict(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Met => say(lang, "met", "đạt"),
        Verdict::Missed => say(lang, "missed", "không đạt"),
    }
}

/// A recurrence: in English as the plan writes it after `every` (`quarter by day 15`); in Vietnamese as the
/// documents say it (`hằng quý, trước ngày 15`, `hằng năm, trước ngày 25/11`, `hằng năm, trong quý IV`).
pub(crate) fn schedule(s: Schedule, lang: Lang) -> String {
    if lang == Lang::En {
        return s.to_string();
    }
    let every = match s.frequency {
        Frequency::Month => "hằng tháng",
        Frequency::Quarter => "hằng quý",
        Frequency::Half => "6 tháng một lần",
        Frequency::Year => "hằng năm",
    };
    let by = match (s.frequency, s.by) {
        (Frequency::Year, DueDay::DayOfLastMonth(d)) => format!("trước ngày {d}/12"),
        (_, DueDay::DayOfLastMonth(d)) => format!("trước ngày {d}"),
        (_, DueDay::MonthDay { month, day }) => format!("trước ngày {day}/{month}"),
        (_, DueDay::EndOf(YearPart::Quarter(q))) => format!("trong quý {}", roman(q)),
        (_, DueDay::EndOf(YearPart::Half(1))) => "trong 6 tháng đầu năm".to_string(),
        (_, DueDay::EndOf(YearPart::Half(2))) => "trong 6 tháng cuối năm".to_string(),
        (_, DueDay::EndOf(part @ YearPart::Half(_))) => format!("trong {part}"),
        (_, DueDay::EndOf(YearPart::Month(m))) => format!("trong tháng {m}"),
    };
    format!("{every}, {by}")
}

/// Quarters as Vietnamese documents number them: `Quý IV`.
fn roman(q: u32) -> String {
    match q {
        1 => "I".to_string(),
        2 => "II".to_string(),
        3 => "III".to_string(),
        4 => "IV".to_string(),
        q => q.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Within each vocabulary, no two statuses read alike in Vietnamese (a reader could not tell them apart).
    #[test]
    fn vietnamese_status_words_are_distinct_in_each_vocabulary() {
        fn distinct<S: Worded + std::fmt::Debug>() {
            let words: Vec<&str> = S::ALL.iter().map(|s| s.vi()).collect();
            for (i, w) in words.iter().enumerate() {
                assert!(
                    !words.iter().skip(i + 1).any(|x| x == w),
                    "{w} twice in {:?}",
                    S::ALL
                );
            }
        }
        distinct::<TargetStatus>();
        distinct::<TaskStatus>();
        distinct::<RuleStatus>();
        distinct::<ReportStatus>();
        distinct::<SubmissionStatus>();
        distinct::<RollupStatus>();
    }

    /// docs/EVALUATION.md's table "The report in Vietnamese" says the words this module writes: every status of
    /// each vocabulary, each with its word, and nothing else.
    #[test]
    fn the_documented_vietnamese_words_are_the_words_written() {
        let page = include_str!("../../../docs/EVALUATION.md");
        let at = page
            .find("| kind | code → Vietnamese |")
            .expect("the table");
        let mut rows = std::collections::BTreeMap::new();
        for line in page[at..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
        {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let [kind, words] = cells.as_slice() else {
                panic!("a row of two cells: {line}");
            };
            let pairs: Vec<(String, String)> = words
                .split(" · ")
                .map(|pair| {
                    let (code, word) = pair.trim_start_matches('`').split_once("` ").expect(pair);
                    (code.to_string(), word.to_string())
                })
                .collect();
            rows.insert(kind.to_string(), pairs);
        }
        fn of<S: Worded>(statuses: &[S]) -> Vec<(String, String)> {
            statuses
                .iter()
                .map(|s| (s.as_str().to_string(), s.vi().to_string()))
                .collect()
        }
        let row = |kind: &str| rows.get(kind).cloned().unwrap_or_default();
        assert_eq!(row("target"), of(TargetStatus::ALL));
        let mut tasks = row("task");
        tasks.extend(row("standing duty"));
        assert_eq!(tasks, of(TaskStatus::ALL));
        assert_eq!(row("rule"), of(RuleStatus::ALL));
        let reports = row("report, submission");
        let mut sorted = reports.clone();
        let mut written = of(ReportStatus::ALL);
        sorted.sort();
        written.sort();
        assert_eq!(sorted, written);
        for submission in of(SubmissionStatus::ALL) {
            assert!(reports.contains(&submission), "{submission:?}");
        }
        assert_eq!(row("owner"), of(RollupStatus::ALL));
        assert_eq!(rows.len(), 6, "{:?}", rows.keys());
    }

    #[test]
    fn recurrences_read_as_the_documents_write_them() {
        let cases = [
            (
                Frequency::Year,
                DueDay::MonthDay { month: 11, day: 25 },
                "hằng năm, trước ngày 25/11",
            ),
            (
                Frequency::Quarter,
                DueDay::DayOfLastMonth(20),
                "hằng quý, trước ngày 20",
            ),
            (
                Frequency::Month,
                DueDay::DayOfLastMonth(10),
                "hằng tháng, trước ngày 10",
            ),
            (
                Frequency::Half,
                DueDay::DayOfLastMonth(25),
                "6 tháng một lần, trước ngày 25",
            ),
            (
                Frequency::Year,
                DueDay::DayOfLastMonth(15),
                "hằng năm, trước ngày 15/12",
            ),
            (
                Frequency::Year,
                DueDay::EndOf(YearPart::Quarter(4)),
                "hằng năm, trong quý IV",
            ),
            (
                Frequency::Year,
                DueDay::EndOf(YearPart::Half(1)),
                "hằng năm, trong 6 tháng đầu năm",
            ),
            (
                Frequency::Year,
                DueDay::EndOf(YearPart::Month(6)),
                "hằng năm, trong tháng 6",
            ),
        ];
        for (frequency, by, vi) in cases {
            let s = Schedule { frequency, by };
            assert_eq!(schedule(s, Lang::Vi), vi);
            assert_eq!(schedule(s, Lang::En), s.to_string());
        }
        assert_eq!(in_text(TargetStatus::OnTrack, Lang::Vi), "đúng tiến độ");
        assert_eq!(
            in_text(TaskStatus::DoneLate, Lang::Vi),
            "hoàn thành quá hạn"
        );
        assert_eq!(in_text(TaskStatus::DoneLate, Lang::En), "done-late");
    }
}
