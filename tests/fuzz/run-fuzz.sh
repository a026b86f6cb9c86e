#!/usr/bin/env bash
# Runs the libFuzzer target for a bounded time from the seed corpus. A crash,
# a sanitizer report or a failed assertion in the target fails the run (the
# crashing input is kept in ARTIFACTS); so does a run that executed nothing.
#   run-fuzz.sh FUZZER SEEDS SECONDS ARTIFACTS [CORPUS]
# CORPUS (kept between runs by `make fuzz`) defaults to a throwaway folder.
set -uo pipefail
fuzzer=${1:?fuzzer} seeds=${2:?seed corpus} seconds=${3:?seconds} artifacts=${4:?artifact folder}
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=${5:-$work/corpus}
mkdir -p "$corpus" "$artifacts" "$work/tmp"

# The target's throwaway server database goes under $work too.
export TMPDIR=$work/tmp
export GIO_USE_PROXY_RESOLVER=dummy G_SLICE=always-malloc
# Full stacks: a leak reported inside GLib or json-glib must say from where.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1:fast_unwind_on_malloc=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=suppressions=$here/../../build-aux/lsan.supp:print_suppressions=0

"$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -dict="$here/sync-request.dict" -artifact_prefix="$artifacts/" \
  "$corpus" "$seeds" > "$work/log" 2>&1
status=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
if [ $status -ne 0 ]; then
  tail -60 "$work/log"
  echo "fuzz: the target failed (exit $status); the input is in $artifacts"
  exit 1
fi
if [ "${runs:-0}" -lt 100 ]; then
  tail -30 "$work/log"
  echo "fuzz: only ${runs:-0} inputs ran in $seconds s"
  exit 1
fi
grep -E '^(INFO: Running with|#[0-9]+[[:space:]]+DONE)' "$work/log" | tail -2
echo "fuzz: $runs inputs in $seconds s, no crash"
