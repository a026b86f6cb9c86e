#include "config.h"

#include <string.h>

#include "desk-merge.h"
#include "desk-outbox.h"
#include "desk-query.h"
#include "desk-sync-account.h"
#include "desk-sync-client.h"
#include "desk-sync-protocol.h"
#include "desk-sync-server.h"
#include "desk-sync-token.h"
#include "desk-test-util.h"

/* The sync client of src/core against the real arrestdesk-server over
 * HTTPS on 127.0.0.1: two desks, two encrypted databases, one server. */

#define ALICE_PASSWORD "correct horse battery staple"
#define BOB_PASSWORD   "tr0ub4dor&3 is not a good one"
#define PAUL_PASSWORD  "station support 2026"

typedef struct
{
  DeskSyncServer server;
  DeskStore     *a;
  DeskStore     *b;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  desk_sync_server_init (&fixture->server);
  desk_sync_server_add_user (&fixture->server, "alice", "bov", ALICE_PASSWORD);
  desk_sync_server_add_user (&fixture->server, "bob", "bov", BOB_PASSWORD);
  desk_sync_server_add_user (&fixture->server, "paul", "pssc", PAUL_PASSWORD);
  desk_sync_server_start (&fixture->server);

  fixture->a = desk_test_new_store ("a.db", NULL);
  fixture->b = desk_test_new_store ("b.db", NULL);
  desk_store_set_author (fixture->a, "Desk A");
  desk_store_set_author (fixture->b, "Desk B");
}

static void
close_store (DeskStore **store)
{
  desk_store_close (*store);
  /* The database thread's finished jobs still hold the store. */
  desk_sync_drain ();
  g_assert_finalize_object (g_steal_pointer (store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  desk_sync_drain ();
  close_store (&fixture->a);
  close_store (&fixture->b);
  desk_sync_server_clear (&fixture->server);
}

static DeskSyncClient *
new_client (Fixture    *fixture,
            DeskStore  *store)
{
  g_autoptr(GError) error = NULL;
  DeskSyncClient *client;

  client = desk_sync_client_new (store, fixture->server.url, fixture->server.cert, NULL, &error);
  g_assert_no_error (error);
  return client;
}

static DeskSyncLogin *
login (DeskSyncClient  *client,
       const char      *user,
       const char      *password,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_sync_client_login_async (client, user, password, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  return desk_sync_client_login_finish (client, result, error);
}

static DeskSyncClient *
logged_in (Fixture    *fixture,
           DeskStore  *store,
           const char *user,
           const char *password)
{
  g_autoptr(DeskSyncClient) client = new_client (fixture, store);
  g_autoptr(DeskSyncLogin) session = NULL;
  g_autoptr(GError) error = NULL;

  session = login (client, user, password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpstr (session->username, ==, user);
  g_assert_true (desk_sync_client_get_signed_in (client));
  return g_steal_pointer (&client);
}

static DeskSyncReport *
run_sync (DeskSyncClient  *client,
          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  desk_sync_client_sync_async (client, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  return desk_sync_client_sync_finish (client, result, error);
}

static DeskSyncReport *
sync_ok (DeskSyncClient *client)
{
  g_autoptr(GError) error = NULL;
  DeskSyncReport *report = run_sync (client, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->gaps, ==, 0);
  g_assert_cmpint (report->version, ==, desk_sync_get_cursor (desk_sync_client_get_store (client)));
  return report;
}

static void
sync_quietly (DeskSyncClient *client)
{
  g_autoptr(DeskSyncReport) report = sync_ok (client);
}

static void
assert_same_digest (DeskStore *a,
                    DeskStore *b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *da = desk_store_digest (a, &error);
  g_autofree char *db = desk_store_digest (b, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (da, ==, db);
}

static gint64
outbox_size (DeskStore  *store,
             const char *state)
{
  g_autoptr(GPtrArray) entries = desk_query_outbox (store, state, NULL);

  g_assert_nonnull (entries);
  return entries->len;
}

/* (a) Offline edits to different records and to different fields of one
 * record merge silently: both desks end with the same data. */
static void
test_different_records_and_fields (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(DeskSyncClient) a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  g_autoptr(DeskSyncClient) b = logged_in (fixture, fixture->b, "bob", BOB_PASSWORD);
  g_autoptr(DeskSyncReport) report = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *only_a = NULL;
  g_autofree char *only_b = NULL;
  g_autofree char *status = NULL;
  g_autofree char *custody = NULL;
  g_autofree char *name = NULL;

  shared = desk_test_add_arrestee (fixture->a, "Mhairi Campbell");
  report = sync_ok (a);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpint (outbox_size (fixture->a, NULL), ==, 0);
  /* Nothing came between its cursor and its push: the server's echo
   * moved the cursor past its own changes, none was pulled back. */
  g_assert_cmpuint (report->pulled, ==, 0);
  g_assert_cmpint (report->version, >=, 3);
  g_assert_cmpint (desk_sync_get_cursor (fixture->a), ==, report->version);
  g_clear_pointer (&report, desk_sync_report_free);

  report = sync_ok (b);
  g_assert_cmpuint (report->pushed, ==, 0);
  g_assert_cmpuint (report->pulled, >=, 3);
  g_assert_cmpint (desk_query_count (fixture->b, "arrestee", NULL, NULL), ==, 1);
  g_assert_cmpint (desk_sync_get_cursor (fixture->b), ==, desk_sync_get_cursor (fixture->a));
  g_clear_pointer (&report, desk_sync_report_free);

  /* Offline: each adds a record and edits a different field of the shared one. */
  only_a = desk_test_add_arrestee (fixture->a, "Oisín Byrne");
  only_b = desk_test_add_arrestee (fixture->b, "Priya Nair");
  desk_test_set_field (fixture->a, "arrestee", shared, "status", "released");
  desk_test_set_field (fixture->b, "arrestee", shared, "custody_number", "01CX/123/26");

  report = sync_ok (a);
  g_assert_cmpuint (report->pushed, ==, 2);
  g_clear_pointer (&report, desk_sync_report_free);
  report = sync_ok (b);
  g_assert_cmpuint (report->pushed, ==, 2);
  g_clear_pointer (&report, desk_sync_report_free);
  sync_quietly (a);

  assert_same_digest (fixture->a, fixture->b);
  status = desk_test_get_field (fixture->b, "arrestee", shared, "status");
  custody = desk_test_get_field (fixture->a, "arrestee", shared, "custody_number");
  name = desk_test_get_field (fixture->a, "arrestee", only_b, "legal_name");
  g_assert_cmpstr (status, ==, "released");
  g_assert_cmpstr (custody, ==, "01CX/123/26");
  g_assert_cmpstr (name, ==, "Priya Nair");
  g_assert_cmpint (desk_query_count (fixture->a, "arrestee", NULL, NULL), ==, 3);
  g_assert_cmpint (desk_query_count (fixture->a, "conflict", NULL, NULL), ==, 0);
  g_assert_cmpint (desk_query_count (fixture->b, "conflict", NULL, NULL), ==, 0);
}

/* (b) The same field changed from the same value on both desks: one winner
 * everywhere and one conflict record keeping the other value; resolving it
 * on one desk reaches the other. */
static void
test_same_field_conflict (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DeskSyncClient) a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  g_autoptr(DeskSyncClient) b = logged_in (fixture, fixture->b, "bob", BOB_PASSWORD);
  static const char *const columns[] = { "table_name", "record_id", "field", "kept_value",
                                         "other_value", "resolved", NULL };
  g_autoptr(GPtrArray) conflicts_a = NULL;
  g_autoptr(GPtrArray) conflicts_b = NULL;
  g_autofree char *id = NULL;
  g_autofree char *winner_a = NULL;
  g_autofree char *winner_b = NULL;
  g_autofree char *resolved = NULL;
  DeskRow *conflict;
  DeskRow *conflict_b;

  id = desk_test_add_arrestee (fixture->a, "Gethin Rhys");
  sync_quietly (a);
  sync_quietly (b);

  desk_test_set_field (fixture->a, "arrestee", id, "custody_number", "BX/111/26");
  /* B's edit is later on the wall clock, so its stamp wins. */
  g_usleep (2000);
  desk_test_set_field (fixture->b, "arrestee", id, "custody_number", "BX/222/26");
  sync_quietly (a);
  sync_quietly (b);
  sync_quietly (a);

  winner_a = desk_test_get_field (fixture->a, "arrestee", id, "custody_number");
  winner_b = desk_test_get_field (fixture->b, "arrestee", id, "custody_number");
  g_assert_cmpstr (winner_a, ==, winner_b);
  g_assert_cmpstr (winner_a, ==, "BX/222/26");
  assert_same_digest (fixture->a, fixture->b);

  conflicts_a = desk_query_rows (fixture->a, "conflict", NULL, columns, NULL, NULL);
  conflicts_b = desk_query_rows (fixture->b, "conflict", NULL, columns, NULL, NULL);
  g_assert_cmpuint (conflicts_a->len, ==, 1);
  g_assert_cmpuint (conflicts_b->len, ==, 1);
  conflict = g_ptr_array_index (conflicts_a, 0);
  conflict_b = g_ptr_array_index (conflicts_b, 0);
  g_assert_cmpstr (conflict->id, ==, conflict_b->id);
  g_assert_cmpstr (conflict->values[0], ==, "arrestee");
  g_assert_cmpstr (conflict->values[1], ==, id);
  g_assert_cmpstr (conflict->values[2], ==, "custody_number");
  g_assert_cmpstr (conflict->values[3], ==, "BX/222/26");
  g_assert_cmpstr (conflict->values[4], ==, "BX/111/26");
  g_assert_cmpstr (conflict->values[5], ==, "0");

  /* A person on desk A takes the other value and marks the conflict resolved. */
  desk_test_set_field (fixture->a, "arrestee", id, "custody_number", conflict->values[4]);
  desk_test_set_field (fixture->a, "conflict", conflict->id, "resolved", "1");
  sync_quietly (a);
  sync_quietly (b);

  g_clear_pointer (&winner_b, g_free);
  winner_b = desk_test_get_field (fixture->b, "arrestee", id, "custody_number");
  resolved = desk_test_get_field (fixture->b, "conflict", conflict->id, "resolved");
  g_assert_cmpstr (winner_b, ==, "BX/111/26");
  g_assert_cmpstr (resolved, ==, "1");
  /* Edited from what the server held: no new conflict. */
  g_assert_cmpint (desk_query_count (fixture->a, "conflict", NULL, NULL), ==, 1);
  g_assert_cmpint (desk_query_count (fixture->b, "conflict", NULL, NULL), ==, 1);
  assert_same_digest (fixture->a, fixture->b);
}

static void
assert_untrusted (DeskSyncClient *client,
                  const char     *fingerprint)
{
  g_autoptr(DeskSyncLogin) session = NULL;
  g_autoptr(GError) error = NULL;

  session = login (client, "alice", ALICE_PASSWORD, &error);
  g_assert_null (session);
  g_assert_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  g_assert_nonnull (strstr (error->message, fingerprint));
  g_assert_false (desk_sync_client_get_signed_in (client));
}

/* (c) A client that trusts a different certificate refuses to talk. */
static void
test_untrusted_certificate (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *other_cert = NULL;
  g_autofree char *other_key = NULL;
  g_autofree char *other_pem = NULL;
  g_autofree char *server_pem = NULL;
  g_autofree char *fingerprint = desk_sync_openssl_fingerprint (fixture->server.cert);
  g_autoptr(DeskSyncClient) by_ca = NULL;
  g_autoptr(DeskSyncClient) by_pin = NULL;
  g_autoptr(DeskSyncClient) by_system = NULL;
  g_autoptr(DeskSyncClient) pinned_right = NULL;
  g_autoptr(DeskSyncLogin) session = NULL;
  g_autoptr(GError) error = NULL;

  make_certificate (fixture->server.dir, "other", &other_cert, &other_key);
  g_assert_true (g_file_get_contents (other_cert, &other_pem, NULL, NULL));
  g_assert_true (g_file_get_contents (fixture->server.cert, &server_pem, NULL, NULL));

  by_ca = desk_sync_client_new (fixture->a, fixture->server.url, other_cert, NULL, &error);
  g_assert_no_error (error);
  assert_untrusted (by_ca, fingerprint);

  by_pin = desk_sync_client_new (fixture->a, fixture->server.url, NULL, other_pem, &error);
  g_assert_no_error (error);
  assert_untrusted (by_pin, fingerprint);

  by_system = desk_sync_client_new (fixture->a, fixture->server.url, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_untrusted (by_system, fingerprint);

  /* Nothing reached the server's accounts or the desk. */
  g_assert_cmpint (desk_sync_get_cursor (fixture->a), ==, 0);

  /* The pin of the server's own certificate is enough on its own. */
  pinned_right = desk_sync_client_new (fixture->a, fixture->server.url, NULL, server_pem, &error);
  g_assert_no_error (error);
  session = login (pinned_right, "alice", ALICE_PASSWORD, &error);
  g_assert_no_error (error);
  g_free (desk_test_add_arrestee (fixture->a, "Pinned Person"));
  {
    g_autoptr(DeskSyncReport) report = sync_ok (pinned_right);

    g_assert_cmpuint (report->pushed, ==, 1);
  }
}

/* (d) A wrong password gets a clear message and no session. */
static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DeskSyncClient) client = new_client (fixture, fixture->a);
  g_autoptr(DeskSyncLogin) session = NULL;
  g_autoptr(GError) error = NULL;

  session = login (client, "alice", "not the password", &error);
  g_assert_null (session);
  g_assert_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "wrong user name or password");
  g_assert_null (strstr (error->message, "not the password"));
  g_assert_false (desk_sync_client_get_signed_in (client));
  g_clear_error (&error);

  /* An unknown name is told apart from nothing. */
  session = login (client, "mallory", ALICE_PASSWORD, &error);
  g_assert_null (session);
  g_assert_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "wrong user name or password");
}

static void
assert_signed_out (DeskSyncClient *client)
{
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = run_sync (client, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "signed out: log in again");
  /* The client dropped the session, so the app can ask for a log-in. */
  g_assert_false (desk_sync_client_get_signed_in (client));
}

static void
test_bad_token_and_logout (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskSyncClient) client = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  g_autoptr(DeskSyncClient) plain = new_client (fixture, fixture->a);
  g_autoptr(DeskSyncLogin) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Never logged in. */
  assert_signed_out (plain);

  /* A token the server never gave. */
  desk_sync_client_set_token (plain, "0123456789abcdef0123456789abcdef");
  assert_signed_out (plain);

  /* A token revoked by logging out. */
  session = login (plain, "alice", ALICE_PASSWORD, &error);
  g_assert_no_error (error);
  desk_sync_client_logout_async (plain, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  g_assert_true (desk_sync_client_logout_finish (plain, result, &error));
  g_assert_no_error (error);
  g_assert_false (desk_sync_client_get_signed_in (plain));
  desk_sync_client_set_token (plain, session->token);
  assert_signed_out (plain);

  /* Other sessions of the same user carry on. */
  sync_quietly (client);
}

static void
test_refuses_http (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *const bad[] = { "http://127.0.0.1:8080", "ftp://example.org", "127.0.0.1:8080", "https://" };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DeskSyncClient) client = NULL;

      client = desk_sync_client_new (fixture->a, bad[i], NULL, NULL, &error);
      g_assert_null (client);
      g_assert_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "https://"));
      g_clear_error (&error);
    }

  desk_sync_client_fetch_certificate_async ("http://127.0.0.1:8080", NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  certificate = desk_sync_client_fetch_certificate_finish (result, NULL, &error);
  g_assert_null (certificate);
  g_assert_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL);
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskSyncClient) client = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_free (desk_test_add_arrestee (fixture->a, "Waiting Person"));
  desk_sync_server_stop (&fixture->server);

  report = run_sync (client, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "cannot reach the server https://127.0.0.1:"));
  /* Nothing lost: the change waits in the outbox. */
  g_assert_cmpint (outbox_size (fixture->a, "pending"), ==, 1);
  g_assert_true (desk_sync_client_get_signed_in (client));
}

static void
test_fetch_certificate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsCertificate) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *openssl = desk_sync_openssl_fingerprint (fixture->server.cert);

  desk_sync_client_fetch_certificate_async (fixture->server.url, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  certificate = desk_sync_client_fetch_certificate_finish (result, &fingerprint, &error);
  g_assert_no_error (error);
  g_assert_nonnull (certificate);
  g_assert_cmpstr (fingerprint, ==, openssl);

  expected = g_tls_certificate_new_from_file (fixture->server.cert, &error);
  g_assert_no_error (error);
  g_assert_true (g_tls_certificate_is_same (certificate, expected));
}

/* More than one push batch (≤ 500 mutations) and one pull page (≤ 2000 changes). */
static void
test_batches_and_pages (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DeskSyncClient) a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  g_autoptr(DeskSyncClient) b = logged_in (fixture, fixture->b, "bob", BOB_PASSWORD);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = MAX (DESK_SYNC_MAX_BATCH, DESK_SYNC_MAX_PULL) + 20;

  for (guint i = 0; i < n; i++)
    {
      DeskChange *change = desk_change_new_create ("arrestee", "action-1");
      g_autofree char *name = g_strdup_printf ("Person %u", i);

      desk_change_set (change, "legal_name", name);
      g_ptr_array_add (changes, change);
    }
  g_assert_true (desk_store_apply_all (fixture->a, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outbox_size (fixture->a, "pending"), ==, n);

  report = sync_ok (a);
  g_assert_cmpuint (report->pushed, ==, n);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpint (outbox_size (fixture->a, NULL), ==, 0);
  g_clear_pointer (&report, desk_sync_report_free);

  report = sync_ok (b);
  g_assert_cmpuint (report->pulled, >=, n);
  g_assert_cmpint (desk_query_count (fixture->b, "arrestee", NULL, NULL), ==, n);
  assert_same_digest (fixture->a, fixture->b);
}

/* A change the role may not make is rejected with a reason and kept. */
static void
test_rejected_change (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskSyncClient) b = logged_in (fixture, fixture->b, "paul", PAUL_PASSWORD);
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GPtrArray) rejected = NULL;

  g_free (desk_test_add_arrestee (fixture->b, "Not For PSSC"));
  report = sync_ok (b);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpuint (report->reasons->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (report->reasons, 0));
  g_assert_nonnull (strstr (g_ptr_array_index (report->reasons, 0), "arrestee"));

  rejected = desk_query_outbox (fixture->b, "rejected", NULL);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpint (outbox_size (fixture->b, "pending"), ==, 0);

  /* It is not sent again. */
  g_clear_pointer (&report, desk_sync_report_free);
  report = sync_ok (b);
  g_assert_cmpuint (report->pushed, ==, 0);
}

static void
test_account_settings (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DeskSyncAccount) account = g_new0 (DeskSyncAccount, 1);
  g_autoptr(DeskSyncAccount) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;

  g_assert_null (desk_sync_account_load (fixture->a));
  g_assert_true (g_file_get_contents (fixture->server.cert, &pem, NULL, NULL));
  account->server_url = g_strdup (fixture->server.url);
  account->username = g_strdup ("alice");
  account->role = DESK_ROLE_PSSC;
  account->has_role = TRUE;
  account->pinned_pem = g_strdup (pem);
  g_assert_true (desk_sync_account_save (fixture->a, account, &error));
  g_assert_no_error (error);

  loaded = desk_sync_account_load (fixture->a);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->server_url, ==, fixture->server.url);
  g_assert_cmpstr (loaded->username, ==, "alice");
  g_assert_true (loaded->has_role);
  g_assert_cmpint (loaded->role, ==, DESK_ROLE_PSSC);
  g_assert_null (loaded->ca_file);
  g_assert_cmpstr (loaded->pinned_pem, ==, pem);
}

static void
test_token_keyring (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *path = desk_store_get_path (fixture->a);
  const char *other = desk_store_get_path (fixture->b);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session bus: run under dbus-run-session with gnome-keyring");
      return;
    }

  g_assert_true (desk_sync_token_store (fixture->server.url, path, "token-for-a", NULL, &error));
  g_assert_no_error (error);
  token = desk_sync_token_lookup (fixture->server.url, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "token-for-a");
  g_free (token);

  /* Another database, or another server, has its own session. */
  token = desk_sync_token_lookup (fixture->server.url, other, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  token = desk_sync_token_lookup ("https://127.0.0.1:1", path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  desk_sync_token_store_async (fixture->server.url, path, "second-token", NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  g_assert_true (desk_sync_token_store_finish (result, &error));
  g_clear_object (&result);
  desk_sync_token_lookup_async (fixture->server.url, path, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  token = desk_sync_token_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "second-token");
  g_free (token);
  g_clear_object (&result);

  desk_sync_token_clear_async (fixture->server.url, path, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  g_assert_true (desk_sync_token_clear_finish (result, &error));
  token = desk_sync_token_lookup (fixture->server.url, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  g_assert_true (desk_sync_token_clear (fixture->server.url, path, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  desk_sync_server_init_binaries (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("different-records-and-fields", test_different_records_and_fields);
  ADD ("same-field-conflict", test_same_field_conflict);
  ADD ("untrusted-certificate", test_untrusted_certificate);
  ADD ("wrong-password", test_wrong_password);
  ADD ("bad-token-and-logout", test_bad_token_and_logout);
  ADD ("refuses-http", test_refuses_http);
  ADD ("server-down", test_server_down);
  ADD ("fetch-certificate", test_fetch_certificate);
  ADD ("batches-and-pages", test_batches_and_pages);
  ADD ("rejected-change", test_rejected_change);
  ADD ("account-settings", test_account_settings);
  ADD ("token-keyring", test_token_keyring);
#undef ADD

  return g_test_run ();
}
