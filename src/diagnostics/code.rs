//! The stable diagnostic codes (SPEC section 3, plus kehoach's own), their severities and one-line summaries.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Text;

/// How serious a diagnostic is: an error fails `kehoach check` (exit 1) and stops evaluation and export; a warning
/// does neither, unless `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is wrong: a plan with an error is not evaluated or exported.
    Error,
    /// Something looks wrong but the plan still means one thing (an unused owner, a fact outside its window).
    Warning,
}

impl Severity {
    /// The word the JSON and SARIF outputs use (`error`, `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident, $en:literal, $vi:literal; )*) => {
        /// A diagnostic code. The string form (`duplicate-id`) is public contract: it is the SARIF `ruleId` and what
        /// `kehoach explain` takes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in the order of the documentation.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable string form (`duplicate-id`), as `kehoach explain` takes it and SARIF writes it as `ruleId`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The severity every diagnostic of this code has.
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// What the code means, in one line.
            pub fn summary(self) -> Text {
                match self { $( Code::$variant => Text::new($en, $vi), )* }
            }
        }
    };
}

codes! {
    /// `target a "A" { goal }`: the text does not parse.
    Syntax = "syntax", Error,
        "the text does not parse",
        "văn bản sai cú pháp";
    /// Two declarations `target a …` and `task a …`.
    DuplicateId = "duplicate-id", Error,
        "two declarations share an id",
        "hai khai báo trùng mã";
    /// `lead so_khdtt` where only `so_khdt` exists.
    UnknownReference = "unknown-reference", Error,
        "an id names nothing",
        "mã không trỏ tới khai báo nào";
    /// `task a { after b }` and `task b { after a }`.
    DependencyCycle = "dependency-cycle", Error,
        "`after` edges form a cycle",
        "các quan hệ `after` tạo thành vòng lặp";
    /// `target a { value = b }` and `target b { value = a }`.
    DeriveCycle = "derive-cycle", Error,
        "derived values or rules depend on themselves",
        "giá trị tính toán hoặc quy tắc phụ thuộc vào chính nó";
    /// `task a { due 2021-Q1; after b }` with `task b { due 2021-Q3 }`.
    DeadlineBeforeDependency = "deadline-before-dependency", Warning,
        "a task is due before a task it depends on",
        "nhiệm vụ có hạn trước hạn của nhiệm vụ mà nó phụ thuộc";
    /// `due 2030` in a plan with `period 2021..2025`.
    DeadlineOutsidePeriod = "deadline-outside-period", Warning,
        "a deadline falls outside the plan period",
        "thời hạn nằm ngoài thời kỳ của kế hoạch";
    /// `due 2021-01` in a plan `issued 2021-02-08`.
    DeadlineBeforeIssue = "deadline-before-issue", Warning,
        "a deadline is earlier than the plan's issue date",
        "thời hạn sớm hơn ngày ban hành kế hoạch";
    /// `task t { due 2021-Q4; every year by 11-25 }`: two schedules for one task.
    ConflictingSchedule = "conflicting-schedule", Error,
        "a task with two of `due`, `every`, `ongoing`",
        "nhiệm vụ có hai trong số `due`, `every`, `ongoing`";
    /// `due Q2` in a plan with `period 2021..2025`.
    AmbiguousDeadline = "ambiguous-deadline", Error,
        "a year-less deadline in a plan that spans several years",
        "thời hạn không ghi năm trong kế hoạch nhiều năm";
    /// `due 2021-02-30`.
    InvalidDate = "invalid-date", Error,
        "a date or period that does not exist",
        "ngày hoặc kỳ không tồn tại";
    /// `goal 8.6..8.1`.
    EmptyRange = "empty-range", Error,
        "a range whose minimum exceeds its maximum",
        "khoảng có giá trị nhỏ nhất lớn hơn giá trị lớn nhất";
    /// `shares 100 { target a { goal 10 } }`.
    SharesCannotSum = "shares-cannot-sum", Error,
        "the parts of `shares N` cannot add up to N",
        "các phần của `shares N` không thể cộng lại bằng N";
    /// A part with `goal >= 20` inside a whole with `goal 10`.
    PartExceedsWhole = "part-exceeds-whole", Warning,
        "an \"of which\" part's goal cannot fit inside its parent's goal",
        "chỉ tiêu thành phần (\"trong đó\") vượt quá chỉ tiêu tổng";
    /// `require revenue + population > 0` with units `tỷ đồng` and `người`.
    UnitMismatch = "unit-mismatch", Error,
        "an expression adds or compares different units",
        "biểu thức cộng hoặc so sánh các đơn vị khác nhau";
    /// `require as_of + 1 > 0`.
    TypeMismatch = "type-mismatch", Error,
        "an expression mixes types",
        "biểu thức trộn lẫn các kiểu dữ liệu";
    /// `task t "…" { due 2021 }`: nobody leads it.
    MissingLead = "missing-lead", Warning,
        "a task or target has no lead",
        "nhiệm vụ hoặc chỉ tiêu chưa có cơ quan chủ trì";
    /// An `owner` that nothing references.
    UnusedOwner = "unused-owner", Warning,
        "an owner that nothing references",
        "cơ quan được khai báo nhưng không được giao việc nào";
    /// Two owners with `aka "Sở KH&ĐT"`.
    DuplicateAlias = "duplicate-alias", Error,
        "two owners share an `aka`",
        "hai cơ quan có cùng tên gọi khác (`aka`)";
    /// `unit "%"; goal 120`.
    PercentOutOfRange = "percent-out-of-range", Warning,
        "a goal in `%` below 0 or above 100",
        "chỉ tiêu tính bằng `%` nhỏ hơn 0 hoặc lớn hơn 100";
    /// `use "missing.plan"`.
    UseNotFound = "use-not-found", Error,
        "a `use` path that does not exist or leaves the checked folder",
        "đường dẫn `use` không tồn tại hoặc nằm ngoài thư mục được kiểm tra";
    /// `goal 1; goal 2` in one target.
    DuplicateAttribute = "duplicate-attribute", Error,
        "an attribute is given twice in one declaration",
        "một thuộc tính được khai báo hai lần trong cùng một khai báo";
    /// A file over 16 MiB, 49 nested blocks, or a number with 40 digits.
    LimitExceeded = "limit-exceeded", Error,
        "the input exceeds one of kehoach's limits",
        "dữ liệu vượt quá giới hạn của kehoach";
    // checker: warnings beyond SPEC section 3, motivated by the seed plans
    /// `goal >= 28.000`: probably 28000 written with a Vietnamese thousands dot.
    ThousandsSeparator = "thousands-separator", Warning,
        "a number with three zero decimals, probably written with a thousands dot",
        "số có ba chữ số 0 sau dấu chấm, có lẽ là dấu phân cách hàng nghìn";
    /// `owner a "Sở Công Thương"` and `owner b "Sở Công thương"`.
    SimilarOwners = "similar-owners", Warning,
        "two owners whose names differ only in case or punctuation",
        "hai cơ quan có tên chỉ khác nhau ở chữ hoa, chữ thường hoặc dấu câu";
    /// `goal >= 5558; aim >= 5388`: the local aim asks for less than the assigned goal.
    AimBelowGoal = "aim-below-goal", Warning,
        "a target's `aim` asks for less than its `goal`",
        "mục tiêu phấn đấu (`aim`) thấp hơn chỉ tiêu được giao (`goal`)";
    /// Two tasks `"Rà soát quy hoạch"`, both led by `so_xd`.
    DuplicateTitle = "duplicate-title", Warning,
        "two tasks or targets with the same title and the same lead",
        "hai nhiệm vụ hoặc chỉ tiêu trùng tên và cùng cơ quan chủ trì";
    // facts
    /// `grdp_growh 2023 = 7.9` where the plan declares `grdp_growth`.
    UnknownFact = "unknown-fact", Error,
        "a fact names no target, measure or task of the plan",
        "dữ kiện ghi mã không có trong kế hoạch";
    /// `t01 2023 = 5` for a task, or `grdp 2023 assessed met` for a numeric target.
    FactKindMismatch = "fact-kind-mismatch", Error,
        "a fact of the wrong kind for its item",
        "dữ kiện không đúng loại với mục được báo cáo";
    /// `grdp 2026 = 7` for a target judged `by 2025`.
    FactOutsideWindow = "fact-outside-window", Warning,
        "a fact's period lies outside the target's window",
        "kỳ của dữ kiện nằm ngoài thời gian đánh giá của chỉ tiêu";
    /// `grdp 2023-Q5 = 7`, `"7,9"` in JSON, `t02 progress 140`.
    MalformedFact = "malformed-fact", Error,
        "a fact whose number, date, period or shape is malformed",
        "dữ kiện có số, ngày, kỳ hoặc cấu trúc sai";
    /// `t01 done 2022-12-01` for a plan issued 2023-01-19.
    FactBeforeIssue = "fact-before-issue", Warning,
        "a task is reported done before the plan was issued",
        "nhiệm vụ được báo hoàn thành trước ngày ban hành kế hoạch";
    /// `t01 done 2023-10-01` in facts `as_of 2023-09-30`.
    FactAfterAsOf = "fact-after-as-of", Warning,
        "a fact dated after the facts' `as_of`",
        "dữ kiện có ngày sau ngày báo cáo (`as_of`)";
    /// `t_quy 2021-06 done 2021-06-30` for a quarterly duty, or a quarter before the plan was issued.
    UnknownOccurrence = "unknown-occurrence", Error,
        "a fact names a period its duty or report has no occurrence for",
        "dữ kiện ghi một kỳ mà nhiệm vụ hoặc báo cáo không có";
    /// `monthly 2021-06 from so_xd submitted 2021-06-17` where `so_xd` is not among the report's `from`.
    UnknownSubmitter = "unknown-submitter", Error,
        "a report is submitted by an owner that does not send it",
        "báo cáo được ghi là do cơ quan không có trách nhiệm gửi nộp";
    /// `grdp 2023 = 7.9` twice.
    DuplicateFact = "duplicate-fact", Error,
        "the same fact is reported twice",
        "cùng một dữ kiện được báo cáo hai lần";
    /// `facts "371/KH-UBND"` for the plan `370/KH-UBND`.
    FactPlanMismatch = "fact-plan-mismatch", Error,
        "the facts are for another plan",
        "dữ kiện thuộc về kế hoạch khác";
    // fmt
    /// A defect of `kehoach fmt`: its output would parse to a different plan, so it refuses to write it.
    FormatChangesMeaning = "format-changes-meaning", Error,
        "formatting would change the meaning of the plan",
        "định dạng lại sẽ làm thay đổi ý nghĩa của kế hoạch";
    // The JavaScript API (`wasm/`).
    /// `check(42)`, or `formFields({ "a.plan": …, "b.plan": … })` with two plans and no `{ plan }` option.
    InvalidArgument = "invalid-argument", Error,
        "an argument of the JavaScript API has the wrong shape",
        "tham số truyền cho API JavaScript không đúng dạng";
}

impl Code {
    #[cfg(feature = "cli")]
    pub(crate) fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    #[cfg(feature = "cli")]
    pub(crate) fn summary_in(self, lang: super::Lang) -> String {
        self.summary().get(lang).to_string()
    }

    /// Whether a plan or facts can raise the code, so that a fixture and `kehoach explain`'s example can show it.
    /// `format-changes-meaning` is raised only by `kehoach fmt` on a defect of its own; `invalid-argument` only
    /// by a JavaScript call with an argument of the wrong shape.
    pub fn raised_by_input(self) -> bool {
        !matches!(self, Code::FormatChangesMeaning | Code::InvalidArgument)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
