#define G_LOG_DOMAIN "desk-import-time"

#include "config.h"

#include <stdio.h>

#include "desk-import-private.h"

/* Times in an imported file: spreadsheets write "2026-11-22 14:30" with no
 * zone, meaning the time on the wall clock where the action is; everything
 * is stored in UTC (DESIGN.md "Custody clock"). */

static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
desk_import_parse_time (const char *text,
                        gboolean   *local)
{
  g_autoptr(GDateTime) zoned = NULL;
  g_autoptr(GDateTime) wall = NULL;
  int year, month, day, hour, minute, second = 0;
  char separator;
  int consumed = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (local != NULL, NULL);

  *local = FALSE;
  /* With no default zone, GLib refuses an ISO 8601 time that has none. */
  zoned = g_date_time_new_from_iso8601 (text, NULL);
  if (zoned != NULL)
    return format_utc (zoned);

  if (sscanf (text, "%4d-%2d-%2d%c%2d:%2d%n", &year, &month, &day, &separator,
              &hour, &minute, &consumed) != 6 ||
      (separator != ' ' && separator != 'T'))
    return NULL;
  if (text[consumed] == ':')
    {
      int more = 0;

      if (sscanf (text + consumed, ":%2d%n", &second, &more) != 1)
        return NULL;
      consumed += more;
    }
  if (text[consumed] != '\0')
    return NULL;

  wall = g_date_time_new_local (year, month, day, hour, minute, second);
  if (wall == NULL)
    return NULL;
  *local = TRUE;
  return format_utc (wall);
}
