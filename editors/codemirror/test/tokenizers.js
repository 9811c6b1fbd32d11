// The two highlighters under test, each reduced to one class (a key of tokens.json's `classes`, or null) per
// UTF-16 code unit of a text: VS Code's TextMate engine running the generated grammar, and CodeMirror running
// kehoach.js through its real StreamLanguage parse and highlighter.

import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { EditorState } from "@codemirror/state";
import { ensureSyntaxTree } from "@codemirror/language";
import { highlightTree, tagHighlighter, tags } from "@lezer/highlight";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";
import { classes } from "../../grammar/rules.mjs";
import { kehoach } from "../kehoach.js";

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const GRAMMAR = fileURLToPath(new URL("../../vscode/syntaxes/kehoach.tmLanguage.json", import.meta.url));

// ---------------------------------------------------------------------------------------------------------------
// TextMate

const classOfScope = new Map(Object.entries(classes).map(([name, { textmate }]) => [textmate, name]));

let registry;
async function grammar() {
  if (!registry) {
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === "source.kehoach"
          ? vsctm.parseRawGrammar(readFileSync(GRAMMAR, "utf8"), GRAMMAR)
          : null,
    });
  }
  return registry.loadGrammar("source.kehoach");
}

/** One class per code unit, as VS Code colours the text. */
export async function textmateClasses(text) {
  const tm = await grammar();
  const out = [];
  let stack = vsctm.INITIAL;
  for (const line of text.split("\n")) {
    const result = tm.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      const scope = token.scopes.at(-1);
      const name = scope === "source.kehoach" ? null : classOfScope.get(scope);
      if (name === undefined) throw new Error(`the TextMate grammar gave the unknown scope ${scope}`);
      for (let at = token.startIndex; at < Math.min(token.endIndex, line.length); at += 1) out.push(name);
    }
    out.push(null); // the line break
    stack = result.ruleStack;
  }
  out.pop();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// CodeMirror

// "variableName.definition" → tags.definition(tags.variableName), as StreamLanguage reads its token names.
function tagOf(spec) {
  const [base, ...modifiers] = spec.split(".");
  return modifiers.reduce((tag, modifier) => tags[modifier](tag), tags[base]);
}

const highlighter = tagHighlighter(
  Object.entries(classes).map(([name, { codemirror }]) => ({ tag: tagOf(codemirror), class: name })),
);

/** One class per code unit, as CodeMirror colours the text. */
export function codemirrorClasses(text) {
  const state = EditorState.create({ doc: text, extensions: [kehoach()] });
  const tree = ensureSyntaxTree(state, state.doc.length, 60_000);
  if (!tree) throw new Error("CodeMirror did not finish parsing");
  const out = new Array(text.length).fill(null);
  highlightTree(tree, highlighter, (from, to, name) => {
    if (!Object.hasOwn(classes, name)) throw new Error(`CodeMirror gave the class ${name}`);
    out.fill(name, from, to);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** Every bundled plan and facts file, relative to the repository root. */
export function bundledFiles() {
  const files = [];
  for (const province of readdirSync(`${ROOT}plans`, { withFileTypes: true })) {
    if (!province.isDirectory()) continue;
    for (const name of readdirSync(`${ROOT}plans/${province.name}`).sort()) {
      if (name.endsWith(".plan") || name.endsWith(".facts")) files.push(`plans/${province.name}/${name}`);
    }
  }
  return files.sort();
}

/** The grammar fixtures of the VS Code extension's tests. */
export function fixtureFiles() {
  const dir = "editors/vscode/test/grammar";
  return readdirSync(`${ROOT}${dir}`)
    .filter((name) => name.endsWith(".test"))
    .sort()
    .map((name) => `${dir}/${name}`);
}
