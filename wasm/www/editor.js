// The demo page's plan editor: one seam, so that another editor (CodeMirror, issue 18) can replace it. Today a
// plain textarea with a line-number gutter that draws only the visible lines (a pasted 16 MiB file costs nothing)
// and a mark on one line. app.js uses only what `create` returns:
//   value (get/set), onInput(fn), showBadLines(Set of line numbers), select(startUtf16, endUtf16, line),
//   clearMark(), focus().
"use strict";

self.kehoachPlanEditor = {
  create({ textarea, gutterLines, lineMark, lineHeight = 20, padding = 4 }) {
    let bad = new Set();
    let marked = null;
    let lineCount = { text: null, count: 0 };
    const listeners = [];

    function countLines(text) {
      if (lineCount.text !== text) {
        let count = 1;
        for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count += 1;
        lineCount = { text, count };
      }
      return lineCount.count;
    }

    function drawGutter() {
      const first = Math.max(0, Math.floor((textarea.scrollTop - padding) / lineHeight));
      const shown = Math.ceil(textarea.clientHeight / lineHeight) + 2;
      const total = countLines(textarea.value);
      const lines = [];
      for (let n = first + 1; n <= Math.min(total, first + shown); n += 1) {
        const line = document.createElement("div");
        line.textContent = String(n);
        if (bad.has(n)) line.className = "bad";
        lines.push(line);
      }
      gutterLines.replaceChildren(...lines);
      gutterLines.style.transform = `translateY(${padding + first * lineHeight - textarea.scrollTop}px)`;
    }

    function drawMark() {
      if (marked === null) {
        lineMark.hidden = true;
        return;
      }
      lineMark.hidden = false;
      lineMark.dataset.line = String(marked);
      lineMark.style.top = `${padding + (marked - 1) * lineHeight - textarea.scrollTop}px`;
    }

    textarea.addEventListener("input", () => {
      marked = null;
      drawMark();
      drawGutter();
      for (const listener of listeners) listener(textarea.value);
    });
    textarea.addEventListener("scroll", () => {
      drawGutter();
      drawMark();
    });

    return {
      get value() {
        return textarea.value;
      },
      set value(text) {
        textarea.value = text;
        textarea.scrollTop = 0;
        marked = null;
        drawMark();
        drawGutter();
      },
      onInput(listener) {
        listeners.push(listener);
      },
      showBadLines(lines) {
        bad = lines;
        drawGutter();
      },
      select(start, end, line) {
        textarea.focus({ preventScroll: true });
        textarea.setSelectionRange(start, end);
        textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
        marked = line;
        drawGutter();
        drawMark();
      },
      clearMark() {
        marked = null;
        drawMark();
      },
      focus() {
        textarea.focus();
      },
    };
  },
};
