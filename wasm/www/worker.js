// The demo page's engine: runs inside a Web Worker (see app.js), so that checking a huge or hostile plan never
// freezes the tab. build.mjs places this after wasm-bindgen's no-modules glue (which defines `wasm_bindgen`) and
// the module's bytes as base64 (`KEHOACH_WASM_BASE64`), all inside one function the page turns into the worker.

const OPERATIONS = new Set(["check", "formFields", "evaluate", "format", "complete", "hover", "version"]);
let kehoach = null;
let instantiateMs = null;

function moduleBytes() {
  const text = atob(KEHOACH_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function engine() {
  if (kehoach === null) {
    const started = performance.now();
    wasm_bindgen.initSync({ module: moduleBytes() });
    instantiateMs = performance.now() - started;
    kehoach = wasm_bindgen;
  }
  return kehoach;
}

// The last plan compiled, by its sources and options: typing a figure into the form re-evaluates the facts
// against it without checking the plan again.
let compiled = null;

function planFor(api, sources, options = {}) {
  const key = JSON.stringify([sources, options.plan ?? null, options.lang ?? null]);
  if (compiled === null || compiled.key !== key) {
    if (compiled !== null) compiled.plan.free();
    compiled = { key, plan: api.compile(sources, { plan: options.plan, lang: options.lang }) };
  }
  return compiled.plan;
}

function run(api, op, args) {
  if (op === "formFields") return planFor(api, args[0], args[1]).formFields();
  if (op === "evaluate") return planFor(api, args[0], args[2]).evaluate(args[1], args[2]);
  return api[op](...args);
}

self.onmessage = (event) => {
  const { id, op, args } = event.data;
  try {
    if (!OPERATIONS.has(op)) throw new Error(`unknown operation ${op}`);
    const api = engine();
    if (typeof api[op] !== "function") {
      self.postMessage({ id, missing: true });
      return;
    }
    const started = performance.now();
    const result = run(api, op, args);
    self.postMessage({ id, result, ms: performance.now() - started, instantiateMs });
  } catch (error) {
    // A trap leaves the instance unusable: the page starts a new worker.
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
