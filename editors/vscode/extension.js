// The kehoach extension: highlighting comes from the TextMate grammar (package.json); this starts `kehoach lsp`
// for diagnostics, hover, definitions, completion, formatting and the rest, and restarts it when its settings change.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const options = require("./lib/options");

/** @type {LanguageClient | undefined} */
let client;
// One watcher for the life of the extension: a client does not dispose of the watchers it is given.
let watcher;

function settings() {
  const config = vscode.workspace.getConfiguration("kehoach");
  return { path: config.get("path"), lang: config.get("lang") };
}

async function start() {
  const current = settings();
  const clientOptions = {
    ...options.clientOptions(current, vscode.env.language),
    // The server re-checks a plan when a file it brings in with `use`, or its facts, change on disk.
    synchronize: { fileEvents: watcher },
  };
  client = new LanguageClient("kehoach", "kehoach", options.serverOptions(current), clientOptions);
  try {
    await client.start();
  } catch (error) {
    const failed = client;
    client = undefined;
    vscode.window.showErrorMessage(options.startFailure(current, vscode.env.language, error));
    await failed.dispose().catch(() => {});
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function restart() {
  await stop();
  await start();
}

async function activate(context) {
  watcher = vscode.workspace.createFileSystemWatcher("**/*.{plan,facts}");
  context.subscriptions.push(
    watcher,
    vscode.commands.registerCommand("kehoach.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (options.needsRestart((section) => event.affectsConfiguration(section))) restart();
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
