#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-editor-private.h"
#include "desk-arrestee-merge.h"
#include "desk-name-search.h"

/* The duplicate warning of the record shown, and its merge. */

#define CHECK_DELAY_MS 600

typedef struct
{
  char *action_id;
  char *name;
  char *exclude_id;
} Query;

typedef struct
{
  DeskArresteeEditor *self;
  guint               serial;
} Call;

typedef struct
{
  char *survivor_id;
  char *merged_id;
} Merge;

static void
query_free (Query *query)
{
  g_free (query->action_id);
  g_free (query->name);
  g_free (query->exclude_id);
  g_free (query);
}

static void
merge_free (Merge *merge)
{
  g_free (merge->survivor_id);
  g_free (merge->merged_id);
  g_free (merge);
}

static Call *
call_new (DeskArresteeEditor *self)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->serial = self->duplicates_serial;
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call);
}

/* On the database thread. */
static gpointer
find_in_worker (DeskStore  *store,
                gpointer    data,
                GError    **error)
{
  Query *query = data;

  return desk_name_find_duplicates (store, query->action_id, query->name, query->exclude_id, error);
}

static void
on_found_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;
  DeskArresteeEditor *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = desk_store_run_finish (DESK_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || call->serial != self->duplicates_serial)
    {
      call_free (call);
      return;
    }
  if (error != NULL)
    /* The message names the step, never the name searched for. */
    g_warning ("Could not look for duplicate arrestees: %s", error->message);
  desk_arrestee_duplicates_set_matches (self->duplicates, matches);
  call_free (call);
}

static const char *
typed_name (DeskArresteeEditor *self)
{
  const char *const fields[] = { "legal_name", "preferred_name" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      DeskFieldRow *row = _desk_arrestee_editor_find_row (self, fields[i]);
      const char *text;

      if (row == NULL || !row->readable)
        continue;
      text = gtk_editable_get_text (GTK_EDITABLE (row->row));
      if (text[0] != '\0')
        return text;
    }
  return NULL;
}

static gboolean
on_check_cb (gpointer user_data)
{
  DeskArresteeEditor *self = user_data;
  const char *name = typed_name (self);
  const char *action = self->record != NULL ? g_hash_table_lookup (self->record, "action") : NULL;
  Query *query;

  self->duplicates_id = 0;
  if (self->store == NULL || self->record_id == NULL || action == NULL || name == NULL)
    {
      desk_arrestee_duplicates_set_matches (self->duplicates, NULL);
      return G_SOURCE_REMOVE;
    }

  query = g_new0 (Query, 1);
  query->action_id = g_strdup (action);
  query->name = g_strdup (name);
  query->exclude_id = g_strdup (self->record_id);
  desk_store_run_async (self->store, find_in_worker, query, (GDestroyNotify) query_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                        on_found_cb, call_new (self));
  return G_SOURCE_REMOVE;
}

void
_desk_arrestee_editor_check_duplicates (DeskArresteeEditor *self)
{
  self->duplicates_serial++;
  g_clear_handle_id (&self->duplicates_id, g_source_remove);
  self->duplicates_id = g_timeout_add (CHECK_DELAY_MS, on_check_cb, self);
}

void
_desk_arrestee_editor_clear_duplicates (DeskArresteeEditor *self)
{
  self->duplicates_serial++;
  g_clear_handle_id (&self->duplicates_id, g_source_remove);
  desk_arrestee_duplicates_set_matches (self->duplicates, NULL);
}

/* On the database thread: the one write path, in one transaction. */
static gpointer
merge_in_worker (DeskStore  *store,
                 gpointer    data,
                 GError    **error)
{
  Merge *merge = data;

  if (!desk_arrestee_merge (store, merge->survivor_id, merge->merged_id, error))
    return NULL;
  return g_strdup (merge->survivor_id);
}

static void
show_merge_error (DeskArresteeEditor *self,
                  const char         *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("The Records Were Not Merged"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_merged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  DeskArresteeEditor *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *survivor = desk_store_run_finish (DESK_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      call_free (call);
      return;
    }
  if (survivor == NULL)
    show_merge_error (self, error->message);
  else
    {
      _desk_arrestee_editor_clear_duplicates (self);
      if (g_strcmp0 (survivor, self->record_id) == 0)
        _desk_arrestee_editor_reload (self);
      else
        desk_arrestee_editor_set_record (self, survivor);
    }
  call_free (call);
}

static void
on_merge_response_cb (AdwMessageDialog   *dialog,
                      const char         *response,
                      DeskArresteeEditor *self)
{
  const char *other = g_object_get_data (G_OBJECT (dialog), "desk-other");
  Merge *merge;

  if (self->store == NULL || self->record_id == NULL ||
      (g_strcmp0 (response, "keep-this") != 0 && g_strcmp0 (response, "keep-other") != 0))
    return;

  /* Words typed here are queued first, so they are merged too. */
  _desk_arrestee_editor_commit_all (self);
  merge = g_new0 (Merge, 1);
  if (g_strcmp0 (response, "keep-this") == 0)
    {
      merge->survivor_id = g_strdup (self->record_id);
      merge->merged_id = g_strdup (other);
    }
  else
    {
      merge->survivor_id = g_strdup (other);
      merge->merged_id = g_strdup (self->record_id);
    }
  desk_store_run_async (self->store, merge_in_worker, merge, (GDestroyNotify) merge_free,
                        g_free, NULL, on_merged_cb, call_new (self));
}

static void
on_merge_cb (DeskArresteeEditor     *self,
             const char             *other_id,
             const char             *other_name,
             DeskArresteeDuplicates *duplicates)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *this_name = gtk_label_get_text (self->title_label);
  g_autofree char *body = NULL;
  g_autofree char *keep_other = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("“%s” (this record) and “%s” become one record. Which one is kept? "
                            "It takes the other’s calls, online reports and history, and any "
                            "details it lacks; the other then points to it."),
                          this_name, other_name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Merge Two Records?"), body);
  /* Translators: %s is the other arrestee's name */
  keep_other = g_strdup_printf (_("Keep “%s”"), other_name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep-other", keep_other,
                                    "keep-this", _("Keep _This Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep-this",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep-this");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "desk-other", g_strdup (other_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_cb (DeskArresteeEditor     *self,
            const char             *other_id,
            DeskArresteeDuplicates *duplicates)
{
  desk_arrestee_editor_set_record (self, other_id);
}

void
_desk_arrestee_editor_setup_duplicates (DeskArresteeEditor *self)
{
  self->duplicates = DESK_ARRESTEE_DUPLICATES (desk_arrestee_duplicates_new ());
  gtk_box_append (GTK_BOX (self->duplicates_slot), GTK_WIDGET (self->duplicates));
  g_signal_connect_object (self->duplicates, "open", G_CALLBACK (on_open_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->duplicates, "merge", G_CALLBACK (on_merge_cb), self, G_CONNECT_SWAPPED);
}
