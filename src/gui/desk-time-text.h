#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Times as a BOV types and reads them: local time ("14:05", "yesterday
 * 23:10", "2026-11-22 14:05", "now"), stored as ISO 8601 UTC. No GTK. */

#define DESK_TIME_TEXT_ERROR (desk_time_text_error_quark ())

typedef enum
{
  DESK_TIME_TEXT_ERROR_UNREADABLE,
} DeskTimeTextError;

GQuark  desk_time_text_error_quark (void);

/* Reads @text as a local time in @tz, relative to @now (for "now", "today"
 * and "yesterday"). An empty @text gives TRUE and *@iso_utc NULL (cleared).
 * FALSE with a message saying what to type. */
gboolean desk_time_text_parse  (const char  *text,
                                GDateTime   *now,
                                GTimeZone   *tz,
                                char       **iso_utc,
                                GError     **error);
/* "2026-11-22 14:05" in @tz for a stored "2026-11-22T14:05:00Z"; NULL for
 * NULL; a value that is no time comes back as it is. */
char    *desk_time_text_format (const char  *iso_utc,
                                GTimeZone   *tz);
/* Age in whole years on @now's local day of someone born on @date_text
 * ("2009-03-14" or "14/03/2009"); FALSE when it is no such date or in
 * the future. */
gboolean desk_time_text_age    (const char  *date_text,
                                GDateTime   *now,
                                int         *years);
/* What to type, for a row's hint and its error message. */
const char *desk_time_text_hint (void);

G_END_DECLS
