// Builds kehoach's WebAssembly packages and the demo page's bundle from the repository.
//
//   node scripts/build.mjs            (from wasm/, after `npm ci`; `.ci/wasm-test` runs it)
//
// 1. cargo builds the `kehoach-wasm` crate for wasm32-unknown-unknown with the size-tuned `wasm-release` profile;
// 2. wasm-bindgen writes the JavaScript glue: `--target web` into pkg/ (browsers and bundlers), `--target nodejs`
//    into pkg-node/, `--target no-modules` for the demo page (classic scripts work from file://);
// 3. npm's binaryen runs `wasm-opt -Oz` on each .wasm (never Debian's: its wasm-opt breaks wasm-bindgen output);
// 4. the packages get their package.json and README, the demo page its engine, bundled plans and editor (esbuild);
// 5. the sizes, raw and gzipped, go to target/wasm-size.json and stdout.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

import { bundleEditor } from "./editor-bundle.mjs";

const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(wasmDir, "..");
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(process.env.CARGO_TARGET_DIR)
  : path.join(repo, "target");
const cargoOut = path.join(targetDir, "wasm32-unknown-unknown", "wasm-release", "kehoach_wasm.wasm");
const bindgenOut = path.join(targetDir, "wasm-bindgen");
const wasmOpt = path.join(wasmDir, "node_modules", ".bin", "wasm-opt");
const www = path.join(wasmDir, "www");
const crate = JSON.parse(
  execFileSync("cargo", ["metadata", "--no-deps", "--format-version", "1", "--locked"], {
    cwd: repo,
    maxBuffer: 64 * 1024 * 1024,
  }),
).packages.find((p) => p.name === "kehoach");

function run(cmd, args, options = {}) {
  const toolchain = options.env?.RUSTUP_TOOLCHAIN ? `RUSTUP_TOOLCHAIN=${options.env.RUSTUP_TOOLCHAIN} ` : "";
  console.log(`$ ${toolchain}${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { stdio: "inherit", cwd: repo, ...options });
}

function fresh(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

// 1. The module. Built with the nightly toolchain pinned in wasm/build-toolchain (.ci/wasm-test installs it) so that
// the standard library is compiled with the module (`-Zbuild-std`) for size: `optimize_for_size` picks std's small
// variants (its sort, its formatting of integers), and `-Cpanic=immediate-abort` makes a panic the `unreachable`
// trap it already was under `panic = "abort"` without first formatting a message that wasm32-unknown-unknown has
// nowhere to print. 344.1 → 315.3 KiB gzipped when it was introduced (wasm/README.md, "Size").
// KEHOACH_WASM_STABLE=1 builds with the default toolchain and its prebuilt std instead, against its own budget.
const stable = process.env.KEHOACH_WASM_STABLE === "1";
const nightly = fs.readFileSync(path.join(wasmDir, "build-toolchain"), "utf8").trim();
if (!stable) {
  try {
    execFileSync("rustup", ["run", nightly, "rustc", "--print", "sysroot"], { stdio: "ignore" });
  } catch {
    console.error(
      `the toolchain ${nightly} is missing: install it with\n` +
        `  rustup toolchain install ${nightly} --profile minimal --component rust-src\n` +
        "(.ci/wasm-test does), or build with KEHOACH_WASM_STABLE=1 for a larger module",
    );
    process.exit(2);
  }
}
run(
  "cargo",
  [
    "build",
    "--locked",
    "-p",
    "kehoach-wasm",
    "--target",
    "wasm32-unknown-unknown",
    "--profile",
    "wasm-release",
    ...(stable ? [] : ["-Zbuild-std=std,panic_abort", "-Zbuild-std-features=optimize_for_size"]),
  ],
  stable
    ? {}
    : {
        env: {
          ...process.env,
          RUSTUP_TOOLCHAIN: nightly,
          CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: "-Zunstable-options -Cpanic=immediate-abort",
        },
      },
);

// What must not reach the module (ARCHITECTURE.md, "The language server", on the web page's size): each
// BTreeMap/BTreeSet instantiation brings its own copy of the B-tree code (seven small ones cost 14 KiB gzipped).
// cargo's output still has its function names (mangled), so a B-tree is found by its path.
{
  const [section] = WebAssembly.Module.customSections(new WebAssembly.Module(fs.readFileSync(cargoOut)), "name");
  const names = section ? Buffer.from(section).toString("latin1") : "";
  if (!section) {
    console.warn("the module has no name section: skipped the check for B-trees");
  } else if (names.includes("11collections5btree")) {
    console.error(
      "a BTreeMap or BTreeSet reaches the WebAssembly module: use a sorted Vec or crate::hash's maps in the code " +
        "the wasm crate reaches (ARCHITECTURE.md)",
    );
    process.exit(1);
  }
}

// 2. and 3. The glue for each target, then the size optimisation. wasm-opt is slow and the three targets share
// one module body, so identical inputs are optimised once.
const optimised = new Map();
function bindgen(target, outDir) {
  const tmp = path.join(bindgenOut, target);
  fresh(tmp);
  run("wasm-bindgen", ["--target", target, "--out-dir", tmp, cargoOut]);
  const wasmFile = path.join(tmp, "kehoach_wasm_bg.wasm");
  const bytes = fs.readFileSync(wasmFile);
  const key = createHash("sha256").update(bytes).digest("hex");
  if (!optimised.has(key)) {
    const out = path.join(tmp, "opt.wasm");
    if (!fs.existsSync(wasmOpt)) {
      throw new Error(`${wasmOpt} is missing: run \`npm ci\` in wasm/ first`);
    }
    // --converge repeats -Oz while it still shrinks the module. --low-memory-unused lets binaryen fold constant
    // offsets into loads and stores, assuming nothing lives in the first KiB of memory: Rust's wasm32 layout puts
    // the 1 MiB stack there, growing down, so only a stack overflow could reach it (nesting is bounded by
    // MAX_NESTING long before). Together 3.6 KiB gzipped.
    run(wasmOpt, ["--low-memory-unused", "-Oz", "--converge", "--strip-debug", "--strip-producers", wasmFile, "-o", out]);
    optimised.set(key, fs.readFileSync(out));
    fs.rmSync(out);
  }
  fs.writeFileSync(wasmFile, optimised.get(key));
  fresh(outDir);
  for (const name of fs.readdirSync(tmp)) {
    fs.copyFileSync(path.join(tmp, name), path.join(outDir, name));
  }
  return { before: bytes, after: optimised.get(key) };
}

const web = bindgen("web", path.join(wasmDir, "pkg"));
bindgen("nodejs", path.join(wasmDir, "pkg-node"));
const noModules = path.join(bindgenOut, "demo");
bindgen("no-modules", noModules);

// 4. The packages. The web one carries <kehoach-report-form> too: www/form-core.js and www/report-form.js (classic
// scripts, as the demo page loads them) joined into one ES module.
fs.writeFileSync(
  path.join(wasmDir, "pkg", "report-form.js"),
  [
    "// Generated by wasm/scripts/build.mjs from www/form-core.js and www/report-form.js: <kehoach-report-form>.",
    fs.readFileSync(path.join(www, "form-core.js"), "utf8"),
    fs.readFileSync(path.join(www, "report-form.js"), "utf8"),
    "export const defineReportForm = globalThis.kehoachReportForm.define;",
    "export const formCore = globalThis.kehoachFormCore;",
    "",
  ].join("\n"),
);
fs.copyFileSync(path.join(wasmDir, "src", "report-form.d.ts"), path.join(wasmDir, "pkg", "report-form.d.ts"));
const readme = fs.readFileSync(path.join(wasmDir, "README.md"), "utf8");
function writePackage(dir, name, description, extra) {
  const files = fs.readdirSync(dir).filter((f) => !f.startsWith("."));
  const manifest = {
    name,
    version: crate.version,
    description,
    license: crate.license,
    files: [...files, "README.md"],
    types: "kehoach_wasm.d.ts",
    sideEffects: false,
    ...extra,
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "README.md"), readme);
  for (const stray of [".gitignore"]) fs.rmSync(path.join(dir, stray), { force: true });
}
writePackage(path.join(wasmDir, "pkg"), "@kehoach/web", "kehoach plans in the browser and bundlers: check, form fields, evaluate, format", {
  type: "module",
  main: "kehoach_wasm.js",
  module: "kehoach_wasm.js",
  exports: {
    ".": { types: "./kehoach_wasm.d.ts", default: "./kehoach_wasm.js" },
    "./report-form.js": { types: "./report-form.d.ts", default: "./report-form.js" },
    "./kehoach_wasm_bg.wasm": "./kehoach_wasm_bg.wasm",
  },
});
writePackage(path.join(wasmDir, "pkg-node"), "@kehoach/node", "kehoach plans in Node.js: check, form fields, evaluate, format", {
  main: "kehoach_wasm.js",
  engines: { node: ">=18" },
});

// The demo page: the no-modules glue and the module (inlined, since file:// pages cannot fetch it) wrapped in a
// function that the page starts as a Web Worker, so that no input can freeze the tab.
const dist = path.join(www, "dist");
fresh(dist);
const glue = fs.readFileSync(path.join(noModules, "kehoach_wasm.js"), "utf8");
const module64 = fs.readFileSync(path.join(noModules, "kehoach_wasm_bg.wasm")).toString("base64");
const worker = fs.readFileSync(path.join(www, "worker.js"), "utf8");
fs.writeFileSync(
  path.join(dist, "engine.js"),
  [
    "// Generated by wasm/scripts/build.mjs: kehoach's engine for the demo page, started as a Web Worker.",
    "self.kehoachEngine = function kehoachEngine() {",
    glue,
    `const KEHOACH_WASM_BASE64 = ${JSON.stringify(module64)};`,
    worker,
    "};",
    "",
  ].join("\n"),
);
// The web package too, for pages served over http that import it as a module (bench.html).
fs.cpSync(path.join(wasmDir, "pkg"), path.join(dist, "pkg"), { recursive: true });

const plansDir = process.env.KEHOACH_PLANS_DIR
  ? path.resolve(process.env.KEHOACH_PLANS_DIR)
  : path.join(repo, "plans");
const plans = bundledPlans(plansDir);
fs.writeFileSync(
  path.join(dist, "plans.js"),
  `// Generated by wasm/scripts/build.mjs from plans/: the demo page's bundled plans and facts.\nself.kehoachPlans = ${JSON.stringify(plans, null, 1)};\n`,
);
fs.writeFileSync(path.join(targetDir, "wasm-plans.json"), JSON.stringify(plans));

// The plan editor: CodeMirror and kehoach's language, bundled into one classic script.
const editorSize = await bundleEditor(path.join(dist, "editor.js"));

/** Each folder of plans/ with its `.plan` files and, when there is one, its facts as JSON. */
function bundledPlans(dir) {
  const out = [];
  if (!fs.existsSync(dir)) {
    console.warn(`no bundled plans: ${dir} does not exist`);
    return out;
  }
  for (const name of fs.readdirSync(dir).sort()) {
    const folder = path.join(dir, name);
    if (!fs.statSync(folder).isDirectory()) continue;
    const files = {};
    let facts = null;
    let main = null;
    for (const file of fs.readdirSync(folder).sort()) {
      const text = fs.readFileSync(path.join(folder, file), "utf8");
      if (file.endsWith(".plan")) {
        files[file] = text;
        if (/^\s*plan\s+"/m.test(text)) main = file;
      } else if (file.endsWith(".facts.json")) {
        facts = JSON.parse(text);
      }
    }
    if (Object.keys(files).length > 0) out.push({ name, main, files, facts });
  }
  return out;
}

// 5. Sizes.
const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const sizes = {
  before_wasm_opt: { raw: web.before.length, gzip: gzip(web.before) },
  wasm: { raw: web.after.length, gzip: gzip(web.after) },
  glue_web_js: { raw: fs.statSync(path.join(wasmDir, "pkg", "kehoach_wasm.js")).size },
  demo_editor_js: editorSize,
};
fs.writeFileSync(path.join(targetDir, "wasm-size.json"), `${JSON.stringify(sizes, null, 2)}\n`);
// Issue 16 asked for <= 300 KiB (295.7 KiB now). The stable build (KEHOACH_WASM_STABLE=1, 320.1 KiB with stable's
// prebuilt std) has its own budget: a guard against growth there too.
const BUDGET_KIB = stable ? 324 : 300;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `\nkehoach_wasm_bg.wasm: ${kb(sizes.wasm.raw)} raw, ${kb(sizes.wasm.gzip)} gzipped ` +
    `(before wasm-opt: ${kb(sizes.before_wasm_opt.raw)} raw, ${kb(sizes.before_wasm_opt.gzip)} gzipped); ` +
    `budget ${BUDGET_KIB} KiB gzipped`,
);
if (sizes.wasm.gzip > BUDGET_KIB * 1024) {
  console.error(`the module is over its size budget of ${BUDGET_KIB} KiB gzipped`);
  process.exit(1);
}
