#define G_LOG_DOMAIN "desk-custody"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "desk-custody.h"

/* In the order of DeskCustodyInput's members. */
static const char *const clock_fields[] = {
  "arrival_time", "checkin_time", "extension_until", "warrant_until",
  "release_time", "outcome", "status", "arrival_estimated", NULL
};

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/* FALSE names @field but never quotes the value: errors may be logged. */
static gboolean
parse_time (const char  *value,
            const char  *field,
            gint64      *time,
            GError     **error)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  *time = 0;
  if (!is_set (value))
    return TRUE;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (value, utc);
  if (dt == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The arrestee field “%s” is not a time like 2026-11-22T14:30:00Z"), field);
      return FALSE;
    }

  *time = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

/* An authorised limit must fall after the relevant time and within what
 * the law allows from it; @limit keeps the later of the two. */
static gboolean
apply_authorised_limit (gint64       until,
                        gint64       relevant,
                        GTimeSpan    most,
                        const char  *field,
                        gint64      *limit,
                        GError     **error)
{
  if (until <= relevant)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The arrestee field “%s” is before the custody clock started"), field);
      return FALSE;
    }
  if (until - relevant > most)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The arrestee field “%s” is more than %d hours after the custody clock started, beyond what the law allows"),
                   field, (int) (most / G_TIME_SPAN_HOUR));
      return FALSE;
    }

  *limit = MAX (*limit, until);
  return TRUE;
}

static gboolean
is_held_for_court (const DeskCustodyInput *input)
{
  return g_strcmp0 (input->outcome, "held_for_court") == 0 ||
         g_strcmp0 (input->status, "held_for_court") == 0;
}

/* The first review at or after @now: 6 h after the relevant time, then
 * every 9 h. */
static gint64
review_at_or_after (gint64 relevant,
                    gint64 now)
{
  gint64 first = relevant + DESK_CUSTODY_FIRST_REVIEW;
  gint64 periods;

  if (now <= first)
    return first;

  periods = (now - first + DESK_CUSTODY_REVIEW_EVERY - 1) / DESK_CUSTODY_REVIEW_EVERY;
  return first + periods * DESK_CUSTODY_REVIEW_EVERY;
}

gboolean
desk_custody_compute (const DeskCustodyInput *input,
                      gint64                  now,
                      DeskCustodyClock       *clock,
                      GError                **error)
{
  gint64 arrival;
  gint64 checkin;
  gint64 extension;
  gint64 warrant;
  gint64 release;
  gint64 limit;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (clock != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (clock, 0, sizeof *clock);

  if (!parse_time (input->arrival_time, "arrival_time", &arrival, error) ||
      !parse_time (input->checkin_time, "checkin_time", &checkin, error) ||
      !parse_time (input->extension_until, "extension_until", &extension, error) ||
      !parse_time (input->warrant_until, "warrant_until", &warrant, error) ||
      !parse_time (input->release_time, "release_time", &release, error))
    return FALSE;

  if (arrival != 0)
    {
      clock->relevant_time = arrival;
      clock->estimated = g_strcmp0 (input->arrival_estimated, "1") == 0;
    }
  else if (checkin != 0)
    {
      clock->relevant_time = checkin;
      clock->estimated = TRUE;
    }

  if (clock->relevant_time == 0)
    {
      clock->state = release != 0 ? DESK_CUSTODY_RELEASED : DESK_CUSTODY_NOT_STARTED;
      return TRUE;
    }

  limit = clock->relevant_time + DESK_CUSTODY_LIMIT;
  if (extension != 0 &&
      !apply_authorised_limit (extension, clock->relevant_time, DESK_CUSTODY_EXTENSION_MAX,
                               "extension_until", &limit, error))
    return FALSE;
  if (warrant != 0 &&
      !apply_authorised_limit (warrant, clock->relevant_time, DESK_CUSTODY_WARRANT_MAX,
                               "warrant_until", &limit, error))
    return FALSE;
  if (release != 0 && release < clock->relevant_time)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The arrestee field “%s” is before the custody clock started"), "release_time");
      return FALSE;
    }

  clock->time_in_custody = MAX (0, (release != 0 ? release : now) - clock->relevant_time);

  if (release != 0)
    clock->state = DESK_CUSTODY_RELEASED;
  else if (is_held_for_court (input))
    clock->state = DESK_CUSTODY_HELD_FOR_COURT;
  else if (warrant != 0)
    clock->state = DESK_CUSTODY_WARRANT;
  else if (extension != 0)
    clock->state = DESK_CUSTODY_EXTENDED;
  else
    clock->state = DESK_CUSTODY_RUNNING;

  if (clock->state == DESK_CUSTODY_RELEASED || clock->state == DESK_CUSTODY_HELD_FOR_COURT)
    return TRUE;

  clock->limit = limit;
  clock->time_left = limit - now;
  /* No review is due once the limit has come: the person must be out. */
  clock->next_review = review_at_or_after (clock->relevant_time, now);
  if (clock->next_review >= limit)
    clock->next_review = 0;

  return TRUE;
}

void
desk_custody_input_from_record (GHashTable       *fields,
                                DeskCustodyInput *input)
{
  const char *values[G_N_ELEMENTS (clock_fields)];

  g_return_if_fail (fields != NULL);
  g_return_if_fail (input != NULL);

  for (guint i = 0; clock_fields[i] != NULL; i++)
    values[i] = g_hash_table_lookup (fields, clock_fields[i]);
  values[G_N_ELEMENTS (clock_fields) - 1] = NULL;

  desk_custody_input_from_values ((char *const *) values, input);
}

const char *const *
desk_custody_fields (void)
{
  return clock_fields;
}

void
desk_custody_input_from_values (char *const      *values,
                                DeskCustodyInput *input)
{
  g_return_if_fail (values != NULL);
  g_return_if_fail (input != NULL);

  input->arrival_time = values[0];
  input->checkin_time = values[1];
  input->extension_until = values[2];
  input->warrant_until = values[3];
  input->release_time = values[4];
  input->outcome = values[5];
  input->status = values[6];
  input->arrival_estimated = values[7];
}

char *
desk_custody_format_span (GTimeSpan span)
{
  gint64 minutes = ABS (span) / G_TIME_SPAN_MINUTE;
  int hours = (int) (minutes / 60);
  int rest = (int) (minutes % 60);

  if (hours == 0)
    /* Translators: a span of minutes, e.g. "40 min". */
    return g_strdup_printf (_("%d min"), rest);
  if (rest == 0)
    /* Translators: a span of whole hours, e.g. "5 h". */
    return g_strdup_printf (_("%d h"), hours);
  /* Translators: a span of hours and minutes, e.g. "5 h 12 min". */
  return g_strdup_printf (_("%d h %d min"), hours, rest);
}

char *
desk_custody_format_time_left (const DeskCustodyClock *clock)
{
  g_autofree char *span = NULL;

  g_return_val_if_fail (clock != NULL, NULL);

  if (clock->limit == 0)
    return g_strdup ("—");

  span = desk_custody_format_span (clock->time_left);
  if (clock->time_left <= 0)
    /* Translators: %s is a span like "40 min": the custody limit has passed. */
    return g_strdup_printf (clock->estimated ? _("about %s overdue") : _("overdue by %s"), span);
  /* Translators: %s is a span like "5 h 12 min" until the custody limit;
   * "about" when the clock started from a guessed time. */
  return g_strdup_printf (clock->estimated ? _("about %s left") : _("%s left"), span);
}

char *
desk_custody_format_time_in_custody (const DeskCustodyClock *clock)
{
  g_return_val_if_fail (clock != NULL, NULL);

  if (clock->relevant_time == 0)
    return g_strdup ("—");

  return desk_custody_format_span (clock->time_in_custody);
}

char *
desk_custody_format_local_time (gint64     time,
                                GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) here = NULL;

  if (time == 0)
    return NULL;

  if (tz == NULL)
    tz = here = g_time_zone_new_local ();
  utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, tz);

  /* Translators: a date and wall time with the zone, see g_date_time_format();
   * e.g. "Sun 25 Oct, 11:00 GMT". */
  return g_date_time_format (local, _("%a %-d %b, %H:%M %Z"));
}

gint64
desk_custody_next_alert (const DeskCustodyClock *clock,
                         gint64                  now)
{
  g_return_val_if_fail (clock != NULL, 0);

  if (clock->limit == 0)
    return 0;
  if (now < clock->limit - DESK_CUSTODY_WARN_BEFORE)
    return clock->limit - DESK_CUSTODY_WARN_BEFORE;
  if (now < clock->limit)
    return clock->limit;
  return 0;
}

DeskCustodyAlert
desk_custody_alert_at (const DeskCustodyClock *clock,
                       gint64                  now)
{
  g_return_val_if_fail (clock != NULL, DESK_CUSTODY_ALERT_NONE);

  if (clock->limit == 0)
    return DESK_CUSTODY_ALERT_NONE;
  if (now >= clock->limit)
    return DESK_CUSTODY_ALERT_PASSED;
  if (now >= clock->limit - DESK_CUSTODY_WARN_BEFORE)
    return DESK_CUSTODY_ALERT_NEAR;
  return DESK_CUSTODY_ALERT_NONE;
}
