#!/usr/bin/env python3
"""Phase and function costs of one folio build from callgrind dumps.

Usage: python3 callgrind_report.py OUT_PREFIX

OUT_PREFIX is the --callgrind-out-file of a run made with
  --compress-strings=no --compress-pos=no
  --dump-before=folio::resolve::resolve_with --dump-before=folio::theme::load
  --dump-before=folio::render::render_selected --dump-before=folio::output::Staging::commit
(as bench/profile.sh does). folio's phases run one after the other on the main
thread (each may use rayon workers), so each dump is exactly one phase:
  OUT_PREFIX.1  start to resolve: reading the files and parsing the YAML
  OUT_PREFIX.2  resolve: checks, Markdown and maths, sorting
  OUT_PREFIX.3  loading and compiling the theme's templates
  OUT_PREFIX.4  rendering and writing (each page is written as it is made):
                template contexts, tera, BibTeX, meta tags, file writes
  OUT_PREFIX    swapping the new output in, and exit
Counts are instructions executed in user space (Ir); kernel time (file system,
page faults) is not in them: see perf stat in profile.sh for that.
"""
import collections
import os
import sys

PHASES = [
    (".1", "load: read files, parse YAML"),
    (".2", "resolve: check, Markdown/maths, sort"),
    (".3", "theme: compile templates"),
    (".4", "render and write: contexts, templates, metadata, files"),
    ("", "swap the output in, exit"),
]

# Wrappers left out of the render breakdown (they hold everything).
WRAPPERS = ("folio::main", "folio::cli::run", "folio::site::build", "folio::render::render_selected",
            "folio::render::render_site", "folio::site::render_site")


def parse(path):
    """Self cost per function, calls cost per (caller, callee), and total."""
    self_cost = collections.Counter()
    calls = collections.Counter()
    fn = cfn = None
    call_line = False
    total = 0
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("fn="):
                fn = line[3:].rstrip("\n")
            elif line.startswith("cfn="):
                cfn = line[4:].rstrip("\n")
            elif line.startswith("calls="):
                call_line = True
            elif line[:1].isdigit():
                parts = line.split()
                if len(parts) >= 2:
                    cost = int(parts[1])
                    if call_line:
                        if cfn != fn:
                            calls[(fn, cfn)] += cost
                        call_line = False
                    else:
                        self_cost[fn] += cost
            elif line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
    return self_cost, calls, total


def inclusive(self_cost, calls, names):
    """Own cost plus the cost of calls out of the functions in `names` (for a
    non-recursive function: its inclusive cost)."""
    match = lambda f: f in names
    own = sum(c for f, c in self_cost.items() if match(f))
    out = sum(c for (f, g), c in calls.items() if match(f) and not match(g))
    return own + out


def short(name, width=90):
    return name if len(name) <= width else name[: width - 1] + "…"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    prefix = sys.argv[1]
    parts = {}
    for suffix, label in PHASES:
        path = prefix + suffix
        if not os.path.isfile(path):
            sys.exit(f"callgrind_report.py: missing {path}")
        parts[suffix] = parse(path)
    grand = sum(p[2] for p in parts.values())

    print(f"Total: {grand:,} instructions (user space)\n")
    print("| phase | instructions | share |")
    print("|---|---:|---:|")
    for suffix, label in PHASES:
        t = parts[suffix][2]
        print(f"| {label} | {t / 1e6:,.0f} M | {100 * t / grand:.1f}% |")

    self_cost, calls, _ = parts[".4"]
    print("\nInside render: folio's functions (and tera's entry points) by inclusive cost.")
    print("Costs overlap (a function includes what it calls); recursive ones are left out.\n")
    print("| function | instructions | share of the build |")
    print("|---|---:|---:|")
    names = {f for f in self_cost} | {f for f, _ in calls}
    recursive = {f.replace("'2", "") for f in names if f and f.endswith("'2")}
    rows = []
    for f in names:
        if not f or f.startswith(WRAPPERS) or "{{closure}}" in f or f in recursive:
            continue
        if f.startswith("folio::") or "for folio::" in f or f in ("tera::tera::Tera::render", "tera::context::Context::insert"):
            rows.append((inclusive(self_cost, calls, (f,)), f))
    for c, f in sorted(rows, reverse=True)[:15]:
        print(f"| `{short(f)}` | {c / 1e6:,.0f} M | {100 * c / grand:.1f}% |")

    total_self = collections.Counter()
    for s, _, _ in parts.values():
        for f, c in s.items():
            total_self[f.replace("'2", "")] += c
    print("\nTop 10 functions by self cost, whole build:\n")
    print("| function | instructions | share |")
    print("|---|---:|---:|")
    for f, c in total_self.most_common(10):
        print(f"| `{short(f)}` | {c / 1e6:,.0f} M | {100 * c / grand:.1f}% |")
    alloc = sum(c for f, c in total_self.items()
                if f in {"malloc", "_int_malloc", "free", "_int_free", "cfree@GLIBC_2.2.5",
                         "malloc_consolidate", "realloc", "_int_realloc", "unlink_chunk.constprop.0",
                         "__libc_malloc", "__libc_free"})
    print(f"\nglibc malloc/free together: {alloc / 1e6:,.0f} M ({100 * alloc / grand:.1f}%)")


if __name__ == "__main__":
    main()
