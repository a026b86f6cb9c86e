#pragma once

#include <gio/gio.h>

#include "desk-sync-client.h"

G_BEGIN_DECLS

/* Drives a DeskSyncClient in a running app (DESIGN.md "Sync", "Live"):
 * pushes soon after local changes, pulls on a WebSocket poke, every minute
 * and when the network comes back, backs off with jitter while the server
 * cannot be reached, and never runs two syncs at once. Its state is a set
 * of properties the UI binds to. Use it from the main context it was made in. */

typedef enum
{
  DESK_SYNC_STATE_OFFLINE,     /* the server cannot be reached (or not tried yet) */
  DESK_SYNC_STATE_SYNCING,     /* a push + pull is on its way */
  DESK_SYNC_STATE_ONLINE,      /* the last sync went through */
  DESK_SYNC_STATE_FAILING,     /* the server answered, but the sync failed */
  DESK_SYNC_STATE_SIGNED_OUT,  /* the session ended: log in again */
} DeskSyncState;

GType desk_sync_state_get_type (void) G_GNUC_CONST;
#define DESK_TYPE_SYNC_STATE (desk_sync_state_get_type ())

#define DESK_TYPE_SYNC_SCHEDULER (desk_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (DeskSyncScheduler, desk_sync_scheduler, DESK, SYNC_SCHEDULER, GObject)

/* Timings, in ms (the defaults of DESIGN.md; tests shorten them). */
#define DESK_SYNC_PUSH_DELAY_MS     1000
#define DESK_SYNC_PULL_INTERVAL_MS  60000
#define DESK_SYNC_MIN_BACKOFF_MS    2000
#define DESK_SYNC_MAX_BACKOFF_MS    (5 * 60 * 1000)

DeskSyncScheduler *desk_sync_scheduler_new        (DeskSyncClient    *client);

DeskSyncClient    *desk_sync_scheduler_get_client (DeskSyncScheduler *self);
/* Starts syncing at once; stop() cancels what is under way (call it on
 * shutdown, before the store closes). */
void               desk_sync_scheduler_start      (DeskSyncScheduler *self);
void               desk_sync_scheduler_stop       (DeskSyncScheduler *self);
/* "Sync now": a sync at once (after the one under way), back-off forgotten. */
void               desk_sync_scheduler_sync_now   (DeskSyncScheduler *self);

DeskSyncState      desk_sync_scheduler_get_state  (DeskSyncScheduler *self);
guint              desk_sync_scheduler_get_waiting   (DeskSyncScheduler *self);
guint              desk_sync_scheduler_get_rejected  (DeskSyncScheduler *self);
guint              desk_sync_scheduler_get_conflicts (DeskSyncScheduler *self);
/* Unix seconds of the last complete sync, 0 for never. */
gint64             desk_sync_scheduler_get_last_synced (DeskSyncScheduler *self);
/* 0…1 while the first full pull runs, -1 otherwise. */
double             desk_sync_scheduler_get_first_pull_progress (DeskSyncScheduler *self);
/* Why the last sync failed (no personal data: addresses and codes), or NULL. */
const char        *desk_sync_scheduler_get_last_error (DeskSyncScheduler *self);
/* The wait before the next attempt while backing off, 0 otherwise. */
guint              desk_sync_scheduler_get_retry_delay (DeskSyncScheduler *self);
/* Is the WebSocket that brings pokes open? */
gboolean           desk_sync_scheduler_get_live   (DeskSyncScheduler *self);

G_END_DECLS
