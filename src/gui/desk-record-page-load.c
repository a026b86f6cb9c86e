#define G_LOG_DOMAIN "desk-record-page-load"

#include "config.h"

#include "desk-memory.h"
#include "desk-record-page-private.h"

static void
load_list (DeskRecordPage *self)
{
  if (self->list == NULL || self->action_id == NULL)
    return;

  if (g_strcmp0 (desk_record_list_get_action (self->list), self->action_id) == 0)
    desk_record_list_reload (self->list);
  else
    desk_record_list_set_action (self->list, self->action_id);

  _desk_record_page_update_state (self);
}

static void
on_names_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeskRecordPage *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled: the page may be gone already. */
  desk_reference_names_load_finish (DESK_REFERENCE_NAMES (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_names = FALSE;

  if (error != NULL)
    g_warning ("Could not load the names of %s references: %s", self->table, error->message);

  load_list (self);
}

static void
on_list_items_changed_cb (DeskRecordPage *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          GListModel     *model)
{
  _desk_record_page_update_state (self);
}

static void
on_list_loading_changed_cb (DeskRecordPage *self,
                            GParamSpec     *pspec,
                            DeskRecordList *list)
{
  if (!desk_record_list_get_loading (list))
    desk_memory_release_soon ();
  _desk_record_page_update_state (self);
}

/* A renamed station shows under its new name: reload the titles of the
 * tables this page refers to. Its own table reloads by itself. */
static void
on_store_changed_cb (DeskRecordPage *self,
                     const char     *table,
                     DeskStore      *store)
{
  if (desk_reference_names_refers_to (self->names, table))
    desk_record_page_reload (self);
}

void
_desk_record_page_attach_store (DeskRecordPage *self,
                                DeskStore      *store)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_set_object (&self->store, store);

  if (store == NULL)
    return;

  g_signal_connect_object (store, "changed",
                           G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->list = desk_record_list_new (store, self->table,
                                     (const char *const *) self->columns,
                                     self->order_by);
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading",
                           G_CALLBACK (on_list_loading_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->scrolled_to = 0;
  /* A hidden page builds its rows when it shows (desk_record_page_map). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

void
_desk_record_page_load (DeskRecordPage *self)
{
  if (!self->activated || self->store == NULL || self->action_id == NULL)
    {
      _desk_record_page_update_state (self);
      return;
    }

  if (desk_reference_names_is_empty (self->names))
    {
      load_list (self);
      return;
    }

  /* Names first, so the rows never show a reference before its title. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->loading_names = TRUE;
  _desk_record_page_update_state (self);

  desk_reference_names_load_async (self->names, self->store, self->action_id,
                                   self->cancellable, on_names_loaded_cb, self);
}
