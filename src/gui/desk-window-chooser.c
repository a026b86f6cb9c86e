#define G_LOG_DOMAIN "desk-window-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-window-private.h"

#define MAX_ACTION_NAME_CHARS 24

static const char *action_columns[] = { "name", NULL };

static void
show_action (DeskWindow *self,
             const char *action_id)
{
  g_autofree char *current = g_settings_get_string (self->settings, "current-action");

  if (g_strcmp0 (current, action_id) != 0)
    g_settings_set_string (self->settings, "current-action", action_id);

  if (g_strcmp0 (self->action_id, action_id) != 0)
    {
      g_free (self->action_id);
      self->action_id = g_strdup (action_id);
      _desk_window_pages_set_action (self);
    }

  _desk_window_set_main_page (self, "records");
  _desk_window_write_status (self);
}

/* Pick the action of the last session, else the first one. */
static void
sync_actions (DeskWindow *self)
{
  g_autofree char *current = NULL;
  GListModel *model = G_LIST_MODEL (self->actions);
  guint n_items, selected = 0;
  DeskRecordItem *item;

  if (desk_record_list_get_loading (self->actions))
    return;

  n_items = g_list_model_get_n_items (model);

  if (n_items == 0)
    {
      _desk_window_set_main_page (self, "no-action");
      _desk_window_maybe_offer_new_action (self);
      return;
    }

  current = g_settings_get_string (self->settings, "current-action");
  if (self->created_action_id != NULL)
    {
      g_free (current);
      current = g_steal_pointer (&self->created_action_id);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DeskRecordItem) candidate = g_list_model_get_item (model, i);

      if (g_strcmp0 (desk_record_item_get_id (candidate), current) == 0)
        {
          selected = i;
          break;
        }
    }

  self->syncing_actions = TRUE;
  gtk_drop_down_set_selected (self->action_dropdown, selected);
  self->syncing_actions = FALSE;

  item = g_list_model_get_item (model, selected);
  show_action (self, desk_record_item_get_id (item));
  g_object_unref (item);
}

static void
sync_actions_idle_cb (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->sync_actions_id = 0;
  sync_actions (self);
}

/* Not from inside items-changed: the drop-down's own models must see the
 * change before its selection moves. */
static void
queue_sync_actions (DeskWindow *self)
{
  if (self->sync_actions_id == 0)
    self->sync_actions_id = g_idle_add_once (sync_actions_idle_cb, self);
}

static void
on_actions_items_changed_cb (DeskWindow *self,
                             guint       position,
                             guint       removed,
                             guint       added,
                             GListModel *model)
{
  queue_sync_actions (self);
}

static void
on_actions_loading_changed_cb (DeskWindow     *self,
                               GParamSpec     *pspec,
                               DeskRecordList *list)
{
  queue_sync_actions (self);
}

static void
on_action_dropdown_selected_cb (DeskWindow  *self,
                                GParamSpec  *pspec,
                                GtkDropDown *dropdown)
{
  g_autoptr(DeskRecordItem) item = NULL;

  if (self->syncing_actions)
    return;

  item = _desk_window_dup_selected_action (self);
  if (item != NULL)
    show_action (self, desk_record_item_get_id (item));
  _desk_window_update_header (self);
}

static void
on_action_factory_setup_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *list_item,
                            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_ACTION_NAME_CHARS);
  gtk_list_item_set_child (list_item, label);
}

static void
on_action_factory_bind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           gpointer                  user_data)
{
  DeskRecordItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *name = desk_record_item_get (item, "name");

  if (name == NULL || name[0] == '\0')
    name = _("Unnamed Action");

  /* The drop-down button is given its minimum width only: ask for the
   * whole name up to the cap, ellipsize beyond it. */
  gtk_label_set_width_chars (label, MIN (g_utf8_strlen (name, -1), MAX_ACTION_NAME_CHARS));
  gtk_label_set_text (label, name);
}

void
_desk_window_class_chooser_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_action_dropdown_selected_cb);
}

void
_desk_window_chooser_init (DeskWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_action_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_action_factory_bind_cb), NULL);
  gtk_drop_down_set_factory (self->action_dropdown, factory);
}

void
_desk_window_load_actions (DeskWindow *self)
{
  g_assert (self->store != NULL);
  g_assert (self->actions == NULL);

  self->actions = desk_record_list_new (self->store, "action", action_columns, NULL);
  g_signal_connect_object (self->actions, "items-changed",
                           G_CALLBACK (on_actions_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actions, "notify::loading",
                           G_CALLBACK (on_actions_loading_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->syncing_actions = TRUE;
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (self->actions));
  self->syncing_actions = FALSE;

  desk_record_list_reload (self->actions);
}

DeskRecordItem *
_desk_window_dup_selected_action (DeskWindow *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->action_dropdown);

  return item != NULL ? g_object_ref (DESK_RECORD_ITEM (item)) : NULL;
}
