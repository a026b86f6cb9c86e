#include "config.h"

#include "sync-helpers.h"

void
assert_error (Reply      *reply,
              guint       status,
              const char *code)
{
  g_assert_no_error (reply->error);
  if (reply->status != status)
    g_test_message ("reply: %u %s", reply->status, reply->body);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (reply_get_string (reply, "error"), ==, code);
}

void
start_with_users (ServerFixture *fixture,
                  ...)
{
  const char *name;
  va_list ap;

  va_start (ap, fixture);
  while ((name = va_arg (ap, const char *)) != NULL)
    server_fixture_add_user (fixture, name, va_arg (ap, const char *), SYNC_TEST_PASSWORD);
  va_end (ap);
  server_fixture_start (fixture, NULL);
}

char *
login_as (ServerFixture *fixture,
          const char    *name,
          const char    *client_id)
{
  return server_login (fixture, name, SYNC_TEST_PASSWORD, client_id);
}

char *
start_as_alice (ServerFixture *fixture)
{
  start_with_users (fixture, "alice", "bov", NULL);
  return login_as (fixture, "alice", "deskA");
}

static char *
hlc (guint counter,
     const char *node)
{
  return g_strdup_printf ("1763775000000-%04x-%s", counter, node);
}

char *
mutation (gint64      id,
          const char *op,
          const char *table,
          const char *record,
          const char *node,
          guint       n_fields,
          ...)
{
  g_autoptr(GString) fields = g_string_new (NULL);
  va_list ap;

  va_start (ap, n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = va_arg (ap, const char *);
      const char *value = va_arg (ap, const char *);
      g_autofree char *stamp = hlc ((guint) id * 16 + i, node);
      g_autofree char *field = field_json (name, value, stamp);

      g_string_append_printf (fields, "%s%s", i ? ", " : "", field);
    }
  va_end (ap);
  return mutation_json (id, op, table, record, fields->str);
}

Reply *
push (ServerFixture *fixture,
      const char    *token,
      const char    *client_id,
      const char    *mutations)
{
  g_autofree char *body = push_json (TEST_SCHEMA, client_id, mutations);
  Reply *reply = server_post (fixture, "/api/v1/push", token, body);

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_test_message ("push: %u %s", reply->status, reply->body);
  return reply;
}

Reply *
pull (ServerFixture *fixture,
      const char    *token,
      const char    *client_id,
      gint64         after)
{
  g_autofree char *body = pull_json (client_id, after);
  Reply *reply = server_post (fixture, "/api/v1/pull", token, body);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  return reply;
}

JsonObject *
result (Reply *reply,
        guint  index)
{
  JsonArray *results = reply_get_array (reply, "results");

  g_assert_cmpuint (json_array_get_length (results), >, index);
  return json_array_get_object_element (results, index);
}

/* How many pulled changes have @table and @field (either may be NULL). */
guint
count_changes (Reply      *reply,
               const char *table,
               const char *field)
{
  JsonArray *changes = reply_get_array (reply, "changes");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if ((table == NULL || g_strcmp0 (json_object_get_string_member (change, "table"), table) == 0) &&
          (field == NULL || g_strcmp0 (json_object_get_string_member (change, "field"), field) == 0))
        n++;
    }
  return n;
}

const char *
assert_result (Reply      *reply,
               guint       index,
               gint64      id,
               const char *status)
{
  JsonObject *object = result (reply, index);

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, status);
  return json_object_get_string_member_with_default (object, "reason", NULL);
}
