#define G_LOG_DOMAIN "desk-query"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-text-collation.h"
#include "desk-query.h"
#include "desk-schema.h"
#include "desk-store-private.h"

void
desk_row_free (DeskRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  for (guint i = 0; i < row->n_values; i++)
    g_free (row->values[i]);
  g_free (row->values);
  g_free (row);
}

void
desk_history_entry_free (DeskHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->table);
  g_free (entry->record_id);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->author);
  g_free (entry->at);
  g_free (entry->hlc);
  g_free (entry);
}

void
desk_outbox_entry_free (DeskOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->table);
  g_free (entry->record_id);
  g_free (entry->op);
  g_free (entry->payload);
  g_free (entry->state);
  g_free (entry);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* Only names the schema knows reach SQL text. */
static gboolean
check_column (const DeskRecordType  *type,
              const char            *column,
              GError               **error)
{
  if (desk_schema_is_common_column (column) || desk_schema_find_field (type, column) != NULL)
    return TRUE;
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
               _("A %s record has no field “%s”"), type->table, column);
  return FALSE;
}

static const DeskRecordType *
lookup_type (const char  *table,
             GError     **error)
{
  const DeskRecordType *type = desk_schema_lookup (table);

  if (type == NULL)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                 _("There is no record type “%s”"), table);
  return type;
}

GPtrArray *
desk_query_rows (DeskStore          *store,
                 const char         *table,
                 const char         *action_id,
                 const char *const  *columns,
                 const char         *order_by,
                 GError            **error)
{
  const DeskRecordType *type;
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *quoted = NULL;
  guint n_columns = columns ? g_strv_length ((char **) columns) : 0;
  gboolean descending = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if ((type = lookup_type (table, error)) == NULL)
    return NULL;
  for (guint i = 0; i < n_columns; i++)
    {
      if (!check_column (type, columns[i], error))
        return NULL;
      g_string_append_printf (sql, ", \"%s\"", columns[i]);
    }
  if (order_by != NULL && *order_by == '-')
    {
      descending = TRUE;
      order_by++;
    }
  if (order_by != NULL && !check_column (type, order_by, error))
    return NULL;

  quoted = desk_sql_quote_identifier (table);
  g_string_append_printf (sql, " FROM %s WHERE deleted = 0", quoted);
  if (action_id != NULL)
    g_string_append (sql, " AND action = ?1");
  if (order_by != NULL)
    g_string_append_printf (sql, " ORDER BY \"%s\" COLLATE " DESK_TEXT_COLLATION " %s, rowid %s", order_by,
                            descending ? "DESC" : "ASC", descending ? "DESC" : "ASC");
  else
    g_string_append (sql, " ORDER BY rowid");

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_row_free);
  desk_store_lock (store);
  stmt = desk_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  if (action_id != NULL)
    sqlite3_bind_text (stmt, 1, action_id, -1, SQLITE_TRANSIENT);
  desk_store_watch_read (store, TRUE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskRow *row = g_new0 (DeskRow, 1);

      row->id = column_dup (stmt, 0);
      row->values = g_new0 (char *, n_columns + 1);
      row->n_values = n_columns;
      for (guint i = 0; i < n_columns; i++)
        row->values[i] = column_dup (stmt, i + 1);
      g_ptr_array_add (rows, row);
    }
  desk_store_watch_read (store, FALSE);
  sqlite3_reset (stmt);
  if (rc == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Query stopped early");
  else if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "query");
  desk_store_unlock (store);

  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

gboolean
desk_query_foreach (DeskStore          *store,
                    const char         *table,
                    gboolean            include_deleted,
                    const char *const  *columns,
                    DeskRowFunc         func,
                    gpointer            user_data,
                    GError            **error)
{
  const DeskRecordType *type;
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autofree char *quoted = NULL;
  guint n_columns = columns ? g_strv_length ((char **) columns) : 0;
  g_autofree char **values = g_new0 (char *, n_columns + 1);
  DeskRow row = { NULL, values, n_columns };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if ((type = lookup_type (table, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    {
      if (!check_column (type, columns[i], error))
        return FALSE;
      g_string_append_printf (sql, ", \"%s\"", columns[i]);
    }
  quoted = desk_sql_quote_identifier (table);
  g_string_append_printf (sql, " FROM %s%s ORDER BY rowid", quoted,
                          include_deleted ? "" : " WHERE deleted = 0");

  desk_store_lock (store);
  /* Not cached: an outer statement may still be stepping when @func queries. */
  if (sqlite3_prepare_v2 (desk_store_get_db (store), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      desk_store_set_sqlite_error (store, error, "query");
      desk_store_unlock (store);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Borrowed from SQLite: valid until the next step. */
      row.id = (char *) sqlite3_column_text (stmt, 0);
      for (guint i = 0; i < n_columns; i++)
        values[i] = (char *) sqlite3_column_text (stmt, i + 1);
      if (!func (&row, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "query");
  sqlite3_finalize (stmt);
  desk_store_unlock (store);
  return rc == SQLITE_DONE;
}

GHashTable *
desk_query_record (DeskStore   *store,
                   const char  *table,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GHashTable) record = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (lookup_type (table, error) == NULL)
    return NULL;

  quoted = desk_sql_quote_identifier (table);
  sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", quoted);
  record = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  desk_store_lock (store);
  stmt = desk_store_prepare (store, sql, error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_hash_table_insert (record, g_strdup (sqlite3_column_name (stmt, i)), column_dup (stmt, i));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "query");
  desk_store_unlock (store);

  if (rc == SQLITE_DONE)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                 _("There is no %s record with id “%s”"), table, id);
  return rc == SQLITE_ROW ? g_steal_pointer (&record) : NULL;
}

static gint64
count_with (DeskStore   *store,
            const char  *sql,
            const char  *bind,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  desk_store_lock (store);
  stmt = desk_store_prepare (store, sql, error);
  if (stmt != NULL)
    {
      if (bind != NULL)
        sqlite3_bind_text (stmt, 1, bind, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        desk_store_set_sqlite_error (store, error, "count");
      sqlite3_reset (stmt);
    }
  desk_store_unlock (store);
  return count;
}

gint64
desk_query_count (DeskStore   *store,
                  const char  *table,
                  const char  *action_id,
                  GError     **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), -1);

  if (lookup_type (table, error) == NULL)
    return -1;
  quoted = desk_sql_quote_identifier (table);
  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0%s", quoted,
                         action_id ? " AND action = ?" : "");
  return count_with (store, sql, action_id, error);
}

gint64
desk_query_table_size (DeskStore   *store,
                       const char  *table,
                       GError     **error)
{
  static const char *const bookkeeping[] = { "field_meta", "history", "outbox", "meta", NULL };
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), -1);

  if (!g_strv_contains (bookkeeping, table) && lookup_type (table, error) == NULL)
    return -1;
  quoted = desk_sql_quote_identifier (table);
  sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
  return count_with (store, sql, NULL, error);
}

/* Records merged into another keep their own history; the survivor's
 * reads it back through merged_into (UNION stops a cycle). */
static const char *
history_sql (const char *table)
{
  if (g_strcmp0 (table, "arrestee") == 0)
    return "WITH RECURSIVE merged (id) AS ("
           "  SELECT ?2 UNION SELECT a.id FROM arrestee a JOIN merged m ON a.merged_into = m.id) "
           "SELECT seq, table_name, record_id, field, old_value, new_value, author, at, hlc "
           "FROM history WHERE table_name = ?1 AND record_id IN merged ORDER BY seq";
  return "SELECT seq, table_name, record_id, field, old_value, new_value, author, at, hlc "
         "FROM history WHERE table_name = ?1 AND record_id = ?2 ORDER BY seq";
}

GPtrArray *
desk_query_ids_linking (DeskStore   *store,
                        const char  *table,
                        const char  *field,
                        const char  *id,
                        GError     **error)
{
  const DeskRecordType *type;
  const DeskField *link;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((type = lookup_type (table, error)) == NULL)
    return NULL;
  link = desk_schema_find_field (type, field);
  if (link == NULL || link->kind != DESK_FIELD_REFERENCE)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("A %s record has no link “%s”"), table, field);
      return NULL;
    }

  quoted = desk_sql_quote_identifier (table);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE \"%s\" = ? AND deleted = 0 ORDER BY rowid",
                         quoted, link->name);
  desk_store_lock (store);
  stmt = desk_store_prepare (store, sql, error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "links");
  desk_store_unlock (store);
  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

GPtrArray *
desk_query_history (DeskStore   *store,
                    const char  *table,
                    const char  *record_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_history_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  desk_store_lock (store);
  stmt = desk_store_prepare (store, history_sql (table), error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskHistoryEntry *e = g_new0 (DeskHistoryEntry, 1);

      e->seq = sqlite3_column_int64 (stmt, 0);
      e->table = column_dup (stmt, 1);
      e->record_id = column_dup (stmt, 2);
      e->field = column_dup (stmt, 3);
      e->old_value = column_dup (stmt, 4);
      e->new_value = column_dup (stmt, 5);
      e->author = column_dup (stmt, 6);
      e->at = column_dup (stmt, 7);
      e->hlc = column_dup (stmt, 8);
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "history");
  desk_store_unlock (store);
  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}

GPtrArray *
desk_query_outbox (DeskStore   *store,
                   const char  *state,
                   GError     **error)
{
  return desk_query_outbox_page (store, state, 0, 0, error);
}

GPtrArray *
desk_query_outbox_page (DeskStore   *store,
                        const char  *state,
                        gint64       after_id,
                        guint        limit,
                        GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_outbox_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  desk_store_lock (store);
  /* LIMIT -1 is no limit; the primary key keeps the order and the start cheap. */
  stmt = desk_store_prepare (store,
                             "SELECT mutation_id, table_name, record_id, op, payload, state FROM outbox "
                             "WHERE (?1 IS NULL OR state = ?1) AND mutation_id > ?2 "
                             "ORDER BY mutation_id LIMIT ?3",
                             error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, after_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskOutboxEntry *e = g_new0 (DeskOutboxEntry, 1);

      e->mutation_id = sqlite3_column_int64 (stmt, 0);
      e->table = column_dup (stmt, 1);
      e->record_id = column_dup (stmt, 2);
      e->op = column_dup (stmt, 3);
      e->payload = column_dup (stmt, 4);
      e->state = column_dup (stmt, 5);
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "outbox");
  desk_store_unlock (store);
  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}
