#!/bin/sh
# Peak memory of `kehoach check` on a generated workspace: source size, peak RSS and their ratio.
#
#   bench/memory.sh [ITEMS]      (default 100000; needs GNU time at /usr/bin/time)
#
# Builds the release binary and the `scale` example, writes the workspace to a temporary folder, checks it once
# under `/usr/bin/time -v` and prints one line, e.g. `100000 items: source 23.1 MB, peak RSS 190.2 MB, ratio 8.2x`.
set -eu
items=${1:-100000}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin kehoach --example scale
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bytes=$(target/release/examples/scale "$items" --write "$dir/ws")
/usr/bin/time -v target/release/kehoach check "$dir/ws" >/dev/null 2>"$dir/time" || true
kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$dir/time")
awk -v items="$items" -v bytes="$bytes" -v kb="$kb" 'BEGIN {
    printf "%d items: source %.1f MB, peak RSS %.1f MB, ratio %.1fx\n",
        items, bytes / 1e6, kb * 1024 / 1e6, kb * 1024 / bytes
}'
