// The Node package's API on real inputs: the bundled plans and the checker's fixtures give what the command line
// gives, bad arguments and hostile text give diagnostics (never a throw), and the TypeScript types describe what
// the functions really return.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { bundledPlans, cli, junkBytes, kehoachNode, repo, wasmDir, writeFiles } from "./helpers.mjs";

const kehoach = kehoachNode();
const plans = bundledPlans();
const fixtures = path.join(repo, "tests", "fixtures");

/** Every result the tests saw, by name: typed against the package's .d.ts at the end. */
const seen = { diagnostics: [], forms: [], evaluations: [] };
const checked = (...args) => {
  const result = kehoach.check(...args);
  seen.diagnostics.push(result);
  return result;
};
const evaluated = (...args) => {
  const result = kehoach.evaluate(...args);
  seen.evaluations.push(result);
  return result;
};
const formed = (...args) => {
  const result = kehoach.formFields(...args);
  seen.forms.push(result);
  return result;
};

test("the package says which kehoach it is", () => {
  const manifest = fs.readFileSync(path.join(repo, "Cargo.toml"), "utf8");
  const version = /^version = "([^"]+)"/m.exec(manifest)[1];
  assert.equal(kehoach.version(), version);
});

test("the bundled plans are there to test", () => {
  assert.ok(plans.length > 0, "no bundled plans: plans/ is empty or missing");
});

describe("check gives what `kehoach check --format json` gives", () => {
  for (const plan of plans) {
    test(`bundled plan ${plan.name}`, () => {
      const dir = writeFiles(plan.name, plan.files);
      for (const lang of ["en", "vi"]) {
        const { stdout } = cli(["check", "--format", "json", "--lang", lang, ...Object.keys(plan.files)], dir);
        assert.deepEqual(checked(plan.files, { lang }), JSON.parse(stdout));
      }
    });
  }
  const broken = fs.readdirSync(path.join(fixtures, "err")).filter((f) => f.endsWith(".plan"));
  for (const name of broken) {
    test(`broken fixture ${name}`, () => {
      const text = fs.readFileSync(path.join(fixtures, "err", name), "utf8");
      const { stdout, status } = cli(["check", "--format", "json", name], path.join(fixtures, "err"));
      // 1 with an error; 0 for the fixtures that show a warning.
      assert.ok(status === 0 || status === 1, `exit status ${status}`);
      const expected = JSON.parse(stdout);
      assert.ok(expected.length > 0);
      // `use-not-found`'s help names files of the folder on disk, which a call without them cannot know.
      const comparable = (list) => list.map((d) => (d.code === "use-not-found" ? { ...d, help: null } : d));
      assert.deepEqual(comparable(checked({ [name]: text })), comparable(expected));
    });
  }
});

test("a single string is named plan.plan and its ranges index the JavaScript string", () => {
  const source = 'plan "1/KH" { period 2023 }\nowner a "Sở Tài chính 𝔸"\ntask t "Việc" { lead b }\n';
  const [unknown] = checked(source).filter((d) => d.code === "unknown-reference");
  assert.equal(unknown.file, "plan.plan");
  assert.equal(source.slice(unknown.range_utf16.start, unknown.range_utf16.end), "b");
  assert.equal(Buffer.from(source).subarray(unknown.range.start, unknown.range.end).toString(), "b");
  assert.equal(unknown.help, "did you mean `a`?");
});

describe("formFields", () => {
  for (const plan of plans) {
    test(`bundled plan ${plan.name}: one field per measure, target and task`, () => {
      const result = formed(plan.files, { plan: plan.main });
      assert.equal(result.ok, true, JSON.stringify(result.diagnostics.filter((d) => d.severity === "error")));
      const declared = Object.values(plan.files)
        .join("\n")
        .split("\n")
        .filter((line) => /^\s*(target|measure|task)\s+[A-Za-z_]/.test(line.replace(/\/\/.*/, ""))).length;
      // Some declarations share a line (`{ target a …; target b … }`); never fewer fields than lines.
      assert.ok(result.fields.length >= declared, `${result.fields.length} fields for ${declared} declarations`);
      const ids = result.fields.map((f) => f.id);
      assert.equal(new Set(ids).size, ids.length, "ids are unique");
      for (const field of result.fields) {
        if (field.fact === "values" || field.fact === "assessments") assert.ok(field.periods.length > 0, field.id);
        // A one-off task has one due day; a standing duty has none, a recurring one a day per occurrence.
        if (field.kind === "task" && field.schedule === "once") {
          assert.match(field.due_date ?? "", /^\d{4}-\d\d-\d\d$/, field.id);
        }
      }
    });
  }

  test("the spec example gives the library's form exactly (the Rust snapshot)", () => {
    const snapshot = fs.readFileSync(
      path.join(repo, "src", "form", "snapshots", "kehoach__form__tests__the_spec_example_asks_for_every_measure_target_and_task.snap"),
      "utf8",
    );
    const expected = JSON.parse(snapshot.split(/^---$/m).slice(2).join("---"));
    const text = fs.readFileSync(path.join(fixtures, "ok", "spec_example.plan"), "utf8");
    const result = formed(text);
    assert.equal(result.ok, true);
    assert.deepEqual(result.fields, expected);
  });

  test("a broken plan gives no fields, and says why in the language asked for", () => {
    const result = formed('plan "1/KH" {\n  period 2023\n  goal 95,01\n}', { lang: "vi" });
    assert.equal(result.ok, false);
    assert.equal("fields" in result, false);
    assert.equal(result.diagnostics[0].code, "syntax");
    assert.match(result.diagnostics[0].message, /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/);
  });

  test("several plans: `{ plan }` picks one by number or file", () => {
    const two = {
      "a.plan": 'plan "1/KH" { period 2023 }\nowner o "O"\ntarget x "X" { goal 1; lead o }\n',
      "b.plan": 'plan "2/KH" { period 2024 }\nowner o "O"\ntask y "Y" { lead o }\n',
    };
    const ambiguous = formed(two);
    assert.equal(ambiguous.ok, false);
    assert.equal(ambiguous.diagnostics[0].code, "invalid-argument");
    assert.deepEqual(formed(two, { plan: "2/KH" }).fields.map((f) => f.id), ["y"]);
    assert.deepEqual(formed(two, { plan: "a.plan" }).fields.map((f) => f.id), ["x"]);
  });
});

/** The report of the shared corpus: the Rust test's snapshot of the same plan and facts. */
function corpusReport(name) {
  const file = path.join(wasmDir, "src", "api", "snapshots", `kehoach_wasm__api__tests__corpus_${name}.snap`);
  const snapshot = fs.readFileSync(file, "utf8");
  return JSON.parse(snapshot.split(/^---$/m).slice(2).join("---"));
}

/** A result of `evaluate` without what the API adds to the CLI's report. */
function reportOf(result) {
  const { ok, diagnostics, ...report } = result;
  return report;
}

describe("evaluate gives what `kehoach eval --format json` gives (the shared corpus)", () => {
  for (const plan of plans.filter((p) => p.facts)) {
    test(`bundled plan ${plan.name}`, () => {
      const dir = writeFiles(plan.name, { ...plan.files, "facts.json": JSON.stringify(plan.facts) });
      const { stdout, status } = cli(["eval", plan.main, "--facts", "facts.json", "--format", "json"], dir);
      assert.equal(status, 0);
      const fromCli = JSON.parse(stdout);
      const result = evaluated(plan.files, plan.facts, { plan: plan.main });
      assert.equal(result.ok, true, JSON.stringify(result.diagnostics.slice(0, 3)));
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
      assert.deepEqual(reportOf(result), fromCli);
      assert.deepEqual(fromCli, corpusReport(plan.name));
      // The same facts as JSON text give the same report.
      assert.deepEqual(reportOf(evaluated(plan.files, JSON.stringify(plan.facts), { plan: plan.main })), fromCli);
    });
  }

  test("a compiled plan gives the same reports, diagnostics and form", () => {
    for (const plan of plans.filter((p) => p.facts)) {
      const compiled = kehoach.compile(plan.files, { plan: plan.main });
      try {
        assert.equal(compiled.ok, true);
        assert.deepEqual(compiled.diagnostics(), formed(plan.files, { plan: plan.main }).diagnostics);
        assert.deepEqual(compiled.formFields(), formed(plan.files, { plan: plan.main }));
        assert.deepEqual(compiled.evaluate(plan.facts), evaluated(plan.files, plan.facts, { plan: plan.main }));
        assert.deepEqual(reportOf(compiled.evaluate(plan.facts, { asOf: "2030-01-01" })), reportOf(evaluated(plan.files, plan.facts, { plan: plan.main, asOf: "2030-01-01" })));
      } finally {
        compiled.free();
      }
    }
    const rejected = kehoach.compile(42);
    assert.equal(rejected.ok, false);
    assert.equal(rejected.diagnostics()[0].code, "invalid-argument");
    assert.equal(rejected.evaluate({}).ok, false);
  });

  test("a compiled plan evaluated again and again: each report is the whole report, unchanged items shared", () => {
    for (const plan of plans.filter((p) => p.facts)) {
      const options = { plan: plan.main };
      const compiled = kehoach.compile(plan.files, options);
      try {
        // One value changed, back again, no facts, a later day, a broken fact, then the facts again: each report
        // is what a fresh evaluation gives, key for key and in the same order.
        const changed = structuredClone(plan.facts);
        const [target, periods] = Object.entries(changed.values)[0];
        const period = Object.keys(periods)[0];
        periods[period] = String(Number(periods[period]) + 1000);
        const broken = { ...plan.facts, values: { ...plan.facts.values, [target]: { [period]: "7,5" } } };
        // The same number with one more zero: equal as a decimal, but shown as written.
        const zero = structuredClone(changed);
        const written = String(zero.values[target][period]);
        zero.values[target][period] = written.includes(".") ? `${written}0` : `${written}.0`;
        const steps = [
          [plan.facts, {}],
          [changed, {}],
          [zero, {}],
          [plan.facts, {}],
          [{ plan: plan.facts.plan, as_of: plan.facts.as_of }, {}],
          [plan.facts, { asOf: "2031-01-01" }],
          [broken, {}],
          [plan.facts, { dueSoonDays: 400 }],
        ];
        let previous = null;
        for (const [facts, more] of steps) {
          const report = compiled.evaluate(facts, more);
          const fresh = kehoach.evaluate(plan.files, facts, { ...options, ...more });
          assert.equal(JSON.stringify(report), JSON.stringify(fresh), `${plan.name}: ${JSON.stringify(more)}`);
          if (!report.ok) continue;
          for (const list of ["targets", "measures", "tasks", "rules", "reports", "owners", "sections"]) {
            for (const item of report[list]) {
              assert.ok(Object.isFrozen(item), `${list}: items are frozen`);
              for (const inner of Object.values(item)) {
                if (typeof inner === "object" && inner !== null) assert.ok(Object.isFrozen(inner));
              }
            }
            if (previous) {
              assert.notEqual(report[list], previous[list], "each report has its own lists");
              report[list].forEach((item, i) => {
                const same = JSON.stringify(item) === JSON.stringify(previous[list][i]);
                assert.equal(item === previous[list][i], same, `${list}[${i}] is shared exactly when unchanged`);
              });
            }
          }
          previous = report;
        }
        // A caller sorting a report's list, or trying to change an item, leaves the next report as it was.
        const first = compiled.evaluate(plan.facts);
        first.tasks.reverse();
        assert.throws(() => {
          first.tasks[0].status = "done";
        }, TypeError);
        assert.equal(JSON.stringify(compiled.evaluate(plan.facts)), JSON.stringify(kehoach.evaluate(plan.files, plan.facts, options)));
      } finally {
        compiled.free();
      }
    }
  });

  test("asOf overrides the facts' date, numbers stay exact", () => {
    const plan = 'plan "1/KH" { period 2023 }\nowner a "A"\ntarget x "X" { unit "%"; goal >= 8.1; average 2023..2023; lead a }\n';
    const early = evaluated(plan, { as_of: "2023-06-30", values: { x: { 2023: 8.1 } } });
    assert.equal(early.ok, true, JSON.stringify(early.diagnostics));
    assert.equal(early.as_of, "2023-06-30");
    assert.equal(early.targets[0].actual.value, "8.1");
    const late = evaluated(plan, { as_of: "2023-06-30", values: { x: { 2023: 8.1 } } }, { asOf: "2024-01-02" });
    assert.equal(late.as_of, "2024-01-02");
    assert.equal(late.targets[0].status, "met");
    assert.equal(late.targets[0].average.mean, "8.1");
  });

  test("bad facts: not evaluated, each problem with its place in the facts", () => {
    const plan = 'plan "1/KH" { period 2023 }\nowner a "A"\ntarget x "X" { goal >= 1; lead a }\n';
    const facts = { plan: "1/KH", as_of: "2023-09-30", values: { y: { 2023: 1 }, x: { "2023-Q5": 2 } } };
    const result = evaluated(plan, facts, { lang: "vi" });
    assert.equal(result.ok, false);
    assert.equal("targets" in result, false);
    const text = JSON.stringify(facts);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.file, text.slice(d.range_utf16.start, d.range_utf16.end)]),
      [
        ["unknown-fact", "facts.json", '"y"'],
        ["malformed-fact", "facts.json", '"2023-Q5"'],
      ],
    );
  });

  test("text facts name their file plan.facts", () => {
    const plan = 'plan "1/KH" { period 2023 }\nowner a "A"\ntask t "T" { due 2023-Q2; lead a }\n';
    const result = evaluated(plan, 'facts "1/KH" as_of 2023-09-30 {\n  t done 2023-05-02\n  u done 2023-05-02\n}\n');
    assert.equal(result.ok, false);
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.file, d.line]), [["unknown-fact", "plan.facts", 3]]);
    const ok = evaluated(plan, 'facts "1/KH" as_of 2023-09-30 {\n  t done 2023-05-02\n}\n');
    assert.equal(ok.tasks[0].status, "done");
  });
});

describe("format gives what `kehoach fmt` writes", () => {
  for (const plan of plans) {
    test(`bundled plan ${plan.name}`, () => {
      const result = kehoach.format(plan.files);
      assert.equal(result.ok, true, JSON.stringify(result.diagnostics.slice(0, 2)));
      const dir = writeFiles(`fmt-${plan.name}`, plan.files);
      const { status } = cli(["fmt", ...Object.keys(plan.files)], dir);
      assert.equal(status, 0);
      for (const file of Object.keys(plan.files)) {
        assert.equal(result.files[file], fs.readFileSync(path.join(dir, file), "utf8"), file);
      }
      // Formatting is idempotent.
      assert.deepEqual(kehoach.format(result.files).files, result.files);
    });
  }
  test("a string gives text; a syntax error gives diagnostics and no text", () => {
    const result = kehoach.format('owner a "A"\ntask t "T" {   lead a ; due 2023-Q2 }\n');
    assert.equal(result.ok, true);
    assert.equal(typeof result.text, "string");
    const broken = kehoach.format('task t "T" { lead a ; due 2023-Q2\n', { lang: "vi" });
    assert.equal(broken.ok, false);
    assert.equal("text" in broken, false);
    assert.equal(broken.diagnostics[0].file, "plan.plan");
    assert.equal(kehoach.format(7).diagnostics[0].code, "invalid-argument");
  });
});

describe("bad arguments are diagnostics, never throws", () => {
  const cases = [
    ["a number", 42, "the plan must be a string or an object `{ path: source }`, not number"],
    ["null", null, "the plan must be a string or an object `{ path: source }`, not null"],
    ["undefined", undefined, "the plan must be a string or an object `{ path: source }`, not undefined"],
    ["an array", ["plan"], "the plan must be a string or an object `{ path: source }`, not an array"],
    ["a map with a number", { "a.plan": 1 }, "the source of `a.plan` must be a string, not number"],
  ];
  for (const [name, sources, message] of cases) {
    test(name, () => {
      const diagnostics = checked(sources);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.message, d.file]),
        [["invalid-argument", "error", message, ""]],
      );
      const form = formed(sources);
      assert.equal(form.ok, false);
      assert.equal(form.diagnostics[0].message, message);
    });
  }
  for (const [name, facts, shown] of [["number", 3, "number"], ["null", null, "null"], ["an array", [], "an array"]]) {
    test(`facts as ${name}`, () => {
      const result = evaluated('plan "1/KH" { period 2023 }', facts);
      assert.equal(result.ok, false);
      assert.deepEqual(
        result.diagnostics.map((d) => d.message),
        [`the facts must be an object such as \`{ values: { … } }\` or their text, not ${shown}`],
      );
    });
  }
  test("unknown options and languages", () => {
    assert.deepEqual(
      checked("", { lang: "fr", asof: "2023" }).map((d) => d.message),
      [
        "unknown language \"fr\": `lang` is \"en\" or \"vi\"",
        "unknown option `asof`: the options are `lang`, `plan`, `asOf`, `dueSoonDays`",
      ],
    );
    assert.equal(formed("", 7).diagnostics[0].message, "options must be an object such as `{ lang: \"vi\" }`, not a number");
  });
});

describe("hostile text gives a diagnostic quickly", () => {
  const quick = (name, text, code) => {
    test(name, () => {
      const started = performance.now();
      const diagnostics = checked(text);
      const ms = performance.now() - started;
      assert.ok(diagnostics.some((d) => d.code === code), JSON.stringify(diagnostics.slice(0, 3)));
      assert.ok(ms < 5000, `took ${ms} ms`);
      for (const d of diagnostics) {
        assert.ok(d.range_utf16.end <= (typeof text === "string" ? text.length : 0) || d.file === "", d.message);
      }
    });
  };
  quick("100 000 nested sections", `plan "x" { period 2023 }\n${'section "a" "b" {\n'.repeat(100_000)}`, "limit-exceeded");
  quick("100 000 nested parentheses", `rule r "r" { require ${"(".repeat(100_000)}1 }`, "limit-exceeded");
  quick("100 000 closing braces", "}".repeat(100_000), "syntax");
  quick("binary junk", String.fromCharCode(...junkBytes(64 * 1024)), "syntax");
  quick("lone surrogates and NULs", "plan \"\uD800\" {\u0000\uDFFF}", "syntax");
  quick("a file over 16 MiB", "x".repeat(16 * 1024 * 1024 + 1), "limit-exceeded");
  test("facts nested 100 000 deep", () => {
    const result = evaluated('plan "1/KH" { period 2023 }', `{"values":${"[".repeat(100_000)}`);
    assert.equal(result.ok, false);
    assert.ok(result.diagnostics.some((d) => d.file === "facts.json"), JSON.stringify(result.diagnostics.slice(0, 2)));
  });
  test("facts over 16 MiB", () => {
    const result = evaluated('plan "1/KH" { period 2023 }', `{"values":{}, "x": "${"a".repeat(16 * 1024 * 1024)}"}`);
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.file]), [["limit-exceeded", "facts.json"]]);
  });
  test("a long valid plan still checks", () => {
    const owners = 'owner o "O"\n';
    const targets = Array.from({ length: 20_000 }, (_, i) => `target t${i} "T${i}" { goal >= ${i}; lead o }`).join("\n");
    const diagnostics = checked(`plan "1/KH" { period 2023 }\n${owners}${targets}\n`);
    assert.deepEqual(diagnostics, []);
  });
});

test("the TypeScript types describe every value the tests saw", () => {
  const dir = path.join(repo, "target", "wasm-types-test");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const pkg = path.relative(dir, path.join(wasmDir, "pkg-node", "kehoach_wasm.js")).replaceAll("\\", "/");
  const web = path.relative(dir, path.join(wasmDir, "pkg", "kehoach_wasm.js")).replaceAll("\\", "/");
  // Object literals assigned to a type must match it exactly: a missing field or a field the type lacks fails.
  const lines = [
    `import type { Diagnostic, EvaluateResult, FormFieldsResult } from "${pkg}";`,
    `import { check, compile, evaluate, format, formFields, version } from "${pkg}";`,
    `import init, * as webApi from "${web}";`,
    ...seen.diagnostics.slice(0, 200).map((d, i) => `export const d${i}: Diagnostic[] = ${JSON.stringify(d)};`),
    ...seen.forms.slice(0, 200).map((f, i) => `export const f${i}: FormFieldsResult = ${JSON.stringify(f)};`),
    ...seen.evaluations.slice(0, 50).map((e, i) => `export const e${i}: EvaluateResult = ${JSON.stringify(e)};`),
    // The functions' own signatures, as an integrator would write against them.
    "const diagnostics: Diagnostic[] = check('plan \"x\" {}', { lang: 'vi' });",
    "const form = formFields({ 'a.plan': '' }, { plan: 'a.plan' });",
    "if (form.ok) { const periods: string[] = form.fields[0].periods; void periods; }",
    "const v: string = version();",
    "const compiled = compile({ 'a.plan': '' }); const again: EvaluateResult = compiled.evaluate('facts \"1\" {}'); const okay: boolean = compiled.ok; compiled.free(); void again; void okay;",
    "const formatted = format('owner a \"A\"'); if (formatted.ok && 'text' in formatted) { const t: string = formatted.text; void t; }",
    "const report = evaluate('', { values: { x: { '2023': 1.5 } } }, { asOf: '2023-09-30', lang: 'vi' });",
    "if (report.ok) { const s: 'ok' | 'attention' = report.summary.status; void s; }",
    "export async function web(): Promise<Diagnostic[]> { await init(); return webApi.check(''); }",
    "void diagnostics; void v;",
  ];
  const file = path.join(dir, "types.ts");
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  const tsc = path.join(wasmDir, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(
      process.execPath,
      [tsc, "--noEmit", "--strict", "--target", "es2022", "--lib", "es2022,esnext.disposable,dom", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "false", file],
      { encoding: "utf8" },
    );
  } catch (error) {
    assert.fail(`tsc rejected the values:\n${error.stdout}`.slice(0, 4000));
  }
});

// <kehoach-report-form>'s page-free part: numbers, dates, checks, facts built and read back.
import "./form-core.test.mjs";
