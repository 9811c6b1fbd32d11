// The token rules themselves: the committed TextMate grammar is the generated one, every keyword of the real
// grammar (grammar/kehoach.pest) is highlighted as a keyword, and the rules are well formed.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { classes, expand, rules, tokens } from "./rules.mjs";
import { GRAMMAR_PATH, textmateText } from "./textmate.mjs";

const PEST = fileURLToPath(new URL("../../grammar/kehoach.pest", import.meta.url));

// The lists whose words are keywords wherever they stand; the others (output words, severities, verdicts,
// recurrence words, functions) are keywords only in their place and may otherwise be ids.
const KEYWORD_LISTS = ["declaration", "attribute", "schedule", "fact", "logic", "constant"];

test("the committed TextMate grammar is the one tokens.json generates", () => {
  assert.equal(readFileSync(GRAMMAR_PATH, "utf8"), textmateText(),
    "run: node editors/grammar/textmate.mjs");
});

test("every word of the pest grammar is a keyword of the token rules", () => {
  const pest = readFileSync(PEST, "utf8").replace(/\/\/.*$/gm, "");
  const words = new Set([...pest.matchAll(/"([a-z_]{2,})"/g)].map((m) => m[1]));
  assert.ok(words.has("plan") && words.has("every") && words.has("as_of"), [...words].join(" "));
  const keywords = new Set(KEYWORD_LISTS.flatMap((list) => tokens.words[list]));
  assert.deepEqual([...words].filter((word) => !keywords.has(word)), []);
});

test("the words of SPEC §2b are keywords already", () => {
  const keywords = new Set(KEYWORD_LISTS.flatMap((list) => tokens.words[list]));
  for (const word of ["ongoing", "every", "by", "day", "for", "implements", "from", "submitted", "assessed"]) {
    assert.ok(keywords.has(word), word);
  }
});

test("no word is in two keyword lists", () => {
  const seen = new Map();
  for (const list of KEYWORD_LISTS) {
    for (const word of tokens.words[list]) {
      assert.ok(!seen.has(word), `\`${word}\` is in ${seen.get(word)} and ${list}`);
      seen.set(word, list);
    }
  }
});

test("every word is an ASCII word and every list is used by a rule", () => {
  const sources = JSON.stringify(tokens.rules);
  for (const [list, words] of Object.entries(tokens.words)) {
    assert.ok(sources.includes(`{{words.${list}}}`), `the word list ${list} is used by no rule`);
    for (const word of words) assert.match(word, /^[a-z_]+$/, `${list}: ${word}`);
  }
});

test("each class has its own TextMate scope and CodeMirror tag, and a rule that gives it", () => {
  const scopes = Object.values(classes).map((c) => c.textmate);
  const tags = Object.values(classes).map((c) => c.codemirror);
  assert.equal(new Set(scopes).size, scopes.length);
  assert.equal(new Set(tags).size, tags.length);
  for (const scope of scopes) assert.match(scope, /\.kehoach$/);
  const given = new Set();
  const collect = (rule) => {
    if (rule.class) given.add(rule.class);
    for (const name of Object.values(rule.captures ?? {})) given.add(name);
    for (const inner of rule.inside ?? []) collect(inner);
  };
  rules.forEach(collect);
  assert.deepEqual(Object.keys(classes).filter((name) => !given.has(name)), []);
});

test("every rule compiles as a JavaScript regex and matches no empty text", () => {
  const all = [];
  const collect = (rule) => {
    for (const key of ["match", "begin", "end"]) if (rule[key] !== undefined) all.push([rule.id, rule[key]]);
    for (const inner of rule.inside ?? []) collect(inner);
  };
  rules.forEach(collect);
  for (const [id, source] of all) {
    const regex = new RegExp(source, "dy");
    assert.doesNotMatch(source, /\\[wdbWDBs]|\{\{/, `${id}: use ASCII classes, expanded fragments`);
    if (id !== "string") assert.ok(!regex.test(""), `${id} matches the empty text`);
  }
});

test("fragments expand, and an unknown one is an error", () => {
  assert.equal(expand("{{words.logic}}"), "(?:and|or|not)");
  assert.equal(expand("{{year}}-x"), "[0-9]{4}-x");
  assert.throws(() => expand("{{nope}}"), /unknown fragment `nope`/);
  assert.throws(() => expand("{{words.nope}}"), /unknown word list `words.nope`/);
});
