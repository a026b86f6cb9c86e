#!/bin/bash
# Sync in the app, end to end: the real arrestdesk on a real (Xvfb) display,
# driven by real key presses, syncing with the real arrestdesk-server over
# TLS on 127.0.0.1 (a self-signed certificate made here). Two more desks are
# driven from the command line (arrestdesk-ctl, and desk-ui-field for a
# field edit, which the ctl has no command for).
#   1. First run: the app asks how the desk works; "Connect to a Back Office
#      Server", address, user, password; the certificate is shown by its
#      fingerprint; "Do Not Trust" sends nothing, "Trust and Connect" goes
#      on; a wrong password is refused with a message; the right one logs in.
#   2. The header reaches "Synced HH:MM" and the records arrive.
#   3. A change made with arrestdesk-ctl on another desk shows up (poke).
#   4. Two other desks edit one field at once: the conflict shows in the
#      header and in Ctrl+Shift+R; keeping the other value from the UI
#      reaches another desk, marked resolved.
#   5. A change the desk's role may not make (a BOV editing a station) is
#      refused by the server and listed with the reason.
#   6. Started again, the desk syncs at once with the session kept in the
#      keyring, without asking. A PSSC's desk shows its role and cannot
#      start a new action. A new desk may also work on its own.
# Needs the session of `make test` (D-Bus with an unlocked gnome-keyring).
#
# Usage: test-app-sync.sh ARRESTDESK ARRESTDESK-CTL ARRESTDESK-SERVER DESK-UI-FIELD OUTPUT-DIR
# Screenshots are kept in OUTPUT-DIR/screenshots (sync-*.png).

set -u

. "$(dirname "$0")/ui-session.sh"

ui_args APP=ARRESTDESK CTL=ARRESTDESK-CTL SERVER=ARRESTDESK-SERVER FIELD=DESK-UI-FIELD \
  OUT=OUTPUT-DIR -- "$@"

SHOTS="$OUT/screenshots"
SERVER_PID=
UI_PIDS=SERVER_PID
UI_KEEP=("app.log:app-sync.log" "server.log:app-sync-server.log")
PASSWORD_ALICE="correct horse battery staple"
PASSWORD_CORA="coordinates the whole shift"
PASSWORD_BOB="tr0ub4dor&3 is not a good one"
PASSWORD_PAUL="station support 2026"

shot ()
{
  ui_screenshot "$SHOTS/$1"
  log "screenshot $SHOTS/$1"
}

# Before the end of the app's log: where sync stood, and the server's log.
ui_fail_details ()
{
  [ -f "$TMP/sync-status" ] && echo "sync status: $(cat "$TMP/sync-status")"
  [ -f "$TMP/server.log" ] && { echo "--- server log ---"; tail -n 20 "$TMP/server.log"; }
}

ui_require_display
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "no D-Bus session: the session token goes to the keyring (make test runs a throwaway one)"
command -v openssl >/dev/null || fail "openssl is not installed"
ui_require_imagemagick import
for binary in "$APP" "$CTL" "$SERVER" "$FIELD"; do
  [ -x "$binary" ] || fail "no program at $binary"
done

ui_begin arrestdesk-sync-ui
mkdir -p "$TMP/server" || fail "mkdir failed"
ui_screenshots 'sync-*.png'
UI_FAILURE_SHOT="$SHOTS/sync-failure.png"
export GIO_USE_PROXY_RESOLVER=dummy

# The server: a certificate made here, three accounts.
CERT="$TMP/server/cert.pem"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/server/key.pem" -out "$CERT" -days 2 \
  -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1 \
  || fail "openssl could not make a certificate"
FINGERPRINT=$(openssl x509 -in "$CERT" -noout -fingerprint -sha256 | sed 's/.*=//')
add_user ()
{
  printf '%s\n' "$3" | "$SERVER" user add "$1" --role "$2" --data "$TMP/server/data" >>"$TMP/server.log" 2>&1 \
    || fail "arrestdesk-server user add $1 failed"
}
add_user alice bov "$PASSWORD_ALICE"
add_user cora coordinator "$PASSWORD_CORA"
add_user bob bov "$PASSWORD_BOB"
add_user paul pssc "$PASSWORD_PAUL"

"$SERVER" serve --listen 127.0.0.1:0 --cert "$CERT" --key "$TMP/server/key.pem" --data "$TMP/server/data" \
  >"$TMP/server.out" 2>>"$TMP/server.log" &
SERVER_PID=$!
URL=
for _ in $(seq 100); do
  URL=$(grep -o 'https://127.0.0.1:[0-9]*' "$TMP/server.out" 2>/dev/null | head -n 1)
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "arrestdesk-server exited"
  sleep 0.1
done
[ -n "$URL" ] || fail "arrestdesk-server did not start within 10 s"
log "server at $URL, certificate $FINGERPRINT"

# A desk driven from the command line: "desk NAME ARGS…".
desk ()
{
  local name=$1
  shift
  "$CTL" --database "$TMP/$name.db" --key-file "$TMP/$name.key" "$@"
}
new_desk ()
{
  "$CTL" keygen "$TMP/$1.key" >/dev/null 2>&1 || fail "arrestdesk-ctl keygen failed"
  desk "$1" init >>"$TMP/ctl.log" 2>&1 || fail "arrestdesk-ctl init failed for desk $1"
}
log_in ()
{
  printf '%s\n' "$3" | desk "$1" login --server "$URL" --user "$2" --ca-file "$CERT" >>"$TMP/ctl.log" 2>&1 \
    || { cat "$TMP/ctl.log" >&2; fail "arrestdesk-ctl login failed for desk $1"; }
}
sync_desk ()
{
  desk "$1" sync >>"$TMP/ctl.log" 2>&1 || { cat "$TMP/ctl.log" >&2; fail "arrestdesk-ctl sync failed for desk $1"; }
}
count ()
{
  desk "$1" stats 2>/dev/null | awk -v t="$2" '$1 == t { print $2 }'
}

# Desk B (a coordinator) records an action; desk C (a BOV) follows it.
new_desk b
desk b demo --arrestees 5 --seed 3 >>"$TMP/ctl.log" 2>&1 || fail "arrestdesk-ctl demo failed"
log_in b cora "$PASSWORD_CORA"
sync_desk b
new_desk c
log_in c bob "$PASSWORD_BOB"
sync_desk c
[ "$(count c arrestee)" = 5 ] || fail "desk C pulled $(count c arrestee) arrestees, expected 5"

# The app's desk: a new database, no account, no choice made.
new_desk a
STATUS="$TMP/sync-status"
log "starting arrestdesk"
ui_start_app "$TMP/a.db" "$TMP/a.key" ARRESTDESK_TEST_SYNC_STATUS_FILE="$STATUS"
ui_wait_window
MAIN=$WID

# Waits until the sync status file matches an extended regular expression.
status_matches () { [ -s "$STATUS" ] && grep -Eq "$1" "$STATUS"; }
wait_status ()
{
  ui_wait_for "${2:-20}" status_matches "$1" && return 0
  fail "the sync status never matched '$1' (it says: $(cat "$STATUS" 2>/dev/null))"
}

find_window ()
{
  local id
  id=$(timeout 15 xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -n 1)
  [ -n "$id" ] || fail "no window named '$1' appeared within 15 s"
  echo "$id"
}

focus ()
{
  xdotool windowfocus --sync "$1" 2>/dev/null || xdotool windowfocus "$1" || fail "cannot focus window $1"
  sleep 0.4
}

press () { xdotool key --clearmodifiers "$@" || fail "xdotool key $* failed"; sleep 0.4; }
type_text () { xdotool type --delay 20 -- "$1" || fail "xdotool type failed"; sleep 0.2; }

# 1. The first-run question.
DIALOG=$(find_window '^Back Office Server$')
focus "$DIALOG"
sleep 0.5
shot sync-1-first-run.png
press Return                      # "Connect to a Back Office Server" has the focus
type_text "$URL"
press Return                      # on to the user name
type_text alice
press Return                      # on to the password
type_text "not her password"
shot sync-2-server-form.png
press Return                      # connect

# The certificate no authority vouches for: shown, not trusted yet.
sleep 2
shot sync-3-certificate.png
[ ! -s "$STATUS" ] || grep -q '^none' "$STATUS" || fail "the desk syncs before the certificate was accepted: $(cat "$STATUS")"
press Return                      # "Do Not Trust" has the focus
sleep 1
shot sync-3b-not-trusted.png
[ ! -s "$STATUS" ] || grep -q '^none' "$STATUS" || fail "the desk syncs after the certificate was refused: $(cat "$STATUS")"
[ "$(count a arrestee)" = 0 ] || fail "records arrived although the certificate was refused"
grep -q 'fingerprint' "$TMP/app.log" && fail "the certificate's refusal was logged with its fingerprint"

# Again, and this time trust it (Alt+T: "Trust and Connect"): the wrong
# password is refused, and the form says so.
press Return                      # from the address on to the user name
press Return                      # on to the password (still typed)
press Return                      # connect
sleep 2
press alt+t
sleep 2
shot sync-3c-wrong-password.png
[ ! -s "$STATUS" ] || grep -q '^none' "$STATUS" || fail "the desk syncs after a wrong password: $(cat "$STATUS")"

# The password field has the focus: the right password, and the certificate
# accepted a moment ago is not asked about again.
press ctrl+a
type_text "$PASSWORD_ALICE"
press Return

# 2. Synced, and the records pulled.
wait_status '^online waiting=0 .*text=Synced [0-9]' 30
log "status: $(cat "$STATUS")"
[ "$(count a arrestee)" = 5 ] || fail "the app's desk holds $(count a arrestee) arrestees after its first sync, expected 5"
focus "$MAIN"
sleep 1
shot sync-4-synced.png

# The popover (a click on the status, left of the main menu): details and
# "Sync Now"; Ctrl+R syncs too.
xdotool mousemove 890 28 click 1 || fail "xdotool click failed"
sleep 1
shot sync-4b-popover.png
press Escape
xdotool mousemove 600 500         # no tooltip over the next screenshots
press ctrl+r
wait_status '^online waiting=0 .*text=Synced [0-9]' 20

# The shortcuts window lists the sync shortcuts.
press ctrl+question
sleep 1
shot sync-4c-shortcuts.png
press Escape

# 3. A change made with arrestdesk-ctl on desk B arrives by itself.
desk b demo --arrestees 3 --seed 4 --action "Autumn Blockade" >>"$TMP/ctl.log" 2>&1 || fail "arrestdesk-ctl demo failed"
sync_desk b
deadline=$((SECONDS + 20))
while [ "$(count a arrestee)" != 8 ] && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
[ "$(count a arrestee)" = 8 ] || fail "desk B's new arrestees did not reach the app within 20 s ($(count a arrestee) of 8)"
wait_status '^online waiting=0 ' 20
sleep 1
shot sync-5-remote-change.png

# 4. Desks B and C change one custody number at once: a conflict.
ARRESTEE=$(desk b export --json | /usr/bin/python3 -c '
import json, sys
records = json.load(sys.stdin)["records"]
print(sorted(a["id"] for a in records["arrestee"] if a["legal_name"] and not a["deleted"])[0])')
[ -n "$ARRESTEE" ] || fail "no arrestee to edit on desk B"
sync_desk c
"$FIELD" "$TMP/b.db" "$TMP/b.key" set arrestee "$ARRESTEE" custody_number "BX/111/26" "Cora at desk B" \
  || fail "cannot edit desk B"
sleep 0.05
"$FIELD" "$TMP/c.db" "$TMP/c.key" set arrestee "$ARRESTEE" custody_number "BX/222/26" "Bob at desk C" \
  || fail "cannot edit desk C"
sync_desk b
sync_desk c
wait_status ' conflicts=1 ' 20
focus "$MAIN"
sleep 1
shot sync-6-conflict-header.png

press ctrl+shift+r
ISSUES=$(find_window '^Conflicts and Refused Changes$')
focus "$ISSUES"
sleep 1
shot sync-7-conflicts-window.png

# Keep the value that lost (desk B's): the second "Keep" button. Tab order
# from the page switcher: "Refused Changes", then each "Keep".
press Tab
press Tab
press Tab
shot sync-8-keep-focused.png
press space
wait_status ' conflicts=0 ' 20
wait_status '^online waiting=0 ' 20
sleep 1
shot sync-9-resolved.png

# The choice reached desk C through the server.
sync_desk c
VALUE=$("$FIELD" "$TMP/c.db" "$TMP/c.key" get arrestee "$ARRESTEE" custody_number)
[ "$VALUE" = "BX/111/26" ] || fail "desk C holds custody number '$VALUE' after the app resolved the conflict, expected BX/111/26"
CONFLICT=$(desk c export --json | /usr/bin/python3 -c '
import json, sys
print(" ".join(c["id"] + ":" + str(c["resolved"]) for c in json.load(sys.stdin)["records"]["conflict"]))')
[ -n "$CONFLICT" ] || fail "desk C holds no conflict record"
case $CONFLICT in
  *" "*) fail "desk C holds more than one conflict record: $CONFLICT" ;;
  *:1) ;;
  *) fail "the conflict is not resolved on desk C: $CONFLICT" ;;
esac

focus "$ISSUES"
press Escape

# 5. A BOV may read stations but not change them. arrestdesk-ctl has no
# edit command and the app no station editor yet, so the edit is written
# into the app's database from the side, as any local change; Ctrl+R sends it.
STATION=$(desk a export --json | /usr/bin/python3 -c '
import json, sys
print(sorted(s["id"] for s in json.load(sys.stdin)["records"]["station"])[0])')
[ -n "$STATION" ] || fail "no station on the app's desk"
"$FIELD" "$TMP/a.db" "$TMP/a.key" set station "$STATION" area "Somewhere else" "Tester" \
  || fail "cannot edit a station on the app's desk"
focus "$MAIN"
press ctrl+r
wait_status ' rejected=1 ' 20
press ctrl+shift+r
ISSUES=$(find_window '^Conflicts and Refused Changes$')
focus "$ISSUES"
sleep 1
shot sync-10-refused.png
press Escape

quit_app ()
{
  focus "$MAIN"
  press ctrl+q
  for _ in $(seq 100); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$APP_PID" 2>/dev/null; then
    [ -n "${ARRESTDESK_TEST_DEBUG:-}" ] && eu-stack -p "$APP_PID" >&2
    fail "arrestdesk did not quit on Ctrl+Q within 10 s"
  fi
  wait "$APP_PID"
  rc=$?
  APP_PID=
  [ "$rc" -eq 0 ] || fail "arrestdesk exited with status $rc"
  ui_no_criticals
}

start_app ()
{
  rm -f "$STATUS"
  ui_start_app "$TMP/$1.db" "$TMP/$1.key" ARRESTDESK_TEST_SYNC_STATUS_FILE="$STATUS"
  ui_wait_window
  MAIN=$WID
}

log "quitting with Ctrl+Q"
quit_app

# 6. Started again: the account in the database, the session in the keyring.
start_app a
wait_status '^online waiting=0 .*role=bov' 30
xdotool search --onlyvisible --name '^Back Office Server$' >/dev/null 2>&1 \
  && fail "the desk asked how it syncs again although it is connected"
quit_app

# A PSSC's desk (logged in from the command line): the role shows, and
# New Action (the action records are a BOV's or coordinator's) and the
# arrestee import are off.
new_desk d
log_in d paul "$PASSWORD_PAUL"
start_app d
wait_status '^online waiting=0 .*role=pssc' 30
[ "$(count d arrestee)" = 8 ] || fail "the PSSC's desk pulled $(count d arrestee) arrestees, expected 8"
focus "$MAIN"
press F10
sleep 0.5
shot sync-11-pssc-menu.png
press Escape
# Nor may a PSSC import arrestees: Ctrl+I opens no file chooser.
press ctrl+i
sleep 1
xdotool search --onlyvisible --name '^Import Arrestees$' >/dev/null 2>&1 \
  && fail "Ctrl+I opened the arrestee import on a PSSC's desk"
quit_app

# "Work on This Computer Only": no sync, and the desk goes on to its own
# first question (a new action).
new_desk e
start_app e
DIALOG=$(find_window '^Back Office Server$')
focus "$DIALOG"
press Tab                         # from "Connect…" to "Work on This Computer Only"
press Return
sleep 1
xdotool search --onlyvisible --name '^Back Office Server$' >/dev/null 2>&1 \
  && fail "the question stayed open after choosing to work on this computer only"
shot sync-12-local-only.png
grep -q '^none' "$STATUS" || fail "a desk working on its own syncs: $(cat "$STATUS")"
press Escape                      # not now, thank you, to the new action
quit_app
grep -q -- "BX/111\|BX/222" "$TMP/server.log" && fail "the server logged personal data"
grep -q -- "BX/111\|BX/222\|Somewhere else" "$TMP/app.log" && fail "arrestdesk logged personal data"

log "screenshots in $SHOTS"
echo "PASS: first run connected after the fingerprint was accepted, synced, a remote change arrived, a conflict was resolved from the UI, a refused change listed, the session kept, a PSSC's role shown"
exit 0
