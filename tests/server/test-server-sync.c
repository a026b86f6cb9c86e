#include "config.h"

#include <string.h>

#include "sync-helpers.h"

/* Push and pull against the real server: roles, duplicates, gaps, limits. */

#define ARRESTEE  "11111111-1111-4111-8111-111111111111"
#define REPORT    "44444444-4444-4444-8444-444444444444"
#define SLOT      "33333333-3333-4333-8333-333333333333"

static void
test_role_rejected (ServerFixture *fixture,
                    gconstpointer  data)
{
  g_autofree char *bov = NULL;
  g_autofree char *pssc = NULL;
  g_autofree char *slot = mutation (1, "create", "rota_slot", SLOT, "deskA", 1, "needed", "2");
  g_autofree char *person = mutation (2, "create", "arrestee", ARRESTEE, "deskA", 1, "legal_name", "Jane Doe");
  g_autofree char *both = g_strconcat (slot, ", ", person, NULL);
  g_autofree char *welfare = mutation (1, "update", "arrestee", ARRESTEE, "deskB", 1, "welfare", "asthma");
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) second = NULL;
  g_autoptr(Reply) as_pssc = NULL;
  g_autoptr(Reply) pulled = NULL;
  const char *reason;

  start_with_users (fixture, "alice", "bov", "pat", "pssc", NULL);
  bov = login_as (fixture, "alice", "deskA");
  pssc = login_as (fixture, "pat", "deskB");

  /* A BOV may read the rota but not change it; the id is used all the same. */
  first = push (fixture, bov, "deskA", both);
  g_assert_cmpuint (first->status, ==, 200);
  reason = assert_result (first, 0, 1, "rejected");
  g_assert_nonnull (strstr (reason, "bov"));
  g_assert_nonnull (strstr (reason, "rota_slot"));
  assert_result (first, 1, 2, "applied");

  /* Resent: both are duplicates now, the rejected one included. */
  second = push (fixture, bov, "deskA", both);
  assert_result (second, 0, 1, "duplicate");
  assert_result (second, 1, 2, "duplicate");

  /* A PSSC may not write health notes. */
  as_pssc = push (fixture, pssc, "deskB", welfare);
  reason = assert_result (as_pssc, 0, 1, "rejected");
  g_assert_nonnull (strstr (reason, "pssc"));

  pulled = pull (fixture, bov, "deskA", 0);
  g_assert_cmpuint (count_changes (pulled, "rota_slot", NULL), ==, 0);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "welfare"), ==, 0);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "legal_name"), ==, 1);
}

static void
test_pssc_filter (ServerFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *bov = NULL;
  g_autofree char *pssc = NULL;
  g_autofree char *coordinator = NULL;
  g_autofree char *person = mutation (1, "create", "arrestee", ARRESTEE, "deskA", 5,
                                      "legal_name", "Jane Doe", "welfare", "asthma, needs inhaler",
                                      "alleged_offence", "obstruction", "notes", "solicitor called",
                                      "status", "in_custody");
  g_autofree char *report = mutation (2, "create", "online_report", REPORT, "deskA", 2,
                                      "kind", "arrest", "payload", "Jane, arrested at the bridge");
  g_autofree char *both = g_strconcat (person, ", ", report, NULL);
  g_autoptr(Reply) pushed = NULL;
  g_autoptr(Reply) seen_by_pssc = NULL;
  g_autoptr(Reply) seen_by_coordinator = NULL;
  g_autoptr(Reply) seen_by_bov = NULL;

  start_with_users (fixture, "alice", "bov", "pat", "pssc", "cole", "coordinator", NULL);
  bov = login_as (fixture, "alice", "deskA");
  pssc = login_as (fixture, "pat", "deskB");
  coordinator = login_as (fixture, "cole", "deskC");

  pushed = push (fixture, bov, "deskA", both);
  assert_result (pushed, 0, 1, "applied");
  assert_result (pushed, 1, 2, "applied");

  seen_by_pssc = pull (fixture, pssc, "deskB", 0);
  g_assert_cmpuint (count_changes (seen_by_pssc, "arrestee", "legal_name"), ==, 1);
  g_assert_cmpuint (count_changes (seen_by_pssc, "arrestee", "status"), ==, 1);
  g_assert_cmpuint (count_changes (seen_by_pssc, "arrestee", "welfare"), ==, 0);
  g_assert_cmpuint (count_changes (seen_by_pssc, "arrestee", "alleged_offence"), ==, 0);
  g_assert_cmpuint (count_changes (seen_by_pssc, "arrestee", "notes"), ==, 0);
  g_assert_cmpuint (count_changes (seen_by_pssc, "online_report", NULL), ==, 0);
  g_assert_null (strstr (seen_by_pssc->body, "asthma"));
  g_assert_null (strstr (seen_by_pssc->body, "obstruction"));
  g_assert_null (strstr (seen_by_pssc->body, "bridge"));
  /* Withheld changes still move the cursor. */
  g_assert_cmpint (reply_get_int (seen_by_pssc, "version"), ==, reply_get_int (pushed, "version"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (seen_by_pssc->json), "more"));

  seen_by_coordinator = pull (fixture, coordinator, "deskC", 0);
  g_assert_cmpuint (count_changes (seen_by_coordinator, "arrestee", NULL), ==, 5);
  g_assert_cmpuint (count_changes (seen_by_coordinator, "online_report", NULL), ==, 2);

  seen_by_bov = pull (fixture, bov, "deskA", 0);
  g_assert_cmpuint (count_changes (seen_by_bov, "arrestee", "welfare"), ==, 1);
  g_assert_cmpuint (count_changes (seen_by_bov, "online_report", "payload"), ==, 1);
}

static void
test_conflict_withheld (ServerFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *desk_a = NULL;
  g_autofree char *desk_b = NULL;
  g_autofree char *pssc = NULL;
  g_autofree char *coordinator = NULL;
  g_autofree char *first = mutation (1, "create", "arrestee", ARRESTEE, "deskA", 3,
                                     "legal_name", "Jane Doe", "welfare", "asthma", "status", "arrested");
  /* Made on desk B without having seen desk A's values (base null). */
  g_autofree char *second = mutation (1, "update", "arrestee", ARRESTEE, "deskB", 2,
                                      "welfare", "diabetic", "status", "released");
  g_autoptr(Reply) a = NULL;
  g_autoptr(Reply) b = NULL;
  g_autoptr(Reply) seen_by_pssc = NULL;
  g_autoptr(Reply) seen_by_coordinator = NULL;
  JsonArray *changes;
  guint about_welfare = 0, about_status = 0;

  start_with_users (fixture, "alice", "bov", "bea", "bov", "pat", "pssc", "cole", "coordinator", NULL);
  desk_a = login_as (fixture, "alice", "deskA");
  desk_b = login_as (fixture, "bea", "deskB");
  pssc = login_as (fixture, "pat", "deskP");
  coordinator = login_as (fixture, "cole", "deskC");

  a = push (fixture, desk_a, "deskA", first);
  assert_result (a, 0, 1, "applied");
  b = push (fixture, desk_b, "deskB", second);
  assert_result (b, 0, 1, "applied");

  /* The coordinator sees both conflicts; which field each is about. */
  seen_by_coordinator = pull (fixture, coordinator, "deskC", 0);
  changes = reply_get_array (seen_by_coordinator, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member (change, "table"), "conflict") != 0 ||
          g_strcmp0 (json_object_get_string_member (change, "field"), "field") != 0)
        continue;
      about_welfare += g_strcmp0 (json_object_get_string_member (change, "value"), "welfare") == 0;
      about_status += g_strcmp0 (json_object_get_string_member (change, "value"), "status") == 0;
    }
  g_assert_cmpuint (about_welfare, ==, 1);
  g_assert_cmpuint (about_status, ==, 1);

  /* The PSSC gets the status conflict, never the health one. */
  seen_by_pssc = pull (fixture, pssc, "deskP", 0);
  g_assert_cmpuint (count_changes (seen_by_pssc, "conflict", "field"), ==, 1);
  g_assert_cmpuint (count_changes (seen_by_pssc, "conflict", "kept_value"), ==, 1);
  g_assert_null (strstr (seen_by_pssc->body, "asthma"));
  g_assert_null (strstr (seen_by_pssc->body, "diabetic"));
  g_assert_nonnull (strstr (seen_by_pssc->body, "released"));
  g_assert_cmpint (reply_get_int (seen_by_pssc, "version"), ==, reply_get_int (seen_by_coordinator, "version"));
}

static void
test_duplicate (ServerFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *person = mutation (1, "create", "arrestee", ARRESTEE, "deskA", 1, "legal_name", "Jane Doe");
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) pulled = NULL;

  token = start_as_alice (fixture);

  first = push (fixture, token, "deskA", person);
  assert_result (first, 0, 1, "applied");
  /* A reply that never came: the desk sends the same id again. */
  again = push (fixture, token, "deskA", person);
  g_assert_cmpuint (again->status, ==, 200);
  assert_result (again, 0, 1, "duplicate");
  g_assert_cmpint (reply_get_int (again, "version"), ==, reply_get_int (first, "version"));

  pulled = pull (fixture, token, "deskA", 0);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "legal_name"), ==, 1);
  g_assert_cmpuint (count_changes (pulled, NULL, NULL), ==, 1);
}

static void
test_gap (ServerFixture *fixture,
          gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *one = mutation (1, "create", "arrestee", ARRESTEE, "deskA", 1, "legal_name", "Jane Doe");
  g_autofree char *two = mutation (2, "update", "arrestee", ARRESTEE, "deskA", 1, "status", "released");
  g_autofree char *three = mutation (3, "update", "arrestee", ARRESTEE, "deskA", 1, "outcome", "NFA");
  g_autofree char *four = mutation (4, "update", "arrestee", ARRESTEE, "deskA", 1, "court_place", "Town");
  g_autofree char *two_and_four = g_strconcat (two, ", ", four, NULL);
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) skipped = NULL;
  g_autoptr(Reply) partly = NULL;
  g_autoptr(Reply) pulled = NULL;

  token = start_as_alice (fixture);

  first = push (fixture, token, "deskA", one);
  assert_result (first, 0, 1, "applied");

  skipped = push (fixture, token, "deskA", three);
  assert_error (skipped, 409, "gap");
  g_assert_cmpint (reply_get_int (skipped, "expected"), ==, 2);
  g_assert_cmpuint (json_array_get_length (reply_get_array (skipped, "results")), ==, 0);

  /* What came before the gap is handled and reported. */
  partly = push (fixture, token, "deskA", two_and_four);
  assert_error (partly, 409, "gap");
  g_assert_cmpint (reply_get_int (partly, "expected"), ==, 3);
  g_assert_cmpuint (json_array_get_length (reply_get_array (partly, "results")), ==, 1);
  assert_result (partly, 0, 2, "applied");

  pulled = pull (fixture, token, "deskA", 0);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "status"), ==, 1);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "outcome"), ==, 0);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "court_place"), ==, 0);
}

/* The merge refuses the middle mutation half way (a create carrying the
 * tombstone flag passes the rules, which skip "deleted", but the write
 * path knows no such field). The batch first runs without a savepoint per
 * mutation; its retry must start from nothing: the first mutation is
 * "applied" once, not a "duplicate" of the try that was rolled back. */
static void
test_refused_in_merge (ServerFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *one = mutation (1, "create", "arrestee", ARRESTEE, "deskA", 2, "legal_name", "Jane Doe",
                                   "status", "in_custody");
  g_autofree char *two = mutation (2, "create", "arrestee", "55555555-5555-4555-8555-555555555555", "deskA", 2,
                                   "legal_name", "Half Done", "deleted", "1");
  g_autofree char *three = mutation (3, "update", "arrestee", ARRESTEE, "deskA", 1, "outcome", "NFA");
  g_autofree char *batch = g_strconcat (one, ", ", two, ", ", three, NULL);
  g_autoptr(Reply) pushed = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) pulled = NULL;
  const char *reason;

  token = start_as_alice (fixture);

  pushed = push (fixture, token, "deskA", batch);
  g_assert_cmpuint (pushed->status, ==, 200);
  assert_result (pushed, 0, 1, "applied");
  reason = assert_result (pushed, 1, 2, "rejected");
  g_assert_nonnull (strstr (reason, "deleted"));
  g_assert_null (strstr (reason, "Half Done"));
  assert_result (pushed, 2, 3, "applied");
  g_assert_cmpint (reply_get_int (pushed, "version"), ==, 3);

  again = push (fixture, token, "deskA", batch);
  assert_result (again, 0, 1, "duplicate");
  assert_result (again, 1, 2, "duplicate");
  assert_result (again, 2, 3, "duplicate");

  /* Nothing of the refused one, each of the others once. */
  pulled = pull (fixture, token, "deskA", 0);
  g_assert_cmpuint (count_changes (pulled, NULL, NULL), ==, 3);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "legal_name"), ==, 1);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "status"), ==, 1);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "outcome"), ==, 1);
  g_assert_null (strstr (pulled->body, "Half Done"));
}

int
main (int    argc,
      char **argv)
{
  server_test_init (&argc, &argv);

  SERVER_TEST_ADD ("/server/push/role-rejected", test_role_rejected);
  SERVER_TEST_ADD ("/server/pull/pssc-filter", test_pssc_filter);
  SERVER_TEST_ADD ("/server/pull/conflict-withheld", test_conflict_withheld);
  SERVER_TEST_ADD ("/server/push/duplicate", test_duplicate);
  SERVER_TEST_ADD ("/server/push/gap", test_gap);
  SERVER_TEST_ADD ("/server/push/refused-in-merge", test_refused_in_merge);

  return g_test_run ();
}
