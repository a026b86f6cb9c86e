#include "config.h"

#include "desk-query.h"
#include "desk-record-item.h"
#include "desk-record-list.h"
#include "desk-test-util.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/record-list/basic", test_lists_action_records_and_follows_changes);
  g_test_add_func ("/record-list/descending", test_descending_order);
  g_test_add_func ("/record-list/switch-action", test_switching_action_drops_old_rows);

  return g_test_run ();
}
