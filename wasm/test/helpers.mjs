// What the Node and browser tests share: where things are, the built package, the bundled plans, the CLI.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repo = path.resolve(wasmDir, "..");
export const www = path.join(wasmDir, "www");
export const artifacts = path.join(repo, "test-artifacts");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(repo, "target");

/** The Node package as built by scripts/build.mjs. */
export function kehoachNode() {
  const entry = path.join(wasmDir, "pkg-node", "kehoach_wasm.js");
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`node scripts/build.mjs\` first`);
  return createRequire(import.meta.url)(entry);
}

/** The plans bundled into the demo page: `[{ name, main, files: { path: text }, facts }]`. */
export function bundledPlans() {
  return JSON.parse(fs.readFileSync(path.join(targetDir, "wasm-plans.json"), "utf8"));
}

/** `kehoach ARGS…` run in `cwd`: its stdout and exit status. The release binary when built, else through cargo. */
export function cli(args, cwd) {
  const binary = process.env.KEHOACH_BIN || path.join(targetDir, "release", "kehoach");
  const [cmd, argv] = fs.existsSync(binary)
    ? [binary, args]
    : ["cargo", ["run", "--quiet", "--release", "--locked", "--manifest-path", path.join(repo, "Cargo.toml"), "--", ...args]];
  try {
    return {
      stdout: execFileSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] }),
      status: 0,
    };
  } catch (error) {
    if (typeof error.status !== "number") throw error;
    return { stdout: error.stdout, status: error.status };
  }
}

/** Writes `{ path: text }` into a fresh folder under target/ and returns it. */
export function writeFiles(name, files) {
  const dir = path.join(targetDir, "wasm-test-files", name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** Pseudo-random bytes from a fixed seed, so a failure can be replayed. */
export function junkBytes(length, seed = 12345) {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
