#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "desk-demo.h"
#include "desk-query.h"

/* desk_demo_generate through the core API: the same seed gives the same
 * data, and the data follows the rules a real action would. */

#define NOW 1794999960 /* 2026-11-18T11:06:00Z: a fixed "now", on the minute */
#define HOUR 3600

static const char *const arrestee_columns[] = {
  "legal_name", "preferred_name", "status", "station_id", "arrest_time",
  "arrival_time", "checkin_time", "arrival_estimated", "release_time",
  "outcome", "flags", "custody_number", "court_date", NULL
};

enum
{
  COL_LEGAL_NAME,
  COL_PREFERRED_NAME,
  COL_STATUS,
  COL_STATION_ID,
  COL_ARREST_TIME,
  COL_ARRIVAL_TIME,
  COL_CHECKIN_TIME,
  COL_ARRIVAL_ESTIMATED,
  COL_RELEASE_TIME,
  COL_OUTCOME,
  COL_FLAGS,
  COL_CUSTODY_NUMBER,
  COL_COURT_DATE,
};

static DeskStore *
new_store (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(GError) error = NULL;
  DeskStore *store;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  path = g_build_filename (g_get_user_data_dir (), name, NULL);
  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  return store;
}

static char *
generate (DeskStore  *store,
          guint       n_arrestees,
          guint32     seed)
{
  DeskDemoOptions options = { n_arrestees, seed, NULL, NOW };
  g_autoptr(GError) error = NULL;
  char *action_id;

  action_id = desk_demo_generate (store, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (action_id);
  return action_id;
}

static GPtrArray *
arrestees (DeskStore  *store,
           const char *action_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = desk_query_rows (store, "arrestee", action_id, arrestee_columns, NULL, &error);

  g_assert_no_error (error);
  return rows;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (text);
  dt = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (dt);
  g_assert_true (g_str_has_suffix (text, "Z"));
  return g_date_time_to_unix (dt);
}

static void
test_same_seed_same_data (void)
{
  g_autoptr(DeskStore) one = new_store ("one.db");
  g_autoptr(DeskStore) two = new_store ("two.db");
  g_autoptr(DeskStore) three = new_store ("three.db");
  g_autofree char *action1 = generate (one, 120, 42);
  g_autofree char *action2 = generate (two, 120, 42);
  g_autofree char *action3 = generate (three, 120, 43);
  g_autoptr(GPtrArray) rows1 = arrestees (one, action1);
  g_autoptr(GPtrArray) rows2 = arrestees (two, action2);
  g_autoptr(GPtrArray) rows3 = arrestees (three, action3);
  guint n_same = 0;

  g_assert_cmpuint (rows1->len, ==, 120);
  g_assert_cmpuint (rows2->len, ==, 120);
  for (guint i = 0; i < rows1->len; i++)
    {
      DeskRow *a = g_ptr_array_index (rows1, i);
      DeskRow *b = g_ptr_array_index (rows2, i);

      /* Everything but the ids (fresh UUIDs) is the same. */
      for (guint c = 0; arrestee_columns[c] != NULL; c++)
        if (c != COL_STATION_ID)
          g_assert_cmpstr (a->values[c], ==, b->values[c]);
    }
  g_assert_cmpint (desk_query_count (one, "call", action1, NULL), ==,
                   desk_query_count (two, "call", action2, NULL));
  g_assert_cmpint (desk_query_count (one, "station", action1, NULL), ==,
                   desk_query_count (two, "station", action2, NULL));

  for (guint i = 0; i < rows1->len; i++)
    {
      DeskRow *a = g_ptr_array_index (rows1, i);
      DeskRow *c = g_ptr_array_index (rows3, i);

      if (g_strcmp0 (a->values[COL_LEGAL_NAME], c->values[COL_LEGAL_NAME]) == 0)
        n_same++;
    }
  g_assert_cmpuint (n_same, <, 10);
}

static void
test_realistic (void)
{
  g_autoptr(DeskStore) store = new_store ("demo.db");
  g_autofree char *action_id = generate (store, 400, 7);
  g_autoptr(GPtrArray) rows = arrestees (store, action_id);
  g_autoptr(GPtrArray) stations = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) per_station = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *const station_columns[] = { "name", "live_since", "address", NULL };
  const char *const call_columns[] = { "arrestee_id", "call_time", "caller_type", "direction", NULL };
  const char *const statuses[] = { "arrested", "in_custody", "released", "held_for_court", NULL };
  const char *const flags[] = { "welfare", "minor", "press", NULL };
  guint n_released = 0;
  guint n_estimated = 0;
  guint n_held = 0;
  guint n_flagged = 0;
  guint n_accents = 0;
  gint64 n_observers;

  g_assert_cmpuint (rows->len, ==, 400);
  g_assert_cmpint (desk_query_count (store, "action", NULL, NULL), ==, 1);

  stations = desk_query_rows (store, "station", action_id, station_columns, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, >=, 8);
  g_assert_cmpuint (stations->len, <=, 20);
  for (guint i = 0; i < stations->len; i++)
    {
      DeskRow *station = g_ptr_array_index (stations, i);

      g_assert_nonnull (station->values[0]);
      g_assert_nonnull (station->values[2]);
      g_assert_cmpint (parse_time (station->values[1]), <=, NOW);
      g_hash_table_add (ids, station->id);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      DeskRow *row = g_ptr_array_index (rows, i);
      const char *status = row->values[COL_STATUS];
      gint64 arrest = parse_time (row->values[COL_ARREST_TIME]);

      g_assert_nonnull (row->values[COL_LEGAL_NAME]);
      if (!g_str_is_ascii (row->values[COL_LEGAL_NAME]) || strchr (row->values[COL_LEGAL_NAME], '\''))
        n_accents++;
      g_assert_true (g_strv_contains (statuses, status));
      g_assert_true (g_hash_table_contains (ids, row->values[COL_STATION_ID]));
      g_hash_table_add (per_station, row->values[COL_STATION_ID]);

      g_assert_cmpint (arrest, <=, NOW);
      g_assert_cmpint (arrest, >=, NOW - 30 * HOUR);

      if (g_str_equal (row->values[COL_ARRIVAL_ESTIMATED], "1"))
        {
          /* Arrival unknown: the clock runs from check-in. */
          n_estimated++;
          g_assert_null (row->values[COL_ARRIVAL_TIME]);
          g_assert_nonnull (row->values[COL_CHECKIN_TIME]);
        }
      else if (row->values[COL_ARRIVAL_TIME] != NULL)
        {
          gint64 arrival = parse_time (row->values[COL_ARRIVAL_TIME]);

          g_assert_cmpint (arrival - arrest, >=, 30 * 60 - 60);
          g_assert_cmpint (arrival - arrest, <=, 120 * 60);
          if (row->values[COL_CHECKIN_TIME] != NULL)
            {
              gint64 checkin = parse_time (row->values[COL_CHECKIN_TIME]);

              g_assert_cmpint (checkin - arrival, >=, 10 * 60 - 60);
              g_assert_cmpint (checkin - arrival, <=, 60 * 60);
            }
        }
      else
        g_assert_cmpstr (status, ==, "arrested");

      if (g_str_equal (status, "released"))
        {
          gint64 release = parse_time (row->values[COL_RELEASE_TIME]);

          n_released++;
          g_assert_nonnull (row->values[COL_OUTCOME]);
          g_assert_nonnull (row->values[COL_CHECKIN_TIME]);
          g_assert_cmpint (release, >, parse_time (row->values[COL_CHECKIN_TIME]));
          g_assert_cmpint (release, <=, NOW);
        }
      else
        g_assert_null (row->values[COL_RELEASE_TIME]);

      if (g_str_equal (status, "held_for_court"))
        {
          n_held++;
          g_assert_cmpint (parse_time (row->values[COL_COURT_DATE]), >, NOW);
        }

      if (row->values[COL_CHECKIN_TIME] != NULL)
        g_assert_nonnull (row->values[COL_CUSTODY_NUMBER]);

      if (row->values[COL_FLAGS] != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (row->values[COL_FLAGS], ",", -1);

          n_flagged++;
          for (guint p = 0; parts[p] != NULL; p++)
            g_assert_true (g_strv_contains (flags, parts[p]));
        }
    }

  /* Roughly the shape asked for; wide bounds, but each one can fail. */
  g_assert_cmpuint (n_released, >=, 400 * 30 / 100);
  g_assert_cmpuint (n_released, <=, 400 * 60 / 100);
  g_assert_cmpuint (n_estimated, >=, 400 * 3 / 100);
  g_assert_cmpuint (n_estimated, <=, 400 * 15 / 100);
  g_assert_cmpuint (n_held, >=, 1);
  g_assert_cmpuint (n_flagged, >=, 400 * 5 / 100);
  g_assert_cmpuint (n_flagged, <=, 400 * 20 / 100);
  g_assert_cmpuint (n_accents, >=, 5);
  /* Every station went live: someone was taken there. */
  g_assert_cmpuint (g_hash_table_size (per_station), ==, stations->len);

  calls = desk_query_rows (store, "call", action_id, call_columns, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, >=, 400);
  g_assert_cmpuint (calls->len, <=, 3 * 400);
  g_hash_table_remove_all (ids);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (ids, ((DeskRow *) g_ptr_array_index (rows, i))->id);
  for (guint i = 0; i < calls->len; i++)
    {
      DeskRow *call = g_ptr_array_index (calls, i);

      g_assert_true (g_hash_table_contains (ids, call->values[0]));
      g_assert_cmpint (parse_time (call->values[1]), <=, NOW);
      g_assert_nonnull (call->values[2]);
      g_assert_nonnull (call->values[3]);
    }

  n_observers = desk_query_count (store, "observer_shift", action_id, NULL);
  g_assert_cmpint (n_observers, >=, 400 / 20);
  g_assert_cmpint (n_observers, <=, 2 * 400 / 20);
  g_assert_cmpint (desk_query_count (store, "volunteer", action_id, NULL), ==, 2 * stations->len);
  g_assert_cmpint (desk_query_count (store, "rota_slot", action_id, NULL), >=, 2 * stations->len);
  g_assert_cmpint (desk_query_count (store, "rota_assignment", action_id, NULL), >=, 2 * stations->len);
}

static void
test_defaults (void)
{
  g_autoptr(DeskStore) store = new_store ("defaults.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *action_id = desk_demo_generate (store, NULL, &error);
  g_autoptr(GHashTable) action = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (desk_query_count (store, "arrestee", action_id, NULL), ==, 200);
  action = desk_query_record (store, "action", action_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (action, "name"), ==, "Spring Rebellion");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/same-seed-same-data", test_same_seed_same_data);
  g_test_add_func ("/demo/realistic", test_realistic);
  g_test_add_func ("/demo/defaults", test_defaults);

  return g_test_run ();
}
