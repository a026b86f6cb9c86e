#define G_LOG_DOMAIN "desk-store-open"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "desk-text-collation.h"
#include "desk-keyring.h"
#include "desk-store-object-private.h"

/* Opening a store: the connection keyed and checked to be encrypted, the
 * schema migrated, this desk's identity loaded; and the key policy of
 * DESIGN.md "Store" around it. */

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
  self->cipher_version = desk_store_query_text (self, "PRAGMA cipher_version");
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
                          "PRAGMA cache_size = -" G_STRINGIFY (DESK_STORE_CACHE_KIB) ";",
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
  /* Before anything reads the lists' indexes, which use it. */
  if (desk_text_collation_register (self->db) != SQLITE_OK)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
                   _("Cannot open the database “%s”: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (!apply_pragmas (self, key, error) ||
      !desk_migrations_run (self, &self->schema_version, error) ||
      !load_identity (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* DESIGN.md "Store": store the key first and create the database only after
 * the store succeeded; a database without a findable key is never replaced. */
DeskStore *
desk_store_open_with_keyring (const char    *path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  key = desk_keyring_lookup (path, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (key != NULL)
    return desk_store_open (path, key, error);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_KEY_NOT_FOUND,
                   _("The database exists but its key is not in the keyring. The keyring may be locked or was reset; unlock it, or open the database with its passphrase. No new database was made."));
      return NULL;
    }

  key = desk_key_new_random ();
  if (!desk_keyring_store (path, key, cancellable, error))
    {
      g_prefix_error (error, _("Cannot keep the new database key in the keyring, so no database was made: "));
      return NULL;
    }

  return desk_store_open (path, key, error);
}
