// The demo page: a bundled plan's reporting form — <kehoach-report-form> (report-form.js), the same element a
// site embeds — and a plan editor whose diagnostics are live (editor.js: CodeMirror, bundled into dist/). Classic scripts
// only, so that the page works from file:// as well as from a server; kehoach itself runs in a Web Worker
// (dist/engine.js), so no input can freeze the tab.
"use strict";

(function main() {
  const UI = self.kehoachUi;
  const PLANS = self.kehoachPlans || [];
  const DEBOUNCE_MS = 120;
  // A 16 MiB plan (the library's limit) checks in a few seconds; anything slower means something is wrong.
  const WATCHDOG_MS = 20000;
  const MAX_SHOWN_DIAGNOSTICS = 200;

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  };

  // ---- The engine: a worker made from dist/engine.js, restarted after a failure or a watchdog timeout.
  class Engine {
    constructor(onRestart) {
      this.onRestart = onRestart;
      this.nextId = 1;
      this.pending = new Map();
      this.start();
    }

    start() {
      const source = `(${self.kehoachEngine.toString()})();`;
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      this.worker = new Worker(url);
      URL.revokeObjectURL(url);
      this.worker.onmessage = (event) => {
        const reply = event.data;
        const job = this.pending.get(reply.id);
        if (!job) return;
        this.pending.delete(reply.id);
        clearTimeout(job.timer);
        if (reply.error !== undefined) {
          this.restart(reply.error);
          job.reject(new Error(reply.error));
        } else {
          job.resolve(reply);
        }
      };
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.restart(event.message || "worker error");
      };
    }

    restart(why) {
      this.worker.terminate();
      for (const job of this.pending.values()) {
        clearTimeout(job.timer);
        job.reject(new Error(why));
      }
      this.pending.clear();
      this.start();
      this.onRestart(why);
    }

    call(op, ...args) {
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const error = new Error("timeout");
          error.timeout = true;
          this.pending.delete(id);
          reject(error);
          this.restart("timeout");
        }, WATCHDOG_MS);
        this.pending.set(id, { resolve, reject, timer });
        this.worker.postMessage({ id, op, args });
      });
    }
  }

  // ---- State.
  const state = {
    lang: "vi",
    plan: null, // index into PLANS, or -1 for the blank plan
    files: {},
    original: {},
    active: null,
    main: null,
    diagnostics: [],
    formOk: false,
    formShown: false,
    selected: null,
    generation: 0,
  };

  const t = () => UI[state.lang];

  const engine = new Engine((why) => {
    const text = why === "timeout" ? t().tooSlow(WATCHDOG_MS / 1000) : t().engineFailed(why);
    $("status").textContent = text;
  });

  // The reporting form: the custom element on the worker's formFields and evaluate.
  self.kehoachReportForm.define({
    formFields: (sources, options) => engine.call("formFields", sources, options).then((reply) => reply.result),
    evaluate: (sources, facts, options) => engine.call("evaluate", sources, facts, options).then((reply) => reply.result),
  });
  const form = $("report-form");
  form.addEventListener("input", (event) => {
    $("facts-json").textContent = JSON.stringify(event.detail.facts, null, 2);
  });
  form.addEventListener("submit", (event) => {
    $("facts-json").textContent = JSON.stringify(event.detail.facts, null, 2);
    $("facts-preview").open = true;
  });

  const editor = self.kehoachPlanEditor.create({
    parent: $("code"),
    textarea: $("source"),
    label: UI[state.lang].sourceLabel,
    // kehoach's completion at the cursor of the file being edited, the other files as they are.
    complete: (text, offset) =>
      engine
        .call("complete", { ...state.files, [state.active]: text }, state.active, offset, { lang: state.lang })
        .then((reply) => (reply.missing ? [] : reply.result)),
    // What the id or keyword under the pointer is, as kehoach lsp shows it.
    hover: (text, offset) =>
      engine
        .call("hover", { ...state.files, [state.active]: text }, state.active, offset, { lang: state.lang })
        .then((reply) => (reply.missing ? null : reply.result)),
    format: () => formatPlan(),
  });

  // ---- Plans.
  function fillPlanSelect() {
    const select = $("plan-select");
    select.replaceChildren(
      ...PLANS.map((p, i) => el("option", { value: String(i), text: planName(p) })),
      el("option", { value: "-1", text: t().blankPlan }),
    );
    select.value = String(state.plan);
  }

  function planName(p) {
    const main = p.main && p.files[p.main];
    const number = main && /plan\s+"([^"]*)"/.exec(main);
    return number ? `${number[1]} — ${p.name}` : p.name;
  }

  function choosePlan(index) {
    state.plan = index;
    const p = PLANS[index];
    if (p) {
      state.files = { ...p.files };
      state.main = p.main || Object.keys(p.files)[0];
    } else {
      state.plan = -1;
      state.files = { "plan.plan": "" };
      state.main = "plan.plan";
    }
    state.original = { ...state.files };
    state.active = state.main;
    state.selected = null;
    state.formShown = false;
    renderTabs();
    showFile(state.active);
    refresh();
  }

  // ---- Refresh: check the plan; when it has no error, the form shows it (its drafts are kept per plan).
  let debounceTimer = null;
  function refreshSoon() {
    clearTimeout(debounceTimer);
    $("status").textContent = t().checking;
    debounceTimer = setTimeout(refresh, DEBOUNCE_MS);
  }

  async function refresh() {
    clearTimeout(debounceTimer);
    const generation = ++state.generation;
    const sources = { ...state.files };
    let reply;
    try {
      reply = await engine.call("formFields", sources, { lang: state.lang, plan: state.main });
    } catch (error) {
      if (generation === state.generation) showEngineFailure(error);
      return;
    }
    if (generation !== state.generation) return;
    state.diagnostics = reply.result.diagnostics;
    state.formOk = reply.result.ok;
    showStatus(reply.ms);
    renderDiagnostics();
    renderFormNotice();
    if (state.formOk) {
      const p = PLANS[state.plan];
      await form.setPlan({ sources, plan: state.main, facts: p ? p.facts : null, key: p ? p.name : "blank" });
      state.formShown = true;
    }
  }

  function showEngineFailure(error) {
    $("status").textContent = error.timeout ? t().tooSlow(WATCHDOG_MS / 1000) : t().engineFailed(error.message);
  }

  function showStatus(ms) {
    const errors = state.diagnostics.filter((d) => d.severity === "error").length;
    const warnings = state.diagnostics.length - errors;
    $("status").textContent = t().checked(ms.toFixed(ms < 10 ? 2 : 0), errors, warnings);
  }

  // ---- The editor pane.
  function renderTabs() {
    const counts = {};
    for (const d of state.diagnostics) counts[d.file] = (counts[d.file] || 0) + (d.severity === "error" ? 1 : 0);
    $("tabs").replaceChildren(
      ...Object.keys(state.files).map((name) =>
        el(
          "button",
          {
            type: "button",
            role: "tab",
            "aria-selected": name === state.active ? "true" : "false",
            "data-file": name,
            onclick: () => showFile(name),
          },
          name,
          counts[name] ? el("span", { class: "count", text: `(${counts[name]})` }) : null,
        ),
      ),
    );
  }


  function showFile(name) {
    state.active = name;
    editor.value = state.files[name] || "";
    state.selected = null;
    renderTabs();
    renderDiagnostics();
  }

  editor.onInput((text) => {
    state.files[state.active] = text;
    state.selected = null;
    refreshSoon();
  });

  /** Shows a diagnostic's place: its file, its line marked, its text selected. */
  function reveal(diagnostic) {
    if (!diagnostic.file || !(diagnostic.file in state.files)) return;
    if (diagnostic.file !== state.active) showFile(diagnostic.file);
    state.selected = diagnostic;
    editor.select(diagnostic.range_utf16.start, diagnostic.range_utf16.end, diagnostic.line);
    renderDiagnostics();
  }

  function renderDiagnostics() {
    renderTabs();
    editor.setDiagnostics(state.diagnostics.filter((d) => d.file === state.active));
    const list = $("diagnostics");
    if (state.diagnostics.length === 0) {
      list.replaceChildren(el("li", { class: "empty", text: t().noDiagnostics }));
      return;
    }
    const shown = state.diagnostics.slice(0, MAX_SHOWN_DIAGNOSTICS).map((d, i) =>
      el(
        "li",
        {},
        el(
          "button",
          {
            type: "button",
            class: `diagnostic${state.selected === d ? " selected" : ""}`,
            "data-severity": d.severity,
            "data-code": d.code,
            "data-index": i,
            onclick: () => reveal(d),
          },
          // The stable code (for `kehoach explain`) in a tooltip: the words are for people.
          el("span", { class: "code", title: d.code, text: t().severity[d.severity] }),
          " ",
          el("span", { class: "where", text: d.file ? `${d.file}:${d.line}:${d.column}` : "" }),
          el("span", { class: "message", text: d.message }),
          d.help ? el("span", { class: "help", text: d.help }) : null,
        ),
      ),
    );
    const more = state.diagnostics.length - shown.length;
    if (more > 0) shown.push(el("li", { text: t().moreDiagnostics(more) }));
    list.replaceChildren(...shown);
  }

  function renderFormNotice() {
    const notice = $("form-notice");
    notice.hidden = state.formOk;
    notice.textContent = state.formOk ? "" : state.formShown ? t().staleForm : t().noForm;
    form.classList.toggle("stale", !state.formOk);
  }

  // ---- Language.
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t()[node.dataset.i18n];
    const toggle = $("lang-toggle");
    toggle.textContent = t().toggle;
    toggle.lang = state.lang === "vi" ? "en" : "vi";
    editor.setLabel(t().sourceLabel);
    $("format-plan").title = t().formatHint;
    document.title = `kehoach — ${t().title}`;
    fillPlanSelect();
  }

  $("lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    applyLanguage();
    form.lang = state.lang;
    refresh();
  });
  $("plan-select").addEventListener("change", (event) => choosePlan(Number(event.target.value)));
  // `kehoach fmt` on every file of the plan; a file with a syntax error is left as it is, and said so.
  async function formatPlan() {
    let reply;
    try {
      reply = await engine.call("format", { ...state.files }, { lang: state.lang });
    } catch (error) {
      showEngineFailure(error);
      return;
    }
    if (!reply.result.ok) {
      $("status").textContent = t().notFormatted;
      return;
    }
    state.files = { ...state.files, ...reply.result.files };
    showFile(state.active);
    refresh();
  }
  $("format-plan").addEventListener("click", formatPlan);
  // Going back to the plan as bundled discards the edits: asked first.
  $("reset-plan").addEventListener("click", () => {
    const edited = Object.keys(state.files).some((name) => state.files[name] !== state.original[name]);
    if (edited && !window.confirm(t().confirmReset)) return;
    state.files = { ...state.original };
    showFile(state.active in state.files ? state.active : state.main);
    refresh();
  });

  // Instantiation time and module size, shown in the footer.
  engine.call("version").then((reply) => {
    const kib = (self.kehoachEngine.toString().match(/KEHOACH_WASM_BASE64 = "([^"]*)"/)?.[1].length ?? 0) * 0.75 / 1024;
    $("engine-info").textContent = `kehoach ${reply.result} · ${t().engine(reply.instantiateMs.toFixed(1), kib.toFixed(0))}`;
    $("engine-info").dataset.instantiateMs = String(reply.instantiateMs);
  }, () => {});

  state.plan = PLANS.length > 0 ? 0 : -1;
  applyLanguage();
  choosePlan(state.plan);

  // For the browser tests and the benchmark page.
  self.kehoachDemo = { state, engine, refresh, reveal, form, editor };
})();
