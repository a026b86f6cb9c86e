#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The PACE custody clock (DESIGN.md "Custody clock"). Pure functions: no
 * store, no wall clock of their own; every time is UTC microseconds since the
 * Unix epoch (g_date_time_to_unix_usec), so daylight-saving changes cannot
 * move a limit. Local time is only for display. */

typedef enum
{
  DESK_CUSTODY_NOT_STARTED,   /* neither arrival nor check-in known */
  DESK_CUSTODY_RUNNING,       /* 24 h limit */
  DESK_CUSTODY_EXTENDED,      /* superintendent extension, up to 36 h */
  DESK_CUSTODY_WARRANT,       /* warrant of further detention, up to 96 h */
  DESK_CUSTODY_HELD_FOR_COURT,/* no custody limit applies; court date shown */
  DESK_CUSTODY_RELEASED,
} DeskCustodyState;

/* What the record says, as stored: ISO 8601 UTC strings or NULL. Use
 * desk_custody_input_from_record() for a record's field table. */
typedef struct
{
  const char *arrival_time;
  const char *checkin_time;
  const char *extension_until; /* superintendent's authorised limit */
  const char *warrant_until;   /* magistrates' warrant of further detention */
  const char *release_time;
  const char *outcome;         /* "held_for_court" stops the clock */
} DeskCustodyInput;

typedef struct
{
  DeskCustodyState state;
  gboolean         estimated;      /* relevant time is the check-in time */
  gint64           relevant_time;  /* µs; 0 when not started */
  gint64           limit;          /* µs; 0 when no limit applies */
  gint64           next_review;    /* µs; 6 h, then every 9 h; 0 when none */
  gint64           time_in_custody;/* µs, at @now (or until release) */
  gint64           time_left;      /* µs, negative once the limit has passed */
} DeskCustodyClock;

#define DESK_CUSTODY_WARN_BEFORE (2 * G_TIME_SPAN_HOUR)

/* Fills @clock for @input at @now (µs UTC). Returns FALSE and sets @error
 * (G_IO_ERROR_INVALID_DATA, naming the field) for an unreadable time or an
 * extension/warrant beyond what the law allows (36 h / 96 h from the relevant
 * time). */
gboolean desk_custody_compute          (const DeskCustodyInput *input,
                                        gint64                  now,
                                        DeskCustodyClock       *clock,
                                        GError                **error);

/* Points @input's members at @fields' values (field name → value, as from
 * desk_query_record); the strings stay owned by @fields. */
void     desk_custody_input_from_record (GHashTable            *fields,
                                         DeskCustodyInput      *input);

/* "5 h 12 min left", "overdue by 40 min", "—": translated, for lists. */
char    *desk_custody_format_time_left (const DeskCustodyClock *clock);

/* When the next notification is due for @clock (2 h before the limit, at
 * the limit), or 0 when none: the caller schedules a timeout for it. */
gint64   desk_custody_next_alert       (const DeskCustodyClock *clock,
                                        gint64                  now);

G_END_DECLS
