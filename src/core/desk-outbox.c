#define G_LOG_DOMAIN "desk-outbox"

#include "config.h"

#include "desk-outbox.h"
#include "desk-store-private.h"

static gboolean
run_on_mutation (DeskStore   *store,
                 const char  *sql,
                 gint64       mutation_id,
                 const char  *reason,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  desk_store_lock (store);
  stmt = desk_store_prepare (store, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, mutation_id);
      if (reason != NULL)
        sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        desk_store_set_sqlite_error (store, error, "outbox");
      sqlite3_reset (stmt);
    }
  desk_store_unlock (store);
  return ok;
}

gboolean
desk_outbox_acknowledge (DeskStore   *store,
                         gint64       mutation_id,
                         GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  /* AUTOINCREMENT keeps later ids above this one after the row is gone. */
  return run_on_mutation (store, "DELETE FROM outbox WHERE mutation_id = ?1",
                          mutation_id, NULL, error);
}

gboolean
desk_outbox_reject (DeskStore   *store,
                    gint64       mutation_id,
                    const char  *reason,
                    GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  return run_on_mutation (store, "UPDATE outbox SET state = 'rejected', reason = ?2 WHERE mutation_id = ?1",
                          mutation_id, reason, error);
}

gint64
desk_sync_get_cursor (DeskStore *store)
{
  g_autofree char *text = desk_store_get_setting (store, "sync_version");
  guint64 version = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &version, NULL))
    return 0;
  return (gint64) version;
}

gboolean
desk_sync_set_cursor (DeskStore   *store,
                      gint64       version,
                      GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  g_return_val_if_fail (version >= 0, FALSE);
  return desk_store_set_setting (store, "sync_version", text, error);
}
