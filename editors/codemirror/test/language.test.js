// The CodeMirror language beyond its colours: indentation of blocks and what it tells the editor's commands.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { EditorState } from "@codemirror/state";
import { StringStream, ensureSyntaxTree, getIndentation, indentUnit } from "@codemirror/language";
import { kehoach, streamParser, tokenClass } from "../kehoach.js";
import { ROOT, bundledFiles } from "./tokenizers.js";

function editor(doc) {
  const state = EditorState.create({ doc, extensions: [kehoach(), indentUnit.of("  ")] });
  ensureSyntaxTree(state, state.doc.length, 60_000);
  // The whole parse reaches the state's syntax tree with the next transaction, as in an editor.
  return state.update({}).state;
}

test("the editor's commands learn the comment token, the brackets to close and when to re-indent", () => {
  const state = editor("plan \"x\" {\n}\n");
  const data = (key) => state.languageDataAt(key, 1)[0];
  assert.deepEqual(data("commentTokens"), { line: "//" });
  assert.deepEqual(data("closeBrackets"), { brackets: ["(", "{", '"'] });
  assert.ok(data("indentOnInput").test("    }"));
});

test("a new line inside a block is indented one unit per open `{`, a `}` closes one", () => {
  const state = editor('section "I" "A" {\n  target a "A" {\n    goal 1\n  }\n}\n');
  const at = (line) => getIndentation(state, state.doc.line(line).from);
  assert.equal(at(1), 0);
  assert.equal(at(2), 2);
  assert.equal(at(3), 4);
  assert.equal(at(5), 0);
  // A `{` or `}` in a string or a comment counts for nothing.
  const quoted = editor('target a "{" { // {\n  goal 1\n}\n');
  assert.equal(getIndentation(quoted, quoted.doc.line(2).from), 2);
});

for (const file of bundledFiles()) {
  test(`CodeMirror indents every line of ${file} as kehoach fmt does`, () => {
    const text = readFileSync(`${ROOT}${file}`, "utf8");
    const state = editor(text);
    const wrong = [];
    let continued = false;
    for (let number = 1; number <= state.doc.lines; number += 1) {
      const line = state.doc.line(number);
      if (line.text.trim() === "") continue;
      const actual = line.text.length - line.text.trimStart().length;
      // The indentation CodeMirror gives a line typed after the previous ones, with its text after the cursor.
      const given = getIndentation(state, line.from);
      if (!continued && given !== actual) wrong.push(`${file}:${number}: ${actual} spaces, CodeMirror gives ${given}`);
      continued = /(,|[-+*/<>=]|\band|\bor|\bnot)\s*(\/\/.*)?$/.test(line.text) && !/^\s*\/\//.test(line.text);
    }
    assert.deepEqual(wrong.slice(0, 10), []);
  });
}

test("the tokenizer gives classes a line at a time, and strings end with their line", () => {
  const state = streamParser.startState();
  const run = (line) => {
    const stream = new StringStream(line, 2, 2);
    const out = [];
    while (!stream.eol()) {
      const start = stream.pos;
      const name = tokenClass(stream, state);
      out.push([line.slice(start, stream.pos), name]);
    }
    return out;
  };
  assert.deepEqual(run('note "open'), [["note", "attribute"], [" ", null], ['"', "string"], ["open", "string"]]);
  streamParser.token(new StringStream("x", 2, 2), state); // a new line starts: the open string is gone
  assert.equal(state.region, null);
});
