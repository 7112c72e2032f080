#!/usr/bin/env python3
"""Checks the shape of src/ (issue 13):

1. No cycle among the top-level modules (the stage folders and leaf files of
   src/): an edge A -> B is any `crate::B` path written in a file of A outside
   its `#[cfg(test)]` module. Leaf modules (LEAVES) may import no other module.
   Within each folder, no cycle among its files either (see folder_edges).
2. No source file over 800 lines (tests and generated data excepted: lines
   after `#[cfg(test)]` do not count).

Exit status 1 with the offending cycle or file named.
"""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(__file__), "..", "src")
MAX_LINES = 800
# Modules at the bottom: they import nothing else of folio.
LEAVES = {"escape", "i18n", "timing", "project", "text"}


def top_module(path):
    rel = os.path.relpath(path, SRC)
    first = rel.split(os.sep)[0]
    return first[:-3] if first.endswith(".rs") else first


def code_lines(text):
    """The lines of a file before its unit-test module."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == "#[cfg(test)]":
            return lines[:i]
    return lines


def aliases():
    """`pub use stage::{a, b};` in lib.rs: old paths of modules that moved."""
    with open(os.path.join(SRC, "lib.rs"), encoding="utf-8") as f:
        text = f.read()
    out = {}
    for stage, names in re.findall(r"^pub use ([a-z_]+)::\{?([a-z_, ]+)\}?;", text, re.M):
        for name in re.split(r"[,\s]+", names.strip()):
            out[name] = stage
    return out


def main():
    alias = aliases()
    edges = {}
    too_long = []
    for dirpath, _, files in os.walk(SRC):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                lines = code_lines(f.read())
            if len(lines) > MAX_LINES:
                too_long.append((os.path.relpath(path, SRC), len(lines)))
            me = top_module(path)
            if me in ("main", "lib"):
                continue
            text = "\n".join(lines)
            # `use crate::{a, b::c}` and `crate::a::b` anywhere in code.
            targets = set(re.findall(r"crate::([a-z_][a-z0-9_]*)", text))
            for group in re.findall(r"crate::\{([^}]*)\}", text):
                targets |= set(re.findall(r"(?:^|,)\s*([a-z_][a-z0-9_]*)", group))
            targets = {alias.get(t, t) for t in targets}
            edges.setdefault(me, set()).update(t for t in targets if t != me)
    status = 0
    for name, n in sorted(too_long):
        print(f"src/{name}: {n} lines, over the limit of {MAX_LINES}")
        status = 1
    for leaf in sorted(LEAVES & edges.keys()):
        if edges[leaf]:
            print(f"leaf module `{leaf}` imports {', '.join(sorted(edges[leaf]))}")
            status = 1
    cycle = find_cycle(edges)
    if cycle:
        print("import cycle: " + " -> ".join(cycle))
        status = 1
    for folder, inner in sorted(folder_edges().items()):
        cycle = find_cycle(inner)
        if cycle:
            print(f"import cycle in src/{folder}/: " + " -> ".join(cycle))
            status = 1
    if status == 0:
        print(f"{len(edges)} modules, no import cycle, no file over {MAX_LINES} lines")
    if "--graph" in sys.argv:
        for m in sorted(edges):
            print(f"{m}: {' '.join(sorted(edges[m]))}")
    return status


def folder_edges():
    """Edges between the files of each folder: `super::x`, `crate::folder::x`
    and, in mod.rs, `x::` for a child module x. `mod.rs` is the node `mod`.
    A file may use its own folder's mod.rs, which declares and owns it (Rust's
    `super::`), so that edge is not counted: a cycle is between siblings, or
    through a sibling back to mod.rs."""
    out = {}
    for dirpath, _, files in os.walk(SRC):
        if os.path.abspath(dirpath) == os.path.abspath(SRC):
            continue
        folder = os.path.relpath(dirpath, SRC).replace(os.sep, "::")
        names = {f[:-3] for f in files if f.endswith(".rs")}
        children = {d for d in os.listdir(dirpath) if os.path.isdir(os.path.join(dirpath, d))}
        edges = {}
        for name in names:
            with open(os.path.join(dirpath, name + ".rs"), encoding="utf-8") as f:
                text = "\n".join(code_lines(f.read()))
            refs = set(re.findall(r"\bsuper::([a-z_][a-z0-9_]*)", text))
            refs |= set(re.findall(r"crate::" + re.escape(folder) + r"::([a-z_][a-z0-9_]*)", text))
            for group in re.findall(r"\bsuper::\{([^}]*)\}", text):
                refs |= set(re.findall(r"(?:^|,)\s*([a-z_][a-z0-9_]*)", group))
            if name == "mod":
                refs |= {n for n in names | children if re.search(r"\b" + n + r"::", text)}
            targets = {r if r in names else "mod" for r in refs}
            edges[name] = {t for t in targets if t != name and t != "mod"}
        out[folder] = edges
    return out


def find_cycle(edges):
    state = {}
    stack = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(edges.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(edges):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


if __name__ == "__main__":
    sys.exit(main())
