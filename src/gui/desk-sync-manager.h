#pragma once

#include <gtk/gtk.h>

#include "desk-roles.h"
#include "desk-store.h"
#include "desk-sync-account.h"
#include "desk-sync-scheduler.h"

G_BEGIN_DECLS

/* Sync in the app: for the open store, loads the account and its token
 * and runs a DeskSyncScheduler; on a first run (no account, no choice
 * saved) asks how the desk works; logs in again when the session ended.
 * The choice ("sync-mode") is kept in GSettings, the account in the
 * encrypted store, the token in the keyring. */

#define DESK_TYPE_SYNC_MANAGER (desk_sync_manager_get_type ())
G_DECLARE_FINAL_TYPE (DeskSyncManager, desk_sync_manager, DESK, SYNC_MANAGER, GObject)

DeskSyncManager       *desk_sync_manager_new           (GSettings       *settings);

/* Starts (or, with NULL, stops) syncing @store; @parent hosts the questions. */
void                   desk_sync_manager_set_store     (DeskSyncManager *self,
                                                        DeskStore       *store,
                                                        GtkWindow       *parent);
/* Before the store closes: cancels everything under way. */
void                   desk_sync_manager_stop          (DeskSyncManager *self);

DeskStore             *desk_sync_manager_get_store     (DeskSyncManager *self);
/* NULL while no server is set up (or the desk works on its own). */
DeskSyncScheduler     *desk_sync_manager_get_scheduler (DeskSyncManager *self);
const DeskSyncAccount *desk_sync_manager_get_account   (DeskSyncManager *self);
/* The role the server gave this desk's account: FALSE while none is known
 * (a desk on its own shows everything). */
gboolean               desk_sync_manager_get_role      (DeskSyncManager *self,
                                                        DeskRole        *role);

/* The server choice again (main menu). */
void                   desk_sync_manager_present_setup (DeskSyncManager *self,
                                                        GtkWindow       *parent);
void                   desk_sync_manager_log_in_again  (DeskSyncManager *self,
                                                        GtkWindow       *parent);
void                   desk_sync_manager_sync_now      (DeskSyncManager *self);

G_END_DECLS
