// The demo page's engine: runs inside a Web Worker (see app.js), so that checking a huge or hostile plan never
// freezes the tab. build.mjs places this after wasm-bindgen's no-modules glue (which defines `wasm_bindgen`) and
// the module's bytes as base64 (`KEHOACH_WASM_BASE64`), all inside one function the page turns into the worker.

const OPERATIONS = new Set(["check", "formFields", "evaluate", "format", "version"]);
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
    const result = api[op](...args);
    self.postMessage({ id, result, ms: performance.now() - started, instantiateMs });
  } catch (error) {
    // A trap leaves the instance unusable: the page starts a new worker.
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
