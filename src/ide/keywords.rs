//! What each keyword of the language means, in both languages: the text an editor shows on hover and beside a
//! completion. The keywords themselves, and where each may stand, come from the parser's table
//! ([`crate::parse::keywords_in`]); a test holds this table to it, so no keyword lacks a meaning.

use crate::diagnostics::Text;
use crate::text;

/// The meaning of a keyword, or `None` for a word that is not one.
pub fn meaning(word: &str) -> Option<Text> {
    Some(match word {
        "plan" => text!(
            "the plan's header: its document number, then its title, issuer, date, signer and period",
            "phần đầu của kế hoạch: số văn bản, rồi tiêu đề, cơ quan ban hành, ngày, người ký và giai đoạn"
        ),
        "document" => text!(
            "a higher document the plan carries out (a resolution, a decision): id, number, title, issuer, date",
            "văn bản cấp trên mà kế hoạch thực hiện (nghị quyết, quyết định): mã, số, tiêu đề, cơ quan ban hành, ngày"
        ),
        "use" => text!(
            "brings in the declarations of another `.plan` file, by a path relative to this file",
            "đưa vào các khai báo của một tệp `.plan` khác, theo đường dẫn tính từ tệp này"
        ),
        "owner" => text!(
            "an agency that leads, supports or monitors work: id, name, and other names with `aka`",
            "cơ quan chủ trì, phối hợp hoặc theo dõi: mã, tên, và các tên khác với `aka`"
        ),
        "group" => text!(
            "several owners named as one (\"các sở, ban, ngành\"), with their `members`",
            "nhiều cơ quan gọi chung là một (\"các sở, ban, ngành\"), với `members` là các thành viên"
        ),
        "section" => text!(
            "a part of the plan with its own number and title; it holds targets, tasks, reports and rules",
            "một phần của kế hoạch có số và tiêu đề; chứa chỉ tiêu, nhiệm vụ, báo cáo và quy tắc"
        ),
        "target" => text!(
            "a figure to reach: title, unit, goal and when it is judged (`by`, `yearly`, `average`), who leads it",
            "chỉ tiêu cần đạt: tiêu đề, đơn vị, mục tiêu và thời điểm đánh giá (`by`, `yearly`, `average`), cơ quan chủ trì"
        ),
        "measure" => text!(
            "a figure reported without a goal (population, budget), for other targets' values and rules",
            "số liệu được báo cáo nhưng không có mục tiêu (dân số, ngân sách), dùng trong giá trị của chỉ tiêu khác và quy tắc"
        ),
        "task" => text!(
            "work to do: title, who leads it, when it is due, what it produces and what it waits for",
            "nhiệm vụ: tiêu đề, cơ quan chủ trì, thời hạn, sản phẩm và các nhiệm vụ phải xong trước"
        ),
        "report" => text!(
            "a recurring report: who sends it (`from`), to whom (`to`) and how often (`every`)",
            "báo cáo định kỳ: cơ quan gửi (`from`), nơi nhận (`to`) và tần suất (`every`)"
        ),
        "rule" => text!(
            "a condition over targets and tasks that must hold (`require`) or must not (`when`), with a severity",
            "điều kiện trên chỉ tiêu và nhiệm vụ phải đúng (`require`) hoặc không được xảy ra (`when`), kèm mức độ"
        ),
        "facts" => text!(
            "reported progress for a plan, named by its number, as of a date",
            "tiến độ báo cáo cho một kế hoạch, theo số văn bản, tính đến một ngày"
        ),
        "title" => text!(
            "the full title, as the document writes it",
            "tiêu đề đầy đủ, như văn bản ghi"
        ),
        "issuer" => text!(
            "the body that issued the document",
            "cơ quan ban hành văn bản"
        ),
        "issued" => text!(
            "the day the document was issued, `YYYY-MM-DD`",
            "ngày ban hành văn bản, dạng `YYYY-MM-DD`"
        ),
        "signer" => text!("who signed the document", "người ký văn bản"),
        "period" => text!(
            "the years the plan covers, `2021..2025` or one year; a deadline without a year takes the first",
            "các năm kế hoạch áp dụng, `2021..2025` hoặc một năm; thời hạn không ghi năm lấy năm đầu"
        ),
        "implements" => text!(
            "the documents (by id) this one carries out",
            "các văn bản (theo mã) mà văn bản này thực hiện"
        ),
        "approx" => text!(
            "how far a `~` goal may be missed and still be met, in percent",
            "mức sai lệch cho phép của mục tiêu `~`, tính theo phần trăm"
        ),
        "note" => text!("a remark kept with the item", "ghi chú kèm theo mục"),
        "aka" => text!(
            "other names of the owner, as documents write them (\"Sở KH&ĐT\")",
            "các tên khác của cơ quan, như văn bản hay viết (\"Sở KH&ĐT\")"
        ),
        "members" => text!("the owners of the group", "các cơ quan thuộc nhóm"),
        "unit" => text!(
            "the unit of the figure: `%`, `tỷ đồng`, `người`",
            "đơn vị của số liệu: `%`, `tỷ đồng`, `người`"
        ),
        "goal" => text!(
            "what the figure must reach: `95`, `>= 9.3`, `< 4`, `8.1..8.6`, `~497`, or a text judged by assessment",
            "mức số liệu phải đạt: `95`, `>= 9.3`, `< 4`, `8.1..8.6`, `~497`, hoặc một câu được đánh giá"
        ),
        "aim" => text!(
            "a higher goal to strive for (\"phấn đấu\"), beside the goal that must be met",
            "mục tiêu phấn đấu cao hơn, bên cạnh mục tiêu bắt buộc"
        ),
        "by" => text!(
            "when a target is judged: the state reached by a deadline (`by 2025`); in `every`, the day reports are due",
            "thời điểm đánh giá chỉ tiêu: kết quả đạt được đến thời hạn (`by 2025`); trong `every`, hạn nộp báo cáo"
        ),
        "yearly" => text!(
            "the target is judged every year of the plan's period",
            "chỉ tiêu được đánh giá hằng năm trong giai đoạn của kế hoạch"
        ),
        "average" => text!(
            "the target is judged on the mean of its yearly values over a span of years",
            "chỉ tiêu được đánh giá theo bình quân các năm trong một khoảng năm"
        ),
        "lead" => text!("the owners in charge (chủ trì)", "cơ quan chủ trì"),
        "support" => text!("the owners who help (phối hợp)", "cơ quan phối hợp"),
        "monitor" => text!(
            "the owners who follow and check the work (theo dõi, giám sát)",
            "cơ quan theo dõi, giám sát"
        ),
        "baseline" => text!(
            "the value at the start, and when: `baseline 7.2 in 2020`",
            "giá trị ban đầu và thời điểm: `baseline 7.2 in 2020`"
        ),
        "in" => text!("the period of a baseline", "thời điểm của giá trị ban đầu"),
        "value" => text!(
            "how the figure is computed from others, instead of being reported",
            "cách tính số liệu từ các số liệu khác, thay vì báo cáo"
        ),
        "due" => text!(
            "when the task must be done: a day, month, quarter, half or year",
            "thời hạn hoàn thành nhiệm vụ: ngày, tháng, quý, nửa năm hoặc năm"
        ),
        "ongoing" => text!(
            "a standing duty with no end date (\"thường xuyên\"), judged by its reports rather than a deadline",
            "nhiệm vụ thường xuyên, không có hạn kết thúc, được đánh giá qua các kỳ báo cáo thay vì một thời hạn"
        ),
        "for" => text!(
            "the targets this task serves",
            "các chỉ tiêu mà nhiệm vụ này phục vụ"
        ),
        "output" => text!(
            "what the task produces: plan, project, report, decision, directive, resolution, program or other",
            "sản phẩm của nhiệm vụ: kế hoạch, đề án, báo cáo, quyết định, chỉ thị, nghị quyết, chương trình hoặc khác"
        ),
        "after" => text!(
            "the tasks that must be done before this one starts",
            "các nhiệm vụ phải xong trước khi nhiệm vụ này bắt đầu"
        ),
        "from" => text!("the owners who send the report", "cơ quan gửi báo cáo"),
        "to" => text!("the owners who receive the report", "cơ quan nhận báo cáo"),
        "every" => text!(
            "how often the report is due: `every quarter by day 15`, `every year by 12-15`",
            "tần suất và hạn báo cáo: `every quarter by day 15`, `every year by 12-15`"
        ),
        "day" => text!(
            "the day of the period's last month a report is due",
            "ngày trong tháng cuối của kỳ mà báo cáo đến hạn"
        ),
        "require" => text!(
            "the rule is violated when this condition is false",
            "quy tắc bị vi phạm khi điều kiện này sai"
        ),
        "when" => text!(
            "the rule fires when this condition is true",
            "quy tắc được kích hoạt khi điều kiện này đúng"
        ),
        "severity" => text!(
            "how serious a broken rule is: error, warning or info",
            "mức độ nghiêm trọng khi quy tắc bị vi phạm: error, warning hoặc info"
        ),
        "shares" => text!(
            "parts that together make up a total (a structure in percent)",
            "các thành phần cộng lại bằng tổng (cơ cấu theo phần trăm)"
        ),
        "as_of" => text!(
            "the day the facts describe; in an expression, the day of the evaluation",
            "ngày mà số liệu phản ánh; trong biểu thức, ngày đánh giá"
        ),
        "assessed" => text!(
            "a verdict on a goal written as text: met or missed",
            "đánh giá một mục tiêu dạng văn bản: đạt (met) hoặc không đạt (missed)"
        ),
        "done" => text!("the day a task was finished", "ngày nhiệm vụ hoàn thành"),
        "progress" => text!(
            "how far a task has got, in percent",
            "tiến độ nhiệm vụ, tính theo phần trăm"
        ),
        "cancelled" => text!("the task was dropped, and why", "nhiệm vụ bị hủy, và lý do"),
        _ => return None,
    })
}
