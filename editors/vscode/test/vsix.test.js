// The packed extension (editors/test.sh runs `vsce package` first): it holds the grammar, the language
// configuration and the client with every module the client needs at run time, and nothing of the tests.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const { test } = require("node:test");
const { readZip } = require("./zip");

const HERE = path.join(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(HERE, "package.json"), "utf8"));
const VSIX = process.env.KEHOACH_VSIX || path.join(HERE, `kehoach-${manifest.version}.vsix`);

function entries() {
  assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run editors/test.sh (or npx vsce package) first`);
  return readZip(fs.readFileSync(VSIX));
}

test("the vsix is named after the extension's version and says it in its manifest", () => {
  assert.equal(path.basename(VSIX), `kehoach-${manifest.version}.vsix`);
  const xml = entries().get("extension.vsixmanifest").toString("utf8");
  assert.match(xml, new RegExp(`<Identity [^>]*Id="kehoach" Version="${manifest.version}" Publisher="kehoach"`));
  assert.match(xml, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.82\.0"/);
});

test("the vsix holds the grammar, the language configuration and the client as they are in the tree", () => {
  const zip = entries();
  for (const file of [
    "package.json",
    "syntaxes/kehoach.tmLanguage.json",
    "language-configuration.json",
    "extension.js",
    "lib/options.js",
  ]) {
    const packed = zip.get(`extension/${file}`);
    assert.ok(packed, `extension/${file} is not in the vsix`);
    assert.ok(packed.equals(fs.readFileSync(path.join(HERE, file))), `extension/${file} differs from the tree`);
  }
  assert.ok(zip.has("extension/LICENSE.txt"));
  assert.ok([...zip.keys()].some((name) => name.toLowerCase() === "extension/readme.md"));
});

test("what package.json names is in the vsix", () => {
  const zip = entries();
  const named = [
    manifest.main,
    ...manifest.contributes.grammars.map((grammar) => grammar.path),
    ...manifest.contributes.languages.map((language) => language.configuration),
  ];
  for (const file of named) {
    assert.ok(zip.has(`extension/${path.posix.normalize(file)}`), `${file} is named but not packed`);
  }
});

test("the vsix leaves out the tests and the development tools", () => {
  const names = [...entries().keys()];
  const tools = "@vscode/vsce|vscode-tmgrammar-test|vscode-textmate|vscode-oniguruma";
  const unwanted = names.filter((name) =>
    new RegExp(`^extension/(test/|node_modules/(${tools})/)|\\.vsix$`).test(name));
  assert.deepEqual(unwanted, []);
  assert.ok(names.length < 400, `${names.length} files`);
});

test("the packed client loads with only what the vsix holds", (t) => {
  // Unpacked in a folder with no node_modules above it, so that nothing resolves from the source tree.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kehoach-vsix-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, data] of entries()) {
    if (name.endsWith("/")) continue;
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
  const main = path.join(dir, "extension", manifest.main);
  // `vscode` is provided by the editor at run time; a stand-in that absorbs every use is enough to load.
  const editor = new Proxy(function vscode() {}, {
    get: (_, key) => (key === "then" ? undefined : editor),
    apply: () => editor,
    construct: () => editor,
  });
  const load = Module._load;
  Module._load = function loadWithEditor(request, ...rest) {
    return request === "vscode" ? editor : load.call(this, request, ...rest);
  };
  try {
    const extension = require(main);
    assert.equal(typeof extension.activate, "function");
    assert.equal(typeof extension.deactivate, "function");
    const client = require.resolve("vscode-languageclient/node", { paths: [path.dirname(main)] });
    assert.ok(client.startsWith(dir), client);
  } finally {
    Module._load = load;
  }
});
