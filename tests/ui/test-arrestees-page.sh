#!/bin/bash
# The Arrestees page at 100,000 records, end to end: the real arrestdesk on a
# real (Xvfb) display over an encrypted database of 100,000 demo arrestees,
# driven by real key presses. Checks that
#   - Ctrl+2 shows the Arrestees page listing all 100,000 (status file),
#   - End goes to the last row and the screen shows it filled in (the
#     screenshot differs from the top one and holds text where the rows are),
#   - a misspelt name typed in the search narrows the list to its matches
#     with the intended person first,
#   - Enter opens that record in the editor, Escape comes back to the list
#     with the row still selected,
#   - Ctrl+Q quits cleanly, with no critical warnings;
# then, over a small database of its own (the big one is kept as made),
#   - Ctrl+N records a new arrestee and opens it, and it is listed and
#     selected (it has no name yet: first by name) when Escape comes back.
#
# Usage: test-arrestees-page.sh ARRESTDESK ARRESTDESK-CTL OUTPUT-DIR
# The database is made once with arrestdesk-ctl demo (about 90 s) and kept
# in OUTPUT-DIR/arrestees-100k/ for the next run; delete it to make it anew.
# Screenshots go to OUTPUT-DIR/screenshots, the app's log to OUTPUT-DIR.
# With ARRESTDESK_MEMORY_REPORT=FILE, the app's peak memory (VmHWM, kB) at
# the end of the run is written to FILE (bench/bench-arrestees-page.sh).

set -u

. "$(dirname "$0")/ui-session.sh"

ui_args APP=ARRESTDESK CTL=ARRESTDESK-CTL OUT=OUTPUT-DIR -- "$@"

N_ARRESTEES=100000
SEED=7
# A person of the seed-7 demo, by a name nobody else there has, and how a
# caller might spell it down a bad line: a letter missing here and there.
NAME="Agnieszka Graham Ali"
MISSPELT="Agnieska Graam Ali"
SHOTS="$OUT/screenshots"
CACHE="$OUT/arrestees-100k"
CONVERT=/usr/bin/convert-im6.q16
UI_KEEP=("app.log:arrestees-page.log")
UI_FAILURE_SHOT="$SHOTS/arrestees-failure.png"

ui_require_display
ui_require_imagemagick import compare
[ -x "$CONVERT" ] || fail "$CONVERT (ImageMagick) is not installed"
ui_require_program arrestdesk "$APP"
ui_require_program arrestdesk-ctl "$CTL"

ui_begin arrestdesk-ui
mkdir -p "$CACHE" || fail "mkdir failed"
ui_screenshots 'arrestees-*.png'

DB="$CACHE/records.db"
KEY="$CACHE/records.key"
STATUS="$TMP/status"

ctl_small_count ()
{
  "$CTL" --database "$SMALL" --key-file "$SMALL_KEY" stats 2>/dev/null | ui_stats_count arrestee
}

count_arrestees ()
{
  ctl stats 2>/dev/null | ui_stats_count arrestee
}

if [ -f "$DB" ] && [ -f "$KEY" ] && [ "$(count_arrestees)" = "$N_ARRESTEES" ]; then
  log "reusing the $N_ARRESTEES demo arrestees in $CACHE"
else
  log "making $N_ARRESTEES demo arrestees (seed $SEED), once"
  rm -f "$DB" "$DB"-* "$KEY"
  ui_make_db "$DB" "$KEY"
  ctl demo --arrestees "$N_ARRESTEES" --seed "$SEED" >>"$TMP/ctl.log" 2>&1 \
    || { cat "$TMP/ctl.log" >&2; rm -f "$DB" "$KEY"; fail "arrestdesk-ctl demo failed"; }
  [ "$(count_arrestees)" = "$N_ARRESTEES" ] || fail "the demo made $(count_arrestees) arrestees, asked for $N_ARRESTEES"
fi

# The intended person, by the name written right (an exact match ranks first).
# One object a line: {"id": "…", "name": "…", …}. Only one may bear the name.
MATCHES=$(ctl search "$NAME" --json --limit 3 2>/dev/null) || fail "arrestdesk-ctl search failed"
INTENDED=$(sed -n "s/.*\"id\": \"\([^\"]*\)\", \"name\": \"$NAME\".*/\1/p" <<<"$MATCHES")
[ "$(grep -c "\"name\": \"$NAME\"" <<<"$MATCHES")" = 1 ] && [ -n "$INTENDED" ] \
  || fail "the demo holds not exactly one $NAME (did the demo names change?): $MATCHES"
log "looking for $INTENDED"

log "starting arrestdesk"
ui_start_app "$DB" "$KEY" ARRESTDESK_TEST_STATUS_FILE="$STATUS"
ui_wait_window 60

# Waits until the status file's first line is "PAGE COUNT" with COUNT
# matching the second argument (a shell pattern) and its second line
# matches the third; prints both lines. Fails after WAIT_S seconds (20).
status_matches ()
{
  [ -s "$STATUS" ] || return 1
  first=$(sed -n 1p "$STATUS")
  second=$(sed -n 2p "$STATUS")
  # shellcheck disable=SC2053
  [[ ${first%% *} == "$1" && ${first#* } == $2 && $second == $3 ]]
}
wait_status ()
{
  local first second
  if ui_wait_for "${WAIT_S:-20}" status_matches "$@"; then
    echo "$first $second"
    return 0
  fi
  echo "$(sed -n 1p "$STATUS" 2>/dev/null) $(sed -n 2p "$STATUS" 2>/dev/null)"
  return 1
}

shot ()
{
  sleep 0.7  # let the page paint
  ui_screenshot "$SHOTS/arrestees-$1.png"
  echo "$SHOTS/arrestees-$1.png"
}

# Dark (text) pixels where the rows are: a row still waiting for its values
# shows none.
text_pixels ()
{
  "$CONVERT" "$1" -crop 1000x500+10+140 +repage -colorspace Gray -threshold 60% \
    -format '%[fx:round(w*h*(1-mean))]' info: 2>/dev/null
}

# The first load reads the 2 GB database, maybe from disk (a CI machine
# may still be writing it back): it has the window's 60 s, not 20.
started=$SECONDS
status=$(WAIT_S=60 wait_status calls '*' '*') || fail "the Calls page did not load within 60 s (status: '$status')"
log "ready after $((SECONDS - started)) s: $status"

ui_focus "$WID"
sleep 0.5

rm -f "$STATUS"
xdotool key --clearmodifiers ctrl+2 || fail "xdotool key ctrl+2 failed"
started=$SECONDS
status=$(WAIT_S=60 wait_status arrestees "$N_ARRESTEES" 'view=list *') \
  || fail "Ctrl+2 did not list $N_ARRESTEES arrestees within 60 s (status: '$status')"
log "Ctrl+2 after $((SECONDS - started)) s: $status"
top=$(shot 1-top)
[ "$(text_pixels "$top")" -gt 5000 ] || fail "the first rows show no text ($top)"

xdotool key --clearmodifiers End || fail "xdotool key End failed"
status=$(wait_status arrestees "$N_ARRESTEES" "view=list selected=$((N_ARRESTEES - 1)) *") \
  || fail "End did not go to the last of the $N_ARRESTEES arrestees (status: '$status')"
log "End: $status"
end=$(shot 2-end)
[ "$(ui_differing_pixels "$top" "$end")" -gt 10000 ] || fail "End did not change the screen ($end)"
[ "$(text_pixels "$end")" -gt 5000 ] || fail "the last rows show no text: their values never came ($end)"

xdotool key --clearmodifiers ctrl+f || fail "xdotool key ctrl+f failed"
sleep 0.3
xdotool type --delay 40 "$MISSPELT" || fail "xdotool type failed"
status=$(wait_status arrestees '[1-9]*' "view=list selected=* first=$INTENDED *") \
  || fail "searching '$MISSPELT' did not put $NAME first (status: '$status')"
count=$(sed -n 1p "$STATUS" | cut -d' ' -f2)
[ "$count" -lt "$N_ARRESTEES" ] || fail "the search did not narrow the list: $count rows"
log "search '$MISSPELT': $count matches, $INTENDED first"
found=$(shot 3-search)
[ "$(ui_differing_pixels "$end" "$found")" -gt 10000 ] || fail "the search did not change the screen ($found)"

xdotool key --clearmodifiers Return || fail "xdotool key Return failed"
status=$(wait_status arrestees '*' "view=record selected=0 first=* record=$INTENDED") \
  || fail "Enter did not open $INTENDED (status: '$status')"
log "Enter: $status"
record=$(shot 4-record)
[ "$(ui_differing_pixels "$found" "$record")" -gt 10000 ] || fail "Enter did not change the screen ($record)"

xdotool key --clearmodifiers Escape || fail "xdotool key Escape failed"
status=$(wait_status arrestees '*' "view=list selected=0 first=$INTENDED *") \
  || fail "Escape did not come back to the list on the same row (status: '$status')"
log "Escape: $status"
back=$(shot 5-back)
[ "$(ui_differing_pixels "$record" "$back")" -gt 10000 ] || fail "Escape did not change the screen ($back)"

if [ -n "${ARRESTDESK_MEMORY_REPORT:-}" ]; then
  awk '/^VmHWM:/ { print $2 }' "/proc/$APP_PID/status" > "$ARRESTDESK_MEMORY_REPORT" \
    || fail "cannot read the peak memory of arrestdesk"
fi

log "quitting with Ctrl+Q"
ui_quit_app

log "a new arrestee with Ctrl+N, over 20 demo arrestees"
SMALL="$TMP/small.db"
SMALL_KEY="$TMP/small.key"
ui_make_db "$SMALL" "$SMALL_KEY" 20 3
rm -f "$STATUS"
ui_start_app "$SMALL" "$SMALL_KEY" ARRESTDESK_TEST_STATUS_FILE="$STATUS"
ui_wait_window 60 --pid "$APP_PID"
status=$(wait_status calls '*' '*') || fail "the Calls page did not load within 20 s (status: '$status')"
ui_focus "$WID"
sleep 0.5
xdotool key --clearmodifiers ctrl+2 || fail "xdotool key ctrl+2 failed"
status=$(wait_status arrestees 20 'view=list *') || fail "Ctrl+2 did not list 20 arrestees (status: '$status')"
xdotool key --clearmodifiers ctrl+n || fail "xdotool key ctrl+n failed"
status=$(wait_status arrestees 21 'view=record selected=0 first=* record=*') \
  || fail "Ctrl+N did not record and open a new arrestee (status: '$status')"
new=${status##*record=}
[ "$status" != "${status/first=$new /}" ] || fail "the new arrestee $new is not the first row, selected (status: '$status')"
log "Ctrl+N: $status"
shot 6-new >/dev/null
xdotool key --clearmodifiers Escape || fail "xdotool key Escape failed"
status=$(wait_status arrestees 21 "view=list selected=0 first=$new *") \
  || fail "Escape did not come back to the new arrestee's row (status: '$status')"
shot 7-new-listed >/dev/null
[ "$(ctl_small_count)" = 21 ] || fail "the store holds $(ctl_small_count) arrestees, not 21, after Ctrl+N"
ui_quit_app

log "screenshots in $SHOTS"
echo "PASS: $N_ARRESTEES arrestees listed, scrolled to the end, '$MISSPELT' found $NAME first and opened; Ctrl+N made one"
exit 0
