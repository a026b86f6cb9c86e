#!/bin/bash
# The compiled schema in <build>/data (GSETTINGS_SCHEMA_DIR, the directory every
# test uses) holds exactly the keys the code relies on, with their defaults,
# types and ranges, and every key is documented.

set -u

schema=io.github.arrestdesk.ArrestDesk
export GSETTINGS_BACKEND=memory

if [ -z "${GSETTINGS_SCHEMA_DIR:-}" ] || [ ! -f "$GSETTINGS_SCHEMA_DIR/gschemas.compiled" ]; then
  echo "FAIL: no gschemas.compiled in GSETTINGS_SCHEMA_DIR='${GSETTINGS_SCHEMA_DIR:-}'"
  exit 1
fi
if ! command -v gsettings > /dev/null; then
  echo "FAIL: gsettings not found: apt-get install libglib2.0-bin"
  exit 1
fi

fail=0
expect ()
{
  local what="$1" want="$2" got="$3"
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: expected '$want', got '$got'"
    fail=1
  fi
}

expect "keys" \
  "current-action idle-lock-minutes last-page sync-mode volunteer-name window-height window-maximized window-width" \
  "$(gsettings list-keys "$schema" | sort | tr '\n' ' ' | sed 's/ $//')"

expect "window-width"      "1100"       "$(gsettings get "$schema" window-width)"
expect "window-height"     "720"        "$(gsettings get "$schema" window-height)"
expect "window-maximized"  "false"      "$(gsettings get "$schema" window-maximized)"
expect "volunteer-name"    "''"         "$(gsettings get "$schema" volunteer-name)"
expect "current-action"    "''"         "$(gsettings get "$schema" current-action)"
expect "idle-lock-minutes" "uint32 10"  "$(gsettings get "$schema" idle-lock-minutes)"
expect "last-page"         "'calls'"    "$(gsettings get "$schema" last-page)"
expect "sync-mode"         "''"         "$(gsettings get "$schema" sync-mode)"
expect "sync-mode range" "enum '' 'server' 'local'" \
  "$(gsettings range "$schema" sync-mode | tr '\n' ' ' | sed 's/ $//')"
expect "idle-lock-minutes range" "range u 1 240" \
  "$(gsettings range "$schema" idle-lock-minutes | tr '\n' ' ' | sed 's/ $//')"

for key in $(gsettings list-keys "$schema"); do
  if [ -z "$(gsettings describe "$schema" "$key")" ]; then
    echo "FAIL: $key has no summary or description"
    fail=1
  fi
done

[ "$fail" -eq 0 ] && echo "ok: $schema"
exit "$fail"
