#define G_LOG_DOMAIN "desk-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-import-dialog.h"
#include "desk-import.h"

/* On the window: the folder the last import came from (GFile). */
#define LAST_FOLDER_KEY "desk-import-last-folder"

struct _DeskImportDialog
{
  AdwMessageDialog  parent_instance;

  GtkProgressBar   *progress_bar;

  DeskWindow       *window;
  char             *file_name;
  GCancellable     *cancellable;
  gboolean          writing;
};

G_DEFINE_FINAL_TYPE (DeskImportDialog, desk_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* What the chooser needs to start the import once a file is picked. */
typedef struct
{
  DeskWindow *window;
  DeskStore  *store;
  char       *action_id;
} Choice;

static void
choice_free (Choice *choice)
{
  g_object_unref (choice->window);
  g_object_unref (choice->store);
  g_free (choice->action_id);
  g_free (choice);
}

static void
show_error (DeskWindow   *window,
            const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("Nothing Was Imported"),
                                                       error->message));
  /* For the window list (and the UI test); the dialog shows the heading. */
  gtk_window_set_title (GTK_WINDOW (dialog), _("Import Failed"));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
toast_text (const DeskImportResult *result)
{
  guint n_stations = g_strv_length (result->stations_created);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u arrestee", "Imported %u arrestees",
                                       result->n_arrestees),
                          result->n_arrestees);
  if (n_stations > 0)
    {
      g_autofree char *stations = NULL;
      char *both;

      stations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new station", "%u new stations",
                                               n_stations),
                                  n_stations);
      /* TRANSLATORS: "Imported 3 arrestees" and "2 new stations". */
      both = g_strdup_printf (_("%s and %s"), text, stations);
      g_free (text);
      text = both;
    }
  if (result->n_local_times > 0)
    {
      char *zoned;

      /* TRANSLATORS: the import so far, then the time zone, e.g. Europe/London. */
      zoned = g_strdup_printf (_("%s; times without a zone were read as %s time"), text, result->time_zone);
      g_free (text);
      text = zoned;
    }
  return g_steal_pointer (&text);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskImportDialog) self = user_data;
  g_autoptr(DeskImportResult) imported = NULL;
  g_autoptr(DeskWindow) window = g_object_ref (self->window);
  g_autoptr(GError) error = NULL;

  imported = desk_import_arrestees_finish (DESK_STORE (source), result, &error);
  gtk_window_destroy (GTK_WINDOW (self));

  if (imported != NULL)
    {
      g_autofree char *text = toast_text (imported);

      desk_window_add_toast (window, adw_toast_new (text));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "arrestees");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    desk_window_add_toast (window, adw_toast_new (_("Import cancelled; nothing was imported")));
  else
    show_error (window, error);
}

static void
on_import_progress_cb (const DeskImportProgress *progress,
                       gpointer                  user_data)
{
  DeskImportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (progress->writing)
    {
      /* Past this point the import cannot be undone by a cancel. */
      g_autofree char *body = NULL;

      self->writing = TRUE;
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "cancel", FALSE);
      body = g_strdup_printf (_("Every line of “%s” is good. Saving the arrestees; this can no longer be cancelled."),
                              self->file_name);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saving %u arrestee…", "Saving %u arrestees…",
                                           (guint) progress->records),
                              (guint) progress->records);
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
    }
  else
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrestee read", "%u arrestees read",
                                           (guint) progress->records),
                              (guint) progress->records);
      if (progress->bytes_total > 0)
        gtk_progress_bar_set_fraction (self->progress_bar,
                                       MIN (1.0, (double) progress->bytes_read / progress->bytes_total));
      else
        gtk_progress_bar_pulse (self->progress_bar);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_response_cb (DeskImportDialog *self,
                const char       *response)
{
  if (g_str_equal (response, "cancel") && !self->writing)
    g_cancellable_cancel (self->cancellable);
}

static void
start_import (Choice *choice,
              GFile  *file)
{
  DeskImportDialog *self;
  g_autofree char *body = NULL;

  self = g_object_new (DESK_TYPE_IMPORT_DIALOG, "transient-for", choice->window, NULL);
  self->window = g_object_ref (choice->window);
  self->file_name = g_file_get_basename (file);
  body = g_strdup_printf (_("Reading “%s”. Nothing is saved until every line has been checked."),
                          self->file_name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_window_present (GTK_WINDOW (self));

  /* The dialog lives (hidden if cancelled) until the import reports back. */
  desk_import_arrestees_async (choice->store, file, choice->action_id,
                               on_import_progress_cb, self, self->cancellable,
                               on_import_done_cb, g_object_ref (self));
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        Choice          *choice)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      /* The next import starts in the same folder: files of one action
       * tend to arrive together, and it spares the chooser's Recent view,
       * where a typed path may choose nothing. */
      g_object_set_data_full (G_OBJECT (choice->window), LAST_FOLDER_KEY,
                              g_file_get_parent (file), g_object_unref);
      start_import (choice, file);
    }
  else if (response == GTK_RESPONSE_ACCEPT)
    desk_window_add_toast (choice->window, adw_toast_new (_("No file was chosen: choose a CSV file to import")));
  g_object_unref (chooser);
}

static void
desk_import_dialog_dispose (GObject *object)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (object);

  g_clear_object (&self->window);
  G_OBJECT_CLASS (desk_import_dialog_parent_class)->dispose (object);
}

static void
desk_import_dialog_finalize (GObject *object)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->file_name);
  G_OBJECT_CLASS (desk_import_dialog_parent_class)->finalize (object);
}

static void
desk_import_dialog_class_init (DeskImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_import_dialog_dispose;
  object_class->finalize = desk_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
desk_import_dialog_init (DeskImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
desk_import_dialog_choose (DeskWindow *window,
                           DeskStore  *store,
                           const char *action_id)
{
  GtkFileChooserNative *chooser;
  GFile *last_folder;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  Choice *choice;

  g_return_if_fail (DESK_IS_WINDOW (window));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (store == NULL || action_id == NULL)
    {
      desk_window_add_toast (window, adw_toast_new (_("Make a mass action first: the arrestees are imported into it")));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Import Arrestees"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv);
  last_folder = g_object_get_data (G_OBJECT (window), LAST_FOLDER_KEY);
  if (last_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), last_folder, NULL);

  choice = g_new0 (Choice, 1);
  choice->window = g_object_ref (window);
  choice->store = g_object_ref (store);
  choice->action_id = g_strdup (action_id);
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_chooser_response_cb), choice,
                         (GClosureNotify) choice_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
