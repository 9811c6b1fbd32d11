// The extension's own launch command line and initialization options, run against a real `kehoach lsp`: the
// program from `KEHOACH_BIN` (else the repository's target/debug/kehoach or target/release/kehoach), skipped when
// none is built. It speaks JSON-RPC as vscode-languageclient does: initialize, didOpen, the diagnostics, shutdown.
"use strict";

const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { test } = require("node:test");
const options = require("../lib/options");

const REPOSITORY = path.resolve(__dirname, "../../..");
const BUILT = [process.env.KEHOACH_BIN, "target/debug/kehoach", "target/release/kehoach"]
  .filter(Boolean)
  .map((p) => path.resolve(REPOSITORY, p))
  .find((p) => fs.existsSync(p));

/** Starts the server as the extension would, with `settings` and VS Code's display language. */
function start(settings, displayLanguage) {
  const server = options.serverOptions(settings);
  const child = spawn(server.command, server.args, { stdio: ["pipe", "pipe", "inherit"] });
  let buffer = Buffer.alloc(0);
  const waiting = [];
  const received = [];
  child.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      received.push(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString()));
      buffer = buffer.subarray(end + 4 + length);
      for (const w of waiting.splice(0)) w();
    }
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const next = async (pick) => {
    for (;;) {
      const i = received.findIndex(pick);
      if (i >= 0) return received.splice(i, 1)[0];
      await new Promise((resolve) => waiting.push(resolve));
    }
  };
  const client = options.clientOptions(settings, displayLanguage);
  const initialize = {
    id: 1,
    method: "initialize",
    params: { processId: process.pid, capabilities: {}, locale: displayLanguage, initializationOptions: client.initializationOptions },
  };
  return { child, send, next, initialize };
}

test("the extension's command line starts kehoach lsp, which answers in the chosen language", { skip: !BUILT && "kehoach is not built" }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kehoach-vscode-"));
  fs.writeFileSync(path.join(dir, "agencies.plan"), 'owner so_yt "Sở Y tế"\n');
  const file = path.join(fs.realpathSync(dir), "plan.plan");
  const text = 'use "agencies.plan"\n\ntask t1 "Việc" {\n  lead     so_y\n}\n';
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  for (const [lang, displayLanguage, message] of [
    ["auto", "vi", "không có mã `so_y`: không trỏ tới cơ quan nào"],
    ["en", "vi", "unknown id `so_y`: it names no owner"],
  ]) {
    const server = start({ path: BUILT, lang }, displayLanguage);
    server.send(server.initialize);
    const init = await server.next((m) => m.id === 1);
    assert.equal(init.result.serverInfo.name, "kehoach");
    assert.equal(init.result.capabilities.textDocumentSync.change, 2);
    server.send({ method: "initialized", params: {} });
    server.send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "kehoach", version: 1, text } } });
    const published = await server.next((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri);
    assert.deepEqual(published.params.diagnostics.map((d) => [d.code, d.message]), [["unknown-reference", message]]);
    server.send({ id: 2, method: "shutdown" });
    await server.next((m) => m.id === 2);
    server.send({ method: "exit" });
    const code = await new Promise((resolve) => server.child.on("exit", resolve));
    assert.equal(code, 0);
  }
});
