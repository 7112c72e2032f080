#!/usr/bin/env python3
"""Summarise bench/run.sh measurements as Markdown tables.

Usage: python3 summarize.py results.tsv

results.tsv has a header line and one line per timed build:
  engine  n  mode  run  wall_s  user_s  sys_s  maxrss_kib
(`engine` is hugo, folio-bench, folio-default or folio-example; `mode` is
`clean` (output deleted before the build) or `existing` (built over the previous
output)). Prints one table of the benchmark, one of the example site.
"""
import csv
import statistics
import sys

ENGINE_ORDER = {"hugo": 0, "folio-bench": 1, "folio-default": 2}
MODE_NAME = {"clean": "output deleted first", "existing": "over existing output"}


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    groups = {}
    for r in rows:
        key = (r["engine"], int(r["n"]), r["mode"])
        groups.setdefault(key, []).append(r)
    return groups


def stats(rows):
    wall = [float(r["wall_s"]) for r in rows]
    cpu = [float(r["user_s"]) + float(r["sys_s"]) for r in rows]
    rss = [int(r["maxrss_kib"]) / 1024 for r in rows]
    med = statistics.median(wall)
    return {
        "runs": len(wall),
        "median": med,
        "min": min(wall),
        "max": max(wall),
        "spread": (max(wall) - min(wall)) / med if med > 0 else 0.0,
        "cpu": statistics.median(cpu),
        "rss": max(rss),
    }


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.2f}"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    groups = load(sys.argv[1])
    bench = {k: stats(v) for k, v in groups.items() if k[0] in ENGINE_ORDER}
    print("| engine | N | output | runs | median s | min s | max s | CPU s (median) | peak RSS MiB | wall vs Hugo | CPU vs Hugo |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    noisy = []
    for key in sorted(bench, key=lambda k: (k[1], k[2] != "clean", ENGINE_ORDER[k[0]])):
        engine, n, mode = key
        s = bench[key]
        hugo = bench.get(("hugo", n, mode))
        if engine == "hugo":
            ratio = cpu_ratio = "1"
        elif hugo:
            ratio = f"{s['median'] / hugo['median']:.2f}"
            cpu_ratio = f"{s['cpu'] / hugo['cpu']:.2f}" if hugo["cpu"] > 0 else "-"
        else:
            ratio = cpu_ratio = "-"
        print(f"| {engine} | {n} | {MODE_NAME.get(mode, mode)} | {s['runs']} | {fmt_s(s['median'])} | "
              f"{fmt_s(s['min'])} | {fmt_s(s['max'])} | {fmt_s(s['cpu'])} | {s['rss']:.0f} | {ratio} | {cpu_ratio} |")
        if s["runs"] > 1 and s["spread"] > 0.2:
            noisy.append(f"{engine} N={n} {mode}: max-min is {s['spread']:.0%} of the median")
    print()
    print("wall vs Hugo = folio median wall time / Hugo median wall time; CPU vs Hugo = the same for")
    print("median CPU time (user + system), less sensitive to other load on the machine. Same N,")
    print("same output mode, same run (engines alternate).")
    print("Peak RSS = the highest of the runs (from /usr/bin/time -v); CPU s = user + system.")
    if noisy:
        print()
        print("Noisy rows (spread over 20%; check the load and rerun):")
        for line in noisy:
            print(f"- {line}")
    example = [v for k, v in groups.items() if k[0] == "folio-example"]
    if example:
        s = stats(example[0])
        print()
        print("| folio build example-site | runs | median s | min s | max s | peak RSS MiB |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| | {s['runs']} | {s['median']:.4f} | {s['min']:.4f} | {s['max']:.4f} | {s['rss']:.0f} |")


if __name__ == "__main__":
    main()
