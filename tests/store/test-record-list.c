#include "config.h"

#include <string.h>

#include "desk-list-query.h"
#include "desk-query.h"
#include "desk-record-item.h"
#include "desk-record-list.h"
#include "desk-store-private.h"
#include "desk-test-util.h"
#include "desk-text-collation.h"

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_lists_action_records_and_follows_changes (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("list.db", NULL);
  static const char *const columns[] = { "legal_name", "status", NULL };
  g_autoptr(DeskRecordList) list = NULL;
  g_autoptr(DeskRecordItem) first = NULL;
  gboolean changed = FALSE;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", 24 - i);

      g_free (desk_test_add_arrestee (store, name));
    }
  {
    /* In another action: must not show. */
    g_autoptr(DeskChange) other = desk_change_new_create ("arrestee", "action-2");

    desk_change_set (other, "legal_name", "Elsewhere");
    g_assert_true (desk_store_apply (store, other, NULL));
  }

  list = desk_record_list_new (store, "arrestee", columns, "legal_name");
  desk_record_list_set_action (list, "action-1");
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changed);
  while (desk_record_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 25);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DESK_TYPE_RECORD_ITEM);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (desk_record_item_get (first, "legal_name"), ==, "Person 00");
  g_assert_cmpstr (desk_record_item_get (first, "status"), ==, "in_custody");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 25));

  changed = FALSE;
  g_free (desk_test_add_arrestee (store, "Person 99"));
  desk_test_wait_for (&changed);
  while (desk_record_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 26);
}

static void
test_descending_order (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("desc.db", NULL);
  static const char *const columns[] = { "call_time", NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  for (guint hour = 10; hour < 13; hour++)
    {
      g_autoptr(DeskChange) call = desk_change_new_create ("call", "action-1");
      g_autofree char *time = g_strdup_printf ("2026-11-21T%02u:00:00Z", hour);

      desk_change_set (call, "call_time", time);
      g_assert_true (desk_store_apply (store, call, NULL));
    }

  /* Newest call first, as the Calls page shows them. */
  rows = desk_query_rows (store, "call", "action-1", columns, "-call_time", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((DeskRow *) g_ptr_array_index (rows, 0))->values[0], ==, "2026-11-21T12:00:00Z");
  g_assert_cmpstr (((DeskRow *) g_ptr_array_index (rows, 2))->values[0], ==, "2026-11-21T10:00:00Z");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = desk_query_rows (store, "call", "action-1", columns, "-no_such_column", &error);
  g_assert_null (rows);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

/* Names sort as they read: accents and case fold away, so an accented
 * first letter sits with its plain one, not after "Z"; and straight from
 * the arrestee_by_name index, with no sort at query time. */
static void
test_name_order_folds_accents (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("accents.db", NULL);
  static const char *const columns[] = { "legal_name", NULL };
  static const char *const names[] = { "Zoe Adams", "Órla Quinn", "emma Brown", "Émile Dupont",
                                       "Eve Cole", "Oisín Walsh", "Aoife Byrne", NULL };
  static const char *const expected[] = { "Aoife Byrne", "Émile Dupont", "emma Brown", "Eve Cole",
                                          "Oisín Walsh", "Órla Quinn", "Zoe Adams", NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *plan;
  gboolean sorts = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    g_free (desk_test_add_arrestee (store, names[i]));

  rows = desk_query_rows (store, "arrestee", "action-1", columns, "legal_name", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (((DeskRow *) g_ptr_array_index (rows, i))->values[0], ==, expected[i]);

  /* The comparison itself: a total order, ties by the bytes. */
  g_assert_cmpint (desk_text_compare ("Ann", -1, "ann", -1), !=, 0);
  g_assert_cmpint (desk_text_compare ("Ann", -1, "Anné", -1), <, 0);
  g_assert_cmpint (desk_text_compare ("Anne", -1, "Anné", -1), <, 0);
  g_assert_cmpint (desk_text_compare ("Anné", -1, "Annf", -1), <, 0);
  g_assert_cmpint (desk_text_compare ("Ölbaum", -1, "Oma", -1), <, 0);

  plan = desk_store_prepare (store,
                             "EXPLAIN QUERY PLAN SELECT id FROM arrestee WHERE action = 'action-1' AND deleted = 0 "
                             "ORDER BY legal_name COLLATE " DESK_TEXT_COLLATION " ASC, id ASC",
                             &error);
  g_assert_no_error (error);
  while (sqlite3_step (plan) == SQLITE_ROW)
    if (strstr ((const char *) sqlite3_column_text (plan, 3), "TEMP B-TREE") != NULL)
      sorts = TRUE;
  sqlite3_reset (plan);
  g_assert_false (sorts);
}

static void
test_switching_action_drops_old_rows (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("switch.db", NULL);
  static const char *const columns[] = { "legal_name", NULL };
  g_autoptr(DeskRecordList) list = NULL;

  for (guint i = 0; i < 300; i++)
    g_free (desk_test_add_arrestee (store, "In Action One"));

  /* A list loads nothing until told which action it shows. */
  list = desk_record_list_new (store, "arrestee", columns, NULL);
  g_assert_false (desk_record_list_get_loading (list));

  desk_record_list_set_action (list, "action-1");
  desk_record_list_set_action (list, "action-2");   /* before the first load returns */
  while (desk_record_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
assert_id_at (DeskRecordList *list,
              guint           position,
              const char     *expected)
{
  g_autofree char *id = desk_record_list_dup_id (list, position);

  g_assert_cmpstr (id, ==, expected);
}

/* Ids are kept packed: UUIDs as 16 bytes, anything else as strings, and
 * they read back as they were. */
static void
test_id_list (void)
{
  g_autoptr(DeskIdList) ids = desk_id_list_new ();
  g_autoptr(DeskIdList) other = desk_id_list_new ();
  char buf[DESK_ID_LIST_BUF];

  desk_id_list_add (ids, "01a23712-c691-71b2-9e6b-17b00d6030c5");
  desk_id_list_add (ids, "ffffffff-0000-7000-8000-0123456789ab");
  g_assert_cmpuint (desk_id_list_get_length (ids), ==, 2);
  g_assert_cmpstr (desk_id_list_get (ids, 0, buf), ==, "01a23712-c691-71b2-9e6b-17b00d6030c5");
  g_assert_cmpstr (desk_id_list_get (ids, 1, buf), ==, "ffffffff-0000-7000-8000-0123456789ab");
  g_assert_cmpuint (desk_id_list_find (ids, "ffffffff-0000-7000-8000-0123456789ab"), ==, 1);
  g_assert_cmpuint (desk_id_list_find (ids, "FFFFFFFF-0000-7000-8000-0123456789AB"), ==, G_MAXUINT);

  /* Not canonical (upper case, another shape): every id becomes a string. */
  desk_id_list_add (other, "01a23712-c691-71b2-9e6b-17b00d6030c5");
  desk_id_list_add (other, "ARR-2");
  desk_id_list_add (other, "01A23712-C691-71B2-9E6B-17B00D6030C5");
  g_assert_cmpuint (desk_id_list_get_length (other), ==, 3);
  g_assert_cmpstr (desk_id_list_get (other, 0, buf), ==, "01a23712-c691-71b2-9e6b-17b00d6030c5");
  g_assert_cmpstr (desk_id_list_get (other, 1, buf), ==, "ARR-2");
  g_assert_cmpstr (desk_id_list_get (other, 2, buf), ==, "01A23712-C691-71B2-9E6B-17B00D6030C5");
  g_assert_cmpuint (desk_id_list_find (other, "ARR-2"), ==, 1);
  g_assert_true (desk_id_list_equal (ids, 0, other, 0));
  g_assert_false (desk_id_list_equal (ids, 0, other, 2));
  g_assert_false (desk_id_list_equal (ids, 1, other, 1));
}

/* Many ids, across the list's storage blocks, and then one that is not a
 * UUID: each reads back at its position, before and after. */
static void
test_id_list_many (void)
{
  g_autoptr(DeskIdList) ids = desk_id_list_new ();
  char buf[DESK_ID_LIST_BUF];
  guint n = 3 * 4096 + 7;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("01a23712-c691-71b2-9e6b-%012x", i * 7919);

      desk_id_list_add (ids, id);
    }
  g_assert_cmpuint (desk_id_list_get_length (ids), ==, n);
  for (guint i = 0; i < n; i += 409)
    {
      g_autofree char *id = g_strdup_printf ("01a23712-c691-71b2-9e6b-%012x", i * 7919);

      g_assert_cmpstr (desk_id_list_get (ids, i, buf), ==, id);
    }
  g_assert_cmpuint (desk_id_list_find (ids, "01a23712-c691-71b2-9e6b-0000025c2bf8"), ==, 5000);

  desk_id_list_add (ids, "ARR-last");
  g_assert_cmpuint (desk_id_list_get_length (ids), ==, n + 1);
  g_assert_cmpstr (desk_id_list_get (ids, n, buf), ==, "ARR-last");
  g_assert_cmpstr (desk_id_list_get (ids, 4096, buf), ==, "01a23712-c691-71b2-9e6b-000001eef000");
}

static void
wait_loaded (DeskRecordList *list)
{
  while (desk_record_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static void
on_item_changed_cb (DeskRecordItem *item,
                    gpointer        user_data)
{
  *(gboolean *) user_data = TRUE;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Changes;

static void
on_items_changed_count_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
}

static char *
add_arrestee_with (DeskStore  *store,
                   const char *name,
                   const char *field,
                   const char *value)
{
  g_autofree char *id = desk_test_add_arrestee (store, name);

  if (field != NULL)
    desk_test_set_field (store, "arrestee", id, field, value);
  return g_steal_pointer (&id);
}

/* Far rows are read only when asked for, and fill their item when they come. */
static void
test_rows_come_in_pages (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("pages.db", NULL);
  static const char *const columns[] = { "legal_name", "status", NULL };
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  g_autoptr(DeskRecordList) list = NULL;
  g_autoptr(DeskRecordItem) first = NULL;
  g_autoptr(DeskRecordItem) last = NULL;
  g_autoptr(DeskRecordItem) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean filled = FALSE;

  for (guint i = 0; i < 1000; i++)
    {
      DeskChange *change = desk_change_new_create ("arrestee", "action-1");
      g_autofree char *name = g_strdup_printf ("Person %04u", 999 - i);

      desk_change_set (change, "legal_name", name);
      desk_change_set (change, "status", "in_custody");
      g_ptr_array_add (changes, change);
    }
  g_assert_true (desk_store_apply_all (store, changes, &error));
  g_assert_no_error (error);

  list = desk_record_list_new (store, "arrestee", columns, "legal_name");
  desk_record_list_set_action (list, "action-1");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);

  /* The first rows come with the ids. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (desk_record_item_get_loaded (first));
  g_assert_cmpstr (desk_record_item_get (first, "legal_name"), ==, "Person 0000");

  /* The last ones are not read yet: the item comes at once, empty. */
  last = g_list_model_get_item (G_LIST_MODEL (list), 999);
  g_assert_nonnull (last);
  g_assert_false (desk_record_item_get_loaded (last));
  g_assert_null (desk_record_item_get (last, "legal_name"));
  g_assert_nonnull (desk_record_item_get_id (last));
  assert_id_at (list, 999, desk_record_item_get_id (last));
  g_signal_connect (last, "changed", G_CALLBACK (on_item_changed_cb), &filled);
  desk_test_wait_for (&filled);
  g_assert_true (desk_record_item_get_loaded (last));
  g_assert_cmpstr (desk_record_item_get (last, "legal_name"), ==, "Person 0999");
  g_assert_cmpstr (desk_record_item_get (last, "status"), ==, "in_custody");

  /* Asked again while held: the same item, filled. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 999);
  g_assert_true (again == last);
  g_assert_cmpuint (desk_record_list_find (list, desk_record_item_get_id (last)), ==, 999);
  g_assert_cmpuint (desk_record_list_find (list, "no-such-id"), ==, G_MAXUINT);
  assert_id_at (list, 1000, NULL);
}

/* An edit reloads the ids: a held item keeps its identity (the view its
 * selection) and shows the new value; only the positions that moved change. */
static void
test_change_keeps_items_and_moves_rows (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("edit.db", NULL);
  static const char *const columns[] = { "legal_name", NULL };
  g_autoptr(DeskRecordList) list = NULL;
  g_autoptr(DeskRecordItem) held = NULL;
  g_autoptr(DeskRecordItem) moved = NULL;
  g_autofree char *id = NULL;
  Changes changes = { 0, };
  gboolean filled = FALSE;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", i);

      if (i == 5)
        id = desk_test_add_arrestee (store, name);
      else
        g_free (desk_test_add_arrestee (store, name));
    }

  list = desk_record_list_new (store, "arrestee", columns, "legal_name");
  desk_record_list_set_action (list, "action-1");
  wait_loaded (list);
  held = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_cmpstr (desk_record_item_get_id (held), ==, id);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_count_cb), &changes);
  g_signal_connect (held, "changed", G_CALLBACK (on_item_changed_cb), &filled);

  /* Same place in the order: no row changes, the value changes in place. */
  desk_test_set_field (store, "arrestee", id, "legal_name", "Person 05b");
  desk_test_wait_for (&filled);
  wait_loaded (list);
  g_assert_cmpstr (desk_record_item_get (held, "legal_name"), ==, "Person 05b");
  g_assert_cmpuint (changes.count, ==, 0);

  /* To the end of the order: positions 5…9 change, nothing before them. */
  desk_test_set_field (store, "arrestee", id, "legal_name", "Person 99");
  while (changes.count == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_loaded (list);
  g_assert_cmpuint (changes.position, ==, 5);
  g_assert_cmpuint (changes.removed, ==, 5);
  g_assert_cmpuint (changes.added, ==, 5);
  moved = g_list_model_get_item (G_LIST_MODEL (list), 9);
  g_assert_true (moved == held);
  g_assert_cmpstr (desk_record_item_get (moved, "legal_name"), ==, "Person 99");
}

/* Filters and flags are the query's WHERE: values bound, never SQL. */
static void
test_filters (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("filters.db", NULL);
  static const char *const columns[] = { "legal_name", "flags", NULL };
  g_autoptr(DeskRecordList) list = NULL;
  g_autoptr(DeskRecordItem) item = NULL;
  g_autoptr(DeskListQuery) query = NULL;
  g_autoptr(DeskIdList) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *station = NULL;

  g_free (add_arrestee_with (store, "Alice Minor", "flags", "minor"));
  g_free (add_arrestee_with (store, "Bob Welfare", "flags", "welfare, minor"));
  g_free (add_arrestee_with (store, "Carol Press", "flags", "press"));
  g_free (add_arrestee_with (store, "Dan Released", "status", "released"));
  g_free (add_arrestee_with (store, "Eve Minority", "flags", "minority"));
  station = add_arrestee_with (store, "Fay Station", "station_id", "station-7");

  list = desk_record_list_new (store, "arrestee", columns, "legal_name");
  desk_record_list_set_action (list, "action-1");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);

  desk_record_list_set_flag (list, "flags", "minor", TRUE);
  wait_loaded (list);
  /* "minority" is not "minor": whole items of the list only. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (desk_record_item_get (item, "legal_name"), ==, "Alice Minor");
  g_clear_object (&item);

  desk_record_list_set_flag (list, "flags", "welfare", TRUE);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  desk_record_list_set_flag (list, "flags", "minor", FALSE);
  desk_record_list_set_flag (list, "flags", "welfare", FALSE);
  desk_record_list_set_filter (list, "status", "released");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (desk_record_item_get (item, "legal_name"), ==, "Dan Released");
  g_clear_object (&item);

  desk_record_list_set_filter (list, "status", NULL);
  desk_record_list_set_filter (list, "station_id", "station-7");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  assert_id_at (list, 0, station);

  /* A value that looks like SQL is only a value. */
  desk_record_list_set_filter (list, "station_id", "x' OR '1'='1");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  desk_record_list_set_filter (list, "station_id", NULL);
  desk_record_list_set_flag (list, "flags", "%", TRUE);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* A name the schema does not know never reaches SQL. */
  query = desk_list_query_new ("arrestee");
  desk_list_query_set_equals (query, "status\" OR 1 --", "x");
  ids = desk_list_query_run (store, query, &error);
  g_assert_null (ids);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  desk_list_query_set_equals (query, "status\" OR 1 --", NULL);
  desk_list_query_set_order (query, "-legal_name; DROP TABLE arrestee");
  ids = desk_list_query_run (store, query, &error);
  g_assert_null (ids);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

static char *
iso_from_now (GTimeSpan offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add (now, offset);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
add_in_custody (DeskStore  *store,
                const char *name,
                GTimeSpan   arrived_ago,
                const char *field,
                GTimeSpan   field_from_now)
{
  g_autofree char *arrival = iso_from_now (-arrived_ago);
  g_autofree char *id = desk_test_add_arrestee (store, name);

  desk_test_set_field (store, "arrestee", id, "arrival_time", arrival);
  if (field != NULL)
    {
      g_autofree char *when = iso_from_now (field_from_now);

      desk_test_set_field (store, "arrestee", id, field, when);
    }
  return g_steal_pointer (&id);
}

/* Time left sorts by the custody limit computed in SQL: soonest first,
 * released and held-for-court last. */
static void
test_sort_by_custody_limit (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("custody.db", NULL);
  static const char *const columns[] = { "legal_name", NULL };
  g_autoptr(DeskRecordList) list = NULL;
  g_autofree char *fresh = NULL, *old = NULL, *extended = NULL, *released = NULL;
  g_autofree char *estimated = NULL, *warrant = NULL;

  fresh = add_in_custody (store, "Fresh", G_TIME_SPAN_HOUR, NULL, 0);                 /* 23 h left */
  old = add_in_custody (store, "Old", 22 * G_TIME_SPAN_HOUR, NULL, 0);                 /* 2 h left */
  extended = add_in_custody (store, "Extended", 23 * G_TIME_SPAN_HOUR,
                             "extension_until", 10 * G_TIME_SPAN_HOUR);               /* 10 h left */
  warrant = add_in_custody (store, "Warrant", 30 * G_TIME_SPAN_HOUR,
                            "warrant_until", 40 * G_TIME_SPAN_HOUR);                  /* 40 h left */
  released = add_in_custody (store, "Released", 23 * G_TIME_SPAN_HOUR,
                             "release_time", -G_TIME_SPAN_HOUR);
  /* Arrival unknown: the clock runs from check-in (5 h left). */
  estimated = desk_test_add_arrestee (store, "Estimated");
  desk_test_set_field (store, "arrestee", estimated, "arrival_time", "");
  {
    g_autofree char *checkin = iso_from_now (-19 * G_TIME_SPAN_HOUR);
    desk_test_set_field (store, "arrestee", estimated, "checkin_time", checkin);
  }

  list = desk_record_list_new (store, "arrestee", columns, "custody_limit");
  desk_record_list_set_action (list, "action-1");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  assert_id_at (list, 0, old);
  assert_id_at (list, 1, estimated);
  assert_id_at (list, 2, extended);
  assert_id_at (list, 3, fresh);
  assert_id_at (list, 4, warrant);
  assert_id_at (list, 5, released);

  /* Most time left first; still no limit last. */
  desk_record_list_set_order (list, "-custody_limit");
  wait_loaded (list);
  assert_id_at (list, 0, warrant);
  assert_id_at (list, 4, old);
  assert_id_at (list, 5, released);

  /* Longest in custody first. */
  desk_record_list_set_order (list, "-custody_time");
  wait_loaded (list);
  assert_id_at (list, 0, warrant);
  assert_id_at (list, 5, fresh);
  g_assert_true (desk_list_query_has_sort_key ("arrestee", "-custody_limit"));
  g_assert_false (desk_list_query_has_sort_key ("call", "custody_limit"));
}

/* Sort by the station's name, not its id. */
static void
test_sort_by_station_name (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("stations.db", NULL);
  static const char *const columns[] = { "legal_name", NULL };
  const char *names[] = { "Zeta Street", "alpha Road", "Middle Lane" };
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *none = NULL;
  g_autoptr(DeskRecordList) list = NULL;
  char *stations[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DeskChange) station = desk_change_new_create ("station", "action-1");

      desk_change_set (station, "name", names[i]);
      g_assert_true (desk_store_apply (store, station, NULL));
      stations[i] = g_strdup (desk_change_get_id (station));
    }
  third = add_arrestee_with (store, "A", "station_id", stations[0]);
  none = desk_test_add_arrestee (store, "B");
  first = add_arrestee_with (store, "C", "station_id", stations[1]);
  second = add_arrestee_with (store, "D", "station_id", stations[2]);

  list = desk_record_list_new (store, "arrestee", columns, "station_name");
  desk_record_list_set_action (list, "action-1");
  wait_loaded (list);
  assert_id_at (list, 0, first);
  assert_id_at (list, 1, second);
  assert_id_at (list, 2, third);
  assert_id_at (list, 3, none);
  for (guint i = 0; i < 3; i++)
    g_free (stations[i]);
}

/* Ranked ids (search results) keep their rank order; filters still apply. */
static void
test_given_ids (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("ids.db", NULL);
  static const char *const columns[] = { "legal_name", NULL };
  g_autoptr(DeskRecordList) list = NULL;
  g_autoptr(DeskRecordItem) item = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  const char *ranked[6];

  a = desk_test_add_arrestee (store, "Anna");
  b = desk_test_add_arrestee (store, "Bert");
  c = add_arrestee_with (store, "Cleo", "status", "released");
  d = desk_test_add_arrestee (store, "Dora");

  list = desk_record_list_new (store, "arrestee", columns, "legal_name");
  desk_record_list_set_action (list, "action-1");
  wait_loaded (list);

  ranked[0] = d;
  ranked[1] = "not-an-arrestee";
  ranked[2] = c;
  ranked[3] = a;
  ranked[4] = d;
  ranked[5] = NULL;
  desk_record_list_set_ids (list, ranked);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  assert_id_at (list, 0, d);
  assert_id_at (list, 1, c);
  assert_id_at (list, 2, a);
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (desk_record_item_get (item, "legal_name"), ==, "Cleo");

  desk_record_list_set_filter (list, "status", "in_custody");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  assert_id_at (list, 1, a);

  desk_record_list_set_ids (list, NULL);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  assert_id_at (list, 1, b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/record-list/basic", test_lists_action_records_and_follows_changes);
  g_test_add_func ("/record-list/descending", test_descending_order);
  g_test_add_func ("/record-list/name-order-folds-accents", test_name_order_folds_accents);
  g_test_add_func ("/record-list/switch-action", test_switching_action_drops_old_rows);
  g_test_add_func ("/record-list/id-list", test_id_list);
  g_test_add_func ("/record-list/id-list/many", test_id_list_many);
  g_test_add_func ("/record-list/pages", test_rows_come_in_pages);
  g_test_add_func ("/record-list/change-keeps-items", test_change_keeps_items_and_moves_rows);
  g_test_add_func ("/record-list/filters", test_filters);
  g_test_add_func ("/record-list/sort-custody-limit", test_sort_by_custody_limit);
  g_test_add_func ("/record-list/sort-station-name", test_sort_by_station_name);
  g_test_add_func ("/record-list/given-ids", test_given_ids);

  return g_test_run ();
}
