#define G_LOG_DOMAIN "desk-store-open"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "desk-keyring.h"
#include "desk-store.h"

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
