#define G_LOG_DOMAIN "desk-sync-manager"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-connect-dialog.h"
#include "desk-key.h"
#include "desk-query.h"
#include "desk-sync-manager.h"
#include "desk-sync-token.h"
#include "desk-window.h"

#define MODE_KEY    "sync-mode"
#define MODE_SERVER "server"
#define MODE_LOCAL  "local"

struct _DeskSyncManager
{
  GObject            parent_instance;

  GSettings         *settings;
  DeskStore         *store;
  GtkWindow         *parent;       /* weak */
  GCancellable      *cancellable;  /* of this store's work */
  DeskSyncAccount   *account;
  DeskSyncScheduler *scheduler;
  GtkWidget         *dialog;       /* weak: the connect dialog shown */
  gulong             name_handler; /* waiting for the volunteer's name */
  gulong             first_sync_handler;
};

G_DEFINE_FINAL_TYPE (DeskSyncManager, desk_sync_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SCHEDULER,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void present_dialog (DeskSyncManager *self,
                            gboolean         log_in_again);

/* The window's "new action?" waits while this desk is asked how it syncs,
 * and after connecting until the first sync has brought the actions. */
static void
hold_questions (DeskSyncManager *self,
                gboolean         hold)
{
  if (DESK_IS_WINDOW (self->parent))
    desk_window_set_sync_question (DESK_WINDOW (self->parent), hold);
}

static void
on_first_sync_over_cb (DeskSyncManager   *self,
                       GParamSpec        *pspec,
                       DeskSyncScheduler *scheduler)
{
  if (desk_sync_scheduler_get_state (scheduler) == DESK_SYNC_STATE_SYNCING)
    return;
  g_clear_signal_handler (&self->first_sync_handler, scheduler);
  hold_questions (self, FALSE);
}

static void
set_scheduler (DeskSyncManager   *self,
               DeskSyncScheduler *scheduler)
{
  if (self->scheduler == scheduler)
    return;
  if (self->scheduler != NULL)
    {
      g_clear_signal_handler (&self->first_sync_handler, self->scheduler);
      desk_sync_scheduler_stop (self->scheduler);
    }
  g_set_object (&self->scheduler, scheduler);
  if (scheduler != NULL)
    desk_sync_scheduler_start (scheduler);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULER]);
}

static void
set_account (DeskSyncManager *self,
             DeskSyncAccount *account)
{
  g_clear_pointer (&self->account, desk_sync_account_free);
  self->account = account;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

static gboolean
is_local (DeskSyncManager *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, MODE_KEY);

  return g_str_equal (mode, MODE_LOCAL);
}

/* The window's questions wait for the first sync, which may bring the actions. */
static void
run_scheduler (DeskSyncManager   *self,
               DeskSyncScheduler *scheduler)
{
  hold_questions (self, TRUE);
  set_scheduler (self, scheduler);
  self->first_sync_handler = g_signal_connect_object (scheduler, "notify::state",
                                                      G_CALLBACK (on_first_sync_over_cb), self,
                                                      G_CONNECT_SWAPPED);
}

static void
run_with_token (DeskSyncManager *self,
                const char      *token)
{
  g_autoptr(DeskSyncClient) client = NULL;
  g_autoptr(DeskSyncScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;

  client = desk_sync_client_new (self->store, self->account->server_url, self->account->ca_file,
                                 self->account->pinned_pem, &error);
  if (client == NULL)
    {
      g_warning ("Cannot sync with the saved server: %s", error->message);
      hold_questions (self, FALSE);
      return;
    }
  /* Without a token the scheduler says "signed out" and offers to log in. */
  desk_sync_client_set_token (client, token);
  scheduler = desk_sync_scheduler_new (client);
  run_scheduler (self, scheduler);
}

static void
on_token_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskSyncManager) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = desk_sync_token_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      desk_secure_free (token);
      return;
    }
  /* "This computer only" was chosen meanwhile. */
  if (self->account == NULL)
    {
      desk_secure_free (token);
      hold_questions (self, FALSE);
      return;
    }
  if (error != NULL)
    g_warning ("Cannot read the sync session from the keyring: %s", error->message);
  run_with_token (self, token);
  desk_secure_free (token);
}

static void
on_volunteer_named_cb (DeskSyncManager *self,
                       const char      *key,
                       GSettings       *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "volunteer-name");

  if (name[0] == '\0')
    return;
  g_clear_signal_handler (&self->name_handler, settings);
  if (self->store != NULL && self->account == NULL && !is_local (self))
    present_dialog (self, FALSE);
}

/* One question at a time: the volunteer's name (asked by the window) first. */
static void
ask_first_run (DeskSyncManager *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "volunteer-name");

  if (name[0] != '\0')
    {
      present_dialog (self, FALSE);
      return;
    }
  if (self->name_handler == 0)
    self->name_handler = g_signal_connect_object (self->settings, "changed::volunteer-name",
                                                  G_CALLBACK (on_volunteer_named_cb), self,
                                                  G_CONNECT_SWAPPED);
}

/* NULL is "no account", not a failure: the account comes in a box. */
typedef struct
{
  DeskSyncAccount *account;
  gboolean         has_records;
} AccountBox;

static void
account_box_free (AccountBox *box)
{
  desk_sync_account_free (box->account);
  g_free (box);
}

static gpointer
load_account_in_worker (DeskStore  *store,
                        gpointer    data,
                        GError    **error)
{
  AccountBox *box = g_new0 (AccountBox, 1);

  box->account = desk_sync_account_load (store);
  box->has_records = desk_query_count (store, "action", NULL, NULL) > 0;
  return box;
}

static void
on_account_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeskSyncManager) self = user_data;
  g_autoptr(GError) error = NULL;
  AccountBox *box;

  box = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (box == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the sync settings: %s", error->message);
      return;
    }

  set_account (self, g_steal_pointer (&box->account));
  /* A first run is a new desk: one that already holds records from before
   * it synced keeps working on its own until someone connects it (main
   * menu, Back Office Server…). */
  if (self->account == NULL && !box->has_records && !is_local (self))
    {
      account_box_free (box);
      ask_first_run (self);
      return;
    }
  account_box_free (box);
  if (is_local (self) || self->account == NULL)
    {
      if (self->first_sync_handler == 0)
        hold_questions (self, FALSE);
      return;
    }
  /* Logged in just now: the scheduler already runs with the new session. */
  if (self->scheduler != NULL && desk_sync_client_get_signed_in (desk_sync_scheduler_get_client (self->scheduler)))
    return;
  desk_sync_token_lookup_async (self->account->server_url, desk_store_get_path (self->store),
                                self->cancellable, on_token_found_cb, g_object_ref (self));
}

static void
load_account (DeskSyncManager *self)
{
  desk_store_run_async (self->store, load_account_in_worker, NULL, NULL,
                        (GDestroyNotify) account_box_free, self->cancellable,
                        on_account_loaded_cb, g_object_ref (self));
}

static void
on_connected_cb (DeskSyncManager   *self,
                 DeskSyncClient    *client,
                 DeskConnectDialog *dialog)
{
  g_autoptr(DeskSyncScheduler) scheduler = NULL;

  g_settings_set_string (self->settings, MODE_KEY, MODE_SERVER);
  set_scheduler (self, NULL);
  scheduler = desk_sync_scheduler_new (client);
  run_scheduler (self, scheduler);
  /* The account as saved, role included. */
  load_account (self);
}

static void
forget_session (DeskSyncManager *self)
{
  DeskSyncClient *client;

  if (self->scheduler == NULL)
    return;
  client = desk_sync_scheduler_get_client (self->scheduler);
  /* The server ends the session; this desk forgets it whatever the server says. */
  desk_sync_client_logout_async (client, NULL, NULL, NULL);
  desk_sync_token_clear_async (desk_sync_client_get_server_url (client), desk_store_get_path (self->store),
                               NULL, NULL, NULL);
  set_scheduler (self, NULL);
}

static void
on_local_chosen_cb (DeskSyncManager   *self,
                    DeskConnectDialog *dialog)
{
  g_settings_set_string (self->settings, MODE_KEY, MODE_LOCAL);
  forget_session (self);
  hold_questions (self, FALSE);
  /* The account stays in the store (and the desk's cursor with it); only
   * the role stops applying. */
  set_account (self, NULL);
}

/* Closed without a choice: asked again on the next start; meanwhile the
 * window may ask its own questions. */
static void
on_dialog_destroyed_cb (DeskSyncManager *self)
{
  if (self->scheduler == NULL && self->first_sync_handler == 0)
    hold_questions (self, FALSE);
}

static void
present_dialog (DeskSyncManager *self,
                gboolean         log_in_again)
{
  if (self->store == NULL)
    return;
  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  self->dialog = desk_connect_dialog_new (self->parent, self->store, self->account,
                                          log_in_again && self->account != NULL);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  g_signal_connect_object (self->dialog, "connected", G_CALLBACK (on_connected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "local-chosen", G_CALLBACK (on_local_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "destroy", G_CALLBACK (on_dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
desk_sync_manager_dispose (GObject *object)
{
  DeskSyncManager *self = DESK_SYNC_MANAGER (object);

  desk_sync_manager_stop (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_sync_manager_parent_class)->dispose (object);
}

static void
desk_sync_manager_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DeskSyncManager *self = DESK_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;
    case PROP_ACCOUNT:
      g_value_set_pointer (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sync_manager_class_init (DeskSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_sync_manager_dispose;
  object_class->get_property = desk_sync_manager_get_property;

  /* The store being synced (never the training records), or NULL. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, DESK_TYPE_SYNC_SCHEDULER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified when the account (and so the role) changes. */
  properties[PROP_ACCOUNT] =
    g_param_spec_pointer ("account", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_sync_manager_init (DeskSyncManager *self)
{
}

DeskSyncManager *
desk_sync_manager_new (GSettings *settings)
{
  DeskSyncManager *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DESK_TYPE_SYNC_MANAGER, NULL);
  self->settings = g_object_ref (settings);
  return self;
}

void
desk_sync_manager_set_store (DeskSyncManager *self,
                             DeskStore       *store,
                             GtkWindow       *parent)
{
  g_return_if_fail (DESK_IS_SYNC_MANAGER (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  desk_sync_manager_stop (self);
  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->parent, parent);
  hold_questions (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  self->cancellable = g_cancellable_new ();
  load_account (self);
}

void
desk_sync_manager_stop (DeskSyncManager *self)
{
  g_return_if_fail (DESK_IS_SYNC_MANAGER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->name_handler != 0)
    g_clear_signal_handler (&self->name_handler, self->settings);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  set_scheduler (self, NULL);
  if (self->account != NULL)
    set_account (self, NULL);
  if (self->store != NULL)
    {
      g_clear_object (&self->store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  g_clear_weak_pointer (&self->parent);
}

DeskStore *
desk_sync_manager_get_store (DeskSyncManager *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_MANAGER (self), NULL);
  return self->store;
}

DeskSyncScheduler *
desk_sync_manager_get_scheduler (DeskSyncManager *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_MANAGER (self), NULL);
  return self->scheduler;
}

const DeskSyncAccount *
desk_sync_manager_get_account (DeskSyncManager *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_MANAGER (self), NULL);
  return self->account;
}

gboolean
desk_sync_manager_get_role (DeskSyncManager *self,
                            DeskRole        *role)
{
  g_return_val_if_fail (DESK_IS_SYNC_MANAGER (self), FALSE);

  if (self->account == NULL || !self->account->has_role)
    return FALSE;
  *role = self->account->role;
  return TRUE;
}

void
desk_sync_manager_present_setup (DeskSyncManager *self,
                                 GtkWindow       *parent)
{
  g_return_if_fail (DESK_IS_SYNC_MANAGER (self));

  if (parent != NULL)
    g_set_weak_pointer (&self->parent, parent);
  present_dialog (self, FALSE);
}

void
desk_sync_manager_log_in_again (DeskSyncManager *self,
                                GtkWindow       *parent)
{
  g_return_if_fail (DESK_IS_SYNC_MANAGER (self));

  if (parent != NULL)
    g_set_weak_pointer (&self->parent, parent);
  present_dialog (self, TRUE);
}

void
desk_sync_manager_sync_now (DeskSyncManager *self)
{
  g_return_if_fail (DESK_IS_SYNC_MANAGER (self));

  if (self->scheduler != NULL)
    desk_sync_scheduler_sync_now (self->scheduler);
}
