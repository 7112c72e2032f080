#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) from the seed corpus in
# fuzz/corpus/. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable
# toolchain RUSTC_BOOTSTRAP lets it use the sanitizer flags it needs.
# A crash leaves its input in fuzz/artifacts/<target>/: make it a regression test.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O --sanitizer none
for target in yaml slug markdown serve_path; do
  echo "== fuzz $target for ${seconds}s"
  mkdir -p "corpus/$target"
  cargo fuzz run -O --sanitizer none "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 2>&1 | tail -4
done
