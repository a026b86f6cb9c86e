#!/bin/bash
# App shell, end to end: the real arrestdesk on a real (Xvfb) display, driven
# by real key presses. Makes an encrypted database with 1000 demo arrestees,
# switches through the five pages with Ctrl+1…Ctrl+5 and checks, after each
# press, that
#   - the app reports the page that was asked for (ARRESTDESK_TEST_STATUS_FILE),
#   - the page lists every record of its table (1000 on the Arrestees page),
#   - the screen really changed (screenshots differ),
# then quits with Ctrl+Q and checks the app exits cleanly.
#
# Usage: test-app-shell.sh ARRESTDESK ARRESTDESK-CTL OUTPUT-DIR
# Screenshots are kept in OUTPUT-DIR/screenshots, the app's log in OUTPUT-DIR.

set -u

. "$(dirname "$0")/ui-session.sh"

ui_args APP=ARRESTDESK CTL=ARRESTDESK-CTL OUT=OUTPUT-DIR -- "$@"

N_ARRESTEES=1000
SHOTS="$OUT/screenshots"
UI_KEEP=("app.log:app-shell.log")

ui_require_display
ui_require_imagemagick import compare
ui_require_program arrestdesk "$APP"
ui_require_program arrestdesk-ctl "$CTL"

ui_begin arrestdesk-ui
ui_screenshots 'page-*.png'

DB="$TMP/records.db"
KEY="$TMP/records.key"
STATUS="$TMP/status"

log "making $N_ARRESTEES demo arrestees"
ui_make_db "$DB" "$KEY" "$N_ARRESTEES" 7

# The demo makes one action, so each page must list every live record of its table.
STATS=$(ctl stats 2>&1) || { echo "$STATS" >&2; fail "arrestdesk-ctl stats failed"; }
expected_count ()
{
  local n
  n=$(ui_stats_count "$1" <<<"$STATS")
  [ -n "$n" ] || fail "arrestdesk-ctl stats does not count the $1 table"
  echo "$n"
}
[ "$(expected_count arrestee)" -eq "$N_ARRESTEES" ] || fail "the demo made $(expected_count arrestee) arrestees, asked for $N_ARRESTEES"

log "starting arrestdesk"
ui_start_app "$DB" "$KEY" ARRESTDESK_TEST_STATUS_FILE="$STATUS"
ui_wait_window
log "window $WID"

# Whether the status file's first line (into line) shows the page $1.
status_on_page ()
{
  [ -s "$STATUS" ] || return 1
  line=$(head -n 1 "$STATUS")
  [ -n "$1" ] && [ "${line%% *}" = "$1" ]
}

# "page count", once the app has written it; empty on timeout.
wait_status ()
{
  local line
  if ui_wait_for 10 status_on_page "$1"; then
    echo "$line"
    return 0
  fi
  [ -s "$STATUS" ] && head -n 1 "$STATUS"
  return 1
}

# The first page shows once the records are open.
first=$(wait_status calls) || fail "the Calls page did not load within 10 s (status: '${first:-none}')"
log "ready: $first"

# No window manager under Xvfb: give the window the keyboard focus directly.
ui_focus "$WID"
sleep 0.5

previous=
# Ctrl+1 last, so that every press changes the page.
for n in 2 3 4 5 1; do
  case $n in
    1) page=calls table=call ;;
    2) page=arrestees table=arrestee ;;
    3) page=observers table=observer_shift ;;
    4) page=stations table=station ;;
    5) page=rota table=rota_slot ;;
  esac
  expected=$(expected_count "$table") || exit 1

  rm -f "$STATUS"
  xdotool key --clearmodifiers "ctrl+$n" || fail "xdotool key ctrl+$n failed"

  status=$(wait_status "$page") || fail "Ctrl+$n did not show the $page page within 10 s (status: '${status:-none}')"
  count=${status#* }
  log "Ctrl+$n: $status"

  case $count in
    ''|*[!0-9]*) fail "the $page page reported a count that is not a number: '$status'" ;;
  esac
  [ "$count" -eq "$expected" ] || fail "the $page page lists $count records, the database holds $expected $table records"

  sleep 0.7  # let the new page paint
  shot="$SHOTS/page-$n.png"
  ui_screenshot "$shot"

  if [ -n "$previous" ]; then
    diff_pixels=$(ui_differing_pixels "$previous" "$shot") || exit 1
    [ "$diff_pixels" -gt 1000 ] || fail "Ctrl+$n changed only $diff_pixels pixels: the screen did not switch page ($shot)"
  fi
  previous=$shot
done

log "quitting with Ctrl+Q"
ui_quit_app

log "screenshots in $SHOTS"
echo "PASS: five pages switched by Ctrl+1…Ctrl+5, $N_ARRESTEES arrestees listed"
exit 0
