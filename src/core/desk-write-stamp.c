#define G_LOG_DOMAIN "desk-write"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-write-private.h"

/* The write path's field stamps (field_meta): a pulled change keeps only
 * the fields it stamped later than this desk did, and each field a change
 * sets gets its stamp, a new one for a local change. */

/* The stamp this desk holds for a field, or NULL. */
static gboolean
read_stamp (DeskApply   *apply,
            const char  *field,
            char       **stamp,
            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = desk_store_prepare (apply->store,
                             "SELECT hlc FROM field_meta WHERE table_name = ? AND record_id = ? AND field = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->type->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  *stamp = sqlite3_step (stmt) == SQLITE_ROW
           ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);
  return TRUE;
}

/* For pulled changes: keep only fields whose stamp is newer than ours. */
gboolean
desk_write_keep_newer_remote (DeskApply  *apply,
                              GError    **error)
{
  DeskHlc *clock = desk_store_get_hlc (apply->store);

  for (guint i = apply->changed->len; i-- > 0;)
    {
      DeskFieldChange *fc = &g_array_index (apply->changed, DeskFieldChange, i);
      const char *stamp = NULL;
      g_autofree char *ours = NULL;
      DeskHlc remote;
      gboolean newer;

      desk_change_lookup (apply->change, fc->field, NULL, &stamp);
      if (!desk_hlc_parse (stamp, &remote))
        return desk_write_fail (error, DESK_STORE_ERROR_INVALID,
                                _("A pulled change to %s field “%s” has no valid clock stamp"),
                                apply->type->table, fc->field);
      desk_hlc_observe (clock, &remote, apply->now_ms);

      if (!read_stamp (apply, fc->field, &ours, error))
        return FALSE;
      newer = ours == NULL || strcmp (stamp, ours) > 0;
      fc->stamped = ours != NULL;

      if (newer)
        fc->hlc = g_strdup (stamp);
      else
        g_array_remove_index (apply->changed, i);  /* clears fc */
    }
  return TRUE;
}

static gboolean
step_stamp (DeskApply        *apply,
            DeskFieldChange  *fc,
            const char       *sql,
            GError          **error)
{
  sqlite3_stmt *stmt = desk_store_prepare (apply->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->type->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fc->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, fc->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, apply->author, -1, SQLITE_STATIC);
  return desk_write_step_done (apply, stmt, "field_meta", error);
}

/* An UPDATE or an INSERT, not INSERT OR REPLACE. Inside a transaction,
 * SQLite keeps a statement journal for a statement that may fail half
 * done (INSERT OR REPLACE; an UPDATE of a table with NOT NULL columns),
 * and SQLCipher encrypts every page it saves there: 7 times the cost of
 * the write itself. OR FAIL keeps none; every caller of the write path
 * rolls the whole change back on an error anyway. */
static gboolean
write_stamp (DeskApply        *apply,
             DeskFieldChange  *fc,
             GError          **error)
{
  if (fc->stamped)
    {
      if (!step_stamp (apply, fc,
                       "UPDATE OR FAIL field_meta SET hlc = ?4, author = ?5 "
                       "WHERE table_name = ?1 AND record_id = ?2 AND field = ?3",
                       error))
        return FALSE;
      if (sqlite3_changes (desk_store_get_db (apply->store)) > 0)
        return TRUE;
    }
  return step_stamp (apply, fc,
                     "INSERT INTO field_meta (table_name, record_id, field, hlc, author) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                     error);
}

gboolean
desk_write_field_meta (DeskApply  *apply,
                       GError    **error)
{
  DeskHlc *clock = desk_store_get_hlc (apply->store);
  gboolean local = desk_change_get_origin (apply->change) == DESK_ORIGIN_LOCAL;

  for (guint i = 0; i < apply->changed->len; i++)
    {
      DeskFieldChange *fc = &g_array_index (apply->changed, DeskFieldChange, i);

      if (local)
        {
          if (desk_change_get_op (apply->change) != DESK_CHANGE_CREATE &&
              !read_stamp (apply, fc->field, &fc->base, error))
            return FALSE;
          fc->stamped = fc->base != NULL;
          desk_hlc_tick (clock, apply->now_ms);
          fc->hlc = desk_hlc_to_string (clock);
        }

      if (!write_stamp (apply, fc, error))
        return FALSE;
    }
  return TRUE;
}
