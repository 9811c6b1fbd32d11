// The language configuration, applied as VS Code applies it, to the bundled plans and to typical words.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const ROOT = path.join(__dirname, "../../..");
const config = JSON.parse(fs.readFileSync(path.join(__dirname, "../language-configuration.json"), "utf8"));
const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

function bundled() {
  const files = [];
  for (const province of fs.readdirSync(path.join(ROOT, "plans"), { withFileTypes: true })) {
    if (!province.isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(ROOT, "plans", province.name))) {
      if (name.endsWith(".plan") || name.endsWith(".facts")) files.push(path.join("plans", province.name, name));
    }
  }
  return files.sort();
}

test("comments, brackets and auto-closed pairs", () => {
  assert.deepEqual(config.comments, { lineComment: "//" });
  assert.deepEqual(config.brackets, [["{", "}"], ["(", ")"]]);
  assert.deepEqual(config.autoClosingPairs.map((pair) => pair.open + pair.close), ["{}", "()", '""']);
  assert.ok(config.autoClosingPairs.every((pair) => pair.notIn.includes("string") && pair.notIn.includes("comment")));
});

test("the words a double click selects: ids, dates, deadlines, numbers, Vietnamese words", () => {
  const words = (text) => text.match(new RegExp(config.wordPattern, "g"));
  assert.deepEqual(words("lead so_khdt, t01_a; _x"), ["lead", "so_khdt", "t01_a", "_x"]);
  assert.deepEqual(words("issued 2023-01-19 due 2021-Q2 by 2021-H1 in 2021-07 M07 Q2"),
    ["issued", "2023-01-19", "due", "2021-Q2", "by", "2021-H1", "in", "2021-07", "M07", "Q2"]);
  assert.deepEqual(words("every year by 11-25"), ["every", "year", "by", "11-25"]);
  assert.deepEqual(words("goal 8.1..8.6; approx 5%; 28_000"), ["goal", "8.1", "8.6", "approx", "5%", "28_000"]);
  assert.deepEqual(words("\"Sở Kế hoạch và Đầu tư\""), ["Sở", "Kế", "hoạch", "và", "Đầu", "tư"]);
  assert.deepEqual(words("a.b(c)"), ["a", "b", "c"]);
});

test("a line that opens a block indents the next; a line that starts with `}` closes one", () => {
  assert.ok(increase.test('target grdp_growth "Tốc độ tăng trưởng kinh tế (GRDP)" {'));
  assert.ok(increase.test('  shares 100 {   // the parts'));
  assert.ok(increase.test('section "I" "Các chỉ tiêu {chủ yếu}" {'));
  assert.ok(!increase.test('target grdp_agri "Khu vực nông - lâm - thủy sản" { goal 3.9 }'));
  assert.ok(!increase.test('  note "a { in a string"'));
  assert.ok(!increase.test("  // a { in a comment"));
  assert.ok(decrease.test("  }"));
  assert.ok(!decrease.test('  target a "}"'));
});

// The bundled plans are in `kehoach fmt`'s layout (two spaces a level): typing them line by line with these rules
// gives every line the indentation it has. A line that continues a list or an expression is kept as written by fmt
// and is not judged.
for (const file of bundled()) {
  test(`the indentation rules give every line of ${file} its indentation`, () => {
    const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
    let depth = 0;
    let continued = false;
    const wrong = [];
    lines.forEach((line, index) => {
      if (line.trim() === "") return;
      const level = Math.max(0, depth - (decrease.test(line) ? 1 : 0));
      const actual = line.length - line.trimStart().length;
      if (!continued && actual !== 2 * level) {
        wrong.push(`${file}:${index + 1}: ${actual} spaces, rules give ${2 * level}`);
      }
      depth = level + (increase.test(line) ? 1 : 0);
      continued = /(,|[-+*/<>=]|\band|\bor|\bnot)\s*(\/\/.*)?$/.test(line) && !/^\s*\/\//.test(line);
    });
    assert.deepEqual(wrong, []);
  });
}
