#!/bin/bash
# Custody alerts, end to end: the real arrestdesk on a real (Xvfb) display
# and a real D-Bus session, with dbus-monitor watching the notification
# calls GLib makes (org.freedesktop.Notifications Notify, or
# org.gtk.Notifications AddNotification). The database, made with
# arrestdesk-ctl and desk-ui-field, holds
#   - an arrestee whose 24 h limit is 1 h 50 min away (near: alerted now),
#   - one whose limit passed 5 min ago (passed: alerted now),
#   - one whose 2 h warning comes 20 s after it was made (alerted by the timer),
#   - one released 1 h before its limit and one far from it (never alerted).
# Checks each alert went out once, the near one replaced by a count when the
# third record's warning came, and that no text sent or logged holds a name
# or any other value of the records. Then quits, adds one more near record
# and starts the app again: only that one is new, so exactly one alert (the
# near count, now 3) goes out, and the passed limit is not alerted again.
#
# Usage: test-custody-alerts.sh ARRESTDESK ARRESTDESK-CTL DESK-UI-FIELD OUTPUT-DIR

set -u

. "$(dirname "$0")/ui-session.sh"

ui_args APP=ARRESTDESK CTL=ARRESTDESK-CTL FIELD=DESK-UI-FIELD OUT=OUTPUT-DIR -- "$@"

MONITOR_PID=
UI_PIDS=MONITOR_PID
UI_KEEP=("app.log:custody-alerts.log" "monitor.log:custody-alerts-dbus.log")

# Before the end of the app's log: the notification calls seen on the bus.
ui_fail_details ()
{
  if [ -f "$TMP/monitor.log" ]; then
    echo "--- notification calls ---"
    tail -n 60 "$TMP/monitor.log"
  fi
}

ui_require_display
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "no D-Bus session: make test runs this under dbus-run-session"
command -v dbus-monitor >/dev/null || fail "dbus-monitor is not installed (package dbus)"
ui_require_program arrestdesk "$APP"
ui_require_program arrestdesk-ctl "$CTL"
ui_require_program desk-ui-field "$FIELD"

ui_begin arrestdesk-alerts

DB="$TMP/records.db"
KEY="$TMP/records.key"

ago () { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

ui_make_db "$DB" "$KEY"

ACTION=$("$FIELD" "$DB" "$KEY" create action - Tester name "Autumn Blockade") || fail "cannot make the action"
STATION=$("$FIELD" "$DB" "$KEY" create station "$ACTION" Tester name "Brixton Police Station") || fail "cannot make the station"

# Every value of the records that must never reach a notification.
SECRETS=(Zebedee Quartermain Zeb "QX/77777/26" "Obstruction of the highway" "Brixton"
         Philippa Underhill "Wilhelmina Fotheringay" "Horatio Blenkinsop" "Ottoline Marchbanks"
         "Autumn Blockade" insulin)

arrival_near=$(ago "-22 hours -10 minutes")
"$FIELD" "$DB" "$KEY" create arrestee "$ACTION" Tester \
  legal_name "Zebedee Quartermain" preferred_name Zeb custody_number "QX/77777/26" \
  alleged_offence "Obstruction of the highway" medication insulin station_id "$STATION" \
  status in_custody arrival_time "$arrival_near" >"$TMP/near.id" || fail "cannot make the near arrestee"
"$FIELD" "$DB" "$KEY" create arrestee "$ACTION" Tester \
  legal_name "Philippa Underhill" station_id "$STATION" status in_custody \
  arrival_time "$(ago '-24 hours -5 minutes')" >/dev/null || fail "cannot make the overdue arrestee"
# Check-in only: the clock runs from it, an estimate, and alerts all the same.
"$FIELD" "$DB" "$KEY" create arrestee "$ACTION" Tester \
  legal_name "Wilhelmina Fotheringay" station_id "$STATION" status in_custody \
  checkin_time "$(ago '-21 hours -59 minutes -40 seconds')" >/dev/null || fail "cannot make the timer arrestee"
"$FIELD" "$DB" "$KEY" create arrestee "$ACTION" Tester \
  legal_name "Horatio Blenkinsop" station_id "$STATION" status released outcome NFA \
  arrival_time "$(ago '-23 hours')" release_time "$(ago '-1 hour')" >/dev/null || fail "cannot make the released arrestee"
"$FIELD" "$DB" "$KEY" create arrestee "$ACTION" Tester \
  legal_name "Ottoline Marchbanks" station_id "$STATION" status in_custody \
  arrival_time "$(ago '-1 hour')" >/dev/null || fail "cannot make the far arrestee"

log "watching the session bus for notifications"
dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications'" \
  "type='method_call',interface='org.gtk.Notifications'" >"$TMP/monitor.log" 2>&1 &
MONITOR_PID=$!
for _ in $(seq 50); do
  grep -q NameAcquired "$TMP/monitor.log" 2>/dev/null && break
  sleep 0.1
done
kill -0 "$MONITOR_PID" 2>/dev/null || fail "dbus-monitor did not start"

log "starting arrestdesk"
ui_start_app "$DB" "$KEY"
STARTED=$SECONDS

ui_wait_window

calls () { grep -c -E 'member=(Notify|AddNotification)$' "$TMP/monitor.log"; }
calls_reach () { [ "$(calls)" -ge "$1" ]; }

# Both first alerts, then the timer's (20 s after the records were made).
ui_wait_for 45 calls_reach 3
# Nothing more may come: each record and limit is alerted once.
sleep 3
log "$(calls) notification calls in $((SECONDS - STARTED)) s"

grep -q -F '"2 custody limits within 2 hours"' <<<"$(sed -n '1,/Custody limit within 2 hours/p' "$TMP/monitor.log")" \
  && fail "the app started too late (over 20 s) to see the timer's alert come"
[ "$(calls)" -eq 3 ] || fail "expected 3 notification calls (passed, near, near again with a count), saw $(calls)"
sent=$(cat "$TMP/monitor.log")
count_of () { grep -c -F -- "$1" <<<"$sent"; }
[ "$(count_of '"Custody limit passed"')" -eq 1 ] || fail "the passed limit was not alerted exactly once"
[ "$(count_of '"Custody limit within 2 hours"')" -eq 1 ] || fail "the near limit was not alerted exactly once"
[ "$(count_of '"2 custody limits within 2 hours"')" -eq 1 ] || fail "the timer did not replace the near alert with a count of 2"
[ "$(count_of '"Open ArrestDesk to see who and where"')" -eq 3 ] || fail "an alert lacks the body that sends people to the app"
# The same id each time, so the near alert replaces rather than piles up.
if grep -q 'member=AddNotification$' <<<"$sent"; then
  [ "$(count_of '"custody-limit-near"')" -eq 2 ] || fail "the near alerts do not share one notification id"
fi

for secret in "${SECRETS[@]}" "$arrival_near" "$(cat "$TMP/near.id")"; do
  grep -q -F -- "$secret" <<<"$sent" && fail "a notification call holds a record's value ($secret)"
  grep -q -F -- "$secret" "$TMP/app.log" && fail "arrestdesk logged a record's value ($secret)"
done

ui_no_criticals

log "quitting with Ctrl+Q"
# Not in a $(…) subshell: only this shell may wait for the app.
ui_quit "$APP_PID" "$WID" >"$TMP/quit.txt" || fail "$(cat "$TMP/quit.txt")"
APP_PID=
cp "$TMP/app.log" "$TMP/app-first.log"

"$FIELD" "$DB" "$KEY" create arrestee "$ACTION" Tester \
  legal_name "Cressida Ravensworth" station_id "$STATION" status in_custody \
  arrival_time "$(ago '-22 hours -30 minutes')" >/dev/null || fail "cannot make the new near arrestee"
SECRETS+=(Cressida Ravensworth)

before=$(calls)
mark=$(wc -l <"$TMP/monitor.log")
log "starting arrestdesk again"
: >"$TMP/app.log"  # the first run's log is in app-first.log
ui_start_app "$DB" "$KEY"
ui_wait_for 30 calls_reach $((before + 1))
sleep 3
again=$(tail -n +$((mark + 1)) "$TMP/monitor.log")
[ "$(calls)" -eq $((before + 1)) ] || fail "after the restart expected 1 new notification call, saw $(( $(calls) - before ))"
grep -q -F '"3 custody limits within 2 hours"' <<<"$again" || fail "the new near record did not bring a near alert counting 3"
grep -q -F '"Custody limit passed"' <<<"$again" && fail "the passed limit was alerted again after the restart"
for secret in "${SECRETS[@]}"; do
  grep -q -F -- "$secret" <<<"$again" && fail "a notification call holds a record's value ($secret)"
  grep -q -F -- "$secret" "$TMP/app.log" && fail "arrestdesk logged a record's value ($secret)"
done

echo "PASS: passed and near custody limits alerted once each, the timer's alert replaced the near one, a restart alerted only what was new, no personal data sent"
exit 0
