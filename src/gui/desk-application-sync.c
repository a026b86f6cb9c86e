#define G_LOG_DOMAIN "desk-application-sync"

#include "config.h"

#include "desk-application-sync.h"
#include "desk-sync-issues-window.h"
#include "desk-sync-manager.h"
#include "desk-window.h"

/* The app.sync-* actions and the role shown by the window, over the
 * application's DeskSyncManager. */

static GtkWindow *
active_window (DeskApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
sync_now_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  desk_sync_manager_sync_now (desk_application_get_sync_manager (user_data));
}

static void
sync_server_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  desk_sync_manager_present_setup (desk_application_get_sync_manager (user_data), active_window (user_data));
}

static void
sync_log_in_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  desk_sync_manager_log_in_again (desk_application_get_sync_manager (user_data), active_window (user_data));
}

static void
sync_issues_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DeskSyncManager *manager = desk_application_get_sync_manager (user_data);
  DeskSyncScheduler *scheduler = desk_sync_manager_get_scheduler (manager);
  DeskStore *store = desk_sync_manager_get_store (manager);
  gboolean show_refused;
  DeskRole role;
  GtkWidget *window;

  if (store == NULL)
    return;
  show_refused = scheduler != NULL && desk_sync_scheduler_get_conflicts (scheduler) == 0 &&
                 desk_sync_scheduler_get_rejected (scheduler) > 0;
  window = desk_sync_issues_window_new (active_window (user_data), store,
                                        desk_sync_manager_get_role (manager, &role) ? &role : NULL,
                                        show_refused);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_account_changed_cb (DeskApplication *self)
{
  DeskSyncManager *manager = desk_application_get_sync_manager (self);
  DeskRole role;
  gboolean known = desk_sync_manager_get_role (manager, &role);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DESK_IS_WINDOW (l->data))
      desk_window_set_role (l->data, known ? &role : NULL);
}

/* Nothing to set up or resolve without records that sync (training). */
static void
on_store_changed_cb (DeskApplication *self)
{
  gboolean syncing = desk_sync_manager_get_store (desk_application_get_sync_manager (self)) != NULL;
  static const char *const names[] = { "sync-now", "sync-server", "sync-log-in", "sync-issues" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), names[i])),
                                 syncing);
}

static const GActionEntry sync_entries[] = {
  { "sync-now", sync_now_action },
  { "sync-server", sync_server_action },
  { "sync-log-in", sync_log_in_action },
  { "sync-issues", sync_issues_action },
};

void
desk_application_sync_init (DeskApplication *self)
{
  static const char *sync_now_accels[] = { "<Primary>r", NULL };
  static const char *sync_issues_accels[] = { "<Primary><Shift>r", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), sync_entries, G_N_ELEMENTS (sync_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync-now", sync_now_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync-issues", sync_issues_accels);
  g_signal_connect_object (desk_application_get_sync_manager (self), "notify::account",
                           G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (desk_application_get_sync_manager (self), "notify::store",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  on_store_changed_cb (self);
}
