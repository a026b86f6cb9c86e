#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words for what sync shows a person: a record type ("Arrestee"), a field
 * ("Custody number"), a time in local time ("14:05", "21 Nov 23:50"). */
const char *desk_sync_table_label (const char *table);
char       *desk_sync_field_label (const char *field);
/* @iso: ISO 8601 UTC; NULL gives NULL. */
char       *desk_sync_format_iso  (const char *iso);
char       *desk_sync_format_unix (gint64      unix_seconds);

G_END_DECLS
