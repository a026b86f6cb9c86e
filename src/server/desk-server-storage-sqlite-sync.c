#define G_LOG_DOMAIN "desk-server-storage-sqlite"

#include "config.h"

#include <string.h>

#include "desk-merge.h"
#include "desk-server-rules.h"
#include "desk-server-storage-sqlite-private.h"

/* Push and pull for the SQLite backend (docs/sync-protocol.md). */

/* -1 on error; 0 for a client never seen. */
static gint64
read_last_mutation_id (DeskStore   *store,
                       const char  *client_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  stmt = desk_store_prepare (store, "SELECT last_mutation_id FROM clients WHERE client_id = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      desk_store_set_sqlite_error (store, error, "last mutation");
      last = -1;
    }
  sqlite3_reset (stmt);
  return last;
}

static gboolean
save_client (DeskStore   *store,
             const char  *client_id,
             const char  *username,
             gint64       last,
             GError     **error)
{
  /* An UPDATE, then an INSERT for a new client: INSERT OR REPLACE keeps a
   * statement journal, which SQLCipher encrypts page by page. */
  static const char *const sql[] = {
    "UPDATE OR FAIL clients SET username = ?2, last_mutation_id = ?3 WHERE client_id = ?1",
    "INSERT INTO clients (client_id, username, last_mutation_id) VALUES (?1, ?2, ?3)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = desk_store_prepare (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, last);
      if (!desk_server_sqlite_step_done (store, stmt, "save client", error))
        return FALSE;
      if (sqlite3_changes (desk_store_get_db (store)) > 0)
        return TRUE;
    }
  return desk_store_set_sqlite_error (store, error, "save client");
}

static gboolean
note_rejected (DeskStore   *store,
               const char  *client_id,
               gint64       mutation_id,
               const char  *reason,
               GError     **error)
{
  g_autofree char *now = desk_now_iso (NULL);
  sqlite3_stmt *stmt;

  stmt = desk_store_prepare (store,
                             "INSERT INTO rejected (client_id, mutation_id, reason, at) VALUES (?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, mutation_id);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  return desk_server_sqlite_step_done (store, stmt, "note rejected", error);
}

/* Every written field gets the next global version. */
static gboolean
log_written (DeskStore  *store,
             GPtrArray  *written,
             GError    **error)
{
  for (guint i = 0; i < written->len; i++)
    {
      const DeskWrittenField *w = g_ptr_array_index (written, i);
      sqlite3_stmt *stmt;

      stmt = desk_store_prepare (store,
                                 "INSERT INTO change_log (table_name, record_id, action, author, at, field, value, hlc) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, w->table, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, w->record, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, w->action, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, w->author, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, w->at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, w->field, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, w->value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, w->hlc, -1, SQLITE_TRANSIENT);
      if (!desk_server_sqlite_step_done (store, stmt, "change log", error))
        return FALSE;
    }
  return TRUE;
}

/* Did the change log get the mutation's fields exactly as sent? Then the
 * desk that sent it holds all of it already. */
static gboolean
logged_as_sent (const DeskMutation *mutation,
                GPtrArray          *written)
{
  guint n_fields = 0;

  for (guint i = 0; i < mutation->fields->len; i++)
    {
      const DeskMutationField *f = g_ptr_array_index (mutation->fields, i);

      /* The merge writes only the flag of a delete. */
      if (mutation->op != DESK_CHANGE_DELETE || g_strcmp0 (f->field, "deleted") == 0)
        n_fields++;
    }
  if (written->len != n_fields)
    return FALSE;
  for (guint i = 0; i < written->len; i++)
    {
      const DeskWrittenField *w = g_ptr_array_index (written, i);

      /* A conflict record is a change the desk does not hold. */
      if (g_strcmp0 (w->table, mutation->table) != 0 || g_strcmp0 (w->record, mutation->record) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The rules checked every value with messages that never quote one, so
 * the write path should not refuse a value; if it does, its message may
 * quote it, and a reason is kept and sent back: then say less. */
static char *
reason_without_values (const char         *message,
                       const DeskMutation *mutation)
{
  for (guint i = 0; i < mutation->fields->len; i++)
    {
      const DeskMutationField *f = g_ptr_array_index (mutation->fields, i);

      if (f->value != NULL && strlen (f->value) >= 3 && strstr (message, f->value) != NULL)
        return g_strdup_printf ("A value of this change to a %s record is not valid", mutation->table);
    }
  return g_strdup (message);
}

/* The merge under its own savepoint, so a refused mutation leaves nothing
 * behind whatever the write path did before it gave up. FALSE only for a
 * storage failure; a refusal sets @reason. Unguarded (a batch without
 * savepoints) there is nothing to roll back to: a refusal fails too, and
 * the batch is done again guarded. */
static gboolean
merge (DeskStore           *store,
       const DeskMutation  *mutation,
       GPtrArray           *written,
       char               **reason,
       GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (desk_store_get_unguarded (store))
    return desk_merge_mutation (store, mutation, written, error);

  if (!desk_store_exec (store, "SAVEPOINT desk_server_merge", error))
    return FALSE;

  if (desk_merge_mutation (store, mutation, written, &local_error))
    return desk_store_exec (store, "RELEASE desk_server_merge", error);

  g_ptr_array_set_size (written, 0);
  if (!desk_store_exec (store, "ROLLBACK TO desk_server_merge", error) ||
      !desk_store_exec (store, "RELEASE desk_server_merge", error))
    return FALSE;

  if (g_error_matches (local_error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID))
    {
      *reason = reason_without_values (local_error->message, mutation);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
desk_server_sqlite_push (DeskServerStorage  *storage,
                         DeskStore          *store,
                         const char         *client_id,
                         const char         *username,
                         DeskRole            role,
                         const DeskMutation *mutation,
                         DeskPushOutcome    *outcome,
                         GError            **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_written_field_free);
  g_autofree char *reason = NULL;
  gboolean ok;
  gint64 last;

  outcome->status = DESK_PUSH_APPLIED;
  outcome->reason = NULL;
  outcome->expected = 0;
  outcome->n_logged = 0;
  outcome->echoed = FALSE;

  if (!desk_server_sqlite_begin (store, error))
    return FALSE;

  last = read_last_mutation_id (store, client_id, error);
  if (last < 0)
    return desk_server_sqlite_finish (store, FALSE, NULL);

  if (mutation->id <= last || mutation->id > last + 1)
    {
      /* Nothing to write: a duplicate was applied before; a gap waits for
       * the mutations in between. */
      outcome->status = mutation->id <= last ? DESK_PUSH_DUPLICATE : DESK_PUSH_GAP;
      outcome->expected = last + 1;
      desk_server_sqlite_finish (store, FALSE, NULL);
      return TRUE;
    }

  ok = TRUE;
  if (desk_server_rules_check_push (storage, role, mutation, &reason))
    ok = merge (store, mutation, written, &reason, error);

  if (ok && reason != NULL)
    {
      outcome->status = DESK_PUSH_REJECTED;
      ok = note_rejected (store, client_id, mutation->id, reason, error);
    }
  else if (ok)
    ok = log_written (store, written, error);

  /* A refused mutation still uses its id: the client moves on. */
  ok = ok && save_client (store, client_id, username, mutation->id, error);

  if (!desk_server_sqlite_finish (store, ok, error))
    return FALSE;

  outcome->reason = g_steal_pointer (&reason);
  outcome->n_logged = outcome->status == DESK_PUSH_APPLIED ? written->len : 0;
  outcome->echoed = outcome->status == DESK_PUSH_APPLIED && logged_as_sent (mutation, written);
  return TRUE;
}

/* The store is locked. */
static gint64
version_locked (DeskStore  *store,
                GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 version = -1;

  stmt = desk_store_prepare (store, "SELECT COALESCE (MAX (version), 0) FROM change_log", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  else
    desk_store_set_sqlite_error (store, error, "version");
  sqlite3_reset (stmt);
  return version;
}

gint64
desk_server_sqlite_get_version (DeskStore  *store,
                                GError    **error)
{
  gint64 version;

  desk_store_lock (store);
  version = version_locked (store, error);
  desk_store_unlock (store);
  return version;
}

static DeskPulledChange *
read_change (sqlite3_stmt *stmt)
{
  DeskPulledChange *change = g_new0 (DeskPulledChange, 1);

  change->version = sqlite3_column_int64 (stmt, 0);
  change->table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  change->record = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  change->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  change->author = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  change->at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  change->field = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  change->value = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  change->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  return change;
}

GPtrArray *
desk_server_sqlite_pull (DeskStore  *store,
                         gint64      after,
                         guint       limit,
                         gint64     *version,
                         gboolean   *more,
                         GError    **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_pulled_change_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc = SQLITE_DONE;

  *more = FALSE;
  *version = after;
  limit = MAX (limit, 1);

  /* Under the lock no push commits between the page and the newest version. */
  desk_store_lock (store);
  stmt = desk_store_prepare (store,
                             "SELECT version, table_name, record_id, action, author, at, field, value, hlc "
                             "FROM change_log WHERE version > ? ORDER BY version LIMIT ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, after);
      sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (changes->len == limit)
            {
              *more = TRUE;
              break;
            }
          g_ptr_array_add (changes, read_change (stmt));
        }
      ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
      if (!ok)
        desk_store_set_sqlite_error (store, error, "pull");
      sqlite3_reset (stmt);
    }

  if (ok && *more)
    *version = ((DeskPulledChange *) g_ptr_array_index (changes, changes->len - 1))->version;
  else if (ok)
    {
      *version = version_locked (store, error);
      ok = *version >= 0;
    }
  desk_store_unlock (store);

  return ok ? g_steal_pointer (&changes) : NULL;
}

gboolean
desk_server_sqlite_lookup_conflict (DeskStore   *store,
                                    const char  *conflict_id,
                                    char       **table_name,
                                    char       **field,
                                    GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc = SQLITE_DONE;

  *table_name = NULL;
  *field = NULL;

  desk_store_lock (store);
  stmt = desk_store_prepare (store,
                             "SELECT field, value FROM change_log "
                             "WHERE table_name = 'conflict' AND record_id = ? "
                             "AND field IN ('table_name', 'field') ORDER BY version", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          char **slot = g_strcmp0 (name, "table_name") == 0 ? table_name : field;

          /* The last write wins, as in the record itself. */
          g_free (*slot);
          *slot = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        desk_store_set_sqlite_error (store, error, "conflict");
      sqlite3_reset (stmt);
    }
  desk_store_unlock (store);

  if (!ok || *table_name == NULL)
    {
      g_clear_pointer (table_name, g_free);
      g_clear_pointer (field, g_free);
      return FALSE;
    }
  return TRUE;
}
