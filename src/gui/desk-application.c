#define G_LOG_DOMAIN "desk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-application.h"
#include "desk-application-sync.h"
#include "desk-custody-alerts.h"
#include "desk-demo.h"
#include "desk-first-frame.h"
#include "desk-key.h"
#include "desk-paths.h"
#include "desk-preferences-window.h"
#include "desk-query.h"
#include "desk-sync-manager.h"
#include "desk-unlock-dialog.h"
#include "desk-window.h"

/* Training databases start with this many practice arrestees. */
#define TRAINING_ARRESTEES 200

/* How to open the store this time. */
typedef struct
{
  char    *path;
  char    *key_file;  /* --key-file, or NULL */
  DeskKey *key;       /* a passphrase typed in, or NULL */
} OpenRequest;

struct _DeskApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  DeskStore      *store;
  DeskSyncManager *sync;
  DeskCustodyAlerts *custody_alerts;
  GCancellable   *cancellable;

  char           *database_path;
  char           *key_file;
  gboolean        training;
  gboolean        opening;

  /* Why the last open failed, for app.unlock. */
  DeskUnlockReason unlock_reason;
};

static void present_unlock_dialog (DeskApplication  *self,
                                   DeskUnlockReason  reason);

G_DEFINE_FINAL_TYPE (DeskApplication, desk_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "training", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the separate training records, filled with practice data"), NULL },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the records in FILE instead of the usual place"), N_("FILE") },
  { "key-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the database key from FILE instead of the keyring (needs --database)"), N_("FILE") },
  { "volunteer", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign changes with NAME (saved, as in Preferences)"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static void
open_request_free (OpenRequest *request)
{
  g_free (request->path);
  g_free (request->key_file);
  g_clear_pointer (&request->key, desk_key_free);
  g_free (request);
}

static DeskWindow *
get_window (DeskApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (DESK_IS_WINDOW (window))
    return DESK_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DESK_IS_WINDOW (l->data))
      return DESK_WINDOW (l->data);

  return NULL;
}

static void
set_unlock_enabled (DeskApplication *self,
                    gboolean         enabled)
{
  GAction *unlock = g_action_map_lookup_action (G_ACTION_MAP (self), "unlock");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (unlock), enabled);
}

/* The records stay encrypted; @can_unlock offers app.unlock to ask again. */
static void
show_locked (DeskWindow *window,
             gboolean    can_unlock)
{
  desk_window_show_problem (window,
                            "dialog-password-symbolic",
                            _("Records Locked"),
                            _("The records stay encrypted until they are unlocked."),
                            can_unlock);
}

/* The volunteer's name signs local changes. An empty setting (a first run
 * still asking) leaves the name the store already keeps. */
static void
apply_author (DeskApplication *self)
{
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;

  name = g_settings_get_string (self->settings, "volunteer-name");
  if (name[0] == '\0')
    return;

  desk_store_set_author (self->store, name);
}

/* Runs in a worker thread: opening may wait on the keyring and on SQLCipher. */
static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OpenRequest *request = task_data;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (request->key != NULL)
    store = desk_store_open (request->path, request->key, &error);
  else if (request->key_file != NULL)
    {
      g_autoptr(DeskKey) key = desk_key_new_from_file (request->key_file, &error);

      if (key != NULL)
        store = desk_store_open (request->path, key, &error);
    }
  else
    store = desk_store_open_with_keyring (request->path, cancellable, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

/* Runs on the database thread: a training desk starts with practice data. */
static gpointer
fill_training_func (DeskStore *store,
                    gpointer   data,
                    GError   **error)
{
  DeskDemoOptions options = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *action_id = NULL;
  gint64 n_actions;

  n_actions = desk_query_count (store, "action", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (n_actions > 0)
    return g_strdup ("");

  options.n_arrestees = TRAINING_ARRESTEES;
  options.seed = g_random_int ();
  action_id = desk_demo_generate (store, &options, error);

  return g_steal_pointer (&action_id);
}

static void
show_store (DeskApplication *self)
{
  DeskWindow *window = get_window (self);

  apply_author (self);

  if (window != NULL)
    desk_window_set_store (window, self->store);

  if (self->custody_alerts == NULL)
    self->custody_alerts = desk_custody_alerts_new (G_APPLICATION (self), self->training);
  desk_custody_alerts_set_store (self->custody_alerts, self->store);

  /* Practice records never leave the desk. */
  if (!self->training)
    desk_sync_manager_set_store (self->sync, self->store, GTK_WINDOW (window));
}

static void
on_window_painted_cb (DeskApplication *self,
                      GParamSpec      *pspec,
                      DeskWindow      *window)
{
  g_signal_handlers_disconnect_by_func (window, on_window_painted_cb, self);
  show_store (self);
}

/* The store often opens before the window's first frame. Shown then, it
 * builds a record page and starts the lists, the alerts and the sync, and
 * the first frame waits for all of them: "Opening Records…" is painted
 * first, and the records a moment later. */
static void
show_store_when_painted (DeskApplication *self)
{
  DeskWindow *window = get_window (self);

  if (window != NULL && !desk_window_get_painted (window))
    {
      g_signal_handlers_disconnect_by_func (window, on_window_painted_cb, self);
      g_signal_connect_object (window, "notify::painted",
                               G_CALLBACK (on_window_painted_cb), self,
                               G_CONNECT_SWAPPED);
      return;
    }

  show_store (self);
}

static void
on_training_filled_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DeskApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *action_id = NULL;
  DeskWindow *window;

  action_id = desk_store_run_finish (DESK_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      /* Practice data is a help, not a condition: show what there is. */
      g_warning ("Could not make the training data: %s", error->message);
      window = get_window (self);
      if (window != NULL)
        desk_window_add_toast (window, adw_toast_new (_("Could not make the practice data")));
    }

  show_store_when_painted (self);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DeskApplication) self = user_data;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  OpenRequest *request = g_task_get_task_data (G_TASK (result));
  DeskWindow *window;
  gboolean used_passphrase = request->key != NULL;
  gboolean database_exists = g_file_test (request->path, G_FILE_TEST_EXISTS);

  store = g_task_propagate_pointer (G_TASK (result), &error);
  self->opening = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  window = get_window (self);

  if (store != NULL)
    {
      g_set_object (&self->store, store);
      set_unlock_enabled (self, FALSE);

      if (self->training)
        {
          desk_store_run_async (store, fill_training_func, NULL, NULL, g_free,
                                self->cancellable, on_training_filled_cb,
                                g_object_ref (self));
          return;
        }

      show_store_when_painted (self);
      return;
    }

  g_debug ("Could not open the records: %s", error->message);

  if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_KEY_NOT_FOUND))
    present_unlock_dialog (self, DESK_UNLOCK_REASON_KEY_NOT_FOUND);
  else if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NO_KEYRING))
    present_unlock_dialog (self, database_exists ? DESK_UNLOCK_REASON_NO_KEYRING
                                                 : DESK_UNLOCK_REASON_NEW_PASSPHRASE);
  else if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_WRONG_KEY) && used_passphrase)
    present_unlock_dialog (self, DESK_UNLOCK_REASON_WRONG_PASSPHRASE);
  else if (window != NULL)
    {
      const char *title = _("Cannot Open the Records");
      g_autofree char *description = NULL;

      if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_WRONG_KEY))
        description = g_strdup (_("The key does not open these records. They are left untouched."));
      else if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_TOO_NEW))
        description = g_strdup (_("These records were made by a newer version of ArrestDesk. Update ArrestDesk to open them."));
      else if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_ENCRYPTED))
        description = g_strdup (_("Encryption is not available, so ArrestDesk refuses to write anything. Reinstall ArrestDesk with SQLCipher."));
      else
        description = g_strdup (error->message);

      desk_window_show_problem (window, "dialog-error-symbolic", title, description, FALSE);
    }
}

static void
open_store (DeskApplication *self,
            DeskKey         *passphrase)
{
  g_autoptr(GTask) task = NULL;
  OpenRequest *request;
  DeskWindow *window;

  if (self->opening)
    {
      g_clear_pointer (&passphrase, desk_key_free);
      return;
    }

  window = get_window (self);
  if (window != NULL)
    desk_window_show_busy (window, self->training ? _("Preparing Training Records…")
                                                  : _("Opening Records…"));

  request = g_new0 (OpenRequest, 1);
  request->path = g_strdup (self->database_path);
  request->key_file = g_strdup (self->key_file);
  request->key = passphrase;

  self->opening = TRUE;

  task = g_task_new (self, self->cancellable, on_store_opened_cb, g_object_ref (self));
  g_task_set_source_tag (task, open_store);
  g_task_set_task_data (task, request, (GDestroyNotify) open_request_free);
  g_task_run_in_thread (task, open_store_thread);
}

static void
on_unlock_dialog_response_cb (DeskApplication  *self,
                              const char       *response,
                              DeskUnlockDialog *dialog)
{
  DeskWindow *window = get_window (self);

  if (g_strcmp0 (response, "unlock") == 0)
    {
      char *passphrase = desk_unlock_dialog_dup_passphrase (dialog);

      open_store (self, desk_key_new_passphrase (passphrase));
      desk_secure_free (passphrase);
    }
  else if (g_strcmp0 (response, "retry") == 0)
    open_store (self, NULL);
  else if (window != NULL)
    {
      set_unlock_enabled (self, TRUE);
      show_locked (window, TRUE);
    }
}

static void
present_unlock_dialog (DeskApplication *self,
                       DeskUnlockReason reason)
{
  DeskWindow *window = get_window (self);
  GtkWidget *dialog;

  /* "Unlock…" later asks the first question again, keyring retry included. */
  if (reason != DESK_UNLOCK_REASON_WRONG_PASSPHRASE)
    self->unlock_reason = reason;

  if (window != NULL)
    show_locked (window, FALSE);

  dialog = desk_unlock_dialog_new (GTK_WINDOW (window), reason);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_unlock_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_volunteer_name_changed_cb (DeskApplication *self,
                              const char      *key,
                              GSettings       *settings)
{
  apply_author (self);
}

static void
unlock_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  DeskApplication *self = user_data;

  g_simple_action_set_enabled (action, FALSE);
  present_unlock_dialog (self, self->unlock_reason);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DeskApplication *self = user_data;
  GtkWidget *preferences;

  preferences = desk_preferences_window_new (GTK_WINDOW (get_window (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  DeskApplication *self = user_data;
  static const char *developers[] = { "ArrestDesk contributors", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (get_window (self)));
  adw_about_window_set_application_name (about, _("ArrestDesk"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("ArrestDesk contributors"));
  adw_about_window_set_comments (about,
                                 _("Arrest support for the Back Office of a mass action: calls, arrestees in custody, "
                                   "legal observers, police stations and the support rota, kept encrypted and working offline."));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: Replace "translator-credits" with your name/year */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DeskApplication *self = user_data;
  GList *windows;

  /* Close the windows so each one saves its size. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_entries[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
  { "unlock", unlock_action },
};

static DeskWindow *
ensure_window (DeskApplication *self)
{
  DeskWindow *window = get_window (self);

  if (window == NULL)
    window = desk_window_new (self, self->training);

  return window;
}

static void
start (DeskApplication *self)
{
  DeskWindow *window = get_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (self->database_path == NULL)
    self->database_path = desk_paths_default_database (self->training);

  window = ensure_window (self);
  desk_first_frame_watch (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  open_store (self, NULL);
}

static int
desk_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("arrestdesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static int
desk_application_command_line (GApplication            *application,
                               GApplicationCommandLine *command_line)
{
  DeskApplication *self = DESK_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *database = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *volunteer = NULL;
  gboolean training = FALSE;

  g_variant_dict_lookup (options, "training", "b", &training);
  g_variant_dict_lookup (options, "database", "^ay", &database);
  g_variant_dict_lookup (options, "key-file", "^ay", &key_file);
  g_variant_dict_lookup (options, "volunteer", "s", &volunteer);

  if (key_file != NULL && database == NULL)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("--key-file needs --database: a key file never opens the usual records"));
      return 1;
    }

  /* A second start shows the window already open, on the records it has. */
  if (get_window (self) != NULL)
    {
      gtk_window_present (GTK_WINDOW (get_window (self)));
      return 0;
    }

  if (database != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, database);

      self->database_path = g_file_get_path (file);
    }

  if (key_file != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, key_file);

      self->key_file = g_file_get_path (file);
    }

  if (volunteer != NULL)
    {
      g_strstrip (volunteer);
      if (volunteer[0] != '\0')
        g_settings_set_string (self->settings, "volunteer-name", volunteer);
    }

  self->training = training;

  start (self);

  return 0;
}

static void
desk_application_activate (GApplication *application)
{
  start (DESK_APPLICATION (application));
}

static void
desk_application_startup (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *preferences_accels[] = { "<Primary>comma", NULL };
  static const char *shortcuts_accels[] = { "<Primary>question", NULL };

  G_APPLICATION_CLASS (desk_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  set_unlock_enabled (self, FALSE);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);

  self->settings = g_settings_new (BASE_APP_ID);
  self->sync = desk_sync_manager_new (self->settings);
  desk_application_sync_init (self);
  g_signal_connect_object (self->settings, "changed::volunteer-name",
                           G_CALLBACK (on_volunteer_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
desk_application_shutdown (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);

  if (self->sync != NULL)
    desk_sync_manager_stop (self->sync);
  if (self->custody_alerts != NULL)
    desk_custody_alerts_set_store (self->custody_alerts, NULL);
  if (self->store != NULL)
    desk_store_close (self->store);

  G_APPLICATION_CLASS (desk_application_parent_class)->shutdown (application);
}

static void
desk_application_dispose (GObject *object)
{
  DeskApplication *self = DESK_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->sync);
  g_clear_object (&self->custody_alerts);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (desk_application_parent_class)->dispose (object);
}

static void
desk_application_finalize (GObject *object)
{
  DeskApplication *self = DESK_APPLICATION (object);

  g_free (self->database_path);
  g_free (self->key_file);

  G_OBJECT_CLASS (desk_application_parent_class)->finalize (object);
}

static void
desk_application_class_init (DeskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = desk_application_dispose;
  object_class->finalize = desk_application_finalize;

  app_class->startup = desk_application_startup;
  app_class->shutdown = desk_application_shutdown;
  app_class->activate = desk_application_activate;
  app_class->command_line = desk_application_command_line;
  app_class->handle_local_options = desk_application_handle_local_options;
}

static void
desk_application_init (DeskApplication *self)
{
  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The desk of an arrest support Back Office."));
}

DeskApplication *
desk_application_new (void)
{
  return g_object_new (DESK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

DeskStore *
desk_application_get_store (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  return self->store;
}

DeskSyncManager *
desk_application_get_sync_manager (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  return self->sync;
}
