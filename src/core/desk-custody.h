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
  const char *status;          /* "held_for_court" stops it too */
  const char *arrival_estimated; /* "1": the arrival time is itself a guess */
} DeskCustodyInput;

typedef struct
{
  DeskCustodyState state;
  gboolean         estimated;      /* relevant time is the check-in time, or a guess */
  gint64           relevant_time;  /* µs; 0 when not started */
  gint64           limit;          /* µs; 0 when no limit applies */
  gint64           next_review;    /* µs; 6 h, then every 9 h; 0 when none */
  gint64           time_in_custody;/* µs, at @now (or until release) */
  gint64           time_left;      /* µs, negative once the limit has passed */
} DeskCustodyClock;

#define DESK_CUSTODY_LIMIT          (24 * G_TIME_SPAN_HOUR)
#define DESK_CUSTODY_EXTENSION_MAX  (36 * G_TIME_SPAN_HOUR)
#define DESK_CUSTODY_WARRANT_MAX    (96 * G_TIME_SPAN_HOUR)
#define DESK_CUSTODY_FIRST_REVIEW   (6 * G_TIME_SPAN_HOUR)
#define DESK_CUSTODY_REVIEW_EVERY   (9 * G_TIME_SPAN_HOUR)
#define DESK_CUSTODY_WARN_BEFORE    (2 * G_TIME_SPAN_HOUR)

/* Fills @clock for @input at @now (µs UTC). Returns FALSE and sets @error
 * (G_IO_ERROR_INVALID_DATA, naming the field, never quoting its value) for
 * an unreadable time, a release before the clock started, or an
 * extension/warrant beyond what the law allows (36 h / 96 h from the
 * relevant time). */
gboolean desk_custody_compute          (const DeskCustodyInput *input,
                                        gint64                  now,
                                        DeskCustodyClock       *clock,
                                        GError                **error);

/* Points @input's members at @fields' values (field name → value, as from
 * desk_query_record); the strings stay owned by @fields. */
void     desk_custody_input_from_record (GHashTable            *fields,
                                         DeskCustodyInput      *input);

/* The arrestee fields the clock reads, NULL-terminated, in the order of
 * DeskCustodyInput's members: for queries that fetch only these. */
const char *const *desk_custody_fields (void);

/* Points @input's members at @values, one per desk_custody_fields() entry. */
void     desk_custody_input_from_values (char *const           *values,
                                         DeskCustodyInput      *input);

/* "5 h 12 min left", "about 5 h 12 min left" (estimated), "overdue by
 * 40 min", "—" when no limit applies: translated, for lists. */
char    *desk_custody_format_time_left (const DeskCustodyClock *clock);

/* "5 h 12 min" in custody, "—" when not started: translated, for lists. */
char    *desk_custody_format_time_in_custody (const DeskCustodyClock *clock);

/* A span as "5 h 12 min" / "40 min", rounded down to the minute; the sign
 * is dropped. */
char    *desk_custody_format_span      (GTimeSpan               span);

/* @time (µs UTC) as wall time in @tz (NULL: the local zone), with the zone's
 * abbreviation so a time across a clock change reads right, e.g.
 * "Sun 25 Oct, 11:00 GMT". NULL for 0. */
char    *desk_custody_format_local_time (gint64                 time,
                                         GTimeZone             *tz);

/* When the next notification is due for @clock strictly after @now (2 h
 * before the limit, at the limit), or 0 when none: the caller schedules a
 * timeout for it. */
gint64   desk_custody_next_alert       (const DeskCustodyClock *clock,
                                        gint64                  now);

typedef enum
{
  DESK_CUSTODY_ALERT_NONE,
  DESK_CUSTODY_ALERT_NEAR,    /* within DESK_CUSTODY_WARN_BEFORE of the limit */
  DESK_CUSTODY_ALERT_PASSED,  /* the limit has passed */
} DeskCustodyAlert;

/* Which alert @clock is in at @now: the caller notifies when it rises. */
DeskCustodyAlert desk_custody_alert_at (const DeskCustodyClock *clock,
                                        gint64                  now);

G_END_DECLS
