#!/usr/bin/env bash
# Peak memory of arrestdesk on the Arrestees page with 100,000 demo
# arrestees: the run of tests/ui/test-arrestees-page.sh (open, Ctrl+2, scroll
# to the end, a misspelt search, open the record, back), its VmHWM read just
# before it quits, beside a minimal AdwApplicationWindow program started the
# same way in the same command. Target: under 150 MiB.
#
# Twice: as the UI test runs (Xvfb, cairo renderer), and with GL turned off
# (GDK_DEBUG=gl-disable), as GDK otherwise loads Mesa's software GL, about
# 50 MiB, that the cairo renderer never uses.
set -euo pipefail
app=${1:?arrestdesk}; ctl=${2:?arrestdesk-ctl}; minimal=${3:?minimal-window}
ui_test=${4:?test-arrestees-page.sh}; out=${5:?output dir (keeps the 100,000-arrestee database)}

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "$0" "$@"
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-$(cd "$(dirname "$app")/../../data" && pwd)}

# The minimal window's peak, once it has painted and settled (kB).
baseline_hwm() {
  local pid hwm
  HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache \
    "$minimal" >/dev/null 2>&1 &
  pid=$!
  timeout 30 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1 || true
  sleep 3
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$hwm"
}

app_hwm() {
  ARRESTDESK_MEMORY_REPORT="$work/hwm" "$ui_test" "$app" "$ctl" "$out" > "$work/run.log" 2>&1 \
    || { cat "$work/run.log" >&2; echo "the UI test run failed" >&2; exit 1; }
  cat "$work/hwm"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

report() {
  local label=$1 app_kb=$2 min_kb=$3
  echo "peak memory ($label), minimal AdwApplicationWindow: $(mib "$min_kb") MiB"
  echo "peak memory ($label), arrestdesk with 100,000 arrestees, scrolled to the end, searched: $(mib "$app_kb") MiB"
  awk -v a="$app_kb" -v m="$min_kb" 'BEGIN { printf "ratio arrestdesk / minimal: %.2f; arrestdesk %s the 150 MiB target\n", a / m, a < 150 * 1024 ? "meets" : "misses" }'
}

# The first run may make the database (about 90 s); both runs reuse it.
app_kb=$(app_hwm); min_kb=$(baseline_hwm)
report "cairo renderer" "$app_kb" "$min_kb"
export GDK_DEBUG=gl-disable
app_kb=$(app_hwm); min_kb=$(baseline_hwm)
report "cairo renderer, GL off" "$app_kb" "$min_kb"
