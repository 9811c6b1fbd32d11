#!/usr/bin/env bash
# kehoach side by side with its peers on the same generated plans (see examples/peers.rs):
#   1. the whole workspace: `kehoach check` vs validating the same plans as JSON against a JSON Schema with
#      `ajv` (npm) and `check-jsonschema` (PyPI) — which check shapes only, not references, cycles or deadlines;
#   2. the task graph alone: `kehoach check` vs TaskJuggler's `tj3` scheduling the same tasks, owners, deadlines
#      and dependencies.
# Each tool runs RUNS times on each size; the median wall time is reported with its ratio to kehoach.
# Usage: bench/peers.sh [SIZES...]   (default: 2000 20000; tj3, which takes seconds per thousand tasks, only up to 2 000 items)
# Installs what is missing from the package registries (npm, PyPI, Debian) into bench/.tools.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-2000 20000}")
read -r -a SIZES <<< "${SIZES[*]}"
RUNS=${RUNS:-5}
TOOLS=bench/.tools
WORK=${WORK:-target/peers}
mkdir -p "$TOOLS" "$WORK"

if [ ! -x "$TOOLS/node_modules/.bin/ajv" ]; then
  npm install --silent --prefix "$TOOLS" ajv-cli@5 ajv-formats@3 >/dev/null
fi
if [ ! -x "$TOOLS/venv/bin/check-jsonschema" ]; then
  python3 -m venv "$TOOLS/venv" && "$TOOLS/venv/bin/pip" install --quiet check-jsonschema
fi
if ! command -v tj3 >/dev/null && command -v apt-get >/dev/null; then
  (apt-get install -y tj3 || sudo apt-get install -y tj3) >/dev/null 2>&1 || true
fi
cargo build --release --quiet --bin kehoach --example peers
KEHOACH=target/release/kehoach

# median wall time in seconds of RUNS runs of a command; the command must succeed once first (else its error is
# shown and the script stops: a tool that fails fast would look fast).
median() {
  if ! "$@" >"$WORK/last.out" 2>&1; then
    echo "failed: $*" >&2
    tail -20 "$WORK/last.out" >&2
    exit 1
  fi
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}

row() { # tool, seconds, baseline seconds
  printf '| %-36s | %9.3f | %8.1f× |\n' "$1" "$2" "$(echo "$2 / $3" | bc -l)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); runs: median of $RUNS"
for n in "${SIZES[@]}"; do
  dir="$WORK/$n"
  target/release/examples/peers "$n" "$dir" > "$dir.items"
  mb=$(du -cb "$dir"/kehoach/*/*.plan | tail -1 | awk '{printf "%.1f", $1/1e6}')
  json_mb=$(du -b "$dir/plan.json" | awk '{printf "%.1f", $1/1e6}')
  echo
  echo "### $n items ($(cat "$dir.items")): plans $mb MB, the same as JSON $json_mb MB"
  echo
  echo "| tool | median s | vs kehoach |"
  echo "|---|---:|---:|"
  base=$(median "$KEHOACH" check "$dir/kehoach")
  row "kehoach check (every check)" "$base" "$base"
  t=$(median "$TOOLS/node_modules/.bin/ajv" validate --spec=draft7 -c ajv-formats -s "$dir/plan.schema.json" -d "$dir/plan.json")
  row "ajv validate (shapes only)" "$t" "$base"
  t=$(median "$TOOLS/venv/bin/check-jsonschema" --schemafile "$dir/plan.schema.json" "$dir/plan.json")
  row "check-jsonschema (shapes only)" "$t" "$base"
  if command -v tj3 >/dev/null && [ "$n" -le 2000 ]; then
    base_tasks=$(median "$KEHOACH" check "$dir/tasks")
    row "kehoach check, task graph only" "$base_tasks" "$base_tasks"
    t=$(median tj3 --no-color --no-reports --output-dir "$dir" "$dir/tasks.tjp")
    row "tj3 (schedules the task graph)" "$t" "$base_tasks"
  fi
done
