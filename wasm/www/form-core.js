// What <kehoach-report-form> knows without a page: reading numbers and dates as Vietnamese officers type them,
// checking one field against what the plan says of it, putting goals, numbers and dates in words, building the
// facts (SPEC section 6, JSON and text) from what was typed, reading a facts file back and merging it. No DOM, so
// Node tests load it as is (test/form-core.test.mjs). A classic script: it sets `globalThis.kehoachFormCore`.
"use strict";

(function formCore(root) {
  // ---- Numbers.

  /**
   * A number as typed, to the decimal string the facts carry: `7,5` and `7.5` are 7.5; `1.234,5` and
   * `1,234.5` are 1234.5; `1.234.567` is 1234567. What could be read two ways — `1.234` (a thousand and more in
   * Vietnamese writing, one and a bit in the plan's own syntax) — is refused with both readings, as is anything
   * else. A lone comma is always the decimal comma (`1,234` is 1.234), as Vietnamese documents write it.
   * Returns `{ value }`, `{ empty: true }` or `{ error: "format" | "ambiguous", readings? }`.
   */
  function parseNumber(typed) {
    const text = String(typed ?? "").replace(/[\s\u00a0\u202f_]/g, "").replace(/^\+/, "");
    if (text === "") return { empty: true };
    const sign = text.startsWith("-") || text.startsWith("−") ? "-" : "";
    const body = sign ? text.slice(1) : text;
    let match;
    if (/^\d+$/.test(body)) return { value: canonical(sign, body, "") };
    if ((match = /^(\d+),(\d+)$/.exec(body))) return { value: canonical(sign, match[1], match[2]) };
    if ((match = /^(\d+)\.(\d+)$/.exec(body))) {
      // A dot before exactly three digits: the plan's decimal point, or Vietnamese thousands?
      if (match[2].length === 3 && match[1].length <= 3 && match[1] !== "0") {
        return {
          error: "ambiguous",
          readings: [canonical(sign, match[1] + match[2], ""), canonical(sign, match[1], match[2])],
        };
      }
      return { value: canonical(sign, match[1], match[2]) };
    }
    if ((match = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(body))) {
      return { value: canonical(sign, match[1].replace(/\./g, ""), match[2] || "") };
    }
    if ((match = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(body))) {
      return { value: canonical(sign, match[1].replace(/,/g, ""), match[2] || "") };
    }
    return { error: "format" };
  }

  function canonical(sign, whole, fraction) {
    // Trailing zeros are kept: facts are exact, and reports show a value as written (`21.0`).
    const int = whole.replace(/^0+(?=\d)/, "");
    const text = fraction ? `${int}.${fraction}` : int;
    return sign && /[1-9]/.test(text) ? `-${text}` : text;
  }

  /** A decimal string (`1234.5`) as people read it: `1.234,5` in Vietnamese, `1,234.5` in English; at most
   * `digits` decimals (rounded half away from zero on the digits, never through a float). */
  function formatNumber(value, lang, digits = 2) {
    const text = String(value ?? "");
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return text;
    let [, sign, whole, fraction = ""] = m;
    if (fraction.length > digits) {
      const up = Number(fraction[digits]) >= 5;
      let kept = (whole + fraction.slice(0, digits)).split("").map(Number);
      if (up) {
        let i = kept.length - 1;
        while (i >= 0 && kept[i] === 9) kept[i--] = 0;
        if (i < 0) kept.unshift(1);
        else kept[i] += 1;
      }
      const joined = kept.join("");
      whole = joined.slice(0, joined.length - digits);
      fraction = joined.slice(joined.length - digits);
    }
    fraction = fraction.replace(/0+$/, "");
    const [group, point] = lang === "vi" ? [".", ","] : [",", "."];
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    const shown = fraction ? `${grouped}${point}${fraction}` : grouped;
    return sign && /[1-9]/.test(shown) ? `-${shown}` : shown;
  }

  // ---- Dates.

  /** A date as typed: `dd/mm/yyyy` (also with `-` or `.`, one-digit day and month) or ISO `yyyy-mm-dd`, whatever
   * the browser's locale. Returns `{ value: "yyyy-mm-dd" }`, `{ empty: true }` or `{ error }`. */
  function parseDate(typed) {
    const text = String(typed ?? "").trim();
    if (text === "") return { empty: true };
    let d;
    let m;
    let y;
    let match;
    if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) [, d, m, y] = match;
    else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) [, y, m, d] = match;
    else return { error: "format" };
    const [day, month, year] = [Number(d), Number(m), Number(y)];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > last) return { error: "calendar" };
    return { value: `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
  }

  /** `2023-09-30` as `30/09/2023`. */
  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ""));
    return m ? `${m[3]}/${m[2]}/${m[1]}` : String(iso ?? "");
  }

  // ---- Periods.

  /** The first and last day of a period key in deadline syntax (`2023`, `2023-H1`, `2023-Q3`, `2023-07`,
   * `2023-07-15`), or null. */
  function periodBounds(key) {
    let m;
    const iso = (y, mo, d) => `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const end = (y, mo) => iso(y, mo, new Date(Date.UTC(y, mo, 0)).getUTCDate());
    if ((m = /^(\d{4})$/.exec(key))) return { from: iso(+m[1], 1, 1), to: iso(+m[1], 12, 31) };
    if ((m = /^(\d{4})-H([12])$/.exec(key))) return { from: iso(+m[1], m[2] * 6 - 5, 1), to: end(+m[1], m[2] * 6) };
    if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return { from: iso(+m[1], m[2] * 3 - 2, 1), to: end(+m[1], m[2] * 3) };
    if ((m = /^(\d{4})-(\d{2})$/.exec(key)) && +m[2] >= 1 && +m[2] <= 12) return { from: iso(+m[1], +m[2], 1), to: end(+m[1], +m[2]) };
    if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) return { from: key, to: key };
    return null;
  }

  const ROMAN = ["I", "II", "III", "IV"];
  /** A period key in words: `quý III/2023`, `6 tháng đầu năm 2023`, `năm 2023` (`Q3 2023`, `H1 2023`, `2023`). */
  function periodName(key, lang) {
    let m;
    const vi = lang === "vi";
    if ((m = /^(\d{4})$/.exec(key))) return vi ? `năm ${m[1]}` : m[1];
    if ((m = /^(\d{4})-H([12])$/.exec(key))) {
      return vi ? (m[2] === "1" ? `6 tháng đầu năm ${m[1]}` : `6 tháng cuối năm ${m[1]}`) : `H${m[2]} ${m[1]}`;
    }
    if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return vi ? `quý ${ROMAN[m[2] - 1]}/${m[1]}` : `Q${m[2]} ${m[1]}`;
    if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return vi ? `tháng ${Number(m[2])}/${m[1]}` : `${m[1]}-${m[2]}`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return formatDate(key);
    return key;
  }

  /** The periods a report may cover in the years given: each quarter, each half and the year, in the order of
   * their last day (then the longer first: the year after Q4, H1 after Q2). */
  function reportPeriods(fromYear, toYear) {
    const out = [];
    for (let y = fromYear; y <= toYear && out.length < 400; y += 1) {
      out.push(`${y}-Q1`, `${y}-Q2`, `${y}-H1`, `${y}-Q3`, `${y}-Q4`, `${y}-H2`, `${y}`);
    }
    return out;
  }

  /** Orders period keys as the evaluator does (the latest last): by their last day, then the longer period last,
   * as the year's figure supersedes its last quarter's. */
  function comparePeriods(a, b) {
    const pa = periodBounds(a);
    const pb = periodBounds(b);
    if (!pa || !pb) return String(a).localeCompare(String(b));
    return pa.to.localeCompare(pb.to) || pb.from.localeCompare(pa.from);
  }

  // ---- Goals in words.

  /** A goal as written in the plan (`>= 9.3`, `8.1..8.6`, `~400`, `"Nhóm dẫn đầu"`) in words: `từ 9,3% trở lên`,
   * `từ 8,1% đến 8,6%`, `khoảng 400`. */
  function goalInWords(goal, unit, lang) {
    if (goal === null || goal === undefined || goal === "") return "";
    const text = String(goal).trim();
    const vi = lang === "vi";
    if (text.startsWith('"')) return text.replace(/^"|"$/g, "").replace(/\\(["\\])/g, "$1");
    const n = (s) => {
      const clean = s.trim().replace(/_/g, "").replace(/%$/, "");
      const shown = formatNumber(clean, lang, 6);
      const u = unit ? (/^%/.test(unit) ? unit : ` ${unit}`) : "";
      return `${shown}${u}`;
    };
    let m;
    if ((m = /^>=\s*(.+)$/.exec(text))) return vi ? `từ ${n(m[1])} trở lên` : `at least ${n(m[1])}`;
    if ((m = /^<=\s*(.+)$/.exec(text))) return vi ? `không quá ${n(m[1])}` : `at most ${n(m[1])}`;
    if ((m = /^>\s*(.+)$/.exec(text))) return vi ? `trên ${n(m[1])}` : `more than ${n(m[1])}`;
    if ((m = /^<\s*(.+)$/.exec(text))) return vi ? `dưới ${n(m[1])}` : `less than ${n(m[1])}`;
    if ((m = /^~\s*(.+)$/.exec(text))) return vi ? `khoảng ${n(m[1])}` : `about ${n(m[1])}`;
    if ((m = /^(.+?)\.\.(.+)$/.exec(text))) return vi ? `từ ${n(m[1])} đến ${n(m[2])}` : `${n(m[1])} to ${n(m[2])}`;
    return n(text);
  }

  // ---- Checking one field.

  /** The bounds a value must keep, from what the plan says of the item: a share in `%` lies in 0–100 (a rate —
   * a unit with `/`, or a title about growth — may be negative); counts and money are not negative, unless the
   * goal or the baseline is. */
  function boundsOf(field) {
    const unit = (field.unit || "").trim();
    const negativeAllowed =
      /(^|[^.\d])-\d/.test(`${field.goal || ""} ${field.baseline ? field.baseline.value : ""}`) ||
      /tăng trưởng|tốc độ tăng|growth/i.test(field.label || "");
    if (/^%/.test(unit) && !unit.includes("/")) return { min: negativeAllowed ? null : 0, max: negativeAllowed ? null : 100 };
    if (unit.includes("%")) return { min: null, max: null };
    return { min: negativeAllowed ? null : 0, max: null };
  }

  /** Checks a value as typed for a values field: `{ value }` or `{ error: { code, ... } }`. */
  function checkValue(field, typed) {
    const read = parseNumber(typed);
    if (read.empty) return { empty: true };
    if (read.error) return { error: { code: `number-${read.error}`, readings: read.readings } };
    const { min, max } = boundsOf(field);
    const number = Number(read.value);
    if (min !== null && number < min) return { error: { code: "below-min", min: String(min), unit: field.unit } };
    if (max !== null && number > max) return { error: { code: "above-max", max: String(max), unit: field.unit } };
    return { value: read.value };
  }

  /**
   * Checks a task's answer as typed: `{ facts: { done?, progress?, cancelled? }, errors: { input: problem },
   * warnings: { input: problem } }`. A bad input is left out of the facts; `context` gives the plan's `issued`
   * day and the report date (ISO).
   */
  function checkTask(answer, context) {
    const facts = {};
    const errors = {};
    const warnings = {};
    const done = parseDate(answer.done);
    if (done.error) errors.done = { code: `date-${done.error}` };
    else if (done.value) {
      if (context.issued && done.value < context.issued) errors.done = { code: "done-before-issued", date: context.issued };
      else if (context.asOf && done.value > context.asOf) errors.done = { code: "done-after-report", date: context.asOf };
      else facts.done = done.value;
    }
    const progress = parseNumber(answer.progress);
    if (progress.error) errors.progress = { code: `number-${progress.error}`, readings: progress.readings };
    else if (progress.value !== undefined) {
      const p = Number(progress.value);
      if (p < 0 || p > 100) errors.progress = { code: "progress-range" };
      else facts.progress = progress.value;
    }
    const reason = String(answer.cancelled ?? "").replace(/[\r\n\t]+/g, " ").trim();
    if (reason) {
      if (answer.done && String(answer.done).trim()) errors.cancelled = { code: "done-and-cancelled" };
      else facts.cancelled = reason;
    }
    if (facts.done && facts.progress !== undefined && Number(facts.progress) < 100) {
      warnings.progress = { code: "done-below-100" };
    }
    return { facts, errors, warnings };
  }

  // ---- Facts.

  /**
   * The facts (SPEC section 6) of what was typed, and the problems of each field. `entries` is
   * `{ values: { id: { period: text } }, assessments: { id: { period: "met" | "missed" } },
   * tasks: { id: { done, progress, cancelled } } }`; `fields` the plan's form fields (unknown ids are kept, for
   * the engine to judge). Returns `{ facts, problems: [{ id, period?, input?, severity, problem }] }`.
   */
  function buildFacts(entries, fields, meta) {
    const byId = new Map((fields || []).map((f) => [f.id, f]));
    const facts = {};
    if (meta.plan) facts.plan = meta.plan;
    if (meta.asOf) facts.as_of = meta.asOf;
    facts.values = {};
    facts.tasks = {};
    facts.assessments = {};
    const problems = [];
    for (const [id, periods] of Object.entries(entries.values || {})) {
      const field = byId.get(id) || { id, unit: null, label: id };
      for (const [period, typed] of Object.entries(periods || {})) {
        const checked = checkValue(field, typed);
        if (checked.error) problems.push({ id, period, severity: "error", problem: checked.error });
        else if (!checked.empty) (facts.values[id] ||= {})[period] = checked.value;
      }
    }
    for (const [id, periods] of Object.entries(entries.assessments || {})) {
      for (const [period, verdict] of Object.entries(periods || {})) {
        if (verdict === "met" || verdict === "missed") (facts.assessments[id] ||= {})[period] = verdict;
      }
    }
    for (const [id, answer] of Object.entries(entries.tasks || {})) {
      const checked = checkTask(answer || {}, meta);
      if (Object.keys(checked.facts).length > 0) facts.tasks[id] = checked.facts;
      for (const [input, problem] of Object.entries(checked.errors)) problems.push({ id, input, severity: "error", problem });
      for (const [input, problem] of Object.entries(checked.warnings)) problems.push({ id, input, severity: "warning", problem });
    }
    // SPEC §2b: a standing duty's assessment and note per period, a recurring duty's done date per occurrence,
    // a report's submission date per occurrence and submitter.
    for (const [id, periods] of Object.entries(entries.duties || {})) {
      for (const [period, answer] of Object.entries(periods || {})) {
        const verdict = answer?.assessed;
        const note = String(answer?.note ?? "").replace(/[\r\n\t]+/g, " ").trim();
        if (verdict === "met" || verdict === "missed") {
          ((facts.tasks[id] ||= {})[period] = { assessed: verdict });
          if (note) facts.tasks[id][period].note = note;
        } else if (note) problems.push({ id, period, input: "assessed", severity: "warning", problem: { code: "note-without-assessment" } });
      }
    }
    for (const [id, periods] of Object.entries(entries.occurrences || {})) {
      for (const [period, answer] of Object.entries(periods || {})) {
        const checked = checkTask({ done: answer?.done }, meta);
        if (checked.errors.done) problems.push({ id, period, input: `done@${period}`, severity: "error", problem: checked.errors.done });
        else if (checked.facts.done) (facts.tasks[id] ||= {})[period] = { done: checked.facts.done };
      }
    }
    let tracked = Boolean(meta.tracksReports);
    for (const [id, periods] of Object.entries(entries.reports || {})) {
      for (const [period, owners] of Object.entries(periods || {})) {
        for (const [owner, typed] of Object.entries(owners || {})) {
          const date = parseDate(typed);
          if (date.error) problems.push({ id, period, input: `${owner}@${period}`, severity: "error", problem: { code: `date-${date.error}` } });
          else if (date.value && meta.asOf && date.value > meta.asOf) problems.push({ id, period, input: `${owner}@${period}`, severity: "error", problem: { code: "submitted-after-report", date: meta.asOf } });
          else if (date.value) {
            tracked = true;
            ((facts.reports ||= {})[id] ||= {})[period] ||= {};
            facts.reports[id][period][owner] = date.value;
          }
        }
      }
    }
    if (tracked) facts.reports ||= {};
    for (const key of ["values", "tasks", "assessments"]) if (Object.keys(facts[key]).length === 0) delete facts[key];
    return { facts, problems };
  }

  const quote = (s) => `"${String(s).replace(/[\r\n\t]+/g, " ").replace(/(["\\])/g, "\\$1")}"`;

  /** The same facts in the `.facts` text form (SPEC section 6). */
  function factsText(facts) {
    const head = ["facts"];
    if (facts.plan) head.push(quote(facts.plan));
    if (facts.as_of) head.push("as_of", facts.as_of);
    const lines = [`${head.join(" ")} {`];
    for (const [id, periods] of Object.entries(facts.values || {})) {
      for (const [period, value] of Object.entries(periods)) lines.push(`  ${id} ${period} = ${value}`);
    }
    for (const [id, periods] of Object.entries(facts.assessments || {})) {
      for (const [period, verdict] of Object.entries(periods)) lines.push(`  ${id} ${period} assessed ${verdict}`);
    }
    for (const [id, answer] of Object.entries(facts.tasks || {})) {
      for (const [period, one] of Object.entries(answer)) {
        if (one === null || typeof one !== "object") continue;
        if (one.assessed) lines.push(`  ${id} ${period} assessed ${one.assessed}${one.note ? ` ${quote(one.note)}` : ""}`);
        if (one.done) lines.push(`  ${id} ${period} done ${one.done}`);
      }
      if (answer.done) lines.push(`  ${id} done ${answer.done}`);
      if (answer.progress !== undefined) lines.push(`  ${id} progress ${answer.progress}`);
      if (answer.cancelled) lines.push(`  ${id} cancelled ${quote(answer.cancelled)}`);
    }
    for (const [id, periods] of Object.entries(facts.reports || {})) {
      for (const [period, owners] of Object.entries(periods)) {
        for (const [owner, date] of Object.entries(owners)) lines.push(`  ${id} ${period} from ${owner} submitted ${date}`);
      }
    }
    lines.push("}", "");
    return lines.join("\n");
  }

  /** Reads a facts file — JSON or the `.facts` text — into entries as the form keeps them (dates as dd/mm/yyyy,
   * numbers as written). Returns `{ entries, plan, asOf }` or `{ error: { line?, text } }`. */
  function readFacts(text) {
    const source = String(text ?? "").replace(/^\uFEFF/, "");
    const entries = { values: {}, assessments: {}, tasks: {}, duties: {}, occurrences: {}, reports: {} };
    let tracksReports = false;
    if (source.trimStart().startsWith("{")) {
      let json;
      try {
        json = JSON.parse(source);
      } catch (error) {
        return { error: { text: String(error.message || error) } };
      }
      if (json === null || typeof json !== "object" || Array.isArray(json)) return { error: { text: "not an object" } };
      for (const [id, periods] of Object.entries(json.values || {})) {
        for (const [period, value] of Object.entries(periods || {})) (entries.values[id] ||= {})[period] = enteredNumber(value);
      }
      for (const [id, periods] of Object.entries(json.assessments || {})) {
        for (const [period, verdict] of Object.entries(periods || {})) (entries.assessments[id] ||= {})[period] = String(verdict);
      }
      for (const [id, answer] of Object.entries(json.tasks || {})) {
        const task = {};
        for (const [key, value] of Object.entries(answer || {})) {
          if (value !== null && typeof value === "object") {
            if (value.assessed !== undefined || value.note !== undefined) (entries.duties[id] ||= {})[key] = { assessed: String(value.assessed ?? ""), note: String(value.note ?? "") };
            if (value.done !== undefined) (entries.occurrences[id] ||= {})[key] = { done: formatDate(String(value.done)) };
          } else if (key === "done") task.done = formatDate(String(value));
          else if (key === "progress") task.progress = enteredNumber(value);
          else if (key === "cancelled") task.cancelled = String(value);
        }
        if (Object.keys(task).length > 0) entries.tasks[id] = task;
      }
      if (json.reports && typeof json.reports === "object") {
        tracksReports = true;
        for (const [id, periods] of Object.entries(json.reports)) {
          for (const [period, owners] of Object.entries(periods || {})) {
            for (const [owner, date] of Object.entries(owners || {})) ((entries.reports[id] ||= {})[period] ||= {})[owner] = formatDate(String(date));
          }
        }
      }
      return { entries, tracksReports, plan: typeof json.plan === "string" ? json.plan : null, asOf: typeof json.as_of === "string" ? json.as_of : null };
    }
    const lines = source.split(/\r?\n/);
    let plan = null;
    let asOf = null;
    let opened = false;
    const unquote = (s) => s.slice(1, -1).replace(/\\(["\\])/g, "$1");
    const STRING = '"(?:[^"\\\\]|\\\\.)*"';
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i].replace(new RegExp(`^((?:[^"/]|${STRING}|/(?!/))*)//.*$`), "$1").trim();
      if (line === "") continue;
      let m;
      if (!opened) {
        m = new RegExp(`^facts(?:\\s+(${STRING}))?(?:\\s+as_of\\s+(\\d{4}-\\d{2}-\\d{2}))?\\s*\\{$`).exec(line);
        if (!m) return { error: { line: i + 1, text: lines[i] } };
        plan = m[1] ? unquote(m[1]) : null;
        asOf = m[2] || null;
        opened = true;
        continue;
      }
      if (line === "}") {
        opened = false;
        continue;
      }
      if ((m = new RegExp(`^([A-Za-z_][\\w]*)\\s+(\\S+)\\s+assessed\\s+(met|missed)\\s+(${STRING})$`).exec(line))) (entries.duties[m[1]] ||= {})[m[2]] = { assessed: m[3], note: unquote(m[4]) };
      else if ((m = /^([A-Za-z_][\w]*)\s+(\d{4}\S*)\s+done\s+(\d{4}-\d{2}-\d{2})$/.exec(line))) (entries.occurrences[m[1]] ||= {})[m[2]] = { done: formatDate(m[3]) };
      else if ((m = /^([A-Za-z_][\w]*)\s+(\S+)\s+from\s+([A-Za-z_][\w]*)\s+submitted\s+(\d{4}-\d{2}-\d{2})$/.exec(line))) {
        tracksReports = true;
        ((entries.reports[m[1]] ||= {})[m[2]] ||= {})[m[3]] = formatDate(m[4]);
      } else if ((m = /^([A-Za-z_][\w]*)\s+(\S+)\s*=\s*(\S+)$/.exec(line))) (entries.values[m[1]] ||= {})[m[2]] = enteredNumber(m[3]);
      else if ((m = /^([A-Za-z_][\w]*)\s+(\S+)\s+assessed\s+(met|missed)$/.exec(line))) (entries.assessments[m[1]] ||= {})[m[2]] = m[3];
      else if ((m = /^([A-Za-z_][\w]*)\s+done\s+(\d{4}-\d{2}-\d{2})$/.exec(line))) (entries.tasks[m[1]] ||= {}).done = formatDate(m[2]);
      else if ((m = /^([A-Za-z_][\w]*)\s+progress\s+(\S+)$/.exec(line))) (entries.tasks[m[1]] ||= {}).progress = enteredNumber(m[2]);
      else if ((m = new RegExp(`^([A-Za-z_][\\w]*)\\s+cancelled\\s+(${STRING})$`).exec(line))) (entries.tasks[m[1]] ||= {}).cancelled = unquote(m[2]);
      else return { error: { line: i + 1, text: lines[i] } };
    }
    if (opened) return { error: { line: lines.length, text: "}" } };
    return { entries, tracksReports, plan, asOf };
  }

  /** A value from a facts file (`2.5`, `1234.125`) as the form shows it: with the decimal comma, which
   * `parseNumber` reads back to the very same digits (`2,5`, `1234,125`). */
  function enteredNumber(value) {
    const text = String(value).trim();
    return /^-?\d+\.\d+$/.test(text) ? text.replace(".", ",") : text;
  }

  /** Every answer of the entries as `[key, text]`, a key naming its place (`values grdp 2023-Q3`). */
  function flatten(entries) {
    const out = new Map();
    for (const [kind, items] of Object.entries(entries || {})) {
      if (kind === "notes") continue;
      for (const [id, inner] of Object.entries(items || {})) {
        for (const [key, value] of Object.entries(inner || {})) {
          if (value !== null && typeof value === "object") {
            for (const [sub, v] of Object.entries(value)) {
              if (String(v ?? "").trim() !== "") out.set(JSON.stringify([kind, id, key, sub]), String(v));
            }
          } else if (String(value ?? "").trim() !== "") out.set(JSON.stringify([kind, id, key]), String(value));
        }
      }
    }
    return out;
  }

  const sameNumber = (a, b) => {
    const [x, y] = [parseNumber(a), parseNumber(b)];
    return x.value !== undefined && x.value === y.value;
  };

  /** Merges imported entries into the current ones: the import wins where both have an answer. Returns the merged
   * entries and what changed: `{ added, changed: [{ kind, id, key, from, to }], unchanged }`. */
  function mergeEntries(current, incoming) {
    const merged = JSON.parse(JSON.stringify(current || {}));
    const before = flatten(current);
    const added = [];
    const changed = [];
    let unchanged = 0;
    for (const [place, value] of flatten(incoming)) {
      const [kind, id, key, sub] = JSON.parse(place);
      const old = before.get(place);
      const at = sub === undefined ? key : `${key} ${sub}`;
      if (old === undefined) added.push({ kind, id, key: at, to: value });
      else if (old !== value && !sameNumber(old, value)) changed.push({ kind, id, key: at, from: old, to: value });
      else unchanged += 1;
      if (sub === undefined) ((merged[kind] ||= {})[id] ||= {})[key] = value;
      else (((merged[kind] ||= {})[id] ||= {})[key] ||= {})[sub] = value;
    }
    return { entries: merged, added, changed, unchanged };
  }

  // ---- A department's items.

  /** The owners whose items a department answers for: itself, the groups it belongs to, and a group's members. */
  function departmentOwners(department, owners) {
    const ids = new Set([department]);
    const me = (owners || []).find((o) => o.id === department);
    if (me) {
      for (const g of me.member_of || []) ids.add(g);
      for (const m of me.members || []) ids.add(m);
    }
    return ids;
  }

  /** The fields a department leads, supports or monitors (through its groups too), in the document's order. */
  function departmentFields(fields, department, owners) {
    if (!department) return fields;
    const ids = departmentOwners(department, owners);
    return fields.filter((f) => f.owners.some((o) => ids.has(o.id)));
  }

  /** A name for files: `370/KH-UBND` → `370-kh-ubnd`, `Sở Kế hoạch` → `so-ke-hoach`. */
  function slug(text) {
    return String(text ?? "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
  }

  root.kehoachFormCore = {
    parseNumber,
    formatNumber,
    parseDate,
    formatDate,
    periodBounds,
    periodName,
    reportPeriods,
    comparePeriods,
    goalInWords,
    boundsOf,
    checkValue,
    checkTask,
    buildFacts,
    factsText,
    readFacts,
    mergeEntries,
    enteredNumber,
    departmentOwners,
    departmentFields,
    slug,
  };
})(typeof globalThis !== "undefined" ? globalThis : self);
