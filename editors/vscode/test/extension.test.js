// The client's wiring, run without VS Code: `vscode` and `vscode-languageclient/node` are replaced by recorders, so
// that the tests see what the extension asks of them (which program it starts, with what, and when it restarts).
"use strict";

const assert = require("node:assert/strict");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const { test } = require("node:test");
const options = require("../lib/options");

const EXTENSION = require.resolve("../extension.js");

/** A fresh extension with a recording editor; `settings` and `displayLanguage` are what VS Code would report. */
function harness({ settings = {}, displayLanguage = "en", startFails = false } = {}) {
  const world = {
    settings: { path: "kehoach", lang: "auto", ...settings },
    clients: [],
    messages: [],
    commands: new Map(),
    configurationHandlers: [],
    watchers: [],
  };
  const disposable = { dispose() {} };
  const vscode = {
    env: { language: displayLanguage },
    workspace: {
      getConfiguration: (section) => {
        assert.equal(section, "kehoach");
        return { get: (key) => world.settings[key] };
      },
      createFileSystemWatcher: (glob) => {
        const watcher = { glob, dispose() {} };
        world.watchers.push(watcher);
        return watcher;
      },
      onDidChangeConfiguration: (handler) => {
        world.configurationHandlers.push(handler);
        return disposable;
      },
    },
    window: { showErrorMessage: (message) => world.messages.push(message) },
    commands: {
      registerCommand: (id, handler) => {
        world.commands.set(id, handler);
        return disposable;
      },
    },
  };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, running: false, disposed: false });
      world.clients.push(this);
    }
    async start() {
      if (startFails) throw new Error("Launching server using command kehoach failed. Error: spawn kehoach ENOENT");
      this.running = true;
    }
    async stop() {
      this.running = false;
    }
    async dispose() {
      this.disposed = true;
    }
  }
  const load = Module._load;
  Module._load = function loadWithRecorders(request, ...rest) {
    if (request === "vscode") return vscode;
    if (request === "vscode-languageclient/node") return { LanguageClient };
    return load.call(this, request, ...rest);
  };
  delete require.cache[EXTENSION];
  try {
    world.extension = require(EXTENSION);
  } finally {
    Module._load = load;
  }
  world.context = { subscriptions: [] };
  world.changeSettings = async (changed) => {
    Object.assign(world.settings, changed);
    const keys = Object.keys(changed).map((key) => `kehoach.${key}`);
    const event = { affectsConfiguration: (section) => keys.includes(section) };
    for (const handler of world.configurationHandlers) handler(event);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return world;
}

test("opening a plan starts `kehoach lsp` over stdio for kehoach documents, in the display's language", async () => {
  const world = harness({ displayLanguage: "vi" });
  await world.extension.activate(world.context);
  assert.equal(world.clients.length, 1);
  const [client] = world.clients;
  assert.equal(client.id, "kehoach");
  assert.deepEqual(client.serverOptions, { command: "kehoach", args: ["lsp"] });
  assert.deepEqual(client.clientOptions.documentSelector, [
    { scheme: "file", language: "kehoach" },
    { scheme: "untitled", language: "kehoach" },
  ]);
  assert.deepEqual(client.clientOptions.initializationOptions, { lang: "vi" });
  assert.equal(client.clientOptions.synchronize.fileEvents.glob, "**/*.{plan,facts}");
  assert.ok(client.running);
  assert.deepEqual(world.messages, []);
  assert.ok(world.context.subscriptions.includes(world.watchers[0]), "the watcher goes with the extension");
  assert.ok(world.context.subscriptions.length >= 3);
});

test("the settings choose the program and the language", async () => {
  const world = harness({ settings: { path: " ~/bin/kehoach ", lang: "en" }, displayLanguage: "vi" });
  await world.extension.activate(world.context);
  const [client] = world.clients;
  assert.equal(client.serverOptions.command, path.join(os.homedir(), "bin/kehoach"));
  assert.deepEqual(client.clientOptions.initializationOptions, { lang: "en" });
});

test("a change of kehoach.lang or kehoach.path restarts the server with it; other changes do not", async () => {
  const world = harness();
  await world.extension.activate(world.context);
  await world.changeSettings({ lang: "vi" });
  assert.equal(world.clients.length, 2);
  assert.equal(world.clients[0].running, false);
  assert.equal(world.clients[1].running, true);
  assert.deepEqual(world.clients[1].clientOptions.initializationOptions, { lang: "vi" });
  await world.changeSettings({ path: "/opt/kehoach/bin/kehoach" });
  assert.equal(world.clients.length, 3);
  assert.equal(world.clients[2].serverOptions.command, "/opt/kehoach/bin/kehoach");
  await world.changeSettings({ trace: "verbose" });
  assert.equal(world.clients.length, 3);
  // Restarts reuse the one file watcher.
  assert.equal(world.watchers.length, 1);
  assert.ok(world.clients.every((client) => client.clientOptions.synchronize.fileEvents === world.watchers[0]));
});

test("the restart command starts a new server", async () => {
  const world = harness();
  await world.extension.activate(world.context);
  await world.commands.get("kehoach.restartServer")();
  assert.equal(world.clients.length, 2);
  assert.deepEqual(world.clients.map((client) => client.running), [false, true]);
});

test("a program that cannot be started is named, with the setting that fixes it, in the user's language", async () => {
  const english = harness({ startFails: true });
  await english.extension.activate(english.context);
  assert.equal(english.messages.length, 1);
  assert.match(english.messages[0], /^kehoach: could not start `kehoach lsp` \(.*ENOENT\)\. .*`kehoach\.path`/);
  assert.equal(english.clients[0].disposed, true);

  const vietnamese = harness({ startFails: true, displayLanguage: "vi" });
  await vietnamese.extension.activate(vietnamese.context);
  assert.match(vietnamese.messages[0], /^kehoach: không khởi động được `kehoach lsp` .*`kehoach\.path`/);
});

test("deactivating stops the server", async () => {
  const world = harness();
  await world.extension.activate(world.context);
  await world.extension.deactivate();
  assert.equal(world.clients[0].running, false);
});

test("the language: kehoach.lang, else Vietnamese for a Vietnamese display, else English", () => {
  assert.equal(options.serverLanguage("vi", "en"), "vi");
  assert.equal(options.serverLanguage("en", "vi"), "en");
  assert.equal(options.serverLanguage("auto", "vi"), "vi");
  assert.equal(options.serverLanguage("auto", "vi-VN"), "vi");
  assert.equal(options.serverLanguage("auto", "en-us"), "en");
  assert.equal(options.serverLanguage("auto", "vietnamese"), "en");
  assert.equal(options.serverLanguage(undefined, undefined), "en");
  assert.equal(options.serverLanguage("fr", "fr"), "en");
});

test("the program: kehoach.path trimmed, `kehoach` when empty, `~/` at home", () => {
  assert.equal(options.serverProgram(undefined), "kehoach");
  assert.equal(options.serverProgram("   "), "kehoach");
  assert.equal(options.serverProgram("/usr/local/bin/kehoach"), "/usr/local/bin/kehoach");
  assert.equal(options.serverProgram("~"), os.homedir());
  assert.equal(options.serverProgram("~/.cargo/bin/kehoach"), path.join(os.homedir(), ".cargo/bin/kehoach"));
  assert.equal(options.serverProgram("~other/kehoach"), "~other/kehoach");
});
