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
/* The same as a DeskStoreFunc for desk_store_run_async(): a new
 * DeskSyncCounts (free with g_free). */
gpointer   desk_sync_read_counts_in_worker (DeskStore  *store,
                                            gpointer    data,
                                            GError    **error);
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

G_BEGIN_DECLS

/* A conflict record nobody has resolved yet, with what a person needs to
 * choose: both values, who wrote each and when. */
typedef struct
{
  char    *id;
  char    *table;
  char    *record_id;
  char    *record_title;   /* the record's title field, or NULL */
  gboolean record_deleted;
  char    *field;
  char    *kept_value;     /* what every desk holds now (NULL: empty or deleted) */
  char    *kept_author;
  char    *kept_at;        /* ISO 8601 UTC, or NULL */
  char    *other_value;    /* the value that lost */
  char    *other_author;
  gint64   other_at_ms;    /* from its clock stamp, 0 if unknown */
} DeskOpenConflict;

void       desk_open_conflict_free          (DeskOpenConflict *conflict);
/* Oldest first. Array of DeskOpenConflict. */
GPtrArray *desk_sync_query_open_conflicts   (DeskStore        *store,
                                             GError          **error);
/* A person chose: @keep_other writes the other value back into the record;
 * either way the conflict is marked resolved. One transaction through the
 * write path, so the choice syncs to every desk. */
gboolean   desk_sync_resolve_conflict       (DeskStore        *store,
                                             const char       *conflict_id,
                                             gboolean          keep_other,
                                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskOpenConflict, desk_open_conflict_free)

G_END_DECLS
