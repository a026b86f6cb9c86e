#include "config.h"

#include <string.h>

#include "desk-key.h"
#include "desk-query.h"
#include "desk-sync-server.h"
#include "desk-sync-token.h"

/* Sync as a volunteer at a terminal does it: the real arrestdesk-ctl binary
 * (login, sync, logout) against the real arrestdesk-server over HTTPS, with
 * two desks, each an encrypted database with its own key file. Between the
 * runs the test edits a desk's database through the core, as the app would. */

#define CAROL_PASSWORD "carol's long passphrase"
#define DAVE_PASSWORD  "dave's other passphrase"
#define PAUL_PASSWORD  "paul's pssc passphrase"

typedef struct
{
  char *database;
  char *key_file;
} Desk;

typedef struct
{
  DeskSyncServer server;
  Desk           a;
  Desk           b;       /* made only by the tests that need two desks */
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* arrestdesk-ctl with @args, @input on standard input (NULL: none at all). */
static Run *
run_ctlv (const char        *input,
          const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  g_ptr_array_add (argv, (gpointer) desk_sync_server_ctl_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (run->out == NULL)
    run->out = g_strdup ("");
  if (run->err == NULL)
    run->err = g_strdup ("");
  {
    g_autofree char *line = g_strjoinv (" ", (char **) args);

    g_test_message ("arrestdesk-ctl %s → %d\n%s%s", line, g_subprocess_get_status (process),
                    run->out, run->err);
  }
  /* A crash, or a sanitizer's abort, is never a clean failure. */
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  return run;
}

static Run *
run_on (const Desk *desk,
        const char *input,
        const char *command,
        ...) G_GNUC_NULL_TERMINATED;

/* A command on @desk's database and key file. */
static Run *
run_on (const Desk *desk,
        const char *input,
        const char *command,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, desk->database);
  g_ptr_array_add (args, (gpointer) "--key-file");
  g_ptr_array_add (args, desk->key_file);
  g_ptr_array_add (args, (gpointer) command);
  va_start (ap, command);
  for (arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_ctlv (input, (const char *const *) args->pdata);
}

static void
assert_success (const Run *run)
{
  if (run->status != 0)
    g_error ("arrestdesk-ctl failed (%d): %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
}

/* Failures are one line on stderr, and a status that is not 0. */
static void
assert_one_line_failure (const Run  *run,
                         const char *expect)
{
  const char *newline = strchr (run->err, '\n');

  g_assert_cmpint (run->status, !=, 0);
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  g_assert_true (g_str_has_prefix (run->err, "arrestdesk-ctl: "));
  if (strstr (run->err, expect) == NULL)
    g_error ("expected “%s” in: %s", expect, run->err);
}

/* A key file and an encrypted database, made through the core (the
 * command line's keygen and init are tested in tests/cli). */
static void
desk_init (Desk       *desk,
           const char *name)
{
  g_autofree char *db_name = g_strconcat (name, ".db", NULL);
  g_autofree char *key_name = g_strconcat (name, ".key", NULL);
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  char *hex;

  desk->database = g_build_filename (g_get_user_data_dir (), db_name, NULL);
  desk->key_file = g_build_filename (g_get_user_data_dir (), key_name, NULL);
  hex = desk_key_to_hex (key);
  g_assert_true (g_file_set_contents_full (desk->key_file, hex, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                           0600, &error));
  desk_secure_free (hex);
  g_assert_no_error (error);
  store = desk_store_open (desk->database, key, &error);
  g_assert_no_error (error);
  desk_store_close (store);
  desk_sync_drain ();
}

static void
desk_clear (Desk *desk)
{
  g_clear_pointer (&desk->database, g_free);
  g_clear_pointer (&desk->key_file, g_free);
}

static gboolean
have_keyring (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  g_test_skip ("no D-Bus session bus: run under dbus-run-session with gnome-keyring");
  return FALSE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  desk_sync_server_init (&fixture->server);
  desk_sync_server_add_user (&fixture->server, "carol", "coordinator", CAROL_PASSWORD);
  desk_sync_server_add_user (&fixture->server, "dave", "coordinator", DAVE_PASSWORD);
  desk_sync_server_add_user (&fixture->server, "paul", "pssc", PAUL_PASSWORD);
  desk_sync_server_start (&fixture->server);
  desk_init (&fixture->a, "a");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  desk_sync_server_clear (&fixture->server);
  desk_clear (&fixture->a);
  desk_clear (&fixture->b);
}

static void
login_ok (Fixture    *fixture,
          const Desk *desk,
          const char *user,
          const char *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *expect = NULL;
  g_autoptr(Run) run = NULL;

  run = run_on (desk, input, "login", "--server", fixture->server.url, "--user", user,
                "--ca-file", fixture->server.cert, NULL);
  assert_success (run);
  expect = g_strdup_printf ("Logged in to %s as %s (role: ", fixture->server.url, user);
  g_assert_true (g_str_has_prefix (run->out, expect));
}

/* "pushed N changes (…), pulled M changes, now at version V": N, M, V. */
static void
sync_ok (const Desk *desk,
         guint      *pushed,
         guint      *pulled,
         guint      *version)
{
  g_autoptr(Run) run = run_on (desk, NULL, "sync", NULL);
  const char *pulled_text;
  const char *version_text;

  assert_success (run);
  g_assert_true (g_str_has_prefix (run->out, "pushed "));
  pulled_text = strstr (run->out, ", pulled ");
  version_text = strstr (run->out, ", now at version ");
  g_assert_nonnull (pulled_text);
  g_assert_nonnull (version_text);
  /* One line. */
  g_assert_cmpint (strchr (run->out, '\n')[1], ==, '\0');
  if (pushed)
    *pushed = (guint) g_ascii_strtoull (run->out + strlen ("pushed "), NULL, 10);
  if (pulled)
    *pulled = (guint) g_ascii_strtoull (pulled_text + strlen (", pulled "), NULL, 10);
  if (version)
    *version = (guint) g_ascii_strtoull (version_text + strlen (", now at version "), NULL, 10);
}

static char *
digest (const Desk *desk)
{
  g_autoptr(Run) run = run_on (desk, NULL, "digest", NULL);

  assert_success (run);
  g_assert_cmpuint (strlen (run->out), ==, 65);
  return g_strdup (run->out);
}

/* The desk's database opened in this process, as the app would; closed
 * again before arrestdesk-ctl touches it. */
static DeskStore *
open_desk (const Desk *desk)
{
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(GError) error = NULL;
  DeskStore *store;

  key = desk_key_new_from_file (desk->key_file, &error);
  g_assert_no_error (error);
  store = desk_store_open (desk->database, key, &error);
  g_assert_no_error (error);
  return store;
}

static void
close_desk (DeskStore *store)
{
  desk_store_close (store);
  /* "changed" is emitted from an idle holding the store. */
  desk_sync_drain ();
  g_assert_finalize_object (store);
}

static void
set_field (const Desk *desk,
           const char *table,
           const char *id,
           const char *field,
           const char *value)
{
  DeskStore *store = open_desk (desk);
  g_autoptr(DeskChange) change = desk_change_new_update (table, id);
  g_autoptr(GError) error = NULL;

  desk_change_set (change, field, value);
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);
  close_desk (store);
}

static char *
add_arrestee (const Desk *desk,
              const char *name)
{
  DeskStore *store = open_desk (desk);
  g_autoptr(DeskChange) change = desk_change_new_create ("arrestee", "action-1");
  g_autoptr(GError) error = NULL;
  char *id;

  desk_change_set (change, "legal_name", name);
  desk_change_set (change, "status", "in_custody");
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);
  id = g_strdup (desk_change_get_id (change));
  close_desk (store);
  return id;
}

static char *
first_arrestee (const Desk *desk)
{
  DeskStore *store = open_desk (desk);
  static const char *const columns[] = { "legal_name", NULL };
  g_autoptr(GPtrArray) rows = desk_query_rows (store, "arrestee", NULL, columns, "legal_name", NULL);
  char *id;

  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, >, 0);
  id = g_strdup (((DeskRow *) g_ptr_array_index (rows, 0))->id);
  close_desk (store);
  return id;
}

static gint64
count (const Desk *desk,
       const char *table)
{
  DeskStore *store = open_desk (desk);
  gint64 n = desk_query_count (store, table, NULL, NULL);

  close_desk (store);
  return n;
}

/* (a) and (b) through the command line: a demo action on one desk, offline
 * edits on both, and the desks end with the same data. */
static void
test_two_desks_converge (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(Run) demo = NULL;
  g_autofree char *id = NULL;
  g_autofree char *only_b = NULL;
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;
  guint pushed = 0;
  guint pulled = 0;
  guint version_a = 0;
  guint version_b = 0;

  if (!have_keyring ())
    return;

  desk_init (&fixture->b, "b");
  login_ok (fixture, &fixture->a, "carol", CAROL_PASSWORD);
  login_ok (fixture, &fixture->b, "dave", DAVE_PASSWORD);

  demo = run_on (&fixture->a, NULL, "demo", "--arrestees", "12", "--seed", "7", NULL);
  assert_success (demo);
  sync_ok (&fixture->a, &pushed, &pulled, &version_a);
  g_assert_cmpuint (pushed, >, 12);
  g_assert_cmpuint (version_a, >, 0);
  sync_ok (&fixture->b, &pushed, &pulled, &version_b);
  g_assert_cmpuint (pushed, ==, 0);
  g_assert_cmpuint (pulled, >, 0);
  g_assert_cmpuint (version_b, ==, version_a);
  digest_a = digest (&fixture->a);
  digest_b = digest (&fixture->b);
  g_assert_cmpstr (digest_a, ==, digest_b);

  /* Offline: different fields of one record, and a new record. */
  id = first_arrestee (&fixture->a);
  set_field (&fixture->a, "arrestee", id, "custody_number", "AB/0001/26");
  set_field (&fixture->b, "arrestee", id, "solicitor", "Hodge Jones & Allen");
  only_b = add_arrestee (&fixture->b, "Nia Okafor");
  sync_ok (&fixture->a, &pushed, NULL, NULL);
  g_assert_cmpuint (pushed, ==, 1);
  sync_ok (&fixture->b, &pushed, NULL, NULL);
  g_assert_cmpuint (pushed, ==, 2);
  sync_ok (&fixture->a, &pushed, NULL, NULL);
  g_assert_cmpuint (pushed, ==, 0);
  g_clear_pointer (&digest_a, g_free);
  g_clear_pointer (&digest_b, g_free);
  digest_a = digest (&fixture->a);
  digest_b = digest (&fixture->b);
  g_assert_cmpstr (digest_a, ==, digest_b);
  g_assert_cmpint (count (&fixture->a, "conflict"), ==, 0);

  /* Offline: the same field from the same value. One conflict on each. */
  set_field (&fixture->a, "arrestee", only_b, "custody_number", "ZZ/1/26");
  g_usleep (2000);
  set_field (&fixture->b, "arrestee", only_b, "custody_number", "ZZ/2/26");
  sync_ok (&fixture->a, NULL, NULL, NULL);
  sync_ok (&fixture->b, NULL, NULL, NULL);
  sync_ok (&fixture->a, NULL, NULL, NULL);
  g_clear_pointer (&digest_a, g_free);
  g_clear_pointer (&digest_b, g_free);
  digest_a = digest (&fixture->a);
  digest_b = digest (&fixture->b);
  g_assert_cmpstr (digest_a, ==, digest_b);
  g_assert_cmpint (count (&fixture->a, "conflict"), ==, 1);
  g_assert_cmpint (count (&fixture->b, "conflict"), ==, 1);
}

/* (d) */
static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) sync = NULL;

  if (!have_keyring ())
    return;

  run = run_on (&fixture->a, "not my password\n", "login", "--server", fixture->server.url,
                "--user", "carol", "--ca-file", fixture->server.cert, NULL);
  assert_one_line_failure (run, "wrong user name or password");
  g_assert_cmpstr (run->err, ==, "arrestdesk-ctl: wrong user name or password\n");
  g_assert_cmpstr (run->out, ==, "");

  /* Nothing was kept: no account, no session. */
  sync = run_on (&fixture->a, NULL, "sync", NULL);
  assert_one_line_failure (sync, "not logged in");
}

static void
test_no_password (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Run) run = NULL;

  run = run_on (&fixture->a, "", "login", "--server", fixture->server.url,
                "--user", "carol", "--ca-file", fixture->server.cert, NULL);
  assert_one_line_failure (run, "no password");
}

/* (c) */
static void
test_untrusted_certificate (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *other_cert = NULL;
  g_autofree char *other_key = NULL;
  g_autofree char *fingerprint = desk_sync_openssl_fingerprint (fixture->server.cert);
  g_autofree char *saved = g_build_filename (fixture->server.dir, "saved.pem", NULL);
  g_autofree char *saved_fingerprint = NULL;
  g_autoptr(Run) by_ca = NULL;
  g_autoptr(Run) by_pin = NULL;
  g_autoptr(Run) by_system = NULL;
  g_autoptr(Run) look = NULL;
  g_autoptr(Run) pinned = NULL;

  if (!have_keyring ())
    return;

  make_certificate (fixture->server.dir, "other", &other_cert, &other_key);

  by_ca = run_on (&fixture->a, CAROL_PASSWORD "\n", "login", "--server", fixture->server.url,
                  "--user", "carol", "--ca-file", other_cert, NULL);
  assert_one_line_failure (by_ca, "certificate is not trusted");
  g_assert_nonnull (strstr (by_ca->err, fingerprint));

  by_pin = run_on (&fixture->a, CAROL_PASSWORD "\n", "login", "--server", fixture->server.url,
                   "--user", "carol", "--pin-cert", other_cert, NULL);
  assert_one_line_failure (by_pin, "certificate is not trusted");
  g_assert_nonnull (strstr (by_pin->err, fingerprint));

  by_system = run_on (&fixture->a, CAROL_PASSWORD "\n", "login", "--server", fixture->server.url,
                      "--user", "carol", NULL);
  assert_one_line_failure (by_system, "certificate is not trusted");

  /* Pin on first use: look at the certificate, check it, pin it. */
  look = run_ctlv (NULL, (const char *const[]) { "certificate", "--server", fixture->server.url,
                                                 "--save", saved, NULL });
  assert_success (look);
  g_assert_nonnull (strstr (look->out, fingerprint));
  saved_fingerprint = desk_sync_openssl_fingerprint (saved);
  g_assert_cmpstr (saved_fingerprint, ==, fingerprint);

  pinned = run_on (&fixture->a, CAROL_PASSWORD "\n", "login", "--server", fixture->server.url,
                   "--user", "carol", "--pin-cert", saved, NULL);
  assert_success (pinned);
  sync_ok (&fixture->a, NULL, NULL, NULL);
}

static void
test_logout (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Run) logout = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) sync = NULL;
  g_autofree char *expect = NULL;

  if (!have_keyring ())
    return;

  login_ok (fixture, &fixture->a, "carol", CAROL_PASSWORD);
  sync_ok (&fixture->a, NULL, NULL, NULL);

  logout = run_on (&fixture->a, NULL, "logout", NULL);
  assert_success (logout);
  expect = g_strdup_printf ("Logged out of %s.\n", fixture->server.url);
  g_assert_cmpstr (logout->out, ==, expect);

  sync = run_on (&fixture->a, NULL, "sync", NULL);
  assert_one_line_failure (sync, "signed out: log in again");
  g_assert_nonnull (strstr (sync->err, "login --server"));

  again = run_on (&fixture->a, NULL, "logout", NULL);
  assert_success (again);
  g_assert_true (g_str_has_prefix (again->out, "Not logged in"));

  /* Logging in again picks up where the desk left off. */
  login_ok (fixture, &fixture->a, "carol", CAROL_PASSWORD);
  sync_ok (&fixture->a, NULL, NULL, NULL);
}

/* A session the server no longer knows is dropped, with a clear message. */
static void
test_expired_session (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Run) sync = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  if (!have_keyring ())
    return;

  login_ok (fixture, &fixture->a, "carol", CAROL_PASSWORD);
  g_assert_true (desk_sync_token_store (fixture->server.url, fixture->a.database,
                                        "ffffffffffffffffffffffffffffffff", NULL, &error));
  g_assert_no_error (error);

  sync = run_on (&fixture->a, NULL, "sync", NULL);
  assert_one_line_failure (sync, "signed out: log in again");
  g_assert_nonnull (strstr (sync->err, "--user carol"));
  g_assert_null (strstr (sync->err, "ffffffff"));

  token = desk_sync_token_lookup (fixture->server.url, fixture->a.database, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

static void
test_refuses_http (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *http = g_strconcat ("http://", fixture->server.url + strlen ("https://"), NULL);
  g_autoptr(Run) run = NULL;

  run = run_on (&fixture->a, CAROL_PASSWORD "\n", "login", "--server", http, "--user", "carol", NULL);
  assert_one_line_failure (run, "not an https:// address");
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Run) sync = NULL;
  g_autofree char *id = NULL;

  if (!have_keyring ())
    return;

  login_ok (fixture, &fixture->a, "carol", CAROL_PASSWORD);
  id = add_arrestee (&fixture->a, "Kept Offline");
  desk_sync_server_stop (&fixture->server);

  sync = run_on (&fixture->a, NULL, "sync", NULL);
  assert_one_line_failure (sync, "cannot reach the server");
  g_assert_nonnull (strstr (sync->err, fixture->server.url));

  /* Back up: the change waited in the outbox. */
  desk_sync_server_start (&fixture->server);
  {
    g_autoptr(Run) relogin = NULL;
    guint pushed = 0;

    /* The server restarted on another port: a new address means a new login. */
    relogin = run_on (&fixture->a, CAROL_PASSWORD "\n", "login", "--server", fixture->server.url,
                      "--user", "carol", "--ca-file", fixture->server.cert, NULL);
    assert_success (relogin);
    sync_ok (&fixture->a, &pushed, NULL, NULL);
    g_assert_cmpuint (pushed, ==, 1);
  }
}

static void
test_rejected_change (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Run) sync = NULL;
  g_autofree char *id = NULL;

  if (!have_keyring ())
    return;

  login_ok (fixture, &fixture->a, "paul", PAUL_PASSWORD);
  id = add_arrestee (&fixture->a, "Not For PSSC");
  sync = run_on (&fixture->a, NULL, "sync", NULL);
  assert_success (sync);
  g_assert_true (g_str_has_prefix (sync->out, "pushed 1 change (1 rejected: "));
  g_assert_nonnull (strstr (sync->out, "arrestee"));
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(Run) help = run_ctlv (NULL, (const char *const[]) { "help", NULL });
  const char *const listed[] = { "login", "sync", "logout", "certificate", "--ca-file", "--pin-cert" };

  assert_success (help);
  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    g_assert_nonnull (strstr (help->out, listed[i]));
  g_assert_null (strstr (help->out, "digest"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  desk_sync_server_init_binaries (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync-ctl/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("two-desks-converge", test_two_desks_converge);
  ADD ("wrong-password", test_wrong_password);
  ADD ("no-password", test_no_password);
  ADD ("untrusted-certificate", test_untrusted_certificate);
  ADD ("logout", test_logout);
  ADD ("expired-session", test_expired_session);
  ADD ("refuses-http", test_refuses_http);
  ADD ("server-down", test_server_down);
  ADD ("rejected-change", test_rejected_change);
  ADD ("help", test_help);
#undef ADD

  return g_test_run ();
}
