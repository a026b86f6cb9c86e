#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-editor-private.h"

/* The window closing while words typed into records are not stored (a
 * time that cannot be read, a save that failed): the BOV is asked first,
 * since closing loses them; Go Back shows a record that holds them. */

static void
add_fields (GHashTable *keys,
            const char *record_id,
            GHashTable *fields)
{
  GHashTableIter iter;
  const char *field;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &field, NULL))
    g_hash_table_add (keys, g_strconcat (record_id, "/", field, NULL));
}

/* The keys of @keys, the record shown's first. */
static GPtrArray *
sort_shown_first (DeskArresteeEditor *self,
                  GHashTable         *keys)
{
  g_autofree char *prefix = g_strconcat (self->record_id != NULL ? self->record_id : "", "/", NULL);
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      if (self->record_id != NULL && g_str_has_prefix (key, prefix))
        g_ptr_array_insert (sorted, 0, g_strdup (key));
      else
        g_ptr_array_add (sorted, g_strdup (key));
    }
  return sorted;
}

/* Fields of any record holding words not stored, each counted once, as
 * "RECORD-ID/FIELD"; the record shown first. */
static GPtrArray *
list_unstored (DeskArresteeEditor *self)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *tables[] = { self->drafts, self->unsaved };
  GHashTableIter iter;
  const char *record_id;
  GHashTable *fields;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &record_id, (gpointer *) &fields))
        add_fields (keys, record_id, fields);
    }

  /* The record shown keeps its failed words in its rows. */
  for (guint i = 0; self->record_id != NULL && i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      if (row->error != NULL)
        g_hash_table_add (keys, g_strconcat (self->record_id, "/", row->spec->field, NULL));
    }

  return sort_shown_first (self, keys);
}

static gboolean
close_window_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Go Back: the page shows the record holding the first unsaved words and,
 * once its rows are filled, the keyboard goes to them. */
static void
show_first_unstored (DeskArresteeEditor *self)
{
  g_autoptr(GPtrArray) unstored = list_unstored (self);
  g_autofree char *record_id = NULL;
  DeskFieldRow *row = NULL;
  char *field;

  if (unstored->len == 0)
    return;
  record_id = g_strdup (g_ptr_array_index (unstored, 0));
  field = strchr (record_id, '/');
  *field++ = '\0';

  g_signal_emit_by_name (self, "show-unsaved", record_id);
  if (g_strcmp0 (record_id, self->record_id) == 0 && !self->loading)
    row = _desk_arrestee_editor_find_row (self, field);
  if (row != NULL)
    gtk_widget_grab_focus (row->row);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  DeskArresteeEditor *self = user_data;
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "back") == 0)
    {
      show_first_unstored (self);
      return;
    }
  if (g_strcmp0 (response, "close") != 0 || window == NULL)
    return;

  self->close_confirmed = TRUE;
  /* Once the dialog is gone: it may not outlive the window it is for. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_cb, g_object_ref (window), g_object_unref);
}

gboolean
_desk_arrestee_editor_guard_close (DeskArresteeEditor *self,
                                   GtkWindow          *window)
{
  g_autoptr(GPtrArray) unstored = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_fields;

  if (self->close_confirmed)
    return FALSE;
  unstored = list_unstored (self);
  n_fields = unstored->len;
  if (n_fields == 0)
    return FALSE;

  body = g_strdup_printf (ngettext ("One field of the arrestees’ records holds words that are not saved, "
                                    "such as a time that cannot be read. Its row is marked in red; "
                                    "Go Back shows it. "
                                    "Closing now loses them.",
                                    "%u fields of the arrestees’ records hold words that are not saved, "
                                    "such as times that cannot be read. Their rows are marked in red; "
                                    "Go Back shows the first. "
                                    "Closing now loses them.",
                                    n_fields),
                          n_fields);
  dialog = adw_message_dialog_new (window, _("Words Not Saved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "back", _("_Go Back"),
                                    "close", _("_Close and Lose Them"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
