# Shared by the whole-app test scripts (source it): checks that the tools
# are there, a private folder and home for the app, failing with the app's
# log, and a way to stop what a test started.
#
# A script takes its arguments with ui_args (among them OUT, where logs
# and screenshots are kept), sets SHOTS (the screenshots folder) if it
# takes any, checks its tools (ui_require_*), then calls ui_begin. The functions read and set these variables:
#   TMP        the test's private folder, removed at exit (ui_begin)
#   APP_PID    the app, stopped at exit if it still runs
#   UI_PIDS    names of more variables holding processes to stop at exit
#   UI_KEEP    "FILE:NAME" pairs: at exit, TMP/FILE is copied to OUT/NAME
#   UI_FAILURE_SHOT  if set, fail takes a screenshot there
# and fail calls the script's ui_fail_details, if it defines one, to say
# more (on stderr) before the end of the app's log.

TMP=
APP_PID=
UI_PIDS=
UI_KEEP=()
UI_FAILURE_SHOT=

log () { echo "# $*"; }

# ui_args NAME=WORD… -- ARG…: sets each variable NAME, in order, to the
# next ARG; if one is missing or empty, says "usage: SCRIPT WORD…" on
# stderr and ends the test. For example
#   ui_args APP=ARRESTDESK CTL=ARRESTDESK-CTL OUT=OUTPUT-DIR -- "$@"
ui_args ()
{
  local names=() words=() name
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    names+=("${1%%=*}")
    words+=("${1#*=}")
    shift
  done
  shift
  for name in "${names[@]}"; do
    if [ -z "${1:-}" ]; then
      echo "usage: ${0##*/} ${words[*]}" >&2
      exit 1
    fi
    printf -v "$name" '%s' "$1"
    shift
  done
}

# fail MESSAGE…: says what went wrong on stderr, with a screenshot
# (UI_FAILURE_SHOT), the script's details and the end of TMP/app.log, then
# ends the test (exit 1: the EXIT trap, ui_cleanup, keeps the logs).
fail ()
{
  echo "FAIL: $*" >&2
  if [ -n "$UI_FAILURE_SHOT" ]; then
    /usr/bin/import -window root "$UI_FAILURE_SHOT" 2>/dev/null && echo "screenshot: $UI_FAILURE_SHOT" >&2
  fi
  # Which windows were up says much of what went wrong (a dialog still open…).
  echo "visible windows: $(xdotool search --onlyvisible --name . getwindowname %@ 2>/dev/null | sort -u | paste -sd '|')" >&2
  if [ -n "$TMP" ]; then
    declare -F ui_fail_details >/dev/null && ui_fail_details >&2
    if [ -f "$TMP/app.log" ]; then
      echo "--- arrestdesk output ---" >&2
      tail -n 40 "$TMP/app.log" >&2
    fi
  fi
  exit 1
}

# ui_cleanup: the EXIT trap (ui_begin sets it). Stops APP_PID and the
# processes named in UI_PIDS, keeps the UI_KEEP files in OUT, removes TMP.
ui_cleanup ()
{
  local var keep
  for var in APP_PID $UI_PIDS; do
    [ -n "${!var:-}" ] && ui_stop "${!var}"
  done
  if [ -n "$TMP" ]; then
    for keep in "${UI_KEEP[@]}"; do
      [ -f "$TMP/${keep%%:*}" ] && cp "$TMP/${keep%%:*}" "$OUT/${keep#*:}"
    done
    rm -rf "$TMP"
  fi
}

# ui_require_display: an X display this test can talk to, and xdotool.
ui_require_display ()
{
  [ -n "${DISPLAY:-}" ] || fail "DISPLAY is not set: this test needs an X display (make test runs it under xvfb-run -a)"
  command -v xdotool >/dev/null || fail "xdotool is not installed"
  xdotool getdisplaygeometry >/dev/null 2>&1 || fail "cannot talk to the X display $DISPLAY"
}

# ui_require_imagemagick TOOL…: /usr/bin/TOOL (import, compare…) for each.
ui_require_imagemagick ()
{
  local tool
  for tool in "$@"; do
    [ -x "/usr/bin/$tool" ] || fail "/usr/bin/$tool (ImageMagick) is not installed"
  done
}

# ui_require_program NAME PATH: an executable at PATH ("no NAME at PATH").
ui_require_program ()
{
  [ -x "$2" ] || fail "no $1 at $2"
}

# ui_begin PREFIX: makes TMP (PREFIX.XXXXXX under TMPDIR) with the private
# home of ui_private_env in it, and sets ui_cleanup as the EXIT trap.
ui_begin ()
{
  trap ui_cleanup EXIT
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || { TMP=; fail "mktemp failed"; }
  ui_private_env "$TMP" || fail "mkdir failed"
}

# ui_screenshots PATTERN: makes SHOTS and removes the screenshots matching
# PATTERN (a glob, such as page-*.png) a previous run left there.
ui_screenshots ()
{
  mkdir -p "$SHOTS" || fail "mkdir failed"
  # shellcheck disable=SC2086 # PATTERN is a glob
  rm -f "$SHOTS"/$1
}

# ctl ARGS…: arrestdesk-ctl (CTL) on the test's database DB, key file KEY.
ctl () { "$CTL" --database "$DB" --key-file "$KEY" "$@"; }

# ui_make_db DB KEY [ARRESTEES SEED]: a new key file and encrypted database
# (arrestdesk-ctl keygen, init) and, if asked, that many demo arrestees
# made from SEED. The output goes to TMP/ctl.log, shown if a step fails.
ui_make_db ()
{
  "$CTL" keygen "$2" >>"$TMP/ctl.log" 2>&1 || { cat "$TMP/ctl.log" >&2; fail "arrestdesk-ctl keygen failed"; }
  "$CTL" --database "$1" --key-file "$2" init >>"$TMP/ctl.log" 2>&1 \
    || { cat "$TMP/ctl.log" >&2; fail "arrestdesk-ctl init failed"; }
  if [ $# -ge 4 ]; then
    "$CTL" --database "$1" --key-file "$2" demo --arrestees "$3" --seed "$4" >>"$TMP/ctl.log" 2>&1 \
      || { cat "$TMP/ctl.log" >&2; fail "arrestdesk-ctl demo failed"; }
  fi
}

# ui_stats_count TABLE: the number of TABLE records in the output of
# arrestdesk-ctl stats read on stdin; prints nothing if it has no count.
ui_stats_count ()
{
  awk -v t="$1" '$1 == t && $2 ~ /^[0-9]+$/ { print $2 }'
}

# ui_start_app DB KEY [NAME=VALUE…]: starts APP in the background on the
# database as volunteer Tester, with those variables in its environment
# (such as ARRESTDESK_TEST_STATUS_FILE); its output is appended to
# TMP/app.log. Sets APP_PID (the app itself: env execs it).
ui_start_app ()
{
  local db=$1 key=$2
  shift 2
  env "$@" "$APP" --database "$db" --key-file "$key" --volunteer Tester >>"$TMP/app.log" 2>&1 &
  APP_PID=$!
}

# ui_wait_window [SECONDS [CRITERIA…]]: sets WID to the first visible
# window xdotool search finds with CRITERIA (by default the class
# arrestdesk), or fails after SECONDS (30).
ui_wait_window ()
{
  local seconds=${1:-30}
  [ $# -gt 0 ] && shift
  [ $# -gt 0 ] || set -- --classname '^arrestdesk$'
  WID=$(timeout "$seconds" xdotool search --sync --onlyvisible "$@" 2>/dev/null | head -n 1)
  [ -n "$WID" ] || fail "no arrestdesk window appeared within $seconds s"
}

# ui_wait_for SECONDS COMMAND…: runs COMMAND every 0.1 s until it succeeds
# (returns 0) or SECONDS have passed (returns 1); fails the test if the app
# (APP_PID) exits meanwhile.
ui_wait_for ()
{
  local deadline=$((SECONDS + $1))
  shift
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$APP_PID" 2>/dev/null || fail "arrestdesk exited unexpectedly"
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

# ui_screenshot FILE: the whole screen into FILE.
ui_screenshot ()
{
  /usr/bin/import -window root "$1" || fail "screenshot $1 failed"
}

# ui_differing_pixels A B: prints how many pixels differ between two
# screenshots (compare -metric AE); fails if they cannot be compared.
ui_differing_pixels ()
{
  local n
  n=$(/usr/bin/compare -metric AE "$1" "$2" null: 2>&1)
  case $n in
    ''|*[!0-9]*) fail "cannot compare $1 and $2: $n" ;;
  esac
  echo "$n"
}

# ui_focus WID: gives the window the keyboard focus (there is no window
# manager under Xvfb to do it).
ui_focus ()
{
  xdotool windowfocus --sync "$1" 2>/dev/null || xdotool windowfocus "$1" || fail "cannot focus the window"
}

# ui_no_criticals: fails if the app logged a critical warning.
ui_no_criticals ()
{
  if grep -q -- "-CRITICAL \*\*" "$TMP/app.log"; then
    fail "arrestdesk logged critical warnings"
  fi
}

# ui_quit_app: ui_quit on APP_PID and WID (clears APP_PID), then
# ui_no_criticals. Not in a $(…) subshell: only this shell may wait for the app.
ui_quit_app ()
{
  ui_quit "$APP_PID" "$WID" >"$TMP/quit.txt" || fail "$(cat "$TMP/quit.txt")"
  APP_PID=
  ui_no_criticals
}

# ui_private_env DIR: HOME and the XDG folders inside DIR, in-memory
# GSettings, the X11 cairo renderer (no window manager, no GL under Xvfb).
ui_private_env ()
{
  mkdir -p "$1/home" "$1/data" "$1/config" "$1/cache" || return 1
  export HOME="$1/home"
  export XDG_DATA_HOME="$1/data"
  export XDG_CONFIG_HOME="$1/config"
  export XDG_CACHE_HOME="$1/cache"
  export GSETTINGS_BACKEND=memory
  export GSK_RENDERER=cairo
  export GDK_BACKEND=x11
  export NO_AT_BRIDGE=1
  unset WAYLAND_DISPLAY
}

# ui_stop PID…: ends each process the test started that still runs.
ui_stop ()
{
  local pid
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
}

# ui_quit PID WID: Ctrl+Q in the window (no window manager: focus it
# first), then waits up to 10 s for a clean exit; says on stdout what went
# wrong. Call it in the shell that started the app (wait needs its child).
ui_quit ()
{
  local status
  xdotool windowfocus --sync "$2" 2>/dev/null || xdotool windowfocus "$2" || { echo "cannot focus the window"; return 1; }
  xdotool key --clearmodifiers ctrl+q || { echo "xdotool key ctrl+q failed"; return 1; }
  for _ in $(seq 100); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$1" 2>/dev/null && { echo "arrestdesk did not quit on Ctrl+Q within 10 s"; return 1; }
  wait "$1"
  status=$?
  [ "$status" -eq 0 ] || { echo "arrestdesk exited with status $status"; return 1; }
}
