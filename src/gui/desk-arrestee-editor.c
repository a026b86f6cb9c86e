#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-editor-private.h"
#include "desk-custody.h"
#include "desk-query.h"

/* One arrestee's record. Every word typed goes to the store through the
 * field saver (never waiting on it); changes made elsewhere come back
 * through the store's "changed" signal and refresh the rows nobody is
 * typing in. */

G_DEFINE_FINAL_TYPE (DeskArresteeEditor, desk_arrestee_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECORD_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The template's groups, in DeskArresteeGroup order. */
static const char *const group_ids[DESK_ARRESTEE_N_GROUPS] = {
  "status_group", "identity_group", "arrest_group", "custody_group",
  "welfare_group", "release_group", "support_group", "notes_group",
};

typedef struct
{
  GHashTable *record;
  GPtrArray  *stations;
  GPtrArray  *history;
} Loaded;

typedef struct
{
  DeskArresteeEditor *self;
  guint               serial;
  gboolean            everything;
} LoadCall;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->record, g_hash_table_unref);
  g_clear_pointer (&loaded->stations, g_ptr_array_unref);
  g_clear_pointer (&loaded->history, g_ptr_array_unref);
  g_free (loaded);
}

/* On the database thread. */
static gpointer
load_in_worker (DeskStore  *store,
                gpointer    data,
                GError    **error)
{
  const char *record_id = data;
  const char *const station_columns[] = { "name", NULL };
  Loaded *loaded = g_new0 (Loaded, 1);
  const char *action;

  loaded->record = desk_query_record (store, "arrestee", record_id, error);
  if (loaded->record == NULL)
    goto failed;
  action = g_hash_table_lookup (loaded->record, "action");
  loaded->stations = desk_query_rows (store, "station", action, station_columns, "name", error);
  if (loaded->stations == NULL)
    goto failed;
  loaded->history = desk_query_history (store, "arrestee", record_id, error);
  if (loaded->history == NULL)
    goto failed;
  return loaded;

failed:
  loaded_free (loaded);
  return NULL;
}

static void
update_title (DeskArresteeEditor *self)
{
  DeskFieldRow *legal = _desk_arrestee_editor_find_row (self, "legal_name");
  DeskFieldRow *preferred = _desk_arrestee_editor_find_row (self, "preferred_name");
  const char *legal_name = legal != NULL && legal->readable ? gtk_editable_get_text (GTK_EDITABLE (legal->row)) : "";
  const char *preferred_name = preferred != NULL && preferred->readable ? gtk_editable_get_text (GTK_EDITABLE (preferred->row)) : "";
  g_autofree char *title = NULL;

  if (legal_name[0] != '\0' && preferred_name[0] != '\0')
    /* Translators: an arrestee's legal name and the name they go by */
    title = g_strdup_printf (_("%s (%s)"), legal_name, preferred_name);
  else if (legal_name[0] != '\0' || preferred_name[0] != '\0')
    title = g_strdup (legal_name[0] != '\0' ? legal_name : preferred_name);
  else
    title = g_strdup (_("Unnamed Arrestee"));
  gtk_label_set_text (self->title_label, title);
}

static void
update_clock (DeskArresteeEditor *self)
{
  g_autoptr(GHashTable) values = NULL;

  if (self->record == NULL)
    {
      desk_arrestee_clock_set_values (self->clock, NULL);
      return;
    }
  values = _desk_arrestee_editor_current_values (self);
  desk_arrestee_clock_set_values (self->clock, values);
}

static void load (DeskArresteeEditor *self,
                  gboolean            everything);

static void
reload_cb (gpointer data)
{
  DeskArresteeEditor *self = data;

  if (self->store != NULL)
    _desk_arrestee_editor_reload (self);
  g_object_unref (self);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadCall *call = user_data;
  DeskArresteeEditor *self = call->self;
  g_autoptr(GError) error = NULL;
  Loaded *loaded;
  const char *merged_into;

  loaded = desk_store_run_finish (DESK_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || call->serial != self->load_serial)
    {
      g_clear_pointer (&loaded, loaded_free);
      goto out;
    }
  self->loading = FALSE;
  if (self->reload_pending)
    {
      /* Changed again meanwhile: what this load read may be old already. */
      self->reload_pending = FALSE;
      g_idle_add_once (reload_cb, g_object_ref (self));
    }
  if (loaded == NULL)
    {
      /* No record values in the log: the message says which step failed. */
      g_warning ("Could not load the arrestee record: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      goto out;
    }

  merged_into = g_hash_table_lookup (loaded->record, "merged_into");
  if (g_strcmp0 (g_hash_table_lookup (loaded->record, "deleted"), "1") == 0 &&
      merged_into != NULL && merged_into[0] != '\0' &&
      g_strcmp0 (merged_into, self->record_id) != 0)
    {
      /* Merged elsewhere: show the record that survived. */
      g_autofree char *survivor = g_strdup (merged_into);

      loaded_free (loaded);
      desk_arrestee_editor_set_record (self, survivor);
      goto out;
    }

  g_clear_pointer (&self->record, g_hash_table_unref);
  self->record = g_steal_pointer (&loaded->record);
  self->fill_everything = FALSE;
  _desk_arrestee_editor_set_stations (self, loaded->stations);
  _desk_arrestee_editor_fill (self, call->everything);
  update_title (self);
  update_clock (self);
  desk_arrestee_timeline_set_history (self->timeline, loaded->history, self->record_id,
                                      self->has_role ? &self->role : NULL);
  gtk_stack_set_visible_child_name (self->stack, "record");
  if (self->focus_on_load)
    {
      self->focus_on_load = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  loaded_free (loaded);

out:
  g_object_unref (call->self);
  g_free (call);
}

static void
load (DeskArresteeEditor *self,
      gboolean            everything)
{
  LoadCall *call;

  if (self->store == NULL || self->record_id == NULL)
    return;

  call = g_new0 (LoadCall, 1);
  call->self = g_object_ref (self);
  call->serial = ++self->load_serial;
  self->loading = TRUE;
  self->reload_pending = FALSE;
  /* A reload may overtake the first load of a new record: it sets every
   * row then, not only the idle ones. */
  self->fill_everything |= everything;
  call->everything = self->fill_everything;
  desk_store_run_async (self->store, load_in_worker, g_strdup (self->record_id), g_free,
                        (GDestroyNotify) loaded_free, self->cancellable, on_loaded_cb, call);
}

/* A sync pull may commit many transactions in a row: one load at a time,
 * and one more after it if anything changed meanwhile. */
void
_desk_arrestee_editor_reload (DeskArresteeEditor *self)
{
  if (self->loading)
    self->reload_pending = TRUE;
  else
    load (self, FALSE);
}

void
_desk_arrestee_editor_field_edited (DeskArresteeEditor *self,
                                    const char         *field)
{
  DeskFieldRow *row = _desk_arrestee_editor_find_row (self, field);

  _desk_arrestee_editor_queue_field (self, field);
  /* The flags follow the age band, the welfare rows and the switches. */
  if (strcmp (field, "flags") != 0 &&
      (strcmp (field, "age_band") == 0 || strcmp (field, "date_of_birth") == 0 ||
       (row != NULL && row->spec->group == DESK_ARRESTEE_GROUP_WELFARE)))
    _desk_arrestee_editor_queue_field (self, "flags");
  if (strcmp (field, "legal_name") == 0 || strcmp (field, "preferred_name") == 0)
    {
      update_title (self);
      _desk_arrestee_editor_check_duplicates (self);
    }
  if (g_strv_contains (desk_custody_fields (), field))
    update_clock (self);
}

static void
on_store_changed_cb (DeskArresteeEditor *self,
                     const char         *table,
                     DeskStore          *store)
{
  if (g_strcmp0 (table, "arrestee") == 0 || g_strcmp0 (table, "station") == 0)
    _desk_arrestee_editor_reload (self);
}

static void
on_field_saved_cb (DeskArresteeEditor *self,
                   const char         *record_id,
                   const char         *field,
                   DeskFieldSaver     *saver)
{
  DeskFieldRow *row;

  if (g_strcmp0 (record_id, self->record_id) != 0)
    return;
  row = _desk_arrestee_editor_find_row (self, field);
  if (row != NULL && row->error != NULL)
    _desk_arrestee_editor_show_save_error (self, field, NULL);
}

static void
on_field_failed_cb (DeskArresteeEditor *self,
                    const char         *record_id,
                    const char         *field,
                    const char         *value,
                    const char         *message,
                    DeskFieldSaver     *saver)
{
  GHashTable *unsaved;

  if (g_strcmp0 (record_id, self->record_id) == 0)
    {
      _desk_arrestee_editor_show_save_error (self, field, message);
      return;
    }
  /* Not the record shown any more: its words wait here and come back
   * into their row (flagged, tried again) when the record does. */
  unsaved = g_hash_table_lookup (self->unsaved, record_id);
  if (unsaved == NULL)
    {
      unsaved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->unsaved, g_strdup (record_id), unsaved);
    }
  g_hash_table_insert (unsaved, g_strdup (field), g_strdup (value != NULL ? value : ""));
}

static gboolean
on_close_request_cb (DeskArresteeEditor *self,
                     GtkWindow          *window)
{
  if (self->saver != NULL)
    _desk_arrestee_editor_commit_all (self);
  return _desk_arrestee_editor_guard_close (self, window);
}

static void
on_root_changed_cb (DeskArresteeEditor *self,
                    GParamSpec         *pspec,
                    gpointer            user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->window, on_close_request_cb, self);
      g_clear_weak_pointer (&self->window);
    }
  if (GTK_IS_WINDOW (root))
    {
      g_set_weak_pointer (&self->window, GTK_WINDOW (root));
      g_signal_connect_object (root, "close-request",
                               G_CALLBACK (on_close_request_cb), self, G_CONNECT_SWAPPED);
    }
}

/* A record opened to be worked on starts at its name. */
static gboolean
desk_arrestee_editor_grab_focus (GtkWidget *widget)
{
  DeskArresteeEditor *self = DESK_ARRESTEE_EDITOR (widget);
  const char *const first[] = { "legal_name", "status" };

  /* Opened a moment ago: the name gets the focus once it is loaded. */
  if (self->record_id != NULL && self->record == NULL)
    {
      self->focus_on_load = TRUE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      DeskFieldRow *row = _desk_arrestee_editor_find_row (self, first[i]);

      if (row != NULL && row->writable && gtk_widget_get_mapped (row->row) &&
          gtk_widget_grab_focus (row->row))
        {
          /* The cursor at the end, nothing selected: a key pressed at
           * once must not replace the name. */
          if (GTK_IS_EDITABLE (row->row))
            gtk_editable_set_position (GTK_EDITABLE (row->row), -1);
          return TRUE;
        }
    }
  return GTK_WIDGET_CLASS (desk_arrestee_editor_parent_class)->grab_focus (widget);
}

/* Tabbing into the record (the page does on opening it) lands on the name
 * too, past the status and clock above it. */
static gboolean
desk_arrestee_editor_focus (GtkWidget        *widget,
                            GtkDirectionType  direction)
{
  if (direction == GTK_DIR_TAB_FORWARD && gtk_widget_get_focus_child (widget) == NULL &&
      desk_arrestee_editor_grab_focus (widget))
    return TRUE;
  return GTK_WIDGET_CLASS (desk_arrestee_editor_parent_class)->focus (widget, direction);
}

static void
desk_arrestee_editor_unmap (GtkWidget *widget)
{
  DeskArresteeEditor *self = DESK_ARRESTEE_EDITOR (widget);

  /* Leaving the record (back to the list, another page): save now. */
  if (self->saver != NULL)
    _desk_arrestee_editor_commit_all (self);

  GTK_WIDGET_CLASS (desk_arrestee_editor_parent_class)->unmap (widget);
}

static void
desk_arrestee_editor_dispose (GObject *object)
{
  DeskArresteeEditor *self = DESK_ARRESTEE_EDITOR (object);

  if (self->saver != NULL)
    {
      _desk_arrestee_editor_commit_all (self);
      g_signal_handlers_disconnect_by_data (self->saver, self);
      g_clear_object (&self->saver);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->duplicates_id, g_source_remove);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      g_clear_handle_id (&row->check_id, g_source_remove);
    }

  G_OBJECT_CLASS (desk_arrestee_editor_parent_class)->dispose (object);
}

static void
desk_arrestee_editor_finalize (GObject *object)
{
  DeskArresteeEditor *self = DESK_ARRESTEE_EDITOR (object);

  g_free (self->record_id);
  g_clear_pointer (&self->record, g_hash_table_unref);
  g_hash_table_unref (self->drafts);
  g_hash_table_unref (self->unsaved);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (desk_arrestee_editor_parent_class)->finalize (object);
}

static void
desk_arrestee_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DeskArresteeEditor *self = DESK_ARRESTEE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_arrestee_editor_class_init (DeskArresteeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_arrestee_editor_dispose;
  object_class->finalize = desk_arrestee_editor_finalize;
  object_class->get_property = desk_arrestee_editor_get_property;

  /**
   * DeskArresteeEditor:record-id:
   *
   * The record shown. It changes by itself when the editor opens another
   * record (a duplicate's Open, the survivor of a merge), so the page can
   * follow it in its list.
   */
  properties[PROP_RECORD_ID] =
    g_param_spec_string ("record-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The BOV, about to close, asked to see the record (by id) holding
   * words not saved: the page shows it (desk-arrestee-editor-close.c). */
  g_signal_new ("show-unsaved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  widget_class->unmap = desk_arrestee_editor_unmap;
  widget_class->grab_focus = desk_arrestee_editor_grab_focus;
  widget_class->focus = desk_arrestee_editor_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-arrestee-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskArresteeEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteeEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteeEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteeEditor, duplicates_slot);
  gtk_widget_class_bind_template_child (widget_class, DeskArresteeEditor, timeline_slot);
  for (guint i = 0; i < DESK_ARRESTEE_N_GROUPS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, group_ids[i], FALSE,
                                               G_STRUCT_OFFSET (DeskArresteeEditor, groups) +
                                               i * sizeof (AdwPreferencesGroup *));
}

static void
desk_arrestee_editor_init (DeskArresteeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _desk_field_row_free);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  self->unsaved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
  _desk_arrestee_editor_build_rows (self);
  _desk_arrestee_editor_setup_duplicates (self);
  self->timeline = DESK_ARRESTEE_TIMELINE (desk_arrestee_timeline_new ());
  gtk_box_append (GTK_BOX (self->timeline_slot), GTK_WIDGET (self->timeline));
  _desk_arrestee_editor_apply_role (self);
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root_changed_cb), NULL);
}

GtkWidget *
desk_arrestee_editor_new (void)
{
  return g_object_new (DESK_TYPE_ARRESTEE_EDITOR, NULL);
}

void
desk_arrestee_editor_set_store (DeskArresteeEditor *self,
                                DeskStore          *store)
{
  g_return_if_fail (DESK_IS_ARRESTEE_EDITOR (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (store == self->store)
    return;

  if (self->saver != NULL)
    {
      _desk_arrestee_editor_commit_all (self);
      g_signal_handlers_disconnect_by_data (self->saver, self);
      g_clear_object (&self->saver);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->saver = desk_field_saver_new (store, "arrestee");
  desk_field_saver_set_record (self->saver, self->record_id);
  g_signal_connect_object (self->saver, "saved", G_CALLBACK (on_field_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->saver, "failed", G_CALLBACK (on_field_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  load (self, TRUE);
}

void
desk_arrestee_editor_set_record (DeskArresteeEditor *self,
                                 const char         *record_id)
{
  g_return_if_fail (DESK_IS_ARRESTEE_EDITOR (self));

  if (g_strcmp0 (record_id, self->record_id) == 0)
    return;

  /* The previous record's words first: they belong to it. */
  if (self->saver != NULL)
    {
      _desk_arrestee_editor_commit_all (self);
      desk_field_saver_set_record (self->saver, record_id);
    }
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);
  g_clear_pointer (&self->record, g_hash_table_unref);
  desk_arrestee_clock_set_values (self->clock, NULL);
  _desk_arrestee_editor_clear_duplicates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
  self->load_serial++;
  self->loading = self->reload_pending = FALSE;

  if (record_id == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  load (self, TRUE);
}

const char *
desk_arrestee_editor_get_record (DeskArresteeEditor *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_EDITOR (self), NULL);

  return self->record_id;
}

void
desk_arrestee_editor_set_role (DeskArresteeEditor *self,
                               const DeskRole     *role)
{
  g_return_if_fail (DESK_IS_ARRESTEE_EDITOR (self));

  self->has_role = role != NULL;
  if (role != NULL)
    self->role = *role;
  _desk_arrestee_editor_apply_role (self);
  if (self->record != NULL)
    {
      self->filling = TRUE;
      _desk_arrestee_editor_fill (self, FALSE);
      self->filling = FALSE;
    }
}

/* Saves everything typed so far at once (the page calls it before it goes
 * away; tests before they look in the store). */
void
desk_arrestee_editor_save_now (DeskArresteeEditor *self)
{
  g_return_if_fail (DESK_IS_ARRESTEE_EDITOR (self));

  if (self->saver != NULL)
    _desk_arrestee_editor_commit_all (self);
}

gboolean
desk_arrestee_editor_is_saved (DeskArresteeEditor *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_EDITOR (self), TRUE);

  return self->saver == NULL || desk_field_saver_is_idle (self->saver);
}
