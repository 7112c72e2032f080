#!/usr/bin/env bash
# Builds the example site and every fixture site that builds with two folio
# binaries, in both built-in themes, and fails if any output differs by a byte.
# For moves that must not change behaviour (issue 13):
#   bash .ci/compare-output.sh OLD_FOLIO NEW_FOLIO
set -euo pipefail
old=$1 new=$2
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sites=(example-site tests/fixtures/lab)
for d in tests/fixtures/check/*/; do [ -f "$d/site.yaml" ] && sites+=("${d%/}"); done
compared=0
for site in "${sites[@]}"; do
  for theme in default classic; do
    name=$(echo "$site-$theme" | tr '/' '_')
    cp -r "$site" "$work/$name"
    sed -i "/^theme:/d" "$work/$name/site.yaml"
    printf '\ntheme: %s\n' "$theme" >>"$work/$name/site.yaml"
    "$old" build "$work/$name" --output "$work/$name.old" >/dev/null 2>&1 || { echo "skip $site ($theme): does not build"; continue; }
    "$new" build "$work/$name" --output "$work/$name.new" >/dev/null 2>&1 || { echo "FAIL $site ($theme): the new folio does not build it"; exit 1; }
    "$new" build "$work/$name" --output "$work/$name.sub" --base-url https://u.github.io/sub/ >/dev/null 2>&1
    "$old" build "$work/$name" --output "$work/$name.subold" --base-url https://u.github.io/sub/ >/dev/null 2>&1
    diff -r "$work/$name.old" "$work/$name.new" >"$work/diff" || { echo "FAIL $site ($theme): output differs"; head -40 "$work/diff"; exit 1; }
    diff -r "$work/$name.subold" "$work/$name.sub" >"$work/diff" || { echo "FAIL $site ($theme, sub-path): output differs"; head -40 "$work/diff"; exit 1; }
    compared=$((compared + 1))
  done
done
echo "identical output for $compared site builds (each also under a sub-path base_url)"
