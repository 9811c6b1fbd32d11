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
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
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
    if (evaluated && !evaluated.ok) throw new Error(`${plan.name}: ${JSON.stringify(evaluated.diagnostics.slice(0, 2))}`);
    result.plans.push({
      name: plan.name,
      plan_bytes: bytesOfPlan,
      targets: evaluated ? evaluated.targets.length : null,
      tasks: evaluated ? evaluated.tasks.length : null,
      check_ms: median(() => kehoach.check(plan.files), runs),
      form_fields_ms: median(() => kehoach.formFields(plan.files, options), runs),
      evaluate_ms: plan.facts ? median(() => kehoach.evaluate(plan.files, plan.facts, options), runs) : null,
      // A plan compiled once, evaluated again (what a form does on every input).
      compiled_evaluate_ms: plan.facts ? median(() => compiled.evaluate(plan.facts), runs) : null,
    });
    compiled.free();
  }
  return result;
}
