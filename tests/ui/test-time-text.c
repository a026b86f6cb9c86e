#include "config.h"

#include <string.h>

#include "desk-time-text.h"

/* Times typed as a BOV types them, read in London time (both sides of
 * the October clock change), stored as UTC. */

typedef struct
{
  const char *text;
  const char *utc;   /* NULL: must be refused */
} Case;

static void
check_cases (const char *now_utc,
             const Case *cases,
             guint       n_cases)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (now_utc, utc);

  g_assert_nonnull (london);
  g_assert_nonnull (now);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *iso = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = desk_time_text_parse (cases[i].text, now, london, &iso, &error);

      g_test_message ("“%s” → %s", cases[i].text, iso ? iso : "(refused)");
      if (cases[i].utc == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, DESK_TIME_TEXT_ERROR, DESK_TIME_TEXT_ERROR_UNREADABLE);
          /* The message says what to type. */
          g_assert_nonnull (strstr (error->message, "14:05"));
          g_assert_null (iso);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (iso, ==, cases[i].utc);
        }
    }
}

static void
test_winter (void)
{
  const Case cases[] = {
    { "14:05", "2026-11-22T14:05:00Z" },
    { " 9:30 ", "2026-11-22T09:30:00Z" },
    { "14:05:30", "2026-11-22T14:05:30Z" },
    { "14.05", "2026-11-22T14:05:00Z" },
    { "yesterday 9.30", "2026-11-21T09:30:00Z" },
    { "14.5", NULL },
    { "yesterday 23:10", "2026-11-21T23:10:00Z" },
    { "Yesterday 23:10", "2026-11-21T23:10:00Z" },
    { "today 08:00", "2026-11-22T08:00:00Z" },
    { "Today 08:00", "2026-11-22T08:00:00Z" },
    { "2026-11-20 14:05", "2026-11-20T14:05:00Z" },
    { "2026-11-20T14:05", "2026-11-20T14:05:00Z" },
    { "20/11/2026 14:05", "2026-11-20T14:05:00Z" },
    { "2026-12-05", "2026-12-05T00:00:00Z" },
    { "2026-11-20T14:05:00+01:00", "2026-11-20T13:05:00Z" },
    { "2026-11-20T14:05:00Z", "2026-11-20T14:05:00Z" },
    { "now", "2026-11-22T15:00:00Z" },
    { "NOW", "2026-11-22T15:00:00Z" },
    { "25:99", NULL },
    { "14:60", NULL },
    { "14", NULL },
    { "teatime", NULL },
    { "2026-02-30 10:00", NULL },
    { "yesterday", NULL },
    { "yesterday 9pm", NULL },
  };

  check_cases ("2026-11-22T15:00:00Z", cases, G_N_ELEMENTS (cases));
}

/* Summer time: local is UTC+1. The night of 24–25 October 2026 the clocks
 * go back at 02:00 BST. */
static void
test_summer_and_clock_change (void)
{
  const Case cases[] = {
    { "14:05", "2026-10-24T13:05:00Z" },
    { "yesterday 23:10", "2026-10-23T22:10:00Z" },
    { "2026-10-25 03:00", "2026-10-25T03:00:00Z" },
    { "2026-10-24 23:30", "2026-10-24T22:30:00Z" },
  };

  check_cases ("2026-10-24T15:00:00Z", cases, G_N_ELEMENTS (cases));
}

static void
test_empty_clears (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char *iso = (char *) "unchanged";

  g_assert_true (desk_time_text_parse ("  ", now, utc, &iso, NULL));
  g_assert_null (iso);
  g_assert_true (desk_time_text_parse (NULL, now, utc, &iso, NULL));
  g_assert_null (iso);
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autofree char *winter = desk_time_text_format ("2026-11-22T14:05:00Z", london);
  g_autofree char *summer = desk_time_text_format ("2026-10-24T13:05:00Z", london);
  g_autofree char *seconds = desk_time_text_format ("2026-11-22T14:05:07Z", london);
  g_autofree char *junk = desk_time_text_format ("not a time", london);
  g_autofree char *none = desk_time_text_format (NULL, london);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *back = NULL;

  g_assert_cmpstr (winter, ==, "2026-11-22 14:05");
  g_assert_cmpstr (summer, ==, "2026-10-24 14:05");
  g_assert_cmpstr (seconds, ==, "2026-11-22 14:05:07");
  g_assert_cmpstr (junk, ==, "not a time");
  g_assert_null (none);

  /* What is shown reads back as what is stored. */
  g_assert_true (desk_time_text_parse (summer, now, london, &back, NULL));
  g_assert_cmpstr (back, ==, "2026-10-24T13:05:00Z");
  (void) utc;
}

static void
test_age (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 11, 22, 14, 5, 0);
  int years = -1;

  g_assert_true (desk_time_text_age ("2008-11-22", now, &years));
  g_assert_cmpint (years, ==, 18);
  g_assert_true (desk_time_text_age ("2008-11-23", now, &years));
  g_assert_cmpint (years, ==, 17);
  g_assert_true (desk_time_text_age (" 23/11/2008 ", now, &years));
  g_assert_cmpint (years, ==, 17);
  g_assert_false (desk_time_text_age ("2027-01-01", now, &years));
  g_assert_false (desk_time_text_age ("about 17", now, &years));
  g_assert_false (desk_time_text_age ("", now, &years));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/time-text/winter", test_winter);
  g_test_add_func ("/time-text/summer-and-clock-change", test_summer_and_clock_change);
  g_test_add_func ("/time-text/empty-clears", test_empty_clears);
  g_test_add_func ("/time-text/format", test_format);
  g_test_add_func ("/time-text/age", test_age);

  return g_test_run ();
}
