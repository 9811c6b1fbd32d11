
/** A plan's text, or several files as `{ path: text }` (relative paths with `/`; `use "agencies.plan"` finds its
 * file among them). A single string is named `plan.plan` in diagnostics. */
export type Sources = string | Record<string, string>;

/** Options every function takes; all are optional. */
export interface Options {
  /** The language of messages, labels and help: `"en"` (default) or `"vi"`. */
  lang?: "en" | "vi";
  /** The plan to use when several are given: its number (`"370/KH-UBND"`) or its file's path. */
  plan?: string;
  /** `evaluate` only: the day the report describes, `"YYYY-MM-DD"`; default: the facts' `as_of`. */
  asOf?: string;
  /** `evaluate` only: a task due within this many days of `asOf` is `due-soon` (default 14). */
  dueSoonDays?: number;
}

/** A diagnostic's stable code (SPEC section 3): the SARIF `ruleId`, and what `kehoach explain` takes. */
export type Code =
  | "syntax"
  | "duplicate-id"
  | "unknown-reference"
  | "dependency-cycle"
  | "derive-cycle"
  | "deadline-before-dependency"
  | "deadline-outside-period"
  | "deadline-before-issue"
  | "conflicting-schedule"
  | "ambiguous-deadline"
  | "invalid-date"
  | "empty-range"
  | "shares-cannot-sum"
  | "part-exceeds-whole"
  | "unit-mismatch"
  | "type-mismatch"
  | "missing-lead"
  | "unused-owner"
  | "duplicate-alias"
  | "percent-out-of-range"
  | "use-not-found"
  | "duplicate-attribute"
  | "limit-exceeded"
  | "thousands-separator"
  | "similar-owners"
  | "aim-below-goal"
  | "duplicate-title"
  | "unknown-fact"
  | "fact-kind-mismatch"
  | "fact-outside-window"
  | "malformed-fact"
  | "fact-before-issue"
  | "fact-after-as-of"
  | "unknown-occurrence"
  | "unknown-submitter"
  | "duplicate-fact"
  | "fact-plan-mismatch"
  | "format-changes-meaning"
  | "invalid-argument";

export type Severity = "error" | "warning";

/** Byte offsets into the file's UTF-8 text, end exclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Offsets in UTF-16 code units, end exclusive: `text.slice(start, end)` is the underlined text. */
export interface Utf16Range {
  start: number;
  end: number;
}

/** Another place a diagnostic involves. Lines and columns are 1-based; columns count characters. */
export interface Label {
  message: string;
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  range: ByteRange;
  range_utf16: Utf16Range;
}

/** One finding: the JSON shape of `kehoach check --format json` (SPEC section 5). A problem with an argument
 * rather than a file (`invalid-argument`) has `file: ""` and points at line 1, column 1. */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  /** One line, lowercase, user input in backticks. */
  message: string;
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  /** The other places involved, in a meaningful order (e.g. the edges of a cycle). */
  labels: Label[];
  /** What to write instead. */
  help: string | null;
  /** What the underlined text is, when it helps to say so. */
  label: string | null;
  range: ByteRange;
  range_utf16: Utf16Range;
}

export type FieldKind = "measure" | "target" | "task" | "report";

/** Where a field's answer goes in the facts (SPEC section 6): `values[id][period]` (a number or decimal string),
 * `assessments[id][period]`, `tasks[id]` (`done`, `progress` or `cancelled`); `computed` asks nothing. */
export type FactKind = "values" | "assessments" | "tasks" | "computed" | "reports";

export type WindowKind = "by" | "yearly" | "average";

/** chủ trì, phối hợp, theo dõi. */
export type Role = "lead" | "support" | "monitor" | "submit";

export interface FieldOwner {
  id: string;
  name: string;
  role: Role;
}

/** `baseline 7.2 in 2022`: the value as written (a decimal string) and its period's key. */
export interface FieldBaseline {
  value: string;
  period: string;
}

export type TaskInput = "done" | "progress" | "cancelled" | "assessed" | "note";

/** When a task falls due (SPEC §2b): once, a standing duty, or once per period. */
export type ScheduleKind = "once" | "ongoing" | "every";

/** One occurrence of a recurring duty or report: the period key its facts use and the day it falls due. */
export interface FieldOccurrence {
  period: string;
  due_date: string;
}

/** One question of a reporting form. */
export interface Field {
  id: string;
  kind: FieldKind;
  /** The item's title in the plan. */
  label: string;
  fact: FactKind;
  unit: string | null;
  /** The goal as written in the plan: `">= 9.3"`, `"8.1..8.6"`, `"~497"`, `"\"Nhóm dẫn đầu\""`. */
  goal: string | null;
  /** A higher local aim, as written. */
  aim: string | null;
  /** The target this one is a part ("trong đó") or share of. */
  parent: string | null;
  /** The section's number and title, as reports name it: `"I.1. Các chỉ tiêu …"`. */
  section: string | null;
  /** Lead, then support, then monitor owners. */
  owners: FieldOwner[];
  window: WindowKind | null;
  /** The period keys the facts use: each year of a `yearly` or `average` window, the deadline's key for `by`. */
  periods: string[];
  baseline: FieldBaseline | null;
  /** Tasks: the deadline as a key (`"2023-Q2"`) and its last day (`"2023-06-30"`). */
  due: string | null;
  due_date: string | null;
  /** Tasks: ids of the tasks that must be done first. */
  after: string[];
  /** Tasks: the answers a form may give (per occurrence of a recurring duty, per period of a standing one). */
  inputs: TaskInput[];
  /** Tasks and reports: once, ongoing or every …; null for targets and measures. */
  schedule: ScheduleKind | null;
  /** Recurring tasks and reports: the recurrence as written after `every` (`"quarter by day 10"`). */
  every: string | null;
  /** Recurring tasks and reports: the occurrences due by `asOf` and the next (one-shot `formFields` with
   * `{ asOf }`); without it, those of the plan period. */
  occurrences: FieldOccurrence[];
}

/** `ok` is true when no diagnostic is an error; warnings come along either way. */
/** An owner as a form offers it ("đơn vị của tôi"): a group's members, and the groups an owner belongs to. */
export interface FormOwner {
  id: string;
  name: string;
  group: boolean;
  members: string[];
  member_of: string[];
}

export type FormFieldsResult =
  | { ok: true; fields: Field[]; owners: FormOwner[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Facts as a web form posts them (SPEC section 6). Values are exact: a JSON number is read from its digits (as
 * `JSON.stringify` writes them), a decimal string as written. */
export interface FactsJson {
  plan?: string;
  as_of?: string;
  values?: Record<string, Record<string, number | string>>;
  /** A one-off task's outcome; a recurring duty's per occurrence and a standing duty's assessments keyed by period
   * (`{ "2021-Q2": { "assessed": "met", "note": "…" } }`). */
  tasks?: Record<string, TaskFactsJson>;
  assessments?: Record<string, Record<string, "met" | "missed">>;
  /** Report submissions: report id → period → `from` owner → the day it came in. Its presence (even `{}`) makes
   * reports tracked: one not submitted is `missing`. */
  reports?: Record<string, Record<string, Record<string, string>>>;
}

export interface OutcomeJson {
  done?: string;
  progress?: number | string;
  cancelled?: string | true;
}

export type TaskFactsJson = OutcomeJson & {
  [period: string]: (OutcomeJson & { assessed?: "met" | "missed"; note?: string }) | string | number | true | undefined;
};

/** Facts as an object, or as text: JSON text, or the `.facts` form (`facts "370/KH-UBND" as_of … { … }`).
 * Diagnostics about facts name the file `facts.json` (an object, or text starting with `{`) or `plan.facts`. */
export type FactsInput = FactsJson | string;

export type TargetStatus = "met" | "missed" | "on-track" | "behind" | "no-data" | "needs-assessment";
export type TaskStatus =
  | "done" | "done-late" | "overdue" | "blocked" | "due-soon" | "open" | "cancelled"
  | "ongoing" | "behind" | "needs-assessment";
export type RuleStatus = "ok" | "violated" | "not-evaluable";
export type ReportStatus =
  | "due-soon" | "scheduled" | "ended" | "unscheduled" | "on-time" | "late" | "missing";
/** One submitter's report for one period, when the facts track reports (SPEC §2b). */
export type SubmissionStatus = "on-time" | "late" | "missing";
export type RollupStatus = "ok" | "attention";

/** How many items have each status; every status is present, zero or not. */
export type Counts<S extends string> = { [status in S]: number };

/** A decimal, as a string of its exact digits (`"7.12"`); computed values are rounded to 6 places. */
export type Decimal = string;
/** A day, `"YYYY-MM-DD"`. */
export type DateString = string;

/** A reason or note in both languages. */
export interface Explanation {
  en: string;
  vi: string;
}

export interface Actual {
  /** The period key, as facts write it (`"2023-H1"`). */
  period: string;
  value: Decimal;
}

export interface AverageResult {
  mean: Decimal | null;
  years: Actual[];
  /** Years of the span already over with no value. */
  missing: number[];
}

export interface AssessmentResult {
  period: string;
  verdict: "met" | "missed";
}

export interface YearResult {
  year: number;
  status: TargetStatus;
  actual: Actual | null;
  assessment: AssessmentResult | null;
}

export interface AimResult {
  goal: string;
  reached: boolean | null;
}

export interface TargetResult {
  id: string;
  title: string;
  status: TargetStatus;
  reason: Explanation | null;
  section: string | null;
  parent: string | null;
  unit: string | null;
  goal: string | null;
  /** `"by 2023"`, `"yearly 2021..2025"`, `"average 2021..2030"`. */
  window: string | null;
  deadline: DateString | null;
  derived: boolean;
  actual: Actual | null;
  average: AverageResult | null;
  years: YearResult[];
  expected: Decimal | null;
  aim: AimResult | null;
  assessment: AssessmentResult | null;
  /** Ids of the lead owners (chủ trì). */
  lead: string[];
}

export interface MeasureResult {
  id: string;
  title: string;
  unit: string | null;
  section: string | null;
  derived: boolean;
  actual: Actual | null;
  reason: Explanation | null;
}

/** One occurrence of a recurring duty, judged as a one-off task due on its day. */
export interface OccurrenceResult {
  /** The period, as facts key it: `"2021-Q1"`, `"2021"`. */
  period: string;
  due: DateString;
  status: "done" | "done-late" | "overdue" | "due-soon" | "open" | "cancelled";
  done: DateString | null;
  progress: Decimal | null;
  days_late: number;
  days_left: number | null;
  cancelled: string | null;
}

/** The assessment a standing duty is judged on, with its note. */
export interface DutyAssessment {
  period: string;
  verdict: "met" | "missed";
  note: string | null;
}

export interface TaskResult {
  id: string;
  title: string;
  status: TaskStatus;
  section: string | null;
  /** A recurring duty's recurrence as written after `every`: `"quarter by day 10"`. */
  every: string | null;
  /** A standing duty (`ongoing`). */
  ongoing: boolean;
  /** A one-off task's deadline; a recurring duty's next open occurrence's; null for a standing duty. */
  due: DateString | null;
  done: DateString | null;
  progress: Decimal | null;
  days_late: number;
  days_left: number | null;
  /** `after` tasks that are overdue, blocked or cancelled. */
  blocked_by: string[];
  /** `after` tasks not finished and not late, while the task is open. */
  waits_for: string[];
  cancelled: string | null;
  occurrences: OccurrenceResult[];
  occurrence_counts: { on_time: number; late: number; overdue: number } | null;
  assessment: DutyAssessment | null;
  lead: string[];
}

export interface RuleInput {
  id: string;
  actual: Actual | null;
}

export interface RuleResult {
  id: string;
  title: string;
  status: RuleStatus;
  severity: "error" | "warning" | "info";
  kind: "require" | "when";
  section: string | null;
  reason: Explanation | null;
  values: RuleInput[];
}

export interface ReportResult {
  id: string;
  title: string;
  status: ReportStatus;
  every: string | null;
  next_due: DateString | null;
  days_left: number | null;
  /** Whether the facts track reports (a `reports` key, or a submission line). */
  tracked: boolean;
  /** Each submitter's report for each period due by `as_of`. */
  submissions: {
    period: string;
    due: DateString;
    from: string;
    status: SubmissionStatus;
    submitted: DateString | null;
    days_late: number;
  }[];
  from: string[];
  to: string[];
}

export interface OwnerResult {
  id: string;
  name: string;
  status: RollupStatus;
  targets: Counts<TargetStatus>;
  tasks: Counts<TaskStatus>;
  /** Its reports due by `as_of` and how they came in (all 0 when the facts do not track reports). */
  reports: { due: number; on_time: number; late: number; missing: number };
  /** Ids of the items it leads (and reports it sends) that need attention. */
  attention: string[];
}

export interface SectionResult {
  id: string;
  title: string;
  parent: string | null;
  status: RollupStatus;
  targets: Counts<TargetStatus>;
  tasks: Counts<TaskStatus>;
  rules: Counts<RuleStatus>;
}

export interface Summary {
  status: RollupStatus;
  targets: Counts<TargetStatus>;
  tasks: Counts<TaskStatus>;
  rules: Counts<RuleStatus>;
  reports: Counts<ReportStatus>;
  /** Items that need someone to act. */
  attention: number;
}

export interface PlanHeader {
  number: string | null;
  title: string | null;
  issuer: string | null;
  issued: DateString | null;
  period: { from: number; to: number } | null;
}

/** The report of `kehoach eval --format json` (SPEC section 5; `docs/report.schema.json`). */
export interface Report {
  plan: PlanHeader;
  as_of: DateString;
  due_soon_days: number;
  summary: Summary;
  targets: TargetResult[];
  measures: MeasureResult[];
  tasks: TaskResult[];
  rules: RuleResult[];
  reports: ReportResult[];
  owners: OwnerResult[];
  sections: SectionResult[];
  /** The facts' notes on periods begun by `as_of`, in plan order. */
  notes: NoteResult[];
}

/** A note from the facts (kết quả, khó khăn, kiến nghị): untrusted text, one line; escape it where it is shown. */
export interface NoteResult {
  id: string;
  title: string;
  kind: "target" | "measure" | "task" | "report";
  /** The period key as facts write it: `2023-Q3`, `2023-9M`. */
  period: string;
  text: string;
}

/** The report, field for field as the command line prints it, with `ok: true` and the warnings of the plan and
 * the facts; or `ok: false` and the diagnostics, when the plan or the facts have an error (nothing is evaluated
 * then, as on the command line). */
export type EvaluateResult =
  | (Report & { ok: true; diagnostics: Diagnostic[] })
  | { ok: false; diagnostics: Diagnostic[] };

/** One candidate of `complete`: what may be written at the cursor (what `kehoach lsp` offers there). */
export interface Completion {
  label: string;
  /** An owner's name and aliases, an item's title, a keyword's meaning. */
  detail?: string;
  /** `keyword`, `value` (a deadline form, a word of a closed list), or what the id names: `owner`, `task`, …. */
  kind: string;
  /** What replaces the text from `from` to `to` (UTF-16 offsets, as JavaScript strings count). */
  insert: string;
  from: number;
  to: number;
  /** What the typed text is compared with: the label, or for an owner found by its name, the typed text. */
  filter: string;
}

/** What `hover` returns where the pointer rests on an id or a keyword (what `kehoach lsp` shows there). */
export interface Hover {
  /** Markdown: a heading line such as ``**owner** `so_yt` — Sở Y tế``, then `- name: value` lines. */
  markdown: string;
  /** The described word, as UTF-16 offsets (as JavaScript strings count). */
  from: number;
  to: number;
}

/** What `format` returns: the text in the layout `kehoach fmt` writes (`text` when the plan was one string,
 * `files` by path when it was a map), or the syntax errors that prevent formatting. */
export type FormatResult =
  | { ok: true; text: string; diagnostics: Diagnostic[] }
  | { ok: true; files: Record<string, string>; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };
