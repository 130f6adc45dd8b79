#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets/) for SECONDS seconds each, one after another,
# in one process (one core), starting from the committed corpus (fuzz/corpus/TARGET, only
# read). New inputs the fuzzer finds go to fuzz/work/TARGET (kept between runs, not committed);
# crashes go to fuzz/artifacts/TARGET. An input that takes over 10 s or 2 GB counts as a crash.
# Installs cargo-fuzz (and uses the nightly toolchain) when missing.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]      (600 seconds, every target by default)
#        scripts/fuzz.sh 60 load import_qdpx
# Environment: FUZZ_ARGS, extra libFuzzer flags (e.g. "-max_len=65536"); FUZZ_BUILD_ARGS,
# the build's flags ("-O" by default: optimised, no debug assertions; "-a" adds overflow checks
# and debug assertions, at the cost of rebuilding every dependency).
# Exit status: 0 when no target crashed, 1 otherwise (the run of each crashing target stops at
# its first crash; see fuzz/artifacts/TARGET and the log in fuzz/work/TARGET.log).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-600}
shift || true

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cd fuzz
if [[ $# -gt 0 ]]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
# Its own target folder (fuzz/target): sanitizer flags would rebuild the main one.
cargo +nightly fuzz build ${FUZZ_BUILD_ARGS:--O}

failed=0
for target in "${targets[@]}"; do
  mkdir -p "work/$target" "corpus/$target"
  echo "== $target: ${SECONDS_EACH}s"
  # shellcheck disable=SC2086
  if cargo +nightly fuzz run ${FUZZ_BUILD_ARGS:--O} "$target" "work/$target" "corpus/$target" -- \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${FUZZ_ARGS:-} \
      >"work/$target.log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "work/$target.log" || true
    grep -E '^#[0-9]+ +DONE' "work/$target.log" | tail -1 || true
  else
    echo "   CRASHED: see fuzz/work/$target.log and fuzz/artifacts/$target/"
    failed=1
  fi
done
exit "$failed"
