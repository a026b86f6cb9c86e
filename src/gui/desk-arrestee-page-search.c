#define G_LOG_DOMAIN "desk-arrestee-page-search"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-page-private.h"
#include "desk-name-search.h"
#include "desk-record-item.h"

/* Best matches a search shows; a name typed in full finds its person among
 * the first few. */
#define MAX_MATCHES 100

#define MAX_STATION_CHARS 24

/* The status drop-down's choices, in the order of its string list. */
static const char *const status_codes[] = {
  NULL, "arrested", "in_custody", "held_for_court", "released",
};

static const char *const station_columns[] = { "name", NULL };

typedef struct
{
  char *text;
  char *action_id;
} SearchRequest;

static void
search_request_free (SearchRequest *request)
{
  g_free (request->text);
  g_free (request->action_id);
  g_free (request);
}

static gpointer
search_in_worker (DeskStore  *store,
                  gpointer    data,
                  GError    **error)
{
  SearchRequest *request = data;

  return desk_name_search (store, request->text, request->action_id, MAX_MATCHES, error);
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeskArresteePage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  matches = desk_store_run_finish (DESK_STORE (source), result, &error);
  /* Cancelled: a newer search (or the page's end) took over. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->searching = FALSE;
  if (matches == NULL)
    {
      g_warning ("Name search failed: %s", error->message);
      matches = g_ptr_array_new ();
    }

  g_hash_table_remove_all (self->reasons);
  for (guint i = 0; i < matches->len; i++)
    {
      DeskNameMatch *match = g_ptr_array_index (matches, i);

      if (g_hash_table_contains (self->reasons, match->id))
        continue;
      g_strv_builder_add (builder, match->id);
      g_hash_table_insert (self->reasons, g_strdup (match->id),
                           g_strdup (desk_name_match_reason_describe (match->reason)));
    }
  ids = g_strv_builder_end (builder);

  self->scroll_to_top = TRUE;
  if (self->list != NULL)
    desk_record_list_set_ids (self->list, (const char *const *) ids);
  _desk_arrestee_page_refresh_cells (self);
  _desk_arrestee_page_update_state (self);
}

static void
start_search (DeskArresteePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  SearchRequest *request;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->searching = FALSE;
  g_free (self->search_text);
  self->search_text = g_strdup (text);

  if (stripped[0] == '\0' || self->store == NULL)
    {
      g_hash_table_remove_all (self->reasons);
      self->scroll_to_top = TRUE;
      if (self->list != NULL)
        desk_record_list_set_ids (self->list, NULL);
      _desk_arrestee_page_refresh_cells (self);
      _desk_arrestee_page_update_state (self);
      return;
    }

  request = g_new0 (SearchRequest, 1);
  request->text = g_steal_pointer (&stripped);
  request->action_id = g_strdup (self->action_id);
  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;
  desk_store_run_async (self->store, search_in_worker, request, (GDestroyNotify) search_request_free,
                        (GDestroyNotify) g_ptr_array_unref, self->search_cancellable,
                        on_search_done_cb, self);
  _desk_arrestee_page_update_state (self);
}

static void
on_search_changed_cb (DeskArresteePage *self,
                      GtkSearchEntry   *entry)
{
  /* Enter may have started this one already. */
  if (g_strcmp0 (self->search_text, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    start_search (self);
}

/* Escape clears the search and goes back to the rows. */
static void
on_search_stopped_cb (DeskArresteePage *self,
                      GtkSearchEntry   *entry)
{
  self->open_best_match = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  start_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Enter in the search opens the best match, which stays selected for the
 * way back. While the search still runs, it waits for it. */
void
_desk_arrestee_page_open_best_match (DeskArresteePage *self)
{
  g_autofree char *best = NULL;

  if (self->searching || (self->list != NULL && desk_record_list_get_loading (self->list)))
    {
      self->open_best_match = TRUE;
      return;
    }
  self->open_best_match = FALSE;
  if (self->list == NULL || (best = desk_record_list_dup_id (self->list, 0)) == NULL)
    return;

  _desk_arrestee_page_select_row (self, 0);
  desk_arrestee_page_open_record (self, best);
}

static void
on_search_activated_cb (DeskArresteePage *self,
                        GtkSearchEntry   *entry)
{
  /* Typed faster than the search's pause: search what is there now. */
  if (g_strcmp0 (self->search_text, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    start_search (self);
  _desk_arrestee_page_open_best_match (self);
}

static void
on_filter_changed_cb (DeskArresteePage *self)
{
  _desk_arrestee_page_apply_filters (self);
}

static void
on_station_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_STATION_CHARS);
  gtk_list_item_set_child (list_item, label);
}

static void
on_station_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  DeskRecordItem *item = gtk_list_item_get_item (list_item);
  const char *name = desk_record_item_get (item, "name");

  if (desk_record_item_get_id (item)[0] == '\0')
    name = _("Any station");
  else if (name == NULL || name[0] == '\0')
    name = _("Unnamed station");
  /* The drop-down gives its labels their minimum width only: ask for the
   * whole name up to the cap. */
  gtk_label_set_width_chars (GTK_LABEL (gtk_list_item_get_child (list_item)),
                             MIN (g_utf8_strlen (name, -1), MAX_STATION_CHARS));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), name);
}

static const char *
selected_station (DeskArresteePage *self)
{
  DeskRecordItem *item = gtk_drop_down_get_selected_item (self->station_dropdown);
  const char *id = item != NULL ? desk_record_item_get_id (item) : NULL;

  return id != NULL && id[0] != '\0' ? id : NULL;
}

void
_desk_arrestee_page_class_search_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
}

void
_desk_arrestee_page_init_filters (DeskArresteePage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(DeskRecordItem) any = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (status_codes) == 5);

  g_signal_connect (factory, "setup", G_CALLBACK (on_station_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_station_bind_cb), NULL);
  gtk_drop_down_set_factory (self->station_dropdown, factory);

  /* "Any station", then the stations of the action, in one model. */
  any = desk_record_item_new ("station", "", station_columns, NULL);
  self->station_choices = g_list_store_new (DESK_TYPE_RECORD_ITEM);
  g_list_store_append (self->station_choices, any);

  /* Typing in the table starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

void
_desk_arrestee_page_attach_stations (DeskArresteePage *self)
{
  g_autoptr(GListStore) models = g_list_store_new (G_TYPE_LIST_MODEL);
  GtkFlattenListModel *flat;

  gtk_drop_down_set_model (self->station_dropdown, NULL);
  g_clear_object (&self->stations);
  if (self->store == NULL)
    return;

  self->stations = desk_record_list_new (self->store, "station", station_columns, "name");
  g_list_store_append (models, self->station_choices);
  g_list_store_append (models, self->stations);
  flat = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&models)));
  gtk_drop_down_set_model (self->station_dropdown, G_LIST_MODEL (flat));
  g_object_unref (flat);
}

gboolean
_desk_arrestee_page_filters_active (DeskArresteePage *self)
{
  return gtk_drop_down_get_selected (self->status_dropdown) > 0 ||
         selected_station (self) != NULL ||
         gtk_toggle_button_get_active (self->welfare_toggle) ||
         gtk_toggle_button_get_active (self->minor_toggle) ||
         gtk_toggle_button_get_active (self->press_toggle);
}

void
_desk_arrestee_page_apply_filters (DeskArresteePage *self)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->list == NULL)
    return;

  if (self->stations != NULL && self->action_id != NULL)
    desk_record_list_set_action (self->stations, self->action_id);

  desk_record_list_set_filter (self->list, "status",
                               status < G_N_ELEMENTS (status_codes) ? status_codes[status] : NULL);
  desk_record_list_set_filter (self->list, "station_id", selected_station (self));
  desk_record_list_set_flag (self->list, "flags", "welfare", gtk_toggle_button_get_active (self->welfare_toggle));
  desk_record_list_set_flag (self->list, "flags", "minor", gtk_toggle_button_get_active (self->minor_toggle));
  desk_record_list_set_flag (self->list, "flags", "press", gtk_toggle_button_get_active (self->press_toggle));
  _desk_arrestee_page_update_state (self);
}

void
_desk_arrestee_page_clear_filters (DeskArresteePage *self)
{
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->station_dropdown, 0);
  gtk_toggle_button_set_active (self->welfare_toggle, FALSE);
  gtk_toggle_button_set_active (self->minor_toggle, FALSE);
  gtk_toggle_button_set_active (self->press_toggle, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  start_search (self);
}

void
_desk_arrestee_page_search_again (DeskArresteePage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    start_search (self);
}

void
_desk_arrestee_page_focus_search (DeskArresteePage *self)
{
  if (adw_leaflet_get_visible_child (self->leaflet) != self->list_page)
    desk_arrestee_page_show_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
