#!/bin/bash
# Records the keyring cannot open, end to end: the real arrestdesk on a real
# (Xvfb) display with a real gnome-keyring, driven by real key presses. On
# a database made with a key file the keyring does not hold, it checks
#   - the start shows the "Keyring Locked" dialog over "Records Locked",
#   - a wrong passphrase typed and Enter give the "Wrong Passphrase" dialog,
#   - Escape leaves the records locked, with Unlock… focused: Enter asks again,
#   - "Try Keyring Again" (Alt+T) asks again while the key is still missing,
#   - the database file is byte for byte what it was (nothing made over it),
#   - the key file's key then opens the records (the Calls page loads),
#   - the app's output never quotes the passphrase typed,
# then quits with Ctrl+Q. Screenshots go to OUTPUT-DIR/screenshots.
#
# Usage: test-app-unlock.sh ARRESTDESK ARRESTDESK-CTL OUTPUT-DIR

set -u

. "$(dirname "$0")/ui-session.sh"

ui_args APP=ARRESTDESK CTL=ARRESTDESK-CTL OUT=OUTPUT-DIR -- "$@"

SHOTS="$OUT/screenshots"
UI_KEEP=("app.log:app-unlock.log")
UI_FAILURE_SHOT="$SHOTS/unlock-failure.png"
WRONG_PASSPHRASE="not-the-passphrase-7431"

ui_require_display
ui_require_imagemagick import
ui_require_program arrestdesk "$APP"
ui_require_program arrestdesk-ctl "$CTL"

ui_begin arrestdesk-ui-unlock
ui_screenshots 'unlock-*.png'

DB="$TMP/records.db"
KEY="$TMP/records.key"
STATUS="$TMP/status"

log "making the database with a key file only"
ui_make_db "$DB" "$KEY" 5 21
before=$(sha256sum <"$DB")

# The id of a visible window whose title is $1, within 15 s.
wait_window ()
{
  timeout 15 xdotool search --sync --onlyvisible --name "^$1\$" 2>/dev/null | head -n 1
}

# Fails unless no window titled $1 is visible within 5 s.
wait_gone ()
{
  for _ in $(seq 50); do
    xdotool search --onlyvisible --name "^$1\$" >/dev/null 2>&1 || return 0
    sleep 0.1
  done
  fail "the “$1” dialog stayed open"
}

# The id of a visible window titled $1 other than window $2 (the dialog it
# replaces), within 15 s.
wait_new_window ()
{
  local id
  for _ in $(seq 150); do
    for id in $(xdotool search --onlyvisible --name "^$1\$" 2>/dev/null); do
      [ "$id" != "$2" ] && { echo "$id"; return 0; }
    done
    sleep 0.1
  done
  return 1
}

shot ()
{
  sleep 0.7  # let it paint
  ui_screenshot "$SHOTS/unlock-$1.png"
}

status_is ()
{
  [ -s "$STATUS" ] && [ "$(head -n 1 "$STATUS")" = "$1" ]
}

log "starting arrestdesk without the key"
ARRESTDESK_TEST_STATUS_FILE="$STATUS" "$APP" --database "$DB" --volunteer Tester >>"$TMP/app.log" 2>&1 &
APP_PID=$!
ui_wait_window

dialog=$(wait_window "Keyring Locked")
[ -n "$dialog" ] || fail "records whose key the keyring lacks showed no “Keyring Locked” dialog within 15 s"
shot keyring-locked

log "a wrong passphrase"
ui_focus "$dialog"
sleep 0.3
xdotool type --delay 15 "$WRONG_PASSPHRASE" || fail "xdotool type failed"
xdotool key --clearmodifiers Return || fail "xdotool key Return failed"
dialog=$(wait_window "Wrong Passphrase")
[ -n "$dialog" ] || fail "a wrong passphrase and Enter showed no “Wrong Passphrase” dialog within 15 s"
shot wrong-passphrase

log "Escape, then Enter on Unlock…"
ui_focus "$dialog"
sleep 0.3
xdotool key --clearmodifiers Escape || fail "xdotool key Escape failed"
wait_gone "Wrong Passphrase"
shot locked
ui_focus "$WID"
sleep 0.3
xdotool key --clearmodifiers Return || fail "xdotool key Return failed"
dialog=$(wait_window "Keyring Locked")
[ -n "$dialog" ] || fail "Enter on the locked window did not ask for the key again (no “Keyring Locked” dialog)"

log "Try Keyring Again while the key is still missing"
ui_focus "$dialog"
sleep 0.3
xdotool key --clearmodifiers alt+t || fail "xdotool key alt+t failed"
dialog=$(wait_new_window "Keyring Locked" "$dialog")
[ -n "$dialog" ] || fail "Try Keyring Again, with the key still missing, did not ask again"
[ "$(sha256sum <"$DB")" = "$before" ] || fail "the locked database file changed"
[ -s "$STATUS" ] && fail "a page loaded records while they were locked (status: '$(head -n 1 "$STATUS")')"

log "quitting the locked app, then opening with the key file"
ui_focus "$dialog"
xdotool key --clearmodifiers Escape || fail "xdotool key Escape failed"
wait_gone "Keyring Locked"
ui_quit_app
grep -q "$WRONG_PASSPHRASE" "$TMP/app.log" && fail "the app's output quotes the passphrase typed"

ui_start_app "$DB" "$KEY" ARRESTDESK_TEST_STATUS_FILE="$STATUS"
ui_wait_window
ui_wait_for 20 status_is "calls $(ctl stats | ui_stats_count call)" \
  || fail "the key file did not open the records the keyring could not (status: '$(head -n 1 "$STATUS" 2>/dev/null)')"
shot opened
ui_quit_app

log "screenshots in $SHOTS"
echo "PASS: records the keyring lacks stayed locked and untouched through a wrong passphrase, Unlock… and Try Keyring Again, then opened with their key"
exit 0
