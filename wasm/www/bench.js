// The benchmark both Node (scripts/bench.mjs) and Chromium (bench.html) run: instantiation of the module from its
// bytes, and check / formFields / evaluate on each bundled plan. Each figure is the median of many runs.

/** Median of the times `run` takes over `runs` runs (after `warm` runs that are not counted), in ms. */
function median(run, runs, warm = 3) {
  for (let i = 0; i < warm; i += 1) run(i);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    run(i);
    times.push(performance.now() - started);
  }
  return middle(times);
}

/** The middle of some times, in ms. */
function middle(times) {
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The median time of a compiled plan's first evaluation, each on a freshly compiled plan. */
function firstEvaluation(kehoach, plan, options, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const fresh = kehoach.compile(plan.files, options);
    const started = performance.now();
    fresh.evaluate(plan.facts);
    times.push(performance.now() - started);
    fresh.free();
  }
  return middle(times);
}

/** The facts with their first value one more than reported: the change one keystroke makes. */
function oneValueChanged(facts) {
  const copy = structuredClone(facts);
  for (const periods of Object.values(copy.values ?? {})) {
    for (const [period, value] of Object.entries(periods)) {
      periods[period] = String(Number(value) + 1);
      return copy;
    }
  }
  throw new Error("the facts have no value to change");
}

/**
 * `loadGlue(i)` imports a fresh copy of the web package's glue (so that each instantiation is a real one);
 * `bytes` is the .wasm; `plans` the bundled plans `[{ name, main, files, facts }]`.
 */
export async function bench(loadGlue, bytes, plans, { instantiations = 21, runs = 101 } = {}) {
  const times = [];
  let kehoach = null;
  for (let i = 0; i < instantiations; i += 1) {
    const glue = await loadGlue(i);
    const started = performance.now();
    glue.initSync({ module: bytes });
    times.push(performance.now() - started);
    kehoach = glue;
  }
  times.sort((a, b) => a - b);
  const result = {
    wasm_bytes: bytes.byteLength,
    instantiate_ms: times[Math.floor(times.length / 2)],
    plans: [],
  };
  for (const plan of plans) {
    const options = { plan: plan.main };
    const bytesOfPlan = Object.values(plan.files).reduce((n, text) => n + new TextEncoder().encode(text).length, 0);
    const compiled = kehoach.compile(plan.files, options);
    const evaluated = plan.facts ? kehoach.evaluate(plan.files, plan.facts, options) : null;
    const edits = plan.facts ? [plan.facts, oneValueChanged(plan.facts)] : null;
    if (evaluated && !evaluated.ok) throw new Error(`${plan.name}: ${JSON.stringify(evaluated.diagnostics.slice(0, 2))}`);
    result.plans.push({
      name: plan.name,
      plan_bytes: bytesOfPlan,
      targets: evaluated ? evaluated.targets.length : null,
      tasks: evaluated ? evaluated.tasks.length : null,
      check_ms: median(() => kehoach.check(plan.files), runs),
      form_fields_ms: median(() => kehoach.formFields(plan.files, options), runs),
      evaluate_ms: plan.facts ? median(() => kehoach.evaluate(plan.files, plan.facts, options), runs) : null,
      // A plan compiled once, evaluated again with the same facts: every item as before.
      compiled_evaluate_ms: plan.facts ? median(() => compiled.evaluate(plan.facts), runs) : null,
      // What a form does on every keystroke: one value changed since the last evaluation, so its target, and
      // the roll-ups it counts in, change too.
      keystroke_ms: plan.facts ? median((i) => compiled.evaluate(edits[i % 2]), runs) : null,
      // The first evaluation of a compiled plan, which carries every item across.
      first_evaluate_ms: plan.facts ? firstEvaluation(kehoach, plan, options, Math.min(runs, 31)) : null,
    });
    compiled.free();
  }
  return result;
}
