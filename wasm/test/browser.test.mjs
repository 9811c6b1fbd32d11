// The demo page in headless Chromium, served from a local static server with every other address blocked: the
// form appears, a typed value changes a status, a broken plan and a hostile one get their diagnostics, a click
// on a diagnostic marks its line, the language toggles. Screenshots go to test-artifacts/ (gitignored).
// officer.test.mjs (imported at the end) walks a reporting officer's job through <kehoach-report-form>.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { startDemo } from "./chromium.mjs";
import { artifacts, junkBytes, www } from "./helpers.mjs";


let demo;
let page;
let outside;
let errors;

async function shot(name, { top = false } = {}) {
  if (top) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifacts, `demo-${name}.png`), fullPage: false });
}

/** Replaces the editor's text as a paste does: one `input` event for the whole text (`fill` would insert a
 * megabyte character run by character run). */
async function paste(text) {
  await page.evaluate((text) => {
    const source = document.getElementById("source");
    source.value = text;
    source.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, text);
}

const FORM = "kehoach-report-form";
const badgeOf = (id) => page.locator(`${FORM} [data-field="${id}"] .kh-badges .kh-badge`).first();

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  demo = await startDemo(www);
  ({ page, outside, errors } = await demo.open());
  await page.locator(`${FORM} .kh-field`).first().waitFor();
  await page.locator(`${FORM} .kh-summary .kh-badge`).first().waitFor();
});

after(async () => {
  await demo?.close();
});

test("the bundled plan's form is generated and evaluated, offline", async () => {
  const fields = await page.locator(`${FORM} .kh-field`).count();
  const expected = await page.evaluate(() => self.kehoachDemo.form.fields.length);
  assert.ok(fields > 50, `${fields} fields`);
  assert.equal(fields, expected);
  assert.ok((await page.locator(`${FORM} .kh-badges .kh-badge`).count()) > 50);
  assert.match(await page.locator(`${FORM} .kh-summary`).innerText(), /Chỉ tiêu/);
  assert.ok((await page.locator('[data-rollup="owners"] tbody tr').count()) > 0);
  assert.deepEqual(outside, []);
  await shot("1-form");
});

test("typing a value re-evaluates and changes the target's status", async () => {
  // A target judged `by` a deadline with a `>=`/`>` goal and no value yet, or a value below the goal: typing a
  // huge value makes it `met` (deadline past) or `on-track` (deadline ahead). Plans are tried in turn.
  // A target judged `by` a deadline with a `>=`/`>` goal, not in `%`, and no value or a value below the goal:
  // typing a huge value for its deadline's period makes it `met` (deadline past) or `on-track` (deadline ahead).
  const pick = () =>
    page.evaluate(() => {
      const { form } = self.kehoachDemo;
      const fields = new Map(form.fields.map((f) => [f.id, f]));
      const target = form.report.targets.find(
        (t) =>
          ["behind", "missed", "no-data"].includes(t.status) &&
          /^>/.test(t.goal || "") &&
          !/%/.test(t.unit || "") &&
          (t.window || "").startsWith("by") &&
          fields.get(t.id)?.fact === "values" &&
          /^\d{4}(-(Q|H)\d)?$/.test(fields.get(t.id)?.periods[0] || ""),
      );
      return target ? { id: target.id, period: fields.get(target.id).periods[0] } : null;
    });
  let picked = await pick();
  for (let plan = 0; picked === null && plan < (await page.evaluate(() => self.kehoachPlans.length)); plan += 1) {
    await page.selectOption("#plan-select", String(plan));
    await page.waitForFunction((plan) => {
      const p = self.kehoachPlans[plan];
      const number = /plan\s+"([^"]*)"/.exec(p.files[p.main])[1];
      const { form } = self.kehoachDemo;
      return form.report?.plan?.number === number && !form.busy;
    }, plan);
    picked = await pick();
  }
  assert.ok(picked, "no bundled plan has a target to raise");
  const { id, period } = picked;
  await page.evaluate((period) => self.kehoachDemo.form.setPeriod(period), period);
  const before = await badgeOf(id).getAttribute("data-status");
  await page.locator(`${FORM} [data-field="${id}"] input[data-period]`).fill("999999");
  await page.waitForFunction(
    ([id, before]) => {
      const badge = document.querySelector(`kehoach-report-form [data-field="${id}"] .kh-badges .kh-badge`);
      return badge && badge.dataset.status !== before;
    },
    [id, before],
  );
  const after = await badgeOf(id).getAttribute("data-status");
  assert.ok(["met", "on-track"].includes(after), `${id}: ${before} -> ${after}`);
  assert.match(await page.locator("#facts-json").textContent(), /"999999"/);
  await page.locator(`${FORM} [data-field="${id}"]`).scrollIntoViewIfNeeded();
  await shot("2-value-typed");
});

test("a broken plan gets its diagnostic, and a click marks its line", async () => {
  await paste('plan "1/KH" { period 2023 }\nowner a "Sở A"\ntarget x "X" { goal >= 9,3; lead a }\n');
  const diagnostic = page.locator('#diagnostics button[data-code="syntax"]').first();
  await diagnostic.waitFor();
  assert.match(await diagnostic.innerText(), /plan\.plan:3:|\.plan:3:/);
  await diagnostic.click();
  const mark = page.locator(".kh-line-mark");
  await mark.waitFor();
  assert.equal(await mark.getAttribute("data-line"), "3");
  const selected = await page.evaluate(() => {
    const { state } = self.kehoachDemo.editor.view;
    return state.sliceDoc(state.selection.main.from, state.selection.main.to);
  });
  assert.match(selected, /,/);
  assert.ok(await page.locator("#form-notice").isVisible());
  await shot("3-broken-plan", { top: true });
});

test("hostile input gives a diagnostic and the tab stays responsive", async () => {
  const cases = [
    ["nested", `plan "x" { period 2023 }\n${'section "a" "b" {\n'.repeat(100_000)}`, "limit-exceeded"],
    ["junk", String.fromCharCode(...junkBytes(64 * 1024)), "syntax"],
  ];
  for (const [name, text, code] of cases) {
    await paste(text);
    const started = Date.now();
    await page.locator(`#diagnostics button[data-code="${code}"]`).first().waitFor({ timeout: 20_000 });
    // The engine runs in a worker: the page answers at once.
    const answered = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
    assert.equal(answered, true);
    assert.ok(Date.now() - started < 20_000);
    await shot(`4-hostile-${name}`, { top: true });
  }
});

test("English toggle: labels and diagnostics change language", async () => {
  await paste('plan "1/KH" { period 2023 }\ntask t "Việc" { lead b }\n');
  await page.locator('#diagnostics button[data-code="unknown-reference"]').first().waitFor();
  const vi = await page.locator('#diagnostics button[data-code="unknown-reference"] .message').first().innerText();
  await page.locator("#lang-toggle").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.waitForFunction(
    (vi) => {
      const message = document.querySelector('#diagnostics button[data-code="unknown-reference"] .message');
      return message && message.textContent !== vi;
    },
    vi,
  );
  assert.equal(await page.locator("#form-heading").innerText(), "Department report");
  assert.match(
    await page.locator('#diagnostics button[data-code="unknown-reference"] .message').first().innerText(),
    /^no owner `b`|`b`/,
  );
  await shot("5-english", { top: true });
});

test("the Format button lays the plan out as kehoach fmt does", async () => {
  await paste('plan "1/KH" { period 2023 }\nowner a "A"\ntask t "T" {   lead a ; due 2023-Q2 }\n');
  await page.locator("#format-plan").click();
  await page.waitForFunction(() => document.getElementById("source").value.includes("\n  lead"));
  assert.doesNotMatch(await page.locator("#source").inputValue(), / {3}lead a ;/);
  await shot("6-formatted", { top: true });
});

test("no request left the machine and the page logged no error", () => {
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});

// The officer's walk, accessibility and the printout: separate browser contexts, same server.
import "./officer.test.mjs";
// The plan editor typed into: lint underlines, their tooltips, completion.
import "./editor.test.mjs";
