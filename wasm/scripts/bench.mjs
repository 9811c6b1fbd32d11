// Benchmarks the built package in Node and in headless Chromium: instantiation, and check / formFields /
// evaluate per bundled plan (medians of many runs). Prints a table and writes target/wasm-bench.json.
//
//   node scripts/bench.mjs        (from wasm/, after `node scripts/build.mjs`)

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS } from "../test/chromium.mjs";
import { bundledPlans, repo, wasmDir, www } from "../test/helpers.mjs";
import { bench } from "../www/bench.js";
import { serve } from "./serve.mjs";

const plans = bundledPlans();
const glue = pathToFileURL(path.join(wasmDir, "pkg", "kehoach_wasm.js")).href;
const bytes = fs.readFileSync(path.join(wasmDir, "pkg", "kehoach_wasm_bg.wasm"));
const node = await bench((i) => import(`${glue}?copy=${i}`), bytes, plans);

const { server, url } = await serve(www);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
let chromiumResult;
const version = browser.version();
try {
  const page = await browser.newPage();
  await page.goto(`${url}bench.html`);
  await page.waitForFunction(() => self.benchResult !== undefined, null, { timeout: 120_000 });
  chromiumResult = await page.evaluate(() => self.benchResult);
  if (chromiumResult.error) throw new Error(chromiumResult.error);
} finally {
  await browser.close();
  server.close();
}

const results = { node: { version: process.version, ...node }, chromium: { version, ...chromiumResult } };
fs.writeFileSync(path.join(repo, "target", "wasm-bench.json"), `${JSON.stringify(results, null, 2)}\n`);

const ms = (n) => (n === null ? "—" : n.toFixed(n < 10 ? 2 : 1));
console.log(`instantiate: Node ${ms(node.instantiate_ms)} ms, Chromium ${ms(chromiumResult.instantiate_ms)} ms`);
console.log(
  "| plan | size | targets | tasks | check Node / Chromium | formFields Node / Chromium | evaluate Node / Chromium | " +
    "compiled: first evaluate | compiled: unchanged | compiled: one value changed |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const [i, p] of node.plans.entries()) {
  const c = chromiumResult.plans[i];
  console.log(
    `| ${p.name} | ${(p.plan_bytes / 1024).toFixed(0)} KiB | ${p.targets ?? "—"} | ${p.tasks ?? "—"} | ` +
      `${ms(p.check_ms)} / ${ms(c.check_ms)} ms | ${ms(p.form_fields_ms)} / ${ms(c.form_fields_ms)} ms | ` +
      `${ms(p.evaluate_ms)} / ${ms(c.evaluate_ms)} ms | ${ms(p.first_evaluate_ms)} / ${ms(c.first_evaluate_ms)} ms | ` +
      `${ms(p.compiled_evaluate_ms)} / ${ms(c.compiled_evaluate_ms)} ms | ${ms(p.keystroke_ms)} / ${ms(c.keystroke_ms)} ms |`,
  );
}
