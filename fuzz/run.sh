#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) from the seed corpus in
# fuzz/corpus/. A crash leaves its input in fuzz/artifacts/<target>/: make it a
# regression test.
#
# The targets are built the way `cargo fuzz build --sanitizer none` builds them
# (libFuzzer's coverage instrumentation, `--cfg fuzzing`, debug assertions), but
# with plain cargo: one invocation for all the targets, no cargo-fuzz to
# install, opt-level 1, 16 codegen units and no debug info. On 2 cores this
# builds in about 4 minutes instead of 8 for cargo-fuzz's -O (opt-level 3, one
# codegen unit), plus the minutes of `cargo install cargo-fuzz`.
# `cargo fuzz run <target>` still works for longer sessions by hand.
# FUZZ_BUILD_ONLY=1 only builds (CI builds while it installs other tools).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
triple=$(rustc -vV | sed -n 's/^host: //p')
target_dir=${CARGO_TARGET_DIR:-target}
flags="-Cpasses=sancov-module"
flags+=" -Cllvm-args=-sanitizer-coverage-level=4"
flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
flags+=" -Cllvm-args=-sanitizer-coverage-pc-table"
flags+=" -Cllvm-args=-sanitizer-coverage-trace-compares"
flags+=" --cfg fuzzing -Cdebug-assertions -Ccodegen-units=16"
targets=(yaml slug markdown serve_path tex_nesting bibtex)
start=$SECONDS
# --target keeps the flags away from build scripts and proc macros.
RUSTFLAGS="$flags" CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
  cargo build --release --target "$triple" --target-dir "$target_dir" --bins
echo "== fuzz targets built in $((SECONDS - start))s"
[ "${FUZZ_BUILD_ONLY:-}" = 1 ] && exit 0
for target in "${targets[@]}"; do
  echo "== fuzz $target for ${seconds}s"
  mkdir -p "corpus/$target" "artifacts/$target"
  "$target_dir/$triple/release/$target" "corpus/$target" \
    -artifact_prefix="artifacts/$target/" -max_total_time="$seconds" \
    -max_len=65536 -rss_limit_mb=1024 2>&1 | tail -4
done
