#define G_LOG_DOMAIN "desk-write"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-name-index.h"
#include "desk-write-private.h"

/* The write path's row: the record's own table written for a change (made,
 * updated, or left alone when nothing changes; a pulled change only where
 * its stamps are newer), and the name search index that follows it. */

/* Old values of the changed fields plus the tombstone flag, or FALSE/NOT_FOUND. */
static gboolean
load_old_values (DeskApply  *apply,
                 gboolean   *exists,
                 gboolean   *deleted,
                 GError    **error)
{
  g_autofree char *table = desk_sql_quote_identifier (apply->type->table);
  g_autoptr(GString) sql = g_string_new ("SELECT deleted");
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < apply->changed->len; i++)
    g_string_append_printf (sql, ", \"%s\"", g_array_index (apply->changed, DeskFieldChange, i).field);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", table);

  stmt = desk_store_prepare (apply->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;
  *deleted = FALSE;
  if (rc == SQLITE_ROW)
    {
      *deleted = sqlite3_column_int (stmt, 0) != 0;
      for (guint i = 0; i < apply->changed->len; i++)
        {
          const char *old = (const char *) sqlite3_column_text (stmt, i + 1);

          g_array_index (apply->changed, DeskFieldChange, i).old_value = g_strdup (old);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (apply->store, error, "read");
  return TRUE;
}

static gboolean
insert_row (DeskApply  *apply,
            GError    **error)
{
  g_autofree char *table = desk_sql_quote_identifier (apply->type->table);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_string_append_printf (sql, "INSERT INTO %s (id, action, created_at, created_by, "
                          "updated_at, updated_by, deleted", table);
  for (guint i = 0; i < apply->changed->len; i++)
    g_string_append_printf (sql, ", \"%s\"", g_array_index (apply->changed, DeskFieldChange, i).field);
  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?, ?, 0");
  for (guint i = 0; i < apply->changed->len; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  stmt = desk_store_prepare (apply->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, desk_change_get_action (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, apply->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, apply->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, apply->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, apply->author, -1, SQLITE_STATIC);
  for (guint i = 0; i < apply->changed->len; i++)
    sqlite3_bind_text (stmt, 7 + i, g_array_index (apply->changed, DeskFieldChange, i).new_value,
                       -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT)
    return desk_write_fail (error, DESK_STORE_ERROR_INVALID,
                            _("A %s record with this id already exists"), apply->type->table);
  if (rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (apply->store, error, "insert");
  return TRUE;
}

static gboolean
update_row (DeskApply  *apply,
            GError    **error)
{
  g_autofree char *table = desk_sql_quote_identifier (apply->type->table);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n = apply->changed->len;

  /* OR FAIL: no statement journal (see write_stamp in desk-write-stamp.c). */
  g_string_append_printf (sql, "UPDATE OR FAIL %s SET updated_at = ?, updated_by = ?", table);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, ", \"%s\" = ?", g_array_index (apply->changed, DeskFieldChange, i).field);
  g_string_append (sql, " WHERE id = ?");

  stmt = desk_store_prepare (apply->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, apply->author, -1, SQLITE_STATIC);
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, 3 + i, g_array_index (apply->changed, DeskFieldChange, i).new_value,
                       -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3 + n, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  return desk_write_step_done (apply, stmt, "update", error);
}

static gboolean
insert_bare_row (DeskApply  *apply,
                 GError    **error)
{
  g_autoptr(GArray) all = apply->changed;
  gboolean ok;

  apply->changed = g_array_new (FALSE, TRUE, sizeof (DeskFieldChange));
  ok = insert_row (apply, error);
  g_array_unref (apply->changed);
  apply->changed = g_steal_pointer (&all);
  return ok;
}

/* Drop fields whose value does not change: they make no history or mutation. */
static void
drop_unchanged (DeskApply *apply)
{
  for (guint i = apply->changed->len; i-- > 0;)
    {
      DeskFieldChange *fc = &g_array_index (apply->changed, DeskFieldChange, i);

      if (g_strcmp0 (fc->old_value, fc->new_value) == 0)
        g_array_remove_index (apply->changed, i);  /* clears fc */
    }
}

/* The name search index follows an arrestee's names and tombstone in the
 * same transaction, whichever way the change came (typed, merged, pulled). */
gboolean
desk_write_update_name_index (DeskApply  *apply,
                              GError    **error)
{
  if (strcmp (apply->type->table, "arrestee") != 0)
    return TRUE;
  for (guint i = 0; i < apply->changed->len; i++)
    if (desk_name_index_tracks_field (g_array_index (apply->changed, DeskFieldChange, i).field))
      return desk_name_index_update (apply->store, desk_change_get_id (apply->change), error);
  return TRUE;
}

gboolean
desk_write_row (DeskApply  *apply,
                GError    **error)
{
  DeskChangeOp op = desk_change_get_op (apply->change);
  gboolean remote = desk_change_get_origin (apply->change) == DESK_ORIGIN_REMOTE;
  gboolean exists = FALSE;
  gboolean deleted = FALSE;

  if (op == DESK_CHANGE_CREATE && !remote)
    return insert_row (apply, error);

  if (remote)
    {
      guint n_fields = apply->changed->len;

      /* Stamps first: a desk pulling back its own changes holds every
       * stamp already, and a field stamped here has its row here. */
      if (!desk_write_keep_newer_remote (apply, error))
        return FALSE;
      if (n_fields > 0 && apply->changed->len == 0)
        return TRUE;
      if (!load_old_values (apply, &exists, &deleted, error))
        return FALSE;
      /* A record first seen by pull: made with the fields that are newer
       * (a tombstone's "deleted" is no field: a bare row, then the flag). */
      if (!exists && op != DESK_CHANGE_DELETE)
        return insert_row (apply, error);
      if (!exists && !insert_bare_row (apply, error))
        return FALSE;
      return apply->changed->len == 0 || update_row (apply, error);
    }

  if (!load_old_values (apply, &exists, &deleted, error))
    return FALSE;

  if (!exists)
    return desk_write_fail (error, DESK_STORE_ERROR_NOT_FOUND,
                            _("There is no %s record with id “%s”"),
                            apply->type->table, desk_change_get_id (apply->change));
  if (deleted && op == DESK_CHANGE_UPDATE)
    return desk_write_fail (error, DESK_STORE_ERROR_INVALID,
                            _("This %s record was deleted and cannot be edited"), apply->type->table);

  drop_unchanged (apply);
  return apply->changed->len == 0 || update_row (apply, error);
}
