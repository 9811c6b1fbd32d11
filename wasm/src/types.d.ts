
/** A plan's text, or several files as `{ path: text }` (relative paths with `/`; `use "agencies.plan"` finds its
 * file among them). A single string is named `plan.plan` in diagnostics. */
export type Sources = string | Record<string, string>;

/** Options every function takes; all are optional. */
export interface Options {
  /** The language of messages, labels and help: `"en"` (default) or `"vi"`. */
  lang?: "en" | "vi";
  /** The plan to use when several are given: its number (`"370/KH-UBND"`) or its file's path. */
  plan?: string;
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

export type FieldKind = "measure" | "target" | "task";

/** Where a field's answer goes in the facts (SPEC section 6): `values[id][period]` (a number or decimal string),
 * `assessments[id][period]`, `tasks[id]` (`done`, `progress` or `cancelled`); `computed` asks nothing. */
export type FactKind = "values" | "assessments" | "tasks" | "computed";

export type WindowKind = "by" | "yearly" | "average";

/** chủ trì, phối hợp, theo dõi. */
export type Role = "lead" | "support" | "monitor";

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

export type TaskInput = "done" | "progress" | "cancelled";

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
  /** Tasks: the answers a form may give. */
  inputs: TaskInput[];
}

/** `ok` is true when no diagnostic is an error; warnings come along either way. */
export type FormFieldsResult =
  | { ok: true; fields: Field[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };
