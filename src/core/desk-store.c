#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-store-private.h"

/* The page cache (KiB): the pages the lists and records in use read again.
 * A scan of a whole table or index runs with the small one (desk_store_scan). */
#define CACHE_KIB 16384
#define SCAN_CACHE_KIB 512

struct _DeskStore
{
  GObject         parent_instance;

  sqlite3        *db;
  GRecMutex       lock;
  GHashTable     *statements;   /* sql → sqlite3_stmt* */
  GThreadPool    *worker;       /* one thread: database work off the main thread */
  GMainContext   *owner;        /* where "changed" is emitted */
  GCancellable   *current_job;  /* of the job the worker runs now … */
  GThread        *job_thread;   /* … on this thread */
  gint            closing;      /* atomic: stop long reads, finish writes */

  char           *path;
  char           *node_id;
  GMutex          author_lock;  /* never the database lock: the UI must not wait on a query */
  char           *author;
  gboolean        author_unsaved;
  char           *cipher_version;
  int             schema_version;
  DeskHlc         hlc;
  DeskStoreFault  fault;
  gboolean        unguarded;    /* see desk_store_set_unguarded() */
};

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (desk-store-error-quark, desk_store_error)

typedef struct
{
  DeskStoreFunc   func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free)
    job->data_free (job->data);
  g_free (job);
}

static gboolean
unref_in_owner (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Always through the owner's loop, never g_main_context_invoke(): that runs
 * the callback at once in the calling thread whenever the owner's context
 * happens to be free, which would emit "changed" on the database thread or
 * finalize the store there (and wait for itself). */
static void
run_in_owner (DeskStore      *self,
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

static void
run_job_in_worker (gpointer data,
                   gpointer user_data)
{
  GTask *task = data;
  DeskStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (!g_task_return_error_if_cancelled (task))
    {
      self->job_thread = g_thread_self ();
      self->current_job = g_task_get_cancellable (task);
      result = job->func (self, job->data, &error);
      self->current_job = NULL;
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, result, job->result_free);
    }

  /* The task holds the store: dropping the last reference here would
   * finalize the store on its own worker thread and wait for itself. */
  run_in_owner (self, unref_in_owner, task, NULL);
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

gboolean
desk_store_reads_should_stop (DeskStore *self)
{
  if (g_atomic_int_get (&self->closing))
    return TRUE;
  /* current_job belongs to the worker: other threads never look at it. */
  return g_thread_self () == self->job_thread &&
         self->current_job != NULL &&
         g_cancellable_is_cancelled (self->current_job);
}

static int
on_progress_cb (void *store)
{
  return desk_store_reads_should_stop (store);
}

void
desk_store_watch_read (DeskStore *self,
                       gboolean   on)
{
  sqlite3_progress_handler (self->db, on ? 10000 : 0, on ? on_progress_cb : NULL, self);
}

void
desk_store_scan (DeskStore *self,
                 gboolean   on)
{
  /* Lowering the size drops the pages over it; raising it reads nothing. */
  sqlite3_exec (self->db, on ? "PRAGMA cache_size = -" G_STRINGIFY (SCAN_CACHE_KIB)
                             : "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB),
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
  run_in_owner (self, emit_changed_in_owner, pair, NULL);
}

static char *
query_single_text (DeskStore  *self,
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

static char *
new_node_id (void)
{
  return g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
}

static gboolean
apply_pragmas (DeskStore     *self,
               const DeskKey *key,
               GError       **error)
{
  char *key_value = desk_key_to_pragma_value (key);
  char *key_sql = g_strdup_printf ("PRAGMA key = %s", key_value);
  gboolean keyed;

  keyed = sqlite3_exec (self->db, key_sql, NULL, NULL, NULL) == SQLITE_OK;
  desk_secure_free (key_sql);
  desk_secure_free (key_value);
  if (!keyed)
    return desk_store_set_sqlite_error (self, error, "key");

  /* Plain SQLite ignores PRAGMA key: refuse to write a plaintext file. */
  self->cipher_version = query_single_text (self, "PRAGMA cipher_version");
  if (self->cipher_version == NULL || *self->cipher_version == '\0')
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_ENCRYPTED,
                   _("SQLCipher is not active in this build, so the database would not be encrypted; refusing to open it"));
      return FALSE;
    }

  /* The first read proves the key: a wrong one fails here, before any write. */
  if (sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK)
    return desk_store_set_sqlite_error (self, error, "unlock");

  return desk_store_exec (self,
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA secure_delete = ON;"
                          "PRAGMA temp_store = MEMORY;"
                          "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB) ";",
                          error);
}

static gboolean
load_identity (DeskStore  *self,
               GError    **error)
{
  g_autofree char *hlc_text = NULL;
  DeskHlc stored;

  self->node_id = desk_store_get_setting (self, "node_id");
  if (self->node_id == NULL)
    {
      self->node_id = new_node_id ();
      if (!desk_store_set_setting (self, "node_id", self->node_id, error))
        return FALSE;
    }

  desk_hlc_init (&self->hlc, self->node_id);
  hlc_text = desk_store_get_setting (self, "hlc");
  if (desk_hlc_parse (hlc_text, &stored))
    {
      self->hlc.wall_ms = stored.wall_ms;
      self->hlc.counter = stored.counter;
    }

  self->author = desk_store_get_setting (self, "author");
  return desk_store_set_setting (self, "cipher_version", self->cipher_version, error);
}

DeskStore *
desk_store_open (const char     *path,
                 const DeskKey  *key,
                 GError        **error)
{
  g_autoptr(DeskStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
                   _("Cannot create the folder “%s” for the database"), dir);
      return NULL;
    }

  self = g_object_new (DESK_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
                   _("Cannot open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);

  if (!apply_pragmas (self, key, error) ||
      !desk_migrations_run (self, &self->schema_version, error) ||
      !load_identity (self, error))
    return NULL;

  return g_steal_pointer (&self);
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
      ok = sqlite3_changes (self->db) > 0;
      sqlite3_reset (stmt);
    }
  desk_store_unlock (self);
  return ok;
}

void
desk_store_run_async (DeskStore           *self,
                      DeskStoreFunc        func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_store_run_async);
  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (self->worker == NULL)
    self->worker = g_thread_pool_new (run_job_in_worker, NULL, 1, FALSE, NULL);
  g_thread_pool_push (self->worker, task, NULL);
}

gpointer
desk_store_run_finish (DeskStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
apply_in_worker (DeskStore  *self,
                 gpointer    data,
                 GError    **error)
{
  return desk_store_apply (self, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
desk_store_apply_async (DeskStore           *self,
                        DeskChange          *change,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (change != NULL);

  desk_store_run_async (self, apply_in_worker, change, (GDestroyNotify) desk_change_free,
                        NULL, cancellable, callback, user_data);
}

gboolean
desk_store_apply_finish (DeskStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return desk_store_run_finish (self, result, error) != NULL;
}

gboolean
desk_store_check_integrity (DeskStore  *self,
                            GError    **error)
{
  g_autofree char *result = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  desk_store_lock (self);
  result = query_single_text (self, "PRAGMA integrity_check");
  desk_store_unlock (self);
  if (g_strcmp0 (result, "ok") == 0)
    return TRUE;
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
               _("The database is damaged: %s"), result ? result : _("cannot be read"));
  return FALSE;
}
