/* Sync against the real arrestdesk-server over TLS on 127.0.0.1, with a
 * certificate made here, two desks (two encrypted stores, two sync clients).
 *
 * 1. Live: desk B holds a WebSocket on /api/v1/live and pulls on every poke.
 *    Latency from a write on desk A (then A's sync) to the change being
 *    applied on desk B; median and p90 of N_SAMPLES (target median < 250 ms).
 * 2. Throughput: N_MUTATIONS made offline on desk A, then A's sync (push and
 *    its own pull) and B's sync (pull), beside a raw HTTPS exchange of the
 *    very same bytes in the same run (target ratio >= 0.5). */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "desk-outbox.h"
#include "desk-query.h"
#include "desk-store.h"
#include "desk-sync-client.h"
#include "desk-sync-protocol.h"

#define N_SAMPLES      50
#define N_MUTATIONS    10000
#define SAMPLE_GAP_MS  150     /* keeps desk A under the server's 20 requests/s */
#define WAIT_S         60
#define PASSWORD       "bench password, nothing secret"
#define ACTION         "22222222-2222-4222-8222-222222222222"

typedef struct
{
  char        *dir;
  char        *data;
  char        *cert;
  char        *key;
  char        *url;
  GSubprocess *process;
} Server;

typedef struct
{
  const char              *name;
  DeskStore               *store;
  DeskSyncClient          *client;
  char                    *token;
  SoupWebsocketConnection *live;
  gboolean                 syncing;
  gboolean                 again;     /* a poke came while syncing */
  guint                    n_synced;
  gint64                   synced_at; /* monotonic µs, end of the last sync */
} Desk;

/* One request of the raw baseline and the reply it gets. */
typedef struct
{
  GBytes *request;
  GBytes *reply;
  gint64  first_id;   /* pushes: the mutations they carry */
  guint   count;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_bytes_unref (exchange->request);
  g_bytes_unref (exchange->reply);
  g_free (exchange);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
run_or_die (const char         *input,
            const char *const  *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                     G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, input, NULL, NULL, &err, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_subprocess_get_successful (process))
    g_error ("%s %s failed: %s", argv[0], argv[1], err);
}

static void
server_start (Server     *server,
              const char *binary)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_build_filename (server->dir, "server.log", NULL);
  g_autofree char *line = NULL;
  const char *const users[] = { "alice", "bob" };

  server->data = g_build_filename (server->dir, "data", NULL);
  server->cert = g_build_filename (server->dir, "cert.pem", NULL);
  server->key = g_build_filename (server->dir, "key.pem", NULL);
  run_or_die ("", (const char *const[]) {
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", server->key, "-out", server->cert, "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", NULL });
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    run_or_die (PASSWORD "\n", (const char *const[]) {
                  binary, "user", "add", users[i], "--role", "bov", "--data", server->data, NULL });

  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, binary, "serve",
                                                 "--listen", "127.0.0.1:0", "--cert", server->cert,
                                                 "--key", server->key, "--data", server->data, NULL);
  if (server->process == NULL)
    g_error ("cannot start the server: %s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL);
  if (line == NULL || !g_str_has_prefix (line, "listening on https://127.0.0.1:"))
    g_error ("the server did not start (see %s)", log);
  server->url = g_strdup (line + strlen ("listening on "));
}

static void
server_stop (Server *server)
{
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static SoupSession *
session_new (const char *cert)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  database = g_tls_file_database_new (cert, &error);
  if (database == NULL)
    g_error ("%s", error->message);
  return soup_session_new_with_options ("tls-database", database, "timeout", WAIT_S,
                                        "proxy-resolver", no_proxy, NULL);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
desk_open (Desk       *desk,
           const char *name,
           Server     *server,
           const char *user)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.db", server->dir, name);
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DeskSyncLogin) login = NULL;
  g_autoptr(GError) error = NULL;

  desk->name = name;
  desk->store = desk_store_open (path, key, &error);
  if (desk->store == NULL)
    g_error ("%s", error->message);
  desk_store_set_author (desk->store, name);
  desk->client = desk_sync_client_new (desk->store, server->url, server->cert, NULL, &error);
  if (desk->client == NULL)
    g_error ("%s", error->message);
  desk_sync_client_login_async (desk->client, user, PASSWORD, NULL, store_result_cb, &result);
  wait_for (&result);
  login = desk_sync_client_login_finish (desk->client, result, &error);
  if (login == NULL)
    g_error ("login: %s", error->message);
  desk->token = g_strdup (login->token);
}

static void
desk_close (Desk *desk)
{
  if (desk->live != NULL)
    soup_websocket_connection_close (desk->live, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&desk->live);
  g_clear_object (&desk->client);
  desk_store_close (desk->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&desk->store);
  g_free (desk->token);
}

static void
desk_sync (Desk *desk)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  desk_sync_client_sync_async (desk->client, NULL, store_result_cb, &result);
  wait_for (&result);
  report = desk_sync_client_sync_finish (desk->client, result, &error);
  if (report == NULL)
    g_error ("desk %s: sync: %s", desk->name, error->message);
  if (report->rejected > 0 || report->gaps > 0)
    g_error ("desk %s: %u rejected, %u gaps", desk->name, report->rejected, report->gaps);
}

static void start_live_sync (Desk *desk);

static void
on_live_synced_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Desk *desk = user_data;
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = desk_sync_client_sync_finish (DESK_SYNC_CLIENT (source), result, &error);
  if (report == NULL)
    g_error ("desk %s: sync on poke: %s", desk->name, error->message);
  desk->synced_at = g_get_monotonic_time ();
  desk->n_synced++;
  desk->syncing = FALSE;
  if (desk->again)
    start_live_sync (desk);
}

static void
start_live_sync (Desk *desk)
{
  desk->again = FALSE;
  desk->syncing = TRUE;
  desk_sync_client_sync_async (desk->client, NULL, on_live_synced_cb, desk);
}

/* What a desk does on a poke: pull (a sync with an empty outbox is a pull). */
static void
on_poke_cb (SoupWebsocketConnection *conn,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  Desk *desk = user_data;

  if (desk->syncing)
    desk->again = TRUE;
  else
    start_live_sync (desk);
}

static void
desk_go_live (Desk        *desk,
              SoupSession *session,
              const char  *url)
{
  g_autofree char *live_url = g_strconcat (url, "/api/v1/live", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", desk->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", live_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        store_result_cb, &result);
  wait_for (&result);
  desk->live = soup_session_websocket_connect_finish (session, result, &error);
  if (desk->live == NULL)
    g_error ("live: %s", error->message);
  g_signal_connect (desk->live, "message", G_CALLBACK (on_poke_cb), desk);
}

static char *
field_of (DeskStore  *store,
          const char *id,
          const char *field)
{
  g_autoptr(GHashTable) record = desk_query_record (store, "arrestee", id, NULL);

  return record ? g_strdup (g_hash_table_lookup (record, field)) : NULL;
}

static void
apply_or_die (DeskStore  *store,
              DeskChange *change)
{
  g_autoptr(GError) error = NULL;

  if (!desk_store_apply (store, change, &error))
    g_error ("%s", error->message);
  desk_change_free (change);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* 1. Write on A, sync A (the push makes the server poke B), B pulls. */
static double
measure_one_poke (Desk       *a,
                  Desk       *b,
                  const char *record,
                  guint       sample)
{
  g_autofree char *value = g_strdup_printf ("01CX/%06u/26", sample);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  gint64 start;
  guint seen = b->n_synced;
  gboolean arrived = FALSE;
  DeskChange *change = desk_change_new_update ("arrestee", record);

  desk_change_set (change, "custody_number", value);
  start = g_get_monotonic_time ();
  apply_or_die (a->store, change);
  desk_sync_client_sync_async (a->client, NULL, store_result_cb, &result);

  while (!arrived || result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("sample %u never reached desk B", sample);
      g_main_context_iteration (NULL, TRUE);
      if (!arrived && b->n_synced != seen)
        {
          g_autofree char *on_b = field_of (b->store, record, "custody_number");

          seen = b->n_synced;
          arrived = g_strcmp0 (on_b, value) == 0;
        }
    }
  report = desk_sync_client_sync_finish (a->client, result, &error);
  if (report == NULL)
    g_error ("desk A: %s", error->message);
  return (b->synced_at - start) / 1000.0;
}

static void
pause_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
bench_live (Server *server,
            Desk   *a,
            Desk   *b)
{
  g_autoptr(SoupSession) session = session_new (server->cert);
  DeskChange *change = desk_change_new_create ("arrestee", ACTION);
  g_autofree char *record = g_strdup (desk_change_get_id (change));
  double ms[N_SAMPLES];

  desk_change_set (change, "legal_name", "Live Sample");
  apply_or_die (a->store, change);
  desk_sync (a);
  desk_sync (b);
  desk_go_live (b, session, server->url);

  for (guint i = 0; i < N_SAMPLES; i++)
    {
      ms[i] = measure_one_poke (a, b, record, i);
      pause_ms (SAMPLE_GAP_MS);
    }
  while (b->syncing)
    g_main_context_iteration (NULL, TRUE);
  soup_websocket_connection_close (b->live, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&b->live);

  qsort (ms, N_SAMPLES, sizeof ms[0], compare_doubles);
  printf ("live: write on desk A -> applied on desk B through the poke: median %.1f ms, p90 %.1f ms, "
          "min %.1f ms, max %.1f ms (%d samples; target median < 250 ms)\n",
          (ms[N_SAMPLES / 2 - 1] + ms[N_SAMPLES / 2]) / 2, ms[(N_SAMPLES * 9 + 9) / 10 - 1],
          ms[0], ms[N_SAMPLES - 1], N_SAMPLES);
}

/* ---- 2. Throughput ---- */

static const char *
arrestee_value (guint  field,
                guint  i,
                char  *buffer,
                gsize  size)
{
  switch (field)
    {
    case 0: g_snprintf (buffer, size, "Person %u Ó Súilleabháin", i); break;
    case 1: g_snprintf (buffer, size, "in_custody"); break;
    case 2: g_snprintf (buffer, size, "2026-11-21T%02u:%02u:00Z", (i / 60) % 24, i % 60); break;
    default: g_snprintf (buffer, size, "01CX/%06u/26", i); break;
    }
  return buffer;
}

static void
make_offline_changes (Desk *desk)
{
  static const char *const fields[] = { "legal_name", "status", "arrival_time", "custody_number" };
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  g_autoptr(GError) error = NULL;
  char buffer[128];

  for (guint i = 0; i < N_MUTATIONS; i++)
    {
      DeskChange *change = desk_change_new_create ("arrestee", ACTION);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        desk_change_set (change, fields[f], arrestee_value (f, i, buffer, sizeof buffer));
      g_ptr_array_add (changes, change);
    }
  if (!desk_store_apply_all (desk->store, changes, &error))
    g_error ("%s", error->message);
}

static GBytes *
take_string (GString *text)
{
  gsize length = text->len;

  return g_bytes_new_take (g_string_free (text, FALSE), length);
}

/* The push bodies desk A's sync sends: its pending outbox in batches of
 * DESK_SYNC_MAX_BATCH, each mutation written by the protocol code the
 * client uses. */
static void
record_pushes (Desk      *desk,
               GPtrArray *exchanges)
{
  g_autoptr(GPtrArray) pending = desk_query_outbox (desk->store, "pending", NULL);
  g_autoptr(JsonNode) client_id = json_node_init_string (json_node_alloc (), desk_store_get_node_id (desk->store));
  g_autofree char *quoted_id = json_to_string (client_id, FALSE);

  if (pending == NULL || pending->len != N_MUTATIONS)
    g_error ("desk A should hold %d pending mutations", N_MUTATIONS);

  for (guint start = 0; start < pending->len; start += DESK_SYNC_MAX_BATCH)
    {
      GString *body = g_string_new (NULL);
      Exchange *exchange = g_new0 (Exchange, 1);

      g_string_append_printf (body, "{\"schema\":%d,\"client_id\":%s,\"mutations\":[",
                              desk_store_get_schema_version (desk->store), quoted_id);
      exchange->first_id = ((DeskOutboxEntry *) g_ptr_array_index (pending, start))->mutation_id;
      for (guint i = start; i < MIN (start + DESK_SYNC_MAX_BATCH, pending->len); i++)
        {
          DeskOutboxEntry *entry = g_ptr_array_index (pending, i);
          g_autofree char *text = desk_mutation_json_from_payload (entry->mutation_id, entry->payload, NULL);

          g_string_append_printf (body, "%s%s", i > start ? "," : "", text);
          exchange->count++;
        }
      g_string_append (body, "]}");
      exchange->request = take_string (body);
      g_ptr_array_add (exchanges, exchange);
    }
}

/* The server's reply to each push, as it writes it: every mutation applied,
 * each adding @step versions (one per field) after @cursor. */
static void
record_push_replies (GPtrArray *exchanges,
                     gint64     cursor,
                     gint64     step)
{
  for (guint i = 0; i < exchanges->len; i++)
    {
      Exchange *exchange = g_ptr_array_index (exchanges, i);
      GString *reply = g_string_new ("{\"results\":[");

      for (guint k = 0; k < exchange->count; k++)
        g_string_append_printf (reply, "%s{\"id\":%" G_GINT64_FORMAT ",\"status\":\"applied\"}",
                                k ? "," : "", exchange->first_id + k);
      cursor += step * exchange->count;
      g_string_append_printf (reply, "],\"version\":%" G_GINT64_FORMAT "}", cursor);
      exchange->reply = take_string (reply);
    }
}

static GBytes *
post (SoupSession  *session,
      const char   *url,
      const char   *token,
      GBytes       *body,
      guint        *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  /* As the sync client does: keep the connection (see desk-sync-request.c). */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL)
    g_error ("POST %s: %s", url, error->message);
  *status = soup_message_get_status (msg);
  return reply;
}

/* The pull pages a desk whose cursor is @after gets, fetched again from the
 * server (pulls change nothing), request and reply byte for byte. */
static void
record_pulls (Desk        *desk,
              SoupSession *session,
              const char  *url,
              gint64       after,
              GPtrArray   *exchanges)
{
  g_autofree char *pull_url = g_strconcat (url, "/api/v1/pull", NULL);
  g_autoptr(JsonNode) client_id = json_node_init_string (json_node_alloc (), desk_store_get_node_id (desk->store));
  g_autofree char *quoted_id = json_to_string (client_id, FALSE);
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *text = g_strdup_printf ("{\"schema\":%d,\"client_id\":%s,\"after\":%" G_GINT64_FORMAT ",\"limit\":%d}",
                                               desk_store_get_schema_version (desk->store), quoted_id,
                                               after, DESK_SYNC_MAX_PULL);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object;
      Exchange *exchange;
      guint status = 0;

      reply = post (session, pull_url, desk->token, body, &status);
      if (status == 429)
        {
          g_usleep (G_USEC_PER_SEC);   /* the server's rate limit; not timed */
          continue;
        }
      if (status != 200)
        g_error ("pull: %u", status);
      root = json_from_string (g_bytes_get_data (reply, NULL), NULL);
      object = json_node_get_object (root);
      after = json_object_get_int_member (object, "version");
      more = json_object_get_boolean_member (object, "more");
      exchange = g_new0 (Exchange, 1);
      exchange->request = g_bytes_ref (body);
      exchange->reply = g_bytes_ref (reply);
      g_ptr_array_add (exchanges, exchange);
    }
}

/* The raw baseline, as fair as it gets: the very requests the sync sent
 * (A's pushes, A's pull, B's pull pages, in that order) POSTed over
 * TLS by libsoup on one kept connection, as the sync client does, to an
 * endpoint that reads each body whole (as arrestdesk-server does) and
 * answers what the real server answers (pull pages fetched again from it,
 * push replies written as it writes them). Same round trips,
 * same bytes both ways; no parsing, no database. The endpoint runs on its
 * own thread, as the real server runs in its own process. */
typedef struct
{
  GPtrArray       *exchanges;
  guint            next;
  GTlsCertificate *certificate;
  GMainContext    *context;
  GMainLoop       *loop;
  guint16          port;
  GMutex           lock;
  GCond            ready;
} RawServer;

static void
on_raw_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  RawServer *raw = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  Exchange *exchange = g_ptr_array_index (raw->exchanges, raw->next++ % raw->exchanges->len);

  if (g_bytes_get_size (body) != g_bytes_get_size (exchange->request))
    g_error ("the raw endpoint got a body it did not expect");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (exchange->reply, NULL),
                                    g_bytes_get_size (exchange->reply));
}

static gpointer
raw_server_thread (gpointer data)
{
  RawServer *raw = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (raw->context);
  server = soup_server_new ("tls-certificate", raw->certificate, NULL);
  soup_server_add_handler (server, "/raw", on_raw_request_cb, raw, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("raw server: %s", error->message);
  uris = soup_server_get_uris (server);

  g_mutex_lock (&raw->lock);
  raw->port = (guint16) g_uri_get_port (uris->data);
  g_cond_signal (&raw->ready);
  g_mutex_unlock (&raw->lock);

  g_main_loop_run (raw->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (raw->context);
  return NULL;
}

static gboolean
quit_in_context (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Seconds to POST every recorded request in order and read every reply. */
static double
run_raw (Server    *server,
         GPtrArray *exchanges)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = session_new (server->cert);
  g_autofree char *url = NULL;
  RawServer raw = { exchanges, 0, };
  GThread *thread;
  gint64 start;
  double seconds;

  raw.certificate = g_tls_certificate_new_from_files (server->cert, server->key, &error);
  if (raw.certificate == NULL)
    g_error ("%s", error->message);
  raw.context = g_main_context_new ();
  raw.loop = g_main_loop_new (raw.context, FALSE);
  g_mutex_init (&raw.lock);
  g_cond_init (&raw.ready);

  g_mutex_lock (&raw.lock);
  thread = g_thread_new ("raw-server", raw_server_thread, &raw);
  while (raw.port == 0)
    g_cond_wait (&raw.ready, &raw.lock);
  g_mutex_unlock (&raw.lock);
  url = g_strdup_printf ("https://127.0.0.1:%u/raw", raw.port);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < exchanges->len; i++)
    {
      Exchange *exchange = g_ptr_array_index (exchanges, i);
      guint status = 0;
      g_autoptr(GBytes) reply = post (session, url, NULL, exchange->request, &status);

      if (status != 200 || !g_bytes_equal (reply, exchange->reply))
        g_error ("the raw endpoint answered %u", status);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;

  g_main_context_invoke (raw.context, quit_in_context, raw.loop);
  g_thread_join (thread);
  g_main_loop_unref (raw.loop);
  g_main_context_unref (raw.context);
  g_object_unref (raw.certificate);
  g_mutex_clear (&raw.lock);
  g_cond_clear (&raw.ready);
  return seconds;
}

/* Seconds json-glib takes to read every recorded body and write it again:
 * the least a sync over JSON does to its bytes (one side writes each
 * request and reply, the other reads it), whatever it stores. */
static double
run_json_floor (GPtrArray *exchanges)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < exchanges->len * 2; i++)
    {
      Exchange *exchange = g_ptr_array_index (exchanges, i / 2);
      GBytes *body = i % 2 == 0 ? exchange->request : exchange->reply;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      gsize size;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error))
        g_error ("a recorded body is not JSON: %s", error->message);
      json_generator_set_root (generator, json_parser_get_root (parser));
      text = json_generator_to_data (generator, &size);
      if (size == 0)
        g_error ("json-glib wrote nothing");
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static gsize
total_bytes (GPtrArray *exchanges,
             gboolean   replies)
{
  gsize total = 0;

  for (guint i = 0; i < exchanges->len; i++)
    {
      Exchange *exchange = g_ptr_array_index (exchanges, i);

      total += g_bytes_get_size (replies ? exchange->reply : exchange->request);
    }
  return total;
}

/* CPU seconds (user + system) the server process has used so far. On a
 * shared machine wall time moves with the load; CPU time much less. */
static double
server_cpu_seconds (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (server->process));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL)
    g_error ("cannot read %s", path);
  /* After "pid (comm)": state is field 3, utime 14 and stime 15. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    g_error ("%s is too short", path);
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* This process: both desks, their database threads and their network. */
static double
own_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
bench_throughput (Server *server,
                  Desk   *a,
                  Desk   *b)
{
  g_autoptr(GPtrArray) exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) exchange_free);
  g_autoptr(SoupSession) session = session_new (server->cert);
  gint64 cursor = desk_sync_get_cursor (a->store);
  gint64 start, pushed;
  double sync_s, push_s, raw_s, json_s, ratio;
  double server_cpu, desks_cpu;

  if (cursor != desk_sync_get_cursor (b->store))
    g_error ("the desks should start from the same version");

  make_offline_changes (a);
  record_pushes (a, exchanges);

  server_cpu = server_cpu_seconds (server);
  desks_cpu = own_cpu_seconds ();
  start = g_get_monotonic_time ();
  desk_sync (a);
  pushed = g_get_monotonic_time ();
  desk_sync (b);
  sync_s = (g_get_monotonic_time () - start) / 1e6;
  server_cpu = server_cpu_seconds (server) - server_cpu;
  desks_cpu = own_cpu_seconds () - desks_cpu;
  push_s = (pushed - start) / 1e6;
  if (desk_query_count (b->store, "arrestee", ACTION, NULL) != N_MUTATIONS + 1)
    g_error ("desk B did not get every record");
  if ((desk_sync_get_cursor (b->store) - cursor) % N_MUTATIONS != 0)
    g_error ("every mutation should add as many versions");
  record_push_replies (exchanges, cursor, (desk_sync_get_cursor (b->store) - cursor) / N_MUTATIONS);

  /* A's pull after its pushes (the server's echo moved its cursor past
   * its own changes, docs/sync-protocol.md), then B's pages. */
  record_pulls (a, session, server->url, desk_sync_get_cursor (a->store), exchanges);
  record_pulls (b, session, server->url, cursor, exchanges);

  raw_s = run_raw (server, exchanges);
  json_s = run_json_floor (exchanges);
  ratio = raw_s / sync_s;
  printf ("sync: %.0f mutations/s: %d creates of 4 fields pushed by desk A and pulled by both desks "
          "in %.2f s (A's sync %.2f s, B's pull %.2f s)\n",
          N_MUTATIONS / sync_s, N_MUTATIONS, sync_s, push_s, sync_s - push_s);
  printf ("CPU time of that sync: server %.2f s, both desks %.2f s (wall time moves with the machine's load)\n",
          server_cpu, desks_cpu);
  printf ("raw HTTPS POST of the same bytes: %.0f mutations/s in %.2f s (%u requests, %.1f MB up, %.1f MB down)\n",
          N_MUTATIONS / raw_s, raw_s, exchanges->len,
          total_bytes (exchanges, FALSE) / 1e6, total_bytes (exchanges, TRUE) / 1e6);
  printf ("ratio sync / raw: %.2f (target >= 0.50)\n", ratio);
  printf ("json-glib reading and writing the same bytes once: %.2f s; with storage and everything else free, "
          "a sync over JSON could reach at best raw / (raw + that) = %.2f\n",
          json_s, raw_s / (raw_s + json_s));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Server server = { 0, };
  Desk a = { 0, }, b = { 0, };

  if (argc != 2 || !g_path_is_absolute (argv[1]))
    g_error ("usage: %s /PATH/TO/arrestdesk-server", argv[0]);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  server.dir = g_dir_make_tmp ("arrestdesk-bench-sync-XXXXXX", &error);
  if (server.dir == NULL)
    g_error ("%s", error->message);
  server_start (&server, argv[1]);
  desk_open (&a, "A", &server, "alice");
  desk_open (&b, "B", &server, "bob");

  bench_live (&server, &a, &b);
  bench_throughput (&server, &a, &b);

  desk_close (&a);
  desk_close (&b);
  server_stop (&server);
  remove_tree (server.dir);
  g_free (server.dir);
  g_free (server.data);
  g_free (server.cert);
  g_free (server.key);
  g_free (server.url);
  return 0;
}
