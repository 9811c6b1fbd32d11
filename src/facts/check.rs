//! Holding facts against a plan: each fact must name an item of the plan, be of the kind that item takes, fall
//! in its window and be said once. What passes is indexed by target and task for the evaluator, once.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::{
    Assessment, Fact, FactIndex, FactKind, Facts, Observation, TaskFacts, Verdict, period_order,
};
use crate::deadline::{Deadline, DeadlineError, DeadlineLit};
use crate::diagnostics::{Code, Diagnostic, Text};
use crate::model::{ItemRef, Items, Model, TargetInfo, TargetIx, TaskIx, Window};
use crate::source::{Span, Spanned};
use crate::text;

/// The facts the evaluator may use, and what was wrong with the others.
#[derive(Clone, Debug, Default)]
pub struct Checked {
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
        },
        seen: FxHashMap::default(),
        as_of: None,
    };
    c.header(facts);
    for fact in &facts.facts {
        c.fact(fact);
    }
    for list in &mut c.index.values {
        list.sort_by_key(|o| period_order(o.period));
    }
    for list in &mut c.index.assessments {
        list.sort_by_key(|a| period_order(a.period));
    }
    Checked {
        index: c.index,
        diagnostics: c.out,
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
        let wants_task = matches!(
            fact.kind,
            FactKind::Done(_) | FactKind::Progress(_) | FactKind::Cancelled(_)
        );
        let Some(item) = self.model.lookup(&fact.id.value) else {
            self.unknown(fact, wants_task);
            return;
        };
        match (item, wants_task) {
            (ItemRef::Task(task), true) => self.task_fact(fact, task),
            (ItemRef::Target(target), false) => self.target_fact(fact, target),
            (other, _) => self.kind_mismatch(fact, other, wants_task),
        }
    }

    fn unknown(&mut self, fact: &Fact, wants_task: bool) {
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        let candidates = self.model.ids.iter().filter(|(_, item)| {
            if wants_task {
                matches!(item, ItemRef::Task(_))
            } else {
                matches!(item, ItemRef::Target(_))
            }
        });
        let best = crate::fuzzy::best_match(name, candidates.map(|(id, _)| id.as_str()));
        let (noun, noun_vi) = if wants_task {
            ("task", "nhiệm vụ")
        } else {
            ("target or measure", "chỉ tiêu hoặc số liệu")
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

    fn kind_mismatch(&mut self, fact: &Fact, item: ItemRef, wants_task: bool) {
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        let (is, declared) = (item.noun(), self.model.span_of(item));
        let help = match (item, wants_task) {
            (ItemRef::Target(_), true) => text!(
                "report a target's value for a period, e.g. `{name} 2023 = 7.9`",
                "hãy báo cáo giá trị của chỉ tiêu theo kỳ, ví dụ `{name} 2023 = 7.9`"
            ),
            (ItemRef::Task(_), false) => text!(
                "report a task with `{name} done 2023-03-31`, `{name} progress 60` or `{name} cancelled \"lý do\"`",
                "báo cáo nhiệm vụ bằng `{name} done 2023-03-31`, `{name} progress 60` hoặc `{name} cancelled \"lý do\"`"
            ),
            _ => text!(
                "facts report targets, measures and tasks only",
                "dữ kiện chỉ báo cáo chỉ tiêu, số liệu và nhiệm vụ"
            ),
        };
        let (wanted, wanted_vi) = if wants_task {
            ("a task", "một nhiệm vụ")
        } else {
            ("a target or measure", "một chỉ tiêu hoặc số liệu")
        };
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
            FactKind::Assessed { period, verdict } => {
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
            FactKind::Done(_) | FactKind::Progress(_) | FactKind::Cancelled(_) => {}
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
                        "a day `2023-09-30`, a month `2023-07`, a quarter `2023-Q1`…`Q4`, a half `2023-H1`/`H2` or a year `2023`",
                        "ngày `2023-09-30`, tháng `2023-07`, quý `2023-Q1`…`Q4`, nửa năm `2023-H1`/`H2` hoặc năm `2023`"
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
        let from = start.map_or_else(String::new, |s| s.format("%Y-%m-%d").to_string());
        let to = end.map_or_else(String::new, |e| e.format("%Y-%m-%d").to_string());
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

    fn task_fact(&mut self, fact: &Fact, ix: TaskIx) {
        if self.model.tasks.get(ix).is_none() {
            return;
        }
        let name = &fact.id.value;
        let (at, at_vi) = fact.place();
        match &fact.kind {
            FactKind::Done(date) => {
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
                let what = || text!("the outcome of `{name}`", "kết quả của `{name}`");
                if self.once(Slot::Outcome(ix), fact, what) {
                    if let Some(t) = self.index.tasks.get_mut(ix) {
                        t.done = Some(day);
                    }
                }
            }
            FactKind::Progress(p) => {
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
                let what = || text!("the progress of `{name}`", "tiến độ của `{name}`");
                if self.once(Slot::Progress(ix), fact, what) {
                    if let Some(t) = self.index.tasks.get_mut(ix) {
                        t.progress = Some(p.value);
                    }
                }
            }
            FactKind::Cancelled(reason) => {
                let what = || text!("the outcome of `{name}`", "kết quả của `{name}`");
                if self.once(Slot::Outcome(ix), fact, what) {
                    if let Some(t) = self.index.tasks.get_mut(ix) {
                        t.cancelled = Some(reason.as_ref().map(|r| r.value.clone()));
                    }
                }
            }
            FactKind::Value { .. } | FactKind::Assessed { .. } => {}
        }
    }
}

/// The first day a target's facts may describe: the start of a `yearly` or `average` span; for `by`, the start of
/// the plan period or of the baseline's period, whichever is earlier.
pub fn window_start(model: &Model, target: &TargetInfo, window: Window) -> Option<NaiveDate> {
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
