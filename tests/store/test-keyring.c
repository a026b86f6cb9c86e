#include "config.h"

#include <string.h>

#include "desk-keyring.h"
#include "desk-query.h"
#include "desk-test-util.h"

/* These run against the real gnome-keyring in the test's D-Bus session
 * (make test starts one); without it they fail rather than pass vacuously. */

static void
require_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_error ("No D-Bus session: run through `make test`, which starts one with gnome-keyring");
}

static void
test_key_kept_in_keyring (void)
{
  g_autofree char *path = desk_test_tmp_path ("kr.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskStore) again = NULL;
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(GHashTable) record = NULL;
  g_autofree char *id = NULL;

  require_session_bus ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = desk_store_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  id = desk_test_add_arrestee (store, "Aoife Ní Bhriain");
  desk_store_close (store);

  key = desk_keyring_lookup (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_false (desk_key_is_passphrase (key));

  /* The key from the keyring opens the file directly too. */
  again = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  desk_store_close (again);
  g_clear_object (&again);

  again = desk_store_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  record = desk_query_record (again, "arrestee", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (record, "legal_name"), ==, "Aoife Ní Bhriain");

  g_assert_true (desk_keyring_clear (path, NULL, &error));
}

static void
test_missing_key_refuses_and_keeps_database (void)
{
  g_autofree char *path = desk_test_tmp_path ("gone.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskKey) key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DeskStore *refused;

  require_session_bus ();
  store = desk_store_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  g_free (desk_test_add_arrestee (store, "Tadhg Ó Súilleabháin"));
  desk_store_close (store);

  /* As if the keyring were reset or its collection locked. */
  g_assert_true (desk_keyring_clear (path, NULL, &error));
  before = desk_test_file_digest (path);

  refused = desk_store_open_with_keyring (path, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_KEY_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "not in the keyring"));
  g_clear_error (&error);

  /* Nothing was made in its place: no new key, the same file. */
  key = desk_keyring_lookup (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  after = desk_test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_no_secret_service (void)
{
  g_autofree char *path = desk_test_tmp_path ("nobus.db");

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      DeskStore *store;

      /* A bus that does not exist: libsecret cannot reach any Secret Service. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/arrestdesk-bus", TRUE);
      store = desk_store_open_with_keyring (path, NULL, &error);
      g_assert_null (store);
      g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NO_KEYRING);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keyring/kept", test_key_kept_in_keyring);
  g_test_add_func ("/keyring/missing-key", test_missing_key_refuses_and_keeps_database);
  g_test_add_func ("/keyring/no-secret-service", test_no_secret_service);

  return g_test_run ();
}
