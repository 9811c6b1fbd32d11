// <kehoach-report-form>: a department's progress report on a kehoach plan, as a framework-free custom element.
//
// Built on kehoach's `compile`/`formFields`/`evaluate` (any object with those, synchronous like the package's or
// asynchronous like the demo page's worker): it asks for the figures of one reporting period, checks each where it
// is typed, evaluates on every input, keeps a draft per plan and period, exports and imports the facts, shows one
// department's items, and prints an A4 summary. It emits `input` on every change and `submit` when the officer
// files the report, each with `detail = { facts, factsText, notes, period, department, problems }`: `facts` is
// SPEC section 6's JSON, which `kehoach eval` accepts as it is. Styles: class names `kh-…` and the custom
// properties `--kh-accent`, `--kh-good`, `--kh-bad`, `--kh-warn`, `--kh-line`, `--kh-muted` (defaults are injected
// once, at the lowest specificity, so a page's own rules win). Words: `lang="vi"` (default) or `"en"`.
// Needs form-core.js first (classic scripts), or the package's `report-form.js` (an ES module with both).
"use strict";

(function reportFormModule(root) {
  const core = root.kehoachFormCore;

  const STATUS_VI = {
    met: "Đạt", missed: "Không đạt", "on-track": "Đúng tiến độ", behind: "Chậm tiến độ", "no-data": "Chưa có số liệu",
    "needs-assessment": "Chưa đánh giá", done: "Đã hoàn thành", "done-late": "Hoàn thành chậm", overdue: "Quá hạn",
    blocked: "Chờ nhiệm vụ trước", "due-soon": "Sắp đến hạn", open: "Đang thực hiện", cancelled: "Dừng thực hiện",
    ongoing: "Thực hiện thường xuyên", ok: "Đạt", violated: "Vi phạm", "not-evaluable": "Không đánh giá được",
    "on-time": "Đúng hạn", late: "Chậm", missing: "Chưa gửi", scheduled: "Chưa đến hạn",
  };
  const STATUS_EN = {
    met: "Met", missed: "Missed", "on-track": "On track", behind: "Behind", "no-data": "No data",
    "needs-assessment": "Needs assessment", done: "Done", "done-late": "Done late", overdue: "Overdue",
    blocked: "Blocked", "due-soon": "Due soon", open: "In progress", cancelled: "Cancelled", ongoing: "Ongoing",
    ok: "OK", violated: "Violated", "not-evaluable": "Not evaluable", "on-time": "On time", late: "Late",
    missing: "Missing", scheduled: "Scheduled",
  };

  const WORDS = {
    vi: {
      department: "Đơn vị của tôi",
      allDepartments: "Tất cả đơn vị",
      period: "Kỳ báo cáo",
      asOf: "Ngày báo cáo",
      datePlaceholder: "dd/mm/yyyy",
      exportJson: "Xuất số liệu báo cáo (JSON)",
      exportText: "Xuất số liệu báo cáo (.facts)",
      importFile: "Nhập số liệu báo cáo",
      dropHint: "hoặc kéo thả tệp .json, .facts vào đây",
      print: "In báo cáo",
      saveHtml: "Tải bản in (HTML)",
      clear: "Xóa số liệu",
      submit: "Hoàn tất báo cáo",
      undo: "Hoàn tác",
      cancel: "Hủy",
      confirmClear: (period) => `Xóa mọi số liệu báo cáo đang nhập cho ${period}, kể cả số liệu có sẵn? Có thể hoàn tác ngay sau khi xóa.`,
      clearButton: "Xóa",
      cleared: "Đã xóa số liệu báo cáo.",
      saved: (time) => `Đã lưu bản nháp trên máy này lúc ${time}.`,
      restored: (time) => `Đã khôi phục bản nháp lưu lúc ${time}.`,
      notSaved: "Không lưu được bản nháp trên máy này: hãy xuất số liệu báo cáo trước khi đóng trang.",
      imported: (name, added, changed, unchanged) =>
        `Đã nhập ${name}: ${added} số liệu mới, ${changed} số liệu thay đổi, ${unchanged} không đổi.`,
      importFailed: (name, line) => `Không đọc được ${name}${line ? ` (dòng ${line})` : ""}: tệp không phải số liệu báo cáo.`,
      change: (title, key, from, to) => `${title} (${key}): ${from} → ${to}`,
      add: (title, key, to) => `${title} (${key}): ${to}`,
      otherPlan: (plan) => `Tệp là số liệu của kế hoạch ${plan}, không phải của kế hoạch này.`,
      unit: "Đơn vị tính",
      goal: "Mục tiêu",
      aim: "Phấn đấu",
      lead: "Chủ trì",
      support: "Phối hợp",
      monitor: "Theo dõi",
      due: "Thời hạn",
      done: "Ngày hoàn thành",
      progress: "Tiến độ (%)",
      cancelled: "Lý do dừng thực hiện",
      note: "Kết quả, khó khăn, kiến nghị",
      computed: "Tự tính từ các chỉ tiêu khác",
      assessment: "Đánh giá",
      assessmentChoices: { "": "— chưa đánh giá —", met: "Đạt", missed: "Không đạt" },
      baseline: "Năm gốc",
      earlier: "Các kỳ khác (chỉ xem)",
      valueFor: (period) => `Số liệu ${period}`,
      noSection: "Ngoài các mục",
      whole: "Toàn kế hoạch",
      targets: "Chỉ tiêu",
      tasks: "Nhiệm vụ",
      statuses: STATUS_VI,
      rollup: { ok: "Bình thường", attention: "Cần chú ý" },
      attention: (n) => `${n} mục cần chú ý`,
      scorecard: "Tình hình theo đơn vị chủ trì (chọn một đơn vị để xem riêng)",
      needAttention: "Mục cần chú ý",
      statusWord: "Tình trạng",
      expected: "Theo lộ trình",
      daysLate: (n) => `Trễ ${n} ngày`,
      daysLeft: (n) => `Còn ${n} ngày`,
      waitingFor: "Chờ",
      itemsShown: (n, total) => `${n}/${total} mục`,
      left: "Chưa tính: số liệu này có lỗi",
      problems: {
        "number-format": "không phải là số: viết như 7,5 hoặc 1.234,5",
        "number-ambiguous": (p) => `không rõ là ${core.formatNumber(p.readings[0], "vi")} hay ${p.readings[1].replace(".", ",")}: viết ${p.readings[0]} nếu là số nguyên, ${p.readings[1].replace(".", ",")} nếu có phần thập phân`,
        "below-min": (p) => `không được nhỏ hơn ${core.formatNumber(p.min, "vi")}`,
        "above-max": (p) => `không được lớn hơn ${core.formatNumber(p.max, "vi")}${p.unit ? ` ${p.unit}`.replace(" %", "%") : ""}`,
        "date-format": "ngày viết theo dạng dd/mm/yyyy, ví dụ 30/09/2023",
        "date-calendar": "không có ngày này trong lịch",
        "done-before-issued": (p) => `trước ngày ban hành kế hoạch (${core.formatDate(p.date)})`,
        "done-after-report": (p) => `sau ngày báo cáo (${core.formatDate(p.date)})`,
        "progress-range": "tiến độ từ 0 đến 100",
        "done-and-cancelled": "nhiệm vụ đã có ngày hoàn thành: không thể vừa hoàn thành vừa dừng thực hiện",
        "done-below-100": "đã hoàn thành nhưng tiến độ dưới 100%",
        "submitted-after-report": (p) => `sau ngày báo cáo (${core.formatDate(p.date)})`,
        "note-without-assessment": "ghi chú chỉ được ghi nhận khi có đánh giá",
        engine: (p) => p.message,
      },
      errorIn: (title, text) => `${title}: ${text}`,
      fixFirst: (n) => `Còn ${n} ô có lỗi: hãy sửa trước khi hoàn tất báo cáo.`,
      submitted: (time) => `Đã hoàn tất báo cáo lúc ${time}.`,
      print: "In báo cáo",
      printTitle: "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH",
      printPlan: (number, title) => `Kế hoạch số ${number}${title ? ` — ${title}` : ""}`,
      printPeriod: (period, date) => `Kỳ báo cáo: ${period} · Ngày báo cáo: ${date}`,
      printDepartment: (name) => `Đơn vị báo cáo: ${name}`,
      printColumns: ["TT", "Chỉ tiêu, nhiệm vụ", "Mục tiêu", "Kết quả", "Tình trạng", "Kết quả, khó khăn, kiến nghị"],
      printDate: (date) => {
        const [y, m, d] = date.split("-");
        return `…………, ngày ${d} tháng ${m} năm ${y}`;
      },
      signers: [["NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"], ["THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)"]],
      doneOn: (date) => `Hoàn thành ${date}`,
      occurrenceDone: (period, due) => `${period} (hạn ${due}): ngày hoàn thành`,
      submittedBy: (owner, period, due) => `${owner} — ${period} (hạn ${due}): ngày gửi`,
      dutyNote: "Kết quả, khó khăn, kiến nghị (ghi kèm đánh giá)",
      progressOf: (p) => `Đạt ${p}%`,
      idTip: (id) => `Mã trong kế hoạch: ${id}`,
      notEvaluated: "Chưa đánh giá được kế hoạch.",
    },
    en: {
      department: "My department",
      allDepartments: "All departments",
      period: "Reporting period",
      asOf: "Report date",
      datePlaceholder: "dd/mm/yyyy",
      exportJson: "Export report data (JSON)",
      exportText: "Export report data (.facts)",
      importFile: "Import report data",
      dropHint: "or drop a .json or .facts file here",
      print: "Print report",
      saveHtml: "Download printout (HTML)",
      clear: "Clear figures",
      submit: "Finish report",
      undo: "Undo",
      cancel: "Cancel",
      confirmClear: (period) => `Clear every figure entered for ${period}, pre-filled ones too? You can undo right after.`,
      clearButton: "Clear",
      cleared: "Figures cleared.",
      saved: (time) => `Draft saved on this device at ${time}.`,
      restored: (time) => `Restored the draft saved at ${time}.`,
      notSaved: "The draft could not be saved on this device: export the report data before closing the page.",
      imported: (name, added, changed, unchanged) => `Imported ${name}: ${added} new, ${changed} changed, ${unchanged} unchanged.`,
      importFailed: (name, line) => `Could not read ${name}${line ? ` (line ${line})` : ""}: not report data.`,
      change: (title, key, from, to) => `${title} (${key}): ${from} → ${to}`,
      add: (title, key, to) => `${title} (${key}): ${to}`,
      otherPlan: (plan) => `The file holds data for plan ${plan}, not this one.`,
      unit: "Unit",
      goal: "Goal",
      aim: "Aim",
      lead: "Lead",
      support: "Support",
      monitor: "Monitor",
      due: "Due",
      done: "Done on",
      progress: "Progress (%)",
      cancelled: "Cancelled because",
      note: "Results, difficulties, proposals",
      computed: "Computed from other targets",
      assessment: "Assessment",
      assessmentChoices: { "": "— not assessed —", met: "Met", missed: "Missed" },
      baseline: "Baseline",
      earlier: "Other periods (read-only)",
      valueFor: (period) => `Figure for ${period}`,
      noSection: "Outside any section",
      whole: "Whole plan",
      targets: "Targets",
      tasks: "Tasks",
      statuses: STATUS_EN,
      rollup: { ok: "OK", attention: "Attention" },
      attention: (n) => `${n} item${n === 1 ? "" : "s"} need${n === 1 ? "s" : ""} attention`,
      scorecard: "By lead department (pick one to see only its items)",
      needAttention: "Items needing attention",
      statusWord: "Status",
      expected: "On the trajectory",
      daysLate: (n) => `${n} day${n === 1 ? "" : "s"} late`,
      daysLeft: (n) => `${n} day${n === 1 ? "" : "s"} left`,
      waitingFor: "Waiting for",
      itemsShown: (n, total) => `${n} of ${total} items`,
      left: "Not counted: this figure has an error",
      problems: {
        "number-format": "not a number: write it like 7,5 or 1.234,5",
        "number-ambiguous": (p) => `could be ${p.readings[0]} or ${p.readings[1]}: write ${p.readings[0]} for the whole number, ${p.readings[1].replace(".", ",")} for the decimal`,
        "below-min": (p) => `must not be below ${p.min}`,
        "above-max": (p) => `must not be above ${p.max}${p.unit ? ` ${p.unit}`.replace(" %", "%") : ""}`,
        "date-format": "write dates as dd/mm/yyyy, e.g. 30/09/2023",
        "date-calendar": "no such day in the calendar",
        "done-before-issued": (p) => `before the plan was issued (${core.formatDate(p.date)})`,
        "done-after-report": (p) => `after the report date (${core.formatDate(p.date)})`,
        "progress-range": "progress is 0 to 100",
        "done-and-cancelled": "the task has a done date: it cannot be both done and cancelled",
        "done-below-100": "done, but progress is below 100%",
        "submitted-after-report": (p) => `after the report date (${core.formatDate(p.date)})`,
        "note-without-assessment": "a note is kept only with an assessment",
        engine: (p) => p.message,
      },
      errorIn: (title, text) => `${title}: ${text}`,
      fixFirst: (n) => `${n} field${n === 1 ? " has an error" : "s have errors"}: fix ${n === 1 ? "it" : "them"} before finishing the report.`,
      submitted: (time) => `Report finished at ${time}.`,
      printTitle: "PLAN PROGRESS REPORT",
      printPlan: (number, title) => `Plan ${number}${title ? ` — ${title}` : ""}`,
      printPeriod: (period, date) => `Period: ${period} · Report date: ${date}`,
      printDepartment: (name) => `Reporting department: ${name}`,
      printColumns: ["No.", "Target or task", "Goal", "Result", "Status", "Results, difficulties, proposals"],
      printDate: (date) => `Date: ${core.formatDate(date)}`,
      signers: [["PREPARED BY", "(signature, full name)"], ["HEAD OF DEPARTMENT", "(signature, full name, seal)"]],
      doneOn: (date) => `Done ${date}`,
      occurrenceDone: (period, due) => `${period} (due ${due}): done on`,
      submittedBy: (owner, period, due) => `${owner} — ${period} (due ${due}): sent on`,
      dutyNote: "Results, difficulties, proposals (with the assessment)",
      progressOf: (p) => `${p}% done`,
      idTip: (id) => `Id in the plan: ${id}`,
      notEvaluated: "The plan could not be evaluated.",
    },
  };

  // Default looks, at zero specificity (`:where`), so that any rule of the page wins.
  const STYLE = `
:where(kehoach-report-form){display:block;--kh-accent:#0b5cad;--kh-good:#1e7b34;--kh-bad:#b3261e;--kh-warn:#8a4f00;--kh-line:#d9dee7;--kh-muted:#555e6e;--kh-wash:#f4f6f9}
:where(.kh-toolbar,.kh-actions){display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;margin:0 0 8px}
:where(.kh-toolbar label,.kh-control){display:flex;flex-direction:column;font-size:13px;color:var(--kh-muted);gap:2px;max-width:100%;min-width:0}
:where(.kh-toolbar select){max-width:min(100%,22em)}
:where(.kh-actions button,.kh-actions .kh-file){font:inherit;font-size:14px;border:1px solid var(--kh-line);background:#fff;border-radius:6px;padding:5px 10px;cursor:pointer;color:inherit}
:where(.kh-actions .kh-submit){background:var(--kh-accent);color:#fff;border-color:var(--kh-accent)}
:where(.kh-file input){position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}
:where(.kh-file:focus-within){outline:2px solid var(--kh-accent)}
:where(.kh-drop-hint){font-size:12px;color:var(--kh-muted);align-self:center}
:where(kehoach-report-form.kh-dragging){outline:3px dashed var(--kh-accent);outline-offset:4px}
:where(.kh-status){min-height:1.4em;font-size:13px;color:var(--kh-muted);margin:4px 0}
:where(.kh-account){font-size:13px;margin:4px 0;padding:6px 10px;border:1px solid var(--kh-line);border-radius:6px;background:var(--kh-wash)}
:where(.kh-account ul){margin:4px 0 0;padding-left:18px;max-height:12em;overflow:auto}
:where(.kh-summary){display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
:where(.kh-tally){border:1px solid var(--kh-line);border-radius:6px;padding:3px 8px;background:var(--kh-wash);font-size:14px}
:where(.kh-scorecard table){width:100%;border-collapse:collapse;font-size:13px}
:where(.kh-scorecard th,.kh-scorecard td){text-align:left;padding:3px 6px;border-bottom:1px solid var(--kh-line)}
:where(.kh-scorecard td button){font:inherit;background:none;border:none;padding:0;color:var(--kh-accent);text-decoration:underline;cursor:pointer;text-align:left}
:where(.kh-section){border:1px solid var(--kh-line);border-radius:6px;margin:0 0 10px;padding:6px 10px 8px;min-width:0}
:where(.kh-section legend){font-weight:600;padding:0 4px}
:where(.kh-field){padding:8px 0;border-top:1px dashed var(--kh-line)}
:where(.kh-field:first-of-type){border-top:none}
:where(.kh-field.kh-part){padding-left:16px}
:where(.kh-head){display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 10px}
:where(.kh-title){font-weight:600;min-width:0;overflow-wrap:anywhere}
:where(.kh-badges){display:flex;flex-wrap:wrap;gap:4px;align-items:center}
:where(.kh-badge){display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;color:#fff;background:var(--kh-muted);white-space:nowrap}
:where(.kh-badge[data-status=met],.kh-badge[data-status=done],.kh-badge[data-status=ok],.kh-badge[data-status=on-track],.kh-badge[data-status=ongoing],.kh-badge[data-status=on-time]){background:var(--kh-good)}
:where(.kh-badge[data-status=missed],.kh-badge[data-status=overdue],.kh-badge[data-status=violated],.kh-badge[data-status=attention],.kh-badge[data-status=missing]){background:var(--kh-bad)}
:where(.kh-badge[data-status=behind],.kh-badge[data-status=done-late],.kh-badge[data-status=due-soon],.kh-badge[data-status=blocked],.kh-badge[data-status=late]){background:var(--kh-warn)}
:where(.kh-hint,.kh-meta,.kh-earlier){font-size:13px;color:var(--kh-muted)}
:where(.kh-meta span+span)::before{content:" · "}
:where(.kh-inputs){display:flex;flex-wrap:wrap;gap:6px 14px;margin-top:4px;align-items:start}
:where(.kh-inputs label){display:flex;flex-direction:column;font-size:13px;color:var(--kh-muted);gap:2px;max-width:100%;min-width:0;overflow-wrap:anywhere}
:where(.kh-inputs input){font:inherit;width:9em;max-width:100%}
:where(.kh-inputs input.kh-reason){width:16em}
:where(.kh-inputs .kh-note){flex:1 1 16em}
:where(.kh-inputs textarea){font:inherit;font-size:14px;width:100%;min-height:2.4em;resize:vertical}
:where(.kh-error){color:var(--kh-bad);font-size:13px;font-weight:600}
:where(.kh-warning){color:var(--kh-warn);font-size:13px}
:where(.kh-inputs [aria-invalid=true]){border:2px solid var(--kh-bad)}
:where(.kh-printout){display:none}
:where(.kh-dialog){max-width:32em;border:1px solid var(--kh-line);border-radius:8px}
:where(.kh-sr){position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
 :where(kehoach-report-form) > :where(:not(.kh-printout)){display:none!important}
 :where(.kh-printout){display:block}
}
`;

  // The printout, on screen nowhere and on A4 paper, also written into the standalone HTML file.
  const PRINT_STYLE = `
@page{size:A4;margin:15mm 12mm}
.kh-printout{font:10pt/1.3 "Times New Roman","Liberation Serif","DejaVu Serif",serif;color:#000}
.kh-printout h1{font-size:13pt;text-align:center;margin:0 0 4pt}
.kh-printout p{margin:0 0 3pt;text-align:center}
.kh-printout table{width:100%;border-collapse:collapse;margin:8pt 0}
.kh-printout th,.kh-printout td{border:0.5pt solid #000;padding:2pt 3pt;vertical-align:top;text-align:left}
.kh-printout th{font-weight:bold;text-align:center}
.kh-printout td.kh-n{text-align:center;width:2.2em}
.kh-printout tr.kh-section-row td{font-weight:bold;background:#eee}
.kh-printout tr{break-inside:avoid}
.kh-printout .kh-sign{display:flex;justify-content:space-between;margin-top:10pt;break-inside:avoid}
.kh-printout .kh-sign div{width:45%;text-align:center}
.kh-printout .kh-sign strong{display:block}
.kh-printout .kh-sign em{display:block;margin-bottom:48pt}
.kh-printout .kh-date{text-align:right;font-style:italic}
`;

  let styled = false;
  function injectStyle(doc) {
    if (styled || !doc.head) return;
    styled = true;
    const style = doc.createElement("style");
    style.dataset.kehoachReportForm = "";
    style.textContent = `${STYLE}\n@media print{${PRINT_STYLE}}`;
    doc.head.prepend(style);
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const escapeHtml = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const clock = () => new Date().toLocaleTimeString("vi-VN", { hour12: false });
  const clone = (x) => JSON.parse(JSON.stringify(x));
  const emptyEntries = () => ({ values: {}, assessments: {}, tasks: {}, notes: {}, duties: {}, occurrences: {}, reports: {} });
  const MAX_RETRIES = 20;
  let instances = 0;

  /** Calls the engine: the package's module (`compile`, cached per plan) or an object whose `formFields` and
   * `evaluate` may return promises (the demo's worker). */
  class EngineClient {
    constructor(engine) {
      this.engine = engine;
      this.compiled = null;
    }
    plan(sources, options) {
      const key = JSON.stringify([sources, options.plan ?? null, options.lang ?? null]);
      if (!this.compiled || this.compiled.key !== key) {
        this.compiled?.plan.free?.();
        this.compiled = { key, plan: this.engine.compile(sources, { plan: options.plan, lang: options.lang }) };
      }
      return this.compiled.plan;
    }
    async formFields(sources, options) {
      if (typeof this.engine.compile === "function") return this.plan(sources, options).formFields();
      return this.engine.formFields(sources, options);
    }
    async evaluate(sources, facts, options) {
      if (typeof this.engine.compile === "function") return this.plan(sources, options).evaluate(facts, options);
      return this.engine.evaluate(sources, facts, options);
    }
  }

  /**
   * Defines the element (once per name) on kehoach's `engine`: the package's module after `init()`, or any
   * object with `formFields(sources, options)` and `evaluate(sources, facts, options)`. `storage` keeps drafts
   * (default: `localStorage`; anything with `getItem`/`setItem`/`removeItem`/`key`/`length`).
   */
  function define(engine, { name = "kehoach-report-form", storage } = {}) {
    const existing = root.customElements.get(name);
    if (existing) return existing;

    class ReportForm extends root.HTMLElement {
      static get observedAttributes() {
        return ["lang"];
      }

      constructor() {
        super();
        this.engineClient = new EngineClient(engine);
        this.storage = storage ?? safeLocalStorage();
        this.uid = `kh${++instances}`;
        this.state = {
          sources: null,
          planFile: null,
          initial: null,
          storageKey: null,
          fields: null,
          owners: [],
          report: null,
          header: null,
          entries: emptyEntries(),
          period: null,
          department: "",
          asOf: "",
          problems: [],
          dropped: [],
          generation: 0,
          saveFailed: false,
        };
        this.nodes = new Map();
        this.undo = null;
      }

      get lang() {
        return this.getAttribute("lang") === "en" ? "en" : "vi";
      }
      set lang(value) {
        this.setAttribute("lang", value === "en" ? "en" : "vi");
      }
      get words() {
        return WORDS[this.lang];
      }

      connectedCallback() {
        injectStyle(this.ownerDocument);
        if (!this.shell) this.buildShell();
        this.onUnload = (event) => {
          if (this.state.saveFailed && this.hasEntries()) {
            event.preventDefault();
            event.returnValue = "";
          }
        };
        root.addEventListener("beforeunload", this.onUnload);
      }

      disconnectedCallback() {
        root.removeEventListener("beforeunload", this.onUnload);
      }

      attributeChangedCallback(name, before, after) {
        if (name === "lang" && before !== after && this.shell) {
          this.applyWords();
          if (this.state.sources) this.load({ keepEntries: true });
        }
      }

      /**
       * Shows a plan: `sources` as for kehoach's functions (`{ path: text }` or one string), `plan` the file or
       * number of the plan when there are several, `facts` figures known already (SPEC section 6 JSON), `key`
       * where drafts are kept (default: the plan's number). Resolves when the form is shown and evaluated.
       */
      setPlan({ sources, plan = null, facts = null, key = null }) {
        const s = this.state;
        const samePlan = s.sources !== null && key === s.storageKey && plan === s.planFile;
        s.sources = sources;
        s.planFile = plan;
        s.initial = facts;
        s.storageKey = key;
        return this.load({ keepEntries: samePlan });
      }

      /** The facts as SPEC section 6 JSON: what was typed, checked, bad inputs left out. */
      facts() {
        return this.buildFacts().facts;
      }

      /** The same facts as `.facts` text. */
      factsText() {
        return core.factsText(this.facts());
      }

      /** Notes per item and period: `{ id: { period: text } }`. */
      notes() {
        const out = {};
        for (const [id, periods] of Object.entries(this.state.entries.notes || {})) {
          for (const [period, text] of Object.entries(periods)) if (text.trim()) (out[id] ||= {})[period] = text.trim();
        }
        return out;
      }

      get period() {
        return this.state.period;
      }
      get department() {
        return this.state.department;
      }
      get report() {
        return this.state.report;
      }
      get fields() {
        return this.state.fields;
      }

      /** Chooses the reporting period (`2023-Q3`, `2023-H1`, `2023`): its own draft is kept and restored. */
      setPeriod(period) {
        if (period === this.state.period) return Promise.resolve();
        this.saveDraft();
        this.state.period = period;
        this.restoreDraft();
        this.rememberChoice();
        this.renderFields();
        return this.update();
      }

      /** Shows one department's items (its id), or every item (`""`). */
      setDepartment(department) {
        this.state.department = department || "";
        this.shell.department.value = this.state.department;
        this.rememberChoice();
        this.saveDraft();
        this.renderFields();
        return this.update();
      }

      // ---- The frame: toolbar, actions, status lines, summary, fields, printout, dialog.
      buildShell() {
        const w = this.words;
        const id = (name) => `${this.uid}-${name}`;
        const department = el("select", { id: id("department"), class: "kh-department", onchange: (e) => this.setDepartment(e.target.value) });
        const period = el("select", { id: id("period"), class: "kh-period", onchange: (e) => this.setPeriod(e.target.value) });
        const asOf = el("input", {
          id: id("as-of"), class: "kh-as-of", type: "text", inputmode: "numeric", autocomplete: "off",
          placeholder: w.datePlaceholder, "aria-describedby": id("as-of-error"),
          onchange: (e) => this.setAsOf(e.target.value),
        });
        const asOfError = el("span", { id: id("as-of-error"), class: "kh-error" });
        const file = el("input", { type: "file", accept: ".json,.facts,application/json,text/plain", class: "kh-import-input", onchange: (e) => this.importFiles(e.target.files) });
        const wrap = el("div", { class: "kh-screen" });
        // Inner inputs' own `input` events stop here: the element's `input` event carries the facts.
        wrap.addEventListener("input", (event) => event.stopPropagation());
        const live = el("div", { class: "kh-sr", role: "status", "aria-live": "assertive" });
        const shell = {
          department,
          period,
          asOf,
          asOfError,
          file,
          live,
          labels: {},
          toolbar: el("div", { class: "kh-toolbar" }),
          actions: el("div", { class: "kh-actions" }),
          status: el("p", { class: "kh-status", role: "status", "aria-live": "polite" }),
          account: el("div", { class: "kh-account", hidden: true, "aria-live": "polite" }),
          summary: el("div", { class: "kh-summary", "aria-live": "polite" }),
          scorecard: el("details", { class: "kh-scorecard" }),
          problems: el("ul", { class: "kh-problems", "aria-live": "polite" }),
          count: el("p", { class: "kh-count kh-hint" }),
          fields: el("div", { class: "kh-fields" }),
          printout: el("section", { class: "kh-printout" }),
          dialog: el("dialog", { class: "kh-dialog", "aria-modal": "true" }),
        };
        this.shell = shell;
        const labelled = (key, control, extra = null) => {
          const text = el("span", { text: w[key] });
          shell.labels[key] = text;
          return el("label", { for: control.id }, text, control, extra);
        };
        shell.toolbar.append(labelled("department", department), labelled("period", period), labelled("asOf", asOf, asOfError));
        const button = (key, onclick, cls = "") => {
          const b = el("button", { type: "button", class: `kh-${key}${cls ? ` ${cls}` : ""}`, onclick, text: w[key] });
          shell.labels[key] = b;
          return b;
        };
        const fileLabel = el("label", { class: "kh-file" }, el("span", { text: w.importFile }), file);
        shell.labels.importFile = fileLabel.firstChild;
        const dropHint = el("span", { class: "kh-drop-hint", text: w.dropHint });
        shell.labels.dropHint = dropHint;
        shell.actions.append(
          button("exportJson", () => this.download("json")),
          button("exportText", () => this.download("facts")),
          fileLabel,
          dropHint,
          button("print", () => {
            this.renderPrintout();
            root.print();
          }),
          button("saveHtml", () => this.download("html")),
          button("clear", () => this.clear()),
          button("submit", () => this.submit(), "kh-submit"),
        );
        wrap.append(shell.toolbar, shell.actions, shell.status, shell.account, live, shell.summary, shell.scorecard, shell.problems, shell.count, shell.fields);
        this.replaceChildren(wrap, shell.printout, shell.dialog);
        this.addEventListener("dragover", (event) => {
          if ([...(event.dataTransfer?.types || [])].includes("Files")) {
            event.preventDefault();
            this.classList.add("kh-dragging");
          }
        });
        this.addEventListener("dragleave", () => this.classList.remove("kh-dragging"));
        this.addEventListener("drop", (event) => {
          this.classList.remove("kh-dragging");
          if (event.dataTransfer?.files?.length) {
            event.preventDefault();
            this.importFiles(event.dataTransfer.files);
          }
        });
      }

      applyWords() {
        const w = this.words;
        for (const [key, node] of Object.entries(this.shell.labels)) node.textContent = w[key];
        this.shell.asOf.placeholder = w.datePlaceholder;
      }

      // ---- Loading a plan.
      async load({ keepEntries }) {
        const s = this.state;
        // Only a later load abandons this one; an evaluation started meanwhile is of the old plan, and is
        // abandoned by the evaluation this load ends with.
        const loading = (s.loading = (s.loading || 0) + 1);
        const options = this.options();
        const form = await this.engineClient.formFields(s.sources, options);
        if (loading !== s.loading) return;
        if (!form.ok) {
          this.fail(form.diagnostics);
          return;
        }
        s.fields = form.fields;
        s.owners = form.owners || [];
        // The plan's header (number, issued day, period) comes with a report: evaluate once with no figures.
        const first = await this.engineClient.evaluate(s.sources, { values: {} }, { ...options, asOf: s.asOf || s.initial?.as_of || today() });
        if (loading !== s.loading) return;
        s.generation += 1;
        s.header = first.ok ? first.plan : null;
        const planKey = s.storageKey || s.header?.number || s.planFile || "plan";
        const reload = !keepEntries || s.planKey !== planKey;
        s.planKey = planKey;
        if (reload) {
          const last = this.readStore(this.choiceKey()) || {};
          s.department = last.department && s.owners.some((o) => o.id === last.department) ? last.department : this.getAttribute("department") || "";
          s.asOf = s.initial?.as_of || today();
          s.period = last.period || this.getAttribute("period") || defaultPeriod(s.asOf);
          this.restoreDraft();
        }
        this.renderChoices();
        this.renderFields();
        await this.update();
      }

      options() {
        return this.state.planFile ? { lang: this.lang, plan: this.state.planFile } : { lang: this.lang };
      }

      fail(diagnostics) {
        const w = this.words;
        this.shell.status.textContent = w.notEvaluated;
        this.shell.problems.replaceChildren(
          ...diagnostics.filter((d) => d.severity === "error").slice(0, 20).map((d) => el("li", { class: "kh-error", text: d.message })),
        );
      }

      renderChoices() {
        const s = this.state;
        const w = this.words;
        const owners = s.owners.filter((o) => s.fields.some((f) => f.owners.some((fo) => core.departmentOwners(o.id, s.owners).has(fo.id))));
        this.shell.department.replaceChildren(
          el("option", { value: "", text: w.allDepartments }),
          ...owners.map((o) => el("option", { value: o.id, text: o.name })),
        );
        this.shell.department.value = s.department;
        const years = planYears(s.header, s.asOf);
        const periods = core.reportPeriods(years.from, years.to);
        if (!periods.includes(s.period)) periods.push(s.period);
        this.shell.period.replaceChildren(...periods.map((p) => el("option", { value: p, text: core.periodName(p, this.lang) })));
        this.shell.period.value = s.period;
        this.shell.asOf.value = core.formatDate(s.asOf);
      }

      // ---- Drafts: one per plan and period, saved on every change.
      draftKey(period = this.state.period) {
        return `kehoach-report:${this.state.planKey}:${period}`;
      }
      choiceKey() {
        return `kehoach-report:${this.state.planKey}`;
      }
      readStore(key) {
        try {
          const text = this.storage?.getItem(key);
          return text ? JSON.parse(text) : null;
        } catch {
          return null;
        }
      }
      writeStore(key, value) {
        try {
          if (!this.storage) throw new Error("no storage");
          if (value === null) this.storage.removeItem(key);
          else this.storage.setItem(key, JSON.stringify(value));
          return true;
        } catch {
          return false;
        }
      }

      /** The period's own draft; else the most recent draft of the plan (its figures carry over, earlier
       * periods read-only); else the figures the plan came with. */
      restoreDraft() {
        const s = this.state;
        const w = this.words;
        const own = this.readStore(this.draftKey());
        if (own && own.entries) {
          s.entries = { ...emptyEntries(), ...own.entries };
          s.asOf = own.asOf || s.asOf;
          s.tracksReports = Boolean(own.tracksReports);
          this.say(w.restored(new Date(own.savedAt).toLocaleTimeString("vi-VN", { hour12: false })));
          return;
        }
        let latest = null;
        for (const key of this.storageKeys()) {
          if (!key.startsWith(`${this.choiceKey()}:`)) continue;
          const draft = this.readStore(key);
          if (draft?.entries && (!latest || draft.savedAt > latest.savedAt)) latest = draft;
        }
        if (latest) s.entries = { ...emptyEntries(), ...clone(latest.entries) };
        else if (s.initial) {
          const read = core.readFacts(JSON.stringify(s.initial));
          s.entries = read.entries ? { ...emptyEntries(), ...read.entries } : emptyEntries();
          s.tracksReports = Boolean(read.tracksReports);
        } else s.entries = emptyEntries();
        const bounds = core.periodBounds(s.period);
        if (bounds && !own && (latest || !s.initial?.as_of)) s.asOf = bounds.to;
      }
      storageKeys() {
        const keys = [];
        try {
          for (let i = 0; i < (this.storage?.length ?? 0); i += 1) keys.push(this.storage.key(i));
        } catch {
          return keys;
        }
        return keys;
      }
      saveDraft() {
        const s = this.state;
        if (!s.planKey || !s.period) return;
        const ok = this.writeStore(this.draftKey(), { entries: s.entries, asOf: s.asOf, department: s.department, tracksReports: Boolean(s.tracksReports), savedAt: Date.now() });
        s.saveFailed = !ok;
        this.shell.status.textContent = ok ? this.words.saved(clock()) : this.words.notSaved;
      }
      rememberChoice() {
        this.writeStore(this.choiceKey(), { period: this.state.period, department: this.state.department });
      }
      hasEntries() {
        return core.factsText(this.facts()).split("\n").length > 3;
      }

      setAsOf(typed) {
        const read = core.parseDate(typed);
        const w = this.words;
        const error = this.shell.asOfError;
        if (read.error || read.empty) {
          this.shell.asOf.setAttribute("aria-invalid", "true");
          error.textContent = w.problems[read.empty ? "date-format" : `date-${read.error}`];
          this.announce(`${w.asOf}: ${error.textContent}`);
          return Promise.resolve();
        }
        this.shell.asOf.removeAttribute("aria-invalid");
        error.textContent = "";
        this.state.asOf = read.value;
        this.shell.asOf.value = core.formatDate(read.value);
        this.saveDraft();
        return this.update();
      }

      // ---- The fields of the chosen department and period.
      shownFields() {
        const s = this.state;
        return core.departmentFields(s.fields || [], s.department, s.owners);
      }

      renderFields() {
        const s = this.state;
        const w = this.words;
        if (!s.fields) return;
        this.nodes.clear();
        this.marked = new Set();
        const shown = this.shownFields();
        const sections = new Map();
        for (const field of shown) {
          const key = field.section || "";
          if (!sections.has(key)) sections.set(key, []);
          sections.get(key).push(field);
        }
        this.shell.fields.replaceChildren(
          ...[...sections].map(([section, list]) => el("fieldset", { class: "kh-section" }, el("legend", { text: section || w.noSection }), ...list.map((f) => this.renderField(f)))),
        );
        this.shell.count.textContent = w.itemsShown(shown.length, s.fields.length);
      }

      renderField(field) {
        const w = this.words;
        const s = this.state;
        const lang = this.lang;
        const base = `${this.uid}-${field.id}`;
        const meta = [];
        if (field.goal) meta.push(el("span", { class: "kh-goal", text: `${w.goal}: ${core.goalInWords(field.goal, field.unit, lang)}` }));
        else if (field.unit) meta.push(el("span", { text: `${w.unit}: ${field.unit}` }));
        if (field.aim) meta.push(el("span", { text: `${w.aim}: ${core.goalInWords(field.aim, field.unit, lang)}` }));
        if (field.baseline) meta.push(el("span", { text: `${w.baseline} ${core.periodName(field.baseline.period, lang)}: ${core.formatNumber(field.baseline.value, lang, 6)}` }));
        if (field.due_date) meta.push(el("span", { text: `${w.due}: ${core.formatDate(field.due_date)}` }));
        for (const role of ["lead", "support", "monitor"]) {
          const who = field.owners.filter((o) => o.role === role).map((o) => o.name).join(", ");
          if (who) meta.push(el("span", { text: `${w[role]}: ${who}` }));
        }
        const badges = el("div", { class: "kh-badges" });
        const title = el("span", { class: "kh-title", id: `${base}-title`, title: w.idTip(field.id), text: field.label });
        const node = el(
          "div",
          { class: `kh-field${field.parent ? " kh-part" : ""}`, "data-field": field.id, "data-kind": field.kind, role: "group", "aria-labelledby": `${base}-title` },
          el("div", { class: "kh-head" }, title, badges),
          el("div", { class: "kh-meta" }, ...meta),
        );
        const inputs = el("div", { class: "kh-inputs" });
        const errors = new Map();
        const period = s.period;
        const periodWords = core.periodName(period, lang);
        const errorSpan = (key) => {
          const span = el("span", { class: "kh-error", id: `${base}-${key}-error` });
          errors.set(key, span);
          return span;
        };
        const input = (key, label, attrs, value, store) => {
          const control = el("input", {
            type: "text", id: `${base}-${key}`, "data-input": key, "aria-describedby": `${base}-${key}-error`,
            ...attrs, value: value ?? "",
          });
          control.addEventListener("input", (event) => {
            store(event.target.value);
            this.changed();
          });
          return el("label", { for: control.id }, el("span", { text: label }), control, errorSpan(key));
        };
        // The occurrences a report date asks about: those due by then, and the next one.
        const due = (field.occurrences || []).filter((o) => o.due_date <= s.asOf);
        const next = (field.occurrences || []).find((o) => o.due_date > s.asOf);
        const asked = next ? [...due, next] : due;
        const dateInput = (key, label, value, store) =>
          input(key, label, { inputmode: "numeric", placeholder: w.datePlaceholder, autocomplete: "off", "aria-label": `${field.label} — ${label}` }, value, store);
        let ownNote = false;
        if (field.fact === "computed") inputs.append(el("span", { class: "kh-hint", text: w.computed }));
        else if (field.fact === "reports") {
          const mine = s.department ? core.departmentOwners(s.department, s.owners) : null;
          for (const o of asked) {
            for (const owner of field.owners.filter((x) => x.role === "submit" && (!mine || mine.has(x.id)))) {
              const typed = ((s.entries.reports[field.id] || {})[o.period] || {})[owner.id];
              inputs.append(
                dateInput(`${owner.id}@${o.period}`, w.submittedBy(owner.name, core.periodName(o.period, lang), core.formatDate(o.due_date)), typed, (v) => {
                  (((s.entries.reports[field.id] ||= {})[o.period] ||= {})[owner.id] = v);
                }),
              );
            }
          }
        } else if (field.schedule === "every") {
          for (const o of asked) {
            const typed = ((s.entries.occurrences[field.id] || {})[o.period] || {}).done;
            inputs.append(
              dateInput(`done@${o.period}`, w.occurrenceDone(core.periodName(o.period, lang), core.formatDate(o.due_date)), typed, (v) => {
                ((s.entries.occurrences[field.id] ||= {})[o.period] ||= {}).done = v;
              }),
            );
          }
        } else if (field.schedule === "ongoing") {
          const answer = () => ((s.entries.duties[field.id] ||= {})[period] ||= {});
          const current = (s.entries.duties[field.id] || {})[period] || {};
          const select = el(
            "select",
            { id: `${base}-assessed`, "data-input": "assessed", "data-period": period, "aria-label": `${field.label} — ${w.assessment} ${periodWords}` },
            ...Object.entries(w.assessmentChoices).map(([value, text]) => el("option", { value, text })),
          );
          select.value = current.assessed || "";
          select.addEventListener("change", (event) => {
            answer().assessed = event.target.value;
            this.changed();
          });
          const note = el("textarea", { id: `${base}-duty-note`, "data-input": "note", rows: 1, "aria-label": `${field.label} — ${w.dutyNote} ${periodWords}` });
          note.value = current.note || "";
          note.addEventListener("input", (event) => {
            answer().note = event.target.value;
            this.changed();
          });
          inputs.append(
            el("label", { for: select.id }, el("span", { text: `${w.assessment} ${periodWords}` }), select, errorSpan("assessed")),
            el("label", { class: "kh-note", for: note.id }, el("span", { text: `${w.dutyNote} (${periodWords})` }), note),
          );
          ownNote = true;
        } else if (field.fact === "tasks") {
          const answer = () => (s.entries.tasks[field.id] ||= {});
          const current = s.entries.tasks[field.id] || {};
          inputs.append(
            input("done", w.done, { inputmode: "numeric", placeholder: w.datePlaceholder, autocomplete: "off", "aria-label": `${field.label} — ${w.done}` }, current.done, (v) => (answer().done = v)),
            input("progress", w.progress, { inputmode: "decimal", class: "kh-progress", "aria-label": `${field.label} — ${w.progress}` }, current.progress, (v) => (answer().progress = v)),
            input("cancelled", w.cancelled, { class: "kh-reason", "aria-label": `${field.label} — ${w.cancelled}` }, current.cancelled, (v) => (answer().cancelled = v)),
          );
        } else if (field.fact === "assessments") {
          const store = () => (s.entries.assessments[field.id] ||= {});
          const select = el(
            "select",
            { id: `${base}-value`, "data-period": period, "aria-label": `${field.label} — ${w.assessment} ${periodWords}` },
            ...Object.entries(w.assessmentChoices).map(([value, text]) => el("option", { value, text })),
          );
          select.value = (s.entries.assessments[field.id] || {})[period] || "";
          select.addEventListener("change", (event) => {
            store()[period] = event.target.value;
            this.changed();
          });
          inputs.append(el("label", { for: select.id }, el("span", { text: `${w.assessment} ${periodWords}` }), select, errorSpan("value")));
        } else {
          const store = () => (s.entries.values[field.id] ||= {});
          const unit = field.unit ? ` (${field.unit})` : "";
          inputs.append(
            input("value", `${w.valueFor(periodWords)}${unit}`, { inputmode: "decimal", autocomplete: "off", "data-period": period, "aria-label": `${field.label} — ${w.valueFor(periodWords)}${unit}` }, (s.entries.values[field.id] || {})[period], (v) => (store()[period] = v)),
          );
        }
        if (field.fact !== "computed" && !ownNote) {
          const note = el("textarea", {
            id: `${base}-note`, "data-input": "note", rows: 1, "aria-label": `${field.label} — ${w.note} ${periodWords}`,
          });
          note.value = (s.entries.notes[field.id] || {})[period] || "";
          note.addEventListener("input", (event) => {
            (s.entries.notes[field.id] ||= {})[period] = event.target.value;
            this.changed({ notesOnly: true });
          });
          inputs.append(el("label", { class: "kh-note", for: note.id }, el("span", { text: `${w.note} (${periodWords})` }), note));
        }
        node.append(inputs);
        const earlier = this.earlierValues(field);
        if (earlier) node.append(earlier);
        const hints = el("div", { class: "kh-hint" });
        node.append(hints);
        this.nodes.set(field.id, { node, badges, hints, errors, field });
        return node;
      }

      /** Figures of other periods, shown and not editable. */
      earlierValues(field) {
        const s = this.state;
        const store = field.fact === "values" ? s.entries.values : field.fact === "assessments" ? s.entries.assessments : null;
        const keys = Object.keys((store && store[field.id]) || {}).filter((k) => k !== s.period && String(store[field.id][k]).trim() !== "");
        if (keys.length === 0) return null;
        const w = this.words;
        keys.sort(core.comparePeriods);
        const shown = keys.map((k) => {
          const v = store[field.id][k];
          const read = core.parseNumber(v);
          const text = field.fact === "assessments" ? w.assessmentChoices[v] || v : read.value !== undefined ? core.formatNumber(read.value, this.lang, 6) : v;
          return `${core.periodName(k, this.lang)}: ${text}`;
        });
        return el("div", { class: "kh-earlier" }, `${w.earlier}: ${shown.join("; ")}`);
      }

      // ---- Every change: save, check, evaluate, tell the page.
      changed({ notesOnly = false } = {}) {
        this.saveDraft();
        this.undo = null;
        if (notesOnly) {
          this.emit("input");
          this.renderPrintoutSoon();
          return;
        }
        clearTimeout(this.timer);
        this.scheduled = true;
        this.timer = setTimeout(() => this.update(), 30);
      }

      /** Whether an evaluation is scheduled or running: what is shown may still change. */
      get busy() {
        return Boolean(this.scheduled || this.running > 0);
      }

      buildFacts() {
        const s = this.state;
        const e = s.entries;
        const entries = { values: e.values, assessments: e.assessments, tasks: e.tasks, duties: e.duties, occurrences: e.occurrences, reports: e.reports };
        const built = core.buildFacts(entries, s.fields, { plan: s.header?.number, asOf: s.asOf, issued: s.header?.issued, tracksReports: s.tracksReports });
        // Facts the engine refused (an id or a period the plan does not have): left out, and said so.
        for (const drop of s.dropped) {
          const place = built.facts[drop.kind]?.[drop.id];
          if (!place) continue;
          if (drop.key) delete place[drop.key];
          else delete built.facts[drop.kind][drop.id];
          if (drop.key && Object.keys(place).length === 0) delete built.facts[drop.kind][drop.id];
          built.problems.push({ id: drop.id, period: drop.key, input: drop.kind === "tasks" ? drop.key : undefined, severity: "error", problem: { code: "engine", message: drop.message } });
        }
        return built;
      }

      async update() {
        this.scheduled = false;
        this.running = (this.running || 0) + 1;
        try {
          await this.evaluateNow();
        } finally {
          this.running -= 1;
        }
      }

      async evaluateNow() {
        const s = this.state;
        if (!s.fields) return;
        const generation = ++s.generation;
        s.dropped = [];
        let built = this.buildFacts();
        let result = null;
        for (let attempt = 0; attempt < MAX_RETRIES; attempt += 1) {
          result = await this.engineClient.evaluate(s.sources, built.facts, { ...this.options(), asOf: s.asOf });
          if (generation !== s.generation) return;
          if (result.ok) break;
          const drops = result.diagnostics.filter((d) => d.severity === "error").map(locateFact).filter(Boolean);
          if (drops.length === 0) break;
          s.dropped.push(...drops);
          built = this.buildFacts();
        }
        s.problems = built.problems;
        s.report = result && result.ok ? result : null;
        s.facts = built.facts;
        this.renderReport(result);
        this.renderProblems(result);
        this.renderPrintoutSoon();
        this.emit("input");
      }

      detail() {
        const s = this.state;
        const facts = s.facts || this.facts();
        return {
          facts,
          factsText: core.factsText(facts),
          notes: this.notes(),
          period: s.period,
          department: s.department,
          problems: s.problems.map((p) => ({ ...p })),
        };
      }

      emit(type) {
        this.dispatchEvent(new CustomEvent(type, { detail: this.detail(), bubbles: true, composed: true }));
      }

      /** Files the report: `submit` with the facts, unless a field still has an error (then the first is
       * focused). Resolves to whether it was filed. */
      async submit() {
        await this.update();
        const w = this.words;
        const errors = this.state.problems.filter((p) => p.severity === "error");
        if (errors.length > 0) {
          this.say(w.fixFirst(errors.length));
          this.announce(w.fixFirst(errors.length));
          const first = this.shell.fields.querySelector('[aria-invalid="true"]');
          first?.focus();
          return false;
        }
        this.say(w.submitted(clock()));
        this.emit("submit");
        return true;
      }

      // ---- Statuses, per-field problems, summary.
      renderReport(result) {
        const s = this.state;
        const w = this.words;
        const lang = this.lang;
        const report = s.report;
        // Only what changed is written: a keystroke re-evaluates the whole plan, and most items stay as they were.
        const shownNow = new Map();
        const show = (id, status, hint) => shownNow.set(id, { status, hint });
        const apply = () => {
          for (const [id, entry] of this.nodes) {
            const want = shownNow.get(id) || { status: null, hint: "" };
            if (entry.status !== want.status) {
              entry.statusBadge?.remove();
              entry.statusBadge = want.status ? el("span", { class: "kh-badge", "data-status": want.status, text: w.statuses[want.status] || want.status }) : null;
              if (entry.statusBadge) entry.badges.prepend(entry.statusBadge);
              entry.status = want.status;
            }
            if (entry.hint !== want.hint) {
              entry.hints.textContent = want.hint;
              entry.hint = want.hint;
            }
          }
        };
        if (!report) {
          apply();
          this.shell.summary.replaceChildren(el("span", { class: "kh-tally", text: w.notEvaluated }));
          this.shell.scorecard.replaceChildren();
          return;
        }
        const titleOf = new Map((s.fields || []).map((f) => [f.id, f.label]));
        const units = new Map((s.fields || []).map((f) => [f.id, f.unit]));
        const valueText = (id, value) => {
          const unit = units.get(id);
          const number = core.formatNumber(value, lang);
          return unit ? (/^%/.test(unit) ? `${number}${unit}` : `${number} ${unit}`) : number;
        };
        for (const item of [...report.targets, ...report.measures]) {
          if (!this.nodes.has(item.id)) continue;
          const hints = [];
          if (item.actual) hints.push(`${core.periodName(item.actual.period, lang)}: ${valueText(item.id, item.actual.value)}`);
          if (item.expected !== null && item.expected !== undefined) hints.push(`${w.expected}: ${valueText(item.id, item.expected)}`);
          if (item.reason) hints.push(item.reason[lang] || item.reason.vi || "");
          show(item.id, item.status || null, hints.filter(Boolean).join(" · "));
        }
        for (const task of report.tasks) {
          if (!this.nodes.has(task.id)) continue;
          const hints = [];
          if (task.days_late > 0) hints.push(w.daysLate(task.days_late));
          else if (task.days_left !== null && task.days_left !== undefined && !["done", "done-late", "cancelled"].includes(task.status)) hints.push(w.daysLeft(task.days_left));
          if (task.blocked_by?.length) hints.push(`${w.waitingFor}: ${task.blocked_by.map((id) => titleOf.get(id) || id).join("; ")}`);
          show(task.id, task.status, hints.join(" · "));
        }
        for (const item of report.reports || []) {
          if (this.nodes.has(item.id)) show(item.id, item.status, item.next_due ? `${w.due}: ${core.formatDate(item.next_due)}` : "");
        }
        apply();
        // The summary counts what is shown: a department sees its own items.
        const shown = new Set(this.shownFields().map((f) => f.id));
        const count = (list) => {
          const counts = {};
          for (const item of list) if (shown.has(item.id)) counts[item.status] = (counts[item.status] || 0) + 1;
          return Object.entries(counts).map(([status, n]) => `${n} ${(w.statuses[status] || status).toLowerCase()}`).join(", ") || "0";
        };
        const attention = report.summary.attention;
        this.shell.summary.replaceChildren(
          el("span", { class: "kh-tally" }, el("strong", { text: `${w.whole}: ` }), el("span", { class: "kh-badge", "data-status": report.summary.status, text: w.rollup[report.summary.status] || report.summary.status })),
          el("span", { class: "kh-tally", "data-tally": "targets" }, el("strong", { text: `${w.targets}: ` }), count(report.targets)),
          el("span", { class: "kh-tally", "data-tally": "tasks" }, el("strong", { text: `${w.tasks}: ` }), count(report.tasks)),
          el("span", { class: "kh-tally", "data-attention": attention, text: w.attention(attention) }),
        );
        const open = this.shell.scorecard.open;
        this.shell.scorecard.replaceChildren(
          el("summary", { text: w.scorecard }),
          el(
            "table",
            { "data-rollup": "owners" },
            el("thead", {}, el("tr", {}, el("th", { scope: "col", text: w.lead }), el("th", { scope: "col", text: w.statusWord }), el("th", { scope: "col", text: w.needAttention }))),
            el(
              "tbody",
              {},
              report.owners.map((o) =>
                el(
                  "tr",
                  { "data-owner": o.id },
                  el("td", {}, el("button", { type: "button", onclick: () => this.setDepartment(o.id), text: o.name })),
                  el("td", {}, el("span", { class: "kh-badge", "data-status": o.status, text: w.rollup[o.status] || o.status })),
                  el("td", { text: String(o.attention.length) }),
                ),
              ),
            ),
          ),
        );
        this.shell.scorecard.open = open;
      }

      renderProblems(result) {
        const s = this.state;
        const w = this.words;
        for (const entry of this.marked || []) {
          entry.node.classList.remove("kh-invalid");
          entry.left?.remove();
          entry.left = null;
          for (const [key, span] of entry.errors) {
            span.textContent = "";
            span.className = "kh-error";
            entry.node.querySelector(`#${CSS.escape(`${this.uid}-${entry.field.id}-${key}`)}`)?.removeAttribute("aria-invalid");
          }
        }
        this.marked = new Set();
        const loose = [];
        const newErrors = [];
        for (const problem of s.problems) {
          const entry = this.nodes.get(problem.id);
          const key = problem.input || "value";
          const words = w.problems[problem.problem.code];
          const text = typeof words === "function" ? words(problem.problem) : words;
          const span = entry && (problem.period === undefined || problem.period === s.period || problem.input) ? entry.errors.get(key) : null;
          if (!span) {
            loose.push({ problem, text });
            continue;
          }
          span.textContent = text;
          span.className = problem.severity === "error" ? "kh-error" : "kh-warning";
          this.marked.add(entry);
          if (problem.severity === "error") {
            entry.node.classList.add("kh-invalid");
            const control = entry.node.querySelector(`#${CSS.escape(`${this.uid}-${problem.id}-${key}`)}`);
            control?.setAttribute("aria-invalid", "true");
            if (!entry.left) {
              entry.left = el("span", { class: "kh-badge", "data-status": "left-out", text: w.left });
              entry.badges.append(entry.left);
            }
            newErrors.push(w.errorIn(entry.field.label, text));
          }
        }
        const engineErrors = result && !result.ok ? result.diagnostics.filter((d) => d.severity === "error" && !locateFact(d)) : [];
        const warnings = result && result.ok ? (result.diagnostics || []).filter((d) => d.file === "facts.json") : [];
        const titleOf = new Map((s.fields || []).map((f) => [f.id, f.label]));
        this.shell.problems.replaceChildren(
          ...loose.map(({ problem, text }) => el("li", { class: problem.severity === "error" ? "kh-error" : "kh-warning", text: `${titleOf.get(problem.id) || problem.id} (${problem.period ? core.periodName(problem.period, this.lang) : problem.input}): ${text}` })),
          ...engineErrors.slice(0, 20).map((d) => el("li", { class: "kh-error", text: d.message })),
          ...warnings.slice(0, 20).map((d) => el("li", { class: "kh-warning", text: d.message })),
        );
        const said = newErrors.join(". ");
        if (said && said !== this.lastAnnounced) this.announce(said);
        this.lastAnnounced = said;
      }

      announce(text) {
        this.shell.live.textContent = "";
        // A fresh text node, so that screen readers read it again.
        setTimeout(() => (this.shell.live.textContent = text), 20);
      }

      say(text, undo = null) {
        this.shell.status.textContent = text;
        if (undo) {
          this.shell.account.hidden = false;
        }
      }

      // ---- Clear, with confirmation and undo; import with an account of the changes; export.
      confirm(message, yes) {
        const dialog = this.shell.dialog;
        const w = this.words;
        return new Promise((resolve) => {
          const close = (answer) => {
            dialog.close();
            resolve(answer);
          };
          const id = `${this.uid}-dialog-text`;
          dialog.setAttribute("aria-labelledby", id);
          dialog.replaceChildren(
            el("p", { id, text: message }),
            el("div", { class: "kh-actions" }, el("button", { type: "button", class: "kh-confirm-yes", onclick: () => close(true), text: yes }), el("button", { type: "button", class: "kh-confirm-no", onclick: () => close(false), text: w.cancel })),
          );
          dialog.addEventListener("cancel", () => resolve(false), { once: true });
          if (typeof dialog.showModal === "function") dialog.showModal();
          else dialog.setAttribute("open", "");
          dialog.querySelector(".kh-confirm-no").focus();
        });
      }

      async clear() {
        const s = this.state;
        const w = this.words;
        if (!(await this.confirm(w.confirmClear(core.periodName(s.period, this.lang)), w.clearButton))) return false;
        const before = clone(s.entries);
        s.entries = emptyEntries();
        this.afterBulkChange(w.cleared, before, []);
        return true;
      }

      afterBulkChange(message, before, lines) {
        const w = this.words;
        this.saveDraft();
        this.renderFields();
        this.update();
        const undo = el("button", {
          type: "button",
          class: "kh-undo",
          text: w.undo,
          onclick: () => {
            this.state.entries = before;
            this.shell.account.hidden = true;
            this.saveDraft();
            this.renderFields();
            this.update();
          },
        });
        this.shell.account.replaceChildren(el("p", {}, `${message} `, undo), lines.length ? el("ul", {}, lines.map((l) => el("li", { text: l }))) : null);
        this.shell.account.hidden = false;
        this.announce(message);
      }

      async importFiles(files) {
        for (const file of [...(files || [])]) await this.importText(await file.text(), file.name);
        this.shell.file.value = "";
      }

      /** Merges a facts file (JSON or `.facts` text) into the figures, and says what changed. */
      importText(text, name = "") {
        const s = this.state;
        const w = this.words;
        const read = core.readFacts(text);
        if (read.error) {
          this.say(w.importFailed(name, read.error.line));
          this.announce(w.importFailed(name, read.error.line));
          return Promise.resolve(null);
        }
        if (read.plan && s.header?.number && read.plan !== s.header.number) {
          this.say(w.otherPlan(read.plan));
          this.announce(w.otherPlan(read.plan));
          return Promise.resolve(null);
        }
        const before = clone(s.entries);
        if (read.tracksReports) s.tracksReports = true;
        // The text form cannot tell a standing duty's assessment from a target's: the plan can.
        const ongoing = new Set((s.fields || []).filter((f) => f.schedule === "ongoing").map((f) => f.id));
        for (const [id, periods] of Object.entries(read.entries.assessments)) {
          if (!ongoing.has(id)) continue;
          for (const [period, verdict] of Object.entries(periods)) ((read.entries.duties[id] ||= {})[period] ||= {}).assessed = verdict;
          delete read.entries.assessments[id];
        }
        const merged = core.mergeEntries(s.entries, read.entries);
        s.entries = { ...emptyEntries(), ...merged.entries };
        const titleOf = new Map((s.fields || []).map((f) => [f.id, f.label]));
        const keyWords = (kind, key) => (kind === "tasks" ? w[key] || key : core.periodName(key, this.lang));
        const lines = [
          ...merged.changed.map((c) => w.change(titleOf.get(c.id) || c.id, keyWords(c.kind, c.key), c.from, c.to)),
          ...merged.added.map((c) => w.add(titleOf.get(c.id) || c.id, keyWords(c.kind, c.key), c.to)),
        ];
        this.afterBulkChange(w.imported(name, merged.added.length, merged.changed.length, merged.unchanged), before, lines.slice(0, 200));
        return Promise.resolve(merged);
      }

      fileName(ext) {
        const s = this.state;
        const owner = s.owners.find((o) => o.id === s.department);
        const parts = [core.slug(s.header?.number || s.planKey), owner ? core.slug(owner.id) : "tat-ca", core.slug(s.period)];
        return `${parts.join("_")}.${ext}`;
      }

      download(kind) {
        const [text, type, ext] =
          kind === "json"
            ? [`${JSON.stringify(this.facts(), null, 2)}\n`, "application/json", "facts.json"]
            : kind === "facts"
              ? [this.factsText(), "text/plain", "facts"]
              : [this.printHtml(), "text/html", "html"];
        const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
        const link = el("a", { href: url, download: this.fileName(ext) });
        this.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      }

      // ---- The printout: A4, Vietnamese by default, the chosen department's items.
      renderPrintoutSoon() {
        clearTimeout(this.printTimer);
        this.printTimer = setTimeout(() => this.renderPrintout(), 200);
      }

      renderPrintout() {
        this.shell.printout.innerHTML = this.printoutHtml();
      }

      printoutHtml() {
        const s = this.state;
        const w = this.words;
        const lang = this.lang;
        const report = s.report;
        const statusOf = new Map();
        const resultOf = new Map();
        if (report) {
          for (const t of [...report.targets, ...report.measures]) {
            statusOf.set(t.id, t.status);
            if (t.actual) resultOf.set(t.id, `${core.formatNumber(t.actual.value, lang)}${t.unit ? (/^%/.test(t.unit) ? t.unit : ` ${t.unit}`) : ""} (${core.periodName(t.actual.period, lang)})`);
          }
          for (const t of report.tasks) {
            statusOf.set(t.id, t.status);
            if (t.cancelled) resultOf.set(t.id, t.cancelled);
            else if (t.done) resultOf.set(t.id, w.doneOn(core.formatDate(t.done)));
            else if (t.progress !== null && t.progress !== undefined) resultOf.set(t.id, w.progressOf(core.formatNumber(String(t.progress), lang)));
          }
        }
        const owner = s.owners.find((o) => o.id === s.department);
        const rows = [];
        let section = null;
        let n = 0;
        for (const field of this.shownFields()) {
          if ((field.section || "") !== section) {
            section = field.section || "";
            rows.push(`<tr class="kh-section-row"><td colspan="6">${escapeHtml(section || w.noSection)}</td></tr>`);
          }
          n += 1;
          const note = ((s.entries.notes || {})[field.id] || {})[s.period] || "";
          const status = statusOf.get(field.id);
          const goal = field.goal ? core.goalInWords(field.goal, field.unit, lang) : field.due_date ? `${w.due}: ${core.formatDate(field.due_date)}` : "";
          rows.push(
            `<tr data-item="${escapeHtml(field.id)}"><td class="kh-n">${n}</td><td>${escapeHtml(field.label)}</td><td>${escapeHtml(goal)}</td><td>${escapeHtml(resultOf.get(field.id) || "")}</td><td>${escapeHtml(status ? w.statuses[status] || status : "")}</td><td>${escapeHtml(note)}</td></tr>`,
          );
        }
        const cols = w.printColumns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
        const signers = w.signers.map(([role, how]) => `<div><strong>${escapeHtml(role)}</strong><em>${escapeHtml(how)}</em></div>`).join("");
        return [
          `<h1>${escapeHtml(w.printTitle)}</h1>`,
          `<p>${escapeHtml(w.printPlan(s.header?.number || "", s.header?.title || ""))}</p>`,
          owner ? `<p>${escapeHtml(w.printDepartment(owner.name))}</p>` : "",
          `<p>${escapeHtml(w.printPeriod(core.periodName(s.period, lang), core.formatDate(s.asOf)))}</p>`,
          `<table><thead><tr>${cols}</tr></thead><tbody>${rows.join("")}</tbody></table>`,
          `<p class="kh-date">${escapeHtml(w.printDate(s.asOf))}</p>`,
          `<div class="kh-sign">${signers}</div>`,
        ].join("\n");
      }

      /** The printout as a standalone HTML file, to attach to an official letter. */
      printHtml() {
        const s = this.state;
        return `<!doctype html>\n<html lang="${this.lang}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(`${this.words.printTitle} — ${s.header?.number || ""} — ${core.periodName(s.period, this.lang)}`)}</title>\n<style>${PRINT_STYLE}</style>\n</head>\n<body>\n<main class="kh-printout">\n${this.printoutHtml()}\n</main>\n</body>\n</html>\n`;
      }
    }

    root.customElements.define(name, ReportForm);
    return ReportForm;
  }

  /** Where the engine put a facts error, when it names one fact: `{ kind, id, key?, message }`. */
  function locateFact(diagnostic) {
    const text = `${diagnostic.message} ${diagnostic.label || ""}`;
    const path = /\$\.(values|assessments|tasks)\.([A-Za-z_]\w*)(?:\["([^"]+)"\]|\.(\w+))?/.exec(text);
    if (path) return { kind: path[1], id: path[2], key: path[3] || path[4] || null, message: diagnostic.message };
    return null;
  }

  function safeLocalStorage() {
    try {
      return root.localStorage ?? null;
    } catch {
      return null;
    }
  }

  function today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }

  /** The quarter that ended last on or before the report date. */
  function defaultPeriod(asOf) {
    const [y, m] = asOf.split("-").map(Number);
    const quarter = Math.floor((m - 1) / 3);
    return quarter === 0 ? `${y - 1}-Q4` : `${y}-Q${quarter}`;
  }

  function planYears(header, asOf) {
    const year = Number(String(asOf).slice(0, 4)) || new Date().getFullYear();
    const from = header?.period?.from ?? year - 1;
    const to = header?.period?.to ?? year + 1;
    return { from: Math.min(from, to), to: Math.min(Math.max(from, to), Math.min(from, to) + 50) };
  }

  root.kehoachReportForm = { define, words: WORDS };
})(typeof globalThis !== "undefined" ? globalThis : self);
