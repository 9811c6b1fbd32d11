#!/usr/bin/env python3
"""Where the gzipped bytes of a WebAssembly module go, by crate and module of the function that holds them.

    python3 scripts/gz-cost.py MODULE.wasm [ROWS] [FUNCTIONS]

MODULE must keep its function names: build as `scripts/build.mjs` does, then optimise the wasm-bindgen output with
`-g` (`node_modules/.bin/wasm-opt --low-memory-unused -Oz --converge -g IN.wasm -o named.wasm`). The code and
data are compressed in the module's order with one deflate stream, flushed after each function: what a function
adds to that stream is what it costs the gzipped download, given everything before it. Raw sizes (what `twiggy`
shows) can mislead: sixty near-identical copies of one generic function cost the gzipped module little, and one
page of messages costs it much. The totals are a few percent above the shipped module's (a flush per function).
"""

import collections
import re
import sys
import zlib


def leb(b, i):
    n = shift = 0
    while True:
        c = b[i]
        i += 1
        n |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return n, i


def sections(b):
    i, out = 8, []
    while i < len(b):
        sid = b[i]
        n, i = leb(b, i + 1)
        out.append((sid, i, n))
        i += n
    return out


def imported_functions(b, offset):
    count, j = leb(b, offset)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, j = leb(b, j)
            j += n
        kind = b[j]
        j += 1
        if kind == 0:  # function: type index
            _, j = leb(b, j)
            functions += 1
        elif kind in (1, 2):  # table (element type first) or memory: limits
            if kind == 1:
                j += 1
            flags, j = leb(b, j)
            _, j = leb(b, j)
            if flags & 1:
                _, j = leb(b, j)
        elif kind == 3:  # global: value type, mutability
            j += 2
        else:  # tag
            j += 1
            _, j = leb(b, j)
    return functions


def function_names(b, offset, size):
    n, j = leb(b, offset)
    if b[j : j + n] != b"name":
        return {}
    j += n
    names, end = {}, offset + size
    while j < end:
        sub = b[j]
        length, j = leb(b, j + 1)
        if sub == 1:
            count, k = leb(b, j)
            for _ in range(count):
                index, k = leb(b, k)
                n, k = leb(b, k)
                names[index] = b[k : k + n].decode("utf-8", "replace")
                k += n
        j += length
    return names


def group(name):
    name = re.sub(r"::h[0-9a-f]{16}$", "", name)
    if "rules::visible::" in name:
        return "pest grammar (generated rules)"
    m = re.match(r"^<?([a-z_0-9]+)(?:\[[0-9a-f]+\])?::([a-z_0-9]+)", name)
    return f"{m.group(1)}::{m.group(2)}" if m else name[:48]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    b = open(sys.argv[1], "rb").read()
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    functions = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    secs = sections(b)
    imports, names = 0, {}
    for sid, offset, size in secs:
        if sid == 2:
            imports = imported_functions(b, offset)
        elif sid == 0:
            names.update(function_names(b, offset, size))
    if not names:
        sys.exit(f"{sys.argv[1]} has no function names: optimise with `wasm-opt -g` (see the top of this script)")
    chunks = []
    for sid, offset, size in secs:
        if sid == 10:
            count, j = leb(b, offset)
            for f in range(count):
                n, j = leb(b, j)
                chunks.append((names.get(imports + f, f"function {imports + f}"), b[j : j + n]))
                j += n
        elif sid == 11:
            chunks.append(("data (strings and tables)", b[offset : offset + size]))
    stream = zlib.compressobj(9, zlib.DEFLATED, 31)
    costs = []
    for name, body in chunks:
        costs.append((name, len(body), len(stream.compress(body)) + len(stream.flush(zlib.Z_SYNC_FLUSH))))
    gz, raw = collections.Counter(), collections.Counter()
    for name, size, cost in costs:
        gz[group(name)] += cost
        raw[group(name)] += size
    total = sum(gz.values())
    print(f"{total / 1024:.1f} KiB gzipped in code and data, {sum(raw.values()) / 1024:.1f} KiB raw\n")
    print(f"{'gzip':>9} {'raw':>9}  crate::module")
    for key, cost in gz.most_common(rows):
        print(f"{cost / 1024:8.1f}K {raw[key] / 1024:8.1f}K  {key}")
    if functions:
        print(f"\n{'gzip':>9} {'raw':>9}  function")
        for name, size, cost in sorted(costs, key=lambda c: -c[2])[:functions]:
            print(f"{cost / 1024:8.1f}K {size / 1024:8.1f}K  {name[:140]}")


if __name__ == "__main__":
    main()
