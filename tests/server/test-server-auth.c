#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sync-helpers.h"

/* Accounts, sessions, TLS and the command line of the real server. */

#define PASSWORD "correct horse battery"

static Reply *
pull_with (ServerFixture *fixture,
           const char    *token,
           const char    *client_id)
{
  g_autofree char *body = pull_json (client_id, 0);

  return server_post (fixture, "/api/v1/pull", token, body);
}

static Reply *
login_reply (ServerFixture *fixture,
             const char    *username,
             const char    *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\", \"client_id\": \"desk1\"}",
                                           username, password);

  return server_post (fixture, "/api/v1/login", NULL, body);
}

static void
test_health (ServerFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(Reply) health = NULL;
  g_autoptr(Reply) missing = NULL;
  g_autoptr(Reply) wrong_method = NULL;
  g_autoptr(Reply) outside = NULL;

  server_fixture_start (fixture, NULL);

  health = server_request (fixture, NULL, "GET", "/api/v1/health", NULL, NULL, 0);
  g_assert_no_error (health->error);
  g_assert_cmpuint (health->status, ==, 200);
  g_assert_cmpstr (reply_get_string (health, "status"), ==, "ok");
  g_assert_cmpint (reply_get_int (health, "schema"), ==, TEST_SCHEMA);
  g_assert_cmpint (reply_get_int (health, "protocol"), ==, 1);

  missing = server_request (fixture, NULL, "GET", "/api/v1/nothing", NULL, NULL, 0);
  assert_error (missing, 404, "not_found");
  wrong_method = server_request (fixture, NULL, "GET", "/api/v1/login", NULL, NULL, 0);
  assert_error (wrong_method, 405, "method_not_allowed");
  outside = server_request (fixture, NULL, "GET", "/etc/passwd", NULL, NULL, 0);
  assert_error (outside, 404, "not_found");
}

static void
test_login (ServerFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) pulled = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *token;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  server_fixture_start (fixture, NULL);

  reply = login_reply (fixture, "alice", PASSWORD);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  token = reply_get_string (reply, "token");
  g_assert_cmpuint (strlen (token), ==, 64);
  for (const char *p = token; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p));
  g_assert_cmpstr (reply_get_string (reply, "role"), ==, "bov");
  g_assert_cmpstr (reply_get_string (reply, "username"), ==, "alice");

  /* A shift plus margin: nine hours. */
  expires = g_date_time_new_from_iso8601 (reply_get_string (reply, "expires_at"), NULL);
  g_assert_nonnull (expires);
  g_assert_cmpint (g_date_time_difference (expires, now) / G_TIME_SPAN_SECOND, >=, 9 * 3600 - 60);
  g_assert_cmpint (g_date_time_difference (expires, now) / G_TIME_SPAN_SECOND, <=, 9 * 3600 + 60);

  pulled = pull_with (fixture, token, "desk1");
  g_assert_cmpuint (pulled->status, ==, 200);
}

static void
test_bad_credentials (ServerFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(Reply) unknown = NULL;
  g_autoptr(Reply) malformed = NULL;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  server_fixture_start (fixture, NULL);

  wrong = login_reply (fixture, "alice", "not the password");
  assert_error (wrong, 401, "bad_credentials");
  g_assert_nonnull (strstr (reply_get_string (wrong, "message"), "username or password is wrong"));
  g_assert_null (reply_get_string (wrong, "token"));

  /* An unknown name gets the very same answer. */
  unknown = login_reply (fixture, "mallory", PASSWORD);
  assert_error (unknown, 401, "bad_credentials");
  g_assert_cmpstr (reply_get_string (unknown, "message"), ==, reply_get_string (wrong, "message"));

  malformed = server_post (fixture, "/api/v1/login", NULL, "{\"username\": \"alice\", \"client_id\": \"desk1\"}");
  assert_error (malformed, 400, "malformed");
  g_assert_nonnull (strstr (reply_get_string (malformed, "message"), "password"));
}

static void
test_slow_down (ServerFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(Reply) blocked = NULL;
  g_autoptr(Reply) other = NULL;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  server_fixture_add_user (fixture, "bob", "pssc", PASSWORD);
  server_fixture_start (fixture, NULL);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Reply) reply = login_reply (fixture, "alice", "guess guess guess");

      assert_error (reply, 401, "bad_credentials");
    }

  /* Even the right password must wait now. */
  blocked = login_reply (fixture, "alice", PASSWORD);
  assert_error (blocked, 429, "slow_down");
  g_assert_cmpint (reply_get_int (blocked, "retry_after"), >, 0);
  g_assert_cmpint (reply_get_int (blocked, "retry_after"), <=, 15 * 60);

  /* The address failed five times too: another account from it waits. */
  other = login_reply (fixture, "bob", PASSWORD);
  assert_error (other, 429, "slow_down");
}

static void
test_disabled (ServerFixture *fixture,
               gconstpointer  data)
{
  const char *args[] = { "user", "disable", "alice", "--data", fixture->data_dir, NULL };
  g_autofree char *token = NULL;
  g_autoptr(Reply) before = NULL;
  g_autoptr(Reply) after = NULL;
  g_autoptr(Reply) login = NULL;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  server_fixture_start (fixture, NULL);
  token = server_login (fixture, "alice", PASSWORD, "desk1");
  before = pull_with (fixture, token, "desk1");
  g_assert_cmpuint (before->status, ==, 200);

  /* Disabled while the server runs: the session ends at once. */
  g_assert_cmpint (run_server_command (NULL, NULL, NULL, args), ==, 0);
  after = pull_with (fixture, token, "desk1");
  assert_error (after, 401, "bad_token");

  login = login_reply (fixture, "alice", PASSWORD);
  assert_error (login, 403, "disabled");
}

static void
test_logout (ServerFixture *fixture,
             gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autoptr(Reply) logout = NULL;
  g_autoptr(Reply) after = NULL;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  server_fixture_start (fixture, NULL);
  token = server_login (fixture, "alice", PASSWORD, "desk1");

  logout = server_post (fixture, "/api/v1/logout", token, NULL);
  g_assert_no_error (logout->error);
  g_assert_cmpuint (logout->status, ==, 204);

  after = pull_with (fixture, token, "desk1");
  assert_error (after, 401, "bad_token");
}

static void
test_expired_token (ServerFixture *fixture,
                    gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autoptr(Reply) fresh = NULL;
  g_autoptr(Reply) stale = NULL;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  /* Long enough that login and the first pull fit in it on a loaded machine. */
  server_fixture_start (fixture, (const char *[]) { "--token-lifetime", "4", NULL });
  token = server_login (fixture, "alice", PASSWORD, "desk1");
  fresh = pull_with (fixture, token, "desk1");
  g_assert_cmpuint (fresh->status, ==, 200);

  g_usleep (5100 * G_TIME_SPAN_MILLISECOND);
  stale = pull_with (fixture, token, "desk1");
  assert_error (stale, 401, "bad_token");
}

static void
test_missing_token (ServerFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(Reply) none = NULL;
  g_autoptr(Reply) made_up = NULL;

  server_fixture_start (fixture, NULL);
  none = pull_with (fixture, NULL, "desk1");
  assert_error (none, 401, "bad_token");
  made_up = pull_with (fixture, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "desk1");
  assert_error (made_up, 401, "bad_token");
}

static void
test_other_certificate (ServerFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *other_cert = NULL;
  g_autofree char *other_key = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(Reply) refused = NULL;
  g_autoptr(Reply) trusted = NULL;

  server_fixture_start (fixture, NULL);
  make_certificate (fixture->dir, "other", &other_cert, &other_key);
  session = server_session_new (other_cert);

  refused = server_request (fixture, session, "GET", "/api/v1/health", NULL, NULL, 0);
  g_assert_error (refused->error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_cmpuint (refused->status, ==, 0);

  trusted = server_request (fixture, NULL, "GET", "/api/v1/health", NULL, NULL, 0);
  g_assert_no_error (trusted->error);
  g_assert_cmpuint (trusted->status, ==, 200);
}

static void
assert_fails (ServerFixture     *fixture,
              const char        *input,
              const char        *expected,
              const char *const *args)
{
  g_autofree char *err = NULL;
  int status = run_server_command (input, NULL, &err, args);

  g_assert_cmpint (status, !=, 0);
  g_assert_true (g_str_has_prefix (err, "arrestdesk-server: "));
  /* One line. */
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  if (strstr (err, expected) == NULL)
    g_test_message ("stderr: %s", err);
  g_assert_nonnull (strstr (err, expected));
}

static void
test_cli (ServerFixture *fixture,
          gconstpointer  data)
{
  const char *dir = fixture->data_dir;
  const char *bad_role[] = { "user", "add", "carol", "--role", "boss", "--data", dir, NULL };
  const char *no_data[] = { "user", "list", NULL };
  const char *twice[] = { "user", "add", "alice", "--role", "pssc", "--data", dir, NULL };
  const char *unknown[] = { "user", "disable", "nobody", "--data", dir, NULL };
  const char *list[] = { "user", "list", "--data", dir, NULL };
  const char *bad_listen[] = { "serve", "--listen", "localhost", "--cert", fixture->cert,
                               "--key", fixture->key, "--data", dir, NULL };
  const char *no_cert[] = { "serve", "--listen", "127.0.0.1:0", "--cert", "/nonexistent.pem",
                            "--key", fixture->key, "--data", dir, NULL };
  const char *nonsense[] = { "fly", NULL };
  g_autofree char *out = NULL;
  g_autofree char *key_file = g_build_filename (dir, "server.key", NULL);
  g_autofree char *key = NULL;
  GStatBuf info;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  server_fixture_add_user (fixture, "bob", "coordinator", PASSWORD);

  assert_fails (fixture, PASSWORD "\n", "--role must be bov, pssc or coordinator", bad_role);
  assert_fails (fixture, NULL, "--data", no_data);
  assert_fails (fixture, PASSWORD "\n", "exists already", twice);
  assert_fails (fixture, "short\n", "password", (const char *[]) { "user", "add", "dan", "--role", "bov", "--data", dir, NULL });
  assert_fails (fixture, "", "No password", (const char *[]) { "user", "add", "dan", "--role", "bov", "--data", dir, NULL });
  assert_fails (fixture, NULL, "no account", unknown);
  assert_fails (fixture, NULL, "--listen", bad_listen);
  assert_fails (fixture, NULL, "certificate", no_cert);
  assert_fails (fixture, NULL, "unknown command", nonsense);
  assert_fails (fixture, NULL, "no server database",
                (const char *[]) { "user", "list", "--data", fixture->dir, NULL });

  g_assert_cmpint (run_server_command (NULL, &out, NULL, list), ==, 0);
  g_assert_true (g_str_has_prefix (out, "alice\tbov\tactive\t"));
  g_assert_nonnull (strstr (out, "\nbob\tcoordinator\tactive\t"));
  g_assert_null (strstr (out, "dan"));

  /* The database key: 64 hex characters, readable by the owner only. */
  g_assert_cmpint (g_stat (key_file, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (key_file, &key, NULL, NULL));
  g_assert_cmpuint (strlen (g_strstrip (key)), ==, 64);
}

typedef struct
{
  GMainLoop               *loop;
  SoupWebsocketConnection *conn;
  GError                  *error;
  char                    *text;
} Live;

static void
on_websocket_connected_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  Live *live = user_data;

  live->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &live->error);
  g_main_loop_quit (live->loop);
}

static void
on_websocket_message_cb (SoupWebsocketConnection *conn,
                         int                      type,
                         GBytes                  *message,
                         gpointer                 user_data)
{
  Live *live = user_data;

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  live->text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_main_loop_quit (live->loop);
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("timed out waiting for the live socket");
  return G_SOURCE_REMOVE;
}

static void
connect_live (ServerFixture *fixture,
              SoupSession   *session,
              const char    *token,
              Live          *live)
{
  g_autofree char *url = g_strconcat (fixture->base_url, "/api/v1/live", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_websocket_connected_cb, live);
  g_main_loop_run (live->loop);
}

static void
test_live (ServerFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(SoupSession) socket_session = server_session_new (fixture->cert);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *token = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *mutation = NULL;
  g_autofree char *body = NULL;
  g_autoptr(Reply) pushed = NULL;
  g_autoptr(JsonNode) poke = NULL;
  Live refused = { loop, NULL, NULL, NULL };
  Live live = { loop, NULL, NULL, NULL };
  guint timeout;

  server_fixture_add_user (fixture, "alice", "bov", PASSWORD);
  server_fixture_start (fixture, NULL);
  token = server_login (fixture, "alice", PASSWORD, "desk1");

  timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);

  /* Without a session the upgrade is refused. */
  connect_live (fixture, socket_session, NULL, &refused);
  g_assert_nonnull (refused.error);
  g_assert_null (refused.conn);
  g_clear_error (&refused.error);

  connect_live (fixture, socket_session, token, &live);
  g_assert_no_error (live.error);
  g_assert_nonnull (live.conn);
  g_signal_connect (live.conn, "message", G_CALLBACK (on_websocket_message_cb), &live);

  fields = field_json ("legal_name", "Jane Doe", "1763775000000-0000-desk1");
  mutation = mutation_json (1, "create", "arrestee", "11111111-1111-4111-8111-111111111111", fields);
  body = push_json (TEST_SCHEMA, "desk1", mutation);
  pushed = server_post (fixture, "/api/v1/push", token, body);
  g_assert_cmpuint (pushed->status, ==, 200);

  if (live.text == NULL)
    g_main_loop_run (loop);
  g_source_remove (timeout);

  poke = json_from_string (live.text, NULL);
  g_assert_nonnull (poke);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (poke), "version"), ==,
                   reply_get_int (pushed, "version"));
  g_assert_cmpint (reply_get_int (pushed, "version"), >=, 1);

  soup_websocket_connection_close (live.conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&live.conn);
  g_free (live.text);
}

int
main (int    argc,
      char **argv)
{
  server_test_init (&argc, &argv);

  SERVER_TEST_ADD ("/server/health", test_health);
  SERVER_TEST_ADD ("/server/login/ok", test_login);
  SERVER_TEST_ADD ("/server/login/bad-credentials", test_bad_credentials);
  SERVER_TEST_ADD ("/server/login/slow-down", test_slow_down);
  SERVER_TEST_ADD ("/server/login/disabled", test_disabled);
  SERVER_TEST_ADD ("/server/logout", test_logout);
  SERVER_TEST_ADD ("/server/token/expired", test_expired_token);
  SERVER_TEST_ADD ("/server/token/missing", test_missing_token);
  SERVER_TEST_ADD ("/server/tls/other-certificate", test_other_certificate);
  SERVER_TEST_ADD ("/server/cli", test_cli);
  SERVER_TEST_ADD ("/server/live", test_live);

  return g_test_run ();
}
