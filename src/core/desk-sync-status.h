#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* What the sync status in the app shows, read from the store: how many
 * changes wait for the server, which ones it refused and why, how many
 * conflicts are open. Read-only, like desk-query.h. */

typedef struct
{
  gint64 waiting;      /* local changes the server has not answered yet */
  gint64 rejected;     /* local changes the server refused */
  gint64 conflicts;    /* conflict records nobody has resolved yet */
  gint64 cursor;       /* the server version pulled up to (0: never) */
  gint64 last_synced;  /* unix seconds of the last complete sync, 0: never */
} DeskSyncCounts;

gboolean   desk_sync_read_counts      (DeskStore       *store,
                                       DeskSyncCounts  *counts,
                                       GError         **error);
/* Remembers now as the time of the last complete sync. */
gboolean   desk_sync_mark_synced      (DeskStore       *store,
                                       gint64           unix_seconds,
                                       GError         **error);

typedef struct
{
  gint64  mutation_id;
  char   *table;
  char   *record_id;
  char   *op;          /* create, update, delete */
  char   *fields;      /* the changed fields, comma separated */
  char   *reason;      /* the server's words */
  char   *created_at;  /* when the change was made here */
} DeskRejectedChange;

void       desk_rejected_change_free  (DeskRejectedChange *change);
/* The refused changes, newest first. Array of DeskRejectedChange. */
GPtrArray *desk_sync_query_rejected   (DeskStore       *store,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskRejectedChange, desk_rejected_change_free)

G_END_DECLS
