// Both editors highlight from one set of token rules; this shows they agree, character by character, on every
// bundled plan and facts file and on the grammar fixtures of the VS Code extension.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ROOT, bundledFiles, codemirrorClasses, fixtureFiles, textmateClasses } from "./tokenizers.js";

/** The first `limit` places where the two disagree, as `file:line:column`, the line, and both classes. */
export function disagreements(file, text, textmate, codemirror, limit = 10) {
  const out = [];
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < text.length && out.length < limit; at += 1) {
    if (text[at] === "\n") {
      line += 1;
      lineStart = at + 1;
      continue;
    }
    if (textmate[at] !== codemirror[at]) {
      const lineEnd = text.indexOf("\n", at);
      const shown = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
      out.push(
        `${file}:${line}:${at - lineStart + 1}: TextMate ${textmate[at]}, CodeMirror ${codemirror[at]}\n  ${shown}`,
      );
      // One report per token is enough.
      while (at + 1 < text.length && textmate[at + 1] !== codemirror[at + 1] && text[at + 1] !== "\n") at += 1;
    }
  }
  return out;
}

for (const file of [...bundledFiles(), ...fixtureFiles()]) {
  test(`TextMate and CodeMirror give every character of ${file} the same class`, async () => {
    const text = readFileSync(`${ROOT}${file}`, "utf8");
    const textmate = await textmateClasses(text);
    const codemirror = codemirrorClasses(text);
    assert.equal(textmate.length, text.length);
    assert.equal(codemirror.length, text.length);
    assert.deepEqual(disagreements(file, text, textmate, codemirror), []);
  });
}

test("the comparison sees a disagreement", () => {
  const text = "task t01 \"A\"";
  const textmate = ["declaration", "declaration", "declaration", "declaration", null, "definition",
    "definition", "definition", null, "string", "string", "string"];
  const codemirror = [...textmate];
  codemirror[5] = codemirror[6] = codemirror[7] = "reference";
  assert.deepEqual(disagreements("x.plan", text, textmate, codemirror), [
    "x.plan:1:6: TextMate definition, CodeMirror reference\n  task t01 \"A\"",
  ]);
});

test("the bundled plans are all there", () => {
  const files = bundledFiles();
  assert.ok(files.length >= 9, files.join(", "));
  assert.ok(files.includes("plans/ben-tre/370-kh-ubnd.plan"));
  assert.ok(files.some((file) => file.endsWith(".facts")));
});
