#define G_LOG_DOMAIN "desk-time-text"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "desk-time-text.h"

G_DEFINE_QUARK (desk-time-text-error-quark, desk_time_text_error)

const char *
desk_time_text_hint (void)
{
  return _("type 14:05, yesterday 23:10, 2026-11-22 14:05 or now");
}

/* "14:05", "14:05:30" or "14.05" (the whole of @text). */
static gboolean
read_clock (const char *text,
            int        *hour,
            int        *minute,
            double     *seconds)
{
  int h = 0, m = 0, s = 0;
  int used = 0;

  *seconds = 0;
  if (sscanf (text, "%2d:%2d:%2d%n", &h, &m, &s, &used) == 3 && text[used] == '\0')
    *seconds = s;
  else if (!(sscanf (text, "%2d:%2d%n", &h, &m, &used) == 2 && text[used] == '\0') &&
           /* "14.05", as many write it */
           !(sscanf (text, "%2d.%2d%n", &h, &m, &used) == 2 && text[used] == '\0' &&
             strlen (strchr (text, '.')) == 3))
    return FALSE;
  if (!g_ascii_isdigit (text[0]) || h > 23 || m > 59 || s > 59 || h < 0 || m < 0 || s < 0)
    return FALSE;
  *hour = h;
  *minute = m;
  return TRUE;
}

/* "2026-11-22" or "22/11/2026" (the whole of @text). */
static gboolean
read_date (const char *text,
           int        *year,
           int        *month,
           int        *day)
{
  int used = 0;

  if (!((sscanf (text, "%4d-%2d-%2d%n", year, month, day, &used) == 3 && used == 10) ||
        (sscanf (text, "%2d/%2d/%4d%n", day, month, year, &used) == 3 && text[used] == '\0' && used >= 8)))
    return FALSE;
  return text[used] == '\0' && g_date_valid_dmy (*day, *month, *year);
}

static gboolean
word_is (const char *word,
         const char *english,
         const char *translated)
{
  return g_ascii_strcasecmp (word, english) == 0 ||
         g_utf8_collate (word, translated) == 0;
}

/* Words between spaces; "2026-11-22T14:05" is a date and a clock too. */
static char **
split_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (strlen (parts[i]) > 10 && parts[i][10] == 'T' && g_ascii_isdigit (parts[i][0]))
        {
          g_autofree char *date = g_strndup (parts[i], 10);

          g_strv_builder_add (builder, date);
          g_strv_builder_add (builder, parts[i] + 11);
        }
      else
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static GDateTime *
read_local (const char *text,
            GDateTime  *now,
            GTimeZone  *tz)
{
  g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, tz);
  g_auto(GStrv) words = split_words (text);
  int year, month, day, hour = 0, minute = 0;
  double seconds = 0;
  guint n = g_strv_length (words);
  const char *clock = NULL;
  int days_back = -1;

  if (n == 1 && word_is (words[0], "now", _("now")))
    return g_date_time_ref (now);

  if (n == 1 && read_clock (words[0], &hour, &minute, &seconds))
    days_back = 0;
  else if (n == 2 && word_is (words[0], "today", _("today")))
    days_back = 0, clock = words[1];
  else if (n == 2 && word_is (words[0], "yesterday", _("yesterday")))
    days_back = 1, clock = words[1];

  if (days_back >= 0)
    {
      g_autoptr(GDateTime) day_of = g_date_time_add_days (local_now, -days_back);

      if (clock != NULL && !read_clock (clock, &hour, &minute, &seconds))
        return NULL;
      g_date_time_get_ymd (day_of, &year, &month, &day);
      return g_date_time_new (tz, year, month, day, hour, minute, seconds);
    }

  if ((n == 1 || n == 2) && read_date (words[0], &year, &month, &day) &&
      (n == 1 || read_clock (words[1], &hour, &minute, &seconds)))
    return g_date_time_new (tz, year, month, day, hour, minute, seconds);

  /* Pasted ISO 8601 with an offset or Z: taken as it says. */
  return g_date_time_new_from_iso8601 (text, tz);
}

gboolean
desk_time_text_parse (const char  *text,
                      GDateTime   *now,
                      GTimeZone   *tz,
                      char       **iso_utc,
                      GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (iso_utc != NULL, FALSE);

  *iso_utc = NULL;
  clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (clean[0] == '\0')
    return TRUE;

  time = read_local (clean, now, tz);
  if (time == NULL)
    {
      g_set_error (error, DESK_TIME_TEXT_ERROR, DESK_TIME_TEXT_ERROR_UNREADABLE,
                   /* Translators: the second %s is what to type instead */
                   _("“%s” is not a time: %s"), clean, desk_time_text_hint ());
      return FALSE;
    }

  utc = g_date_time_to_utc (time);
  *iso_utc = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  return TRUE;
}

char *
desk_time_text_format (const char *iso_utc,
                       GTimeZone  *tz)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (tz != NULL, NULL);

  if (iso_utc == NULL || iso_utc[0] == '\0')
    return NULL;

  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (iso_utc, utc);
  if (time == NULL)
    return g_strdup (iso_utc);

  local = g_date_time_to_timezone (time, tz);
  if (g_date_time_get_second (local) != 0)
    return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

gboolean
desk_time_text_age (const char *date_text,
                    GDateTime  *now,
                    int        *years)
{
  g_autofree char *clean = NULL;
  int year, month, day, now_year, now_month, now_day;

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (years != NULL, FALSE);

  clean = g_strstrip (g_strdup (date_text != NULL ? date_text : ""));
  if (!read_date (clean, &year, &month, &day))
    return FALSE;
  g_date_time_get_ymd (now, &now_year, &now_month, &now_day);
  *years = now_year - year - ((now_month < month || (now_month == month && now_day < day)) ? 1 : 0);
  return *years >= 0;
}
