#define G_LOG_DOMAIN "desk-server-storage-sqlite"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk-server-storage-sqlite-private.h"

struct _DeskServerStorageSqlite
{
  GObject    parent_instance;

  DeskStore *store;
};

static void storage_iface_init (DeskServerStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskServerStorageSqlite, desk_server_storage_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DESK_TYPE_SERVER_STORAGE, storage_iface_init))

/* Server-only tables, beside the DeskStore's record tables. Records are
 * written only through desk_merge_mutation (the one write path). */
static const char server_tables[] =
  "CREATE TABLE IF NOT EXISTS accounts ("
  "  username TEXT PRIMARY KEY NOT NULL, role TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  token_hash TEXT PRIMARY KEY NOT NULL, username TEXT NOT NULL,"
  "  client_id TEXT NOT NULL, expires_at INTEGER NOT NULL,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX IF NOT EXISTS tokens_username ON tokens (username);"
  "CREATE TABLE IF NOT EXISTS clients ("
  "  client_id TEXT PRIMARY KEY NOT NULL, username TEXT,"
  "  last_mutation_id INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS change_log ("
  "  version INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL,"
  "  record_id TEXT NOT NULL, action TEXT, author TEXT, at TEXT,"
  "  field TEXT NOT NULL, value TEXT, hlc TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS change_log_record ON change_log (table_name, record_id, field);"
  "CREATE TABLE IF NOT EXISTS rejected ("
  "  client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL, reason TEXT,"
  "  at TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS login_failures ("
  "  key TEXT PRIMARY KEY NOT NULL, count INTEGER NOT NULL, last_at INTEGER NOT NULL);";

/* Inside a batch (see desk_server_storage_begin_batch) a transaction is a
 * savepoint of the batch's transaction, or, unguarded, just a part of it. */
#define BATCH_KEY "desk-server-batch"

static gboolean
in_batch (DeskStore *store)
{
  return g_object_get_data (G_OBJECT (store), BATCH_KEY) != NULL;
}

gboolean
desk_server_sqlite_begin (DeskStore  *store,
                          GError    **error)
{
  desk_store_lock (store);
  if (in_batch (store) && desk_store_get_unguarded (store))
    return TRUE;
  if (desk_store_exec (store, in_batch (store) ? "SAVEPOINT desk_server_step" : "BEGIN IMMEDIATE", error))
    return TRUE;
  desk_store_unlock (store);
  return FALSE;
}

gboolean
desk_server_sqlite_finish (DeskStore  *store,
                           gboolean    ok,
                           GError    **error)
{
  gboolean batch = in_batch (store);

  /* The whole batch is rolled back if anything failed (abort_batch). */
  if (batch && desk_store_get_unguarded (store))
    {
      desk_store_unlock (store);
      return ok;
    }
  if (ok)
    ok = desk_store_exec (store, batch ? "RELEASE desk_server_step" : "COMMIT", error);
  if (!ok && batch)
    {
      desk_store_exec (store, "ROLLBACK TO desk_server_step", NULL);
      desk_store_exec (store, "RELEASE desk_server_step", NULL);
    }
  else if (!ok)
    desk_store_exec (store, "ROLLBACK", NULL);
  desk_store_unlock (store);
  return ok;
}

/* Steps a statement that returns no rows; the store is locked. */
gboolean
desk_server_sqlite_step_done (DeskStore     *store,
                              sqlite3_stmt  *stmt,
                              const char    *what,
                              GError       **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    {
      if ((sqlite3_extended_errcode (desk_store_get_db (store)) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_EXISTS, "%s: already there", what);
      else
        desk_store_set_sqlite_error (store, error, what);
    }
  sqlite3_reset (stmt);
  return ok;
}

DeskStore *
desk_server_storage_sqlite_get_store (DeskServerStorageSqlite *self)
{
  return self->store;
}

static int
get_schema_version (DeskServerStorage *storage)
{
  return desk_store_get_schema_version (DESK_SERVER_STORAGE_SQLITE (storage)->store);
}

/* The store stays locked from the batch's BEGIN to its COMMIT. */
static gboolean
begin_batch (DeskServerStorage  *storage,
             gboolean            guarded,
             GError            **error)
{
  DeskStore *store = DESK_SERVER_STORAGE_SQLITE (storage)->store;

  g_return_val_if_fail (!in_batch (store), FALSE);
  if (!desk_server_sqlite_begin (store, error))
    return FALSE;
  g_object_set_data (G_OBJECT (store), BATCH_KEY, GINT_TO_POINTER (TRUE));
  desk_store_set_unguarded (store, !guarded);
  return TRUE;
}

static gboolean
close_batch (DeskStore  *store,
             gboolean    commit,
             GError    **error)
{
  g_return_val_if_fail (in_batch (store), FALSE);
  desk_store_set_unguarded (store, FALSE);
  g_object_set_data (G_OBJECT (store), BATCH_KEY, NULL);
  return desk_server_sqlite_finish (store, commit, error);
}

static gboolean
end_batch (DeskServerStorage  *storage,
           GError            **error)
{
  return close_batch (DESK_SERVER_STORAGE_SQLITE (storage)->store, TRUE, error);
}

static void
abort_batch (DeskServerStorage *storage)
{
  close_batch (DESK_SERVER_STORAGE_SQLITE (storage)->store, FALSE, NULL);
}

static gboolean
push (DeskServerStorage  *storage,
      const char         *client_id,
      const char         *username,
      DeskRole            role,
      const DeskMutation *mutation,
      DeskPushOutcome    *outcome,
      GError            **error)
{
  return desk_server_sqlite_push (storage, DESK_SERVER_STORAGE_SQLITE (storage)->store,
                                  client_id, username, role, mutation, outcome, error);
}

static GPtrArray *
pull (DeskServerStorage  *storage,
      gint64              after,
      guint               limit,
      gint64             *version,
      gboolean           *more,
      GError            **error)
{
  return desk_server_sqlite_pull (DESK_SERVER_STORAGE_SQLITE (storage)->store,
                                  after, limit, version, more, error);
}

static gint64
get_version (DeskServerStorage  *storage,
             GError            **error)
{
  return desk_server_sqlite_get_version (DESK_SERVER_STORAGE_SQLITE (storage)->store, error);
}

static gboolean
lookup_conflict (DeskServerStorage  *storage,
                 const char         *conflict_id,
                 char              **table_name,
                 char              **field,
                 GError            **error)
{
  return desk_server_sqlite_lookup_conflict (DESK_SERVER_STORAGE_SQLITE (storage)->store,
                                             conflict_id, table_name, field, error);
}

static void
storage_iface_init (DeskServerStorageInterface *iface)
{
  desk_server_sqlite_accounts_iface_init (iface);
  iface->get_schema_version = get_schema_version;
  iface->begin_batch = begin_batch;
  iface->end_batch = end_batch;
  iface->abort_batch = abort_batch;
  iface->push = push;
  iface->pull = pull;
  iface->get_version = get_version;
  iface->lookup_conflict = lookup_conflict;
}

static void
desk_server_storage_sqlite_finalize (GObject *object)
{
  DeskServerStorageSqlite *self = DESK_SERVER_STORAGE_SQLITE (object);

  if (self->store != NULL)
    desk_store_close (self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_server_storage_sqlite_parent_class)->finalize (object);
}

static void
desk_server_storage_sqlite_class_init (DeskServerStorageSqliteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_server_storage_sqlite_finalize;
}

static void
desk_server_storage_sqlite_init (DeskServerStorageSqlite *self)
{
}

static gboolean
write_new_key (const char  *path,
               GError     **error)
{
  g_autoptr(DeskKey) key = desk_key_new_random ();
  char *hex = desk_key_to_hex (key);
  g_autofree char *line = g_strconcat (hex, "\n", NULL);
  gsize length = strlen (line);
  gsize done = 0;
  int saved = 0;
  int fd;

  desk_secure_free (hex);
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    saved = errno;
  while (fd >= 0 && saved == 0 && done < length)
    {
      gssize n = write (fd, line + done, length - done);

      if (n < 0 && errno != EINTR)
        saved = errno;
      else if (n > 0)
        done += (gsize) n;
    }
  if (fd >= 0 && saved == 0 && fsync (fd) != 0)
    saved = errno;
  if (fd >= 0)
    close (fd);
  memset (line, 0, length);

  if (saved != 0)
    {
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_FAILED,
                   "Cannot write the key file “%s”: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static DeskKey *
load_or_make_key (const char  *dir,
                  GError     **error)
{
  g_autofree char *key_path = g_build_filename (dir, "server.key", NULL);
  g_autofree char *db_path = g_build_filename (dir, "server.db", NULL);
  GStatBuf info;

  if (g_stat (key_path, &info) != 0)
    {
      /* A database without its key is unreadable: never make a new key for it. */
      if (g_file_test (db_path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_FAILED,
                       "“%s” exists but its key file “%s” is missing; no new key was made",
                       db_path, key_path);
          return NULL;
        }
      if (!write_new_key (key_path, error))
        return NULL;
    }
  else if ((info.st_mode & 077) != 0)
    {
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_INVALID,
                   "The key file “%s” may be read by others; make it private (chmod 600)",
                   key_path);
      return NULL;
    }

  return desk_key_new_from_file (key_path, error);
}

DeskServerStorage *
desk_server_storage_sqlite_open (const char  *data_dir,
                                 GError     **error)
{
  g_autoptr(DeskServerStorageSqlite) self = NULL;
  g_autoptr(DeskKey) key = NULL;
  g_autofree char *db_path = NULL;
  gboolean ok;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_FAILED,
                   "Cannot create the data folder “%s”: %s", data_dir, g_strerror (saved));
      return NULL;
    }

  key = load_or_make_key (data_dir, error);
  if (key == NULL)
    return NULL;

  self = g_object_new (DESK_TYPE_SERVER_STORAGE_SQLITE, NULL);
  db_path = g_build_filename (data_dir, "server.db", NULL);
  self->store = desk_store_open (db_path, key, error);
  if (self->store == NULL)
    return NULL;

  if (!desk_server_sqlite_begin (self->store, error))
    return NULL;
  ok = desk_store_exec (self->store, server_tables, error);
  if (!desk_server_sqlite_finish (self->store, ok, ok ? error : NULL))
    return NULL;

  return DESK_SERVER_STORAGE (g_steal_pointer (&self));
}
