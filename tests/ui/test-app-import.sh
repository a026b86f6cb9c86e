#!/bin/bash
# Arrestee import in the app, end to end: the real arrestdesk on a real
# (Xvfb) display, driven by real key presses. On a database made with
# arrestdesk-ctl (20 demo arrestees) it
#   - presses Ctrl+I, types a CSV file's path into the file chooser and
#     checks the Arrestees page then lists the 3 new arrestees, and that
#     arrestdesk-ctl stats counts them (and the one new station),
#   - imports a file with a bad time on line 3 and checks the error dialog
#     appears, names the line, and nothing was imported,
#   - imports from a pipe fed slowly, presses Escape while it is read, and
#     checks the import stopped (the pipe's writer is cut off) with nothing
#     imported,
#   - imports a file of 30,000 arrestees, checks the progress dialog shows
#     while it runs and every one of them arrives,
#   - checks the app's output quotes none of the file's names,
# then quits with Ctrl+Q. Screenshots go to OUTPUT-DIR/screenshots.
#
# Usage: test-app-import.sh ARRESTDESK ARRESTDESK-CTL OUTPUT-DIR

set -u

. "$(dirname "$0")/ui-session.sh"

ui_args APP=ARRESTDESK CTL=ARRESTDESK-CTL OUT=OUTPUT-DIR -- "$@"

N_DEMO=20
SHOTS="$OUT/screenshots"
WRITER_PID=
UI_PIDS=WRITER_PID
UI_KEEP=("app.log:app-import.log")
UI_FAILURE_SHOT="$SHOTS/import-failure.png"

ui_require_display
ui_require_imagemagick import
ui_require_program arrestdesk "$APP"
ui_require_program arrestdesk-ctl "$CTL"

ui_begin arrestdesk-ui-import
ui_screenshots 'import-*.png'

DB="$TMP/records.db"
KEY="$TMP/records.key"
STATUS="$TMP/status"
GOOD="$TMP/good.csv"
BAD="$TMP/bad.csv"
BIG="$TMP/big.csv"
SLOW="$TMP/slow.csv"
N_BIG=30000

log "making $N_DEMO demo arrestees"
ui_make_db "$DB" "$KEY" "$N_DEMO" 11

count_of ()
{
  local stats n
  stats=$(ctl stats 2>&1) || fail "arrestdesk-ctl stats failed: $stats"
  n=$(ui_stats_count "$1" <<<"$stats")
  [ -n "$n" ] || fail "arrestdesk-ctl stats does not count the $1 table"
  echo "$n"
}
stations_before=$(count_of station) || exit 1

# A spreadsheet's file: byte order mark, CRLF, a quoted comma and line break.
printf '\xef\xbb\xbfName,Station,Arrest Time,notes\r\n"Quill, Ada",Import Test Station,2026-11-22 14:30,"kept, safe\r\nsecond line"\r\nBoris Quimby,import test station,,\r\nCyra Quest,,,\r\n' >"$GOOD"
printf 'name,arrest_time\nDora Quarry,2026-11-22T10:00:00Z\nEdda Quorn,teatime\n' >"$BAD"
{
  echo 'name,station,arrest_time,notes'
  seq "$N_BIG" | awk '{ printf "Bulk Person %d,Import Test Station,2026-11-22T10:%02d:00Z,\"note %d, with a comma\"\n", $1, $1 % 60, $1 }'
} >"$BIG"

log "starting arrestdesk"
ui_start_app "$DB" "$KEY" ARRESTDESK_TEST_STATUS_FILE="$STATUS"
ui_wait_window

# Whether the status file's first line reads $1.
status_is ()
{
  [ -s "$STATUS" ] && [ "$(head -n 1 "$STATUS")" = "$1" ]
}

# The status file's "page count", once it reads $1; what it reads on timeout.
wait_status ()
{
  if ui_wait_for 15 status_is "$1"; then
    echo "$1"
    return 0
  fi
  [ -s "$STATUS" ] && head -n 1 "$STATUS"
  return 1
}

# The id of a visible window whose title is $1, within 15 s.
wait_window ()
{
  timeout 15 xdotool search --sync --onlyvisible --name "^$1\$" 2>/dev/null | head -n 1
}

focus_main ()
{
  ui_focus "$WID"
  sleep 0.3
}

shot ()
{
  sleep 0.7  # let it paint
  ui_screenshot "$SHOTS/import-$1.png"
}

# Type a path into GTK's file chooser and open it.
choose_file ()
{
  local chooser
  xdotool key --clearmodifiers ctrl+i || fail "xdotool key ctrl+i failed"
  chooser=$(wait_window "Import Arrestees")
  [ -n "$chooser" ] || fail "Ctrl+I opened no file chooser titled “Import Arrestees” within 15 s"
  xdotool windowfocus --sync "$chooser" 2>/dev/null || xdotool windowfocus "$chooser"
  sleep 0.5
  xdotool key --clearmodifiers ctrl+l || fail "xdotool key ctrl+l failed"
  sleep 0.3
  xdotool type --delay 15 "$1" || fail "xdotool type failed"
  sleep 0.3
  shot "$2"
  xdotool key --clearmodifiers Return || fail "xdotool key Return failed"
  # A chooser still open means the typed path went astray, not the import.
  for _ in $(seq 100); do
    xdotool search --onlyvisible --name '^Import Arrestees$' >/dev/null 2>&1 || return 0
    sleep 0.1
  done
  fail "the file chooser stayed open 10 s after its path was typed and Return pressed (see $SHOTS/import-$2.png)"
}

first=$(wait_status "calls $(count_of call)") || fail "the Calls page did not load (status: '${first:-none}')"
focus_main
xdotool key --clearmodifiers ctrl+2 || fail "xdotool key ctrl+2 failed"
listed=$(wait_status "arrestees $N_DEMO") || fail "Ctrl+2 did not list $N_DEMO arrestees (status: '${listed:-none}')"
log "ready: $listed"

log "importing $GOOD"
choose_file "$GOOD" chooser
listed=$(wait_status "arrestees $((N_DEMO + 3))") \
  || fail "after the import the Arrestees page does not list $((N_DEMO + 3)) arrestees (status: '${listed:-none}')"
log "imported: $listed"
shot imported
[ "$(count_of arrestee)" -eq $((N_DEMO + 3)) ] || fail "arrestdesk-ctl stats counts $(count_of arrestee) arrestees, not $((N_DEMO + 3))"
[ "$(count_of station)" -eq $((stations_before + 1)) ] || fail "the import did not make exactly one new station"
ctl export --json >"$TMP/export.json" 2>&1 || fail "arrestdesk-ctl export failed"
grep -q '"Quill, Ada"' "$TMP/export.json" || fail "the export holds no arrestee “Quill, Ada”"
grep -q 'kept, safe\\nsecond line' "$TMP/export.json" || fail "the quoted note with a line break did not arrive whole"

log "importing $BAD"
focus_main
choose_file "$BAD" chooser-bad
error_window=$(wait_window "Import Failed")
[ -n "$error_window" ] || fail "a file with a bad time showed no “Import Failed” dialog within 15 s"
shot error
[ "$(count_of arrestee)" -eq $((N_DEMO + 3)) ] || fail "the bad file imported something"
xdotool windowfocus --sync "$error_window" 2>/dev/null || xdotool windowfocus "$error_window"
sleep 0.3
xdotool key --clearmodifiers Return || fail "xdotool key Return failed"
for _ in $(seq 50); do
  xdotool search --onlyvisible --name '^Import Failed$' >/dev/null 2>&1 || break
  sleep 0.1
done
xdotool search --onlyvisible --name '^Import Failed$' >/dev/null 2>&1 && fail "Return did not close the error dialog"

log "cancelling an import while it reads"
mkfifo "$SLOW" || fail "mkfifo failed"
# About 64 KiB (one read of the importer) every half second, for 20 s at most.
(
  echo 'name,station'
  for chunk in $(seq 40); do
    seq 3000 | awk -v c="$chunk" '{ printf "Slow Person %d-%d,Slow Station\n", c, $1 }' || exit 0
    sleep 0.5
  done
) >"$SLOW" 2>/dev/null &
WRITER_PID=$!
focus_main
choose_file "$SLOW" chooser-slow
progress=$(wait_window "Importing Arrestees")
[ -n "$progress" ] || fail "no “Importing Arrestees” progress dialog showed while the pipe was read"
sleep 1.5
ui_screenshot "$SHOTS/import-reading.png"
xdotool windowfocus --sync "$progress" 2>/dev/null || xdotool windowfocus "$progress"
sleep 0.3
xdotool key --clearmodifiers Escape || fail "xdotool key Escape failed"
# Cancelled, the importer closes the pipe and its writer dies of it long before its 20 s.
for _ in $(seq 100); do
  kill -0 "$WRITER_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$WRITER_PID" 2>/dev/null && fail "Escape did not stop the import: it still reads the pipe 10 s later"
WRITER_PID=
shot cancelled
# Stopped by the cancel, not by an error in what it read.
xdotool search --onlyvisible --name '^Import Failed$' >/dev/null 2>&1 && fail "the import from the pipe failed instead of being cancelled"
xdotool search --onlyvisible --name '^Importing Arrestees$' >/dev/null 2>&1 && fail "the progress dialog stayed after the import was cancelled"
[ "$(count_of arrestee)" -eq $((N_DEMO + 3)) ] || fail "the cancelled import wrote arrestees"
[ "$(head -n 1 "$STATUS")" = "arrestees $((N_DEMO + 3))" ] || fail "after the cancel the Arrestees page lists '$(head -n 1 "$STATUS")'"

log "importing $N_BIG arrestees"
focus_main
choose_file "$BIG" chooser-big
progress=$(wait_window "Importing Arrestees")
[ -n "$progress" ] || fail "no “Importing Arrestees” progress dialog showed while $N_BIG arrestees were imported"
sleep 0.7  # let it paint; the write of 30,000 takes seconds
ui_screenshot "$SHOTS/import-progress.png"
total=$((N_DEMO + 3 + N_BIG))
deadline=$((SECONDS + 90))
while [ "$(head -n 1 "$STATUS" 2>/dev/null)" != "arrestees $total" ] && [ $SECONDS -lt $deadline ]; do
  kill -0 "$APP_PID" 2>/dev/null || fail "arrestdesk exited during the big import"
  sleep 0.2
done
[ "$(head -n 1 "$STATUS")" = "arrestees $total" ] || fail "the Arrestees page does not list $total arrestees after the big import (status: '$(head -n 1 "$STATUS")')"
xdotool search --onlyvisible --name '^Importing Arrestees$' >/dev/null 2>&1 && fail "the progress dialog stayed after the import ended"
[ "$(count_of arrestee)" -eq "$total" ] || fail "arrestdesk-ctl stats does not count $total arrestees after the big import"
shot big

log "quitting with Ctrl+Q"
ui_quit_app
for name in Quill Quimby Quest Quarry Quorn teatime "Slow Person" "Bulk Person"; do
  grep -q "$name" "$TMP/app.log" && fail "the app's output quotes a value of the imported file ($name)"
done

log "screenshots in $SHOTS"
echo "PASS: Ctrl+I imported 3 arrestees and a station, then $N_BIG with progress; a bad line showed its error, Escape cancelled a read, neither imported anything"
exit 0
