#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-query.h"
#include "desk-test-util.h"

typedef struct
{
  gint64 rows;
  gint64 field_meta;
  gint64 history;
  gint64 outbox;
} Sizes;

static Sizes
sizes (DeskStore *store)
{
  Sizes s;

  s.rows = desk_query_table_size (store, "arrestee", NULL);
  s.field_meta = desk_query_table_size (store, "field_meta", NULL);
  s.history = desk_query_table_size (store, "history", NULL);
  s.outbox = desk_query_table_size (store, "outbox", NULL);
  return s;
}

static void
test_create_writes_all_four (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("w.db", NULL);
  g_autoptr(DeskChange) change = desk_change_new_create ("arrestee", "action-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  Sizes s;

  desk_change_set (change, "legal_name", "Eilidh MacLeod");
  desk_change_set (change, "status", "in_custody");
  desk_change_set (change, "arrival_time", "2026-11-21T15:05:00+01:00");
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);

  s = sizes (store);
  g_assert_cmpint (s.rows, ==, 1);
  g_assert_cmpint (s.field_meta, ==, 3);
  g_assert_cmpint (s.history, ==, 3);
  g_assert_cmpint (s.outbox, ==, 1);

  history = desk_query_history (store, "arrestee", desk_change_get_id (change), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  for (guint i = 0; i < history->len; i++)
    {
      DeskHistoryEntry *e = g_ptr_array_index (history, i);

      g_assert_cmpstr (e->author, ==, "Test Volunteer");
      g_assert_null (e->old_value);
      g_assert_nonnull (e->hlc);
      if (g_str_equal (e->field, "arrival_time"))
        g_assert_cmpstr (e->new_value, ==, "2026-11-21T14:05:00Z");  /* stored in UTC */
    }

  outbox = desk_query_outbox (store, "pending", &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  {
    DeskOutboxEntry *e = g_ptr_array_index (outbox, 0);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *payload;

    g_assert_cmpint (e->mutation_id, ==, 1);
    g_assert_cmpstr (e->op, ==, "create");
    g_assert_true (json_parser_load_from_data (parser, e->payload, -1, &error));
    payload = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (payload, "name"), ==, "record.create.v1");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (
                         json_object_get_object_member (payload, "fields"), "legal_name"),
                       "value"), ==, "Eilidh MacLeod");
  }
}

static void
test_update_and_delete (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("u.db", NULL);
  g_autofree char *id = desk_test_add_arrestee (store, "Rhys ap Gwilym");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) record = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  Sizes before, after;

  before = sizes (store);
  {
    g_autoptr(DeskChange) change = desk_change_new_update ("arrestee", id);

    desk_change_set (change, "legal_name", "Rhys ap Gwilym");  /* unchanged */
    desk_change_set (change, "status", "released");
    desk_store_set_author (store, "Second Volunteer");
    g_assert_true (desk_store_apply (store, change, &error));
  }
  after = sizes (store);
  g_assert_cmpint (after.field_meta, ==, before.field_meta);   /* replaced, not added */
  g_assert_cmpint (after.history, ==, before.history + 1);     /* only the changed field */
  g_assert_cmpint (after.outbox, ==, before.outbox + 1);

  /* An update that changes nothing leaves no trace. */
  {
    g_autoptr(DeskChange) change = desk_change_new_update ("arrestee", id);

    desk_change_set (change, "status", "released");
    g_assert_true (desk_store_apply (store, change, &error));
    g_assert_cmpint (sizes (store).outbox, ==, after.outbox);
  }

  record = desk_query_record (store, "arrestee", id, &error);
  g_assert_cmpstr (g_hash_table_lookup (record, "status"), ==, "released");
  g_assert_cmpstr (g_hash_table_lookup (record, "updated_by"), ==, "Second Volunteer");
  g_assert_cmpstr (g_hash_table_lookup (record, "created_by"), ==, "Test Volunteer");

  {
    g_autoptr(DeskChange) change = desk_change_new_delete ("arrestee", id);

    g_assert_true (desk_store_apply (store, change, &error));
  }
  g_assert_cmpint (desk_query_count (store, "arrestee", NULL, NULL), ==, 0);
  g_assert_cmpint (desk_query_table_size (store, "arrestee", NULL), ==, 1);  /* tombstone */

  {
    g_autoptr(DeskChange) change = desk_change_new_update ("arrestee", id);

    desk_change_set (change, "status", "in_custody");
    g_assert_false (desk_store_apply (store, change, &error));
    g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  outbox = desk_query_outbox (store, NULL, &error);
  g_assert_cmpuint (outbox->len, ==, 3);
  for (guint i = 0; i < outbox->len; i++)
    g_assert_cmpint (((DeskOutboxEntry *) g_ptr_array_index (outbox, i))->mutation_id, ==, i + 1);
}

static void
test_fault_leaves_nothing (gconstpointer data)
{
  DeskStoreFault fault = GPOINTER_TO_INT (data);
  g_autoptr(DeskStore) store = desk_test_new_store ("f.db", NULL);
  g_autofree char *id = desk_test_add_arrestee (store, "Saoirse Kelly");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) record = NULL;
  Sizes before, after;

  before = sizes (store);
  desk_store_set_fault (store, fault);

  {
    g_autoptr(DeskChange) update = desk_change_new_update ("arrestee", id);
    g_autoptr(DeskChange) create = desk_change_new_create ("arrestee", "action-1");

    desk_change_set (update, "status", "released");
    g_assert_false (desk_store_apply (store, update, &error));
    g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED);
    g_clear_error (&error);

    desk_change_set (create, "legal_name", "Half Written");
    g_assert_false (desk_store_apply (store, create, &error));
    g_clear_error (&error);
  }

  after = sizes (store);
  g_assert_cmpint (after.rows, ==, before.rows);
  g_assert_cmpint (after.field_meta, ==, before.field_meta);
  g_assert_cmpint (after.history, ==, before.history);
  g_assert_cmpint (after.outbox, ==, before.outbox);
  record = desk_query_record (store, "arrestee", id, &error);
  g_assert_cmpstr (g_hash_table_lookup (record, "status"), ==, "in_custody");

  /* After the fault clears, the next mutation id follows on without a gap. */
  desk_store_set_fault (store, DESK_STORE_FAULT_NONE);
  {
    g_autoptr(DeskChange) update = desk_change_new_update ("arrestee", id);
    g_autoptr(GPtrArray) outbox = NULL;

    desk_change_set (update, "status", "released");
    g_assert_true (desk_store_apply (store, update, &error));
    outbox = desk_query_outbox (store, NULL, &error);
    g_assert_cmpint (((DeskOutboxEntry *) g_ptr_array_index (outbox, outbox->len - 1))->mutation_id, ==, 2);
  }
}

static void
test_batch_is_all_or_nothing (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("b.db", NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  g_autoptr(GError) error = NULL;
  DeskChange *bad;

  for (guint i = 0; i < 10; i++)
    {
      DeskChange *change = desk_change_new_create ("arrestee", "action-1");

      desk_change_set (change, "legal_name", "Batch Person");
      g_ptr_array_add (changes, change);
    }
  bad = desk_change_new_create ("arrestee", "action-1");
  desk_change_set (bad, "arrival_time", "yesterday teatime");
  g_ptr_array_add (changes, bad);

  g_assert_false (desk_store_apply_all (store, changes, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  /* The message says what, where and how. */
  g_assert_nonnull (strstr (error->message, "arrival_time"));
  g_assert_nonnull (strstr (error->message, "yesterday teatime"));
  g_assert_nonnull (strstr (error->message, "2026-11-22T14:30:00Z"));
  g_assert_cmpint (sizes (store).rows, ==, 0);
  g_assert_cmpint (sizes (store).outbox, ==, 0);
}

static void
test_unknown_field_and_table (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskChange) change = desk_change_new_create ("arrestee", "action-1");
  g_autoptr(DeskChange) table = desk_change_new_create ("sqlite_master", "action-1");

  desk_change_set (change, "shoe_size", "9");
  g_assert_false (desk_store_apply (store, change, &error));
  g_assert_nonnull (strstr (error->message, "shoe_size"));
  g_clear_error (&error);

  g_assert_false (desk_store_apply (store, table, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

static void
test_remote_changes_merge_by_stamp (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("r.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) record = NULL;
  gint64 outbox_before;

  outbox_before = sizes (store).outbox;
  {
    g_autoptr(DeskChange) create = desk_change_new_create_with_id ("arrestee", "remote-1", "action-1");

    desk_change_set_origin (create, DESK_ORIGIN_REMOTE, "Other Desk");
    desk_change_set_stamped (create, "legal_name", "Niamh Byrne", "9999999999000-0000-othernode");
    g_assert_true (desk_store_apply (store, create, &error));
    g_assert_no_error (error);
  }
  {
    /* An older stamp loses to what we hold. */
    g_autoptr(DeskChange) older = desk_change_new_update ("arrestee", "remote-1");

    desk_change_set_origin (older, DESK_ORIGIN_REMOTE, "Old Desk");
    desk_change_set_stamped (older, "legal_name", "Neve Burn", "0000000000001-0000-oldnode");
    g_assert_true (desk_store_apply (store, older, &error));
  }

  record = desk_query_record (store, "arrestee", "remote-1", &error);
  g_assert_cmpstr (g_hash_table_lookup (record, "legal_name"), ==, "Niamh Byrne");
  g_assert_cmpint (sizes (store).outbox, ==, outbox_before);   /* pulled, not re-sent */

  /* A local edit after a pull stamps later than the pulled stamp. */
  {
    g_autoptr(DeskChange) local = desk_change_new_update ("arrestee", "remote-1");
    g_autoptr(GPtrArray) history = NULL;
    DeskHistoryEntry *last;

    desk_change_set (local, "legal_name", "Niamh Byrne-Walsh");
    g_assert_true (desk_store_apply (store, local, &error));
    history = desk_query_history (store, "arrestee", "remote-1", &error);
    last = g_ptr_array_index (history, history->len - 1);
    g_assert_cmpstr (last->hlc, >, "9999999999000-0000-othernode");
  }
}

static void
on_applied_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_apply_finish (DESK_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
on_changed_cb (DeskStore  *store,
               const char *table,
               gpointer    user_data)
{
  if (g_str_equal (table, "call"))
    *(gboolean *) user_data = TRUE;
}

static void
test_async_apply_off_main_thread (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("a.db", NULL);
  DeskChange *change = desk_change_new_create ("call", "action-1");
  gboolean applied = FALSE;
  gboolean changed = FALSE;

  desk_change_set (change, "summary", "Custody call from Brixton");
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changed);
  desk_store_apply_async (store, change, NULL, on_applied_cb, &applied);
  desk_test_wait_for (&applied);
  desk_test_wait_for (&changed);
  g_assert_cmpint (desk_query_count (store, "call", "action-1", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/write/create", test_create_writes_all_four);
  g_test_add_func ("/write/update-delete", test_update_and_delete);
  g_test_add_data_func ("/write/fault/after-row", GINT_TO_POINTER (DESK_STORE_FAULT_AFTER_ROW), test_fault_leaves_nothing);
  g_test_add_data_func ("/write/fault/after-field-meta", GINT_TO_POINTER (DESK_STORE_FAULT_AFTER_FIELD_META), test_fault_leaves_nothing);
  g_test_add_data_func ("/write/fault/after-history", GINT_TO_POINTER (DESK_STORE_FAULT_AFTER_HISTORY), test_fault_leaves_nothing);
  g_test_add_data_func ("/write/fault/after-outbox", GINT_TO_POINTER (DESK_STORE_FAULT_AFTER_OUTBOX), test_fault_leaves_nothing);
  g_test_add_func ("/write/batch-all-or-nothing", test_batch_is_all_or_nothing);
  g_test_add_func ("/write/unknown", test_unknown_field_and_table);
  g_test_add_func ("/write/remote", test_remote_changes_merge_by_stamp);
  g_test_add_func ("/write/async", test_async_apply_off_main_thread);

  return g_test_run ();
}
