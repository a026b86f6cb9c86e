#include "config.h"

#include <string.h>

#include "desk-query.h"
#include "desk-test-util.h"

char *
desk_test_tmp_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

DeskStore *
desk_test_new_store (const char *name,
                     DeskKey   **key_out)
{
  g_autofree char *path = desk_test_tmp_path (name);
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(GError) error = NULL;
  DeskStore *store;

  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  desk_store_set_author (store, "Test Volunteer");
  if (key_out)
    *key_out = g_steal_pointer (&key);
  return store;
}

gboolean
desk_test_file_contains (const char *path,
                         const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

char *
desk_test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

char *
desk_test_add_arrestee (DeskStore  *store,
                        const char *legal_name)
{
  g_autoptr(DeskChange) change = desk_change_new_create ("arrestee", "action-1");
  g_autoptr(GError) error = NULL;

  desk_change_set (change, "legal_name", legal_name);
  desk_change_set (change, "status", "in_custody");
  desk_change_set (change, "arrival_time", "2026-11-21T14:05:00Z");
  desk_store_apply (store, change, &error);
  g_assert_no_error (error);
  return g_strdup (desk_change_get_id (change));
}

void
desk_test_set_field (DeskStore  *store,
                     const char *table,
                     const char *id,
                     const char *field,
                     const char *value)
{
  g_autoptr(DeskChange) change = desk_change_new_update (table, id);
  g_autoptr(GError) error = NULL;

  desk_change_set (change, field, value);
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);
}

char *
desk_test_get_field (DeskStore  *store,
                     const char *table,
                     const char *id,
                     const char *field)
{
  g_autoptr(GHashTable) record = desk_query_record (store, table, id, NULL);

  g_assert_nonnull (record);
  return g_strdup (g_hash_table_lookup (record, field));
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for an asynchronous result");
  return G_SOURCE_REMOVE;
}

void
desk_test_wait_for (gboolean *flag)
{
  guint timeout = g_timeout_add_seconds (10, on_timeout_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}
