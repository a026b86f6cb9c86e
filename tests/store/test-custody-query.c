#include "config.h"

#include "desk-custody-query.h"
#include "desk-test-util.h"

static gint64
at (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* Only running clocks come back, each with its limit: released, held for
 * court, not started, deleted and unlawful ones stay out. */
static void
test_only_running_limits (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("limits.db", NULL);
  g_autofree char *running = desk_test_add_arrestee (store, "Running");
  g_autofree char *extended = desk_test_add_arrestee (store, "Extended");
  g_autofree char *estimated = desk_test_add_arrestee (store, "From check-in");
  g_autofree char *released = desk_test_add_arrestee (store, "Released");
  g_autofree char *court = desk_test_add_arrestee (store, "Held for court");
  g_autofree char *unstarted = desk_test_add_arrestee (store, "In the van");
  g_autofree char *deleted = desk_test_add_arrestee (store, "Deleted");
  g_autofree char *unlawful = desk_test_add_arrestee (store, "Beyond the law");
  g_autoptr(DeskChange) removal = desk_change_new_delete ("arrestee", deleted);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(DeskCustodyLimits) limits = NULL;
  char buf[DESK_ID_LIST_BUF];
  g_autoptr(GError) error = NULL;

  /* desk_test_add_arrestee sets arrival 2026-11-21T14:05:00Z. */
  desk_test_set_field (store, "arrestee", extended, "extension_until", "2026-11-22T23:05:00Z");
  desk_test_set_field (store, "arrestee", estimated, "arrival_time", NULL);
  desk_test_set_field (store, "arrestee", estimated, "checkin_time", "2026-11-21T15:00:00Z");
  desk_test_set_field (store, "arrestee", released, "release_time", "2026-11-21T20:00:00Z");
  desk_test_set_field (store, "arrestee", court, "status", "held_for_court");
  desk_test_set_field (store, "arrestee", unstarted, "arrival_time", NULL);
  desk_test_set_field (store, "arrestee", unlawful, "warrant_until", "2026-11-30T00:00:00Z");
  g_assert_true (desk_store_apply (store, removal, &error));
  g_assert_no_error (error);

  limits = desk_custody_query_limits (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (limits);
  g_assert_cmpuint (desk_id_list_get_length (limits->ids), ==, 3);
  g_assert_cmpuint (limits->limits->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_hash_table_insert (found, g_strdup (desk_id_list_get (limits->ids, i, buf)),
                         &g_array_index (limits->limits, gint64, i));

  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (found, running), ==, at ("2026-11-22T14:05:00Z"));
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (found, extended), ==, at ("2026-11-22T23:05:00Z"));
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (found, estimated), ==, at ("2026-11-22T15:00:00Z"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/custody-query/running-limits", test_only_running_limits);

  return g_test_run ();
}
