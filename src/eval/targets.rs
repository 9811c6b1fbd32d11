//! Target statuses: derived values first (in the model's dependency order), then every target judged on its
//! window — `by` a deadline, `yearly`, or the `average` of yearly values — with `~` goals taken with the plan's
//! `approx`, the trajectory from a `baseline`, and qualitative goals judged by assessments.

use std::borrow::Cow;

use crate::hash::FxHashSet;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::expr::{Env, Value, explain};
use super::report::{
    Actual, AssessmentResult, AverageResult, MeasureValue, Number, TargetJudgement, YearResult,
};
use super::rollup::Tally;
use super::status::TargetStatus;
use super::tasks::Outcomes;
use super::{Explanation, Options};
use crate::facts::{Assessment, FactIndex, Observation, Verdict};
use crate::model::{
    ExprKind, Goal, Items, Model, TargetInfo, TargetIx, TargetKind, TaskIx, Window,
};

/// Every target judged, and the latest value of each for rules.
pub struct Evaluated<'i> {
    /// `None` only where nothing judged a target (it cannot happen; then it has no data).
    judged: Items<TargetIx, Option<Judged>>,
    series: Items<TargetIx, Series<'i>>,
}

/// The values of one target visible at `as_of`: reported, or computed for derived targets.
#[derive(Clone, Debug, Default)]
struct Series<'i> {
    /// The facts' own list when every value is visible (the usual case: no copy), else the visible ones.
    values: Cow<'i, [Observation]>,
    /// Why a derived target has no values.
    problem: Option<Explanation>,
}

#[derive(Clone, Debug)]
struct Judged {
    status: TargetStatus,
    reason: Option<Explanation>,
    actual: Option<Observation>,
    average: Option<AverageResult>,
    years: Vec<YearResult>,
    expected: Option<Decimal>,
    /// Whether the judged value reaches the plan's `aim`: `None` without an aim, `Some(None)` without a value.
    aim: Option<Option<bool>>,
    assessment: Option<Assessment>,
}

impl Judged {
    fn new(status: TargetStatus) -> Judged {
        Judged {
            status,
            reason: None,
            actual: None,
            average: None,
            years: Vec::new(),
            expected: None,
            aim: None,
            assessment: None,
        }
    }

    fn because(mut self, reason: Explanation) -> Judged {
        self.reason = Some(reason);
        self
    }
}

pub fn evaluate<'i>(
    model: &Model,
    index: &'i FactIndex,
    options: &Options,
    outcomes: &Outcomes,
) -> Evaluated<'i> {
    let as_of = options.as_of;
    let mut series: Items<TargetIx, Series> = model
        .targets
        .indices()
        .map(|i| {
            // The index holds only values inside their target's window (`facts::check` leaves out the rest).
            let values = index
                .values
                .get(i)
                .map(|list| {
                    let seen = |o: &Observation| o.period.begun_by(as_of);
                    if list.iter().all(seen) {
                        Cow::Borrowed(list.as_slice())
                    } else {
                        Cow::Owned(list.iter().filter(|o| seen(o)).copied().collect())
                    }
                })
                .unwrap_or_default();
            Series {
                values,
                problem: None,
            }
        })
        .collect();
    for &t in &model.derive_order {
        let computed = derive(model, t, &series, options, outcomes);
        if let Some(slot) = series.get_mut(t) {
            *slot = computed;
        }
    }
    // Parts come after their parent: judging backwards has every part judged before a parent that needs them.
    let mut judged: Items<TargetIx, Option<Judged>> = Items::repeat(None, model.targets.len());
    for (i, target) in model.targets.enumerate().rev() {
        let assessments: Vec<Assessment> = index
            .assessments
            .get(i)
            .map(|list| {
                list.iter()
                    .filter(|a| a.period.begun_by(as_of))
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        let empty = Series::default();
        let s = series.get(i).unwrap_or(&empty);
        let j = judge(model, target, s, &assessments, options, &judged);
        if let Some(slot) = judged.get_mut(i) {
            *slot = Some(j);
        }
    }
    Evaluated { judged, series }
}

/// How many years of `from..=to` have begun in `now`: room for one entry each (a hint, bounded).
fn years_begun(from: i32, to: i32, now: i32) -> usize {
    usize::try_from(i64::from(to.min(now)) - i64::from(from) + 1).map_or(0, |n| n.min(64))
}

/// The latest value of a period within `year`. Every period (day, month, quarter, half, year) lies in one
/// calendar year, so comparing years is comparing days, without building dates.
fn latest_in_year(values: &[Observation], year: i32) -> Option<Observation> {
    values
        .iter()
        .rev()
        .find(|o| o.period.year() == year)
        .copied()
}

fn target_id(model: &Model, t: TargetIx) -> String {
    model
        .targets
        .get(t)
        .map_or_else(|| "?".to_string(), |t| t.id.clone())
}

/// A derived target's values: its expression computed for each period in which every target it reads has a value.
fn derive(
    model: &Model,
    t: TargetIx,
    series: &Items<TargetIx, Series>,
    options: &Options,
    outcomes: &Outcomes,
) -> Series<'static> {
    let Some(expr) = model.targets.get(t).and_then(|t| t.value.as_ref()) else {
        return Series::default();
    };
    let mut inputs: Vec<TargetIx> = Vec::new();
    expr.visit(&mut |e| {
        if let ExprKind::Actual(i) = e.kind {
            if !inputs.contains(&i) {
                inputs.push(i);
            }
        }
    });
    let of = |i: TargetIx| series.get(i).map_or(&[][..], |s| &*s.values);
    let failed = |problem: Explanation| Series {
        values: Cow::Borrowed(&[]),
        problem: Some(problem),
    };
    // An input that is itself derived and failed passes its reason on.
    for &i in &inputs {
        if of(i).is_empty() {
            let id = target_id(model, i);
            let inner = series.get(i).and_then(|s| s.problem.clone());
            return failed(match inner {
                Some(p) => explain(
                    format!("input `{id}` has no value: {}", p.en),
                    format!("số liệu đầu vào `{id}` chưa có giá trị: {}", p.vi),
                ),
                None => explain(
                    format!("input `{id}` has no value reported by {}", options.as_of),
                    format!(
                        "số liệu đầu vào `{id}` chưa được báo cáo đến ngày {}",
                        options.as_of
                    ),
                ),
            });
        }
    }
    let mut periods: Vec<crate::deadline::Deadline> = match inputs.first() {
        Some(&first) => {
            let mut common: Vec<_> = of(first).iter().map(|o| o.period).collect();
            for &i in inputs.iter().skip(1) {
                let here: FxHashSet<_> = of(i).iter().map(|o| o.period).collect();
                common.retain(|p| here.contains(p));
            }
            common
        }
        // Reads no reported value: one value, at the end of the window.
        None => model
            .targets
            .get(t)
            .and_then(|t| t.window)
            .map(window_period)
            .into_iter()
            .collect(),
    };
    crate::sort::sort_by_key(&mut periods, |p| crate::facts::period_order(*p));
    periods.dedup();
    if periods.is_empty() {
        let listed: Vec<String> = inputs
            .iter()
            .map(|&i| {
                let keys: Vec<String> =
                    of(i).iter().rev().take(3).map(|o| o.period.key()).collect();
                format!("`{}`: {}", target_id(model, i), keys.join(", "))
            })
            .collect();
        let listed = listed.join("; ");
        return failed(explain(
            format!("no period in which every input has a value ({listed})"),
            format!("không có kỳ nào mà mọi số liệu đầu vào đều có giá trị ({listed})"),
        ));
    }
    let mut values = Vec::with_capacity(periods.len());
    let mut problem = None;
    for period in periods {
        let actual = |i: TargetIx| -> Result<Decimal, Explanation> {
            of(i)
                .iter()
                .find(|o| o.period == period)
                .map(|o| o.value)
                .ok_or_else(|| explain("missing input", "thiếu số liệu đầu vào"))
        };
        let task = |k: TaskIx| outcomes.of(k);
        let env = Env {
            model,
            as_of: options.as_of,
            actual: &actual,
            task: &task,
        };
        match env.eval(expr) {
            Ok(Value::Number(value)) => values.push(Observation { period, value }),
            Ok(_) => {}
            Err(e) => {
                let key = period.key();
                problem = Some(explain(
                    format!("{} (for {key})", e.en),
                    format!("{} (kỳ {key})", e.vi),
                ));
            }
        }
    }
    Series {
        problem: if values.is_empty() { problem } else { None },
        values: Cow::Owned(values),
    }
}

/// The period that stands for a whole window: its deadline, or its last year.
fn window_period(w: Window) -> crate::deadline::Deadline {
    match w {
        Window::By(d) => d,
        Window::Yearly { to, .. } | Window::Average { to, .. } => {
            crate::deadline::Deadline::Year(to)
        }
    }
}

fn judge(
    model: &Model,
    target: &TargetInfo,
    series: &Series,
    assessments: &[Assessment],
    options: &Options,
    judged: &Items<TargetIx, Option<Judged>>,
) -> Judged {
    if target.kind == TargetKind::Measure {
        return Judged::new(TargetStatus::NoData);
    }
    let Some(goal) = &target.goal else {
        return by_parts(target, judged);
    };
    if let (Goal::Text(_), Some(Window::Yearly { from, to })) = (goal, target.window) {
        return yearly(target, goal, series, assessments, options, from, to, model);
    }
    if let Goal::Text(_) = goal {
        return assessed(target, assessments, options);
    }
    if series.values.is_empty() {
        let reason = series.problem.clone().unwrap_or_else(|| no_value(options));
        return Judged::new(TargetStatus::NoData).because(reason);
    }
    match target.window {
        Some(Window::Yearly { from, to }) => {
            yearly(target, goal, series, assessments, options, from, to, model)
        }
        Some(Window::Average { from, to }) => {
            average(target, goal, series, options, from, to, model)
        }
        Some(Window::By(d)) => {
            by_deadline(target, goal, series, options, Some(d.last_day()), model)
        }
        None => by_deadline(target, goal, series, options, None, model),
    }
}

fn no_value(options: &Options) -> Explanation {
    explain(
        format!("no value reported by {}", options.as_of),
        format!(
            "chưa có giá trị nào được báo cáo đến ngày {}",
            options.as_of
        ),
    )
}

/// Whether `value` meets `goal`; `met`/`missed` once the window is over, `on-track`/`behind` before.
fn verdict(goal: &Goal, value: Decimal, over: bool, approx: Decimal) -> TargetStatus {
    let met = goal.is_met_by(value, approx).unwrap_or(false);
    match (met, over) {
        (true, true) => TargetStatus::Met,
        (false, true) => TargetStatus::Missed,
        (true, false) => TargetStatus::OnTrack,
        (false, false) => TargetStatus::Behind,
    }
}

fn aim(target: &TargetInfo, value: Option<Decimal>, approx: Decimal) -> Option<Option<bool>> {
    let aim = target.aim.as_ref()?;
    Some(value.and_then(|v| aim.is_met_by(v, approx)))
}

fn by_deadline(
    target: &TargetInfo,
    goal: &Goal,
    series: &Series,
    options: &Options,
    deadline: Option<NaiveDate>,
    model: &Model,
) -> Judged {
    let approx = model.approx();
    let Some(latest) = series.values.last().copied() else {
        return Judged::new(TargetStatus::NoData).because(no_value(options));
    };
    let over = deadline.is_some_and(|d| options.as_of > d);
    let mut status = verdict(goal, latest.value, over, approx);
    let mut expected = None;
    if status == TargetStatus::Behind {
        if let (Some((base, base_period)), Some(deadline)) = (target.baseline, deadline) {
            if let Some(e) = on_the_line(
                goal,
                base,
                base_period.last_day(),
                deadline,
                latest.period.last_day(),
            ) {
                expected = Some(e);
                let rising = goal_value(goal, base).is_some_and(|g| g > base);
                let ahead = if rising {
                    latest.value >= e
                } else {
                    latest.value <= e
                };
                if ahead {
                    status = TargetStatus::OnTrack;
                }
            }
        }
    }
    Judged {
        actual: Some(latest),
        expected,
        aim: aim(target, Some(latest.value), approx),
        ..Judged::new(status)
    }
}

/// The value a trajectory heads for: the goal's figure, or for a range the bound nearer the baseline.
fn goal_value(goal: &Goal, base: Decimal) -> Option<Decimal> {
    match goal {
        Goal::Exact(x)
        | Goal::AtLeast(x)
        | Goal::Above(x)
        | Goal::AtMost(x)
        | Goal::Below(x)
        | Goal::Approx(x) => Some(*x),
        Goal::Range(lo, hi) if base < *lo => Some(*lo),
        Goal::Range(lo, hi) if base > *hi => Some(*hi),
        Goal::Range(..) | Goal::Text(_) => None,
    }
}

/// The value on the straight line from the baseline (at the end of its period) to the goal (at the deadline),
/// at `day`. `None` when the line is not defined (the goal is already the baseline, or the deadline is not later).
fn on_the_line(
    goal: &Goal,
    base: Decimal,
    from: NaiveDate,
    to: NaiveDate,
    day: NaiveDate,
) -> Option<Decimal> {
    let g = goal_value(goal, base)?;
    let total = (to - from).num_days();
    if total <= 0 || g == base {
        return None;
    }
    let elapsed = (day - from).num_days().clamp(0, total);
    let share = Decimal::from(elapsed).checked_div(Decimal::from(total))?;
    base.checked_add(g.checked_sub(base)?.checked_mul(share)?)
}

#[expect(
    clippy::too_many_arguments,
    reason = "the window's two years travel with the target"
)]
fn yearly(
    target: &TargetInfo,
    goal: &Goal,
    series: &Series,
    assessments: &[Assessment],
    options: &Options,
    from: i32,
    to: i32,
    model: &Model,
) -> Judged {
    let approx = model.approx();
    let qualitative = matches!(goal, Goal::Text(_));
    let now = options.as_of.year();
    let mut years = Vec::with_capacity(years_begun(from, to, now));
    // The worst status of the years that count, kept as the years are judged (no list: one allocation less per
    // target, which shows when the heap is fragmented).
    let mut counted: Option<TargetStatus> = None;
    // Years begun by `as_of`; a year is over once `as_of` is in a later one.
    for year in from..=to.min(now) {
        let over = now > year;
        let (status, actual, assessment) = if qualitative {
            let a = assessments
                .iter()
                .rev()
                .find(|a| a.period.year() == year)
                .copied();
            let status = match a.map(|a| a.verdict) {
                None => TargetStatus::NeedsAssessment,
                Some(v) => assessed_status(v, over),
            };
            (status, None, a)
        } else {
            let o = latest_in_year(&series.values, year);
            let status = match o {
                None => TargetStatus::NoData,
                Some(o) => verdict(goal, o.value, over, approx),
            };
            (status, o, None)
        };
        // A year still running without a value yet is pending, not a gap: it counts only if nothing else does.
        let pending = !over && actual.is_none() && assessment.is_none();
        if !pending {
            counted = worst(counted.into_iter().chain([status]));
        }
        years.push(YearResult {
            year,
            status,
            actual: actual.map(actual_of),
            assessment: assessment.map(assessment_of),
        });
    }
    let window_over = NaiveDate::from_ymd_opt(to, 12, 31).is_some_and(|end| options.as_of > end);
    let mut status = match counted {
        Some(s) => s,
        None => years.last().map_or(
            if qualitative {
                TargetStatus::NeedsAssessment
            } else {
                TargetStatus::NoData
            },
            |y| y.status,
        ),
    };
    if status == TargetStatus::Met && !window_over {
        status = TargetStatus::OnTrack;
    }
    let latest = series.values.last().copied();
    let mut judged = Judged {
        actual: latest,
        years,
        aim: aim(target, latest.map(|o| o.value), approx),
        assessment: assessments.last().copied(),
        ..Judged::new(status)
    };
    if judged.years.is_empty() {
        judged.reason = Some(explain(
            format!("the window starts in {from}"),
            format!("thời gian đánh giá bắt đầu từ năm {from}"),
        ));
    }
    judged
}

fn average(
    target: &TargetInfo,
    goal: &Goal,
    series: &Series,
    options: &Options,
    from: i32,
    to: i32,
    model: &Model,
) -> Judged {
    let approx = model.approx();
    let now = options.as_of.year();
    let mut years: Vec<Actual> = Vec::with_capacity(years_begun(from, to, now));
    let mut missing = Vec::new();
    // Years begun by `as_of`; a year is over once `as_of` is in a later one.
    for year in from..=to.min(now) {
        match latest_in_year(&series.values, year) {
            Some(o) => years.push(actual_of(o)),
            None if now > year => missing.push(year),
            None => {}
        }
    }
    let over = now > to;
    let mean = mean(&years);
    let reason = match mean {
        None if years.is_empty() => Some(no_value(options)),
        None => Some(explain(
            "the mean is too large to compute exactly",
            "giá trị trung bình quá lớn để tính chính xác",
        )),
        Some(_) if over && !missing.is_empty() => {
            let listed = missing
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            Some(explain(
                format!("the average needs every year of {from}..{to}; no value for {listed}"),
                format!("giá trị trung bình cần đủ các năm {from}..{to}; thiếu năm {listed}"),
            ))
        }
        Some(_) => None,
    };
    let status = match (mean, &reason) {
        (Some(mean), None) => verdict(goal, mean, over, approx),
        _ => TargetStatus::NoData,
    };
    Judged {
        actual: series.values.last().copied(),
        average: Some(AverageResult {
            mean: mean.map(Number::computed),
            years,
            missing,
        }),
        aim: aim(target, mean, approx),
        reason,
        ..Judged::new(status)
    }
}

/// The mean of the values, exactly (to rust_decimal's 28 digits); `None` for none or on overflow.
fn mean(values: &[Actual]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let sum = values
        .iter()
        .try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a.value.0))?;
    sum.checked_div(Decimal::from(values.len()))
}

fn assessed_status(v: Verdict, over: bool) -> TargetStatus {
    match (v, over) {
        (Verdict::Met, true) => TargetStatus::Met,
        (Verdict::Missed, true) => TargetStatus::Missed,
        (Verdict::Met, false) => TargetStatus::OnTrack,
        (Verdict::Missed, false) => TargetStatus::Behind,
    }
}

/// A qualitative goal judged by its latest assessment.
fn assessed(target: &TargetInfo, assessments: &[Assessment], options: &Options) -> Judged {
    let Some(latest) = assessments.last().copied() else {
        return Judged::new(TargetStatus::NeedsAssessment).because(explain(
            format!("no assessment reported by {}", options.as_of),
            format!("chưa có nhận định nào đến ngày {}", options.as_of),
        ));
    };
    let over = target
        .window
        .and_then(Window::last_day)
        .is_some_and(|d| options.as_of > d);
    Judged {
        assessment: Some(latest),
        ..Judged::new(assessed_status(latest.verdict, over))
    }
}

/// A target without a goal of its own is judged by its parts: the worst of theirs.
fn by_parts(target: &TargetInfo, judged: &Items<TargetIx, Option<Judged>>) -> Judged {
    let parts = target
        .parts
        .iter()
        .chain(target.shares.iter().flat_map(|(_, s)| s.iter()));
    let statuses: Vec<TargetStatus> = parts
        .filter_map(|&p| judged.get(p).and_then(Option::as_ref))
        .map(|j| j.status)
        .collect();
    match worst(statuses.iter().copied()) {
        Some(status) => Judged::new(status).because(explain(
            "judged by its parts: the worst of their statuses",
            "đánh giá theo các chỉ tiêu thành phần: lấy kết quả kém nhất",
        )),
        None => Judged::new(TargetStatus::NoData).because(explain(
            "the target has no goal and no parts to judge",
            "chỉ tiêu không có mục tiêu và không có chỉ tiêu thành phần để đánh giá",
        )),
    }
}

fn worst(statuses: impl Iterator<Item = TargetStatus>) -> Option<TargetStatus> {
    statuses.max_by_key(|s| s.severity())
}

fn actual_of(o: Observation) -> Actual {
    Actual {
        period: o.period,
        value: Number(o.value),
    }
}

fn assessment_of(a: Assessment) -> AssessmentResult {
    AssessmentResult {
        period: a.period,
        verdict: a.verdict,
    }
}

impl Evaluated<'_> {
    /// The value a bare id stands for in a rule: the latest visible value in the target's window.
    pub fn latest(
        &self,
        model: &Model,
        t: TargetIx,
        as_of: NaiveDate,
    ) -> Result<Observation, Explanation> {
        let series = self.series.get(t);
        match series.and_then(|s| s.values.last()) {
            Some(o) => Ok(*o),
            None => {
                let id = target_id(model, t);
                Err(match series.and_then(|s| s.problem.clone()) {
                    Some(p) => explain(
                        format!("`{id}` has no value: {}", p.en),
                        format!("`{id}` chưa có giá trị: {}", p.vi),
                    ),
                    None => explain(
                        format!("`{id}` has no value reported by {as_of}"),
                        format!("`{id}` chưa có giá trị được báo cáo đến ngày {as_of}"),
                    ),
                })
            }
        }
    }

    /// The report's items: targets, each added to `tally`, and, apart, measures.
    pub(crate) fn into_items(
        self,
        model: &Model,
        tally: &mut Tally<'_>,
    ) -> (Vec<TargetJudgement>, Vec<MeasureValue>) {
        let measure_count = model
            .targets
            .iter()
            .filter(|t| t.kind == TargetKind::Measure)
            .count();
        let mut targets = Vec::with_capacity(model.targets.len() - measure_count);
        let mut measures = Vec::with_capacity(measure_count);
        for (((target, info), judged), series) in
            model.targets.enumerate().zip(self.judged).zip(self.series)
        {
            let judged = judged.unwrap_or_else(|| Judged::new(TargetStatus::NoData));
            let computed = |o: Observation| {
                if info.is_derived() {
                    Actual {
                        period: o.period,
                        value: Number::computed(o.value),
                    }
                } else {
                    actual_of(o)
                }
            };
            if info.kind == TargetKind::Measure {
                measures.push(MeasureValue {
                    target,
                    actual: series.values.last().copied().map(computed),
                    reason: if series.values.is_empty() {
                        series.problem
                    } else {
                        None
                    },
                });
                continue;
            }
            let result = TargetJudgement {
                target,
                status: judged.status,
                reason: judged.reason,
                actual: judged.actual.map(computed),
                average: judged.average,
                years: judged.years,
                expected: judged.expected.map(Number::computed),
                aim: info.aim.as_ref().and(judged.aim),
                assessment: judged.assessment.map(assessment_of),
            };
            tally.target(info, &result);
            targets.push(result);
        }
        (targets, measures)
    }
}
