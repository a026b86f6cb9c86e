#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-private.h"

/* Small settings kept inside the encrypted database, in the meta table. */

char *
desk_store_get_setting (DeskStore  *self,
                        const char *name)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  desk_store_lock (self);
  stmt = desk_store_prepare (self, "SELECT value FROM meta WHERE name = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  desk_store_unlock (self);
  return value;
}

gboolean
desk_store_set_setting (DeskStore   *self,
                        const char  *name,
                        const char  *value,
                        GError     **error)
{
  /* An UPDATE, then an INSERT for a new name: INSERT OR REPLACE would
   * keep a statement journal, which SQLCipher encrypts page by page, and
   * the write path saves the clock in every transaction. */
  static const char *const sql[] = {
    "UPDATE OR FAIL meta SET value = ?2 WHERE name = ?1",
    "INSERT INTO meta (name, value) VALUES (?1, ?2)",
  };
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  desk_store_lock (self);
  for (guint i = 0; i < G_N_ELEMENTS (sql) && !ok; i++)
    {
      stmt = desk_store_prepare (self, sql[i], error);
      if (stmt == NULL)
        break;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          desk_store_set_sqlite_error (self, error, "setting");
          sqlite3_reset (stmt);
          break;
        }
      ok = sqlite3_changes (desk_store_get_db (self)) > 0;
      sqlite3_reset (stmt);
    }
  desk_store_unlock (self);
  return ok;
}
