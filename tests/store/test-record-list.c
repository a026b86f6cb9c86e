#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/record-list/basic", test_lists_action_records_and_follows_changes);

  return g_test_run ();
}
