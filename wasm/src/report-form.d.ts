// <kehoach-report-form>: the reporting form as a custom element (www/report-form.js, www/form-core.js).
import type { FactsJson, FormFieldsResult, EvaluateResult, Options, Sources } from "./kehoach_wasm.js";

/** What `defineReportForm` needs: the package's module after `init()`, or any object with these two. */
export type ReportFormEngine =
  | { compile: (sources: Sources, options?: Options) => unknown }
  | {
      formFields(sources: Sources, options?: Options): FormFieldsResult | Promise<FormFieldsResult>;
      evaluate(sources: Sources, facts: FactsJson, options?: Options): EvaluateResult | Promise<EvaluateResult>;
    };

/** A problem of one field: left out of the facts (`error`) or only flagged (`warning`). */
export interface FieldProblem {
  id: string;
  period?: string;
  input?: "done" | "progress" | "cancelled";
  severity: "error" | "warning";
  problem: { code: string; [key: string]: unknown };
}

/** The `detail` of the element's `input` and `submit` events. */
export interface ReportFormDetail {
  /** SPEC section 6 facts, which `kehoach eval` accepts as they are. */
  facts: FactsJson;
  /** The same facts as `.facts` text. */
  factsText: string;
  /** Kết quả, khó khăn, kiến nghị: `{ id: { period: text } }`. */
  notes: Record<string, Record<string, string>>;
  period: string;
  department: string;
  problems: FieldProblem[];
}

export interface ReportFormElement extends HTMLElement {
  lang: "vi" | "en" | string;
  setPlan(plan: { sources: Sources; plan?: string | null; facts?: FactsJson | null; key?: string | null }): Promise<void>;
  setPeriod(period: string): Promise<void>;
  setDepartment(ownerId: string): Promise<void>;
  facts(): FactsJson;
  factsText(): string;
  notes(): Record<string, Record<string, string>>;
  importText(text: string, name?: string): Promise<unknown>;
  clear(): Promise<boolean>;
  submit(): Promise<boolean>;
  printHtml(): string;
  readonly period: string;
  readonly department: string;
}

/** Defines `<kehoach-report-form>` (or `name`) once; `storage` keeps drafts (default `localStorage`). */
export function defineReportForm(
  engine: ReportFormEngine,
  options?: { name?: string; storage?: Storage },
): CustomElementConstructor;

export const formCore: Record<string, (...args: any[]) => any>;
