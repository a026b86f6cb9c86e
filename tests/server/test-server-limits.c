#include "config.h"

#include <string.h>

#include "sync-helpers.h"

/* What the server refuses: malformed bodies, too much, the wrong schema or
 * client, too many requests. It answers and keeps running. */

#define ARRESTEE  "11111111-1111-4111-8111-111111111111"

static void
test_malformed (ServerFixture *fixture,
                gconstpointer  data)
{
  struct
  {
    const char *body;
    const char *named;
  } cases[] = {
    { "{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"deskA\", \"mutations\": [", "JSON" },
    { "[]", "object" },
    { "{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"deskA\", \"mutations\": [], \"bogus\": 1}", "bogus" },
    { "{\"schema\": \"two\", \"client_id\": \"deskA\", \"mutations\": []}", "schema" },
    { "{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"deskA\"}", "mutations" },
    { "{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"deskA\", \"mutations\": [{\"id\": 1, \"name\": \"record.create.v1\", "
      "\"table\": \"arrestee\", \"record\": \"r1\", \"fields\": {\"Shoe size!\": {\"value\": \"9\", "
      "\"hlc\": \"1763775000000-0000-deskA\"}}}]}", "a field whose name" },
    { "{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"deskA\", \"mutations\": [{\"id\": 1, \"name\": \"record.create.v1\", "
      "\"table\": \"arrestee; drop\", \"record\": \"r1\", \"fields\": {}}]}", "“table”" },
    { "{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"deskA\", \"mutations\": [{\"id\": 1, \"name\": \"record.burn.v1\", "
      "\"table\": \"arrestee\", \"record\": \"r1\", \"fields\": {}}]}", "record.burn.v1" },
    { "", "JSON" },
  };
  g_autofree char *token = NULL;
  g_autoptr(Reply) health = NULL;

  token = start_as_alice (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Reply) reply = server_post (fixture, "/api/v1/push", token, cases[i].body);

      assert_error (reply, 400, "malformed");
      if (strstr (reply_get_string (reply, "message"), cases[i].named) == NULL)
        g_test_message ("case %u: %s", i, reply_get_string (reply, "message"));
      g_assert_nonnull (strstr (reply_get_string (reply, "message"), cases[i].named));
    }

  /* Deep nesting must not take the server down. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(Reply) reply = NULL;

    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, '[');
    reply = server_post (fixture, "/api/v1/pull", token, deep->str);
    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 400);
  }

  health = server_request (fixture, NULL, "GET", "/api/v1/health", NULL, NULL, 0);
  g_assert_cmpuint (health->status, ==, 200);
}

static void
test_too_large (ServerFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *token = NULL;
  g_autoptr(Reply) too_many = NULL;
  g_autoptr(Reply) too_big = NULL;
  g_autoptr(Reply) after = NULL;
  g_autoptr(Reply) pulled = NULL;

  token = start_as_alice (fixture);

  for (guint i = 1; i <= 501; i++)
    {
      g_autofree char *record = g_strdup_printf ("record-%u", i);
      g_autofree char *one = mutation (i, "create", "arrestee", record, "deskA", 1, "legal_name", "X");

      g_string_append_printf (many, "%s%s", i > 1 ? ", " : "", one);
    }
  too_many = push (fixture, token, "deskA", many->str);
  assert_error (too_many, 413, "too_large");

  /* A 5 MiB value in an otherwise good push. */
  g_string_append (big, "{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"deskA\", \"mutations\": [{\"id\": 1, "
                        "\"name\": \"record.create.v1\", \"table\": \"arrestee\", \"record\": \"r1\", "
                        "\"fields\": {\"notes\": {\"value\": \"");
  for (guint i = 0; i < 5 * 1024 * 1024; i++)
    g_string_append_c (big, 'a');
  g_string_append (big, "\", \"hlc\": \"1763775000000-0000-deskA\"}}}]}");
  too_big = server_post (fixture, "/api/v1/push", token, big->str);
  assert_error (too_big, 413, "too_large");

  /* Nothing of either was applied; the server still answers. */
  after = server_request (fixture, NULL, "GET", "/api/v1/health", NULL, NULL, 0);
  g_assert_cmpuint (after->status, ==, 200);
  pulled = pull (fixture, token, "deskA", 0);
  g_assert_cmpuint (count_changes (pulled, NULL, NULL), ==, 0);
}

static void
test_schema (ServerFixture *fixture,
             gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *older = NULL;
  g_autofree char *oldest = NULL;
  g_autoptr(Reply) too_new = NULL;
  g_autoptr(Reply) served = NULL;
  g_autoptr(Reply) too_old = NULL;
  g_autoptr(Reply) old_pull = NULL;

  token = start_as_alice (fixture);

  newer = push_json (TEST_SCHEMA + 1, "deskA", "");
  too_new = server_post (fixture, "/api/v1/push", token, newer);
  assert_error (too_new, 426, "upgrade_server");
  /* Schema 4 (the name index) changed nothing on the wire: schema 3
   * desks are still served. */
  oldest = push_json (TEST_OLDEST_SCHEMA, "deskA", "");
  served = server_post (fixture, "/api/v1/push", token, oldest);
  g_assert_cmpuint (served->status, ==, 200);
  older = push_json (TEST_OLDEST_SCHEMA - 1, "deskA", "");
  too_old = server_post (fixture, "/api/v1/push", token, older);
  assert_error (too_old, 426, "upgrade_client");
  old_pull = server_post (fixture, "/api/v1/pull", token,
                          "{\"schema\": 2, \"client_id\": \"deskA\", \"after\": 0}");
  assert_error (old_pull, 426, "upgrade_client");
}

static void
test_wrong_client (ServerFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *person = mutation (1, "create", "arrestee", ARRESTEE, "deskB", 1, "legal_name", "Jane Doe");
  g_autoptr(Reply) pushed = NULL;

  token = start_as_alice (fixture);

  pushed = push (fixture, token, "deskB", person);
  assert_error (pushed, 403, "wrong_client");
}

static void
test_rate_limit (ServerFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *token = NULL;
  guint ok = 0, slowed = 0;

  token = start_as_alice (fixture);

  /* Until the first 429 (or a bound no fast client could stay under). */
  for (guint i = 0; i < 2000 && slowed == 0; i++)
    {
      g_autofree char *body = pull_json ("deskA", 0);
      g_autoptr(Reply) reply = server_post (fixture, "/api/v1/pull", token, body);

      g_assert_no_error (reply->error);
      if (reply->status == 200)
        ok++;
      else
        {
          assert_error (reply, 429, "slow_down");
          g_assert_cmpint (reply_get_int (reply, "retry_after"), >=, 1);
          slowed++;
        }
    }
  /* A burst of 100 passes; the rest of a fast run is slowed down. */
  g_assert_cmpuint (ok, >=, 100);
  g_assert_cmpuint (slowed, >, 0);
}

static void
test_bad_value (ServerFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *person = mutation (1, "create", "arrestee", ARRESTEE, "deskA", 2,
                                      "legal_name", "Jane Doe", "arrival_time", "teatime at Jane's");
  g_autofree char *next = mutation (2, "create", "arrestee", ARRESTEE, "deskA", 1, "legal_name", "Jane Doe");
  g_autoptr(Reply) refused = NULL;
  g_autoptr(Reply) accepted = NULL;
  const char *reason;

  token = start_as_alice (fixture);

  /* Refused for a rule: the reason names the field, never the value. */
  refused = push (fixture, token, "deskA", person);
  g_assert_cmpuint (refused->status, ==, 200);
  reason = assert_result (refused, 0, 1, "rejected");
  g_assert_cmpstr (reason, ==, "The arrestee field “arrival_time” must be a time like 2026-11-22T14:30:00Z");
  g_assert_cmpint (reply_get_int (refused, "version"), ==, 0);

  /* Its id was used; nothing of it was kept. */
  accepted = push (fixture, token, "deskA", next);
  assert_result (accepted, 0, 2, "applied");
  g_assert_cmpint (reply_get_int (accepted, "version"), ==, 1);
}

/* A newer desk may name a table or field this server lacks: that mutation
 * alone is rejected, with a reason, and still uses its id. */
static void
test_unknown_names (ServerFixture *fixture,
                    gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *person = mutation (1, "create", "arrestee", ARRESTEE, "deskA", 1, "legal_name", "Jane Doe");
  g_autofree char *table = mutation (2, "create", "shoe_shop", "r2", "deskA", 1, "name", "Boots");
  g_autofree char *field = mutation (3, "update", "arrestee", ARRESTEE, "deskA", 2,
                                     "status", "released", "shoe_size", "9");
  g_autofree char *status = mutation (4, "update", "arrestee", ARRESTEE, "deskA", 1, "status", "bailed");
  g_autofree char *next = mutation (5, "update", "arrestee", ARRESTEE, "deskA", 1, "outcome", "NFA");
  g_autofree char *batch = g_strjoin (", ", person, table, field, status, NULL);
  g_autoptr(Reply) pushed = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) after = NULL;
  g_autoptr(Reply) pulled = NULL;
  const char *reason;

  token = start_as_alice (fixture);

  pushed = push (fixture, token, "deskA", batch);
  g_assert_cmpuint (pushed->status, ==, 200);
  assert_result (pushed, 0, 1, "applied");
  reason = assert_result (pushed, 1, 2, "rejected");
  g_assert_nonnull (strstr (reason, "no record type “shoe_shop”"));
  reason = assert_result (pushed, 2, 3, "rejected");
  g_assert_nonnull (strstr (reason, "no field “shoe_size”"));
  assert_result (pushed, 3, 4, "applied");

  /* The rejected ones used their ids: resent, they are duplicates, and the
   * next id follows on. */
  again = push (fixture, token, "deskA", batch);
  for (guint i = 0; i < 4; i++)
    assert_result (again, i, i + 1, "duplicate");
  after = push (fixture, token, "deskA", next);
  assert_result (after, 0, 5, "applied");

  /* Nothing of a rejected mutation was kept, not even its known field. */
  pulled = pull (fixture, token, "deskA", 0);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "legal_name"), ==, 1);
  g_assert_cmpuint (count_changes (pulled, "arrestee", "status"), ==, 1);
  g_assert_cmpuint (count_changes (pulled, NULL, NULL), ==, 3);
  g_assert_null (strstr (pulled->body, "released"));
  g_assert_null (strstr (pulled->body, "shoe"));
}

int
main (int    argc,
      char **argv)
{
  server_test_init (&argc, &argv);

  SERVER_TEST_ADD ("/server/push/malformed", test_malformed);
  SERVER_TEST_ADD ("/server/push/too-large", test_too_large);
  SERVER_TEST_ADD ("/server/push/schema", test_schema);
  SERVER_TEST_ADD ("/server/push/bad-value", test_bad_value);
  SERVER_TEST_ADD ("/server/push/unknown-names", test_unknown_names);
  SERVER_TEST_ADD ("/server/push/wrong-client", test_wrong_client);
  SERVER_TEST_ADD ("/server/rate-limit", test_rate_limit);

  return g_test_run ();
}
