// The demo reporting form: a bundled plan's form generated from `formFields`, re-evaluated on every input, and an
// editor whose diagnostics are live. Classic scripts only, so that the page works from file:// as well as from a
// server; kehoach itself runs in a Web Worker (dist/engine.js), so no input can freeze the tab.
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
    asOf: "",
    facts: { values: {}, assessments: {}, tasks: {} },
    fields: null,
    fieldsKey: "",
    formStale: false,
    diagnostics: [],
    report: null,
    selected: null,
    generation: 0,
    hasEvaluate: null,
  };

  const t = () => UI[state.lang];

  const engine = new Engine((why) => {
    const text = why === "timeout" ? t().tooSlow(WATCHDOG_MS / 1000) : t().engineFailed(why);
    $("status").textContent = text;
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
      state.facts = factsFromJson(p.facts);
      state.asOf = (p.facts && p.facts.as_of) || today();
    } else {
      state.plan = -1;
      state.files = { "plan.plan": "" };
      state.main = "plan.plan";
      state.facts = { values: {}, assessments: {}, tasks: {} };
      state.asOf = today();
    }
    state.original = { ...state.files };
    state.active = state.main;
    state.fields = null;
    state.fieldsKey = "";
    state.report = null;
    state.selected = null;
    $("as-of").value = state.asOf;
    renderTabs();
    showFile(state.active);
    refresh();
  }

  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  /** The form's own copy of facts: every value as the string a person typed. */
  function factsFromJson(json) {
    const facts = { values: {}, assessments: {}, tasks: {} };
    if (!json) return facts;
    for (const [id, periods] of Object.entries(json.values || {})) {
      facts.values[id] = {};
      for (const [period, value] of Object.entries(periods || {})) facts.values[id][period] = String(value);
    }
    for (const [id, periods] of Object.entries(json.assessments || {})) {
      facts.assessments[id] = { ...periods };
    }
    for (const [id, answer] of Object.entries(json.tasks || {})) {
      facts.tasks[id] = {};
      for (const [key, value] of Object.entries(answer || {})) facts.tasks[id][key] = String(value);
    }
    return facts;
  }

  /** The facts as a form posts them (SPEC section 6): decimal strings stay strings, so nothing is rounded. */
  function factsJson() {
    const out = { as_of: state.asOf, values: {}, tasks: {}, assessments: {} };
    const number = planNumber();
    if (number !== null) out.plan = number;
    for (const [id, periods] of Object.entries(state.facts.values)) {
      for (const [period, value] of Object.entries(periods)) {
        if (value.trim() === "") continue;
        (out.values[id] ||= {})[period] = value.trim();
      }
    }
    for (const [id, periods] of Object.entries(state.facts.assessments)) {
      for (const [period, value] of Object.entries(periods)) {
        if (value) (out.assessments[id] ||= {})[period] = value;
      }
    }
    for (const [id, answer] of Object.entries(state.facts.tasks)) {
      for (const [key, value] of Object.entries(answer)) {
        if (value.trim() === "") continue;
        const entry = (out.tasks[id] ||= {});
        entry[key] = key === "progress" ? value.trim() : value.trim();
      }
    }
    return out;
  }

  function planNumber() {
    const main = state.files[state.main] || "";
    const found = /plan\s+"([^"]*)"/.exec(main);
    return found ? found[1] : null;
  }

  // ---- Refresh: check the plan, rebuild the form when its fields change, evaluate the facts.
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
    const options = { lang: state.lang, plan: state.main };
    let reply;
    try {
      reply = await engine.call("formFields", sources, options);
    } catch (error) {
      if (generation === state.generation) showEngineFailure(error);
      return;
    }
    if (generation !== state.generation) return;
    const form = reply.result;
    state.diagnostics = form.diagnostics;
    showStatus(reply.ms);
    renderDiagnostics();
    if (form.ok) {
      state.formStale = false;
      const key = JSON.stringify(form.fields);
      if (key !== state.fieldsKey) {
        state.fields = form.fields;
        state.fieldsKey = key;
        renderForm();
      }
    } else {
      state.formStale = true;
    }
    renderFormNotice();
    await evaluate(generation);
  }

  async function evaluate(generation) {
    renderFactsJson();
    if (state.hasEvaluate === false || state.formStale || !state.fields) {
      renderReport();
      return;
    }
    let reply;
    try {
      reply = await engine.call("evaluate", { ...state.files }, factsJson(), {
        asOf: state.asOf,
        lang: state.lang,
        plan: state.main,
      });
    } catch (error) {
      if (generation === state.generation) showEngineFailure(error);
      return;
    }
    if (generation !== state.generation) return;
    if (reply.missing) {
      state.hasEvaluate = false;
      renderReport();
      return;
    }
    state.hasEvaluate = true;
    state.report = reply.result;
    renderReport();
  }

  function showEngineFailure(error) {
    $("status").textContent = error.timeout ? t().tooSlow(WATCHDOG_MS / 1000) : t().engineFailed(error.message);
  }

  function showStatus(ms) {
    const errors = state.diagnostics.filter((d) => d.severity === "error").length;
    const warnings = state.diagnostics.length - errors;
    $("status").textContent = t().checked(ms.toFixed(ms < 10 ? 2 : 0), errors, warnings);
  }

  // ---- The editor.
  const source = $("source");
  const LINE = 20;
  const PAD = 4;

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
    source.value = state.files[name] || "";
    source.scrollTop = 0;
    state.selected = null;
    $("line-mark").hidden = true;
    renderTabs();
    renderGutter();
    renderDiagnostics();
  }

  source.addEventListener("input", () => {
    state.files[state.active] = source.value;
    state.selected = null;
    $("line-mark").hidden = true;
    renderGutter();
    refreshSoon();
  });
  source.addEventListener("scroll", () => {
    renderGutter();
    placeLineMark();
  });

  /** Line numbers for the visible lines only, so a pasted 16 MiB file costs nothing here. */
  function renderGutter() {
    const first = Math.max(0, Math.floor((source.scrollTop - PAD) / LINE));
    const shown = Math.ceil(source.clientHeight / LINE) + 2;
    const total = countLines(source.value);
    const bad = new Set(
      state.diagnostics.filter((d) => d.file === state.active && d.severity === "error").map((d) => d.line),
    );
    const lines = [];
    for (let n = first + 1; n <= Math.min(total, first + shown); n += 1) {
      lines.push(bad.has(n) ? el("div", { class: "bad", text: String(n) }) : el("div", { text: String(n) }));
    }
    const gutter = $("gutter-lines");
    gutter.replaceChildren(...lines);
    gutter.style.transform = `translateY(${PAD + first * LINE - source.scrollTop}px)`;
  }

  let lineCountCache = { text: null, count: 0 };
  function countLines(text) {
    if (lineCountCache.text !== text) {
      let count = 1;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count += 1;
      lineCountCache = { text, count };
    }
    return lineCountCache.count;
  }

  function placeLineMark() {
    const mark = $("line-mark");
    if (!state.selected || state.selected.file !== state.active) {
      mark.hidden = true;
      return;
    }
    mark.hidden = false;
    mark.dataset.line = String(state.selected.line);
    mark.style.top = `${PAD + (state.selected.line - 1) * LINE - source.scrollTop}px`;
  }

  /** Shows a diagnostic's place: its file, its line marked, its text selected. */
  function reveal(diagnostic) {
    if (!diagnostic.file || !(diagnostic.file in state.files)) return;
    if (diagnostic.file !== state.active) showFile(diagnostic.file);
    state.selected = diagnostic;
    source.focus({ preventScroll: true });
    source.setSelectionRange(diagnostic.range_utf16.start, diagnostic.range_utf16.end);
    source.scrollTop = Math.max(0, (diagnostic.line - 1) * LINE - source.clientHeight / 3);
    renderGutter();
    placeLineMark();
    renderDiagnostics();
  }

  function renderDiagnostics() {
    renderTabs();
    renderGutter();
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
          el("span", { class: "code", text: `${t().severity[d.severity]}[${d.code}]` }),
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

  // ---- The form.
  function renderFormNotice() {
    const notice = $("form-notice");
    if (state.formStale) {
      notice.hidden = false;
      notice.textContent = state.fields ? t().staleForm : t().noForm;
    } else {
      notice.hidden = true;
    }
    $("form").classList.toggle("stale", state.formStale);
  }

  function renderForm() {
    const form = $("form");
    const fields = state.fields || [];
    const sections = new Map();
    for (const field of fields) {
      const key = field.section || "";
      if (!sections.has(key)) sections.set(key, []);
      sections.get(key).push(field);
    }
    form.replaceChildren(
      ...[...sections].map(([section, list]) =>
        el("fieldset", {}, el("legend", { text: section || t().noSection }), ...list.map(renderField)),
      ),
    );
    $("plan-title").textContent = planNumber() || "";
  }

  function renderField(field) {
    const names = (role) =>
      field.owners
        .filter((o) => o.role === role)
        .map((o) => o.name)
        .join(", ");
    const meta = [];
    if (field.unit) meta.push(el("span", { text: `${t().unit}: ${field.unit}` }));
    if (field.goal) meta.push(el("span", { class: "goal", text: `${t().goal}: ${field.goal}` }));
    if (field.aim) meta.push(el("span", { text: `${t().aim}: ${field.aim}` }));
    if (field.baseline) meta.push(el("span", { text: `${t().baseline} ${field.baseline.period}: ${field.baseline.value}` }));
    if (field.due) meta.push(el("span", { text: `${t().due}: ${field.due_date}` }));
    for (const role of ["lead", "support", "monitor"]) {
      const who = names(role);
      if (who) meta.push(el("span", { text: `${t()[role]}: ${who}` }));
    }
    return el(
      "div",
      {
        class: `field${field.parent ? " part" : ""}`,
        "data-field": field.id,
        "data-kind": field.kind,
      },
      el("div", {}, el("span", { class: "title", text: field.label }), el("span", { class: "id", text: field.id })),
      el("div", { class: "meta" }, ...meta),
      el("div", { class: "inputs" }, ...inputsOf(field)),
      el("div", { class: "badges" }),
    );
  }

  function inputsOf(field) {
    if (field.fact === "computed") return [el("span", { class: "computed", text: t().computed })];
    if (field.fact === "tasks") {
      const answer = (state.facts.tasks[field.id] ||= {});
      const bind = (key) => (event) => {
        answer[key] = event.target.value;
        refreshFacts();
      };
      return [
        el("label", {}, t().done, el("input", { type: "date", "data-input": "done", value: answer.done || "", oninput: bind("done") })),
        el("label", {}, t().progress, el("input", { type: "text", inputmode: "decimal", class: "progress", "data-input": "progress", value: answer.progress || "", oninput: bind("progress") })),
        el("label", {}, t().cancelled, el("input", { type: "text", class: "reason", "data-input": "cancelled", value: answer.cancelled || "", oninput: bind("cancelled") })),
      ];
    }
    const store = field.fact === "assessments" ? state.facts.assessments : state.facts.values;
    const values = (store[field.id] ||= {});
    return field.periods.map((period) => {
      const onInput = (event) => {
        values[period] = event.target.value;
        refreshFacts();
      };
      if (field.fact === "assessments") {
        const select = el(
          "select",
          { "data-period": period, onchange: onInput },
          ...Object.entries(t().assessmentChoices).map(([value, text]) => el("option", { value, text })),
        );
        select.value = values[period] || "";
        return el("label", {}, `${t().assessment} ${period}`, select);
      }
      return el(
        "label",
        {},
        period,
        el("input", {
          type: "text",
          inputmode: "decimal",
          "data-period": period,
          value: values[period] || "",
          placeholder: field.unit || "",
          oninput: onInput,
        }),
      );
    });
  }

  let factsTimer = null;
  function refreshFacts() {
    clearTimeout(factsTimer);
    factsTimer = setTimeout(() => evaluate(state.generation), 40);
  }

  function renderFactsJson() {
    $("facts-json").textContent = JSON.stringify(factsJson(), null, 2);
  }

  // ---- Evaluation: badges, roll-ups, the facts' own diagnostics.
  const badge = (status, words, extra) =>
    el("span", { class: "badge", "data-status": status }, extra ? el("span", { class: "period", text: extra }) : null, words[status] || status);

  function renderReport() {
    const report = state.report;
    const summary = $("summary");
    const rollups = $("rollups");
    for (const badges of document.querySelectorAll("#form .badges")) badges.replaceChildren();
    renderFactsDiagnostics();
    if (!report || !report.ok) {
      summary.replaceChildren();
      rollups.replaceChildren();
      return;
    }
    const words = t().statuses;
    const tally = (name, counts) =>
      el(
        "span",
        { class: "tally", "data-tally": name },
        el("strong", { text: `${t()[name]}:` }),
        Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([status, n]) => `${n} ${words[status] || status}`)
          .join(", ") || "0",
      );
    summary.replaceChildren(
      el("span", { class: "tally" }, el("strong", { text: `${t().whole}:` }), badge(report.summary.status, t().rollup)),
      tally("targets", report.summary.targets),
      tally("tasks", report.summary.tasks),
      report.rules.length > 0 ? tally("rules", report.summary.rules) : null,
      el("span", { class: "tally", "data-attention": report.summary.attention, text: t().attention(report.summary.attention) }),
    );
    // The roll-up per lead agency, folded when long; it stays as the user left it across re-evaluations.
    const rows = report.owners.map((o) =>
      el(
        "tr",
        { "data-owner": o.id },
        el("td", { text: o.name }),
        el("td", {}, badge(o.status, t().rollup)),
        el("td", { class: "count", title: o.attention.join(", "), text: String(o.attention.length) }),
      ),
    );
    const table = el(
      "table",
      { class: "rollups", "data-rollup": "owners" },
      el("thead", {}, el("tr", {}, el("th", { text: t().lead }), el("th", { text: t().statusWord }), el("th", { text: t().needAttention }))),
      el("tbody", {}, rows),
    );
    const needing = report.owners.filter((o) => o.status === "attention").length;
    state.ownersOpen ??= report.owners.length <= 12;
    const details = el("details", { open: state.ownersOpen }, el("summary", { text: t().byLead(needing, report.owners.length) }), table);
    details.addEventListener("toggle", () => {
      state.ownersOpen = details.open;
    });
    rollups.replaceChildren(details);
    const periodOf = (item) => (item.actual ? `${item.actual.period}: ${item.actual.value}` : "");
    for (const target of report.targets) {
      const badges = document.querySelector(`#form [data-field="${CSS.escape(target.id)}"] .badges`);
      if (!badges) continue;
      badges.append(badge(target.status, words, periodOf(target)));
      if (target.expected !== null) badges.append(el("span", { class: "hint", text: `${t().expected}: ${target.expected}` }));
      if (target.reason) badges.append(el("span", { class: "hint", text: target.reason[state.lang] }));
    }
    for (const measure of report.measures) {
      const badges = document.querySelector(`#form [data-field="${CSS.escape(measure.id)}"] .badges`);
      if (badges && measure.actual) badges.append(el("span", { class: "hint", text: periodOf(measure) }));
    }
    for (const task of report.tasks) {
      const badges = document.querySelector(`#form [data-field="${CSS.escape(task.id)}"] .badges`);
      if (!badges) continue;
      badges.append(badge(task.status, words));
      if (task.days_late > 0) badges.append(el("span", { class: "hint", text: t().daysLate(task.days_late) }));
      else if (task.days_left !== null) badges.append(el("span", { class: "hint", text: t().daysLeft(task.days_left) }));
      if (task.blocked_by.length > 0) badges.append(el("span", { class: "hint", text: `${t().blockedBy}: ${task.blocked_by.join(", ")}` }));
    }
  }

  /** What evaluate said about the facts: their diagnostics point into the facts JSON, not into the plan. */
  function renderFactsDiagnostics() {
    const report = state.report;
    const list = $("facts-diagnostics");
    const facts = report ? report.diagnostics.filter((d) => d.file === "facts.json" || d.file === "") : [];
    const notEvaluated = report && !report.ok;
    list.replaceChildren(
      ...(notEvaluated ? [el("li", { class: "notice", text: t().notEvaluated })] : []),
      ...facts.slice(0, MAX_SHOWN_DIAGNOSTICS).map((d) =>
        el(
          "li",
          {},
          el(
            "div",
            { class: "diagnostic", "data-severity": d.severity, "data-code": d.code },
            el("span", { class: "code", text: `${t().severity[d.severity]}[${d.code}]` }),
            el("span", { class: "message", text: d.message }),
            d.help ? el("span", { class: "help", text: d.help }) : null,
          ),
        ),
      ),
    );
  }

  // ---- Language.
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t()[node.dataset.i18n];
    const toggle = $("lang-toggle");
    toggle.textContent = t().toggle;
    toggle.lang = state.lang === "vi" ? "en" : "vi";
    document.title = `kehoach — ${t().title}`;
    fillPlanSelect();
  }

  $("lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    applyLanguage();
    state.fieldsKey = "";
    refresh();
  });
  $("plan-select").addEventListener("change", (event) => choosePlan(Number(event.target.value)));
  $("as-of").addEventListener("change", (event) => {
    state.asOf = event.target.value;
    refreshFacts();
  });
  $("clear-facts").addEventListener("click", () => {
    state.facts = { values: {}, assessments: {}, tasks: {} };
    state.fieldsKey = "";
    state.fields = state.fields && [...state.fields];
    renderForm();
    refreshFacts();
  });
  // `kehoach fmt` on every file of the plan; a file with a syntax error is left as it is, and said so.
  $("format-plan").addEventListener("click", async () => {
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
  });
  $("reset-plan").addEventListener("click", () => {
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
  self.kehoachDemo = { state, engine, refresh, reveal };
})();
