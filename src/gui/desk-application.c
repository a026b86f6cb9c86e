#define G_LOG_DOMAIN "desk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-application-private.h"
#include "desk-application-sync.h"
#include "desk-first-frame.h"
#include "desk-paths.h"
#include "desk-preferences-window.h"

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

DeskWindow *
desk_application_find_window (DeskApplication *self)
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
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DeskApplication *self = user_data;
  GtkWidget *preferences;

  preferences = desk_preferences_window_new (GTK_WINDOW (desk_application_find_window (self)));
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
  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (desk_application_find_window (self)));
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
};

static DeskWindow *
ensure_window (DeskApplication *self)
{
  DeskWindow *window = desk_application_find_window (self);

  if (window == NULL)
    window = desk_window_new (self, self->training);

  return window;
}

static void
start (DeskApplication *self)
{
  DeskWindow *window = desk_application_find_window (self);

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
  desk_application_open_store (self, NULL);
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
  if (desk_application_find_window (self) != NULL)
    {
      gtk_window_present (GTK_WINDOW (desk_application_find_window (self)));
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

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);

  self->settings = g_settings_new (BASE_APP_ID);
  self->sync = desk_sync_manager_new (self->settings);
  desk_application_store_init (self);
  desk_application_sync_init (self);
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
