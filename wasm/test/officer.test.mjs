// A reporting officer's job on the demo page, in headless Chromium at desktop size and on a 390×844 phone: pick a
// department, report 2023-Q3 on the Bến Tre plan ("7,5"), mark tasks done and cancelled with notes, meet a
// field's error and fix it, reload and find everything, export, clear (with confirmation and undo), import and
// get the same report, print the department's summary to PDF (≤ 3 A4 pages), save it as HTML; axe-core finds no
// serious accessibility violation; and what the element's `submit` event carries, `kehoach eval` accepts as it is.
// Imported by browser.test.mjs; run alone with `node --test test/officer.test.mjs` after a build.

import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { startDemo } from "./chromium.mjs";
import { artifacts, bundledPlans, cli, www, writeFiles } from "./helpers.mjs";

const FORM = "kehoach-report-form";
const PLAN = "ben-tre";
const DEPARTMENT = "so_khdt";
const PERIOD = "2023-Q3";
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let demo;
let browser;
let base;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  demo = await startDemo(www);
  ({ browser, base } = demo);
});

after(async () => {
  await demo?.close();
});

/** A fresh profile (its own storage) at a size, offline, with every page error recorded. */
async function open(viewport) {
  const session = await demo.open({ viewport, acceptDownloads: true, dismissDialogs: true });
  await ready(session.page);
  return session;
}

async function ready(page) {
  await page.locator(`${FORM} .kh-field`).first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => self.kehoachDemo?.form?.report?.plan?.number);
}

/** Waits until the element has evaluated what is on screen (no evaluation pending). */
async function settled(page) {
  await page.waitForFunction(() => self.kehoachDemo.form.report && !self.kehoachDemo.form.busy);
}

const statusesOf = (page) =>
  page.evaluate(() => {
    const report = self.kehoachDemo.form.report;
    return Object.fromEntries([...report.targets, ...report.tasks].map((item) => [item.id, item.status]));
  });
const factsOf = (page) => page.evaluate(() => self.kehoachDemo.form.facts());
const field = (page, id) => page.locator(`${FORM} [data-field="${id}"]`);

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  const where = path.join(artifacts, file.suggestedFilename());
  await file.saveAs(where);
  return { name: file.suggestedFilename(), path: where, text: fs.readFileSync(where, "utf8") };
}

for (const [name, viewport] of [
  ["desktop", { width: 1400, height: 1000 }],
  ["phone", { width: 390, height: 844 }],
]) {
  describe(`the officer's report (${name}, ${viewport.width}×${viewport.height})`, () => {
    let page;
    let session;
    let picked;
    let filled;
    let exported;

    before(async () => {
      session = await open(viewport);
      page = session.page;
    });
    after(async () => session?.context.close());

    test("pick the plan, the department and the period", async () => {
      const index = await page.evaluate((name) => self.kehoachPlans.findIndex((p) => p.name === name), PLAN);
      assert.ok(index >= 0);
      await page.selectOption("#plan-select", String(index));
      await page.waitForFunction(() => self.kehoachDemo.form.report?.plan?.number === "370/KH-UBND");
      const all = await page.locator(`${FORM} .kh-field`).count();
      await page.selectOption(`${FORM} .kh-department`, DEPARTMENT);
      await page.selectOption(`${FORM} .kh-period`, PERIOD);
      await page.locator(`${FORM} .kh-as-of`).fill("30/09/2023");
      await page.locator(`${FORM} .kh-as-of`).press("Tab");
      await page.waitForFunction(() => self.kehoachDemo.form.report?.as_of === "2023-09-30");
      const shown = await page.locator(`${FORM} .kh-field`).count();
      assert.ok(shown > 5 && shown < all / 3, `${shown} of ${all} items`);
      // Only the department's items, in the document's order, each naming it (or a group it belongs to).
      const check = await page.evaluate((department) => {
        const form = self.kehoachDemo.form;
        const order = form.fields.map((f) => f.id);
        const ids = [...document.querySelectorAll("kehoach-report-form .kh-field")].map((n) => n.dataset.field);
        const byId = new Map(form.fields.map((f) => [f.id, f]));
        const owners = self.kehoachFormCore.departmentOwners(department, form.state.owners);
        return {
          ordered: ids.every((id, i) => i === 0 || order.indexOf(ids[i - 1]) < order.indexOf(id)),
          theirs: ids.every((id) => byId.get(id).owners.some((o) => owners.has(o.id))),
        };
      }, DEPARTMENT);
      assert.deepEqual(check, { ordered: true, theirs: true });
      // What to fill: a value that is not a share, two tasks still open.
      picked = await page.evaluate(() => {
        const form = self.kehoachDemo.form;
        const shown = new Set([...document.querySelectorAll("kehoach-report-form .kh-field")].map((n) => n.dataset.field));
        const status = new Map(form.report.tasks.map((t) => [t.id, t.status]));
        const fields = form.fields.filter((f) => shown.has(f.id));
        const value = fields.find((f) => f.fact === "values" && !/%/.test(f.unit || ""));
        const tasks = fields.filter((f) => f.fact === "tasks" && ["open", "due-soon", "overdue"].includes(status.get(f.id)));
        return { value: value.id, unit: value.unit, done: tasks[0].id, cancelled: tasks[1].id };
      });
      assert.ok(picked.value && picked.done && picked.cancelled);
      await page.screenshot({ path: path.join(artifacts, `officer-${name}-1-department.png`) });
    });

    test("a bad figure: its error beside it, announced, left out; every other status still shown", async () => {
      const input = field(page, picked.value).locator('input[data-input="value"]');
      const badgesBefore = await page.locator(`${FORM} .kh-badges .kh-badge`).count();
      await input.fill("abc");
      const error = field(page, picked.value).locator(".kh-error").first();
      await page.waitForFunction((id) => document.querySelector(`kehoach-report-form [data-field="${id}"] .kh-error`)?.textContent !== "", picked.value);
      assert.match(await error.innerText(), /không phải là số/);
      assert.equal(await input.getAttribute("aria-invalid"), "true");
      assert.equal(await input.getAttribute("aria-describedby"), await error.getAttribute("id"));
      await page.waitForFunction(() => /không phải là số/.test(document.querySelector("kehoach-report-form [role=status][aria-live=assertive]").textContent));
      // The other items keep their statuses; this one says its figure is left out.
      assert.ok((await page.locator(`${FORM} .kh-badges .kh-badge`).count()) >= badgesBefore);
      assert.equal(await field(page, picked.value).locator('.kh-badge[data-status="left-out"]').count(), 1);
      assert.equal((await factsOf(page)).values?.[picked.value]?.[PERIOD], undefined);
      await input.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(artifacts, `officer-${name}-2-field-error.png`) });
      // Fixed: the Vietnamese decimal comma.
      await input.fill("7,5");
      await page.waitForFunction((id) => document.querySelector(`kehoach-report-form [data-field="${id}"] .kh-error`)?.textContent === "", picked.value);
      await settled(page);
      assert.equal((await factsOf(page)).values[picked.value][PERIOD], "7.5");
      assert.equal(await input.getAttribute("aria-invalid"), null);
    });

    test("tasks marked done and cancelled, with notes", async () => {
      const done = field(page, picked.done);
      await done.locator('input[data-input="done"]').fill("25/09/2023");
      await done.locator('input[data-input="progress"]').fill("100");
      await done.locator('textarea[data-input="note"]').fill("Kết quả: đã ban hành kế hoạch; khó khăn: thiếu kinh phí");
      const cancelled = field(page, picked.cancelled);
      await cancelled.locator('input[data-input="cancelled"]').fill("Không còn phù hợp sau khi sáp nhập");
      await cancelled.locator('textarea[data-input="note"]').fill("Kiến nghị: điều chỉnh kế hoạch");
      await field(page, picked.value).locator('textarea[data-input="note"]').fill("Khó khăn: giải ngân chậm");
      await page.waitForFunction(
        ([a, b]) => {
          const status = (id) => document.querySelector(`kehoach-report-form [data-field="${id}"] .kh-badge`)?.dataset.status;
          return ["done", "done-late"].includes(status(a)) && status(b) === "cancelled";
        },
        [picked.done, picked.cancelled],
      );
      // Done and cancelled at once is refused beside the field.
      await cancelled.locator('input[data-input="done"]').fill("20/09/2023");
      await page.waitForFunction((id) => /không thể vừa hoàn thành/.test(document.querySelector(`kehoach-report-form [data-field="${id}"]`).textContent), picked.cancelled);
      await cancelled.locator('input[data-input="done"]').fill("");
      // A day that does not exist is said to be so, never emptied silently.
      await done.locator('input[data-input="done"]').fill("31/06/2023");
      await page.waitForFunction((id) => /không có ngày này/.test(document.querySelector(`kehoach-report-form [data-field="${id}"]`).textContent), picked.done);
      await done.locator('input[data-input="done"]').fill("25/09/2023");
      await settled(page);
      filled = { facts: await factsOf(page), statuses: await statusesOf(page) };
      assert.deepEqual(filled.facts.tasks[picked.done], { done: "2023-09-25", progress: "100" });
      assert.equal(filled.facts.tasks[picked.cancelled].cancelled, "Không còn phù hợp sau khi sáp nhập");
      assert.equal(filled.facts.tasks[picked.cancelled].done, undefined);
      assert.equal(filled.statuses[picked.cancelled], "cancelled");
    });

    test("reload: the draft is back, department, period, figures and notes", async () => {
      await page.reload();
      await ready(page);
      const index = await page.evaluate((name) => self.kehoachPlans.findIndex((p) => p.name === name), PLAN);
      await page.selectOption("#plan-select", String(index));
      await page.waitForFunction(() => self.kehoachDemo.form.report?.plan?.number === "370/KH-UBND");
      await page.waitForFunction((period) => self.kehoachDemo.form.period === period, PERIOD);
      await settled(page);
      assert.equal(await page.locator(`${FORM} .kh-department`).inputValue(), DEPARTMENT);
      assert.equal(await page.locator(`${FORM} .kh-period`).inputValue(), PERIOD);
      assert.equal(await page.locator(`${FORM} .kh-as-of`).inputValue(), "30/09/2023");
      assert.equal(await field(page, picked.value).locator('input[data-input="value"]').inputValue(), "7,5");
      assert.equal(await field(page, picked.done).locator('input[data-input="done"]').inputValue(), "25/09/2023");
      assert.match(await field(page, picked.done).locator('textarea[data-input="note"]').inputValue(), /thiếu kinh phí/);
      assert.deepEqual(await factsOf(page), filled.facts);
      assert.deepEqual(await statusesOf(page), filled.statuses);
    });

    test("the submit event's facts are what `kehoach eval` accepts unchanged, as JSON and as text", async () => {
      await page.evaluate(() => {
        self.kehoachDemo.form.addEventListener("submit", (event) => (self.submitted = event.detail), { once: true });
      });
      await page.locator(`${FORM} .kh-submit`).click();
      await page.waitForFunction(() => self.submitted);
      const detail = await page.evaluate(() => self.submitted);
      assert.deepEqual(detail.facts, filled.facts);
      assert.equal(detail.period, PERIOD);
      assert.equal(detail.department, DEPARTMENT);
      assert.match(detail.notes[picked.done][PERIOD], /thiếu kinh phí/);
      const plan = bundledPlans().find((p) => p.name === PLAN);
      const dir = writeFiles(`officer-${name}`, { ...plan.files, "submitted.facts.json": JSON.stringify(detail.facts), "submitted.facts": detail.factsText });
      const json = cli(["eval", plan.main, "--facts", "submitted.facts.json", "--format", "json"], dir);
      const text = cli(["eval", plan.main, "--facts", "submitted.facts", "--format", "json"], dir);
      assert.equal(json.status, 0);
      assert.equal(text.status, 0);
      const report = JSON.parse(json.stdout);
      assert.deepEqual(JSON.parse(text.stdout), report);
      const statuses = Object.fromEntries([...report.targets, ...report.tasks].map((item) => [item.id, item.status]));
      assert.deepEqual(statuses, filled.statuses);
    });

    if (name === "desktop") {
      test("the department's summary prints on at most 3 A4 pages, and saves as a standalone HTML file", async () => {
        await page.evaluate(() => self.kehoachDemo.form.renderPrintout());
        const printout = await page.locator(`${FORM} .kh-printout`).innerHTML();
        assert.match(printout, /Sở Kế hoạch và Đầu tư/);
        assert.match(printout, /THỦ TRƯỞNG ĐƠN VỊ/);
        assert.match(printout, /Không còn phù hợp sau khi sáp nhập/);
        assert.match(printout, /thiếu kinh phí/);
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        fs.writeFileSync(path.join(artifacts, "officer-printout.pdf"), pdf);
        const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) || []).length;
        assert.ok(pages >= 1 && pages <= 3, `${pages} pages`);
        const html = await download(page, `${FORM} .kh-saveHtml`);
        assert.equal(html.name, "370-kh-ubnd_so-khdt_2023-q3.html");
        assert.match(html.text, /^<!doctype html>/);
        assert.match(html.text, /@page\{size:A4/);
        assert.match(html.text, /7,5/);
      });
    }

    test("export as facts JSON and .facts text, named by plan, department and period", async () => {
      const json = await download(page, `${FORM} .kh-exportJson`);
      assert.equal(json.name, "370-kh-ubnd_so-khdt_2023-q3.facts.json");
      assert.deepEqual(JSON.parse(json.text), filled.facts);
      const text = await download(page, `${FORM} .kh-exportText`);
      assert.equal(text.name, "370-kh-ubnd_so-khdt_2023-q3.facts");
      assert.match(text.text, new RegExp(`^  ${picked.value} ${PERIOD} = 7\\.5$`, "m"));
      // The notes per item and period are in the facts, text and JSON alike (SPEC §6 `notes`).
      assert.equal(JSON.parse(json.text).notes[picked.done][PERIOD], "Kết quả: đã ban hành kế hoạch; khó khăn: thiếu kinh phí");
      assert.match(text.text, new RegExp(`^  ${picked.done} ${PERIOD} note "Kết quả: đã ban hành kế hoạch; khó khăn: thiếu kinh phí"$`, "m"));
      exported = json;
    });

    test("clear asks first, and can be undone", async () => {
      await page.locator(`${FORM} .kh-clear`).click();
      const dialog = page.locator(`${FORM} dialog.kh-dialog`);
      await dialog.waitFor();
      await dialog.locator(".kh-confirm-no").click();
      assert.deepEqual(await factsOf(page), filled.facts);
      await page.locator(`${FORM} .kh-clear`).click();
      await dialog.locator(".kh-confirm-yes").click();
      await page.waitForFunction(() => !self.kehoachDemo.form.facts().values);
      await page.locator(`${FORM} .kh-undo`).click();
      await page.waitForFunction((id) => self.kehoachDemo.form.facts().values?.[id], picked.value);
      assert.deepEqual(await factsOf(page), filled.facts);
      await page.locator(`${FORM} .kh-clear`).click();
      await dialog.locator(".kh-confirm-yes").click();
      await page.waitForFunction(() => !self.kehoachDemo.form.facts().values && !self.kehoachDemo.form.facts().tasks);
      assert.equal(await field(page, picked.value).locator('input[data-input="value"]').inputValue(), "");
    });

    test("import the exported file: the same facts and the same report, with an account of the changes", async () => {
      await page.locator(`${FORM} .kh-import-input`).setInputFiles(exported.path);
      const account = page.locator(`${FORM} .kh-account`);
      await page.waitForFunction(() => /Đã nhập/.test(document.querySelector("kehoach-report-form .kh-account").textContent));
      assert.match(await account.innerText(), /Đã nhập 370-kh-ubnd_so-khdt_2023-q3\.facts\.json: \d+ số liệu mới, 0 số liệu thay đổi/);
      await settled(page);
      await page.waitForFunction((id) => self.kehoachDemo.form.facts().values?.[id], picked.value);
      await settled(page);
      assert.deepEqual(await factsOf(page), filled.facts);
      assert.deepEqual(await statusesOf(page), filled.statuses);
      assert.equal(await field(page, picked.value).locator('input[data-input="value"]').inputValue(), "7,5");
      // The notes came back with the figures: an export/import round trip keeps them.
      assert.match(await field(page, picked.done).locator('textarea[data-input="note"]').inputValue(), /thiếu kinh phí/);
      assert.match(await field(page, picked.value).locator('textarea[data-input="note"]').inputValue(), /giải ngân chậm/);
      // Importing it again changes nothing, and says so.
      await page.locator(`${FORM} .kh-import-input`).setInputFiles(exported.path);
      await page.waitForFunction(() => / 0 số liệu mới, 0 số liệu thay đổi/.test(document.querySelector("kehoach-report-form .kh-account").textContent));
    });

    test("the plan list and the form fit the screen", async () => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `page is ${width}px wide`);
      const box = await page.locator("#plan-select").boundingBox();
      assert.ok(box.x + box.width <= viewport.width, `plan list ends at ${box.x + box.width}px`);
    });

    test("axe-core finds no serious accessibility violation", async () => {
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await self.axe.run(document, { resultTypes: ["violations"] });
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
      });
      assert.deepEqual(violations, []);
    });

    test("no request left the machine and the page logged no error", () => {
      assert.deepEqual(session.outside, []);
      assert.deepEqual(session.errors, []);
    });
  });
}

describe("the README's ten lines embed the form on a page of one's own", () => {
  test("the element defined on the package's module itself: a typed figure is posted as facts `kehoach eval` accepts", async () => {
    const readme = fs.readFileSync(path.join(www, "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## A reporting form in ten lines"));
    const snippet = /```html\n([\s\S]*?)```/.exec(section)[1];
    assert.equal(snippet.trimEnd().split("\n").length, 10, "the README's example is ten lines");
    const plan = bundledPlans().find((p) => p.name === PLAN);
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const posted = [];
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url === `${base}embed.html`) {
        const files = JSON.stringify({ planText: plan.files[plan.main], agenciesText: plan.files["agencies.plan"] });
        const html = [
          "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>embed</title><link rel=\"icon\" href=\"data:,\">",
          '<script type="importmap">{"imports":{"@kehoach/web":"./dist/pkg/kehoach_wasm.js","@kehoach/web/report-form.js":"./dist/pkg/report-form.js"}}</script>',
          `<script>Object.assign(self, ${files});</script></head><body>`,
          snippet,
          "</body></html>",
        ].join("\n");
        return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
      }
      if (url === `${base}reports`) {
        posted.push(route.request().postData());
        return route.fulfill({ status: 204, body: "" });
      }
      if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${base}embed.html`);
    await page.locator(`${FORM} .kh-field`).first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("kehoach-report-form").report);
    // The page's own listener sees the element's `input` events, with the facts.
    await page.evaluate(() => {
      self.seen = [];
      document.querySelector("kehoach-report-form").addEventListener("input", (event) => self.seen.push(event.detail));
    });
    await page.selectOption(`${FORM} .kh-period`, PERIOD);
    const target = await page.evaluate(() => document.querySelector("kehoach-report-form").fields.find((f) => f.fact === "values" && !/%/.test(f.unit || "")).id);
    await page.locator(`${FORM} [data-field="${target}"] input[data-input="value"]`).fill("1.234,5");
    await page.waitForFunction(([id, period]) => self.seen.some((d) => d.facts.values?.[id]?.[period] === "1234.5"), [target, PERIOD]);
    await page.locator(`${FORM} .kh-submit`).click();
    await page.waitForFunction(() => document.querySelector("kehoach-report-form .kh-status").textContent.length > 0);
    await expectPosted(posted);
    const facts = JSON.parse(posted[0]);
    assert.equal(facts.values[target][PERIOD], "1234.5");
    const dir = writeFiles("embed", { ...plan.files, "posted.facts.json": posted[0] });
    const run = cli(["eval", plan.main, "--facts", "posted.facts.json", "--format", "json"], dir);
    assert.equal(run.status, 0);
    assert.equal(JSON.parse(run.stdout).targets.find((t) => t.id === target)?.actual?.value ?? JSON.parse(run.stdout).measures.find((m) => m.id === target)?.actual?.value, "1234.5");
    assert.deepEqual(errors, []);
    await context.close();
  });
});

async function expectPosted(posted) {
  for (let i = 0; i < 100 && posted.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(posted.length, 1);
}

describe("when the draft cannot be kept", () => {
  test("the form says so, and closing the page asks first", async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    await context.route("**/*", (route) => (route.request().url().startsWith(base) || route.request().url().startsWith("blob:") ? route.continue() : route.abort()));
    // A browser whose storage is full or refused.
    await context.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException("quota", "QuotaExceededError");
      };
    });
    const page = await context.newPage();
    await page.goto(base);
    await ready(page);
    const id = await page.evaluate(() => self.kehoachDemo.form.fields.find((f) => f.fact === "values" && !/%/.test(f.unit || "")).id);
    await page.locator(`${FORM} [data-field="${id}"] input[data-input="value"]`).fill("12");
    await page.waitForFunction(() => /Không lưu được bản nháp/.test(document.querySelector("kehoach-report-form .kh-status").textContent));
    const asked = new Promise((resolve) => {
      page.once("dialog", (dialog) => {
        resolve(dialog.type());
        dialog.accept().catch(() => {});
      });
    });
    await page.close({ runBeforeUnload: true });
    const none = new Promise((resolve) => setTimeout(() => resolve("no dialog"), 5000));
    assert.equal(await Promise.race([asked, none]), "beforeunload");
    await context.close().catch(() => {});
  });
});

describe("standing and recurring duties and tracked reports (SPEC §2b) in the form", () => {
  test("an assessment and note per period, a done date per occurrence, a submission per report and submitter; `kehoach eval` accepts them", async () => {
    const text = fs.readFileSync(path.join(www, "..", "..", "tests", "fixtures", "ok", "duties.plan"), "utf8");
    const { context, page, errors } = await open({ width: 1400, height: 1000 });
    await page.selectOption("#plan-select", "-1");
    await page.evaluate((text) => {
      const source = document.getElementById("source");
      source.value = text;
      source.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }, text);
    await page.waitForFunction(() => self.kehoachDemo.form.report?.plan?.number === "1067/KH-UBND" && !self.kehoachDemo.form.busy);
    await page.selectOption(`${FORM} .kh-period`, "2021-Q2");
    await page.locator(`${FORM} .kh-as-of`).fill("30/06/2021");
    await page.locator(`${FORM} .kh-as-of`).press("Tab");
    await page.waitForFunction(() => self.kehoachDemo.form.report?.as_of === "2021-06-30" && !self.kehoachDemo.form.busy);
    // The standing duty: an assessment and its note for the period.
    const duty = field(page, "t_kiem_tra");
    await duty.locator('select[data-input="assessed"]').selectOption("met");
    await duty.locator('textarea[data-input="note"]').fill("đã kiểm tra 12 dự án");
    // The quarterly duty: its Q2 occurrence (Q1 fell due before the plan was issued), and the next one.
    const quarterly = field(page, "t_quy");
    assert.deepEqual(await quarterly.locator("input[data-input]").evaluateAll((inputs) => inputs.map((i) => i.dataset.input)), ["done@2021-Q2", "done@2021-Q3"]);
    await quarterly.locator('input[data-input="done@2021-Q2"]').fill("08/06/2021");
    // The monthly report: a date per month due by the report date and submitter.
    const report = field(page, "monthly");
    await report.locator('input[data-input="so_tc@2021-05"]').fill("18/05/2021");
    await report.locator('input[data-input="so_khdt@2021-05"]').fill("25/05/2021");
    // A submission after the report date is refused beside it.
    await report.locator('input[data-input="so_tnmt@2021-05"]').fill("02/07/2021");
    await page.waitForFunction(() => /sau ngày báo cáo/.test(document.querySelector('kehoach-report-form [data-field="monthly"]').textContent));
    await report.locator('input[data-input="so_tnmt@2021-05"]').fill("");
    await settled(page);
    await page.waitForFunction(() => !self.kehoachDemo.form.busy && self.kehoachDemo.form.facts().reports?.monthly?.["2021-05"]?.so_khdt);
    await settled(page);
    const facts = await factsOf(page);
    assert.deepEqual(facts.tasks.t_kiem_tra, { "2021-Q2": { assessed: "met", note: "đã kiểm tra 12 dự án" } });
    assert.deepEqual(facts.tasks.t_quy, { "2021-Q2": { done: "2021-06-08" } });
    assert.deepEqual(facts.reports.monthly["2021-05"], { so_tc: "2021-05-18", so_khdt: "2021-05-25" });
    const statuses = await page.evaluate(() => {
      const r = self.kehoachDemo.form.report;
      return Object.fromEntries([...r.tasks, ...r.reports].map((item) => [item.id, item.status]));
    });
    assert.equal(statuses.t_kiem_tra, "ongoing");
    const textFacts = await page.evaluate(() => self.kehoachDemo.form.factsText());
    const dir = writeFiles("duties-form", { "duties.plan": text, "form.facts.json": JSON.stringify(facts), "form.facts": textFacts });
    const json = cli(["eval", "duties.plan", "--facts", "form.facts.json", "--format", "json"], dir);
    const fromText = cli(["eval", "duties.plan", "--facts", "form.facts", "--format", "json"], dir);
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(fromText.stdout), JSON.parse(json.stdout));
    const evaluated = JSON.parse(json.stdout);
    assert.deepEqual(Object.fromEntries([...evaluated.tasks, ...evaluated.reports].map((item) => [item.id, item.status])), statuses);
    // Read back, the text gives the same facts.
    const back = await page.evaluate((text) => {
      const read = self.kehoachFormCore.readFacts(text);
      return read.entries;
    }, textFacts);
    assert.deepEqual(back.duties.t_kiem_tra, { "2021-Q2": { assessed: "met", note: "đã kiểm tra 12 dự án" } });
    assert.deepEqual(back.reports.monthly["2021-05"], { so_tc: "18/05/2021", so_khdt: "25/05/2021" });
    assert.deepEqual(errors, []);
    await page.screenshot({ path: path.join(artifacts, "officer-duties.png") });
    await context.close();
  });
});
