#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "server-fixture.h"

static const char *server_path;

void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

void
server_test_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (*argc < 2)
    g_error ("usage: %s [--tap] PATH-TO-arrestdesk-server", (*argv)[0]);
  server_path = (*argv)[1];
  /* The desktop's proxy settings are not there under GSETTINGS_SCHEMA_DIR,
   * and loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_assert_true (g_path_is_absolute (server_path));
}

SoupSession *
server_session_new (const char *trusted_cert)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  /* The path must be absolute: a relative one fails (RECIPES.md). */
  g_assert_true (g_path_is_absolute (trusted_cert));
  database = g_tls_file_database_new (trusted_cert, &error);
  g_assert_no_error (error);
  return soup_session_new_with_options ("tls-database", database, "timeout", 30,
                                        "proxy-resolver", no_proxy, NULL);
}

void
server_fixture_setup (ServerFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("arrestdesk-server-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  make_certificate (fixture->dir, "server", &fixture->cert, &fixture->key);
  fixture->session = server_session_new (fixture->cert);
}

void
server_fixture_teardown (ServerFixture *fixture,
                         gconstpointer  data)
{
  if (fixture->server != NULL)
    server_fixture_stop (fixture);
  g_clear_object (&fixture->session);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_free (fixture->cert);
  g_free (fixture->key);
  g_free (fixture->base_url);
}

int
run_server_command (const char         *input,
                    char              **out,
                    char              **err,
                    const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *stdout_text = NULL;
  char *stderr_text = NULL;

  g_ptr_array_add (argv, (gpointer) server_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  if (out != NULL)
    *out = stdout_text;
  else
    g_free (stdout_text);
  if (err != NULL)
    *err = stderr_text;
  else
    g_free (stderr_text);
  return g_subprocess_get_exit_status (process);
}

void
server_fixture_add_user (ServerFixture *fixture,
                         const char    *name,
                         const char    *role,
                         const char    *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *err = NULL;
  const char *args[] = { "user", "add", name, "--role", role, "--data", fixture->data_dir, NULL };
  int status;

  status = run_server_command (input, NULL, &err, args);
  if (status != 0)
    g_test_message ("user add: %s", err);
  g_assert_cmpint (status, ==, 0);
}

/* A test that fails midway must not leave its server running. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
server_fixture_start (ServerFixture     *fixture,
                      const char *const *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_build_filename (fixture->dir, "server.log", NULL);
  g_autofree char *line = NULL;

  g_assert_null (fixture->server);
  g_ptr_array_add (argv, (gpointer) server_path);
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  g_ptr_array_add (argv, (gpointer) "--cert");
  g_ptr_array_add (argv, fixture->cert);
  g_ptr_array_add (argv, (gpointer) "--key");
  g_ptr_array_add (argv, fixture->key);
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, fixture->data_dir);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->server = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "listening on https://127.0.0.1:"))
    {
      g_autofree char *text = NULL;

      g_file_get_contents (log, &text, NULL, NULL);
      g_error ("the server did not start: %s", text ? text : "(no output)");
    }
  fixture->base_url = g_strdup (line + strlen ("listening on "));
  g_assert_cmpuint (strlen (fixture->base_url), >, strlen ("https://127.0.0.1:"));
}

void
server_fixture_stop (ServerFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (fixture->server);
  g_subprocess_send_signal (fixture->server, SIGTERM);
  g_subprocess_wait (fixture->server, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (fixture->server));
  g_assert_cmpint (g_subprocess_get_exit_status (fixture->server), ==, 0);
  g_clear_object (&fixture->server);
}

Reply *
server_request (ServerFixture *fixture,
                SoupSession   *session,
                const char    *method,
                const char    *path,
                const char    *token,
                const char    *body,
                gsize          body_length)
{
  g_autofree char *url = g_strconcat (fixture->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, body_length);

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (session ? session : fixture->session, msg, NULL, &reply->error);
  if (bytes == NULL)
    return reply;

  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_size (bytes) ? g_bytes_get_data (bytes, NULL) : "",
                           g_bytes_get_size (bytes));
  if (*reply->body != '\0')
    reply->json = json_from_string (reply->body, NULL);
  return reply;
}

Reply *
server_post (ServerFixture *fixture,
             const char    *path,
             const char    *token,
             const char    *body)
{
  return server_request (fixture, NULL, "POST", path, token, body, body ? strlen (body) : 0);
}

char *
server_login (ServerFixture *fixture,
              const char    *username,
              const char    *password,
              const char    *client_id)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\", \"client_id\": \"%s\"}",
                                           username, password, client_id);
  g_autoptr(Reply) reply = server_post (fixture, "/api/v1/login", NULL, body);

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_test_message ("login: %u %s", reply->status, reply->body);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (strlen (reply_get_string (reply, "token")), ==, 64);
  return g_strdup (reply_get_string (reply, "token"));
}

static JsonObject *
reply_object (Reply *reply)
{
  if (reply->json == NULL || !JSON_NODE_HOLDS_OBJECT (reply->json))
    g_error ("not a JSON object: %s", reply->body ? reply->body : "(no body)");
  return json_node_get_object (reply->json);
}

const char *
reply_get_string (Reply      *reply,
                  const char *member)
{
  JsonObject *object = reply_object (reply);

  if (!json_object_has_member (object, member))
    return NULL;
  return json_object_get_string_member (object, member);
}

gint64
reply_get_int (Reply      *reply,
               const char *member)
{
  JsonObject *object = reply_object (reply);

  g_assert_true (json_object_has_member (object, member));
  return json_object_get_int_member (object, member);
}

JsonArray *
reply_get_array (Reply      *reply,
                 const char *member)
{
  JsonObject *object = reply_object (reply);

  g_assert_true (json_object_has_member (object, member));
  return json_object_get_array_member (object, member);
}

char *
field_json (const char *name,
            const char *value,
            const char *hlc)
{
  return g_strdup_printf ("\"%s\": {\"value\": \"%s\", \"hlc\": \"%s\", \"base\": null}",
                          name, value, hlc);
}

char *
mutation_json (gint64      id,
               const char *op,
               const char *table,
               const char *record,
               const char *fields)
{
  return g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"name\": \"record.%s.v1\", "
                          "\"table\": \"%s\", \"record\": \"%s\", \"action\": \"%s\", "
                          "\"author\": \"Tester\", \"at\": \"2026-11-22T01:30:00Z\", "
                          "\"fields\": {%s}}",
                          id, op, table, record, TEST_ACTION, fields);
}

char *
push_json (int         schema,
           const char *client_id,
           const char *mutations)
{
  return g_strdup_printf ("{\"schema\": %d, \"client_id\": \"%s\", \"mutations\": [%s]}",
                          schema, client_id, mutations);
}

char *
pull_json (const char *client_id,
           gint64      after)
{
  return g_strdup_printf ("{\"schema\": " TEST_SCHEMA_TEXT ", \"client_id\": \"%s\", \"after\": %" G_GINT64_FORMAT "}",
                          client_id, after);
}
