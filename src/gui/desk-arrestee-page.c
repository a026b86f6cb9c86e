#define G_LOG_DOMAIN "desk-arrestee-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-cell.h"
#include "desk-arrestee-page-private.h"
#include "desk-memory.h"
#include "desk-record-item.h"
#include "desk-stack-icons.h"

G_DEFINE_FINAL_TYPE (DeskArresteePage, desk_arrestee_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACTION_ID,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_TEST_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
_desk_arrestee_page_showing_record (DeskArresteePage *self)
{
  return adw_leaflet_get_visible_child (self->leaflet) == self->record_page;
}

static void
update_actions (DeskArresteePage *self)
{
  gboolean may_create = self->store != NULL && self->action_id != NULL &&
                        (!self->has_role || desk_role_can_write (self->role, "arrestee", NULL));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "arrestees.new", may_create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "arrestees.back", _desk_arrestee_page_showing_record (self));
}

/* "view=list selected=12 first=ID record=ID" for ARRESTDESK_TEST_STATUS_FILE:
 * ids only, never a name. */
static char *
dup_test_status (DeskArresteePage *self)
{
  guint selected = self->selection != NULL ? gtk_single_selection_get_selected (self->selection)
                                           : GTK_INVALID_LIST_POSITION;
  g_autofree char *selected_text = NULL;
  g_autofree char *first = self->list != NULL ? desk_record_list_dup_id (self->list, 0) : NULL;
  const char *record = self->editor != NULL ? desk_arrestee_editor_get_record (self->editor) : NULL;

  selected_text = selected == GTK_INVALID_LIST_POSITION ? g_strdup ("none")
                                                        : g_strdup_printf ("%u", selected);
  return g_strdup_printf ("view=%s selected=%s first=%s record=%s",
                          _desk_arrestee_page_showing_record (self) ? "record" : "list", selected_text,
                          first != NULL ? first : "none", record != NULL ? record : "none");
}

static void
scroll_to_row (DeskArresteePage *self,
               guint             position)
{
  GtkWidget *child;

  /* The table's own list view scrolls (GTK 4.8 has no call for it). */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

void
_desk_arrestee_page_select_row (DeskArresteePage *self,
                                guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_row (self, position);
}

static void
select_pending_record (DeskArresteePage *self)
{
  g_autofree char *id = g_steal_pointer (&self->select_when_loaded);
  guint position;

  if (id == NULL || self->list == NULL)
    return;

  position = desk_record_list_find (self->list, id);
  if (position != G_MAXUINT)
    _desk_arrestee_page_select_row (self, position);
}

static void
on_list_items_changed_cb (DeskArresteePage *self)
{
  _desk_arrestee_page_update_state (self);
}

static void
on_list_loading_changed_cb (DeskArresteePage *self)
{
  if (!desk_record_list_get_loading (self->list))
    {
      if (self->scroll_to_top && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
        scroll_to_row (self, 0);
      self->scroll_to_top = FALSE;
      select_pending_record (self);
      if (self->open_best_match && !self->searching)
        _desk_arrestee_page_open_best_match (self);
      desk_memory_release_soon ();
    }
  _desk_arrestee_page_update_state (self);
}

static void
on_selection_changed_cb (DeskArresteePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_STATUS]);
}

static void
on_names_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeskArresteePage *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled: the page may be gone already. */
  desk_reference_names_load_finish (DESK_REFERENCE_NAMES (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_names = FALSE;
  if (error != NULL)
    g_warning ("Could not load the names of the police stations: %s", error->message);

  _desk_arrestee_page_refresh_cells (self);
  /* The filters first, so the list loads once. */
  if (self->list != NULL && self->action_id != NULL &&
      g_strcmp0 (desk_record_list_get_action (self->list), self->action_id) != 0)
    {
      _desk_arrestee_page_apply_filters (self);
      desk_record_list_set_action (self->list, self->action_id);
    }
  _desk_arrestee_page_update_state (self);
}

/* Station names first, so no row shows a station before its name. */
static void
load (DeskArresteePage *self)
{
  if (!self->activated || self->store == NULL || self->action_id == NULL)
    {
      _desk_arrestee_page_update_state (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading_names = TRUE;
  _desk_arrestee_page_update_state (self);
  desk_reference_names_load_async (self->names, self->store, self->action_id,
                                   self->cancellable, on_names_loaded_cb, self);
}

/* A renamed station shows under its new name. */
static void
on_store_changed_cb (DeskArresteePage *self,
                     const char       *table)
{
  if (self->activated && desk_reference_names_refers_to (self->names, table))
    load (self);
}

static void
attach_store (DeskArresteePage *self,
              DeskStore        *store)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_set_object (&self->store, store);
  if (self->editor != NULL)
    desk_arrestee_editor_set_store (self->editor, store);
  _desk_arrestee_page_attach_stations (self);

  if (store == NULL)
    return;

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->list = desk_record_list_new (store, "arrestee", desk_arrestee_cell_fields (), "legal_name");
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading",
                           G_CALLBACK (on_list_loading_changed_cb), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* The header's sort applies to the new list too. */
  if (self->activated)
    _desk_arrestee_page_apply_sort (self);
}

static void
on_column_view_activated_cb (DeskArresteePage *self,
                             guint             position,
                             GtkColumnView    *view)
{
  g_autofree char *id = self->list != NULL ? desk_record_list_dup_id (self->list, position) : NULL;

  if (id != NULL)
    desk_arrestee_page_open_record (self, id);
}

static void
on_leaflet_visible_child_changed_cb (DeskArresteePage *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_STATUS]);
}

typedef struct
{
  DeskArresteePage *self;
  char             *id;
} Creation;

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Creation *creation = user_data;
  g_autoptr(DeskArresteePage) self = creation->self;
  g_autofree char *id = creation->id;
  g_autoptr(GError) error = NULL;

  g_free (creation);
  if (!desk_store_apply_finish (DESK_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not record a new arrestee: %s", error->message);
      return;
    }

  /* Selected in the list once it has loaded the new row. */
  g_free (self->select_when_loaded);
  self->select_when_loaded = g_strdup (id);
  desk_arrestee_page_open_record (self, id);
}

static void
new_arrestee_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskArresteePage *self = DESK_ARRESTEE_PAGE (widget);
  Creation *creation;
  DeskChange *change;

  if (self->store == NULL || self->action_id == NULL)
    return;

  change = desk_change_new_create ("arrestee", self->action_id);
  desk_change_set (change, "status", "arrested");
  creation = g_new0 (Creation, 1);
  creation->self = g_object_ref (self);
  creation->id = g_strdup (desk_change_get_id (change));
  desk_store_apply_async (self->store, change, self->cancellable, on_created_cb, creation);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _desk_arrestee_page_focus_search (DESK_ARRESTEE_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  desk_arrestee_page_show_list (DESK_ARRESTEE_PAGE (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _desk_arrestee_page_clear_filters (DESK_ARRESTEE_PAGE (widget));
}

static gboolean
desk_arrestee_page_grab_focus (GtkWidget *widget)
{
  DeskArresteePage *self = DESK_ARRESTEE_PAGE (widget);

  if (_desk_arrestee_page_showing_record (self) && self->editor != NULL)
    return gtk_widget_child_focus (GTK_WIDGET (self->editor), GTK_DIR_TAB_FORWARD);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  /* The rows are still loading: the search meanwhile, the rows once they
   * are there (so the arrow keys, Home and End work at once). */
  self->focus_rows = TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Shown (Ctrl+2, the switcher): straight into the rows. */
static void
desk_arrestee_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (desk_arrestee_page_parent_class)->map (widget);

  gtk_widget_grab_focus (widget);
}

static void
desk_arrestee_page_dispose (GObject *object)
{
  DeskArresteePage *self = DESK_ARRESTEE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  _desk_arrestee_page_forget_cells (self);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->station_dropdown != NULL)
    gtk_drop_down_set_model (self->station_dropdown, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->stations);
  g_clear_object (&self->station_choices);
  g_clear_object (&self->store);
  g_clear_object (&self->probe[0]);
  g_clear_object (&self->probe[1]);

  G_OBJECT_CLASS (desk_arrestee_page_parent_class)->dispose (object);
}

static void
desk_arrestee_page_finalize (GObject *object)
{
  DeskArresteePage *self = DESK_ARRESTEE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->action_id);
  g_free (self->select_when_loaded);
  g_free (self->search_text);
  g_free (self->hidden_sort);
  g_hash_table_unref (self->reasons);
  g_ptr_array_unref (self->cells);
  g_object_unref (self->names);

  G_OBJECT_CLASS (desk_arrestee_page_parent_class)->finalize (object);
}

static void
desk_arrestee_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskArresteePage *self = DESK_ARRESTEE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACTION_ID:
      g_value_set_string (value, self->action_id);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_TEST_STATUS:
      g_value_take_string (value, dup_test_status (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_arrestee_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskArresteePage *self = DESK_ARRESTEE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_arrestee_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_ACTION_ID:
      desk_arrestee_page_set_action (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_arrestee_page_class_init (DeskArresteePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_arrestee_page_dispose;
  object_class->finalize = desk_arrestee_page_finalize;
  object_class->get_property = desk_arrestee_page_get_property;
  object_class->set_property = desk_arrestee_page_set_property;

  widget_class->grab_focus = desk_arrestee_page_grab_focus;
  widget_class->map = desk_arrestee_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION_ID] =
    g_param_spec_string ("action-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the page shows, for the UI tests (desk-status-file.c). */
  properties[PROP_TEST_STATUS] =
    g_param_spec_string ("test-status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-arrestee-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, list_page);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, record_page);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, station_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, welfare_toggle);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, minor_toggle);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, press_toggle);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteePage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_visible_child_changed_cb);
  _desk_arrestee_page_class_search_init (widget_class);

  gtk_widget_class_install_action (widget_class, "arrestees.new", NULL, new_arrestee_action);
  gtk_widget_class_install_action (widget_class, "arrestees.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "arrestees.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "arrestees.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "arrestees.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "arrestees.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "arrestees.back", NULL);
}

static void
desk_arrestee_page_init (DeskArresteePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_stack_icons_defer (self->stack);

  self->cancellable = g_cancellable_new ();
  self->names = desk_reference_names_new ();
  self->station_names = desk_reference_names_add_column (self->names, "station_id");
  self->reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cells = g_ptr_array_new ();

  _desk_arrestee_page_init_filters (self);
  update_actions (self);
}

void
_desk_arrestee_page_update_state (DeskArresteePage *self)
{
  g_autofree char *count = NULL;
  gboolean loading;
  guint n_items;

  /* A page or list not yet told its action has not loaded anything either. */
  loading = self->loading_names || self->searching || self->action_id == NULL ||
            (self->list != NULL && (desk_record_list_get_loading (self->list) ||
                                    g_strcmp0 (desk_record_list_get_action (self->list), self->action_id) != 0));
  n_items = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      if (self->focus_rows && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
          gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
        gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
      self->focus_rows = FALSE;
    }
  else if (loading || self->list == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (_desk_arrestee_page_filters_active (self) ||
           gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_stack_set_visible_child_name (self->stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  if (self->list != NULL && !loading)
    {
      if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
        count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_items), n_items);
      else
        count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrestee", "%u arrestees", n_items), n_items);
      gtk_label_set_text (self->count_label, count);
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (self->n_items != n_items)
    {
      self->n_items = n_items;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_STATUS]);
  g_object_thaw_notify (G_OBJECT (self));
}

DeskStore *
desk_arrestee_page_get_store (DeskArresteePage *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_PAGE (self), NULL);

  return self->store;
}

void
desk_arrestee_page_set_store (DeskArresteePage *self,
                              DeskStore        *store)
{
  g_return_if_fail (DESK_IS_ARRESTEE_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  attach_store (self, store);
  update_actions (self);
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
desk_arrestee_page_get_action (DeskArresteePage *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_PAGE (self), NULL);

  return self->action_id;
}

void
desk_arrestee_page_set_action (DeskArresteePage *self,
                               const char       *action_id)
{
  g_return_if_fail (DESK_IS_ARRESTEE_PAGE (self));

  if (g_strcmp0 (self->action_id, action_id) == 0)
    return;

  g_free (self->action_id);
  self->action_id = g_strdup (action_id);
  /* A record of another action has no place beside this one's list. */
  desk_arrestee_page_show_list (self);
  update_actions (self);
  load (self);
  _desk_arrestee_page_search_again (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION_ID]);
}

void
desk_arrestee_page_set_role (DeskArresteePage *self,
                             const DeskRole   *role)
{
  g_return_if_fail (DESK_IS_ARRESTEE_PAGE (self));

  self->has_role = role != NULL;
  if (role != NULL)
    self->role = *role;
  if (self->editor != NULL)
    desk_arrestee_editor_set_role (self->editor, role);
  update_actions (self);
}

guint
desk_arrestee_page_get_n_items (DeskArresteePage *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_PAGE (self), 0);

  return self->n_items;
}

gboolean
desk_arrestee_page_get_loading (DeskArresteePage *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_PAGE (self), FALSE);

  return self->loading;
}

void
desk_arrestee_page_activate (DeskArresteePage *self)
{
  g_return_if_fail (DESK_IS_ARRESTEE_PAGE (self));

  if (self->activated)
    return;
  self->activated = TRUE;

  _desk_arrestee_page_build_columns (self);
  _desk_arrestee_page_start_clock (self);
  load (self);
}
