#!/usr/bin/env bash
# Runs inside xvfb-run + dbus-run-session (see the Makefile): unlock a throwaway
# gnome-keyring, then run the whole suite, the sanitizer build's core tests
# and the fuzz build's bounded libFuzzer run. With only the first build dir
# (while working: `make check`), just that build's suite runs, and
# TESTS names some of its tests.
set -uo pipefail
build=${1:?build dir}
asan_build=${2:-}
fuzz_build=${3:-}

# A throwaway home for the keyring: test keys never reach the user's own.
test_home=$(mktemp -d)
trap 'rm -rf "$test_home"' EXIT
export HOME=$test_home XDG_DATA_HOME=$test_home/.local/share XDG_CONFIG_HOME=$test_home/.config

# A newline, not an empty string: an empty one leaves no login collection (RECIPES.md).
eval "$(printf '\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

status=0
# shellcheck disable=SC2086 # TESTS is a list of test names
meson test -C "$build" --num-processes 2 --print-errorlogs ${TESTS:-} || status=$?
[ -n "$asan_build" ] || exit $status

# AddressSanitizer + UndefinedBehaviorSanitizer: any report fails the test.
ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:fast_unwind_on_malloc=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
LSAN_OPTIONS=suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp:print_suppressions=0 \
G_SLICE=always-malloc \
  meson test -C "$asan_build" --num-processes 2 --print-errorlogs --suite core --suite store --suite merge \
  || status=$?

# libFuzzer (clang, ASan + UBSan) over push and pull request parsing, about
# 60 s (tests/fuzz/run-fuzz.sh): a crash or sanitizer report fails it.
meson test -C "$fuzz_build" --no-rebuild --print-errorlogs --suite fuzz || status=$?

exit $status
