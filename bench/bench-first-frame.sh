#!/usr/bin/env bash
# Time to first frame of arrestdesk on a 100,000-arrestee database, beside a
# minimal AdwApplicationWindow program started the same way, alternating runs
# in one command. Prints medians and the ratio (target <= 1.5).
set -euo pipefail
app=${1:?arrestdesk}; minimal=${2:?minimal-window}; ctl=${3:?arrestdesk-ctl}
runs=${RUNS:-7}; arrestees=${ARRESTEES:-100000}

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "$0" "$@"
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
export GSK_RENDERER=${GSK_RENDERER:-cairo} ARRESTDESK_EXIT_AFTER_FIRST_FRAME=1
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-$(cd "$(dirname "$app")/../../data" && pwd)}
"$ctl" --database "$work/big.db" --key-file "$work/key" keygen "$work/key" >/dev/null
"$ctl" --database "$work/big.db" --key-file "$work/key" init >/dev/null
echo "making $arrestees demo arrestees…"
"$ctl" --database "$work/big.db" --key-file "$work/key" demo --arrestees "$arrestees" --seed 1 >/dev/null

time_one() {   # prints ms from spawn to the first frame being painted
  local start end pid line
  start=$(date +%s%N)
  coproc RUN { exec "$@" 2>/dev/null; }
  pid=$RUN_PID
  while IFS= read -r line <&"${RUN[0]}"; do
    [ "$line" = first-frame ] && break
  done
  end=$(date +%s%N)
  wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: > "$work/app.ms"; : > "$work/min.ms"
# One warm-up each: the first start pays for cold caches.
time_one "$minimal" >/dev/null
time_one "$app" --database "$work/big.db" --key-file "$work/key" --volunteer Bench >/dev/null
for _ in $(seq "$runs"); do
  time_one "$minimal" >> "$work/min.ms"
  time_one "$app" --database "$work/big.db" --key-file "$work/key" --volunteer Bench >> "$work/app.ms"
done
min_ms=$(median < "$work/min.ms"); app_ms=$(median < "$work/app.ms")
echo "first frame, minimal AdwApplicationWindow: ${min_ms} ms (median of $runs)"
echo "first frame, arrestdesk with $arrestees arrestees: ${app_ms} ms (median of $runs)"
awk -v a="$app_ms" -v m="$min_ms" 'BEGIN {printf "ratio arrestdesk / minimal: %.2f (target <= 1.50)\n", a / m}'
