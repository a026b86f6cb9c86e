#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "desk-custody.h"

#define HOUR   G_TIME_SPAN_HOUR
#define MINUTE G_TIME_SPAN_MINUTE

static gint64
at (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
compute_ok (const DeskCustodyInput *input,
            gint64                  now,
            DeskCustodyClock       *clock)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_custody_compute (input, now, clock, &error));
  g_assert_no_error (error);
}

/* The message names the field and never quotes what the record holds. */
static void
assert_refused (const DeskCustodyInput *input,
                const char             *field,
                const char             *value)
{
  DeskCustodyClock clock;
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_custody_compute (input, at ("2026-11-22T12:00:00Z"), &clock, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, field));
  g_assert_null (strstr (error->message, value));
}

static void
test_limit_is_24_hours_from_arrival (void)
{
  DeskCustodyInput input = { .arrival_time = "2026-11-22T10:00:00Z",
                             .checkin_time = "2026-11-22T10:40:00Z",
                             .status = "in_custody" };
  DeskCustodyClock clock;
  g_autofree char *left = NULL;
  g_autofree char *held = NULL;

  compute_ok (&input, at ("2026-11-22T15:48:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_RUNNING);
  g_assert_false (clock.estimated);
  g_assert_cmpint (clock.relevant_time, ==, at ("2026-11-22T10:00:00Z"));
  g_assert_cmpint (clock.limit, ==, at ("2026-11-23T10:00:00Z"));
  g_assert_cmpint (clock.time_in_custody, ==, 5 * HOUR + 48 * MINUTE);
  g_assert_cmpint (clock.time_left, ==, 18 * HOUR + 12 * MINUTE);

  left = desk_custody_format_time_left (&clock);
  held = desk_custody_format_time_in_custody (&clock);
  g_assert_cmpstr (left, ==, "18 h 12 min left");
  g_assert_cmpstr (held, ==, "5 h 48 min");
}

static void
test_unknown_arrival_runs_from_checkin_as_estimate (void)
{
  DeskCustodyInput checkin_only = { .checkin_time = "2026-11-22T10:40:00Z" };
  DeskCustodyInput guessed = { .arrival_time = "2026-11-22T10:00:00Z",
                               .arrival_estimated = "1" };
  DeskCustodyInput known = { .arrival_time = "2026-11-22T10:00:00Z",
                             .arrival_estimated = "0" };
  DeskCustodyClock clock;
  g_autofree char *left = NULL;

  compute_ok (&checkin_only, at ("2026-11-22T12:40:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_RUNNING);
  g_assert_true (clock.estimated);
  g_assert_cmpint (clock.relevant_time, ==, at ("2026-11-22T10:40:00Z"));
  g_assert_cmpint (clock.limit, ==, at ("2026-11-23T10:40:00Z"));
  left = desk_custody_format_time_left (&clock);
  g_assert_cmpstr (left, ==, "about 22 h left");

  compute_ok (&guessed, at ("2026-11-22T12:40:00Z"), &clock);
  g_assert_true (clock.estimated);
  g_assert_cmpint (clock.relevant_time, ==, at ("2026-11-22T10:00:00Z"));

  compute_ok (&known, at ("2026-11-22T12:40:00Z"), &clock);
  g_assert_false (clock.estimated);
}

static void
test_not_started_has_no_clock (void)
{
  DeskCustodyInput input = { .status = "arrested" };
  DeskCustodyClock clock;
  g_autofree char *left = NULL;
  g_autofree char *held = NULL;

  compute_ok (&input, at ("2026-11-22T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_NOT_STARTED);
  g_assert_cmpint (clock.limit, ==, 0);
  g_assert_cmpint (clock.next_review, ==, 0);
  g_assert_cmpint (desk_custody_next_alert (&clock, at ("2026-11-22T12:00:00Z")), ==, 0);
  left = desk_custody_format_time_left (&clock);
  held = desk_custody_format_time_in_custody (&clock);
  g_assert_cmpstr (left, ==, "—");
  g_assert_cmpstr (held, ==, "—");
}

static void
test_extension_up_to_36_hours (void)
{
  DeskCustodyInput input = { .arrival_time = "2026-11-22T10:00:00Z",
                             .extension_until = "2026-11-23T22:00:00Z" };
  DeskCustodyInput shorter = { .arrival_time = "2026-11-22T10:00:00Z",
                               .extension_until = "2026-11-23T16:00:00Z" };
  DeskCustodyClock clock;

  compute_ok (&input, at ("2026-11-23T09:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_EXTENDED);
  g_assert_cmpint (clock.limit, ==, at ("2026-11-23T22:00:00Z"));
  g_assert_cmpint (clock.time_left, ==, 13 * HOUR);

  compute_ok (&shorter, at ("2026-11-23T09:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_EXTENDED);
  g_assert_cmpint (clock.limit, ==, at ("2026-11-23T16:00:00Z"));
}

static void
test_warrant_up_to_96_hours (void)
{
  DeskCustodyInput input = { .arrival_time = "2026-11-22T10:00:00Z",
                             .extension_until = "2026-11-23T22:00:00Z",
                             .warrant_until = "2026-11-26T10:00:00Z" };
  DeskCustodyClock clock;

  compute_ok (&input, at ("2026-11-24T10:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_WARRANT);
  g_assert_cmpint (clock.limit, ==, at ("2026-11-26T10:00:00Z"));
  g_assert_cmpint (clock.time_left, ==, 48 * HOUR);
  g_assert_cmpint (clock.time_in_custody, ==, 48 * HOUR);
}

static void
test_beyond_the_law_is_refused (void)
{
  DeskCustodyInput long_extension = { .arrival_time = "2026-11-22T10:00:00Z",
                                      .extension_until = "2026-11-23T22:01:00Z" };
  DeskCustodyInput long_warrant = { .arrival_time = "2026-11-22T10:00:00Z",
                                    .warrant_until = "2026-11-26T10:00:01Z" };
  DeskCustodyInput early_extension = { .arrival_time = "2026-11-22T10:00:00Z",
                                       .extension_until = "2026-11-22T09:00:00Z" };
  DeskCustodyInput early_release = { .arrival_time = "2026-11-22T10:00:00Z",
                                     .release_time = "2026-11-22T09:00:00Z" };
  DeskCustodyInput unreadable = { .arrival_time = "after Jane's tea" };
  /* From check-in too: the estimate is still the relevant time. */
  DeskCustodyInput long_from_checkin = { .checkin_time = "2026-11-22T10:00:00Z",
                                         .warrant_until = "2026-11-27T10:00:00Z" };

  assert_refused (&long_extension, "extension_until", "2026-11-23");
  assert_refused (&long_warrant, "warrant_until", "2026-11-26");
  assert_refused (&early_extension, "extension_until", "2026-11-22");
  assert_refused (&early_release, "release_time", "2026-11-22");
  assert_refused (&unreadable, "arrival_time", "Jane");
  assert_refused (&long_from_checkin, "warrant_until", "2026-11-27");
}

static void
test_reviews_at_6_hours_then_every_9 (void)
{
  DeskCustodyInput input = { .arrival_time = "2026-11-22T10:00:00Z" };
  DeskCustodyInput extended = { .arrival_time = "2026-11-22T10:00:00Z",
                                .extension_until = "2026-11-23T22:00:00Z" };
  gint64 relevant = at ("2026-11-22T10:00:00Z");
  DeskCustodyClock clock;

  compute_ok (&input, relevant, &clock);
  g_assert_cmpint (clock.next_review, ==, relevant + 6 * HOUR);
  compute_ok (&input, relevant + 6 * HOUR, &clock);
  g_assert_cmpint (clock.next_review, ==, relevant + 6 * HOUR);
  compute_ok (&input, relevant + 6 * HOUR + 1, &clock);
  g_assert_cmpint (clock.next_review, ==, relevant + 15 * HOUR);
  compute_ok (&input, relevant + 15 * HOUR + MINUTE, &clock);
  /* The third review would fall at the 24 h limit itself: none is due. */
  g_assert_cmpint (clock.next_review, ==, 0);

  compute_ok (&extended, relevant + 15 * HOUR + MINUTE, &clock);
  g_assert_cmpint (clock.next_review, ==, relevant + 24 * HOUR);
  compute_ok (&extended, relevant + 25 * HOUR, &clock);
  g_assert_cmpint (clock.next_review, ==, relevant + 33 * HOUR);
}

static void
test_release_stops_the_clock (void)
{
  DeskCustodyInput input = { .arrival_time = "2026-11-22T10:00:00Z",
                             .release_time = "2026-11-22T19:30:00Z",
                             .outcome = "NFA", .status = "released" };
  DeskCustodyInput released_unknown = { .release_time = "2026-11-22T19:30:00Z" };
  DeskCustodyClock clock;
  g_autofree char *left = NULL;
  g_autofree char *held = NULL;

  compute_ok (&input, at ("2026-11-24T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_RELEASED);
  g_assert_cmpint (clock.limit, ==, 0);
  g_assert_cmpint (clock.time_left, ==, 0);
  g_assert_cmpint (clock.next_review, ==, 0);
  g_assert_cmpint (clock.time_in_custody, ==, 9 * HOUR + 30 * MINUTE);
  g_assert_cmpint (desk_custody_next_alert (&clock, at ("2026-11-22T12:00:00Z")), ==, 0);
  left = desk_custody_format_time_left (&clock);
  held = desk_custody_format_time_in_custody (&clock);
  g_assert_cmpstr (left, ==, "—");
  g_assert_cmpstr (held, ==, "9 h 30 min");

  compute_ok (&released_unknown, at ("2026-11-24T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_RELEASED);
}

static void
test_held_for_court_stops_the_limit (void)
{
  DeskCustodyInput by_status = { .arrival_time = "2026-11-22T10:00:00Z",
                                 .outcome = "Charged, refused bail",
                                 .status = "held_for_court" };
  DeskCustodyInput by_outcome = { .arrival_time = "2026-11-22T10:00:00Z",
                                  .outcome = "held_for_court" };
  gint64 now = at ("2026-11-23T12:00:00Z");
  DeskCustodyClock clock;

  compute_ok (&by_status, now, &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_HELD_FOR_COURT);
  g_assert_cmpint (clock.limit, ==, 0);
  g_assert_cmpint (clock.time_left, ==, 0);
  g_assert_cmpint (clock.time_in_custody, ==, 26 * HOUR);
  g_assert_cmpint (desk_custody_next_alert (&clock, now), ==, 0);
  g_assert_cmpint (desk_custody_alert_at (&clock, now), ==, DESK_CUSTODY_ALERT_NONE);

  compute_ok (&by_outcome, now, &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_HELD_FOR_COURT);
}

static void
test_time_left_goes_negative (void)
{
  DeskCustodyInput input = { .arrival_time = "2026-11-22T10:00:00Z" };
  DeskCustodyInput estimated = { .checkin_time = "2026-11-22T10:00:00Z" };
  DeskCustodyClock clock;
  g_autofree char *left = NULL;
  g_autofree char *about = NULL;

  compute_ok (&input, at ("2026-11-23T10:40:30Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_RUNNING);
  g_assert_cmpint (clock.time_left, ==, -(40 * MINUTE + 30 * G_TIME_SPAN_SECOND));
  left = desk_custody_format_time_left (&clock);
  g_assert_cmpstr (left, ==, "overdue by 40 min");

  compute_ok (&estimated, at ("2026-11-23T12:00:00Z"), &clock);
  about = desk_custody_format_time_left (&clock);
  g_assert_cmpstr (about, ==, "about 2 h overdue");
}

static void
test_next_alert_2_hours_before_then_at_limit (void)
{
  DeskCustodyInput input = { .arrival_time = "2026-11-22T10:00:00Z" };
  gint64 limit = at ("2026-11-23T10:00:00Z");
  DeskCustodyClock clock;

  compute_ok (&input, at ("2026-11-22T12:00:00Z"), &clock);
  g_assert_cmpint (desk_custody_next_alert (&clock, at ("2026-11-22T12:00:00Z")), ==, limit - 2 * HOUR);
  g_assert_cmpint (desk_custody_next_alert (&clock, limit - 2 * HOUR - 1), ==, limit - 2 * HOUR);
  g_assert_cmpint (desk_custody_next_alert (&clock, limit - 2 * HOUR), ==, limit);
  g_assert_cmpint (desk_custody_next_alert (&clock, limit - MINUTE), ==, limit);
  g_assert_cmpint (desk_custody_next_alert (&clock, limit), ==, 0);
  g_assert_cmpint (desk_custody_next_alert (&clock, limit + HOUR), ==, 0);

  g_assert_cmpint (desk_custody_alert_at (&clock, limit - 2 * HOUR - 1), ==, DESK_CUSTODY_ALERT_NONE);
  g_assert_cmpint (desk_custody_alert_at (&clock, limit - 2 * HOUR), ==, DESK_CUSTODY_ALERT_NEAR);
  g_assert_cmpint (desk_custody_alert_at (&clock, limit - 1), ==, DESK_CUSTODY_ALERT_NEAR);
  g_assert_cmpint (desk_custody_alert_at (&clock, limit), ==, DESK_CUSTODY_ALERT_PASSED);
}

static GTimeZone *
london (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/London");

  if (tz == NULL)
    g_test_fail_printf ("tzdata has no Europe/London: install the tzdata package");
  return tz;
}

/* Arrival 12:00 BST on Saturday; the clocks go back at 01:00 UTC on Sunday;
 * 24 real hours later it is 11:00 GMT, not 12:00. */
static void
test_across_october_change (void)
{
  g_autoptr(GTimeZone) tz = london ();
  DeskCustodyInput input = { .arrival_time = "2026-10-24T11:00:00Z" };
  DeskCustodyClock clock;
  g_autofree char *arrival = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *warn = NULL;

  if (tz == NULL)
    return;

  /* Sunday 10:00 GMT: 22 wall-clock hours after 12:00 BST, 23 real ones. */
  compute_ok (&input, at ("2026-10-25T10:00:00Z"), &clock);
  g_assert_cmpint (clock.limit - clock.relevant_time, ==, 24 * HOUR);
  g_assert_cmpint (clock.time_in_custody, ==, 23 * HOUR);
  g_assert_cmpint (clock.time_left, ==, 1 * HOUR);

  arrival = desk_custody_format_local_time (clock.relevant_time, tz);
  limit = desk_custody_format_local_time (clock.limit, tz);
  warn = desk_custody_format_local_time (desk_custody_next_alert (&clock, at ("2026-10-24T12:00:00Z")), tz);
  g_assert_cmpstr (arrival, ==, "Sat 24 Oct, 12:00 BST");
  g_assert_cmpstr (limit, ==, "Sun 25 Oct, 11:00 GMT");
  g_assert_cmpstr (warn, ==, "Sun 25 Oct, 09:00 GMT");
}

/* Arrival 12:00 GMT on Saturday; the clocks go forward at 01:00 UTC on
 * Sunday; 24 real hours later it is 13:00 BST. */
static void
test_across_march_change (void)
{
  g_autoptr(GTimeZone) tz = london ();
  /* Typed in local time with its offset: the store keeps UTC. */
  DeskCustodyInput input = { .arrival_time = "2026-03-28T12:00:00+00:00",
                             .extension_until = "2026-03-30T00:00:00Z" };
  DeskCustodyClock clock;
  g_autofree char *arrival = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *review = NULL;

  if (tz == NULL)
    return;

  compute_ok (&input, at ("2026-03-29T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, DESK_CUSTODY_EXTENDED);
  g_assert_cmpint (clock.time_in_custody, ==, 24 * HOUR);
  g_assert_cmpint (clock.limit - clock.relevant_time, ==, 36 * HOUR);
  /* Reviews at 6, 15, 24, 33 h: 33 h after 12:00 GMT is 22:00 BST. */
  g_assert_cmpint (clock.next_review, ==, clock.relevant_time + 24 * HOUR);

  arrival = desk_custody_format_local_time (clock.relevant_time, tz);
  limit = desk_custody_format_local_time (clock.relevant_time + 24 * HOUR, tz);
  review = desk_custody_format_local_time (clock.relevant_time + 33 * HOUR, tz);
  g_assert_cmpstr (arrival, ==, "Sat 28 Mar, 12:00 GMT");
  g_assert_cmpstr (limit, ==, "Sun 29 Mar, 13:00 BST");
  g_assert_cmpstr (review, ==, "Sun 29 Mar, 22:00 BST");
}

static void
test_input_from_record_and_values (void)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  const char *const *names = desk_custody_fields ();
  const char *values[] = { "a", "b", "c", "d", "e", "f", "g", "h", NULL };
  DeskCustodyInput input = { 0 };

  g_hash_table_insert (fields, (gpointer) "arrival_time", (gpointer) "2026-11-22T10:00:00Z");
  g_hash_table_insert (fields, (gpointer) "checkin_time", (gpointer) "2026-11-22T10:30:00Z");
  g_hash_table_insert (fields, (gpointer) "arrival_estimated", (gpointer) "1");
  g_hash_table_insert (fields, (gpointer) "status", (gpointer) "held_for_court");
  g_hash_table_insert (fields, (gpointer) "legal_name", (gpointer) "Jane Doe");

  desk_custody_input_from_record (fields, &input);
  g_assert_cmpstr (input.arrival_time, ==, "2026-11-22T10:00:00Z");
  g_assert_cmpstr (input.checkin_time, ==, "2026-11-22T10:30:00Z");
  g_assert_cmpstr (input.arrival_estimated, ==, "1");
  g_assert_cmpstr (input.status, ==, "held_for_court");
  g_assert_null (input.release_time);
  g_assert_null (input.warrant_until);

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 8);
  desk_custody_input_from_values ((char *const *) values, &input);
  g_assert_cmpstr (input.arrival_time, ==, "a");
  g_assert_cmpstr (input.arrival_estimated, ==, "h");
  g_assert_cmpstr (names[7], ==, "arrival_estimated");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custody/limit-24h", test_limit_is_24_hours_from_arrival);
  g_test_add_func ("/custody/unknown-arrival", test_unknown_arrival_runs_from_checkin_as_estimate);
  g_test_add_func ("/custody/not-started", test_not_started_has_no_clock);
  g_test_add_func ("/custody/extension", test_extension_up_to_36_hours);
  g_test_add_func ("/custody/warrant", test_warrant_up_to_96_hours);
  g_test_add_func ("/custody/beyond-the-law", test_beyond_the_law_is_refused);
  g_test_add_func ("/custody/reviews", test_reviews_at_6_hours_then_every_9);
  g_test_add_func ("/custody/released", test_release_stops_the_clock);
  g_test_add_func ("/custody/held-for-court", test_held_for_court_stops_the_limit);
  g_test_add_func ("/custody/overdue", test_time_left_goes_negative);
  g_test_add_func ("/custody/next-alert", test_next_alert_2_hours_before_then_at_limit);
  g_test_add_func ("/custody/dst-october", test_across_october_change);
  g_test_add_func ("/custody/dst-march", test_across_march_change);
  g_test_add_func ("/custody/input", test_input_from_record_and_values);

  return g_test_run ();
}
