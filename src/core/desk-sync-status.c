#define G_LOG_DOMAIN "desk-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-hlc.h"
#include "desk-outbox.h"
#include "desk-query.h"
#include "desk-schema.h"
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

gpointer
desk_sync_read_counts_in_worker (DeskStore  *store,
                                 gpointer    data,
                                 GError    **error)
{
  DeskSyncCounts *counts = g_new0 (DeskSyncCounts, 1);

  if (!desk_sync_read_counts (store, counts, error))
    g_clear_pointer (&counts, g_free);
  return counts;
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

void
desk_open_conflict_free (DeskOpenConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->table);
  g_free (conflict->record_id);
  g_free (conflict->record_title);
  g_free (conflict->field);
  g_free (conflict->kept_value);
  g_free (conflict->kept_author);
  g_free (conflict->kept_at);
  g_free (conflict->other_value);
  g_free (conflict->other_author);
  g_free (conflict);
}

static const char *const conflict_columns[] = {
  "table_name", "record_id", "field", "kept_value", "other_value", "other_hlc", "other_author", "resolved", NULL
};
enum { C_TABLE, C_RECORD, C_FIELD, C_KEPT, C_OTHER, C_OTHER_HLC, C_OTHER_AUTHOR, C_RESOLVED };

/* The record's title and state, and who wrote the field's value it holds. */
static void
describe_record (DeskStore        *store,
                 DeskOpenConflict *conflict)
{
  const DeskRecordType *type = desk_schema_lookup (conflict->table);
  g_autoptr(GHashTable) record = NULL;
  g_autoptr(GPtrArray) history = NULL;

  if (type == NULL)
    return;
  record = desk_query_record (store, conflict->table, conflict->record_id, NULL);
  if (record != NULL)
    {
      conflict->record_title = g_strdup (g_hash_table_lookup (record, type->title_field));
      conflict->record_deleted = g_strcmp0 (g_hash_table_lookup (record, "deleted"), "1") == 0;
    }
  history = desk_query_history (store, conflict->table, conflict->record_id, NULL);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      DeskHistoryEntry *entry = g_ptr_array_index (history, i);

      /* A survivor's history holds its merged records' too: not this field's. */
      if (g_strcmp0 (entry->field, conflict->field) != 0 ||
          g_strcmp0 (entry->record_id, conflict->record_id) != 0)
        continue;
      g_free (conflict->kept_author);
      g_free (conflict->kept_at);
      conflict->kept_author = g_strdup (entry->author);
      conflict->kept_at = g_strdup (entry->at);
    }
}

GPtrArray *
desk_sync_query_open_conflicts (DeskStore  *store,
                                GError    **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_open_conflict_free);
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  rows = desk_query_rows (store, "conflict", NULL, conflict_columns, NULL, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      DeskRow *row = g_ptr_array_index (rows, i);
      DeskOpenConflict *conflict;
      DeskHlc hlc;

      if (g_strcmp0 (row->values[C_RESOLVED], "1") == 0 ||
          row->values[C_TABLE] == NULL || row->values[C_RECORD] == NULL || row->values[C_FIELD] == NULL)
        continue;
      conflict = g_new0 (DeskOpenConflict, 1);
      conflict->id = g_strdup (row->id);
      conflict->table = g_strdup (row->values[C_TABLE]);
      conflict->record_id = g_strdup (row->values[C_RECORD]);
      conflict->field = g_strdup (row->values[C_FIELD]);
      conflict->kept_value = g_strdup (row->values[C_KEPT]);
      conflict->other_value = g_strdup (row->values[C_OTHER]);
      conflict->other_author = g_strdup (row->values[C_OTHER_AUTHOR]);
      if (desk_hlc_parse (row->values[C_OTHER_HLC], &hlc))
        conflict->other_at_ms = hlc.wall_ms;
      describe_record (store, conflict);
      g_ptr_array_add (conflicts, conflict);
    }
  return g_steal_pointer (&conflicts);
}

gboolean
desk_sync_resolve_conflict (DeskStore   *store,
                            const char  *conflict_id,
                            gboolean     keep_other,
                            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  g_autoptr(GHashTable) conflict = NULL;
  DeskChange *change;
  const char *table;
  const char *field;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  /* Read again here: the choice is about the conflict as it is now. */
  conflict = desk_query_record (store, "conflict", conflict_id, error);
  if (conflict == NULL)
    return FALSE;
  table = g_hash_table_lookup (conflict, "table_name");
  field = g_hash_table_lookup (conflict, "field");

  if (keep_other)
    {
      if (table == NULL || field == NULL || desk_schema_lookup (table) == NULL)
        {
          g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                       _("conflict %s names no field this desk knows; keep the value every desk holds instead"),
                       conflict_id);
          return FALSE;
        }
      change = desk_change_new_update (table, g_hash_table_lookup (conflict, "record_id"));
      desk_change_set (change, field, g_hash_table_lookup (conflict, "other_value"));
      g_ptr_array_add (changes, change);
    }
  change = desk_change_new_update ("conflict", conflict_id);
  desk_change_set (change, "resolved", "1");
  g_ptr_array_add (changes, change);
  return desk_store_apply_all (store, changes, error);
}
