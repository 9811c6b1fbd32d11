// How the extension starts and talks to `kehoach lsp`, as plain functions of the settings, so that they are tested
// without VS Code (test/options.test.js). extension.js applies them.
"use strict";

const os = require("node:os");
const path = require("node:path");

/** The language of diagnostics: `kehoach.lang`, or with `auto` the language of VS Code's display. */
function serverLanguage(setting, displayLanguage) {
  if (setting === "en" || setting === "vi") return setting;
  return /^vi(?:-|$)/i.test(displayLanguage ?? "") ? "vi" : "en";
}

/** The program named by `kehoach.path`: `kehoach` when unset, with `~/` meaning the home folder. */
function serverProgram(setting) {
  const program = typeof setting === "string" ? setting.trim() : "";
  if (program === "") return "kehoach";
  if (program === "~" || program.startsWith("~/")) return path.join(os.homedir(), program.slice(1));
  return program;
}

/**
 * The language server: `kehoach lsp` over stdio. The language reaches it twice, as LSP's own `locale` (which the
 * client sends from VS Code's display language) and as `initializationOptions.lang`, which follows
 * `kehoach.lang` and takes precedence.
 */
function serverOptions(settings) {
  return { command: serverProgram(settings.path), args: ["lsp"] };
}

/** The documents the server handles, and what the client tells it at start. */
function clientOptions(settings, displayLanguage) {
  return {
    documentSelector: [
      { scheme: "file", language: "kehoach" },
      { scheme: "untitled", language: "kehoach" },
    ],
    initializationOptions: { lang: serverLanguage(settings.lang, displayLanguage) },
  };
}

/** What the user reads when `kehoach lsp` cannot be started, in the language of the diagnostics. */
function startFailure(settings, displayLanguage, error) {
  const program = serverProgram(settings.path);
  const reason = error && error.message ? error.message : String(error);
  if (serverLanguage(settings.lang, displayLanguage) === "vi") {
    return `kehoach: không khởi động được \`${program} lsp\` (${reason}). ` +
      "Hãy cài kehoach hoặc đặt đường dẫn tới chương trình trong thiết lập `kehoach.path`.";
  }
  return `kehoach: could not start \`${program} lsp\` (${reason}). ` +
    "Install kehoach, or set the program's path in the setting `kehoach.path`.";
}

/** Whether a change of settings needs the server restarted. */
function needsRestart(affectsConfiguration) {
  return affectsConfiguration("kehoach.path") || affectsConfiguration("kehoach.lang");
}

module.exports = { serverLanguage, serverProgram, serverOptions, clientOptions, startFailure, needsRestart };
