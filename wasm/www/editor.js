// The demo page's plan editor: CodeMirror 6 with kehoach's highlighting (editors/codemirror, generated from the one
// token table that also gives the VS Code grammar), the engine's diagnostics as lint underlines whose tooltip says
// the message and the help, and completion from the engine's `complete` (kehoach lsp's: keywords, the plan's ids
// with their names, deadline forms), hover from the engine's `hover` (kehoach lsp's: what an id or a keyword is), and
// Shift+Alt+F to format (as VS Code binds it). An ES module: scripts/build.mjs bundles it with CodeMirror into
// dist/editor.js, a classic script that works offline and from file://.
//
// app.js uses only what `create` returns:
//   value (get/set), onInput(fn), setDiagnostics(list of the engine's diagnostics for this file),
//   select(startUtf16, endUtf16, line), clearMark(), focus(), setLabel(text), view (the EditorView, for tests).
//
// The textarea the page had stays, hidden, as a mirror of the text: a script that sets its value and dispatches
// `input` (a test pasting a plan) replaces the editor's text, and it always holds what the editor holds.

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
} from "@codemirror/view";

import { kehoach } from "../../editors/codemirror/kehoach.js";
import { tags } from "@lezer/highlight";

// Colours for the tags kehoach's token classes map to (editors/grammar/tokens.json): a declaration, an attribute
// and a schedule word each look different; each has a contrast of at least 4.5:1 on the editor's background.
const highlight = HighlightStyle.define([
  { tag: tags.comment, color: "#57606a", fontStyle: "italic" },
  { tag: tags.definitionKeyword, color: "#8a2be2", fontWeight: "bold" },
  { tag: tags.keyword, color: "#0b5cad" },
  { tag: [tags.controlKeyword, tags.unit], color: "#8f4700" },
  { tag: [tags.operatorKeyword, tags.modifier], color: "#a3154f" },
  { tag: tags.string, color: "#166b2e" },
  { tag: tags.escape, color: "#0f6b5c" },
  { tag: [tags.number, tags.special(tags.number)], color: "#b3261e" },
  { tag: [tags.literal, tags.special(tags.literal)], color: "#9a5b00" },
  { tag: [tags.atom, tags.constant(tags.name)], color: "#7a3e9d" },
  { tag: tags.definition(tags.variableName), color: "#00539c", fontWeight: "bold" },
  { tag: tags.function(tags.variableName), color: "#00539c" },
  { tag: tags.variableName, color: "#1f3a93" },
  { tag: tags.operator, color: "#a3154f" },
]);

// The line a diagnostic's click marks, until the next edit.
const markLine = StateEffect.define();
const markedLine = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    if (tr.docChanged) return Decoration.none;
    for (const effect of tr.effects) {
      if (!effect.is(markLine)) continue;
      if (effect.value === null) return Decoration.none;
      const line = tr.state.doc.line(effect.value);
      return Decoration.set([
        Decoration.line({ class: "kh-line-mark", attributes: { "data-line": String(effect.value) } }).range(line.from),
      ]);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Lowercase, without Vietnamese diacritics (đ as d): what typed text and candidates are compared as. */
function folded(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

const TYPES = { keyword: "keyword", value: "constant", owner: "variable", group: "variable", document: "namespace" };

/**
 * A completion source over the engine: `complete(text, offset)` resolves to `kehoach`'s candidates
 * (`{ label, detail, kind, insert, from, to, filter }`, UTF-16 offsets in the text).
 */
function engineCompletions(complete) {
  return async (context) => {
    const before = context.state.sliceDoc(Math.max(0, context.pos - 1), context.pos);
    // Typing inside a word or after a space or comma may want a candidate; anything else waits to be asked.
    if (!context.explicit && !/[\p{L}\p{N}_ ,&]/u.test(before)) return null;
    let list;
    try {
      list = await complete(context.state.doc.toString(), context.pos);
    } catch {
      return null;
    }
    if (context.aborted || !Array.isArray(list) || list.length === 0) return null;
    const doc = context.state.doc;
    const options = [];
    for (const candidate of list) {
      const from = Math.min(candidate.from, context.pos);
      const typed = folded(doc.sliceString(from, context.pos));
      // kehoach gives every candidate that fits the place; the typed text narrows them (an owner found by its
      // name carries the typed text as its filter, so it stays).
      if (typed.trim() !== "" && !folded(candidate.filter).startsWith(typed.trimStart())) continue;
      options.push({
        label: candidate.label,
        detail: candidate.detail,
        type: TYPES[candidate.kind] ?? (candidate.kind === "task" ? "function" : "variable"),
        apply(view, _completion, _from, to) {
          view.dispatch({
            changes: { from, to, insert: candidate.insert },
            selection: { anchor: from + candidate.insert.length },
            userEvent: "input.complete",
          });
        },
      });
    }
    if (options.length === 0) return null;
    return { from: Math.min(...list.map((c) => Math.min(c.from, context.pos))), options, filter: false };
  };
}

/** The engine's diagnostics (JSON of `kehoach check`) for one file, as CodeMirror's, clamped to the text. */
function lintDiagnostics(diagnostics, length) {
  return diagnostics.map((d) => {
    const from = Math.min(Math.max(0, d.range_utf16.start), length);
    const to = Math.min(Math.max(from, d.range_utf16.end), length);
    return {
      from,
      to,
      severity: d.severity === "error" ? "error" : "warning",
      source: d.code,
      message: d.help ? `${d.message}\n${d.help}` : d.message,
      renderMessage() {
        const box = document.createElement("div");
        box.className = "kh-lint";
        const message = document.createElement("div");
        message.className = "kh-lint-message";
        message.textContent = d.message;
        box.append(message);
        if (d.help) {
          const help = document.createElement("div");
          help.className = "kh-lint-help";
          help.textContent = d.help;
          box.append(help);
        }
        return box;
      },
    };
  });
}

/**
 * One line of the engine's hover Markdown as DOM: `**bold**` and `` `code` `` kept, everything else text. The plan's
 * text is untrusted: nothing in it becomes markup (only text nodes are made).
 */
function hoverLine(line) {
  const p = document.createElement("div");
  const item = line.startsWith("- ");
  if (item) p.className = "kh-hover-item";
  const text = item ? line.slice(2) : line;
  const pattern = /\*\*([^*]+)\*\*|`([^`]+)`/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) p.append(text.slice(at, match.index));
    const span = document.createElement(match[1] !== undefined ? "strong" : "code");
    span.textContent = match[1] ?? match[2];
    p.append(span);
    at = match.index + match[0].length;
  }
  if (at < text.length) p.append(text.slice(at));
  return p;
}

/** A hover source over the engine: `hover(text, offset)` resolves to `{ markdown, from, to }` or null. */
function engineHover(hover) {
  return hoverTooltip(
    async (view, pos) => {
      let found;
      try {
        found = await hover(view.state.doc.toString(), pos);
      } catch {
        return null;
      }
      const length = view.state.doc.length;
      if (!found || found.from > found.to || found.to > length) return null;
      return {
        pos: found.from,
        end: found.to,
        above: true,
        create() {
          const dom = document.createElement("div");
          dom.className = "kh-hover";
          dom.append(...found.markdown.split("\n").filter((line) => line.trim() !== "").map(hoverLine));
          return { dom };
        },
      };
    },
    { hoverTime: 250 },
  );
}

self.kehoachPlanEditor = {
  /**
   * `parent`: where the editor goes; `textarea`: the page's textarea, kept hidden as the text's mirror;
   * `complete(text, offset)`: the engine's candidates at a UTF-16 offset of the text; `hover(text, offset)`: what
   * is at an offset (`{ markdown, from, to }` or null); `format()`: formats the plan (Shift+Alt+F); `label`: the
   * editor's name.
   */
  create({ parent, textarea, complete, hover, format, label }) {
    const listeners = [];
    let quiet = false;
    const labelled = new Compartment();
    const attributes = (label) =>
      // `tabindex` says to checkers (axe) what the browser knows: the editable text, in its scroller, takes focus.
      EditorView.contentAttributes.of({ "aria-label": label, spellcheck: "false", autocapitalize: "off", tabindex: "0" });

    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: textarea.value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          kehoach(),
          syntaxHighlighting(highlight),
          lintGutter(),
          autocompletion({ override: [engineCompletions(complete)], icons: false }),
          ...(hover ? [engineHover(hover)] : []),
          markedLine,
          keymap.of([
            { key: "Shift-Alt-f", preventDefault: true, run: () => (format ? (format(), true) : false) },
            ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
          labelled.of(attributes(label)),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const text = update.state.doc.toString();
            textarea.value = text;
            if (quiet) return;
            for (const listener of listeners) listener(text);
          }),
        ],
      }),
    });

    function replace(text, { silent }) {
      quiet = silent;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
      } finally {
        quiet = false;
      }
      view.scrollDOM.scrollTop = 0;
    }

    // A script's paste into the mirror becomes the editor's text, as typing would.
    textarea.addEventListener("input", () => {
      if (textarea.value !== view.state.doc.toString()) replace(textarea.value, { silent: false });
    });

    return {
      view,
      get value() {
        return view.state.doc.toString();
      },
      set value(text) {
        replace(text, { silent: true });
        view.dispatch(setDiagnostics(view.state, []));
      },
      onInput(listener) {
        listeners.push(listener);
      },
      setDiagnostics(diagnostics) {
        view.dispatch(setDiagnostics(view.state, lintDiagnostics(diagnostics, view.state.doc.length)));
      },
      select(start, end, line) {
        const length = view.state.doc.length;
        const anchor = Math.min(start, length);
        const head = Math.min(Math.max(anchor, end), length);
        const effects = [EditorView.scrollIntoView(anchor, { y: "center" })];
        if (line >= 1 && line <= view.state.doc.lines) effects.push(markLine.of(line));
        view.dispatch({ selection: { anchor, head }, effects });
        view.focus();
      },
      clearMark() {
        view.dispatch({ effects: markLine.of(null) });
      },
      focus() {
        view.focus();
      },
      setLabel(text) {
        view.dispatch({ effects: labelled.reconfigure(attributes(text)) });
      },
    };
  },
};
