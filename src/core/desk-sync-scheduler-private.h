#pragma once

#include <libsoup/soup.h>

#include "desk-store.h"
#include "desk-sync-scheduler.h"

G_BEGIN_DECLS

/* For the files of the DeskSyncScheduler class: desk-sync-scheduler.c is
 * the GObject and its public API, desk-sync-scheduler-state.c sets what the
 * properties show, desk-sync-scheduler-cycle.c runs syncs and plans the
 * next, desk-sync-scheduler-live.c keeps the WebSocket that brings pokes. */

struct _DeskSyncScheduler
{
  GObject                  parent_instance;

  DeskSyncClient          *client;
  DeskStore               *store;
  GNetworkMonitor         *monitor;
  GCancellable            *cancellable;   /* of everything under way; new on each start */
  SoupWebsocketConnection *live;

  /* What the properties show. */
  DeskSyncState            state;
  guint                    waiting;
  guint                    rejected;
  guint                    conflicts;
  gint64                   last_synced;
  double                   progress;
  char                    *last_error;
  guint                    retry_delay;

  guint                    push_delay_ms;
  guint                    pull_interval_ms;
  guint                    min_backoff_ms;
  guint                    max_backoff_ms;

  guint                    push_id;
  guint                    pull_id;
  guint                    retry_id;
  guint                    progress_id;

  gint64                   cursor;        /* as last read from the store */
  gint64                   head;          /* the server's version when the first pull began */
  gint64                   known_version; /* the server's version after our last sync */
  gint64                   burst_started; /* monotonic µs of the first unpushed change, 0: none */
  guint                    failures;      /* syncs failed in a row */
  gboolean                 started;
  gboolean                 running;       /* a sync cycle is under way */
  gboolean                 again;         /* … and another was asked for meanwhile */
  gboolean                 counting;
  gboolean                 count_again;
  gboolean                 connecting;    /* the live socket */
  gboolean                 network_available;
};

/* For desk_sync_scheduler_notify() and desk_sync_scheduler_set_uint(). */
enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STATE,
  PROP_WAITING,
  PROP_REJECTED,
  PROP_CONFLICTS,
  PROP_LAST_SYNCED,
  PROP_FIRST_PULL_PROGRESS,
  PROP_LAST_ERROR,
  PROP_RETRY_DELAY,
  PROP_LIVE,
  PROP_PUSH_DELAY,
  PROP_PULL_INTERVAL,
  PROP_MIN_BACKOFF,
  PROP_MAX_BACKOFF,
  N_PROPS
};

/* desk-sync-scheduler.c */
void     desk_sync_scheduler_notify              (DeskSyncScheduler       *self,
                                                  guint                    prop);
void     desk_sync_scheduler_emit_synced         (DeskSyncScheduler       *self,
                                                  DeskSyncReport          *report);

/* desk-sync-scheduler-state.c: setters that notify only on a real change. */
void     desk_sync_scheduler_set_state           (DeskSyncScheduler       *self,
                                                  DeskSyncState            state);
void     desk_sync_scheduler_set_uint            (DeskSyncScheduler       *self,
                                                  guint                   *field,
                                                  guint                    value,
                                                  guint                    prop);
void     desk_sync_scheduler_set_progress        (DeskSyncScheduler       *self,
                                                  double                   progress);
void     desk_sync_scheduler_set_last_error      (DeskSyncScheduler       *self,
                                                  const char              *message);
void     desk_sync_scheduler_set_last_synced     (DeskSyncScheduler       *self,
                                                  gint64                   seconds);
/* Reads the counts from the store, once more after a read under way. */
void     desk_sync_scheduler_refresh_counts      (DeskSyncScheduler       *self);

/* desk-sync-scheduler-cycle.c */
/* A sync at once, or after the one under way. */
void     desk_sync_scheduler_run_cycle           (DeskSyncScheduler       *self);
void     desk_sync_scheduler_maybe_schedule_push (DeskSyncScheduler       *self);
/* A GSourceFunc: the wait before a retry is over. */
gboolean desk_sync_scheduler_on_retry_timeout_cb (gpointer                 data);

/* desk-sync-scheduler-live.c */
/* Takes @conn as the live socket (NULL: none), closing the one before. */
void     desk_sync_scheduler_set_live            (DeskSyncScheduler       *self,
                                                  SoupWebsocketConnection *conn);
/* Opens the live socket unless it is open or opening. */
void     desk_sync_scheduler_ensure_live         (DeskSyncScheduler       *self);

G_END_DECLS
