// What <kehoach-report-form> decides without a page (www/form-core.js): numbers and dates as officers type them,
// range checks from the plan, goals in words, facts built from entries (JSON and text) that `kehoach eval`
// accepts, facts files read back and merged with an account of the changes, one department's items.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import vm from "node:vm";

import { bundledPlans, cli, kehoachNode, www, writeFiles } from "./helpers.mjs";

vm.runInThisContext(fs.readFileSync(path.join(www, "form-core.js"), "utf8"), { filename: "form-core.js" });
const core = globalThis.kehoachFormCore;

describe("numbers as typed", () => {
  const cases = [
    ["7,5", "7.5"],
    ["7.5", "7.5"],
    ["1.234,5", "1234.5"],
    ["1,234.5", "1234.5"],
    ["1.234.567", "1234567"],
    ["1 234,5", "1234.5"],
    ["95,01", "95.01"],
    ["-3,20", "-3.20"],
    ["1,234", "1.234"],
    ["21,0", "21.0"],
    ["0,125", "0.125"],
    ["12", "12"],
  ];
  for (const [typed, value] of cases) test(`${typed} is ${value}`, () => assert.deepEqual(core.parseNumber(typed), { value }));
  test("what reads two ways is refused with both readings", () => {
    assert.deepEqual(core.parseNumber("1.234"), { error: "ambiguous", readings: ["1234", "1.234"] });
  });
  test("what is not a number is refused", () => {
    for (const typed of ["abc", "7,5,1", "1.23.4", "--1", "7,5%"]) assert.equal(core.parseNumber(typed).error, "format", typed);
  });
  test("numbers are shown the Vietnamese way, rounded on their digits", () => {
    assert.equal(core.formatNumber("31.490015", "vi"), "31,49");
    assert.equal(core.formatNumber("1234567.5", "vi"), "1.234.567,5");
    assert.equal(core.formatNumber("9.999", "vi"), "10");
    assert.equal(core.formatNumber("1234.5", "en"), "1,234.5");
  });
});

describe("dates as typed", () => {
  test("dd/mm/yyyy whatever the locale, and ISO", () => {
    assert.deepEqual(core.parseDate("30/09/2023"), { value: "2023-09-30" });
    assert.deepEqual(core.parseDate("5/1/2023"), { value: "2023-01-05" });
    assert.deepEqual(core.parseDate("2023-09-30"), { value: "2023-09-30" });
  });
  test("a day not in the calendar is refused, not emptied", () => {
    assert.deepEqual(core.parseDate("06/31/2023"), { error: "calendar" });
    assert.deepEqual(core.parseDate("29/02/2023"), { error: "calendar" });
    assert.deepEqual(core.parseDate("30.9"), { error: "format" });
  });
});

describe("checks of one field", () => {
  const percent = { id: "p", label: "Tỷ lệ giải ngân", unit: "%", goal: ">= 95" };
  const money = { id: "fdi", label: "Vốn FDI thu hút", unit: "triệu USD", goal: ">= 300" };
  const growth = { id: "g", label: "Tốc độ tăng trưởng kinh tế (GRDP)", unit: "%", goal: ">= 9.3" };
  test("a share in % lies in 0–100; a growth rate may be negative", () => {
    assert.equal(core.checkValue(percent, "150").error.code, "above-max");
    assert.equal(core.checkValue(percent, "-1").error.code, "below-min");
    assert.deepEqual(core.checkValue(percent, "95,5"), { value: "95.5" });
    assert.deepEqual(core.checkValue(growth, "-2,1"), { value: "-2.1" });
  });
  test("money and counts are not negative", () => {
    assert.equal(core.checkValue(money, "-5").error.code, "below-min");
    assert.deepEqual(core.checkValue(money, "1.234,5"), { value: "1234.5" });
  });
  test("a task: done date within issued..report date, done and cancelled exclusive, done under 100% flagged", () => {
    const context = { issued: "2023-01-19", asOf: "2023-09-30" };
    assert.equal(core.checkTask({ done: "01/01/2023" }, context).errors.done.code, "done-before-issued");
    assert.equal(core.checkTask({ done: "01/10/2023" }, context).errors.done.code, "done-after-report");
    assert.equal(core.checkTask({ done: "06/31/2023" }, context).errors.done.code, "date-calendar");
    const both = core.checkTask({ done: "20/09/2023", cancelled: "không cần nữa" }, context);
    assert.equal(both.errors.cancelled.code, "done-and-cancelled");
    assert.deepEqual(both.facts, { done: "2023-09-20" });
    const low = core.checkTask({ done: "20/09/2023", progress: "40" }, context);
    assert.equal(low.warnings.progress.code, "done-below-100");
    assert.equal(core.checkTask({ progress: "150" }, context).errors.progress.code, "progress-range");
  });
});

test("goals in words", () => {
  assert.equal(core.goalInWords(">= 9.3", "%", "vi"), "từ 9,3% trở lên");
  assert.equal(core.goalInWords("~400", "doanh nghiệp", "vi"), "khoảng 400 doanh nghiệp");
  assert.equal(core.goalInWords("8.1..8.6", "%", "vi"), "từ 8,1% đến 8,6%");
  assert.equal(core.goalInWords("< 4.1", "%", "vi"), "dưới 4,1%");
  assert.equal(core.goalInWords("28_000", "người", "vi"), "28.000 người");
  assert.equal(core.goalInWords('"Nhóm dẫn đầu"', null, "vi"), "Nhóm dẫn đầu");
});

test("periods: keys in words and the periods a report may cover", () => {
  assert.equal(core.periodName("2023-Q3", "vi"), "quý III/2023");
  assert.equal(core.periodName("2023-H1", "vi"), "6 tháng đầu năm 2023");
  assert.deepEqual(core.reportPeriods(2023, 2023), ["2023-Q1", "2023-Q2", "2023-H1", "2023-Q3", "2023-Q4", "2023-H2", "2023"]);
  assert.deepEqual(["2023", "2023-Q3", "2023-H1", "2023-Q4", "2023-H2"].sort(core.comparePeriods), ["2023-H1", "2023-Q3", "2023-Q4", "2023-H2", "2023"]);
});

test("import merges and says what changed; text and JSON read back to the same entries", () => {
  const entries = { values: { a: { "2023-Q3": "7,5" } }, assessments: {}, tasks: { t: { done: "20/09/2023" } } };
  const built = core.buildFacts(entries, [], { plan: "1/KH", asOf: "2023-09-30" });
  assert.deepEqual(built.facts, { plan: "1/KH", as_of: "2023-09-30", values: { a: { "2023-Q3": "7.5" } }, tasks: { t: { done: "2023-09-20" } } });
  const fromText = core.readFacts(core.factsText(built.facts));
  const fromJson = core.readFacts(JSON.stringify(built.facts));
  assert.deepEqual(fromText.entries, fromJson.entries);
  assert.equal(fromText.plan, "1/KH");
  const merged = core.mergeEntries(entries, { values: { a: { "2023-Q3": "8" }, b: { "2023": "1" } }, tasks: { t: { done: "20/09/2023" } } });
  assert.deepEqual(merged.changed, [{ kind: "values", id: "a", key: "2023-Q3", from: "7,5", to: "8" }]);
  assert.deepEqual(merged.added, [{ kind: "values", id: "b", key: "2023", to: "1" }]);
  assert.equal(merged.unchanged, 1);
  assert.equal(core.readFacts("facts {\n  a 2023 = 1\n  oops\n}\n").error.line, 3);
  // A value of a facts file reads back to itself, whatever the page's language: never as thousands.
  assert.deepEqual(core.readFacts('{"values":{"a":{"2023":"2.125","2024":7.5}}}').entries.values.a, { 2023: "2,125", 2024: "7,5" });
  assert.deepEqual(core.parseNumber(core.enteredNumber("2.125")), { value: "2.125" });
});

test("a department sees what it leads, supports or monitors, through its groups too", () => {
  const owners = [
    { id: "a", member_of: ["g"], members: [] },
    { id: "b", member_of: [], members: [] },
    { id: "g", member_of: [], members: ["a"] },
  ];
  const fields = [
    { id: "x", owners: [{ id: "b", role: "lead" }, { id: "a", role: "monitor" }] },
    { id: "y", owners: [{ id: "b", role: "lead" }] },
    { id: "z", owners: [{ id: "g", role: "lead" }] },
  ];
  assert.deepEqual(core.departmentFields(fields, "a", owners).map((f) => f.id), ["x", "z"]);
  assert.deepEqual(core.departmentFields(fields, "", owners).map((f) => f.id), ["x", "y", "z"]);
});

test("facts built from a whole bundled plan's entries are what `kehoach eval` accepts, as JSON and as text", () => {
  const kehoach = kehoachNode();
  for (const plan of bundledPlans()) {
    if (!plan.facts) continue;
    const read = core.readFacts(JSON.stringify(plan.facts));
    const form = kehoach.formFields(plan.files, { plan: plan.main });
    const { facts, problems } = core.buildFacts(read.entries, form.fields, { plan: read.plan, asOf: read.asOf });
    assert.deepEqual(problems.filter((p) => p.severity === "error"), [], plan.name);
    const dir = writeFiles(`form-core-${plan.name}`, { ...plan.files, "built.facts.json": JSON.stringify(facts), "built.facts": core.factsText(facts) });
    const json = cli(["eval", plan.main, "--facts", "built.facts.json", "--format", "json"], dir);
    const text = cli(["eval", plan.main, "--facts", "built.facts", "--format", "json"], dir);
    assert.equal(json.status, 0, plan.name);
    assert.deepEqual(JSON.parse(text.stdout), JSON.parse(json.stdout), plan.name);
    const original = cli(["eval", plan.main, "--facts", `${plan.main.replace(/\.plan$/, "")}.facts.json`, "--format", "json"], writeFiles(`form-core-orig-${plan.name}`, { ...plan.files, [`${plan.main.replace(/\.plan$/, "")}.facts.json`]: JSON.stringify(plan.facts) }));
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(original.stdout), plan.name);
  }
});
