// package.json, as VS Code reads it: the language, its grammar, the settings, and what the client library needs.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const HERE = path.join(__dirname, "..");
const read = (file) => JSON.parse(fs.readFileSync(path.join(HERE, file), "utf8"));
const manifest = read("package.json");
const tokens = read("../grammar/tokens.json");

test("`.plan` and `.facts` files are the kehoach language, highlighted by the generated grammar", () => {
  const [language] = manifest.contributes.languages;
  assert.equal(manifest.contributes.languages.length, 1);
  assert.equal(language.id, "kehoach");
  assert.deepEqual(language.extensions, tokens.fileTypes.map((type) => `.${type}`));
  assert.equal(language.configuration, "./language-configuration.json");
  const [grammar] = manifest.contributes.grammars;
  assert.deepEqual(grammar, {
    language: "kehoach",
    scopeName: tokens.scopeName,
    path: "./syntaxes/kehoach.tmLanguage.json",
  });
  assert.equal(read(grammar.path).scopeName, grammar.scopeName);
});

test("the settings: the program, the language, the trace, with their defaults", () => {
  const settings = manifest.contributes.configuration.properties;
  assert.equal(settings["kehoach.path"].default, "kehoach");
  assert.deepEqual(settings["kehoach.lang"].enum, ["auto", "en", "vi"]);
  assert.equal(settings["kehoach.lang"].default, "auto");
  assert.deepEqual(settings["kehoach.trace.server"].enum, ["off", "messages", "verbose"]);
});

test("a folder that is not trusted cannot choose the program to run", () => {
  const trust = manifest.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, "limited");
  assert.deepEqual(trust.restrictedConfigurations, ["kehoach.path"]);
});

test("every command the extension registers is contributed", () => {
  const source = fs.readFileSync(path.join(HERE, manifest.main), "utf8");
  const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(registered, manifest.contributes.commands.map((command) => command.command));
});

test("the VS Code versions the extension accepts are ones its client library runs on", () => {
  const client = require("vscode-languageclient/package.json");
  assert.equal(manifest.dependencies["vscode-languageclient"], client.version);
  // Both are caret ranges (`^1.82.0`): ours must start at or above the library's lowest version, on its major.
  const lowest = (range) => {
    const found = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
    assert.ok(found, `${range} is not a caret range`);
    return found.slice(1).map(Number);
  };
  const [ours, theirs] = [lowest(manifest.engines.vscode), lowest(client.engines.vscode)];
  assert.equal(ours[0], theirs[0]);
  assert.ok(ours[1] > theirs[1] || (ours[1] === theirs[1] && ours[2] >= theirs[2]), `${ours} against ${theirs}`);
});
