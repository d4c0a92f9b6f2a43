#!/usr/bin/env python3
"""Summarises a callgrind profile: top functions by instructions, merged across the source
files that inlining spreads one function over, and the share of each crate (library).

    python3 benches/callgrind_summary.py callgrind.out [--top 25]

Uses callgrind_annotate (from valgrind) for the numbers.
"""

import argparse
import re
import subprocess
from collections import defaultdict

LINE = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)(?: \[(.*)\])?\s*$")


def annotate(path, inclusive):
    cmd = ["callgrind_annotate", "--threshold=100", "--auto=no", f"--inclusive={'yes' if inclusive else 'no'}", path]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    total, rows = None, []
    for line in out.splitlines():
        if line.startswith("-- Auto-annotated") or line.startswith("-- User-annotated"):
            break
        m = LINE.match(line)
        if not m:
            continue
        count = int(m.group(1).replace(",", ""))
        name = m.group(2)
        if name == "PROGRAM TOTALS":
            total = count
            continue
        fn = name.split(":", 1)[1] if ":" in name and not name.startswith("::") else name
        rows.append((count, fn.strip(), m.group(3) or ""))
    return total, rows


def crate_of(fn, obj):
    if "libc.so" in obj or fn in ("malloc", "free", "realloc", "calloc") or fn.startswith(("_int_", "__memcpy", "__memmove", "__memset", "__memcmp", "__strlen", "malloc_", "__libc")):
        return "libc (malloc, memcpy, ...)"
    if "ld-linux" in obj:
        return "dynamic loader"
    if "vgpreload" in obj or "valgrind" in obj:
        return "valgrind"
    m = re.match(r"^<?(?:<)?([a-z_][a-z0-9_]*)::", fn)
    if m:
        c = m.group(1)
        if c in ("core", "alloc", "std", "hashbrown"):
            return "rust std (core/alloc/std)"
        return c
    m = re.match(r"^<([a-z_][a-z0-9_]*)::", fn)
    if m:
        return m.group(1)
    if fn.startswith("__rustc::") or fn.startswith("__rdl_") or fn.startswith("__rust"):
        return "rust std (core/alloc/std)"
    return "other"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("profile")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args()
    total, rows = annotate(args.profile, inclusive=False)
    by_fn = defaultdict(int)
    by_crate = defaultdict(int)
    for count, fn, obj in rows:
        by_fn[fn] += count
        by_crate[crate_of(fn, obj)] += count
    print(f"total instructions: {total:,}")
    print(f"\ntop {args.top} functions, self instructions (merged over inlined source files)")
    for fn, c in sorted(by_fn.items(), key=lambda x: -x[1])[:args.top]:
        print(f"{100 * c / total:6.2f}%  {c:>15,}  {fn[:150]}")
    print("\nself instructions by crate")
    for crate, c in sorted(by_crate.items(), key=lambda x: -x[1])[:20]:
        print(f"{100 * c / total:6.2f}%  {c:>15,}  {crate}")
    _, inc = annotate(args.profile, inclusive=True)
    by_fn = defaultdict(int)
    for count, fn, _ in inc:
        if fn.startswith("onderdak::") or fn.startswith("<onderdak::"):
            by_fn[fn] = max(by_fn[fn], count)
    print(f"\ntop {args.top} onderdak functions, inclusive instructions (callees included)")
    for fn, c in sorted(by_fn.items(), key=lambda x: -x[1])[:args.top]:
        print(f"{100 * c / total:6.2f}%  {c:>15,}  {fn[:150]}")


if __name__ == "__main__":
    main()
