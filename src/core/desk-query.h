#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Read-only queries. The GUI and CLI never write SQL; they call these. */

typedef struct
{
  char  *id;
  char **values;   /* one per requested column, NULL where empty: not a strv */
  guint  n_values;
} DeskRow;

void        desk_row_free      (DeskRow *row);

/* Live (not deleted) records of @table in @action_id (NULL: every action),
 * with @columns, ordered by @order_by (a column of @table, "-column" for
 * newest/largest first, or NULL for creation order). Array of DeskRow. */
GPtrArray  *desk_query_rows    (DeskStore          *store,
                                const char         *table,
                                const char         *action_id,
                                const char *const  *columns,
                                const char         *order_by,
                                GError            **error);
/* Calls @func for each record of @table (every action; tombstones too when
 * @include_deleted) with @columns, in rowid order, one row at a time so a
 * whole table is never held in memory. @func returns FALSE to stop. The
 * store is locked meanwhile: keep @func short and never write from it. */
typedef gboolean (*DeskRowFunc) (const DeskRow *row,
                                 gpointer       user_data);

gboolean    desk_query_foreach (DeskStore          *store,
                                const char         *table,
                                gboolean            include_deleted,
                                const char *const  *columns,
                                DeskRowFunc         func,
                                gpointer            user_data,
                                GError            **error);
/* One record: field name → value (common columns included), or NULL with
 * DESK_STORE_ERROR_NOT_FOUND. */
GHashTable *desk_query_record  (DeskStore   *store,
                                const char  *table,
                                const char  *id,
                                GError     **error);
gint64      desk_query_count   (DeskStore   *store,
                                const char  *table,
                                const char  *action_id,
                                GError     **error);

typedef struct
{
  gint64  seq;
  char   *table;
  char   *record_id;
  char   *field;
  char   *old_value;
  char   *new_value;
  char   *author;
  char   *at;
  char   *hlc;
} DeskHistoryEntry;

void        desk_history_entry_free (DeskHistoryEntry *entry);
/* History of one record, oldest first, with the history of every record
 * merged into it (merged_into, chains followed): each entry's record_id
 * says whose it is. Array of DeskHistoryEntry. */
GPtrArray  *desk_query_history (DeskStore   *store,
                                const char  *table,
                                const char  *record_id,
                                GError     **error);

/* Ids of the live records of @table whose reference @field holds @id
 * (the calls of an arrestee), in rowid order. Array of char *. */
GPtrArray  *desk_query_ids_linking (DeskStore   *store,
                                    const char  *table,
                                    const char  *field,
                                    const char  *id,
                                    GError     **error);

typedef struct
{
  gint64  mutation_id;
  char   *table;
  char   *record_id;
  char   *op;
  char   *payload; /* JSON */
  char   *state;   /* pending, sent, rejected */
} DeskOutboxEntry;

void        desk_outbox_entry_free (DeskOutboxEntry *entry);
/* Every outbox entry in @state (NULL: any), oldest first. Array of
 * DeskOutboxEntry. */
GPtrArray  *desk_query_outbox  (DeskStore   *store,
                                const char  *state,
                                GError     **error);
/* At most @limit of them (0: no limit) with a mutation id above
 * @after_id, oldest first: a desk offline for hours may hold many. */
GPtrArray  *desk_query_outbox_page (DeskStore   *store,
                                    const char  *state,
                                    gint64       after_id,
                                    guint        limit,
                                    GError     **error);
/* Counts of a table's rows, field_meta, history, outbox (for tests and stats). */
gint64      desk_query_table_size (DeskStore  *store,
                                   const char *table,
                                   GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskRow, desk_row_free)

G_END_DECLS
