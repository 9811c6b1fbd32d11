// The demo page's plan editor (CodeMirror 6, www/editor.js) in headless Chromium, typed into as a person types:
// a mistake gets a lint underline whose tooltip says the message and the help, in Vietnamese by default; an owner
// is completed from its Vietnamese name; hovering an id shows what it is; Shift+Alt+F formats; the page stays
// offline. The screenshot of README's "In your editor"
// (docs/web-editor.png) is taken here: `KEHOACH_SCREENSHOT=docs node --test test/editor.test.mjs` rewrites it;
// otherwise it goes to test-artifacts/.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { startDemo } from "./chromium.mjs";
import { artifacts, repo, www } from "./helpers.mjs";

let demo;
let page;
let outside;
let errors;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  demo = await startDemo(www);
  ({ page, outside, errors } = await demo.open());
  await page.locator(".cm-content").waitFor();
  await page.waitForFunction(() => self.kehoachDemo?.form?.report);
  // The blank plan: an empty editor.
  await page.selectOption("#plan-select", "-1");
  await page.waitForFunction(() => self.kehoachDemo.editor.value === "");
});

after(async () => {
  await demo?.close();
});

const text = () => page.evaluate(() => self.kehoachDemo.editor.value);

test("the bundled plan is highlighted by kehoach's token rules", async () => {
  await page.selectOption("#plan-select", "0");
  await page.waitForFunction(() => self.kehoachDemo.editor.value.includes("plan \""));
  // Keywords, strings and numbers each get a highlighting class of their own.
  const classes = await page.evaluate(() => {
    const spans = [...document.querySelectorAll(".cm-content .cm-line span")];
    const classOf = (word) => spans.find((s) => s.textContent === word)?.className ?? null;
    return { plan: classOf("plan"), title: classOf("title") };
  });
  assert.ok(classes.plan, "`plan` is highlighted");
  assert.ok(classes.title, "`title` is highlighted");
  assert.notEqual(classes.plan, classes.title, "a declaration and an attribute are told apart");
  // Vietnamese in the editor is drawn with the page's own Noto Sans Mono (dist/fonts): the system's monospace
  // fonts may lack the letters with two marks (ế, ộ), which then show as "ê´".
  const faces = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === "loaded").map((f) => `${f.family} ${f.unicodeRange}`);
  });
  assert.ok(faces.some((f) => /Noto Sans Mono.*U\+1EA0-1EF9/.test(f)), faces.join("\n"));
  await page.selectOption("#plan-select", "-1");
  await page.waitForFunction(() => self.kehoachDemo.editor.value === "");
});

test("a typed mistake is underlined, and its tooltip says the message and the help", async () => {
  await page.locator(".cm-content").click();
  await page.keyboard.insertText('plan "1/KH" { period 2023 }\nowner so_yt "Sở Y tế"\n');
  // Typed key by key; the editor closes `"` and `{` as they are opened and steps over the closing ones.
  await page.keyboard.type('target x "X" { unit "%"; goal >= 9,3; lead so_yt }', { delay: 5 });
  assert.equal(
    await text(),
    'plan "1/KH" { period 2023 }\nowner so_yt "Sở Y tế"\ntarget x "X" { unit "%"; goal >= 9,3; lead so_yt }',
  );
  const underline = page.locator(".cm-lintRange-error").first();
  await underline.waitFor();
  assert.equal(await underline.innerText(), ",");
  await underline.hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await tooltip.waitFor();
  const shown = await tooltip.innerText();
  // Vietnamese by default: the message and, under it, the help that names the fix.
  assert.match(shown, /cần/);
  assert.match(shown, /9\.3/);
  assert.match(shown, /syntax/);
  await page.screenshot({ path: path.join(artifacts, "editor-1-lint.png") });
});

test("an owner is completed from its Vietnamese name, typed with diacritics", async () => {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText('\ntask t "Việc" {\n  lead ');
  await page.keyboard.type("sở y", { delay: 20 });
  const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "so_yt" });
  await option.waitFor();
  assert.match(await page.locator(".cm-tooltip-autocomplete").innerText(), /Sở Y tế/);
  // The README's screenshot: the underline from before, and the completion open.
  const shot = process.env.KEHOACH_SCREENSHOT === "docs" ? path.join(repo, "docs", "web-editor.png") : path.join(artifacts, "editor-2-complete.png");
  await page.locator(".editor-pane").screenshot({ path: shot });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => self.kehoachDemo.editor.value.endsWith("lead so_yt"));
  // The typed name was replaced by the id, and the page's copy of the file follows.
  await page.waitForFunction(() => self.kehoachDemo.state.files["plan.plan"].endsWith('{\n  lead so_yt'));
});

/** Rests the pointer on the `nth` occurrence of `word` in the editor's text (`skip` characters in) and returns
 * the hover's text. */
async function hoverOn(word, nth = 0, skip = 0) {
  const at = await page.evaluate(
    ([word, nth, skip]) => {
      const view = self.kehoachDemo.editor.view;
      const doc = view.state.doc.toString();
      let pos = -1;
      for (let i = 0; i <= nth; i += 1) pos = doc.indexOf(word, pos + 1);
      const box = view.coordsAtPos(pos + skip);
      return { x: box.left + 2, y: (box.top + box.bottom) / 2 };
    },
    [word, nth, skip],
  );
  await page.mouse.move(0, 0);
  await page.locator(".kh-hover").waitFor({ state: "detached" }).catch(() => {});
  await page.mouse.move(at.x, at.y);
  const tooltip = page.locator(".kh-hover");
  await tooltip.waitFor();
  return tooltip.innerText();
}

/** Replaces the plan's text as a paste would (the page's copy follows). */
async function paste(text) {
  await page.evaluate((text) => {
    const mirror = document.querySelector("#source");
    mirror.value = text;
    mirror.dispatchEvent(new Event("input"));
  }, text);
  await page.waitForFunction((text) => self.kehoachDemo.state.files["plan.plan"] === text, text);
  // Checked: the status line says what was found, and no call is left with the engine.
  await page.waitForFunction(
    () => /Đã kiểm tra/.test(document.querySelector("#status").textContent) && self.kehoachDemo.engine.pending.size === 0,
  );
}

test("hovering an id shows what kehoach lsp says of it: an owner's name, a task's title and due date", async () => {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText('\n  due 2023-Q2\n}\ntask u "Việc sau" { lead so_yt; due 2023-Q3; after t }\n');
  const owner = await hoverOn("so_yt", 2);
  assert.match(owner, /so_yt/);
  assert.match(owner, /Sở Y tế/);
  const task = await hoverOn("after t", 0, "after ".length);
  assert.match(task, /Việc/);
  assert.match(task, /2023-Q2/);
  await page.screenshot({ path: path.join(artifacts, "editor-3-hover.png") });
  await page.mouse.move(0, 0);
});

test("Shift+Alt+F formats the plan as kehoach fmt does, and a plan with a syntax error is left as it is", async () => {
  const messy = 'plan "1/KH" {\nperiod 2023\n}\nowner so_yt "Sở Y tế"\ntask t "Việc" {\n      lead so_yt\ndue 2023-Q2\n}\n';
  await paste(messy);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Shift+Alt+F");
  await page.waitForFunction(() => /\n {2}period +2023\n/.test(self.kehoachDemo.editor.value));
  const formatted = await text();
  assert.match(formatted, /\n {2}lead +so_yt\n {2}due +2023-Q2\n/);
  assert.equal(await page.evaluate(() => self.kehoachDemo.state.files["plan.plan"]), formatted);

  const broken = 'plan "1/KH" {\nperiod 2023\n}\ntask t "Việc" {\n  lead\n';
  await paste(broken);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Shift+Alt+F");
  await page.waitForFunction(() => /định dạng/i.test(document.querySelector("#status").textContent));
  assert.equal(await text(), broken);
});

test("the editor fetched nothing and logged no error", () => {
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});
