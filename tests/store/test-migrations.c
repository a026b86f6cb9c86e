#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "desk-name-search.h"
#include "desk-query.h"
#include "desk-test-util.h"

/* The schema this build migrates to. */
#define NEWEST_SCHEMA 5

/* Build an encrypted database from a schema fixture with plain SQLCipher
 * calls, so the fixture does not depend on today's migration code. */
static void
make_fixture_database (const char    *path,
                       const DeskKey *key,
                       const char    *fixture)
{
  g_autofree char *fixture_path = g_build_filename (FIXTURES_DIR, fixture, NULL);
  g_autofree char *sql = NULL;
  char *pragma_value = desk_key_to_pragma_value (key);
  g_autofree char *key_sql = g_strdup_printf ("PRAGMA key = %s", pragma_value);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (fixture_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, key_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("fixture %s: %s", fixture, message);
  sqlite3_close (db);
  desk_secure_free (pragma_value);
}

static void
test_schema_1_migrates (void)
{
  g_autofree char *path = desk_test_tmp_path ("v1.db");
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GHashTable) record = NULL;
  g_autoptr(GPtrArray) outbox = NULL;

  make_fixture_database (path, key, "schema-1.sql");
  g_assert_false (desk_test_file_contains (path, "Catrin Evans"));

  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==, NEWEST_SCHEMA);
  g_assert_cmpstr (desk_store_get_node_id (store), ==, "fixture0node0001");

  /* Old data is intact; fields added since are there, empty. */
  record = desk_query_record (store, "arrestee", "arr-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (record, "legal_name"), ==, "Catrin Evans");
  g_assert_true (g_hash_table_contains (record, "welfare"));
  g_assert_null (g_hash_table_lookup (record, "welfare"));

  /* Schema 4 filled the name index from the records already there. */
  {
    g_autoptr(GPtrArray) found = desk_name_search (store, "Katrin Evens", NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (found, 0))->id, ==, "arr-1");
  }

  /* The old outbox entry got a state; tables added since exist. */
  outbox = desk_query_outbox (store, "pending", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpint (desk_query_count (store, "conflict", NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* And the one write path works on it, continuing the mutation ids. */
  {
    g_autoptr(DeskChange) change = desk_change_new_update ("arrestee", "arr-1");
    g_autoptr(GPtrArray) all = NULL;

    desk_change_set (change, "welfare", "Needs inhaler");
    g_assert_true (desk_store_apply (store, change, &error));
    g_assert_no_error (error);
    all = desk_query_outbox (store, NULL, &error);
    g_assert_cmpint (((DeskOutboxEntry *) g_ptr_array_index (all, 1))->mutation_id, ==, 2);
  }
  desk_store_close (store);
  g_clear_object (&store);

  /* Opening again is a no-op migration. */
  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==, NEWEST_SCHEMA);
}

static void
test_schema_2_migrates (void)
{
  g_autofree char *path = desk_test_tmp_path ("v2.db");
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GHashTable) record = NULL;
  g_autoptr(DeskChange) change = desk_change_new_update ("arrestee", "arr-2");
  g_autoptr(GPtrArray) all = NULL;

  make_fixture_database (path, key, "schema-2.sql");

  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==, NEWEST_SCHEMA);

  /* Schema 3's custody and welfare fields are there, empty; old data intact. */
  record = desk_query_record (store, "arrestee", "arr-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (record, "legal_name"), ==, "Dafydd Morgan");
  g_assert_cmpstr (g_hash_table_lookup (record, "welfare"), ==, "Asthma");
  g_assert_true (g_hash_table_contains (record, "extension_until"));
  g_assert_null (g_hash_table_lookup (record, "extension_until"));
  g_assert_true (g_hash_table_contains (record, "medication"));

  /* Found by name after the upgrade, and by the new spelling after an edit. */
  {
    g_autoptr(GPtrArray) found = desk_name_search (store, "David Morgan", NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, >=, 1);
    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (found, 0))->id, ==, "arr-2");
    desk_change_set (change, "preferred_name", "Dai");
  }

  /* The new fields take writes through the one write path; ids continue. */
  desk_change_set (change, "extension_until", "2026-11-21T22:40:00Z");
  desk_change_set (change, "medication", "Salbutamol inhaler");
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);
  all = desk_query_outbox (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (((DeskOutboxEntry *) g_ptr_array_index (all, 1))->mutation_id, ==, 2);
  {
    g_autoptr(GPtrArray) by_preferred = desk_name_search (store, "Dai", NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (by_preferred->len, ==, 1);
    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (by_preferred, 0))->name, ==, "Dai");
  }
}

static void
test_schema_3_migrates (void)
{
  g_autofree char *path = desk_test_tmp_path ("v3.db");
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) in_action = NULL;
  g_autoptr(GPtrArray) by_preferred = NULL;
  g_autoptr(GPtrArray) renamed = NULL;
  g_autoptr(GHashTable) record = NULL;

  make_fixture_database (path, key, "schema-3.sql");
  g_assert_false (desk_test_file_contains (path, "Neill"));

  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==, NEWEST_SCHEMA);

  /* Schema 4 changes no record: old data is intact. */
  record = desk_query_record (store, "arrestee", "arr-3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (record, "legal_name"), ==, "Siobhán O'Neill");
  g_assert_cmpstr (g_hash_table_lookup (record, "extension_until"), ==, "2026-11-21T22:40:00Z");

  /* The index was filled with the live arrestees of every action; the
   * merged tombstone is not in it. */
  found = desk_name_search (store, "Shivaun ONeill", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (found, i))->id, !=, "arr-4");
  in_action = desk_name_search (store, "Shivaun ONeill", "act-1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_action->len, ==, 1);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (in_action, 0))->id, ==, "arr-3");
  by_preferred = desk_name_search (store, "Shiv", "act-1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (by_preferred, 0))->name, ==, "Shiv");
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (by_preferred, 0))->legal_name, ==, "Siobhán O'Neill");

  /* And the write path keeps it from there. */
  {
    g_autoptr(DeskChange) change = desk_change_new_update ("arrestee", "arr-5");

    desk_change_set (change, "legal_name", "Siobhan Quigley");
    g_assert_true (desk_store_apply (store, change, &error));
    g_assert_no_error (error);
  }
  renamed = desk_name_search (store, "Quigley", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (renamed->len, ==, 1);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (renamed, 0))->id, ==, "arr-5");
}

static void
test_newer_schema_is_refused (void)
{
  g_autofree char *path = desk_test_tmp_path ("future.db");
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_test_new_store ("future.db", &key);
  char *pragma_value = desk_key_to_pragma_value (key);
  g_autofree char *key_sql = g_strdup_printf ("PRAGMA key = %s", pragma_value);
  sqlite3 *db = NULL;
  DeskStore *refused;

  desk_store_close (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, key_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  desk_secure_free (pragma_value);

  refused = desk_store_open (path, key, &error);
  g_assert_null (refused);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer ArrestDesk"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migrations/from-1", test_schema_1_migrates);
  g_test_add_func ("/migrations/from-2", test_schema_2_migrates);
  g_test_add_func ("/migrations/from-3", test_schema_3_migrates);
  g_test_add_func ("/migrations/too-new", test_newer_schema_is_refused);

  return g_test_run ();
}
