#define G_LOG_DOMAIN "desk-sync-status"

#include "config.h"

#include "desk-outbox.h"
#include "desk-store-private.h"
#include "desk-sync-protocol.h"
#include "desk-sync-status.h"

#define LAST_SYNCED "sync_last_synced"

static gint64
count (DeskStore   *store,
       const char  *sql,
       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  stmt = desk_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    desk_store_set_sqlite_error (store, error, "count");
  sqlite3_reset (stmt);
  return n;
}

gboolean
desk_sync_read_counts (DeskStore       *store,
                       DeskSyncCounts  *counts,
                       GError         **error)
{
  g_autofree char *last = NULL;
  guint64 seconds = 0;
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  desk_store_lock (store);
  counts->waiting = count (store, "SELECT count(*) FROM outbox WHERE state != 'rejected'", error);
  counts->rejected = counts->waiting < 0 ? -1 :
    count (store, "SELECT count(*) FROM outbox WHERE state = 'rejected'", error);
  counts->conflicts = counts->rejected < 0 ? -1 :
    count (store, "SELECT count(*) FROM \"conflict\" WHERE deleted = 0 AND "
                  "(resolved IS NULL OR resolved != '1')", error);
  ok = counts->conflicts >= 0;
  if (ok)
    {
      counts->cursor = desk_sync_get_cursor (store);
      last = desk_store_get_setting (store, LAST_SYNCED);
      if (last == NULL || !g_ascii_string_to_unsigned (last, 10, 0, G_MAXINT64, &seconds, NULL))
        seconds = 0;
      counts->last_synced = (gint64) seconds;
    }
  desk_store_unlock (store);
  return ok;
}

gboolean
desk_sync_mark_synced (DeskStore  *store,
                       gint64      unix_seconds,
                       GError    **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, unix_seconds);

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  return desk_store_set_setting (store, LAST_SYNCED, text, error);
}

void
desk_rejected_change_free (DeskRejectedChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table);
  g_free (change->record_id);
  g_free (change->op);
  g_free (change->fields);
  g_free (change->reason);
  g_free (change->created_at);
  g_free (change);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The field names of an outbox payload, for "which change was this". */
static char *
payload_fields (gint64      mutation_id,
                const char *payload)
{
  g_autoptr(DeskMutation) mutation = desk_mutation_from_payload (mutation_id, payload, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (mutation == NULL)
    return g_strdup ("");
  for (guint i = 0; i < mutation->fields->len; i++)
    g_ptr_array_add (names, ((DeskMutationField *) g_ptr_array_index (mutation->fields, i))->field);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

GPtrArray *
desk_sync_query_rejected (DeskStore  *store,
                          GError    **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_rejected_change_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  desk_store_lock (store);
  stmt = desk_store_prepare (store,
                             "SELECT mutation_id, table_name, record_id, op, payload, reason, created_at "
                             "FROM outbox WHERE state = 'rejected' ORDER BY mutation_id DESC",
                             error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskRejectedChange *change = g_new0 (DeskRejectedChange, 1);

      change->mutation_id = sqlite3_column_int64 (stmt, 0);
      change->table = column_dup (stmt, 1);
      change->record_id = column_dup (stmt, 2);
      change->op = column_dup (stmt, 3);
      change->fields = payload_fields (change->mutation_id, (const char *) sqlite3_column_text (stmt, 4));
      change->reason = column_dup (stmt, 5);
      change->created_at = column_dup (stmt, 6);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "outbox");
  desk_store_unlock (store);
  return rc == SQLITE_DONE ? g_steal_pointer (&changes) : NULL;
}
