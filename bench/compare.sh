#!/usr/bin/env bash
# Two folio binaries on the same generated site, alternating, to check that a
# change did not make builds slower (issue 13: "the benchmark does not regress").
#
#   bench/compare.sh OLD_FOLIO NEW_FOLIO [N=10000] [RUNS=5] [WORKDIR=/dev/shm]
#
# Builds the full default theme over N papers, RUNS times per binary after one
# warm-up each, OLD and NEW alternating, the output deleted before each build.
# Prints median wall time, median user+system CPU time and median peak RSS.
# CPU time is the figure to trust on a shared machine: wall time waits for
# other processes, CPU time counts only folio's own work.
set -euo pipefail
old=$1 new=$2 n=${3:-10000} runs=${4:-5} base=${5:-/dev/shm}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "$base/folio-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$here/data/gen.py" --n "$n" --out "$work/data" --seed 42 >/dev/null
python3 "$here/make_site.py" "$work/data" "$work/site" --theme default >/dev/null
one() { # binary label
  rm -rf "$work/out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$1" build "$work/site" --output "$work/out" >/dev/null 2>&1
  read -r wall user sys rss <"$work/t"
  echo "$2 $wall $(echo "$user + $sys" | bc) $rss" >>"$work/results"
}
one "$old" warm; one "$new" warm
: >"$work/results"
for _ in $(seq "$runs"); do one "$old" old; one "$new" new; done
python3 - "$work/results" "$n" "$runs" "$base" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
print(f"N = {sys.argv[2]} papers, {sys.argv[3]} runs each, on {sys.argv[4]}")
print("binary  wall s  cpu s  peak RSS MiB")
for who in ("old", "new"):
    r = [x for x in rows if x[0] == who]
    med = lambda i: statistics.median(float(x[i]) for x in r)
    print(f"{who:6} {med(1):7.3f} {med(2):6.3f} {med(3) / 1024:8.1f}")
PY
