//! Holding facts against a plan: each fact must name an item of the plan, be of the kind that item takes, fall
//! in its window and be said once. What passes is indexed by target and task for the evaluator, once.

use crate::hash::FxHashMap;

use chrono::NaiveDate;

use super::{
    Assessment, DutyAssessment, Fact, FactIndex, FactKind, Facts, Note, Observation,
    OccurrenceFacts, Submission, TaskFacts, Verdict, period_order,
};
use crate::ast::Str;
use crate::deadline::{Deadline, DeadlineError, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic, Text, escape};
use crate::limits::MAX_NOTE_CHARS;
use crate::model::{
    ItemRef, Items, Model, OwnerIx, ReportIx, Run, TargetInfo, TargetIx, TaskInfo, TaskIx,
    TaskSchedule, Window,
};
use crate::source::{Span, Spanned};
use crate::text;

/// The facts the evaluator may use, and what was wrong with the others.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// The facts that passed: each in its item's slot, sorted and within its target's window.
    pub index: FactIndex,
    /// In the order of the facts.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks facts against a plan and indexes them. Facts with an error are left out of the index, facts with a
/// warning are kept unless the warning says otherwise.
pub fn check(model: &Model, facts: &Facts) -> Checked {
    let mut c = Checker {
        model,
        out: Vec::new(),
        index: FactIndex {
            as_of: None,
            values: Items::repeat(Vec::new(), model.targets.len()),
            assessments: Items::repeat(Vec::new(), model.targets.len()),
            tasks: Items::repeat(TaskFacts::default(), model.tasks.len()),
            reports: Items::repeat(Vec::new(), model.reports.len()),
            tracks_reports: facts.tracks_reports,
            notes: Vec::new(),
        },
        seen: FxHashMap::default(),
        as_of: None,
    };
    c.header(facts);
    for fact in &facts.facts {
        c.fact(fact);
    }
    for list in &mut c.index.values {
        crate::sort::sort_by_key(list, |o| period_order(o.period));
    }
    for list in &mut c.index.assessments {
        crate::sort::sort_by_key(list, |a| period_order(a.period));
    }
    for task in &mut c.index.tasks {
        crate::sort::sort_by_key(&mut task.occurrences, |o| period_order(o.period));
        crate::sort::sort_by_key(&mut task.assessments, |a| period_order(a.period));
    }
    for list in &mut c.index.reports {
        crate::sort::sort_by_key(list, |s| (period_order(s.period), s.from));
    }
    // In the plan's order, whichever order the facts came in (JSON groups them by section, text as written).
    crate::sort::sort_by_key(&mut c.index.notes, |n| {
        (item_order(n.item), period_order(n.period))
    });
    Checked {
        index: c.index,
        diagnostics: c.out,
    }
}

/// Targets, then tasks, then reports, each in the plan's order: the order a report lists them in.
fn item_order(item: ItemRef) -> (u8, usize) {
    use crate::model::Ix;
    match item {
        ItemRef::Target(t) => (0, t.position()),
        ItemRef::Task(t) => (1, t.position()),
        ItemRef::Report(r) => (2, r.position()),
        ItemRef::Document(_) | ItemRef::Owner(_) | ItemRef::Rule(_) => (3, 0),
    }
}

/// What a fact says, for telling duplicates apart.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Slot {
    Value(TargetIx, Deadline),
    Assessed(TargetIx, Deadline),
    /// `done` and `cancelled` exclude each other: a task ends one way.
    Outcome(TaskIx),
    Progress(TaskIx),
    /// The same, for one occurrence of a recurring duty.
    OccurrenceOutcome(TaskIx, Deadline),
    OccurrenceProgress(TaskIx, Deadline),
    /// A standing duty's assessment for a period.
    DutyAssessed(TaskIx, Deadline),
    /// A report's submission by one owner for one period.
    Submission(ReportIx, Deadline, OwnerIx),
    /// A note on an item for a period.
    Note(ItemRef, Deadline),
}

/// What kind of item a fact is about, from its form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wants {
    /// `done`, `progress`, `cancelled`.
    Task,
    /// `PERIOD = N`.
    Target,
    /// `PERIOD assessed …`: a qualitative target or a standing duty.
    Assessed,
    /// `PERIOD from OWNER submitted DATE`.
    Report,
    /// `PERIOD note "…"`: any item that is reported on.
    Note,
}

impl Wants {
    fn of(kind: &FactKind) -> Wants {
        match kind {
            FactKind::Done { .. } | FactKind::Progress { .. } | FactKind::Cancelled { .. } => {
                Wants::Task
            }
            FactKind::Value { .. } => Wants::Target,
            FactKind::Assessed { .. } => Wants::Assessed,
            FactKind::Submitted { .. } => Wants::Report,
            FactKind::Note { .. } => Wants::Note,
        }
    }

    fn accepts(self, item: ItemRef) -> bool {
        matches!(
            (self, item),
            (Wants::Task, ItemRef::Task(_))
                | (Wants::Target | Wants::Assessed, ItemRef::Target(_))
                | (Wants::Assessed, ItemRef::Task(_))
                | (Wants::Report, ItemRef::Report(_))
                | (
                    Wants::Note,
                    ItemRef::Target(_) | ItemRef::Task(_) | ItemRef::Report(_)
                )
        )
    }

    /// The item, with its article, in English and Vietnamese.
    fn noun(self) -> (&'static str, &'static str) {
        match self {
            Wants::Task => ("a task", "một nhiệm vụ"),
            Wants::Target => ("a target or measure", "một chỉ tiêu hoặc số liệu"),
            Wants::Assessed => (
                "a qualitative target or a standing duty",
                "một chỉ tiêu định tính hoặc nhiệm vụ thường xuyên",
            ),
            Wants::Report => ("a report", "một báo cáo"),
            Wants::Note => (
                "a target, measure, task or report",
                "một chỉ tiêu, số liệu, nhiệm vụ hoặc báo cáo",
            ),
        }
    }
}

struct Checker<'m> {
    model: &'m Model,
    out: Vec<Diagnostic>,
    index: FactIndex,
    seen: FxHashMap<Slot, Span>,
    as_of: Option<NaiveDate>,
}

impl Checker<'_> {
    fn header(&mut self, facts: &Facts) {
        if let Some(as_of) = &facts.as_of {
            match as_of.value.to_date() {
                Some(d) => self.as_of = Some(d),
                None => self.out.push(
                    Diagnostic::new(
                        Code::MalformedFact,
                        as_of.span,
                        text!(
                            "`{}` is not a day of the calendar",
                            "`{}` không phải là ngày có thật",
                            as_of.value
                        ),
                    )
                    .with_help(text!(
                        "write the date the facts describe, e.g. `as_of 2023-09-30`",
                        "ghi ngày mà dữ kiện mô tả, ví dụ `as_of 2023-09-30`"
                    )),
                ),
            }
        }
        self.index.as_of = self.as_of;
        let (Some(given), Some(plan)) = (&facts.plan, &self.model.plan) else {
            return;
        };
        if given.value.trim() != plan.number.trim() {
            let (g, p) = (&given.value, &plan.number);
            self.out.push(
                Diagnostic::new(
                    Code::FactPlanMismatch,
                    given.span,
                    text!(
                        "these facts are for `{g}`, but the plan is `{p}`",
                        "dữ kiện này dành cho `{g}`, nhưng kế hoạch là `{p}`"
                    ),
                )
                .with_other(plan.span, text!("the plan is declared here", "kế hoạch được khai báo ở đây"))
                .with_help(text!(
                    "evaluate the plan the facts were reported for, or write `{p}` as the facts' plan number",
                    "hãy đánh giá đúng kế hoạch mà dữ kiện báo cáo, hoặc ghi số kế hoạch của dữ kiện là `{p}`"
                )),
            );
        }
    }

    fn fact(&mut self, fact: &Fact) {
        let wants = Wants::of(&fact.kind);
        let Some(item) = self.model.lookup(&fact.id.value) else {
            self.unknown(fact, wants);
            return;
        };
        if !wants.accepts(item) {
            self.kind_mismatch(fact, item, wants);
            return;
        }
        if let FactKind::Note { period, text } = &fact.kind {
            self.note(fact, item, period, text);
            return;
        }
        match item {
            ItemRef::Task(task) => self.task_fact(fact, task),
            ItemRef::Target(target) => self.target_fact(fact, target),
            ItemRef::Report(report) => self.submission(fact, report),
            ItemRef::Document(_) | ItemRef::Owner(_) | ItemRef::Rule(_) => {}
        }
    }

    fn unknown(&mut self, fact: &Fact, wants: Wants) {
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        let candidates = self
            .model
            .ids
            .iter()
            .filter(|(_, item)| wants.accepts(**item));
        let best = crate::fuzzy::best_match(name, candidates.map(|(id, _)| id.as_str()));
        let (noun, noun_vi) = match wants {
            Wants::Task => ("task", "nhiệm vụ"),
            Wants::Target => ("target or measure", "chỉ tiêu hoặc số liệu"),
            Wants::Assessed => ("target or duty", "chỉ tiêu hoặc nhiệm vụ"),
            Wants::Report => ("report", "báo cáo"),
            Wants::Note => ("item", "mục"),
        };
        let help = match best {
            Some(best) => text!("did you mean `{best}`?", "có phải ý bạn là `{best}`?"),
            None => text!(
                "use the id the plan declares for the {noun}",
                "hãy dùng mã mà kế hoạch khai báo cho {noun_vi}"
            ),
        };
        self.out.push(
            Diagnostic::new(
                Code::UnknownFact,
                fact.id.span,
                text!(
                    "unknown {noun} `{name}`{at}: the plan declares none",
                    "không có {noun_vi} `{name}`{at_vi}: kế hoạch không khai báo mã này"
                ),
            )
            .with_help(help),
        );
    }

    fn kind_mismatch(&mut self, fact: &Fact, item: ItemRef, wants: Wants) {
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        let (is, declared) = (item.noun(), self.model.span_of(item));
        let help = match item {
            ItemRef::Target(_) => text!(
                "report a target's value for a period, e.g. `{name} 2023 = 7.9`",
                "hãy báo cáo giá trị của chỉ tiêu theo kỳ, ví dụ `{name} 2023 = 7.9`"
            ),
            ItemRef::Task(_) => text!(
                "report a task with `{name} done 2023-03-31`, `{name} progress 60` or `{name} cancelled \"lý do\"`",
                "báo cáo nhiệm vụ bằng `{name} done 2023-03-31`, `{name} progress 60` hoặc `{name} cancelled \"lý do\"`"
            ),
            ItemRef::Report(_) => text!(
                "report a submission with `{name} 2023-06 from so_tc submitted 2023-06-17`",
                "báo cáo việc gửi báo cáo bằng `{name} 2023-06 from so_tc submitted 2023-06-17`"
            ),
            _ => text!(
                "facts report targets, measures, tasks and reports only",
                "dữ kiện chỉ báo cáo chỉ tiêu, số liệu, nhiệm vụ và báo cáo"
            ),
        };
        let (wanted, wanted_vi) = wants.noun();
        let mut d = Diagnostic::new(
            Code::FactKindMismatch,
            fact.id.span,
            Text::new(
                format!("`{name}`{at} is {}, not {wanted}", is.en),
                format!("`{name}`{at_vi} là {}, không phải {wanted_vi}", is.vi),
            ),
        )
        .with_help(help);
        if let Some(span) = declared {
            d = d.with_other(span, text!("declared here", "khai báo ở đây"));
        }
        self.out.push(d);
    }

    /// The first fact for a slot wins; a second is a `duplicate-fact` error.
    /// `what` names the fact in the message, made only for a duplicate.
    fn once(&mut self, slot: Slot, fact: &Fact, what: impl FnOnce() -> Text) -> bool {
        if let Some(&first) = self.seen.get(&slot) {
            let what = what();
            let (at, at_vi) = fact.place();
            self.out.push(
                Diagnostic::new(
                    Code::DuplicateFact,
                    fact.span,
                    Text::new(
                        format!("{}{at} is reported twice; this one is ignored", what.en),
                        format!("{}{at_vi} được báo cáo hai lần; lần này bị bỏ qua", what.vi),
                    ),
                )
                .with_other(first, text!("first reported here", "báo cáo lần đầu ở đây"))
                .with_help(text!("keep the right one", "hãy giữ lại dữ kiện đúng")),
            );
            return false;
        }
        self.seen.insert(slot, fact.span);
        true
    }

    fn malformed(&mut self, span: Span, message: Text, help: Text) {
        self.out
            .push(Diagnostic::new(Code::MalformedFact, span, message).with_help(help));
    }

    fn target_fact(&mut self, fact: &Fact, ix: TargetIx) {
        let Some(target) = self.model.targets.get(ix) else {
            return;
        };
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        match &fact.kind {
            FactKind::Value { period, value } => {
                if let Some(problem) = self.value_kind_problem(target, fact) {
                    self.push_mismatch(fact, target, problem);
                    return;
                }
                let Some(deadline) = self.target_period(period, fact, target) else {
                    return;
                };
                let what = || {
                    text!(
                        "the value of `{name}` for {deadline}",
                        "giá trị của `{name}` kỳ {deadline}"
                    )
                };
                if self.once(Slot::Value(ix, deadline), fact, what) {
                    if let Some(list) = self.index.values.get_mut(ix) {
                        list.push(Observation {
                            period: deadline,
                            value: value.value,
                        });
                    }
                }
            }
            FactKind::Assessed {
                period, verdict, ..
            } => {
                if !target.is_qualitative() {
                    let problem = if target.goal.is_some() {
                        text!(
                            "`{name}`{at} has a numeric goal: it is judged on values, not assessments",
                            "`{name}`{at_vi} có chỉ tiêu định lượng: được đánh giá theo giá trị, không theo nhận định"
                        )
                    } else {
                        text!(
                            "`{name}`{at} has no qualitative goal to assess",
                            "`{name}`{at_vi} không có mục tiêu định tính để nhận định"
                        )
                    };
                    self.push_mismatch(
                        fact,
                        target,
                        (
                            problem,
                            text!(
                                "report its value instead, e.g. `{name} 2023 = 7.9`",
                                "hãy báo cáo giá trị, ví dụ `{name} 2023 = 7.9`"
                            ),
                        ),
                    );
                    return;
                }
                let Some(v) = Verdict::from_word(&verdict.value) else {
                    let word = &verdict.value;
                    self.malformed(
                        verdict.span,
                        text!(
                            "`{word}`{at} is not a verdict",
                            "`{word}`{at_vi} không phải là kết luận đánh giá"
                        ),
                        text!(
                            "an assessment is `met` or `missed`, e.g. `{name} 2023 assessed met`",
                            "kết luận là `met` (đạt) hoặc `missed` (không đạt), ví dụ `{name} 2023 assessed met`"
                        ),
                    );
                    return;
                };
                let Some(deadline) = self.target_period(period, fact, target) else {
                    return;
                };
                let what = || {
                    text!(
                        "the assessment of `{name}` for {deadline}",
                        "nhận định về `{name}` kỳ {deadline}"
                    )
                };
                if self.once(Slot::Assessed(ix, deadline), fact, what) {
                    if let Some(list) = self.index.assessments.get_mut(ix) {
                        list.push(Assessment {
                            period: deadline,
                            verdict: v,
                        });
                    }
                }
            }
            FactKind::Done { .. }
            | FactKind::Progress { .. }
            | FactKind::Cancelled { .. }
            | FactKind::Submitted { .. }
            | FactKind::Note { .. } => {}
        }
    }

    /// Why a target takes no values: it is computed, or judged by assessment.
    fn value_kind_problem(&self, target: &TargetInfo, fact: &Fact) -> Option<(Text, Text)> {
        let name = &target.id;
        let (at, at_vi) = fact.place();
        if target.is_qualitative() {
            return Some((
                text!(
                    "`{name}`{at} has a qualitative goal: it is judged by assessment, not by a value",
                    "`{name}`{at_vi} có mục tiêu định tính: được đánh giá bằng nhận định, không bằng giá trị"
                ),
                text!(
                    "report an assessment, e.g. `{name} 2023 assessed met`",
                    "hãy báo cáo nhận định, ví dụ `{name} 2023 assessed met`"
                ),
            ));
        }
        let value = target.value.as_ref()?;
        let mut reads = value.reads();
        reads.sort_unstable();
        reads.dedup();
        let inputs: Vec<String> = reads
            .into_iter()
            .filter_map(|t| self.model.targets.get(t))
            .map(|t| format!("`{}`", t.id))
            .collect();
        let inputs = inputs.join(", ");
        Some((
            text!(
                "`{name}`{at} is computed by the plan (`value = …`), so it takes no reported value",
                "`{name}`{at_vi} được kế hoạch tính toán (`value = …`), nên không nhận giá trị báo cáo"
            ),
            text!(
                "report what it is computed from instead: {inputs}",
                "hãy báo cáo các số liệu dùng để tính: {inputs}"
            ),
        ))
    }

    fn push_mismatch(&mut self, fact: &Fact, target: &TargetInfo, (message, help): (Text, Text)) {
        let (at, at_vi) = fact.place();
        let message = Text::new(
            format!("{}{at}", message.en),
            format!("{}{at_vi}", message.vi),
        );
        self.out.push(
            Diagnostic::new(Code::FactKindMismatch, fact.span, message)
                .with_other(target.span, text!("declared here", "khai báo ở đây"))
                .with_help(help),
        );
    }

    /// The period of a fact about a target, when it is a period of the calendar inside the target's window.
    fn target_period(
        &mut self,
        period: &Spanned<DeadlineLit>,
        fact: &Fact,
        target: &TargetInfo,
    ) -> Option<crate::deadline::Deadline> {
        let deadline = self.period(period, fact)?;
        if !self.in_window(fact, target, deadline) {
            return None;
        }
        self.warn_after_as_of(fact, deadline.first_day());
        Some(deadline)
    }

    /// The period a fact names, with the year of a one-year plan for `Q2`.
    fn period(
        &mut self,
        period: &Spanned<DeadlineLit>,
        fact: &Fact,
    ) -> Option<crate::deadline::Deadline> {
        let plan_year = self.model.period().and_then(|p| p.single_year());
        let written = period.value.to_string();
        let (at, at_vi) = fact.place();
        match period.value.resolve(plan_year) {
            Ok(d) => Some(d),
            Err(DeadlineError::Invalid) => {
                self.malformed(
                    period.span,
                    text!("`{written}`{at} is not a period of the calendar", "`{written}`{at_vi} không phải là kỳ có thật"),
                    text!(
                        "a day `2023-09-30`, a month `2023-07`, a quarter `2023-Q1`…`Q4`, a half `2023-H1`/`H2`, the first months `2023-9M` or a year `2023`",
                        "ngày `2023-09-30`, tháng `2023-07`, quý `2023-Q1`…`Q4`, nửa năm `2023-H1`/`H2`, số tháng đầu năm `2023-9M` hoặc năm `2023`"
                    ),
                );
                None
            }
            Err(DeadlineError::NeedsYear) => {
                self.malformed(
                    period.span,
                    text!(
                        "`{written}`{at} needs a year: the plan spans several years",
                        "`{written}`{at_vi} cần ghi năm: kế hoạch kéo dài nhiều năm"
                    ),
                    text!(
                        "write the year, e.g. `2023-{written}`",
                        "hãy ghi năm, ví dụ `2023-{written}`"
                    ),
                );
                None
            }
        }
    }

    /// Whether the period lies in the target's window; a warning (and the fact unused) when not.
    fn in_window(
        &mut self,
        fact: &Fact,
        target: &TargetInfo,
        period: crate::deadline::Deadline,
    ) -> bool {
        let Some(window) = target.window else {
            return true;
        };
        let start = window_start(self.model, target, window);
        let end = window.last_day();
        let first = period.first_day();
        let fits = start.is_none_or(|s| first.is_some_and(|f| s <= f))
            && end.is_none_or(|e| period.last_day() <= e);
        if fits {
            return true;
        }
        let (name, key) = (&fact.id.value, period.key());
        let (at, at_vi) = fact.place();
        let shown = window.to_string();
        let from = start.map_or_else(String::new, |s| s.to_string());
        let to = end.map_or_else(String::new, |e| e.to_string());
        self.out.push(
            Diagnostic::new(
                Code::FactOutsideWindow,
                fact.span,
                text!(
                    "{key} is outside the window of `{name}` ({shown}){at}; the fact is not used",
                    "kỳ {key} nằm ngoài thời gian đánh giá của `{name}` ({shown}){at_vi}; dữ kiện không được dùng"
                ),
            )
            .with_other(target.span, text!("`{name}` is judged {shown}", "`{name}` được đánh giá {shown}"))
            .with_help(text!(
                "report periods from {from} to {to}, or check the period key",
                "hãy báo cáo các kỳ từ {from} đến {to}, hoặc kiểm tra lại kỳ"
            )),
        );
        false
    }

    /// A fact dated after the facts' own `as_of` gets a warning and is kept: an evaluation at a later `--as-of`
    /// uses it, one at the facts' date does not.
    fn warn_after_as_of(&mut self, fact: &Fact, date: Option<NaiveDate>) {
        let (Some(as_of), Some(date)) = (self.as_of, date) else {
            return;
        };
        if date > as_of {
            let (at, at_vi) = fact.place();
            self.out.push(
                Diagnostic::new(
                    Code::FactAfterAsOf,
                    fact.span,
                    text!(
                        "this fact{at} is dated {date}, after the facts' `as_of` {as_of}",
                        "dữ kiện này{at_vi} có ngày {date}, sau ngày báo cáo `as_of` {as_of}"
                    ),
                )
                .with_help(text!(
                    "check the date, or move `as_of` to the day the facts were gathered",
                    "hãy kiểm tra lại ngày, hoặc đặt `as_of` là ngày thu thập dữ kiện"
                )),
            );
        }
    }

    /// What a task's fact must name, by its schedule: a one-off task's facts name no period, a recurring duty's
    /// name one of its occurrences, a standing duty is assessed for a period (or cancelled as a whole).
    fn task_fact(&mut self, fact: &Fact, ix: TaskIx) {
        let Some(task) = self.model.tasks.get(ix) else {
            return;
        };
        let period = fact.kind.period();
        let assessed = matches!(fact.kind, FactKind::Assessed { .. });
        match (task.schedule, period) {
            (TaskSchedule::Once { .. }, None) if !assessed => self.outcome(fact, ix, None),
            (TaskSchedule::Every(schedule), Some(period)) if !assessed => {
                let Some(deadline) = self.period(period, fact) else {
                    return;
                };
                let run = self.run_for(deadline);
                if schedule.occurrence_of(deadline, run).is_none() {
                    self.no_occurrence(fact, period, task.span, &schedule.to_string());
                    return;
                }
                self.outcome(fact, ix, Some(deadline));
            }
            (TaskSchedule::Ongoing, Some(period)) if assessed => {
                self.duty_assessment(fact, ix, period);
            }
            (TaskSchedule::Ongoing, None) if matches!(fact.kind, FactKind::Cancelled { .. }) => {
                self.outcome(fact, ix, None);
            }
            (schedule, _) => self.schedule_mismatch(fact, task, schedule),
        }
    }

    /// The days the plan's occurrences run over; a plan with neither `issued` nor `period` nor `as_of` is dated
    /// by the period the fact names, so that only the fact's shape is checked.
    fn run_for(&self, period: Deadline) -> Run {
        self.model.run(self.as_of).unwrap_or(Run {
            first: period.first_day().unwrap_or(period.last_day()),
            last: None,
        })
    }

    /// `unknown-occurrence`: the period is not one of the recurrence's within the plan's run.
    fn no_occurrence(
        &mut self,
        fact: &Fact,
        period: &Spanned<DeadlineLit>,
        declared: Span,
        every: &str,
    ) {
        let (name, written) = (&fact.id.value, period.value.to_string());
        let (at, at_vi) = fact.place();
        let run = self.model.run(self.as_of);
        let starts = run.map_or_else(String::new, |r| r.first.to_string());
        let help = match run.and_then(|r| r.last) {
            Some(last) => text!(
                "`{name}` recurs `every {every}` from {starts} to {last}: name one of its periods (a month `2021-06`, a quarter `2021-Q2`, a half `2021-H1` or a year `2021`, as it recurs) whose due day falls in that span",
                "`{name}` lặp lại `every {every}` từ {starts} đến {last}: hãy ghi một kỳ của nó (tháng `2021-06`, quý `2021-Q2`, nửa năm `2021-H1` hoặc năm `2021`, theo chu kỳ) có hạn nằm trong khoảng đó"
            ),
            None => text!(
                "`{name}` recurs `every {every}`: name one of its periods (a month `2021-06`, a quarter `2021-Q2`, a half `2021-H1` or a year `2021`, as it recurs), due on or after the plan's issue",
                "`{name}` lặp lại `every {every}`: hãy ghi một kỳ của nó (tháng `2021-06`, quý `2021-Q2`, nửa năm `2021-H1` hoặc năm `2021`, theo chu kỳ), có hạn từ ngày ban hành kế hoạch"
            ),
        };
        self.out.push(
            Diagnostic::new(
                Code::UnknownOccurrence,
                period.span,
                text!(
                    "`{name}` has no occurrence `{written}`{at}; the fact is not used",
                    "`{name}` không có kỳ `{written}`{at_vi}; dữ kiện không được dùng"
                ),
            )
            .with_other(
                declared,
                text!("recurs `every {every}`", "lặp lại `every {every}`"),
            )
            .with_help(help),
        );
    }

    /// `fact-kind-mismatch`: a fact whose form does not fit the task's schedule.
    fn schedule_mismatch(&mut self, fact: &Fact, task: &TaskInfo, schedule: TaskSchedule) {
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        let (message, help) = match schedule {
            TaskSchedule::Once { .. } => (
                text!(
                    "`{name}`{at} is a one-off task: its facts name no period",
                    "`{name}`{at_vi} là nhiệm vụ làm một lần: dữ kiện của nó không ghi kỳ"
                ),
                text!(
                    "write `{name} done 2021-06-30`, `{name} progress 60` or `{name} cancelled \"lý do\"`; a duty that recurs is declared with `every`, a standing one with `ongoing`",
                    "viết `{name} done 2021-06-30`, `{name} progress 60` hoặc `{name} cancelled \"lý do\"`; nhiệm vụ lặp lại khai báo bằng `every`, nhiệm vụ thường xuyên bằng `ongoing`"
                ),
            ),
            TaskSchedule::Every(every) => (
                text!(
                    "`{name}`{at} recurs `every {every}`: each fact names the occurrence it is about",
                    "`{name}`{at_vi} lặp lại `every {every}`: mỗi dữ kiện phải ghi kỳ mà nó nói tới"
                ),
                text!(
                    "write the occurrence's period before the fact, e.g. `{name} 2021 done 2021-11-20` or `{name} 2021-Q1 progress 60`",
                    "ghi kỳ trước dữ kiện, ví dụ `{name} 2021 done 2021-11-20` hoặc `{name} 2021-Q1 progress 60`"
                ),
            ),
            TaskSchedule::Ongoing => (
                text!(
                    "`{name}`{at} is a standing duty (`ongoing`): it is never done, it is assessed for each period",
                    "`{name}`{at_vi} là nhiệm vụ thường xuyên (`ongoing`): không có ngày hoàn thành, được đánh giá theo từng kỳ"
                ),
                text!(
                    "write `{name} 2021-Q2 assessed met \"ghi chú\"` (or `missed`), or `{name} cancelled \"lý do\"` when the duty ends",
                    "viết `{name} 2021-Q2 assessed met \"ghi chú\"` (hoặc `missed`), hoặc `{name} cancelled \"lý do\"` khi nhiệm vụ chấm dứt"
                ),
            ),
        };
        let message = Text::new(message.en, message.vi);
        self.out.push(
            Diagnostic::new(Code::FactKindMismatch, fact.span, message)
                .with_other(task.span, text!("declared here", "khai báo ở đây"))
                .with_help(help),
        );
    }

    /// A standing duty's assessment: a verdict and a note for a period that overlaps the plan's run.
    fn duty_assessment(&mut self, fact: &Fact, ix: TaskIx, period: &Spanned<DeadlineLit>) {
        let FactKind::Assessed { verdict, note, .. } = &fact.kind else {
            return;
        };
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        let Some(v) = Verdict::from_word(&verdict.value) else {
            let word = &verdict.value;
            self.malformed(
                verdict.span,
                text!(
                    "`{word}`{at} is not a verdict",
                    "`{word}`{at_vi} không phải là kết luận đánh giá"
                ),
                text!(
                    "an assessment is `met` or `missed`, e.g. `{name} 2021-Q2 assessed met \"ghi chú\"`",
                    "kết luận là `met` (đạt) hoặc `missed` (không đạt), ví dụ `{name} 2021-Q2 assessed met \"ghi chú\"`"
                ),
            );
            return;
        };
        if let Some(note) = note
            && !self.note_text(fact, note)
        {
            return;
        }
        let Some(deadline) = self.period(period, fact) else {
            return;
        };
        let run = self.run_for(deadline);
        let overlaps = deadline.last_day() >= run.first
            && deadline.first_day().is_some_and(|f| f <= run.end());
        if !overlaps {
            let (written, starts, end) = (
                period.value.to_string(),
                run.first.to_string(),
                run.end().to_string(),
            );
            let declared = self.model.tasks.get(ix).map(|t| t.span);
            let mut d = Diagnostic::new(
                Code::UnknownOccurrence,
                period.span,
                text!(
                    "`{written}`{at} lies outside the plan, which runs from {starts} to {end}; the assessment is not used",
                    "kỳ `{written}`{at_vi} nằm ngoài kế hoạch, vốn kéo dài từ {starts} đến {end}; đánh giá không được dùng"
                ),
            )
            .with_help(text!(
                "assess `{name}` for a period of the plan",
                "hãy đánh giá `{name}` cho một kỳ trong kế hoạch"
            ));
            if let Some(span) = declared {
                d = d.with_other(span, text!("a standing duty", "nhiệm vụ thường xuyên"));
            }
            self.out.push(d);
            return;
        }
        self.warn_after_as_of(fact, deadline.first_day());
        let what = || {
            text!(
                "the assessment of `{name}` for {deadline}",
                "đánh giá về `{name}` kỳ {deadline}"
            )
        };
        if self.once(Slot::DutyAssessed(ix, deadline), fact, what)
            && let Some(t) = self.index.tasks.get_mut(ix)
        {
            t.assessments.push(DutyAssessment {
                period: deadline,
                verdict: v,
                note: note.as_ref().map(|n| n.value.clone()),
            });
        }
    }

    /// A note on an item for a period that overlaps the plan's run: one line of bounded length, said once.
    fn note(&mut self, fact: &Fact, item: ItemRef, period: &Spanned<DeadlineLit>, text: &Str) {
        let valid_text = self.note_text(fact, text);
        let Some(deadline) = self.period(period, fact) else {
            return;
        };
        if !valid_text {
            return;
        }
        let run = self.run_for(deadline);
        let overlaps = deadline.last_day() >= run.first
            && deadline.first_day().is_some_and(|f| f <= run.end());
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        if !overlaps {
            let (key, starts, end) = (deadline.key(), run.first.to_string(), run.end().to_string());
            let mut d = Diagnostic::new(
                Code::FactOutsideWindow,
                period.span,
                text!(
                    "the note on `{name}` for {key}{at} lies outside the plan, which runs from {starts} to {end}; it is not shown",
                    "ghi chú về `{name}` kỳ {key}{at_vi} nằm ngoài kế hoạch, vốn kéo dài từ {starts} đến {end}; ghi chú không được hiển thị"
                ),
            )
            .with_help(text!(
                "write the note for the period the report covers",
                "hãy ghi chú cho kỳ mà báo cáo đề cập"
            ));
            if let Some(span) = self.model.span_of(item) {
                d = d.with_other(span, text!("declared here", "khai báo ở đây"));
            }
            self.out.push(d);
            return;
        }
        self.warn_after_as_of(fact, deadline.first_day());
        let what = || {
            text!(
                "the note on `{name}` for {deadline}",
                "ghi chú về `{name}` kỳ {deadline}"
            )
        };
        if self.once(Slot::Note(item, deadline), fact, what) {
            self.index.notes.push(Note {
                item,
                period: deadline,
                text: text.value.clone(),
            });
        }
    }

    /// Whether a note's text may be kept: not empty, one line without control characters or bidirectional
    /// overrides (a note is shown in terminals, Markdown and HTML, and must not steer any of them), and at most
    /// [`MAX_NOTE_CHARS`] characters. `malformed-fact` otherwise.
    fn note_text(&mut self, fact: &Fact, text: &Str) -> bool {
        let (at, at_vi) = fact.place();
        let chars = text.value.chars().count();
        if text.value.trim().is_empty() {
            self.malformed(
                text.span,
                text!("an empty note{at}", "ghi chú trống{at_vi}"),
                text!(
                    "write what the period brought (results, difficulties, proposals), or leave the note out",
                    "hãy ghi kết quả, khó khăn, kiến nghị của kỳ, hoặc bỏ ghi chú"
                ),
            );
            return false;
        }
        if chars > MAX_NOTE_CHARS {
            self.malformed(
                text.span,
                text!(
                    "a note of {chars} characters{at}: at most {MAX_NOTE_CHARS} are kept",
                    "ghi chú dài {chars} ký tự{at_vi}: tối đa {MAX_NOTE_CHARS} ký tự"
                ),
                text!(
                    "shorten the note to the essentials, and attach the full report as a document",
                    "hãy rút gọn ghi chú, và đính kèm báo cáo đầy đủ như một văn bản"
                ),
            );
            return false;
        }
        if let Some(c) = text.value.chars().find(|&c| escape::is_hidden(c)) {
            let mut shown = String::new();
            escape::push_escape(&mut shown, c);
            self.malformed(
                text.span,
                text!(
                    "a note with the control character `{shown}`{at}",
                    "ghi chú chứa ký tự điều khiển `{shown}`{at_vi}"
                ),
                text!(
                    "a note is one line of plain text: write line breaks as `; ` and leave out control characters",
                    "ghi chú là một dòng văn bản thường: thay xuống dòng bằng `; ` và bỏ các ký tự điều khiển"
                ),
            );
            return false;
        }
        true
    }

    /// A report's submission: a period the report recurs in, an owner that sends it, a day.
    fn submission(&mut self, fact: &Fact, ix: ReportIx) {
        let (Some(report), FactKind::Submitted { period, from, date }) =
            (self.model.reports.get(ix), &fact.kind)
        else {
            return;
        };
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        let Some(deadline) = self.period(period, fact) else {
            return;
        };
        let Some(every) = report.every else {
            self.out.push(
                Diagnostic::new(
                    Code::UnknownOccurrence,
                    period.span,
                    text!(
                        "`{name}` has no `every`, so it has no periods to be submitted for{at}; the fact is not used",
                        "`{name}` không có `every` nên không có kỳ nào để gửi{at_vi}; dữ kiện không được dùng"
                    ),
                )
                .with_other(report.span, text!("declared without `every`", "khai báo không có `every`"))
                .with_help(text!(
                    "say how often it is due in the plan, e.g. `every month by day 20`",
                    "ghi chu kỳ báo cáo trong kế hoạch, ví dụ `every month by day 20`"
                )),
            );
            return;
        };
        let run = self.run_for(deadline);
        if every.occurrence_of(deadline, run).is_none() {
            self.no_occurrence(fact, period, report.span, &every.to_string());
            return;
        }
        let submitters = self.model.answerable(&report.from);
        let owner = match self.model.lookup(&from.value) {
            Some(ItemRef::Owner(o)) if submitters.contains(&o) => o,
            _ => {
                let names: Vec<&str> = submitters
                    .iter()
                    .filter_map(|&o| self.model.owners.get(o))
                    .map(|o| o.id.as_str())
                    .collect();
                let who = &from.value;
                let list = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let help = match crate::fuzzy::best_match(who, names.iter().copied()) {
                    Some(best) => text!(
                        "did you mean `{best}`? `{name}` is sent by {list}",
                        "có phải ý bạn là `{best}`? `{name}` do {list} gửi"
                    ),
                    None => text!(
                        "`{name}` is sent by {list} (a group with members: each member)",
                        "`{name}` do {list} gửi (nhóm có thành viên: từng thành viên gửi)"
                    ),
                };
                self.out.push(
                    Diagnostic::new(
                        Code::UnknownSubmitter,
                        from.span,
                        text!(
                            "`{who}` does not send `{name}`{at}; the fact is not used",
                            "`{who}` không có trách nhiệm gửi `{name}`{at_vi}; dữ kiện không được dùng"
                        ),
                    )
                    .with_other(report.span, text!("its senders are its `from`", "cơ quan gửi là `from` của báo cáo"))
                    .with_help(help),
                );
                return;
            }
        };
        let Some(day) = date.value.to_date() else {
            let written = date.value;
            self.malformed(
                date.span,
                text!(
                    "`{written}`{at} is not a day of the calendar",
                    "`{written}`{at_vi} không phải là ngày có thật"
                ),
                text!(
                    "write the day the report was received, e.g. `{name} {deadline} from {} submitted 2023-06-17`",
                    "ghi ngày nhận báo cáo, ví dụ `{name} {deadline} from {} submitted 2023-06-17`",
                    from.value
                ),
            );
            return;
        };
        self.warn_after_as_of(fact, Some(day));
        let who = &from.value;
        let what = || {
            text!(
                "the submission of `{name}` for {deadline} by `{who}`",
                "việc gửi `{name}` kỳ {deadline} của `{who}`"
            )
        };
        if self.once(Slot::Submission(ix, deadline, owner), fact, what)
            && let Some(list) = self.index.reports.get_mut(ix)
        {
            list.push(Submission {
                period: deadline,
                from: owner,
                date: day,
            });
        }
    }

    /// Records what became of a task, or of one occurrence of a recurring duty, once.
    fn record(&mut self, fact: &Fact, ix: TaskIx, occurrence: Option<Deadline>, record: Record) {
        let name = &fact.id.value;
        let progress = matches!(record, Record::Progress(_));
        let slot = match (progress, occurrence) {
            (true, None) => Slot::Progress(ix),
            (false, None) => Slot::Outcome(ix),
            (true, Some(p)) => Slot::OccurrenceProgress(ix, p),
            (false, Some(p)) => Slot::OccurrenceOutcome(ix, p),
        };
        let what = || {
            let of = occurrence.map_or_else(String::new, |p| format!(" for {p}"));
            let of_vi = occurrence.map_or_else(String::new, |p| format!(" kỳ {p}"));
            if progress {
                text!(
                    "the progress of `{name}`{of}",
                    "tiến độ của `{name}`{of_vi}"
                )
            } else {
                text!("the outcome of `{name}`{of}", "kết quả của `{name}`{of_vi}")
            }
        };
        if !self.once(slot, fact, what) {
            return;
        }
        let Some(t) = self.index.tasks.get_mut(ix) else {
            return;
        };
        let (done, progress, cancelled) = match occurrence {
            None => (&mut t.done, &mut t.progress, &mut t.cancelled),
            Some(period) => {
                let at = match t.occurrences.iter().position(|o| o.period == period) {
                    Some(at) => at,
                    None => {
                        t.occurrences.push(OccurrenceFacts {
                            period,
                            done: None,
                            progress: None,
                            cancelled: None,
                        });
                        t.occurrences.len() - 1
                    }
                };
                let Some(o) = t.occurrences.get_mut(at) else {
                    return;
                };
                (&mut o.done, &mut o.progress, &mut o.cancelled)
            }
        };
        match record {
            Record::Done(day) => *done = Some(day),
            Record::Progress(p) => *progress = Some(p),
            Record::Cancelled(reason) => *cancelled = Some(reason),
        }
    }

    /// What became of a one-off task (`occurrence` is `None`) or of one occurrence of a recurring duty.
    fn outcome(&mut self, fact: &Fact, ix: TaskIx, occurrence: Option<Deadline>) {
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        match &fact.kind {
            FactKind::Done { date, .. } => {
                let Some(day) = date.value.to_date() else {
                    let written = date.value;
                    self.malformed(
                        date.span,
                        text!(
                            "`{written}`{at} is not a day of the calendar",
                            "`{written}`{at_vi} không phải là ngày có thật"
                        ),
                        text!(
                            "write the day the task was finished, e.g. `{name} done 2023-03-31`",
                            "ghi ngày hoàn thành nhiệm vụ, ví dụ `{name} done 2023-03-31`"
                        ),
                    );
                    return;
                };
                if let Some((issued, span)) = self
                    .model
                    .plan
                    .as_ref()
                    .and_then(|p| Some((p.issued?, p.issued_span.unwrap_or(p.span))))
                    .filter(|(issued, _)| day < *issued)
                {
                    self.out.push(
                        Diagnostic::new(
                            Code::FactBeforeIssue,
                            date.span,
                            text!(
                                "`{name}` is reported done on {day}{at}, before the plan was issued on {issued}",
                                "`{name}` được báo hoàn thành ngày {day}{at_vi}, trước ngày ban hành kế hoạch {issued}"
                            ),
                        )
                        .with_other(span, text!("issued here", "ngày ban hành"))
                        .with_help(text!(
                            "check the date; work finished before the plan counts as done on time",
                            "hãy kiểm tra lại ngày; việc hoàn thành trước kế hoạch được tính là đúng hạn"
                        )),
                    );
                }
                self.warn_after_as_of(fact, Some(day));
                self.record(fact, ix, occurrence, Record::Done(day));
            }
            FactKind::Progress { value: p, .. } => {
                if p.value < rust_decimal::Decimal::ZERO
                    || p.value > rust_decimal::Decimal::ONE_HUNDRED
                {
                    let v = p.value;
                    self.malformed(
                        p.span,
                        text!(
                            "progress {v}{at} is not a percentage from 0 to 100",
                            "tiến độ {v}{at_vi} không phải là phần trăm từ 0 đến 100"
                        ),
                        text!(
                            "write the share done, e.g. `{name} progress 60` for 60 %",
                            "ghi phần đã làm, ví dụ `{name} progress 60` cho 60 %"
                        ),
                    );
                    return;
                }
                self.record(fact, ix, occurrence, Record::Progress(p.value));
            }
            FactKind::Cancelled { reason, .. } => {
                let reason = reason.as_ref().map(|r| r.value.clone());
                self.record(fact, ix, occurrence, Record::Cancelled(reason));
            }
            FactKind::Value { .. }
            | FactKind::Assessed { .. }
            | FactKind::Submitted { .. }
            | FactKind::Note { .. } => {}
        }
    }
}

/// What a fact says became of a task or an occurrence.
enum Record {
    Done(NaiveDate),
    Progress(rust_decimal::Decimal),
    Cancelled(Option<String>),
}

/// The first day a target's facts may describe: the start of a `yearly` or `average` span; for `by`, the start of
/// the plan period or of the baseline's period, whichever is earlier.
pub(crate) fn window_start(
    model: &Model,
    target: &TargetInfo,
    window: Window,
) -> Option<NaiveDate> {
    match window {
        Window::Yearly { from, .. } | Window::Average { from, .. } => {
            NaiveDate::from_ymd_opt(from, 1, 1)
        }
        Window::By(_) => {
            let plan = model.period().and_then(|p| p.first_day());
            let baseline = target.baseline.and_then(|(_, p)| p.first_day());
            match (plan, baseline) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        }
    }
}
