#define G_LOG_DOMAIN "desk-application-store"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-application-private.h"
#include "desk-demo.h"
#include "desk-query.h"

/* Opening the records: in a worker thread, with the keyring's key, a key
 * file or a typed passphrase; the unlock dialog when none of them opens
 * them; practice data for a training desk; the records shown once the
 * window has painted. */

/* Training databases start with this many practice arrestees. */
#define TRAINING_ARRESTEES 200

/* How to open the store this time. */
typedef struct
{
  char    *path;
  char    *key_file;  /* --key-file, or NULL */
  DeskKey *key;       /* a passphrase typed in, or NULL */
} OpenRequest;

static void present_unlock_dialog (DeskApplication  *self,
                                   DeskUnlockReason  reason);

static void
open_request_free (OpenRequest *request)
{
  g_free (request->path);
  g_free (request->key_file);
  g_clear_pointer (&request->key, desk_key_free);
  g_free (request);
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
  DeskWindow *window = desk_application_find_window (self);

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
  DeskWindow *window = desk_application_find_window (self);

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
      window = desk_application_find_window (self);
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

  window = desk_application_find_window (self);

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

void
desk_application_open_store (DeskApplication *self,
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

  window = desk_application_find_window (self);
  if (window != NULL)
    desk_window_show_busy (window, self->training ? _("Preparing Training Records…")
                                                  : _("Opening Records…"));

  request = g_new0 (OpenRequest, 1);
  request->path = g_strdup (self->database_path);
  request->key_file = g_strdup (self->key_file);
  request->key = passphrase;

  self->opening = TRUE;

  task = g_task_new (self, self->cancellable, on_store_opened_cb, g_object_ref (self));
  g_task_set_source_tag (task, desk_application_open_store);
  g_task_set_task_data (task, request, (GDestroyNotify) open_request_free);
  g_task_run_in_thread (task, open_store_thread);
}

static void
on_unlock_dialog_response_cb (DeskApplication  *self,
                              const char       *response,
                              DeskUnlockDialog *dialog)
{
  DeskWindow *window = desk_application_find_window (self);

  if (g_strcmp0 (response, "unlock") == 0)
    {
      char *passphrase = desk_unlock_dialog_dup_passphrase (dialog);

      desk_application_open_store (self, desk_key_new_passphrase (passphrase));
      desk_secure_free (passphrase);
    }
  else if (g_strcmp0 (response, "retry") == 0)
    desk_application_open_store (self, NULL);
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
  DeskWindow *window = desk_application_find_window (self);
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

static const GActionEntry store_entries[] = {
  { "unlock", unlock_action },
};

/* app.unlock, enabled while the records stay locked; the volunteer's name
 * followed into the store. */
void
desk_application_store_init (DeskApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), store_entries,
                                   G_N_ELEMENTS (store_entries), self);
  set_unlock_enabled (self, FALSE);

  g_signal_connect_object (self->settings, "changed::volunteer-name",
                           G_CALLBACK (on_volunteer_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
