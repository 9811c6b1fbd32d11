#!/usr/bin/env bash
# Installs what the editor support needs (npm ci, only when a lockfile changed) and runs all of its tests: the token
# rules and the TextMate grammar generated from them, the grammar's fixture and snapshot tests, the CodeMirror
# language and its agreement with the TextMate grammar on every bundled plan, the VS Code client, and the packing
# of the extension into editors/vscode/kehoach-<version>.vsix (offline). Safe to run again; seconds when installed.
# Usage: editors/test.sh
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n==> %s\n' "$*"; }

# `npm ci` empties node_modules first, so it runs only when the lockfile differs from the one last installed.
install() {
  local dir=$1
  local stamp="$dir/node_modules/.kehoach-installed-lock.json"
  if ! cmp -s "$dir/package-lock.json" "$stamp"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}

step "editors: npm packages (editors/vscode, editors/codemirror)"
install vscode
install codemirror

step "editors: token rules, and the TextMate grammar generated from them is the committed one"
node --test grammar/

step "editors: TextMate grammar fixtures (vscode-tmgrammar-test)"
(cd vscode && npx --no-install vscode-tmgrammar-test 'test/grammar/*.test')

step "editors: TextMate snapshot of a whole bundled plan (vscode-tmgrammar-snap)"
(cd vscode && npx --no-install vscode-tmgrammar-snap --scope source.kehoach 'test/snapshot/*.txt')

step "editors: CodeMirror language, and its agreement with the TextMate grammar on every bundled plan"
(cd codemirror && node --test test/*.test.js)

step "editors: VS Code extension packed (vsce, offline) and its tests"
version=$(node -p 'require("./vscode/package.json").version')
rm -f "vscode/kehoach-${version}.vsix"
(cd vscode && npx --no-install vsce package --allow-missing-repository >/dev/null)
(cd vscode && node --test test/*.test.js)
echo "packed editors/vscode/kehoach-${version}.vsix"
