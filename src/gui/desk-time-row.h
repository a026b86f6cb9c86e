#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An entry row for a time: typed as local time, with a "Now" button,
 * holding the stored ISO 8601 UTC value. A time it cannot read is flagged
 * on the row with what to type; the typed text stays. */
#define DESK_TYPE_TIME_ROW (desk_time_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskTimeRow, desk_time_row, DESK, TIME_ROW, AdwEntryRow)

GtkWidget  *desk_time_row_new        (const char  *title);
/* Shows @iso_utc (or nothing) in local time and clears any error. */
void        desk_time_row_set_value  (DeskTimeRow *self,
                                      const char  *iso_utc);
/* Reads the typed text: TRUE with *@iso_utc (NULL when empty), or FALSE
 * with the row flagged. */
gboolean    desk_time_row_read       (DeskTimeRow *self,
                                      char       **iso_utc);
/* Flags the row with @message (NULL clears it). */
void        desk_time_row_set_error  (DeskTimeRow *self,
                                      const char  *message);
gboolean    desk_time_row_has_error  (DeskTimeRow *self);
/* Limits and court dates lie ahead: no Now for them. */
void        desk_time_row_set_show_now (DeskTimeRow *self,
                                        gboolean     show_now);

G_END_DECLS
