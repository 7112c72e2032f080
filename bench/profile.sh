#!/usr/bin/env bash
# Where folio's build time goes, on the benchmark's synthetic site.
#
#   bench/profile.sh [N] [--folio BIN]     (default N = 1000)
#
# 1. perf stat (software counters: task-clock, page faults, context switches;
#    user and system time) of one build of each folio variant, on a tmpfs when
#    possible (same rule as run.sh).
# 2. valgrind --tool=callgrind of one build of each variant, split into folio's
#    phases with --dump-before, summarised by callgrind_report.py (user-space
#    instructions: load, resolve, theme, render, write; the top functions).
# Needs perf (linux-perf) and valgrind; installs them with apt-get when root.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
N=1000
FOLIO=""
while [ $# -gt 0 ]; do
  case "$1" in
    --folio) FOLIO="${2:?}"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) [[ "$1" =~ ^[0-9]+$ ]] || { echo "profile.sh: not a size: $1" >&2; exit 1; }; N=$1 ;;
  esac
  shift
done
need() {
  command -v "$1" >/dev/null && return 0
  [ "$(id -u)" = 0 ] || { echo "profile.sh: $1 is missing (apt-get install $2)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
}
need valgrind valgrind
need perf linux-perf
if [ -z "$FOLIO" ]; then
  cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
  FOLIO="$REPO/target/release/folio"
fi
if [ -d /dev/shm ] && [ -w /dev/shm ]; then W=$(mktemp -d /dev/shm/folio-profile.XXXXXX); else W=$(mktemp -d); fi
trap 'rm -rf "$W"' EXIT
python3 "$HERE/data/gen.py" --n "$N" --out "$W/data" >/dev/null
for v in bench default; do python3 "$HERE/make_site.py" "$W/data" "$W/folio-$v" --theme "$v" >/dev/null; done

echo "folio: $("$FOLIO" --version), $N papers, work dir $W ($(stat -f -c %T "$W")), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in bench default; do
  echo
  echo "### perf stat, folio-$v (output deleted first; 1 warm-up, then 5 runs)"
  "$FOLIO" build "$W/folio-$v" --output "$W/out-$v" 2>/dev/null
  rm -rf "$W/out-$v"
  # -r 5 repeats the command; the output folder must not exist before each run.
  perf stat -r 5 -e task-clock,page-faults,context-switches,cpu-migrations \
    --pre "rm -rf $W/out-$v" -- "$FOLIO" build "$W/folio-$v" --output "$W/out-$v" 2>&1 >/dev/null \
    | grep -vE '^\s*$|folio: built' || true
done
for v in bench default; do
  echo
  echo "### callgrind, folio-$v"
  echo
  rm -rf "$W/out-$v"
  valgrind --tool=callgrind --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$W/cg-$v.out" \
    --dump-before='folio::resolve::resolve_with' --dump-before='folio::theme::load_reusing' \
    --dump-before='folio::render::render_selected' --dump-before='folio::output::Staging::commit' \
    "$FOLIO" build "$W/folio-$v" --output "$W/out-$v" >/dev/null 2>"$W/valgrind.log" \
    || { cat "$W/valgrind.log" >&2; exit 1; }
  python3 "$HERE/callgrind_report.py" "$W/cg-$v.out"
done
