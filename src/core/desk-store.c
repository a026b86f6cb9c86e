#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-store-object-private.h"

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (desk-store-error-quark, desk_store_error)

/* Always through the owner's loop, never g_main_context_invoke(): that runs
 * the callback at once in the calling thread whenever the owner's context
 * happens to be free, which would emit "changed" on the database thread or
 * finalize the store there (and wait for itself). */
void
desk_store_run_in_owner (DeskStore      *self,
                         GSourceFunc     func,
                         gpointer        data,
                         GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[arrestdesk] store to owner");
  g_source_attach (source, self->owner);
  g_source_unref (source);
}

char *
desk_now_iso (gint64 *now_ms_out)
{
  gint64 now_us = g_get_real_time ();
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);

  if (now_ms_out)
    *now_ms_out = now_us / 1000;
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
desk_sql_quote_identifier (const char *name)
{
  /* Names come from desk-schema.c, never from input; still refuse a quote. */
  g_assert (strchr (name, '"') == NULL);
  return g_strdup_printf ("\"%s\"", name);
}

gboolean
desk_store_set_sqlite_error (DeskStore   *self,
                             GError     **error,
                             const char  *what)
{
  int code = self->db ? sqlite3_extended_errcode (self->db) : SQLITE_ERROR;
  const char *message = self->db ? sqlite3_errmsg (self->db) : "no database";

  if ((code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_WRONG_KEY,
                 _("The database could not be unlocked: the key or passphrase is wrong, or the file is not an ArrestDesk database"));
  else
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
                 _("Database error (%s): %s"), what, message);
  return FALSE;
}

sqlite3 *
desk_store_get_db (DeskStore *self)
{
  return self->db;
}

void
desk_store_lock (DeskStore *self)
{
  g_rec_mutex_lock (&self->lock);
}

void
desk_store_unlock (DeskStore *self)
{
  g_rec_mutex_unlock (&self->lock);
}

DeskHlc *
desk_store_get_hlc (DeskStore *self)
{
  return &self->hlc;
}

void
desk_store_scan (DeskStore *self,
                 gboolean   on)
{
  /* Lowering the size drops the pages over it; raising it reads nothing. */
  sqlite3_exec (self->db, on ? "PRAGMA cache_size = -" G_STRINGIFY (DESK_STORE_SCAN_CACHE_KIB)
                             : "PRAGMA cache_size = -" G_STRINGIFY (DESK_STORE_CACHE_KIB),
                NULL, NULL, NULL);
}

DeskStoreFault
desk_store_get_fault (DeskStore *self)
{
  return self->fault;
}

void
desk_store_set_unguarded (DeskStore *self,
                          gboolean   unguarded)
{
  self->unguarded = unguarded;
}

gboolean
desk_store_get_unguarded (DeskStore *self)
{
  return self->unguarded;
}

sqlite3_stmt *
desk_store_prepare (DeskStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      desk_store_set_sqlite_error (self, error, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
desk_store_exec (DeskStore   *self,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      desk_store_set_sqlite_error (self, error, "exec");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
emit_changed_in_owner (gpointer data)
{
  gpointer *pair = data;

  g_signal_emit (pair[0], signals[CHANGED], 0, (const char *) pair[1]);
  g_object_unref (pair[0]);
  g_free (pair[1]);
  g_free (pair);
  return G_SOURCE_REMOVE;
}

void
desk_store_emit_changed (DeskStore  *self,
                         const char *table)
{
  gpointer *pair = g_new (gpointer, 2);

  pair[0] = g_object_ref (self);
  pair[1] = g_strdup (table);
  /* Writes may happen on the database thread; listeners live in the owner's loop. */
  desk_store_run_in_owner (self, emit_changed_in_owner, pair, NULL);
}

char *
desk_store_query_text (DeskStore  *self,
                       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

void
desk_store_close (DeskStore *self)
{
  g_return_if_fail (DESK_IS_STORE (self));

  /* Long reads give up (nobody waits for them any more); queued writes
   * still finish: a change handed to the store is never dropped. */
  g_atomic_int_set (&self->closing, TRUE);
  if (self->worker != NULL)
    {
      g_thread_pool_free (self->worker, FALSE, TRUE);
      self->worker = NULL;
    }

  desk_store_lock (self);
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  desk_store_unlock (self);
}

static void
desk_store_finalize (GObject *object)
{
  DeskStore *self = (DeskStore *) object;

  desk_store_close (self);
  g_hash_table_unref (self->statements);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->author_lock);
  g_main_context_unref (self->owner);
  g_free (self->path);
  g_free (self->node_id);
  g_free (self->author);
  g_free (self->cipher_version);

  G_OBJECT_CLASS (desk_store_parent_class)->finalize (object);
}

static void
desk_store_class_init (DeskStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_store_finalize;

  /**
   * DeskStore::changed:
   * @table: the record table that changed
   *
   * Emitted in the thread-default main context of the opener after a
   * transaction touching @table commits.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
desk_store_init (DeskStore *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->author_lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->owner = g_main_context_ref_thread_default ();
}

const char *
desk_store_get_path (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return self->path;
}

const char *
desk_store_get_node_id (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return self->node_id;
}

int
desk_store_get_schema_version (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  return self->schema_version;
}

const char *
desk_store_get_cipher_version (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  return self->cipher_version;
}

void
desk_store_set_author (DeskStore  *self,
                       const char *author)
{
  g_return_if_fail (DESK_IS_STORE (self));

  /* Kept in memory now, saved with the next write (desk_store_take_author). */
  g_mutex_lock (&self->author_lock);
  if (g_strcmp0 (self->author, author) != 0)
    {
      g_free (self->author);
      self->author = g_strdup (author);
      self->author_unsaved = TRUE;
    }
  g_mutex_unlock (&self->author_lock);
}

char *
desk_store_dup_author (DeskStore *self)
{
  char *author;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  g_mutex_lock (&self->author_lock);
  author = g_strdup (self->author);
  g_mutex_unlock (&self->author_lock);
  return author;
}

char *
desk_store_take_author (DeskStore *self,
                        gboolean  *unsaved)
{
  char *author;

  g_mutex_lock (&self->author_lock);
  author = g_strdup (self->author);
  *unsaved = self->author_unsaved;
  self->author_unsaved = FALSE;
  g_mutex_unlock (&self->author_lock);
  return author;
}

void
desk_store_mark_author_unsaved (DeskStore *self)
{
  g_mutex_lock (&self->author_lock);
  self->author_unsaved = TRUE;
  g_mutex_unlock (&self->author_lock);
}

void
desk_store_set_fault (DeskStore      *self,
                      DeskStoreFault  fault)
{
  g_return_if_fail (DESK_IS_STORE (self));
  self->fault = fault;
}

gboolean
desk_store_check_integrity (DeskStore  *self,
                            GError    **error)
{
  g_autofree char *result = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  desk_store_lock (self);
  result = desk_store_query_text (self, "PRAGMA integrity_check");
  desk_store_unlock (self);
  if (g_strcmp0 (result, "ok") == 0)
    return TRUE;
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
               _("The database is damaged: %s"), result ? result : _("cannot be read"));
  return FALSE;
}
