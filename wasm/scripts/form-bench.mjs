// How long a keystroke in <kehoach-report-form> takes to show its statuses, on the demo page in headless
// Chromium: from the field's `input` event to the element's `input` event (its evaluation done, every status on
// screen written) and the next frame; the element's 30 ms debounce is included. Each bundled plan, every item
// shown, median and maximum of 21 keystrokes.
//
//   node scripts/form-bench.mjs        (from wasm/, after `node scripts/build.mjs`)

import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS } from "../test/chromium.mjs";
import { www } from "../test/helpers.mjs";
import { serve } from "./serve.mjs";

const { server, url } = await serve(www);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(url);
await page.locator("kehoach-report-form .kh-field").first().waitFor({ timeout: 30_000 });
const plans = await page.evaluate(() => self.kehoachPlans.map((p) => p.name));
for (const [index, name] of plans.entries()) {
  await page.selectOption("#plan-select", String(index));
  await page.waitForFunction((name) => {
    const { form, state } = self.kehoachDemo;
    return self.kehoachPlans[state.plan]?.name === name && form.report && !form.busy && form.fields.length > 0;
  }, name);
  await page.waitForTimeout(300);
  const result = await page.evaluate(async () => {
    const form = self.kehoachDemo.form;
    const field = form.fields.find((f) => f.fact === "values" && !/%/.test(f.unit || ""));
    const input = document.querySelector(`kehoach-report-form [data-field="${field.id}"] input[data-input="value"]`);
    const times = [];
    for (let i = 0; i < 21; i += 1) {
      const started = performance.now();
      const evaluated = new Promise((resolve) => form.addEventListener("input", resolve, { once: true }));
      input.value = `${100 + i},5`;
      input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      await evaluated;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { items: form.fields.length, median: times[10], max: times[20] };
  });
  console.log(`${name}: ${result.items} items, keystroke to statuses ${result.median.toFixed(0)} ms median, ${result.max.toFixed(0)} ms max`);
}
await browser.close();
server.close();
