#!/bin/bash
# Every source file under src/gui, src/cli and ui/ that marks strings for
# translation must be listed in po/POTFILES.in, or its strings never reach
# translators. Listed files that do not exist are only reported: xgettext
# (the arrestdesk-pot target) is what fails on those.

set -u

root="${ARRESTDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
potfiles="$root/po/POTFILES.in"

if [ ! -f "$potfiles" ]; then
  echo "FAIL: $potfiles not found"
  exit 1
fi

listed=$(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$potfiles" | grep -v '^$')

# _(), N_(), C_(), NC_(), Q_() with or without a space before the parenthesis
# (GNU style), and the plain gettext calls.
c_marks='(^|[^[:alnum:]_])(_|N_|C_|NC_|Q_|g_dgettext|g_dngettext|g_dpgettext2?|ngettext|gettext)[[:space:]]*\('
ui_marks='translatable="(yes|true|1)"'

missing=0
check_file ()
{
  local rel="$1"
  if ! grep -qxF -- "$rel" <<< "$listed"; then
    echo "FAIL: $rel has translatable strings but is not in po/POTFILES.in"
    missing=$((missing + 1))
  fi
}

cd "$root" || exit 1

for dir in src/gui src/cli; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' f; do
    if grep -qE -- "$c_marks" "$f"; then
      check_file "$f"
    fi
  done < <(find "$dir" -name '*.c' -type f -print0 | sort -z)
done

if [ -d ui ]; then
  while IFS= read -r -d '' f; do
    if grep -qiE -- "$ui_marks" "$f"; then
      check_file "$f"
    fi
  done < <(find ui -name '*.ui' -type f -print0 | sort -z)
fi

while IFS= read -r rel; do
  [ -e "$rel" ] || echo "note: $rel is listed in po/POTFILES.in but does not exist (yet)"
done <<< "$listed"

if [ "$missing" -gt 0 ]; then
  echo "$missing file(s) missing from po/POTFILES.in"
  exit 1
fi
echo "ok: po/POTFILES.in lists every file with translatable strings"
exit 0
