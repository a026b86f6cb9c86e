#include "config.h"

#include <string.h>

#include "desk-query.h"
#include "desk-test-util.h"

#define DISTINCTIVE_NAME "Zebedee Quillfeather-Oyelaran"

static char *
sidecar (const char *path,
         const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static void
assert_no_plaintext (const char *path)
{
  g_autofree char *wal = sidecar (path, "-wal");

  g_assert_false (desk_test_file_contains (path, DISTINCTIVE_NAME));
  g_assert_false (desk_test_file_contains (path, "SQLite format 3"));
  g_assert_false (desk_test_file_contains (path, "CREATE TABLE"));
  g_assert_false (desk_test_file_contains (wal, DISTINCTIVE_NAME));
}

static void
test_name_never_on_disk_in_clear (void)
{
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(DeskStore) store = desk_test_new_store ("enc.db", &key);
  g_autofree char *path = g_strdup (desk_store_get_path (store));
  g_autofree char *wal = sidecar (path, "-wal");
  g_autofree char *id = desk_test_add_arrestee (store, DISTINCTIVE_NAME);

  g_assert_nonnull (desk_store_get_cipher_version (store));
  g_assert_cmpstr (desk_store_get_cipher_version (store), !=, "");

  /* While open, the change sits in the WAL: it must be ciphertext too. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_no_plaintext (path);

  desk_store_close (store);
  assert_no_plaintext (path);
}

static void
test_wrong_key_fails_and_changes_nothing (void)
{
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(DeskKey) wrong = desk_key_new_random ();
  g_autoptr(DeskStore) store = desk_test_new_store ("wrong.db", &key);
  g_autofree char *path = g_strdup (desk_store_get_path (store));
  g_autofree char *wal = sidecar (path, "-wal");
  g_autofree char *id = desk_test_add_arrestee (store, DISTINCTIVE_NAME);
  g_autofree char *before = NULL;
  g_autofree char *wal_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) reopened = NULL;
  g_autoptr(GHashTable) record = NULL;

  desk_store_close (store);
  before = desk_test_file_digest (path);
  wal_before = desk_test_file_digest (wal);

  reopened = desk_store_open (path, wrong, &error);
  g_assert_null (reopened);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "key or passphrase is wrong"));
  g_clear_error (&error);

  after = desk_test_file_digest (path);
  wal_after = desk_test_file_digest (wal);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (wal_before, ==, wal_after);

  /* A passphrase is not the raw key either. */
  {
    g_autoptr(DeskKey) phrase = desk_key_new_passphrase ("correct horse");
    g_autoptr(DeskStore) none = desk_store_open (path, phrase, &error);

    g_assert_null (none);
    g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_WRONG_KEY);
    g_clear_error (&error);
  }

  reopened = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  record = desk_query_record (reopened, "arrestee", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (record, "legal_name"), ==, DISTINCTIVE_NAME);
  g_assert_cmpstr (g_hash_table_lookup (record, "created_by"), ==, "Test Volunteer");
}

static void
test_passphrase_database (void)
{
  g_autofree char *path = desk_test_tmp_path ("phrase.db");
  g_autoptr(DeskKey) phrase = desk_key_new_passphrase ("kitchen table wifi");
  g_autoptr(DeskKey) wrong = desk_key_new_passphrase ("kitchen table wify");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, phrase, &error);
  g_autofree char *id = NULL;
  DeskStore *bad;

  g_assert_no_error (error);
  id = desk_test_add_arrestee (store, DISTINCTIVE_NAME);
  desk_store_close (store);
  assert_no_plaintext (path);

  bad = desk_store_open (path, wrong, &error);
  g_assert_null (bad);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_WRONG_KEY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/encryption/no-plaintext", test_name_never_on_disk_in_clear);
  g_test_add_func ("/encryption/wrong-key", test_wrong_key_fails_and_changes_nothing);
  g_test_add_func ("/encryption/passphrase", test_passphrase_database);

  return g_test_run ();
}
